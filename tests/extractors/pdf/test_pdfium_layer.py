"""The pdfium layer (`extractors.pdf.pdfium.layer`) reads a page as pdfminer does, or declines.

Written from what the layer promises: the same char dicts as `layout.layout_objects` gives from
pdfminer (text, box, size, font name with its subset tag), the same lines and rectangles (a
two-point path is a line, a closed axis-parallel four-point path a rectangle, curves left out),
the image areas; and `Fallback` on a rotated page, an annotated page, a glyph without a Unicode
mapping. The whole backend then gives the same document through either layer."""

from __future__ import annotations

import dataclasses

import pdfplumber
import pytest
from pdfminer.pdfinterp import PDFResourceManager

from extractors.pdf.backend import extract
from extractors.pdf.layout import layout_objects
from extractors.pdf.pdfium.layer import Fallback, PdfiumPages, check_space
from extractors.pdf.settings import PdfTableSettings
from tests.conftest import SAMPLES
from tests.extractors.pdf.made_pdfs import encode, font_object, pdf_file, stream

CONTENT = (
    b"BT /F1 12 Tf 72 760 Td (" + encode("Kế hoạch số 12/KH-UBND") + b") Tj "
    b"0 -16 Td (" + encode("Điều 1. Giao nhiệm vụ") + b") Tj ET\n"
    b"BT /F1 9 Tf 3 Ts 300 744 Td (10) Tj ET\n"  # a raised footnote number
    b"0.5 w 72 700 m 520 700 l S\n"  # a line
    b"72 600 448 80 re S\n"  # a stroked rectangle: four rulings
    b"0 0 0 rg 72 560 448 0.6 re f\n"  # a thin filled bar: one ruling
    b"1 1 1 rg 72 500 448 40 re f\n"  # white shading: no ruling
    b"72 450 m 100 480 150 480 180 450 c S\n"  # a curve: not a ruling
    b"q 100 0 0 50 300 300 cm /Im0 Do Q\n"
)


def _pdf(content: bytes = CONTENT, page_extra: bytes = b"", to_unicode: bool = True) -> bytes:
    image = stream(
        b"\x80" * 4, b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 "
    )
    return pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im0 6 0 R >> >> " + page_extra + b">>",
            stream(content),
            font_object(to_unicode),
            image,
        ]
    )


def _both(tmp_path, data: bytes):
    path = tmp_path / "page.pdf"
    path.write_bytes(data)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        miner = layout_objects(page.layout._objs, float(page.height))
        fast = PdfiumPages(str(path))
        try:
            return miner, fast.read(0, page, PDFResourceManager(caching=True))
        finally:
            fast.close()


def _same(a: dict, b: dict, keys: tuple[str, ...]) -> bool:
    return all(a[k] == b[k] if isinstance(a[k], str) else abs(a[k] - b[k]) < 1e-3 for k in keys)


def test_chars_are_pdfminers(tmp_path):
    (chars, _, _, _), objects = _both(tmp_path, _pdf())
    miner = [c for c in chars if c["text"].strip()]
    fast = [c for c in objects.chars if c["text"].strip()]
    assert "".join(c["text"] for c in fast) == "".join(c["text"] for c in miner)
    keys = ("text", "x0", "x1", "top", "bottom", "size", "fontname")
    assert all(_same(a, b, keys) for a, b in zip(miner, fast))
    assert all(c["upright"] for c in fast)


def test_lines_rects_and_images_are_pdfminers(tmp_path):
    (_, lines, rects, images), objects = _both(tmp_path, _pdf())
    keys = ("x0", "x1", "top", "bottom")
    assert len(objects.lines) == len(lines) == 1 and _same(lines[0], objects.lines[0], keys)
    assert len(objects.rects) == len(rects) == 3
    assert all(
        _same(a, b, keys) and a["fill"] == b["fill"] and a["stroke"] == b["stroke"]
        for a, b in zip(rects, objects.rects)
    )
    assert objects.image_areas == pytest.approx(images) and images == pytest.approx([5000.0])


@pytest.mark.parametrize(
    "page_extra, to_unicode",
    [
        (b"/Rotate 90 ", True),  # pdfminer turns the page, pdfium's coordinates do not
        (b"/Annots [<< /Type /Annot /Subtype /Text /Rect [10 10 20 20] >>] ", True),
        (b"", False),  # pdfminer spells such glyphs "(cid:NN)", which the garbage test counts
    ],
)
def test_pages_pdfium_may_read_otherwise_fall_back(tmp_path, page_extra, to_unicode):
    with pytest.raises(Fallback):
        _both(tmp_path, _pdf(page_extra=page_extra, to_unicode=to_unicode))


def _char(x0: float, x1: float, size: float = 12.0) -> dict:
    return {"text": "a", "x0": x0, "x1": x1, "top": 100.0, "bottom": 100.0 + size, "size": size}


def test_a_space_squeezed_below_a_word_gap_is_left_to_pdfminer():
    settings = PdfTableSettings()
    check_space(_char(0, 10), _char(10.05, 20), settings)  # no gap (a size change): the words run on
    check_space(_char(0, 10), _char(14, 20), settings)  # a gap wider than a word gap: a word ends anyway
    with pytest.raises(Fallback):
        check_space(_char(0, 10), _char(11, 20), settings)  # a narrow space glyph: only pdfminer knows


def _texts(doc) -> list:
    """What a document says, block by block (positions aside: pdfium computes them in float32)."""
    out = []
    for block in doc.blocks:
        data = dataclasses.asdict(block)
        data.pop("bbox", None)
        data.pop("indent", None)
        for row in data.get("rows", []):
            for cell in row["cells"]:
                cell.pop("bbox", None)
        out.append(data)
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.pdf")) or ["none"])
def test_the_seed_pdfs_read_the_same_through_either_layer(name):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip("no seed PDFs")
    if name.endswith(".scan.pdf"):
        pytest.skip("a scan: OCR's business")
    plumber = extract(path, PdfTableSettings(text_layer="pdfplumber"))
    pdfium = extract(path, PdfTableSettings(text_layer="pdfium"))
    assert _texts(pdfium) == _texts(plumber)
    assert pdfium.warnings == plumber.warnings and pdfium.page_count == plumber.page_count


def test_a_glyph_mapped_to_a_letter_and_a_combining_mark_is_one_char(tmp_path):
    """A font's ToUnicode may give one glyph two code points ("ơ" + U+0300, Word's decomposed
    text): pdfium makes two chars of it at one origin, pdfminer one char as wide as the glyph."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /VanbanTest def "
        b"1 begincodespacerange <00> <FF> endcodespacerange "
        b"1 beginbfchar <80> <01A10300> endbfchar endcmap "
        b"CMapName currentdict /CMap defineresource pop end end"
    )
    widths = " ".join(["500"] * 97).encode()
    data = pdf_file(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            stream(b"BT /F1 12 Tf 72 760 Td (tr\x80ng) Tj ET\n"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /VanbanTestSans /FirstChar 32 /LastChar 128 "
            b"/Widths [" + widths + b"] /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>",
            stream(cmap),
        ]
    )
    (chars, _, _, _), objects = _both(tmp_path, data)
    keys = ("text", "x0", "x1", "top", "bottom", "size", "fontname")
    assert [c["text"] for c in objects.chars] == [c["text"] for c in chars] == ["t", "r", "\u01a1\u0300", "n", "g"]
    assert all(_same(a, b, keys) for a, b in zip(chars, objects.chars))
