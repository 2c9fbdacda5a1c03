"""Score the Parquet output against gold answers with the corpus' reference metric.

Same numbers as ../shared/tools/score.py (it is not imported at run time: the project must work
without ../shared):
- tasks: predicted and gold rows of a file are matched one-to-one (Hungarian assignment on the
  similarity of the task text); a pair counts at similarity >= 0.90; then the share of fields
  (result, timing, units, lead, support, monitor) that match (>= 0.90). Sub-item rows are folded
  into one row per (section, stt) first, as the gold keeps sub-items inside their parent.
- citations: sets of canonical refs per file; laws cited by name matched by (kind, year) and name.
- documents: doc_type, symbol, date, year, signer (>= 0.90), title (>= 0.85).
Similarity is rapidfuzz's normalized Indel ratio on NFC text with bullets and whitespace folded.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

import numpy as np
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

ROW_MATCH = 0.90
FIELD_MATCH = 0.90
TITLE_MATCH = 0.85
LAW_NAME_MATCH = 0.6
TASK_FIELDS = {  # gold field -> output column
    "result": "result",
    "timing": "timing_raw",
    "units": "units_raw",
    "lead": "lead_raw",
    "support": "support_raw",
    "monitor": "monitor_raw",
}


def norm(text: Any) -> str:
    if text is None:
        return ""
    if isinstance(text, (list, tuple)):
        text = "\n".join(str(t) for t in text if t)
    text = unicodedata.normalize("NFC", str(text))
    lines = [re.sub(r"^\s*[-+•]\s*", "", line) for line in text.splitlines()]
    return re.sub(r"\s+", " ", " ".join(lines)).strip().lower()


def sim(a: Any, b: Any) -> float:
    a, b = norm(a), norm(b)
    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def canon_ref(ref: str | None) -> str | None:
    if not ref:
        return None
    r = unicodedata.normalize("NFC", str(ref)).upper().replace(" ", "").replace("–", "-")
    return r.replace("Ð", "Đ").replace("NĐCP", "NĐ-CP")


def fold_subitems(rows: list[dict]) -> list[dict]:
    out, groups = [], {}
    for r in rows:
        if r.get("sub") in (None, ""):
            out.append(r)
            continue
        key = (r.get("section"), r.get("stt"))
        if key not in groups:
            g = dict(r)
            g["content"] = r.get("parent_content") or r.get("content")
            groups[key] = g
            out.append(g)
        else:
            g = groups[key]
            for col in TASK_FIELDS.values():
                g[col] = "\n".join(x for x in (norm(g.get(col)), norm(r.get(col))) if x)
    return out


def score_tasks(gold_rows: list[dict], pred_rows: list[dict]) -> dict:
    pred_rows = fold_subitems(pred_rows)
    res: dict = {"gold": len(gold_rows), "pred": len(pred_rows), "tp": 0, "fields": 0, "fields_ok": 0, "misses": []}
    matched: set[int] = set()
    if gold_rows and pred_rows:
        m = np.array([[sim(g.get("content"), p.get("content")) for p in pred_rows] for g in gold_rows])
        for i, j in zip(*linear_sum_assignment(-m)):
            if m[i, j] < ROW_MATCH:
                continue
            matched.add(i)
            res["tp"] += 1
            g, p = gold_rows[i], pred_rows[j]
            if g.get("subtasks"):
                continue
            for gf, col in TASK_FIELDS.items():
                if gf not in g:
                    continue
                res["fields"] += 1
                if sim(g[gf], p.get(col)) >= FIELD_MATCH:
                    res["fields_ok"] += 1
                else:
                    res["misses"].append(
                        {"stt": g.get("stt"), "field": gf, "gold": norm(g[gf])[:120], "pred": norm(p.get(col))[:120]}
                    )
    for i, g in enumerate(gold_rows):
        if i not in matched:
            res["misses"].append({"stt": g.get("stt"), "field": "row", "gold": norm(g.get("content"))[:120]})
    return res


def _law_key(year: Any, name: Any) -> str:
    return f"LUẬT:{year}:{norm(name)[:20]}"


def score_citations(gold_cites: list[dict], pred_cites: list[dict]) -> dict:
    gold = {canon_ref(c.get("ref")) or _law_key(c.get("year"), c.get("name")): c for c in gold_cites}
    pred: dict[str, dict] = {}
    for c in pred_cites:
        if not c.get("ref"):  # a law cited by name
            year, name = c.get("year"), c.get("name") or c.get("raw")
            cand = [
                (sim(g.get("name"), name), k)
                for k, g in gold.items()
                if k.startswith(f"LUẬT:{year}:") and k not in pred
            ]
            best = max(cand) if cand else (0, None)
            key = best[1] if best[0] >= LAW_NAME_MATCH else _law_key(year, name)
        else:
            key = canon_ref(c.get("ref"))
        if key:
            pred.setdefault(key, c)
    tp = set(gold) & set(pred)
    dates = [(gold[k].get("date"), str(pred[k].get("issued_date") or "")[:10]) for k in tp if gold[k].get("date")]
    return {
        "gold": len(gold),
        "pred": len(pred),
        "tp": len(tp),
        "dated": len(dates),
        "dates_ok": sum(1 for g, p in dates if g == p),
        "missed": sorted(set(gold) - set(pred)),
        "extra": sorted(set(pred) - set(gold)),
    }


def trich_yeu(doc: dict) -> str | None:
    """A document's trích yếu as the reference scorer reads it: the title, or a công văn's "V/v"
    subject, a leading "V/v" / "Về việc" dropped, so either column may carry it."""
    text = doc.get("title") or doc.get("subject")
    if not text:
        return None
    return re.sub(r"^\s*(v/v|về việc)\s*[:.]?\s*", "", unicodedata.normalize("NFC", text), flags=re.I) or None


def score_document(gold_doc: dict, pred_doc: dict) -> dict[str, bool]:
    checks = {
        "doc_type": (gold_doc.get("doc_type"), pred_doc.get("doc_type"), lambda a, b: norm(a) == norm(b)),
        "symbol": (gold_doc.get("symbol"), pred_doc.get("doc_symbol"), lambda a, b: canon_ref(a) == canon_ref(b)),
        "date": (gold_doc.get("date"), str(pred_doc.get("issued_date") or "")[:10] or None, lambda a, b: a == b),
        "year": (gold_doc.get("year"), pred_doc.get("year"), lambda a, b: a is None or str(a) == str(b)),
        "signer": (gold_doc.get("signer"), pred_doc.get("signer"), lambda a, b: sim(a, b) >= FIELD_MATCH),
        "title": (trich_yeu(gold_doc), trich_yeu(pred_doc), lambda a, b: sim(a, b) >= TITLE_MATCH),
    }
    out = {}
    for name, (g, p, ok) in checks.items():
        if name == "date" and g is None and not gold_doc.get("date_known", True):
            continue
        out[name] = bool(ok(g, p)) if (g or p) else True
    return out


def _prf(tp: int, gold: int, pred: int) -> tuple[float, float, float]:
    precision = tp / pred if pred else (1.0 if not gold else 0.0)
    recall = tp / gold if gold else 1.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def _by_file(rows: Iterable[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(Path(str(r.get("source_file") or "")).name, []).append(r)
    return out


def _totals(files: dict[str, dict]) -> Counter:
    """Counts summed over files: task rows and fields, citations and dates, metadata checks."""
    tot: Counter = Counter()
    for result in files.values():
        t, c, d = result["tasks"], result["citations"] or {}, result["document"]
        tot.update(
            {
                "t_gold": t["gold"],
                "t_pred": t["pred"],
                "t_tp": t["tp"],
                "f": t["fields"],
                "f_ok": t["fields_ok"],
                "c_gold": c.get("gold", 0),
                "c_pred": c.get("pred", 0),
                "c_tp": c.get("tp", 0),
                "d_n": c.get("dated", 0),
                "d_ok": c.get("dates_ok", 0),
                "m_n": len(d),
                "m_ok": sum(d.values()),
            }
        )
    return tot


def score_tables(
    documents: list[dict], tasks: list[dict], citations: list[dict], gold_dir: Path, only: set[str] | None = None
) -> dict:
    """Score output rows (dicts with the Parquet columns) against every gold file in gold_dir."""
    docs_f, tasks_f, cites_f = _by_file(documents), _by_file(tasks), _by_file(citations)
    files: dict[str, dict] = {}
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for fname in (Path(f).name for f in gold.get("files", [])):
            if only and fname not in only:
                continue
            t = (
                score_tasks(gold.get("tasks", []), tasks_f.get(fname, []))
                if gold.get("tasks_scored", True)
                else {"gold": 0, "pred": 0, "tp": 0, "fields": 0, "fields_ok": 0, "misses": []}
            )
            c = (
                score_citations(gold["citations"], cites_f.get(fname, []))
                if gold.get("citations") is not None
                else None
            )
            d = score_document(gold["document"], (docs_f.get(fname) or [{}])[0]) if gold.get("document") else {}
            files[fname] = {"tasks": t, "citations": c, "document": d}
    tot = _totals(files)
    tp, tr, tf = _prf(tot["t_tp"], tot["t_gold"], tot["t_pred"])
    cp, cr, cf = _prf(tot["c_tp"], tot["c_gold"], tot["c_pred"])

    def ratio(ok: int, n: int) -> float | None:
        return round(ok / n, 4) if n else None

    summary = {
        "task_precision": round(tp, 4),
        "task_recall": round(tr, 4),
        "task_f1": round(tf, 4),
        "field_accuracy": ratio(tot["f_ok"], tot["f"]),
        "citation_precision": round(cp, 4),
        "citation_recall": round(cr, 4),
        "citation_f1": round(cf, 4),
        "citation_date_accuracy": ratio(tot["d_ok"], tot["d_n"]),
        "metadata_accuracy": ratio(tot["m_ok"], tot["m_n"]),
        "files": len(files),
        "gold_rows": tot["t_gold"],
        "gold_citations": tot["c_gold"],
    }
    return {"files": files, "summary": summary}


def file_line(fname: str, result: dict) -> str:
    """One line per file, as score.py prints it."""
    t, c = result["tasks"], result["citations"]
    line = f"{fname:55s} rows {t['tp']:3d}/{t['gold']:3d} (pred {t['pred']:3d})  fields {t['fields_ok']:3d}/{t['fields']:3d}"
    if c:
        line += f"  cites {c['tp']:2d}/{c['gold']:2d} (pred {c['pred']:2d})"
    return line + "  meta " + "".join("+" if v else "-" for v in result["document"].values())


def score_diff_golds(data_dir: Path, diff_gold_dir: Path) -> dict[str, dict]:
    """Alignment scores of `vanban diff` against each reviewed alignment in diff_gold_dir, for every
    format (pdf, docx …) in which both of its documents were ingested: "<old> -> <new>" -> scores."""
    from pipeline.diff.classify import diff_tasks, score_alignment
    from pipeline.diff.load import DiffError, load_tasks

    out: dict[str, dict] = {}
    for gold_file in sorted(Path(diff_gold_dir).glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        new_files = {Path(f).suffix: Path(f).name for f in gold["new"]["files"]}
        for old_file in (Path(f) for f in gold["old"]["files"]):
            new_name = new_files.get(old_file.suffix)
            try:
                old_tasks, new_tasks = load_tasks(data_dir, old_file.name), load_tasks(data_dir, new_name or "")
            except DiffError:
                continue
            if old_tasks and new_tasks:
                rows = diff_tasks(old_tasks, new_tasks, old_file.name, new_name)
                out[f"{old_file.name} -> {new_name}"] = score_alignment(rows, gold)
    return out
