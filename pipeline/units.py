"""Responsible units: split a responsibility text into (unit, role) pairs with canonical names.

    >>> [(m.unit, m.role) for m in split_units("- Phòng BCVT&CĐS chủ trì.\\n- Văn phòng Sở phối hợp", None, 2025)]
    [('Phòng Bưu chính, Viễn thông và Chuyển đổi số', 'lead'), ('Văn phòng Sở', 'support')]

Roles: ``lead`` (chủ trì, thực hiện), ``support`` (phối hợp), ``monitor`` (theo dõi, hướng dẫn,
đôn đốc, kiểm tra, kiểm soát, giám sát), ``advise`` (tham mưu). The column a text sits in gives
the role (lead_raw → lead, support_raw → support, monitor_raw → monitor) unless the words say
otherwise; in a mixed column (units_raw, ``column_role=None``) the first unit without a role word
leads and the later ones support.

Canonical names come from the alias table `pipeline/data/unit_aliases.csv` (documented in
docs/unit_aliases.md; another table can be given with the VANBAN_UNIT_ALIASES environment
variable or `load_aliases(path)`): abbreviations expanded inside any name (UBND → Ủy ban nhân
dân), spellings of the same unit, renamings restricted to the plan years where the old name was
in use, and groups ("Các phòng, đơn vị thuộc Sở", "Các sở, ban, ngành", "Ủy ban nhân dân cấp
huyện" …) marked ``is_group``.

Everything here is regex and dict work on the text; results are cached per (text, role, year).
"""
from __future__ import annotations

import csv
import functools
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROLES = ("lead", "support", "monitor", "advise")
ALIASES_CSV = Path(__file__).resolve().parent / "data" / "unit_aliases.csv"
ENV_ALIASES = "VANBAN_UNIT_ALIASES"


@dataclass(frozen=True)
class UnitMention:
    unit: str  # canonical name
    unit_raw: str  # the words as printed (qualifiers kept, role words and bullets dropped)
    role: str  # lead | support | monitor | advise
    is_group: bool = False


# --------------------------------------------------------------------------------------------
# text normalisation
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY][\u0300\u0301\u0303\u0309\u0323])(?![^\W\d_])")


def _move_tone(m: re.Match) -> str:
    first, second = m.group(1), m.group(2)
    return unicodedata.normalize("NFC", first + second[1]) + second[0]


def fold_text(text: str) -> str:
    """NFC, and the old tone placement on oa/oe/uy moved to the new one (Uỷ → Ủy, hoà → hòa).

    Keeps the length of the NFC text, so offsets found on the result hold for the NFC text.
    """
    text = unicodedata.normalize("NFC", text or "")
    if not any(c in text for c in "oOuU"):
        return text
    decomposed = unicodedata.normalize("NFD", text)
    if not any(c in _TONES for c in decomposed):
        return text
    # work on a semi-decomposed form: split only the tone mark off a, e, y
    semi = re.sub(
        r"[àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ]",
        lambda m: unicodedata.normalize("NFD", m.group(0)), text,
    )
    semi = _OLD_TONE.sub(_move_tone, semi)
    return unicodedata.normalize("NFC", semi)


_DASH = re.compile(r"\s*[-–—]\s*")
_SPACE = re.compile(r"\s+")
_BULLET = re.compile(r"^\s*(?:[-+•*–—]+|\d+[.)]|[a-zđ][)])\s*")
_EDGE_PUNCT = " \t\n.;:,"


def _tidy(text: str) -> str:
    """One line, single spaces, no bullet, no surrounding punctuation."""
    text = _SPACE.sub(" ", fold_text(text)).strip()
    text = _BULLET.sub("", text)
    return text.strip(_EDGE_PUNCT)


# --------------------------------------------------------------------------------------------
# the alias table
@dataclass(frozen=True)
class AliasRow:
    alias: str
    canonical: str
    kind: str  # abbr | alias | rename | group
    is_group: bool
    valid_from: int | None
    valid_to: int | None
    note: str = ""

    def applies(self, year: int | None) -> bool:
        if year is None:
            return True
        if self.valid_from is not None and year < self.valid_from:
            return False
        if self.valid_to is not None and year > self.valid_to:
            return False
        return True


