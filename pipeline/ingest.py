"""Batch ingest: find input files, skip the ones already ingested, process the rest in parallel,
write each file's rows as soon as it is done (so an interrupted run resumes without loss).

Engines: "local" (a process pool on this machine) and "dask" (pipeline/dask_engine.py). Both run
the same `process_file` per file; only the driver writes to the store.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline import PARSER_VERSION
from pipeline.process import file_sha256, process_file
from pipeline.store import FileResult, read_table, write_result

INPUT_SUFFIXES = {".pdf", ".docx", ".doc", ".rtf", ".odt"}


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # unchanged since their last ingest
    seconds: float = 0.0

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.failed]

    @property
    def pages(self) -> int:
        return sum(r.page_count for r in self.results)


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Input files under the given files/folders, in a stable order. Files given by name are
    always taken (whatever their extension: a wrong one is reported, not skipped); in folders,
    files with a document extension, minus hidden files and Word's `~$` lock files."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file()
                         and p.suffix.lower() in INPUT_SUFFIXES and not p.name.startswith((".", "~$")))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def ingested_state(out_dir: Path) -> dict[str, tuple[str, str]]:
    """source_file -> (sha256, parser_version) of every file whose output is committed."""
    table = read_table(out_dir, "documents", columns=["source_file", "source_sha256", "parser_version"])
    return {r["source_file"]: (r["source_sha256"], r["parser_version"]) for r in table.to_pylist()}


def is_current(path: Path, state: dict[str, tuple[str, str]]) -> bool:
    known = state.get(path.name)
    return known is not None and known == (file_sha256(path), PARSER_VERSION)


def _run_local(files: list[Path], workers: int) -> Iterator[FileResult]:
    if workers <= 1:
        yield from map(process_file, files)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: set[Future] = set()
        queue = list(reversed(files))
        while queue or pending:
            while queue and len(pending) < workers * 2:  # bounded: results stream as they finish
                pending.add(pool.submit(process_file, queue.pop()))
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()


def ingest(paths: Iterable[str | Path], out_dir: str | Path, workers: int | None = None, force: bool = False,
           engine: str = "local", scheduler: str | None = None,
           on_result: Callable[[FileResult], None] | None = None) -> IngestReport:
    """Ingest files into the Parquet store at out_dir; returns what was done."""
    start = time.perf_counter()
    out = Path(out_dir)
    files = discover(paths)
    report = IngestReport()
    if not force:
        state = ingested_state(out)
        report.skipped = [f for f in files if f.exists() and is_current(f, state)]
        files = [f for f in files if f not in set(report.skipped)]
    workers = workers or os.cpu_count() or 1
    if engine == "dask":
        from pipeline.dask_engine import run_dask
        results: Iterable[FileResult] = run_dask(files, scheduler)
    else:
        results = _run_local(files, min(workers, max(1, len(files))))
    for result in results:
        write_result(out, result)
        report.results.append(result)
        if on_result:
            on_result(result)
    report.seconds = time.perf_counter() - start
    return report
