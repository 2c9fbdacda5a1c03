"""Compare two Parquet stores row by row: are a refactor's outputs identical?

    python scripts/compare_outputs.py OLD_DIR NEW_DIR [--ignore COL ...]

Every table present in either store is read whole (all partitions), sorted on all its columns,
and compared as sets of rows; the tables of schemas/ are read through the store reader, so a store
written under an older schema version compares under the current column names. The one thing that
differs from run to run by nature, a duration in a warning ("converted … by LibreOffice, 0.4 s"), is
masked; other columns can be left out with --ignore. Exits 0 when every table is identical, 1 otherwise, and prints per table
the row counts and, for a difference, a few rows only one side has.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pyarrow.dataset as ds

from pipeline.batch.store import read_table
from schemas.tables import TABLES


DURATION = re.compile(r"\b\d+(?:\.\d+)? s\b")  # "0.4 s": wall-clock time, never the same twice


def table_rows(store: Path, table: str, ignore: set[str]) -> list[tuple]:
    """The rows of one table of a store as sortable tuples (lists become tuples; missing → [])."""
    folder = store / table
    if not folder.exists():
        return []
    data = (
        read_table(store, table)
        if table in TABLES
        else ds.dataset(folder, format="parquet", partitioning="hive").to_table()
    )
    columns = sorted(c for c in data.column_names if c not in ignore)
    rows = data.select(columns).to_pylist()

    def frozen(value):
        if isinstance(value, list):
            return tuple(frozen(v) for v in value)
        return DURATION.sub("<t> s", value) if isinstance(value, str) else value

    return sorted((tuple((c, frozen(r[c])) for c in columns) for r in rows), key=repr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the store written before the change")
    parser.add_argument("new", type=Path, help="the store written after the change")
    parser.add_argument("--ignore", nargs="*", default=[], help="columns left out of the comparison")
    args = parser.parse_args(argv)
    tables = sorted(
        {
            p.name
            for store in (args.old, args.new)
            if store.is_dir()
            for p in store.iterdir()
            if p.is_dir() and not p.name.startswith(".")
        }
    )
    identical = True
    for table in tables:
        old, new = (table_rows(s, table, set(args.ignore)) for s in (args.old, args.new))
        old_set, new_set = set(old), set(new)
        only_old = [r for r in old if r not in new_set]
        only_new = [r for r in new if r not in old_set]
        same = not only_old and not only_new and len(old) == len(new)
        identical &= same
        print(f"{table:12} {len(old):7} → {len(new):7} rows  {'identical' if same else 'DIFFERENT'}")
        for label, rows in (("only old", only_old), ("only new", only_new)):
            for row in rows[:3]:
                print(f"    {label}: {dict(row)}"[:400])
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
