"""Security: strict headers on every response, payloads stay data, the bundle loads nothing from outside."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from eventwire.server.app import STATIC_DIR, create_app
from eventwire.server.security import check_bearer, content_security_policy

from .conftest import XSS_SOURCE, XSS_TEXT, XSS_TITLE


@pytest.fixture
def client(store):
    return TestClient(create_app(store), raise_server_exceptions=False)


@pytest.mark.parametrize("path", ["/", "/event?id=ev-mayadin", "/api/events", "/api/nope", "/static/app.js",
                                  "/openapi.json"])
def test_security_headers_everywhere(client, path):
    h = client.get(path).headers
    csp = h["content-security-policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'",
                      "base-uri 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"


def test_online_tiles_widen_only_img_src(store):
    c = TestClient(create_app(store, tiles_url="https://{s}.tile.example.org/{z}/{x}/{y}.png"))
    csp = c.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: https://*.tile.example.org" in csp
    assert "script-src 'self';" in csp
    assert content_security_policy().count("http") == 0


def test_page_has_no_inline_script_or_style(client):
    html = client.get("/").text
    assert re.findall(r"<script[^>]*>", html) == ['<script type="module" src="/static/app.js">']
    assert "<style" not in html and " style=" not in html and " on" not in re.sub(r"<[^>]*content=[^>]*>", "", html)


def test_bundle_is_self_contained_and_never_parses_data_as_html():
    js = (STATIC_DIR / "app.js").read_text(encoding="utf-8")
    css = (STATIC_DIR / "app.css").read_text(encoding="utf-8")
    for needle in ("//unpkg.com", "//cdn.", "jsdelivr", "googleapis", "tile.openstreetmap"):
        assert needle not in js and needle not in css
    size = sum(p.stat().st_size for p in STATIC_DIR.rglob("*") if p.is_file())
    assert size < 1.5 * 1024 * 1024


def test_frontend_sources_use_safe_dom_only():
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "frontend" / "src"
    if not src.is_dir():
        pytest.skip("frontend sources not present (installed package)")
    for f in src.rglob("*.js"):
        text = re.sub(r"//[^\n]*|/\*.*?\*/", "", f.read_text(encoding="utf-8"), flags=re.S)  # code, not comments
        for bad in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert bad not in text, f"{f.name} uses {bad}"


def test_payloads_come_back_as_plain_json_strings(client):
    """The API returns data verbatim as JSON (never HTML); escaping is the renderer's job, proven in the browser."""
    ev = client.get("/api/events/ev-mayadin")
    assert ev.headers["content-type"] == "application/json"
    body = ev.json()
    assert body["reports"][0]["source"] == XSS_SOURCE
    assert body["reports"][0]["title"] == XSS_TITLE
    assert XSS_TEXT in body["reports"][0]["excerpt"]["text"]
    art = client.get("/api/articles/art-a")
    assert art.headers["content-type"] == "application/json" and art.json()["title"] == XSS_TITLE


def test_bearer_check_is_strict():
    check_bearer("Bearer tok", "tok")
    check_bearer("bearer  tok ", "tok")
    for header in (None, "", "Bearer", "Bearer tok2", "Basic tok", "tok"):
        with pytest.raises(Exception) as info:
            check_bearer(header, "tok")
        assert info.value.http_status in (401, 403)
