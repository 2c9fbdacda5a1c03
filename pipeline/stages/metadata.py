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

import re

from extractors.model import Document, Table
from pipeline.stages.layout import (
    MOTTO,
    RECIPIENT,
    TYPE_CODES,
    TYPE_WORDS,
    UPPER_WORD,
    Layout,
    Line,
    is_upper,
    layout,
    lines_of,
    page_extents,
    recipient_entries,
    split_merged,
)
from pipeline.stages.signature import read_closing, submitting_head
from pipeline.stages.issuers import issuer_names
from pipeline.stages.symbols import initials, ocr_symbol, symbol_code
from pipeline.records import DocMeta
from pipeline.stages.signed_date import apply_signature_date
from pipeline.text import calendar_date

# "Số" as OCR misreads its tone mark ("Sé:", "Sô:"): with the colon only, as a word it is anything
_OCR_SO = r"[Ss][éèếềôoóòồơ]\s*:"
# "Số: 12/UBND-KT", "Số: 05/2024/QĐ-UBND", "Số: 21.5/GM-BL", "Số: 14-01/26/PT-NC"; a blank number
# ("Số:    /BC-SNV") keeps the symbol, a space typed after a hyphen ("STP- HCTP") is dropped; an
# unreadable one (OCR of a handwritten number) is `junk`: digits OCR read apart ("Số: 5 8/CAT-PX"
# for a handwritten 158) are not joined, as a lost digit cannot be told from a gap; the issuing
# unit's own code may close the symbol in brackets ("TTr-CAH(PX03)": the unit within the issuer)
_NUMBER = re.compile(
    rf"\b(?:Số\s*[:.]?|số\s*:|{_OCR_SO})\s*(?P<num>\d+(?:[.\-]\d+)*[A-Za-z]?)?(?P<junk>[^/⁄\s][^/⁄\n]{{0,5}}?)?[\s.…_]*[/⁄]\s*"
    r"(?P<sym>(?:\d{2,4}\s*/\s*)?[A-ZĐa-zđ](?:[-–]\s+(?=[A-ZĐ])|[0-9A-Za-zĐđ.\-–])*(?:/[0-9A-Za-zĐđ.\-–]+)*"
    r"(?:\([0-9A-Za-zĐđ.\-]+\))?)"
)
# a Party document (Hướng dẫn 36-HD/VPTW): "Số 125-KH/TU", "Số 08-NQ/TW"; the number may be blank
_PARTY_NUMBER = re.compile(
    rf"\b(?:Số\s*[:.]?|số\s*:|{_OCR_SO})\s*(?P<num>\d+)?[\s.…_]*-\s*"
    r"(?P<sym>[A-ZĐ][A-Za-zĐđ]*\s*/\s*[A-ZĐ][0-9A-Za-zĐđ.\-]*)"
)
# the place of a date line: up to four words, a double name joined by a dash ("Long Phú - Hải An")
_PLACE = rf"(?P<place>(?:[{UPPER_WORD}][^\s,/\-\d]*(?:\s+[-–]\s+|\s+)){{0,3}}[{UPPER_WORD}][^\s,/\-\d]*)"
_DATE = re.compile(
    rf"(?:(?<!\S){_PLACE}\s*,\s*)?"
    r"ngày[\s.…_]*(?P<d>\d{1,2})?(?P<dj>[^\s\d]{1,3})?[\s.…_]*tháng[\s.…_]*(?P<m>\d{1,2})?(?P<mj>[^\s\d]{1,3})?"
    r"[\s.…_]*năm[\s.…_]*(?P<y>\d{4})",
    re.I,
)  # dj, mj: an illegible (handwritten, OCR'd) day or month
# a Party document's date may be printed with dashes: "Đà Lạt, ngày 01-10-1997"
_NUMERIC_DATE = re.compile(
    rf"^(?:{_PLACE}\s*,\s*)?"
    r"ngày\s*(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<y>\d{4})\b",
    re.I,
)
# the date line with an illegible day and month (handwritten, OCR'd): the year is still printed
_YEAR_ONLY = re.compile(
    rf"^(?:{_PLACE}\s*,\s*)?"
    r"ngày\b.{0,20}?\bnăm\s*(?P<y>\d{4})\b",
    re.I,
)
_DAY_SLOT = re.compile(r"\b(ngày|tháng)(\s*)([0-9ODIl|\]]{2})(?=\s)", re.I)
_LOOKALIKE_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1", "]": "1"})
_ATTACHED_TO = re.compile(
    r"\(\s*Kèm\s+theo\s+[^()\n]{0,40}?\bs[ốôoó]\s*:?\s*(?P<num>\d+)\s*/\s*"
    r"(?P<sym>[0-9A-Za-zĐđ][0-9A-Za-zĐđ.\-/]*)",
    re.I,
)
_SUBMISSION_FIELD = re.compile(
    r"^\s*(?:\d+\s*[.)]\s*)?(?:Nội\s+dung|Vấn\s+đề)\s+trình\s*:\s*(?P<text>\S.*)", re.I | re.S
)
SUBMISSION_FIELD_BLOCKS = 4  # the field stands among the first blocks of the form's body
MIN_LETTER_SHARE = 0.6  # a title, subject or recipient has at least this share of letters (OCR specks do not)
CLOSING_DATE_BLOCKS = 3  # signature boxes after an undated box's date line, where a dated one may stand
DATE_PIECES = 4  # a date line read in at most this many pieces (place and "ngày", "tháng", "năm", the year)
APPENDIX_OPENING_BLOCKS = 8  # an appendix's heading and its "(Kèm theo …)" line stand among its first blocks
_PLACEHOLDER = re.compile(r"^[\s.…_\-/:;,()]*$")  # dots left for a value a template does not fill
_SUBJECT = re.compile(r"^(?:V/v|V/V|Về\s+việc)\b\s*:?\s*", re.I)
_APPENDIX_HEADING = re.compile(r"^\s*Phụ\s+lục\b", re.I)
_SECTION_LABEL = re.compile(r"^\s*(?:[IVXLC]+|\d+|[A-ZĐ])\s*[.)]\s")
_PLAN_YEAR = re.compile(r"\b(?:năm|giai\s+đoạn|niên\s+độ)\s+(\d{4})\b", re.I)


