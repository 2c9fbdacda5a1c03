"""The layout of an administrative document's opening and closing, for every format.

Nghị định 30/2020/NĐ-CP fixes it. The header is two columns — left: parent agency, issuing agency,
"Số: 2170/KH-SKHCN" (and, in a công văn, the "V/v …" subject); right: the national motto and
"Quảng Ngãi, ngày 03 tháng 3 năm 2023". The title word ("KẾ HOẠCH", "BÁO CÁO" …) and the title
follow, centred, or (công văn) "Kính gửi: …". At the end, "Nơi nhận:" and the distribution list
sit on the left, the signer's title lines and name on the right. A DOCX and a text PDF carry both
blocks as borderless two-column tables, an OCR'd page as paragraphs side by side: all become the
same `Line`s (text and the column it stands in). `layout` finds where the header, the title and
the body are, `closing_start` where the signature part opens; pipeline/stages/metadata.py reads the
fields, pipeline/stages/tasks/prose.py reads the body in between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.model import Document, Paragraph, Table, clean_text
from pipeline.text import strip_marks

# title word → type code (Nghị định 30/2020, Phụ lục III; Nghị định, Thông tư, Luật, Nghị quyết of the
# legal documents). A công văn has no title word. A heading word with no code of its own (an Điều lệ, a
# phiếu trình) maps to None: the type then comes from the symbol, if one is printed.
TYPE_WORDS = {
    "KẾ HOẠCH": "KH",
    "BÁO CÁO": "BC",
    "TỜ TRÌNH": "TTr",
    "QUYẾT ĐỊNH": "QĐ",
    "THÔNG BÁO": "TB",
    "NGHỊ QUYẾT": "NQ",
    "CHỈ THỊ": "CT",
    "HƯỚNG DẪN": "HD",
    "KẾT LUẬN": "KL",
    "CHƯƠNG TRÌNH": "CTr",
    "CÔNG ĐIỆN": "CĐ",
    "GIẤY MỜI": "GM",
    "BIÊN BẢN": "BB",
    "ĐỀ ÁN": "ĐA",
    "PHƯƠNG ÁN": "PA",
    "DỰ ÁN": "DA",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "THÔNG TƯ": "TT",
    "NGHỊ ĐỊNH": "NĐ",
    "CÔNG VĂN": "CV",
    "THÔNG CÁO": "TC",
    "HỢP ĐỒNG": "HĐ",
    "GIẤY ỦY QUYỀN": "GUQ",
    "GIẤY ỦY NHIỆM": "GUQ",
    "GIẤY GIỚI THIỆU": "GGT",
    "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC",
    "PHIẾU BÁO": "PB",
    "BẢN GHI NHỚ": "BGN",
    "BẢN THỎA THUẬN": "BTT",
    "BẢN THOẢ THUẬN": "BTT",
    "GIẤY NGHỈ PHÉP": "GNP",
    "LUẬT": "Luật",
    "BỘ LUẬT": "Luật",
    "PHIẾU TRÌNH": None,
    "ĐIỀU LỆ": None,
}
TYPE_CODES = {code.upper(): code for code in TYPE_WORDS.values() if code}

# the national motto (NĐ 30/2020) or the Party's (Hướng dẫn 36-HD/VPTW): the right column's, never an issuer
MOTTO = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA(?:\s+VIỆT(?:\s+NAM)?)?"
    r"|Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc|(?-i:ĐẢNG\s+CỘNG\s+SẢN(?:\s+VIỆT(?:\s+NAM)?)?)",
    re.I,
)
DECORATION = re.compile(r"^[\s\-–—_=.*~•]*$")
UPPER_WORD = "A-ZĐ\u00c0-\u00dd\u0102\u0110\u0128\u0168\u01a0\u01af\u1ea0-\u1ef8"
RECIPIENT = re.compile(r"^K[íìi]nh\s+[gq8][ửưu]i\s*:?\s*", re.I)  # OCR may drop the accents, read g as 8 or q
_BODY_START = re.compile(r"^(Căn\s+cứ|Thực\s+hiện|Theo|K[íìi]nh\s+[gq8][ửưu]i|Trên\s+cơ\s+sở|Nhằm|Để)\b", re.I)
# "(Ban hành kèm theo …)", "(Cấp lần đầu …)" under a title annotate it (matched on folded text, as OCR
# misreads accents); the authority line of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …") follows it
ANNOTATION = re.compile(
    r"^\(\s*(?:ban\s+hanh|kem\s+theo|cap\s+lan|sua\s+doi\s+lan|ap\s+dung|dung\s+cho|du\s+thao)", re.I
)
_AUTHORITY_LINE = re.compile(
    r"^(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|GIÁM\s+ĐỐC|(?:TỔNG\s+)?CỤC\s+TRƯỞNG|"
    r"CHÁNH\s+VĂN\s+PHÒNG|TRƯỞNG\s+BAN|(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|"
    r"CHÍNH\s+PHỦ|BAN\s+CHẤP\s+HÀNH|BAN\s+THƯỜNG\s+VỤ)\b"
)
LIST_ENTRY = re.compile(r"^\s*[-–+•]\s*")
CLOSING = re.compile(r"^\s*Nơi\s+nhận\b", re.I)


@dataclass(frozen=True)
class LayoutSettings:
    column_share: float = 0.6  # a PDF paragraph narrower than this share of the text width is in a column
    header_scan_blocks: int = 40  # the header ends within this many first blocks
    body_paragraph_len: int = 60  # a "Căn cứ …" paragraph at least this long opens the body
    body_justified_len: int = 150  # so does any justified paragraph this long (its opening words lost)
    body_table_cols: int = 3  # a table with more columns than this is body, not the header
    fallback_header_blocks: int = 12  # the header when nothing marks its end
    max_title_lines: int = 5  # emphasized lines under the title word
    recipient_scan_blocks: int = 5  # "Kính gửi" within this many blocks after the title
    max_title_word_text: int = 300  # a longer paragraph is no title word
    right_indent: float = 170.0  # a DOCX paragraph indented this far (pt: 6 of the 16 cm of an A4
    # page's text) stands in the right column, as a signature block typed without a table does


SETTINGS = LayoutSettings()


@dataclass
class Line:
    """One visual line of the header or signature block, and the column it stands in."""

    text: str
    col: int | None  # 0 left, 1 right, None unknown (full width)


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _paragraph_col(p: Paragraph, extents: dict, settings: LayoutSettings = SETTINGS) -> int | None:
    """Column of a PDF paragraph from its position: a paragraph narrower than `column_share` of the
    text width stands in the left or the right column; a wider one in neither."""
    area = extents.get(p.page)
    if p.bbox is None or area is None:
        return None
    x0, _, x1, _ = p.bbox
    lo, hi = area
    if x1 - x0 > settings.column_share * (hi - lo):
        return None
    return 0 if (x0 + x1) / 2 < (lo + hi) / 2 else 1


def page_extents(doc: Document, settings: LayoutSettings = SETTINGS) -> dict[int | None, tuple[float, float]]:
    """Left and right edge of the text area of each page (PDF), from the paragraphs' boxes. A page
    whose text is narrower than a column of the others' (a signer's name run over onto the last page)
    shows no margins of its own: it takes those of the page of median width."""
    extents: dict[int | None, tuple[float, float]] = {}
    for p in doc.paragraphs():
        if p.bbox is not None:
            lo, hi = extents.get(p.page, (p.bbox[0], p.bbox[2]))
            extents[p.page] = (min(lo, p.bbox[0]), max(hi, p.bbox[2]))
    if extents:
        typical = sorted(extents.values(), key=lambda e: e[1] - e[0])[len(extents) // 2]
        for page, (lo, hi) in extents.items():
            if hi - lo < settings.column_share * (typical[1] - typical[0]):
                extents[page] = typical
    return extents


def lines_of(block, extents: dict) -> list[Line]:
    """A header/signature block's lines: table cells by column, paragraphs by position."""
    if isinstance(block, Table):
        out = []
        for row in block.rows:
            for idx, cell in enumerate(row.cells):
                out.extend(Line(t, 0 if idx == 0 else 1) for t in cell.lines if t.strip())
        return out
    col = _paragraph_col(block, extents)
    if col is None and (block.alignment == "right" or (block.indent or 0) >= SETTINGS.right_indent):
        col = 1
    return [Line(t, col) for t in block.label_and_text.split("\n") if t.strip()]


