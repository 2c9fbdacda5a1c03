"""The worker side of the engines: one file processed and staged, the errors row of a killed
worker, and the per-file time limit."""

from __future__ import annotations

from pathlib import Path

from pipeline.batch.sandbox import SandboxResult
from pipeline.batch.worker import Limits, process_and_stage, sandbox_failure
from tests.conftest import SAMPLES, run_fresh

DOCX = SAMPLES / "2023-kh-kstthc-skhcn.docx"


def test_a_file_is_staged_and_its_result_carries_counts_not_rows(tmp_path):
    result, staged = process_and_stage(DOCX, tmp_path / "staging", root=SAMPLES)
    assert result.rows == {} and result.row_counts["tasks"] > 0 and not result.failed
    assert staged.parts["tasks"] is not None and Path(staged.parts["tasks"]).exists()


def test_a_killed_worker_leaves_one_errors_row(tmp_path):
    outcome = SandboxResult(ok=False, error_code="timeout", message="no answer in 5 s", seconds=5.0)
    result, staged = sandbox_failure(DOCX, tmp_path / "staging", outcome, root=SAMPLES)
    assert [(e["stage"], e["error_code"]) for e in result.errors] == [("worker", "timeout")]
    assert result.stage_seconds["worker"] == 5.0 and result.source_sha256
    assert staged.parts["errors"] is not None and not staged.parts.get("tasks")


def test_the_time_limit_grows_with_the_pages(tmp_path):
    limits = Limits(timeout_s=10, per_page_s=2)
    assert limits.timeout_for(tmp_path / "missing.pdf") == 10  # page count unknown: the base limit
    assert limits.timeout_for(DOCX) == 10  # no page tree to read cheaply


def test_warm_up_imports_the_parsers_of_the_batchs_formats_only():
    """A PDF batch's parent warms the PDF parsers, not the DOCX ones; an unknown suffix warms all."""
    code = (
        "import sys\n"
        "from pipeline.batch.worker import warm_up\n"
        "warm_up({'.PDF'})\n"
        "assert 'pypdfium2' in sys.modules and 'pdfplumber' in sys.modules\n"
        "assert 'docx' not in sys.modules and 'extractors.docx.backend' not in sys.modules\n"
        "warm_up({'.pdf', '.xyz'})\n"
        "assert 'docx' in sys.modules\n"
    )
    run_fresh(code)
