"""Session 19 (probe 11 dev half read): chronology entries told in the present, tolls that grew, the dead
found later, gunmen at a vigil or ambushing a bus, the police answer to a riot, a scene set by the sentence
before, "hours after the attack", a device that turned out a grenade and shots fired into a home."""

from __future__ import annotations

import pytest

from eventwire.extract.casualties import find_casualties
from tests.conftest import events_runner


@pytest.fixture(scope="module")
def run():
    return events_runner("2026-03-25")  # a Wednesday


def _current(evs: list[dict]) -> list[dict]:
    return [e for e in evs if not e["background"] and e["modality"] in ("asserted", "reported", "claimed")]


def test_chronology_entries_in_the_present_are_news_with_their_own_days(run) -> None:
    evs = run("MALMO — A grenade exploded outside a bar on Tuesday, police said.\n\nThe month so far:\n\n"
              "March 3 — A 20-year-old is shot dead outside a gym in Rosengard. A friend with him is wounded.\n\n"
              "March 11 — An explosive device goes off at a car dealership in Lund. Nobody is injured.\n")
    cur = _current(evs)
    days = sorted(e["date"]["value"] for e in cur)
    assert days == ["2026-03-03", "2026-03-11", "2026-03-24"], [(e["sub_event_type"], e["date"]) for e in evs]
    lund = next(e for e in cur if e["date"]["value"] == "2026-03-11")
    assert lund["injuries"]["value"] == 0


def test_a_toll_taken_to_a_figure_is_the_total() -> None:
    c = find_casualties("Two more bodies were pulled from the river on Monday, taking the death toll to seven.")
    assert c.killed.value == 7
    c = find_casualties("A guard died in hospital overnight, bringing the toll to four, officials said.")
    assert c.killed.value == 4


def test_nobody_is_hurt_in_the_historical_present_is_a_zero() -> None:
    c = find_casualties("Nobody is hurt.")
    assert (c.killed.value, c.injured.value) == (0, 0)


def test_bodies_found_the_next_day_add_to_the_attack_and_make_no_event(run) -> None:
    evs = _current(run("Gunmen opened fire on a wedding party in Kasama late on Sunday, killing three guests, police "
                       "said. The bodies of two more guests who had run into the bush were found the next morning."))
    assert len(evs) == 1, [(e["sub_event_type"], e["date"]) for e in evs]
    assert evs[0]["fatalities"]["value"] == 5
    assert evs[0]["date"]["value"] == "2026-03-22"


def test_gunmen_firing_on_mourners_at_a_vigil_attack_civilians(run) -> None:
    evs = _current(run("Police in Zambia said gunmen opened fire on mourners at a candlelight vigil in Kitwe on "
                       "Monday night, killing two people."))
    assert [e["sub_event_type"] for e in evs] == ["Attack"]
    assert evs[0]["actor2"]["kind"] == "civilians"


def test_gunmen_ambushing_a_bus_attack_its_passengers(run) -> None:
    evs = _current(run("Gunmen armed with rifles ambushed a minibus taxi on the road between Mthatha and Butterworth "
                       "late on Monday, killing between five and seven people, police said."))
    assert [e["sub_event_type"] for e in evs] == ["Attack"]
    assert evs[0]["actor2"]["kind"] == "civilians"


def test_groups_described_by_their_feud_are_no_fight(run) -> None:
    evs = _current(run("Gunmen shot dead a driver at a taxi rank in Pietermaritzburg on Monday. The taxi belonged to "
                       "one of two associations fighting over the route, police said."))
    assert [e["sub_event_type"] for e in evs] == ["Attack"]


def test_a_day_that_sets_the_scene_dates_the_next_sentence(run) -> None:
    evs = _current(run("Gunmen shot dead four passengers at a taxi rank in Pinetown late on Sunday, police said. On "
                       "Tuesday morning, detectives traced three suspects to a flat in Chatsworth. The men opened fire "
                       "and all three were killed in the exchange."))
    assert len(evs) == 2, [(e["sub_event_type"], e["date"]) for e in evs]
    assert evs[1]["sub_event_type"] == "Armed clash" and evs[1]["date"]["value"] == "2026-03-24"
    assert evs[1]["fatalities"]["value"] == 3 and evs[0]["fatalities"]["value"] == 4


def test_a_statement_day_sets_no_scene(run) -> None:
    evs = _current(run("Gunmen shot dead four passengers at a taxi rank in Pinetown late on Sunday, police said. The "
                       "final toll was still unclear on Tuesday. Three more passengers were wounded."))
    assert len(evs) == 1 and evs[0]["injuries"]["value"] == 3


def test_hours_after_the_attack_is_the_next_one(run) -> None:
    evs = _current(run("Gunmen killed two men outside a tavern in Mitchells Plain late on Saturday, police said. "
                       "Hours after the tavern attack, on Sunday evening, a woman was wounded when shots were fired "
                       "at a car in Delft."))
    assert len(evs) == 2, [(e["sub_event_type"], e["date"]) for e in evs]
    assert evs[1]["injuries"]["value"] == 1 and evs[0]["injuries"]["value"] in (None, 0)


def test_the_police_answer_to_a_riot_is_the_riot(run) -> None:
    evs = _current(run("Youths threw stones and petrol bombs at police in Tirana late on Monday, injuring six "
                       "officers. Police used water cannon and tear gas to clear the square."))
    assert len(evs) == 1, [(e["sub_event_type"], e["date"]) for e in evs]


def test_rival_groups_fighting_told_twice_is_one_fight(run) -> None:
    evs = _current(run("Two people were killed in fighting between rival martial-arts groups in Baucau on Sunday "
                       "evening, police said. Members of the two groups fought with machetes and stones near the "
                       "market."))
    assert len(evs) == 1, [(e["sub_event_type"], e["date"]) for e in evs]
    assert evs[0]["fatalities"]["value"] == 2


def test_a_shooting_nobody_is_named_for_is_an_unidentified_group_s(run) -> None:
    evs = _current(run("A 19-year-old was shot dead outside a shop in Gugulethu, Cape Town, on Monday night, police "
                       "said."))
    assert evs and evs[0]["sub_event_type"] == "Attack"
    assert evs[0]["actor1"]["canonical"] == "Unidentified Armed Group (South Africa)"


def test_a_device_that_turned_out_a_grenade_is_one_grenade_attack(run) -> None:
    evs = _current(run("An explosive device went off outside a restaurant in Norrkoping on Monday night. Police later "
                       "said it was a hand grenade. Nobody was hurt."))
    assert [e["sub_event_type"] for e in evs] == ["Grenade"]
    assert [w["name"] for w in evs[0]["weapons"]] == ["grenade"]


def test_a_lightly_hurt_victim_and_a_present_tense_injury_count() -> None:
    assert find_casualties("A man inside is slightly injured by broken glass.").injured.value == 1
    assert find_casualties("Three guards were seriously wounded in the attack.").injured.value == 3


def test_shots_fired_through_a_door_attack_whoever_lives_there(run) -> None:
    evs = _current(run("Shots were fired through the front door of a house in Husby, Stockholm, late on Monday. A man "
                       "inside was slightly injured, police said."))
    assert [e["sub_event_type"] for e in evs] == ["Attack"] and evs[0]["injuries"]["value"] == 1
