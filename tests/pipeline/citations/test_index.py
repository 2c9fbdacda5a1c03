"""CitationIndex: lookups by any spelling of a ref, short forms, partial queries, Parquet round trip."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.citations import CitationIndex
from schemas.tables import CITATIONS

ROWS = [
    {"doc_id": "a", "ref": "45/2020/NĐ-CP", "kind": "Nghị định", "issued_date": None, "char_start": 10},
    {"doc_id": "b", "ref": "45/2020/NĐ-CP", "kind": "Nghị định", "issued_date": dt.date(2020, 4, 8), "char_start": 5},
    {"doc_id": "a", "ref": "01/2020/TT-VPCP", "kind": "Thông tư", "char_start": 1},
    {"doc_id": "c", "ref": "1085/QĐ-TTg", "kind": "Quyết định", "char_start": 3},
    {"doc_id": "c", "ref": "1085/QĐ-UBND", "kind": "Quyết định", "char_start": 4},
    {"doc_id": "c", "ref": None, "kind": "Luật", "name": "Đất đai", "year": 2024, "char_start": 7},
]


def test_lookup_any_spelling():
    index = CitationIndex.from_rows(ROWS)
    assert len(index) == 6
    for spelling in ("45/2020/NĐ-CP", "45/2020/nđ-cp", "45/2020/NĐCP", "45/2020/NÐ-CP"):
        assert sorted(r["doc_id"] for r in index.lookup(spelling)) == ["a", "b"]
    assert [r["doc_id"] for r in index.lookup("1/2020/TT-VPCP")] == ["a"]  # leading zero folded
    assert index.lookup("99/2020/NĐ-CP") == [] and index.count("45/2020/NĐ-CP") == 2
    assert index.canonical("01/2020/tt-vpcp") == "01/2020/TT-VPCP"
    assert index.refs() == ["01/2020/TT-VPCP", "1085/QĐ-TTg", "1085/QĐ-UBND", "45/2020/NĐ-CP"]


def test_describe_and_short_forms():
    index = CitationIndex.from_rows(ROWS)
    assert index.describe("45/2020/NĐ-CP")["issued_date"] == dt.date(2020, 4, 8)
    assert index.describe("7/2020/NĐ-CP") is None
    assert index.resolve_short("NĐ", "45") == "45/2020/NĐ-CP"
    assert index.resolve_short("NĐ", "45", 2019) is None
    assert index.resolve_short("TT", "1", 2020) == "01/2020/TT-VPCP"
    assert index.resolve_short("QĐ", "1085") is None  # TTg or UBND: ambiguous


def test_search_queries():
    index = CitationIndex.from_rows(ROWS)
    assert list(index.search("nghị định 45/2020")) == ["45/2020/NĐ-CP"]
    assert sorted(index.search("Quyết định 1085")) == ["1085/QĐ-TTg", "1085/QĐ-UBND"]
    assert list(index.search("QĐ-TTg 1085")) == ["1085/QĐ-TTg"]
    assert index.search("nonsense") == {}


def test_from_parquet_hive_layout(tmp_path):
    table = pa.Table.from_pylist([{f.name: r.get(f.name) for f in CITATIONS} for r in ROWS], schema=CITATIONS)
    part = tmp_path / "citations" / "plan_year=2025"
    part.mkdir(parents=True)
    pq.write_table(table, part / "x.parquet")
    index = CitationIndex.from_parquet(tmp_path)
    assert index.count("45/2020/NĐ-CP") == 2 and "plan_year" in index.table.column_names


def test_empty_index():
    index = CitationIndex.from_rows([])
    assert len(index) == 0 and index.lookup("45/2020/NĐ-CP") == [] and index.refs() == []


def test_benchmark_script_runs_small(tmp_path):
    """scripts/bench_citations.py end to end on 20,000 rows (the 1,000,000-row run is the real benchmark)."""
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    script = ROOT / "scripts" / "bench_citations.py"
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(script), "--rows", "20000", "--queries", "50", "--skip-corpus",
                           "--out", str(tmp_path / "pq"), "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(out.read_text())
    assert report["rows"] == 20000 and report["index_lookup_rows"]["p99_ms"] < 100
