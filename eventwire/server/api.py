"""The REST API: read-only views over a :class:`~eventwire.store.base.Store`, plus optional ingestion.

Every endpoint speaks only to the store protocol (so SQLite, in-memory or any
other backend works) and answers JSON. Read handlers are ``async`` on purpose:
store reads then run on the event-loop thread, one at a time, which is what a
single SQLite connection wants, and an indexed read is short. Ingestion (the
spaCy pipeline, seconds per batch) runs in a worker thread instead, one batch at
a time, so the dashboard keeps answering meanwhile.

Offsets in every answer are ``str`` offsets into the article text as ingested
(the annotate contract), so the dashboard can highlight evidence exactly.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
import tempfile
import time
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import anyio.to_thread
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import Response, StreamingResponse

from ..errors import ArticleError, EventwireError, NotFound, ParameterError, PayloadTooLarge
from ..store.base import EventFilter, StoredEvent, event_summary
from .security import check_bearer

__all__ = ["router", "ParameterError", "field_highlights", "event_detail_payload"]

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api")

MAX_LIMIT = 1000
MAX_GEOJSON = 5000
MAX_EXPORT = 10_000_000  # events per download: in effect all (the exporters read the store page by page)
EXCERPT_MARGIN = 240  # characters of context shown around the evidence of a report
TIMELINE_SCAN_CAP = 20000  # events scanned for a filtered timeline when the store has no breakdown
MAX_INGEST = 500  # records per POST
MAX_INGEST_BYTES = 20 * 1024 * 1024
STATS_TTL = 30.0  # seconds the unfiltered dashboard counts are reused (ingestion clears them)

_DATE = r"^\d{4}-\d{2}-\d{2}$"




# ----------------------------------------------------------------------------- helpers
def _ok(payload: Any, status: int = 200) -> Response:
    """JSON straight from ``json.dumps``: our payloads are plain dicts already, and FastAPI's generic
    encoder walking every nested value costs more than the SQL behind a page of events."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Response(body.encode("utf-8"), status_code=status, media_type="application/json")


