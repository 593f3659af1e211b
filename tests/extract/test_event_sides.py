"""Sides of an event (session 8, round 2): the victims or opponent as actor2, generic state forces
resolved to the event country's force, a dateline kept out of actor1, blame/claims in the next
sentence, sentence-level "nobody was hurt"."""

from __future__ import annotations

import pytest

from eventwire.annotate import annotate
from eventwire.config import Settings
from eventwire.extract.actors import load_kb
from eventwire.extract.casualties import find_casualties


@pytest.fixture(scope="module")
def run():
    settings = Settings({"quarantine_policy": "raise"})

    def _run(text: str) -> list[dict]:
        return annotate([{"id": "t", "text": text, "published_at": "2026-03-10"}], settings)[0]["events"]

    return _run


def _current(events: list[dict]) -> list[dict]:
    return [e for e in events if not e["background"]]


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
