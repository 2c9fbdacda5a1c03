"""A PDF page's chars, ruling lines, rectangles and images read by pdfium instead of pdfminer.

pdfminer interprets every page's content in Python, about three quarters of the time vanban
spends on a text PDF; pdfium (pypdfium2, already a dependency) does the same in C. This module
gives what `layout.layout_objects` gives from pdfminer — the same dicts, in the same
coordinates (x from the page's left, top/bottom from its top) — so the same word, ruling, table
and paragraph code runs on either:

- chars: pdfium's glyph origins; the advance width, the height and the font's name (with its
  subset tag) from the font as pdfminer reads it (`pdfium.fonts`), so a char's box is pdfminer's.
  pdfium replaces the content's space glyphs by spaces of its own (also where it merely sees a
  gap): they are left out, and a word ends at the gap as `chars_to_words` judges it
  (`check_space`);
- lines and rects: the page's path objects classified as pdfminer's `paint_path` does, and the
  areas of the images (is the page a scan?): `pdfium.paths`.

`Fallback` is raised where the two readings could differ and pdfplumber reads the page instead
(the caller's job): a rotated page or one whose media box does not start at 0 0, a font pdfminer
does not name the same or reads as Type3 or vertical, a glyph without a Unicode mapping (pdfminer
spells it "(cid:NN)", which `pdf.garbage` counts), text that is not upright and unskewed, a
glyph whose advance width cannot be told, a space squeezed below a word gap, a page near the
garbage thresholds (the garbage test counts words between space glyphs: pdfminer's to judge).
Annotated pages (signature widgets) are read by pdfplumber too: on the corpus' signed PDFs
pdfium's reading of such pages differs (x positions 0.1 pt apart, overprinted lines untangled).
A glyph that pdfium spells as a letter and a combining mark ("ơ" + U+0300) is pdfminer's one
char ("ờ").
Tolerances: `PdfTableSettings.pdfium_*`.
"""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from typing import Any, NamedTuple

from extractors.pdf.garbage import GarbageSettings, garbage_reason
from extractors.pdf.pdfium.fonts import page_fonts, strip_tag
from extractors.pdf.pdfium.paths import page_paths
from extractors.pdf.settings import DEFAULT_SETTINGS, PdfTableSettings


_GENERATED = " \r\n"  # the only chars pdfium makes up (a gap's space, a line break)
# a font as pdfminer reads it: name, descent, text -> advance widths, text -> its one width
_Reading = tuple[str, float, dict[str, tuple[float, ...]], dict[str, float]]


class _Calls(NamedTuple):
    """The pdfium calls made per char or per text object, without argument types: called with
    the text page and the text object as c_void_p, an index as an int and the values they write
    by reference, ctypes then converts nothing per call (a third of a per-char call's cost: ~0.18
    against ~0.28 us; a text object's matrix, size and font: 6.3 against ~2 us). A text object or
    font comes back as a plain address, a dict key."""

    is_generated: Any  # FPDFText_IsGenerated(page, i)
    map_error: Any  # FPDFText_HasUnicodeMapError(page, i)
    text_object: Any  # FPDFText_GetTextObject(page, i)
    origin: Any  # FPDFText_GetCharOrigin(page, i, &x, &y)
    matrix: Any  # FPDFText_GetMatrix(page, i, &matrix)
    font_size: Any  # FPDFTextObj_GetFontSize(object, &size)
    font: Any  # FPDFTextObj_GetFont(object)


@cache
def _calls() -> _Calls:
    import pypdfium2.raw as raw

    def bare(func: Any, restype: Any) -> Any:
        return ctypes.CFUNCTYPE(restype)(ctypes.cast(func, ctypes.c_void_p).value)

    return _Calls(
        bare(raw.FPDFText_IsGenerated, ctypes.c_int),
        bare(raw.FPDFText_HasUnicodeMapError, ctypes.c_int),
        bare(raw.FPDFText_GetTextObject, ctypes.c_void_p),
        bare(raw.FPDFText_GetCharOrigin, ctypes.c_int),
        bare(raw.FPDFText_GetMatrix, ctypes.c_int),
        bare(raw.FPDFTextObj_GetFontSize, ctypes.c_int),
        bare(raw.FPDFTextObj_GetFont, ctypes.c_void_p),
    )


