"""Timing texts: the normalisation case table (corpus texts and cases written from the rules), and the
kinds, dates and periods."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.normalize.timing import KINDS, normalize_timing
from tests.conftest import CORPUS, gold_task_texts
from tests.normalization_cases import TIMING_CASES


def _d(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@pytest.mark.parametrize(
    "doc_id,year,text,kind,start,end,period,parts",
    TIMING_CASES,
    ids=[f"{c[0]}:{i}" for i, c in enumerate(TIMING_CASES)],
)
def test_gold_timing_texts(doc_id, year, text, kind, start, end, period, parts):
    t = normalize_timing(text, year)
    assert (t.kind, t.start, t.end, t.period) == (kind, _d(start), _d(end), period)
    assert [(p.text, p.kind) for p in t.parts] == [tuple(p) for p in parts]


def test_every_gold_timing_text_normalises_consistently():
    """Every timing text of the corpus (whether or not it has a case above) gets an allowed kind,
    dates in order and a year only where the text or the plan gives one."""
    if not (CORPUS / "gold").is_dir():
        pytest.skip("needs ../shared/corpus")
    for _, year, text in gold_task_texts(("timing",)):
        t = normalize_timing(text, year)
        assert t.kind in KINDS, text
        assert t.start is None or t.end is None or t.start <= t.end, text
        if t.kind == "deadline":
            assert t.start is None, text


def test_case_table_is_open_to_other_provinces():
    """The table is not the corpus: cases written from the rules sit beside the corpus texts."""
    assert sum(c[0] == "rule" for c in TIMING_CASES) >= 20
    assert {c[3] for c in TIMING_CASES if c[0] == "rule"} >= {"deadline", "half_year", "month", "years", "year"}


@pytest.mark.parametrize(
    "text,year,kind,start,end,period",
    [
        ("Quý III", 2025, "quarter", "2025-07-01", "2025-09-30", None),
        ("Quý 2/2024", None, "quarter", "2024-04-01", "2024-06-30", None),
        ("Trước ngày 15/12/2025", 2025, "deadline", None, "2025-12-15", None),
        ("trước ngày 15/12", 2025, "deadline", None, "2025-12-15", None),
        ("Hoàn thành trước Quý IV", 2025, "deadline", None, "2025-12-31", None),
        ("Tháng 6", 2025, "month", "2025-06-01", "2025-06-30", None),
        ("Tháng 02/2024", 2025, "month", "2024-02-01", "2024-02-29", None),
        ("Năm 2025", None, "year", "2025-01-01", "2025-12-31", None),
        ("Thường xuyên", 2025, "recurring", None, None, None),
        ("Định kỳ 3 tháng/lần", 2025, "periodic", None, None, "P3M"),
        ("Báo cáo hằng tháng", 2025, "periodic", None, None, "P1M"),
        ("Hàng quý", 2025, "periodic", None, None, "P3M"),
        ("Định kỳ 6 tháng và cuối năm", 2025, "periodic", None, None, "P6M"),
        ("Hằng năm", 2025, "periodic", None, None, "P1Y"),
        ("Theo kế hoạch", 2025, "per_plan", None, None, None),
        ("Theo yêu cầu của UBND tỉnh", 2025, "on_request", None, None, None),
        ("Ngày 15/3/2025", None, "once", "2025-03-15", "2025-03-15", None),
        ("Từ ngày 01/3/2025 đến ngày 15/3/2025", None, "once", "2025-03-01", "2025-03-15", None),
        ("Kịp thời", 2025, "unspecified", None, None, None),
    ],
)
def test_kinds(text, year, kind, start, end, period):
    t = normalize_timing(text, year)
    assert (t.kind, t.start, t.end, t.period) == (kind, _d(start), _d(end), period)
    assert t.kind in KINDS


def test_plan_year_fills_the_missing_year_only():
    assert normalize_timing("Quý III", None).start is None
    assert normalize_timing("Quý III năm 2024", 2025).start == dt.date(2024, 7, 1)


def test_dates_of_cited_documents_are_not_timing():
    t = normalize_timing("Theo Quyết định số 1648/QĐ-UBND ngày 30/11/2022 của Chủ tịch UBND tỉnh", 2024)
    assert (t.kind, t.start, t.end) == ("per_plan", None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện theo Kế hoạch số 15-KH/TU ngày 12/3/2025 của Tỉnh ủy",  # a Party document's number
        "Theo Quyết định số 12/QĐ-UBND ngày 05 tháng 3 năm 2024",  # its date written out
        "Theo Công văn số 7/UBND-VX của UBND tỉnh ngày 02/01/2025",  # the date after the issuer
    ],
)
def test_cited_documents_as_the_citation_finder_reads_them(text):
    """Every document the citation finder reads, in every shape it reads, is masked alike."""
    t = normalize_timing(text, 2025)
    assert (t.kind, t.start, t.end) == ("per_plan", None, None)


def test_a_stage_is_the_works_own_unless_a_cited_document_names_it():
    assert normalize_timing("Giai đoạn 2026 - 2030", 2026).kind == "years"
    assert normalize_timing("Thực hiện Kế hoạch giai đoạn 2021 - 2025", 2026).start is None


def test_compound_text_keeps_parts_in_order():
    t = normalize_timing("Quý I năm 2022 ban hành kế hoạch; định kỳ báo cáo kết quả thực hiện.", 2022)
    assert t.kind == "quarter" and t.part_texts == [
        "Quý I năm 2022 ban hành kế hoạch",
        "định kỳ báo cáo kết quả thực hiện",
    ]
    assert [p.kind for p in t.parts] == ["quarter", "periodic"]


def test_empty_text():
    t = normalize_timing("", 2025)
    assert t.kind is None and t.parts == ()
