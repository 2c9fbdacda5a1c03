"""Digital signatures of a PDF: who signed, when, where, and what each signature's widget prints.

Signed administrative PDFs get their number and day from the issuing office's signing system
(NĐ 30/2020/NĐ-CP, Điều 15.3 and Phụ lục I: the system assigns "số, ký hiệu, thời gian ký"): a
signature widget's appearance stream draws "184" and "06" over the blanks of "Số: /BC-SNV" and
"ngày tháng 11", while the page's own text keeps the blanks. Each signature widget's appearance is
rendered here with pdfminer (the page text's own parser, so the chars come in the page's
coordinates) and
- a widget that draws one short token ("184", "06", "12/QĐ-UBND") fills a blank: its chars are
  merged into the page's chars, and the page's blanks under them (spaces, dots, underscores) are
  dropped (`merge_stamps`);
- a widget that draws sentences ("Ký bởi: …", "Cơ quan phát hành: …", "SAO Y; …; Thời gian ký: …")
  describes the signature, it is not document text: kept as `Signature.appearance_text` only.
The signature dictionary gives /M, /SubFilter, /ByteRange and the CMS SignedData (/Contents), read
with asn1crypto (certificates: subject CN/O, serial, issuer CN). Nothing is validated or fetched.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from extractors.model import Signature, clean_text
from extractors.pdf.layout import layout_objects

_PDF_DATE = re.compile(r"D:(\d{4})(\d\d)?(\d\d)?(\d\d)?(\d\d)?(\d\d)?(?:([Zz+-])(\d\d)?'?(\d\d)?'?)?")
_HIDDEN_FLAGS = 0x02 | 0x20  # annotation flags Hidden, NoView: the widget is never drawn
_BLANK_CHARS = {"", ".", "…", "_"}  # what a page prints where a value is stamped later
_STAMP_MAX_CHARS = 24  # a stamped value is one short token: "184", "06", "12/2024/QĐ-UBND"
# a certificate issued to an organisation (the office's văn thư) rather than to a person: its
# common name is the agency's name ("Sở Nội vụ", "UBND tỉnh …", "Công an tỉnh …", "Công ty …")
_ORG_NAME = re.compile(
    r"^(?:sở|ủy ban|uỷ ban|ubnd|hđnd|hội đồng|bộ|cục|chi cục|tổng cục|vụ|ban|văn phòng|vp|công an|"
    r"quân|bộ chỉ huy|thanh tra|kho bạc|chi nhánh|trung tâm|ttr|phòng|viện|trường|bệnh viện|báo|đài|"
    r"tỉnh ủy|tỉnh uỷ|thành ủy|thành uỷ|huyện ủy|huyện uỷ|đảng ủy|đảng uỷ|đảng bộ|mặt trận|hội|liên|"
    r"đoàn|công ty|tổng công ty|tập đoàn|ngân hàng|hợp tác xã|cơ quan|tòa án|toà án|viện kiểm sát|"
    r"chính phủ|quốc hội|kiểm toán|xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)\b",
    re.I,
)


def parse_pdf_date(value: Any) -> dt.datetime | None:
    """A PDF date string "D:20251106142656+07'00'" as an aware datetime (naive without an offset)."""
    text = _text(value)
    m = _PDF_DATE.match(text.strip()) if text else None
    if not m:
        return None
    y, mo, d, h, mi, s, sign, oh, om = m.groups()
    try:
        tz = None
        if sign in ("Z", "z"):
            tz = dt.timezone.utc
        elif sign:
            offset = dt.timedelta(hours=int(oh or 0), minutes=int(om or 0))
            tz = dt.timezone(offset if sign == "+" else -offset)
        return dt.datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(s or 0), tzinfo=tz)
    except ValueError:
        return None


def is_organization(cn: str | None, o: str | None) -> bool:
    """Whether a certificate belongs to an organisation: its CN is an agency's name. A personal
    certificate's CN is a person's name (its O is the employer, so O alone says nothing)."""
    return bool(cn and _ORG_NAME.match(cn.strip()))


def _text(value: Any) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, PSLiteral):
        return str(value.name)
    if isinstance(value, bytes):
        return decode_text(value)
    return "" if value is None else str(value)


def _inherited(annot: dict, key: str) -> Any:
    """A field attribute (/FT, /T, /V) on the widget or, for a widget kid, on its parent field."""
    from pdfminer.pdftypes import resolve1

    node, depth = annot, 0
    while isinstance(node, dict) and depth < 8:
        if key in node:
            return resolve1(node[key])
        node, depth = resolve1(node.get("Parent")), depth + 1
    return None


def _numbers(value: Any) -> list[float]:
    from pdfminer.pdftypes import resolve1

    try:
        return [float(resolve1(v)) for v in resolve1(value) or []]
    except (TypeError, ValueError):
        return []


def _certificate_fields(contents: Any) -> dict:
    """Signer certificate subject CN/O, serial and issuer CN, and the CMS signing time."""
    if not isinstance(contents, bytes) or not contents.strip(b"\x00"):
        return {}
    try:
        from asn1crypto import cms

        signed = cms.ContentInfo.load(contents.rstrip(b"\x00"))["content"]
        certs = [c.chosen for c in signed["certificates"] if c.name == "certificate"]
        info = signed["signer_infos"][0]
        sid = info["sid"]
        cert = None
        if sid.name == "issuer_and_serial_number":
            serial = sid.chosen["serial_number"].native
            cert = next((c for c in certs if c.serial_number == serial), None)
        else:
            key_id = sid.chosen.native
            cert = next((c for c in certs if c.key_identifier == key_id), None)
        cert = cert or next((c for c in certs if not c.ca), None) or (certs[0] if certs else None)
        out: dict = {}
        for attr in info["signed_attrs"] if info["signed_attrs"] else []:
            if attr["type"].native == "signing_time":
                out["signing_time"] = attr["values"][0].native
        if cert is not None:
            subject, issuer = cert.subject.native, cert.issuer.native
            out.update(
                subject_cn=_one(subject.get("common_name")),
                subject_o=_one(subject.get("organization_name")),
                serial_number=format(cert.serial_number, "X"),
                issuer_cn=_one(issuer.get("common_name")),
            )
        return out
    except Exception:  # noqa: BLE001 - a damaged CMS blob: the signature is still listed, without its certificate
        return {}


def _one(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return clean_text(str(value)) or None if value is not None else None


def _appearance_form_matrix(form: dict, rect: list[float]) -> tuple:
    """The matrix that draws an appearance stream into its annotation rectangle (PDF 32000
    §12.5.5: the form's BBox, transformed by its Matrix, is fitted onto /Rect)."""
    from pdfminer.utils import apply_matrix_pt, mult_matrix

    matrix = tuple(_numbers(form.get("Matrix"))) or (1, 0, 0, 1, 0, 0)
    bbox = _numbers(form.get("BBox"))
    if len(matrix) != 6 or len(bbox) != 4 or len(rect) != 4:
        return matrix if len(matrix) == 6 else (1, 0, 0, 1, 0, 0)
    pts = [apply_matrix_pt(matrix, (x, y)) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
    x0, y0 = min(p[0] for p in pts), min(p[1] for p in pts)
    x1, y1 = max(p[0] for p in pts), max(p[1] for p in pts)
    rx0, ry0, rx1, ry1 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
    sx = (rx1 - rx0) / (x1 - x0) if x1 > x0 else 1.0
    sy = (ry1 - ry0) / (y1 - y0) if y1 > y0 else 1.0
    return mult_matrix(matrix, (sx, 0, 0, sy, rx0 - x0 * sx, ry0 - y0 * sy))


def _page_ctm(page_obj) -> tuple:
    """pdfminer's page matrix (`PDFPageInterpreter.process_page`): the mediabox origin and /Rotate."""
    x0, y0, x1, y1 = page_obj.mediabox
    return {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1), 270: (0, 1, -1, 0, y1, -x0)}.get(
        page_obj.rotate, (1, 0, 0, 1, -x0, -y0)
    )


def _appearance_chars(page, annot: dict, rect: list[float], rsrcmgr) -> list[dict]:
    """The chars a widget's normal appearance draws, in the page's char-dict coordinates."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.utils import mult_matrix

    appearance = (
        resolve1(resolve1(annot.get("AP") or {}).get("N")) if isinstance(resolve1(annot.get("AP")), dict) else None
    )
    if not isinstance(appearance, PDFStream):
        return []
    page_obj = page.page_obj
    ctm = _page_ctm(page_obj)
    device = PDFPageAggregator(rsrcmgr)
    device.begin_page(page_obj, ctm)
    interpreter = PDFPageInterpreter(rsrcmgr, device)
    interpreter.render_contents(
        resolve1(appearance.get("Resources")) or {},
        [appearance],
        ctm=mult_matrix(_appearance_form_matrix(appearance, rect), ctm),
    )
    device.end_page(page_obj)
    chars = layout_objects(
        device.get_result()._objs, float(page.height), float(page.mediabox[0]), float(page.mediabox[1])
    )[0]
    return chars


def _page_bbox(page, rect: list[float]) -> tuple[float, float, float, float] | None:
    """A PDF rectangle (user space) as x0, top, x1, bottom in the page's char coordinates."""
    from pdfminer.utils import apply_matrix_pt

    if len(rect) != 4:
        return None
    ctm = _page_ctm(page.page_obj)
    pts = [apply_matrix_pt(ctm, (x, y)) for x in (rect[0], rect[2]) for y in (rect[1], rect[3])]
    height, mb_x0, mb_top = float(page.height), float(page.mediabox[0]), float(page.mediabox[1])
    xs, ys = [p[0] + mb_x0 for p in pts], [height - p[1] + mb_top for p in pts]
    return (round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1))


