"""The web app's search conditions (pipeline/web/search.py) over DuckDB: every word required in any
order, accents/case/Unicode form ignored, the words side by side first, no SQL patterns."""

from __future__ import annotations

import unicodedata

import duckdb

from pipeline.web.search import match_all, phrase_first, query_terms


def _table(*names: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (name VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?)", [[n] for n in names])
    return con


def _search(con, query: str) -> list[str]:
    terms = query_terms(query)
    cond, params = match_all("name", terms)
    order, order_params = phrase_first("name", terms) if terms else ("name", [])
    return [
        n
        for (n,) in con.execute(
            f"SELECT name FROM t WHERE {cond} ORDER BY {order}, name", params + order_params
        ).fetchall()
    ]


def test_every_query_word_must_be_present_in_any_order():
    con = _table("Phòng Kế hoạch - Tài chính", "Văn phòng Sở", "Thanh tra Sở")
    assert _search(con, "SO VAN") == ["Văn phòng Sở"]
    assert len(_search(con, "   ")) == 3


def test_accents_case_and_unicode_form_are_ignored():
    con = _table(unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh"), "Đổi mới sáng tạo")
    assert _search(con, "uy ban") == [unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh")]
    assert _search(con, "DOI MOI") == ["Đổi mới sáng tạo"]
    assert _search(con, unicodedata.normalize("NFD", "đổi mới")) == ["Đổi mới sáng tạo"]


def test_words_side_by_side_come_first():
    con = _table("Giải quyết vấn đề tại phòng họp", "Văn phòng Sở chủ trì")
    assert _search(con, "van phong") == ["Văn phòng Sở chủ trì", "Giải quyết vấn đề tại phòng họp"]


def test_query_words_are_matched_as_text_not_as_sql_patterns():
    con = _table("100% hồ sơ", "hồ sơ")
    assert _search(con, "100%") == ["100% hồ sơ"]
    assert _search(con, "_") == []
