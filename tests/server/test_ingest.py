"""POST /api/articles: token-guarded ingestion through the pipeline, storage and re-resolution."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventwire.model import Article, EventDate, EventReport, Location, Quarantined, Span
from eventwire.server.app import create_app

AUTH = {"Authorization": "Bearer s3cret"}
TEXT = "A drone strike hit a market in Abu Kamal on November 20, killing 3 civilians, witnesses said."


class FakePipeline:
    """Stands in for spaCy and the extractors: one air strike per article, 'bad' ids are quarantined."""

    def pipe(self, items):
        for item in items:
            if isinstance(item, Quarantined) or item.id.startswith("bad"):
                yield item if isinstance(item, Quarantined) else Quarantined(
                    origin=item.origin, reason="empty: nothing to read", stage="validate", article_id=item.id)
                continue
            item.events = [EventReport(
                id=f"{item.id}/e1", article_id=item.id, event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike",
                location=Location(name="Abu Kamal", lat=34.4506, lon=40.9186, country_code="SY", geo_precision=1),
                date=EventDate(value="2023-11-20", precision="day"), evidence=[Span(0, len(item.text))])]
            yield item


@pytest.fixture
def client(store):
    app = create_app(store, ingest_token="s3cret")
    app.state.ingester._pipeline = FakePipeline()
    return TestClient(app, raise_server_exceptions=False)


def test_post_stores_quarantines_and_resolves(client, store):
    before = client.get("/api/events").json()["total"]
    assert client.get("/api/stats").json()["events"] == before  # cached for the dashboard...
    recs = [{"id": "new-1", "text": TEXT, "published_at": "2023-11-20", "source": "Outlet X"},
            {"id": "new-2", "text": TEXT + " Rescuers searched the rubble.", "published_at": "2023-11-20",
             "source": "Outlet Y"},
            {"id": "bad-1", "text": "x"},
            {"text": "no id"}]
    resp = client.post("/api/articles", json=recs, headers=AUTH)
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["stored"] == ["new-1", "new-2"]
    assert sorted(str(q["id"]) for q in body["quarantined"]) == ["None", "bad-1"]
    assert any("has no id" in q["reason"] for q in body["quarantined"])
    assert isinstance(body["events"], int)
    assert store.get_article("new-1")["text"] == TEXT
    total = client.get("/api/events").json()["total"]
    assert total > 0 and total == body["events"]
    assert client.get("/api/stats").json()["events"] == total  # ...and the cache is dropped on ingestion
    near = client.get("/api/events", params={"date_from": "2023-11-20"}).json()
    assert near["total"] >= 1
    assert {r["article_id"] for e in near["items"] for r in client.get(f"/api/events/{e['id']}").json()["reports"]} \
        == {"new-1", "new-2"}
    assert before == 3
    # posting the same text again changes nothing
    again = client.post("/api/articles", json=recs[:1], headers=AUTH).json()
    assert again["unchanged"] == ["new-1"] and again["stored"] == []


def test_too_many_records(client):
    resp = client.post("/api/articles", json=[{"id": str(i), "text": "t"} for i in range(501)], headers=AUTH)
    assert resp.status_code == 422 and "at most" in resp.json()["error"]["message"]


@pytest.mark.slow
def test_real_pipeline_end_to_end(tmp_path):
    """The real annotate pipeline (spaCy, gazetteer, extractors) and resolver behind POST /api/articles."""
    from eventwire.store import open_store

    st = open_store(str(tmp_path / "e2e.db"))
    c = TestClient(create_app(st, ingest_token="s3cret"), raise_server_exceptions=False)
    recs = [{"id": "e2e-1", "published_at": "2023-11-09", "source": "Wire A",
             "text": "US F-15 fighter jets struck a weapons storage facility near Mayadin in eastern Syria on "
                     "Wednesday, killing nine militants, the Pentagon said on Thursday."}]
    resp = c.post("/api/articles", json=recs, headers=AUTH)
    assert resp.status_code == 201, resp.text
    assert resp.json()["stored"] == ["e2e-1"] and resp.json()["events"] >= 1
    ev = c.get("/api/events").json()["items"][0]
    detail = c.get(f"/api/events/{ev['id']}").json()
    rep = detail["reports"][0]
    text = recs[0]["text"]
    fields = {h["field"]: text[h["start"]:h["end"]] for h in rep["highlights"]}
    assert fields.get("location") == "Mayadin"
    assert c.get("/api/articles/e2e-1").json()["times"]
    st.close()
