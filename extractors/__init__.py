"""One backend per input format, all producing `extractors.model.Document`.

`extract(path)` sniffs the file's content (not only its extension) and hands it to the backend:
docx/ (DOCX), pdf/ (PDF; pages without a text layer go to ocr/), legacy/ (.doc/.rtf/.odt through
LibreOffice, then docx/; TCVN3/VNI fonts). Failures raise ExtractionError with
a stable code (see ERROR_CODES).
"""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from extractors.model import Document, ExtractionError
from schemas.enums import ERROR_CODES as ERROR_CODE_MEANINGS

ERROR_CODES = ERROR_CODE_MEANINGS  # code -> meaning; the list lives in the public contract (schemas/enums.py)

_MAGIC = [
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # legacy Word .doc
    (b"{\\rtf", "rtf"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
]
_BACKENDS = {
    "pdf": "pdf.backend",
    "docx": "docx.backend",
    "doc": "legacy.convert",
    "rtf": "legacy.convert",
    "odt": "legacy.convert",
}


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes (read in 1 MB chunks)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sniff_format(path: Path) -> str:
    """The format a file's bytes say it is: pdf, docx, odt, doc, rtf, image or unknown."""
    with open(path, "rb") as fh:
        head = fh.read(2048)
    if not head:
        raise ExtractionError("empty_file", f"{path.name}: the file is empty (0 bytes)")
    # a PDF may carry junk before its header; the spec lets readers look in the first 1 KB
    if b"%PDF" in head[:1024]:
        return "pdf"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "zip":
                return "odt" if b"opendocument.text" in head else "docx"
            return "doc" if kind == "ole" else kind
    return "unknown"


def extract(path: str | Path) -> Document:
    """Read one input file into the document model (raises ExtractionError)."""
    path = Path(path)
    kind = sniff_format(path)
    ext = path.suffix.lower().lstrip(".")
    if kind == "image":
        raise ExtractionError("not_a_document", f"{path.name}: the content is an image, not a document")
    if kind == "unknown" and ext in ("pdf", "docx"):
        raise ExtractionError(
            f"corrupt_{ext}",
            f"{path.name}: not a valid {ext.upper()} file "
            f"({'no %PDF header' if ext == 'pdf' else 'not a zip archive'})",
        )
    if kind == "unknown":
        raise ExtractionError(
            "unsupported_format",
            f"{path.name}: not a DOCX, PDF, DOC, RTF or ODT file "
            + (f"(extension .{ext})" if ext else "(no extension)"),
        )
    from extractors.safety import check_file

    check_file(path, kind)  # zip bombs, XML entity tricks, absurd PDF page counts/sizes: hostile_file
    backend = importlib.import_module(f"extractors.{_BACKENDS[kind]}")
    doc = backend.extract(path)
    if ext and ext != kind and not (ext in ("doc", "docx", "rtf", "odt") and kind in ("doc", "docx", "rtf", "odt")):
        doc.warnings.append(f"wrong_extension: the file is {kind.upper()} but named .{ext}")
    return doc
