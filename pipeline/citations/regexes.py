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

import datetime as dt
import re

from pipeline.text import calendar_date

# --- kinds -----------------------------------------------------------------------------------
# Kind words as printed (longest first so "Thông tư liên tịch" wins over "Thông tư").
KIND_WORDS = [
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Thông tư",
    "Chỉ thị",
    "Kế hoạch",
    "Công văn",
    "Phương án",
    "Hướng dẫn",
    "Thông báo",
    "Kết luận",
    "Công điện",
    "Văn bản",
    "Báo cáo",
    "Tờ trình",
    "Đề án",
    "Chương trình",
    "Văn bản hợp nhất",
    "Giấy mời",
    "Thông tri",
    "Hiến pháp",
    # the other types of NĐ 30/2020 Phụ lục III and Hướng dẫn 36-HD/VPTW, and the dossier papers an
    # applicant files (numbered "01-ĐN" by the form they follow)
    "Quy chế",
    "Quy định",
    "Biên bản",
    "Hợp đồng",
    "Thông cáo",
    "Phiếu chuyển",
    "Phiếu gửi",
    "Phiếu báo",
    "Phiếu trình",
    "Giấy giới thiệu",
    "Bản ghi nhớ",
    "Giấy đề nghị",
    "Đơn đề nghị",
    "Bảng kê",
]
# Type codes (first part of the symbol) and the kind they denote.
TYPE_KINDS = {
    "NĐ": "Nghị định",
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "QĐ": "Quyết định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "KL": "Kết luận",
    "CĐ": "Công điện",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "ĐA": "Đề án",
    "CTr": "Chương trình",
    "PL": "Pháp lệnh",
    "QyĐ": "Quy định",
    "CV": "Công văn",
    "VBHN": "Văn bản hợp nhất",
    "GM": "Giấy mời",
    "TTri": "Thông tri",
    "QC": "Quy chế",
    "QĐi": "Quy định",
    "BB": "Biên bản",
    "PC": "Phiếu chuyển",
    "GGT": "Giấy giới thiệu",
}
# The usual issuer of a type code, for queries such as "NĐ 45/2020" (a Nghị định is the Government's).
DEFAULT_ISSUER = {"NĐ": "CP"}
# Technical regulations cited by "<code> <number>:<year>[/<issuer>]" (ref "05A:2020/BCT"): binding
# national and local regulations. Voluntary standards (TCVN, "TCVN ISO 9001:2015" quality systems) are
# applied, not cited as documents, and are left out.
STANDARD_KINDS = ("QCVN", "QCĐP")
# Type codes whose documents are always legal normative texts (NĐ 30/2020 Phụ lục I: their số/ký hiệu
# carries the year): a printed ref without the year ("126/NĐ-CP") lost it.
YEARED_TYPES = {"NĐ", "TT", "TTLT"}
# OCR and ASCII typing lose the bar of Đ: codes repaired when they stand in a symbol.
D_REPAIRS = {
    "ND": "NĐ",
    "QD": "QĐ",
    "HDND": "HĐND",
    "CD": "CĐ",
    "NQLT": "NQLT",
    "BCD": "BCĐ",
    "BKHDT": "BKHĐT",
    "BGDDT": "BGDĐT",
    "DU": "ĐU",
    "BCSD": "BCSĐ",
    "DA": "ĐA",
}


def _alt(words, space: str = r"\s+") -> str:
    """An alternation of phrases, longest first, their spaces matching `space` (PDF lines may wrap)."""
    return "|".join(space.join(re.escape(part) for part in w.split()) for w in sorted(words, key=len, reverse=True))


KIND_WORD = rf"(?i:{_alt(KIND_WORDS)})"  # the kind word, in any case ("QUYẾT ĐỊNH", "kế hoạch")
KIND_WORD_CASED = _alt(KIND_WORDS, r"[ \t]+")  # short forms need the printed capital ("Nghị định 45")

