"""A plan series: one agency's plans of one kind across the years (2022 → 2023 → 2025 …), and the
line each task runs through them: added, carried on (unchanged or modified), split off another
task, merged into another one, dropped. The rows of the `task_lineage` table.

    plans = [(doc_id, load_tasks(data_dir, doc_id)) for doc_id in series]   # oldest first
    rows = build_lineage(plans)
    write_lineage(data_dir, rows, series_key(issuer, doc_type))

Built on the pairwise alignment (`pipeline.diff.classify.diff_tasks`) of each plan with the next
one, chained: a task paired with a task of the previous plan continues that task's line; an added
task starts a line; a task split off a previous task starts a line whose `related_lineage_id` is
the line it came from; a task merged into another ends its line there (`related_lineage_id`: the
line it joined); a task with no successor ends with a "removed" row in the next plan (no task).
A line's id is the document and task it starts at, so it is the same on every re-run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from pipeline.diff.classify import diff_tasks
from pipeline.diff.load import DiffTask

# how a task stands in a plan compared with the previous plan of the series (task_diffs' statuses)
LINEAGE_STATUSES = ("added", "unchanged", "modified", "split", "merged", "removed")


def lineage_id(doc_id: str, task_seq: int) -> str:
    """The id of the line that starts at task `task_seq` of `doc_id`."""
    return f"{doc_id}#{task_seq}"


def series_key(issuer: str | None, doc_type: str | None, doc_ids: Sequence[str] = ()) -> str:
    """The key of one agency's series of one document type (the task_lineage file name part); with
    `doc_ids`, of a series hand-picked from it (so it does not replace the whole series' file)."""
    from pipeline.batch.store import doc_key

    return doc_key("|".join([doc_type or "?", issuer or "?", *doc_ids]))


def _row(
    series: str,
    step: int,
    doc_id: str,
    task: DiffTask | None,
    status: str,
    line: str,
    prev: tuple[str, DiffTask] | None = None,
    diff: dict | None = None,
    related: str | None = None,
) -> dict[str, Any]:
    return {
        "series_key": series,
        "lineage_id": line,
        "step": step,
        "doc_id": doc_id,
        "plan_year": (task.plan_year if task else None) or (diff or {}).get("new_plan_year"),
        "task_seq": task.seq if task else None,
        "stt": task.stt if task else None,
        "content": task.content if task else None,
        "status": status,
        "changed_fields": list((diff or {}).get("changed_fields") or []),
        "similarity": (diff or {}).get("similarity"),
        "prev_doc_id": prev[0] if prev else None,
        "prev_task_seq": prev[1].seq if prev else None,
        "related_lineage_id": related,
    }


def build_lineage(plans: Sequence[tuple[str, Sequence[DiffTask]]], series: str = "") -> list[dict[str, Any]]:
    """Rows of the task_lineage table for plans given oldest first as (doc_id, tasks): one row per
    line and plan where the line has a task, plus the row that ends it ("merged" or "removed")."""
    if not plans:
        return []
    first_id, first_tasks = plans[0]
    rows = [_row(series, 0, first_id, t, "added", lineage_id(first_id, t.seq)) for t in first_tasks]
    line_of = {t.seq: lineage_id(first_id, t.seq) for t in first_tasks}  # previous plan: seq → line
    for step, ((old_id, old_tasks), (new_id, new_tasks)) in enumerate(zip(plans, plans[1:]), start=1):
        old_by_seq = {t.seq: t for t in old_tasks}
        new_by_seq = {t.seq: t for t in new_tasks}
        diffs = diff_tasks(old_tasks, new_tasks, old_id, new_id)
        next_line: dict[int, str] = {}
        pending: list[tuple[dict, DiffTask, DiffTask]] = []  # split/merged: need both sides' lines
        for d in diffs:
            old = old_by_seq.get(d["old_task_seq"]) if d["old_task_seq"] is not None else None
            new = new_by_seq.get(d["new_task_seq"]) if d["new_task_seq"] is not None else None
            if d["status"] in ("unchanged", "modified"):
                line = line_of[old.seq]
                next_line[new.seq] = line
                rows.append(_row(series, step, new_id, new, d["status"], line, (old_id, old), d))
            elif d["status"] == "added":
                line = lineage_id(new_id, new.seq)
                next_line[new.seq] = line
                rows.append(_row(series, step, new_id, new, "added", line, diff=d))
            elif d["status"] == "removed":
                rows.append(
                    _row(
                        series,
                        step,
                        new_id,
                        None,
                        "removed",
                        line_of[old.seq],
                        (old_id, old),
                        {"new_plan_year": new_tasks[0].plan_year if new_tasks else None},
                    )
                )
            else:
                pending.append((d, old, new))
        for d, old, new in pending:
            if d["status"] == "split":  # the new task starts a line, coming from the old task's line
                line = lineage_id(new_id, new.seq)
                next_line[new.seq] = line
                rows.append(_row(series, step, new_id, new, "split", line, (old_id, old), d, line_of[old.seq]))
            else:  # merged: the old task's line ends in the new task, which continues another line
                rows.append(
                    _row(
                        series, step, new_id, new, "merged", line_of[old.seq], (old_id, old), d, next_line.get(new.seq)
                    )
                )
        line_of = next_line
    return rows


def write_lineage(data_dir: str | Path, rows: Sequence[dict], series: str) -> Path:
    """Write one series' rows to task_lineage/<series>.parquet, replacing an earlier run
    (atomically, like task_diffs)."""
    import pyarrow as pa

    from pipeline.batch.store import write_atomic
    from schemas.tables import schema_for

    schema = schema_for("task_lineage")
    table = pa.Table.from_pylist([{f.name: r.get(f.name) for f in schema} for r in rows], schema=schema)
    path = Path(data_dir) / "task_lineage" / f"{series}.parquet"
    write_atomic(table, path)
    return path
