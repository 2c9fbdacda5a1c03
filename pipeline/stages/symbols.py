"""The symbol (ký hiệu) of a document as the genre builds it (NĐ 30/2020/NĐ-CP, Phụ lục I, and the
type codes of Phụ lục III): the type's code and the issuer's abbreviation ("QĐ-UBND"), or on a công
văn the issuer's and the drafting unit's abbreviations ("BTP-VP"). Used to read what a symbol says
and to recognise a symbol that OCR damaged."""

from __future__ import annotations

import re

from pipeline.stages.layout import TYPE_CODES, Line
from pipeline.text import strip_marks

PLACE_WORD = re.compile(r"^(TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\b")
# the "Số:" line as OCR reads it when a stamped or handwritten number covers the slash
# ("sẽ:4 ồ YBTP-VP" for "Số: 4817/BTP-VP"): an S-word and its colon, a few specks, then a symbol
# in capitals whose first glyph may be the misread slash; `ocr_symbol` accepts it only as the genre
# builds a symbol
_OCR_NUMBER_LINE = re.compile(
    r"^\s*[Ss]\S{0,2}?\s*[:;,.]\s*(?:\S{1,2}\s+){0,4}?(?P<sym>[^\s/]?[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)+)\s*$"
)


def initials(agency: str) -> str | None:
    """The usual abbreviation of an agency for a symbol: SỞ KHOA HỌC VÀ CÔNG NGHỆ → SKHCN,
    ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG → UBND (the place is not abbreviated)."""
    out = []
    for i, word in enumerate(agency.upper().split()):
        if i and PLACE_WORD.match(word):
            break
        if word in ("VÀ", "&"):
            continue
        if len(word) > 1 and not re.search("[AEIOUY]", strip_marks(word[1:])):
            out.append(word)  # already an acronym: UBND, HĐND
            continue
        out.append(strip_marks(word[0]) if word[0] != "Đ" else "Đ")
    return "".join(out) or None


def symbol_code(symbol: str | None) -> str | None:
    """The type code a symbol opens with: "QĐ" of "2024/QĐ-UBND", "KH" of the Party's "KH/TU"; in a
    công văn's "UBND-KT" the issuer's abbreviation stands there instead."""
    parts = [p for p in re.split(r"[/\-–]", symbol or "") if p and not p.isdigit()]
    return parts[0] if parts else None


def ocr_symbol(lines: list[Line], issuer: str | None) -> str | None:
    """The symbol of a "Số:" line whose slash OCR lost under a stamped or handwritten number. A
    symbol opens with the type's code (NĐ 30/2020 Phụ lục III) or, on a công văn, with the issuer's
    abbreviation (Phụ lục I: "BTP-VP" of BỘ TƯ PHÁP); the token read, or the token less its first
    glyph (the slash misread as a letter), is the symbol when it opens so."""
    abbrev = initials(issuer) if issuer else None
    for ln in lines:
        if ln.col == 1 or not (m := _OCR_NUMBER_LINE.match(ln.text)):
            continue
        token = m.group("sym")
        for sym in (token, token[1:]):
            head = sym.split("-")[0]
            if head in TYPE_CODES or (abbrev and head == abbrev.upper()):
                return sym
    return None
