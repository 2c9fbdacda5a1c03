"""Arrow schemas of every output table: the public contract of data/parquet (see tables.py).

The names are loaded on first use (PEP 562) so that importing `schemas.enums` — as the CLI does
for its help texts — does not import pyarrow (0.2 s of every command's start). SCHEMA_VERSION is
here, with no pyarrow, for the rows a parse stamps (`vanban show` writes no Parquet)."""

from __future__ import annotations

import importlib

# bump it when the tables change (schemas/tables.py says how), with a CHANGELOG.md line
SCHEMA_VERSION = "2.0.0"
_LAZY = ("TABLES", "PARTITION_KEY", "schema_for")
__all__ = ["SCHEMA_VERSION", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module("schemas.tables"), name)
    raise AttributeError(f"module 'schemas' has no attribute {name!r}")
