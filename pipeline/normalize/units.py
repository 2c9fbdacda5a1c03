"""Responsible units: split a responsibility text into (unit, role) pairs with canonical names.

    >>> [(m.unit, m.role) for m in split_units("- Phòng BCVT&CĐS chủ trì.\\n- Văn phòng Sở phối hợp", None, 2025)]
    [('Phòng Bưu chính, Viễn thông và Chuyển đổi số', 'lead'), ('Văn phòng Sở', 'support')]

Roles: ``lead`` (chủ trì, thực hiện), ``support`` (phối hợp), ``monitor`` (theo dõi, hướng dẫn,
đôn đốc, kiểm tra, kiểm soát, giám sát), ``advise`` (tham mưu). The column a text sits in gives
the role (lead_raw → lead, support_raw → support, monitor_raw → monitor) unless the words say
otherwise; in a mixed column (units_raw, ``column_role=None``) a unit without a role word leads
when no unit led before it, and supports otherwise.

Canonical names come from the alias table `pipeline/data/unit_aliases.csv` (documented in
docs/unit_aliases.md; another table can be given with the VANBAN_UNIT_ALIASES environment
variable or `load_aliases(path)`): abbreviations expanded inside any name (UBND → Ủy ban nhân
dân), spellings of the same unit, renamings restricted to the issuer, province and plan years
where the old name was in use, and groups ("Các phòng, đơn vị thuộc Sở", "Các sở, ban, ngành", "Ủy ban nhân dân cấp
huyện" …) marked ``is_group``.

Names and the alias table live in pipeline/normalize/aliases.py (re-exported here).
Everything here is regex and dict work on the text; results are cached per (text, role, year).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from schemas.enums import ROLES as ROLE_MEANINGS
from pipeline.text import DUTY_VERBS, LIST_MARKER

from pipeline.normalize.aliases import (  # noqa: F401 (canonical_unit, is_group, fold_text: public API here too)
    EDGE_PUNCT,
    QUALIFIER,
    SPACE,
    TITLE_ONLY,
    UNIT_HEAD,
    AliasTable,
    Scope,
    canonical_and_group,
    canonical_unit,
    fold_text,
    is_group,
    load_aliases,
)

ROLES = tuple(ROLE_MEANINGS)  # lead, support, monitor, advise: the contract's list (schemas/enums.py)


@dataclass(frozen=True)
class UnitMention:
    unit: str  # canonical name
    unit_raw: str  # the words as printed (qualifiers kept, role words and bullets dropped)
    role: str  # lead | support | monitor | advise
    is_group: bool = False


# --------------------------------------------------------------------------------------------
# splitting a responsibility text
_CONNECT_END = re.compile(r"(?:\b(?:và|của|thuộc|tại|với|cùng|các)|[,&(-])$", re.IGNORECASE)
_LABEL = re.compile(
    r"^\s*(?:(?:đơn vị|cơ quan)(?:\s*,\s*cá nhân)?\s+)?(chủ trì|phối hợp|theo dõi|tham mưu)"
    r"(?:\s+(?:thực hiện|tham mưu|tiếp nhận))?\s*:\s*",
    re.IGNORECASE,
)
_ROLE_WORDS = [
    (re.compile(r"\btham mưu\s*,?\s*(?:chủ trì|thực hiện)\b"), "lead"),
    (re.compile(r"\bchủ trì\b"), "lead"),
    (re.compile(r"(?<!việc )(?<!quả )(?<!đã )\bthực hiện\b"), "lead"),
    (re.compile(r"\btham mưu\b"), "advise"),
    (re.compile(r"\bphối hợp\b"), "support"),
    (re.compile(r"\b(?:theo dõi|hướng dẫn|đôn đốc|đơn đốc|kiểm tra|kiểm soát|giám sát)\b"), "monitor"),
]
_LABEL_ROLE = {"chủ trì": "lead", "phối hợp": "support", "theo dõi": "monitor", "tham mưu": "advise"}
# lowercase verbs that end the subject (the units) of a clause
# ("tổ chức, cá nhân" is a subject, not the verb "tổ chức")
_VERB = re.compile(
    r"(?<![\w])(?:"
    + "|".join(re.escape(v) for v in DUTY_VERBS if v != "tổ chức")
    + r"|tổ chức(?!\s*,\s*cá nhân))(?![\w])"
)
_LIEN_QUAN_DEN = re.compile(r"(?:có\s+)?liên quan (?:đến|tới) (?:việc )?[^;.\n]*", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*;\s*|\s*,\s*|\s+và\s+|\s*/\s*")
_TRAILING_FILLER = re.compile(r"(?:\s+(?:đến|tới|về|với|của|trong|tại|để|việc))+$")
# "Phòng A chủ trì. Phòng B phối hợp" on one line; "chủ trì: A; phối hợp: B"
_CLAUSE_BREAK = re.compile(
    r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])|;\s*(?=(?:(?:đơn vị|cơ quan)\s+)?(?:chủ trì|phối hợp|theo dõi)\s*:)", re.IGNORECASE
)


def _segments(text: str) -> list[str]:
    """Clauses of a responsibility cell: bulleted lines, sentences; wrapped lines re-joined."""
    lines = [ln.strip() for ln in fold_text(text).split("\n")]
    segs: list[str] = []
    for line in lines:
        if not line:
            continue
        if not segs:
            segs.append(line)
            continue
        prev = segs[-1]
        new = (
            LIST_MARKER.match(line)
            or prev.endswith((".", ";", ":"))
            or (
                UNIT_HEAD.match(line)
                and line[:1].isupper()
                and not _CONNECT_END.search(prev)
                and not TITLE_ONLY.match(prev)
            )
        )
        if new:
            segs.append(line)
        else:
            segs[-1] = prev + " " + line
    out: list[str] = []
    for seg in segs:
        for p in _CLAUSE_BREAK.split(seg):
            p = LIST_MARKER.sub("", p.strip()).strip()
            if p.strip(EDGE_PUNCT):
                out.extend(_role_clauses(p))
    return out


_CUT = re.compile(r"\s*[,;]\s*")
# "Sở A chủ trì, phối hợp với Sở B, UBND cấp huyện": the units after "phối hợp với" support
_LEAD_WITH = re.compile(
    r"^(?P<lead>.+?\b(?:chủ trì|thực hiện))\s*,?\s*(?:và\s+)?phối hợp\s+(?:với|cùng)\s+(?P<rest>\S.*)$", re.IGNORECASE
)


def _role_clauses(seg: str) -> list[str]:
    """ "A chủ trì; B phối hợp", "A chủ trì, các phòng chuyên môn phối hợp": one clause per role.
    The text is cut at a comma or semicolon only when what came before says a role, and what
    follows starts with a unit and says a role of its own ("Sở Tư pháp; Văn phòng UBND tỉnh" and
    "A chủ trì, phối hợp với B" stay whole)."""
    with_ = _LEAD_WITH.match(seg)
    if with_:
        return [with_.group("lead"), "Phối hợp: " + with_.group("rest")]
    out: list[str] = []
    start = 0
    for m in _CUT.finditer(seg):
        left, right = seg[start : m.start()], seg[m.end() :]
        if (
            right
            and _role_in(left)
            and (UNIT_HEAD.match(right) or UNIT_HEAD.match(right[:1].upper() + right[1:]))
            and _role_in(right.split(";")[0])
        ):
            out.append(left)
            start = m.end()
    out.append(seg[start:])
    return out


def _mask(text: str, spans: list[tuple[int, int]], char: str = "\u2588") -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(a, b):
            if chars[i] not in " \n":
                chars[i] = char
    return "".join(chars)


def _paren_spans(text: str) -> list[tuple[int, int]]:
    spans, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if depth:
        spans.append((start, len(text)))
    return spans


def _role_in(text: str) -> str | None:
    best: tuple[int, int, str] | None = None
    for order, (pattern, role) in enumerate(_ROLE_WORDS):
        m = pattern.search(text)
        if m and (best is None or (m.start(), order) < best[:2]):
            best = (m.start(), order, role)
    return best[2] if best else None


def _clause(seg: str, table: AliasTable) -> tuple[list[tuple[str, tuple[int, int] | None]], str | None]:
    """The unit pieces at the start of one clause (raw text, protected span inside it) and its role."""
    label_role = None
    m = _LABEL.match(seg)
    if m:
        label_role = _LABEL_ROLE[m.group(1).lower()]
        seg = seg[m.end() :]
    protected = [(p.start(), p.end()) for p in table.protect.finditer(seg)] if table.protect else []
    parens = _paren_spans(seg)
    qualifiers = [(q.start(), q.end()) for q in _LIEN_QUAN_DEN.finditer(seg)]
    masked = _mask(seg, protected + parens + qualifiers)
    verb = _VERB.search(masked)
    end = verb.start() if verb else len(seg)
    subject = masked[:end]
    predicate = seg[end:]
    role = label_role or _role_in(_mask(predicate, [(a - end, b - end) for a, b in qualifiers if a >= end]))
    if role is None:
        inside = " ".join(seg[a + 1 : b - 1] for a, b in parens if b <= end)
        role = _role_in(inside)
    # split the subject at separators that are not inside a protected name or a parenthesis
    pieces: list[list[int]] = []  # [start, end] on seg
    pos = 0
    for sep in _SEPARATOR.finditer(subject):
        if "\u2588" in sep.group(0):
            continue
        pieces.append([pos, sep.start()])
        pos = sep.end()
    pieces.append([pos, len(subject)])
    units: list[tuple[str, tuple[int, int] | None]] = []
    open_piece: list[int] | None = None
    kept: list[list[int]] = []
    for a, b in pieces:
        raw = seg[a:b].strip()
        if not raw:
            continue
        starts_protected = any(pa == a or (pa <= a < pb) for pa, pb in protected)
        # "BHXH tỉnh", "KBNN tỉnh": an abbreviation that expands to a unit's head word
        head = starts_protected or bool(UNIT_HEAD.match(raw) or UNIT_HEAD.match(table.expand(raw)))
        if head:
            open_piece = [a, b]
            kept.append(open_piece)
        elif open_piece is not None:
            open_piece[1] = b  # "Sở Văn hóa, Thể thao và Du lịch", "Các sở, ban ngành"
    for a, b in kept:
        raw = seg[a:b]
        # drop a parenthesis and what follows the subject
        raw_clean = _mask(raw, [(pa - a, pb - a) for pa, pb in parens if pa >= a and pb <= b], "")
        raw_clean = _TRAILING_FILLER.sub("", SPACE.sub(" ", raw_clean).strip(EDGE_PUNCT + "()"))
        core = next((seg[pa:pb] for pa, pb in protected if a <= pa < b and pa - a <= 6), None)
        at = raw_clean.find(core) if core else -1
        units.append((raw_clean, (at, at + len(core)) if at >= 0 else None))
    return units, role


@functools.lru_cache(maxsize=8192)
def _split(
    text: str, column_role: str | None, year: int | None, table_path: str | None, scope: Scope | None
) -> tuple[UnitMention, ...]:
    table = load_aliases(table_path)
    mixed = column_role not in ROLES
    mentions: list[UnitMention] = []
    seen: set[str] = set()
    lead_seen = False
    for seg in _segments(text):
        pieces, role = _clause(seg, table)
        for raw, span in pieces:
            if not raw:
                continue
            name = raw
            if span is not None:
                core = raw[span[0] : span[1]]
                rest = raw[span[1] :].strip()
                # a known name plus a known qualifier ("… có TTHC") is the known name; plus
                # other words ("Các cơ quan, đơn vị trực tiếp sử dụng …") it is a name of its own
                if not rest or QUALIFIER.fullmatch(" " + rest):
                    name = core
            unit, group = canonical_and_group(name, year, table_path, scope)
            if not unit:
                continue
            if role is not None:
                r = role
            elif not mixed:
                r = column_role
            else:  # mixed column, no role word: the first unit leads unless a lead came before
                r = "support" if lead_seen else "lead"
            lead_seen = lead_seen or r == "lead"
            if unit in seen:
                continue
            seen.add(unit)
            mentions.append(UnitMention(unit=unit, unit_raw=raw, role=r, is_group=group))
    return tuple(mentions)


def split_units(
    text: str,
    column_role: str | None = None,
    year: int | None = None,
    *,
    table_path: str | None = None,
    scope: Scope | None = None,
) -> list[UnitMention]:
    """Units named in a responsibility text, in order, each with its role.

    `column_role`: the column the text comes from — "lead", "support", "monitor" (or "advise");
    None (or "units") for a mixed column where the words decide. `year`: the plan year and
    `scope`: the issuing agency (select the renamings and the scoped rows that apply; unknown:
    none of them).
    """
    if not text or not text.strip():
        return []
    return list(_split(text, column_role if column_role in ROLES else None, year, table_path, scope))
