"""Which document a file is: the keys that every rendition of one document shares.

One document travels as several files (the DOCX draft, the signed PDF, a scan, an old .doc). Each
file is one row of `documents` with its own `doc_id` (its path), and all of them share one
`document_key`:

- from the metadata, when the number, the full issue date and the symbol are known (NĐ 30/2020,
  Phụ lục I: "số, ký hiệu" and the date identify a document of one issuer): issuer + type + number +
  symbol + date, accents, case and spacing folded so an OCR'd rendition gives the same key;
- otherwise from the text: a 64-bit simhash of the folded words, which near-duplicate renditions
  share within a few bits. pipeline/batch/renditions.py then gives every rendition of one document
  the same key across the store (`text_simhash` is kept on the documents row for that).

`task_key` names one task across re-ingests and renditions: the document key, the task's position
in the outline (section, STT, sub-item) and the first words of its text, folded.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass

from pipeline.records import DocMeta
from pipeline.text import strip_marks

_WORD = re.compile(r"[0-9a-z]+")
SHINGLE = 2  # words per shingle: word pairs survive a rendition's line breaks and table layout
TASK_KEY_WORDS = 6  # words of a task's text in its key: enough to tell apart tasks of one STT
# the draft marker of NĐ 30/2020 (Phụ lục I): a "DỰ THẢO" box above the title, or "Dự thảo lần 2"
_DRAFT = re.compile(r"^du thao( lan \d+| \d+)*$")


# _BIT_OF_BYTE[b] maps each byte value to its bit b (0 or 1)
_BIT_OF_BYTE = [bytes(value >> bit & 1 for value in range(256)) for bit in range(8)]


def fold(text: str | None) -> str:
    """Lower case, no accents (đ → d), words separated by one space: what survives OCR and fonts."""
    return " ".join(_WORD.findall(strip_marks(text or "").lower()))


def _digest(text: str, size: int = 16) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:size]


def metadata_key(meta: DocMeta) -> str | None:
    """The key of a document whose number, symbol and full date are known, else None."""
    if not (meta.doc_number and meta.doc_symbol and meta.issued_date):
        return None
    number = fold(meta.doc_number).lstrip("0") or "0"
    parts = [fold(meta.issuer), fold(meta.doc_type), number, fold(meta.doc_symbol), meta.issued_date.isoformat()]
    return "doc:" + _digest("|".join(parts))


def shingles(words: list[str]) -> list[str]:
    """The runs of SHINGLE consecutive words (the whole list when it is shorter)."""
    return [" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))]


def text_simhash(text: str) -> int | None:
    """64-bit simhash of the folded text's word shingles (None for a text without words)."""
    words = fold(text).split()
    if not words:
        return None
    counts = Counter(shingles(words))
    # each shingle's 64-bit hash (big-endian bytes), once per repeat: a bit's weighted vote is then
    # how many of these have it set against how many have not, counted column by column of bytes
    # in C (bytes.translate/count) with no numpy to load (0.06-0.09 s of `vanban show`'s start)
    digests = b"".join(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest() * n for s, n in counts.items())
    votes = len(digests) // 8
    value = 0
    for byte in range(8):
        column = digests[byte::8]
        for bit in range(8):
            if 2 * column.translate(_BIT_OF_BYTE[bit]).count(1) > votes:
                value |= 1 << (8 * (7 - byte) + bit)
    return value


def simhash_hex(value: int | None) -> str | None:
    return None if value is None else f"{value:016x}"


def text_key(simhash: str | None) -> str | None:
    return None if simhash is None else "txt:" + simhash


def is_final(meta: DocMeta, text: str, signed: bool) -> bool:
    """A final (issued) rendition, as opposed to a draft. NĐ 30/2020 (Điều 15, Phụ lục I): the number
    and the date are given when the document is issued, so a draft leaves them blank; a signed PDF
    is the issued copy. Final = signed, or number and full date printed, and no "Dự thảo" marker."""
    if any(_DRAFT.match(fold(line)) for line in text.splitlines()[:40]):
        return False
    return signed or bool(meta.doc_number and meta.issued_date)


@dataclass(frozen=True)
class Identity:
    document_key: str | None
    text_simhash: str | None
    is_final: bool


def identify(meta: DocMeta, text: str, sha256: str, signed: bool) -> Identity:
    """The file's keys (`signed`: the file carries a digital signature); a file without metadata
    nor words is known by its bytes' hash."""
    simhash = simhash_hex(text_simhash(text))
    key = metadata_key(meta) or text_key(simhash) or "file:" + sha256[:16]
    return Identity(key, simhash, is_final(meta, text, signed))


def task_keys(document_key: str | None, tasks: list[dict]) -> list[str]:
    """One stable key per task row (dicts with section, stt, sub, content): the same task from
    another rendition or a re-ingest gets the same key; a repeat within the document gets "~2"."""
    seen: Counter[str] = Counter()
    keys = []
    for task in tasks:
        words = fold(task.get("content")).split()[:TASK_KEY_WORDS]
        parts = [
            document_key or "",
            fold(task.get("section")),
            fold(task.get("stt")),
            fold(task.get("sub")),
            " ".join(words),
        ]
        base = "task:" + _digest("|".join(parts))
        seen[base] += 1
        keys.append(base if seen[base] == 1 else f"{base}~{seen[base]}")
    return keys
