"""Where a document's issue date comes from: printed, stamped by a signature, or the signing time.

NĐ 30/2020/NĐ-CP, Điều 15.3 (and Phụ lục I): an electronic document's number and issue time are
those the issuing office's digital signature carries. So, in order:
- printed: the date line of the page text is complete ("ngày 06 tháng 11 năm 2025");
- stamp: the day (or the month) on that line was drawn by a signature widget over a blank
  (`Signature.stamped`, merged into the page text by the PDF backend) — a stamped 1-2 digit value
  equal to the date's day or month;
- signature: the date line is blank or missing, and the issuing office signed: the date is that
  signature's own calendar day (in its own time zone). The issuing office is the last signature, in
  signing order, whose certificate names an organisation (the văn thư's certificate: "SỞ NỘI VỤ",
  "ỦY BAN NHÂN DÂN TỈNH …"), not a person: a person signs first, sometimes days before the office
  issues the document. A certified copy's signature ("SAO Y …" in its appearance) dates the copy,
  not the document, and is never used; nor is a signature whose day contradicts the year or month
  printed on the date line (a document signed again when it is re-issued, months later: the
  signature that agrees with the print is the issuing one);
- None: no date anywhere.
"""

from __future__ import annotations

import datetime as dt
import re

from extractors.model import Document, Signature
from pipeline.records import DocMeta
from pipeline.text import calendar_date

_COPY_FORM = r"(?:SAO\s+Y|SAO\s+LỤC|TRÍCH\s+SAO)"  # NĐ 30/2020 Điều 25: the forms of a copy
_COPY_STAMP = re.compile(rf"^\s*{_COPY_FORM}\b", re.I)
# the line an electronic copy carries (NĐ 30/2020 Phụ lục I): "SAO Y; <copying office>; 25/12/2025; 09:27:28; +07:00"
COPY_LINE = re.compile(rf"^\s*{_COPY_FORM}" + r"\s*;.*?;\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b", re.I)


def copy_dates(doc: Document) -> set[dt.date]:
    """Days on which the document was copied, from the copy lines printed on it."""
    days = set()
    for p in doc.paragraphs():
        for line in p.text.split("\n"):
            if m := COPY_LINE.match(line):
                if day := calendar_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))):
                    days.add(day)
    return days


def issuing_signature(
    signatures: list[Signature], copied: set[dt.date] = frozenset(), year: int | None = None, month: int | None = None
) -> Signature | None:
    """The issuing office's signature: the last organisation signature that is not a copy's (a
    "SAO Y" appearance, or signed on the day a copy line names); of those, the last one that agrees
    with the printed `year` and `month` when one does."""
    issuing = [
        sig
        for sig in signatures
        if sig.is_organization
        and sig.signed_at
        and not _COPY_STAMP.match(sig.appearance_text)
        and sig.signed_at.date() not in copied
    ]
    agreeing = [
        sig
        for sig in issuing
        if sig.signed_at
        and (year is None or sig.signed_at.year == year)
        and (month is None or sig.signed_at.month == month)
    ]
    return (agreeing or issuing or [None])[-1]


def _stamped(doc: Document, value: int | None) -> bool:
    return value is not None and any(
        sig.stamped
        and sig.appearance_text.isdigit()
        and len(sig.appearance_text) <= 2
        and int(sig.appearance_text) == value
        for sig in doc.signatures
    )


def apply_signature_date(meta: DocMeta, doc: Document) -> None:
    """Set `meta.date_source`; fill a blank or missing date from the issuing office's signature."""
    if meta.issued_date is not None:
        meta.date_source = "stamp" if _stamped(doc, meta.day) or _stamped(doc, meta.month) else "printed"
        return
    sig = issuing_signature(doc.signatures, copy_dates(doc), meta.year, meta.month)
    if sig is None or sig.signed_at is None:
        meta.date_source = None
        return
    day: dt.date = sig.signed_at.date()
    meta.issued_date, meta.year, meta.month, meta.day = day, day.year, day.month, day.day
    meta.date_source = "signature"
    if meta.plan_year is None:
        meta.plan_year = day.year
