"""The words a task comparison compares (pipeline/diff/text.py)."""

from __future__ import annotations

from pipeline.diff.text import normalize, segment, words


def test_the_plan_year_is_relative_but_cited_years_stay_years():
    assert normalize("Kế hoạch năm 2023", 2023) == normalize("Kế hoạch năm 2025", 2025)
    # the years of cited documents and laws stay years
    assert words("theo Thông tư 01/2023/TT-VPCP", 2023) == ("theo", "thông", "tư", "01", "2023", "tt", "vpcp")
    assert words("Luật Ban hành văn bản QPPL năm 2015", 2025)[-1] == "2015"
    assert words("so với năm 2022", 2023) == words("so với năm 2024", 2025)  # the year before the plan


def test_words_ignore_case_punctuation_bullets_and_old_tone_marks():
    assert words("- Tiếp nhận, phân loại phản ánh.") == words("tiếp nhận phân loại phản ánh")
    assert words("Uỷ ban") == words("Ủy ban")


def test_segment_expands_abbreviations_into_vietnamese_words():
    short = segment("- Ban hành kế hoạch kiểm soát TTHC năm 2025 của UBND tỉnh", 2025)
    long = segment("Ban hành kế hoạch kiểm soát thủ tục hành chính năm 2023 của Ủy ban nhân dân tỉnh", 2023)
    assert short == long
    assert "ban_hành" in short and "thủ_tục" in short and "của" not in short  # words joined, stopwords dropped
    assert segment("  ") == []
