"""eventwire: news reports in, a trustworthy conflict-event dataset out, offline.

The public API is small on purpose::

    from eventwire import Article, Pipeline, Settings, annotate, open_store
"""

from __future__ import annotations

import logging

from .annotate import annotate
from .config import Settings, load_settings
from .errors import EventwireError
from .model import Article, Event, EventReport, Quarantined
from .pipeline import Pipeline

__all__ = [
    "Article",
    "Event",
    "EventReport",
    "EventwireError",
    "Pipeline",
    "Quarantined",
    "Settings",
    "annotate",
    "load_settings",
    "open_store",
    "__version__",
]

__version__ = "0.1.0"

# A library logs but never prints: the CLI decides what reaches the terminal.
logging.getLogger(__name__).addHandler(logging.NullHandler())


def open_store(path: str = "eventwire.db", create: bool = True):  # -> store.base.Store
    """Open (and migrate) the SQLite store at ``path``; ``postgresql://...`` URLs open PostgreSQL."""
    from .store import open_store as _open

    return _open(path, create=create)
