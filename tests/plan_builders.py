"""Generated plans (Kế hoạch) in every task-table shape, with their gold rows, written with
python-docx; PDFs rendered from them with LibreOffice.

    plan_docx(shape, path)          one invented plan whose appendix task table has the given shape
    gold_for(shape, file_name)      its gold file (the corpus' format) for `pipeline.evaluate`
    restyle_borders(src, dst, mode) a DOCX whose tables are redrawn: "none" (hidden borders),
                                    "hrules" (horizontal rules only) or "white" (borders drawn white)
    render_pdfs(docx files, dir)    LibreOffice PDFs (pytest skips when LibreOffice is absent)

The plan text is invented for the genre (a Sở's administrative-reform plan); no corpus text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SHAPES = (
    "ruled",
    "none",
    "hrules",
    "white",
    "extra_cols",
    "two_row_header",
    "landscape",
    "sections",
    "merged",
    "merged_none",
    "merged_hrules",
    "split_header",
    "split_header_none",
    "rotated_header",
    "kpis",
    "kpis_none",
    "centred_none",
)
# shapes whose plan also has an indicator appendix (Phụ lục chỉ tiêu), drawn and hidden, with
# targets printed as bounds and ranges: KPIS holds its rows (stt, indicator, unit, target, owner)
# and the (op, value) each target means
KPI_SHAPES = {"kpis": "ruled", "kpis_none": "none"}
KPIS = [
    ("1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "Từ 98% trở lên", "Bộ phận Một cửa", (">=", 98.0)),
    ("2", "Tỷ lệ thủ tục hành chính cung cấp trực tuyến toàn trình", "%", "Tối thiểu 80", "Văn phòng Sở", (">=", 80.0)),
    ("3", "Thời gian giải quyết hồ sơ", "ngày", "05 ngày trở xuống", "Các phòng chuyên môn", ("<=", 5.0)),
    ("4", "Mức độ hài lòng của người dân", "%", "Từ 85% đến 95%", "Văn phòng Sở", (">=", 85.0)),
    ("5", "Số văn bản quy phạm pháp luật được rà soát", "văn bản", "100", "Thanh tra Sở", ("=", 100.0)),
]
# shapes whose owner and timing cells are merged vertically over a group of tasks (drawn, hidden,
# horizontal rules only): the gold repeats the merged value in every row it spans
MERGED = {"merged": "ruled", "merged_none": "none", "merged_hrules": "hrules"}
# header cells written over two lines ("Thời gian" / "hoàn thành": a line break in the cell), drawn
# and hidden; and header cells set vertically (text direction bottom to top, as narrow columns are)
SPLIT = {"split_header": "ruled", "split_header_none": "none"}
_ROTATED = ("stt", "timing")
_MERGE_GROUPS = {"lead": [("4", "5"), ("7", "8")], "support": [("7", "8")], "timing": [("7", "8")]}
# every cell set vertically centred, the header row repeated on each page, borders hidden; the
# table starts under the preamble so that a page break falls inside it (and inside a row)
CENTRED = {"centred_none": "none"}
# plans and a công văn that write their tasks as prose (no table): the owner inside the item's
# sentence, in a closing parenthesis, per-unit duties under "Tổ chức thực hiện", a công văn's requests
PROSE_SHAPES = ("prose_inline", "prose_paren", "prose_units", "cong_van")


@dataclass
class Task:
    stt: str
    content: str
    result: str
    lead: str
    support: str
    timing: str
    budget: str = "Ngân sách tỉnh"
    note: str = ""
    section: str | None = None


@dataclass
class Section:
    label: str
    title: str
    tasks: list[Task] = field(default_factory=list)


def _sections(shape: str = "") -> list[Section]:
    s1 = Section(
        "I",
        "Cải cách thể chế",
        [
            Task(
                "1",
                "Rà soát, hệ thống hóa văn bản quy phạm pháp luật thuộc lĩnh vực quản lý của ngành",
                "Báo cáo kết quả rà soát, hệ thống hóa",
                "Thanh tra Sở",
                "Các phòng, đơn vị thuộc Sở",
                "Quý II/2026",
            ),
            Task(
                "2",
                "Tham mưu xây dựng quy chế phối hợp trong quản lý nhà nước về đo lường, chất lượng "
                "sản phẩm hàng hóa trên địa bàn tỉnh",
                "Dự thảo Quyết định ban hành Quy chế",
                "Chi cục Tiêu chuẩn Đo lường Chất lượng",
                "Văn phòng Sở",
                "Tháng 6/2026",
            ),
            Task(
                "3",
                "Theo dõi tình hình thi hành pháp luật trong lĩnh vực khoa học và công nghệ",
                "Báo cáo theo dõi thi hành pháp luật",
                "Thanh tra Sở",
                "Các phòng chuyên môn",
                "Trước ngày 15/11/2026",
            ),
        ],
    )
    s2 = Section(
        "II",
        "Cải cách thủ tục hành chính",
        [
            Task(
                "4",
                "Công bố, công khai đầy đủ, kịp thời thủ tục hành chính trên Cổng Dịch vụ công quốc gia",
                "Quyết định công bố danh mục thủ tục hành chính",
                "Văn phòng Sở",
                "Phòng Quản lý chuyên ngành",
                "Thường xuyên",
            ),
            Task(
                "5",
                "Rà soát, đề xuất phương án đơn giản hóa thủ tục hành chính, cắt giảm thời gian giải "
                "quyết ít nhất 20% so với quy định",
                "Báo cáo kết quả rà soát kèm phương án đơn giản hóa",
                "Văn phòng Sở",
                "Các phòng, đơn vị có thủ tục hành chính",
                "Quý III/2026",
            ),
            Task(
                "6",
                "Duy trì tỷ lệ hồ sơ giải quyết đúng hạn từ 98% trở lên",
                "Báo cáo định kỳ hằng quý",
                "Bộ phận Một cửa",
                "Các phòng chuyên môn",
                "Hằng quý",
                note="Theo dõi trên Hệ thống",
            ),
        ],
    )
    s3 = Section(
        "III",
        "Cải cách tổ chức bộ máy",
        [
            Task(
                "7",
                "Rà soát chức năng, nhiệm vụ, cơ cấu tổ chức của các phòng, đơn vị thuộc Sở",
                "Tờ trình, dự thảo Quyết định quy định chức năng, nhiệm vụ",
                "Văn phòng Sở",
                "Các phòng, đơn vị thuộc Sở",
                "Quý I/2026",
            ),
            Task(
                "8",
                "Xây dựng đề án vị trí việc làm của các đơn vị sự nghiệp công lập trực thuộc",
                "Đề án vị trí việc làm được phê duyệt",
                "Trung tâm Ứng dụng khoa học và công nghệ",
                "Văn phòng Sở",
                "Quý IV/2026",
                budget="Nguồn sự nghiệp",
            ),
        ],
    )
    for s in (s1, s2, s3):
        for t in s.tasks:
            t.section = s.label
    if shape in MERGED:  # the rows under a merged cell carry its value
        by_stt = {t.stt: t for s in (s1, s2, s3) for t in s.tasks}
        for f, groups in _MERGE_GROUPS.items():
            for first, *rest in groups:
                for stt in rest:
                    setattr(by_stt[stt], f, getattr(by_stt[first], f))
    return [s1, s2, s3]


_COLUMNS = {  # shape -> header cells and the task field of each column
    "base": [
        ("STT", "stt"),
        ("Nội dung nhiệm vụ", "content"),
        ("Sản phẩm", "result"),
        ("Đơn vị chủ trì", "lead"),
        ("Đơn vị phối hợp", "support"),
        ("Thời gian hoàn thành", "timing"),
    ],
    "extra_cols": [
        ("STT", "stt"),
        ("Nội dung nhiệm vụ", "content"),
        ("Dự kiến kết quả", "result"),
        ("Đơn vị chủ trì", "lead"),
        ("Đơn vị phối hợp", "support"),
        ("Thời gian hoàn thành", "timing"),
        ("Kinh phí", "budget"),
        ("Nguồn kinh phí", "budget"),
        ("Ghi chú", "note"),
    ],
}


def _set_cell(cell, text: str, bold: bool = False, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    para = cell.paragraphs[0]
    run = para.add_run(text)
    run.bold = bold
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _header(doc, symbol: str, heading: tuple[str, ...]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    head = doc.add_table(rows=1, cols=2)
    _set_cell(head.cell(0, 0), f"UBND TỈNH AN THÀNH\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nSố: {symbol}", bold=True, center=True)
    _set_cell(
        head.cell(0, 1),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Thành, ngày 20 tháng 01 năm 2026",
        bold=True,
        center=True,
    )
    for text in heading:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = True


def _signature(doc) -> None:
    sign = doc.add_table(rows=1, cols=2)
    _set_cell(sign.cell(0, 0), "Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT, VP.")
    _set_cell(sign.cell(0, 1), "GIÁM ĐỐC\n\n\n\nTrần Minh Khoa", bold=True, center=True)


def _preamble(doc) -> None:
    _header(doc, "15/KH-SKHCN", ("KẾ HOẠCH", "Cải cách hành chính năm 2026"))
    doc.add_paragraph(
        "Thực hiện Kế hoạch cải cách hành chính của Ủy ban nhân dân tỉnh, Sở Khoa học và "
        "Công nghệ ban hành Kế hoạch cải cách hành chính năm 2026 như sau:"
    )
    doc.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU").runs[0].bold = True
    doc.add_paragraph(
        "Triển khai đồng bộ, hiệu quả các nhiệm vụ cải cách hành chính; gắn trách nhiệm "
        "của người đứng đầu với kết quả thực hiện."
    )
    doc.add_paragraph("II. NHIỆM VỤ CỤ THỂ").runs[0].bold = True
    doc.add_paragraph("(Chi tiết tại Phụ lục kèm theo)")
    doc.add_paragraph("III. TỔ CHỨC THỰC HIỆN").runs[0].bold = True
    doc.add_paragraph(
        "Các phòng, đơn vị thuộc Sở căn cứ nhiệm vụ được giao tổ chức triển khai thực hiện; "
        "định kỳ báo cáo kết quả về Văn phòng Sở để tổng hợp."
    )
    _signature(doc)


def _landscape(doc) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION

    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width


def plan_docx(shape: str, path: Path) -> Path:
    """An invented plan whose appendix holds the task table in the given shape (see SHAPES)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = docx.Document()
    _preamble(doc)
    if shape in ("landscape", "extra_cols"):
        _landscape(doc)
    elif shape not in CENTRED:
        doc.add_page_break()
    for text in ("PHỤ LỤC", "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026"):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = True
    cols = _COLUMNS["extra_cols" if shape == "extra_cols" else "base"]
    sections = _sections(shape)
    if shape == "sections":  # one table per section, each under its own heading
        for s in sections:
            doc.add_paragraph(f"{s.label}. {s.title.upper()}").runs[0].bold = True
            _task_table(doc, cols, [s], with_section_rows=False)
    else:
        _task_table(
            doc,
            cols,
            sections,
            two_row_header=shape == "two_row_header",
            vmerge=shape in MERGED,
            header=_split_header if shape in SPLIT else _rotated_header if shape == "rotated_header" else None,
        )
    if shape in CENTRED:
        _centre_cells(doc.tables[-1])
    if shape in KPI_SHAPES:
        _kpi_table(doc)
    for table in doc.tables[2:]:
        table.style = "Table Grid"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    border = MERGED.get(shape) or SPLIT.get(shape) or KPI_SHAPES.get(shape) or CENTRED.get(shape) or shape
    if border in ("none", "hrules", "white"):
        restyle_borders(path, path, border)
    return path


