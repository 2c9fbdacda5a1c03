"""DOCX backend: the corpus documents against their gold answers, and small synthetic DOCX files
(built here from WordprocessingML) for the cases the corpus does not cover."""
from __future__ import annotations

import time
import unicodedata
import zipfile
from pathlib import Path

import pytest

from conftest import corpus_file, gold
from extractors import extract as extract_any
from extractors.docx_backend import extract
from extractors.model import ExtractionError, Paragraph, Table

# ---------------------------------------------------------------------------------------------
# helpers


def task_table(doc, min_cols=4) -> Table:
    """The biggest body table (the appendix task table)."""
    tables = [t for t in doc.tables() if t.depth == 0 and t.n_cols >= min_cols]
    return max(tables, key=lambda t: len(t.rows))


def body_rows(table: Table):
    return [r for r in table.rows if not r.is_header]


def cell_grid(row) -> list:
    """The row's cells by grid column (a spanning cell at its first column, None after)."""
    out = []
    for cell in row.cells:
        out.append(cell)
        out.extend([None] * (cell.col_span - 1))
    return out


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = (f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"')


def make_docx(path: Path, body: str, numbering: str | None = None, styles: str | None = None) -> Path:
    """A minimal DOCX whose body is `body` (WordprocessingML, the w: prefix bound)."""
    rels = ['<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/styles" Target="styles.xml"/>']
    types = ['<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.wordprocessingml.document.main+xml"/>',
             '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.wordprocessingml.styles+xml"/>']
    if numbering is not None:
        rels.append('<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/'
                    '2006/relationships/numbering" Target="numbering.xml"/>')
        types.append('<Override PartName="/word/numbering.xml" ContentType="application/vnd.'
                     'openxmlformats-officedocument.wordprocessingml.numbering+xml"/>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                    + "".join(types) + "</Types>")
        zf.writestr("_rels/.rels",
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        zf.writestr("word/_rels/document.xml.rels",
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    + "".join(rels) + "</Relationships>")
        zf.writestr("word/document.xml",
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_NS}>'
                    f"<w:body>{body}</w:body></w:document>")
        zf.writestr("word/styles.xml",
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {_NS}>'
                    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
                    "</w:style>" + (styles or "") + "</w:styles>")
        if numbering is not None:
            zf.writestr("word/numbering.xml",
                        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {_NS}>'
                        f"{numbering}</w:numbering>")
    return path


def p(text: str = "", ppr: str = "", rpr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def num_p(text: str, num_id: int, ilvl: int = 0) -> str:
    return p(text, f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')


def tc(content: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{content}</w:tc>"


def tr(*cells: str, trpr: str = "") -> str:
    return f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(n_cols: int, *rows: str) -> str:
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(n_cols))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}<w:pPr><w:ind w:left="{720 * (ilvl + 1)}"/></w:pPr></w:lvl>')


# ---------------------------------------------------------------------------------------------
# corpus: 2025 KSTTHC plan


@pytest.fixture(scope="module")
def doc2025():
    return extract(corpus_file("2025-kh-kstthc-skhcn.docx"))


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
    assert [r.cells[0].text for r in sections] == ["A", "B", "I", "II", "III", "C", "I", "II", "III",
                                                   "IV", "V", "VI", "VII", "D", "Đ"]
    assert all(len(r.cells) == 2 and r.cells[1].col_span == 4 for r in sections)


def test_2025_cells_match_gold_fields(doc2025):
    g = gold("2025-kh-kstthc-skhcn")
    rows = {r.cells[0].text: r for r in body_rows(task_table(doc2025)) if r.cells[0].text.isdigit()}
    for task in g["tasks"]:
        cells = rows[task["stt"]].cells
        assert [c.text for c in cells[1:]] == [task["content"], task["result"], task["units"],
                                               task["timing"]], task["stt"]


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


def test_2025_row13_is_nfc(doc2025):
    rows = {r.cells[0].text: r for r in body_rows(task_table(doc2025))}
    text = " ".join(rows["13"].texts)
    assert text == unicodedata.normalize("NFC", text)
    assert all(t == unicodedata.normalize("NFC", t) for t in (b.text for b in doc2025.paragraphs()))


def test_2025_kpi_table_present(doc2025):
    g = gold("2025-kh-kstthc-skhcn")
    kpi = [t for t in doc2025.tables() if t.rows and t.rows[0].cells[1].text == "Nội dung chỉ tiêu"]
    assert len(kpi) == 1
    rows = body_rows(kpi[0])
    assert [r.cells[0].text for r in rows] == [k["stt"] for k in g["kpis"]]
    assert [r.cells[3].text for r in rows] == [k["target"] for k in g["kpis"]]
    assert [r.cells[1].text for r in rows] == [k["indicator"] for k in g["kpis"]]


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
            task["content"], task["result"], task["units"], task["timing"]]


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
        assert [c.text for c in row.cells[1:]] == [task["content"], task["lead"], task["support"],
                                                  task["timing"]]
    assert next(tasks, None) is None


@pytest.mark.parametrize("name", ["2022-kh-cchc-skhcn.docx", "2023-cv-vpubnd-de-xuat-cchc-2024.docx",
                                  "2023-kh-kstthc-skhcn.docx", "2024-kh-truyenthong-skhcn.docx",
                                  "2025-kh-kstthc-skhcn.docx"])
def test_seed_docs_parse_fast_and_clean(name):
    path = corpus_file(name)
    extract(path)  # warm up imports
    start = time.perf_counter()
    doc = extract(path)
    assert time.perf_counter() - start < 0.5
    assert doc.file_format == "docx" and doc.blocks
    text = doc.text()
    assert "\u00ad" not in text and "\u200b" not in text
    assert text == unicodedata.normalize("NFC", text)
    assert all(p.page is None for p in doc.paragraphs())


def test_prose_cv_items_keep_their_typed_numbers():
    doc = extract(corpus_file("2023-cv-vpubnd-de-xuat-cchc-2024.docx"))
    texts = [p.label_and_text for p in doc.paragraphs()]
    assert any(t.startswith("1.") for t in texts) and any(t.startswith("16.") for t in texts)


# ---------------------------------------------------------------------------------------------
# corpus: Lâm Đồng (auto-numbering not in the text)


def test_lamdong_auto_numbering_labels():
    doc = extract(corpus_file("lamdong-kh-cchc-2026.docx"))
    labelled = [(p.list_label, p.text) for p in doc.paragraphs() if p.list_label]
    assert [label for label, _ in labelled[:7]] == ["1.", "2.", "3.", "4.", "5.", "6.", "7."]
    assert labelled[0][1] == "Cải cách thể chế"
    assert labelled[6][1] == "Công tác chỉ đạo, điều hành"
    # "II. TỔ CHỨC THỰC HIỆN": 1. a) b) c), then 2. a) b) — a new list restarts at a)
    assert [label for label, _ in labelled[7:]] == ["a)", "b)", "c)", "a)", "b)"]
    assert "1. Cải cách thể chế" in doc.text()


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
        [t["stt"], t["content"], t["units"], t["timing"]] for t in g["tasks"]]


# ---------------------------------------------------------------------------------------------
# errors and edge cases


def test_not_a_zip_is_corrupt_docx(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"this is not a zip file at all" * 10)
    with pytest.raises(ExtractionError) as err:
        extract(bad)
    assert err.value.code == "corrupt_docx" and "bad.docx" in err.value.message


def test_truncated_zip_is_corrupt_docx(tmp_path):
    good = make_docx(tmp_path / "good.docx", p("Xin chào"))
    bad = tmp_path / "truncated.docx"
    bad.write_bytes(good.read_bytes()[:200])
    with pytest.raises(ExtractionError) as err:
        extract_any(bad)  # sniffed as a zip/docx, then refused by the backend
    assert err.value.code == "corrupt_docx"


def test_zip_without_word_part_is_corrupt_docx(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ExtractionError) as err:
        extract(path)
    assert err.value.code == "corrupt_docx"


def test_broken_xml_is_corrupt_docx(tmp_path):
    path = make_docx(tmp_path / "x.docx", "<w:p><w:r><w:t>unclosed")
    with pytest.raises(ExtractionError) as err:
        extract(path)
    assert err.value.code == "corrupt_docx"
    assert "x.docx" in err.value.message and len(err.value.message) < 500


def test_macro_enabled_main_part_is_read(tmp_path):
    src = make_docx(tmp_path / "a.docx", p("Có macro"))
    dst = tmp_path / "a.docm"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                                    b"application/vnd.ms-word.document.macroEnabled.main+xml")
            zout.writestr(item, data)
    assert [b.text for b in extract(dst).paragraphs()] == ["Có macro"]


