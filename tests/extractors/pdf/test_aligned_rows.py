"""Rows and headers of task tables drawn without rules (extractors/pdf/aligned), on invented
geometry: cells set vertically centred, a header whose cells stand at different heights, the
paragraph after a table."""

from __future__ import annotations

from extractors.pdf.aligned import aligned_tables
from extractors.pdf.aligned.centred import centred_rows
from extractors.pdf.aligned.header import header_band, header_top
from extractors.pdf.layout import VisualLine, Word, group_lines
from extractors.pdf.settings import DEFAULT_SETTINGS

SIZE = 12.0
PITCH = 14.0  # each text line takes PITCH, its glyphs SIZE of it
COLS = {"stt": 50.0, "content": 100.0, "unit": 320.0, "timing": 440.0}
BOUNDS = [80.0, 310.0, 430.0]


def words(text: str, x: float, top: float, bold: bool = False) -> list[Word]:
    out = []
    for t in text.split():
        w = len(t) * SIZE * 0.5
        n = len(t)
        out.append(Word(t, x, x + w, top, top + SIZE, SIZE, bold=bold, n_chars=n, n_bold=n if bold else 0))
        x += w + 0.25 * SIZE
    return out


def line(*cells: tuple[float, str], top: float, bold: bool = False) -> VisualLine:
    return VisualLine(words=[w for x, text in cells for w in words(text, x, top, bold)], page=1)


def cell(col: str, texts: list[str], mid: float) -> list[Word]:
    """A cell's lines set vertically centred on `mid`."""
    top = mid - len(texts) * PITCH / 2
    return [w for k, t in enumerate(texts) for w in words(t, COLS[col], top + k * PITCH + 1)]


def rows_of(spec: list[dict], pad: float, top: float = 100.0, centred: bool = True) -> tuple[list[Word], list[float]]:
    """Words of rows whose cells hold spec[k][col] lines; each row as tall as its tallest cell plus
    `pad` above and below; cells centred (or set from the row's top). Returns the words and
    each row's top."""
    out: list[Word] = []
    tops = []
    for row in spec:
        height = max(len(v) for v in row.values()) * PITCH + 2 * pad
        tops.append(top)
        for col, texts in row.items():
            mid = top + height / 2 if centred else top + pad + len(texts) * PITCH / 2
            out += cell(col, texts, mid)
        top += height
    return out, tops


PHRASES = [
    "Rà soát, hệ thống hóa văn bản",
    "quy phạm pháp luật thuộc lĩnh",
    "vực quản lý của ngành và địa",
    "phương theo quy định hiện hành",
    "trên địa bàn tỉnh năm 2026",
    "và báo cáo kết quả thực hiện",
]


def content(k: int, n: int) -> list[str]:
    """n lines of a task's text (the k-th task: its lines differ from the others')."""
    return [PHRASES[(k + j) % len(PHRASES)] for j in range(n)]


SPEC = [
    {"stt": ["1"], "content": content(1, 5), "unit": ["Văn phòng"], "timing": ["Quý I", "năm 2026"]},
    {"stt": ["2"], "content": content(2, 2), "unit": ["Thanh tra", "Sở"], "timing": ["Quý II"]},
    {"stt": ["3"], "content": content(3, 6), "unit": ["Phòng A"], "timing": ["Thường", "xuyên", "trong năm"]},
]


def test_centred_cells_make_rows_from_the_labels_middles():
    ws, tops = rows_of(SPEC, pad=3.0)
    body = group_lines(ws, DEFAULT_SETTINGS, page=1)
    found = centred_rows(body, BOUNDS, DEFAULT_SETTINGS)
    assert found is not None
    starts = found.starts
    # each row starts at its tallest cell's first line, under the padding
    assert [body[s].top - 1 for s in starts] == [t + 3.0 for t in tops]


def test_cells_set_from_the_top_are_not_read_as_centred():
    ws, _ = rows_of(SPEC, pad=3.0, centred=False)
    assert centred_rows(group_lines(ws, DEFAULT_SETTINGS, page=1), BOUNDS, DEFAULT_SETTINGS) is None


