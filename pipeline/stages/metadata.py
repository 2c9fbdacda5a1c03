"""Document metadata (issuer, type, number and symbol, place and date, title, signer …) from the
header block at the top of a document and the signature block at its end, as pipeline/doc_layout
finds them (one code path for DOCX, PDF and OCR'd pages).

Header: "UBND TỈNH QUẢNG NGÃI / SỞ KHOA HỌC VÀ CÔNG NGHỆ" is parent agency / issuer; "Số:
2170/KH-SKHCN" number and symbol (a blank number in drafts: number None, symbol kept; no "Số:" line
at all: the type code and the issuer's abbreviation, "KH-SKHCN"); "Quảng Ngãi, ngày 03 tháng 3 năm
2023" place and date (blank day or month: None parts, issued_date only when complete). Type from the
title word, else from the symbol's code, else CV (a công văn has a "V/v" subject and "Kính gửi").
Title: the lines under the title word; a công văn's "V/v …" line as printed. Signature: the title
lines of the right column joined with " / ", then the signer's name; lines typed in the left
column under the distribution list are not a signature.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from extractors.model import Document, Table, clean_text
from pipeline.stages.layout import (RECIPIENT, TYPE_CODES, TYPE_WORDS, UPPER_WORD, Line, closing_start, is_upper,
                                 layout, lines_of, page_extents, split_merged, title_word)
from pipeline.records import DocMeta

_NUMBER = re.compile(r"\bSố\s*[:.]?\s*(?P<num>\d+[A-Za-z]?)?[\s.…_]*/\s*"
                     r"(?P<sym>(?:\d{4}\s*/\s*)?[A-ZĐa-zđ][0-9A-Za-zĐđ.\-–]*)")  # "12/UBND-KT", "05/2024/QĐ-UBND"
_DATE = re.compile(
    rf"(?:(?<!\S)(?P<place>(?:[{UPPER_WORD}][^\s,/\-\d]*\s+){{0,3}}[{UPPER_WORD}][^\s,/\-\d]*)\s*,\s*)?"
    r"ngày[\s.…_]*(?P<d>\d{1,2})?[\s.…_]*tháng[\s.…_]*(?P<m>\d{1,2})?[\s.…_]*năm[\s.…_]*(?P<y>\d{4})",
    re.I)
_SUBJECT = re.compile(r"^(?:V/v|V/V|Về\s+việc)\b\s*:?\s*", re.I)
_PLACE_WORD = re.compile(r"^(TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\b")
_PLAN_YEAR = re.compile(r"\b(?:năm|giai\s+đoạn|niên\s+độ)\s+(\d{4})\b", re.I)
_SIGN_NOISE = re.compile(r"^\(?\s*(đã\s+ký|ký|ký,?\s*ghi rõ|ký tên|đóng dấu)[^)]*\)?\.?$|^\[.*\]$", re.I)
# words of a signer's title line ("KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"); an upper-case
# line below the first title without any of them is the signer's name printed in capitals
_SIGNER_TITLE = re.compile(r"\b(?:KT|TM|TL|TUQ|Q)\.|CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG|PHÓ|CHÁNH|BÍ\s+THƯ|THƯ\s+KÝ|"
                           r"ỦY\s+BAN|UBND|HỘI\s+ĐỒNG|BAN\b|SỞ\b|PHÒNG\b|VĂN\s+PHÒNG|CỤC|VỤ\b|VIỆN|TỔNG|"
                           r"ĐẠI\s+DIỆN|THỦ\s+TRƯỞNG|TRƯỞNG\s+BAN|UỶ\s+VIÊN|ỦY\s+VIÊN|CHỦ\s+NHIỆM|KÝ\s+THAY|THAY\s+MẶT")
_NAME_WORD = re.compile(rf"^[{UPPER_WORD}][a-zđà-ỹ]*\.?$")


def _initials(agency: str) -> str | None:
    """The usual abbreviation of an agency for a symbol: SỞ KHOA HỌC VÀ CÔNG NGHỆ → SKHCN,
    ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG → UBND (the place is not abbreviated)."""
    out = []
    for i, word in enumerate(agency.upper().split()):
        if i and _PLACE_WORD.match(word):
            break
        if word in ("VÀ", "&"):
            continue
        if len(word) > 1 and not re.search("[AEIOUY]", _fold(word[1:])):
            out.append(word)  # already an acronym: UBND, HĐND
            continue
        out.append(_fold(word[0]) if word[0] != "Đ" else "Đ")
    return "".join(out) or None


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _name_like(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(_NAME_WORD.match(w) for w in words) and not is_upper(text)


def _closing_lines(blocks: list, closing: int, extents: dict) -> list[Line]:
    """Lines of the signature part: the "Nơi nhận" table (DOCX), or the paragraphs from "Nơi nhận:"
    up to the next page but one, a table, or the title of an appendix (PDF)."""
    first = blocks[closing]
    if isinstance(first, Table):
        return lines_of(first, extents)
    lines: list[Line] = []
    for block in blocks[closing:]:
        if isinstance(block, Table):
            break
        text = clean_text(block.text)
        if lines and (title_word(text) or re.match(r"^(PHỤ\s+LỤC|Phụ\s+lục|\((Kèm|Ban hành))", text)):
            break
        if first.page is not None and block.page is not None and block.page > first.page + 1:
            break
        lines.extend(lines_of(block, extents))
    return lines


def _parse_date(meta: DocMeta, text: str) -> re.Match | None:
    """Place and date from "Quảng Ngãi, ngày 03 tháng 3 năm 2023" (blank day or month: None parts,
    issued_date only when all three are printed)."""
    m = _DATE.search(text)
    if not m:
        return None
    meta.place = m.group("place") or meta.place
    meta.year = int(m.group("y"))
    meta.month = int(m.group("m")) if m.group("m") else None
    meta.day = int(m.group("d")) if m.group("d") else None
    if meta.month and not 1 <= meta.month <= 12:
        meta.month = None
    if meta.day and meta.month:
        try:
            meta.issued_date = dt.date(meta.year, meta.month, meta.day)
        except ValueError:
            meta.day = None
    return m


def _header(meta: DocMeta, lines: list[Line]) -> None:
    """Agencies, number/symbol, date and place, V/v subject from the header lines."""
    agency_lines: list[str] = []
    subject: list[str] | None = None
    seen_number = False
    # the date line stands in the right column; a date in the left one ("V/v báo cáo … ngày …") is not it
    for ln in sorted(lines, key=lambda ln: ln.col != 1):
        if _parse_date(meta, ln.text):
            break
    for ln in lines:
        text = ln.text
        if not meta.doc_symbol and (m := _NUMBER.search(text)):
            meta.doc_number = m.group("num")
            meta.doc_symbol = re.sub(r"\s+", "", m.group("sym")).replace("–", "-").strip(".-")
            seen_number = True
            text = (text[: m.start()] + text[m.end():]).strip()
        if (m := _DATE.search(text)) and ln.col != 0:
            text = text[: m.start()].strip()  # what stood left of the date (a line across both columns)
        if not text:
            continue
        if subject is None and _SUBJECT.match(text):
            subject = [text]
            continue
        if subject is not None:
            # a wrapped subject continues in the left column, below "V/v"
            if ln.col != 1 and not RECIPIENT.match(text) and not is_upper(text) and len(subject) < 4:
                subject.append(text)
            continue
        if not seen_number and ln.col != 1 and is_upper(text):
            agency_lines.append(text)
    # agencies: "UBND TỈNH QUẢNG NGÃI / SỞ KHOA HỌC VÀ CÔNG NGHỆ" is parent / issuer, but
    # "ỦY BAN NHÂN DÂN / TỈNH LÂM ĐỒNG" is one agency broken before its place.
    merged: list[str] = []
    for text in agency_lines:
        if merged and _PLACE_WORD.match(text) and not re.search(r"\b(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ)\b", merged[-1]):
            merged[-1] += " " + text
        else:
            merged.append(text)
    if len(merged) == 1:
        meta.issuer = merged[0]
    elif merged:
        meta.parent_issuer, meta.issuer = merged[0], " ".join(merged[1:])
    if meta.place is None:  # no date line (a draft): the province or city the agencies belong to
        for text in merged:
            if m := re.search(r"\b(?:TỈNH|THÀNH PHỐ)\s+(.+)$", text):
                meta.place = m.group(1).title()
                break
    if subject:
        meta.title = " ".join(subject)
        meta.subject = _SUBJECT.sub("", meta.title).strip() or None


def _signature(meta: DocMeta, lines: list[Line]) -> None:
    """Distribution list (left) and signer's title lines and name (right) of the closing block."""
    left = [ln.text for ln in lines if ln.col != 1]
    right = [ln.text.strip() for ln in lines if ln.col == 1]
    dist: list[str] = []
    for text in left:
        text = re.sub(r"^\s*Nơi\s+nhận\s*:?", "", text, flags=re.I).strip()
        if text[:1] not in "-–+•":
            continue  # not a list entry (in a draft, a signer typed under the list is not a signature)
        for part in re.split(r"(?:^|(?<=[;.]))\s*[-–+•]\s+", text):
            part = part.strip().rstrip(";.,").strip()
            if part:
                dist.append(part)
    meta.distribution = dist
    right = [t for t in right if t and not _SIGN_NOISE.match(t)]
    titles: list[str] = []
    name = None
    for text in right:
        if name is None and is_upper(text) and len(text) < 80 and (not titles or _SIGNER_TITLE.search(text)):
            titles.append(text)
        elif titles and (_name_like(text) or is_upper(text) and _name_like(text.title())):
            name = text if not is_upper(text) else text.title()  # "NGUYỄN VĂN A" → "Nguyễn Văn A"
    meta.signer_title = " / ".join(titles) or None
    meta.signer = name


