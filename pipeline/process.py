"""The per-file pipeline: read → metadata → tasks (tables, prose) → KPIs → NLP → citations.

`process_file(path)` never raises for a bad file: whatever fails is recorded as an errors row with
a stable code, and the stages after a failed optional stage still run, so one bug in citation
finding does not lose a document's tasks.
"""

from __future__ import annotations

import dataclasses
import time
import traceback
import tracemalloc
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from extractors import extract, file_sha256
from extractors.model import Document, ExtractionError, Signature
from pipeline import PARSER_VERSION
from pipeline.citations import document_citations
from pipeline.stages.tasks.kpis import kpis_from_tables
from pipeline.stages.identity import Identity, identify, task_keys
from pipeline.stages.layout import Layout, layout
from pipeline.stages.metadata import extract_metadata
from pipeline.stages.paragraphs import paragraph_rows
from pipeline.normalize.enrich import enrich
from pipeline.stages.tasks.prose import tasks_from_prose
from pipeline.records import DocMeta, FileResult, TaskRow
from pipeline.batch.files import doc_id_for, source_path_for
from pipeline.stages.tasks.tables import tasks_from_tables
from schemas import SCHEMA_VERSION


def record_error(result: FileResult, stage: str, code: str, message: str, severity: str = "error") -> None:
    """Add a row of the errors table to a file's result."""
    result.errors.append(
        {
            "source_file": result.source_file,
            "source_sha256": result.source_sha256,
            "doc_id": result.doc_id,
            "source_path": result.source_path,
            "stage": stage,
            "error_code": code,
            "message": message,
            "severity": severity,
            "parser_version": PARSER_VERSION,
        }
    )


class _Run:
    """Collects stage timings and errors for one file."""

    def __init__(self, result: FileResult):
        self.result = result

    def error(self, stage: str, code: str, message: str, severity: str = "error") -> None:
        record_error(self.result, stage, code, message, severity)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        if tracemalloc.is_tracing():  # the benchmark's memory pass: peak Python memory per stage
            tracemalloc.reset_peak()
        try:
            yield
        except ExtractionError as exc:
            self.error(name, exc.code, exc.message)
        except OSError as exc:
            self.error(name, "unreadable_file", f"{self.result.source_file}: {exc.strerror or exc}")
        except Exception as exc:  # a bug in one stage must not lose the others' output
            where = traceback.extract_tb(exc.__traceback__)[-1]
            self.error(
                name, "internal_error", f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})"
            )
        finally:
            self.result.stage_seconds[name] = self.result.stage_seconds.get(name, 0.0) + time.perf_counter() - start
            if tracemalloc.is_tracing():
                peak = tracemalloc.get_traced_memory()[1] / 2**20
                self.result.stage_peak_mb[name] = max(self.result.stage_peak_mb.get(name, 0.0), peak)


def find_tasks(doc: Document, lay: Layout | None = None) -> list[TaskRow]:
    """Task rows from the document's task tables, else from its prose task items, numbered in order
    (a document with a task table has no prose tasks: its prose is context, not a second list)."""
    tasks = tasks_from_tables(doc) or tasks_from_prose(doc, lay)
    for seq, task in enumerate(tasks, start=1):
        task.task_seq = seq
    return tasks


def task_columns(task: TaskRow) -> dict:
    """A task's row of the tasks table: its fields without the provenance (`sources`), which is left
    out before the copy (asdict would copy every Source of it first: 60% of the time)."""
    row = dataclasses.asdict(dataclasses.replace(task, sources=[]))
    del row["sources"]
    return row


def _with_task_keys(rows: list[dict], identity: Identity | None) -> list[dict]:
    for row, key in zip(rows, task_keys(identity.document_key if identity else None, rows)):
        row["task_key"] = key
    return rows


def _with_ids(rows: list[dict], doc_id: str, source_file: str) -> list[dict]:
    for row in rows:
        row["doc_id"], row["source_file"] = doc_id, source_file
    return rows


