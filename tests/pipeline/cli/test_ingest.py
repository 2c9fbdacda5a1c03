"""`vanban ingest`: option values checked, outputs checked before work, a summary that stays short
for 1,000 files, the full table on request, and a time limit that grows with the page count."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.console import Console

from pipeline.batch.budget import TimeBudget, estimate_pages
from pipeline.batch.ingest import IngestReport
from pipeline.batch.sandbox import imap_limited
from pipeline.records import FileResult
from pipeline.cli import main
from pipeline.cli.commands.ingest import summary, write_report
from pipeline.batch.worker import Limits


@pytest.mark.parametrize(
    "option",
    [
        ["--workers", "0"],
        ["--workers", "-2"],
        ["--timeout", "-5"],
        ["--timeout", "0"],
        ["--memory-mb", "0"],
        ["--timeout-per-page", "x"],
        ["--report", "r.xlsx"],
    ],
)
def test_bad_option_values_are_refused(option, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["ingest", str(tmp_path), "--out", str(tmp_path / "out"), *option])
    assert exit_.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_unwritable_out_is_one_line_exit_2(tmp_path, unwritable, capsys):
    assert main(["ingest", str(tmp_path), "--out", str(unwritable), "-q"]) == 2
    err = capsys.readouterr().err
    assert "cannot create" in err and "Traceback" not in err


def test_missing_input_exits_2(tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "khong-co.docx"), "--out", str(tmp_path / "out"), "-q"]) == 2
    assert "not found" in capsys.readouterr().err


def _results(n: int, failed: int) -> IngestReport:
    report = IngestReport(seconds=12.0)
    for i in range(n):
        r = FileResult(
            doc_id=f"f{i:04d}.pdf",
            source_file=f"f{i:04d}.pdf",
            source_sha256="",
            page_count=3,
            row_counts={"tasks": 5, "kpis": 0, "citations": 2},
            stage_seconds={"read": i / 100},
        )
        if i < failed:
            r.errors = [{"error_code": "corrupt_pdf", "message": "broken", "severity": "error"}]
        report.results.append(r)
    return report


def _render(tables) -> str:
    console = Console(file=io.StringIO(), width=160, no_color=True)
    for t in tables:
        console.print(t)
    return console.file.getvalue()


def test_summary_of_1000_files_is_short():
    text = _render(summary(_results(1000, failed=3)))
    assert len(text.splitlines()) < 80
    assert "1000 parsed" in text and "3 failed" in text
    assert all(f"f000{i}.pdf" in text for i in range(3))  # every failure named
    assert "f0999.pdf" in text and "slowest" in text  # the slowest file
    assert "f0500.pdf" not in text  # not one row per file


def test_verbose_summary_lists_every_file():
    text = _render(summary(_results(30, failed=0), verbose=True))
    assert all(f"f{i:04d}.pdf" in text for i in range(30))


@pytest.mark.parametrize("suffix", [".csv", ".json", ".txt"])
def test_report_file_has_every_file(tmp_path, suffix):
    path = tmp_path / f"report{suffix}"
    write_report(_results(1000, failed=2).results, path)
    text = path.read_text(encoding="utf-8-sig")
    if suffix == ".csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == 1000 and rows[0]["status"].startswith("corrupt_pdf")
    elif suffix == ".json":
        assert len(json.loads(text)) == 1000
    else:
        assert "f0000.pdf" in text and "f0999.pdf" in text


def test_time_budget_grows_with_pages():
    budget = TimeBudget(base_s=60, per_page_s=4)
    assert budget.seconds(None) == 60 and budget.seconds(0) == 60
    assert budget.seconds(100) == 460


def test_limits_use_the_page_count_of_a_pdf(tmp_path):
    from tests import hostile_files as hf

    pdf = hf.write(tmp_path, "dai.pdf", hf.pdf_bytes(count=40))
    assert estimate_pages(pdf) == 40
    limits = Limits(timeout_s=30, per_page_s=2)
    assert limits.timeout_for(pdf) == 30 + 2 * 40
    docx = tmp_path / "a.docx"
    docx.write_bytes(b"not read")
    assert limits.timeout_for(docx) == 30  # no cheap page count: the base alone
    assert estimate_pages(hf.write(tmp_path, "hong.pdf", b"%PDF-1.4 broken")) is None


def _sleep(seconds: float) -> float:
    import time

    time.sleep(seconds)
    return seconds


def test_each_file_gets_its_own_limit():
    # the same 0.6 s of work: killed under a 0.3 s limit, done under a 3 s one
    results = dict(
        imap_limited(_sleep, [0.6, 0.61], workers=2, timeout_s=lambda s: 0.3 if s == 0.6 else 3.0, memory_mb=None)
    )
    assert results[0.6].error_code == "timeout"
    assert results[0.61].ok and results[0.61].value == 0.61
