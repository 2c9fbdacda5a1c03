"""DOCX styles (extractors.docx.styles): basedOn inheritance, character styles and direct formatting."""

from __future__ import annotations

from lxml import etree

from extractors.docx.backend import extract
from extractors.docx.styles import Styles
from extractors.docx.ooxml import W_NS
from tests.docx_builders import make_docx, p


# ---------------------------------------------------------------------------------------------
# styles


def test_bold_italic_with_style_inheritance(tmp_path):
    styles = (
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:ind w:left="400"/></w:pPr>'
        "<w:rPr><w:b/></w:rPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="Sub heading"/>'
        '<w:basedOn w:val="Heading1"/><w:rPr><w:i/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>'
    )
    body = (
        p("Tiêu đề", '<w:pStyle w:val="Heading1"/>')
        + p("Kế thừa", '<w:pStyle w:val="Sub"/>')
        + p("Bỏ đậm", '<w:pStyle w:val="Heading1"/><w:jc w:val="right"/>', '<w:b w:val="0"/>')
        + '<w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Phần lớn đậm là ở đây</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> x</w:t></w:r></w:p>'
        + '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Một nửa</w:t></w:r><w:r><w:t xml:space="preserve"> nửa kia</w:t></w:r></w:p>'
    )
    paras = list(extract(make_docx(tmp_path / "s.docx", body, styles=styles)).paragraphs())
    assert (paras[0].bold, paras[0].italic, paras[0].alignment, paras[0].indent, paras[0].style) == (
        True,
        False,
        "center",
        20.0,
        "heading 1",
    )
    assert (paras[1].bold, paras[1].italic, paras[1].alignment, paras[1].style) == (True, True, "center", "Sub heading")
    assert (paras[2].bold, paras[2].alignment) == (False, "right")
    assert paras[3].bold  # 17 of 18 visible characters bold: "nearly all"
    assert not paras[4].bold


def test_based_on_cycle_and_document_defaults():
    styles = Styles(
        etree.fromstring(
            f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:b/></w:rPr></w:rPrDefault>'
            "</w:docDefaults>"
            '<w:style w:type="paragraph" w:styleId="A"><w:name w:val="a"/><w:basedOn w:val="B"/>'
            '<w:pPr><w:jc w:val="center"/></w:pPr></w:style>'
            '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/><w:rPr><w:i/></w:rPr></w:style>'
            "</w:styles>"
        )
    )
    assert styles.default_bold and not styles.default_italic and styles.default_para is None
    # a basedOn loop ends at the first repeat; the style's own properties win over its base's
    assert styles.get("A") == {"type": "paragraph", "name": "a", "basedOn": "B", "jc": "center", "italic": True}
    assert styles.get("B")["name"] == "B"  # no w:name: the styleId
    assert styles.get("missing") == {} and styles.get(None) == {}


def test_document_default_bold_reaches_plain_runs(tmp_path):
    doc_defaults = "<w:docDefaults><w:rPrDefault><w:rPr><w:b/></w:rPr></w:rPrDefault></w:docDefaults>"
    paras = list(
        extract(
            make_docx(tmp_path / "d.docx", p("Mặc định") + p("Thường", rpr='<w:b w:val="0"/>'), styles=doc_defaults)
        ).paragraphs()
    )
    assert [x.bold for x in paras] == [True, False]
