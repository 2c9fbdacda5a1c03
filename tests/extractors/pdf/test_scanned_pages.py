"""Which PDF pages are scans to be read by OCR: no text layer under an image, or a page-sized image
under only a line or two of text (the "SAO Y; <office>; <date>" line an electronic copy prints over
the scanned original, a signature's label); a text page with a small logo or signature image is not."""

from __future__ import annotations

import sys
import types

from extractors import extract
from extractors.model import Paragraph
from tests.extractors.pdf.made_pdfs import font_object, pdf_file, stream, text_content

PROSE = [
    "Ủy ban nhân dân xã đề nghị các thôn, tổ dân phố rà soát danh sách hộ nghèo,",
    "cận nghèo năm nay và gửi kết quả về Ủy ban trước ngày 20 tháng 10 để tổng hợp",
    "báo cáo; giao công chức Văn hóa - Xã hội theo dõi, đôn đốc việc thực hiện.",
]
COPY_LINE = [(300, 830, "SAO Y; VĂN PHÒNG HUYỆN THỬ NGHIỆM; 18/03/2025; 09:05:40; +07:00")]


def _page_pdf(lines, image_box: tuple[float, float, float, float] | None) -> bytes:
    """One A4 page: a grey image drawn over image_box (x, y, w, h), then the text lines."""
    x, y, w, h = image_box or (0, 0, 0, 0)
    draw = (b"q %g 0 0 %g %g %g cm /Im1 Do Q\n" % (w, h, x, y) if image_box else b"") + text_content(lines)
    image = stream(
        b"\x80\x80\x80\x80",
        b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 ",
    )
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>",
            stream(draw),
            font_object(),
            image,
        ]
    )


def _fake_ocr(monkeypatch) -> list:
    calls = []
    module = types.ModuleType("extractors.ocr.backend")

    def ocr_pages(path, pages):
        calls.append(list(pages))
        return {p: [Paragraph(text=f"Trang {p} đọc bằng OCR", page=p)] for p in pages}

    module.ocr_pages = ocr_pages
    monkeypatch.setitem(sys.modules, "extractors.ocr.backend", module)
    return calls


def test_a_scan_under_a_copy_line_is_read_by_ocr(tmp_path, monkeypatch):
    path = tmp_path / "ban-sao.pdf"
    path.write_bytes(_page_pdf(COPY_LINE, (0, 0, 595, 820)))
    calls = _fake_ocr(monkeypatch)
    doc = extract(path)
    assert calls == [[1]] and doc.file_format == "pdf-ocr"


def test_a_scan_without_any_text_is_read_by_ocr(tmp_path, monkeypatch):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_page_pdf([], (0, 0, 595, 842)))
    calls = _fake_ocr(monkeypatch)
    extract(path)
    assert calls == [[1]]


def test_a_text_page_with_a_small_image_keeps_its_text_layer(tmp_path, monkeypatch):
    path = tmp_path / "logo.pdf"
    lines = [(60, 700 - 16 * i, t) for i, t in enumerate(PROSE)]
    path.write_bytes(_page_pdf(COPY_LINE + lines[:1], (60, 740, 80, 80)))
    calls = _fake_ocr(monkeypatch)
    doc = extract(path)
    assert calls == [] and "SAO Y" in doc.text()


def test_a_page_image_under_a_full_text_layer_keeps_it(tmp_path, monkeypatch):
    path = tmp_path / "searchable-scan.pdf"
    lines = [(60, 700 - 16 * i, t) for i, t in enumerate(PROSE * 3)]  # a scanner's OCR layer: a page of text
    path.write_bytes(_page_pdf(lines, (0, 0, 595, 842)))
    calls = _fake_ocr(monkeypatch)
    doc = extract(path)
    assert calls == [] and "rà soát danh sách" in doc.text()
