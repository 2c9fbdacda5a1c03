"""A task comparison as a Word document in the layout offices use for a "bảng so sánh":

    STT | Nội dung năm trước | Nội dung năm nay | Thay đổi

A4 landscape, Times New Roman 13 (NĐ 30/2020/NĐ-CP, Phụ lục I), the header row repeated on every
page, one row per task pair, added or removed task, in the new plan's order. Inside a changed row
the words that differ are bold (deleted ones struck through on the old side).
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Sequence

from pipeline.diff.report import STATUS_LABELS, fields_label
from pipeline.export import atomic_output
from pipeline.export.sheets import diff_order

HEADERS = ("STT", "Nội dung năm trước", "Nội dung năm nay", "Thay đổi")
WIDTHS_CM = (1.3, 11.0, 11.0, 3.4)
_WORDS = re.compile(r"\s+|[^\s]+")


def _side_text(row: dict, side: str) -> list[tuple[str, str]]:
    """(label, text) lines of one side of a row: the task, then its result, units and timing."""
    lines = []
    stt = row.get(f"{side}_stt")
    content = row.get(f"{side}_content") or ""
    if content:
        lines.append(("", f"{stt}. {content}" if stt else content))
    for field, label in (("result", "Kết quả"), ("units", "Đơn vị"), ("timing", "Thời gian")):
        if row.get(f"{side}_{field}"):
            lines.append((label, row[f"{side}_{field}"]))
    return lines


def _marked_words(old: str, new: str) -> tuple[set[int], set[int]]:
    """Indices of the word tokens that differ between old and new (case ignored)."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    sm = difflib.SequenceMatcher(None, [t.casefold() for t in a], [t.casefold() for t in b], autojunk=False)
    a_mark, b_mark = set(), set()
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            a_mark.update(i for i in range(i1, i2) if not a[i].isspace())
            b_mark.update(j for j in range(j1, j2) if not b[j].isspace())
    return a_mark, b_mark


def _fill_side(cell, lines: list[tuple[str, str]], other: list[tuple[str, str]], mark: bool, old_side: bool) -> None:
    cell.text = ""
    first = True
    others = dict(other)
    for label, text in lines:
        para = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if label:
            para.add_run(f"{label}: ").italic = True
        if not mark or label not in others:
            para.add_run(text)
            continue
        a_mark, b_mark = _marked_words(text, others[label]) if old_side else _marked_words(others[label], text)
        marked = a_mark if old_side else b_mark
        for i, token in enumerate(_WORDS.findall(text)):
            run = para.add_run(token)
            if i in marked:
                run.bold = True
                run.font.strike = old_side


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def write_diff_docx(
    rows: Sequence[dict], path: str | Path, old_label: str | None = None, new_label: str | None = None
) -> Path:
    """The comparison table of a diff (rows of task_diffs) as a .docx; returns the path written."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    old_year = next((r.get("old_plan_year") for r in rows if r.get("old_plan_year")), None)
    new_year = next((r.get("new_plan_year") for r in rows if r.get("new_plan_year")), None)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "Times New Roman"
    )
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("BẢNG SO SÁNH NHIỆM VỤ").bold = True
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    old_text = old_label or (f"Năm {old_year}" if old_year else "Năm trước")
    new_text = new_label or (f"Năm {new_year}" if new_year else "Năm nay")
    sub.add_run(f"{old_text} → {new_text}").italic = True

    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text, width in zip(table.rows[0].cells, HEADERS, WIDTHS_CM):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.width = Cm(width)
    _repeat_header(table.rows[0])
    for i, r in enumerate(diff_order(rows), start=1):
        cells = table.add_row().cells
        for cell, width in zip(cells, WIDTHS_CM):
            cell.width = Cm(width)
        cells[0].text = str(i)
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        old, new = _side_text(r, "old"), _side_text(r, "new")
        mark = r.get("status") in ("modified", "split", "merged")
        _fill_side(cells[1], old, new, mark, old_side=True)
        _fill_side(cells[2], new, old, mark, old_side=False)
        status = STATUS_LABELS.get(r.get("status"), r.get("status") or "")
        cells[3].text = status[:1].upper() + status[1:]
        fields = fields_label(r, vietnamese=True)
        if fields and r.get("status") != "unchanged":
            cells[3].add_paragraph(fields).runs[0].italic = True
    path = Path(path)
    with atomic_output(path) as tmp:
        doc.save(str(tmp))
    return path
