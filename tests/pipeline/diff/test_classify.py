"""Task comparison (pipeline/diff/classify.py, `vanban diff`): alignment against the reviewed 2023 → 2025
alignment, classification rules, the rows of split/merge/added/removed tasks, the task_diffs table
and the command line."""

from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq
import pytest

from pipeline.cli import main as cli
from pipeline.diff.classify import changed_fields, diff_tasks, score_alignment, write_diffs
from pipeline.diff.load import DocRef, load_tasks, tasks_from_gold
from schemas.tables import schema_for
from tests.conftest import gold
from tests.diff_examples import NEW_FILE, NEW_TASKS, OLD_FILE, OLD_TASKS, reviewed_alignment, task


# --- the acceptance criterion: on the ingested documents -----------------------------------------


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_alignment_of_ingested_2023_vs_2025(ingested_samples, ext):
    """Done when alignment F1 >= 0.95 and status accuracy >= 0.90 on the pipeline's own output
    (the DOCX and the PDF of both plans: one code path for both formats)."""
    if ext == "pdf":
        pytest.importorskip("extractors.pdf.backend", reason="the PDF backend has not landed")
    old_file, new_file = OLD_FILE.replace("docx", ext), NEW_FILE.replace("docx", ext)
    docs = {d["doc_id"]: d for d in ingested_samples["documents"]}
    assert old_file in docs and new_file in docs, "the sample ingest lost a KSTTHC plan"
    data = ingested_samples["path"]
    old = load_tasks(data, DocRef(old_file, plan_year=docs[old_file]["plan_year"]))
    new = load_tasks(data, DocRef(new_file, plan_year=docs[new_file]["plan_year"]))
    assert {t.plan_year for t in old} == {2023} and {t.plan_year for t in new} == {2025}
    rows = diff_tasks(old, new, old_file, new_file)
    score = score_alignment(rows, reviewed_alignment())
    print(json.dumps(score, ensure_ascii=False))
    assert score["pair_f1"] >= 0.95, score
    assert score["status_accuracy"] >= 0.90, score


def test_alignment_of_gold_task_lists():
    """The same measure on the gold task lists: the alignment itself, free of extraction noise."""
    old = tasks_from_gold(gold("2023-kh-kstthc-skhcn"), 2023)
    new = tasks_from_gold(gold("2025-kh-kstthc-skhcn"), 2025)
    score = score_alignment(diff_tasks(old, new, "old", "new"), reviewed_alignment())
    assert score["pair_f1"] >= 0.95 and score["status_accuracy"] >= 0.90, score
    assert not score["wrong_pairs"] and not score["missed_pairs"]


def test_score_alignment_counts_optional_pairs_as_correct_but_not_required():
    g = {
        "pairs": [
            {"old_stt": "1", "new_stt": "1", "relation": "modified", "changed": ["units"]},
            {"old_stt": "2", "new_stt": "3", "relation": "same", "changed": []},
        ],
        "optional_pairs": [{"old_stt": "5", "new_stt": "5"}],
    }
    rows = [
        {"status": "modified", "old_stt": "1", "new_stt": "1", "changed_fields": ["units", "timing"]},
        {"status": "unchanged", "old_stt": "2", "new_stt": "3", "changed_fields": []},
        {"status": "unchanged", "old_stt": "5", "new_stt": "5", "changed_fields": []},
        {"status": "merged", "old_stt": "7", "new_stt": "3", "changed_fields": []},
        {"status": "added", "old_stt": None, "new_stt": "9", "changed_fields": []},
    ]
    s = score_alignment(rows, g)
    assert s["pair_precision"] == 0.75 and s["pair_recall"] == 1.0  # 7→3 is wrong, 5→5 optional
    assert s["status_accuracy"] == 0.5 and s["relation_accuracy"] == 1.0  # 1→1: right relation, wrong fields
    assert s["field_accuracy"] == 7 / 8
    assert s["wrong_pairs"] == [("7", "3")]


# --- classification -----------------------------------------------------------------------------


def test_plan_year_in_the_text_is_not_a_change():
    old = task("Xây dựng kế hoạch kiểm soát TTHC năm 2023", timing="Quý I/2023", year=2023)
    new = task("Xây dựng kế hoạch kiểm soát TTHC năm 2025", timing="Quý I/2025", year=2025)
    assert changed_fields(old, new) == ([], None)  # the words themselves: tests/test_diff_text.py


def test_wording_changes_count_but_case_punctuation_and_bullets_do_not():
    base = task("Tiếp nhận, phân loại và chuyển phản ánh, kiến nghị", result="- Văn bản chuyển phản ánh.")
    same = task("tiếp nhận, phân loại và chuyển phản ánh, kiến nghị.", result="Văn bản chuyển phản ánh")
    typo = task("Tiếp nhận, phân loại và chuyển phản ảnh, kiến nghị", result="- Văn bản chuyển phản ánh.")
    assert changed_fields(base, same)[0] == []
    assert changed_fields(base, typo)[0] == ["content"]


def test_blank_timing_is_not_stated_rather_than_changed():
    assert changed_fields(task("x", timing="Thường xuyên"), task("x", timing=""))[0] == []
    assert changed_fields(task("x", timing="Quý I"), task("x", timing="Quý III"))[0] == ["timing"]


