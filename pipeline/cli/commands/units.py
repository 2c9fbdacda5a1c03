"""`vanban units [--data DIR] [--year Y]`: responsible units with their task counts per year and role."""

from __future__ import annotations

import argparse
import sys

from pipeline.cli.commands import add_data_argument, positive_int
from pipeline.cli.errors import DATA_PROBLEM, CliError
from pipeline.search import fold, sql_fold
from schemas.enums import ROLES as ROLE_MEANINGS

ROLES = tuple(ROLE_MEANINGS)  # lead, support, monitor, advise


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "units",
        help="responsible units: task counts per year and role",
        description="Counts distinct tasks per (plan year, unit, role) from the task_units table, "
        "with the year taken from the documents table when the partition has none.",
    )
    add_data_argument(p)
    p.add_argument("--year", type=int, default=None, help="only this plan year")
    p.add_argument(
        "--unit",
        default=None,
        metavar="TEXT",
        help="only units whose name contains this text, accents and case ignored ('van phong')",
    )
    p.add_argument("--no-groups", action="store_true", help="leave out collective mentions (Các phòng, đơn vị …)")
    p.add_argument("--limit", type=positive_int, default=100, help="rows shown (default 100)")
    p.add_argument(
        "--format",
        choices=["table", "csv", "json"],
        default="table",
        help="output format: a table on screen, CSV or JSON records (default: table)",
    )
    p.set_defaults(func=run)


def query(con, year: int | None = None, unit: str | None = None, no_groups: bool = False):
    """One row per (year, unit): tasks per role, all tasks, documents. A document ingested as
    several files (DOCX, PDF, scan …) counts once: only its primary rendition is read."""
    from pipeline.query import available

    has_docs = "documents" in available(con)
    year_expr = (
        "COALESCE(NULLIF(t.plan_year, 0), NULLIF(d.plan_year, 0), d.year)" if has_docs else "NULLIF(t.plan_year, 0)"
    )
    join = (
        "LEFT JOIN (SELECT doc_id, any_value(plan_year) AS plan_year, any_value(year) AS year "
        "FROM documents GROUP BY doc_id) d USING (doc_id)"
        if has_docs
        else ""
    )
    task_key = "t.doc_id || '#' || CAST(t.task_seq AS VARCHAR)"
    role_cols = ",\n".join(f"count(DISTINCT {task_key}) FILTER (WHERE t.role = '{r}') AS {r}" for r in ROLES)
    where, params = [], []
    if has_docs:
        where.append("t.doc_id IN (SELECT doc_id FROM renditions WHERE is_primary)")
    if year is not None:
        where.append(f"{year_expr} = ?")
        params.append(year)
    if unit:
        where.append(f"contains({sql_fold('t.unit')}, ?)")
        params.append(fold(unit))
    if no_groups:
        where.append("NOT coalesce(t.is_group, false)")
    sql = f"""
        SELECT {year_expr} AS year, t.unit, bool_or(coalesce(t.is_group, false)) AS is_group,
               {role_cols},
               count(DISTINCT {task_key}) AS tasks, count(DISTINCT t.doc_id) AS documents
        FROM task_units t {join}
        {"WHERE " + " AND ".join(where) if where else ""}
        GROUP BY ALL
        ORDER BY year NULLS LAST, tasks DESC, t.unit
    """
    return con.execute(sql, params)


def run(args: argparse.Namespace) -> int:
    from pipeline.query import available, connect

    con = connect(args.data)
    if "task_units" not in available(con):
        raise CliError(
            f"no task_units data under {args.data} (run `vanban ingest` first, or pass --data DIR)", DATA_PROBLEM
        )
    cur = query(con, args.year, args.unit, args.no_groups)
    columns = [d[0] for d in cur.description]
    rows = cur.fetchall()
    if not rows:  # exit 1 in every format: a script reading CSV learns that nothing matched
        raise CliError(
            "no units match" + (f" {args.unit!r}" if args.unit else "") + (f" in {args.year}" if args.year else ""),
            DATA_PROBLEM,
        )
    if args.format != "table":
        import pandas as pd

        df = pd.DataFrame(rows, columns=columns)
        if args.format == "csv":
            df.to_csv(sys.stdout, index=False)
        else:
            df.to_json(sys.stdout, orient="records", force_ascii=False)
            print()
        return 0
    from rich.console import Console
    from rich.table import Table

    console = Console()
    title = "Responsible units" + (f" — {args.year}" if args.year else "") + " (distinct tasks)"
    table = Table(title=title)
    table.add_column("year", justify="right")
    table.add_column("unit", overflow="fold")
    for col in (*ROLES, "tasks", "documents"):
        table.add_column(col, justify="right")
    first, previous_year = True, None
    for row in rows[: args.limit]:
        rec = dict(zip(columns, row))
        if rec["year"] != previous_year and not first:
            table.add_section()
        first = False
        previous_year = rec["year"]
        name = rec["unit"] + (" [dim](group)[/dim]" if rec["is_group"] else "")
        table.add_row(
            "" if rec["year"] is None else str(rec["year"]),
            name,
            *(str(rec[r] or "") for r in ROLES),
            str(rec["tasks"]),
            str(rec["documents"]),
        )
    console.print(table)
    if len(rows) > args.limit:
        console.print(f"[dim]({len(rows) - args.limit} more rows; --limit N)[/dim]")
    return 0
