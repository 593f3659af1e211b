"""Canonical values for a resolved event, and the fields on which its sources disagree.

Every field keeps each source's value side by side (:class:`model.Discrepancy`)
when at least two distinct values were reported; the canonical value is chosen
by a stated rule (``RULES``). Background reports (context mentions) only decide
a field when no foreground report gives it.
"""

from __future__ import annotations

from dataclasses import replace
from collections import Counter
from typing import Any, Callable

from ..model import Article, Attribution, Count, Discrepancy, EventReport, Weapon

__all__ = ["merge_reports", "RULES"]

RULES: dict[str, str] = {
    "sub_event_type": "most reported type; ties: the earliest report",
    "date": "most precise date; ties: most reported, then earliest",
    "location": "most precise place (lowest geo_precision); ties: most reported, then earliest report",
    "actor1": "most reported actor; ties: the earliest report",
    "actor2": "most reported actor; ties: the earliest report",
    "target": "most reported target; ties: the earliest report",
    "fatalities": "lowest credible figure (ACLED's conservative rule); denied/hypothetical reports ignored",
    "injuries": "lowest credible figure; denied/hypothetical reports ignored",
    "weapons": "union of the weapons and platforms named by any source",
    "weapon_count": "most reported count for that weapon; ties: the lowest",
    "modality": "most reported credible modality (denied/negated/hypothetical/future reports do not count)",
}
_NOT_CREDIBLE = {"denied", "negated", "hypothetical", "future"}
_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}

Pair = tuple[EventReport, Article]


def _side_by_side(pairs: list[Pair], get: Callable[[EventReport], Any],
                  show: Callable[[Any], Any] = lambda v: v) -> list[dict[str, Any]]:
    out = []
    for rep, art in pairs:
        v = get(rep)
        if v is not None:
            out.append({"article_id": art.id, "source": art.source, "report_id": rep.id,
                        "background": rep.background, "value": show(v)})
    return out


def _record(out: list[Discrepancy], field: str, values: list[dict[str, Any]], canonical: Any,
            rule_key: str | None = None) -> None:
    if len({repr(v["value"]) for v in values}) > 1:
        out.append(Discrepancy(field=field, values=values, canonical=canonical, rule=RULES[rule_key or field]))


def _vote(pairs: list[Pair], get: Callable[[EventReport], Any], key: Callable[[Any], Any] = lambda v: v) -> Any:
    """Most reported value (by key) among ``pairs`` (already in earliest-first order); ties: earliest."""
    vals = [get(r) for r, _ in pairs]
    vals = [v for v in vals if v is not None]
    if not vals:
        return None
    counts = Counter(key(v) for v in vals)
    best = max(counts.values())
    return next(v for v in vals if counts[key(v)] == best)


def _actor_key(a: Any) -> str:
    return (a.canonical or a.name or "").strip().lower()


def _lowest(pairs: list[Pair], get: Callable[[EventReport], Count]) -> Count:
    credible = [get(r) for r, _ in pairs if r.modality not in _NOT_CREDIBLE and get(r).value is not None]
    if not credible:
        return Count()
    return replace(min(credible, key=lambda c: c.value))  # type: ignore[arg-type,type-var]


def _single(rep: EventReport, event_id: str) -> EventReport:
    """A one-report event: the report itself under the event id (shallow copies, offsets dropped)."""
    out = replace(rep, id=event_id, weapons=[replace(w) for w in rep.weapons], attribution=list(rep.attribution),
                  evidence=list(rep.evidence), fatalities=replace(rep.fatalities), injuries=replace(rep.injuries),
                  field_evidence={}, plover=dict(rep.plover))
    for name in ("date", "location", "actor1", "actor2"):
        obj = getattr(rep, name)
        if obj is not None:
            obj = replace(obj)
            obj.start = obj.end = None
            setattr(out, name, obj)
    return out


