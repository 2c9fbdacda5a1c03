"""A scanned task table drawn without rulings that goes on overleaf without its header repeated
(extractors/ocr/layout.py `carry`, backend `_continue_tables`): the next page, laid out with the
table carried over, opens with the table's rest, which `stitch_tables` joins to it. Invented
OCR words, no Tesseract needed."""

from __future__ import annotations

from extractors.model import Table
from extractors.ocr.layout import layout_page
from extractors.ocr.tables import stitch_tables
from tests.extractors.ocr.test_backend import _line

PAGE_H = 2339
SCALE = 72 / 200
COLS = (120, 220, 1000, 1400)  # STT, task, owner, timing (pixels at 200 dpi)


def _row(stt: str, texts: list[str], y: int, key: int) -> list:
    words = _line(stt, COLS[0], y, key) if stt else []
    for k, (x, text) in enumerate(zip(COLS[1:], texts)):
        if text:
            words += _line(text, x, y, key * 10 + k + 1)
    return words


def _page(tasks: list[tuple[str, list[list[str]]]], header: bool, key: int) -> list:
    words, y = [], 150
    if header:
        words += _row("STT", ["Nội dung công việc", "Đơn vị chủ trì", "Thời gian"], y, key)
        y += 60
    for k, (stt, lines) in enumerate(tasks):
        for j, texts in enumerate(lines):
            words += _row(stt if j == 0 else "", texts, y, key + 1 + 5 * k + j)
            y += 47
        y += 10
    return words


FIRST = [
    ("1", [["Rà soát thủ tục hành chính", "Văn phòng", "Quý I"], ["thuộc thẩm quyền của Sở", "", ""]]),
    ("2", [["Công bố danh mục thủ tục", "Thanh tra", "Quý II"], ["hành chính mới ban hành", "", ""]]),
] * 9 + [("19", [["Đánh giá mức độ hài lòng", "Văn phòng", "Quý IV"], ["của người dân đối với", "", ""]])]
OVERLEAF = [
    ("", [["sự phục vụ của cơ quan", "", ""]]),  # the rest of task 19, broken by the page break
    ("20", [["Tổ chức tập huấn nghiệp vụ", "Văn phòng", "Quý III"], ["cho cán bộ công chức", "", ""]]),
    ("21", [["Báo cáo kết quả thực hiện", "Thanh tra", "Quý IV"], ["kế hoạch năm 2026", "", ""]]),
]


def test_a_table_without_rulings_goes_on_overleaf_without_its_header():
    first = layout_page(_page(FIRST, True, 0), [], 1, PAGE_H, SCALE)
    assert [type(b) for b in first.blocks] == [Table] and first.tail is not None
    alone = layout_page(_page(OVERLEAF, False, 500), [], 2, PAGE_H, SCALE)
    assert not any(isinstance(b, Table) for b in alone.blocks)  # no header: no table of its own
    overleaf = layout_page(_page(OVERLEAF, False, 500), [], 2, PAGE_H, SCALE, carry=first.tail)
    assert [type(b) for b in overleaf.blocks] == [Table]
    pages = {1: first.blocks, 2: overleaf.blocks}
    stitch_tables(pages)
    table = pages[1][0]
    assert not pages[2] and table.page_end == 2
    assert [r.cells[0].text for r in table.rows[-3:]] == ["19", "20", "21"]
    assert table.rows[-3].cells[1].text.replace("\n", " ") == (
        "Đánh giá mức độ hài lòng của người dân đối với sự phục vụ của cơ quan"
    )
    assert [c.text for c in table.rows[-1].cells[2:]] == ["Thanh tra", "Quý IV"]


def test_a_page_with_text_under_its_table_carries_nothing_over():
    words = _page(FIRST[:4], True, 0) + _line(
        "Trên đây là Kế hoạch của Sở, đề nghị các phòng thực hiện.", 120, 1200, 900
    )
    assert layout_page(words, [], 1, PAGE_H, SCALE).tail is None
