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
  a block around one middle reaching further above it than below holds the rest of a row broken
  by the page break above its last cell, which begins as far above the middle as it ends below;
- each label (a block of the first column) starts a row; a block whose middle lies within
  `aligned_centre_tolerance_ratio` x size of a label's middle belongs to that label's row;
- the table is centred when more labels share their middle with a block of several lines beside
  them than their top (`centred_rows` returns None otherwise);
- the blocks above the first row that share no label's middle are the rest of a row broken by
  the page break (each part of a broken row is set on its own page), one row without a label;
- any other block (a cell of several paragraphs; the part of a broken row left at the page's
  foot, set from the top) belongs to the row it overlaps most, else to the nearest;
- a row ends and the next starts halfway between their texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from extractors.pdf.layout import VisualLine, Word, group_lines
from extractors.pdf.settings import PdfTableSettings
from extractors.pdf.tables import locate
from extractors.pdf.text import normal_pitches


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


def centred_rows(body: list[VisualLine], bounds: list[float], settings: PdfTableSettings) -> list[int] | None:
    """Row starts (indices into `body`, top to bottom) of a table whose cells are vertically
    centred (see the module notes); None when the cells are not centred, or its rows cannot be
    told apart that way (fewer than two labels, rows whose texts overlap)."""
    blocks = _blocks(body, bounds, settings)
    labels = sorted((b for b in blocks if b.col == 0), key=lambda b: b.top)
    if len(labels) < 2:
        return None
    mids = _row_middles(blocks, labels, settings)
    blocks = [part for b in blocks for part in _cut(b, mids, settings.aligned_centre_tolerance_ratio * b.size)]
    if not _centred(blocks, labels, settings):
        return None
    rows: list[list[_Block]] = [[lab] for lab in labels]
    loose: list[_Block] = []
    for b in (b for b in blocks if b.col != 0):
        k = min(range(len(labels)), key=lambda k: abs(labels[k].mid - b.mid))
        if abs(labels[k].mid - b.mid) <= settings.aligned_centre_tolerance_ratio * b.size:
            rows[k].append(b)
        else:
            loose.append(b)
    first_top = min(b.top for b in rows[0])
    carried = [b for b in loose if b.bottom < first_top]
    for b in (b for b in loose if b.bottom >= first_top):
        spans = [(min(x.top for x in r), max(x.bottom for x in r)) for r in rows]
        overlap = [min(b.bottom, hi) - max(b.top, lo) for lo, hi in spans]
        k = max(range(len(rows)), key=lambda k: overlap[k])
        if overlap[k] <= 0:
            k = min(range(len(rows)), key=lambda k: abs(labels[k].mid - b.mid))
        rows[k].append(b)
    groups = ([carried] if carried else []) + rows
    spans = [(min(x.top for x in g), max(x.bottom for x in g)) for g in groups]
    out = [0]
    for (_, above), (below, _) in zip(spans, spans[1:]):
        if below < above:
            return None  # the rows' texts overlap
        cut = (above + below) / 2
        out.append(next((j for j, ln in enumerate(body) if (ln.top + ln.bottom) / 2 > cut), len(body)))
    if out != sorted(set(out)) or out[-1] >= len(body):
        return None
    return out


def _centred(blocks: list[_Block], labels: list[_Block], settings: PdfTableSettings) -> bool:
    """Do more labels share their middle with a block of several lines beside them than their top?
    The last label does not vote: the part of a row broken by the page break that stays at the
    page's foot is set from the top, centred or not."""
    tall = [b for b in blocks if b.col != 0 and len(b.lines) >= 2]
    middles = tops = 0
    for lab in labels[:-1]:
        tol = settings.aligned_centre_tolerance_ratio * lab.size
        beside = [b for b in tall if b.top <= lab.mid <= b.bottom]
        if any(abs(b.mid - lab.mid) <= tol for b in beside):
            middles += 1
        elif any(abs(b.top - lab.top) <= tol for b in beside):
            tops += 1
    return middles > tops


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


def _cut(block: _Block, mids: list[float], tol: float) -> list[_Block]:
    """The block cut into the cells of the rows it runs through (see the module notes)."""
    out: list[_Block] = []
    while len(block.lines) > 1:
        inside = [m for m in mids if block.top < m < block.bottom]
        if len(inside) >= 2:  # its first cell ends as far below the first middle as it began above
            j = _gap_near(block.lines, 2 * inside[0] - block.top)
        elif inside and 2 * inside[0] - block.bottom - block.top > tol:
            # its last cell begins as far above the middle as it ends below: what is above that
            # is the rest of a row broken by the page break
            j = _gap_near(block.lines, 2 * inside[0] - block.bottom)
        else:
            break
        out.append(_Block(block.col, block.lines[:j]))
        block = _Block(block.col, block.lines[j:])
    return out + [block]


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
            if j == len(lines) or _pitch_breaks(lines[j - 1], lines[j], pitches, settings):
                out.append(_Block(c, lines[start:j]))
                start = j
    return out


def _pitch_breaks(prev: VisualLine, nxt: VisualLine, pitches: dict[float, float], settings: PdfTableSettings) -> bool:
    """A gap between two lines of a column wider than the line pitch (text of another cell, or
    another paragraph): the geometric half of `is_hard_break`."""
    size = prev.size
    if nxt.top - prev.bottom > settings.blank_line_ratio * size:
        return True
    normal = pitches.get(round(size))
    return bool(normal) and nxt.top - prev.top > normal + max(settings.para_gap_min, settings.para_gap_ratio * size)
