"""`resolve_citations`: group mentions by the document they cite, short forms included.

A ShortCitation ("Nghị định 45", "Thông tư 01/2020") takes the ref of the full citation of the same
type and number (and year, when the short form gives one) found earlier in the same text — or, when
there is none, later in it — or else of the index (a CitationIndex: refs seen in the corpus). Mentions
of one document share what any of them says: a date printed at one mention is given to all of them.
"""

from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from pipeline.citations import regexes as rx
from pipeline.citations.laws import LAW_KINDS, known_name, name_key
from pipeline.citations.laws import SETTINGS as LAW_SETTINGS
from pipeline.citations.models import Citation, FullCitation, ShortCitation
from pipeline.citations.refs import lookup_key
from pipeline.search import fold

if TYPE_CHECKING:
    from pipeline.citations.index import CitationIndex


def _matches(short: ShortCitation, full: Citation) -> bool:
    if not full.ref or full.number is None:
        return False
    if short.type_code and full.type_code and short.type_code != full.type_code:
        return False
    if not full.type_code and short.kind != full.kind:
        return False
    if short.year and full.year and short.year != full.year:
        return False
    return full.number.lstrip("0") == short.number.lstrip("0")


def _adopt(short: ShortCitation, full: Citation) -> None:
    short.ref, short.symbol, short.issuer_code = full.ref, full.symbol, full.issuer_code
    short.type_code, short.year = full.type_code or short.type_code, full.year or short.year
    short.issued_date, short.issuer = full.issued_date, short.issuer or full.issuer
    short.resolved = True


def _law_name_key(cite: Citation) -> str | None:
    return name_key(cite.name) if cite.name and cite.kind in LAW_KINDS else None


def _initials(name: str) -> str:
    return "".join(w[0] for w in fold(name).replace(",", " ").split() if w != "va").upper()


def _abbreviation(name: str) -> str | None:
    """ "PCCC và CNCH" → "PCCCCNCH": a name written as upper-case abbreviations, its letters."""
    words = [w for w in name.replace(",", " ").split() if w != "và"]
    if words and all(w.isupper() and len(w) >= 2 for w in words):
        return fold("".join(words)).upper()
    return None


def _same_name(a: Citation, b: Citation) -> bool:
    """Two mentions name one law: the same name, or a long name read twice with an OCR slip
    ("vật liệu nổ" / "vật liệu nỗ")."""
    ka, kb = _law_name_key(a), _law_name_key(b)
    if ka is None or kb is None:
        return False
    if ka == kb:
        return True
    return (
        min(len(ka), len(kb)) >= LAW_SETTINGS.fuzzy_min_chars
        and SequenceMatcher(None, ka, kb).ratio() >= LAW_SETTINGS.fuzzy_ratio
    )


def _canonical_names(named: list[Citation]) -> None:
    """A name that runs past its end ("Luật A, cơ quan …") or is abbreviated ("Luật PCCC và CNCH")
    takes the full name of another mention of the same law. Names are tried in document order, so the
    first of two equally long candidates wins whatever the hash seed."""
    full = list(dict.fromkeys(c.name for c in named if c.ref or c.year))
    every = list(dict.fromkeys(c.name for c in named))
    for cite in named:
        if cite.ref or cite.year:
            continue
        longer = [n for n in full if cite.name.startswith(n + ",")]
        abbr = _abbreviation(cite.name)
        short = [n for n in every if abbr and n != cite.name and _initials(n) == abbr]
        if longer or short:
            cite.name = max(longer or short, key=len)


