"""PDF tables: ruled grids filled with words (page tables), then stitched into logical tables.

    build_page_table(grid, page)      a ruled Grid on one page -> PageTable
    assign_words(table, words)        words dropped into its cells by their centre (the rest returned)
    group_page_tables(page tables)    which page tables form one logical table (continued overleaf)
    stitch_group(group, pitches)      one logical model Table: repeated headers dropped, rows broken by
                                      a page break re-joined, vertical merges copied into each row

The chain before (words, rulings, grids: `pdf_layout`), the cell text (`pdf_text`) and the tables
without rulings (`pdf_borderless`) live in their own modules; every tolerance is in
`PdfTableSettings` (`pdf_settings`, re-exported here).
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from extractors.model import Cell, Row, Table
from extractors.pdf.layout import VisualLine, Word, group_lines
from extractors.pdf.rulings import Grid, GridCell, grid_cells
from extractors.pdf.settings import DEFAULT_SETTINGS, PdfTableSettings
from extractors.pdf.text import logical_lines, starts_with_label

__all__ = [
    "DEFAULT_SETTINGS",
    "PdfTableSettings",
    "PageTable",
    "assign_words",
    "build_page_table",
    "group_page_tables",
    "same_layout",
    "stitch_group",
    "stitch_tables",
    "locate",
]


@dataclass(eq=False)
class PageTable:
    """A table as it appears on one page (before stitching)."""

    page: int
    xs: list[float]
    ys: list[float]
    slots: list[list[GridCell]]
    ruled: bool = True
    aligned: bool = False  # no vertical rulings, but columns/rows found like a ruled grid's (pdf.aligned)
    row_rules: bool = True  # horizontal rules separate its rows (so a vertical merge shows: pdf.aligned)
    first_on_page: bool = False  # nothing but running headers above it on its page
    last_on_page: bool = False  # nothing but running footers below it on its page
    pitches: dict[float, float] | None = None  # own line pitches (borderless tables)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def cells(self) -> list[GridCell]:
        seen, out = set(), []
        for row in self.slots:
            for cell in row:
                if id(cell) not in seen:
                    seen.add(id(cell))
                    out.append(cell)
        return out


def locate(bounds: Sequence[float], v: float) -> int:
    """Index i with bounds[i] <= v < bounds[i+1], or -1."""
    if v < bounds[0] or v > bounds[-1]:
        return -1
    return min(max(bisect.bisect_right(bounds, v) - 1, 0), len(bounds) - 2)


def assign_words(table: PageTable, words: Sequence[Word], settings: PdfTableSettings = DEFAULT_SETTINGS) -> list[Word]:
    """Drop words into the table's cells by their centre; returns the words outside the table."""
    x0, top, x1, bottom = table.bbox
    outside = []
    for w in words:
        xm, ym = w.xmid, w.ymid
        if not (x0 <= xm <= x1 and top <= ym <= bottom):
            outside.append(w)
            continue
        r = locate(table.ys, ym)
        c = locate(table.xs, xm)
        table.slots[r][c].words.append(w)
    _layout_cells(table, settings)
    return outside


def _layout_cells(table: PageTable, settings: PdfTableSettings) -> None:
    """Visual lines of each cell, with the text box (cell minus padding) for the fit test."""
    pads = []
    for cell in table.cells():
        if cell.words:
            pads.append(min(w.x0 for w in cell.words) - cell.bbox[0])
    pad = min([p for p in pads if p >= 0] or [settings.cell_padding_default])
    pad = max(0.0, min(pad, settings.cell_padding_max))
    for cell in table.cells():
        cell.lines = group_lines(cell.words, settings, page=table.page)
        box = (cell.bbox[0] + pad, cell.bbox[2] - pad)
        for ln in cell.lines:
            ln.box = box


def build_page_table(grid: Grid, page: int, settings: PdfTableSettings = DEFAULT_SETTINGS) -> PageTable:
    return PageTable(page=page, xs=list(grid.xs), ys=list(grid.ys), slots=grid_cells(grid, settings))


@dataclass(eq=False)
class _LCell:
    lines: list[VisualLine]
    bold: int = 0
    chars: int = 0
    bbox: tuple[float, float, float, float] | None = None
    open_bottom: bool = False  # its text runs down to the cell's bottom edge (may go on overleaf)


@dataclass
class _LRow:
    slots: list[_LCell]
    page: int
    page_end: int
    is_header: bool = False


def _lcells(pt: PageTable, settings: PdfTableSettings = DEFAULT_SETTINGS) -> list[_LRow]:
    """A page table's rows with shared _LCell objects for merged slots."""
    made: dict[int, _LCell] = {}
    rows = []
    for r, row in enumerate(pt.slots):
        slots = []
        for cell in row:
            lc = made.get(id(cell))
            if lc is None:
                lines = cell.lines
                open_bottom = bool(lines) and (
                    cell.bbox[3] - max(ln.bottom for ln in lines) < settings.open_bottom_ratio * lines[-1].size
                )
                lc = _LCell(
                    lines=list(lines),
                    bold=sum(ln.n_bold for ln in lines),
                    chars=sum(ln.n_chars for ln in lines),
                    bbox=cell.bbox,
                    open_bottom=open_bottom,
                )
                made[id(cell)] = lc
            slots.append(lc)
        rows.append(_LRow(slots=slots, page=pt.page, page_end=pt.page))
    return rows


