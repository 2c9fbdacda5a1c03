"""The input file of an ingested document, for the "open the source file" link.

Only ingested inputs are ever served: the browser names a doc_id, never a path. The file is the
documents table's `source_path` when the store has one, else its `source_file` name looked up
directly inside one of the input folders given to `vanban serve --raw`; in both cases its SHA-256
must equal the `source_sha256` recorded at ingest, so no other file (nor a file changed since) can
be reached, whatever the doc_id says.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Sequence

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".rtf": "application/rtf",
}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def candidates(doc: dict, raw_dirs: Sequence[Path]) -> list[Path]:
    """Where the input of `doc` may be: its recorded path, then its file name in each input folder."""
    out = []
    if doc.get("source_path"):
        out.append(Path(doc["source_path"]))
    name = Path(doc.get("source_file") or "").name  # a bare file name: no folder part is followed
    if name and name not in (".", ".."):
        out.extend(Path(folder) / name for folder in raw_dirs)
    return out


def source_file(doc: dict | None, raw_dirs: Sequence[Path]) -> Path | None:
    """The ingested input file of `doc`, or None when none is found with the recorded hash."""
    if not doc or not doc.get("source_sha256"):
        return None
    for path in candidates(doc, raw_dirs):
        try:
            if path.is_file() and sha256_of(path) == doc["source_sha256"]:
                return path
        except OSError:
            continue
    return None


def media_type(path: Path) -> str:
    return MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
