"""The store-reading commands end to end on a small SQLite file (export, events, show, storylines)."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.config import Settings
from eventwire.resolve import resolve_reports
from eventwire.store import open_store
from tests.resolve.helpers import article_with_report


def _db(tmp_path) -> str:
    path = str(tmp_path / "ew.db")
    s = open_store(path)
    for art in (article_with_report("a1", "US F-15 jets struck a depot near Mayadin.", source="Reuters"),
                article_with_report("b1", "American warplanes bombed Mayadin.", source="AP", fatalities=4)):
        s.save_article(art)
    s.replace_events(*resolve_reports(list(s.iter_reports()), Settings()))
    s.close()
    return path


def test_export_events_show_commands(tmp_path):
    db = _db(tmp_path)
    runner = CliRunner()
    out = runner.invoke(cli, ["export", "--db", db, "--format", "geojson"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 1
    listing = runner.invoke(cli, ["events", "--db", db, "--search", "warplanes"])
    assert listing.exit_code == 0 and "Mayadin (SY)" in listing.output and "2 sources" in listing.output
    event_id = listing.output.split()[0]
    shown = runner.invoke(cli, ["show", event_id, "--db", db])
    assert shown.exit_code == 0 and "Why these reports were merged" in shown.output
    missing = runner.invoke(cli, ["show", "ev-nope", "--db", db])
    assert missing.exit_code == 5 and "no event" in missing.output


def test_missing_database_exits_with_store_error(tmp_path):
    out = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "none.db")])
    assert out.exit_code == 4 and "no database at" in out.output


def test_export_parquet_to_a_file_and_to_stdout(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    db = _db(tmp_path)
    runner = CliRunner()
    path = tmp_path / "events.parquet"
    out = runner.invoke(cli, ["export", "--db", db, "--format", "parquet", "-o", str(path)])
    assert out.exit_code == 0, out.output
    table = pq.read_table(path)
    assert table.num_rows == 1 and table.column("n_reports").to_pylist() == [2]
    piped = runner.invoke(cli, ["export", "--db", db, "--format", "parquet"])
    assert piped.exit_code == 0 and pq.read_table(io.BytesIO(piped.stdout_bytes)).equals(table)
