"""PDF backend (text layer) against the gold answers and the DOCX twins, plus damaged, encrypted
and scanned input (the PDFs for those are written here by hand)."""

from __future__ import annotations

import hashlib
import struct
import sys
import types
import unicodedata
from difflib import SequenceMatcher

import pytest

from extractors import extract as extract_any
from extractors.model import ExtractionError, Paragraph, Table
from extractors.pdf.backend import extract
from tests.extractors.pdf.made_pdfs import pdf_file
from tests.conftest import corpus_file, gold

# task table columns of each document, as the gold names the fields
COLUMNS = {
    "2023-kh-kstthc-skhcn": ["stt", "content", "result", "units", "timing"],
    "2025-kh-kstthc-skhcn": ["stt", "content", "result", "units", "timing"],
    "2024-kh-truyenthong-skhcn": ["stt", "content", "lead", "support", "timing"],
    "lamdong-kh-cchc-2026": ["stt", "content", "result", "timing", "lead", "support", "monitor"],
    "lamdong-kh-tuyentruyen-cchc-2026": ["stt", "content", "units", "timing"],
}
_cache: dict = {}


def pdf_doc(doc_id: str):
    if doc_id not in _cache:
        _cache[doc_id] = extract(corpus_file(f"{doc_id}.pdf"))
    return _cache[doc_id]


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def task_rows(doc, n_cols: int):
    """Data rows of the document's task table(s): not headers, not section rows, numbered."""
    return [
        r
        for t in doc.tables()
        if t.n_cols == n_cols
        for r in t.rows
        if not r.is_header and r.cells[0].text.strip().isdigit()
    ]


def expand(row, n_cols: int) -> list[str]:
    """One text per grid column (a horizontally merged cell's text in its first column)."""
    out: list[str] = []
    for c in row.cells:
        out.extend([c.text] + [""] * (c.col_span - 1))
    return out[:n_cols]


@pytest.mark.parametrize("doc_id", ["2023-kh-kstthc-skhcn", "2025-kh-kstthc-skhcn", "2024-kh-truyenthong-skhcn"])
def test_one_logical_task_table_matches_gold(doc_id):
    g = gold(doc_id)
    doc = pdf_doc(doc_id)
    cols = COLUMNS[doc_id]
    task_tables = [
        t
        for t in doc.tables()
        if t.n_cols == len(cols) and any(norm(r.cells[1].text) == norm(g["tasks"][0]["content"]) for r in t.rows)
    ]
    assert len(task_tables) == 1  # stitched over all its pages
    table = task_tables[0]
    assert table.page_end > table.page_start
    rows = [r for r in table.rows if not r.is_header and r.cells[0].text.strip().isdigit()]
    assert [norm(r.cells[0].text) for r in rows] == [t["stt"] for t in g["tasks"]]  # none split, none doubled
    for task, row in zip(g["tasks"], rows):
        cells = expand(row, len(cols))
        for col, field in enumerate(cols):
            assert norm(cells[col]) == norm(task.get(field, "")), (task["stt"], field)
    # the header once, at the top, marked; no repeated header among the body rows
    assert table.rows[0].is_header and not any(r.is_header for r in table.rows[1:])
    header = norm(table.rows[0].cells[1].text)
    assert sum(norm(r.cells[1].text) == header for r in table.rows) == 1


def test_cell_lines_are_the_printed_lines_of_gold():
    """Wrapped lines are joined, the author's lines kept: the cell text equals gold's exactly."""
    g = gold("2025-kh-kstthc-skhcn")
    rows = task_rows(pdf_doc("2025-kh-kstthc-skhcn"), 5)
    by_stt = {r.cells[0].text: r for r in rows[:38]}
    for stt in ("1", "5", "12", "18", "38"):
        task = next(t for t in g["tasks"] if t["stt"] == stt)
        row = by_stt[stt]
        assert [c.text for c in row.cells[1:]] == [task["content"], task["result"], task["units"], task["timing"]]


