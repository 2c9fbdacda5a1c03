"""document_citations: rows of the citations table, scored against every gold file of the corpus."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import pytest

from extractors import extract
from extractors.model import Cell, Document, ExtractionError, Paragraph, Row, Table
from pipeline.citations import document_citations
from pipeline.evaluate import score_citations
from pipeline.stages.metadata import extract_metadata
from pipeline.process import find_tasks
from pipeline.records import DocMeta, Source, TaskRow
from schemas.tables import CITATIONS
from tests.conftest import CORPUS, SAMPLES

GOLD_DIR = CORPUS / "gold"


def _gold_files() -> list[tuple[str, str]]:
    """(doc_id, file name) of every corpus input named by a gold file; data/raw's seed copies when
    the shared corpus is absent."""
    out = []
    if GOLD_DIR.is_dir():
        for gf in sorted(GOLD_DIR.glob("*.json")):
            for f in json.loads(gf.read_text(encoding="utf-8"))["files"]:
                out.append((gf.stem, Path(f).name))
    return out


def _path(name: str) -> Path | None:
    for folder in (SAMPLES, CORPUS / "raw"):
        if (folder / name).exists():
            return folder / name
    return None


@lru_cache(maxsize=None)
def _rows(name: str) -> tuple[list[dict], object]:
    path = _path(name)
    if path is None:
        pytest.skip(f"{name} not available (needs ../shared/corpus)")
    try:
        doc = extract(path)
    except ExtractionError as exc:
        if exc.code in ("ocr_unavailable", "converter_unavailable"):
            pytest.skip(f"{name}: {exc.message}")
        raise
    except ModuleNotFoundError as exc:  # a format backend another engineer has not landed yet
        if not (exc.name or "").startswith("extractors."):
            raise
        pytest.skip(f"{name}: {exc.name} not available yet")
    meta, tasks = extract_metadata(doc), find_tasks(doc)
    return document_citations(doc, meta, tasks), (doc, tasks)


FILES = _gold_files()

# Real documents whose citations still fail, and why; each mark turns red (strict) once the file
# passes, and must then be removed.
_OCR = "issue #9: OCR misreads the printed number (nothing the grammar can recover)"
_GOLD = "issue #9: gold disagrees with the print (see the closing note)"
AWAITING = {
    "real-017.pdf": _OCR,  # the company letter's code read 'GĐĐN' (printed 'GĐN' in its DOCX twin)
    "real-027.pdf": _OCR,  # Thông tư 55/2026 read as 33/2026
    "real-020.pdf": _GOLD,  # Hiến pháp annotated with name null: no prediction can match it
    "real-049.doc": _GOLD,  # the same
    "real-029.docx": _GOLD,  # gold keeps the misspelt 'LDCL' of the first mention; the issuer is LĐCL
}
FILE_PARAMS = [
    pytest.param(d, n, id=n, marks=pytest.mark.xfail(strict=True, reason=AWAITING[n]) if n in AWAITING else ())
    for d, n in FILES
]


@pytest.mark.skipif(not FILES, reason="needs ../shared/corpus/gold")
@pytest.mark.parametrize("doc_id, name", FILE_PARAMS)
def test_gold_citations_per_file(doc_id, name):
    gold = json.loads((GOLD_DIR / f"{doc_id}.json").read_text(encoding="utf-8"))
    rows, _ = _rows(name)
    score = score_citations(gold["citations"], rows)
    assert score["missed"] == [] and score["extra"] == [], score
    assert score["dates_ok"] == score["dated"], score


@pytest.mark.skipif(not FILES, reason="needs ../shared/corpus/gold")
def test_corpus_precision_recall_dates():
    """Issue #9's bar: on the real documents precision, recall and date accuracy >= 0.97; the seeds
    and the Lâm Đồng plans stay exact."""
    totals: dict[str, dict[str, int]] = {}
    for doc_id, name in FILES:
        if _path(name) is None:
            continue
        try:
            rows, _ = _rows(name)
        except pytest.skip.Exception:
            continue
        s = score_citations(json.loads((GOLD_DIR / f"{doc_id}.json").read_text(encoding="utf-8"))["citations"], rows)
        group = totals.setdefault(
            "real" if name.startswith("real-") else "other", {"gold": 0, "pred": 0, "tp": 0, "dated": 0, "dates_ok": 0}
        )
        for k in group:
            group[k] += s[k]
    real, other = totals.get("real"), totals.get("other")
    if real:
        assert real["tp"] / real["pred"] >= 0.97 and real["tp"] / real["gold"] >= 0.97, real
        assert real["dates_ok"] / max(real["dated"], 1) >= 0.97, real
    if other:
        assert other["tp"] == other["pred"] == other["gold"] and other["dates_ok"] == other["dated"], other


def test_rows_fit_the_schema_and_spans_point_into_doc_text():
    import pyarrow as pa

    name = "2025-kh-kstthc-skhcn.docx"
    rows, (doc, _) = _rows(name)
    for r in rows:
        r["doc_id"], r["source_file"] = name, name
    table = pa.Table.from_pylist(rows, schema=CITATIONS)
    assert table.num_rows == len(rows) > 20
    text = doc.text()
    for r in rows:
        assert text[r["char_start"] : r["char_end"]] == r["raw"]
        assert r["raw"].split()[-1].replace("\n", "") in r["context"].replace(" ", "")


def test_task_attribution_2025():
    """Citations inside the task table go to their task (by STT); the preamble's go nowhere."""
    rows, (_, tasks) = _rows("2025-kh-kstthc-skhcn.docx")
    stt = {t.task_seq: t.stt for t in tasks}
    by_ref: dict[str, list] = {}
    for r in rows:
        by_ref.setdefault(r["ref"] or r["name"], []).append(stt.get(r["task_seq"]))
    assert by_ref["526/QĐ-UBND"] == [None]  # "Căn cứ …" before the plan
    assert by_ref["2276/UBND-KSTTHC"] == ["26"]
    assert by_ref["1549/UBND-TTHC"] == ["27"]
    assert by_ref["3132/UBND-TTHC"] == by_ref["3841/UBND-TTHC"] == ["37"]
    assert by_ref["45/2020/NĐ-CP"] == ["26", "27"]


