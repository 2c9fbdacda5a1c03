"""Generated documents of every header and closing form of the genre, with the metadata each must
yield, written with python-docx (a PDF subset is rendered with LibreOffice by the test).

    genre_cases(seed)          the cases: every issuer kind, type, "Số:" form, date form, trích yếu form,
                               signer block and gap form at least once; deterministic for a seed
    genre_docx(case, path)     the case as a DOCX laid out as NĐ 30/2020 Phụ lục I (Hướng dẫn 36 for a
                               Party body): header and closing in borderless two-column tables
    case.expected              the DocMeta fields the pipeline must read from it

The forms and names are in tests/genre_forms.py (all invented).
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from tests import genre_forms as F

SEED = 30_2020


@dataclass
class GenreCase:
    id: str
    issuer: F.Issuer
    type_word: str | None  # None: a công văn
    number_line: str
    date_line: str
    title: tuple[str, ...]  # lines of the trích yếu under the type name, or of the "V/v" subject
    title_form: str
    recipients: tuple[str, ...]
    signer_lines: tuple[str, ...]
    signer: str
    gap: str
    distribution: tuple[str, ...]
    other_side: tuple[str, ...] = ()  # the left signer of a two-sided document: title lines, then name
    header: str = "one_row"  # F.HEADERS
    body: str = "short"  # F.BODIES
    recipients_form: str = "lines"  # F.RECIPIENT_FORMS
    closing: str = "table"  # F.CLOSINGS
    forms: dict[str, str] = field(default_factory=dict)  # dimension → form, for ids and counts
    expected: dict = field(default_factory=dict)


def _name(rng: random.Random) -> str:
    if rng.random() < 0.1:
        return rng.choice(F.HIGHLAND_NAMES)
    if rng.random() < 0.2:
        return f"{rng.choice(F.FAMILY)} {rng.choice(F.MIDDLE)} {rng.choice(F.GIVEN_2)}"
    return f"{rng.choice(F.FAMILY)} {rng.choice(F.MIDDLE)} {rng.choice(F.GIVEN)}"


def _number(form: str, rng: random.Random, code: str | None, issuer: F.Issuer) -> tuple[str, str | None, str]:
    """("Số:" line, number, symbol) of a number form; a công văn (code None) has the issuer's and a
    unit's abbreviations (NĐ 30/2020 Phụ lục I), a Party công văn "CV" (Hướng dẫn 36)."""
    n = str(rng.randint(11, 2999))
    if issuer.family == F.PARTY or issuer.dashed:
        sym = f"{code or 'CV'}/{issuer.abbrev}"
        if form == "party":
            return f"Số {n}-{sym}", n, sym
        if form == "party_colon":
            return f"Số: {n}-{sym}", n, sym
        return f"Số     -{sym}", None, sym  # party_blank
    sym = f"{code}-{issuer.abbrev}" if code else f"{issuer.abbrev}-VP"
    if form == "leading_zero":
        n = f"0{rng.randint(1, 9)}"
    elif form == "year":
        sym = f"2025/{sym}"
    elif form == "dot":
        n = f"{n}.{rng.randint(1, 9)}"
    elif form == "unit" and code:
        sym = f"{sym}-TCCB"
    elif form == "blank":
        return f"Số:        /{sym}", None, sym
    elif form == "spaced":  # a number typed into the blank of a printed form
        return f"Số:  {n} /{sym}", n, sym
    return (f"Số:{n}/{sym}" if form == "no_space" else f"Số: {n}/{sym}"), n, sym


def _date(form: str, place: str, day: dt.date) -> tuple[str, dt.date | None]:
    """(date line, issued date) of a date form: the genre's leading zeros (a day under 10, months 1
    and 2), none, a blank day (a signed document: the signature carries it), a Party's dashes."""
    d, m, y = day.day, day.month, day.year
    if form == "genre":
        return (
            f"{place}, ngày {d:02d} tháng {m:02d} năm {y}" if m < 3 else f"{place}, ngày {d:02d} tháng {m} năm {y}",
            day,
        )
    if form == "bare":
        return f"{place}, ngày {d} tháng {m} năm {y}", day
    if form == "party_dash":
        return f"{place}, ngày {d:02d}-{m}-{y}", day
    if form == "blank_day_month":
        return f"{place}, ngày      tháng      năm {y}", None
    return f"{place}, ngày      tháng {m} năm {y}", None  # blank_day


def _title(form: str, rng: random.Random, type_word: str | None) -> tuple[str, ...]:
    if type_word is None:
        if form == "subject_three":
            return F.SUBJECT_TEXTS[-1]
        return rng.choice(F.SUBJECT_TEXTS[:-1])[: 1 if form == "subject_one" else 2]
    if type_word in F.UNTITLED:
        return ()
    if form == "ve_viec":
        return rng.choice(F.VE_VIEC)
    if form == "thuc_hien":
        return rng.choice(F.LONG_TOPICS)
    topic = rng.choice(F.TOPICS)
    return (
        (topic[0].upper() + topic[1:],) if form == "one_line" else (topic[0].upper() + topic[1:], "trên địa bàn tỉnh")
    )


