"""`vanban ingest [PATH…] [--out DIR]`: parse files into the Parquet tables, with progress and a summary."""
from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.batch.ingest import IngestReport, discover, ingest
from pipeline.process import Limits
from pipeline.batch.store import FileResult


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("ingest", help="parse documents into data/parquet")
    p.add_argument("paths", nargs="*", default=["data/raw"], help="files or folders (default: data/raw)")
    p.add_argument("--out", default="data/parquet", help="output folder (default: data/parquet)")
    p.add_argument("--workers", type=int, default=None, help="parallel worker processes (default: all cores)")
    p.add_argument("--force", action="store_true", help="re-parse files that are already ingested and unchanged")
    p.add_argument("--engine", choices=["local", "dask"], default="local")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (with --engine dask)")
    p.add_argument("--timeout", type=float, default=Limits.timeout_s,
                   help=f"seconds one file may take before it is killed and reported (default {Limits.timeout_s:.0f})")
    p.add_argument("--memory-mb", type=int, default=Limits.memory_mb,
                   help=f"address-space limit of one file's worker in MB (default {Limits.memory_mb})")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def summary_table(report: IngestReport) -> Table:
    table = Table(title=f"vanban ingest: {len(report.results)} parsed, {len(report.skipped)} unchanged, "
                        f"{len(report.failed)} failed, {report.pages} pages in {report.seconds:.1f} s")
    table.add_column("file", overflow="fold")
    for col in ("pages", "tasks", "KPIs", "citations"):
        table.add_column(col, justify="right")
    table.add_column("status", overflow="fold")
    for r in sorted(report.results, key=lambda r: r.source_file):
        status = "; ".join(f"{e['error_code']}: {e['message']}" for e in r.errors) or "ok"
        style = "red" if r.failed else ("yellow" if r.errors else None)
        table.add_row(r.source_file, "–" if r.page_count is None else str(r.page_count), *(str(r.row_counts.get(t, 0)) for t in
                                                          ("tasks", "kpis", "citations")), status, style=style)
    total = lambda t: str(sum(r.row_counts.get(t, 0) for r in report.results))  # noqa: E731
    table.add_section()
    table.add_row("total", str(report.pages), total("tasks"), total("kpis"), total("citations"),
                  f"{len(report.failed)} failed")
    return table


def run(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    files = discover(args.paths)
    missing = [p for p in args.paths if not Path(p).exists()]
    for p in missing:
        console.print(f"[yellow]not found: {p}[/]")
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn()]
    with Progress(*columns, console=console, disable=args.quiet or not files) as progress:
        bar = progress.add_task("ingest", total=len(files), rate="")
        state = {"pages": 0}

        def on_result(result: FileResult) -> None:
            state["pages"] += result.page_count or 0
            elapsed = progress.tasks[bar].elapsed or 1e-9
            done = progress.tasks[bar].completed + 1
            progress.update(bar, advance=1, description=result.source_file[:40],
                            rate=f"{done / elapsed:.1f} files/s, {state['pages'] / elapsed:.1f} pages/s")

        report = ingest(files, args.out, workers=args.workers, force=args.force, engine=args.engine,
                        scheduler=args.scheduler, limits=Limits(args.timeout, args.memory_mb),
                        on_result=on_result)
        progress.update(bar, completed=len(files))
    Console().print(summary_table(report))
    if not files:
        console.print(f"[red]no input files in {' '.join(map(str, args.paths))}[/]")
        return 1
    return 1 if report.failed or missing else 0
