"""OCR for PDF pages without a text layer: Tesseract (Vietnamese model) + img2table for ruled tables.

Public API (called by `extractors.pdf.backend` for the pages it finds without a text layer):

    ocr_pages(path, pages) -> OcrResult     # a dict {page (1-based): [Block, ...]} in reading order
    result.confidence[page]                 # mean word confidence of that page, 0.0-1.0
    result.seconds, result.dpi              # timing and render resolution, for reports

`OcrResult` *is* the `dict[int, list[Block]]` the PDF backend expects; the per-page confidence rides
along as an attribute so the backend can fill `Document.ocr_confidence` without a second call.
`extract(path)` OCRs every page of a PDF (file_format "pdf-ocr"); the PDF backend normally decides
per page and calls `ocr_pages` itself.
Every tolerance below (resolutions, deskew range, confidences, multiples of the line height) is a
field of `ocr_settings.OcrSettings`; the functions take `settings` (default `OCR_SETTINGS`).

Per page (pages run in parallel on a thread pool of size = cores; each Tesseract process gets
OMP_THREAD_LIMIT=1, since its OpenMP threads make one page ~7x slower on a small machine):
1. render with pypdfium2 (in the calling thread: pdfium is not thread-safe) at the resolution of
   the page's scanned image, clamped to 200-300 dpi (300 when there is no image), in colour so that
   red seals and stamps are dropped out of the print they cover (`ocr.ink`);
2. deskew (projection-profile search over ±5°), then Tesseract `--psm 3` TSV: words with boxes and
   confidences;
3. ruled tables: img2table finds the cell grid from the ruling lines (no OCR of its own: the words of
   step 2 are dropped into its cells), giving Table blocks with col_span / row_span / merged cells;
4. layout: words outside tables are grouped into visual lines (Tesseract's line ids, split at wide
   gaps), two-column zones (the header "UBND ... | CỘNG HÒA ..." and the signature block) are read
   column by column, and lines are joined into one Paragraph per visual paragraph — a new paragraph
   starts at a list label ("1.", "a)", "-", "+"), an indented first line, after a line that ended
   short of the right margin, or after a larger vertical gap; page numbers are dropped;
5. repair of usual OCR slips that matter downstream: "1," → "1." for an item number at a
   paragraph's start, "Ð" (Icelandic eth) → "Đ", and in legal references "ND-CP"/"QD-" → "NĐ-CP"/"QĐ-",
   "l"/"I"/"|" read for "/" between digits, "O" read for "0" inside numbers.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.model import Block, Document, ExtractionError, Paragraph, Table, clean_text
from extractors.ocr.aligned import read_label_column
from extractors.ocr.grid import find_tables, reocr_narrow_cells
from extractors.ocr.image import (
    INSTALL_HINT,
    LANG,
    check_available,
    deskew,
    encode_png,
    has_ruling_lines,
    Word,
    page_confidence,
    recover_missed,
    remove_rules,
    run_tesseract,
)
from extractors.ocr.ink import drop_red_ink, hide_seal_images
from extractors.ocr.layout import layout_page
from extractors.ocr.repair import repair_ocr_text
from extractors.ocr.settings import OCR_SETTINGS, OcrSettings
from extractors.ocr.tables import stitch_tables
from extractors.pdf.tables import PageTable

__all__ = [
    "OcrResult",
    "ocr_pages",
    "extract",
    "ocr_image",
    "check_available",
    "repair_ocr_text",
    "INSTALL_HINT",
    "LANG",
]

if TYPE_CHECKING:
    import numpy as np


# --------------------------------------------------------------------------- result
class OcrResult(dict):
    """{page: blocks} plus `confidence` {page: 0.0-1.0}, `dpi` {page: dpi}, `seconds` (wall time)."""

    def __init__(self):
        super().__init__()
        self.confidence: dict[int, float] = {}
        self.dpi: dict[int, int] = {}
        self.angle: dict[int, float] = {}
        self.seconds: float = 0.0
        self.warnings: list[str] = []
        self.failed: dict[int, str] = {}  # page -> why its OCR raised (the other pages are kept)


# --------------------------------------------------------------------------- rendering
def _workers() -> int:
    env = os.environ.get("VANBAN_OCR_THREADS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _native_dpi(page, settings: OcrSettings = OCR_SETTINGS) -> int:
    """Resolution of the largest image on the page (a scan's own dpi), clamped; the default if none."""
    try:
        import pypdfium2.raw as pdfium_c

        best = None
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
            bounds = obj.get_bounds() if hasattr(obj, "get_bounds") else obj.get_pos()
            left, bottom, right, top = bounds
            px_w, _ = obj.get_px_size()
            width_in = (right - left) / 72.0
            if width_in > settings.min_scan_width_in and (best is None or width_in > best[0]):
                best = (width_in, px_w / width_in)
        if best:
            return int(min(settings.max_dpi, max(settings.min_dpi, round(best[1]))))
    except Exception:  # noqa: BLE001 - dpi detection is an optimization only
        pass
    return settings.default_dpi


def _render(path: Path, pages: list[int], settings: OcrSettings = OCR_SETTINGS):
    """Yield (page, gray uint8 image, dpi, page size in points) for the given 1-based pages."""
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - pypdfium2 ships with pdfplumber
        yield from _render_pdftoppm(path, pages, settings.default_dpi)
        return
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # noqa: BLE001 - pdfium raises PdfiumError for any damage
        raise ExtractionError("corrupt_pdf", f"{path.name}: cannot open the PDF to render it for OCR ({exc})")
    try:
        n = len(pdf)
        for p in pages:
            if not 1 <= p <= n:
                continue
            page = pdf[p - 1]
            try:
                dpi = _native_dpi(page, settings)
                width_pt, height_pt = page.get_size()
                cap = settings.max_page_pixels
                if width_pt * height_pt * (dpi / 72.0) ** 2 > cap:  # absurd page size: cap pixels
                    dpi = max(settings.min_capped_dpi, int(72 * (cap / (width_pt * height_pt)) ** 0.5))
                hide_seal_images(page, settings)
                bitmap = page.render(scale=dpi / 72.0)  # in colour: red seals are dropped out
                img = bitmap.to_numpy()
                img = drop_red_ink(img, settings) if img.ndim == 3 else img.copy()
            except Exception as exc:  # noqa: BLE001
                raise ExtractionError("corrupt_pdf", f"{path.name}: page {p} cannot be rendered for OCR ({exc})")
            finally:
                page.close()
            yield p, img, dpi, (width_pt, height_pt)
    finally:
        pdf.close()


def _render_pdftoppm(path: Path, pages: list[int], dpi: int):  # pragma: no cover - fallback only
    import tempfile

    import cv2

    if not shutil.which("pdftoppm"):
        raise ExtractionError(
            "ocr_unavailable", "rendering pages needs pypdfium2 or pdftoppm (apt-get install poppler-utils)"
        )
    with tempfile.TemporaryDirectory(prefix="vanban-ocr-") as tmp:
        for p in pages:
            out = Path(tmp) / f"p{p}"
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    str(dpi),
                    "-gray",
                    "-png",
                    "-f",
                    str(p),
                    "-l",
                    str(p),
                    "-singlefile",
                    str(path),
                    str(out),
                ],
                capture_output=True,
                timeout=120,
            )
            img = cv2.imread(str(out) + ".png", cv2.IMREAD_GRAYSCALE)
            if img is None:
                raise ExtractionError("corrupt_pdf", f"{path.name}: page {p} cannot be rendered for OCR")
            h, w = img.shape
            yield p, img, dpi, (w * 72.0 / dpi, h * 72.0 / dpi)


