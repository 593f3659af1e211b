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


def _parquet(store, flt=None):
    pq = pytest.importorskip("pyarrow.parquet")
    fh = io.BytesIO()
    n = export_events(store, "parquet", fh, flt)
    fh.seek(0)
    return n, pq.read_table(fh)


def test_parquet_has_typed_acled_columns_and_our_extras(store):
    n, table = _parquet(store)
    assert n == table.num_rows == 2
    assert tuple(table.column_names[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert str(table.schema.field("latitude").type) == "double" and str(table.schema.field("year").type) == "int64"
    rows = {r["sub_event_type"]: r for r in table.to_pylist()}
    strike, clash = rows["Air/drone strike"], rows["Armed clash"]
    assert strike["event_date"] == "2023-11-08" and strike["year"] == 2023 and strike["interaction"] == 13
    assert strike["latitude"] == pytest.approx(35.0207) and strike["iso"] == 760
    assert strike["fatalities"] == 7 and strike["n_reports"] == 2 and sorted(strike["article_ids"]) == ["a1", "b1"]
    assert strike["sources"] == ["AP", "Reuters"] and strike["discrepancy_fields"] == ["fatalities"]
    assert strike["plover_category"] == "ASSAULT" and strike["actor1_kind"] == "state"
    # unknowns are nulls, not "" or 0 (the CSV writes ACLED's 0 for unknown fatalities; Parquet keeps the difference)
    assert clash["latitude"] is None and clash["inter1"] is None and clash["assoc_actor_1"] is None
    assert clash["time_precision"] == 3 and clash["event_date"] == "2023-11"


def test_parquet_writes_row_groups_by_page_and_an_empty_export_keeps_the_schema(store, monkeypatch):
    import eventwire.store.export as export_mod

    monkeypatch.setattr(export_mod, "PAGE", 1)
    pq = pytest.importorskip("pyarrow.parquet")
    fh = io.BytesIO()
    assert export_events(store, "parquet", fh) == 2
    fh.seek(0)
    assert pq.ParquetFile(fh).metadata.num_row_groups == 2
    n, table = _parquet(store, EventFilter(sub_event_type="Riot"))
    assert n == 0 == table.num_rows and "modality" in table.column_names


def test_parquet_without_pyarrow_says_what_to_install(store, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ConfigError, match="pyarrow") as exc:
        export_events(store, "parquet", io.BytesIO())
    assert "eventwire[parquet]" in str(exc.value.hint)
