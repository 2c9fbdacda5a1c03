"""Prose task items (2022 CCHC plan, công văn proposing 2024 tasks) against the gold, DOCX and PDF."""

from __future__ import annotations

import dataclasses
import importlib.util
from functools import lru_cache

import pytest

from tests.conftest import corpus_file, gold
from extractors import extract
from extractors.model import Document, Paragraph, Table, Row, Cell
from pipeline.evaluate import score_tasks
from pipeline.stages.tasks.prose import tasks_from_prose

PROSE_DOCS = ["2022-kh-cchc-skhcn", "2023-cv-vpubnd-de-xuat-cchc-2024"]
TABLE_DOCS = [
    "2023-kh-kstthc-skhcn",
    "2024-kh-truyenthong-skhcn",
    "2025-kh-kstthc-skhcn",
    "lamdong-kh-cchc-2026",
    "lamdong-kh-tuyentruyen-cchc-2026",
]
FORMATS = ["docx", "pdf"]


def _needs_backend(fmt: str) -> None:
    if importlib.util.find_spec(f"extractors.{fmt}.backend") is None:
        pytest.skip(f"the {fmt.upper()} backend is not there yet")


@lru_cache(maxsize=None)
def _rows(doc_id: str, fmt: str):
    _needs_backend(fmt)
    return tasks_from_prose(extract(corpus_file(f"{doc_id}.{fmt}")))


def _by_stt(rows, section, stt):
    found = [r for r in rows if r.section == section and r.stt == stt]
    assert found, f"no row {section} {stt}"
    return found


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc_id", PROSE_DOCS)
def test_prose_tasks_against_gold(doc_id, fmt):
    rows = _rows(doc_id, fmt)
    res = score_tasks(gold(doc_id)["tasks"], [dataclasses.asdict(r) for r in rows])
    f1 = 2 * res["tp"] / (res["gold"] + res["pred"])
    assert f1 >= 0.98, res["misses"]
    assert res["fields_ok"] / res["fields"] >= 0.95, res["misses"]
    assert all(r.origin == "prose" and r.task_seq == 0 for r in rows)


