"""`vanban show FILE [--json]`: parse one file and print its metadata and task table (nothing written)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.table import Table

TASK_COLUMNS = ["task_seq", "section", "stt", "sub", "content", "result", "units_raw", "timing_raw", "origin"]
KPI_COLUMNS = ["stt", "indicator", "measure_unit", "target_raw", "target_op", "target_value", "owner"]
META_FIELDS = [
    "doc_type",
    "doc_number",
    "doc_symbol",
    "parent_issuer",
    "issuer",
    "place",
    "issued_date",
    "year",
    "month",
    "plan_year",
    "title",
    "subject",
    "recipients",
    "signer_title",
    "signer",
    "page_count",
    "status",
    "warnings",
]


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "show",
        help="print one file's metadata and tasks",
        description="Parse one file and print its metadata, tasks and KPIs; nothing "
        "is written. Exit 1 when the file cannot be read, 2 when it does not exist.",
    )
    p.add_argument("file", help="a DOCX, PDF, DOC, RTF or ODT file")
    p.add_argument("--json", action="store_true", help="print all rows as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from pipeline.cli.errors import DATA_PROBLEM, CliError
    from pipeline.process import process_file

    if not Path(args.file).exists():
        raise CliError(f"not found: {args.file}")
    if Path(args.file).is_dir():
        raise CliError(f"{args.file} is a folder: show reads one file (`vanban ingest` reads folders)")
    result = process_file(args.file)
    if args.json:
        print(json.dumps({"rows": result.rows, "errors": result.errors}, ensure_ascii=False, indent=1, default=str))
        return DATA_PROBLEM if result.failed else 0
    if result.failed:
        err = next(e for e in result.errors if e["severity"] == "error")
        raise CliError(f"{result.source_file} cannot be read ({err['error_code']}): {err['message']}", DATA_PROBLEM)
    console = Console()
    for err in result.errors:  # warnings: the file was read, with something to know
        console.print(f"[yellow]{err['error_code']}[/]: {err['message']}", soft_wrap=True)
    doc = result.rows["documents"][0] | {"plan_year": result.plan_year}
    meta = Table(title=result.source_file, show_header=False)
    meta.add_column(style="bold")
    meta.add_column()
    for name in META_FIELDS:
        value = doc.get(name)
        meta.add_row(
            name, "; ".join(map(str, value)) if isinstance(value, list) else str(value if value is not None else "")
        )
    console.print(meta)
    console.print(_rows_table(f"{len(result.rows['tasks'])} tasks", result.rows["tasks"], TASK_COLUMNS))
    if result.rows["kpis"]:
        console.print(_rows_table(f"{len(result.rows['kpis'])} KPIs", result.rows["kpis"], KPI_COLUMNS))
    return 0


def _rows_table(title: str, rows: list[dict], columns: list[str]) -> "Table":
    from rich.table import Table

    table = Table(title=title, show_lines=True)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(str(row.get(c) if row.get(c) is not None else "") for c in columns))
    return table
