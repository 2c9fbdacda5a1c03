"""Task tables without ruling lines on a scanned page: the page's OCR words, turned into
text-layer words in points, go through the PDF backend's column alignment
(`extractors.pdf.aligned`): a scan and a text PDF of one borderless table are read by one code
path (columns from the header cells and the gutters under them, rows from the STT column).

OCR gives no fonts: every word gets the page's body font size, estimated from the height of the
words' boxes (a box spans about `ocr_box_to_size` of the font size), and no bold, so a header is
found by its "STT"/"TT" first cell rather than by its weight."""

from __future__ import annotations

import re
import statistics

from extractors.model import Table
from extractors.ocr.image import Word
from extractors.ocr.settings import OCR_SETTINGS, OcrSettings
from extractors.ocr.tables import fix_section_labels
from extractors.pdf import layout as pdf_layout
from extractors.pdf.aligned import aligned_tables
from extractors.pdf.settings import DEFAULT_SETTINGS
from extractors.pdf.tables import PageTable, stitch_group
from extractors.pdf.text import normal_pitches

_STT = re.compile(r"^(?:stt|tt)$", re.IGNORECASE)
_LABEL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-ZĐ])[.)]?$")


def ocr_aligned_tables(
    words: list[Word], page: int, scale: float, settings: OcrSettings = OCR_SETTINGS, carry: PageTable | None = None
) -> tuple[list[tuple[float, Table, PageTable]], list[Word]]:
    """Column-aligned task tables among a page's OCR words (pixel boxes; `scale`: pixels to
    points). Returns (top in pixels, table, its page table) triples and the words left outside
    them. `carry`: the previous page's table when it ran to the page end: the lines opening
    this page that keep to its columns continue it (its header not repeated overleaf)."""
    if not words:
        return [], words
    heights = [w.y1 - w.y0 for w in words if any(ch.isalpha() for ch in w.text)]
    if not heights:
        return [], words
    size = statistics.median(heights) * scale / settings.ocr_box_to_size
    made: dict[int, Word] = {}
    pdf_words = []
    for w in words:
        pw = pdf_layout.Word(
            text=w.text,
            x0=w.x0 * scale,
            x1=w.x1 * scale,
            top=w.y0 * scale,
            bottom=w.y1 * scale,
            size=size,
            n_chars=len(w.text.replace(" ", "")),
        )
        made[id(pw)] = w
        pdf_words.append(pw)
    lines = pdf_layout.group_lines(pdf_words, DEFAULT_SETTINGS, page=page)
    tables, rest = aligned_tables(lines, page, DEFAULT_SETTINGS, carry=carry)
    out = []
    for pt in tables:
        pitches = normal_pitches([cell.lines for cell in pt.cells()])
        table = stitch_group([pt], pitches, DEFAULT_SETTINGS)
        fix_section_labels(table)  # "HỊ" for a lone "II" in the STT column
        out.append((pt.bbox[1] / scale, table, pt))
    left = [made[id(pw)] for ln in rest for pw in ln.words]
    left_ids = {id(w) for w in left}
    return out, [w for w in words if id(w) in left_ids]


def read_label_column(img, words: list[Word], dpi: int, settings: OcrSettings = OCR_SETTINGS) -> list[Word]:
    """The words of the STT column under an "STT"/"TT" header cell read again as one strip:
    page segmentation drops a lone "1" or reads "II" as "H" in a column without rulings, and the
    rows of such a table start at those labels. Returns the page's words with the strip's words
    in place of those they overlap."""
    from extractors.ocr.image import ocr_crops

    heads = [w for w in words if _STT.match(w.text.strip(".,:;'\"|"))]
    if not heads:
        return words
    h = statistics.median(w.y1 - w.y0 for w in words)
    out = list(words)
    for head in heads:
        pad = int(settings.label_strip_pad * h)
        x0, x1 = max(0, head.x0 - pad), min(img.shape[1], head.x1 + pad)
        y0 = head.y1 + 1
        if img.shape[0] - y0 < 2 * h:
            continue
        box = (x0, y0, x1 - x0, img.shape[0] - y0)
        strip = ocr_crops(img, [box], dpi, psm=6, settings=settings)[0]
        strip = [w for w in strip if w.conf >= settings.min_conf and _LABEL.match(w.text)]
        if not strip:
            continue
        out = [w for w in out if not any(_overlap(w, o) for o in strip)] + strip
    return out


def _overlap(a: Word, b: Word) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1
