"""DOCX tables (extractors.docx.tables): the corpus task and KPI tables against their gold answers,
and synthetic tables for gridSpan/vMerge, header rows, gridBefore/After, nested tables, row revisions."""

from __future__ import annotations

from extractors.docx.backend import extract
from tests.conftest import corpus_file, gold
from tests.docx_builders import (
    NUMBERING,
    body_rows,
    cell_grid,
    doc2025,  # noqa: F401 (a fixture)
    make_docx,
    num_p,
    p,
    task_table,
    tbl,
    tc,
    tr,
)


# ---------------------------------------------------------------------------------------------
# corpus: 2025 KSTTHC plan


def test_2025_task_table_rows_and_stt(doc2025):
    g = gold("2025-kh-kstthc-skhcn")
    table = task_table(doc2025)
    assert table.n_cols == 5
    assert table.rows[0].is_header and table.rows[0].cells[0].text == "STT"
    stts = [r.cells[0].text for r in body_rows(table)]
    numeric = [s for s in stts if s.isdigit()]
    assert numeric == [t["stt"] for t in g["tasks"]]
    # section rows: A, B with I–III, C with I–VII, D, Đ; one cell spanning the other four columns
    sections = [r for r in body_rows(table) if not r.cells[0].text.isdigit()]
    assert [r.cells[0].text for r in sections] == [
        "A",
        "B",
        "I",
        "II",
        "III",
        "C",
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
        "D",
        "Đ",
    ]
    assert all(len(r.cells) == 2 and r.cells[1].col_span == 4 for r in sections)


def test_2025_cells_match_gold_fields(doc2025):
    g = gold("2025-kh-kstthc-skhcn")
    rows = {r.cells[0].text: r for r in body_rows(task_table(doc2025)) if r.cells[0].text.isdigit()}
    for task in g["tasks"]:
        cells = rows[task["stt"]].cells
        assert [c.text for c in cells[1:]] == [task["content"], task["result"], task["units"], task["timing"]], task[
            "stt"
        ]


def test_2025_vertical_merges_copied_and_marked(doc2025):
    g = gold("2025-kh-kstthc-skhcn")
    fields = ["stt", "content", "result", "units", "timing"]
    rows = {r.cells[0].text: r for r in body_rows(task_table(doc2025)) if r.cells[0].text.isdigit()}
    for task in g["tasks"]:
        marked = [f for f, c in zip(fields, rows[task["stt"]].cells) if c.merged]
        assert marked == (task.get("merged") or []), task["stt"]
    # rows 8–12 share one units cell, rows 8–9 one timing cell, rows 21–22 both
    assert rows["8"].cells[3].row_span == 5 and rows["8"].cells[4].row_span == 2
    assert rows["21"].cells[3].row_span == 2 and rows["21"].cells[4].row_span == 2
    assert rows["12"].cells[3].lines == rows["8"].cells[3].lines
    assert rows["22"].cells[4].text == rows["21"].cells[4].text == "Thường xuyên"


def test_2025_kpi_table_present(doc2025):
    g = gold("2025-kh-kstthc-skhcn")
    kpi = [t for t in doc2025.tables() if t.rows and t.rows[0].cells[1].text == "Nội dung chỉ tiêu"]
    assert len(kpi) == 1
    rows = body_rows(kpi[0])
    assert [r.cells[0].text for r in rows] == [k["stt"] for k in g["kpis"]]
    assert [r.cells[3].text for r in rows] == [k["target"] for k in g["kpis"]]
    assert [r.cells[1].text for r in rows] == [k["indicator"] for k in g["kpis"]]


# ---------------------------------------------------------------------------------------------
# corpus: 2023 and 2024


def test_2023_stt25_skipped_and_sections_present():
    doc = extract(corpus_file("2023-kh-kstthc-skhcn.docx"))
    g = gold("2023-kh-kstthc-skhcn")
    rows = body_rows(task_table(doc))
    stts = [r.cells[0].text for r in rows]
    assert "25" not in stts and "24" in stts and "26" in stts
    assert [s for s in stts if s.isdigit()] == [t["stt"] for t in g["tasks"]]
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
    assert [s for s in stts if not s.isdigit()] == romans
    by_stt = {r.cells[0].text: r for r in rows}
    for task in g["tasks"]:
        assert [c.text for c in by_stt[task["stt"]].cells[1:]] == [
            task["content"],
            task["result"],
            task["units"],
            task["timing"],
        ]


