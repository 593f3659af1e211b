"""The ``annotate`` contract: JSON Lines in, JSON Lines out (see docs/annotate-format.md).

One output record per input line, same order, same ``id``. Offsets index the
input ``text`` exactly as given. A record that cannot be processed still gets
an output line, with empty lists and a ``quarantine`` object saying why.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from .config import Settings
from .errors import ArticleError
from .model import Article, Count, EventReport, Quarantined
from .pipeline import ANNOTATE_STAGES, Pipeline

__all__ = ["annotate", "annotate_records", "article_from_record", "to_record", "event_to_dict"]


def article_from_record(rec: Any, lineno: int | None = None) -> Article:
    """Build an Article from one input record; unknown fields are ignored."""
    where = f"line {lineno}" if lineno is not None else "record"
    if not isinstance(rec, dict):
        raise ArticleError(f"{where} is not a JSON object", reason="malformed")
    doc_id = rec.get("id")
    if doc_id is None or doc_id == "":
        doc_id = f"line-{lineno}" if lineno is not None else None
        if doc_id is None:
            raise ArticleError(f"{where} has no id", reason="malformed")
    text = rec.get("text")
    if not isinstance(text, str):
        raise ArticleError(f"{where} (id {doc_id}) has no text string", reason="malformed")
    published = rec.get("published_at")
    return Article(
        id=str(doc_id),
        text=text,
        published_at=str(published) if published not in (None, "") else None,
        title=_opt_str(rec.get("title")),
        source=_opt_str(rec.get("source")),
        url=_opt_str(rec.get("url")),
        origin=where,
    )


def _opt_str(v: Any) -> str | None:
    return None if v in (None, "") else str(v)


def _span(s: Any) -> dict[str, int]:
    return {"start": s.start, "end": s.end}


def _count(c: Count) -> dict[str, Any]:
    out: dict[str, Any] = {"value": c.value}
    for k in ("low", "high", "qualifier", "side", "note"):
        v = getattr(c, k)
        if v is not None:
            out[k] = v
    if c.start is not None:
        out["evidence"] = [{"start": c.start, "end": c.end}]
    return out


def event_to_dict(ev: EventReport) -> dict[str, Any]:
    """One event report in the contract's shape (plus optional extras)."""
    out: dict[str, Any] = {
        "id": ev.id,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "plover": dict(ev.plover) if ev.plover else None,
        "actor1": _actor(ev.actor1),
        "actor2": _actor(ev.actor2),
        "target": ev.target,
        "location": None,
        "date": None,
        "weapons": [
            _drop_none({"name": w.name, "category": w.category, "count": w.count, "subtype": w.subtype,
                        "start": w.start, "end": w.end})
            for w in ev.weapons
        ],
        "fatalities": _count(ev.fatalities),
        "injuries": _count(ev.injuries),
        "modality": ev.modality,
        "background": ev.background,
        "attribution": [_drop_none({"source": a.source, "kind": a.kind, "start": a.start, "end": a.end,
                                    "stance": a.stance})
                        for a in ev.attribution],
        "evidence": [_span(s) for s in ev.evidence],
        "confidence": round(float(ev.confidence), 4),
    }
    if ev.trigger is not None:
        out["trigger"] = _span(ev.trigger)
    if ev.location is not None:
        loc = ev.location
        out["location"] = _drop_none({
            "name": loc.name, "lat": loc.lat, "lon": loc.lon, "country_code": loc.country_code,
            "admin1": loc.admin1, "geonameid": loc.geonameid, "geo_precision": loc.geo_precision,
            "start": loc.start, "end": loc.end,
        }, keep=("name", "lat", "lon", "geo_precision"))
    if ev.date is not None:
        d = ev.date
        out["date"] = _drop_none({
            "value": d.value, "precision": d.precision, "time_precision": d.time_precision,
            "from_publication_date": d.from_publication_date or None, "start": d.start, "end": d.end,
        }, keep=("value", "precision"))
    if ev.field_evidence:
        out["field_evidence"] = {k: [_span(s) for s in v] for k, v in ev.field_evidence.items()}
    return out


