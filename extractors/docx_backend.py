"""DOCX backend: a .docx file into the document model (`extractors.model.Document`).

python-docx opens the package (zip, relationships, styles and numbering parts); the body is then
walked directly on its lxml tree, which is both faster than python-docx's proxy objects and sees
what they hide (tables in place, gridSpan/vMerge, text boxes, fields, auto-numbering).

What the backend produces:
- Blocks in body order: `w:p` -> Paragraph, `w:tbl` -> Table. Headers, footers, footnotes and
  comments are not read. Content controls (`w:sdt`) and `w:customXml` wrappers are unwrapped.
- Paragraph text keeps the runs' text; a tab becomes a space, `w:br`/`w:cr` a "\\n" (a page or
  column break a space); soft hyphens and zero-width characters are removed; hidden runs
  (`w:vanish`) and deleted revisions (`w:del`) are skipped, inserted ones kept; field
  instructions (`w:instrText`) never leak, field results (the runs between "separate" and
  "end", `w:fldSimple` runs) are kept. Empty paragraphs are dropped (their auto-number still
  counts). `bold`/`italic` are True when >= 90 % of the visible characters are, with the run's
  direct formatting, its character style, the paragraph style chain and the document defaults
  consulted in that order.
- Text boxes (`w:txbxContent`, also inside `mc:AlternateContent`, read once from `mc:Choice`)
  are emitted as their own blocks right after the paragraph that anchors them (in a table cell:
  as more lines of that cell).
- Word auto-numbering is rendered into `Paragraph.list_label` (see `_Numbering`), never into
  `text`; `label_and_text` gives both. In table cells the label is prepended to the line.
- Tables: one Cell per grid column position (a gridSpan cell once, with `col_span`;
  `w:gridBefore`/`w:gridAfter` become empty spanning cells, short rows are padded). A vertical
  merge is applied to every row it spans: the first row's cell gets `row_span`, the
  continuation rows get a copy of its lines with `merged=True`. Rows marked `w:tblHeader` get
  `is_header=True`; a later body row that repeats a header row (the `w:tblHeader` rows, else the
  first row) word for word is dropped.
- Nested tables (decision): the nested table's text goes into the parent cell's lines -- a
  nested row with one non-empty cell gives that cell's lines, a row with several gives one line
  with the cells joined by " | " -- so the parent grid stays complete for a task extractor that
  reads only depth-0 tables, and a sub-item keeps its owner/timing on its own line. The nested
  table is also emitted as its own Table block (depth = parent depth + 1) right after its
  parent table, for an extractor that wants the sub-grid structurally. Extractors that walk all
  tables should skip depth > 0 tables to avoid reading the rows twice.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from extractors.model import Cell, Document, ExtractionError, Paragraph, Row, Table, clean_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{%s}" % W_NS


def _w(tag: str) -> str:
    return _W + tag


# tags
P, R, T, TBL, TR, TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
PPR, RPR, TCPR, TRPR = _w("pPr"), _w("rPr"), _w("tcPr"), _w("trPr")
SDT, SDT_CONTENT, CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
TXBX = _w("txbxContent")
VAL = _w("val")
MC_ALT, MC_CHOICE, MC_FALLBACK = "{%s}AlternateContent" % MC_NS, "{%s}Choice" % MC_NS, "{%s}Fallback" % MC_NS

# containers inside a paragraph whose runs are part of the paragraph's text
_INLINE_CONTAINERS = {_w("hyperlink"), _w("ins"), _w("smartTag"), _w("fldSimple"), SDT, SDT_CONTENT,
                      CUSTOM_XML, _w("moveTo"), _w("dir"), _w("bdo")}

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_MAX_XML_BYTES = 200 * 1024 * 1024  # an uncompressed part larger than this is a zip bomb, not a plan

_ALIGN = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
          "both": "justify", "distribute": "justify", "mediumKashida": "justify",
          "highKashida": "justify", "lowKashida": "justify", "thaiDistribute": "justify"}


def _on(el) -> bool | None:
    """The value of an on/off property element (w:b, w:i, w:tblHeader...); None when absent."""
    if el is None:
        return None
    val = el.get(VAL)
    return val not in ("0", "false", "off", "none")


def _int(val, default=None):
    try:
        return int(val)
    except (TypeError, ValueError):
        try:
            return int(float(val))
        except (TypeError, ValueError):
            return default


def _chosen(alt):
    """The branch of an mc:AlternateContent to read: mc:Choice, else mc:Fallback (never both)."""
    chosen = alt.find(MC_CHOICE)
    return chosen if chosen is not None else alt.find(MC_FALLBACK)


_WRAPPERS = {SDT, SDT_CONTENT, CUSTOM_XML, _w("ins"), _w("moveTo"), MC_ALT}


def _unwrapped(container, wanted: tuple):
    """Children of `container` with a tag in `wanted`, looking through content controls,
    customXml, inserted/moved-to revisions and mc:AlternateContent (one branch)."""
    for child in container:
        tag = child.tag
        if tag in wanted:
            yield child
        elif tag in _WRAPPERS:
            inner = child.find(SDT_CONTENT) if tag == SDT else _chosen(child) if tag == MC_ALT else child
            if inner is not None:
                yield from _unwrapped(inner, wanted)


# ---------------------------------------------------------------------------------------------
# styles


class _Styles:
    """Style lookup with basedOn inheritance: name, bold/italic, alignment, indent, numbering."""

    def __init__(self, styles_el):
        self._raw: dict[str, dict] = {}
        self._cache: dict[str, dict] = {}
        self.default_para: str | None = None
        self.default_bold = False
        self.default_italic = False
        if styles_el is None:
            return
        defaults = styles_el.find(_w("docDefaults"))
        if defaults is not None:
            rpr = defaults.find(f"{_w('rPrDefault')}/{RPR}")
            if rpr is not None:
                self.default_bold = bool(_on(rpr.find(_w("b"))))
                self.default_italic = bool(_on(rpr.find(_w("i"))))
        for st in styles_el.iter(_w("style")):
            sid = st.get(_w("styleId"))
            if sid is None:
                continue
            name_el = st.find(_w("name"))
            based = st.find(_w("basedOn"))
            info = {"type": st.get(_w("type")), "name": name_el.get(VAL) if name_el is not None else sid,
                    "basedOn": based.get(VAL) if based is not None else None}
            rpr = st.find(RPR)
            if rpr is not None:
                info["bold"] = _on(rpr.find(_w("b")))
                info["italic"] = _on(rpr.find(_w("i")))
            ppr = st.find(PPR)
            if ppr is not None:
                jc = ppr.find(_w("jc"))
                if jc is not None:
                    info["jc"] = jc.get(VAL)
                ind = _ind_left(ppr.find(_w("ind")))
                if ind is not None:
                    info["ind"] = ind
                num_pr = ppr.find(_w("numPr"))
                if num_pr is not None:
                    num_id = num_pr.find(_w("numId"))
                    ilvl = num_pr.find(_w("ilvl"))
                    if num_id is not None:
                        info["numId"] = num_id.get(VAL)
                    if ilvl is not None:
                        info["ilvl"] = _int(ilvl.get(VAL), 0)
            self._raw[sid] = info
            if info["type"] == "paragraph" and st.get(_w("default")) in ("1", "true", "on"):
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


def _ind_left(ind) -> float | None:
    """Left indent in points from a w:ind element (twips -> pt)."""
    if ind is None:
        return None
    for attr in ("left", "start"):
        val = _int(ind.get(_w(attr)))
        if val is not None:
            return val / 20.0
    return None


# ---------------------------------------------------------------------------------------------
# numbering


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
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


_BULLET_KEEP = set("-–—+•●○◦▪▫■□►▶➢➤✓✔*·")


def _bullet_label(text: str) -> str:
    """The label for a bullet level: its character when it is a printable bullet, else "-"."""
    text = (text or "").strip()
    if len(text) == 1 and (text in _BULLET_KEEP):
        return "·" if text == "·" else text
    return "-"  # Symbol/Wingdings private-use glyphs (U+F0xx) and anything exotic


class _Numbering:
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

    def __init__(self, numbering_el, styles: _Styles):
        self.abstract: dict[str, dict[int, dict]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str | None, dict[int, dict]]] = {}
        self.counters: dict[str, dict[int, int | None]] = {}  # abstract key -> level -> value
        self.started: set[tuple[str, int]] = set()  # (numId, ilvl) whose override was applied
        self._levels_cache: dict[str, dict[int, dict]] = {}
        self.styles = styles
        if numbering_el is None:
            return
        for an in numbering_el.iter(_w("abstractNum")):
            aid = an.get(_w("abstractNumId"))
            self.abstract[aid] = dict(self._level(lvl) for lvl in an.findall(_w("lvl")))
            link = an.find(_w("numStyleLink"))
            if link is not None:
                self.abstract_style_link[aid] = link.get(VAL)
        for num in numbering_el.iter(_w("num")):
            nid = num.get(_w("numId"))
            aid_el = num.find(_w("abstractNumId"))
            overrides: dict[int, dict] = {}
            for ov in num.findall(_w("lvlOverride")):
                ilvl = _int(ov.get(_w("ilvl")), 0)
                entry: dict = {}
                so = ov.find(_w("startOverride"))
                if so is not None:
                    entry["start"] = _int(so.get(VAL), 1)
                lvl = ov.find(_w("lvl"))
                if lvl is not None:
                    entry["lvl"] = self._level(lvl)[1]
                    if "start" not in entry and lvl.find(_w("start")) is not None:
                        entry["start"] = entry["lvl"]["start"]
                overrides[ilvl] = entry
            self.nums[nid] = (aid_el.get(VAL) if aid_el is not None else None, overrides)

    @staticmethod
    def _level(lvl) -> tuple[int, dict]:
        def val(tag, default=None):
            el = lvl.find(_w(tag))
            return el.get(VAL) if el is not None else default
        ppr = lvl.find(PPR)
        restart = val("lvlRestart")
        return _int(lvl.get(_w("ilvl")), 0), {
            "start": _int(val("start"), 1) if val("start") is not None else 1,
            "numFmt": val("numFmt", "decimal"),
            "lvlText": val("lvlText", ""),
            "isLgl": bool(_on(lvl.find(_w("isLgl")))),
            "restart": _int(restart) if restart is not None else None,
            "ind": _ind_left(ppr.find(_w("ind"))) if ppr is not None else None,
            "pStyle": val("pStyle"),
        }

    def _abstract_key(self, num_id: str, depth: int = 0) -> str | None:
        """The abstractNum whose levels (and counters) a num uses, numStyleLink followed."""
        aid = self.nums.get(num_id, (None, {}))[0]
        while aid is not None and not self.abstract.get(aid) and aid in self.abstract_style_link \
                and depth < 5:
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

        text = re.sub(r"%([1-9])", repl, lvl["lvlText"] or "")
        text = clean_text(_INVISIBLE.sub("", text))
        return text or None


# ---------------------------------------------------------------------------------------------
# the walker


class _Walker:
    def __init__(self, styles: _Styles, numbering: _Numbering):
        self.styles = styles
        self.numbering = numbering
        self.warnings: list[str] = []

    # -- blocks --------------------------------------------------------------------------------

    def blocks(self, container, depth: int = 0) -> list:
        """Paragraphs and tables of a body-like container (body, cell, text box) in order."""
        out: list = []
        for child in _unwrapped(container, (P, TBL, _w("altChunk"))):
            if child.tag == P:
                para, extra = self.paragraph(child)
                if para is not None:
                    out.append(para)
                out.extend(extra)
            elif child.tag == TBL:
                out.extend(self.table(child, depth))
            elif child.tag == _w("altChunk"):
                self.warnings.append("docx_altchunk: embedded foreign content (w:altChunk) not read")
        return out

    # -- paragraphs ----------------------------------------------------------------------------

    def paragraph(self, p) -> tuple[Paragraph | None, list]:
        """One w:p: its Paragraph (None when it has no text) and the blocks of its text boxes."""
        ppr = p.find(PPR)
        style_id = None
        num_id = ilvl = None
        jc = ind = None
        if ppr is not None:
            ps = ppr.find(_w("pStyle"))
            if ps is not None:
                style_id = ps.get(VAL)
            num_pr = ppr.find(_w("numPr"))
            if num_pr is not None:
                nid = num_pr.find(_w("numId"))
                lv = num_pr.find(_w("ilvl"))
                if nid is not None:
                    num_id = nid.get(VAL)
                if lv is not None:
                    ilvl = _int(lv.get(VAL), 0)
            jc_el = ppr.find(_w("jc"))
            if jc_el is not None:
                jc = jc_el.get(VAL)
            ind = _ind_left(ppr.find(_w("ind")))
        if style_id is None:
            style_id = self.styles.default_para
        style = self.styles.get(style_id)
        # numbering: direct numPr, else the paragraph style's
        if num_id is None and "numId" in style:
            num_id = style["numId"]
            if ilvl is None:
                ilvl = style.get("ilvl")
                if ilvl is None:  # the level whose pStyle is this style
                    for i, lvl in self.numbering.levels(num_id).items():
                        if lvl.get("pStyle") == style_id:
                            ilvl = i
                            break
        if ilvl is None:
            ilvl = 0
        label = self.numbering.label(num_id, ilvl) if num_id else None
        if ind is None and num_id:
            lvl = self.numbering.level(num_id, ilvl)
            if lvl is not None and lvl.get("ind") is not None:
                ind = lvl["ind"]
        if ind is None:
            ind = style.get("ind")
        if jc is None:
            jc = style.get("jc")

        parts: list[str] = []
        stats = [0, 0, 0]  # characters, bold characters, italic characters
        boxes: list = []
        self._inline(p, parts, stats, boxes, style, state={"fields": []})
        text = clean_text(_INVISIBLE.sub("", "".join(parts)))
        extra: list = []
        for box in boxes:
            extra.extend(self.blocks(box))
        if not text:
            return None, extra
        n, nb, ni = stats
        para = Paragraph(text=text, bold=n > 0 and nb >= 0.9 * n, italic=n > 0 and ni >= 0.9 * n,
                         alignment=_ALIGN.get(jc) if jc else None, indent=ind, list_label=label,
                         style=style.get("name") if style else None)
        return para, extra

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
                chosen = _chosen(child)
                if chosen is not None:
                    self._inline(chosen, parts, stats, boxes, pstyle, state)
            # w:del, w:moveFrom, bookmarks, proofErr, oMath...: nothing shown as text

    def _run(self, r, parts, stats, boxes, pstyle, state):
        rpr = r.find(RPR)
        bold = italic = None
        if rpr is not None:
            if _on(rpr.find(_w("vanish"))):
                return  # hidden text: not printed, not read
            bold = _on(rpr.find(_w("b")))
            italic = _on(rpr.find(_w("i")))
            if bold is None or italic is None:
                rs = rpr.find(_w("rStyle"))
                if rs is not None:
                    cst = self.styles.get(rs.get(VAL))
                    if bold is None:
                        bold = cst.get("bold")
                    if italic is None:
                        italic = cst.get("italic")
        if bold is None:
            bold = pstyle.get("bold", self.styles.default_bold)
        if italic is None:
            italic = pstyle.get("italic", self.styles.default_italic)
        for child in r:
            tag = child.tag
            piece = None
            if tag == T:
                piece = child.text or ""
            elif tag == _w("fldChar"):
                # complex field: begin, instruction runs, separate, result runs, end (nestable)
                kind = child.get(_w("fldCharType"))
                fields = state["fields"]
                if kind == "begin":
                    fields.append("code")
                elif kind == "separate" and fields:
                    fields[-1] = "result"
                elif kind == "end" and fields:
                    fields.pop()
                continue
            elif tag == _w("tab") or tag == _w("ptab"):
                piece = " "
            elif tag in (_w("br"), _w("cr")):
                if child.get(_w("type")) in ("page", "column"):
                    piece = " "
                else:
                    piece = "\n"
            elif tag == _w("noBreakHyphen"):
                piece = "-"
            elif tag == _w("sym"):
                ch = child.get(_w("char")) or ""
                code = int(ch, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,6}", ch) else None
                if code is not None and not (0xF000 <= code <= 0xF0FF):
                    piece = chr(code)
            elif tag in (_w("drawing"), _w("pict"), MC_ALT, _w("object")):
                self._collect_boxes(child, boxes)
                continue
            if piece:
                if "code" in state["fields"]:
                    continue  # an instruction (or text inside one): never shown
                parts.append(piece)
                visible = len(piece.strip())
                stats[0] += visible
                if bold:
                    stats[1] += visible
                if italic:
                    stats[2] += visible

    @staticmethod
    def _collect_boxes(el, boxes):
        """Top-level w:txbxContent under a drawing, read once (mc:Choice over mc:Fallback)."""
        stack = [el]
        while stack:
            node = stack.pop()
            if node.tag == TXBX:
                boxes.append(node)
                continue
            if node.tag == MC_ALT:
                chosen = _chosen(node)
                if chosen is not None:
                    stack.append(chosen)
                continue
            stack.extend(reversed(list(node)))

    # -- tables --------------------------------------------------------------------------------

    def table(self, tbl, depth: int) -> list:
        """A w:tbl as [Table, nested tables...]."""
        grid = tbl.find(_w("tblGrid"))
        n_grid = len(grid.findall(_w("gridCol"))) if grid is not None else 0
        rows: list[Row] = []
        nested_out: list = []
        # origin cell of an open vertical merge, per grid column
        open_merge: dict[int, Cell] = {}
        for tr in _unwrapped(tbl, (TR,)):
            trpr = tr.find(TRPR)
            is_header = False
            before = after = 0
            if trpr is not None:
                if trpr.find(_w("del")) is not None:
                    continue  # a row deleted with track changes on
                is_header = bool(_on(trpr.find(_w("tblHeader"))))
                gb = trpr.find(_w("gridBefore"))
                ga = trpr.find(_w("gridAfter"))
                before = _int(gb.get(VAL), 0) if gb is not None else 0
                after = _int(ga.get(VAL), 0) if ga is not None else 0
            cells: list[Cell] = []
            col = 0
            if before > 0:
                cells.append(Cell(lines=[], col_span=before))
                col += before
            seen_cols = set()
            for tc in _unwrapped(tr, (TC,)):
                tcpr = tc.find(TCPR)
                span, vmerge = 1, None
                if tcpr is not None:
                    gs = tcpr.find(_w("gridSpan"))
                    if gs is not None:
                        span = max(1, _int(gs.get(VAL), 1))
                    vm = tcpr.find(_w("vMerge"))
                    if vm is not None:
                        vmerge = vm.get(VAL) or "continue"
                lines, nested = self.cell_lines(tc, depth)
                nested_out.extend(nested)
                if vmerge == "continue" and col in open_merge:
                    origin = open_merge[col]
                    origin.row_span += 1
                    cell = Cell(lines=list(origin.lines), col_span=span, merged=True)
                else:
                    cell = Cell(lines=lines, col_span=span)
                    if vmerge == "restart":
                        open_merge[col] = cell
                    else:
                        open_merge.pop(col, None)
                cells.append(cell)
                for c in range(col, col + span):
                    seen_cols.add(c)
                col += span
            if after > 0:
                cells.append(Cell(lines=[], col_span=after))
                col += after
            # a column with no cell in this row ends any merge there
            for c in list(open_merge):
                if c not in seen_cols:
                    open_merge.pop(c, None)
            rows.append(Row(cells=cells, is_header=is_header))
        n_cols = max([n_grid] + [sum(c.col_span for c in r.cells) for r in rows]) if rows else n_grid
        for row in rows:  # pad short rows so every row covers the grid
            width = sum(c.col_span for c in row.cells)
            if width < n_cols:
                row.cells.append(Cell(lines=[], col_span=n_cols - width))
        if not rows:
            return nested_out
        rows = _drop_repeated_headers(rows)
        return [Table(rows=rows, n_cols=n_cols, depth=depth)] + nested_out

    def cell_lines(self, tc, depth: int) -> tuple[list[str], list]:
        """A cell's visual lines (label + paragraph text, nested tables row by row) and the
        nested tables as blocks."""
        lines: list[str] = []
        nested: list = []
        for block in self.blocks(tc, depth + 1):
            if isinstance(block, Paragraph):
                lines.extend(ln for ln in block.label_and_text.split("\n") if ln.strip())
            elif isinstance(block, Table):
                nested.append(block)
                if block.depth == depth + 1:  # a direct child: its rows become lines here
                    lines.extend(_nested_lines(block))
        return lines, nested


def _nested_lines(table: Table) -> list[str]:
    """A nested table as cell lines: a row with one non-empty cell gives that cell's lines; a
    row with several gives one line, its cells (lines joined by a space) joined by " | ", so a
    sub-item keeps its owner and timing on its own line. Merged copies are not repeated."""
    out: list[str] = []
    for row in table.rows:
        cells = [c for c in row.cells if not c.is_empty and not c.merged]
        if len(cells) == 1:
            out.extend(cells[0].lines)
        elif cells:
            out.append(" | ".join(" ".join(c.lines) for c in cells))
    return out


def _row_key(row: Row) -> tuple:
    return tuple(" ".join(c.text.split()).casefold() for c in row.cells)


def _drop_repeated_headers(rows: list[Row]) -> list[Row]:
    """Drop body rows that repeat a header row word for word (a header repeated by hand, or a
    table pasted in twice). The header rows are those marked w:tblHeader, else the first row;
    a header needs at least two non-empty cells to count."""
    headers = [r for r in rows if r.is_header] or rows[:1]
    keys = {_row_key(r) for r in headers if sum(1 for c in r.cells if not c.is_empty) >= 2}
    if not keys:
        return rows
    out, in_header = [], True
    for i, row in enumerate(rows):
        if in_header and (row.is_header or i == 0):
            out.append(row)
            continue
        in_header = False
        if _row_key(row) in keys:
            continue
        out.append(row)
    return out


# ---------------------------------------------------------------------------------------------
# entry point


_RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:200]}"


def _xml(part):
    """A part's XML root: python-docx's parsed element, or the blob parsed safely (parts that
    python-docx loads as plain Parts, e.g. a macro-enabled main document)."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(part.blob, parser)


