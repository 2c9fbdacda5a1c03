"""The views of a task comparison: terminal summary, self-contained HTML report (rendered in
headless Chromium), chart."""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from rich.console import Console

from pipeline.diff import DiffTask, diff_tasks
from pipeline.diff_report import chart, counts_by_section, print_summary, render_html, word_diff, write_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def t(seq, content, section, result="", units="", timing="", year=2025, title=None):
    return DiffTask(seq=seq, content=content, result=result, units=units, timing=timing, section=section,
                    section_title=title, stt=str(seq), plan_year=year)


OLD = [
    t(1, "Xây dựng, ban hành văn bản triển khai hoạt động kiểm soát TTHC năm 2023", "I", timing="Quý I/2023",
      units="- Phòng Hành chính - Tổng hợp chủ trì", year=2023, title="Ban hành văn bản"),
    t(2, "Công khai thông tin cơ quan có thẩm quyền tiếp nhận phản ánh, kiến nghị về TTHC", "V", year=2023,
      title="Phản ánh, kiến nghị"),
    t(3, "Thực hiện xây dựng hồ sơ mẫu để hướng dẫn người dân kê khai, điền mẫu đơn, tờ khai", "VI", year=2023,
      title="Một cửa"),
    t(4, "Đôn đốc, kiểm tra việc xử lý phản ánh, kiến nghị <b>và</b> báo cáo cho Giám đốc Sở", "V", year=2023,
      title="Phản ánh, kiến nghị"),
]
NEW = [
    t(1, "Xây dựng, ban hành văn bản triển khai hoạt động kiểm soát TTHC năm 2025", "A", timing="Quý III",
      units="- Văn phòng Sở chủ trì.", title="Ban hành văn bản"),
    t(2, "Công khai thông tin cơ quan có thẩm quyền tiếp nhận phản ánh, kiến nghị về TTHC", "C.IV",
      title="Phản ánh, kiến nghị"),
    t(3, "Đôn đốc, kiểm tra việc xử lý phản ánh, kiến nghị <b>và</b> báo cáo cho Giám đốc Sở", "C.IV",
      title="Phản ánh, kiến nghị"),
    t(4, "Đẩy mạnh phân cấp, ủy quyền trong thực hiện TTHC", "B.III", title="TTHC nội bộ"),
    t(5, "Thống kê, công bố, công khai đầy đủ TTHC nội bộ giữa cơ quan hành chính nhà nước", "B.III",
      title="TTHC nội bộ"),
]


@pytest.fixture(scope="module")
def rows():
    return diff_tasks(OLD, NEW, "2023-kh.docx", "2025-kh.docx")


def test_rows_of_the_example(rows):
    assert Counter(r["status"] for r in rows) == {"unchanged": 2, "modified": 1, "added": 2, "removed": 1}


def test_terminal_summary(rows):
    console = Console(record=True, width=140)
    print_summary(rows, console=console)
    text = console.export_text()
    assert "2023-kh.docx (2023) → 2025-kh.docx (2025)" in text
    assert re.search(r"│ added\s+│\s+2 │", text) and re.search(r"│ total\s+│\s+6 │", text)
    assert re.search(r"│ C\.IV\s+│ Phản ánh, kiến nghị\s+│\s+2 │", text)  # per section, with titles
    assert re.search(r"│ VI \(2023\)\s+│ Một cửa", text)  # a removed task under the old plan's section
    assert "units (renamed), timing" in text and "Đẩy mạnh phân cấp" in text  # the changed rows
    assert "Công khai thông tin" not in text.split("Rows that changed")[1]  # unchanged rows are not listed


def test_word_diff_marks_changed_words_only():
    old, new = word_diff("Quý I/2023, Phòng Hành chính - Tổng hợp chủ trì <x>", "Quý III, Văn phòng Sở chủ trì. <x>",
                         2023, 2025)
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


def test_chart_png_and_svg(rows, tmp_path):
    png = chart(rows, tmp_path / "c.png")
    assert png[:4] == b"\x89PNG" and (tmp_path / "c.png").stat().st_size > 5000
    svg = chart(rows)
    assert svg.startswith("<svg") and "2023" in svg
    assert list(counts_by_section(rows)) == ["A", "C.IV", "B.III", "VI (2023)"]  # reading order


def _dump_dom(url: str, tmp_path: Path) -> str:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp_path / 'chromium-profile'}", "--virtual-time-budget=2000", "--dump-dom", url]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def _count(dom: str, element_id: str) -> str:
    m = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', dom)
    assert m, f"#{element_id} not in the rendered page"
    return m.group(1)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; "
                                             "scripts/setup.sh does it)")
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
