"""The conventions every command shares: --version, -v/-q, help for every option, one-line errors
with documented exit codes, and a closed pipe that ends quietly."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.cli.errors import INTERNAL, USAGE, CliError
from pipeline.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[3]


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("vanban ")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_option_and_argument_has_help():
    parser = build_parser()
    missing = []
    for name, sub in {"": parser, **_subparsers(parser)}.items():
        for action in sub._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            if not action.help or action.help == argparse.SUPPRESS:
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
    assert not missing


@pytest.mark.parametrize(
    "argv",
    [
        ["-q", "status", "--data", "X"],
        ["status", "-q", "--data", "X"],
        ["-v", "status", "--data", "X"],
        ["status", "--verbose", "--data", "X"],
    ],
)
def test_verbose_and_quiet_before_or_after_the_command(argv):
    args = build_parser().parse_args(argv)
    assert args.quiet or args.verbose


def test_quiet_given_before_the_command_is_kept():
    assert build_parser().parse_args(["-q", "status"]).quiet is True
    assert build_parser().parse_args(["-vv", "status"]).verbose == 2


def test_cli_error_and_unexpected_error_are_one_line(monkeypatch, capsys, tmp_path):
    def boom(args):
        raise CliError("the thing is wrong")

    parser_args = ["status", "--data", str(tmp_path)]
    monkeypatch.setattr(sys.modules["pipeline.cli.main"], "build_parser", _parser_with(boom))
    assert main(parser_args) == USAGE
    assert capsys.readouterr().err == "vanban status: the thing is wrong\n"

    def crash(args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(sys.modules["pipeline.cli.main"], "build_parser", _parser_with(crash))
    assert main(parser_args) == INTERNAL
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1 and "ZeroDivisionError" in err


def _parser_with(func):
    def build():
        parser = build_parser()
        _subparsers(parser)["status"].set_defaults(func=func)
        return parser

    return build


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_sql_piped_into_head_ends_quietly(store, fmt):
    """In every format: the table format writes through rich, which ends a closed pipe with exit(1)."""
    query = "SELECT range AS n, repeat('x', 200) AS filler FROM range(100000)"
    cmd = f'{sys.executable} -m pipeline.cli sql "{query}" --data {store} --format {fmt} --limit 2000 | head -2'
    done = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {cmd}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert len(done.stdout.splitlines()) <= 2 and done.stdout.strip()
    assert done.stderr == ""
    assert done.returncode == 0
