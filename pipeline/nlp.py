"""NLP layer: responsible units and timing on task rows (`enrich`), and the spaCy host (`get_nlp`)."""
from __future__ import annotations

from pipeline.records import DocMeta, TaskRow
from pipeline.units import split_units


def plan_year_of(meta: DocMeta | None) -> int | None:
    if meta is None:
        return None
    if meta.plan_year:
        return meta.plan_year
    if meta.year:
        return meta.year
    return meta.issued_date.year if meta.issued_date else None


def _mentions(task: TaskRow, year: int | None):
    columns = [("lead", task.lead_raw), ("support", task.support_raw), ("monitor", task.monitor_raw)]
    if any(text.strip() for _, text in columns if text):
        out, seen = [], set()
        for role, text in columns:
            for m in split_units(text or "", role, year):
                if (m.unit, m.role) not in seen:
                    seen.add((m.unit, m.role))
                    out.append(m)
        return out
    return split_units(task.units_raw or "", None, year)


def enrich(tasks: list[TaskRow], meta: DocMeta | None) -> list[dict]:
    """Fill each task's *_units and timing_* fields in place; return the `task_units` rows
    (doc_id and source_file are left None for the pipeline to fill)."""
    year = plan_year_of(meta)
    rows: list[dict] = []
    for task in tasks:
        mentions = _mentions(task, year)
        task.lead_units = [m.unit for m in mentions if m.role == "lead"]
        task.support_units = [m.unit for m in mentions if m.role in ("support", "advise")]
        task.monitor_units = [m.unit for m in mentions if m.role == "monitor"]
        for m in mentions:
            rows.append({"doc_id": None, "source_file": None, "task_seq": task.seq, "unit": m.unit,
                         "unit_raw": m.unit_raw, "role": m.role, "is_group": m.is_group})
    return rows
