"""Ruled-table grids on a page image (img2table finds the cells; no OCR) and a second, one-cell
reading of narrow cells that page segmentation misreads. Pixel coordinates, as `ocr.image`."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING

from extractors.ocr.image import Word, ocr_crops
from extractors.ocr.settings import OCR_SETTINGS, OcrSettings

if TYPE_CHECKING:
    import numpy as np


@dataclass
class GridCell:
    bbox: tuple[int, int, int, int]
    row: int
    col: int
    col_span: int = 1
    row_span: int = 1
    first: "GridCell | None" = None  # for a continuation of a vertical merge: the first cell


@dataclass
class Grid:
    bbox: tuple[int, int, int, int]
    rows: list[list[GridCell]]  # per row, the cells in column order (spanning cells once)
    n_cols: int


def find_tables(png: bytes) -> list[Grid]:
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
        seen: dict[tuple, GridCell] = {}
        rows: list[list[GridCell]] = []
        for ri, cells in enumerate(content):
            row: list[GridCell] = []
            ci = 0
            while ci < len(cells):
                key = _box(cells[ci].bbox)
                span = 1  # img2table repeats a cell merged over columns in each of them
                while ci + span < len(cells) and _box(cells[ci + span].bbox) == key:
                    span += 1
                gc = GridCell(key, ri, ci, col_span=span)
                if key in seen:  # the same cell as in a row above: vertical merge
                    first = seen[key]
                    first.row_span += 1
                    gc.first = first
                else:
                    seen[key] = gc
                row.append(gc)
                ci += span
            rows.append(row)
        grids.append(Grid(_box(tab.bbox), rows, n_cols))
    return grids


def _box(bbox) -> tuple[int, int, int, int]:
    """An img2table bounding box as (x0, y0, x1, y1)."""
    return (bbox.x1, bbox.y1, bbox.x2, bbox.y2)


def reocr_narrow_cells(
    img: np.ndarray, grids: list[Grid], words: list[Word], dpi: int, settings: OcrSettings = OCR_SETTINGS
) -> list[Word]:
    """Words of narrow cells (an STT column: "II", "1", "a)") read again one cell at a time - page
    segmentation reads a lone "II" as "H" or "I" as "1"; returns the word list with those cells'
    words replaced where the second reading is confident."""
    if not grids or not words:
        return words
    s = settings
    h = median(w.y1 - w.y0 for w in words)
    boxes, owners = [], []
    for grid in grids:
        for row in grid.rows:
            for cell in row:
                x0, y0, x1, y1 = cell.bbox
                if cell.first is None and x1 - x0 < s.narrow_cell_width * h and y1 - y0 > s.narrow_cell_min_height * h:
                    inset = s.cell_inset
                    boxes.append((x0 + inset, y0 + inset, max(1, x1 - x0 - 2 * inset), max(1, y1 - y0 - 2 * inset)))
                    owners.append(cell.bbox)
    if not boxes:
        return words
    again = ocr_crops(img, boxes, dpi, pad=int(h), settings=s)
    out = list(words)
    retries = 0
    for box, bbox, new in zip(boxes, owners, again):
        x0, y0, x1, y1 = bbox
        inside = [w for w in out if x0 <= w.cx <= x1 and y0 <= w.cy <= y1]
        # where the page reading found nothing, a less confident second reading is still better
        floor = s.min_conf if inside else s.min_conf_empty_cell
        new = [w for w in new if w.conf >= floor and any(ch.isalnum() for ch in w.text)]
        if not new and not inside and retries < s.max_glyph_retries and _has_ink(img, box, h, s):
            # a lone glyph (a bold "I") that neither reading found: one Tesseract run as one line
            retries += 1
            new = [
                w
                for w in ocr_crops(img, [box], dpi, pad=int(h), psm=s.glyph_psm, settings=s)[0]
                if w.conf >= s.min_conf_empty_cell and any(ch.isalnum() for ch in w.text)
            ]
        if new:
            out = [w for w in out if w not in inside] + new
    return out


def _has_ink(img, box: tuple[int, int, int, int], h: float, settings: OcrSettings = OCR_SETTINGS) -> bool:
    import numpy as np

    x, y, bw, bh = box
    crop = img[y : y + bh, x : x + bw]
    return crop.size > 0 and int(np.count_nonzero(crop < settings.ink_level)) > settings.cell_min_ink * h * h
