"""Task tables drawn without vertical rulings (hidden borders, or horizontal rules only): columns
from how the text aligns under a header line, rows from the STT (first) column.

A Word table whose borders are hidden still sets its text in columns: the header cells ("STT |
Nội dung | Đơn vị thực hiện | Thời gian") sit side by side on one line, and every body line keeps
its words inside the same column bands. So:
- a header is a bold line (or one opening with "STT"/"TT") cut into >= `aligned_min_cols`
  segments at gaps of >= `aligned_header_gap_ratio` x font size, with the bold lines wrapped
  under it and those right above it over its cells (cells set vertically centred); in a table
  with horizontal rules, the bold lines from a rule to the next whose cells, over all lines,
  number >= `aligned_min_cols` (each cell on a line of its own); without rules, a stack of
  close bold lines holding that many cells, the STT one among them — `aligned.header`;
- between two neighbouring header cells lies one gutter: the x-range there that the fewest body
  lines cover with a word (a section title may run across it);
- the table goes on down while lines stay inside the columns, or are section rows (a label in the
  first column and the title across the others), and ends at a large vertical gap, a paragraph
  running across the columns (a word over a gutter, or only a word space there: a justified
  line), or the page end (the stitcher joins the next page's part); section lines right above
  such a paragraph, with no row under them, are the paragraph's heading, not the table's;
- a new row starts at every line with text in the first (STT) column, and at each section row;
  in a table with horizontal rules, under each rule instead (its cells may be centred, the STT
  label halfway down the row); without rules, cells set vertically centred are sorted into rows
  by the label whose middle they share (`aligned.centred`); under a header repeated overleaf
  one row will do (the rest of a row broken by the page break);
- a cell spans the rows below it (a vertically merged cell, which the stitcher copies into each
  row) where a horizontal rule separates the rows but leaves its column out (a table ruled with
  horizontal rules only: Word draws no rule through a merged cell), or, with no rule there, where
  its text runs on into the next row (it ends on the row's lowest line and the next row's line
  in its column continues it: same line pitch, a word that did not fit). Without rules, a merged
  cell whose text stays in its first row leaves only empty cells below: the table is marked
  (`row_rules=False`) so that the reader of its fields may decide — `aligned.merges`.
The result is a PageTable (`aligned=True`) that the stitcher treats like a ruled one, except that
its columns are matched across pages by their gutters.
"""

from __future__ import annotations

import re
from typing import Sequence

from extractors.pdf.layout import VisualLine, group_lines
from extractors.pdf.aligned.header import column_gaps, header_band, header_top, is_bold
from extractors.pdf.aligned.centred import centred_rows
from extractors.pdf.aligned.merges import join_cells, merge_down
from extractors.pdf.rulings import GridCell, Ruling, rule_between
from extractors.pdf.settings import DEFAULT_SETTINGS, PdfTableSettings
from extractors.pdf.tables import PageTable, locate

_ROW_LABEL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-Za-zĐđ])[.)]?$")
_PAGE_NUMBER = re.compile(r"^[-–—\s]*\d{1,4}[-–—\s]*$")


def aligned_tables(
    lines: Sequence[VisualLine],
    page: int,
    settings: PdfTableSettings = DEFAULT_SETTINGS,
    carry: PageTable | None = None,
    rules: Sequence[Ruling] = (),
) -> tuple[list[PageTable], list[VisualLine]]:
    """Header-anchored column-aligned tables among a page's free lines; returns the tables and
    the lines not used by them. `carry`: the previous page's aligned table when it ran to the
    page end: the lines opening this page that keep to its columns continue it (a table whose
    header is not repeated overleaf). `rules`: the page's horizontal rulings outside ruled grids
    (the row rules of a table drawn with horizontal rules only)."""
    lines = sorted(lines, key=lambda ln: ln.top)
    used = [False] * len(lines)
    tables: list[PageTable] = []
    i = 0
    if carry is not None:
        while i < len(lines) and _PAGE_NUMBER.match(lines[i].text):
            i += 1  # the page number above the continued table
    opening = i  # where a table continued from the last page may repeat its header
    if carry is not None:
        # a header repeated at the top, or (without rules) a centred one starting a line or two lower
        repeated = any(header_band(lines, j, settings) for j in range(i, min(i + (1 if rules else 3), len(lines))))
        if i < len(lines) and not repeated:  # no header repeated at the top (a centred one, too)
            found = _grow_table(lines, i, 0, page, settings, rules, carry_bounds=carry.xs[1:-1])
            if found is not None:
                table, end = found
                used[i:end] = [True] * (end - i)
                tables.append(table)
                i = end
    while i < len(lines):
        header = header_band(lines, i, settings, rules)
        if header is None:
            i += 1
            continue
        start = header_top(lines, i, used, settings)
        if start < i:  # a header set vertically centred: its lower lines run on as far as above
            header = header_band(lines, i, settings, rules, settings.aligned_max_ruled_header_lines) or header
        header += i - start
        # under its header repeated overleaf, a continued table may hold one row (the rest of a
        # row broken by the page break, or a row filling the page)
        overleaf = carry is not None and not tables and start <= opening + 2
        found = _grow_table(lines, start, header, page, settings, rules, min_rows=1 if overleaf else None)
        if found is None:
            i += 1
            continue
        table, end = found
        used[start:end] = [True] * (end - start)
        tables.append(table)
        i = end
    return tables, [ln for ln, u in zip(lines, used) if not u]


