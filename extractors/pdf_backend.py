"""PDF backend (text layer): a PDF into the document model (`extractors.model.Document`).

Each page is parsed once by pdfplumber/pdfminer (`page.chars`, `page.lines`, `page.rects` all come
from the same parse; pdfplumber's own layout and table finder are not run) and then released
(`page.close()`), so memory stays bounded by one page plus the light per-page word lists.

Per page (geometry in `extractors.pdf_tables`):
1. chars -> words (space glyphs and gaps, fonts -> bold/italic), ruling lines -> ruled grids;
   words inside a grid go to its cells, the others are the page's free lines;
2. page numbers and running headers/footers (first/last free line in the top/bottom zone that is
   a page number, or repeats on many pages) are dropped;
3. column-aligned free text without rulings (header "UBND ... | CỘNG HÒA ...", signature block)
   becomes a borderless table.
Then for the document:
4. page tables are stitched into logical tables (continuation pages, repeated headers, rows broken
   by a page break, vertical merges — see `pdf_tables.stitch_group`);
5. free lines become one Paragraph per visual paragraph (wrapped lines joined; a new paragraph at
   a first-line indent, a larger vertical gap, a line that stopped short although the next word
   would have fitted, a list label after a finished sentence, a change of font size or of
   centring), also across page breaks;
6. pages with (almost) no text layer go to `extractors.ocr_backend.ocr_pages` when it exists; its
   blocks are put in page order. Without it (or when it fails) a warning is recorded.

Errors: encrypted -> ExtractionError("encrypted_pdf"), unparsable/truncated -> "corrupt_pdf",
absurd page count -> "hostile_file"; never a traceback.
"""
from __future__ import annotations

import importlib
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from extractors.model import Block, Document, ExtractionError, Paragraph, Table
from extractors.pdf_tables import (DEFAULT_SETTINGS, PageTable, PdfTableSettings, VisualLine,
                                   assign_words, borderless_tables, build_page_table, chars_to_words,
                                   find_grids, group_lines, group_page_tables, is_hard_break, join_lines,
                                   normal_pitches, rulings_from_objects, stitch_group)

MAX_PAGES = 5000  # more pages than any plan: a hostile or broken file
MIN_TEXT_CHARS = 20  # a page with fewer non-space characters (and an image) has no text layer

_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:(?:trang|page)\s*)?\d{1,4}(?:\s*(?:/|của|of)\s*\d{1,4})?[-–—\s]*$",
                          re.IGNORECASE)


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[VisualLine] = field(default_factory=list)  # free lines (outside tables)
    tables: list[PageTable] = field(default_factory=list)
    text_chars: int = 0
    has_images: bool = False
    ocr_blocks: list[Block] | None = None

    @property
    def size_class(self) -> tuple[int, int]:
        return (round(self.width), round(self.height))


# ---------------------------------------------------------------------------------------------
# opening and errors


