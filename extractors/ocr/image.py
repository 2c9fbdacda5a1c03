"""Page-image side of the OCR backend: Tesseract (availability, TSV words with boxes and
confidences, a second pass over ink it skipped), deskew and ruling-line masks (the table grids
are `ocr.grid`).
Everything here works on one grayscale page image (numpy uint8) in pixel coordinates."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from statistics import median
from typing import TYPE_CHECKING

from extractors.model import ExtractionError, clean_text
from extractors.ocr.settings import OCR_SETTINGS, OcrSettings

if TYPE_CHECKING:
    import numpy as np

LANG = "vie"
TESSERACT_TIMEOUT_S = 120  # one page; a hung tesseract must not hang the batch
INSTALL_HINT = "install tesseract-ocr and tesseract-ocr-vie (apt-get install tesseract-ocr tesseract-ocr-vie)"


# --------------------------------------------------------------------------- availability
_STATUS_TIMEOUTS_S = (30, 120)  # `tesseract --list-langs` is instant; slow only on a machine under load


@lru_cache(maxsize=1)
def _installed_status() -> str | None:
    """What is missing for OCR, when the answer is definite (so it may be cached)."""
    exe = shutil.which("tesseract")
    if not exe:
        return "the tesseract program is not installed"
    for timeout in _STATUS_TIMEOUTS_S:
        try:
            out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=timeout)
            break
        except subprocess.TimeoutExpired:
            continue  # a busy machine: ask again with more time
        except (OSError, subprocess.SubprocessError) as exc:
            return f"tesseract cannot be run ({exc})"
    else:
        raise TimeoutError(f"tesseract --list-langs did not answer within {sum(_STATUS_TIMEOUTS_S)} s")
    langs = {line.strip() for line in (out.stdout + out.stderr).splitlines()}
    if LANG not in langs:
        return "the Vietnamese model (vie.traineddata) is not installed"
    return None


def tesseract_status() -> str | None:
    """None when tesseract with the Vietnamese model is usable, else what is missing. A check that
    timed out (a machine under load) is reported but not remembered: the next file asks again."""
    try:
        return _installed_status()
    except TimeoutError as exc:
        return f"tesseract cannot be run ({exc})"


tesseract_status.cache_clear = _installed_status.cache_clear  # type: ignore[attr-defined]


def check_available() -> None:
    """Raise ExtractionError("ocr_unavailable") when Tesseract or its Vietnamese model is missing."""
    problem = tesseract_status()
    if problem:
        raise ExtractionError("ocr_unavailable", f"OCR needed but {problem}: {INSTALL_HINT}")


# --------------------------------------------------------------------------- image
def estimate_skew(img: np.ndarray, settings: OcrSettings = OCR_SETTINGS) -> float:
    """Skew angle in degrees (counter-clockwise positive, as cv2) by projection-profile search."""
    import cv2
    import numpy as np

    h, w = img.shape[:2]
    scale = min(1.0, float(settings.skew_probe_size) / max(h, w))
    small = cv2.resize(img, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else img
    _, binary = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    # drop isolated specks (scanner noise) so they do not flatten the profile
    speck = np.ones((settings.speck_kernel, settings.speck_kernel), np.uint8)
    binary = cv2.morphologyEx(binary, cv2.MORPH_OPEN, speck)
    if binary.sum() == 0:
        return 0.0
    center = (binary.shape[1] / 2, binary.shape[0] / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(center, angle, 1.0)
        rot = cv2.warpAffine(binary, m, (binary.shape[1], binary.shape[0]), flags=cv2.INTER_NEAREST)
        profile = rot.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    span, coarse, fine = settings.skew_search_range, settings.skew_coarse_step, settings.skew_fine_step
    best = max(np.arange(-span, span + 0.01, coarse), key=score)
    best = max(np.arange(best - coarse, best + coarse + 0.01, fine), key=score)
    return float(round(best, 2))


def deskew(
    img: np.ndarray, min_angle: float | None = None, settings: OcrSettings = OCR_SETTINGS
) -> tuple[np.ndarray, float]:
    """(image rotated straight, angle applied). Angles under `min_angle` (default
    `settings.deskew_min_angle`) are left alone."""
    import cv2

    angle = estimate_skew(img, settings)
    if abs(angle) < (settings.deskew_min_angle if min_angle is None else min_angle):
        return img, 0.0
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255), angle


def _rule_masks(img, settings: OcrSettings = OCR_SETTINGS):
    """(horizontal, vertical) masks of long ruling lines (table borders, underlines)."""
    import cv2

    h, w = img.shape[:2]
    _, binary = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    h_len = max(settings.rule_min_length, w // settings.rule_h_page_share)
    v_len = max(settings.rule_min_length, h // settings.rule_v_page_share)
    horiz = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vert = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    return horiz, vert


def has_ruling_lines(img: np.ndarray, settings: OcrSettings = OCR_SETTINGS) -> bool:
    """Cheap pre-check before img2table: a few long horizontal and vertical rules."""
    import cv2

    horiz, vert = _rule_masks(img, settings)
    n_h = cv2.connectedComponents(horiz)[0] - 1
    n_v = cv2.connectedComponents(vert)[0] - 1
    return n_h >= settings.min_rules and n_v >= settings.min_rules


def remove_rules(img: np.ndarray, settings: OcrSettings = OCR_SETTINGS) -> np.ndarray:
    """The page with its ruling lines painted white, so Tesseract does not read cell borders as
    "|", "l", "_" (img2table still gets the original image)."""
    import cv2
    import numpy as np

    horiz, vert = _rule_masks(img, settings)
    k = settings.rule_erase_dilate
    mask = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((k, k), np.uint8))
    out = img.copy()
    out[mask > 0] = 255
    return out


# --------------------------------------------------------------------------- tesseract
@dataclass
class Word:
    text: str
    x0: int
    y0: int
    x1: int
    y1: int
    conf: float
    line: tuple[int, int, int]  # Tesseract's (block, paragraph, line) ids

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def encode_png(img: np.ndarray, page: int = 0) -> bytes:
    """A grayscale image as PNG bytes (what Tesseract and img2table read)."""
    import cv2

    ok, buf = cv2.imencode(".png", img)
    if not ok:
        raise ExtractionError("internal_error", f"page {page}: cannot encode the page image")
    return buf.tobytes()


def run_tesseract(png: bytes, dpi: int, psm: int | None = None, settings: OcrSettings = OCR_SETTINGS) -> list[Word]:
    """Words of one page image (PNG bytes) with boxes and confidences (Tesseract TSV); `psm`
    defaults to `settings.page_psm`."""
    psm = settings.page_psm if psm is None else psm
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        proc = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", LANG, "--psm", str(psm), "--dpi", str(dpi), "tsv"],
            input=png,
            capture_output=True,
            env=env,
            timeout=TESSERACT_TIMEOUT_S,
        )
    except FileNotFoundError:
        tesseract_status.cache_clear()
        check_available()
        raise
    except subprocess.TimeoutExpired:
        raise ExtractionError("timeout", f"tesseract took longer than {TESSERACT_TIMEOUT_S} s on one page")
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExtractionError(
            "ocr_unavailable" if "traineddata" in " ".join(msg) else "internal_error",
            f"tesseract failed: {' '.join(msg[-3:])[:300]}",
        )
    words = []
    reader = csv.DictReader(io.StringIO(proc.stdout.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE)
    for r in reader:
        if r.get("level") != "5":
            continue
        text = clean_text(r.get("text") or "")
        if not text:
            continue
        try:
            x, y, w, h = int(r["left"]), int(r["top"]), int(r["width"]), int(r["height"])
            conf = float(r["conf"])
            key = (int(r["block_num"]), int(r["par_num"]), int(r["line_num"]))
        except (KeyError, TypeError, ValueError):
            continue
        words.append(Word(text, x, y, x + w, y + h, conf, key))
    return words


def recover_missed(
    img: np.ndarray, words: list[Word], dpi: int, max_regions: int | None = None, settings: OcrSettings = OCR_SETTINGS
) -> list[Word]:
    """Words Tesseract's page segmentation skipped (a short last line such as "xã." is often taken
    for noise): ink not covered by any word box, in text-sized blobs, is OCR'd again in one batch
    (crops stacked on a blank canvas, `--psm 6`) and mapped back to page coordinates."""
    import cv2
    import numpy as np

    if not words:
        return []
    s = settings
    h = int(median(w.y1 - w.y0 for w in words))
    _, binary = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    binary = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((s.speck_kernel, s.speck_kernel), np.uint8))
    m = s.word_box_margin
    for w in words:
        binary[max(0, w.y0 - m) : w.y1 + m, max(0, w.x0 - m) : w.x1 + m] = 0
    kernel = (max(s.blob_min_dilate, int(h * s.blob_dilate_w)), max(s.blob_min_dilate, int(h * s.blob_dilate_h)))
    blobs = cv2.dilate(binary, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(blobs)
    regions = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if not (s.blob_min_height * h <= bh <= s.blob_max_height * h and bw >= s.blob_min_width * h):
            continue
        ink = (binary[y : y + bh, x : x + bw] > 0) & (labels[y : y + bh, x : x + bw] == i)
        ys, xs = np.nonzero(ink)
        # real glyphs, not a cluster of scanner specks: enough ink, letter-sized extent
        if (
            len(ys) < s.glyph_min_ink * h * h
            or ys.max() - ys.min() < s.glyph_min_height * h
            or xs.max() - xs.min() < s.glyph_min_width * h
        ):
            continue
        regions.append((int(x), int(y), int(bw), int(bh)))
    limit = s.max_missed_regions if max_regions is None else max_regions
    if not regions or len(regions) > limit:  # none, or a noisy page: not worth it
        return []
    return [
        w
        for ws in ocr_crops(img, regions, dpi, pad=h, settings=s)
        for w in ws
        if w.conf >= s.min_conf and sum(ch.isalnum() for ch in w.text) >= s.missed_min_alnum
    ]


def ocr_crops(
    img: np.ndarray,
    boxes: list[tuple[int, int, int, int]],
    dpi: int,
    pad: int | None = None,
    psm: int | None = None,
    settings: OcrSettings = OCR_SETTINGS,
) -> list[list[Word]]:
    """OCR several small regions (x, y, w, h) with one Tesseract run: the crops are stacked on a
    blank canvas `pad` apart (default `settings.crop_pad`), and each word found goes back to its
    region, in page coordinates. `psm` defaults to `settings.crop_psm`."""
    import numpy as np

    if not boxes:
        return []
    pad = settings.crop_pad if pad is None else pad
    psm = settings.crop_psm if psm is None else psm
    stacked = list(accumulate(bh + 2 * pad for _, _, _, bh in boxes))  # the stack's height after each box
    if len(boxes) > 1 and stacked[-1] > settings.max_stack_px:  # too tall for one image: in two halves
        half = next(k for k, h in enumerate(stacked) if h > stacked[-1] / 2) or 1
        return [
            *ocr_crops(img, boxes[:half], dpi, pad, psm, settings),
            *ocr_crops(img, boxes[half:], dpi, pad, psm, settings),
        ]
    width = max(bw for _, _, bw, _ in boxes) + 2 * pad
    height = stacked[-1]
    canvas = np.full((height, width), 255, np.uint8)
    offsets, y_off = [], 0
    for x, y, bw, bh in boxes:
        canvas[y_off + pad : y_off + pad + bh, pad : pad + bw] = img[y : y + bh, x : x + bw]
        offsets.append(y_off + pad)
        y_off += bh + 2 * pad
    found: list[list[Word]] = [[] for _ in boxes]
    for w in run_tesseract(encode_png(canvas), dpi, psm=psm, settings=settings):
        for k, ((x, y, bw, bh), top) in enumerate(zip(boxes, offsets)):
            if top - pad / 2 <= w.cy <= top + bh + pad / 2:
                dx, dy = x - pad, y - top
                found[k].append(
                    Word(w.text, w.x0 + dx, w.y0 + dy, w.x1 + dx, w.y1 + dy, w.conf, (-1 - k, 0, w.line[2]))
                )
                break
    return found


def page_confidence(words: list[Word]) -> float:
    """Mean word confidence weighted by word length, 0.0-1.0 (0.0 for a page without words)."""
    scored = [(w.conf, len(w.text)) for w in words if w.conf >= 0]
    total = sum(n for _, n in scored)
    return round(sum(c * n for c, n in scored) / total / 100.0, 4) if total else 0.0
