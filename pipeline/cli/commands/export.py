"""`vanban export tasks|diff|citations … --out FILE`: Excel and Word files for office work.

    vanban export tasks 2025-kh-kstthc-skhcn [MORE …] --out nhiem-vu.xlsx   # task lists (all: no name)
    vanban export diff 2023-kh-kstthc-skhcn 2025-kh-kstthc-skhcn --out so-sanh.docx   # or .xlsx
    vanban export citations --out trich-dan.xlsx                            # the citation index

Documents are named by doc id, file name or stem (as in `vanban diff`). Headers are Vietnamese,
the header row is frozen with filters on, dates are real dates, long text wraps. A diff as .docx is
the comparison table: STT | Nội dung năm trước | Nội dung năm nay | Thay đổi.
"""

from __future__ import annotations

import argparse
import sys

from pipeline.cli.commands import add_data_argument, check_writable, fraction, output_file
from pipeline.cli.errors import DATA_PROBLEM, CliError

WHAT = ("tasks", "diff", "citations")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export",
        help="write Excel (.xlsx) or Word (.docx) files of tasks, a diff, citations",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("what", choices=WHAT, help="tasks: task lists; diff: two plans compared; citations: the index")
    p.add_argument(
        "documents",
        nargs="*",
        metavar="DOC",
        help="tasks: the documents (default: all); diff: OLD NEW; citations: the citing documents (default: all)",
    )
    p.add_argument(
        "--out",
        required=True,
        type=output_file(".xlsx", ".docx"),
        metavar="FILE",
        help="the file to write: .xlsx, or .docx for a diff",
    )
    add_data_argument(p)
    p.add_argument(
        "--threshold",
        type=fraction,
        default=None,
        metavar="SIM",
        help="diff: minimum similarity for two tasks to be the same duty (as in `vanban diff`)",
    )
    p.set_defaults(func=run)


def _resolve(data: str, names: list[str]):
    from pipeline.diff.load import DiffError, documents, resolve_document

    docs = documents(data)
    if not docs:
        raise CliError(f"nothing ingested under {data} (run `vanban ingest` first, or pass --data DIR)")
    try:
        return [resolve_document(docs, name) for name in names]
    except DiffError as exc:
        raise CliError(f"unknown document: {exc}") from None


def _rows(con, sql: str, params: list) -> list[dict]:
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def task_rows(data: str, doc_ids: list[str] | None) -> list[dict]:
    """Rows of the tasks table with their document's symbol and date, documents in the order given."""
    from pipeline.export.sheets import task_seq
    from pipeline.query import available, connect

    con = connect(data)
    if "tasks" not in available(con):
        return []
    doc_cols = (
        ", d.doc_symbol, d.issued_date"
        if "documents" in available(con)
        else ", NULL AS doc_symbol, NULL AS issued_date"
    )
    join = (
        (
            "LEFT JOIN (SELECT doc_id, any_value(doc_symbol) AS doc_symbol, any_value(issued_date) AS issued_date "
            "FROM documents GROUP BY doc_id) d USING (doc_id)"
        )
        if "documents" in available(con)
        else ""
    )
    where = f"WHERE t.doc_id IN ({', '.join('?' * len(doc_ids))})" if doc_ids else ""
    rows = _rows(con, f"SELECT t.* {doc_cols} FROM tasks t {join} {where}", list(doc_ids or []))
    order = {d: i for i, d in enumerate(doc_ids or sorted({r["doc_id"] for r in rows}))}
    return sorted(rows, key=lambda r: (order.get(r["doc_id"], 0), task_seq(r)))


def citation_rows(data: str, doc_ids: list[str] | None) -> list[dict]:
    from pipeline.query import available, connect

    con = connect(data)
    if "citations" not in available(con):
        return []
    has_tasks = "tasks" in available(con)
    seq = (
        "t.task_seq"
        if has_tasks
        and "task_seq" in {c for (c,) in con.execute("SELECT column_name FROM (DESCRIBE tasks)").fetchall()}
        else "t.seq"
    )
    join = f"LEFT JOIN tasks t ON t.doc_id = c.doc_id AND {seq} = c.task_seq" if has_tasks else ""
    stt = "t.stt AS task_stt" if has_tasks else "NULL AS task_stt"
    where = f"WHERE c.doc_id IN ({', '.join('?' * len(doc_ids))})" if doc_ids else ""
    return _rows(
        con, f"SELECT c.*, {stt} FROM citations c {join} {where} ORDER BY c.doc_id, c.char_start", list(doc_ids or [])
    )


def run(args: argparse.Namespace) -> int:
    check_writable(args.out)
    suffix = args.out.suffix.lower()
    if suffix == ".docx" and args.what != "diff":
        raise CliError(f"only a diff is written as .docx; write {args.what} as .xlsx")
    from pipeline.export.xlsx import write_xlsx

    if args.what == "diff":
        if len(args.documents) != 2:
            raise CliError("name the two documents: vanban export diff OLD NEW --out FILE")
        return _export_diff(args)
    doc_ids = [d.doc_id for d in _resolve(args.data, args.documents)] if args.documents else None
    if args.what == "tasks":
        from pipeline.export.sheets import task_sheet

        rows = task_rows(args.data, doc_ids)
        sheets = [task_sheet(rows)]
    else:
        from pipeline.export.sheets import citation_sheets

        rows = citation_rows(args.data, doc_ids)
        sheets = citation_sheets(rows)
    if not rows:
        print(
            f"vanban export: no {args.what} under {args.data}" + (" for these documents" if doc_ids else ""),
            file=sys.stderr,
        )
        return DATA_PROBLEM
    write_xlsx(sheets, args.out)
    print(f"wrote {args.out}: {len(rows)} rows", file=sys.stderr)
    return 0


def _export_diff(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from pipeline.diff.align import SETTINGS
    from pipeline.diff.classify import diff_tasks
    from pipeline.diff.load import load_tasks

    old, new = _resolve(args.data, args.documents)
    if old.doc_id == new.doc_id:
        raise CliError(f"OLD and NEW are the same document ({old.doc_id})")
    settings = SETTINGS if args.threshold is None else replace(SETTINGS, threshold=args.threshold)
    rows = diff_tasks(load_tasks(args.data, old), load_tasks(args.data, new), old.doc_id, new.doc_id, settings=settings)
    if args.out.suffix.lower() == ".docx":
        from pipeline.export.word import write_diff_docx

        write_diff_docx(rows, args.out, old.label, new.label)
    else:
        from pipeline.export.sheets import diff_sheet
        from pipeline.export.xlsx import write_xlsx

        write_xlsx([diff_sheet(rows)], args.out)
    print(f"wrote {args.out}: {len(rows)} rows ({old.doc_id} → {new.doc_id})", file=sys.stderr)
    return 0
