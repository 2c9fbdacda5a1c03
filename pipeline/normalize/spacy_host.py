"""The spaCy host: the pipeline for whole-document views and ad-hoc analysis (`vanban view`,
notebooks), built once per process; ingest does not load it (pipeline/normalize/enrich.py is the stage).

`get_nlp()` is a blank multi-language pipeline whose tokenizer segments Vietnamese words with underthesea's CRF model
(offline, shipped in the wheel), keeping legal numbers such as 45/2020/NĐ-CP as one token, with
three rule components that add spans (doc.spans["citations" | "units" | "timing"]) and doc.ents:

    vanban_citations  CITATION spans from pipeline.citations.get_citations (kb_id = ref)
    vanban_units      UNIT spans: names from the alias table and "Sở …", "Phòng …" names (kb_id = canonical)
    vanban_timing     TIME spans: "Quý III", "trước ngày 15/12/2025", "định kỳ 3 tháng/lần" … (kb_id = kind)

    doc = analyze(text, plan_year=2025)      # or get_nlp()(text)
    [(e.text, e.label_, e.kb_id_) for e in doc.ents]
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Iterable

from pipeline.citations.find import get_citations
from pipeline.citations.regexes import DATE, date_of
from pipeline.normalize.timing import normalize_timing
from pipeline.normalize.units import canonical_unit, fold_text, load_aliases
from pipeline.text import DUTY_VERBS, WORDED_DATE

log = logging.getLogger(__name__)


# legal numbers and dates stay one token: 45/2020/NĐ-CP, 1014/KH-C04-P6, 04-NQ/TU, 08/4/2020
_FALLBACK_TOKEN = re.compile(r"\w+|[^\w\s]")
PROTECTED = re.compile(r"(?<![\w/])\d[\w.-]*(?:/[\w.-]*\w)+|(?<![\w&])[^\W\d_]+(?:&[^\W\d_]+)+")


class VietnameseTokenizer:
    """spaCy tokenizer: underthesea word segmentation, with PROTECTED spans kept whole.

    Multi-syllable words are single tokens with an inner space ("thủ tục"), as in spaCy's own
    Vietnamese tokenizer; the Doc's text is always exactly the input text.
    """

    def __init__(self, vocab):
        self.vocab = vocab
        from underthesea import word_tokenize  # CRF model shipped in the wheel: no download

        self._segment = word_tokenize

    def _words(self, chunk: str) -> list[str]:
        words: list[str] = []
        for line in re.split(r"\n|(?<=\s)\|(?=\s)", chunk):  # lines, and table cells "a | b"
            if not line.strip():
                continue
            try:
                segmented = [w for w in self._segment(line, use_token_normalize=False) if w.strip()]
            except Exception:  # underthesea failing on odd input must not lose the text
                log.debug("underthesea failed on %r", line[:80], exc_info=True)
                segmented = []
            if "".join(segmented).replace(" ", "") != "".join(line.split()):
                segmented = _FALLBACK_TOKEN.findall(line)  # the segmenter changed the text
            words.extend(segmented)
        return words

    def __call__(self, text: str):
        from spacy.tokens import Doc
        from spacy.util import get_words_and_spaces

        words: list[str] = []
        pos = 0
        for m in PROTECTED.finditer(text):
            words.extend(self._words(text[pos : m.start()]))
            words.append(m.group(0))
            pos = m.end()
        words.extend(self._words(text[pos:]))
        try:
            words, spaces = get_words_and_spaces(words, text)
        except ValueError:  # the segmenter changed the text: fall back to whitespace tokens
            words, spaces = get_words_and_spaces(text.split(), text)
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy calls these when a pipeline is saved or loaded; the tokenizer has no state
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "VietnameseTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "VietnameseTokenizer":
        return self


def _char_spans(doc, found: Iterable[tuple[int, int, str, str]], relabel=None):
    """Token spans for character spans (widened to token boundaries); `relabel(text)` recomputes
    the kb_id from the widened text."""
    from spacy.tokens import Span

    spans = []
    for start, end, label, kb_id in found:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if relabel is not None and (span.start_char, span.end_char) != (start, end):
            kb_id = relabel(span.text)
        spans.append(Span(doc, span.start, span.end, label=label, kb_id=kb_id or ""))
    return spans


def find_citation_spans(text: str, citations: list | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, "CITATION", ref) for every citation (`citations`: those of `text`, if found already)."""
    out = []
    for c in get_citations(text) if citations is None else citations:
        key = getattr(c, "resource_key", None) or getattr(c, "ref", None) or ""
        out.append((c.char_start, c.char_end, "CITATION", key))
    return out


