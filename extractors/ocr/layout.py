"""Layout side of the OCR backend: OCR words (pixel boxes) and table grids of one page into
document-model blocks in reading order - visual lines, two-column zones (letterhead, signature),
paragraphs as the text-layer backends make them, table cells - plus the repair of OCR slips."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from statistics import median

from extractors.model import Block, Paragraph
from extractors.ocr.image import Word, _Grid
from extractors.ocr.repair import repair_ocr_text
from extractors.ocr.settings import OCR_SETTINGS, OcrSettings

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


def _lines_from_words(words: list[Word], gap_factor: float | None = None,
                      settings: OcrSettings = OCR_SETTINGS) -> list[Line]:
    """Visual lines: Tesseract's lines, split where the gap between words is column-wide (more
    than `gap_factor` x the line's height; default `settings.line_split_gap`)."""
    if gap_factor is None:
        gap_factor = settings.line_split_gap
    by_key: dict[tuple, list[Word]] = defaultdict(list)
    for w in words:
        by_key[w.line].append(w)
    lines = []
    for ws in by_key.values():
        ws.sort(key=lambda w: w.x0)
        h = median(w.y1 - w.y0 for w in ws)
        seg = [ws[0]]
        for w in ws[1:]:
            if w.x0 - seg[-1].x1 > gap_factor * max(h, settings.min_word_height):
                lines.append(Line(seg))
                seg = []
            seg.append(w)
        lines.append(Line(seg))
    lines.sort(key=lambda ln: (ln.cy, ln.x0))
    return lines


