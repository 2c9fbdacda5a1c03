"""The chart of a task comparison: tasks per section and status, one panel per plan year
(matplotlib; SVG text for the HTML report, or a PNG/SVG file).

    chart(rows)                    # SVG text, to inline in a page
    chart(rows, "chart.png")       # a file, format from the extension
    make_figure(rows)              # the matplotlib Figure (notebooks)
"""

from __future__ import annotations

import io
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Sequence

from pipeline.diff.classify import STATUSES, as_rows
from pipeline.diff.report import STATUS_COLORS, STATUS_LABELS, plan_years

# sizes in points; the SVG is shown at its natural size (10 in = 960 px wide), where 9 pt is 12 px:
# every label stays readable on a 1366×768 laptop screen
LABEL_PT = 9.5
TITLE_PT = 12
ROW_IN = 0.36  # height of one section's bar row


def _per_year_counts(rows: Sequence[dict], side: str) -> dict[str, Counter]:
    """Tasks of one document per section and status, each task once (its primary row)."""
    seen: dict[int, str] = {}
    sections: dict[int, str] = {}
    for r in rows:
        seq = r.get(f"{side}_task_seq")
        if seq is None:
            continue
        primary = r["status"] in ("unchanged", "modified", "added", "removed")
        if seq not in seen or primary:
            seen[seq] = r["status"]
            sections[seq] = r.get(f"{side}_section") or "—"
    out: dict[str, Counter] = defaultdict(Counter)
    for seq in sorted(seen):  # sections in reading order
        out[sections[seq]][seen[seq]] += 1
    return dict(out)


def make_figure(diff_rows: Any):
    """A matplotlib Figure: one horizontal stacked-bar panel per plan year, sections down the side."""
    from matplotlib.figure import Figure  # no pyplot: works with any backend, in notebooks too

    rows = as_rows(diff_rows)
    old_year, new_year = plan_years(rows)
    panels = [("old", old_year or "cũ"), ("new", new_year or "mới")]
    data = [_per_year_counts(rows, side) for side, _ in panels]
    height = max(3.2, ROW_IN * max((len(d) for d in data), default=1) + 1.6)
    fig = Figure(figsize=(10, height), layout="constrained")
    axes = fig.subplots(1, 2)
    for ax, (side, year), counts in zip(axes, panels, data):
        sections = list(counts)[::-1]  # first section on top
        left = [0] * len(sections)
        for status in STATUSES:
            values = [counts[s].get(status, 0) for s in sections]
            if not any(values):
                continue
            ax.barh(sections, values, left=left, color=STATUS_COLORS[status], label=STATUS_LABELS[status], height=0.7)
            left = [a + b for a, b in zip(left, values)]
        ax.set_title(f"{year}: {sum(sum(c.values()) for c in counts.values())} nhiệm vụ", fontsize=TITLE_PT - 1)
        ax.set_xlabel("số nhiệm vụ", fontsize=LABEL_PT)
        ax.tick_params(axis="both", labelsize=LABEL_PT)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
    # one legend for both panels, below them: inside an axes it would cover the longest bars
    legend: dict[str, Any] = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            legend.setdefault(label, handle)
    order = [STATUS_LABELS[s] for s in STATUSES if STATUS_LABELS[s] in legend]
    if order:
        fig.legend(
            [legend[label] for label in order],
            order,
            loc="outside lower center",
            ncols=len(order),
            fontsize=LABEL_PT,
            frameon=False,
        )
    fig.suptitle("Nhiệm vụ theo mục và trạng thái", fontsize=TITLE_PT)
    return fig


def chart(diff_rows: Any, path: str | Path | None = None, fmt: str = "svg") -> str | bytes:
    """Render the chart: SVG text (default), PNG bytes (fmt="png"), or a file when `path` is given
    (format from its extension). Returns what was rendered."""
    from matplotlib import rc_context

    fig = make_figure(diff_rows)
    if path is not None:
        fmt = Path(path).suffix.lstrip(".").lower() or fmt
    buf = io.BytesIO()
    # SVG text as <text>, not glyph outlines: searchable, selectable, a third of the size
    with rc_context({"svg.fonttype": "none"}):
        fig.savefig(
            buf, format=fmt, dpi=120 if fmt == "png" else None, metadata={"Date": None} if fmt == "svg" else None
        )
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    if fmt == "svg":
        text = data.decode("utf-8")
        return text[text.index("<svg") :]  # drop the XML prolog and doctype: it goes inline
    return data