def _cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exceptions in PdfminerException(original)."""
    if type(exc).__name__ == "PdfminerException" and exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc


def _error_for(path: Path, exc: BaseException) -> ExtractionError:
    cause = _cause(exc)
    name = type(cause).__name__
    if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning",
                "PDFTextExtractionNotAllowed") or "encrypt" in name.lower():
        return ExtractionError("encrypted_pdf", f"{path.name}: the PDF is password-protected")
    detail = str(cause).strip() or name
    if name in ("PSEOF",) or "EOF" in detail:
        detail = "the file ends too early (truncated?)"
    return ExtractionError("corrupt_pdf", f"{path.name}: the PDF cannot be parsed ({detail[:200]})")


# ---------------------------------------------------------------------------------------------
# one page


def _page_objects(page) -> tuple[list[dict], list[dict], list[dict], bool]:
    """chars, lines, rects and "has images" of a page, read straight from pdfminer's layout.

    The same objects and coordinates as pdfplumber's `page.chars/.lines/.rects` (its
    `process_object` transform: top = height - y1 + mediabox top, x shifted by the mediabox
    left), without resolving the two dozen attributes per object that this backend never reads —
    that conversion is ~40 % of pdfplumber's parse time."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect

    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    chars: list[dict] = []
    lines: list[dict] = []
    rects: list[dict] = []
    has_images = False
    stack = [iter(page.layout._objs)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
            continue
        if isinstance(obj, LTChar):
            fontname = obj.fontname
            if isinstance(fontname, bytes):
                fontname = fontname.decode("latin-1", "replace")
            chars.append({"text": obj.get_text(), "x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0,
                          "top": height - obj.y1 + mb_top, "bottom": height - obj.y0 + mb_top,
                          "size": obj.size, "fontname": fontname, "upright": obj.upright})
        elif isinstance(obj, LTContainer):
            stack.append(iter(obj._objs))
        elif isinstance(obj, LTImage):
            has_images = True
        elif isinstance(obj, (LTLine, LTRect)):
            d = {"x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0, "top": height - obj.y1 + mb_top,
                 "bottom": height - obj.y0 + mb_top, "stroke": obj.stroke, "fill": obj.fill,
                 "stroking_color": obj.stroking_color, "non_stroking_color": obj.non_stroking_color}
            (lines if isinstance(obj, LTLine) else rects).append(d)
        elif isinstance(obj, LTCurve):
            pass  # curves (rounded boxes, stamps, signatures) are not rulings
    return chars, lines, rects, has_images


def _read_page(page, number: int, settings: PdfTableSettings) -> _Page:
    try:
        chars, lines, rects, has_images = _page_objects(page)
    except AttributeError:  # a pdfminer/pdfplumber without these internals: the public API
        chars, lines, rects, has_images = page.chars, page.lines, page.rects, bool(page.images)
    words = chars_to_words(chars, settings)
    rulings = rulings_from_objects(lines, rects, settings)
    out = _Page(number=number, width=float(page.width), height=float(page.height))
    out.text_chars = sum(w.n_chars for w in words)
    out.has_images = has_images
    free = words
    for grid in find_grids(rulings, settings):
        pt = build_page_table(grid, number, settings)
        free = assign_words(pt, free, settings)
        if any(c.words for c in pt.cells()):
            out.tables.append(pt)
    out.lines = group_lines(free, settings, page=number)
    return out


def _is_page_number(line: VisualLine) -> bool:
    return bool(_PAGE_NUMBER.match(line.text))


def _norm_running(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).casefold())


def drop_running_lines(pages: list[_Page], settings: PdfTableSettings = DEFAULT_SETTINGS) -> None:
    """Remove page numbers and running headers/footers (free lines in the top/bottom zones)."""
    def zone_lines(p: _Page):
        table_top = min((t.bbox[1] for t in p.tables), default=float("inf"))
        table_bottom = max((t.bbox[3] for t in p.tables), default=float("-inf"))
        lines = sorted(p.lines, key=lambda ln: ln.top)
        head = [ln for ln in lines[:2] if ln.top < settings.header_zone_ratio * p.height and ln.bottom <= table_top]
        foot = [ln for ln in lines[-2:] if ln.bottom > (1 - settings.footer_zone_ratio) * p.height
                and ln.top >= table_bottom]
        return head, foot

    zones = [zone_lines(p) for p in pages]
    counts: Counter = Counter()
    for head, foot in zones:
        keys = {_norm_running(ln.text) for ln in head + foot}
        counts.update(keys)
    n = len(pages)
    min_pages = max(3, settings.running_min_share * n)
    for p, (head, foot) in zip(pages, zones):
        drop = set()
        for ln in head[:1] + foot[-1:]:
            if _is_page_number(ln):
                drop.add(id(ln))
        for ln in head + foot:
            if n >= 3 and counts[_norm_running(ln.text)] >= min_pages:
                drop.add(id(ln))
        if drop:
            p.lines = [ln for ln in p.lines if id(ln) not in drop]


# ---------------------------------------------------------------------------------------------
# paragraphs


@dataclass
class _Margins:
    left: float
    right: float

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2


def _margins(pages: list[_Page]) -> dict[tuple[int, int], _Margins]:
    """The body text area per page size: the common left edge and the right edge of full lines
    (pages with little running text, e.g. landscape appendix pages, use their tables' extent)."""
    xs0: dict[tuple[int, int], Counter] = {}
    xs1: dict[tuple[int, int], list[float]] = {}
    tables: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for p in pages:
        for ln in p.lines:
            xs0.setdefault(p.size_class, Counter())[round(ln.x0)] += 1
            xs1.setdefault(p.size_class, []).append(ln.x1)
        for t in p.tables:
            if t.ruled:
                tables.setdefault(p.size_class, []).append((t.bbox[0], t.bbox[2]))
    out = {}
    for key, cnt in xs0.items():
        total = sum(cnt.values())
        common = sorted(x for x, k in cnt.items() if k >= max(2, 0.1 * total))
        left = float(common[0] if common else min(cnt))
        right_vals = sorted(xs1[key])
        right = right_vals[int(0.95 * (len(right_vals) - 1))]
        if total < 10 and key in tables:
            left = min(left, min(a for a, _ in tables[key]))
            right = max(right, max(b for _, b in tables[key]))
        out[key] = _Margins(left, right)
    return out


