"""Timing texts ("Quý III", "Trước ngày 15/12/2025", "Định kỳ 3 tháng/lần" …) normalised.

    >>> t = normalize_timing("Quý III", 2025)
    >>> t.kind, t.start.isoformat(), t.end.isoformat()
    ('quarter', '2025-07-01', '2025-09-30')

Kinds: ``once`` (a given day or days), ``quarter`` (one or several: "Quý I-II"), ``half_year``
("6 tháng đầu năm / cuối năm"), ``month`` (one or several: "Tháng 8 - 9/2026"), ``deadline`` (before
a date — "Trước 30/6/2026", "chậm nhất ngày …", "thời hạn: …" — or a time limit after an event),
``year`` ("Năm 2026", "Cả năm", "Trong năm"), ``years`` (a span of years: "Giai đoạn 2026 - 2030";
"năm 2026 và các năm tiếp theo" has no end), ``recurring`` (thường xuyên, liên tục, sau mỗi …),
``periodic`` (định kỳ, hằng tháng, N tháng/lần — with ``period`` as an ISO 8601 duration: P1M,
P3M, P6M, P1Y), ``per_plan`` (theo kế hoạch / quy định / hướng dẫn / lộ trình / các mốc thời gian
tại …), ``on_request`` (theo yêu cầu, đột xuất, khi có yêu cầu), ``unspecified``.

Dates: ``start``/``end`` where the text defines them; the plan year fills a missing year ("Quý
III" in a 2025 plan → 2025-07-01..2025-09-30, "năm liền kề" → the next year). A deadline has
only ``end``. Recurring/periodic/per-plan texts get dates only when they name a year ("thường
xuyên trong năm" → the plan year). Dates of cited documents ("Quyết định số 1648/QĐ-UBND ngày
30/11/2022") are not timing.

Compound texts ("Quý I năm 2022 ban hành kế hoạch; định kỳ báo cáo kết quả") are split into
``parts`` (lines, sentences, ";" and clauses with their own time expression), kept in order; the
whole text takes the kind of its first part that has one, the earliest start and the latest end
of its parts, and the first period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from schemas.enums import TIMING_KINDS
from pipeline.citations import regexes as rx
from pipeline.citations.find import get_citations, read_tail
from pipeline.citations.models import FullCitation
from pipeline.text import LIST_MARKER, WORDED_DATE, calendar_date

KINDS = tuple(TIMING_KINDS)  # the contract's list (schemas/enums.py)


@dataclass(frozen=True)
class Timing:
    text: str
    kind: str | None  # None only for an empty text
    start: dt.date | None = None
    end: dt.date | None = None
    period: str | None = None  # ISO 8601 duration for periodic timings
    parts: tuple["Timing", ...] = field(default=())  # the clauses of a compound text, in order

    @property
    def part_texts(self) -> list[str]:
        return [p.text for p in self.parts]


_I = re.IGNORECASE
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_STAGE = re.compile(r"giai đoạn\s+\d{4}\s*[-–]\s*\d{4}", _I)
_KIND_WORD = re.compile(rx.KIND_WORD + r"\s*")
# a document word before "giai đoạn 2021 - 2025" makes the span part of that document's name
_NAMED_DOC = re.compile(r"\b" + rx.KIND_WORD + r"\b", _I)

_ON_REQUEST = re.compile(r"theo (?:thời điểm )?yêu cầu|khi có yêu cầu|đột xuất|khi (?:cần thiết|phát sinh)", _I)
_RELATIVE = re.compile(r"(?:sau|trong vòng|trong|chậm nhất)\s+\d+\s+(?:ngày|tháng|năm)\s+(?:kể từ|sau khi)", _I)
_PERIODIC = re.compile(
    r"định kỳ|(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm)\b|\d+\s*tháng\s*/\s*lần|"
    r"\d+\s+tháng\s+(?:một|1)\s+lần|(?:tháng|quý) liền kề|(?:6|sáu) tháng(?:,| và) (?:cuối )?năm",
    _I,
)
_DEADLINE = re.compile(
    r"trước ngày|trước\s+(?=\d{1,2}\s*/\s*\d)|chậm nhất|hạn chót|không muộn hơn|trước (?:tháng|quý)\b|"
    r"hoàn thành trước|\bthời hạn\b|\bhạn\s+(?:hoàn thành|cuối)\b|^\s*hạn\s*:",
    _I,
)
_RECURRING = re.compile(r"thường xuyên|liên tục|sau mỗi|hằng ngày|hàng ngày", _I)
_PER_PLAN = re.compile(
    r"theo (?:các |đúng )?(?:kế hoạch|lộ trình|quy định|hướng dẫn|mốc thời gian|chỉ đạo|tiến độ|"
    r"thời gian quy định|đúng thời gian|phân công|điều)|thời gian quy định|được phê duyệt|"
    r"theo\s+" + rx.KIND_WORD,
    _I,
)
_QUARTER = re.compile(
    r"\bquý\s+(IV|I{1,3}|[1-4])\b(?:\s*(?:[-–]|đến|và|,)\s*(?:quý\s+)?(IV|I{1,3}|[1-4])\b)?"
    r"(?:\s*(?:/|năm)\s*(\d{4}))?",
    _I,
)
# "tháng 8", "tháng 02/2024", and ranges or lists sharing one year: "tháng 8 - 9/2026",
# "từ tháng 3 đến tháng 6 năm 2026", "tháng 6, 7 và 8" (the last month is group `last`)
_MONTH = re.compile(
    r"\btháng\s+(?P<m>\d{1,2})\b(?!\s*/\s*lần)"
    r"(?:\s*(?:[-–]|đến|và|,)\s*(?:tháng\s+)?(?P<last>\d{1,2})\b(?!\s*/\s*(?:lần|\d{1,2}\b)))*"
    r"(?:\s*(?:/|-|năm)\s*(?P<y>\d{4}))?",
    _I,
)
# one separator throughout (30/6/2026, 01-10-1997, 15.3.2025): "8 - 9/2026" is two months, not a day
_DMY = re.compile(r"(?<![\d/])(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>\d{4})(?!\d)")
# a day and month without a year, after a word that makes it a date ("ngày 15/12", "trước 30/6")
_DM = re.compile(r"\b(?:ngày|trước)\s+(\d{1,2})\s*/\s*(\d{1,2})(?!\s*[/.-]?\s*\d)", _I)
_VN_DATE = re.compile(rf"\b{WORDED_DATE}", _I)
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", _I)
_PLAN_YEAR = re.compile(r"\b(?:trong|cả|suốt)\s+năm\b(?!\s+\d)", _I)
# "các năm tiếp theo" is an open end (_OPEN_END), not the next year
_NEXT_YEAR = re.compile(r"(?<!các )(?<!những )năm (?:liền kề|sau|tiếp theo)", _I)
# a span of years: "giai đoạn 2026 - 2030", "từ năm 2026 đến năm 2030", "năm 2026 - 2027", "2026-2030"
_YEAR_SPAN = re.compile(r"(?<![\d/])(?P<a>\d{4})\s*(?:[-–]|đến(?:\s+năm)?)\s*(?P<b>\d{4})(?![\d/])", _I)
# "năm 2026 và các năm tiếp theo", "từ năm 2026 trở đi": from a year on, no end
_OPEN_END = re.compile(r"(?:các|những)\s+năm\s+(?:tiếp theo|sau|kế tiếp)|\btrở đi\b", _I)
# the first or second half of a year: "6 tháng đầu năm", "sáu tháng cuối năm 2026"
_HALF = re.compile(r"\b(?:6|sáu)\s+tháng\s+(?P<half>đầu|cuối)\s+năm\b(?:\s+(?P<y>\d{4}))?", _I)
_VERB = (
    r"(?:ban hành|tổ chức|triển khai|thực hiện|báo cáo|hoàn thành|kiểm tra|trình|gửi|tổng hợp|"
    r"đánh giá|rà soát|cập nhật|xây dựng|lập|tham mưu|mở|định kỳ|thường xuyên|đề xuất|phê duyệt)"
)
_CLAUSE_SPLIT = re.compile(r"(?:\s*,\s*|\s+và\s+)(?=" + _VERB + r"\b)", _I)
_HAS_VERB = re.compile(r"\b" + _VERB + r"\b", _I)
_CONNECT_END = re.compile(r"(?:\b(?:và|của|theo|tại|trong|từ|đến|ngày|tháng|quý|năm)|[,/(-])$", _I)
_ENDS_IN_VERB = re.compile(r"\b" + _VERB + r"$", _I)
_PASSIVE_TAIL = re.compile(r"\bđược\b[^,;]*$", _I)  # "được … phê duyệt và …": a passive verb, not a list of verbs
_STARTS_THEO = re.compile(r"\s*theo\b", _I)
_SENTENCE_SPLIT = re.compile(r"\s*;\s*|(?<=[^\d\s]\.)\s+(?=[A-ZĐÀ-Ỹ])")
_STARTS_YEAR = re.compile(r"^\s*(?:(?:trong|cả|suốt)\s+)?năm\b", _I)
# periods: "3 tháng/lần", "6 tháng một lần", "định kỳ 3 tháng"; half-yearly; "hằng quý", "tháng liền kề"
_N_MONTHS = re.compile(r"(\d+)\s*tháng\s*/\s*lần|(\d+)\s+tháng\s+(?:một|1)\s+lần|định kỳ\s+(\d+)\s+tháng", _I)
_HALF_YEAR = re.compile(r"(?:6|sáu) tháng(?:,| và) (?:cuối )?năm|(?:6|sáu) tháng\s*/\s*lần|hằng 6 tháng", _I)
_EVERY = re.compile(r"(?:hằng|hàng|mỗi)\s+(ngày|tuần|tháng|quý|năm)\b|(tháng|quý) liền kề", _I)


@functools.lru_cache(maxsize=4096)
def _mask_citations(text: str) -> str:
    """Blank the numbers, issue dates and issuers of the documents cited (pipeline.citations finds
    and reads them; the kind word is kept: "theo Kế hoạch …" is a timing), and a stage that belongs to a cited
    document's name ("Kế hoạch … giai đoạn 2021 - 2025"; alone, "Giai đoạn 2026 - 2030" is the
    work's own)."""
    spans = []
    for cite in get_citations(text):
        if isinstance(cite, FullCitation):
            kind = _KIND_WORD.match(cite.raw)
            spans.append((cite.char_start + (kind.end() if kind else 0), read_tail(text, cite.char_end)[2]))
    spans += [m.span() for m in _STAGE.finditer(text) if _NAMED_DOC.search(text, 0, m.start())]
    for a, b in spans:
        text = text[:a] + "#" * (b - a) + text[b:]
    return text