def merge_reports(pairs: list[Pair], event_id: str) -> tuple[EventReport, list[Discrepancy]]:
    """The canonical report of one event (``pairs`` earliest first) and its discrepancies."""
    if len(pairs) == 1:
        return _single(pairs[0][0], event_id), []
    fore = [p for p in pairs if not p[0].background] or pairs
    first = fore[0][0]
    disc: list[Discrepancy] = []

    sub = _vote(fore, lambda r: r.sub_event_type)
    typed = next(r for r, _ in fore if r.sub_event_type == sub)
    _record(disc, "sub_event_type", _side_by_side(pairs, lambda r: r.sub_event_type), sub)

    dated = [r.date for r, _ in fore if r.date is not None and r.date.value]
    date = None
    if dated:
        rank = lambda d: (_DATE_RANK.get(d.precision or "day", 4), d.from_publication_date)  # noqa: E731
        best = min(rank(d) for d in dated)
        tied = [d for d in dated if rank(d) == best]
        counts = Counter(d.value for d in tied)
        top = max(counts.values())
        date = replace(min((d for d in tied if counts[d.value] == top), key=lambda d: d.value or ""))
    _record(disc, "date", _side_by_side(pairs, lambda r: r.date.value if r.date else None),
            date.value if date else None)

    located = [(r.location, i) for i, (r, _) in enumerate(fore) if r.location is not None and r.location.name]
    loc = None
    if located:
        counts = Counter((l.name or "").lower() for l, _ in located)
        loc = replace(min(located, key=lambda li: (li[0].geo_precision or 9, -counts[(li[0].name or "").lower()],
                                                         li[1]))[0])
    _record(disc, "location", _side_by_side(pairs, lambda r: r.location.name if r.location else None),
            loc.name if loc else None)

    actors = {}
    for key in ("actor1", "actor2"):
        get = lambda r, k=key: getattr(r, k)  # noqa: E731
        best_actor = _vote(fore, get, _actor_key)
        actors[key] = replace(best_actor) if best_actor is not None else None
        _record(disc, key, _side_by_side(pairs, get, lambda a: a.canonical or a.name),
                (actors[key].canonical or actors[key].name) if actors[key] else None)

    target = _vote(fore, lambda r: r.target, lambda t: t.strip().lower())
    _record(disc, "target", _side_by_side(pairs, lambda r: r.target), target)

    fatalities = _lowest(fore, lambda r: r.fatalities)
    _record(disc, "fatalities", _side_by_side(pairs, lambda r: r.fatalities.value), fatalities.value)
    injuries = _lowest(fore, lambda r: r.injuries)
    _record(disc, "injuries", _side_by_side(pairs, lambda r: r.injuries.value), injuries.value)

    # weapons: union by name; a count per weapon by vote
    weapons: dict[str, Weapon] = {}
    counts_by_name: dict[str, list[dict[str, Any]]] = {}
    for rep, art in pairs:
        for w in rep.weapons:
            k = w.name.strip().lower()
            weapons.setdefault(k, Weapon(name=w.name, category=w.category, subtype=w.subtype))
            if w.count is not None:
                counts_by_name.setdefault(k, []).append({"article_id": art.id, "source": art.source,
                                                         "report_id": rep.id, "background": rep.background,
                                                         "value": w.count})
    for k, vals in counts_by_name.items():
        c = Counter(v["value"] for v in vals)
        top = max(c.values())
        weapons[k].count = min(v for v in c if c[v] == top)
        _record(disc, f"weapons.{weapons[k].name}.count", vals, weapons[k].count, "weapon_count")
    named = [(rep, art) for rep, art in pairs if rep.weapons]
    _record(disc, "weapons", _side_by_side(named, lambda r: sorted({w.name for w in r.weapons})),
            sorted(w.name for w in weapons.values()))

    asserted = [r.modality for r, _ in fore if r.modality not in _NOT_CREDIBLE]
    modality = Counter(asserted).most_common(1)[0][0] if asserted else first.modality
    # one outlet asserting what another only relays as a group's claim is worth seeing side by side
    _record(disc, "modality", _side_by_side(fore, lambda r: r.modality), modality)
    seen: set[str] = set()
    attribution: list[Attribution] = []
    for rep, _ in pairs:
        for a in rep.attribution:
            if a.source.lower() not in seen:
                seen.add(a.source.lower())
                attribution.append(Attribution(source=a.source, kind=a.kind))

    for obj in (date, loc, actors["actor1"], actors["actor2"]):
        if obj is not None:  # offsets point into one article; the event spans several
            obj.start = obj.end = None
    canonical = EventReport(
        id=event_id,
        article_id=first.article_id,
        event_type=typed.event_type,
        sub_event_type=sub,
        plover=dict(typed.plover),
        actor1=actors["actor1"],
        actor2=actors["actor2"],
        target=target,
        location=loc,
        date=date,
        weapons=list(weapons.values()),
        fatalities=fatalities,
        injuries=injuries,
        modality=modality,
        background=all(r.background for r, _ in pairs),
        attribution=attribution,
        evidence=list(first.evidence),
        trigger=first.trigger,
        confidence=max(r.confidence for r, _ in pairs),
    )
    return canonical, disc
