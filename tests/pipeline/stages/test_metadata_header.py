"""Header rules of NĐ 30/2020/NĐ-CP Phụ lục I (issuer, số và ký hiệu, địa danh và thời gian, tên loại và
trích yếu) and Hướng dẫn 36-HD/VPTW (Party documents), on invented header blocks."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.model import Cell, Document, Paragraph, Row, Table
from pipeline.stages.layout import title_word
from pipeline.stages.metadata import extract_metadata
from tests.genre_forms import TYPES


def _doc(left: list[str], right: list[str], *body: Paragraph, fmt: str = "docx") -> Document:
    """A borderless two-column header table, then the body paragraphs."""
    return Document(f"x.{fmt}", fmt, [Table([Row([Cell(left), Cell(right)])], 2), *body])


def _centred(text: str) -> Paragraph:
    return Paragraph(text, bold=True, alignment="center")


MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
BODY = Paragraph("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 và các văn bản hướng dẫn;")


@pytest.mark.parametrize(
    "agencies, parent, issuer",
    [
        (["ỦY BAN NHÂN DÂN", "TỈNH HÀ GIANG"], None, "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG"),
        (["ỦY BAN NHÂN DÂN", "HUYỆN ĐỒNG VĂN"], None, "ỦY BAN NHÂN DÂN HUYỆN ĐỒNG VĂN"),
        (["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"], None, "ỦY BAN NHÂN DÂN XÃ TÂN LẬP"),
        (["UBND TỈNH YÊN BÁI", "SỞ TÀI CHÍNH"], "UBND TỈNH YÊN BÁI", "SỞ TÀI CHÍNH"),
        (["BỘ XÂY DỰNG"], None, "BỘ XÂY DỰNG"),
        (["BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "CỤC THỦY LỢI"], "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "CỤC THỦY LỢI"),
        (["CỤC THUẾ TỈNH AN GIANG", "CHI CỤC THUẾ KHU VỰC I"], "CỤC THUẾ TỈNH AN GIANG", "CHI CỤC THUẾ KHU VỰC I"),
        (["HỘI NÔNG DÂN TỈNH SƠN LA", "BAN THƯỜNG VỤ"], "HỘI NÔNG DÂN TỈNH SƠN LA", "BAN THƯỜNG VỤ"),
        (["CÔNG TY CỔ PHẦN CẤP NƯỚC HẠ LONG"], None, "CÔNG TY CỔ PHẦN CẤP NƯỚC HẠ LONG"),
    ],
)
def test_issuer_kinds(agencies, parent, issuer):
    m = extract_metadata(
        _doc(
            agencies + ["Số: 15/KH-XX"],
            MOTTO + ["Hà Nội, ngày 02 tháng 5 năm 2024"],
            _centred("KẾ HOẠCH"),
            _centred("Triển khai nhiệm vụ năm 2024"),
            BODY,
        )
    )
    assert (m.parent_issuer, m.issuer) == (parent, issuer)
    assert (m.doc_type, m.doc_number, m.doc_symbol, m.issued_date) == ("KH", "15", "KH-XX", dt.date(2024, 5, 2))


def test_party_document_motto_number_and_dashed_date():
    # Hướng dẫn 36-HD/VPTW: "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, "Số 125-KH/TU", a dashed date
    doc = _doc(
        ["ĐẢNG BỘ TỈNH CAO BẰNG", "TỈNH ỦY", "*", "Số 125-KH/TU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Cao Bằng, ngày 01-10-2024"],
        _centred("KẾ HOẠCH"),
        _centred("học tập, quán triệt nghị quyết"),
        BODY,
    )
    m = extract_metadata(doc)
    assert (m.parent_issuer, m.issuer) == ("ĐẢNG BỘ TỈNH CAO BẰNG", "TỈNH ỦY")
    assert (m.doc_type, m.doc_number, m.doc_symbol) == ("KH", "125", "KH/TU")
    assert (m.place, m.issued_date) == ("Cao Bằng", dt.date(2024, 10, 1))
    assert m.title == "học tập, quán triệt nghị quyết"


def test_party_document_with_written_date_and_blank_number():
    doc = _doc(
        ["HUYỆN ỦY BẢO LẠC", "Số    -BC/HU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Bảo Lạc, ngày 05 tháng 3 năm 2025"],
        _centred("BÁO CÁO"),
        _centred("sơ kết công tác quý I"),
        BODY,
    )
    m = extract_metadata(doc)
    assert (m.doc_type, m.doc_number, m.doc_symbol, m.issued_date) == ("BC", None, "BC/HU", dt.date(2025, 3, 5))


@pytest.mark.parametrize(
    "line, number, symbol",
    [
        ("Số: 21.5/GM-BL", "21.5", "GM-BL"),  # a company's number with a dot
        ("Số: 05/2024/QĐ-UBND", "05", "2024/QĐ-UBND"),  # leading zero, year in the symbol
        ("Số: 14-02/25/PT-VP", "14-02", "25/PT-VP"),  # several slashes
        ("Số:      /BC-SNV", None, "BC-SNV"),  # blank number of a signed or draft document
        ("Số: ……/TB-UBND", None, "TB-UBND"),
        ("Số:123/TTr-STP", "123", "TTr-STP"),
        ("Số: 310 /HD-HH", "310", "HD-HH"),  # a space before the slash (a stamped or typed-in number)
        ("Số: 4 72/GM-UBND", None, "GM-UBND"),  # handwritten digits OCR read apart: one may be lost
        ("Số: 31/TTr-CAH(PX03)", "31", "TTr-CAH(PX03)"),  # the unit within the issuer, in brackets
        ("Số: 8/BC- CAH(PC07)", "8", "BC-CAH(PC07)"),
        ("Số: 5/KH-UBND (Dự thảo)", "5", "KH-UBND"),  # a remark after a space is no part of it
    ],
)
def test_number_and_symbol_forms(line, number, symbol):
    m = extract_metadata(_doc(["SỞ TƯ PHÁP", line], MOTTO + ["Hà Nam, ngày 9 tháng 9 năm 2024"], BODY))
    assert (m.doc_number, m.doc_symbol) == (number, symbol)


@pytest.mark.parametrize(
    "agency, line, symbol",
    [
        ("BỘ TƯ PHÁP", "sẽ:4 ồ YBTP-VP", "BTP-VP"),  # a công văn: the issuer's abbreviation opens it
        ("BỘ TƯ PHÁP", "Sé: 7 |QĐ-BTP", "QĐ-BTP"),  # a type code opens it
        ("SỞ TƯ PHÁP", "Sô; 1 STP-HCTP", "STP-HCTP"),  # the slash lost, no glyph for it
        ("SỞ TƯ PHÁP", "sẽ:4 ồ YBTP-VP", None),  # opens with neither: not taken
        ("SỞ TƯ PHÁP", "Sẽ triển khai KH-STP", None),  # words, not a "Số:" line
    ],
)
def test_a_symbol_whose_slash_a_stamped_number_covers(agency, line, symbol):
    # OCR of "Số: 4817/BTP-VP" with the number stamped over the slash: the symbol is still printed
    m = extract_metadata(_doc([agency, line], MOTTO + ["Hà Nội, ngày 9 tháng 9 năm 2024"], BODY, fmt="pdf"))
    assert (m.doc_number, m.doc_symbol) == (None, symbol)


# every type of NĐ 30/2020 Phụ lục III and the legal documents, by their printed type name
TYPE_NAMES = [(name, code) for name, code in TYPES if name] + [
    ("NGHỊ ĐỊNH", "NĐ"),
    ("THÔNG TƯ", "TT"),
    ("LUẬT", "Luật"),
]


@pytest.mark.parametrize("name, code", TYPE_NAMES)
def test_type_from_the_printed_type_name(name, code):
    # the symbol's code is an issuer's ("UBND-VX"): the printed type name gives the type
    m = extract_metadata(
        _doc(
            ["ỦY BAN NHÂN DÂN", "XÃ PHÚ AN", "Số: 7/UBND-VX"],
            MOTTO + ["Phú An, ngày 3 tháng 4 năm 2024"],
            _centred(name),
            _centred("Về việc tổ chức ngày hội"),
            BODY,
        )
    )
    assert m.doc_type == code
    assert m.title == "Về việc tổ chức ngày hội"


@pytest.mark.parametrize("name, code", [(n, c) for n, c in TYPE_NAMES if c != "Luật"])
def test_type_from_the_symbol_code_first(name, code):
    # "the abbreviation printed in the symbol" wins over a type name (a misprinted one included)
    m = extract_metadata(
        _doc(["SỞ Y TẾ", f"Số: 31/{code}-SYT"], MOTTO + ["Huế, ngày 8 tháng 8 năm 2024"], _centred("VĂN BẢN"), BODY)
    )
    assert m.doc_type == code and m.doc_symbol == f"{code}-SYT"


def test_heading_without_a_type_code_takes_the_symbols():
    # a phiếu trình is no Phụ lục III type: its own symbol names it
    m = extract_metadata(_doc(["VĂN PHÒNG", "Số: 3-01/25/PT-TH"], MOTTO, _centred("PHIẾU TRÌNH"), BODY))
    assert (m.doc_type, m.doc_number, m.doc_symbol) == ("PT", "3-01", "25/PT-TH")
    m = extract_metadata(
        _doc(
            ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"],
            MOTTO,
            _centred("ĐIỀU LỆ"),
            _centred("HỘI NGHỀ CÁ TỈNH GIA LAI"),
            Paragraph("(Ban hành kèm theo Quyết định số    /QĐ-UBND ngày    tháng    năm 2025", alignment="center"),
            Paragraph("của Chủ tịch Ủy ban nhân dân tỉnh)", alignment="center"),
            BODY,
        )
    )
    assert (m.doc_type, m.doc_symbol, m.title) == (None, None, "HỘI NGHỀ CÁ TỈNH GIA LAI")
    assert m.year == 2025  # issued with the decision it is attached to


def test_cong_van_subject_not_title_and_multiline_subject():
    doc = _doc(
        [
            "UBND HUYỆN MƯỜNG KHƯƠNG",
            "PHÒNG NỘI VỤ",
            "Số: 88/PNV",
            "V/v rà soát, báo cáo số lượng",
            "cán bộ, công chức cấp xã",
        ],
        MOTTO + ["Mường Khương, ngày 12 tháng 6 năm 2024"],
        Paragraph("Kính gửi: Ủy ban nhân dân các xã, thị trấn"),
        BODY,
    )
    m = extract_metadata(doc)
    assert (m.doc_type, m.doc_symbol, m.title) == ("CV", "PNV", None)
    assert m.subject == "rà soát, báo cáo số lượng cán bộ, công chức cấp xã"
    assert m.recipients == ["Ủy ban nhân dân các xã, thị trấn"]


def test_cong_van_symbol_code_is_a_units_not_a_type():
    # "CT" of Cục Thuế is no Chỉ thị: with a "V/v" line and no type name the document is a công văn
    m = extract_metadata(
        _doc(
            ["CỤC THUẾ TỈNH BẮC KẠN", "Số: 402/CT-TTHT", "V/v chính sách thuế"],
            MOTTO + ["Bắc Kạn, ngày 4 tháng 3 năm 2024"],
            Paragraph("Kính gửi: Công ty A"),
            BODY,
        )
    )
    assert (m.doc_type, m.subject) == ("CV", "chính sách thuế")


def test_template_placeholders_are_blank():
    m = extract_metadata(
        _doc(
            ["SỞ CÔNG THƯƠNG", "PHÒNG KINH TẾ", "V/v ……………………"],
            MOTTO + ["Huế, ngày … tháng … năm 20…"],
            Paragraph("Kính gửi: ……………………………."),
            BODY,
        )
    )
    assert (m.doc_type, m.subject, m.title, m.recipients, m.year) == ("CV", None, None, [], None)


def test_multiline_title_opening_with_thuc_hien_and_ve_viec():
    m = extract_metadata(
        _doc(
            ["UBND TỈNH ĐIỆN BIÊN", "SỞ CÔNG THƯƠNG", "Số:   /KH-SCT"],
            MOTTO + ["Điện Biên, ngày   tháng 4 năm 2026"],
            _centred("KẾ HOẠCH"),
            _centred("Thực hiện Chương trình số 12 về phát triển"),
            _centred("công nghiệp chế biến giai đoạn 2026-2030"),
            Paragraph("(Ban hành kèm theo Nghị quyết số 20-NQ/TU ngày 01/12/2025)", alignment="center"),
            Paragraph(
                "Thực hiện Nghị quyết số 20-NQ/TU ngày 01/12/2025 của Tỉnh ủy, Sở Công Thương ban hành "
                "Kế hoạch thực hiện như sau:",
                alignment="justify",
            ),
        )
    )
    assert m.title == "Thực hiện Chương trình số 12 về phát triển công nghiệp chế biến giai đoạn 2026-2030"
    assert (m.doc_number, m.year, m.month, m.issued_date) == (None, 2026, 4, None)
    m = extract_metadata(
        _doc(
            ["SỞ NỘI VỤ", "Số: 9/TTr-SNV"],
            MOTTO + ["Huế, ngày 1 tháng 2 năm 2025"],
            _centred("TỜ TRÌNH"),
            _centred("Về việc cho phép đổi tên Hội Cựu giáo chức"),
            _centred("và phê duyệt Điều lệ"),
            _centred("(sửa đổi, bổ sung) của Hội"),
            Paragraph("Kính gửi: Chủ tịch UBND tỉnh"),
        )
    )
    assert m.title == "Về việc cho phép đổi tên Hội Cựu giáo chức và phê duyệt Điều lệ (sửa đổi, bổ sung) của Hội"


def test_a_title_whose_first_line_spans_the_text_carries_on_in_the_centred_lines():
    # on a scan the trích yếu's first line, as wide as the text, is neither centred nor known to be bold:
    # the centred lines under it are the rest of the title, up to "Kính gửi"
    wide = Paragraph("Về việc đề nghị phê duyệt danh mục các công trình, dự án cần thu hồi đất", alignment="left")

    def submission(*lines: Paragraph):
        header = (["SỞ NỘI VỤ", "Số: 9/TTr-SNV"], MOTTO + ["Huế, ngày 1 tháng 2 năm 2025"])
        return extract_metadata(_doc(*header, _centred("TỜ TRÌNH"), wide, *lines))

    m = submission(
        Paragraph("để phát triển kinh tế - xã hội", alignment="center"),
        Paragraph("trên địa bàn tỉnh năm 2026", alignment="center"),
        Paragraph("Kính gửi: Chủ tịch UBND tỉnh", alignment="center"),
    )
    assert m.title == f"{wide.text} để phát triển kinh tế - xã hội trên địa bàn tỉnh năm 2026"
    # a plain line under it is body: the title stays the one line
    m = submission(Paragraph("để phát triển kinh tế - xã hội", alignment="left"))
    assert m.title == wide.text


def test_decision_title_stops_at_the_authority_line():
    m = extract_metadata(
        _doc(
            ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "Số: 1/QĐ-UBND"],
            MOTTO + ["Bắc Ninh, ngày 2 tháng 1 năm 2025"],
            _centred("QUYẾT ĐỊNH"),
            Paragraph("Về việc kiện toàn Ban Chỉ đạo", alignment="center"),
            _centred("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH"),
            BODY,
        )
    )
    assert (m.doc_type, m.title) == ("QĐ", "Về việc kiện toàn Ban Chỉ đạo")


def test_ocr_misreads_in_header_are_tolerated():
    # an OCR'd scan: accents of the type name misread, a handwritten number and day illegible
    doc = Document(
        "x.pdf",
        "pdf-ocr",
        [
            Paragraph("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            Paragraph("TỈNH TUYÊN QUANG"),
            Paragraph("Độc lập - Tự do - Hạnh phúc"),
            Paragraph("số: đ5#Y /QĐ-UBND Tuyên Quang, ngày 0$ tháng 7 năm 2026"),
            Paragraph("QUY ÉT ĐỊNH", alignment="center"),
            Paragraph("Về việc công nhận xã đạt chuẩn nông thôn mới", alignment="center"),
            Paragraph("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
        ],
    )
    m = extract_metadata(doc)
    assert (m.doc_type, m.doc_number, m.doc_symbol) == ("QĐ", None, "QĐ-UBND")
    assert (m.year, m.month, m.day, m.issued_date) == (2026, 7, None, None)
    assert m.title == "Về việc công nhận xã đạt chuẩn nông thôn mới"


def test_title_word_reading():
    assert title_word("QUYẾT: ĐỊNH CHẤP THUẬN") == ("QUYẾT ĐỊNH", "CHẤP THUẬN")
    assert title_word("KẾ HOẠCH Cải cách hành chính") == ("KẾ HOẠCH", "Cải cách hành chính")
    assert title_word("Kế hoạch này được triển khai") is None  # the word in a sentence
    assert title_word("QUYẾT ĐỊNHX") is None


def test_scan_with_illegible_date_and_broken_number_line():
    # the numbering stamp read as "3 3#", a fraction slash, day and month handwritten beyond reading,
    # "Kính gửi" read without accents
    doc = Document(
        "x.pdf",
        "pdf-ocr",
        [
            Paragraph("BỘ TƯ PHÁP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            Paragraph("CỤC HỘ TỊCH"),
            Paragraph("Độc lập - Tự do - Hạnh phúc"),
            Paragraph("Số: 4 7#⁄HT-QL"),
            Paragraph("V/v hướng dẫn đăng ký hộ tịch"),
            Paragraph("Hà Nội, ngày #Š Km Y năm 2025"),
            Paragraph("Kinh gửi: Sở Tư pháp các tỉnh"),
            Paragraph("Thực hiện chỉ đạo của Bộ trưởng, Cục Hộ tịch đề nghị các Sở triển khai các nội dung sau đây."),
        ],
    )
    m = extract_metadata(doc)
    assert (m.doc_type, m.doc_number, m.doc_symbol) == ("CV", None, "HT-QL")
    assert (m.place, m.year, m.issued_date) == ("Hà Nội", 2025, None)
    assert (m.subject, m.recipients) == ("hướng dẫn đăng ký hộ tịch", ["Sở Tư pháp các tỉnh"])


def test_header_ends_at_a_long_justified_paragraph():
    # a text layer that lost "Kính gửi": the body still ends the header, so the subject stays short
    doc = Document(
        "x.pdf",
        "pdf",
        [
            Table([Row([Cell(["SỞ TÀI CHÍNH", "Số: 77 /STC- QLG", "V/v góp ý dự thảo"]), Cell(MOTTO)])], 2),
            Paragraph(
                "Sở Tài chính nhận được văn bản của Sở Xây dựng về việc góp ý dự thảo quy định giá dịch vụ; "
                "sau khi nghiên cứu hồ sơ kèm theo và đối chiếu các quy định hiện hành, Sở Tài chính có ý kiến như sau:",
                alignment="justify",
            ),
        ],
    )
    m = extract_metadata(doc)
    assert (m.doc_symbol, m.subject) == ("STC-QLG", "góp ý dự thảo")


def test_heading_of_a_document_without_type_name():
    # a stand-alone appendix: its heading is the trích yếu, in capitals over several lines
    doc = Document(
        "x.docx",
        "docx",
        [
            Paragraph("Phụ lục III", bold=True, alignment="center"),
            Paragraph("TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CÁC ĐƠN VỊ", bold=True, alignment="center"),
            Paragraph("CẤP HUYỆN NĂM 2025", bold=True, alignment="center"),
            Paragraph("I. KHỐI HUYỆN", bold=True),
            Table([Row([Cell(["1"]), Cell(["Huyện A"]), Cell(["9,5"]), Cell(["x"])])], 4),
        ],
    )
    m = extract_metadata(doc)
    assert (m.doc_type, m.title) == (None, "TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CÁC ĐƠN VỊ CẤP HUYỆN NĂM 2025")
    # the heading and the section label under "Phụ lục" are no issuer: the issuer stands above it
    assert (m.parent_issuer, m.issuer) == (None, None)
    doc.blocks.insert(0, Paragraph("SỞ NỘI VỤ", bold=True))
    assert extract_metadata(doc).issuer == "SỞ NỘI VỤ"
    # a danh sách under the motto
    doc = _doc(
        ["HỘI CỰU CHIẾN BINH", "XÃ AN BÌNH"],
        MOTTO,
        Paragraph("DANH SÁCH HỘI VIÊN ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025", bold=True, alignment="center"),
    )
    assert extract_metadata(doc).title == "DANH SÁCH HỘI VIÊN ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025"
    # a bare score sheet (no motto, no "Phụ lục") is no administrative document: no trích yếu
    doc = Document("x.docx", "docx", [Paragraph("BẢNG ĐIỂM TỔNG HỢP CÁC CHỈ SỐ", bold=True, alignment="center")])
    assert extract_metadata(doc).title is None


@pytest.mark.parametrize("greeting", ["Kính gửi:", "Kinh gui:", "Kính 8ửi:", "Kính qửi:"])
def test_ocr_read_kinh_gui_ends_the_subject(greeting):
    # OCR reads the g of "gửi" as 8 or q: the "Kính gửi" line still ends a wrapped V/v subject
    doc = Document(
        "x.pdf",
        "pdf-ocr",
        [
            Paragraph("BỘ TƯ PHÁP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            Paragraph("Số: 47/BTP-QL"),
            Paragraph("V/v hướng dẫn đăng ký hộ tịch"),
            Paragraph("trên địa bàn các tỉnh"),
            Paragraph(greeting),
            Paragraph("Độc lập - Tự do - Hạnh phúc"),
            Paragraph("Hà Nội, ngày 16 tháng 12 năm 2025"),
            Paragraph("Thực hiện chỉ đạo của Bộ trưởng, Bộ Tư pháp đề nghị các Sở triển khai các nội dung sau đây."),
        ],
    )
    assert extract_metadata(doc).subject == "hướng dẫn đăng ký hộ tịch trên địa bàn các tỉnh"


def test_ocr_read_giay_moi_without_trich_yeu():
    # a scanned giấy mời: a speck before the type name, "Số" read "Sé", the handwritten number
    # illegible, the day and month read with letters for digits; no trích yếu, the body opens at once
    doc = Document(
        "x.pdf",
        "pdf-ocr",
        [
            Paragraph("ỦY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            Paragraph("TỈNH CAO BẰNG"),
            Paragraph("Độc lập - Tự do - Hạnh phúc"),
            Paragraph("Sé: 4 ýO/GM-UBND Cao Bằng, ngày D8 tháng I2 năm 2025"),
            Paragraph("<7 GIẦY MỜI"),
            Paragraph(
                "Ủy ban nhân dân tỉnh tổ chức hội nghị sơ kết công tác chuyển đổi số sáu tháng đầu năm, "
                "đánh giá kết quả thực hiện các chỉ tiêu và thống nhất nhiệm vụ trọng tâm của các tháng cuối năm."
            ),
            Paragraph("1. Chủ trì: Đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh."),
        ],
    )
    m = extract_metadata(doc)
    assert (m.doc_type, m.doc_number, m.doc_symbol) == ("GM", None, "GM-UBND")
    assert (m.place, m.issued_date, m.title) == ("Cao Bằng", dt.date(2025, 12, 8), None)


@pytest.mark.parametrize(
    "line, day, month",
    [
        ("ngày D6 tháng I1 năm 2025", 6, 11),  # D for 0, I for 1
        ("ngày |6 tháng 12 năm 2025", 16, 12),  # a bar for 1
        ("ngày 06 tháng 1] năm 2025", 6, 11),  # a bracket for 1
        ("ngày 2O tháng l0 năm 2025", 20, 10),  # O for 0, l for 1
        ("ngày 05 tháng 3 năm 2025", 5, 3),  # printed digits untouched
        ("ngày DD tháng Il năm 2025", None, None),  # no true digit: illegible, not guessed
    ],
)
def test_ocr_letters_for_digits_in_day_and_month(line, day, month):
    m = extract_metadata(
        Document(
            "x.pdf",
            "pdf-ocr",
            [
                Paragraph("SỞ TƯ PHÁP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                Paragraph(f"Số: 12/TB-STP Hà Giang, {line}"),
                Paragraph("THÔNG BÁO"),
                Paragraph("Kết quả kiểm tra công tác hộ tịch", alignment="center"),
            ],
        )
    )
    assert (m.year, m.month, m.day) == (2025, month, day)


@pytest.mark.parametrize(
    "line, place",
    [
        ("Long Phú - Hải An, ngày 05 tháng 3 năm 2025", "Long Phú - Hải An"),  # a double name joined by a dash
        ("Tây Sơn – Bắc Hà, ngày 05 tháng 3 năm 2025", "Tây Sơn – Bắc Hà"),
        ("Hòa An, ngày 05 tháng 3 năm 2025", "Hòa An"),
    ],
)
def test_the_place_of_the_date_line(line, place):
    m = extract_metadata(_doc(["ỦY BAN NHÂN DÂN", "Số: 12/TB-UBND"], MOTTO + [line], BODY))
    assert (m.place, m.issued_date) == (place, dt.date(2025, 3, 5))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_kinh_gui_set_as_a_table(fmt):
    # the greeting in a left cell, the list aligned in the right one: its own small table (a DOCX), or
    # read into the header's table when its columns line up with the header's (a PDF)
    greeting = Row([Cell(["Kính gửi:"]), Cell(["- Sở Y tế;", "- Sở Giáo dục và Đào tạo."])])
    head = [Row([Cell(["ỦY BAN NHÂN DÂN", "TỈNH BẮC SƠN", "Số: 12/UBND-VX", "V/v tổ chức tập huấn"]), Cell(MOTTO)])]
    if fmt == "docx":
        blocks = [Table(head, 2), Table([greeting], 2), BODY]
    else:
        blocks = [Table(head + [greeting], 2), BODY]
    m = extract_metadata(Document(f"x.{fmt}", fmt, blocks))
    assert (m.doc_type, m.subject, m.recipients) == ("CV", "tổ chức tập huấn", ["Sở Y tế", "Sở Giáo dục và Đào tạo"])
    assert (m.issuer, m.doc_symbol) == ("ỦY BAN NHÂN DÂN TỈNH BẮC SƠN", "UBND-VX")


def test_kinh_gui_beside_the_date_line_and_its_list_under_the_header():
    # "Kính gửi:" closes the left cell of the header's second row, the date stands right of it, the list
    # follows the table: the list is the recipients, the date line is not one, nor part of the subject
    head = Table(
        [
            Row([Cell(["BỘ NGOẠI GIAO"]), Cell(MOTTO)]),
            Row(
                [
                    Cell(["Số: 81/BNG-VP", "V/v góp ý dự thảo quy chế", "Kính gửi:"]),
                    Cell(["Hà Nội, ngày 8 tháng 9 năm 2025"]),
                ]
            ),
        ],
        2,
    )
    m = extract_metadata(
        Document(
            "x.pdf", "pdf", [head, Paragraph("- Các bộ, cơ quan ngang bộ;"), Paragraph("- Các tỉnh, thành phố."), BODY]
        )
    )
    assert (m.subject, m.recipients) == ("góp ý dự thảo quy chế", ["Các bộ, cơ quan ngang bộ", "Các tỉnh, thành phố"])
    assert m.issued_date == dt.date(2025, 9, 8)


@pytest.mark.parametrize(
    "pieces, date, year",
    [
        (["Hà Nội, ngày", "tháng 7 năm 2026"], None, 2026),  # a blank day, for the signature to stamp
        (["Tây Sơn, ngày", "tháng", "năm", "2025"], None, 2025),  # day and month blank
        (["Tây Sơn, ngày 05", "tháng 3 năm", "2025"], dt.date(2025, 3, 5), 2025),
    ],
)
def test_a_date_line_ocr_read_in_pieces_at_its_blanks(pieces, date, year):
    m = extract_metadata(_doc(["SỞ Y TẾ", "Số: 8/TB-SYT"], MOTTO + pieces, BODY, fmt="pdf"))
    assert (m.issued_date, m.year, m.place) == (date, year, pieces[0].split(",")[0])


def _slip(*closing: Table | Paragraph) -> Document:
    """An internal submission slip: agency and motto, no date line in the header; its dates stand in
    the signature boxes at its end."""
    return Document(
        "x.docx",
        "docx",
        [
            Table([Row([Cell(["UBND TỈNH HÀ GIANG", "VĂN PHÒNG", "Số: 07/PT-TH"]), Cell(MOTTO)])], 2),
            Paragraph("PHIẾU TRÌNH", bold=True, alignment="center"),
            Paragraph("Nội dung trình: dự thảo kế hoạch kiểm tra công vụ năm 2026 của các cơ quan, đơn vị."),
            Paragraph("Đề xuất của chuyên viên: trình Lãnh đạo Văn phòng xem xét, cho ý kiến chỉ đạo."),
            *closing,
        ],
    )


def test_a_date_line_above_the_signatures_dates_an_undated_header():
    boxes = Table(
        [
            Row(
                [
                    Cell(["Chuyên viên", "Ngày 12 tháng 01 năm 2026", "Trần Văn Hùng"]),
                    Cell(["Lãnh đạo phòng", "Ngày 12 tháng 01 năm 2026", "Lê Thị Mai"]),
                ]
            ),
            Row([Cell(["Ý KIẾN CỦA LÃNH ĐẠO VĂN PHÒNG", "Ngày     tháng 01 năm 2026", "Phạm Văn Nam"]), Cell([""])]),
        ],
        2,
    )
    m = extract_metadata(_slip(boxes))
    assert (m.year, m.month, m.day, m.issued_date) == (2026, 1, 12, dt.date(2026, 1, 12))
    # only a box with a blank day: the year and month, no date
    blank = Table([Row([Cell(["Ý KIẾN CỦA LÃNH ĐẠO", "Ngày     tháng 01 năm 2026", "Phạm Văn Nam"])])], 1)
    m = extract_metadata(_slip(blank))
    assert (m.year, m.month, m.issued_date) == (2026, 1, None)
    # a file that carries attachments after the signature: their dates are theirs
    attached = [
        Paragraph("Hà Giang, ngày 20 tháng 8 năm 2025", alignment="right"),
        Paragraph("NGƯỜI ĐỀ NGHỊ"),
        Paragraph("Trần Văn Hùng"),
        *[Paragraph(f"Nội dung kèm theo, mục {k}.") for k in range(6)],
        Paragraph("BIÊN BẢN HỌP"),
        Paragraph("Hà Giang, ngày 05 tháng 02 năm 2013", alignment="right"),
    ]
    m = extract_metadata(_slip(*attached))
    assert (m.place, m.issued_date) == ("Hà Giang", dt.date(2025, 8, 20))
    # a date inside a sentence is no date line
    m = extract_metadata(_slip(Paragraph("Ngày 12 tháng 01 năm 2026, Văn phòng đã nhận được văn bản đề nghị.")))
    assert m.year is None


@pytest.mark.parametrize("after", ["Chương I", "CHƯƠNG II", "Điều 1. Phạm vi điều chỉnh", "Số: 01/PA-MS"])
def test_the_title_ends_at_a_chapter_article_or_number_line(after):
    # NĐ 30/2020 Phụ lục I: the trích yếu stands under the type name; the chapters and articles of the
    # text (centred, bold like it) and a number line set under it are not part of it
    doc = _doc(
        ["BỘ XÂY DỰNG"], MOTTO, _centred("PHƯƠNG ÁN"), _centred("Khai thác mỏ đá vôi năm 2026"), _centred(after), BODY
    )
    assert extract_metadata(doc).title == "Khai thác mỏ đá vôi năm 2026"


@pytest.mark.parametrize(
    "title, kept",
    [
        ("1 /Zđ_", None),
        (".Z đAM XV.⁄2/_", None),  # OCR specks where a handwritten note stood
        ("Kết quả kiểm tra năm 2025 (lần 2)", "Kết quả kiểm tra năm 2025 (lần 2)"),
        ("THANH TRA", "THANH TRA"),
    ],
)
def test_a_title_is_words_not_ocr_specks(title, kept):
    doc = _doc(
        ["SỞ TƯ PHÁP"], MOTTO + ["Hà Giang, ngày 02 tháng 5 năm 2025"], _centred("BÁO CÁO"), _centred(title), BODY
    )
    assert extract_metadata(doc).title == kept


@pytest.mark.parametrize(
    "field",
    [
        "Nội dung trình: Phê duyệt phương án bảo vệ mỏ đá năm 2026.",
        "1. Vấn đề trình: Phê duyệt phương án bảo vệ mỏ đá năm 2026",
    ],
)
def test_a_phieu_trinh_submits_its_trich_yeu_in_a_field(field):
    # "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC" names the form; the matter it submits is its trích yếu
    doc = _doc(
        ["SỞ CÔNG THƯƠNG", "PHÒNG QLCN"],
        MOTTO + ["Hà Giang, ngày 02 tháng 5 năm 2026"],
        _centred("PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC"),
        Paragraph("Kính gửi: Lãnh đạo Sở"),
        Paragraph(field),
        Paragraph("Họ và tên chuyên viên trình: Trần Văn Hùng"),
    )
    m = extract_metadata(doc)
    assert (m.doc_type, m.title) == (None, "Phê duyệt phương án bảo vệ mỏ đá năm 2026")


def test_an_illegible_number_is_read_on_the_attached_lists_line():
    # the number handwritten on a scan is illegible; the attached list names the letter it goes with
    doc = Document(
        "x.pdf",
        "pdf-ocr",
        [
            Paragraph("BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            Paragraph("Số:7đ1 /BTC-QLCS"),
            Paragraph("V/v kiểm kê tài sản công"),
            Paragraph("Hà Nội, ngày 09 tháng 10 năm 2025"),
            Paragraph("Kính gửi: Ủy ban nhân dân các tỉnh"),
            Paragraph(
                "Thực hiện chỉ đạo của Bộ trưởng, Bộ Tài chính đề nghị các địa phương triển khai nội dung sau đây."
            ),
            Paragraph("DANH SÁCH"),
            Paragraph("(Kèm theo Công văn sô: 7341/BTC-QLCS ngày 09 tháng 10 năm 2025)"),
            Paragraph("(Kèm theo Công văn số 12/BNV-CCHC ngày 02/12/2025)"),
        ],
    )
    m = extract_metadata(doc)
    assert (m.doc_number, m.doc_symbol) == ("7341", "BTC-QLCS")
    # an earlier letter of the same symbol (another year), or another document's symbol, gives nothing
    doc.blocks[-2] = Paragraph("(Kèm theo Công văn số 4021/BTC-QLCS ngày 03 tháng 5 năm 2024)")
    assert extract_metadata(doc).doc_number is None
    doc.blocks[-2] = Paragraph("(Kèm theo Công văn số 7341/BNV-CCHC ngày 09 tháng 10 năm 2025)")
    assert extract_metadata(doc).doc_number is None


@pytest.mark.parametrize(
    "attached, number, symbol, date",
    [
        ("(Kèm theo Công văn số 321/BTP-VP ngày 05/3/2025 của Bộ Tư pháp)", "321", "BTP-VP", dt.date(2025, 3, 5)),
        ("(Kèm theo Quyết định số 18/QĐ-BTP ngày 07 tháng 4 năm 2025)", "18", "QĐ-BTP", dt.date(2025, 4, 7)),
        ("(Kèm theo Công văn số /BTP-VP ngày / /2025 của Bộ Tư pháp)", None, None, None),  # blank: nothing
    ],
)
def test_an_appendix_on_its_own_carries_the_number_of_the_document_it_is_attached_to(attached, number, symbol, date):
    # NĐ 30/2020 Phụ lục I: "Phụ lục … (Kèm theo <văn bản> số … ngày … của …)", sent as its own file
    doc = Document(
        "x.pdf",
        "pdf",
        [
            Paragraph("BỘ TƯ PHÁP"),
            Paragraph("Phụ lục 2", bold=True, alignment="center"),
            _centred("DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM NĂM 2025"),
            Paragraph(attached, alignment="center"),
            Table([Row([Cell(["STT"]), Cell(["Nhiệm vụ"])]), Row([Cell(["1"]), Cell(["Rà soát văn bản"])])], 2),
        ],
    )
    m = extract_metadata(doc)
    assert (m.doc_number, m.doc_symbol, m.issued_date) == (number, symbol, date)


def test_a_paper_copy_keeps_the_originals_number_and_signer():
    # NĐ 30/2020 Phụ lục I: a copy carries its own "Số: 12/SY-UBND" (its entry in the copying office's
    # register, SY of "sao y") and its own signer under "SAO Y BẢN CHÍNH"; neither is the document's
    closing = Table(
        [
            Row(
                [
                    Cell(["Nơi nhận:", "- Như trên;", "- Lưu: VT."]),
                    Cell(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]),
                ]
            )
        ],
        2,
    )
    copy_block = Table(
        [Row([Cell(["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI", "Số: 12/SY-UBND"]), Cell(["TL. CHỦ TỊCH", "Trần Thị Bình"])])], 2
    )
    m = extract_metadata(
        _doc(
            ["SỞ NỘI VỤ", "Số:     /TTr-SNV"],
            MOTTO + ["Gia Lai, ngày    tháng 3 năm 2025"],
            _centred("TỜ TRÌNH"),
            _centred("Về việc kiện toàn Hội đồng thi đua"),
            BODY,
            closing,
            Paragraph("SAO Y BẢN CHÍNH"),
            copy_block,
        )
    )
    assert (m.doc_number, m.doc_symbol, m.issued_date, m.month) == (None, "TTr-SNV", None, 3)
    assert (m.signer, m.signer_title) == ("Nguyễn Văn An", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")
