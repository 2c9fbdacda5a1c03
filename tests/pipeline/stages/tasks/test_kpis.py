"""KPI rows from indicator tables, and parsing of printed targets."""

from __future__ import annotations

import importlib.util

import pytest

from extractors.model import Cell, Document, Row, Table
from pipeline.stages.tasks.kpis import kpis_from_tables, parse_target
from tests.conftest import corpus_file, gold


@pytest.mark.parametrize(
    "raw,op,value",
    [
        ("Tối thiểu 60", ">=", 60.0),
        ("tối thiểu 60%", ">=", 60.0),
        ("Ít nhất 01", ">=", 1.0),
        ("Tối đa 5", "<=", 5.0),
        ("Không quá 10 ngày", "<=", 10.0),
        ("Dưới 3%", "<", 3.0),
        ("Trên 90%", ">", 90.0),
        ("100", "=", 100.0),
        ("100%", "=", 100.0),
        ("Đạt 100%", "=", 100.0),
        ("≥ 90%", ">=", 90.0),
        ("≤ 2,5", "<=", 2.5),
        ("> 1.000", ">", 1000.0),
        ("Không dưới 80", ">=", 80.0),
        ("Hoàn thành", None, None),
        ("", None, None),
        (None, None, None),
        # bounds and ranges after the number
        ("Từ 90% trở lên", ">=", 90.0),
        ("95% trở lên", ">=", 95.0),
        ("Đạt 98% trở lên", ">=", 98.0),
        ("05 ngày trở xuống", "<=", 5.0),
        ("từ 3 trở xuống", "<=", 3.0),
        ("Từ 80% đến 95%", ">=", 80.0),
        ("80 - 95%", ">=", 80.0),
        ("Tối đa 5 - 7 ngày", "<=", 5.0),
    ],
)
def test_parse_target(raw, op, value):
    assert parse_target(raw) == (op, value)


def _table(rows) -> Table:
    return Table(
        rows=[Row(cells=[Cell(lines=[t] if t else []) for t in r], is_header=i == 0) for i, r in enumerate(rows)],
        n_cols=len(rows[0]),
    )


def test_kpi_table_by_header_meaning():
    t = _table(
        [
            ["TT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Đơn vị chủ trì"],
            ["I", "Nhóm chỉ tiêu TTHC", "", "", ""],
            ["1", "Tỷ lệ hồ sơ trực tuyến", "%", "Tối thiểu 60", "Các sở"],
            ["2", "Thời gian giải quyết", "ngày", "Không quá 5", "Văn phòng"],
        ]
    )
    rows = kpis_from_tables(Document("x.docx", "docx", [t]))
    assert [
        (r.section, r.stt, r.indicator, r.measure_unit, r.target_raw, r.target_op, r.target_value, r.owner)
        for r in rows
    ] == [
        ("I", "1", "Tỷ lệ hồ sơ trực tuyến", "%", "Tối thiểu 60", ">=", 60.0, "Các sở"),
        ("I", "2", "Thời gian giải quyết", "ngày", "Không quá 5", "<=", 5.0, "Văn phòng"),
    ]


def test_task_table_is_not_a_kpi_table():
    t = _table(
        [["STT", "Nội dung công việc", "Kết quả", "Đơn vị thực hiện", "Thời gian"], ["1", "Việc", "KQ", "VP", "Quý I"]]
    )
    assert kpis_from_tables(Document("x.docx", "docx", [t])) == []


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_2025_kpis_exact(fmt):
    if fmt == "pdf" and importlib.util.find_spec("extractors.pdf.backend") is None:
        pytest.skip("PDF backend not available yet")
    from extractors import extract

    rows = kpis_from_tables(extract(corpus_file(f"2025-kh-kstthc-skhcn.{fmt}")))
    expected = gold("2025-kh-kstthc-skhcn")["kpis"]
    got = [
        {"stt": r.stt, "indicator": r.indicator, "unit": r.measure_unit, "target": r.target_raw, "owner": r.owner}
        for r in rows
    ]
    assert got == expected
    assert [(r.target_op, r.target_value) for r in rows][:4] == [("=", 100.0)] * 3 + [(">=", 60.0)]


def test_headerless_continuation_of_a_kpi_table():
    t1 = _table(
        [
            ["TT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Đơn vị chủ trì"],
            ["1", "Tỷ lệ hồ sơ trực tuyến", "%", "Tối thiểu 60", "Các sở"],
        ]
    )
    t2 = Table(rows=[Row(cells=[Cell(lines=[t]) for t in ["2", "Tỷ lệ số hóa", "%", "≥ 80%", "Các sở"]])], n_cols=5)
    rows = kpis_from_tables(Document("x.docx", "docx", [t1, t2]))
    assert [(r.stt, r.target_op, r.target_value) for r in rows] == [("1", ">=", 60.0), ("2", ">=", 80.0)]
