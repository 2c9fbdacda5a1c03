"""Document metadata (issuer, type, number and symbol, place and date, title, signer …) from the
header block at the top of a document and the signature block at its end.

The layout is fixed by Nghị định 30/2020/NĐ-CP. The header is two columns — left: parent agency,
issuing agency, "Số: 2170/KH-SKHCN" (and, in a công văn, the "V/v …" subject); right: the national
motto and "Quảng Ngãi, ngày 03 tháng 3 năm 2023". The title word ("KẾ HOẠCH", "BÁO CÁO" …) and
the title follow, centred. At the end, "Nơi nhận:" and the distribution list sit on the left, the
signer's title lines and name on the right. A DOCX carries both blocks as borderless two-column
tables; a PDF as paragraphs side by side. Both become the same *header lines* here (text plus the
column it stands in), so there is one code path for every format.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from extractors.model import Document, Paragraph, Table, clean_text
from pipeline.records import DocMeta

# title word → type code (Nghị định 30/2020, Phụ lục III). A công văn has no title word.
TYPE_WORDS = {
    "KẾ HOẠCH": "KH", "BÁO CÁO": "BC", "TỜ TRÌNH": "TTr", "QUYẾT ĐỊNH": "QĐ", "THÔNG BÁO": "TB",
    "NGHỊ QUYẾT": "NQ", "CHỈ THỊ": "CT", "HƯỚNG DẪN": "HD", "KẾT LUẬN": "KL", "CHƯƠNG TRÌNH": "CTr",
    "CÔNG ĐIỆN": "CĐ", "GIẤY MỜI": "GM", "BIÊN BẢN": "BB", "ĐỀ ÁN": "ĐA", "PHƯƠNG ÁN": "PA",
    "DỰ ÁN": "DA", "QUY CHẾ": "QC", "QUY ĐỊNH": "QyĐ", "THÔNG TƯ": "TT", "NGHỊ ĐỊNH": "NĐ",
    "CÔNG VĂN": "CV", "THÔNG CÁO": "TC", "HỢP ĐỒNG": "HĐ", "GIẤY ỦY QUYỀN": "GUQ", "GIẤY ỦY NHIỆM": "GUQ",
    "GIẤY GIỚI THIỆU": "GGT", "PHIẾU GỬI": "PG", "PHIẾU CHUYỂN": "PC", "PHIẾU BÁO": "PB",
}
TYPE_CODES = {code.upper(): code for code in TYPE_WORDS.values()}

_MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA(?:\s+VIỆT(?:\s+NAM)?)?"
                    r"|Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.I)
_DECORATION = re.compile(r"^[\s\-–—_=.*~•]*$")
_NUMBER = re.compile(r"\bSố\s*[:.]?\s*(?P<num>\d+[A-Za-z]?)?[\s.…_]*/\s*"
                     r"(?P<sym>(?:\d{4}\s*/\s*)?[A-ZĐa-zđ][0-9A-Za-zĐđ.\-–]*)")  # "12/UBND-KT", "05/2024/QĐ-UBND"
_UPPER_WORD = "A-ZĐ\u00c0-\u00dd\u0102\u0110\u0128\u0168\u01a0\u01af\u1ea0-\u1ef8"
_DATE = re.compile(
    rf"(?:(?<!\S)(?P<place>(?:[{_UPPER_WORD}][^\s,/\-\d]*\s+){{0,3}}[{_UPPER_WORD}][^\s,/\-\d]*)\s*,\s*)?"
    r"ngày[\s.…_]*(?P<d>\d{1,2})?[\s.…_]*tháng[\s.…_]*(?P<m>\d{1,2})?[\s.…_]*năm[\s.…_]*(?P<y>\d{4})",
    re.I)
_SUBJECT = re.compile(r"^(?:V/v|V/V|Về\s+việc)\b\s*:?\s*", re.I)
_RECIPIENT = re.compile(r"^Kính\s+gửi\s*:?\s*", re.I)
_PLACE_WORD = re.compile(r"^(TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\b")
_PLAN_YEAR = re.compile(r"\b(?:năm|giai\s+đoạn|niên\s+độ)\s+(\d{4})\b", re.I)
_SIGN_NOISE = re.compile(r"^\(?\s*(đã\s+ký|ký|ký,?\s*ghi rõ|ký tên|đóng dấu)[^)]*\)?\.?$|^\[.*\]$", re.I)
_BODY_START = re.compile(r"^(Căn\s+cứ|Thực\s+hiện|Theo|Kính\s+gửi|Trên\s+cơ\s+sở|Nhằm|Để)\b", re.I)
# words of a signer's title line ("KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"); an upper-case
# line below the first title without any of them is the signer's name printed in capitals
_SIGNER_TITLE = re.compile(r"\b(?:KT|TM|TL|TUQ|Q)\.|CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG|PHÓ|CHÁNH|BÍ\s+THƯ|THƯ\s+KÝ|"
                           r"ỦY\s+BAN|UBND|HỘI\s+ĐỒNG|BAN\b|SỞ\b|PHÒNG\b|VĂN\s+PHÒNG|CỤC|VỤ\b|VIỆN|TỔNG|"
                           r"ĐẠI\s+DIỆN|THỦ\s+TRƯỞNG|TRƯỞNG\s+BAN|UỶ\s+VIÊN|ỦY\s+VIÊN|CHỦ\s+NHIỆM|KÝ\s+THAY|THAY\s+MẶT")
_LIST_ENTRY = re.compile(r"^\s*[-–+•]\s*")
_NAME_WORD = re.compile(rf"^[{_UPPER_WORD}][a-zđà-ỹ]*\.?$")


@dataclass
class Line:
    """One visual line of the header or signature block, and the column it stands in."""
    text: str
    col: int | None  # 0 left, 1 right, None unknown (full width)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _paragraph_col(p: Paragraph, extents: dict) -> int | None:
    """Column of a PDF paragraph from its position: a paragraph narrower than 60 % of the text
    width stands in the left or the right column; a wider one in neither."""
    area = extents.get(p.page)
    if p.bbox is None or area is None:
        return None
    x0, _, x1, _ = p.bbox
    lo, hi = area
    if x1 - x0 > 0.6 * (hi - lo):
        return None
    return 0 if (x0 + x1) / 2 < (lo + hi) / 2 else 1


def _page_extents(doc: Document) -> dict[int | None, tuple[float, float]]:
    """Left and right edge of the text area of each page (PDF), from the paragraphs' boxes."""
    extents: dict[int | None, tuple[float, float]] = {}
    for p in doc.paragraphs():
        if p.bbox is not None:
            lo, hi = extents.get(p.page, (p.bbox[0], p.bbox[2]))
            extents[p.page] = (min(lo, p.bbox[0]), max(hi, p.bbox[2]))
    return extents


