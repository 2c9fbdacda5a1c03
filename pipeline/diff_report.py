"""Show a task comparison (rows of the task_diffs table, see pipeline/diff.py) to a person:

- `print_summary(rows)`: rich tables in the terminal — counts per status, per section, then the
  rows that changed;
- `render_html(rows)`: one self-contained HTML page (inline CSS, JS and SVG; nothing loaded from
  the network) with the two versions side by side, word-level highlights inside changed fields,
  filters by status and section, counts per section, and the chart below;
- `chart(rows)`: tasks per section and status, one panel per plan year (matplotlib; SVG text for
  the page, or a PNG/SVG file).
"""
from __future__ import annotations

import difflib
import html
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Sequence

from pipeline.diff import FIELDS, STATUSES, normalize

STATUS_LABELS = {  # Vietnamese labels shown next to the status codes in the HTML report
    "unchanged": "giữ nguyên", "modified": "sửa đổi", "split": "tách ra", "merged": "gộp vào",
    "added": "mới", "removed": "bỏ",
}
STATUS_COLORS = {
    "unchanged": "#9e9e9e", "modified": "#f0a020", "split": "#8e6cc8", "merged": "#4a90c8",
    "added": "#3aa655", "removed": "#d0453b",
}
FIELD_LABELS = {"content": "Nhiệm vụ", "result": "Kết quả", "units": "Đơn vị", "timing": "Thời gian"}


# --- helpers shared by the three views ----------------------------------------------------------

def _rows(diff_rows: Any) -> list[dict]:
    if hasattr(diff_rows, "to_pylist"):
        return diff_rows.to_pylist()
    if hasattr(diff_rows, "to_dict"):
        return diff_rows.to_dict("records")
    return list(diff_rows)


def _years(rows: Sequence[dict]) -> tuple[int | None, int | None]:
    old = next((r.get("old_plan_year") for r in rows if r.get("old_plan_year")), None)
    new = next((r.get("new_plan_year") for r in rows if r.get("new_plan_year")), None)
    return old, new


def section_of(row: dict) -> str:
    """The section a row is counted under: the new document's, or the old one's for removed rows
    (marked with the old plan year, as the two plans number their sections differently)."""
    if row.get("new_seq") is not None:
        return row.get("new_section") or "—"
    year = row.get("old_plan_year")
    return f"{row.get('old_section') or '—'} ({year})" if year else f"{row.get('old_section') or '—'} (cũ)"


def _section_titles(rows: Sequence[dict]) -> dict[str, str]:
    titles = {}
    for r in rows:
        side = "new" if r.get("new_seq") is not None else "old"
        if r.get(f"{side}_section_title"):
            titles.setdefault(section_of(r), r[f"{side}_section_title"])
    return titles


def counts_by_section(rows: Sequence[dict]) -> dict[str, Counter]:
    """Rows per section label and status, sections in reading order (new plan first, then the old
    plan's sections of removed tasks)."""
    out: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, tuple] = {}
    for r in rows:
        sec = section_of(r)
        out[sec][r["status"]] += 1
        pos = (0, r["new_seq"]) if r.get("new_seq") is not None else (1, r.get("old_seq") or 0)
        first[sec] = min(first.get(sec, pos), pos)
    return {sec: out[sec] for sec in sorted(out, key=first.__getitem__)}


def _short(text: str | None, width: int = 90) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def _fields_label(row: dict) -> str:
    fields = list(row.get("changed_fields") or [])
    if "units" in fields and row.get("units_change") == "renamed":
        fields[fields.index("units")] = "units (renamed)"
    return ", ".join(fields)


# --- terminal -----------------------------------------------------------------------------------

