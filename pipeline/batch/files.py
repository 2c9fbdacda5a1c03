"""Which input files there are and which are already ingested: the light part of a batch, kept
apart from the parsers so `vanban status` answers without importing them.

    discover(["data/raw"])             -> input files, stable order
    ingested_state(Path("data/parquet")) -> {source_file: (sha256, parser_version)}
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from extractors import file_sha256
from pipeline import PARSER_VERSION


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Input files under the given files/folders, in a stable order: every file but hidden ones
    and Word's `~$` lock files, whatever its extension (an unsupported one is reported, not lost)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file()
                         and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _select(out_dir: Path, table: str, sql: str) -> list[tuple]:
    """Rows of `sql` over one output table (FROM t), [] when the table has no part yet. Read with
    DuckDB: no dataset machinery to import."""
    folder = Path(out_dir) / table
    if not folder.is_dir() or not any(folder.rglob("*.parquet")):
        return []
    import duckdb

    pattern = folder.resolve().as_posix().replace("'", "''") + "/**/*.parquet"
    source = f"(SELECT * FROM read_parquet('{pattern}', union_by_name=true)) t"
    return duckdb.connect().execute(sql.replace("FROM t", f"FROM {source}")).fetchall()


def ingested_state(out_dir: Path) -> dict[str, tuple[str, str]]:
    """source_file -> (sha256, parser_version) of every file whose output is committed (the
    documents table is the commit marker)."""
    rows = _select(out_dir, "documents", "SELECT source_file, source_sha256, parser_version FROM t")
    return {name: (sha, version) for name, sha, version in rows}


def failed_files(out_dir: Path) -> dict[str, str]:
    """source_file -> "error_code: message" of every file whose last ingest failed."""
    rows = _select(out_dir, "errors", "SELECT source_file, error_code, message FROM t WHERE severity = 'error'")
    return {name: f"{code}: {message}" for name, code, message in rows}


def is_current(path: Path, state: dict[str, tuple[str, str]]) -> bool:
    known = state.get(path.name)
    return known is not None and known == (file_sha256(path), PARSER_VERSION)