def test_vertical_merges_2025_rows_8_to_12_and_21_22():
    rows = {r.cells[0].text: r for r in task_rows(pdf_doc("2025-kh-kstthc-skhcn"), 5)[:38]}
    units = [rows[s].cells[3] for s in ("8", "9", "10", "11", "12")]
    assert units[0].row_span == 5 and not units[0].merged
    assert all(c.merged and c.lines == units[0].lines for c in units[1:])
    assert units[0].text.startswith("- Các phòng, đơn vị được giao chủ trì thực hiện.")
    timing = [rows[s].cells[4] for s in ("8", "9", "10")]
    assert timing[0].row_span == 2 and timing[1].merged and timing[1].text == "Theo lộ trình Kế hoạch"
    assert not timing[2].merged
    for col in (3, 4):
        assert rows["21"].cells[col].row_span == 2 and rows["22"].cells[col].merged
        assert rows["22"].cells[col].text == rows["21"].cells[col].text
    # rows 10 and 22 are broken by a page break: re-joined, with the page they end on
    assert (rows["10"].page, rows["10"].page_end) == (5, 6)
    assert rows["10"].cells[4].text == "Theo yêu cầu của Bộ, ngành, Chủ tịch Ủy ban nhân dân tỉnh"
    assert (rows["22"].page, rows["22"].page_end) == (8, 9)
    assert rows["23"].cells[4].text == "" and not rows["23"].cells[4].merged


def test_nfc_text_row_13_and_everywhere():
    doc = pdf_doc("2025-kh-kstthc-skhcn")
    row13 = next(r for r in task_rows(doc, 5) if r.cells[0].text == "13")
    assert "Sở KH&CN (trường hợp được giao" in row13.cells[1].text
    assert all(
        unicodedata.is_normalized("NFC", line)
        for t in doc.tables()
        for r in t.rows
        for c in r.cells
        for line in c.lines
    )
    assert all(unicodedata.is_normalized("NFC", p.text) for p in doc.paragraphs())


def test_section_rows_span_the_table_once():
    doc = pdf_doc("2023-kh-kstthc-skhcn")
    table = max(doc.tables(), key=lambda t: len(t.rows))
    sections = [r for r in table.rows if len(r.cells) == 2]
    assert [r.cells[0].text for r in sections] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
    assert all(r.cells[1].col_span == 4 for r in sections)


@pytest.mark.parametrize("doc_id", ["lamdong-kh-cchc-2026", "lamdong-kh-tuyentruyen-cchc-2026"])
def test_lamdong_task_rows_match_gold(doc_id):
    g = gold(doc_id)
    doc = pdf_doc(doc_id)
    cols = COLUMNS[doc_id]
    rows = [expand(r, len(cols)) for r in task_rows(doc, len(cols))]
    unmatched = list(rows)
    for task in g["tasks"]:
        match = next(
            (r for r in unmatched if all(norm(r[i]) == norm(task.get(f) or "") for i, f in enumerate(cols))), None
        )
        assert match is not None, (task["stt"], task["content"][:60])
        unmatched.remove(match)


def test_lamdong_sub_rows_split_by_a_page_break_keep_their_merged_stt():
    rows = task_rows(pdf_doc("lamdong-kh-cchc-2026"), 7)
    fives = [
        r
        for r in rows
        if r.cells[0].text == "5" and "chỉ số cải cách hành chính hằng tháng của các sở" in r.cells[1].text
    ]
    assert len(fives) == 2 and fives[1].cells[0].merged and fives[1].cells[1].merged
    assert fives[1].cells[2].text.startswith("Kết quả công bố chỉ số")


# --------------------------------------------------------------------------- paragraphs


def _docx_paragraphs(doc_id):
    from extractors.docx.backend import extract as extract_docx

    return extract_docx(corpus_file(f"{doc_id}.docx"))