def print_summary(diff_rows: Any, console=None, max_rows: int | None = None) -> None:
    """Counts per status and per section, then every row that is not unchanged."""
    from rich.console import Console
    from rich.table import Table

    rows = _rows(diff_rows)
    console = console or Console()
    if not rows:
        console.print("[dim]no tasks on either side[/dim]")
        return
    old_doc, new_doc = rows[0].get("old_doc_id"), rows[0].get("new_doc_id")
    old_year, new_year = _years(rows)
    console.print(f"[bold]{old_doc}[/bold] ({old_year or '?'}) → [bold]{new_doc}[/bold] ({new_year or '?'})")

    counts = Counter(r["status"] for r in rows)
    t = Table(title="Tasks per status")
    t.add_column("status")
    t.add_column("rows", justify="right")
    for s in STATUSES:
        if counts.get(s):
            t.add_row(f"[{STATUS_COLORS[s]}]{s}[/]", str(counts[s]))
    t.add_row("[bold]total[/bold]", f"[bold]{len(rows)}[/bold]")
    console.print(t)

    present = [s for s in STATUSES if counts.get(s)]
    titles = _section_titles(rows)
    t = Table(title="Tasks per section (new plan's sections; removed tasks under the old plan's)")
    t.add_column("section")
    t.add_column("title", max_width=40, overflow="ellipsis", no_wrap=True)
    for s in present:
        t.add_column(s, justify="right")
    for sec, c in counts_by_section(rows).items():
        t.add_row(sec, titles.get(sec, ""), *[str(c.get(s, 0) or "") for s in present])
    console.print(t)

    changed = [r for r in rows if r["status"] != "unchanged"]
    t = Table(title="Rows that changed", show_lines=False)
    for col, kw in (("status", {}), ("old", {"justify": "right"}), ("new", {"justify": "right"}),
                    ("sim", {"justify": "right"}), ("changed", {"no_wrap": False, "max_width": 24})):
        t.add_column(col, **{"no_wrap": True, **kw})
    t.add_column("task", no_wrap=True, overflow="ellipsis", max_width=max(20, console.width - 60))
    for r in changed[: max_rows or len(changed)]:
        sim = "" if r.get("similarity") is None else f"{r['similarity']:.2f}"
        text = r.get("old_content") if r.get("new_seq") is None or r["status"] == "merged" else r.get("new_content")
        t.add_row(f"[{STATUS_COLORS[r['status']]}]{r['status']}[/]", r.get("old_stt") or "",
                  r.get("new_stt") or "", sim, _fields_label(r), _short(text, 200))
    console.print(t)
    if max_rows and len(changed) > max_rows:
        console.print(f"[dim]… {len(changed) - max_rows} more (see the HTML report)[/dim]")


# --- chart --------------------------------------------------------------------------------------

def _per_year_counts(rows: Sequence[dict], side: str) -> dict[str, Counter]:
    """Tasks of one document per section and status, each task once (its primary row)."""
    seen: dict[int, str] = {}
    sections: dict[int, str] = {}
    for r in rows:
        seq = r.get(f"{side}_seq")
        if seq is None:
            continue
        primary = r["status"] in ("unchanged", "modified", "added", "removed")
        if seq not in seen or primary:
            seen[seq] = r["status"]
            sections[seq] = r.get(f"{side}_section") or "—"
    out: dict[str, Counter] = defaultdict(Counter)
    for seq in sorted(seen):  # sections in reading order
        out[sections[seq]][seen[seq]] += 1
    return dict(out)


def make_figure(diff_rows: Any):
    """A matplotlib Figure: one horizontal stacked-bar panel per plan year, sections down the side."""
    from matplotlib.figure import Figure  # no pyplot: works with any backend, in notebooks too

    rows = _rows(diff_rows)
    old_year, new_year = _years(rows)
    panels = [("old", old_year or "cũ"), ("new", new_year or "mới")]
    data = [_per_year_counts(rows, side) for side, _ in panels]
    height = max(3.0, 0.32 * max((len(d) for d in data), default=1) + 1.4)
    fig = Figure(figsize=(10, height), layout="constrained")
    axes = fig.subplots(1, 2)
    for ax, (side, year), counts in zip(axes, panels, data):
        sections = list(counts)[::-1]  # first section on top
        left = [0] * len(sections)
        for status in STATUSES:
            values = [counts[s].get(status, 0) for s in sections]
            if not any(values):
                continue
            ax.barh(sections, values, left=left, color=STATUS_COLORS[status], label=status, height=0.7)
            left = [a + b for a, b in zip(left, values)]
        ax.set_title(f"{year}: {sum(sum(c.values()) for c in counts.values())} nhiệm vụ", fontsize=11)
        ax.set_xlabel("số nhiệm vụ")
        ax.tick_params(axis="y", labelsize=8)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(fontsize=8, loc="lower right", frameon=False)
    fig.suptitle("Nhiệm vụ theo mục và trạng thái", fontsize=12)
    return fig


def chart(diff_rows: Any, path: str | Path | None = None, fmt: str = "svg") -> str | bytes:
    """Render the chart: SVG text (default), PNG bytes (fmt="png"), or a file when `path` is given
    (format from its extension). Returns what was rendered."""
    fig = make_figure(diff_rows)
    if path is not None:
        fmt = Path(path).suffix.lstrip(".").lower() or fmt
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=120 if fmt == "png" else None, metadata={"Date": None} if fmt == "svg" else None)
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    if fmt == "svg":
        text = data.decode("utf-8")
        return text[text.index("<svg"):]  # drop the XML prolog and doctype: it goes inline
    return data


# --- HTML ---------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"\s+|[^\s]+")