def _centre_cells(table) -> None:
    """Every cell's text set vertically centred (w:vAlign), the header row repeated on each page
    (w:tblHeader)."""
    from docx.oxml.ns import qn
    from lxml import etree

    for row in table.rows:
        for cell in row.cells:
            etree.SubElement(cell._tc.get_or_add_tcPr(), qn("w:vAlign")).set(qn("w:val"), "center")
    etree.SubElement(table.rows[0]._tr.get_or_add_trPr(), qn("w:tblHeader")).set(qn("w:val"), "true")


def _kpi_table(doc) -> None:
    """The indicator appendix: "PHỤ LỤC II / CHỈ TIÊU …" and its table."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc.add_page_break()
    for text in ("PHỤ LỤC II", "CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH NĂM 2026"):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = True
    head = ("STT", "Nội dung chỉ tiêu", "Đơn vị tính", "Chỉ tiêu năm 2026", "Đơn vị thực hiện")
    table = doc.add_table(rows=1, cols=len(head))
    for j, name in enumerate(head):
        _set_cell(table.cell(0, j), name, bold=True, center=True)
    for row in KPIS:
        cells = table.add_row().cells
        for j, text in enumerate(row[:5]):
            _set_cell(cells[j], text, center=j in (0, 2))


def table_page_docx(path: Path, borders: str = "none", n_sections: int = 1) -> Path:
    """One landscape page holding only the task table of the first `n_sections` sections (the
    gold rows: `gold_for("ruled", …)` of those tasks), its borders redrawn as `borders` (see
    `restyle_borders`): small enough to OCR in a test."""
    import docx

    doc = docx.Document()
    _landscape(doc)
    doc.sections[0].orientation, doc.sections[0].page_width, doc.sections[0].page_height = (
        doc.sections[-1].orientation,
        doc.sections[-1].page_width,
        doc.sections[-1].page_height,
    )
    _task_table(doc, _COLUMNS["base"], _sections()[:n_sections])
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return restyle_borders(path, path, borders) if borders != "ruled" else path


def _split_header(row, cols) -> None:
    """Header cells over two lines: a line break after the first word pair."""
    for j, (name, _) in enumerate(cols):
        words = name.split(" ")
        _set_cell(
            row.cells[j],
            " ".join(words[:2]) + ("\n" + " ".join(words[2:]) if len(words) > 2 else ""),
            bold=True,
            center=True,
        )


def _rotated_header(row, cols) -> None:
    """The STT and timing header cells set bottom to top in a tall header row."""
    from docx.oxml.ns import qn
    from docx.shared import Cm
    from lxml import etree

    row.height = Cm(3.2)
    for j, (name, f) in enumerate(cols):
        _set_cell(row.cells[j], name, bold=True, center=True)
        if f in _ROTATED:
            direction = etree.SubElement(row.cells[j]._tc.get_or_add_tcPr(), qn("w:textDirection"))
            direction.set(qn("w:val"), "btLr")


def _task_table(
    doc,
    cols,
    sections: list[Section],
    with_section_rows: bool = True,
    two_row_header: bool = False,
    vmerge: bool = False,
    header=None,
) -> None:
    n_head = 2 if two_row_header else 1
    table = doc.add_table(rows=n_head, cols=len(cols))
    if two_row_header:  # "Đơn vị thực hiện" over "Chủ trì | Phối hợp"
        fields = [f for _, f in cols]
        li, si = fields.index("lead"), fields.index("support")
        for j, (name, _) in enumerate(cols):
            if j not in (li, si):
                table.cell(0, j).merge(table.cell(1, j))
                _set_cell(table.cell(0, j), name, bold=True, center=True)
        top = table.cell(0, li).merge(table.cell(0, si))
        _set_cell(top, "Đơn vị thực hiện", bold=True, center=True)
        _set_cell(table.cell(1, li), "Chủ trì", bold=True, center=True)
        _set_cell(table.cell(1, si), "Phối hợp", bold=True, center=True)
    elif header is not None:
        header(table.rows[0], cols)
    else:
        for j, (name, _) in enumerate(cols):
            _set_cell(table.cell(0, j), name, bold=True, center=True)
    rows: dict[str, object] = {}
    for s in sections:
        if with_section_rows:
            row = table.add_row()
            _set_cell(row.cells[0], s.label, bold=True, center=True)
            merged = row.cells[1].merge(row.cells[len(cols) - 1])
            _set_cell(merged, s.title, bold=True)
        for t in s.tasks:
            row = table.add_row()
            rows[t.stt] = row
            for j, (_, f) in enumerate(cols):
                if not (vmerge and any(t.stt in g[1:] for g in _MERGE_GROUPS.get(f, []))):
                    _set_cell(row.cells[j], getattr(t, f), center=f == "stt")
    if vmerge:  # vertical merges (w:vMerge): the first row's cell spans the group
        for j, (_, f) in enumerate(cols):
            for group in _MERGE_GROUPS.get(f, []):
                rows[group[0]].cells[j].merge(rows[group[-1]].cells[j])


def gold_for(shape: str, file_name: str) -> dict:
    """The gold answers of `plan_docx(shape)` or `prose_docx(shape)` in the corpus' gold format."""
    if shape in PROSE_SHAPES:
        tasks = [dict(g, section=None, stt=None) for _, g in _prose_items(shape)]
        return {
            "doc_id": Path(file_name).stem,
            "files": [f"raw/{file_name}"],
            "tasks": tasks,
            "citations": None,
            "document": None,
        }
    tasks = []
    for s in _sections(shape):
        for t in s.tasks:
            tasks.append(
                {
                    "section": s.label,
                    "stt": t.stt,
                    "content": t.content,
                    "result": t.result,
                    "lead": t.lead,
                    "support": t.support,
                    "timing": t.timing,
                }
            )
    return {
        "doc_id": Path(file_name).stem,
        "files": [f"raw/{file_name}"],
        "tasks": tasks,
        "citations": None,
        "document": None,
    }


