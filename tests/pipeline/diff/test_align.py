"""Pairing last year's tasks with this year's (pipeline/diff/align.py): the similarity, the
one-to-one assignment with its threshold, and the split/merge links."""

from __future__ import annotations

import pytest

from pipeline.diff.align import SETTINGS, DiffSettings, align, containment, similarity_matrix, split_merge_links
from tests.diff_examples import NEW_TASKS, OLD_TASKS, task


def test_similarity_is_on_the_words_not_on_numbering_or_plan_year():
    old = task("Kế hoạch kiểm soát TTHC năm 2023", seq=7, year=2023, stt="7")
    new = task("Kế hoạch kiểm soát thủ tục hành chính năm 2025", seq=1, stt="1")
    assert similarity_matrix([old], [new])[0, 0] == pytest.approx(1.0)
    m = similarity_matrix(OLD_TASKS, NEW_TASKS)
    assert m.shape == (5, 4) and m.min() >= 0.0 and m.max() <= 1.0


def test_align_pairs_one_to_one_in_the_new_documents_order():
    pairs, m = align(OLD_TASKS, NEW_TASKS)
    assert [(i, j) for i, j, _ in pairs] == [(1, 0), (0, 1), (4, 2)]  # moved, renumbered, reworded
    assert all(sim == m[i, j] >= SETTINGS.threshold for i, j, sim in pairs)


def test_threshold_leaves_unrelated_tasks_unpaired():
    pairs, m = align(OLD_TASKS[2:3], NEW_TASKS[3:4])
    assert pairs == [] and m[0, 0] < SETTINGS.threshold
    assert align([], NEW_TASKS)[0] == [] and align([], NEW_TASKS)[1].shape == (0, 4)


def test_merge_and_split_links_onto_paired_tasks():
    pairs, _ = align(OLD_TASKS, NEW_TASKS)
    assert [link[:3] for link in split_merge_links(OLD_TASKS, NEW_TASKS, pairs)] == [("merged", 3, 2)]
    assert containment(OLD_TASKS[3], NEW_TASKS[2]) == 1.0  # old 4 lives on as new 3's result
    one, two = NEW_TASKS[2:3], OLD_TASKS[3:5]  # the mirror: one task becomes two
    assert [link[:3] for link in split_merge_links(one, two, align(one, two)[0])] == [("split", 0, 0)]
    assert split_merge_links(OLD_TASKS, NEW_TASKS, pairs, DiffSettings(contain_threshold=1.01)) == []


def test_a_stricter_threshold_setting_pairs_fewer_tasks():
    pairs, m = align(OLD_TASKS, NEW_TASKS)
    weakest = min(sim for _, _, sim in pairs)
    stricter, _ = align(OLD_TASKS, NEW_TASKS, DiffSettings(threshold=weakest + 1e-6))
    assert len(stricter) == len(pairs) - 1
