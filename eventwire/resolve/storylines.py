"""Storylines: resolved events that belong together.

Two rules link events (union-find, so links are transitive):

* **dyad and theatre**: the same pair of actors (either direction) in the same
  country, with consecutive events at most ``storyline_window_days`` apart;
* **explicit links**: a report says so ("the second strike in less than two
  weeks", "in response to attacks on US forces", "retaliation for ..."); the
  event is linked to the latest earlier event in the same country that shares an
  actor, within three windows.

Storyline ids derive from the earliest event id, so they are stable across runs.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from ..config import Settings
from ..model import Event, Storyline
from ..store.codec import date_key

__all__ = ["build_storylines", "EXPLICIT_LINK"]

EXPLICIT_LINK = re.compile(
    r"\b(?:(?:second|third|fourth|fifth|latest|another|fresh|renewed|new round of)\s+"
    r"(?:\w+\s+){0,2}(?:air\s?strikes?|strikes?|attacks?|raids?|bombings?|round)"
    r"|in\s+(?:response|retaliation|reprisal)\s+(?:to|for)|retaliat\w*|in\s+revenge\s+for)\b",
    re.IGNORECASE)


def _day(ev: Event) -> int | None:
    k = date_key(ev.report.date.value if ev.report.date else None)
    try:
        return date.fromisoformat(k).toordinal() if k else None
    except ValueError:
        return None


def _actor(a: object) -> str | None:
    if a is None:
        return None
    name = getattr(a, "canonical", None) or getattr(a, "name", None)
    return name.strip().lower() if name else None


def _display(a: object) -> str:
    return (getattr(a, "canonical", None) or getattr(a, "name", None) or "?") if a is not None else "?"


def _explicit_cue(ev: Event) -> str | None:
    """The phrase in any report's evidence that says this event follows an earlier one."""
    for rep, art in ev.reports:
        for s in rep.evidence:
            m = EXPLICIT_LINK.search(art.text[s.start:s.end]) if art.text else None
            if m:
                return f"{m.group(0)!r} in {art.id}"
    return None


def build_storylines(events: list[Event], settings: Settings) -> list[Storyline]:
    """Group events into storylines; sets ``event.storyline_id`` and returns the storylines (2+ events)."""
    window = int(getattr(settings, "storyline_window_days", 30))
    parent = {e.id: e.id for e in events}
    why: dict[str, list[str]] = {}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str, reason: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
        why.setdefault(a, []).append(reason)

    dated = sorted(((d, e) for e in events if (d := _day(e)) is not None), key=lambda x: (x[0], x[1].id))
    # rule 1: same dyad and theatre, consecutive events within the window
    last: dict[tuple[frozenset[str], str], tuple[int, Event]] = {}
    for d, e in dated:
        country = (e.report.location.country_code or "").upper() if e.report.location else ""
        dyad = frozenset(x for x in (_actor(e.report.actor1), _actor(e.report.actor2)) if x)
        if not country or len(dyad) < 2:
            continue
        key = (dyad, country)
        if key in last and d - last[key][0] <= window:
            union(e.id, last[key][1].id, f"{e.id}: same dyad ({', '.join(sorted(dyad))}) in {country} "
                                         f"{d - last[key][0]} days after {last[key][1].id}")
        last[key] = (d, e)
    # rule 2: explicit links to an earlier event
    by_country: dict[str, list[tuple[int, Event]]] = {}
    for d, e in dated:
        country = (e.report.location.country_code or "").upper() if e.report.location else ""
        if not country:
            continue
        cue = _explicit_cue(e)
        actors = {x for x in (_actor(e.report.actor1), _actor(e.report.actor2)) if x}
        if cue and actors:
            for d0, e0 in reversed(by_country.get(country, [])):
                if d - d0 > 3 * window:
                    break
                if actors & {x for x in (_actor(e0.report.actor1), _actor(e0.report.actor2)) if x} and d0 <= d:
                    union(e.id, e0.id, f"{e.id}: explicit link {cue} to {e0.id}")
                    break
        by_country.setdefault(country, []).append((d, e))

    groups: dict[str, list[Event]] = {}
    for e in events:
        groups.setdefault(find(e.id), []).append(e)
    out: list[Storyline] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda e: (_day(e) or 0, e.id))
        sid = "sl-" + hashlib.sha1(min(e.id for e in members).encode("utf-8")).hexdigest()[:10]
        head = members[0].report
        where = (head.location.country_code if head.location else None) or "?"
        title = f"{_display(head.actor1)} / {_display(head.actor2)} in {where}"
        for e in members:
            e.storyline_id = sid
        reasons = [r for e in members for r in why.get(e.id, [])]
        out.append(Storyline(id=sid, title=title, event_ids=[e.id for e in members], reasons=reasons))
    out.sort(key=lambda s: s.id)
    return out
