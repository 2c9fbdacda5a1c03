"""What every column of every table means: read by `python -m schemas.export --markdown`, which
writes docs/data-dictionary.md (a test checks that each column of schemas/tables.py is described
here and that the committed dictionary is up to date)."""
from __future__ import annotations

TABLE_DOCS = {
    "documents": "One row per input file (a rendition); `document_key` groups the renditions of one document.",
    "tasks": "One row per task: a row of a task table, or a labelled prose item.",
    "kpis": "One row per target (chỉ tiêu) of a KPI table.",
    "citations": "One row per mention of another document (or a law by name) in the text.",
    "task_units": "One row per (task, responsible unit, role): the units normalized across renamings.",
    "errors": "One row per problem met on a file (error or warning); a 0-row part when there was none.",
    "task_diffs": "Written by `vanban diff`: one row per aligned pair of tasks of two plans.",
    "paragraphs": "The text of each document in reading order: one row per paragraph or table row.",
    "signatures": "One row per digital signature of a PDF, in signing order.",
    "task_lineage": "Written by `vanban diff --series`: one row per task line and plan of one agency's plans "
                    "across the years.",
}

_ID = {
    "doc_id": "the file's identity: its path relative to the ingest root (unique per input path)",
    "source_file": "the input file's name (without folders)",
}

