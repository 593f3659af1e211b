"""Tallies become claims, never events."""

from __future__ import annotations

import pytest

from eventwire.extract.actors import load_kb
from eventwire.extract.casualties import find_casualties
from eventwire.extract.claims import find_tallies
from eventwire.extract.events import extract_events
from eventwire.extract.nlp import load_nlp
from eventwire.model import Article, TimeValue


def _art(text: str = "", published: str | None = "2023-11-09") -> Article:
    return Article(id="t", text=text, published_at=published)


def test_running_tally() -> None:
    text = "There have been at least 40 attacks on US forces in Iraq and Syria since October 17, officials said."
    a = _art(text)
    a.times = [TimeValue(start=text.index("October"), end=text.index("October") + 10, text="October 17",
                         type="DATE", value="2023-10-17")]
    (c,) = find_tallies(a, 0, text, source="officials")
    assert (c.kind, c.count, c.qualifier, c.event, c.target, c.region) == (
        "tally", 40, "at least", "attack", "US forces", "Iraq and Syria")
    assert c.period == {"start": "2023-10-17", "end": "2023-11-09"}
    assert c.as_of == "2023-11-09" and c.source == "officials"
    assert c.evidence[0].start == 0


@pytest.mark.parametrize(
    "text, count, event",
    [
        ("US forces have come under attack at least 19 times... at least 19 attacks on US forces since October 17.", 19, "attack"),
        ("Militants have carried out more than 100 drone attacks on Saudi targets so far this year.", 100, "attack"),
        ("The monitor counted 12 airstrikes in Idlib since Monday.", 12, "airstrike"),
        ("Police have recorded dozens of protests across the country since the vote.", None, "protest"),
    ],
)
def test_tally_variants(text: str, count: int, event: str) -> None:
    claims = find_tallies(_art(text), 0, text)
    assert claims and claims[-1].count == count and claims[-1].event == event


@pytest.mark.parametrize(
    "text",
    [
        "US jets struck two facilities in eastern Syria.",
        "It was the second strike in more than two weeks.",  # the gap, not a count over a period
        "The third attack on the town this month killed five soldiers.",  # names the event itself
        "In what was the third attack on the base this month, gunmen killed five soldiers.",
        "It was the first attack on the base since January.",
        "It was the fifth attack on the base.",  # no period: not a tally
        "Three rockets hit the base.",
    ],
)
def test_not_a_tally(text: str) -> None:
    assert find_tallies(_art(text), 0, text) == []


def test_no_publication_date_leaves_period_open() -> None:
    text = "at least 40 attacks on US forces since October 17"
    (c,) = find_tallies(_art(text, None), 0, text)
    assert c.as_of is None and c.period.get("end") is None


def test_period_start_without_times_stage() -> None:
    text = "at least 40 attacks on US forces since October 17"
    (c,) = find_tallies(_art(text, "2023-11-09"), 0, text)
    assert c.period == {"start": "2023-10-17", "end": "2023-11-09"}
    (c,) = find_tallies(_art(text, "2024-01-05"), 0, text)
    assert c.period["start"] == "2023-10-17"  # the latest October 17 before publication


def test_vague_tally_has_no_invented_count() -> None:
    text = "The group has claimed dozens of attacks on US forces in Iraq and Syria since October 17."
    (c,) = find_tallies(Article(id="v", text=text, published_at="2025-11-02"), 0, text)
    assert c.count is None and c.qualifier == "dozens" and c.event == "attack"


def test_casualty_total_next_to_an_attack_tally() -> None:
    text = ("US forces in Iraq and Syria have been attacked at least 40 times since October 17, "
            "and 45 personnel have suffered minor injuries, mostly concussions.")
    claims = find_tallies(Article(id="c", text=text, published_at="2025-11-06"), 0, text)
    assert [(c.count, c.event) for c in claims] == [(40, "attack"), (45, "injury")]
    assert claims[1].target == "personnel" and claims[1].period == claims[0].period
    # a casualty figure without an aggregate tally is an event's casualties, not a claim
    text = "The strike killed 45 fighters, the monitor said."
    assert find_tallies(Article(id="d", text=text, published_at="2025-11-06"), 0, text) == []


# --- ordinal tallies -----------------------------------------------------------------------------------------

def _timed(text: str, published: str, phrase: str, value: str) -> Article:
    a = _art(text, published)
    i = text.index(phrase)
    a.times = [TimeValue(start=i, end=i + len(phrase), text=phrase, type="DATE", value=value)]
    return a


def test_ordinal_tally_digits() -> None:
    text = "It was the 142nd attack on US troops in Iraq and Syria since October 17, a Pentagon spokesperson said."
    (c,) = find_tallies(_timed(text, "2024-01-22", "October 17", "2023-10-17"), 0, text, source="Pentagon spokesperson")
    assert (c.kind, c.count, c.qualifier, c.event, c.target, c.region) == (
        "tally", 142, None, "attack", "US troops", "Iraq and Syria")
    assert c.period == {"start": "2023-10-17", "end": "2024-01-22"}
    assert c.as_of == "2024-01-22" and c.source == "Pentagon spokesperson"
    assert (c.evidence[0].start, c.evidence[0].end) == (0, len(text))