@pytest.mark.parametrize(
    "doc_id", ["2022-kh-cchc-skhcn", "2023-cv-vpubnd-de-xuat-cchc-2024", "2025-kh-kstthc-skhcn", "lamdong-kh-cchc-2026"]
)
def test_paragraphs_match_the_docx_twin(doc_id):
    docx = _docx_paragraphs(doc_id)
    expected = [p.label_and_text for p in docx.paragraphs()]
    pdf_paras = list(pdf_doc(doc_id).paragraphs())
    got = [p.text for p in pdf_paras]
    sm = SequenceMatcher(a=expected, b=got, autojunk=False)
    assert sum(b.size for b in sm.get_matching_blocks()) == len(expected)  # every DOCX paragraph, in order
    # ... with the same format
    pairs = [
        (list(docx.paragraphs())[b.a + k], pdf_paras[b.b + k]) for b in sm.get_matching_blocks() for k in range(b.size)
    ]
    assert [(d.bold, d.italic, d.alignment) for d, _ in pairs] == [(p.bold, p.italic, p.alignment) for _, p in pairs]
    # what the PDF has on top are lines the DOCX keeps in a (borderless) table cell
    cell_lines = {ln for t in docx.tables() for r in t.rows for c in r.cells for ln in c.lines}
    extra = [t for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal" for t in got[j1:j2]]
    assert all(t in cell_lines for t in extra), extra


def test_paragraph_format_and_page_furniture():
    doc = pdf_doc("2025-kh-kstthc-skhcn")
    paras = list(doc.paragraphs())
    title = next(p for p in paras if p.text == "KẾ HOẠCH")
    assert title.bold and title.alignment == "center" and title.page == 1 and title.bbox is not None
    body = next(p for p in paras if p.text.startswith("Căn cứ Quyết định số 526/QĐ-UBND"))
    assert not body.bold and body.alignment == "justify"
    # a paragraph broken by the page break is one paragraph, on the page it starts
    last = next(p for p in paras if p.text.startswith("Có trách nhiệm tham mưu Giám đốc Sở"))
    assert last.page == 2 and last.text.endswith("đúng thời gian quy định.")
    # page-number headers are gone
    assert not any(p.text.strip().isdigit() for p in paras)
    assert not any(
        r.cells[0].text in {str(n) for n in range(2, 16)} and len(r.cells) == 1 for t in doc.tables() for r in t.rows
    )


def test_header_and_signature_blocks_are_borderless_tables_like_the_docx():
    doc = pdf_doc("2025-kh-kstthc-skhcn")
    tables = list(doc.tables())
    assert tables[0].grid() == [
        [
            "UBND TỈNH QUẢNG NGÃI\nSỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        ],
        ["Số: /KH-SKHCN", "Quảng Ngãi, ngày tháng 8 năm 2025"],
    ]
    assert tables[1].grid()[0][1] == "GIÁM ĐỐC\nNguyễn Tấn Liêm"
    assert tables[1].grid()[0][0].startswith("Nơi nhận:\n- UBND tỉnh (báo cáo);")


# --------------------------------------------------------------------------- bad input, hand-made PDFs

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _text_and_image_pdf(pages: list[str]) -> bytes:
    """Pages of kind "text" (a few lines in Helvetica) or "image" (a scan: one image, no text)."""
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages))).encode()
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
    ]
    font = 3 + 2 * len(pages)
    image = font + 1
    for i, kind in enumerate(pages):
        if kind == "text":
            content = (
                b"BT /F1 12 Tf 72 760 Td (Trang van ban so %d co lop chu.) Tj 0 -16 Td "
                b"(Dong thu hai cua doan van.) Tj ET" % (i + 1)
            )
        else:
            content = b"q 400 0 0 500 90 200 cm /Im0 Do Q"
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im0 %d 0 R >> >> >>" % (4 + 2 * i, font, image)
        )
        objs.append(_stream(content))
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objs.append(
        _stream(
            b"\x80" * 4,
            b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 ",
        )
    )
    return pdf_file(objs)


def _encrypted_pdf(user: bytes = b"secret", owner: bytes = b"owner") -> bytes:
    """A PDF protected by a user password (standard security handler, RC4 40-bit, R2)."""
    o_key = hashlib.md5((owner + _PAD)[:32]).digest()[:5]
    o_entry = _rc4(o_key, (user + _PAD)[:32])
    perms = -44
    file_id = hashlib.md5(b"vanban test").digest()
    key = hashlib.md5((user + _PAD)[:32] + o_entry + struct.pack("<i", perms) + file_id).digest()[:5]
    u_entry = _rc4(key, _PAD)
    plain = _text_and_image_pdf(["text"])
    body = plain[: plain.index(b"xref")]  # objects as they are: the password check fails first
    objs = [part.split(b" 0 obj\n", 1)[1] for part in body.split(b"endobj\n") if b" 0 obj\n" in part]
    objs = [o.rstrip(b"\n") for o in objs]
    objs.append(
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (o_entry.hex().encode(), u_entry.hex().encode(), perms)
    )
    trailer = b"/Encrypt %d 0 R /ID [<%s> <%s>] " % (len(objs), file_id.hex().encode(), file_id.hex().encode())
    return pdf_file(objs, trailer)


def test_encrypted_pdf_is_a_clear_error(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted_pdf())
    with pytest.raises(ExtractionError) as err:
        extract(path)
    assert err.value.code == "encrypted_pdf" and "password" in err.value.message
    assert "Traceback" not in err.value.message


