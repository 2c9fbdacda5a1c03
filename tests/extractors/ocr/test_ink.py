"""Red ink over the print (extractors.ocr.ink), on invented pages: a seal is red and lies over the
signer's title and name (NĐ 30/2020/NĐ-CP, Điều 33); black print under it must stay, red ink go, and
nothing else change (blue handwriting, a scan's colour fringes along black strokes)."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest

from extractors.ocr.ink import drop_red_ink, hide_seal_images, is_seal_picture
from extractors.ocr.settings import OCR_SETTINGS
from tests.extractors.pdf.made_pdfs import font_object, pdf_file, stream, text_content

WHITE = (255, 255, 255)
BLACK = (20, 20, 20)
SEAL_RED = (40, 30, 210)  # BGR
BLUE_PEN = (170, 60, 40)


def _page(h: int = 200, w: int = 400) -> np.ndarray:
    return np.full((h, w, 3), WHITE, np.uint8)


def _gray(bgr: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)


def test_seal_ink_turns_white_and_print_under_it_stays():
    import cv2

    img = _page()
    cv2.rectangle(img, (20, 90), (380, 110), BLACK, -1)  # a line of print
    cv2.circle(img, (120, 100), 60, SEAL_RED, 8)  # the seal's ring, drawn over it
    img[95:105, 55:70] = (10, 5, 90)  # print under the ink: dark red, as ink over black looks
    out = drop_red_ink(img)
    ring = np.zeros(img.shape[:2], np.uint8)
    cv2.circle(ring, (120, 100), 60, 255, 4)
    paper_under_ring = (ring > 0) & (np.abs(np.arange(img.shape[0])[:, None] - 100) > 20)
    assert (out[paper_under_ring] == 255).all()
    assert out[95:105, 55:70].max() < 128  # the print under the seal is still ink
    assert out[92:108, 200:380].max() < 60  # print away from the seal is untouched


def test_what_is_not_red_keeps_its_gray():
    import cv2

    img = _page()
    cv2.line(img, (30, 50), (300, 70), BLUE_PEN, 3)  # a handwritten number in blue
    cv2.rectangle(img, (20, 120), (380, 140), BLACK, -1)
    img[119, 20:380] = (60, 60, 120)  # a scan's reddish colour fringe along a black stroke, 1 px
    img[141, 20:380] = (70, 70, 130)
    assert (drop_red_ink(img) == _gray(img)).all()


def test_the_pale_fringe_of_seal_ink_goes_with_it():
    import cv2

    img = _page()
    cv2.circle(img, (200, 100), 50, (190, 190, 235), 9)  # the blurred, pale edge of the ink ...
    cv2.circle(img, (200, 100), 50, SEAL_RED, 5)  # ... around its body
    out = drop_red_ink(img)
    assert out.min() == 255


def test_a_grayscale_page_is_left_alone():
    img = _page()
    img[50:60, 50:350] = BLACK
    assert (drop_red_ink(img) == _gray(img)).all()


@pytest.mark.parametrize("color, seal", [(SEAL_RED, True), (BLACK, False), (BLUE_PEN, False), (None, False)])
def test_a_picture_whose_ink_is_red_is_a_seal(color, seal):
    import cv2

    img = _page(120, 120)
    if color is not None:
        cv2.circle(img, (60, 60), 50, color, 6)
        cv2.putText(img, "SO", (35, 70), cv2.FONT_HERSHEY_SIMPLEX, 1, color, 3)
    assert is_seal_picture(img, OCR_SETTINGS) is seal


def _rgb_image(pixels: np.ndarray) -> bytes:
    h, w = pixels.shape[:2]
    rgb = np.ascontiguousarray(pixels[..., ::-1])
    return stream(
        rgb.tobytes(),
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 " % (w, h),
    )


def _pdf_with_picture(pixels: np.ndarray, with_text: bool) -> bytes:
    content = text_content([(72, 700, "Nguyễn Văn An")]) if with_text else b""
    content += b"q 120 0 0 120 60 650 cm /Im0 Do Q\n"  # the picture over the name
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im0 6 0 R >> >> >>",
            stream(content),
            font_object(),
            _rgb_image(pixels),
        ]
    )


def _seal() -> np.ndarray:
    import cv2

    img = _page(100, 100)
    cv2.circle(img, (50, 50), 45, SEAL_RED, 6)
    return img


def _images(page) -> int:
    import pypdfium2.raw as pdfium_c

    return len(list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=1)))


def _hidden_and_left(tmp_path, picture, with_text: bool) -> tuple[int, int]:
    """(pictures hide_seal_images hides, pictures left) on a one-page PDF with `picture`."""
    path = tmp_path / "page.pdf"
    path.write_bytes(_pdf_with_picture(picture, with_text=with_text))
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        return hide_seal_images(page), _images(page)
    finally:
        pdf.close()


def test_a_seal_picture_over_drawn_print_is_not_rendered(tmp_path):
    assert _hidden_and_left(tmp_path, _seal(), with_text=True) == (1, 0)


def test_a_scanned_page_keeps_its_pictures(tmp_path):
    # no drawn print: the picture is (a band of) the scan, whatever its colour
    assert _hidden_and_left(tmp_path, _seal(), with_text=False) == (0, 1)


def test_a_signature_picture_stays(tmp_path):
    import cv2

    img = _page(100, 100)
    cv2.line(img, (10, 80), (90, 20), BLUE_PEN, 4)
    assert _hidden_and_left(tmp_path, img, with_text=True)[0] == 0