@pytest.mark.parametrize("fmt", FORMATS)
def test_2022_rows_field_by_field(fmt):
    rows = _rows("2022-kh-cchc-skhcn", fmt)
    assert len({(r.section, r.stt) for r in rows}) == 37
    (c,) = _by_stt(rows, "II.1", "c)")
    assert c.content.startswith("Trên cơ sở kế hoạch trọng tâm của UBND tỉnh")
    assert c.content.endswith("theo dõi thi hành pháp luật của Sở")  # the closing ":" is not text
    assert c.lead_raw == "Thanh tra Sở."
    assert c.support_raw == "Phòng Hành chính - Tổng hợp và các phòng, đơn vị thuộc Sở."
    assert c.result.startswith("Kế hoạch theo dõi thi hành pháp luật của Sở năm 2021;")
    assert c.timing_raw.startswith("Quý I năm 2022 ban hành kế hoạch; định kỳ theo quy định")
    # g): two sub-tasks with their own owners, sharing product and timing printed once for the item
    g1, g2 = _by_stt(rows, "II.2", "g)")
    assert (g1.sub, g2.sub) == ("1", "2")
    assert g1.parent_content == g2.parent_content
    assert g1.parent_content.startswith("Tổ chức triển khai thực hiện nghiêm túc công tác tiếp nhận")
    assert g1.content.startswith("Niêm yết bảng thông báo") and g2.content.startswith("Tiếp nhận, xử lý phản ánh")
    for g in (g1, g2):
        assert g.lead_raw == "Phòng Hành chính - Tổng hợp và Trung tâm Ứng dụng và Dịch vụ KHCN."
        assert g.support_raw == "Các phòng, đơn vị thuộc Sở."
        assert g.timing_raw == "Thường xuyên trong năm."
        assert g.result.startswith("Tại trụ sở làm việc của Sở")
    # items the authors left without fields are tasks all the same
    (h,) = _by_stt(rows, "II.2", "h)")
    assert (h.lead_raw, h.result, h.timing_raw) == ("", "", "")
    (d,) = _by_stt(rows, "II.4", "d)")
    assert d.content.startswith("Kiểm tra việc thực hiện Quyết định số 48/2021/QĐ-UBND")
    # "6.1" is a task under "6."; "6.2." a heading over a) b); under "6.3." an unlabelled task
    (r61,) = _by_stt(rows, "II.6", "6.1")
    assert r61.timing_raw.startswith("Quý III năm 2021")
    assert len(_by_stt(rows, "II.6.2", "a)")) == 1
    (b62,) = _by_stt(rows, "II.6.2", "b)")
    assert b62.timing_raw == "Theo kế hoạch được phê duyệt."  # printed "- + Thời gian thực hiện:"
    (r63,) = _by_stt(rows, "II.6.3", "")
    assert r63.content.startswith("Duy trì và cải tiến") and r63.result == ""
    assert [r.stt for r in rows if r.section == "II.6"] == ["6.1", "6.4", "6.5"]
    (r7,) = _by_stt(rows, "II.7", "")
    assert r7.lead_raw == "Phòng Quản lý Công nghệ Chuyên ngành."
    (row_l,) = _by_stt(rows, "II.2", "l)")
    assert row_l.lead_raw.startswith("Phòng Hành chính - Tổng hợp và công chức")  # "Đơn vị, cá nhân chủ trì"
    # nothing from "I. Mục đích, yêu cầu" or "III. Tổ chức thực hiện"
    assert not [r for r in rows if not r.section.startswith("II.")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_cong_van_rows_field_by_field(fmt):
    rows = _rows("2023-cv-vpubnd-de-xuat-cchc-2024", fmt)
    assert [r.stt for r in rows if not r.sub] == [str(i) for i in range(1, 17) if i != 10]
    assert all(r.section is None for r in rows)
    (r2,) = _by_stt(rows, None, "2")
    assert r2.result.split("\n")[0].startswith("+ Kế hoạch của các sở, ban ngành")
    assert len(r2.result.split("\n")) == 3  # "- Sản phẩm:" then three "+" lines, kept as printed
    assert r2.lead_raw == "Các sở, ban ngành và UBND cấp huyện."
    (r4,) = _by_stt(rows, None, "4")
    assert r4.lead_raw.startswith("+ Văn phòng UBND tỉnh chủ trì") and r4.lead_raw.count("\n") == 1
    (r10a, r10b) = _by_stt(rows, None, "10")
    assert (
        r10a.parent_content
        == "Xây dựng, tham mưu ban hành và tổ chức thực hiện văn bản thực hiện cơ chế một cửa, một cửa liên thông."
    )
    assert r10a.content.startswith("Quyết định sửa đổi Quyết định số 1179/QĐ-UBND")
    assert r10b.content.startswith("Ban hành Quy định tiêu chí đánh giá")
    assert r10a.result == r10b.result == "Quyết định của UBND tỉnh."
    assert r10a.timing_raw == "Quý II năm 2024."  # "- Thời gian …" printed for the item
    assert r10b.timing_raw == "Quý III năm 2024."  # "- + Thời gian …" of the second sub-task
    (r14,) = _by_stt(rows, None, "14")
    assert r14.support_raw == "Văn phòng UBND tỉnh."  # "Cơ quan phối hợp, theo dõi:"
    (r15,) = _by_stt(rows, None, "15")
    assert r15.lead_raw.startswith("Văn phòng UBND tỉnh; các sở")  # "Cơ quan chủ trì thực hiện tiếp nhận:"
    (r16,) = _by_stt(rows, None, "16")
    assert "Kính gửi" not in r16.content and r16.timing_raw.endswith("trong năm 2024.")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc_id", TABLE_DOCS)
def test_documents_with_task_tables_have_no_prose_tasks(doc_id, fmt):
    assert _rows(doc_id, fmt) == []


def _doc(*texts, labels=None) -> Document:
    labels = labels or {}
    return Document(
        "x.docx", "docx", [Paragraph(t, page=1 + i // 20, list_label=labels.get(i)) for i, t in enumerate(texts)]
    )


def test_auto_numbered_items_and_page_numbers():
    # Word auto-numbering ("1." not in the text), a page number between the lines of one item,
    # an item text broken over two paragraphs, and the signature part at the end
    doc = _doc(
        "NHIỆM VỤ CỤ THỂ",
        "Xây dựng kế hoạch kiểm tra",
        "- Đơn vị chủ trì: Văn phòng.",
        "7",
        "- Thời gian thực hiện: Quý I.",
        "Triển khai tuyên truyền về cải cách",
        "thủ tục hành chính trên địa bàn tỉnh:",
        "- Cơ quan chủ trì: Sở Nội vụ.",
        "Nơi nhận:",
        "- Như trên;",
        labels={0: "II.", 1: "1.", 5: "2."},
    )
    rows = tasks_from_prose(doc)
    assert [(r.section, r.stt) for r in rows] == [("II", "1"), ("II", "2")]
    assert rows[0].lead_raw == "Văn phòng." and rows[0].timing_raw == "Quý I."
    assert rows[1].content == "Triển khai tuyên truyền về cải cách thủ tục hành chính trên địa bàn tỉnh"
    assert rows[1].lead_raw == "Sở Nội vụ." and rows[1].units_raw == "Sở Nội vụ."


def test_sources_are_the_paragraphs_of_the_item_and_its_fields():
    """Provenance: a prose task carries the paragraphs it was read from (its text, the text's
    continuation, its field lines); a sub-task its own lines, the item's text and the shared fields."""
    doc = _doc(
        "NHIỆM VỤ",
        "Triển khai tuyên truyền về cải cách",
        "thủ tục hành chính:",
        "- Cơ quan chủ trì: Sở Nội vụ.",
        "Rà soát thủ tục hành chính:",
        "- Rà soát lĩnh vực đất đai",
        "+ Cơ quan chủ trì: Sở A.",
        "- Rà soát lĩnh vực xây dựng",
        "+ Cơ quan chủ trì: Sở B.",
        "- Thời gian thực hiện: Quý II.",
        labels={0: "II.", 1: "1.", 4: "2."},
    )
    one, sub_a, sub_b = tasks_from_prose(doc)
    assert [s.block for s in one.sources] == [1, 2, 3]
    assert sorted(s.block for s in sub_a.sources) == [4, 5, 6, 9]
    assert sorted(s.block for s in sub_b.sources) == [4, 7, 8, 9]


def test_sections_that_are_not_tasks_are_left_out():
    doc = _doc(
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "- Đơn vị chủ trì: Không phải nhiệm vụ.",
        "II. NHIỆM VỤ",
        "1. Nhiệm vụ thật",
        "- Đơn vị chủ trì: Phòng A.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Các phòng báo cáo",
        "- Đơn vị chủ trì: Phòng B.",
    )
    rows = tasks_from_prose(doc)
    assert [(r.section, r.stt, r.content) for r in rows] == [("II", "1", "Nhiệm vụ thật")]


def test_items_naming_their_owner_inline_are_tasks():
    # no "Label: value" lines: the owner, support and timing are in the item's own sentence; the
    # objectives part stays out
    doc = _doc(
        "I. MỤC TIÊU",
        "a) Tăng cường công tác tuyên truyền",
        "b) Nâng cao nhận thức",
        "II. NHIỆM VỤ",
        "1. Sở Nội vụ chủ trì, phối hợp với các sở tổ chức cuộc thi.",
        "2. Giao Sở Tài chính tham mưu bố trí kinh phí thực hiện, hoàn thành trước ngày 30/6/2026.",
        "3. Tổ chức hội nghị sơ kết (Văn phòng UBND tỉnh chủ trì, Sở Nội vụ phối hợp; thời gian: Quý III/2026).",
        "4. Cập nhật cơ sở dữ liệu chuyên ngành.",
    )
    rows = tasks_from_prose(doc)
    assert [(r.section, r.stt) for r in rows] == [("II", "1"), ("II", "2"), ("II", "3"), ("II", "4")]
    assert rows[0].content == "Sở Nội vụ chủ trì, phối hợp với các sở tổ chức cuộc thi."
    assert (rows[0].lead_raw, rows[0].support_raw, rows[0].timing_raw) == ("Sở Nội vụ", "các sở", "")
    assert (rows[1].lead_raw, rows[1].timing_raw) == ("Sở Tài chính", "trước ngày 30/6/2026")
    assert (rows[2].lead_raw, rows[2].support_raw, rows[2].timing_raw) == (
        "Văn phòng UBND tỉnh",
        "Sở Nội vụ",
        "Quý III/2026",
    )
    assert rows[3].lead_raw == ""  # a sibling of owned items is a task all the same


def test_a_text_in_articles_states_rules_not_tasks():
    # a decree, charter or regulation (NĐ 30/2020 Phụ lục I: Chương / Điều / khoản / điểm): its
    # clauses name who does what, but they are rules, not a plan's tasks
    clauses = (
        "1. Sở Nội vụ chủ trì, phối hợp với các sở tổ chức kiểm tra hằng năm.",
        "2. Giao Sở Tài chính bảo đảm kinh phí thực hiện, hoàn thành trước ngày 30/6/2026.",
    )
    doc = _doc(
        "Chương I",
        "QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh",
        "Quy chế này quy định việc kiểm tra.",
        "Điều 2. Trách nhiệm thi hành",
        *clauses,
    )
    assert tasks_from_prose(doc) == []
    # one "Điều 1." alone (a plan quoting a decision) does not make the text a legal one
    plan = _doc("II. NHIỆM VỤ", "Điều 1. Phạm vi điều chỉnh của Quyết định được giữ nguyên.", *clauses)
    assert [r.lead_raw for r in tasks_from_prose(plan)] == ["Sở Nội vụ", "Sở Tài chính"]


def test_prose_without_owner_or_fields_is_not_a_task_list():
    doc = _doc(
        "I. MỤC TIÊU",
        "a) Tăng cường công tác tuyên truyền",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Nâng cao nhận thức của cán bộ về cải cách hành chính.",
        "2. Sở Nội vụ đã chủ trì tổ chức hội nghị.",
    )  # a report of what was done
    assert tasks_from_prose(doc) == []


def test_duties_assigned_per_unit_under_organisation():
    # a plan whose only task list is "Tổ chức thực hiện": each unit heading owns the duties below it
    doc = _doc(
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Bảo đảm sự phối hợp chặt chẽ giữa các cơ quan.",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Sở Nội vụ:",
        "- Chủ trì, phối hợp với Sở Tư pháp hướng dẫn các đơn vị triển khai Kế hoạch.",
        "- Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2026.",
        "2. Sở Tài chính: Tham mưu bố trí kinh phí thực hiện Kế hoạch.",
        "3. Ủy ban nhân dân các huyện có trách nhiệm triển khai Kế hoạch trên địa bàn, hằng quý báo cáo kết quả.",
    )
    rows = tasks_from_prose(doc)
    assert [(r.section, r.lead_raw) for r in rows] == [
        ("II", "Sở Nội vụ"),
        ("II", "Sở Nội vụ"),
        ("II", "Sở Tài chính"),
        ("II", "Ủy ban nhân dân các huyện"),
    ]
    assert rows[0].content == "Chủ trì, phối hợp với Sở Tư pháp hướng dẫn các đơn vị triển khai Kế hoạch."
    assert rows[0].support_raw == "Sở Tư pháp"
    assert rows[1].timing_raw == "trước ngày 15/12/2026"
    assert rows[2].content == "Tham mưu bố trí kinh phí thực hiện Kế hoạch."
    assert rows[3].timing_raw == "hằng quý"


def test_organisation_part_is_not_a_second_task_list():
    # with tasks in the task part, "Tổ chức thực hiện" only restates who reports: no rows from it
    doc = _doc(
        "II. NHIỆM VỤ",
        "1. Sở Nội vụ chủ trì rà soát thủ tục hành chính.",
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Văn phòng Sở:",
        "- Theo dõi, tổng hợp, báo cáo.",
    )
    assert [r.lead_raw for r in tasks_from_prose(doc)] == ["Sở Nội vụ"]


def test_lettered_duties_under_a_unit_heading():
    doc = _doc(
        "II. NHIỆM VỤ",
        "1. Sở Văn hóa, Thể thao và Du lịch",
        "a) Tổ chức các hoạt động tuyên truyền.",
        "b) Phối hợp với Đài Phát thanh tỉnh xây dựng chuyên mục.",
    )
    rows = tasks_from_prose(doc)
    assert [(r.section, r.stt, r.lead_raw) for r in rows] == [
        ("II.1", "a)", "Sở Văn hóa, Thể thao và Du lịch"),
        ("II.1", "b)", "Sở Văn hóa, Thể thao và Du lịch"),
    ]


def test_cong_van_requests_are_tasks():
    doc = _doc(
        "Kính gửi: Các sở, ban, ngành tỉnh",
        "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Văn phòng có ý kiến như sau:",
        "1. Đề nghị các sở, ban, ngành rà soát danh mục thủ tục hành chính, gửi kết quả trước ngày 20/5/2026.",
        "2. Giao Sở Thông tin và Truyền thông hướng dẫn kết nối hệ thống, hoàn thành trong tháng 6/2026.",
    )
    rows = tasks_from_prose(doc)
    assert [(r.stt, r.lead_raw, r.timing_raw) for r in rows] == [
        ("1", "các sở, ban, ngành", "trước ngày 20/5/2026"),
        ("2", "Sở Thông tin và Truyền thông", "tháng 6/2026"),
    ]


def test_inline_owner_sentences():
    from pipeline.stages.tasks.owners import inline_owner, unit_heading

    o = inline_owner(
        "Sở Xây dựng chủ trì, phối hợp với Sở Tài nguyên và Môi trường, UBND các huyện "
        "xây dựng quy chế, hoàn thành trong Quý II/2026."
    )
    assert (o.lead, o.support, o.timing) == (
        "Sở Xây dựng",
        "Sở Tài nguyên và Môi trường, UBND các huyện",
        "Quý II/2026",
    )
    o = inline_owner("Văn phòng Sở có trách nhiệm tổng hợp kết quả, thực hiện thường xuyên.")
    assert (o.lead, o.timing) == ("Văn phòng Sở", "thường xuyên")
    assert inline_owner("Ban hành kế hoạch năm 2026 và tổ chức triển khai") is None
    assert inline_owner("Báo cáo quý I: Trước ngày 03/3/2026.") is None
    assert inline_owner("Giám đốc các sở, Chủ tịch UBND các huyện chịu trách nhiệm thi hành Quyết định này.") is None
    assert unit_heading("Phòng Kế hoạch - Tài chính: Chủ trì tổng hợp") == (
        "Phòng Kế hoạch - Tài chính",
        "Chủ trì tổng hợp",
    )
    assert unit_heading("Các chỉ tiêu chủ yếu:") is None and unit_heading("Hội nghị sơ kết: tháng 7") is None


def test_a_task_table_excludes_prose_tasks():
    header = Row([Cell(["STT"]), Cell(["Nội dung công việc"]), Cell(["Đơn vị chủ trì"]), Cell(["Thời gian thực hiện"])])
    doc = _doc("1. Nhiệm vụ", "- Đơn vị chủ trì: Phòng A.")
    assert len(tasks_from_prose(doc)) == 1
    doc.blocks.append(Table([header], 4))
    assert tasks_from_prose(doc) == []


def test_header_lines_are_not_items_and_lost_bullets_are_values():
    # an OCR'd công văn: the header comes as paragraphs ("V/v" is not a label "V"), and the second
    # "+" line of a value lost its bullet
    doc = _doc(
        "UBND TỈNH QUẢNG NGÃI",
        "VĂN PHÒNG",
        "Số: /VP-TTHC",
        "V/v đề xuất nhiệm vụ cải cách hành chính năm 2024",
        "Kính gửi: Sở Nội vụ",
        "Văn phòng UBND tỉnh đề xuất một số nhiệm vụ về cải cách thủ tục hành chính như sau:",
        "1. Thực hiện các giải pháp nâng cao chất lượng phục vụ.",
        "- Cơ quan chủ trì thực hiện:",
        "+ Văn phòng UBND tỉnh công khai kết quả đánh giá.",
        "Các sở, ban ngành thực hiện các giải pháp nâng cao chất lượng phục vụ.",
        "- Cơ quan phối hợp: Các sở, ban ngành.",
        "2. Đẩy mạnh thực hiện dịch vụ công trực tuyến.",
        "- Cơ quan chủ trì thực hiện: Các sở, ban ngành.",
    )
    rows = tasks_from_prose(doc)
    assert [(r.section, r.stt) for r in rows] == [(None, "1"), (None, "2")]
    assert rows[0].lead_raw.split("\n") == [
        "+ Văn phòng UBND tỉnh công khai kết quả đánh giá.",
        "Các sở, ban ngành thực hiện các giải pháp nâng cao chất lượng phục vụ.",
    ]
    assert rows[0].support_raw == "Các sở, ban ngành."


def test_objectives_and_tasks_heading_is_the_task_part():
    doc = _doc(
        "I. MỤC TIÊU, NHIỆM VỤ",
        "1. Cải cách thể chế",
        "a) Rà soát văn bản quy phạm pháp luật",
        "- Cơ quan chủ trì: Sở Tư pháp.",
        "- Thời gian thực hiện, hoàn thành: Quý II.",
    )
    (row,) = tasks_from_prose(doc)
    assert (row.section, row.section_title, row.stt) == ("I.1", "Cải cách thể chế", "a)")
    assert (row.lead_raw, row.timing_raw) == ("Sở Tư pháp.", "Quý II.")


def test_dotted_numbers_after_lettered_items():
    # "6.2" after the items a) b) of "6.1" is 6.1's sibling, not a child of b)
    doc = _doc(
        "II. NHIỆM VỤ",
        "6. Hiện đại hóa",
        "6.1. Ứng dụng công nghệ thông tin",
        "a) Xây dựng kế hoạch",
        "- Đơn vị chủ trì: Phòng A.",
        "b) Triển khai kế hoạch",
        "6.2. Áp dụng ISO",
        "- Đơn vị chủ trì: Phòng B.",
    )
    rows = tasks_from_prose(doc)
    assert [(r.section, r.stt) for r in rows] == [("II.6.1", "a)"), ("II.6.1", "b)"), ("II.6", "6.2")]


def test_item_after_a_dotted_heading_sits_under_the_number_it_extends():
    # "6.3." heads an unlabelled task; the item "6.4" after it is in II.6 (titled "Hiện đại hóa"), "7." in II
    doc = _doc(
        "II. NHIỆM VỤ",
        "6. Hiện đại hóa",
        "6.3. Áp dụng ISO:",
        "Rà soát quy trình ISO",
        "- Đơn vị chủ trì: Phòng A.",
        "6.4. Chuyển đổi số",
        "- Đơn vị chủ trì: Phòng B.",
        "7. Kiểm tra",
        "- Đơn vị chủ trì: Phòng C.",
    )
    rows = tasks_from_prose(doc)
    assert [(r.section, r.section_title, r.stt, r.lead_raw) for r in rows] == [
        ("II.6.3", "Áp dụng ISO", "", "Phòng A."),
        ("II.6", "Hiện đại hóa", "6.4", "Phòng B."),
        ("II", "NHIỆM VỤ", "7", "Phòng C."),
    ]


def test_heading_with_duty_bullets_then_leader_and_two_labels_on_one_line():
    # each item: a heading, its "-" duties, the leader in charge, then lead and support on one line
    doc = _doc(
        "II. NHIỆM VỤ TRỌNG TÂM",
        "1. Hoàn thiện hạ tầng số phục vụ chính quyền điện tử",
        "- Nâng cấp mạng truyền số liệu chuyên dùng đến cấp xã.",
        "- Triển khai nền tảng chia sẻ dữ liệu dùng chung của tỉnh.",
        "Lãnh đạo phụ trách: Phó Giám đốc Lê Văn An.",
        "Đơn vị chủ trì: Phòng Bưu chính - Viễn thông; Đơn vị phối hợp: Văn phòng Sở, Trung tâm Công nghệ thông tin.",
        "2. Phát triển nguồn nhân lực số",
        "- Tổ chức bồi dưỡng kỹ năng số cho cán bộ, công chức.",
        "Lãnh đạo Sở phụ trách: Giám đốc Sở.",
        "Đơn vị chủ trì: Văn phòng Sở; Đơn vị phối hợp: Các phòng chuyên môn. Thời gian thực hiện: Năm 2026.",
    )
    rows = tasks_from_prose(doc)
    assert [(r.section, r.stt) for r in rows] == [("II", "1"), ("II", "2")]
    assert rows[0].content == (
        "Hoàn thiện hạ tầng số phục vụ chính quyền điện tử\n"
        "- Nâng cấp mạng truyền số liệu chuyên dùng đến cấp xã.\n"
        "- Triển khai nền tảng chia sẻ dữ liệu dùng chung của tỉnh."
    )
    assert rows[0].monitor_raw == "Phó Giám đốc Lê Văn An."
    assert rows[0].lead_raw == "Phòng Bưu chính - Viễn thông"
    assert rows[0].support_raw == "Văn phòng Sở, Trung tâm Công nghệ thông tin."
    assert (rows[1].monitor_raw, rows[1].lead_raw, rows[1].support_raw, rows[1].timing_raw) == (
        "Giám đốc Sở.",
        "Văn phòng Sở",
        "Các phòng chuyên môn",
        "Năm 2026.",
    )


def test_the_closing_formula_after_the_duties_is_no_task():
    # "Trên đây là …" sums the document up and closes its body: it names a unit and a duty word
    # ("báo cáo", "triển khai"), but assigns nothing
    doc = _doc(
        "III. NHIỆM VỤ THỜI GIAN TỚI",
        "1. Sở Nội vụ:",
        "a) Chủ trì rà soát thủ tục hành chính, hoàn thành trong Quý II.",
        "b) Tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh.",
        "Trên đây là Báo cáo kết quả triển khai nhiệm vụ quý I của Ban Chỉ đạo tỉnh./.",
        "Trên đây là Kế hoạch của Sở Nội vụ, đề nghị các phòng triển khai thực hiện.",
    )
    rows = tasks_from_prose(doc)
    assert [(r.section, r.stt) for r in rows] == [("III.1", "a)"), ("III.1", "b)")]
    assert not any("Trên đây" in (r.content or "") for r in rows)