def _ok_spliced(head: dict[str, Any], key: str, raw_items: list[str]) -> Response:
    """Like :func:`_ok` for ``{**head, key: [items]}`` where the items are JSON texts the store already holds
    (decoding and re-encoding a page of rows would cost more than everything else in the request)."""
    body = json.dumps(head, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    items = json.dumps(key) + ":[" + ",".join(raw_items) + "]"
    return Response((body[:-1] + ("," if head else "") + items + "}").encode("utf-8"), media_type="application/json")


def _store(request: Request) -> Any:
    return request.app.state.stores.get()


def _parse_bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    if not bbox:
        return None
    parts = bbox.split(",")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        values = ()
    if len(values) != 4:
        raise ParameterError(f"bbox {bbox!r} is not four numbers",
                             hint="use bbox=min_lon,min_lat,max_lon,max_lat, e.g. bbox=35,29,48,38")
    min_lon, min_lat, max_lon, max_lat = values
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise ParameterError(f"bbox {bbox!r} is out of range",
                             hint="longitudes in [-180, 180], latitudes in [-90, 90], min_lat <= max_lat")
    return values  # type: ignore[return-value]


def _filter(
    sub_event_type: str | None, event_type: str | None, date_from: str | None, date_to: str | None,
    bbox: str | None, country: str | None, actor: str | None, storyline_id: str | None, q: str | None,
    limit: int, offset: int,
) -> EventFilter:
    if date_from and date_to and date_from > date_to:
        raise ParameterError(f"date_from {date_from} is after date_to {date_to}", hint="swap the two dates")
    return EventFilter(
        sub_event_type=sub_event_type or None, event_type=event_type or None, date_from=date_from or None,
        date_to=date_to or None, bbox=_parse_bbox(bbox), country=(country or "").upper() or None,
        actor=actor or None, storyline_id=storyline_id or None, q=(q or "").strip() or None,
        limit=limit, offset=offset,
    )


def _event_summary(ev: StoredEvent) -> dict[str, Any]:
    return event_summary({"id": ev.id, "fields": ev.fields, "reports": ev.reports, "storyline_id": ev.storyline_id})


def _summaries(store: Any, flt: EventFilter) -> list[dict[str, Any]]:
    """List rows for ``flt``: the store's own summaries when it has them (no full payloads decoded)."""
    if hasattr(store, "list_event_summaries"):
        return store.list_event_summaries(flt)
    return [_event_summary(ev) for ev in store.list_events(flt)]


def _date_value(fields: dict[str, Any]) -> str | None:
    d = fields.get("date")
    if isinstance(d, dict):
        return d.get("value")
    return d if isinstance(d, str) else None


def _spans(value: Any) -> Iterable[tuple[int, int]]:
    """(start, end) pairs from a span dict, a list of them, or an object with start/end."""
    if isinstance(value, list):
        for v in value:
            yield from _spans(v)
    elif isinstance(value, dict):
        s, e = value.get("start"), value.get("end")
        if isinstance(s, int) and isinstance(e, int) and e > s:
            yield s, e


def field_highlights(report: dict[str, Any], text_len: int | None = None) -> list[dict[str, Any]]:
    """Which character spans of the article support which field of one event report.

    Reads the contract shape (``annotate.event_to_dict``): ``evidence`` spans, per-argument
    ``start``/``end`` (actors, location, date, weapons, attribution), casualty ``evidence``
    and the optional ``field_evidence`` map. Spans outside the text are dropped.
    """
    found: list[tuple[str, int, int]] = []
    found += [("evidence", s, e) for s, e in _spans(report.get("evidence"))]
    found += [("trigger", s, e) for s, e in _spans(report.get("trigger"))]
    for name in ("actor1", "actor2", "location", "date"):
        found += [(name, s, e) for s, e in _spans(report.get(name))]
    found += [("weapons", s, e) for s, e in _spans(report.get("weapons"))]
    found += [("attribution", s, e) for s, e in _spans(report.get("attribution"))]
    for name in ("fatalities", "injuries"):
        c = report.get(name)
        if isinstance(c, dict):  # contract shape keeps "evidence"; the stored model shape has start/end
            found += [(name, s, e) for s, e in [*_spans(c.get("evidence")), *_spans(c)]]
    fe = report.get("field_evidence")
    if isinstance(fe, dict):
        for name, spans in fe.items():
            found += [(str(name), s, e) for s, e in _spans(spans)]
    seen: set[tuple[str, int, int]] = set()
    out = []
    for item in sorted(found, key=lambda x: (x[1], -x[2], x[0])):
        if item in seen or item[1] < 0 or (text_len is not None and item[2] > text_len):
            continue
        seen.add(item)
        out.append({"field": item[0], "start": item[1], "end": item[2]})
    return out


def _excerpt(text: str, highlights: list[dict[str, Any]]) -> dict[str, Any]:
    """A window of the article around the highlighted spans, cut at whitespace."""
    if not text:
        return {"start": 0, "end": 0, "text": ""}
    if highlights:
        lo = max(0, min(h["start"] for h in highlights) - EXCERPT_MARGIN)
        hi = min(len(text), max(h["end"] for h in highlights) + EXCERPT_MARGIN)
    else:
        lo, hi = 0, min(len(text), 2 * EXCERPT_MARGIN)
    if lo > 0:
        m = re.search(r"\s", text[lo:lo + 40])
        lo = lo + m.end() if m else lo
    if hi < len(text):
        m = re.search(r"\s\S*$", text[max(lo, hi - 40):hi])
        hi = max(lo, hi - 40) + m.start() if m else hi
    return {"start": lo, "end": hi, "text": text[lo:hi]}


def _article_or_none(store: Any, article_id: str | None) -> dict[str, Any] | None:
    if not article_id:
        return None
    try:
        return store.get_article(article_id)
    except NotFound:
        return None
    except KeyError:
        return None


def _storyline(store: Any, storyline_id: str) -> dict[str, Any] | None:
    for line in store.list_storylines():
        if str(line.get("id")) == storyline_id:
            return line
    return None


def event_detail_payload(store: Any, ev: StoredEvent) -> dict[str, Any]:
    """An event with each report's text excerpt and per-field evidence spans."""
    reports = []
    for rep in ev.reports:
        art = _article_or_none(store, rep.get("article_id")) or {}
        text = art.get("text") or ""
        report = rep.get("report") if isinstance(rep.get("report"), dict) else {}
        if not report.get("evidence") and rep.get("evidence"):
            report = {**report, "evidence": rep.get("evidence")}
        marks = field_highlights(report, len(text)) if text else []
        reports.append({
            "article_id": rep.get("article_id"),
            "source": rep.get("source") or art.get("source"),
            "title": rep.get("title") or art.get("title"),
            "published_at": rep.get("published_at") or art.get("published_at"),
            "url": rep.get("url") or art.get("url"),
            "report": report,
            "highlights": marks,
            "excerpt": _excerpt(text, marks),
            "text_length": len(text),
        })
    line = _storyline(store, ev.storyline_id) if ev.storyline_id else None
    return {
        "id": ev.id,
        "fields": ev.fields,
        "reports": reports,
        "discrepancies": ev.discrepancies,
        "merge_reasons": ev.merge_reasons,
        "storyline_id": ev.storyline_id,
        "storyline": {"id": line.get("id"), "title": line.get("title")} if line else None,
    }


def tally_series(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims grouped into series (the store's ``series`` key, else event/target/region), ordered by as-of date."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        if c.get("count") is None:
            continue
        key = c.get("series") or "|".join(str(c.get(k) or "").lower() for k in ("event", "target", "region"))
        groups[str(key)].append(c)
    series = []
    for key, items in groups.items():
        items.sort(key=lambda c: (str(c.get("as_of") or (c.get("published_at") or "")[:10]), c.get("count") or 0))
        first = items[0]
        event, target, region = (first.get(k) for k in ("event", "target", "region"))
        label = " ".join(str(x) for x in (event, "on" if target else None, target, "in" if region else None, region) if x)
        series.append({
            "key": key,
            "label": label or "tally",
            "points": [{
                "as_of": c.get("as_of") or (c.get("published_at") or "")[:10] or None, "count": c.get("count"),
                "qualifier": c.get("qualifier"), "source": c.get("source") or c.get("outlet"),
                "article_id": c.get("article_id"), "flags": c.get("flags") or [],
            } for c in items],
        })
    series.sort(key=lambda s: (-len(s["points"]), s["key"]))
    return series


# ----------------------------------------------------------------------------- endpoints
@router.get("/health", summary="Liveness and store size")
async def health(request: Request) -> Response:
    store = _store(request)
    return _ok({"status": "ok", "events": store.count_events(EventFilter(limit=1)),
                "ingest": bool(request.app.state.ingest_token)})


@router.get("/config", summary="Dashboard settings (map tiles)")
async def config(request: Request) -> Response:
    return _ok({"tiles_url": request.app.state.tiles_url or None, "ingest": bool(request.app.state.ingest_token)})


_F = {
    "sub_event_type": Query(None, max_length=100, description="ACLED sub-event type, e.g. 'Air/drone strike'"),
    "event_type": Query(None, max_length=100, description="ACLED event type"),
    "date_from": Query(None, pattern=_DATE, description="first date, inclusive (YYYY-MM-DD)"),
    "date_to": Query(None, pattern=_DATE, description="last date, inclusive (YYYY-MM-DD)"),
    "bbox": Query(None, max_length=200, description="min_lon,min_lat,max_lon,max_lat"),
    "country": Query(None, pattern=r"^[A-Za-z]{2}$", description="ISO-2 country code"),
    "actor": Query(None, max_length=200, description="substring of an actor name or canonical name"),
    "storyline_id": Query(None, max_length=200),
    "q": Query(None, max_length=500, description="full-text search over the evidence"),
}


# The event-list endpoints are the hot path (every dashboard view, 200 req/s targets): their query string is
# parsed from this table by hand instead of by FastAPI's per-parameter validation, which cost more than the
# SQL. The same table documents them in /openapi.json; errors keep the E422 shape and name the parameter.
@dataclass(frozen=True)
class _Param:
    name: str
    description: str = ""
    max_length: int | None = None
    pattern: str | None = None
    integer: bool = False
    ge: int | None = None
    le: int | None = None
    default: int | None = None

    def openapi(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer" if self.integer else "string"}
        for key, value in (("maxLength", self.max_length), ("pattern", self.pattern), ("minimum", self.ge),
                           ("maximum", self.le), ("default", self.default)):
            if value is not None:
                schema[key] = value
        return {"name": self.name, "in": "query", "required": False, "description": self.description,
                "schema": schema}


_FILTER_PARAMS = (
    _Param("sub_event_type", "ACLED sub-event type, e.g. 'Air/drone strike'", max_length=100),
    _Param("event_type", "ACLED event type", max_length=100),
    _Param("date_from", "first date, inclusive (YYYY-MM-DD)", pattern=_DATE),
    _Param("date_to", "last date, inclusive (YYYY-MM-DD)", pattern=_DATE),
    _Param("bbox", "min_lon,min_lat,max_lon,max_lat", max_length=200),
    _Param("country", "ISO-2 country code", pattern=r"^[A-Za-z]{2}$"),
    _Param("actor", "substring of an actor name or canonical name", max_length=200),
    _Param("storyline_id", "", max_length=200),
    _Param("q", "full-text search over the evidence", max_length=500),
)
_LIST_PARAMS = _FILTER_PARAMS + (
    _Param("limit", "events per page", integer=True, ge=1, le=MAX_LIMIT, default=50),
    _Param("offset", "events to skip", integer=True, ge=0, le=10_000_000, default=0),
)
_GEOJSON_PARAMS = _FILTER_PARAMS + (
    _Param("limit", "at most this many events", integer=True, ge=1, le=MAX_GEOJSON, default=MAX_GEOJSON),
    _Param("offset", "events to skip", integer=True, ge=0, default=0),
)
_PATTERNS = {p.pattern: re.compile(p.pattern) for p in _LIST_PARAMS if p.pattern}


def _full_match(rx: re.Pattern[str], text: str) -> bool:
    m = rx.match(text)  # and to the very end: "$" alone would let a trailing newline through
    return m is not None and m.end() == len(text)


def _query(request: Request, params: tuple[_Param, ...]) -> EventFilter:
    """The EventFilter of a request's query string, validated against ``params`` (unknown names are ignored)."""
    given = request.query_params
    values: dict[str, Any] = {}
    problems = []
    for p in params:
        raw = given.get(p.name)
        if raw is None:
            values[p.name] = p.default
            continue
        if p.integer:
            try:
                number = int(raw.strip())
            except ValueError:
                problems.append(f"query {p.name}: {raw[:40]!r} is not an integer")
                continue
            if (p.ge is not None and number < p.ge) or (p.le is not None and number > p.le):
                bounds = f"between {p.ge} and {p.le}" if p.le is not None else f">= {p.ge}"
                problems.append(f"query {p.name}: {number} is out of range (must be {bounds})")
                continue
            values[p.name] = number
            continue
        if p.max_length is not None and len(raw) > p.max_length:
            problems.append(f"query {p.name}: longer than {p.max_length} characters")
        elif p.pattern and not _full_match(_PATTERNS[p.pattern], raw):
            problems.append(f"query {p.name}: {raw[:40]!r} does not match {p.pattern}")
        else:
            values[p.name] = raw
    if problems:
        raise ParameterError("; ".join(problems),
                             hint=f"see /openapi.json for the parameters of {request.method} {request.url.path}")
    return _filter(**values)


class PageCache:
    """Recent event-list bodies of one server process, dropped as soon as the store's data changes.

    Dashboards ask for the same pages over and over (the first page, a type, a country); a repeat
    then costs a dict lookup. Only stores that say when their data changed (``data_stamp``) are cached.
    """

    def __init__(self, size: int) -> None:
        self.size = max(0, int(size))
        self._bodies: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._stamp: Any = None

    def get(self, store: Any, key: tuple[Any, ...]) -> bytes | None:
        if not self.size or not hasattr(store, "data_stamp"):
            return None
        stamp = store.data_stamp()
        if stamp != self._stamp:
            self._bodies.clear()
            self._stamp = stamp
            return None
        body = self._bodies.get(key)
        if body is not None:
            self._bodies.move_to_end(key)
        return body

    def put(self, store: Any, key: tuple[Any, ...], body: bytes) -> None:
        if not self.size or not hasattr(store, "data_stamp") or store.data_stamp() != self._stamp:
            return
        self._bodies[key] = body
        if len(self._bodies) > self.size:
            self._bodies.popitem(last=False)

    def clear(self) -> None:
        self._bodies.clear()
        self._stamp = None


@router.get("/events", summary="Resolved events, filtered and paged",
            openapi_extra={"parameters": [p.openapi() for p in _LIST_PARAMS]})
async def list_events(request: Request) -> Response:
    flt = _query(request, _LIST_PARAMS)
    store = _store(request)
    cache: PageCache = request.app.state.page_cache
    key = tuple(vars(flt).values())
    body = cache.get(store, key)
    if body is not None:
        return Response(body, media_type="application/json")
    if hasattr(store, "list_event_summaries_json"):  # rows pass through as stored JSON text
        raw = store.list_event_summaries_json(flt)
        resp = _ok_spliced({"total": store.count_events(flt), "limit": flt.limit, "offset": flt.offset}, "items", raw)
    else:
        items = _summaries(store, flt)
        resp = _ok({"total": store.count_events(flt), "items": items, "limit": flt.limit, "offset": flt.offset})
    cache.put(store, key, resp.body)
    return resp


@router.get("/events.geojson", summary="Located events as a GeoJSON FeatureCollection",
            openapi_extra={"parameters": [p.openapi() for p in _GEOJSON_PARAMS]})
async def events_geojson(request: Request) -> Response:
    flt = _query(request, _GEOJSON_PARAMS)
    store = _store(request)
    features = []
    for f in _summaries(store, flt):
        loc = f.get("location") or {}
        lat, lon = loc.get("lat"), loc.get("lon")
        if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
            continue
        features.append({
            "type": "Feature",
            "id": f["id"],
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "id": f["id"], "event_type": f.get("event_type"), "sub_event_type": f.get("sub_event_type"),
                "date": _date_value(f), "location": loc.get("name"), "country_code": loc.get("country_code"),
                "geo_precision": loc.get("geo_precision"),
                "fatalities": (f.get("fatalities") or {}).get("value") if isinstance(f.get("fatalities"), dict) else None,
                "actor1": (f.get("actor1") or {}).get("name") if isinstance(f.get("actor1"), dict) else None,
                "actor2": (f.get("actor2") or {}).get("name") if isinstance(f.get("actor2"), dict) else None,
                "storyline_id": f.get("storyline_id"),
            },
        })
    return _ok({"type": "FeatureCollection", "features": features})


_EXPORT_PARAMS = _FILTER_PARAMS + (
    _Param("limit", "at most this many events (default: all)", integer=True, ge=1, le=MAX_EXPORT, default=MAX_EXPORT),
    _Param("offset", "events to skip", integer=True, ge=0, default=0),
)
_EXPORT_MEDIA = {"jsonl": ("application/x-ndjson", "jsonl"), "csv": ("text/csv; charset=utf-8", "csv"),
                 "geojson": ("application/geo+json", "geojson"), "plover": ("application/x-ndjson", "plover.jsonl"),
                 "parquet": ("application/vnd.apache.parquet", "parquet")}


@router.get("/export/{fmt}", summary="Download filtered events: jsonl, csv (ACLED columns), geojson, plover, parquet",
            openapi_extra={"parameters": [p.openapi() for p in _EXPORT_PARAMS]})
async def export(request: Request, fmt: str) -> Response:
    from ..store.export import BINARY_FORMATS, check_format, export_events

    if fmt not in _EXPORT_MEDIA:
        raise NotFound(f"no export format {fmt!r}", hint="one of: " + ", ".join(_EXPORT_MEDIA))
    check_format(fmt)  # a server without pyarrow answers with what to install
    flt = _query(request, _EXPORT_PARAMS)
    # written to a temporary file (spilling to disk past 8 MB), then streamed from it: a whole store's export
    # can be far larger than what a response body should hold in memory
    raw = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    try:
        if fmt in BINARY_FORMATS:
            export_events(_store(request), fmt, raw, flt)
        else:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            export_events(_store(request), fmt, text, flt)
            text.flush()
            text.detach()
        raw.seek(0)
    except BaseException:
        raw.close()
        raise

    def chunks() -> Iterator[bytes]:
        with raw:
            while block := raw.read(256 * 1024):
                yield block

    media, ext = _EXPORT_MEDIA[fmt]
    return StreamingResponse(chunks(), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="eventwire-events.{ext}"'})


@router.get("/events/{event_id:path}", summary="One event: reports with evidence, discrepancies, merge reasons")
async def get_event(request: Request, event_id: str) -> Response:
    store = _store(request)
    ev = _get_event(store, event_id)
    return _ok(event_detail_payload(store, ev))


def _get_event(store: Any, event_id: str) -> StoredEvent:
    try:
        return store.get_event(event_id)
    except (KeyError, NotFound):  # our own message: the store's may name the database file
        raise NotFound(f"no event {event_id!r}", hint="list events with GET /api/events") from None


@router.get("/articles/{article_id:path}", summary="One article: text and every extracted span")
async def get_article(request: Request, article_id: str) -> Response:
    store = _store(request)
    art = _article_or_none(store, article_id)
    if art is None:
        raise NotFound(f"no article {article_id!r}", hint="article ids appear in the reports of GET /api/events/{id}")
    out = {k: v for k, v in art.items() if k not in ("raw_html",)}
    for key in ("mentions", "places", "times", "events", "claims", "removed"):
        out.setdefault(key, [])
    text_len = len(out.get("text") or "")
    out["event_highlights"] = [{**h, "event_id": rep.get("id")} for rep in out["events"] if isinstance(rep, dict)
                               for h in field_highlights(rep, text_len)]
    return _ok(out)


@router.get("/storylines", summary="Storylines (events that belong together)")
async def list_storylines(request: Request) -> Response:
    items = _store(request).list_storylines()
    return _ok({"total": len(items), "items": items})


@router.get("/storylines/{storyline_id:path}", summary="One storyline: its events in time order and tally series")
async def get_storyline(request: Request, storyline_id: str) -> Response:
    store = _store(request)
    line = _storyline(store, storyline_id)
    if line is None:
        raise NotFound(f"no storyline {storyline_id!r}", hint="list storylines with GET /api/storylines")
    events = store.list_events(EventFilter(storyline_id=storyline_id, limit=MAX_LIMIT))
    events.sort(key=lambda e: (_date_value(e.fields) or "", e.id))
    articles = {r.get("article_id") for e in events for r in e.reports}
    claims = [c for c in store.list_claims()
              if c.get("storyline_id") == storyline_id or (c.get("article_id") in articles and c.get("article_id"))]
    return _ok({**line, "events": [_event_summary(e) for e in events], "tallies": tally_series(claims)})


@router.get("/tallies", summary="Running tallies (claims) as series ordered by as-of date")
async def tallies(request: Request) -> Response:
    claims = _store(request).list_claims()
    return _ok({"series": tally_series(claims), "claims": claims})


@router.get("/stats", summary="Counts by type, day and country (optionally for filtered events)")
async def stats(
    request: Request,
    sub_event_type: str | None = _F["sub_event_type"], event_type: str | None = _F["event_type"],
    date_from: str | None = _F["date_from"], date_to: str | None = _F["date_to"], bbox: str | None = _F["bbox"],
    country: str | None = _F["country"], actor: str | None = _F["actor"],
    storyline_id: str | None = _F["storyline_id"], q: str | None = _F["q"],
) -> Response:
    store = _store(request)
    flt = _filter(sub_event_type, event_type, date_from, date_to, bbox, country, actor, storyline_id, q,
                  TIMELINE_SCAN_CAP, 0)
    filtered = any(v is not None for v in (flt.sub_event_type, flt.event_type, flt.date_from, flt.date_to, flt.bbox,
                                           flt.country, flt.actor, flt.storyline_id, flt.q))
    cache = request.app.state.stats_cache
    if not filtered and cache.get("at", 0.0) > time.monotonic() - STATS_TTL:
        return _ok(cache["payload"])
    base = {} if filtered else {k: v for k, v in (store.stats() or {}).items() if k != "path"}  # no file paths out
    if "by_day_type" not in base:
        # The store gave no per-day-per-type breakdown (or the counts must follow filters): count a bounded scan.
        events = _summaries(store, flt)
        by_type: Counter[str] = Counter()
        by_day: Counter[str] = Counter()
        by_country: Counter[str] = Counter()
        by_day_type: dict[str, Counter[str]] = defaultdict(Counter)
        for ev in events:
            t = ev.get("sub_event_type") or "Unknown"
            day = (_date_value(ev) or "")[:10]
            cc = (ev.get("location") or {}).get("country_code") or "??"
            by_type[t] += 1
            by_country[cc] += 1
            if len(day) == 10:
                by_day[day] += 1
                by_day_type[day][t] += 1
        base.setdefault("by_type", dict(by_type))
        base.setdefault("by_day", dict(sorted(by_day.items())))
        base.setdefault("by_country", dict(by_country))
        base["by_day_type"] = {d: dict(c) for d, c in sorted(by_day_type.items())}
        base["scanned"] = len(events)
        base["truncated"] = len(events) >= TIMELINE_SCAN_CAP
    if filtered or "events" not in base:
        base["events"] = store.count_events(flt)
    if not filtered:
        request.app.state.stats_cache = {"at": time.monotonic(), "payload": base}
    return _ok(base)


_INGEST_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "type": "array", "maxItems": MAX_INGEST, "items": {"type": "object", "required": ["id", "text"], "properties": {
        "id": {"type": "string"}, "text": {"type": "string"}, "published_at": {"type": "string"},
        "title": {"type": "string"}, "source": {"type": "string"}, "url": {"type": "string"}}}}}}}}


