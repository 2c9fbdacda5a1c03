"""`vanban status [PATH…]`: which input files are ingested and current, stale, new or failed."""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline import PARSER_VERSION
from pipeline.cli.commands import add_data_argument
from pipeline.batch.ingest import discover, ingested_state
from extractors import file_sha256
from pipeline.batch.store import read_rows

STYLES = {"current": "green", "stale": "yellow", "new": "cyan", "failed": "red"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("status", help="show what is ingested, stale and failed")
    p.add_argument("paths", nargs="*", default=["data/raw"], help="input files or folders (default: data/raw)")
    add_data_argument(p)
    p.set_defaults(func=run)


def file_status(path: Path, state: dict[str, tuple[str, str]], failures: dict[str, str]) -> str:
    if path.name in failures:
        return "failed"
    if path.name not in state:
        return "new"
    return "current" if state[path.name] == (file_sha256(path), PARSER_VERSION) else "stale"


def run(args: argparse.Namespace) -> int:
    data = Path(args.data)
    state = ingested_state(data)
    failures = {e["source_file"]: f"{e['error_code']}: {e['message']}" for e in read_rows(data, "errors")
                if e.get("severity") == "error"}
    table = Table(title=f"{data} (parser {PARSER_VERSION})")
    for col in ("file", "status", "detail"):
        table.add_column(col, overflow="fold")
    counts: Counter[str] = Counter()
    for path in discover(args.paths):
        status = file_status(path, state, failures)
        counts[status] += 1
        table.add_row(path.name, f"[{STYLES[status]}]{status}[/]", failures.get(path.name, ""))
    console = Console()
    console.print(table)
    console.print(", ".join(f"{n} {s}" for s, n in counts.items()) or "no input files")
    return 0
