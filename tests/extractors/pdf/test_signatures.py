"""Signed PDFs: the values a signature widget stamps over the page's blanks are read where they are
printed, every signature is listed with its certificate, and the signing time dates an undated
document (NĐ 30/2020/NĐ-CP, Điều 15.3). The PDFs are written by hand (tests/extractors/pdf/made_pdfs.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.model import Document, Paragraph, Signature
from extractors.pdf.backend import extract
from extractors.pdf.signatures import is_organization, is_stamped_value, merge_stamps, parse_pdf_date
from pipeline.stages.metadata import extract_metadata
from pipeline.stages.signed_date import apply_signature_date, issuing_signature
from pipeline.records import DocMeta
from tests.extractors.pdf.made_pdfs import signed_letter

pytest.importorskip("asn1crypto")

VN = dt.timezone(dt.timedelta(hours=7))
OFFICE = ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM")
PERSON = ("Nguyễn Văn An", "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM")
HEADER = [
    (60, 780, "UBND TỈNH THỬ NGHIỆM"),
    (330, 780, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (60, 764, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
    (330, 764, "Độc lập - Tự do - Hạnh phúc"),
]
CLOSING = [
    (60, 560, "Nơi nhận:"),
    (60, 546, "- Như trên;"),
    (60, 532, "- Lưu: VT."),
    (360, 560, "GIÁM ĐỐC"),
    (360, 480, "Nguyễn Văn An"),
]


def _letter(tmp_path, number_line: str, date_line: str, signers, whole_file=True):
    body = (
        HEADER
        + [
            (60, 740, number_line),
            (330, 740, date_line),
            (220, 700, "QUYẾT ĐỊNH"),
            (150, 684, "Về việc ban hành quy chế làm việc"),
            (60, 650, "Điều 1. Ban hành kèm theo Quyết định này."),
        ]
        + CLOSING
    )
    path = tmp_path / "letter.pdf"
    path.write_bytes(signed_letter(body, signers, whole_file))
    return path


# "Số:" at x=60 is 4 chars of 6 pt: the blank starts at 84; "Hà Nội, ngày " ends at 330 + 13 * 6 = 408
NUMBER_STAMP = ([86, 735, 130, 755], "12")
DAY_STAMP = ([410, 735, 440, 755], "05")


def test_stamped_number_and_day_are_read_where_printed(tmp_path):
    when = dt.datetime(2024, 3, 5, 9, 30, tzinfo=VN)
    path = _letter(
        tmp_path,
        "Số:          /QĐ-STTTT",
        "Hà Nội, ngày        tháng 3 năm 2024",
        [(*PERSON, when), (*OFFICE, when, NUMBER_STAMP), (*OFFICE, when, DAY_STAMP)],
    )
    doc = extract(path)
    text = doc.text()
    assert "Số: 12 /QĐ-STTTT" in text
    assert "ngày 05 tháng 3 năm 2024" in text
    meta = extract_metadata(doc)
    assert (meta.doc_number, meta.doc_symbol) == ("12", "QĐ-STTTT")
    assert meta.issued_date == dt.date(2024, 3, 5)
    assert meta.date_source == "stamp"


def test_signatures_are_listed_with_their_certificates(tmp_path):
    when = dt.datetime(2024, 3, 5, 9, 30, tzinfo=VN)
    path = _letter(
        tmp_path,
        "Số:          /QĐ-STTTT",
        "Hà Nội, ngày        tháng 3 năm 2024",
        [(*PERSON, when - dt.timedelta(hours=20)), (*OFFICE, when)],
    )
    sigs = extract(path).signatures
    assert [s.field_name for s in sigs] == ["Signature1", "Signature2"]  # signing order
    person, office = sigs
    assert person.subject_cn == "Nguyễn Văn An" and not person.is_organization
    assert office.subject_cn == OFFICE[0] and office.subject_o == OFFICE[1] and office.is_organization
    assert office.signed_at == when and office.issuer_cn == "CA thử nghiệm"
    assert office.serial_number == "1234ABCD" and office.subfilter == "adbe.pkcs7.detached"
    assert office.page == 1 and office.bbox is not None
    assert office.covers_whole_file is True and person.covers_whole_file is False
    assert not office.stamped and office.appearance_text == ""


def test_blank_date_falls_back_to_the_issuing_office_signature(tmp_path):
    when = dt.datetime(2024, 3, 6, 8, 15, tzinfo=VN)
    path = _letter(
        tmp_path,
        "Số:          /QĐ-STTTT",
        "Hà Nội, ngày        tháng 3 năm 2024",
        [(*OFFICE, when, NUMBER_STAMP), (*PERSON, when + dt.timedelta(days=2))],
    )
    meta = extract_metadata(extract(path))
    assert meta.doc_number == "12"
    # the office signed on the 6th; the personal signature's time is not the issue date
    assert meta.issued_date == dt.date(2024, 3, 6) and meta.date_source == "signature"


def test_printed_date_wins_over_signature_time(tmp_path):
    path = _letter(
        tmp_path,
        "Số: 7/QĐ-STTTT",
        "Hà Nội, ngày 04 tháng 3 năm 2024",
        [(*OFFICE, dt.datetime(2024, 3, 6, 8, 0, tzinfo=VN))],
    )
    meta = extract_metadata(extract(path))
    assert meta.issued_date == dt.date(2024, 3, 4) and meta.date_source == "printed"


def test_unsigned_document_has_no_date_source():
    meta = DocMeta()
    apply_signature_date(meta, Document(source_file="x.docx", file_format="docx"))
    assert meta.date_source is None and meta.issued_date is None


def _sig(cn, when, text="", org=True):
    return Signature(subject_cn=cn, signed_at=when, appearance_text=text, is_organization=org)


def test_issuing_signature_rule():
    t = dt.datetime(2024, 5, 2, 10, 0, tzinfo=VN)
    person, office = _sig("Trần Thị Bình", t, org=False), _sig("ỦY BAN NHÂN DÂN XÃ AN BÌNH", t)
    copy = _sig("VĂN PHÒNG ỦY BAN", t + dt.timedelta(days=30), "SAO Y; VĂN PHÒNG ỦY BAN; Thời gian ký: …")
    assert issuing_signature([person, office]) is office
    assert issuing_signature([office, person]) is office  # the last *organisation* signature
    assert issuing_signature([office, copy]) is office  # a certified copy dates the copy, not the document
    assert issuing_signature([person]) is None
    # the office signs again when it re-issues the document months later: the printed year or month
    # names the issuing signature; nothing printed, the last one
    later = _sig("ỦY BAN NHÂN DÂN XÃ AN BÌNH", dt.datetime(2025, 1, 10, 9, 0, tzinfo=VN))
    assert issuing_signature([office, later], year=2024) is office
    assert issuing_signature([office, later], year=2024, month=5) is office
    assert issuing_signature([office, later]) is later
    assert issuing_signature([office, later], year=2023) is later  # none agrees: the last one


def test_reissued_scan_dated_by_the_signature_of_its_printed_year():
    # a scan whose handwritten day and month are illegible, year printed; signed at issue and again
    # when re-issued next year
    doc = Document(
        "x.pdf",
        "pdf-ocr",
        [Paragraph("Hà Nội, ngày #Š tháng Km năm 2024")],
        signatures=[
            _sig("VĂN PHÒNG", dt.datetime(2024, 12, 19, 16, 0, tzinfo=VN)),
            _sig("VĂN PHÒNG", dt.datetime(2025, 1, 10, 16, 0, tzinfo=VN)),
        ],
    )
    meta = DocMeta(year=2024)
    apply_signature_date(meta, doc)
    assert (meta.issued_date, meta.date_source) == (dt.date(2024, 12, 19), "signature")


@pytest.mark.parametrize(
    "cn,expected",
    [
        ("SỞ TÀI CHÍNH", True),
        ("Ủy ban nhân dân huyện Hòa An", True),
        ("UBND XÃ TÂN PHÚ", True),
        ("Bộ Công Thương", True),
        ("Công ty Cổ phần Thành Công", True),
        ("TRUNG TÂM Y TẾ HUYỆN", True),
        ("Văn phòng Chính phủ", True),
        ("Hội Nông dân tỉnh", True),
        ("Nguyễn Văn An", False),
        ("Trần Thị Bích Hằng", False),
        (None, False),
    ],
)
def test_organization_certificates(cn, expected):
    assert is_organization(cn, "ỦY BAN NHÂN DÂN TỈNH") is expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("184", True),
        ("06", True),
        ("12/QĐ-UBND", True),
        ("", False),
        ("Ký bởi: Sở Tài chính", False),
        ("SAO Y; PHÒNG HÀNH CHÍNH; Thời gian ký: 2025-07-15", False),
        ("Cơ quan phát hành: VĂN PHÒNG", False),
        ("ABC", False),
    ],
)
def test_stamped_values_fill_blanks_descriptions_do_not(text, expected):
    assert is_stamped_value(text) is expected


def test_pdf_dates():
    assert parse_pdf_date("D:20251106142656+07'00'") == dt.datetime(2025, 11, 6, 14, 26, 56, tzinfo=VN)
    assert parse_pdf_date(b"D:20240101") == dt.datetime(2024, 1, 1)
    assert parse_pdf_date("D:20240101120000Z").tzinfo == dt.timezone.utc
    assert parse_pdf_date("yesterday") is None and parse_pdf_date(None) is None


def test_merge_drops_only_the_blanks_a_stamp_covers():
    def ch(text, x0, x1, top=100.0):
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 12, "size": 12, "fontname": "F"}

    page = [
        ch("S", 0, 6),
        ch(":", 6, 9),
        ch(" ", 9, 12),
        ch(" ", 12, 15),
        ch(" ", 15, 18),
        ch(" ", 18, 21),
        ch("/", 21, 24),
        ch(" ", 13, 16, top=130),
    ]
    stamp = [ch("7", 12.5, 18.5)]
    merged = merge_stamps(page, stamp)
    assert [c["text"] for c in merged if c["top"] == 100].count(" ") == 1  # the blank left of the stamp stays
    assert any(c["top"] == 130 for c in merged)  # another line is untouched
    assert merge_stamps(page, []) is page


def test_a_copy_line_on_the_page_dates_the_copy_not_the_document():
    """NĐ 30/2020 Phụ lục I: an electronic copy carries "SAO Y; <office>; dd/mm/yyyy; hh:mm:ss; +07:00";
    the office signature of that day is the copy's, so the blank date stays blank; an earlier office
    signature (the original's, kept in the file) still dates the document."""
    copied = dt.datetime(2025, 3, 18, 9, 5, tzinfo=VN)
    page = Paragraph(text="SAO Y; VĂN PHÒNG HUYỆN THỬ NGHIỆM; 18/03/2025; 09:05:40; +07:00", page=1)
    doc = Document(
        source_file="x.pdf", file_format="pdf", blocks=[page], signatures=[_sig("VĂN PHÒNG HUYỆN THỬ NGHIỆM", copied)]
    )
    meta = DocMeta(year=2025)
    apply_signature_date(meta, doc)
    assert meta.issued_date is None and meta.date_source is None
    original = _sig("ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM", copied - dt.timedelta(days=4))
    doc.signatures.insert(0, original)
    apply_signature_date(meta, doc)
    assert meta.issued_date == dt.date(2025, 3, 14) and meta.date_source == "signature"
