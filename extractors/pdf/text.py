"""A cell's (or a paragraph's) visual lines -> its text lines.

Cell text convention (the same as the DOCX backend): `Cell.lines` holds the cell's *paragraphs*,
not its visual lines: a line wrapped by the layout is joined to the previous one with a space. A
new line starts where the author broke it, which the PDF shows as (a) a larger line pitch
(paragraph spacing) or a blank line, (b) a previous line that stopped short although the next
word would have fitted, or (c) a list label ("-", "+", "a)", "2.") after a line ending in ".",
";" or ":". Joins add no space after a symbol the layout cut at ("140/KH-" + "UBND"), before
punctuation pushed to the next line, or inside an acronym cut by a narrow column ("ST" + "T").
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Sequence

from extractors.model import clean_text
from extractors.pdf.layout import VisualLine
from extractors.pdf.settings import DEFAULT_SETTINGS, PdfTableSettings


_LABEL = re.compile(
    r"^(?:[-+–•*▪○●◦]\s|[-+–•]\S|\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]\s|\(?[a-zđ][).]\s|"
    r"[IVXLC]{1,6}[.)]\s|[A-ZĐ][.)]\s)"
)
_END_PUNCT = re.compile(r"[.;:!?…)]$")
# Symbol and Wingdings fonts draw list bullets as private-use code points (U+F0B7 for •, U+F0A7,
# U+F0D8 …) that nobody can read or search; the DOCX backend gives such a bullet level "-"
# (extractors/docx/numbering.py), so a PDF of the same document says "-" too
_SYMBOL_BULLET = re.compile("^[\uf020-\uf0ff]\\s*")


def symbol_bullet(text: str) -> str:
    """`text` with a leading symbol-font bullet glyph written as "- "."""
    return _SYMBOL_BULLET.sub("- ", text, count=1)


def starts_with_label(text: str) -> bool:
    return bool(_LABEL.match(symbol_bullet(text) + " "))


def normal_pitches(groups: Iterable[Sequence[VisualLine]]) -> dict[float, float]:
    """The usual line pitch (top to top) per font size, over consecutive lines of each group."""
    counts: dict[float, Counter] = {}
    for lines in groups:
        for a, b in zip(lines, lines[1:]):
            if b.page_break_before or a.page != b.page:
                continue
            sa, sb = a.size, b.size
            if abs(sa - sb) > 0.5:
                continue
            pitch = b.top - a.top
            if pitch <= 0:
                continue
            counts.setdefault(round(sa), Counter())[round(pitch * 4) / 4] += 1
    out = {}
    for size, cnt in counts.items():
        total = sum(cnt.values())
        if total < 2:
            continue
        # the usual pitch: the most common value; among near-ties, the smaller
        best = max(cnt.items(), key=lambda kv: (kv[1], -kv[0]))[0]
        out[size] = best
    return out


def _caps(text: str) -> bool | None:
    """True for an all-capitals line, False for a line with lower-case letters, None without letters."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2:
        return None
    return all(c.isupper() for c in letters)


def pitch_breaks(
    prev: VisualLine, nxt: VisualLine, pitches: dict[float, float], settings: PdfTableSettings = DEFAULT_SETTINGS
) -> bool:
    """A gap between two lines on one page wider than the line pitch (a blank line, or a pitch
    beyond the normal one for the size): the geometric half of `is_hard_break`."""
    size = prev.size
    if nxt.top - prev.bottom > settings.blank_line_ratio * size:
        return True
    normal = pitches.get(round(size))
    return bool(normal) and nxt.top - prev.top > normal + max(settings.para_gap_min, settings.para_gap_ratio * size)