def test_ordinal_tally_month_since() -> None:
    text = "It was the 15th attack on the Djibo base since January, according to a local official."
    (c,) = find_tallies(_timed(text, "2024-03-14", "January", "2024-01"), 0, text)
    assert (c.count, c.event, c.target, c.region) == (15, "attack", "Djibo base", None)
    assert c.period == {"start": "2024-01", "end": "2024-03-14"}


@pytest.mark.parametrize(
    "text, count, event, target, region, start",
    [
        ("It was the third attack on the town this month, residents said.", 3, "attack", "town", None, "2024-03"),
        ("It was the fifth such strike since January 12, the US Central Command said.", 5, "strike", None, None,
         "2024-01-12"),
        ("It was the second strike in less than two weeks.", 2, "strike", None, None, "2024-02-29"),
        ("It was the second US strike in Deir ez-Zor province in less than two weeks.", 2, "strike", None,
         "Deir ez-Zor province", "2024-02-29"),
        ("The raid marked the third attack in as many days.", 3, "attack", None, None, "2024-03-11"),
        ("It was the twenty-first attack on government forces so far this year.", 21, "attack", "government forces",
         None, "2024"),
        ("Two US F-15s struck a depot on Wednesday, the Pentagon said, the second strike in the past month.", 2,
         "strike", None, None, "2024-02-14"),
    ],
)
def test_ordinal_tally_variants(text: str, count: int, event: str, target: str | None, region: str | None,
                                start: str) -> None:
    (c,) = find_tallies(_art(text, "2024-03-14"), 0, text)  # no times stage: the period comes from the text
    assert (c.count, c.qualifier, c.event, c.target, c.region) == (count, None, event, target, region)
    assert c.period == {"start": start, "end": "2024-03-14"}


def test_ordinal_without_publication_date_has_open_period() -> None:
    text = "It was the second strike in less than two weeks."
    (c,) = find_tallies(_art(text, None), 0, text)
    assert c.count == 2 and c.period == {"start": None, "end": None} and c.as_of is None


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _extract(nlp, text: str, published: str):
    a = _art(text, published)
    a.scratch["doc"] = nlp(a.clean_text)
    return extract_events(a, load_kb())


@pytest.mark.parametrize(
    "text, published, count",
    [
        ("It was the 15th attack on the Djibo base since January, according to a local official.", "2024-03-14", 15),
        ("It was the 142nd attack on US troops in Iraq and Syria since October 17, a Pentagon spokesperson said.",
         "2024-01-22", 142),
        ("It was the third attack on the town this month, residents said.", "2024-03-14", 3),
    ],
)
def test_ordinal_tally_is_a_claim_not_an_event(nlp, text: str, published: str, count: int) -> None:
    events, claims = _extract(nlp, text, published)
    assert events == []
    assert [c.count for c in claims] == [count]


def test_ordinal_apposition_keeps_the_reported_event(nlp) -> None:
    text = ("Two US F-15s struck a weapons storage facility near al-Mayadin in eastern Syria on Wednesday, "
            "the Pentagon said, the second strike in less than two weeks.")
    events, claims = _extract(nlp, text, "2025-11-06")
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    assert [(c.count, c.event, c.period["start"]) for c in claims] == [(2, "strike", "2025-10-23")]
    text = "Gunmen attacked an army checkpoint near Djibo on Tuesday. It was the third attack on the town this month."
    events, claims = _extract(nlp, text, "2024-03-14")
    assert len(events) == 1 and events[0].evidence[0].start == 0
    assert [c.count for c in claims] == [3]


@pytest.mark.parametrize(
    "text, count, qualifier, event, target, region, start",
    [
        ("More than 6,000 civilians have been killed in the region since March 3, 2025, a rights group said.",
         6000, "more than", "death", "civilians", None, "2025-03-03"),
        ("Since then, at least 1,800 people have been killed, according to official figures.",
         1800, "at least", "death", "people", None, None),
        ("The group has killed more than 1,000 civilians in Lower Vardo since the start of the year, the U.N. said.",
         1000, "more than", "death", "civilians", "Lower Vardo", "2026"),
        ("The province has recorded at least 60 homicides linked to armed groups so far this year.",
         60, "at least", "homicide", None, None, "2026"),
        ("The war has killed tens of thousands of people since April 2023.",
         None, "tens of thousands", "death", "people", None, "2023-04"),
    ],
)
def test_running_toll_is_a_claim(text, count, qualifier, event, target, region, start) -> None:
    (c,) = find_tallies(_art(text, "2026-03-10"), 0, text)
    assert (c.count, c.qualifier, c.event, c.target, c.region, c.period["start"]) == (
        count, qualifier, event, target, region, start)
    assert c.period["end"] == "2026-03-10"


