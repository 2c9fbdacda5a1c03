"""Layout side of the OCR backend: OCR words (pixel boxes) and table grids of one page into
document-model blocks in reading order - two-column zones (letterhead, signature), paragraphs as
the text-layer backends make them, tables - on the visual lines of lines.py."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from extractors.model import Block, Paragraph
from extractors.ocr.aligned import ocr_aligned_tables
from extractors.ocr.grid import Grid
from extractors.ocr.image import Word
from extractors.ocr.lines import (
    LABEL_START,
    Geometry,
    Line,
    geometry,
    group_rows,
    inside,
    is_centered,
    join_lines,
    lines_from_words,
    paragraphs,
)
from extractors.ocr.repair import repair_ocr_text
from extractors.ocr.settings import OCR_SETTINGS, OcrSettings
from extractors.ocr.tables import grid_table
from extractors.pdf.tables import PageTable

_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:trang\s*)?\d{1,3}(?:\s*[-–])?$", re.I)


def _alignment(para: list[Line], g: Geometry, settings: OcrSettings = OCR_SETTINGS) -> str:
    if all(is_centered(ln, g, settings) for ln in para):
        return "center"
    if len(para) > 1 and all(g.right - ln.x1 < settings.justify_tolerance * g.line_h for ln in para[:-1]):
        return "justify"
    if para[0].x0 > g.center:
        return "right"
    return "left"


# --------------------------------------------------------------------------- page assembly
_BULLETS = {"-", "+", "•", "–", "*", "o"}


def _drop_noise(words: list[Word], settings: OcrSettings = OCR_SETTINGS) -> list[Word]:
    """Specks read as punctuation, ruling lines read as '|' or '_'. Bullets stay whatever their
    confidence (Tesseract often gives a clear "+" a confidence of 0)."""
    out = []
    for w in words:
        t = w.text
        if t in _BULLETS or any(ch.isalnum() for ch in t):
            out.append(w)
        elif w.conf >= settings.min_conf and not set(t) <= set("|_—~`'\".,:;^ˆ"):
            out.append(w)
    return out


def _zones(
    rows: list[list[Line]], g: Geometry, settings: OcrSettings = OCR_SETTINGS
) -> list[tuple[str, list[list[Line]]]]:
    """Split visual rows into ("flow", rows) and ("columns", rows) runs; a columns run is a stretch
    of rows that never cross the middle of the text block and has a row with text on both sides."""
    mid, cross, pull = g.center, settings.column_cross * g.line_h, settings.column_pull_back * g.line_h

    def crosses(ln: Line) -> bool:
        return ln.x0 < mid - cross and ln.x1 > mid + cross

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
                while (
                    run
                    and not two_sided(run[0])
                    and out
                    and out[-1][0] == "flow"
                    and abs(run[0][0].x0 - g.left) < pull
                    and g.right - out[-1][1][-1][-1].x1 < pull
                ):
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


def _make_paragraph(
    para: list[Line],
    g: Geometry,
    page: int,
    scale: float,
    body_left: float | None = None,
    settings: OcrSettings = OCR_SETTINGS,
) -> Paragraph | None:
    """indent: the paragraph's left edge from the text block's left margin, in points (as the
    PDF backend measures it: ~0 for a wrapped paragraph, the first-line indent for one line)."""
    text = repair_ocr_text(join_lines(para))
    if not text:
        return None
    left = min(ln.x0 for ln in para)
    bbox = (
        round(left * scale, 1),
        round(para[0].y0 * scale, 1),
        round(max(ln.x1 for ln in para) * scale, 1),
        round(para[-1].y1 * scale, 1),
    )
    ref = g.left if body_left is None else body_left
    return Paragraph(
        text=text,
        page=page,
        alignment=_alignment(para, g, settings),
        bbox=bbox,
        indent=round(max(0.0, left - ref) * scale, 1),
    )


def _speck_line(ln: Line, lines: list[Line]) -> bool:
    """A line that is one letter alone, with no text beside it: scanner noise, not a paragraph."""
    alnum = [ch for ch in ln.text if ch.isalnum()]
    if len(alnum) != 1 or alnum[0].isdigit():
        return False
    return not any(o is not ln and min(o.y1, ln.y1) - max(o.y0, ln.y0) > 0 for o in lines)


@dataclass
class PageLayout:
    blocks: list[Block]
    open_end: bool = False  # the last block is a paragraph that runs on to the next page
    continues: bool = False  # the first block continues the previous page's last paragraph
    tail: PageTable | None = None  # the table drawn without rulings that ends the page


def layout_page(
    words: list[Word],
    grids: list[Grid],
    page: int,
    img_h: int,
    scale: float,
    settings: OcrSettings = OCR_SETTINGS,
    carry: PageTable | None = None,
) -> PageLayout:
    """Blocks of one page in reading order from OCR words and table grids (pixel coordinates;
    `scale` converts pixels to PDF points for bboxes). `carry`: the previous page's table drawn
    without rulings, when it ran to that page's end (`PageLayout.tail`)."""
    s = settings
    words = _drop_noise(words, s)
    flow_info: dict[int, tuple[list[Line], Geometry]] = {}
    placed: list[tuple[float, Block]] = []
    free = []
    in_table: dict[int, list[Word]] = defaultdict(list)
    for w in words:
        for gi, grid in enumerate(grids):
            if inside(w, grid.bbox, pad=s.table_pad):
                in_table[gi].append(w)
                break
        else:
            free.append(w)
    for gi, grid in enumerate(grids):
        placed.append((grid.bbox[1], grid_table(grid, in_table[gi], page, scale, s)))
    aligned, free = ocr_aligned_tables(free, page, scale, s, carry)  # task tables drawn without rulings
    placed.extend((top, table) for top, table, _ in aligned)
    lines = lines_from_words(free, settings=s)
    # page numbers / running marks in the top or bottom margin; specks read as a lone "l" or "ị"
    top_zone, bottom_zone = s.page_number_zone * img_h, (1 - s.page_number_zone) * img_h
    lines = [
        ln
        for ln in lines
        if not (_PAGE_NUMBER.match(ln.text) and (ln.y1 < top_zone or ln.y0 > bottom_zone))
        and not _speck_line(ln, lines)
    ]
    if lines:
        g = geometry(lines, s)
        # table bands cut the flow: paragraphs never run across a table
        cuts = sorted([grid.bbox[1] for grid in grids] + [top for top, _, _ in aligned])
        for kind, run in _zones(group_rows(lines, s), g, s):
            if kind == "flow":
                flow = [Line([w for ln in row for w in ln.words]) for row in run]
                segments: list[list[Line]] = [[]]
                for ln in flow:
                    if segments[-1] and any(segments[-1][-1].y1 <= c <= ln.y0 for c in cuts):
                        segments.append([])
                    segments[-1].append(ln)
                for seg in segments:
                    for para in paragraphs(seg, g, s):
                        p = _make_paragraph(para, g, page, scale, settings=s)
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
                    cg = geometry(col, s)
                    cg.left, cg.right = min(ln.x0 for ln in col), max(ln.x1 for ln in col)
                    cg.column = True
                    for n, para in enumerate(paragraphs(col, cg, s)):
                        p = _make_paragraph(para, cg, page, scale, body_left=g.left, settings=s)
                        if p:  # keep the columns' order: all of the left one, then the right one
                            placed.append((top + k * 1e-3 + n * 1e-6, p))
    placed.sort(key=lambda t: t[0])
    out = PageLayout([b for _, b in placed])
    if aligned and not grids and not any(ln.y0 * scale > aligned[-1][2].bbox[3] for ln in lines):
        out.tail = aligned[-1][2]  # nothing under the table: it may go on overleaf
    if out.blocks and id(out.blocks[-1]) in flow_info:
        para, g = flow_info[id(out.blocks[-1])]
        last = para[-1]
        out.open_end = (
            g.right - last.x1 < s.open_end_margin * g.line_h
            and not is_centered(last, g, s)
            and not out.blocks[-1].text.endswith((".", ":", ";", "!", "?"))
        )
    if out.blocks and id(out.blocks[0]) in flow_info:
        para, g = flow_info[id(out.blocks[0])]
        first = para[0]
        out.continues = (
            abs(first.x0 - g.left) < s.indent * g.line_h
            and not LABEL_START.match(first.text)
            and not is_centered(first, g, s)
        )
    return out
