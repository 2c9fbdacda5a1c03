"""Arrow schemas of the Parquet tables under data/parquet/.

This is a public contract read by dashboards: add columns at the end, never rename or retype one
without bumping SCHEMA_VERSION (schemas/__init__.py; a major bump for breaking changes) and noting it in CHANGELOG.md.
Each table is a hive-partitioned dataset `<table>/plan_year=<YYYY>/<doc key>.parquet`; the
partition column `plan_year` is carried by the path (it is not stored inside the files);
`plan_year=0` holds documents whose plan year is unknown. The
`errors` table is not partitioned. `schemas/*.json` hold the same schemas, written by
`python -m schemas.export` so they can be diffed in review.
"""

from __future__ import annotations

import pyarrow as pa

from schemas import SCHEMA_VERSION

PARTITION_KEY = "plan_year"

_str, _int, _date, _bool, _float = pa.string(), pa.int32(), pa.date32(), pa.bool_(), pa.float64()
_strs = pa.list_(pa.string())

DOCUMENTS = pa.schema(
    [
        ("doc_id", _str),
        ("source_file", _str),
        ("source_sha256", _str),
        ("file_format", _str),
        ("page_count", _int),
        ("doc_type", _str),
        ("doc_number", _str),
        ("doc_symbol", _str),
        ("issuer", _str),
        ("parent_issuer", _str),
        ("place", _str),
        ("issued_date", _date),
        ("year", _int),
        ("month", _int),
        ("day", _int),
        ("title", _str),
        ("subject", _str),
        ("recipients", _strs),
        ("signer", _str),
        ("signer_title", _str),
        ("distribution", _strs),
        ("status", _str),
        ("warnings", _strs),
        ("task_count", _int),
        ("kpi_count", _int),
        ("citation_count", _int),
        ("ocr_confidence", _float),
        ("parser_version", _str),
        ("schema_version", _str),
        # where issued_date comes from: "printed" | "stamp" (a signature widget) | "signature" (signing time) | null
        ("date_source", _str),
        ("source_path", _str),
        ("document_key", _str),
        ("is_final", _bool),
        ("text_simhash", _str),
    ]
)

TASKS = pa.schema(
    [
        ("doc_id", _str),
        ("source_file", _str),
        ("task_seq", _int),
        ("section", _str),
        ("section_title", _str),
        ("stt", _str),
        ("sub", _str),
        ("parent_content", _str),
        ("content", _str),
        ("result", _str),
        ("units_raw", _str),
        ("lead_raw", _str),
        ("support_raw", _str),
        ("monitor_raw", _str),
        ("timing_raw", _str),
        ("merged_fields", _strs),
        ("page_start", _int),
        ("page_end", _int),
        ("origin", _str),
        ("lead_units", _strs),
        ("support_units", _strs),
        ("monitor_units", _strs),
        ("timing_kind", _str),
        ("timing_start", _date),
        ("timing_end", _date),
        ("period", _str),
        ("timing_parts", _strs),
        ("task_key", _str),
        ("advise_units", _strs),
    ]
)

KPIS = pa.schema(
    [
        ("doc_id", _str),
        ("source_file", _str),
        ("kpi_seq", _int),
        ("section", _str),
        ("stt", _str),
        ("indicator", _str),
        ("measure_unit", _str),
        ("target_raw", _str),
        ("target_op", _str),
        ("target_value", _float),
        ("owner", _str),
        ("page_start", _int),
    ]
)

CITATIONS = pa.schema(
    [
        ("doc_id", _str),
        ("source_file", _str),
        ("task_seq", _int),
        ("kind", _str),
        ("ref", _str),
        ("number", _str),
        ("year", _int),
        ("symbol", _str),
        ("type_code", _str),
        ("issuer_code", _str),
        ("issued_date", _date),
        ("issuer", _str),
        ("name", _str),
        ("raw", _str),
        ("context", _str),
        ("page_start", _int),
        ("char_start", _int),
        ("char_end", _int),
        # what the citing text does with it: căn cứ | thực hiện | theo đề nghị | sửa đổi, bổ sung |
        # thay thế | bãi bỏ | hướng dẫn | dẫn chiếu (pipeline/citations/relation.py)
        ("relation", _str),
    ]
)

