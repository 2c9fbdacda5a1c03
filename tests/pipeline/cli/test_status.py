"""`vanban status`: failed files make exit 1, a missing data folder is said, a missing path is not new."""

from __future__ import annotations

import shutil

from pipeline.cli import main
from tests.conftest import SAMPLES


def test_failed_file_exits_1(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "hong.pdf").write_bytes(b"%PDF-1.4\n not really a pdf")
    assert main(["ingest", str(inputs), "--out", str(tmp_path / "out"), "--workers", "1", "-q"]) == 1
    capsys.readouterr()
    assert main(["status", str(inputs), "--data", str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "failed" in out and "hong.pdf" in out


def test_all_current_exits_0(store, tmp_path, capsys):
    one = tmp_path / "in"
    one.mkdir()
    shutil.copy(SAMPLES / "2025-kh-kstthc-skhcn.docx", one)
    assert main(["status", str(one), "--data", store]) == 0
    assert "current" in capsys.readouterr().out


def test_missing_data_folder_is_a_warning(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.docx").write_bytes(b"x")
    assert main(["status", str(inputs), "--data", str(tmp_path / "khong-co")]) == 0
    captured = capsys.readouterr()
    assert "does not exist" in captured.err and "1 new" in captured.out


def test_missing_path_is_not_listed_as_new(store, tmp_path, capsys):
    assert main(["status", str(tmp_path / "nope.docx"), "--data", store]) == 2
    captured = capsys.readouterr()
    assert "not found" in captured.err and "nope.docx" in captured.err
    assert "new" not in captured.out
