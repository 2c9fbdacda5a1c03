#!/usr/bin/env python3
"""Benchmark of the citation index and finder.

    python scripts/bench_citations.py [--rows 1000000] [--queries 300] [--out DIR] [--json FILE]

1. Generates N synthetic rows of the `citations` table (schemas/tables.py; refs drawn with a skewed
   distribution from a pool of distinct documents, as real corpora cite a few documents very often),
   writes them as Parquet twice: hive-partitioned by plan_year like the store, and as one file sorted
   by ref with small row groups.
2. Times a lookup by ref (random refs, some in their other spellings: "nđ-cp", "ND-CP", no leading 0):
   - CitationIndex (pipeline/citations/index.py): load + build once, then dict + Arrow slice;
   - DuckDB on the sorted Parquet file (row-group min/max pruning), prepared query per lookup;
   - DuckDB on the hive-partitioned dataset (unsorted: full scan), for comparison.
3. Measures get_citations speed (chars/s) on the texts of the corpus files (data/raw and
   ../shared/corpus/raw when present; extraction time not counted).
Exits 1 when the index lookup's p99 exceeds 100 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.citations import CitationIndex, get_citations  # noqa: E402
from pipeline.citations.refs import lookup_key  # noqa: E402
from schemas.tables import CITATIONS  # noqa: E402

LIMIT_MS = 100.0
_TYPES = [
    ("Nghị định", "NĐ", "CP", True),
    ("Thông tư", "TT", "VPCP", True),
    ("Quyết định", "QĐ", "UBND", False),
    ("Quyết định", "QĐ", "TTg", False),
    ("Kế hoạch", "KH", "UBND", False),
    ("Chỉ thị", "CT", "TTg", False),
    ("Nghị quyết", "NQ", "CP", False),
    ("Công văn", None, "UBND-KSTTHC", False),
    ("Phương án", "PA", "UBND", False),
]


def ref_pool(n: int, rng: random.Random) -> list[tuple[str, str, str, int, str | None, str]]:
    """n distinct (ref, kind, number, year, type_code, issuer_code)."""
    seen, out = set(), []
    while len(out) < n:
        kind, code, issuer, with_year = rng.choice(_TYPES)
        number, year = str(rng.randint(1, 9999)), rng.randint(2005, 2025)
        if code and rng.random() < 0.1:
            number = number.zfill(2)
        symbol = f"{code}-{issuer}" if code else issuer
        ref = f"{number}/{year}/{symbol}" if with_year else f"{number}/{symbol}"
        if ref not in seen:
            seen.add(ref)
            out.append((ref, kind, number, year, code, issuer))
    return out


def synthetic_table(rows: int, distinct: int, seed: int = 7) -> pa.Table:
    rng, nrng = random.Random(seed), np.random.default_rng(seed)
    pool = ref_pool(distinct, rng)
    # skewed: ref i drawn with weight 1/(i+1)^0.8
    weights = 1.0 / np.arange(1, distinct + 1) ** 0.8
    idx = nrng.choice(distinct, size=rows, p=weights / weights.sum())
    col = lambda i: pa.array([p[i] for p in pool])  # noqa: E731
    take = lambda arr: arr.take(pa.array(idx))  # noqa: E731
    n_docs = max(1, rows // 50)
    doc_ids = pa.array([f"doc-{i:07d}.pdf" for i in range(n_docs)])
    doc_idx = pa.array(nrng.integers(0, n_docs, size=rows))
    years = np.array([p[3] for p in pool], dtype=np.int32)[idx]
    months, days = nrng.integers(1, 13, size=rows), nrng.integers(1, 29, size=rows)
    epoch = np.datetime64("1970-01-01", "D")
    date_days = (np.array([np.datetime64(f"{y}-01-01", "D") for y in range(2005, 2026)]) - epoch).astype(np.int32)
    issued = date_days[years - 2005] + ((months - 1) * 30 + days - 1).astype(np.int32)
    issued_mask = nrng.random(rows) < 0.2  # a fifth of the mentions print no date
    task_seq = nrng.integers(1, 80, size=rows).astype(np.int32)
    task_mask = nrng.random(rows) < 0.3
    starts = nrng.integers(0, 60_000, size=rows).astype(np.int32)
    raw = pc.binary_join_element_wise(take(col(1)), pa.scalar(" số "), take(col(0)), "")
    columns = {
        "doc_id": doc_ids.take(doc_idx),
        "source_file": doc_ids.take(doc_idx),
        "task_seq": pa.array(task_seq, mask=task_mask),
        "kind": take(col(1)),
        "ref": take(col(0)),
        "number": take(col(2)),
        "year": pa.array(years),
        "symbol": None,
        "type_code": take(col(4)),
        "issuer_code": take(col(5)),
        "issued_date": pa.array(issued, pa.int32(), mask=issued_mask).cast(pa.date32()),
        "issuer": pa.array(["Chính phủ"] * rows),
        "name": pa.nulls(rows, pa.string()),
        "raw": raw,
        "context": pc.binary_join_element_wise(
            pa.scalar("… theo quy định tại "), raw, pa.scalar(" của cơ quan có thẩm quyền …"), ""
        ),
        "page_start": pa.array(nrng.integers(1, 30, size=rows).astype(np.int32)),
        "char_start": pa.array(starts),
        "char_end": pa.array(starts + 30),
        "relation": pa.array(np.where(nrng.random(rows) < 0.5, "căn cứ", "dẫn chiếu")),
    }
    columns["symbol"] = pc.replace_substring_regex(columns["ref"], r"^\d+(/\d{4})?/", "")
    table = pa.table({f.name: columns[f.name] for f in CITATIONS}).cast(CITATIONS)
    return table.append_column("plan_year", pa.array(nrng.integers(2020, 2027, size=rows).astype(np.int32)))


def spellings(ref: str, rng: random.Random) -> str:
    """The ref as a user might type it."""
    choice = rng.random()
    if choice < 0.25:
        return ref.lower()
    if choice < 0.4:
        return ref.replace("Đ", "D")
    if choice < 0.5:
        return ref.lstrip("0")
    return ref


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def stats(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {
        "median_ms": round(statistics.median(ms), 3),
        "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 3),
        "max_ms": round(ms[-1], 3),
    }


def corpus_texts() -> list[tuple[str, str]]:
    from extractors import extract
    from extractors.model import ExtractionError

    folders = [ROOT / "data" / "raw", ROOT.parent / "shared" / "corpus" / "raw"]
    seen, out = set(), []
    for folder in folders:
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.name in seen or path.suffix.lower() not in (".docx", ".pdf", ".doc"):
                continue
            seen.add(path.name)
            try:
                out.append((path.name, extract(path).text()))
            except ExtractionError as exc:
                print(f"  (skipped {path.name}: {exc.code})", file=sys.stderr)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--distinct", type=int, default=None, help="distinct refs (default rows/20)")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--out", help="folder for the Parquet files (default: a temporary folder)")
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--skip-corpus", action="store_true", help="do not time get_citations on the corpus")
    args = ap.parse_args()
    report: dict = {"rows": args.rows}
    tmp = tempfile.TemporaryDirectory() if not args.out else None
    out = Path(args.out or tmp.name)
    rng = random.Random(11)

    t = time.perf_counter()
    table = synthetic_table(args.rows, args.distinct or max(10, args.rows // 20))
    report["generate_s"] = round(time.perf_counter() - t, 2)
    t = time.perf_counter()
    import pyarrow.dataset as ds

    ds.write_dataset(
        table,
        out / "citations",
        format="parquet",
        partitioning=["plan_year"],
        partitioning_flavor="hive",
        existing_data_behavior="overwrite_or_ignore",
    )
    sorted_file = out / "citations_sorted.parquet"
    pq.write_table(table.drop(["plan_year"]).sort_by("ref"), sorted_file, row_group_size=16_384)
    report["write_s"] = round(time.perf_counter() - t, 2)
    refs = table.column("ref").unique().to_pylist()
    queries = [spellings(rng.choice(refs), rng) for _ in range(args.queries)]
    print(
        f"{args.rows:,} rows, {len(refs):,} distinct refs: generated in {report['generate_s']} s, "
        f"written in {report['write_s']} s"
    )

    # 1. CitationIndex: load the hive dataset and build once, then lookups
    t = time.perf_counter()
    index = CitationIndex.from_parquet(out)
    report["index_build_s"] = round(time.perf_counter() - t, 2)
    it = iter(queries * 2)
    report["index_lookup_rows"] = stats(timed(lambda: index.lookup(next(it)), len(queries)))
    it = iter(queries * 2)
    report["index_lookup_arrow"] = stats(timed(lambda: index.slice(next(it)), len(queries)))
    hits = sum(index.count(q) for q in queries)
    report["rows_per_lookup"] = round(hits / len(queries), 1)
    assert all(index.count(q) for q in queries), "every query must find its rows"
    print(
        f"CitationIndex: built in {report['index_build_s']} s; lookup → row dicts {report['index_lookup_rows']}, "
        f"→ Arrow slice {report['index_lookup_arrow']} ({report['rows_per_lookup']} rows per ref on average)"
    )

    # 2. DuckDB on the sorted file (min/max statistics prune row groups) and on the hive dataset
    import duckdb

    con = duckdb.connect()
    key = "regexp_replace(replace(replace(upper(ref), ' ', ''), 'Ð', 'Đ'), '^0+([0-9])', '\\1')"
    exact = lambda path, q: con.execute(f"SELECT * FROM read_parquet('{path}') WHERE ref = ?", [q]).fetchall()  # noqa: E731
    canon = [index.canonical(q) for q in queries]
    it = iter(canon * 2)
    report["duckdb_sorted_exact"] = stats(timed(lambda: exact(sorted_file, next(it)), min(len(queries), 100)))
    pattern = (out / "citations").as_posix() + "/**/*.parquet"
    hive = lambda q: con.execute(  # noqa: E731
        f"SELECT * FROM read_parquet('{pattern}', hive_partitioning=true) WHERE {key} = ?", [lookup_key(q)]
    ).fetchall()
    it = iter(queries * 2)
    report["duckdb_hive_folded"] = stats(timed(lambda: hive(next(it)), min(len(queries), 30)))
    print(f"DuckDB sorted Parquet (exact ref): {report['duckdb_sorted_exact']}")
    print(f"DuckDB hive dataset (folded key, full scan): {report['duckdb_hive_folded']}")

    # 3. get_citations on the corpus texts
    if not args.skip_corpus:
        texts = corpus_texts()
        chars = sum(len(t) for _, t in texts)
        best = min(timed(lambda: [get_citations(t) for _, t in texts], 5)) / 1000
        n = sum(len(get_citations(t)) for _, t in texts)
        report["finder"] = {
            "files": len(texts),
            "chars": chars,
            "citations": n,
            "seconds": round(best, 4),
            "chars_per_s": round(chars / best),
        }
        print(
            f"get_citations: {len(texts)} corpus texts, {chars:,} chars, {n} citations in {best * 1000:.1f} ms "
            f"= {chars / best:,.0f} chars/s"
        )

    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    if tmp:
        tmp.cleanup()
    ok = report["index_lookup_rows"]["p99_ms"] < LIMIT_MS
    print(
        f"{'OK' if ok else 'TOO SLOW'}: index lookup p99 {report['index_lookup_rows']['p99_ms']} ms "
        f"(limit {LIMIT_MS:.0f} ms)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