class Fallback(Exception):
    """pdfium's reading of this page may differ from pdfminer's: read it with pdfplumber."""


@dataclass
class PageObjects:
    chars: list[dict]
    lines: list[dict]
    rects: list[dict]
    image_areas: list[float]


def _drawn(options: tuple[float, ...]) -> tuple[float, ...]:
    """A text's advance widths without the 0 of a code outside the font's /Widths beside codes
    really drawn (`options` sorted)."""
    return options[1:] if len(options) > 1 and options[0] == 0.0 else options


def _sole_widths(widths: dict[str, tuple[float, ...]]) -> dict[str, float]:
    """text -> its advance width, for the texts a font draws with one width (`_drawn`)."""
    out = {}
    for text, options in widths.items():
        options = _drawn(options)
        if len(options) == 1:
            out[text] = options[0]
    return out


def _glyph_text(text: str, widths: dict[str, tuple[float, ...]]) -> str | None:
    """The text a font maps one of its glyphs to, spelt as `text` or as its NFC form; None when
    no glyph of the font has that text."""
    for form in (text, unicodedata.normalize("NFC", text)):
        if form in widths:
            return form
    return None


def check_space(before: dict, after: dict, settings: PdfTableSettings) -> None:
    """pdfium puts its own space where the content has a space glyph, and where it sees a gap
    (also a mere change of size: "điểm" + superscript "10" + "."). pdfminer keeps the glyph, and
    `chars_to_words` ends a word at a space glyph or at a gap wider than `word_gap_ratio` x size:
    without the glyph the gap decides, which is the same unless a space glyph was squeezed below
    that gap (justified text): such a narrow space is left to pdfminer."""
    size = max(before["size"], after["size"], 1.0)
    gap = after["x0"] - before["x1"]
    if (
        settings.pdfium_space_min_gap_ratio * size < gap <= settings.word_gap_ratio * size
        and abs(after["top"] - before["top"]) < settings.line_overlap_ratio * size
    ):
        raise Fallback("a space narrower than a word gap")


