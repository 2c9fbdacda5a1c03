"""`vanban sql "SELECT …"`: run read-only DuckDB SQL over the Parquet tables (one view per table)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import decimal
import json
import sys

from pipeline.cli.commands import add_data_argument, positive_int
from pipeline.cli.errors import DATA_PROBLEM, CliError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "sql",
        help="run a read-only DuckDB query over the Parquet tables",
        description="Run SQL over views named after the tables that exist under --data: documents, "
        "tasks, kpis, citations, task_units, errors, paragraphs, signatures, task_diffs, "
        "task_lineage, and renditions (one document's files, is_primary marked). Only SELECT and EXPLAIN "
        "run: the connection is read-only and cannot reach files outside the tables.",
    )
    p.add_argument("query", help='SQL, e.g. "SELECT doc_id, count(*) FROM tasks GROUP BY ALL"')
    add_data_argument(p)
    p.add_argument(
        "--format",
        choices=["table", "csv", "json"],
        default="table",
        help="output format: a table on screen, CSV or JSON records (default: table)",
    )
    p.add_argument("--limit", type=positive_int, default=200, help="rows shown in table format (default 200)")
    p.set_defaults(func=run)


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return value


def run(args: argparse.Namespace) -> int:
    import duckdb

    from pipeline.query import ReadOnlyViolation, available, check_read_only, connect_read_only

    con = connect_read_only(args.data)
    views = available(con)
    if not views:
        raise CliError(
            f"no Parquet tables under {args.data} (run `vanban ingest` first, or pass --data DIR)", DATA_PROBLEM
        )
    try:
        check_read_only(con, args.query)
        cur = con.execute(args.query)
    except ReadOnlyViolation as exc:
        raise CliError(str(exc)) from None
    except duckdb.Error as exc:
        raise CliError(f"SQL error: {exc}\nTables available: {', '.join(sorted(views))}") from None
    if not cur.description:  # a statement without rows
        return 0
    columns = [d[0] for d in cur.description]
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        while batch := cur.fetchmany(1000):
            writer.writerows([[_plain(v) for v in row] for row in batch])
        return 0
    if args.format == "json":
        rows = [dict(zip(columns, map(_plain, row))) for row in cur.fetchall()]
        print(json.dumps(rows, ensure_ascii=False, default=str))
        return 0
    from rich.console import Console
    from rich.table import Table

    rows = cur.fetchmany(args.limit + 1)
    table = Table(*columns, show_lines=False)
    for row in rows[: args.limit]:
        table.add_row(*["" if v is None else str(v) for v in row])
    console = Console()
    console.print(table)
    if len(rows) > args.limit:
        console.print(f"[dim](first {args.limit} rows shown; use --limit or --format csv)[/dim]")
    return 0
