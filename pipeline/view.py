"""A self-contained HTML view of one document: its text with citations, units and time expressions
highlighted, its tables shown as tables, and a summary of who does what (in Vietnamese).

    html = view_file("data/raw/2025-kh-kstthc-skhcn.docx")
    Path("view.html").write_text(html, encoding="utf-8")
"""

from __future__ import annotations

import html as html_lib
from collections import Counter, defaultdict
from pathlib import Path

from extractors import extract
from extractors.model import Document, Paragraph
from pipeline.stages.metadata import extract_metadata
from pipeline.normalize.enrich import enrich, plan_year_of
from pipeline.normalize.spacy_host import analyze
from pipeline.records import DocMeta, TaskRow

COLORS = {"CITATION": "#f9d5a7", "UNIT": "#b5e3c5", "TIME": "#c7d7f5"}
LABEL_NAMES = {"CITATION": "Văn bản được dẫn", "UNIT": "Đơn vị", "TIME": "Thời gian"}
LABEL_TAGS = {"CITATION": "dẫn", "UNIT": "đơn vị", "TIME": "thời gian"}  # the small tag after a highlight
ROLE_ORDER = ("lead", "support", "monitor", "advise")
ROLE_NAMES = {"lead": "chủ trì", "support": "phối hợp", "monitor": "theo dõi", "advise": "tham mưu"}


def _find_tasks(doc: Document) -> list[TaskRow]:
    from pipeline.process import find_tasks  # the pipeline's own task extraction (tables + prose)

    return find_tasks(doc)


def entities(text: str, plan_year: int | None) -> list[dict]:
    """Entities of the text: start, end, label, and kb_id (ref / canonical unit / timing kind)."""
    doc = analyze(text, plan_year)
    out = []
    for ent in doc.ents:
        kb = ent.kb_id_ or ""
        if ent.label_ == "UNIT" and kb == ent.text:
            kb = ""  # the canonical name is worth showing only when it differs
        item = {"start": ent.start_char, "end": ent.end_char, "label": ent.label_}
        if kb:
            item.update(kb_id=kb)
        out.append(item)
    return out


