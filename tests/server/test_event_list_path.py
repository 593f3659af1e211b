"""The event list's lean path: hand-parsed query string, spliced rows, page cache, several workers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventwire.config import Settings
from eventwire.errors import ConfigError
from eventwire.server.app import app_from_environment, create_app, serve
from eventwire.store import open_store

from .conftest import build_articles, build_events


def test_openapi_documents_the_list_parameters(store):
    spec = TestClient(create_app(store)).get("/openapi.json").json()
    for path in ("/api/events", "/api/events.geojson"):
        params = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        assert {"sub_event_type", "date_from", "bbox", "country", "actor", "q", "limit", "offset"} <= set(params)
        assert params["limit"]["schema"]["type"] == "integer" and params["limit"]["in"] == "query"
    assert spec["paths"]["/api/events"]["get"]["parameters"][-2]["schema"]["maximum"] == 1000


@pytest.mark.parametrize("params, needle", [
    ({"date_from": "2023-11-01\n"}, "date_from"),
    ({"limit": "1e3"}, "limit"),
    ({"q": "x" * 501}, "q"),
])
def test_more_bad_parameters(store, params, needle):
    resp = TestClient(create_app(store)).get("/api/events", params=params)
    assert resp.status_code == 422 and resp.json()["error"]["code"] == "E422"
    assert needle in resp.json()["error"]["message"] and "openapi" in resp.json()["error"]["hint"]


def test_list_rows_are_identical_on_both_backends():
    bodies = []
    for path in ("memory://", ":memory:"):
        st = open_store(path)
        arts = build_articles()
        for a in arts:
            st.save_article(a)
        st.replace_events(*build_events(arts))
        bodies.append(TestClient(create_app(st)).get("/api/events", params={"limit": 2, "offset": 1}).json())
        st.close()
    assert bodies[0] == bodies[1]
    assert bodies[0]["total"] == 3 and [e["id"] for e in bodies[0]["items"]] == ["ev-mayadin", "ev-kharkiv"]


def test_page_cache_never_serves_stale_pages(sqlite_store):
    client = TestClient(create_app(sqlite_store))
    first = client.get("/api/events").json()
    assert first["total"] == 3 and client.get("/api/events").json() == first  # second answer from the cache
    events, lines = build_events(build_articles())
    sqlite_store.replace_events(events[:1], lines)  # this process writes
    assert [e["id"] for e in client.get("/api/events").json()["items"]] == ["ev-mayadin"]
    other = open_store(sqlite_store.path)  # another process writes
    other.replace_events(events, lines)
    other.close()
    assert client.get("/api/events").json()["total"] == 3


def test_page_cache_can_be_turned_off(sqlite_store):
    app = create_app(sqlite_store, Settings({"api_page_cache": 0}))
    client = TestClient(app)
    assert client.get("/api/events").json()["total"] == 3
    assert not app.state.page_cache._bodies


def test_several_workers_refuse_ingestion(sqlite_store):
    with pytest.raises(ConfigError, match="single server process"):
        serve(sqlite_store.path, workers=2, ingest_token="secret")
    with pytest.raises(ConfigError, match="workers"):
        serve(sqlite_store.path, workers=0)


def test_worker_factory_reads_its_environment(sqlite_store, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_SERVE_CONFIG", raising=False)
    with pytest.raises(ConfigError):
        app_from_environment()
    monkeypatch.setenv("EVENTWIRE_SERVE_CONFIG", '{"db": "%s", "settings": {"api_page_cache": 3}}' % sqlite_store.path)
    app = app_from_environment()
    assert app.state.page_cache.size == 3
    assert TestClient(app).get("/api/events").json()["total"] == 3