def _related(part, reltype):
    """The XML of the part related to `part` by `reltype`, or None (no defaults are created)."""
    try:
        return _xml(part.part_related_by(reltype))
    except KeyError:
        return None


def _open(path: Path):
    """(document, styles, numbering) XML roots via python-docx; ExtractionError for anything
    unreadable (styles and numbering may be None)."""
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.file_size > _MAX_XML_BYTES:
                    raise ExtractionError("hostile_file",
                                          f"{path.name}: part {info.filename} unpacks to "
                                          f"{info.file_size // 2**20} MB (zip bomb?)")
            names = set(zf.namelist())
            strict = "_rels/.rels" in names and b"purl.oclc.org/ooxml" in zf.read("_rels/.rels")
    except zipfile.BadZipFile as exc:
        raise ExtractionError("corrupt_docx", f"{path.name}: not a readable DOCX (zip): {_short(exc)}") from None
    except OSError as exc:
        raise ExtractionError("corrupt_docx", f"{path.name}: cannot be read: {_short(exc)}") from None
    if "[Content_Types].xml" not in names:
        raise ExtractionError("corrupt_docx", f"{path.name}: a zip file but not a DOCX "
                                              "(no [Content_Types].xml)")
    if strict:
        raise ExtractionError("corrupt_docx", f"{path.name}: a 'Strict Open XML' DOCX, which cannot be "
                                              "read; save it again as a standard Word document")
    try:
        from docx.package import Package

        part = Package.open(str(path)).main_document_part
        document = _xml(part)
        styles = _related(part, _RT_STYLES)
        numbering = _related(part, _RT_NUMBERING)
    except Exception as exc:  # python-docx raises KeyError, ValueError, XMLSyntaxError...
        raise ExtractionError("corrupt_docx", f"{path.name}: the DOCX cannot be read ({_short(exc)})") from None
    return document, styles, numbering


def extract(path: Path) -> Document:
    """Read a DOCX into the document model (raises ExtractionError "corrupt_docx")."""
    path = Path(path)
    document, styles_el, numbering_el = _open(path)
    body = document.find(_w("body"))
    if document.tag != _w("document") or body is None:
        raise ExtractionError("corrupt_docx", f"{path.name}: the main part is not a Word document body "
                                              f"({document.tag})")
    styles = _Styles(styles_el)
    walker = _Walker(styles, _Numbering(numbering_el, styles))
    doc = Document(source_file=str(path), file_format="docx")
    doc.blocks = walker.blocks(body)
    doc.warnings.extend(dict.fromkeys(walker.warnings))
    return doc
