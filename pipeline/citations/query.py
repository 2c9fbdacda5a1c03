"""Parsing what a user types as a ref (the `cite`/`cites` commands, CitationIndex lookups).

    parse_ref("NĐ 45/2020") == parse_ref("nghị định 45/2020") == parse_ref("45/2020/ND-CP")
        == parse_ref("nđ-cp 45/2020") == "45/2020/NĐ-CP"

A whole number/symbol goes through the text finder (find.py), so a query and a document's text are
normalized alike; the rest (a bare number with a type word or designator) is read here.
`parse_relation("thuc hien") == "thực hiện"`: a citation's relation as users type it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.citations import regexes as rx
from pipeline.citations.find import get_citations
from pipeline.citations.refs import KIND_TYPE, kind_of, normalize_symbol, restore_d
from pipeline.search import fold
from schemas.enums import RELATIONS

_KIND_BY_ACCENTLESS = {fold(kind): kind for kind in KIND_TYPE}


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
    symbol = normalize_symbol(restore_d(text).upper().replace(" ", "-"))
    head, _, rest = symbol.partition("-")
    if head in rx.TYPE_KINDS:
        return head, rest or rx.DEFAULT_ISSUER.get(head)
    return None, symbol or None


def parse_query(query: str) -> RefQuery | None:
    """Parse a ref as users type it: "45/2020/NĐ-CP", "NĐ 45/2020", "nghị định 45/2020",
    "45/2020/ND-CP", "nđ-cp 45/2020", "1085/QĐ-TTg", "04-NQ/TU", "Quyết định 1085"."""
    q = restore_d(query).strip()
    m = _Q_NUMBER.search(q.upper().replace("TTG", "TTg"))
    if m:  # a whole number/symbol: reuse the text finder's normalization
        cites = [c for c in get_citations(m.group(0)) if c.ref]
        if cites:
            c = cites[0]
            return RefQuery(c.number, c.year, c.type_code, c.issuer_code, c.ref)
    m = _Q_BARE.search(q)
    if not m:
        return None
    type_code, issuer = _designator(q[: m.start()] + " " + q[m.end() :])
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


# what users type for a relation (schemas/enums.py: RELATIONS), folded: the value itself, the
# other formulas that mean it (relation.py), and the English words of the data dictionary
_RELATION_WORDS = {
    "căn cứ": ("tren co so", "basis", "legal basis"),
    "thực hiện": ("trien khai", "thi hanh", "implements", "implement"),
    "theo đề nghị": ("de nghi", "phuc dap", "tra loi", "answers", "request"),
    "sửa đổi, bổ sung": ("sua doi", "bo sung", "amends", "amend"),
    "thay thế": ("replaces", "replace"),
    "bãi bỏ": ("huy bo", "het hieu luc", "repeals", "repeal"),
    "hướng dẫn": ("quy dinh chi tiet", "guides", "guide"),
    "dẫn chiếu": ("refers", "reference"),
}
_PUNCT = re.compile(r"[^\w\s]")


def _relation_key(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", fold(text)).split())


# every word a user may type for a relation (its own name folded, then the synonyms), built once
_WORD_RELATION = {_relation_key(value): value for value in RELATIONS}
_WORD_RELATION.update({other: value for value, others in _RELATION_WORDS.items() for other in others})


def parse_relation(text: str) -> str | None:
    """The relation value (schemas/enums.py: RELATIONS) a user means: "thực hiện", "thuc hien",
    "THỰC HIỆN", "triển khai", "sua doi bo sung", "implements", or an unambiguous start ("can cu",
    "thuc"); None when it names none or several."""
    key = _relation_key(text)
    if not key:
        return None
    if key in _WORD_RELATION:
        return _WORD_RELATION[key]
    starts = {value for word, value in _WORD_RELATION.items() if word.startswith(key)}
    return starts.pop() if len(starts) == 1 else None
