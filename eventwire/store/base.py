"""The store protocol: what every backend (SQLite, PostgreSQL, in-memory) offers.

The pipeline, the resolver, the exporters and the API speak only to this
protocol, so backends can be swapped and tests can use :class:`MemoryStore`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Protocol

from ..model import Article, Event, EventReport, Quarantined, Storyline

__all__ = ["Store", "EventFilter", "StoredEvent", "event_summary"]


@dataclass
class EventFilter:
    """Filters shared by ``eventwire events``, the exporters and the API."""

    sub_event_type: str | None = None
    event_type: str | None = None
    date_from: str | None = None  # inclusive ISO date
    date_to: str | None = None  # inclusive ISO date
    bbox: tuple[float, float, float, float] | None = None  # (min_lon, min_lat, max_lon, max_lat)
    country: str | None = None  # ISO-2
    actor: str | None = None  # substring of actor name or canonical
    storyline_id: str | None = None
    q: str | None = None  # full-text search over evidence (FTS5)
    limit: int = 100
    offset: int = 0


@dataclass
class StoredEvent:
    """An event as read back from the store (plain dicts, ready for JSON)."""

    id: str
    fields: dict[str, Any]  # the contract's event fields (canonical values)
    reports: list[dict[str, Any]] = field(default_factory=list)  # {article_id, source, published_at, title, evidence, report}
    discrepancies: list[dict[str, Any]] = field(default_factory=list)
    merge_reasons: list[dict[str, Any]] = field(default_factory=list)
    storyline_id: str | None = None


def event_summary(payload: dict[str, Any]) -> dict[str, Any]:
    """One row of an event list: the contract's event fields plus id, storyline_id and n_reports.

    Everything a list, map or table needs, without the reports, evidence text,
    discrepancies and merge reasons of the full payload (those stay in ``get_event``).
    """
    out = dict(payload.get("fields") or {})
    out["id"] = payload["id"]
    out["storyline_id"] = payload.get("storyline_id")
    reports = payload.get("reports") or []
    out["n_reports"] = len(reports) if reports else out.get("n_reports")
    return out


class Store(Protocol):
    path: str

    # articles
    def has_article(self, article_id: str, content_hash: str) -> bool: ...
    def save_article(self, article: Article) -> None: ...
    def get_article(self, article_id: str) -> dict[str, Any]: ...
    def iter_articles(self) -> Iterator[dict[str, Any]]: ...
    def article_fingerprints(self) -> Iterator[tuple[str, str, str]]: ...  # (id, hash, text) for dedup seeding
    # quarantine
    def save_quarantine(self, item: Quarantined) -> None: ...
    def list_quarantine(self) -> list[dict[str, Any]]: ...
    # event reports (per article) and resolved events (across articles)
    def iter_reports(self) -> Iterator[tuple[EventReport, Article]]: ...
    def replace_events(self, events: Iterable[Event], storylines: Iterable[Storyline]) -> None: ...
    def list_events(self, flt: EventFilter | None = None) -> list[StoredEvent]: ...
    def count_events(self, flt: EventFilter | None = None) -> int: ...
    def list_event_summaries(self, flt: EventFilter | None = None) -> list[dict[str, Any]]: ...  # event_summary rows
    def get_event(self, event_id: str) -> StoredEvent: ...
    def list_storylines(self) -> list[dict[str, Any]]: ...
    def list_claims(self) -> list[dict[str, Any]]: ...
    def stats(self) -> dict[str, Any]: ...
    def close(self) -> None: ...
