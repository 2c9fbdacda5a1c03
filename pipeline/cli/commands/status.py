"""`vanban status [PATH…]`: which input files are ingested and current, stale, new or failed.

Exit 1 when a file failed; exit 2 when a path given does not exist (it is reported as not found,
never as "new"). A missing data folder is said so: then every file is new.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from pipeline.cli.commands import add_data_argument
from pipeline.cli.errors import DATA_PROBLEM, USAGE

STYLES = {"current": "green", "stale": "yellow", "new": "cyan", "failed": "red"}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "status",
        help="show what is ingested, stale and failed",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", default=["data/raw"], help="input files or folders (default: data/raw)")
    add_data_argument(p)
    p.set_defaults(func=run)


def file_status(
    path: Path, state: dict[str, tuple[str, str]], failures: dict[str, str], root: Path | None = None
) -> str:
    """current / stale / new / failed for one existing input file (known by its doc_id under root)."""
    from extractors import file_sha256
    from pipeline import PARSER_VERSION
    from pipeline.batch.files import doc_id_for

    doc_id = doc_id_for(path, root)
    if doc_id in failures:
        return "failed"
    if doc_id not in state:
        return "new"
    return "current" if state[doc_id] == (file_sha256(path), PARSER_VERSION) else "stale"


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from pipeline import PARSER_VERSION
    from pipeline.batch.files import discover, doc_id_for, failed_files, ingested_state, store_root

    data = Path(args.data)
    if not data.is_dir():
        print(
            f"vanban status: warning: the data folder {data} does not exist: nothing is ingested yet "
            f"(run `vanban ingest`, or pass --data DIR)",
            file=sys.stderr,
        )
    missing = [p for p in args.paths if not Path(p).exists()]
    for p in missing:
        print(f"vanban status: not found: {p}", file=sys.stderr)
    state = ingested_state(data)
    failures = failed_files(data)
    table = Table(title=f"{data} (parser {PARSER_VERSION})")
    for col in ("file", "status", "detail"):
        table.add_column(col, overflow="fold")
    counts: Counter[str] = Counter()
    present = [p for p in args.paths if Path(p).exists()]
    root = store_root(data, present) if present else None
    for path in discover(present):
        status = file_status(path, state, failures, root)
        counts[status] += 1
        table.add_row(
            doc_id_for(path, root), f"[{STYLES[status]}]{status}[/]", failures.get(doc_id_for(path, root), "")
        )
    console = Console()
    console.print(table)
    console.print(", ".join(f"{n} {s}" for s, n in counts.items()) or "no input files")
    if missing:
        return USAGE
    return DATA_PROBLEM if counts["failed"] else 0
