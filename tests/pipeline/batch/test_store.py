"""The Parquet store: atomic parts, replacement on re-ingest, hive partitions readable everywhere."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pytest

from pipeline.batch.store import doc_key, read_rows, read_table, write_result
from pipeline.records import FileResult
from tests.conftest import run_fresh


def _result(doc_id: str, plan_year: int | None, n_tasks: int, failed: bool = False) -> FileResult:
    rows = {
        "documents": [
            {
                "doc_id": doc_id,
                "source_file": doc_id,
                "source_sha256": "abc",
                "title": "T",
                "issued_date": dt.date(2025, 3, 1),
                "year": 2025,
                "recipients": ["Sở Nội vụ"],
            }
        ],
        "tasks": [
            {"doc_id": doc_id, "source_file": doc_id, "task_seq": i, "content": f"việc {i}"} for i in range(n_tasks)
        ],
    }
    errors = (
        [{"source_file": doc_id, "stage": "extract", "error_code": "corrupt_pdf", "message": "m", "severity": "error"}]
        if failed
        else []
    )
    return FileResult(
        doc_id=doc_id,
        source_file=doc_id,
        source_sha256="abc",
        plan_year=plan_year,
        rows={} if failed else rows,
        errors=errors,
    )


def test_reingest_replaces_rows_even_across_partitions(tmp_path):
    write_result(tmp_path, _result("a.docx", 2024, 3))
    write_result(tmp_path, _result("a.docx", 2025, 2))  # plan year corrected: the 2024 part must go
    tasks = read_rows(tmp_path, "tasks")
    assert [t["task_seq"] for t in tasks] == [0, 1]
    assert {t["plan_year"] for t in tasks} == {2025}
    assert not list((tmp_path / "tasks" / "plan_year=2024").glob("*.parquet"))


def test_failed_reingest_keeps_earlier_rows_and_records_error(tmp_path):
    write_result(tmp_path, _result("a.pdf", 2025, 2))
    write_result(tmp_path, _result("a.pdf", 2025, 0, failed=True))
    assert len(read_rows(tmp_path, "tasks")) == 2
    assert [e["error_code"] for e in read_rows(tmp_path, "errors")] == ["corrupt_pdf"]
    write_result(tmp_path, _result("a.pdf", 2025, 1))  # fixed file: error row cleared
    assert read_rows(tmp_path, "errors") == []
    assert len(read_rows(tmp_path, "tasks")) == 1


def test_unknown_plan_year_partition_reads_in_pyarrow_pandas_duckdb(tmp_path):
    write_result(tmp_path, _result("x.docx", None, 1))
    write_result(tmp_path, _result("y.docx", 2023, 1))
    table = ds.dataset(str(tmp_path / "tasks"), format="parquet", partitioning="hive").to_table()
    assert sorted(table.column("plan_year").to_pylist()) == [0, 2023]
    assert len(pd.read_parquet(tmp_path / "documents")) == 2
    con = duckdb.connect()
    got = con.execute(
        f"SELECT count(*), count(plan_year) FROM read_parquet('{tmp_path}/tasks/**/*.parquet', hive_partitioning=true)"
    ).fetchone()
    assert got == (2, 2)


def test_empty_store_reads_as_empty_table_with_schema(tmp_path):
    table = read_table(tmp_path, "tasks")
    assert table.num_rows == 0 and "content" in table.schema.names


def test_no_temp_files_left_behind(tmp_path):
    write_result(tmp_path, _result("a.docx", 2025, 2))
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".tmp-")]


@pytest.mark.parametrize("doc_id", ["a b/c.pdf", "Kế hoạch 2025.docx", "..", "x" * 300])
def test_doc_key_is_safe_and_distinct(doc_id):
    key = doc_key(doc_id)
    assert "/" not in key and len(key) < 100 and key != doc_key(doc_id + "1")


def test_writing_and_reading_parts_import_no_pandas(tmp_path):
    """pyarrow imports pandas on its first conversion of Python values only to recognise pandas'
    values; a store written and read by a process without pandas loaded must not import it (it
    cost every sandboxed worker 0.2-0.3 s), and pandas loaded afterwards still works with pyarrow."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pipeline.batch.store import read_table, write_result\nfrom pipeline.records import FileResult\n"
        f"root = Path({str(tmp_path)!r})\n"
        "rows = [{'doc_id': 'a', 'source_file': 'a', 'task_seq': i, 'content': f'việc {i}'} for i in range(2)]\n"
        "write_result(root, FileResult('a', 'a', 'abc', plan_year=2025, rows={'tasks': rows}))\n"
        "assert read_table(root, 'tasks').num_rows == 2\n"
        "assert 'pandas' not in sys.modules, 'pandas imported'\n"
        "import pandas as pd, pyarrow as pa\n"
        "df = read_table(root, 'tasks').to_pandas()\n"
        "assert list(df['content']) == ['việc 0', 'việc 1']\n"
        "back = pa.Table.from_pandas(pd.DataFrame({'x': [1.5, None]}))\n"
        "assert back.column('x').to_pylist() == [1.5, None]\n"
    )
    run_fresh(code)


def test_parts_of_older_schemas_read_under_the_current_one(tmp_path):
    """Each part is read as the current schema: a column it lacks is null, a column under its v1
    name ("seq") is read from it (the new name wins where a part has both), the plan year comes
    from the part's folder and is null outside a plan_year= folder."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "tasks"
    for sub in ("plan_year=2024", "plan_year=0"):
        (folder / sub).mkdir(parents=True)
    write_result(tmp_path, _result("a.docx", 2024, 1))
    pq.write_table(pa.table({"doc_id": ["b"], "seq": [3], "content": ["v1"]}), folder / "plan_year=0" / "b.parquet")
    both = pa.table({"doc_id": ["c", "c"], "seq": [7, 8], "task_seq": pa.array([None, 9], pa.int32())})
    pq.write_table(both, folder / "c.parquet")
    table = read_table(tmp_path, "tasks")
    assert table.schema.field("task_seq").type == pa.int32() and "seq" not in table.schema.names
    got = sorted((r["doc_id"], r["task_seq"], r["plan_year"], r["content"]) for r in table.to_pylist())
    assert got == [("a.docx", 0, 2024, "việc 0"), ("b", 3, 0, "v1"), ("c", 7, None, None), ("c", 9, None, None)]
    assert read_table(tmp_path, "tasks", columns=["task_seq"]).column_names == ["task_seq"]
    # the same as pyarrow's dataset scan of the parts under that schema
    scanned = (
        ds.dataset(str(folder), format="parquet", partitioning="hive", schema=table.schema).to_table().sort_by("doc_id")
    )
    assert scanned.column("plan_year").to_pylist() == table.sort_by("doc_id").column("plan_year").to_pylist()


def test_reading_the_store_needs_no_dataset_machinery(tmp_path):
    """pyarrow.dataset and pyarrow.compute cost every start ~0.05 s: the ingest driver and the
    commands read the store part by part without them."""
    write_result(tmp_path, _result("a.docx", 2025, 2))
    code = (
        "import sys\nfrom pipeline.batch.store import read_table\n"
        f"assert read_table({str(tmp_path)!r}, 'tasks').num_rows == 2\n"
        "assert not {'pyarrow.dataset', 'pyarrow.compute'} & set(sys.modules), 'dataset machinery imported'\n"
    )
    run_fresh(code)