def test_empty_body_gives_no_blocks(tmp_path):
    doc = extract(make_docx(tmp_path / "empty.docx", '<w:p/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'))
    assert doc.blocks == [] and doc.file_format == "docx"


def test_dispatch_through_extractors(tmp_path):
    doc = extract_any(make_docx(tmp_path / "a.docx", p("Một")))
    assert [b.text for b in doc.paragraphs()] == ["Một"]


# ---------------------------------------------------------------------------------------------
# paragraph text


def test_runs_tabs_breaks_hidden_chars_and_fields(tmp_path):
    body = ("<w:p><w:r><w:t>Căn</w:t></w:r><w:r><w:t xml:space=\"preserve\"> cứ</w:t></w:r>"
            "<w:r><w:tab/><w:t>Luật</w:t><w:br/><w:t>dòng\u00ad hai\u200b</w:t></w:r>"
            # a complex field: the instruction never shows, the result does
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
            "<w:r><w:instrText xml:space=\"preserve\"> PAGE \\* MERGEFORMAT </w:instrText></w:r>"
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t xml:space=\"preserve\"> 7</w:t></w:r>"
            "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
            "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t xml:space=\"preserve\"> /9</w:t></w:r></w:fldSimple>"
            "<w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>xoá</w:delText></w:r></w:del>"
            "<w:ins w:id=\"2\" w:author=\"x\"><w:r><w:t xml:space=\"preserve\"> thêm</w:t></w:r></w:ins>"
            "<w:hyperlink r:id=\"rIdX\"><w:r><w:t xml:space=\"preserve\"> liên kết</w:t></w:r></w:hyperlink>"
            "</w:p>")
    doc = extract(make_docx(tmp_path / "t.docx", body))
    [para] = list(doc.paragraphs())
    assert para.text == "Căn cứ Luật\ndòng hai 7 /9 thêm liên kết"
    assert "PAGE" not in doc.text() and "MERGEFORMAT" not in doc.text() and "xoá" not in doc.text()


