"""Every error leaves the API in one shape: {"error": {"code", "type", "message", "hint"}}."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventwire.errors import StoreError
from eventwire.server.app import create_app

KEYS = {"code", "type", "message", "hint"}


@pytest.fixture
def client(store):
    return TestClient(create_app(store, ingest_token="s3cret"), raise_server_exceptions=False)


def shape(resp, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == KEYS, body
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert "content-security-policy" in resp.headers
    return body["error"]


def test_unknown_route(client):
    err = shape(client.get("/api/nothing-here"), 404, "E404")
    assert err["type"] == "HTTPError" and err["hint"]
    shape(client.get("/no/such/page"), 404, "E404")


def test_unknown_event_article_storyline(client):
    err = shape(client.get("/api/events/nope"), 404, "E404")
    assert err["type"] == "NotFound" and ":memory:" not in err["message"]  # no server file paths
    assert shape(client.get("/api/articles/nope"), 404, "E404")["type"] == "NotFound"
    assert shape(client.get("/api/storylines/nope"), 404, "E404")["type"] == "NotFound"


@pytest.mark.parametrize("params, needle", [
    ({"limit": 0}, "limit"),
    ({"limit": 5000}, "limit"),
    ({"limit": "ten"}, "limit"),
    ({"offset": -1}, "offset"),
    ({"date_from": "9 Nov 2023"}, "date_from"),
    ({"country": "Syria"}, "country"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "a,b,c,d"}, "bbox"),
    ({"bbox": "0,50,10,40"}, "bbox"),
    ({"date_from": "2023-12-01", "date_to": "2023-11-01"}, "date_from"),
])
def test_bad_parameters(client, params, needle):
    err = shape(client.get("/api/events", params=params), 422, "E422")
    assert needle in err["message"]
    assert err["hint"]


def test_method_not_allowed(client):
    shape(client.delete("/api/events"), 405, "E405")


def test_token_errors(client):
    assert shape(client.post("/api/articles", json=[{"id": "x", "text": "t"}]), 401, "E401")["type"] == "AuthError"
    resp = client.post("/api/articles", json=[{"id": "x", "text": "t"}], headers={"Authorization": "Bearer wrong"})
    assert shape(resp, 403, "E403")["type"] == "ForbiddenError"
    resp = client.post("/api/articles", json=[{"id": "x", "text": "t"}], headers={"Authorization": "Basic s3cret"})
    shape(resp, 401, "E401")
    # the token is checked before the body is looked at
    shape(client.post("/api/articles", content=b"{not json", headers={"content-type": "application/json"}),
          401, "E401")


def test_ingest_disabled_without_token(store):
    c = TestClient(create_app(store), raise_server_exceptions=False)
    err = shape(c.post("/api/articles", json=[{"id": "x", "text": "t"}], headers={"Authorization": "Bearer x"}),
                403, "E403")
    assert "--ingest-token" in err["hint"]


def test_bad_body(client):
    auth = {"Authorization": "Bearer s3cret"}
    shape(client.post("/api/articles", content=b"{not json", headers={**auth, "content-type": "application/json"}),
          422, "E422")
    shape(client.post("/api/articles", json={"id": "x"}, headers=auth), 422, "E422")
    shape(client.post("/api/articles", json=[], headers=auth), 422, "E422")
    big = b"[" + b" " * (21 * 1024 * 1024) + b"]"
    shape(client.post("/api/articles", content=big, headers={**auth, "content-type": "application/json"}),
          413, "E413")


class _Broken:
    path = "broken"

    def count_events(self, flt=None):
        raise RuntimeError("disk on fire")

    def list_events(self, flt=None):
        raise StoreError("cannot read the database", hint="check the file")


def test_internal_and_store_errors():
    c = TestClient(create_app(_Broken()), raise_server_exceptions=False)
    err = shape(c.get("/api/health"), 500, "E500")
    assert err["type"] == "InternalError" and "disk on fire" not in err["message"]  # no internals leak
    err = shape(c.get("/api/events"), 500, "E400")
    assert err["type"] == "StoreError" and err["hint"] == "check the file"
