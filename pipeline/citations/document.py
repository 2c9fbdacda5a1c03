"""`document_citations(doc, meta, tasks)`: the rows of the `citations` table for one document.

The text searched is `Document.text()` (paragraphs, then table rows with cells joined by " | "), then
the document's footnotes and endnotes (`Document.notes`), so `char_start`/`char_end` are offsets into
`doc.text()` for the body and past its end for a note. A vertically merged cell's copies (Cell.merged)
are not searched again: a citation printed once is one row. Each row is attached to the task read
from the paragraph or cell (and line) it is printed in (`task_seq` = TaskRow.task_seq, by
TaskRow.sources; None outside tasks), to the page it is on (PDF), and gets a context snippet.
`doc_id` and `source_file` are left for the pipeline to fill (process.py does).
Short forms that resolve to nothing in the document are not written (they would carry no ref).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.model import Document, Paragraph
from pipeline.citations.find import get_citations
from pipeline.citations.models import Citation, ShortCitation
from pipeline.citations.resolve import resolve_citations
from pipeline.records import DocMeta, TaskRow

CONTEXT_BEFORE, CONTEXT_AFTER = 60, 140
_NOSPACE = re.compile(r"\s+")


@dataclass
class _Segment:
    """A paragraph or one table cell inside the document text, and where it is in `Document.blocks`
    (block, row, cell; None for a note)."""

    start: int
    end: int
    page: int | None
    merged: bool = False
    place: tuple[int, int | None, int | None] | None = None


def document_text(doc: Document) -> tuple[str, list[_Segment]]:
    """`doc.text()` and the notes after it, built piece by piece, with where each paragraph, cell and
    note sits in it."""
    parts: list[str] = []
    segments: list[_Segment] = []
    pos = 0

    def add(text: str, page: int | None, merged: bool = False, place: tuple | None = None) -> None:
        nonlocal pos
        parts.append(text)
        segments.append(_Segment(pos, pos + len(text), page, merged, place))
        pos += len(text)

    def sep(text: str) -> None:
        nonlocal pos
        parts.append(text)
        pos += len(text)

    first = True
    for b, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            if not first:
                sep("\n")
            add(block.label_and_text, block.page, place=(b, None, None))
            first = False
            continue
        for r, row in enumerate(block.rows):
            if not first:
                sep("\n")
            first = False
            for i, cell in enumerate(row.cells):
                if i:
                    sep(" | ")
                add(cell.text, row.page, cell.merged, (b, r, i))
    for note in doc.notes:  # after the body: body offsets stay those of doc.text()
        if not first:
            sep("\n")
        add(note.label_and_text, note.page)
        first = False
    return "".join(parts), segments


def own_ref(meta: DocMeta) -> str | None:
    if meta.doc_number and meta.doc_symbol:
        return f"{meta.doc_number}/{meta.doc_symbol}"
    return None


def _context(text: str, seg: _Segment, cite: Citation) -> str:
    lo = max(seg.start, cite.char_start - CONTEXT_BEFORE)
    hi = min(seg.end, cite.char_end + CONTEXT_AFTER)
    snippet = _NOSPACE.sub(" ", text[lo:hi]).strip()
    return ("…" if lo > seg.start else "") + snippet + ("…" if hi < seg.end else "")


class _Tasks:
    """The task a citation belongs to: the one whose sources hold the paragraph or cell line it is
    printed in. Where several do (sub-items of one task share its text), the first at or after the
    task of the citation before it, so that a run of citations stays with one task."""

    def __init__(self, tasks: list[TaskRow]):
        self.tasks = tasks
        self.last_seq = 0

    def find(self, text: str, seg: _Segment, cite: Citation) -> int | None:
        if seg.place is None:
            return None
        line = text.count("\n", seg.start, cite.char_start) if seg.place[1] is not None else 0
        seqs = [t.task_seq for t in self.tasks if any(s.holds(*seg.place, line) for s in t.sources)]
        if not seqs:
            return None
        self.last_seq = next((q for q in seqs if q >= self.last_seq), seqs[0])
        return self.last_seq


def document_citations(doc: Document, meta: DocMeta, tasks: list[TaskRow]) -> list[dict]:
    """Rows of the `citations` table (schemas/tables.py) for one document, in text order."""
    text, segments = document_text(doc)
    cites = get_citations(text, own_ref=own_ref(meta))
    if not cites:
        return []
    seg_of: list[_Segment | None] = []
    kept: list[Citation] = []
    j = 0
    for cite in cites:  # both lists are in text order
        while j < len(segments) and segments[j].end < cite.char_start:
            j += 1
        seg = segments[j] if j < len(segments) and segments[j].start <= cite.char_start else None
        if seg is not None and seg.merged:
            continue  # the copy of a vertically merged cell: printed once, counted once
        kept.append(cite)
        seg_of.append(seg)
    resolve_citations(kept)
    owners = _Tasks(tasks)
    rows = []
    for cite, seg in zip(kept, seg_of):
        if isinstance(cite, ShortCitation) and not cite.ref:
            continue
        seg = seg or _Segment(cite.char_start, cite.char_end, None)
        row = cite.to_row()
        row.update(
            {
                "doc_id": None,
                "source_file": None,
                "task_seq": owners.find(text, seg, cite),
                "page_start": seg.page,
                "context": _context(text, seg, cite),
            }
        )
        rows.append(row)
    return rows
