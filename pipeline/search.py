"""Matching text the way Vietnamese users type it: without accents, in any case, NFC or NFD.

    fold("Văn phòng UBND") == "van phong ubnd"
    matches("van phong", "VĂN PHÒNG Sở")  -> True
    sql_fold("t.unit")  -> a DuckDB expression equal to fold(t.unit)

One definition for the CLI (`units`, `cite`, `cites`), the exports and the web app, so a search
finds the same rows wherever it is typed. `sql_fold` and `fold` agree (tested), so a filter can run
inside DuckDB instead of pulling every row into Python. `fold` itself is defined in pipeline.text,
the home of every text-folding helper.
"""

from __future__ import annotations

from pipeline.text import fold

__all__ = ["fold", "matches", "sql_fold"]


def matches(needle: str, haystack: object) -> bool:
    """True when every word of needle occurs, in order, in haystack once both are folded."""
    return fold(needle) in fold(haystack)


def sql_fold(expr: str) -> str:
    """A DuckDB SQL expression giving fold(expr) (strip_accents decomposes NFD/NFC alike)."""
    return (
        f"trim(regexp_replace(lower(strip_accents(translate(CAST({expr} AS VARCHAR), 'đĐðÐ', 'dddd'))), "
        f"'\\s+', ' ', 'g'))"
    )
