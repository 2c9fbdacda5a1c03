"""The `paragraphs` table: the document's text in reading order, one row per paragraph or table
row, with its page, its section and its style, so search and analysis need not re-parse the files."""

from __future__ import annotations

from extractors.model import Document, Paragraph
from pipeline.stages.labels import NUMBER, ROMAN, UPPER, SectionStack, parse_label

TABLE_ROW_STYLE = "table_row"  # style of a row of a table: its cells joined with " | "


def _is_heading(paragraph: Paragraph, text: str) -> bool:
    """A section heading: "I. …", "A. …", or a bold "1. …" (NĐ 30/2020 Phụ lục I: parts, sections
    and articles are numbered with roman numerals, capital letters and numbers)."""
    label = parse_label(text)
    if label is None:
        return False
    return label.kind in (ROMAN, UPPER) or (label.kind == NUMBER and paragraph.bold)


def paragraph_rows(doc: Document) -> list[dict]:
    """Rows of the paragraphs table (doc_id and source_file left for the pipeline to fill)."""
    rows: list[dict] = []
    stack = SectionStack()
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            text = block.label_and_text
            if not text.strip():
                continue
            if _is_heading(block, text):
                stack.push(parse_label(text), text)
            rows.append(
                {
                    "page_start": block.page,
                    "page_end": block.page,
                    "section": stack.path,
                    "style": block.style,
                    "text": text,
                }
            )
        else:
            for row in block.rows:
                text = " | ".join(t for t in row.texts if t.strip())
                if text:
                    rows.append(
                        {
                            "page_start": row.page,
                            "page_end": row.page_end or row.page,
                            "section": stack.path,
                            "style": TABLE_ROW_STYLE,
                            "text": text,
                        }
                    )
    for seq, row in enumerate(rows, start=1):
        row["para_seq"] = seq
    return rows
