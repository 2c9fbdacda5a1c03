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
    forms: dict[str, str] = field(default_factory=dict)  # dimension → form, for ids and counts
    expected: dict = field(default_factory=dict)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(F.FAMILY)} {rng.choice(F.MIDDLE)} {rng.choice(F.GIVEN)}"


def _number(form: str, rng: random.Random, code: str | None, issuer: F.Issuer) -> tuple[str, str | None, str]:
    """("Số:" line, number, symbol) of a number form; a công văn (code None) has the issuer's and a
    unit's abbreviations (NĐ 30/2020 Phụ lục I), a Party công văn "CV" (Hướng dẫn 36)."""
    n = str(rng.randint(11, 2999))
    if issuer.family == F.PARTY:
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
    return f"{place}, ngày      tháng {m} năm {y}", None  # blank_day


def _title(form: str, rng: random.Random, type_word: str | None) -> tuple[str, ...]:
    if type_word is None:
        return rng.choice(F.SUBJECT_TEXTS)[:1] if form == "subject_one" else rng.choice(F.SUBJECT_TEXTS)
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
        types = {F.PARTY: F.PARTY_TYPES, F.ORG: F.ORG_TYPES}.get(issuer.family) or tuple(w for w, _ in F.TYPES)
        for k in range(per_issuer):
            word = cyc.next(f"type-{issuer.family}", types)
            code = F.CODES[word] if word else None
            number_form = cyc.next("number-party" if party else "number", F.PARTY_NUMBERS if party else F.STATE_NUMBERS)
            if party and word is None:
                code = "CV"
            number_line, number, symbol = _number(number_form, rng, code if word or party else None, issuer)
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
            )
            case.forms = {
                "issuer": issuer.key,
                "type": code or "CV",
                "number": number_form,
                "date": date_form,
                "title": case.title_form,
                "signer": signer_form,
                "gap": case.gap,
                "recipients": "kinh_gui" if recipients else "none",
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
    para.add_run(name).bold = True


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
    for text in (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Theo đề nghị của Chánh Văn phòng về việc triển khai các nhiệm vụ trọng tâm trong năm.",
        "Các cơ quan, đơn vị căn cứ nội dung trên tổ chức thực hiện, báo cáo kết quả đúng thời hạn./.",
    ):
        doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def genre_docx(case: GenreCase, path: Path) -> Path:
    import docx

    doc = docx.Document()
    head = doc.add_table(rows=1, cols=2)
    left = (*case.issuer.lines, case.number_line) + (case.title if case.type_word is None else ())
    _cell_lines(head.cell(0, 0), left)
    _cell_lines(head.cell(0, 1), (*F.MOTTOS[case.issuer.family], case.date_line), italic_last=True)
    _widths(head, 6.5, 9.5)
    if case.type_word is not None:
        _centred(doc, case.type_word)
        if case.title_form == "line_break":
            _centred(doc, "\n".join(case.title))
        for text in case.title if case.title_form != "line_break" else ():
            _centred(doc, text)
    if case.recipients:
        if len(case.recipients) == 1:
            _centred(doc, f"Kính gửi: {case.recipients[0]}.", bold=False)
        else:
            _centred(doc, "Kính gửi:", bold=False)
            for i, r in enumerate(case.recipients):
                doc.add_paragraph(f"- {r}{'.' if i == len(case.recipients) - 1 else ';'}")
    _body(doc, case)
    sign = doc.add_table(rows=1, cols=2)
    if case.other_side:
        _signer_cell(sign.cell(0, 0), case.other_side[:-1], case.other_side[-1], "blank")
    else:
        items = [f"- {d};" for d in case.distribution[:-1]] + [f"- {case.distribution[-1]}."]
        _cell_lines(sign.cell(0, 0), ("Nơi nhận:", *items), bold=False, centre=False)
    _signer_cell(sign.cell(0, 1), case.signer_lines, case.signer, case.gap)
    _widths(sign, 7.5, 8.5)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path
