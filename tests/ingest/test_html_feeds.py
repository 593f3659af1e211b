"""HTML pages, RSS feeds and URLs (served by a local HTTP server started here; no internet)."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path
from typing import Iterator

import pytest

from eventwire.config import Settings
from eventwire.ingest import read_inputs
from eventwire.model import Article, Quarantined

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def _read(paths, settings=None, **kw):
    return list(read_inputs([str(p) for p in paths], settings or Settings(), **kw))


# ----------------------------------------------------------------------------- HTML files
def test_html_main_text_and_metadata() -> None:
    (art,) = _read([FIXTURES / "page.html"])
    assert isinstance(art, Article)
    assert art.id == "page"
    assert "Several thousand people gathered outside the parliament building" in art.text
    assert "\n" in art.text  # paragraphs kept
    assert "Great article" not in art.text  # comments left out
    assert "Sport" not in art.text  # navigation left out
    assert art.title == "Protesters rally outside parliament"
    assert art.source == "The Example Times"
    assert art.published_at == "2023-10-26"
    assert art.url == "https://example.org/news/protest-parliament"
    assert art.raw_html and "<article>" in art.raw_html


@pytest.mark.parametrize("html", [
    "<html><body><article><p>Troops clashed with rebels near the border on Monday, killing several people, "
    "officials said, in the heaviest fighting in",  # cut off mid-page
    "<<<>>>< /// <p <p <div>>>",
    "<html><head><title>Only a title</title></head><body></body></html>",
])
def test_truncated_or_garbage_html_never_crashes(tmp_path: Path, html: str) -> None:
    p = tmp_path / "x.html"
    p.write_text(html)
    (out,) = _read([p])
    if isinstance(out, Quarantined):
        assert out.reason.split(":")[0] in {"no-text", "unparsable-html"}
    else:
        assert out.text.strip()


# ----------------------------------------------------------------------------- feeds
def test_feed_file_entries_use_summaries() -> None:
    out = _read([FIXTURES / "feed.rss"])
    assert [type(o).__name__ for o in out] == ["Article", "Article", "Quarantined"]
    a, b, empty = out
    assert a.id == "example-clashes-1" and a.title == "Clashes reported in the north"
    assert a.text == ("Fighting broke out between government troops and rebels near the northern border town "
                      "on Thursday, residents said.\nAt least three soldiers were killed.")
    assert a.published_at == "2023-11-09T10:15:00+00:00"
    assert a.source == "Example Wire: World" and a.url == "https://example.org/a/clashes"
    assert b.id == "https://example.org/a/talks"  # no guid: the link
    assert b.published_at is None and b.meta["published_at_raw"] == "not a date"
    assert empty.reason.startswith("empty:")


# ----------------------------------------------------------------------------- URLs
ARTICLE_PAGE = (FIXTURES / "page.html").read_bytes()


def _feed_with_links(base: str) -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>Protest</title><link>{base}/page</link><guid>p1</guid>
<description>Short summary of the protest outside parliament on Thursday.</description></item>
<item><title>Gone</title><link>{base}/missing</link><guid>p2</guid>
<description>Summary of a story whose page is gone, used instead of the page.</description></item>
</channel></rss>""".encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server API
        base = f"http://127.0.0.1:{self.server.server_port}"
        routes = {
            "/page": ("text/html; charset=utf-8", ARTICLE_PAGE),
            "/feed": ("application/rss+xml", _feed_with_links(base)),
            "/feed-as-xml": ("text/xml", _feed_with_links(base)),
            "/plain": ("text/plain", b"Title: Plain\n\nGunmen attacked a checkpoint on the highway overnight."),
            "/big": ("text/plain", b"x" * 5000),
        }
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        if self.path not in routes:
            self.send_error(404)
            return
        ctype, body = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_url_html_page(server: str) -> None:
    (art,) = _read([f"{server}/moved"])  # redirect followed
    assert isinstance(art, Article)
    assert art.origin == f"{server}/moved"
    assert "parliament building" in art.text and art.raw_html


@pytest.mark.parametrize("path", ["/feed", "/feed-as-xml"])
def test_url_feed_uses_summaries_without_fetching_links(server: str, path: str) -> None:
    a, b = _read([server + path])
    assert a.text == "Short summary of the protest outside parliament on Thursday."
    assert a.origin == f"{server}{path}:1" and a.url == f"{server}/page"
    assert b.text.startswith("Summary of a story whose page is gone")


def test_feed_links_fetched_when_the_setting_says_so(server: str) -> None:
    s = Settings({"feed_fetch_links": True})
    a, b = _read([f"{server}/feed"], settings=s)
    assert "Several thousand people gathered" in a.text and a.raw_html  # the page, not the summary
    assert a.id == "p1" and a.title == "Protesters rally outside parliament"
    assert b.text.startswith("Summary of a story whose page is gone")  # 404: summary fallback


def test_url_plain_text_404_and_size_cap(server: str) -> None:
    plain, missing, big = _read([f"{server}/plain", f"{server}/nothing", f"{server}/big"],
                                settings=Settings({"max_chars": 100}))
    assert plain.title == "Plain" and plain.text.startswith("Gunmen attacked")
    assert isinstance(missing, Quarantined) and missing.reason.startswith("fetch-failed: HTTP 404")
    assert isinstance(big, Quarantined) and big.reason.startswith("too-large")


def test_unreachable_url_is_quarantined() -> None:
    s = Settings({"fetch_timeout": 2.0})
    (q,) = _read(["http://127.0.0.1:9/nothing"], settings=s)  # port 9 (discard): refused
    assert isinstance(q, Quarantined) and q.reason.startswith("fetch-failed")


def test_xml_that_is_not_a_feed_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "data.xml"
    p.write_text('<?xml version="1.0"?><records><record id="1">x</record></records>')
    (q,) = _read([p])
    assert isinstance(q, Quarantined) and q.reason.startswith("empty") and q.origin == str(p)


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = ("<html><head><meta charset=\"windows-1251\"><title>t</title></head><body><article>"
            "<p>Жители сообщили о взрывах в городе рано утром в четверг, сказали местные власти.</p>"
            "<p>The ministry said the attack damaged two power lines and a school in the district.</p>"
            "</article></body></html>")
    p = tmp_path / "ru.html"
    p.write_bytes(page.encode("cp1251"))
    (art,) = _read([p])
    assert art.meta["encoding"] == "windows-1251"
    assert "Жители сообщили" in art.text


def test_feed_summary_scripts_are_dropped() -> None:
    from eventwire.ingest.html import html_fragment_to_text

    assert html_fragment_to_text("<p>Troops &amp; police</p><script>var x = 1;</script><p>fired</p>") == \
        "Troops & police\nfired"
