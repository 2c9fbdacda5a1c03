"""`vanban cites`: an unknown document is an error; a file stem names a document."""

from __future__ import annotations

import json

from pipeline.cli import main


def test_unknown_document_exits_2(store, capsys):
    assert main(["cites", "nope.docx", "--data", store]) == 2
    err = capsys.readouterr().err
    assert "unknown document" in err and "nope.docx" in err and "Traceback" not in err


def test_file_stem_names_the_document(store, capsys):
    assert main(["cites", "2023-kh-kstthc-skhcn", "--data", store, "--json"]) == 0
    refs = {r["ref"] for r in json.loads(capsys.readouterr().out)}
    assert "45/2020/NĐ-CP" in refs
