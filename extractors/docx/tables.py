"""One DOCX table (`w:tbl`) into `Table` blocks: the grid, merged cells, header rows, nested tables.

- One Cell per grid column position (a gridSpan cell once, with `col_span`;
  `w:gridBefore`/`w:gridAfter` become empty spanning cells, short rows are padded). A vertical
  merge is applied to every row it spans: the first row's cell gets `row_span`, the
  continuation rows get a copy of its lines with `merged=True`. Rows marked `w:tblHeader` get
  `is_header=True`; a later body row that repeats a header row (the `w:tblHeader` rows, else the
  first row) word for word is dropped. Rows deleted with track changes on are skipped.
- A cell's lines are its paragraphs as a reader sees them (list label, then text; one line per
  line break).
- Nested tables (decision): the nested table's text goes into the parent cell's lines -- a
  nested row with one non-empty cell gives that cell's lines, a row with several gives one line
  with the cells joined by " | " -- so the parent grid stays complete for a task extractor that
  reads only depth-0 tables, and a sub-item keeps its owner/timing on its own line. The nested
  table is also emitted as its own Table block (depth = parent depth + 1) right after its
  parent table, for an extractor that wants the sub-grid structurally. Extractors that walk all
  tables should skip depth > 0 tables to avoid reading the rows twice.
"""

from __future__ import annotations

from typing import Callable

from extractors.docx.ooxml import TC, TCPR, TR, TRPR, VAL, Element, as_int, on_off, unwrapped, w
from extractors.model import Block, Cell, Paragraph, Row, Table

# (container element, depth) -> its blocks: how a cell's content is read (the body walker)
CellReader = Callable[[object, int], list]


def read_table(tbl: Element, depth: int, read_blocks: CellReader) -> list[Block]:
    """A w:tbl as [Table, nested tables...] ([nested tables...] when it has no rows)."""
    grid = tbl.find(w("tblGrid"))
    n_grid = len(grid.findall(w("gridCol"))) if grid is not None else 0
    rows: list[Row] = []
    nested: list = []
    open_merge: dict[int, Cell] = {}  # origin cell of an open vertical merge, per grid column
    for tr in unwrapped(tbl, (TR,)):
        row = _read_row(tr, depth, read_blocks, open_merge, nested)
        if row is not None:
            rows.append(row)
    if not rows:
        return nested
    n_cols = max([n_grid] + [sum(c.col_span for c in r.cells) for r in rows])
    for row in rows:  # pad short rows so every row covers the grid
        width = sum(c.col_span for c in row.cells)
        if width < n_cols:
            row.cells.append(Cell(lines=[], col_span=n_cols - width))
    rows = _drop_repeated_headers(rows)
    return [Table(rows=rows, n_cols=n_cols, depth=depth)] + nested


def _read_row(tr, depth: int, read_blocks: CellReader, open_merge: dict[int, Cell], nested: list) -> Row | None:
    """A w:tr as a Row (None for a row deleted with track changes on). Vertical merges are
    continued from, and recorded in, `open_merge`; nested tables are appended to `nested`."""
    trpr = tr.find(TRPR)
    is_header = False
    before = after = 0
    if trpr is not None:
        if trpr.find(w("del")) is not None:
            return None
        is_header = bool(on_off(trpr.find(w("tblHeader"))))
        gb = trpr.find(w("gridBefore"))
        ga = trpr.find(w("gridAfter"))
        before = as_int(gb.get(VAL), 0) if gb is not None else 0
        after = as_int(ga.get(VAL), 0) if ga is not None else 0
    cells: list[Cell] = []
    col = 0
    if before > 0:
        cells.append(Cell(lines=[], col_span=before))
        col += before
    seen_cols = set()
    for tc in unwrapped(tr, (TC,)):
        tcpr = tc.find(TCPR)
        span, vmerge = 1, None
        if tcpr is not None:
            gs = tcpr.find(w("gridSpan"))
            if gs is not None:
                span = max(1, as_int(gs.get(VAL), 1))
            vm = tcpr.find(w("vMerge"))
            if vm is not None:
                vmerge = vm.get(VAL) or "continue"
        lines, cell_nested = _cell_lines(tc, depth, read_blocks)
        nested.extend(cell_nested)
        if vmerge == "continue" and col in open_merge:
            origin = open_merge[col]
            origin.row_span += 1
            cell = Cell(lines=list(origin.lines), col_span=span, merged=True)
        else:
            cell = Cell(lines=lines, col_span=span)
            if vmerge == "restart":
                open_merge[col] = cell
            else:
                open_merge.pop(col, None)
        cells.append(cell)
        seen_cols.update(range(col, col + span))
        col += span
    if after > 0:
        cells.append(Cell(lines=[], col_span=after))
    # a column with no cell in this row ends any merge there
    for c in list(open_merge):
        if c not in seen_cols:
            open_merge.pop(c, None)
    return Row(cells=cells, is_header=is_header)


def _cell_lines(tc, depth: int, read_blocks: CellReader) -> tuple[list[str], list]:
    """A cell's visual lines (label + paragraph text, nested tables row by row) and the
    nested tables as blocks."""
    lines: list[str] = []
    nested: list = []
    for block in read_blocks(tc, depth + 1):
        if isinstance(block, Paragraph):
            lines.extend(ln for ln in block.label_and_text.split("\n") if ln.strip())
        elif isinstance(block, Table):
            nested.append(block)
            if block.depth == depth + 1:  # a direct child: its rows become lines here
                lines.extend(_nested_lines(block))
    return lines, nested


def _nested_lines(table: Table) -> list[str]:
    """A nested table as cell lines: a row with one non-empty cell gives that cell's lines; a
    row with several gives one line, its cells (lines joined by a space) joined by " | ", so a
    sub-item keeps its owner and timing on its own line. Merged copies are not repeated."""
    out: list[str] = []
    for row in table.rows:
        cells = [c for c in row.cells if not c.is_empty and not c.merged]
        if len(cells) == 1:
            out.extend(cells[0].lines)
        elif cells:
            out.append(" | ".join(" ".join(c.lines) for c in cells))
    return out


def _row_key(row: Row) -> tuple:
    return tuple(" ".join(c.text.split()).casefold() for c in row.cells)


def _drop_repeated_headers(rows: list[Row]) -> list[Row]:
    """Drop body rows that repeat a header row word for word (a header repeated by hand, or a
    table pasted in twice). The header rows are those marked w:tblHeader, else the first row;
    a header needs at least two non-empty cells to count."""
    headers = [r for r in rows if r.is_header] or rows[:1]
    keys = {_row_key(r) for r in headers if sum(1 for c in r.cells if not c.is_empty) >= 2}
    if not keys:
        return rows
    out, in_header = [], True
    for i, row in enumerate(rows):
        if in_header and (row.is_header or i == 0):
            out.append(row)
            continue
        in_header = False
        if _row_key(row) in keys:
            continue
        out.append(row)
    return out
