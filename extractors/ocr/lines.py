"""Visual lines of an OCR'd page and what is measured on them: OCR words (pixel boxes) grouped
into lines and rows, the text block's geometry (margins, line height, pitch), centered lines, and
lines grouped into paragraphs. Shared by the page layout (layout.py) and the table cells (tables.py)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from statistics import median

from extractors.ocr.image import Word
from extractors.ocr.settings import OCR_SETTINGS, OcrSettings

# a list label ("-", "1.", "a)", "II.", "B.") opens a new paragraph
LABEL_START = re.compile(
    r"^(?:[-+•–*]\s|\(?\d{1,2}(?:\.\d{1,2})*[.,)]\s|\(?\d{1,2}(?:\.\d{1,2})+\s|[a-zđ]\)\s|[IVX]{1,5}[.,]\s|[A-Đ][.)]\s)"
)


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


def lines_from_words(
    words: list[Word], gap_factor: float | None = None, settings: OcrSettings = OCR_SETTINGS
) -> list[Line]:
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


def group_rows(lines: list[Line], settings: OcrSettings = OCR_SETTINGS) -> list[list[Line]]:
    """Lines side by side (same height on the page) as one visual row, rows top to bottom. A line
    much taller than the row's first one (a handwritten note or a signature in the margin, read as
    text) joins the row without widening it, so it never chains the printed lines it spans into one."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: ln.cy):
        if rows:
            last = rows[-1]  # in the order its lines joined it: last[0] opened it
            tall = settings.tall_line * last[0].height
            printed = [x for x in last if x.height <= tall]
            y0, y1 = min(x.y0 for x in printed), max(x.y1 for x in printed)
            overlap = min(y1, ln.y1) - max(y0, ln.y0)
            if overlap > settings.row_overlap * min(ln.height, y1 - y0):
                last.append(ln)
                continue
        rows.append([ln])
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
    return rows


@dataclass
class Geometry:
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


def geometry(lines: list[Line], settings: OcrSettings = OCR_SETTINGS) -> Geometry:
    s = settings
    line_h = median(ln.height for ln in lines) if lines else s.default_line_height
    tol = s.edge_tolerance * line_h
    left = _cluster_edge([ln.x0 for ln in lines], tol, lowest=True, min_share=s.edge_min_share)
    right = _cluster_edge([ln.x1 for ln in lines], tol, lowest=False, min_share=s.edge_min_share)
    steps = [b.y1 - a.y1 for a, b in zip(lines, lines[1:]) if s.pitch_min * line_h < b.y1 - a.y1 < s.pitch_max * line_h]
    pitch = median(steps) if steps else s.default_pitch * line_h
    return Geometry(left, right, line_h, pitch)


def is_centered(ln: Line, g: Geometry, settings: OcrSettings = OCR_SETTINGS) -> bool:
    """Equal margins on both sides (in the flow: wider than a first-line indent)."""
    left, right = ln.x0 - g.left, g.right - ln.x1
    return abs(left - right) < settings.center_tolerance * g.line_h and (
        g.column or min(left, right) > settings.center_min_inset * g.line_h
    )


def paragraphs(lines: list[Line], g: Geometry, settings: OcrSettings = OCR_SETTINGS) -> list[list[Line]]:
    """Group consecutive lines (one column, top to bottom) into visual paragraphs."""
    paras: list[list[Line]] = []
    for ln in lines:
        if paras and not _new_paragraph(paras[-1][-1], ln, paras[-1], g, settings):
            paras[-1].append(ln)
        else:
            paras.append([ln])
    return paras


def _new_paragraph(prev: Line, ln: Line, cur: list[Line], g: Geometry, settings: OcrSettings = OCR_SETTINGS) -> bool:
    s, h = settings, g.line_h
    if LABEL_START.match(ln.text):
        return True
    if ln.y1 - prev.y1 > s.para_gap_pitch * g.pitch or ln.y0 - prev.y1 > s.para_gap_height * h:  # paragraph spacing
        return True
    if g.column:  # header/signature columns: lines are separate items ("UBND TỈNH X" / "VĂN PHÒNG")
        if prev.x1 - prev.x0 < s.column_full_line * g.width:  # unless the previous one filled the column and
            return True
        first = next((ch for ch in ln.text if ch.isalpha()), "")
        # this one goes on in lowercase ("... hành chính" / "năm 2024") or is an orphan word ("NAM")
        return not (first.islower() or ln.x1 - ln.x0 <= s.orphan_word_share * (prev.x1 - prev.x0))
    if is_centered(prev, g, s) or is_centered(ln, g, s):
        # a centered title wraps only when its first line (nearly) fills the text block
        return not (is_centered(ln, g, s) and prev.x1 - prev.x0 > s.title_full_line * g.width)
    first_word = ln.words[0].x1 - ln.words[0].x0
    if g.right - prev.x1 > first_word + s.short_line * h:  # the previous line ended short: it was the last
        return True
    cont_left = cur[1].x0 if len(cur) > 1 else g.left
    if ln.x0 > cont_left + s.indent * h:  # indented first line
        return True
    return False


def join_lines(para: list[Line]) -> str:
    text = ""
    for ln in para:
        t = ln.text
        if text.endswith("-") and not text.endswith(" -") and t[:1].islower():  # hyphenated wrap
            text = text[:-1] + t
        else:
            text = f"{text} {t}" if text else t
    return text


def inside(w: Word, bbox, pad: float = 0) -> bool:
    x0, y0, x1, y1 = bbox
    return x0 - pad <= w.cx <= x1 + pad and y0 - pad <= w.cy <= y1 + pad
