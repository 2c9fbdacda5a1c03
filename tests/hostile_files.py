"""Builders for hostile and broken inputs, shared by test_safety.py and test_hostile.py.

Every builder writes into a given folder and returns the path; all are generated at test time
(nothing hostile is committed)."""

from __future__ import annotations

import random
import zipfile
import zlib
from pathlib import Path

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def document_xml(body: str = "<w:p><w:r><w:t>Kế hoạch</w:t></w:r></w:p>", prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f"<w:document {W}><w:body>{body}</w:body></w:document>"
    )


def minimal_docx(
    folder: Path, name: str = "ok.docx", document: str | None = None, extra: dict[str, bytes] | None = None
) -> Path:
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document if document is not None else document_xml())
        for member, data in (extra or {}).items():
            zf.writestr(member, data)
    return path


def zip_bomb_docx(folder: Path, mb: int = 64) -> Path:
    """A DOCX with a member of `mb` MB of zeros (~1000:1 compression)."""
    path = minimal_docx(folder, "zip-bomb.docx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("word/media/image1.bin", "w", force_zip64=True) as fh:
            block = bytes(1024 * 1024)
            for _ in range(mb):
                fh.write(block)
    return path


def entity_bomb_docx(folder: Path) -> Path:
    """Billion laughs in word/document.xml."""
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    )
    prolog = f"<!DOCTYPE lolz [{ents}]>"
    return minimal_docx(folder, "entity-bomb.docx", document_xml("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", prolog))


def external_entity_docx(folder: Path) -> Path:
    prolog = '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return minimal_docx(folder, "xxe.docx", document_xml("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", prolog))


def many_entries_docx(folder: Path, n: int = 6000) -> Path:
    return minimal_docx(folder, "many-entries.docx", extra={f"word/x/{i}.xml": b"<a/>" for i in range(n)})


def pdf_bytes(
    count: int = 1,
    mediabox: str = "0 0 595 842",
    content: bytes = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET",
    extra_objects: list[bytes] | None = None,
    resources: str = "/Font << /F1 4 0 R >>",
) -> bytes:
    """A small hand-built PDF with a correct xref; `count` is what the page tree *declares*."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Resources << %s >> /Contents 5 0 R >>"
        % (mediabox.encode(), resources.encode()),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        *(extra_objects or []),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def absurd_page_count_pdf(folder: Path) -> Path:
    return write(folder, "page-count.pdf", pdf_bytes(count=2_000_000_000))


def absurd_mediabox_pdf(folder: Path) -> Path:
    return write(folder, "mediabox.pdf", pdf_bytes(mediabox="0 0 10000000 10000000"))


def image_bomb_pdf(folder: Path) -> Path:
    """A 100 000 x 100 000 gray image whose Flate stream is a few KB."""
    data = zlib.compress(bytes(1024 * 1024), 9)
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (len(data), data)
    )
    return write(
        folder,
        "image-bomb.pdf",
        pdf_bytes(
            content=b"q 500 0 0 700 50 50 cm /Im1 Do Q", extra_objects=[image], resources="/XObject << /Im1 6 0 R >>"
        ),
    )


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    raw = b"".join(b"\x00" + bytes([200]) * 16 for _ in range(16))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", (16).to_bytes(4, "big") * 2 + b"\x08\x00\x00\x00\x00")
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def truncations(src: Path, folder: Path, fractions=(0.1, 0.5, 0.9)) -> list[Path]:
    data = src.read_bytes()
    return [write(folder, f"trunc{int(f * 100)}-{src.name}", data[: int(len(data) * f)]) for f in fractions]


def byte_flips(src: Path, folder: Path, n_files: int = 2, flips: int = 40, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    data = src.read_bytes()
    out = []
    for k in range(n_files):
        buf = bytearray(data)
        for _ in range(flips):
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        out.append(write(folder, f"flip{k}-{src.name}", bytes(buf)))
    return out


def random_bytes(folder: Path, name: str, n: int = 20_000, seed: int = 3) -> Path:
    return write(folder, name, random.Random(seed).randbytes(n))
