"""`vanban diff OLD NEW`: compare the task lists of two ingested documents (see pipeline/diff/classify.py).

OLD and NEW name a document by its doc id or source file name ("2023-kh-kstthc-skhcn.docx"), its
file stem ("2023-kh-kstthc-skhcn", the DOCX preferred when several formats were ingested), or by a
selection "plan_year=2023,issuer=khoa học,title=kiểm soát" (keys: plan_year, issuer, doc_type,
title, doc_id, source_file). Either may be left out when --old-*/--new-* options select it, and
--issuer/--doc-type/--title narrow both sides:

    vanban diff 2023-kh-kstthc-skhcn.docx 2025-kh-kstthc-skhcn.docx --html reports/kstthc.html
    vanban diff --old-plan-year 2023 --new-plan-year 2025 --title "kiểm soát thủ tục"

`--series [DOC…]` writes the task_lineage table instead: each task's line (added, carried on,
changed, split, merged, dropped) through one agency's plans across the years.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from pipeline.cli.commands import add_data_argument, check_writable, fraction, output_file
from pipeline.cli.errors import USAGE

DEFAULT_THRESHOLD = 0.38  # pipeline.diff.align.SETTINGS.threshold, repeated so --help imports no diff code


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "diff",
        help="compare the task lists of two documents (last year's plan → this year's)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("old", nargs="?", help="the earlier document: file name, doc id, or key=value selection")
    p.add_argument("new", nargs="?", help="the later document: file name, doc id, or key=value selection")
    add_data_argument(p)
    p.add_argument(
        "--html", metavar="FILE", type=output_file(".html", ".htm"), help="write a self-contained HTML report (.html)"
    )
    p.add_argument(
        "--chart", metavar="FILE", type=output_file(".png", ".svg"), help="write the chart alone (.png or .svg)"
    )
    p.add_argument("--json", action="store_true", help="print the rows as JSON instead of tables")
    p.add_argument("--no-write", action="store_true", help="do not write the task_diffs table")
    p.add_argument(
        "--series",
        nargs="*",
        metavar="DOC",
        default=None,
        help="write the task_lineage table instead: each task's line through the plans DOC… "
        "(in plan-year order), or through every series of the store when none is named",
    )
    p.add_argument(
        "--threshold",
        type=fraction,
        default=None,
        help=f"minimum similarity for two tasks to be the same duty (default {DEFAULT_THRESHOLD})",
    )
    for side in ("old", "new"):
        g = p.add_argument_group(f"selecting the {side} document")
        g.add_argument(f"--{side}-plan-year", type=int, metavar="YYYY", help="its plan year")
        g.add_argument(f"--{side}-issuer", metavar="TEXT", help="part of the issuing agency's name")
        g.add_argument(f"--{side}-doc-type", metavar="TYPE", help="KH, CV, BC …")
        g.add_argument(f"--{side}-title", metavar="TEXT", help="part of the title")
    g = p.add_argument_group("narrowing both sides")
    g.add_argument("--issuer", metavar="TEXT", help="part of the issuing agency's name, for both documents")
    g.add_argument("--doc-type", metavar="TYPE", help="KH, CV, BC …, for both documents")
    g.add_argument("--title", metavar="TEXT", help="part of the title, for both documents")
    p.set_defaults(func=run)


def _selection(args: argparse.Namespace, side: str) -> dict:
    return {
        "plan_year": getattr(args, f"{side}_plan_year"),
        "issuer": getattr(args, f"{side}_issuer") or args.issuer,
        "doc_type": getattr(args, f"{side}_doc_type") or args.doc_type,
        "title": getattr(args, f"{side}_title") or args.title,
    }


def run_series(args: argparse.Namespace) -> int:
    """`vanban diff --series [DOC…]`: the task_lineage table of one picked series or of all."""
    from collections import Counter

    from pipeline.diff.load import DiffError
    from pipeline.web.series import write_series_lineage

    try:
        written = write_series_lineage(args.data, args.series)
    except DiffError as exc:
        print(f"vanban diff: {exc}", file=sys.stderr)
        return USAGE
    for members, path, rows in written:
        counts = Counter(r["status"] for r in rows)
        print(
            f"{members[0].get('issuer')} ({members[0].get('doc_type')}) "
            + " → ".join(str(d["plan_year"]) for d in members)
            + f": {len({r['lineage_id'] for r in rows})} task lines ("
            + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
            + f") → {path}"
        )
    return 0


def run(args: argparse.Namespace) -> int:
    if args.series is not None:
        return run_series(args)
    from pipeline.diff.align import SETTINGS
    from pipeline.diff.classify import diff_tasks, write_diffs
    from pipeline.diff.load import DiffError, documents, load_tasks, resolve_document

    for out in (args.html, args.chart):
        if out:
            check_writable(out)
    data = Path(args.data)
    try:
        docs = documents(data)
        if not docs:
            raise DiffError(f"nothing ingested under {data} (run `vanban ingest` first, or pass --data DIR)")
        old_sel, new_sel = _selection(args, "old"), _selection(args, "new")
        if not args.old and not any(old_sel.values()) or not args.new and not any(new_sel.values()):
            raise DiffError("name both documents: vanban diff OLD NEW (or --old-plan-year/--new-plan-year …)")
        old = resolve_document(docs, args.old, **old_sel)
        new = resolve_document(docs, args.new, **new_sel)
        if old.doc_id == new.doc_id:
            raise DiffError(f"OLD and NEW are the same document ({old.doc_id})")
        old_tasks, new_tasks = load_tasks(data, old), load_tasks(data, new)
    except DiffError as exc:
        print(f"vanban diff: {exc}", file=sys.stderr)
        return USAGE
    if not old_tasks or not new_tasks:
        empty = old.doc_id if not old_tasks else new.doc_id
        print(f"vanban diff: warning: {empty} has no tasks in {data}", file=sys.stderr)
    settings = SETTINGS if args.threshold is None else replace(SETTINGS, threshold=args.threshold)
    rows = diff_tasks(old_tasks, new_tasks, old.doc_id, new.doc_id, settings=settings)

    if not args.no_write:
        path = write_diffs(data, rows, old.doc_id, new.doc_id)
        print(f"wrote {len(rows)} rows to {path}", file=sys.stderr)
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
    else:
        from pipeline.diff.report import print_summary

        print_summary(rows)
    if args.html:
        from pipeline.diff.html import write_html

        print(f"HTML report: {write_html(rows, args.html)}", file=sys.stderr)
    if args.chart:
        from pipeline.diff.chart import chart

        chart(rows, args.chart)
        print(f"chart: {args.chart}", file=sys.stderr)
    return 0
