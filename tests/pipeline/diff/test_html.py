"""The HTML report of a task comparison (pipeline/diff/html.py): word-level highlights, a
self-contained page, and the page rendered in headless Chromium (counts filled by its script,
filters from the link)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest

from pipeline.diff.html import render_html, word_diff, write_html
from tests.diff_examples import report_rows

CHROMIUM = (
    shutil.which("chromium")
    or shutil.which("chromium-browser")
    or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
)


@pytest.fixture(scope="module")
def rows():
    return report_rows()


def test_word_diff_marks_changed_words_only():
    old, new = word_diff(
        "Quý I/2023, Phòng Hành chính - Tổng hợp chủ trì <x>", "Quý III, Văn phòng Sở chủ trì. <x>", 2023, 2025
    )
    assert old.startswith("Quý <del>I/2023,</del> Phòng <del>Hành chính - Tổng hợp</del> chủ trì")
    assert new.startswith("Quý <ins>III, Văn</ins> phòng <ins>Sở</ins> chủ trì.")
    assert "chủ trì" in old and "<del>chủ" not in old  # "chủ trì" vs "chủ trì." is the same word
    assert "&lt;x&gt;" in old and "<x>" not in new  # text is escaped
    same_old, same_new = word_diff("kiểm soát TTHC năm 2023", "kiểm soát TTHC năm 2025", 2023, 2025)
    assert "<del>" not in same_old and "<ins>" not in same_new  # the plan year is not a change


def test_html_is_self_contained(rows):
    page = render_html(rows)
    assert "<svg" in page and "<style>" in page and "<script>" in page
    assert not re.search(r"<link\b|<img\b[^>]*src=\"https?:|<script\b[^>]*\bsrc=|@import|url\(\s*['\"]?https?:", page)
    assert "&lt;b&gt;và&lt;/b&gt;" in page  # task text is escaped, never markup
    assert page.count('<tr class="task"') == len(rows)


def _dump_dom(url: str, tmp_path: Path) -> str:
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--virtual-time-budget=2000",
        "--dump-dom",
        url,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def _count(dom: str, element_id: str) -> str:
    m = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', dom)
    assert m, f"#{element_id} not in the rendered page"
    return m.group(1)


@pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; scripts/setup.sh does it)"
)
def test_report_renders_in_chromium_with_counts_and_filters(rows, tmp_path):
    path = write_html(rows, tmp_path / "report.html")
    dom = _dump_dom(path.as_uri(), tmp_path)
    assert 'data-ready="1"' in dom  # the inline script ran to its end
    assert _count(dom, "count-shown") == "6"
    assert [_count(dom, f"count-{s}") for s in ("unchanged", "modified", "added", "removed")] == ["2", "1", "2", "1"]
    # the per-section table exists only once the script has filled it
    body = re.search(r'<table id="sections">.*?<tbody>(.*?)</tbody>', dom, re.S).group(1)
    cells = [re.findall(r"<td[^>]*>([^<]*)</td>", tr) for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]
    assert [(c[0], c[-1]) for c in cells] == [("A", "1"), ("C.IV", "2"), ("B.III", "2"), ("VI (2023)", "1")]
    assert _count(dom, "section-total") == "6"

    # filters from the link: one section, then two statuses
    dom = _dump_dom(path.as_uri() + "#section=" + quote("B.III"), tmp_path)
    assert _count(dom, "count-shown") == "2" and _count(dom, "count-added") == "2"
    assert len(re.findall(r'<tr class="task"(?![^>]*hidden)', dom)) == 2
    dom = _dump_dom(path.as_uri() + "#status=modified,removed", tmp_path)
    assert _count(dom, "count-shown") == "2" and _count(dom, "section-total") == "2"
