"""Repairs of the usual OCR slips that matter downstream (item numbers, legal references, letters
Vietnamese does not have, words glued together, the STT header of a narrow column)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from extractors.legacy.encoding import is_vietnamese_syllable
from extractors.model import clean_text

_NUM_COMMA = re.compile(r"^(\(?\d{1,2}(?:\.\d{1,2})*),(\s)")
_REF_FIXES = [
    (re.compile(r"(?<=[0-9])[lI|](?=\d{4}/)"), "/"),  # 45I2020/NĐ-CP
    (re.compile(r"(?<=/\d{4})[lI|](?=[A-ZĐ])"), "/"),  # 45/2020INĐ-CP
    (re.compile(r"\bN[DÐ]-?CP\b"), "NĐ-CP"),
    (re.compile(r"\bN[DÐĐ]CP\b"), "NĐ-CP"),
    (re.compile(r"\b(Q|N)Đ{2,}(?=-)"), r"\1Đ"),  # 19/2018/QĐĐ-UBND
    (re.compile(r"\bQ[DÐ](?=-)"), "QĐ"),
    (re.compile(r"(?<=/)Q[DÐ]\b"), "QĐ"),
    (re.compile(r"(?<=\d)O(?=\d)|(?<=\d)O(?=/)|(?<=/)O(?=\d)"), "0"),
    (re.compile(r"(?<=\bngày )[oO](?=\d)"), "0"),
]


# Latin letters Vietnamese does not use, that Tesseract's vie model sometimes outputs ("UBÑD")
_FOREIGN = str.maketrans("ÐðÑñÇçËëÏïÖöÜüÄäÅåØøŸÿ", "ĐđNnCcEeIiOoUuAaAaOoYy")


def repair_ocr_text(text: str, paragraph_start: bool = True) -> str:
    """Fix OCR slips that change meaning downstream (item numbers, legal reference symbols)."""
    text = text.translate(_FOREIGN)
    if paragraph_start:
        text = _NUM_COMMA.sub(r"\1.\2", text)
    for rx, rep in _REF_FIXES:
        text = rx.sub(rep, text)
    text = _GLUED.sub(lambda m: split_glued(m.group(0)), text)
    return clean_text(text)


_GLUED = re.compile(r"[^\W\d_]{4,}")  # runs of letters long enough to be two syllables


def split_glued(word: str, depth: int = 3) -> str:
    """Two (or three) Vietnamese syllables Tesseract read without the space between them
    ("phốihợp" -> "phối hợp", "Hànhchính" -> "Hành chính"). Only words that are not a syllable
    themselves, have a Vietnamese letter, and split into valid syllables are touched; ASCII words
    (codes, names, English) never. A split whose second part starts with a consonant is preferred
    ("Tổ chức", not "Tổch ức")."""
    if depth == 0 or word.isascii() or is_vietnamese_syllable(word) is not False:
        return word
    found = []
    for i in range(len(word) - 1, 0, -1):  # longest first syllable first
        head, tail = word[:i], word[i:]
        if is_vietnamese_syllable(head) is False or len(head) == 1 and head.isascii() and head not in "aoưôơy":
            continue
        rest = split_glued(tail, depth - 1) if is_vietnamese_syllable(tail) is False else tail
        if all(is_vietnamese_syllable(part) is not False for part in rest.split(" ")):
            joined = f"{head} {rest}"
            words, syllables = _lexicon()
            digraph = (head[-1] + tail[0]).lower() in _DIGRAPHS  # "Tổc hức" cuts the "ch" of "chức"
            found.append(
                (
                    joined.lower() in words,
                    all(x.lower() in syllables for x in joined.split()),
                    tail[:1].lower() not in _VOWELS,
                    not digraph,
                    joined,
                )
            )
    return max(found, key=lambda f: f[:4])[4] if found else word


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Vietnamese words and syllables from the Viet74K word list that ships with underthesea (a
    project dependency; read as a file, the package is not imported). Empty sets without it: the
    structural rules still apply."""
    import importlib.util

    words: set[str] = set()
    try:
        spec = importlib.util.find_spec("underthesea")
        base = Path(list(spec.submodule_search_locations)[0]) if spec and spec.submodule_search_locations else None
        path = base / "corpus" / "data" / "Viet74K.txt" if base else None
        if path and path.exists():
            with open(path, encoding="utf-8") as fh:
                words = {unicodedata.normalize("NFC", line.strip().lower()) for line in fh if line.strip()}
    except (ImportError, OSError, ValueError):
        words = set()
    return frozenset(words), frozenset(s for w in words for s in w.split())


_DIGRAPHS = {"ch", "kh", "nh", "ng", "ph", "th", "tr", "gh", "gi", "qu"}
_VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


_STT_NOISE = re.compile(r"[\s.,:;'`\-]")  # what splits "S TT" / "ST." apart


def fix_stt_header(text: str) -> str:
    """The STT header of a narrow column wraps as "ST" / "T" (or "S TT"): one word."""
    compact = _STT_NOISE.sub("", text)
    return compact.upper() if compact.upper() in ("STT", "TT", "SỐTT") else text
