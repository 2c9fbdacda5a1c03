"""Task lines through a plan series (pipeline/diff/lineage.py), on invented plans of three years."""

from __future__ import annotations

import pyarrow.parquet as pq

from pipeline.diff.lineage import build_lineage, lineage_id, series_key, write_lineage
from schemas.tables import TASK_LINEAGE
from tests.diff_examples import task

Y1 = [
    task("Rà soát, đơn giản hóa thủ tục hành chính trong lĩnh vực đo lường chất lượng", seq=1, year=2021),
    task("Tổ chức tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho công chức đầu mối", seq=2, year=2021),
    task("Niêm yết công khai địa chỉ tiếp nhận phản ánh kiến nghị tại trụ sở cơ quan", seq=3, year=2021),
]
Y2 = [
    task("Tổ chức tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho công chức đầu mối", seq=1, year=2022),
    task(
        "Rà soát, đơn giản hóa thủ tục hành chính trong lĩnh vực đo lường chất lượng và sở hữu trí tuệ",
        seq=2,
        year=2022,
    ),
    task("Số hóa kết quả giải quyết hồ sơ thủ tục hành chính còn hiệu lực", seq=3, year=2022),
]
Y3 = [
    task("Số hóa kết quả giải quyết hồ sơ thủ tục hành chính còn hiệu lực", seq=1, year=2023),
    task("Tổ chức tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho công chức đầu mối", seq=2, year=2023),
]


def _rows():
    return build_lineage([("a.docx", Y1), ("b.docx", Y2), ("c.docx", Y3)], "s")


def _line(rows, line):
    return [(r["step"], r["status"], r["task_seq"]) for r in rows if r["lineage_id"] == line]


def test_a_task_carried_every_year_keeps_one_line():
    rows = _rows()
    assert _line(rows, lineage_id("a.docx", 2)) == [(0, "added", 2), (1, "unchanged", 1), (2, "unchanged", 2)]


def test_a_changed_task_continues_its_line_and_names_the_changed_field():
    rows = _rows()
    line = lineage_id("a.docx", 1)
    assert _line(rows, line) == [(0, "added", 1), (1, "modified", 2), (2, "removed", None)]
    modified = next(r for r in rows if r["lineage_id"] == line and r["status"] == "modified")
    assert modified["changed_fields"] == ["content"]
    assert (modified["prev_doc_id"], modified["prev_task_seq"]) == ("a.docx", 1)


def test_dropped_and_added_tasks_start_and_end_lines():
    rows = _rows()
    assert _line(rows, lineage_id("a.docx", 3)) == [(0, "added", 3), (1, "removed", None)]
    assert _line(rows, lineage_id("b.docx", 3)) == [(1, "added", 3), (2, "unchanged", 1)]
    removed = next(r for r in rows if r["lineage_id"] == lineage_id("a.docx", 3) and r["status"] == "removed")
    assert removed["doc_id"] == "b.docx" and removed["plan_year"] == 2022


def test_merge_ends_a_line_inside_the_task_that_continues_another():
    old = [
        task("Công khai danh mục thủ tục hành chính trên cổng thông tin điện tử của Sở", seq=1, year=2022),
        task("Cập nhật kịp thời danh mục thủ tục hành chính mới ban hành", seq=2, year=2022),
    ]
    new = [
        task(
            "Công khai danh mục thủ tục hành chính trên cổng thông tin điện tử của Sở; "
            "cập nhật kịp thời danh mục thủ tục hành chính mới ban hành",
            seq=1,
            year=2023,
        )
    ]
    rows = build_lineage([("x", old), ("y", new)])
    merged = [r for r in rows if r["status"] == "merged"]
    assert len(merged) == 1 and merged[0]["task_seq"] == 1
    assert merged[0]["related_lineage_id"] != merged[0]["lineage_id"]
    assert merged[0]["related_lineage_id"] in {lineage_id("x", 1), lineage_id("x", 2)}


def test_split_starts_a_line_that_names_where_it_came_from():
    old = [
        task(
            "Công khai danh mục thủ tục hành chính trên cổng thông tin điện tử của Sở; "
            "cập nhật kịp thời danh mục thủ tục hành chính mới ban hành",
            seq=1,
            year=2022,
        )
    ]
    new = [
        task("Công khai danh mục thủ tục hành chính trên cổng thông tin điện tử của Sở", seq=1, year=2023),
        task("Cập nhật kịp thời danh mục thủ tục hành chính mới ban hành", seq=2, year=2023),
    ]
    rows = build_lineage([("x", old), ("y", new)])
    split = [r for r in rows if r["status"] == "split"]
    assert len(split) == 1
    assert split[0]["lineage_id"] == lineage_id("y", split[0]["task_seq"])
    assert split[0]["related_lineage_id"] == lineage_id("x", 1)


def test_one_plan_or_none():
    assert build_lineage([]) == []
    assert [r["status"] for r in build_lineage([("a", Y1)])] == ["added"] * 3


def test_written_table_follows_the_schema_and_a_rerun_replaces_it(tmp_path):
    rows = _rows()
    key = series_key("Sở Khoa học và Công nghệ", "KH")
    path = write_lineage(tmp_path, rows, key)
    write_lineage(tmp_path, rows, key)
    assert [p.name for p in (tmp_path / "task_lineage").iterdir()] == [path.name]
    table = pq.read_table(path)
    assert table.schema.names == TASK_LINEAGE.names and table.num_rows == len(rows)


def test_diff_series_writes_every_series_and_a_picked_one_apart(tmp_path, ingested_samples):
    import shutil

    from pipeline.cli.main import main
    from pipeline.query import connect

    store = tmp_path / "store"
    shutil.copytree(ingested_samples["path"], store)
    assert main(["diff", "--series", "--data", str(store)]) == 0
    assert main(["diff", "--data", str(store), "--series", "2023-kh-kstthc-skhcn", "2025-kh-kstthc-skhcn"]) == 0
    assert len(list((store / "task_lineage").glob("*.parquet"))) == 2
    con = connect(store)
    steps = con.execute("SELECT count(DISTINCT series_key), max(step) FROM task_lineage").fetchone()
    assert steps == (2, 3)  # the whole series has four plans (2022 → 2025), the picked one two
    assert main(["diff", "--data", str(store), "--series", "khong-co"]) == 2
