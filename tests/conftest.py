"""Shared test helpers: where the corpus and the gold answers are, and skipping where absent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw"  # the five seed documents, shipped with the project
CORPUS = ROOT.parent / "shared" / "corpus"  # full corpus (Lâm Đồng files too); may be absent


def run_fresh(code: str) -> None:
    """Run `code` in a fresh interpreter (what a module imports shows only there) and fail with
    its stderr unless it exits 0."""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def corpus_file(name: str) -> Path:
    """A corpus input: the shipped sample when it is one, else ../shared/corpus/raw (skip if absent)."""
    for folder in (SAMPLES, CORPUS / "raw"):
        if (folder / name).exists():
            return folder / name
    pytest.skip(f"{name} not available (needs ../shared/corpus)")


def gold(doc_id: str) -> dict:
    path = CORPUS / "gold" / f"{doc_id}.json"
    if not path.exists():
        pytest.skip(f"gold for {doc_id} not available (needs ../shared/corpus)")
    return json.loads(path.read_text(encoding="utf-8"))


SEED_DOCS = [
    "2022-kh-cchc-skhcn",
    "2023-cv-vpubnd-de-xuat-cchc-2024",
    "2023-kh-kstthc-skhcn",
    "2024-kh-truyenthong-skhcn",
    "2025-kh-kstthc-skhcn",
]
LAMDONG_DOCS = ["lamdong-kh-cchc-2026", "lamdong-kh-tuyentruyen-cchc-2026"]


@pytest.fixture(scope="session")
def ingested_samples(tmp_path_factory) -> dict:
    """data/raw ingested once per test session into a temporary Parquet store (read it, do not
    write into it: copy it first). {"path": Path, "documents": rows of the documents table}."""
    from pipeline.batch.ingest import ingest
    from pipeline.batch.store import read_table

    out = tmp_path_factory.mktemp("parquet")
    ingest([SAMPLES], out)
    return {"path": out, "documents": read_table(out, "documents").to_pylist()}


def gold_task_texts(fields: tuple[str, ...]) -> set[tuple[str, int | None, str]]:
    """(field, plan year, text) of every non-empty gold task field, sub-tasks included, over all
    gold files (empty without the corpus)."""
    out: set[tuple[str, int | None, str]] = set()

    def walk(tasks: list[dict], year: int | None) -> None:
        for task in tasks:
            out.update((f, year, task[f]) for f in fields if task.get(f))
            walk(task.get("subtasks") or [], year)

    for path in sorted((CORPUS / "gold").glob("*.json")):
        gold_doc = json.loads(path.read_text(encoding="utf-8"))
        walk(gold_doc["tasks"], gold_doc["document"].get("plan_year"))
    return out
