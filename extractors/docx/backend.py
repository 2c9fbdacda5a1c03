"""DOCX backend: a .docx file into the document model (`extractors.model.Document`).

python-docx opens the package (zip, relationships, styles and numbering parts); the body is then
walked directly on its lxml tree, which is both faster than python-docx's proxy objects and sees
what they hide (tables in place, gridSpan/vMerge, text boxes, fields, auto-numbering).

What the backend produces:
- Blocks in body order: `w:p` -> Paragraph (`docx_paragraphs`), `w:tbl` -> Table
  (`docx_tables`). Headers, footers and comments are not read; footnotes and endnotes go to
  `Document.notes`, in note order (Word's separator notes left out). Content controls
  (`w:sdt`), `w:customXml`, inserted revisions and `mc:AlternateContent` are looked through
  (`docx_xml.unwrapped`). Empty paragraphs are dropped (their auto-number still counts).
- Word auto-numbering is rendered into `Paragraph.list_label` (`docx_numbering`), never into
  `text`; `label_and_text` gives both. In table cells the label is prepended to the line.
- Text boxes are emitted as their own blocks right after the paragraph that anchors them (in a
  table cell: as more lines of that cell).
- `page_count` is Word's last rendered page count (docProps/app.xml `<Pages>`), None when the
  file has none or its statistics were never computed (see `_page_count`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import NamedTuple

from extractors.docx.numbering import Numbering
from extractors.docx.paragraphs import ParagraphReader
from extractors.docx.styles import Styles
from extractors.docx.tables import read_table
from extractors.docx.ooxml import P, TBL, Element, unwrapped, w
from extractors.model import Block, Document, ExtractionError, Paragraph

_MAX_XML_BYTES = 200 * 1024 * 1024  # an uncompressed part larger than this is a zip bomb, not a plan

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RT_STYLES, _RT_NUMBERING, _RT_APP = _RT + "styles", _RT + "numbering", _RT + "extended-properties"
_RT_NOTES = (_RT + "footnotes", _RT + "endnotes")
# w:footnote/w:endnote types that are Word's separator lines, not notes
_NOTE_SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}
_APP_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"

# app.xml counting fewer characters than this share of the text read describes another (older or
# template) version of the document, so its page count is not this document's
_MIN_COUNTED_SHARE = 0.5


class _Parts(NamedTuple):
    document: object  # XML roots; styles, numbering and app may be None
    styles: object
    numbering: object
    app: object
    notes: list  # the footnotes and endnotes parts present


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}"


def _xml(part):
    """A part's XML root: python-docx's parsed element, or the blob parsed safely (parts that
    python-docx loads as plain Parts, e.g. a macro-enabled main document or docProps/app.xml)."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(part.blob, parser)


def _related(part, reltype):
    """The XML of the part related to `part` by `reltype`, or None (no defaults are created)."""
    try:
        return _xml(part.part_related_by(reltype))
    except KeyError:
        return None


def _app_properties(package):
    """docProps/app.xml's root, or None when absent or unreadable (it is only statistics: a
    broken one does not make the document unreadable)."""
    try:
        return _related(package, _RT_APP)
    except Exception:  # lxml's XMLSyntaxError and friends
        return None


def _open(path: Path) -> _Parts:
    """The XML roots of the parts we read, via python-docx; ExtractionError for anything
    unreadable."""
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.file_size > _MAX_XML_BYTES:
                    raise ExtractionError(
                        "hostile_file",
                        f"{path.name}: part {info.filename} unpacks to {info.file_size // 2**20} MB (zip bomb?)",
                    )
            names = set(zf.namelist())
            strict = "_rels/.rels" in names and b"purl.oclc.org/ooxml" in zf.read("_rels/.rels")
    except zipfile.BadZipFile as exc:
        raise ExtractionError("corrupt_docx", f"{path.name}: not a readable DOCX (zip): {_short(exc)}") from None
    except OSError as exc:
        raise ExtractionError("corrupt_docx", f"{path.name}: cannot be read: {_short(exc)}") from None
    if "[Content_Types].xml" not in names:
        raise ExtractionError("corrupt_docx", f"{path.name}: a zip file but not a DOCX (no [Content_Types].xml)")
    if strict:
        raise ExtractionError(
            "corrupt_docx",
            f"{path.name}: a 'Strict Open XML' DOCX, which cannot be read; save it again as a standard Word document",
        )
    try:
        from docx.package import Package

        package = Package.open(str(path))
        part = package.main_document_part
        document = _xml(part)
        styles = _related(part, _RT_STYLES)
        numbering = _related(part, _RT_NUMBERING)
        notes = [root for root in (_related(part, rt) for rt in _RT_NOTES) if root is not None]
    except Exception as exc:  # python-docx raises KeyError, ValueError, XMLSyntaxError...
        raise ExtractionError("corrupt_docx", f"{path.name}: the DOCX cannot be read ({_short(exc)})") from None
    return _Parts(document, styles, numbering, _app_properties(package), notes)


def _app_int(app, tag: str) -> int | None:
    el = app.find(_APP_NS + tag)
    text = (el.text or "").strip() if el is not None else ""
    return int(text) if text.isdigit() else None


def _page_count(app, doc: Document) -> int | None:
    """Word's page count as of the last save (app.xml <Pages>), or None.

    Only the application that paginated the document updates these statistics; a generator that
    copies a template's app.xml (python-docx writes Pages 1, Characters 0 whatever the length)
    leaves counts describing another document. When app.xml counts far fewer characters than
    the text read, its page count is not trusted."""
    if app is None:
        return None
    pages = _app_int(app, "Pages")
    if not pages:
        return None
    counted = _app_int(app, "Characters")
    if counted is not None and counted < _MIN_COUNTED_SHARE * len("".join(doc.text().split())):
        return None
    return pages


class _Walker:
    """The body and every body-like container (cell, text box) into blocks, in order."""

    def __init__(self, paragraphs: ParagraphReader):
        self.paragraphs = paragraphs
        self.warnings: list[str] = []

    def blocks(self, container: Element, depth: int = 0) -> list[Block]:
        """Paragraphs and tables of a body-like container (body, cell, text box) in order."""
        out: list = []
        for child in unwrapped(container, (P, TBL, w("altChunk"))):
            if child.tag == P:
                para, boxes = self.paragraphs.read(child)
                if para is not None:
                    out.append(para)
                for box in boxes:
                    out.extend(self.blocks(box))
            elif child.tag == TBL:
                out.extend(read_table(child, depth, self.blocks))
            elif child.tag == w("altChunk"):
                self.warnings.append("docx_altchunk: embedded foreign content (w:altChunk) not read")
        return out


def extract(path: Path) -> Document:
    """Read a DOCX into the document model (raises ExtractionError "corrupt_docx")."""
    path = Path(path)
    parts = _open(path)
    body = parts.document.find(w("body"))
    if parts.document.tag != w("document") or body is None:
        raise ExtractionError(
            "corrupt_docx", f"{path.name}: the main part is not a Word document body ({parts.document.tag})"
        )
    styles = Styles(parts.styles)
    walker = _Walker(ParagraphReader(styles, Numbering(parts.numbering, styles)))
    doc = Document(source_file=str(path), file_format="docx")
    doc.blocks = walker.blocks(body)
    for root in parts.notes:
        for note in root:
            if note.get(w("type")) not in _NOTE_SEPARATORS:
                doc.notes.extend(b for b in walker.blocks(note) if isinstance(b, Paragraph))
    doc.warnings.extend(dict.fromkeys(walker.warnings))
    doc.page_count = _page_count(parts.app, doc)
    return doc
