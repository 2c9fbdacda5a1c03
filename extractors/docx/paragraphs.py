"""One DOCX paragraph (`w:p`) into a `Paragraph`: its visible text, formatting and list label.

- Text keeps the runs' text; a tab becomes a space, `w:br`/`w:cr` a "\\n" (a page or column
  break a space); soft hyphens and zero-width characters are removed; hidden runs (`w:vanish`)
  and deleted revisions (`w:del`) are skipped, inserted ones kept; field instructions
  (`w:instrText`) never leak, field results (the runs between "separate" and "end",
  `w:fldSimple` runs) are kept. A paragraph without text gives None (its auto-number still
  counts).
- Runs drawn in a pre-Unicode Vietnamese font (TCVN3 .VnTime, VNI VNI-Times; resolved through
  styles and defaults by `Styles.legacy_font`) are converted to Unicode by
  `legacy_encoding.fix_run`, each stretch of consecutive runs in one font at once, *before* soft
  hyphens are removed (0xAD is "ư" in TCVN3, and Word and LibreOffice save it as `w:softHyphen`,
  which is read as 0xAD in a legacy font only); so is a list label in the paragraph mark's legacy
  font. A document that names no legacy font anywhere skips this per run.
- `bold`/`italic` are True when >= 90 % of the visible characters are, with the run's direct
  formatting, its character style, the paragraph style chain and the document defaults
  consulted in that order.
- Word auto-numbering is rendered into `Paragraph.list_label` (see `docx_numbering`), never
  into `text`.
- Text boxes (`w:txbxContent`, also inside `mc:AlternateContent`, read once from `mc:Choice`)
  are not part of the paragraph: they are handed back for the caller to read as blocks.
"""

from __future__ import annotations

import re
from itertools import groupby

from extractors.docx.numbering import Numbering
from extractors.docx.styles import RFONTS, Styles, font_slots, is_legacy_font
from extractors.docx.ooxml import (
    CUSTOM_XML,
    MC_ALT,
    PPR,
    R,
    RPR,
    SDT,
    SDT_CONTENT,
    T,
    TXBX,
    VAL,
    Element,
    chosen_branch,
    on_off,
    paragraph_props,
    visible_text,
    w,
)
from extractors.legacy.encoding import fix_run
from extractors.model import Paragraph

# containers inside a paragraph whose runs are part of the paragraph's text
_INLINE_CONTAINERS = {
    w("hyperlink"),
    w("ins"),
    w("smartTag"),
    w("fldSimple"),
    SDT,
    SDT_CONTENT,
    CUSTOM_XML,
    w("moveTo"),
    w("dir"),
    w("bdo"),
}

_ALIGN = {
    "left": "left",
    "start": "left",
    "center": "center",
    "right": "right",
    "end": "right",
    "both": "justify",
    "distribute": "justify",
    "mediumKashida": "justify",
    "highKashida": "justify",
    "lowKashida": "justify",
    "thaiDistribute": "justify",
}

_HEX_CODE = re.compile(r"[0-9A-Fa-f]{1,6}")  # w:sym/@w:char
_FORMAT_SHARE = 0.9  # a paragraph is bold (italic) when this share of its visible characters is


