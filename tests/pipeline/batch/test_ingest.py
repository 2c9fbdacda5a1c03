"""Batch ingest: idempotent, incremental, resumable, parallel, and the same output on every engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.cli import main as cli
from pipeline.batch.ingest import ingest
from pipeline.batch.worker import Limits
from pipeline.batch.store import read_table
from tests.conftest import SAMPLES

FILES = ["2023-kh-kstthc-skhcn.docx", "2024-kh-truyenthong-skhcn.docx", "2022-kh-cchc-skhcn.docx"]
TABLES = ["documents", "tasks", "kpis", "citations", "task_units"]


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in FILES:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def snapshot(out) -> dict[str, list]:
    """Every table's rows, in a stable order, minus nothing: equal snapshots mean equal output."""
    snap = {}
    for table in TABLES:
        rows = read_table(out, table).to_pylist()
        snap[table] = sorted(
            rows, key=lambda r: (r.get("source_file"), r.get("task_seq") or r.get("kpi_seq") or 0, str(r))
        )
    return snap


def test_rerun_is_idempotent_and_incremental(inputs, tmp_path):
    out = tmp_path / "out"
    first = ingest([inputs], out, workers=1)
    assert len(first.results) == 3 and not first.failed
    before = snapshot(out)
    assert len(before["documents"]) == 3 and len(before["tasks"]) > 30
    second = ingest([inputs], out, workers=1)
    assert second.results == [] and len(second.skipped) == 3  # unchanged files: no work
    forced = ingest([inputs], out, workers=1, force=True)
    assert len(forced.results) == 3
    assert snapshot(out) == before  # same input, same output, no duplicates


def test_changed_file_replaces_its_rows(inputs, tmp_path):
    out = tmp_path / "out"
    ingest([inputs], out, workers=1)
    shutil.copy(SAMPLES / "2025-kh-kstthc-skhcn.docx", inputs / FILES[0])  # new content, same name
    report = ingest([inputs], out, workers=1)
    assert [r.source_file for r in report.results] == [FILES[0]]
    docs = read_table(out, "documents").to_pylist()
    assert len(docs) == 3
    assert {d["plan_year"] for d in docs if d["source_file"] == FILES[0]} == {2025}


def test_interrupted_run_resumes_without_duplicates_or_loss(inputs, tmp_path):
    out = tmp_path / "out"

    def stop_after_first(_result):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([inputs], out, workers=1, on_result=stop_after_first)
    assert len(read_table(out, "documents")) == 1
    report = ingest([inputs], out, workers=1)
    assert len(report.results) == 2 and len(report.skipped) == 1
    reference = tmp_path / "ref"
    ingest([inputs], reference, workers=1)
    assert snapshot(out) == snapshot(reference)


def test_parallel_and_dask_engines_match_local(inputs, tmp_path):
    ingest([inputs], tmp_path / "one", workers=1)
    ingest([inputs], tmp_path / "two", workers=2)
    ingest([inputs], tmp_path / "dask", workers=2, engine="dask")
    expected = snapshot(tmp_path / "one")
    assert snapshot(tmp_path / "two") == expected
    assert snapshot(tmp_path / "dask") == expected
    assert not list((tmp_path / "dask" / ".staging").rglob("*.parquet"))


def test_cli_ingest_summary_and_exit_code(inputs, tmp_path, capsys):
    (inputs / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    code = cli(["ingest", str(inputs), "--out", str(tmp_path / "out"), "--workers", "1", "--quiet"])
    printed = capsys.readouterr().out
    assert code == 1  # a file failed, after all the others were processed
    assert "broken.pdf" in printed and "corrupt_pdf" in printed and "1 failed" in printed
    assert len(read_table(tmp_path / "out", "documents")) == 3


def test_hung_or_ballooning_parser_is_killed_and_reported(inputs, tmp_path, monkeypatch):
    import time

    import pipeline.batch.worker as worker

    real = worker.process_file

    def misbehaving(path, root=None):
        name = Path(path).name
        if name.startswith("hang"):
            time.sleep(60)
        if name.startswith("balloon"):
            _ = bytearray(4 * 2**30)
        return real(path, root)

    monkeypatch.setattr(worker, "process_file", misbehaving)  # forked workers inherit it
    shutil.copy(SAMPLES / FILES[0], inputs / "hang.docx")
    shutil.copy(SAMPLES / FILES[0], inputs / "balloon.docx")
    report = ingest([inputs], tmp_path / "out", workers=2, limits=Limits(timeout_s=5, memory_mb=2048))
    codes = {r.source_file: [e["error_code"] for e in r.errors] for r in report.results}
    assert codes["hang.docx"] == ["timeout"] and codes["balloon.docx"] == ["memory_limit"]
    assert all(not codes[name] for name in FILES), codes
    assert len(read_table(tmp_path / "out", "documents")) == 3


def test_output_folder_inside_the_input_folder_is_not_ingested(inputs):
    out = inputs / "parquet"
    ingest([inputs], out, workers=1)
    again = ingest([inputs], out, workers=1, force=True)
    assert sorted(r.source_file for r in again.results) == sorted(FILES)


def test_a_file_keeps_its_id_whatever_else_an_ingest_is_given(inputs, tmp_path, capsys):
    """doc ids are relative to the store's root (its first ingest's folder), not to whatever set
    of paths a later run is handed: the same file is never stored twice under two ids."""
    out = tmp_path / "out"
    ingest([inputs / FILES[0]], out, workers=1)
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SAMPLES / FILES[1], other / "b.docx")
    report = ingest([inputs / FILES[0], other / "b.docx"], out, workers=1)
    assert [r.source_file for r in report.results] == ["b.docx"] and len(report.skipped) == 1
    ids = sorted(d["doc_id"] for d in read_table(out, "documents").to_pylist())
    assert ids == [FILES[0], "other/b.docx"]  # outside the root: named from the folder both share
    # status names the file as ingest does, whatever paths it is given
    assert cli(["status", str(inputs / FILES[0]), str(other), "--data", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "2 current" in printed and "new" not in printed


def test_a_moved_store_keeps_its_ids(inputs, tmp_path):
    """The root is recorded relative to the store, so a project folder moved as a whole (store and
    inputs together) re-ingests nothing and duplicates nothing."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.move(str(inputs), project / "raw")
    ingest([project / "raw"], project / "parquet", workers=1)
    moved = tmp_path / "moved"
    shutil.move(str(project), moved)
    report = ingest([moved / "raw" / FILES[0]], moved / "parquet", workers=1)
    assert report.results == [] and len(report.skipped) == 1
    assert len(read_table(moved / "parquet", "documents")) == 3
