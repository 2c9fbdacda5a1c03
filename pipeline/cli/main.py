"""vanban: Vietnamese administrative documents to Parquet tables, and the tools to read them.

Every module in pipeline/cli/commands adds one subcommand. Exit codes: 0 done; 1 done but the data
has a problem (failed files, --min-f1 not met, nothing found); 2 bad usage (option value, missing
input, unknown document, unwritable output, wrong format); 3 internal error; 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import pkgutil
import sys

from pipeline.cli import commands
from pipeline.cli.errors import INTERNAL, INTERRUPTED, OK, USAGE, CliError


def version() -> str:
    """The installed package's version, and the parser version that stamps the output."""
    from importlib.metadata import PackageNotFoundError, version as dist_version

    from pipeline import PARSER_VERSION

    try:
        package = dist_version("vanban")
    except PackageNotFoundError:
        package = "unknown"
    return f"vanban {package} (parser {PARSER_VERSION})"


class _VersionAction(argparse.Action):
    """--version: the version is looked up only when asked for (importlib.metadata costs every
    other command ~30 ms of start-up)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(version())
        parser.exit()


def _add_verbosity(parser: argparse.ArgumentParser, default) -> None:
    """-v/--verbose and -q/--quiet, accepted before and after the subcommand (the subcommand's
    defaults are SUPPRESS so they do not reset what was given before it)."""
    if "--verbose" not in parser._option_string_actions:
        parser.add_argument(
            "-v",
            "--verbose",
            action="count",
            default=default if default is not None else 0,
            help="say more (the full per-file table of ingest, tracebacks of internal errors)",
        )
    if "--quiet" not in parser._option_string_actions:
        parser.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            default=default if default is not None else False,
            help="print only results and errors (no progress bar, no notes)",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vanban", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    _add_verbosity(parser, None)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"{commands.__name__}.{info.name}").register(subparsers)
    for sub in subparsers.choices.values():
        _add_verbosity(sub, argparse.SUPPRESS)
    return parser


def _silence_stdout() -> None:
    """After a closed pipe: point stdout at /dev/null so Python's exit flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.ERROR if args.quiet else logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    where = f"vanban {args.command}"
    try:
        return int(args.func(args) or OK)
    except CliError as exc:
        print(f"{where}: {exc.message}", file=sys.stderr)
        return exc.code
    except BrokenPipeError:
        _silence_stdout()
        return OK
    except SystemExit as exc:
        if isinstance(exc.__context__, BrokenPipeError):  # rich's Console ends a closed pipe with exit(1)
            _silence_stdout()
            return OK
        raise
    except KeyboardInterrupt:
        print(f"{where}: interrupted", file=sys.stderr)
        return INTERRUPTED
    except OSError as exc:  # an output that cannot be written, an input that cannot be read
        target = f" {exc.filename}" if exc.filename else ""
        print(f"{where}: cannot use{target}: {exc.strerror or exc}", file=sys.stderr)
        return USAGE
    except Exception as exc:  # noqa: BLE001 - the user gets one line; -v gives the traceback
        if args.verbose:
            import traceback

            traceback.print_exc()
        print(f"{where}: internal error: {type(exc).__name__}: {exc} (run with -v for details)", file=sys.stderr)
        return INTERNAL
