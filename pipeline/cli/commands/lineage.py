"""`vanban lineage [DOC …] [--data DIR]`: write the task_lineage table of plan series.

With documents named (doc id, file name or stem, as for `vanban diff`), they form one series, taken
in plan-year order. Without, every series in the store is written: one agency's documents of one
type across at least two plan years (one rendition per document), like the web app's
"Chuỗi kế hoạch" page. One file per series: task_lineage/<series key>.parquet, replaced on re-runs.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from pipeline.cli.commands import add_data_argument


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "lineage", help="write the task_lineage table: each task's line through a plan series",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("documents", nargs="*", metavar="DOC",
                   help="the plans of one series (default: every series of the store)")
    add_data_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipeline.diff.lineage import build_lineage, series_key, write_lineage
    from pipeline.diff.load import DiffError, load_tasks, resolve_document
    from pipeline.web import queries
    from pipeline.web.series import series_list

    docs = queries.documents(queries.open_store(args.data))
    if not docs:
        print(f"No documents under {args.data} (run `vanban ingest` first, or pass --data DIR).", file=sys.stderr)
        return 1
    if args.documents:
        from pipeline.diff.load import documents as doc_refs

        refs = doc_refs(args.data)
        try:
            chosen_ids = [resolve_document(refs, name).doc_id for name in args.documents]
        except DiffError as exc:
            print(exc, file=sys.stderr)
            return 1
        by_id = {d["doc_id"]: d for d in docs}
        chosen = sorted((by_id[i] for i in chosen_ids), key=lambda d: (d["plan_year"] or 0, str(d.get("issued_date"))))
        series = [(chosen, [d["doc_id"] for d in chosen])]
    else:
        series = [(s["documents"], []) for s in series_list(docs)]
    if not series:
        print("No series: no agency has documents of one type in two plan years or more.", file=sys.stderr)
        return 1
    for members, picked in series:
        key = series_key(members[0].get("issuer"), members[0].get("doc_type"), picked)
        rows = build_lineage([(d["doc_id"], load_tasks(args.data, d["doc_id"])) for d in members], key)
        path = write_lineage(args.data, rows, key)
        counts = Counter(r["status"] for r in rows)
        years = " → ".join(str(d["plan_year"]) for d in members)
        print(f"{members[0].get('issuer')} ({members[0].get('doc_type')}) {years}: "
              f"{len({r['lineage_id'] for r in rows})} lines, "
              + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) + f" → {path}")
    return 0
