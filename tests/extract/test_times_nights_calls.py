"""Event dates for nights, parts of a named day, calls to future action, and the story's own day.

DCT 2023-11-09, a Thursday (as in test_times.py)."""

from __future__ import annotations

import pytest

from eventwire.config import Settings
from eventwire.extract.nlp import load_nlp
from eventwire.extract.times import event_date, make_stage
from tests.conftest import make_article

DCT = "2023-11-09"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _date(nlp, text: str, clause: str | None = None, published_at: str = DCT):
    a = make_article(text, published_at=published_at)
    a.scratch["doc"] = nlp(a.clean_text)
    make_stage(Settings()).process(a)
    s = a.text.index(clause) if clause else 0
    return event_date(a, s, s + len(clause) if clause else len(text))


@pytest.mark.parametrize("text", [
    "Russian drones struck a power plant overnight on Tuesday, killing two people.",
    "Russian drones struck a power plant overnight Tuesday, killing two people.",
    "Russian missiles hit a block of flats late on Tuesday, killing three people.",
    "Air strikes killed five people in the town in the early hours of Tuesday, medics said.",
    "Ukraine's air force says Russia launched 40 drones overnight on Tuesday.",
])
def test_a_night_or_part_of_a_named_day_is_that_day(nlp, text):
    d = _date(nlp, text)
    assert (d.value, d.from_publication_date) == ("2023-11-07", False)


def test_a_bare_overnight_is_the_night_before_publication(nlp):
    assert _date(nlp, "Drones struck a power plant overnight, officials said.").value == "2023-11-09"


@pytest.mark.parametrize("text, value", [
    # the day of the action called for lies ahead ...
    ("The union called for a general strike on Saturday to protest unpaid salaries.", "2023-11-11"),
    ("Opposition leaders called for protests on Saturday.", "2023-11-11"),
    ("The teachers' union has called a strike for Saturday.", "2023-11-11"),
    ("Activists urged residents to join a sit-in on Saturday.", "2023-11-11"),
    # ... the day of the call itself, or a call that is over, does not
    ("Opposition leaders on Saturday called for protests.", "2023-11-04"),
    ("The union had called for a strike on Saturday, but it was cancelled.", "2023-11-04"),
    ("The minister called the governor on Saturday.", "2023-11-04"),
    ("Police dispersed a strike on Saturday.", "2023-11-04"),
])
def test_a_call_for_action_dates_the_action_ahead(nlp, text, value):
    assert _date(nlp, text).value == value


def test_a_sentence_without_a_date_takes_the_story_day(nlp):
    # the dateline's date, after a title line
    text = "Jets strike depot\n\nBEIRUT, Nov 8 (Reuters) - Israeli jets struck a weapons depot. Nobody was hurt."
    d = _date(nlp, text, "Nobody was hurt")
    assert (d.value, d.from_publication_date) == ("2023-11-08", False)
    # no dateline: the opening's date
    text = "Hundreds protested in the town centre on Wednesday. No arrests were reported."
    d = _date(nlp, text, "No arrests were reported")
    assert (d.value, d.from_publication_date) == ("2023-11-08", False)
