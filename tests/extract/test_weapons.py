"""find_weapons: canonical names, subtypes and counts, reusing the entity mentions."""

from __future__ import annotations

import pytest

from eventwire.extract.entities import make_stage
from eventwire.extract.nlp import load_nlp
from eventwire.extract.weapons import canonical_weapon, find_weapons
from eventwire.model import Mention
from tests.conftest import make_article


@pytest.fixture(scope="module")
def annotate():
    nlp = load_nlp()
    stage = make_stage(None)

    def run(text, **kw):
        article = make_article(text, **kw)
        article.scratch["doc"] = nlp(article.clean_text)
        stage.process(article)
        return article

    return run


def by_name(weapons):
    return {w.name: w for w in weapons}


def test_two_f15s(annotate):
    a = annotate("US fighter jets, two F-15s, struck a weapons depot in Mayadin.")
    w = by_name(find_weapons(a))
    assert w["F-15"].category == "MILITARY_PLATFORM"
    assert w["F-15"].count == 2
    assert w["F-15"].subtype == "fighter aircraft"
    assert a.text[w["F-15"].start:w["F-15"].end] == "F-15s"
    assert w["fighter jet"].count is None


@pytest.mark.parametrize(
    "text,name,count,subtype",
    [
        ("Three MQ-9 Reaper drones circled.", "MQ-9 Reaper", 3, "drone"),
        ("A pair of Apache helicopters fired.", "AH-64 Apache", 2, "helicopter"),
        ("Rebels fired a dozen Grad rockets.", "Grad", 12, "rocket"),
        ("F-15s patrolled the border.", "F-15", None, "fighter aircraft"),
        ("Regime aircraft dropped barrel bombs on the town.", "barrel bomb", None, "explosive"),
        ("An IED exploded near the convoy.", "IED", 1, "explosive"),
        ("They killed two people with rifles.", "rifle", None, "small arms"),
        ("A drone attack on the clinic killed two.", "drone", None, "drone"),  # "a" counts the attack
        ("Two drones attack the base every night.", "drone", 2, "drone"),
        ("The fighters arrived in gun trucks and stormed the camp.", "gun truck", None, "armoured vehicle"),
    ],
)
def test_names_counts_subtypes(annotate, text, name, count, subtype):
    w = by_name(find_weapons(annotate(text)))
    assert name in w, w
    assert w[name].count == count
    assert w[name].subtype == subtype


def test_span_range_limits_results(annotate):
    text = "Two F-16s struck Raqqa. Later, Hezbollah fired Kornet missiles."
    a = annotate(text)
    cut = text.index("Later")
    first = find_weapons(a, 0, cut)
    second = find_weapons(a, cut, len(text))
    assert [w.name for w in first] == ["F-16"]
    assert [w.name for w in second] == ["Kornet"]
    assert second[0].category == "WEAPON"


def test_uses_mentions_only():
    # No parse at all: find_weapons works from article.mentions alone.
    a = make_article("Five Su-25s were seen.")
    a.mentions = [Mention(5, 11, "Su-25s", "MILITARY_PLATFORM", None, "pattern")]
    (w,) = find_weapons(a)
    assert (w.name, w.count, w.subtype) == ("Su-25", 5, "fighter aircraft")


def test_canonical_names():
    assert canonical_weapon("F-15s")[0] == "F-15"
    assert canonical_weapon("MQ-9 Reaper drones")[0] == "MQ-9 Reaper"
    assert canonical_weapon("Scuds")[0] == "Scud"
    assert canonical_weapon("mortar shells") == ("mortar shell", "artillery")


def test_widened_phrases_keep_their_canonical_names():
    assert canonical_weapon("Tochka-U ballistic missiles") == ("Tochka", "ballistic missile")
    assert canonical_weapon("Paveway IV guided bombs")[0] == "Paveway"
    assert canonical_weapon("Reaper remotely piloted aircraft")[0] == "MQ-9 Reaper"
    assert canonical_weapon("Yak-130 fighter jet")[0] == "Yak-130"
    assert canonical_weapon("suicide car bomb")[0] == "car bomb"
    assert canonical_weapon("X-12 drones") == ("X-12", None)  # an unknown designation stays itself


def test_abbreviation_in_brackets_is_the_same_weapon(annotate):
    (w,) = find_weapons(annotate("On Friday, an improvised explosive device (IED) hit a lorry near the bridge."))
    assert (w.name, w.count, w.subtype) == ("IED", 1, "explosive")


@pytest.mark.parametrize(
    "text, names",
    [
        ("Rebels attacked the post with explosives-laden drones on Monday.", ["drone"]),
        ("Gunmen used drones to drop explosives on the market.", ["drone"]),
        ("Two drones carrying explosives struck the depot.", ["drone"]),
        ("Soldiers found explosives in a truck and shot down two drones.", ["explosives", "drone"]),
    ],
)
def test_explosives_a_drone_carries_are_its_payload(annotate, text, names):
    assert [w.name for w in find_weapons(annotate(text))] == names


@pytest.mark.parametrize(
    "text, expected",
    [
        # session 13: a spelled-out IED is named as when the text gives the abbreviation too; "hand" adds
        # nothing to a grenade; every other generic name stays as the text says it
        ("Militants detonated an improvised explosive device under the lead truck.", [("IED", 1)]),
        ("Two improvised explosive devices went off near the market on Friday.", [("IED", 2)]),
        ("Improvised explosive devices were planted along the road.", [("IED", None)]),
        ("An improvised explosive device (IED) hit the bus.", [("IED", 1)]),
        ("A hand grenade was thrown into the crowded shop.", [("grenade", 1)]),
        ("Attackers hurled three hand grenades at the police station.", [("grenade", 3)]),
        ("Hand grenades and rifles were seized in the raid.", [("grenade", None), ("rifle", None)]),
        ("Protesters were dispersed with stun grenades.", [("stun grenade", None)]),
        ("A roadside bomb struck the convoy.", [("roadside bomb", 1)]),
        ("Two car bombs exploded outside the ministry.", [("car bomb", 2)]),
        ("Four mortar shells landed in the camp.", [("mortar shell", 4)]),
        ("Artillery shells hit the village overnight.", [("artillery shell", None)]),
        ("A grenade exploded in the market.", [("grenade", 1)]),
        ("Soldiers found an improvised explosive device and two grenades in the car.", [("IED", 1), ("grenade", 2)]),
        ("An IED and a hand grenade were used in the attack.", [("IED", 1), ("grenade", 1)]),
    ],
)
def test_generic_names(annotate, text, expected):
    assert [(w.name, w.count) for w in find_weapons(annotate(text))] == expected
