"""A store written under schema 1.0.0 stays readable: the v2 readers (pipeline/batch/store.py and
pipeline/query.py) map v1 column names onto v2 ones and give null for columns v1 did not have."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.batch.store import read_rows, read_table
from pipeline.query import available, connect
from schemas.tables import SCHEMA_VERSION

# the columns of schema 1.0.0 whose names changed, as a v1 ingest wrote them (with a few others)
V1_PARTS = {
    "documents": {"doc_id": ["a.docx"], "source_file": ["a.docx"], "doc_type": ["KH"]},
    "tasks": {
        "doc_id": ["a.docx"] * 2,
        "source_file": ["a.docx"] * 2,
        "seq": pa.array([1, 2], pa.int32()),
        "content": ["Việc một", "Việc hai"],
    },
    "kpis": {
        "doc_id": ["a.docx"],
        "source_file": ["a.docx"],
        "seq": pa.array([1], pa.int32()),
        "indicator": ["Tỷ lệ hồ sơ trực tuyến"],
        "unit": ["%"],
    },
    "citations": {
        "doc_id": ["a.docx"],
        "source_file": ["a.docx"],
        "task_seq": pa.array([2], pa.int32()),
        "ref": ["45/2020/NĐ-CP"],
        "page": pa.array([3], pa.int32()),
    },
}


def write_v1_store(root: Path) -> Path:
    for table, columns in V1_PARTS.items():
        part = root / table / "plan_year=2025" / "a.docx-00000000.parquet"
        part.parent.mkdir(parents=True)
        data = pa.table(columns).replace_schema_metadata({"vanban.schema_version": "1.0.0"})
        pq.write_table(data, part)
    return root


def test_store_reads_v1_columns_under_v2_names(tmp_path):
    root = write_v1_store(tmp_path)
    assert SCHEMA_VERSION.startswith("2.")
    tasks = read_rows(root, "tasks")
    assert [(t["task_seq"], t["content"], t["plan_year"]) for t in tasks] == [
        (1, "Việc một", 2025),
        (2, "Việc hai", 2025),
    ]
    assert "seq" not in tasks[0]
    kpi = read_rows(root, "kpis")[0]
    assert (kpi["kpi_seq"], kpi["measure_unit"]) == (1, "%") and "unit" not in kpi
    cite = read_rows(root, "citations")[0]
    assert (cite["page_start"], cite["task_seq"]) == (3, 2) and "page" not in cite
    assert read_table(root, "tasks", columns=["task_seq"]).column("task_seq").to_pylist() == [1, 2]
    assert read_rows(root, "errors") == []


def test_query_views_read_v1_columns_under_v2_names(tmp_path):
    con = connect(write_v1_store(tmp_path))
    assert {"documents", "tasks", "kpis", "citations", "errors"} <= available(con)
    assert con.execute("SELECT task_seq, content FROM tasks ORDER BY task_seq").fetchall() == [
        (1, "Việc một"),
        (2, "Việc hai"),
    ]
    assert con.execute("SELECT kpi_seq, measure_unit FROM kpis").fetchall() == [(1, "%")]
    assert con.execute("SELECT page_start FROM citations").fetchall() == [(3,)]
    assert con.execute("SELECT count(*) FROM errors").fetchone() == (0,)  # a clean v1 run had no errors folder
    # a v2 column that v1 did not have is there, null
    assert con.execute("SELECT count(*) FROM tasks WHERE section_title IS NULL").fetchone() == (2,)
    assert con.execute("SELECT typeof(plan_year) FROM tasks LIMIT 1").fetchone() == ("INTEGER",)