def test_2024_lead_and_support_in_separate_columns():
    doc = extract(corpus_file("2024-kh-truyenthong-skhcn.docx"))
    g = gold("2024-kh-truyenthong-skhcn")
    table = task_table(doc)
    header = table.rows[0].texts
    assert header[2].startswith("Đơn vị, cá nhân chủ trì") and header[3].startswith("Đơn vị phối hợp")
    tasks = iter(g["tasks"])
    for row in body_rows(table):
        if not row.cells[0].text.isdigit():
            continue  # section rows I–IV; numbering restarts in each section
        task = next(tasks)
        assert row.cells[0].text == task["stt"]
        assert [c.text for c in row.cells[1:]] == [task["content"], task["lead"], task["support"], task["timing"]]
    assert next(tasks, None) is None


# ---------------------------------------------------------------------------------------------
# corpus: Lâm Đồng


def test_lamdong_task_table():
    doc = extract(corpus_file("lamdong-kh-cchc-2026.docx"))
    g = gold("lamdong-kh-cchc-2026")
    table = task_table(doc)
    assert table.n_cols == 7 and table.rows[0].is_header
    rows = [r for r in body_rows(table) if r.cells[0].text.isdigit()]
    assert [r.cells[0].text for r in rows] == [t["stt"] for t in g["tasks"]]
    for row, task in zip(rows, g["tasks"]):
        grid = [c.text if c else "" for c in cell_grid(row)]
        assert grid[1:5] == [task["content"], task["result"], task["timing"], task["lead"]]
        assert grid[6] == task["monitor"]
        if "support" in task:  # absent where the lead cell spans the support column too
            assert grid[5] == task["support"]
    # VII.2: STT and content merged over two rows, each with its own result
    seven = [r for r in rows if r.cells[0].text == "2"][-2:]
    assert seven[0].cells[0].row_span == 2 and seven[1].cells[0].merged and seven[1].cells[1].merged
    assert seven[0].cells[2].text != seven[1].cells[2].text


def test_lamdong_tuyentruyen_tables():
    doc = extract(corpus_file("lamdong-kh-tuyentruyen-cchc-2026.docx"))
    g = gold("lamdong-kh-tuyentruyen-cchc-2026")
    tables = [t for t in doc.tables() if t.n_cols == 4]
    rows = [r for t in tables for r in body_rows(t)]
    assert [[c.text for c in r.cells] for r in rows] == [
        [t["stt"], t["content"], t["units"], t["timing"]] for t in g["tasks"]
    ]


# ---------------------------------------------------------------------------------------------
# synthetic tables


def test_grid_span_vmerge_and_header_rows(tmp_path):
    hdr = "<w:tblHeader/>"
    body = tbl(
        4,
        tr(tc(p("STT")), tc(p("Nội dung")), tc(p("Đơn vị")), tc(p("Thời gian")), trpr=hdr),
        tr(tc(p("I")), tc(p("Mục một"), '<w:gridSpan w:val="3"/>')),
        tr(
            tc(p("1")),
            tc(p("Việc 1")),
            tc(p("Văn phòng") + p("- phối hợp"), '<w:vMerge w:val="restart"/>'),
            tc(p("Quý I")),
        ),
        tr(tc(p("2")), tc(p("Việc 2")), tc(p(""), "<w:vMerge/>"), tc(p("Quý II"))),
        tr(tc(p("3")), tc(p("Việc 3")), tc(p(""), '<w:vMerge w:val="continue"/>'), tc(p("Quý III"))),
        # the header repeated by hand inside the body: dropped
        tr(tc(p("STT")), tc(p("Nội dung")), tc(p("Đơn vị")), tc(p("Thời gian"))),
        tr(tc(p("4")), tc(p("Việc 4")), tc(p("Khác")), tc(p("Quý IV"))),
        # a continuation with nothing open above it is an ordinary (empty) cell
        tr(tc(p("5")), tc(p("Việc 5")), tc(p(""), "<w:vMerge/>"), tc(p("Quý IV"))),
    )
    doc = extract(make_docx(tmp_path / "t.docx", body))
    [table] = list(doc.tables())
    assert table.n_cols == 4 and table.depth == 0
    assert [r.is_header for r in table.rows] == [True, False, False, False, False, False, False]
    assert [r.cells[0].text for r in table.rows] == ["STT", "I", "1", "2", "3", "4", "5"]
    section = table.rows[1]
    assert len(section.cells) == 2 and section.cells[1].col_span == 3
    assert table.grid()[1] == ["I", "Mục một", "", ""]
    first, second, third, fourth = (table.rows[i].cells[2] for i in (2, 3, 4, 5))
    assert first.row_span == 3 and not first.merged and first.lines == ["Văn phòng", "- phối hợp"]
    assert second.merged and third.merged and second.lines == third.lines == first.lines
    assert second.row_span == 1 and not fourth.merged and fourth.text == "Khác"
    orphan = table.rows[6].cells[2]
    assert orphan.lines == [] and not orphan.merged


