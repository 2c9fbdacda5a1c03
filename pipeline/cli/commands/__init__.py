"""One module per `vanban` subcommand. Each defines `register(subparsers)`, which adds its parser
and sets `func=run` (a callable taking the parsed args and returning an exit code)."""
from __future__ import annotations

import argparse

from pipeline.query import DEFAULT_DATA


def add_data_argument(parser: argparse.ArgumentParser) -> None:
    """`--data DIR`, the Parquet store a command reads: one default and one wording for every command."""
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="Parquet directory (default: data/parquet)")
