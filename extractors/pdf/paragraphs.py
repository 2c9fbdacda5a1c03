"""Free text lines (outside tables) -> Paragraph blocks, one per visual paragraph.

Wrapped lines are joined (`pdf_text.join_lines`); a new paragraph starts at a change of font size,
after a centred line, at an indented first line, or where `pdf_text.is_hard_break` says the
author ended the line (larger vertical gap, a line that stopped short although the next word
would have fitted, a list label after a finished sentence). `ParagraphBuilder` takes the lines in
reading order over all pages, so a paragraph broken by a page break stays one paragraph. Page
numbers and running headers/footers are dropped before (`drop_running_lines`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Protocol, Sequence

from extractors.model import Paragraph
from extractors.pdf.layout import VisualLine
from extractors.pdf.settings import DEFAULT_SETTINGS, PdfTableSettings
from extractors.pdf.text import is_hard_break, join_lines

_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:trang|page)\s*)?\d{1,4}(?:\s*(?:/|của|of)\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")


class LinedPage(Protocol):
    """A page's free lines and its tables' boxes (the backend's page record)."""

    height: float
    lines: list[VisualLine]
    tables: list


@dataclass
class Margins:
    left: float
    right: float
    page_center: float | None = None  # also counts as the middle (sparse pages: margins uncertain)

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


def page_margins(pages, settings: PdfTableSettings = DEFAULT_SETTINGS) -> dict[tuple[int, int], Margins]:
    """The body text area per page size (`pages`: objects with size_class, width, lines, tables):
    the common left edge and the right edge of full lines. Page sizes with little running text
    (landscape appendix pages: a title over a table) take their ruled tables' extent, and a line
    centred on the page counts as centred too (`page_center`)."""
    xs0: dict[tuple[int, int], Counter] = {}
    xs1: dict[tuple[int, int], list[float]] = {}
    tables: dict[tuple[int, int], list[tuple[float, float]]] = {}
    width: dict[tuple[int, int], float] = {}
    for p in pages:
        width[p.size_class] = p.width
        for ln in p.lines:
            xs0.setdefault(p.size_class, Counter())[round(ln.x0)] += 1
            xs1.setdefault(p.size_class, []).append(ln.x1)
        tables.setdefault(p.size_class, []).extend((t.bbox[0], t.bbox[2]) for t in p.tables if t.ruled)
    out = {}
    for key, cnt in xs0.items():
        total = sum(cnt.values())
        common = sorted(x for x, k in cnt.items() if k >= max(2, settings.margin_common_share * total))
        left = float(common[0] if common else min(cnt))
        right_vals = sorted(xs1[key])
        right = right_vals[int(settings.margin_right_quantile * (len(right_vals) - 1))]
        if total < settings.margin_sparse_lines:
            extents = tables.get(key) or [(left, right)]
            left = min([left] + [a for a, _ in extents])
            right = max([right] + [b for _, b in extents])
            out[key] = Margins(left, right, page_center=width[key] / 2)
        else:
            out[key] = Margins(left, right)
    return out


def _symmetric(ln: VisualLine, m: Margins, s: PdfTableSettings) -> bool:
    tol = s.center_tolerance_ratio * ln.size + s.center_tolerance_min
    mid = (ln.x0 + ln.x1) / 2
    return abs(mid - m.center) < tol or (m.page_center is not None and abs(mid - m.page_center) < tol)


def centered(ln: VisualLine, m: Margins, s: PdfTableSettings = DEFAULT_SETTINGS) -> bool:
    inset = s.center_inset_ratio * ln.size
    return ln.x0 > m.left + inset and ln.x1 < m.right - inset and _symmetric(ln, m, s)


def full(ln: VisualLine, m: Margins, s: PdfTableSettings = DEFAULT_SETTINGS) -> bool:
    return ln.x1 >= m.right - s.full_line_tolerance


def new_paragraph(
    prev: VisualLine,
    ln: VisualLine,
    cur: list[VisualLine],
    m: Margins,
    pitches: dict[float, float],
    settings: PdfTableSettings = DEFAULT_SETTINGS,
) -> bool:
    """Does `ln` start a new paragraph after `prev` (the last line of the paragraph `cur`)?"""
    if abs(prev.size - ln.size) > settings.size_change:
        return True
    if centered(prev, m, settings) and not centered(ln, m, settings):
        return True
    if (
        not centered(ln, m, settings)
        and ln.x0 > prev.x0 + settings.indent_ratio * ln.size
        and (len(cur) > 1 or not full(prev, m, settings))
    ):
        return True  # an indented first line
    return is_hard_break(prev, ln, pitches, settings)


def alignment(lines: list[VisualLine], m: Margins, s: PdfTableSettings = DEFAULT_SETTINGS) -> str:
    """center (all lines symmetric, one set in), justify (all but the last full), right, left."""
    if all(_symmetric(ln, m, s) for ln in lines) and any(ln.x0 > m.left + s.full_line_tolerance for ln in lines):
        return "center"
    if len(lines) >= 2 and all(full(ln, m, s) for ln in lines[:-1]):
        return "justify"
    first = lines[0]
    if full(first, m, s) and first.x0 > m.left + s.right_align_inset * (m.right - m.left):
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
    bbox = (
        round(min(ln.x0 for ln in on_first), 2),
        round(min(ln.top for ln in on_first), 2),
        round(max(ln.x1 for ln in on_first), 2),
        round(max(ln.bottom for ln in on_first), 2),
    )
    share = settings.style_share
    return Paragraph(
        text=text,
        page=lines[0].page,
        bold=n > 0 and nb >= share * n,
        italic=n > 0 and ni >= share * n,
        alignment=alignment(lines, m, settings),
        indent=round(max(0.0, min(ln.x0 for ln in lines) - m.left), 1),
        bbox=bbox,
    )


class ParagraphBuilder:
    """Collects free lines in reading order; emits a Paragraph when the next line starts a new one.

    A one-line paragraph shows no justification; `finish()` gives the left-aligned ones the
    alignment of the document's body ("justify" when most multi-line paragraphs are justified),
    as the DOCX twin has it."""

    def __init__(self, pitches: dict[float, float], settings: PdfTableSettings = DEFAULT_SETTINGS):
        self.pitches = pitches
        self.settings = settings
        self.lines: list[VisualLine] = []
        self.margins: Margins | None = None
        self.body: Counter = Counter()  # alignment of the multi-line paragraphs
        self.one_line: list[Paragraph] = []  # left-aligned one-line paragraphs

    def finish(self) -> list[Paragraph]:
        """Close the last paragraph and settle the alignment of the one-line ones."""
        out = self.flush()
        if self.body["justify"] > self.body["left"]:
            for para in self.one_line:
                para.alignment = "justify"
        return out

    def add(self, ln: VisualLine, m: Margins | None) -> list[Paragraph]:
        """Add the next line (set in the text area `m`); returns the paragraph it closed, if any.
        A line with `page_break_before` opens a page (no vertical gap to compare)."""
        ln.box = (m.left, m.right) if m else None
        if (
            self.lines
            and self.margins is not None
            and m is not None
            and not new_paragraph(self.lines[-1], ln, self.lines, m, self.pitches, self.settings)
        ):
            self.lines.append(ln)
            return []
        out = self.flush()
        self.lines, self.margins = [ln], m
        return out

    def flush(self) -> list[Paragraph]:
        """Close the open paragraph (before a table, at the end, at a change of page size)."""
        para = (
            make_paragraph(self.lines, self.margins, self.settings) if self.lines and self.margins is not None else None
        )
        if para is not None:
            if len(self.lines) > 1:
                self.body[para.alignment] += 1
            elif para.alignment == "left":
                self.one_line.append(para)
        self.lines, self.margins = [], None
        return [para] if para is not None else []


def _is_page_number(line: VisualLine) -> bool:
    return bool(_PAGE_NUMBER.match(line.text))


def _norm_running(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.split()).casefold())