def ocr_day_digits(text: str) -> str:
    """A day or month that OCR read with a letter for a digit ("ngày D6 tháng I1", "ngày |6", "tháng 1]"):
    O, o, D for 0 and I, l, |, ] for 1 where the number has a true digit too; "ngày Km tháng Y" stays unread."""

    def digits(m: re.Match) -> str:
        value = m.group(3)
        if not re.search(r"\d", value) or value.isdigit():
            return m.group(0)
        return m.group(1) + m.group(2) + value.translate(_LOOKALIKE_DIGITS)

    return _DAY_SLOT.sub(digits, text)


def _parse_date(meta: DocMeta, text: str) -> re.Match | None:
    """Place and date from "Quảng Ngãi, ngày 03 tháng 3 năm 2023" or, on a date line of its own,
    "Đà Lạt, ngày 01-10-1997" (blank day or month: None parts, issued_date only when all three are
    printed)."""
    text = ocr_day_digits(text)
    m = _DATE.search(text) or _NUMERIC_DATE.match(text.strip())
    if not m:
        if year_only := _YEAR_ONLY.match(text.strip()):
            meta.place = year_only.group("place") or meta.place
            meta.year = int(year_only.group("y"))
        return year_only
    meta.place = m.group("place") or meta.place
    meta.year = int(m.group("y"))
    illegible = m.groupdict()
    meta.month = int(m.group("m")) if m.group("m") and not illegible.get("mj") else None
    meta.day = int(m.group("d")) if m.group("d") and not illegible.get("dj") else None
    if meta.month and not 1 <= meta.month <= 12:
        meta.month = None
    if meta.day and meta.month:
        if issued := calendar_date(meta.year, meta.month, meta.day):
            meta.issued_date = issued
        else:
            meta.day = None
    return m


