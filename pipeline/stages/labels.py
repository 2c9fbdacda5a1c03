"""Item labels of Vietnamese administrative documents: "I.", "II", "A", "B.", "1", "1.", "6.1.", "a)",
"đ)", "-", "+" ... — recognize them, classify them, order them, and build section paths ("B.III").

Stable API (other stages import it):

- ``parse_label(text, prev=None, bare=False) -> Label | None`` — the label at the start of ``text``.
- ``Label``: ``kind`` (one of KINDS), ``value`` (canonical: "II", "B", "đ", "6.1", "-"), ``raw`` (as printed,
  "6.1."), ``closer`` ("." | ")" | ""), ``rest`` (the text after the label), ``ordinal`` (1-based place in its
  sequence: II → 2, đ → 5, 6.1 → 1; None for bullets), ``parts`` ((6, 1) for "6.1"); properties ``stt``
  (the label as a row's own label: "a)", "6.1", "II"), ``family`` (what makes two labels the same level),
  ``is_bullet``.
- ``is_next(prev, cur)`` — cur continues prev's sequence (a) → b), d) → đ), I → II, 6.1 → 6.2).
- ``SectionStack`` — ``push`` section labels in reading order, ``enter`` an item's label to pop back to
  its level; ``path`` gives "B.III" ("II.6.2" for II, 6, 6.2), ``title``/``titles`` the headings' titles.
- ``extends(lab, other)`` — lab is a dotted number under other (6.1 under 6).
- ``split_items(lines)`` — split a cell's lines into labelled items (a) ..., b) ...).
- helpers: ``roman_to_int``, ``letter_ordinal``, ``VI_LETTERS``.

The Vietnamese alphabet orders letters a b c d đ e g h i k l m n o p q r s t u v x y (no f, j, w, z), so
lists run "d), đ), e), g)". A lone I/V/X is read as a roman numeral, a lone C/D/L/M as a letter, and a lone
lowercase letter as a letter, unless ``prev`` says otherwise (H → I is a letter; IV → V is roman).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from pipeline.text import BULLET_CHARS

ROMAN, ROMAN_LOWER, UPPER, LOWER, NUMBER, BULLET = "roman", "roman_lower", "upper", "lower", "number", "bullet"
KINDS = (ROMAN, ROMAN_LOWER, UPPER, LOWER, NUMBER, BULLET)

VI_LETTERS = "abcdđeghiklmnopqrstuvxy"

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")

# label token: optional "(", then a dotted number, a roman numeral or one letter, then an optional closer
_TOKEN = re.compile(
    r"""^\(?(?P<tok>\d{1,3}(?:\.\d{1,3})*|[IVXLCDMivxlcdm]{1,7}|[A-Za-zĐđ])
        (?P<closer>\.\)|\.|\)|/|:)?""",
    re.VERBOSE,
)


def roman_to_int(text: str) -> int | None:
    """Value of a roman numeral ("XIV" → 14); None when ``text`` is not a well-formed numeral."""
    s = text.upper()
    if not s or not _ROMAN_RE.match(s):
        return None
    total, prev = 0, 0
    for ch in reversed(s):
        v = _ROMAN_VALUES[ch]
        total += -v if v < prev else v
        prev = max(prev, v)
    return total or None


def letter_ordinal(ch: str) -> int | None:
    """1-based place of a letter in the Vietnamese alphabet (a=1, đ=5, e=6, g=7); None for f, j, w, z."""
    i = VI_LETTERS.find(ch.lower())
    return i + 1 if i >= 0 else None


@dataclass(frozen=True)
class Label:
    kind: str  # one of KINDS
    value: str  # canonical: "II", "B", "đ", "6.1", "-"
    raw: str = ""  # as printed: "II.", "b)", "6.1.", "(a)"
    closer: str = ""  # "." | ")" | "" (a "/" or ".)" closer is stored as ")")
    rest: str = ""  # the text after the label, stripped
    ordinal: int | None = None
    parts: tuple[int, ...] = field(default_factory=tuple)

    @property
    def is_bullet(self) -> bool:
        return self.kind == BULLET

    @property
    def stt(self) -> str:
        """The label as a row's own label: "a)" keeps its parenthesis, "6.1." and "II." lose the dot."""
        if self.kind == BULLET:
            return self.value
        return self.value + (")" if self.closer == ")" else "")

    @property
    def family(self) -> tuple:
        """Labels of one family are one level of a list: same kind, same closer style ("I." and "I" alike,
        "1." and "1)" not; "6.1" is a number of depth 2, family ("number", ".", 2))."""
        if self.kind == BULLET:
            return (BULLET, self.value)
        closer = ")" if self.closer == ")" else "."
        if self.kind == NUMBER:
            return (NUMBER, closer, len(self.parts))
        return (self.kind, closer)


