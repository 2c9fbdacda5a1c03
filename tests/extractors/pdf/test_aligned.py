"""Task tables without vertical rulings (extractors/pdf/aligned.py), end to end: generated plans in
every table shape (tests/plan_builders.py) as DOCX and LibreOffice PDF, and the seed plans redrawn
without borders or with horizontal rules only, scored against their ruled twins."""

from __future__ import annotations

import json
import shutil

import pytest

from pipeline.evaluate import score_tables
from pipeline.process import process_file
from tests.conftest import CORPUS, SAMPLES, gold
from tests.plan_builders import KPI_SHAPES, KPIS, SHAPES, plan_docx, render_pdfs, restyle_borders, write_gold

SEEDS_WITH_TABLES = ["2023-kh-kstthc-skhcn", "2024-kh-truyenthong-skhcn", "2025-kh-kstthc-skhcn"]
LAMDONG_WITH_TABLES = ["lamdong-kh-cchc-2026", "lamdong-kh-tuyentruyen-cchc-2026"]


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


@pytest.mark.parametrize("shape", list(KPI_SHAPES))
@pytest.mark.parametrize("fmt", [".docx", ".pdf"])
def test_generated_kpi_table_reads_bounds_and_ranges(generated, shape, fmt):
    from extractors import extract
    from pipeline.stages.tasks.kpis import kpis_from_tables

    f = next(p for p in generated[1][shape] if p.suffix == fmt)

    def one(text: str | None) -> str:  # a line wrapped in a narrow borderless column may read as a break
        return " ".join((text or "").split())

    rows = kpis_from_tables(extract(f))
    assert [
        (r.stt, one(r.indicator), r.measure_unit, one(r.target_raw), one(r.owner), (r.target_op, r.target_value))
        for r in rows
    ] == [tuple(k) for k in KPIS]


@pytest.fixture(scope="module")
def seed_twins(tmp_path_factory):
    """Each seed and Lâm Đồng plan with a task table (those present), rendered by LibreOffice as
    drawn, without borders and with horizontal rules only."""
    root = tmp_path_factory.mktemp("twins")
    docs = {}
    sources = [SAMPLES / f"{s}.docx" for s in SEEDS_WITH_TABLES] + [
        CORPUS / "raw" / f"{s}.docx" for s in LAMDONG_WITH_TABLES
    ]
    for src in (f for f in sources if f.exists()):
        seed = src.stem
        for mode in ("ruled", "none", "hrules"):
            dst = root / f"{seed}-{mode}.docx"
            docs[seed, mode] = restyle_borders(src, dst, mode) if mode != "ruled" else shutil.copyfile(src, dst)
    return render_pdfs(list(docs.values()), root), docs


@pytest.mark.parametrize(
    "seed,mode",
    [(s, m) for s in SEEDS_WITH_TABLES for m in ("none", "hrules")]
    + [(s, m) for s in LAMDONG_WITH_TABLES for m in ("none", "hrules")],
)
def test_borderless_rendering_scores_like_its_ruled_twin(seed_twins, tmp_path, seed, mode):
    pdfs, docs = seed_twins
    if (seed, mode) not in docs:
        pytest.skip(f"{seed}.docx not available (needs ../shared/corpus)")
    g = gold(seed)
    scores = {}
    for variant in ("ruled", mode):
        pdf = pdfs[docs[seed, variant]]
        gold_dir = tmp_path / variant
        gold_dir.mkdir()
        (gold_dir / "g.json").write_text(
            json.dumps(dict(g, files=[f"raw/{pdf.name}"]), ensure_ascii=False), encoding="utf-8"
        )
        scores[variant] = _score([pdf], gold_dir)
    assert scores[mode]["task_f1"] >= scores["ruled"]["task_f1"] - 0.02, scores
    assert scores[mode]["field_accuracy"] >= scores["ruled"]["field_accuracy"] - 0.02, scores
