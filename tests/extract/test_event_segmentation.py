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
