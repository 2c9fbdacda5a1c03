"""Allowed values of the enumerated columns, with their meaning: part of the public contract.

The code that writes these columns takes its values from here (pipeline/normalize/timing.py,
units.py, diff/classify.py, extractors ERROR_CODES …), and docs/data-dictionary.md is generated
from here (`python -m schemas.export --markdown`), so the documentation cannot drift from the code.
Adding a value is a minor schema change (CHANGELOG.md); removing or renaming one is a major one.
"""

from __future__ import annotations

TIMING_KINDS = {
    "once": "a given day or days",
    "quarter": "a quarter (Quý I … IV), or several (Quý I-II)",
    "half_year": "a half year (6 tháng đầu năm, 6 tháng cuối năm)",
    "month": "a month, or several (Tháng 8 - 9/2026)",
    "deadline": "before a date, or a time limit after an event (only timing_end is set)",
    "year": "a whole year (Năm 2026, Cả năm, Trong năm)",
    "years": "a span of years (Giai đoạn 2026 - 2030); open-ended from a year (năm 2026 và các năm tiếp theo: no timing_end)",
    "recurring": "thường xuyên, liên tục, sau mỗi …",
    "periodic": "định kỳ, hằng tháng, N tháng/lần (with `period`)",
    "per_plan": "theo kế hoạch / quy định / hướng dẫn / lộ trình / các mốc thời gian tại …",
    "on_request": "theo yêu cầu, đột xuất, khi có yêu cầu",
    "unspecified": "a timing text without a recognised time expression",
}

PERIODS = {  # ISO 8601 durations of periodic timings ("N tháng/lần" gives PNM for any N)
    "P1D": "daily (hằng ngày)",
    "P1W": "weekly (hằng tuần)",
    "P1M": "monthly (hằng tháng)",
    "P3M": "quarterly (hằng quý, 3 tháng/lần)",
    "P6M": "half-yearly (6 tháng/lần, định kỳ 6 tháng và cuối năm …)",
    "P1Y": "yearly (hằng năm)",
}

ORIGINS = {
    "table": "a row of a task table",
    "prose": "a labelled prose item with its own fields (đơn vị chủ trì, thời gian …)",
}

ROLES = {
    "lead": "chủ trì: leads the task",
    "support": "phối hợp: takes part",
    "monitor": "theo dõi, đôn đốc, kiểm tra: follows the task up",
    "advise": "tham mưu: prepares it for the leading body",
}

DOCUMENT_STATUSES = {
    "ok": "parsed without any error or warning",
    "partial": "parsed, with warnings or a failed optional stage (see errors)",
    "failed": "not parsed (see errors)",
}

DIFF_STATUSES = {
    "unchanged": "the same task in both plans",
    "modified": "the same task, some fields changed (changed_fields)",
    "split": "one old task became several new ones (one row per new task, same group_id)",
    "merged": "several old tasks became one new task (one row per old task, same group_id)",
    "added": "a task only in the new plan",
    "removed": "a task only in the old plan",
}

UNITS_CHANGES = {"renamed": "the same canonical owners under new names", "reassigned": "other owners"}

SEVERITIES = {
    "error": "the file (or a required stage) failed: its output is missing or kept from an earlier run",
    "warning": "the file was written, with a remark (no_tasks …)",
}

ERROR_CODES = {
    "unreadable_file": "the file does not exist or cannot be opened",
    "empty_file": "the file has no bytes",
    "unsupported_format": "not a DOCX, PDF, DOC, RTF or ODT file",
    "wrong_extension": "the content is of another format than the extension says",
    "corrupt_docx": "the DOCX (zip/XML) cannot be read",
    "corrupt_pdf": "the PDF cannot be parsed (truncated or damaged)",
    "encrypted_pdf": "the PDF is password-protected",
    "not_a_document": "an image or other non-document content",
    "hostile_file": "the file exceeds safety limits (zip bomb, oversized XML, absurd page count)",
    "ocr_unavailable": "Tesseract with the Vietnamese model is not installed",
    "converter_unavailable": "LibreOffice is not installed",
    "conversion_failed": "LibreOffice could not convert the file",
    "timeout": "parsing took longer than the per-file time limit",
    "memory_limit": "parsing exceeded the per-file memory limit",
    "no_tasks": "no task table or prose task list was found",
    "internal_error": "an unexpected error in vanban (a bug: please report it)",
}

DATE_SOURCES = {
    "printed": "the date printed in the page text",
    "stamp": "the date stamped by a signature's appearance (flattened into the page)",
    "signature": "the issuing office's signing time (NĐ 30/2020 Điều 15.3), no date printed or stamped",
}

RELATIONS = {  # what the citing text does with the cited document (the formula before the mention)
    "căn cứ": 'legal basis ("Căn cứ …", "trên cơ sở …")',
    "thực hiện": 'implements it ("Thực hiện …", "Triển khai …", "thi hành")',
    "theo đề nghị": 'answers a request ("Theo đề nghị …", "Phúc đáp …", "nhận được …")',
    "sửa đổi, bổ sung": "amends it",
    "thay thế": "replaces it",
    "bãi bỏ": "repeals it",
    "hướng dẫn": 'guides it, or details it ("quy định chi tiết")',
    "dẫn chiếu": "a plain reference",
}

ALIAS_KINDS = {  # unit_aliases.csv `kind` (docs/unit_aliases.md)
    "abbr": "an abbreviation expanded wherever it appears inside a name, as a whole word (UBND, Sở LĐTBXH)",
    "alias": "another spelling of the same unit (Phòng HCTH)",
    "rename": "an old name of a unit, mapped to the new one in the years the old name was in use "
    "(never for a document of unknown year)",
    "group": "a collective mention (các phòng, đơn vị; UBND cấp huyện)",
}

# enumerated columns of the input tables the project reads (schemas/columns.py: INPUT_DOCS)
INPUT_ENUMS: dict[str, dict[str, dict[str, str]]] = {"unit_aliases.csv": {"kind": ALIAS_KINDS}}

# which column each enum constrains: {table: {column: values}} (null is allowed in every one)
COLUMN_ENUMS: dict[str, dict[str, dict[str, str]]] = {
    "documents": {"status": DOCUMENT_STATUSES, "date_source": DATE_SOURCES},
    "tasks": {"origin": ORIGINS, "timing_kind": TIMING_KINDS, "period": PERIODS},
    "task_units": {"role": ROLES},
    "citations": {"relation": RELATIONS},
    "errors": {"error_code": ERROR_CODES, "severity": SEVERITIES},
    "task_diffs": {"status": DIFF_STATUSES, "units_change": UNITS_CHANGES},
    "task_lineage": {"status": DIFF_STATUSES},
}
