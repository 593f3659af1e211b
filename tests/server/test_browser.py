"""The dashboard in a real headless Chromium: pages render, filters live in the URL, evidence is
highlighted, nothing is fetched from outside, and no injected script ever runs.

Needs the Debian package ``chromium`` and ``pip install playwright`` (no ``playwright install``:
we drive the system Chromium). Skipped cleanly when either is missing. Screenshots go to
``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    uvicorn = pytest.importorskip("uvicorn")
    from eventwire.server.app import create_app
    from eventwire.store import open_store

    from .conftest import fill

    db = str(tmp_path_factory.mktemp("browser") / "events.db")
    st = open_store(db)
    fill(st)
    st.close()
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning", access_log=False)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 15
    while not srv.started:
        if time.time() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records console errors, page errors and every request leaving 127.0.0.1."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.outside = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("console", lambda msg: pg.errors.append(msg.text) if msg.type == "error" else None)
    pg.on("request", lambda req: None if req.url.startswith((server, "data:")) else pg.outside.append(req.url))
    yield pg
    ctx.close()


def _ready(pg) -> None:
    pg.wait_for_selector("body[data-ready='1']", timeout=15000)


def _shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_home_renders_map_timeline_and_list(page, server):
    page.goto(server + "/")
    _ready(page)
    page.wait_for_selector("#event-list table.events tbody tr")
    assert page.locator("#event-list tbody tr").count() == 3
    assert page.locator("#total").inner_text().startswith("3 events")
    page.wait_for_selector("#map path.leaflet-interactive")  # event markers
    page.wait_for_function("document.querySelectorAll('#map svg path').length > 100")  # country outlines
    assert page.locator(".timeline-svg .bar").count() == 3
    _shot(page, "dashboard-home.png")
    assert page.evaluate("window.__xss") is None
    assert page.outside == []
    assert page.errors == []


def test_filters_live_in_the_url(page, server):
    page.goto(server + "/")
    _ready(page)
    page.wait_for_selector("#filters")
    page.select_option("select[name=sub_event_type]", "Air/drone strike")
    page.fill("input[name=country]", "sy")
    page.click("#filters button[type=submit]")
    page.wait_for_function("location.search.includes('country=sy')")
    _ready(page)
    page.wait_for_selector("#event-list tbody tr")
    assert "sub_event_type=Air%2Fdrone+strike" in page.url
    assert page.locator("#event-list tbody tr").count() == 2
    # the download links carry the same filters, and what they serve is those events
    href = page.locator("#downloads a", has_text="CSV").get_attribute("href")
    assert href.startswith("/api/export/csv?") and "country=sy" in href
    csv_text = page.request.get(server + href).text()
    assert len(csv_text.strip().splitlines()) == 1 + 2  # header + the two strikes
    # the URL alone reproduces the view (bookmark / share)
    page.goto(server + "/?q=Kharkiv")
    _ready(page)
    page.wait_for_selector("#event-list tbody tr")
    assert page.locator("#event-list tbody tr").count() == 1
    assert "Shelling" in page.locator("#event-list tbody tr").inner_text()
    page.go_back()
    _ready(page)
    page.wait_for_selector("#event-list tbody tr")
    assert page.locator("#event-list tbody tr").count() == 2
    assert page.errors == []


def test_event_page_highlights_evidence_and_escapes_payloads(page, server):
    page.goto(server + "/")
    _ready(page)
    page.click("#event-list a.event-link >> text=Air/drone strike >> nth=1")
    page.wait_for_url("**/event?id=ev-mayadin")
    _ready(page)
    page.wait_for_selector("#reports article.report")
    assert page.locator("#reports article.report").count() == 2
    first = page.locator("#reports article.report").first
    assert first.locator("mark[data-fields~='location']").first.inner_text() == "Mayadin"
    assert first.locator("mark[data-fields~='fatalities']").inner_text() == "killing 9 militants"
    assert first.locator("mark[data-fields~='weapons']").inner_text() == "F-15"
    assert first.locator("mark[data-label='date']").inner_text() == "November 8"
    # the payloads are shown as text, not turned into elements
    assert "<script>window.__xss='text'</script>" in first.locator(".excerpt").inner_text()
    assert "<script>window.__xss='source'</script>" in first.locator(".source").inner_text()
    assert page.locator("#app script, #app img").count() == 0
    # the discrepancies table shows each source's figure and the canonical one
    table = page.locator("#discrepancies table").inner_text()
    assert "fatalities" in table and "9" in table and "7" in table and "lowest credible figure" in table
    # a javascript: URL from the data is neutralised
    hrefs = page.eval_on_selector_all("#reports a", "els => els.map(a => a.getAttribute('href'))")
    assert not any(h.lower().startswith("javascript") for h in hrefs)
    _shot(page, "dashboard-event.png")
    assert page.evaluate("window.__xss") is None
    assert page.outside == []
    assert page.errors == []


def test_storyline_page_plots_timeline_and_tallies(page, server):
    page.goto(server + "/storyline?id=sl-1")
    _ready(page)
    page.wait_for_selector(".dots-svg circle")
    assert page.locator(".dots-svg circle").count() == 2
    assert page.locator("#storyline-title").inner_text() == "US strikes on <b>militias</b> in Syria"
    assert page.locator(".tally-svg circle").count() == 0  # no tally article belongs to this storyline
    _shot(page, "dashboard-storyline.png")
    page.goto(server + "/storylines")
    _ready(page)
    page.wait_for_selector(".tally-svg circle")
    assert page.locator(".tally-svg circle").count() == 2
    _shot(page, "dashboard-storylines.png")
    assert page.evaluate("window.__xss") is None
    assert page.errors == []


def test_article_and_docs_pages(page, server):
    page.goto(server + "/article?id=art-b")
    _ready(page)
    page.wait_for_selector(".article-text")
    assert "onerror" in page.locator(".article-text").inner_text()
    assert page.locator("#app img").count() == 0
    _shot(page, "dashboard-article.png")
    page.goto(server + "/docs")
    _ready(page)
    page.wait_for_selector("section.op")
    assert "GET /api/events" in page.locator("#app").inner_text()
    assert page.evaluate("window.__xss") is None
    assert page.outside == []
    assert page.errors == []


def test_unknown_event_shows_the_api_error(page, server):
    page.goto(server + "/event?id=nope")
    _ready(page)
    assert "no event 'nope'" in page.locator(".error").inner_text()
