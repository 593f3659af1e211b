"""Storylines: same dyad and theatre within a window, plus explicit links."""

from __future__ import annotations

from eventwire.config import Settings
from eventwire.resolve import resolve_reports

from .helpers import article_with_report, pairs_of


def test_same_dyad_same_country_within_window_share_a_storyline():
    a = article_with_report("a1", "US jets struck Mayadin.", source="Reuters", day="2023-11-08")
    b = article_with_report("b1", "US jets struck Abu Kamal.", source="AP", day="2023-11-20", place="Abu Kamal")
    c = article_with_report("c1", "Russian jets struck Kharkiv.", source="AP", day="2023-11-20", place="Kharkiv",
                            actor1="Russia", actor2="Ukraine")
    events, lines = resolve_reports(pairs_of(a, b, c), Settings())
    assert len(events) == 3 and len(lines) == 1
    line = lines[0]
    by_report = {e.reports[0][0].id: e for e in events}
    assert set(line.event_ids) == {by_report["a1/e1"].id, by_report["b1/e1"].id}
    assert by_report["c1/e1"].storyline_id is None
    assert by_report["a1/e1"].storyline_id == by_report["b1/e1"].storyline_id == line.id
    assert any("same dyad" in r for r in line.reasons)


def test_outside_window_no_storyline_without_explicit_link():
    a = article_with_report("a1", "US jets struck Mayadin.", source="Reuters", day="2023-09-01")
    b = article_with_report("b1", "US jets struck Abu Kamal.", source="AP", day="2023-11-20", place="Abu Kamal")
    _, lines = resolve_reports(pairs_of(a, b), Settings())
    assert lines == []


def test_explicit_response_links_events_beyond_the_dyad_window():
    attack = article_with_report("m1", "Militia drones hit a US base near Mayadin.", source="AFP",
                                 day="2023-11-01", actor1="Iran-backed militias", actor2="United States")
    strike = article_with_report("u1", "In response to attacks on US forces, US jets struck Abu Kamal.",
                                 source="AP", day="2023-11-20", place="Abu Kamal")
    events, lines = resolve_reports(pairs_of(attack, strike), Settings({"storyline_window_days": 10}))
    assert len(events) == 2 and len(lines) == 1
    assert any("explicit link" in r and "in response to" in r.lower() for r in lines[0].reasons)
    assert not any("same dyad" in r for r in lines[0].reasons)  # 19 days apart: only the explicit cue links them


def test_storyline_ids_are_stable():
    a = article_with_report("a1", "US jets struck Mayadin.", source="Reuters", day="2023-11-08")
    b = article_with_report("b1", "US jets struck Abu Kamal.", source="AP", day="2023-11-20", place="Abu Kamal")
    _, l1 = resolve_reports(pairs_of(a, b), Settings())
    _, l2 = resolve_reports(pairs_of(b, a), Settings())
    assert [s.id for s in l1] == [s.id for s in l2]