def signature_rows(signatures: list[Signature]) -> list[dict]:
    """Rows of the signatures table (without the document's ids), in signing order."""
    rows = []
    for seq, sig in enumerate(signatures, start=1):
        x0, top, x1, bottom = sig.bbox or (None, None, None, None)
        rows.append(
            {
                "signature_seq": seq,
                "field_name": sig.field_name,
                "signed_at": sig.signed_at,
                "signed_date": sig.signed_at.date() if sig.signed_at else None,
                "page_start": sig.page,
                "x0": x0,
                "top": top,
                "x1": x1,
                "bottom": bottom,
                "subject_cn": sig.subject_cn,
                "subject_o": sig.subject_o,
                "serial_number": sig.serial_number,
                "issuer_cn": sig.issuer_cn,
                "subfilter": sig.subfilter,
                "covers_whole_file": sig.covers_whole_file,
                "is_organization": sig.is_organization,
                "appearance_text": sig.appearance_text or None,
                "stamped": sig.stamped,
            }
        )
    return rows


def _document_row(
    doc: Document | None, meta: DocMeta, result: FileResult, counts: dict[str, int], identity: Identity | None
) -> dict:
    row = dataclasses.asdict(meta)
    status = "failed" if result.failed else ("partial" if result.errors else "ok")
    confidence = doc.ocr_confidence if doc else None
    row.update(
        {
            "doc_id": result.doc_id,
            "source_file": result.source_file,
            "source_sha256": result.source_sha256,
            "file_format": doc.file_format if doc else None,
            "page_count": doc.page_count if doc else None,
            "status": status,
            "warnings": (doc.warnings if doc else []) + [e["message"] for e in result.errors],
            "task_count": counts["tasks"],
            "kpi_count": counts["kpis"],
            "citation_count": counts["citations"],
            "ocr_confidence": round(sum(confidence) / len(confidence), 2) if confidence else None,
            "parser_version": PARSER_VERSION,
            "schema_version": SCHEMA_VERSION,
            "source_path": result.source_path,
            "document_key": identity.document_key if identity else None,
            "is_final": identity.is_final if identity else None,
            "text_simhash": identity.text_simhash if identity else None,
        }
    )
    return row


def process_file(path: str | Path, root: str | Path | None = None) -> FileResult:
    """Run the whole per-file pipeline; returns rows for every output table and any errors.
    `root` is the ingest root that `source_path` (and so `doc_id`) is relative to."""
    path = Path(path)
    root = Path(root) if root is not None else None
    result = FileResult(
        doc_id=doc_id_for(path, root), source_file=path.name, source_sha256="", source_path=source_path_for(path, root)
    )
    run = _Run(result)
    with run.stage("read"):
        result.source_sha256 = file_sha256(path)
    if result.errors:
        return result
    doc: Document | None = None
    with run.stage("extract"):
        doc = extract(path)
    if doc is None:
        return result
    result.page_count = doc.page_count
    for code, severity, message in doc.issues:  # pages lost to a failed OCR
        run.error("extract", code, f"{path.name}: {message}", severity=severity)
    meta, tasks, kpis, units, cites, paragraphs = DocMeta(), [], [], [], [], []
    identity: Identity | None = None
    lay: Layout | None = None  # computed once: metadata reads its header, prose tasks its body
    with run.stage("metadata"):
        lay = layout(doc.blocks)
        meta = extract_metadata(doc, lay)
    with run.stage("tasks"):
        tasks = find_tasks(doc, lay)
    with run.stage("kpis"):
        kpis = kpis_from_tables(doc)
    with run.stage("nlp"):
        units = enrich(tasks, meta)
    with run.stage("citations"):
        cites = document_citations(doc, meta, tasks)
    with run.stage("identity"):
        identity = identify(meta, doc.text(), result.source_sha256, signed=bool(doc.signatures))
        paragraphs = paragraph_rows(doc)
    if not tasks and not kpis and not result.errors:
        run.error("tasks", "no_tasks", f"{path.name}: no task table or prose task list was found", severity="warning")
    for seq, kpi in enumerate(kpis, start=1):
        kpi.kpi_seq = seq
    result.plan_year = meta.plan_year
    ids = (result.doc_id, result.source_file)
    result.rows = {
        "tasks": _with_ids(_with_task_keys([task_columns(t) for t in tasks], identity), *ids),
        "kpis": _with_ids([dataclasses.asdict(k) for k in kpis], *ids),
        "task_units": _with_ids(list(units), *ids),
        "citations": _with_ids(list(cites), *ids),
        "paragraphs": _with_ids(paragraphs, *ids),
    }
    result.rows["signatures"] = _with_ids(signature_rows(doc.signatures), *ids)
    counts = {"tasks": len(tasks), "kpis": len(kpis), "citations": len(cites)}
    result.rows["documents"] = [_document_row(doc, meta, result, counts, identity)]
    result.row_counts = {table: len(rows) for table, rows in result.rows.items()}
    return result
