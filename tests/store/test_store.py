"""The store protocol, run against SQLite, PostgreSQL and the in-memory backend alike."""

from __future__ import annotations

import sqlite3

import pytest

from eventwire.config import Settings
from eventwire.errors import NotFound, StoreError
from eventwire.model import Claim, Mention, Quarantined, Span
from eventwire.resolve import resolve_reports
from eventwire.store import EventFilter, open_store
from eventwire.store.sqlite import SCHEMA_VERSION, migrate, schema_version
from tests.resolve.helpers import article_with_report

TEXT_A = "US F-15 jets struck a weapons depot near Mayadin in eastern Syria on Wednesday, the Pentagon said."
TEXT_B = "American warplanes bombed a weapons storage facility in Mayadin, Syria, killing seven militants."
TEXT_C = "Russian jets struck an apartment block in Kharkiv overnight."


def corpus():
    a = article_with_report("a1", TEXT_A, source="Reuters", fatalities=9, weapons=(("F-15", 2),),
                            claims=[Claim(kind="tally", count=40, event="attacks", target="US forces",
                                          as_of="2023-11-09", source="Pentagon", evidence=[Span(0, 10)])])
    a.mentions = [Mention(start=3, end=7, text="F-15", label="MILITARY_PLATFORM")]
    b = article_with_report("b1", TEXT_B, source="AP", fatalities=7)
    c = article_with_report("c1", TEXT_C, source="AFP", place="Kharkiv", actor1="Russia", actor2="Ukraine",
                            day="2023-11-20", published_at="2023-11-20", sub="Air/drone strike")
    return [a, b, c]


@pytest.fixture(params=["sqlite", "memory", "postgres"])
def store(request, tmp_path):
    where = {"sqlite": lambda: str(tmp_path / "ew.db"), "memory": lambda: "memory://",
             "postgres": lambda: request.getfixturevalue("pg_url")}  # pg_url skips when PostgreSQL is absent
    s = open_store(where[request.param]())
    yield s
    s.close()


def fill(store):
    for art in corpus():
        store.save_article(art)
    events, lines = resolve_reports(list(store.iter_reports()), Settings())
    store.replace_events(events, lines)
    return events


def test_round_trip_of_articles_and_reports(store):
    arts = corpus()
    for art in arts:
        store.save_article(art)
    assert store.has_article("a1", arts[0].hash) and not store.has_article("a1", "other-hash")
    got = store.get_article("a1")
    assert got["text"] == TEXT_A and got["source"] == "Reuters"
    assert got["mentions"][0]["label"] == "MILITARY_PLATFORM"
    assert got["claims"][0]["count"] == 40
    pairs = list(store.iter_reports())
    assert [(r.id, a.id) for r, a in pairs] == [("a1/e1", "a1"), ("b1/e1", "b1"), ("c1/e1", "c1")]
    rep, art = pairs[0]
    assert rep == arts[0].events[0]  # exact round trip of the dataclass
    assert art.text == TEXT_A and art.published_at == "2023-11-09"
    assert sorted(i for i, _, _ in store.article_fingerprints()) == ["a1", "b1", "c1"]


def test_resaving_adds_no_rows_and_changed_text_replaces_reports(store):
    fill(store)
    fill(store)
    assert store.stats()["articles"] == 3 and store.stats()["reports"] == 3 and store.stats()["events"] == 2
    changed = article_with_report("a1", TEXT_A + " Update: no casualties.", source="Reuters")
    changed.events[0].id = "a1/e9"
    store.save_article(changed)
    assert [r.id for r, _ in store.iter_reports()][0] == "a1/e9"
    assert store.stats()["reports"] == 3 and store.stats()["claims"] == 0