@router.post("/articles", summary="Add articles (annotate-input records); needs the ingest bearer token",
             status_code=201, openapi_extra=_INGEST_BODY)
async def post_articles(request: Request, authorization: str | None = Header(None)) -> Response:
    # The token is checked before the body is even read: strangers learn nothing about what we accept.
    check_bearer(authorization, request.app.state.ingest_token)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_INGEST_BYTES:
        raise PayloadTooLarge(f"the request body is {int(declared)} bytes; at most {MAX_INGEST_BYTES}",
                              hint="split the upload into several requests")
    body = await request.body()
    if len(body) > MAX_INGEST_BYTES:
        raise PayloadTooLarge(f"the request body is over {MAX_INGEST_BYTES} bytes",
                              hint="split the upload into several requests")
    try:
        records = json.loads(body)
    except ValueError:
        raise ParameterError("the request body is not valid JSON",
                             hint="send a JSON list of {id, text, published_at, ...} records") from None
    if not isinstance(records, list) or not records:
        raise ParameterError("the request body must be a non-empty JSON list",
                             hint="send a JSON list of {id, text, published_at, ...} records")
    if len(records) > MAX_INGEST:
        raise ParameterError(f"{len(records)} records in one request; at most {MAX_INGEST}",
                             hint="split the upload into several requests")
    # The pipeline takes seconds (spaCy, gazetteer): run it off the event loop so reads keep flowing,
    # one ingestion at a time.
    ingester: Ingester = request.app.state.ingester
    async with ingester.lock:
        result = await anyio.to_thread.run_sync(ingester.ingest, _store(request), records)
    request.app.state.stats_cache = {}
    request.app.state.page_cache.clear()
    return _ok(result, status=201)