def is_stamped_value(text: str) -> bool:
    """A widget text that fills a blank of the page: one short token with a digit ("184", "06",
    "12/QĐ-UBND"), not a description of the signature ("Ký bởi: …", "SAO Y; …")."""
    text = text.strip()
    return (
        0 < len(text) <= _STAMP_MAX_CHARS
        and not any(ch.isspace() for ch in text)
        and ":" not in text
        and ";" not in text
        and any(ch.isdigit() for ch in text)
    )


def page_signatures(page, number: int, file_size: int | None, rsrcmgr) -> tuple[list[Signature], list[dict]]:
    """The signatures whose widgets stand on one pdfplumber page, and the chars of those that
    stamp a value (to merge into the page's chars with `merge_stamps`)."""
    from pdfminer.pdftypes import resolve1

    signatures: list[Signature] = []
    stamp_chars: list[dict] = []
    for ref in resolve1(page.page_obj.annots) or []:
        annot = resolve1(ref)
        if (
            not isinstance(annot, dict)
            or _text(annot.get("Subtype")) != "Widget"
            or _text(_inherited(annot, "FT")) != "Sig"
        ):
            continue
        value = _inherited(annot, "V")
        if not isinstance(value, dict):
            continue  # an empty signature field: nobody signed it
        rect = _numbers(annot.get("Rect"))
        visible = (
            len(rect) == 4
            and abs(rect[2] - rect[0]) > 1
            and abs(rect[3] - rect[1]) > 1
            and not int(resolve1(annot.get("F")) or 0) & _HIDDEN_FLAGS
        )
        sig = _signature(value, file_size)
        sig.field_name = _text(_inherited(annot, "T")) or None
        if visible:
            sig.page, sig.bbox = number, _page_bbox(page, rect)
            try:
                chars = _appearance_chars(page, annot, rect, rsrcmgr)
            except Exception:  # noqa: BLE001 - a broken appearance stream: the signature without its text
                chars = []
            sig.appearance_text = clean_text("".join(c["text"] for c in chars))
            if is_stamped_value(sig.appearance_text):
                sig.stamped = True
                stamp_chars.extend(c for c in chars if c["text"].strip())
        signatures.append(sig)
    return signatures, stamp_chars


