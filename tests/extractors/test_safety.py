"""extractors.safety: hostile containers are refused before parsing; real documents pass."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from extractors import sniff_format
from extractors.model import ExtractionError
from extractors.safety import Limits, check_file, check_pdf, check_xml_bytes, check_zip
from tests import hostile_files as hf
from tests.conftest import CORPUS, SAMPLES


def _hostile(fn, *args):
    with pytest.raises(ExtractionError) as exc:
        fn(*args)
    assert exc.value.code == "hostile_file"
    return exc.value.message


def real_inputs() -> list[Path]:
    found = {p.name: p for p in SAMPLES.glob("*") if p.is_file()}
    if (CORPUS / "raw").exists():
        found.update({p.name: p for p in (CORPUS / "raw").glob("*") if p.is_file()})
    return sorted(found.values())


@pytest.mark.parametrize("path", real_inputs(), ids=lambda p: p.name)
def test_real_documents_pass(path):
    start = time.perf_counter()
    check_file(path, sniff_format(path))
    assert time.perf_counter() - start < 1.0


def test_zip_bomb(tmp_path):
    msg = _hostile(check_zip, hf.zip_bomb_docx(tmp_path, mb=16))
    assert "zip bomb" in msg


def test_zip_total_size_and_entries(tmp_path):
    path = hf.minimal_docx(tmp_path, extra={"word/media/a.bin": bytes(3_000_000)})
    check_zip(path)
    _hostile(check_zip, path, Limits(max_total_uncompressed=1_000_000))
    _hostile(check_zip, hf.many_entries_docx(tmp_path))


def test_oversized_xml_part(tmp_path):
    big = hf.document_xml("<w:p><w:r><w:t>" + "a" * 3_000_000 + "</w:t></w:r></w:p>")
    path = hf.minimal_docx(tmp_path, "big.docx", big)
    check_zip(path)
    assert "XML part" in _hostile(check_zip, path, Limits(max_xml_part=1_000_000))


@pytest.mark.parametrize("builder", [hf.entity_bomb_docx, hf.external_entity_docx])
def test_xml_entities(tmp_path, builder):
    assert "DOCTYPE/ENTITY" in _hostile(check_zip, builder(tmp_path))


def test_xml_prolog_variants():
    check_xml_bytes(b'<?xml version="1.0"?><w:document/>')
    _hostile(check_xml_bytes, b'<?xml version="1.0"?>\n<!doctype x [<!entity a "b">]><x/>')
    _hostile(check_xml_bytes, '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>'.encode("utf-16-le"))


def test_entity_hidden_after_long_prolog(tmp_path):
    prolog = "<!--" + " " * 200_000 + "-->" + '<!DOCTYPE d [<!ENTITY a "b">]>'
    path = hf.minimal_docx(tmp_path, "late.docx", hf.document_xml(prolog=prolog))
    _hostile(check_zip, path)
    _hostile(check_zip, path, Limits(max_prolog_bytes=64 * 1024))  # too long a prolog is refused too


def test_not_a_zip_is_left_to_the_backend(tmp_path):
    check_zip(hf.random_bytes(tmp_path, "x.docx"))  # no exception: the backend says corrupt_docx


def test_pdf_limits(tmp_path):
    check_pdf(hf.write(tmp_path, "ok.pdf", hf.pdf_bytes()))
    assert "pages" in _hostile(check_pdf, hf.absurd_page_count_pdf(tmp_path))
    assert "pt" in _hostile(check_pdf, hf.absurd_mediabox_pdf(tmp_path))
    assert "pixels" in _hostile(check_pdf, hf.image_bomb_pdf(tmp_path))


def test_file_size_limit(tmp_path):
    path = hf.write(tmp_path, "a.pdf", hf.pdf_bytes())
    _hostile(check_file, path, "pdf", Limits(max_file_bytes=100))
