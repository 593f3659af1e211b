"""Modality of event mentions (the rule order is documented in eventwire/extract/modality.py)."""

from __future__ import annotations

import pytest

from eventwire.extract.actors import load_kb
from eventwire.extract.events import extract_events
from eventwire.extract.nlp import load_nlp
from tests.conftest import make_article


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _events(nlp, text: str, source: str | None = "Reuters"):
    a = make_article(text, source=source)
    a.scratch["doc"] = nlp(a.clean_text)
    events, _ = extract_events(a, load_kb())
    return events


@pytest.mark.parametrize(
    "text, modality",
    [
        ("US jets struck a weapons depot in eastern Syria on Wednesday.", "asserted"),
        ("Russian forces shelled Kharkiv overnight, the governor said.", "reported"),
        ("According to CNN, drones attacked the base on Tuesday.", "reported"),
        ("ISIS claimed responsibility for the suicide bombing in Kabul.", "claimed"),
        ("The Taliban denied carrying out the bombing.", "denied"),
        ("Israel did not strike the hospital, the army said.", "negated"),
        ("The United States will strike militias that attack its forces.", "future"),
        ("The United States will not hesitate to take additional action and will strike the militias.", "future"),
        ("If Iran attacks, Israel could bomb its nuclear sites.", "hypothetical"),
        ("The group threatened to attack government buildings.", "future"),
    ],
)
def test_modality(nlp, text: str, modality: str) -> None:
    events = _events(nlp, text)
    assert events, text
    assert events[0].modality == modality


def test_unreal_events_rank_below_real_ones(nlp) -> None:
    real = _events(nlp, "US jets struck a weapons depot in eastern Syria on Wednesday.")[0]
    future = _events(nlp, "The United States will strike militias that attack its forces.")[0]
    assert future.confidence < 0.5 < real.confidence


@pytest.mark.parametrize(
    "text",
    [
        # a question about how known events relate reports none of them (session 9 probe)
        "It remained unclear whether the detentions were connected to the ambush.",
        "Officials did not say if the arrests were linked to Friday's bombing.",
    ],
)
def test_no_event_in_questions_about_known_events(nlp, text: str) -> None:
    assert _events(nlp, text) == []


def test_a_threat_of_one_attack_stays_a_future_event(nlp) -> None:
    events = _events(nlp, "The militia threatened to attack the airport.")
    assert [e.modality for e in events] == ["future"]


def test_the_accused_named_by_its_weapon_is_the_alleged_attacker(nlp) -> None:
    # "accused army helicopters of striking": the helicopters are who struck, the accusation makes it a claim,
    # and its past perfect is the accusation's tense, not an older event
    events = _events(nlp, "The militia had accused army helicopters of striking a market in Nyala on Monday, "
                          "saying nine traders were killed.")
    ev = events[0]
    assert (ev.sub_event_type, ev.modality, ev.background) == ("Air/drone strike", "claimed", False)
    assert ev.actor1 is not None and ev.actor1.name == "army helicopters"