def citation_date_spans(text: str, citations: list) -> list[tuple[int, int]]:
    """Where the issue dates of citations are printed ("… số 45/2020/NĐ-CP ngày 08/4/2020"): the
    first "ngày d/m/y" within 120 characters after each citation that gives its issued_date."""
    out = []
    for c in citations:
        date = getattr(c, "issued_date", None)
        if date is None:
            continue
        for m in _DATE_AFTER.finditer(text, c.char_end, min(len(text), c.char_end + 120)):
            if date_of(m) == date:
                out.append((m.start(), m.end()))
                break
    return out


_DATE_AFTER = re.compile(rf"(?i:ngày)\s+{DATE}")  # the date as pipeline.citations reads it


# running text: capitalised head words only (unit_names.UNIT_HEAD, for table cells, also takes the
# generic "các …", "cơ quan …" that would mark half of every sentence here)
_UNIT_HEAD = re.compile(
    r"(?<![\w])(?:Sở|Phòng|Văn phòng|Trung tâm|Thanh tra|Công an|UBND|Ủy ban nhân dân|Uỷ ban nhân dân|"
    r"Ban|Bộ|Cục|Chi cục|Kho bạc|Bảo hiểm xã hội|Đài|Báo|Hội|Liên đoàn|Tổ)(?=\s)"
)
_UNIT_TAIL = re.compile(r"\s+(?:tỉnh|huyện|xã|thành phố|cấp huyện|cấp xã|cấp tỉnh)(?![\w])")
_WORD = re.compile(r"([ \t]*(?:,|và|-|&)[ \t]*|[ \t]+)([^\W\d_][\w&-]*)")
_STOP1 = set(
    "có là được của tại trong với để theo về cho các những và hoặc đã sẽ đang trình gửi lập "
    "năm giai ngày tháng quý số trên dưới từ đến nhằm đạt gồm bao".split()
)
# two-word stops: the duty verbs' first two words ("chịu trách nhiệm" → "chịu trách"), and "đối với"
_STOP2 = {" ".join(verb.split()[:2]) for verb in DUTY_VERBS} | {"đối với"}


