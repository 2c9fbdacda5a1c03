"""`vanban cite`: a ref typed without accents, law names searched accent-free, and the HTML report
(Vietnamese, with search and sort)."""
from __future__ import annotations

import json
import unicodedata

import pytest

from pipeline.cli import main


@pytest.mark.parametrize("query", ["nghi dinh 45/2020", "NGHỊ ĐỊNH 45/2020",
                                   unicodedata.normalize("NFD", "nghị định 45/2020")])
def test_ref_typed_without_accents_or_in_nfd(store, capsys, query):
    assert main(["cite", query, "--data", store, "--json"]) == 0
    assert {r["ref"] for r in json.loads(capsys.readouterr().out)} == {"45/2020/NĐ-CP"}


def test_words_of_a_law_name_without_accents(store, capsys):
    assert main(["sql", "SELECT name FROM citations WHERE ref IS NULL AND name IS NOT NULL LIMIT 1",
                 "--data", store, "--format", "json"]) == 0
    names = json.loads(capsys.readouterr().out)
    if not names:
        pytest.skip("no law cited by name in the seed documents")
    from pipeline.search import fold
    words = " ".join(fold(names[0]["name"]).split()[:3])
    assert main(["cite", words.upper(), "--data", store, "--json"]) == 0
    assert names[0]["name"] in {r["name"] for r in json.loads(capsys.readouterr().out)}


def test_unwritable_html_is_one_line_exit_2(store, unwritable, capsys):
    assert main(["cite", "45/2020/NĐ-CP", "--data", store, "--html", str(unwritable / "r.html")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
