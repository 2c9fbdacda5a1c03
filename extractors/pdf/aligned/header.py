"""The header of a task table drawn without vertical rulings (see `extractors.pdf.aligned`): which
lines it takes, and the x-ranges between its cells where the column gutters are sought."""

from __future__ import annotations

import re
from typing import Sequence

from extractors.pdf.layout import VisualLine
from extractors.pdf.rulings import Ruling, rule_between
from extractors.pdf.settings import PdfTableSettings

_STT_HEADER = re.compile(r"^(?:s[ốô]\s*|s)?t\s*t\b|^st$", re.IGNORECASE)  # STT, TT, Số TT
_NUMERAL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6})[.)]?$")  # not "T" of a wrapped "ST/T"


def ruled_band(lines: list[VisualLine], i: int, settings: PdfTableSettings, rules: Sequence[Ruling]) -> int | None:
    """A header between two rules whose cells all stand on different lines (each set vertically
    centred): bold lines from a rule to the next, together holding >= `aligned_min_cols` cells."""
    tol = settings.aligned_rule_tolerance_ratio * lines[i].size
    if (
        not rules
        or not is_bold(lines[i], settings)
        or not rule_between(
            rules, lines[i - 1].bottom - tol if i else 0.0, lines[i].top + tol, lines[i].x0, lines[i].x1
        )
    ):
        return None
    n = 1
    while i + n < len(lines) and n < settings.aligned_max_ruled_header_lines:
        ln, above = lines[i + n], lines[i + n - 1]
        if rule_between(rules, above.bottom - tol, ln.top + tol, ln.x0, ln.x1):
            cells = header_cells([segments(x, settings.aligned_header_gap_ratio) for x in lines[i : i + n]])
            return n if len(cells) >= settings.aligned_min_cols else None
        if not is_bold(ln, settings):
            return None
        n += 1
    return None


def stacked_band(lines: list[VisualLine], i: int, settings: PdfTableSettings) -> int | None:
    """A header without rules whose cells, set vertically centred, stand at different heights so
    that no line holds `aligned_min_cols` of them ("Thời" over "Trách nhiệm | gian" over "TT |
    Nội dung" …): bold lines from line i on, each closer than `aligned_header_gap_lines` x size
    to the one above, that together hold >= `aligned_min_cols` cells, one of them the STT
    column's (a stack of bold headings runs across one x-range)."""
    n = 0
    while i + n < len(lines) and n < settings.aligned_max_ruled_header_lines:
        ln = lines[i + n]
        if not is_bold(ln, settings) or (n and _NUMERAL.match(ln.words[0].text)):
            break  # the first body row (a bold section row opens with its numeral)
        if n and ln.top - lines[i + n - 1].bottom > settings.aligned_header_gap_lines * ln.size:
            break
        n += 1
    band = lines[i : i + n]
    per_line = [segments(ln, settings.aligned_header_gap_ratio) for ln in band]
    if n < 2 or any(len(segs) >= settings.aligned_min_cols for segs in per_line):
        return None  # one line holds the cells: `header_band` reads it from there
    stt = any(_STT_HEADER.match(" ".join(w.text for w in ln.words[k:])) for ln in band for k in range(len(ln.words)))
    return n if stt and len(header_cells(per_line)) >= settings.aligned_min_cols else None


def header_top(lines: list[VisualLine], i: int, used: list[bool], settings: PdfTableSettings) -> int:
    """The first line of a header whose seed line is line i: header cells set vertically centred
    start above the line where most cells are ("Theo" over "dõi, kiểm tra" over …): bold lines
    right above it, each inside one of the seed's cells, belong to the header."""
    seed = lines[i]
    if not is_bold(seed, settings):
        return i
    segs = segments(seed, settings.aligned_header_gap_ratio)
    start = i
    while start > 0 and i - start < settings.aligned_max_header_lines - 1 and not used[start - 1]:
        ln = lines[start - 1]
        if lines[start].top - ln.bottom > settings.aligned_header_gap_lines * ln.size or not is_bold(ln, settings):
            break
        if not all(_in_one_cell(b0, b1, segs, ln.size) for b0, b1 in segments(ln, settings.aligned_header_gap_ratio)):
            break  # a title running across the header's cells
        start -= 1
    return start


def _in_one_cell(b0: float, b1: float, cells: list[tuple[float, float]], pad: float) -> bool:
    """Does the x-range b0..b1 stand over one cell only: inside it (give or take `pad`), or
    centred over it and clear of the cells either side (a centred header cell wider than the
    one under it)? A range over no cell stands apart, too."""
    hits = [j for j, (a, c) in enumerate(cells) if b0 < c and a < b1]
    if len(hits) != 1:
        return not hits
    j = hits[0]
    a, c = cells[j]
    if a - pad <= b0 and b1 <= c + pad:
        return True
    clear = (j == 0 or b0 > cells[j - 1][1]) and (j == len(cells) - 1 or b1 < cells[j + 1][0])
    return clear and abs((b0 + b1) / 2 - (a + c) / 2) <= pad


