"""`vanban cite` and `vanban cites` over an ingested store, and their messages when there is no data."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main


def test_cite_lists_documents_and_tasks(ingested_samples, capsys):
    data = str(ingested_samples["path"])
    assert main(["cite", "nghị định 45/2020", "--data", data, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["ref"] for r in rows} == {"45/2020/NĐ-CP"}
    docs = {r["doc_id"] for r in rows}
    # one row per mention in each document, read from its primary rendition (the DOCX), not per file
    assert {"2023-kh-kstthc-skhcn.docx", "2025-kh-kstthc-skhcn.docx", "2023-cv-vpubnd-de-xuat-cchc-2024.docx"} <= docs
    assert not any(d.endswith(".pdf") for d in docs)
    in_tasks = [r for r in rows if r["task_seq"] is not None]
    assert in_tasks and all(r["task_content"] for r in in_tasks)
    assert {r["issued_date"] for r in rows} == {"2020-04-08"}


@pytest.mark.parametrize("query", ["45/2020/ND-CP", "NĐ 45/2020", "nđ-cp 45/2020"])
def test_cite_spellings_agree(ingested_samples, capsys, query):
    assert main(["cite", query, "--data", str(ingested_samples["path"]), "--json"]) == 0
    assert {r["ref"] for r in json.loads(capsys.readouterr().out)} == {"45/2020/NĐ-CP"}


def test_cite_rich_table_and_html(ingested_samples, capsys, tmp_path):
    out = tmp_path / "report.html"
    assert main(["cite", "1085/QĐ-TTg", "--data", str(ingested_samples["path"]), "--html", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "1085/QĐ-TTg" in printed and "2025-kh-kstthc-skhcn" in printed
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "<mark>" in page
    assert "<link" not in page and " src=" not in page  # self-contained


def test_cite_partial_and_unknown(ingested_samples, capsys):
    data = str(ingested_samples["path"])
    assert main(["cite", "Quyết định 1085", "--data", data, "--json"]) == 0
    assert {r["ref"] for r in json.loads(capsys.readouterr().out)} == {"1085/QĐ-TTg"}
    assert main(["cite", "999/2099/NĐ-CP", "--data", data]) == 1  # nothing found, like grep
    assert "No document" in capsys.readouterr().out
    assert main(["cite", "hello", "--data", data]) == 2
    assert capsys.readouterr().err.startswith("vanban cite: cannot read")


def test_cites_lists_what_a_document_cites(ingested_samples, capsys):
    data = str(ingested_samples["path"])
    assert main(["cites", "data/raw/2023-kh-kstthc-skhcn.docx", "--data", data, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    refs = [r["ref"] or r["name"] for r in rows]
    assert refs[:2] == ["124/QĐ-UBND", "2170/KH-SKHCN"] and len(refs) == 15
    tt = next(r for r in rows if r["ref"] == "01/2020/TT-VPCP")
    assert tt["mentions"] == 2 and tt["issued_date"] == "2020-10-21"
    assert main(["cites", "2023-kh-kstthc-skhcn.docx", "--data", data]) == 0
    assert "124/QĐ-UBND" in capsys.readouterr().out
    assert main(["cites", "nothing.pdf", "--data", data]) == 2
    assert "unknown document" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["cite", "45/2020/NĐ-CP"], ["cites", "x.docx"]])
def test_clear_message_without_data(tmp_path, capsys, command):
    assert main(command + ["--data", str(tmp_path / "empty")]) == 1
    err = capsys.readouterr().err
    assert "no citations yet" in err and "Traceback" not in err
