"""The fonts of a PDF page as pdfminer reads them, without running the page's content.

The pdfium layer takes its glyph positions from pdfium but a char's name and height from the
font as pdfminer reads it, so that its chars are pdfplumber's: pdfminer puts a char's bottom at
the baseline plus the FontDescriptor's /Descent (pdfium uses the font program's own), and keeps
the subset tag in the font name ("BAAAAA+LiberationSerif"; pdfium drops it).

    page_fonts(page_obj, rsrcmgr) -> {name with and without subset tag: [PDFFont, ...]}

Fonts are looked up in the page's resources and, a few levels down, in those of its form
XObjects (text drawn inside a form). pdfium names a font by its /BaseFont, mostly without the tag, so
the same name may stand for several subsets of one font: the caller takes them for one when their
heights agree and falls back to pdfplumber when they differ.
"""

from __future__ import annotations

import re
from typing import Any

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
MAX_FORM_DEPTH = 4  # forms inside forms: deeper text is rare and read by the fallback


def strip_tag(name: str) -> str:
    return _SUBSET_TAG.sub("", name)


def _name(value: Any) -> str:
    from pdfminer.psparser import literal_name

    if isinstance(value, bytes):
        return value.decode("latin-1", "replace")
    return str(literal_name(value)) if value is not None else ""


def page_fonts(page_obj: Any, rsrcmgr: Any) -> dict[str, list[Any]]:
    """Every font a page's text may be drawn in, by its name without the subset tag."""
    from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

    out: dict[str, list[Any]] = {}
    seen: set[int] = set()

    def walk(resources: Any, depth: int) -> None:
        resources = resolve1(resources)
        if not isinstance(resources, dict) or id(resources) in seen:
            return
        seen.add(id(resources))
        fonts = resolve1(resources.get("Font"))
        for spec in fonts.values() if isinstance(fonts, dict) else ():
            objid = spec.objid if isinstance(spec, PDFObjRef) else None
            spec = resolve1(spec)
            if not isinstance(spec, dict):
                continue
            font = rsrcmgr.get_font(objid, spec)
            names = {_name(spec.get("BaseFont")), _name(font.fontname)}
            for descendant in resolve1(spec.get("DescendantFonts")) or []:
                descendant = resolve1(descendant)
                if isinstance(descendant, dict):
                    names.add(_name(descendant.get("BaseFont")))
            for name in names | {strip_tag(name) for name in names}:
                if font not in out.setdefault(name, []):
                    out[name].append(font)
        if depth >= MAX_FORM_DEPTH:
            return
        xobjects = resolve1(resources.get("XObject"))
        for xobj in xobjects.values() if isinstance(xobjects, dict) else ():
            xobj = resolve1(xobj)
            if isinstance(xobj, PDFStream) and _name(xobj.get("Subtype")) == "Form":
                walk(xobj.get("Resources"), depth + 1)

    walk(page_obj.resources, 0)
    return out
