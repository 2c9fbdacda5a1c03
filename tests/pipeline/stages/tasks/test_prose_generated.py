"""Prose task forms end to end (tests/plan_builders.py PROSE_SHAPES): owners inside the item's
sentence, in a closing parenthesis, per-unit duties under "Tổ chức thực hiện", a công văn's
requests; each as DOCX and LibreOffice PDF, scored against its gold rows."""

from __future__ import annotations

import pytest

from pipeline.evaluate import score_tables
from pipeline.process import process_file
from tests.plan_builders import PROSE_SHAPES, prose_docx, render_pdfs, write_gold


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("prose")
    docs = {s: prose_docx(s, root / f"{s}.docx") for s in PROSE_SHAPES}
    pdfs = render_pdfs(list(docs.values()), root)
    out = {}
    for s, d in docs.items():
        files = [d] + ([pdfs[d]] if d in pdfs else [])
        write_gold(root / "gold", s, [f.name for f in files])
        out[s] = files
    return root / "gold", out


@pytest.mark.parametrize("shape", PROSE_SHAPES)
@pytest.mark.parametrize("fmt", [".docx", ".pdf"])
def test_generated_prose_scores_full(generated, shape, fmt):
    gold_dir, files = generated
    (f,) = [p for p in files[shape] if p.suffix == fmt] or pytest.fail(f"{shape}{fmt} was not rendered")
    rows = process_file(f).rows.get("tasks", [])
    report = score_tables([], rows, [], gold_dir, only={f.name})
    summary = report["summary"]
    assert summary["task_f1"] == 1.0, report
    assert summary["field_accuracy"] >= 0.98, report
