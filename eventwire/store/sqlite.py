"""The SQLite store: one file, versioned schema, WAL mode, FTS5 over event evidence.

Layout (see ``MIGRATIONS``): ``articles`` (text + annotations as JSON),
``event_reports`` (one row per report, the plain EventReport JSON), ``claims``,
``quarantine``; the resolved layer ``events`` (canonical fields as indexed
columns + the full payload JSON), ``event_report_links``, ``discrepancies``,
``merge_reasons``, ``storylines`` and the ``events_fts`` full-text index. The
resolved layer is rebuilt as a whole by :meth:`SQLiteStore.replace_events` in
one transaction, so readers never see half of it.

Event lists are the hot read path (the dashboard and API page through them), so
they never decode full payloads: ``events.summary`` holds the list row
(:func:`~eventwire.store.base.event_summary`), the ``events_page`` index covers
the common filters in (date, id) order, actors are looked up through
``actor_names``/``event_actors``, and ``events.seq`` numbers the events in list
order and is the FTS rowid, so a text search pages straight off the FTS index. Counts
are cached per filter until the data changes (this connection's writes, or
another connection's, seen through ``PRAGMA data_version``).

Every statement is parameterised. Schema changes are new entries appended to
``MIGRATIONS``; opening an older database applies the missing ones in order.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import fields
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, Union

from ..errors import NotFound, StoreError
from ..model import Article, Event, EventReport, Quarantined, Storyline, to_plain
from .base import EventFilter, StoredEvent, event_summary
from .codec import _actor_strings, date_key, event_payload, report_from_plain, stored_event

__all__ = ["SQLiteStore", "MIGRATIONS", "SCHEMA_VERSION"]

log = logging.getLogger(__name__)

Migration = Union[str, Callable[[sqlite3.Connection], None]]

# The resolved layer's link tables, the same in both dialects (postgres.py's schema includes them too).
LINK_TABLES_DDL = """
    CREATE TABLE event_report_links (
        event_id TEXT NOT NULL, report_id TEXT NOT NULL, article_id TEXT NOT NULL,
        PRIMARY KEY (event_id, report_id)
    );
    CREATE INDEX links_report ON event_report_links(report_id);
    CREATE INDEX links_article ON event_report_links(article_id);
    CREATE TABLE discrepancies (
        event_id TEXT NOT NULL, field TEXT NOT NULL, canonical TEXT, rule TEXT, "values" TEXT NOT NULL
    );
    CREATE INDEX discrepancies_event ON discrepancies(event_id);
    CREATE TABLE merge_reasons (event_id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL);
    CREATE INDEX merge_reasons_event ON merge_reasons(event_id);
