"""The PDF layout chain on synthetic input: words and lines (pdf_layout), rulings and grids
(pdf_rulings), cell text lines (pdf_text), borderless blocks (pdf_borderless) and page tables
stitched into logical tables (pdf_tables)."""

from __future__ import annotations

import unicodedata

from extractors.pdf.borderless import borderless_tables
from extractors.pdf.layout import VisualLine, Word, group_lines
from extractors.pdf.words import chars_to_words
from extractors.pdf.rulings import Ruling, find_grids, grid_cells, rulings_from_objects
from extractors.pdf.tables import (
    PdfTableSettings,
    assign_words,
    build_page_table,
    group_page_tables,
    stitch_group,
    stitch_tables,
)
from extractors.pdf.text import logical_lines

CW = 0.5  # char width as a share of the font size in these synthetic lines


def chars(text: str, x: float, top: float, size: float = 12.0, font: str = "Serif", space: bool = True) -> list[dict]:
    """pdfplumber-style char dicts for one line of text; spaces as glyphs unless space=False
    (then words are only separated by a gap)."""
    out = []
    for ch in text:
        w = size * CW
        if ch == " ":
            if space:
                out.append(
                    {
                        "text": " ",
                        "x0": x,
                        "x1": x + w,
                        "top": top,
                        "bottom": top + size,
                        "size": size,
                        "fontname": font,
                    }
                )
            x += w
            continue
        out.append({"text": ch, "x0": x, "x1": x + w, "top": top, "bottom": top + size, "size": size, "fontname": font})
        x += w
    return out


def words_of(text: str, x: float, top: float, size: float = 12.0, font: str = "Serif") -> list[Word]:
    return chars_to_words(chars(text, x, top, size, font))


def line(text: str, x: float, top: float, box=(0.0, 300.0), size: float = 12.0, page: int = 1) -> VisualLine:
    return VisualLine(words=words_of(text, x, top, size), page=page, box=box)


# --------------------------------------------------------------------------- words and lines


def test_words_split_at_space_glyphs_and_at_gaps():
    ws = chars_to_words(chars("Kế hoạch số", 10, 100))
    assert [w.text for w in ws] == ["Kế", "hoạch", "số"]
    ws = chars_to_words(chars("Kế hoạch số", 10, 100, space=False))  # no space glyphs: the gap decides
    assert [w.text for w in ws] == ["Kế", "hoạch", "số"]


def test_a_space_glyph_of_another_line_drawn_over_a_word_ends_no_word():
    cs = chars("Hiệp hội", 10, 100)
    # a superscript footnote's trailing space, 3 pt higher, lands between "Hi" and "ệp" once sorted by x
    stray = {
        "text": " ",
        "x0": cs[1]["x0"] + 1,
        "x1": cs[1]["x0"] + 4,
        "top": 97.0,
        "bottom": 109.0,
        "size": 12.0,
        "fontname": "Serif",
    }
    assert [w.text for w in chars_to_words(cs + [stray])] == ["Hiệp", "hội"]
    # a space on the baseline of the letter before it still ends the word, however narrow
    narrow = dict(stray, top=100.0, bottom=112.0)
    assert [w.text for w in chars_to_words(cs + [narrow])] == ["Hi", "ệp", "hội"]


def test_tight_letters_stay_one_word_per_font_size():
    cs = chars("Thường", 10, 100, size=14)
    for i, c in enumerate(cs):  # kerning: letters overlap or touch by a fraction of a point
        c["x0"] -= 0.3 * i
        c["x1"] -= 0.3 * i
    assert [w.text for w in chars_to_words(cs)] == ["Thường"]


