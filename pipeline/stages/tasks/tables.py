"""Task rows from task tables (the "phân công nhiệm vụ" appendix tables of a Kế hoạch).

``tasks_from_tables(doc) -> list[TaskRow]`` works on the logical tables of the document model, the same
way for DOCX and PDF: the backends deliver one Cell per grid column (horizontal merges once, with
col_span), vertical merges copied into every row they span (Cell.merged=True on the rows after the
first, row_span on the first), PDF tables stitched across pages.

How a table is read:
1. Header and table kind: pipeline/stages/tasks/header.py (columns mapped by the meaning of their header
   text; header blocks, signature blocks and KPI tables yield no tasks; a headerless table right
   after a task table with the same columns continues it, sections included).
2. Rows: a numbering row "(1) (2) (3)…" and repeated header rows are skipped. A section row (a label
   I/II/A/B… in the STT column with the other task columns empty, or one cell spanning the row, or a
   number whose next rows are its children 1.1/a)) sets the section path ("B.III") and title; an
   unlabelled title row spanning the table only titles the rows below it. Other
   rows with an STT or content are tasks; a row with only result/unit/timing text continues the task
   above it.
3. Fields hold cell text as printed (lines joined with "\\n", bullets kept). ``units_raw`` is the one
   responsibility column, or lead/support/monitor joined with "\\n". A cell spanning several columns
   counts for the first of them. ``merged_fields`` names the fields (content, result, units, lead,
   support, monitor, timing, stt) whose cell is a copy of a vertically merged cell from a row above;
   when the STT/content cell itself is merged down (one task spread over several physical rows, each
   with its own result/owner/timing) every row of the group, the first included, lists stt/content.
4. Merges a table cannot show (``Table.hidden_merges``: a PDF table without rules between its
   rows): a task row whose owner cell (units, else lead) is empty, or copies the cell above,
   shares the owner cell of the task row above it in the same section, as an author merging
   the owner cell over a group of tasks writes it; its other empty owner and timing cells are
   part of that merge too. An empty timing cell under a filled owner stays empty (a task with
   no deadline is common, a task with no owner is not).
5. Sub-items: a result cell whose lines are items a), b)… while the responsibility and timing cells
   split into as many parts (by item labels, one line each, or bullet groups) yields one row per item
   (``sub`` = "a)", ``parent_content`` = the task text, content = the task text, result/units/timing =
   that item's part). When the parts do not line up the row stays whole: nothing is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.model import Document, Row, Table
from pipeline.stages.labels import BULLET, LOWER, NUMBER, ROMAN, UPPER, Label, SectionStack, parse_label, split_items
from pipeline.records import Source, TaskRow
from pipeline.stages.tasks.subitems import sliced, split_parts, strip_item_label
from pipeline.stages.tasks.header import (
    CONTENT,
    FIELD_ROLES,
    LEAD,
    MONITOR,
    NOTE,
    RESULT,
    STT,
    SUPPORT,
    TIMING,
    UNITS,
    Header,
    cell_line_spans,
    cell_text,
    grid_cells,
    is_numbering_row,
    is_repeated_header,
    iter_tables,
)


@dataclass
class _RowView:
    row: Row
    texts: dict[str, str]  # role -> text ("" where empty or covered by a span from another role)
    merged: dict[str, bool]
    full_span: bool  # one cell covers every column after the STT column (a title row)
    span_text: str  # the text of that spanning cell
    lines: dict[str, list[str]] = field(default_factory=dict)
    # provenance (a citation read there belongs to the row's task): the cells read for each role,
    # and where each of `lines` was read
    cells: dict[str, list[Source]] = field(default_factory=dict)
    line_sources: dict[str, list[Source]] = field(default_factory=dict)


def _view(row: Row, head: Header, block: int, index: int) -> _RowView:
    """Row `index` of the table that is block `block` of the document, read by column role."""
    n = len(head.roles)
    gcs = grid_cells(row, n)
    texts: dict[str, str] = {}
    lines: dict[str, list[str]] = {}
    cells: dict[str, list[Source]] = {}
    line_sources: dict[str, list[Source]] = {}
    merged: dict[str, bool] = {}
    for i, role in enumerate(head.roles):
        if role is None or role == NOTE:
            continue
        gc = gcs[i]
        if gc is None:
            continue
        # a cell spanning several columns counts for the first role column it covers
        owner_col = next((j for j in range(gc.start, i + 1) if head.roles[j] not in (None, NOTE)), i)
        if owner_col != i:
            continue
        spans = cell_line_spans(gc.cell)
        printed = [text for text, _, _ in spans]
        t = "\n".join(printed)
        where = [Source(block, index, gc.index, (first, end)) for _, first, end in spans]
        cells.setdefault(role, []).append(Source(block, index, gc.index))
        if role in texts and texts[role]:
            if t and t not in texts[role]:
                texts[role] += "\n" + t
                lines[role] += printed
                line_sources[role] += where
        else:
            texts[role] = t
            lines[role] = printed
            line_sources[role] = where
        merged[role] = merged.get(role, False) or gc.cell.merged
        if role in (STT, CONTENT) and gc.cell.row_span > 1:
            # one task split over several physical rows (STT/content merged down, each row its own
            # result/owner/timing): every row of the group, the first included, shares the task text
            merged[role] = True
    nonempty = [c for c in row.cells if not c.is_empty]
    stt_cols = head.cols(STT)
    full_span = False
    span_text = ""
    if nonempty:
        widest = max(row.cells, key=lambda c: c.col_span)
        covered = widest.col_span
        if covered >= n - (1 if stt_cols else 0) and covered >= 2 and not widest.is_empty:
            full_span = True
            span_text = cell_text(widest)
    return _RowView(row, texts, merged, full_span, span_text, lines, cells, line_sources)


def _other_text(v: _RowView) -> bool:
    return any(v.texts.get(r) for r in FIELD_ROLES)


_SECTION_KINDS = (ROMAN, UPPER)


def _section_label(v: _RowView, prev_section: Label | None, next_stt: Label | None) -> tuple[Label | None, str] | None:
    """(label, title) when the row is a section row, else None."""
    stt_text = v.texts.get(STT, "")
    content = v.texts.get(CONTENT, "")
    stt_lab = parse_label(stt_text, prev=prev_section) if stt_text else None
    if stt_lab is not None and stt_lab.rest and stt_lab.kind not in _SECTION_KINDS:
        stt_lab = None  # an STT cell holding "1. text" is no label of ours
    others = _other_text(v)
    if v.full_span:
        title = v.span_text
        if stt_lab is not None and stt_lab.kind != BULLET:
            if stt_lab.rest:  # "II. Title" in one cell spanning the whole row
                return stt_lab, stt_lab.rest
            return stt_lab, title if title != stt_text else ""
        lab = parse_label(title, prev=prev_section)
        if lab is not None and lab.kind != BULLET and lab.rest:
            return lab, lab.rest
        if not stt_text or stt_text == title:
            return None, title  # an unlabelled group title spanning the row
    if others:
        return None
    if stt_lab is not None and stt_lab.kind in _SECTION_KINDS and not v.merged.get(STT):
        return stt_lab, content or stt_lab.rest
    if not stt_text and content:
        lab = parse_label(content.split("\n")[0], prev=prev_section)
        if lab is not None and lab.kind in _SECTION_KINDS and lab.closer and lab.rest:
            return lab, content[len(lab.raw) :].strip()
    if stt_lab is not None and stt_lab.kind == NUMBER and content and next_stt is not None:
        child = next_stt.kind == NUMBER and next_stt.parts[:-1] == stt_lab.parts and len(next_stt.parts) > 1
        child = child or (next_stt.kind == LOWER and next_stt.ordinal == 1)
        if child:
            return stt_lab, content
    return None


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def responsibility_text(units: str = "", lead: str = "", support: str = "", monitor: str = "") -> str:
    """A task's whole responsibility text (``units_raw``), as both task extractors give it: the
    responsible-units text, then lead, support and monitor, one per line where printed."""
    return _join(units, lead, support, monitor)


def _owner_fields(texts: dict[str, str]) -> dict[str, str]:
    """The responsibility and timing fields of a TaskRow from a row's (or sub-item's) texts by role."""
    lead, support, monitor = texts.get(LEAD, ""), texts.get(SUPPORT, ""), texts.get(MONITOR, "")
    return dict(
        units_raw=responsibility_text(texts.get(UNITS, ""), lead, support, monitor),
        lead_raw=lead,
        support_raw=support,
        monitor_raw=monitor,
        timing_raw=texts.get(TIMING, ""),
    )


_TEXT_ROLES = (CONTENT, RESULT, UNITS, LEAD, SUPPORT, MONITOR, TIMING)  # the roles a task's text is read from


def _make_task(v: _RowView, stack: SectionStack, stt: str | None, content: str, title: str | None) -> TaskRow:
    t = v.texts
    merged = [r for r in (STT, CONTENT, RESULT, UNITS, LEAD, SUPPORT, MONITOR, TIMING) if v.merged.get(r)]
    return TaskRow(
        content=content,
        section=stack.path,
        section_title=title or stack.title,
        stt=stt,
        result=t.get(RESULT, ""),
        **_owner_fields(t),
        merged_fields=merged,
        page_start=v.row.page,
        page_end=v.row.page_end or v.row.page,
        origin="table",
        sources=[s for role in _TEXT_ROLES for s in v.cells.get(role, [])],
    )


def _stt_label(v: _RowView) -> Label | None:
    s = v.texts.get(STT, "")
    return parse_label(s) if s else None


def _append(task: TaskRow, v: _RowView, head: Header) -> None:
    """A row with no STT and no content: its texts continue the task above."""
    for role, attr in (
        (RESULT, "result"),
        (LEAD, "lead_raw"),
        (SUPPORT, "support_raw"),
        (MONITOR, "monitor_raw"),
        (TIMING, "timing_raw"),
    ):
        add = v.texts.get(role, "")
        if add and not v.merged.get(role):
            setattr(task, attr, _join(getattr(task, attr), add))
            task.sources += v.cells.get(role, [])
    add_units = v.texts.get(UNITS, "")
    if add_units and not v.merged.get(UNITS):
        task.units_raw = _join(task.units_raw, add_units)
        task.sources += v.cells.get(UNITS, [])
    elif UNITS not in head.roles:
        task.units_raw = responsibility_text(lead=task.lead_raw, support=task.support_raw, monitor=task.monitor_raw)
    if v.row.page_end or v.row.page:
        task.page_end = v.row.page_end or v.row.page


def tasks_from_table(table: Table, head: Header, stack: SectionStack | None = None, block: int = 0) -> list[TaskRow]:
    """Task rows of one task table (``stack`` carries sections over from a table it continues;
    ``block``: the table's index in `Document.blocks`, for the rows' sources)."""
    stack = stack if stack is not None else SectionStack()
    out: list[TaskRow] = []
    views = []
    for index, row in enumerate(table.rows[head.end :], start=head.end):
        if is_numbering_row(row) or is_repeated_header(row, head):
            continue
        v = _view(row, head, block, index)
        if not any(v.texts.values()) and not v.span_text:
            continue
        views.append(v)
    prev_section: Label | None = stack.labels[-1] if len(stack) else None
    last_task: TaskRow | None = None
    above: _RowView | None = None  # the task row above, in the same section (hidden merges)
    group_title: str | None = None  # an unlabelled title row: titles the rows below it
    for k, v in enumerate(views):
        nxt = _stt_label(views[k + 1]) if k + 1 < len(views) else None
        sec = _section_label(v, prev_section, nxt)
        if sec is not None:
            lab, title = sec
            if lab is not None:
                stack.push(lab, title)
                prev_section = lab
            group_title = None if lab is not None else title
            last_task = above = None
            continue
        stt_text = v.texts.get(STT, "")
        content = v.texts.get(CONTENT, "")
        if not stt_text and not content:
            if last_task is not None:
                _append(last_task, v, head)
            elif _other_text(v):
                last_task = _make_task(v, stack, None, "", group_title)
                out.append(last_task)
            continue
        stt: str | None = None
        if stt_text:
            lab = parse_label(stt_text)
            stt = lab.stt if lab is not None and not lab.rest else " ".join(stt_text.split())
        elif content:
            # auto-numbered rows: the label sits in the content cell's first paragraph
            lab = parse_label(content.split("\n")[0])
            if lab is not None and lab.kind in (NUMBER, LOWER) and lab.closer and lab.rest:
                stt = lab.stt
                content = content[len(lab.raw) :].lstrip()
        if table.hidden_merges:
            _share_owner(v, above, head)
            above = v
        task = _make_task(v, stack, stt, content, group_title)
        subs = _split_subitems(task, v)
        out.extend(subs or [task])
        last_task = task if not subs else None
    return out


_SHARED = (UNITS, LEAD, SUPPORT, MONITOR, TIMING)


def _share_owner(v: _RowView, above: _RowView | None, head: Header) -> None:
    """A task row of a table with hidden merges takes the owner (and timing) cells of the task
    row above when its owner cell continues that one (see the module notes)."""
    owner = UNITS if UNITS in head.roles else LEAD
    if above is None or not above.texts.get(owner) or (v.texts.get(owner) and not v.merged.get(owner)):
        return
    for role in _SHARED:
        if role in head.roles and (not v.texts.get(role) or v.merged.get(role)):
            v.texts[role] = above.texts.get(role, "")
            v.lines[role] = list(above.lines.get(role, []))
            v.cells[role] = list(above.cells.get(role, []))
            v.line_sources[role] = list(above.line_sources.get(role, []))
            v.merged[role] = bool(v.texts[role])


# ---------------------------------------------------------------------------------------------
# sub-items a) b) with their own owner and timing


def _split_subitems(task: TaskRow, v: _RowView) -> list[TaskRow]:
    res_lines = v.lines.get(RESULT, [])
    items = split_items(res_lines, kinds=(LOWER,)) if res_lines else []
    if len(items) < 2 or any(lab is None for lab, _ in items):
        return []
    labs = [lab for lab, _ in items]
    if labs[0].ordinal != 1 or any(
        b.ordinal is None or a.ordinal is None or b.ordinal <= a.ordinal for a, b in zip(labs, labs[1:])
    ):
        return []
    k = len(items)
    owner_roles = [r for r in (UNITS, LEAD, SUPPORT, MONITOR) if v.lines.get(r)]
    split_roles = owner_roles + ([TIMING] if v.lines.get(TIMING) else [])
    if not split_roles:
        return []
    parts: dict[str, list[list[str]]] = {}
    for r in split_roles:
        seg = split_parts(v.lines[r], k)
        if seg is None:
            return []
        parts[r] = seg
    # each sub-item is read from the task's content cell and its own part of every split cell
    where = {r: sliced(v.line_sources[r], parts[r]) for r in parts}
    where[RESULT] = sliced(v.line_sources[RESULT], [lines for _, lines in items])
    out = []
    for i, (lab, lines) in enumerate(items):
        texts = {r: "\n".join(parts[r][i]) for r in parts}
        sub = TaskRow(
            content=task.content,
            section=task.section,
            section_title=task.section_title,
            stt=task.stt,
            sub=lab.stt,
            parent_content=task.content,
            result=strip_item_label(lines),
            **_owner_fields(texts),
            merged_fields=list(task.merged_fields),
            page_start=task.page_start,
            page_end=task.page_end,
            origin="table",
            sources=v.cells.get(CONTENT, []) + [s for r in where for s in where[r][i]],
        )
        out.append(sub)
    return out


def tasks_from_tables(doc: Document) -> list[TaskRow]:
    """Task rows of every task table of the document, in reading order (task_seq left 0)."""
    out: list[TaskRow] = []
    stack: SectionStack | None = None
    block_of = {id(block): k for k, block in enumerate(doc.blocks)}
    for table, head, continued in iter_tables(doc):
        if head.kind != "tasks":
            continue
        if not continued or stack is None:
            stack = SectionStack()
        out.extend(tasks_from_table(table, head, stack, block_of[id(table)]))
    return out
