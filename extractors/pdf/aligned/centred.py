"""Rows of a task table drawn without rules whose cells are set vertically centred (see
`extractors.pdf.aligned`).

Centred, every cell's text stands in the middle of its row: the STT label halfway down, the task
text reaching as far above it as below, a short owner cell in the middle. So the row a piece of
text belongs to is the one whose label shares its middle:
- in each column, the text lines split into blocks where the line pitch breaks (the cell padding
  sets cells of different rows apart; a block is a cell, or one paragraph of it). Cells without
  padding may touch: a block reaching past two rows' middles (a label's, or the one most blocks
  above the first label share: the rest of a row broken by the page break) holds the cells of
  several rows, and its first cell, centred on the first of those middles, ends as far below it
  as it began above it: it is cut there (at the nearest gap between lines), and the rest in turn;
  a block from above the first label around one middle, reaching further above it than below,
  holds the rest of a row broken by the page break above its last cell, which begins as far
  above the middle as it ends below;
- each label (a block of the first column) starts a row; a block whose middle lies within
  `aligned_centre_tolerance_ratio` x size of a label's middle belongs to that label's row;
- the table is centred when more labels share their middle with a block of several lines beside
  them than their top, two labels at least or cells of two columns (`centred_rows` returns None
  otherwise);
- the blocks above the first row that share no label's middle are the rest of a row broken by
  the page break (each part of a broken row is set on its own page), one row without a label;
- a task whose STT and task cells are merged over several result rows (each with its own
  owner, timing …) has its label centred over them all: the blocks beside it that share no
  label's middle but share one among two columns or more, one such group above the label's
  middle and one below, are those rows (`CentredRows.merged` joins the task's cells over them);
- the part of a row broken by the page break left at the page's foot is set from the top: where
  cells of several lines start at the last label's top, the blocks running across it are cut
  there, and that label's middle cuts nothing (nor does the label vote). Such a task may have
  its STT and task cells merged over two result rows: the first, whole on the page, centred
  (cells of different heights share a middle under the label), the second set from the top
  from where the first ends (as far below that middle as the label's top lies above);
- any other block (a cell of several paragraphs; the cells of a row at the page's foot) belongs
  to the row it overlaps most, else to the nearest;
- a row ends and the next starts halfway between their texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from extractors.pdf.layout import VisualLine, Word, group_lines
from extractors.pdf.settings import PdfTableSettings
from extractors.pdf.tables import locate
from extractors.pdf.text import normal_pitches, pitch_breaks


@dataclass
class _Block:
    col: int
    lines: list[VisualLine]

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return max(ln.bottom for ln in self.lines)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def size(self) -> float:
        return self.lines[0].size


@dataclass
class CentredRows:
    starts: list[int]  # row starts, indices into the body lines, top to bottom
    merged: list[tuple[int, int]]  # (row, column): the cell runs on into the next row's (one task's
    # STT and task cells merged over the rows of its several results)


def centred_rows(body: list[VisualLine], bounds: list[float], settings: PdfTableSettings) -> CentredRows | None:
    """The rows of a table whose cells are vertically centred (see the module notes); None when
    the cells are not centred, or its rows cannot be told apart that way (no label, rows whose
    texts overlap)."""
    blocks = _blocks(body, bounds, settings)
    labels = sorted((b for b in blocks if b.col == 0), key=lambda b: b.top)
    if not labels:
        return None
    mids = _row_middles(blocks, labels, settings)
    tol = settings.aligned_centre_tolerance_ratio * labels[0].size
    foot = _foot(blocks, labels[-1], tol)
    split = None  # where the second result row of a task at the page foot starts
    if foot is not None:  # the last row is set from its label's top: cut there, not around its middle
        blocks = [part for b in blocks for part in _cut_at(b, foot, tol)]
        mids = mids[:-1]
        split = _foot_split(blocks, foot, tol)
        if split is not None:
            blocks = [part for b in blocks for part in _cut_at(b, split[0], tol)]
    blocks = [part for b in blocks for part in _cut(b, mids, tol, labels[0].top)]
    if not _centred(blocks, labels[:-1] if foot is not None else labels[:-1] or labels, settings):
        return None
    rows: list[list[_Block]] = [[lab] for lab in labels]
    loose: list[_Block] = []
    for b in (b for b in blocks if b.col != 0):
        k = min(range(len(labels)), key=lambda k: abs(labels[k].mid - b.mid))
        if abs(labels[k].mid - b.mid) <= settings.aligned_centre_tolerance_ratio * b.size:
            rows[k].append(b)
        else:
            loose.append(b)
    # above the first row, the rest of a row broken by the page break; but not the cells of a
    # first result row that share their middle with cells reaching down into the first row
    first_top = min(b.top for b in rows[0])
    low = [b for b in loose if b.bottom >= first_top]
    carried = [
        b for b in loose if b.bottom < first_top and not any(x.col != b.col and abs(x.mid - b.mid) <= tol for x in low)
    ]
    units: list[list[_Block]] = [carried]
    spans = [(min(x.top for x in r), max(x.bottom for x in r)) for r in rows]
    beside: list[list[_Block]] = [[] for _ in rows]
    for b in (b for b in loose if not any(b is x for x in carried)):
        overlap = [min(b.bottom, hi) - max(b.top, lo) for lo, hi in spans]
        k = max(range(len(rows)), key=lambda k: overlap[k])
        if overlap[k] <= 0:
            k = min(range(len(rows)), key=lambda k: abs(labels[k].mid - b.mid))
        beside[k].append(b)
    merged_over: list[tuple[int, int, set[int]]] = []  # (first sub-row, their number, merged columns)
    for k, row in enumerate(rows):
        subs = _sub_rows(beside[k], labels[k], settings)
        cols = {b.col for b in row}
        if split is not None and k == len(rows) - 1:  # a task at the page foot over two result rows
            y, mid = split
            cells = row + beside[k]
            subs = [[b for b in cells if b.bottom <= y + tol], [b for b in cells if b.bottom > y + tol]]
            below = {b.col for b in subs[1]}
            cols |= {b.col for b in subs[0] if abs(b.top - foot) <= tol and abs(b.mid - mid) > tol} - below
        if subs is None:
            units.append(row + beside[k])
            continue
        merged_over.append((len(units), len(subs), cols))
        units += subs
    if not units[0]:
        units.pop(0)
        merged_over = [(u - 1, n, cols) for u, n, cols in merged_over]
    spans = [(min(x.top for x in u), max(x.bottom for x in u)) for u in units]
    starts = [0]
    for (_, above), (below, _) in zip(spans, spans[1:]):
        if below < above:
            return None  # the rows' texts overlap
        cut = (above + below) / 2
        starts.append(next((j for j, ln in enumerate(body) if (ln.top + ln.bottom) / 2 > cut), len(body)))
    if starts != sorted(set(starts)) or starts[-1] >= len(body):
        return None
    merged = [(u, c) for first, n, cols in merged_over for u in range(first, first + n - 1) for c in sorted(cols)]
    return CentredRows(starts, merged)


def _sub_rows(blocks: list[_Block], label: _Block, settings: PdfTableSettings) -> list[list[_Block]] | None:
    """The rows of one task whose STT and task cells are merged over several results (each result
    row's cells centred on a middle of their own): among the blocks beside the task's label that
    share no label's middle, the groups of two columns or more that share a middle, one at least
    above the label's middle and one below; each other block joins the group it overlaps most
    (else the nearest). None when there are no such groups."""
    tol = settings.aligned_centre_tolerance_ratio * label.size
    groups: list[list[_Block]] = []
    for b in sorted(blocks, key=lambda b: b.mid):
        if groups and abs(b.mid - groups[-1][0].mid) <= tol:
            groups[-1].append(b)
        else:
            groups.append([b])
    shared = [g for g in groups if len({b.col for b in g}) >= 2]
    if len(shared) < 2 or not shared[0][0].mid < label.mid < shared[-1][0].mid:
        return None
    subs = [list(g) for g in shared]
    for b in (b for g in groups if len({x.col for x in g}) < 2 for b in g):
        overlap = [min(b.bottom, max(x.bottom for x in sub)) - max(b.top, min(x.top for x in sub)) for sub in subs]
        i = max(range(len(subs)), key=lambda i: overlap[i])
        if overlap[i] <= 0:
            i = min(range(len(subs)), key=lambda i: abs(subs[i][0].mid - b.mid))
        subs[i].append(b)
    return subs


def _centred(blocks: list[_Block], voters: list[_Block], settings: PdfTableSettings) -> bool:
    """Do more labels (`voters`) share their middle with a block of several lines beside them than
    their top? The last label does not vote unless it is the only one (the part of a row broken
    by the page break that stays at the page's foot is set from the top, centred or not), nor a
    label found at the foot. One vote is enough only when cells of several lines in two columns
    share a middle, the label's or one of their own heights apart (one such cell may share the
    label's by chance: set from the top, under the rest of the row above); with no vote, that
    decides alone."""
    tall = [b for b in blocks if b.col != 0 and len(b.lines) >= 2]
    middles = tops = 0
    shared = 0  # the most columns sharing one label's middle
    for lab in voters:
        tol = settings.aligned_centre_tolerance_ratio * lab.size
        beside = [b for b in tall if b.top <= lab.mid <= b.bottom]
        cols = {b.col for b in beside if abs(b.mid - lab.mid) <= tol}
        if cols:
            middles += 1
            shared = max(shared, len(cols))
        elif any(abs(b.top - lab.top) <= tol for b in beside):
            tops += 1
    for b in tall:  # cells of different heights centred on one middle, with or without a label
        near = settings.aligned_centre_tolerance_ratio * b.size
        same = {x.col for x in tall if len(x.lines) != len(b.lines) and abs(x.mid - b.mid) <= near}
        shared = max(shared, len(same - {b.col}) + 1)
    if not voters:
        return shared >= 2
    return middles > tops and (middles >= 2 or shared >= 2)


def _row_middles(blocks: list[_Block], labels: list[_Block], settings: PdfTableSettings) -> list[float]:
    """The labels' middles, and above them that of the rest of a row broken by the page break:
    the middle most of the blocks above the first label share."""
    mids = [lab.mid for lab in labels]
    tol = settings.aligned_centre_tolerance_ratio * labels[0].size
    above = [b.mid for b in blocks if b.col != 0 and b.bottom < labels[0].top]
    above = [m for m in above if not any(abs(m - x) <= tol for x in mids)]
    if not above:
        return mids
    return [max(above, key=lambda m: sum(abs(m - x) <= tol for x in above)), *mids]


def _cut(block: _Block, mids: list[float], tol: float, opening: float) -> list[_Block]:
    """The block cut into the cells of the rows it runs through (see the module notes);
    `opening`: the top of the first label."""
    out: list[_Block] = []
    while len(block.lines) > 1:
        inside = [m for m in mids if block.top < m < block.bottom]
        if len(inside) >= 2:  # its first cell ends as far below the first middle as it began above
            j = _gap_near(block.lines, 2 * inside[0] - block.top)
        elif inside and block.top < opening and 2 * inside[0] - block.bottom - block.top > tol:
            # starting above the first label, its last cell begins as far above the middle as it
            # ends below: what is above that is the rest of a row broken by the page break
            j = _gap_near(block.lines, 2 * inside[0] - block.bottom)
        else:
            break
        out.append(_Block(block.col, block.lines[:j]))
        block = _Block(block.col, block.lines[j:])
    return out + [block]


def _foot(blocks: list[_Block], last: _Block, tol: float) -> float | None:
    """The top of the last row when it is the part of a row broken by the page break left at the
    page's foot, set from the top whatever the cells' alignment: cells of several lines in other
    columns start where its label starts (centred, they would reach above it)."""
    tall = {b.col for b in blocks if b.col != 0 and len(b.lines) >= 2 and abs(b.top - last.top) <= tol}
    return last.top if tall else None


def _foot_split(blocks: list[_Block], foot: float, tol: float) -> tuple[float, float] | None:
    """A task at the page foot whose STT and task cells are merged over two result rows: the
    first result row, whole on this page, is centred (cells of different heights under the
    foot's top share a middle), the second, broken by the page break, set from the top below it.
    Returns where the second starts (the first ends as far below the middle as the foot's top
    lies above it) and the first's middle; None without such a row."""
    under = [b for b in blocks if b.col != 0 and b.top >= foot - tol]
    for b in sorted(under, key=lambda b: b.mid):
        same = [x for x in under if x.col != b.col and len(x.lines) != len(b.lines) and abs(x.mid - b.mid) <= tol]
        if same and b.mid > foot + tol:
            end = 2 * b.mid - foot
            if any(x.top >= end - tol for x in under):
                return end, b.mid
            return None
    return None


def _cut_at(block: _Block, y: float, tol: float) -> list[_Block]:
    """The block cut at the gap between its lines nearest to y, when it runs across y."""
    if len(block.lines) < 2 or not block.top < y - tol < y + tol < block.bottom:
        return [block]
    j = _gap_near(block.lines, y)
    return [_Block(block.col, block.lines[:j]), _Block(block.col, block.lines[j:])]


def _gap_near(lines: list[VisualLine], y: float) -> int:
    """The index of the line under the gap between lines nearest to y."""
    return min(range(1, len(lines)), key=lambda j: abs((lines[j - 1].bottom + lines[j].top) / 2 - y))


def _blocks(body: Sequence[VisualLine], bounds: list[float], settings: PdfTableSettings) -> list[_Block]:
    """Each column's text lines, split into blocks where the line pitch breaks."""
    xs = [float("-inf"), *bounds, float("inf")]
    per_col: list[list[Word]] = [[] for _ in range(len(bounds) + 1)]
    for ln in body:
        for w in ln.words:
            per_col[locate(xs, w.xmid)].append(w)
    columns = [group_lines(words, settings, page=body[0].page) for words in per_col]
    pitches = normal_pitches(columns)
    out: list[_Block] = []
    for c, lines in enumerate(columns):
        start = 0
        for j in range(1, len(lines) + 1):
            if j == len(lines) or pitch_breaks(lines[j - 1], lines[j], pitches, settings):
                out.append(_Block(c, lines[start:j]))
                start = j
    return out