def test_nfc_of_decomposed_text(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Thủ tục hành chính")
    doc = extract(make_docx(tmp_path / "n.docx", p(decomposed)))
    assert next(doc.paragraphs()).text == "Thủ tục hành chính"


def test_bold_italic_with_style_inheritance(tmp_path):
    styles = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
              '<w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:ind w:left="400"/></w:pPr>'
              '<w:rPr><w:b/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="Sub heading"/>'
              '<w:basedOn w:val="Heading1"/><w:rPr><w:i/></w:rPr></w:style>'
              '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>')
    body = (p("Tiêu đề", '<w:pStyle w:val="Heading1"/>')
            + p("Kế thừa", '<w:pStyle w:val="Sub"/>')
            + p("Bỏ đậm", '<w:pStyle w:val="Heading1"/><w:jc w:val="right"/>', '<w:b w:val="0"/>')
            + '<w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Phần lớn đậm là ở đây</w:t></w:r>'
              '<w:r><w:t xml:space="preserve"> x</w:t></w:r></w:p>'
            + '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Một nửa</w:t></w:r><w:r><w:t xml:space="preserve"> nửa kia</w:t></w:r></w:p>')
    paras = list(extract(make_docx(tmp_path / "s.docx", body, styles=styles)).paragraphs())
    assert (paras[0].bold, paras[0].italic, paras[0].alignment, paras[0].indent, paras[0].style) == \
        (True, False, "center", 20.0, "heading 1")
    assert (paras[1].bold, paras[1].italic, paras[1].alignment, paras[1].style) == (True, True, "center", "Sub heading")
    assert (paras[2].bold, paras[2].alignment) == (False, "right")
    assert paras[3].bold  # 17 of 18 visible characters bold: "nearly all"
    assert not paras[4].bold


def test_text_boxes_are_not_lost(tmp_path):
    box = ('<w:txbxContent><w:p><w:r><w:t>Trong hộp</w:t></w:r></w:p></w:txbxContent>')
    body = ('<w:p><w:r><w:t>Neo</w:t></w:r><w:r><mc:AlternateContent>'
            f'<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{box}'
            '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r></w:p>' + p("Sau"))
    doc = extract(make_docx(tmp_path / "b.docx", body))
    assert [b.text for b in doc.paragraphs()] == ["Neo", "Trong hộp", "Sau"]  # once, in place