def _date_in_pieces(meta: DocMeta, right: list[str]) -> None:
    """A date line that OCR read in pieces at its blanks ("Hà Nội, ngày" / "tháng 7 năm" / "2026": the
    day left blank for the signature to stamp): the right column's lines from the one with "ngày" on,
    read together."""
    for i, text in enumerate(right):
        if re.search(r"\bngày\b", text, re.I) and _parse_date(meta, " ".join(right[i : i + DATE_PIECES])):
            return


def _parse_number(meta: DocMeta, text: str) -> re.Match | None:
    """Number and symbol of the "Số:" line, state (NĐ 30/2020) or Party (Hướng dẫn 36) form."""
    m = _PARTY_NUMBER.search(text) or _NUMBER.search(text)
    if not m:
        return None
    junk = m.groupdict().get("junk")
    meta.doc_number = None if junk else m.group("num")
    meta.doc_symbol = re.sub(r"\s+", "", m.group("sym")).replace("–", "-").strip(".-") or None
    return m


def _header(meta: DocMeta, lines: list[Line]) -> bool:
    """Agencies, number/symbol, date and place, V/v subject from the header lines; True when the
    header has a "V/v" line (filled or left blank), the mark of a công văn."""
    agency_lines: list[str] = []
    subject: list[str] | None = None
    seen_number = False
    appendix = False  # the issuer stands above a "Phụ lục" heading (NĐ 30/2020 Phụ lục I), never under it
    # the date line stands in the right column; a date in the left one ("V/v báo cáo … ngày …") is not it
    for ln in sorted(lines, key=lambda ln: ln.col != 1):
        if _parse_date(meta, ln.text):
            break
    else:
        _date_in_pieces(meta, [ln.text for ln in lines if ln.col == 1])
    greeting: list[str] | None = None  # "Kính gửi" aligned with the header's columns (a PDF reads it in)
    for ln in lines:
        text = ln.text
        if greeting is not None or (RECIPIENT.match(text) and ln.col != 1):
            # the date line beside the greeting (its row's right cell) is no recipient
            greeting = (greeting or []) + ([] if _DATE.search(text) else [text])
            continue
        if not meta.doc_symbol and (m := _parse_number(meta, text)):
            seen_number = True
            text = (text[: m.start()] + text[m.end() :]).strip()
        if (m := _DATE.search(text) or _YEAR_ONLY.match(text)) and ln.col != 0:
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
        appendix = appendix or bool(_APPENDIX_HEADING.match(text))
        if not (seen_number or appendix) and ln.col != 1 and is_upper(text) and not _SECTION_LABEL.match(text):
            agency_lines.append(text)
    # agencies: "UBND TỈNH QUẢNG NGÃI / SỞ KHOA HỌC VÀ CÔNG NGHỆ" is parent / issuer; a name wrapped
    # over lines ("ỦY BAN NHÂN DÂN / TỈNH LÂM ĐỒNG") is one
    merged = issuer_names(agency_lines)
    if len(merged) == 1:
        meta.issuer = merged[0]
    elif merged:
        meta.parent_issuer, meta.issuer = merged[0], " ".join(merged[1:])
    if not meta.doc_symbol:
        meta.doc_symbol = ocr_symbol(lines, meta.issuer)
    if meta.place is None:  # no date line (a draft): the province or city the agencies belong to
        for text in merged:
            if m := re.search(r"\b(?:TỈNH|THÀNH PHỐ)\s+(.+)$", text):
                meta.place = m.group(1).title()
                break
    if subject:
        meta.subject = _filled(_SUBJECT.sub("", " ".join(subject)).strip())
    meta.recipients = recipient_entries(greeting or [])
    return subject is not None


def _filled(text: str | None) -> str | None:
    """None for a template's blank (dots, underscores) or for OCR's specks ("1 /Zđ_": a title is
    words, mostly letters), else the text."""
    if text is None or _PLACEHOLDER.match(text):
        return None
    chars = [c for c in text if not c.isspace()]
    return text if sum(c.isalpha() for c in chars) >= MIN_LETTER_SHARE * len(chars) else None