def is_hard_break(
    prev: VisualLine,
    nxt: VisualLine,
    pitches: dict[float, float],
    settings: PdfTableSettings = DEFAULT_SETTINGS,
    block: bool = False,
) -> bool:
    """Did the author end `prev` (a new text line starts at `nxt`), or did the layout wrap it?

    `block`: the lines stand in a header/signature block (a borderless table), where each
    capitals line is its own line ("ỦY BAN NHÂN DÂN" / "TỈNH LÂM ĐỒNG", "KT. CHỦ TỊCH" /
    "PHÓ CHỦ TỊCH") unless the next holds a single short word ("... VIỆT" / "NAM"), and a change
    between capitals and lower case starts a new line."""
    if nxt.force_break:
        return True
    size = prev.size
    if block:
        a, b = _caps(prev.text), _caps(nxt.text)
        if a is not None and b is not None:
            if a != b:
                return True
            if a and b and not (len(nxt.words) == 1 and len(nxt.text) <= 4):
                return True
    if not nxt.page_break_before and prev.page == nxt.page and pitch_breaks(prev, nxt, pitches, settings):
        return True
    text = nxt.text
    prev_text = prev.text
    if starts_with_label(text) and (_END_PUNCT.search(prev_text) or not prev_text):
        return True
    box = prev.box or nxt.box
    if box is None:
        return False
    left, right = box
    first = nxt.words[0]
    need = (first.x1 - first.x0) + settings.space_width_ratio * first.size
    slack = settings.fit_slack_ratio * size
    width = prev.x1 - prev.x0
    centered = (
        prev.x0 > left + settings.center_inset_ratio * size
        and abs((prev.x0 + prev.x1) / 2 - (left + right) / 2)
        < settings.center_tolerance_ratio * size + settings.center_tolerance_min
    )
    free = (right - left) - width if centered else right - prev.x1
    return need + slack <= free


def _join(prev_text: str, prev: VisualLine, nxt: VisualLine, settings: PdfTableSettings) -> str:
    """Join a wrapped line to the next: a space, or nothing after a word cut by the layout."""
    nxt_text = nxt.text
    last = prev.words[-1].text
    if nxt.words[0].text[:1] in ".,;:!?…)]}%" and not starts_with_label(nxt_text):
        return prev_text + nxt_text  # "tháng/lần" + "." pushed to the next line
    if len(last) > 1 and last[-1] in "-/" and last[-2].isalnum() and nxt_text[:1].isalnum():
        return prev_text + nxt_text  # "140/KH-" + "UBND", "45/2020/" + "NĐ-CP"
    if (
        prev.box is not None
        and len(prev.words) == 1
        and last[-1:].isalnum()
        and nxt_text[:1].isalnum()
        and (
            last[-1].isupper()
            and nxt_text[0].isupper()
            or last[-1].isdigit()
            and nxt_text[0].isdigit()
            or last[-1].islower()
            and nxt_text[0].islower()
        )
    ):
        # a single word wider than the box, cut mid-word: the next character would not have fitted
        first = nxt.words[0]
        char_w = (first.x1 - first.x0) / max(1, len(first.text))
        if prev.x1 + char_w > prev.box[1] + 0.5 and prev.x1 - prev.x0 + 2 * char_w > prev.box[1] - prev.box[0]:
            return prev_text + nxt_text
    return prev_text + " " + nxt_text


def join_lines(lines: Sequence[VisualLine], settings: PdfTableSettings = DEFAULT_SETTINGS) -> str:
    """Visual lines of one paragraph -> its text (wrapped lines joined)."""
    text = ""
    prev = None
    for ln in lines:
        text = symbol_bullet(ln.text) if prev is None else _join(text, prev, ln, settings)
        prev = ln
    return clean_text(text)


def logical_lines(
    lines: Sequence[VisualLine],
    pitches: dict[float, float],
    settings: PdfTableSettings = DEFAULT_SETTINGS,
    block: bool = False,
) -> list[str]:
    """A cell's visual lines -> its text lines (wrapped lines joined); `block`: see is_hard_break."""
    out: list[str] = []
    cur: str | None = None
    prev: VisualLine | None = None
    for ln in lines:
        if cur is None or prev is None:
            cur = symbol_bullet(ln.text)
        elif is_hard_break(prev, ln, pitches, settings, block):
            out.append(cur)
            cur = symbol_bullet(ln.text)
        else:
            cur = _join(cur, prev, ln, settings)
        prev = ln
    if cur is not None:
        out.append(cur)
    return [t for t in (clean_text(x) for x in out) if t]