# --- the number ------------------------------------------------------------------------------
_UP = "A-ZĐÐ"
# one part of a symbol: NĐ, CP, UBND, QH15, C04, and the mixed-case codes TTg, CTr, TTr, BTh, QyĐ
SEG = rf"(?:[{_UP}](?:[{_UP}0-9&]|[a-zđ](?=[{_UP}0-9&]))*[a-zđ]?)"
# a symbol typed in lower case ("nđ-cp", "qđ-ubnd"): its first part must be a type code (checked in find.py)
LSEG = r"(?:[a-zđ]{2,6}\d{0,2})"
# a hyphen inside a symbol: "-" (one space either side tolerated), or "-" at the end of a line
# (the rest on the next line, after an optional lone page-number line)
HYPH = r"(?:[ \t]?[-–‑][ \t]?|[-–‑][ \t]*\n(?:[ \t]*\d{1,3}[ \t]*\n)?[ \t]*)"
SLASH = r"(?:[ \t]?/[ \t]?(?:\n[ \t]*)?)"
SYMBOL = rf"{SEG}(?:{HYPH}{SEG})*"
LSYMBOL = rf"{LSEG}(?:-{LSEG})+"
# a symbol with several slashes after the year (company letters: "02/2026/VLN/CV-TA")
SYMBOLS = rf"{SYMBOL}(?:/{SYMBOL})*"
# the number: digits, with a dotted sub-number or a letter ("13.4", "05A", "12a"); OCR reads a
# leading 1 as "I"/"l" and may split it off by a space ("số I 798/QĐ-UBND")
NUM = r"(?:(?<=[ốỐ:] )[Il] ?)?\d{1,5}(?:\.\d{1,3})?[a-zA-Z]?"
YEAR = r"(?:19|20)\d{2}"
# a symbol ends at a non-word character that is not another slash — or where a PDF line join glued
# the next word to it ("52/2015/NĐ-CPngày 28/5/2015")
# footnote marks printed as superscripts ("NĐ-CP¹"): Unicode counts them as word characters
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
END = rf"(?:(?![\w/])|(?=[{SUPERSCRIPTS}])|(?=(?:ngày|của|về|do|và|năm|tại|theo)\b))"

NUMBER = (
    rf"(?P<num>{NUM})(?:"
    rf"{SLASH}(?P<year>{YEAR}){SLASH}(?P<sym1>{SYMBOLS}|{LSYMBOL})"  # 45/2020/NĐ-CP, 202/2025/QH15
    rf"|{SLASH}(?P<sym2>{SEG}[ \t](?P<lost>{SEG})|{SYMBOL}|{LSYMBOL})"  # 124/QĐ-UBND, 2276/UBND-KSTTHC
    rf"|[-–][ \t]?(?P<ptype>{SEG}){SLASH}(?P<pissuer>{SYMBOL})"  # 04-NQ/TU (party documents)
    rf"){END}"
)
# "số", "Số:", "số hiệu", and OCR's misreadings of ố ("sô", "sổ", "so")
SO = r"(?P<so>[Ss][ốỐôÔổỔồộoO](?:[ \t]+hiệu)?[ \t]*:?[ \t]*)"

# words between the kind word and "số" name a sub-kind: "Thông báo kết luận số 123-TB/TU" is a Thông báo
_LOW = "a-z" + "".join(ch for ch in map(chr, range(0xC0, 0x1EFA)) if ch.islower() and ch.isalpha())
# an uppercase Vietnamese letter (a name or an issuer starts with one)
_CAP = "[A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x1EFA)) if ch.isupper() and ch.isalpha()) + "]"
_QUALIFIER = rf"(?:[ \t]+[{_LOW}]+){{1,3}}(?=[ \t]+[Ss]ố\b)"
# Hướng dẫn 36-HD/VPTW puts the issuing body between the type and the number: "Quyết định của Bộ Chính
# trị số 31-QĐ/TW", "Quy định của Ban Bí thư số 66-QĐ/TW" (a few words, none opening another mention)
_OF_ISSUER = (
    rf"[ \t]+của[ \t]+{_CAP}\S*(?:[ \t]+(?!về\b|ban\s+hành\b|(?i:số)\b|{KIND_WORD}\b)[^\s,;:.()]+){{0,6}}"
    rf"(?=[ \t]+số\b)"
)
FULL = rf"(?:(?P<kind>{KIND_WORD})(?:{_QUALIFIER}|{_OF_ISSUER})?\s*:?\s+)?{SO}?(?<![\w./–+-]){NUMBER}"
# a paper of an applicant's dossier numbered by the form it follows: "Giấy đề nghị số 01-ĐN", "Bảng kê
# số 02-BK" (only after its type word: a bare "01-ĐN" is no reference)
FORM = rf"(?P<fkind>{KIND_WORD})[ \t]+số[ \t]*:?[ \t]*(?P<fnum>\d{{1,4}})[-–](?P<fcode>[{_UP}]{{1,5}})(?![\w/–-])"
# QCVN 05A:2020/BCT, TCVN 5687:2010
STANDARD = (
    rf"(?P<skw>{'|'.join(STANDARD_KINDS)})[ \t]+(?P<stdnum>[0-9][0-9A-Za-z.\-]*)[ \t]?:[ \t]?"
    rf"(?P<stdyear>{YEAR})(?:/(?P<stdsym>{SYMBOL}))?(?![\w/])"
)

