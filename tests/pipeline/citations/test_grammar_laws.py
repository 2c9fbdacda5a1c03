"""Rule: NĐ 30/2020 Phụ lục I — a Luật or Pháp lệnh is cited by its kind and name ("Luật Đất đai năm
2024"), the name with any punctuation of its own ("Phòng cháy, chữa cháy và cứu nạn, cứu hộ"), the year
or its date, or by number ("Luật số 63/2020/QH14"); Bộ luật and Hiến pháp alike (cases: grammar_cases)."""
from __future__ import annotations

import pytest

from pipeline.citations import get_citations
from tests.pipeline.citations.grammar_cases import LAWS, Case, check


@pytest.mark.parametrize("case", LAWS, ids=lambda c: c.id)
def test_laws(case: Case):
    check(case)


@pytest.mark.parametrize("text, name", [
    ("theo Luật Đầu tư công của Quốc hội", "Đầu tư công"),
    ("theo Luật Đầu tư công và pháp luật có liên quan", "Đầu tư công"),
    ("theo Luật Đầu tư công và các văn bản hướng dẫn", "Đầu tư công"),
    ("Luật Doanh nghiệp và Luật Đầu tư", "Doanh nghiệp"),
])
def test_a_name_ends_where_the_law_ends(text, name):
    assert get_citations(text)[0].name == name


@pytest.mark.parametrize("text", [
    "Luật sư tư vấn cho người dân",
    "thực hiện đúng quy định của pháp luật",
    "theo quy định của luật",
    "các dự án luật trình Quốc hội",
])
def test_not_laws(text):
    assert get_citations(text) == []
