"""Words from a page's chars: space glyphs and gaps end a word, combining marks stay with their
letter, bold and italic from the font's name, text in a TCVN3/VNI font converted to Unicode.

    chars_to_words(chars)     pdfplumber-style char dicts -> Word
    vertical_words(chars)     text set vertically in a table cell -> Word
"""

from __future__ import annotations

import unicodedata
from operator import itemgetter
from typing import Iterable

from extractors.pdf.layout import Word, cluster_rows
from extractors.pdf.legacy_fonts import Segments, convert_legacy_words, font_segments
from extractors.pdf.settings import DEFAULT_SETTINGS, PdfTableSettings


_FONT_STYLE: dict[str, tuple[bool, bool]] = {}


def _font_style(fontname: str) -> tuple[bool, bool]:
    """(bold, italic) from a font name ("ABCDEF+LiberationSerif-BoldItalic", "Arial,Bold")."""
    style = _FONT_STYLE.get(fontname)
    if style is None:
        name = fontname.lower()
        style = (
            any(k in name for k in ("bold", "black", "heavy", "semibold", "demi")),
            "italic" in name or "oblique" in name,
        )
        _FONT_STYLE[fontname] = style
    return style


_WORD_FIELDS = itemgetter("text", "x1", "top", "bottom", "size", "fontname")


def _make_word(cur: list[dict], style_share: float, rounded: dict[float, float]) -> tuple[Word, Segments]:
    """One word from its chars (in x order) and its text by font (`legacy_fonts.font_segments`).
    A word in one font and one size (nearly all) skips the tallies. `rounded`: sizes rounded to
    0.1 so far (a float's round() costs as much as the rest of a short word)."""
    first = cur[0]
    if len(cur) == 1:
        text = first["text"]
        font = first["fontname"] or ""
        n = len(text)
        bold, italic = _font_style(font)
        size = rounded.get(first["size"])
        if size is None:
            size = rounded[first["size"]] = round(first["size"], 1)
        word = Word(
            unicodedata.normalize("NFC", text),
            first["x0"],
            first["x1"],
            first["top"],
            first["bottom"],
            size,
            n > 0 and bold,
            n > 0 and italic,
            n,
            n if bold else 0,
            n if italic else 0,
        )
        return word, [(font, text)]
    texts, x1s, tops, bottoms, sizes, fonts = zip(*map(_WORD_FIELDS, cur))
    raw = "".join(texts)
    n = len(raw)
    font = fonts[0] or ""
    if fonts.count(fonts[0]) == len(fonts):  # one font: one style, one segment
        bold, italic = _font_style(font)
        nb, ni = (n if bold else 0), (n if italic else 0)
        segments = [(font, raw)]
    else:
        nb = ni = 0
        for t, f in zip(texts, fonts):
            b, i = _font_style(f or "")
            if b:
                nb += len(t)
            if i:
                ni += len(t)
        segments = font_segments(cur)
    if sizes.count(sizes[0]) == len(sizes):  # one size (nearly every word): rounded once
        size = rounded.get(sizes[0])
        if size is None:
            size = rounded[sizes[0]] = round(sizes[0], 1)
    else:  # the most common size; among ties, the larger
        counts: dict[float, int] = {}
        for sz in sizes:
            sz = round(sz, 1)
            counts[sz] = counts.get(sz, 0) + 1
        size = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    word = Word(
        unicodedata.normalize("NFC", raw),
        first["x0"],
        max(x1s),
        min(tops),
        max(bottoms),
        size,
        n > 0 and nb >= style_share * n,
        n > 0 and ni >= style_share * n,
        n,
        nb,
        ni,
    )
    return word, segments


_BLANK = frozenset(("\u00a0", "\u200b"))  # no-break and zero-width spaces end a word like a space


