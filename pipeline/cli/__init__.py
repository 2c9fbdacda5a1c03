"""`vanban` command line: `main` builds the parser from the modules of `commands/`."""

from pipeline.cli.main import main

__all__ = ["main"]
