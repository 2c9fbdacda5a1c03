"""The enrich stage: responsible units and timing of task rows.

`enrich(tasks, meta)` is what ingest runs: regex and dictionary work only (pipeline.normalize.units,
pipeline.normalize.timing, both cached per distinct text), no spaCy — it fills each TaskRow's
lead/support/monitor_units and timing_* fields in place and returns the `task_units` rows. The spaCy
pipeline for whole-document views is pipeline/normalize/spacy_host.py.
"""

from __future__ import annotations

from pipeline.records import DocMeta, TaskRow
from pipeline.normalize.timing import normalize_timing
from pipeline.normalize.units import Scope, UnitMention, split_units


def plan_year_of(meta: DocMeta | None) -> int | None:
    """The year a document's plan is for: plan_year, else its year, else its issue year."""
    if meta is None:
        return None
    if meta.plan_year:
        return meta.plan_year
    if meta.year:
        return meta.year
    return meta.issued_date.year if meta.issued_date else None


def scope_of(meta: DocMeta | None) -> Scope | None:
    """The issuing agency and province a document's header names (what scoped alias rows match)."""
    if meta is None or not (meta.issuer or meta.parent_issuer or meta.place):
        return None
    return Scope(meta.issuer, meta.parent_issuer, meta.place)


def task_mentions(task: TaskRow, year: int | None, scope: Scope | None = None) -> list[UnitMention]:
    """Unit mentions of one task: from the lead/support/monitor columns when the document has
    them (the column gives the role unless the words say otherwise), else from units_raw."""
    columns = [("lead", task.lead_raw), ("support", task.support_raw), ("monitor", task.monitor_raw)]
    if any((text or "").strip() for _, text in columns):
        out: list[UnitMention] = []
        seen: set[tuple[str, str]] = set()
        for role, text in columns:
            for m in split_units(text or "", role, year, scope=scope):
                if (m.unit, m.role) not in seen:
                    seen.add((m.unit, m.role))
                    out.append(m)
        return out
    return split_units(task.units_raw or "", None, year, scope=scope)


def enrich(tasks: list[TaskRow], meta: DocMeta | None) -> list[dict]:
    """Fill each task's lead/support/monitor_units and timing_* fields in place; return the rows
    of the `task_units` table (doc_id and source_file left None for the pipeline to fill).

    Units with role "advise" (tham mưu) are listed in advise_units, apart from the "support"
    (phối hợp) ones. timing_parts holds the clauses of a compound timing text (empty otherwise).
    """
    year = plan_year_of(meta)
    scope = scope_of(meta)
    rows: list[dict] = []
    for task in tasks:
        mentions = task_mentions(task, year, scope)
        task.lead_units = [m.unit for m in mentions if m.role == "lead"]
        task.support_units = [m.unit for m in mentions if m.role == "support"]
        task.advise_units = [m.unit for m in mentions if m.role == "advise"]
        task.monitor_units = [m.unit for m in mentions if m.role == "monitor"]
        for m in mentions:
            rows.append(
                {
                    "doc_id": None,
                    "source_file": None,
                    "task_seq": task.task_seq,
                    "unit": m.unit,
                    "unit_raw": m.unit_raw,
                    "role": m.role,
                    "is_group": m.is_group,
                }
            )
        timing = normalize_timing(task.timing_raw or "", year)
        task.timing_kind = timing.kind
        task.timing_start = timing.start
        task.timing_end = timing.end
        task.period = timing.period
        task.timing_parts = timing.part_texts
    return rows
