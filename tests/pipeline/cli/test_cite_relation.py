"""`vanban cite REF --relation R` and the relation in `cite` / `cites` outputs (issue #9 §3), on a
small store written here: three letters implement, ground on or merely mention one decision."""

from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from schemas.tables import schema_for

REF = "124/QĐ-UBND"
# (doc_id, relation of its mention of REF, sentence)
MENTIONS = [
    ("kh-a.docx", "thực hiện", "Thực hiện Quyết định số 124/QĐ-UBND ngày 30/01/2026 của Chủ tịch UBND tỉnh"),
    ("kh-b.docx", "thực hiện", "Triển khai Quyết định số 124/QĐ-UBND ngày 30/01/2026, Sở Tư pháp ban hành"),
    ("cv-c.docx", "căn cứ", "Căn cứ Quyết định số 124/QĐ-UBND ngày 30/01/2026 của Chủ tịch UBND tỉnh"),
    ("bc-d.docx", "dẫn chiếu", "kết quả thực hiện các nhiệm vụ tại Quyết định số 124/QĐ-UBND"),
]


def _write(root, table: str, rows: list[dict]) -> None:
    schema = schema_for(table)
    folder = root / table / "plan_year=2026"
    folder.mkdir(parents=True, exist_ok=True)
    data = pa.Table.from_pylist(
        [{f.name: r.get(f.name) for f in schema if f.name != "plan_year"} for r in rows],
        schema=pa.schema([f for f in schema if f.name != "plan_year"]),
    )
    pq.write_table(data, folder / "part.parquet")


@pytest.fixture
def relation_store(tmp_path) -> str:
    docs, cites = [], []
    for i, (doc_id, relation, sentence) in enumerate(MENTIONS):
        docs.append(
            {
                "doc_id": doc_id,
                "source_file": doc_id,
                "doc_type": "KH",
                "year": 2026,
                "title": f"Văn bản {i}",
                "document_key": f"key-{i}",
            }
        )
        at = sentence.index("Quyết định số")
        cites.append(
            {
                "doc_id": doc_id,
                "source_file": doc_id,
                "kind": "Quyết định",
                "ref": REF,
                "number": "124",
                "symbol": "QĐ-UBND",
                "type_code": "QĐ",
                "issuer_code": "UBND",
                "issued_date": dt.date(2026, 1, 30),
                "raw": sentence[at : at + 30],
                "context": sentence,
                "char_start": at,
                "relation": relation,
            }
        )
    # the first letter also grounds on a decree
    cites.append(
        {
            "doc_id": "kh-a.docx",
            "source_file": "kh-a.docx",
            "kind": "Nghị định",
            "ref": "45/2020/NĐ-CP",
            "number": "45",
            "year": 2020,
            "type_code": "NĐ",
            "issuer_code": "CP",
            "raw": "Nghị định số 45/2020/NĐ-CP",
            "context": "Căn cứ Nghị định số 45/2020/NĐ-CP",
            "char_start": 0,
            "relation": "căn cứ",
        }
    )
    _write(tmp_path, "documents", docs)
    _write(tmp_path, "citations", cites)
    return str(tmp_path)


@pytest.mark.parametrize("typed", ["thực hiện", "thuc hien", "THUC HIEN", "triển khai", "Thực Hiện"])
def test_which_documents_implement_a_decision(relation_store, capsys, typed):
    assert main(["cite", "QĐ 124/QĐ-UBND", "--relation", typed, "--data", relation_store, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert sorted(r["doc_id"] for r in rows) == ["kh-a.docx", "kh-b.docx"]
    assert {r["relation"] for r in rows} == {"thực hiện"}


def test_every_relation_is_a_filter(relation_store, capsys):
    assert main(["cite", REF, "--relation", "can cu", "--data", relation_store, "--json"]) == 0
    assert [r["doc_id"] for r in json.loads(capsys.readouterr().out)] == ["cv-c.docx"]
    assert main(["cite", REF, "--relation", "dan chieu", "--data", relation_store, "--json"]) == 0
    assert [r["doc_id"] for r in json.loads(capsys.readouterr().out)] == ["bc-d.docx"]


def test_no_mention_with_that_relation_exits_1(relation_store, capsys):
    assert main(["cite", REF, "--relation", "bãi bỏ", "--data", relation_store]) == 1
    assert "relation 'bãi bỏ'" in capsys.readouterr().out


def test_unknown_relation_is_a_usage_error(relation_store, capsys):
    assert main(["cite", REF, "--relation", "nonsense", "--data", relation_store]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nonsense" in err and "thực hiện" in err and "Traceback" not in err


def test_without_relation_every_row_carries_its_relation(relation_store, capsys):
    assert main(["cite", REF, "--data", relation_store, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["doc_id"]: r["relation"] for r in rows} == {d: rel for d, rel, _ in MENTIONS}
    assert main(["cite", REF, "--data", relation_store]) == 0
    out = capsys.readouterr().out
    assert "relation" in out and "thực hiện 2" in out  # the summary line counts mentions per relation


def test_html_report_shows_the_relation(relation_store, tmp_path):
    out = tmp_path / "cite.html"
    assert main(["cite", REF, "--relation", "thuc hien", "--data", relation_store, "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<th>Quan hệ</th>" in page and "quan hệ: thực hiện" in page
    assert page.count("<td>thực hiện</td>") == 2 and "<td>căn cứ</td>" not in page


def test_cites_shows_what_the_document_does_with_each_ref(relation_store, capsys):
    assert main(["cites", "kh-a.docx", "--data", relation_store, "--json"]) == 0
    rows = {r["ref"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows[REF]["relation"] == "thực hiện" and rows[REF]["relations"] == ["thực hiện"]
    assert rows["45/2020/NĐ-CP"]["relation"] == "căn cứ"
    assert main(["cites", "kh-a.docx", "--data", relation_store]) == 0
    out = capsys.readouterr().out
    assert "relation" in out and "căn cứ" in out and "thực hiện" in out
