"""One module per `vanban` subcommand. Each defines `register(subparsers)`, which adds its parser
and sets `func=run` (a callable taking the parsed args and returning an exit code)."""
