"""Exit codes of every `vanban` command, and the error a command raises to end with one of them.

    0  done
    1  done, but the data has a problem: files failed, a quality gate (--min-f1) failed,
       nothing matched the search
    2  the command cannot run as asked: a bad option value, a missing input, an unknown document,
       an output that cannot be written, a wrong file format (argparse's usage errors are 2 too)
    3  an unexpected internal error (the traceback is printed with -v)
    130 interrupted (Ctrl-C)
A closed output pipe (`vanban sql … | head`) ends the command quietly with 0.
"""

from __future__ import annotations

OK, DATA_PROBLEM, USAGE, INTERNAL, INTERRUPTED = 0, 1, 2, 3, 130


class CliError(Exception):
    """A one-line message for the user and the exit code it ends with (main prints it)."""

    def __init__(self, message: str, code: int = USAGE):
        super().__init__(message)
        self.message = message
        self.code = code