def test_content_controls_unwrapped(tmp_path):
    body = f"<w:sdt><w:sdtPr/><w:sdtContent>{p('Trong điều khiển')}</w:sdtContent></w:sdt>" + p("Ngoài")
    doc = extract(make_docx(tmp_path / "c.docx", body))
    assert [b.text for b in doc.paragraphs()] == ["Trong điều khiển", "Ngoài"]


# ---------------------------------------------------------------------------------------------
# numbering


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    + level(0, "upperRoman", "%1.") + level(1, "decimal", "%2.") + level(2, "lowerLetter", "%3)")
    + level(3, "decimal", "%2.%4") + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1">' + level(0, "bullet", "\uf0b7") + level(1, "bullet", "-")
    + level(2, "bullet", "•") + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="2">' + level(0, "decimal", "%1)", start=5)
    + level(1, "lowerRoman", "(%2)") + level(2, "upperLetter", "%3.") + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="3">' + level(0, "decimal", "Điều %1.") + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    # same abstract as 3 and no override: continues numId 3's count
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
    # same abstract with a startOverride: restarts
    '<w:num w:numId="5"><w:abstractNumId w:val="2"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="6"><w:abstractNumId w:val="3"/></w:num>'
)


def test_numbering_formats_levels_and_restarts(tmp_path):
    body = (num_p("Một", 1) + num_p("một", 1, 1) + num_p("hai", 1, 1) + num_p("a", 1, 2) + num_p("b", 1, 2)
            + num_p("ba", 1, 1) + num_p("con", 1, 2) + num_p("lẻ", 1, 3) + num_p("Hai", 1) + num_p("một lại", 1, 1)
            + p("") + num_p("", 1, 1)  # empty numbered paragraph: dropped, but it counts
            + num_p("ba lại", 1, 1))
    paras = list(extract(make_docx(tmp_path / "n.docx", body, numbering=NUMBERING)).paragraphs())
    assert [(x.list_label, x.text) for x in paras] == [
        ("I.", "Một"), ("1.", "một"), ("2.", "hai"), ("a)", "a"), ("b)", "b"), ("3.", "ba"), ("a)", "con"),
        ("3.1", "lẻ"), ("II.", "Hai"), ("1.", "một lại"), ("3.", "ba lại")]
    assert paras[0].indent == 36.0 and paras[1].indent == 72.0  # from the numbering level
    assert paras[0].label_and_text == "I. Một"


def test_numbering_bullets_start_override_and_shared_abstract(tmp_path):
    body = (num_p("chấm", 2) + num_p("gạch", 2, 1) + num_p("tròn", 2, 2)
            + num_p("năm", 3) + num_p("i", 3, 1) + num_p("ii", 3, 1) + num_p("A", 3, 2)
            + num_p("sáu", 3) + num_p("bảy", 4)  # numId 4 continues numId 3 (same abstractNum)
            + num_p("lại một", 5) + num_p("lại hai", 5)  # numId 5 restarts (startOverride 1)
            + num_p("điều", 6) + num_p("không", 0) + num_p("điều hai", 6))
    paras = list(extract(make_docx(tmp_path / "b.docx", body, numbering=NUMBERING)).paragraphs())
    assert [x.list_label for x in paras] == ["-", "-", "•", "5)", "(i)", "(ii)", "A.", "6)", "7)",
                                             "1)", "2)", "Điều 1.", None, "Điều 2."]


