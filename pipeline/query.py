"""DuckDB over the Parquet tables: one view per table that exists under the data directory.

    con = connect("data/parquet")
    con.sql("SELECT doc_id, count(*) FROM tasks GROUP BY ALL").show()

Every command that reads data/parquet goes through `connect()`, so the views (and their names)
are the same everywhere: documents, tasks, kpis, citations, task_units, errors, task_diffs,
paragraphs, and `renditions` (every file of one document, its primary rendition marked).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from schemas.tables import PARTITION_KEY, PARTITIONED, TABLES, V1_RENAMES

if TYPE_CHECKING:
    import duckdb

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


_DUCKDB_TYPES = {
    "string": "VARCHAR",
    "int32": "INTEGER",
    "date32[day]": "DATE",
    "bool": "BOOLEAN",
    "double": "DOUBLE",
    "list<item: string>": "VARCHAR[]",
}
# tables that have a view as soon as anything was ingested, empty when they have no file (a clean run)
ALWAYS_PRESENT = ("errors",)


def _duckdb_type(arrow_type) -> str:
    return _DUCKDB_TYPES.get(str(arrow_type), "VARCHAR")


def _view_sql(con: "duckdb.DuckDBPyConnection", data_dir: Path, table: str) -> str:
    """The view's query: the current schema's columns, whatever schema version wrote the files
    (v1 names mapped onto v2 ones, missing columns null), plus any other column the files hold."""
    pattern = (data_dir / table).resolve().as_posix() + "/**/*.parquet"
    hive_types = f", hive_types={{'{PARTITION_KEY}': INTEGER}}" if table in PARTITIONED else ""
    source = f"read_parquet({_sql_str(pattern)}, hive_partitioning=true, union_by_name=true{hive_types})"
    present = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
    renames = V1_RENAMES.get(table, {})
    select = []
    for field in TABLES[table]:
        old = next((o for o, n in renames.items() if n == field.name and o in present), None)
        have = [f'"{c}"' for c in (field.name, old) if c and c in present]
        select.append(
            f'{("coalesce(" + ", ".join(have) + ")") if len(have) > 1 else have[0]} AS "{field.name}"'
            if have
            else f'CAST(NULL AS {_duckdb_type(field.type)}) AS "{field.name}"'
        )
    extra = [c for c in present if c not in TABLES[table].names and c not in renames]
    select += [f'"{c}"' for c in extra]
    return f"SELECT {', '.join(select)} FROM {source}"


def _empty_view_sql(table: str) -> str:
    columns = ", ".join(f'CAST(NULL AS {_duckdb_type(f.type)}) AS "{f.name}"' for f in TABLES[table])
    return f"SELECT {columns} WHERE false"


# every file of one document (pipeline/batch/renditions.py), the primary one first: a final over a
# draft, then the formats whose text is the most faithful, then the one with the most tasks
RENDITIONS_VIEW = """
CREATE VIEW renditions AS
SELECT coalesce(document_key, doc_id) AS document_key, doc_id, source_path, source_file, file_format,
       is_final, doc_type, doc_number, doc_symbol, issued_date, title, task_count,
       count(*) OVER w_doc AS rendition_count,
       row_number() OVER (w_doc ORDER BY is_final DESC NULLS LAST,
           CASE file_format WHEN 'docx' THEN 1 WHEN 'doc' THEN 2 WHEN 'pdf' THEN 3 ELSE 4 END,
           task_count DESC NULLS LAST, doc_id) AS rendition_rank,
       rendition_rank = 1 AS is_primary
FROM documents
WINDOW w_doc AS (PARTITION BY coalesce(document_key, doc_id))
"""


def connect(data_dir: str | Path = DEFAULT_DATA, database: str = ":memory:") -> "duckdb.DuckDBPyConnection":
    """An in-memory DuckDB connection with a view per table found under `data_dir`.

    A view reads `<dir>/<table>/**/*.parquet` (hive partitioning, `plan_year` an INTEGER) with the
    current schema's column names, also over a store written by an older schema version. Tables
    without any Parquet file get no view (see `available()`), except `errors`, which is an empty
    view as soon as anything was ingested.
    """
    import duckdb

    con = duckdb.connect(database)
    _create_views(con, Path(data_dir))
    return con


def _create_views(con: "duckdb.DuckDBPyConnection", data_dir: Path) -> None:
    found = [t for t in TABLES if table_files(data_dir, t)]
    for table in found:
        con.execute(f"CREATE VIEW {table} AS {_view_sql(con, data_dir, table)}")
    for table in ALWAYS_PRESENT:
        if found and table not in found:
            con.execute(f"CREATE VIEW {table} AS {_empty_view_sql(table)}")
    if "documents" in found:
        con.execute(RENDITIONS_VIEW)


# statements a read-only query may be: anything else (COPY … TO, DROP, CREATE, SET, ATTACH,
# INSTALL, PRAGMA …) is refused before it runs
READ_ONLY_STATEMENTS = {"SELECT", "EXPLAIN"}


class ReadOnlyViolation(ValueError):
    """A statement that would write, change settings or reach outside the data folder."""


def connect_read_only(data_dir: str | Path = DEFAULT_DATA) -> "duckdb.DuckDBPyConnection":
    """A connection on which SQL from a user can read the table views and nothing else.

    The views live in a throw-away database file reopened read-only (DROP/CREATE fail); external
    access is then disabled except for the table folders (no COPY … TO elsewhere, no read_csv of
    /etc/passwd, no ATTACH or INSTALL) and the configuration is locked. `check_read_only(sql)` also
    refuses any statement other than SELECT/EXPLAIN (a COPY into the data folder itself).
    """
    import duckdb

    data_dir = Path(data_dir)
    with tempfile.TemporaryDirectory(prefix="vanban-sql-") as tmp:
        db = str(Path(tmp) / "views.duckdb")
        writer = duckdb.connect(db)
        _create_views(writer, data_dir)
        writer.close()
        con = duckdb.connect(db, read_only=True)  # the file may go: DuckDB keeps it open
    folders = [(data_dir / t).resolve().as_posix() + "/" for t in TABLES if table_files(data_dir, t)]
    if folders:
        con.execute(f"SET allowed_directories = [{', '.join(map(_sql_str, folders))}]")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def check_read_only(con: "duckdb.DuckDBPyConnection", sql: str) -> None:
    """Raise ReadOnlyViolation unless every statement of sql only reads (SELECT, EXPLAIN)."""
    for statement in con.extract_statements(sql):
        kind = statement.type.name
        if kind not in READ_ONLY_STATEMENTS:
            raise ReadOnlyViolation(f"{kind} statements are not allowed: `vanban sql` only reads (SELECT …)")


def available(con: "duckdb.DuckDBPyConnection") -> set[str]:
    """Names of the table views defined on `con`."""
    rows = con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
    return {name for (name,) in rows}


def require(con: "duckdb.DuckDBPyConnection", data_dir: str | Path, *tables: str) -> None:
    """Raise NoData with a readable message when one of `tables` has no data under `data_dir`."""
    missing = [t for t in tables if t not in available(con)]
    if missing:
        raise NoData(
            f"no {', '.join(missing)} data under {Path(data_dir)} (run `vanban ingest` first, or pass --data DIR)"
        )
