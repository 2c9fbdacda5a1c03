"""Accent-, case- and Unicode-form-insensitive matching (pipeline/web/search.py), in Python and in DuckDB."""
from __future__ import annotations

import unicodedata

import duckdb
import pytest

from pipeline.web.search import fold, install_fold, match_all, query_terms

CASES = [
    ("Văn phòng Sở", "van phong so"),
    ("ĐẨY MẠNH chuyển đổi số", "day manh chuyen doi so"),
    ("Ủy ban nhân dân", "uy ban nhan dan"),
    ("Uỷ  ban\nnhân dân", "uy ban nhan dan"),  # old tone placement, a line break
    (unicodedata.normalize("NFD", "Hội đồng thẩm định"), "hoi dong tham dinh"),
]


@pytest.mark.parametrize("text, folded", CASES)
def test_fold_in_python_and_in_duckdb_agree(text, folded):
    con = duckdb.connect()
    install_fold(con)
    assert fold(text) == folded
    assert con.execute("SELECT fold(?)", [text]).fetchone()[0] == folded


def test_every_query_word_must_be_present_in_any_order():
    con = duckdb.connect()
    install_fold(con)
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('Phòng Kế hoạch - Tài chính'), ('Văn phòng Sở'), "
                "('Thanh tra Sở')) v(name)")
    cond, params = match_all("name", query_terms("SO VAN"))
    assert con.execute(f"SELECT name FROM t WHERE {cond}", params).fetchall() == [("Văn phòng Sở",)]
    cond, params = match_all("name", query_terms("   "))
    assert len(con.execute(f"SELECT name FROM t WHERE {cond}", params).fetchall()) == 3


def test_query_words_are_matched_as_text_not_as_sql_patterns():
    con = duckdb.connect()
    install_fold(con)
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('100% hồ sơ'), ('hồ sơ')) v(name)")
    cond, params = match_all("name", query_terms("100%"))
    assert con.execute(f"SELECT name FROM t WHERE {cond}", params).fetchall() == [("100% hồ sơ",)]
    cond, params = match_all("name", query_terms("_"))
    assert con.execute(f"SELECT name FROM t WHERE {cond}", params).fetchall() == []