def _actor(a: Any) -> dict[str, Any] | None:
    if a is None:
        return None
    return _drop_none({"name": a.name, "canonical": a.canonical, "kind": a.kind, "country": a.country,
                       "sponsor": a.sponsor, "start": a.start, "end": a.end}, keep=("name", "canonical"))


def _drop_none(d: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None or k in keep}


def to_record(item: Article | Quarantined, *, doc_id: str | None = None) -> dict[str, Any]:
    """The contract's output record for one processed (or quarantined) article."""
    if isinstance(item, Quarantined):
        return {"id": doc_id if doc_id is not None else item.article_id, "mentions": [], "places": [],
                "times": [], "events": [], "claims": [],
                "quarantine": {"stage": item.stage, "reason": item.reason}}
    a = item
    rec: dict[str, Any] = {
        "id": a.id,
        "mentions": [_drop_none({"start": m.start, "end": m.end, "text": m.text, "label": m.label,
                                 "subtype": m.subtype}) for m in a.mentions],
        "places": [_drop_none({
            "start": p.start, "end": p.end, "text": p.text, "name": p.name, "geonameid": p.geonameid,
            "lat": p.lat, "lon": p.lon, "country_code": p.country_code, "admin1": p.admin1,
            "feature_code": p.feature_code, "score": None if p.score is None else round(p.score, 4),
        }, keep=("name", "lat", "lon")) for p in a.places if p.role == "place"],
        "times": [_drop_none({"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
                              "mod": t.mod}, keep=("value",)) for t in a.times],
        "events": [event_to_dict(e) for e in a.events],
        "claims": [_drop_none({
            "kind": c.kind, "count": c.count, "qualifier": c.qualifier, "event": c.event, "target": c.target,
            "region": c.region, "period": c.period or None, "as_of": c.as_of, "source": c.source,
            "evidence": [_span(s) for s in c.evidence],
        }, keep=("count",)) for c in a.claims],
    }
    if a.removed:
        rec["removed"] = [{"start": r.start, "end": r.end, "reason": r.reason} for r in a.removed]
    return rec


def annotate_records(
    records: Iterable[tuple[int, Any]], settings: Settings, pipeline: Pipeline | None = None
) -> Iterator[dict[str, Any]]:
    """Annotate ``(line_number, parsed_json_or_exception)`` pairs; one output dict per input."""
    pipe = pipeline or Pipeline(settings, ANNOTATE_STAGES)
    ids: list[str] = []

    def articles() -> Iterator[Article | Quarantined]:
        for lineno, rec in records:
            try:
                if isinstance(rec, Exception):
                    raise ArticleError(f"line {lineno} is not valid JSON: {rec}", reason="malformed")
                art = article_from_record(rec, lineno)
                ids.append(art.id)
                yield art
            except ArticleError as exc:
                rid = rec.get("id") if isinstance(rec, dict) and rec.get("id") not in (None, "") else f"line-{lineno}"
                ids.append(str(rid))
                yield Quarantined(origin=f"line {lineno}", reason=f"{exc.reason}: {exc.message}", stage="ingest",
                                  article_id=str(rid))

    for i, out in enumerate(pipe.pipe(articles())):
        yield to_record(out, doc_id=ids[i])


def read_jsonl_lines(lines: Iterable[str]) -> Iterator[tuple[int, Any]]:
    """Parse JSON Lines lazily; a malformed line becomes an exception object, not a crash."""
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except ValueError as exc:
            yield lineno, exc


def annotate(docs: Iterable[dict[str, Any]], settings: Settings | None = None) -> list[dict[str, Any]]:
    """Annotate input records (dicts with id/text/published_at/...) and return output records."""
    return list(annotate_records(enumerate(docs, start=1), settings or Settings()))
