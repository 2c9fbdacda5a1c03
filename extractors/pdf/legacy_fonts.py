"""Text of a PDF page drawn in the pre-Unicode Vietnamese fonts (TCVN3 .VnTime, VNI VNI-Times):
pdfminer reads their 8-bit codes as Latin-1 characters ("KÕ ho¹ch" for "Kế hoạch"); the words are
converted to Unicode NFC with `legacy_encoding`.

A font is legacy when its name says so (the subset tag of an embedded font, "ABCDEF+", aside) -
unless its text on the page has letters beyond Latin-1 (the PDF maps its codes to Unicode
already) - or when its name was lost - the PDF was made on a machine without the font, which drew the codes in a
substitute font - and its text on the page reads as TCVN3/VNI (`detect_encoding` over all the
page's words in that font, which gives enough words for a reliable decision while a document in
Unicode fonts is left alone: any Unicode-only Vietnamese letter in the font's text settles it).

    font_segments(chars) -> [(fontname, text), ...]   # a word's chars, by font
    convert_legacy_words(words, segments) -> None     # in place, per page
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import groupby
from typing import Sequence

from extractors.legacy.encoding import detect_encoding, font_encoding, to_unicode

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
# what a legacy font's codes read as: Latin-1 letters and symbols (0xA1-0xFF), never beyond
_LATIN1_HIGH = re.compile("[\u00a1-\u00ff]")
_BEYOND_LATIN1 = re.compile("[\u0100-\u024f\u1e00-\u1eff]")  # ă đ ơ ư ạ ế ... (Latin Extended)

Segments = list[tuple[str, str]]  # a word's text as (fontname, text) stretches


@lru_cache(maxsize=256)
def named_encoding(fontname: str) -> tuple[str, bool] | None:
    """(encoding, all-capitals) of a legacy font by its PDF name ("ABCDEF+.VnTimeH,Bold"), else None."""
    return font_encoding(_SUBSET_TAG.sub("", fontname))


def font_segments(chars: Sequence[dict]) -> Segments:
    """A word's chars as stretches of one font each (pdfplumber char dicts)."""
    first = chars[0].get("fontname")
    if all(c.get("fontname") == first for c in chars):  # nearly every word: one font
        return [(first or "", "".join([c["text"] for c in chars]))]
    return [
        (font, "".join(c["text"] for c in group))
        for font, group in groupby(chars, key=lambda c: c.get("fontname") or "")
    ]


def page_encodings(segments: Sequence[Segments]) -> dict[str, tuple[str, bool]]:
    """The page's fonts whose text is legacy-encoded: fontname -> (encoding, all-capitals)."""
    texts: dict[str, list[str]] = {}
    for word in segments:
        for font, text in word:
            texts.setdefault(font, []).append(text)
    out = {}
    for font, words in texts.items():
        text = " ".join(words)
        by_name = named_encoding(font)
        if by_name:
            if not _BEYOND_LATIN1.search(text):
                out[font] = by_name
        elif _LATIN1_HIGH.search(text):
            detected = detect_encoding(text)
            if detected != "unicode":
                out[font] = (detected, False)
    return out


def convert_legacy_words(words: Sequence, segments: Sequence[Segments]) -> None:
    """Replace the text of the words (`pdf_layout.Word`, one `Segments` each) drawn in a legacy
    font by its Unicode NFC reading. Only a stretch in a legacy font is converted: a Unicode font
    in the same word is kept as it is."""
    encodings = page_encodings(segments)
    if not encodings:
        return
    for word, parts in zip(words, segments):
        if any(font in encodings for font, _ in parts):
            word.text = unicodedata.normalize(
                "NFC",
                "".join(to_unicode(text, *encodings[font]) if font in encodings else text for font, text in parts),
            )