def split_merged(lines: list[Line]) -> list[Line]:
    """Lines that hold both columns (a PDF line read across the page) lose the motto part, which is
    the right column's; "NAM" wrapped onto the next line goes with it."""
    out, cut_viet = [], False
    for ln in lines:
        text = ln.text
        m = MOTTO.search(text)
        if cut_viet and re.search(r"\sNAM$", text) and not m:
            text = text[: -len("NAM")].rstrip()
        cut_viet = False
        if m:
            cut_viet = m.group(0).upper().endswith("VIỆT")
            left, right = text[: m.start()].strip(), text[m.end() :].strip()
            if left:
                out.append(Line(left, 0 if ln.col is None else ln.col))
            if right and not MOTTO.fullmatch(right):
                out.append(Line(right, 1))
            continue
        if text.strip() and not DECORATION.match(text):
            out.append(Line(text.strip(), ln.col))
    return out


def _letters_prefix(text: str, key: str) -> int | None:
    """Length of the prefix of `text` whose letters, folded, spell `key` (spaces and stray marks
    between them allowed, as OCR leaves them) and that ends at a word boundary; None otherwise."""
    k = 0
    for i, c in enumerate(text):
        if k == len(key):
            return i if not c.isalpha() else None
        if c.isalpha():
            if strip_marks(c).upper() != key[k]:
                return None
            k += 1
        elif c not in " :.'`´":
            return None
    return len(text) if k == len(key) else None


