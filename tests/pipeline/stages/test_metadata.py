"""Document metadata against the gold `document` of every gold file, DOCX and PDF twins."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
from functools import lru_cache

import pytest

from tests.conftest import LAMDONG_DOCS, SEED_DOCS, corpus_file, gold
from extractors import extract
from extractors.model import Cell, Document, Paragraph, Row, Table
from pipeline.evaluate import score_document
from pipeline.stages.metadata import extract_metadata

FORMATS = ["docx", "pdf"]
ALL_DOCS = SEED_DOCS + LAMDONG_DOCS


@lru_cache(maxsize=None)
def _meta(doc_id: str, fmt: str):
    if importlib.util.find_spec(f"extractors.{fmt}.backend") is None:
        pytest.skip(f"the {fmt.upper()} backend is not there yet")
    return extract_metadata(extract(corpus_file(f"{doc_id}.{fmt}")))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc_id", ALL_DOCS)
def test_metadata_against_gold(doc_id, fmt):
    g = gold(doc_id)["document"]
    meta = _meta(doc_id, fmt)
    checks = score_document(g, dataclasses.asdict(meta))
    assert all(checks.values()), (checks, meta)
    # what the scorer does not check, the gold has too
    assert meta.issuer == g["agency"]
    assert meta.parent_issuer == g.get("parent_agency")
    assert meta.place == g["place"]
    assert meta.signer_title == g["signer_title"]
    assert meta.plan_year == g["plan_year"]
    assert meta.doc_number == g["number"]
    if "month" in g:
        assert meta.month == g["month"]


def test_metadata_accuracy_overall():
    ok = n = 0
    for doc_id in ALL_DOCS:
        for fmt in FORMATS:
            try:
                meta = _meta(doc_id, fmt)
                g = gold(doc_id)["document"]
            except pytest.skip.Exception:
                continue
            checks = score_document(g, dataclasses.asdict(meta))
            ok, n = ok + sum(checks.values()), n + len(checks)
    if not n:
        pytest.skip("no document available")
    assert ok / n >= 0.95


@pytest.mark.parametrize("fmt", FORMATS)
def test_cong_van(fmt):
    m = _meta("2023-cv-vpubnd-de-xuat-cchc-2024", fmt)
    assert (m.doc_type, m.doc_number, m.doc_symbol) == ("CV", None, "VP-TTHC")
    assert (m.parent_issuer, m.issuer) == ("UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG")
    assert m.title is None  # a công văn has no title: its trích yếu is the subject
    assert m.subject == "đề xuất nhiệm vụ cải cách hành chính năm 2024"
    assert m.recipients == ["Sở Nội vụ"]
    assert (m.year, m.month, m.day, m.issued_date) == (2023, 11, None, None)
    assert m.plan_year == 2024
    assert (m.signer_title, m.signer) == ("CHÁNH VĂN PHÒNG", "Vũ Minh Tâm")
    assert m.distribution == ["Như trên", "VPUB: CVP, PCVP, NC, CBTH", "Lưu: VT, TTHC"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_draft_without_number_line_and_signature(fmt):
    # 2022: no "Số:" line, no date; "GIÁM ĐỐC / Nguyễn Văn Thành" typed under the distribution
    # list, in the left column, while the signature column is empty: not signed
    m = _meta("2022-kh-cchc-skhcn", fmt)
    assert (m.doc_type, m.doc_number, m.doc_symbol) == ("KH", None, "KH-SKHCN")
    assert (m.year, m.issued_date, m.signer, m.signer_title) == (None, None, None, None)
    assert m.title == "Cải cách hành chính của Sở Khoa học và Công nghệ năm 2022"
    assert m.distribution[0] == "UBND tỉnh (báo cáo)" and m.distribution[-1] == "Lưu: VT, VP"


@pytest.mark.parametrize("fmt", FORMATS)
def test_complete_date_and_signer(fmt):
    m = _meta("2023-kh-kstthc-skhcn", fmt)
    assert m.issued_date == dt.date(2023, 3, 3) and (m.day, m.month, m.year) == (3, 3, 2023)
    assert (m.signer_title, m.signer) == ("GIÁM ĐỐC", "Nguyễn Văn Thành")
    assert len(m.distribution) == 5  # "- A; - B; …" on one line


def _header_table(left: list[str], right: list[str], left2: list[str], right2: list[str]) -> Table:
    return Table([Row([Cell(left), Cell(right)]), Row([Cell(left2), Cell(right2)])], 2)


def test_pdf_lines_read_across_both_columns():
    # a PDF line that holds both columns: the motto is the right column's, "NAM" wrapped with it
    doc = Document(
        "x.pdf",
        "pdf",
        [
            Paragraph("UBND TỈNH QUẢNG NGÃI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT"),
            Paragraph("SỞ KHOA HỌC VÀ CÔNG NGHỆ NAM"),
            Paragraph("Độc lập - Tự do - Hạnh phúc"),
            Paragraph("Số: 2170/KH-SKHCN Quảng Ngãi, ngày 30 tháng 12 năm 2022"),
            Paragraph("KẾ HOẠCH", bold=True, alignment="center"),
            Paragraph("Cải cách hành chính năm 2023", bold=True, alignment="center"),
            Paragraph("Căn cứ Quyết định số 1/QĐ-UBND ngày 01/01/2022 của UBND tỉnh về việc ban hành kế hoạch;"),
        ],
    )
    m = extract_metadata(doc)
    assert (m.parent_issuer, m.issuer) == ("UBND TỈNH QUẢNG NGÃI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    assert (m.doc_type, m.doc_number, m.doc_symbol) == ("KH", "2170", "KH-SKHCN")
    assert (m.place, m.issued_date, m.plan_year) == ("Quảng Ngãi", dt.date(2022, 12, 30), 2023)
    assert m.title == "Cải cách hành chính năm 2023"


def test_pdf_columns_from_positions():
    # paragraphs side by side: the column comes from the position on the page
    def p(text, x0, x1, top, **kw):
        return Paragraph(text, page=1, bbox=(x0, top, x1, top + 12), **kw)

    doc = Document(
        "x.pdf",
        "pdf",
        [
            p("ỦY BAN NHÂN DÂN", 100, 200, 50, bold=True),
            p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 540, 50),
            p("TỈNH LÂM ĐỒNG", 105, 195, 65, bold=True),
            p("Độc lập - Tự do - Hạnh phúc", 350, 480, 65),
            p("Số: /KH-UBND", 105, 200, 95),
            p("Lâm Đồng, ngày tháng 12 năm 2025", 330, 500, 95),
            p("KẾ HOẠCH Cải cách hành chính nhà nước năm 2026", 150, 480, 140, bold=True, alignment="center"),
            p(
                "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể",
                85,
                540,
                200,
            ),
            p("Nơi nhận:", 85, 130, 600),
            p("KT. CHỦ TỊCH", 380, 470, 600, bold=True),
            p("- Bộ Nội vụ;", 85, 140, 615),
            p("PHÓ CHỦ TỊCH", 380, 470, 615, bold=True),
            p("- Lưu: VT, NC.", 85, 150, 630),
            p("Nguyễn Ngọc Phúc", 375, 475, 700, bold=True),
        ],
    )
    m = extract_metadata(doc)
    assert (m.issuer, m.parent_issuer) == ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", None)
    assert (m.doc_type, m.doc_symbol, m.year, m.month, m.day) == ("KH", "KH-UBND", 2025, 12, None)
    assert (m.title, m.plan_year) == ("Cải cách hành chính nhà nước năm 2026", 2026)
    assert (m.signer_title, m.signer) == ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Nguyễn Ngọc Phúc")
    assert m.distribution == ["Bộ Nội vụ", "Lưu: VT, NC"]


def test_type_from_symbol_and_title_words():
    def doc_with(symbol_line: str, *paras: str) -> Document:
        head = _header_table(
            ["UBND TỈNH QUẢNG NGÃI"],
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            [symbol_line, "V/v triển khai nhiệm vụ năm 2024"],
            ["Quảng Ngãi, ngày 5 tháng 1 năm 2024"],
        )
        return Document("x.docx", "docx", [head] + [Paragraph(t, bold=True, alignment="center") for t in paras])

    m = extract_metadata(doc_with("Số: 12/UBND-KT", "Kính gửi: Các sở, ban, ngành"))
    assert (m.place, m.issued_date) == ("Quảng Ngãi", dt.date(2024, 1, 5))
    assert (m.doc_type, m.doc_number, m.doc_symbol, m.issuer) == ("CV", "12", "UBND-KT", "UBND TỈNH QUẢNG NGÃI")
    assert m.recipients == ["Các sở, ban, ngành"] and m.plan_year == 2024
    m = extract_metadata(doc_with("Số: 7/BC-UBND", "BÁO CÁO", "Kết quả cải cách hành chính giai đoạn 2021 - 2025"))
    assert (m.doc_type, m.title, m.plan_year) == ("BC", "Kết quả cải cách hành chính giai đoạn 2021 - 2025", 2021)
    m = extract_metadata(doc_with("Số: 3/TTr-SNV", "TỜ TRÌNH", "Về việc phê duyệt kế hoạch"))
    assert m.doc_type == "TTr" and m.issued_date == dt.date(2024, 1, 5)


def test_the_date_line_is_the_right_columns():
    head = _header_table(
        ["UBND TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Số: 45/SNV-CCHC", "V/v góp ý dự thảo gửi ngày 02 tháng 01 năm 2024"],
        ["Quảng Ngãi, ngày 10 tháng 01 năm 2024"],
    )
    m = extract_metadata(Document("x.docx", "docx", [head, Paragraph("Kính gửi: Văn phòng UBND tỉnh")]))
    assert (m.doc_type, m.issuer, m.issued_date) == ("CV", "SỞ NỘI VỤ", dt.date(2024, 1, 10))
    assert (m.title, m.subject) == (None, "góp ý dự thảo gửi ngày 02 tháng 01 năm 2024")


def test_nothing_printed_nothing_guessed():
    m = extract_metadata(Document("x.docx", "docx", [Paragraph("Một đoạn văn bản không có phần đầu.")]))
    assert dataclasses.astuple(m) == dataclasses.astuple(type(m)())


def test_legal_document_symbol_and_signer_in_capitals():
    head = _header_table(
        ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Số: 05/2024/QĐ-UBND"],
        ["Quảng Ngãi, ngày 12 tháng 02 năm 2024"],
    )
    closing = Table(
        [
            Row(
                [
                    Cell(["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT."]),
                    Cell(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "TRẦN PHƯỚC HIỀN"]),
                ]
            )
        ],
        2,
    )
    doc = Document(
        "x.docx",
        "docx",
        [
            head,
            Paragraph("QUYẾT ĐỊNH", bold=True, alignment="center"),
            Paragraph("Ban hành Quy chế làm việc", bold=True, alignment="center"),
            Paragraph("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"),
            closing,
        ],
    )
    m = extract_metadata(doc)
    assert (m.doc_type, m.doc_number, m.doc_symbol) == ("QĐ", "05", "2024/QĐ-UBND")
    assert (m.issuer, m.parent_issuer, m.place) == ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", None, "Quảng Ngãi")
    assert m.signer_title == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    assert m.signer == "Trần Phước Hiền"
    assert m.distribution == ["Như Điều 3", "Lưu: VT"]
