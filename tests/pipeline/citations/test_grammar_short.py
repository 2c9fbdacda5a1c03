"""Rule: NĐ 30/2020 Phụ lục I — after its first full mention, a document is cited by kind and number
only ("Nghị định 45", "Thông tư số 01/2020", "Kế hoạch số 02"); a law named in one place and numbered
in another is one law; two spellings of one number are one document, and every mention carries the
date printed at any of them (cases: grammar_cases)."""

from __future__ import annotations

import pytest

from pipeline.citations import resolve_citations
from tests.pipeline.citations.grammar_cases import SHORT_FORMS, Case, check, cited


@pytest.mark.parametrize("case", SHORT_FORMS, ids=lambda c: c.id)
def test_later_mentions(case: Case):
    check(case)


def test_one_document_one_group():
    cites = cited("Căn cứ Nghị định số 126/NĐ-CP ngày 08/10/2024.\nĐiều 19 Nghị định số 126/2024/NĐ-CP quy định")
    assert list(resolve_citations(cites)) == ["126/2024/NĐ-CP"]


def test_a_short_form_of_another_kind_stays_unresolved():
    cites = cited("Căn cứ Nghị định số 45/2020/NĐ-CP. Theo Quyết định 45, …")
    assert cites[1].ref is None


def test_a_long_law_name_read_twice_with_an_ocr_slip_is_one_law():
    a, b = cited(
        "theo Điều 38 Luật Quản lý, sử dụng vũ khí, vật liệu nỗ và công cụ hỗ trợ quy định; "
        "thực hiện đúng Luật Quản lý, sử dụng võ khí, vật liệu nổ và công cụ hỗ trợ ngày 29/6/2024."
    )
    assert (a.name, a.year, a.issued_date) == (b.name, 2024, b.issued_date)
    c, d = cited("Luật Đầu tư năm 2020; Luật Đầu tư công")
    assert (c.name, d.name, d.year) == ("Đầu tư", "Đầu tư công", None)