def _signature(value: dict, file_size: int | None) -> Signature:
    from pdfminer.pdftypes import resolve1

    byte_range = [int(v) for v in _numbers(value.get("ByteRange"))]
    signed_bytes = byte_range[-2] + byte_range[-1] if len(byte_range) >= 4 else None
    covers = signed_bytes == file_size and byte_range[0] == 0 if signed_bytes is not None and file_size else None
    cert = _certificate_fields(resolve1(value.get("Contents")))
    signed_at = parse_pdf_date(value.get("M")) or cert.get("signing_time")
    sig = Signature(
        signed_at=signed_at,
        subfilter=_text(value.get("SubFilter")) or None,
        covers_whole_file=covers,
        subject_cn=cert.get("subject_cn"),
        subject_o=cert.get("subject_o"),
        serial_number=cert.get("serial_number"),
        issuer_cn=cert.get("issuer_cn"),
        signed_bytes=signed_bytes,
    )
    sig.is_organization = is_organization(sig.subject_cn, sig.subject_o)
    return sig


def merge_stamps(chars: list[dict], stamp_chars: list[dict]) -> list[dict]:
    """The page's chars with the stamped values in their place: a page blank (space, dot,
    underscore) that a stamped char covers is dropped, so "Số:      /BC" + "184" reads "Số: 184 /BC"."""
    if not stamp_chars:
        return chars

    def covered(c: dict) -> bool:
        return any(
            c["x0"] < s["x1"] and s["x0"] < c["x1"] and c["top"] < s["bottom"] and s["top"] < c["bottom"]
            for s in stamp_chars
        )

    kept = [c for c in chars if c["text"].strip() not in _BLANK_CHARS or not covered(c)]
    return kept + stamp_chars
