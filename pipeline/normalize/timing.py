"""Timing texts ("Quý III", "Trước ngày 15/12/2025", "Định kỳ 3 tháng/lần" …) normalised.

    >>> t = normalize_timing("Quý III", 2025)
    >>> t.kind, t.start.isoformat(), t.end.isoformat()
    ('quarter', '2025-07-01', '2025-09-30')

Kinds: ``once`` (a given day or days), ``quarter``, ``month``, ``deadline`` (before a date, or a
time limit after an event), ``year``, ``recurring`` (thường xuyên, liên tục, sau mỗi …),
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
from pipeline.text import LIST_MARKER

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
_DOC_WORDS = (r"(?:Quyết định|Kế hoạch|Nghị định|Nghị quyết|Thông tư|Phương án|Công văn|Văn bản|"
              r"Chỉ thị|Luật|Hướng dẫn|Thông báo|Kết luận|Công điện|Đề án|Chương trình)")
# a cited document (its number and issue date are not timing): "Quyết định số 1648/QĐ-UBND ngày 30/11/2022"
_CITATION = re.compile(
    r"(?P<doc>" + _DOC_WORDS + r"\s+)?(?:số\s*:?\s*)?"
    r"\d[\w.]*/(?:[\w.Đđ-]*/)*[\w.Đđ-]*[^\W\d_][\w.Đđ-]*"  # a number with a symbol: 1648/QĐ-UBND
    r"(?:\s+ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4})?"
    r"|giai đoạn\s+\d{4}\s*[-–]\s*\d{4}",
    _I,
)

_ON_REQUEST = re.compile(r"theo (?:thời điểm )?yêu cầu|khi có yêu cầu|đột xuất|khi (?:cần thiết|phát sinh)", _I)
_RELATIVE = re.compile(r"(?:sau|trong vòng|trong|chậm nhất)\s+\d+\s+(?:ngày|tháng|năm)\s+(?:kể từ|sau khi)", _I)
_PERIODIC = re.compile(
    r"định kỳ|(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm)\b|\d+\s*tháng\s*/\s*lần|"
    r"\d+\s+tháng\s+(?:một|1)\s+lần|(?:tháng|quý) liền kề|(?:6|sáu) tháng(?:,| và) (?:cuối )?năm", _I)
_DEADLINE = re.compile(r"trước ngày|chậm nhất|hạn chót|không muộn hơn|trước (?:tháng|quý)\b|hoàn thành trước", _I)
_RECURRING = re.compile(r"thường xuyên|liên tục|sau mỗi|hằng ngày|hàng ngày", _I)
_PER_PLAN = re.compile(
    r"theo (?:các |đúng )?(?:kế hoạch|lộ trình|quy định|hướng dẫn|mốc thời gian|chỉ đạo|tiến độ|"
    r"thời gian quy định|đúng thời gian|phân công|điều)|thời gian quy định|được phê duyệt|"
    r"theo\s+" + _DOC_WORDS, _I)
_QUARTER = re.compile(
    r"\bquý\s+(IV|I{1,3}|[1-4])\b(?:\s*(?:[-–]|đến|và|,)\s*(?:quý\s+)?(IV|I{1,3}|[1-4])\b)?"
    r"(?:\s*(?:/|năm)\s*(\d{4}))?", _I)
_MONTH = re.compile(r"\btháng\s+(\d{1,2})\b(?!\s*/\s*lần)(?:\s*(?:/|-|năm)\s*(\d{4}))?", _I)
_DMY = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_DM = re.compile(r"\bngày\s+(\d{1,2})\s*/\s*(\d{1,2})(?!\s*[/.-]?\s*\d)", _I)
_VN_DATE = re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", _I)
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", _I)
_PLAN_YEAR = re.compile(r"\btrong năm\b(?!\s+\d)", _I)
_NEXT_YEAR = re.compile(r"năm (?:liền kề|sau|tiếp theo)", _I)
_VERB = (r"(?:ban hành|tổ chức|triển khai|thực hiện|báo cáo|hoàn thành|kiểm tra|trình|gửi|tổng hợp|"
         r"đánh giá|rà soát|cập nhật|xây dựng|lập|tham mưu|mở|định kỳ|thường xuyên|đề xuất|phê duyệt)")
_CLAUSE_SPLIT = re.compile(r"(?:\s*,\s*|\s+và\s+)(?=" + _VERB + r"\b)", _I)
_HAS_VERB = re.compile(r"\b" + _VERB + r"\b", _I)
_CONNECT_END = re.compile(r"(?:\b(?:và|của|theo|tại|trong|từ|đến|ngày|tháng|quý|năm)|[,/(-])$", _I)
_ENDS_IN_VERB = re.compile(r"\b" + _VERB + r"$", _I)
_PASSIVE_TAIL = re.compile(r"\bđược\b[^,;]*$", _I)  # "được … phê duyệt và …": a passive verb, not a list of verbs
_STARTS_THEO = re.compile(r"\s*theo\b", _I)
_SENTENCE_SPLIT = re.compile(r"\s*;\s*|(?<=[^\d\s]\.)\s+(?=[A-ZĐÀ-Ỹ])")
_STARTS_YEAR = re.compile(r"^\s*(?:trong\s+)?năm\b", _I)
# periods: "3 tháng/lần", "6 tháng một lần", "định kỳ 3 tháng"; half-yearly; "hằng quý", "tháng liền kề"
_N_MONTHS = re.compile(r"(\d+)\s*tháng\s*/\s*lần|(\d+)\s+tháng\s+(?:một|1)\s+lần|định kỳ\s+(\d+)\s+tháng", _I)
_HALF_YEAR = re.compile(r"(?:6|sáu) tháng(?:,| và) (?:cuối )?năm|(?:6|sáu) tháng\s*/\s*lần|hằng 6 tháng", _I)
_EVERY = re.compile(r"(?:hằng|hàng|mỗi)\s+(ngày|tuần|tháng|quý|năm)\b|(tháng|quý) liền kề", _I)


def _mask_citations(text: str) -> str:
    """Blank the numbers and issue dates of cited documents (the document word is kept)."""
    def blank(m: re.Match) -> str:
        keep = len(m.group("doc") or "")
        return m.group(0)[:keep] + "#" * (len(m.group(0)) - keep)
    return _CITATION.sub(blank, text)


def _date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


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


def _classify(text: str, plan_year: int | None) -> Timing:
    """One clause: its kind, dates and period."""
    masked = _mask_citations(text)
    year_in_text = _explicit_year(masked, plan_year)
    base_year = year_in_text or plan_year
    if _NEXT_YEAR.search(masked) and plan_year:
        base_year = plan_year + 1
    period = _period(masked)

    def ranged(kind: str) -> Timing:
        start, end = _year_range(year_in_text)
        return Timing(text, kind, start, end, period if kind == "periodic" else None)

    if _ON_REQUEST.search(masked):
        return ranged("on_request")
    if _PERIODIC.search(masked):
        return Timing(text, "periodic", *_year_range(year_in_text), period)
    if _RELATIVE.search(masked):
        return Timing(text, "deadline")
    if _DEADLINE.search(masked):
        end = None
        m = _DMY.search(masked)
        if m:
            end = _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        elif (m := _DM.search(masked)) or (m := _VN_DATE.search(masked)):
            y = int(m.group(3)) if m.lastindex and m.lastindex >= 3 and m.group(3) else base_year
            end = _date(y, int(m.group(2)), int(m.group(1)))
        elif m := _MONTH.search(masked):
            y = int(m.group(2)) if m.group(2) else base_year
            end = _month_end(y, int(m.group(1))) if y else None
        elif m := _QUARTER.search(masked):
            y = int(m.group(3)) if m.group(3) else base_year
            q = _ROMAN[(m.group(2) or m.group(1)).lower()]
            end = _month_end(y, 3 * q) if y else None
        return Timing(text, "deadline", None, end)
    dates = [(_date(int(m.group(3)), int(m.group(2)), int(m.group(1))), m.start()) for m in _DMY.finditer(masked)]
    for m in _VN_DATE.finditer(masked):
        y = int(m.group(3)) if m.group(3) else base_year
        dates.append((_date(y, int(m.group(2)), int(m.group(1))), m.start()))
    for m in _DM.finditer(masked):
        dates.append((_date(base_year, int(m.group(2)), int(m.group(1))), m.start()))
    days = [d for d, _ in sorted(dates, key=lambda x: x[1]) if d]
    if days:
        return Timing(text, "once", min(days), max(days))
    months = list(_MONTH.finditer(masked))
    if months:
        spans = []
        for m in months:
            y = int(m.group(2)) if m.group(2) else base_year
            month = int(m.group(1))
            if y and 1 <= month <= 12:
                spans.append((dt.date(y, month, 1), _month_end(y, month)))
        if spans:
            return Timing(text, "month", min(s for s, _ in spans), max(e for _, e in spans))
        return Timing(text, "month")
    quarters = list(_QUARTER.finditer(masked))
    if quarters:
        spans = []
        for m in quarters:
            y = int(m.group(3)) if m.group(3) else base_year
            q1 = _ROMAN[m.group(1).lower()]
            q2 = _ROMAN[m.group(2).lower()] if m.group(2) else q1
            if y:
                spans.append((dt.date(y, 3 * min(q1, q2) - 2, 1), _month_end(y, 3 * max(q1, q2))))
        if spans:
            return Timing(text, "quarter", min(s for s, _ in spans), max(e for _, e in spans))
        return Timing(text, "quarter")
    if _RECURRING.search(masked):
        return ranged("recurring")
    if _PER_PLAN.search(masked):
        return ranged("per_plan")
    if _YEAR.search(masked) or _STARTS_YEAR.search(masked):
        return Timing(text, "year", *_year_range(year_in_text or plan_year))
    return Timing(text, "unspecified")


def _has_cue(text: str) -> bool:
    masked = _mask_citations(text)
    return any(p.search(masked) for p in (
        _ON_REQUEST, _PERIODIC, _RELATIVE, _DEADLINE, _RECURRING, _PER_PLAN, _QUARTER, _MONTH,
        _DMY, _VN_DATE, _YEAR, _PLAN_YEAR))


def _lines(text: str) -> list[str]:
    out: list[str] = []
    for line in (ln.strip() for ln in text.split("\n")):
        if not line:
            continue
        if out and not (LIST_MARKER.match(line) or out[-1].endswith((".", ";"))
                        or (line[:1].isupper() and not _CONNECT_END.search(out[-1]))):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


def _clauses(chunk: str) -> list[str]:
    """Split a sentence at ", <verb>" / " và <verb>" when both sides carry a time expression."""
    pieces: list[str] = []
    start = 0
    for m in _CLAUSE_SPLIT.finditer(chunk):
        left, right = chunk[start:m.start()], chunk[m.end():]
        clause_like = _HAS_VERB.search(left) or _STARTS_THEO.match(left)
        # "rà soát, đánh giá …" is a list of verbs, not two clauses ("được … phê duyệt và …" is)
        ends_in_verb = _ENDS_IN_VERB.search(left.rstrip()) and not _PASSIVE_TAIL.search(left)
        if clause_like and not ends_in_verb and _has_cue(left) and _has_cue(right.split(";")[0]):
            # the right side must carry its own cue before the next split point
            nxt = _CLAUSE_SPLIT.search(chunk, m.end())
            if _has_cue(chunk[m.end():nxt.start() if nxt else len(chunk)]):
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