# a chapter or article heading (NĐ 30/2020 Phụ lục I: văn bản có chương, điều) or a "Số:" line set
# under the type name (a phương án's own number) is no part of the trích yếu
_TITLE_END = re.compile(r"^(?:Chương\s+(?:[IVXLC]+|\d+)\b|Điều\s+\d+\s*[.:]|Số\s*:)", re.I)
# a stamp's edge or a speck that OCR read before the type name ("<7 GIẤY MỜI"): a symbol that no
# list marker uses, with at most one character after it
_OCR_LEAD = re.compile(r"^[<>«»~^|\\{}\[\]#@$%&]\w?\s+")
_FOLDED_TYPE_WORDS = [(word, strip_marks(word).replace(" ", "")) for word in sorted(TYPE_WORDS, key=len, reverse=True)]


def _centred(blocks: list, j: int) -> bool:
    return j < len(blocks) and isinstance(blocks[j], Paragraph) and blocks[j].alignment == "center"


def title_word(text: str, settings: LayoutSettings = SETTINGS) -> tuple[str, str] | None:
    """("KẾ HOẠCH", rest) when text is, or starts with, an upper-case type word (a PDF may join the
    title word and the title into one paragraph: "KẾ HOẠCH Cải cách hành chính …"); letters that OCR
    misreads in accents or splits ("QUY ÉT ĐỊNH", "QUYẾT: ĐỊNH") still spell the word."""
    t = _OCR_LEAD.sub("", clean_text(text).replace("\n", " ").rstrip(":"))
    if len(t) > settings.max_title_word_text:
        return None
    for word, key in _FOLDED_TYPE_WORDS:
        end = _letters_prefix(t, key)
        if end is not None and is_upper(t[:end]):
            return word, t[end:].strip(" :")
    return None


@dataclass
class Layout:
    """Where the parts of a document's opening are, as block indexes."""

    header_end: int  # the header block is blocks[:header_end]
    title_at: int | None = None  # the block of the title word
    word: str | None = None  # the title word itself, as `title_word` spells it ("KẾ HOẠCH")
    title: list[str] | None = None  # the title's lines
    recipients: list[str] | None = None  # "Kính gửi: …" (a công văn)
    annotation: str | None = None  # "(Ban hành kèm theo Quyết định số … ngày … năm 2025 …)" under the title
    body_start: int = 0  # the first block of the body


