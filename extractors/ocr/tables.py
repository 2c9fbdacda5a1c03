"""Tables in OCR'd pages: img2table's cell grid filled with the page's OCR words (one Cell per
grid position, col_span / row_span / merged as the text-layer backends give them), section labels
in the STT column repaired, and tables continued over a page break stitched into one."""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from extractors.model import Block, Cell, Row, Table
from extractors.ocr.grid import Grid
from extractors.ocr.image import Word
from extractors.ocr.lines import Line, geometry, group_rows, inside, join_lines, lines_from_words, paragraphs
from extractors.ocr.repair import fix_stt_header, repair_ocr_text
from extractors.ocr.settings import OCR_SETTINGS, OcrSettings


def _cell_lines(words: list[Word], settings: OcrSettings = OCR_SETTINGS) -> list[str]:
    """A cell's text as lines: wrapped lines joined, a new line at each list label."""
    if not words:
        return []
    lines = lines_from_words(words, gap_factor=settings.cell_line_split_gap, settings=settings)
    rows = group_rows(lines, settings)
    merged = [Line([w for ln in row for w in ln.words]) for row in rows]
    g = geometry(merged, settings)
    g.left = min(ln.x0 for ln in merged)
    g.right = max(ln.x1 for ln in merged)
    out = []
    for para in paragraphs(merged, g, settings):
        text = repair_ocr_text(join_lines(para))
        if text:
            out.append(text)
    joined = fix_stt_header(" ".join(out))
    return [joined] if joined != " ".join(out) else out


def grid_table(grid: Grid, words: list[Word], page: int, scale: float, settings: OcrSettings = OCR_SETTINGS) -> Table:
    by_cell: dict[int, list[Word]] = defaultdict(list)
    cells = [c for row in grid.rows for c in row if c.first is None]
    for w in words:
        for c in cells:
            if inside(w, c.bbox):
                by_cell[id(c)].append(w)
                break
    text_of = {id(c): _cell_lines(by_cell[id(c)], settings) for c in cells}
    rows = []
    for grow in grid.rows:
        out_cells = []
        for c in grow:
            src = c.first or c
            bbox = tuple(round(v * scale, 1) for v in c.bbox)
            if c.first is not None:
                out_cells.append(Cell(lines=list(text_of[id(src)]), col_span=c.col_span, merged=True, bbox=bbox))
            else:
                out_cells.append(Cell(lines=text_of[id(c)], col_span=c.col_span, row_span=c.row_span, bbox=bbox))
        if any(not c.is_empty for c in out_cells):  # img2table leaves empty rows at double rules
            rows.append(Row(cells=out_cells, page=page, page_end=page))
    n_cols = max((sum(c.col_span for c in r.cells) for r in rows), default=grid.n_cols)
    table = Table(rows=rows, n_cols=n_cols, page_start=page, page_end=page)
    fix_section_labels(table)
    return table


# a roman section label as OCR misreads it in a narrow bold cell
_ROMAN_SLIPS = {
    "1": "I",
    "l": "I",
    "|": "I",
    "H": "II",
    "Il": "II",
    "lI": "II",
    "11": "II",
    "ll": "II",
    "HI": "III",
    "IH": "III",
    "111": "III",
    "lll": "III",
    "1V": "IV",
    "lV": "IV",
    "V1": "VI",
    "Vl": "VI",
    "VH": "VII",
    "V11": "VII",
    "X1": "XI",
    "Xl": "XI",
}
_TASK_NUMBER = re.compile(r"\d{1,3}\.?")
_PART_LETTER = re.compile(r"[A-ZĐ]")
_PART_LETTER_OR_NUMBER = re.compile(r"[A-ZĐ]|\d{1,3}")
_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def _is_section_row(row: Row) -> bool:
    """STT and a title only: the title spans the other columns, or every cell after it is empty
    (or a copy from a vertical merge)."""
    cells = row.cells
    return (
        len(cells) >= 2
        and not cells[0].is_empty
        and not cells[1].is_empty
        and (len(cells) >= 3 or cells[1].col_span >= 2)
        and all(c.is_empty or c.merged for c in cells[2:])
    )


def fix_section_labels(table: Table) -> None:
    """Section rows' labels read as digits/letters ("1" for a bold "I", "H" for "II") become the
    roman numerals they are, when the table's task rows are numbered (so a section row cannot be
    one of them)."""
    task_numbers = [
        r for r in table.rows if not _is_section_row(r) and r.cells and _TASK_NUMBER.fullmatch(r.cells[0].text.strip())
    ]
    if len(task_numbers) < 2:
        return
    last = 0  # the previous roman section number: "II" read again where "III" is printed
    for row in table.rows:
        if not _is_section_row(row):
            continue
        label = row.cells[0].text.strip().rstrip(".")
        if label in _ROMAN_SLIPS:
            label = _ROMAN_SLIPS[label]
            row.cells[0].lines = [label]
        if label in _ROMANS:
            value = _ROMANS.index(label) + 1
            # the same numeral twice in a row is a misread (a restart goes back to I, not to II)
            if value == last and set(label) <= {"I", "V"} and last < len(_ROMANS):
                value = last + 1
                row.cells[0].lines = [_ROMANS[value - 1]]
            last = value
        elif last and 0 < last < len(_ROMANS) and not _PART_LETTER_OR_NUMBER.fullmatch(label):
            last += 1  # junk where the next numeral is printed ("Mi!" between V and VII)
            row.cells[0].lines = [_ROMANS[last - 1]]
        elif _PART_LETTER.fullmatch(label):
            last = 0  # a lettered part (A, B, ...): its roman sections start again at I


def _row_text(row: Row) -> str:
    return " ".join(" ".join(c.lines) for c in row.cells).lower()


def stitch_tables(pages: dict[int, list[Block]], settings: OcrSettings = OCR_SETTINGS) -> None:
    """A table ending page k and one starting page k+1 with the same number of columns are one
    table: a repeated header row (fuzzy equal: OCR reads it differently each time) is dropped and
    the first one marked is_header; a first row without an STT is the rest of the previous page's
    last row (a row broken by the page break) and is merged into it. In place."""
    order = sorted(pages)
    for a, b in zip(order, order[1:]):
        if b != a + 1 or not pages[a] or not pages[b]:
            continue
        last, first = pages[a][-1], pages[b][0]
        if not (isinstance(last, Table) and isinstance(first, Table) and last.n_cols == first.n_cols):
            continue
        rows = list(first.rows)
        if (
            rows
            and last.rows
            and fuzz.ratio(_row_text(rows[0]), _row_text(last.rows[0])) >= settings.header_repeat_ratio
        ):
            last.rows[0].is_header = True
            rows = rows[1:]
        if (
            rows
            and last.rows
            and len(rows[0].cells) == len(last.rows[-1].cells)
            and rows[0].cells[0].is_empty
            and not all(c.is_empty for c in rows[0].cells)
        ):
            prev = last.rows[-1]
            for pc, nc in zip(prev.cells, rows[0].cells):
                if not nc.merged:
                    pc.lines = pc.lines + nc.lines
            prev.page_end = b
            rows = rows[1:]
        last.rows.extend(rows)
        last.page_end = first.page_end
        pages[b] = pages[b][1:]
    for blocks in pages.values():  # section labels again, now over whole (stitched) tables
        for block in blocks:
            if isinstance(block, Table):
                fix_section_labels(block)
