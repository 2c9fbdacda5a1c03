"""OCR backend: the scanned công văn against its text-layer twin and gold, a generated table scan,
and the layout / repair / stitching rules on synthetic input (those need no Tesseract)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from extractors.model import Cell, ExtractionError, Paragraph, Row, Table
from extractors.ocr.image import Word
from extractors.ocr.layout import layout_page
from extractors.ocr.repair import repair_ocr_text
from extractors.ocr.tables import fix_section_labels, stitch_tables
from tests.conftest import corpus_file, gold

CV = "2023-cv-vpubnd-de-xuat-cchc-2024"


def _tesseract_ok() -> bool:
    from extractors.ocr.image import tesseract_status

    return tesseract_status() is None


needs_tesseract = pytest.mark.skipif(not _tesseract_ok(), reason="tesseract-ocr + tesseract-ocr-vie not installed")


# ------------------------------------------------------------------ the scanned công văn
@pytest.fixture(scope="module")
def scan():
    if not _tesseract_ok():
        pytest.skip("tesseract-ocr + tesseract-ocr-vie not installed")
    from extractors.ocr.backend import extract  # what pdf_backend does for a PDF without text layer

    path = corpus_file(f"{CV}.scan.pdf")
    start = time.perf_counter()
    doc = extract(path)
    seconds = time.perf_counter() - start
    print(
        f"\nOCR: {doc.page_count} pages in {seconds:.1f} s = {doc.page_count / seconds:.2f} pages/s; "
        f"confidence {doc.ocr_confidence}"
    )
    return path, doc, seconds


@needs_tesseract
def test_scan_is_ocrd_with_confidence(scan):
    _, doc, _ = scan
    assert doc.file_format == "pdf-ocr"
    assert doc.page_count == 6
    assert doc.ocr_confidence and len(doc.ocr_confidence) == 6
    assert all(0.85 <= c <= 1.0 for c in doc.ocr_confidence)


@needs_tesseract
def test_scan_paragraphs_match_the_docx(scan):
    from extractors.docx.backend import extract as docx_extract

    _, doc, _ = scan
    ocr = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    ref = []
    for b in docx_extract(corpus_file(f"{CV}.docx")).blocks:  # the letterhead is a 2x2 table there
        ref.extend(
            [b.label_and_text]
            if isinstance(b, Paragraph)
            else [line for row in b.rows for c in row.cells for line in c.lines]
        )
    assert abs(len(ocr) - len(ref)) <= 2, (len(ocr), len(ref))
    good = sum(1 for t in ref if max(fuzz.ratio(t, o) for o in ocr) >= 95)
    assert good >= 0.95 * len(ref), f"{good}/{len(ref)} DOCX paragraphs found in the OCR"
    for k in range(1, 17):  # the item numbers at paragraph start, "1." not OCR's "1,"
        assert any(t.startswith(f"{k}. ") for t in ocr), k
    assert "V/v đề xuất nhiệm vụ cải cách hành chính năm 2024" in ocr  # a wrapped centered line
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in ocr  # the right column of the letterhead
    assert not any(re.fullmatch(r"\d{1,3}", t) for t in ocr)  # page numbers dropped
    item12 = next(t for t in ocr if t.startswith("12. "))  # runs over the page 4/5 break
    assert "01/2023/TT-VPCP" in item12


@needs_tesseract
def test_scan_scores_like_its_twin(scan):
    """The done criterion: task F1 and citation recall within 0.05 of the text-layer PDF."""
    from pipeline import process
    from pipeline.evaluate import score_citations, score_tasks

    path, doc, _ = scan
    g = gold(CV)
    scores = {}
    with pytest.MonkeyPatch.context() as mp:
        real = process.extract
        mp.setattr(process, "extract", lambda p: doc if Path(p) == path else real(p))
        for p in (path, corpus_file(f"{CV}.pdf")):
            res = process.process_file(p)
            t = score_tasks(g["tasks"], res.rows["tasks"])
            c = score_citations(g["citations"], res.rows["citations"])
            prec, rec = t["tp"] / max(1, t["pred"]), t["tp"] / max(1, t["gold"])
            scores[p.name] = {
                "f1": 2 * prec * rec / max(1e-9, prec + rec),
                "cite_recall": c["tp"] / max(1, c["gold"]),
                "fields": t["fields_ok"] / max(1, t["fields"]),
            }
    print(scores)
    s, twin = scores[path.name], scores[f"{CV}.pdf"]
    assert s["f1"] >= twin["f1"] - 0.05
    assert s["cite_recall"] >= twin["cite_recall"] - 0.05
    assert s["fields"] >= twin["fields"] - 0.05


@needs_tesseract
def test_missing_tesseract_is_a_clear_error(monkeypatch):
    from extractors.ocr import backend as ocr_backend
    from extractors.ocr import image as ocr_image

    monkeypatch.setenv("PATH", "/nonexistent")
    ocr_image.tesseract_status.cache_clear()
    try:
        with pytest.raises(ExtractionError) as exc:
            ocr_backend.ocr_pages(corpus_file(f"{CV}.scan.pdf"), [1])
        assert exc.value.code == "ocr_unavailable"
        assert "apt-get install tesseract-ocr tesseract-ocr-vie" in exc.value.message
    finally:
        monkeypatch.undo()
        ocr_image.tesseract_status.cache_clear()


# ------------------------------------------------------------------ a generated table scan
def _scan_of(pdf: Path, pages: list[int], out: Path, angle: float) -> Path:
    """Render text-layer pages at 200 dpi, rotate them, sprinkle scanner specks, save as images."""
    import cv2
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(1)
    doc = pdfium.PdfDocument(str(pdf))
    images = []
    for p in pages:
        img = doc[p - 1].render(scale=200 / 72, grayscale=True).to_numpy().copy()
        h, w = img.shape[:2]
        img = cv2.warpAffine(img, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), (w, h), borderValue=255)
        img[rng.random(img.shape) < 0.002] = 0
        images.append(Image.fromarray(img))
    doc.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=200)
    return out


@needs_tesseract
def test_table_scan(tmp_path):
    from extractors.ocr.backend import ocr_pages
    from pipeline.evaluate import sim

    path = _scan_of(corpus_file("2025-kh-kstthc-skhcn.pdf"), [6, 7], tmp_path / "table.scan.pdf", angle=0.7)
    res = ocr_pages(path, [1, 2])
    assert all(abs(a + 0.7) <= 0.2 for a in res.angle.values()), res.angle  # deskewed
    tables = [b for blocks in res.values() for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1, "the table continued on page 2 is stitched into the one of page 1"
    table = tables[0]
    assert table.n_cols == 5 and (table.page_start, table.page_end) == (1, 2)
    stt = [r.cells[0].text for r in table.rows]
    for label in ("11", "12", "C", "I", "13", "14", "15", "16", "II", "17"):
        assert label in stt, (label, stt)
    assert sum(1 for r in table.rows if "Nội dung công việc" in r.cells[1].text) == 1  # repeated header dropped
    assert table.rows[0].is_header
    by_stt = {r.cells[0].text: r for r in table.rows}
    gold_rows = {t["stt"]: t for t in gold("2025-kh-kstthc-skhcn")["tasks"]}
    for k in ("11", "13", "14", "16", "17"):  # 13 runs over the page break: its two halves re-joined
        assert sim(by_stt[k].cells[1].text, gold_rows[k]["content"]) >= 0.9, k
    assert by_stt["13"].page_end == 2


# ------------------------------------------------------------------ synthetic: layout rules
def _line(text: str, x0: int, y: int, key: int, x1: int | None = None, h: int = 30) -> list[Word]:
    words, x = [], x0
    parts = text.split()
    width = (x1 - x0) if x1 else 18 * len(text)
    step = width / max(1, len(text))
    for t in parts:
        w = int(step * len(t))
        words.append(Word(t, int(x), y, int(x) + w, y + h, 95.0, (1, key, 1)))
        x += w + step
    if x1:  # justified: stretch the last word to the margin
        last = words[-1]
        words[-1] = Word(last.text, last.x0, last.y0, x1, last.y1, last.conf, last.line)
    return words


def test_a_handwritten_note_in_the_margin_does_not_chain_the_printed_lines_it_spans():
    # a leader's note scrawled beside the title and "Kính gửi" lines, read as words as tall as three
    # printed lines: each printed line stays a row of its own (the note's words ride on the row they
    # stand in), so the title word is not drawn into the recipient list
    words = _line("UBND TỈNH QUẢNG NGÃI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 240, 100, 1, x1=1530)
    words += _line("PHIẾU TRÌNH", 760, 200, 2)
    words += _line("Kính gửi:", 400, 260, 3)
    words += _line("- Lãnh đạo Ủy ban nhân dân tỉnh;", 560, 320, 4)
    words += _line("- Lãnh đạo Văn phòng Ủy ban nhân dân tỉnh.", 560, 380, 5)
    for k in range(6, 12):
        words += _line("Văn phòng rà soát hồ sơ trình và đề xuất nội dung cần xin ý kiến", 240, 100 + 60 * k, k)
    note = [Word("22", 1300, 190, 1500, 330, 78.0, (1, 2, 1)), Word("294", 1320, 300, 1480, 420, 70.0, (1, 4, 1))]
    texts = [b.text for b in layout_page(words + note, [], 1, 2000, 0.24).blocks]
    opening = [t.split()[0] for t in texts[1:5]]
    assert opening == ["PHIẾU", "Kính", "-", "-"] and texts[2] == "Kính gửi:"
    assert texts[4] == "- Lãnh đạo Văn phòng Ủy ban nhân dân tỉnh."


def test_layout_paragraphs_columns_and_page_numbers():
    L, R = 240, 1530
    words = []
    words += _line("2", 820, 60, 0, h=25)  # page number in the top margin
    words += _line("UBND TỈNH QUẢNG NGÃI", 360, 160, 1)
    words += _line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", 1000, 160, 2, x1=1500)
    words += _line("VĂN PHÒNG", 460, 210, 3)
    words += _line("NAM", 1220, 210, 4)
    body = [
        ("1, Xây dựng kế hoạch kiểm soát thủ tục hành chính năm 2024 trên địa bàn", 320, R),
        ("tỉnh và tổ chức thực hiện.", L, None),
        ("- Cơ quan chủ trì thực hiện: Văn phòng UBND tỉnh.", 320, None),
        ("- Sản phẩm: Các Kế hoạch của Chủ tịch UBND tỉnh; các Kế hoạch thực hiện", 320, R),
        ("của các sở, ban ngành theo Nghị định số 45/2020/ND-CP ngày 08/4/2020 của", L, R),
    ]
    y = 400
    for k, (text, x0, x1) in enumerate(body):
        words += _line(text, x0, y, 10 + k, x1=x1)
        y += 47
    blocks = layout_page(words, [], page=2, img_h=2339, scale=72 / 200).blocks
    texts = [b.text for b in blocks]
    # the letterhead is read column by column, the wrapped "VIỆT / NAM" joined
    assert texts[:3] == ["UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert "1. Xây dựng kế hoạch kiểm soát thủ tục hành chính năm 2024 trên địa bàn tỉnh và tổ chức thực hiện." in texts
    assert "- Cơ quan chủ trì thực hiện: Văn phòng UBND tỉnh." in texts
    assert texts[-1].startswith("- Sản phẩm:") and "45/2020/NĐ-CP" in texts[-1]  # wrapped lines joined
    assert "2" not in texts
    assert all(b.page == 2 for b in blocks)


@pytest.mark.parametrize(
    "raw,fixed",
    [
        ("1, Xây dựng", "1. Xây dựng"),
        ("12, Triển khai", "12. Triển khai"),
        ("Nghị định số 45/2020/ND-CP ngày", "Nghị định số 45/2020/NĐ-CP ngày"),
        ("Nghị định 107I2021/NĐ-CP", "Nghị định 107/2021/NĐ-CP"),
        ("Quyết định số 1179/QD-UBND", "Quyết định số 1179/QĐ-UBND"),
        ("Quyết định 1085/QÐ-TTg", "Quyết định 1085/QĐ-TTg"),
        ("ngày O6/11/2023", "ngày 06/11/2023"),
        ("Kế hoạch số 14O/KH-UBND", "Kế hoạch số 140/KH-UBND"),
        ("ÐẢNG", "ĐẢNG"),
        ("UBÑD cấp huyện", "UBND cấp huyện"),
        ("Quyết định số 19/2018/QĐĐ-UBND", "Quyết định số 19/2018/QĐ-UBND"),
        ("- Đơn vị phốihợp: Phòng Hànhchính - Tổng hợp", "- Đơn vị phối hợp: Phòng Hành chính - Tổng hợp"),
        ("Tổchức thựchiện các TTHC", "Tổ chức thực hiện các TTHC"),
        ("Nguyễn Văn Thành, KH&CN, TTHC, email abc", "Nguyễn Văn Thành, KH&CN, TTHC, email abc"),
        ("tổ chức, cá nhân", "tổ chức, cá nhân"),
    ],
)
def test_repair_ocr_text(raw, fixed):
    assert repair_ocr_text(raw) == fixed


# ------------------------------------------------------------------ synthetic: tables
def _row(*texts: str, page: int = 1) -> Row:
    return Row(cells=[Cell(lines=[t] if t else []) for t in texts], page=page, page_end=page)


def test_stitch_tables_over_a_page_break():
    header = ("STT", "Nội dung công việc", "Kết quả", "Đơn vị", "Thời gian")
    t1 = Table(
        rows=[
            _row(*header),
            _row("1", "Rà soát TTHC", "Báo cáo", "Văn phòng", "Quý I"),
            _row("2", "Công bố TTHC thuộc thẩm quyền", "Quyết định", "Các phòng", "Thường"),
        ],
        n_cols=5,
        page_start=1,
        page_end=1,
    )
    t2 = Table(
        rows=[
            _row("ST T", "Nội dung công viêc", "Kết quả", "Đơn vi", "Thời gian", page=2),  # OCR'd again
            _row("", "giải quyết của Sở", "", "", "xuyên", page=2),
            _row("3", "Niêm yết TTHC", "Thông báo", "Văn phòng", "Quý II", page=2),
        ],
        n_cols=5,
        page_start=2,
        page_end=2,
    )
    pages = {1: [Paragraph("x", page=1), t1], 2: [t2, Paragraph("y", page=2)]}
    stitch_tables(pages)
    assert [type(b).__name__ for b in pages[2]] == ["Paragraph"]
    assert t1.page_end == 2 and t1.rows[0].is_header
    assert [r.cells[0].text for r in t1.rows] == ["STT", "1", "2", "3"]
    assert t1.rows[2].cells[1].lines == ["Công bố TTHC thuộc thẩm quyền", "giải quyết của Sở"]
    assert t1.rows[2].cells[4].text == "Thường\nxuyên" and t1.rows[2].page_end == 2


def test_roman_section_labels():
    t = Table(
        rows=[
            Row([Cell(["1"]), Cell(["Công bố, công khai TTHC"], col_span=4)]),
            _row("13", "Xây dựng dự thảo", "Tờ trình", "Các phòng", "Thường xuyên"),
            Row([Cell(["H"]), Cell(["Tổ chức thực hiện cơ chế một cửa"], col_span=4)]),
            _row("14", "Nhập dữ liệu", "TTHC", "Văn phòng", "Thường xuyên"),
            Row([Cell(["II"]), Cell(["Rà soát, đơn giản hóa TTHC"], col_span=4)]),
            _row("15", "Rà soát", "Báo cáo", "Văn phòng", "Quý II"),
            Row([Cell(["Mi!"]), Cell(["Truyền thông"], col_span=4)]),
            _row("16", "Tuyên truyền", "Văn bản", "Văn phòng", "Quý II"),
            Row([Cell(["B"]), Cell(["Cải cách"], col_span=4)]),
            Row([Cell(["I"]), Cell(["Kiểm tra"], col_span=4)]),
            _row("17", "Kiểm tra", "Báo cáo", "Văn phòng", "Quý III"),
        ],
        n_cols=5,
    )
    fix_section_labels(t)
    assert [r.cells[0].text for r in t.rows] == ["I", "13", "II", "14", "III", "15", "IV", "16", "B", "I", "17"]


def test_stacked_crops_never_exceed_tesseracts_image_limit(monkeypatch):
    # Tesseract refuses an image 32767 px or more tall: many crops of a page are OCR'd in several
    # stacks, each under the limit, and every word still goes back to its crop
    import dataclasses

    import numpy as np

    from extractors.ocr import image

    settings = dataclasses.replace(image.OCR_SETTINGS, max_stack_px=500)
    heights = []

    def fake_tesseract(canvas, dpi, psm=None, settings=None):
        heights.append(canvas.shape[0])
        rows = np.nonzero((canvas < 128).any(axis=1))[0]  # one word per inked crop
        starts = [r for i, r in enumerate(rows) if i == 0 or rows[i - 1] != r - 1]
        return [Word("chữ", 20, int(y), 40, int(y) + 10, 90.0, (1, 1, k)) for k, y in enumerate(starts)]

    monkeypatch.setattr(image, "encode_png", lambda canvas, page=0: canvas)
    monkeypatch.setattr(image, "run_tesseract", fake_tesseract)
    page = np.full((3000, 400), 255, np.uint8)
    boxes = [(10, 40 * k, 60, 30) for k in range(60)]
    for x, y, w, h in boxes:
        page[y : y + 10, x : x + w] = 0
    found = image.ocr_crops(page, boxes, 300, pad=20, settings=settings)
    assert len(heights) > 1 and max(heights) <= 500
    assert [len(words) for words in found] == [1] * len(boxes)
    assert all(y <= w.y0 < y + h for (x, y, _, h), [w] in zip(boxes, found))


def test_a_page_tesseract_refuses_loses_only_that_page(monkeypatch, tmp_path):
    # one page's OCR raising (an image Tesseract refuses) used to lose every page of the file
    from types import SimpleNamespace

    import numpy as np

    from extractors.ocr import backend

    def fake_page(img, page, dpi, settings):
        if page == 2:
            raise RuntimeError("Image too large: (311, 34936)")
        return SimpleNamespace(
            page=page,
            blocks=[Paragraph(f"Trang {page}", page=page)],
            confidence=0.9,
            angle=0.0,
            dpi=dpi,
            open_end=False,
            continues=False,
        )

    monkeypatch.setattr(backend, "check_available", lambda: None)
    monkeypatch.setattr(
        backend,
        "_render",
        lambda path, pages, settings: ((p, np.full((10, 10), 255, np.uint8), 300, (595.0, 842.0)) for p in pages),
    )
    monkeypatch.setattr(backend, "ocr_image", fake_page)
    result = backend.ocr_pages(tmp_path / "scan.pdf", [1, 2, 3])
    assert sorted(result) == [1, 3] and [b.text for b in result[3]] == ["Trang 3"]
    assert list(result.failed) == [2] and "Image too large" in result.failed[2]
