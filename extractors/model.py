"""The one document model every extractor produces and every later stage reads.

A document is an ordered list of blocks: paragraphs and tables. Tables are *logical* tables: a
table that runs over several PDF pages arrives here already stitched (one Table, rows re-joined,
repeated header rows dropped). Nothing downstream knows which file format a document came from.
All text is NFC-normalized by the extractor (use `clean_text`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator, Union

# The glyphs a list item may open with: what a backend keeps as a bullet label (a Word numbering
# level's symbol) and what the labeler recognizes (pipeline.text.BULLET_CHARS), one set for both.
BULLET_CHARS = "-+•–—*∙◦○●▪▫■□►▶➢➤✓✔·"
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200b]+")


def clean_text(text: str | None) -> str:
    """NFC-normalize, fold runs of spaces (not newlines) and strip each line."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


@dataclass
class Paragraph:
    text: str
    page: int | None = None  # 1-based; None where the format has no pages (DOCX)
    bold: bool = False  # True when (nearly) all of the text is bold
    italic: bool = False
    alignment: str | None = None  # "left" | "center" | "right" | "justify"
    indent: float | None = None  # left indent in points, where known
    list_label: str | None = None  # rendered auto-numbering label ("a)", "1.", "II."), not in `text`
    style: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom on `page`

    @property
    def label_and_text(self) -> str:
        """The paragraph as a reader sees it: auto-numbering label, then the text."""
        return f"{self.list_label} {self.text}" if self.list_label else self.text


@dataclass
class Cell:
    lines: list[str] = field(default_factory=list)  # visual lines, in reading order
    col_span: int = 1
    row_span: int = 1  # >1 on the first row of a vertically merged cell
    merged: bool = False  # True on rows after the first of a vertical merge: text copied from above
    bbox: tuple[float, float, float, float] | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def is_empty(self) -> bool:
        return not any(line.strip() for line in self.lines)


@dataclass
class Row:
    cells: list[Cell]  # one Cell per grid column: a horizontally merged cell appears once, with col_span
    page: int | None = None  # page where the row starts
    page_end: int | None = None  # page where the row ends (a row broken by a page break)
    is_header: bool = False

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Table:
    rows: list[Row]
    n_cols: int
    page_start: int | None = None
    page_end: int | None = None
    depth: int = 0  # 0 for body tables, 1 for a table nested in a cell, ...
    # no rules between its rows (a PDF table without borders): a vertically merged cell whose text
    # stays in its first row shows only as empty cells below it, indistinguishable from empty cells
    hidden_merges: bool = False

    def grid(self) -> list[list[str]]:
        """Rows as n_cols-wide text lists, a spanning cell's text in its first column, '' after."""
        out = []
        for row in self.rows:
            texts: list[str] = []
            for cell in row.cells:
                texts.append(cell.text)
                texts.extend([""] * (cell.col_span - 1))
            out.append((texts + [""] * self.n_cols)[: self.n_cols])
        return out


Block = Union[Paragraph, Table]


@dataclass
class Signature:
    """One digital signature of a PDF (read, never validated: no chain building, nothing online)."""

    field_name: str | None = None
    signed_at: dt.datetime | None = None  # the signature dictionary's /M (else the CMS signing-time), with its offset
    page: int | None = None  # 1-based page of its widget; None for an invisible signature
    bbox: tuple[float, float, float, float] | None = None  # widget rectangle: x0, top, x1, bottom on `page`
    subject_cn: str | None = None  # signer certificate's subject common name
    subject_o: str | None = None  # ... and organization
    serial_number: str | None = None  # certificate serial number, hexadecimal
    issuer_cn: str | None = None
    subfilter: str | None = None  # adbe.pkcs7.detached, ETSI.CAdES.detached ...
    covers_whole_file: bool | None = None  # the signed byte range ends at the end of the file
    signed_bytes: int | None = None  # where the signed revision ends: later signatures end further
    appearance_text: str = ""  # the text its widget draws ("184", "Ký bởi: …")
    stamped: bool = False  # that text fills a blank of the page ("Số: 184/…") and was merged into it
    is_organization: bool = False  # the certificate names an organisation (the office's văn thư), not a person


@dataclass
class Document:
    source_file: str  # the input's path as given
    file_format: str  # "docx" | "pdf" | "pdf-ocr" | "doc" ...
    blocks: list[Block] = field(default_factory=list)
    page_count: int | None = None
    warnings: list[str] = field(default_factory=list)
    # problems that did not stop the reading but lost part of it (pages left unOCR'd): (error_code,
    # severity, message); each becomes a row of the errors table, so no loss is silent
    issues: list[tuple[str, str, str]] = field(default_factory=list)
    ocr_confidence: list[float] | None = None  # per page, for OCR'd documents
    signatures: list[Signature] = field(default_factory=list)  # digital signatures, in signing order
    # footnotes and endnotes (DOCX), in note order: printed apart from the body, so not in `blocks` nor
    # `text()`; their text is part of the document all the same (a note often holds a citation)
    notes: list[Paragraph] = field(default_factory=list)

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def text(self) -> str:
        """Plain text in reading order (tables row by row, cells separated by ' | ')."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.label_and_text)
            else:
                parts.extend(" | ".join(row.texts) for row in block.rows)
        return "\n".join(parts)


class ExtractionError(Exception):
    """A file that cannot be read; `code` is stable and lands in the `errors` table."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
