"""Table kinds and column roles read from the header text, grid helpers and headerless continuations."""

from __future__ import annotations

import pytest

from extractors.model import Cell, Document, Paragraph, Row, Table
from pipeline.stages.tasks.header import (
    CONTENT,
    INDICATOR,
    LEAD,
    MONITOR,
    NOTE,
    OWNER,
    RESULT,
    STT,
    SUPPORT,
    TARGET,
    TIMING,
    UNIT,
    UNITS,
    cell_text,
    find_header,
    grid_cells,
    is_kpi_header,
    is_numbering_row,
    iter_tables,
    kpi_roles,
    task_role,
)


def C(*lines: str, span: int = 1, row_span: int = 1, merged: bool = False) -> Cell:
    return Cell(lines=list(lines), col_span=span, row_span=row_span, merged=merged)


def R(*cells: Cell, header: bool = False) -> Row:
    return Row(cells=list(cells), is_header=header)


def T(*rows: Row) -> Table:
    return Table(rows=list(rows), n_cols=max(sum(c.col_span for c in r.cells) for r in rows))


@pytest.mark.parametrize(
    "text,role",
    [
        ("STT", STT),
        ("TT", STT),
        ("Số TT", STT),
        ("S.TT", STT),
        ("Nội dung công việc", CONTENT),
        ("Nhiệm vụ", CONTENT),
        ("Nội dung", CONTENT),
        ("Nhiệm vụ, giải pháp", CONTENT),
        ("Kết quả công việc", RESULT),
        ("Sản phẩm", RESULT),
        ("Kết quả", RESULT),
        ("Kết quả/sản phẩm đầu ra", RESULT),
        ("Phòng, đơn vị thực hiện", UNITS),
        ("Trách nhiệm\nthực hiện", UNITS),
        ("Đơn vị thực hiện", UNITS),
        ("Cơ quan chủ trì, phối hợp", UNITS),
        ("Chủ trì thực hiện", LEAD),
        ("Đơn vị, cá nhân chủ trì thực hiện", LEAD),
        ("Đơn vị thực hiện Chủ trì", LEAD),
        ("Cơ quan chủ trì", LEAD),
        ("Phối hợp thực hiện", SUPPORT),
        ("Đơn vị phối hợp thực hiện", SUPPORT),
        ("Đơn vị thực hiện Phối hợp", SUPPORT),
        ("Theo dõi, kiểm tra, đôn đốc", MONITOR),
        ("Thời gian thực hiện", TIMING),
        ("Thời gian hoàn thành", TIMING),
        ("Thời hạn", TIMING),
        ("Thời gian\n(Năm 2026)", TIMING),
        ("Tiến độ", TIMING),
        ("Ghi chú", NOTE),
        ("Kinh phí", None),
        ("", None),
    ],
)
def test_task_roles(text, role):
    assert task_role(text) == role


def test_kpi_roles():
    assert kpi_roles(["Stt", "Nội dung chỉ tiêu", "Đơn vị", "Chỉ tiêu năm 2025", "Đơn vị thực hiện"]) == [
        STT,
        INDICATOR,
        UNIT,
        TARGET,
        OWNER,
    ]
    assert kpi_roles(["TT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Đơn vị chủ trì"]) == [
        STT,
        INDICATOR,
        UNIT,
        TARGET,
        OWNER,
    ]
    assert is_kpi_header(["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2026"])
    assert not is_kpi_header(["STT", "Nội dung công việc", "Kết quả", "Đơn vị thực hiện", "Thời gian"])


def test_two_row_header():
    table = T(
        R(C("STT", row_span=2), C("Nhiệm vụ", row_span=2), C("Đơn vị thực hiện", span=2), C("Thời hạn", row_span=2)),
        R(C("STT", merged=True), C("Nhiệm vụ", merged=True), C("Chủ trì"), C("Phối hợp"), C("Thời hạn", merged=True)),
        R(C("1"), C("Việc một"), C("Sở Nội vụ"), C(""), C("Quý I")),
    )
    head = find_header(table)
    assert (head.kind, head.start, head.end) == ("tasks", 0, 2)
    assert head.roles == [STT, CONTENT, LEAD, SUPPORT, TIMING]
    assert head.texts[2] == "Đơn vị thực hiện Chủ trì"


def test_not_task_tables():
    header_block = T(
        R(C("UBND TỈNH QUẢNG NGÃI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"), C("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
        R(C("Số: /KH-SKHCN"), C("Quảng Ngãi, ngày 03 tháng 3 năm 2023")),
    )
    signature = T(R(C("Nơi nhận:", "- UBND tỉnh (báo cáo);"), C("GIÁM ĐỐC", "Nguyễn Văn A")))
    two_cols = T(R(C("STT"), C("Nội dung")), R(C("1"), C("Một việc")))
    assert find_header(header_block) is None and find_header(signature) is None and find_header(two_cols) is None


def test_grid_and_numbering_row():
    row = R(C("I"), C("Cải cách thể chế", span=3), C("x"))
    gcs = grid_cells(row, 5)
    assert [(g.start, g.first) for g in gcs] == [(0, True), (1, True), (1, False), (1, False), (4, True)]
    assert is_numbering_row(R(C("(1)"), C("(2)"), C("(3)"), C("(4)")))
    assert is_numbering_row(R(C("1"), C("2"), C("3")))
    assert not is_numbering_row(R(C("1"), C("Nội dung"), C("3")))
    assert cell_text(C("- Văn phòng Sở chủ", "trì.", "b) Văn bản")) == "- Văn phòng Sở chủ trì.\nb) Văn bản"


def test_headerless_continuation():
    head = R(C("STT"), C("Nội dung công việc"), C("Kết quả"), C("Đơn vị thực hiện"), C("Thời gian"), header=True)
    body = R(C("1"), C("Việc"), C("KQ"), C("VP"), C("Quý I"))
    t1, t2, t3 = T(head, body), T(body), T(body)
    doc = Document("x.docx", "docx", [t1, Paragraph("2"), t2, Paragraph("III. TỔ CHỨC THỰC HIỆN " * 3), t3])
    assert [(t is t1, t is t2, cont) for t, _, cont in iter_tables(doc)] == [(True, False, False), (False, True, True)]
