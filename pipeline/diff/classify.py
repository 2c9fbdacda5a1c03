"""Compare the task lists of two documents (last year's plan and this year's): which tasks continue
unchanged, which were modified (and in which fields), which were added or removed, split or merged.

    old, new = load_tasks(data_dir, "2023-kh-kstthc-skhcn.docx"), load_tasks(data_dir, "2025-…")
    rows = diff_tasks(old, new)           # rows of the task_diffs table
    write_diffs(data_dir, rows)           # task_diffs/<old key>__<new key>.parquet, atomically

The parts: `pipeline.diff.load` selects documents and loads their tasks (DiffTask),
`pipeline.diff.text` gives the words compared, `pipeline.diff.align` pairs the tasks and finds
splits and merges; this module classifies each pair, builds and writes the rows, and scores them
against a reviewed alignment (`score_alignment`). The rows of one split or merge group share a
`group_id`; the `similarity` of a split/merged row is its containment.

Classification, on each pair. A field changed when its words differ (case, punctuation, bullets
and the plan year aside): `content`, `result`, `units`, `timing`. A timing left blank on one side
is "not stated", not a change. Units are also compared on canonical unit names per role (the NLP
layer's `lead_units`/`support_units`/`monitor_units`, or `pipeline.normalize.units.split_units` when the
rows lack them): when the wording differs but the canonical owners and their roles are the same,
the change is a renaming (`units_change = "renamed"`: Phòng Hành chính - Tổng hợp → Văn phòng
Sở); otherwise a reassignment. Both count as a change of `units` in `changed_fields`, as in the
reviewed gold alignment.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from pipeline.diff.align import SETTINGS, DiffSettings, align, split_merge_links
from pipeline.diff.load import DiffTask
from pipeline.diff.text import words
from pipeline.normalize.units import ROLES, split_units
from schemas.enums import DIFF_STATUSES

FIELDS = ("content", "result", "units", "timing")
STATUSES = tuple(DIFF_STATUSES)  # the contract's list (schemas/enums.py)
PAIR_STATUSES = ("unchanged", "modified", "split", "merged")  # rows that link an old and a new task


# --- classification -----------------------------------------------------------------------------


def canonical_units(task: DiffTask) -> tuple[frozenset, ...]:
    """Canonical owners per role (lead, support, monitor, advise), to tell a renaming from a
    reassignment: the task's lead/support/monitor_units when the NLP layer filled them, else
    `pipeline.normalize.units.split_units` on its units text."""
    if task.lead_units or task.support_units or task.monitor_units:
        return tuple(frozenset(u) for u in (task.lead_units, task.support_units, task.monitor_units, ()))
    roles: dict[str, set] = {}
    for mention in split_units(task.units, None, task.plan_year) if task.units else ():
        roles.setdefault(mention.role, set()).add(mention.unit)
    return tuple(frozenset(roles.get(r, ())) for r in ROLES)


def changed_fields(old: DiffTask, new: DiffTask) -> tuple[list[str], str | None]:
    """The fields that changed between two versions of a task, and how the units changed
    ("renamed": same canonical owners, other wording; "reassigned"; None: no change)."""
    changed = []
    for name in ("content", "result"):
        if words(getattr(old, name), old.plan_year) != words(getattr(new, name), new.plan_year):
            changed.append(name)
    units_change = None
    canon_old, canon_new = canonical_units(old), canonical_units(new)
    if words(old.units) != words(new.units) or canon_old != canon_new:
        changed.append("units")
        units_change = "renamed" if canon_old == canon_new else "reassigned"
    t_old, t_new = words(old.timing, old.plan_year), words(new.timing, new.plan_year)
    if t_old and t_new and t_old != t_new:  # blank on one side: not stated, not a change
        changed.append("timing")
    return changed, units_change


# --- the rows of the task_diffs table -----------------------------------------------------------


def _row(
    status: str,
    old_doc: str | None,
    new_doc: str | None,
    o: DiffTask | None,
    n: DiffTask | None,
    similarity: float | None = None,
    changed: Sequence[str] = (),
    units_change: str | None = None,
    group_id: int | None = None,
) -> dict[str, Any]:
    def side(t: DiffTask | None, name: str):
        return getattr(t, name) if t is not None else None

    row: dict[str, Any] = {
        "old_doc_id": old_doc,
        "new_doc_id": new_doc,
        "old_task_seq": side(o, "seq"),
        "new_task_seq": side(n, "seq"),
        "status": status,
        "similarity": None if similarity is None else round(float(similarity), 4),
        "changed_fields": list(changed),
    }
    for name in ("section", "stt", "content", "result", "units", "timing"):
        row[f"old_{name}"], row[f"new_{name}"] = side(o, name), side(n, name)
    row["group_id"] = group_id
    row.update(
        {
            "units_change": units_change,
            "old_section_title": side(o, "section_title"),
            "new_section_title": side(n, "section_title"),
            "old_plan_year": side(o, "plan_year"),
            "new_plan_year": side(n, "plan_year"),
            "old_units_canonical": sorted(set().union(*canonical_units(o))) if o is not None else None,
            "new_units_canonical": sorted(set().union(*canonical_units(n))) if n is not None else None,
        }
    )
    return row


def diff_tasks(
    old: Sequence[DiffTask],
    new: Sequence[DiffTask],
    old_doc_id: str | None = None,
    new_doc_id: str | None = None,
    settings: DiffSettings = SETTINGS,
) -> list[dict[str, Any]]:
    """Rows of the task_diffs table comparing two task lists, in reading order of the new
    document (removed tasks after the task that follows their old predecessor); `settings` holds
    the alignment thresholds (pipeline.diff.align.DiffSettings)."""
    pairs, _ = align(old, new, settings)
    o2n = {i: j for i, j, _ in pairs}
    n2o = {j: i for i, j, _ in pairs}
    links = split_merge_links(old, new, pairs, settings)

    group_of: dict[tuple[str, int], int] = {}
    for kind, i, j, _ in links:
        anchor = ("new", j) if kind == "merged" else ("old", i)
        group_of.setdefault(anchor, len(group_of) + 1)

    keyed: list[tuple[tuple, dict]] = []
    for i, j, sim in pairs:
        changed, units_change = changed_fields(old[i], new[j])
        gid = group_of.get(("new", j)) or group_of.get(("old", i))
        row = _row(
            "modified" if changed else "unchanged",
            old_doc_id,
            new_doc_id,
            old[i],
            new[j],
            sim,
            changed,
            units_change,
            gid,
        )
        keyed.append(((j, 0, i), row))
    linked_old = {i for kind, i, _, _ in links if kind == "merged"}
    linked_new = {j for kind, _, j, _ in links if kind == "split"}
    for kind, i, j, score in links:
        changed, units_change = changed_fields(old[i], new[j])
        gid = group_of[("new", j) if kind == "merged" else ("old", i)]
        keyed.append(((j, 1, i), _row(kind, old_doc_id, new_doc_id, old[i], new[j], score, changed, units_change, gid)))
    for j, n in enumerate(new):
        if j not in n2o and j not in linked_new:
            keyed.append(((j, 0, -1), _row("added", old_doc_id, new_doc_id, None, n)))
    for i, o in enumerate(old):
        if i in o2n or i in linked_old:
            continue
        before = [k for k in o2n if k < i]  # shown after the partner of its nearest paired predecessor
        keyed.append(((o2n[max(before)] if before else -1, 2, i), _row("removed", old_doc_id, new_doc_id, o, None)))
    keyed.sort(key=lambda kr: kr[0])
    return [row for _, row in keyed]


def summarize(rows: Sequence[dict]) -> dict[str, int]:
    counts = Counter(r["status"] for r in rows)
    return {s: counts.get(s, 0) for s in STATUSES}


def diff_key(old_doc_id: str, new_doc_id: str) -> str:
    from pipeline.batch.store import doc_key

    return f"{doc_key(old_doc_id)}__{doc_key(new_doc_id)}"


def write_diffs(data_dir: str | Path, rows: Sequence[dict], old_doc_id: str, new_doc_id: str) -> Path:
    """Write the rows of one (old, new) comparison to task_diffs/<old>__<new>.parquet, replacing an
    earlier run of the same pair (temp file + os.replace: readers never see half a file)."""
    import pyarrow as pa

    from pipeline.batch.store import write_atomic
    from schemas.tables import schema_for

    schema = schema_for("task_diffs")
    table = pa.Table.from_pylist([{f.name: r.get(f.name) for f in schema} for r in rows], schema=schema)
    path = Path(data_dir) / "task_diffs" / f"{diff_key(old_doc_id, new_doc_id)}.parquet"
    write_atomic(table, path)
    return path


def as_rows(diff_rows: Any) -> list[dict]:
    """Diff rows as dicts, from a list, a pyarrow Table or a pandas DataFrame."""
    if hasattr(diff_rows, "to_pylist"):  # pyarrow Table
        return diff_rows.to_pylist()
    if hasattr(diff_rows, "to_dict"):  # pandas DataFrame
        return diff_rows.to_dict("records")
    return list(diff_rows)


# --- scoring against a reviewed alignment -------------------------------------------------------


def score_alignment(diff_rows: Any, gold: dict) -> dict:
    """Score diff rows against a reviewed alignment (../shared/corpus/diff/*.json, keyed by STT).

    Pair precision: predicted pairs (every row linking an old and a new task: unchanged, modified,
    split, merged) found in `pairs` or `optional_pairs`; pair recall: `pairs` found; F1. Status
    accuracy over the gold pairs found: the relation (unchanged vs modified) and the set of changed
    fields both right. `relation_accuracy` and `field_accuracy` (per field) break it down.
    """
    rows = as_rows(diff_rows)
    gold_pairs = {(str(p["old_stt"]), str(p["new_stt"])): p for p in gold.get("pairs", [])}
    optional = {(str(p["old_stt"]), str(p["new_stt"])) for p in gold.get("optional_pairs", [])}
    predicted: dict[tuple[str, str], dict] = {}
    for r in rows:
        if r.get("status") in PAIR_STATUSES and r.get("old_stt") is not None and r.get("new_stt") is not None:
            predicted.setdefault((str(r["old_stt"]), str(r["new_stt"])), r)
    found = [k for k in predicted if k in gold_pairs]
    accepted = [k for k in predicted if k in gold_pairs or k in optional]
    precision = len(accepted) / len(predicted) if predicted else (1.0 if not gold_pairs else 0.0)
    recall = len(found) / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    status_ok = relation_ok = fields_ok = fields_n = 0
    status_errors = []
    for key in found:
        g, p = gold_pairs[key], predicted[key]
        g_changed = set(g.get("changed") or [])
        g_rel = g.get("relation") or ("modified" if g_changed else "same")
        p_changed = set(p.get("changed_fields") or [])
        p_rel = "modified" if p_changed else "same"
        rel_right = (g_rel == "same") == (p_rel == "same")
        relation_ok += rel_right
        for f in FIELDS:
            fields_n += 1
            fields_ok += (f in g_changed) == (f in p_changed)
        if rel_right and g_changed == p_changed:
            status_ok += 1
        else:
            status_errors.append(
                {"old_stt": key[0], "new_stt": key[1], "gold": sorted(g_changed), "predicted": sorted(p_changed)}
            )
    n = len(found)
    return {
        "pair_precision": round(precision, 4),
        "pair_recall": round(recall, 4),
        "pair_f1": round(f1, 4),
        "status_accuracy": round(status_ok / n, 4) if n else 0.0,
        "relation_accuracy": round(relation_ok / n, 4) if n else 0.0,
        "field_accuracy": round(fields_ok / fields_n, 4) if fields_n else 0.0,
        "predicted_pairs": len(predicted),
        "gold_pairs": len(gold_pairs),
        "found_pairs": n,
        "wrong_pairs": sorted(k for k in predicted if k not in gold_pairs and k not in optional),
        "missed_pairs": sorted(k for k in gold_pairs if k not in predicted),
        "status_errors": status_errors,
    }