def _centered(ln: VisualLine, m: _Margins) -> bool:
    size = ln.size
    return (ln.x0 > m.left + 0.5 * size and ln.x1 < m.right - 0.5 * size
            and abs((ln.x0 + ln.x1) / 2 - m.center) < 0.15 * size + 2.0)


def _full(ln: VisualLine, m: _Margins) -> bool:
    return ln.x1 >= m.right - 2.0


def _new_paragraph(prev: VisualLine, ln: VisualLine, cur: list[VisualLine], m: _Margins,
                   pitches: dict[float, float], settings: PdfTableSettings) -> bool:
    if abs(prev.size - ln.size) > 0.6:
        return True
    if _centered(prev, m) and not _centered(ln, m):
        return True
    if not _centered(ln, m) and ln.x0 > prev.x0 + 0.5 * ln.size and (len(cur) > 1 or not _full(prev, m)):
        return True  # an indented first line
    return is_hard_break(prev, ln, pitches, settings)


def _alignment(lines: list[VisualLine], m: _Margins) -> str:
    size = lines[0].size
    symmetric = all(abs((ln.x0 + ln.x1) / 2 - m.center) < 0.15 * size + 2.0 for ln in lines)
    if symmetric and any(ln.x0 > m.left + 0.3 * size for ln in lines):
        return "center"
    if len(lines) >= 2 and all(_full(ln, m) for ln in lines[:-1]):
        return "justify"
    first = lines[0]
    if first.x1 >= m.right - 2.0 and first.x0 > m.left + 0.3 * (m.right - m.left):
        return "right"
    return "left"


def _paragraph(lines: list[VisualLine], m: _Margins, settings: PdfTableSettings) -> Paragraph | None:
    text = join_lines(lines, settings)
    if not text:
        return None
    n = sum(ln.n_chars for ln in lines)
    nb = sum(ln.n_bold for ln in lines)
    ni = sum(ln.n_italic for ln in lines)
    on_first = [ln for ln in lines if ln.page == lines[0].page]
    bbox = (round(min(ln.x0 for ln in on_first), 2), round(min(ln.top for ln in on_first), 2),
            round(max(ln.x1 for ln in on_first), 2), round(max(ln.bottom for ln in on_first), 2))
    return Paragraph(text=text, page=lines[0].page, bold=n > 0 and nb >= 0.9 * n,
                     italic=n > 0 and ni >= 0.9 * n, alignment=_alignment(lines, m),
                     indent=round(max(0.0, min(ln.x0 for ln in lines) - m.left), 1), bbox=bbox)


# ---------------------------------------------------------------------------------------------
# OCR


def _ocr(path: Path, pages: list[int], doc: Document) -> dict[int, list[Block]]:
    try:
        ocr_backend = importlib.import_module("extractors.ocr_backend")
    except ImportError:
        doc.warnings.append(f"ocr_unavailable: page(s) {_page_list(pages)} have no text layer and were "
                            "not OCR'd (no OCR backend)")
        return {}
    try:
        result = ocr_backend.ocr_pages(path, pages)
    except ExtractionError as exc:
        doc.warnings.append(f"{exc.code}: page(s) {_page_list(pages)} have no text layer and were not "
                            f"OCR'd ({exc.message})")
        return {}
    doc.warnings.extend(getattr(result, "warnings", []) or [])
    conf = getattr(result, "confidence", None)
    if conf:
        doc.ocr_confidence = [float(conf[p]) for p in pages if p in conf]
    return dict(result)


def _page_list(pages: list[int]) -> str:
    return ", ".join(map(str, pages))


# ---------------------------------------------------------------------------------------------
# entry point


