"""Canonical unit names: the alias table (pipeline/data/unit_aliases.csv) and name normalisation.

See docs/unit_aliases.md for the table's format (its columns are part of the public contract:
schemas/columns.py INPUT_DOCS). `canonical_unit(name, year, scope=…)` gives the canonical name of a
unit as written in a document of that plan year and issuing agency; `is_group` tells collective
mentions. A row with a scope (issuer, province) or with years applies only to documents known to be
inside it: a renaming in one Sở of one province leaves every other document alone, and a document
whose year (or issuer) is unknown gets no renaming at all.
"""

from __future__ import annotations

import csv
import functools
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.text import LIST_MARKER, fold
from schemas.columns import INPUT_DOCS
from schemas.enums import ALIAS_KINDS

ALIASES_CSV = Path(__file__).resolve().parent.parent / "data" / "unit_aliases.csv"
ENV_ALIASES = "VANBAN_UNIT_ALIASES"

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
    semi = re.sub(r"[àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ]", lambda m: unicodedata.normalize("NFD", m.group(0)), text)
    semi = _OLD_TONE.sub(_move_tone, semi)
    return unicodedata.normalize("NFC", semi)


_DASH = re.compile(r"\s*[-–—]\s*")
_LIST_PUNCT = re.compile(r"\s*([,&])\s*")
_COLLECTIVE = re.compile(r"^(?:các|những)\s+")
SPACE = re.compile(r"\s+")
EDGE_PUNCT = " \t\n.;:,"


def _tidy(text: str) -> str:
    """One line, single spaces, no bullet, no surrounding punctuation."""
    text = SPACE.sub(" ", fold_text(text)).strip()
    text = LIST_MARKER.sub("", text)
    return text.strip(EDGE_PUNCT)


# --------------------------------------------------------------------------------------------
# the alias table
COLUMNS = tuple(name for name in INPUT_DOCS["unit_aliases.csv"] if name)  # the contract's columns, in order


@dataclass(frozen=True)
class Scope:
    """Where a document comes from, as its header prints it: what the scoped rows are matched on.

    `issuer` is the issuing agency ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "UBND HUYỆN …"); `parent_issuer`
    and `place` (the địa danh) name its province. Empty fields are unknown.
    """

    issuer: str | None = None
    parent_issuer: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class AliasRow:
    alias: str
    canonical: str
    kind: str  # abbr | alias | rename | group (schemas/enums.py: ALIAS_KINDS)
    is_group: bool
    valid_from: int | None
    valid_to: int | None
    note: str = ""
    issuers: tuple[str, ...] = ()  # agencies (or kinds of agency: "Sở") whose documents the row is for
    province: str | None = None

    @property
    def needs_year(self) -> bool:
        """A renaming, or a row limited to some years, says nothing about a document of unknown year."""
        return self.kind == "rename" or self.valid_from is not None or self.valid_to is not None

    def applies(self, year: int | None) -> bool:
        if year is None:
            return not self.needs_year
        if self.valid_from is not None and year < self.valid_from:
            return False
        if self.valid_to is not None and year > self.valid_to:
            return False
        return True


def _year(path: str | Path, alias: str, value: str | None) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValueError(f"{path}: year {value!r} for alias {alias!r} is not a year")
    return int(value)


def variant_start(variants: set[str]) -> str:
    """Where one of the alias table's variants can start: every pattern of `AliasTable.protect` opens
    with the same lookbehind, then "các"/"những" or the variant's first letter. Checked once before
    the alternation of every variant is tried: the same matches, about three times faster on prose.
    No lookahead when a variant opens with a sign (a dash, a comma: its pattern may start at a space)."""
    firsts = {v.strip()[:1] for v in variants} | {"c", "n"}
    if not all(f.isalnum() for f in firsts):
        return r"(?<![\w&])"
    return r"(?<![\w&])(?=[" + "".join(sorted(firsts)) + "])"


