"""Legal citations in Vietnamese administrative documents, eyecite-style.

Public API (four functions, plus ref parsing for user queries):

    get_citations(text, own_ref=None) -> list[Citation]          # find (find.py)
    resolve_citations(citations, index=None) -> {resource: [...]} # short forms → full refs (resolve.py)
    annotate_citations(text, citations, before=…, after=…) -> str # HTML highlighting (annotate.py)
    document_citations(doc, meta, tasks) -> list[dict]            # rows of the citations table (document.py)
    parse_ref("NĐ 45/2020") -> "45/2020/NĐ-CP"                    # query.py

Modules: models (Citation dataclasses), regexes (every pattern, compiled once), refs (symbol repair,
comparison keys), query (what users type), find, resolve, annotate, document, laws (the laws table: name ↔
number ↔ year), index (CitationIndex lookups).
"""

from pipeline.citations.annotate import annotate_citations
from pipeline.citations.document import document_citations
from pipeline.citations.find import get_citations
from pipeline.citations.models import Citation, FullCitation, LawCitation, ShortCitation
from pipeline.citations.refs import ref_key
from pipeline.citations.resolve import resolve_citations


def __getattr__(name: str):
    """CitationIndex (it imports pyarrow) and the query parsers on first use (PEP 562): parsing a
    file needs neither."""
    if name == "CitationIndex":
        from pipeline.citations.index import CitationIndex

        return CitationIndex
    if name in ("parse_query", "parse_ref"):  # what users type: an ingest never parses it (0.01 s of imports)
        from pipeline.citations import query

        return getattr(query, name)
    raise AttributeError(f"module 'pipeline.citations' has no attribute {name!r}")


__all__ = [
    "get_citations",
    "resolve_citations",
    "annotate_citations",
    "document_citations",
    "parse_ref",
    "parse_query",
    "ref_key",
    "CitationIndex",
    "Citation",
    "FullCitation",
    "ShortCitation",
    "LawCitation",
]