def _row_key(row: _LRow) -> tuple:
    seen, out = set(), []
    for lc in row.slots:
        if id(lc) in seen:
            continue
        seen.add(id(lc))
        out.append(" ".join(" ".join(ln.text for ln in lc.lines).split()).casefold())
    return tuple(out)


def same_layout(a: PageTable, b: PageTable, settings: PdfTableSettings = DEFAULT_SETTINGS) -> bool:
    """Do two page tables have the same columns? Ruled: the column boundaries agree within
    `col_match_tolerance`. Borderless: each gutter of one overlaps the same gutter of the other."""
    if a.n_cols != b.n_cols or a.ruled != b.ruled or a.aligned != b.aligned:
        return False
    if a.ruled:
        return all(abs(x - y) <= settings.col_match_tolerance for x, y in zip(a.xs, b.xs))
    ga, gb = _gutters(a), _gutters(b)
    return all(x0 <= y1 and y0 <= x1 for (x0, x1), (y0, y1) in zip(ga, gb))


def _gutters(t: PageTable) -> list[tuple[float, float]]:
    """The blank x-ranges between the columns' text (cells spanning columns left out)."""
    out = []
    for c in range(t.n_cols - 1):
        left = [w.x1 for row in t.slots if row[c].c1 - row[c].c0 == 1 for w in row[c].words] or [t.xs[c + 1]]
        right = [w.x0 for row in t.slots if row[c + 1].c1 - row[c + 1].c0 == 1 for w in row[c + 1].words] or [
            t.xs[c + 1]
        ]
        out.append((max(left), min(right)))
    return out


def _first_line_lower(lc: _LCell) -> bool:
    if not lc.lines:
        return True
    t = lc.lines[0].text
    return t[:1].islower() and not starts_with_label(t)


def _is_continuation(row: _LRow, prev: _LRow | None, settings: PdfTableSettings) -> bool:
    """Does the first row on a page continue the previous page's last row (a row broken by the
    page break), rather than start a new one?

    Its STT (first) cell is empty, or all its cells start in lower case; and each of its non-empty
    cells sits under a cell whose text ran down to the bottom of the previous page (text that
    stopped short there did not flow over: a row whose cells are all new under a vertically merged
    STT cell is a new sub-row, not a continuation)."""
    if prev is None or prev.is_header:
        return False
    distinct = list(dict.fromkeys(row.slots))
    if len(distinct) == 1 and len(row.slots) > 1:
        return False  # a full-width row (section title) is never a continuation
    candidate = settings.continuation_empty_first_col and not row.slots[0].lines
    nonempty = [lc for lc in distinct if lc.lines]
    if not candidate and settings.continuation_lowercase:
        candidate = bool(nonempty) and all(_first_line_lower(lc) for lc in nonempty)
    if not candidate:
        return False
    for c, lc in enumerate(row.slots):
        if lc.lines and not prev.slots[c].open_bottom:
            return False
    return True


def group_page_tables(
    page_tables: Sequence[PageTable], settings: PdfTableSettings = DEFAULT_SETTINGS
) -> list[list[PageTable]]:
    """Page tables in document order -> groups that form one logical table each.

    A table that is the last thing on its page continues on the next page when the first thing
    there is a table with the same column layout."""
    groups: list[list[PageTable]] = []
    for pt in page_tables:
        if groups:
            last = groups[-1][-1]
            if last.last_on_page and pt.first_on_page and pt.page == last.page + 1 and same_layout(last, pt, settings):
                groups[-1].append(pt)
                continue
        groups.append([pt])
    return groups


def stitch_tables(
    page_tables: Sequence[PageTable], pitches: dict[float, float], settings: PdfTableSettings = DEFAULT_SETTINGS
) -> list[Table]:
    """Page tables in document order -> logical tables (see `group_page_tables`, `stitch_group`)."""
    return [stitch_group(g, pitches, settings) for g in group_page_tables(page_tables, settings)]


def stitch_group(
    group: Sequence[PageTable], pitches: dict[float, float], settings: PdfTableSettings = DEFAULT_SETTINGS
) -> Table:
    """The page tables of one logical table -> one model Table.

    On each continuation page the rows repeating the table's first rows (the repeated header)
    are dropped, and a first row that continues the previous page's last row (see
    `_is_continuation`) is merged into it. Vertically merged cells (a cell spanning grid rows,
    also across the page break) are copied into each row they span (`merged=True` after the
    first, `row_span` on the first). `pitches`: the usual line pitch per font size in cells."""
    rows = _lcells(group[0], settings)
    repeated_header = False
    for pt in group[1:]:
        new_rows = _lcells(pt, settings)
        k = _repeated_header_rows(rows, new_rows)
        for r in rows[:k]:
            r.is_header = True
        repeated_header = repeated_header or k > 0
        new_rows = new_rows[k:]
        if not new_rows:
            continue
        prev, first = rows[-1], new_rows[0]
        if (not pt.ruled and not pt.aligned) or _is_continuation(first, prev, settings):
            _merge_into(prev, first, new_rows[1:], force_break=not pt.ruled and not pt.aligned)
            new_rows = new_rows[1:]
        elif settings.merge_empty_across_page:
            _continue_merges(rows, prev, first, new_rows)
        rows.extend(new_rows)
    if not repeated_header:
        _mark_bold_header(rows, settings)
    return _to_model(rows, group, pitches, settings)


