"""`vanban serve [--data DIR] [--host 127.0.0.1] [--port 8765]`: the local web app for analysts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.commands import add_data_argument, port_number
from pipeline.cli.errors import DATA_PROBLEM, CliError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve",
        help="local read-only web app (Vietnamese): search, documents, citations, diffs, series, units",
        description="Serves the Parquet store as web pages on http://HOST:PORT/. Nothing is written; "
        "only this computer can open the pages unless --host says otherwise.",
    )
    add_data_argument(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--port", type=port_number, default=8765, help="port to listen on (default 8765)")
    p.add_argument(
        "--raw",
        action="append",
        default=None,
        metavar="DIR",
        help="folder of the ingested input files, for the 'open source file' link (repeatable; default: data/raw)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not (Path(args.data) / "documents").is_dir():
        raise CliError(f"no documents under {args.data} (run `vanban ingest` first, or pass --data DIR)", DATA_PROBLEM)
    from pipeline.web.app import serve

    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"vanban serve: warning: listening on {args.host}: other computers on the network can open the pages",
            file=sys.stderr,
        )
    print(f"vanban: http://{args.host}:{args.port}/  (Ctrl+C to stop)")
    try:
        serve(args.data, args.raw or ["data/raw"], args.host, args.port)
    except OSError as exc:
        raise CliError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    return 0
