"""Which input files there are and which are already ingested: the light part of a batch, kept
apart from the parsers so `vanban status` answers without importing them.

    discover(["data/raw"])             -> input files, stable order
    ingested_state(Path("data/parquet")) -> {doc_id: (sha256, parser_version)}

A file's `doc_id` is its `source_path`: its path relative to the store's root, so two files of one
name in two folders are two documents. The root is the folder of the store's first ingest (the
folder given, or the common folder of everything given), recorded beside the tables: the same file
keeps its id whatever else a later ingest or `status` is given. A file outside that root is named
relative to the folder it shares with the root.
"""

from __future__ import annotations

import os
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
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith((".", "~$")) for part in p.relative_to(path).parts)
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def ingest_root(paths: Iterable[str | Path]) -> Path:
    """The folder that source paths (and so doc ids) are relative to: the folder given, or the
    common folder of all the files and folders given (a file stands for its own folder)."""
    folders = [str(p.resolve() if p.is_dir() else p.resolve().parent) for p in map(Path, paths)]
    return Path(os.path.commonpath(folders)) if folders else Path.cwd()


STORE_ROOT_FILE = "ingest_root.txt"  # beside the table folders; holds the root relative to the store


def store_root(out_dir: str | Path, paths: Iterable[str | Path]) -> Path:
    """The folder this store's doc ids are relative to: the one recorded at its first ingest, else
    the ingest root of `paths` (what a first ingest of them would record)."""
    recorded = Path(out_dir) / STORE_ROOT_FILE
    if recorded.is_file():
        text = recorded.read_text(encoding="utf-8").strip()
        if text:
            return (Path(out_dir).resolve() / text).resolve()
    return ingest_root(paths)


def record_store_root(out_dir: str | Path, root: Path) -> None:
    """Record the store's root once, as a path relative to the store, so a clone moved elsewhere
    (store and inputs together) keeps its ids; written atomically."""
    out = Path(out_dir)
    recorded = out / STORE_ROOT_FILE
    if recorded.is_file():
        return
    out.mkdir(parents=True, exist_ok=True)
    tmp = recorded.with_name(recorded.name + ".tmp")
    tmp.write_text(os.path.relpath(root.resolve(), out.resolve()) + "\n", encoding="utf-8")
    os.replace(tmp, recorded)


def source_path_for(path: str | Path, root: str | Path | None = None) -> str:
    """The input's path relative to the root (POSIX separators), or, for a file outside it,
    relative to the folder the file shares with the root; its name without a root."""
    if root is None:
        return Path(path).name
    resolved, base = Path(path).resolve(), Path(root).resolve()
    try:
        return resolved.relative_to(base).as_posix()
    except ValueError:
        return resolved.relative_to(os.path.commonpath([base, resolved.parent])).as_posix()


def doc_id_for(path: str | Path, root: str | Path | None = None) -> str:
    """A file is identified by its path under the ingest root, so two files of one name in two
    folders are two documents, and re-ingesting a file replaces its own rows."""
    return source_path_for(path, root)


def _rows(out_dir: Path, table: str, columns: list[str]) -> list[dict]:
    """`columns` of every row of one output table, [] when the table has no part yet (then pyarrow
    is not even imported). Read with the store's reader: the ingest driver has pyarrow loaded for
    its parts already, where DuckDB cost it ~0.09 s more."""
    folder = Path(out_dir) / table
    if not folder.is_dir() or not any(folder.rglob("*.parquet")):
        return []
    from pipeline.batch.store import read_table

    return read_table(Path(out_dir), table, columns).to_pylist()


def ingested_state(out_dir: Path) -> dict[str, tuple[str, str]]:
    """doc_id -> (sha256, parser_version) of every file whose output is committed (the documents
    table is the commit marker)."""
    rows = _rows(out_dir, "documents", ["doc_id", "source_sha256", "parser_version"])
    return {r["doc_id"]: (r["source_sha256"], r["parser_version"]) for r in rows}


def failed_files(out_dir: Path) -> dict[str, str]:
    """doc_id -> "error_code: message" of every file whose last ingest failed (a store written
    before schema 2.0.0 has no doc_id in errors: its file name stands for it)."""
    rows = _rows(out_dir, "errors", ["doc_id", "source_file", "error_code", "message", "severity"])
    return {
        r["source_file"] if r["doc_id"] is None else r["doc_id"]: f"{r['error_code']}: {r['message']}"
        for r in rows
        if r["severity"] == "error"
    }


def is_current(path: Path, state: dict[str, tuple[str, str]], root: Path | None = None) -> bool:
    known = state.get(doc_id_for(path, root))
    return known is not None and known == (file_sha256(path), PARSER_VERSION)