@pytest.mark.parametrize("text", [
    "A drone struck a market on Monday, killing at least 23 civilians.",  # the event's own toll: no period
    "Gunmen have killed 12 villagers in the district since Friday.",  # days: the sentence reports the event
    "Five soldiers have been killed, the army said.",
])
def test_event_toll_is_not_a_claim(text) -> None:
    assert find_tallies(_art(text, "2026-03-10"), 0, text) == []


def test_toll_after_an_attack_tally_is_part_of_it(nlp) -> None:
    text = ("The rebels have launched more than 100 attacks on shipping since November 2023, sinking two vessels "
            "and killing at least four seafarers.")
    events, claims = _extract(nlp, text, "2026-03-10")
    assert [(c.count, c.event, c.target, c.period["start"]) for c in claims] == [
        (100, "attack", None, "2023-11"), (4, "death", "seafarers", "2023-11")]
    assert all(e.fatalities.value != 4 for e in events if e.fatalities)


def test_running_toll_is_not_an_event(nlp) -> None:
    text = "Since then, more than 6,000 civilians have been killed, according to a local rights group."
    events, claims = _extract(nlp, text, "2026-03-10")
    assert events == [] and [c.count for c in claims] == [6000]


def _with_times(text: str, published: str) -> Article:
    """An article whose times come from the real times stage (periods read from "since ..." and "began in ...")."""
    from eventwire.config import Settings
    from eventwire.extract.times import make_stage
    a = _art(text, published)
    make_stage(Settings()).process(a)
    return a


@pytest.mark.parametrize(
    "text, count, qualifier, event, target, start",
    [
        ("The rebels have fired more than 70 rockets and drones toward Tarvel since March, an army count shows.",
         70, "more than", "rocket and drone launch", "Tarvel", "2026-03"),
        ("At least 30 schools in the northern districts have been attacked since January, a charity said.",
         30, "at least", "attack", "schools", "2026-01"),
        ("Some 14 health centres have been looted so far this year.", 14, "some", "looting", "health centres", "2026"),
    ],
)
def test_munitions_fired_and_places_hit_over_a_period_are_claims(text, count, qualifier, event, target, start) -> None:
    (c,) = find_tallies(_with_times(text, "2026-11-12"), 0, text)
    assert (c.count, c.qualifier, c.event, c.target, c.period["start"]) == (count, qualifier, event, target, start)


def test_one_barrage_is_not_a_munitions_tally() -> None:
    text = "Rebels fired 40 rockets at the town since dawn, killing three."
    assert find_tallies(_with_times(text, "2026-11-12"), 0, text) == []


def test_a_war_wide_toll_and_its_displaced_are_claims_without_a_period_word() -> None:
    text = ("The war, which began in April 2024, has killed more than 40,000 people, according to U.N. estimates, "
            "and displaced about 2.5 million.")
    deaths, displaced = find_tallies(_with_times(text, "2026-11-12"), 0, text)
    assert (deaths.count, deaths.event, deaths.period["start"]) == (40000, "death", "2024-04")
    assert (displaced.count, displaced.qualifier, displaced.event) == (2_500_000, "about", "displacement")
    assert displaced.period == deaths.period
    # the war's toll never becomes the toll of an event reported in the same story
    assert find_tallies(_art("Gunmen have killed 12 villagers, police said.", "2026-11-12"), 0,
                        "Gunmen have killed 12 villagers, police said.") == []


def test_since_a_month_is_never_after_publication() -> None:
    text = "The group has carried out at least 30 attacks in the capital since January."
    (c,) = find_tallies(_with_times(text, "2025-11-12"), 0, text)
    assert c.period["start"] == "2025-01"  # not the coming January, though it is within the look-ahead window


def test_the_fall_of_a_government_is_not_a_season() -> None:
    text = "There have been hundreds of strikes in the country since the fall of the former government."
    a = _with_times(text, "2025-11-12")
    assert not any(t.value and "-FA" in t.value for t in a.times)


@pytest.mark.parametrize(
    "text, is_tally",
    [
        ("The insurgency has killed more than 3,000 people in the north.", True),
        ("The campaign, which began in 2024, has killed at least 900 civilians.", True),
        ("Fighting that broke out on Sunday between the two clans has killed 20 people.", False),
        ("Violence that erupted overnight in the market district has killed 7 people.", False),
    ],
)
def test_a_war_toll_needs_a_war_not_an_outbreak_of_days(text: str, is_tally: bool) -> None:
    tallies = find_tallies(_with_times(text, "2026-11-12"), 0, text)
    assert bool(tallies) is is_tally
    killed = find_casualties(text).killed  # the same reading in the casualties stage: one event's toll, or none
    assert (killed.value is None) is is_tally