def test_grid_before_after_and_short_rows(tmp_path):
    body = tbl(
        3,
        tr(tc(p("a")), tc(p("b")), tc(p("c"))),
        tr(tc(p("x")), trpr='<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>'),
        tr(tc(p("y"))),
    )
    [table] = list(extract(make_docx(tmp_path / "g.docx", body)).tables())
    assert table.grid() == [["a", "b", "c"], ["", "x", ""], ["y", "", ""]]
    assert all(sum(c.col_span for c in r.cells) == 3 for r in table.rows)


def test_nested_table_text_in_cell_and_own_block(tmp_path):
    inner = tbl(
        3,
        tr(tc(p("a) Kế hoạch")), tc(p("Văn phòng")), tc(p("Quý III"))),
        tr(tc(p("b) Văn bản")), tc(p("Phòng A")), tc(p("Thường xuyên"))),
    )
    body = tbl(2, tr(tc(p("1")), tc(p("Việc lớn") + inner + p("Ghi chú"))), tr(tc(p("2")), tc(p("Việc nhỏ")))) + p(
        "Sau bảng"
    )
    doc = extract(make_docx(tmp_path / "n.docx", body))
    kinds = [(type(b).__name__, getattr(b, "depth", None)) for b in doc.blocks]
    assert kinds == [("Table", 0), ("Table", 1), ("Paragraph", None)]
    outer, nested = doc.blocks[0], doc.blocks[1]
    assert outer.rows[0].cells[1].lines == [
        "Việc lớn",
        "a) Kế hoạch | Văn phòng | Quý III",
        "b) Văn bản | Phòng A | Thường xuyên",
        "Ghi chú",
    ]
    assert nested.n_cols == 3 and nested.grid()[1] == ["b) Văn bản", "Phòng A", "Thường xuyên"]


def test_rows_in_content_controls_and_deleted_rows(tmp_path):
    body = tbl(
        2,
        tr(tc(p("h1")), tc(p("h2"))),
        f"<w:sdt><w:sdtContent>{tr(tc(p('r1')), tc(p('r2')))}</w:sdtContent></w:sdt>",
        tr(tc(p("xoá")), tc(p("xoá")), trpr='<w:del w:id="3" w:author="x"/>'),
    )
    [table] = list(extract(make_docx(tmp_path / "s.docx", body)).tables())
    assert table.grid() == [["h1", "h2"], ["r1", "r2"]]


def test_numbered_paragraphs_in_cells_get_their_label(tmp_path):
    body = tbl(
        2,
        tr(tc(p("STT")), tc(p("Nội dung"))),
        tr(tc(num_p("", 3)), tc(num_p("việc a", 1, 2) + num_p("việc b", 1, 2) + p(""))),
    )
    table = next(extract(make_docx(tmp_path / "c.docx", body, numbering=NUMBERING)).tables())
    assert table.rows[1].cells[0].lines == []  # the number alone, no text: nothing to keep
    assert table.rows[1].cells[1].lines == ["a) việc a", "b) việc b"]
