"""Session 16 (probe 8 read): firefights told as shelling, fire taken and returned, chronologies, a crowd told
again paragraphs later, responses and deployments, hard negatives (the wounded visited, a trial for an old
attack, a harmless package), a month that starts a place name."""

from __future__ import annotations

import pytest

from eventwire.extract.classify import classify
from eventwire.extract.modality import modality
from eventwire.extract.nlp import load_nlp
from eventwire.extract.timex_rules import normalise_expression
from tests.conftest import events_runner


@pytest.fixture(scope="module")
def run():
    return events_runner("2026-05-14")  # a Thursday


def _current(evs: list[dict]) -> list[dict]:
    return [e for e in evs if not e["background"] and e["modality"] in ("asserted", "reported", "claimed")]


def _text(text: str, ev: dict) -> str:
    return " ".join(text[s["start"]:s["end"]] for s in ev["evidence"])


def test_small_arms_fire_on_positions_is_a_clash_with_both_sides(run) -> None:
    text = ("On Tuesday, Uzbek units opened fire with machine guns on Kazakh positions near the border "
            "village, and Kazakh troops returned fire, the ministry said.")
    evs = _current(run(text))
    assert [e["sub_event_type"] for e in evs] == ["Armed clash"]
    assert evs[0]["actor1"]["canonical"] == "Military Forces of Uzbekistan"
    assert evs[0]["actor2"]["canonical"] == "Military Forces of Kazakhstan"  # those who answered the fire


def test_coming_under_fire_is_a_clash() -> None:
    assert classify("A police patrol came under heavy fire near the market on Monday.")[0].sub_event_type \
        == "Armed clash"


def test_the_wounded_taken_to_hospital_elsewhere_belong_to_the_attack(run) -> None:
    text = ("Militants fired mortar shells at an army post near Garissa on Wednesday, wounding a soldier, the army "
            "said. The wounded soldier was taken to hospital in Nairobi, it said.")
    evs = _current(run(text))
    assert len(evs) == 1 and "hospital" in _text(text, evs[0])


def test_wounded_soldiers_visited_are_no_event(run) -> None:
    assert _current(run("The minister visited wounded soldiers at the military hospital on Wednesday.")) == []


def test_information_said_to_be_false_is_a_denial() -> None:
    doc = load_nlp()('"The information that our units fired mortars at the village is false," it said.')
    fired = next(t for t in doc if t.text == "fired")
    assert modality(fired, next(doc.sents), True) == "denied"


def test_a_chronology_of_the_month_is_news(run) -> None:
    text = ("Security forces killed two militants in a gunfight in the hills on Sunday, police said.\n\n"
            "Two weeks of violence in the district:\n\n"
            "May 1: Gunmen kill a farmer tending his cocoa garden near the lake.\n\n"
            "May 5: Police arrest two men suspected of supplying the group.\n\n"
            "May 10: The task force clashes with the militants in the hills, killing two.")
    evs = _current(run(text))
    days = sorted(e["date"]["value"] for e in evs)
    # the May 10 entry is Sunday's gunfight told again, not a second one
    assert days == ["2026-05-01", "2026-05-05", "2026-05-10"]
    assert {e["sub_event_type"] for e in evs} == {"Attack", "Arrests", "Armed clash"}


def test_a_heading_before_a_list_ends_its_sentence() -> None:
    doc = load_nlp()("A week of violence:\n\nMay 1: Gunmen kill a farmer.")
    assert len(list(doc.sents)) == 2
    quoted = load_nlp()('The governor said:\n\n"We will not give in to the gunmen."')
    assert len(list(quoted.sents)) == 1  # (someone's words that follow stay theirs)


def test_a_find_on_another_day_is_not_part_of_the_arrests(run) -> None:
    text = ("Police arrested two men in the town on Tuesday.\n\n"
            "May 6: Residents find a pipe bomb on a farm track. A bomb squad defuses it.")
    subs = sorted(e["sub_event_type"] for e in _current(run(text)))
    assert subs == ["Arrests", "Disrupted weapons use"]