def layout(blocks: list, settings: LayoutSettings = SETTINGS) -> Layout:
    """The header ends at the title word, "Kính gửi" or the first body paragraph ("Căn cứ …"); the
    title is the emphasized (bold or centred) lines under the title word; the body starts after
    them and after the recipients."""
    n = len(blocks)
    end = None
    for i, block in enumerate(blocks[: settings.header_scan_blocks]):
        if isinstance(block, Paragraph):
            text = clean_text(block.label_and_text).replace("\n", " ")
            if (
                title_word(text, settings)
                or RECIPIENT.match(text)
                or (_BODY_START.match(text) and len(text) > settings.body_paragraph_len)
                or (block.alignment == "justify" and len(text) > settings.body_justified_len)
            ):
                end = i
                break
        elif isinstance(block, Table) and (block.n_cols > settings.body_table_cols or _greeting_table(block)):
            end = i
            break
    if end is None:  # no title, no "Kính gửi", no body paragraph: the header is the first few blocks
        return Layout(header_end=min(n, settings.fallback_header_blocks), body_start=0)
    lay = Layout(header_end=end, body_start=end)
    j = end
    if j < n and isinstance(blocks[j], Paragraph) and (found := title_word(blocks[j].label_and_text, settings)):
        lay.title_at, lay.word = j, found[0]
        rest = found[1]
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
            # a trích yếu may itself open with "Thực hiện …" or "Về việc …": set bold or centred under the
            # title word it is title, not body; "(Ban hành kèm theo …)" under it annotates, a "(…)" wrap does not
            if ANNOTATION.match(strip_marks(text)):
                lay.annotation = _annotation(blocks, j)
                break
            # a long plain sentence closed by a period is body (a giấy mời without a trích yếu): a trích yếu
            # is no sentence
            sentence = not emphasized and text.endswith(".") and len(text) > settings.body_justified_len
            if (
                (_BODY_START.match(text) and not emphasized)
                or DECORATION.match(text)
                or sentence
                or _TITLE_END.match(text)
                or RECIPIENT.match(text)
                or (lay.title and not emphasized)
                or (
                    is_upper(text)
                    and (_AUTHORITY_LINE.match(text) or (lay.title and not any(is_upper(t) for t in lay.title)))
                )
            ):
                break
            lay.title.append(text)
            j += 1
            if len(lay.title) >= settings.max_title_lines:
                break
            # a scan's first trích yếu line as wide as the text is neither centred nor known to be bold:
            # the centred lines under it carry it on
            if not emphasized and not (len(lay.title) == 1 and _centred(blocks, j)):
                break
    for k in range(j, min(j + settings.recipient_scan_blocks, n)):
        if isinstance(blocks[k], Paragraph) and RECIPIENT.match(clean_text(blocks[k].text)):
            lay.recipients, j = _recipient_list(blocks, k)
            break
        if isinstance(blocks[k], Table) and (greeted := _greeting_table(blocks[k])) is not None:
            lay.recipients, j = greeted, k + 1
            break
    lay.body_start = j
    return lay


def _annotation(blocks: list, i: int) -> str:
    """The parenthesized annotation opening at blocks[i], with the paragraph that closes it."""
    text = clean_text(blocks[i].text).replace("\n", " ")
    if ")" not in text and i + 1 < len(blocks) and isinstance(blocks[i + 1], Paragraph):
        text += " " + clean_text(blocks[i + 1].text).replace("\n", " ")
    return text


def closing_start(blocks: list, start: int = 0) -> int | None:
    """Index of the block that opens the signature part (a "Nơi nhận:" line, in a paragraph or in the
    borderless signature table), searching from start; None when there is none."""
    for i in range(start, len(blocks)):
        block = blocks[i]
        texts = (
            [t for row in block.rows for cell in row.cells for t in cell.lines]
            if isinstance(block, Table)
            else block.label_and_text.split("\n")
        )
        if any(CLOSING.match(t) for t in texts):
            return i
    return None


def _greeting_table(block: Table, settings: LayoutSettings = SETTINGS) -> list[str] | None:
    """The recipients of a "Kính gửi:" set as a small borderless table (the greeting in the left cell,
    the list aligned in the right one); None when the table does not open with the greeting."""
    if block.n_cols > settings.body_table_cols or not block.rows or not block.rows[0].cells:
        return None
    lines = [clean_text(t) for row in block.rows for cell in row.cells for t in cell.lines if t.strip()]
    return recipient_entries(lines) if lines and RECIPIENT.match(lines[0]) else None


def recipient_entries(lines: list[str]) -> list[str]:
    """The recipients of "Kính gửi: A" and the list entries under it ("- B;", "- C."), one each."""
    out = [LIST_ENTRY.sub("", RECIPIENT.sub("", t) if i == 0 else t).strip().rstrip(";.,") for i, t in enumerate(lines)]
    return [r for r in out if r]


def _recipient_list(blocks: list, i: int) -> tuple[list[str], int]:
    """ "Kính gửi: Sở Nội vụ" → ["Sở Nội vụ"], a list on the following lines ("- Sở A;") too; and
    the index of the block after them."""
    first = RECIPIENT.sub("", clean_text(blocks[i].text).replace("\n", " ")).strip().rstrip(";.,")
    out = [first] if first else []
    i += 1
    while i < len(blocks) and isinstance(blocks[i], Paragraph) and LIST_ENTRY.match(blocks[i].text):
        out.append(LIST_ENTRY.sub("", clean_text(blocks[i].text)).rstrip(";.,"))
        i += 1
    return [r for r in out if r], i
