"""Rule: Hướng dẫn 36-HD/VPTW — a Party document is numbered "<số>-<type code>/<issuing body>" and dated
with dashes ("số 18-NQ/TW, ngày 25-10-2017"); the kind is the type word printed before it, also when
the issuing body stands between ("Quyết định của Bộ Chính trị số 31-QĐ/TW") (cases: grammar_cases)."""

from __future__ import annotations

import pytest

from pipeline.citations import get_citations
from tests.pipeline.citations.grammar_cases import PARTY_NUMBERS, Case, check


@pytest.mark.parametrize("case", PARTY_NUMBERS, ids=lambda c: c.id)
def test_party_numbers(case: Case):
    check(case)


def test_party_number_parts():
    c = get_citations("Nghị quyết số 18-NQ/TW, ngày 25-10-2017")[0]
    assert (c.number, c.symbol, c.type_code, c.issuer_code) == ("18", "NQ/TW", "NQ", "TW")


@pytest.mark.parametrize(
    "text",
    [
        "Số 25-NQ/TU",  # the document's own number line
        "giai đoạn 2021-2025/TW",
        "ngày 25-10-2017",
    ],
)
def test_not_party_citations(text):
    assert get_citations(text) == []


def test_a_misread_type_code_is_the_type_words_abbreviation():
    c = get_citations("Căn cứ Nghị quyết số 215- VO/ĐU ngày 14 tháng 3 năm 2026 của Đảng ủy")[0]
    assert (c.ref, c.kind) == ("215-NQ/ĐU", "Nghị quyết") and "ocr_type_code" in c.repairs
    assert get_citations("Kế hoạch số 12-KH/TU")[0].ref == "12-KH/TU"