def _doc_type(meta: DocMeta, word: str | None, has_subject_line: bool) -> str | None:
    """The code printed in the symbol when it is a type code (NĐ 30/2020 Phụ lục III), else the code
    of the title word; a heading with no code of its own takes the symbol's code as printed; no title
    word and a "V/v" subject, "Kính gửi" or a symbol without a type code: a công văn."""
    code = symbol_code(meta.doc_symbol)
    if word is None and has_subject_line:
        return "CV"  # "Số: 12/CT-TTHT" of a công văn: the code there is a unit's ("CT" Cục Thuế)
    if code and code.upper() in TYPE_CODES:
        return TYPE_CODES[code.upper()]
    if word is not None:
        return TYPE_WORDS[word] or code
    if meta.recipients or meta.doc_symbol:
        return "CV"
    return None


def _heading_title(blocks: list, extents: dict, min_words: int = 4) -> str | None:
    """The heading of a document without a type name (a stand-alone "Phụ lục", a danh sách, an đề
    cương): the first full-width line in capitals at its top that is neither motto, number nor date,
    with the lines in capitals that continue it. Only a document with a motto or opened by "Phụ lục"
    is administrative; a bare sheet of tables has no trích yếu."""
    texts = [ln.text for block in blocks for ln in lines_of(block, extents)]
    if not any(MOTTO.search(t) or _APPENDIX_HEADING.match(t) for t in texts):
        return None
    heading: list[str] = []
    heading_bold: bool | None = None
    for block in blocks:
        if isinstance(block, Table):
            if heading:
                break
            continue
        lines = lines_of(block, extents)
        text = " ".join(ln.text.strip() for ln in lines)
        if heading:
            if not is_upper(text) or _SECTION_LABEL.match(text) or block.bold != heading_bold:
                break
            heading.append(text)
        elif (
            lines
            and all(ln.col is None for ln in lines)
            and is_upper(text)
            and len(text.split()) >= min_words
            and not MOTTO.search(text)
            and not _NUMBER.search(text)
            and not _DATE.search(text)
        ):
            heading, heading_bold = [text], block.bold
    return " ".join(heading) or None


def _closing_date(meta: DocMeta, blocks: list, start: int, extents: dict) -> None:
    """A document whose header has no date line (a phiếu trình, a biên bản) is dated by a date line
    standing alone above its signatures ("Lâm Đồng, ngày 19 tháng 8 năm 2025"): the first one after
    the body starts, or a complete one in the signature boxes just after it (a box with a blank
    day beside one dated). Dates later in a file belong to what is attached to it."""
    found: list[DocMeta] = []
    first: int | None = None
    for i in range(start, len(blocks)):
        if first is not None and i > first + CLOSING_DATE_BLOCKS:
            break
        for ln in lines_of(blocks[i], extents):
            text = ocr_day_digits(ln.text.strip()).rstrip(".")
            if (m := _DATE.search(text)) and m.start() == 0 and m.end() == len(text):
                _parse_date(candidate := DocMeta(), text)
                found.append(candidate)
                first = i if first is None else first
    best = next((c for c in found if c.issued_date), found[0] if found else None)
    if best is not None:
        meta.place, meta.year, meta.month, meta.day, meta.issued_date = (
            best.place,
            best.year,
            best.month,
            best.day,
            best.issued_date,
        )


def _submitted(blocks: list) -> str | None:
    """What a phiếu trình submits, its trích yếu: the "Nội dung trình: …" or "1. Vấn đề trình: …" field
    under the form's name ("PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC" names the form, not the matter)."""
    for block in blocks:
        if not isinstance(block, Table) and (m := _SUBMISSION_FIELD.match(block.label_and_text)):
            return _filled(m.group("text").strip().rstrip("."))
    return None


def _attached_number(doc: Document, symbol: str, year: int | None) -> str | None:
    """The number of a document whose own is blank or illegible (handwritten on a scan), from the line
    its attached list or appendix carries, "(Kèm theo Công văn số 5689/BCA-C04 ngày …)", when that
    line names the same symbol and no other year: it is this document's number (NĐ 30/2020 Phụ lục I)."""
    text = doc.text()
    for m in _ATTACHED_TO.finditer(text):
        dated = re.search(r"\b(?:19|20)\d{2}\b", text[m.end() : m.end() + 40].split(")")[0])
        if re.sub(r"\s+", "", m.group("sym")).rstrip(".").lower() == symbol.lower() and not (
            year and dated and int(dated.group()) != year
        ):
            return m.group("num")
    return None


