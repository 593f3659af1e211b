"""The PostgreSQL store: the SQLite store's layout and answers, in a server database a team shares.

``open_store("postgresql://user@host:port/dbname")`` opens it. The URL is libpq's
own, so its query options pass through (``?sslmode=require``,
``?options=-csearch_path%3Dteam1`` for a schema of one's own). The password comes
from ``PGPASSWORD`` or ``~/.pgpass`` (or the URL); it never appears in ``path``,
in messages or in logs.

Layout: the tables of :mod:`eventwire.store.sqlite` (schema v4) with the same
columns and the same JSON codec, so a store reads back the same dicts whichever
backend wrote it. The differences are PostgreSQL's own tools:

* full-text search is a generated ``tsvector`` column (``simple`` configuration
  over words split and lower-cased in Python, no stemming: the tokens of SQLite's
  FTS5 ``unicode61``, whatever the database locale) under a GIN index, queried
  with ``websearch_to_tsquery`` (words are ANDed; quoted phrases, ``or`` and
  ``-word`` also work, and no input is a syntax error);
* ``events.seq`` numbers the events in list order, so every list is
  ``ORDER BY seq DESC`` through a (filter column, seq) index, in one statement
  (one snapshot); ``summary`` holds the list row so lists never decode payloads;
* ``store_state.writes`` is bumped by every write transaction: it is the
  ``data_stamp`` that invalidates the API page cache and the count cache, whoever wrote.
* ``store_state.reports`` counts article saves and ``resolved_from`` says which
  count the stored event layer was resolved from: two runs resolving at once
  cannot leave the older resolution on top (see :meth:`PostgresStore.replace_events`).

Several processes may write at once. Every write is one transaction;
``replace_events`` rebuilds the resolved layer under a transaction-scoped
advisory lock (writers queue, readers keep reading the old layer until the
commit: MVCC, never half of it); the migration runs under another advisory lock
so two first opens cannot both create the schema. Multi-statement reads run in
one REPEATABLE READ snapshot. Text columns are ``COLLATE "C"`` where they order
lists, so ties break exactly as in Python and SQLite whatever the database locale.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import unicodedata
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import fields
from typing import Any, Iterable, Iterator
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from ..errors import NotFound, StoreError
from ..model import Article, Event, EventReport, Quarantined, Storyline, to_plain
from .base import EventFilter, StoredEvent
from .codec import _actor_strings, date_key, event_payload, report_from_plain, stored_event
from .sqlite import (CLAIMS_SQL, LINK_TABLES_DDL, _article_row, _dumps, _json_safe, _like, _now, _only, _summary_json,
                     claim_series, where_sql)

try:  # optional dependency: the `postgres` extra
    import psycopg
    from psycopg.rows import dict_row
except ImportError:  # pragma: no cover - exercised only where psycopg is absent
    psycopg = None  # type: ignore[assignment]
    dict_row = None  # type: ignore[assignment]

__all__ = ["PostgresStore", "MIGRATIONS", "SCHEMA_VERSION", "schema_version", "migrate", "redact_url", "search_text",
           "search_query"]

log = logging.getLogger(__name__)

# Ordered migrations: index i brings the schema from version i to i+1. Never edit a released entry.
MIGRATIONS: list[str] = [
    # v1: everything SQLite has at its v4, in PostgreSQL types.
    """
    CREATE TABLE articles (
        id TEXT COLLATE "C" PRIMARY KEY, hash TEXT NOT NULL, title TEXT, source TEXT, url TEXT, published_at TEXT,
        origin TEXT, text TEXT NOT NULL, raw_html TEXT, lang TEXT, duplicate_of TEXT, near_duplicate_of TEXT,
        similarity DOUBLE PRECISION, removed TEXT NOT NULL DEFAULT '[]', annotations TEXT NOT NULL DEFAULT '{}',
        meta TEXT NOT NULL DEFAULT '{}', created_at TEXT NOT NULL
    );
    CREATE INDEX articles_hash ON articles(hash);
    CREATE TABLE event_reports (
        id TEXT COLLATE "C" PRIMARY KEY,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        sub_event_type TEXT, date TEXT, data TEXT NOT NULL
    );
    CREATE INDEX event_reports_article ON event_reports(article_id, id);
    CREATE TABLE claims (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, kind TEXT, count BIGINT, qualifier TEXT, event TEXT, target TEXT, region TEXT,
        as_of TEXT, source TEXT, data TEXT NOT NULL
    );
    CREATE INDEX claims_article ON claims(article_id, seq);
    CREATE TABLE quarantine (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, origin TEXT NOT NULL, stage TEXT NOT NULL,
        reason TEXT NOT NULL, article_id TEXT, excerpt TEXT, at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX quarantine_unique ON quarantine(origin, stage, (coalesce(article_id, '')));
    CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        id TEXT COLLATE "C" NOT NULL UNIQUE, date TEXT COLLATE "C", date_value TEXT, event_type TEXT,
        sub_event_type TEXT, country TEXT, location TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
        actor1 TEXT, actor2 TEXT, fatalities BIGINT, storyline_id TEXT, n_reports INTEGER NOT NULL,
        actors TEXT, data TEXT NOT NULL, summary TEXT NOT NULL, search_text TEXT NOT NULL DEFAULT '',
        search TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED
    );
    CREATE INDEX events_date ON events(date, seq);
    CREATE INDEX events_type_seq ON events(sub_event_type, seq);
    CREATE INDEX events_etype_seq ON events(event_type, seq);
    CREATE INDEX events_country_seq ON events(country, seq);
    CREATE INDEX events_storyline_seq ON events(storyline_id, seq);
    CREATE INDEX events_lon_lat ON events(lon, lat);
    CREATE INDEX events_search ON events USING gin(search);
    CREATE TABLE actor_names (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE event_actors (
        event_seq INTEGER NOT NULL, actor_id INTEGER NOT NULL, PRIMARY KEY (event_seq, actor_id)
    );
    CREATE INDEX event_actors_actor ON event_actors(actor_id, event_seq);
    """ + LINK_TABLES_DDL + """
    CREATE TABLE storylines (
        id TEXT COLLATE "C" PRIMARY KEY, title TEXT, first_date TEXT COLLATE "C", last_date TEXT,
        event_ids TEXT NOT NULL, reasons TEXT NOT NULL
    );
    CREATE TABLE store_state (
        id INTEGER PRIMARY KEY CHECK (id = 1), writes BIGINT NOT NULL, reports BIGINT NOT NULL,
        resolved_from BIGINT
    );
    INSERT INTO store_state VALUES (1, 0, 0, NULL);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

# Advisory lock keys (any constant bigint unlikely to clash with an application's own): schema, resolved layer.
LOCK_SCHEMA = 0x65770001
LOCK_EVENTS = 0x65770002
COUNT_CACHE_SIZE = 512
_COUNT_KEY = tuple(f.name for f in fields(EventFilter) if f.name not in ("limit", "offset"))
_RESOLVED_TABLES = ("events", "event_report_links", "discrepancies", "merge_reasons", "storylines",
                    "event_actors", "actor_names")
_EVENT_COLUMNS = ("seq", "id", "date", "date_value", "event_type", "sub_event_type", "country", "location", "lat",
                  "lon", "actor1", "actor2", "fatalities", "storyline_id", "n_reports", "actors", "data", "summary",
                  "search_text")
_CONNECT_HINT = ("check that the PostgreSQL server is running and accepts connections there, that the URL's user,"
                 " host, port and database name are right (postgresql://USER@HOST:PORT/DBNAME), and that the"
                 " password is in PGPASSWORD or ~/.pgpass")


def redact_url(url: str) -> str:
    """``url`` without its password (in the user part or a ``password=`` option): safe to show and log."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, host = netloc.rsplit("@", 1)
            user = userinfo.split(":", 1)[0]
            netloc = f"{user}@{host}" if user else host
        query = "&".join(kv for kv in parts.query.split("&") if kv.split("=", 1)[0].lower() != "password")
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return "postgresql://(unparseable URL)"


def _secrets(url: str) -> list[str]:
    """The password(s) carried by ``url``, to scrub from any driver message."""
    out = []
    try:
        parts = urlsplit(url)
        if parts.password:
            out.append(parts.password)
        out += [v for k, v in parse_qsl(parts.query) if k.lower() == "password" and v]
    except ValueError:
        pass
    return [s for s in out if s]


def _message(exc: BaseException, secrets: list[str]) -> str:
    """The driver's message on one line, without any password."""
    text = " ".join(str(exc).split())
    for s in secrets:
        text = text.replace(s, "***")
    return text or type(exc).__name__


def _t(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL: replace it (same length, so stored offsets stay true)."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) and "\x00" in value else value


_WORD = re.compile(r"[^\W_]+")  # letters and digits, Unicode-aware: what SQLite's FTS5 unicode61 calls a token


def _words(text: str) -> list[str]:
    """Lower-cased words without accents ("Mayādīn" -> "mayadin"), as SQLite's unicode61 tokenizer folds them."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return _WORD.findall("".join(c for c in decomposed if not unicodedata.combining(c)))


def search_text(text: str) -> str:
    """``text`` as folded words joined by spaces, what the ``search`` tsvector is built from.

    Python splits, lower-cases and drops accents, not PostgreSQL's parser, so that tokens do not depend on
    the database locale (a C-locale database would keep "«Mayadin»" whole and "Air/drone" is one 'file'
    token anywhere) and need no server extension (unaccent).
    """
    return " ".join(_words(text))


def search_query(q: str) -> str | None:
    """A user's search as ``websearch_to_tsquery`` input over :func:`search_text` tokens (None: no words at all).

    Words are ANDed; "quoted words" are a phrase; ``or`` between words is OR; ``-word`` excludes. A word
    with inner punctuation ("F-15", "Air/drone") becomes the phrase of its parts, as in SQLite.
    """
    parts: list[str] = []
    for i, segment in enumerate(q.split('"')):
        if i % 2:  # inside quotes (an unclosed quote runs to the end)
            words = _words(segment)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        for chunk in segment.split():
            if chunk.lower() == "or":
                parts.append("or")
                continue
            words = _words(chunk)
            if words:
                term = words[0] if len(words) == 1 else '"' + " ".join(words) + '"'
                parts.append(("-" if chunk.startswith("-") else "") + term)
    while parts and parts[0] == "or":
        parts.pop(0)
    return " ".join(parts) if any(p not in ("or",) and not p.startswith("-") for p in parts) else None


def schema_version(conn: Any) -> int:
    """The schema version of the database behind ``conn`` (0 = no eventwire tables)."""
    if conn.execute("SELECT to_regclass('schema_version')").fetchone()[0] is None:
        return 0
    return int(conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0])


def migrate(conn: Any, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing migrations up to ``target`` in one transaction (under an advisory lock); returns the version.

    ``conn`` is an autocommit psycopg connection. An up-to-date schema is only read (a read-only role can open it).
    """
    current = schema_version(conn)
    if current >= target:
        _check_not_newer(current)
        return current
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_SCHEMA,))  # concurrent first opens queue here
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version"
                     " (version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
        current = schema_version(conn)  # again: another process may have migrated while we waited
        _check_not_newer(current)
        for version in range(current, target):
            log.info("migrating PostgreSQL store schema %d -> %d", version, version + 1)
            conn.execute(MIGRATIONS[version])
            conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (version + 1,))
    return max(current, target)


