"""Vertically merged cells of a task table drawn without vertical rulings (see
`extractors.pdf.aligned`): a rule between two rows that leaves a column out, or text that runs on
from one row into the next."""

from __future__ import annotations

from typing import Sequence

from extractors.pdf.layout import VisualLine, group_lines
from extractors.pdf.rulings import GridCell, Ruling, coverage
from extractors.pdf.settings import PdfTableSettings
from extractors.pdf.tables import PageTable
from extractors.pdf.text import is_hard_break, normal_pitches


def merge_down(
    table: PageTable,
    groups: list[list[VisualLine]],
    rules: Sequence[Ruling],
    settings: PdfTableSettings,
    body_from: int,
    runs_on: bool = True,
) -> None:
    """Join the cells of neighbouring body rows that form one vertically merged cell (see the
    module notes); sets `table.row_rules`. `runs_on`: may text running on into the next row show
    a merge (not in a table whose cells are centred: there every cell may start above its row's
    label)."""
    xs = table.xs
    lo, hi = xs[0], xs[-1]
    own = [r for r in rules if r.horizontal and r.end > lo and r.start < hi]
    at: list[list[Ruling]] = []  # the rules between body row r and r + 1
    for r in range(len(groups) - 1):
        above, below = groups[r], groups[r + 1]
        size = max(ln.size for ln in below)
        y0 = max(ln.bottom for ln in above) - settings.aligned_rule_tolerance_ratio * size
        y1 = min(ln.top for ln in below) + settings.aligned_rule_tolerance_ratio * size
        at.append([ru for ru in own if y0 <= ru.pos <= y1])
    reach = settings.aligned_rule_tolerance_ratio * max(ln.size for ln in groups[0])
    inside = [ru for ru in own if table.ys[0] - reach <= ru.pos <= table.ys[-1] + reach]
    table.row_rules = bool(inside)
    # the rules span the whole table: a last column left empty on this page still lies under them
    edges = list(xs[:-1]) + [max([xs[-1]] + [ru.end for ru in inside])]
    pitches = normal_pitches([cell.lines for cell in table.cells()])
    for r in range(body_from, len(groups) - 1):
        for c in range(1, table.n_cols):  # the STT column starts every row
            up, down = table.slots[r][c], table.slots[r + 1][c]
            if up is down or up.c1 - up.c0 != 1 or down.c1 - down.c0 != 1:
                continue
            if at[r]:
                pad = settings.borderless_pad
                if coverage(at[r], edges[c] + pad, edges[c + 1] - pad) >= settings.border_coverage:
                    continue
            elif not runs_on or not _runs_on(up, down, groups[r], groups[r + 1], pitches, settings):
                continue
            join_cells(table, up, down, settings)


def _runs_on(
    up: GridCell,
    down: GridCell,
    above: list[VisualLine],
    below: list[VisualLine],
    pitches: dict[float, float],
    settings: PdfTableSettings,
) -> bool:
    """Does the text of `up` run on into `down` (one cell whose text outgrew its first row)?"""
    if not up.lines or not down.lines:
        return False
    last, first = up.lines[-1], down.lines[0]
    tol = settings.aligned_rule_tolerance_ratio * first.size
    if last.bottom < max(ln.bottom for ln in above) - tol or first.top > min(ln.top for ln in below) + tol:
        return False  # it stopped short of the row's end, or the next row's cell starts lower down
    return not is_hard_break(last, first, pitches, settings)


def join_cells(table: PageTable, up: GridCell, down: GridCell, settings: PdfTableSettings) -> None:
    cell = GridCell(
        up.r0, up.c0, down.r1, up.c1, (up.bbox[0], up.bbox[1], up.bbox[2], down.bbox[3]), words=up.words + down.words
    )
    cell.lines = group_lines(cell.words, settings, page=table.page)
    box = (up.lines or down.lines)[0].box if (up.lines or down.lines) else None
    for ln in cell.lines:
        ln.box = box
    for row in table.slots[cell.r0 : cell.r1]:
        row[cell.c0] = cell