class _Cycle:
    """Each dimension's forms in turn, so every form is used as often as the others."""

    def __init__(self) -> None:
        self.at: dict[str, int] = {}

    def next(self, dim: str, options: tuple) -> str:
        i = self.at.get(dim, 0)
        self.at[dim] = i + 1
        return options[i % len(options)]


def genre_cases(seed: int = SEED, per_issuer: int = 5) -> list[GenreCase]:
    rng = random.Random(seed)
    cyc = _Cycle()
    out: list[GenreCase] = []
    for issuer in F.ISSUERS:
        party = issuer.family == F.PARTY
        types = issuer.types or {F.PARTY: F.PARTY_TYPES, F.ORG: F.ORG_TYPES}.get(issuer.family) or F.STATE_TYPES
        for k in range(per_issuer):
            word = cyc.next(f"type-{issuer.key if issuer.types else issuer.family}", types)
            code = F.CODES[word] if word else None
            dashed = party or issuer.dashed
            number_form = cyc.next(
                "number-party" if dashed else "number", F.PARTY_NUMBERS if dashed else F.STATE_NUMBERS
            )
            number_form = "year" if word in F.LEGAL else number_form
            if dashed and word is None:
                code = "CV"
            number_line, number, symbol = _number(number_form, rng, code if word or dashed else None, issuer)
            date_form = cyc.next("date-party" if party else "date", F.PARTY_DATES if party else F.STATE_DATES)
            day = dt.date(rng.choice((2024, 2025, 2026)), rng.randint(1, 12), rng.randint(1, 28))
            date_line, issued = _date(date_form, issuer.place, day)
            title_form = cyc.next("subject" if word is None else "title", F.SUBJECTS if word is None else F.TITLES)
            title = _title(title_form, rng, word)
            signer_form = cyc.next(f"signer-{issuer.key}", tuple(issuer.signers))
            gap = cyc.next("gap", F.GAPS)
            two_sided = word in F.TWO_SIDED
            addressed = word is None or word in F.ADDRESSED
            recipients = cyc.next("recipients", F.RECIPIENT_LISTS) if addressed else ()
            case = GenreCase(
                id=f"{issuer.key}-{k}-{code or 'CV'}",
                issuer=issuer,
                type_word=word,
                number_line=number_line,
                date_line=date_line,
                title=title,
                title_form=title_form if title else "none",
                recipients=recipients,
                signer_lines=issuer.signers[signer_form],
                signer=_name(rng),
                gap="two_signers" if two_sided else gap,
                distribution=() if two_sided else cyc.next("distribution", F.DISTRIBUTIONS),
                other_side=("THƯ KÝ" if word == "BIÊN BẢN" else "ĐẠI DIỆN BÊN A", _name(rng)) if two_sided else (),
                header=cyc.next("header", F.HEADERS),
                body=cyc.next("body", F.BODIES),
                recipients_form=cyc.next("recipients_form", F.RECIPIENT_FORMS) if recipients else "lines",
                closing="table" if two_sided else cyc.next("closing", F.CLOSINGS),
            )
            case.forms = {
                "issuer": issuer.key,
                "type": code or "CV",
                "number": number_form,
                "date": date_form,
                "title": case.title_form,
                "signer": signer_form,
                "gap": case.gap,
                "recipients": case.recipients_form if recipients else "none",
                "closing": case.closing,
                "header": case.header,
                "body": case.body,
            }
            subject = " ".join(title)[len("V/v ") :] if word is None else None
            case.expected = {
                "issuer": issuer.name,
                "parent_issuer": issuer.parent,
                "doc_type": code or "CV",  # the code printed in the symbol (a Party công văn's "CV")
                "doc_number": number,
                "doc_symbol": symbol,
                "issued_date": issued,
                "year": day.year,
                "place": issuer.place,
                "title": " ".join(title) or None if word else None,
                "subject": subject,
                "recipients": list(recipients),
                "signer": case.signer,
                "signer_title": " / ".join(case.signer_lines),
                "distribution": list(case.distribution),
            }
            out.append(case)
    return out


