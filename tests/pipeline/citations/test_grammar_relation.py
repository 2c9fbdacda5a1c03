"""Rule: what a citing sentence does with a citation is its formula — "Căn cứ" (basis), "Thực hiện /
Triển khai / Quán triệt" (implements), "Theo đề nghị / Phúc đáp / nhận được" (answers a request),
"sửa đổi, bổ sung", "thay thế", "bãi bỏ", "hướng dẫn"; anything else refers (cases: grammar_cases)."""

from __future__ import annotations

import pytest

from tests.pipeline.citations.grammar_cases import ALL, RELATIONS, Case, cited, check


@pytest.mark.parametrize("case", RELATIONS, ids=lambda c: c.id)
def test_relation(case: Case):
    check(case)


def test_a_sentence_end_closes_the_formula():
    a, b = cited("Căn cứ Quyết định số 12/QĐ-UBND ngày 02/01/2024. Nội dung tại Kế hoạch số 5/KH-UBND ngày 03/01/2024.")
    assert (a.relation, b.relation) == ("căn cứ", "dẫn chiếu")


def test_the_genre_cases_are_enough():
    assert len(ALL) >= 80
    assert len({c.text for c in ALL}) == len(ALL)
