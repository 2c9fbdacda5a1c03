"""styles.xml of a DOCX: each style's properties merged over its basedOn chain, and the document
defaults (default paragraph style, default bold/italic, default fonts).

Fonts matter for text typed in the pre-Unicode Vietnamese fonts (.VnTime = TCVN3, VNI-Times =
VNI): `Styles.legacy_font` resolves a run's w:rFonts slot by slot through run properties,
character style, paragraph style and document defaults, and names the legacy font if any."""

from __future__ import annotations

from functools import lru_cache

from extractors.docx.ooxml import PPR, RPR, VAL, Element, on_off, paragraph_props, w
from extractors.legacy.encoding import font_encoding

# w:rFonts slots that can draw a legacy font's letters; hAnsi first: Word draws the codes
# 0xA0-0xFF (where every TCVN3/VNI letter with a diacritic sits) with the hAnsi font
FONT_SLOTS = ("hAnsi", "ascii", "cs")
RFONTS = w("rFonts")


@lru_cache(maxsize=256)
def is_legacy_font(name: str | None) -> bool:
    """A TCVN3 (.VnTime...) or VNI (VNI-Times...) font name."""
    return font_encoding(name) is not None


def font_slots(rpr: Element | None) -> dict[str, str]:
    """The fonts an rPr's w:rFonts names, per slot ({"hAnsi": ".VnTime", ...}). A theme font
    (w:hAnsiTheme...), which overrides the named one, is "" (never a legacy font)."""
    rfonts = rpr.find(RFONTS) if rpr is not None else None
    if rfonts is None:
        return {}
    slots = {}
    for slot in FONT_SLOTS:
        if rfonts.get(w(slot + "Theme")) is not None:
            slots[slot] = ""
        else:
            name = rfonts.get(w(slot))
            if name is not None:
                slots[slot] = name
    return slots


class Styles:
    """Style lookup with basedOn inheritance: name, bold/italic, alignment, indent, numbering."""

    def __init__(self, styles_el: Element | None):
        self._raw: dict[str, dict] = {}
        self._cache: dict[str, dict] = {}
        self.default_para: str | None = None
        self.default_bold = False
        self.default_italic = False
        self.default_fonts: dict[str, str] = {}
        self.has_legacy_fonts = False  # any style or default names a legacy font
        if styles_el is None:
            return
        defaults = styles_el.find(w("docDefaults"))
        if defaults is not None:
            rpr = defaults.find(f"{w('rPrDefault')}/{RPR}")
            if rpr is not None:
                self.default_bold = bool(on_off(rpr.find(w("b"))))
                self.default_italic = bool(on_off(rpr.find(w("i"))))
            self.default_fonts = font_slots(rpr)
        for st in styles_el.iter(w("style")):
            sid = st.get(w("styleId"))
            if sid is None:
                continue
            self._raw[sid] = _style_info(st, sid)
            if self._raw[sid]["type"] == "paragraph" and st.get(w("default")) in ("1", "true", "on"):
                self.default_para = sid
        self.has_legacy_fonts = any(
            is_legacy_font(name)
            for info in [self.default_fonts, *self._raw.values()]
            for key, name in info.items()
            if key in FONT_SLOTS or key.startswith("font_")
        )

    def get(self, sid: str | None) -> dict:
        """The style's properties merged over its basedOn chain ({} for an unknown style)."""
        if sid is None or sid not in self._raw:
            return {}
        if sid in self._cache:
            return self._cache[sid]
        chain, seen, cur = [], set(), sid
        while cur is not None and cur in self._raw and cur not in seen:
            seen.add(cur)
            chain.append(self._raw[cur])
            cur = self._raw[cur]["basedOn"]
        merged: dict = {}
        for info in reversed(chain):  # the base first, the style itself last
            merged.update({k: v for k, v in info.items() if v is not None})
        merged["name"] = self._raw[sid]["name"]
        self._cache[sid] = merged
        return merged

    def legacy_font(self, direct: dict[str, str], char_style: str | None, para_style: dict) -> str | None:
        """The legacy font (see `is_legacy_font`) a run is drawn in, or None. Each rFonts slot is
        resolved on its own: the run's own w:rFonts (`direct`, from `font_slots`), its character
        style, its paragraph style (`para_style`, merged), the document defaults."""
        cstyle = self.get(char_style)
        for slot in FONT_SLOTS:
            key = "font_" + slot
            name = direct.get(slot, cstyle.get(key, para_style.get(key, self.default_fonts.get(slot))))
            if is_legacy_font(name):
                return name
        return None


def _style_info(st, sid: str) -> dict:
    """One w:style's own properties (nothing inherited): type, name, basedOn, bold, italic, jc,
    ind (pt), numId, ilvl, font_<slot> (w:rFonts, see `font_slots`)."""
    name_el = st.find(w("name"))
    based = st.find(w("basedOn"))
    info = {
        "type": st.get(w("type")),
        "name": name_el.get(VAL) if name_el is not None else sid,
        "basedOn": based.get(VAL) if based is not None else None,
    }
    rpr = st.find(RPR)
    if rpr is not None:
        info["bold"] = on_off(rpr.find(w("b")))
        info["italic"] = on_off(rpr.find(w("i")))
        info.update({"font_" + slot: name for slot, name in font_slots(rpr).items()})
    info.update(paragraph_props(st.find(PPR)))
    return info