def _check_not_newer(current: int) -> None:
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {current} is newer than this eventwire supports ({SCHEMA_VERSION})",
            hint="upgrade eventwire, or use a different --db")


def _search_clause(q: str) -> tuple[str, list[Any]]:
    query = search_query(q)
    if query is None:  # punctuation only, or nothing but exclusions: nothing to look for
        return "FALSE", []
    return "e.search @@ websearch_to_tsquery('simple', %s)", [query]


class PostgresStore:
    """A :class:`~eventwire.store.base.Store` in a PostgreSQL database (one connection, made thread-safe by a lock)."""

    def __init__(self, url: str, create: bool = True) -> None:
        if psycopg is None:
            raise StoreError("the PostgreSQL backend needs the psycopg driver, which is not installed",
                             hint='pip install "eventwire[postgres]" (or "psycopg[binary]")')
        self._url = url
        self._secrets = _secrets(url)
        self.path = redact_url(url)
        self._lock = threading.RLock()
        self._counts: OrderedDict[tuple[Any, ...], int] = OrderedDict()
        self._counts_stamp: tuple[int, ...] | None = None
        self._reports_seen: int | None = None  # the article-save count iter_reports last read
        self._conn = self._connect()
        try:
            if not create and schema_version(self._conn) == 0:
                raise StoreError(f"no database at {self.path}: it has no eventwire tables",
                                 hint="run `eventwire run ... --db URL` first, or pass another --db")
            migrate(self._conn)
        except psycopg.Error as exc:
            self._conn.close()
            raise StoreError(f"cannot set up the eventwire tables in {self.path}: {_message(exc, self._secrets)}",
                             hint="the user needs to own the database (createdb -O USER DBNAME) or be granted"
                                  " CREATE on its schema") from None
        except StoreError:
            self._conn.close()
            raise

    # ------------------------------------------------------------------ plumbing
    def _connect(self) -> Any:
        options: dict[str, Any] = {"autocommit": True}
        if "connect_timeout" not in self._url:
            options["connect_timeout"] = 10
        try:
            return psycopg.connect(self._url, **options)
        except psycopg.Error as exc:
            msg = _message(exc, self._secrets)
            hint = _CONNECT_HINT
            m = re.search(r'database "([^"]+)" does not exist', msg)
            if m:
                hint = f"create it first (createdb {m.group(1)}), or fix the database name in the URL"
            elif "password" in msg.lower() or "authentication" in msg.lower():
                hint = "set the password in PGPASSWORD or ~/.pgpass (or check the user name in the URL)"
            raise StoreError(f"cannot connect to PostgreSQL at {self.path}: {msg}", hint=hint) from None

    def _live(self) -> Any:
        """The connection, reconnecting once if the server dropped it (a restart, an idle timeout)."""
        if self._conn.closed or self._conn.broken:
            log.warning("the connection to %s was lost; reconnecting", self.path)
            self._conn = self._connect()
        return self._conn

    def _lost(self, exc: BaseException) -> StoreError:
        return StoreError(f"the PostgreSQL server at {self.path} failed: {_message(exc, self._secrets)}",
                          hint=_CONNECT_HINT)

    @contextmanager
    def _tx(self, reports: bool = False) -> Iterator[Any]:
        """One write transaction; commits bump the write counter (``data_stamp``) and, for ``reports``, the
        article-save counter that resolutions are stamped with."""
        bump = "writes = writes + 1" + (", reports = reports + 1" if reports else "")
        with self._lock:
            conn = self._live()
            try:
                with conn.transaction(), conn.cursor() as cur:
                    yield cur
                    cur.execute(f"UPDATE store_state SET {bump} WHERE id = 1")  # constant text, not input
            except psycopg.errors.InsufficientPrivilege as exc:
                raise StoreError(f"cannot write to {self.path}: {_message(exc, self._secrets)}",
                                 hint="this database user may only read; use a user that owns the eventwire"
                                      " tables (or GRANT INSERT, UPDATE, DELETE on them)") from None
            except psycopg.OperationalError as exc:
                raise self._lost(exc) from None

    @contextmanager
    def _read(self) -> Iterator[Any]:
        """Several reads that must agree: one REPEATABLE READ snapshot, dict rows."""
        with self._lock:
            conn = self._live()
            try:
                with conn.transaction(), conn.cursor(row_factory=dict_row) as cur:
                    cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    yield cur
            except psycopg.OperationalError as exc:
                raise self._lost(exc) from None

    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """One statement (its own snapshot), as dict rows."""
        with self._lock:
            conn = self._live()
            try:
                with conn.cursor(row_factory=dict_row) as cur:
                    return cur.execute(sql, tuple(params)).fetchall()
            except psycopg.OperationalError as exc:
                raise self._lost(exc) from None

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """One statement, as tuples."""
        with self._lock:
            conn = self._live()
            try:
                return conn.execute(sql, tuple(params)).fetchall()
            except psycopg.OperationalError as exc:
                raise self._lost(exc) from None

    def close(self) -> None:
        with self._lock:
            try:
                self._conn.close()
            except psycopg.Error:  # closing twice, or a dead server, is harmless
                pass

    def __enter__(self) -> "PostgresStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ------------------------------------------------------------------ articles
    def has_article(self, article_id: str, content_hash: str) -> bool:
        return bool(self._rows("SELECT 1 FROM articles WHERE id = %s AND hash = %s", (article_id, content_hash)))

    def save_article(self, article: Article) -> None:
        """Insert or replace one article with its reports and claims (a changed text replaces them)."""
        annotations = {
            "mentions": to_plain(article.mentions),
            "places": to_plain(article.places),
            "times": to_plain(article.times),
        }
        row = (article.id, article.hash, article.title, article.source, article.url, article.published_at,
               article.origin, article.text, article.raw_html, article.lang, article.duplicate_of,
               article.near_duplicate_of, article.similarity, _dumps(to_plain(article.removed)),
               _dumps(annotations), _dumps(_json_safe(article.meta)), _now())
        with self._tx(reports=True) as cur:
            cur.execute("DELETE FROM event_reports WHERE article_id = %s", (article.id,))
            cur.execute("DELETE FROM claims WHERE article_id = %s", (article.id,))
            cur.execute(
                "INSERT INTO articles (id, hash, title, source, url, published_at, origin, text, raw_html, lang,"
                " duplicate_of, near_duplicate_of, similarity, removed, annotations, meta, created_at)"
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)"
                " ON CONFLICT (id) DO UPDATE SET hash=excluded.hash, title=excluded.title, source=excluded.source,"
                " url=excluded.url, published_at=excluded.published_at, origin=excluded.origin, text=excluded.text,"
                " raw_html=excluded.raw_html, lang=excluded.lang, duplicate_of=excluded.duplicate_of,"
                " near_duplicate_of=excluded.near_duplicate_of, similarity=excluded.similarity,"
                " removed=excluded.removed, annotations=excluded.annotations, meta=excluded.meta",
                tuple(_t(v) for v in row))
            reports = [(r.id, article.id, r.sub_event_type, r.date.value if r.date else None, _dumps(to_plain(r)))
                       for r in article.events]
            if reports:
                cur.executemany(
                    "INSERT INTO event_reports (id, article_id, sub_event_type, date, data) VALUES (%s,%s,%s,%s,%s)"
                    " ON CONFLICT (id) DO UPDATE SET article_id=excluded.article_id,"
                    " sub_event_type=excluded.sub_event_type, date=excluded.date, data=excluded.data",
                    [tuple(_t(v) for v in r) for r in reports])
            claims = [(article.id, i, cl.kind, cl.count, cl.qualifier, cl.event, cl.target, cl.region, cl.as_of,
                       cl.source, _dumps(to_plain(cl))) for i, cl in enumerate(article.claims)]
            if claims:
                cur.executemany(
                    "INSERT INTO claims (article_id, seq, kind, count, qualifier, event, target, region, as_of,"
                    " source, data) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                    [tuple(_t(v) for v in c) for c in claims])

    def get_article(self, article_id: str) -> dict[str, Any]:
        with self._read() as cur:
            row = cur.execute("SELECT * FROM articles WHERE id = %s", (article_id,)).fetchone()
            if row is None:
                raise NotFound(f"no article {article_id!r} in {self.path}",
                               hint="list events with `eventwire events`")
            reports = cur.execute("SELECT data FROM event_reports WHERE article_id = %s ORDER BY id",
                                  (article_id,)).fetchall()
            claims = cur.execute("SELECT data FROM claims WHERE article_id = %s ORDER BY seq",
                                 (article_id,)).fetchall()
        return _article_row(dict(row), [json.loads(r["data"]) for r in reports],
                            [json.loads(r["data"]) for r in claims])

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        for (article_id,) in self._rows("SELECT id FROM articles ORDER BY id"):
            yield self.get_article(article_id)

    def article_fingerprints(self) -> Iterator[tuple[str, str, str]]:
        yield from self._rows("SELECT id, hash, text FROM articles ORDER BY id")

    # ------------------------------------------------------------------ quarantine
    def save_quarantine(self, item: Quarantined) -> None:
        excerpt = (item.excerpt or "")[:300] or None
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO quarantine (origin, stage, reason, article_id, excerpt, at) VALUES (%s,%s,%s,%s,%s,%s)"
                " ON CONFLICT (origin, stage, (coalesce(article_id, ''))) DO UPDATE"
                " SET reason=excluded.reason, excerpt=excluded.excerpt, at=excluded.at",
                tuple(_t(v) for v in (item.origin, item.stage, item.reason, item.article_id, excerpt, _now())))

    def list_quarantine(self) -> list[dict[str, Any]]:
        return self._all("SELECT origin, stage, reason, article_id, excerpt, at FROM quarantine ORDER BY id")

    # ------------------------------------------------------------------ reports and events
    def iter_reports(self) -> Iterator[tuple[EventReport, Article]]:
        """Every stored report with a light Article (id, source, title, dates, url, text, duplicate links)."""
        with self._read() as cur:  # one snapshot: no report without its article
            arts = cur.execute(
                "SELECT id, hash, title, source, url, published_at, text, duplicate_of, near_duplicate_of, similarity"
                " FROM articles a WHERE EXISTS (SELECT 1 FROM event_reports r WHERE r.article_id = a.id)"
                " ORDER BY id").fetchall()
            reps = cur.execute("SELECT article_id, data FROM event_reports ORDER BY article_id, id").fetchall()
            self._reports_seen = int(cur.execute("SELECT reports FROM store_state WHERE id = 1").fetchone()["reports"])
        by_article: dict[str, list[str]] = {}
        for r in reps:
            by_article.setdefault(r["article_id"], []).append(r["data"])
        for a in arts:
            article = Article(**a)
            for data in by_article.get(a["id"], ()):
                yield report_from_plain(json.loads(data)), article

    def replace_events(self, events: Iterable[Event], storylines: Iterable[Storyline]) -> None:
        """Swap the whole resolved layer atomically: readers see the old layer until the commit, then the new one.

        Several processes may resolve at once (two runs, a run and the API's ingest). Each resolves what
        :meth:`iter_reports` gave it; if, by the time it holds the rebuild lock, the stored layer was resolved
        from *more* saved articles than its own, its layer is older and is dropped (logged), so the newest
        resolution always stays on top. Without a preceding ``iter_reports`` the layer is taken as current.
        """
        basis, self._reports_seen = self._reports_seen, None
        payloads = [event_payload(e) for e in events]
        storylines = list(storylines)
        dates = {p["id"]: date_key((p["fields"].get("date") or {}).get("value")) for p in payloads}
        # seq = position in list order ((date, id) ascending, undated first), so lists are ORDER BY seq DESC
        payloads.sort(key=lambda p: (dates[p["id"]] is not None, dates[p["id"]] or "", p["id"]))
        event_rows, actor_rows, link_rows, disc_rows, reason_rows = [], [], [], [], []
        actor_ids: dict[str, int] = {}
        for seq, p in enumerate(payloads, 1):
            f = p["fields"]
            loc = f.get("location") or {}
            a1, a2 = f.get("actor1") or {}, f.get("actor2") or {}
            actors = " | ".join(str(v) for v in (a1.get("name"), a1.get("canonical"), a2.get("name"),
                                                 a2.get("canonical")) if v)
            search = search_text(" \n".join([r["title"] for r in p["reports"] if r.get("title")]
                                             + [e["text"] for r in p["reports"] for e in r["evidence"]]))
            event_rows.append((seq, p["id"], dates[p["id"]], (f.get("date") or {}).get("value"), f.get("event_type"),
                               f.get("sub_event_type"), loc.get("country_code") or None, loc.get("name"),
                               loc.get("lat"), loc.get("lon"), a1.get("canonical") or a1.get("name"),
                               a2.get("canonical") or a2.get("name"), (f.get("fatalities") or {}).get("value"),
                               p["storyline_id"], len(p["reports"]), actors.lower(), _dumps(p), _summary_json(p),
                               search))
            for name in sorted(set(_actor_strings(f))):
                actor_rows.append((seq, actor_ids.setdefault(name, len(actor_ids) + 1)))
            seen: set[str] = set()
            for r in p["reports"]:
                if r["report_id"] not in seen:  # a report listed twice links once
                    seen.add(r["report_id"])
                    link_rows.append((p["id"], r["report_id"], r["article_id"]))
            disc_rows += [(p["id"], d["field"], _dumps(d["canonical"]), d["rule"], _dumps(d["values"]))
                          for d in p["discrepancies"]]
            reason_rows += [(p["id"], i, _dumps(m)) for i, m in enumerate(p["merge_reasons"])]
        line_rows = []
        for s in storylines:
            ds = sorted(d for d in (dates.get(e) for e in s.event_ids) if d)
            line_rows.append((s.id, s.title, ds[0] if ds else None, ds[-1] if ds else None, _dumps(s.event_ids),
                              _dumps(s.reasons)))
        with self._tx() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_EVENTS,))  # one rebuild at a time
            saved, resolved_from = cur.execute("SELECT reports, resolved_from FROM store_state WHERE id = 1").fetchone()
            basis = saved if basis is None else basis
            if resolved_from is not None and basis < resolved_from:
                log.warning("%s: another process stored a resolution of newer articles meanwhile; keeping it"
                            " (this one was resolved from an older state)", self.path)
                return
            cur.execute("UPDATE store_state SET resolved_from = %s WHERE id = 1", (basis,))
            for table in _RESOLVED_TABLES:
                cur.execute(f"DELETE FROM {table}")  # table names are constants, not input; DELETE keeps MVCC
            _copy(cur, "events", _EVENT_COLUMNS, event_rows)
            _copy(cur, "actor_names", ("id", "name"), [(i, n) for n, i in actor_ids.items()])
            _copy(cur, "event_actors", ("event_seq", "actor_id"), actor_rows)
            _copy(cur, "event_report_links", ("event_id", "report_id", "article_id"), link_rows)
            _copy(cur, "discrepancies", ("event_id", "field", "canonical", "rule", "values"), disc_rows)
            _copy(cur, "merge_reasons", ("event_id", "seq", "data"), reason_rows)
            _copy(cur, "storylines", ("id", "title", "first_date", "last_date", "event_ids", "reasons"), line_rows)
        # Fresh statistics for the planner now, not whenever autovacuum gets round to the rebuilt tables
        # (a sample: ~0.1 s per 50,000 events). Only the tables' owner may; others get a notice, not an error.
        with self._lock:
            try:
                self._live().execute("ANALYZE events, event_actors, actor_names")
            except psycopg.Error as exc:
                log.info("ANALYZE after replace_events skipped: %s", _message(exc, self._secrets))

    def _where(self, flt: EventFilter) -> tuple[str, list[Any]]:
        return where_sql(flt, "%s", _search_clause)

    def _page(self, column: str, flt: EventFilter | None) -> list[Any]:
        """``column`` of one page of ``flt`` in list order (newest first, undated last), in one statement."""
        flt = flt or EventFilter()
        where, params = self._where(flt)
        # column is one of our own names, never input
        sql = f"SELECT e.{column} FROM events e{where} ORDER BY e.seq DESC LIMIT %s OFFSET %s"
        return [r[0] for r in self._rows(sql, (*params, max(int(flt.limit), 0), max(int(flt.offset), 0)))]

    def list_events(self, flt: EventFilter | None = None) -> list[StoredEvent]:
        """Events matching ``flt``, newest first (undated last)."""
        return [stored_event(json.loads(d)) for d in self._page("data", flt)]

    def list_event_summaries(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Like :meth:`list_events`, as :func:`~eventwire.store.base.event_summary` rows (no payload decoding)."""
        return [json.loads(s) for s in self._page("summary", flt)]

    def list_event_summaries_json(self, flt: EventFilter | None = None) -> list[str]:
        """:meth:`list_event_summaries` as stored JSON texts, for a server that passes them through undecoded."""
        return self._page("summary", flt)

    def data_stamp(self) -> tuple[int, ...]:
        """Changes whenever committed data may have changed, whichever process wrote it: a cache key part."""
        return tuple(self._rows("SELECT writes FROM store_state WHERE id = 1")[0])

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
            if _only(flt) == {"actor"}:  # the actor index alone answers it
                sql = ("SELECT count(DISTINCT event_seq) FROM event_actors WHERE actor_id IN"
                       " (SELECT id FROM actor_names WHERE name LIKE %s ESCAPE '\\')")
                params: list[Any] = [_like((flt.actor or "").lower())]
            else:
                where, params = self._where(flt)
                sql = f"SELECT count(*) FROM events e{where}"
            n = int(self._rows(sql, params)[0][0])
            self._counts[key] = n
            if len(self._counts) > COUNT_CACHE_SIZE:
                self._counts.popitem(last=False)
            return n

    def get_event(self, event_id: str) -> StoredEvent:
        rows = self._rows("SELECT data FROM events WHERE id = %s", (event_id,))
        if not rows:
            raise NotFound(f"no event {event_id!r} in {self.path}", hint="list events with `eventwire events`")
        return stored_event(json.loads(rows[0][0]))

    def list_storylines(self) -> list[dict[str, Any]]:
        """Storylines with a timeline of their events (date order)."""
        out = []
        with self._read() as cur:
            for s in cur.execute("SELECT * FROM storylines ORDER BY first_date NULLS FIRST, id").fetchall():
                ids = json.loads(s["event_ids"])
                evs = cur.execute(
                    "SELECT id, date, date_value, sub_event_type, location, country, actor1, actor2, fatalities,"
                    " n_reports FROM events WHERE id = ANY(%s) ORDER BY date NULLS FIRST, id", (ids,)).fetchall()
                out.append({"id": s["id"], "title": s["title"], "first_date": s["first_date"],
                            "last_date": s["last_date"], "event_ids": [e["id"] for e in evs] or ids,
                            "reasons": json.loads(s["reasons"]), "events": evs})
        return out

    def list_claims(self) -> list[dict[str, Any]]:
        """Tally claims from all articles, grouped into series with flags (see resolve.tallies)."""
        return claim_series(self._all(CLAIMS_SQL))

    def stats(self) -> dict[str, Any]:
        with self._read() as cur:
            one = lambda sql: cur.execute(sql).fetchone()  # noqa: E731 - tiny local helper
            out: dict[str, Any] = {
                "path": self.path,
                "schema_version": int(one("SELECT coalesce(max(version), 0) AS v FROM schema_version")["v"]),
                **one("SELECT count(*) AS articles, count(duplicate_of) AS duplicates,"
                      " count(near_duplicate_of) AS near_duplicates FROM articles"),
                "reports": one("SELECT count(*) AS n FROM event_reports")["n"],
                **one("SELECT count(*) AS events, count(*) FILTER (WHERE n_reports > 1) AS multi_source_events,"
                      " min(date) AS first_date, max(date) AS last_date FROM events"),
                "storylines": one("SELECT count(*) AS n FROM storylines")["n"],
                "claims": one("SELECT count(*) AS n FROM claims")["n"],
                "quarantined": one("SELECT count(*) AS n FROM quarantine")["n"],
                "discrepancies": one("SELECT count(*) AS n FROM discrepancies")["n"],
            }
            groups = {
                "by_type": "SELECT sub_event_type AS k, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1",
                "by_country": "SELECT country AS k, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1",
                "sources": "SELECT source AS k, count(*) AS n FROM articles GROUP BY 1 ORDER BY n DESC, 1",
            }
            for key, sql in groups.items():
                out[key] = {r["k"]: r["n"] for r in cur.execute(sql).fetchall()}
        return out


def _copy(cur: Any, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Bulk-load ``rows`` with COPY (far faster than INSERTs for a whole resolved layer)."""
    if not rows:
        return
    cols = ", ".join(f'"{c}"' for c in columns)  # constants of this module, quoted ("values" is a keyword)
    with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(tuple(_t(v) for v in row))
