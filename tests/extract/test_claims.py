"""Tallies become claims, never events."""

from __future__ import annotations

import pytest

from eventwire.extract.claims import find_tallies
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
        "It was the second strike in less than two weeks.",
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
