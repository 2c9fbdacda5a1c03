"""WordprocessingML helpers (extractors.docx.ooxml): on/off and integer attributes, indents, visible
text and unwrapping of content controls, revisions and mc:AlternateContent."""

from __future__ import annotations

import unicodedata

from lxml import etree

from extractors.docx.ooxml import MC_NS, W_NS, as_int, indent_pt, on_off, unwrapped, visible_text, w


def xml(body: str):
    return etree.fromstring(f'<w:root xmlns:w="{W_NS}" xmlns:mc="{MC_NS}">{body}</w:root>')


def test_on_off_values():
    root = xml('<w:b/><w:b w:val="0"/><w:b w:val="false"/><w:b w:val="1"/><w:b w:val="true"/>')
    assert [on_off(el) for el in root] == [True, False, False, True, True]
    assert on_off(None) is None


def test_as_int_and_indent():
    assert (as_int("12"), as_int("12.0"), as_int("x", 3), as_int(None)) == (12, 12, 3, None)
    ind = xml('<w:ind w:left="720"/><w:ind w:start="360"/><w:ind w:hanging="200"/>')
    assert [indent_pt(el) for el in ind] == [36.0, 18.0, None]
    assert indent_pt(None) is None


def test_visible_text_drops_invisible_characters_and_is_nfc():
    raw = unicodedata.normalize("NFD", "Thủ\u00ad tục\u200b  hành\ufeff chính ")
    assert visible_text(raw) == "Thủ tục hành chính"


def test_unwrapped_looks_through_wrappers_once():
    root = xml(
        '<w:p w:id="1"/>'
        '<w:sdt><w:sdtPr><w:p w:id="not content"/></w:sdtPr><w:sdtContent><w:p w:id="2"/></w:sdtContent></w:sdt>'
        '<w:customXml><w:ins><w:p w:id="3"/></w:ins></w:customXml>'
        '<w:del><w:p w:id="deleted"/></w:del>'
        '<mc:AlternateContent><mc:Choice><w:p w:id="4"/></mc:Choice>'
        '<mc:Fallback><w:p w:id="fallback"/></mc:Fallback></mc:AlternateContent>'
        "<w:tbl/>"
    )
    assert [el.get(w("id")) for el in unwrapped(root, (w("p"),))] == ["1", "2", "3", "4"]
