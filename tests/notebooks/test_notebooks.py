"""The analyst notebooks run top to bottom on the sample data, so they never rot.

They execute on this interpreter (the project's venv), whatever kernels the machine has: the
test writes a `python3` kernelspec for sys.executable into a temporary JUPYTER_PATH, which comes
first in Jupyter's search path. The samples are ingested once per session (conftest); each
notebook works on a copy of that store (notebook 1's ingest then finds every file current).
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
    (kernel / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (vanban venv)", "language": "python",
    }))
    data = base / "parquet"
    shutil.copytree(ingested_samples["path"], data)
    return {"JUPYTER_PATH": str(base / "jupyter"), "VANBAN_DATA": str(data), "VANBAN_RAW": str(ROOT / "data" / "raw"),
            "VANBAN_REPORTS": str(base / "reports")}


def test_notebooks_are_committed_without_outputs():
    assert len(NOTEBOOKS) >= 3
    for path in NOTEBOOKS:
        book = nbformat.read(path, as_version=4)
        for cell in book.cells:
            if cell.cell_type == "code":
                assert not cell.outputs and cell.execution_count is None, f"{path.name}: clear the outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path: Path, notebook_env, monkeypatch):
    for key, value in notebook_env.items():
        monkeypatch.setenv(key, value)
    book = nbformat.read(path, as_version=4)
    book.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.executable)"))  # which interpreter ran it
    client = nbclient.NotebookClient(book, timeout=TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT)}})
    client.execute()  # raises CellExecutionError with the cell and traceback on any failure
    outputs = [o for c in book.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert book.cells[-1].outputs[0]["text"].strip() == sys.executable  # the venv's, not another kernel's
    if path.stem.startswith("2_"):  # the comparison wrote its report and showed its charts
        assert (Path(notebook_env["VANBAN_REPORTS"]) / "kstthc-2023-2025.html").exists()
        assert sum("image/png" in o.get("data", {}) for o in outputs) >= 2
