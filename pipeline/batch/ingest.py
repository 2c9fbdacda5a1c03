"""Batch ingest: find input files, skip the ones already ingested, process the rest in parallel,
write each file's rows as soon as it is done (so an interrupted run resumes without loss).

Engines: "local" (one sandboxed child process per file, `workers` at a time, each under a time
and memory limit) and "dask" (pipeline/batch/dask_engine.py). Both run the same `process_and_stage`
per file, which writes the file's parts to a staging folder; only the driver commits them.
"""

from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extractors.model import ExtractionError
from pipeline.batch.budget import Limits
from pipeline.batch.sandbox import collector_paused, imap_limited
from pipeline.batch.files import discover, ingested_state, is_current, record_store_root, store_root
from pipeline.batch.store import STAGING_DIR, StagedResult, commit_staged, ensure_errors_table
from pipeline.records import FileResult

Outcome = tuple[FileResult, StagedResult]
LEGACY_SUFFIXES = {".doc", ".rtf", ".odt"}


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
        return sum(r.page_count or 0 for r in self.results)


def _run_local(files: list[Path], staging: Path, workers: int, limits: Limits, root: Path) -> Iterator[Outcome]:
    """Each file in its own sandboxed child (forked from this warmed-up process), `workers` at once."""
    if not files:  # nothing new: no parser to load
        return
    with collector_paused():  # the parsers and stages, loaded here for good and shared by the children
        from pipeline.batch.worker import process_and_stage, sandbox_failure, warm_up

    warm_up({f.suffix for f in files})
    # what is loaded now is shared by every child: out of the garbage collector's sight, a child's
    # full collections neither walk it (CPU) nor touch its pages (copy-on-write memory)
    gc.freeze()
    work = partial(process_and_stage, staging=staging, root=root)
    for path, outcome in imap_limited(work, files, workers, limits.timeout_for, limits.memory_mb):
        yield outcome.value if outcome.ok else sandbox_failure(path, staging, outcome, root)


def _preconvert_legacy(files: list[Path]) -> None:
    """Convert all legacy Word files of the batch in one LibreOffice run (best effort: a file
    that fails here is converted, or reported, by its own worker)."""
    legacy = [f for f in files if f.suffix.lower() in LEGACY_SUFFIXES]
    if legacy:
        from extractors.legacy.convert import preconvert

        try:
            preconvert(legacy)
        except ExtractionError:
            pass


def ingest(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    workers: int | None = None,
    force: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    limits: Limits = Limits(),
    on_result: Callable[[FileResult], None] | None = None,
) -> IngestReport:
    """Ingest files into the Parquet store at out_dir; returns what was done. Workers process and
    stage each file's parts; this driver commits them one file at a time as they arrive."""
    start = time.perf_counter()
    out = Path(out_dir)
    staging = out / STAGING_DIR
    paths = list(paths)
    root = store_root(out, paths)
    files = [f for f in discover(paths) if out.resolve() not in f.resolve().parents]  # never our own output
    report = IngestReport()
    if not force:
        state = ingested_state(out)
        report.skipped = [f for f in files if f.exists() and is_current(f, state, root)]
        files = [f for f in files if f not in set(report.skipped)]
    workers = min(workers or os.cpu_count() or 1, max(1, len(files)))
    if engine == "dask":
        from pipeline.batch.dask_engine import run_dask

        outcomes: Iterable[Outcome] = run_dask(files, staging, scheduler, workers, limits, root)
    else:
        _preconvert_legacy(files)
        outcomes = _run_local(files, staging, workers, limits, root)
    for result, staged in outcomes:
        commit_staged(out, staged)
        report.results.append(result)
        if on_result:
            on_result(result)
    ensure_errors_table(out)
    record_store_root(out, root)
    if report.results:
        from pipeline.batch.renditions import link_renditions

        link_renditions(out)
    report.seconds = time.perf_counter() - start
    return report
