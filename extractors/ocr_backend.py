"""OCR for PDF pages without a text layer: Tesseract (Vietnamese model) + img2table for ruled tables.

Public API (called by `extractors.pdf_backend` for the pages it finds without a text layer):

    ocr_pages(path, pages) -> OcrResult     # a dict {page (1-based): [Block, ...]} in reading order
    result.confidence[page]                 # mean word confidence of that page, 0.0-1.0
    result.seconds, result.dpi              # timing and render resolution, for reports

`OcrResult` *is* the `dict[int, list[Block]]` the PDF backend expects; the per-page confidence rides
along as an attribute so the backend can fill `Document.ocr_confidence` without a second call.
`extract(path)` OCRs every page of a PDF (file_format "pdf-ocr"); the PDF backend normally decides
per page and calls `ocr_pages` itself.

Per page (pages run in parallel on a thread pool of size = cores; each Tesseract process gets
OMP_THREAD_LIMIT=1, since its OpenMP threads make one page ~7x slower on a small machine):
1. render with pypdfium2 (in the calling thread: pdfium is not thread-safe) at the resolution of
   the page's scanned image, clamped to 200-300 dpi (300 when there is no image);
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

import csv
import io
import os
import re
import shutil
import subprocess
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from statistics import median

from extractors.model import Block, Cell, Document, ExtractionError, Paragraph, Row, Table, clean_text

LANG = "vie"
MIN_DPI, MAX_DPI, DEFAULT_DPI = 200, 300, 300
TESSERACT_TIMEOUT_S = 120  # one page; a hung tesseract must not hang the batch
INSTALL_HINT = "install tesseract-ocr and tesseract-ocr-vie (apt-get install tesseract-ocr tesseract-ocr-vie)"


class OcrResult(dict):
    """{page: blocks} plus `confidence` {page: 0.0-1.0}, `dpi` {page: dpi}, `seconds` (wall time)."""

    def __init__(self):
        super().__init__()
        self.confidence: dict[int, float] = {}
        self.dpi: dict[int, int] = {}
        self.angle: dict[int, float] = {}
        self.seconds: float = 0.0
        self.warnings: list[str] = []


# --------------------------------------------------------------------------- availability
@lru_cache(maxsize=1)
def _tesseract_status() -> str | None:
    """None when tesseract with the Vietnamese model is usable, else what is missing."""
    exe = shutil.which("tesseract")
    if not exe:
        return "the tesseract program is not installed"
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"tesseract cannot be run ({exc})"
    langs = {line.strip() for line in (out.stdout + out.stderr).splitlines()}
    if LANG not in langs:
        return "the Vietnamese model (vie.traineddata) is not installed"
    return None


def check_available() -> None:
    """Raise ExtractionError("ocr_unavailable") when Tesseract or its Vietnamese model is missing."""
    problem = _tesseract_status()
    if problem:
        raise ExtractionError("ocr_unavailable", f"OCR needed but {problem}: {INSTALL_HINT}")


def _workers() -> int:
    env = os.environ.get("VANBAN_OCR_THREADS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


# --------------------------------------------------------------------------- rendering
def _native_dpi(page) -> int:
    """Resolution of the largest image on the page (a scan's own dpi), clamped; 300 if none."""
    try:
        import pypdfium2.raw as pdfium_c
        best = None
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
            bounds = obj.get_bounds() if hasattr(obj, "get_bounds") else obj.get_pos()
            left, bottom, right, top = bounds
            px_w, _ = obj.get_px_size()
            width_in = (right - left) / 72.0
            if width_in > 1 and (best is None or width_in > best[0]):
                best = (width_in, px_w / width_in)
        if best:
            return int(min(MAX_DPI, max(MIN_DPI, round(best[1]))))
    except Exception:  # noqa: BLE001 - dpi detection is an optimization only
        pass
    return DEFAULT_DPI


def _render(path: Path, pages: list[int]):
    """Yield (page, gray uint8 image, dpi, page size in points) for the given 1-based pages."""
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - pypdfium2 ships with pdfplumber
        yield from _render_pdftoppm(path, pages)
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
                dpi = _native_dpi(page)
                width_pt, height_pt = page.get_size()
                if width_pt * height_pt * (dpi / 72.0) ** 2 > 120e6:  # absurd page size: cap pixels
                    dpi = max(50, int(72 * (120e6 / (width_pt * height_pt)) ** 0.5))
                bitmap = page.render(scale=dpi / 72.0, grayscale=True)
                img = bitmap.to_numpy().copy()
                if img.ndim == 3:
                    img = img[:, :, 0]
            except Exception as exc:  # noqa: BLE001
                raise ExtractionError("corrupt_pdf", f"{path.name}: page {p} cannot be rendered for OCR ({exc})")
            finally:
                page.close()
            yield p, img, dpi, (width_pt, height_pt)
    finally:
        pdf.close()


def _render_pdftoppm(path: Path, pages: list[int]):  # pragma: no cover - fallback only
    import tempfile

    import cv2
    if not shutil.which("pdftoppm"):
        raise ExtractionError("ocr_unavailable", "rendering pages needs pypdfium2 or pdftoppm (apt-get install poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="vanban-ocr-") as tmp:
        for p in pages:
            out = Path(tmp) / f"p{p}"
            subprocess.run(["pdftoppm", "-r", str(DEFAULT_DPI), "-gray", "-png", "-f", str(p), "-l", str(p),
                            "-singlefile", str(path), str(out)], capture_output=True, timeout=120)
            img = cv2.imread(str(out) + ".png", cv2.IMREAD_GRAYSCALE)
            if img is None:
                raise ExtractionError("corrupt_pdf", f"{path.name}: page {p} cannot be rendered for OCR")
            h, w = img.shape
            yield p, img, DEFAULT_DPI, (w * 72.0 / DEFAULT_DPI, h * 72.0 / DEFAULT_DPI)


# --------------------------------------------------------------------------- image
def estimate_skew(img) -> float:
    """Skew angle in degrees (counter-clockwise positive, as cv2) by projection-profile search."""
    import cv2
    import numpy as np
    h, w = img.shape[:2]
    scale = min(1.0, 1000.0 / max(h, w))
    small = cv2.resize(img, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else img
    _, binary = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    # drop isolated specks (scanner noise) so they do not flatten the profile
    binary = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    if binary.sum() == 0:
        return 0.0
    center = (binary.shape[1] / 2, binary.shape[0] / 2)

    def score(angle: float) -> float:
        m = cv2.getRotationMatrix2D(center, angle, 1.0)
        rot = cv2.warpAffine(binary, m, (binary.shape[1], binary.shape[0]), flags=cv2.INTER_NEAREST)
        profile = rot.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    best = max(np.arange(-5.0, 5.01, 0.5), key=score)
    best = max(np.arange(best - 0.5, best + 0.51, 0.1), key=score)
    return float(round(best, 2))


def deskew(img, min_angle: float = 0.15):
    """(image rotated straight, angle applied). Small angles are left alone."""
    import cv2
    angle = estimate_skew(img)
    if abs(angle) < min_angle:
        return img, 0.0
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255), angle


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


def run_tesseract(png: bytes, dpi: int, psm: int = 3) -> list[Word]:
    """Words of one page image (PNG bytes) with boxes and confidences (Tesseract TSV)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        proc = subprocess.run(["tesseract", "stdin", "stdout", "-l", LANG, "--psm", str(psm), "--dpi", str(dpi),
                               "tsv"], input=png, capture_output=True, env=env, timeout=TESSERACT_TIMEOUT_S)
    except FileNotFoundError:
        _tesseract_status.cache_clear()
        check_available()
        raise
    except subprocess.TimeoutExpired:
        raise ExtractionError("timeout", f"tesseract took longer than {TESSERACT_TIMEOUT_S} s on one page")
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExtractionError("ocr_unavailable" if "traineddata" in " ".join(msg) else "internal_error",
                              f"tesseract failed: {' '.join(msg[-3:])[:300]}")
    words = []
    reader = csv.DictReader(io.StringIO(proc.stdout.decode("utf-8", "replace")), delimiter="\t",
                            quoting=csv.QUOTE_NONE)
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


def recover_missed(img, words: list[Word], dpi: int, max_regions: int = 40) -> list[Word]:
    """Words Tesseract's page segmentation skipped (a short last line such as "xã." is often taken
    for noise): ink not covered by any word box, in text-sized blobs, is OCR'd again in one batch
    (crops stacked on a blank canvas, `--psm 6`) and mapped back to page coordinates."""
    import cv2
    import numpy as np
    if not words:
        return []
    h = int(median(w.y1 - w.y0 for w in words))
    _, binary = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    binary = cv2.morphologyEx(binary, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    for w in words:
        binary[max(0, w.y0 - 3):w.y1 + 3, max(0, w.x0 - 3):w.x1 + 3] = 0
    blobs = cv2.dilate(binary, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, h // 2), max(3, h // 4))))
    n, _, stats, _ = cv2.connectedComponentsWithStats(blobs)
    regions = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if not (0.5 * h <= bh <= 3 * h and bw >= 0.5 * h):
            continue
        if np.count_nonzero(binary[y:y + bh, x:x + bw]) < 0.05 * h * h:
            continue
        regions.append((int(x), int(y), int(bw), int(bh)))
    if not regions or len(regions) > max_regions:  # none, or a noisy page: not worth it
        return []
    pad = h
    width = max(bw for _, _, bw, _ in regions) + 2 * pad
    height = sum(bh + 2 * pad for _, _, _, bh in regions)
    canvas = np.full((height, width), 255, np.uint8)
    offsets, y_off = [], 0
    for x, y, bw, bh in regions:
        canvas[y_off + pad:y_off + pad + bh, pad:pad + bw] = img[y:y + bh, x:x + bw]
        offsets.append(y_off + pad)
        y_off += bh + 2 * pad
    ok, buf = cv2.imencode(".png", canvas)
    found = []
    for w in run_tesseract(buf.tobytes(), dpi, psm=6):
        if w.conf < 50 or not any(ch.isalnum() for ch in w.text):
            continue
        for k, ((x, y, bw, bh), top) in enumerate(zip(regions, offsets)):
            if top - pad / 2 <= w.cy <= top + bh + pad / 2:
                dx, dy = x - pad, y - top
                found.append(Word(w.text, w.x0 + dx, w.y0 + dy, w.x1 + dx, w.y1 + dy, w.conf, (-1, k, w.line[2])))
                break
    return found


def page_confidence(words: list[Word]) -> float:
    """Mean word confidence weighted by word length, 0.0-1.0 (0.0 for a page without words)."""
    scored = [(w.conf, len(w.text)) for w in words if w.conf >= 0]
    total = sum(n for _, n in scored)
    return round(sum(c * n for c, n in scored) / total / 100.0, 4) if total else 0.0


# --------------------------------------------------------------------------- tables (img2table)
@dataclass
class _GridCell:
    bbox: tuple[int, int, int, int]
    row: int
    col: int
    col_span: int = 1
    row_span: int = 1
    first: "_GridCell | None" = None  # for a continuation of a vertical merge: the first cell


@dataclass
class _Grid:
    bbox: tuple[int, int, int, int]
    rows: list[list[_GridCell]]  # per row, the cells in column order (spanning cells once)
    n_cols: int


def find_tables(png: bytes) -> list[_Grid]:
    """Ruled tables on a page image: cell grids from img2table (no OCR; text is assigned later)."""
    try:
        from img2table.document import Image
    except ImportError:  # pragma: no cover - img2table is a dependency
        return []
    try:
        extracted = Image(src=png).extract_tables(ocr=None, implicit_rows=False, borderless_tables=False)
    except Exception:  # noqa: BLE001 - a table finder failure must not lose the page's text
        return []
    grids = []
    for tab in extracted:
        content = list(tab.content.values())
        if not content:
            continue
        n_cols = max(len(r) for r in content)
        if len(content) < 2 and n_cols < 2:
            continue
        seen: dict[tuple, _GridCell] = {}
        rows: list[list[_GridCell]] = []
        for ri, cells in enumerate(content):
            row: list[_GridCell] = []
            ci = 0
            while ci < len(cells):
                bb = cells[ci].bbox
                key = (bb.x1, bb.y1, bb.x2, bb.y2)
                span = 1
                while ci + span < len(cells) and (cells[ci + span].bbox.x1, cells[ci + span].bbox.y1,
                                                  cells[ci + span].bbox.x2, cells[ci + span].bbox.y2) == key:
                    span += 1
                gc = _GridCell(key, ri, ci, col_span=span)
                if key in seen:  # the same cell as in a row above: vertical merge
                    first = seen[key]
                    first.row_span += 1
                    gc.first = first
                else:
                    seen[key] = gc
                row.append(gc)
                ci += span
            rows.append(row)
        b = tab.bbox
        grids.append(_Grid((b.x1, b.y1, b.x2, b.y2), rows, n_cols))
    return grids


# --------------------------------------------------------------------------- layout
_LABEL_START = re.compile(
    r"^(?:[-+•–*]\s|\(?\d{1,2}(?:\.\d{1,2})*[.,)]\s|\(?\d{1,2}(?:\.\d{1,2})+\s|[a-zđ]\)\s|[IVX]{1,5}[.,]\s|[A-Đ][.)]\s)")
_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:trang\s*)?\d{1,3}(?:\s*[-–])?$", re.I)


@dataclass
class Line:
    words: list[Word]
    x0: float = 0
    y0: float = 0
    x1: float = 0
    y1: float = 0

    def __post_init__(self):
        self.words.sort(key=lambda w: w.x0)
        self.x0 = min(w.x0 for w in self.words)
        self.x1 = max(w.x1 for w in self.words)
        self.y0 = min(w.y0 for w in self.words)
        self.y1 = max(w.y1 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def _lines_from_words(words: list[Word], gap_factor: float = 2.2) -> list[Line]:
    """Visual lines: Tesseract's lines, split where the gap between words is column-wide."""
    by_key: dict[tuple, list[Word]] = defaultdict(list)
    for w in words:
        by_key[w.line].append(w)
    lines = []
    for ws in by_key.values():
        ws.sort(key=lambda w: w.x0)
        h = median(w.y1 - w.y0 for w in ws)
        seg = [ws[0]]
        for w in ws[1:]:
            if w.x0 - seg[-1].x1 > gap_factor * max(h, 10):
                lines.append(Line(seg))
                seg = []
            seg.append(w)
        lines.append(Line(seg))
    lines.sort(key=lambda ln: (ln.cy, ln.x0))
    return lines


def _group_rows(lines: list[Line]) -> list[list[Line]]:
    """Lines side by side (same height on the page) as one visual row, rows top to bottom."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: ln.cy):
        if rows:
            last = rows[-1]
            y0, y1 = min(x.y0 for x in last), max(x.y1 for x in last)
            overlap = min(y1, ln.y1) - max(y0, ln.y0)
            if overlap > 0.5 * min(ln.height, y1 - y0):
                last.append(ln)
                continue
        rows.append([ln])
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
    return rows


@dataclass
class _Geometry:
    left: float
    right: float
    line_h: float
    pitch: float
    column: bool = False  # a column of a two-column zone (header, signature): lines are centered

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2

    @property
    def width(self) -> float:
        return max(1.0, self.right - self.left)


def _cluster_edge(values: list[float], tol: float, lowest: bool) -> float:
    """The left (lowest=True) or right margin: the outermost value shared by several lines."""
    vals = sorted(values, reverse=not lowest)
    if not vals:
        return 0.0
    need = max(2, len(vals) // 6)
    for v in vals:
        if sum(1 for u in vals if abs(u - v) <= tol) >= need:
            return v
    return vals[0]


def _geometry(lines: list[Line]) -> _Geometry:
    line_h = median(ln.height for ln in lines) if lines else 30.0
    left = _cluster_edge([ln.x0 for ln in lines], 0.4 * line_h, lowest=True)
    right = _cluster_edge([ln.x1 for ln in lines], 0.4 * line_h, lowest=False)
    steps = [b.y1 - a.y1 for a, b in zip(lines, lines[1:]) if 0.8 * line_h < b.y1 - a.y1 < 2.5 * line_h]
    pitch = median(steps) if steps else 1.3 * line_h
    return _Geometry(left, right, line_h, pitch)


def _is_centered(ln: Line, g: _Geometry) -> bool:
    """Equal margins on both sides (in the flow: wider than a first-line indent)."""
    left, right = ln.x0 - g.left, g.right - ln.x1
    return abs(left - right) < 0.8 * g.line_h and (g.column or min(left, right) > 2.5 * g.line_h)


def _paragraphs(lines: list[Line], g: _Geometry) -> list[list[Line]]:
    """Group consecutive lines (one column, top to bottom) into visual paragraphs."""
    paras: list[list[Line]] = []
    for ln in lines:
        if paras and not _new_paragraph(paras[-1][-1], ln, paras[-1], g):
            paras[-1].append(ln)
        else:
            paras.append([ln])
    return paras


def _new_paragraph(prev: Line, ln: Line, cur: list[Line], g: _Geometry) -> bool:
    h = g.line_h
    if _LABEL_START.match(ln.text):
        return True
    if ln.y1 - prev.y1 > 1.25 * g.pitch or ln.y0 - prev.y1 > 1.2 * h:  # paragraph spacing
        return True
    if g.column:  # header/signature columns: a line wraps only when it fills the column
        return prev.x1 - prev.x0 < 0.85 * g.width
    if _is_centered(prev, g) or _is_centered(ln, g):
        # a centered title wraps only when its first line (nearly) fills the text block
        return not (_is_centered(ln, g) and prev.x1 - prev.x0 > 0.8 * g.width)
    first_word = ln.words[0].x1 - ln.words[0].x0
    if g.right - prev.x1 > first_word + 0.8 * h:  # the previous line ended short: it was the last
        return True
    cont_left = cur[1].x0 if len(cur) > 1 else g.left
    if ln.x0 > cont_left + 0.7 * h:  # indented first line
        return True
    return False


def _alignment(para: list[Line], g: _Geometry) -> str:
    if all(_is_centered(ln, g) for ln in para):
        return "center"
    if len(para) > 1 and all(g.right - ln.x1 < 0.5 * g.line_h for ln in para[:-1]):
        return "justify"
    if para[0].x0 > g.center:
        return "right"
    return "left"


def _join_lines(para: list[Line]) -> str:
    text = ""
    for ln in para:
        t = ln.text
        if text.endswith("-") and not text.endswith(" -") and t[:1].islower():  # hyphenated wrap
            text = text[:-1] + t
        else:
            text = f"{text} {t}" if text else t
    return text


# --------------------------------------------------------------------------- OCR slips
_NUM_COMMA = re.compile(r"^(\(?\d{1,2}(?:\.\d{1,2})*),(\s)")
_REF_FIXES = [
    (re.compile(r"(?<=[0-9])[lI|](?=\d{4}/)"), "/"),  # 45I2020/NĐ-CP
    (re.compile(r"(?<=/\d{4})[lI|](?=[A-ZĐ])"), "/"),  # 45/2020INĐ-CP
    (re.compile(r"\bN[DÐ]-?CP\b"), "NĐ-CP"),
    (re.compile(r"\bN[DÐĐ]CP\b"), "NĐ-CP"),
    (re.compile(r"\bQ[DÐ](?=-)"), "QĐ"),
    (re.compile(r"(?<=/)Q[DÐ]\b"), "QĐ"),
    (re.compile(r"(?<=\d)O(?=\d)|(?<=\d)O(?=/)|(?<=/)O(?=\d)"), "0"),
    (re.compile(r"(?<=\bngày )[oO](?=\d)"), "0"),
]


def repair_ocr_text(text: str, paragraph_start: bool = True) -> str:
    """Fix OCR slips that change meaning downstream (item numbers, legal reference symbols)."""
    text = text.replace("Ð", "Đ").replace("ð", "đ")
    if paragraph_start:
        text = _NUM_COMMA.sub(r"\1.\2", text)
    for rx, rep in _REF_FIXES:
        text = rx.sub(rep, text)
    return clean_text(text)


# --------------------------------------------------------------------------- page assembly
def _drop_noise(words: list[Word]) -> list[Word]:
    """Specks read as punctuation, ruling lines read as '|' or '_'."""
    out = []
    for w in words:
        t = w.text
        if not any(ch.isalnum() for ch in t) and (w.conf < 60 or set(t) <= set("|_—–-~`'\".,:;")):
            if t in ("-", "+", "•") and w.conf >= 60:  # a bullet
                out.append(w)
            continue
        out.append(w)
    return out


def _inside(w: Word, bbox, pad: float = 0) -> bool:
    x0, y0, x1, y1 = bbox
    return x0 - pad <= w.cx <= x1 + pad and y0 - pad <= w.cy <= y1 + pad


def _cell_lines(words: list[Word]) -> list[str]:
    """A cell's text as lines: wrapped lines joined, a new line at each list label."""
    if not words:
        return []
    lines = _lines_from_words(words, gap_factor=4.0)
    rows = _group_rows(lines)
    merged = [Line([w for ln in row for w in ln.words]) for row in rows]
    g = _geometry(merged)
    g.left = min(ln.x0 for ln in merged)
    g.right = max(ln.x1 for ln in merged)
    out = []
    for para in _paragraphs(merged, g):
        text = repair_ocr_text(_join_lines(para))
        if text:
            out.append(text)
    return out


def _grid_table(grid: _Grid, words: list[Word], page: int, scale: float) -> Table:
    by_cell: dict[int, list[Word]] = defaultdict(list)
    cells = [c for row in grid.rows for c in row if c.first is None]
    for w in words:
        for i, c in enumerate(cells):
            if _inside(w, c.bbox):
                by_cell[id(c)].append(w)
                break
    text_of = {id(c): _cell_lines(by_cell[id(c)]) for c in cells}
    rows = []
    for grow in grid.rows:
        out_cells = []
        for c in grow:
            src = c.first or c
            bbox = tuple(round(v * scale, 1) for v in c.bbox)
            if c.first is not None:
                out_cells.append(Cell(lines=list(text_of[id(src)]), col_span=c.col_span, merged=True, bbox=bbox))
            else:
                out_cells.append(Cell(lines=text_of[id(c)], col_span=c.col_span, row_span=c.row_span, bbox=bbox))
        rows.append(Row(cells=out_cells, page=page, page_end=page))
    n_cols = max(sum(c.col_span for c in r.cells) for r in rows) if rows else grid.n_cols
    return Table(rows=rows, n_cols=n_cols, page_start=page, page_end=page)


def _zones(rows: list[list[Line]], g: _Geometry) -> list[tuple[str, list[list[Line]]]]:
    """Split visual rows into ("flow", rows) and ("columns", rows) runs; a columns run is a stretch
    of rows that never cross the middle of the text block and has a row with text on both sides."""
    mid = g.center

    def crosses(ln: Line) -> bool:
        return ln.x0 < mid - g.line_h and ln.x1 > mid + g.line_h

    def side_row(row: list[Line]) -> bool:
        return not any(crosses(ln) for ln in row)

    def two_sided(row: list[Line]) -> bool:
        return any(ln.x1 <= mid for ln in row) and any(ln.x0 >= mid for ln in row)

    out: list[tuple[str, list[list[Line]]]] = []
    i = 0
    while i < len(rows):
        if side_row(rows[i]):
            j = i
            while j < len(rows) and side_row(rows[j]):
                j += 1
            run = rows[i:j]
            if any(two_sided(r) for r in run):
                # a paragraph's short last line just above the zone belongs to the flow
                while run and not two_sided(run[0]) and out and out[-1][0] == "flow" and \
                        abs(run[0][0].x0 - g.left) < g.line_h and g.right - out[-1][1][-1][-1].x1 < g.line_h:
                    out[-1][1].append(run.pop(0))
                out.append(("columns", run))
            else:
                out.append(("flow", run))
            i = j
        else:
            out.append(("flow", [rows[i]]))
            i += 1
    # merge adjacent flow runs
    merged: list[tuple[str, list[list[Line]]]] = []
    for kind, run in out:
        if not run:
            continue
        if merged and kind == "flow" and merged[-1][0] == "flow":
            merged[-1][1].extend(run)
        else:
            merged.append((kind, run))
    return merged


def _make_paragraph(para: list[Line], g: _Geometry, page: int, scale: float) -> Paragraph | None:
    text = repair_ocr_text(_join_lines(para))
    if not text:
        return None
    x0 = min(ln.x0 for ln in para) * scale
    bbox = (round(x0, 1), round(para[0].y0 * scale, 1), round(max(ln.x1 for ln in para) * scale, 1),
            round(para[-1].y1 * scale, 1))
    return Paragraph(text=text, page=page, alignment=_alignment(para, g), bbox=bbox)


@dataclass
class PageLayout:
    blocks: list[Block]
    open_end: bool = False  # the last block is a paragraph that runs on to the next page
    continues: bool = False  # the first block continues the previous page's last paragraph


def layout_page(words: list[Word], grids: list[_Grid], page: int, img_h: int, scale: float) -> PageLayout:
    """Blocks of one page in reading order from OCR words and table grids (pixel coordinates;
    `scale` converts pixels to PDF points for bboxes)."""
    words = _drop_noise(words)
    flow_info: dict[int, tuple[list[Line], _Geometry]] = {}
    placed: list[tuple[float, Block]] = []
    free = []
    in_table: dict[int, list[Word]] = defaultdict(list)
    for w in words:
        for gi, grid in enumerate(grids):
            if _inside(w, grid.bbox, pad=2):
                in_table[gi].append(w)
                break
        else:
            free.append(w)
    for gi, grid in enumerate(grids):
        placed.append((grid.bbox[1], _grid_table(grid, in_table[gi], page, scale)))
    lines = _lines_from_words(free)
    # page numbers / running marks in the top or bottom margin
    lines = [ln for ln in lines if not (_PAGE_NUMBER.match(ln.text) and (ln.y1 < 0.1 * img_h or ln.y0 > 0.9 * img_h))]
    if lines:
        g = _geometry(lines)
        # table bands cut the flow: paragraphs never run across a table
        cuts = sorted(grid.bbox[1] for grid in grids)
        for kind, run in _zones(_group_rows(lines), g):
            if kind == "flow":
                flow = [Line([w for ln in row for w in ln.words]) for row in run]
                segments: list[list[Line]] = [[]]
                for ln in flow:
                    if segments[-1] and any(segments[-1][-1].y1 <= c <= ln.y0 for c in cuts):
                        segments.append([])
                    segments[-1].append(ln)
                for seg in segments:
                    for para in _paragraphs(seg, g):
                        p = _make_paragraph(para, g, page, scale)
                        if p:
                            placed.append((para[0].y0, p))
                            flow_info[id(p)] = (para, g)
            else:
                left = [ln for row in run for ln in row if (ln.x0 + ln.x1) / 2 < g.center]
                right = [ln for row in run for ln in row if (ln.x0 + ln.x1) / 2 >= g.center]
                top = run[0][0].y0
                for k, col in enumerate((left, right)):
                    if not col:
                        continue
                    cg = _geometry(col)
                    cg.left, cg.right = min(ln.x0 for ln in col), max(ln.x1 for ln in col)
                    cg.column = True
                    for n, para in enumerate(_paragraphs(col, cg)):
                        p = _make_paragraph(para, cg, page, scale)
                        if p:  # keep the columns' order: all of the left one, then the right one
                            placed.append((top + k * 1e-3 + n * 1e-6, p))
    placed.sort(key=lambda t: t[0])
    out = PageLayout([b for _, b in placed])
    if out.blocks and id(out.blocks[-1]) in flow_info:
        para, g = flow_info[id(out.blocks[-1])]
        last = para[-1]
        out.open_end = (g.right - last.x1 < 0.8 * g.line_h and not _is_centered(last, g)
                        and not out.blocks[-1].text.endswith((".", ":", ";", "!", "?")))
    if out.blocks and id(out.blocks[0]) in flow_info:
        para, g = flow_info[id(out.blocks[0])]
        first = para[0]
        out.continues = (abs(first.x0 - g.left) < 0.7 * g.line_h and not _LABEL_START.match(first.text)
                         and not _is_centered(first, g))
    return out


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


def ocr_image(img, page: int = 1, dpi: int = 300) -> _PageOut:
    """OCR one grayscale page image (numpy uint8) into blocks."""
    import cv2
    img, angle = deskew(img)
    ok, buf = cv2.imencode(".png", img)
    if not ok:
        raise ExtractionError("internal_error", f"page {page}: cannot encode the page image")
    png = buf.tobytes()
    words = run_tesseract(png, dpi)
    words += recover_missed(img, words, dpi)
    grids = find_tables(png) if _has_long_lines(img) else []
    lay = layout_page(words, grids, page, img.shape[0], 72.0 / dpi)
    return _PageOut(page, lay.blocks, page_confidence(words), angle, dpi, lay.open_end, lay.continues)


def _has_long_lines(img) -> bool:
    """Cheap pre-check before img2table: are there long horizontal rules (a ruled table)?"""
    import cv2
    import numpy as np
    h, w = img.shape[:2]
    _, binary = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 8), 1))
    rules = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
    return int(np.count_nonzero(rules.max(axis=1))) >= 2


