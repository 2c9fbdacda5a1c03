"""`vanban eval --gold DIR`: score data/parquet against gold files (the corpus' reference metric)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipeline.cli.commands import add_data_argument
from pipeline.evaluate import file_line, score_diff_golds, score_tables
from pipeline.batch.store import read_rows


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("eval", help="score data/parquet against gold JSON files")
    p.add_argument("--gold", required=True, help="folder of gold <doc_id>.json files")
    add_data_argument(p)
    p.add_argument("--diff-gold", help="folder of reviewed task alignments (default: diff/ beside the gold folder)")
    p.add_argument("--only", nargs="*", help="file names to score (default: every file named in gold)")
    p.add_argument("--json", dest="json_out", help="write the full report (with misses) to this file")
    p.add_argument("--min-f1", type=float, default=None, help="exit 1 when task F1 falls below")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data = Path(args.data)
    report = score_tables(read_rows(data, "documents"), read_rows(data, "tasks"), read_rows(data, "citations"),
                          Path(args.gold), set(args.only) if args.only else None)
    for fname, result in report["files"].items():
        print(file_line(fname, result))
    print(json.dumps(report["summary"], ensure_ascii=False))
    diff_gold = Path(args.diff_gold) if args.diff_gold else Path(args.gold).parent / "diff"
    if diff_gold.is_dir():
        report["alignment"] = score_diff_golds(data, diff_gold)
        for pair, scores in report["alignment"].items():
            print(f"diff {pair}: " + json.dumps({k: scores[k] for k in ("pair_precision", "pair_recall", "pair_f1",
                                                                         "status_accuracy")}))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str),
                                       encoding="utf-8")
    if args.min_f1 is not None and report["summary"]["task_f1"] < args.min_f1:
        return 1
    return 0