def test_combining_mark_joins_its_letter_and_text_is_nfc():
    cs = chars("hơp", 10, 100)
    base = cs[2]  # the mark is drawn at the base letter's position, possibly before it in x
    mark = dict(base, text="\u0323", x0=base["x0"] - 0.5, x1=base["x0"] + 2)
    ws = chars_to_words(cs + [mark])
    assert [w.text for w in ws] == ["hơp"] or [w.text for w in ws] == [unicodedata.normalize("NFC", "hơ\u0323p")]
    cs = chars("ho", 10, 100)
    cs.append(dict(cs[1], text="\u0300", x0=cs[1]["x1"] - 1, x1=cs[1]["x1"]))  # "o" + grave
    cs.append(dict(cs[1], text="p", x0=cs[1]["x1"], x1=cs[1]["x1"] + 6))
    ws = chars_to_words(cs)
    assert [w.text for w in ws] == ["hòp"] and unicodedata.is_normalized("NFC", ws[0].text)


def test_bold_and_italic_from_font_names():
    ws = chars_to_words(
        chars("Điều 1.", 10, 100, font="CAAAAA+LiberationSerif-Bold")
        + chars("Phạm vi", 80, 100, font="DAAAAA+LiberationSerif-Italic")
    )
    assert [(w.text, w.bold, w.italic) for w in ws] == [
        ("Điều", True, False),
        ("1.", True, False),
        ("Phạm", False, True),
        ("vi", False, True),
    ]


def test_lines_top_to_bottom_words_in_x_order():
    ws = words_of("thứ hai", 10, 130) + words_of("dòng một", 10, 100)
    ws.reverse()
    lines = group_lines(ws)
    assert [ln.text for ln in lines] == ["dòng một", "thứ hai"]


# --------------------------------------------------------------------------- rulings and grids


def hline(y, x0, x1):
    return {"x0": x0, "x1": x1, "top": y, "bottom": y}


def vline(x, y0, y1):
    return {"x0": x, "x1": x, "top": y0, "bottom": y1}


def test_rulings_snap_and_join_and_ignore_shading():
    lines = [hline(100, 10, 60), hline(101.5, 61, 120), vline(10, 100, 200)]
    rects = [
        {
            "x0": 10,
            "x1": 120,
            "top": 199.6,
            "bottom": 200.4,
            "fill": True,
            "stroke": False,
            "non_stroking_color": (0, 0, 0),
        },  # a thin black bar: a ruling
        {
            "x0": 10,
            "x1": 120,
            "top": 120,
            "bottom": 180,
            "fill": True,
            "stroke": False,
            "non_stroking_color": (0.93, 0.93, 0.93),
        },  # cell shading: not a ruling
        {
            "x0": 10,
            "x1": 120,
            "top": 300,
            "bottom": 300.5,
            "fill": True,
            "stroke": False,
            "non_stroking_color": (1, 1, 1),
        },  # white: invisible
    ]
    rs = rulings_from_objects(lines, rects)
    hs = sorted((round(r.pos), round(r.start), round(r.end)) for r in rs if r.horizontal)
    assert hs == [(101, 10, 120), (200, 10, 120)]
    assert [(round(r.pos), r.start, r.end) for r in rs if not r.horizontal] == [(10, 100, 200)]


def grid_rulings(xs, ys, missing=()):
    """Full grid rulings minus the segments listed in `missing` ("v", col_boundary, row) / ("h", row_boundary, col)."""
    out = []
    for i, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if ("v", i, r) not in missing:
                out.append(Ruling(False, x, ys[r], ys[r + 1]))
    for j, y in enumerate(ys):
        for c in range(len(xs) - 1):
            if ("h", j, c) not in missing:
                out.append(Ruling(True, y, xs[c], xs[c + 1]))
    return out


def test_grid_cells_from_missing_rulings():
    xs, ys = [0, 40, 140, 240], [0, 20, 40, 60, 80]
    # row 1: no vertical rulings inside -> one cell over 3 columns; column 2 has no ruling
    # between rows 2 and 3 -> one cell over 2 rows
    rs = grid_rulings(xs, ys, missing={("v", 1, 1), ("v", 2, 1), ("h", 3, 2)})
    grids = find_grids(rs)
    assert len(grids) == 1 and grids[0].xs == xs and grids[0].ys == ys
    slots = grid_cells(grids[0])
    assert slots[1][0] is slots[1][1] is slots[1][2]
    assert slots[2][2] is slots[3][2] and slots[2][1] is not slots[3][1]
    assert slots[0][0] is not slots[0][1]


