"""Owners written inside a task's own sentence, as plans, programmes and công văn assign work:

    Sở Tư pháp chủ trì, phối hợp với các sở, ngành tổ chức rà soát …, hoàn thành trong Quý II/2026.
    Giao Sở Tài chính tham mưu bố trí kinh phí thực hiện; thời gian: trước ngày 30/6/2026.
    Đề nghị Ủy ban nhân dân các huyện chỉ đạo …           (a công văn's request)
    Văn phòng Sở có trách nhiệm tổng hợp, báo cáo …
    Tổ chức hội nghị tập huấn (Sở Nội vụ chủ trì, Sở Tư pháp phối hợp; thời gian: Quý III/2026).
    1. Sở Nội vụ:  - Chủ trì …  - Tham mưu …             (a unit's heading over its duties)

``inline_owner(text)`` reads lead, support and timing from such a sentence; ``unit_heading(text)``
reads the unit of a "<Unit>: <duties>" heading. A lead must start with an agency's head word (Sở,
Phòng, Ủy ban nhân dân, các cơ quan …): a sentence about what a unit *did* ("Sở đã chủ trì …", a
report) or an article that closes a decision ("… chịu trách nhiệm thi hành Quyết định này") is not
an assignment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.records import TaskRow
from pipeline.stages.tasks.tables import responsibility_text

# head words of an agency, unit or office holder (NĐ 30/2020 writes them this way in "Nơi nhận")
_HEAD = (
    r"(?:các\s+|tất\s+cả\s+các\s+)?(?:sở|ban(?!\s+hành)|phòng(?!\s*,?\s+(?:chống|ngừa))|văn\s+phòng|[uủ]y\s+ban|ubnd|ub\s+mttq|ubmttq|mttq|"
    r"trung\s+tâm|chi\s+cục|tổng\s+cục|cục|vụ(?!\s+(?:việc|án))|bộ|thanh\s+tra|công\s+an|đài|báo(?!\s+cáo)|hội(?!\s+(?:nghị|thảo|thi|diễn))|liên\s+đoàn|đoàn|"
    r"mặt\s+trận|bộ\s+chỉ\s+huy|kho\s+bạc|bảo\s+hiểm\s+xã\s+hội|đảng\s+ủy|đảng\s+uỷ|đảng\s+đoàn|huyện\s+ủy|"
    r"thị\s+ủy|thành\s+ủy|tỉnh\s+ủy|tỉnh\s+đoàn|trường(?!\s+hợp)|bệnh\s+viện|viện|chủ\s+tịch|giám\s+đốc|"
    r"thủ\s+trưởng|trưởng|người\s+đứng\s+đầu|cơ\s+quan|đơn\s+vị|hđnd|hội\s+đồng|tổ\s+công\s+tác|"
    r"công\s+ty|doanh\s+nghiệp|địa\s+phương|ngành|cấp\s+ủy|chi\s+bộ|lãnh\s+đạo)"
)
_STARTS_WITH_UNIT = re.compile(rf"^{_HEAD}(?=[\s,]|$)", re.I)
_REQUEST = re.compile(r"^(?:giao\s+(?:cho\s+)?|đề\s+nghị\s+|yêu\s+cầu\s+)", re.I)
_OWNS = re.compile(
    r"\s*,?\s+(?:là\s+(?:cơ\s+quan|đơn\s+vị)\s+(?:thường\s+trực\s*,\s*)?|làm\s+|tiếp\s+tục\s+|khẩn\s+trương\s+)?"
    r"(?<!đã\s)(?<!đã)(?:chủ\s+trì|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|là\s+đầu\s+mối|là\s+cơ\s+quan\s+đầu\s+mối)\b",
    re.I,
)
# lower-case verbs that end a unit list ("phối hợp với các sở, ngành | tổ chức …"); a unit's name is
# capitalised ("Sở Xây dựng"), the verb is not
_VERBS = (
    "tổ chức|triển khai|xây dựng|tham mưu|rà soát|thực hiện|hướng dẫn|kiểm tra|theo dõi|đôn đốc|"
    "nghiên cứu|đề xuất|ban hành|báo cáo|tổng hợp|cập nhật|công bố|đánh giá|tuyên truyền|hoàn thành|"
    "hoàn thiện|trình|lập|khảo sát|bảo đảm|đảm bảo|quán triệt|phổ biến|vận hành|nâng cấp|duy trì|"
    "kiện toàn|chỉ đạo|giám sát|tiếp nhận|xử lý|giải quyết|cung cấp|phát triển|đẩy mạnh|tăng cường|"
    "nâng cao|bố trí|chuẩn bị|soạn thảo|thẩm định|phê duyệt|cân đối|chủ động|khẩn trương|tiếp tục|"
    "quản lý|số hóa|ứng dụng|sửa đổi|bổ sung|thông báo|gửi|tập huấn|bồi dưỡng|đào tạo|thành lập|"
    "phân công|tập trung|nghiêm túc|quan tâm|phân tích|làm rõ|làm việc|kịp thời|công khai|đăng tải|kết nối|"
    "tích hợp|đẩy nhanh|thống kê|điều tra|sắp xếp|kiểm soát|hỗ trợ|vận động|chuyển|để|nhằm|thời gian|thời hạn"
)
_VERB_AT = re.compile(rf"(?<![\w])(?:{_VERBS})(?![\w])")  # case-sensitive on purpose
_ENACTS = re.compile(r"\s*(?:thi\s+hành|trước\s+pháp\s+luật)", re.I)  # a decision's closing article
# "Đề nghị các đơn vị nghiêm túc thực hiện./.": the closing formula of a công văn, no duty of its own
_GENERIC_DUTY = re.compile(
    r"^(?:[\s,./;]|nghiêm\s+túc|quan\s+tâm|khẩn\s+trương|chủ\s+động|phối\s+hợp|"
    r"triển\s+khai|thực\s+hiện|tổ\s+chức|biết|và|để)*$",
    re.I,
)
_SUPPORT = re.compile(r"^[\s,;]*(?:và\s+)?phối\s+hợp(?:\s+với)?\s+", re.I)
_SUPPORT_AFTER = re.compile(r"^[\s,;]*(?P<s>[^,;()]*?(?:,[^,;()]*?)*?)\s+(?:cùng\s+)?phối\s+hợp\b", re.I)
_PAREN_OWNER = re.compile(r"\((?P<inner>[^()]*(?:chủ\s+trì|phối\s+hợp)[^()]*)\)(?=\s*[.;]?\s*$)", re.I)
# timing: a deadline, a period introduced by a time word, or a recurrence
_TIMING = re.compile(
    r"(?P<deadline>(?:trước|chậm\s+nhất|muộn\s+nhất|không\s+quá)(?:\s+(?:là|ngày))*\s+(?:ngày\s+)?"
    r"\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?"
    r"|(?:trước|chậm\s+nhất)(?:\s+là)?\s+(?:quý\s+[IV]+|tháng\s+\d{1,2})(?:\s*(?:/|năm)\s*\d{4})?)"
    r"|(?:(?:hoàn\s+thành|thực\s+hiện|triển\s+khai|ban\s+hành|xong)\s+)?(?:trong\s+|vào\s+|từ\s+)?"
    r"(?P<period>(?:(?:6|sáu|9|chín)\s+tháng\s+(?:đầu|cuối)\s+năm\s+\d{4}"
    r"|quý\s+[IV]+(?:\s*(?:,|và|-)\s*(?:quý\s+)?[IV]+)*(?:\s*(?:/|năm)\s*\d{4})?"
    r"|tháng\s+\d{1,2}(?:\s*(?:/|năm)\s*\d{4})?"
    r"|năm\s+\d{4})(?:\s+(?:đến|-)\s+(?:quý\s+[IV]+|tháng\s+\d{1,2}|năm\s+\d{4})(?:\s*(?:/|năm)\s*\d{4})?)?)"
    r"|(?P<recurring>thường\s+xuyên(?:\s+(?:trong|hằng|hàng)\s+năm)?|định\s+kỳ\s+(?:hằng|hàng)\s+(?:tháng|quý|năm)"
    r"|(?:hằng|hàng)\s+(?:tháng|quý|năm))",
    re.I,
)
_TIME_CUE = re.compile(
    r"(?:hoàn\s+thành|thực\s+hiện|triển\s+khai|ban\s+hành|xong|trong|vào|từ|thời\s+gian"
    r"(?:\s+\w+)?\s*:?|thời\s+hạn\s*:?)\s*$",
    re.I,
)
_MAX_UNIT_CHARS = 160


@dataclass(frozen=True)
class Owner:
    lead: str
    support: str = ""
    timing: str = ""


def is_unit_name(text: str) -> bool:
    """The text names an agency, unit or office holder (it starts with a head word), not a sentence."""
    return _is_unit(text) and not _VERB_AT.search(text) and not _OWNS.search(text)


def _is_unit(text: str) -> bool:
    return bool(text) and len(text) <= _MAX_UNIT_CHARS and bool(_STARTS_WITH_UNIT.match(text))


def _until_verb(text: str) -> str:
    """The unit list at the start of `text`, up to the first lower-case verb or clause break."""
    m = _VERB_AT.search(text)
    end = m.start() if m else len(text)
    cut = re.search(r"[;:(]|\.\s|\.$", text[:end])
    return text[: cut.start() if cut else end].strip(" ,")


def timing_of(text: str) -> str:
    """The first time expression of a sentence that says when: a deadline ("trước ngày 30/6/2026"),
    a period after a time word ("hoàn thành trong Quý II/2026" → "Quý II/2026") or a recurrence."""
    for m in _TIMING.finditer(text):
        if m.group("deadline") or m.group("recurring"):
            return m.group(0).strip()
        # a bare period must follow a time word: "kế hoạch năm 2026" names the plan, not a date
        if m.group(0) != m.group("period") or _TIME_CUE.search(text[: m.start()]) or m.start() == 0:
            return m.group("period").strip()
    return ""


def support_of(rest: str) -> tuple[str, str]:
    """(support units, text after them) when `rest` (after "chủ trì") opens with "phối hợp với …"
    or "… phối hợp"."""
    m = _SUPPORT.match(rest)
    if m:
        after = rest[m.end() :]
        units = _until_verb(after)
        return units, after[len(units) :]
    m = _SUPPORT_AFTER.match(rest)
    if m and _is_unit(m.group("s").strip()):
        return m.group("s").strip(), rest[m.end() :]
    return "", rest


def _owner_clause(text: str) -> Owner | None:
    """Lead and support of a clause that opens with its owner."""
    req = _REQUEST.match(text)
    body = text[req.end() :] if req else text
    m = _OWNS.search(body)
    if m and _is_unit(body[: m.start()].strip()) and not _ENACTS.match(body[m.end() :]):
        lead = body[: m.start()].strip(" ,")
        support, _ = support_of(body[m.end() :])
        return Owner(lead, support)
    if req:  # "Giao Sở Tài chính tham mưu …", "Đề nghị các huyện chỉ đạo …"
        lead = _until_verb(body)
        if _is_unit(lead) and not _GENERIC_DUTY.match(body[len(lead) :]):
            return Owner(lead, support_of(body[len(lead) :])[0])
    return None


def inline_owner(text: str) -> Owner | None:
    """The owner a task sentence names for itself, with its support units and timing, or None."""
    text = re.sub(r"\s+", " ", text).strip()
    owner = _owner_clause(text)
    if owner is None:
        paren = _PAREN_OWNER.search(text)
        if paren is None:
            return None
        inner = paren.group("inner")
        owner = _owner_clause(inner)
        if owner is None:  # "(Sở A, Sở B phối hợp)" alone says nothing of the lead
            return None
        text = inner
    return Owner(owner.lead, owner.support, timing_of(text))


def without_owner_note(text: str) -> str:
    """The task text without a closing parenthesis that only names its owner and timing:
    "Tổ chức hội nghị (Sở A chủ trì; thời gian: Quý II)." → "Tổ chức hội nghị."."""
    m = _PAREN_OWNER.search(text)
    if m is None or _owner_clause(m.group("inner")) is None:
        return text
    return (text[: m.start()].rstrip() + text[m.end() :].strip().rstrip(";")).strip() or text


_HEADING = re.compile(r"^(?P<unit>[^:;]{2,%d}?)\s*:\s*(?P<rest>.*)$" % _MAX_UNIT_CHARS, re.S)


def unit_heading(text: str) -> tuple[str, str] | None:
    """(unit, duty text) of a per-unit heading "Sở Nội vụ: Chủ trì …" or "Sở Nội vụ:"; None when the
    part before the colon is not a unit or reads as a sentence (it holds a verb)."""
    m = _HEADING.match(text.strip())
    if not m:
        return None
    unit = m.group("unit").strip()
    if not is_unit_name(unit) or is_unit_name(m.group("rest").strip()):  # "Phòng chuyên môn: Phòng A" is a form's field
        return None
    return unit, m.group("rest").strip()


def duty_row(text: str, unit: str, **kw) -> TaskRow:
    """A duty listed under a unit's heading (bullets stripped): that unit leads it; "Chủ trì, phối
    hợp với X …" names its support."""
    rest = re.sub(r"^(?:chủ\s+trì|là\s+đầu\s+mối)\b", "", text, flags=re.I)
    support = support_of(rest)[0] if rest != text else ""
    row = TaskRow(content=text, origin="prose", lead_raw=unit, support_raw=support, timing_raw=timing_of(text), **kw)
    row.units_raw = responsibility_text("", row.lead_raw, row.support_raw)
    return row
