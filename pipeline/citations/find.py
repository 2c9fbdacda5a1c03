"""`get_citations(text)`: every citation in a text, found by one regex pass over the raw text.

Each match of `regexes.CITATION` becomes a FullCitation, LawCitation or ShortCitation; the text right
after it is read for the issue date and the issuer. Repairs (a number broken across lines, a missing
hyphen, OCR's lost Đ) happen on the matched symbol only, so spans always point into the text as given.
Not citations: the document's own number (`own_ref`, the "Số: …" heading line, the appendix line
"(Kèm theo Kế hoạch số …)"), blank numbers ("Kế hoạch số /KH-UBND"), and short forms that could be a
year ("Kế hoạch 2023").
"""

from __future__ import annotations

import datetime as dt
import re

from pipeline.citations import regexes as rx
from pipeline.citations.models import Citation, FullCitation, LawCitation, ShortCitation
from pipeline.citations.refs import KIND_TYPE, kind_of, normalize_symbol, ref_key, restore_d
from pipeline.citations.relation import relation_of

# short forms worth reporting without "số" ("Nghị định 45"); others need "số" or a year
_SHORT_KINDS = {"Nghị định", "Nghị quyết", "Quyết định", "Thông tư", "Thông tư liên tịch", "Chỉ thị"}


# a footnote mark glued to the issuer of a dated symbol ("105/2025/NĐ-CP2"): only the National
# Assembly's code carries digits there (QH15, UBTVQH14)
_FOOTNOTE = re.compile(r"(?<=[A-Za-zĐđ])\d{1,2}$")
_NUMBERED_ISSUER = re.compile(r"^(?:UBTV)?QH\d{1,2}$")
# OCR reads the digit 1 of a legislature number as I or l ("QHI5", "QHl5")
_OCR_LEGISLATURE = re.compile(r"^((?:UBTV)?QH)([0-9Il]*[Il][0-9Il]*)$")
# the laws an amending law names ("… của Luật A và Luật B"): each is cited too
_INNER_LAW = re.compile(
    r"(?:của|và|,)\s+(?:các\s+)?(?P<kw>Bộ\s+luật|Luật)\s+(?P<name>.+?)(?=\s+và\s+(?:Bộ\s+luật|Luật)\s|,\s*(?:Bộ\s+luật|Luật)\s|$)"
)


def read_tail(text: str, pos: int) -> tuple[dt.date | None, str | None, int]:
    """Date and issuer printed right after a number: "ngày 08/4/2020 của Chính phủ",
    "của Thủ tướng Chính phủ ngày 22/4/2019". Returns (date, issuer, end of what was read)."""
    date = issuer = None
    m = rx.TAIL_DATE.match(text, pos)
    if m:
        date, pos = rx.date_of(m), m.end()
    m = rx.TAIL_ISSUER.match(text, pos)
    if m:
        issuer = rx.WS.sub(" ", m.group("issuer")).strip()
        pos = m.end()
        if date is None:
            m = rx.TAIL_DATE.match(text, pos)
            if m:
                date, pos = rx.date_of(m), m.end()
    return date, issuer, pos


def _lead_date(text: str, start: int) -> dt.date | None:
    """A date opening the mention's clause: "Ngày 01/10/2025, Sở X đã ban hành Công văn số …"."""
    m = rx.LEAD_DATE.search(text, max(0, start - 220), start)
    if m is None or re.search(r"\d\s*/", m.group("between")):
        return None
    return rx.date_of(m)


def _number(raw: str) -> str:
    """The number as printed, OCR's "I"/"l" for a leading 1 and its stray space folded ("I 798" → "1798")."""
    return re.sub(r"^([Il]) ?", "1", raw) if raw[0] in "Il" else raw


def _split_symbol(symbol: str) -> tuple[str | None, str | None]:
    """(type_code, issuer_code) of a symbol: "NĐ-CP" → ("NĐ", "CP"); "UBND-KSTTHC" → (None, "UBND-KSTTHC")."""
    head, _, rest = symbol.partition("-")
    if head in rx.TYPE_KINDS:
        return head, rest or None
    return None, symbol


def _is_own(text: str, m: re.Match) -> bool:
    """The document's own number: the "Số: 12/KH-UBND" heading line or "(Kèm theo Kế hoạch số …)";
    also a form or an appendix of a text ("Mẫu số 02/BC", "Phụ lục số 01/PL"), which is part of it,
    and a certificate or permit held ("Giấy chứng nhận số 9/KĐI"), which is no document cited."""
    start = m.start("full")
    if m.group("kind") is None and (
        rx.FORM_OF_TEXT.search(text, max(0, start - 12), start)
        or rx.CERTIFICATE.search(text, max(0, start - 120), start)
    ):
        return True
    if m.group("kind") is None and m.group("so") and m.group("so")[0] == "S":
        return bool(rx.OWN_HEADING.search(text, max(0, start - 20), start))
    if m.group("kind") is None and rx.OWN_SPLIT_HEADING.search(text, max(0, start - 20), start):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return bool(rx.OWN_APPENDIX.search(text[line_start:start]))