# --------------------------------------------------------------------------- driver
@dataclass
class _PageOut:
    page: int
    blocks: list[Block] = field(default_factory=list)
    confidence: float = 0.0
    angle: float = 0.0
    dpi: int = 0
    open_end: bool = False
    continues: bool = False
    # what laying the page out again takes (a table overleaf without its header repeated)
    words: list[Word] = field(default_factory=list)
    img_h: int = 0
    ruled: bool = False
    tail: PageTable | None = None  # a table drawn without rulings that ends the page


def ocr_image(img: np.ndarray, page: int = 1, dpi: int | None = None, settings: OcrSettings = OCR_SETTINGS) -> _PageOut:
    """OCR one grayscale page image (numpy uint8, rendered at `dpi`, default
    `settings.default_dpi`) into blocks."""
    dpi = settings.default_dpi if dpi is None else dpi
    img, angle = deskew(img, settings=settings)
    ruled = has_ruling_lines(img, settings)
    text_img = remove_rules(img, settings) if ruled else img
    words = run_tesseract(encode_png(text_img, page), dpi, settings=settings)
    words += recover_missed(text_img, words, dpi, settings=settings)
    grids = find_tables(encode_png(img, page)) if ruled else []
    words = reocr_narrow_cells(text_img, grids, words, dpi, settings)
    if not grids:  # a task table without rulings: its rows start at the STT labels
        words = read_label_column(text_img, words, dpi, settings)
    lay = layout_page(words, grids, page, img.shape[0], 72.0 / dpi, settings)
    out = _PageOut(page, lay.blocks, page_confidence(words), angle, dpi, lay.open_end, lay.continues)
    out.words, out.img_h, out.ruled, out.tail = words, img.shape[0], bool(grids), lay.tail
    return out


