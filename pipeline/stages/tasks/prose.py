"""Tasks written as prose: labelled items followed by labelled fields.

    a) Xây dựng và tổ chức thực hiện kế hoạch rà soát …:
    - Đơn vị chủ trì thực hiện: Phòng Hành chính - Tổng hợp.
    - Đơn vị phối hợp: Các phòng, đơn vị thuộc Sở.
    - Sản phẩm: Kế hoạch …
    - Thời gian thực hiện: Quý I năm 2022 …

Plans without a task table (2022 CCHC plan) and công văn proposing tasks (items **1.** … **16.**)
are written this way. The paragraphs are read as *units*: a labelled paragraph ("a)", "6.1.",
"II.", or a Word auto-numbering label) or an unlabelled one, with the bullet and field lines that
follow it. A unit is a task when fields follow it; a unit without fields is a section heading when
what follows it is deeper (a new kind of label, or an unlabelled task), and a task when its
siblings are tasks (items "h)", "i)" that the authors left without fields). Only the task part of
the document counts: not "Mục đích, yêu cầu", not "Tổ chức thực hiện".

Inside a unit, "-" field lines belong to the item and "+" field lines to the sub-task above them:
an item with "- <sub-task text>" lines each followed by "+ Đơn vị chủ trì …" becomes one row per
sub-task (`sub` set, `parent_content` the item's text), the fields printed once for the item
(shared product and timing) filling what a sub-task lacks. A field with no value on its line takes
the "+" lines below it ("- Sản phẩm:" / "+ Kế hoạch …" / "+ Báo cáo …"), kept as printed.

One code path for every format: only `Paragraph.label_and_text` (and page numbers) is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from extractors.model import Document, Table, clean_text
from pipeline.stages.labels import BULLET, Label, SectionStack, article_count, extends, parse_label
from pipeline.stages.layout import Layout, closing_start, layout
from pipeline.records import Source, TaskRow
from pipeline.stages.tasks.fields import FIELD_COLUMNS, field_of, split_bullets, split_fields
from pipeline.stages.tasks.header import iter_tables
from pipeline.stages.tasks.owners import (
    Owner,
    duty_row,
    inline_owner,
    is_unit_name,
    timing_of,
    unit_heading,
    without_owner_note,
)
from pipeline.stages.tasks.tables import responsibility_text

_TRAILING_COLON = re.compile(r"\s*:$")  # "a) Xây dựng kế hoạch …:" opens its fields
_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*[-–])?$", re.I)
# "Trên đây là Báo cáo/Kế hoạch …": the formula that sums the document up closes its body; what
# follows (requests to carry it out, whom to ask) assigns no task of its own
_CLOSING_FORMULA = re.compile(r"^trên\s+đây\s+là\b", re.I)
# sections that are not the task part (at the start of a heading's title)
_ASSIGNMENT = re.compile(r"^(?:tổ\s+chức\s+thực\s+hiện|phân\s+công|trách\s+nhiệm\s+(?:của|thực\s+hiện))", re.I)
_NOT_TASKS = re.compile(
    r"^(mục\s+đích|yêu\s+cầu|mục\s+tiêu|quan\s+điểm|căn\s+cứ|tổ\s+chức\s+thực\s+hiện|kinh\s+phí|"
    r"chế\s+độ\s+(thông\s+tin\s*,?\s*)?báo\s+cáo|trách\s+nhiệm\s+thi\s+hành|điều\s+khoản|hiệu\s+lực)",
    re.I,
)


@dataclass
class _Line:
    text: str
    page: int | None
    block: int  # the paragraph's index in Document.blocks (the task's provenance)


@dataclass
class _Unit:
    label: Label | None
    text: str  # the paragraph's text after its label
    lines: list[_Line]  # the paragraph itself, then its bullet and field lines
    more: list[_Line] = field(default_factory=list)  # unlabelled paragraphs that continue the text

    @property
    def body(self) -> list[_Line]:
        return self.lines[1:]

    @property
    def full_text(self) -> str:
        return " ".join([self.text] + [m.text for m in self.more])

    @property
    def head(self) -> list[_Line]:
        """The paragraphs of the item's own text: its first line and those that continue it."""
        return self.lines[:1] + self.more

    @cached_property
    def has_fields(self) -> bool:
        return any(field_of(split_bullets(ln.text)[1]) for ln in self.body)

    @cached_property
    def owner(self) -> Owner | None:
        """The owner named in the item's own sentence ("Sở A chủ trì, phối hợp với …")."""
        return None if self.has_fields else inline_owner(self.full_text)

    @cached_property
    def heading_unit(self) -> tuple[str, str] | None:
        """(unit, duty text) of a per-unit heading "1. Sở Nội vụ: …" with duties on it or below it."""
        if self.has_fields:
            return None
        found = unit_heading(self.full_text)
        return found if found and (found[1] or self.body) else None

    @property
    def is_task(self) -> bool:
        return self.has_fields or self.owner is not None or self.heading_unit is not None

    @property
    def family(self) -> tuple | None:
        return self.label.family if self.label else None