def _gutter(
    gap: tuple[float, float], body: Sequence[VisualLine], settings: PdfTableSettings
) -> tuple[float, int] | None:
    """The gutter inside the gap: among the x-runs that the fewest body lines cover with a word,
    the one whose right end the most words start at (body text is set flush left, so a column's
    left edge is a line of word starts), else the widest; returns its middle and that count."""
    lo, hi = gap
    step = settings.aligned_scan_step
    runs: list[list[float]] = []  # [count, start, end]
    x = lo
    while x <= hi:
        count = sum(1 for ln in body if any(w.x0 - 0.5 <= x <= w.x1 + 0.5 for w in ln.words))
        if runs and runs[-1][0] == count and runs[-1][2] >= x - step - 1e-6:
            runs[-1][2] = x
        else:
            runs.append([count, x, x])
        x += step
    if not runs:
        return None
    fewest = min(r[0] for r in runs)
    starts = [w.x0 for ln in body for w in ln.words]

    def edge(run: list[float]) -> int:
        return sum(1 for x0 in starts if abs(x0 - run[2]) <= step + 1.0)

    best = max((r for r in runs if r[0] == fewest), key=lambda r: (edge(r), r[2] - r[1]))
    return (best[1] + best[2]) / 2, int(fewest)


def _crosses(line: VisualLine, x: float) -> bool:
    return any(w.x0 < x < w.x1 for w in line.words)


def _gap_at(line: VisualLine, x: float) -> float | None:
    """The gap (x font size) between the line's words either side of x, None without words on both."""
    left = [w for w in line.words if w.x1 <= x]
    right = [w for w in line.words if w.x0 >= x]
    return (right[0].x0 - left[-1].x1) / max(line.size, 1.0) if left and right else None


def _runs_across(line: VisualLine, x: float, settings: PdfTableSettings) -> bool:
    """Does the line run across the column boundary x (a word crosses it, or only a word space
    lies there: a justified line's spaces may fall on the gutter)?"""
    gap = _gap_at(line, x)
    return _crosses(line, x) or (gap is not None and gap < settings.aligned_join_gap_ratio)


def _joined(group: Sequence[VisualLine], x: float, settings: PdfTableSettings) -> bool:
    """Does the row's text run on across the column boundary x (a merged cell: a word crosses it,
    or every line with words on both sides has only a word space there)?"""
    if any(_crosses(ln, x) for ln in group):
        return True
    gaps = [g for g in (_gap_at(ln, x) for ln in group) if g is not None]
    return bool(gaps) and max(gaps) < settings.aligned_join_gap_ratio


