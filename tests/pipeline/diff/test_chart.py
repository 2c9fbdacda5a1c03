"""The chart of a task comparison (pipeline/diff/chart.py)."""

from __future__ import annotations

import pytest

from pipeline.diff.classify import diff_tasks
from pipeline.diff.chart import chart, make_figure
from tests.diff_examples import NEW_TASKS, OLD_TASKS, report_rows


@pytest.fixture(scope="module")
def rows():
    return report_rows()


def test_chart_png_and_svg(rows, tmp_path):
    png = chart(rows, tmp_path / "c.png")
    assert png[:4] == b"\x89PNG" and (tmp_path / "c.png").stat().st_size > 5000
    svg = chart(rows)
    assert svg.startswith("<svg") and "2023" in svg


def test_one_panel_per_plan_year_sections_in_reading_order(rows):
    fig = make_figure(rows)
    assert [ax.get_title() for ax in fig.axes] == ["2023: 4 nhiệm vụ", "2025: 5 nhiệm vụ"]
    assert [[t.get_text() for t in ax.get_yticklabels()] for ax in fig.axes] == [
        ["VI", "V", "I"],
        ["B.III", "C.IV", "A"],
    ]


def test_a_merged_task_is_counted_once_in_its_year():
    fig = make_figure(diff_tasks(OLD_TASKS, NEW_TASKS, "a", "b"))  # new 3 has a modified and a merged row
    assert [ax.get_title() for ax in fig.axes] == ["2023: 5 nhiệm vụ", "2025: 4 nhiệm vụ"]
