"""How a cell's lines divide among sub-items: by item labels, one line each, or bullet groups."""

from __future__ import annotations

from pipeline.records import Source
from pipeline.stages.tasks.subitems import sliced, split_parts, strip_item_label


def test_parts_by_labels_lines_or_bullet_groups():
    assert split_parts(["a) Phòng A", "chủ trì", "b) Phòng B"], 2) == [["a) Phòng A", "chủ trì"], ["b) Phòng B"]]
    assert split_parts(["Quý I", "Quý II"], 2) == [["Quý I"], ["Quý II"]]
    groups = ["- Phòng A chủ trì", "- Phòng B phối hợp", "Văn phòng"]
    assert split_parts(groups, 2) == [groups[:2], groups[2:]]


def test_lines_that_do_not_split_into_k_parts():
    assert split_parts([], 2) is None
    assert split_parts(["Phòng A", "Phòng B", "Phòng C"], 2) is None


def test_item_label_stripped():
    assert strip_item_label(["a) Kế hoạch", "năm 2026"]) == "Kế hoạch\nnăm 2026"
    assert strip_item_label(["Kế hoạch"]) == "Kế hoạch"
    assert strip_item_label([]) == ""


def test_sources_sliced_like_the_parts():
    where = [Source(2, 1, 3, (k, k + 1)) for k in range(3)]
    assert sliced(where, [["x", "y"], ["z"]]) == [where[:2], where[2:]]