def _plan_year(meta: DocMeta) -> int | None:
    for text in (meta.title, meta.subject):
        if text and (m := _PLAN_YEAR.search(text)):
            return int(m.group(1))
    return meta.year


def extract_metadata(doc: Document) -> DocMeta:
    """Metadata of one document (any format): what is not printed stays None."""
    meta = DocMeta()
    blocks = doc.blocks
    extents = page_extents(doc)
    lay = layout(blocks)
    # 1. the header: two columns before the title word, "Kính gửi" or the first body paragraph
    header = [ln for block in blocks[: lay.header_end] for ln in lines_of(block, extents)]
    _header(meta, split_merged(header))
    # 2. the title word and the title under it; the recipients of a công văn
    if lay.title_at is not None:
        meta.doc_type = TYPE_WORDS[title_word(blocks[lay.title_at].label_and_text)[0]]
        if lay.title:
            meta.title = " ".join(lay.title)
    meta.recipients = lay.recipients or []
    # 3. type from the symbol ("KH-SKHCN") when there is no title word; a công văn has neither
    code = (meta.doc_symbol or "").split("/")[-1].split("-")[0].upper()  # "2024/QĐ-UBND" → "QĐ"
    if meta.doc_type is None:
        if code in TYPE_CODES:
            meta.doc_type = TYPE_CODES[code]
        elif meta.subject or meta.recipients or meta.doc_symbol:
            meta.doc_type = "CV"
    if not meta.doc_symbol and meta.doc_type and meta.doc_type != "CV" and meta.issuer:
        # no "Số:" line (a draft): the symbol is the type code and the issuer's abbreviation
        abbrev = _initials(meta.issuer)
        meta.doc_symbol = f"{meta.doc_type}-{abbrev}" if abbrev else None
    meta.plan_year = _plan_year(meta)
    # 4. the signature block: from "Nơi nhận:" to the next title (an appendix) or table
    closing = closing_start(blocks, lay.body_start)
    if closing is not None:
        _signature(meta, _closing_lines(blocks, closing, extents))
    return meta


