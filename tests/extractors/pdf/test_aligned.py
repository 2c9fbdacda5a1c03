"""Task tables without vertical rulings (extractors/pdf/aligned.py), end to end: generated plans in
every table shape (tests/plan_builders.py) as DOCX and LibreOffice PDF, and the seed plans redrawn
without borders or with horizontal rules only, scored against their ruled twins."""
from __future__ import annotations

import json
import shutil

import pytest

from pipeline.evaluate import score_tables
from pipeline.process import process_file
from tests.conftest import SAMPLES, gold
from tests.plan_builders import SHAPES, plan_docx, render_pdfs, restyle_borders, write_gold

SEEDS_WITH_TABLES = ["2023-kh-kstthc-skhcn", "2024-kh-truyenthong-skhcn", "2025-kh-kstthc-skhcn"]


def _score(files, gold_dir) -> dict:
    rows: list[dict] = []
    for f in files:
        rows += process_file(f).rows.get("tasks", [])
    return score_tables([], rows, [], gold_dir, only={f.name for f in files})["summary"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """Every shape as DOCX and PDF (one LibreOffice run), with its gold file."""
    root = tmp_path_factory.mktemp("plans")
    docs = {s: plan_docx(s, root / f"plan-{s}.docx") for s in SHAPES}
    pdfs = render_pdfs(list(docs.values()), root)
    out = {}
    for s, d in docs.items():
        files = [d] + ([pdfs[d]] if d in pdfs else [])
        write_gold(root / "gold", s, [f.name for f in files])
        out[s] = files
    return root / "gold", out


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("fmt", [".docx", ".pdf"])
def test_generated_shape_scores_full(generated, shape, fmt):
    gold_dir, files = generated
    f = [p for p in files[shape] if p.suffix == fmt]
    assert f, f"{shape}{fmt} was not rendered"
    summary = _score(f, gold_dir)
    assert summary["task_f1"] == 1.0, summary
    assert summary["field_accuracy"] >= 0.98, summary


@pytest.fixture(scope="module")
def seed_twins(tmp_path_factory):
    """Each seed plan with a task table, rendered by LibreOffice as drawn, without borders and
    with horizontal rules only."""
    root = tmp_path_factory.mktemp("twins")
    docs = {}
    for seed in SEEDS_WITH_TABLES:
        src = SAMPLES / f"{seed}.docx"
        for mode in ("ruled", "none", "hrules"):
            dst = root / f"{seed}-{mode}.docx"
            docs[seed, mode] = restyle_borders(src, dst, mode) if mode != "ruled" else shutil.copyfile(src, dst)
    return render_pdfs(list(docs.values()), root), docs


@pytest.mark.parametrize("seed", [
    "2023-kh-kstthc-skhcn", "2024-kh-truyenthong-skhcn",
    "2025-kh-kstthc-skhcn",
])
@pytest.mark.parametrize("mode", ["none", "hrules"])
def test_borderless_rendering_scores_like_its_ruled_twin(seed_twins, tmp_path, seed, mode):
    pdfs, docs = seed_twins
    g = gold(seed)
    scores = {}
    for variant in ("ruled", mode):
        pdf = pdfs[docs[seed, variant]]
        gold_dir = tmp_path / variant
        gold_dir.mkdir()
        (gold_dir / "g.json").write_text(
            json.dumps(dict(g, files=[f"raw/{pdf.name}"]), ensure_ascii=False), encoding="utf-8")
        scores[variant] = _score([pdf], gold_dir)
    assert scores[mode]["task_f1"] >= scores["ruled"]["task_f1"] - 0.02, scores
    assert scores[mode]["field_accuracy"] >= scores["ruled"]["field_accuracy"] - 0.02, scores