class AliasTable:
    """The alias CSV, indexed: abbreviation expander, key → rows, and the protection pattern."""

    def __init__(self, rows: list[AliasRow]):
        self.rows = rows
        abbrs = sorted((r for r in rows if r.kind == "abbr"), key=lambda r: -len(r.alias))
        self._abbr = {fold_text(r.alias): r.canonical for r in abbrs}
        self._abbr_re = (
            re.compile(r"(?<![\w&-])(" + "|".join(re.escape(fold_text(r.alias)) for r in abbrs) + r")(?![\w&])")
            if abbrs
            else None
        )
        self.by_key: dict[str, list[AliasRow]] = {}
        for r in rows:
            if r.kind == "abbr":
                continue
            self.by_key.setdefault(self.key(r.alias), []).append(r)
        self._issuer_keys = {r: tuple(self.scope_key(i) for i in r.issuers) for r in rows if r.issuers}
        self.group_keys = {self.key(r.canonical) for r in rows if r.is_group}
        self.group_keys |= {self.key(r.alias) for r in rows if r.is_group}
        variants: set[str] = set()
        for r in rows:
            if r.kind == "abbr":
                continue
            for v in (r.alias, r.canonical):
                variants.add(fold_text(v))
                variants.add(self.expand(v))
        alternatives = "|".join(self._pattern(v) for v in sorted(variants, key=len, reverse=True))
        self.protect = re.compile(variant_start(variants) + f"(?:{alternatives})", re.IGNORECASE) if variants else None

    def expand(self, text: str) -> str:
        text = fold_text(text)
        if self._abbr_re is None:
            return text
        return self._abbr_re.sub(lambda m: self._abbr[m.group(1)], text)

    def key(self, name: str) -> str:
        k = self.expand(name).casefold()
        k = _DASH.sub("-", k)
        k = _LIST_PUNCT.sub(r"\1 ", k)
        k = SPACE.sub(" ", k).strip(EDGE_PUNCT)
        k = _COLLECTIVE.sub("", k)
        return k

    def scope_key(self, name: str | None) -> str:
        """An agency or place name compared without case, accents or abbreviations."""
        return " ".join(_LIST_PUNCT.sub(" ", fold(self.expand(name or ""))).split())

    def in_scope(self, row: AliasRow, scope: Scope | None) -> bool:
        """True when the document's issuer is (or is a kind of) one of the row's issuers, and its
        header names the row's province; a row without a scope is for every document."""
        if row.issuers:
            issuer = self.scope_key(scope.issuer if scope else None)
            if not issuer or not any(issuer == k or issuer.startswith(k + " ") for k in self._issuer_keys[row]):
                return False
        if row.province:
            where = (
                " ".join(self.scope_key(x) for x in (scope.issuer, scope.parent_issuer, scope.place)) if scope else ""
            )
            if f" {self.scope_key(row.province)} " not in f" {where} ":
                return False
        return True

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

    def lookup(self, name: str, year: int | None, scope: Scope | None = None) -> AliasRow | None:
        """The row for `name` in a document of `year` and `scope`: the narrowest scope wins (issuer
        and province, then one of them, then none), then a row leading to another name over a
        spelling row."""
        key = self.key(name)
        rows = [r for r in self.by_key.get(key, ()) if r.applies(year) and self.in_scope(r, scope)]
        rows.sort(key=lambda r: (-(bool(r.issuers) + bool(r.province)), self.key(r.canonical) == key))
        return rows[0] if rows else None

    def resolve(self, name: str, year: int | None, scope: Scope | None = None) -> tuple[str, bool] | None:
        """(canonical, is_group) following alias → rename chains, or None when unknown."""
        row = self.lookup(name, year, scope)
        if row is None:
            return None
        seen = {self.key(name)}
        is_group = row.is_group
        while True:
            k = self.key(row.canonical)
            if k in seen:
                break
            seen.add(k)
            nxt = self.lookup(row.canonical, year, scope)
            if nxt is None:
                break
            row, is_group = nxt, is_group or nxt.is_group
        return row.canonical, is_group or self.key(row.canonical) in self.group_keys


def read_alias_rows(path: str | Path) -> list[AliasRow]:
    """The rows of an alias CSV (columns: COLUMNS; a table without the scope columns, as written
    before they existed, is read as unscoped). Raises ValueError naming the file on a bad row."""
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        unknown = [c for c in reader.fieldnames or () if c and c not in COLUMNS]
        if unknown:
            raise ValueError(f"{path}: unknown column(s) {', '.join(unknown)} (columns: {', '.join(COLUMNS)})")
        for rec in reader:
            alias = (rec.get("alias") or "").strip()
            if not alias or alias.startswith("#"):
                continue
            kind = (rec.get("kind") or "alias").strip() or "alias"
            if kind not in ALIAS_KINDS:
                raise ValueError(f"{path}: unknown kind {kind!r} for alias {alias!r}")
            rows.append(
                AliasRow(
                    alias=unicodedata.normalize("NFC", alias),
                    canonical=unicodedata.normalize("NFC", (rec.get("canonical") or alias).strip()),
                    kind=kind,
                    is_group=(rec.get("is_group") or "").strip().lower() in {"1", "true", "yes", "x"}
                    or kind == "group",
                    valid_from=_year(path, alias, rec.get("valid_from")),
                    valid_to=_year(path, alias, rec.get("valid_to")),
                    note=(rec.get("note") or "").strip(),
                    issuers=tuple(
                        unicodedata.normalize("NFC", i).strip()
                        for i in (rec.get("issuer") or "").split("|")
                        if i.strip()
                    ),
                    province=unicodedata.normalize("NFC", (rec.get("province") or "").strip()) or None,
                )
            )
    return rows