def _appendix_of(meta: DocMeta, opening: list) -> None:
    """An appendix issued on its own, with no "Số:" line: "Phụ lục 2 / … / (Kèm theo Công văn số
    12094/BNV-CCHC ngày 15/12/2025 của …)" above its first table. An appendix is part of the document
    it is attached to (NĐ 30/2020 Phụ lục I), so it carries that document's number, symbol and date."""
    texts: list[str] = []
    for block in opening:
        if isinstance(block, Table):
            break
        texts.append(block.text.strip())
    if not any(_APPENDIX_HEADING.match(t) for t in texts):
        return
    for text in texts:
        if m := _ATTACHED_TO.match(text):
            meta.doc_number, meta.doc_symbol = m.group("num"), re.sub(r"\s+", "", m.group("sym")).rstrip(".-/")
            tail = text[m.end() :].split(")")[0]
            if meta.issued_date is None and (day := re.search(r"\bngày", tail, re.I)):
                _parse_date(meta, tail[day.start() :])
            return


def _plan_year(meta: DocMeta) -> int | None:
    for text in (meta.title, meta.subject):
        if text and (m := _PLAN_YEAR.search(text)):
            return int(m.group(1))
    return meta.year


def extract_metadata(doc: Document, lay: Layout | None = None) -> DocMeta:
    """Metadata of one document (any format): what is not printed stays None. `lay` is the
    document's layout when the caller already has it (the pipeline computes it once per file)."""
    meta = DocMeta()
    blocks = doc.blocks
    extents = page_extents(doc)
    lay = lay or layout(blocks)
    # 1. the header: two columns before the title word, "Kính gửi" or the first body paragraph
    header = [ln for block in blocks[: lay.header_end] for ln in lines_of(block, extents)]
    has_subject_line = _header(meta, split_merged(header))
    # 2. the title word and the title under it; the recipients of a công văn
    word = lay.word
    if lay.title:
        meta.title = _filled(" ".join(lay.title))
    if word == "PHIẾU TRÌNH":
        meta.title = _submitted(blocks[lay.body_start : lay.body_start + SUBMISSION_FIELD_BLOCKS]) or meta.title
    meta.recipients = [r for r in lay.recipients or meta.recipients if _filled(r)]
    meta.doc_type = _doc_type(meta, word, has_subject_line)
    if meta.doc_type is None and meta.title is None:
        meta.title = _heading_title(blocks[: lay.header_end + 2], extents)
    if not meta.doc_symbol:
        _appendix_of(meta, blocks[:APPENDIX_OPENING_BLOCKS])
    if meta.year is None and lay.annotation:
        _parse_date(meta, lay.annotation)  # "(Ban hành kèm theo Quyết định số … năm 2025 …)": issued with it
    if meta.doc_type == "CV":
        meta.title = None  # a công văn has no title: its trích yếu is the "V/v" subject
    elif meta.title is None and meta.subject:
        meta.title = meta.subject  # a "V/v" line in the header of a typed document is its trích yếu
    if not meta.doc_symbol and meta.doc_type and meta.doc_type != "CV" and meta.issuer and meta.year is None:
        # a draft header without the "Số:" and the date lines: the working symbol is the type code
        # and the issuer's abbreviation
        abbrev = initials(meta.issuer)
        meta.doc_symbol = f"{meta.doc_type}-{abbrev}" if abbrev else None
    meta.plan_year = _plan_year(meta)
    # 4. the closing block: from "Nơi nhận:" or the signer's authority line
    read_closing(meta, blocks, lay.body_start, extents, ocr=doc.file_format == "pdf-ocr")
    if word == "PHIẾU TRÌNH" and meta.signer is None:
        meta.signer_title, meta.signer = submitting_head(blocks[lay.body_start :])
    if meta.doc_symbol and not meta.doc_number:
        meta.doc_number = _attached_number(doc, meta.doc_symbol, meta.year)
    if meta.year is None:
        _closing_date(meta, blocks, lay.body_start, extents)
        meta.plan_year = meta.plan_year or meta.year
    apply_signature_date(meta, doc)
    return meta
