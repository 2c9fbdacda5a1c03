"""What the web pages show, read from the Parquet store through DuckDB (pipeline.query.connect).

Read-only: a read-only DuckDB connection, only SELECTs, every value a parameter. Column names are looked up rather than assumed,
so the pages work on stores written before and after the v2 renames (tasks.seq → task_seq,
citations.page → page_start) and show optional tables or columns (signatures, relation) when
they exist.

One document is often ingested in several renditions (DOCX, PDF, scan). Lists, searches, series
and counts use one rendition per document: the store's `renditions` view (pipeline.query) groups
the files by `document_key` and marks the primary one (`is_primary`: a final over a draft, then
the most faithful format), so every page counts a document as `vanban units` and `vanban cite` do.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import duckdb

from pipeline.query import available, connect_read_only
from pipeline.search import fold
from pipeline.web.search import match_all, phrase_first, query_terms

SEARCH_LIMIT = 200


def open_store(data_dir: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection with the table views (pipeline.query.connect_read_only: no writes,
    no file outside the tables); a fresh one per request, as DuckDB connections are not shared
    between threads."""
    return connect_read_only(data_dir)


def columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    if table not in available(con):
        return set()
    return {c for (c,) in con.execute(f"SELECT column_name FROM (DESCRIBE {table})").fetchall()}


def pick(cols: set[str], *names: str) -> str | None:
    """The first of `names` that is a column (old and new names of one column)."""
    return next((n for n in names if n in cols), None)


