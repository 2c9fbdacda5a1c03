"""The compiled patterns: what each piece matches on its own, and that the big alternation is fast."""

from __future__ import annotations

import re

import pytest

from pipeline.citations import regexes as rx


def full(pattern: str, text: str) -> bool:
    return re.fullmatch(pattern, text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "NĐ-CP",
        "QĐ-UBND",
        "UBND-KSTTHC",
        "KH-C04-P6",
        "QH15",
        "QĐ-TTg",
        "TTLT-BTP-BNV",
        "NQ-HĐND",
        "NĐ-\nCP",
        "UBND-\n12\nTTHC",
        "TTr-UBND",
        "CTr-TU",
    ],
)
def test_symbol(text):
    assert full(rx.SYMBOL, text)


@pytest.mark.parametrize("text", ["-CP", "UBND\n-TTHC", "ubnd", "Chính"])
def test_not_symbol(text):
    assert not full(rx.SYMBOL, text)


@pytest.mark.parametrize(
    "text", ["45/2020/NĐ-CP", "124/QĐ-UBND", "04-NQ/TU", "202/2025/QH15", "45 / 2020 / NĐ-CP", "45/\n2020/NĐ-CP"]
)
def test_number(text):
    assert re.fullmatch(rx.NUMBER, text)


@pytest.mark.parametrize("text", ["30/01/2023", "15/12", "2021 - 2025", "05a/VPCP/KSTT/X"])
def test_not_number(text):
    assert not re.fullmatch(rx.NUMBER, text)


@pytest.mark.parametrize("word", rx.KIND_WORDS)
def test_every_kind_word_in_any_case(word):
    assert full(rx.KIND_WORD, word) and full(rx.KIND_WORD, word.upper()) and full(rx.KIND_WORD, word.lower())


def test_kind_words_may_wrap_lines_except_in_short_forms():
    assert full(rx.KIND_WORD, "Công\nvăn")
    assert not full(rx.KIND_WORD_CASED, "Công\nvăn")


def test_every_type_code_has_a_kind():
    assert set(rx.TYPE_KINDS.values()) <= set(rx.KIND_WORDS) | {"Quy định"}


@pytest.mark.parametrize(
    "text, d, m, y",
    [
        ("ngày 30/01/2023", "30", "01", "2023"),
        (", ngày 8-4-2020", "8", "4", "2020"),
        (" ngày 26 tháng 3 năm 2025", "26", "3", "2025"),
        (" (ngày\n08/4/2020", "08", "4", "2020"),
    ],
)
def test_tail_date(text, d, m, y):
    mt = rx.TAIL_DATE.match(text)
    assert mt and (
        mt.group("d") or mt.group("d2"),
        mt.group("m") or mt.group("m2"),
        mt.group("y") or mt.group("y2"),
    ) == (d, m, y)


def test_citation_alternation_finds_every_repeat():
    text = (
        "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ; các phòng, đơn vị thuộc Sở "
        "thực hiện theo Kế hoạch này. UBND-TTHC QĐ-UBND 2021 - 2025 số 15/12 Luật Đất đai năm 2024.\n"
    ) * 2000
    assert sum(1 for _ in rx.CITATION.finditer(text)) == 4000


def _shapes() -> list[str]:
    """Every kind word in three cases before each shape of number, the laws' and standards' keywords,
    bare numbers and OCR's misread "số"/"1", each once glued to the word before it."""
    numbers = ["số 45/2020/NĐ-CP", "45", "số: 124/QĐ-UBND", "số 04-NQ/TU", "số 01-ĐN", "sô I 798/QĐ-UBND"]
    heads = [f(w) for w in rx.KIND_WORDS for f in (str, str.upper, str.lower)]
    texts = [f"{h} {n}" for h in heads for n in numbers]
    texts += ["Luật Đất đai năm 2024", "Bộ luật Dân sự 2015", "Hiến pháp năm 2013", "Pháp lệnh 2020"]
    texts += ["QCVN 05A:2020/BCT", "l6/2021/TT-BTC", "so 12/KH-UBND", "ſố 5/NĐ-CP", "\u212aế hoạch 12"]
    return texts + ["x" + t for t in texts] + ["(" + t + ")" for t in texts]


def test_the_start_lookahead_changes_no_match():
    """`MENTION_START` only skips positions where no mention starts: CITATION finds what MENTION alone finds."""
    alone = re.compile(rx.MENTION)
    text = "\n".join(_shapes())
    assert [(m.span(), m.groupdict()) for m in rx.CITATION.finditer(text)] == [
        (m.span(), m.groupdict()) for m in alone.finditer(text)
    ]
    assert sum(1 for _ in alone.finditer(text)) > len(rx.KIND_WORDS) * 3
