"""The ported reference metric: same numbers as ../shared/tools/score.py, and `vanban eval` on the samples."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pipeline.cli import main as cli
from pipeline.evaluate import canon_ref, fold_subitems, score_citations, score_tasks
from tests.conftest import CORPUS, SAMPLES

REFERENCE = CORPUS.parent / "tools" / "score.py"


def test_canon_ref_folds_case_spaces_and_missing_hyphen():
    assert canon_ref("61/2018/NĐCP") == canon_ref("61/2018/nđ-cp") == "61/2018/NĐ-CP"
    assert canon_ref(" 124/QĐ – UBND") == "124/QĐ-UBND"


def test_subitems_fold_into_their_parent():
    rows = [
        {"section": "A", "stt": "1", "sub": "a)", "parent_content": "P", "content": "x", "timing_raw": "Quý I"},
        {"section": "A", "stt": "1", "sub": "b)", "parent_content": "P", "content": "y", "timing_raw": "Quý II"},
    ]
    folded = fold_subitems(rows)
    assert len(folded) == 1 and folded[0]["content"] == "P" and folded[0]["timing_raw"] == "quý i\nquý ii"


def test_task_match_needs_similar_content_and_scores_fields():
    gold = [{"content": "Rà soát thủ tục hành chính", "timing": "Quý I", "units": "Văn phòng Sở"}]
    pred = [{"content": "Rà soát thủ tục hành chính.", "timing_raw": "Quý I", "units_raw": "Phòng khác"}]
    res = score_tasks(gold, pred)
    assert (res["tp"], res["fields"], res["fields_ok"]) == (1, 2, 1)
    assert score_tasks(gold, [{"content": "Việc khác hẳn"}])["tp"] == 0


def test_laws_by_name_match_on_year_and_name():
    gold = [{"kind": "Luật", "ref": None, "name": "Ban hành văn bản QPPL", "year": 2015}]
    pred = [{"kind": "Luật", "ref": None, "name": "Ban hành văn bản quy phạm pháp luật", "year": 2015}]
    assert score_citations(gold, pred)["tp"] == 1


def test_eval_matches_reference_scorer_on_ingested_samples(ingested_samples, capsys):
    if not REFERENCE.exists():
        pytest.skip("../shared/tools/score.py not available")
    out = ingested_samples["path"]
    samples = [p.name for p in SAMPLES.iterdir()]
    assert cli(["eval", "--gold", str(CORPUS / "gold"), "--data", str(out), "--only", *samples]) == 0
    ours = capsys.readouterr().out.splitlines()
    ref = subprocess.run(
        [sys.executable, str(REFERENCE), "--parquet", str(out), "--gold", str(CORPUS / "gold"), "--only", *samples],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    summary = json.loads(next(line for line in ours if line.startswith("{")))
    assert summary == json.loads(ref[-1])
    assert summary["task_f1"] >= 0.98 and summary["metadata_accuracy"] >= 0.95
    alignment = [line for line in ours if line.startswith("diff 2023-kh-kstthc-skhcn.docx")]
    assert alignment and json.loads(alignment[0].split(": ", 1)[1])["pair_f1"] >= 0.95
