"""What a table is and what its columns mean: task table, KPI table or neither, read from its header.

Shared by pipeline/stages/tasks/tables.py and pipeline/stages/tasks/kpis.py.

- Column roles come from keywords of the header text, not from positions, because the wording and
  order vary from plan to plan: ``task_role("Đơn vị, cá nhân chủ trì thực hiện") == "lead"``. A
  header may span two rows ("Đơn vị thực hiện" over "Chủ trì | Phối hợp"): each grid column reads
  the text of every header row above it.
- ``find_header(table)`` looks for the header in the first rows (a title row spanning the table may
  stand above it) and classifies the table: "tasks" (a content column plus an STT column or two of
  result/units/lead/support/monitor/timing), "kpis" (an indicator column about "chỉ tiêu" with a unit
  or target column), or None (the document's header block, signature blocks, anything else).
- ``iter_tables(doc)`` yields the task and KPI tables with their header; a table without a header
  that follows a task or KPI table with the same columns (a table broken by a section break) inherits it.
- Grid helpers: ``grid_cells`` (one entry per grid column, spans repeated), ``cell_lines`` /
  ``cell_text`` (the lines as printed, wrapped PDF lines joined back), ``cell_line_spans`` (the
  same with the visual lines each came from).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from extractors.model import Cell, Document, Paragraph, Row, Table
from pipeline.stages.labels import parse_label
from pipeline.text import squash

# task column roles
STT, CONTENT, RESULT, UNITS, LEAD, SUPPORT, MONITOR, TIMING, NOTE = (
    "stt",
    "content",
    "result",
    "units",
    "lead",
    "support",
    "monitor",
    "timing",
    "note",
)
FIELD_ROLES = (RESULT, UNITS, LEAD, SUPPORT, MONITOR, TIMING)
# KPI column roles
INDICATOR, UNIT, TARGET, OWNER = "indicator", "unit", "target", "owner"


@dataclass(frozen=True)
class HeaderSettings:
    scan_rows: int = 4  # the header is looked for in this many first rows
    max_header_rows: int = 3  # a header spans at most this many rows
    data_text_len: int = 60  # a cell this long is body text, not a header
    max_numbering_cell: int = 2  # digits of a cell of the "(1) (2) (3)" column-numbering row
    short_paragraph_len: int = 40  # a paragraph this short between two tables may be a page number
    max_gap_paragraphs: int = 1  # short paragraphs allowed between a table and its continuation


SETTINGS = HeaderSettings()


def _has(text: str, *words: str) -> bool:
    return any(w in text for w in words)


_STT_RE = re.compile(r"^(stt|tt|số tt|s tt|số thứ tự|thứ tự|số|no)$")


def _is_stt(h: str) -> bool:
    return bool(_STT_RE.match(h.replace(".", "").strip()))


def task_role(header: str) -> str | None:
    """Role of a task-table column from its header text (None when it says nothing we know).
    Order matters: "Thời gian thực hiện" is timing, not units; "Đơn vị chủ trì" is lead."""
    h = squash(header).strip(" .:")
    if not h:
        return None
    if _is_stt(h):
        return STT
    if _has(h, "ghi chú"):
        return NOTE
    if _has(h, "thời gian", "thời hạn", "tiến độ", "thời điểm", "hoàn thành"):
        return TIMING
    if _has(h, "theo dõi", "giám sát", "đôn đốc"):
        return MONITOR
    lead, support = _has(h, "chủ trì"), _has(h, "phối hợp")
    if lead and support:
        return UNITS
    if support:
        return SUPPORT
    if lead:
        return LEAD
    if _has(h, "kết quả", "sản phẩm", "hình thức văn bản", "đầu ra"):
        return RESULT
    if _has(h, "nội dung", "nhiệm vụ", "công việc", "giải pháp", "hoạt động", "tên "):
        return CONTENT
    if _has(h, "đơn vị", "trách nhiệm", "cơ quan", "phòng", "người thực hiện", "thực hiện", "phân công"):
        return UNITS
    return None


def kpi_roles(headers: list[str]) -> list[str | None]:
    """Roles of a KPI table's columns (stt, indicator, unit, target, owner), None where unknown.
    Of the columns about "chỉ tiêu", the one naming it ("Nội dung chỉ tiêu") or else the first is
    the indicator, the next the target ("Chỉ tiêu năm 2025")."""
    roles: list[str | None] = [None] * len(headers)
    target_cols = []
    for i, raw in enumerate(headers):
        h = squash(raw).strip(" .:")
        if not h:
            continue
        if _is_stt(h):
            roles[i] = STT
        elif _has(h, "đơn vị tính", "đvt") or h in ("đơn vị", "đơn vị đo"):
            roles[i] = UNIT
        elif _has(h, "chỉ tiêu", "mục tiêu", "kế hoạch", "giá trị", "năm 20", "kết quả"):
            target_cols.append(i)
        elif _has(h, "chủ trì", "thực hiện", "phụ trách", "cơ quan", "đơn vị", "trách nhiệm"):
            roles[i] = OWNER
        elif _has(h, "nội dung", "tên"):
            roles[i] = INDICATOR
    if INDICATOR not in roles and target_cols:
        named = [i for i in target_cols if _has(squash(headers[i]), "nội dung", "tên")]
        first = named[0] if named else target_cols[0]
        roles[first] = INDICATOR
        target_cols.remove(first)
    if target_cols:
        roles[target_cols[0]] = TARGET
    return roles


def is_kpi_header(headers: list[str]) -> bool:
    """A KPI table: an indicator column about "chỉ tiêu" plus a unit or target column."""
    if not any("chỉ tiêu" in squash(h) for h in headers):
        return False
    roles = kpi_roles(headers)
    return INDICATOR in roles and (UNIT in roles or TARGET in roles)


# ---------------------------------------------------------------------------------------------
# grid helpers


@dataclass
class GridCell:
    cell: Cell
    start: int  # the grid column where the cell starts
    first: bool  # True at the cell's first grid column
    index: int = 0  # the cell's position in Row.cells


def grid_cells(row: Row, n_cols: int) -> list[GridCell | None]:
    """One entry per grid column: the cell covering it (a spanning cell repeats with first=False)."""
    out: list[GridCell | None] = []
    for index, cell in enumerate(row.cells):
        start = len(out)
        for k in range(max(1, cell.col_span)):
            out.append(GridCell(cell, start, k == 0, index))
    return (out + [None] * n_cols)[:n_cols]


def _continues(line: str) -> bool:
    """A line that carries on the line above (a PDF line wrapped inside a cell): it starts with a
    lowercase letter or closing punctuation and is not an item label ("b) ...")."""
    ch = line[:1]
    if not (ch.islower() or ch in ",;:.)%"):
        return False
    return parse_label(line) is None


def cell_line_spans(cell: Cell | None) -> list[tuple[str, int, int]]:
    """A cell's lines as printed, each with the visual lines [first, end) of `Cell.lines` it was
    joined from: wrapped visual lines (PDF) go back to their paragraph; DOCX lines are paragraphs
    already and come out unchanged."""
    out: list[tuple[str, int, int]] = []
    if cell is None:
        return out
    for k, line in enumerate(cell.lines):
        line = line.strip() if line else ""
        if not line:
            continue
        if out and _continues(line):
            text, first, _ = out[-1]
            out[-1] = (text + " " + line, first, k + 1)
        else:
            out.append((line, k, k + 1))
    return out


def cell_lines(cell: Cell | None) -> list[str]:
    """A cell's lines as printed (`cell_line_spans` without the spans)."""
    return [text for text, _, _ in cell_line_spans(cell)]