def records(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def task_seq_column(con: duckdb.DuckDBPyConnection) -> str:
    return pick(columns(con, "tasks"), "task_seq", "seq") or "seq"


# --- documents ----------------------------------------------------------------------------------


def documents(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every ingested document, with `primary` (the rendition shown in lists: the renditions view's
    `is_primary`) and `renditions` (the doc_ids of the same document, primary first), ordered by
    plan year then issue date."""
    if "documents" not in available(con):
        return []
    docs = records(
        con.execute(
            'SELECT d.*, r.document_key AS rendition_group, r.rendition_rank, r.is_primary AS "primary" '
            "FROM documents d JOIN renditions r USING (doc_id)"
        )
    )
    groups: dict[str, list[dict]] = defaultdict(list)
    for doc in docs:
        doc["plan_year"] = doc.get("plan_year") or doc.get("year") or None
        groups[doc["rendition_group"]].append(doc)
    for members in groups.values():
        members.sort(key=lambda d: d["rendition_rank"])
        for doc in members:
            doc["renditions"] = [m["doc_id"] for m in members]
    return sorted(docs, key=lambda d: (d["plan_year"] or 0, str(d.get("issued_date") or ""), d["doc_id"]))


def primary_ids(docs: list[dict]) -> list[str]:
    return [d["doc_id"] for d in docs if d["primary"]]


def document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    return next((d for d in documents(con) if d["doc_id"] == doc_id), None)


def document_tasks(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    if "tasks" not in available(con):
        return []
    seq = task_seq_column(con)
    return records(con.execute(f"SELECT *, {seq} AS task_no FROM tasks WHERE doc_id = ? ORDER BY {seq}", [doc_id]))


def document_citations(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    if "citations" not in available(con):
        return []
    cols = columns(con, "citations")
    relation = "relation" if "relation" in cols else "NULL"
    return records(
        con.execute(
            f"SELECT kind, ref, name, issued_date, issuer, {relation} AS relation, count(*) AS mentions, "
            "min(context) AS context FROM citations WHERE doc_id = ? GROUP BY ALL "
            "ORDER BY min(char_start) NULLS LAST, ref",
            [doc_id],
        )
    )


def document_units(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    if "task_units" not in available(con):
        return []
    return records(
        con.execute(
            "SELECT unit, bool_or(coalesce(is_group, false)) AS is_group, "
            "count(DISTINCT task_seq) FILTER (WHERE role = 'lead') AS lead, "
            "count(DISTINCT task_seq) FILTER (WHERE role = 'support') AS support, "
            "count(DISTINCT task_seq) FILTER (WHERE role NOT IN ('lead', 'support')) AS other, "
            "count(DISTINCT task_seq) AS tasks, string_agg(DISTINCT unit_raw, '; ') AS written "
            "FROM task_units WHERE doc_id = ? GROUP BY unit ORDER BY tasks DESC, unit",
            [doc_id],
        )
    )


def document_rows(con: duckdb.DuckDBPyConnection, table: str, doc_id: str) -> list[dict[str, Any]]:
    """Rows of an optional per-document table (kpis, signatures …): [] when the table is absent."""
    if table not in available(con) or "doc_id" not in columns(con, table):
        return []
    return records(con.execute(f"SELECT * FROM {table} WHERE doc_id = ?", [doc_id]))


# --- citations ----------------------------------------------------------------------------------


def citation_key_sql() -> str:
    """What a cited document is called: its number ("45/2020/NĐ-CP"), or for a law cited by name, its name."""
    return "coalesce(c.ref, c.kind || ' ' || c.name)"


def cited(
    con: duckdb.DuckDBPyConnection, ids: list[str], terms: list[str] | None = None, limit: int = SEARCH_LIMIT
) -> list[dict[str, Any]]:
    """Cited documents (most cited first) by the primary documents `ids`, filtered by folded terms."""
    if "citations" not in available(con) or not ids:
        return []
    key = citation_key_sql()
    cond, params = match_all(f"concat_ws(' ', c.ref, c.raw, c.name, c.kind, c.issuer, {key})", terms or [])
    return records(
        con.execute(
            f"SELECT {key} AS cite_key, any_value(c.kind) AS kind, any_value(c.ref) AS ref, any_value(c.name) AS name, "
            "max(c.issued_date) AS issued_date, max(c.issuer) AS issuer, count(DISTINCT c.doc_id) AS documents "
            f"FROM citations c WHERE c.doc_id IN (SELECT unnest(?)) AND {key} IS NOT NULL AND {cond} "
            "GROUP BY ALL ORDER BY documents DESC, cite_key LIMIT ?",
            [ids, *params, limit],
        )
    )


def citing(con: duckdb.DuckDBPyConnection, cite_key: str, docs: list[dict]) -> list[dict[str, Any]]:
    """The primary documents citing `cite_key`, with the relation when the column exists."""
    if "citations" not in available(con):
        return []
    relation = "c.relation" if "relation" in columns(con, "citations") else "NULL"
    rows = records(
        con.execute(
            f"SELECT c.doc_id, {relation} AS relation, any_value(c.kind) AS kind, any_value(c.issued_date) AS cited_date, "
            "count(*) AS mentions, min(c.context) AS context FROM citations c "
            f"WHERE {citation_key_sql()} = ? AND c.doc_id IN (SELECT unnest(?)) GROUP BY ALL",
            [cite_key, primary_ids(docs)],
        )
    )
    by_id = {d["doc_id"]: d for d in docs}
    for row in rows:
        row["doc"] = by_id.get(row["doc_id"], {})
    return sorted(rows, key=lambda r: (r["doc"].get("plan_year") or 0, r["doc_id"]))


# --- search -------------------------------------------------------------------------------------


def search(con: duckdb.DuckDBPyConnection, query: str) -> dict[str, list[dict[str, Any]]]:
    """Documents, tasks and cited documents matching every word of `query` (accents, case and
    Unicode form ignored), over one rendition per document."""
    terms = query_terms(query)
    docs = documents(con)
    ids = primary_ids(docs)
    out: dict[str, list[dict[str, Any]]] = {"documents": [], "tasks": [], "citations": []}
    if not terms:
        return out
    phrase = " ".join(terms)
    texts = {
        d["doc_id"]: fold(
            " ".join(
                str(d.get(k) or "")
                for k in ("title", "subject", "doc_symbol", "doc_number", "issuer", "signer", "doc_id", "source_file")
            )
        )
        for d in docs
        if d["primary"]
    }
    out["documents"] = sorted(
        (d for d in docs if d["primary"] and all(t in texts[d["doc_id"]] for t in terms)),
        key=lambda d: phrase not in texts[d["doc_id"]],
    )
    if "tasks" in available(con):
        seq = task_seq_column(con)
        text = "concat_ws(' ', stt, parent_content, content, result, units_raw, lead_raw, support_raw, monitor_raw)"
        cond, params = match_all(text, terms)
        order, order_params = phrase_first(text, terms)
        out["tasks"] = records(
            con.execute(
                f"SELECT doc_id, {seq} AS task_no, stt, coalesce(parent_content || ' — ', '') || content AS content, "
                "result, coalesce(nullif(units_raw, ''), concat_ws(' / ', lead_raw, support_raw, monitor_raw)) AS units, timing_raw "
                f"FROM tasks WHERE doc_id IN (SELECT unnest(?)) AND {cond} ORDER BY {order}, doc_id, {seq} LIMIT ?",
                [ids, *params, *order_params, SEARCH_LIMIT],
            )
        )
        by_id = {d["doc_id"]: d for d in docs}
        for row in out["tasks"]:
            row["doc"] = by_id.get(row["doc_id"], {})
    out["citations"] = cited(con, ids, terms)
    return out


# --- units --------------------------------------------------------------------------------------


def unit_workload(con: duckdb.DuckDBPyConnection, query: str = "", year: int | None = None) -> dict[str, Any]:
    """Distinct tasks per unit and plan year (primary renditions only), and per role for `year`."""
    if "task_units" not in available(con):
        return {"years": [], "rows": []}
    docs = documents(con)
    years_of = {d["doc_id"]: d["plan_year"] or 0 for d in docs if d["primary"]}
    cond, params = match_all("concat_ws(' ', unit, unit_raw)", query_terms(query))
    rows = records(
        con.execute(
            "SELECT doc_id, unit, role, bool_or(coalesce(is_group, false)) AS is_group, "
            "list(DISTINCT task_seq) AS seqs FROM task_units "
            f"WHERE doc_id IN (SELECT unnest(?)) AND {cond} GROUP BY ALL",
            [list(years_of), *params],
        )
    )
    table: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = table.setdefault(
            row["unit"],
            {"unit": row["unit"], "is_group": row["is_group"], "by_year": defaultdict(set), "roles": defaultdict(set)},
        )
        plan_year = years_of[row["doc_id"]]
        keys = {(row["doc_id"], s) for s in row["seqs"]}
        entry["by_year"][plan_year] |= keys
        if year is None or plan_year == year:
            entry["roles"][row["role"]] |= keys
    years = sorted({y for e in table.values() for y in e["by_year"]})
    out = []
    for e in table.values():
        counts = {y: len(e["by_year"].get(y, ())) for y in years}
        roles = {r: len(v) for r, v in e["roles"].items()}
        total = counts.get(year, 0) if year is not None else sum(counts.values())
        if total:
            out.append(
                {"unit": e["unit"], "is_group": e["is_group"], "by_year": counts, "roles": roles, "total": total}
            )
    out.sort(key=lambda e: (-e["total"], fold(e["unit"])))
    return {"years": years, "rows": out}