def _lines_of(block, extents: dict) -> list[Line]:
    """A header/signature block's lines: table cells by column, paragraphs by position."""
    if isinstance(block, Table):
        out = []
        for row in block.rows:
            for idx, cell in enumerate(row.cells):
                out.extend(Line(t, 0 if idx == 0 else 1) for t in cell.lines if t.strip())
        return out
    col = _paragraph_col(block, extents)
    if col is None and block.alignment == "right":
        col = 1
    return [Line(t, col) for t in block.label_and_text.split("\n") if t.strip()]


def _split_merged(lines: list[Line]) -> list[Line]:
    """Lines that hold both columns (a PDF line read across the page) lose the motto part, which is
    the right column's; "NAM" wrapped onto the next line goes with it."""
    out, cut_viet = [], False
    for ln in lines:
        text = ln.text
        m = _MOTTO.search(text)
        if cut_viet and re.search(r"\sNAM$", text) and not m:
            text = text[: -len("NAM")].rstrip()
        cut_viet = False
        if m:
            cut_viet = m.group(0).upper().endswith("VIỆT")
            left, right = text[: m.start()].strip(), text[m.end():].strip()
            if left:
                out.append(Line(left, 0 if ln.col is None else ln.col))
            if right and not _MOTTO.fullmatch(right):
                out.append(Line(right, 1))
            continue
        if text.strip() and not _DECORATION.match(text):
            out.append(Line(text.strip(), ln.col))
    return out


def _title_word(text: str) -> tuple[str, str] | None:
    """("KẾ HOẠCH", rest) when text is, or starts with, an upper-case type word (a PDF may join the
    title word and the title into one paragraph: "KẾ HOẠCH Cải cách hành chính …")."""
    t = clean_text(text).replace("\n", " ").rstrip(":")
    if len(t) > 300:
        return None
    for word in sorted(TYPE_WORDS, key=len, reverse=True):
        if t == word or t.startswith(word + " "):
            return word, t[len(word):].strip()
    return None


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
    return 2 <= len(words) <= 6 and all(_NAME_WORD.match(w) for w in words) and not _is_upper(text)


def _block_text_lines(block) -> list[str]:
    if isinstance(block, Table):
        return [t for row in block.rows for cell in row.cells for t in cell.lines]
    return block.label_and_text.split("\n")


def _find_closing(blocks: list, start: int) -> int | None:
    """Index of the block that opens the signature part ("Nơi nhận:"), searching from start."""
    for i in range(start, len(blocks)):
        if any(re.match(r"^\s*Nơi\s+nhận\b", t, re.I) for t in _block_text_lines(blocks[i])):
            return i
    return None


