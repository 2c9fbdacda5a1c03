"""A self-contained HTML view of one document: its text with citations, units and time expressions
highlighted (spaCy displaCy, manual mode), and a summary of who does what.

    html = view_file("data/raw/2025-kh-kstthc-skhcn.docx")
    Path("view.html").write_text(html, encoding="utf-8")
"""
from __future__ import annotations

import html as html_lib
from collections import Counter, defaultdict
from pathlib import Path

from extractors import extract
from extractors.model import Document
from pipeline.stages.metadata import extract_metadata
from pipeline.normalize.enrich import analyze, enrich, plan_year_of
from pipeline.records import DocMeta, TaskRow

COLORS = {"CITATION": "#f9d5a7", "UNIT": "#b5e3c5", "TIME": "#c7d7f5"}
LABEL_NAMES = {"CITATION": "văn bản được dẫn (citation)", "UNIT": "đơn vị (unit)", "TIME": "thời gian (timing)"}
ROLE_ORDER = ("lead", "support", "monitor", "advise")


def _find_tasks(doc: Document) -> list[TaskRow]:
    from pipeline.process import find_tasks  # the pipeline's own task extraction (tables + prose)

    return find_tasks(doc)


def entities(text: str, plan_year: int | None) -> list[dict]:
    """displaCy manual entities: start, end, label, and kb_id (ref / canonical unit / timing kind)."""
    doc = analyze(text, plan_year)
    out = []
    for ent in doc.ents:
        kb = ent.kb_id_ or ""
        if ent.label_ == "UNIT" and kb == ent.text:
            kb = ""  # the canonical name is worth showing only when it differs
        item = {"start": ent.start_char, "end": ent.end_char, "label": ent.label_}
        if kb:
            item.update(kb_id=kb, kb_url="#" + ent.label_.lower())
        out.append(item)
    return out


def _summary(meta: DocMeta, tasks: list[TaskRow], unit_rows: list[dict], ents: list[dict]) -> str:
    counts = Counter(e["label"] for e in ents)
    legend = " ".join(
        f'<span style="background:{COLORS[label]};padding:0.2em 0.5em;border-radius:0.35em;margin-right:0.5em">'
        f'{html_lib.escape(LABEL_NAMES[label])}: {counts.get(label, 0)}</span>'
        for label in COLORS
    )
    facts = [("Loại", meta.doc_type), ("Số, ký hiệu", "/".join(x for x in (meta.doc_number, meta.doc_symbol) if x)),
             ("Cơ quan", meta.issuer), ("Ngày", meta.issued_date.isoformat() if meta.issued_date else None),
             ("Năm kế hoạch", plan_year_of(meta)), ("Người ký", meta.signer), ("Nhiệm vụ", len(tasks))]
    meta_rows = "".join(
        f"<tr><th style='text-align:left;padding-right:1em'>{html_lib.escape(k)}</th><td>{html_lib.escape(str(v))}</td></tr>"
        for k, v in facts if v not in (None, "")
    )
    per_unit: dict[str, Counter] = defaultdict(Counter)
    groups: set[str] = set()
    for row in unit_rows:
        per_unit[row["unit"]][row["role"]] += 1
        if row["is_group"]:
            groups.add(row["unit"])
    unit_rows_html = "".join(
        "<tr><td>" + html_lib.escape(unit) + (" <small>(nhóm)</small>" if unit in groups else "") + "</td>"
        + "".join(f"<td style='text-align:right'>{c[r] or ''}</td>" for r in ROLE_ORDER)
        + f"<td style='text-align:right'><b>{sum(c.values())}</b></td></tr>"
        for unit, c in sorted(per_unit.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    )
    units_table = (
        "<h3>Đơn vị và vai trò (số nhiệm vụ)</h3><table style='border-collapse:collapse' cellpadding='4'>"
        "<tr><th style='text-align:left'>đơn vị</th>" + "".join(f"<th>{r}</th>" for r in ROLE_ORDER)
        + "<th>tổng</th></tr>" + unit_rows_html + "</table>"
    ) if per_unit else ""
    return (
        "<section style='margin-bottom:3rem'>"
        f"<table>{meta_rows}</table><p>{legend}</p>{units_table}</section>"
    )


def render_html(doc: Document, meta: DocMeta | None = None, tasks: list[TaskRow] | None = None,
                title: str | None = None) -> str:
    """The whole page: summary (metadata, legend, units × roles) above the highlighted text."""
    from spacy import displacy

    meta = meta or DocMeta()
    tasks = tasks if tasks is not None else []
    unit_rows = enrich(tasks, meta) if tasks else []
    text = doc.text()
    ents = entities(text, plan_year_of(meta))
    title = title or meta.title or meta.subject or Path(doc.source_file).name
    page = displacy.render(
        {"text": text, "ents": ents, "title": title}, style="ent", manual=True, page=True,
        options={"colors": COLORS, "ents": list(COLORS)},
    )
    page = page.replace('<html lang="en">', '<html lang="vi">', 1)
    page = page.replace("<head>", '<head>\n<meta charset="utf-8">', 1)
    page = page.replace("<title>displaCy</title>", f"<title>{html_lib.escape(title)}</title>", 1)
    return page.replace("<figure", _summary(meta, tasks, unit_rows, ents) + "\n<figure", 1)


def view_file(path: str | Path) -> str:
    """Read, extract tasks and render one input file."""
    doc = extract(Path(path))
    meta = extract_metadata(doc)
    tasks = _find_tasks(doc)
    trich_yeu = meta.title or meta.subject  # a công văn's trích yếu is its subject
    return render_html(doc, meta, tasks, title=f"{Path(path).name} — {trich_yeu}" if trich_yeu else None)