@dataclass
class _Fields:
    content: str
    values: dict[str, list[str]] = field(default_factory=dict)
    where: list[_Line] = field(default_factory=list)  # the lines of the content
    field_lines: dict[str, list[_Line]] = field(default_factory=dict)  # the lines of each field

    def lines_of(self, kinds: tuple[str, ...] | None = None) -> list[_Line]:
        """The lines of the fields `kinds` (of all fields when None)."""
        return [ln for k, lines in self.field_lines.items() if kinds is None or k in kinds for ln in lines]

    def get(self, kind: str) -> str:
        return "\n".join(self.values.get(kind, []))

    def has_any(self) -> bool:
        return any(self.values.values())


def _body_lines(doc: Document, start: int) -> list[_Line]:
    """The body's paragraphs as lines (from block `start`, after the header and title, up to the
    closing formula or the signature part), page numbers dropped."""
    out: list[_Line] = []
    for index, block in enumerate(doc.blocks[start : closing_start(doc.blocks, start)], start=start):
        if isinstance(block, Table):
            continue
        text = clean_text(block.label_and_text).replace("\n", " ")
        if _CLOSING_FORMULA.match(text):
            break
        if text and not _PAGE_NUMBER.match(text):
            out.extend(_Line(part, block.page, index) for part in split_fields(text))
    return out


