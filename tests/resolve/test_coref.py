"""Event coreference: which reports become one event, and which must stay apart."""

from __future__ import annotations

from eventwire.config import Settings
from eventwire.model import Actor, Article, EventDate, EventReport, Location, Span
from eventwire.resolve import event_id_for, resolve_reports
from eventwire.resolve.coref import candidate_pairs, features, pair_score

from .helpers import article_with_report, pairs_of

MAYADIN_A = "US F-15 jets struck a weapons depot near Mayadin in eastern Syria on Wednesday, the Pentagon said."
MAYADIN_B = "American warplanes bombed a weapons storage facility in Mayadin, Syria, killing seven militants."


def _events_by_reports(events):
    return sorted(sorted(r.id for r, _ in e.reports) for e in events)


def test_same_strike_from_two_outlets_is_one_event_with_reasons():
    a = article_with_report("a1", MAYADIN_A, source="Reuters")
    b = article_with_report("b1", MAYADIN_B, source="AP", day="2023-11-08")
    events, _ = resolve_reports(pairs_of(a, b), Settings())
    assert _events_by_reports(events) == [["a1/e1", "b1/e1"]]
    reason = events[0].merge_reasons[0]
    assert reason["reports"] == ["a1/e1", "b1/e1"]
    assert reason["score"] >= 0.6
    assert reason["features"]["type"] == 1.0 and reason["features"]["km"] == 0.0


def test_two_strikes_in_same_province_two_weeks_apart_stay_separate():
    a = article_with_report("a1", MAYADIN_A, source="Reuters", day="2023-11-08")
    b = article_with_report("b1", "US jets hit a depot in Abu Kamal.", source="AP", day="2023-11-22",
                            place="Abu Kamal", published_at="2023-11-22")
    events, _ = resolve_reports(pairs_of(a, b), Settings())
    assert len(events) == 2
    score, why = pair_score(features(0, a.events[0], a), features(1, b.events[0], b), 3, 60.0)
    assert score is None and "days apart" in why["veto"]


def test_strike_and_the_attack_it_answered_stay_separate():
    attack = article_with_report("m1", "Iran-backed militias launched drones at US forces near Mayadin.",
                                 source="AFP", sub="Air/drone strike", actor1="Iran-backed militias",
                                 actor2="United States")
    strike = article_with_report("u1", "In response, US jets struck militia sites near Mayadin.", source="AP")
    events, _ = resolve_reports(pairs_of(attack, strike), Settings())
    assert len(events) == 2
    _, why = pair_score(features(0, attack.events[0], attack), features(1, strike.events[0], strike), 3, 60.0)
    assert "reversed" in why["veto"]


def test_far_apart_places_and_other_countries_are_vetoed():
    a = article_with_report("a1", MAYADIN_A, source="Reuters")
    b = article_with_report("b1", MAYADIN_A, source="AP", place="Erbil")
    events, _ = resolve_reports(pairs_of(a, b), Settings())
    assert len(events) == 2


def test_two_reports_from_one_article_are_never_merged():
    art = article_with_report("a1", MAYADIN_A + " " + MAYADIN_B, source="Reuters")
    second = EventReport(id="a1/e2", article_id="a1", event_type=art.events[0].event_type,
                         sub_event_type=art.events[0].sub_event_type, actor1=art.events[0].actor1,
                         actor2=art.events[0].actor2, location=art.events[0].location, date=art.events[0].date,
                         evidence=[Span(0, len(MAYADIN_A))])
    art.events.append(second)
    events, _ = resolve_reports(pairs_of(art), Settings())
    assert len(events) == 2


def test_average_link_does_not_chain_look_alikes():
    # b sits between a and c: a~b and b~c are both close, but a and c are 80 km apart (> 60 km)
    lat0, lon0 = 35.0, 40.0
    arts = []
    for i, dlon in enumerate((0.0, 0.44, 0.88)):
        art = article_with_report(f"x{i}", MAYADIN_A, source=f"S{i}")
        art.events[0].location = Location(name=f"P{i}", lat=lat0, lon=lon0 + dlon, country_code="SY",
                                          geo_precision=1)
        arts.append(art)
    events, _ = resolve_reports(pairs_of(*arts), Settings())
    clusters = _events_by_reports(events)
    assert len(clusters) == 2
    assert ["x0/e1", "x2/e1"] not in clusters and all(len(c) <= 2 for c in clusters)


def test_background_mention_joins_the_reported_event_without_duplicating_it():
    news = article_with_report("n1", MAYADIN_A, source="Reuters")
    later = article_with_report("l1", "Last week's US strike on a depot near Mayadin angered Damascus.",
                                source="AP", background=True, published_at="2023-11-12")
    other = article_with_report("o1", "Months ago, US jets bombed Abu Kamal.", source="AP", background=True,
                                day="2023-06-01", place="Abu Kamal", published_at="2023-11-12")
    events, _ = resolve_reports(pairs_of(news, later, other), Settings())
    assert _events_by_reports(events) == [["l1/e1", "n1/e1"], ["o1/e1"]]
    merged = next(e for e in events if len(e.reports) == 2)
    assert merged.report.background is False  # the news report decides
    assert merged.reports[0][0].id == "n1/e1"  # foreground first
    lone = next(e for e in events if len(e.reports) == 1)
    assert lone.report.background is True


def test_near_duplicate_copies_merge_even_with_thin_features():
    text = "Strike reported near the border."
    a = article_with_report("w1", text, source="Gulf Dispatch", actor1=None, actor2=None, place=None)
    b = article_with_report("w2", text, source="Horn Monitor", actor1=None, actor2=None, place=None,
                            near_duplicate_of="w1")
    events, _ = resolve_reports(pairs_of(a, b), Settings())
    assert len(events) == 1
    assert events[0].merge_reasons[0]["features"]["near_duplicate"] == 1.0


