"""The closing block of an administrative document (NĐ 30/2020/NĐ-CP, Phụ lục I): "Nơi nhận:" and the
distribution list on the left; on the right the signer's authority and title lines ("TM. ỦY BAN NHÂN
DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"; TM. thay mặt, KT. ký thay, TL. thừa lệnh, TUQ. thừa ủy quyền, Q.
quyền), then the signature and seal, then the name. Between the title lines and the name there may be
blank lines, a signature image, a stamp's text or a table break; a document without "Nơi nhận" (a biên
bản, a danh sách) still closes with such a block. pipeline/stages/metadata.py calls `read_closing`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.model import Table, clean_text
from pipeline.records import DocMeta
from pipeline.stages.layout import UPPER_WORD, Line, closing_start, is_upper, lines_of, title_word
from pipeline.text import fold, strip_marks


@dataclass(frozen=True)
class ClosingSettings:
    max_blocks: int = 40  # blocks read after the one that opens it (an OCR'd stamp leaves many fragments)
    max_paragraph_len: int = 200  # a longer paragraph (a footnote, body text) ends the closing block
    max_table_cols: int = 3  # a wider table is body or an appendix, not the signature table
    max_signature_rows: int = 4  # a signature table without "Nơi nhận" is small
    max_title_len: int = 80  # a signer's title line is short
    max_box_lines: int = 8  # a phiếu trình's signature box: title, date, signature specks, name
    max_title_wrap_words: int = 3  # a capitals line this short under a title line, and no name, is its wrap
    max_signer_blocks: int = 12  # a signer's block typed as paragraphs above "Nơi nhận": titles, blanks, name


SETTINGS = ClosingSettings()

# an authority line of NĐ 30/2020 Phụ lục I (TM./KT./TL./TUQ./Q.), or a title that signs ("GIÁM ĐỐC")
AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\s*\.")
SIGNER_TITLE = re.compile(
    r"\b(?:KT|TM|TL|TUQ|Q)\s*\.|CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG|PHÓ|CHÁNH|BÍ\s+THƯ|THƯ\s+KÝ|"
    r"ỦY\s+BAN|UỶ\s+BAN|UBND|HỘI\s+ĐỒNG|BAN\b|SỞ\b|PHÒNG\b|VĂN\s+PHÒNG|CỤC|VỤ\b|VIỆN|TỔNG|"
    r"ĐẠI\s+DIỆN|THỦ\s+TRƯỞNG|UỶ\s+VIÊN|ỦY\s+VIÊN|CHỦ\s+NHIỆM|KÝ\s+THAY|THAY\s+MẶT|"
    r"THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|NGƯỜI\s+\w+|TỔ\s+CHỨC|CÔNG\s+TY"
)
_SIGN_NOISE = re.compile(r"^\(?\s*(đã\s+ký|ký|ký,?\s*ghi rõ|ký tên|đóng dấu|chữ\s+ký)[^)]*\)?\.?$|^\[.*\]$", re.I)
# a rank or degree printed before the name ("Đại tá Nguyễn Văn A", "TS. Trần Thị B", "LS. TS. Lê Văn C")
# is not part of it; matched without tone marks, as OCR misreads them ("Đại tã", "Thiểu tướng", a speck
# between the words: "Đại (tá"), and a degree as any short dotted abbreviation ("1S." read for "LS.")
_NAME_PREFIX = re.compile(r"^(?:(?:Dai|Thuong|Trung|Thieu)\W+(?:ta|tuong|uy)\s+|(?:[A-Za-z0-9]{1,3}\s*\.\s*)+)", re.I)
# a signing title whose tone marks OCR lost in part ("PHO CHANH VAN PHONG", "PHO CHU TỊCH HU NG TRỤC"
# under a seal): the words of a title, without marks; single words that are also names (Trường, Chánh)
# are left out
_FOLDED_TITLE_WORDS = re.compile(
    r"\b(?:CHU\s+TICH|GIAM\s+DOC|VAN\s+PHONG|(?:BO|THU|CUC|VIEN|VU|TONG)\s+TRUONG|TRUONG\s+(?:PHONG|BAN)|"
    r"PHO\s+(?:CHU|GIAM|CHANH|TRUONG|VIEN|CUC|TONG|BI|THU)|THUONG\s+TRUC|UY\s+VIEN|BI\s+THU)\b"
)
_LEADING_SPECKS = re.compile(r"^[\W_]+")
# a word of a name; only an initial takes a period ("Lường." is a title's agency name run on, not a name);
# the Central Highlands' names set an apostrophe after the initial ("H'Liên")
_NAME_WORD = re.compile(rf"^[{UPPER_WORD}](?:['’][{UPPER_WORD}])?(?:[a-zđà-ỹ]+|\.?)$")
# a signing title that OCR read in mixed case without its tone marks ("Pho Giám Đọc"), its first letters
# lost under a signature stroke or a speck before it ("Ị Ho Giám Đọc", "Hó Giám Đóc"): no name
_FOLDED_TITLE = re.compile(
    r"^(?:(?:\S{1,2}\s+)?P?HO\s+)?(?:GIAM\s+DOC|CHU\s+TICH|TRUONG\s+(?:PHONG|BAN)|CHANH\s+VAN\s+PHONG|"
    r"(?:BO|THU|CUC|VIEN|VU)\s+TRUONG|TONG\s+GIAM\s+DOC|BI\s+THU)$"
)
_APPENDIX = re.compile(r"^(PHỤ\s+LỤC|Phụ\s+lục|\((Kèm|Ban hành))")
_LIST_ITEM = re.compile(r"(?:^|(?<=[;.]))\s*[-–+•]\s+")


def signer_name(text: str) -> str | None:
    """The person's name of a signature line, rank or degree dropped; names in capitals become title
    case ("NGUYỄN VĂN A" → "Nguyễn Văn A"); None when the line is no name."""
    text = _LEADING_SPECKS.sub("", text.strip())  # a speck OCR read before the name ("_Lê Văn A")
    if rank := _NAME_PREFIX.match(strip_marks(text)):  # strip_marks keeps the offsets
        text = text[rank.end() :]
    text = text.strip()
    candidate = text.title() if is_upper(text) else text
    words = candidate.split()
    if 2 <= len(words) <= 6 and all(_NAME_WORD.match(w) for w in words) and not is_upper(candidate):
        return candidate
    return None


def _name_missing_initial(text: str) -> str | None:
    """ "gô Thanh Bình": a name whose first capital the signature's stroke hid from OCR (the rest of
    the name intact), kept as read; None otherwise."""
    words = text.strip().split()
    if 3 <= len(words) <= 6 and words[0].isalpha() and words[0].islower() and signer_name(" ".join(words[1:])):
        return text.strip()
    return None


def is_title_line(text: str) -> bool:
    """A line in capitals that names a signing title or authority, its tone marks read or not."""
    return is_upper(text) and bool(SIGNER_TITLE.search(text) or _FOLDED_TITLE_WORDS.search(strip_marks(text)))


def _is_signature_table(block: Table, settings: ClosingSettings) -> bool:
    """A small borderless table whose column holds a title line in capitals above a name (the two
    signatures of a biên bản), without "Nơi nhận"; in a PDF the names may stand in a row of their own,
    under the space of the signatures."""
    if block.n_cols > settings.max_table_cols or len(block.rows) > settings.max_signature_rows:
        return False
    columns: dict[int, list[str]] = {}
    for row in block.rows:
        for idx, cell in enumerate(row.cells):
            columns.setdefault(idx, []).extend(t.strip() for t in cell.lines if t.strip())
    for lines in columns.values():
        for upper, below in zip(lines, lines[1:]):
            if is_upper(upper) and SIGNER_TITLE.search(upper) and signer_name(below):
                return True
    return False


def signature_start(
    blocks: list, start: int = 0, extents: dict | None = None, settings: ClosingSettings = SETTINGS
) -> int | None:
    """Index of the block that opens the closing block: "Nơi nhận:", else the first authority line
    (TM./KT./TL./TUQ./Q.) in the right column or a small signature table, after `start`."""
    found = closing_start(blocks, start)
    if found is not None:
        return _signer_above(blocks, found, start, extents or {}, settings)
    for i in range(start, len(blocks)):
        block = blocks[i]
        if isinstance(block, Table):
            if _is_signature_table(block, settings) or any(
                ln.col == 1 and AUTHORITY.match(ln.text) for ln in lines_of(block, extents or {})
            ):
                return i
        elif any(ln.col == 1 and AUTHORITY.match(ln.text.strip()) for ln in lines_of(block, extents or {})):
            return i
    return None


def _signer_above(blocks: list, found: int, start: int, extents: dict, settings: ClosingSettings) -> int:
    """Where the closing opens when the signer's lines were typed as paragraphs in the right column
    (indented, or placed there in a PDF) just above "Nơi nhận:" at blocks[found]: at the first of them,
    when they hold a signing title; else at "Nơi nhận:" itself."""
    first, titled = found, False
    for i in range(found - 1, max(start, found - settings.max_signer_blocks) - 1, -1):
        block = blocks[i]
        lines = [] if isinstance(block, Table) else lines_of(block, extents)
        if isinstance(block, Table) or any(ln.col != 1 for ln in lines):
            break
        if lines:  # each block's lines read once: the walk stops at the first that is not the signer's
            first = i
            titled = titled or any(is_title_line(ln.text.strip()) for ln in lines)
    return first if titled else found


def closing_lines(blocks: list, first: int, extents: dict, settings: ClosingSettings = SETTINGS) -> list[Line]:
    """Lines of the closing block: from blocks[first] on, through small tables and short paragraphs (a
    signature table broken in two, the name in a paragraph under it), up to a wide table, a long
    paragraph, the title of an appendix or the next page but one."""
    opening = blocks[first]
    first_page = opening.page_start if isinstance(opening, Table) else opening.page
    lines: list[Line] = []
    for block in blocks[first : first + 1 + settings.max_blocks]:
        if isinstance(block, Table):
            if lines and block.n_cols > settings.max_table_cols:
                break
            page = block.page_start
        else:
            text = clean_text(block.text)
            if lines and (title_word(text) or _APPENDIX.match(text) or len(text) > settings.max_paragraph_len):
                break
            page = block.page
        if first_page is not None and page is not None and page > first_page + 1:
            break
        lines.extend(lines_of(block, extents))
    return lines


def _distribution(left: list[str]) -> list[str]:
    out: list[str] = []
    for text in left:
        text = re.sub(r"^\s*Nơi\s+nhận\s*:?", "", text, flags=re.I).strip()
        if text[:1] not in "-–+•":
            continue  # not a list entry (in a draft, a signer typed under the list is not a signature)
        for part in _LIST_ITEM.split(text):
            part = part.strip().rstrip(";.,").strip()
            if part:
                out.append(part)
    return out


def read_signature(meta: DocMeta, lines: list[Line], settings: ClosingSettings = SETTINGS, ocr: bool = False) -> None:
    """Distribution list (left) and the signer's title lines and name (right column): the first name
    below the title lines, whatever stands between; with no title line read (a stamp over it, an
    OCR'd page), the last name of the right column."""
    meta.distribution = _distribution([ln.text for ln in lines if ln.col != 1])
    right = [ln.text.strip() for ln in lines if ln.col == 1]
    right = [t for t in right if t and not _SIGN_NOISE.match(t)]
    titles: list[str] = []
    name = None
    names: list[str] = []
    for text in right:
        if (
            name is None
            and is_upper(text)
            and len(text) < settings.max_title_len
            and (not titles or is_title_line(text))
        ):
            titles.append(text)
        elif (
            not ocr
            and name is None
            and titles
            and is_upper(text)
            and len(text.split()) <= settings.max_title_wrap_words
            and not signer_name(text)
        ):
            # a title line wrapped in its column ("VỤ TRƯỞNG VỤ TỔ CHỨC CÁN" / "BỘ"); on an OCR'd page such
            # a fragment is as likely the seal's letters ("P", "ẤM")
            titles[-1] += " " + text
        elif (found := signer_name(text)) and not _FOLDED_TITLE.match(strip_marks(found).upper()):
            names.append(found)
            if titles and name is None:
                name = found
    meta.signer_title = " / ".join(titles) or None
    partial = [p for t in right if (p := _name_missing_initial(t))]
    meta.signer = name or (names[-1] if names else None) or (partial[-1] if titles and partial else None)


# the boxes of a phiếu trình (an internal submission slip): the submitting unit's head, its drafter, and
# the addressees' opinion boxes; matched without tone marks, as OCR reads them
_UNIT_HEAD_BOX = re.compile(r"^(?:y kien (?:cua )?)?(?:lanh dao|truong) phong\b")
_BOX_TITLE = re.compile(r"^(?:y kien|lanh dao|nguoi lap|chuyen vien|truong phong|pho truong)\b")


def _segments(blocks: list) -> list[list[str]]:
    """Lines read together: each table cell on its own, running paragraphs as one sequence."""
    out: list[list[str]] = [[]]
    for block in blocks:
        if isinstance(block, Table):
            out.extend([line for line in cell.lines if line.strip()] for row in block.rows for cell in row.cells)
            out.append([])
        else:
            out[-1].extend(line for line in block.text.split("\n") if line.strip())
    return [seg for seg in out if seg]


def submitting_head(blocks: list, settings: ClosingSettings = SETTINGS) -> tuple[str | None, str | None]:
    """(box title, name) of the head of the unit that submits a phiếu trình. The slip is not a Phụ lục
    III type: the drafter ("Người lập phiếu", "Chuyên viên") and the head of the unit ("Lãnh đạo
    phòng", "Ý kiến của lãnh đạo phòng") sign it as the submitting side, and the boxes of the
    authorities it goes to (lãnh đạo Sở, Văn phòng, Chủ tịch) hold their opinions; the unit's head
    signs for the unit. The name is the first one in that box, below its date line and signature."""
    for seg in _segments(blocks):
        for i, text in enumerate(seg):
            if not _UNIT_HEAD_BOX.match(fold(text)):
                continue
            for below in seg[i + 1 : i + 1 + settings.max_box_lines]:
                if _BOX_TITLE.match(fold(below)):
                    break
                if name := signer_name(below):
                    return text.strip(), name
    return None, None


def read_closing(meta: DocMeta, blocks: list, start: int, extents: dict, ocr: bool = False) -> None:
    """The closing block after blocks[start]: distribution, signer's title and name."""
    first = signature_start(blocks, start, extents)
    if first is not None:
        read_signature(meta, closing_lines(blocks, first, extents), ocr=ocr)
