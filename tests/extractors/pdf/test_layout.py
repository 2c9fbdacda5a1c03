"""Words from a page's chars (extractors/pdf/layout.py): text set vertically in a table cell."""

from __future__ import annotations

from extractors.pdf.words import chars_to_words, vertical_words


def _char(text: str, x0: float, top: float, turn: float, upright: bool = False) -> dict:
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + 8,
        "top": top,
        "bottom": top + 7,
        "size": 11,
        "fontname": "Times-Bold",
        "upright": upright,
        "turn": turn,
    }


def test_vertical_header_text_is_read_in_its_direction():
    # "STT" bottom to top (Word's btLr: the first letter lowest), "Ghi chú" top to bottom (tbRl)
    up = [_char(ch, 100, 200 - 7 * k, turn=1.0) for k, ch in enumerate("STT")]
    down = [_char(ch, 300, 100 + 7 * k, turn=-1.0) for k, ch in enumerate("Ghi chú")]
    words = vertical_words(up + down)
    assert [(w.text, w.bold) for w in words] == [("STT", True), ("Ghi chú", True)]
    assert words[0].top == 186 and words[0].bottom == 207
    # they never reach the ordinary word list (rotated stamps stay out of the layout)
    assert chars_to_words(up + down) == []


def test_upright_text_and_lone_rotated_glyphs_are_not_vertical_words():
    assert vertical_words([_char("A", 10, 10, turn=0.0, upright=True), _char("x", 50, 50, turn=1.0)]) == []
