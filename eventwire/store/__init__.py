"""Where articles, reports and resolved events live: ``open_store(path)`` picks the backend.

``path`` is a SQLite file (the default), ``:memory:`` for a throw-away SQLite
database, or ``memory://`` for the pure-Python :class:`MemoryStore` used in tests.
"""

from __future__ import annotations

from ..errors import StoreError
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
        raise StoreError("the PostgreSQL backend is not available in this version",
                         hint="use a SQLite file path for --db")
    from .sqlite import SQLiteStore

    return SQLiteStore(path, create=create)
