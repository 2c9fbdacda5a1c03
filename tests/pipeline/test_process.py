"""pipeline.process: the row a task gives the tasks table."""

from __future__ import annotations

import dataclasses
import datetime as dt

from pipeline.process import task_columns
from pipeline.records import Source, TaskRow


def test_a_task_row_is_every_field_but_its_provenance_copied():
    task = TaskRow(
        content="Rà soát thủ tục hành chính",
        stt="1",
        lead_units=["Văn phòng"],
        timing_end=dt.date(2026, 6, 30),
        sources=[Source(block=3, row=1, cell=2, lines=(0, 1))],
    )
    row = task_columns(task)
    assert set(row) == {f.name for f in dataclasses.fields(TaskRow)} - {"sources"}
    assert row["content"] == task.content and row["lead_units"] == ["Văn phòng"]
    assert row["timing_end"] == dt.date(2026, 6, 30)
    row["lead_units"].append("Sở Nội vụ")  # a copy: the task keeps its own list and its sources
    assert task.lead_units == ["Văn phòng"] and len(task.sources) == 1
