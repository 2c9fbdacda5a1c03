"""Fuzz-style set of broken and hostile files through `extractors.extract` inside the sandbox:
zero crashes - every file is either parsed or refused with a stable code from ERROR_CODES."""

from __future__ import annotations

import time

import pytest

from extractors import ERROR_CODES, extract
from pipeline.batch.sandbox import imap_limited
from tests import hostile_files as hf
from tests.conftest import SAMPLES

DOCX = SAMPLES / "2023-cv-vpubnd-de-xuat-cchc-2024.docx"
PDF = SAMPLES / "2024-kh-truyenthong-skhcn.pdf"
DOC = SAMPLES / "2024-kh-truyenthong-skhcn.doc"

# file name -> the code it must get (None: parsed, or any stable non-crash code)
EXPECTED = {
    "empty.docx": "empty_file",
    "zip-bomb.docx": "hostile_file",
    "entity-bomb.docx": "hostile_file",
    "xxe.docx": "hostile_file",
    "page-count.pdf": "hostile_file",
    "mediabox.pdf": "hostile_file",
    "image-bomb.pdf": "hostile_file",
    "image.pdf": "not_a_document",
    "random.docx": "corrupt_docx",
    "random.pdf": "corrupt_pdf",
    "ole-garbage.doc": "conversion_failed",
}


@pytest.fixture(scope="module")
def fuzz_results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    files = [
        hf.write(folder, "empty.docx", b""),
        hf.zip_bomb_docx(folder, mb=64),
        hf.entity_bomb_docx(folder),
        hf.external_entity_docx(folder),
        hf.absurd_page_count_pdf(folder),
        hf.absurd_mediabox_pdf(folder),
        hf.image_bomb_pdf(folder),
        hf.write(folder, "image.pdf", hf.png_bytes()),
        hf.random_bytes(folder, "random.docx"),
        hf.random_bytes(folder, "random.pdf"),
        hf.write(folder, "ole-garbage.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 40),
        *hf.truncations(DOCX, folder),
        *hf.truncations(PDF, folder, fractions=(0.05, 0.5, 0.95)),
        *hf.truncations(DOC, folder, fractions=(0.5,)),
        *hf.byte_flips(DOCX, folder),
        *hf.byte_flips(PDF, folder),
    ]
    start = time.perf_counter()
    results = {p.name: r for p, r in imap_limited(extract, files, workers=2, timeout_s=60, memory_mb=3072)}
    return results, time.perf_counter() - start


def test_no_crashes_and_stable_codes(fuzz_results):
    results, seconds = fuzz_results
    problems = []
    for name, res in sorted(results.items()):
        if res.ok:
            continue
        if res.error_code not in ERROR_CODES or res.error_code in ("internal_error", "timeout", "memory_limit"):
            problems.append(f"{name}: {res.error_code}: {res.message}")
    assert not problems, "\n".join(problems)
    assert seconds < 60, f"fuzz set took {seconds:.0f} s"


@pytest.mark.parametrize("name,code", sorted(EXPECTED.items()))
def test_expected_codes(fuzz_results, name, code):
    res = fuzz_results[0][name]
    assert not res.ok and res.error_code == code, f"{name}: {res.error_code}: {res.message}"


def test_parsed_files_are_documents(fuzz_results):
    results, _ = fuzz_results
    parsed = {name: res.value for name, res in results.items() if res.ok}
    assert parsed, "some truncated/flipped files should still parse"
    for doc in parsed.values():
        assert isinstance(doc.blocks, list)