TASK_UNITS = pa.schema(
    [
        ("doc_id", _str),
        ("source_file", _str),
        ("task_seq", _int),
        ("unit", _str),
        ("unit_raw", _str),
        ("role", _str),
        ("is_group", _bool),
    ]
)

ERRORS = pa.schema(
    [
        ("source_file", _str),
        ("source_sha256", _str),
        ("stage", _str),
        ("error_code", _str),
        ("message", _str),
        ("severity", _str),
        ("parser_version", _str),
        ("doc_id", _str),
        ("source_path", _str),
    ]
)

PARAGRAPHS = pa.schema(
    [
        ("doc_id", _str),
        ("source_file", _str),
        ("para_seq", _int),
        ("page_start", _int),
        ("page_end", _int),
        ("section", _str),
        ("style", _str),
        ("text", _str),
    ]
)

# one row per digital signature of a PDF (read, not validated), in signing order
SIGNATURES = pa.schema(
    [
        ("doc_id", _str),
        ("source_file", _str),
        ("signature_seq", _int),
        ("field_name", _str),
        ("signed_at", pa.timestamp("s", tz="UTC")),
        ("signed_date", _date),  # signed_date: the signer's own calendar day
        ("page_start", _int),
        ("x0", _float),
        ("top", _float),
        ("x1", _float),
        ("bottom", _float),
        ("subject_cn", _str),
        ("subject_o", _str),
        ("serial_number", _str),
        ("issuer_cn", _str),
        ("subfilter", _str),
        ("covers_whole_file", _bool),
        ("is_organization", _bool),
        ("appearance_text", _str),
        ("stamped", _bool),
    ]
)

TASK_DIFFS = pa.schema(
    [
        ("old_doc_id", _str),
        ("new_doc_id", _str),
        ("old_task_seq", _int),
        ("new_task_seq", _int),
        ("status", _str),
        ("similarity", _float),
        ("changed_fields", _strs),
        ("old_section", _str),
        ("new_section", _str),
        ("old_stt", _str),
        ("new_stt", _str),
        ("old_content", _str),
        ("new_content", _str),
        ("old_result", _str),
        ("new_result", _str),
        ("old_units", _str),
        ("new_units", _str),
        ("old_timing", _str),
        ("new_timing", _str),
        ("group_id", _int),
        # how the units changed: "renamed" (same canonical owners, new names) | "reassigned" | null
        ("units_change", _str),
        ("old_section_title", _str),
        ("new_section_title", _str),
        ("old_plan_year", _int),
        ("new_plan_year", _int),
        ("old_units_canonical", _strs),
        ("new_units_canonical", _strs),
    ]
)

# one row per (line, plan) of a plan series (pipeline/diff/lineage.py); status as in task_diffs
TASK_LINEAGE = pa.schema(
    [
        ("series_key", _str),
        ("lineage_id", _str),
        ("step", _int),
        ("doc_id", _str),
        ("plan_year", _int),
        ("task_seq", _int),
        ("stt", _str),
        ("content", _str),
        ("status", _str),
        ("changed_fields", _strs),
        ("similarity", _float),
        ("prev_doc_id", _str),
        ("prev_task_seq", _int),
        ("related_lineage_id", _str),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "tasks": TASKS,
    "kpis": KPIS,
    "citations": CITATIONS,
    "task_units": TASK_UNITS,
    "errors": ERRORS,
    "task_diffs": TASK_DIFFS,
    "signatures": SIGNATURES,
    "paragraphs": PARAGRAPHS,
    "task_lineage": TASK_LINEAGE,
}
PARTITIONED = {"documents", "tasks", "kpis", "citations", "task_units", "signatures", "paragraphs"}

# Columns renamed in 2.0.0 (v1 name -> v2 name, per table): readers map a v1 store's columns onto
# the v2 names (pipeline/batch/store.py, pipeline/query.py), so a v1 output stays readable.
V1_RENAMES: dict[str, dict[str, str]] = {
    "tasks": {"seq": "task_seq"},
    "kpis": {"seq": "kpi_seq", "unit": "measure_unit"},
    "citations": {"page": "page_start"},
    "task_diffs": {"old_seq": "old_task_seq", "new_seq": "new_task_seq"},
}


def schema_for(table: str) -> pa.Schema:
    """The Arrow schema of `table`, with the schema version in its metadata."""
    return TABLES[table].with_metadata({"vanban.schema_version": SCHEMA_VERSION, "vanban.table": table})