def test_event_ids_are_stable_and_independent_of_input_order():
    a = article_with_report("a1", MAYADIN_A, source="Reuters", published_at="2023-11-08")
    b = article_with_report("b1", MAYADIN_B, source="AP", published_at="2023-11-09")
    e1, _ = resolve_reports(pairs_of(a, b), Settings())
    e2, _ = resolve_reports(pairs_of(b, a), Settings())
    assert [e.id for e in e1] == [e.id for e in e2] == [event_id_for("a1/e1")]


def test_threshold_setting_controls_merging():
    a = article_with_report("a1", MAYADIN_A, source="Reuters")
    b = article_with_report("b1", MAYADIN_B, source="AP")
    events, _ = resolve_reports(pairs_of(a, b), Settings({"resolve_threshold": 0.99}))
    assert len(events) == 2


def test_blocking_finds_unlocated_reports_of_the_same_country():
    a = article_with_report("a1", MAYADIN_A, source="Reuters")
    b = article_with_report("b1", MAYADIN_B, source="AP", place=None)
    b.events[0].location = Location(name="Syria", country_code="SY", geo_precision=3)
    c = article_with_report("c1", MAYADIN_B, source="AFP", place=None)
    fa, fb, fc = (features(i, art.events[0], art) for i, art in enumerate((a, b, c)))
    pairs = candidate_pairs([fa, fb, fc], 3, 60.0)
    assert (0, 1) in pairs and (0, 2) in pairs and (1, 2) in pairs


def test_week_precision_date_is_an_interval():
    a = article_with_report("a1", MAYADIN_A, source="Reuters", day="2023-11-08")
    b = article_with_report("b1", MAYADIN_B, source="AP", day="2023-W45", precision="week")
    score, f = pair_score(features(0, a.events[0], a), features(1, b.events[0], b), 3, 60.0)
    assert score is not None and f["days_apart"] == 0


def test_undated_reports_do_not_crash_and_stay_alone():
    a = Article(id="u1", text="Something happened.", published_at=None, source="X")
    a.events = [EventReport(id="u1/e1", article_id="u1", event_type="Battles", sub_event_type="Armed clash",
                            actor1=Actor(name="A"), date=EventDate(value=None), evidence=[Span(0, 10)])]
    b = article_with_report("b1", MAYADIN_B, source="AP")
    events, _ = resolve_reports(pairs_of(a, b), Settings())
    assert len(events) == 2


def test_region_only_place_is_compared_by_country_not_by_its_centroid():
    precise = article_with_report("e1", "Two drones were shot down near Erbil airport on Sunday.", source="Tigris",
                                  place="Erbil", sub="Disrupted weapons use", etype="Strategic developments",
                                  actor1=None, actor2=None, day="2023-11-02", weapons=(("drone", 2),))
    vague = article_with_report("e2", "Drones targeted US forces in Iraq on Sunday, two drones were shot down.",
                                source="Levant", place=None, actor1=None, actor2="United States",
                                day="2023-11-02", weapons=(("drone", None),))
    vague.events[0].location = Location(name="Iraq", lat=33.0, lon=44.0, country_code="IQ", geo_precision=3)
    fa, fb = features(0, precise.events[0], precise), features(1, vague.events[0], vague)
    assert fb.lat is None and fb.country == "IQ"
    assert fa.family == fb.family == "violence"  # a drone shot down vs a drone attack: comparable
    score, f = pair_score(fa, fb, 3, 60.0)
    assert score is not None and "km" not in f and f["place"] == 0.6
    assert (0, 1) in candidate_pairs([fa, fb], 3, 60.0)
    other_country = article_with_report("e3", "Drones hit a base.", source="X", place="Mayadin", actor1=None,
                                        actor2=None, day="2023-11-02")
    assert pair_score(fb, features(2, other_country.events[0], other_country), 3, 60.0)[0] is None


def test_same_type_news_reports_form_the_core_before_other_types_attach():
    a = article_with_report("a1", MAYADIN_A, source="Reuters")
    b = article_with_report("b1", MAYADIN_B, source="AP")
    clash = article_with_report("c1", MAYADIN_A, source="AFP", sub="Armed clash", etype="Battles")
    events, _ = resolve_reports(pairs_of(a, b, clash), Settings())
    core = next(e for e in events if any(r.id == "a1/e1" for r, _ in e.reports))
    assert {"a1/e1", "b1/e1"} <= {r.id for r, _ in core.reports}
    assert core.merge_reasons[0]["reports"] == ["a1/e1", "b1/e1"]
    assert core.report.sub_event_type == "Air/drone strike"


def test_same_attacker_hitting_two_different_named_groups_are_two_events():
    a = article_with_report("a1", MAYADIN_A, source="Reuters", actor2="Kataib Hezbollah")
    b = article_with_report("b1", MAYADIN_A, source="AP", actor2="Islamic State")
    score, why = pair_score(features(0, a.events[0], a), features(1, b.events[0], b), 3, 60.0)
    assert score is None and "targeted actors" in why["veto"]


def test_a_protest_and_a_strike_in_the_same_town_stay_apart():
    strike = article_with_report("a1", MAYADIN_A, source="Reuters")
    protest = article_with_report("p1", "Hundreds of residents of Mayadin protested against foreign militias.",
                                  source="AP", sub="Peaceful protest", etype="Protests", actor1="Residents",
                                  actor2=None, day="2023-11-09")
    events, _ = resolve_reports(pairs_of(strike, protest), Settings())
    assert len(events) == 2
    _, why = pair_score(features(0, strike.events[0], strike), features(1, protest.events[0], protest), 3, 60.0)
    assert why["veto"] == "incompatible event types"
