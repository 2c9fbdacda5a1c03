"""Arrow schemas of every output table: the public contract of data/parquet (see tables.py).

The names are loaded on first use (PEP 562) so that importing `schemas.enums` — as the CLI does
for its help texts — does not import pyarrow (0.2 s of every command's start)."""

from __future__ import annotations

import importlib

__all__ = ["SCHEMA_VERSION", "TABLES", "PARTITION_KEY", "schema_for"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(importlib.import_module("schemas.tables"), name)
    raise AttributeError(f"module 'schemas' has no attribute {name!r}")
