"""Bad input: each case gets an errors row with a stable code, the batch goes on, earlier output stays."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from extractors import ERROR_CODES
from pipeline.batch.ingest import ingest
from pipeline.process import process_file
from pipeline.batch.store import read_rows
from tests.conftest import SAMPLES

GOOD_DOCX = SAMPLES / "2023-kh-kstthc-skhcn.docx"
GOOD_PDF = SAMPLES / "2023-kh-kstthc-skhcn.pdf"


def _encrypted_pdf(path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(GOOD_PDF).pages[:1]:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(path, "wb") as fh:
        writer.write(fh)


def _docx_without_tasks(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("BÁO CÁO")
    document.add_paragraph("Tình hình thực hiện nhiệm vụ năm 2024 không có bảng nhiệm vụ.")
    document.save(path)


def _make(kind: str, folder: Path) -> Path:
    """Write one bad input file; returns its path."""
    if kind == "empty":
        path = folder / "empty.pdf"
        path.write_bytes(b"")
    elif kind == "truncated_pdf":
        path = folder / "truncated.pdf"
        path.write_bytes(GOOD_PDF.read_bytes()[:4000])
    elif kind == "encrypted_pdf":
        path = folder / "encrypted.pdf"
        _encrypted_pdf(path)
    elif kind == "docx_not_zip":
        path = folder / "notzip.docx"
        path.write_bytes(b"This is plain text pretending to be a DOCX.\n" * 20)
    elif kind == "zip_not_docx":
        path = folder / "other.docx"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            zf.writestr("hello.txt", "not a word document")
        path.write_bytes(buffer.getvalue())
    elif kind == "image_as_pdf":
        path = folder / "scan.pdf"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    elif kind == "unknown_extension":
        path = folder / "notes.xyz"
        path.write_bytes(b"random text, not a document")
    elif kind == "no_tasks":
        path = folder / "no-tasks.docx"
        _docx_without_tasks(path)
    else:
        raise ValueError(kind)
    return path


CASES = {
    "empty": "empty_file",
    "truncated_pdf": "corrupt_pdf",
    "encrypted_pdf": "encrypted_pdf",
    "docx_not_zip": "corrupt_docx",
    "zip_not_docx": "corrupt_docx",
    "image_as_pdf": "not_a_document",
    "unknown_extension": "unsupported_format",
    "no_tasks": "no_tasks",
}


@pytest.mark.parametrize("kind,code", CASES.items())
def test_bad_input_gets_stable_error_code_and_clear_message(kind, code, tmp_path):
    result = process_file(_make(kind, tmp_path))
    assert [e["error_code"] for e in result.errors] == [code]
    assert code in ERROR_CODES
    message = result.errors[0]["message"]
    assert "Traceback" not in message and len(message) < 500 and message


def test_missing_file_is_reported_not_raised(tmp_path):
    result = process_file(tmp_path / "nope.docx")
    assert [e["error_code"] for e in result.errors] == ["unreadable_file"]


def test_no_tasks_is_a_warning_document_is_still_written(tmp_path):
    out = tmp_path / "out"
    report = ingest([_make("no_tasks", tmp_path)], out, workers=1)
    assert not report.failed
    assert [d["source_file"] for d in read_rows(out, "documents")] == ["no-tasks.docx"]
    assert [(e["error_code"], e["severity"]) for e in read_rows(out, "errors")] == [("no_tasks", "warning")]


def test_batch_goes_on_and_earlier_output_stays_intact(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    good = shutil.copy(GOOD_DOCX, inputs / "plan.docx")
    ingest([inputs], out, workers=1)
    tasks_before = read_rows(out, "tasks")
    assert tasks_before
    for kind in CASES:
        _make(kind, inputs)
    Path(good).write_bytes(b"%PDF-1.4 broken")  # the good file is now damaged: its old rows must stay
    report = ingest([inputs], out, workers=2)
    codes = sorted(e["error_code"] for r in report.results for e in r.errors)
    assert codes == sorted(list(CASES.values()) + ["corrupt_pdf"])
    assert read_rows(out, "tasks") == tasks_before
    assert len({r.source_file for r in report.results}) == len(CASES) + 1