# --- laws by name ----------------------------------------------------------------------------
_WORD = r"[^\W\d_][\w&'’\-]*"
# words that end a law's name rather than continue it
_STOP = (
    r"(?:năm|của|về|theo|tại|số(?=\s*:?\s*\d)|ngày|được|đã|có(?!\s+công)|hiện\s+hành|hướng|thi|quy\s+định|các|cho|"
    r"trong|để|(?<!công )với|do|đến|từ|thì|nhằm|khi|sau|trước|này|đó|trên|dưới|đối|nêu|hoặc|như|là|mà|và|"
    r"có\s+hiệu)\b"
)
# "Luật sư", "Luật gia", "Luật định" … are words, not laws
_NOT_A_LAW = r"(?:sư|gia|học|định|pháp|này|đó)\b"
# words that start something else after "và": another law or document ("và Luật Đất đai")
_AND_STOP = (
    rf"(?:{_alt(KIND_WORDS + ['Điều', 'Điều lệ', 'Bộ', 'Sở', 'Ủy ban', 'UBND'])}"
    r"|pháp\s+luật|văn\s+bản|quy\s+định|hướng\s+dẫn|luật)\b"
)
# inside a name, a comma or "và" continues it when a word of the name follows ("Phòng cháy, chữa cháy và
# cứu nạn, cứu hộ", "Khoa học và Công nghệ"); another law, a year or a stop word ends it
_NAME_SEP = rf"(?:,\s*(?=[{_LOW}])(?!pháp\s+luật)|\s+và\s+(?!{_AND_STOP})|\s+)"
# words that end a name when they follow its first word: the verb or the article reference of the
# citing clause ("… của Luật Địa chất và khoáng sản phải …", "… Luật Doanh nghiệp, gồm: …", "Điều 48
# Luật X và khoản 2 …"); a name may open with one ("Luật thực hiện dân chủ ở cơ sở")
_STOP_LATER = (
    r"(?:phải|gồm|bao\s+gồm|lập|chịu|bị|kèm|không|chỉ|thực\s+hiện|thành\s+lập|khoản|điểm"
    r"|trường\s+hợp|những|hết\s+hiệu\s+lực|sửa\s+đổi|(?<!, )sử\s+dụng)\b"
)
LAW_NAME = rf"(?!{_STOP}|{_NOT_A_LAW})[\w&\-]+(?:{_NAME_SEP}(?!{_STOP}|{_STOP_LATER}){_WORD}){{0,16}}"
AMEND = (
    r"sửa\s+đổi,?\s+bổ\s+sung(?:\s+(?:một\s+số\s+điều|một\s+số|các\s+điều|điều\s+\d+))?"
    r"(?:\s+của)?(?:\s+(?:các\s+)?(?:Bộ\s+luật|Luật)\s+)"
)
# an amending law names the laws it amends: "… của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"
AMENDED_MORE = rf"(?:(?:,\s*|\s+và\s+)(?:Bộ\s+luật|Luật)\s+{LAW_NAME})*"
LAW = (
    rf"(?<![\w])(?<!pháp )(?<!Pháp )(?<!sĩ )(?<!nhân )(?<!ngành )(?P<lawkw>Bộ\s+[lL]uật|Luật|Pháp\s+lệnh|Hiến\s+pháp)(?=[\s,.;)]|$)"
    rf"(?:\s+(?P<lawname>(?P<amend>{AMEND})?{LAW_NAME}(?(amend){AMENDED_MORE})))?"
    rf"(?:,?\s+(?:năm\s+)?(?P<lawyear>{YEAR}))?(?![\w/])"
)

# --- short forms -----------------------------------------------------------------------------
SHORT = (
    rf"(?<![\w])(?P<skind>{KIND_WORD_CASED})[ \t]+(?P<sso>số[ \t]*:?[ \t]*)?"
    rf"(?P<snum>\d{{1,5}})(?:[ \t]?/[ \t]?(?P<syear>{YEAR}))?(?![\w/])"
)