def ocr_pages(path: Path, pages: list[int]) -> OcrResult:
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
        futures = [pool.submit(ocr_image, img, p, dpi) for p, img, dpi, _ in _render(path, pages)]
        outs = [f.result() for f in futures]
    outs.sort(key=lambda o: o.page)
    for out in outs:
        result[out.page] = out.blocks
        result.confidence[out.page] = out.confidence
        result.dpi[out.page] = out.dpi
        result.angle[out.page] = out.angle
    _join_across_pages(result, outs)
    _stitch_tables(result)
    result.seconds = time.perf_counter() - start
    return result


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


def _stitch_tables(result: OcrResult) -> None:
    """A table that ends page k and one that starts page k+1 with the same columns are one table:
    the second's rows go to the first (a repeated header row dropped)."""
    pages = sorted(result)
    for a, b in zip(pages, pages[1:]):
        if b != a + 1 or not result[a] or not result[b]:
            continue
        last, first = result[a][-1], result[b][0]
        if not (isinstance(last, Table) and isinstance(first, Table) and last.n_cols == first.n_cols):
            continue
        rows = first.rows
        if rows and last.rows and rows[0].texts == last.rows[0].texts:
            rows = rows[1:]
        last.rows.extend(rows)
        last.page_end = first.page_end
        result[b] = result[b][1:]


def extract(path: Path) -> Document:
    """OCR every page of a PDF into a Document (file_format "pdf-ocr")."""
    path = Path(path)
    try:
        import pypdfium2 as pdfium
        pdf = pdfium.PdfDocument(str(path))
        n = len(pdf)
        pdf.close()
    except ImportError:  # pragma: no cover
        n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True,
                                                            text=True).stdout).group(1))
    except Exception as exc:  # noqa: BLE001
        raise ExtractionError("corrupt_pdf", f"{path.name}: the PDF cannot be opened ({exc})")
    res = ocr_pages(path, list(range(1, n + 1)))
    blocks = [b for p in sorted(res) for b in res[p]]
    return Document(source_file=str(path), file_format="pdf-ocr", blocks=blocks, page_count=n,
                    ocr_confidence=[res.confidence.get(p, 0.0) for p in range(1, n + 1)])
