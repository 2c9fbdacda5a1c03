"""The closing block (NĐ 30/2020/NĐ-CP Phụ lục I: quyền hạn, chức vụ và họ tên người ký; nơi nhận), on
invented signature blocks."""

from __future__ import annotations

import pytest

from extractors.model import Cell, Document, Paragraph, Row, Table
from pipeline.records import DocMeta
from pipeline.stages.layout import Line
from pipeline.stages.metadata import extract_metadata
from pipeline.stages.signature import read_signature, signer_name


def _closing(right: list[str], left: list[str] | None = None) -> Table:
    left = left if left is not None else ["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP."]
    return Table([Row([Cell(left), Cell(right)])], 2)


def _doc(*closing) -> Document:
    return Document(
        "x.docx",
        "docx",
        [
            Paragraph("BÁO CÁO", bold=True, alignment="center"),
            Paragraph("Kết quả công tác năm", bold=True, alignment="center"),
            Paragraph("Trong năm, đơn vị đã hoàn thành các nhiệm vụ được giao."),
            *closing,
        ],
    )


@pytest.mark.parametrize(
    "titles",
    [
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],  # thay mặt a collective body
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],  # ký thay the head
        ["KT.GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],  # printed without the space
        ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],  # thừa lệnh
        ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
        ["TUQ. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ PHÁP CHẾ"],  # thừa ủy quyền
        ["Q. CỤC TRƯỞNG"],  # quyền
        ["TM. BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"],  # a Party committee
        ["GIÁM ĐỐC"],
    ],
)
def test_signer_authority_forms(titles):
    m = extract_metadata(_doc(_closing(titles + ["(Đã ký)", "Lê Thị Hồng Nhung"])))
    assert (m.signer_title, m.signer) == (" / ".join(titles), "Lê Thị Hồng Nhung")
    assert m.distribution == ["Như trên", "Lưu: VT, VP"]


def test_name_below_a_signature_image_or_stamp_in_a_second_table():
    # a signed PDF: the signature table breaks where the image sits; a stamp's letters stand between
    m = extract_metadata(
        _doc(
            _closing(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
            _closing(["Xyz", "ĐÃ KÝ SỐ", "Phạm Quốc Khánh"], left=["- Lưu: VT."]),
        )
    )
    assert (m.signer_title, m.signer) == ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "Phạm Quốc Khánh")
    assert m.distribution == ["Như trên", "Lưu: VT, VP", "Lưu: VT"]


def test_name_in_a_paragraph_after_the_table_and_a_footnote_after_it():
    def p(text, x0, x1, top):
        return Paragraph(text, page=1, bbox=(x0, top, x1, top + 12))

    doc = Document(
        "x.pdf",
        "pdf",
        [
            p("Đề nghị các đơn vị thực hiện nghiêm túc nội dung trên./.", 85, 540, 100),
            Table(
                [Row([Cell(["Nơi nhận:", "- Như trên;"]), Cell(["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"])])], 2, page_start=1
            ),
            p("Hoàng Minh Tuấn", 380, 470, 300),
            p("1 " + "Ghi chú cuối trang về các văn bản liên quan được dẫn chiếu trong nội dung. " * 4, 85, 540, 700),
        ],
    )
    m = extract_metadata(doc)
    assert (m.signer_title, m.signer) == ("TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG", "Hoàng Minh Tuấn")


