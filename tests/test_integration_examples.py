"""End to end on the bundled corpus, checked against its hand-written answer key (examples/expected.json)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.runners.local import examples_dir, run_paths
from eventwire.store import open_store
from eventwire.store.export import export_events

EXPECTED = json.loads((examples_dir() / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(str(db), create=True)
    summary = run_paths([str(examples_dir())], Settings(), store)
    yield store, summary
    store.close()


def _events_of(store, article_id: str, include_background: bool = False) -> set[str]:
    out = set()
    for ev in store.list_events(None):
        for r in ev.reports:
            if r["article_id"] == article_id and (include_background or not r.get("background")):
                out.add(ev.id)
    return out


def _all_events(store):
    from eventwire.store.base import EventFilter

    return store.list_events(EventFilter(limit=10_000))


def _report_date(r: dict) -> str | None:
    return ((r.get("report") or {}).get("date") or {}).get("value")


def _event_for(store, key: str) -> set[str]:
    """Stored events that hold a report of the expected event ``key``: a foreground report from one of
    its articles, of its sub-event type, dated within two days of it (an event known only from
    background mentions is matched through those)."""
    from datetime import date

    exp = next(e for e in EXPECTED["events"] if e["key"] == key)
    foreground = bool(exp["reports"])
    articles = set(exp["reports"]) or {b["article"] for b in exp.get("background_in") or []}
    want = date.fromisoformat(exp["date"])

    def near(value: str | None) -> bool:
        try:
            return abs((date.fromisoformat(str(value)[:10]) - want).days) <= 2
        except ValueError:
            return False

    types = {exp["sub_event_type"], *exp.get("also_acceptable_sub_event_types", [])}
    ids = set()
    for ev in _all_events(store):
        if ev.fields.get("sub_event_type") not in types:
            continue
        for r in ev.reports:
            if r["article_id"] in articles and bool(r.get("background")) != foreground and near(_report_date(r)):
                ids.add(ev.id)
    return ids


def test_every_input_is_accounted_for(demo):
    store, summary = demo
    n_docs = len(EXPECTED["documents"])
    assert summary.inputs == n_docs
    assert summary.quarantined == 0
    assert summary.processed + summary.duplicates == n_docs
    assert summary.near_duplicates + summary.duplicates >= 1


@pytest.mark.parametrize("event", [e for e in EXPECTED["events"] if len(e["reports"]) > 1], ids=lambda e: e["key"])
def test_repeated_events_are_merged_with_all_reports(demo, event):
    store, _ = demo
    ids = _event_for(store, event["key"])
    assert len(ids) == 1, f"{event['key']} split into {sorted(ids)}"
    (ev,) = [e for e in _all_events(store) if e.id in ids]
    assert set(event["reports"]) <= {r["article_id"] for r in ev.reports}


@pytest.mark.parametrize("pair", EXPECTED["must_not_merge"], ids=lambda p: f"{p['a']}~{p['b']}")
def test_look_alikes_stay_apart(demo, pair):
    store, _ = demo
    a, b = _event_for(store, pair["a"]), _event_for(store, pair["b"])
    assert a and b, "both events must be found"
    assert not (a & b), pair["why"]


def test_unrelated_article_has_no_event(demo):
    store, _ = demo
    assert not _events_of(store, EXPECTED["unrelated"], include_background=True)


def test_near_duplicate_is_recorded(demo):
    store, _ = demo
    pair = EXPECTED["near_duplicates"][0]
    a, b = store.get_article(pair["original"]), store.get_article(pair["copy"])
    links = {a.get("near_duplicate_of"), a.get("duplicate_of"), b.get("near_duplicate_of"), b.get("duplicate_of")}
    assert links & {pair["original"], pair["copy"]}


def test_planted_noise_is_removed(demo):
    store, _ = demo
    for item in EXPECTED["removed"]:
        art = store.get_article(item["article"])
        text = art["text"]
        if item["text"] not in text:
            continue  # HTML noise that trafilatura already dropped
        start = text.index(item["text"])
        end = start + len(item["text"])
        assert any(r["start"] <= start and end <= r["end"] for r in art["removed"]), item["text"]


# Fields where the planted values differ in substance. Name variants ("Abu Kamal" / "Boukamal") and
# date wordings ("on Wednesday" / "two days ago") resolve to one place and day: agreement, not discrepancy.
_SUBSTANTIVE = {"weapons", "fatalities", "injuries", "modality"}


@pytest.mark.parametrize("planted", [d for d in EXPECTED["discrepancies"] if d["field"] in _SUBSTANTIVE],
                         ids=lambda d: f"{d['event']}:{d['field']}")
def test_planted_discrepancies_are_reported(demo, planted):
    store, _ = demo
    ids = _event_for(store, planted["event"])
    assert len(ids) == 1
    (ev,) = [e for e in _all_events(store) if e.id in ids]
    fields = {x["field"].split(".")[0] for x in ev.discrepancies}
    assert planted["field"] in fields, sorted(fields)


def test_name_variants_resolve_to_one_place(demo):
    store, _ = demo
    for planted in (d for d in EXPECTED["discrepancies"] if d["field"] == "location"):
        (eid,) = _event_for(store, planted["event"])
        (ev,) = [e for e in _all_events(store) if e.id == eid]
        exp = next(e for e in EXPECTED["events"] if e["key"] == planted["event"])
        loc = ev.fields["location"]
        from eventwire.eval.metrics import haversine_km

        assert haversine_km(loc["lat"], loc["lon"], exp["place"]["lat"], exp["place"]["lon"]) <= max(
            25, exp["place"].get("tolerance_km", 25)), (loc, exp["place"])


def test_rerun_adds_nothing(demo):
    store, first = demo
    before = (len(list(store.iter_articles())), len(_all_events(store)))
    again = run_paths([str(examples_dir())], Settings(), store)
    assert again.processed == 0 and again.unchanged + again.duplicates == len(EXPECTED["documents"])
    assert (len(list(store.iter_articles())), len(_all_events(store))) == before


def test_export_jsonl_keeps_every_report(demo):
    store, _ = demo
    buf = io.StringIO()
    n = export_events(store, "jsonl", buf)
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert n == len(rows) == len(_all_events(store))
    assert any(len(r["reports"]) >= 3 for r in rows)
    for r in rows:
        assert {"event_type", "sub_event_type", "reports", "storyline_id"} <= set(r)


def test_bad_inputs_are_quarantined_and_the_run_goes_on(tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\x03PK\x03\x04" * 200)
    (bad / "latin1.txt").write_bytes("Title: Caf\xe9\n\nUS aircraft struck a depot near Mayadin on Wednesday, officials said."
                                     .encode("latin-1"))
    (bad / "truncated.html").write_text("<html><head><title>x</title></head><body><p>US jets str", encoding="utf-8")
    (bad / "french.txt").write_text(
        "Les avions américains ont frappé un dépôt d'armes près de Mayadin mercredi, selon des responsables "
        "militaires qui ont parlé sous couvert d'anonymat. Il n'y a pas eu de victimes civiles, a-t-on ajouté.",
        encoding="utf-8")
    with open(bad / "huge.txt", "wb") as fh:  # 50 MB, sparse: must be refused by its size alone
        fh.truncate(50 * 1024 * 1024)
    (bad / "corpus.jsonl").write_text(
        json.dumps({"id": "ok-1", "text": "US F-15s struck a weapons depot near Mayadin in Syria on Wednesday, "
                    "killing two militants, officials said.", "published_at": "2025-11-06"}) + "\n"
        + '{"id": "broken", "text": "unterminated\n', encoding="utf-8")
    store = open_store(str(tmp_path / "bad.db"), create=True)
    try:
        summary = run_paths([str(bad)], Settings(), store)
        rows = store.list_quarantine()
        assert store.get_article("ok-1")["id"] == "ok-1"
    finally:
        store.close()
    reasons = " | ".join(f"{r['origin']}: {r['reason']}" for r in rows)
    for needle in ("empty.txt", "binary.txt", "huge.txt", "french.txt", "corpus.jsonl:2"):
        assert needle in reasons, reasons
    assert summary.quarantined == len(rows) >= 5
    assert summary.processed >= 2  # ok-1 and the latin-1 article at least
    assert all(r["reason"] for r in rows)
