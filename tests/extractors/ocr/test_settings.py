"""OcrSettings (extractors.ocr.settings): one frozen set of OCR tolerances, and the OCR functions
follow the settings they are given rather than numbers of their own."""

from __future__ import annotations

import dataclasses

import pytest

from extractors.ocr.image import Word, deskew
from extractors.ocr.layout import _drop_noise, layout_page
from extractors.ocr.lines import Line, group_rows
from extractors.ocr.settings import OCR_SETTINGS, OcrSettings
from tests.extractors.ocr.test_backend import _line


def test_defaults_are_frozen_and_shared():
    assert OCR_SETTINGS == OcrSettings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        OCR_SETTINGS.min_conf = 10  # type: ignore[misc]


def _two_lines(indent_px: int) -> list[Word]:
    """A full line at the margin, then a line starting `indent_px` further right (h = 30 px)."""
    return _line(
        "Văn phòng UBND tỉnh chủ trì xây dựng kế hoạch kiểm soát thủ tục hành chính", 240, 400, 1, x1=1530
    ) + _line("và tổ chức thực hiện trên địa bàn tỉnh trong năm", 240 + indent_px, 447, 2, x1=1200)


def test_layout_follows_the_indent_setting():
    words = _two_lines(indent_px=30)  # 1.0 x h: an indented first line under the default 0.7 x h
    default = layout_page(words, [], page=1, img_h=2339, scale=72 / 200).blocks
    assert len(default) == 2
    wider = dataclasses.replace(OCR_SETTINGS, indent=1.5)
    joined = layout_page(words, [], page=1, img_h=2339, scale=72 / 200, settings=wider).blocks
    assert [b.text for b in joined] == [f"{default[0].text} {default[1].text}"]


def test_noise_filter_follows_the_confidence_setting():
    word = Word("=", 0, 0, 20, 30, 70.0, (1, 1, 1))  # punctuation only: kept on confidence alone
    assert _drop_noise([word]) == [word]
    assert _drop_noise([word], dataclasses.replace(OCR_SETTINGS, min_conf=80)) == []


def test_rows_follow_the_tall_line_setting():
    def line(text: str, x0: int, y0: int, y1: int) -> Line:
        return Line([Word(text, x0, y0, x0 + 100, y1, 90.0, (1, 1, 1))])

    printed = [line("PHIẾU", 100, 0, 30), line("Kính", 100, 45, 75)]
    note = line("22", 600, 10, 80)  # 2.3 x a printed line, spanning both
    assert len(group_rows(printed + [note])) == 2
    assert len(group_rows(printed + [note], dataclasses.replace(OCR_SETTINGS, tall_line=3.0))) == 1


def test_deskew_follows_the_minimum_angle():
    import cv2
    import numpy as np

    img = np.full((800, 600), 255, np.uint8)
    for y in range(100, 700, 40):  # text-like bars
        img[y : y + 12, 80:520] = 0
    tilted = cv2.warpAffine(img, cv2.getRotationMatrix2D((300, 400), 1.0, 1.0), (600, 800), borderValue=255)
    _, angle = deskew(tilted)
    assert abs(angle + 1.0) <= 0.2
    same, angle = deskew(tilted, settings=dataclasses.replace(OCR_SETTINGS, deskew_min_angle=2.0))
    assert angle == 0.0 and same is tilted
