"""Helpers for the command tests: the seed documents ingested once (read-only), and a file that
stops being a folder (root can write anywhere, so "unwritable" is made by a path through a file)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def store(ingested_samples) -> str:
    """The seed documents' Parquet store (shared by the session: read it, never write into it)."""
    return str(ingested_samples["path"])


@pytest.fixture
def unwritable(tmp_path) -> Path:
    """An output path that cannot be created: its parent is a regular file."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    return blocker / "sub"
