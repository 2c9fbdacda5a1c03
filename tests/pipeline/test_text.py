"""pipeline.text: the one folding helper per job, the list markers and the shared vocabulary."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest

from extractors.model import BULLET_CHARS
from pipeline.normalize.spacy_host import find_unit_spans
from pipeline.stages.labels import BULLET, parse_label
from pipeline.text import DUTY_VERBS, LIST_MARKER, WORDED_DATE, calendar_date, fold, squash, strip_marks


def test_strip_marks_keeps_case_and_length():
    assert strip_marks("QUYẾT ĐỊNH về việc") == "QUYET DINH ve viec"
    text = "Ủy ban nhân dân phường Đông"
    assert len(strip_marks(text)) == len(text)


def test_strip_marks_reads_the_eth_look_alike_as_d():
    # some fonts give Ð (U+00D0) / ð for Đ / đ
    assert strip_marks("QUYẾT ÐỊNH") == "QUYET DINH"
    assert fold("ðiều") == "dieu"


def test_fold_is_the_same_for_nfc_nfd_case_and_spacing():
    text = "Văn phòng  Ủy ban\tNHÂN DÂN"
    assert fold(text) == fold(unicodedata.normalize("NFD", text)) == "van phong uy ban nhan dan"
    assert fold(None) == ""


def test_squash_keeps_accents():
    assert squash("  Nội   DUNG\ncông việc ") == "nội dung công việc"
    assert squash(None) == ""


@pytest.mark.parametrize(
    "line, rest",
    [
        ("- Sở Tài chính", "Sở Tài chính"),
        ("+ Phòng Nội vụ", "Phòng Nội vụ"),
        ("–– Văn phòng", "Văn phòng"),  # a run of dashes is one marker
        ("• Ban Quản lý", "Ban Quản lý"),
        ("2) Trung tâm", "Trung tâm"),
        ("3. Sở Xây dựng", "Sở Xây dựng"),
        ("đ) Công an tỉnh", "Công an tỉnh"),
    ],
)
def test_list_marker_takes_one_marker_off(line, rest):
    assert LIST_MARKER.sub("", line) == rest


def test_list_marker_leaves_a_number_alone():
    assert not LIST_MARKER.match("1.500 hồ sơ được giải quyết")
    assert not LIST_MARKER.match("Sở A- phối hợp")


def test_every_bullet_a_backend_keeps_is_a_bullet_label():
    # a DOCX numbering level rendered with one of these glyphs must read as a bullet downstream
    for glyph in BULLET_CHARS:
        label = parse_label(f"{glyph} Tổ chức hội nghị tập huấn")
        assert label is not None and label.kind == BULLET, glyph


def test_a_duty_verb_ends_a_unit_name():
    for verb in ("chủ trì", "giám sát", "hỗ trợ", "chịu trách nhiệm"):
        assert verb in DUTY_VERBS
        text = f"Sở Văn hóa Thể thao {verb} việc tổ chức giải chạy"
        names = [text[a:b] for a, b, *_ in find_unit_spans(text)]
        assert names == ["Sở Văn hóa Thể thao"], (verb, names)


def test_calendar_date_of_a_printed_day_month_and_year():
    assert calendar_date(2026, 3, 15) == dt.date(2026, 3, 15)
    assert calendar_date(2025, 2, 29) is None  # not a day of 2025: a misprint or a misread
    assert calendar_date(None, 3, 15) is None  # no year printed and none given


def test_worded_date_with_and_without_its_year():
    m = re.search(WORDED_DATE, "Hoàn thành trước ngày 15 tháng 3 năm 2026.")
    assert (m.group("d"), m.group("m"), m.group("y")) == ("15", "3", "2026")
    m = re.search(WORDED_DATE, "trước ngày 5 tháng 12")
    assert (m.group("d"), m.group("m"), m.group("y")) == ("5", "12", None)
