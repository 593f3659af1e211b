"""Exporters: JSON Lines, ACLED CSV, GeoJSON, PLOVER."""

from __future__ import annotations

import csv
import io
import json

import pytest

from eventwire.config import Settings
from eventwire.errors import ConfigError
from eventwire.model import Location
from eventwire.resolve import resolve_reports
from eventwire.store import EventFilter, open_store
from eventwire.store.export import ACLED_COLUMNS, export_events
from tests.resolve.helpers import article_with_report


@pytest.fixture
def store():
    s = open_store("memory://")
    a = article_with_report("a1", "US F-15 jets struck a depot near Mayadin.", source="Reuters", fatalities=9)
    a.events[0].actor1.kind = "state"
    a.events[0].actor2.kind = "political_militia"
    b = article_with_report("b1", "American warplanes bombed Mayadin, killing seven.", source="AP", fatalities=7)
    c = article_with_report("c1", "A clash was reported somewhere in Syria.", source="AFP", place=None,
                            sub="Armed clash", etype="Battles", day="2023-11", precision="month",
                            actor1="Rebels", actor2=None)
    c.events[0].location = Location(name="Syria", country_code="SY", geo_precision=3)
    for art in (a, b, c):
        s.save_article(art)
    s.replace_events(*resolve_reports(list(s.iter_reports()), Settings()))
    return s


def _export(store, fmt, flt=None):
    fh = io.StringIO()
    n = export_events(store, fmt, fh, flt)
    return n, fh.getvalue()


def test_csv_has_acled_columns_and_values(store):
    n, text = _export(store, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == 2 and len(rows) == 2
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    assert list(ACLED_COLUMNS[:7]) == ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
                                       "event_type", "sub_event_type"]
    strike = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
    assert strike["event_date"] == "2023-11-08" and strike["year"] == "2023" and strike["time_precision"] == "1"
    assert strike["inter1"] == "1" and strike["inter2"] == "3" and strike["interaction"] == "13"
    assert strike["fatalities"] == "7" and strike["country"] == "Syria" and strike["iso"] == "760"
    assert strike["latitude"] == "35.0207" and strike["source"] == "AP; Reuters"
    assert strike["disorder_type"] == "Political violence"
    clash = next(r for r in rows if r["sub_event_type"] == "Armed clash")
    assert clash["time_precision"] == "3" and clash["latitude"] == "" and clash["inter1"] == ""


def test_geojson_is_a_valid_feature_collection_of_located_events(store):
    n, text = _export(store, "geojson")
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection" and n == 1 == len(doc["features"])
    feat = doc["features"][0]
    assert feat["type"] == "Feature" and feat["geometry"]["type"] == "Point"
    lon, lat = feat["geometry"]["coordinates"]
    assert (lon, lat) == (40.4519, 35.0207)  # GeoJSON order is lon, lat
    assert feat["properties"]["n_reports"] == 2


def test_jsonl_carries_reports_discrepancies_and_reasons(store):
    n, text = _export(store, "jsonl")
    recs = [json.loads(line) for line in text.splitlines()]
    assert n == len(recs) == 2
    strike = next(r for r in recs if r["sub_event_type"] == "Air/drone strike")
    assert {r["article_id"] for r in strike["reports"]} == {"a1", "b1"}
    assert strike["reports"][0]["evidence"][0]["text"]
    assert strike["discrepancies"][0]["field"] == "fatalities"
    assert strike["merge_reasons"] and "storyline_id" in strike
    assert strike["fatalities"]["value"] == 7


def test_plover_records_and_filtered_export(store):
    n, text = _export(store, "plover", EventFilter(sub_event_type="Air/drone strike"))
    rec = json.loads(text)
    assert n == 1 and rec["event"] == "ASSAULT" and rec["mode"] == "aerial"
    assert rec["source"][0]["actorText"] == "United States" and rec["location"][0]["placeName"] == "Mayadin"


def test_unknown_format_is_a_config_error(store):
    with pytest.raises(ConfigError):
        _export(store, "xlsx")