def _unify_laws(citations: list[Citation]) -> None:
    """One law, several mentions: a mention by name takes the number printed at another mention of the
    same name ("Luật Đầu tư số 143/2025/QH15 … Luật Đầu tư"), and a mention without a year the year of
    the nearest mention of that name that has one (two laws may share a name: "Luật Hóa chất 2007" and
    "Luật Hóa chất số 69/2025/QH15")."""
    named = [c for c in citations if _law_name_key(c)]
    for cite in named:  # a long name read with an OCR slip takes the laws table's spelling
        cite.name = known_name(cite.kind, cite.name or "") or cite.name
    _canonical_names(named)
    for cite in named:
        if cite.ref or cite.year:
            continue
        same = [c for c in named if c is not cite and _same_name(c, cite) and (c.ref or c.year)]
        if not same:
            continue
        near = min(same, key=lambda c: abs(c.char_start - cite.char_start))
        cite.ref, cite.number, cite.symbol, cite.issuer_code = near.ref, near.number, near.symbol, near.issuer_code
        cite.year, cite.name = near.year, near.name  # an OCR slip in one spelling: the dated one names both
    for cite in named:  # a number printed at any mention of a dated law names all of its mentions
        if cite.ref is None and cite.year:
            numbered = [c for c in named if c.ref and c.year == cite.year and _law_name_key(c) == _law_name_key(cite)]
            if not numbered:  # "Luật số 42/2024/QH15" (no name) and "Luật <name> ngày …/2024": the only pair
                unnamed = [c for c in citations if c.ref and not c.name and c.kind == "Luật" and c.year == cite.year]
                names = {_law_name_key(c) for c in named if c.year == cite.year and not c.ref}
                numbered = unnamed if len(unnamed) == 1 and len(names) == 1 else []
            if numbered:
                cite.ref, cite.number, cite.symbol = numbered[0].ref, numbered[0].number, numbered[0].symbol


def _unify_spellings(citations: list[Citation]) -> None:
    """Two spellings of one number in a text are one document: a ref that lost Đ ("11/TT-LDCL") takes
    the spelling with Đ, and one of a legal normative text that lost its year ("126/NĐ-CP") the dated
    one of the same number and symbol ("126/2024/NĐ-CP")."""
    fulls = [c for c in citations if c.ref and c.number and c.symbol]
    by_d = {lookup_key(c.ref).replace("Đ", "D"): c for c in fulls if "Đ" in c.ref}
    for cite in fulls:
        twin = by_d.get(lookup_key(cite.ref).replace("Đ", "D"))
        if twin is not None and twin.ref != cite.ref and "Đ" not in cite.ref:
            cite.ref, cite.symbol, cite.issuer_code = twin.ref, twin.symbol, twin.issuer_code
    for cite in fulls:
        if cite.ref.count("/") == 1 and cite.type_code in rx.YEARED_TYPES:
            dated = [
                c
                for c in fulls
                if c.ref.count("/") == 2 and c.number.lstrip("0") == cite.number.lstrip("0") and c.symbol == cite.symbol
            ]
            if dated:
                cite.ref, cite.year = dated[0].ref, dated[0].year


def resolve_citations(citations: list[Citation], index: "CitationIndex | None" = None) -> dict[str, list[Citation]]:
    """{resource: mentions}: the resource is the canonical ref ("45/2020/NĐ-CP"), or for a law cited by
    name "Luật <name> năm <year>". Short forms are resolved in place (their `ref` set); those that
    match nothing are left out. Dates are shared between mentions of one resource."""
    _unify_spellings(citations)
    _unify_laws(citations)
    fulls = [c for c in citations if isinstance(c, FullCitation) or (c.ref and not isinstance(c, ShortCitation))]
    for short in (c for c in citations if isinstance(c, ShortCitation) and not c.resolved):
        before = [f for f in fulls if f.char_start < short.char_start and _matches(short, f)]
        after = [f for f in fulls if f.char_start > short.char_start and _matches(short, f)]
        if before or after:
            _adopt(short, before[-1] if before else after[0])
        elif index is not None:
            ref = index.resolve_short(short.type_code, short.number, short.year, kind=short.kind)
            if ref:
                short.ref, short.resolved = ref, True
                found = index.describe(ref)
                if found:
                    short.symbol, short.issuer_code = found.get("symbol"), found.get("issuer_code")
                    short.type_code = found.get("type_code") or short.type_code
                    short.year = short.year or found.get("year")
                    short.issued_date = short.issued_date or found.get("issued_date")
    groups: dict[str, list[Citation]] = defaultdict(list)
    for cite in citations:
        key = cite.resource_key
        if key:
            groups[lookup_key(key) if cite.ref else key].append(cite)
    out: dict[str, list[Citation]] = {}
    for mentions in groups.values():
        dated = next((c.issued_date for c in mentions if c.issued_date), None)
        issuer = next((c.issuer for c in mentions if c.issuer), None)
        for c in mentions:
            c.issued_date = c.issued_date or dated
            c.issuer = c.issuer or issuer
        first = next((c for c in mentions if isinstance(c, FullCitation)), mentions[0])
        out[first.resource_key] = mentions
    return out