def find_unit_spans(text: str, year: int | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, "UNIT", canonical) for unit names in running text: every name of the alias
    table, and a head word (Sở, Phòng, Trung tâm, UBND …) followed by capitalised words."""
    folded = fold_text(text)  # same length as the NFC text
    table = load_aliases()
    spans: list[tuple[int, int]] = []
    if table.protect is not None:
        spans = [(m.start(), m.end()) for m in table.protect.finditer(folded)]
    taken = [False] * (len(folded) + 1)
    for a, b in spans:
        for i in range(a, b):
            taken[i] = True
    for m in _UNIT_HEAD.finditer(folded):
        if taken[m.start()]:
            continue
        end = m.end()
        n = lower_run = 0
        while True:
            w = _WORD.match(folded, end)
            if not w:
                break
            word, joined = w.group(2), w.group(1).strip()
            if word[:1].isupper():
                lower_run = 0
            elif joined or lower_run >= 2 or n == 0 or word in _STOP1:
                break  # "Sở Thông tin và Truyền thông": lower-case syllables only inside a word
            else:
                after = _WORD.match(folded, w.end())
                if after and f"{word} {after.group(2)}" in _STOP2:
                    break
                lower_run += 1
            end, n = w.end(), n + 1
        tail = _UNIT_TAIL.match(folded, end)
        if tail:
            end = tail.end()
        elif n == 0:
            continue
        if not any(taken[m.start() : end]):
            spans.append((m.start(), end))
    out = []
    for a, b in sorted(spans):
        out.append((a, b, "UNIT", canonical_unit(text[a:b], year)))
    return out


_TIME_EXPR = re.compile(
    r"(?<![\w])(?:"
    r"(?:(?:trước|chậm nhất(?: là)?(?: vào)?|hoàn thành trước|trong|từ|đến)\s+)?"
    r"(?:ngày\s+\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?|"
    + WORDED_DATE
    + r"|quý\s+(?:IV|I{1,3}|[1-4])(?:\s*[-–]\s*(?:IV|I{1,3}|[1-4]))?(?:\s*(?:/|năm)\s*\d{4})?"
    r"|tháng\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?(?:\s*(?:/|năm)\s*\d{4})?|năm\s+\d{4})"
    r"|trước\s+\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"  # "Trước 30/6/2026"
    r"|(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?|cả năm"
    r"|định kỳ(?:\s+(?:\d+\s+tháng\s*/\s*lần|hằng tháng|hàng tháng|hằng quý|hàng quý|hằng năm|hàng năm|"
    r"6 tháng và cuối năm))?"
    r"|thường xuyên(?:\s+trong năm)?|(?:hằng|hàng)\s+(?:tháng|quý|năm)|đột xuất|theo yêu cầu"
    r")(?![\w])",
    re.IGNORECASE,
)

_BARE_YEAR = re.compile(r"năm\s+\d{4}", re.IGNORECASE)


def find_timing_spans(
    text: str, plan_year: int | None = None, exclude: Iterable[tuple[int, int]] = ()
) -> list[tuple[int, int, str, str]]:
    """(start, end, "TIME", kind) for time expressions, skipping those inside `exclude` spans
    (the issue dates of citations)."""
    blocked = sorted(exclude)
    out = []
    for m in _TIME_EXPR.finditer(text):
        a, b = m.start(), m.end()
        if any(a < e and s < b for s, e in blocked):
            continue
        if _BARE_YEAR.fullmatch(m.group(0)):
            continue  # a bare "năm 2025" (titles, citations) is too common to be worth a span
        kind = normalize_timing(m.group(0), plan_year).kind or ""
        out.append((a, b, "TIME", kind))
    return out


def _set_spans(doc, key: str, spans) -> None:
    from spacy.util import filter_spans

    doc.spans[key] = spans
    taken = list(doc.ents)
    merged = filter_spans(taken + [s for s in spans if not any(s.start < t.end and t.start < s.end for t in taken)])
    doc.ents = merged


def _register_components() -> None:
    from spacy.language import Language

    if "vanban_citations" in Language.factories:
        return

    @Language.component("vanban_citations")
    def vanban_citations(doc):
        cites = get_citations(doc.text)
        doc.user_data["citation_dates"] = citation_date_spans(doc.text, cites)
        _set_spans(doc, "citations", _char_spans(doc, find_citation_spans(doc.text, cites)))
        return doc

    @Language.component("vanban_units")
    def vanban_units(doc):
        year = doc.user_data.get("plan_year")
        _set_spans(
            doc, "units", _char_spans(doc, find_unit_spans(doc.text, year), relabel=lambda t: canonical_unit(t, year))
        )
        return doc

    @Language.component("vanban_timing")
    def vanban_timing(doc):
        year = doc.user_data.get("plan_year")
        blocked = [(s.start_char, s.end_char) for s in doc.spans.get("citations", [])]
        blocked += doc.user_data.get("citation_dates", [])
        _set_spans(doc, "timing", _char_spans(doc, find_timing_spans(doc.text, year, blocked)))
        return doc


@functools.lru_cache(maxsize=1)
def get_nlp():
    """The spaCy pipeline (built once per process): Vietnamese tokenizer + the three components."""
    import spacy

    _register_components()
    nlp = spacy.blank("xx")
    nlp.tokenizer = VietnameseTokenizer(nlp.vocab)
    nlp.meta["name"] = "vanban_vi"
    nlp.meta["description"] = "Vietnamese administrative documents: citations, units, timing (rules)"
    for name in ("vanban_citations", "vanban_units", "vanban_timing"):
        nlp.add_pipe(name)
    return nlp


def analyze(text: str, plan_year: int | None = None):
    """Run get_nlp() on `text`, with the plan year used to date "Quý III" etc."""
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    doc.user_data["plan_year"] = plan_year
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
