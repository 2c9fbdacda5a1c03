"""Exports for office work: what officers open in Excel and Word, with Vietnamese headers.

sheets.task_sheet(rows) / diff_sheet(rows) / citation_sheets(rows)  -> Sheet (columns + rows)
xlsx.write_xlsx([sheet, …], "out.xlsx")     frozen header, filters, widths, real dates, wrapping
word.write_diff_docx(diff_rows, "out.docx")  the comparison table offices use:
                                             STT | Nội dung năm trước | Nội dung năm nay | Thay đổi
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """A temporary file beside `path`, moved onto it when the block ends without an error: an
    open workbook is never half-written, and a failed export leaves no broken file behind. An
    unwritable folder raises OSError here, before anything is built."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