def chars_to_words(chars: Iterable[dict], settings: PdfTableSettings = DEFAULT_SETTINGS) -> list[Word]:
    """pdfplumber char dicts (text, x0, x1, top, bottom, size, fontname) -> words.

    Words break at space glyphs and at horizontal gaps wider than `word_gap_ratio` x font size
    (so PDFs that position words without space glyphs still get their spaces). Combining marks
    stay with the letter before them whatever their x position; text is NFC-normalized. Text in
    a TCVN3/VNI font (by name, or detected when the name was lost) is converted to Unicode."""
    chars = [c for c in chars if c.get("upright", True) is not False]  # rotated text (stamps) is not laid out
    out: list[Word] = []
    segments: list[Segments] = []  # per word: its text by font, for the legacy-font conversion
    gap_ratio = settings.word_gap_ratio
    style_share = settings.word_style_share
    combining = unicodedata.combining
    x0_of = itemgetter("x0")
    baseline_ratio = settings.space_baseline_ratio
    rounded: dict[float, float] = {}
    for row in cluster_rows(
        chars, [c["top"] for c in chars], [c["bottom"] for c in chars], settings.line_overlap_ratio
    ):
        row.sort(key=x0_of)
        cur: list[dict] = []
        prev = None
        for c in row:
            t = c["text"]
            if t and combining(t[0]):
                if cur and all(combining(ch) for ch in t):
                    # a combining mark stays with its base letter (it may be positioned before it)
                    base = cur[-1]
                    cur[-1] = prev = dict(base, text=base["text"] + t, x1=max(base["x1"], c["x1"]))
                    continue
            if not t.strip() or t in _BLANK:
                if prev is not None and abs(c["bottom"] - prev["bottom"]) > baseline_ratio * max(prev["size"], 1.0):
                    # a space glyph off the baseline of the letter before it belongs to another line
                    # drawn over this one: it ends no word here (the gap still may)
                    continue
                if cur:
                    word, segs = _make_word(cur, style_share, rounded)
                    out.append(word)
                    segments.append(segs)
                    cur = []
                prev = None
                continue
            if prev is not None:
                size = c["size"] if c["size"] > prev["size"] else prev["size"]
                if c["x0"] - prev["x1"] > gap_ratio * (size if size > 1.0 else 1.0) and cur:
                    word, segs = _make_word(cur, style_share, rounded)
                    out.append(word)
                    segments.append(segs)
                    cur = []
            cur.append(c)
            prev = c
        if cur:
            word, segs = _make_word(cur, style_share, rounded)
            out.append(word)
            segments.append(segs)
    convert_legacy_words(out, segments)
    return out


def vertical_words(chars: Iterable[dict], settings: PdfTableSettings = DEFAULT_SETTINGS) -> list[Word]:
    """Text set vertically (a table's header cell with text direction bottom-to-top or
    top-to-bottom: a narrow column's "STT", "Thời gian"): each vertical line of such chars, read in
    its direction, as one word standing where the line stands. The caller keeps them only inside
    ruled table cells: other rotated text (stamps, margin notes) stays out of the layout."""
    rotated = [c for c in chars if c.get("upright", True) is False and c.get("turn")]
    columns: list[list[dict]] = []
    for c in sorted(rotated, key=lambda c: (round(c["x0"]), c["top"])):
        col = columns[-1] if columns else None
        if (
            col
            and abs(c["x0"] - col[-1]["x0"]) <= settings.snap_tolerance
            and c["top"] - col[-1]["bottom"] <= settings.blank_line_ratio * max(c["x1"] - c["x0"], 1.0)
        ):
            col.append(c)
        else:
            columns.append([c])
    out = []
    for col in columns:
        up = col[0]["turn"] > 0  # bottom to top: the first char is the lowest
        text = unicodedata.normalize("NFC", "".join(c["text"] for c in (reversed(col) if up else col))).strip()
        if len(text.replace(" ", "")) < 2:
            continue
        bold = _font_style(col[0].get("fontname") or "")[0]
        n = len(text.replace(" ", ""))
        out.append(
            Word(
                text=text,
                x0=min(c["x0"] for c in col),
                x1=max(c["x1"] for c in col),
                top=min(c["top"] for c in col),
                bottom=max(c["bottom"] for c in col),
                size=round(col[0]["size"], 1),
                bold=bold,
                n_chars=n,
                n_bold=n if bold else 0,
            )
        )
    return out
