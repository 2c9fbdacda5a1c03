"""The HTML report of a task comparison: one self-contained page (inline CSS, JS and SVG; nothing
loaded from the network) with the two versions side by side, word-level highlights inside changed
fields, filters by status and section, counts per section, and the chart.

    write_html(rows, "reports/kstthc.html")   # or render_html(rows) for the page as a string
"""

from __future__ import annotations

import difflib
import html
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.diff.classify import FIELDS, STATUSES, as_rows
from pipeline.diff.chart import chart
from pipeline.diff.report import (
    FIELD_LABELS,
    STATUS_COLORS,
    STATUS_LABELS,
    counts_by_section,
    fields_label,
    plan_years,
    section_of,
    section_titles,
    shorten,
)
from pipeline.diff.text import normalize


_TOKEN_RE = re.compile(r"\s+|[^\s]+")


def word_diff(
    old: str | None, new: str | None, old_year: int | None = None, new_year: int | None = None
) -> tuple[str, str]:
    """HTML of both texts with the words that differ wrapped in <del> (old) and <ins> (new).
    Words are compared as in the classification (case, plan year aside)."""
    a = [t for t in _TOKEN_RE.findall(old or "")]
    b = [t for t in _TOKEN_RE.findall(new or "")]
    aw = [i for i, t in enumerate(a) if not t.isspace()]
    bw = [i for i, t in enumerate(b) if not t.isspace()]
    key = lambda tok, year: normalize(tok, year).strip(".,;:()")  # noqa: E731
    sm = difflib.SequenceMatcher(
        None, [key(a[i], old_year) for i in aw], [key(b[i], new_year) for i in bw], autojunk=False
    )
    a_mark, b_mark = set(), set()
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            a_mark.update(aw[i1:i2])
            b_mark.update(bw[j1:j2])

    def render(tokens: list[str], marked: set[int], tag: str) -> str:
        # a space between two marked words belongs to the run; one at its edge does not
        inside = marked | {i for i, tok in enumerate(tokens) if tok.isspace() and i - 1 in marked and i + 1 in marked}
        out = []
        for i, tok in enumerate(tokens):
            if i in inside and i - 1 not in inside:
                out.append(f"<{tag}>")
            out.append(html.escape(tok))
            if i in inside and i + 1 not in inside:
                out.append(f"</{tag}>")
        return "".join(out)

    return render(a, a_mark, "del"), render(b, b_mark, "ins")


def _side_html(row: dict, side: str, marks: dict[str, str]) -> str:
    if row.get(f"{side}_task_seq") is None:
        return '<td class="side empty"></td>'
    changed = set(row.get("changed_fields") or [])
    head = (
        f'<div class="stt">STT {html.escape(str(row.get(f"{side}_stt") or "—"))}'
        f" · mục {html.escape(str(row.get(f'{side}_section') or '—'))}</div>"
    )
    parts = [head]
    for f in FIELDS:
        text = row.get(f"{side}_{f}") or ""
        if not text and f not in changed:
            continue
        body = marks.get(f) if f in marks else html.escape(text)
        cls = "field changed" if f in changed else "field"
        label = FIELD_LABELS[f]
        if f == "units" and f in changed and row.get("units_change") == "renamed":
            label += " (đổi tên)"
        parts.append(
            f'<div class="{cls}"><span class="label">{label}</span>'
            f'<div class="text">{body or "<i>(trống)</i>"}</div></div>'
        )
    return f'<td class="side">{"".join(parts)}</td>'


