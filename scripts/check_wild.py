"""Checks over a folder of real files without gold (../shared/corpus/wild), after an ingest:

    python scripts/check_wild.py STORE [--input ../shared/corpus/wild] [--min-signed 0.97]

- signed PDFs (a row in `signatures`) that have their number and issue date, as a share (≥ min);
- no "(cid:" in any string of any output table;
- every input file is a document or has an errors row with an error code;
- no file timed out.
Prints one line per check and the offending files; exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.batch.store import read_table  # noqa: E402
from schemas.tables import TABLES  # noqa: E402


def _strings(table: pa.Table) -> list[str]:
    """Names of the string and list-of-string columns."""
    return [
        f.name
        for f in table.schema
        if pa.types.is_string(f.type) or (pa.types.is_list(f.type) and pa.types.is_string(f.type.value_type))
    ]


def cid_rows(store: Path) -> list[tuple[str, str, str]]:
    """(table, source_file, column) of every string that holds "(cid:"."""
    hits = []
    for name in TABLES:
        table = read_table(store, name)
        for row in table.select(_strings(table)).to_pylist():
            for col, value in row.items():
                values = value if isinstance(value, list) else [value]
                if any(isinstance(v, str) and "(cid:" in v for v in values):
                    hits.append((name, row.get("source_file") or row.get("old_doc_id") or "?", col))
    return hits


def signed_share(store: Path) -> tuple[float | None, list[str]]:
    """Share of signed PDFs with both number and issue date, and the files without."""
    signed = set(read_table(store, "signatures", ["source_file"]).column("source_file").to_pylist())
    docs = {
        r["source_file"]: r
        for r in read_table(store, "documents", ["source_file", "doc_number", "issued_date"]).to_pylist()
    }
    files = sorted(f for f in signed if f in docs)
    missing = [f for f in files if not (docs[f]["doc_number"] and docs[f]["issued_date"])]
    return (1 - len(missing) / len(files) if files else None), missing


def unaccounted(store: Path, inputs: Path) -> tuple[list[str], list[str], list[str]]:
    """Inputs neither documents nor errors; errors rows without a code; files that timed out."""
    docs = set(read_table(store, "documents", ["source_file"]).column("source_file").to_pylist())
    errors = read_table(store, "errors", ["source_file", "error_code"]).to_pylist()
    erred = {e["source_file"] for e in errors}
    names = sorted(p.name for p in inputs.rglob("*") if p.is_file() and not p.name.startswith("."))
    lost = [n for n in names if n not in docs and n not in erred]
    no_code = sorted({e["source_file"] for e in errors if not e["error_code"]})
    timeouts = sorted({e["source_file"] for e in errors if e["error_code"] == "timeout"})
    return lost, no_code, timeouts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--input", type=Path, default=Path(__file__).resolve().parents[1] / "../shared/corpus/wild")
    parser.add_argument("--min-signed", type=float, default=0.97)
    args = parser.parse_args(argv)
    ok = True
    share, missing = signed_share(args.store)
    print(
        f"signed PDFs with number and date: {share if share is None else round(share, 3)}"
        + (f" (without: {', '.join(missing)})" if missing else "")
    )
    ok &= share is None or share >= args.min_signed
    hits = cid_rows(args.store)
    print(f'"(cid:" in output tables: {len(hits)}' + (f" {hits[:10]}" if hits else ""))
    ok &= not hits
    if args.input.exists():
        lost, no_code, timeouts = unaccounted(args.store, args.input)
        print(f"files neither parsed nor in errors: {len(lost)} {lost[:10]}")
        print(f"errors rows without a code: {len(no_code)} {no_code[:10]}")
        print(f"timeouts: {len(timeouts)} {timeouts[:10]}")
        ok &= not (lost or no_code or timeouts)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
