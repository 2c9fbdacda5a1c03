"""annotate_citations: markup around each span, text escaped, callables for before/after."""

from __future__ import annotations

from pipeline.citations import annotate_citations, get_citations


def test_default_html_marks_and_escapes():
    text = "A <b> theo Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 & Luật Đất đai năm 2024."
    out = annotate_citations(text, get_citations(text))
    assert out.count("<mark") == 2 and out.count("</mark>") == 2
    assert "&lt;b&gt;" in out and "&amp;" in out
    assert 'title="45/2020/NĐ-CP (08/04/2020)"' in out
    assert ">Nghị định số 45/2020/NĐ-CP</mark>" in out


def test_callable_and_plain_markup():
    text = "theo Quyết định số 124/QĐ-UBND và Chỉ thị số 10/CT-TTg."
    cites = get_citations(text)
    out = annotate_citations(text, cites, before=lambda c: f"[{c.ref}:", after="]", escape=None)
    assert out == "theo [124/QĐ-UBND:Quyết định số 124/QĐ-UBND] và [10/CT-TTg:Chỉ thị số 10/CT-TTg]."


def test_no_citations_and_overlaps():
    assert annotate_citations("a < b", []) == "a &lt; b"
    text = "Quyết định số 124/QĐ-UBND"
    cites = get_citations(text)
    assert annotate_citations(text, cites + cites, before="[", after="]", escape=None) == "[Quyết định số 124/QĐ-UBND]"
