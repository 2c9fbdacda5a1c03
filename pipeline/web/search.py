"""Search that fits Vietnamese: accents, case and NFC/NFD form ignored ("van phong" finds "Văn
phòng", "DOI MOI" finds "đổi mới"), every word of the query required, in any order; rows holding the
words as typed, side by side, come first (unaccented "van" is also "vấn", "vân" …).

`fold(text)` is the Python side; `install_fold(con)` defines the same folding as the DuckDB macro
`fold(x)`, so the filtering runs inside the query over the Parquet views.
"""
from __future__ import annotations

import re
import unicodedata

import duckdb

_SPACE = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lowercase text without tone or vowel marks, đ as d, spaces collapsed: what search compares."""
    decomposed = unicodedata.normalize("NFD", text or "")
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _SPACE.sub(" ", bare.lower().replace("đ", "d")).strip()


def query_terms(query: str | None) -> list[str]:
    """The folded words of a search query (empty for a blank query)."""
    return [w for w in fold(query).split(" ") if w]


def install_fold(con: duckdb.DuckDBPyConnection) -> None:
    """Define the macro fold(x) on `con`: DuckDB's strip_accents (NFD, marks dropped), lower, đ → d,
    whitespace runs as one space: the same text as `fold`."""
    con.execute("CREATE OR REPLACE TEMP MACRO fold(x) AS regexp_replace("
                "replace(lower(strip_accents(coalesce(CAST(x AS VARCHAR), ''))), 'đ', 'd'), '\\s+', ' ', 'g')")


def match_all(expr: str, terms: list[str]) -> tuple[str, list[str]]:
    """A SQL condition true when the folded `expr` contains every term, and its parameters."""
    if not terms:
        return "true", []
    return " AND ".join(f"contains(fold({expr}), ?)" for _ in terms), list(terms)


def phrase_first(expr: str, terms: list[str]) -> tuple[str, list[str]]:
    """An ORDER BY key putting rows whose folded `expr` holds the query words side by side first."""
    return f"contains(fold({expr}), ?) DESC", [" ".join(terms)]
