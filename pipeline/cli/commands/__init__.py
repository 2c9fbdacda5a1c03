"""One module per `vanban` subcommand. Each defines `register(subparsers)`, which adds its parser
and sets `func=run` (a callable taking the parsed args and returning an exit code).

Command modules import only argparse-level code at the top; what a command needs to run (DuckDB,
the parsers, pandas, rich) is imported inside `run`, so `vanban --help` starts fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_DATA = "data/parquet"


def add_data_argument(parser: argparse.ArgumentParser) -> None:
    """`--data DIR`, the Parquet store a command reads: one default and one wording for every command."""
    parser.add_argument(
        "--data", default=DEFAULT_DATA, metavar="DIR", help=f"Parquet directory (default: {DEFAULT_DATA})"
    )


def positive_int(text: str) -> int:
    """argparse type: an integer >= 1 (`--workers 0` is refused, not read as 'all cores')."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def positive_float(text: str) -> float:
    """argparse type: a number > 0 (a timeout or a limit)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def fraction(text: str) -> float:
    """argparse type: a number from 0 to 1 (an F1 score, a similarity): `--min-f1 1.5` could never be met."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {text}")
    return value


def port_number(text: str) -> int:
    """argparse type: a TCP port, 1 to 65535."""
    value = positive_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"must be at most 65535, not {value}")
    return value


def output_file(*suffixes: str):
    """argparse type: an output path whose extension is one of suffixes (".png", ".svg" …), refused
    before any work is done when the format is wrong."""

    def check(text: str) -> Path:
        path = Path(text)
        if path.suffix.lower() not in suffixes:
            raise argparse.ArgumentTypeError(f"{text!r}: the file name must end in {' or '.join(suffixes)}")
        return path

    check.__name__ = "output file"
    return check


def check_writable(path: str | Path, folder: bool = False) -> Path:
    """The output path, its folder created; CliError (exit 2) now, before any work, when it cannot
    be written (a read-only place, a file where a folder should be)."""
    from pipeline.cli.errors import CliError

    path = Path(path)
    folder_path = path if folder else path.parent
    try:
        folder_path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create the folder {folder_path}: {exc.strerror or exc}") from None
    if folder and not path.is_dir():
        raise CliError(f"{path} is not a folder")
    if not folder and path.is_dir():
        raise CliError(f"{path} is a folder, not a file")
    import os
    import tempfile

    if path.exists() and not folder and not os.access(path, os.W_OK):
        raise CliError(f"cannot write to {path}: permission denied")
    try:  # a probe file: os.access answers yes to root, and for folders like /proc that refuse new files
        fd, probe = tempfile.mkstemp(prefix=".vanban-probe-", dir=folder_path)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise CliError(f"cannot write to {path}: {exc.strerror or exc}") from None
    return path