def segments(line: VisualLine, gap_ratio: float) -> list[tuple[float, float]]:
    """The line's x-ranges cut at gaps wider than gap_ratio x font size."""
    out = [[line.words[0].x0, line.words[0].x1]]
    for prev, w in zip(line.words, line.words[1:]):
        if w.x0 - prev.x1 > gap_ratio * max(w.size, prev.size):
            out.append([w.x0, w.x1])
        else:
            out[-1][1] = max(out[-1][1], w.x1)
    return [(a, b) for a, b in out]


def is_bold(line: VisualLine, settings: PdfTableSettings) -> bool:
    return line.n_chars > 0 and line.n_bold >= settings.header_bold_share * line.n_chars


def header_band(
    lines: list[VisualLine], i: int, settings: PdfTableSettings, rules: Sequence[Ruling] = (), limit: int | None = None
) -> int | None:
    """Number of lines of the header starting at line i (None: no header there); a rule under
    the header ends it (a table with horizontal rules)."""
    seed = lines[i]
    segs = segments(seed, settings.aligned_header_gap_ratio)
    if len(segs) < settings.aligned_min_cols:
        return ruled_band(lines, i, settings, rules) or stacked_band(lines, i, settings)
    bold = is_bold(seed, settings)
    if not bold and not _STT_HEADER.match(seed.words[0].text):
        return None
    n = 1
    reach = seed.top + settings.aligned_max_ruled_header_lines * settings.aligned_max_gap_ratio * seed.size
    ruled = rule_between(rules, seed.bottom, reach, seed.x0, seed.x1)
    limit = limit or (settings.aligned_max_ruled_header_lines if ruled else settings.aligned_max_header_lines)
    while i + n < len(lines) and n < limit:
        ln, above = lines[i + n], lines[i + n - 1]
        if ln.top - above.bottom > settings.aligned_header_gap_lines * ln.size:
            break
        if bold and not is_bold(ln, settings) or _NUMERAL.match(ln.words[0].text):
            break  # the first body row (a bold section row opens with its numeral)
        if rule_between(
            rules, above.bottom - 1.0, ln.top + settings.aligned_rule_tolerance_ratio * ln.size, ln.x0, ln.x1
        ):
            break
        n += 1
    return n


def column_gaps(header: Sequence[VisualLine], settings: PdfTableSettings) -> list[tuple[float, float]]:
    """Candidate gutter ranges: x-ranges between header cells, covered by no header line (a
    spanning parent cell of a two-row header does not hide the gaps of the row under it)."""
    per_line = [segments(ln, settings.aligned_header_gap_ratio) for ln in header]
    best = max(per_line, key=len)
    cells = header_cells(per_line)
    if len(cells) > len(best):  # no line holds every cell (cells set vertically centred)
        return [(a[1], b[0]) for a, b in zip(cells, cells[1:])]
    room = settings.aligned_header_gap_ratio * max(ln.size for ln in header)
    gaps = []
    for (a0, a1), (b0, b1) in zip(best, best[1:]):
        # the other header lines' cells inside the gap: one well clear of both sides is a column
        # of its own (a header cell set higher or lower, vertically centred); else it narrows the gap
        inner: list[list[float]] = []
        for s0, s1 in sorted(x for segs in per_line for x in segs if x[0] >= a1 - 0.5 and x[1] <= b0 + 0.5):
            if inner and s0 <= inner[-1][1]:
                inner[-1][1] = max(inner[-1][1], s1)
            else:
                inner.append([s0, s1])
        lo, hi = a1, b0
        for s0, s1 in (x for segs in per_line for x in segs):  # cells of other lines reaching in
            if s0 <= lo < s1 < hi:
                lo = s1
            elif lo < s0 < hi <= s1:
                hi = s0
        for s0, s1 in inner:
            if s0 - lo >= room and hi - s1 >= room:
                gaps.append((lo, s0))
                lo = s1
            elif (s0 + s1) / 2 < (lo + hi) / 2:
                lo = max(lo, s1)
            else:
                hi = min(hi, s0)
        if hi > lo:
            gaps.append((lo, hi))
    return gaps


def header_cells(per_line: list[list[tuple[float, float]]]) -> list[list[float]]:
    """The header cells' x-ranges over all its lines: overlapping segments merged, a parent cell
    over two cells of another line ("Đơn vị thực hiện" over "Chủ trì | Phối hợp") left out."""

    def parent(seg: tuple[float, float]) -> bool:
        return any(sum(1 for s0, s1 in segs if s0 < seg[1] and seg[0] < s1) >= 2 for segs in per_line)

    out: list[list[float]] = []
    for s0, s1 in sorted(x for segs in per_line for x in segs if not parent(x)):
        if out and s0 <= out[-1][1]:
            out[-1][1] = max(out[-1][1], s1)
        else:
            out.append([s0, s1])
    return out