def _units(lines: list[_Line]) -> list[_Unit]:
    units: list[_Unit] = []
    prev_label: Label | None = None
    for ln in lines:
        bullets, core = split_bullets(ln.text)
        cur = units[-1] if units else None
        if bullets or field_of(core):
            if cur is None:
                cur = _Unit(None, "", [_Line("", ln.page, ln.block)])
                units.append(cur)
            cur.lines.append(ln)
            continue
        lab = parse_label(ln.text, prev=prev_label)
        if lab is not None and lab.kind != BULLET:
            units.append(_Unit(lab, lab.rest, [ln]))
            prev_label = lab
            continue
        if cur is not None and cur.body and _continues_value(cur, ln.text):
            cur.lines.append(ln)
            continue
        units.append(_Unit(None, ln.text, [ln]))
    # an unlabelled paragraph right after a labelled one with nothing under it continues that one's
    # text (a paragraph broken by a page break or a manual return) when nothing is under it either,
    # or when it starts in lower case; else it is a task of its own, under a heading (2022: "6.3.")
    out: list[_Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if (
            unit.label is None
            and prev is not None
            and prev.label is not None
            and not prev.body
            and (not unit.body or unit.text[:1].islower())
            and not (unit.text.endswith("./.") or unit.owner is not None)
        ):  # the body's closing line, a task of its own
            prev.more.append(unit.lines[0])
            prev.lines.extend(unit.body)
            continue
        out.append(unit)
    return out


def _continues_value(unit: _Unit, text: str) -> bool:
    """A line without bullet or label right below a field with no value on its own line ("- Sản
    phẩm:") is that value; so is one below such a value's "+" lines when it does not open a task
    (does not end with ":") — OCR loses bullets."""
    bullets, core = split_bullets(unit.body[-1].text)
    fv = field_of(core)
    if fv is not None:
        return not fv[1]
    if not bullets.startswith("+") or text.endswith(":"):
        return False
    for ln in reversed(unit.body[:-1]):
        b, c = split_bullets(ln.text)
        if (fv := field_of(c)) is not None:
            return not fv[1]
        if not b.startswith("+"):
            return False
    return False


def _is_deeper(unit: _Unit, nxt: _Unit | None, above: list[Label]) -> bool:
    """What follows `unit` is nested inside it: an unlabelled task, a dotted extension (6 → 6.1),
    or a label of a kind that is neither the unit's nor one of the headings' above it."""
    if nxt is None:
        return False
    if nxt.label is None:
        return nxt.is_task
    if extends(nxt.label, unit.label):
        return True
    if nxt.family == unit.family or any(nxt.family == lab.family or extends(nxt.label, lab) for lab in above):
        return False  # a sibling of the unit or of a heading above it
    return True


def _content(unit: _Unit) -> str:
    return _TRAILING_COLON.sub("", unit.full_text.strip())


def _parse_body(unit: _Unit) -> tuple[_Fields, list[_Fields]]:
    """The item's own fields and its sub-tasks ("- text" lines followed by "+" field lines)."""
    item = _Fields(_content(unit), where=list(unit.head))
    subs: list[_Fields] = []
    current: tuple[_Fields, str] | None = None  # the field the next continuation line goes to
    for ln in unit.body:
        bullets, core = split_bullets(ln.text)
        fv = field_of(core)
        if fv is not None:
            kind, value = fv
            target = subs[-1] if "+" in bullets and subs else item
            target.values.setdefault(kind, [])
            target.field_lines.setdefault(kind, []).append(ln)
            if value:
                target.values[kind].append(value)
            current = (target, kind)
            continue
        if current is not None:
            target, kind = current
            if not target.values[kind] or bullets.startswith("+") or not bullets:
                target.values[kind].append(ln.text)  # a value on the lines below its label
                target.field_lines[kind].append(ln)
                continue
        if bullets.startswith(("-", "–", "—", "•")) or not bullets:
            subs.append(_Fields(core, where=[ln]))
            current = None
        else:
            item.content += "\n" + ln.text
            item.where.append(ln)
    # "- lines" that got no fields of their own are part of the item's text, not sub-tasks
    real = [s for s in subs if s.has_any()]
    for s in subs:
        if not s.has_any():
            item.content += "\n- " + s.content
            item.where += s.where + s.lines_of()
    return item, real


def _sources(lines: list[_Line]) -> list[Source]:
    return [Source(ln.block) for ln in lines]


def _row(fields: _Fields, fallback: _Fields | None, **kw) -> TaskRow:
    """The row of an item or of a sub-task; `fallback` (the item of a sub-task) fills the fields
    the sub-task does not print, and its text is the sub-task's parent."""
    row = TaskRow(content=fields.content, origin="prose", **kw)
    lines = fields.where + fields.lines_of()
    for kind, col in FIELD_COLUMNS.items():
        value = fields.get(kind)
        if not value and fallback is not None:
            value = fallback.get(kind)
            lines += fallback.lines_of((kind,))
        setattr(row, col, value)
    row.sources = _sources(lines + (fallback.where if fallback is not None else []))
    row.units_raw = responsibility_text(row.units_raw, row.lead_raw, row.support_raw, row.monitor_raw)
    return row


def has_task_table(doc: Document) -> bool:
    """The document has a task table (as pipeline/table_header reads table headers): its rows are
    the tasks, and prose items restating them would count twice."""
    return any(head.kind == "tasks" for _, head, _ in iter_tables(doc))


def _not_tasks(title: str) -> bool:
    """A heading over what is not the task part: "Mục đích, yêu cầu", "Tổ chức thực hiện" … (but
    "Mục tiêu, nhiệm vụ" is over tasks)."""
    return bool(_NOT_TASKS.match(title)) and not re.search(r"nhiệm\s+vụ|giải\s+pháp", title, re.I)


@dataclass
class _Placed:
    unit: _Unit
    section: str | None  # path of the headings above
    section_title: str | None
    heading: bool  # the unit is itself a heading
    excluded: bool  # under a heading of a part that is not tasks
    assignment: bool  # under "Tổ chức thực hiện" / "Phân công nhiệm vụ": duties assigned per unit
    owner_unit: str | None  # the unit named by the nearest heading above ("1. Sở Nội vụ:")


def _outline(units: list[_Unit]) -> list[_Placed]:
    """Each unit's place in the outline: its section path, and whether it is a heading."""
    following: list[_Unit | None] = []  # for each unit, the next labelled unit or unlabelled task
    nxt = None
    for unit in reversed(units):
        following.append(nxt)
        if unit.label is not None or unit.is_task:
            nxt = unit
    following.reverse()
    stack = SectionStack()  # the headings above, with their titles
    placed: list[_Placed] = []
    for unit, nxt in zip(units, following):
        heading = False
        if unit.label is not None:
            stack.enter(unit.label)
            heading = _is_deeper(unit, nxt, stack.labels)
        excluded = any(_not_tasks(title) for title in stack.titles)
        assignment = any(_ASSIGNMENT.match(title) for title in stack.titles)
        owner_unit = next((t for t in reversed(stack.titles) if is_unit_name(t)), None)
        placed.append(_Placed(unit, stack.path, stack.title, heading, excluded, assignment, owner_unit))
        if heading:
            stack.push(unit.label, _TRAILING_COLON.sub("", unit.text))
    return placed


def _unit_rows(p: _Placed, kw: dict) -> list[TaskRow]:
    """Rows of a unit that is a task: its fields, its own sentence's owner, or its unit heading."""
    unit = p.unit
    if unit.heading_unit is not None:
        name, duty = unit.heading_unit
        return [
            duty_row(split_bullets(text)[1], name, **dict(kw, section_title=name, sources=_sources(lines)))
            for text, lines in [(ln.text, [ln]) for ln in unit.body] or [(duty, unit.head)]
        ]
    item, subs = _parse_body(unit)
    if subs:
        return [_row(sub, item, sub=str(k), parent_content=item.content, **kw) for k, sub in enumerate(subs, start=1)]
    row = _row(item, None, **kw)
    owner = unit.owner or (
        Owner(p.owner_unit, "", timing_of(item.content)) if p.owner_unit and not item.has_any() else None
    )
    if owner is not None:
        row.content = "\n".join([without_owner_note(row.content.split("\n")[0])] + row.content.split("\n")[1:])
        row.lead_raw, row.support_raw, row.timing_raw = owner.lead, owner.support, owner.timing
        row.units_raw = responsibility_text("", owner.lead, owner.support)
    return [row]


def _rows(placed: list[_Placed]) -> list[TaskRow]:
    # a unit is a task when fields or an owner go with it, or when it is an item among siblings that are
    # tasks (most of them name an owner: a charter's articles name one here and there), or under a unit's heading
    with_fields = {(p.section, p.unit.family) for p in placed if p.unit.label is not None and p.unit.has_fields}
    counts: dict[tuple, list[int]] = {}
    for p in placed:
        if p.unit.label is not None and not p.heading:
            c = counts.setdefault((p.section, p.unit.family), [0, 0])
            c[0] += p.unit.is_task
            c[1] += 1
    with_fields |= {key for key, (owned, n) in counts.items() if 2 * owned >= n}
    rows: list[TaskRow] = []
    for p in placed:
        unit = p.unit
        if not unit.has_fields and (
            p.heading
            or (
                not unit.is_task
                and not p.owner_unit
                and (unit.label is None or (p.section, unit.family) not in with_fields)
            )
        ):
            continue
        pages = [ln.page for ln in unit.lines if ln.page is not None]
        kw = dict(
            section=p.section,
            section_title=p.section_title,
            stt=unit.label.stt if unit.label else "",
            page_start=min(pages) if pages else None,
            page_end=max(pages) if pages else None,
        )
        rows.extend(_unit_rows(p, kw))
    return rows


def tasks_from_prose(doc: Document, lay: Layout | None = None) -> list[TaskRow]:
    """Prose task items of a document, in order (origin "prose"; task_seq is set by the pipeline).
    Duties "Tổ chức thực hiện" assigns per unit are tasks only when no task is listed elsewhere; a text in
    articles (a decree, charter, regulation) states rules, not tasks. `lay`: the layout, if the caller has it."""
    if has_task_table(doc) or article_count(b.text for b in doc.blocks if not isinstance(b, Table)) >= 2:
        return []
    placed = _outline(_units(_body_lines(doc, (lay or layout(doc.blocks)).body_start)))
    return _rows([p for p in placed if not p.excluded]) or _rows([p for p in placed if p.assignment])
