"""Matching text the way Vietnamese users type it: without accents, in any case, NFC or NFD.

    fold("Văn phòng UBND") == "van phong ubnd"
    matches("van phong", "VĂN PHÒNG Sở")  -> True
    sql_fold("t.unit")  -> a DuckDB expression equal to fold(t.unit)

One definition for the CLI (`units`, `cite`, `cites`), the exports and the web app, so a search
finds the same rows wherever it is typed. `sql_fold` and `fold` agree (tested), so a filter can run
inside DuckDB instead of pulling every row into Python.
"""
from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")


def fold(text: object) -> str:
    """Accent-free, case-free, whitespace-collapsed form of text (đ/Đ → d); "" for None."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # đ is a letter of its own (not d + a mark), so NFD keeps it: map it by hand, Ð (eth) too
    stripped = stripped.translate(str.maketrans("đĐðÐ", "dddd"))
    return _WS.sub(" ", stripped.casefold()).strip()


def matches(needle: str, haystack: object) -> bool:
    """True when every word of needle occurs, in order, in haystack once both are folded."""
    return fold(needle) in fold(haystack)


def sql_fold(expr: str) -> str:
    """A DuckDB SQL expression giving fold(expr) (strip_accents decomposes NFD/NFC alike)."""
    return (f"trim(regexp_replace(lower(strip_accents(translate(CAST({expr} AS VARCHAR), 'đĐðÐ', 'dddd'))), "
            f"'\\s+', ' ', 'g'))")
