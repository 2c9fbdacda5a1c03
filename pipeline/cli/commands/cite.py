"""`vanban cite REF [--relation R] [--data DIR] [--json] [--html FILE]`: every document and task that cites REF.

REF is parsed like a user types it ("45/2020/NĐ-CP", "NĐ 45/2020", "nghị định 45/2020",
"nghi dinh 45/2020", "45/2020/ND-CP", "nđ-cp 45/2020"); a partial one ("Quyết định 1085") lists
every document it can mean. Text without a number ("luat dat dai") is searched in the names of laws
cited by name, accents and case ignored. Reads the `citations` table (and `tasks`, `documents` when present) through DuckDB views.

Each mention carries its relation (what the citing sentence does: căn cứ, thực hiện, theo đề nghị,
sửa đổi, bổ sung, thay thế, bãi bỏ, hướng dẫn, dẫn chiếu — schemas/enums.py: RELATIONS) in the
table, the JSON and the HTML report; `--relation "thuc hien"` keeps only the mentions that
implement REF ("which documents implement QĐ 124/QĐ-UBND"), typed with or without accents.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cli.commands import add_data_argument, check_writable
from pipeline.cli.errors import DATA_PROBLEM, USAGE, CliError
from pipeline.search import fold, sql_fold
from schemas.enums import RELATIONS

if TYPE_CHECKING:
    from pipeline.citations.query import RefQuery

# the lookup key of a ref in SQL: like refs.lookup_key (case, spaces, Ð, hyphen variants, leading zeros)
SQL_KEY = (
    "regexp_replace(replace(replace(replace(replace(upper(c.ref), ' ', ''), 'Ð', 'Đ'), '–', '-'), "
    "'NĐCP', 'NĐ-CP'), '^0+([0-9])', '\\1')"
)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "cite",
        help="list every document and task citing a document number",
        description="List the documents and tasks that cite REF (e.g. 45/2020/NĐ-CP, 'NĐ 45/2020').",
    )
    p.add_argument(
        "ref",
        help="the cited document: 45/2020/NĐ-CP, 'NĐ 45/2020', 'nghi dinh 45/2020', "
        "1085/QĐ-TTg …, or words of a law's name ('luat dat dai')",
    )
    add_data_argument(p)
    p.add_argument(
        "--relation",
        metavar="RELATION",
        help="only mentions that do this with REF: "
        + ", ".join(f"'{r}'" for r in RELATIONS)
        + " (accents optional: 'thuc hien', 'can cu')",
    )
    p.add_argument("--json", action="store_true", help="print the rows as JSON")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report to FILE")
    p.set_defaults(func=run)


def citing_rows(con, query: "RefQuery | str", relation: str | None = None) -> list[dict]:
    """Citation rows matching the query (a parsed ref, or words of a cited name), with their task
    and document columns where known; only those with `relation` (a RELATIONS value) when given.
    A document ingested as several files (DOCX, PDF, scan …) is read once: its primary rendition."""
    from pipeline.citations.refs import lookup_key
    from pipeline.query import available

    views = available(con)
    where, params = [], []
    if "renditions" in views:
        where.append("c.doc_id IN (SELECT doc_id FROM renditions WHERE is_primary)")
    if isinstance(query, str):  # words of a name: accents, case and Unicode form ignored
        where.append(f"contains({sql_fold('coalesce(c.name, c.raw)')}, ?)")
        params.append(fold(query))
    elif query.ref:
        where.append(f"{SQL_KEY} = ?")
        params.append(lookup_key(query.ref))
    else:
        where.append("ltrim(c.number, '0') = ?")
        params.append(query.number.lstrip("0") or "0")
        if query.type_code:
            where.append("c.type_code = ?")
            params.append(query.type_code)
        if query.year:
            where.append("c.year = ?")
            params.append(query.year)
        if query.issuer_code:
            where.append("upper(c.issuer_code) = upper(?)")
            params.append(query.issuer_code)
    if relation is not None:
        where.append("c.relation = ?")
        params.append(relation)
    task_cols = (
        ", t.stt AS task_stt, t.section AS task_section, t.content AS task_content"
        if "tasks" in views
        else ", NULL AS task_stt, NULL AS task_section, NULL AS task_content"
    )
    task_join = (
        ("LEFT JOIN tasks t ON t.doc_id = c.doc_id AND t.source_file = c.source_file AND t.task_seq = c.task_seq")
        if "tasks" in views
        else ""
    )
    doc_cols = (
        (
            ", d.doc_type AS doc_type, d.title AS doc_title, d.issuer AS doc_issuer, d.year AS doc_year, "
            "coalesce(d.document_key, c.doc_id) AS document_key"
        )
        if "documents" in views
        else ", NULL AS doc_type, NULL AS doc_title, NULL AS doc_issuer, NULL AS doc_year, c.doc_id AS document_key"
    )
    doc_join = (
        "LEFT JOIN documents d ON d.doc_id = c.doc_id AND d.source_file = c.source_file" if "documents" in views else ""
    )
    sql = (
        f"SELECT c.doc_id, c.source_file, c.task_seq, c.kind, c.ref, c.name, c.year, c.issued_date, "
        f"c.issuer, c.raw, c.context, c.page_start, c.char_start, c.relation {task_cols} {doc_cols} "
        f"FROM citations c {task_join} {doc_join} WHERE {' AND '.join(where)} "
        f"ORDER BY c.ref, c.doc_id, c.char_start"
    )
    rel = con.execute(sql, params)
    cols = [d[0] for d in rel.description]
    return [dict(zip(cols, row)) for row in rel.fetchall()]


def format_date(value: object) -> str:
    """A date as the documents print it (dd/mm/yyyy), "" for no date."""
    return value.strftime("%d/%m/%Y") if isinstance(value, (dt.date, dt.datetime)) else ""


def _task_label(row: dict) -> str:
    if row.get("task_seq") is None:
        return ""
    label = ".".join(x for x in (row.get("task_section"), row.get("task_stt")) if x) or f"#{row['task_seq']}"
    content = " ".join((row.get("task_content") or "").split())
    return f"{label} {content[:90]}{'…' if len(content) > 90 else ''}".strip()


def summary(rows: list[dict]) -> list[dict]:
    """One entry per cited ref: date (first known), documents and tasks citing it."""
    out: dict[str, dict] = {}
    for r in rows:
        ref = r["ref"] or r["name"]
        s = out.setdefault(
            ref,
            {
                "ref": ref,
                "kind": r["kind"],
                "issued_date": None,
                "issuer": None,
                "documents": set(),
                "tasks": 0,
                "mentions": 0,
                "relations": {},
            },
        )
        s["issued_date"] = s["issued_date"] or r["issued_date"]
        s["issuer"] = s["issuer"] or r["issuer"]
        s["documents"].add(r.get("document_key") or r["doc_id"])
        s["tasks"] += r["task_seq"] is not None
        s["mentions"] += 1
        if r.get("relation"):
            s["relations"][r["relation"]] = s["relations"].get(r["relation"], 0) + 1
    return list(out.values())


def relation_counts(counts: dict[str, int]) -> str:
    """ "thực hiện 3, căn cứ 1": the relations of a ref's mentions, most frequent first."""
    return ", ".join(f"{rel} {n}" for rel, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))


