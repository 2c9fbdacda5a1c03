"""PDF layout geometry for the PDF backend: words, ruling lines, cell grids and logical tables.

A chain of pure functions over plain data (no pdfplumber here, so each step can be tested on
synthetic input):

    chars_to_words(chars)                     pdfplumber-style char dicts -> Word (spaces, gaps, fonts)
    group_lines(words)                        Word -> VisualLine (top-to-bottom, words in x order)
    rulings_from_objects(lines, rects)        line/rect dicts -> snapped, joined Ruling segments
    find_grids(rulings)                       Ruling -> Grid (column x's, row y's of one ruled table)
    grid_cells(grid, rulings)                 Grid -> slot matrix of GridCell (spans from missing rulings)
    build_page_table(grid, slots, words)      -> PageTable (words dropped into cells by their centre)
    borderless_tables(lines)                  column-aligned text without rulings -> PageTable
    logical_lines(visual lines)               a cell's visual lines -> its text lines (wrapped lines joined)
    stitch_tables(page tables)                PageTable per page -> model Table (stitched across pages)

All tolerances live in `PdfTableSettings` (like pdfplumber's table settings).

Cell text convention (the same as the DOCX backend): `Cell.lines` holds the cell's *paragraphs*,
not its visual lines: a line wrapped by the layout is joined to the previous one with a space. A
new line starts where the author broke it, which the PDF shows as (a) a larger line pitch
(paragraph spacing), (b) a previous line that stopped short although the next word would have
fitted, or (c) a list label ("-", "+", "a)", "2.") after a line ending in ".", ";" or ":".
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterable, Sequence

from extractors.model import Cell, Row, Table, clean_text


@dataclass
class PdfTableSettings:
    # --- words and lines
    word_gap_ratio: float = 0.12  # a horizontal gap > ratio x font size splits a word (no space glyph needed)
    line_overlap_ratio: float = 0.5  # chars/words share a visual line when their vertical overlap >= ratio x height
    # --- ruling lines (snap/join as in pdfplumber's table finder)
    snap_tolerance: float = 3.0  # parallel rulings closer than this are snapped to one position
    join_tolerance: float = 3.0  # collinear segments with a gap up to this are joined
    edge_min_length: float = 3.0  # shorter segments are ignored
    max_ruling_thickness: float = 2.5  # a filled rect thinner than this is a ruling line
    intersection_tolerance: float = 3.0  # a horizontal and a vertical ruling touch within this distance
    border_coverage: float = 0.6  # a cell side is ruled when rulings cover >= this fraction of it
    min_grid_slots: int = 2  # a ruled frame around a single box is not a table
    min_row_height: float = 4.0  # grid rows thinner than this (double rulings) are folded
    # --- cell text
    cell_padding_max: float = 12.0  # cap on the estimated cell padding
    para_gap_ratio: float = 0.1  # pitch > normal pitch + max(para_gap_min, ratio x size) -> new text line
    para_gap_min: float = 1.0
    blank_line_ratio: float = 1.0  # a vertical gap (bottom to top) > ratio x size always starts a new text line
    fit_slack_ratio: float = 0.1  # the next word "would have fitted" with this much slack (x size)
    space_width_ratio: float = 0.25  # width of a space, x font size, for the fit test
    # --- tables without rulings (column alignment)
    min_col_gap_ratio: float = 2.2  # a gutter between columns is at least ratio x font size wide
    borderless_max_gap_ratio: float = 4.0  # lines further apart than ratio x line height end the block
                                           # (the signature space under "GIÁM ĐỐC" is ~3 lines)
    borderless_row_gap_ratio: float = 0.4  # a new row starts at a line with text in every column,
                                           # each set off by >= ratio x size from the line above
    # --- running headers/footers and page numbers (used by the backend)
    header_zone_ratio: float = 0.09  # top fraction of the page where running headers/page numbers live
    footer_zone_ratio: float = 0.08  # bottom fraction of the page
    running_min_share: float = 0.5  # a header text repeated on >= this share of pages (and >= 3) is dropped
    # --- stitching pages into one logical table
    col_match_tolerance: float = 4.0  # column boundaries of the two page tables agree within this
    continuation_empty_first_col: bool = True  # an empty first (STT) cell starts a continuation row
    continuation_lowercase: bool = True  # ... as does a row whose every cell starts in lower case
    merge_empty_across_page: bool = True  # an empty cell under a page break continues a vertical merge
    open_bottom_ratio: float = 1.6  # a cell whose last line ends within ratio x size of the cell's
                                    # bottom at a page end may continue on the next page
    header_bold_share: float = 0.9  # a single-page table's first row is a header when this bold


DEFAULT_SETTINGS = PdfTableSettings()


# ---------------------------------------------------------------------------------------------
# words and visual lines


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    italic: bool = False
    n_chars: int = 0  # non-space characters (for bold/italic shares)
    n_bold: int = 0
    n_italic: int = 0

    @property
    def xmid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def ymid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(eq=False)
class VisualLine:
    """Words on one baseline, in x order. The derived values are computed once (a line's words
    never change after it is made)."""
    words: list[Word]
    page: int = 0
    box: tuple[float, float] | None = None  # (left, right) of the text area the line was set in
    page_break_before: bool = False  # the line opens a new page (no pitch comparison with the previous)
    force_break: bool = False  # a new text line starts here whatever the geometry says

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def size(self) -> float:
        weights: dict[float, int] = {}
        for w in self.words:
            weights[w.size] = weights.get(w.size, 0) + max(1, w.n_chars)
        return max(weights.items(), key=lambda kv: (kv[1], kv[0]))[0]

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
    def n_chars(self) -> int:
        return sum(w.n_chars for w in self.words)

    @cached_property
    def n_bold(self) -> int:
        return sum(w.n_bold for w in self.words)

    @cached_property
    def n_italic(self) -> int:
        return sum(w.n_italic for w in self.words)


_FONT_STYLE: dict[str, tuple[bool, bool]] = {}


def _font_style(fontname: str) -> tuple[bool, bool]:
    """(bold, italic) from a font name ("ABCDEF+LiberationSerif-BoldItalic", "Arial,Bold")."""
    style = _FONT_STYLE.get(fontname)
    if style is None:
        name = fontname.lower()
        style = (any(k in name for k in ("bold", "black", "heavy", "semibold", "demi")),
                 "italic" in name or "oblique" in name)
        _FONT_STYLE[fontname] = style
    return style


def _cluster_rows(items: Sequence, tops: Sequence[float], bottoms: Sequence[float],
                  overlap_ratio: float) -> list[list]:
    """Group items into rows of vertically overlapping items (tops/bottoms: the items' extents)."""
    rows: list[list] = []
    bounds: list[list[float]] = []  # [top, bottom] per row
    for k in sorted(range(len(items)), key=tops.__getitem__):
        top, bottom = tops[k], bottoms[k]
        h = max(bottom - top, 0.1)
        best, best_ov = -1, 0.0
        # only the last few rows can overlap an item sorted by top
        for i in range(len(rows) - 1, max(-1, len(rows) - 6), -1):
            t, b = bounds[i]
            ov = (b if b < bottom else bottom) - (t if t > top else top)
            if ov <= 0:
                continue
            ratio = ov / min(h, max(b - t, 0.1))
            if ratio >= overlap_ratio and ratio > best_ov:
                best, best_ov = i, ratio
        if best < 0:
            rows.append([items[k]])
            bounds.append([top, bottom])
        else:
            rows[best].append(items[k])
            # the row's extent follows its first (dominant) items; do not let it creep downwards
            t, b = bounds[best]
            bounds[best] = [min(t, top), max(b, min(bottom, b + 0.25 * h))]
    return rows


def chars_to_words(chars: Iterable[dict], settings: PdfTableSettings = DEFAULT_SETTINGS) -> list[Word]:
    """pdfplumber char dicts (text, x0, x1, top, bottom, size, fontname) -> words.

    Words break at space glyphs and at horizontal gaps wider than `word_gap_ratio` x font size
    (so PDFs that position words without space glyphs still get their spaces). Combining marks
    stay with the letter before them whatever their x position; text is NFC-normalized."""
    chars = [c for c in chars if c.get("upright", True) is not False]  # rotated text (stamps) is not laid out
    out: list[Word] = []
    gap_ratio = settings.word_gap_ratio
    combining = unicodedata.combining
    for row in _cluster_rows(chars, [c["top"] for c in chars], [c["bottom"] for c in chars],
                             settings.line_overlap_ratio):
        row.sort(key=lambda c: c["x0"])
        # attach combining marks to their base letter (a mark may be positioned before its base)
        seq: list[dict] = []
        for c in row:
            t = c["text"]
            if seq and t and combining(t[0]) and all(combining(ch) for ch in t):
                base = seq[-1]
                seq[-1] = dict(base, text=base["text"] + t, x1=max(base["x1"], c["x1"]))
                continue
            seq.append(c)
        cur: list[dict] = []
        prev = None

        def flush():
            if not cur:
                return
            text = unicodedata.normalize("NFC", "".join(c["text"] for c in cur))
            n = nb = ni = 0
            sizes: dict[float, int] = {}
            for c in cur:
                k = len(c["text"])
                bold, italic = _font_style(c.get("fontname") or "")
                n += k
                nb += k if bold else 0
                ni += k if italic else 0
                sz = round(c["size"], 1)
                sizes[sz] = sizes.get(sz, 0) + 1
            size = max(sizes.items(), key=lambda kv: (kv[1], kv[0]))[0]
            out.append(Word(text=text, x0=cur[0]["x0"], x1=max(c["x1"] for c in cur),
                            top=min(c["top"] for c in cur), bottom=max(c["bottom"] for c in cur),
                            size=size, bold=n > 0 and nb >= 0.5 * n,
                            italic=n > 0 and ni >= 0.5 * n, n_chars=n, n_bold=nb, n_italic=ni))
            cur.clear()

        for c in seq:
            t = c["text"]
            if not t.strip() or t in ("\u00a0", "\u200b"):
                flush()
                prev = None
                continue
            if prev is not None:
                size = c["size"] if c["size"] > prev["size"] else prev["size"]
                if c["x0"] - prev["x1"] > gap_ratio * max(size, 1.0):
                    flush()
            cur.append(c)
            prev = c
        flush()
    return out


def group_lines(words: Sequence[Word], settings: PdfTableSettings = DEFAULT_SETTINGS,
                page: int = 0) -> list[VisualLine]:
    """Words -> visual lines, top to bottom, each line's words in x order."""
    lines = []
    for row in _cluster_rows(words, [w.top for w in words], [w.bottom for w in words],
                             settings.line_overlap_ratio):
        row.sort(key=lambda w: w.x0)
        lines.append(VisualLine(words=row, page=page))
    lines.sort(key=lambda ln: (round(ln.top, 1), ln.x0))
    return lines


def split_segments(line: VisualLine, settings: PdfTableSettings = DEFAULT_SETTINGS) -> list[VisualLine]:
    """A visual line cut at gutters (gaps wider than `min_col_gap_ratio` x font size)."""
    segs: list[VisualLine] = []
    cur: list[Word] = [line.words[0]]
    for w in line.words[1:]:
        prev = cur[-1]
        if w.x0 - prev.x1 > settings.min_col_gap_ratio * max(w.size, prev.size):
            segs.append(VisualLine(words=cur, page=line.page))
            cur = [w]
        else:
            cur.append(w)
    segs.append(VisualLine(words=cur, page=line.page))
    return segs


# ---------------------------------------------------------------------------------------------
# ruling lines


@dataclass
class Ruling:
    horizontal: bool
    pos: float  # y of a horizontal ruling, x of a vertical one
    start: float  # x0 (horizontal) or top (vertical)
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start


def _is_white(color) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return color >= 0.95
    try:
        vals = list(color)
    except TypeError:
        return False
    if len(vals) == 4:  # CMYK: white is all zero
        return all(v <= 0.05 for v in vals)
    return bool(vals) and all(v >= 0.95 for v in vals)


def rulings_from_objects(lines: Iterable[dict], rects: Iterable[dict],
                         settings: PdfTableSettings = DEFAULT_SETTINGS) -> list[Ruling]:
    """pdfplumber line and rect dicts -> snapped and joined horizontal/vertical rulings.

    Lines count when (nearly) axis-parallel; a rect counts as one ruling when it is a thin
    filled bar (not white), as its four edges when it is stroked; a large filled rect is cell
    shading, not a ruling."""
    raw: list[Ruling] = []
    thick = settings.max_ruling_thickness
    for ln in lines:
        x0, x1, top, bottom = ln["x0"], ln["x1"], ln["top"], ln["bottom"]
        if abs(bottom - top) <= thick and (x1 - x0) > abs(bottom - top):
            raw.append(Ruling(True, (top + bottom) / 2, x0, x1))
        elif abs(x1 - x0) <= thick:
            raw.append(Ruling(False, (x0 + x1) / 2, top, bottom))
    for r in rects:
        x0, x1, top, bottom = r["x0"], r["x1"], r["top"], r["bottom"]
        w, h = x1 - x0, bottom - top
        filled, stroked = r.get("fill", False), r.get("stroke", False)
        if min(w, h) <= thick:
            if (filled and not _is_white(r.get("non_stroking_color"))) or \
                    (stroked and not _is_white(r.get("stroking_color"))):
                if h <= thick and w > h:
                    raw.append(Ruling(True, (top + bottom) / 2, x0, x1))
                elif w <= thick:
                    raw.append(Ruling(False, (x0 + x1) / 2, top, bottom))
        elif stroked and not _is_white(r.get("stroking_color")):
            raw += [Ruling(True, top, x0, x1), Ruling(True, bottom, x0, x1),
                    Ruling(False, x0, top, bottom), Ruling(False, x1, top, bottom)]
    out: list[Ruling] = []
    for horizontal in (True, False):
        segs = sorted((r for r in raw if r.horizontal == horizontal), key=lambda r: r.pos)
        # snap: cluster positions
        clusters: list[list[Ruling]] = []
        for r in segs:
            if clusters and r.pos - clusters[-1][-1].pos <= settings.snap_tolerance:
                clusters[-1].append(r)
            else:
                clusters.append([r])
        for cl in clusters:
            pos = sum(r.pos for r in cl) / len(cl)
            cl.sort(key=lambda r: r.start)
            cur = Ruling(horizontal, pos, cl[0].start, cl[0].end)
            for r in cl[1:]:
                if r.start <= cur.end + settings.join_tolerance:
                    cur.end = max(cur.end, r.end)
                else:
                    out.append(cur)
                    cur = Ruling(horizontal, pos, r.start, r.end)
            out.append(cur)
    return [r for r in out if r.length >= settings.edge_min_length]


# ---------------------------------------------------------------------------------------------
# ruled grids


@dataclass
class Grid:
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom
    rulings: list[Ruling]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def _cluster_positions(values: Iterable[float], tol: float) -> list[float]:
    vals = sorted(values)
    out: list[list[float]] = []
    for v in vals:
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def find_grids(rulings: Sequence[Ruling], settings: PdfTableSettings = DEFAULT_SETTINGS) -> list[Grid]:
    """Connected groups of crossing rulings -> grids (only groups with >= 2 rulings each way)."""
    hs = [r for r in rulings if r.horizontal]
    vs = [r for r in rulings if not r.horizontal]
    parent = list(range(len(hs) + len(vs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tol = settings.intersection_tolerance
    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol:
                a, b = find(i), find(len(hs) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Ruling]] = {}
    for i, r in enumerate(hs + vs):
        groups.setdefault(find(i), []).append(r)
    grids = []
    for rs in groups.values():
        gh = [r for r in rs if r.horizontal]
        gv = [r for r in rs if not r.horizontal]
        if len(gh) < 2 or len(gv) < 2:
            continue
        xs = _cluster_positions((r.pos for r in gv), settings.snap_tolerance)
        ys = _cluster_positions((r.pos for r in gh), settings.snap_tolerance)
        # fold rows thinner than min_row_height (double rulings)
        ys2 = [ys[0]]
        for y in ys[1:]:
            if y - ys2[-1] < settings.min_row_height:
                continue
            ys2.append(y)
        if len(ys2) < 2 or len(xs) < 2:
            continue
        if (len(xs) - 1) * (len(ys2) - 1) < settings.min_grid_slots:
            continue
        grids.append(Grid(xs=xs, ys=ys2, rulings=rs))
    grids.sort(key=lambda g: (g.ys[0], g.xs[0]))
    return grids


@dataclass(eq=False)
class GridCell:
    """One cell of a page table: a rectangle of grid slots, its words and (later) visual lines."""
    r0: int
    c0: int
    r1: int  # exclusive
    c1: int  # exclusive
    bbox: tuple[float, float, float, float]
    words: list[Word] = field(default_factory=list)
    lines: list[VisualLine] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.lines


def _coverage(rulings: Sequence[Ruling], pos: float, a: float, b: float, tol: float) -> float:
    """Fraction of [a, b] covered by rulings at `pos` (within tol)."""
    if b <= a:
        return 1.0
    spans = sorted((max(a, r.start), min(b, r.end)) for r in rulings
                   if abs(r.pos - pos) <= tol and r.end > a and r.start < b)
    covered, cur_s, cur_e = 0.0, None, None
    for s, e in spans:
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                covered += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        covered += cur_e - cur_s
    return covered / (b - a)


def grid_cells(grid: Grid, settings: PdfTableSettings = DEFAULT_SETTINGS) -> list[list[GridCell]]:
    """The slot matrix (rows x cols) of a grid; slots of one merged cell share one GridCell.

    Two neighbouring slots belong to one cell when the ruling between them is missing (covers
    less than `border_coverage` of the shared side)."""
    xs, ys = grid.xs, grid.ys
    R, C = len(ys) - 1, len(xs) - 1
    hs = [r for r in grid.rulings if r.horizontal]
    vs = [r for r in grid.rulings if not r.horizontal]
    tol = settings.snap_tolerance
    parent = list(range(R * C))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a, b):
        a, b = find(a), find(b)
        if a != b:
            parent[max(a, b)] = min(a, b)

    for r in range(R):
        for c in range(C):
            if c + 1 < C and _coverage(vs, xs[c + 1], ys[r], ys[r + 1], tol) < settings.border_coverage:
                union(r * C + c, r * C + c + 1)
            if r + 1 < R and _coverage(hs, ys[r + 1], xs[c], xs[c + 1], tol) < settings.border_coverage:
                union(r * C + c, (r + 1) * C + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(R):
        for c in range(C):
            groups.setdefault(find(r * C + c), []).append((r, c))
    slots: list[list[GridCell | None]] = [[None] * C for _ in range(R)]
    for members in groups.values():
        r0 = min(m[0] for m in members)
        r1 = max(m[0] for m in members) + 1
        c0 = min(m[1] for m in members)
        c1 = max(m[1] for m in members) + 1
        cell = GridCell(r0, c0, r1, c1, (xs[c0], ys[r0], xs[c1], ys[r1]))
        for r in range(r0, r1):  # an L-shaped union is treated as its bounding box
            for c in range(c0, c1):
                if slots[r][c] is None or slots[r][c] is not cell:
                    slots[r][c] = cell
    return slots  # type: ignore[return-value]


# ---------------------------------------------------------------------------------------------
# page tables


@dataclass(eq=False)
class PageTable:
    """A table as it appears on one page (before stitching)."""
    page: int
    xs: list[float]
    ys: list[float]
    slots: list[list[GridCell]]
    ruled: bool = True
    first_on_page: bool = False  # nothing but running headers above it on its page
    last_on_page: bool = False  # nothing but running footers below it on its page
    pitches: dict[float, float] | None = None  # own line pitches (borderless tables)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.slots)

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


def _locate(bounds: Sequence[float], v: float) -> int:
    """Index i with bounds[i] <= v < bounds[i+1], or -1."""
    if v < bounds[0] or v > bounds[-1]:
        return -1
    return min(max(bisect.bisect_right(bounds, v) - 1, 0), len(bounds) - 2)


def assign_words(table: PageTable, words: Sequence[Word], settings: PdfTableSettings = DEFAULT_SETTINGS
                 ) -> list[Word]:
    """Drop words into the table's cells by their centre; returns the words outside the table."""
    x0, top, x1, bottom = table.bbox
    outside = []
    for w in words:
        xm, ym = w.xmid, w.ymid
        if not (x0 <= xm <= x1 and top <= ym <= bottom):
            outside.append(w)
            continue
        r = _locate(table.ys, ym)
        c = _locate(table.xs, xm)
        table.slots[r][c].words.append(w)
    _layout_cells(table, settings)
    return outside


def _layout_cells(table: PageTable, settings: PdfTableSettings) -> None:
    """Visual lines of each cell, with the text box (cell minus padding) for the fit test."""
    pads = []
    for cell in table.cells():
        if cell.words:
            pads.append(min(w.x0 for w in cell.words) - cell.bbox[0])
    pad = min([p for p in pads if p >= 0] or [2.0])
    pad = max(0.0, min(pad, settings.cell_padding_max))
    for cell in table.cells():
        cell.lines = group_lines(cell.words, settings, page=table.page)
        box = (cell.bbox[0] + pad, cell.bbox[2] - pad)
        for ln in cell.lines:
            ln.box = box


def build_page_table(grid: Grid, page: int, settings: PdfTableSettings = DEFAULT_SETTINGS) -> PageTable:
    return PageTable(page=page, xs=list(grid.xs), ys=list(grid.ys), slots=grid_cells(grid, settings))


# ---------------------------------------------------------------------------------------------
# tables without rulings


def borderless_tables(lines: Sequence[VisualLine], page: int,
                      settings: PdfTableSettings = DEFAULT_SETTINGS,
                      center: float | None = None) -> tuple[list[PageTable], list[VisualLine]]:
    """Column-aligned blocks of text (the "UBND ... | CỘNG HÒA ..." header, the "Nơi nhận | signer"
    block) -> PageTables; returns the tables and the lines not used by them.

    A block starts at a line with a gutter (a gap of >= `min_col_gap_ratio` x font size) and
    grows over neighbouring lines that stay on one side of the gutters; it ends at a line that
    crosses a gutter or after a large vertical gap. Columns are the x-ranges the block's segments
    cover. A line centred on the page (`center`: the text area's middle) belongs to no column
    (the title under the header block); a "block" of one line is not a table. Rows: see
    `_borderless_table`."""
    lines = sorted(lines, key=lambda ln: ln.top)
    segs = [split_segments(ln, settings) for ln in lines]
    used = [False] * len(lines)
    tables: list[PageTable] = []
    i = 0
    while i < len(lines):
        if used[i] or len(segs[i]) < 2:
            i += 1
            continue
        # the gutters of the seed line
        cols = [[s.x0, s.x1] for s in segs[i]]
        members = [i]

        def fits(k: int) -> bool:
            ss = segs[k]
            if len(ss) == 1 and center is not None:
                mid = (ss[0].x0 + ss[0].x1) / 2
                if abs(mid - center) < 0.3 * ss[0].size + 2.0 and ss[0].x0 < center < ss[0].x1:
                    return False
            for s in ss:
                # a segment must lie within one column band (between the gutters)
                inside = [j for j in range(len(cols)) if _in_band(s, cols, j)]
                if len(inside) != 1:
                    return False
            return True

        def grow(k: int) -> None:
            for s in segs[k]:
                j = [j for j in range(len(cols)) if _in_band(s, cols, j)][0]
                cols[j][0] = min(cols[j][0], s.x0)
                cols[j][1] = max(cols[j][1], s.x1)

        def attached(a: int) -> bool:
            """Line a is the tail of a paragraph that crosses the gutters on the line above."""
            b = a - 1
            if b < 0 or fits(b):
                return False
            la, lb = lines[a], lines[b]
            return la.top - lb.bottom < 0.5 * max(la.size, lb.size) and len(segs[a]) == 1

        # downwards
        k = i + 1
        last = lines[i]
        while k < len(lines):
            ln = lines[k]
            gap = ln.top - last.bottom
            if used[k] or gap > settings.borderless_max_gap_ratio * max(ln.bottom - ln.top, 1.0) \
                    or not fits(k):
                break
            grow(k)
            members.append(k)
            last = ln
            k += 1
        # upwards
        k = i - 1
        first = lines[i]
        while k >= 0:
            ln = lines[k]
            gap = first.top - ln.bottom
            if used[k] or gap > settings.borderless_max_gap_ratio * max(ln.bottom - ln.top, 1.0) \
                    or not fits(k) or attached(k):
                break
            grow(k)
            members.insert(0, k)
            first = ln
            k -= 1
        if len(members) < 2:
            i += 1
            continue
        for m in members:
            used[m] = True
        tables.append(_borderless_table([segs[m] for m in members], cols, page, settings))
        i = max(members) + 1
    rest = [ln for ln, u in zip(lines, used) if not u]
    return tables, rest


def _in_band(seg: VisualLine, cols: list[list[float]], j: int) -> bool:
    """Does the segment stay between the gutters left and right of column j?"""
    left = cols[j - 1][1] if j > 0 else float("-inf")
    right = cols[j + 1][0] if j + 1 < len(cols) else float("inf")
    return left < seg.x0 and seg.x1 < right


def _borderless_table(seg_rows: list[list[VisualLine]], cols: list[list[float]], page: int,
                      settings: PdfTableSettings) -> PageTable:
    words: list[Word] = [w for ss in seg_rows for s in ss for w in s.words]
    xs = [cols[0][0] - 1.0]
    for j in range(1, len(cols)):
        xs.append((cols[j - 1][1] + cols[j][0]) / 2)
    xs.append(cols[-1][1] + 1.0)
    top = min(w.top for w in words) - 1.0
    bottom = max(w.bottom for w in words) + 1.0
    n_cols = len(cols)

    def col_of(seg: VisualLine) -> int:
        return _locate(xs, (seg.x0 + seg.x1) / 2)

    # per column, its segments top to bottom (for line pitches and hard breaks)
    per_col: list[list[VisualLine]] = [[] for _ in range(n_cols)]
    for ss in seg_rows:
        for sg in ss:
            sg.box = (cols[col_of(sg)][0], cols[col_of(sg)][1])
            per_col[col_of(sg)].append(sg)
    pitches = normal_pitches(per_col)
    # row boundaries: a line with text in every column, set off from the lines above it in every
    # column, where every column starts a new text line that does not continue a list (the
    # "Số: ... | Quảng Ngãi, ngày ..." line under the agency | motto block)
    size = Counter(round(w.size) for w in words).most_common(1)[0][0]
    ys = [top]
    seen: list[VisualLine | None] = [None] * n_cols
    cur_bottom = None
    for ss in seg_rows:
        line_top = min(sg.top for sg in ss)
        cs = {col_of(sg): sg for sg in ss}
        new_row = False
        if cur_bottom is not None and len(cs) == n_cols and n_cols > 1 \
                and max(sg.top for sg in ss) - line_top < 0.3 * size \
                and all(seen[c] is not None for c in cs):
            new_row = all(sg.top - seen[c].bottom >= settings.borderless_row_gap_ratio * sg.size
                          and is_hard_break(seen[c], sg, pitches, settings, block=True)
                          and not (starts_with_label(sg.text) and starts_with_label(seen[c].text))
                          for c, sg in cs.items())
        if new_row:
            ys.append((line_top + cur_bottom) / 2)
        for c, sg in cs.items():
            seen[c] = sg
        cur_bottom = max(cur_bottom or 0.0, max(sg.bottom for sg in ss))
    ys.append(bottom)
    R, C = len(ys) - 1, len(xs) - 1
    slots = [[GridCell(r, c, r + 1, c + 1, (xs[c], ys[r], xs[c + 1], ys[r + 1])) for c in range(C)]
             for r in range(R)]
    table = PageTable(page=page, xs=xs, ys=ys, slots=slots, ruled=False, pitches=pitches)
    for w in words:
        r = _locate(ys, w.ymid)
        c = _locate(xs, w.xmid)
        table.slots[r][c].words.append(w)
    for cell in table.cells():
        cell.lines = group_lines(cell.words, settings, page=page)
        col = cols[cell.c0]
        for ln in cell.lines:
            ln.box = (col[0], col[1])
    return table


# ---------------------------------------------------------------------------------------------
# visual lines -> text lines

_LABEL = re.compile(
    r"^(?:[-+–•*▪○●◦]\s|[-+–•]\S|\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]\s|\(?[a-zđ][).]\s|"
    r"[IVXLC]{1,6}[.)]\s|[A-ZĐ][.)]\s)")
_END_PUNCT = re.compile(r"[.;:!?…)]$")


def starts_with_label(text: str) -> bool:
    return bool(_LABEL.match(text + " "))


PitchFn = Callable[[float], "float | None"]


def normal_pitches(groups: Iterable[Sequence[VisualLine]]) -> dict[float, float]:
    """The usual line pitch (top to top) per font size, over consecutive lines of each group."""
    counts: dict[float, Counter] = {}
    for lines in groups:
        for a, b in zip(lines, lines[1:]):
            if b.page_break_before or a.page != b.page:
                continue
            sa, sb = a.size, b.size
            if abs(sa - sb) > 0.5:
                continue
            pitch = b.top - a.top
            if pitch <= 0:
                continue
            counts.setdefault(round(sa), Counter())[round(pitch * 4) / 4] += 1
    out = {}
    for size, cnt in counts.items():
        total = sum(cnt.values())
        if total < 2:
            continue
        # the usual pitch: the most common value; among near-ties, the smaller
        best = max(cnt.items(), key=lambda kv: (kv[1], -kv[0]))[0]
        out[size] = best
    return out


def _caps(text: str) -> bool | None:
    """True for an all-capitals line, False for a line with lower-case letters, None without letters."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return None
    return all(c.isupper() for c in letters)


def is_hard_break(prev: VisualLine, nxt: VisualLine, pitches: dict[float, float],
                  settings: PdfTableSettings = DEFAULT_SETTINGS, block: bool = False) -> bool:
    """Did the author end `prev` (a new text line starts at `nxt`), or did the layout wrap it?

    `block`: the lines stand in a header/signature block (a borderless table), where each
    capitals line is its own line ("ỦY BAN NHÂN DÂN" / "TỈNH LÂM ĐỒNG", "KT. CHỦ TỊCH" /
    "PHÓ CHỦ TỊCH") unless the next holds a single short word ("... VIỆT" / "NAM"), and a change
    between capitals and lower case starts a new line."""
    if nxt.force_break:
        return True
    size = prev.size
    if block:
        a, b = _caps(prev.text), _caps(nxt.text)
        if a is not None and b is not None:
            if a != b:
                return True
            if a and b and not (len(nxt.words) == 1 and len(nxt.text) <= 4):
                return True
    if not nxt.page_break_before and prev.page == nxt.page:
        if nxt.top - prev.bottom > settings.blank_line_ratio * size:
            return True
        normal = pitches.get(round(size))
        pitch = nxt.top - prev.top
        if normal and pitch > normal + max(settings.para_gap_min, settings.para_gap_ratio * size):
            return True
    text = nxt.text
    prev_text = prev.text
    if starts_with_label(text) and (_END_PUNCT.search(prev_text) or not prev_text):
        return True
    box = prev.box or nxt.box
    if box is None:
        return False
    left, right = box
    first = nxt.words[0]
    need = (first.x1 - first.x0) + settings.space_width_ratio * first.size
    slack = settings.fit_slack_ratio * size
    width = prev.x1 - prev.x0
    centered = prev.x0 > left + 2 * size * 0.25 and abs((prev.x0 + prev.x1) / 2 - (left + right) / 2) < 0.1 * size + 1.5
    free = (right - left) - width if centered else right - prev.x1
    return need + slack <= free


def _join(prev_text: str, prev: VisualLine, nxt: VisualLine, settings: PdfTableSettings) -> str:
    """Join a wrapped line to the next: a space, or nothing after a word cut by the layout."""
    nxt_text = nxt.text
    last = prev.words[-1].text
    if nxt.words[0].text[:1] in ".,;:!?…)]}%" and not starts_with_label(nxt_text):
        return prev_text + nxt_text  # "tháng/lần" + "." pushed to the next line
    if len(last) > 1 and last[-1] in "-/" and last[-2].isalnum() and nxt_text[:1].isalnum():
        return prev_text + nxt_text  # "140/KH-" + "UBND", "45/2020/" + "NĐ-CP"
    if prev.box is not None and len(prev.words) == 1 and last[-1:].isalnum() and nxt_text[:1].isalnum() \
            and (last[-1].isupper() and nxt_text[0].isupper() or last[-1].isdigit() and nxt_text[0].isdigit()
                 or last[-1].islower() and nxt_text[0].islower()):
        # a single word wider than the box, cut mid-word: the next character would not have fitted
        first = nxt.words[0]
        char_w = (first.x1 - first.x0) / max(1, len(first.text))
        if prev.x1 + char_w > prev.box[1] + 0.5 and prev.x1 - prev.x0 + 2 * char_w > prev.box[1] - prev.box[0]:
            return prev_text + nxt_text
    return prev_text + " " + nxt_text


def join_lines(lines: Sequence[VisualLine], settings: PdfTableSettings = DEFAULT_SETTINGS) -> str:
    """Visual lines of one paragraph -> its text (wrapped lines joined)."""
    text = ""
    prev = None
    for ln in lines:
        text = ln.text if prev is None else _join(text, prev, ln, settings)
        prev = ln
    return clean_text(text)


def logical_lines(lines: Sequence[VisualLine], pitches: dict[float, float],
                  settings: PdfTableSettings = DEFAULT_SETTINGS, block: bool = False) -> list[str]:
    """A cell's visual lines -> its text lines (wrapped lines joined); `block`: see is_hard_break."""
    out: list[str] = []
    cur: str | None = None
    prev: VisualLine | None = None
    for ln in lines:
        if cur is None or prev is None:
            cur = ln.text
        elif is_hard_break(prev, ln, pitches, settings, block):
            out.append(cur)
            cur = ln.text
        else:
            cur = _join(cur, prev, ln, settings)
        prev = ln
    if cur is not None:
        out.append(cur)
    return [t for t in (clean_text(x) for x in out) if t]


# ---------------------------------------------------------------------------------------------
# stitching page tables into logical tables


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
                    cell.bbox[3] - max(ln.bottom for ln in lines)
                    < settings.open_bottom_ratio * lines[-1].size)
                lc = _LCell(lines=list(lines), bold=sum(ln.n_bold for ln in lines),
                            chars=sum(ln.n_chars for ln in lines), bbox=cell.bbox, open_bottom=open_bottom)
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
    if a.n_cols != b.n_cols or a.ruled != b.ruled:
        return False
    if a.ruled:
        return all(abs(x - y) <= settings.col_match_tolerance for x, y in zip(a.xs, b.xs))
    ga, gb = _gutters(a), _gutters(b)
    return all(x0 <= y1 and y0 <= x1 for (x0, x1), (y0, y1) in zip(ga, gb))


def _gutters(t: PageTable) -> list[tuple[float, float]]:
    """The blank x-ranges between the columns' text."""
    out = []
    for c in range(t.n_cols - 1):
        left = [w.x1 for row in t.slots for w in row[c].words] or [t.xs[c + 1]]
        right = [w.x0 for row in t.slots for w in row[c + 1].words] or [t.xs[c + 1]]
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


def group_page_tables(page_tables: Sequence[PageTable], settings: PdfTableSettings = DEFAULT_SETTINGS
                      ) -> list[list[PageTable]]:
    """Page tables in document order -> groups that form one logical table each.

    A table that is the last thing on its page continues on the next page when the first thing
    there is a table with the same column layout."""
    groups: list[list[PageTable]] = []
    for pt in page_tables:
        if groups:
            last = groups[-1][-1]
            if last.last_on_page and pt.first_on_page and pt.page == last.page + 1 \
                    and same_layout(last, pt, settings):
                groups[-1].append(pt)
                continue
        groups.append([pt])
    return groups


def stitch_tables(page_tables: Sequence[PageTable], pitches: dict[float, float],
                  settings: PdfTableSettings = DEFAULT_SETTINGS) -> list[Table]:
    """Page tables in document order -> logical tables (see `group_page_tables`, `stitch_group`)."""
    return [stitch_group(g, pitches, settings) for g in group_page_tables(page_tables, settings)]


def stitch_group(group: Sequence[PageTable], pitches: dict[float, float],
                 settings: PdfTableSettings = DEFAULT_SETTINGS) -> Table:
    """The page tables of one logical table -> one model Table.

    On each continuation page the rows repeating the table's first rows (the repeated header)
    are dropped, and a first row that continues the previous page's last row (empty STT cell, or
    all cells starting in lower case) is merged into it. Vertically merged cells (a cell spanning
    grid rows, also across the page break) are copied into each row they span (`merged=True`
    after the first, `row_span` on the first)."""
    return _stitch_group(group, pitches, settings)


def _stitch_group(group: Sequence[PageTable], pitches: dict[float, float], settings: PdfTableSettings) -> Table:
    rows = _lcells(group[0], settings)
    n_header = 0
    for pt in group[1:]:
        new_rows = _lcells(pt, settings)
        # repeated header rows
        k = 0
        while k < len(new_rows) and k < len(rows) and _row_key(new_rows[k]) == _row_key(rows[k]) \
                and any(_row_key(new_rows[k])):
            k += 1
        if k:
            n_header = max(n_header, k)
            for r in rows[:k]:
                r.is_header = True
        new_rows = new_rows[k:]
        if not new_rows:
            continue
        prev = rows[-1] if rows else None
        first = new_rows[0]
        if prev is not None and (not pt.ruled or _is_continuation(first, prev, settings)):
            replace: dict[int, _LCell] = {}
            for c, src in enumerate(first.slots):
                dst = prev.slots[c]
                if id(src) in replace:
                    continue
                replace[id(src)] = dst
                if src.lines:
                    src_lines = list(src.lines)
                    src_lines[0] = _with_page_break(src_lines[0], force=not pt.ruled)
                    dst.lines.extend(src_lines)
                    dst.bold += src.bold
                    dst.chars += src.chars
            prev.page_end = first.page
            for r in new_rows[1:]:
                r.slots = [replace.get(id(lc), lc) for lc in r.slots]
            new_rows = new_rows[1:]
        elif prev is not None and settings.merge_empty_across_page:
            # an empty cell opening the page below a vertically merged cell continues the merge;
            # so do the empty cells of a sub-row whose STT cell is empty (STT and content merged
            # over several rows, the page break falling between two of them)
            lead = 0  # the leading run of empty cells (STT, content) of a sub-row
            while lead < len(first.slots) and not first.slots[lead].lines:
                lead += 1
            replace = {}
            for c, src in enumerate(first.slots):
                dst = prev.slots[c]
                in_group = sum(1 for rr in rows if dst in rr.slots) > 1
                if not src.lines and dst.lines and (in_group or c < lead) and id(src) not in replace \
                        and first.slots.count(src) == 1:
                    replace[id(src)] = dst
            if replace:
                for r in new_rows:
                    r.slots = [replace.get(id(lc), lc) for lc in r.slots]
        rows.extend(new_rows)
    if n_header == 0 and rows:
        # a table on one page: its first row is a header when (nearly) all bold
        first = rows[0]
        distinct = list(dict.fromkeys(first.slots))
        nonempty = [lc for lc in distinct if lc.lines]
        chars = sum(lc.chars for lc in nonempty)
        if len(nonempty) >= 2 and chars and sum(lc.bold for lc in nonempty) >= settings.header_bold_share * chars \
                and len(rows) > 1:
            first.is_header = True
    return _to_model(rows, group, pitches, settings)


def _with_page_break(ln: VisualLine, force: bool = False) -> VisualLine:
    return VisualLine(words=ln.words, page=ln.page, box=ln.box, page_break_before=True, force_break=force)


def _to_model(rows: list[_LRow], group: Sequence[PageTable], pitches: dict[float, float],
              settings: PdfTableSettings) -> Table:
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
                texts[id(lc)] = logical_lines(lc.lines, pitches, settings, block=not group[0].ruled)
            lines = list(texts[id(lc)])
            if id(lc) in first_seen:
                cell = Cell(lines=lines, col_span=span, merged=True, bbox=lc.bbox)
            else:
                first_seen.add(id(lc))
                cell = Cell(lines=lines, col_span=span, row_span=span_count[id(lc)], bbox=lc.bbox)
            cells.append(cell)
            c += span
        out_rows.append(Row(cells=cells, page=r.page, page_end=r.page_end, is_header=r.is_header))
    # header rows repeated later on in the body (by hand) are kept: only page repeats are dropped
    return Table(rows=out_rows, n_cols=n_cols, page_start=group[0].page, page_end=group[-1].page)
