"""Text layers that lie: a page whose text layer cannot be what is printed on it.

Four kinds, each found per page on the words the backend built:
- "(cid:NN)" glyphs: a font without a ToUnicode map, whose codes pdfminer cannot name;
- private-use code points (U+E000-U+F8FF): symbol fonts and broken subsets;
- a Vietnamese page whose words are not Vietnamese: almost no letter with a diacritic and many
  letter strings that no Vietnamese syllable spells ("ceNG HoA xA ngI cnu" — a scan with a bad OCR
  layer under it). Vietnamese prose carries diacritics on most syllables, so a page of Vietnamese
  words without them is a layer that lost them;
- letters printed as spaces: a font whose ToUnicode map gives some of its glyphs (capitals, often)
  as U+0020, so "Nghị định" reads "ghị định" and "SNV-CCVC" reads "S V-CCVC"; such a "space" is as
  wide as the letter it hides, several times a real one.
Such a page is read again from its rendered image by OCR (extractors/ocr). Its "(cid:NN)" glyphs
never go further: `drop_unmapped` removes them whether or not OCR is available.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from extractors.legacy.encoding import is_vietnamese_syllable

CID = re.compile(r"\(cid:\d+\)")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_LETTERS = re.compile(r"^[^\W\d_]{2,}$")


@dataclass(frozen=True)
class GarbageSettings:
    min_chars: int = 40  # fewer characters on a page: too little to judge
    max_unmapped_share: float = 0.05  # "(cid:NN)" or private-use glyphs among a page's characters
    min_words: int = 25  # letter words needed to judge the language of a page
    max_diacritic_share: float = 0.12  # Vietnamese prose: well over half its syllables carry one
    min_misspelt_share: float = 0.25  # letter strings no Vietnamese syllable spells, mixed case included
    letter_width_em: float = 0.5  # a space char at least this wide (in font sizes) is a letter mapped to a space
    space_ratio: float = 1.8  # ... and this many times the font's usual space
    min_lost_letters: int = 10  # that many on a page: a font lost letters, not a stray wide space


GARBAGE_SETTINGS = GarbageSettings()


def drop_unmapped(chars: list[dict]) -> list[dict]:
    """The chars without the glyphs pdfminer could not map ("(cid:NN)")."""
    return [c for c in chars if not CID.fullmatch(c["text"])] if any("(cid:" in c["text"] for c in chars) else chars


def _misspelt(word: str) -> bool:
    """A letter string that is no Vietnamese syllable: impossible letters or clusters, or capitals
    inside a lower-case word ("HoA", "ngI", "DQc")."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return True
    word = word.lower()
    valid = is_vietnamese_syllable(word)
    if valid is None:  # an ASCII word: a toneless syllable ("cong", "theo") when a tone fits on one of its vowels
        valid = any(
            is_vietnamese_syllable(unicodedata.normalize("NFC", word[: i + 1] + "\u0300" + word[i + 1 :]))
            for i, ch in enumerate(word)
            if ch in "aeiouy"
        )
    return not valid


def lost_letters_reason(chars: Sequence[dict], settings: GarbageSettings = GARBAGE_SETTINGS) -> str | None:
    """Why a page's text layer lost letters (glyphs mapped to spaces as wide as letters), or None.
    `chars` are the page's chars with "text", "x0", "x1", "size" and "fontname". A font's usual space
    is its most common one; a "space" far wider than that, and as wide as a letter, hides one."""
    spaces: dict[str, list[float]] = {}
    ems: dict[float, float] = {}  # width / size -> rounded: once per value (spaces repeat; round() is slow)
    for c in chars:
        if c["text"] == " " and c.get("size"):
            ratio = (c["x1"] - c["x0"]) / c["size"]
            em = ems.get(ratio)
            if em is None:
                em = ems[ratio] = round(ratio, 2)
            spaces.setdefault(c.get("fontname") or "", []).append(em)
    lost = 0
    for widths in spaces.values():
        usual = Counter(widths).most_common(1)[0][0]
        lost += sum(1 for em in widths if em >= settings.letter_width_em and em >= settings.space_ratio * usual)
    if lost >= settings.min_lost_letters:
        return f"{lost} letters printed as spaces (a font without their Unicode)"
    return None


def garbage_reason(texts: Sequence[str], settings: GarbageSettings = GARBAGE_SETTINGS) -> str | None:
    """Why a page's text layer (its chars' texts) is not to be trusted, or None."""
    text = "".join(texts)
    parts = text.split()
    n_chars = sum(map(len, parts))  # the non-space characters (split() cuts at what isspace() says)
    if n_chars < settings.min_chars:
        return None
    unmapped = len(CID.findall(text))
    if unmapped > settings.max_unmapped_share * n_chars:
        return f"{unmapped} glyphs without a Unicode mapping (cid)"
    private = len(_PRIVATE_USE.findall(text))
    if private > settings.max_unmapped_share * n_chars:
        return f"{private} private-use characters"
    stripped = (w.strip(".,;:()\"'“”") for w in (CID.sub(" ", text).split() if unmapped else parts))
    words = [w for w in stripped if _LETTERS.match(w)]
    if len(words) < settings.min_words:
        return None
    marked, most = 0, settings.max_diacritic_share * len(words)
    for w in words:  # Vietnamese prose passes after its first few words: stop counting there
        if not unicodedata.normalize("NFD", w).isascii() or "đ" in w.lower():
            marked += 1
            if marked > most:
                return None
    misspelt = sum(1 for w in words if _misspelt(w))
    if misspelt >= settings.min_misspelt_share * len(words):
        return f"{len(words) - marked} of {len(words)} words without Vietnamese letters, {misspelt} misspelt"
    return None