COLUMN_DOCS: dict[str, dict[str, str]] = {
    "documents": {
        **_ID,
        "source_sha256": "SHA-256 of the input file's bytes",
        "file_format": "docx | pdf | pdf-ocr (a scan, read by OCR) | doc | rtf | odt",
        "page_count": "pages, where the format says (null for a DOCX without Word statistics)",
        "doc_type": "type abbreviation: the one printed in the symbol, else NĐ 30/2020 Phụ lục III's (KH, QĐ, TTr …), CV for a công văn",
        "doc_number": "số, as printed or stamped (\"2170\"); null when left blank",
        "doc_symbol": "ký hiệu (\"KH-SKHCN\")",
        "issuer": "the issuing body (\"SỞ KHOA HỌC VÀ CÔNG NGHỆ\")",
        "parent_issuer": "the body above the issuer in the header (\"UBND TỈNH QUẢNG NGÃI\")",
        "place": "place name of the date line",
        "issued_date": "date of issue, when day, month and year are all known",
        "year": "year of issue (also when the day is blank)",
        "month": "month of issue",
        "day": "day of issue",
        "title": "trích yếu: the line(s) under the type name; null for a công văn",
        "subject": "a công văn's V/v subject, without \"V/v\"",
        "recipients": "Kính gửi list",
        "signer": "name of the signer",
        "signer_title": "the signer block's title lines (\"KT. CHỦ TỊCH / PHÓ CHỦ TỊCH\")",
        "distribution": "Nơi nhận list",
        "status": "how the file went (see the enum)",
        "warnings": "warnings of the extractor and messages of the file's errors rows",
        "task_count": "rows of this file in tasks",
        "kpi_count": "rows of this file in kpis",
        "citation_count": "rows of this file in citations",
        "ocr_confidence": "mean Tesseract confidence of the OCR'd pages (0-100); null without OCR",
        "parser_version": "version of the parser that wrote the row (a new one re-parses on the next ingest)",
        "schema_version": "version of this schema that the row was written with",
        "date_source": "where issued_date comes from (see the enum); null without a date",
        "source_path": "the input's path relative to the ingest root (POSIX separators)",
        "document_key": "shared by every rendition (DOCX, PDF, signed PDF, scan, .doc, draft and final) of one "
                        "document: doc:… from issuer, type, number, symbol and date; txt:… from the text; "
                        "file:… from the bytes",
        "is_final": "true for an issued rendition (signed, or number and full date printed, no \"Dự thảo\" "
                    "marker), false for a draft",
        "text_simhash": "64-bit simhash of the folded text (16 hex digits): renditions are a few bits apart",
    },
    "tasks": {
        **_ID,
        "task_seq": "1-based position of the task in its document",
        "section": "path of the section labels above the task (\"B.III\", \"II.2\")",
        "section_title": "title of the innermost section",
        "stt": "the task's own label as printed (\"9\", \"a)\", \"6.1\")",
        "sub": "sub-item label (\"a)\") when the row is one sub-item of a parent task",
        "parent_content": "the parent task's text, on sub-item rows",
        "content": "the task (nội dung, nhiệm vụ) as printed",
        "result": "expected result or product (sản phẩm, kết quả)",
        "units_raw": "the whole responsibility text (all unit columns joined)",
        "lead_raw": "text of the lead (chủ trì) column",
        "support_raw": "text of the support (phối hợp) column",
        "monitor_raw": "text of the follow-up (theo dõi) column",
        "timing_raw": "the timing text as printed",
        "merged_fields": "fields whose value came from a vertically merged cell",
        "page_start": "first page of the task (null for DOCX)",
        "page_end": "last page of the task",
        "origin": "where the task was found (see the enum)",
        "lead_units": "canonical names of the lead units",
        "support_units": "canonical names of the supporting (phối hợp) units",
        "monitor_units": "canonical names of the follow-up (theo dõi) units",
        "timing_kind": "kind of the timing text (see the enum)",
        "timing_start": "first day of the timing, where the text defines it",
        "timing_end": "last day (a deadline has only this)",
        "period": "ISO 8601 duration of a periodic timing (see the enum)",
        "timing_parts": "the clauses of a compound timing text, in order",
        "task_key": "stable id of the task: document_key + section + STT + sub-item + first words, folded; "
                    "the same after a re-ingest and in another rendition (\"~2\" on a repeat)",
        "advise_units": "canonical names of the advising (tham mưu) units",
    },
    "kpis": {
        **_ID,
        "kpi_seq": "1-based position of the KPI row in its document",
        "section": "section path above the KPI table",
        "stt": "the row's label",
        "indicator": "the indicator (chỉ tiêu)",
        "measure_unit": "unit of measure (đơn vị tính: \"%\", \"hồ sơ\"), not an agency",
        "target_raw": "the target as printed (\"Tối thiểu 60\")",
        "target_op": "comparison of the target: = >= <= > <",
        "target_value": "the target's number",
        "owner": "unit in charge of the indicator",
        "page_start": "page of the row",
    },
    "citations": {
        **_ID,
        "task_seq": "task_seq of the task whose text holds the mention; null outside tasks",
        "kind": "kind of the cited document as printed (Nghị định, Quyết định, Luật …)",
        "ref": "canonical number/symbol (\"45/2020/NĐ-CP\"); null for a law cited by name",
        "number": "the number part",
        "year": "year of the cited document",
        "symbol": "the symbol part",
        "type_code": "type abbreviation in the symbol",
        "issuer_code": "issuer abbreviation in the symbol",
        "issued_date": "date of the cited document, where the sentence gives it",
        "issuer": "issuing body, where the sentence gives it",
        "name": "name of a law or code cited by name",
        "raw": "the mention as printed",
        "context": "the sentence around the mention",
        "page_start": "page of the mention (null for DOCX)",
        "char_start": "offset of the mention in the document text",
        "char_end": "end offset of the mention",
        "relation": "what the citing sentence does with the cited document (enum)",
    },
    "task_units": {
        **_ID,
        "task_seq": "the task (tasks.task_seq of the same doc_id)",
        "unit": "canonical name of the unit (an agency)",
        "unit_raw": "the unit as printed",
        "role": "the unit's role in the task (see the enum)",
        "is_group": "true for a group of units (\"các phòng, đơn vị thuộc Sở\")",
    },
    "errors": {
        "source_file": "the input file's name",
        "source_sha256": "SHA-256 of the file (empty when unreadable)",
        "stage": "pipeline stage: read, extract, metadata, tasks, kpis, nlp, citations, identity, worker",
        "error_code": "stable code (see the enum)",
        "message": "one-line explanation",
        "severity": "see the enum",
        "parser_version": "version of the parser",
        "doc_id": "the file's doc_id (its path under the ingest root)",
        "source_path": "the input's path relative to the ingest root",
    },
    "task_diffs": {
        "old_doc_id": "doc_id of the old plan", "new_doc_id": "doc_id of the new plan",
        "old_task_seq": "task_seq in the old plan (null for an added task)",
        "new_task_seq": "task_seq in the new plan (null for a removed task)",
        "status": "see the enum", "similarity": "text similarity of the pair (0-1)",
        "changed_fields": "fields that differ: content, result, units, timing",
        "old_section": "section of the old task", "new_section": "section of the new task",
        "old_stt": "STT of the old task", "new_stt": "STT of the new task",
        "old_content": "old task text", "new_content": "new task text",
        "old_result": "old result", "new_result": "new result",
        "old_units": "old units text", "new_units": "new units text",
        "old_timing": "old timing text", "new_timing": "new timing text",
        "group_id": "rows of one split or merge share it",
        "units_change": "how the units changed (see the enum)",
        "old_section_title": "section title of the old task", "new_section_title": "section title of the new task",
        "old_plan_year": "plan year of the old plan", "new_plan_year": "plan year of the new plan",
        "old_units_canonical": "canonical units of the old task", "new_units_canonical": "canonical units of the new task",
    },
    "signatures": {
        **_ID,
        "signature_seq": "1-based position in signing order",
        "field_name": "the signature field's name (/T)",
        "signed_at": "signing time (/M), UTC",
        "signed_date": "the signer's own calendar day of signing",
        "page_start": "page of the signature widget",
        "x0": "widget box: left", "top": "widget box: top", "x1": "widget box: right", "bottom": "widget box: bottom",
        "subject_cn": "signer certificate subject CN", "subject_o": "signer certificate subject O",
        "serial_number": "signer certificate serial number", "issuer_cn": "certificate issuer CN",
        "subfilter": "signature encoding (/SubFilter: adbe.pkcs7.detached, ETSI.CAdES.detached …)",
        "covers_whole_file": "true when the signed byte range covers the whole file (not changed after signing)",
        "is_organization": "true for the issuing office's signature (an organization certificate)",
        "appearance_text": "text of the signature's appearance (the stamp), where it has text",
        "stamped": "true when the appearance stamps the document's number or date on the page",
    },
    "paragraphs": {
        **_ID,
        "para_seq": "1-based position in the document's reading order",
        "page_start": "page of the paragraph or of the row's start (null for DOCX)",
        "page_end": "page where a table row ends",
        "section": "path of the section headings above (\"II.1\")",
        "style": "the paragraph's style name (Word), or \"table_row\" for a row of a table (cells joined by \" | \")",
        "text": "the text, NFC",
    },
    "task_lineage": {
        "series_key": "the series (agency and document type, or the picked plans)",
        "lineage_id": "the line: doc_id#task_seq of the task it starts at",
        "step": "position of the plan in the series (0 = oldest)", "doc_id": "the plan of this row",
        "plan_year": "plan year of this row's plan", "task_seq": "the task in this plan (null when removed)",
        "stt": "STT of the task", "content": "text of the task", "status": "see the enum",
        "changed_fields": "fields changed from the previous plan", "similarity": "similarity to the previous task",
        "prev_doc_id": "the previous plan", "prev_task_seq": "the task in the previous plan",
        "related_lineage_id": "for split: the line it came from; for merged: the line it joined",
    },
}