def _group_rows(lines: list[Line], settings: OcrSettings = OCR_SETTINGS) -> list[list[Line]]:
    """Lines side by side (same height on the page) as one visual row, rows top to bottom."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: ln.cy):
        if rows:
            last = rows[-1]
            y0, y1 = min(x.y0 for x in last), max(x.y1 for x in last)
            overlap = min(y1, ln.y1) - max(y0, ln.y0)
            if overlap > settings.row_overlap * min(ln.height, y1 - y0):
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


def _cluster_edge(values: list[float], tol: float, lowest: bool, min_share: int) -> float:
    """The left (lowest=True) or right margin: the outermost value shared (within `tol`) by
    1/`min_share` of the lines and at least 2."""
    vals = sorted(values, reverse=not lowest)
    if not vals:
        return 0.0
    need = max(2, len(vals) // min_share)
    for v in vals:
        if sum(1 for u in vals if abs(u - v) <= tol) >= need:
            return v
    return vals[0]


def _geometry(lines: list[Line], settings: OcrSettings = OCR_SETTINGS) -> _Geometry:
    s = settings
    line_h = median(ln.height for ln in lines) if lines else s.default_line_height
    tol = s.edge_tolerance * line_h
    left = _cluster_edge([ln.x0 for ln in lines], tol, lowest=True, min_share=s.edge_min_share)
    right = _cluster_edge([ln.x1 for ln in lines], tol, lowest=False, min_share=s.edge_min_share)
    steps = [b.y1 - a.y1 for a, b in zip(lines, lines[1:]) if s.pitch_min * line_h < b.y1 - a.y1 < s.pitch_max * line_h]
    pitch = median(steps) if steps else s.default_pitch * line_h
    return _Geometry(left, right, line_h, pitch)


def _is_centered(ln: Line, g: _Geometry, settings: OcrSettings = OCR_SETTINGS) -> bool:
    """Equal margins on both sides (in the flow: wider than a first-line indent)."""
    left, right = ln.x0 - g.left, g.right - ln.x1
    return abs(left - right) < settings.center_tolerance * g.line_h and \
        (g.column or min(left, right) > settings.center_min_inset * g.line_h)


def _paragraphs(lines: list[Line], g: _Geometry, settings: OcrSettings = OCR_SETTINGS) -> list[list[Line]]:
    """Group consecutive lines (one column, top to bottom) into visual paragraphs."""
    paras: list[list[Line]] = []
    for ln in lines:
        if paras and not _new_paragraph(paras[-1][-1], ln, paras[-1], g, settings):
            paras[-1].append(ln)
        else:
            paras.append([ln])
    return paras


def _new_paragraph(prev: Line, ln: Line, cur: list[Line], g: _Geometry, settings: OcrSettings = OCR_SETTINGS) -> bool:
    s, h = settings, g.line_h
    if _LABEL_START.match(ln.text):
        return True
    if ln.y1 - prev.y1 > s.para_gap_pitch * g.pitch or ln.y0 - prev.y1 > s.para_gap_height * h:  # paragraph spacing
        return True
    if g.column:  # header/signature columns: lines are separate items ("UBND TỈNH X" / "VĂN PHÒNG")
        if prev.x1 - prev.x0 < s.column_full_line * g.width:  # unless the previous one filled the column and
            return True
        first = next((ch for ch in ln.text if ch.isalpha()), "")
        # this one goes on in lowercase ("... hành chính" / "năm 2024") or is an orphan word ("NAM")
        return not (first.islower() or ln.x1 - ln.x0 <= s.orphan_word_share * (prev.x1 - prev.x0))
    if _is_centered(prev, g, s) or _is_centered(ln, g, s):
        # a centered title wraps only when its first line (nearly) fills the text block
        return not (_is_centered(ln, g, s) and prev.x1 - prev.x0 > s.title_full_line * g.width)
    first_word = ln.words[0].x1 - ln.words[0].x0
    if g.right - prev.x1 > first_word + s.short_line * h:  # the previous line ended short: it was the last
        return True
    cont_left = cur[1].x0 if len(cur) > 1 else g.left
    if ln.x0 > cont_left + s.indent * h:  # indented first line
        return True
    return False


def _alignment(para: list[Line], g: _Geometry, settings: OcrSettings = OCR_SETTINGS) -> str:
    if all(_is_centered(ln, g, settings) for ln in para):
        return "center"
    if len(para) > 1 and all(g.right - ln.x1 < settings.justify_tolerance * g.line_h for ln in para[:-1]):
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


def _inside(w: Word, bbox, pad: float = 0) -> bool:
    x0, y0, x1, y1 = bbox
    return x0 - pad <= w.cx <= x1 + pad and y0 - pad <= w.cy <= y1 + pad


def _zones(rows: list[list[Line]], g: _Geometry,
           settings: OcrSettings = OCR_SETTINGS) -> list[tuple[str, list[list[Line]]]]:
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
                while run and not two_sided(run[0]) and out and out[-1][0] == "flow" and \
                        abs(run[0][0].x0 - g.left) < pull and g.right - out[-1][1][-1][-1].x1 < pull:
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


def _make_paragraph(para: list[Line], g: _Geometry, page: int, scale: float, body_left: float | None = None,
                    settings: OcrSettings = OCR_SETTINGS) -> Paragraph | None:
    """indent: the paragraph's left edge from the text block's left margin, in points (as the
    PDF backend measures it: ~0 for a wrapped paragraph, the first-line indent for one line)."""
    text = repair_ocr_text(_join_lines(para))
    if not text:
        return None
    left = min(ln.x0 for ln in para)
    bbox = (round(left * scale, 1), round(para[0].y0 * scale, 1), round(max(ln.x1 for ln in para) * scale, 1),
            round(para[-1].y1 * scale, 1))
    ref = g.left if body_left is None else body_left
    return Paragraph(text=text, page=page, alignment=_alignment(para, g, settings), bbox=bbox,
                     indent=round(max(0.0, left - ref) * scale, 1))


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


def layout_page(words: list[Word], grids: list[_Grid], page: int, img_h: int, scale: float,
                settings: OcrSettings = OCR_SETTINGS) -> PageLayout:
    """Blocks of one page in reading order from OCR words and table grids (pixel coordinates;
    `scale` converts pixels to PDF points for bboxes)."""
    from extractors.ocr.tables import grid_table  # ocr_tables builds on this module's line helpers
    s = settings
    words = _drop_noise(words, s)
    flow_info: dict[int, tuple[list[Line], _Geometry]] = {}
    placed: list[tuple[float, Block]] = []
    free = []
    in_table: dict[int, list[Word]] = defaultdict(list)
    for w in words:
        for gi, grid in enumerate(grids):
            if _inside(w, grid.bbox, pad=s.table_pad):
                in_table[gi].append(w)
                break
        else:
            free.append(w)
    for gi, grid in enumerate(grids):
        placed.append((grid.bbox[1], grid_table(grid, in_table[gi], page, scale, s)))
    lines = _lines_from_words(free, settings=s)
    # page numbers / running marks in the top or bottom margin; specks read as a lone "l" or "ị"
    top_zone, bottom_zone = s.page_number_zone * img_h, (1 - s.page_number_zone) * img_h
    lines = [ln for ln in lines if not (_PAGE_NUMBER.match(ln.text) and (ln.y1 < top_zone or ln.y0 > bottom_zone))
             and not _speck_line(ln, lines)]
    if lines:
        g = _geometry(lines, s)
        # table bands cut the flow: paragraphs never run across a table
        cuts = sorted(grid.bbox[1] for grid in grids)
        for kind, run in _zones(_group_rows(lines, s), g, s):
            if kind == "flow":
                flow = [Line([w for ln in row for w in ln.words]) for row in run]
                segments: list[list[Line]] = [[]]
                for ln in flow:
                    if segments[-1] and any(segments[-1][-1].y1 <= c <= ln.y0 for c in cuts):
                        segments.append([])
                    segments[-1].append(ln)
                for seg in segments:
                    for para in _paragraphs(seg, g, s):
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
                    cg = _geometry(col, s)
                    cg.left, cg.right = min(ln.x0 for ln in col), max(ln.x1 for ln in col)
                    cg.column = True
                    for n, para in enumerate(_paragraphs(col, cg, s)):
                        p = _make_paragraph(para, cg, page, scale, body_left=g.left, settings=s)
                        if p:  # keep the columns' order: all of the left one, then the right one
                            placed.append((top + k * 1e-3 + n * 1e-6, p))
    placed.sort(key=lambda t: t[0])
    out = PageLayout([b for _, b in placed])
    if out.blocks and id(out.blocks[-1]) in flow_info:
        para, g = flow_info[id(out.blocks[-1])]
        last = para[-1]
        out.open_end = (g.right - last.x1 < s.open_end_margin * g.line_h and not _is_centered(last, g, s)
                        and not out.blocks[-1].text.endswith((".", ":", ";", "!", "?")))
    if out.blocks and id(out.blocks[0]) in flow_info:
        para, g = flow_info[id(out.blocks[0])]
        first = para[0]
        out.continues = (abs(first.x0 - g.left) < s.indent * g.line_h and not _LABEL_START.match(first.text)
                         and not _is_centered(first, g, s))
    return out
