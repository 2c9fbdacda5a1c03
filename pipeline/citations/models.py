"""Citation records: what `get_citations` returns (one object per mention in the text).

Like eyecite, a mention is a dataclass with its character span in the text it was found in:

- `FullCitation`: a document cited by its number/symbol (`Nghị định số 45/2020/NĐ-CP ngày 08/4/2020
  của Chính phủ`), with the parts of the number and whatever date and issuer stand next to it.
- `ShortCitation`: a back-reference by kind and bare number (`Nghị định 45`, `Thông tư 01/2020`);
  `ref` is None until `resolve_citations` finds the full citation it means.
- `LawCitation`: a law cited by name (`Luật Ban hành văn bản QPPL năm 2015`); `ref` is None, `name`
  and `year` say which law. A law cited by number (`Luật số 80/2015/QH13`) is a FullCitation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Citation:
    kind: str  # "Nghị định", "Quyết định", "Công văn", "Luật" ... (as printed, or inferred from the symbol)
    raw: str  # the text as printed, line breaks included
    char_start: int  # span in the text given to get_citations
    char_end: int
    ref: str | None = None  # canonical number/symbol: "45/2020/NĐ-CP", "04-NQ/TU", "2276/UBND-KSTTHC"
    number: str | None = None  # "45" (leading zeros kept as printed: "01")
    year: int | None = None  # from the number ("45/2020/…"), the date, or "năm 2015" of a law
    symbol: str | None = None  # "NĐ-CP", "UBND-KSTTHC", "NQ/TU", "QH15"
    type_code: str | None = None  # "NĐ", "QĐ", "TT", "NQ" … None when the symbol has no type (công văn)
    issuer_code: str | None = None  # "CP", "UBND", "UBND-KSTTHC", "TU", "QH15"
    issued_date: dt.date | None = None
    issuer: str | None = None  # "Chính phủ", "Chủ tịch UBND tỉnh" (the "của …" text)
    name: str | None = None  # laws cited by name: "Ban hành văn bản QPPL"
    repairs: list[str] = field(
        default_factory=list
    )  # what was fixed: "joined_line_break", "added_hyphen", "restored_Đ"
    relation: str = "dẫn chiếu"  # what the citing text does with it: "căn cứ", "thực hiện" … (relation.py)

    def span(self) -> tuple[int, int]:
        return self.char_start, self.char_end

    @property
    def resource_key(self) -> str | None:
        """What the citation points at: the canonical ref, or "Luật <name> năm <year>" for laws by name."""
        if self.ref:
            return self.ref
        if self.name or self.kind == "Hiến pháp":
            return " ".join(filter(None, [self.kind, self.name])) + (f" năm {self.year}" if self.year else "")
        return None

    def to_row(self) -> dict:
        """The citation's columns of the `citations` table (without doc_id/source_file/task_seq/page_start/context)."""
        return {
            "kind": self.kind,
            "ref": self.ref,
            "number": self.number,
            "year": self.year,
            "symbol": self.symbol,
            "type_code": self.type_code,
            "issuer_code": self.issuer_code,
            "issued_date": self.issued_date,
            "issuer": self.issuer,
            "name": self.name,
            "raw": self.raw,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "relation": self.relation,
        }


@dataclass
class FullCitation(Citation):
    """A document cited by its full number and symbol."""


@dataclass
class ShortCitation(Citation):
    """A back-reference by kind and bare number ("Nghị định 45"); `ref` set once resolved."""

    resolved: bool = False


@dataclass
class LawCitation(Citation):
    """A law (Luật, Bộ luật) cited by name, with its year when printed."""
