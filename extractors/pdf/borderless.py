"""Tables drawn without ruling lines: column-aligned blocks of free text (the "UBND ... | CỘNG HÒA
..." header, the "Nơi nhận | signer" block), which a DOCX holds as borderless tables."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from extractors.pdf.layout import VisualLine, Word, group_lines, split_segments
from extractors.pdf.rulings import GridCell
from extractors.pdf.settings import DEFAULT_SETTINGS, PdfTableSettings
from extractors.pdf.tables import PageTable, locate
from extractors.pdf.text import is_hard_break, normal_pitches, starts_with_label


def borderless_tables(
    lines: Sequence[VisualLine], page: int, settings: PdfTableSettings = DEFAULT_SETTINGS, center: float | None = None
) -> tuple[list[PageTable], list[VisualLine]]:
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
        block = _Block(lines, segs, i, center, settings)
        for step in (1, -1):  # downwards, then upwards
            k = i + step
            while 0 <= k < len(lines) and not used[k] and block.takes(k, step):
                block.add(k)
                k += step
        if len(block.members) < 2:
            i += 1
            continue
        members = sorted(block.members)
        for m in members:
            used[m] = True
        tables.append(_borderless_table([segs[m] for m in members], block.cols, page, settings))
        i = members[-1] + 1
    return tables, [ln for ln, u in zip(lines, used) if not u]


class _Block:
    """A growing column-aligned block: its member lines and its columns' x-ranges."""

    def __init__(
        self,
        lines: list[VisualLine],
        segs: list[list[VisualLine]],
        seed: int,
        center: float | None,
        settings: PdfTableSettings,
    ):
        self.lines, self.segs, self.center, self.settings = lines, segs, center, settings
        self.cols = [[s.x0, s.x1] for s in segs[seed]]  # the seed line's segments
        self.members = [seed]

    def column_of(self, seg: VisualLine) -> int | None:
        """The one column band (between the gutters) the segment stays in, if any."""
        inside = [j for j in range(len(self.cols)) if _in_band(seg, self.cols, j)]
        return inside[0] if len(inside) == 1 else None

    def fits(self, k: int) -> bool:
        ss, st = self.segs[k], self.settings
        if len(ss) == 1 and self.center is not None and ss[0].x0 < self.center < ss[0].x1:
            # a title centred on the page; the page's centre is an estimate (from few lines on a short
            # page), so a line across it whose middle is nearer to it than to the column's is one too
            mid, col = (ss[0].x0 + ss[0].x1) / 2, self.column_of(ss[0])
            off = abs(mid - self.center)
            if off < st.title_center_ratio * ss[0].size + st.center_tolerance_min or (
                col is not None and off < abs(mid - sum(self.cols[col]) / 2)
            ):
                return False
        return all(self.column_of(s) is not None for s in ss)

    def takes(self, k: int, step: int) -> bool:
        """May line k (next to the block, above it when step is -1) join it?"""
        ln, st = self.lines[k], self.settings
        near = self.lines[min(self.members)] if step < 0 else self.lines[max(self.members)]
        gap = near.top - ln.bottom if step < 0 else ln.top - near.bottom
        # signers side by side: their names stand under the space of the signatures, one in each column
        names = len(self.segs[k]) == len(self.cols) >= 2
        ratio = st.signatures_gap_ratio if names else st.borderless_max_gap_ratio
        if gap > ratio * max(ln.bottom - ln.top, 1.0) or not self.fits(k):
            return False
        if step < 0 and k > 0 and len(self.segs[k]) == 1 and not self.fits(k - 1):
            # the tail of a paragraph that crosses the gutters on the line above
            above = self.lines[k - 1]
            if ln.top - above.bottom < st.tail_gap_ratio * max(ln.size, above.size):
                return False
        return True

    def add(self, k: int) -> None:
        for s in self.segs[k]:
            col = self.cols[self.column_of(s)]
            col[0], col[1] = min(col[0], s.x0), max(col[1], s.x1)
        self.members.append(k)


def _in_band(seg: VisualLine, cols: list[list[float]], j: int) -> bool:
    """Does the segment stay between the gutters left and right of column j?"""
    left = cols[j - 1][1] if j > 0 else float("-inf")
    right = cols[j + 1][0] if j + 1 < len(cols) else float("inf")
    return left < seg.x0 and seg.x1 < right


def _borderless_table(
    seg_rows: list[list[VisualLine]], cols: list[list[float]], page: int, settings: PdfTableSettings
) -> PageTable:
    words: list[Word] = [w for ss in seg_rows for s in ss for w in s.words]
    pad = settings.borderless_pad
    xs = [cols[0][0] - pad]
    for j in range(1, len(cols)):
        xs.append((cols[j - 1][1] + cols[j][0]) / 2)
    xs.append(cols[-1][1] + pad)
    top = min(w.top for w in words) - pad
    bottom = max(w.bottom for w in words) + pad
    n_cols = len(cols)

    def col_of(seg: VisualLine) -> int:
        return locate(xs, (seg.x0 + seg.x1) / 2)

    # per column, its segments top to bottom (for line pitches and hard breaks)
    per_col: list[list[VisualLine]] = [[] for _ in range(n_cols)]
    for ss in seg_rows:
        for sg in ss:
            c = col_of(sg)
            sg.box = (cols[c][0], cols[c][1])
            per_col[c].append(sg)
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
        if (
            cur_bottom is not None
            and len(cs) == n_cols
            and n_cols > 1
            and max(sg.top for sg in ss) - line_top < settings.borderless_line_ratio * size
            and all(seen[c] is not None for c in cs)
        ):
            new_row = all(
                sg.top - seen[c].bottom >= settings.borderless_row_gap_ratio * sg.size
                and is_hard_break(seen[c], sg, pitches, settings, block=True)
                and not (starts_with_label(sg.text) and starts_with_label(seen[c].text))
                for c, sg in cs.items()
            )
        if new_row:
            ys.append((line_top + cur_bottom) / 2)
        for c, sg in cs.items():
            seen[c] = sg
        cur_bottom = max(cur_bottom or 0.0, max(sg.bottom for sg in ss))
    ys.append(bottom)
    R, C = len(ys) - 1, len(xs) - 1
    slots = [[GridCell(r, c, r + 1, c + 1, (xs[c], ys[r], xs[c + 1], ys[r + 1])) for c in range(C)] for r in range(R)]
    table = PageTable(page=page, xs=xs, ys=ys, slots=slots, ruled=False, pitches=pitches)
    for w in words:
        r = locate(ys, w.ymid)
        c = locate(xs, w.xmid)
        table.slots[r][c].words.append(w)
    for cell in table.cells():
        cell.lines = group_lines(cell.words, settings, page=page)
        col = cols[cell.c0]
        for ln in cell.lines:
            ln.box = (col[0], col[1])
    return table