def _full(text: str, m: re.Match, prev: FullCitation | None, prev_end: int) -> tuple[FullCitation, int]:
    """The citation and the end of its date/issuer tail."""
    repairs: list[str] = []
    number = _number(m.group("num"))
    year = int(m.group("year")) if m.group("year") else None
    kind = kind_of(m.group("kind")) if m.group("kind") else None
    if m.group("ptype"):  # party document: 04-NQ/TU
        ptype = normalize_symbol(m.group("ptype"), repairs)
        if ptype not in rx.TYPE_KINDS and len(KIND_TYPE.get(kind or "", "")) == len(ptype):
            # a Party number's type code is its type's abbreviation (Hướng dẫn 36-HD/VPTW): an unknown
            # code after the type word is that abbreviation misread ("Nghị quyết số 668-VO/ĐU")
            ptype = KIND_TYPE[kind or ""]
            repairs.append("ocr_type_code")
        issuer_code = normalize_symbol(m.group("pissuer"), repairs)
        symbol, type_code = f"{ptype}/{issuer_code}", ptype
        ref = f"{number}-{symbol}"
    else:
        printed = m.group("sym1") or m.group("sym2")
        lower = printed.islower()
        printed = printed.upper() if lower else printed  # "nđ-cp": case folded, checked below
        if m.group("lost"):  # "03/LĐVVN BTh": a hyphen lost as a space
            printed = printed.replace(" ", "-").replace("\t", "-")
            repairs.append("added_hyphen")
        # a dated number is a legal normative text: its symbol opens with a type code ("61/2018/NĐCP")
        typed = year is not None
        symbol = "/".join(
            normalize_symbol(part, repairs, typed=typed and i == 0) for i, part in enumerate(printed.split("/"))
        )
        last = symbol.rsplit("-", 1)[-1]
        ocr = _OCR_LEGISLATURE.match(last)
        if ocr:  # a legislature number has at most two digits: a letter that would make a third is noise
            digits = ocr.group(2).translate(rx.OCR_ONE)
            digits = digits if len(digits) <= 2 else re.sub(r"[Il]", "", ocr.group(2))
            last = ocr.group(1) + digits
            symbol = symbol[: -len(ocr.group(0))] + last
            repairs.append("ocr_digit")
        if year and _FOOTNOTE.search(symbol) and not _NUMBERED_ISSUER.match(last):
            symbol = _FOOTNOTE.sub("", symbol)
            repairs.append("dropped_footnote_mark")
        type_code, issuer_code = _split_symbol(symbol)
        if lower and type_code is None:
            raise _NotACitation
        if kind is None and not m.group("so") and year is None and type_code is None and "-" not in symbol:
            # nothing says it is a document: no type word, no "số", no year, no type code, one issuer
            # code alone ("TCVN/TC 47/SC3", "Pb(C2H5)4/Pb(CH3)4")
            raise _NotACitation
        ref = None
    if "\n" in m.group("full") and "joined_line_break" not in repairs:
        repairs.append("joined_line_break")
    if kind == "Văn bản" and type_code in rx.TYPE_KINDS:
        kind = rx.TYPE_KINDS[type_code]
    if (
        kind is None
        and prev is not None
        and prev.type_code == type_code
        and rx.LIST_GAP.match(text[prev_end : m.start("full")])
    ):
        kind = prev.kind  # "Công văn số 3132/UBND-TTHC ngày …, 3841/UBND-TTHC ngày …"
    if kind is None:
        kind = rx.TYPE_KINDS.get(type_code) if type_code else ("Công văn" if "-" in symbol else "Văn bản")
    date, issuer, tail_end = read_tail(text, m.end("full"))
    date = date or _lead_date(text, m.start("full"))
    if ref is None:
        if (
            year is None
            and type_code in rx.YEARED_TYPES
            and date is not None
            and kind in (None, rx.TYPE_KINDS[type_code])
        ):
            year = date.year  # "Nghị định số 126/NĐ-CP ngày 08/10/2024": the symbol lost its year
            repairs.append("restored_year")
        ref = f"{number}/{year}/{symbol}" if year else f"{number}/{symbol}"
    return FullCitation(
        kind=kind,
        raw=m.group("full"),
        char_start=m.start("full"),
        char_end=m.end("full"),
        ref=ref,
        number=number,
        year=year or (date.year if date else None),
        symbol=symbol,
        type_code=type_code,
        issuer_code=issuer_code,
        issued_date=date,
        issuer=issuer,
        repairs=repairs,
    ), tail_end


class _NotACitation(Exception):
    """A match that turns out not to be a citation (a lower-case "symbol" without a type code)."""


def _standard(m: re.Match) -> FullCitation:
    """QCVN 05A:2020/BCT → ref "05A:2020/BCT", kind QCVN."""
    number, year, symbol = m.group("stdnum"), int(m.group("stdyear")), m.group("stdsym")
    ref = f"{number}:{year}" + (f"/{symbol}" if symbol else "")
    return FullCitation(
        kind=m.group("skw"),
        raw=m.group("std"),
        char_start=m.start("std"),
        char_end=m.end("std"),
        ref=ref,
        number=number,
        year=year,
        symbol=symbol,
        type_code=m.group("skw"),
        issuer_code=symbol,
    )