def test_touching_cells_of_two_rows_are_cut_where_the_first_is_centred():
    # no padding: the task text of one row runs into the next one's at the usual line pitch
    ws, tops = rows_of(SPEC, pad=0.0)
    body = group_lines(ws, DEFAULT_SETTINGS, page=1)
    found = centred_rows(body, BOUNDS, DEFAULT_SETTINGS)
    assert found is not None
    starts = found.starts
    assert [body[s].top - 1 for s in starts] == tops


def test_the_rest_of_a_row_broken_by_the_page_break_is_a_row_without_label():
    rest = {"content": content(0, 3), "unit": ["Sở Tư pháp"], "timing": ["Quý IV"]}
    ws, tops = rows_of([rest, *SPEC], pad=0.0)
    body = group_lines(ws, DEFAULT_SETTINGS, page=1)
    found = centred_rows(body, BOUNDS, DEFAULT_SETTINGS)
    assert found is not None
    starts = found.starts
    assert [body[s].top - 1 for s in starts] == tops


def table_lines(ws: list[Word]) -> list[VisualLine]:
    header = line((50, "STT"), (100, "Nội dung"), (320, "Đơn vị"), (440, "Thời gian"), top=70.0, bold=True)
    return [header, *group_lines(ws, DEFAULT_SETTINGS, page=1)]


def cell_texts(table) -> list[list[str]]:
    return [[" ".join(w.text for w in c.words) for c in row] for row in table.slots]


def test_a_centred_table_reads_one_row_per_task():
    ws, _ = rows_of(SPEC, pad=3.0)
    tables, rest = aligned_tables(table_lines(ws), page=1)
    assert len(tables) == 1 and not rest
    rows = cell_texts(tables[0])
    assert [r[0] for r in rows] == ["STT", "1", "2", "3"]
    assert rows[2] == ["2", " ".join(content(2, 2)), "Thanh tra Sở", "Quý II"]
    assert rows[3][3] == "Thường xuyên trong năm"


def stacked_header(top: float) -> list[VisualLine]:
    """Header cells of different heights, each centred: no line holds three of them."""
    return [
        line((440, "Thời"), top=top, bold=True),
        line((320, "Trách nhiệm"), (440, "gian"), top=top + 12, bold=True),
        line((50, "TT"), (100, "Nội dung"), top=top + 18, bold=True),
        line((326, "thực hiện"), (438, "(Năm"), top=top + 24, bold=True),
        line((437, "2026)"), top=top + 36, bold=True),
    ]


def test_a_header_whose_cells_stand_at_different_heights_is_found():
    lines = stacked_header(70.0)
    assert header_band(lines, 0, DEFAULT_SETTINGS) == 5
    ws, _ = rows_of(SPEC, pad=3.0, top=70.0 + 36 + SIZE + 6)
    tables, rest = aligned_tables(lines + group_lines(ws, DEFAULT_SETTINGS, page=1), page=1)
    assert len(tables) == 1 and not rest
    rows = cell_texts(tables[0])
    assert rows[0] == ["TT", "Nội dung", "Trách nhiệm thực hiện", "Thời gian (Năm 2026)"]
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]


def test_stacked_bold_lines_without_an_stt_cell_or_across_one_range_are_no_header():
    no_stt = stacked_header(70.0)
    no_stt[2] = line((50, "Số"), (100, "Nội dung"), top=88.0, bold=True)
    assert header_band(no_stt, 0, DEFAULT_SETTINGS) is None
    headings = [
        line((60, "III. MỘT SỐ HOẠT ĐỘNG TRỌNG TÂM"), top=70.0, bold=True),
        line((40, "TT TRONG NĂM 2026"), top=84.0, bold=True),
    ]
    assert header_band(headings, 0, DEFAULT_SETTINGS) is None


