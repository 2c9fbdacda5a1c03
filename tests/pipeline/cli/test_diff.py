"""`vanban diff`: a wrong chart format and an unwritable report are refused before any work."""

from __future__ import annotations

import pytest

from pipeline.cli import main
from pipeline.cli.commands.diff import DEFAULT_THRESHOLD
from pipeline.diff.align import SETTINGS


def test_chart_must_be_png_or_svg(store, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(
            [
                "diff",
                "2023-kh-kstthc-skhcn",
                "2025-kh-kstthc-skhcn",
                "--data",
                store,
                "--chart",
                str(tmp_path / "x.txt"),
                "--no-write",
            ]
        )
    assert exit_.value.code == 2
    assert ".png or .svg" in capsys.readouterr().err


def test_unwritable_html_exits_2(store, unwritable, capsys):
    assert (
        main(
            [
                "diff",
                "2023-kh-kstthc-skhcn",
                "2025-kh-kstthc-skhcn",
                "--data",
                store,
                "--html",
                str(unwritable / "d.html"),
                "--no-write",
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_help_default_is_the_settings_threshold():
    assert DEFAULT_THRESHOLD == SETTINGS.threshold
