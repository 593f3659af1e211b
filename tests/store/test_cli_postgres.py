"""The CLI over PostgreSQL gives what it gives over SQLite: `run` on the bundled examples (plus one bad
record for the quarantine), then `events`, `export`, `show`, `storylines`, `quarantine`, a second
incremental `run`, and the API over the same database.

Two full runs of the examples (about 15 s each on a busy 2-core machine): marked slow.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.cli import cli
from eventwire.runners.local import examples_dir
from eventwire.server.app import create_app

pytestmark = pytest.mark.slow


def _ok(args: list[str]) -> str:
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    return res.stdout


@pytest.fixture(scope="module")
def dbs(pg_cluster, tmp_path_factory):
    """(sqlite path, postgres URL, {db: run output}) after one `run` of the same inputs into each."""
    tmp = tmp_path_factory.mktemp("cli_pg")
    bad = tmp / "bad.jsonl"
    bad.write_text('{"id": "no-text-here", "title": "an empty record"}\n', encoding="utf-8")
    lite, url = str(tmp / "ex.db"), pg_cluster.create_schema("cli")
    runs = {db: _ok(["run", str(examples_dir()), str(bad), "--db", db, "--no-progress"]) for db in (lite, url)}
    return lite, url, runs


def _summary(output: str, db: str) -> list[str]:
    return [line.replace(db, "DB") for line in output.splitlines() if not line.startswith("store:")]


def test_run_reports_the_same_counts(dbs):
    lite, url, runs = dbs
    assert _summary(runs[url], url) == _summary(runs[lite], lite)
    assert "quarantined: 1" in runs[url] and "processed 17" in runs[url]
    assert f"store: {url}" in runs[url]


def test_events_and_exports_are_the_same(dbs):
    lite, url, _ = dbs
    pg_events = [json.loads(line) for line in _ok(["events", "--db", url, "--json", "--limit", "1000"]).splitlines()]
    lite_events = [json.loads(line) for line in _ok(["events", "--db", lite, "--json", "--limit", "1000"]).splitlines()]
    assert len(pg_events) >= 10
    assert [(e["id"], e["sub_event_type"]) for e in pg_events] == [(e["id"], e["sub_event_type"]) for e in lite_events]
    assert pg_events == lite_events
    for fmt in ("jsonl", "csv", "geojson"):
        assert _ok(["export", "--db", url, "--format", fmt]) == _ok(["export", "--db", lite, "--format", fmt]), fmt
    word = "killed"
    assert _ok(["events", "--db", url, "--search", word]) == _ok(["events", "--db", lite, "--search", word])


def test_show_storylines_quarantine(dbs):
    lite, url, _ = dbs
    first = json.loads(_ok(["events", "--db", url, "--json", "--limit", "1"]))["id"]
    assert _ok(["show", first, "--db", url]) == _ok(["show", first, "--db", lite])
    assert _ok(["storylines", "--db", url, "--json"]) == _ok(["storylines", "--db", lite, "--json"])
    assert _ok(["quarantine", "--db", url]) == _ok(["quarantine", "--db", lite])
    assert "no-text-here" in _ok(["quarantine", "--db", url]) or "bad.jsonl" in _ok(["quarantine", "--db", url])


def test_api_over_the_postgres_store(dbs):
    lite, url, _ = dbs
    pg_client = TestClient(create_app(url), raise_server_exceptions=False)
    lite_client = TestClient(create_app(lite), raise_server_exceptions=False)
    for path in ("/api/events?limit=100", "/api/events?country=SY", "/api/storylines", "/api/tallies",
                 "/api/events.geojson"):
        got, want = pg_client.get(path), lite_client.get(path)
        assert got.status_code == 200, (path, got.text)
        assert got.json() == want.json(), path
    first = pg_client.get("/api/events?limit=1").json()["items"][0]["id"]
    assert pg_client.get(f"/api/events/{first}").json() == lite_client.get(f"/api/events/{first}").json()
    stats = pg_client.get("/api/stats").json()
    assert stats["events"] == lite_client.get("/api/stats").json()["events"] and "path" not in stats


def test_a_second_run_is_incremental(dbs):
    lite, url, runs = dbs
    again = _ok(["run", str(examples_dir()), "--db", url, "--no-progress"])
    assert "processed 0, unchanged 17" in again
    assert _ok(["events", "--db", url, "--json", "--limit", "1000"]) == \
        _ok(["events", "--db", lite, "--json", "--limit", "1000"])


def test_demo_runs_into_a_database_url(dbs):
    _, url, _ = dbs
    out = _ok(["demo", "--db", url])  # the URL is used as given (it once went through Path, losing a '/')
    assert "events after resolution" in out and "unchanged 17" in out and "postgresql://" in out