def word_diff(old: str | None, new: str | None, old_year: int | None = None, new_year: int | None = None
              ) -> tuple[str, str]:
    """HTML of both texts with the words that differ wrapped in <del> (old) and <ins> (new).
    Words are compared as in the classification (case, plan year aside)."""
    a = [t for t in _TOKEN_RE.findall(old or "")]
    b = [t for t in _TOKEN_RE.findall(new or "")]
    aw = [i for i, t in enumerate(a) if not t.isspace()]
    bw = [i for i, t in enumerate(b) if not t.isspace()]
    key = lambda tok, year: normalize(tok, year).strip(".,;:()")  # noqa: E731
    sm = difflib.SequenceMatcher(None, [key(a[i], old_year) for i in aw], [key(b[i], new_year) for i in bw],
                                 autojunk=False)
    a_mark, b_mark = set(), set()
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            a_mark.update(aw[i1:i2])
            b_mark.update(bw[j1:j2])

    def render(tokens: list[str], marked: set[int], tag: str) -> str:
        # a space between two marked words belongs to the run; one at its edge does not
        inside = marked | {i for i, tok in enumerate(tokens)
                           if tok.isspace() and i - 1 in marked and i + 1 in marked}
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
    if row.get(f"{side}_seq") is None:
        return '<td class="side empty"></td>'
    changed = set(row.get("changed_fields") or [])
    head = (f'<div class="stt">STT {html.escape(str(row.get(f"{side}_stt") or "—"))}'
            f' · mục {html.escape(str(row.get(f"{side}_section") or "—"))}</div>')
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
        parts.append(f'<div class="{cls}"><span class="label">{label}</span>'
                     f'<div class="text">{body or "<i>(trống)</i>"}</div></div>')
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
.grid{display:grid;grid-template-columns:minmax(0,auto) minmax(420px,1fr);gap:24px;align-items:start;margin-bottom:16px}
@media (max-width:1100px){.grid{grid-template-columns:minmax(0,1fr)}}
.chart svg{max-width:100%;height:auto;background:#fff;border:1px solid #e3e3e3}
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
    rows = _rows(diff_rows)
    old_doc = rows[0].get("old_doc_id") if rows else None
    new_doc = rows[0].get("new_doc_id") if rows else None
    old_year, new_year = _years(rows)
    title = title or f"So sánh nhiệm vụ {old_year or ''} → {new_year or ''}".strip()
    sections = list(counts_by_section(rows))
    titles = _section_titles(rows)
    counts = Counter(r["status"] for r in rows)

    chips = [f'<span class="chip total">Hiển thị <span class="count" id="count-shown">{len(rows)}</span>'
             f' / {len(rows)}</span>']
    for s in STATUSES:
        chips.append(f'<label class="chip" style="background:{STATUS_COLORS[s]}" title="{STATUS_LABELS[s]}">'
                     f'<input type="checkbox" class="status-filter" value="{s}" checked>{s} '
                     f'<span class="count" id="count-{s}">{counts.get(s, 0)}</span></label>')
    options = ['<option value="">tất cả các mục</option>'] + [
        f'<option value="{html.escape(s)}">{html.escape(s)}{" — " + html.escape(_short(titles[s], 50)) if s in titles else ""}</option>'
        for s in sections]

    body = []
    for r in rows:
        marks_old: dict[str, str] = {}
        marks_new: dict[str, str] = {}
        for f in r.get("changed_fields") or []:
            if r.get("old_seq") is not None and r.get("new_seq") is not None:
                marks_old[f], marks_new[f] = word_diff(r.get(f"old_{f}"), r.get(f"new_{f}"),
                                                       r.get("old_plan_year"), r.get("new_plan_year"))
        status = r["status"]
        sim = "" if r.get("similarity") is None else f'<div class="meta">độ giống {r["similarity"]:.2f}</div>'
        group = f'<div class="meta">nhóm {r["group_id"]}</div>' if r.get("group_id") else ""
        fields = f'<div class="meta">{html.escape(_fields_label(r))}</div>' if r.get("changed_fields") else ""
        body.append(
            f'<tr class="task" data-status="{status}" data-section="{html.escape(section_of(r))}">'
            f'<td><span class="badge" style="background:{STATUS_COLORS[status]}">{status}</span>'
            f'{sim}{fields}{group}</td>'
            f'{_side_html(r, "old", marks_old)}{_side_html(r, "new", marks_new)}</tr>')

    chart_html = ""
    if with_chart and rows:
        try:
            chart_html = f'<div class="chart">{chart(rows)}</div>'
        except ImportError:  # matplotlib missing: the report still works without its picture
            chart_html = '<div class="chart"><i>(biểu đồ cần matplotlib)</i></div>'

    status_heads = "".join(f'<th style="color:{STATUS_COLORS[s]}">{s}</th>' for s in STATUSES)
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