def test_style_based_numbering(tmp_path):
    styles = ('<w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Muc"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Muc2"><w:name w:val="Muc 2"/>'
              '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
    body = (p("Thứ nhất", '<w:pStyle w:val="Muc"/>') + p("con", '<w:pStyle w:val="Muc2"/>')
            + p("Thứ hai", '<w:pStyle w:val="Muc"/>')
            + p("Không số", '<w:pStyle w:val="Muc"/><w:numPr><w:numId w:val="0"/></w:numPr>'))
    paras = list(extract(make_docx(tmp_path / "s.docx", body, numbering=NUMBERING, styles=styles)).paragraphs())
    assert [x.list_label for x in paras] == ["I.", "1.", "II.", None]


def test_numbered_paragraphs_in_cells_get_their_label(tmp_path):
    body = tbl(2, tr(tc(p("STT")), tc(p("Nội dung"))),
               tr(tc(num_p("", 3)), tc(num_p("việc a", 1, 2) + num_p("việc b", 1, 2) + p(""))))
    table = next(extract(make_docx(tmp_path / "c.docx", body, numbering=NUMBERING)).tables())
    assert table.rows[1].cells[0].lines == []  # the number alone, no text: nothing to keep
    assert table.rows[1].cells[1].lines == ["a) việc a", "b) việc b"]


# ---------------------------------------------------------------------------------------------
# tables


def test_grid_span_vmerge_and_header_rows(tmp_path):
    hdr = '<w:tblHeader/>'
    body = tbl(4,
               tr(tc(p("STT")), tc(p("Nội dung")), tc(p("Đơn vị")), tc(p("Thời gian")), trpr=hdr),
               tr(tc(p("I")), tc(p("Mục một"), '<w:gridSpan w:val="3"/>')),
               tr(tc(p("1")), tc(p("Việc 1")), tc(p("Văn phòng") + p("- phối hợp"), '<w:vMerge w:val="restart"/>'),
                  tc(p("Quý I"))),
               tr(tc(p("2")), tc(p("Việc 2")), tc(p(""), "<w:vMerge/>"), tc(p("Quý II"))),
               tr(tc(p("3")), tc(p("Việc 3")), tc(p(""), '<w:vMerge w:val="continue"/>'), tc(p("Quý III"))),
               # the header repeated by hand inside the body: dropped
               tr(tc(p("STT")), tc(p("Nội dung")), tc(p("Đơn vị")), tc(p("Thời gian"))),
               tr(tc(p("4")), tc(p("Việc 4")), tc(p("Khác")), tc(p("Quý IV"))),
               # a continuation with nothing open above it is an ordinary (empty) cell
               tr(tc(p("5")), tc(p("Việc 5")), tc(p(""), "<w:vMerge/>"), tc(p("Quý IV"))))
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
    body = tbl(3, tr(tc(p("a")), tc(p("b")), tc(p("c"))),
               tr(tc(p("x")), trpr='<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>'),
               tr(tc(p("y"))))
    [table] = list(extract(make_docx(tmp_path / "g.docx", body)).tables())
    assert table.grid() == [["a", "b", "c"], ["", "x", ""], ["y", "", ""]]
    assert all(sum(c.col_span for c in r.cells) == 3 for r in table.rows)


def test_nested_table_text_in_cell_and_own_block(tmp_path):
    inner = tbl(3, tr(tc(p("a) Kế hoạch")), tc(p("Văn phòng")), tc(p("Quý III"))),
                tr(tc(p("b) Văn bản")), tc(p("Phòng A")), tc(p("Thường xuyên"))))
    body = (tbl(2, tr(tc(p("1")), tc(p("Việc lớn") + inner + p("Ghi chú"))),
                tr(tc(p("2")), tc(p("Việc nhỏ"))))
            + p("Sau bảng"))
    doc = extract(make_docx(tmp_path / "n.docx", body))
    kinds = [(type(b).__name__, getattr(b, "depth", None)) for b in doc.blocks]
    assert kinds == [("Table", 0), ("Table", 1), ("Paragraph", None)]
    outer, nested = doc.blocks[0], doc.blocks[1]
    assert outer.rows[0].cells[1].lines == ["Việc lớn", "a) Kế hoạch | Văn phòng | Quý III",
                                            "b) Văn bản | Phòng A | Thường xuyên", "Ghi chú"]
    assert nested.n_cols == 3 and nested.grid()[1] == ["b) Văn bản", "Phòng A", "Thường xuyên"]


def test_rows_in_content_controls_and_deleted_rows(tmp_path):
    body = tbl(2, tr(tc(p("h1")), tc(p("h2"))),
               f"<w:sdt><w:sdtContent>{tr(tc(p('r1')), tc(p('r2')))}</w:sdtContent></w:sdt>",
               tr(tc(p("xoá")), tc(p("xoá")), trpr='<w:del w:id="3" w:author="x"/>'))
    [table] = list(extract(make_docx(tmp_path / "s.docx", body)).tables())
    assert table.grid() == [["h1", "h2"], ["r1", "r2"]]
