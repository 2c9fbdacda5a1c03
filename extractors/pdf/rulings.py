"""Ruling lines and the grids of ruled tables.

rulings_from_objects(lines, rects)    line/rect dicts -> snapped, joined Ruling segments
find_grids(rulings)                   Ruling -> Grid (column x's, row y's of one ruled table)
grid_cells(grid)                      Grid -> slot matrix of GridCell (one cell over several slots
                                      where the ruling between them is missing: merged cells)
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from extractors.pdf.layout import VisualLine, Word
from extractors.pdf.settings import DEFAULT_SETTINGS, PdfTableSettings


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


def rulings_from_objects(
    lines: Iterable[dict], rects: Iterable[dict], settings: PdfTableSettings = DEFAULT_SETTINGS
) -> list[Ruling]:
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
            if (filled and not _is_white(r.get("non_stroking_color"))) or (
                stroked and not _is_white(r.get("stroking_color"))
            ):
                if h <= thick and w > h:
                    raw.append(Ruling(True, (top + bottom) / 2, x0, x1))
                elif w <= thick:
                    raw.append(Ruling(False, (x0 + x1) / 2, top, bottom))
        elif stroked and not _is_white(r.get("stroking_color")):
            raw += [
                Ruling(True, top, x0, x1),
                Ruling(True, bottom, x0, x1),
                Ruling(False, x0, top, bottom),
                Ruling(False, x1, top, bottom),
            ]
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


def _cluster_positions(values: Iterable[float], tol: float) -> list[float]:
    vals = sorted(values)
    out: list[list[float]] = []
    for v in vals:
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


class _DisjointSets:
    """Union-find over 0..n-1 (path halving); a union keeps the smaller index as the root."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def find_grids(rulings: Sequence[Ruling], settings: PdfTableSettings = DEFAULT_SETTINGS) -> list[Grid]:
    """Connected groups of crossing rulings -> grids (only groups with >= 2 rulings each way)."""
    hs = [r for r in rulings if r.horizontal]
    vs = [r for r in rulings if not r.horizontal]
    sets = _DisjointSets(len(hs) + len(vs))
    tol = settings.intersection_tolerance
    order = sorted(range(len(vs)), key=lambda j: vs[j].pos)
    v_pos = [vs[j].pos for j in order]
    for i, h in enumerate(hs):
        # the verticals within the horizontal's x-range, then those crossing its y
        for k in range(bisect.bisect_left(v_pos, h.start - tol), bisect.bisect_right(v_pos, h.end + tol)):
            j = order[k]
            v = vs[j]
            if v.start - tol <= h.pos <= v.end + tol:
                sets.union(i, len(hs) + j)
    groups: dict[int, list[Ruling]] = {}
    for i, r in enumerate(hs + vs):
        groups.setdefault(sets.find(i), []).append(r)
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
        if not settings.min_grid_slots <= (len(xs) - 1) * (len(ys2) - 1) <= settings.max_grid_slots:
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


def rule_between(rules: Sequence[Ruling], y0: float, y1: float, x0: float, x1: float) -> bool:
    """Does a horizontal ruling stand between y0 and y1 somewhere over x0..x1?"""
    return any(r.horizontal and y0 <= r.pos <= y1 and r.start < x1 and r.end > x0 for r in rules)


def coverage(rulings: Sequence[Ruling], a: float, b: float) -> float:
    """Fraction of [a, b] covered by the rulings (all standing at the same position)."""
    if b <= a:
        return 1.0
    spans = sorted((max(a, r.start), min(b, r.end)) for r in rulings if r.end > a and r.start < b)
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
    tol = settings.snap_tolerance
    # the rulings standing at each column boundary / row boundary
    at_x: list[list[Ruling]] = [[] for _ in xs]
    at_y: list[list[Ruling]] = [[] for _ in ys]
    for r in grid.rulings:
        bounds, at = (ys, at_y) if r.horizontal else (xs, at_x)
        k = bisect.bisect_left(bounds, r.pos)
        i = min((j for j in (k - 1, k) if 0 <= j < len(bounds)), key=lambda j: abs(bounds[j] - r.pos))
        if abs(bounds[i] - r.pos) <= tol:
            at[i].append(r)
    sets = _DisjointSets(R * C)
    for r in range(R):
        for c in range(C):
            if c + 1 < C and coverage(at_x[c + 1], ys[r], ys[r + 1]) < settings.border_coverage:
                sets.union(r * C + c, r * C + c + 1)
            if r + 1 < R and coverage(at_y[r + 1], xs[c], xs[c + 1]) < settings.border_coverage:
                sets.union(r * C + c, (r + 1) * C + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(R):
        for c in range(C):
            groups.setdefault(sets.find(r * C + c), []).append((r, c))
    slots: list[list[GridCell | None]] = [[None] * C for _ in range(R)]
    for members in groups.values():
        r0 = min(m[0] for m in members)
        r1 = max(m[0] for m in members) + 1
        c0 = min(m[1] for m in members)
        c1 = max(m[1] for m in members) + 1
        cell = GridCell(r0, c0, r1, c1, (xs[c0], ys[r0], xs[c1], ys[r1]))
        for r in range(r0, r1):  # an L-shaped union is treated as its bounding box
            for c in range(c0, c1):
                slots[r][c] = cell
    return slots  # type: ignore[return-value]
