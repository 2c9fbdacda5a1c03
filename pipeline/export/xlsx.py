"""Write Sheets (pipeline/export/sheets.py) to an .xlsx workbook an officer can work in: the header
row frozen and filtered, widths set per column, dates as real Excel dates (dd/mm/yyyy), long text
wrapped and aligned to the top.

XlsxWriter, not openpyxl, writes: it is already installed (img2table needs it), it only writes
(what we do), and it writes row by row in constant memory for a 100,000-row export. openpyxl is
what the tests read the files back with.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Sequence

from pipeline.export import atomic_output
from pipeline.export.sheets import Sheet

EXCEL_MAX_CELL = 32767  # characters in one cell
MAX_ROW_LINES = 12  # a wrapped row grows to this many lines at most; the cell keeps the whole text


def _row_height(values: Sequence[Any], sheet: Sheet) -> float | None:
    """Height (points) that shows the wrapped text of a row, within MAX_ROW_LINES lines."""
    lines = 1
    for value, col in zip(values, sheet.columns):
        if col.kind == "wrap" and isinstance(value, str) and value:
            per_line = max(1, int(col.width * 1.1))
            needed = sum(1 + len(part) // per_line for part in value.split("\n"))
            lines = max(lines, min(needed, MAX_ROW_LINES))
    return 15 * lines if lines > 1 else None


def write_xlsx(sheets: Sequence[Sheet], path: str | Path) -> Path:
    """One worksheet per Sheet; returns the path written."""
    import xlsxwriter

    path = Path(path)
    with atomic_output(path) as tmp:
        _write_book(
            xlsxwriter.Workbook(
                str(tmp), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
            ),
            sheets,
        )
    return path


def _write_book(book, sheets: Sequence[Sheet]) -> None:
    base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top"}
    formats = {
        "header": book.add_format(
            {
                **base,
                "bold": True,
                "bg_color": "#DCE6F1",
                "border": 1,
                "text_wrap": True,
                "valign": "vcenter",
                "align": "center",
            }
        ),
        "text": book.add_format(base),
        "wrap": book.add_format({**base, "text_wrap": True}),
        "number": book.add_format(base),
        "date": book.add_format({**base, "num_format": "dd/mm/yyyy", "align": "left"}),
    }
    for sheet in sheets:
        ws = book.add_worksheet(sheet.name[:31])
        for c, col in enumerate(sheet.columns):
            ws.set_column(c, c, col.width, formats["wrap" if col.kind == "wrap" else "text"])
        ws.set_row(0, 32)
        for c, col in enumerate(sheet.columns):
            ws.write_string(0, c, col.header, formats["header"])
        for r, values in enumerate(sheet.rows, start=1):
            height = _row_height(values, sheet)
            if height:
                ws.set_row(r, height)
            for c, (value, col) in enumerate(zip(values, sheet.columns)):
                _write(ws, r, c, value, formats[col.kind])
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(1, len(sheet.rows)), len(sheet.columns) - 1)
        if sheet.title:
            ws.set_header(f'&C&"Times New Roman,Bold"{sheet.title.replace("&", "&&")}')
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.repeat_rows(0)
        ws.fit_to_pages(1, 0)
    book.close()


def _write(ws, r: int, c: int, value: Any, fmt) -> None:
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, (dt.datetime, dt.date)):
        ws.write_datetime(
            r, c, value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day), fmt
        )
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value, fmt)
    else:  # always a string: a task text starting with "=" or "+" is not a formula
        ws.write_string(r, c, str(value)[:EXCEL_MAX_CELL], fmt)
