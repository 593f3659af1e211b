"""Event lists and counts, the API's hot path: summaries, list order, plan choice, count cache, v3 -> v4 upgrade.

The SQL stores (SQLite, and PostgreSQL when its test server can start) must page and
count exactly like the in-memory store (the reference semantics), whichever index they walk, and a database written before
schema v4 must come out of the migration with the same answers.
"""

from __future__ import annotations

import json
import random
import sqlite3

import pytest

from eventwire.model import Actor, Article, Count, Event, EventDate, EventReport, Location, Span, Storyline
from eventwire.store import open_store
from eventwire.store import sqlite as sqlite_mod
from eventwire.store.base import EventFilter, event_summary
from eventwire.store.codec import date_key, event_payload
from eventwire.store.sqlite import SCHEMA_VERSION, migrate

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Protests", "Peaceful protest")]
PLACES = [("Mayadin", 35.02, 40.45, "SY"), ("Kharkiv", 49.99, 36.23, "UA"), ("Goma", -1.68, 29.22, "CD")]
ACTORS = ["Military Forces of Russia", "Iran-backed militias", "M23", "Protesters", "Société Civile"]
WORDS = ["drone", "rocket", "artillery"]


def synthetic(n: int = 120, seed: int = 3) -> tuple[list[Event], list[Storyline]]:
    """Events with repeated dates, undated ones, unlocated ones and a storyline, in shuffled order."""
    rnd = random.Random(seed)
    events = []
    line = Storyline(id="sl-x", title="x")
    for i in range(n):
        etype, sub = rnd.choice(TYPES)
        name, lat, lon, cc = rnd.choice(PLACES)
        day = None if i % 17 == 0 else f"2023-0{rnd.randint(1, 3)}-{rnd.randint(10, 12)}"
        text = f"{rnd.choice(WORDS)} attack near {name}"
        aid = f"a{i:03d}"
        art = Article(id=aid, text=text, title=f"{sub} in {name}")
        loc = None if i % 11 == 0 else Location(name=name, lat=lat, lon=lon, country_code=cc)
        a1, a2 = rnd.sample(ACTORS, 2)
        rep = EventReport(id=f"{aid}/e1", article_id=aid, event_type=etype, sub_event_type=sub,
                          actor1=Actor(name=a1.split()[0], canonical=a1), actor2=Actor(name=a2),
                          location=loc, date=EventDate(value=day, precision="day") if day else None,
                          fatalities=Count(value=rnd.choice([None, 1, 4])), evidence=[Span(0, len(text))])
        sid = "sl-x" if i % 9 == 0 else None
        if sid:
            line.event_ids.append(f"ev-{i:03d}")
        events.append(Event(id=f"ev-{i:03d}", report=rep, reports=[(rep, art)], storyline_id=sid))
    rnd.shuffle(events)
    return events, [line]


FILTERS = [
    EventFilter(limit=500),
    EventFilter(limit=7, offset=5),
    EventFilter(sub_event_type="Armed clash", limit=500),
    EventFilter(event_type="Protests", country="UA", limit=500),
    EventFilter(date_from="2023-02-01", date_to="2023-02-28", limit=500),
    EventFilter(bbox=(30.0, 30.0, 45.0, 40.0), limit=500),
    EventFilter(country="cd", limit=500),
    EventFilter(actor="iran-backed", limit=500),
    EventFilter(actor="SOCIÉTÉ", limit=500),
    EventFilter(actor="m2", sub_event_type="Air/drone strike", limit=500),
    EventFilter(actor="100%_", limit=500),
    EventFilter(storyline_id="sl-x", limit=500),
    EventFilter(q="drone", limit=500),
    EventFilter(q="drone", limit=3, offset=4),
    EventFilter(q="rocket Goma", country="CD", limit=500),
    EventFilter(q="   ", limit=500),
    EventFilter(q="nothing-like-this", limit=500),
    EventFilter(limit=10, offset=1000),
]


@pytest.fixture(scope="module")
def sqlite_stores(tmp_path_factory):
    """(the in-memory reference, a SQLite store) holding the same synthetic events."""
    events, lines = synthetic()
    mem = open_store("memory://")
    mem.replace_events(events, lines)
    sql = open_store(str(tmp_path_factory.mktemp("lists") / "l.db"))
    sql.replace_events(events, lines)
    yield mem, sql
    sql.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def stores(request, sqlite_stores):
    """The same pair for each SQL backend: PostgreSQL on the tests' throwaway server (tests/pgcluster.py;
    that half skips when the server cannot start)."""
    if request.param == "sqlite":
        yield sqlite_stores
        return
    mem = sqlite_stores[0]
    events, lines = synthetic()
    pg = open_store(request.getfixturevalue("pg_cluster").create_schema("lists"))
    pg.replace_events(events, lines)
    yield mem, pg
    pg.close()


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: repr({k: v for k, v in vars(f).items() if v}))
def test_sql_pages_and_counts_like_the_memory_store(stores, flt):
    mem, sql = stores
    expected = [e.id for e in mem.list_events(flt)]
    assert [e.id for e in sql.list_events(flt)] == expected
    assert [s["id"] for s in sql.list_event_summaries(flt)] == expected
    assert sql.count_events(flt) == mem.count_events(flt)
    if flt.q == "drone" and flt.limit == 500:
        assert 0 < len(expected) < 120  # the filter really filters


