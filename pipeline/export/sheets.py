"""What goes in each exported sheet: columns with Vietnamese headers, a width and a kind (text,
wrapped text, number, date), and the rows as plain values.

Built from rows of the Parquet tables (dicts), so the same sheet can be written as .xlsx or read
by a test without a workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from pipeline.diff.report import STATUS_LABELS, fields_label


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 14  # in characters, as Excel counts them
    kind: str = "text"  # text | wrap (long text, wrapped) | number | date


@dataclass
class Sheet:
    name: str  # at most 31 characters (Excel)
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    title: str | None = None  # not written as a row: the header must stay row 1 for the filter


def _units(row: dict, role: str) -> str:
    """The canonical units of a role, or the text as written when none was recognized."""
    names = row.get(f"{role}_units") or []
    return "; ".join(names) if len(names) else (row.get(f"{role}_raw") or "")


def task_seq(row: dict) -> int:
    """A task's position in its document (named seq in data contract v1, task_seq in v2)."""
    return row.get("task_seq") or row.get("seq") or 0


TASK_COLUMNS = [
    Column("Văn bản", 22),
    Column("Ngày ban hành", 13, "date"),
    Column("Năm kế hoạch", 10, "number"),
    Column("Mục", 7),
    Column("STT", 6),
    Column("Nội dung nhiệm vụ", 60, "wrap"),
    Column("Kết quả / sản phẩm", 40, "wrap"),
    Column("Đơn vị chủ trì", 30, "wrap"),
    Column("Đơn vị phối hợp", 30, "wrap"),
    Column("Đơn vị theo dõi", 22, "wrap"),
    Column("Thời gian thực hiện", 22, "wrap"),
    Column("Từ ngày", 12, "date"),
    Column("Đến ngày", 12, "date"),
    Column("Trang", 7, "number"),
]


def task_sheet(rows: Iterable[dict]) -> Sheet:
    """The task list of one or several documents: one row per task (a sub-item "a)" under its
    parent's text), documents in the order given, tasks in reading order."""
    sheet = Sheet("Nhiệm vụ", TASK_COLUMNS)
    for r in rows:
        content = r.get("content") or ""
        if r.get("sub") and r.get("parent_content"):
            content = f"{r['parent_content']}\n{r['sub']} {content}".strip()
        stt = ".".join(str(x) for x in (r.get("stt"), r.get("sub")) if x)
        sheet.rows.append(
            [
                r.get("doc_symbol") or r.get("doc_id"),
                r.get("issued_date"),
                r.get("plan_year") or None,
                r.get("section"),
                stt,
                content,
                r.get("result"),
                _units(r, "lead") or r.get("units_raw"),
                _units(r, "support"),
                _units(r, "monitor"),
                r.get("timing_raw"),
                r.get("timing_start"),
                r.get("timing_end"),
                r.get("page_start", r.get("page")),
            ]
        )
    return sheet


DIFF_COLUMNS = [
    Column("STT", 6, "number"),
    Column("Mục", 8),
    Column("STT năm trước", 9),
    Column("STT năm nay", 9),
    Column("Nội dung năm trước", 55, "wrap"),
    Column("Nội dung năm nay", 55, "wrap"),
    Column("Thay đổi", 14),
    Column("Nội dung thay đổi", 22, "wrap"),
    Column("Độ tương đồng", 11, "number"),
    Column("Kết quả năm trước", 35, "wrap"),
    Column("Kết quả năm nay", 35, "wrap"),
    Column("Đơn vị năm trước", 28, "wrap"),
    Column("Đơn vị năm nay", 28, "wrap"),
    Column("Thời gian năm trước", 20, "wrap"),
    Column("Thời gian năm nay", 20, "wrap"),
]