def drop_running_lines(pages: Sequence[LinedPage], settings: PdfTableSettings = DEFAULT_SETTINGS) -> None:
    """Remove page numbers and running headers/footers (free lines in the top/bottom zones)."""

    def zone_lines(p: LinedPage):
        table_top = min((t.bbox[1] for t in p.tables), default=float("inf"))
        table_bottom = max((t.bbox[3] for t in p.tables), default=float("-inf"))
        lines = sorted(p.lines, key=lambda ln: ln.top)
        head = [ln for ln in lines[:2] if ln.top < settings.header_zone_ratio * p.height and ln.bottom <= table_top]
        foot = [
            ln
            for ln in lines[-2:]
            if ln.bottom > (1 - settings.footer_zone_ratio) * p.height and ln.top >= table_bottom
        ]
        return head, foot

    zones = [zone_lines(p) for p in pages]
    counts: Counter = Counter()
    for head, foot in zones:
        counts.update({_norm_running(ln.text) for ln in head + foot})
    n = len(pages)
    min_pages = max(3, settings.running_min_share * n)
    for p, (head, foot) in zip(pages, zones):
        drop = set()
        for ln in head[:1] + foot[-1:]:
            if _is_page_number(ln):
                drop.add(id(ln))
        for ln in head + foot:
            if n >= 3 and counts[_norm_running(ln.text)] >= min_pages:
                drop.add(id(ln))
        if drop:
            p.lines = [ln for ln in p.lines if id(ln) not in drop]
