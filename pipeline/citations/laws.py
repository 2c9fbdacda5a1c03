"""The `laws` table: laws, codes and ordinances by name ↔ number ↔ year (pipeline/data/laws.csv).

A Luật is cited by its name in one document and by its number in another (NĐ 30/2020 Phụ lục I:
laws are cited by name); the table joins the two. It is learned from a store's citations table
(`learn_laws`, run by `scripts/learn_laws.py`): a mention that prints both the name and the number
("Luật Đất đai số 31/2024/QH15") teaches one row; a name that two mentions give different numbers of
is left out. Every row carries its scope: the National Assembly's laws apply nationwide ("national").

Uses: the index answers "Luật Đầu tư 2025" with the rows of 143/2025/QH15 too (`CitationIndex`), and
a long name read with an OCR slip ("vật liệu nỗ") takes the table's spelling (`known_name`). A name
alone never gets a number here: "Luật Đất đai" may be the law of 2013 or of 2024.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from pipeline.search import fold

LAWS_CSV = Path(__file__).resolve().parent.parent / "data" / "laws.csv"
FIELDS = ("kind", "name", "ref", "year", "date", "scope")
LAW_KINDS = ("Luật", "Bộ luật", "Pháp lệnh")


@dataclass(frozen=True)
class LawSettings:
    fuzzy_min_chars: int = 30  # shorter names must be spelled alike ("Đầu tư" is not "Đầu tư công")
    fuzzy_ratio: float = 0.92  # a long name this alike to another (known, or a second mention) is it read with a slip


SETTINGS = LawSettings()


@dataclass(frozen=True)
class Law:
    kind: str
    name: str
    ref: str
    year: int | None = None
    date: dt.date | None = None
    scope: str = "national"


def name_key(name: str | None) -> str:
    """What two spellings of one name share: accents, case and commas folded."""
    return fold(name or "").replace(",", "")


def learn_laws(rows: Iterable[dict]) -> list[Law]:
    """Laws taught by citation rows that give both a name and a number; a name or a number taught
    two ways (two numbers, two names) teaches nothing."""
    by_ref: dict[str, set[tuple]] = {}
    for r in rows:
        if r.get("kind") in LAW_KINDS and r.get("name") and r.get("ref"):
            date = r.get("issued_date")
            by_ref.setdefault(r["ref"], set()).add((r["kind"], r["name"], r.get("year"), date))
    out: list[Law] = []
    names: dict[str, list[Law]] = {}
    for ref, seen in sorted(by_ref.items()):
        if len({(kind, name_key(name)) for kind, name, _, _ in seen}) != 1:
            continue
        dates = {d for *_, d in seen if d}
        kind, name, year, _ = sorted(seen, key=lambda s: (s[2] is None, s[1]))[0]
        law = Law(kind, name, ref, year, next(iter(dates)) if len(dates) == 1 else None)
        names.setdefault(name_key(name) + f"|{year}", []).append(law)
    for same in names.values():
        if len(same) == 1:
            out.extend(same)
    return out


def merge_laws(old: Iterable[Law], new: Iterable[Law]) -> list[Law]:
    """The table with newly learned rows added; a ref already in it keeps its row."""
    table = {law.ref: law for law in old}
    for law in new:
        table.setdefault(law.ref, law)
    return sorted(table.values(), key=lambda law: (law.kind, name_key(law.name), law.year or 0))


def read_laws(path: Path = LAWS_CSV) -> list[Law]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Law(
                r["kind"],
                r["name"],
                r["ref"],
                int(r["year"]) if r["year"] else None,
                dt.date.fromisoformat(r["date"]) if r["date"] else None,
                r["scope"] or "national",
            )
            for r in csv.DictReader(fh)
        ]


def write_laws(laws: Iterable[Law], path: Path = LAWS_CSV) -> None:
    """Written whole to a temporary file, then moved over the table (readers never see half)."""
    fd, tmp = tempfile.mkstemp(prefix=".laws-", suffix=".csv", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(FIELDS)
            for law in laws:
                writer.writerow([law.kind, law.name, law.ref, law.year or "", law.date or "", law.scope])
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=1)
def known_laws() -> tuple[Law, ...]:
    """The shipped table, read once."""
    return tuple(read_laws())


def known_name(kind: str, name: str, laws: Iterable[Law] | None = None) -> str | None:
    """The table's spelling of a long law name read with a slip ("… vật liệu nỗ …" → "… vật liệu nổ
    …"), or None when no known name is that close (or the name is short, where a letter is meaning)."""
    key = name_key(name)
    if len(key) < SETTINGS.fuzzy_min_chars:
        return None
    best, score = None, SETTINGS.fuzzy_ratio
    for law in known_laws() if laws is None else laws:
        if law.kind != kind:
            continue
        ratio = SequenceMatcher(None, key, name_key(law.name)).ratio()
        if ratio >= score and (best is None or ratio > score):
            best, score = law.name, ratio
    return best


def laws_named(name: str, year: int | None, laws: Iterable[Law]) -> list[Law]:
    """The laws of that name (and year, when given) in `laws`."""
    key = name_key(name)
    return [law for law in laws if name_key(law.name) == key and (year is None or law.year == year)]
