"""Item labels: recognition, classification, ordering and section paths."""

from __future__ import annotations

import pytest

from pipeline.stages.labels import (
    BULLET,
    LOWER,
    NUMBER,
    ROMAN,
    ROMAN_LOWER,
    UPPER,
    SectionStack,
    extends,
    is_label,
    is_next,
    letter_ordinal,
    parse_label,
    roman_to_int,
    section_path,
    split_items,
)


@pytest.mark.parametrize(
    "text,kind,value,stt,ordinal",
    [
        ("I.", ROMAN, "I", "I", 1),
        ("II", ROMAN, "II", "II", 2),
        ("XI.", ROMAN, "XI", "XI", 11),
        ("A", UPPER, "A", "A", 1),
        ("B.", UPPER, "B", "B", 2),
        ("C", UPPER, "C", "C", 3),
        ("Đ", UPPER, "Đ", "Đ", 5),
        ("1", NUMBER, "1", "1", 1),
        ("1.", NUMBER, "1", "1", 1),
        ("6.1.", NUMBER, "6.1", "6.1", 1),
        ("a)", LOWER, "a", "a)", 1),
        ("đ)", LOWER, "đ", "đ)", 5),
        ("g)", LOWER, "g", "g)", 7),
        ("iii)", ROMAN_LOWER, "iii", "iii)", 3),
        ("-", BULLET, "-", "-", None),
        ("+", BULLET, "+", "+", None),
    ],
)
def test_whole_labels(text, kind, value, stt, ordinal):
    lab = parse_label(text)
    assert lab is not None and lab.kind == kind and lab.value == value
    assert lab.stt == stt and lab.ordinal == ordinal and lab.rest == ""
    assert is_label(text)


def test_labels_with_text():
    lab = parse_label("II. Cải cách thể chế")
    assert (lab.kind, lab.value, lab.rest) == (ROMAN, "II", "Cải cách thể chế")
    assert parse_label("1.Xây dựng kế hoạch").rest == "Xây dựng kế hoạch"
    assert parse_label("a) Văn bản góp ý").rest == "Văn bản góp ý"
    assert parse_label("- Phòng Hành chính").kind == BULLET
    assert parse_label("+ Kế hoạch").value == "+"
    assert parse_label("II Cải cách") is None  # bare label followed by text: only with bare=True
    assert parse_label("II Cải cách", bare=True).value == "II"


@pytest.mark.parametrize(
    "text", ["Việc", "Các phòng", "100% văn bản", "1,5 tỷ", "-5", "10 ngày", "v.v", "", "Quý III", "Văn phòng Sở"]
)
def test_not_labels(text):
    assert parse_label(text) is None


def test_ambiguity_resolved_by_previous_label():
    assert parse_label("I").kind == ROMAN
    assert parse_label("I", prev=parse_label("H")).kind == UPPER
    assert parse_label("i)").kind == LOWER  # a) b) ... h) i) k) is the Vietnamese habit
    assert parse_label("V", prev=parse_label("IV")).kind == ROMAN
    assert parse_label("C", prev=parse_label("B")).kind == UPPER


def test_sequences():
    assert is_next(parse_label("d)"), parse_label("đ)"))
    assert is_next(parse_label("đ)"), parse_label("e)"))
    assert is_next(parse_label("e)"), parse_label("g)"))  # no f in Vietnamese
    assert is_next(parse_label("6.1."), parse_label("6.2."))
    assert not is_next(parse_label("6.1."), parse_label("7.2."))
    assert is_next(parse_label("IV."), parse_label("V."))
    assert is_next(parse_label("D"), parse_label("Đ"))
    assert not is_next(parse_label("a)"), parse_label("2."))
    assert letter_ordinal("đ") == 5 and letter_ordinal("f") is None
    assert roman_to_int("XIV") == 14 and roman_to_int("IIII") is None


def test_section_stack():
    s = SectionStack()
    s.push(parse_label("A"), "Kiểm soát TTHC")
    assert s.path == "A"
    s.push(parse_label("B"), "Khác")
    s.push(parse_label("I"), "Cải cách")
    assert (s.path, s.title) == ("B.I", "Cải cách")
    s.push(parse_label("III"))
    assert s.path == "B.III"
    s.push(parse_label("C"))
    assert s.path == "C"
    s2 = SectionStack()
    for text in ("II.", "1.", "6.", "6.2."):
        s2.push(parse_label(text))
    assert s2.path == "II.6.2"
    assert section_path([parse_label("B"), "III"]) == "B.III"


def _stack(*texts: str) -> SectionStack:
    s = SectionStack()
    for text in texts:
        s.push(parse_label(text), text)
    return s


def test_section_stack_keeps_the_number_a_dotted_number_extends():
    s = _stack("II.", "6.", "6.2.")
    assert [lab.value for lab in s.labels] == ["II", "6", "6.2"]
    assert (s.path, s.title, s.titles) == ("II.6.2", "6.2.", ["II.", "6.", "6.2."])
    s.push(parse_label("6.3."), "Heading 6.3")
    assert [lab.value for lab in s.labels] == ["II", "6", "6.3"]  # 6.3 ends 6.2, not 6
    s.enter(parse_label("6.4."))  # an item after the 6.3 heading sits in II.6, nothing pushed
    assert (s.path, s.title) == ("II.6", "6.")
    s.enter(parse_label("6.4.1."))  # deeper: under 6, since 6.4 was never pushed
    assert s.path == "II.6"


def test_section_stack_numbers_that_extend_nothing_end_their_style():
    assert _stack("II.", "6.", "6.3.", "7.").path == "II.7"
    assert _stack("II.", "6.", "6.3.", "7.1.").path == "II.7.1"
    assert _stack("I.", "1.1.", "2.").path == "I.2"  # "2" after a lone "1.1" is no child of it
    assert _stack("II.", "1.", "1)").path == "II.1.1"  # another closer style nests
    assert _stack("II.", "1.", "a)", "III.").path == "III"
    s = _stack("A", "I", "1.")
    s.enter(parse_label("II"))
    assert (s.path, len(s)) == ("A", 1)


def test_section_path_and_extends():
    assert section_path(["II", "6", "6.2", "a"]) == "II.6.2.a"
    assert section_path(["1", "1.1", "1.1.2"]) == "1.1.2"
    assert section_path(["1", "10"]) == "1.10"  # only a dotted extension stands for its prefix
    assert section_path([]) is None
    assert extends(parse_label("6.2.1."), parse_label("6.2."))
    assert extends(parse_label("6.1"), parse_label("6."))
    assert not extends(parse_label("6."), parse_label("6."))
    assert not extends(parse_label("7.1"), parse_label("6."))
    assert not extends(parse_label("a)"), parse_label("6."))


def test_split_items():
    items = split_items(["a) Giám đốc Sở ban hành", "tiếp dòng", "b) Văn bản cử công chức"])
    assert [lab.stt for lab, _ in items] == ["a)", "b)"]
    assert items[0][1] == ["a) Giám đốc Sở ban hành", "tiếp dòng"]
    items = split_items(["- Văn phòng Sở chủ trì.", "- Các phòng phối hợp"])
    assert len(items) == 1 and items[0][0] is None
