"""Choosing the documents to compare and loading their tasks (pipeline/diff/load.py)."""

from __future__ import annotations

import pytest

from pipeline.diff.load import (
    DiffError,
    DiffTask,
    DocRef,
    load_tasks,
    resolve_document,
    tasks_from_gold,
    tasks_from_rows,
)
from tests.conftest import gold
from tests.diff_examples import NEW_FILE, OLD_FILE


def test_sub_item_rows_are_folded_into_their_task():
    rows = [
        {
            "task_seq": 1,
            "section": "A",
            "stt": "1",
            "sub": "a)",
            "content": "Xây dựng văn bản",
            "parent_content": "Xây dựng văn bản",
            "result": "Kế hoạch",
            "units_raw": "Văn phòng Sở",
            "timing_raw": "Quý III",
        },
        {
            "task_seq": 2,
            "section": "A",
            "stt": "1",
            "sub": "b)",
            "content": "Xây dựng văn bản",
            "parent_content": "Xây dựng văn bản",
            "result": "Văn bản cử công chức",
            "units_raw": "Văn phòng Sở",
            "timing_raw": "Thường xuyên",
        },
        {
            "task_seq": 3,
            "section": "A",
            "stt": "2",
            "sub": None,
            "content": "Báo cáo",
            "units_raw": "",
            "timing_raw": "",
        },
    ]
    tasks = tasks_from_rows(rows, 2025)
    assert [t.stt for t in tasks] == ["1", "2"]
    assert tasks[0].result == "a) Kế hoạch\nb) Văn bản cử công chức"
    assert tasks[0].units == "Văn phòng Sở" and tasks[0].timing == "Quý III\nThường xuyên"
    assert tasks[0].seqs == [1, 2]


def test_resolve_document_by_name_stem_or_selection():
    docs = [
        DocRef(
            "2023-kh-kstthc-skhcn.docx",
            "2023-kh-kstthc-skhcn.docx",
            2023,
            "KH",
            "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "Kiểm soát thủ tục hành chính năm 2023",
        ),
        DocRef(
            "2023-kh-kstthc-skhcn.pdf",
            "2023-kh-kstthc-skhcn.pdf",
            2023,
            "KH",
            "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "Kiểm soát thủ tục hành chính năm 2023",
        ),
        DocRef(
            "2024-kh-truyenthong-skhcn.docx",
            "2024-kh-truyenthong-skhcn.docx",
            2024,
            "KH",
            "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "Truyền thông",
        ),
    ]
    assert resolve_document(docs, "2023-kh-kstthc-skhcn.pdf").doc_id.endswith(".pdf")
    assert resolve_document(docs, "data/raw/2023-kh-kstthc-skhcn.pdf").doc_id.endswith(".pdf")
    assert resolve_document(docs, "2023-kh-kstthc-skhcn").doc_id.endswith(".docx")  # the DOCX first
    assert resolve_document(docs, "plan_year=2024").plan_year == 2024
    assert resolve_document(docs, None, plan_year=2023, title="kiểm soát").doc_id.endswith(".docx")
    with pytest.raises(DiffError, match="matches 3 documents"):
        resolve_document(docs, None, issuer="khoa học", title="t")
    with pytest.raises(DiffError, match="no ingested document"):
        resolve_document(docs, "2030-kh.docx")
    with pytest.raises(DiffError, match="unknown selection key"):
        resolve_document(docs, "colour=red")


def test_tasks_from_gold_keeps_the_gold_task_list():
    tasks = tasks_from_gold(gold("2025-kh-kstthc-skhcn"), 2025)
    assert tasks and all(isinstance(t, DiffTask) and t.plan_year == 2025 for t in tasks)
    assert [t.seq for t in tasks] == list(range(1, len(tasks) + 1))


def test_load_tasks_of_an_ingested_document(ingested_samples):
    docs = {d["doc_id"]: d for d in ingested_samples["documents"]}
    data = ingested_samples["path"]
    old = load_tasks(data, DocRef(OLD_FILE, plan_year=docs[OLD_FILE]["plan_year"]))
    assert old and {t.plan_year for t in old} == {2023}
    assert [t.seq for t in old] == sorted(t.seq for t in old)  # reading order
    assert load_tasks(data, NEW_FILE)  # a bare doc id works too
    with pytest.raises(DiffError, match="no tasks table"):
        load_tasks(data / "nothing-here", OLD_FILE)
