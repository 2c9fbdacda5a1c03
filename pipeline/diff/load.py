"""The tasks a comparison works on (pipeline/diff/classify.py): which ingested documents to compare and
their task lists.

    docs = documents(data_dir)                                 # every ingested document
    old = resolve_document(docs, "2023-kh-kstthc-skhcn.docx")  # a name, stem or "plan_year=2023,…"
    tasks = load_tasks(data_dir, old)                          # DiffTasks, sub-items folded

A DiffTask is one duty as a reader counts it: the sub-item rows of one STT ("a)", "b)") folded
into their parent, with the sub-items' results, units and timing joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence


@dataclass
class DiffTask:
    """One task of a document as the diff sees it: sub-item rows folded into their parent."""

    seq: int
    content: str
    result: str = ""
    units: str = ""
    timing: str = ""
    section: str | None = None
    section_title: str | None = None
    stt: str | None = None
    seqs: list[int] = field(default_factory=list)
    lead_units: list[str] = field(default_factory=list)
    support_units: list[str] = field(default_factory=list)
    monitor_units: list[str] = field(default_factory=list)
    plan_year: int | None = None


def _units_text(row: dict) -> str:
    text = row.get("units_raw") or ""
    if not text:
        text = "\n".join(x for x in (row.get("lead_raw"), row.get("support_raw"), row.get("monitor_raw")) if x)
    return text


def _join(values: Iterable[str | None]) -> str:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return "\n".join(out)


def tasks_from_rows(rows: Iterable[dict], plan_year: int | None = None) -> list[DiffTask]:
    """DiffTasks from rows of the tasks table (dicts): the sub-item rows of one parent ("a)", "b)"
    of one STT) become one task, with the parent's text and the sub-items' fields joined."""
    tasks: list[DiffTask] = []
    groups: dict[tuple, DiffTask] = {}
    for row in sorted(rows, key=lambda r: r.get("task_seq") or 0):
        year = plan_year or row.get("plan_year") or None
        sub = row.get("sub")
        key = (row.get("section"), row.get("stt"), row.get("parent_content"))
        if sub and key in groups:
            t = groups[key]
            t.seqs.append(row.get("task_seq") or 0)
            label = f"{sub} " if not (row.get("result") or "").startswith(sub) else ""
            t.result = "\n".join(x for x in (t.result, f"{label}{row.get('result') or ''}".strip()) if x)
            t.units = _join([*t.units.split("\n"), _units_text(row)]) if t.units else _units_text(row)
            t.timing = (
                _join([*t.timing.split("\n"), row.get("timing_raw")]) if t.timing else (row.get("timing_raw") or "")
            )
            for role, columns in (
                ("lead_units", ("lead_units",)),
                ("support_units", ("support_units", "advise_units")),
                ("monitor_units", ("monitor_units",)),
            ):
                units = [u for column in columns for u in (row.get(column) or [])]
                getattr(t, role).extend(u for u in units if u not in getattr(t, role))
            continue
        result = row.get("result") or ""
        if sub:
            result = result if result.startswith(sub) else f"{sub} {result}".strip()
        t = DiffTask(
            seq=row.get("task_seq") or len(tasks) + 1,
            content=(row.get("parent_content") or row.get("content") or "") if sub else (row.get("content") or ""),
            result=result,
            units=_units_text(row),
            timing=row.get("timing_raw") or "",
            section=row.get("section"),
            section_title=row.get("section_title"),
            stt=row.get("stt"),
            lead_units=list(row.get("lead_units") or []),
            support_units=[*(row.get("support_units") or []), *(row.get("advise_units") or [])],
            monitor_units=list(row.get("monitor_units") or []),
            plan_year=year,
        )
        t.seqs = [t.seq]
        if sub:
            groups[key] = t
        tasks.append(t)
    return tasks


def tasks_from_gold(gold_doc: dict, plan_year: int | None = None) -> list[DiffTask]:
    """DiffTasks from a gold answer file's task list (for development and tests)."""
    year = plan_year or (gold_doc.get("document") or {}).get("year")
    rows = []
    for i, t in enumerate(gold_doc.get("tasks", []), start=1):
        units = t.get("units") or _join([t.get("lead"), t.get("support"), t.get("monitor")])
        rows.append(
            {
                "task_seq": i,
                "section": t.get("section"),
                "stt": t.get("stt"),
                "content": t.get("content", ""),
                "result": t.get("result", ""),
                "units_raw": units,
                "timing_raw": t.get("timing", ""),
            }
        )
    return tasks_from_rows(rows, year)


# --- which documents ----------------------------------------------------------------------------


@dataclass
class DocRef:
    doc_id: str
    source_file: str | None = None
    plan_year: int | None = None
    doc_type: str | None = None
    issuer: str | None = None
    title: str | None = None

    @property
    def label(self) -> str:
        return f"{self.doc_id}" + (f" ({self.plan_year})" if self.plan_year else "")


class DiffError(ValueError):
    """A document that cannot be found, or a selection that is ambiguous (message for the user)."""