def ocr_pages(path: Path, pages: list[int], settings: OcrSettings = OCR_SETTINGS) -> OcrResult:
    """OCR the given 1-based pages of a PDF. Returns {page: blocks in reading order} with
    `.confidence[page]` (0.0-1.0). Raises ExtractionError("ocr_unavailable") without Tesseract."""
    check_available()
    path = Path(path)
    start = time.perf_counter()
    result = OcrResult()
    pages = sorted(set(int(p) for p in pages))
    if not pages:
        return result
    with ThreadPoolExecutor(max_workers=min(_workers(), len(pages))) as pool:
        futures = [
            (p, pool.submit(ocr_image, img, p, dpi, settings)) for p, img, dpi, _ in _render(path, pages, settings)
        ]
        outs = []
        for p, future in futures:
            try:
                outs.append(future.result())
            except Exception as exc:  # noqa: BLE001 - one page Tesseract refuses must not lose the others
                result.failed[p] = f"{type(exc).__name__}: {exc}"
    outs.sort(key=lambda o: o.page)
    _continue_tables(outs, settings)
    for out in outs:
        result[out.page] = out.blocks
        result.confidence[out.page] = out.confidence
        result.dpi[out.page] = out.dpi
        result.angle[out.page] = out.angle
    _join_across_pages(result, outs)
    stitch_tables(result, settings)
    result.seconds = time.perf_counter() - start
    return result


def _continue_tables(outs: list[_PageOut], settings: OcrSettings) -> None:
    """A table drawn without rulings that runs to the page end and goes on overleaf without its
    header: the next page, laid out again with that table carried over, opens with its rest
    (read in its columns), which `stitch_tables` joins to it. Pages in order, so a table carries
    on over several pages."""
    for a, b in zip(outs, outs[1:]):
        if b.page != a.page + 1 or a.tail is None or b.ruled or (b.blocks and isinstance(b.blocks[0], Table)):
            continue
        lay = layout_page(b.words, [], b.page, b.img_h, 72.0 / b.dpi, settings, carry=a.tail)
        if lay.blocks and isinstance(lay.blocks[0], Table):
            b.blocks, b.open_end, b.continues, b.tail = lay.blocks, lay.open_end, lay.continues, lay.tail


def _join_across_pages(result: OcrResult, outs: list[_PageOut]) -> None:
    """A paragraph cut by a page break (last line of page k full to the margin, first line of
    page k+1 not indented and not a new item) is one paragraph, kept on page k."""
    for a, b in zip(outs, outs[1:]):
        if b.page != a.page + 1 or not (a.open_end and b.continues) or not result[a.page] or not result[b.page]:
            continue
        head, tail = result[a.page][-1], result[b.page][0]
        if isinstance(head, Paragraph) and isinstance(tail, Paragraph):
            head.text = clean_text(f"{head.text} {tail.text}")
            result[b.page] = result[b.page][1:]


def extract(path: Path, settings: OcrSettings = OCR_SETTINGS) -> Document:
    """OCR every page of a PDF into a Document (file_format "pdf-ocr")."""
    path = Path(path)
    try:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        n = len(pdf)
        pdf.close()
    except ImportError:  # pragma: no cover
        n = int(
            re.search(
                r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
            ).group(1)
        )
    except Exception as exc:  # noqa: BLE001
        raise ExtractionError("corrupt_pdf", f"{path.name}: the PDF cannot be opened ({exc})")
    res = ocr_pages(path, list(range(1, n + 1)), settings)
    blocks = [b for p in sorted(res) for b in res[p]]
    return Document(
        source_file=str(path),
        file_format="pdf-ocr",
        blocks=blocks,
        page_count=n,
        ocr_confidence=[res.confidence.get(p, 0.0) for p in range(1, n + 1)],
    )