def _grow_table(
    lines: list[VisualLine],
    i: int,
    n_header: int,
    page: int,
    settings: PdfTableSettings,
    rules: Sequence[Ruling],
    carry_bounds: Sequence[float] | None = None,
    min_rows: int | None = None,
) -> tuple[PageTable, int] | None:
    """The table under the header lines i..i+n_header (or, with `carry_bounds`, the continued
    table from line i on) and the index of the first line after it."""
    header = lines[i : i + n_header]
    if carry_bounds is not None:
        tol = settings.aligned_carry_tolerance
        gaps = [(b - tol, b + tol) for b in carry_bounds]
    else:
        gaps = column_gaps(header, settings)
    # the body: the lines down to a large vertical gap
    end = i + max(n_header, 1)
    while end < len(lines):
        ln, above = lines[end], lines[end - 1]
        if ln.top - above.bottom > settings.aligned_max_gap_ratio * max(ln.size, 1.0):
            break
        end += 1
    body = lines[i + n_header : end]
    if len(body) < (settings.aligned_min_body_lines if header else 1):
        return None
    bounds = []
    for gap in gaps:
        g = _gutter(gap, body, settings)
        if g is not None and g[1] <= settings.aligned_max_crossing_share * len(body):
            bounds.append(g[0])
    if len(bounds) + 1 < settings.aligned_min_cols or (carry_bounds is not None and len(bounds) < len(gaps)):
        return None
    left = min(ln.x0 for ln in [*header, *body]) - settings.borderless_pad
    # rows: cut the body where the first column has text or a section row runs across; stop at a
    # paragraph that runs across the gutters
    tol = settings.aligned_rule_tolerance_ratio
    right_text = max(ln.x1 for ln in [*header, *body])
    ruled = [False] + [
        rule_between(rules, a.bottom - tol * b.size, b.top + tol * b.size, left, right_text)
        for a, b in zip(body, body[1:])
    ]
    row_starts: list[int] = []
    prev_section = prev_in_first = False
    trail: int | None = None  # the first of the section lines right above line k
    k = 0
    for k, ln in enumerate(body):
        crossing = [b for b in bounds if _runs_across(ln, b, settings)]
        in_first = any(w.xmid < bounds[0] for w in ln.words)
        section = False
        if crossing:
            first_word = ln.words[0]
            labelled = first_word.x1 < bounds[0] and _ROW_LABEL.match(first_word.text)
            starts_inside = first_word.x0 > bounds[0]
            if not (labelled or starts_inside or (prev_section and is_bold(ln, settings))):
                # a section title with no rows under it is the paragraph after the table, its
                # first line indented to the task column
                k = k if trail is None else trail
                break
            section = True
        wrapped = prev_section and not in_first and not any(ruled)  # a section title's next line
        trail = (k if trail is None else trail) if section or wrapped else None
        if any(ruled):  # rows drawn with rules: a row starts under each (cells may be centred)
            if ruled[k] or not row_starts:
                row_starts.append(k)
            prev_section, prev_in_first = section, in_first
            continue
        only_first = all(w.xmid < bounds[0] for w in ln.words)
        if only_first and prev_in_first:
            continue  # "VII" / "I": a label wrapped in a narrow column
        if prev_section and not in_first:
            section = True  # the section title wrapped onto the next line
        elif in_first or not row_starts:
            row_starts.append(k)
        prev_section, prev_in_first = section, in_first
    else:
        k = len(body)
    body = body[:k]
    if not body:
        return None
    row_starts = [s for s in row_starts if s < k]
    centred = None if any(ruled) else centred_rows(body, bounds, settings)
    row_starts = centred.starts if centred else row_starts
    if len(row_starts) < ((min_rows or settings.aligned_min_rows) if header else 1):
        return None
    right = max(ln.x1 for ln in [*header, *body]) + settings.borderless_pad
    xs = [left] + bounds + [right]
    groups = ([header] if header else []) + [body[a:b] for a, b in zip(row_starts, row_starts[1:] + [len(body)])]
    ys = [groups[0][0].top - settings.borderless_pad]
    for above, below in zip(groups, groups[1:]):
        ys.append((max(ln.bottom for ln in above) + min(ln.top for ln in below)) / 2)
    ys.append(max(ln.bottom for ln in groups[-1]) + settings.borderless_pad)
    body_from = 1 if header else 0
    table = _fill(xs, ys, groups, page, settings, body_from=body_from)
    merge_down(table, groups, rules, settings, body_from=body_from, runs_on=centred is None)
    for r, c in centred.merged if centred else ():  # one task's cells merged over its result rows
        up, down = table.slots[body_from + r][c], table.slots[body_from + r + 1][c]
        if up is not down and up.c1 - up.c0 == 1 and down.c1 - down.c0 == 1:
            join_cells(table, up, down, settings)
    return table, i + n_header + k


def _fill(
    xs: list[float],
    ys: list[float],
    groups: list[list[VisualLine]],
    page: int,
    settings: PdfTableSettings,
    body_from: int,
) -> PageTable:
    """Slots for the rows (a section row's title spans the columns it runs across), words
    dropped in by their centre."""
    n_cols = len(xs) - 1
    slots: list[list[GridCell]] = []
    for r, group in enumerate(groups):
        row: list[GridCell] = []
        c = 0
        while c < n_cols:
            c1 = c + 1
            while c1 < n_cols and _joined(group, xs[c1], settings):
                c1 += 1
            cell = GridCell(r, c, r + 1, c1, (xs[c], ys[r], xs[c1], ys[r + 1]))
            row.extend([cell] * (c1 - c))
            c = c1
        slots.append(row)
    for r, group in enumerate(groups):
        for ln in group:
            for w in ln.words:
                c = locate(xs, w.xmid)
                slots[r][c].words.append(w)
    table = PageTable(page=page, xs=xs, ys=ys, slots=slots, ruled=False, aligned=True)
    # each column's text area (for the "next word would have fitted" test): where its body
    # words reach, section titles left out
    extent: list[tuple[float, float]] = []
    for c in range(n_cols):
        words = [w for row in slots[body_from:] for w in row[c].words if row[c].c1 - row[c].c0 == 1]
        extent.append((min(w.x0 for w in words), max(w.x1 for w in words)) if words else (xs[c], xs[c + 1]))
    # a column's text may reach a little past its widest line (up to half the gutter) ...
    slack = max(0.0, min((extent[c][0] - extent[c - 1][1] for c in range(1, n_cols)), default=0.0) / 2)
    for cell in table.cells():
        cell.lines = group_lines(cell.words, settings, page=page)
        # ... but not in the STT column, where a label too wide for it ("VIII") is cut mid-token
        box = (extent[cell.c0][0], extent[cell.c1 - 1][1] + (slack if cell.c1 > 1 else 0.0))
        for ln in cell.lines:
            ln.box = box
    return table