def _summary(meta: DocMeta, tasks: list[TaskRow], unit_rows: list[dict], ents: list[dict]) -> str:
    counts = Counter(e["label"] for e in ents)
    legend = "".join(
        f'<span style="background:{COLORS[label]}">{html_lib.escape(LABEL_NAMES[label])}: {counts.get(label, 0)}</span>'
        for label in COLORS
    )
    facts = [
        ("Loại", meta.doc_type),
        ("Số, ký hiệu", "/".join(x for x in (meta.doc_number, meta.doc_symbol) if x)),
        ("Cơ quan", meta.issuer),
        ("Ngày", meta.issued_date.isoformat() if meta.issued_date else None),
        ("Năm kế hoạch", plan_year_of(meta)),
        ("Người ký", meta.signer),
        ("Nhiệm vụ", len(tasks)),
    ]
    meta_rows = "".join(
        f"<tr><th>{html_lib.escape(k)}</th><td>{html_lib.escape(str(v))}</td></tr>"
        for k, v in facts
        if v not in (None, "")
    )
    per_unit: dict[str, Counter] = defaultdict(Counter)
    groups: set[str] = set()
    for row in unit_rows:
        per_unit[row["unit"]][row["role"]] += 1
        if row["is_group"]:
            groups.add(row["unit"])
    unit_rows_html = "".join(
        "<tr><td>"
        + html_lib.escape(unit)
        + (" <small>(nhóm)</small>" if unit in groups else "")
        + "</td>"
        + "".join(f"<td class=n>{c[r] or ''}</td>" for r in ROLE_ORDER)
        + f"<td class=n><b>{sum(c.values())}</b></td></tr>"
        for unit, c in sorted(per_unit.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    )
    units_table = (
        (
            "<h3>Đơn vị và vai trò (số nhiệm vụ)</h3><table class=units>"
            "<tr><th>Đơn vị</th>"
            + "".join(f"<th>{ROLE_NAMES[r]}</th>" for r in ROLE_ORDER)
            + "<th>Tổng</th></tr>"
            + unit_rows_html
            + "</table>"
        )
        if per_unit
        else ""
    )
    return (
        "<section class=summary style='margin-bottom:2rem'>"
        f"<table>{meta_rows}</table><p class=legend>{legend}</p>{units_table}</section>"
    )


_CSS = """
body{font:15px/1.6 system-ui,"Segoe UI",Roboto,Arial,sans-serif;margin:0 auto;max-width:1200px;padding:1.5rem;color:#222}
h1{font-size:1.3rem}h3{font-size:1.05rem;margin-top:1.5rem}
.doc p{margin:.35rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.doc table{border-collapse:collapse;width:100%;margin:.8rem 0;table-layout:auto}
.doc td{border:1px solid #bbb;padding:.3rem .45rem;vertical-align:top;white-space:pre-wrap;overflow-wrap:anywhere}
.doc tr.head td{background:#eef2f6;font-weight:600}.doc td.merged{color:#888}
mark{padding:.05em .2em;border-radius:.3em;line-height:1.9;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark .tag{font-size:.68em;font-weight:700;text-transform:uppercase;margin-left:.35em;opacity:.75;white-space:normal}
.summary td,.summary th{padding:.15rem .6rem .15rem 0;text-align:left;vertical-align:top}
.units td,.units th{border-bottom:1px solid #e3e3e3;padding:.2rem .5rem}.units td.n{text-align:right}
.legend span{display:inline-block;padding:.15em .6em;border-radius:.35em;margin:.2em .5em .2em 0}
"""


def _marked(text: str, start: int, ents: list[dict]) -> str:
    """HTML of text (which begins at offset `start` of the document text) with the entities that
    fall inside it wrapped in <mark> (an entity running past the text is cut at its end)."""
    end = start + len(text)
    out, pos = [], 0
    for ent in ents:
        a, b = max(ent["start"], start) - start, min(ent["end"], end) - start
        if b <= a or a < pos:
            continue
        out.append(html_lib.escape(text[pos:a]))
        hint = f' title="{html_lib.escape(ent["kb_id"])}"' if ent.get("kb_id") else ""
        out.append(
            f'<mark style="background:{COLORS[ent["label"]]}"{hint}>{html_lib.escape(text[a:b])}'
            f'<span class="tag">{LABEL_TAGS[ent["label"]]}</span></mark>'
        )
        pos = b
    out.append(html_lib.escape(text[pos:]))
    return "".join(out)


def _body(doc: Document, ents: list[dict]) -> str:
    """The document in reading order: paragraphs as paragraphs, tables as tables (offsets follow
    Document.text(), where a table row is its cells joined by " | ")."""
    parts, offset = [], 0
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            text = block.label_and_text
            parts.append(f"<p>{_marked(text, offset, ents)}</p>")
            offset += len(text) + 1
            continue
        rows = []
        for row in block.rows:
            cells, pos = [], offset
            for cell in row.cells:
                span = f' colspan="{cell.col_span}"' if cell.col_span > 1 else ""
                cls = ' class="merged"' if cell.merged else ""
                cells.append(f"<td{span}{cls}>{_marked(cell.text, pos, ents)}</td>")
                pos += len(cell.text) + len(" | ")
            rows.append(f"<tr{' class=head' if row.is_header else ''}>{''.join(cells)}</tr>")
            offset += len(" | ".join(row.texts)) + 1
        parts.append(f"<table>{''.join(rows)}</table>")
    return "\n".join(parts)


def render_html(
    doc: Document, meta: DocMeta | None = None, tasks: list[TaskRow] | None = None, title: str | None = None
) -> str:
    """The whole page: summary (metadata, legend, units × roles) above the document, its
    citations, units and time expressions highlighted, its tables as tables."""
    meta = meta or DocMeta()
    tasks = tasks if tasks is not None else []
    unit_rows = enrich(tasks, meta) if tasks else []
    ents = sorted(entities(doc.text(), plan_year_of(meta)), key=lambda e: (e["start"], -e["end"]))
    title = title or meta.title or meta.subject or Path(doc.source_file).name
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html_lib.escape(title)}</title><style>{_CSS}</style></head>
<body><h1>{html_lib.escape(title)}</h1>
{_summary(meta, tasks, unit_rows, ents)}
<div class="doc">{_body(doc, ents)}</div>
</body></html>
"""


def view_file(path: str | Path) -> str:
    """Read, extract tasks and render one input file."""
    doc = extract(Path(path))
    meta = extract_metadata(doc)
    tasks = _find_tasks(doc)
    trich_yeu = meta.title or meta.subject  # a công văn's trích yếu is its subject
    return render_html(doc, meta, tasks, title=f"{Path(path).name} — {trich_yeu}" if trich_yeu else None)