def _month_end(year: int, month: int) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_range(year: int | None) -> tuple[dt.date | None, dt.date | None]:
    if year is None:
        return None, None
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _period(text: str) -> str | None:
    m = _N_MONTHS.search(text)
    if m:
        return f"P{next(g for g in m.groups() if g)}M"
    if _HALF_YEAR.search(text):
        return "P6M"
    m = _EVERY.search(text)
    if m:
        unit = (m.group(1) or m.group(2)).lower()
        return {"ngày": "P1D", "tuần": "P1W", "tháng": "P1M", "quý": "P3M", "năm": "P1Y"}[unit]
    return None


def _explicit_year(text: str, plan_year: int | None) -> int | None:
    m = _YEAR.search(text)
    if m:
        return int(m.group(1))
    if _PLAN_YEAR.search(text):
        return plan_year
    return None


def _year_bounds(
    masked: str, year_in_text: int | None, plan_year: int | None
) -> tuple[dt.date | None, dt.date | None, bool]:
    """(start, end, is_span): a span of years ("giai đoạn 2026 - 2030"), an open end ("năm 2026
    và các năm tiếp theo": no end), else the one year the text names (None: no dates)."""
    m = _YEAR_SPAN.search(masked)
    if m and int(m.group("a")) <= int(m.group("b")):
        return dt.date(int(m.group("a")), 1, 1), dt.date(int(m.group("b")), 12, 31), True
    if _OPEN_END.search(masked):
        first = year_in_text or plan_year
        return (dt.date(first, 1, 1) if first else None), None, True
    return (*_year_range(year_in_text), False)