def test_signature_without_noi_nhan():
    # a biên bản: two signatures side by side, no distribution list; the right one signs
    table = Table([Row([Cell(["NGƯỜI LẬP BIÊN BẢN", "Đỗ Văn Hải"]), Cell(["TRƯỞNG ĐOÀN", "Vương Thị Mai"])])], 2)
    m = extract_metadata(_doc(table))
    assert (m.signer_title, m.signer, m.distribution) == ("TRƯỞNG ĐOÀN", "Vương Thị Mai", [])

    # the PDF of it: the names in a row of their own, under the signatures
    rows = [
        Row([Cell(["NGƯỜI LẬP BIÊN BẢN"]), Cell(["TRƯỞNG ĐOÀN"])]),
        Row([Cell(["Đỗ Văn Hải"]), Cell(["Vương Thị Mai"])]),
    ]
    m = extract_metadata(_doc(Table(rows, 2)))
    assert (m.signer_title, m.signer, m.distribution) == ("TRƯỞNG ĐOÀN", "Vương Thị Mai", [])

    # a danh sách: the authority line alone opens the block
    def p(text, x0, x1, top):
        return Paragraph(text, page=1, bbox=(x0, top, x1, top + 12))

    doc = Document(
        "x.pdf",
        "pdf",
        [
            p("Danh sách gồm 03 người./.", 85, 540, 100),
            p("TM. BAN CHẤP HÀNH", 350, 500, 400),
            p("PHÓ CHỦ TỊCH", 370, 480, 415),
            p("Trịnh Công Sơn", 380, 470, 480),
        ],
    )
    m = extract_metadata(doc)
    assert (m.signer_title, m.signer) == ("TM. BAN CHẤP HÀNH / PHÓ CHỦ TỊCH", "Trịnh Công Sơn")


def test_several_signers_the_right_column_signs():
    # a joint document: the lead agency's signer stands on the right
    table = Table(
        [
            Row(
                [
                    Cell(["TM. BAN THƯỜNG VỤ", "BÍ THƯ", "Nông Văn Dũng"]),
                    Cell(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "La Thị Hương"]),
                ]
            )
        ],
        2,
    )
    m = extract_metadata(_doc(Paragraph("Nơi nhận:\n- Như trên;"), table))
    assert (m.signer_title, m.signer) == ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "La Thị Hương")


def test_title_lines_lost_the_name_still_read():
    # an OCR'd page where the stamp covers the title lines: the right column's name is the signer
    meta = DocMeta()
    read_signature(meta, [Line("Nơi nhận:", 0), Line("- Như trên;", 0), Line("Bùi Thanh Hà", 1)])
    assert (meta.signer_title, meta.signer) == (None, "Bùi Thanh Hà")


@pytest.mark.parametrize(
    "line, name",
    [
        ("NGUYỄN VĂN AN", "Nguyễn Văn An"),
        ("Đại tá Trần Quốc Toản", "Trần Quốc Toản"),
        ("Thiếu tướng Lý Thường Kiệt", "Lý Thường Kiệt"),
        ("Đại tã Lê Văn Tám", "Lê Văn Tám"),  # OCR misread the rank's tone mark
        ("Thiểu tướng Hà Minh Tuấn", "Hà Minh Tuấn"),  # ... another way
        ("Trung uy Đỗ Văn Nam", "Đỗ Văn Nam"),  # ... or lost it
        ("_Lê Thị Mai", "Lê Thị Mai"),  # a speck read before the name
        ("“Trần Văn Bảo", "Trần Văn Bảo"),
        ("Trung Thị Hoa", "Trung Thị Hoa"),  # a rank word alone is a name's word
        ("Đại (tá Trịnh Văn Lộc", "Trịnh Văn Lộc"),  # a speck between the rank's words
        ("LS. TS. Cao Thị Yến", "Cao Thị Yến"),  # several degrees
        ("1S. TS. Cao Thị Yến", "Cao Thị Yến"),  # ... one misread
        ("ĐO LƯỜNG. CHẤT LƯỢNG", None),  # an agency's name run on from the title lines
        ("Thượng uý Hà Văn Bình", "Hà Văn Bình"),
        ("TS. Vũ Thị Lan", "Vũ Thị Lan"),
        ("PHÓ GIÁM ĐỐC", "Phó Giám Đốc"),  # reads as a name: the caller checks title lines first
        ("(Đã ký)", None),
        ("Hdfđ", None),
        ("Ksor H'Liên", "Ksor H'Liên"),  # the Central Highlands' names: an apostrophe after the initial
        ("Rơ Châm H’Drin", "Rơ Châm H’Drin"),  # ... typeset as a right quote
        ("KSOR H'LIÊN", "Ksor H'Liên"),
    ],
)
def test_signer_name(line, name):
    assert signer_name(line) == name