MENTION = rf"(?P<std>{STANDARD})|(?P<full>{FULL})|(?P<form>{FORM})|(?P<law>{LAW})|(?P<short>{SHORT})"
# where a mention can start: a kind word's first letter (any case; the laws' and standards' keywords
# are kind words or start like one), "số", or the number itself (a digit, OCR's "I"/"l" for 1). The
# lookahead only skips positions where no branch could match: the matches are those of MENTION alone,
# found in half the time (the branches, each an alternation of ~45 words, are not tried at every letter)
MENTION_START = (
    "(?=(?i:["
    + "".join(sorted({w[0] for w in [*KIND_WORDS, *STANDARD_KINDS, "Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp"]}))
    + r"])|[SsIl]|\d)"
)
CITATION = re.compile(rf"{MENTION_START}(?:{MENTION})")

# --- what follows a mention ------------------------------------------------------------------
# OCR reads the digit 1 of a day as "l" or "I" ("ngày l6 tháng 6"): folded back by OCR_ONE
DATE = (
    r"(?:(?P<d>[\dlI]?\d)\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d{2})"
    r"|(?P<d2>[\dlI]?\d)\s+tháng\s+(?P<m2>\d{1,2})\s*,?\s+năm\s+(?P<y2>(?:19|20)\d{2}))(?!\d)"
)
OCR_ONE = str.maketrans("lI", "11")  # OCR's letters for the digit 1, back to digits


def date_of(m: re.Match) -> dt.date | None:
    """The date a match of DATE reads (None for an impossible one: "31/02/2024")."""
    d, mo, y = (
        (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else (m.group("d2"), m.group("m2"), m.group("y2"))
    )
    return calendar_date(int(y), int(mo), int(d.translate(OCR_ONE)))


# a date that opens the clause of a mention: "Ngày 01/10/2025, Sở X đã ban hành Công văn số …"
LEAD_DATE = re.compile(rf"(?:^|[\n.;:,]\s*|(?i:kể\s+từ)\s+)(?i:ngày)\s*{DATE}\s*,(?P<between>[^\n.;]{{0,160}})\Z")
TAIL_DATE = re.compile(rf"[{SUPERSCRIPTS}]*\s*,?\s*\(?\s*(?:ban\s+hành\s+|ký\s+)?ngày\s*:?\s*{DATE}")
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
TAIL_LAW_NUMBER = re.compile(
    rf",?\s+số\s*:?\s*(?P<lnum>{NUM})/(?P<lyear>{YEAR})/(?P<lsym>(?:QH|UBTVQH)\d{{1,2}})(?![\w/])"
)
# a list of numbers sharing one kind word: "Công văn số 3132/UBND-TTHC ngày …, 3841/UBND-TTHC"
LIST_GAP = re.compile(r"\s*(?:,|;|và|hoặc)\s*(?:và\s+)?(?:(?i:số)\s*:?\s*)?\Z")
# what makes a number the document's own: "Số: 12/KH-UBND" heading its first lines, or the
# appendix line "(Kèm theo Kế hoạch số … )"
OWN_HEADING = re.compile(r"(?:^|\n|\| )[ \t]*\Z")
# ... also when the number is handwritten and OCR split its digits ("Số: 5 60/GM-UBND") or misread the
# tone mark of "Số" ("Sé: 5 60/…"): only the first digits stand between "Số" and what reads as a number
OWN_SPLIT_HEADING = re.compile(r"(?:^|\n|\| )[ \t]*[Ss]\S{0,2}[ \t]*:[ \t]*\d{1,4}[ \t]+\Z")
OWN_APPENDIX = re.compile(
    r"(?:^|\n)[ \t]*(?:\([ \t]*(?i:ban\s+hành\s+)?(?i:kèm\s+theo)|Ban\s+hành\s+kèm\s+theo|Kèm\s+theo)[^\n]{0,30}\Z"
)
FORM_OF_TEXT = re.compile(r"(?i:mẫu|biểu|phụ\s+lục)\s*\Z")
# a certificate or a permit is numbered too, but is not a document that is cited (a licence held)
CERTIFICATE = re.compile(r"(?i:giấy\s+chứng\s+nhận|giấy\s+phép|chứng\s+chỉ)(?:[ \t]+[^\s,;.()]+){0,12}[ \t]*\Z")
PAGE_BREAK_IN_SYMBOL = re.compile(r"([-–‑])[ \t]*\n(?:[ \t]*\d{1,3}[ \t]*\n)?[ \t]*")

WS = re.compile(r"\s+")
