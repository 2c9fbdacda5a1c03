"""Cheap checks before a parser touches a file: refuse what is built to exhaust memory or time.

    check_file(path, kind=None)    # kind from extractors.sniff_format; raises ExtractionError("hostile_file")
    check_zip(path) / check_pdf(path) / check_xml_bytes(data, name)

ZIP containers (DOCX, ODT): number of entries, total and per-entry uncompressed size (as declared
in the central directory, which Python's zipfile enforces while reading: a member never inflates
past its declared size), compression ratio of large members, and every XML part's prolog (DOCTYPE
or ENTITY declarations → billion-laughs / external-entity tricks) read by streaming at most
`MAX_PROLOG_BYTES` of it.

PDF: page count as declared by the page tree (`/Type /Pages ... /Count n`, also inside compressed
object streams via pypdfium2), page boxes (`/MediaBox`) beyond the 14 400 pt the PDF spec allows,
and image XObjects whose pixel size would decode to an absurd bitmap (a decompression bomb:
a few KB of Flate that inflate to gigabytes). The raw scan is regex-only and reads the file once,
in chunks.

Limits are module constants in `Limits`; tune them there (`LIMITS = Limits(...)`).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from extractors.model import ExtractionError


@dataclass
class Limits:
    max_file_bytes: int = 512 * 1024 * 1024  # any input
    # ZIP containers
    max_entries: int = 5000
    max_total_uncompressed: int = 1024 * 1024 * 1024
    max_xml_part: int = 128 * 1024 * 1024  # one XML part (a 100-page plan's document.xml is ~2 MB)
    max_ratio: float = 200.0  # uncompressed / compressed, for members larger than ratio_floor
    ratio_floor: int = 8 * 1024 * 1024
    max_prolog_bytes: int = 1024 * 1024  # XML before the root element (DOCTYPE lives there)
    # PDF
    max_pages: int = 5000
    max_page_points: float = 14400.0  # PDF 1.7 spec, Annex C: 200 inches
    max_image_pixels: int = 200_000_000  # 200 Mpx: a 600-dpi A0 scan is ~140 Mpx
    max_image_side: int = 65535
    image_dict_window: int = 1500  # bytes either side of /Subtype /Image searched for /Width, /Height
    pages_sized: int = 50  # pdfium checks the size of this many first pages (a page costs a load)


LIMITS = Limits()


def _hostile(message: str) -> ExtractionError:
    return ExtractionError("hostile_file", message)


def check_file(path: str | Path, kind: str | None = None, limits: Limits | None = None) -> None:
    """Raise ExtractionError("hostile_file") when the file exceeds a safety limit. kind: "docx",
    "odt", "pdf", ... (from sniff_format); other kinds only get the size check."""
    lim = limits or LIMITS
    path = Path(path)
    size = path.stat().st_size
    if size > lim.max_file_bytes:
        raise _hostile(
            f"{path.name}: {size / 2**20:.0f} MB is over the {lim.max_file_bytes / 2**20:.0f} MB input limit"
        )
    if kind in ("docx", "odt", "zip"):
        check_zip(path, lim)
    elif kind == "pdf":
        check_pdf(path, lim)


# ------------------------------------------------------------------ ZIP / XML
_DTD = [re.compile(p, re.I) for p in (rb"<!DOCTYPE", rb"<!ENTITY")]
_DTD16 = [
    s.encode(enc) for s in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity") for enc in ("utf-16-le", "utf-16-be")
]
_ROOT_START = re.compile(rb"<[A-Za-z_]")


def check_xml_bytes(data: bytes, name: str = "XML part") -> None:
    """Reject an XML prolog that declares a DOCTYPE or entities (UTF-8 or UTF-16)."""
    if any(rx.search(data) for rx in _DTD) or any(s in data for s in _DTD16):
        raise _hostile(f"{name} declares a DOCTYPE/ENTITY (XML entity expansion or external entity trick)")


def _xml_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, lim: Limits) -> bytes:
    """The part's bytes up to its root element (at most max_prolog_bytes + one chunk)."""
    buf = b""
    with zf.open(info) as fh:
        while len(buf) <= lim.max_prolog_bytes:
            chunk = fh.read(64 * 1024)
            if not chunk:
                break
            buf += chunk
            utf16 = buf[:2] in (b"\xff\xfe", b"\xfe\xff")
            text = buf.decode("utf-16", "ignore").encode("utf-8") if utf16 else buf
            m = _ROOT_START.search(text)
            if m:  # everything a DTD could hide in is before the root element
                return text[: m.start() + 2]
    if len(buf) > lim.max_prolog_bytes:
        raise _hostile(f"XML part {info.filename}: more than {lim.max_prolog_bytes // 1024} KB before its root element")
    return buf


