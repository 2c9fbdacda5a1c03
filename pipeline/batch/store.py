"""The Parquet store under data/parquet: one part file per input file and table, written atomically.

Layout: `<table>/plan_year=<YYYY>/<doc key>.parquet` for the per-document tables (hive partitioning;
plan_year=0 when the plan year is unknown), `errors/<doc key>.parquet`.
Re-ingesting a file replaces its parts (no duplicates). Every part is written to a temporary file
in the same folder and renamed into place, so a crash never leaves a half-written part; the
`documents` part is written last and acts as the file's commit marker for incremental runs.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.records import FileResult
from schemas.tables import PARTITION_KEY, PARTITIONED, V1_RENAMES, schema_for

# pandas cannot read a hive null partition (pyarrow: "Cannot yet unify dictionaries with nulls"),
# so a document with no known plan year goes to plan_year=0.
UNKNOWN_PLAN_YEAR = 0
STAGING_DIR = ".staging"  # hidden: dataset readers skip it
DOCUMENT_TABLES = (
    "tasks",
    "kpis",
    "citations",
    "task_units",
    "signatures",
    "paragraphs",
    "documents",
)  # documents last: commit marker


def doc_key(doc_id: str) -> str:
    """A file-name-safe, collision-free key for a document id."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id).strip("._")[:80]
    return f"{safe}-{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:8]}"


class _NoPandas:
    """An import finder that finds no pandas (see `pandas_unprobed`)."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas":
            raise ModuleNotFoundError("pandas is not probed for while pyarrow converts values", name=name)


@contextmanager
def pandas_unprobed() -> Iterator[None]:
    """pyarrow without its pandas probe, while pandas is not loaded.

    When pyarrow converts Python values (`Table.from_pylist`, `pa.array`, `pa.scalar`, also on
    importing `pyarrow.dataset`) it imports pandas, if installed, only to tell pandas' own values
    (pd.NA, NaT, a Series) apart: 0.2-0.3 s of CPU and ~40 MB in every sandboxed worker (one per
    file) and in the ingest driver. While pandas is not loaded no value can be one of pandas', so
    inside this block pandas is reported absent and nothing is lost. pyarrow asks again, and
    imports pandas, when it needs pandas itself (`to_pandas`, `Table.from_pandas`). The finder is
    process-wide: keep the block around pyarrow calls only."""
    if "pandas" in sys.modules:
        yield
        return
    blocker = _NoPandas()
    sys.meta_path.insert(0, blocker)
    try:
        yield
    finally:
        sys.meta_path.remove(blocker)


def write_atomic(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".parquet", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _target(root: Path, table: str, key: str, plan_year: int | None) -> Path:
    if table not in PARTITIONED:
        return root / table / f"{key}.parquet"
    year = plan_year if plan_year is not None else UNKNOWN_PLAN_YEAR
    return root / table / f"{PARTITION_KEY}={year}" / f"{key}.parquet"


def _existing_parts(root: Path, table: str, key: str) -> list[Path]:
    base = root / table
    return list(base.glob(f"*/{key}.parquet")) + list(base.glob(f"{key}.parquet")) if base.exists() else []


@dataclass
class StagedResult:
    """Parts of one file's output written to a staging folder, waiting to be committed."""

    key: str
    folder: str
    plan_year: int | None
    parts: dict[str, str | None]  # table -> staged part path (None: the file has no rows there)


def stage_result(staging: Path, result: FileResult) -> StagedResult:
    """Write one file's parts under `staging` (a folder on the same file system as the store).
    A failed file stages only its errors row: its earlier good rows are kept at commit."""
    key = doc_key(result.doc_id)
    tables = ([] if result.failed else list(DOCUMENT_TABLES)) + ["errors"]
    parts: dict[str, str | None] = {}
    for table in tables:
        rows = result.errors if table == "errors" else result.rows.get(table, [])
        parts[table] = None
        if rows:
            path = staging / key / table / f"{key}.parquet"
            with pandas_unprobed():
                data = pa.Table.from_pylist(rows, schema=schema_for(table))
            write_atomic(data, path)
            parts[table] = str(path)
    return StagedResult(key, str(staging / key), result.plan_year, parts)