def _strip(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _roman_kind(tok: str) -> str:
    return ROMAN if tok.isupper() else ROMAN_LOWER


def _choose(tok: str, prev: Label | None) -> tuple[str, int | None] | None:
    """Kind and ordinal of a roman-or-letter token, using prev to resolve I/V/X/C/D/L/M ambiguity."""
    is_roman = roman_to_int(tok) is not None and (len(tok) > 1 or tok.upper() in _ROMAN_VALUES)
    is_letter = len(tok) == 1 and letter_ordinal(tok) is not None
    letter_kind = UPPER if tok.isupper() else LOWER
    if len(tok) > 1 and not tok.isupper() and not tok.islower():
        return None  # "Vi", mixed case: a word, not a label
    if is_roman and is_letter:
        r_kind = _roman_kind(tok)
        rv, lv = roman_to_int(tok), letter_ordinal(tok)
        if prev is not None:
            if prev.kind == r_kind and prev.ordinal is not None and rv == prev.ordinal + 1:
                return r_kind, rv
            if prev.kind == letter_kind and prev.ordinal is not None and lv == prev.ordinal + 1:
                return letter_kind, lv
        if tok.isupper() and tok in "IVX":
            return ROMAN, rv
        return letter_kind, lv
    if is_roman:
        return _roman_kind(tok), roman_to_int(tok)
    if is_letter:
        return letter_kind, letter_ordinal(tok)
    if len(tok) == 1 and tok.isalpha():  # f, j, w, z: letters outside the Vietnamese alphabet
        return (UPPER if tok.isupper() else LOWER), None
    return None


def parse_label(text: str, prev: Label | None = None, bare: bool = False) -> Label | None:
    """The item label at the start of ``text``, or None.

    A label that is the whole text ("II", "1", "a)") is always recognized. A label followed by text
    needs a closer ("1. Xây dựng", "a) Văn bản", "II. Cải cách") unless ``bare`` is True ("II Cải cách").
    A bullet ("-", "+", "•") is recognized when followed by text that does not start with a digit.
    ``prev`` (the previous label at this level, when known) resolves roman-vs-letter ambiguity.
    """
    s = _strip(text)
    if not s:
        return None
    if s[0] in BULLET_CHARS:
        rest = s[1:].lstrip()
        if len(s) > 1 and s[1].isdigit():
            return None  # "-5", "+3": numbers, not bullets
        value = "-" if s[0] in "-–—" else s[0]
        return Label(BULLET, value, s[0], "", rest, None, ())
    m = _TOKEN.match(s)
    if not m:
        return None
    tok, closer = m.group("tok"), m.group("closer") or ""
    opener = s.startswith("(")
    if opener and closer not in (")", ".)"):
        return None
    end = m.end()
    if closer == ":":  # "a:" is not a label style we know; "II:" neither
        return None
    after = s[end:]
    if after and not after[0].isspace():
        # "1.Xây dựng" / "a)Văn bản" are labels; "1,5" / "II-2" / "Về" are not
        if not closer or closer == "." and tok[-1].isdigit() and after[0].isdigit():
            return None
        if closer == "." and not tok[0].isdigit() and after[0].isalpha() and after[0].islower():
            return None  # "v.v", "e.g"
    rest = after.strip()
    if rest and not closer and not bare:
        return None
    if closer in ("/", ".)"):
        closer = ")"
    if opener:
        closer = ")"
    raw = s[:end]
    if tok[0].isdigit():
        parts = tuple(int(p) for p in tok.split("."))
        return Label(NUMBER, tok, raw, closer, rest, parts[-1], parts)
    chosen = _choose(tok, prev)
    if chosen is None:
        return None
    kind, ordinal = chosen
    if kind in (ROMAN, ROMAN_LOWER):
        value = tok.upper() if kind == ROMAN else tok.lower()
    else:
        value = tok
    if kind in (UPPER, LOWER) and rest and not closer:
        # bare single letters followed by text ("A Cải cách") only with bare=True, never lowercase words
        if kind == LOWER:
            return None
    return Label(kind, value, raw, closer, rest, ordinal, ())


def is_label(text: str) -> bool:
    """True when the whole text is one label ("II", "1.", "a)", "-")."""
    lab = parse_label(text)
    return lab is not None and not lab.rest


def is_next(prev: Label | None, cur: Label | None) -> bool:
    """cur continues prev's sequence: same family and the next ordinal (for dotted numbers, the same
    prefix and the next last part). Bullets continue bullets of the same character."""
    if prev is None or cur is None:
        return False
    if prev.kind == BULLET or cur.kind == BULLET:
        return prev.family == cur.family
    if prev.kind != cur.kind or prev.ordinal is None or cur.ordinal is None:
        return False
    if prev.kind == NUMBER and prev.parts[:-1] != cur.parts[:-1]:
        return False
    if prev.kind in (UPPER, LOWER):
        return VI_LETTERS.find(cur.value.lower()) == VI_LETTERS.find(prev.value.lower()) + 1
    return cur.ordinal == prev.ordinal + 1


def extends(lab: Label, other: Label) -> bool:
    """lab is a dotted number under other: 6.1 under 6, 6.2.1 under 6.2."""
    return (
        lab.kind == NUMBER
        and other.kind == NUMBER
        and len(lab.parts) > len(other.parts)
        and lab.parts[: len(other.parts)] == other.parts
    )


class SectionStack:
    """Section labels above the current position, outermost first, with their titles.

    ``enter(label)`` pops back to where the label belongs: to its own family's level when that family is
    on the stack (a new "II" ends "I" and everything below it). A number goes just under the deepest
    number it extends ("6.1" and "6.3" under "6", ending "6.2"), else it ends the numbers of its closer
    style ("7" or "7.1" after "6", "6.3"). ``push(label, title)`` enters and nests the label.
    ``path`` writes a dotted number for the numbers it extends: "II", "6", "6.2" → "II.6.2". So an item's
    section is ``enter(label)`` then ``path``: item "6.4" after heading "6.3" sits in "II.6".
    """

    def __init__(self) -> None:
        self.items: list[tuple[Label, str]] = []

    def _cut(self, label: Label) -> int:
        """How many items stay when ``label`` is entered."""
        if label.kind == NUMBER:
            for i in range(len(self.items) - 1, -1, -1):
                if extends(label, self.items[i][0]):
                    return i + 1
            style = label.family[1]
            return next(
                (i for i, (lab, _) in enumerate(self.items) if lab.kind == NUMBER and lab.family[1] == style),
                len(self.items),
            )
        return next((i for i, (lab, _) in enumerate(self.items) if lab.family == label.family), len(self.items))

    def enter(self, label: Label) -> None:
        del self.items[self._cut(label) :]

    def push(self, label: Label, title: str = "") -> None:
        self.enter(label)
        self.items.append((label, title))

    @property
    def path(self) -> str | None:
        return section_path(self.labels)

    @property
    def title(self) -> str | None:
        return self.items[-1][1] or None if self.items else None

    @property
    def titles(self) -> list[str]:
        return [title for _, title in self.items]

    @property
    def labels(self) -> list[Label]:
        return [lab for lab, _ in self.items]

    def __len__(self) -> int:
        return len(self.items)


def section_path(labels: Iterable[Label | str]) -> str | None:
    """Join section labels into a path: [B, III] → "B.III"; a dotted number stands for the numbers it
    extends: [II, 6, 6.2] → "II.6.2"."""
    vals = [v for v in (lab.value if isinstance(lab, Label) else str(lab) for lab in labels) if v]
    kept = [v for v, nxt in zip(vals, vals[1:] + [""]) if not nxt.startswith(v + ".")]
    return ".".join(kept) or None


def split_items(lines: list[str], kinds: Iterable[str] | None = None) -> list[tuple[Label | None, list[str]]]:
    """Split lines into items at labelled lines: ["a) X", "more", "b) Y"] → [(a), ["a) X", "more"]),
    (b), ["b) Y"])]. Lines before the first label form an item with label None. Only non-bullet labels
    split unless ``kinds`` says otherwise; the lines keep their labels as printed."""
    allowed = set(kinds) if kinds is not None else {ROMAN, ROMAN_LOWER, UPPER, LOWER, NUMBER}
    out: list[tuple[Label | None, list[str]]] = []
    prev: Label | None = None
    for line in lines:
        lab = parse_label(line, prev=prev)
        if lab is not None and lab.kind in allowed and (lab.rest or lab.kind != BULLET):
            out.append((lab, [line]))
            prev = lab
        elif out:
            out[-1][1].append(line)
        else:
            out.append((None, [line]))
    return out


# "Điều 5." / "Điều 12:" opening a paragraph: an article of a legal text, a charter or a regulation
# (NĐ 30/2020 Phụ lục I: a văn bản quy phạm pháp luật, an Điều lệ, a Quy chế are laid out in
# Chương / Mục / Điều / khoản / điểm)
_ARTICLE = re.compile(r"^điều\s+(\d{1,3}[a-zđ]?)\s*[.:]", re.IGNORECASE)


def article_count(texts: Iterable[str]) -> int:
    """How many distinct articles ("Điều N.") the paragraphs open."""
    return len({m.group(1).lower() for t in texts if (m := _ARTICLE.match(_strip(t)))})