def _form(text: str, m: re.Match) -> FullCitation:
    """A dossier paper numbered by its form: "Giấy đề nghị số 01-ĐN ngày 24/6/2026" → ref "01-ĐN"."""
    number, code = m.group("fnum"), restore_d(m.group("fcode"))
    date, issuer, _ = read_tail(text, m.end("form"))
    return FullCitation(
        kind=kind_of(m.group("fkind")),
        raw=m.group("form"),
        char_start=m.start("form"),
        char_end=m.end("form"),
        ref=f"{number}-{code}",
        number=number,
        symbol=code,
        year=date.year if date else None,
        issued_date=date,
        issuer=issuer,
    )


def _law(text: str, m: re.Match) -> LawCitation | None:
    kind = kind_of(m.group("lawkw"))
    if m.group("lawname") is None and kind != "Hiến pháp":
        return None  # "Luật số …" is a number (found as such), "Luật này" names nothing
    # there is one Constitution at a time: what follows "Hiến pháp" is the State's name, not the text's
    name = None if kind == "Hiến pháp" else rx.WS.sub(" ", m.group("lawname") or "").strip() or None
    year = int(m.group("lawyear")) if m.group("lawyear") else None
    cite = LawCitation(
        kind=kind, raw=m.group("law"), char_start=m.start("law"), char_end=m.end("law"), name=name, year=year
    )
    num = rx.TAIL_LAW_NUMBER.match(text, m.end("law"))  # "Luật Đất đai số 31/2024/QH15"
    if num:
        cite.number, cite.symbol = num.group("lnum"), num.group("lsym")
        cite.year = cite.year or int(num.group("lyear"))
        cite.ref = f"{cite.number}/{num.group('lyear')}/{cite.symbol}"
        cite.issuer_code = cite.symbol
        cite.char_end = num.end()
        cite.raw = text[cite.char_start : cite.char_end]
    date, issuer, _ = read_tail(text, cite.char_end)
    cite.issued_date, cite.issuer = date, issuer
    if cite.year is None and date is not None:  # "Luật Tổ chức chính quyền địa phương ngày 19/6/2015"
        cite.year = date.year
    return cite


def _inner_laws(text: str, m: re.Match) -> list[LawCitation]:
    """The laws an amending law names ("Luật sửa đổi, bổ sung một số điều của Luật A và Luật B"):
    each is cited by that mention too, without a year of its own."""
    if not m.group("amend"):
        return []
    out = []
    base = m.start("lawname")
    for inner in _INNER_LAW.finditer(m.group("lawname")):
        start, end = base + inner.start("kw"), base + inner.end("name")
        out.append(
            LawCitation(
                kind=kind_of(inner.group("kw")),
                raw=text[start:end],
                char_start=start,
                char_end=end,
                name=rx.WS.sub(" ", inner.group("name")).strip(),
            )
        )
    return out


def _short(m: re.Match) -> ShortCitation | None:
    kind = kind_of(m.group("skind"))
    number, year = m.group("snum"), m.group("syear")
    if kind in ("Luật", "Bộ luật"):
        return None
    if not m.group("sso") and not year:
        if kind not in _SHORT_KINDS or re.fullmatch(rx.YEAR, number):
            return None  # "Kế hoạch 5 năm", "Quyết định 2023"
    return ShortCitation(
        kind=kind,
        raw=m.group("short"),
        char_start=m.start("short"),
        char_end=m.end("short"),
        number=number,
        year=int(year) if year else None,
        type_code=KIND_TYPE.get(kind),
    )


def get_citations(text: str, own_ref: str | None = None) -> list[Citation]:
    """Every citation in `text`, in order. `own_ref` is the document's own number ("2170/KH-SKHCN"):
    mentions of it are not citations."""
    if not text:
        return []
    own = ref_key(own_ref) if own_ref and re.match(r"\d", own_ref.strip()) else None
    out: list[Citation] = []
    prev: FullCitation | None = None
    prev_end = 0
    consumed = 0  # end of the last citation (a law's "số …" tail reaches past its match)
    for m in rx.CITATION.finditer(text):
        inner: list[LawCitation] = []
        if m.start() < consumed:
            continue
        if m.group("std") is not None:
            cite = _standard(m)
        elif m.group("full") is not None:
            if _is_own(text, m):
                continue
            try:
                cite, tail_end = _full(text, m, prev, prev_end)
            except _NotACitation:
                continue
            if own and ref_key(cite.ref) == own:
                continue
            prev, prev_end = cite, tail_end
        elif m.group("form") is not None:
            cite = _form(text, m)
        elif m.group("law") is not None:
            cite = _law(text, m)
            if cite is None:
                continue
            inner = _inner_laws(text, m)
        else:
            cite = _short(m)
            if cite is None:
                continue
        cite.relation = relation_of(text, cite.char_start)
        for c in inner:
            c.relation = cite.relation
        out.extend([cite, *inner])
        consumed = cite.char_end
    return out
