"""Field lines of a prose task: "Đơn vị chủ trì: …", "Thời gian thực hiện: …", with their bullets,
and lines that hold several such pairs. What a field *is* lives here; `tasks.prose` reads a
document's items and places these fields on them."""

from __future__ import annotations

import re

from extractors.model import BULLET_CHARS

_UNIT_NOUN = r"(?:đơn\s+vị|cơ\s+quan|phòng|bộ\s+phận|cá\s+nhân|tổ\s+chức|địa\s+phương)"
_FIELD = re.compile(
    r"^(?P<label>"
    r"(?:lãnh\s+đạo|người)(?:\s+[^\s:,]+){0,3}?\s+(?:phụ\s+trách|chỉ\s+đạo|theo\s+dõi)"  # the leader in charge
    rf"|(?:{_UNIT_NOUN}(?:\s*,\s*{_UNIT_NOUN})*\s+)?(?:chủ\s+trì|phối\s+hợp|theo\s+dõi|giám\s+sát)(?:[\s,]+[^\s:,]+){{0,4}}"
    rf"|{_UNIT_NOUN}(?:\s*,\s*{_UNIT_NOUN})*\s+thực\s+hiện(?:\s+chính)?"
    r"|sản\s+phẩm(?:\s+(?:đầu\s+ra|dự\s+kiến|chính))?"
    r"|kết\s+quả(?:\s+(?:đầu\s+ra|dự\s+kiến|thực\s+hiện|đạt\s+được|công\s+việc))?"
    r"|thời\s+gian(?:[\s,]+(?:thực\s+hiện|hoàn\s+thành|triển\s+khai|bắt\s+đầu))*|thời\s+hạn(?:\s+hoàn\s+thành)?"
    r"|tiến\s+độ(?:\s+thực\s+hiện)?"
    r")\s*:\s*(?P<value>.*)$",
    re.I | re.S,
)
_BULLETS = re.compile(rf"^((?:[{re.escape(BULLET_CHARS)}]\s*)+)")  # "- +": stacked bullets

FIELD_COLUMNS = {
    "lead": "lead_raw",
    "support": "support_raw",
    "monitor": "monitor_raw",
    "units": "units_raw",
    "result": "result",
    "timing": "timing_raw",
}


def field_of(text: str) -> tuple[str, str] | None:
    """(kind, value) of a field line without its bullets: "Đơn vị phối hợp: Các phòng" →
    ("support", "Các phòng"). Kinds: lead, support, monitor, units, result, timing."""
    m = _FIELD.match(text.strip())
    if not m:
        return None
    label = m.group("label").lower()
    if label.startswith(("lãnh đạo", "người")):
        kind = "monitor"
    elif "chủ trì" in label:
        kind = "lead"
    elif "phối hợp" in label:
        kind = "support"
    elif "theo dõi" in label or "giám sát" in label:
        kind = "monitor"
    elif "thực hiện" in label and not label.startswith(("thời", "tiến", "kết")):
        kind = "units"
    elif label.startswith(("sản phẩm", "kết quả")):
        kind = "result"
    else:
        kind = "timing"
    return kind, m.group("value").strip()


_PAIR_BREAK = re.compile(r"[;.]\s+(?=\S)")


def split_fields(text: str) -> list[str]:
    """A line holding several "Label: value" pairs, one per field: "Đơn vị chủ trì: Phòng A;
    Đơn vị phối hợp: Phòng B." → ["Đơn vị chủ trì: Phòng A", "Đơn vị phối hợp: Phòng B."]."""
    bullets, core = split_bullets(text)
    if field_of(core) is None:
        return [text]
    parts, start = [], 0
    for m in _PAIR_BREAK.finditer(core):
        if field_of(core[m.end() :]) is not None:
            parts.append(core[start : m.start()].strip())
            start = m.end()
    parts.append(core[start:].strip())
    return [f"{bullets} {parts[0]}".strip()] + [f"{bullets} {p}".strip() for p in parts[1:]]


def split_bullets(text: str) -> tuple[str, str]:
    """("- +", "Đơn vị chủ trì: …") for "- + Đơn vị chủ trì: …"; ("", text) without bullets."""
    m = _BULLETS.match(text)
    if not m or (len(text) > m.end() and text[m.end()].isdigit()):
        return "", text
    return re.sub(r"\s+", " ", m.group(1)).strip(), text[m.end() :].strip()
