"""PDF backend (text layer): a PDF into the document model (`extractors.model.Document`).

Each page is parsed once by pdfplumber/pdfminer (`page.chars`, `page.lines`, `page.rects` all come
from the same parse; pdfplumber's own layout and table finder are not run) and then released
(`page.close()`), so memory stays bounded by one page plus the light per-page word lists.

Per page (the geometry lives in pdf_layout, pdf_rulings, pdf_tables, pdf_borderless, pdf_text and
pdf_paragraphs; every tolerance in `pdf_settings.PdfTableSettings`):
1. chars -> words (space glyphs and gaps, fonts -> bold/italic), ruling lines -> ruled grids;
   words inside a grid go to its cells, the others are the page's free lines;
2. page numbers and running headers/footers (first/last free line in the top/bottom zone that is
   a page number, or repeats on many pages) are dropped;
3. task tables without vertical rulings (columns under a header line, rows from the STT column:
   `pdf_aligned`), then other column-aligned free text (header "UBND ... | CỘNG HÒA ...",
   signature block) become borderless tables.
Then for the document:
4. page tables are stitched into logical tables (continuation pages, repeated headers, rows broken
   by a page break, vertical merges — see `pdf_tables.stitch_group`);
5. free lines become one Paragraph per visual paragraph (wrapped lines joined; a new paragraph at
   a first-line indent, a larger vertical gap, a line that stopped short although the next word
   would have fitted, a list label after a finished sentence, a change of font size or of
   centring), also across page breaks;
6. pages with (almost) no text layer go to `extractors.ocr.backend.ocr_pages` when it exists; its
   blocks are put in page order. Without it (or when it fails) a warning is recorded.

Errors: encrypted -> ExtractionError("encrypted_pdf"), unparsable/truncated -> "corrupt_pdf",
absurd page count -> "hostile_file"; never a traceback.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from extractors.model import Block, Document, ExtractionError, Table
from extractors.pdf.aligned import aligned_tables
from extractors.pdf.borderless import borderless_tables
from extractors.pdf.garbage import drop_unmapped, garbage_reason, lost_letters_reason
from extractors.pdf.layout import VisualLine, group_lines, layout_objects
from extractors.pdf.words import chars_to_words, vertical_words
from extractors.pdf.pdfium.layer import PageObjects, PdfiumPages
from extractors.pdf.paragraphs import Margins, ParagraphBuilder, drop_running_lines, page_margins
from extractors.pdf.rulings import Ruling, find_grids, rulings_from_objects
from extractors.pdf.signatures import merge_stamps, page_signatures
from extractors.pdf.tables import (
    DEFAULT_SETTINGS,
    PageTable,
    PdfTableSettings,
    assign_words,
    build_page_table,
    group_page_tables,
    stitch_group,
)
from extractors.pdf.text import normal_pitches
from extractors.safety import LIMITS


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[VisualLine] = field(default_factory=list)  # free lines (outside tables)
    tables: list[PageTable] = field(default_factory=list)
    text_chars: int = 0
    image_share: float = 0.0  # of the page's area, covered by its largest image
    garbage: str | None = None  # why the text layer cannot be trusted (`pdf.garbage`): read by OCR
    ocr_blocks: list[Block] | None = None
    rules: list[Ruling] = field(default_factory=list)  # horizontal rulings outside ruled grids

    def is_scan(self, settings: PdfTableSettings) -> bool:
        """No text layer under an image; or a page-sized image under only a line or two of text (a
        certified copy's "SAO Y; <office>; <date>" stamp, a signature's label set over a scan)."""
        if self.image_share <= 0:
            return False
        return self.text_chars < settings.min_text_chars or (
            self.image_share >= settings.scan_image_share and self.text_chars < settings.max_overlay_chars
        )

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
    if (
        name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning", "PDFTextExtractionNotAllowed")
        or "encrypt" in name.lower()
    ):
        return ExtractionError("encrypted_pdf", f"{path.name}: the PDF is password-protected")
    detail = str(cause).strip() or name
    if name in ("PSEOF",) or "EOF" in detail:
        detail = "the file ends too early (truncated?)"
    return ExtractionError("corrupt_pdf", f"{path.name}: the PDF cannot be parsed ({detail[:200]})")


# ---------------------------------------------------------------------------------------------
# one page


def _page_objects(page) -> tuple[list[dict], list[dict], list[dict], bool]:
    """chars, lines, rects and "has images" of a page, read straight from pdfminer's layout
    (`layout_objects`: pdfplumber's coordinates without its per-object attribute conversion)."""
    return layout_objects(page.layout._objs, float(page.height), float(page.mediabox[0]), float(page.mediabox[1]))


def _read_page(
    page, number: int, settings: PdfTableSettings, stamps: list[dict], objects: PageObjects | None = None
) -> _Page:
    if objects is None:
        chars, lines, rects, image_areas = _page_objects(page)
    else:
        chars, lines, rects, image_areas = objects.chars, objects.lines, objects.rects, objects.image_areas
    garbage = garbage_reason([c["text"] for c in chars]) or lost_letters_reason(chars)
    chars = merge_stamps(drop_unmapped(chars), stamps)
    words = chars_to_words(chars, settings)
    rulings = rulings_from_objects(lines, rects, settings)
    out = _Page(number=number, width=float(page.width), height=float(page.height))
    out.text_chars = sum(w.n_chars for w in words)
    out.image_share = max(image_areas, default=0.0) / (out.width * out.height or 1.0)
    out.garbage = garbage
    rotated = vertical_words(chars, settings)  # header cells set vertically: read inside ruled tables only
    free = words + rotated
    grids = find_grids(rulings, settings)
    for grid in grids:
        pt = build_page_table(grid, number, settings)
        free = assign_words(pt, free, settings)
        if any(c.words for c in pt.cells()):
            out.tables.append(pt)
    outside = {id(w) for w in rotated}
    free = [w for w in free if id(w) not in outside]
    tol = settings.snap_tolerance
    out.rules = [
        r
        for r in rulings
        if r.horizontal
        and not any(
            g.xs[0] - tol <= r.start and r.end <= g.xs[-1] + tol and g.ys[0] - tol <= r.pos <= g.ys[-1] + tol
            for g in grids
        )
    ]
    out.lines = group_lines(free, settings, page=number)
    return out


# ---------------------------------------------------------------------------------------------
# OCR


def _ocr(path: Path, pages: list[int], doc: Document, n_pages: int) -> dict[int, list[Block]]:
    """OCR of the pages without a usable text layer; when OCR cannot run, the pages are left out
    with a `doc.issues` entry (an errors row: an error when they were all the pages), never silently."""

    def skipped(code: str, why: str) -> dict:
        message = f"page(s) {_page_list(pages)} have no usable text layer and were not OCR'd ({why})"
        doc.warnings.append(f"{code}: {message}")
        doc.issues.append((code, "error" if len(pages) == n_pages else "warning", message))
        return {}

    try:
        ocr_backend = importlib.import_module("extractors.ocr.backend")
    except ImportError as exc:  # a missing or broken OCR dependency (opencv, numpy …)
        return skipped("ocr_unavailable", f"the OCR backend cannot be imported: {exc}")
    try:
        result = ocr_backend.ocr_pages(path, pages)
    except ExtractionError as exc:
        return skipped(exc.code, exc.message)
    except Exception as exc:  # an OCR bug must not lose the pages that have a text layer
        return skipped("internal_error", f"{type(exc).__name__}: {exc}")
    doc.warnings.extend(getattr(result, "warnings", []) or [])
    if failed := getattr(result, "failed", None):
        lost = sorted(failed)
        message = f"page(s) {_page_list(lost)} were not OCR'd ({failed[lost[0]]})"
        doc.warnings.append(f"internal_error: {message}")
        doc.issues.append(("internal_error", "error" if len(lost) == n_pages else "warning", message))
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
    doc = Document(source_file=str(path), file_format="pdf")
    pages = _read_pages(path, doc, settings)
    # pages without a text layer, or with one that lies -> OCR
    scanned = [p.number for p in pages if p.is_scan(settings) or p.garbage]
    garbage = [p for p in pages if p.garbage]
    if garbage:
        doc.warnings.append(
            "garbage_text_layer: "
            + "; ".join(f"page {p.number}: {p.garbage}" for p in garbage)
            + " (read again by OCR)"
        )
    if scanned:
        ocr = _ocr(path, scanned, doc, len(pages))
        for p in pages:
            if p.number in ocr:
                p.ocr_blocks = list(ocr[p.number])
                p.lines, p.tables = [], []
        if len(ocr) == len(pages):
            doc.file_format = "pdf-ocr"
    carry = None
    for p in pages:  # before the running headers go: a repeated table header is not one
        if p.ocr_blocks is None:
            aligned, p.lines = aligned_tables(p.lines, p.number, settings, carry=carry, rules=p.rules)
            p.tables += aligned
            foot = (1 - settings.footer_zone_ratio) * p.height
            carry = aligned[-1] if aligned and not any(aligned[-1].bbox[3] < ln.top < foot for ln in p.lines) else None
    drop_running_lines(pages, settings)
    margins = page_margins(pages, settings)
    for p in pages:
        if p.ocr_blocks is None:
            _page_layout(p, margins.get(p.size_class), settings)
    doc.blocks = _blocks(pages, margins, settings)
    return doc


def _read_pages(path: Path, doc: Document, settings: PdfTableSettings) -> list[_Page]:
    """Parse every page once (then release it); a damaged page is skipped with a warning."""
    import pdfplumber
    from pdfminer.pdfinterp import PDFResourceManager

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer: PDFSyntaxError, PSEOF, PDFPasswordIncorrect, ...
        raise _error_for(path, exc) from None
    pages: list[_Page] = []
    failed: list[int] = []
    first_error: BaseException | None = None
    fast: PdfiumPages | None = None
    try:
        try:
            n_pages = len(pdf.pages)
        except Exception as exc:
            raise _error_for(path, exc) from None
        if n_pages == 0:
            raise ExtractionError("corrupt_pdf", f"{path.name}: the PDF has no pages")
        if n_pages > LIMITS.max_pages:  # more pages than any plan: a hostile or broken file
            raise ExtractionError("hostile_file", f"{path.name}: {n_pages} pages (more than {LIMITS.max_pages})")
        doc.page_count = n_pages
        file_size = path.stat().st_size
        rsrcmgr = PDFResourceManager(caching=True)
        fast = _open_pdfium(path, n_pages) if settings.text_layer == "pdfium" else None
        for i, page in enumerate(pdf.pages, start=1):
            stamps: list[dict] = []
            objects = None
            if page.page_obj.annots:
                stamps = _signatures(page, i, file_size, rsrcmgr, doc)
            elif fast is not None:
                objects = _pdfium_page(fast, page, i, rsrcmgr, settings)
            try:
                pages.append(_read_page(page, i, settings, stamps, objects))
            except Exception as exc:  # one damaged page: note it, read the others
                failed.append(i)
                first_error = first_error or exc
            finally:
                page.close()
    finally:
        pdf.close()
        if fast is not None:
            fast.close()
    doc.signatures.sort(key=lambda sig: sig.signed_bytes or 0)  # signing order: each signs a longer revision
    if not pages:
        raise (
            _error_for(path, first_error)
            if first_error
            else ExtractionError("corrupt_pdf", f"{path.name}: no page can be read")
        )
    if failed:
        doc.warnings.append(f"corrupt_pdf: page(s) {_page_list(failed)} cannot be parsed and were skipped")
    return pages


def _open_pdfium(path: Path, n_pages: int) -> PdfiumPages | None:
    """The pdfium reading of a document pdfminer has opened, when pdfium opens it too and counts
    the same pages (else every page is pdfminer's)."""
    try:
        fast = PdfiumPages(str(path))
    except Exception:  # noqa: BLE001 - pdfium refuses what pdfminer reads: pdfminer reads it
        return None
    if len(fast) != n_pages:
        fast.close()
        return None
    return fast


def _pdfium_page(fast: PdfiumPages, page, number: int, rsrcmgr, settings: PdfTableSettings) -> PageObjects | None:
    """A page's objects read by pdfium, or None where pdfminer is to read it (`layer.Fallback`)."""
    try:
        return fast.read(number - 1, page, rsrcmgr, settings)
    except Exception:  # noqa: BLE001 - layer.Fallback, or anything pdfium or a font trips on: pdfminer reads the page
        return None


def _signatures(page, number: int, file_size: int, rsrcmgr, doc: Document) -> list[dict]:
    """Record the signatures whose widgets stand on the page; the chars of the values they stamp."""
    try:
        signatures, stamps = page_signatures(page, number, file_size, rsrcmgr)
    except Exception as exc:  # noqa: BLE001 - a malformed signature field must not lose the page
        doc.warnings.append(f"signature_unreadable: page {number}: {type(exc).__name__}")
        return []
    doc.signatures.extend(signatures)
    return stamps


def _page_layout(p: _Page, m: Margins | None, settings: PdfTableSettings) -> None:
    """Borderless tables among the page's free lines; which tables open and close the page."""
    extra, p.lines = borderless_tables(p.lines, p.number, settings, center=m.center if m else None)
    p.tables = sorted(p.tables + extra, key=lambda t: t.bbox[1])
    for t in p.tables:
        top, bottom = t.bbox[1], t.bbox[3]
        t.first_on_page = not any(ln.top < top for ln in p.lines) and not any(
            o.bbox[3] <= top for o in p.tables if o is not t
        )
        t.last_on_page = not any(ln.bottom > bottom for ln in p.lines) and not any(
            o.bbox[1] >= bottom for o in p.tables if o is not t
        )


def _blocks(pages: list[_Page], margins: dict, settings: PdfTableSettings) -> list[Block]:
    """The document's blocks in reading order: logical tables where they start, paragraphs
    between them (continued over page breaks), OCR'd pages' blocks in their place."""
    cell_pitches = normal_pitches(c.lines for p in pages for t in p.tables for c in t.cells())
    body_pitches = normal_pitches(sorted(p.lines, key=lambda ln: ln.top) for p in pages)
    table_of: dict[int, Table | None] = {}  # page table -> its logical table (None: continued)
    for group in group_page_tables([t for p in pages for t in p.tables], settings):
        table_of[id(group[0])] = stitch_group(group, cell_pitches, settings)
        table_of.update((id(t), None) for t in group[1:])
    blocks: list[Block] = []
    paras = ParagraphBuilder(body_pitches, settings)
    prev_size = None
    for p in pages:
        if p.ocr_blocks is not None:
            blocks += paras.flush() + p.ocr_blocks
            prev_size = None
            continue
        m = margins.get(p.size_class)
        if prev_size != p.size_class:  # portrait -> landscape: no paragraph runs on
            blocks += paras.flush()
        items = sorted(
            [(ln.top, 1, ln) for ln in p.lines] + [(t.bbox[1], 0, t) for t in p.tables], key=lambda it: (it[0], it[1])
        )
        for k, (_, kind, obj) in enumerate(items):
            if kind == 0:
                blocks += paras.flush()
                table = table_of.get(id(obj))
                if table is not None and table.rows:
                    blocks.append(table)
            else:
                obj.page_break_before = k == 0
                blocks += paras.add(obj, m)
        prev_size = p.size_class
    return blocks + paras.finish()
