"""Canonical values and side-by-side discrepancies of merged reports."""

from __future__ import annotations

from eventwire.model import EventDate, Location
from eventwire.resolve.discrepancies import RULES, merge_reports

from .helpers import article_with_report, pairs_of


def _merge(*arts):
    return merge_reports(pairs_of(*arts), "ev-1")


def test_fatalities_take_the_lowest_credible_figure_and_keep_the_others():
    a = article_with_report("a1", "text a", source="Reuters", fatalities=9)
    b = article_with_report("b1", "text b", source="AP", fatalities=6)
    c = article_with_report("c1", "text c", source="Militia channel", fatalities=2, modality="denied")
    canon, disc = _merge(a, b, c)
    assert canon.fatalities.value == 6
    d = next(x for x in disc if x.field == "fatalities")
    assert d.canonical == 6 and d.rule == RULES["fatalities"]
    assert {(v["source"], v["value"]) for v in d.values} == {("Reuters", 9), ("AP", 6), ("Militia channel", 2)}


def test_weapon_platforms_are_unioned_and_counts_voted():
    a = article_with_report("a1", "a", source="Reuters", weapons=(("F-15", 2),))
    b = article_with_report("b1", "b", source="AP", weapons=(("F-15", 2),))
    c = article_with_report("c1", "c", source="AFP", weapons=(("F-16", None), ("F-15", 3)))
    canon, disc = _merge(a, b, c)
    assert sorted(w.name for w in canon.weapons) == ["F-15", "F-16"]
    assert next(w for w in canon.weapons if w.name == "F-15").count == 2
    fields = {d.field for d in disc}
    assert "weapons" in fields and "weapons.F-15.count" in fields


def test_most_precise_date_and_place_win():
    a = article_with_report("a1", "a", source="Reuters", day="2023-11", precision="month")
    b = article_with_report("b1", "b", source="AP", day="2023-11-08")
    a.events[0].location = Location(name="Deir ez-Zor", lat=35.33, lon=40.14, country_code="SY", geo_precision=2)
    canon, disc = _merge(a, b)
    assert canon.date.value == "2023-11-08"
    assert canon.location.name == "Mayadin"
    assert {d.field for d in disc} >= {"date", "location"}


def test_no_discrepancy_when_sources_agree_and_unknowns_are_not_values():
    a = article_with_report("a1", "a", source="Reuters", fatalities=None)
    b = article_with_report("b1", "b", source="AP", fatalities=None)
    canon, disc = _merge(a, b)
    assert disc == []
    assert canon.fatalities.value is None
    assert canon.id == "ev-1"


def test_background_reports_do_not_decide_fields():
    news = article_with_report("n1", "n", source="Reuters", fatalities=5)
    ctx = article_with_report("c1", "c", source="AP", fatalities=1, background=True)
    ctx.events[0].date = EventDate(value="2023-11-07", precision="day")
    canon, disc = merge_reports(pairs_of(news, ctx), "ev-1")
    assert canon.fatalities.value == 5
    assert canon.date.value == "2023-11-08"
    assert any(d.field == "fatalities" and any(v["background"] for v in d.values) for d in disc)


def test_single_report_event_is_a_copy_not_the_original():
    a = article_with_report("a1", "a", source="Reuters", fatalities=3)
    canon, disc = _merge(a)
    assert disc == [] and canon.id == "ev-1" and canon.fatalities.value == 3
    canon.fatalities.value = 99
    assert a.events[0].fatalities.value == 3