def test_underlines_alone_are_no_table():
    assert find_grids(rulings_from_objects([hline(90, 130, 180), hline(92, 300, 470)], [])) == []


# --------------------------------------------------------------------------- cell text lines

PITCH = {12: 13.8}


def test_wrapped_lines_join_hard_breaks_split():
    box = (100.0, 196.0)  # 96 pt wide: 16 characters of 6 pt
    lines = [
        line("- Văn phòng Sở", 100, 100, box),  # "chủ" would not fit after it: wrapped
        line("chủ trì.", 100, 113.8, box),
        line("- Các phòng, đơn", 100, 129.6, box),  # larger pitch: a new paragraph
        line("vị liên quan", 100, 143.4, box),
        line("Văn phòng Sở", 100, 157.2, box),  # "Văn" would have fitted after "quan": a new line
    ]
    assert logical_lines(lines, PITCH) == ["- Văn phòng Sở chủ trì.", "- Các phòng, đơn vị liên quan", "Văn phòng Sở"]


def test_label_after_finished_sentence_starts_a_line_but_not_mid_sentence():
    box = (0.0, 120.0)
    lines = [line("đầu mối kiểm soát.", 0, 100, box), line("- Phòng Hành chính", 0, 113.8, box)]
    assert logical_lines(lines, {}) == ["đầu mối kiểm soát.", "- Phòng Hành chính"]
    lines = [line("Phòng Hành chính", 0, 100, (0.0, 100.0)), line("- Tổng hợp", 0, 113.8, (0.0, 100.0))]
    assert logical_lines(lines, {}) == ["Phòng Hành chính - Tổng hợp"]


def test_joins_without_space_after_a_cut_symbol_and_before_punctuation():
    box = (0.0, 100.0)
    assert logical_lines([line("số 140/KH-", 40, 100, box), line("UBND ngày", 0, 113.8, box)], {}) == [
        "số 140/KH-UBND ngày"
    ]
    assert logical_lines(
        [line("Định kỳ 3 tháng/lần", 0, 100, (0.0, 118.0)), line(".", 0, 113.8, (0.0, 118.0))], {}
    ) == ["Định kỳ 3 tháng/lần."]


def test_a_word_cut_by_a_narrow_column_is_glued():
    box = (0.0, 13.0)  # two capitals wide
    assert logical_lines([line("ST", 0, 100, box), line("T", 3, 113.8, box)], {}) == ["STT"]
    box = (0.0, 45.0)
    assert logical_lines([line("Thời", 0, 100, box), line("gian", 0, 113.8, box)], {}) == ["Thời gian"]


def test_centered_short_line_is_not_wrapped():
    box = (0.0, 200.0)
    lines = [line("Lãnh đạo", 76, 100, box), line("Sở Giáo dục và Đào tạo", 34, 113.8, box)]
    assert logical_lines(lines, PITCH) == ["Lãnh đạo", "Sở Giáo dục và Đào tạo"]


# --------------------------------------------------------------------------- page tables and stitching

XS = [0.0, 30.0, 130.0, 190.0]  # STT | content (15 characters wide) | timing (9 characters)
SETTINGS = PdfTableSettings()


def page_table(page: int, rows: list[list[str]], missing=(), top: float = 50.0, heights=None):
    """A ruled page table whose rows hold the given texts (one visual line per '\\n' part)."""
    heights = heights or [max(len(c.split("\n")) for c in r) * 14 + 6 for r in rows]
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)
    grid = find_grids(grid_rulings(XS, ys, missing=missing))[0]
    pt = build_page_table(grid, page)
    ws = []
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            for k, part in enumerate(text.split("\n") if text else []):
                ws += words_of(part, XS[c] + 3, ys[r] + 3 + 14 * k)
    assert assign_words(pt, ws) == []
    return pt


