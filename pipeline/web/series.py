"""Plan series for the web pages: one agency's documents of one type across the years, and the
line of each task through them (pipeline.diff.lineage, on the pairwise alignment chained)."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Sequence

import duckdb

from pipeline.diff.lineage import build_lineage, series_key, write_lineage
from pipeline.diff.load import DiffError, documents as doc_refs, load_tasks, resolve_document
from pipeline.query import available
from pipeline.web import queries
from pipeline.search import fold


def series_list(docs: Sequence[dict]) -> list[dict[str, Any]]:
    """Every (issuer, document type) with documents of at least two plan years, primary renditions."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for doc in docs:
        if doc["primary"] and doc.get("issuer") and doc.get("doc_type") and (doc.get("task_count") or 0) > 0:
            groups[(fold(doc["issuer"]), doc["doc_type"])].append(doc)
    out = []
    for (_, doc_type), members in groups.items():
        years = sorted({d["plan_year"] for d in members if d["plan_year"]})
        if len(years) >= 2:
            out.append({"issuer": members[0]["issuer"], "doc_type": doc_type, "years": years, "documents": members})
    return sorted(out, key=lambda s: (fold(s["issuer"]), s["doc_type"]))


def series_documents(docs: Sequence[dict], issuer: str, doc_type: str) -> list[dict]:
    """The primary documents of one series, oldest first."""
    return [
        d
        for d in docs
        if d["primary"]
        and fold(d.get("issuer")) == fold(issuer)
        and d.get("doc_type") == doc_type
        and (d.get("task_count") or 0) > 0
    ]


def lineage_keys(members: Sequence[dict], chosen: Sequence[dict]) -> list[str]:
    """The task_lineage keys `vanban diff --series` gives the chosen documents: the key of the
    documents as picked, and when they are the whole series, the whole series' key."""
    if not chosen:
        return []
    keys = [series_key(chosen[0].get("issuer"), chosen[0].get("doc_type"), [d["doc_id"] for d in chosen])]
    if [d["doc_id"] for d in chosen] == [d["doc_id"] for d in members]:
        keys.insert(0, series_key(members[0].get("issuer"), members[0].get("doc_type")))
    return keys


def stored_lineage(con: duckdb.DuckDBPyConnection, keys: Sequence[str], chosen: Sequence[dict]) -> list[dict]:
    """The stored task_lineage rows of the first of `keys` that were built on exactly the chosen
    documents in this order ([] when none was stored, or the store was re-ingested since)."""
    if "task_lineage" not in available(con):
        return []
    ids = [d["doc_id"] for d in chosen]
    for key in keys:
        rows = queries.records(
            con.execute(
                "SELECT * FROM task_lineage WHERE series_key = ? ORDER BY step, task_seq NULLS LAST, lineage_id", [key]
            )
        )
        if rows and all(r["step"] < len(ids) and ids[r["step"]] == r["doc_id"] for r in rows):
            return rows
    return []


def lineage_view(
    con: duckdb.DuckDBPyConnection, data_dir: str | Path, members: Sequence[dict], chosen: Sequence[dict]
) -> dict[str, Any]:
    """The lineage rows of the chosen documents (oldest first) arranged for the page: one line per
    row, one cell per plan, and the count of each status per plan. The rows are the stored
    task_lineage table's (what `vanban sql` shows); only a series never stored by `vanban diff
    --series` is aligned here, in memory, and marked `stored: False`."""
    keys = lineage_keys(members, chosen)
    rows = stored_lineage(con, keys, chosen)
    stored = bool(rows)
    if not stored:
        rows = build_lineage(
            [(d["doc_id"], load_tasks(data_dir, d["doc_id"])) for d in chosen], keys[-1] if keys else ""
        )
    lines: dict[str, dict[str, Any]] = {}
    for row in rows:
        line = lines.setdefault(
            row["lineage_id"],
            {
                "id": row["lineage_id"],
                "cells": {},
                "start": row["step"],
                "order": row["task_seq"] or 0,
                "related": None,
            },
        )
        line["cells"][row["step"]] = row
        if row["status"] in ("split", "merged") and row["related_lineage_id"]:
            line["related"] = row["related_lineage_id"]
    counts: list[Counter] = [Counter() for _ in chosen]
    for row in rows:
        counts[row["step"]][row["status"]] += 1
    ordered = sorted(lines.values(), key=lambda line: (line["start"], line["order"]))
    for number, line in enumerate(ordered, start=1):
        line["number"] = number
    numbers = {line["id"]: line["number"] for line in ordered}
    for line in ordered:
        line["related_number"] = numbers.get(line["related"])
    return {
        "lines": ordered,
        "counts": counts,
        "rows": rows,
        "series_key": rows[0]["series_key"] if rows else "",
        "stored": stored,
    }


def write_series_lineage(data_dir: str | Path, names: Sequence[str] = ()) -> list[tuple[list[dict], Path, list[dict]]]:
    """Write the task_lineage table (`vanban diff --series [DOC…]`): with `names` (doc ids, file
    names or stems, as for `vanban diff`), those documents as one series in plan-year order; without,
    every series of the store (`series_list`). One file per series, replaced on re-runs; a picked
    series gets its own key, so it does not replace the whole series' file. Returns (documents,
    path, rows) per series; raises DiffError for an unknown name or when there is no series."""
    docs = queries.documents(queries.open_store(data_dir))
    if not docs:
        raise DiffError(f"nothing ingested under {data_dir} (run `vanban ingest` first, or pass --data DIR)")
    if names:
        refs = doc_refs(data_dir)
        by_id = {d["doc_id"]: d for d in docs}
        chosen = [by_id[resolve_document(refs, name).doc_id] for name in names]
        chosen.sort(key=lambda d: (d["plan_year"] or 0, str(d.get("issued_date") or "")))
        series = [(chosen, [d["doc_id"] for d in chosen])]
    else:
        series = [(s["documents"], []) for s in series_list(docs)]
    if not series:
        raise DiffError("no series: no agency has documents of one type in two plan years or more")
    out = []
    for members, picked in series:
        key = series_key(members[0].get("issuer"), members[0].get("doc_type"), picked)
        rows = build_lineage([(d["doc_id"], load_tasks(data_dir, d["doc_id"])) for d in members], key)
        out.append((members, write_lineage(data_dir, rows, key), rows))
    return out
