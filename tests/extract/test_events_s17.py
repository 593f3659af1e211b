"""Session 17 (probe 9 read): killings told by the weapon's blow, a body found, live-blog entries in the
present, news that an event came days after another, players brawling on a pitch."""

from __future__ import annotations

import pytest

from eventwire.extract.casualties import find_casualties
from eventwire.extract.classify import classify
from tests.conftest import events_runner


@pytest.fixture(scope="module")
def run():
    return events_runner("2026-05-14")  # a Thursday


def _current(evs: list[dict]) -> list[dict]:
    return [e for e in evs if not e["background"] and e["modality"] in ("asserted", "reported", "claimed")]


@pytest.mark.parametrize("text", [
    "A shopkeeper was chopped to death outside his store in the town on Sunday.",
    "Two herders were clubbed to death near the river on Monday.",
])
def test_a_killing_told_by_its_blows_is_an_attack_with_its_dead(text) -> None:
    assert classify(text)[0].sub_event_type == "Attack"
    assert find_casualties(text).killed.value >= 1


def test_a_body_found_counts_one_dead() -> None:
    assert find_casualties("On Tuesday a man was found dead with gunshot wounds in a ditch.").killed.value == 1


def test_a_live_blog_entry_in_the_present_progressive_is_news(run) -> None:
    text = ("Protests continue in the capital.\n\n11:20 - Several thousand students are marching through the "
            "city centre towards parliament, chanting slogans against the new tax.")
    evs = _current(run(text))
    assert [e["sub_event_type"] for e in evs] == ["Peaceful protest"]


def test_an_event_days_before_the_news_told_in_a_clause_is_news_too(run) -> None:
    text = ("Militants stormed an army post near the border on Tuesday, killing two soldiers, the army said. "
            "The assault came two days after gunmen kidnapped a village headman and his wife near the town.")
    subs = sorted(e["sub_event_type"] for e in _current(run(text)))
    assert subs == ["Abduction/forced disappearance", "Armed clash"] or \
        subs == ["Abduction/forced disappearance", "Attack"]


def test_an_event_named_as_what_the_news_follows_stays_context(run) -> None:
    text = ("Jets struck a depot outside the city on Wednesday, the ministry said. The strike follows "
            "Monday's drone attack on a base nearby.")
    evs = run(text)
    assert [e["sub_event_type"] for e in _current(evs)] == ["Air/drone strike"]


def test_players_brawling_on_the_pitch_are_no_armed_clash() -> None:
    cands = classify("Players from both teams clashed in a mass brawl on the pitch after the final whistle.")
    assert all(c.sub_event_type != "Armed clash" for c in cands)


def test_two_armies_trading_fire_is_a_clash_between_them(run) -> None:
    text = "Thai and Cambodian troops traded artillery and machine-gun fire for hours near the border on Tuesday."
    evs = _current(run(text))
    assert [e["sub_event_type"] for e in evs] == ["Armed clash"]
    assert {evs[0]["actor1"]["canonical"], evs[0]["actor2"]["canonical"]} == \
        {"Military Forces of Thailand", "Military Forces of Cambodia"}


def test_allies_named_on_one_noun_fight_a_third_side(run) -> None:
    evs = _current(run("Nigerian and Chadian troops clashed with insurgents near the lake on Monday."))
    assert evs and evs[0]["actor2"]["canonical"] != "Military Forces of Chad"


@pytest.mark.parametrize("text", [
    "The talks between the two clans ended without agreement on Tuesday.",
    "Elders from both sides were due to meet on Wednesday to discuss a ceasefire.",
])
def test_talks_without_a_deal_or_still_to_come_are_no_agreement(text) -> None:
    assert not any(c.sub_event_type == "Agreement" for c in classify(text))


def test_an_arrest_over_an_attack_is_an_arrest(run) -> None:
    text = ("Police detained three men on Tuesday on suspicion of hiding the gunmen who attacked a checkpoint "
            "outside the town last month.")
    assert [e["sub_event_type"] for e in _current(run(text))] == ["Arrests"]


def test_a_depot_fire_from_faulty_wiring_is_no_event(run) -> None:
    text = ("A fire broke out at an army ammunition depot outside the town on Tuesday, setting off blasts heard "
            "for miles. Officials blamed faulty wiring.")
    assert _current(run(text)) == []


def test_forces_sent_to_the_front_are_no_shelling(run) -> None:
    text = ("Artillery shells hit two villages on the border on Tuesday, officials said. The army said it was "
            "sending more troops and a battery of rocket launchers to the area.")
    evs = _current(run(text))
    assert len(evs) == 1 and "sending" not in " ".join(text[s["start"]:s["end"]] for s in evs[0]["evidence"])


def test_a_plot_judged_in_court_is_no_attack(run) -> None:
    text = "A court on Tuesday jailed two men for 15 years for plotting an attack on a police station."
    assert run(text) == [] or all(e["sub_event_type"] not in ("Attack", "Armed clash") for e in run(text))
