"""Plain-text rendering for `eventwire events / show / storylines`."""

from __future__ import annotations

from eventwire.config import Settings
from eventwire.model import Claim
from eventwire.resolve import resolve_reports
from eventwire.store import open_store
from eventwire.store.render import event_detail, render_event_detail, render_event_line, render_storylines
from tests.resolve.helpers import article_with_report


def _store():
    s = open_store("memory://")
    arts = [
        article_with_report("a1", "US F-15 jets struck a depot near Mayadin.", source="Reuters", fatalities=9,
                            claims=[Claim(kind="tally", count=40, event="attacks", as_of="2023-11-09",
                                          source="Pentagon")]),
        article_with_report("b1", "American warplanes bombed Mayadin, killing seven.", source="AP", fatalities=7,
                            claims=[Claim(kind="tally", count=46, event="attacks", as_of="2023-11-09",
                                          source="Monitor")]),
        article_with_report("c1", "US jets struck Abu Kamal.", source="AFP", place="Abu Kamal", day="2023-11-20"),
    ]
    for a in arts:
        s.save_article(a)
    s.replace_events(*resolve_reports(list(s.iter_reports()), Settings()))
    return s


def test_event_line_and_detail():
    s = _store()
    ev = next(e for e in s.list_events() if len(e.reports) == 2)
    line = render_event_line(ev)
    assert line.startswith(ev.id) and "2023-11-08" in line and "Mayadin (SY)" in line and "2 sources" in line
    detail = event_detail(s, ev.id)
    assert detail["storyline"]["id"] == ev.storyline_id
    text = render_event_detail(detail)
    assert "fatalities: 7" in text
    assert "Discrepancies:" in text and "Reuters: 9" in text
    assert "Why these reports were merged" in text
    assert "US F-15 jets struck a depot near Mayadin." in text


def test_storylines_and_tally_flags_render():
    s = _store()
    text = render_storylines(s.list_storylines(), s.list_claims())
    assert "2023-11-08" in text and "2023-11-20" in text and "why:" in text
    assert "disagreement" in text and "46" in text
    assert render_storylines([], []) == "no storylines"