# DuckDB views of pipeline/query.py that are not tables (`vanban sql`, `pipeline.query.connect()`)
VIEW_DOCS: dict[str, dict[str, str]] = {
    "renditions": {
        "": "One row per file of each document (documents grouped by document_key), the primary one marked: "
            "counts of documents read only primary renditions.",
        "document_key": "the document (doc_id for a store written before 2.0.0)",
        "doc_id": "the file", "source_path": "its path under the ingest root", "source_file": "its name",
        "file_format": "its format", "is_final": "issued (true) or draft (false)",
        "doc_type": "as in documents", "doc_number": "as in documents", "doc_symbol": "as in documents",
        "issued_date": "as in documents", "title": "as in documents", "task_count": "as in documents",
        "rendition_count": "files of this document",
        "rendition_rank": "1 for the primary file: a final before a draft, then DOCX, .doc, PDF, a scan, then "
                          "the most tasks, then doc_id",
        "is_primary": "rendition_rank = 1",
    },
}

# Tables the project reads that users edit (not Parquet outputs): their columns, in order. The code
# takes the column list from here (pipeline/normalize/aliases.py), and the dictionary documents them.
INPUT_DOCS: dict[str, dict[str, str]] = {
    "unit_aliases.csv": {
        "": "The unit alias table (pipeline/data/unit_aliases.csv, or the file $VANBAN_UNIT_ALIASES names): "
            "how unit names become the canonical names of `tasks.*_units` and `task_units.unit` "
            "(docs/unit_aliases.md). A row with a scope or with years applies only to documents known to be "
            "inside them; a table without the scope columns is read as unscoped.",
        "alias": "the name as written (case, spacing, dashes, tone placement and a leading \"các\" ignored)",
        "canonical": "the name to report",
        "kind": "what the row is (enum)",
        "is_group": "1 for a collective mention (rows of kind group are groups anyway)",
        "issuer": "scope: the issuing agencies whose documents the row is for, separated by |; a name "
                  "matches an issuer that starts with it, so \"Sở\" is any Sở and \"Sở Tư pháp\" one Sở; "
                  "blank = any issuer",
        "province": "scope: the province the document's header names (issuer, parent issuer or place); "
                    "blank = any province",
        "valid_from": "first plan year the row applies to (blank = open); a row with years never applies "
                      "to a document of unknown year",
        "valid_to": "last plan year the row applies to (blank = open); for a renaming, the last year of "
                    "the old name",
        "note": "why the row is there (source, evidence)",
    },
}