def test_a_blockade_cleared_after_clashes_is_one_riot(run) -> None:
    text = ("Police and soldiers cleared a road blockade at a toll bridge outside Oruro on Tuesday after clashes that left "
            "seven police officers injured.\n\n"
            "Farmers had blocked the highway at the bridge on Monday with rocks and burning tyres.\n\n"
            "The operation began at dawn on Tuesday. As police advanced, protesters threw stones, and officers "
            "responded with tear gas.")
    evs = _current(run(text))
    tuesday = [e for e in evs if e["date"]["value"] == "2026-05-12"]
    assert len(tuesday) == 1 and tuesday[0]["sub_event_type"] == "Violent demonstration"
    assert tuesday[0]["actor2"]["kind"] == "state" and tuesday[0]["actor1"]["kind"] == "rioters"
    # the blockade of the day before, told in the past perfect with its own day, is coded too
    assert any(e["date"]["value"] == "2026-05-11" for e in evs)


@pytest.mark.parametrize("text", [
    "Soldiers were deployed with boats to help residents reach shelters after the river burst its banks.",
    "Gunmen attacked a checkpoint on Monday, killing a soldier. The army deployed reinforcements to the area.",
])
def test_troops_sent_to_help_or_to_answer_an_attack_are_no_change_of_activity(run, text: str) -> None:
    assert not any(e["sub_event_type"] == "Change to group/activity" for e in run(text))


def test_leaflets_signed_by_a_group_are_no_agreement() -> None:
    assert not any(c.sub_event_type == "Agreement" for c in classify("Leaflets signed by the group were found."))


def test_an_old_attack_named_with_its_year_dates_itself(run) -> None:
    evs = run("The trial of six men accused of the 2022 attack on a police station opened on Tuesday.")
    assert all(e["background"] and e["date"]["value"] == "2022" for e in evs)


def test_a_harmless_package_is_no_weapon() -> None:
    text = "A bomb disposal team destroyed a suspicious package at the station, which turned out to be harmless."
    assert not any(c.sub_event_type == "Disrupted weapons use" for c in classify(text))


@pytest.mark.parametrize("text, sub", [
    ("The body of a local journalist was found dead with gunshot wounds on Tuesday.", "Attack"),
    ("Youths pelted police with stones in the suburb on Tuesday night.", "Violent demonstration"),
    ("Arsonists set two police cars ablaze outside the station.", "Looting/property destruction"),
    ("Police cleared a road blockade set up by farmers near the town.", "Protest with intervention"),
])
def test_less_common_ways_of_telling_violence(text: str, sub: str) -> None:
    assert sub in {c.sub_event_type for c in classify(text)}


def test_armed_men_who_raid_a_police_station_fight_it(run) -> None:
    evs = _current(run("Dozens of armed men raided a police station in the district on Sunday and freed 20 prisoners."))
    assert [e["sub_event_type"] for e in evs] == ["Armed clash"]


def test_a_month_that_starts_a_place_name_is_no_date() -> None:
    assert normalise_expression("August Town", "2026-05-14") is None
    assert normalise_expression("in August", "2026-05-14") is not None


def test_a_description_names_a_group_only_in_its_country(run) -> None:
    evs = _current(run("Suspected Kurdish militants attacked a military outpost in Hakkari province on Monday, "
                       "killing two soldiers."))
    assert evs[0]["actor1"]["canonical"] == "Kurdistan Workers' Party"
    evs = _current(run("Maoists killed two policemen in an ambush in Bijapur district on Monday."))
    assert evs[0]["actor1"]["canonical"] == "Communist Party of India (Maoist)"
    from eventwire.extract.actors import load_kb
    kb = load_kb()
    assert kb.local("Kurdish militants", "SY") is None  # (in Syria's news they are someone else)
    assert kb.local("two suspected Kurdish militants", "TR").canonical == "Kurdistan Workers' Party"


def test_a_local_alias_needs_a_country() -> None:
    from eventwire.errors import ConfigError
    from eventwire.extract.actors import ActorKB
    with pytest.raises(ConfigError, match="country"):
        ActorKB({"groups": [{"canonical": "X Front", "kind": "rebel", "local_aliases": ["the rebels"]}]})