def test_task_attribution_prose_2023_cv():
    rows, (_, tasks) = _rows("2023-cv-vpubnd-de-xuat-cchc-2024.docx")
    stt = {t.task_seq: t.stt for t in tasks}
    got = {(r["ref"], stt.get(r["task_seq"])) for r in rows}
    assert ("2089/SNV-CCHC", None) in got  # the opening paragraph
    assert ("1085/QĐ-TTg", "3") in got and ("45/2020/NĐ-CP", "12") in got
    # "- Sản phẩm: Kết quả theo Kế hoạch số 140/KH-UBND …" and "- Thời gian thực hiện: Theo Kế hoạch số 140/KH-UBND …"
    assert [stt.get(r["task_seq"]) for r in rows if r["ref"] == "140/KH-UBND"] == ["8", "8"]


def _doc(*blocks) -> Document:
    return Document(source_file="x.docx", file_format="docx", blocks=list(blocks))


def test_merged_cell_copies_counted_once_and_pages():
    cell = "Theo Quyết định số 1441/QĐ-UBND ngày 25/9/2025"
    table = Table(
        rows=[
            Row(cells=[Cell(["1"]), Cell(["Việc A"]), Cell([cell], row_span=2)], page=3),
            Row(cells=[Cell(["2"]), Cell(["Việc B"]), Cell([cell], merged=True)], page=4),
        ],
        n_cols=3,
    )
    doc = _doc(Paragraph("Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ;", page=1), table)
    tasks = [
        TaskRow(content="Việc A", timing_raw=cell, task_seq=1, sources=[Source(1, 0, 1), Source(1, 0, 2)]),
        TaskRow(content="Việc B", timing_raw=cell, task_seq=2, sources=[Source(1, 1, 1), Source(1, 1, 2)]),
    ]
    rows = document_citations(doc, DocMeta(), tasks)
    assert [(r["ref"], r["page_start"], r["task_seq"]) for r in rows] == [
        ("45/2020/NĐ-CP", 1, None),
        ("1441/QĐ-UBND", 3, 1),
    ]
    assert rows[0]["issued_date"] == dt.date(2020, 4, 8) and rows[0]["doc_id"] is None


def test_tasks_by_provenance_not_by_text():
    """A citation belongs to the task read from its paragraph, or from its line of a cell, whatever
    the task's text became (a label, joined paragraphs); a cell shared by sub-items goes by line, a
    paragraph no task was read from to none."""
    doc = _doc(
        Paragraph("Căn cứ Luật số 12/2024/QH15 ngày 01/7/2024;"),
        Paragraph("Thực hiện Nghị định số 45/2020/NĐ-CP ngày 08/4/2020;", list_label="3."),
        Table(
            rows=[
                Row(
                    cells=[
                        Cell(["Việc C"]),
                        Cell(["a) Theo Quyết định số 12/QĐ-UBND ngày 02/01/2025", "b) Theo Thông tư số 7/2024/TT-BNV"]),
                    ]
                )
            ],
            n_cols=2,
        ),
    )
    tasks = [
        TaskRow(content="Thực hiện Nghị định (joined text)", task_seq=1, sources=[Source(1)]),
        TaskRow(content="Việc C", sub="a)", task_seq=2, sources=[Source(2, 0, 0), Source(2, 0, 1, (0, 1))]),
        TaskRow(content="Việc C", sub="b)", task_seq=3, sources=[Source(2, 0, 0), Source(2, 0, 1, (1, 2))]),
    ]
    rows = document_citations(doc, DocMeta(), tasks)
    assert [(r["ref"], r["task_seq"]) for r in rows] == [
        ("12/2024/QH15", None),
        ("45/2020/NĐ-CP", 1),
        ("12/QĐ-UBND", 2),
        ("7/2024/TT-BNV", 3),
    ]


def test_own_number_from_metadata_and_unresolved_short_forms_dropped():
    doc = _doc(
        Paragraph("Số: 2170/KH-SKHCN"),
        Paragraph("Kế hoạch số 2170/KH-SKHCN ngày 30/12/2022 được triển khai theo Nghị định 45."),
        Paragraph("(Kèm theo Kế hoạch số: /KH-SKHCN ngày /3/2023 của Sở Khoa học và Công nghệ)"),
    )
    assert document_citations(doc, DocMeta(doc_number="2170", doc_symbol="KH-SKHCN"), []) == []
    rows = document_citations(doc, DocMeta(), [])
    assert [r["ref"] for r in rows] == ["2170/KH-SKHCN"]


def test_empty_document():
    assert document_citations(_doc(), DocMeta(), []) == []


def test_citations_in_notes_come_after_the_body():
    doc = _doc(Paragraph("Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ;"))
    doc.notes = [Paragraph("Công văn số 12/UBND-VX ngày 02/01/2025 của Ủy ban nhân dân tỉnh.")]
    rows = document_citations(doc, DocMeta(), [])
    assert [(r["ref"], r["issued_date"]) for r in rows] == [
        ("45/2020/NĐ-CP", dt.date(2020, 4, 8)),
        ("12/UBND-VX", dt.date(2025, 1, 2)),
    ]
    assert rows[1]["char_start"] > len(doc.text())