def test_no_signature_typed_under_the_list_in_a_draft():
    m = extract_metadata(_doc(_closing([], left=["Nơi nhận:", "- Như trên;", "GIÁM ĐỐC", "Nguyễn Văn Bình"])))
    assert (m.signer_title, m.signer) == (None, None)


def test_name_whose_initial_the_signature_stroke_hid():
    # OCR under a signature: the name's first capital is lost, the rest is read
    meta = DocMeta()
    read_signature(
        meta, [Line("Nơi nhận:", 0), Line("CỤC TRƯỞNG", 1), Line("k", 1), Line("12", 1), Line("ương Thanh Hải", 1)]
    )
    assert (meta.signer_title, meta.signer) == ("CỤC TRƯỞNG", "ương Thanh Hải")
    meta = DocMeta()
    read_signature(meta, [Line("CỤC TRƯỞNG", 1), Line("đề nghị các đơn vị", 1)])
    assert meta.signer is None


def test_a_title_read_without_tone_marks_is_no_name():
    """OCR may read "PHÓ GIÁM ĐỐC" as "Pho Giám Đọc": a title, not the signer; the name below it is."""
    meta = DocMeta()
    read_signature(meta, [Line("KT. GIÁM ĐỐC", 1), Line("Pho Giám Đọc", 1), Line("Lâm Thị Hoa", 1)])
    assert meta.signer == "Lâm Thị Hoa"


@pytest.mark.parametrize("misread", ["Pho Giám Đọc", "Hó Giám Đóc", "Ị Ho Giám Đọc", "Phó Chu Tịch"])
def test_a_title_read_with_its_first_letters_lost_is_no_name(misread):
    # the P under a signature stroke, a speck before it: still the title, and a real name stays a name
    meta = DocMeta()
    read_signature(meta, [Line("KT. GIÁM ĐỐC", 1), Line(misread, 1), Line("Lâm Thị Hoa", 1)])
    assert meta.signer == "Lâm Thị Hoa"
    meta = DocMeta()
    read_signature(meta, [Line("KT. GIÁM ĐỐC", 1), Line("Lê Thu Trường", 1)])
    assert meta.signer == "Lê Thu Trường"


@pytest.mark.parametrize(
    "titles",
    [
        ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHO CHANH VAN PHONG F"],  # marks lost under the seal
        ["TM. BAN CHẤP HÀNH", "PHO CHU TỊCH THU NG TRỤC"],  # some lost, a letter split off
        ["KT. GIÁM ĐỐC", "PHO GIAM DOC"],
    ],
)
def test_a_title_line_in_capitals_read_without_some_tone_marks(titles):
    meta = DocMeta()
    read_signature(meta, [Line(t, 1) for t in titles] + [Line("đ", 1), Line("Lâm Văn Hòa", 1)])
    assert (meta.signer_title, meta.signer) == (" / ".join(titles), "Lâm Văn Hòa")


def test_a_name_in_capitals_after_the_titles_stays_a_name():
    # "TRƯỜNG", "CHÁNH" alone are given names too: only a title's word pairs count without marks
    meta = DocMeta()
    read_signature(meta, [Line("KT. GIÁM ĐỐC", 1), Line("PHÓ GIÁM ĐỐC", 1), Line("LƯU VĂN TRƯỜNG", 1)])
    assert (meta.signer_title, meta.signer) == ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "Lưu Văn Trường")


