"""styles.xml of a DOCX: each style's properties merged over its basedOn chain, and the document
defaults (default paragraph style, default bold/italic)."""
from __future__ import annotations

from extractors.docx_xml import PPR, RPR, VAL, as_int, indent_pt, on_off, w


class Styles:
    """Style lookup with basedOn inheritance: name, bold/italic, alignment, indent, numbering."""

    def __init__(self, styles_el):
        self._raw: dict[str, dict] = {}
        self._cache: dict[str, dict] = {}
        self.default_para: str | None = None
        self.default_bold = False
        self.default_italic = False
        if styles_el is None:
            return
        defaults = styles_el.find(w("docDefaults"))
        if defaults is not None:
            rpr = defaults.find(f"{w('rPrDefault')}/{RPR}")
            if rpr is not None:
                self.default_bold = bool(on_off(rpr.find(w("b"))))
                self.default_italic = bool(on_off(rpr.find(w("i"))))
        for st in styles_el.iter(w("style")):
            sid = st.get(w("styleId"))
            if sid is None:
                continue
            self._raw[sid] = _style_info(st, sid)
            if self._raw[sid]["type"] == "paragraph" and st.get(w("default")) in ("1", "true", "on"):
                self.default_para = sid

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


def _style_info(st, sid: str) -> dict:
    """One w:style's own properties (nothing inherited): type, name, basedOn, bold, italic, jc,
    ind (pt), numId, ilvl."""
    name_el = st.find(w("name"))
    based = st.find(w("basedOn"))
    info = {"type": st.get(w("type")), "name": name_el.get(VAL) if name_el is not None else sid,
            "basedOn": based.get(VAL) if based is not None else None}
    rpr = st.find(RPR)
    if rpr is not None:
        info["bold"] = on_off(rpr.find(w("b")))
        info["italic"] = on_off(rpr.find(w("i")))
    ppr = st.find(PPR)
    if ppr is not None:
        jc = ppr.find(w("jc"))
        if jc is not None:
            info["jc"] = jc.get(VAL)
        ind = indent_pt(ppr.find(w("ind")))
        if ind is not None:
            info["ind"] = ind
        num_pr = ppr.find(w("numPr"))
        if num_pr is not None:
            num_id = num_pr.find(w("numId"))
            ilvl = num_pr.find(w("ilvl"))
            if num_id is not None:
                info["numId"] = num_id.get(VAL)
            if ilvl is not None:
                info["ilvl"] = as_int(ilvl.get(VAL), 0)
    return info
