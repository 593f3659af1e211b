"""Event segmentation and arguments across sentences (session 8 probe): new place/claim -> new report,
elaboration and "repelled the attack" -> the same report, accusations, possessive owners, weapons, sources."""

from __future__ import annotations

import pytest

from eventwire.extract.actors import load_kb
from eventwire.extract.casualties import find_casualties
from eventwire.extract.events import _distinct_places, _opening_move
from eventwire.extract.nlp import load_nlp
from eventwire.model import Location, Place
from tests.conftest import events_runner, make_article


@pytest.fixture(scope="module")
def run():
    return events_runner("2026-03-10")


def _current(events: list[dict]) -> list[dict]:
    return [e for e in events if not e["background"]]


@pytest.mark.parametrize("text", [
    "Militants attacked a police post in Bannu on Monday, killing two officers. "
    "In Lakki Marwat, gunmen attacked a checkpoint, killing three soldiers.",
    "A roadside bomb hit a police vehicle in Peshawar on Monday, killing two officers. "
    "In Quetta, a roadside bomb hit a military convoy.",
])
def test_next_sentence_in_another_place_is_another_event(run, text: str) -> None:
    assert len(_current(run(text))) == 2


def test_claim_of_another_event_is_not_merged(run) -> None:
    evs = _current(run("Houthi drones struck government positions near Marib on Tuesday, killing five soldiers. "
                       "The Houthis said they had struck a commercial ship off Hodeidah with a drone."))
    assert len(evs) == 2
    assert evs[1]["modality"] == "claimed" and evs[1]["actor1"]["canonical"] == "Houthis (Ansar Allah)"


def test_distinct_places() -> None:
    art = make_article("x")
    marib = Location(name="Marib", lat=15.46, lon=45.32, country_code="YE", admin1="Marib", geonameid=1)
    province = Location(name="Marib Governorate", lat=15.5, lon=45.5, country_code="YE", admin1="Marib",
                        geonameid=2, start=0, end=5)
    art.places = [Place(start=0, end=5, text="Marib", feature_code="ADM1")]
    sea = Location(name="Red Sea", lat=20.0, lon=38.0, geonameid=3)
    assert _distinct_places(art, marib, sea)
    assert not _distinct_places(art, marib, province)  # the province holds the town
    assert not _distinct_places(art, marib, None)


def test_same_place_follow_up_still_merges(run) -> None:
    evs = _current(run("Israeli aircraft struck a house in Rafah on Tuesday. The strike killed five people."))
    assert len(evs) == 1 and evs[0]["fatalities"]["value"] == 5


@pytest.mark.parametrize("text, weapon", [
    ("Gunmen attacked a military base in Menaka on Sunday, killing seven soldiers. "
     "The assailants fired mortar rounds before storming the base.", "mortar round"),
    ("Suspected jihadists attacked an army outpost near Djibo on Friday. "
     "The attackers used rocket-propelled grenades, killing nine soldiers.", "rocket-propelled grenade"),
])
def test_elaboration_completes_the_report(run, text: str, weapon: str) -> None:
    evs = _current(run(text))
    assert len(evs) == 1
    assert weapon in [w["name"] for w in evs[0]["weapons"]]
    assert len(evs[0]["evidence"]) == 2


def test_participle_outcome_is_one_event_with_the_subject_as_actor(run) -> None:
    evs = _current(run("Militants stormed an army base in Borno on Friday, killing four soldiers."))
    assert len(evs) == 1
    assert evs[0]["actor1"]["name"] == "Militants" and evs[0]["fatalities"]["value"] == 4


def test_repelled_attack_is_the_same_event_and_names_the_other_side(run) -> None:
    evs = _current(run("Gunmen stormed a village in Zamfara state on Sunday, killing 12 people. "
                       "The army said it had repelled the attack."))
    assert len(evs) == 1
    assert evs[0]["actor2"] is not None and evs[0]["actor2"]["name"] == "army"


def test_accusation_is_a_claimed_event(run) -> None:
    evs = run("M23 accused the army of using Su-25 jets to bomb villages near Sake.")
    assert len(evs) == 1
    ev = evs[0]
    assert ev["modality"] == "claimed" and ev["actor1"]["name"] == "army"
    assert [a["source"] for a in ev["attribution"]] == ["M23"]
    assert [w["name"] for w in ev["weapons"]] == ["Su-25"]  # the verb "bomb" is no weapon


def test_possessive_force_belongs_to_the_speaker(run) -> None:
    ev = run("Ukraine said its troops had shot down a Russian Su-34 jet over Donetsk.")[0]
    assert ev["actor1"]["canonical"] == "Military Forces of Ukraine"
    ev = run("Israel stepped up its campaign in Gaza on Monday. Its warplanes struck a school in Khan Younis.")[-1]
    assert ev["actor1"]["canonical"] == "Military Forces of Israel"


def test_region_named_after_a_country_is_not_the_country() -> None:
    kb = load_kb()
    assert kb.resolve("Niger Delta militants").country is None
    assert kb.country_of("Lake Chad fighters") is None
    assert kb.resolve("Niger army").country == "NE"