def cell_text(cell: Cell | None) -> str:
    return "\n".join(cell_lines(cell))


# ---------------------------------------------------------------------------------------------
# header


@dataclass
class Header:
    roles: list[str | None]  # per grid column
    texts: list[str]  # header text per grid column (rows of a multi-row header joined)
    start: int  # index of the first header row
    end: int  # index of the first row after the header
    kind: str  # "tasks" | "kpis"

    def cols(self, role: str) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r == role]


def header_texts(rows: list[Row], n_cols: int) -> list[str]:
    """Per grid column, the distinct texts of the given rows joined with a space."""
    texts: list[list[str]] = [[] for _ in range(n_cols)]
    for row in rows:
        for i, gc in enumerate(grid_cells(row, n_cols)):
            if gc is None:
                continue
            t = " ".join(cell_text(gc.cell).split())
            if t and t not in texts[i]:
                texts[i].append(t)
    return [" ".join(t) for t in texts]


def is_repeated_header(row: Row, head: Header) -> bool:
    """A header row repeated inside the body (a page break in a table the backend did not clean)."""
    return row.is_header or [squash(t) for t in header_texts([row], len(head.roles))] == [squash(t) for t in head.texts]


_NUM_CELL = re.compile(r"^\(?\d{1,%d}\)?$" % SETTINGS.max_numbering_cell)