def diff_order(rows: Sequence[dict]) -> list[dict]:
    """The rows in the new plan's order, each removed task after the task that preceded it in the
    old plan: how an officer reads a comparison table."""

    def key(r: dict) -> tuple:
        if r.get("new_seq") is not None:
            return (r["new_seq"], 0, r.get("old_seq") or 0)
        # a removed task: right after the new position of its old predecessor, when known
        before = [
            x.get("new_seq")
            for x in rows
            if x.get("new_seq") is not None and x.get("old_seq") is not None and x["old_seq"] < (r.get("old_seq") or 0)
        ]
        return (max(before) if before else 0, 1, r.get("old_seq") or 0)

    return sorted(rows, key=key)


def diff_sheet(rows: Sequence[dict]) -> Sheet:
    """A task comparison (rows of task_diffs), one row per pair, added or removed task."""
    old_year = next((r.get("old_plan_year") for r in rows if r.get("old_plan_year")), None)
    new_year = next((r.get("new_plan_year") for r in rows if r.get("new_plan_year")), None)
    sheet = Sheet(
        "So sánh", DIFF_COLUMNS, title=f"So sánh nhiệm vụ {old_year or 'năm trước'} → {new_year or 'năm nay'}"
    )
    for i, r in enumerate(diff_order(rows), start=1):
        sheet.rows.append(
            [
                i,
                r.get("new_section") or r.get("old_section"),
                r.get("old_stt"),
                r.get("new_stt"),
                r.get("old_content"),
                r.get("new_content"),
                STATUS_LABELS.get(r.get("status"), r.get("status")),
                fields_label(r, vietnamese=True),
                r.get("similarity"),
                r.get("old_result"),
                r.get("new_result"),
                r.get("old_units"),
                r.get("new_units"),
                r.get("old_timing"),
                r.get("new_timing"),
            ]
        )
    return sheet


INDEX_COLUMNS = [
    Column("Loại văn bản", 14),
    Column("Số, ký hiệu", 20),
    Column("Tên / trích yếu", 50, "wrap"),
    Column("Ngày ban hành", 13, "date"),
    Column("Cơ quan ban hành", 24, "wrap"),
    Column("Số văn bản dẫn", 10, "number"),
    Column("Số lần dẫn", 10, "number"),
    Column("Văn bản dẫn", 45, "wrap"),
]
MENTION_COLUMNS = [
    Column("Số, ký hiệu / tên", 24, "wrap"),
    Column("Văn bản dẫn", 26),
    Column("Trang", 7, "number"),
    Column("Nhiệm vụ (STT)", 10),
    Column("Ngữ cảnh", 80, "wrap"),
]


def citation_sheets(rows: Sequence[dict]) -> list[Sheet]:
    """The citation index: one row per cited document (how many documents cite it, which), and
    every mention with its context."""
    index: dict[tuple, dict] = {}
    for r in rows:
        key = (r.get("ref") or "", r.get("name") or "" if not r.get("ref") else "")
        entry = index.setdefault(key, {"row": r, "docs": [], "mentions": 0})
        entry["mentions"] += 1
        if r.get("doc_id") not in entry["docs"]:
            entry["docs"].append(r.get("doc_id"))
        if not entry["row"].get("issued_date") and r.get("issued_date"):
            entry["row"] = r
    summary = Sheet("Chỉ mục trích dẫn", INDEX_COLUMNS)
    for (ref, _name), e in sorted(index.items(), key=lambda kv: (-len(kv[1]["docs"]), kv[0])):
        r = e["row"]
        summary.rows.append(
            [
                r.get("kind"),
                ref or None,
                r.get("name"),
                r.get("issued_date"),
                r.get("issuer"),
                len(e["docs"]),
                e["mentions"],
                "\n".join(str(d) for d in e["docs"]),
            ]
        )
    mentions = Sheet("Chi tiết", MENTION_COLUMNS)
    for r in rows:
        mentions.rows.append(
            [
                r.get("ref") or r.get("name"),
                r.get("doc_id"),
                r.get("page_start", r.get("page")),
                r.get("task_stt") or (None if r.get("task_seq") is None else f"#{r['task_seq']}"),
                r.get("context") or r.get("raw"),
            ]
        )
    return [summary, mentions]
