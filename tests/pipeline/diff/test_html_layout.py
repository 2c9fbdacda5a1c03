"""The diff report on a 1366×768 laptop screen, in headless Chromium: the chart, the section table
and the task table do not overlap, every chart label is at least 11 px high, the legend sits outside
the bars, and what the page says is Vietnamese (no English status names)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from pipeline.diff.html import render_html
from tests.diff_examples import report_rows

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if Path(p).exists()), None)
WINDOW = "--window-size=1366,768"

# runs in the page after its own script: boxes and label sizes as JSON in <body data-layout>
PROBE = """<script>
const box = sel => { const r = document.querySelector(sel).getBoundingClientRect();
                     return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
const texts = [...document.querySelectorAll('.chart svg text')].map(t => {
  const r = t.getBoundingClientRect(); return {text: t.textContent, height: r.height}; });
document.body.dataset.layout = JSON.stringify({
  sections: box('#sections'), chart: box('.chart'), tasks: box('#tasks'), counts: box('#counts'),
  viewport: window.innerWidth, texts: texts, visible: document.body.innerText});
</script>"""


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def _chromium(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--hide-scrollbars",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        WINDOW,
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--virtual-time-budget=2000",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (scripts/setup.sh installs it)")
    tmp = tmp_path_factory.mktemp("layout")
    path = tmp / "report.html"
    path.write_text(render_html(report_rows()).replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = _chromium("--dump-dom", path.as_uri(), tmp_path=tmp)
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = re.search(r'data-layout="([^"]*)"', dom.stdout)
    assert found, "the probe did not run"
    import html

    return {"path": path, "tmp": tmp, "layout": json.loads(html.unescape(found.group(1)))}


def test_nothing_overlaps_at_1366x768(page):
    layout = page["layout"]
    assert layout["viewport"] == 1366
    for a, b in (("sections", "chart"), ("chart", "tasks"), ("sections", "tasks"), ("counts", "sections")):
        assert not _overlap(layout[a], layout[b]), f"{a} overlaps {b}"
    assert layout["chart"]["right"] <= 1366 and layout["sections"]["right"] <= 1366


def test_chart_labels_are_at_least_11_px(page):
    texts = [t for t in page["layout"]["texts"] if t["text"].strip()]
    assert len(texts) > 10  # real text in the SVG, not glyph outlines
    small = [t for t in texts if t["height"] < 11]
    assert not small, small[:5]


def test_page_speaks_vietnamese(page):
    visible = page["layout"]["visible"]
    for word in ("unchanged", "modified", "added", "removed", "merged", "split", "renamed"):
        assert not re.search(rf"\b{word}\b", visible), word
    assert "giữ nguyên" in visible and "sửa đổi" in visible and "Tổng" in visible


def test_screenshot_at_1366x768(page):
    png = page["tmp"] / "report.png"
    done = _chromium(f"--screenshot={png}", page["path"].as_uri(), tmp_path=page["tmp"])
    assert done.returncode == 0 and png.read_bytes()[:4] == b"\x89PNG"
    import struct

    width, height = struct.unpack(">II", png.read_bytes()[16:24])
    assert (width, height) == (1366, 768)