def _int_or_none(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value else None


class AliasTable:
    """The alias CSV, indexed: abbreviation expander, key → rows, and the protection pattern."""

    def __init__(self, rows: list[AliasRow]):
        self.rows = rows
        abbrs = sorted((r for r in rows if r.kind == "abbr"), key=lambda r: -len(r.alias))
        self._abbr = {fold_text(r.alias): r.canonical for r in abbrs}
        self._abbr_re = (
            re.compile(r"(?<![\w&-])(" + "|".join(re.escape(fold_text(r.alias)) for r in abbrs) + r")(?![\w&])")
            if abbrs else None
        )
        self.by_key: dict[str, list[AliasRow]] = {}
        for r in rows:
            if r.kind == "abbr":
                continue
            self.by_key.setdefault(self.key(r.alias), []).append(r)
        self.group_keys = {self.key(r.canonical) for r in rows if r.is_group}
        self.group_keys |= {self.key(r.alias) for r in rows if r.is_group}
        variants: set[str] = set()
        for r in rows:
            if r.kind == "abbr":
                continue
            for v in (r.alias, r.canonical):
                variants.add(fold_text(v))
                variants.add(self.expand(v))
        self.protect = re.compile(
            "|".join(self._pattern(v) for v in sorted(variants, key=len, reverse=True)), re.IGNORECASE
        ) if variants else None

    def expand(self, text: str) -> str:
        text = fold_text(text)
        if self._abbr_re is None:
            return text
        return self._abbr_re.sub(lambda m: self._abbr[m.group(1)], text)

    def key(self, name: str) -> str:
        k = self.expand(name).casefold()
        k = _DASH.sub("-", k)
        k = re.sub(r"\s*([,&])\s*", r"\1 ", k)
        k = _SPACE.sub(" ", k).strip(_EDGE_PUNCT)
        k = re.sub(r"^(?:các|những)\s+", "", k)
        return k

    @staticmethod
    def _pattern(variant: str) -> str:
        parts = []
        for token in re.split(r"(\s+|[-–—]|,|&)", variant.strip()):
            if not token:
                continue
            if token.isspace():
                parts.append(r"\s+")
            elif token in "-–—":
                parts.append(r"\s*[-–—]\s*")
            elif token in ",&":
                parts.append(r"\s*" + re.escape(token) + r"\s*")
            else:
                parts.append(re.escape(token))
        body = "".join(parts)
        prefix = "" if re.match(r"(?i)(các|những)\s", variant) else r"(?:(?:các|những)\s+)?"
        return r"(?<![\w&])" + prefix + body + r"(?![\w&])"

    def lookup(self, name: str, year: int | None) -> AliasRow | None:
        """The row for `name` in `year`; a row leading to another name wins over a spelling row."""
        key = self.key(name)
        rows = [r for r in self.by_key.get(key, ()) if r.applies(year)]
        for row in rows:
            if self.key(row.canonical) != key:
                return row
        return rows[0] if rows else None

    def resolve(self, name: str, year: int | None) -> tuple[str, bool] | None:
        """(canonical, is_group) following alias → rename chains, or None when unknown."""
        row = self.lookup(name, year)
        if row is None:
            return None
        seen = {self.key(name)}
        is_group = row.is_group
        while True:
            k = self.key(row.canonical)
            if k in seen:
                break
            seen.add(k)
            nxt = self.lookup(row.canonical, year)
            if nxt is None:
                break
            row, is_group = nxt, is_group or nxt.is_group
        return row.canonical, is_group or self.key(row.canonical) in self.group_keys


def read_alias_rows(path: str | Path) -> list[AliasRow]:
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            alias = (rec.get("alias") or "").strip()
            if not alias or alias.startswith("#"):
                continue
            kind = (rec.get("kind") or "alias").strip() or "alias"
            if kind not in {"abbr", "alias", "rename", "group"}:
                raise ValueError(f"{path}: unknown kind {kind!r} for alias {alias!r}")
            rows.append(AliasRow(
                alias=unicodedata.normalize("NFC", alias),
                canonical=unicodedata.normalize("NFC", (rec.get("canonical") or alias).strip()),
                kind=kind,
                is_group=(rec.get("is_group") or "").strip().lower() in {"1", "true", "yes", "x"} or kind == "group",
                valid_from=_int_or_none(rec.get("valid_from")),
                valid_to=_int_or_none(rec.get("valid_to")),
                note=(rec.get("note") or "").strip(),
            ))
    return rows


@functools.lru_cache(maxsize=8)
def load_aliases(path: str | None = None) -> AliasTable:
    """The alias table (cached): `path`, else $VANBAN_UNIT_ALIASES, else the packaged CSV."""
    path = path or os.environ.get(ENV_ALIASES) or str(ALIASES_CSV)
    return AliasTable(read_alias_rows(path))


# --------------------------------------------------------------------------------------------
# canonical names
_HEAD_CAP = (
    "Lãnh đạo|Ban Giám đốc|Giám đốc|Phó Giám đốc|Chủ tịch|Phó Chủ tịch|Thủ trưởng|Người đứng đầu|"
    "Sở|Phòng|Văn phòng|Trung tâm|Thanh tra|UBND|HĐND|Ủy ban|Hội đồng|Công an|Bộ Chỉ huy|Bộ phận|Bộ|"
    "Ban|Tổ|Nhóm|Đoàn|Hội|Liên đoàn|Tổng cục|Cục|Chi cục|Kho bạc|Bảo hiểm|Ngân hàng|Viện|Trường|"
    "Bệnh viện|Báo|Đài|Tòa án|Mặt trận|Đảng ủy|Tỉnh ủy|Huyện ủy|Thành ủy|Tỉnh đoàn|Chính phủ|"
    "Thủ tướng|Cơ quan|Đơn vị|Địa phương|Công ty|Tập đoàn|Doanh nghiệp|Cán bộ|Công chức|Tổ chức"
)
_HEAD = re.compile(
    r"^(?:(?:" + _HEAD_CAP + r")(?![\w])|(?:các|những|công chức|cán bộ|tổ chức, cá nhân|người dân)\s)"
)
_TITLE_PREFIX = re.compile(r"^(?:Lãnh đạo|Đại diện lãnh đạo)\s+(?=\S)")
_TITLE_ONLY = re.compile(r"^(?:Lãnh đạo|Đại diện lãnh đạo|Ban Giám đốc|Giám đốc)$", re.IGNORECASE)
_GENERIC = re.compile(
    r"^(?:các|những|mọi)\s|^(?:cơ quan|đơn vị|địa phương|tổ chức|cá nhân|công chức|cán bộ)\b"
    r"|\bcấp (?:huyện|xã)\b|\bcác (?:xã|huyện|phường)\b",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    r"\s+(?:(?:có\s+)?liên quan(?:\s+(?:đến|tới)\b.*)?|có\s+(?:TTHC|thủ tục hành chính)\b.*|"
    r"được giao\b.*|theo chức năng\b.*|\(nếu có\)|thực hiện\b.*|tham mưu\b.*)$",
    re.IGNORECASE,
)


def _capitalize(name: str) -> str:
    return name[:1].upper() + name[1:] if name else name


@functools.lru_cache(maxsize=4096)
def _canonical(name: str, year: int | None, table_path: str | None) -> tuple[str, bool]:
    table = load_aliases(table_path)
    name = _tidy(name)
    name = re.sub(r"\s*\((?:nếu có)\)\s*$", "", name)
    stripped = _TITLE_PREFIX.sub("", name)
    if stripped != name and _HEAD.match(stripped):
        name = stripped
    if not name:
        return "", False
    candidate = name
    while True:
        hit = table.resolve(candidate, year)
        if hit is not None:
            return _capitalize(hit[0]), hit[1]
        shorter = _QUALIFIER.sub("", candidate).strip(_EDGE_PUNCT)
        if shorter == candidate or not shorter:
            break
        candidate = shorter
    expanded = _SPACE.sub(" ", table.expand(name)).strip()
    return _capitalize(expanded), bool(_GENERIC.search(name))


def canonical_unit(name: str, year: int | None = None, *, table_path: str | None = None) -> str:
    """Canonical name of a unit as written in a document of plan year `year` (None: any year)."""
    return _canonical(name, year, table_path)[0]


def is_group(name: str, year: int | None = None, *, table_path: str | None = None) -> bool:
    """True for collective mentions ("Các phòng, đơn vị thuộc Sở", "UBND cấp huyện" …)."""
    return _canonical(name, year, table_path)[1]


# --------------------------------------------------------------------------------------------
# splitting a responsibility text
_CONNECT_END = re.compile(r"(?:\b(?:và|của|thuộc|tại|với|cùng|các)|[,&(-])$", re.IGNORECASE)
_LINE_BULLET = re.compile(r"^\s*(?:[-+•*–—]|\d+[.)]\s)")
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
_VERB = re.compile(
    r"(?<![\w])(?:chủ trì|phối hợp|theo dõi|tham mưu|thực hiện|hướng dẫn|đôn đốc|đơn đốc|kiểm tra|"
    r"kiểm soát|giám sát|tiếp nhận|cập nhật|xây dựng|triển khai|tổng hợp|báo cáo|chịu trách nhiệm|"
    r"có trách nhiệm|chỉ đạo|đánh giá|rà soát|ban hành|công bố|đăng tải|cung cấp|hỗ trợ|"
    r"làm đầu mối|là đầu mối|tổ chức(?!\s*,\s*cá nhân))(?![\w])"
)
_LIEN_QUAN_DEN = re.compile(r"(?:có\s+)?liên quan (?:đến|tới) (?:việc )?[^;.\n]*", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*;\s*|\s*,\s*|\s+và\s+|\s*/\s*")
_TRAILING_FILLER = re.compile(r"(?:\s+(?:đến|tới|về|với|của|trong|tại|để|việc))+$")


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
            _LINE_BULLET.match(line)
            or prev.endswith((".", ";", ":"))
            or (_HEAD.match(line) and line[:1].isupper() and not _CONNECT_END.search(prev)
                and not _TITLE_ONLY.match(prev))
        )
        if new:
            segs.append(line)
        else:
            segs[-1] = prev + " " + line
    out: list[str] = []
    for seg in segs:
        # "Phòng A chủ trì. Phòng B phối hợp" on one line; "chủ trì: A; phối hợp: B"
        parts = re.split(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])|;\s*(?=(?:(?:đơn vị|cơ quan)\s+)?(?:chủ trì|phối hợp|theo dõi)\s*:)",
                         seg, flags=re.IGNORECASE)
        for p in parts:
            p = _BULLET.sub("", p.strip()).strip()
            if p.strip(_EDGE_PUNCT):
                out.append(p)
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
        seg = seg[m.end():]
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
        inside = " ".join(seg[a + 1:b - 1] for a, b in parens if b <= end)
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
    result: list[list[int]] = []
    for a, b in pieces:
        raw = seg[a:b].strip()
        if not raw:
            continue
        starts_protected = any(pa == a or (pa <= a < pb) for pa, pb in protected)
        head = starts_protected or bool(_HEAD.match(raw))
        if head:
            open_piece = [a, b]
            result.append(open_piece)
        elif open_piece is not None:
            open_piece[1] = b  # "Sở Văn hóa, Thể thao và Du lịch", "Các sở, ban ngành"
    for a, b in result:
        raw = seg[a:b]
        # drop a parenthesis and what follows the subject
        raw_clean = _mask(raw, [(pa - a, pb - a) for pa, pb in parens if pa >= a and pb <= b], "")
        raw_clean = _TRAILING_FILLER.sub("", _SPACE.sub(" ", raw_clean).strip(_EDGE_PUNCT + "()"))
        span = next(((pa - a, pb - a) for pa, pb in protected if pa >= a and pa < b and pa - a <= 6), None)
        units.append((raw_clean, span))
    return units, role


@functools.lru_cache(maxsize=8192)
def _split(text: str, column_role: str | None, year: int | None, table_path: str | None) -> tuple[UnitMention, ...]:
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
                core = raw[span[0]:span[1]]
                rest = raw[span[1]:].strip()
                # a protected name followed by a capitalised word is a longer unknown name
                if not rest or _QUALIFIER.fullmatch(" " + rest):
                    name = core
            unit, group = _canonical(name, year, table_path)
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


def split_units(text: str, column_role: str | None = None, year: int | None = None, *,
                table_path: str | None = None) -> list[UnitMention]:
    """Units named in a responsibility text, in order, each with its role.

    `column_role`: the column the text comes from — "lead", "support", "monitor" (or "advise");
    None (or "units") for a mixed column where the words decide. `year`: the plan year (selects
    the renamings that apply).
    """
    if not text or not text.strip():
        return []
    return list(_split(text, column_role if column_role in ROLES else None, year, table_path))
