"""The `paragraphs` table (issue #11 §2: the document's text, so nobody re-parses the files): one
row per paragraph or table row in reading order, numbered from 1, with its page (none in a DOCX,
which has no pages), the path of the section headings above it, its style and its text.

Headings per NĐ 30/2020/NĐ-CP Phụ lục I: parts and sections are numbered with roman numerals or
capital letters, articles with numbers; a numbered line counts as a heading only when it is set
bold (a numbered line of body text is not). A table row is one row, its cells joined by " | ".
The plan is built here with python-docx, and printed to PDF by LibreOffice for the PDF case."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.process import process_file
from tests.plan_builders import render_pdfs

BODY = [  # (section, style, text) of each row, in reading order; the page break is before "II."
    (None, "Normal", "KẾ HOẠCH"),
    (None, "Normal", "Cải cách hành chính năm 2026"),
    ("I", "Normal", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("I", "Normal", "Nâng cao chất lượng giải quyết thủ tục hành chính."),
    ("I.1", "Normal", "1. Mục đích"),
    ("I.1", "List Bullet", "- Bảo đảm công khai, minh bạch."),
    ("I.1", "Normal", "2. Dòng đánh số không in đậm không phải đề mục"),
    ("II", "Normal", "II. NHIỆM VỤ"),
    ("II", "table_row", "STT | Nội dung | Đơn vị chủ trì"),
    ("II", "table_row", "1 | Rà soát quy trình nội bộ | Văn phòng Sở"),
    ("II", "Normal", "Trên đây là Kế hoạch triển khai của đơn vị."),
]
BOLD = {"I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "II. NHIỆM VỤ"}
PAGE_TWO_FROM = 7  # 0-based index of "II. NHIỆM VỤ", the first row after the page break


def _plan(path: Path) -> Path:
    import docx
    from docx.enum.text import WD_BREAK

    doc = docx.Document()
    for section, style, text in BODY:
        if style == "table_row":
            continue
        if text.startswith("II."):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if style == "List Bullet":
            doc.add_paragraph(text.removeprefix("- "), style="List Bullet")  # the bullet is Word's numbering
        elif text in BOLD:
            doc.add_paragraph().add_run(text).bold = True
        else:
            doc.add_paragraph(text)
        if text.startswith("II."):
            table = doc.add_table(rows=2, cols=3)
            table.style = "Table Grid"
            for r, (_, _, row) in enumerate(b for b in BODY if b[1] == "table_row"):
                for c, cell in enumerate(row.split(" | ")):
                    table.cell(r, c).text = cell
    doc.save(path)
    return path


def _rows(path: Path) -> list[tuple]:
    result = process_file(path, path.parent)
    assert not [e for e in result.errors if e["severity"] == "error"]
    return [
        (r["doc_id"], r["para_seq"], r["page_start"], r["page_end"], r["section"], r["style"], r["text"])
        for r in result.rows["paragraphs"]
    ]


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    return _plan(tmp_path_factory.mktemp("paragraphs") / "ke-hoach.docx")


def test_docx_paragraph_rows(plan):
    expected = [
        ("ke-hoach.docx", seq, None, None, section, style, text)
        for seq, (section, style, text) in enumerate(BODY, start=1)
    ]
    assert _rows(plan) == expected


def test_pdf_paragraph_rows_carry_their_pages(plan, tmp_path):
    pdf = render_pdfs([plan], tmp_path)[plan]
    expected = [
        ("ke-hoach.pdf", seq, page, page, section, "table_row" if style == "table_row" else None, text)
        for seq, (section, style, text) in enumerate(BODY, start=1)
        for page in [1 if seq <= PAGE_TWO_FROM else 2]
    ]
    assert _rows(pdf) == expected