def commit_staged(root: Path, staged: StagedResult) -> None:
    """Move staged parts into place (atomic renames), removing the file's stale parts; the
    documents part moves last, so a file counts as ingested only when all its parts are in."""
    for table in [t for t in DOCUMENT_TABLES + ("errors",) if t in staged.parts]:
        target = _target(root, table, staged.key, staged.plan_year)
        part = staged.parts[table]
        if part:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, target)
        for stale in _existing_parts(root, table, staged.key):
            if stale != target or not part:
                stale.unlink(missing_ok=True)
    shutil.rmtree(staged.folder, ignore_errors=True)


def write_result(root: Path, result: FileResult) -> None:
    """Write one file's output into the store (stage under <root>/.staging, then commit)."""
    commit_staged(root, stage_result(root / STAGING_DIR, result))


def update_parts(root: Path, doc_id: str, table: str, update: Callable[[pa.Table], pa.Table]) -> None:
    """Rewrite one document's part(s) of `table` in place (atomically), through `update`."""
    for part in _existing_parts(Path(root), table, doc_key(doc_id)):
        write_atomic(update(pq.ParquetFile(part).read()), part)


EMPTY_ERRORS_PART = "empty.parquet"  # no doc key looks like this (keys end in "-<8 hex>")


def ensure_errors_table(root: Path) -> None:
    """Give the errors table a (0-row) part when no file had an error, so that it always exists."""
    folder = Path(root) / "errors"
    if not any(folder.glob("*.parquet")):
        with pandas_unprobed():
            empty = schema_for("errors").empty_table()
        write_atomic(empty, folder / EMPTY_ERRORS_PART)


def read_table(root: Path, table: str, columns: list[str] | None = None) -> pa.Table:
    """A whole output table in the current schema (empty, with its schema, when nothing was written
    yet). Parts written under an older schema are read too: renamed columns are mapped onto their
    current names and columns they lack are null."""
    with pandas_unprobed():
        return _read_table(root, table, columns)


def _read_table(root: Path, table: str, columns: list[str] | None) -> pa.Table:
    path = Path(root) / table
    parts = sorted(p for p in path.rglob("*.parquet") if not p.name.startswith(".")) if path.exists() else []
    schema = schema_for(table)
    if table in PARTITIONED:
        schema = schema.append(pa.field(PARTITION_KEY, pa.int32()))
    if not parts:
        empty = schema.empty_table()
        return empty.select(columns) if columns else empty
    wanted = pa.schema([schema.field(name) for name in columns or schema.names])
    renames = {new: old for old, new in V1_RENAMES.get(table, {}).items()}
    return pa.concat_tables([_read_part(part, wanted, renames) for part in parts])


def _read_part(part: Path, schema: pa.Schema, old_names: dict[str, str]) -> pa.Table:
    """One part's columns of `schema`, as a dataset of the parts would give them, part by part (no
    dataset machinery: pyarrow.dataset and pyarrow.compute cost every start ~0.05 s, and reading
    the parts one by one takes no more CPU than the dataset scan): a column the part lacks is null,
    a column written under its v1 name is read from that name, the partition key comes from the
    part's folder (`plan_year=2024`)."""
    file = pq.ParquetFile(part)
    present = set(file.schema_arrow.names)
    rows = file.metadata.num_rows
    read = [f.name for f in schema if f.name in present]
    read += [old_names[f.name] for f in schema if old_names.get(f.name) in present]
    data = file.read(columns=read)
    columns = []
    for wanted in schema:
        old = old_names.get(wanted.name)
        if wanted.name == PARTITION_KEY and wanted.name not in present:
            column = pa.chunked_array([pa.array([_partition_value(part)] * rows, pa.int32())])
        elif wanted.name in present and old in present:  # both names: the new one where it is set
            import pyarrow.compute as pc

            column = pc.coalesce(data.column(wanted.name), data.column(old))
        elif wanted.name in present or old in present:
            column = data.column(wanted.name if wanted.name in present else old)
        else:
            column = pa.chunked_array([pa.nulls(rows, wanted.type)])
        # only an older part's type needs a cast (which loads pyarrow.compute)
        columns.append(column if column.type == wanted.type else column.cast(wanted.type))
    return pa.Table.from_arrays(columns, schema=schema)


def _partition_value(part: Path) -> int | None:
    """The plan year of a part's hive folder (`plan_year=2024`); None outside one."""
    key, _, value = part.parent.name.partition("=")
    return int(value) if key == PARTITION_KEY and value.lstrip("-").isdigit() else None


def read_rows(root: Path, table: str) -> list[dict]:
    return read_table(root, table).to_pylist()
