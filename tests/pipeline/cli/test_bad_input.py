"""Issue #11 §1 walked as a new user would, every command given bad input: a one-line message that
names the command (`vanban COMMAND: …`) on stderr and the documented exit code (2: cannot run as
asked; 1: the data has a problem), never a traceback or a silent half-run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import SAMPLES

DOCX = SAMPLES / "2025-kh-kstthc-skhcn.docx"
# a folder that exists but takes no new file, whoever runs the tests (root included: os.access
# says yes to root, so only trying to create a file there tells)
NO_NEW_FILES = Path("/proc")


def _one_line(err: str, command: str) -> None:
    assert err.startswith(f"vanban {command}: ") and err.count("\n") == 1 and "Traceback" not in err, err


def test_show_tells_a_missing_file_from_an_unreadable_one(tmp_path, capsys):
    assert main(["show", str(tmp_path / "khong-co.docx")]) == 2
    _one_line(capsys.readouterr().err, "show")
    assert main(["show", str(tmp_path)]) == 2
    _one_line(capsys.readouterr().err, "show")
    (tmp_path / "ghi-chu").write_text("Kế hoạch", encoding="utf-8")
    assert main(["show", str(tmp_path / "ghi-chu")]) == 1
    out, err = capsys.readouterr()
    _one_line(err, "show")
    assert "unsupported_format" in err and "(no extension)" in err and out == ""


def test_ingest_with_a_missing_path_does_no_work(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["ingest", str(tmp_path / "khong-co.pdf"), str(DOCX), "--out", str(out)]) == 2
    stdout, err = capsys.readouterr()
    _one_line(err, "ingest")
    assert not out.exists() and stdout == ""  # no summary of a run that did not happen


@pytest.mark.skipif(not (NO_NEW_FILES / "self").exists(), reason="needs Linux /proc")
def test_outputs_where_no_file_can_be_created_are_refused_before_any_work(tmp_path, store, capsys):
    data = tmp_path / "store"
    shutil.copytree(store, data)
    assert (
        main(
            [
                "diff",
                "2023-kh-kstthc-skhcn",
                "2025-kh-kstthc-skhcn",
                "--data",
                str(data),
                "--html",
                str(NO_NEW_FILES / "ss.html"),
            ]
        )
        == 2
    )
    _one_line(capsys.readouterr().err, "diff")
    assert not (data / "task_diffs").exists()  # refused before the diff was computed and stored
    assert main(["export", "tasks", "--data", str(data), "--out", str(NO_NEW_FILES / "nv.xlsx")]) == 2  # was 3
    _one_line(capsys.readouterr().err, "export")
    assert main(["view", str(DOCX), "--html", str(NO_NEW_FILES / "v.html")]) == 2
    _one_line(capsys.readouterr().err, "view")


def test_a_failed_export_leaves_the_old_file_and_no_debris(tmp_path, store, monkeypatch, capsys):
    import xlsxwriter

    out = tmp_path / "nv.xlsx"
    out.write_bytes(b"the previous export")

    def disk_full(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsxwriter.Workbook, "close", disk_full)
    assert main(["export", "tasks", "--data", store, "--out", str(out)]) == 2
    _one_line(capsys.readouterr().err, "export")
    assert out.read_bytes() == b"the previous export" and [p.name for p in tmp_path.iterdir()] == ["nv.xlsx"]


@pytest.mark.parametrize(
    "argv",
    [
        ["eval", "--gold", "g", "--min-f1", "1.5"],  # an F1 of 1.5 can never be met: a gate that always fails
        ["eval", "--gold", "g", "--min-f1", "-0.1"],
        ["diff", "a", "b", "--threshold", "2"],
        ["export", "diff", "a", "b", "--out", "d.xlsx", "--threshold", "-1"],
        ["serve", "--port", "99999"],
        ["serve", "--port", "0"],
    ],
)
def test_out_of_range_option_values_are_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"vanban {argv[0]}: error: argument" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "argv,command",
    [
        (["sql", "SELECT 1"], "sql"),
        (["units"], "units"),
        (["cite", "45/2020/NĐ-CP"], "cite"),
        (["serve"], "serve"),
        (["cites", "2025-kh-kstthc-skhcn"], "cites"),
    ],
)
def test_no_data_yet_is_one_line_naming_the_command(argv, command, tmp_path, capsys):
    assert main([*argv, "--data", str(tmp_path / "chua-co")]) == 1
    err = capsys.readouterr().err
    _one_line(err, command)
    assert "vanban ingest" in err


def test_sql_error_names_the_command_and_the_tables(store, capsys):
    assert main(["sql", "SELEC 1", "--data", store]) == 2
    err = capsys.readouterr().err
    assert err.startswith("vanban sql: SQL error") and "Tables available: " in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_units_finding_nothing_exits_1_in_every_format(store, fmt, capsys):
    assert main(["units", "--data", store, "--unit", "khong co don vi nay", "--format", fmt]) == 1
    out, err = capsys.readouterr()
    _one_line(err, "units")
    assert out == ""