def extract(path: Path, settings: PdfTableSettings = DEFAULT_SETTINGS) -> Document:
    """Read a PDF's text layer into the document model (raises ExtractionError)."""
    path = Path(path)
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(path)
    except ExtractionError:
        raise
    except Exception as exc:  # pdfminer: PDFSyntaxError, PSEOF, PDFPasswordIncorrect, ...
        raise _error_for(path, exc) from None
    doc = Document(source_file=str(path), file_format="pdf")
    pages: list[_Page] = []
    failed: list[int] = []
    try:
        try:
            n_pages = len(pdf.pages)
        except Exception as exc:
            raise _error_for(path, exc) from None
        if n_pages == 0:
            raise ExtractionError("corrupt_pdf", f"{path.name}: the PDF has no pages")
        if n_pages > MAX_PAGES:
            raise ExtractionError("hostile_file", f"{path.name}: {n_pages} pages (more than {MAX_PAGES})")
        doc.page_count = n_pages
        first_error: BaseException | None = None
        for i, page in enumerate(pdf.pages, start=1):
            try:
                pages.append(_read_page(page, i, settings))
            except Exception as exc:  # one damaged page: note it, read the others
                failed.append(i)
                first_error = first_error or exc
            finally:
                try:
                    page.close()
                except Exception:
                    pass
        if not pages:
            raise _error_for(path, first_error) if first_error else \
                ExtractionError("corrupt_pdf", f"{path.name}: no page can be read")
    finally:
        try:
            pdf.close()
        except Exception:
            pass
    if failed:
        doc.warnings.append(f"corrupt_pdf: page(s) {_page_list(failed)} cannot be parsed and were skipped")

    # pages without a text layer -> OCR
    scanned = [p.number for p in pages if p.text_chars < MIN_TEXT_CHARS and p.has_images]
    if scanned:
        ocr = _ocr(path, scanned, doc)
        for p in pages:
            if p.number in ocr:
                p.ocr_blocks = list(ocr[p.number])
                p.lines, p.tables = [], []
        if len(ocr) == len(pages):
            doc.file_format = "pdf-ocr"

    drop_running_lines(pages, settings)
    margins = _margins(pages)
    for p in pages:
        if p.ocr_blocks is None:
            m = margins.get(p.size_class)
            extra, p.lines = borderless_tables(p.lines, p.number, settings, center=m.center if m else None)
            p.tables = sorted(p.tables + extra, key=lambda t: t.bbox[1])
            for t in p.tables:
                t.first_on_page = not any(ln.top < t.bbox[1] for ln in p.lines) and \
                    not any(o.bbox[3] <= t.bbox[1] for o in p.tables if o is not t)
                t.last_on_page = not any(ln.bottom > t.bbox[3] for ln in p.lines) and \
                    not any(o.bbox[1] >= t.bbox[3] for o in p.tables if o is not t)

    cell_pitches = normal_pitches(ln_group for p in pages for t in p.tables for c in t.cells()
                                  for ln_group in [c.lines])
    body_pitches = normal_pitches(sorted(p.lines, key=lambda ln: ln.top) for p in pages)

    # logical tables
    all_tables = [t for p in pages for t in p.tables]
    table_of: dict[int, Table | None] = {}
    for group in group_page_tables(all_tables, settings):
        table = stitch_group(group, cell_pitches, settings)
        table_of[id(group[0])] = table
        for t in group[1:]:
            table_of[id(t)] = None

    # the block stream
    blocks: list[Block] = []
    para: list[VisualLine] = []
    para_m: _Margins | None = None

    def flush():
        nonlocal para
        if para and para_m is not None:
            p = _paragraph(para, para_m, settings)
            if p is not None:
                blocks.append(p)
        para = []

    prev_page: _Page | None = None
    for p in pages:
        if p.ocr_blocks is not None:
            flush()
            blocks.extend(p.ocr_blocks)
            prev_page = None
            continue
        m = margins.get(p.size_class)
        items: list[tuple[float, int, object]] = [(ln.top, 1, ln) for ln in p.lines]
        items += [(t.bbox[1], 0, t) for t in p.tables]
        items.sort(key=lambda it: (it[0], it[1]))
        first_on_page = True
        for _, kind, obj in items:
            if kind == 0:
                flush()
                table = table_of.get(id(obj))
                if table is not None and table.rows:
                    blocks.append(table)
                first_on_page = False
                continue
            ln: VisualLine = obj  # type: ignore[assignment]
            ln.box = (m.left, m.right) if m else None
            if first_on_page and para and prev_page is not None:
                ln.page_break_before = True
                if prev_page.size_class != p.size_class:
                    flush()
            first_on_page = False
            if para and para_m is not None and not _new_paragraph(para[-1], ln, para, m or para_m,
                                                                    body_pitches, settings):
                para.append(ln)
                continue
            flush()
            para = [ln]
            para_m = m
        prev_page = p
    flush()
    doc.blocks = blocks
    return doc