class PdfiumPages:
    """One open document: `read(index, plumber_page, rsrcmgr)` gives a page's objects or raises Fallback."""

    def __init__(self, path: str):
        import pypdfium2 as pdfium

        self._pdf = pdfium.PdfDocument(path)
        self._buf = ctypes.create_string_buffer(512)
        self._font_widths: dict[int, tuple[Any, dict[str, tuple[float, ...]]]] = {}
        self._readings: dict[tuple, _Reading] = {}

    def __len__(self) -> int:
        return len(self._pdf)

    def close(self) -> None:
        self._pdf.close()

    def read(
        self, index: int, plumber_page: Any, rsrcmgr: Any, settings: PdfTableSettings = DEFAULT_SETTINGS
    ) -> PageObjects:
        import pypdfium2.raw as raw

        page = self._pdf[index]
        try:
            if page.get_rotation() or any(abs(v) > 1e-6 for v in page.get_mediabox()[:2]):
                raise Fallback("rotated page or media box not at 0 0")
            height = float(plumber_page.height)
            tol = settings.pdfium_size_tolerance
            if abs(page.get_height() - height) > tol or abs(page.get_width() - float(plumber_page.width)) > tol:
                raise Fallback("page size differs")
            if raw.FPDFPage_GetAnnotCount(page.raw):
                raise Fallback("annotations")
            fonts = page_fonts(plumber_page.page_obj, rsrcmgr)
            textpage = page.get_textpage()
            try:
                chars = self._chars(textpage.raw, fonts, height, settings)
            finally:
                textpage.close()
            lines, rects, images = page_paths(page.raw, height)
            return PageObjects(chars, lines, rects, images)
        finally:
            page.close()

    # -----------------------------------------------------------------------------------------
    # chars

    def _font(self, handle: int, fonts: dict[str, list[Any]], seen: dict[int, _Reading]) -> _Reading:
        """pdfminer's reading of a text object's font (pdfium's `handle`): its name, its descent
        (a share of the size), the advance widths (shares of the size) of each text it maps a code
        to, and the one width of each text that has one (`_sole_widths`). `seen`: the page's
        readings so far, by pdfium's font (one handle per font of the document)."""
        import pypdfium2.raw as raw

        if handle in seen:
            return seen[handle]
        n = raw.FPDFFont_GetBaseFontName(ctypes.cast(handle, raw.FPDF_FONT), self._buf, len(self._buf))
        name = self._buf.raw[: max(0, n - 1)].decode("utf-8", "replace")
        candidates = fonts.get(name) or fonts.get(strip_tag(name)) or []
        key = (name, tuple(id(f) for f in candidates))  # pdfminer's fonts are the same objects on every page
        if key not in self._readings:
            self._readings[key] = self._reading(name, candidates)
        seen[handle] = self._readings[key]
        return seen[handle]

    def _reading(self, name: str, candidates: list[Any]) -> _Reading:
        from pdfminer.pdffont import PDFType3Font

        descents = {f.get_descent() for f in candidates}
        if len(descents) != 1:
            raise Fallback(f"font {name!r}: {len(descents)} pdfminer heights")
        if any(isinstance(f, PDFType3Font) or f.is_vertical() for f in candidates):
            raise Fallback(f"font {name!r}: Type3 or vertical")
        # subsets of one font ("AAAAAA+Arial", "BAAAAA+Arial") differ in their tag only: one name
        names = [
            f.fontname.decode("latin-1", "replace") if isinstance(f.fontname, bytes) else str(f.fontname)
            for f in candidates
        ]
        widths: dict[str, tuple[float, ...]] = {}
        for f in candidates:
            for text, options in self._widths(f).items():
                widths[text] = tuple(sorted(set(widths.get(text, ()) + options)))
        return min(names), float(descents.pop()), widths, _sole_widths(widths)

    def _widths(self, font: Any) -> dict[str, tuple[float, ...]]:
        """text -> the advance widths (shares of the size) of a pdfminer font's codes for it
        (several where codes of one text differ in width)."""
        key = id(font)
        if key not in self._font_widths:
            codes = set(getattr(font, "cid2unicode", {}) or {})
            unicode_map = getattr(font, "unicode_map", None)
            codes |= set(getattr(unicode_map, "cid2unichr", {}) or {})
            out: dict[str, tuple[float, ...]] = {}
            for cid in codes:
                try:
                    text = font.to_unichr(cid)
                except Exception:  # noqa: BLE001 - pdfminer's PDFUnicodeNotDefined and kin
                    continue
                width = float(font.char_width(cid))
                if width not in out.get(text, ()):
                    out[text] = out.get(text, ()) + (width,)
            self._font_widths[key] = (font, out)  # the font is kept alive: its id stays its own
        return self._font_widths[key][1]

    def _chars(self, tp: Any, fonts: dict[str, list[Any]], height: float, settings: PdfTableSettings) -> list[dict]:
        import pypdfium2.raw as raw

        n = raw.FPDFText_CountChars(tp)
        if n <= 0:
            return []
        buf = (ctypes.c_ushort * (n + 1))()
        written = raw.FPDFText_GetText(tp, 0, n, buf)
        text = bytes(buf)[: 2 * max(0, written - 1)].decode("utf-16-le", "replace")
        if len(text) != n:  # characters beyond the BMP take two UTF-16 units
            text = "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(n))
        calls = _calls()
        is_generated, map_error, get_obj, get_origin = calls[:4]
        page = ctypes.c_void_p(ctypes.cast(tp, ctypes.c_void_p).value)
        # pdfium's own chars (`_GENERATED`) are never unmapped glyphs: one pass asks every char
        if any(map(map_error, repeat(page, n), range(n))):
            raise Fallback("a glyph without a Unicode mapping")
        keys = list(map(get_obj, repeat(page, n), range(n)))  # each char's text object
        ox, oy = ctypes.c_double(), ctypes.c_double()
        ox_ref, oy_ref = ctypes.byref(ox), ctypes.byref(oy)
        box = raw.FS_RECTF()
        m = raw.FS_MATRIX()
        fs = ctypes.c_float()
        m_ref, fs_ref = ctypes.byref(m), ctypes.byref(fs)
        objs: dict[int, tuple[str, float, float, float, dict, dict]] = {}  # text object -> font reading
        font_readings: dict[int, _Reading] = {}  # pdfium's font -> its reading, on this page
        out: list[dict] = []
        texts: list[str] = []  # the page's text with pdfium's spaces, for the garbage test
        last: dict | None = None
        last_key, last_y = 0, 0.0  # the text object and baseline of `last`
        unsized = False  # `last` has no width unless the combining mark after it is of its glyph
        space_after: dict | None = None  # the char before a space pdfium made up
        combining = unicodedata.combining
        run_key = -1  # the text object of the chars being read: its reading is in the locals below
        fontname, size, descent, xscale = "", 0.0, 0.0, 0.0
        widths: dict[str, tuple[float, ...]] = {}
        sole: dict[str, float] = {}
        for i in range(n):
            ch = text[i]
            if ch in _GENERATED and is_generated(page, i):
                if ch == " ":
                    space_after = last
                if texts and texts[-1] != " ":
                    texts.append(" ")
                continue
            key = keys[i] or 0
            if key != run_key:  # a new text object (chars come in runs of one object)
                info = objs.get(key)
                if info is None:
                    obj = ctypes.c_void_p(key)
                    calls.matrix(page, i, m_ref)
                    if m.b or m.c or m.a <= 0 or m.d <= 0:
                        raise Fallback("text that is not upright")
                    calls.font_size(obj, fs_ref)
                    fontname, descent, widths, sole = self._font(calls.font(obj) or 0, fonts, font_readings)
                    size = fs.value * m.d
                    info = objs[key] = (fontname, size, descent * size, fs.value * m.a, widths, sole)
                fontname, size, descent, xscale, widths, sole = info
                run_key = key
            if ch == "\ufffe":  # pdfium's mark for a hyphen ending a line: '-' or a soft hyphen
                hyphens = [h for h in ("-", "\u00ad") if h in widths]
                if len(hyphens) != 1:
                    raise Fallback("a hyphen at a line end")
                ch = hyphens[0]
            get_origin(page, i, ox_ref, oy_ref)
            x0, y = ox.value, oy.value
            if last is not None and combining(ch) and key == last_key and x0 == last["x0"] and y == last_y:
                # one glyph that pdfium spells as a letter and a combining mark ("ờ" as "ơ" +
                # U+0300): pdfminer's one char, the glyph's text and width
                glyph = _glyph_text(last["text"] + ch, widths)
                if glyph is None or glyph not in sole:
                    raise Fallback(f"no glyph for {last['text'] + ch!r}")
                last["text"] = texts[-1] = glyph
                last["x1"] = x0 + sole[glyph] * xscale
                unsized = False
                continue
            if unsized:
                raise Fallback(f"no advance width for {last['text'] if last else ''!r}")
            width = sole.get(ch)
            if width is not None:
                x1 = x0 + width * xscale
            else:  # several glyphs for one text (or none): the one pdfium's box ends with
                raw.FPDFText_GetLooseCharBox(tp, i, box)
                ends = [
                    x0 + w * xscale
                    for w in _drawn(widths.get(ch, ()))
                    if abs(x0 + w * xscale - box.right) < settings.pdfium_size_tolerance
                ]
                if len(ends) == 1:
                    x1 = ends[0]
                elif not ch.strip():  # a space's width matters to nothing: it ends a word
                    x1 = box.right
                elif i + 1 < n and combining(text[i + 1]):  # the glyph may be this and its mark
                    x1, unsized = x0, True
                else:
                    raise Fallback(f"no advance width for {ch!r}")
            base = y + descent
            last = {
                "text": ch,
                "x0": x0,
                "x1": x1,
                "top": height - base - size,
                "bottom": height - base,
                "size": size,
                "fontname": fontname,
                "upright": True,
            }
            last_key, last_y = key, y
            if space_after is not None:
                check_space(space_after, last, settings)
                space_after = None
            out.append(last)
            texts.append(ch)
        if unsized:
            raise Fallback(f"no advance width for {last['text'] if last else ''!r}")
        loose = GarbageSettings(
            max_diacritic_share=settings.pdfium_garbage_diacritic_share,
            min_misspelt_share=settings.pdfium_garbage_misspelt_share,
        )
        if garbage_reason(texts, loose):
            raise Fallback("a text layer near the garbage thresholds: the test is pdfminer's")
        return out