"""

# Ordered migrations: index i brings the schema from version i to i+1. Never edit a released entry
# (LINK_TABLES_DDL is part of v1).
# An entry is an SQL script, or a function (for data backfills that must match what Python writes).
MIGRATIONS: list[Migration] = [
    # v1: articles, reports, claims, quarantine and the resolved layer.
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, hash TEXT NOT NULL, title TEXT, source TEXT, url TEXT, published_at TEXT,
        origin TEXT, text TEXT NOT NULL, raw_html TEXT, lang TEXT, duplicate_of TEXT, near_duplicate_of TEXT,
        similarity REAL, removed TEXT NOT NULL DEFAULT '[]', annotations TEXT NOT NULL DEFAULT '{}',
        meta TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL
    );
    CREATE INDEX articles_hash ON articles(hash);
    CREATE TABLE event_reports (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sub_event_type TEXT, date TEXT, data TEXT NOT NULL
    );
    CREATE INDEX event_reports_article ON event_reports(article_id);
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, kind TEXT, count INTEGER, qualifier TEXT, event TEXT, target TEXT, region TEXT,
        as_of TEXT, source TEXT, data TEXT NOT NULL
    );
    CREATE INDEX claims_article ON claims(article_id);
    CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY, origin TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL,
        article_id TEXT, excerpt TEXT, at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX quarantine_unique ON quarantine(origin, stage, coalesce(article_id, ''));
    CREATE TABLE events (
        id TEXT PRIMARY KEY, date TEXT, date_value TEXT, event_type TEXT, sub_event_type TEXT, country TEXT,
        location TEXT, lat REAL, lon REAL, actor1 TEXT, actor2 TEXT, fatalities INTEGER, storyline_id TEXT,
        n_reports INTEGER NOT NULL, data TEXT NOT NULL
    );
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_type_date ON events(sub_event_type, date);
    CREATE INDEX events_etype_date ON events(event_type, date);
    CREATE INDEX events_country_date ON events(country, date);
    CREATE INDEX events_lon_lat ON events(lon, lat);
    CREATE INDEX events_storyline ON events(storyline_id);
    """ + LINK_TABLES_DDL + """
    CREATE TABLE storylines (
        id TEXT PRIMARY KEY, title TEXT, first_date TEXT, last_date TEXT, event_ids TEXT NOT NULL,
        reasons TEXT NOT NULL
    );
    """,
    # v2: full-text search over event evidence and report titles; actor canonical columns.
    """
    CREATE VIRTUAL TABLE events_fts USING fts5(event_id UNINDEXED, title, evidence, tokenize='unicode61');
    ALTER TABLE events ADD COLUMN actors TEXT;
    """,
    # v3: event lists page through an index in (date, id) order instead of sorting every row.
    """
    CREATE INDEX events_date_id ON events(date, id);
    """,
    # v4: list rows, list-order numbers (seq), a covering page index, an actor index, FTS rows keyed by seq.
    lambda conn: _v4_list_summaries(conn),  # defined below; a lambda so the table reads in version order
]
SCHEMA_VERSION = len(MIGRATIONS)

# Filtered lists walk the covering (date, id, ...) index while the expected walk is at most this many
# entries (or 16x the matches); past that the selective index + sort is cheaper (e.g. storylines, rare words).
PAGE_WALK_LIMIT = 20_000
COUNT_CACHE_SIZE = 512
_COUNT_KEY = tuple(f.name for f in fields(EventFilter) if f.name not in ("limit", "offset"))


