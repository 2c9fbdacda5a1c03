"""`vanban sql "SELECT …"`: run DuckDB SQL over the Parquet tables (one view per table)."""
from __future__ import annotations

import argparse
import sys

import duckdb

from pipeline.cli.commands import add_data_argument
from pipeline.query import available, connect


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "sql", help="run a DuckDB query over the Parquet tables",
        description="Run SQL over views named after the tables that exist under --data: documents, "
                    "tasks, kpis, citations, task_units, errors, task_diffs.",
    )
    p.add_argument("query", help='SQL, e.g. "SELECT doc_id, count(*) FROM tasks GROUP BY ALL"')
    add_data_argument(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="output format (default: a rich table)")
    p.add_argument("--limit", type=int, default=200, help="rows shown in table format (default 200)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    con = connect(args.data)
    views = available(con)
    if not views:
        print(f"No Parquet tables under {args.data} (run `vanban ingest` first, or pass --data DIR).",
              file=sys.stderr)
        return 1
    try:
        rel = con.sql(args.query)
    except duckdb.Error as exc:
        print(f"SQL error: {exc}\nTables available: {', '.join(sorted(views))}", file=sys.stderr)
        return 2
    if rel is None:  # a statement without result (CREATE, SET …)
        return 0
    if args.format == "csv":
        rel.df().to_csv(sys.stdout, index=False)
        return 0
    if args.format == "json":
        rel.df().to_json(sys.stdout, orient="records", force_ascii=False, date_format="iso")
        print()
        return 0
    from rich.console import Console
    from rich.table import Table

    columns = rel.columns
    rows = rel.limit(args.limit + 1).fetchall()
    table = Table(*columns, show_lines=False)
    for row in rows[: args.limit]:
        table.add_row(*["" if v is None else str(v) for v in row])
    console = Console()
    console.print(table)
    if len(rows) > args.limit:
        console.print(f"[dim](first {args.limit} rows shown; use --limit or --format csv)[/dim]")
    return 0