def check_zip(path: str | Path, limits: Limits | None = None) -> None:
    """Zip bomb, oversized part and XML DTD checks for a DOCX/ODT container. A file that is not a
    readable zip passes (the backend reports it as corrupt)."""
    lim = limits or LIMITS
    path = Path(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return
    with zf:
        infos = zf.infolist()
        if len(infos) > lim.max_entries:
            raise _hostile(f"{path.name}: {len(infos)} zip entries (limit {lim.max_entries})")
        total = 0
        names = set()
        for info in infos:
            if info.filename in names:
                raise _hostile(f"{path.name}: duplicate zip entry {info.filename!r} (overlapping-entry zip bomb)")
            names.add(info.filename)
            total += info.file_size
            if total > lim.max_total_uncompressed:
                raise _hostile(f"{path.name}: inflates to over {lim.max_total_uncompressed / 2**20:.0f} MB (zip bomb)")
            if info.file_size > lim.ratio_floor and info.file_size > lim.max_ratio * max(1, info.compress_size):
                raise _hostile(
                    f"{path.name}: member {info.filename} inflates {info.file_size / max(1, info.compress_size):.0f}x "
                    f"to {info.file_size / 2**20:.0f} MB (zip bomb)"
                )
            lower = info.filename.lower()
            if lower.endswith((".xml", ".rels")):
                if info.file_size > lim.max_xml_part:
                    raise _hostile(
                        f"{path.name}: XML part {info.filename} is {info.file_size / 2**20:.0f} MB "
                        f"(limit {lim.max_xml_part / 2**20:.0f} MB)"
                    )
                try:
                    prolog = _xml_prolog(zf, info, lim)
                except ExtractionError:
                    raise
                except Exception:  # noqa: BLE001 - damaged member: the backend reports corrupt_docx
                    continue
                check_xml_bytes(prolog, f"{path.name}: XML part {info.filename}")


# ------------------------------------------------------------------ PDF
_COUNT = re.compile(rb"/Type\s*/Pages\b(?:(?!endobj).){0,2000}?/Count\s+(-?\d{1,20})", re.S)
_COUNT_REV = re.compile(rb"/Count\s+(-?\d{1,20})(?:(?!endobj).){0,2000}?/Type\s*/Pages\b", re.S)
_NUM = rb"\s*(-?\d*\.?\d+(?:[eE][-+]?\d+)?)"
_MEDIABOX = re.compile(rb"/(?:MediaBox|CropBox)\s*\[" + _NUM * 4 + rb"\s*\]")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_WIDTH = re.compile(rb"/Width\s+(\d{1,20})")
_HEIGHT = re.compile(rb"/Height\s+(\d{1,20})")
_CHUNK = 8 * 1024 * 1024
_OVERLAP = 4096


def _scan_pdf_bytes(path: Path):
    """Yield overlapping chunks of the raw file (regexes see every object whole if < _OVERLAP)."""
    with open(path, "rb") as fh:
        tail = b""
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            yield tail + chunk
            tail = chunk[-_OVERLAP:]


def check_pdf(path: str | Path, limits: Limits | None = None) -> None:
    """Absurd page count, page size or image size declared in a PDF."""
    lim = limits or LIMITS
    path = Path(path)
    max_count = 0
    for data in _scan_pdf_bytes(path):
        for rx in (_COUNT, _COUNT_REV):
            for m in rx.finditer(data):
                max_count = max(max_count, int(m.group(1)))
        if max_count > lim.max_pages:
            raise _hostile(f"{path.name}: the page tree declares {max_count} pages (limit {lim.max_pages})")
        for m in _MEDIABOX.finditer(data):
            try:
                x0, y0, x1, y1 = (float(v) for v in m.groups())
            except ValueError:
                continue
            w, h = abs(x1 - x0), abs(y1 - y0)
            if w > lim.max_page_points or h > lim.max_page_points:
                raise _hostile(
                    f"{path.name}: a page box of {w:.0f} x {h:.0f} pt (the PDF limit is {lim.max_page_points:.0f} pt)"
                )
        for m in _IMAGE.finditer(data):
            window = data[max(0, m.start() - lim.image_dict_window) : m.end() + lim.image_dict_window]
            wm, hm = _WIDTH.search(window), _HEIGHT.search(window)
            if wm and hm:
                w, h = int(wm.group(1)), int(hm.group(1))
                if w > lim.max_image_side or h > lim.max_image_side or w * h > lim.max_image_pixels:
                    raise _hostile(
                        f"{path.name}: an image of {w} x {h} pixels (limit {lim.max_image_pixels / 1e6:.0f} Mpx)"
                    )
    _check_pdf_pdfium(path, lim)


def _check_pdf_pdfium(path: Path, lim: Limits) -> None:
    """Page count and sizes as pdfium reads them (covers page trees inside compressed object
    streams, which the raw scan cannot see). Only the first pages' sizes are read."""
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover
        return
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception:  # noqa: BLE001 - damaged or encrypted: the PDF backend reports it
        return
    try:
        n = len(pdf)
        if n > lim.max_pages:
            raise _hostile(f"{path.name}: {n} pages (limit {lim.max_pages})")
        for i in range(min(n, lim.pages_sized)):
            try:
                w, h = pdf.get_page_size(i)
            except Exception:  # noqa: BLE001
                continue
            if w > lim.max_page_points or h > lim.max_page_points:
                raise _hostile(
                    f"{path.name}: page {i + 1} is {w:.0f} x {h:.0f} pt (the PDF limit is {lim.max_page_points:.0f} pt)"
                )
    finally:
        pdf.close()
