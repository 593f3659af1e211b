"""Casualty counting: exact numbers, ACLED vague-number conventions, bounds, zeros, not-caused deaths."""

from __future__ import annotations

import pytest

from eventwire.extract.casualties import find_casualties, parse_number


@pytest.mark.parametrize(
    "text, value, low, high, qualifier",
    [
        ("The warplanes pounded the village, killing 6 civilians, including 2 women.", 6, 6, None, None),
        ("At least 5 soldiers were killed in the ambush.", 5, 5, None, "at least"),
        ("Up to 10 people were killed, officials said.", 10, None, 10, "up to"),
        ("Between 5 and 7 soldiers were killed.", 5, 5, 7, "range"),
        ("5 to 7 villagers were killed overnight.", 5, 5, 7, "range"),
        ("Dozens of fighters were killed in the clashes.", 12, 12, None, None),
        ("Tens of people were killed.", 10, 10, None, None),
        ("Hundreds of people were killed in the massacre.", 100, 100, None, None),
        ("Scores of terrorists were killed.", 20, 20, None, None),
        ("About 20 people were killed.", 20, 20, None, "about"),
        ("More than 100 people have been killed.", 100, 100, None, "more than"),
        ("The blast killed three soldiers and five militants.", 8, 8, None, None),
        ("A night of shelling killed a Thai soldier.", 1, 1, None, None),
    ],
)
def test_killed(text: str, value: int, low: int | None, high: int | None, qualifier: str | None) -> None:
    c = find_casualties(text).killed
    assert (c.value, c.low, c.high, c.qualifier) == (value, low, high, qualifier)
    assert c.start is not None and text[c.start:c.end]  # the evidence span points into the text


@pytest.mark.parametrize(
    "text, value",
    [
        ("The grenade attack killed ten people and wounded 48 others.", 48),
        ("Six policemen and twenty civilians were injured on Tuesday.", 26),
        ("Shelling wounded seven soldiers.", 7),
        ("Warplanes struck the town, leaving dozens injured.", 12),
        ("No one was hurt in the attack.", 0),
    ],
)
def test_injured(text: str, value: int) -> None:
    assert find_casualties(text).injured.value == value


def test_civilian_only_zero_keeps_the_total_unknown() -> None:
    c = find_casualties("There were no civilian casualties, a military official said.")
    assert c.killed.value is None and c.killed.qualifier == "none" and c.killed.side == "civilians"
    assert c.killed.note and "civilians" in c.killed.note
    assert c.injured.value is None and c.injured.side == "civilians"


def test_civilian_zero_does_not_hide_a_figure() -> None:
    c = find_casualties("There were no civilian casualties. A monitor said at least six people were killed.")
    assert c.killed.value == 6 and c.killed.qualifier == "at least"
    assert find_casualties("It said no civilians were injured or killed.").injured.value is None


def test_explicit_zero() -> None:
    c = find_casualties("There were no casualties, the coalition said. Nobody was hurt.")
    assert c.killed.value == 0 and c.killed.qualifier == "none"
    assert c.injured.value == 0
    assert find_casualties("No service members were killed.").killed.value == 0


def test_death_not_caused_by_event_is_a_note() -> None:
    c = find_casualties("A US contractor died of a heart attack while sheltering in place.")
    assert c.killed.value is None
    assert c.killed.note and "heart attack" in c.killed.note


def test_offsets_are_shifted() -> None:
    text = "killing 6 civilians"
    c = find_casualties(text, offset=100).killed
    assert (c.start, c.end) == (100, 100 + len(text))


def test_side_and_unknown() -> None:
    assert find_casualties("At least nine soldiers were killed.").killed.side == "soldiers"
    assert find_casualties("Jets struck a depot.").killed.value is None


@pytest.mark.parametrize("word, value", [("dozens", 12), ("tens", 10), ("hundreds", 100), ("twenty-one", 21),
                                         ("1,200", 1200), ("several", 10), ("a dozen", 12)])
def test_parse_number(word: str, value: int) -> None:
    parsed = parse_number(word)
    assert parsed is not None and parsed[0] == value


def test_bare_nouns_deaths_and_injuries() -> None:
    c = find_casualties("There were 12 deaths and 30 injuries.")
    assert (c.killed.value, c.injured.value) == (12, 30)


@pytest.mark.parametrize(
    "text, value",
    [
        # one person named by a singular noun phrase is one death; coordinated groups add up
        ("A drone strike on a car in Baghdad killed a senior commander of Kataib Hezbollah and two of his guards "
         "on Saturday.", 3),
        ("A US drone strike killed a militia leader in Baghdad on January 4.", 1),
        ("Gunmen killed the district governor in an ambush.", 1),
        ("A senior Hamas commander was killed in the strike.", 1),
        ("The strike killed one senior commander.", 1),
        ("A commander and two guards were killed.", 3),
        # killing verbs besides "kill"
        ("The army denied reports that its soldiers had executed 30 civilians in the village last month.", 30),
        ("Militants massacred 12 villagers.", 12),
        ("Police shot dead 4 protesters.", 4),
        ("Gunmen shot dead a policeman.", 1),
        ("Four protesters were shot dead.", 4),
        # the group before an active "killed" is the killer, not the victim
        ("A soldier killed two militants.", 2),
        ("Five soldiers killed three militants in the clash.", 3),
        ("Three soldiers killed in the ambush were buried.", 3),
        ("A soldier was killed two days ago.", 1),
    ],
)
def test_killed_people_and_verbs(text: str, value: int) -> None:
    assert find_casualties(text).killed.value == value