class Ingester:
    """Runs posted records through the annotate pipeline, stores them and re-resolves events.

    The pipeline (spaCy) is built on first use so a read-only server never loads a model.
    """

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self._pipeline: Any = None
        self.lock = asyncio.Lock()

    def pipeline(self) -> Any:
        if self._pipeline is None:
            from ..pipeline import ANNOTATE_STAGES, Pipeline

            self._pipeline = Pipeline(self.settings, ANNOTATE_STAGES)
        return self._pipeline

    def ingest(self, store: Any, records: list[dict[str, Any]]) -> dict[str, Any]:
        from ..annotate import article_from_record
        from ..model import Article, Quarantined

        items: list[Article | Quarantined] = []
        skipped: list[str] = []
        for i, rec in enumerate(records, start=1):
            try:
                if not isinstance(rec, dict) or rec.get("id") in (None, ""):
                    # positional ids ("line-4") would collide across requests, so the API insists on ids
                    raise ArticleError(f"record {i} has no id", reason="malformed")
                art = article_from_record(rec, i)
            except ArticleError as exc:
                rid = rec.get("id") if isinstance(rec, dict) else None
                items.append(Quarantined(origin=f"request record {i}", reason=f"{exc.reason}: {exc.message}",
                                         stage="ingest", article_id=None if rid is None else str(rid)))
                continue
            art.origin = f"api:{art.id}"
            if store.has_article(art.id, art.hash):
                skipped.append(art.id)
                continue
            items.append(art)
        stored: list[str] = []
        quarantined: list[dict[str, Any]] = []
        for out in self.pipeline().pipe(items):
            if isinstance(out, Quarantined):
                store.save_quarantine(out)
                quarantined.append({"id": out.article_id, "stage": out.stage, "reason": out.reason})
            else:
                store.save_article(out)
                stored.append(out.id)
        resolved = self.resolve(store) if stored else None
        return {"stored": stored, "unchanged": skipped, "quarantined": quarantined, "events": resolved}

    def resolve(self, store: Any) -> int | None:
        try:
            from ..resolve import resolve_reports  # type: ignore[attr-defined]
        except ImportError:
            log.warning("eventwire.resolve.resolve_reports is not available; events were not re-resolved")
            return None
        events, storylines = resolve_reports(list(store.iter_reports()), self.settings)
        store.replace_events(events, storylines)
        return len(events)