def test_unit_renaming_is_a_rename_not_a_new_owner():
    old = task("x", units="- Phòng Hành chính - Tổng hợp chủ trì", lead_units=["Văn phòng Sở"], year=2023)
    renamed = task("x", units="- Văn phòng Sở chủ trì", lead_units=["Văn phòng Sở"])
    moved = task("x", units="- Phòng BCVT&CĐS chủ trì", lead_units=["Phòng Bưu chính, Viễn thông và Chuyển đổi số"])
    assert changed_fields(old, renamed) == (["units"], "renamed")
    assert changed_fields(old, moved) == (["units"], "reassigned")
    same_owner_other_role = task("x", units="- Văn phòng Sở phối hợp", support_units=["Văn phòng Sở"])
    assert changed_fields(old, same_owner_other_role) == (["units"], "reassigned")


# --- the rows: pairs, split, merge, added, removed ----------------------------------------------


def test_alignment_ignores_numbering_and_finds_moves_merges_additions_and_removals():
    rows = diff_tasks(OLD_TASKS, NEW_TASKS, "a", "b")
    by = {(r["old_task_seq"], r["new_task_seq"]): r for r in rows}
    assert by[(2, 1)]["status"] == "unchanged"
    assert by[(1, 2)]["status"] == "modified" and by[(1, 2)]["changed_fields"] == ["content"]  # TTHC spelled out
    assert by[(5, 3)]["status"] == "modified"
    assert by[(4, 3)]["status"] == "merged" and by[(4, 3)]["group_id"] == by[(5, 3)]["group_id"] is not None
    assert by[(3, None)]["status"] == "removed"
    assert by[(None, 4)]["status"] == "added"
    assert len(rows) == 6


def test_split_is_the_mirror_of_merge():
    rows = diff_tasks(NEW_TASKS[2:3], OLD_TASKS[3:5], "a", "b")  # one task becomes two
    assert sorted(r["status"] for r in rows) == ["modified", "split"]
    assert len({r["group_id"] for r in rows}) == 1


def test_threshold_leaves_unrelated_tasks_unpaired():
    rows = diff_tasks(OLD_TASKS[2:3], NEW_TASKS[3:4], "a", "b")
    assert sorted(r["status"] for r in rows) == ["added", "removed"]
    assert diff_tasks([], NEW_TASKS, "a", "b")[0]["status"] == "added"


# --- the table and the command ------------------------------------------------------------------


def test_write_diffs_replaces_the_pair_atomically(tmp_path):
    rows = diff_tasks(OLD_TASKS, NEW_TASKS, "old.docx", "new.docx")
    first = write_diffs(tmp_path, rows, "old.docx", "new.docx")
    again = write_diffs(tmp_path, rows[:2], "old.docx", "new.docx")
    assert first == again and first.parent.name == "task_diffs"
    assert [p.name for p in first.parent.iterdir()] == [first.name]  # no temp file left behind
    table = pq.read_table(first)
    assert table.num_rows == 2 and table.schema.equals(schema_for("task_diffs"), check_metadata=False)
    other = write_diffs(tmp_path, rows, "old.docx", "other.docx")
    assert other != first and len(list(first.parent.iterdir())) == 2


def test_vanban_diff_command(ingested_samples, tmp_path, capsys):
    data = tmp_path / "parquet"
    shutil.copytree(ingested_samples["path"], data)  # the session's copy stays as ingested
    html = tmp_path / "report.html"
    code = cli(
        [
            "diff",
            OLD_FILE,
            "--new-plan-year",
            "2025",
            "--new-title",
            "kiểm soát",
            "--data",
            str(data),
            "--html",
            str(html),
            "--chart",
            str(tmp_path / "chart.png"),
        ]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Tasks per status" in out.out and "modified" in out.out
    assert html.exists() and (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"
    parts = list((data / "task_diffs").glob("*.parquet"))
    assert len(parts) == 1
    rows = pq.read_table(parts[0]).to_pylist()
    assert {r["old_doc_id"] for r in rows} == {OLD_FILE} and {r["new_doc_id"] for r in rows} == {NEW_FILE}
    assert score_alignment(rows, reviewed_alignment())["pair_f1"] >= 0.95
    # the same pair again replaces its rows; a wrong name is a clear error, not a traceback
    assert cli(["diff", OLD_FILE, NEW_FILE, "--data", str(data), "--json"]) == 0
    assert len(list((data / "task_diffs").glob("*.parquet"))) == 1
    capsys.readouterr()
    assert cli(["diff", "nope.docx", NEW_FILE, "--data", str(data)]) == 2
    assert "no ingested document matches nope.docx" in capsys.readouterr().err


def test_vanban_diff_threshold_option_sets_the_pairing_threshold(ingested_samples, capsys):
    # the threshold is a similarity (0..1): at 1 only word-for-word equal tasks pair, so there are
    # more added and removed tasks than at the default, and no task is "changed"
    def statuses(*threshold: str) -> list[str]:
        assert (
            cli(
                [
                    "diff",
                    OLD_FILE,
                    NEW_FILE,
                    "--data",
                    str(ingested_samples["path"]),
                    "--json",
                    "--no-write",
                    *threshold,
                ]
            )
            == 0
        )
        return [r["status"] for r in json.loads(capsys.readouterr().out)]

    default, strict = statuses(), statuses("--threshold", "1")
    assert "changed" not in strict
    assert strict.count("added") + strict.count("removed") > default.count("added") + default.count("removed")
    with pytest.raises(SystemExit) as refused:  # argparse's usage error
        cli(["diff", OLD_FILE, NEW_FILE, "--data", str(ingested_samples["path"]), "--threshold", "1.01"])
    assert refused.value.code == 2
