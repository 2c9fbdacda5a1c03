"""CitationIndex: lookups by any spelling of a ref, short forms, partial queries, Parquet round trip."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

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


RELATION_ROWS = [
    {"doc_id": "kh-a", "ref": "124/QĐ-UBND", "kind": "Quyết định", "char_start": 1, "relation": "thực hiện"},
    {"doc_id": "kh-a", "ref": "124/QĐ-UBND", "kind": "Quyết định", "char_start": 90, "relation": "dẫn chiếu"},
    {"doc_id": "kh-b", "ref": "124/QĐ-UBND", "kind": "Quyết định", "char_start": 1, "relation": "thực hiện"},
    {"doc_id": "cv-c", "ref": "124/QĐ-UBND", "kind": "Quyết định", "char_start": 1, "relation": "căn cứ"},
    {"doc_id": "cv-c", "ref": "124/QĐ-TTg", "kind": "Quyết định", "char_start": 9, "relation": "thực hiện"},
    {"doc_id": "bc-d", "ref": "45/2020/NĐ-CP", "kind": "Nghị định", "char_start": 1, "relation": None},
]


def test_which_documents_implement_a_decision():
    index = CitationIndex.from_rows(RELATION_ROWS)
    assert index.citing_documents("QĐ 124/QĐ-UBND", relation="thực hiện") == ["kh-a", "kh-b"]
    assert index.citing_documents("124/QĐ-UBND", relation="thuc hien") == ["kh-a", "kh-b"]  # typed without accents
    assert index.citing_documents("124/QĐ-UBND", relation="can cu") == ["cv-c"]
    assert index.citing_documents("124/QĐ-UBND") == ["cv-c", "kh-a", "kh-b"]
    assert index.citing_documents("124/QĐ-UBND", relation="bãi bỏ") == []
    # a partial query keeps only the refs that have a mention with the relation
    assert sorted(index.search("Quyết định 124", relation="căn cứ")) == ["124/QĐ-UBND"]
    assert sorted(index.search("Quyết định 124", relation="thực hiện")) == ["124/QĐ-TTg", "124/QĐ-UBND"]


def test_lookup_and_count_by_relation():
    index = CitationIndex.from_rows(RELATION_ROWS)
    assert index.count("124/QĐ-UBND") == 4 and index.count("124/qđ-ubnd", relation="triển khai") == 2
    assert [r["char_start"] for r in index.lookup("124/QĐ-UBND", relation="dan chieu")] == [90]
    assert index.lookup("45/2020/NĐ-CP", relation="dẫn chiếu") == []  # a mention without a relation
    with pytest.raises(ValueError, match="not a citation relation"):
        index.lookup("124/QĐ-UBND", relation="nonsense")


def test_a_store_without_the_relation_column_has_no_mention_with_one():
    table = pa.table({"doc_id": ["a"], "ref": ["124/QĐ-UBND"]})
    index = CitationIndex(table)
    assert index.count("124/QĐ-UBND") == 1 and index.count("124/QĐ-UBND", relation="thực hiện") == 0


@pytest.mark.parametrize(
    "typed,value",
    [
        ("thực hiện", "thực hiện"),
        ("thuc hien", "thực hiện"),
        ("THỰC HIỆN", "thực hiện"),
        ("triển khai", "thực hiện"),
        ("can cu", "căn cứ"),
        ("trên cơ sở", "căn cứ"),
        ("theo de nghi", "theo đề nghị"),
        ("phúc đáp", "theo đề nghị"),
        ("sua doi, bo sung", "sửa đổi, bổ sung"),
        ("sửa đổi bổ sung", "sửa đổi, bổ sung"),
        ("thay the", "thay thế"),
        ("bai bo", "bãi bỏ"),
        ("huong dan", "hướng dẫn"),
        ("dan chieu", "dẫn chiếu"),
        ("implements", "thực hiện"),
        ("thuc", "thực hiện"),
        ("", None),
        ("t", None),
        ("nonsense", None),
    ],
)
def test_parse_relation(typed, value):
    from pipeline.citations.query import parse_relation

    assert parse_relation(typed) == value


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
    proc = subprocess.run(
        [
            sys.executable,
            str(script),
            "--rows",
            "20000",
            "--queries",
            "50",
            "--skip-corpus",
            "--out",
            str(tmp_path / "pq"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(out.read_text())
    assert report["rows"] == 20000 and report["index_lookup_rows"]["p99_ms"] < 100
