"""What only the PostgreSQL store has to prove: schema versioning, atomic swaps seen by other connections,
concurrent writers, PostgreSQL full-text search, connection errors that help (and never leak a password).
The contract tests in ``test_store.py``, the list and count tests in ``test_event_lists.py`` (the same pages
and counts as the in-memory reference) and the API tests in ``tests/server`` also run against it (their
store fixtures have a ``postgres`` case).
"""

from __future__ import annotations

import socket
import threading

import pytest

from eventwire.errors import NotFound, StoreError
from eventwire.model import Article, Quarantined
from eventwire.store import EventFilter, open_store
from tests.store.test_event_lists import synthetic
from tests.store.test_store import corpus, fill

psycopg = pytest.importorskip("psycopg")
from eventwire.store import postgres as pg  # noqa: E402 - needs psycopg


@pytest.fixture
def store(pg_url):
    s = open_store(pg_url)
    yield s
    s.close()


def test_schema_is_created_versioned_and_a_newer_one_refused(pg_url):
    s = open_store(pg_url)
    assert s.stats()["schema_version"] == pg.SCHEMA_VERSION
    s.close()
    again = open_store(pg_url)  # reopening migrates nothing and keeps one version row per version
    versions = [r[0] for r in again._rows("SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, pg.SCHEMA_VERSION + 1))
    again._rows("INSERT INTO schema_version (version) VALUES (%s) RETURNING version", (pg.SCHEMA_VERSION + 3,))
    again.close()
    with pytest.raises(StoreError, match="newer than this eventwire supports"):
        open_store(pg_url)


def test_opening_without_create_needs_existing_tables(pg_url):
    with pytest.raises(StoreError, match="no database at .*no eventwire tables"):
        open_store(pg_url, create=False)
    open_store(pg_url).close()
    open_store(pg_url, create=False).close()


def test_concurrent_first_opens_create_the_schema_once(pg_url):
    errors: list[BaseException] = []

    def opener() -> None:
        try:
            open_store(pg_url).close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=opener) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    s = open_store(pg_url)
    assert s._rows("SELECT count(*) FROM schema_version")[0][0] == pg.SCHEMA_VERSION
    s.close()


def test_replace_events_is_atomic_for_other_connections(pg_url, monkeypatch):
    events, lines = synthetic(40)
    writer = open_store(pg_url)
    writer.replace_events(events, lines)
    reader = open_store(pg_url)
    before_ids = [e.id for e in reader.list_events(EventFilter(limit=100))]
    before_stamp = reader.data_stamp()
    seen: dict[str, object] = {}
    real_copy = pg._copy

    def copy_then_look(cur, table, columns, rows):
        real_copy(cur, table, columns, rows)
        if table == "events":  # mid-swap: old rows deleted, new ones written, nothing committed
            seen["count"] = reader.count_events(EventFilter())
            seen["ids"] = [e.id for e in reader.list_events(EventFilter(limit=100))]
            seen["storylines"] = len(reader.list_storylines())
            seen["stamp"] = reader.data_stamp()

    monkeypatch.setattr(pg, "_copy", copy_then_look)
    writer.replace_events(events[:10], [])
    assert seen == {"count": 40, "ids": before_ids, "storylines": 1, "stamp": before_stamp}
    assert reader.data_stamp() != before_stamp  # the commit is visible to the page cache of any process
    assert reader.count_events(EventFilter()) == 10 and reader.list_storylines() == []
    writer.close()
    reader.close()


def test_a_failed_replace_leaves_the_old_layer(store):
    events, lines = synthetic(20)
    store.replace_events(events, lines)
    with pytest.raises(psycopg.errors.UniqueViolation):
        store.replace_events(events + events[:1], lines)  # a duplicate event id fails mid-transaction
    assert store.count_events() == 20 and len(store.list_storylines()) == 1


def test_concurrent_writers_never_mix_layers(pg_url):
    events, lines = synthetic(60)
    stores = [open_store(pg_url) for _ in range(3)]
    sizes = [60, 25, 7]
    errors: list[BaseException] = []

    def write(st, n: int) -> None:
        try:
            for _ in range(3):
                st.replace_events(events[:n], lines if n == 60 else [])
                st.save_article(Article(id=f"w{n}", text=f"writer {n}"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(st, n)) for st, n in zip(stores, sizes)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    n = stores[0].count_events()
    assert n in sizes and len(stores[0].list_events(EventFilter(limit=100))) == n
    assert stores[0].stats()["articles"] == 3
    for st in stores:
        st.close()


def test_full_text_search_uses_postgres_websearch(store):
    fill(store)
    mayadin = store.list_events(EventFilter(country="SY"))[0].id
    assert [e.id for e in store.list_events(EventFilter(q="weapons depot"))] == [mayadin]
    assert [e.id for e in store.list_events(EventFilter(q='"weapons depot"'))] == [mayadin]  # a phrase
    assert store.count_events(EventFilter(q='"depot weapons"')) == 0
    assert store.count_events(EventFilter(q="Kharkiv or Mayadin")) == 2
    assert store.count_events(EventFilter(q="jets -Kharkiv")) == 1
    assert store.count_events(EventFilter(q="WEAPONS")) == 1  # case-insensitive
    assert store.count_events(EventFilter(q="weapon")) == 0  # no stemming, like SQLite's FTS5
    for odd in ('"', "-", "&|!()", "'", ":*", "\\", "\x00"):
        assert store.count_events(EventFilter(q=odd)) == 0  # never a tsquery syntax error
    idx = store._rows("SELECT indexdef FROM pg_indexes WHERE indexname = 'events_search'")
    assert idx and "USING gin (search)" in idx[0][0]


def test_counts_follow_other_processes_writes(pg_url):
    events, lines = synthetic(30)
    a, b = open_store(pg_url), open_store(pg_url)
    a.replace_events(events, lines)
    assert a.count_events(EventFilter(q="drone")) == a.count_events(EventFilter(q="drone"))  # cached
    assert a.count_events() == 30
    b.replace_events(events[:12], [])
    assert a.count_events() == 12  # b's commit bumped the shared write counter
    a.close()
    b.close()


def test_text_with_nul_is_stored_with_its_offsets(store):
    art = Article(id="nul", text="before\x00after", title="t\x00itle")
    store.save_article(art)
    got = store.get_article("nul")
    assert got["text"] == "before\ufffdafter" and len(got["text"]) == len(art.text)
    assert got["title"] == "t\ufffditle"


def test_stats_and_articles_match_sqlite(store, tmp_path):
    lite = open_store(str(tmp_path / "s.db"))
    fill(lite)
    fill(store)
    drop = {"path", "schema_version"}  # each backend numbers its own schema versions
    a, b = store.stats(), lite.stats()
    assert {k: v for k, v in a.items() if k not in drop} == {k: v for k, v in b.items() if k not in drop}
    for art in corpus():
        got, want = store.get_article(art.id), lite.get_article(art.id)
        assert {k: v for k, v in got.items() if k != "created_at"} == \
            {k: v for k, v in want.items() if k != "created_at"}
    assert store.list_claims() == lite.list_claims()
    assert store.list_storylines() == lite.list_storylines()
    with pytest.raises(NotFound, match="no article"):
        store.get_article("nope")
    lite.close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


def test_unreachable_server_names_what_to_check_and_hides_the_password():
    url = f"postgresql://alice:S3cr3t-pw@127.0.0.1:{_closed_port()}/events?connect_timeout=3"
    with pytest.raises(StoreError) as err:
        open_store(url)
    text = str(err.value)
    assert "S3cr3t-pw" not in text and "cannot connect to PostgreSQL at postgresql://alice@127.0.0.1:" in text
    assert "running" in err.value.hint and "PGPASSWORD" in err.value.hint and "~/.pgpass" in err.value.hint


def test_password_option_is_hidden_too():
    url = f"postgresql://bob@127.0.0.1:{_closed_port()}/x?password=hunter2&connect_timeout=3"
    assert pg.redact_url(url) == url.replace("password=hunter2&", "")
    with pytest.raises(StoreError) as err:
        open_store(url)
    assert "hunter2" not in str(err.value)


def test_missing_database_says_how_to_create_it(pg_cluster):
    with pytest.raises(StoreError) as err:
        open_store(pg_cluster.url("no_such_db"))
    assert "does not exist" in str(err.value) and "createdb no_such_db" in err.value.hint


def test_lost_connection_reconnects(store):
    fill(store)
    pid = store._conn.info.backend_pid
    killer = psycopg.connect(store._url, autocommit=True)
    killer.execute("SELECT pg_terminate_backend(%s)", (pid,))
    killer.close()
    with pytest.raises(StoreError, match="failed"):
        store.count_events(EventFilter(country="SY"))  # the statement in flight fails, saying so
    assert store.count_events(EventFilter(country="UA")) == 1  # the next one reconnects


def test_a_read_only_role_can_open_list_and_serve_but_not_write(pg_url, pg_cluster):
    st = open_store(pg_url)
    fill(st)
    st.close()
    schema = pg_url.rsplit("search_path%3D", 1)[1]
    role = f"reader_{schema}"
    with psycopg.connect(pg_url, autocommit=True) as conn:  # our own generated names, not input
        conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}")
    ro = open_store(pg_url.replace(f"{pg_cluster.user}@", f"{role}@"), create=False)
    try:
        assert ro.count_events() == 2 and ro.list_event_summaries()[0]["id"]
        with pytest.raises(StoreError, match="cannot write to") as err:
            ro.save_quarantine(Quarantined(origin="x", reason="r", stage="ingest"))
        assert "only read" in err.value.hint
        assert ro.count_events() == 2  # the connection is still usable
    finally:
        ro.close()


def test_without_psycopg_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setattr(pg, "psycopg", None)
    with pytest.raises(StoreError, match="needs the psycopg driver") as err:
        open_store("postgresql://someone@127.0.0.1/db")
    assert "eventwire[postgres]" in err.value.hint


def test_search_query_keeps_websearch_syntax_over_our_tokens():
    assert pg.search_query("Weapons  depot") == "weapons depot"
    assert pg.search_query('"F-15 jets" or Société -Kharkiv') == '"f 15 jets" or societe -kharkiv'
    assert pg.search_query("Air/drone") == '"air drone"'
    assert pg.search_query('"unclosed phrase') == '"unclosed phrase"'
    assert [pg.search_query(q) for q in ('"', "-x", "or", "&|!", "or -x")] == [None] * 5
    assert pg.search_text("«Mayadin» Air/drone F-15, a_b") == "mayadin air drone f 15 a b"
    # accents fold on both sides, as in SQLite's unicode61 tokenizer: "Mayadin" finds "Al Mayādīn"
    assert pg.search_text("Al Mayādīn, Dayr az Zawr, Ḩalab") == "al mayadin dayr az zawr halab"
    assert pg.search_query("MAYĀDĪN") == "mayadin"


def test_an_older_resolution_never_lands_on_a_newer_one(pg_url, caplog):
    from eventwire.config import Settings
    from eventwire.resolve import resolve_reports

    a, b = open_store(pg_url), open_store(pg_url)
    first, second, third = corpus()
    a.save_article(first)
    b.save_article(second)
    stale = resolve_reports(list(a.iter_reports()), Settings())  # a reads: 2 articles
    b.save_article(third)
    b.replace_events(*resolve_reports(list(b.iter_reports()), Settings()))  # b reads and stores: 3 articles
    assert b.count_events() == 2
    a.replace_events(*stale)  # a's resolution is older than the stored one: dropped
    assert a.count_events() == 2 and a.count_events(EventFilter(country="UA")) == 1
    assert "keeping it" in caplog.text
    a.replace_events(*resolve_reports(list(a.iter_reports()), Settings()))  # up to date again: stored
    assert a.count_events() == 2
    a.close()
    b.close()
