"""Canonical refs: symbol repair and comparison keys (what a user types is parsed in query.py).

normalize_symbol("NĐCP") == "NĐ-CP"          ref_key("45/2020/nđ-cp") == "45/2020/NĐ-CP"
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.citations import regexes as rx

_KIND_BY_FOLD = {w.casefold(): w for w in rx.KIND_WORDS}
_TYPE_BY_FOLD = {t.upper(): t for t in rx.TYPE_KINDS}
KIND_TYPE = {kind: code for code, kind in rx.TYPE_KINDS.items() if code not in ("QyĐ", "QĐi", "CV")}
_HYPHENS = re.compile(r"\s*[-–‑]\s*")
# issuers that never open a symbol themselves, so a type code glued before them is safe to split off
# even without a year or kind word: people's councils and committees, the Government, ministries (B…)
_STATE_ISSUER = re.compile(r"^(?:UBND|HĐND|HDND|CP|TTG|VPCP|B[A-ZĐ]{1,7})$")
# a type code glued to its issuer ("NĐCP", "QDUBND", "TTBTC"): the longest code that leaves an issuer
_TYPE_HEAD = re.compile(
    rf"^({'|'.join(sorted(list(_TYPE_BY_FOLD) + list(rx.D_REPAIRS), key=len, reverse=True))})([A-ZĐ&]{{2,}}\d{{0,2}})$"
)


def kind_of(word: str) -> str:
    """The canonical spelling of a kind word as printed in any case ("QUYẾT ĐỊNH" → "Quyết định")."""
    return _KIND_BY_FOLD.get(rx.WS.sub(" ", word).casefold(), word)


def restore_d(text: str) -> str:
    """NFC, with the look-alike Ð (U+00D0) that some fonts give for Đ put back."""
    return unicodedata.normalize("NFC", text).replace("Ð", "Đ")


def normalize_symbol(symbol: str, repairs: list[str] | None = None, typed: bool = False) -> str:
    """Canonical symbol: no spaces or line breaks, plain hyphens, Đ restored, a lost hyphen put back.

    "NĐ -\\nCP" → "NĐ-CP"; "NĐCP" → "NĐ-CP"; "QD-UBND" → "QĐ-UBND"; "QĐ-TTG" → "QĐ-TTg".
    `typed`: the symbol must open with a type code (it follows a year, or a kind word names its type),
    so a code glued to the issuer is split off whatever the issuer ("TTBTC" → "TT-BTC").
    """
    repairs = repairs if repairs is not None else []
    if "\n" in symbol:
        repairs.append("joined_line_break")
    symbol = rx.PAGE_BREAK_IN_SYMBOL.sub("-", restore_d(symbol).strip())  # "UBND-\n7\nTTHC" → "UBND-TTHC"
    parts = [p for p in _HYPHENS.split(symbol) if p]
    parts = [re.sub(r"\s+", "", p) for p in parts]
    if parts:
        head = parts[0].upper()
        joined = _TYPE_HEAD.match(head)
        if joined and not typed and not _STATE_ISSUER.match(joined.group(2)):
            joined = None
        if joined and head not in _TYPE_BY_FOLD and head not in rx.D_REPAIRS:
            parts[0:1] = [joined.group(1), joined.group(2)]
            repairs.append("added_hyphen")
    out = []
    for i, part in enumerate(parts):
        up = part.upper()
        fixed = rx.D_REPAIRS.get(up) if (i == 0 or up not in ("DA", "ND", "QD", "CD")) else None
        if fixed and fixed != part:
            repairs.append("restored_Đ")
            part = fixed
        elif up == "TTG":
            part = "TTg"
        elif i == 0 and up in _TYPE_BY_FOLD:
            part = _TYPE_BY_FOLD[up]
        out.append(part)
    return "-".join(out)


def ref_key(ref: str | None) -> str | None:
    """A comparison key for refs: case, spaces, hyphen variants and Đ/Ð folded (like the scorer)."""
    if not ref:
        return None
    key = restore_d(str(ref)).upper()
    key = re.sub(r"\s+", "", key).replace("–", "-").replace("‑", "-")
    return key.replace("NĐCP", "NĐ-CP")


_KEY_PARTS = re.compile(r"^0*(\d+[A-Z]?)((?:/\d{4})?/)(.+)$")


def lookup_key(ref: str | None) -> str | None:
    """A forgiving key for index lookups: ref_key, plus the symbol repaired like the finder does (lost Đ,
    lost hyphen) and the number's leading zeros dropped — "01/2020/TT-VPCP", "1/2020/tt-vpcp" meet, and
    so do "45/2020/ND-CP" and "45/2020/NĐ-CP"."""
    key = ref_key(ref)
    if not key:
        return None
    m = _KEY_PARTS.match(key)
    if not m:
        return re.sub(r"^0+(?=\d)", "", key)
    return (m.group(1) + m.group(2) + normalize_symbol(m.group(3))).upper()