def test_target_is_not_a_weapon(run) -> None:
    ev = run("A Ukrainian drone struck a military vehicle near Belgorod.")[0]
    assert [w["name"] for w in ev["weapons"]] == ["drone"]
    evs = run("Russian forces fired Grad rockets at Kherson, while a Bayraktar TB2 drone hit a T-72 tank.")
    assert "T-72" not in [w["name"] for e in evs for w in e["weapons"]]
    assert "Bayraktar TB2" not in [w["name"] for w in evs[0]["weapons"]]  # the other clause's drone


def test_trailing_source_after_an_apposition(run) -> None:
    ev = run("Turkish drones struck a car near Qamishli on Tuesday, killing two SDF fighters, "
             "the Syrian Observatory for Human Rights said.")[0]
    assert [a["source"] for a in ev["attribution"]] == ["Syrian Observatory for Human Rights"]
    assert ev["modality"] == "reported"


@pytest.mark.parametrize("text, n", [
    ("A man and his two sons were killed when gunmen attacked their home.", 3),
    ("A man and his son were killed.", 2),
    ("A teacher, a nurse and a shopkeeper were shot dead by gunmen.", 3),
    ("Gunmen killed a farmer, his wife and their two children in the village.", 4),
    ("One man is dead after a gunman opened fire.", 1),
    ("LaRue shot and killed his father in the woods.", 1),
])
def test_lists_of_victims(text: str, n: int) -> None:
    assert find_casualties(text).killed.value == n


def test_possessive_alone_is_not_a_victim() -> None:
    assert find_casualties("Witnesses recalled her child died.").killed.value is None



def _canon(actor: dict | None) -> str | None:
    return (actor or {}).get("canonical")


def test_state_force_by_country() -> None:
    kb = load_kb()
    assert kb.state_force("Police", "PK") == kb.states["PK"]["police"]
    assert kb.state_force("the government", "CO") == kb.states["CO"]["government"]
    assert kb.state_force("security forces", "NG") == kb.states["NG"]["military"]
    assert kb.state_force("soldiers", "XX") is None
    assert kb.civilians("SD").canonical == "Civilians (Sudan)"


def test_civilian_victims_are_actor2(run) -> None:
    ev = _current(run("A drone hit a busy market in the town of Kosti in Sudan on Sunday, "
                      "killing at least 14 civilians, a local rights group said."))[0]
    assert _canon(ev["actor2"]) == "Civilians (Sudan)"


def test_generic_force_is_the_countrys(run) -> None:
    ev = _current(run("Police arrested 9 people in raids across Quetta in Pakistan on Monday, a spokesman said."))[0]
    assert _canon(ev["actor1"]) == load_kb().states["PK"]["police"]


def test_attacked_patrol_owner_is_actor2(run) -> None:
    ev = _current(run("Suspected militants ambushed an army patrol near Dori in Burkina Faso on Sunday, "
                      "killing four soldiers, a security source said."))[0]
    assert _canon(ev["actor2"]) == load_kb().states["BF"]["military"]


def test_unknown_named_army_is_not_the_local_state(run) -> None:
    # a rebel army the KB does not know keeps its own name
    events = run("The Chin Liberation Army said on Monday it had captured the town of Falam in Myanmar.")
    assert all(_canon(e["actor1"]) != load_kb().states["MM"]["military"] for e in events)


def test_ally_and_demand_are_not_actor2(run) -> None:
    ev = _current(run("Nigerian troops backed by local vigilantes recaptured the town of Marte from Boko Haram "
                      "on Friday, the army said."))[0]
    assert "vigilante" not in ((ev["actor2"] or {}).get("name") or "")
    ev = _current(run("Hundreds of youths blocked the highway in Bannu, Pakistan on Friday and torched a bus, "
                      "protesting against the deployment of security forces, police said."))[0]
    assert "deployment" not in ((ev["actor2"] or {}).get("name") or "")


def test_dateline_is_not_part_of_actor1(run) -> None:
    ev = _current(run("TIJUANA, Mexico, March 9 (Border Wire) - Gunmen abducted three bus drivers on the edge "
                      "of Tijuana on Sunday, prosecutors said."))[0]
    assert ev["actor1"]["name"].lower().startswith("gunmen")


def test_blame_in_next_sentence_is_actor1_not_an_event(run) -> None:
    events = _current(run("A bomb exploded next to a police truck in Cucuta in Colombia on Sunday, wounding three "
                          "officers, police said. Police blamed the National Liberation Army (ELN), which "
                          "operates across the border."))
    assert len(events) == 1
    assert "ELN" in (_canon(events[0]["actor1"]) or "") or "National Liberation" in (events[0]["actor1"] or {}).get("name", "")


def test_nobody_hurt_goes_to_the_report_just_told(run) -> None:
    text = ("A missile hit a school in Sumy in Ukraine on Monday, killing two people, officials said. "
            "Last month, drones hit a depot in Belgorod. Nobody was hurt.")
    events = run(text)
    belgorod = next(e for e in events if any("Belgorod" in text[s["start"]:s["end"]] for s in e["evidence"]))
    assert belgorod["fatalities"]["value"] == 0
    sumy = next(e for e in events if e is not belgorod)
    assert sumy["fatalities"]["value"] == 2


