"""Event segmentation and arguments across sentences (session 8 probe): new place/claim -> new report,
elaboration and "repelled the attack" -> the same report, accusations, possessive owners, weapons, sources."""

from __future__ import annotations

import pytest

from eventwire.annotate import annotate
from eventwire.config import Settings
from eventwire.extract.actors import load_kb
from eventwire.extract.casualties import find_casualties
from eventwire.extract.events import _distinct_places
from eventwire.model import Location, Place
from tests.conftest import make_article


@pytest.fixture(scope="module")
def run():
    settings = Settings({"quarantine_policy": "raise"})

    def _run(text: str) -> list[dict]:
        return annotate([{"id": "t", "text": text, "published_at": "2026-03-10"}], settings)[0]["events"]

    return _run


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
    assert ev["actor1"]["canonical"] == "Ukrainian Armed Forces"
    ev = run("Israel stepped up its campaign in Gaza on Monday. Its warplanes struck a school in Khan Younis.")[-1]
    assert ev["actor1"]["canonical"] == "Israel Defense Forces"


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