def test_a_centred_header_cell_wider_than_the_one_under_it_belongs_to_the_header():
    lines = [
        line((320, "Trách"), (432, "Thời gian"), top=70.0, bold=True),  # wider than "(Năm" below
        line((50, "STT"), (100, "Nội dung"), (320, "nhiệm"), (440, "(Năm"), top=84.0, bold=True),
    ]
    assert header_top(lines, 1, [False, False], DEFAULT_SETTINGS) == 0
    across = [line((100, "Bảng phân công nhiệm vụ các đơn vị"), top=70.0, bold=True), lines[1]]
    assert header_top(across, 1, [False, False], DEFAULT_SETTINGS) == 1


def test_the_paragraph_after_a_table_is_not_a_section_row():
    ws, _ = rows_of(SPEC, pad=3.0, centred=False)
    lines = table_lines(ws)
    end = max(ln.bottom for ln in lines) + 8
    # the next heading, indented to the task column, runs across the columns
    heading = line((100, "2. Tổ chức hội nghị tập huấn nghiệp vụ cho cán bộ công chức viên chức năm 2026"), top=end)
    para = line((40, "Sở Nội vụ chủ trì phối hợp với các cơ quan đơn vị liên quan thực hiện"), top=end + PITCH)
    tables, rest = aligned_tables(lines + [heading, para], page=1)
    assert len(tables) == 1
    assert [r[0] for r in cell_texts(tables[0])] == ["STT", "1", "2", "3"]
    assert [ln.text for ln in rest] == [heading.text, para.text]


def test_the_rest_of_a_broken_row_touching_the_first_cell_under_it_is_cut_off():
    # the rest stands in the task column only, right on top of the first row's task text: the
    # first row's cell ends as far below its label's middle as it begins above it
    spec = [
        {"stt": ["1"], "content": content(1, 5), "unit": ["Văn phòng"]},
        {"stt": ["2"], "content": content(2, 2), "timing": ["Quý II", "và", "Quý III", "năm 2026"]},
        {"stt": ["3"], "content": content(3, 6), "unit": ["Phòng A"]},
    ]
    ws, tops = rows_of([{"content": content(0, 3)}, *spec], pad=0.0)
    body = group_lines(ws, DEFAULT_SETTINGS, page=1)
    found = centred_rows(body, BOUNDS, DEFAULT_SETTINGS)
    assert found is not None
    starts = found.starts
    assert [body[s].top - 1 for s in starts] == tops


def test_a_task_merged_over_two_result_rows_gives_two_rows_sharing_its_cells():
    # task 2's STT and task cells are merged over two rows, each with its own owner and timing,
    # centred on their own middles; the merged cells are centred over both
    ws, tops = rows_of([SPEC[0]], pad=3.0)
    t2 = tops[0] + 5 * PITCH + 6
    h_a, h_b = 3 * PITCH + 6, 2 * PITCH + 6
    ws += cell("unit", ["Văn phòng"], t2 + h_a / 2) + cell("timing", ["Quý I", "năm 2026", "và Quý II"], t2 + h_a / 2)
    ws += cell("unit", ["Thanh tra Sở"], t2 + h_a + h_b / 2) + cell(
        "timing", ["Quý III", "năm 2026"], t2 + h_a + h_b / 2
    )
    ws += cell("stt", ["2"], t2 + (h_a + h_b) / 2) + cell("content", content(2, 3), t2 + (h_a + h_b) / 2)
    more, tops3 = rows_of([SPEC[2]], pad=3.0, top=t2 + h_a + h_b)
    body = group_lines(ws + more, DEFAULT_SETTINGS, page=1)
    found = centred_rows(body, BOUNDS, DEFAULT_SETTINGS)
    assert found is not None
    row_tops = [body[s].top - 1 for s in found.starts]
    assert row_tops[:2] == [tops[0] + 3, t2 + 3] and row_tops[3] == tops3[0] + 3
    # the second result row starts at the first line under the first one's text (a line of the
    # merged task cell, maybe)
    assert t2 + h_a - 3 <= row_tops[2] <= t2 + h_a + 3
    assert found.merged == [(1, 0), (1, 1)]  # the STT and task cells run on from row 1 into row 2
    tables, _ = aligned_tables(table_lines(ws + more), page=1)
    slots = tables[0].slots
    assert slots[2][0] is slots[3][0] and slots[2][1] is slots[3][1]
    assert " ".join(w.text for w in slots[2][1].words) == " ".join(content(2, 3))
    assert [" ".join(w.text for w in slots[r][2].words) for r in (2, 3)] == ["Văn phòng", "Thanh tra Sở"]


