"""Sanity of the shipped example corpus (examples/) and its hand-written answer key.

The corpus is read here with a tiny stand-alone reader (header convention, visible
HTML text, JSON Lines) so that these checks do not depend on the ingest stage: they
guard the data, not the code that reads it.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import Any, Iterator

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "eventwire" / "data" / "examples"
HEADER_KEYS = ("Title", "Source", "Published", "URL")
SUB_EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
MODALITIES = {"asserted", "reported", "claimed", "denied", "negated", "hypothetical", "future"}


def parse_txt(path: Path) -> tuple[dict[str, str], str]:
    """Split a .txt article into its header fields and its body (after the first blank line)."""
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n\n")
    assert sep, f"{path.name}: no blank line after the header"
    fields: dict[str, str] = {}
    for line in head.splitlines():
        key, colon, value = line.partition(": ")
        assert colon and key in HEADER_KEYS, f"{path.name}: bad header line {line!r}"
        fields[key] = value.strip()
    return fields, body


def visible_html_text(raw: str) -> str:
    """All visible text of a page (tags, scripts and styles dropped), whitespace collapsed."""
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
    raw = re.sub(r"(?s)<[^>]+>", " ", raw)
    return norm(html.unescape(raw))


def norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def load_documents() -> dict[str, str]:
    """id -> whitespace-normalised text, for every document in the corpus."""
    docs: dict[str, str] = {}
    for p in sorted((EXAMPLES / "articles").glob("*.txt")):
        docs[p.stem] = norm(parse_txt(p)[1])
    for p in sorted((EXAMPLES / "pages").glob("*.html")):
        docs[p.stem] = visible_html_text(p.read_text(encoding="utf-8"))
    for rec in wire_records():
        docs[rec["id"]] = norm(rec["text"])
    return docs


def wire_records() -> list[dict[str, Any]]:
    lines = (EXAMPLES / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def docs() -> dict[str, str]:
    return load_documents()


def test_root_symlink_points_at_packaged_corpus() -> None:
    root = EXAMPLES.parent.parent.parent / "examples"
    assert root.resolve() == EXAMPLES.resolve()


def test_txt_headers_are_valid() -> None:
    paths = sorted((EXAMPLES / "articles").glob("*.txt"))
    assert len(paths) >= 12
    for p in paths:
        fields, body = parse_txt(p)
        assert set(fields) == set(HEADER_KEYS), p.name
        dt.date.fromisoformat(fields["Published"])
        assert fields["URL"].startswith("https://") and ".example/" in fields["URL"], p.name
        assert fields["Published"] in p.stem, p.name  # ids carry their date: stable, readable
        words = len(body.split())
        assert 150 <= words <= 400, f"{p.name}: {words} words"


def test_html_page_has_the_noise_the_cleaner_must_remove() -> None:
    pages = sorted((EXAMPLES / "pages").glob("*.html"))
    assert pages
    raw = pages[0].read_text(encoding="utf-8")
    for marker in ("<nav", "<figcaption>", "Read also:", "newsletter", "share-buttons", "All rights reserved.", "<p>"):
        assert marker in raw, marker
    assert 'property="article:published_time"' in raw


def test_wire_records_have_the_annotate_input_shape() -> None:
    recs = wire_records()
    assert 2 <= len(recs) <= 3
    for rec in recs:
        assert set(rec) == {"id", "text", "published_at", "title", "source", "url"}
        assert isinstance(rec["text"], str) and len(rec["text"].split()) >= 80
        dt.datetime.fromisoformat(rec["published_at"].replace("Z", "+00:00"))


def test_expected_documents_match_the_files(expected: dict[str, Any], docs: dict[str, str]) -> None:
    assert set(expected["documents"]) == set(docs)
    assert 14 <= len(docs) <= 18
    for doc_id, meta in expected["documents"].items():
        assert (EXAMPLES / meta["path"]).is_file(), meta["path"]
    sources = {m["source"] for m in expected["documents"].values()}
    assert 5 <= len(sources) <= 6


def _quoted(expected: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every (article id, quoted text) pair the answer key contains."""
    for ev in expected["events"]:
        for art, rep in ev["reports"].items():
            for key in ("place_text", "date_text", "detained_text"):
                if rep.get(key):
                    yield art, rep[key]
            for w in rep["weapons"]:
                if w.get("text"):
                    yield art, w["text"]
            for k in ("fatalities", "injuries"):
                if rep[k].get("text"):
                    yield art, rep[k]["text"]
                if rep[k].get("civilians_text"):
                    yield art, rep[k]["civilians_text"]
        for bg in ev["background_in"]:
            yield bg["article"], bg["text"]
    for section in ("other_background", "tallies", "vague_tallies", "removed", "modality_cases",
                    "casualty_cases", "anonymous_sources", "date_traps"):
        for item in expected[section]:
            yield item["article"], item["text"]
    for d in expected["discrepancies"]:
        for v in d["values"]:
            if v.get("text"):
                yield v["article"], v["text"]
    for art, texts in expected["html_body_must_keep"].items():
        for t in texts:
            yield art, t


