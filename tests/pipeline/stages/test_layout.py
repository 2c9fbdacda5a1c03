"""Document layout: where the signature part opens (closing_start)."""

from __future__ import annotations

from extractors.model import Cell, Document, Paragraph, Row, Table
from pipeline.stages.layout import closing_start, lines_of, page_extents


def _signature_table() -> Table:
    # the borderless signature block: "Nơi nhận:" on the left under a line of its own, the signer right
    return Table(
        [
            Row([Cell(["KT. GIÁM ĐỐC"]), Cell(["PHÓ GIÁM ĐỐC"])]),
            Row([Cell(["Ghi chú", "Nơi nhận:", "- Như trên;"]), Cell(["Nguyễn Văn A"])]),
        ],
        2,
    )


def test_closing_start_finds_the_signature_paragraph_or_table():
    body = [Paragraph("1. Nhiệm vụ"), Paragraph("Đề nghị các đơn vị thực hiện.\nNơi nhận:"), Paragraph("- Như trên;")]
    assert closing_start(body) == 1  # a line of the paragraph, not only its first
    doc = Document("x.docx", "docx", [Paragraph("1. Nhiệm vụ"), _signature_table(), Paragraph("PHỤ LỤC")])
    assert closing_start(doc.blocks) == 1
    assert closing_start(doc.blocks, start=2) is None
    assert closing_start([Paragraph("Gửi nơi nhận theo danh sách")]) is None  # only at a line's start


def test_a_page_of_one_short_line_takes_the_other_pages_margins():
    # a signer's name run over onto the last page: alone there, it still stands in the right column
    def p(text, page, x0, x1):
        return Paragraph(text, page=page, bbox=(x0, 100, x1, 112))

    body = "Các cơ quan, đơn vị căn cứ nội dung trên tổ chức thực hiện, báo cáo kết quả đúng thời hạn./."
    doc = Document("x.pdf", "pdf", [p(body, 1, 90, 520), p(body, 2, 90, 521), p("Trần Thị Hằng", 3, 344, 473)])
    extents = page_extents(doc)
    assert extents[3] == extents[1] == (90, 520)
    assert [ln.col for ln in lines_of(doc.blocks[-1], extents)] == [1]
    # a page with a full line keeps its own (a landscape appendix page is wider)
    wide = Document("y.pdf", "pdf", [p(body, 1, 90, 520), p(body, 2, 60, 780)])
    assert page_extents(wide)[2] == (60, 780)