def test_ethnic_protesters_protest() -> None:
    from eventwire.extract.actors import guess_kind
    assert guess_kind("ethnic Serb protesters") == "protesters"
    assert guess_kind("tribal militia") == "identity_militia"


def test_members_of_a_group_the_kb_does_not_know_name_it(run) -> None:
    evs = _current(run("Security forces killed two suspected members of the Northern Sulawesi Mujahideen (NSM) in "
                       "a gunfight near Poso on Sunday."))
    assert evs[0]["actor2"]["name"] == "Northern Sulawesi Mujahideen (NSM)" and evs[0]["actor2"]["kind"] == "rebel"


def test_fire_returned_after_an_attack_is_one_fight_of_the_attackers(run) -> None:
    evs = run("Soldiers returned fire after gunmen attacked their post near Baidoa on Monday.")
    assert [e["sub_event_type"] for e in evs] == ["Armed clash"]
    assert evs[0]["actor1"]["name"] == "gunmen" and evs[0]["actor2"]["kind"] == "state"


def test_fans_who_clash_in_the_stands_fight_no_battle() -> None:
    assert not any(c.sub_event_type == "Armed clash"
                   for c in classify("Rival supporters clashed in the stands during the cup final."))


def test_what_a_group_has_done_for_years_is_no_news(run) -> None:
    evs = run("The militia has been accused of recruiting child soldiers for years, a UN report said.")
    assert _current(evs) == []


def test_the_last_of_three_verbs_shares_the_first_ones_subject(run) -> None:
    evs = _current(run("On Sunday, a group of armed men stopped two lorries near Temuco, forced the drivers out and "
                       "set the vehicles on fire."))
    assert evs[0]["sub_event_type"] == "Looting/property destruction"
    assert evs[0]["actor1"]["canonical"] == "Unidentified Armed Group (Chile)"


def test_a_communal_militia_is_named_by_its_community(run) -> None:
    evs = _current(run("Fulani herders attacked a village in Plateau State on Sunday, killing 12 people."))
    assert evs[0]["actor1"]["canonical"] == "Fulani Ethnic Militia (Nigeria)"
    evs = _current(run("Three people were killed in Bawku on Sunday night when armed youths from the rival Kusasi "
                       "and Mamprusi communities exchanged gunfire."))
    assert (evs[0]["actor1"]["canonical"], evs[0]["actor2"]["canonical"]) == \
        ("Kusasi Ethnic Militia (Ghana)", "Mamprusi Ethnic Militia (Ghana)")


def test_national_police_bodies_by_their_own_names() -> None:
    from eventwire.extract.actors import load_kb
    kb = load_kb()
    assert kb.resolve("Carabineros").canonical == "Police Forces of Chile"
    assert kb.resolve("the Jamaica Constabulary Force").canonical == "Police Forces of Jamaica"
    assert kb.resolve("PNP").canonical == kb.resolve("Philippine police").canonical


@pytest.mark.parametrize("text", [
    "Four soldiers were killed when their truck plunged into a ravine on Monday.",
    "A man was stabbed to death in a dispute over a parking space, police said.",
    "Police used tear gas to break up a brawl between rival fans after the match on Saturday.",
])
def test_accidents_private_quarrels_and_fans_are_no_conflict_events(run, text: str) -> None:
    assert _current(run(text)) == []


def test_fire_returned_is_told_by_a_helper() -> None:
    from eventwire.extract.events import _returns_fire
    doc = load_nlp()("The troops returned fire. Families returned home.")
    verbs = [t for t in doc if t.lemma_ == "return"]
    assert [_returns_fire(t) for t in verbs] == [True, False]


def test_a_protest_called_off_did_not_happen(run) -> None:
    assert _current(run("A planned march by opposition supporters was called off after police banned it.")) == []


def test_what_a_since_clause_names_is_context(run) -> None:
    evs = run("Officials said there had been no clashes in the district since the ceasefire took effect.")
    assert _current(evs) == []


def test_fire_opened_on_a_crowd_is_gunfire_not_arson(run) -> None:
    evs = _current(run("Soldiers opened fire on the crowd in the market in Goma on Monday."))
    assert [e["sub_event_type"] for e in evs] == ["Attack"]
