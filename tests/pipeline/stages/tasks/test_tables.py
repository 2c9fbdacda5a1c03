"""Task rows from task tables: header mapping by meaning, sections, merges, sub-items, and the corpus
measured with the reference metric (pipeline.evaluate.score_tasks) on DOCX and PDF alike."""

from __future__ import annotations

import dataclasses
import importlib.util
from functools import lru_cache

import pytest

from extractors.model import Cell, Document, Paragraph, Row, Table
from pipeline.evaluate import norm, score_tasks
from pipeline.stages.tasks.header import CONTENT, LEAD, STT, SUPPORT, TIMING, find_header
from pipeline.records import Source
from pipeline.stages.tasks.tables import responsibility_text, tasks_from_tables
from tests.conftest import LAMDONG_DOCS, corpus_file, gold


def C(*lines: str, span: int = 1, row_span: int = 1, merged: bool = False) -> Cell:
    return Cell(lines=list(lines), col_span=span, row_span=row_span, merged=merged)


def R(*cells: Cell, header: bool = False, page: int | None = None) -> Row:
    return Row(cells=list(cells), is_header=header, page=page, page_end=page)


def T(*rows: Row, n: int | None = None) -> Table:
    n = n or max(sum(c.col_span for c in r.cells) for r in rows)
    return Table(rows=list(rows), n_cols=n)


def doc_of(*blocks) -> Document:
    return Document(source_file="x.docx", file_format="docx", blocks=list(blocks))


def test_two_row_header_and_sections():
    table = T(
        R(
            C("STT", row_span=2),
            C("Nhiệm vụ", row_span=2),
            C("Đơn vị thực hiện", span=2),
            C("Thời hạn", row_span=2),
            header=True,
        ),
        R(
            C("STT", merged=True),
            C("Nhiệm vụ", merged=True),
            C("Chủ trì"),
            C("Phối hợp"),
            C("Thời hạn", merged=True),
            header=True,
        ),
        R(C("(1)"), C("(2)"), C("(3)"), C("(4)"), C("(5)")),
        R(C("A"), C("Nhóm A", span=4)),
        R(C("I"), C("Mục I"), C(""), C(""), C("")),
        R(C("1."), C("Việc một"), C("Sở Nội vụ"), C("- Sở Tư pháp", "- Sở Tài chính"), C("Quý I"), page=3),
        R(C("2"), C("Việc hai"), C("Sở Nội vụ"), C(""), C("Quý I", merged=True), page=4),
        R(C("II. Mục II", span=5)),
        R(C("3"), C("Việc ba"), C("Văn phòng"), C(""), C("Thường xuyên")),
        R(C("B"), C("Nhóm B", span=4)),
        R(C("4"), C("Việc bốn"), C("Văn phòng"), C(""), C("2026")),
    )
    head = find_header(table)
    assert head is not None and head.kind == "tasks" and head.end == 2
    assert head.roles == [STT, CONTENT, LEAD, SUPPORT, TIMING]
    rows = tasks_from_tables(doc_of(table))
    assert [(r.section, r.stt, r.content) for r in rows] == [
        ("A.I", "1", "Việc một"),
        ("A.I", "2", "Việc hai"),
        ("A.II", "3", "Việc ba"),
        ("B", "4", "Việc bốn"),
    ]
    one, two = rows[0], rows[1]
    assert one.section_title == "Mục I" and rows[2].section_title == "Mục II" and rows[3].section_title == "Nhóm B"
    assert one.lead_raw == "Sở Nội vụ" and one.support_raw == "- Sở Tư pháp\n- Sở Tài chính"
    assert one.units_raw == "Sở Nội vụ\n- Sở Tư pháp\n- Sở Tài chính"
    assert one.page_start == 3 and two.merged_fields == ["timing"] and one.merged_fields == []
    assert all(r.task_seq == 0 and r.origin == "table" for r in rows)