def _repeated_header_rows(rows: list[_LRow], new_rows: list[_LRow]) -> int:
    """How many leading rows of a continuation page repeat the table's first rows."""
    k = 0
    while (
        k < min(len(rows), len(new_rows)) and any(_row_key(new_rows[k])) and _row_key(new_rows[k]) == _row_key(rows[k])
    ):
        k += 1
    return k


def _merge_into(prev: _LRow, first: _LRow, later: list[_LRow], force_break: bool) -> None:
    """Append the cells of `first` (the page's first row) to the row it continues; the rows below
    that were merged with its cells are now merged with the continued cells."""
    replace: dict[int, _LCell] = {}
    for c, src in enumerate(first.slots):
        if id(src) in replace:
            continue
        dst = prev.slots[c]
        replace[id(src)] = dst
        if src.lines:
            dst.lines.append(_with_page_break(src.lines[0], force=force_break))
            dst.lines.extend(src.lines[1:])
            dst.bold += src.bold
            dst.chars += src.chars
    prev.page_end = first.page
    for r in later:
        r.slots = [replace.get(id(lc), lc) for lc in r.slots]


def _continue_merges(rows: list[_LRow], prev: _LRow, first: _LRow, new_rows: list[_LRow]) -> None:
    """A new row opens the page: its empty cells under a vertically merged cell continue the
    merge, and so do the leading empty cells (STT, content) of a sub-row whose STT is empty (STT
    and content merged over several rows, the page break falling between two of them)."""
    lead = 0
    while lead < len(first.slots) and not first.slots[lead].lines:
        lead += 1
    replace: dict[int, _LCell] = {}
    for c, src in enumerate(first.slots):
        dst = prev.slots[c]
        if src.lines or not dst.lines or id(src) in replace or first.slots.count(src) != 1:
            continue
        if c < lead or sum(1 for r in rows if dst in r.slots) > 1:
            replace[id(src)] = dst
    if replace:
        for r in new_rows:
            r.slots = [replace.get(id(lc), lc) for lc in r.slots]


def _mark_bold_header(rows: list[_LRow], settings: PdfTableSettings) -> None:
    """A table without a repeated header (one page): its first row is a header when (nearly) all
    its text is bold and it has at least two non-empty cells."""
    if len(rows) < 2:
        return
    nonempty = [lc for lc in dict.fromkeys(rows[0].slots) if lc.lines]
    chars = sum(lc.chars for lc in nonempty)
    if len(nonempty) >= 2 and chars and sum(lc.bold for lc in nonempty) >= settings.header_bold_share * chars:
        rows[0].is_header = True


def _with_page_break(ln: VisualLine, force: bool = False) -> VisualLine:
    return VisualLine(words=ln.words, page=ln.page, box=ln.box, page_break_before=True, force_break=force)


def _to_model(
    rows: list[_LRow], group: Sequence[PageTable], pitches: dict[float, float], settings: PdfTableSettings
) -> Table:
    n_cols = group[0].n_cols
    pitches = group[0].pitches or pitches
    texts: dict[int, list[str]] = {}
    span_count: Counter = Counter()
    for r in rows:
        for lc in dict.fromkeys(r.slots):
            span_count[id(lc)] += 1
    first_seen: set[int] = set()
    out_rows: list[Row] = []
    for r in rows:
        cells: list[Cell] = []
        c = 0
        while c < n_cols:
            lc = r.slots[c]
            span = 1
            while c + span < n_cols and r.slots[c + span] is lc:
                span += 1
            if id(lc) not in texts:
                texts[id(lc)] = logical_lines(
                    lc.lines, pitches, settings, block=not group[0].ruled and not group[0].aligned
                )
            lines = list(texts[id(lc)])
            if id(lc) in first_seen:
                cell = Cell(lines=lines, col_span=span, merged=True, bbox=lc.bbox)
            else:
                first_seen.add(id(lc))
                cell = Cell(lines=lines, col_span=span, row_span=span_count[id(lc)], bbox=lc.bbox)
            cells.append(cell)
            c += span
        out_rows.append(Row(cells=cells, page=r.page, page_end=r.page_end, is_header=r.is_header))
    return Table(
        rows=out_rows,
        n_cols=n_cols,
        page_start=group[0].page,
        page_end=group[-1].page,
        hidden_merges=not all(pt.row_rules for pt in group),
    )
