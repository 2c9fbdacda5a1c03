"""The analyst notebooks are stored with their outputs and charts, run top to bottom on the sample
data (so they never rot), and write nothing outside their build folder: no data/parquet.

They execute on this interpreter (the project's venv), whatever kernels the machine has: the
test writes a `python3` kernelspec for sys.executable into a temporary JUPYTER_PATH, which comes
first in Jupyter's search path. The samples are ingested once per session (conftest); the
notebooks' build folder (VANBAN_BUILD, build/notebooks by default) starts with a copy of that
store, so their own ingest finds every file current.

To refresh the stored outputs after changing a notebook (from the project root, ~1.5 min):
    rm -rf build/notebooks && jupyter execute --inplace notebooks/*.ipynb
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

from tests.conftest import ROOT  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TIMEOUT = 120  # seconds per cell, generous for a loaded CI machine


@pytest.fixture(scope="module")
def notebook_env(ingested_samples, tmp_path_factory):
    base = tmp_path_factory.mktemp("notebooks")
    kernel = base / "jupyter" / "kernels" / "python3"
    kernel.mkdir(parents=True)
    (kernel / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (vanban venv)",
                "language": "python",
            }
        )
    )
    build = base / "build"
    shutil.copytree(ingested_samples["path"], build / "parquet")
    return {"JUPYTER_PATH": str(base / "jupyter"), "VANBAN_BUILD": str(build)}


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return (
        {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.rglob("*"))} if folder.exists() else {}
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_are_stored_with_their_outputs(path: Path):
    """Readable on GitHub or in Jupyter without running them: every code cell ran, in order, in one
    session, without an error; the comparison keeps its charts; nothing giant is stored."""
    assert len(NOTEBOOKS) >= 3
    book = nbformat.read(path, as_version=4)
    code = [c for c in book.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), f"{path.name}: run it top to bottom"
    outputs = [o for c in code for o in c.outputs]
    assert sum(bool(c.outputs) for c in code) >= len(code) - 1  # only the setup cell prints nothing
    assert not [o for o in outputs if o.output_type == "error"]
    if path.stem.startswith("2_"):
        assert sum("image/png" in o.get("data", {}) for o in outputs) >= 2
    assert path.stat().st_size < 400_000, f"{path.name}: outputs too big (show .head(), not whole tables)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_writes_only_its_build_folder(path: Path, notebook_env, monkeypatch):
    for key, value in notebook_env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("VANBAN_RAW", raising=False)  # reads the shipped data/raw
    watched = [ROOT / "data", ROOT / "reports", ROOT / "notebooks"]
    before = [_snapshot(folder) for folder in watched]
    book = nbformat.read(path, as_version=4)
    book.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.executable)"))  # which interpreter ran it
    client = nbclient.NotebookClient(
        book, timeout=TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()  # raises CellExecutionError with the cell and traceback on any failure
    outputs = [o for c in book.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert book.cells[-1].outputs[0]["text"].strip() == sys.executable  # the venv's, not another kernel's
    assert [_snapshot(folder) for folder in watched] == before  # no data/parquet, no task_diffs, no report
    if path.stem.startswith("2_"):  # the comparison wrote its report under the build folder, showed its charts
        assert (Path(notebook_env["VANBAN_BUILD"]) / "reports" / "kstthc-2023-2025.html").exists()
        assert sum("image/png" in o.get("data", {}) for o in outputs) >= 2
