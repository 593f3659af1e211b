"""Plain-text views of the store for the CLI (``eventwire events / show / storylines``).

Functions return strings or dicts; only the CLI prints them.
"""

from __future__ import annotations

import textwrap
from typing import Any

from .base import Store, StoredEvent

__all__ = ["render_event_line", "event_detail", "render_event_detail", "render_storylines"]


def _actor(a: dict[str, Any] | None) -> str:
    return (a.get("canonical") or a.get("name") or "?") if a else "?"


def _fatal(f: dict[str, Any]) -> str:
    v = (f.get("fatalities") or {}).get("value")
    return "" if v is None else f" fatalities={v}"


def render_event_line(ev: StoredEvent) -> str:
    """One line: id, date, type, place, actors, fatalities, number of sources, storyline."""
    f = ev.fields
    date = (f.get("date") or {}).get("value") or "????-??-??"
    loc = f.get("location") or {}
    place = loc.get("name") or "?"
    if loc.get("country_code"):
        place += f" ({loc['country_code']})"
    sources = len({r.get("source") or r.get("article_id") for r in ev.reports})
    story = f" [{ev.storyline_id}]" if ev.storyline_id else ""
    bg = " (background only)" if f.get("background") else ""
    return (f"{ev.id}  {date:<10}  {f.get('sub_event_type') or '?'}  {place}  "
            f"{_actor(f.get('actor1'))} -> {_actor(f.get('actor2'))}{_fatal(f)}  "
            f"{sources} source{'s' if sources != 1 else ''}{story}{bg}")


def event_detail(store: Store, event_id: str) -> dict[str, Any]:
    """Everything about one event: fields, reports with evidence, discrepancies, merge reasons, storyline."""
    ev = store.get_event(event_id)
    storyline = None
    if ev.storyline_id:
        storyline = next((s for s in store.list_storylines() if s["id"] == ev.storyline_id), None)
    return {
        "id": ev.id,
        "fields": ev.fields,
        "reports": [{k: r.get(k) for k in ("report_id", "article_id", "source", "published_at", "title", "url",
                                           "background", "evidence")} for r in ev.reports],
        "discrepancies": ev.discrepancies,
        "merge_reasons": ev.merge_reasons,
        "storyline": storyline,
    }


def _value(v: Any) -> str:
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    return "unknown" if v is None else str(v)


def _weapons(weapons: list[dict[str, Any]]) -> str:
    return ", ".join(w["name"] + (f" x{w['count']}" if w.get("count") else "") for w in weapons) or "none named"


def render_event_detail(d: dict[str, Any]) -> str:
    f = d["fields"]
    loc = f.get("location") or {}
    date = f.get("date") or {}
    lines = [
        f"Event {d['id']}: {f.get('sub_event_type')} ({f.get('event_type')})",
        f"  date:       {date.get('value') or 'unknown'} ({date.get('precision') or '?'} precision)",
        f"  place:      {loc.get('name') or 'unknown'}"
        + (f" [{loc.get('lat')}, {loc.get('lon')}] {loc.get('country_code') or ''}" if loc.get("lat") is not None
           else ""),
        f"  actors:     {_actor(f.get('actor1'))} -> {_actor(f.get('actor2'))}",
        f"  target:     {f.get('target') or 'unknown'}",
        f"  weapons:    {_weapons(f.get('weapons') or [])}",
        f"  fatalities: {_value((f.get('fatalities') or {}).get('value'))}   "
        f"injuries: {_value((f.get('injuries') or {}).get('value'))}",
        f"  modality:   {f.get('modality')}{'  (background only)' if f.get('background') else ''}",
    ]
    if d.get("storyline"):
        s = d["storyline"]
        lines.append(f"  storyline:  {s['id']} {s.get('title') or ''} ({len(s.get('event_ids') or [])} events)")
    lines.append(f"\nReports ({len(d['reports'])}):")
    for r in d["reports"]:
        head = (f"  - {r.get('source') or '?'}, {r.get('published_at') or 'undated'}: "
                f"{r.get('title') or r['article_id']}")
        lines.append(head + ("  [background mention]" if r.get("background") else ""))
        for e in r.get("evidence") or []:
            lines.append(textwrap.indent(textwrap.fill(f"\"{e['text']}\" [{e['start']}:{e['end']}]", width=96),
                                         "      "))
    if d["discrepancies"]:
        lines.append("\nDiscrepancies:")
        for disc in d["discrepancies"]:
            lines.append(f"  {disc['field']}: canonical {_value(disc['canonical'])}  ({disc['rule']})")
            for v in disc["values"]:
                lines.append(f"      {v.get('source') or v.get('article_id')}: {_value(v['value'])}")
    if d["merge_reasons"]:
        lines.append("\nWhy these reports were merged:")
        for m in d["merge_reasons"]:
            feats = ", ".join(f"{k}={v}" for k, v in m.get("features", {}).items())
            lines.append(f"  {' + '.join(m['reports'])}: score {m['score']} (average link {m['average_link']}, "
                         f"threshold {m['threshold']}); {feats}")
    return "\n".join(lines)


def render_storylines(lines: list[dict[str, Any]], claims: list[dict[str, Any]]) -> str:
    out: list[str] = []
    for s in lines:
        out.append(f"{s['id']}  {s.get('title') or ''}  {s.get('first_date') or '?'} .. {s.get('last_date') or '?'}")
        for e in s.get("events") or []:
            fat = "" if e.get("fatalities") is None else f" fatalities={e['fatalities']}"
            out.append(f"    {e.get('date_value') or e.get('date') or '????'}  {e['id']}  {e.get('sub_event_type')}  "
                       f"{e.get('location') or '?'}  {e.get('actor1') or '?'} -> {e.get('actor2') or '?'}{fat}")
        for r in s.get("reasons") or []:
            out.append(f"      why: {r}")
    if not lines:
        out.append("no storylines")
    if claims:
        out.append("\nTally claims:")
        series = None
        for c in claims:
            if c["series"] != series:
                series = c["series"]
                out.append(f"  series {series or '(unspecified)'}:")
            flags = "; ".join(f["flag"] + (f" (was {f['previous']} on {f['previous_as_of']})" if f["flag"] == "decrease"
                                           else f" (others: {f['other_counts']})") for f in c["flags"])
            out.append(f"    {c.get('as_of') or '?'}  {c.get('qualifier') or ''} {c.get('count')}  "
                       f"{c.get('source') or c.get('outlet') or '?'}  [{c.get('article_id')}]"
                       + (f"  !! {flags}" if flags else ""))
    return "\n".join(out)