def _lower_first(text: str) -> str:
    """A common noun starting a table cell ("Các phòng", "Thường xuyên") inside a sentence; a
    name ("Văn phòng Sở", "Quý II/2026") keeps its capital."""
    return text[:1].lower() + text[1:] if text.split(" ")[0] in ("Các", "Thường", "Hằng", "Trước", "Tháng") else text


def _timing_phrase(timing: str) -> str:
    """How a sentence says the timing: "Quý II/2026" → "hoàn thành trong Quý II/2026"."""
    low = _lower_first(timing)
    if low.startswith(("thường", "hằng")):
        return f"thực hiện {low}"
    return f"hoàn thành {low}" if low.startswith("trước") else f"hoàn thành trong {low}"


_SUB_BULLETS = ["Rà soát vị trí việc làm hiện có của từng đơn vị.", "Lấy ý kiến các phòng, đơn vị liên quan."]


def _prose_items(shape: str) -> list[tuple[str, dict]]:
    """(printed text, gold row) of each task of a prose shape, in order; the printed text of
    "prose_units" is the duty bullet under its unit's heading."""
    out = []
    for t in (t for s in _sections() for t in s.tasks):
        when = _timing_phrase(t.timing)
        gold = {"lead": t.lead, "support": t.support, "timing": t.timing}
        if shape == "prose_inline":
            text = f"{t.lead} chủ trì, phối hợp với {_lower_first(t.support)} {t.content[:1].lower() + t.content[1:]}, {when}."
            gold["content"] = text + ("".join(f"\n- {b}" for b in _SUB_BULLETS) if t.stt == "8" else "")
        elif shape == "prose_paren":
            text = f"{t.content} ({t.lead} chủ trì; {t.support} phối hợp; thời gian: {t.timing})."
            gold["content"] = f"{t.content}."
        elif shape == "prose_units":
            text = f"Chủ trì, phối hợp với {_lower_first(t.support)} {t.content[:1].lower() + t.content[1:]}, {when}."
            gold["content"] = text
        else:  # cong_van
            verb = "Đề nghị" if t.lead.startswith("Các") else "Giao"
            text = f"{verb} {t.lead} chủ trì, phối hợp với {_lower_first(t.support)} {t.content[:1].lower() + t.content[1:]}, {when}."
            gold["content"] = text
        out.append((text, gold))
    return out


