"""Red ink on a page: seals and stamps lying over the print.

A seal is red (NĐ 30/2020/NĐ-CP, Điều 33: "mực dấu màu đỏ") and is pressed over the left third of
the signature, so it lies over the signer's title and name; an incoming "ĐẾN" stamp or a "HỎA TỐC"
mark lies over the header. Tesseract reads print under red ink as noise ("ần Văn Bình" for
"Trần Văn Bình"). Two cases:

- a scanned page (one picture): the red ink is part of the picture. `drop_red_ink` looks at it
  through a red filter: pure red turns white, black print under it stays dark;
- a page whose print is drawn (a text layer, even one that cannot be decoded) with the seal laid on
  it as a picture of its own: that picture hides the strokes beneath, so the page is rendered
  without it (`hide_seal_images`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractors.ocr.settings import OCR_SETTINGS, OcrSettings

if TYPE_CHECKING:
    import numpy as np


def red_mask(bgr: np.ndarray, settings: OcrSettings = OCR_SETTINGS) -> np.ndarray:
    """Boolean mask of the pixels of a BGR(A) image where red clearly dominates green and blue."""
    import numpy as np

    b, g, r = (bgr[..., i].astype(np.int16) for i in range(3))
    return (r - np.maximum(g, b)) > settings.red_ink_margin


def drop_red_ink(bgr: np.ndarray, settings: OcrSettings = OCR_SETTINGS) -> np.ndarray:
    """Grayscale page (uint8) from a colour render (BGR or BGRA) with red ink dropped out: around
    red ink (its pale fringe of scan blur and JPEG included) the page is seen through a red filter,
    where seal ink is light (white from `red_ink_white`) and black print dark. Blue or black
    handwriting and every pixel away from red keep their ordinary gray value."""
    import cv2
    import numpy as np

    gray = cv2.cvtColor(np.ascontiguousarray(bgr[..., :3]), cv2.COLOR_BGR2GRAY)
    red = red_mask(bgr, settings).astype(np.uint8)
    # a scan's colour fringes leave lone reddish pixels along black strokes: ink is a body of them
    red = cv2.morphologyEx(red, cv2.MORPH_OPEN, np.ones((settings.red_ink_body, settings.red_ink_body), np.uint8))
    if red.any():
        k = 2 * settings.red_ink_fringe + 1
        near = cv2.dilate(red, np.ones((k, k), np.uint8)) > 0
        seen = bgr[..., 2][near]
        gray[near] = np.where(seen >= settings.red_ink_white, 255, seen)
    return gray


def is_seal_picture(bgr: np.ndarray, settings: OcrSettings = OCR_SETTINGS) -> bool:
    """True for a picture (BGR or BGRA) whose ink is mostly red: a seal's image."""
    opaque = bgr[..., 3] > 0 if bgr.ndim == 3 and bgr.shape[2] == 4 else True
    ink = (bgr[..., :3].min(axis=2) < settings.ink_level) & opaque if bgr.ndim == 3 else None
    if ink is None or not ink.any():
        return False
    return float((red_mask(bgr, settings) & ink).sum()) >= settings.seal_red_share * float(ink.sum())


def hide_seal_images(page, settings: OcrSettings = OCR_SETTINGS) -> int:
    """Remove from a pdfium page (in memory only) the pictures of seals drawn over its print, so its
    render shows the strokes they covered; a scanned page's own picture stays. Returns how many."""
    import pypdfium2.raw as pdfium_c

    if next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,), max_depth=2), None) is None:
        return 0  # no drawn print: the pictures are the scan (whole or in bands)
    hidden = 0
    for obj in list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=1)):
        left, bottom, right, top = obj.get_bounds()
        page_w, page_h = page.get_size()
        if (right - left) * (top - bottom) >= settings.page_picture_share * page_w * page_h:
            continue  # the scan itself
        try:
            pixels = obj.get_bitmap(render=True).to_numpy()
        except Exception:  # noqa: BLE001 - an undecodable picture is left where it is
            continue
        if is_seal_picture(pixels, settings):
            page.remove_obj(obj)
            hidden += 1
    return hidden
