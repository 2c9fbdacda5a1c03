"""`vanban ingest [PATH…] [--out DIR]`: parse files into the Parquet tables, with progress and a summary.

The summary stays short whatever the batch size: totals, every failed file, the slowest files.
The full per-file table comes with --verbose, or in a file with --report FILE (.txt, .csv or .json).
Exit 1 when a file failed (after all others were processed), 2 when a path does not exist or
the output folder cannot be written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.batch.budget import DEFAULT_PER_PAGE_S
from pipeline.batch.sandbox import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, collector_paused
from pipeline.cli.commands import check_writable, output_file, positive_float, positive_int
from pipeline.cli.errors import DATA_PROBLEM, USAGE

if TYPE_CHECKING:
    from rich.table import Table

    from pipeline.batch.ingest import IngestReport
    from pipeline.records import FileResult

SLOWEST_SHOWN = 10
FAILURES_SHOWN = 50  # more than this: the report file has them all


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "ingest",
        help="parse documents into data/parquet",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", default=["data/raw"], help="files or folders (default: data/raw)")
    p.add_argument("--out", default="data/parquet", metavar="DIR", help="output folder (default: data/parquet)")
    p.add_argument(
        "--workers",
        type=positive_int,
        default=None,
        metavar="N",
        help="parallel worker processes, at least 1 (default: all cores)",
    )
    p.add_argument("--force", action="store_true", help="re-parse files that are already ingested and unchanged")
    p.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="local: sandboxed child processes on this machine (default); dask: a Dask cluster",
    )
    p.add_argument("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler address (with --engine dask)")
    p.add_argument(
        "--timeout",
        type=positive_float,
        default=DEFAULT_TIMEOUT_S,
        metavar="SECONDS",
        help=f"base time one file may take before it is killed and reported; --timeout-per-page "
        f"is added for each page (default {DEFAULT_TIMEOUT_S:.0f})",
    )
    p.add_argument(
        "--timeout-per-page",
        type=positive_float,
        default=DEFAULT_PER_PAGE_S,
        metavar="SECONDS",
        help=f"extra seconds per page of a PDF or TIFF, so long scans get the time they need "
        f"(default {DEFAULT_PER_PAGE_S:g})",
    )
    p.add_argument(
        "--memory-mb",
        type=positive_int,
        default=DEFAULT_MEMORY_MB,
        metavar="MB",
        help=f"address-space limit of one file's worker in MB (default {DEFAULT_MEMORY_MB})",
    )
    p.add_argument(
        "--report",
        type=output_file(".txt", ".csv", ".json"),
        metavar="FILE",
        help="write the full per-file table to FILE (.txt, .csv or .json)",
    )
    p.set_defaults(func=run)


def _status(r: "FileResult") -> str:
    return "; ".join(f"{e['error_code']}: {e['message']}" for e in r.errors) or "ok"


def _seconds(r: "FileResult") -> float:
    return sum(r.stage_seconds.values())


def file_table(results: list["FileResult"], title: str) -> "Table":
    """One row per file: pages, tasks, KPIs, citations, seconds, status."""
    from rich.table import Table

    table = Table(title=title)
    table.add_column("file", overflow="fold")
    for col in ("pages", "tasks", "KPIs", "citations", "s"):
        table.add_column(col, justify="right")
    table.add_column("status", overflow="fold")
    for r in results:
        style = "red" if r.failed else ("yellow" if r.errors else None)
        table.add_row(
            r.source_file,
            "–" if r.page_count is None else str(r.page_count),
            *(str(r.row_counts.get(t, 0)) for t in ("tasks", "kpis", "citations")),
            f"{_seconds(r):.1f}",
            _status(r),
            style=style,
        )
    return table


def summary(report: "IngestReport", verbose: bool = False) -> list:
    """What to print after a batch: the totals; the failed files; the slowest files (or, verbose,
    every file). A fixed size for 10 or 10,000 files."""
    from rich.table import Table

    results = sorted(report.results, key=lambda r: r.source_file)
    totals = Table(
        title=f"vanban ingest: {len(report.results)} parsed, {len(report.skipped)} unchanged, "
        f"{len(report.failed)} failed, {report.pages} pages in {report.seconds:.1f} s",
        show_header=True,
    )
    for col in ("files", "pages", "tasks", "KPIs", "citations", "warnings", "failed"):
        totals.add_column(col, justify="right")
    warned = sum(1 for r in results if r.errors and not r.failed)
    totals.add_row(
        str(len(results)),
        str(report.pages),
        *(str(sum(r.row_counts.get(t, 0) for r in results)) for t in ("tasks", "kpis", "citations")),
        str(warned),
        str(len(report.failed)),
    )
    out: list = [totals]
    if verbose:
        return out + [file_table(results, "every file")] if results else out
    failed = [r for r in results if r.failed]
    if failed:
        shown = failed[:FAILURES_SHOWN]
        more = f" (first {len(shown)}; --verbose or --report FILE for all)" if len(failed) > len(shown) else ""
        out.append(file_table(shown, f"{len(failed)} failed files{more}"))
    if len(results) > 1:
        slowest = sorted(results, key=_seconds, reverse=True)[:SLOWEST_SHOWN]
        out.append(file_table(slowest, f"the {len(slowest)} slowest files"))
    return out


def write_report(results: list["FileResult"], path: Path) -> None:
    """The full per-file table as text, CSV or JSON (by the file's extension)."""
    rows = [
        {
            "file": r.source_file,
            "pages": r.page_count,
            "tasks": r.row_counts.get("tasks", 0),
            "kpis": r.row_counts.get("kpis", 0),
            "citations": r.row_counts.get("citations", 0),
            "seconds": round(_seconds(r), 2),
            "failed": r.failed,
            "status": _status(r),
        }
        for r in sorted(results, key=lambda r: r.source_file)
    ]
    suffix = path.suffix.lower()
    if suffix == ".json":
        import json

        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    elif suffix == ".csv":
        import csv

        with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel reads UTF-8
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["file"])
            writer.writeheader()
            writer.writerows(rows)
    else:
        from rich.console import Console

        with path.open("w", encoding="utf-8") as fh:
            Console(file=fh, width=200, no_color=True).print(file_table(results, "every file"))