@pytest.mark.parametrize("flt", FILTERS[:6] + FILTERS[7:8] + FILTERS[12:13], ids=str)
def test_both_list_plans_give_the_same_page(sqlite_stores, flt, monkeypatch):
    _, sql = sqlite_stores
    walk = [s["id"] for s in sql.list_event_summaries(flt)]
    monkeypatch.setattr(sqlite_mod, "PAGE_WALK_LIMIT", -1)
    monkeypatch.setattr(sqlite_mod, "_only", lambda f: {"forced"})  # no FTS shortcut either
    sort = [s["id"] for s in sql.list_event_summaries(flt)]
    assert walk == sort


def test_summaries_are_the_list_rows_of_full_events(stores):
    mem, sql = stores
    flt = EventFilter(limit=50)
    full = sql.list_events(flt)
    rows = sql.list_event_summaries(flt)
    assert rows == [event_summary({"id": e.id, "fields": e.fields, "reports": e.reports,
                                   "storyline_id": e.storyline_id}) for e in full]
    assert [json.loads(t) for t in sql.list_event_summaries_json(flt)] == rows
    assert [json.loads(t) for t in mem.list_event_summaries_json(flt)] == mem.list_event_summaries(flt) == rows
    one = rows[0]
    assert "reports" not in one and one["n_reports"] == 1 and one["location"]["name"] in {p[0] for p in PLACES}


def test_counts_follow_our_writes_and_other_connections(tmp_path):
    path = str(tmp_path / "c.db")
    events, lines = synthetic(40)
    st = open_store(path)
    st.replace_events(events, lines)
    assert st.count_events(EventFilter()) == 40
    assert st.count_events(EventFilter(q="drone")) == st.count_events(EventFilter(q="drone"))  # cached path
    st.replace_events(events[:10], [])  # our own write
    assert st.count_events(EventFilter()) == 10
    other = open_store(path)
    other.replace_events(events[:25], [])  # another connection's write: seen through PRAGMA data_version
    other.close()
    assert st.count_events(EventFilter()) == 25
    assert len(st.list_event_summaries(EventFilter(limit=100))) == 25
    st.close()


def _write_v3(conn: sqlite3.Connection, events: list[Event]) -> None:
    """Rows as the schema-v3 store wrote them (no summary, seq or actor tables; FTS keyed by event_id)."""
    for p in (event_payload(e) for e in events):
        f = p["fields"]
        loc = f.get("location") or {}
        names = [v for a in (f.get("actor1") or {}, f.get("actor2") or {}) for v in (a.get("name"), a.get("canonical"))
                 if v]
        conn.execute("INSERT INTO events (id, date, sub_event_type, event_type, country, lat, lon, storyline_id,"
                     " n_reports, data, actors) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     (p["id"], date_key((f.get("date") or {}).get("value")), f.get("sub_event_type"),
                      f.get("event_type"), loc.get("country_code"), loc.get("lat"), loc.get("lon"),
                      p["storyline_id"], len(p["reports"]), json.dumps(p), " | ".join(names).lower()))
        conn.execute("INSERT INTO events_fts (event_id, title, evidence) VALUES (?,?,?)",
                     (p["id"], " \n".join(r["title"] for r in p["reports"]),
                      " \n".join(e["text"] for r in p["reports"] for e in r["evidence"])))


def test_a_v3_database_is_upgraded_with_the_same_answers(tmp_path, stores):
    mem, _ = stores
    events, _ = synthetic()
    path = str(tmp_path / "v3.db")
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=3) == 3
    _write_v3(conn, events)
    conn.close()
    st = open_store(path)
    try:
        assert st.stats()["schema_version"] == SCHEMA_VERSION
        for flt in FILTERS:
            if flt.storyline_id:
                continue  # _write_v3 keeps no storylines table rows; the column is enough for the others
            assert [s["id"] for s in st.list_event_summaries(flt)] == [e.id for e in mem.list_events(flt)], flt
            assert st.count_events(flt) == mem.count_events(flt), flt
    finally:
        st.close()