def test_events_filters(store):
    fill(store)
    assert store.count_events() == 2
    mayadin = store.list_events(EventFilter(country="SY"))
    assert len(mayadin) == 1 and len(mayadin[0].reports) == 2
    eid = mayadin[0].id
    assert mayadin[0].fields["fatalities"]["value"] == 7
    assert [e.id for e in store.list_events(EventFilter(q="weapons depot"))] == [eid]
    assert store.list_events(EventFilter(q="apartment Kharkiv"))[0].fields["location"]["name"] == "Kharkiv"
    assert store.count_events(EventFilter(q='"unbalanced quote')) == 0  # never an FTS syntax error
    assert store.count_events(EventFilter(bbox=(40.0, 34.5, 41.0, 35.5))) == 1
    assert store.count_events(EventFilter(bbox=(0.0, 0.0, 1.0, 1.0))) == 0
    assert store.count_events(EventFilter(actor="russ")) == 1
    assert store.count_events(EventFilter(actor="50%_")) == 0
    assert store.count_events(EventFilter(date_from="2023-11-10")) == 1
    assert store.count_events(EventFilter(date_to="2023-11-08")) == 1
    assert store.count_events(EventFilter(sub_event_type="Air/drone strike")) == 2
    assert store.count_events(EventFilter(event_type="Battles")) == 0
    newest_first = store.list_events()
    assert [e.fields["date"]["value"] for e in newest_first] == ["2023-11-20", "2023-11-08"]
    assert [e.id for e in store.list_events(EventFilter(limit=1, offset=1))] == [newest_first[1].id]
    assert store.get_event(eid).merge_reasons[0]["reports"] == ["a1/e1", "b1/e1"]
    assert store.get_event(eid).discrepancies[0]["field"] == "fatalities"
    evidence = store.get_event(eid).reports[0]["evidence"][0]
    assert evidence["text"] == TEXT_A[evidence["start"]:evidence["end"]]
    with pytest.raises(NotFound):
        store.get_event("ev-nope")


def test_storylines_and_claims(store):
    a = article_with_report("s1", TEXT_A, source="Reuters", day="2023-11-08")
    b = article_with_report("s2", "US jets struck Abu Kamal again.", source="AP", day="2023-11-20",
                            place="Abu Kamal", published_at="2023-11-20",
                            claims=[Claim(kind="tally", count=38, event="attacks", target="US forces",
                                          as_of="2023-11-10", source="Pentagon")])
    for art in corpus() + [a, b]:
        store.save_article(art)
    events, lines = resolve_reports(list(store.iter_reports()), Settings())
    store.replace_events(events, lines)
    got = store.list_storylines()
    assert len(got) == 1 and len(got[0]["events"]) == 2  # s1 is a third report of the Mayadin strike
    assert got[0]["first_date"] == "2023-11-08" and got[0]["last_date"] == "2023-11-20"
    assert store.count_events(EventFilter(storyline_id=got[0]["id"])) == 2
    claims = store.list_claims()
    assert [c["count"] for c in claims] == [40, 38]
    assert claims[1]["flags"][0]["flag"] == "decrease"


def test_quarantine_is_idempotent(store):
    item = Quarantined(origin="in.jsonl:3", reason="malformed: no text", stage="ingest", article_id="x")
    store.save_quarantine(item)
    store.save_quarantine(item)
    rows = store.list_quarantine()
    assert len(rows) == 1 and rows[0]["reason"] == "malformed: no text"


def test_replace_events_swaps_the_whole_layer(store):
    fill(store)
    store.replace_events([], [])
    assert store.count_events() == 0 and store.list_storylines() == []


def test_missing_database_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="no database at .*run `eventwire run"):
        open_store(str(tmp_path / "missing.db"), create=False)


def test_not_a_database_is_a_store_error(tmp_path):
    bad = tmp_path / "junk.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError):
        open_store(str(bad))


def test_sqlite_uses_wal_and_the_current_schema(tmp_path):
    s = open_store(str(tmp_path / "w.db"))
    try:
        assert s._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.stats()["schema_version"] == SCHEMA_VERSION
    finally:
        s.close()


def test_opening_an_older_database_migrates_it(tmp_path):
    path = str(tmp_path / "old.db")
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=1) == 1  # a database written by the first release
    conn.execute("INSERT INTO articles (id, hash, text, created_at) VALUES ('old1', 'h', 'old text', 'then')")
    conn.close()
    s = open_store(path)
    try:
        assert s.stats()["schema_version"] == SCHEMA_VERSION
        assert s.get_article("old1")["text"] == "old text"
        for art in corpus():
            s.save_article(art)
        events, lines = resolve_reports(list(s.iter_reports()), Settings())
        s.replace_events(events, lines)
        assert s.count_events(EventFilter(q="Kharkiv")) == 1
    finally:
        s.close()


def test_newer_database_is_refused(tmp_path):
    path = str(tmp_path / "new.db")
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn)
    conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (SCHEMA_VERSION + 5,))
    assert schema_version(conn) == SCHEMA_VERSION + 5
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(path)