def print_rows(rows: list[dict], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for s in summary(rows):
        console.print(
            f"[bold]{s['ref']}[/bold] — {s['kind']}"
            + (f", ngày {format_date(s['issued_date'])}" if s["issued_date"] else "")
            + (f", {s['issuer']}" if s["issuer"] else "")
            + f": {s['mentions']} mention(s) in {len(s['documents'])} document(s), {s['tasks']} in tasks"
            + (f" ({relation_counts(s['relations'])})" if s["relations"] else "")
        )
    table = Table(title=title, show_lines=True)
    # a document name stays whole on one line where it can (the other columns wrap instead)
    name_width = min(40, max((len(r["doc_id"] or r["source_file"] or "") for r in rows), default=8))
    for col, kw in (
        ("document", {"overflow": "fold", "min_width": name_width}),
        ("page", {"justify": "right"}),
        ("relation", {}),
        ("task", {"ratio": 2}),
        ("context", {"ratio": 3}),
    ):
        table.add_column(col, **kw)
    for r in rows:
        table.add_row(
            r["doc_id"] or r["source_file"] or "",
            "" if r["page_start"] is None else str(r["page_start"]),
            r.get("relation") or "",
            _task_label(r),
            r["context"] or r["raw"] or "",
        )
    console.print(table)


def html_report(rows: list[dict], query: str, relation: str | None = None) -> str:
    """A self-contained HTML page (inline CSS) listing the citing documents and tasks."""
    esc = html.escape

    def context(r: dict) -> str:
        ctx, raw = r["context"] or "", " ".join((r["raw"] or "").split())
        i = ctx.find(raw) if raw else -1
        if i < 0:
            return esc(ctx)
        return esc(ctx[:i]) + f"<mark>{esc(raw)}</mark>" + esc(ctx[i + len(raw) :])

    heads = "".join(
        f"<li><b>{esc(s['ref'])}</b> — {esc(s['kind'] or '')}"
        + (f", ngày {format_date(s['issued_date'])}" if s["issued_date"] else "")
        + (f", {esc(s['issuer'])}" if s["issuer"] else "")
        + f": {s['mentions']} lần trích dẫn trong {len(s['documents'])} văn bản"
        + (f" ({esc(relation_counts(s['relations']))})" if s["relations"] else "")
        + "</li>"
        for s in summary(rows)
    )
    body = "".join(
        f"<tr><td>{esc(r['doc_id'] or '')}<div class=t>{esc(r.get('doc_title') or '')}</div></td>"
        f"<td data-sort='{r['page_start'] if r['page_start'] is not None else ''}'>"
        f"{'' if r['page_start'] is None else r['page_start']}</td>"
        f"<td>{esc(r.get('relation') or '')}</td>"
        f"<td>{esc(_task_label(r))}</td><td>{context(r)}</td></tr>"
        for r in rows
    )
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Trích dẫn: {esc(query)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; }}
h1 {{ font-size: 1.4rem; }} ul {{ padding-left: 1.2rem; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9rem; }}
th, td {{ border: 1px solid #ccc; padding: .4rem .5rem; vertical-align: top; text-align: left; }}
th {{ background: #f3f3f3; cursor: pointer; user-select: none; white-space: nowrap; }}
th[aria-sort=ascending]::after {{ content: " ▲"; }} th[aria-sort=descending]::after {{ content: " ▼"; }}
tr:nth-child(even) td {{ background: #fafafa; }}
mark {{ background: #ffe58a; padding: 0 .1rem; }} .t {{ color: #666; font-size: .8rem; }}
.tools {{ margin: 1rem 0; display: flex; gap: 1rem; align-items: center; }}
#q {{ font-size: 1rem; padding: .35rem .5rem; width: 28rem; max-width: 100%; }}
</style></head><body>
<h1>Văn bản trích dẫn “{esc(query)}”{f" — quan hệ: {esc(relation)}" if relation else ""}</h1>
<ul>{heads}</ul>
<div class="tools"><label>Tìm: <input id="q" type="search" placeholder="gõ có dấu hoặc không dấu: văn bản, nhiệm vụ, ngữ cảnh"></label>
<span class="t"><span id="shown">{len(rows)}</span> / {len(rows)} dòng · bấm vào tiêu đề cột để sắp xếp</span></div>
<table id="cites"><thead><tr><th>Văn bản</th><th data-type="number">Trang</th><th>Quan hệ</th><th>Nhiệm vụ</th><th>Ngữ cảnh</th></tr></thead>
<tbody>{body}</tbody></table>
<p class=t>{len(rows)} dòng · tạo bởi vanban cite</p>
<script>{_TABLE_JS}</script>
</body></html>
"""


# search without accents (as pipeline/search.py folds) and sort by any column; no network
_TABLE_JS = r"""
(function(){
  const fold=s=>s.normalize('NFD').replace(/[\u0300-\u036f]/g,'').replace(/[đĐðÐ]/g,'d').toLowerCase().replace(/\s+/g,' ');
  const tbody=document.querySelector('#cites tbody'), rows=[...tbody.rows];
  rows.forEach(r=>{r.dataset.text=fold(r.textContent);});
  const q=document.getElementById('q'), shown=document.getElementById('shown');
  q.addEventListener('input',()=>{const want=fold(q.value).trim(); let n=0;
    rows.forEach(r=>{const ok=!want||r.dataset.text.includes(want); r.hidden=!ok; n+=ok;}); shown.textContent=n;});
  document.querySelectorAll('#cites th').forEach((th,i)=>th.addEventListener('click',()=>{
    const asc=th.getAttribute('aria-sort')!=='ascending', num=th.dataset.type==='number';
    document.querySelectorAll('#cites th').forEach(h=>h.removeAttribute('aria-sort'));
    th.setAttribute('aria-sort',asc?'ascending':'descending');
    const key=r=>{const c=r.cells[i]; const v=c.dataset.sort!==undefined?c.dataset.sort:c.textContent;
      return num?(v===''?Infinity:parseFloat(v)):fold(v);};
    rows.sort((a,b)=>{const x=key(a),y=key(b); return (x<y?-1:x>y?1:0)*(asc?1:-1);});
    rows.forEach(r=>tbody.appendChild(r));}));
  document.body.dataset.ready='1';
})();
"""


def json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, set):
        return sorted(value)
    return str(value)


def open_citations(data_dir: str):
    """A DuckDB connection with the table views; CliError (exit DATA_PROBLEM) when there are no citations."""
    from pipeline.query import NoData, connect, require

    con = connect(data_dir)
    try:
        require(con, data_dir, "citations")
    except NoData as exc:
        raise CliError(f"no citations yet: {exc}", DATA_PROBLEM) from None
    return con


def run(args: argparse.Namespace) -> int:
    from pipeline.citations.query import parse_query, parse_relation

    relation = None
    if args.relation is not None:
        relation = parse_relation(args.relation)
        if relation is None:
            raise CliError(
                f"--relation: {args.relation!r} is not a relation (one of: "
                + ", ".join(f"'{r}'" for r in RELATIONS)
                + "; accents optional)"
            )
    if args.html:
        check_writable(args.html)
    con = open_citations(args.data)
    query = parse_query(args.ref)
    rows = citing_rows(con, query if query is not None else args.ref, relation) if query or fold(args.ref) else []
    if query is None and not rows:
        raise CliError(
            f"cannot read {args.ref!r} as a document number (try 45/2020/NĐ-CP, 'NĐ 45/2020', "
            f"1085/QĐ-TTg), and no law cited by name contains it.",
            USAGE,
        )
    if args.html:
        Path(args.html).write_text(html_report(rows, args.ref, relation), encoding="utf-8")
    shown = query.ref if query is not None and query.ref else args.ref
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=json_default))
    elif not rows:
        print(f"No document under {args.data} cites {shown}" + (f" with relation '{relation}'." if relation else "."))
    else:
        print_rows(rows, f"Citing {shown}")
    if args.html:
        print(f"HTML report written to {args.html}", file=sys.stderr)
    return 0 if rows else DATA_PROBLEM
