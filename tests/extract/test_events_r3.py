"""Events round 3: interceptions, "X after Y" sentences, crowds that block roads, follow-ups that are no
event of their own (a quote about the attackers, an announced operation, a bare "fighting also flared",
the arrest of the state's own man), agreement parties and captions kept for their older scene."""

from __future__ import annotations

import pytest

from eventwire.config import Settings
from eventwire.extract.classify import Candidate, blockading_crowd
from eventwire.model import Article, Removed
from eventwire.pipeline import Pipeline
from tests.conftest import events_runner


@pytest.fixture(scope="module")
def run():
    return events_runner("2026-03-11")


def _subs(events: list[dict]) -> list[str]:
    return [e["sub_event_type"] for e in events]


def test_shooting_down_a_drone_after_a_drone_strike_is_its_own_event(run) -> None:
    evs = run("The army said a drone had struck a gathering of rebel fighters near Kidal on Monday, killing 15. "
              "The rebels said their fighters had shot down an army drone near Kidal the same day.")
    assert _subs(evs) == ["Air/drone strike", "Disrupted weapons use"]
    assert evs[1]["actor1"]["name"] == "rebels" and evs[1]["modality"] == "claimed"


def test_one_more_drone_intercepted_stays_part_of_the_attack(run) -> None:
    evs = run("A drone hit a fuel depot at an airbase near Erbil on Monday, injuring two soldiers, officials said. "
              "A second drone was intercepted before it reached the base.")
    assert _subs(evs) == ["Air/drone strike"]


def test_a_launch_whose_missile_was_intercepted_is_the_interception(run) -> None:
    evs = run("On Tuesday, the Houthis said they had fired a ballistic missile at Eilat. "
              "The Israeli military said the missile was intercepted.")
    assert _subs(evs) == ["Disrupted weapons use"]
    assert evs[0]["actor1"]["canonical"] == "Military Forces of Israel"
    assert evs[0]["actor2"]["name"] == "Houthis"


def test_a_crowd_blocking_roads_after_a_killing_the_day_before_is_two_events(run) -> None:
    evs = run("In Beledweyne, angry residents blocked roads and burned tyres on Tuesday after a policeman shot dead "
              "a bus driver at a checkpoint the previous day.")
    assert sorted(_subs(evs)) == ["Attack", "Violent demonstration"]
    demo = next(e for e in evs if e["sub_event_type"] == "Violent demonstration")
    attack = next(e for e in evs if e["sub_event_type"] == "Attack")
    assert demo["actor1"]["kind"] == "rioters" and demo["fatalities"]["value"] is None
    assert attack["date"]["value"] == "2026-03-09" and not attack["background"]  # (the day before, still news)
    assert attack["actor1"]["kind"] == "state"


def test_returning_fire_after_an_attack_is_one_event(run) -> None:
    assert len(run("Soldiers returned fire after gunmen attacked their post near Baidoa on Monday.")) == 1


def test_police_answering_stone_throwers_is_one_riot(run) -> None:
    evs = run("Police fired tear gas after protesters threw stones at a police station in Kisumu on Monday.")
    assert _subs(evs) == ["Violent demonstration"]


def test_an_attack_two_days_after_another_keeps_its_own_day(run) -> None:
    evs = run("Gunmen killed five traders in Bunia on Tuesday, two days after militiamen killed three farmers "
              "near Djugu.")
    assert _subs(evs) == ["Attack", "Attack"]
    assert [e["date"]["value"] for e in evs] == ["2026-03-10", "2026-03-08"]
    assert evs[1]["actor1"]["name"] == "militiamen"
    evs = run("Gunmen killed five traders in Bunia on Tuesday, ten days after militiamen killed three farmers "
              "near Djugu.")
    assert [e["date"]["value"] for e in evs] == ["2026-03-10", "2026-02-28"]


def test_a_crowd_that_beats_a_man_is_still_a_mob() -> None:
    text = "Angry villagers beat a suspected thief and blocked the road to the market."
    assert not blockading_crowd(text, Candidate("Mob violence", 0.9, 0, 15, "rule"))
    text = "Angry villagers blocked the road to the market after a thief was beaten."
    assert blockading_crowd(text, Candidate("Mob violence", 0.9, 0, 15, "rule"))


def test_the_state_holding_its_own_man_is_no_arrests_event(run) -> None:
    evs = run("A soldier shot dead a shopkeeper at a checkpoint in Baidoa on Monday, witnesses said. "
              "The army said the soldier had been detained.")
    assert _subs(evs) == ["Attack"]


def test_a_witness_quote_about_the_attackers_is_the_same_attack(run) -> None:
    evs = run("Suspected rebels killed at least nine villagers in a night raid on the village of Kalunguta on Sunday, "
              "a local official said. \"They came with knives and machetes while people were sleeping. We have "
              "buried nine bodies,\" the official said.")
    assert _subs(evs) == ["Attack"]


def test_an_operation_announced_by_its_aim_is_no_event(run) -> None:
    evs = run("Gunmen killed six farmers near Beni on Sunday, local officials said. "
              "The army said it had launched an operation with Burundian troops to hunt down the attackers.")
    assert _subs(evs) == ["Attack"]


def test_bare_fighting_sentence_joins_the_next_report(run) -> None:
    evs = run("Jets struck a fuel depot in the port of Mukalla on Monday, killing two guards. "
              "Fighting also flared on the ground. Clashes between rebel fighters and government forces "
              "near Marib killed three soldiers on Sunday.")
    assert _subs(evs) == ["Air/drone strike", "Armed clash"]
    assert evs[1]["actor1"] is not None and len(evs[1]["evidence"]) == 2


def test_agreement_between_two_named_clans(run) -> None:
    evs = run("Elders from the Marehan and Ogaden clans signed a peace deal in Garbaharey on Tuesday.")
    assert _subs(evs) == ["Agreement"]
    assert (evs[0]["actor1"]["name"], evs[0]["actor2"]["name"]) == ("Marehan clan", "Ogaden clan")


def _caption_article(caption: str) -> Article:
    """A story with a caption line whose "Photo:" label the clean stage set aside (the caption's text kept)."""
    body = "GOMA, July 22 - Gunmen killed four fishermen on Lake Edward on Monday, officials said.\n\n"
    text = body + "Photo: " + caption
    return Article(id="c", text=text, published_at="2025-07-22",
                   removed=[Removed(len(body), len(body) + len("Photo: "), "caption", "Photo: ")])


@pytest.mark.parametrize("caption, sub, month", [
    ("Families bury victims of an attack on the village in March.", "Attack", "2025-03"),
    ("Smoke rises over the hills during clashes in May.", "Armed clash", "2025-05"),
])
def test_caption_about_an_older_event_is_a_background_report(caption: str, sub: str, month: str) -> None:
    pipe = Pipeline(Settings({"quarantine_policy": "raise"}),
                    stage_names=("nlp", "entities", "times", "places", "events"))
    art = pipe(_caption_article(caption))
    news, old = art.events
    assert not news.background and news.sub_event_type == "Attack"
    assert old.background and old.sub_event_type == sub and old.date.value == month
    if sub == "Armed clash":
        assert old.actor1 is None  # (smoke is no side of the clashes)
