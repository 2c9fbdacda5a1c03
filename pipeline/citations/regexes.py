"""Every pattern of the citation finder, built once at import and compiled.

One alternation (`CITATION`) finds, in a single left-to-right pass over the raw text, the three
shapes of mention:

- `full`: an optional kind word and "số", then a number in one of its shapes
    45/2020/NĐ-CP   202/2025/QH15   124/QĐ-UBND   2276/UBND-KSTTHC   1014/KH-C04-P6   04-NQ/TU
  a number broken across lines at a hyphen or a slash (`1085/QĐ-` + newline + `TTg`) is matched
  whole; repairs of the symbol (missing hyphen, OCR's lost Đ) are done by `find.py`;
- `law`: a law cited by name, `Luật|Bộ luật <Name> [năm YYYY]`, the amending form
  `Luật sửa đổi, bổ sung một số điều của Luật <Name> năm YYYY` as one mention;
- `short`: kind word + bare number (`Nghị định 45`, `Thông tư số 01/2020`).

The text after a mention (date, issuer) is read with the anchored `TAIL_*` patterns.
"""
from __future__ import annotations

import re

# --- kinds -----------------------------------------------------------------------------------
# Kind words as printed (longest first so "Thông tư liên tịch" wins over "Thông tư").
KIND_WORDS = [
    "Thông tư liên tịch", "Nghị quyết liên tịch", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết",
    "Nghị định", "Quyết định", "Thông tư", "Chỉ thị", "Kế hoạch", "Công văn", "Phương án", "Hướng dẫn",
    "Thông báo", "Kết luận", "Công điện", "Văn bản", "Báo cáo", "Tờ trình", "Đề án", "Chương trình",
]
# Type codes (first part of the symbol) and the kind they denote.
TYPE_KINDS = {
    "NĐ": "Nghị định", "NQ": "Nghị quyết", "NQLT": "Nghị quyết liên tịch", "QĐ": "Quyết định",
    "TT": "Thông tư", "TTLT": "Thông tư liên tịch", "CT": "Chỉ thị", "KH": "Kế hoạch",
    "PA": "Phương án", "HD": "Hướng dẫn", "TB": "Thông báo", "KL": "Kết luận", "CĐ": "Công điện",
    "BC": "Báo cáo", "TTr": "Tờ trình", "ĐA": "Đề án", "CTr": "Chương trình",
    "PL": "Pháp lệnh", "QyĐ": "Quy định", "CV": "Công văn",
}
# The usual issuer of a type code, for queries such as "NĐ 45/2020" (a Nghị định is the Government's).
DEFAULT_ISSUER = {"NĐ": "CP"}
# Issuer codes a missing hyphen may be restored before ("NĐCP" → "NĐ-CP", "QĐUBND" → "QĐ-UBND").
JOINABLE_ISSUERS = ["UBND", "HĐND", "VPCP", "TTG", "TTg", "CP", "BNV", "BTC", "BKHCN", "BTP", "BCA",
                    "BKHĐT", "BTTTT", "BYT", "BGDĐT", "BNNPTNT", "BLĐTBXH", "BXD", "BCT", "BQP"]
# OCR and ASCII typing lose the bar of Đ: codes repaired when they stand in a symbol.
D_REPAIRS = {"ND": "NĐ", "QD": "QĐ", "HDND": "HĐND", "CD": "CĐ", "NQLT": "NQLT", "BCD": "BCĐ",
             "BKHDT": "BKHĐT", "BGDDT": "BGDĐT", "DU": "ĐU", "BCSD": "BCSĐ", "DA": "ĐA"}


def _alt(words, space: str = r"\s+") -> str:
    """An alternation of phrases, longest first, their spaces matching `space` (PDF lines may wrap)."""
    return "|".join(space.join(re.escape(part) for part in w.split())
                    for w in sorted(words, key=len, reverse=True))


KIND_WORD = rf"(?i:{_alt(KIND_WORDS)})"  # the kind word, in any case ("QUYẾT ĐỊNH", "kế hoạch")
KIND_WORD_CASED = _alt(KIND_WORDS, r"[ \t]+")  # short forms need the printed capital ("Nghị định 45")

# --- the number ------------------------------------------------------------------------------
_UP = "A-ZĐÐ"
SEG = rf"(?:TTg|CTr|TTr|[{_UP}][{_UP}0-9&]*)"  # one part of a symbol: NĐ, CP, UBND, QH15, C04, TTg
# a hyphen inside a symbol: "-" (one space either side tolerated), or "-" at the end of a line
# (the rest on the next line, after an optional lone page-number line)
HYPH = r"(?:[ \t]?[-–‑][ \t]?|[-–‑][ \t]*\n(?:[ \t]*\d{1,3}[ \t]*\n)?[ \t]*)"
SLASH = r"(?:[ \t]?/[ \t]?(?:\n[ \t]*)?)"
SYMBOL = rf"{SEG}(?:{HYPH}{SEG})*"
NUM = r"\d{1,5}[a-z]?"
YEAR = r"(?:19|20)\d{2}"
# a symbol ends at a non-word character that is not another slash — or where a PDF line join glued
# the next word to it ("52/2015/NĐ-CPngày 28/5/2015")
END = r"(?:(?![\w/])|(?=(?:ngày|của|về|do|và|năm|tại|theo)\b))"

NUMBER = (
    rf"(?P<num>{NUM})(?:"
    rf"{SLASH}(?P<year>{YEAR}){SLASH}(?P<sym1>{SYMBOL})"  # 45/2020/NĐ-CP, 202/2025/QH15
    rf"|{SLASH}(?P<sym2>{SYMBOL})"  # 124/QĐ-UBND, 2276/UBND-KSTTHC
    rf"|[-–](?P<ptype>{SEG}){SLASH}(?P<pissuer>{SYMBOL})"  # 04-NQ/TU (party documents)
    rf"){END}"
)
# "số", "Số:", "số hiệu", and OCR's misreadings of ố ("sô", "sổ", "so")
SO = r"(?P<so>[Ss][ốỐôÔổỔồộoO](?:[ \t]+hiệu)?[ \t]*:?[ \t]*)"