def _days(masked: str, base_year: int | None) -> list[dt.date]:
    """The days a clause names, in text order: 30/6/2026, ngày 15 tháng 3 (năm 2026), ngày 15/3."""
    found = [
        (calendar_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), m.start())
        for m in _DMY.finditer(masked)
    ]
    for m in _VN_DATE.finditer(masked):
        year = int(m.group("y")) if m.group("y") else base_year
        found.append((calendar_date(year, int(m.group("m")), int(m.group("d"))), m.start()))
    for m in _DM.finditer(masked):
        found.append((calendar_date(base_year, int(m.group(2)), int(m.group(1))), m.start()))
    return [d for d, _ in sorted(found, key=lambda x: x[1]) if d]


def _month_spans(masked: str, base_year: int | None) -> list[tuple[dt.date, dt.date]]:
    spans = []
    for m in _MONTH.finditer(masked):
        y = int(m.group("y")) if m.group("y") else base_year
        first, last = int(m.group("m")), int(m.group("last") or m.group("m"))
        if y and 1 <= first <= last <= 12:
            spans.append((dt.date(y, first, 1), _month_end(y, last) or dt.date(y, 12, 31)))
    return spans


def _quarter_spans(masked: str, base_year: int | None) -> list[tuple[dt.date, dt.date]]:
    spans = []
    for m in _QUARTER.finditer(masked):
        y = int(m.group(3)) if m.group(3) else base_year
        q1 = _ROMAN[m.group(1).lower()]
        q2 = _ROMAN[m.group(2).lower()] if m.group(2) else q1
        if y:
            spans.append((dt.date(y, 3 * min(q1, q2) - 2, 1), _month_end(y, 3 * max(q1, q2)) or dt.date(y, 12, 31)))
    return spans


