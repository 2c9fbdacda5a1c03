"""WordprocessingML vocabulary shared by the DOCX modules: qualified tag names, on/off and integer
attribute reading, indents, unwrapping of content controls and revisions, visible text."""

from __future__ import annotations

import re
from typing import Iterator

from lxml.etree import _Element as Element  # the type of every node we walk

from extractors.model import clean_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{%s}" % W_NS


def w(tag: str) -> str:
    """The Clark name of a w: element or attribute ("p" -> "{...wordprocessingml...}p")."""
    return _W + tag


# tags
P, R, T, TBL, TR, TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")
PPR, RPR, TCPR, TRPR = w("pPr"), w("rPr"), w("tcPr"), w("trPr")
SDT, SDT_CONTENT, CUSTOM_XML = w("sdt"), w("sdtContent"), w("customXml")
TXBX = w("txbxContent")
VAL = w("val")
MC_ALT, MC_CHOICE, MC_FALLBACK = "{%s}AlternateContent" % MC_NS, "{%s}Choice" % MC_NS, "{%s}Fallback" % MC_NS

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def visible_text(raw: str) -> str:
    """Text as printed: soft hyphens and zero-width characters removed, then `clean_text` (NFC)."""
    return clean_text(_INVISIBLE.sub("", raw))


def on_off(el: Element | None) -> bool | None:
    """The value of an on/off property element (w:b, w:i, w:tblHeader...); None when absent."""
    if el is None:
        return None
    val = el.get(VAL)
    return val not in ("0", "false", "off", "none")


def as_int(val: str | None, default: int | None = None) -> int | None:
    """An integer attribute value ("12", "12.0"); `default` when missing or not a number."""
    try:
        return int(val)
    except (TypeError, ValueError):
        try:
            return int(float(val))
        except (TypeError, ValueError):
            return default


def indent_pt(ind: Element | None) -> float | None:
    """Left indent in points from a w:ind element (twips -> pt)."""
    if ind is None:
        return None
    for attr in ("left", "start"):
        val = as_int(ind.get(w(attr)))
        if val is not None:
            return val / 20.0
    return None


def paragraph_props(ppr: Element | None) -> dict:
    """The list and layout properties a w:pPr sets itself (in a paragraph or a style): "jc",
    "ind" (pt), "numId", "ilvl"; a key is present only when its element is."""
    props: dict = {}
    if ppr is None:
        return props
    jc = ppr.find(w("jc"))
    if jc is not None:
        props["jc"] = jc.get(VAL)
    ind = indent_pt(ppr.find(w("ind")))
    if ind is not None:
        props["ind"] = ind
    num_pr = ppr.find(w("numPr"))
    if num_pr is not None:
        num_id = num_pr.find(w("numId"))
        ilvl = num_pr.find(w("ilvl"))
        if num_id is not None:
            props["numId"] = num_id.get(VAL)
        if ilvl is not None:
            props["ilvl"] = as_int(ilvl.get(VAL), 0)
    return props


def chosen_branch(alt: Element) -> Element | None:
    """The branch of an mc:AlternateContent to read: mc:Choice, else mc:Fallback (never both)."""
    chosen = alt.find(MC_CHOICE)
    return chosen if chosen is not None else alt.find(MC_FALLBACK)


_WRAPPERS = {SDT, SDT_CONTENT, CUSTOM_XML, w("ins"), w("moveTo"), MC_ALT}


def unwrapped(container: Element, wanted: tuple) -> Iterator[Element]:
    """Children of `container` with a tag in `wanted`, looking through content controls,
    customXml, inserted/moved-to revisions and mc:AlternateContent (one branch)."""
    for child in container:
        tag = child.tag
        if tag in wanted:
            yield child
        elif tag in _WRAPPERS:
            inner = child.find(SDT_CONTENT) if tag == SDT else chosen_branch(child) if tag == MC_ALT else child
            if inner is not None:
                yield from unwrapped(inner, wanted)
