"""DOCX list numbering (extractors.docx.numbering): Word's counters and labels, on the Lâm Đồng plan
(auto-numbering that is not in the text) and synthetic numbering parts."""

from __future__ import annotations

from extractors.docx.backend import extract
from tests.conftest import corpus_file
from tests.docx_builders import NUMBERING, level, make_docx, num_p, p


# ---------------------------------------------------------------------------------------------
# corpus: Lâm Đồng


def test_lamdong_auto_numbering_labels():
    doc = extract(corpus_file("lamdong-kh-cchc-2026.docx"))
    labelled = [(p.list_label, p.text) for p in doc.paragraphs() if p.list_label]
    assert [label for label, _ in labelled[:7]] == ["1.", "2.", "3.", "4.", "5.", "6.", "7."]
    assert labelled[0][1] == "Cải cách thể chế"
    assert labelled[6][1] == "Công tác chỉ đạo, điều hành"
    # "II. TỔ CHỨC THỰC HIỆN": 1. a) b) c), then 2. a) b) — a new list restarts at a)
    assert [label for label, _ in labelled[7:]] == ["a)", "b)", "c)", "a)", "b)"]
    assert "1. Cải cách thể chế" in doc.text()


# ---------------------------------------------------------------------------------------------
# synthetic lists


def test_numbering_formats_levels_and_restarts(tmp_path):
    body = (
        num_p("Một", 1)
        + num_p("một", 1, 1)
        + num_p("hai", 1, 1)
        + num_p("a", 1, 2)
        + num_p("b", 1, 2)
        + num_p("ba", 1, 1)
        + num_p("con", 1, 2)
        + num_p("lẻ", 1, 3)
        + num_p("Hai", 1)
        + num_p("một lại", 1, 1)
        + p("")
        + num_p("", 1, 1)  # empty numbered paragraph: dropped, but it counts
        + num_p("ba lại", 1, 1)
    )
    paras = list(extract(make_docx(tmp_path / "n.docx", body, numbering=NUMBERING)).paragraphs())
    assert [(x.list_label, x.text) for x in paras] == [
        ("I.", "Một"),
        ("1.", "một"),
        ("2.", "hai"),
        ("a)", "a"),
        ("b)", "b"),
        ("3.", "ba"),
        ("a)", "con"),
        ("3.1", "lẻ"),
        ("II.", "Hai"),
        ("1.", "một lại"),
        ("3.", "ba lại"),
    ]
    assert paras[0].indent == 36.0 and paras[1].indent == 72.0  # from the numbering level
    assert paras[0].label_and_text == "I. Một"


def test_numbering_bullets_start_override_and_shared_abstract(tmp_path):
    body = (
        num_p("chấm", 2)
        + num_p("gạch", 2, 1)
        + num_p("tròn", 2, 2)
        + num_p("năm", 3)
        + num_p("i", 3, 1)
        + num_p("ii", 3, 1)
        + num_p("A", 3, 2)
        + num_p("sáu", 3)
        + num_p("bảy", 4)  # numId 4 continues numId 3 (same abstractNum)
        + num_p("lại một", 5)
        + num_p("lại hai", 5)  # numId 5 restarts (startOverride 1)
        + num_p("điều", 6)
        + num_p("không", 0)
        + num_p("điều hai", 6)
    )
    paras = list(extract(make_docx(tmp_path / "b.docx", body, numbering=NUMBERING)).paragraphs())
    assert [x.list_label for x in paras] == [
        "-",
        "-",
        "•",
        "5)",
        "(i)",
        "(ii)",
        "A.",
        "6)",
        "7)",
        "1)",
        "2)",
        "Điều 1.",
        None,
        "Điều 2.",
    ]


def test_style_based_numbering(tmp_path):
    styles = (
        '<w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Muc"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Muc2"><w:name w:val="Muc 2"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    body = (
        p("Thứ nhất", '<w:pStyle w:val="Muc"/>')
        + p("con", '<w:pStyle w:val="Muc2"/>')
        + p("Thứ hai", '<w:pStyle w:val="Muc"/>')
        + p("Không số", '<w:pStyle w:val="Muc"/><w:numPr><w:numId w:val="0"/></w:numPr>')
    )
    paras = list(extract(make_docx(tmp_path / "s.docx", body, numbering=NUMBERING, styles=styles)).paragraphs())
    assert [x.list_label for x in paras] == ["I.", "1.", "II.", None]


def test_number_formats_beyond_the_simple_cases(tmp_path):
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        + level(0, "lowerLetter", "%1)", start=26)
        + level(1, "upperRoman", "%2.", start=1994)
        + level(2, "decimalZero", "%3.", start=7)
        + level(3, "none", "%4")
        + "</w:abstractNum>"
        # isLgl: every level of a legal-style label in Arabic numerals ("1.1", not "I.1")
        '<w:abstractNum w:abstractNumId="1">'
        + level(0, "upperRoman", "%1.")
        + level(1, "decimal", "%1.%2", extra="<w:isLgl/>")
        + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    )
    body = (
        num_p("z", 1)
        + num_p("aa", 1)
        + num_p("năm", 1, 1)
        + num_p("bảy", 1, 2)
        + num_p("trống", 1, 3)
        + num_p("Một", 2)
        + num_p("một", 2, 1)
    )
    paras = list(extract(make_docx(tmp_path / "f.docx", body, numbering=numbering)).paragraphs())
    assert [x.list_label for x in paras] == ["z)", "aa)", "MCMXCIV.", "07.", None, "I.", "1.1"]


def test_level_found_by_its_paragraph_style_and_style_link(tmp_path):
    # a heading style numbered through its list level's w:pStyle (the style gives no ilvl), and a
    # list style (numStyleLink) whose abstractNum lends its levels and counters to another
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        + level(0, "upperRoman", "%1.")
        + level(1, "decimal", "%2.", extra='<w:pStyle w:val="Muc2"/>')
        + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="DanhSach"/>'
        + level(0, "lowerLetter", "%1)")
        + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="DanhSach"/></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    )
    styles = (
        '<w:style w:type="paragraph" w:styleId="Muc2"><w:name w:val="Muc 2"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="numbering" w:styleId="DanhSach"><w:name w:val="Danh sach"/>'
        '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
    )
    body = (
        num_p("Phần", 1)
        + p("mục một", '<w:pStyle w:val="Muc2"/>')
        + p("mục hai", '<w:pStyle w:val="Muc2"/>')
        + num_p("đầu", 2)
        + num_p("nối tiếp", 3)
    )
    paras = list(extract(make_docx(tmp_path / "l.docx", body, numbering=numbering, styles=styles)).paragraphs())
    assert [x.list_label for x in paras] == ["I.", "1.", "2.", "a)", "b)"]
    assert paras[1].indent == 72.0  # the level's indent
