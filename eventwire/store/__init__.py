"""Where articles, reports and resolved events live: ``open_store(path)`` picks the backend.

``path`` is a SQLite file (the default), ``:memory:`` for a throw-away SQLite
database, ``postgresql://user@host:port/dbname`` (or ``postgres://``) for a
PostgreSQL database a team shares (needs the ``postgres`` extra: psycopg 3), or
``memory://`` for the pure-Python :class:`MemoryStore` used in tests.
"""

from __future__ import annotations

from .base import EventFilter, Store, StoredEvent

__all__ = ["open_store", "Store", "EventFilter", "StoredEvent"]


def open_store(path: str, create: bool = True) -> Store:
    """Open (creating and migrating when ``create``) the store at ``path``.

    Raises :class:`StoreError` when ``create`` is False and there is no database there.
    """
    path = str(path)
    if path.startswith("memory://"):
        from .memory import MemoryStore

        return MemoryStore(path)
    if path.startswith(("postgres://", "postgresql://")):
        from .postgres import PostgresStore

        return PostgresStore(path, create=create)
    from .sqlite import SQLiteStore

    return SQLiteStore(path, create=create)
