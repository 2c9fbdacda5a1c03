"""KPI rows from indicator tables (Phụ lục chỉ tiêu).

``kpis_from_tables(doc) -> list[KpiRow]``: a KPI table has a header with an indicator column
("Nội dung chỉ tiêu", "Chỉ tiêu"), a unit column ("Đơn vị tính", "ĐVT", "Đơn vị"), a target column
("Chỉ tiêu năm 2025", "Mục tiêu", "Kế hoạch") and an owner column ("Đơn vị thực hiện", "Chủ trì").
Every body row with an indicator becomes a KpiRow; section rows (I, II, A… with nothing else) set
``section``. ``target_raw`` is the target as printed; ``parse_target`` reads the comparison:
"Tối thiểu 60" → (">=", 60.0), "Tối đa 5" / "Không quá 5" → ("<=", 5.0), "Dưới 3" → ("<", 3.0),
"Trên 90" → (">", 90.0), "100" / "100%" / "Đạt 100%" → ("=", 100.0), "≥ 90%" → (">=", 90.0); a
qualifier after the number turns it into a bound: "(từ) 90% trở lên" → (">=", 90.0), "5 ngày trở
xuống" → ("<=", 5.0); a range "Từ 80% đến 95%" / "80 - 95%" gives its lower bound (">=", 80.0).
"""

from __future__ import annotations

import re

from extractors.model import Document
from pipeline.stages.labels import BULLET, ROMAN, UPPER, SectionStack, parse_label
from pipeline.records import KpiRow
from pipeline.text import squash
from pipeline.stages.tasks.header import (
    INDICATOR,
    OWNER,
    STT,
    TARGET,
    UNIT,
    cell_text,
    grid_cells,
    is_numbering_row,
    is_repeated_header,
    iter_tables,
)

_OPS = [
    (re.compile(r"^(tối thiểu|ít nhất|không dưới|không thấp hơn|không ít hơn|từ|≥|>=|=>)"), ">="),
    (re.compile(r"^(tối đa|không quá|không vượt quá|không cao hơn|không lớn hơn|không nhiều hơn|≤|<=|=<)"), "<="),
    (re.compile(r"^(dưới|nhỏ hơn|thấp hơn|ít hơn|<)"), "<"),
    (re.compile(r"^(trên|lớn hơn|cao hơn|hơn|vượt|>)"), ">"),
    (re.compile(r"^(đạt|bằng|=)"), "="),
]
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_TAILS = [  # after the number: "90% trở lên", "5 ngày trở xuống", "80 - 95%" (a range: its lower bound)
    (re.compile(r"\btrở\s+lên\b"), ">="),
    (re.compile(r"\btrở\s+xuống\b"), "<="),
    (re.compile(r"^\s*%?\s*(?:-|–|đến)\s*\d"), ">="),
]


def _number(text: str) -> float | None:
    """A Vietnamese-printed number: "1.000" is a thousand, "2,5" two and a half, "0.5" a half."""
    if "," in text:
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        return float(text.replace(".", ""))
    try:
        return float(text)
    except ValueError:
        return None


def parse_target(raw: str | None) -> tuple[str | None, float | None]:
    """(op, value) of a printed target; (None, None) when it has no number."""
    if not raw:
        return None, None
    s = squash(raw)
    m = _NUMBER.search(s)
    if not m:
        return None, None
    value = _number(m.group(0))
    if value is None:
        return None, None
    head = s[: m.start()].strip()
    op = "="
    for pat, sym in _OPS:
        if pat.match(head):
            op = sym
            break
    if op in ("=", ">="):  # no bound before the number, or "từ": one after it decides
        tail = s[m.end() :]
        op = next((sym for pat, sym in _TAILS if pat.search(tail)), op)
    return op, value


def _one_line(text: str) -> str:
    return " ".join(text.split())


def kpis_from_tables(doc: Document) -> list[KpiRow]:
    """KPI rows of every KPI table of the document, in reading order (kpi_seq left 0)."""
    out: list[KpiRow] = []
    for table, head, _ in iter_tables(doc):
        if head.kind != "kpis":
            continue
        stack = SectionStack()
        col = {role: head.roles.index(role) for role in (STT, INDICATOR, UNIT, TARGET, OWNER) if role in head.roles}
        for row in table.rows[head.end :]:
            if is_numbering_row(row) or is_repeated_header(row, head):
                continue
            gcs = grid_cells(row, len(head.roles))
            texts = {}
            for role, i in col.items():
                gc = gcs[i]
                texts[role] = cell_text(gc.cell) if gc is not None and gc.first else ""
            indicator = texts.get(INDICATOR, "")
            stt_text = _one_line(texts.get(STT, ""))
            others = any(texts.get(r) for r in (UNIT, TARGET, OWNER))
            lab = parse_label(stt_text) if stt_text else None
            if not others:
                if lab is not None and lab.kind in (ROMAN, UPPER) and not lab.rest:
                    stack.push(lab, indicator)
                    continue
                wide = max(row.cells, key=lambda c: c.col_span)
                if wide.col_span >= 2 and not stt_text:
                    t = cell_text(wide)
                    lab2 = parse_label(t)
                    if lab2 is not None and lab2.kind in (ROMAN, UPPER) and lab2.rest:
                        stack.push(lab2, lab2.rest)
                        continue
            if not indicator:
                continue
            stt = lab.stt if lab is not None and not lab.rest and lab.kind != BULLET else (stt_text or None)
            target = texts.get(TARGET, "") or None
            op, value = parse_target(target)
            out.append(
                KpiRow(
                    indicator=indicator,
                    section=stack.path,
                    stt=stt,
                    measure_unit=texts.get(UNIT) or None,
                    target_raw=target,
                    target_op=op,
                    target_value=value,
                    owner=texts.get(OWNER) or None,
                    page_start=row.page,
                )
            )
    return out
