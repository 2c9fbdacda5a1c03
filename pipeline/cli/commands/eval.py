"""`vanban eval --gold DIR`: score data/parquet against gold files (the corpus' reference metric).

Exit 2 when the gold folder is missing or holds no gold file, or when none of the files it names
was ingested (a score over nothing is no score); gold files whose inputs were never ingested are
named, and scored as missed. Exit 1 when --min-f1 is not met.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.cli.commands import add_data_argument, check_writable, fraction
from pipeline.cli.errors import DATA_PROBLEM, CliError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "eval",
        help="score data/parquet against gold JSON files",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--gold", required=True, metavar="DIR", help="folder of gold <doc_id>.json files")
    add_data_argument(p)
    p.add_argument(
        "--diff-gold", metavar="DIR", help="folder of reviewed task alignments (default: diff/ beside the gold folder)"
    )
    p.add_argument("--only", nargs="*", metavar="FILE", help="file names to score (default: every file named in gold)")
    p.add_argument("--json", dest="json_out", metavar="FILE", help="write the full report (with misses) to this file")
    p.add_argument(
        "--min-f1",
        type=fraction,
        default=None,
        metavar="F1",
        help="exit 1 when task F1 falls below this (0..1): a quality gate for CI",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipeline.batch.store import read_rows
    from pipeline.evaluate import file_line, score_diff_golds, score_tables

    gold_dir, data = Path(args.gold), Path(args.data)
    if not gold_dir.is_dir():
        raise CliError(f"gold folder {gold_dir} does not exist")
    if not any(gold_dir.glob("*.json")):
        raise CliError(f"no gold .json file in {gold_dir}")
    if args.json_out:
        check_writable(args.json_out)
    documents = read_rows(data, "documents")
    report = score_tables(
        documents,
        read_rows(data, "tasks"),
        read_rows(data, "citations"),
        gold_dir,
        set(args.only) if args.only else None,
    )
    if not report["files"]:
        raise CliError(
            f"no gold file in {gold_dir} names " + ("the files given with --only" if args.only else "any input file")
        )
    ingested = {Path(str(d.get("source_file") or "")).name for d in documents}
    never = sorted(f for f in report["files"] if f not in ingested)
    for fname, result in report["files"].items():
        print(file_line(fname, result))
    print(json.dumps(report["summary"], ensure_ascii=False))
    if never:
        print(
            f"vanban eval: {len(never)} of {len(report['files'])} gold files were never ingested into {data} "
            f"(scored as missed): {', '.join(never)}",
            file=sys.stderr,
        )
    if len(never) == len(report["files"]):
        raise CliError(f"none of the {len(never)} files named in {gold_dir} is ingested in {data}")
    diff_gold = Path(args.diff_gold) if args.diff_gold else gold_dir.parent / "diff"
    if diff_gold.is_dir():
        report["alignment"] = score_diff_golds(data, diff_gold)
        for pair, scores in report["alignment"].items():
            print(
                f"diff {pair}: "
                + json.dumps({k: scores[k] for k in ("pair_precision", "pair_recall", "pair_f1", "status_accuracy")})
            )
    report["never_ingested"] = never
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    if args.min_f1 is not None and report["summary"]["task_f1"] < args.min_f1:
        return DATA_PROBLEM
    return 0