def test_non_task_tables_yield_nothing():
    header_block = T(
        R(
            C("UBND TỈNH QUẢNG NGÃI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
            C("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
        ),
        R(C("Số: /KH-SKHCN"), C("Quảng Ngãi, ngày 03 tháng 3 năm 2023")),
    )
    signature = T(R(C("Nơi nhận:", "- UBND tỉnh (báo cáo);", "- Lưu: VT."), C("GIÁM ĐỐC", "Nguyễn Văn A")))
    kpi = T(
        R(C("Stt"), C("Nội dung chỉ tiêu"), C("Đơn vị"), C("Chỉ tiêu năm 2025"), C("Đơn vị thực hiện")),
        R(C("1"), C("Tỷ lệ công bố TTHC đúng hạn."), C("%"), C("100"), C("Văn phòng Sở")),
    )
    assert tasks_from_tables(doc_of(header_block, Paragraph("KẾ HOẠCH"), signature, kpi)) == []
    assert find_header(kpi).kind == "kpis"


def test_subitems_with_own_owner_and_timing():
    table = T(
        R(
            C("STT"),
            C("Nội dung công việc"),
            C("Kết quả công việc"),
            C("Phòng, đơn vị thực hiện"),
            C("Thời gian thực hiện"),
            header=True,
        ),
        R(
            C("1"),
            C("Xây dựng văn bản"),
            C("a) Kế hoạch năm.", "b) Văn bản cử công chức."),
            C("- Văn phòng Sở chủ trì.", "- Các phòng phối hợp", "Văn phòng Sở"),
            C("Quý III", "Thường xuyên"),
        ),
        R(C("2"), C("Việc khác"), C("a) Một", "b) Hai"), C("Văn phòng Sở"), C("Quý I")),
    )
    rows = tasks_from_tables(doc_of(table))
    assert [(r.stt, r.sub) for r in rows] == [("1", "a)"), ("1", "b)"), ("2", None)]
    a, b, whole = rows
    assert a.parent_content == "Xây dựng văn bản" == a.content
    assert (a.result, a.units_raw, a.timing_raw) == (
        "Kế hoạch năm.",
        "- Văn phòng Sở chủ trì.\n- Các phòng phối hợp",
        "Quý III",
    )
    assert (b.result, b.units_raw, b.timing_raw) == ("Văn bản cử công chức.", "Văn phòng Sở", "Thường xuyên")
    # owner/timing that do not split per item: the row stays whole, nothing dropped
    assert whole.result == "a) Một\nb) Hai" and whole.units_raw == "Văn phòng Sở"


def test_sources_name_the_cells_and_lines_a_task_was_read_from():
    """Provenance: a task row carries the cells of its text (not the STT cell); a sub-item its
    task's content cell and its own lines of the cells it splits; a continuation row adds its cells."""
    table = T(
        R(C("STT"), C("Nội dung"), C("Kết quả"), C("Đơn vị thực hiện"), C("Thời gian"), header=True),
        R(C("1"), C("Việc một"), C("a) Kế hoạch", "b) Báo cáo"), C("Phòng A", "Phòng B"), C("Quý I", "Quý II")),
        R(C("2"), C("Việc hai"), C("Kế hoạch"), C("Phòng A"), C("Quý I")),
        R(C(""), C(""), C("Báo cáo"), C(""), C("")),
    )
    rows = tasks_from_tables(doc_of(Paragraph("KẾ HOẠCH"), table))
    a, b, two = rows
    assert Source(1, 1, 1) in a.sources and Source(1, 1, 0) not in a.sources
    assert {s for s in a.sources if s.cell == 2} == {Source(1, 1, 2, (0, 1))}
    assert {s for s in b.sources if s.cell in (3, 4)} == {Source(1, 1, 3, (1, 2)), Source(1, 1, 4, (1, 2))}
    assert two.sources == [Source(1, 2, c) for c in (1, 2, 3, 4)] + [Source(1, 3, 2)]


def test_merged_task_rows_and_continuations():
    table = T(
        R(C("TT"), C("Nội dung"), C("Trách nhiệm thực hiện"), C("Thời gian"), header=True),
        R(C("5", row_span=2), C("Tham mưu đánh giá", row_span=2), C("Sở Nội vụ"), C("Hằng tháng")),
        R(C("5", merged=True), C("Tham mưu đánh giá", merged=True), C("Các sở"), C("Trước ngày 05")),
        R(C("6"), C("Việc sáu"), C("Sở Nội vụ"), C("Quý I")),
        R(C(""), C(""), C("Sở Tư pháp"), C("")),  # a row continuing the task above
    )
    rows = tasks_from_tables(doc_of(table))
    assert [(r.stt, r.units_raw, sorted(r.merged_fields)) for r in rows] == [
        ("5", "Sở Nội vụ", ["content", "stt"]),
        ("5", "Các sở", ["content", "stt"]),
        ("6", "Sở Nội vụ\nSở Tư pháp", []),
    ]
    assert rows[0].section is None


def test_hidden_merges_share_the_owner_cell_above():
    """A table that cannot show its vertical merges (no rules between rows): an empty owner cell,
    or one the extractor found merged, shares the owner (and its empty timing) of the task row
    above in the same section; an empty timing under a filled owner stays empty."""

    def table(hidden: bool) -> Table:
        t = T(
            R(C("STT"), C("Nội dung"), C("Đơn vị thực hiện"), C("Thời gian"), header=True),
            R(C("I"), C("Nhóm I", span=3)),
            R(C("1"), C("Việc một"), C("Văn phòng Sở chủ trì."), C("Quý I")),
            R(C("2"), C("Việc hai"), C(""), C("Quý II")),  # owner merged from row 1
            R(C("3"), C("Việc ba"), C(""), C("")),  # owner and timing merged with the row above
            R(C("4"), C("Việc bốn"), C("Thanh tra Sở"), C("")),  # a task without a deadline
            R(C("II"), C("Nhóm II", span=3)),
            R(C("5"), C("Việc năm"), C(""), C("Quý III")),  # nothing above it in its section
        )
        t.hidden_merges = hidden
        return t

    rows = tasks_from_tables(doc_of(table(True)))
    assert [(r.stt, r.units_raw, r.timing_raw, r.merged_fields) for r in rows] == [
        ("1", "Văn phòng Sở chủ trì.", "Quý I", []),
        ("2", "Văn phòng Sở chủ trì.", "Quý II", ["units"]),
        ("3", "Văn phòng Sở chủ trì.", "Quý II", ["units", "timing"]),  # the cells right above
        ("4", "Thanh tra Sở", "", []),
        ("5", "", "Quý III", []),
    ]
    # a ruled (or DOCX) table shows its merges: empty cells stay empty
    assert [r.units_raw for r in tasks_from_tables(doc_of(table(False)))][1:3] == ["", ""]


def test_auto_numbered_label_in_content_cell():
    table = T(
        R(C("STT"), C("Nhiệm vụ"), C("Chủ trì"), C("Thời gian hoàn thành"), header=True),
        R(C(""), C("1. Rà soát văn bản"), C("Sở Tư pháp"), C("Quý I")),
    )
    (row,) = tasks_from_tables(doc_of(table))
    assert (row.stt, row.content) == ("1", "Rà soát văn bản")


def test_headerless_continuation_table():
    head = R(C("STT"), C("Nội dung công việc"), C("Kết quả"), C("Đơn vị thực hiện"), C("Thời gian"), header=True)
    t1 = T(head, R(C("I"), C("Mục một", span=4)), R(C("1"), C("Việc 1"), C("KQ"), C("VP"), C("Quý I")))
    t2 = T(R(C("2"), C("Việc 2"), C("KQ"), C("VP"), C("Quý II")))
    rows = tasks_from_tables(doc_of(t1, t2))
    assert [(r.section, r.stt) for r in rows] == [("I", "1"), ("I", "2")]


# ---------------------------------------------------------------------------------------------
# the corpus: DOCX and PDF of each document, one code path

TABLE_DOCS = ["2023-kh-kstthc-skhcn", "2025-kh-kstthc-skhcn", "2024-kh-truyenthong-skhcn"] + LAMDONG_DOCS
FORMATS = ["docx", "pdf"]


@lru_cache(maxsize=None)
def _rows(doc_id: str, fmt: str):
    if fmt == "pdf" and importlib.util.find_spec("extractors.pdf.backend") is None:
        pytest.skip("PDF backend not available yet")
    from extractors import extract

    return tuple(tasks_from_tables(extract(corpus_file(f"{doc_id}.{fmt}"))))


def _scores(doc_id: str, fmt: str) -> dict:
    g = gold(doc_id)
    s = score_tasks(g["tasks"], [dataclasses.asdict(r) for r in _rows(doc_id, fmt)])
    p = s["tp"] / s["pred"] if s["pred"] else 0.0
    r = s["tp"] / s["gold"] if s["gold"] else 0.0
    s["f1"] = 2 * p * r / (p + r) if p + r else 0.0
    s["field_acc"] = s["fields_ok"] / s["fields"] if s["fields"] else 1.0
    return s


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc_id", TABLE_DOCS)
def test_corpus_scores(doc_id, fmt):
    s = _scores(doc_id, fmt)
    misses = s["misses"][:8]
    assert s["f1"] >= 0.98, (s["f1"], s["gold"], s["pred"], misses)
    assert s["field_acc"] >= 0.95, (s["field_acc"], misses)


def _match_gold_rows(doc_id: str, fmt: str):
    """Gold rows paired with predicted rows in order (sub-item rows folded into their parent)."""
    rows = list(_rows(doc_id, fmt))
    pairs = []
    for g in gold(doc_id)["tasks"]:
        cands = [r for r in rows if norm(r.parent_content or r.content) == norm(g["content"])]
        assert cands, f"no row for gold STT {g['stt']}: {g['content'][:60]}"
        r = cands[0]
        if r.sub is None:
            rows.remove(r)
        pairs.append((g, r))
    return pairs


FIELDS = {
    "result": "result",
    "units": "units_raw",
    "lead": "lead_raw",
    "support": "support_raw",
    "monitor": "monitor_raw",
    "timing": "timing_raw",
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc_id", TABLE_DOCS)
def test_corpus_rows_field_by_field(doc_id, fmt):
    """Every gold row: section, STT, content and fields (exact on DOCX, whitespace-folded on PDF where
    lines are visual lines), and vertical merges."""
    exact = fmt == "docx"
    same = (lambda a, b: a == b) if exact else (lambda a, b: norm(a) == norm(b))
    bad = []
    for g, r in _match_gold_rows(doc_id, fmt):
        if (g.get("section") or None) != r.section or g["stt"] != r.stt:
            bad.append((g["stt"], "section/stt", g.get("section"), g["stt"], r.section, r.stt))
        if g.get("section_title") and g["section_title"] != r.section_title:
            bad.append((g["stt"], "section_title", g["section_title"], r.section_title))
        if not same(g["content"], r.content):
            bad.append((g["stt"], "content", g["content"], r.content))
        if not g.get("subtasks"):
            for gf, col in FIELDS.items():
                if gf in g and not same(g[gf], getattr(r, col)):
                    bad.append((g["stt"], gf, g[gf], getattr(r, col)))
        if sorted(g.get("merged", [])) != sorted(r.merged_fields):
            bad.append((g["stt"], "merged", g.get("merged", []), r.merged_fields))
    assert not bad, bad[:6]


@pytest.mark.parametrize("fmt", FORMATS)
def test_2025_specific_rows(fmt):
    rows = list(_rows("2025-kh-kstthc-skhcn", fmt))
    by = {(r.stt, r.sub): r for r in rows}
    assert len(rows) == 39  # 38 tasks, task 1 as its two sub-items
    a, b = by[("1", "a)")], by[("1", "b)")]
    assert a.section == "A" and a.parent_content.startswith("Xây dựng, ban hành văn bản triển khai")
    assert norm(a.units_raw) == norm("- Văn phòng Sở chủ trì.\n- Các phòng, đơn vị liên quan phối hợp")
    assert norm(a.timing_raw) == "quý iii" and norm(b.timing_raw) == "thường xuyên trong năm"
    assert norm(b.units_raw) == "văn phòng sở" and norm(b.result) == norm(
        "Văn bản cử công chức làm đầu mối kiểm soát TTHC."
    )
    r9 = by[("9", None)]
    assert (r9.section, sorted(r9.merged_fields)) == ("B.III", ["timing", "units"])
    assert r9.section_title.startswith("Triển khai thực hiện Nghị quyết số 66/NQ-CP")
    assert by[("8", None)].merged_fields == [] and by[("12", None)].merged_fields == ["units"]
    assert by[("13", None)].section == "C.I" and by[("38", None)].section == "Đ"
    r13 = by[("13", None)]
    assert r13.content == unicode_nfc(r13.content)


def unicode_nfc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_2023_sections_and_skipped_stt(fmt):
    rows = _rows("2023-kh-kstthc-skhcn", fmt)
    stts = [r.stt for r in rows]
    assert "25" not in stts and stts[-3:] == ["26", "27", "28"] and len(rows) == 27
    assert [r.section for r in rows if r.stt in ("1", "24", "26", "28")] == ["I", "VIII", "IX", "XI"]
    assert norm(rows[-1].timing_raw) == norm("- Định kỳ 3 tháng/lần.\n- Đột xuất theo thời điểm yêu cầu")


@pytest.mark.parametrize("fmt", FORMATS)
def test_2024_separate_lead_support(fmt):
    rows = _rows("2024-kh-truyenthong-skhcn", fmt)
    assert [r.stt for r in rows] == ["1", "2", "3", "1", "2", "1", "2", "3", "1", "2", "3"]
    assert [r.section for r in rows][::3] == ["I", "II", "III", "IV"]
    first = rows[0]
    assert norm(first.lead_raw) == norm(
        "- Các phòng, đơn vị thực hiện giải quyết TTHC;\n- Phòng Hành chính - Tổng hợp."
    )
    assert norm(first.support_raw) == norm("Các phòng, đơn vị có liên quan")
    assert first.result == "" and norm(first.timing_raw) == "thường xuyên"
    assert norm(first.units_raw) == norm(first.lead_raw + " " + first.support_raw)


def test_title_row_above_header_and_repeated_header_rows():
    head = [C("STT"), C("Nhiệm vụ"), C("Sản phẩm"), C("Chủ trì"), C("Thời gian hoàn thành")]
    table = T(
        R(C("PHỤ LỤC: PHÂN CÔNG THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026 (Kèm theo Kế hoạch số ...)", span=5)),
        R(*head),
        R(C("1"), C("Việc một"), C("Báo cáo"), C("Sở Nội vụ"), C("Quý I")),
        R(*[C(*c.lines) for c in head]),  # the header repeated on a new page
        R(C("2"), C("Việc hai"), C(""), C("Sở Tư pháp"), C("Quý II")),
    )
    head_found = find_header(table)
    assert head_found is not None and (head_found.start, head_found.end) == (1, 2)
    rows = tasks_from_tables(doc_of(table))
    assert [(r.stt, r.content, r.result, r.lead_raw, r.units_raw) for r in rows] == [
        ("1", "Việc một", "Báo cáo", "Sở Nội vụ", "Sở Nội vụ"),
        ("2", "Việc hai", "", "Sở Tư pháp", "Sở Tư pháp"),
    ]


def test_wrapped_pdf_lines_rejoined():
    table = T(
        R(C("STT"), C("Nội dung"), C("Đơn vị thực hiện"), C("Thời gian"), header=True),
        R(
            C("1"),
            C("Xây dựng kế hoạch rà soát,", "đánh giá TTHC năm 2025"),
            C("- Văn phòng Sở chủ", "trì.", "- Các phòng phối hợp"),
            C("Quý I"),
        ),
    )
    (row,) = tasks_from_tables(doc_of(table))
    assert row.content == "Xây dựng kế hoạch rà soát, đánh giá TTHC năm 2025"
    assert row.units_raw == "- Văn phòng Sở chủ trì.\n- Các phòng phối hợp"


def test_unlabelled_group_title_row():
    table = T(
        R(C("STT"), C("Nội dung"), C("Đơn vị thực hiện"), C("Thời gian"), header=True),
        R(C("I"), C("Cải cách thể chế"), C(""), C("")),
        R(C("Nhiệm vụ trọng tâm", span=4)),
        R(C("1"), C("Việc một"), C("Sở Tư pháp"), C("Quý I")),
        R(C("II"), C("Cải cách TTHC"), C(""), C("")),
        R(C("1"), C("Việc hai"), C("Văn phòng"), C("Quý II")),
    )
    rows = tasks_from_tables(doc_of(table))
    assert [(r.section, r.section_title, r.stt) for r in rows] == [
        ("I", "Nhiệm vụ trọng tâm", "1"),
        ("II", "Cải cách TTHC", "1"),
    ]


def test_responsibility_text_joins_the_printed_parts():
    assert responsibility_text("", "Văn phòng Sở", "", "Thanh tra Sở") == "Văn phòng Sở\nThanh tra Sở"
    assert responsibility_text("Các phòng", "Văn phòng Sở") == "Các phòng\nVăn phòng Sở"
    assert responsibility_text() == ""
