"""What the views of a task comparison count, and the terminal summary (pipeline/diff/report.py)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from rich.console import Console

from pipeline.diff.report import counts_by_section, print_summary
from tests.diff_examples import report_rows


@pytest.fixture(scope="module")
def rows():
    return report_rows()


def test_rows_of_the_example(rows):
    assert Counter(r["status"] for r in rows) == {"unchanged": 2, "modified": 1, "added": 2, "removed": 1}


def test_terminal_summary(rows):
    console = Console(record=True, width=140)
    print_summary(rows, console=console)
    text = console.export_text()
    assert "2023-kh.docx (2023) → 2025-kh.docx (2025)" in text
    assert re.search(r"│ added\s+│\s+2 │", text) and re.search(r"│ total\s+│\s+6 │", text)
    assert re.search(r"│ C\.IV\s+│ Phản ánh, kiến nghị\s+│\s+2 │", text)  # per section, with titles
    assert re.search(r"│ VI \(2023\)\s+│ Một cửa", text)  # a removed task under the old plan's section
    assert "units (renamed), timing" in text and "Đẩy mạnh phân cấp" in text  # the changed rows
    assert "Công khai thông tin" not in text.split("Rows that changed")[1]  # unchanged rows are not listed


def test_sections_in_reading_order(rows):
    assert list(counts_by_section(rows)) == ["A", "C.IV", "B.III", "VI (2023)"]  # reading order
