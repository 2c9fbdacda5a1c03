"""A fast start (issue #13): the light commands import nothing heavy, and `show` prints its tables.

Checked by what is imported, not by a timing (timings on a shared machine are noise)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HEAVY = ("pyarrow", "pandas", "duckdb", "spacy", "underthesea", "pdfplumber", "pypdfium2", "numpy")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_building_the_command_line_imports_nothing_heavy():
    loaded = _modules_after("from pipeline.cli.main import build_parser; build_parser()")
    assert not {m.split(".")[0] for m in loaded} & set(HEAVY)


def test_parsing_one_file_needs_neither_pandas_nor_the_citation_index():
    loaded = _modules_after("import pipeline.process")
    assert "pandas" not in loaded and "pipeline.citations.index" not in loaded


@pytest.mark.parametrize("name", ["2023-kh-kstthc-skhcn.docx", "2023-kh-kstthc-skhcn.pdf"])
def test_parsing_one_file_loads_no_table_machinery(name):
    """`vanban show` parses a file and writes no Parquet: no pyarrow, numpy, pandas or DuckDB."""
    doc = ROOT / "data" / "raw" / name
    loaded = _modules_after(f"from pipeline.process import process_file\nprocess_file({str(doc)!r})")
    assert not {m.split(".")[0] for m in loaded} & {"pyarrow", "numpy", "pandas", "duckdb"}


def test_show_prints_the_metadata_and_task_tables():
    doc = ROOT / "data" / "raw" / "2023-kh-kstthc-skhcn.docx"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "show", str(doc)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "doc_type" in result.stdout and "tasks" in result.stdout


def _openblas_threads_in_ingest(tmp_path: Path, env: dict[str, str]) -> str:
    code = (
        "import os, sys\nfrom pipeline.cli import main\n"
        "main(['ingest', sys.argv[1], '--out', sys.argv[2], '-q'])\n"
        "print(os.environ.get('OPENBLAS_NUM_THREADS'))"
    )
    (tmp_path / "in").mkdir(exist_ok=True)
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "in"), str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return out.strip().splitlines()[-1]


def test_ingest_starts_openblas_with_one_thread_unless_told_otherwise(tmp_path):
    # one single-threaded worker per file: BLAS threads would only compete with the other workers
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    assert _openblas_threads_in_ingest(tmp_path, env) == "1"
    assert _openblas_threads_in_ingest(tmp_path, {**env, "OPENBLAS_NUM_THREADS": "4"}) == "4"


def test_which_files_are_ingested_or_failed_is_read_without_duckdb(tmp_path):
    """The ingest driver (pyarrow loaded for its parts) and `status` ask the store which files are
    in and which failed: no DuckDB (~0.09 s) for that."""
    code = (
        "from pathlib import Path\n"
        "from pipeline.batch.files import failed_files, ingested_state\n"
        "from pipeline.batch.store import write_result\nfrom pipeline.records import FileResult\n"
        f"root = Path({str(tmp_path)!r})\n"
        "doc = {'doc_id': 'in/a.docx', 'source_file': 'a.docx', 'source_sha256': 'abc', 'parser_version': 'v'}\n"
        "write_result(root, FileResult('in/a.docx', 'a.docx', 'abc', rows={'documents': [doc]}))\n"
        "error = {'doc_id': 'in/b.pdf', 'source_file': 'b.pdf', 'stage': 'extract', 'error_code': 'corrupt_pdf',"
        " 'message': 'm', 'severity': 'error'}\n"
        "write_result(root, FileResult('in/b.pdf', 'b.pdf', 'def', errors=[error]))\n"
        "assert ingested_state(root) == {'in/a.docx': ('abc', 'v')}, ingested_state(root)\n"
        "assert failed_files(root) == {'in/b.pdf': 'corrupt_pdf: m'}, failed_files(root)\n"
    )
    loaded = _modules_after(code)
    assert "duckdb" not in loaded


def test_an_ingest_with_nothing_new_loads_no_parser(tmp_path):
    """Ingesting again a folder whose files are all in the store reads the store and stops: the
    parsers and stages (pipeline.process, pdfplumber, python-docx) are loaded only for a file to parse."""
    doc = ROOT / "data" / "raw" / "2023-kh-kstthc-skhcn.docx"
    ingest = f"from pipeline.cli import main\nmain(['ingest', {str(doc)!r}, '--out', {str(tmp_path)!r}, '-q'])"
    first = _modules_after(ingest)
    assert "pipeline.process" in first
    again = _modules_after(ingest)
    assert not {"pipeline.process", "pdfplumber", "docx"} & again