def _closing_lines(blocks: list, closing: int, extents: dict) -> list[Line]:
    """Lines of the signature part: the "Nơi nhận" table (DOCX), or the paragraphs from "Nơi nhận:"
    up to the next page but one, a table, or the title of an appendix (PDF)."""
    first = blocks[closing]
    if isinstance(first, Table):
        return _lines_of(first, extents)
    lines: list[Line] = []
    for block in blocks[closing:]:
        if isinstance(block, Table):
            break
        text = clean_text(block.text)
        if lines and (_title_word(text) or re.match(r"^(PHỤ\s+LỤC|Phụ\s+lục|\((Kèm|Ban hành))", text)):
            break
        if first.page is not None and block.page is not None and block.page > first.page + 1:
            break
        lines.extend(_lines_of(block, extents))
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
            if ln.col != 1 and not _RECIPIENT.match(text) and not _is_upper(text) and len(subject) < 4:
                subject.append(text)
            continue
        if not seen_number and ln.col != 1 and _is_upper(text):
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
        if name is None and _is_upper(text) and len(text) < 80 and (not titles or _SIGNER_TITLE.search(text)):
            titles.append(text)
        elif titles and (_name_like(text) or _is_upper(text) and _name_like(text.title())):
            name = text if not _is_upper(text) else text.title()  # "NGUYỄN VĂN A" → "Nguyễn Văn A"
    meta.signer_title = " / ".join(titles) or None
    meta.signer = name


def _plan_year(meta: DocMeta) -> int | None:
    for text in (meta.title, meta.subject):
        if text and (m := _PLAN_YEAR.search(text)):
            return int(m.group(1))
    return meta.year


@dataclass
class _Layout:
    """Where the parts of a document's opening are, as block indexes."""
    header_end: int  # the header block is blocks[:header_end]
    title_at: int | None = None  # the title word ("KẾ HOẠCH")
    title: list[str] | None = None  # the title's lines
    recipients_at: int | None = None  # "Kính gửi"
    body_start: int = 0  # the first block of the body


def _layout(blocks: list) -> _Layout:
    n = len(blocks)
    end = None
    for i, block in enumerate(blocks[:40]):
        if isinstance(block, Paragraph):
            text = clean_text(block.label_and_text).replace("\n", " ")
            if _title_word(text) or _RECIPIENT.match(text) or (_BODY_START.match(text) and len(text) > 60):
                end = i
                break
        elif isinstance(block, Table) and block.n_cols > 3:
            end = i
            break
    if end is None:  # no title, no "Kính gửi", no body paragraph: the header is the first few blocks
        return _Layout(header_end=min(n, 12), body_start=0)
    lay = _Layout(header_end=end, body_start=end)
    j = end
    if j < n and isinstance(blocks[j], Paragraph) and _title_word(blocks[j].label_and_text):
        lay.title_at = j
        rest = _title_word(blocks[j].label_and_text)[1]
        lay.title = [rest] if rest else []
        j += 1
        while j < n and isinstance(blocks[j], Paragraph):
            p = blocks[j]
            text = clean_text(p.label_and_text).replace("\n", " ")
            emphasized = p.bold or p.alignment == "center"
            if not text:
                j += 1
                if lay.title:
                    break
                continue
            if (_BODY_START.match(text) or text.startswith("(") or _DECORATION.match(text)
                    or _RECIPIENT.match(text) or (lay.title and not emphasized)):
                break
            lay.title.append(text)
            j += 1
            if not emphasized or len(lay.title) >= 3:
                break
    for k in range(j, min(j + 5, n)):
        if isinstance(blocks[k], Paragraph) and _RECIPIENT.match(clean_text(blocks[k].text)):
            lay.recipients_at = k
            j = k + 1
            while j < n and isinstance(blocks[j], Paragraph) and _LIST_ENTRY.match(blocks[j].text):
                j += 1
            break
    lay.body_start = j
    return lay


def body_start(doc: Document) -> int:
    """Index of the first block of the document's body: after the header block, the title word and
    title, and the "Kính gửi" lines (the prose task reader starts there)."""
    return _layout(doc.blocks).body_start


def extract_metadata(doc: Document) -> DocMeta:
    """Metadata of one document (any format): what is not printed stays None."""
    meta = DocMeta()
    blocks = doc.blocks
    extents = _page_extents(doc)
    lay = _layout(blocks)
    # 1. the header: two columns before the title word, "Kính gửi" or the first body paragraph
    header = [ln for block in blocks[: lay.header_end] for ln in _lines_of(block, extents)]
    _header(meta, _split_merged(header))
    # 2. the title word and the title under it; the recipients of a công văn
    if lay.title_at is not None:
        meta.doc_type = TYPE_WORDS[_title_word(blocks[lay.title_at].label_and_text)[0]]
        if lay.title:
            meta.title = " ".join(lay.title)
    if lay.recipients_at is not None:
        meta.recipients = _recipient_list(blocks, lay.recipients_at)
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
    closing = _find_closing(blocks, lay.body_start)
    if closing is not None:
        _signature(meta, _closing_lines(blocks, closing, extents))
    return meta


def _recipient_list(blocks: list, i: int) -> list[str]:
    """ "Kính gửi: Sở Nội vụ" → ["Sở Nội vụ"]; a list on the following lines ("- Sở A;") too."""
    first = _RECIPIENT.sub("", clean_text(blocks[i].text).replace("\n", " ")).strip()
    out = [first.rstrip(";.,")] if first else []
    for block in blocks[i + 1: i + 30]:
        if not isinstance(block, Paragraph):
            break
        text = clean_text(block.text)
        if not _LIST_ENTRY.match(text):
            break
        out.append(_LIST_ENTRY.sub("", text).rstrip(";.,"))
    return [r for r in out if r]
