"""Event dates of sentences without a date of their own: the last event day told before them, and nights
read against the day a statement names (hand-written sentences; DCT 2023-11-09, a Thursday)."""

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


def _date(nlp, text: str, clause: str):
    a = make_article(text, published_at=DCT)
    a.scratch["doc"] = nlp(a.clean_text)
    make_stage(Settings()).process(a)
    s = a.text.index(clause)
    d = event_date(a, s, s + len(clause))
    return d.value, d.from_publication_date


def test_a_sentence_without_a_date_takes_the_last_one_of_its_paragraph(nlp):
    text = ("KANO, Nov 9 (Wire) - Gunmen attacked a police post near Kano on Monday, killing four officers. "
            "The air force responded with strikes on their camp, a military statement said.")
    assert _date(nlp, text, "The air force responded")[0] == "2023-11-06"
    # not across a paragraph break without a cue: the story's own day
    text2 = text.replace(" The air force", "\n\nThe air force")
    assert _date(nlp, text2, "The air force responded")[0] == "2023-11-09"


@pytest.mark.parametrize("opening", ["Hours later,", "Later,", "In retaliation,", "Shortly afterwards,"])
def test_a_sequel_goes_on_from_the_last_event_day_of_the_story(nlp, opening):
    text = ("ADEN, Nov 9 (Wire) - Rebels fired a drone at a tanker on Tuesday, the navy said.\n\n"
            "The rebels warned that they would strike again in the coming days.\n\n"
            f"{opening} warplanes struck two rebel bases near the port, officials said.")
    assert _date(nlp, text, f"{opening} warplanes")[0] == "2023-11-07"


def test_a_statement_day_is_not_the_event_day_carried_forward(nlp):
    text = ("LAGOS, Nov 9 (Wire) - Gunmen kidnapped six traders on the highway on Saturday, the state police "
            "said on Sunday. "
            "They were taken at around 6 a.m., a witness said.\n\n"
            "Hours later, soldiers arrested three suspects at a roadblock.")
    assert _date(nlp, text, "Hours later, soldiers")[0] == "2023-11-04"


def test_overnight_is_the_night_before_the_day_the_statement_names(nlp):
    text = "Police detained 20 people in overnight raids across the district, a spokesman said on Tuesday."
    assert _date(nlp, text, text) == ("2023-11-07", False)
    # and a later sentence of the paragraph is that night's too
    text2 = (text + " The raids also seized six rifles, he said.")
    assert _date(nlp, text2, "The raids also seized")[0] == "2023-11-07"


def _date_at(nlp, text: str, clause: str, trigger: str):
    a = make_article(text, published_at=DCT)
    a.scratch["doc"] = nlp(a.clean_text)
    make_stage(Settings()).process(a)
    s = a.text.index(clause)
    d = event_date(a, s, s + len(clause), a.text.index(trigger))
    return d.value, d.precision


@pytest.mark.parametrize("gap, expected", [("two weeks", ("2023-W43", "week")), ("three days", ("2023-11-03", "day")),
                                           ("a month", ("2023-10", "month"))])
def test_an_event_told_after_a_duration_and_after_is_that_long_before_the_news(nlp, gap, expected):
    text = ("Gunmen killed four villagers near Tessit on Monday, officials said.\n\n"
            f"The attack comes {gap} after militants ambushed an army patrol near Menaka, killing three soldiers.")
    clause = f"The attack comes {gap} after"
    # the ambush is the event: dated back from Monday, the day the news sentence refers to
    assert _date_at(nlp, text, clause, "ambushed") == expected


def test_the_main_clause_before_the_duration_keeps_its_own_date(nlp):
    text = "Troops raided a militant camp near Gao on Tuesday, two days after an ambush on a convoy."
    assert _date_at(nlp, text, "Troops raided", "raided") == ("2023-11-07", "day")