_CSS = """
*{box-sizing:border-box}body{font:14px/1.45 system-ui,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:16px 24px;background:#1f3a5f;color:#fff}header h1{margin:0 0 4px;font-size:20px}header .docs{opacity:.85}
main{padding:16px 24px}
.summary{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 12px}
.chip{border-radius:16px;padding:4px 12px;color:#fff;font-weight:600;display:flex;align-items:center;gap:6px;cursor:pointer;user-select:none}
.chip input{margin:0}.chip.total{background:#444;cursor:default}.chip .count{font-variant-numeric:tabular-nums}
.filters{margin:8px 0 16px;display:flex;gap:16px;align-items:center}
table{border-collapse:collapse}
#sections td,#sections th{border:1px solid #ddd;padding:3px 8px;text-align:right;font-variant-numeric:tabular-nums}
#sections td:first-child,#sections th:first-child,#sections td.title,#sections th.title{text-align:left}
#sections td:first-child{white-space:nowrap}
#sections td.title{max-width:300px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#sections tbody tr:hover{background:#eef3f9;cursor:pointer}
.grid{display:grid;grid-template-columns:minmax(0,1fr);gap:16px;justify-items:start;margin-bottom:16px}
.chart svg{display:block;max-width:100%;height:auto;background:#fff;border:1px solid #e3e3e3}
#tasks{width:100%;table-layout:fixed;background:#fff}
#tasks th{position:sticky;top:0;background:#e9edf2;text-align:left;padding:6px;border-bottom:2px solid #c8d0da;z-index:1}
#tasks td{border-bottom:1px solid #e3e3e3;padding:6px;vertical-align:top}
#tasks col.status{width:110px}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;color:#fff;font-size:12px;font-weight:600}
.meta{font-size:12px;color:#555;margin-top:4px}
.side .stt{font-size:12px;color:#555;margin-bottom:2px}
.field{margin:3px 0}.field .label{font-size:11px;text-transform:uppercase;letter-spacing:.03em;color:#777}
.field.changed .label{color:#b35c00;font-weight:700}
.field .text{white-space:pre-wrap}
.side.empty{background:repeating-linear-gradient(45deg,#fafafa,#fafafa 6px,#f1f1f1 6px,#f1f1f1 12px)}
del{background:#fbd3d0;color:#8a1f17;text-decoration:line-through}ins{background:#cdeccf;color:#185c22;text-decoration:none}
tr.task[data-status=unchanged] .text{color:#666}
footer{padding:8px 24px 24px;color:#777;font-size:12px}
"""

_JS = """
(function(){
  const rows=[...document.querySelectorAll('tr.task')];
  const statuses=JSON.parse(document.getElementById('statuses').textContent);
  const boxes=[...document.querySelectorAll('input.status-filter')];
  const select=document.getElementById('section-filter');
  const tbody=document.querySelector('#sections tbody');
  const titles=JSON.parse(document.getElementById('section-titles').textContent);
  function update(){
    const on=new Set(boxes.filter(b=>b.checked).map(b=>b.value));
    const sec=select.value;
    const perStatus={}, perSection={};
    let shown=0;
    rows.forEach(r=>{
      const st=r.dataset.status, s=r.dataset.section;
      const inSection=(sec===''||s===sec);
      if(inSection){perStatus[st]=(perStatus[st]||0)+1;}
      const show=inSection&&on.has(st);
      r.hidden=!show;
      if(show){shown++;(perSection[s]=perSection[s]||{})[st]=(perSection[s][st]||0)+1;}
    });
    statuses.forEach(st=>{const el=document.getElementById('count-'+st); if(el) el.textContent=perStatus[st]||0;});
    document.getElementById('count-shown').textContent=shown;
    tbody.innerHTML='';
    const order=[...select.options].map(o=>o.value).filter(v=>v!=='');
    const totals={};
    function cell(tag,text,attrs){const c=document.createElement(tag);c.textContent=text;Object.assign(c.dataset,attrs||{});return c;}
    order.filter(s=>perSection[s]).forEach(s=>{
      const tr=document.createElement('tr'); tr.dataset.section=s;
      tr.appendChild(cell('td',s)); const t=cell('td',titles[s]||''); t.className='title'; t.title=titles[s]||''; tr.appendChild(t);
      let total=0;
      statuses.forEach(st=>{const n=perSection[s][st]||0; total+=n; totals[st]=(totals[st]||0)+n; tr.appendChild(cell('td',n||'',{status:st}));});
      tr.appendChild(cell('td',total));
      tr.addEventListener('click',()=>{select.value=(select.value===s?'':s);update();});
      tbody.appendChild(tr);
    });
    const foot=document.querySelector('#sections tfoot tr');
    foot.innerHTML='<th>Tổng</th><td></td>';
    let grand=0;
    statuses.forEach(st=>{grand+=totals[st]||0; const c=cell('td',totals[st]||0); c.id='section-total-'+st; foot.appendChild(c);});
    const g=cell('td',grand); g.id='section-total'; foot.appendChild(g);
  }
  // a link can carry filters: report.html#section=C.II&status=added,removed
  const want=new URLSearchParams(location.hash.slice(1));
  if(want.has('status')){const on=new Set(want.get('status').split(','));boxes.forEach(b=>{b.checked=on.has(b.value);});}
  if(want.has('section')&&[...select.options].some(o=>o.value===want.get('section'))){select.value=want.get('section');}
  boxes.forEach(b=>b.addEventListener('change',update));
  select.addEventListener('change',update);
  update();
  document.body.dataset.ready='1';
})();
"""


