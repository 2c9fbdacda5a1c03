"""Learn the `laws` table (pipeline/data/laws.csv) from an ingested store's citations.

    python scripts/learn_laws.py [--data data/parquet] [--table pipeline/data/laws.csv] [--dry-run]

Rows already in the table stay; a law newly seen with both its name and its number is added
(pipeline/citations/laws.learn_laws says which mentions teach a row).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.batch.store import read_table  # noqa: E402
from pipeline.citations.laws import LAWS_CSV, learn_laws, merge_laws, read_laws, write_laws  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("data/parquet"))
    ap.add_argument("--table", type=Path, default=LAWS_CSV)
    ap.add_argument("--dry-run", action="store_true", help="print the table, write nothing")
    args = ap.parse_args(argv)
    if not (args.data / "citations").is_dir():
        print(f"learn_laws: no citations table under {args.data}", file=sys.stderr)
        return 2
    old = read_laws(args.table)
    table = merge_laws(old, learn_laws(read_table(args.data, "citations").to_pylist()))
    for law in table:
        print(f"{law.kind}\t{law.name}\t{law.ref}\t{law.year or ''}\t{law.date or ''}")
    if not args.dry_run:
        write_laws(table, args.table)
    print(f"{len(table)} laws ({len(table) - len(old)} new)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
