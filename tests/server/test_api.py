"""The REST API over a hand-built store (in-memory and SQLite backends): filters, detail, errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventwire.server.api import field_highlights
from eventwire.server.app import create_app

from .conftest import TEXT_A


@pytest.fixture
def client(store):
    return TestClient(create_app(store), raise_server_exceptions=False)


def ids(resp) -> list[str]:
    assert resp.status_code == 200, resp.text
    return [e["id"] for e in resp.json()["items"]]


def test_list_is_paged_newest_first(client):
    body = client.get("/api/events").json()
    assert body["total"] == 3 and body["limit"] == 50 and body["offset"] == 0
    assert [e["id"] for e in body["items"]] == ["ev-abukamal", "ev-mayadin", "ev-kharkiv"]
    page2 = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert page2["total"] == 3 and [e["id"] for e in page2["items"]] == ["ev-mayadin"]
    assert page2["items"][0]["storyline_id"] == "sl-1"
    assert page2["items"][0]["n_reports"] == 2


@pytest.mark.parametrize("params, expected", [
    ({"sub_event_type": "Air/drone strike"}, ["ev-abukamal", "ev-mayadin"]),
    ({"event_type": "Explosions/Remote violence", "country": "UA"}, ["ev-kharkiv"]),
    ({"date_from": "2023-11-02", "date_to": "2023-11-10"}, ["ev-mayadin"]),
    ({"date_to": "2023-11-01"}, ["ev-kharkiv"]),
    ({"bbox": "35,30,42,36"}, ["ev-abukamal", "ev-mayadin"]),
    ({"bbox": "35,34.9,42,36"}, ["ev-mayadin"]),
    ({"country": "sy"}, ["ev-abukamal", "ev-mayadin"]),
    ({"actor": "iran-backed"}, ["ev-mayadin"]),
    ({"actor": "Russia"}, ["ev-kharkiv"]),
    ({"storyline_id": "sl-1"}, ["ev-abukamal", "ev-mayadin"]),
    ({"q": "Kharkiv"}, ["ev-kharkiv"]),
    ({"q": "F-15"}, ["ev-mayadin"]),
    ({"q": "nothing-like-this"}, []),
])
def test_filters(client, params, expected):
    resp = client.get("/api/events", params=params)
    assert ids(resp) == expected
    assert resp.json()["total"] == len(expected)


def test_event_detail_has_reports_excerpts_and_field_evidence(client):
    d = client.get("/api/events/ev-mayadin").json()
    assert d["id"] == "ev-mayadin" and d["fields"]["fatalities"]["value"] == 7
    assert d["storyline"] == {"id": "sl-1", "title": "US strikes on <b>militias</b> in Syria"}
    assert [r["article_id"] for r in d["reports"]] == ["art-a", "art-b"]
    rep = d["reports"][0]
    text = rep["excerpt"]["text"]
    assert rep["excerpt"]["start"] == 0 and text == TEXT_A[: rep["excerpt"]["end"]]
    marks = {h["field"]: TEXT_A[h["start"]:h["end"]] for h in rep["highlights"]}
    assert marks["location"] == "Mayadin"
    assert marks["date"] == "November 8"
    assert marks["fatalities"] == "killing 9 militants"
    assert marks["weapons"] == "F-15"
    assert marks["actor1"] == "US"
    assert d["discrepancies"][0]["field"] == "fatalities"
    assert {v["value"] for v in d["discrepancies"][0]["values"]} == {7, 9}
    assert d["merge_reasons"][0]["score"] == 0.87


def test_event_ids_with_slashes_and_unknown_events(client):
    resp = client.get("/api/events/some/thing")
    assert resp.status_code == 404
    assert resp.json()["error"]["code"] == "E404"
    assert "some/thing" in resp.json()["error"]["message"]


def test_field_highlights_reads_both_shapes_and_drops_bad_spans():
    report = {
        "evidence": [{"start": 0, "end": 50}, {"start": 40, "end": 900}],
        "fatalities": {"value": 3, "evidence": [{"start": 10, "end": 20}]},
        "injuries": {"value": 1, "start": 21, "end": 25},
        "weapons": [{"name": "drone", "start": 30, "end": 35}],
        "location": {"name": "X", "start": None, "end": None},
        "field_evidence": {"target": [{"start": 36, "end": 40}]},
    }
    got = [(h["field"], h["start"], h["end"]) for h in field_highlights(report, text_len=100)]
    assert got == [("evidence", 0, 50), ("fatalities", 10, 20), ("injuries", 21, 25), ("weapons", 30, 35),
                   ("target", 36, 40)]


def test_article_has_text_and_spans(client):
    a = client.get("/api/articles/art-a").json()
    assert a["text"] == TEXT_A
    assert a["events"][0]["id"] == "art-a/e1"
    for key in ("mentions", "places", "times", "claims", "removed"):
        assert isinstance(a[key], list)
    assert "raw_html" not in a
    marks = {(h["event_id"], h["field"]): TEXT_A[h["start"]:h["end"]] for h in a["event_highlights"]}
    assert marks[("art-a/e1", "location")] == "Mayadin"
    assert marks[("art-a/e1", "fatalities")] == "killing 9 militants"
    assert client.get("/api/articles/missing").status_code == 404


def test_storylines_and_tallies(client):
    lines = client.get("/api/storylines").json()
    assert lines["total"] == 1 and lines["items"][0]["id"] == "sl-1"
    one = client.get("/api/storylines/sl-1").json()
    assert [e["id"] for e in one["events"]] == ["ev-mayadin", "ev-abukamal"]  # time order
    assert one["tallies"] == []
    assert client.get("/api/storylines/nope").status_code == 404
    t = client.get("/api/tallies").json()
    assert len(t["series"]) == 1
    assert [(p["as_of"], p["count"]) for p in t["series"][0]["points"]] == [("2023-11-09", 40), ("2023-11-13", 46)]


def test_stats_and_timeline_breakdown(client):
    s = client.get("/api/stats").json()
    assert s["events"] == 3
    assert s["by_type"] == {"Air/drone strike": 2, "Shelling/artillery/missile attack": 1}
    assert s["by_day_type"]["2023-11-08"] == {"Air/drone strike": 1}
    assert "path" not in s  # no server file paths in answers
    f = client.get("/api/stats", params={"country": "UA"}).json()
    assert f["events"] == 1 and f["by_day_type"] == {"2023-11-01": {"Shelling/artillery/missile attack": 1}}


def test_geojson(client):
    g = client.get("/api/events.geojson", params={"country": "SY"}).json()
    assert g["type"] == "FeatureCollection"
    assert {f["id"] for f in g["features"]} == {"ev-mayadin", "ev-abukamal"}
    f = next(f for f in g["features"] if f["id"] == "ev-mayadin")
    assert f["geometry"] == {"type": "Point", "coordinates": [40.4519, 35.0207]}
    assert f["properties"]["fatalities"] == 7


def test_health_and_openapi(client):
    assert client.get("/api/health").json() == {"status": "ok", "events": 3, "ingest": False}
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/storylines",
                 "/api/storylines/{storyline_id}", "/api/tallies", "/api/stats", "/api/events.geojson",
                 "/api/health"):
        assert path in spec["paths"], path


def test_dashboard_pages_are_served(client):
    for path in ("/", "/event", "/storyline", "/storylines", "/article", "/docs"):
        resp = client.get(path)
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
        assert '<script type="module" src="/static/app.js">' in resp.text
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/countries-110m.json").json()["type"] == "Topology"


def test_database_path_is_opened_lazily(sqlite_store, tmp_path):
    path = sqlite_store.path
    sqlite_store.close()
    c = TestClient(create_app(path))
    assert c.get("/api/events").json()["total"] == 3


def test_serve_fails_fast_without_a_database(tmp_path):
    from eventwire.errors import StoreError
    from eventwire.server.app import serve

    with pytest.raises(StoreError, match="no database"):
        serve(str(tmp_path / "missing.db"), port=1)


def test_tiles_setting_reaches_the_page_config(store):
    from eventwire.config import Settings

    c = TestClient(create_app(store, Settings({"map_tiles_url": "https://tile.example.org/{z}/{x}/{y}.png"})))
    assert c.get("/api/config").json()["tiles_url"] == "https://tile.example.org/{z}/{x}/{y}.png"
    assert "img-src 'self' data: https://tile.example.org;" in c.get("/").headers["content-security-policy"]
    assert TestClient(create_app(store)).get("/api/config").json()["tiles_url"] is None


@pytest.mark.parametrize("q", ['"unbalanced', "NOT AND (", "drone*", "'; DROP TABLE events; --", "near(x y)"])
def test_search_syntax_never_breaks_the_server(client, q):
    resp = client.get("/api/events", params={"q": q})
    assert resp.status_code == 200, resp.text
    assert client.get("/api/events").json()["total"] == 3  # and nothing was dropped


@pytest.mark.parametrize("fmt, media", [("csv", "text/csv"), ("jsonl", "application/x-ndjson"),
                                        ("geojson", "application/geo+json"), ("plover", "application/x-ndjson")])
def test_export_downloads_filtered_events(client, fmt, media):
    resp = client.get(f"/api/export/{fmt}", params={"sub_event_type": "Air/drone strike"})
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith(media)
    assert "attachment" in resp.headers["content-disposition"]
    if fmt == "csv":
        import csv
        import io

        rows = list(csv.DictReader(io.StringIO(resp.text)))
        assert sorted(r["eventwire_event_id"] for r in rows) == ["ev-abukamal", "ev-mayadin"]
    elif fmt == "geojson":
        assert {f["id"] for f in resp.json()["features"]} == {"ev-abukamal", "ev-mayadin"}
    else:
        assert len(resp.text.splitlines()) == 2


def test_export_parquet_and_errors(client):
    pq = pytest.importorskip("pyarrow.parquet")
    import io

    resp = client.get("/api/export/parquet", params={"country": "UA"})
    assert resp.status_code == 200
    assert pq.read_table(io.BytesIO(resp.content)).column("eventwire_event_id").to_pylist() == ["ev-kharkiv"]
    assert client.get("/api/export/xlsx").status_code == 404
    bad = client.get("/api/export/csv", params={"limit": 0})
    assert bad.status_code == 422 and "limit" in bad.json()["error"]["message"]
