"""numbering.xml of a DOCX: Word's list counters and the labels they render ("I.", "1.", "a)",
"1.2", bullets), which Word shows but never stores in the paragraph text."""

from __future__ import annotations

import re

from extractors.docx.styles import Styles
from extractors.docx.ooxml import PPR, VAL, Element, as_int, indent_pt, on_off, visible_text, w
from extractors.model import BULLET_CHARS


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word: a..z, then aa..zz, aaa..zzz (the letter repeated)
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal and every format we do not render specially


_LEVEL_REF = re.compile(r"%([1-9])")  # "%2" in lvlText: level 2's counter


def _bullet_label(text: str) -> str:
    """The label for a bullet level: its character when it is a printable bullet, else "-"."""
    text = (text or "").strip()
    if len(text) == 1 and (text in BULLET_CHARS):
        return "·" if text == "·" else text
    return "-"  # Symbol/Wingdings private-use glyphs (U+F0xx) and anything exotic


class Numbering:
    """numbering.xml: numId/ilvl -> level definition and rendered labels, with Word's counters.

    Word keeps the running count on the *abstract* list (ECMA-376 17.9): several w:num instances
    that point at the same w:abstractNum continue one sequence, which is how "continue previous
    list" is saved. A num carrying `w:lvlOverride/w:startOverride` restarts the overridden levels
    at the override value on its first appearance ("restart numbering"); its other levels and
    later paragraphs continue the shared count. When a level advances, deeper levels restart
    (unless their `w:lvlRestart` says otherwise: 0 = never). A level's first value is `w:start`.
    `lvlText` ("%1.", "%1.%2", "%2)") is rendered with each referenced level's own numFmt
    (decimal with isLgl); bullet levels give "-" or their bullet character.
    """

    def __init__(self, numbering_el: Element | None, styles: Styles):
        self.abstract: dict[str, dict[int, dict]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str | None, dict[int, dict]]] = {}
        self.counters: dict[str, dict[int, int | None]] = {}  # abstract key -> level -> value
        self.started: set[tuple[str, int]] = set()  # (numId, ilvl) whose override was applied
        self._levels_cache: dict[str, dict[int, dict]] = {}
        self.styles = styles
        if numbering_el is None:
            return
        for an in numbering_el.iter(w("abstractNum")):
            aid = an.get(w("abstractNumId"))
            self.abstract[aid] = dict(self._level(lvl) for lvl in an.findall(w("lvl")))
            link = an.find(w("numStyleLink"))
            if link is not None:
                self.abstract_style_link[aid] = link.get(VAL)
        for num in numbering_el.iter(w("num")):
            nid = num.get(w("numId"))
            aid_el = num.find(w("abstractNumId"))
            overrides: dict[int, dict] = {}
            for ov in num.findall(w("lvlOverride")):
                ilvl = as_int(ov.get(w("ilvl")), 0)
                entry: dict = {}
                so = ov.find(w("startOverride"))
                if so is not None:
                    entry["start"] = as_int(so.get(VAL), 1)
                lvl = ov.find(w("lvl"))
                if lvl is not None:
                    entry["lvl"] = self._level(lvl)[1]
                    if "start" not in entry and lvl.find(w("start")) is not None:
                        entry["start"] = entry["lvl"]["start"]
                overrides[ilvl] = entry
            self.nums[nid] = (aid_el.get(VAL) if aid_el is not None else None, overrides)

    @staticmethod
    def _level(lvl) -> tuple[int, dict]:
        def val(tag, default=None):
            el = lvl.find(w(tag))
            return el.get(VAL) if el is not None else default

        ppr = lvl.find(PPR)
        restart = val("lvlRestart")
        return as_int(lvl.get(w("ilvl")), 0), {
            "start": as_int(val("start"), 1) if val("start") is not None else 1,
            "numFmt": val("numFmt", "decimal"),
            "lvlText": val("lvlText", ""),
            "isLgl": bool(on_off(lvl.find(w("isLgl")))),
            "restart": as_int(restart) if restart is not None else None,
            "ind": indent_pt(ppr.find(w("ind"))) if ppr is not None else None,
            "pStyle": val("pStyle"),
        }

    def _abstract_key(self, num_id: str, depth: int = 0) -> str | None:
        """The abstractNum whose levels (and counters) a num uses, numStyleLink followed."""
        aid = self.nums.get(num_id, (None, {}))[0]
        while aid is not None and not self.abstract.get(aid) and aid in self.abstract_style_link and depth < 5:
            linked = self.styles.get(self.abstract_style_link[aid]).get("numId")
            if linked not in self.nums:
                break
            aid = self.nums[linked][0]
            depth += 1
        return aid

    def levels(self, num_id: str) -> dict[int, dict]:
        """The effective levels of a num: its abstractNum's, with lvlOverride/lvl replacing."""
        if num_id in self._levels_cache:
            return self._levels_cache[num_id]
        levels = dict(self.abstract.get(self._abstract_key(num_id), {}))
        for ilvl, ov in self.nums.get(num_id, (None, {}))[1].items():
            if "lvl" in ov:
                levels[ilvl] = ov["lvl"]
        self._levels_cache[num_id] = levels
        return levels

    def level(self, num_id: str | None, ilvl: int) -> dict | None:
        if not num_id or num_id not in self.nums:
            return None
        return self.levels(num_id).get(ilvl)

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        """Advance the counter of (numId, ilvl) and return the rendered label (None: no number)."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        levels = self.levels(num_id)
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        overrides = self.nums[num_id][1]
        key = self._abstract_key(num_id) or f"num:{num_id}"
        counters = self.counters.setdefault(key, {})

        def start(i):
            ov = overrides.get(i, {})
            if "start" in ov:
                return ov["start"]
            return levels.get(i, {}).get("start", 1)

        # "restart numbering": a num's startOverride restarts the level the first time it is used
        if (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            if "start" in overrides.get(ilvl, {}):
                counters[ilvl] = None
        cur = counters.get(ilvl)
        counters[ilvl] = start(ilvl) if cur is None else cur + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, {}).get("restart")
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                counters[deeper] = None
        fmt = lvl["numFmt"]
        if fmt == "bullet":
            return _bullet_label(lvl["lvlText"])

        def repl(m):
            i = int(m.group(1)) - 1
            value = counters.get(i)
            if value is None:
                value = start(i)
            lv = levels.get(i, lvl)
            f = "decimal" if lvl["isLgl"] and lv["numFmt"] != "decimalZero" else lv["numFmt"]
            return _format_number(value, f)

        text = _LEVEL_REF.sub(repl, lvl["lvlText"] or "")
        text = visible_text(text)
        return text or None

    def paragraph_label(
        self, num_id: str | None, ilvl: int | None, style_id: str | None, style: dict
    ) -> tuple[str | None, float | None]:
        """A paragraph's list label (its counter advanced) and its list level's left indent.

        The list is the paragraph's own numPr, else its style's; a style's list level is the
        style's ilvl, else the level whose pStyle is this style, else 0."""
        if num_id is None and "numId" in style:
            num_id = style["numId"]
            if ilvl is None:
                ilvl = style.get("ilvl")
                if ilvl is None:
                    ilvl = next((i for i, lvl in self.levels(num_id).items() if lvl.get("pStyle") == style_id), None)
        if ilvl is None:
            ilvl = 0
        if not num_id:
            return None, None
        lvl = self.level(num_id, ilvl)
        return self.label(num_id, ilvl), lvl.get("ind") if lvl is not None else None
