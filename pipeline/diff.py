"""Compare the task lists of two documents (last year's plan and this year's): which tasks continue
unchanged, which were modified (and in which fields), which were added or removed, split or merged.

    old, new = load_tasks(data_dir, "2023-kh-kstthc-skhcn.docx"), load_tasks(data_dir, "2025-…")
    rows = diff_tasks(old, new)           # rows of the task_diffs table
    write_diffs(data_dir, rows)           # task_diffs/<old key>__<new key>.parquet, atomically

Alignment. Tasks are paired one-to-one by an assignment (scipy's linear_sum_assignment) that
maximizes the total similarity; a pair is kept when its similarity reaches `threshold`. The
similarity is a TF-IDF cosine over Vietnamese words (underthesea word segmentation) of the task
text, its result and both together, mixed with the similarity of the section titles above the
rows. The STT is never used: numbering is redone every year. Before segmenting, abbreviations are
expanded (UBND → Ủy ban nhân dân …), old-style tone marks folded (uỷ → ủy) and the years around the
plan year replaced by a relative token, so "năm 2023" in the 2023 plan equals "năm 2025" in 2025.

Split and merge. A task left without a partner whose text reappears nearly verbatim (word-bigram
containment >= CONTAIN_THRESHOLD) inside a task of the other document that is already paired is
linked to it: an unpaired old task inside a paired new one was merged into it ("merged"), an
unpaired new task inside a paired old one was split off it ("split"). The rows of one such group
share a `group_id`; the `similarity` of a split/merged row is that containment.

Classification, on each pair. A field changed when its words differ (case, punctuation, bullets
and the plan year aside): `content`, `result`, `units`, `timing`. A timing left blank on one side
is "not stated", not a change. Units are also compared on canonical unit names per role (the NLP
layer's `lead_units`/`support_units`/`monitor_units`, or `pipeline.units.split_units` when the
rows lack them): when the wording differs but the canonical owners and their roles are the same,
the change is a renaming (`units_change = "renamed"`: Phòng Hành chính - Tổng hợp → Văn phòng
Sở); otherwise a reassignment. Both count as a change of `units` in `changed_fields`, as in the
reviewed gold alignment.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from pipeline.units import ROLES, fold_text, split_units

FIELDS = ("content", "result", "units", "timing")
STATUSES = ("unchanged", "modified", "split", "merged", "added", "removed")
PAIR_STATUSES = ("unchanged", "modified", "split", "merged")  # rows that link an old and a new task

THRESHOLD = 0.38  # pair similarity below this: the two tasks are not the same duty
CONTAIN_THRESHOLD = 0.80  # word-bigram containment for a split or merge link
SECTION_WEIGHT = 0.10  # share of the section-title similarity in the pair similarity

# --- text normalization -------------------------------------------------------------------------

# Abbreviations that the same plan writes both ways from one year to the next (similarity only:
# the reviewed alignment counts "UBND" → "Ủy ban nhân dân" as a change of wording).
_ABBREVIATIONS = {
    "ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân", "tthc": "thủ tục hành chính",
    "kh&cn": "khoa học và công nghệ", "khcn": "khoa học và công nghệ",
    "vbqppl": "văn bản quy phạm pháp luật", "qppl": "quy phạm pháp luật",
    "cchc": "cải cách hành chính", "dvc": "dịch vụ công", "cđs": "chuyển đổi số",
    "pakn": "phản ánh kiến nghị",
}
_ABBR_RE = re.compile(r"(?<![\w&])(" + "|".join(re.escape(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True))
                      + r")(?![\w&])")
_BULLET_RE = re.compile(r"^\s*(?:[-+•*·–]|[a-zđ]\)|\d+[.)])\s*", re.M)
_WORD_RE = re.compile(r"\w+")
# a four-digit year that is not part of a number/symbol ("45/2020/NĐ-CP") or a date ("08/4/2020")
_YEAR_RE = re.compile(r"(?<!\d/)(?<![\w.-])((?:19|20)\d\d)(?![\w/])")
_STOPWORDS = frozenset(
    "và của các trong theo về cho được với có để tại trên là những này đó khi thì hoặc một số đã "
    "đang sẽ như từ do vào ra nếu".split())


def normalize(text: str | None, plan_year: int | None = None) -> str:
    """NFC, lower case, old tone marks folded, years near the plan year made relative."""
    text = fold_text(text or "").lower().replace("…", "...")
    if plan_year:
        def rel(m: re.Match) -> str:
            delta = int(m.group(1)) - plan_year
            return f"nămkếhoạch{delta:+d}".replace("+0", "") if abs(delta) <= 1 else m.group(1)
        text = _YEAR_RE.sub(rel, text)
    return text


def words(text: str | None, plan_year: int | None = None) -> tuple[str, ...]:
    """The words of a field as a reader compares them: no case, punctuation, bullets or plan year."""
    return tuple(_WORD_RE.findall(_BULLET_RE.sub(" ", normalize(text, plan_year))))


def segment(text: str, plan_year: int | None = None) -> list[str]:
    """Vietnamese words (underthesea segmentation, "ban_hành"), abbreviations expanded, no stopwords."""
    norm = _ABBR_RE.sub(lambda m: _ABBREVIATIONS[m.group(1)], _BULLET_RE.sub(" ", normalize(text, plan_year)))
    return list(_segment(norm)) if norm.strip() else []


@functools.lru_cache(maxsize=16384)
def _segment(norm: str) -> tuple[str, ...]:
    from underthesea import word_tokenize  # imported lazily: loading it takes ~1 s

    tokens = (w.lower().replace(" ", "_") for w in word_tokenize(norm))
    return tuple(w for w in tokens if _WORD_RE.search(w) and w not in _STOPWORDS)


# --- units --------------------------------------------------------------------------------------

def canonical_units(task: "DiffTask") -> tuple[frozenset, ...]:
    """Canonical owners per role (lead, support, monitor, advise), to tell a renaming from a
    reassignment: the task's lead/support/monitor_units when the NLP layer filled them, else
    `pipeline.units.split_units` on its units text."""
    if task.lead_units or task.support_units or task.monitor_units:
        return tuple(frozenset(u) for u in (task.lead_units, task.support_units, task.monitor_units, ()))
    roles: dict[str, set] = {}
    for mention in split_units(task.units, None, task.plan_year) if task.units else ():
        roles.setdefault(mention.role, set()).add(mention.unit)
    return tuple(frozenset(roles.get(r, ())) for r in ROLES)


# --- tasks --------------------------------------------------------------------------------------

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
    for row in sorted(rows, key=lambda r: r.get("seq") or 0):
        year = plan_year or row.get("plan_year") or None
        sub = row.get("sub")
        key = (row.get("section"), row.get("stt"), row.get("parent_content"))
        if sub and key in groups:
            t = groups[key]
            t.seqs.append(row.get("seq") or 0)
            label = f"{sub} " if not (row.get("result") or "").startswith(sub) else ""
            t.result = "\n".join(x for x in (t.result, f"{label}{row.get('result') or ''}".strip()) if x)
            t.units = _join([*t.units.split("\n"), _units_text(row)]) if t.units else _units_text(row)
            t.timing = _join([*t.timing.split("\n"), row.get("timing_raw")]) if t.timing else (row.get("timing_raw") or "")
            for role in ("lead_units", "support_units", "monitor_units"):
                getattr(t, role).extend(u for u in (row.get(role) or []) if u not in getattr(t, role))
            continue
        result = row.get("result") or ""
        if sub:
            result = result if result.startswith(sub) else f"{sub} {result}".strip()
        t = DiffTask(
            seq=row.get("seq") or len(tasks) + 1,
            content=(row.get("parent_content") or row.get("content") or "") if sub else (row.get("content") or ""),
            result=result, units=_units_text(row), timing=row.get("timing_raw") or "",
            section=row.get("section"), section_title=row.get("section_title"), stt=row.get("stt"),
            lead_units=list(row.get("lead_units") or []), support_units=list(row.get("support_units") or []),
            monitor_units=list(row.get("monitor_units") or []), plan_year=year,
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
        rows.append({"seq": i, "section": t.get("section"), "stt": t.get("stt"), "content": t.get("content", ""),
                     "result": t.get("result", ""), "units_raw": units, "timing_raw": t.get("timing", "")})
    return tasks_from_rows(rows, year)


# --- similarity and alignment -------------------------------------------------------------------

@dataclass
class _Features:
    content: list[str]
    result: list[str]
    section: list[str]

    @property
    def both(self) -> list[str]:
        return self.content + self.result


def _features(task: DiffTask) -> _Features:
    return _Features(segment(task.content, task.plan_year), segment(task.result, task.plan_year),
                     segment(task.section_title or "", task.plan_year))


class _Tfidf:
    """TF-IDF vectors (dicts) over the tasks of both documents."""

    def __init__(self, docs: Sequence[list[str]]):
        df = Counter(w for d in docs for w in set(d))
        n = len(docs)
        self.idf = {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}

    def vector(self, tokens: list[str]) -> dict[str, float]:
        counts = Counter(tokens)
        vec = {w: c * self.idf.get(w, 1.0) for w, c in counts.items()}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        return {w: x / norm for w, x in vec.items()}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def similarity_matrix(old: Sequence[DiffTask], new: Sequence[DiffTask]) -> np.ndarray:
    """Pair similarity in [0, 1] of every old × new task."""
    fo, fn = [_features(t) for t in old], [_features(t) for t in new]
    tfidf = _Tfidf([f.both for f in fo + fn])
    sec_tfidf = _Tfidf([f.section for f in fo + fn])

    def vecs(f: _Features):
        return (tfidf.vector(f.content), tfidf.vector(f.result), tfidf.vector(f.both), sec_tfidf.vector(f.section))

    vo, vn = [vecs(f) for f in fo], [vecs(f) for f in fn]
    m = np.zeros((len(old), len(new)))
    for i, (c1, r1, b1, s1) in enumerate(vo):
        for j, (c2, r2, b2, s2) in enumerate(vn):
            c = _cos(c1, c2)
            r = _cos(r1, r2) if r1 and r2 else c  # a missing result neither helps nor hurts
            text = 0.5 * c + 0.2 * r + 0.3 * _cos(b1, b2)
            if s1 and s2:
                text = (1 - SECTION_WEIGHT) * text + SECTION_WEIGHT * _cos(s1, s2)
            m[i, j] = text
    return np.clip(m, 0.0, 1.0)


def _bigrams(tokens: list[str]) -> set[tuple[str, str]]:
    return set(zip(tokens, tokens[1:]))


def containment(part: DiffTask, whole: DiffTask) -> float:
    """Share of `part`'s task-text word bigrams found in `whole`'s text and result."""
    a = _bigrams(segment(part.content, part.plan_year))
    if not a:
        return 0.0
    b = _bigrams(segment(whole.content, whole.plan_year) + ["|"] + segment(whole.result, whole.plan_year))
    return len(a & b) / len(a)


def align(old: Sequence[DiffTask], new: Sequence[DiffTask], threshold: float = THRESHOLD
          ) -> tuple[list[tuple[int, int, float]], np.ndarray]:
    """One-to-one pairs (old index, new index, similarity) above the threshold, and the matrix."""
    if not old or not new:
        return [], np.zeros((len(old), len(new)))
    from scipy.optimize import linear_sum_assignment

    m = similarity_matrix(old, new)
    rows, cols = linear_sum_assignment(-m)
    pairs = [(int(i), int(j), float(m[i, j])) for i, j in zip(rows, cols) if m[i, j] >= threshold]
    return sorted(pairs, key=lambda p: p[1]), m


# --- classification -----------------------------------------------------------------------------

def changed_fields(old: DiffTask, new: DiffTask) -> tuple[list[str], str | None]:
    """The fields that changed between two versions of a task, and how the units changed
    ("renamed": same canonical owners, other wording; "reassigned"; None: no change)."""
    changed = []
    for name in ("content", "result"):
        if words(getattr(old, name), old.plan_year) != words(getattr(new, name), new.plan_year):
            changed.append(name)
    units_change = None
    canon_old, canon_new = canonical_units(old), canonical_units(new)
    if words(old.units) != words(new.units) or canon_old != canon_new:
        changed.append("units")
        units_change = "renamed" if canon_old == canon_new else "reassigned"
    t_old, t_new = words(old.timing, old.plan_year), words(new.timing, new.plan_year)
    if t_old and t_new and t_old != t_new:  # blank on one side: not stated, not a change
        changed.append("timing")
    return changed, units_change


def _row(status: str, old_doc: str | None, new_doc: str | None, o: DiffTask | None, n: DiffTask | None,
         similarity: float | None = None, changed: Sequence[str] = (), units_change: str | None = None,
         group_id: int | None = None) -> dict[str, Any]:
    def side(t: DiffTask | None, name: str):
        return getattr(t, name) if t is not None else None

    row: dict[str, Any] = {
        "old_doc_id": old_doc, "new_doc_id": new_doc, "old_seq": side(o, "seq"), "new_seq": side(n, "seq"),
        "status": status, "similarity": None if similarity is None else round(float(similarity), 4),
        "changed_fields": list(changed),
    }
    for name in ("section", "stt", "content", "result", "units", "timing"):
        row[f"old_{name}"], row[f"new_{name}"] = side(o, name), side(n, name)
    row["group_id"] = group_id
    row.update({
        "units_change": units_change,
        "old_section_title": side(o, "section_title"), "new_section_title": side(n, "section_title"),
        "old_plan_year": side(o, "plan_year"), "new_plan_year": side(n, "plan_year"),
        "old_units_canonical": sorted(set().union(*canonical_units(o))) if o is not None else None,
        "new_units_canonical": sorted(set().union(*canonical_units(n))) if n is not None else None,
    })
    return row


def diff_tasks(old: Sequence[DiffTask], new: Sequence[DiffTask], old_doc_id: str | None = None,
               new_doc_id: str | None = None, threshold: float = THRESHOLD,
               contain_threshold: float = CONTAIN_THRESHOLD) -> list[dict[str, Any]]:
    """Rows of the task_diffs table comparing two task lists, in reading order of the new
    document (removed tasks after the task that follows their old predecessor)."""
    pairs, _ = align(old, new, threshold)
    o2n = {i: j for i, j, _ in pairs}
    n2o = {j: i for i, j, _ in pairs}

    # split / merge links onto already paired tasks
    links: list[tuple[str, int, int, float]] = []
    for i, o in enumerate(old):
        if i in o2n:
            continue
        best = max(((containment(o, new[j]), j) for j in n2o), default=(0.0, -1))
        if best[0] >= contain_threshold:
            links.append(("merged", i, best[1], best[0]))
    for j, n in enumerate(new):
        if j in n2o:
            continue
        best = max(((containment(n, old[i]), i) for i in o2n), default=(0.0, -1))
        if best[0] >= contain_threshold:
            links.append(("split", best[1], j, best[0]))

    group_of: dict[tuple[str, int], int] = {}
    for kind, i, j, _ in links:
        anchor = ("new", j) if kind == "merged" else ("old", i)
        group_of.setdefault(anchor, len(group_of) + 1)

    keyed: list[tuple[tuple, dict]] = []
    for i, j, sim in pairs:
        changed, units_change = changed_fields(old[i], new[j])
        gid = group_of.get(("new", j)) or group_of.get(("old", i))
        row = _row("modified" if changed else "unchanged", old_doc_id, new_doc_id, old[i], new[j], sim,
                   changed, units_change, gid)
        keyed.append(((j, 0, i), row))
    linked_old = {i for kind, i, _, _ in links if kind == "merged"}
    linked_new = {j for kind, _, j, _ in links if kind == "split"}
    for kind, i, j, score in links:
        changed, units_change = changed_fields(old[i], new[j])
        gid = group_of[("new", j) if kind == "merged" else ("old", i)]
        keyed.append(((j, 1, i), _row(kind, old_doc_id, new_doc_id, old[i], new[j], score, changed,
                                      units_change, gid)))
    for j, n in enumerate(new):
        if j not in n2o and j not in linked_new:
            keyed.append(((j, 0, -1), _row("added", old_doc_id, new_doc_id, None, n)))
    for i, o in enumerate(old):
        if i in o2n or i in linked_old:
            continue
        before = [k for k in o2n if k < i]  # shown after the partner of its nearest paired predecessor
        keyed.append(((o2n[max(before)] if before else -1, 2, i), _row("removed", old_doc_id, new_doc_id, o, None)))
    keyed.sort(key=lambda kr: kr[0])
    return [row for _, row in keyed]


def summarize(rows: Sequence[dict]) -> dict[str, int]:
    counts = Counter(r["status"] for r in rows)
    return {s: counts.get(s, 0) for s in STATUSES}


# --- reading and writing data/parquet -----------------------------------------------------------

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
    """"plan_year=2023,issuer=khoa học" → {"plan_year": "2023", "issuer": "khoa học"} ({} for a name)."""
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
            f"SELECT DISTINCT doc_id, source_file, {year}, doc_type, issuer, title FROM documents").fetchall()
        return [DocRef(r[0], r[1], int(r[2]) if r[2] else None, r[3], r[4], r[5]) for r in rows]
    if "tasks" in views:
        rows = con.execute("SELECT DISTINCT doc_id, source_file, plan_year FROM tasks").fetchall()
        return [DocRef(r[0], r[1], int(r[2]) if r[2] else None) for r in rows]
    return []


def _matches(doc: DocRef, sel: dict[str, str]) -> bool:
    for key, value in sel.items():
        v = value.casefold()
        if key in ("plan_year", "year"):
            if str(doc.plan_year) != value:
                return False
        elif key in ("issuer", "title"):
            if v not in (getattr(doc, key) or "").casefold():
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
        raise DiffError(f"{what} matches {len(cands)} documents: {listed} — narrow it down "
                        f"(a file name, or add plan_year=/issuer=/title=)")
    return cands[0]


def load_tasks(data_dir: str | Path, doc: DocRef | str) -> list[DiffTask]:
    """The tasks of one ingested document, sub-items folded."""
    from pipeline.query import connect

    doc_id = doc.doc_id if isinstance(doc, DocRef) else doc
    con = connect(data_dir)
    try:
        rel = con.execute("SELECT * FROM tasks WHERE doc_id = ? ORDER BY seq", [doc_id])
    except Exception as exc:  # no tasks view: nothing ingested
        raise DiffError(f"no tasks table under {data_dir} (run `vanban ingest` first)") from exc
    cols = [d[0] for d in rel.description]
    rows = [dict(zip(cols, r)) for r in rel.fetchall()]
    year = doc.plan_year if isinstance(doc, DocRef) else None
    return tasks_from_rows(rows, year or None)


def diff_key(old_doc_id: str, new_doc_id: str) -> str:
    from pipeline.store import doc_key

    return f"{doc_key(old_doc_id)}__{doc_key(new_doc_id)}"


def write_diffs(data_dir: str | Path, rows: Sequence[dict], old_doc_id: str, new_doc_id: str) -> Path:
    """Write the rows of one (old, new) comparison to task_diffs/<old>__<new>.parquet, replacing an
    earlier run of the same pair (temp file + os.replace: readers never see half a file)."""
    import pyarrow as pa

    from pipeline.store import write_atomic
    from schemas.tables import schema_for

    schema = schema_for("task_diffs")
    table = pa.Table.from_pylist([{f.name: r.get(f.name) for f in schema} for r in rows], schema=schema)
    path = Path(data_dir) / "task_diffs" / f"{diff_key(old_doc_id, new_doc_id)}.parquet"
    write_atomic(table, path)
    return path


# --- scoring against a reviewed alignment -------------------------------------------------------

def _as_rows(diff_rows: Any) -> list[dict]:
    if hasattr(diff_rows, "to_pylist"):  # pyarrow Table
        return diff_rows.to_pylist()
    if hasattr(diff_rows, "to_dict"):  # pandas DataFrame
        return diff_rows.to_dict("records")
    return list(diff_rows)


def score_alignment(diff_rows: Any, gold: dict) -> dict:
    """Score diff rows against a reviewed alignment (../shared/corpus/diff/*.json, keyed by STT).

    Pair precision: predicted pairs (every row linking an old and a new task: unchanged, modified,
    split, merged) found in `pairs` or `optional_pairs`; pair recall: `pairs` found; F1. Status
    accuracy over the gold pairs found: the relation (unchanged vs modified) and the set of changed
    fields both right. `relation_accuracy` and `field_accuracy` (per field) break it down.
    """
    rows = _as_rows(diff_rows)
    gold_pairs = {(str(p["old_stt"]), str(p["new_stt"])): p for p in gold.get("pairs", [])}
    optional = {(str(p["old_stt"]), str(p["new_stt"])) for p in gold.get("optional_pairs", [])}
    predicted: dict[tuple[str, str], dict] = {}
    for r in rows:
        if r.get("status") in PAIR_STATUSES and r.get("old_stt") is not None and r.get("new_stt") is not None:
            predicted.setdefault((str(r["old_stt"]), str(r["new_stt"])), r)
    found = [k for k in predicted if k in gold_pairs]
    accepted = [k for k in predicted if k in gold_pairs or k in optional]
    precision = len(accepted) / len(predicted) if predicted else (1.0 if not gold_pairs else 0.0)
    recall = len(found) / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    status_ok = relation_ok = fields_ok = fields_n = 0
    status_errors = []
    for key in found:
        g, p = gold_pairs[key], predicted[key]
        g_changed = set(g.get("changed") or [])
        g_rel = g.get("relation") or ("modified" if g_changed else "same")
        p_changed = set(p.get("changed_fields") or [])
        p_rel = "modified" if p_changed else "same"
        rel_right = (g_rel == "same") == (p_rel == "same")
        relation_ok += rel_right
        for f in FIELDS:
            fields_n += 1
            fields_ok += (f in g_changed) == (f in p_changed)
        if rel_right and g_changed == p_changed:
            status_ok += 1
        else:
            status_errors.append({"old_stt": key[0], "new_stt": key[1], "gold": sorted(g_changed),
                                  "predicted": sorted(p_changed)})
    n = len(found)
    return {
        "pair_precision": round(precision, 4), "pair_recall": round(recall, 4), "pair_f1": round(f1, 4),
        "status_accuracy": round(status_ok / n, 4) if n else 0.0,
        "relation_accuracy": round(relation_ok / n, 4) if n else 0.0,
        "field_accuracy": round(fields_ok / fields_n, 4) if fields_n else 0.0,
        "predicted_pairs": len(predicted), "gold_pairs": len(gold_pairs), "found_pairs": n,
        "wrong_pairs": sorted(k for k in predicted if k not in gold_pairs and k not in optional),
        "missed_pairs": sorted(k for k in gold_pairs if k not in predicted),
        "status_errors": status_errors,
    }
