"""`vanban view FILE|DOC_ID --html OUT`: one document as a self-contained HTML page with its
citations, units and time expressions highlighted, and its task table.

FILE is an input document; DOC_ID (or a source file name or stem) is looked up in the documents
table (--data) and its file searched for under --raw. A file that cannot be read (encrypted,
empty, not a document) ends with one line naming the problem and exit 1; an unknown document or
an unwritable output with exit 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.commands import add_data_argument, check_writable, output_file
from pipeline.cli.errors import DATA_PROBLEM, CliError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "view",
        help="HTML view of one document with citations, units and timing highlighted",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "document", metavar="FILE|DOC_ID", help="an input file, or an ingested document's id, file name or stem"
    )
    p.add_argument(
        "--html",
        required=True,
        type=output_file(".html", ".htm"),
        metavar="OUT",
        help="where to write the HTML page (.html)",
    )
    add_data_argument(p)
    p.add_argument(
        "--raw",
        action="append",
        default=None,
        metavar="DIR",
        help="folder holding the input files (repeatable; default: data/raw)",
    )
    p.set_defaults(func=run)


def resolve_source(document: str, data: str, raw_dirs: list[str]) -> Path | None:
    """The input file for FILE or DOC_ID: the path itself, or the documents table's source_file
    (found by doc_id, file name or stem) under one of raw_dirs."""
    from pipeline.diff.load import DiffError, documents, resolve_document

    path = Path(document)
    if path.is_file():
        return path
    names = [document]
    try:
        doc = resolve_document(documents(data), document)
        names = [n for n in (doc.source_file, doc.doc_id) if n] + names
    except DiffError:
        pass
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
    from extractors.model import ExtractionError

    raw_dirs = args.raw or ["data/raw"]
    check_writable(args.html)
    source = resolve_source(args.document, args.data, raw_dirs)
    if source is None:
        raise CliError(
            f"{args.document}: not a file, and no input file for this document under "
            f"{', '.join(raw_dirs)} (pass the file, or --raw DIR)"
        )
    from pipeline.view import view_file

    try:
        html = view_file(source)
    except ExtractionError as exc:
        print(f"vanban view: {source.name} cannot be read ({exc.code}): {exc.message}", file=sys.stderr)
        return DATA_PROBLEM
    out = Path(args.html)
    out.write_text(html, encoding="utf-8")
    print(f"wrote {out} ({len(html) // 1024} KiB) for {source}")
    return 0