def _half_span(m: re.Match, base_year: int | None) -> tuple[dt.date | None, dt.date | None]:
    y = int(m.group("y")) if m.group("y") else base_year
    if y is None:
        return None, None
    first = m.group("half").lower() == "đầu"
    return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if first else (dt.date(y, 7, 1), dt.date(y, 12, 31))


def _deadline_end(masked: str, base_year: int | None) -> dt.date | None:
    """The last day a deadline clause allows: its first date, else the end of its month, half or quarter."""
    days = _days(masked, base_year)
    if days:
        return days[0]
    for spans in (_month_spans(masked, base_year), _quarter_spans(masked, base_year)):
        if spans:
            return spans[0][1]
    m = _HALF.search(masked)
    return _half_span(m, base_year)[1] if m else None


def _classify(text: str, plan_year: int | None) -> Timing:
    """One clause: its kind, dates and period."""
    masked = _mask_citations(text)
    year_in_text = _explicit_year(masked, plan_year)
    base_year = year_in_text or plan_year
    if _NEXT_YEAR.search(masked) and plan_year:
        base_year = plan_year + 1
    period = _period(masked)
    start, end, is_span = _year_bounds(masked, year_in_text, plan_year)

    if _ON_REQUEST.search(masked):
        return Timing(text, "on_request", start, end)
    if _PERIODIC.search(masked):
        return Timing(text, "periodic", start, end, period)
    if _RELATIVE.search(masked):
        return Timing(text, "deadline")
    if _DEADLINE.search(masked):
        return Timing(text, "deadline", None, _deadline_end(masked, base_year))
    days = _days(masked, base_year)
    if days:
        return Timing(text, "once", min(days), max(days))
    if half := _HALF.search(masked):
        return Timing(text, "half_year", *_half_span(half, base_year))
    for kind, pattern, spans in (
        ("month", _MONTH, _month_spans(masked, base_year)),
        ("quarter", _QUARTER, _quarter_spans(masked, base_year)),
    ):
        if spans:
            return Timing(text, kind, min(s for s, _ in spans), max(e for _, e in spans))
        if pattern.search(masked):
            return Timing(text, kind)
    if _RECURRING.search(masked):
        return Timing(text, "recurring", start, end)
    if _PER_PLAN.search(masked):
        return Timing(text, "per_plan", start, end)
    if is_span:
        return Timing(text, "years", start, end)
    if _YEAR.search(masked) or _STARTS_YEAR.search(masked) or _PLAN_YEAR.search(masked):
        return Timing(text, "year", *_year_range(year_in_text or plan_year))
    return Timing(text, "unspecified")


