"""`resolve_citations`: group mentions by the document they cite, short forms included.

A ShortCitation ("Nghị định 45", "Thông tư 01/2020") takes the ref of the full citation of the same
type and number (and year, when the short form gives one) found earlier in the same text — or, when
there is none, later in it — or else of the index (a CitationIndex: refs seen in the corpus). Mentions
of one document share what any of them says: a date printed at one mention is given to all of them.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from pipeline.citations.models import Citation, FullCitation, ShortCitation
from pipeline.citations.refs import lookup_key

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


def resolve_citations(citations: list[Citation], index: "CitationIndex | None" = None) -> dict[str, list[Citation]]:
    """{resource: mentions}: the resource is the canonical ref ("45/2020/NĐ-CP"), or for a law cited by
    name "Luật <name> năm <year>". Short forms are resolved in place (their `ref` set); those that
    match nothing are left out. Dates are shared between mentions of one resource."""
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