def prose_docx(shape: str, path: Path) -> Path:
    """An invented plan (or công văn) whose tasks are written as prose in the given shape (PROSE_SHAPES)."""
    import docx

    doc = docx.Document()
    items = _prose_items(shape)
    tasks = [t for s in _sections() for t in s.tasks]
    if shape == "cong_van":
        _header(doc, "120/SKHCN-VP", ())
        doc.add_paragraph("V/v triển khai nhiệm vụ cải cách hành chính năm 2026")
        doc.add_paragraph("Kính gửi: Các phòng, đơn vị thuộc Sở")
        doc.add_paragraph("Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, Giám đốc Sở có ý kiến như sau:")
        for k, (text, _) in enumerate(items, start=1):
            doc.add_paragraph(f"{k}. {text}")
        doc.add_paragraph("Yêu cầu các phòng, đơn vị nghiêm túc thực hiện./.")
        _signature(doc)
        path.parent.mkdir(parents=True, exist_ok=True)
        doc.save(path)
        return path
    _header(doc, "15/KH-SKHCN", ("KẾ HOẠCH", "Cải cách hành chính năm 2026"))
    doc.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU").runs[0].bold = True
    doc.add_paragraph(
        "Triển khai đồng bộ, hiệu quả các nhiệm vụ cải cách hành chính; gắn trách nhiệm "
        "của người đứng đầu với kết quả thực hiện."
    )
    if shape == "prose_units":
        doc.add_paragraph("II. NHIỆM VỤ, GIẢI PHÁP").runs[0].bold = True
        doc.add_paragraph("Tập trung cải cách thể chế, thủ tục hành chính và tổ chức bộ máy theo hướng tinh gọn.")
        doc.add_paragraph("III. TỔ CHỨC THỰC HIỆN").runs[0].bold = True
        leads = list(dict.fromkeys(t.lead for t in tasks))
        for k, lead in enumerate(leads, start=1):
            doc.add_paragraph(f"{k}. {lead}:")
            for t, (text, _) in zip(tasks, items):
                if t.lead == lead:
                    doc.add_paragraph(f"- {text}")
    else:
        doc.add_paragraph("II. NHIỆM VỤ CỤ THỂ").runs[0].bold = True
        n = 0
        for k, s in enumerate(_sections(), start=1):
            doc.add_paragraph(f"{k}. {s.title}")
            for j, t in enumerate(s.tasks):
                text = items[n][0]
                n += 1
                doc.add_paragraph(f"{'abcdefgh'[j]}) {text}")
                if shape == "prose_inline" and t.stt == "8":
                    for b in _SUB_BULLETS:
                        doc.add_paragraph(f"- {b}")
        doc.add_paragraph("III. TỔ CHỨC THỰC HIỆN").runs[0].bold = True
        doc.add_paragraph("Văn phòng Sở có trách nhiệm theo dõi, tổng hợp kết quả, báo cáo Giám đốc Sở.")
    _signature(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def write_gold(gold_dir: Path, shape: str, file_names: list[str]) -> None:
    gold_dir.mkdir(parents=True, exist_ok=True)
    g = gold_for(shape, file_names[0])
    g["files"] = [f"raw/{f}" for f in file_names]
    (gold_dir / f"{shape}.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")


def restyle_borders(src: Path, dst: Path, mode: str) -> Path:
    """Redraw every table's borders: "none" hides them, "hrules" keeps horizontal rules only,
    "white" draws them in white (invisible, but still rulings in the PDF)."""
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    d = docx.Document(str(src))
    for tbl in d.element.body.iter(qn("w:tbl")):
        for tag in ("w:tblBorders", "w:tcBorders"):
            for el in list(tbl.iter(qn(tag))):
                el.getparent().remove(el)
        tbl_pr = tbl.find(qn("w:tblPr"))
        style = tbl_pr.find(qn("w:tblStyle"))
        if style is not None:
            tbl_pr.remove(style)  # a table style would draw its own borders
        borders = etree.SubElement(tbl_pr, qn("w:tblBorders"))
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = etree.SubElement(borders, qn(f"w:{side}"))
            drawn = mode == "white" or (mode == "hrules" and side in ("top", "bottom", "insideH"))
            if drawn:
                el.set(qn("w:val"), "single")
                el.set(qn("w:sz"), "4")
                el.set(qn("w:color"), "FFFFFF" if mode == "white" else "000000")
            else:
                el.set(qn("w:val"), "nil")
    d.save(str(dst))
    return dst


def render_pdfs(docx_files: list[Path], out_dir: Path) -> dict[Path, Path]:
    """PDFs of the DOCX files (one LibreOffice run); skips the test when LibreOffice is absent."""
    from extractors.legacy.convert import convert_files, find_soffice

    if not find_soffice():
        pytest.skip("LibreOffice (soffice) is not installed: the PDF renderings cannot be made")
    return convert_files(docx_files, out_dir, target="pdf:writer_pdf_Export", ext=".pdf")
