"""End to end in headless Chromium (Playwright's Python API on the system Chromium, no browser
download): every page of `vanban serve` over the ingested seed documents loads, searches return the
expected rows, nothing is logged to the console, and the 1366×768 screenshots show no horizontal
overflow with the key elements visible."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from pipeline.search import fold
from tests.conftest import SAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
if not CHROMIUM:
    pytest.skip(
        "chromium is not installed (apt-get install chromium; scripts/setup.sh does it)", allow_module_level=True
    )

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTH, HEIGHT = 1366, 768


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(ingested_samples):
    import uvicorn

    from pipeline.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(ingested_samples["path"], [SAMPLES]), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="vi-VN")
    pg = context.new_page()
    pg.console_messages = []
    pg.on(
        "console",
        lambda m: pg.console_messages.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    pg.on("pageerror", lambda e: pg.console_messages.append(f"pageerror: {e}"))
    yield pg
    context.close()


def _visit(page, url: str, shot: Path | None = None) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{url}: the page is {width}px wide, wider than the {WIDTH}px screen"
    assert page.locator("header.top").is_visible() and page.locator("h1").first.is_visible()
    if shot is not None:
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 5000  # a rendered page, not a blank one
    assert page.console_messages == [], page.console_messages


PAGES = {
    "home": "/",
    "search": "/tim?q=van+phong",
    "document": "/van-ban/2025-kh-kstthc-skhcn.docx",
    "citations": "/trich-dan",
    "citation": "/trich-dan?ma=" + quote("45/2020/NĐ-CP", safe=""),
    "compare": "/so-sanh?cu=2023-kh-kstthc-skhcn.docx&moi=2025-kh-kstthc-skhcn.docx",
    "series_list": "/chuoi",
    "series": "/chuoi?co_quan=" + quote("SỞ KHOA HỌC VÀ CÔNG NGHỆ") + "&loai=KH",
    "units": "/don-vi",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_loads_fits_the_screen_without_console_errors(server, page, name, tmp_path_factory):
    shots = tmp_path_factory.getbasetemp() / "screenshots"
    shots.mkdir(exist_ok=True)
    _visit(page, server + PAGES[name], shots / f"{name}.png")


def test_search_without_accents_finds_accented_rows(server, page):
    _visit(page, server + "/")
    page.fill("header form.search input[name=q]", "VAN PHONG")
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url("**/tim?q=*")
    tasks = page.locator("#kq-nhiem-vu tbody tr")
    assert tasks.count() > 0
    texts = [fold(t) for t in tasks.all_inner_texts()]
    assert all("van" in t and "phong" in t for t in texts)
    assert "văn phòng" in tasks.first.inner_text().casefold()  # the words side by side come first
    assert page.console_messages == []


def test_search_finds_a_document_by_its_title_and_a_citation_by_its_number(server, page):
    _visit(page, server + "/tim?q=" + quote("kiem soat thu tuc 2025"))
    docs = page.locator("#kq-van-ban tbody tr")
    assert docs.count() == 1 and "2025" in docs.inner_text()
    _visit(page, server + "/tim?q=" + quote("45/2020"))
    assert "45/2020/NĐ-CP" in page.locator("#kq-trich-dan tbody").inner_text()


def test_diff_picked_in_the_form_and_filtered_by_status(server, page):
    _visit(page, server + "/so-sanh")
    page.select_option("select[name=cu]", "2023-kh-kstthc-skhcn.docx")
    page.select_option("select[name=moi]", "2025-kh-kstthc-skhcn.docx")
    page.click("form.pick button[type=submit]")
    page.wait_for_selector("#diff")
    rows = page.locator("#diff tbody tr")
    total = rows.count()
    assert total > 20
    page.click("#summary button[data-status=added]")
    visible = page.locator("#diff tbody tr:visible")
    assert 0 < visible.count() < total
    assert all(s == "added" for s in visible.evaluate_all("rs => rs.map(r => r.dataset.status)"))
    assert page.console_messages == []


def test_table_sorts_and_filters_in_the_page(server, page):
    _visit(page, server + "/van-ban/2025-kh-kstthc-skhcn.docx")
    rows = page.locator("#tasks tbody tr")
    total = rows.count()
    page.fill("input[data-filter=tasks]", "van phong")
    assert 0 < page.locator("#tasks tbody tr:visible").count() < total
    page.fill("input[data-filter=tasks]", "")
    page.click("#tasks thead th:nth-child(2)")
    assert page.locator("#tasks thead th:nth-child(2)").get_attribute("aria-sort") == "ascending"
    assert page.console_messages == []


def test_series_shows_each_task_line_through_the_years(server, page):
    _visit(page, server + PAGES["series"])
    header = page.locator("#lineage thead tr").first.inner_text()
    assert all(str(y) in header for y in (2022, 2023, 2025))
    assert page.locator("#lineage tbody tr").count() > 30
    assert page.locator("#lineage td.cell.st-modified").count() > 0


def test_source_link_opens_the_ingested_file(server, page):
    _visit(page, server + "/van-ban/2025-kh-kstthc-skhcn.pdf")
    href = page.locator("#source-link").get_attribute("href")
    response = page.request.get(server + href)
    assert response.status == 200 and response.body()[:4] == b"%PDF"


def test_search_marks_the_matched_words_without_accents(server, page):
    _visit(page, server + "/tim?q=" + quote("van phong"))
    marks = page.locator("#kq-nhiem-vu mark").all_inner_texts()
    assert marks and {fold(m) for m in marks} <= {"van", "phong"}
    assert any(m == "Văn" for m in marks)  # the text as printed, accents kept
