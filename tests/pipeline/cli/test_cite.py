"""`vanban cite`: a ref typed without accents, law names searched accent-free, and the HTML report
(Vietnamese, with search and sort)."""

from __future__ import annotations

import json
import unicodedata

import pytest

from pipeline.cli import main


@pytest.mark.parametrize(
    "query", ["nghi dinh 45/2020", "NGHỊ ĐỊNH 45/2020", unicodedata.normalize("NFD", "nghị định 45/2020")]
)
def test_ref_typed_without_accents_or_in_nfd(store, capsys, query):
    assert main(["cite", query, "--data", store, "--json"]) == 0
    assert {r["ref"] for r in json.loads(capsys.readouterr().out)} == {"45/2020/NĐ-CP"}


def test_words_of_a_law_name_without_accents(store, capsys):
    assert (
        main(
            [
                "sql",
                "SELECT name FROM citations WHERE ref IS NULL AND name IS NOT NULL LIMIT 1",
                "--data",
                store,
                "--format",
                "json",
            ]
        )
        == 0
    )
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


def test_html_report_searches_without_accents_and_sorts(store, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    from pathlib import Path

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("chromium is not installed")
    out = tmp_path / "cite.html"
    assert main(["cite", "45/2020/NĐ-CP", "--data", store, "--html", str(out)]) == 0
    page_text = out.read_text(encoding="utf-8")
    assert "Tìm:" in page_text and "sắp xếp" in page_text
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(out.as_uri())
        total = int(page.text_content("#shown"))
        assert total >= 3 and page.evaluate("document.body.dataset.ready") == "1"
        page.fill("#q", "KIEM SOAT thu tuc")  # no accents, other case
        shown = int(page.text_content("#shown"))
        visible = page.locator("#cites tbody tr:not([hidden])")
        assert 0 < shown < total and visible.count() == shown
        assert all("kiểm soát" in t.lower() for t in visible.all_text_contents())
        page.fill("#q", "")
        page.click("#cites th:nth-child(2)")  # Trang, ascending
        pages = [c for c in page.locator("#cites tbody td:nth-child(2)").all_text_contents() if c]
        assert pages == sorted(pages, key=int)
        page.click("#cites th:nth-child(2)")  # descending
        pages = [c for c in page.locator("#cites tbody td:nth-child(2)").all_text_contents() if c]
        assert pages == sorted(pages, key=int, reverse=True)
        browser.close()
    assert not errors
