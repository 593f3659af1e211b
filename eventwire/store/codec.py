"""Plain-JSON encoding of the document model for the store backends.

Reports and claims are stored with :func:`eventwire.model.to_plain` (field names
of the dataclasses) so they round-trip exactly; resolved events are stored as a
*payload*: the contract's event fields plus the reports (with evidence text),
discrepancies, merge reasons and storyline, i.e. what :class:`StoredEvent`
carries. Both the SQLite and the in-memory backend use these helpers, so the two
cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from ..annotate import event_to_dict
from ..model import (
    Actor,
    Article,
    Attribution,
    Claim,
    Count,
    Event,
    EventDate,
    EventReport,
    Location,
    Span,
    Weapon,
    to_plain,
)
from .base import EventFilter, StoredEvent

__all__ = [
    "report_from_plain",
    "claim_from_plain",
    "event_payload",
    "stored_event",
    "payload_matches",
    "evidence_text",
    "date_key",
]

EXCERPT_CHARS = 600  # evidence excerpts longer than this are cut (the full text stays in the article)


def _span(d: dict[str, Any] | None) -> Span | None:
    return None if d is None else Span(int(d["start"]), int(d["end"]))


def _opt(cls: type, d: dict[str, Any] | None) -> Any:
    return None if d is None else cls(**d)


def report_from_plain(d: dict[str, Any]) -> EventReport:
    """Inverse of ``to_plain(EventReport)``."""
    return EventReport(
        id=d["id"],
        article_id=d["article_id"],
        event_type=d["event_type"],
        sub_event_type=d["sub_event_type"],
        plover=dict(d.get("plover") or {}),
        actor1=_opt(Actor, d.get("actor1")),
        actor2=_opt(Actor, d.get("actor2")),
        target=d.get("target"),
        location=_opt(Location, d.get("location")),
        date=_opt(EventDate, d.get("date")),
        weapons=[Weapon(**w) for w in d.get("weapons") or []],
        fatalities=Count(**(d.get("fatalities") or {})),
        injuries=Count(**(d.get("injuries") or {})),
        modality=d.get("modality", "asserted"),
        background=bool(d.get("background", False)),
        attribution=[Attribution(**a) for a in d.get("attribution") or []],
        evidence=[Span(int(s["start"]), int(s["end"])) for s in d.get("evidence") or []],
        trigger=_span(d.get("trigger")),
        confidence=float(d.get("confidence", 0.5)),
        field_evidence={k: [Span(int(s["start"]), int(s["end"])) for s in v]
                        for k, v in (d.get("field_evidence") or {}).items()},
    )


def claim_from_plain(d: dict[str, Any]) -> Claim:
    return Claim(
        kind=d.get("kind", "tally"),
        count=d.get("count"),
        qualifier=d.get("qualifier"),
        event=d.get("event"),
        target=d.get("target"),
        region=d.get("region"),
        period=dict(d.get("period") or {}),
        as_of=d.get("as_of"),
        source=d.get("source"),
        evidence=[Span(int(s["start"]), int(s["end"])) for s in d.get("evidence") or []],
    )


def evidence_text(article: Article, spans: list[Span]) -> list[dict[str, Any]]:
    """Evidence spans with their text (cut to EXCERPT_CHARS) for display and export."""
    out = []
    for s in spans:
        text = article.text[s.start:s.end] if article.text else ""
        if len(text) > EXCERPT_CHARS:
            text = text[:EXCERPT_CHARS].rstrip() + "…"
        out.append({"start": s.start, "end": s.end, "text": text})
    return out


def date_key(value: str | None) -> str | None:
    """The sortable day of an event date value ('2023-11' -> '2023-11-01'); None if not a calendar date."""
    if not value or len(value) < 4 or not value[:4].isdigit():
        return None
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    if len(value) == 7 and value[4] == "-" and value[5:7].isdigit():
        return value + "-01"
    if "-W" in value:  # ISO week: its Monday
        import datetime as _dt

        try:
            year, week = int(value[:4]), int(value.split("-W")[1][:2])
            return _dt.date.fromisocalendar(year, week, 1).isoformat()
        except ValueError:
            return None
    if len(value) == 4:
        return value + "-01-01"
    return None


def event_payload(event: Event) -> dict[str, Any]:
    """Everything the store keeps about one resolved event, as plain JSON."""
    fields = event_to_dict(event.report)
    fields["id"] = event.id
    reports = []
    for rep, art in event.reports:
        reports.append({
            "report_id": rep.id,
            "article_id": art.id,
            "source": art.source,
            "published_at": art.published_at,
            "title": art.title,
            "url": art.url,
            "background": rep.background,
            "evidence": evidence_text(art, rep.evidence),
            "report": event_to_dict(rep),
        })
    return {
        "id": event.id,
        "fields": fields,
        "reports": reports,
        "discrepancies": [to_plain(d) for d in event.discrepancies],
        "merge_reasons": [dict(m) for m in event.merge_reasons],
        "storyline_id": event.storyline_id,
    }


def stored_event(payload: dict[str, Any]) -> StoredEvent:
    return StoredEvent(
        id=payload["id"],
        fields=payload["fields"],
        reports=payload.get("reports", []),
        discrepancies=payload.get("discrepancies", []),
        merge_reasons=payload.get("merge_reasons", []),
        storyline_id=payload.get("storyline_id"),
    )


def _actor_strings(fields: dict[str, Any]) -> list[str]:
    out = []
    for key in ("actor1", "actor2"):
        a = fields.get(key) or {}
        out += [str(v).lower() for v in (a.get("name"), a.get("canonical")) if v]
    return out


def payload_matches(flt: EventFilter, payload: dict[str, Any]) -> bool:
    """The in-memory equivalent of the SQL filter (FTS ``q`` = every word appears in evidence or titles)."""
    f = payload["fields"]
    if flt.sub_event_type and f.get("sub_event_type") != flt.sub_event_type:
        return False
    if flt.event_type and f.get("event_type") != flt.event_type:
        return False
    day = date_key((f.get("date") or {}).get("value"))
    if flt.date_from and (day is None or day < flt.date_from):
        return False
    if flt.date_to and (day is None or day > flt.date_to):
        return False
    loc = f.get("location") or {}
    if flt.bbox:
        lat, lon = loc.get("lat"), loc.get("lon")
        if lat is None or lon is None:
            return False
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
            return False
    if flt.country and (loc.get("country_code") or "").upper() != flt.country.upper():
        return False
    if flt.actor and not any(flt.actor.lower() in s for s in _actor_strings(f)):
        return False
    if flt.storyline_id and payload.get("storyline_id") != flt.storyline_id:
        return False
    if flt.q:
        hay = " ".join([r.get("title") or "" for r in payload.get("reports", [])]
                       + [e["text"] for r in payload.get("reports", []) for e in r.get("evidence", [])]).lower()
        if not all(w.lower() in hay for w in flt.q.split()):
            return False
    return True