def is_numbering_row(row: Row) -> bool:
    """The column-numbering row under a header: "(1) (2) (3)…" or "1 2 3 4 5"."""
    texts = [cell_text(c) for c in row.cells if not c.is_empty]
    if len(texts) < 3 or not all(_NUM_CELL.match(t) for t in texts):
        return False
    nums = [int(t.strip("()")) for t in texts]
    return nums == list(range(nums[0], nums[0] + len(nums)))


def _looks_like_data(row: Row, n_cols: int, settings: HeaderSettings) -> bool:
    """A body row: a label in the first column, or long text somewhere."""
    gcs = grid_cells(row, n_cols)
    first = cell_text(gcs[0].cell) if gcs and gcs[0] else ""
    if first and parse_label(first) is not None and not is_numbering_row(row):
        return True
    return any(len(cell_text(gc.cell)) > settings.data_text_len for gc in gcs if gc is not None)


def _is_title_row(row: Row, n_cols: int) -> bool:
    filled = [c for c in row.cells if not c.is_empty]
    return len(filled) == 1 and filled[0].col_span >= n_cols - 1 and not row.is_header


def _may_extend(table: Table, end: int, settings: HeaderSettings) -> bool:
    """Row end-1 can be a further header row: not body text, and the header above spans columns
    (a group title over sub-columns), or the row is a marked header row or copies merged cells."""
    nxt, above = table.rows[end - 1], table.rows[end - 2]
    if _looks_like_data(nxt, table.n_cols, settings) or is_numbering_row(nxt):
        return False
    return nxt.is_header or any(c.col_span > 1 for c in above.cells) or any(c.merged for c in nxt.cells)


def find_header(table: Table, settings: HeaderSettings = SETTINGS) -> Header | None:
    """The header of a task or KPI table, or None for any other table."""
    n = table.n_cols
    if n < 2 or not table.rows:
        return None
    for start in range(min(settings.scan_rows, len(table.rows))):
        row = table.rows[start]
        if _is_title_row(row, n):
            continue
        if _looks_like_data(row, n, settings) and not row.is_header:
            break  # body rows before any header: this table has none
        best = None
        for depth in range(1, settings.max_header_rows + 1):
            end = start + depth
            if end > len(table.rows) or (depth > 1 and not _may_extend(table, end, settings)):
                break
            head = _classify(header_texts(table.rows[start:end], n), start, end)
            if head is not None:
                best = head
                if depth == 1 and not any(c.col_span > 1 for c in row.cells):
                    break  # a one-row header without group titles: no second row to read
        if best is not None:
            return best
    return None


def _classify(texts: list[str], start: int, end: int) -> Header | None:
    if is_kpi_header(texts):
        return Header(kpi_roles(texts), texts, start, end, "kpis")
    roles = [task_role(t) for t in texts]
    # a role may cover several columns (a header cell over two columns): their texts are joined;
    # only the first STT column counts
    for i in [i for i, r in enumerate(roles) if r == STT][1:]:
        roles[i] = None
    if CONTENT not in roles:
        return None
    others = sum(1 for r in set(roles) if r in FIELD_ROLES)
    if others == 0 or (STT not in roles and others < 2):
        return None
    return Header(roles, texts, start, end, "tasks")


def iter_tables(doc: Document, settings: HeaderSettings = SETTINGS) -> Iterator[tuple[Table, Header, bool]]:
    """(table, header, continued) for every task and KPI table; ``continued`` is True for a table
    without a header that carries on the task or KPI table just before it (same number of columns,
    at most a page-number-like paragraph in between)."""
    prev: tuple[Table, Header] | None = None
    gap = 0
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text:
                gap += 1 if len(text) < settings.short_paragraph_len else settings.max_gap_paragraphs + 1
            continue
        if not isinstance(block, Table):
            continue
        head = find_header(block, settings)
        if head is not None:
            prev, gap = (block, head), 0
            yield block, head, False
        elif (
            prev is not None
            and gap <= settings.max_gap_paragraphs
            and block.depth == 0
            and block.n_cols == prev[0].n_cols
        ):
            gap = 0
            yield block, Header(prev[1].roles, prev[1].texts, 0, 0, prev[1].kind), True
        elif block.depth == 0:
            prev = None