def test_stitch_drops_repeated_header_and_rejoins_a_broken_row():
    head = ["STT", "Nội dung", "Thời gian"]
    p1 = page_table(1, [head, ["1", "Xây dựng", "Quý I"], ["2", "Triển khai việc\nrà soát các thủ", "Thường"]])
    p2 = page_table(2, [head, ["", "tục hành chính", "xuyên"], ["3", "Báo cáo", "Quý IV"]])
    p1.last_on_page = p2.first_on_page = True
    (table,) = stitch_tables([p1, p2], {})
    assert [r.texts for r in table.rows] == [
        head,
        ["1", "Xây dựng", "Quý I"],
        ["2", "Triển khai việc rà soát các thủ tục hành chính", "Thường xuyên"],
        ["3", "Báo cáo", "Quý IV"],
    ]
    assert [r.is_header for r in table.rows] == [True, False, False, False]
    assert (table.rows[2].page, table.rows[2].page_end) == (1, 2)
    assert (table.page_start, table.page_end) == (1, 2)


def test_tables_not_adjacent_across_the_page_break_stay_apart():
    p1 = page_table(1, [["1", "Một", "Quý I"]])
    p2 = page_table(2, [["", "hai", "Quý II"]])
    p1.last_on_page, p2.first_on_page = True, False  # a paragraph stands above the second table
    assert len(group_page_tables([p1, p2])) == 2


def test_vertical_merge_copied_into_each_row_also_across_the_page_break():
    # timing column merged over rows 1-2 on page 1 and still open at the page end; on page 2 the
    # first row continues row 2, the second (a new row) is still under the merged cell
    p1 = page_table(1, [["1", "Một", "Thường"], ["2", "Rà soát các thủ", ""]], missing={("h", 1, 2)})
    p2 = page_table(2, [["", "tục", ""], ["3", "Ba", ""]], missing={("h", 1, 2)})
    p1.last_on_page = p2.first_on_page = True
    table = stitch_group([p1, p2], {})
    timing = [r.cells[2] for r in table.rows]
    assert [c.text for c in timing] == ["Thường"] * 3
    assert [c.merged for c in timing] == [False, True, True] and timing[0].row_span == 3
    assert table.rows[1].texts[1] == "Rà soát các thủ tục"


def test_new_sub_row_under_a_merged_stt_cell_is_not_a_continuation():
    # row 5 has two sub-rows sharing STT/content; the page break falls between them: the first
    # row on page 2 has an empty STT cell, but its cells are all new (the cells above stopped
    # short of the page end), so it is a row of its own with STT/content copied
    p1 = page_table(1, [["5", "Tham mưu", "Thường"]], heights=[80])
    p2 = page_table(2, [["", "", "Trước 05"], ["6", "Khác", "Quý I"]])
    p1.last_on_page = p2.first_on_page = True
    table = stitch_group([p1, p2], {})
    assert [r.texts for r in table.rows] == [
        ["5", "Tham mưu", "Thường"],
        ["5", "Tham mưu", "Trước 05"],
        ["6", "Khác", "Quý I"],
    ]
    assert [c.merged for c in table.rows[1].cells] == [True, True, False]


def test_section_row_spans_all_columns_once():
    pt = page_table(1, [["I", "Kiểm soát TTHC", ""], ["1", "Một", "Quý I"]], missing={("v", 2, 0)})
    table = stitch_group([pt], {})
    first = table.rows[0]
    assert [(c.text, c.col_span) for c in first.cells] == [("I", 1), ("Kiểm soát TTHC", 2)]
    assert table.grid()[0] == ["I", "Kiểm soát TTHC", ""]


# --------------------------------------------------------------------------- borderless blocks


