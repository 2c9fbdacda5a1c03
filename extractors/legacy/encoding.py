"""Vietnamese text typed in the pre-Unicode font encodings TCVN3 (ABC: .VnTime, .VnArial...) and VNI
(VNI-Times...), as it arrives from old .doc/.docx files: the font's 8-bit codes show up as Latin-1
characters ("KÕ ho¹ch" for "Kế hoạch" in TCVN3, "Keá hoaïch" in VNI). Convert it to Unicode NFC.

    detect_encoding(text) -> "unicode" | "tcvn3" | "vni"
    to_unicode(text, encoding=None, uppercase=False) -> str     # encoding None: detect
    font_encoding(font_name) -> (encoding, uppercase) | None    # ".VnTimeH" -> ("tcvn3", True)
    fix_run(text, font_name=None) -> str                        # what a backend calls per text run
    from_unicode(text, encoding) -> str                         # the inverse (tests, fixtures)

Both converters are table driven; the tables below are the published code charts:
- TCVN3 (TCVN 5712:1993, VN3 / "ABC"): one byte per letter. Lowercase letters with diacritics at
  0xA8-0xAE and 0xB5-0xFE; only the bare uppercase letters Ă Â Ê Ô Ơ Ư Đ have codes (0xA1-0xA7):
  capitals with a tone mark are typed in the companion "H" fonts (.VnTimeH), which draw the
  lowercase codes as capitals - hence `uppercase=True` for those fonts.
- VNI (VNI for Windows): a base letter followed by a mark character (tone, or circumflex/breve
  with tone folded in); ơ, ư, đ and the toned i / ỵ are single characters.

Detection scores each candidate conversion by how many words come out as well-formed Vietnamese
syllables (letters of the Vietnamese alphabet, at most one tone mark) against words left with
stray Latin-1 symbols, so it works on a run, a paragraph or a whole document; text that already
holds Unicode Vietnamese letters (ă ơ ư đ ạ ế ...) or plain ASCII is "unicode".

Backends: convert legacy runs *before* stripping soft hyphens - 0xAD is "ư" in TCVN3.
"""

from __future__ import annotations

import re
import unicodedata

# ------------------------------------------------------------------ TCVN3 (ABC) code chart
# byte -> letter. Rows of the chart: base letters, then à ả ã á ạ for each vowel (tone order of
# the chart: grave, hook, tilde, acute, dot).
_TCVN3_BYTES: dict[int, str] = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xA8: "ă",
    0xA9: "â",
    0xAA: "ê",
    0xAB: "ô",
    0xAC: "ơ",
    0xAD: "ư",
    0xAE: "đ",
    0xB5: "à",
    0xB6: "ả",
    0xB7: "ã",
    0xB8: "á",
    0xB9: "ạ",
    0xBB: "ằ",
    0xBC: "ẳ",
    0xBD: "ẵ",
    0xBE: "ắ",
    0xC6: "ặ",
    0xC7: "ầ",
    0xC8: "ẩ",
    0xC9: "ẫ",
    0xCA: "ấ",
    0xCB: "ậ",
    0xCC: "è",
    0xCE: "ẻ",
    0xCF: "ẽ",
    0xD0: "é",
    0xD1: "ẹ",
    0xD2: "ề",
    0xD3: "ể",
    0xD4: "ễ",
    0xD5: "ế",
    0xD6: "ệ",
    0xD7: "ì",
    0xD8: "ỉ",
    0xDC: "ĩ",
    0xDD: "í",
    0xDE: "ị",
    0xDF: "ò",
    0xE1: "ỏ",
    0xE2: "õ",
    0xE3: "ó",
    0xE4: "ọ",
    0xE5: "ồ",
    0xE6: "ổ",
    0xE7: "ỗ",
    0xE8: "ố",
    0xE9: "ộ",
    0xEA: "ờ",
    0xEB: "ở",
    0xEC: "ỡ",
    0xED: "ớ",
    0xEE: "ợ",
    0xEF: "ù",
    0xF1: "ủ",
    0xF2: "ũ",
    0xF3: "ú",
    0xF4: "ụ",
    0xF5: "ừ",
    0xF6: "ử",
    0xF7: "ữ",
    0xF8: "ứ",
    0xF9: "ự",
    0xFA: "ỳ",
    0xFB: "ỷ",
    0xFC: "ỹ",
    0xFD: "ý",
    0xFE: "ỵ",
}
# as the characters they appear as (Latin-1 / Windows-1252 reading of the byte)
TCVN3_TO_UNICODE: dict[str, str] = {chr(b): u for b, u in _TCVN3_BYTES.items()}

