"""The spaCy host: the pipeline built once, its tokenizer, and the spans its components mark."""

from __future__ import annotations

from pipeline.citations.find import get_citations
from pipeline.normalize.spacy_host import analyze, citation_date_spans, find_citation_spans, find_timing_spans, get_nlp

TEXT = (
    "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ và Kế hoạch số 1014/KH-C04-P6.\n"
    "Phòng BCVT&CĐS chủ trì, phối hợp với Văn phòng UBND tỉnh thực hiện trong Quý III; "
    "định kỳ 3 tháng/lần báo cáo trước ngày 15/12/2025."
)


def test_pipeline_is_built_once():
    assert get_nlp() is get_nlp()
    assert get_nlp().pipe_names == ["vanban_citations", "vanban_units", "vanban_timing"]


def test_tokenizer_keeps_legal_numbers_and_the_text():
    doc = get_nlp().make_doc(TEXT + "\n\n  Nghị quyết 04-NQ/TU  và  thủ tục hành chính")
    words = [t.text for t in doc]
    for number in ("45/2020/NĐ-CP", "1014/KH-C04-P6", "04-NQ/TU", "BCVT&CĐS", "08/4/2020"):
        assert number in words
    assert "thủ tục" in words  # underthesea word segmentation: multi-syllable words are one token
    assert doc.text == TEXT + "\n\n  Nghị quyết 04-NQ/TU  và  thủ tục hành chính"


def test_components_mark_citations_units_and_timing():
    doc = analyze(TEXT, plan_year=2025)
    ents = {(e.label_, e.text, e.kb_id_) for e in doc.ents}
    assert ("CITATION", "Nghị định số 45/2020/NĐ-CP", "45/2020/NĐ-CP") in ents
    assert ("UNIT", "Phòng BCVT&CĐS", "Phòng Bưu chính, Viễn thông và Chuyển đổi số") in ents
    assert ("UNIT", "Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh") in ents
    assert ("TIME", "trong Quý III", "quarter") in ents
    assert ("TIME", "định kỳ 3 tháng/lần", "periodic") in ents
    assert ("TIME", "trước ngày 15/12/2025", "deadline") in ents
    # the issue date of a cited document is not a time expression of the plan
    assert not any(e.label_ == "TIME" and "08/4/2020" in e.text for e in doc.ents)
    assert {k for k in doc.spans} >= {"citations", "units", "timing"}


def test_citation_dates_read_as_the_citations_read_them():
    """The issue date of a citation, in either printed form, is marked where it equals the date the
    citation finder read; another date nearby is not."""
    text = "Thực hiện Quyết định số 12/QĐ-UBND của UBND tỉnh ngày 05 tháng 3 năm 2024, trước ngày 30/6/2024."
    cites = get_citations(text)
    spans = citation_date_spans(text, cites)
    assert [text[a:b] for a, b in spans] == ["ngày 05 tháng 3 năm 2024"]
    assert [s[3] for s in find_citation_spans(text)] == ["12/QĐ-UBND"]


def test_timing_spans_of_other_provinces_forms():
    text = "Hoàn thành trước 30/6/2026; báo cáo 6 tháng đầu năm 2026, tháng 8 - 9/2026 và cả năm."
    spans = [(text[a:b], kind) for a, b, _, kind in find_timing_spans(text, 2026)]
    assert spans == [
        ("trước 30/6/2026", "deadline"),
        ("6 tháng đầu năm 2026", "half_year"),
        ("tháng 8 - 9/2026", "month"),
        ("cả năm", "year"),
    ]