def run(args: argparse.Namespace) -> int:
    # one file per single-threaded worker: the thread per core OpenBLAS starts when numpy loads
    # (with pyarrow) would only compete with the workers; one thread spares the driver ~0.03 s of CPU
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    with collector_paused():  # the batch's modules, shared by every forked worker
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from pipeline.batch.ingest import discover, ingest
        from pipeline.batch.budget import Limits

    console = Console(stderr=True)
    missing = [p for p in args.paths if not Path(p).exists()]
    for p in missing:
        print(f"vanban ingest: not found: {p}", file=sys.stderr)
    if missing:
        return USAGE
    check_writable(args.out, folder=True)
    if args.report:
        check_writable(args.report)
    files = discover(p for p in args.paths if Path(p).exists())
    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=console, disable=args.quiet or not files) as progress:
        bar = progress.add_task("ingest", total=len(files), rate="")
        state = {"pages": 0}

        def on_result(result: "FileResult") -> None:
            state["pages"] += result.page_count or 0
            elapsed = progress.tasks[bar].elapsed or 1e-9
            done = progress.tasks[bar].completed + 1
            progress.update(
                bar,
                advance=1,
                description=result.source_file[:40],
                rate=f"{done / elapsed:.1f} files/s, {state['pages'] / elapsed:.1f} pages/s",
            )

        limits = Limits(args.timeout, args.memory_mb, args.timeout_per_page)
        report = ingest(
            files,
            args.out,
            workers=args.workers,
            force=args.force,
            engine=args.engine,
            scheduler=args.scheduler,
            limits=limits,
            on_result=on_result,
        )
        progress.update(bar, completed=len(files))
    out = Console()
    for table in summary(report, verbose=bool(args.verbose)):
        out.print(table)
    if args.report:
        write_report(report.results, args.report)
        console.print(f"per-file report: {args.report}")
    if not files:
        console.print(f"[red]no input files in {' '.join(map(str, args.paths))}[/]")
        return DATA_PROBLEM
    return DATA_PROBLEM if report.failed else 0