_SELECT_KEYS = {"plan_year", "year", "issuer", "doc_type", "type", "title", "doc_id", "source_file"}


def parse_selector(spec: str | None) -> dict[str, str]:
    """ "plan_year=2023,issuer=khoa học" → {"plan_year": "2023", "issuer": "khoa học"} ({} for a name)."""
    if not spec or "=" not in spec:
        return {}
    out = {}
    for part in re.split(r"[,&]", spec):
        key, _, value = part.partition("=")
        key = key.strip().lower().replace("-", "_")
        if key not in _SELECT_KEYS:
            raise DiffError(f"unknown selection key {key!r} (use {', '.join(sorted(_SELECT_KEYS))})")
        out["doc_type" if key == "type" else key] = value.strip()
    return out


def documents(data_dir: str | Path) -> list[DocRef]:
    """Every ingested document (from the documents table; the tasks table when it is missing)."""
    from pipeline.query import available, connect

    con = connect(data_dir)
    views = available(con)
    if "documents" in views:
        cols = {c for (c,) in con.execute("SELECT column_name FROM (DESCRIBE documents)").fetchall()}
        year = "plan_year" if "plan_year" in cols else "year"
        rows = con.execute(
            f"SELECT DISTINCT doc_id, source_file, {year}, doc_type, issuer, title FROM documents"
        ).fetchall()
        return [DocRef(r[0], r[1], int(r[2]) if r[2] else None, r[3], r[4], r[5]) for r in rows]
    if "tasks" in views:
        rows = con.execute("SELECT DISTINCT doc_id, source_file, plan_year FROM tasks").fetchall()
        return [DocRef(r[0], r[1], int(r[2]) if r[2] else None) for r in rows]
    return []


def _matches(doc: DocRef, sel: dict[str, str]) -> bool:
    from pipeline.search import fold

    for key, value in sel.items():
        v = value.casefold()
        if key in ("plan_year", "year"):
            if str(doc.plan_year) != value:
                return False
        elif key in ("issuer", "title"):  # typed without accents or in another Unicode form too
            if fold(value) not in fold(getattr(doc, key)):
                return False
        elif key == "doc_type":
            if (doc.doc_type or "").casefold() != v:
                return False
        elif key in ("doc_id", "source_file"):
            if v not in (getattr(doc, key) or "").casefold():
                return False
    return True


def resolve_document(docs: Sequence[DocRef], spec: str | None = None, **selection: Any) -> DocRef:
    """The one document that `spec` names (a doc id, a source file name or path, its stem, or a
    selector "plan_year=2023,issuer=…") and that matches `selection` (plan_year, issuer, doc_type,
    title; None values ignored). Raises DiffError when none or several match."""
    sel = {k: str(v) for k, v in selection.items() if v not in (None, "")}
    sel.update(parse_selector(spec))
    cands = list(docs)
    if spec and "=" not in spec:
        name = Path(spec).name
        exact = [d for d in cands if name in (d.doc_id, Path(d.source_file or "").name)]
        if not exact:
            stem = Path(name).stem.removesuffix(".scan")
            exact = [d for d in cands if stem in (Path(d.doc_id).stem, Path(d.source_file or "").stem)]
        cands = exact
    cands = [d for d in cands if _matches(d, sel)]
    if len(cands) > 1:
        # one document ingested from several formats: prefer the born-digital DOCX, then the PDF
        stems = {Path(d.doc_id).stem.removesuffix(".scan") for d in cands}
        if len(stems) == 1:
            rank = {".docx": 0, ".pdf": 1, ".doc": 2}
            cands = sorted(cands, key=lambda d: (rank.get(Path(d.doc_id).suffix.lower(), 9), d.doc_id))[:1]
    what = spec or ", ".join(f"{k}={v}" for k, v in sel.items()) or "(nothing)"
    if not cands:
        known = ", ".join(sorted(d.doc_id for d in docs)[:12]) or "none: run `vanban ingest` first"
        raise DiffError(f"no ingested document matches {what} (documents: {known})")
    if len(cands) > 1:
        listed = "; ".join(f"{d.doc_id} [{d.plan_year}]" for d in cands[:10])
        raise DiffError(
            f"{what} matches {len(cands)} documents: {listed} — narrow it down "
            f"(a file name, or add plan_year=/issuer=/title=)"
        )
    return cands[0]


def load_tasks(data_dir: str | Path, doc: DocRef | str) -> list[DiffTask]:
    """The tasks of one ingested document, sub-items folded."""
    from pipeline.query import connect

    doc_id = doc.doc_id if isinstance(doc, DocRef) else doc
    con = connect(data_dir)
    try:
        rel = con.execute("SELECT * FROM tasks WHERE doc_id = ? ORDER BY task_seq", [doc_id])
    except Exception as exc:  # no tasks view: nothing ingested
        raise DiffError(f"no tasks table under {data_dir} (run `vanban ingest` first)") from exc
    cols = [d[0] for d in rel.description]
    rows = [dict(zip(cols, r)) for r in rel.fetchall()]
    year = doc.plan_year if isinstance(doc, DocRef) else None
    return tasks_from_rows(rows, year or None)
