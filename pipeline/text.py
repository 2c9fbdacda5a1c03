"""Text jobs every stage shares, defined once: folding, list markers and the task vocabulary.

    strip_marks("Quyết ĐỊNH") == "Quyet DINH"     # accents off, case kept (OCR'd capitals, keys)
    fold("Văn  phòng UBND") == "van phong ubnd"  # accents, case and spacing off (search, matching)
    squash(" Nội  DUNG ") == "nội dung"          # case and spacing off, accents kept (headers)
    LIST_MARKER.sub("", "- a) Sở X") == "a) Sở X" # one bullet or item number off a line
    BULLET_CHARS, DUTY_VERBS                     # the shared vocabulary
    calendar_date(2025, 2, 30) is None           # the date a printed day, month and year name
    WORDED_DATE                                  # "ngày 15 tháng 3 (năm 2026)": groups d, m, y

Kept apart on purpose: aliases.fold_text (moves old-style tone marks, keeps offsets),
refs.restore_d (puts back the Ð some fonts give for Đ), evaluate.norm (the reference scorer's
normalization, which must not drift from the scorer's); and the date patterns that read one kind of
line with its own tolerance: citations.regexes.DATE (after a cited number; OCR'd digits),
metadata's date line (blanks and illegible days), timing's numeric dates (one separator throughout).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Bullet glyphs of Vietnamese administrative lists (NĐ 30/2020 leaves the glyph free: "-", "+", "•"
# and Word's symbol bullets alike): defined with the Document model that backends fill, shared here.
from extractors.model import BULLET_CHARS

__all__ = ["BULLET_CHARS", "DUTY_VERBS", "LIST_MARKER", "WORDED_DATE", "calendar_date", "fold", "squash", "strip_marks"]

_WS = re.compile(r"\s+")
# đ is a letter of its own (not d + a mark), so NFD keeps it; ð/Ð are its look-alikes in some fonts
_D_LETTERS = str.maketrans("đĐðÐ", "dDdD")

# One list marker at the start of a line: a run of dashes/bullets, an item number "1." / "2)" (not
# the "1.000" of a number) or an item letter "a)", with the spaces after it.
LIST_MARKER = re.compile(r"^\s*(?:[-+•*–—·]+|\d+[.)](?!\d)|[a-zđ]\))\s*")

# Verbs that open what a unit is asked to do, so they end the unit's name ("Sở A chủ trì, phối hợp
# với Sở B"): the duty verbs of the assignment columns and of running text.
DUTY_VERBS = (
    "chủ trì",
    "phối hợp",
    "theo dõi",
    "tham mưu",
    "thực hiện",
    "hướng dẫn",
    "đôn đốc",
    "đơn đốc",
    "kiểm tra",
    "kiểm soát",
    "giám sát",
    "tiếp nhận",
    "cập nhật",
    "xây dựng",
    "triển khai",
    "tổng hợp",
    "báo cáo",
    "chịu trách nhiệm",
    "có trách nhiệm",
    "chỉ đạo",
    "đánh giá",
    "rà soát",
    "ban hành",
    "công bố",
    "đăng tải",
    "cung cấp",
    "hỗ trợ",
    "làm đầu mối",
    "là đầu mối",
    "tổ chức",
    "giải quyết",
    "tiếp tục",
)


class _Unmarked(dict[int, int | None]):
    """A `str.translate` table: đ/Đ and their look-alikes to d/D, every combining mark removed. Filled
    as characters are met (a table of all of Unicode would take longer to build than to use)."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


# đ decomposes to no mark under NFD, so mapping it after the decomposition reads the same text
_UNMARKED = _Unmarked(_D_LETTERS)


def strip_marks(text: str) -> str:
    """Text without diacritics, đ/Đ as d/D, case and spacing kept (so offsets hold for NFC text)."""
    return unicodedata.normalize("NFD", text).translate(_UNMARKED)


def fold(text: object) -> str:
    """Accent-free, case-free, whitespace-collapsed form of text (đ/Đ → d); "" for None."""
    if text is None:
        return ""
    return _WS.sub(" ", strip_marks(str(text)).casefold()).strip()


def squash(text: str | None) -> str:
    """Lowercase NFC text with whitespace collapsed, accents kept."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text or "").lower()).strip()


# A date written out in words (NĐ 30/2020 Phụ lục I: "ngày 15 tháng 3 năm 2026"), the year left out
# where the context gives it ("trước ngày 15 tháng 3"); groups d, m and y.
WORDED_DATE = r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+(?P<y>\d{4}))?"


def calendar_date(year: int | None, month: int, day: int) -> dt.date | None:
    """The date a printed day, month and year name; None without a year or for a day that does not
    exist ("30/02/2025": a misprint or a misread, not a date)."""
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