def _cell_lines(
    cell, lines: tuple[str, ...], bold: bool = True, italic_last: bool = False, centre: bool = True
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for i, text in enumerate(lines):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if centre:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = para.add_run(text)
        run.bold = bold and not (italic_last and i == len(lines) - 1)
        run.italic = italic_last and i == len(lines) - 1


def _widths(table, left_cm: float, right_cm: float) -> None:
    from docx.shared import Cm

    table.autofit = False
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Cm(left_cm), Cm(right_cm)


def _signature_png() -> bytes:
    """A small image of a handwritten stroke, where a scanned signature sits."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (240, 80), "white")
    ImageDraw.Draw(img).line([(10, 60), (60, 15), (110, 55), (160, 20), (225, 50)], fill=(20, 40, 160), width=4)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _signer_cell(cell, titles: tuple[str, ...], name: str, gap: str) -> None:
    """Authority and title lines, the gap where the signature and seal go, the name (bold)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    _cell_lines(cell, titles)
    if gap == "image":
        cell.add_paragraph().add_run().add_picture(io.BytesIO(_signature_png()), width=Cm(3.5))
    elif gap == "signed_note":
        cell.add_paragraph("(Đã ký)").alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif gap != "plain_name":
        for _ in range(3):
            cell.add_paragraph()
    para = cell.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run(name.upper() if gap == "caps_name" else name).bold = True


def _centred(doc, text: str, bold: bool = True):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run(text).bold = bold
    return para


def _body(doc, case: GenreCase) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if case.type_word == "QUYẾT ĐỊNH":
        _centred(doc, case.issuer.decides)
    middle = ["Theo đề nghị của Chánh Văn phòng về việc triển khai các nhiệm vụ trọng tâm trong năm."]
    if case.body == "long":
        middle += [
            f"{i}. Các cơ quan, đơn vị rà soát, đánh giá kết quả thực hiện nhiệm vụ được giao trong năm, "
            "xác định rõ những tồn tại, hạn chế và nguyên nhân, đề xuất giải pháp khắc phục cụ thể."
            for i in range(1, 16)
        ]
    for text in (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        *middle,
        "Các cơ quan, đơn vị căn cứ nội dung trên tổ chức thực hiện, báo cáo kết quả đúng thời hạn./.",
    ):
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _recipients(doc, case: GenreCase) -> None:
    """ "Kính gửi:" with one recipient on its line, or a list under it; or a borderless table, the
    greeting in the left cell and the list in the right one (the list aligned under the first)."""
    items = [f"- {r}{'.' if i == len(case.recipients) - 1 else ';'}" for i, r in enumerate(case.recipients)]
    if not case.recipients:
        return
    if case.recipients_form == "table":
        table = doc.add_table(rows=1, cols=2)
        _cell_lines(table.cell(0, 0), ("Kính gửi:",), bold=False)
        _cell_lines(
            table.cell(0, 1), tuple(items) if len(items) > 1 else (case.recipients[0],), bold=False, centre=False
        )
        _widths(table, 4.0, 12.0)
    elif len(case.recipients) == 1:
        _centred(doc, f"Kính gửi: {case.recipients[0]}.", bold=False)
    else:
        _centred(doc, "Kính gửi:", bold=False)
        for item in items:
            doc.add_paragraph(item)


def _closing(doc, case: GenreCase) -> None:
    """The signature table (distribution list or the other side's signer on the left), or the signer's
    lines as paragraphs indented to the right half with the distribution list under them."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    items = [f"- {d};" for d in case.distribution[:-1]] + [f"- {case.distribution[-1]}."] if case.distribution else []
    if case.closing == "paragraphs" and not case.other_side:
        for text in (*case.signer_lines, "", "", "", case.signer):
            para = doc.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            para.paragraph_format.left_indent = Cm(8)
            para.add_run(text).bold = True
        for text in ("Nơi nhận:", *items):
            doc.add_paragraph(text)
        return
    sign = doc.add_table(rows=1, cols=2)
    if case.other_side:
        _signer_cell(sign.cell(0, 0), case.other_side[:-1], case.other_side[-1], "blank")
    else:
        _cell_lines(sign.cell(0, 0), ("Nơi nhận:", *items), bold=False, centre=False)
    _signer_cell(sign.cell(0, 1), case.signer_lines, case.signer, case.gap)
    _widths(sign, 7.5, 8.5)


def genre_docx(case: GenreCase, path: Path) -> Path:
    import docx

    doc = docx.Document()
    motto = case.issuer.motto or F.MOTTOS[case.issuer.family]
    subject = case.title if case.type_word is None else ()
    rule = ("________",) if case.header == "ruled" else ()
    if case.header == "two_rows":
        head = doc.add_table(rows=2, cols=2)
        _cell_lines(head.cell(0, 0), case.issuer.lines)
        _cell_lines(head.cell(0, 1), motto)
        _cell_lines(head.cell(1, 0), (case.number_line, *subject), bold=False)
        _cell_lines(head.cell(1, 1), (case.date_line,), italic_last=True)
    else:
        head = doc.add_table(rows=1, cols=2)
        _cell_lines(head.cell(0, 0), (*case.issuer.lines, *rule, case.number_line, *subject))
        _cell_lines(head.cell(0, 1), (*motto, *rule, case.date_line), italic_last=True)
    _widths(head, 6.5, 9.5)
    if case.type_word is not None and case.title_form == "with_type":
        _centred(doc, "\n".join((case.type_word, *case.title)))
    elif case.type_word is not None:
        _centred(doc, case.type_word)
        if case.title_form == "line_break":
            _centred(doc, "\n".join(case.title))
        for text in case.title if case.title_form != "line_break" else ():
            _centred(doc, text)
    _recipients(doc, case)
    _body(doc, case)
    _closing(doc, case)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path
