"""`vanban export`: the .xlsx and .docx files are reopened (openpyxl, python-docx) and their cells
checked: Vietnamese headers, frozen header row, filters, widths, real dates, wrapped text."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.cli import main

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")

OLD, NEW = "2023-kh-kstthc-skhcn", "2025-kh-kstthc-skhcn"


def _sheet(path, index: int = 0):
    return openpyxl.load_workbook(path).worksheets[index]


def _headers(ws) -> list[str]:
    return [c.value for c in ws[1]]


def _common_layout(ws) -> None:
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
    assert all(w and w >= 5 for w in widths) and max(widths) >= 40  # long text gets a wide column
    assert all(c.font.bold for c in ws[1])


def test_tasks_of_several_documents(store, tmp_path):
    out = tmp_path / "nhiem-vu.xlsx"
    assert main(["export", "tasks", NEW, OLD, "--data", store, "--out", str(out)]) == 0
    ws = _sheet(out)
    headers = _headers(ws)
    assert headers[:6] == ["Văn bản", "Ngày ban hành", "Năm kế hoạch", "Mục", "STT", "Nội dung nhiệm vụ"]
    assert "Đơn vị chủ trì" in headers and "Thời gian thực hiện" in headers
    _common_layout(ws)
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    years = [r[2] for r in rows]
    assert years[0] == 2025 and years[-1] == 2023 and set(years) == {2023, 2025}  # in the order named
    dates = {r[1] for r in rows} - {None}
    assert dates and all(isinstance(d, dt.datetime) for d in dates)  # real dates, not text
    assert ws.cell(2, 2).number_format == "dd/mm/yyyy"
    content = ws.cell(2, headers.index("Nội dung nhiệm vụ") + 1)
    assert content.value and content.alignment.wrap_text


def test_diff_as_xlsx(store, tmp_path):
    out = tmp_path / "so-sanh.xlsx"
    assert main(["export", "diff", OLD, NEW, "--data", store, "--out", str(out)]) == 0
    ws = _sheet(out)
    headers = _headers(ws)
    assert headers[:8] == [
        "STT",
        "Mục",
        "STT năm trước",
        "STT năm nay",
        "Nội dung năm trước",
        "Nội dung năm nay",
        "Thay đổi",
        "Nội dung thay đổi",
    ]
    _common_layout(ws)
    statuses = {r[6] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert statuses <= {"giữ nguyên", "sửa đổi", "tách ra", "gộp vào", "mới", "bỏ"} and "sửa đổi" in statuses
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)][:3] == [1, 2, 3]


def test_diff_as_docx_comparison_table(store, tmp_path):
    out = tmp_path / "so-sanh.docx"
    assert main(["export", "diff", OLD, NEW, "--data", store, "--out", str(out)]) == 0
    document = docx.Document(str(out))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Nội dung năm trước", "Nội dung năm nay", "Thay đổi"]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")  # repeated on every page
    body = table.rows[1:]
    assert [r.cells[0].text for r in body[:3]] == ["1", "2", "3"]
    changes = {r.cells[3].paragraphs[0].text for r in body}
    assert "Sửa đổi" in changes and changes <= {"Giữ nguyên", "Sửa đổi", "Tách ra", "Gộp vào", "Mới", "Bỏ"}
    added = next(r for r in body if r.cells[3].paragraphs[0].text == "Mới")
    assert added.cells[1].text == "" and added.cells[2].text
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert "2023" in document.paragraphs[1].text and "2025" in document.paragraphs[1].text


def test_citation_index(store, tmp_path):
    out = tmp_path / "trich-dan.xlsx"
    assert main(["export", "citations", "--data", store, "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Chỉ mục trích dẫn", "Chi tiết"]
    index = book.worksheets[0]
    headers = _headers(index)
    assert headers[:4] == ["Loại văn bản", "Số, ký hiệu", "Tên / trích yếu", "Ngày ban hành"]
    _common_layout(index)
    row = next(r for r in index.iter_rows(min_row=2, values_only=True) if r[1] == "45/2020/NĐ-CP")
    assert row[3] == dt.datetime(2020, 4, 8) and row[5] >= 3  # cited by three seed documents


def test_text_starting_with_equals_is_not_a_formula(tmp_path):
    from pipeline.export.sheets import Column, Sheet
    from pipeline.export.xlsx import write_xlsx

    out = write_xlsx(
        [Sheet("x", [Column("Nội dung", kind="wrap")], [["=1+1 không phải công thức"]])], tmp_path / "x.xlsx"
    )
    assert _sheet(out).cell(2, 1).value == "=1+1 không phải công thức"
    assert _sheet(out).cell(2, 1).data_type == "s"


def test_bad_requests_are_one_line_errors(store, tmp_path, capsys):
    assert main(["export", "tasks", "--data", store, "--out", str(tmp_path / "t.docx")]) == 2
    assert main(["export", "diff", OLD, "--data", store, "--out", str(tmp_path / "d.xlsx")]) == 2
    assert main(["export", "tasks", "khong-co", "--data", store, "--out", str(tmp_path / "t.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 3 and "Traceback" not in err
    with pytest.raises(SystemExit):
        main(["export", "tasks", "--data", store, "--out", str(tmp_path / "t.csv")])
