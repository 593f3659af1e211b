"""Session 17 (probe 9 read): killings told by the weapon's blow, a body found, live-blog entries in the
present, news that an event came days after another, players brawling on a pitch."""

from __future__ import annotations

import pytest

from eventwire.extract.casualties import find_casualties
from eventwire.extract.classify import classify
from tests.conftest import events_runner


@pytest.fixture(scope="module")
def run():
    return events_runner("2026-05-14")  # a Thursday


def _current(evs: list[dict]) -> list[dict]:
    return [e for e in evs if not e["background"] and e["modality"] in ("asserted", "reported", "claimed")]


@pytest.mark.parametrize("text", [
    "A shopkeeper was chopped to death outside his store in the town on Sunday.",
    "Two herders were clubbed to death near the river on Monday.",
])
def test_a_killing_told_by_its_blows_is_an_attack_with_its_dead(text) -> None:
    assert classify(text)[0].sub_event_type == "Attack"
    assert find_casualties(text).killed.value >= 1


def test_a_body_found_counts_one_dead() -> None:
    assert find_casualties("On Tuesday a man was found dead with gunshot wounds in a ditch.").killed.value == 1


def test_a_live_blog_entry_in_the_present_progressive_is_news(run) -> None:
    text = ("Protests continue in the capital.\n\n11:20 - Several thousand students are marching through the "
            "city centre towards parliament, chanting slogans against the new tax.")
    evs = _current(run(text))
    assert [e["sub_event_type"] for e in evs] == ["Peaceful protest"]


def test_an_event_days_before_the_news_told_in_a_clause_is_news_too(run) -> None:
    text = ("Militants stormed an army post near the border on Tuesday, killing two soldiers, the army said. "
            "The assault came two days after gunmen kidnapped a village headman and his wife near the town.")
    subs = sorted(e["sub_event_type"] for e in _current(run(text)))
    assert subs == ["Abduction/forced disappearance", "Armed clash"] or \
        subs == ["Abduction/forced disappearance", "Attack"]


def test_an_event_named_as_what_the_news_follows_stays_context(run) -> None:
    text = ("Jets struck a depot outside the city on Wednesday, the ministry said. The strike follows "
            "Monday's drone attack on a base nearby.")
    evs = run(text)
    assert [e["sub_event_type"] for e in _current(evs)] == ["Air/drone strike"]


def test_players_brawling_on_the_pitch_are_no_armed_clash() -> None:
    cands = classify("Players from both teams clashed in a mass brawl on the pitch after the final whistle.")
    assert all(c.sub_event_type != "Armed clash" for c in cands)
