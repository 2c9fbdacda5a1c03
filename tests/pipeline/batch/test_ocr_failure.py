"""A page that needs OCR when OCR cannot run (its module does not import, Tesseract is missing or its
check times out on a loaded machine, OCR raises) is never lost silently: the file gets an errors row
(an error when nothing at all was read, a warning when the other pages were), and a timed-out check
is not remembered for the next file."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

from extractors.ocr import image as ocr_image
from pipeline.process import process_file
from tests.extractors.pdf.made_pdfs import text_pdf

PROSE = [
    "Ủy ban nhân dân xã đề nghị các thôn, tổ dân phố rà soát danh sách hộ",
    "nghèo, cận nghèo năm nay và gửi kết quả về Ủy ban trước ngày 20 tháng 10",
    "để tổng hợp báo cáo; giao công chức Văn hóa - Xã hội theo dõi, đôn đốc.",
    "Trong quá trình thực hiện có khó khăn, vướng mắc kịp thời phản ánh.",
]
PAGE = [(60, 760 - 16 * i, line) for i, line in enumerate(PROSE)]
LYING = [(x, y, "DQc lfp - Tg do - Hgnh phtic ceNG HoA xA ngI cnu Ncnie vlpr") for x, y, _ in PAGE] * 2


def _ocr_errors(result) -> list[dict]:
    return [e for e in result.errors if e["stage"] == "extract"]


def _broken_ocr_import(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "extractors.ocr.backend", None)  # `import` now raises ImportError


def _failing_ocr(monkeypatch, exc: Exception) -> None:
    module = types.ModuleType("extractors.ocr.backend")

    def ocr_pages(path, pages):
        raise exc

    module.ocr_pages = ocr_pages
    monkeypatch.setitem(sys.modules, "extractors.ocr.backend", module)


def test_ocr_import_failure_is_an_error_row_when_nothing_was_read(tmp_path, monkeypatch):
    path = tmp_path / "to-trinh.pdf"
    path.write_bytes(text_pdf([LYING], to_unicode=False))
    _broken_ocr_import(monkeypatch)
    result = process_file(path)
    rows = _ocr_errors(result)
    assert [(e["error_code"], e["severity"]) for e in rows] == [("ocr_unavailable", "error")]
    assert "not OCR'd" in rows[0]["message"] and "to-trinh.pdf" in rows[0]["message"]
    assert result.rows["documents"][0]["status"] == "failed"


def test_pages_lost_to_ocr_beside_read_pages_are_a_warning_row(tmp_path, monkeypatch):
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(text_pdf([PAGE, LYING]))
    _failing_ocr(monkeypatch, RuntimeError("renderer crashed"))
    result = process_file(path)
    rows = _ocr_errors(result)
    assert [(e["error_code"], e["severity"]) for e in rows] == [("internal_error", "warning")]
    assert "page(s) 2" in rows[0]["message"] and "renderer crashed" in rows[0]["message"]
    doc = result.rows["documents"][0]
    assert doc["status"] == "partial" and any("not OCR'd" in w for w in doc["warnings"])


def test_missing_tesseract_is_an_errors_row(tmp_path, monkeypatch):
    from extractors.model import ExtractionError

    path = tmp_path / "cong-van.pdf"
    path.write_bytes(text_pdf([LYING], to_unicode=False))
    _failing_ocr(monkeypatch, ExtractionError("ocr_unavailable", "OCR needed but tesseract is not installed"))
    assert [e["error_code"] for e in _ocr_errors(process_file(path))] == ["ocr_unavailable"]


def test_a_timed_out_tesseract_check_is_reported_and_asked_again(monkeypatch):
    calls = []

    def slow_then_fine(cmd, **kwargs):
        calls.append(cmd)
        if len(calls) <= 4:  # both tries of the first two checks time out
            raise subprocess.TimeoutExpired(cmd, kwargs.get("timeout"))
        return types.SimpleNamespace(stdout="List of available languages:\neng\nvie\n", stderr="")

    monkeypatch.setattr(ocr_image.shutil, "which", lambda name: "/usr/bin/tesseract")
    monkeypatch.setattr(ocr_image.subprocess, "run", slow_then_fine)
    ocr_image.tesseract_status.cache_clear()
    try:
        first = ocr_image.tesseract_status()
        assert first and "did not answer" in first
        with pytest.raises(Exception) as exc:
            ocr_image.check_available()
        assert getattr(exc.value, "code", None) == "ocr_unavailable"
        assert ocr_image.tesseract_status() is None  # the busy moment passed: not cached
    finally:
        ocr_image.tesseract_status.cache_clear()


def test_pages_ocr_refused_among_read_ones_are_a_warning_row(tmp_path, monkeypatch):
    # OCR ran, but Tesseract refused one of the pages: that page is named, the others are read
    path = tmp_path / "ke-hoach.pdf"
    path.write_bytes(text_pdf([LYING, LYING]))
    module = types.ModuleType("extractors.ocr.backend")

    class Result(dict):
        pass

    def ocr_pages(path, pages):
        from extractors.model import Paragraph

        result = Result({1: [Paragraph(" ".join(PROSE), page=1)]})
        result.failed = {2: "TesseractError: Image too large: (311, 34936)"}
        return result

    module.ocr_pages = ocr_pages
    monkeypatch.setitem(sys.modules, "extractors.ocr.backend", module)
    result = process_file(path)
    rows = _ocr_errors(result)
    assert [(e["error_code"], e["severity"]) for e in rows] == [("internal_error", "warning")]
    assert "page(s) 2 " in rows[0]["message"] and "Image too large" in rows[0]["message"]
    assert result.rows["documents"][0]["status"] != "failed"
