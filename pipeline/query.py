"""DuckDB over the Parquet tables: one view per table that exists under the data directory.

    con = connect("data/parquet")
    con.sql("SELECT doc_id, count(*) FROM tasks GROUP BY ALL").show()

Every command that reads data/parquet goes through `connect()`, so the views (and their names)
are the same everywhere: documents, tasks, kpis, citations, task_units, errors, task_diffs.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from schemas.tables import TABLES

DEFAULT_DATA = Path("data/parquet")


class NoData(RuntimeError):
    """Raised by `require()` when a table the caller needs has no Parquet files yet."""


def table_files(data_dir: str | Path, table: str) -> list[Path]:
    """The Parquet files of one table (all partitions)."""
    folder = Path(data_dir) / table
    if not folder.is_dir():
        return []
    return sorted(folder.rglob("*.parquet"))


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def connect(data_dir: str | Path = DEFAULT_DATA, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per table found under `data_dir`.

    A view is `SELECT * FROM read_parquet('<dir>/<table>/**/*.parquet', hive_partitioning=true,
    union_by_name=true)`; tables without any Parquet file get no view (see `available()`).
    """
    con = duckdb.connect(database)
    data_dir = Path(data_dir)
    for table in TABLES:
        if not table_files(data_dir, table):
            continue
        pattern = (data_dir / table).resolve().as_posix() + "/**/*.parquet"
        con.execute(
            f"CREATE VIEW {table} AS SELECT * FROM read_parquet({_sql_str(pattern)}, "
            f"hive_partitioning=true, union_by_name=true)"
        )
    return con


def available(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the table views defined on `con`."""
    rows = con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    return {name for (name,) in rows}


def require(con: duckdb.DuckDBPyConnection, data_dir: str | Path, *tables: str) -> None:
    """Raise NoData with a readable message when one of `tables` has no data under `data_dir`."""
    missing = [t for t in tables if t not in available(con)]
    if missing:
        raise NoData(
            f"no {', '.join(missing)} data under {Path(data_dir)} "
            f"(run `vanban ingest` first, or pass --data DIR)"
        )
