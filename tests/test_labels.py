"""Item labels: recognition, classification, ordering and section paths."""
from __future__ import annotations

import pytest

from pipeline.labels import (BULLET, LOWER, NUMBER, ROMAN, ROMAN_LOWER, UPPER, SectionStack, int_to_roman,
                             is_label, is_next, letter_ordinal, parse_label, roman_to_int, section_path,
                             split_items)


@pytest.mark.parametrize("text,kind,value,stt,ordinal", [
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
])
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


@pytest.mark.parametrize("text", ["Việc", "Các phòng", "100% văn bản", "1,5 tỷ", "-5", "10 ngày", "v.v", "",
                                  "Quý III", "Văn phòng Sở"])
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
    assert roman_to_int("XIV") == 14 and roman_to_int("IIII") is None and int_to_roman(14) == "XIV"


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


def test_split_items():
    items = split_items(["a) Giám đốc Sở ban hành", "tiếp dòng", "b) Văn bản cử công chức"])
    assert [lab.stt for lab, _ in items] == ["a)", "b)"]
    assert items[0][1] == ["a) Giám đốc Sở ban hành", "tiếp dòng"]
    items = split_items(["- Văn phòng Sở chủ trì.", "- Các phòng phối hợp"])
    assert len(items) == 1 and items[0][0] is None
