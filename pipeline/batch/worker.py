"""The worker side of every engine (pipeline/batch/ingest.py's local pool, dask_engine): process
one file with pipeline.process and write its parts to the staging folder, alone or in a sandboxed
child under the per-file `Limits` (pipeline/batch/budget.py); the errors row of a worker that was killed; and the warm-up that
lets forked workers start with the parsers imported.
"""

from __future__ import annotations

import importlib
from functools import partial
from pathlib import Path
from typing import Iterable

from extractors import file_sha256
from pipeline.batch.budget import Limits
from pipeline.batch.files import doc_id_for, source_path_for
from pipeline.batch.sandbox import SandboxResult, collector_paused, run_limited
from pipeline.batch.store import StagedResult, stage_result
from pipeline.normalize.aliases import load_aliases
from pipeline.process import process_file, record_error
from pipeline.records import FileResult


def process_and_stage(
    path: str | Path, staging: str | Path, root: str | Path | None = None
) -> tuple[FileResult, StagedResult]:
    """Worker-side unit of every engine: process one file and write its parts to `staging`;
    the driver only commits (renames). The returned result carries counts, not rows."""
    result = process_file(path, root)
    staged = stage_result(Path(staging), result)
    result.rows = {}
    return result, staged


def sandbox_failure(
    path: str | Path, staging: str | Path, outcome: SandboxResult, root: str | Path | None = None
) -> tuple[FileResult, StagedResult]:
    """The outcome of a file whose worker was killed (timeout, memory) or crashed: an errors row."""
    path = Path(path)
    root = Path(root) if root is not None else None
    try:
        sha = file_sha256(path)
    except OSError:
        sha = ""
    result = FileResult(
        doc_id=doc_id_for(path, root), source_file=path.name, source_sha256=sha, source_path=source_path_for(path, root)
    )
    result.stage_seconds["worker"] = outcome.seconds  # so a killed file shows among the slowest
    record_error(result, "worker", outcome.error_code or "internal_error", f"{path.name}: {outcome.message}")
    return result, stage_result(Path(staging), result)


def process_and_stage_limited(
    path: str | Path, staging: str | Path, limits: Limits, root: str | Path | None = None
) -> tuple[FileResult, StagedResult]:
    """`process_and_stage` in a sandboxed child under the per-file time and memory limits (the
    calling worker warms up once, so its children start with the parsers imported)."""
    warm_up()
    outcome = run_limited(
        partial(process_and_stage, staging=staging, root=root), path, limits.timeout_for(path), limits.memory_mb
    )
    return outcome.value if outcome.ok else sandbox_failure(path, staging, outcome, root)


# parsers the backends import lazily (extractors dispatches by content), with the suffixes of the
# files that need them: imported once in the parent, forked workers start with them instead of
# importing them again for every file
_WARM_MODULES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    ((".pdf",), ("extractors.pdf.backend", "pdfplumber", "pdfminer.layout", "pypdfium2")),
    ((".docx", ".doc", ".rtf", ".odt"), ("extractors.docx.backend", "docx.package", "lxml.etree")),
)


def warm_up(suffixes: Iterable[str] | None = None) -> None:
    """Import parsers and load the stages' cached tables (unit aliases) once, in a parent process.
    Given a batch's file suffixes, only the parsers those files need (a PDF batch does without the
    DOCX parser: 0.05 s and 9 MB); a file whose content is of another format imports its parser in
    its own worker."""
    wanted = None if suffixes is None else {s.lower() for s in suffixes}
    known = {s for group, _ in _WARM_MODULES for s in group}
    with collector_paused():
        for group, modules in _WARM_MODULES:
            if wanted is None or not wanted <= known or wanted & set(group):
                for module in modules:
                    importlib.import_module(module)
        load_aliases()