def test_every_quoted_text_is_in_its_article(expected: dict[str, Any], docs: dict[str, str]) -> None:
    missing = [(a, t) for a, t in _quoted(expected) if norm(t).lower() not in docs[a].lower()]
    assert not missing, missing


def test_events_use_the_fixed_vocabularies(expected: dict[str, Any]) -> None:
    keys = [ev["key"] for ev in expected["events"]]
    assert len(keys) == len(set(keys))
    multi = [ev for ev in expected["events"] if len(ev["reported_by"]) >= 2]
    assert len(multi) >= 3
    for ev in expected["events"]:
        assert ev["sub_event_type"] in SUB_EVENT_TYPES[ev["event_type"]], ev["key"]
        every_sub = set().union(*SUB_EVENT_TYPES.values())
        assert set(ev.get("also_acceptable_sub_event_types", [])) <= every_sub, ev["key"]
        assert set(ev["reported_by"]) == set(ev["reports"]), ev["key"]
        dt.date.fromisoformat(ev["date"])
        assert -90 <= ev["place"]["lat"] <= 90 and -180 <= ev["place"]["lon"] <= 180
        for rep in ev["reports"].values():
            assert rep["modality"] in MODALITIES
            assert rep["geo_precision"] in (1, 2, 3)
            assert rep["date"] == ev["date"] or rep["date"] in rep.get("date_also_acceptable", [])


def test_relative_dates_resolve_as_the_key_says(expected: dict[str, Any]) -> None:
    """The key's dates agree with the weekday arithmetic of each article's publication date."""
    weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    for ev in expected["events"]:
        for art, rep in ev["reports"].items():
            pub = dt.date.fromisoformat(expected["documents"][art]["published_at"][:10])
            text = rep["date_text"].lower()
            day = next((d for d in weekdays if d in text), None)
            if day is not None:  # the most recent such weekday on or before publication
                back = (pub.weekday() - weekdays.index(day)) % 7
                assert rep["date"] == (pub - dt.timedelta(days=back)).isoformat(), (ev["key"], art)
            elif text == "two days ago":
                assert rep["date"] == (pub - dt.timedelta(days=2)).isoformat(), (ev["key"], art)


def test_lookalikes_discrepancies_and_tallies_refer_to_known_things(expected: dict[str, Any]) -> None:
    keys = {ev["key"] for ev in expected["events"]}
    assert len(expected["must_not_merge"]) >= 3
    for pair in expected["must_not_merge"]:
        assert pair["a"] in keys and pair["b"] in keys and pair["a"] != pair["b"]
    for d in expected["discrepancies"]:
        assert d["event"] in keys
        assert len({json.dumps(v["value"], sort_keys=True) for v in d["values"]}) >= 2, d
    counts = sorted({t["count"] for t in expected["tallies"] if t["event"] == "attack" and t["source"] == "Pentagon"})
    assert counts[0] == 19 and counts[-1] == 40
    assert any(t["source"] != "Pentagon" and t["count"] == 46 for t in expected["tallies"])
    ids = set(expected["documents"])
    for u in expected["unrelated"]:
        assert u in ids and not any(u in ev["reported_by"] for ev in expected["events"])
    for nd in expected["near_duplicates"]:
        assert nd["original"] in ids and nd["copy"] in ids
    for mc in expected["modality_cases"]:
        assert mc["expected"] in MODALITIES
        assert mc["event"] in keys or (mc["event"] is None and mc["forbid"]), mc


def test_near_duplicate_pair_really_is_near(expected: dict[str, Any], docs: dict[str, str]) -> None:
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i:i + 5]) for i in range(len(words) - 4)}

    for nd in expected["near_duplicates"]:
        copy_text = docs[nd["copy"]]
        page = docs[nd["original"]]
        # the copy's body against the page's story paragraphs (the page's own boilerplate aside)
        start = page.index("DUBAI (Gulf Dispatch)")
        end = page.index("Get the Daily Brief")
        a, b = shingles(page[start:end]), shingles(copy_text)
        assert len(a & b) / len(a | b) > 0.6
        assert copy_text != page[start:end]
