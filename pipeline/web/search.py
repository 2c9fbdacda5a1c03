"""The web app's search conditions over pipeline.search's folding (accents, case and NFC/NFD form
ignored: "van phong" finds "Văn phòng"): every word of the query required, in any order; rows
holding the words side by side, as typed, come first (unaccented "van" is also "vấn", "vân" …).
"""

from __future__ import annotations

from pipeline.search import fold, sql_fold


def query_terms(query: str | None) -> list[str]:
    """The folded words of a search query (empty for a blank query)."""
    return [w for w in fold(query).split(" ") if w]


def match_all(expr: str, terms: list[str]) -> tuple[str, list[str]]:
    """A SQL condition true when the folded `expr` contains every term, and its parameters (terms
    are parameters, matched as text: "%" or "_" are no wildcards)."""
    if not terms:
        return "true", []
    folded = sql_fold(expr)
    return " AND ".join(f"contains({folded}, ?)" for _ in terms), list(terms)


def phrase_first(expr: str, terms: list[str]) -> tuple[str, list[str]]:
    """An ORDER BY key putting rows whose folded `expr` holds the query words side by side first."""
    return f"contains({sql_fold(expr)}, ?) DESC", [" ".join(terms)]
