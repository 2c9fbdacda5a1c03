"""Rule: the number as printed, whatever its shape — dotted or lettered numbers, several slashes, lower
case, a hyphen lost or spaced, footnote marks and superscripts glued to it, numbers and dates broken
across lines and pages, OCR's confusions (I/l for 1, sổ for số, D for Đ) (cases: grammar_cases)."""

from __future__ import annotations

import pytest

from pipeline.citations import get_citations
from tests.pipeline.citations.grammar_cases import ODD_SHAPES, Case, check


@pytest.mark.parametrize("case", ODD_SHAPES, ids=lambda c: c.id)
def test_odd_shapes(case: Case):
    check(case)


def test_repairs_are_recorded():
    c = get_citations("Nghị định số 123/2024/NĐ-CP3 ngày 15/9/2024")[0]
    assert "dropped_footnote_mark" in c.repairs
    c = get_citations("Nghị định số 99/2021/NĐCP")[0]
    assert "added_hyphen" in c.repairs


def test_a_legislature_number_is_not_a_footnote_mark():
    assert get_citations("Luật số 31/2024/QH15")[0].ref == "31/2024/QH15"


@pytest.mark.parametrize(
    "text",
    [
        "xem trang 12/2024/abc",  # lower case without a type code
        "tỷ lệ 45/2020",
        "Mẫu số 01",
    ],
)
def test_not_citations(text):
    assert get_citations(text) == []