def load_aliases(path: str | None = None) -> AliasTable:
    """The alias table (cached): `path`, else $VANBAN_UNIT_ALIASES, else the packaged CSV."""
    return _alias_table(path or os.environ.get(ENV_ALIASES) or str(ALIASES_CSV))


# cached by the file read, not by the call's arguments: `load_aliases()` (the ingest driver's warm-up,
# before it forks the workers) and `load_aliases(None)` (the stages) are one table, built once
@functools.lru_cache(maxsize=8)
def _alias_table(path: str) -> AliasTable:
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
UNIT_HEAD = re.compile(
    r"^(?:(?:" + _HEAD_CAP + r")(?![\w])|(?:các|những|công chức|cán bộ|tổ chức, cá nhân|người dân)\s)"
)
_TITLE_PREFIX = re.compile(r"^(?:Lãnh đạo|Đại diện lãnh đạo)\s+(?=\S)")
TITLE_ONLY = re.compile(r"^(?:Lãnh đạo|Đại diện lãnh đạo|Ban Giám đốc|Giám đốc)$", re.IGNORECASE)
_GENERIC = re.compile(
    r"^(?:các|những|mọi)\s|^(?:cơ quan|đơn vị|địa phương|tổ chức|cá nhân|công chức|cán bộ)\b"
    r"|\bcấp (?:huyện|xã)\b|\bcác (?:xã|huyện|phường)\b",
    re.IGNORECASE,
)
QUALIFIER = re.compile(
    r"\s+(?:(?:có\s+)?liên quan(?:\s+(?:đến|tới)\b.*)?|có\s+(?:TTHC|thủ tục hành chính)\b.*|"
    r"được giao\b.*|theo chức năng\b.*|\(nếu có\)|thực hiện\b.*|tham mưu\b.*)$",
    re.IGNORECASE,
)


def _capitalize(name: str) -> str:
    return name[:1].upper() + name[1:] if name else name


@functools.lru_cache(maxsize=4096)
def canonical_and_group(
    name: str, year: int | None, table_path: str | None, scope: Scope | None = None
) -> tuple[str, bool]:
    """(canonical name, is_group) of a unit name in a document of `year` and `scope`; cached."""
    table = load_aliases(table_path)
    name = _tidy(name)
    name = re.sub(r"\s*\((?:nếu có)\)\s*$", "", name)
    stripped = _TITLE_PREFIX.sub("", name)
    if stripped != name and UNIT_HEAD.match(stripped):
        name = stripped
    if not name:
        return "", False
    candidate = name
    while True:
        hit = table.resolve(candidate, year, scope)
        if hit is not None:
            return _capitalize(hit[0]), hit[1]
        shorter = QUALIFIER.sub("", candidate).strip(EDGE_PUNCT)
        if shorter == candidate or not shorter:
            break
        candidate = shorter
    expanded = SPACE.sub(" ", table.expand(name)).strip()
    return _capitalize(expanded), bool(_GENERIC.search(name))


def canonical_unit(
    name: str, year: int | None = None, *, table_path: str | None = None, scope: Scope | None = None
) -> str:
    """Canonical name of a unit as written in a document of plan year `year` issued by `scope`
    (None: unknown; then no renaming and no scoped row applies)."""
    return canonical_and_group(name, year, table_path, scope)[0]


def is_group(name: str, year: int | None = None, *, table_path: str | None = None, scope: Scope | None = None) -> bool:
    """True for collective mentions ("Các phòng, đơn vị thuộc Sở", "UBND cấp huyện" …)."""
    return canonical_and_group(name, year, table_path, scope)[1]