@pytest.mark.parametrize("text,killed,injured", [
    ("Nobody was hurt.", 0, 0),
    ("None of the 12 crew members were hurt, the navy said.", 0, 0),
    ("Two soldiers were killed. No one else was injured.", 2, None),
    ("The rebels said they had killed dozens of troops, a claim that could not be independently verified.", None, None),
    ("The blast killed five people, police said; the claim could not be verified.", 5, None),
])
def test_zero_casualty_sentences(text: str, killed, injured) -> None:
    c = find_casualties(text, 0)
    assert (c.killed.value, c.injured.value) == (killed, injured)


# -- session 9 probe: denials, consequences, statement dates, contrast clauses, aircraft, sides ------------
def test_denial_of_the_reported_clash_is_not_a_second_event(run) -> None:
    evs = run("Soldiers killed 14 insurgents in fighting near Dapchi on Sunday, the army said. "
              "In a statement on Monday, the insurgent group denied that it had lost any fighters in the battle.")
    assert len(evs) == 1 and evs[0]["sub_event_type"] == "Armed clash"
    assert len(evs[0]["evidence"]) == 2  # the denial is part of the report (the day is the statement's)


def test_denial_of_another_event_stays_a_denied_report(run) -> None:
    evs = run("Soldiers killed 14 insurgents in fighting near Dapchi on Sunday, the army said. "
              "Separately, the insurgents denied ambushing a police patrol in Geidam last week.")
    assert [e["modality"] for e in evs] == ["reported", "denied"]


@pytest.mark.parametrize("follow_up", [
    "The fighting has closed the only bridge into the town, aid workers said.",
    "More than 2,000 villagers have fled the district since the raid, the UN said.",
])
def test_consequences_complete_the_report(run, follow_up: str) -> None:
    evs = run("Gunmen raided the village of Tungan Kawo on Monday, killing nine people, residents said. " + follow_up)
    assert len(evs) == 1 and len(evs[0]["evidence"]) == 2