# ------------------------------------------------------------------ VNI code chart
_TONES = ("acute", "grave", "hook", "tilde", "dot")
_TONE_MARK = {"acute": "\u0301", "grave": "\u0300", "hook": "\u0309", "tilde": "\u0303", "dot": "\u0323"}
# mark characters appended to a base letter, lowercase / uppercase
_VNI_TONE = {"acute": ("ù", "Ù"), "grave": ("ø", "Ø"), "hook": ("û", "Û"), "tilde": ("õ", "Õ"), "dot": ("ï", "Ï")}
_VNI_CIRC = {
    None: ("â", "Â"),
    "acute": ("á", "Á"),
    "grave": ("à", "À"),
    "hook": ("å", "Å"),
    "tilde": ("ã", "Ã"),
    "dot": ("ä", "Ä"),
}  # after a, e, o
_VNI_BREVE = {
    None: ("ê", "Ê"),
    "acute": ("é", "É"),
    "grave": ("è", "È"),
    "hook": ("ú", "Ú"),
    "tilde": ("ü", "Ü"),
    "dot": ("ë", "Ë"),
}  # after a
# single characters
_VNI_SINGLE = {"ơ": "ô", "Ơ": "Ô", "ư": "ö", "Ư": "Ö", "đ": "ñ", "Đ": "Ñ", "ỵ": "î", "Ỵ": "Î"}
_VNI_I = {"acute": ("í", "Í"), "grave": ("ì", "Ì"), "hook": ("æ", "Æ"), "tilde": ("ó", "Ó"), "dot": ("ò", "Ò")}


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _build_vni() -> dict[str, str]:
    """Unicode letter -> VNI string, for every Vietnamese letter with a diacritic."""
    enc: dict[str, str] = {}
    for upper in (0, 1):

        def case(s: str) -> str:
            return s.upper() if upper else s

        for tone in _TONES:
            t = _TONE_MARK[tone]
            for v in "aeouy":  # plain vowels + tone
                enc[_compose(case(v), t)] = case(v) + _VNI_TONE[tone][upper]
            for horn, code in (("o", _VNI_SINGLE["ơ"]), ("u", _VNI_SINGLE["ư"])):  # ơ ư + tone
                enc[_compose(case(horn), "\u031b", t)] = (code.upper() if upper else code) + _VNI_TONE[tone][upper]
            enc[_compose(case("i"), t)] = _VNI_I[tone][upper]
        for tone in (None, *_TONES):
            marks = (_TONE_MARK[tone],) if tone else ()
            for v in "aeo":
                enc[_compose(case(v), "\u0302", *marks)] = case(v) + _VNI_CIRC[tone][upper]
            enc[_compose(case("a"), "\u0306", *marks)] = case("a") + _VNI_BREVE[tone][upper]
    for uni, code in _VNI_SINGLE.items():
        enc.setdefault(uni, code)
    enc[_compose("y", "\u0323")] = "î"  # ỵ and Ỵ are single characters, not y + dot
    enc[_compose("Y", "\u0323")] = "Î"
    return enc


UNICODE_TO_VNI = _build_vni()
VNI_TO_UNICODE = {v: k for k, v in UNICODE_TO_VNI.items()}
UNICODE_TO_TCVN3 = {v: k for k, v in TCVN3_TO_UNICODE.items()}

_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(VNI_TO_UNICODE, key=len, reverse=True)))
_TCVN3_RE = re.compile("[" + "".join(re.escape(k) for k in TCVN3_TO_UNICODE) + "]")

# ------------------------------------------------------------------ detection
_VI_ALPHABET = set("abcdđeghiklmnopqrstuvxyăâêôơư")
_TONE_MARKS = set(_TONE_MARK.values())
_MODIFIED = set("ăâêôơư")
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]{}\"'“”‘’/\\|<>=+*&%$#@~^_`-]+")
# letters only Unicode Vietnamese has (Latin Extended-A/B and the Latin Extended Additional block)
_UNICODE_VI = re.compile("[ăđĩũơưĂĐĨŨƠƯ\u1ea0-\u1ef9]")
_NUCLEI = (
    "iêu yêu oai oay oeo uây uôi ươi ươu uya uyê uyu ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi "
    "ơi oo ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê a ă â e ê i o ô ơ u ư y"
).split()
_SYLLABLE = re.compile(
    "^(?P<onset>ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    "(?P<nucleus>" + "|".join(_NUCLEI) + ")"
    "(?P<coda>ch|nh|ng|c|m|n|p|t)?$"
)


def is_vietnamese_syllable(word: str) -> bool | None:
    """True: a well-formed Vietnamese syllable (onset, vowel nucleus, coda, one tone on the right
    vowel); False: stray symbols, impossible vowel clusters or misplaced tones; None: an ASCII
    word (undecided)."""
    if word.isascii():
        return None
    letters, tone_at = [], []
    for i, ch in enumerate(unicodedata.normalize("NFC", word.lower())):
        d = unicodedata.normalize("NFD", ch)
        marks = d[1:]
        tones = [m for m in marks if m in _TONE_MARKS]
        mods = [m for m in marks if m not in _TONE_MARKS]
        if len(tones) > 1 or len(mods) > 1:
            return False
        letter = unicodedata.normalize("NFC", d[0] + "".join(mods))
        if letter not in _VI_ALPHABET:
            return False
        if tones:
            tone_at.append(i)
        letters.append(letter)
    if len(tone_at) > 1:
        return False
    m = _SYLLABLE.match("".join(letters))
    if not m:
        return False
    if m.group("coda") in ("ch", "nh") and m.group("nucleus") not in ("a", "ê", "i", "oa", "uy", "uê"):
        return False  # -ch / -nh only follow a, ê, i: "anh", "ếch", "oanh", "huỳnh"; never "ôch"
    if not tone_at:
        return True
    t, (ns, ne) = tone_at[0], m.span("nucleus")
    if not ns <= t < ne:
        return False
    nucleus = m.group("nucleus")
    if any(ch in _MODIFIED for ch in nucleus):
        return letters[t] in _MODIFIED
    if m.group("coda") or len(nucleus) == 1:
        return t == ne - 1 or len(nucleus) == 1
    if nucleus in ("oa", "oe", "uy"):  # old and new styles: hòa / hoà, thủy / thuỷ
        return True
    return t == ns + (len(nucleus) - 1) // 2 if len(nucleus) == 3 else t == ns