def test_header_block_two_columns_two_rows():
    lines = group_lines(
        words_of("UBND TỈNH QUẢNG NGÃI", 40, 56)
        + words_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 300, 56)
        + words_of("SỞ KHOA HỌC VÀ CÔNG NGHỆ", 28, 72)
        + words_of("Độc lập - Tự do - Hạnh phúc", 330, 72)
        + words_of("Số: /KH-SKHCN", 60, 100)
        + words_of("Quảng Ngãi, ngày 03 tháng 3 năm 2023", 300, 100)
        + words_of("KẾ HOẠCH", 250, 130)
    )
    tables, rest = borderless_tables(lines, 1, center=280.0)
    assert [ln.text for ln in rest] == ["KẾ HOẠCH"]
    (table,) = stitch_tables(tables, {})
    assert table.grid() == [
        [
            "UBND TỈNH QUẢNG NGÃI\nSỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        ],
        ["Số: /KH-SKHCN", "Quảng Ngãi, ngày 03 tháng 3 năm 2023"],
    ]


def test_signature_block_keeps_distribution_list_and_signer_apart():
    ws = (
        words_of("hợp, trình Giám đốc xem xét, quyết định./.", 30, 40)  # tail of the last paragraph
        + words_of("Nơi nhận:", 30, 60)
        + words_of("GIÁM ĐỐC", 360, 60)
        + words_of("- UBND tỉnh (báo cáo);", 30, 74)
        + words_of("- Lưu: VT, VP.", 30, 88)
        + words_of("Nguyễn Văn Thành", 340, 130)
    )
    body = words_of("Trên đây là Kế hoạch của Sở Khoa học và Công nghệ năm 2023. Trong quá trình", 30, 26)
    tables, rest = borderless_tables(group_lines(body + ws), 3, center=280.0)
    assert [ln.text for ln in rest][-1] == "hợp, trình Giám đốc xem xét, quyết định./."
    (table,) = stitch_tables(tables, {})
    assert table.grid() == [["Nơi nhận:\n- UBND tỉnh (báo cáo);\n- Lưu: VT, VP.", "GIÁM ĐỐC\nNguyễn Văn Thành"]]


def test_a_title_under_the_header_is_no_part_of_it_when_the_page_centre_is_off():
    # the page's centre estimated a few points off (a short page): the type name centred under the
    # header is still nearer to it than to the right column's middle, and stays out of the table
    lines = group_lines(
        words_of("ỦY BAN NHÂN DÂN", 135, 56)
        + words_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 320, 56)
        + words_of("Số: 12/KH-UBND", 140, 72)
        + words_of("Độc lập - Tự do - Hạnh phúc", 330, 72)
        + words_of("KẾ HOẠCH", 274, 100)
    )
    tables, rest = borderless_tables(lines, 1, center=292.0)
    assert [ln.text for ln in rest] == ["KẾ HOẠCH"] and len(tables) == 1


def test_signers_side_by_side_reach_their_names_over_the_signatures():
    # a biên bản or a joint document: no distribution list fills the left column; the names stand
    # under the space their signatures and seals take (NĐ 30/2020 Phụ lục I), both columns blank there
    ws = (
        words_of("THƯ KÝ", 90, 300)
        + words_of("CHỦ TỌA", 380, 300)
        + words_of("Trần Văn Bình", 80, 392)
        + words_of("Lê Thị Hoa", 375, 392)
    )
    (table,) = stitch_tables(borderless_tables(group_lines(ws), 1, center=280.0)[0], {})
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["THƯ KÝ", "CHỦ TỌA"],
        ["Trần Văn Bình", "Lê Thị Hoa"],
    ]
    # one column's line alone that far below is not part of the block
    lone = words_of("THƯ KÝ", 90, 300) + words_of("CHỦ TỌA", 380, 300) + words_of("Lê Thị Hoa", 375, 392)
    assert borderless_tables(group_lines(lone), 1, center=280.0)[0] == []


def test_a_single_line_with_blanks_is_not_a_table():
    ws = (
        words_of("(Kèm theo Kế hoạch số", 40, 100)
        + words_of("/KH-UBND ngày", 220, 100)
        + words_of("/12/2025 của UBND tỉnh)", 340, 100)
    )
    tables, rest = borderless_tables(group_lines(ws), 1, center=280.0)
    assert tables == [] and len(rest) == 1


def test_graph_paper_is_no_table_and_costs_little():
    n = 200  # 40,000 cells: a drawing, not a table
    rs = [Ruling(True, 4.0 * i, 0, 4.0 * n) for i in range(n + 1)] + [
        Ruling(False, 4.0 * i, 0, 4.0 * n) for i in range(n + 1)
    ]
    assert find_grids(rs) == []