@pytest.mark.parametrize(
    "text",
    [
        "Jets destroyed a tank.",
        "It killed the soldiers.",  # a plural with no number: unknown
        "The airstrike killed the civilian population of the town.",
        "They executed a raid on the base.",
        "A soldier said the convoy was attacked.",
        "A US contractor died of a heart attack while sheltering in place.",
    ],
)
def test_no_victim_no_count(text: str) -> None:
    assert find_casualties(text).killed.value is None


def test_precision_cases() -> None:
    c = find_casualties("The attack killed a soldier and wounded two.")
    assert (c.killed.value, c.injured.value) == (1, 2)
    assert find_casualties("A soldier said five people were killed.").killed.value == 5
    # a victim named among a total is not counted twice
    assert find_casualties("Ten people were killed; a child was among the dead.").killed.value == 10
    assert find_casualties("Three people, including the driver, were killed.").killed.value == 3
    # "a number of" keeps ACLED's unknown-plural convention, never 1
    c = find_casualties("The strike killed a number of militants.").killed
    assert (c.value, c.low) == (10, 2)


def test_source_group_is_not_a_conjunct() -> None:
    text = "A drone attacked the airbase, wounding three US service members, two US officials said."
    assert find_casualties(text).injured.value == 3
    assert find_casualties("Witnesses recalled the night her child died.").killed.value is None


@pytest.mark.parametrize(
    "text, value, side",
    [
        # every group of a list counts, with the side of each (session 9 probe: "passers-by" was no victim)
        ("Five gendarmes and three passers-by were killed when the bomb went off.", 8, "gendarmes, passers-by"),
        ("The gunmen shot dead four policemen and a passer-by at the checkpoint.", 5, "policemen, passer-by"),
        ("Two tribesmen and a shepherd died in the crossfire.", 3, "tribesmen, shepherd"),
        ("The shells hit the pagoda, killing six monks.", 6, "monks"),
    ],
)
def test_victim_groups_and_sides(text: str, value: int, side: str) -> None:
    c = find_casualties(text).killed
    assert (c.value, c.side) == (value, side)


def test_a_source_group_is_no_victim() -> None:
    # "a medical group said" holds no medic: the count stays the victims'
    c = find_casualties("Artillery hit the bus depot, killing nine people, a medical charity said.").killed
    assert (c.value, c.side) == (9, "people")


def test_a_part_of_the_victims_is_not_another_group() -> None:
    assert find_casualties("The shelling killed eight people, five of them children.").killed.value == 8


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        # session 13: victims that open a list after a wounding verb, which _conjuncts then extends
        ("Later that night, rockets hit a farmhouse near the border, injuring a woman and a child, officials said.", None, 2),
        ("The mortar round wounded two herders and a boy grazing goats.", None, 3),
        # a casualty clause's elided victims ("and one wounded") and a bare "one" as a whole object
        ("Two rangers were killed and one wounded when a mine exploded under their truck.", 2, 1),
        ("Three soldiers were wounded and one killed in the ambush near the pass.", 1, 3),
        ("The blast killed one and wounded two, a police spokesman said.", 1, 2),
        ("The car bomb killed four people and wounded one, police said.", 4, 1),
        # what a victim is left with or suffers
        ("Masked men beat the journalist outside his flat, leaving him with a broken arm, his editor said.", None, 1),
        ("The bombing left six pilgrims with burns, a hospital director said.", None, 6),
        ("A street vendor suffered a fractured skull in the stampede.", None, 1),
        ("The ministry said 14 people, including three firefighters, were treated for injuries.", None, 14),
        # victims the closed noun list lacked
        ("A roadside bomb hit a patrol van, wounding three constables.", None, 3),
        ("Gunmen shot dead a 60-year-old rubber tapper on his plantation.", 1, None),
        # a relative clause before the passive, and a toll that grew
        ("Two teachers who refused to close their school were shot dead.", 2, None),
        ("The number of people killed in the market fire has risen to 23, the governor said.", 23, None),
        ("The death toll from the ferry attack had climbed to 31 by Friday.", 31, None),
    ],
)
def test_casualty_phrasings(text: str, killed: int | None, injured: int | None) -> None:
    c = find_casualties(text)
    assert (c.killed.value, c.injured.value) == (killed, injured)


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        ("Police killed one of the attackers.", 1, None),
        ("Three men who shot dead a guard were arrested.", 1, None),  # the guard died, not the three men
        ("One was wounded, he said.", None, None),  # a bare "one" that opens a clause stays uncounted
    ],
)
def test_bare_one_and_relative_clauses_stay_narrow(text: str, killed: int | None, injured: int | None) -> None:
    c = find_casualties(text)
    assert (c.killed.value, c.injured.value) == (killed, injured)


@pytest.mark.parametrize("text, killed", [
    ("At least 14 soldiers and VDP volunteers were killed on Sunday.", 14),  # one number for both nouns
    ("Five soldiers and militia fighters were killed.", 5),
    ("14 soldiers and three civilians were killed.", 17),  # (each noun with its own number still adds up)
])
def test_one_number_for_two_victim_nouns(text: str, killed: int) -> None:
    assert find_casualties(text).killed.value == killed