def _plausibility(text: str) -> int:
    score = 0
    for word in _WORD.findall(text):
        ok = is_vietnamese_syllable(word)
        if ok is True:
            score += 1
        elif ok is False:
            score -= 2
    return score


def _has_legacy_chars(text: str) -> bool:
    return any("\u00a0" < ch <= "\u00ff" for ch in text)


def detect_encoding(text: str) -> str:
    """ "tcvn3" or "vni" when the text reads as Vietnamese only after that conversion, else "unicode"."""
    if not text or not _has_legacy_chars(text):
        return "unicode"
    if len(_UNICODE_VI.findall(text)) >= 2:
        return "unicode"
    base = _plausibility(text)
    scores = {enc: _plausibility(_convert(text, enc)) for enc in ("tcvn3", "vni")}
    best = max(scores, key=lambda e: scores[e])
    if scores[best] > base and scores[best] > 0:
        return best
    return "unicode"


# ------------------------------------------------------------------ conversion
def _convert(text: str, encoding: str) -> str:
    if encoding == "tcvn3":
        return _TCVN3_RE.sub(lambda m: TCVN3_TO_UNICODE[m.group(0)], text)
    if encoding == "vni":
        return _VNI_RE.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)
    return text


def to_unicode(text: str, encoding: str | None = None, uppercase: bool = False) -> str:
    """Convert legacy-encoded text to Unicode NFC. encoding None: detect it (unicode text is
    returned NFC-normalized, otherwise unchanged). uppercase: the text was typed in an all-capitals
    "H" font (.VnTimeH), whose lowercase codes are drawn as capitals."""
    if not text:
        return text
    enc = (encoding or detect_encoding(text)).lower()
    if enc in ("abc", "tcvn", "tcvn3", "vn3", "tcvn5712"):
        enc = "tcvn3"
    elif enc.startswith("vni"):
        enc = "vni"
    elif enc != "unicode":
        raise ValueError(f"unknown encoding {encoding!r}: use 'tcvn3', 'vni' or 'unicode'")
    out = unicodedata.normalize("NFC", _convert(text, enc))
    return out.upper() if uppercase and enc != "unicode" else out


def from_unicode(text: str, encoding: str) -> str:
    """Encode Unicode Vietnamese into TCVN3 or VNI (as Latin-1 characters). Raises ValueError for a
    letter the encoding cannot express (TCVN3 has no capitals with tone marks)."""
    table = UNICODE_TO_TCVN3 if encoding == "tcvn3" else UNICODE_TO_VNI if encoding == "vni" else None
    if table is None:
        raise ValueError(f"unknown encoding {encoding!r}")
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isascii():
            out.append(ch)
        elif ch in table:
            out.append(table[ch])
        else:
            raise ValueError(f"{ch!r} has no code in {encoding}")
    return "".join(out)


_FONT_TCVN3 = re.compile(r"^\.?vn[a-z0-9]", re.I)  # .VnTime, .VnArial, .VnTimeH, VnTime
_FONT_VNI = re.compile(r"^vni[-_ ]", re.I)  # VNI-Times, VNI-Helve
_FONT_STYLE_SUFFIX = re.compile(r"(?:[\s,-]*(?:bold|italic|oblique|narrow|regular))+$", re.I)  # ".VnTimeH, Bold"


def font_encoding(font_name: str | None) -> tuple[str, bool] | None:
    """The legacy encoding a font name implies: (".VnTimeH" -> ("tcvn3", True)), VNI-Times ->
    ("vni", False); None for a Unicode font."""
    if not font_name:
        return None
    name = font_name.strip()
    if _FONT_VNI.match(name):
        return "vni", False
    if _FONT_TCVN3.match(name):
        core = _FONT_STYLE_SUFFIX.sub("", name)
        return "tcvn3", core.endswith("H")
    return None


def fix_run(text: str, font_name: str | None = None) -> str:
    """A text run as Unicode: converted by its font's encoding when the font is a legacy one,
    else by detection (only when the run clearly reads as TCVN3/VNI)."""
    if not text:
        return text
    by_font = font_encoding(font_name)
    if by_font:
        enc, upper = by_font
        if _UNICODE_VI.search(text):  # a Unicode run under a legacy font name: leave it
            return unicodedata.normalize("NFC", text)
        return to_unicode(text, enc, uppercase=upper)
    return to_unicode(text)
