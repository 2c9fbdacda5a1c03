"""`vanban eval`: a score over nothing is an error (exit 2), and gold files whose inputs were never
ingested are named."""

from __future__ import annotations

import json

from pipeline.cli import main


def _gold(folder, name: str, file: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.json").write_text(
        json.dumps(
            {
                "files": [file],
                "tasks": [{"stt": "1", "content": "Tổ chức tập huấn nghiệp vụ văn thư"}],
                "citations": [],
                "document": {"doc_type": "Kế hoạch"},
            }
        ),
        encoding="utf-8",
    )


def test_missing_gold_folder_exits_2(store, tmp_path, capsys):
    assert main(["eval", "--gold", str(tmp_path / "nonexistent"), "--data", store, "--min-f1", "0.99"]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err


def test_empty_gold_folder_exits_2(store, tmp_path, capsys):
    assert main(["eval", "--gold", str(tmp_path), "--data", store]) == 2
    assert "no gold" in capsys.readouterr().err


def test_no_gold_file_names_an_ingested_input_exits_2(store, tmp_path, capsys):
    _gold(tmp_path / "gold", "kh-khong-co", "kh-khong-co.docx")
    assert main(["eval", "--gold", str(tmp_path / "gold"), "--data", store, "--min-f1", "0.5"]) == 2
    assert "kh-khong-co.docx" in capsys.readouterr().err


def test_gold_files_never_ingested_are_named(store, tmp_path, capsys):
    gold = tmp_path / "gold"
    _gold(gold, "kh-khong-co", "kh-khong-co.docx")
    _gold(gold, "seed", "2025-kh-kstthc-skhcn.docx")
    code = main(["eval", "--gold", str(gold), "--data", store, "--json", str(tmp_path / "r.json")])
    captured = capsys.readouterr()
    assert code == 0
    assert "1 of 2 gold files were never ingested" in captured.err and "kh-khong-co.docx" in captured.err
    assert json.loads((tmp_path / "r.json").read_text())["never_ingested"] == ["kh-khong-co.docx"]


def test_only_matching_nothing_exits_2(store, tmp_path, capsys):
    _gold(tmp_path / "gold", "seed", "2025-kh-kstthc-skhcn.docx")
    assert main(["eval", "--gold", str(tmp_path / "gold"), "--data", store, "--only", "other.pdf"]) == 2
