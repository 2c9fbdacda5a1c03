"""Free text lines (outside tables) -> Paragraph blocks, one per visual paragraph.

Wrapped lines are joined (`pdf_text.join_lines`); a new paragraph starts at a change of font size,
after a centred line, at an indented first line, or where `pdf_text.is_hard_break` says the
author ended the line (larger vertical gap, a line that stopped short although the next word
would have fitted, a list label after a finished sentence). `ParagraphBuilder` takes the lines in
reading order over all pages, so a paragraph broken by a page break stays one paragraph.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from extractors.model import Paragraph
from extractors.pdf_layout import VisualLine
from extractors.pdf_settings import DEFAULT_SETTINGS, PdfTableSettings
from extractors.pdf_text import is_hard_break, join_lines


@dataclass
@dataclass
class Margins:
    left: float
    right: float

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


def page_margins(pages) -> dict[tuple[int, int], Margins]:
    """The body text area per page size (`pages`: objects with size_class, lines and tables): the
    common left edge and the right edge of full lines (pages with little running text, e.g.
    landscape appendix pages, use their ruled tables' extent)."""
    xs0: dict[tuple[int, int], Counter] = {}
    xs1: dict[tuple[int, int], list[float]] = {}
    tables: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for p in pages:
        for ln in p.lines:
            xs0.setdefault(p.size_class, Counter())[round(ln.x0)] += 1
            xs1.setdefault(p.size_class, []).append(ln.x1)
        for t in p.tables:
            if t.ruled:
                tables.setdefault(p.size_class, []).append((t.bbox[0], t.bbox[2]))
    out = {}
    for key, cnt in xs0.items():
        total = sum(cnt.values())
        common = sorted(x for x, k in cnt.items() if k >= max(2, 0.1 * total))
        left = float(common[0] if common else min(cnt))
        right_vals = sorted(xs1[key])
        right = right_vals[int(0.95 * (len(right_vals) - 1))]
        if total < 10 and key in tables:
            left = min(left, min(a for a, _ in tables[key]))
            right = max(right, max(b for _, b in tables[key]))
        out[key] = Margins(left, right)
    return out


def centered(ln: VisualLine, m: Margins) -> bool:
    size = ln.size
    return (ln.x0 > m.left + 0.5 * size and ln.x1 < m.right - 0.5 * size
            and abs((ln.x0 + ln.x1) / 2 - m.center) < 0.15 * size + 2.0)


def full(ln: VisualLine, m: Margins) -> bool:
    return ln.x1 >= m.right - 2.0


def new_paragraph(prev: VisualLine, ln: VisualLine, cur: list[VisualLine], m: Margins,
                   pitches: dict[float, float], settings: PdfTableSettings) -> bool:
    """Does `ln` start a new paragraph after `prev` (the last line of the paragraph `cur`)?"""
    if abs(prev.size - ln.size) > 0.6:
        return True
    if centered(prev, m) and not centered(ln, m):
        return True
    if not centered(ln, m) and ln.x0 > prev.x0 + 0.5 * ln.size and (len(cur) > 1 or not full(prev, m)):
        return True  # an indented first line
    return is_hard_break(prev, ln, pitches, settings)


def alignment(lines: list[VisualLine], m: Margins) -> str:
    size = lines[0].size
    symmetric = all(abs((ln.x0 + ln.x1) / 2 - m.center) < 0.15 * size + 2.0 for ln in lines)
    if symmetric and any(ln.x0 > m.left + 0.3 * size for ln in lines):
        return "center"
    if len(lines) >= 2 and all(full(ln, m) for ln in lines[:-1]):
        return "justify"
    first = lines[0]
    if first.x1 >= m.right - 2.0 and first.x0 > m.left + 0.3 * (m.right - m.left):
        return "right"
    return "left"


def make_paragraph(lines: list[VisualLine], m: Margins, settings: PdfTableSettings) -> Paragraph | None:
    text = join_lines(lines, settings)
    if not text:
        return None
    n = sum(ln.n_chars for ln in lines)
    nb = sum(ln.n_bold for ln in lines)
    ni = sum(ln.n_italic for ln in lines)
    on_first = [ln for ln in lines if ln.page == lines[0].page]
    bbox = (round(min(ln.x0 for ln in on_first), 2), round(min(ln.top for ln in on_first), 2),
            round(max(ln.x1 for ln in on_first), 2), round(max(ln.bottom for ln in on_first), 2))
    return Paragraph(text=text, page=lines[0].page, bold=n > 0 and nb >= 0.9 * n,
                     italic=n > 0 and ni >= 0.9 * n, alignment=alignment(lines, m),
                     indent=round(max(0.0, min(ln.x0 for ln in lines) - m.left), 1), bbox=bbox)


class ParagraphBuilder:
    """Collects free lines in reading order; emits a Paragraph when the next line starts a new one."""

    def __init__(self, pitches: dict[float, float], settings: PdfTableSettings = DEFAULT_SETTINGS):
        self.pitches = pitches
        self.settings = settings
        self.lines: list[VisualLine] = []
        self.margins: Margins | None = None

    def add(self, ln: VisualLine, m: Margins | None) -> list[Paragraph]:
        """Add the next line (set in the text area `m`); returns the paragraph it closed, if any.
        A line with `page_break_before` opens a page (no vertical gap to compare)."""
        ln.box = (m.left, m.right) if m else None
        if self.lines and self.margins is not None and m is not None \
                and not new_paragraph(self.lines[-1], ln, self.lines, m, self.pitches, self.settings):
            self.lines.append(ln)
            return []
        out = self.flush()
        self.lines, self.margins = [ln], m
        return out

    def flush(self) -> list[Paragraph]:
        """Close the open paragraph (before a table, at the end, at a change of page size)."""
        para = make_paragraph(self.lines, self.margins, self.settings) \
            if self.lines and self.margins is not None else None
        self.lines, self.margins = [], None
        return [para] if para is not None else []
