"""Small PDFs written byte by byte for the tests: a signed letter whose number and day are drawn by
signature widgets over blanks, and pages whose text layer lies (no Unicode mapping for a font).

Text is set in a font of fixed 6-pt advance (12 pt size; not a standard-14 name, so its /Widths hold)
with a /Differences encoding, so the few Vietnamese letters needed get
codes 128+ with `uniXXXX` glyph names (which every PDF reader maps back to Unicode)."""

from __future__ import annotations

import datetime as dt

# the letters beyond ASCII that the test documents use, each given a code from 128 on
_LOWER = "àáảãạăắằặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳý"  # 124 codes with capitals
_EXTRA = "".join(dict.fromkeys(_LOWER + _LOWER.upper()))
assert len(_EXTRA) <= 128
_CODES = {ch: 128 + i for i, ch in enumerate(_EXTRA)}
_WIDTH = 10  # digits of a byte range value filled in after the file is laid out


def encode(text: str) -> bytes:
    """A string as a PDF literal string in the test font's encoding (parentheses escaped)."""
    out = bytearray()
    for ch in text:
        code = _CODES.get(ch, ord(ch))
        if code > 255:
            raise ValueError(f"no code for {ch!r} in the test font")
        if ch in "()\\":
            out += b"\\"
        out.append(code)
    return bytes(out)


def font_object(to_unicode: bool = True) -> bytes:
    """A fixed-width font with the Vietnamese letters as uniXXXX glyphs; without `to_unicode` the glyph
    names are hidden (gNN) and no ToUnicode map is given: a text layer that cannot be read."""
    names = " ".join(f"/uni{ord(ch):04X}" if to_unicode else f"/g{i}" for i, ch in enumerate(_EXTRA))
    widths = " ".join(["500"] * (128 + len(_EXTRA) - 32))
    diffs = (
        f"/Differences [128 {names}]"
        if to_unicode
        else "/Differences [32 " + " ".join(f"/g{c}" for c in range(32, 128 + len(_EXTRA))) + "]"
    )
    return (
        f"<< /Type /Font /Subtype /Type1 /BaseFont /VanbanTestSans /FirstChar 32 /LastChar {127 + len(_EXTRA)} "
        f"/Widths [{widths}] /Encoding << /Type /Encoding {diffs} >> >>"
    ).encode()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_file(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file from object bodies (object 1 is the catalog); `trailer` adds trailer entries."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def text_content(lines: list[tuple[float, float, str]], size: float = 12) -> bytes:
    """Content stream drawing each (x, y, text) line in font /F1."""
    return b"".join(b"BT /F1 %g Tf %g %g Td (%s) Tj ET\n" % (size, x, y, encode(t)) for x, y, t in lines)


def cms_signature(cn: str, org: str, signed_at: dt.datetime) -> bytes:
    """A detached CMS SignedData by a throw-away self-signed certificate (cryptography)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs7
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME, org)]
    )
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA thử nghiệm")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(0x1234ABCD)
        .not_valid_before(signed_at - dt.timedelta(days=1))
        .not_valid_after(signed_at + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(b"signed bytes")
        .add_signer(cert, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature])
    )


def signed_letter(body: list[tuple[float, float, str]], signers: list[tuple], whole_file: bool = True) -> bytes:
    """One A4 page of `body` lines with one signature field per signer (cn, organisation, time[,
    (rect, stamped text)]), in signing order; a signer without a stamp draws a small square (a
    seal picture in real files). The last signature's byte range covers the file when `whole_file`."""
    n_sig = len(signers)
    # objects: 1 catalog, 2 pages, 3 page, 4 content, 5 font, then per signature: widget, AP, value
    first = 6
    widgets = " ".join(f"{first + 3 * i} 0 R" for i in range(n_sig)).encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] /SigFlags 3 >> >>" % widgets,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> /Annots [%s] >>" % widgets,
        stream(text_content(body)),
        font_object(),
    ]
    for i, (cn, org, when, *stamp) in enumerate(signers):
        rect, text = stamp[0] if stamp else ([300, 100, 420, 160], "")
        w, h = rect[2] - rect[0], rect[3] - rect[1]
        ap = b"BT /F1 12 Tf 2 %g Td (%s) Tj ET" % (h / 3, encode(text)) if text else b"q 0 0 1 rg 0 0 5 5 re f Q"
        offset = when.strftime("%z")
        m = when.strftime("D:%Y%m%d%H%M%S") + f"{offset[:3]}'{offset[3:]}'"
        contents = cms_signature(cn, org, when).hex().upper().encode()
        last = i == n_sig - 1 and whole_file
        objs.append(
            b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature%d) /F 4 /P 3 0 R "
            b"/Rect [%g %g %g %g] /AP << /N %d 0 R >> /V %d 0 R >>"
            % (i + 1, *rect, first + 3 * i + 1, first + 3 * i + 2)
        )
        objs.append(
            stream(
                ap, b"/Type /XObject /Subtype /Form /BBox [0 0 %g %g] /Resources << /Font << /F1 5 0 R >> >> " % (w, h)
            )
        )
        byte_range = b"0 %s" % (b" ".join([b"0" * _WIDTH] * 3) if last else b"10 20 %d" % (30 + i))
        objs.append(
            b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /M (%s) "
            b"/ByteRange [%s] /Contents <%s> >>" % (m.encode(), byte_range, contents)
        )
    data = pdf_file(objs)
    if whole_file:  # the last signature's byte range ends at the end of the file (same width: xref holds)
        start = data.rindex(b"/ByteRange [0 ") + len(b"/ByteRange [0 ")
        values = b"%0*d %0*d %0*d" % (_WIDTH, 100, _WIDTH, 200, _WIDTH, len(data) - 200)
        data = data[:start] + values + data[start + len(values) :]
    return data


def text_pdf(pages: list[list[tuple[float, float, str]]], to_unicode: bool = True) -> bytes:
    """A4 pages of text lines in the test font; without `to_unicode` its glyphs cannot be named."""
    n = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n)).encode()
    font = 3 + 2 * n
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n)]
    for i, lines in enumerate(pages):
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font)
        )
        objs.append(stream(text_content(lines)))
    objs.append(font_object(to_unicode))
    return pdf_file(objs)
