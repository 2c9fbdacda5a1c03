"""How a task cell's lines divide among the sub-items a), b) … of its result cell (step 5 of
pipeline/stages/tasks/tables.py): the parts of an owner or timing cell, the item text without its
label, and where each part was read."""

from __future__ import annotations

from pipeline.records import Source
from pipeline.stages.labels import BULLET, LOWER, parse_label, split_items


def split_parts(lines: list[str], k: int) -> list[list[str]] | None:
    """Split a cell's lines into k parts, or None when they do not split naturally into k."""
    if not lines:
        return None
    items = split_items(lines, kinds=(LOWER,))
    if len(items) == k and all(lab is not None for lab, _ in items):
        return [ls for _, ls in items]
    if len(lines) == k:
        return [[ln] for ln in lines]
    # bullet groups: a run of "-" lines is one part, an unbulleted line starts a new part unless it
    # continues a wrapped line (starts lowercase)
    parts: list[list[str]] = []
    in_bullets = False
    for ln in lines:
        lab = parse_label(ln)
        bullet = lab is not None and lab.kind == BULLET
        cont = ln[:1].islower() or ln[:1] in ",;)"
        if parts and (cont or (bullet and in_bullets)):
            parts[-1].append(ln)
        else:
            parts.append([ln])
            in_bullets = bullet
        if not cont:
            in_bullets = bullet
    if len(parts) == k:
        return parts
    return None


def strip_item_label(lines: list[str]) -> str:
    """A sub-item's text without its own label: ["a) Kế hoạch", "năm"] → "Kế hoạch\nnăm"."""
    if not lines:
        return ""
    lab = parse_label(lines[0])
    first = lab.rest if lab is not None and lab.kind == LOWER else lines[0]
    return "\n".join([first] + lines[1:]).strip()


def sliced(sources: list[Source], parts: list[list[str]]) -> list[list[Source]]:
    """The sources of each part of a cell's lines (parts are consecutive runs of the lines)."""
    out, start = [], 0
    for part in parts:
        out.append(sources[start : start + len(part)])
        start += len(part)
    return out
