"""An in-memory :class:`~eventwire.store.base.Store` for tests and one-off runs (same protocol as SQLite)."""

from __future__ import annotations

import copy
import json
from typing import Any, Iterable, Iterator

from ..errors import NotFound
from ..model import Article, Event, EventReport, Quarantined, Storyline, to_plain
from .base import EventFilter, StoredEvent, event_summary
from .codec import date_key, event_payload, payload_matches, report_from_plain, stored_event

__all__ = ["MemoryStore"]


class MemoryStore:
    """Keeps plain-JSON copies, so what comes back is what SQLite would give back."""

    def __init__(self, path: str = "memory://") -> None:
        self.path = path
        self._articles: dict[str, dict[str, Any]] = {}
        self._quarantine: dict[tuple[str, str, str], dict[str, Any]] = {}
        self._events: dict[str, dict[str, Any]] = {}
        self._storylines: list[dict[str, Any]] = []

    def close(self) -> None:
        """Nothing to release."""

    # articles
    def has_article(self, article_id: str, content_hash: str) -> bool:
        a = self._articles.get(article_id)
        return a is not None and a["hash"] == content_hash

    def save_article(self, article: Article) -> None:
        plain = to_plain(article)
        plain["events"] = [to_plain(r) for r in article.events]
        self._articles[article.id] = plain

    def get_article(self, article_id: str) -> dict[str, Any]:
        if article_id not in self._articles:
            raise NotFound(f"no article {article_id!r} in memory store", hint="save it first")
        return copy.deepcopy(self._articles[article_id])

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        for article_id in sorted(self._articles):
            yield self.get_article(article_id)

    def article_fingerprints(self) -> Iterator[tuple[str, str, str]]:
        for article_id in sorted(self._articles):
            a = self._articles[article_id]
            yield a["id"], a["hash"], a["text"]

    # quarantine
    def save_quarantine(self, item: Quarantined) -> None:
        key = (item.origin, item.stage, item.article_id or "")
        self._quarantine[key] = {"origin": item.origin, "stage": item.stage, "reason": item.reason,
                                 "article_id": item.article_id, "excerpt": (item.excerpt or "")[:300] or None,
                                 "at": None}

    def list_quarantine(self) -> list[dict[str, Any]]:
        return list(self._quarantine.values())

    # reports and events
    def iter_reports(self) -> Iterator[tuple[EventReport, Article]]:
        for article_id in sorted(self._articles):
            a = self._articles[article_id]
            if not a["events"]:
                continue
            light = Article(id=a["id"], text=a["text"], hash=a["hash"], title=a["title"], source=a["source"],
                            url=a["url"], published_at=a["published_at"], duplicate_of=a["duplicate_of"],
                            near_duplicate_of=a["near_duplicate_of"], similarity=a["similarity"])
            for r in sorted(a["events"], key=lambda r: r["id"]):
                yield report_from_plain(r), light

    def replace_events(self, events: Iterable[Event], storylines: Iterable[Storyline]) -> None:
        payloads = {p["id"]: p for p in (event_payload(e) for e in events)}
        lines = []
        for s in storylines:
            ds = sorted(d for d in (date_key((payloads[e]["fields"].get("date") or {}).get("value"))
                                    for e in s.event_ids if e in payloads) if d)
            lines.append({"id": s.id, "title": s.title, "first_date": ds[0] if ds else None,
                          "last_date": ds[-1] if ds else None, "event_ids": list(s.event_ids),
                          "reasons": list(s.reasons)})
        self._events, self._storylines = payloads, lines

    def _sorted(self, flt: EventFilter) -> list[dict[str, Any]]:
        hits = [p for p in self._events.values() if payload_matches(flt, p)]
        # same order as the SQLite store: newest first, then id descending; undated last
        dated = sorted((p for p in hits if _day(p)), key=lambda p: (_day(p), p["id"]), reverse=True)
        return dated + sorted((p for p in hits if not _day(p)), key=lambda p: p["id"], reverse=True)

    def list_events(self, flt: EventFilter | None = None) -> list[StoredEvent]:
        flt = flt or EventFilter()
        hits = self._sorted(flt)[flt.offset:flt.offset + flt.limit]
        return [stored_event(copy.deepcopy(p)) for p in hits]

    def list_event_summaries(self, flt: EventFilter | None = None) -> list[dict[str, Any]]:
        """Like :meth:`list_events`, as :func:`~eventwire.store.base.event_summary` rows."""
        flt = flt or EventFilter()
        return [event_summary(copy.deepcopy(p)) for p in self._sorted(flt)[flt.offset:flt.offset + flt.limit]]

    def list_event_summaries_json(self, flt: EventFilter | None = None) -> list[str]:
        """:meth:`list_event_summaries` as JSON texts (what the SQLite store keeps on disk)."""
        return [json.dumps(s, ensure_ascii=False, separators=(",", ":")) for s in self.list_event_summaries(flt)]

    def count_events(self, flt: EventFilter | None = None) -> int:
        flt = flt or EventFilter()
        return sum(1 for p in self._events.values() if payload_matches(flt, p))

    def get_event(self, event_id: str) -> StoredEvent:
        if event_id not in self._events:
            raise NotFound(f"no event {event_id!r} in memory store", hint="list events first")
        return stored_event(copy.deepcopy(self._events[event_id]))

    def list_storylines(self) -> list[dict[str, Any]]:
        out = []
        for s in sorted(self._storylines, key=lambda s: (s["first_date"] or "", s["id"])):
            evs = []
            for eid in s["event_ids"]:
                p = self._events.get(eid)
                if p is None:
                    continue
                f = p["fields"]
                loc = f.get("location") or {}
                evs.append({"id": eid, "date": _day(p), "date_value": (f.get("date") or {}).get("value"),
                            "sub_event_type": f.get("sub_event_type"), "location": loc.get("name"),
                            "country": loc.get("country_code"),
                            "actor1": (f.get("actor1") or {}).get("canonical") or (f.get("actor1") or {}).get("name"),
                            "actor2": (f.get("actor2") or {}).get("canonical") or (f.get("actor2") or {}).get("name"),
                            "fatalities": (f.get("fatalities") or {}).get("value"), "n_reports": len(p["reports"])})
            evs.sort(key=lambda e: (e["date"] or "", e["id"]))
            out.append({**s, "event_ids": [e["id"] for e in evs] or s["event_ids"], "events": evs})
        return out

    def list_claims(self) -> list[dict[str, Any]]:
        from ..resolve.tallies import flag_claims

        claims = []
        for article_id in sorted(self._articles):
            a = self._articles[article_id]
            for c in a["claims"]:
                claims.append({**copy.deepcopy(c), "article_id": a["id"], "outlet": a["source"],
                               "published_at": a["published_at"], "title": a["title"]})
        return flag_claims(claims)

    def stats(self) -> dict[str, Any]:
        days = sorted(d for d in (_day(p) for p in self._events.values()) if d)
        by_type: dict[str, int] = {}
        for p in self._events.values():
            t = p["fields"].get("sub_event_type")
            by_type[t] = by_type.get(t, 0) + 1
        return {
            "path": self.path,
            "articles": len(self._articles),
            "reports": sum(len(a["events"]) for a in self._articles.values()),
            "events": len(self._events),
            "multi_source_events": sum(1 for p in self._events.values() if len(p["reports"]) > 1),
            "storylines": len(self._storylines),
            "claims": sum(len(a["claims"]) for a in self._articles.values()),
            "quarantined": len(self._quarantine),
            "first_date": days[0] if days else None,
            "last_date": days[-1] if days else None,
            "by_type": by_type,
        }


def _day(p: dict[str, Any]) -> str | None:
    return date_key((p["fields"].get("date") or {}).get("value"))