def test_encrypted_pdf_made_by_pypdf(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_page(pypdf.PdfReader(corpus_file("2024-kh-truyenthong-skhcn.pdf")).pages[0])
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    with pytest.raises(ExtractionError) as err:
        extract_any(path)
    assert err.value.code == "encrypted_pdf"


@pytest.mark.parametrize("cut", [4000, 0.5, 0.9])
def test_truncated_pdf_is_corrupt_pdf(tmp_path, cut):
    data = corpus_file("2023-kh-kstthc-skhcn.pdf").read_bytes()
    n = cut if isinstance(cut, int) else int(len(data) * cut)
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:n])
    try:
        doc = extract(path)
    except ExtractionError as err:
        assert err.code == "corrupt_pdf" and len(err.message) < 300 and "Traceback" not in err.message
    else:  # pdfminer recovered what it could: what was lost is said, never silently dropped
        assert any(w.startswith("corrupt_pdf") for w in doc.warnings) or doc.page_count


def test_garbage_after_header_is_corrupt_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(ExtractionError) as err:
        extract(path)
    assert err.value.code == "corrupt_pdf"


def test_hand_made_text_pdf_reads(tmp_path):
    path = tmp_path / "text.pdf"
    path.write_bytes(_text_and_image_pdf(["text"]))
    doc = extract(path)
    assert doc.file_format == "pdf" and doc.page_count == 1 and not doc.warnings
    assert [p.text for p in doc.paragraphs()] == ["Trang van ban so 1 co lop chu. Dong thu hai cua doan van."] or [
        p.text for p in doc.paragraphs()
    ] == ["Trang van ban so 1 co lop chu.", "Dong thu hai cua doan van."]


def _fake_ocr(monkeypatch, behaviour):
    module = types.ModuleType("extractors.ocr.backend")
    calls = []

    def ocr_pages(path, pages):
        calls.append(list(pages))
        if behaviour == "fail":
            raise ExtractionError("ocr_unavailable", "Tesseract with the Vietnamese model is not installed")
        result = {p: [Paragraph(text=f"OCR trang {p}", page=p)] for p in pages}
        return result

    module.ocr_pages = ocr_pages
    monkeypatch.setitem(sys.modules, "extractors.ocr.backend", module)
    return calls


def test_pages_without_text_layer_go_to_ocr_in_page_order(tmp_path, monkeypatch):
    path = tmp_path / "mixed.pdf"
    path.write_bytes(_text_and_image_pdf(["text", "image", "text"]))
    calls = _fake_ocr(monkeypatch, "ok")
    doc = extract(path)
    assert calls == [[2]]
    texts = [p.text for p in doc.paragraphs()]
    assert texts[texts.index("OCR trang 2") - 1].startswith("Trang van ban so 1") or texts[
        texts.index("OCR trang 2") - 1
    ].startswith("Dong thu hai")
    assert texts.index("OCR trang 2") < next(i for i, t in enumerate(texts) if "so 3" in t)
    assert doc.file_format == "pdf"


def test_scanned_pdf_without_ocr_is_a_warning_not_an_error(tmp_path, monkeypatch):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_text_and_image_pdf(["image", "text"]))
    _fake_ocr(monkeypatch, "fail")
    doc = extract(path)
    assert any(w.startswith("ocr_unavailable") and "1" in w for w in doc.warnings)
    assert [p.page for p in doc.paragraphs()] and all(p.page == 2 for p in doc.paragraphs())
    monkeypatch.setitem(sys.modules, "extractors.ocr.backend", None)  # the module does not exist
    doc = extract(path)
    assert any(w.startswith("ocr_unavailable") for w in doc.warnings)


def test_fully_scanned_pdf_is_pdf_ocr(tmp_path, monkeypatch):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_text_and_image_pdf(["image", "image"]))
    _fake_ocr(monkeypatch, "ok")
    doc = extract(path)
    assert doc.file_format == "pdf-ocr" and [p.text for p in doc.paragraphs()] == ["OCR trang 1", "OCR trang 2"]


def test_dispatch_through_extractors_extract():
    doc = extract_any(corpus_file("2024-kh-truyenthong-skhcn.pdf"))
    assert doc.file_format == "pdf" and doc.page_count == 4
    assert any(isinstance(b, Table) and len(b.rows) == 16 for b in doc.blocks)
