"""Typed rows that the stages produce, and `FileResult`, everything one file produced (pipeline.process
builds it; pipeline/batch/store.py writes it with the schemas in schemas/: kept apart from the store
so that parsing a file, `vanban show`, loads no pyarrow)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class DocMeta:
    doc_type: str | None = None  # KH, CV, BC, TTr, QĐ, TB, NQ, CT, HD ...
    doc_number: str | None = None  # "2170"; None when the number is left blank (drafts)
    doc_symbol: str | None = None  # "KH-SKHCN"
    issuer: str | None = None  # "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    parent_issuer: str | None = None  # "UBND TỈNH QUẢNG NGÃI"
    place: str | None = None
    issued_date: dt.date | None = None  # only when day, month and year are all printed
    year: int | None = None
    month: int | None = None
    day: int | None = None
    plan_year: int | None = None  # the year the plan is for ("năm 2026", first year of "2026 - 2030")
    title: str | None = None  # KH: the line(s) under "KẾ HOẠCH"; CV: the "V/v ..." subject line
    subject: str | None = None  # CV: the subject without "V/v"
    recipients: list[str] = field(default_factory=list)  # "Kính gửi: ..."
    signer: str | None = None
    signer_title: str | None = None  # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    distribution: list[str] = field(default_factory=list)  # "Nơi nhận:" list
    date_source: str | None = None  # "printed" | "stamp" | "signature" | None (stages/signed_date.py)


@dataclass(frozen=True)
class Source:
    """Where a piece of a task's text was read: block `block` of `Document.blocks` (a paragraph), or
    one cell of one row of that table, and of the cell only visual lines [first, end) of `Cell.lines`
    when the task holds just a part of it (a sub-item of a split cell)."""

    block: int
    row: int | None = None
    cell: int | None = None
    lines: tuple[int, int] | None = None

    def holds(self, block: int, row: int | None, cell: int | None, line: int) -> bool:
        """The place (block, row, cell) and its visual line `line` are part of this source."""
        if (self.block, self.row, self.cell) != (block, row, cell):
            return False
        return self.lines is None or self.lines[0] <= line < self.lines[1]


@dataclass
class TaskRow:
    content: str
    section: str | None = None  # path of section labels above the row: "B.III", "II.2"
    section_title: str | None = None  # title of the innermost section
    stt: str | None = None  # the row's own label: "9", "a)", "6.1"
    sub: str | None = None  # sub-item label ("a)") when the row is one sub-item of a parent task
    parent_content: str | None = None  # the parent's task text, on sub-item rows
    result: str = ""
    units_raw: str = ""  # the whole responsibility text (all unit columns joined)
    lead_raw: str = ""
    support_raw: str = ""
    monitor_raw: str = ""
    timing_raw: str = ""
    merged_fields: list[str] = field(default_factory=list)  # fields whose value came from a vertical merge
    page_start: int | None = None
    page_end: int | None = None
    origin: str = "table"  # "table" | "prose"
    task_seq: int = 0  # 1-based position in the document, set by the pipeline
    # provenance, not a column (process.task_columns leaves it out): where the task's text was read,
    # so that a citation found there belongs to this task (pipeline/citations/document.py)
    sources: list[Source] = field(default_factory=list)
    # filled by the enrich stage (pipeline/normalize/enrich.py)
    lead_units: list[str] = field(default_factory=list)
    support_units: list[str] = field(default_factory=list)
    monitor_units: list[str] = field(default_factory=list)
    timing_kind: str | None = None
    timing_start: dt.date | None = None
    timing_end: dt.date | None = None
    period: str | None = None
    timing_parts: list[str] = field(default_factory=list)
    advise_units: list[str] = field(default_factory=list)  # tham mưu (advise), apart from phối hợp (support)


@dataclass
class KpiRow:
    indicator: str
    section: str | None = None
    stt: str | None = None
    measure_unit: str | None = None  # unit of measure: "%", "ngày", ... (not an agency)
    target_raw: str | None = None  # as printed: "Tối thiểu 60"
    target_op: str | None = None  # "=", ">=", "<=", ">", "<"
    target_value: float | None = None
    owner: str | None = None
    page_start: int | None = None
    kpi_seq: int = 0  # 1-based position among the document's KPI rows


@dataclass
class FileResult:
    """Everything one input file produced, ready to be written (picklable: crosses processes)."""

    doc_id: str
    source_file: str
    source_sha256: str
    source_path: str = ""  # relative to the ingest root; doc_id is built from it
    plan_year: int | None = None
    page_count: int | None = None  # None where the format does not say (DOCX without Word statistics)
    rows: dict[str, list[dict]] = field(default_factory=dict)  # table name -> rows (emptied once staged)
    row_counts: dict[str, int] = field(default_factory=dict)  # table name -> number of rows
    errors: list[dict] = field(default_factory=list)  # rows of the errors table
    stage_seconds: dict[str, float] = field(default_factory=dict)
    stage_peak_mb: dict[str, float] = field(default_factory=dict)  # filled only under tracemalloc

    @property
    def failed(self) -> bool:
        return any(e.get("severity", "error") == "error" for e in self.errors)
