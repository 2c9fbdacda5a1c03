"""Canonical refs: symbol repair, comparison keys, and parsing what a user types as a ref.

    normalize_symbol("NĐCP") == "NĐ-CP"          ref_key("45/2020/nđ-cp") == "45/2020/NĐ-CP"
    parse_ref("NĐ 45/2020") == parse_ref("nghị định 45/2020") == parse_ref("45/2020/ND-CP")
        == parse_ref("nđ-cp 45/2020") == "45/2020/NĐ-CP"
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline.citations import regexes as rx
from pipeline.search import fold

_KIND_BY_FOLD = {w.casefold(): w for w in rx.KIND_WORDS}
_TYPE_BY_FOLD = {t.upper(): t for t in rx.TYPE_KINDS}
KIND_TYPE = {kind: code for code, kind in rx.TYPE_KINDS.items() if code not in ("QyĐ", "CV")}
_JOINED = re.compile(
    rf"^({'|'.join(sorted(list(_TYPE_BY_FOLD) + ['ND', 'QD'], key=len, reverse=True))})"
    rf"({'|'.join(sorted({i.upper() for i in rx.JOINABLE_ISSUERS} | {'HDND'}, key=len, reverse=True))})$"
)
_HYPHENS = re.compile(r"\s*[-–‑]\s*")


def kind_of(word: str) -> str:
    """The canonical spelling of a kind word as printed in any case ("QUYẾT ĐỊNH" → "Quyết định")."""
    return _KIND_BY_FOLD.get(rx.WS.sub(" ", word).casefold(), word)


_KIND_BY_ACCENTLESS = {fold(kind): kind for kind in KIND_TYPE}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("Ð", "Đ")


def normalize_symbol(symbol: str, repairs: list[str] | None = None) -> str:
    """Canonical symbol: no spaces or line breaks, plain hyphens, Đ restored, a lost hyphen put back.

    "NĐ -\\nCP" → "NĐ-CP"; "NĐCP" → "NĐ-CP"; "QD-UBND" → "QĐ-UBND"; "QĐ-TTG" → "QĐ-TTg".
    """
    repairs = repairs if repairs is not None else []
    if "\n" in symbol:
        repairs.append("joined_line_break")
    symbol = rx.PAGE_BREAK_IN_SYMBOL.sub("-", _fold(symbol).strip())  # "UBND-\n7\nTTHC" → "UBND-TTHC"
    parts = [p for p in _HYPHENS.split(symbol) if p]
    parts = [re.sub(r"\s+", "", p) for p in parts]
    if parts:
        joined = _JOINED.match(parts[0].upper())
        if joined and parts[0].upper() not in _TYPE_BY_FOLD:
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
    key = _fold(str(ref)).upper()
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


@dataclass(frozen=True)
class RefQuery:
    """What a user's query names: as much of a ref as it says. `ref` is set when it names one document."""

    number: str
    year: int | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    ref: str | None = None


_Q_NUMBER = re.compile(rx.NUMBER)
_Q_BARE = re.compile(rf"(?P<num>\d{{1,5}}[a-z]?)(?:\s*/\s*(?P<year>{rx.YEAR}))?(?![\w/])", re.I)


def _designator(text: str) -> tuple[str | None, str | None]:
    """(type_code, issuer_code) from "nghị định", "NĐ", "nđ-cp", "QĐ-TTg"."""
    text = rx.WS.sub(" ", text.strip(" :-,.").replace("số", "").replace("Số", "")).strip()
    if not text:
        return None, None
    kind = kind_of(text)
    if kind not in KIND_TYPE:  # typed without accents: "nghi dinh", "quyet dinh"
        kind = _KIND_BY_ACCENTLESS.get(fold(text), kind)
    if kind in KIND_TYPE:
        code = KIND_TYPE[kind]
        return code, rx.DEFAULT_ISSUER.get(code)
    symbol = normalize_symbol(_fold(text).upper().replace(" ", "-"))
    head, _, rest = symbol.partition("-")
    if head in rx.TYPE_KINDS:
        return head, rest or rx.DEFAULT_ISSUER.get(head)
    return None, symbol or None


def parse_query(query: str) -> RefQuery | None:
    """Parse a ref as users type it: "45/2020/NĐ-CP", "NĐ 45/2020", "nghị định 45/2020",
    "45/2020/ND-CP", "nđ-cp 45/2020", "1085/QĐ-TTg", "04-NQ/TU", "Quyết định 1085"."""
    q = _fold(query).strip()
    m = _Q_NUMBER.search(q.upper().replace("TTG", "TTg"))
    if m:  # a whole number/symbol: reuse the text finder's normalization
        from pipeline.citations.find import get_citations
        cites = [c for c in get_citations(m.group(0)) if c.ref]
        if cites:
            c = cites[0]
            return RefQuery(c.number, c.year, c.type_code, c.issuer_code, c.ref)
    m = _Q_BARE.search(q)
    if not m:
        return None
    type_code, issuer = _designator(q[: m.start()] + " " + q[m.end():])
    number, year = m.group("num"), int(m.group("year")) if m.group("year") else None
    ref = None
    if type_code and issuer:
        symbol = f"{type_code}-{issuer}"
        ref = f"{number}/{year}/{symbol}" if year else f"{number}/{symbol}"
        if not year and type_code in rx.DEFAULT_ISSUER:  # "NĐ 45": a Nghị định always has its year
            ref = None
    elif issuer and not type_code:  # công văn "2276 UBND-KSTTHC"
        ref = f"{number}/{issuer}"
    return RefQuery(number, year, type_code, issuer, ref)


def parse_ref(query: str) -> str | None:
    """The canonical ref a query names, or None when it names less than one document."""
    parsed = parse_query(query)
    return parsed.ref if parsed else None
