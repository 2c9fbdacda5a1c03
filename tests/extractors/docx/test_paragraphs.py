"""DOCX paragraphs (extractors.docx.paragraphs): text as printed (runs, tabs, breaks, fields,
revisions, invisible characters, NFC), formatting and text boxes, on the corpus and synthetic files."""

from __future__ import annotations

import unicodedata

from extractors.docx.backend import extract
from extractors.model import Paragraph, Table
from tests.conftest import corpus_file
from tests.docx_builders import body_rows, doc2025, make_docx, p, task_table  # noqa: F401


# ---------------------------------------------------------------------------------------------
# corpus


def test_2025_row13_is_nfc(doc2025):
    rows = {r.cells[0].text: r for r in body_rows(task_table(doc2025))}
    text = " ".join(rows["13"].texts)
    assert text == unicodedata.normalize("NFC", text)
    assert all(t == unicodedata.normalize("NFC", t) for t in (b.text for b in doc2025.paragraphs()))


def test_2025_body_order_and_paragraph_format(doc2025):
    kinds = ["T" if isinstance(b, Table) else "P" for b in doc2025.blocks]
    assert kinds[0] == "T"  # the letterhead table comes first
    paras = list(doc2025.paragraphs())
    title = next(p for p in paras if p.text == "KẾ HOẠCH")
    assert title.bold and title.alignment == "center" and title.style == "Normal"
    assert any(p.italic and p.text.startswith("(Kèm theo Kế hoạch") for p in paras)
    # the appendix title comes before the task table, the KPI title before the KPI table
    texts = [b.text if isinstance(b, Paragraph) else f"<table {len(b.rows)}>" for b in doc2025.blocks]
    i_appendix = texts.index("PHỤ LỤC KẾ HOẠCH")
    assert texts[i_appendix + 3] == f"<table {len(task_table(doc2025).rows)}>"
    assert texts.index("Phụ lục") > i_appendix


def test_prose_cv_items_keep_their_typed_numbers():
    doc = extract(corpus_file("2023-cv-vpubnd-de-xuat-cchc-2024.docx"))
    texts = [p.label_and_text for p in doc.paragraphs()]
    assert any(t.startswith("1.") for t in texts) and any(t.startswith("16.") for t in texts)


# ---------------------------------------------------------------------------------------------
# paragraph text


def test_runs_tabs_breaks_hidden_chars_and_fields(tmp_path):
    body = (
        '<w:p><w:r><w:t>Căn</w:t></w:r><w:r><w:t xml:space="preserve"> cứ</w:t></w:r>'
        "<w:r><w:tab/><w:t>Luật</w:t><w:br/><w:t>dòng\u00ad hai\u200b</w:t></w:r>"
        # a complex field: the instruction never shows, the result does
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> 7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t xml:space="preserve"> /9</w:t></w:r></w:fldSimple>'
        '<w:del w:id="1" w:author="x"><w:r><w:delText>xoá</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve"> thêm</w:t></w:r></w:ins>'
        '<w:hyperlink r:id="rIdX"><w:r><w:t xml:space="preserve"> liên kết</w:t></w:r></w:hyperlink>'
        "</w:p>"
    )
    doc = extract(make_docx(tmp_path / "t.docx", body))
    [para] = list(doc.paragraphs())
    assert para.text == "Căn cứ Luật\ndòng hai 7 /9 thêm liên kết"
    assert "PAGE" not in doc.text() and "MERGEFORMAT" not in doc.text() and "xoá" not in doc.text()


def test_nfc_of_decomposed_text(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Thủ tục hành chính")
    doc = extract(make_docx(tmp_path / "n.docx", p(decomposed)))
    assert next(doc.paragraphs()).text == "Thủ tục hành chính"


def test_text_boxes_are_not_lost(tmp_path):
    box = "<w:txbxContent><w:p><w:r><w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent>"
    body = (
        "<w:p><w:r><w:t>Neo</w:t></w:r><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{box}'
        "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>" + p("Sau")
    )
    doc = extract(make_docx(tmp_path / "b.docx", body))
    assert [b.text for b in doc.paragraphs()] == ["Neo", "Trong hộp", "Sau"]  # once, in place