def _has_cue(text: str) -> bool:
    masked = _mask_citations(text)
    return any(
        p.search(masked)
        for p in (
            _ON_REQUEST,
            _PERIODIC,
            _RELATIVE,
            _DEADLINE,
            _RECURRING,
            _PER_PLAN,
            _QUARTER,
            _MONTH,
            _DMY,
            _VN_DATE,
            _YEAR,
            _PLAN_YEAR,
            _HALF,
            _YEAR_SPAN,
        )
    )


def _lines(text: str) -> list[str]:
    out: list[str] = []
    for line in (ln.strip() for ln in text.split("\n")):
        if not line:
            continue
        if out and not (
            LIST_MARKER.match(line)
            or out[-1].endswith((".", ";"))
            or (line[:1].isupper() and not _CONNECT_END.search(out[-1]))
        ):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


def _clauses(chunk: str) -> list[str]:
    """Split a sentence at ", <verb>" / " và <verb>" when both sides carry a time expression."""
    pieces: list[str] = []
    start = 0
    for m in _CLAUSE_SPLIT.finditer(chunk):
        left, right = chunk[start : m.start()], chunk[m.end() :]
        clause_like = _HAS_VERB.search(left) or _STARTS_THEO.match(left)
        # "rà soát, đánh giá …" is a list of verbs, not two clauses ("được … phê duyệt và …" is)
        ends_in_verb = _ENDS_IN_VERB.search(left.rstrip()) and not _PASSIVE_TAIL.search(left)
        if clause_like and not ends_in_verb and _has_cue(left) and _has_cue(right.split(";")[0]):
            # the right side must carry its own cue before the next split point
            nxt = _CLAUSE_SPLIT.search(chunk, m.end())
            if _has_cue(chunk[m.end() : nxt.start() if nxt else len(chunk)]):
                pieces.append(left)
                start = m.end()
    pieces.append(chunk[start:])
    return pieces


def _split_parts(text: str) -> list[str]:
    parts: list[str] = []
    for line in _lines(text):
        line = LIST_MARKER.sub("", line)
        for sentence in _SENTENCE_SPLIT.split(line):
            for clause in _clauses(sentence):
                clause = clause.strip().strip(".;,").strip()
                if clause:
                    parts.append(clause)
    return parts


@functools.lru_cache(maxsize=8192)
def normalize_timing(text: str, plan_year: int | None = None) -> Timing:
    """Kind, dates, period and parts of a timing text; `plan_year` fills a missing year."""
    text = unicodedata.normalize("NFC", text or "").strip()
    if not text:
        return Timing("", None)
    texts = _split_parts(text)
    if not texts:
        return Timing(text, "unspecified")
    parts = [_classify(p, plan_year) for p in texts]
    kinds = [p.kind for p in parts if p.kind != "unspecified"]
    starts = [p.start for p in parts if p.start]
    ends = [p.end for p in parts if p.end]
    period = next((p.period for p in parts if p.period), None)
    return Timing(
        text=text,
        kind=kinds[0] if kinds else "unspecified",
        start=min(starts) if starts else None,
        end=max(ends) if ends else None,
        period=period,
        parts=tuple(parts) if len(parts) > 1 else (),
    )