def test_a_page_holding_one_label_under_the_rest_of_a_broken_row():
    rest = {"content": content(0, 2), "unit": ["Sở Tư pháp"], "timing": ["Quý IV", "năm 2026"]}
    ws, tops = rows_of([rest, SPEC[2]], pad=3.0)
    body = group_lines(ws, DEFAULT_SETTINGS, page=1)
    found = centred_rows(body, BOUNDS, DEFAULT_SETTINGS)
    assert found is not None
    assert [body[s].top - 1 for s in found.starts] == [t + 3 for t in tops]


def test_the_part_of_a_broken_row_at_the_page_foot_is_set_from_the_top():
    # the rest of a broken row (task text only) on top of a centred row, and at the page foot the
    # first part of a row broken by the next page break, its cells set from the top; no padding:
    # the task texts of all three touch
    row = {"stt": ["7"], "content": content(7, 4), "unit": ["Văn phòng"], "timing": ["Quý I", "năm 2026"]}
    ws, tops = rows_of([{"content": content(0, 1)}, row], pad=0.0)
    foot = tops[-1] + 4 * PITCH
    ws += cell("stt", ["8"], foot + PITCH / 2) + cell("content", content(8, 3), foot + 1.5 * PITCH)
    ws += cell("unit", ["Sở Tư pháp", "và Sở Tài chính"], foot + PITCH)
    body = group_lines(ws, DEFAULT_SETTINGS, page=1)
    found = centred_rows(body, BOUNDS, DEFAULT_SETTINGS)
    assert found is not None
    assert [body[s].top - 1 for s in found.starts] == [*tops, foot]


def test_a_task_at_the_page_foot_merged_over_two_result_rows():
    # task 2 at the page foot, its STT and task cells set from the top and merged over two result
    # rows: the first, whole on this page, centred on its own middle (its timing the tallest
    # cell); the second, broken by the page break, set from the top right under it
    cols = {**COLS, "result": 560.0}
    bounds = [*BOUNDS, 550.0]
    ws, tops = rows_of(
        [{"stt": ["1"], "content": content(1, 4), "unit": ["Văn phòng"], "timing": ["Quý I", "2026"]}], 0.0
    )
    f = tops[0] + 4 * PITCH

    def top_set(col: str, texts: list[str], top: float) -> list[Word]:
        return [w for k, t in enumerate(texts) for w in words(t, cols[col], top + k * PITCH + 1)]

    ws += top_set("stt", ["2"], f) + top_set("content", content(2, 3), f)
    mid_a = f + 2 * PITCH
    ws += top_set("timing", ["Ban hành", "trong", "tháng 01", "năm 2026"], f)
    ws += cell("unit", ["Sở Nội vụ"], mid_a)
    ws += [
        w
        for k, t in enumerate(["Kế hoạch", "kiểm tra", "của tỉnh"])
        for w in words(t, 560.0, mid_a - 21 + k * PITCH + 1)
    ]
    ws += top_set("timing", ["Tổ chức", "kiểm tra"], f + 4 * PITCH) + top_set(
        "unit", ["Các cơ quan,", "đơn vị"], f + 4 * PITCH
    )
    ws += top_set("result", ["Kế hoạch tự kiểm tra"], f + 4 * PITCH)
    body = group_lines(ws, DEFAULT_SETTINGS, page=1)
    found = centred_rows(body, bounds, DEFAULT_SETTINGS)
    assert found is not None
    assert [body[s].top - 1 for s in found.starts] == [tops[0], f, f + 4 * PITCH]
    assert found.merged == [(1, 0), (1, 1)]  # STT and task cells over both result rows
