"""pipeline.search: one folding for Python and for DuckDB SQL."""

from __future__ import annotations

import unicodedata

import duckdb
import pytest

from pipeline.search import fold, matches, sql_fold

CASES = [
    ("Văn phòng Sở", "van phong so"),
    ("ĐẢNG ỦY  KHỐI\ncơ quan", "dang uy khoi co quan"),
    (unicodedata.normalize("NFD", "Phòng Tư pháp huyện"), "phong tu phap huyen"),
    ("Ðồng Nai", "dong nai"),  # the look-alike eth some fonts put for Đ
    ("", ""),
]


@pytest.mark.parametrize("text,folded", CASES)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("text,folded", CASES)
def test_sql_fold_agrees_with_fold(text, folded):
    assert duckdb.connect().execute(f"SELECT {sql_fold('?')}", [text]).fetchone()[0] == folded


def test_matches():
    assert matches("van phong", "Chánh VĂN PHÒNG Ủy ban")
    assert matches(unicodedata.normalize("NFD", "văn phòng"), "Văn phòng")
    assert not matches("van phong so", "Văn phòng UBND")
    assert fold(None) == ""
