"""Document layout: where the signature part opens (closing_start)."""

from __future__ import annotations

from extractors.model import Cell, Document, Paragraph, Row, Table
from pipeline.stages.layout import closing_start


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