FULL = rf"(?:(?P<kind>{KIND_WORD})\s*:?\s+)?{SO}?(?<![\w./–-]){NUMBER}"

# --- laws by name ----------------------------------------------------------------------------
_WORD = r"[^\W\d_][\w&'’\-]*"
# an uppercase Vietnamese letter (a name or an issuer starts with one)
_CAP = "[A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x1EFA)) if ch.isupper() and ch.isalpha()) + "]"
# words that end a law's name rather than continue it
_STOP = (r"(?:năm|và|của|về|theo|tại|số|ngày|được|đã|có|hiện|hướng|thi|quy|các|cho|trong|để|"
         r"với|do|đến|từ|thì|nhằm|khi|sau|trước|này|đó)\b")
# a comma inside a name: "Phòng, chống tham nhũng", "sửa đổi, bổ sung", "Cán bộ, công chức"
_NAME_SEP = r"(?:(?:(?<=hòng)|(?<=đổi)|(?<=bộ)),)?\s+"
LAW_NAME = rf"{_CAP}[\w&\-]*(?:{_NAME_SEP}(?!{_STOP}){_WORD}){{0,14}}"
AMEND = (r"sửa\s+đổi,?\s+bổ\s+sung(?:\s+(?:một\s+số\s+điều|một\s+số|các\s+điều|điều\s+\d+))?"
         r"(?:\s+của)?(?:\s+(?:các\s+)?(?:Bộ\s+luật|Luật)\s+)")
LAW = (
    rf"(?<![\w])(?<!pháp )(?<!Pháp )(?P<lawkw>Bộ\s+[lL]uật|Luật)\s+"
    rf"(?P<lawname>(?:{AMEND})?{LAW_NAME})"
    rf"(?:\s+(?:năm\s+)?(?P<lawyear>{YEAR}))?(?![\w])"
)

# --- short forms -----------------------------------------------------------------------------
SHORT = (
    rf"(?<![\w])(?P<skind>{KIND_WORD_CASED})[ \t]+(?P<sso>số[ \t]*:?[ \t]*)?"
    rf"(?P<snum>\d{{1,5}})(?:[ \t]?/[ \t]?(?P<syear>{YEAR}))?(?![\w/])"
)

CITATION = re.compile(rf"(?P<full>{FULL})|(?P<law>{LAW})|(?P<short>{SHORT})")

# --- what follows a mention ------------------------------------------------------------------
DATE = (r"(?:(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d{2})"
        r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s+năm\s+(?P<y2>(?:19|20)\d{2}))(?!\d)")
TAIL_DATE = re.compile(rf"\s*,?\s*\(?\s*(?:ban\s+hành\s+|ký\s+)?ngày\s*:?\s*{DATE}")
_ISSUER_STOP = (
    r"(?=\s*[;.:()\[\]|\"“”]|\s*\n[ \t]*[-+•*\d]|\s*\n\s*\n|\s*,(?!\s*(?:Chủ\s+nhiệm|Chủ\s+tịch|Trưởng\s+ban))|\s*$"
    r"|\s+(?:ngày|về|ban\s+hành|quy\s+định|phê\s+duyệt|sửa\s+đổi|"
    r"hướng\s+dẫn|công\s+bố|đối\s+với|tại|theo|trong|thực\s+hiện|triển\s+khai|để|giao|"
    r"thông\s+qua|chỉ\s+đạo|bãi\s+bỏ|thay\s+thế|quy\s+chế|kèm|cho|đã|đến|như|là|mà)\b"
    rf"|\s+và\b(?!\s+{_CAP})|\s+và\s+(?:{KIND_WORD})\b)"
)
TAIL_ISSUER = re.compile(
    rf"\s*(?:của|do)\s+(?P<issuer>{_CAP}(?:[^\n,;.:()\[\]|\"“”]|,\s*(?=Chủ\s+nhiệm|Chủ\s+tịch|Trưởng\s+ban)"
    r"|\n(?![ \t]*[-+•*\d]))"
    rf"{{0,90}}?){_ISSUER_STOP}"
)
TAIL_LAW_NUMBER = re.compile(rf"\s+số\s*:?\s*(?P<lnum>{NUM})/(?P<lyear>{YEAR})/(?P<lsym>QH\d{{1,2}})(?![\w/])")
# a list of numbers sharing one kind word: "Công văn số 3132/UBND-TTHC ngày …, 3841/UBND-TTHC"
LIST_GAP = re.compile(r"\s*(?:,|;|và|hoặc)\s*(?:và\s+)?(?:(?i:số)\s*:?\s*)?\Z")
# what makes a number the document's own: "Số: 12/KH-UBND" heading its first lines, or the
# appendix line "(Kèm theo Kế hoạch số … )"
OWN_HEADING = re.compile(r"(?:^|\n|\| )[ \t]*\Z")
OWN_APPENDIX = re.compile(
    r"(?:^|\n)[ \t]*(?:\([ \t]*(?i:ban\s+hành\s+)?(?i:kèm\s+theo)|Ban\s+hành\s+kèm\s+theo|Kèm\s+theo)[^\n]{0,30}\Z")
PAGE_BREAK_IN_SYMBOL = re.compile(r"([-–‑])[ \t]*\n(?:[ \t]*\d{1,3}[ \t]*\n)?[ \t]*")

WS = re.compile(r"\s+")