@pytest.mark.parametrize("text", [
    "The fighting has cut off the main road linking the two cities, aid workers said.",
    "Heavy clashes had closed the border crossing for several days, traders said.",
])
def test_a_consequence_told_alone_is_no_event(run, text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize("text, word, expected", [
    ("Thousands of herders fled their camps after the attack.", "attack", True),
    ("Some 400 families were displaced by the fighting.", "fighting", True),
    ("Clashes have blocked the highway for a week.", "Clashes", True),
    ("Gunmen attacked the camp after the herders fled.", "attacked", False),
    ("The clashes killed nine people.", "clashes", False),
])
def test_consequence_triggers(text: str, word: str, expected: bool) -> None:
    from eventwire.extract.events import _consequence
    from eventwire.extract.nlp import load_nlp

    doc = load_nlp()(text)
    assert _consequence(next(t for t in doc if t.text == word)) is expected


@pytest.mark.parametrize("text", [
    # a vow to go on with a campaign is no particular event, not even a future one
    "The movement said in a statement that it would keep up its operations against ships and would escalate "
    "its attacks.",
    "The rebels vowed to step up their attacks on army convoys.",
])
def test_a_campaign_vow_is_no_event(run, text: str) -> None:
    assert run(text) == []


def test_the_statement_day_of_the_lead_does_not_make_later_news_background(run) -> None:
    evs = run("Gunmen abducted 15 pupils from a school in the state, police said on Tuesday. "
              "On Monday, bandits killed 11 farmers in a neighbouring district.")
    assert len(evs) == 2 and not any(e["background"] for e in evs)
    assert evs[1]["actor1"]["name"] == "bandits"


def test_an_event_days_before_the_dated_lead_stays_context(run) -> None:
    evs = run("Militants attacked a police station in Bannu on Monday, killing two officers. "
              "On March 2, a roadside bomb hit a convoy in Lakki Marwat.")
    assert [e["background"] for e in evs] == [False, True]


def test_violence_after_a_protest_report_is_a_new_event(run) -> None:
    evs = run("Police detained 30 people in the capital after protests over fuel prices. "
              "On Monday, gunmen shot dead a customs officer in the port city.")
    assert [e["sub_event_type"] for e in evs][-1] == "Attack" and len(evs) == 2


def test_storming_a_base_is_an_assault_not_a_capture(run) -> None:
    ev = run("Jihadists stormed a gendarmerie post near the border on Thursday.")[0]
    assert ev["sub_event_type"] == "Armed clash"
    assert run("Rebels stormed the town and took control of it on Friday.")[0]["sub_event_type"] == \
        "Non-state actor overtakes territory"


@pytest.mark.parametrize("text", [
    "A Yak-130 fired rockets at a school in the township on Sunday.",
    "Rockets fired from an Mi-35 helicopter hit the market on Sunday.",
])
def test_munitions_from_an_aircraft_are_an_air_strike(run, text: str) -> None:
    assert run(text)[0]["sub_event_type"] == "Air/drone strike"


def test_rockets_fired_by_ground_forces_stay_shelling(run) -> None:
    assert run("Army artillery fired rockets at the rebel-held town on Sunday.")[0]["sub_event_type"] == \
        "Shelling/artillery/missile attack"


def test_both_sides_of_a_while_contrast_are_events(run) -> None:
    evs = run("Police shot dead three demonstrators in the capital on Monday while militants ambushed "
              "an army convoy in the north.")
    assert [e["sub_event_type"] for e in evs] == ["Excessive force against protesters", "Armed clash"]
    assert evs[1]["actor1"]["name"] == "militants" and evs[1]["fatalities"]["value"] is None
    evs = run("Insurgents attacked a police post on Monday while the army shelled rebel positions near the border.")
    assert {e["sub_event_type"] for e in evs} == {"Armed clash", "Shelling/artillery/missile attack"}
    clash = next(e for e in evs if e["sub_event_type"] == "Armed clash")
    assert clash["actor1"]["name"] == "Insurgents"


def test_one_event_told_with_while_stays_one(run) -> None:
    evs = run("Troops opened fire on protesters while they were marching toward the palace on Monday.")
    assert len(evs) == 1


def test_the_arrested_are_the_other_side(run) -> None:
    ev = run("Police arrested 12 students during a sit-in at the university on Saturday.")[0]
    # (typed as the sit-in with an intervention: ACLED puts the protesters first, the police second)
    assert ev["actor1"]["name"] == "students" and ev["actor2"]["name"] == "Police"
    ev = run("Soldiers detained 20 suspected rebels in a raid on Saturday.")[0]
    assert ev["sub_event_type"] == "Arrests" and ev["actor2"]["name"] == "suspected rebels"


@pytest.mark.parametrize("text, attacker", [
    ("Al-Shabaab fighters fired a barrage of mortar shells at an AU base near Baidoa on Monday, the army said.",
     "Al Shabaab"),
    ("Mortars fired by Al-Shabaab militants struck an AU base near Baidoa on Monday, police said.", "Al Shabaab"),
    ("Hezbollah fired dozens of rockets at Kiryat Shmona on Monday, the Israeli military said.", "Hezbollah"),
])
def test_the_attacker_is_not_the_target_or_the_source(run, text: str, attacker: str) -> None:
    ev = run(text)[0]
    assert ev["actor1"]["canonical"] == attacker
    assert ev["actor2"] is None or ev["actor2"]["canonical"] != attacker


def test_victims_in_the_passive_and_their_attackers(run) -> None:
    ev = run("Four gendarmes and two passers-by were killed when gunmen attacked a checkpoint on Monday.")[0]
    assert ev["actor1"]["name"] == "gunmen" and ev["fatalities"]["value"] == 6


def test_the_subject_after_a_dateline(run) -> None:
    ev = run("GAO, Mali (Wire) - Malian soldiers and foreign mercenaries killed 20 herders near Gao on Sunday.")[0]
    assert ev["actor1"]["name"] == "Malian soldiers"


def test_the_speakers_own_arrests_are_not_the_attack(run) -> None:
    evs = run("A car bomb exploded near a police station in the city on Monday, killing six people, police said. "
              "The interior ministry said they had arrested three suspects.")
    assert [e["sub_event_type"] for e in evs] == ["Remote explosive/landmine/IED", "Arrests"]


def test_a_retreat_in_the_battle_is_part_of_it(run) -> None:
    evs = run("Rebels captured the town of Kiwanja on Monday after heavy fighting with the army, officials said. "
              "The army said it had withdrawn to protect civilians.")
    assert len(evs) == 1


def test_the_other_clause_keeps_its_deaths(run) -> None:
    evs = run("Police detained four men on Monday after a bomb exploded at a bus station, killing five people.")
    arrests = next(e for e in evs if e["sub_event_type"] == "Arrests")
    assert arrests["fatalities"]["value"] is None


def test_news_of_a_separate_operation_the_day_before_is_not_context(run) -> None:
    evs = run("A car bomb exploded outside a hotel in the capital on Monday, killing seven people, police said. "
              "Troops said they killed six militants in a separate operation in the south on Sunday.")
    assert len(evs) == 2 and not evs[1]["background"]


def test_a_launched_attack_with_interceptions_and_its_toll_is_one_drone_strike(run) -> None:
    evs = run("Russia launched 50 drones and four missiles at Ukraine overnight, the Ukrainian air force said, "
              "adding that air defences had shot down 41 drones. A man was killed and three people were injured "
              "in the Odesa region, the governor said.")
    assert len(evs) == 1
    ev = evs[0]
    assert ev["sub_event_type"] == "Air/drone strike" and ev["actor1"]["canonical"] == "Military Forces of Russia"
    assert ev["fatalities"]["value"] == 1 and ev["injuries"]["value"] == 3


def test_arrests_at_a_protest_are_its_intervention(run) -> None:
    evs = run("Hundreds of teachers marched to the education ministry on Monday to demand unpaid wages. "
              "Fifteen of them were arrested, a union leader said.")
    assert [e["sub_event_type"] for e in evs] == ["Protest with intervention"]
    evs = run("Hundreds of teachers marched to the education ministry on Monday to demand unpaid wages. "
              "No arrests were reported.")
    assert evs[0]["sub_event_type"] == "Peaceful protest"


def test_a_day_outside_the_week_of_the_report_is_another_event(run) -> None:
    evs = run("Gunmen killed three farmers in the village last week, police said. "
              "Soldiers killed 12 militants in a raid near the border on Monday, the army said.")
    assert len(evs) == 2
    evs = run("Gunmen killed three farmers in the village on Sunday, police said. "
              "Soldiers later killed 12 militants in a raid near the border, the army said on Monday.")
    assert len(evs) == 2


def _sources(ev: dict) -> list[str]:
    return [a["source"].lower() for a in ev["attribution"]]


@pytest.mark.parametrize("text, speaker", [
    ("Gunmen abducted a village chief near Tillaberi on Friday, his relatives said. "
     "A police spokesman confirmed the attack but gave no details.", "police spokesman"),
    ("Soldiers killed six herders in a village near Gao on Monday, residents said. "
     "The army denied the accusations.", "army"),
    ("Armed men kidnapped two teachers in Kidal on Tuesday, a local official said. "
     "The governor blamed the rebels, who denied any role.", "governor"),
    ("Militia fighters shelled a market in Kadugli on Sunday, killing five people, a local doctor said. "
     '"People were queuing for bread when it started," said Amina Bello, a trader.', "amina bello"),
    ("Drones struck a fuel depot in Kosti on Monday, setting it on fire, a witness said. "
     "The army blamed the RSF.", "army"),
])
def test_a_speakers_reaction_to_the_report_just_told_is_one_more_source(run, text: str, speaker: str) -> None:
    evs = run(text)
    assert len(evs) == 1 and speaker in _sources(evs[0])


@pytest.mark.parametrize("second", [
    "The governor said armed groups could attack again.",
    # a quote opening the sentence is no reaction unless it speaks of the event
    '"Fuel prices will fall next month," the governor said.',
])
def test_a_speaker_on_something_else_is_no_source_of_the_report(run, second: str) -> None:
    evs = run("Gunmen abducted a village chief near Tillaberi on Friday, his relatives said. " + second)
    assert "governor" not in _sources(evs[0])


def test_a_quote_that_a_side_left_is_a_source_of_the_takeover(run) -> None:
    evs = run("Rebels seized the town of Walikale on Wednesday after government troops withdrew, residents said. "
              "The takeover followed two days of heavy fighting on the outskirts. "
              "Residents said the two sides fired mortars. "
              '"The soldiers left before dawn and by noon the rebels were in the market," said a local chief.')
    take = next(e for e in evs if e["sub_event_type"] == "Non-state actor overtakes territory")
    assert "local chief" in _sources(take)


def test_a_follow_up_sentence_gives_the_weapons_and_their_count(run) -> None:
    evs = run("Rebels attacked a police post in Toribio with drones on Thursday, wounding two officers, police said. "
              "Four drones carrying explosives were launched at the post.")
    assert [(w["name"], w["count"]) for w in evs[0]["weapons"]] == [("drone", 4)]
    evs = run("Gunmen from two rival gangs fought in a market in Tijuana on Friday night, police said. "
              "Residents said the gangs fought with machine guns for an hour.")
    assert [w["name"] for w in evs[0]["weapons"]] == ["machine gun"]


@pytest.mark.parametrize("later, weapon, used", [
    ("The attackers arrived in gun trucks and fired mortars at the base before storming it.", "gun truck", True),
    ("Soldiers, who were backed by helicopters, fought the attackers for hours.", "helicopter", True),
    # a vehicle advanced on is a target, not a weapon
    ("The soldiers advanced on the tanks and fought the attackers for hours.", "tank", False),
])
def test_vehicles_a_side_came_in_or_was_backed_by_are_its_weapons(run, later: str, weapon: str, used: bool) -> None:
    evs = run("Gunmen attacked an army post near Dori on Saturday, killing two soldiers, a security source said. " + later)
    assert (weapon in [w["name"] for w in evs[0]["weapons"]]) is used


def test_a_bomb_that_opened_an_ambush_is_the_same_event(run) -> None:
    evs = run("Militants attacked an army convoy near Djibo on Friday, a jihadist group said. Two officials said more "
              "than 20 soldiers were killed when militants on motorcycles opened fire with AK-47 rifles after an IED "
              "disabled the lead truck.")
    assert len(evs) == 1 and {w["name"] for w in evs[0]["weapons"]} == {"AK-47", "IED"}
    nlp = load_nlp()

    def opening(text: str, a: str, b: str, sub_a: str, sub_b: str) -> bool:
        doc = nlp(text)
        tok = {t.text: t for t in doc}
        return _opening_move(tok[a], tok[b], sub_a, sub_b)
    ied, clash = "Remote explosive/landmine/IED", "Armed clash"
    assert opening("Militants opened fire on the convoy after an IED disabled the lead truck.", "IED", "fire",
                   ied, clash)
    # (another kind of event, or an "after" clause with a day of its own, is a second event)
    assert not opening("Police arrested four men after a bomb exploded at the market.", "bomb", "arrested",
                       ied, "Arrests")
    assert not opening("Gunmen attacked a post on Tuesday, two days after a bomb hit a convoy on Sunday.", "bomb",
                       "attacked", ied, clash)


def test_weapons_seized_from_the_attackers_after_a_battle_are_part_of_it(run) -> None:
    evs = run("Militants attacked an army base near Mopti on Saturday, killing four soldiers, a security source said. "
              "The army said soldiers had killed ten of the attackers and seized their rifles.")
    assert len(evs) == 1 and "army" in _sources(evs[0])


@pytest.mark.parametrize("second, folded", [
    ("The soldiers repelled them and recovered rifles from the militants.", True),
    # another town's police and their own find: news of its own, not the battle's spoils
    ("Police in Kismayo seized a cache of rifles at a house on Tuesday.", False),
])
def test_only_a_sides_seizure_the_same_day_and_place_joins_the_battle(run, second: str, folded: bool) -> None:
    evs = run("Al-Shabaab fighters clashed with soldiers near Afgoye in Somalia on Monday. " + second)
    assert len(evs) == (1 if folded else 2), [(e["sub_event_type"], e["evidence"]) for e in evs]


def test_a_toll_sentence_completes_one_report_only(run) -> None:
    evs = run("Gunmen killed three farmers near Tillaberi on Friday, police said. "
              "Police arrested four suspects in the town on Saturday. "
              '"Two more people died of their wounds," the governor said.')
    assert [e["sub_event_type"] for e in evs] == ["Attack", "Arrests"]
    assert "governor" in _sources(evs[0]) and "governor" not in _sources(evs[1])


def test_burning_by_the_attackers_is_part_of_their_attack(run) -> None:
    evs = _current(run("Gunmen attacked a village near Macomia on Sunday, killing five civilians. "
                       "The attackers burned about 30 homes and looted shops."))
    assert [e["sub_event_type"] for e in evs] == ["Attack"]
    assert len(evs[0]["evidence"]) == 2 and evs[0]["weapons"] == []  # (the homes were burnt, not used)


@pytest.mark.parametrize("text, sub", [
    ("Police in Conakry fired tear gas at opposition supporters on Thursday. The demonstrators had gathered in "
     "the Hamdallaye neighbourhood to demand the release of jailed leaders.", "Protest with intervention"),
    ("Hundreds of farmers rallied peacefully in Juliaca on Monday against water cuts. Later the protesters set fire "
     "to tyres and threw stones at the police station, officials said.", "Violent demonstration"),
])
def test_the_crowd_of_the_protest_just_told_is_that_protest(run, text: str, sub: str) -> None:
    evs = run(text)
    assert [e["sub_event_type"] for e in evs] == [sub] and len(evs[0]["evidence"]) == 2


def test_the_same_crowd_on_another_day_is_another_protest(run) -> None:
    evs = _current(run("Hundreds of farmers rallied in Juliaca on Monday. "
                       "On Wednesday, the protesters blocked the main highway for six hours."))
    assert len(evs) == 2


def test_a_trigger_that_names_no_event_gives_way_to_the_next(run) -> None:
    evs = run("Drones circled over the camp for an hour before four missiles struck a vehicle near Rafah on "
              "Tuesday, killing three men, witnesses said.")
    assert [e["sub_event_type"] for e in evs] == ["Air/drone strike"]  # (the drones fired them)
    assert run("Drones circled over the camp for an hour on Tuesday, residents said.") == []


def test_armed_raiders_attack_a_mob_riots(run) -> None:
    evs = run("Dahalo cattle raiders attacked a village in the Ihosy district on Monday and stole about 200 zebu. "
              "The gendarmerie said its units pursued the raiders and killed six of them in a firefight the next day.")
    assert [e["sub_event_type"] for e in evs] == ["Attack", "Armed clash"]
    assert evs[1]["actor1"]["canonical"] == "Police Forces of Madagascar"
    assert run("A mob lynched two suspected thieves in Ihosy on Monday.")[0]["sub_event_type"] == "Mob violence"


def test_a_bare_claim_of_responsibility_names_the_attacker_of_the_report_just_told(run) -> None:
    evs = run("An explosion ripped through a market in Saravan on Sunday. The blast was caused by a bomb hidden in a "
              "motorcycle, police said. Three people were killed and 14 wounded. Jaish al-Adl claimed responsibility "
              "on Monday.")
    assert len(evs) == 1 and evs[0]["actor1"]["canonical"] == "Jaish al-Adl"
    assert {"source": "Jaish al-Adl", "stance": "claims"}.items() <= evs[0]["attribution"][-1].items()


def test_weapons_recovered_from_the_site_are_the_battle_s(run) -> None:
    evs = run("Troops killed 10 Maoists in a gunfight in the forests of Abujhmarh on Thursday, police said. "
              "Two AK-47 rifles and an INSAS rifle were recovered from the site.")
    assert [e["sub_event_type"] for e in evs] == ["Armed clash"]
    assert evs[0]["actor2"]["kind"] == "rebel"


def test_a_denial_that_any_such_event_took_place_is_a_disputing_source(run) -> None:
    evs = run("Security forces arrested 12 people in Zahedan on Friday. "
              "The judiciary denied that any arrests had taken place.")
    assert len(evs) == 1 and evs[0]["modality"] == "asserted"
    assert [(a["source"], a["kind"], a.get("stance")) for a in evs[0]["attribution"]] == \
        [("judiciary", "official", "denies")]


def test_a_raid_that_killed_and_abducted_is_an_attack_by_the_raiders(run) -> None:
    evs = run("KATSINA, Nigeria (Wire) — Gunmen on motorcycles killed at least 11 villagers and abducted more than 30 "
              "others in an overnight raid in Katsina state, residents and police said on Monday.")
    assert [(e["sub_event_type"], e["actor1"]["name"]) for e in evs] == [("Attack", "Gunmen")]


def test_troops_of_the_speaker_in_a_perfect_conjoined_clause(run) -> None:
    evs = run("The army said on Monday that its troops had intercepted some of the attackers near Kankara in Katsina "
              "state and killed four of them in a gunfight.")
    assert evs[0]["actor1"]["canonical"] == "Military Forces of Nigeria"


def test_a_report_dated_by_its_statement_takes_the_day_the_attackers_came(run) -> None:
    evs = run("Gunmen killed five villagers in Dutsinma, police said on Monday. "
              "The attackers, who arrived at about 11 p.m. on Sunday, burned 20 homes.")
    assert len(evs) == 1 and evs[0]["date"]["value"] == "2026-03-08"


@pytest.mark.parametrize("text", [
    "Negotiators for the government and the rebels met in Oslo over the weekend and agreed to hold another round of "
    "talks in June, the facilitator said on Sunday.",
    "The two sides discussed the release of elderly and sick detainees, according to a joint statement.",
])
def test_talks_about_talks_are_no_agreement(run, text: str) -> None:
    assert run(text) == []


def test_a_ceasefire_agreed_is_an_agreement(run) -> None:
    assert [e["sub_event_type"] for e in run("The government and the rebels agreed to a ceasefire on Monday and to "
                                             "hold talks next month.")] == ["Agreement"]


def test_the_sides_of_a_bare_battle_come_from_the_next_sentence(run) -> None:
    evs = run("Heavy clashes this afternoon on El Fasher's southern front. The army and allied Joint Forces say they "
              "repelled an RSF assault on the headquarters of the 6th Infantry Division, killing dozens of attackers.")
    assert [(e["actor1"]["canonical"], e["actor2"]["canonical"]) for e in evs] == \
        [("Military Forces of Sudan", "Rapid Support Forces")]


def test_who_shot_the_drones_down_did_not_send_them(run) -> None:
    evs = run("In Omdurman, several drones struck a power station early Monday. Army air defences shot down at least "
              "three drones, a military source said. The army blamed the RSF.")
    assert evs[0]["actor1"]["canonical"] == "Rapid Support Forces"


def test_the_night_before_somewhere_else_is_news(run) -> None:
    evs = run("07:40 — The Rapid Support Forces shelled the Abu Shouk camp in El Fasher this morning, killing nine "
              "civilians, the emergency response room said.\n\n14:05 — Two drones hit the main power station in El "
              "Obeid overnight, the state government said. It blamed the RSF.")
    assert [(e["location"]["name"], e["background"]) for e in evs] == [("El Fasher", False), ("El Obeid", False)]
    assert evs[1]["actor1"]["canonical"] == "Rapid Support Forces"


def test_a_denial_far_after_the_report_disputes_it(run) -> None:
    evs = run("The Rapid Support Forces shelled the Abu Shouk camp in El Fasher this morning, killing nine civilians. "
              "Sudan's army says its drones struck an RSF convoy near An Nuhud late Thursday. Two drones hit the power "
              "station in El Obeid overnight. An RSF spokesman has denied shelling Abu Shouk.")
    assert ("RSF spokesman", "denies") in [(a["source"], a.get("stance")) for a in evs[0]["attribution"]]
    assert all(e["modality"] != "denied" for e in evs)


def test_a_claim_after_a_timeline_names_the_attacker_of_the_assault(run) -> None:
    evs = run("Hundreds of militants stormed the army base in Djibo on Sunday. At least 14 soldiers and VDP volunteers "
              "were killed. On Saturday, gunmen abducted seven passengers near Djibo.\n\nTimeline:\n- 2022: militants "
              "blockaded Djibo.\n- Sunday: the base is attacked.\n- Monday: drones hit the column.\n\nThe al-Qaeda-linked "
              "Group for the Support of Islam and Muslims (JNIM) claimed the attack in a statement on Monday.")
    assault = next(e for e in evs if e["sub_event_type"] == "Armed clash")
    assert assault["actor1"]["canonical"] == "JNIM" and assault["fatalities"]["value"] == 14
    assert next(e for e in evs if e["sub_event_type"].startswith("Abduction"))["actor1"]["canonical"] != "JNIM"


def test_a_blame_the_blamed_deny_names_no_attacker(run) -> None:
    evs = run("A bomb exploded at a cafe in Madrid on Friday, killing 13 people. Initially the police also blamed the "
              "Communist Party of Spain (PCE) of cooperating in the attack, but the PCE denied involvement.")
    assert evs[0]["actor1"] is None or "Communist" not in (evs[0]["actor1"]["canonical"] or "")


def test_the_drones_named_back_are_the_same_strike_wherever_they_hit(run) -> None:
    evs = run("Russia attacked Kharkiv with 17 Shahed drones overnight, killing three people, the governor said on "
              "Sunday. The drones struck an apartment block and a kindergarten in the Kyivskyi district shortly after "
              "2 a.m., he said. Rescuers pulled two bodies from the rubble in the morning. Emergency crews worked "
              "through the morning to put out fires in two neighbouring buildings. Ukraine's air defence units shot "
              "down eight of the drones over the Kharkiv region, the air force said.")
    strike, interception = evs
    assert len(strike["evidence"]) == 2 and strike["actor2"]["canonical"] == "Civilians (Ukraine)"
    assert interception["sub_event_type"] == "Disrupted weapons use"
    assert interception["actor2"]["canonical"] == "Military Forces of Russia"  # (whose drones they were)


def test_one_woman_wounded_is_a_civilian(run) -> None:
    evs = run("On Saturday, Russian aircraft dropped two guided aerial bombs on Kupiansk in Ukraine's Kharkiv region, wounding a 62-year-old woman, "
              "local authorities said.")
    assert evs[0]["actor2"]["canonical"] == "Civilians (Ukraine)"


def test_an_army_accused_of_bombing_a_hamlet_and_its_denial(run) -> None:
    evs = run("In Argelia, in Colombia's Cauca department, community leaders accused the army of bombing a hamlet on "
              "Wednesday. The Defence Ministry denied carrying out any air strike in the area.")
    assert [(e["sub_event_type"], e["modality"]) for e in evs] == [("Air/drone strike", "claimed")]
    assert evs[0]["attribution"][-1]["stance"] == "denies"


def test_a_flight_from_fighting_long_ago_is_not_the_report_s(run) -> None:
    evs = run("Government forces and ELN fighters clashed in Tibu on Friday, killing five. More than 50,000 people "
              "were displaced by fighting in Catatumbo in early 2025.")
    assert len(evs[0]["evidence"]) == 1


def test_a_caller_is_no_bomber(run) -> None:
    evs = run("A car bomb exploded on Cavehill Road in Belfast on Friday, killing six people. A woman telephoned the "
              "police an hour before the explosion.")
    assert all((e["actor1"] or {}).get("name") != "woman" for e in evs)


def test_a_follow_up_counting_the_weapons_gives_their_number(run) -> None:
    evs = run("Explosive-laden drones struck the police station in Suarez, in Colombia's Cauca department, on Saturday, "
              "wounding two police officers.\n\nThree drones carrying small explosive charges were launched at the "
              "station shortly after 6 a.m., police said.")
    assert [(w["name"], w["count"]) for w in evs[0]["weapons"]] == [("drone", 3)]


def test_the_mortars_of_a_battle_are_its_weapons_not_a_shelling(run) -> None:
    evs = run("Wazalendo militias attacked M23 positions near Goma on Friday. The militiamen opened fire before dawn "
              "with heavy machine guns and mortars, residents said, and the fighting lasted until midday.")
    assert [e["sub_event_type"] for e in evs] == ["Armed clash"]


def test_an_arrest_uses_no_weapons(run) -> None:
    evs = run("On Friday, police arrested a man suspected of assembling drones for the dissidents in Popayan.")
    assert evs[0]["sub_event_type"] == "Arrests" and evs[0]["weapons"] == []


def test_who_used_the_weapons_names_the_unnamed_attackers(run) -> None:
    evs = run("The attack on a military base in Djibo, Burkina Faso, on Sunday killed 22 soldiers, an officer said. "
              "JNIM fighters used motorbikes and rocket launchers, he said.")
    assert len(evs) == 1 and evs[0]["actor1"]["canonical"] == "JNIM"


def test_air_strikes_the_army_announces_are_the_army_s(run) -> None:
    evs = run("The army said on Tuesday that air strikes on Monday killed more than 40 militants near Djibo in "
              "Burkina Faso.")
    assert evs[0]["actor1"]["canonical"] == "Military Forces of Burkina Faso"


def test_supporters_of_the_authorities_who_rally_are_protesters(run) -> None:
    evs = run("Several hundred supporters of the transitional authorities gathered peacefully in Ouagadougou, Burkina "
              "Faso, on Tuesday to back the army.")
    assert evs[0]["actor1"]["canonical"] == "Protesters (Burkina Faso)"


def test_negotiators_meeting_is_no_agreement_unless_they_sign(run) -> None:
    assert run("As Thai and insurgent negotiators met in Kuala Lumpur on Tuesday for the first time in four months, "
               "the southern provinces went through one of their most violent weeks this year.") == []
    assert [e["sub_event_type"] for e in run("Government and rebel negotiators met in Doha on Tuesday and signed a "
                                             "ceasefire agreement.")] == ["Agreement"]
