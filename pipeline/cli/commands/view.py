"""`vanban view FILE|DOC_ID --html OUT`: one document as a self-contained HTML page with its
citations, units and time expressions highlighted."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.commands import add_data_argument
from pipeline.query import available, connect


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "view", help="HTML view of one document with citations, units and timing highlighted",
        description="FILE is an input document; DOC_ID is looked up in the documents table (--data) "
                    "and its file searched for under --raw.",
    )
    p.add_argument("document", metavar="FILE|DOC_ID")
    p.add_argument("--html", required=True, metavar="OUT", help="where to write the HTML page")
    add_data_argument(p)
    p.add_argument("--raw", action="append", default=None, metavar="DIR",
                   help="folder holding the input files (repeatable; default: data/raw)")
    p.set_defaults(func=run)


def resolve_source(document: str, data: str, raw_dirs: list[str]) -> Path | None:
    """The input file for FILE or DOC_ID: the path itself, or the documents table's source_file
    found under one of raw_dirs."""
    path = Path(document)
    if path.is_file():
        return path
    names = [document]
    con = connect(data)
    if "documents" in available(con):
        rows = con.execute(
            "SELECT DISTINCT source_file FROM documents WHERE doc_id = ? OR source_file = ?",
            [document, document],
        ).fetchall()
        names = [r[0] for r in rows if r[0]] + names
    for folder in raw_dirs:
        base = Path(folder)
        if not base.is_dir():
            continue
        for name in names:
            for candidate in (base / name, *base.rglob(Path(name).name)):
                if candidate.is_file():
                    return candidate
    return None


def run(args: argparse.Namespace) -> int:
    raw_dirs = args.raw or ["data/raw"]
    source = resolve_source(args.document, args.data, raw_dirs)
    if source is None:
        print(f"{args.document}: not a file, and no input file for this doc_id under "
              f"{', '.join(raw_dirs)} (pass the file, or --raw DIR)", file=sys.stderr)
        return 1
    from pipeline.view import view_file

    html = view_file(source)
    out = Path(args.html)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    print(f"wrote {out} ({len(html) // 1024} KiB) for {source}")
    return 0
