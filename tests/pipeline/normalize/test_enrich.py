"""The enrich stage (units + timing on task rows, task_units rows), and the commands that read its
output (units, sql, view) through pipeline.query."""

from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa
import pytest

from pipeline.cli import main
from pipeline.normalize.enrich import enrich, plan_year_of
from pipeline.process import process_file
from pipeline.query import available, connect
from pipeline.records import DocMeta, TaskRow
from schemas.tables import schema_for
from tests.conftest import CORPUS, SAMPLES, corpus_file


# --- enrich ----------------------------------------------------------------------------------
def test_enrich_fills_task_rows_and_returns_task_units_rows():
    tasks = [
        TaskRow(
            content="a",
            task_seq=1,
            units_raw="- Phòng BCVT&CĐS chủ trì.\n- Văn phòng Sở phối hợp",
            timing_raw="Quý III",
        ),
        TaskRow(
            content="b",
            task_seq=2,
            lead_raw="Sở Tư pháp",
            support_raw="Sở Nội vụ; UBND cấp huyện",
            monitor_raw="Văn phòng UBND tỉnh",
            units_raw="ignored when the columns are there",
            timing_raw="Quý I năm 2025 ban hành kế hoạch; định kỳ 3 tháng/lần báo cáo",
        ),
        TaskRow(content="c", task_seq=3, units_raw="Phòng BCVT&CĐS tham mưu phối hợp với Văn phòng UBND tỉnh"),
    ]
    rows = enrich(tasks, DocMeta(plan_year=2025))
    a, b, c = tasks
    assert a.lead_units == ["Phòng Bưu chính, Viễn thông và Chuyển đổi số"] and a.support_units == ["Văn phòng Sở"]
    assert (a.timing_kind, a.timing_start, a.timing_end) == ("quarter", dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    assert a.timing_parts == []
    assert b.lead_units == ["Sở Tư pháp"] and b.support_units == ["Sở Nội vụ", "Ủy ban nhân dân cấp huyện"]
    assert b.monitor_units == ["Văn phòng Ủy ban nhân dân tỉnh"]
    assert (b.timing_kind, b.period) == ("quarter", "P3M")
    assert b.timing_parts == ["Quý I năm 2025 ban hành kế hoạch", "định kỳ 3 tháng/lần báo cáo"]
    assert c.advise_units == ["Phòng Bưu chính, Viễn thông và Chuyển đổi số"] and c.support_units == []
    assert c.timing_kind is None  # no timing text
    assert [(r["task_seq"], r["role"]) for r in rows] == [
        (1, "lead"),
        (1, "support"),
        (2, "lead"),
        (2, "support"),
        (2, "support"),
        (2, "monitor"),
        (3, "advise"),
    ]
    assert rows[4]["is_group"] is True and rows[0]["unit_raw"] == "Phòng BCVT&CĐS"
    table = pa.Table.from_pylist(rows, schema=schema_for("task_units"))  # the table's contract
    assert table.num_rows == 7


def test_enrich_reads_units_in_the_document_scope():
    """The header's issuer and province select the scoped alias rows: a district's "các phòng" are
    its own, and a renaming of one Sở in one province leaves another province's Sở alone."""

    def lead(units: str, meta: DocMeta) -> list[str]:
        task = TaskRow(content="x", task_seq=1, units_raw=units)
        enrich([task], meta)
        return task.lead_units + task.support_units

    district = DocMeta(plan_year=2026, issuer="ỦY BAN NHÂN DÂN HUYỆN KIM SƠN", place="Kim Sơn")
    province_so = DocMeta(plan_year=2026, issuer="SỞ XÂY DỰNG", parent_issuer="UBND TỈNH NINH BÌNH")
    assert lead("Các phòng chuyên môn", district) == ["Các phòng, đơn vị thuộc Ủy ban nhân dân cấp huyện"]
    assert lead("Các phòng chuyên môn", province_so) == ["Các phòng, đơn vị thuộc Sở"]
    assert lead("Các phòng chuyên môn", DocMeta(plan_year=2026)) == ["Các phòng chuyên môn"]
    other = DocMeta(plan_year=2023, issuer="SỞ KHOA HỌC VÀ CÔNG NGHỆ", parent_issuer="UBND TỈNH NINH BÌNH")
    assert lead("Phòng Hành chính - Tổng hợp", other) == ["Phòng Hành chính - Tổng hợp"]


def test_plan_year_of():
    assert plan_year_of(DocMeta(plan_year=2026, year=2025)) == 2026
    assert plan_year_of(DocMeta(year=2025)) == 2025
    assert plan_year_of(DocMeta(issued_date=dt.date(2024, 3, 1))) == 2024
    assert plan_year_of(None) is None


def _gold_tasks() -> list[tuple[int | None, TaskRow]]:
    out = []
    for path in sorted((CORPUS / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        year = gold["document"].get("plan_year")
        for t in gold["tasks"]:
            out.append(
                (
                    year,
                    TaskRow(
                        content=t["content"],
                        units_raw=t.get("units", ""),
                        lead_raw=t.get("lead", ""),
                        support_raw=t.get("support", ""),
                        monitor_raw=t.get("monitor", ""),
                        timing_raw=t.get("timing", ""),
                    ),
                )
            )
    return out


def test_enrich_normalizes_every_corpus_task():
    if not (CORPUS / "gold").is_dir():
        pytest.skip("needs ../shared/corpus")
    tasks = _gold_tasks()
    for year, task in tasks:
        enrich([task], DocMeta(plan_year=year))
    assert all(task.timing_kind for _, task in tasks if task.timing_raw)


def test_process_file_writes_task_units():
    # NLP's share of ingest time is measured by scripts/bench.py (stage "nlp"), not asserted here
    result = process_file(corpus_file("2025-kh-kstthc-skhcn.docx"))
    assert result.row_counts["task_units"] > 0


# --- commands over Parquet -------------------------------------------------------------------
@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet")
    for name in ("2025-kh-kstthc-skhcn.docx", "2024-kh-truyenthong-skhcn.docx"):
        if not (SAMPLES / name).exists():
            pytest.skip(f"{name} not in data/raw")
    assert (
        main(
            [
                "ingest",
                str(SAMPLES / "2025-kh-kstthc-skhcn.docx"),
                str(SAMPLES / "2024-kh-truyenthong-skhcn.docx"),
                "--out",
                str(out),
                "--workers",
                "1",
                "--quiet",
            ]
        )
        == 0
    )
    return out


def test_connect_defines_a_view_per_existing_table(data_dir, tmp_path):
    con = connect(data_dir)
    assert {"documents", "tasks", "task_units", "citations"} <= available(con)
    assert "task_diffs" not in available(con)
    years = dict(con.execute("SELECT doc_id, any_value(plan_year) FROM task_units GROUP BY doc_id").fetchall())
    assert years == {"2025-kh-kstthc-skhcn.docx": 2025, "2024-kh-truyenthong-skhcn.docx": 2024}
    assert available(connect(tmp_path / "empty")) == set()


def test_units_command(data_dir, capsys):
    assert main(["units", "--data", str(data_dir), "--year", "2025", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_unit = {r["unit"]: r for r in rows}
    assert {r["year"] for r in rows} == {2025}
    assert by_unit["Phòng Bưu chính, Viễn thông và Chuyển đổi số"]["lead"] >= 4
    assert by_unit["Các phòng, đơn vị thuộc Sở"]["is_group"] is True
    assert main(["units", "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Văn phòng Sở" in out and "2024" in out


def test_sql_command(data_dir, capsys):
    assert (
        main(["sql", "SELECT count(DISTINCT doc_id) AS n FROM task_units", "--data", str(data_dir), "--format", "csv"])
        == 0
    )
    assert capsys.readouterr().out.split() == ["n", "2"]
    assert main(["sql", "SELECT * FROM nope", "--data", str(data_dir)]) == 2
    assert "Tables available" in capsys.readouterr().err


def test_commands_say_so_when_there_is_no_data(tmp_path, capsys):
    assert main(["units", "--data", str(tmp_path)]) == 1
    assert main(["sql", "SELECT 1", "--data", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("vanban ingest") == 2 and "Traceback" not in err


def test_view_command(data_dir, tmp_path, capsys):
    out = tmp_path / "view.html"
    assert (
        main(["view", "2025-kh-kstthc-skhcn.docx", "--data", str(data_dir), "--raw", str(SAMPLES), "--html", str(out)])
        == 0
    )
    page = out.read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in page and "<mark" in page
    assert "http://" not in page and "https://" not in page  # self-contained
    assert "Phòng Bưu chính, Viễn thông và Chuyển đổi số" in page and "45/2020/NĐ-CP" in page
    assert main(["view", "no-such-doc", "--data", str(data_dir), "--html", str(out)]) == 2  # unknown document
    assert "no input file" in capsys.readouterr().err
