"""Session 15 (probe 6 read): roundups of datelined briefs, whole organisation names, grown tolls,
security operations with a toll, follow-ups of the attackers, live-blog stamps, possessive dates."""

from __future__ import annotations

import pytest

from eventwire.extract.actors import guess_kind
from eventwire.extract.casualties import find_casualties
from eventwire.extract.classify import classify
from tests.conftest import events_runner


@pytest.fixture(scope="module")
def run():
    return events_runner("2026-03-20")


def _text(text: str, ev: dict) -> str:
    return " ".join(text[s["start"]:s["end"]] for s in ev["evidence"])


ROUNDUP = ("LAGOS (Coastline Wire) - The death toll from Monday's market fire in Lagos has risen to 11 after "
           "three injured traders died in hospital, the state emergency agency said.\n\n"
           "MAIDUGURI, Nigeria (Coastline Wire) - Gunmen killed four farmers in a village near Konduga on "
           "Tuesday, police said.\n\n"
           "NIAMEY, Niger (Coastline Wire) - Soldiers repelled an attack on a military post near Tillaberi on "
           "Wednesday, killing nine militants, the army said.")


def test_briefs_of_a_roundup_are_separate_stories(run) -> None:
    evs = [e for e in run(ROUNDUP) if not e["background"]]
    konduga = next(e for e in evs if "Konduga" in _text(ROUNDUP, e))
    # nothing of the Lagos brief (its text, its place, its toll) joins the Konduga killing
    assert "Lagos" not in _text(ROUNDUP, konduga)
    assert konduga["location"]["country_code"] == "NG" and konduga["location"]["name"] != "Lagos"
    assert konduga["fatalities"]["value"] == 4
    assert (konduga["actor2"] or {}).get("canonical") == "Civilians (Nigeria)"
    tillaberi = next(e for e in evs if "Tillaberi" in _text(ROUNDUP, e))
    assert tillaberi["location"]["country_code"] == "NE"


def test_a_named_front_keeps_its_whole_name_and_acronym(run) -> None:
    text = ("The Front for the Liberation of the Enclave of Cabinda (FLEC) said its fighters killed four "
            "Angolan soldiers near Necuto on Sunday.")
    evs = run(text)
    assert [e["sub_event_type"] for e in evs] == ["Armed clash"]  # "Liberation of" in a name takes no ground
    assert evs[0]["actor1"]["canonical"] == "Front for the Liberation of the Enclave of Cabinda"
    assert "Enclave of Cabinda" in evs[0]["actor1"]["name"]


def test_liberation_in_lower_case_still_retakes_ground() -> None:
    assert classify("Government troops completed the liberation of the town on Monday.")[0].sub_event_type \
        == "Government regains territory"


@pytest.mark.parametrize("text, killed, injured", [
    ("The death toll from the bombing rose to 12 on Monday.", 12, None),
    ("The toll from Tuesday's raid has risen to eight after two wounded men died in hospital.", 8, None),
    ("The blast killed two and left five wounded.", 2, 5),
])
def test_a_grown_toll_is_the_total(text: str, killed: int | None, injured: int | None) -> None:
    cas = find_casualties(text)
    assert (cas.killed.value, cas.injured.value) == (killed, injured)


def test_security_operation_with_a_toll_is_a_battle(run) -> None:
    evs = run("An army operation against Boko Haram fighters in the Sambisa forest left 14 people dead on "
              "Tuesday, officials said.")
    assert [e["sub_event_type"] for e in evs] == ["Armed clash"]
    assert evs[0]["actor1"]["kind"] == "state"


def test_civilians_killed_when_militants_raided_is_an_attack(run) -> None:
    evs = run("Seven villagers were killed when militants raided the village of Kutu on Monday, police said.")
    assert [e["sub_event_type"] for e in evs] == ["Attack"]


def test_what_the_attackers_also_did_is_their_attack(run) -> None:
    text = ("Eight civilians were killed when insurgents raided a village near Mueda on Sunday, police said. "
            "A police spokesman said the attackers had also wounded three people and set fire to homes.")
    evs = [e for e in run(text) if not e["background"]]
    assert len(evs) == 1 and evs[0]["sub_event_type"] == "Attack"
    assert evs[0]["injuries"]["value"] == 3


def test_a_toll_three_sentences_on_is_the_operations(run) -> None:
    text = ("A police operation against a drug gang in the Alemao complex in Rio de Janeiro left five people "
            "dead on Tuesday, officials said. Officers entered the area before dawn and came under fire from "
            "gunmen on rooftops. Schools in the area stayed closed all day. Three officers were wounded.")
    evs = [e for e in run(text) if not e["background"]]
    assert len(evs) == 1
    assert evs[0]["injuries"]["value"] == 3


def test_cattle_rustlers_are_a_communal_militia_and_officers_are_police(run) -> None:
    assert guess_kind("armed cattle rustlers") == "identity_militia"
    evs = run("Officers shot dead a protester in Beira on Wednesday.")
    assert evs[0]["sub_event_type"] == "Excessive force against protesters"
    assert evs[0]["actor2"]["canonical"] == "Police Forces of Mozambique"
    evs = run("Army officers shot dead a protester in Beira on Wednesday.")
    assert evs[0]["actor2"]["canonical"] == "Military Forces of Mozambique"


def test_a_live_blog_stamp_is_not_part_of_a_name(run) -> None:
    text = ("Live updates.\n\n10:15 - Hundreds of protesters marched through central Beira.\n\n"
            "11:40 - Riot police fired tear gas to break up the march.")
    evs = run(text)
    names = [a["name"] for e in evs for a in (e["actor1"], e["actor2"]) if a]
    assert "Riot police" in names and not any(":" in n for n in names)


def test_a_possessive_date_of_a_thing_does_not_date_the_event(run) -> None:
    evs = run("Hundreds of protesters gathered in central Beira, rejecting the results of this month's "
              "municipal elections.", published_at="2026-03-26")
    assert evs[0]["date"]["value"] == "2026-03-26"
    evs = run("Six people were killed in Tuesday's police raid in Beira.", published_at="2026-03-26")
    assert evs[0]["date"]["value"] == "2026-03-24"
