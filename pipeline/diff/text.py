"""The words of a task field as the task comparison sees them (pipeline/diff/classify.py).

- `words(text, plan_year)`: what a reader compares to tell a changed field — no case,
  punctuation, bullets, old-style tone marks, nor the plan year ("năm 2023" in the 2023 plan
  equals "năm 2025" in the 2025 plan);
- `segment(text, plan_year)`: Vietnamese words for the similarity (underthesea segmentation,
  "ban_hành"), abbreviations expanded (UBND → Ủy ban nhân dân …), stopwords dropped;
- `normalize(text, plan_year)`: the normalization under both.
"""

from __future__ import annotations

import functools
import re

from pipeline.normalize.units import fold_text
from pipeline.text import LIST_MARKER

# Abbreviations that the same plan writes both ways from one year to the next (similarity only:
# the reviewed alignment counts "UBND" → "Ủy ban nhân dân" as a change of wording).
_ABBREVIATIONS = {
    "ubnd": "ủy ban nhân dân",
    "hđnd": "hội đồng nhân dân",
    "tthc": "thủ tục hành chính",
    "kh&cn": "khoa học và công nghệ",
    "khcn": "khoa học và công nghệ",
    "vbqppl": "văn bản quy phạm pháp luật",
    "qppl": "quy phạm pháp luật",
    "cchc": "cải cách hành chính",
    "dvc": "dịch vụ công",
    "cđs": "chuyển đổi số",
    "pakn": "phản ánh kiến nghị",
}
_ABBR_RE = re.compile(
    r"(?<![\w&])(" + "|".join(re.escape(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w&])"
)
_BULLET_RE = re.compile(LIST_MARKER.pattern, re.M)  # on every line of a multi-line field
_WORD_RE = re.compile(r"\w+")
# a four-digit year that is not part of a number/symbol ("45/2020/NĐ-CP") or a date ("08/4/2020")
_YEAR_RE = re.compile(r"(?<!\d/)(?<![\w.-])((?:19|20)\d\d)(?![\w/])")
_STOPWORDS = frozenset(
    "và của các trong theo về cho được với có để tại trên là những này đó khi thì hoặc một số đã "
    "đang sẽ như từ do vào ra nếu".split()
)


def normalize(text: str | None, plan_year: int | None = None) -> str:
    """NFC, lower case, old tone marks folded, years near the plan year made relative."""
    text = fold_text(text or "").lower().replace("…", "...")
    if plan_year:

        def rel(m: re.Match) -> str:
            delta = int(m.group(1)) - plan_year
            return f"nămkếhoạch{delta:+d}".replace("+0", "") if abs(delta) <= 1 else m.group(1)

        text = _YEAR_RE.sub(rel, text)
    return text


def words(text: str | None, plan_year: int | None = None) -> tuple[str, ...]:
    """The words of a field as a reader compares them: no case, punctuation, bullets or plan year."""
    return tuple(_WORD_RE.findall(_BULLET_RE.sub(" ", normalize(text, plan_year))))


def segment(text: str, plan_year: int | None = None) -> list[str]:
    """Vietnamese words (underthesea segmentation, "ban_hành"), abbreviations expanded, no stopwords."""
    norm = _ABBR_RE.sub(lambda m: _ABBREVIATIONS[m.group(1)], _BULLET_RE.sub(" ", normalize(text, plan_year)))
    return list(_segment(norm)) if norm.strip() else []


@functools.lru_cache(maxsize=16384)
def _segment(norm: str) -> tuple[str, ...]:
    from underthesea import word_tokenize  # imported lazily: loading it takes ~1 s

    tokens = (w.lower().replace(" ", "_") for w in word_tokenize(norm))
    return tuple(w for w in tokens if _WORD_RE.search(w) and w not in _STOPWORDS)