def _slip(*closing) -> Document:
    return Document(
        "x.pdf",
        "pdf",
        [
            Paragraph("SỞ XÂY DỰNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            Paragraph("PHÒNG QUY HOẠCH Độc lập - Tự do - Hạnh phúc"),
            Paragraph("PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC", bold=True, alignment="center"),
            Paragraph("Kính gửi: Lãnh đạo Sở Xây dựng"),
            Paragraph("Nội dung trình: Thẩm định hồ sơ quy hoạch chi tiết khu dân cư"),
            Paragraph("Họ và tên chuyên viên trình: Phan Văn Tú"),
            *closing,
        ],
    )


def test_a_submission_slip_is_signed_by_the_head_of_the_submitting_unit():
    # OCR'd boxes, one after the other: the unit head's, the drafter's, the addressee's opinion
    lines = [
        "Ý KIÊN CỦA LÃNH ĐẠO PHÒNG",
        "cac",
        "Mai Quốc Hưng",
        "Ngày 03 tháng 9 năm 2025",
        "NGƯỜI LẬP PHIẾU TRÌNH",
        "Phan Văn Tú",
        "Ý KIẾN CỦA GIÁM ĐỐC SỞ",
        "Hà Thị Ngân",
    ]
    m = extract_metadata(_slip(*(Paragraph(t) for t in lines)))
    assert (m.signer_title, m.signer) == ("Ý KIÊN CỦA LÃNH ĐẠO PHÒNG", "Mai Quốc Hưng")


def test_a_submission_slip_in_a_table_of_boxes():
    boxes = Table(
        [
            Row([Cell(["LÃNH ĐẠO VĂN PHÒNG", "Ngày    tháng 01 năm 2026", "Đinh Văn Quý"])]),
            Row(
                [
                    Cell(["Chuyên viên", "Ngày 12 tháng 01 năm 2026", "Phan Văn Tú"]),
                    Cell(["Trưởng phòng", "Ngày 12 tháng 01 năm 2026", "Mai Quốc Hưng"]),
                ]
            ),
        ],
        2,
    )
    m = extract_metadata(_slip(boxes))
    assert (m.signer_title, m.signer) == ("Trưởng phòng", "Mai Quốc Hưng")


def test_an_empty_unit_head_box_gives_no_signer():
    m = extract_metadata(
        _slip(Paragraph("Ý KIẾN CỦA LÃNH ĐẠO PHÒNG"), Paragraph("NGƯỜI LẬP PHIẾU"), Paragraph("Phan Văn Tú"))
    )
    assert m.signer is None


def test_the_title_lines_run_on_over_an_agencys_name():
    meta = DocMeta()
    lines = ["TUQ. BỘ TRƯỞNG", "Q. TỔNG CỤC TRƯỞNG", "TỔNG CỤC TIÊU CHUẨN", "ĐO LƯỜNG. CHẤT LƯỢNG", "Vi Thị Hằng"]
    read_signature(meta, [Line(t, 1) for t in lines])
    assert meta.signer == "Vi Thị Hằng"


def test_a_title_line_wrapped_in_its_column_goes_on_it():
    meta = DocMeta()
    lines = ["TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ TỔ CHỨC CÁN", "BỘ", "Lê Văn Hùng"]
    read_signature(meta, [Line(t, 1) for t in lines])
    assert (meta.signer_title, meta.signer) == ("TL. BỘ TRƯỞNG / VỤ TRƯỞNG VỤ TỔ CHỨC CÁN BỘ", "Lê Văn Hùng")
    # on an OCR'd page a short capitals fragment under the titles is as likely the seal's letters
    meta = DocMeta()
    read_signature(meta, [Line(t, 1) for t in ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "P", "Lê Văn Hùng"]], ocr=True)
    assert (meta.signer_title, meta.signer) == ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "Lê Văn Hùng")


def test_a_signer_typed_as_indented_paragraphs_above_noi_nhan():
    # no table: the signer's lines indented into the right half (NĐ 30/2020 Phụ lục I puts them on the
    # right), the distribution list under them
    def right(text):
        return Paragraph(text, bold=True, alignment="center", indent=227.0)

    m = extract_metadata(
        _doc(
            right("KT. GIÁM ĐỐC"),
            right("PHÓ GIÁM ĐỐC"),
            Paragraph(""),
            right("Đinh Thị Thu Trang"),
            Paragraph("Nơi nhận:"),
            Paragraph("- Như trên;"),
            Paragraph("- Lưu: VT."),
        )
    )
    assert (m.signer_title, m.signer) == ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "Đinh Thị Thu Trang")
    assert m.distribution == ["Như trên", "Lưu: VT"]
    # body paragraphs above "Nơi nhận", not indented: no signer is made of them
    m = extract_metadata(_doc(Paragraph("GIÁM ĐỐC"), Paragraph("Nơi nhận:"), Paragraph("- Như trên;")))
    assert m.signer_title is None