def _v4_list_summaries(conn: sqlite3.Connection) -> None:
    """Add ``events.summary``/``seq``, ``events_page``, the actor tables; renumber FTS rows; backfill existing rows.

    The backfill decodes every stored payload once (about 30 s per 100,000 events on a busy 2-core machine).
    """
    conn.execute("ALTER TABLE events ADD COLUMN summary TEXT")
    conn.execute("ALTER TABLE events ADD COLUMN seq INTEGER")  # position in (date, id) order, 1-based
    order = conn.execute("SELECT rowid FROM events ORDER BY date, id").fetchall()
    conn.executemany("UPDATE events SET seq = ? WHERE rowid = ?", [(i, r[0]) for i, r in enumerate(order, 1)])
    conn.execute("CREATE UNIQUE INDEX events_seq ON events(seq)")
    conn.execute("CREATE INDEX events_page ON events(date, id, sub_event_type, event_type, country, lon, lat, seq)")
    conn.execute("CREATE TABLE actor_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
    conn.execute("CREATE TABLE event_actors (event_seq INTEGER NOT NULL, actor_id INTEGER NOT NULL,"
                 " PRIMARY KEY (event_seq, actor_id)) WITHOUT ROWID")
    conn.execute("CREATE INDEX event_actors_actor ON event_actors(actor_id, event_seq)")
    actor_ids: dict[str, int] = {}
    last = 0
    while True:  # batches by rowid: never update the table a cursor is still walking
        rows = conn.execute("SELECT rowid, seq, data FROM events WHERE rowid > ? ORDER BY rowid LIMIT 2000",
                            (last,)).fetchall()
        if not rows:
            break
        last = rows[-1][0]
        updates, links = [], []
        for rowid, seq, data in rows:
            payload = json.loads(data)
            updates.append((_summary_json(payload), rowid))
            links += [(seq, _actor_id(conn, actor_ids, name)) for name in set(_actor_strings(payload["fields"]))]
        conn.executemany("UPDATE events SET summary = ? WHERE rowid = ?", updates)
        conn.executemany("INSERT OR IGNORE INTO event_actors VALUES (?, ?)", links)
    conn.execute("CREATE TEMP TABLE _fts_move AS SELECT e.seq AS rid, f.event_id AS event_id, f.title AS title,"
                 " f.evidence AS evidence FROM events_fts f JOIN events e ON e.id = f.event_id")
    conn.execute("DELETE FROM events_fts")
    conn.execute("INSERT INTO events_fts (rowid, event_id, title, evidence)"
                 " SELECT rid, event_id, title, evidence FROM _fts_move")
    conn.execute("DROP TABLE _fts_move")


def _actor_id(conn: sqlite3.Connection, cache: dict[str, int], name: str) -> int:
    """The id of a (lower-case) actor name in ``actor_names``, inserting it on first sight."""
    if name not in cache:
        row = conn.execute("SELECT id FROM actor_names WHERE name = ?", (name,)).fetchone()
        cache[name] = row[0] if row else conn.execute("INSERT INTO actor_names (name) VALUES (?)", (name,)).lastrowid
    return cache[name]


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` as a plain substring (with ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def where_sql(flt: EventFilter, ph: str, search: Callable[[str], tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    """The WHERE clause and parameters of ``flt`` over ``events e`` (shared by the SQL backends).

    ``ph`` is the driver's placeholder ("?" or "%s"); ``search(q)`` gives the backend's full-text clause."""
    clauses: list[str] = []
    params: list[Any] = []
    for value, clause in ((flt.sub_event_type, "e.sub_event_type = {}"), (flt.event_type, "e.event_type = {}"),
                          (flt.date_from, "e.date >= {}"), (flt.date_to, "e.date <= {}"),
                          (flt.country and flt.country.upper(), "e.country = {}"),
                          (flt.storyline_id, "e.storyline_id = {}")):
        if value:
            clauses.append(clause.format(ph))
            params.append(value)
    if flt.bbox:
        min_lon, min_lat, max_lon, max_lat = (float(x) for x in flt.bbox)
        clauses.append(f"e.lon BETWEEN {ph} AND {ph} AND e.lat BETWEEN {ph} AND {ph}")
        params += [min_lon, max_lon, min_lat, max_lat]
    if flt.actor:
        # per-name substring match (like the memory store), looked up in the small table of distinct names
        clauses.append("EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_seq = e.seq AND ea.actor_id IN"
                       f" (SELECT id FROM actor_names WHERE name LIKE {ph} ESCAPE '\\'))")
        params.append(_like(flt.actor.lower()))
    if flt.q and flt.q.strip():
        clause, extra = search(flt.q)
        clauses.append(clause)
        params += extra
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='schema_version'").fetchone()
    if row is None:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing migrations up to ``target``, each in its own transaction; returns the version."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)")
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {current} is newer than this eventwire supports ({SCHEMA_VERSION})",
            hint="upgrade eventwire, or use a different --db")
    for version in range(current, target):
        log.info("migrating store schema %d -> %d", version, version + 1)
        try:
            # one script = one transaction: the schema change and its version row land together or not at all
            stamp = f"INSERT INTO schema_version VALUES ({int(version) + 1}, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));"
            step = MIGRATIONS[version]
            if isinstance(step, str):
                conn.executescript("BEGIN;\n" + step + "\n" + stamp + "\nCOMMIT;")
            else:
                conn.execute("BEGIN")
                step(conn)
                conn.execute(stamp)
                conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"cannot migrate the database to schema version {version + 1}: {exc}",
                             hint="restore a backup or start a new --db") from None
    return max(current, target)


def _fts_query(q: str) -> str:
    """User words -> an FTS5 query of quoted terms (implicit AND), so no input is an FTS syntax error."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in q.split())


class SQLiteStore:
    """A :class:`~eventwire.store.base.Store` in one SQLite file (thread-safe through one lock)."""

    def __init__(self, path: str, create: bool = True) -> None:
        self.path = path
        if path != ":memory:" and not create and not os.path.exists(path):
            raise StoreError(f"no database at {path}", hint="run `eventwire run ...` first, or pass --db")
        if path != ":memory:":
            parent = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(parent):
                raise StoreError(f"cannot create a database at {path}: folder {parent} does not exist",
                                 hint="create the folder or choose another --db")
        try:
            self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._conn.execute("PRAGMA foreign_keys=ON")
            if path != ":memory:":
                self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA busy_timeout=10000")
            migrate(self._conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the database at {path}: {exc}",
                             hint="is it an eventwire SQLite file? choose another --db") from None
        self._lock = threading.RLock()
        self._writes = 0  # bumped by our own commits (data_version only sees other connections')
        self._counts: OrderedDict[tuple[Any, ...], int] = OrderedDict()
        self._counts_stamp: tuple[int, int] | None = None

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")
                self._writes += 1

    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            cur = self._conn.execute(sql, tuple(params))
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, row)) for row in cur.fetchall()]

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except sqlite3.Error:  # closing twice is harmless
                pass

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ------------------------------------------------------------------ articles
    def has_article(self, article_id: str, content_hash: str) -> bool:
        rows = self._all("SELECT 1 FROM articles WHERE id = ? AND hash = ?", (article_id, content_hash))
        return bool(rows)

    def save_article(self, article: Article) -> None:
        """Insert or replace one article with its reports and claims (a changed text replaces them)."""
        annotations = {
            "mentions": to_plain(article.mentions),
            "places": to_plain(article.places),
            "times": to_plain(article.times),
        }
        with self._tx() as c:
            c.execute("DELETE FROM event_reports WHERE article_id = ?", (article.id,))
            c.execute("DELETE FROM claims WHERE article_id = ?", (article.id,))
            c.execute(
                "INSERT INTO articles (id, hash, title, source, url, published_at, origin, text, raw_html, lang,"
                " duplicate_of, near_duplicate_of, similarity, removed, annotations, meta, created_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET hash=excluded.hash, title=excluded.title, source=excluded.source,"
                " url=excluded.url, published_at=excluded.published_at, origin=excluded.origin, text=excluded.text,"
                " raw_html=excluded.raw_html, lang=excluded.lang, duplicate_of=excluded.duplicate_of,"
                " near_duplicate_of=excluded.near_duplicate_of, similarity=excluded.similarity,"
                " removed=excluded.removed, annotations=excluded.annotations, meta=excluded.meta",
                (article.id, article.hash, article.title, article.source, article.url, article.published_at,
                 article.origin, article.text, article.raw_html, article.lang, article.duplicate_of,
                 article.near_duplicate_of, article.similarity, _dumps(to_plain(article.removed)),
                 _dumps(annotations), _dumps(_json_safe(article.meta)), _now()))
            c.executemany(
                "INSERT OR REPLACE INTO event_reports (id, article_id, sub_event_type, date, data) VALUES (?,?,?,?,?)",
                [(r.id, article.id, r.sub_event_type, r.date.value if r.date else None, _dumps(to_plain(r)))
                 for r in article.events])
            c.executemany(
                "INSERT INTO claims (article_id, seq, kind, count, qualifier, event, target, region, as_of, source,"
                " data) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(article.id, i, cl.kind, cl.count, cl.qualifier, cl.event, cl.target, cl.region, cl.as_of,
                  cl.source, _dumps(to_plain(cl))) for i, cl in enumerate(article.claims)])

    def get_article(self, article_id: str) -> dict[str, Any]:
        rows = self._all("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise NotFound(f"no article {article_id!r} in {self.path}", hint="list events with `eventwire events`")
        return _article_row(rows[0], self._reports_of(article_id), self._claims_of(article_id))

    def _reports_of(self, article_id: str) -> list[dict[str, Any]]:
        return [json.loads(r["data"]) for r in
                self._all("SELECT data FROM event_reports WHERE article_id = ? ORDER BY id", (article_id,))]

    def _claims_of(self, article_id: str) -> list[dict[str, Any]]:
        return [json.loads(r["data"]) for r in
                self._all("SELECT data FROM claims WHERE article_id = ? ORDER BY seq", (article_id,))]

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        ids = [r["id"] for r in self._all("SELECT id FROM articles ORDER BY id")]
        for article_id in ids:
            yield self.get_article(article_id)

    def article_fingerprints(self) -> Iterator[tuple[str, str, str]]:
        with self._lock:
            rows = self._conn.execute("SELECT id, hash, text FROM articles ORDER BY id").fetchall()
        for row in rows:
            yield row[0], row[1], row[2]

    # ------------------------------------------------------------------ quarantine
    def save_quarantine(self, item: Quarantined) -> None:
        excerpt = (item.excerpt or "")[:300] or None
        with self._tx() as c:
            c.execute(
                "INSERT INTO quarantine (origin, stage, reason, article_id, excerpt, at) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT DO UPDATE SET reason=excluded.reason, excerpt=excluded.excerpt, at=excluded.at",
                (item.origin, item.stage, item.reason, item.article_id, excerpt, _now()))

    def list_quarantine(self) -> list[dict[str, Any]]:
        return self._all("SELECT origin, stage, reason, article_id, excerpt, at FROM quarantine ORDER BY id")

    # ------------------------------------------------------------------ reports and events
    def iter_reports(self) -> Iterator[tuple[EventReport, Article]]:
        """Every stored report with a light Article (id, source, title, dates, url, text, duplicate links)."""
        with self._lock:
            arts = self._conn.execute(
                "SELECT id, hash, title, source, url, published_at, text, duplicate_of, near_duplicate_of, similarity"
                " FROM articles WHERE id IN (SELECT DISTINCT article_id FROM event_reports) ORDER BY id").fetchall()
        for a in arts:
            article = Article(id=a[0], hash=a[1], title=a[2], source=a[3], url=a[4], published_at=a[5], text=a[6],
                              duplicate_of=a[7], near_duplicate_of=a[8], similarity=a[9])
            with self._lock:
                reps = self._conn.execute("SELECT data FROM event_reports WHERE article_id = ? ORDER BY id",
                                          (a[0],)).fetchall()
            for (data,) in reps:
                yield report_from_plain(json.loads(data)), article

    def replace_events(self, events: Iterable[Event], storylines: Iterable[Storyline]) -> None:
        """Swap the whole resolved layer (events, links, discrepancies, reasons, storylines) atomically."""
        events = list(events)
        storylines = list(storylines)
        payloads = [event_payload(e) for e in events]
        dates = {p["id"]: date_key((p["fields"].get("date") or {}).get("value")) for p in payloads}
        # seq = position in list order ((date, id) ascending, undated first as SQLite sorts NULL lowest)
        payloads.sort(key=lambda p: (dates[p["id"]] is not None, dates[p["id"]] or "", p["id"]))
        with self._tx() as c:
            for table in ("events", "event_report_links", "discrepancies", "merge_reasons", "storylines",
                          "events_fts", "event_actors", "actor_names"):
                c.execute(f"DELETE FROM {table}")  # table names are constants, not input
            actor_ids: dict[str, int] = {}
            for seq, p in enumerate(payloads, 1):
                f = p["fields"]
                loc = f.get("location") or {}
                a1, a2 = f.get("actor1") or {}, f.get("actor2") or {}
                actors = " | ".join(str(v) for v in (a1.get("name"), a1.get("canonical"), a2.get("name"),
                                                     a2.get("canonical")) if v)
                c.execute(
                    "INSERT INTO events (id, date, date_value, event_type, sub_event_type, country, location, lat, lon,"
                    " actor1, actor2, fatalities, storyline_id, n_reports, data, actors, summary, seq)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (p["id"], dates[p["id"]], (f.get("date") or {}).get("value"), f.get("event_type"),
                     f.get("sub_event_type"), (loc.get("country_code") or None), loc.get("name"), loc.get("lat"),
                     loc.get("lon"), a1.get("canonical") or a1.get("name"), a2.get("canonical") or a2.get("name"),
                     (f.get("fatalities") or {}).get("value"), p["storyline_id"], len(p["reports"]), _dumps(p),
                     actors.lower(), _summary_json(p), seq))
                c.executemany("INSERT OR IGNORE INTO event_actors VALUES (?,?)",
                              [(seq, _actor_id(c, actor_ids, name)) for name in set(_actor_strings(f))])
                c.executemany("INSERT OR IGNORE INTO event_report_links VALUES (?,?,?)",
                              [(p["id"], r["report_id"], r["article_id"]) for r in p["reports"]])
                c.executemany('INSERT INTO discrepancies (event_id, field, canonical, rule, "values")'
                              ' VALUES (?,?,?,?,?)',
                              [(p["id"], d["field"], _dumps(d["canonical"]), d["rule"], _dumps(d["values"]))
                               for d in p["discrepancies"]])
                c.executemany("INSERT INTO merge_reasons VALUES (?,?,?)",
                              [(p["id"], i, _dumps(m)) for i, m in enumerate(p["merge_reasons"])])
                c.execute("INSERT INTO events_fts (rowid, event_id, title, evidence) VALUES (?,?,?,?)",
                          (seq, p["id"], " \n".join(r["title"] for r in p["reports"] if r.get("title")),
                           " \n".join(e["text"] for r in p["reports"] for e in r["evidence"])))
            for s in storylines:
                ds = sorted(d for d in (dates.get(e) for e in s.event_ids) if d)
                c.execute("INSERT INTO storylines VALUES (?,?,?,?,?,?)",
                          (s.id, s.title, ds[0] if ds else None, ds[-1] if ds else None, _dumps(s.event_ids),
                           _dumps(s.reasons)))

    def _where(self, flt: EventFilter) -> tuple[str, list[Any]]:
        return where_sql(flt, "?", lambda q: ("e.seq IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)",
                                              [_fts_query(q)]))

    def _page_seqs(self, flt: EventFilter) -> list[int]:
        """The ``seq`` of one page of ``flt`` in list order (newest first; undated last: NULL sorts lowest)."""
        n = self.count_events(flt)
        if n == 0 or flt.offset >= n:
            return []
        if _only(flt) == {"q"}:  # FTS rowids are seqs, i.e. in list order: page off the posting list
            with self._lock:
                return [r[0] for r in self._conn.execute(
                    "SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?",
                    (_fts_query(flt.q or ""), int(flt.limit), int(flt.offset)))]
        where, params = self._where(flt)
        # Walk the covering (date, id, ...) index, testing filters on index entries, while the expected walk
        # is short; otherwise let the planner start from the selective index and sort the matches.
        walk = (flt.offset + flt.limit) * self.count_events(EventFilter()) / n
        index = " INDEXED BY events_page" if where and walk <= max(PAGE_WALK_LIMIT, 16 * n) else ""
        sql = f"SELECT e.seq FROM events e{index}{where} ORDER BY e.date DESC, e.id DESC LIMIT ? OFFSET ?"
        with self._lock:
            return [r[0] for r in self._conn.execute(sql, (*params, int(flt.limit), int(flt.offset)))]

    def _by_seq(self, column: str, seqs: list[int]) -> dict[int, Any]:
        marks = ",".join("?" * len(seqs))
        with self._lock:  # column is one of our own names, never input
            rows = self._conn.execute(f"SELECT seq, {column} FROM events WHERE seq IN ({marks})", seqs)
            return dict(rows.fetchall())

    def list_events(self, flt: EventFilter | None = None) -> list[StoredEvent]:
        """Events matching ``flt``, newest first (undated last: SQLite sorts NULL lowest)."""
        seqs = self._page_seqs(flt or EventFilter())
        if not seqs:
            return []
        data = self._by_seq("data", seqs)
        return [stored_event(json.loads(data[r])) for r in seqs]

    def list_event_summaries(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Like :meth:`list_events`, as :func:`~eventwire.store.base.event_summary` rows (no payload decoding)."""
        seqs = self._page_seqs(flt or EventFilter())
        if not seqs:
            return []
        rows = self._by_seq("summary", seqs)
        return [json.loads(rows[r]) for r in seqs]

    def list_event_summaries_json(self, flt: EventFilter | None = None) -> list[str]:
        """:meth:`list_event_summaries` as stored JSON texts, for a server that passes them through undecoded."""
        seqs = self._page_seqs(flt or EventFilter())
        if not seqs:
            return []
        rows = self._by_seq("summary", seqs)
        return [rows[r] for r in seqs]

    def data_stamp(self) -> tuple[int, int]:
        """Changes whenever committed data may have changed (ours or another connection's): a cache key part."""
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0]), self._writes

    def count_events(self, flt: EventFilter | None = None) -> int:
        """How many events match ``flt`` (limit/offset ignored); cached per filter until the data changes."""
        flt = flt or EventFilter()
        key = tuple(getattr(flt, name) for name in _COUNT_KEY)
        with self._lock:
            stamp = self.data_stamp()
            if stamp != self._counts_stamp:
                self._counts.clear()
                self._counts_stamp = stamp
            if key in self._counts:
                self._counts.move_to_end(key)
                return self._counts[key]
            n = self._count(flt)
            self._counts[key] = n
            if len(self._counts) > COUNT_CACHE_SIZE:
                self._counts.popitem(last=False)
            return n

    def _count(self, flt: EventFilter) -> int:
        only = _only(flt)
        if only == {"q"}:  # every FTS row is one event: count the posting list alone
            sql, params = "SELECT count(*) FROM events_fts WHERE events_fts MATCH ?", [_fts_query(flt.q)]
        elif only == {"actor"}:
            sql = ("SELECT count(DISTINCT event_seq) FROM event_actors WHERE actor_id IN"
                   " (SELECT id FROM actor_names WHERE name LIKE ? ESCAPE '\\')")
            params = [_like(flt.actor.lower())]
        else:
            where, params = self._where(flt)
            sql = f"SELECT count(*) FROM events e{where}"
        return int(self._conn.execute(sql, params).fetchone()[0])

    def get_event(self, event_id: str) -> StoredEvent:
        rows = self._all("SELECT data FROM events WHERE id = ?", (event_id,))
        if not rows:
            raise NotFound(f"no event {event_id!r} in {self.path}", hint="list events with `eventwire events`")
        return stored_event(json.loads(rows[0]["data"]))

    def list_storylines(self) -> list[dict[str, Any]]:
        """Storylines with a timeline of their events (date order)."""
        out = []
        for s in self._all("SELECT * FROM storylines ORDER BY first_date, id"):
            ids = json.loads(s["event_ids"])
            marks = ",".join("?" * len(ids))
            evs = self._all(f"SELECT id, date, date_value, sub_event_type, location, country, actor1, actor2,"
                            f" fatalities, n_reports FROM events WHERE id IN ({marks}) ORDER BY date, id", ids)
            out.append({"id": s["id"], "title": s["title"], "first_date": s["first_date"],
                        "last_date": s["last_date"], "event_ids": [e["id"] for e in evs] or ids,
                        "reasons": json.loads(s["reasons"]), "events": evs})
        return out

    def list_claims(self) -> list[dict[str, Any]]:
        """Tally claims from all articles, grouped into series with flags (see resolve.tallies)."""
        return claim_series(self._all(CLAIMS_SQL))

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self._all(sql)[0]  # noqa: E731 - tiny local helper
        out: dict[str, Any] = {
            "path": self.path,
            "schema_version": schema_version(self._conn),
            "articles": one("SELECT count(*) AS n FROM articles")["n"],
            "duplicates": one("SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL")["n"],
            "near_duplicates": one("SELECT count(*) AS n FROM articles WHERE near_duplicate_of IS NOT NULL")["n"],
            "reports": one("SELECT count(*) AS n FROM event_reports")["n"],
            "events": one("SELECT count(*) AS n FROM events")["n"],
            "multi_source_events": one("SELECT count(*) AS n FROM events WHERE n_reports > 1")["n"],
            "storylines": one("SELECT count(*) AS n FROM storylines")["n"],
            "claims": one("SELECT count(*) AS n FROM claims")["n"],
            "quarantined": one("SELECT count(*) AS n FROM quarantine")["n"],
            "discrepancies": one("SELECT count(*) AS n FROM discrepancies")["n"],
        }
        span = one("SELECT min(date) AS first, max(date) AS last FROM events")
        out["first_date"], out["last_date"] = span["first"], span["last"]
        out["by_type"] = {r["sub_event_type"]: r["n"] for r in self._all(
            "SELECT sub_event_type, count(*) AS n FROM events GROUP BY sub_event_type ORDER BY n DESC")}
        out["by_country"] = {r["country"]: r["n"] for r in self._all(
            "SELECT country, count(*) AS n FROM events GROUP BY country ORDER BY n DESC")}
        out["sources"] = {r["source"]: r["n"] for r in self._all(
            "SELECT source, count(*) AS n FROM articles GROUP BY source ORDER BY n DESC")}
        return out


CLAIMS_SQL = ("SELECT c.data, c.article_id, a.source AS outlet, a.published_at, a.title"
              " FROM claims c JOIN articles a ON a.id = c.article_id ORDER BY c.article_id, c.seq")


def claim_series(rows: Iterable[Any]) -> list[dict[str, Any]]:
    """Rows of ``CLAIMS_SQL`` (shared by the SQL backends) as flagged tally series (see resolve.tallies)."""
    from ..resolve.tallies import flag_claims

    claims = []
    for r in rows:
        d = json.loads(r["data"])
        d.update(article_id=r["article_id"], outlet=r["outlet"], published_at=r["published_at"], title=r["title"])
        claims.append(d)
    return flag_claims(claims)


def _summary_json(payload: dict[str, Any]) -> str:
    """The stored list row: strict JSON (servers splice it into responses), NaN/inf become null."""
    summary = event_summary(payload)
    try:
        return json.dumps(summary, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:
        return json.dumps(_finite(summary), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _finite(obj: Any) -> Any:
    if isinstance(obj, float):
        return obj if obj == obj and obj not in (float("inf"), float("-inf")) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_finite(v) for v in obj]
    return obj


def _only(flt: EventFilter) -> set[str]:
    """The names of the filters ``flt`` actually applies (a blank ``q`` applies nothing)."""
    return {k for k, v in vars(flt).items()
            if v and k not in ("limit", "offset") and not (k == "q" and not str(v).strip())}


def _json_safe(obj: Any) -> Any:
    """Meta dicts may hold anything; keep what JSON can carry."""
    try:
        json.dumps(obj)
        return obj
    except (TypeError, ValueError):
        return {k: v for k, v in obj.items() if _is_json(v)} if isinstance(obj, dict) else {}


def _is_json(v: Any) -> bool:
    try:
        json.dumps(v)
        return True
    except (TypeError, ValueError):
        return False


def _article_row(row: dict[str, Any], reports: list[dict[str, Any]], claims: list[dict[str, Any]]) -> dict[str, Any]:
    ann = json.loads(row.pop("annotations") or "{}")
    row["removed"] = json.loads(row["removed"] or "[]")
    row["meta"] = json.loads(row["meta"] or "{}")
    row.update(ann)
    row["events"] = reports
    row["claims"] = claims
    return row
