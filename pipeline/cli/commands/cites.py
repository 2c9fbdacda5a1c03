"""`vanban cites FILE|DOC_ID [--data DIR] [--json]`: what one document cites.

The document is named by its doc_id, its source file name or path, or its file stem; a name that
is not ingested is an error (exit 2), a document that cites nothing is not.

One line per cited document (or law cited by name): kind, ref, date, issuer, what the document
does with it (its relations: căn cứ, thực hiện, …, the most frequent first), how many mentions,
and the tasks (STT) whose text cites it. Reads the `citations` (and `tasks`) views through DuckDB.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from pipeline.cli.commands import add_data_argument
from pipeline.cli.commands.cite import format_date, json_default, open_citations
from pipeline.cli.errors import CliError
from schemas.enums import RELATIONS

_ORDER = {r: i for i, r in enumerate(RELATIONS)}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "cites",
        help="list what one document cites",
        description="List the documents cited by FILE (a source file name) or DOC_ID.",
    )
    p.add_argument("document", help="source file name or path, its stem, or doc_id")
    add_data_argument(p)
    p.add_argument("--json", action="store_true", help="print the cited documents as JSON")
    p.set_defaults(func=run)


def cited_by(con, document: str) -> list[dict]:
    """One entry per resource the document (doc_id or source file name) cites, in order of first mention."""
    from pipeline.query import available

    name = Path(document).name
    task_join = (
        ("LEFT JOIN tasks t ON t.doc_id = c.doc_id AND t.source_file = c.source_file AND t.task_seq = c.task_seq")
        if "tasks" in available(con)
        else ""
    )
    stt = "coalesce(t.stt, '#' || c.task_seq::VARCHAR)" if task_join else "'#' || c.task_seq::VARCHAR"
    sql = f"""
        SELECT c.kind, c.ref, c.name, any_value(c.year) AS year,
               min(c.issued_date) AS issued_date, any_value(c.issuer) AS issuer,
               count(*) AS mentions, list(c.relation) FILTER (WHERE c.relation IS NOT NULL) AS relation_list,
               list(DISTINCT {stt}) FILTER (WHERE c.task_seq IS NOT NULL) AS tasks,
               min(c.char_start) AS first, arg_min(c.context, c.char_start) AS context,
               any_value(c.doc_id) AS doc_id, any_value(c.source_file) AS source_file
        FROM citations c {task_join}
        WHERE c.doc_id = ? OR (c.source_file = ? AND NOT EXISTS (SELECT 1 FROM citations WHERE doc_id = ?))
        GROUP BY c.kind, c.ref, c.name ORDER BY first"""
    rel = con.execute(sql, [document, name, document])  # a file name only where no doc_id is it
    cols = [d[0] for d in rel.description]
    out = []
    for row in rel.fetchall():
        entry = dict(zip(cols, row))
        counts = Counter(entry.pop("relation_list") or [])
        # most frequent first, ties in RELATIONS order (căn cứ before dẫn chiếu)
        entry["relations"] = sorted(counts, key=lambda r: (-counts[r], _ORDER.get(r, len(_ORDER))))
        entry["relation"] = entry["relations"][0] if entry["relations"] else None
        out.append(entry)
    return out


def run(args: argparse.Namespace) -> int:
    from pipeline.diff.load import DiffError, documents, resolve_document

    con = open_citations(args.data)
    try:
        doc = resolve_document(documents(args.data), args.document)
    except DiffError as exc:
        raise CliError(f"unknown document: {exc}") from None
    rows = cited_by(con, doc.doc_id)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=json_default))
        return 0
    if not rows:
        print(f"{doc.doc_id} cites no document.")
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{rows[0]['source_file']}: {len(rows)} cited documents", show_lines=False)
    for col in ("kind", "ref / name", "date", "issuer", "relation", "n", "tasks"):
        table.add_column(col, overflow="fold", justify="right" if col == "n" else "left")
    for r in rows:
        ref = r["ref"] or (f"{r['name']}" + (f" năm {r['year']}" if r["year"] else ""))
        tasks = ", ".join(sorted(map(str, r["tasks"] or []), key=lambda s: (len(s), s)))
        table.add_row(
            r["kind"] or "",
            ref or "",
            format_date(r["issued_date"]),
            r["issuer"] or "",
            ", ".join(r["relations"]),
            str(r["mentions"]),
            tasks,
        )
    Console().print(table)
    return 0