class ParagraphReader:
    """Reads paragraphs in document order (the list counters advance as they are read)."""

    def __init__(self, styles: Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self._legacy_fonts: bool | None = None  # does the document name a legacy font at all

    def _uses_legacy_fonts(self, el) -> bool:
        """Whether any style, document default or run of `el`'s document names a legacy font;
        decided once per document (one pass over its w:rFonts), so that documents in Unicode
        fonts - nearly all - pay nothing per run."""
        if self._legacy_fonts is None:
            names = {name for rfonts in el.getroottree().iter(RFONTS) for name in rfonts.values()}
            self._legacy_fonts = self.styles.has_legacy_fonts or any(map(is_legacy_font, names))
        return self._legacy_fonts

    def _legacy_font(self, rpr, pstyle: dict) -> str | None:
        """The legacy font of a run (or of a paragraph mark) with these properties, or None."""
        rs = rpr.find(w("rStyle")) if rpr is not None else None
        return self.styles.legacy_font(font_slots(rpr), rs.get(VAL) if rs is not None else None, pstyle)

    def read(self, p: Element) -> tuple[Paragraph | None, list[Element]]:
        """One w:p: its Paragraph (None when it has no text) and its text boxes (w:txbxContent
        elements, in order)."""
        ppr = p.find(PPR)
        ps = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = ps.get(VAL) if ps is not None else None
        own = paragraph_props(ppr)
        jc, ind = own.get("jc"), own.get("ind")
        if style_id is None:
            style_id = self.styles.default_para
        style = self.styles.get(style_id)
        label, level_ind = self.numbering.paragraph_label(own.get("numId"), own.get("ilvl"), style_id, style)
        if label and self._uses_legacy_fonts(p):
            mark_font = self._legacy_font(ppr.find(RPR) if ppr is not None else None, style)
            if mark_font:
                label = fix_run(label, mark_font)
        if ind is None:
            ind = level_ind
        if ind is None:
            ind = style.get("ind")
        if jc is None:
            jc = style.get("jc")

        parts: list[tuple[str, str | None]] = []  # (text, legacy font or None)
        stats = [0, 0, 0]  # characters, bold characters, italic characters
        boxes: list = []
        self._inline(p, parts, stats, boxes, style, state={"fields": []})
        text = visible_text(_unicode_text(parts))
        if not text:
            return None, boxes
        n, nb, ni = stats
        para = Paragraph(
            text=text,
            bold=n > 0 and nb >= _FORMAT_SHARE * n,
            italic=n > 0 and ni >= _FORMAT_SHARE * n,
            alignment=_ALIGN.get(jc) if jc else None,
            indent=ind,
            list_label=label,
            style=style.get("name") if style else None,
        )
        return para, boxes

    def _inline(self, el, parts, stats, boxes, pstyle, state):
        for child in el:
            tag = child.tag
            if tag == R:
                self._run(child, parts, stats, boxes, pstyle, state)
            elif tag in _INLINE_CONTAINERS:
                inner = child.find(SDT_CONTENT) if tag == SDT else child
                if inner is not None:
                    self._inline(inner, parts, stats, boxes, pstyle, state)
            elif tag == MC_ALT:
                chosen = chosen_branch(child)
                if chosen is not None:
                    self._inline(chosen, parts, stats, boxes, pstyle, state)
            # w:del, w:moveFrom, bookmarks, proofErr, oMath...: nothing shown as text

    def _run(self, r, parts, stats, boxes, pstyle, state):
        rpr = r.find(RPR)
        bold = italic = None
        if rpr is not None:
            if on_off(rpr.find(w("vanish"))):
                return  # hidden text: not printed, not read
            bold = on_off(rpr.find(w("b")))
            italic = on_off(rpr.find(w("i")))
            if bold is None or italic is None:
                rs = rpr.find(w("rStyle"))
                if rs is not None:
                    cst = self.styles.get(rs.get(VAL))
                    if bold is None:
                        bold = cst.get("bold")
                    if italic is None:
                        italic = cst.get("italic")
        font = self._legacy_font(rpr, pstyle) if self._uses_legacy_fonts(r) else None
        if bold is None:
            bold = pstyle.get("bold", self.styles.default_bold)
        if italic is None:
            italic = pstyle.get("italic", self.styles.default_italic)
        for child in r:
            tag = child.tag
            piece = None
            piece_font = font
            if tag == T:
                piece = child.text or ""
            elif tag == w("fldChar"):
                # complex field: begin, instruction runs, separate, result runs, end (nestable)
                kind = child.get(w("fldCharType"))
                fields = state["fields"]
                if kind == "begin":
                    fields.append("code")
                elif kind == "separate" and fields:
                    fields[-1] = "result"
                elif kind == "end" and fields:
                    fields.pop()
                continue
            elif tag == w("tab") or tag == w("ptab"):
                piece = " "
            elif tag in (w("br"), w("cr")):
                if child.get(w("type")) in ("page", "column"):
                    piece = " "
                else:
                    piece = "\n"
            elif tag == w("noBreakHyphen"):
                piece = "-"
            elif tag == w("softHyphen") and font:
                piece = "\u00ad"  # Word saves byte 0xAD as an optional hyphen; in TCVN3 it is "ư"
            elif tag == w("sym"):
                ch = child.get(w("char")) or ""
                code = int(ch, 16) if _HEX_CODE.fullmatch(ch) else None
                if code is not None and not (0xF000 <= code <= 0xF0FF):
                    piece = chr(code)
                    piece_font = None  # a symbol names its own font
            elif tag in (w("drawing"), w("pict"), MC_ALT, w("object")):
                _collect_boxes(child, boxes)
                continue
            if piece:
                if "code" in state["fields"]:
                    continue  # an instruction (or text inside one): never shown
                parts.append((piece, piece_font))
                visible = len(piece.strip())
                stats[0] += visible
                if bold:
                    stats[1] += visible
                if italic:
                    stats[2] += visible


def _unicode_text(parts: list[tuple[str, str | None]]) -> str:
    """The pieces' text, each stretch of pieces in one legacy font converted to Unicode as a whole
    (a VNI letter and its tone mark may sit in different runs)."""
    if all(font is None for _, font in parts):
        return "".join(text for text, _ in parts)
    out = []
    for font, group in groupby(parts, key=lambda part: part[1]):
        text = "".join(t for t, _ in group)
        out.append(fix_run(text, font) if font else text)
    return "".join(out)


def _collect_boxes(el, boxes: list) -> None:
    """Top-level w:txbxContent under a drawing, read once (mc:Choice over mc:Fallback)."""
    stack = [el]
    while stack:
        node = stack.pop()
        if node.tag == TXBX:
            boxes.append(node)
            continue
        if node.tag == MC_ALT:
            chosen = chosen_branch(node)
            if chosen is not None:
                stack.append(chosen)
            continue
        stack.extend(reversed(list(node)))
