"""Scanned task tables without rulings (extractors/ocr/aligned.py): a generated task table with
hidden borders, rendered by LibreOffice, rasterised into an image-only PDF and OCR'd; its columns
and rows come from the same alignment code as a text PDF's (extractors/pdf/aligned.py)."""

from __future__ import annotations

from extractors.model import Document, Table
from pipeline.evaluate import score_tasks
from pipeline.stages.tasks.tables import tasks_from_tables
from tests.extractors.ocr.test_backend import _scan_of, needs_tesseract
from tests.plan_builders import gold_for, render_pdfs, table_page_docx


@needs_tesseract
def test_borderless_table_scan_is_read_by_alignment(tmp_path):
    from extractors.ocr.backend import extract

    docx = table_page_docx(tmp_path / "table.docx", borders="none", n_sections=1)
    pdf = render_pdfs([docx], tmp_path)[docx]
    doc = extract(_scan_of(pdf, [1], tmp_path / "table.scan.pdf", angle=0.0))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and tables[0].n_cols == 6 and tables[0].hidden_merges
    rows = tasks_from_tables(Document(source_file="x.pdf", file_format="pdf-ocr", blocks=doc.blocks))
    want = [t for t in gold_for("ruled", "x.pdf")["tasks"] if t["section"] == "I"]
    assert [(r.section, r.stt) for r in rows] == [(t["section"], t["stt"]) for t in want]
    res = score_tasks(want, [r.__dict__ for r in rows])
    assert res["tp"] == len(want), res
    # OCR misreads a letter here and there ("Quý 1/2026" for "Quý II/2026"): most fields match whole
    assert res["fields_ok"] >= 0.8 * res["fields"], res
