"""Show a task comparison (rows of the task_diffs table, see pipeline/diff/classify.py) to a person.

This module holds what every view counts and how it names it — the section a row is counted
under, counts per section and status, the status colours — and the terminal view:

- `print_summary(rows)`: rich tables in the terminal — counts per status, per section, then the
  rows that changed.

The other views: `pipeline.diff.html.render_html(rows)` (the self-contained HTML report) and
`pipeline.diff.chart.chart(rows)` (tasks per section and status per plan year).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any, Sequence

from pipeline.diff.classify import STATUSES, as_rows

STATUS_COLORS = {  # one colour per status in the terminal, the page and the chart
    "unchanged": "#9e9e9e",
    "modified": "#f0a020",
    "split": "#8e6cc8",
    "merged": "#4a90c8",
    "added": "#3aa655",
    "removed": "#d0453b",
}
STATUS_LABELS = {  # the Vietnamese name of each status, in every view an officer reads
    "unchanged": "giữ nguyên",
    "modified": "sửa đổi",
    "split": "tách ra",
    "merged": "gộp vào",
    "added": "mới",
    "removed": "bỏ",
}
FIELD_LABELS = {"content": "Nhiệm vụ", "result": "Kết quả", "units": "Đơn vị", "timing": "Thời gian"}


# --- what the views count -----------------------------------------------------------------------


def plan_years(rows: Sequence[dict]) -> tuple[int | None, int | None]:
    """The plan years of the old and the new document."""
    old = next((r.get("old_plan_year") for r in rows if r.get("old_plan_year")), None)
    new = next((r.get("new_plan_year") for r in rows if r.get("new_plan_year")), None)
    return old, new


def section_of(row: dict) -> str:
    """The section a row is counted under: the new document's, or the old one's for removed rows
    (marked with the old plan year, as the two plans number their sections differently)."""
    if row.get("new_task_seq") is not None:
        return row.get("new_section") or "—"
    year = row.get("old_plan_year")
    return f"{row.get('old_section') or '—'} ({year})" if year else f"{row.get('old_section') or '—'} (cũ)"


def section_titles(rows: Sequence[dict]) -> dict[str, str]:
    """The title of each section label (`section_of`), from the side the row is counted on."""
    titles = {}
    for r in rows:
        side = "new" if r.get("new_task_seq") is not None else "old"
        if r.get(f"{side}_section_title"):
            titles.setdefault(section_of(r), r[f"{side}_section_title"])
    return titles


def counts_by_section(rows: Sequence[dict]) -> dict[str, Counter]:
    """Rows per section label and status, sections in reading order (new plan first, then the old
    plan's sections of removed tasks)."""
    out: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, tuple] = {}
    for r in rows:
        sec = section_of(r)
        out[sec][r["status"]] += 1
        pos = (0, r["new_task_seq"]) if r.get("new_task_seq") is not None else (1, r.get("old_task_seq") or 0)
        first[sec] = min(first.get(sec, pos), pos)
    return {sec: out[sec] for sec in sorted(out, key=first.__getitem__)}


def shorten(text: str | None, width: int = 90) -> str:
    """One line of at most `width` characters."""
    text = re.sub(r"\s+", " ", text or "").strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def fields_label(row: dict, vietnamese: bool = False) -> str:
    """ "content, units (renamed)" (or "Nhiệm vụ, Đơn vị (đổi tên)"): the changed fields, a
    renaming of units said so."""
    fields = list(row.get("changed_fields") or [])
    names = [FIELD_LABELS.get(f, f) if vietnamese else f for f in fields]
    if "units" in fields and row.get("units_change") == "renamed":
        names[fields.index("units")] += " (đổi tên)" if vietnamese else " (renamed)"
    return ", ".join(names)


# --- terminal -----------------------------------------------------------------------------------


def print_summary(diff_rows: Any, console=None, max_rows: int | None = None) -> None:
    """Counts per status and per section, then every row that is not unchanged."""
    from rich.console import Console
    from rich.table import Table

    rows = as_rows(diff_rows)
    console = console or Console()
    if not rows:
        console.print("[dim]no tasks on either side[/dim]")
        return
    old_doc, new_doc = rows[0].get("old_doc_id"), rows[0].get("new_doc_id")
    old_year, new_year = plan_years(rows)
    console.print(f"[bold]{old_doc}[/bold] ({old_year or '?'}) → [bold]{new_doc}[/bold] ({new_year or '?'})")

    counts = Counter(r["status"] for r in rows)
    t = Table(title="Tasks per status")
    t.add_column("status")
    t.add_column("rows", justify="right")
    for s in STATUSES:
        if counts.get(s):
            t.add_row(f"[{STATUS_COLORS[s]}]{s}[/]", str(counts[s]))
    t.add_row("[bold]total[/bold]", f"[bold]{len(rows)}[/bold]")
    console.print(t)

    present = [s for s in STATUSES if counts.get(s)]
    titles = section_titles(rows)
    t = Table(title="Tasks per section (new plan's sections; removed tasks under the old plan's)")
    t.add_column("section")
    t.add_column("title", max_width=40, overflow="ellipsis", no_wrap=True)
    for s in present:
        t.add_column(s, justify="right")
    for sec, c in counts_by_section(rows).items():
        t.add_row(sec, titles.get(sec, ""), *[str(c.get(s, 0) or "") for s in present])
    console.print(t)

    changed = [r for r in rows if r["status"] != "unchanged"]
    t = Table(title="Rows that changed", show_lines=False)
    for col, kw in (
        ("status", {}),
        ("old", {"justify": "right"}),
        ("new", {"justify": "right"}),
        ("sim", {"justify": "right"}),
        ("changed", {"no_wrap": False, "max_width": 24}),
    ):
        t.add_column(col, **{"no_wrap": True, **kw})
    t.add_column("task", no_wrap=True, overflow="ellipsis", max_width=max(20, console.width - 60))
    for r in changed[: max_rows or len(changed)]:
        sim = "" if r.get("similarity") is None else f"{r['similarity']:.2f}"
        text = (
            r.get("old_content") if r.get("new_task_seq") is None or r["status"] == "merged" else r.get("new_content")
        )
        t.add_row(
            f"[{STATUS_COLORS[r['status']]}]{r['status']}[/]",
            r.get("old_stt") or "",
            r.get("new_stt") or "",
            sim,
            fields_label(r),
            shorten(text, 200),
        )
    console.print(t)
    if max_rows and len(changed) > max_rows:
        console.print(f"[dim]… {len(changed) - max_rows} more (see the HTML report)[/dim]")