def _json_script(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def render_html(diff_rows: Any, title: str | None = None, with_chart: bool = True) -> str:
    """The whole report as one HTML string (no external resources)."""
    rows = as_rows(diff_rows)
    old_doc = rows[0].get("old_doc_id") if rows else None
    new_doc = rows[0].get("new_doc_id") if rows else None
    old_year, new_year = plan_years(rows)
    title = title or f"So sánh nhiệm vụ {old_year or ''} → {new_year or ''}".strip()
    sections = list(counts_by_section(rows))
    titles = section_titles(rows)
    counts = Counter(r["status"] for r in rows)

    chips = [
        f'<span class="chip total">Hiển thị <span class="count" id="count-shown">{len(rows)}</span>'
        f" / {len(rows)}</span>"
    ]
    for s in STATUSES:
        chips.append(
            f'<label class="chip" style="background:{STATUS_COLORS[s]}" title="{STATUS_LABELS[s]}">'
            f'<input type="checkbox" class="status-filter" value="{s}" checked>{STATUS_LABELS[s]} '
            f'<span class="count" id="count-{s}">{counts.get(s, 0)}</span></label>'
        )
    options = ['<option value="">tất cả các mục</option>'] + [
        f'<option value="{html.escape(s)}">{html.escape(s)}{" — " + html.escape(shorten(titles[s], 50)) if s in titles else ""}</option>'
        for s in sections
    ]

    body = []
    for r in rows:
        marks_old: dict[str, str] = {}
        marks_new: dict[str, str] = {}
        for f in r.get("changed_fields") or []:
            if r.get("old_task_seq") is not None and r.get("new_task_seq") is not None:
                marks_old[f], marks_new[f] = word_diff(
                    r.get(f"old_{f}"), r.get(f"new_{f}"), r.get("old_plan_year"), r.get("new_plan_year")
                )
        status = r["status"]
        sim = "" if r.get("similarity") is None else f'<div class="meta">độ giống {r["similarity"]:.2f}</div>'
        group = f'<div class="meta">nhóm {r["group_id"]}</div>' if r.get("group_id") else ""
        fields = (
            f'<div class="meta">{html.escape(fields_label(r, vietnamese=True))}</div>'
            if r.get("changed_fields")
            else ""
        )
        body.append(
            f'<tr class="task" data-status="{status}" data-section="{html.escape(section_of(r))}">'
            f'<td><span class="badge" style="background:{STATUS_COLORS[status]}">{STATUS_LABELS[status]}</span>'
            f"{sim}{fields}{group}</td>"
            f"{_side_html(r, 'old', marks_old)}{_side_html(r, 'new', marks_new)}</tr>"
        )

    chart_html = ""
    if with_chart and rows:
        try:
            chart_html = f'<div class="chart">{chart(rows)}</div>'
        except ImportError:  # matplotlib missing: the report still works without its picture
            chart_html = '<div class="chart"><i>(biểu đồ cần matplotlib)</i></div>'

    status_heads = "".join(f'<th style="color:{STATUS_COLORS[s]}">{STATUS_LABELS[s]}</th>' for s in STATUSES)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><style>{_CSS}</style></head>
<body>
<header><h1>{html.escape(title)}</h1>
<div class="docs">Cũ: <b>{html.escape(str(old_doc))}</b> ({old_year or "?"}) &nbsp;→&nbsp; Mới: <b>{html.escape(str(new_doc))}</b> ({new_year or "?"})</div></header>
<main>
<div class="summary" id="counts">{"".join(chips)}</div>
<div class="grid">
<table id="sections"><thead><tr><th>Mục</th><th class="title">Tên mục</th>{status_heads}<th>Tổng</th></tr></thead>
<tbody></tbody><tfoot><tr></tr></tfoot></table>
{chart_html}
</div>
<div class="filters"><label>Mục: <select id="section-filter">{"".join(options)}</select></label>
<span class="meta">Bấm vào một mục trong bảng để lọc; bỏ chọn trạng thái ở trên để ẩn.</span></div>
<table id="tasks"><colgroup><col class="status"><col><col></colgroup>
<thead><tr><th>Trạng thái</th><th>{old_year or "Cũ"}: {html.escape(str(old_doc))}</th><th>{new_year or "Mới"}: {html.escape(str(new_doc))}</th></tr></thead>
<tbody>
{chr(10).join(body)}
</tbody></table>
</main>
<footer>vanban diff · {len(rows)} dòng · từ được đánh dấu: <del>bỏ</del> / <ins>thêm</ins></footer>
<script type="application/json" id="statuses">{_json_script(list(STATUSES))}</script>
<script type="application/json" id="section-titles">{_json_script(titles)}</script>
<script>{_JS}</script>
</body></html>
"""


def write_html(diff_rows: Any, path: str | Path, title: str | None = None) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(diff_rows, title), encoding="utf-8")
    return path
