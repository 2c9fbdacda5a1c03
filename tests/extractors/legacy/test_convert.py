"""Legacy .doc / .rtf / .odt through LibreOffice: same document model as the DOCX twin, clear
errors without LibreOffice or on a timeout, parallel conversions that do not collide."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from extractors import extract
from extractors.legacy import convert as doc_backend
from extractors.docx.backend import extract as docx_extract
from extractors.model import ExtractionError, Table
from tests.conftest import corpus_file

needs_soffice = pytest.mark.skipif(doc_backend.find_soffice() is None, reason="LibreOffice is not installed")
DOC = "2024-kh-truyenthong-skhcn"


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty conversion cache, so the test really runs LibreOffice."""
    monkeypatch.setattr(doc_backend, "cache_dir", lambda: tmp_path / "cache")
    return tmp_path / "cache"


@needs_soffice
def test_doc_matches_its_docx_twin(fresh_cache):
    start = time.perf_counter()
    doc = extract(corpus_file(f"{DOC}.doc"))
    print(f"\n.doc conversion + parse: {time.perf_counter() - start:.2f} s")
    twin = docx_extract(corpus_file(f"{DOC}.docx"))
    assert doc.file_format == "doc" and doc.source_file.endswith(f"{DOC}.doc")
    assert doc.text().splitlines() == twin.text().splitlines()
    tables, twin_tables = list(doc.tables()), list(twin.tables())
    assert len(tables) == len(twin_tables) >= 1
    for a, b in zip(tables, twin_tables):
        assert a.grid() == b.grid()
        assert [[c.merged for c in r.cells] for r in a.rows] == [[c.merged for c in r.cells] for r in b.rows]


def _rtf(path: Path) -> Path:
    # Vietnamese as RTF unicode escapes (\\uN?), the way Word writes it
    def esc(text: str) -> str:
        return "".join(ch if ord(ch) < 128 else f"\\u{ord(ch)}?" for ch in text)

    body = "\\par ".join(
        esc(t) for t in ["KẾ HOẠCH", "Truyền thông về cải cách hành chính năm 2024", "1. Xây dựng kế hoạch."]
    )
    path.write_text("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0 " + body + "}", encoding="ascii")
    return path


@needs_soffice
def test_rtf_and_odt(tmp_path):
    rtf = extract(_rtf(tmp_path / "plan.rtf"))
    assert rtf.file_format == "rtf"
    assert [b.text for b in rtf.paragraphs()][:3] == [
        "KẾ HOẠCH",
        "Truyền thông về cải cách hành chính năm 2024",
        "1. Xây dựng kế hoạch.",
    ]
    # an ODT made from the DOCX twin by LibreOffice itself
    src = tmp_path / "twin.docx"
    src.write_bytes(corpus_file(f"{DOC}.docx").read_bytes())
    import subprocess

    subprocess.run(
        [
            doc_backend.find_soffice(),
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        capture_output=True,
        timeout=120,
    )
    odt = extract(tmp_path / "twin.odt")
    assert odt.file_format == "odt"
    assert any(isinstance(b, Table) for b in odt.blocks)
    assert "KẾ HOẠCH" in odt.text()


def test_missing_libreoffice(monkeypatch, fresh_cache):
    monkeypatch.setattr(doc_backend, "find_soffice", lambda: None)
    with pytest.raises(ExtractionError) as exc:
        extract(corpus_file(f"{DOC}.doc"))
    assert exc.value.code == "converter_unavailable"
    assert "apt-get install libreoffice-writer-nogui" in exc.value.message


@needs_soffice
def test_timeout_is_conversion_failed(fresh_cache):
    start = time.perf_counter()
    with pytest.raises(ExtractionError) as exc:
        doc_backend.extract(corpus_file(f"{DOC}.doc"), timeout_s=0.05)
    assert exc.value.code == "conversion_failed" and "within" in exc.value.message
    assert time.perf_counter() - start < 10


def test_not_a_word_ole_file(tmp_path):
    path = tmp_path / "sheet.doc"  # an OLE container without a WordDocument stream (an .xls, say)
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + bytes(4000))
    with pytest.raises(ExtractionError) as exc:
        extract(path)
    assert exc.value.code == "conversion_failed"


@needs_soffice
def test_parallel_conversions_do_not_collide(fresh_cache, tmp_path):
    src = corpus_file(f"{DOC}.doc")
    copies = []
    for i in range(3):  # three different files (the cache is by content)
        data = bytearray(src.read_bytes())
        data[-1] ^= i + 1  # a byte of the OLE padding
        copies.append(tmp_path / f"copy{i}.doc")
        copies[-1].write_bytes(bytes(data))
    with ThreadPoolExecutor(3) as pool:
        docs = list(pool.map(doc_backend.extract, copies))
    assert len({d.text() for d in docs}) == 1 and docs[0].blocks
    assert all("converted from DOC" in d.warnings[-1] for d in docs)


@needs_soffice
def test_preconvert_batch_then_cached_extract(fresh_cache, tmp_path):
    src = corpus_file(f"{DOC}.doc")
    files = [src, corpus_file(f"{DOC}.docx"), _rtf(tmp_path / "plan.rtf")]
    start = time.perf_counter()
    done = doc_backend.preconvert(files)
    print(f"\npreconvert of {len(done)} legacy files: {time.perf_counter() - start:.2f} s")
    assert set(done) == {files[0], files[2]}  # the DOCX is not a legacy file
    doc = extract(src)
    assert "cache" in doc.warnings[-1] and doc.file_format == "doc"
