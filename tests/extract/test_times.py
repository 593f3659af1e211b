"""The times stage and event_date on hand-built sentences, DCT 2023-11-09 (a Thursday)."""

from __future__ import annotations

import time

import pytest

from eventwire.config import Settings
from eventwire.extract.nlp import load_nlp
from eventwire.extract.times import event_date, find_times, make_stage
from eventwire.extract.timex_rules import normalise_expression
from eventwire.model import Removed

from ..conftest import make_article

DCT = "2023-11-09"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _parsed(nlp, text: str, published_at: str | None = DCT, **kw):
    article = make_article(text, published_at=published_at, **kw)
    article.scratch["doc"] = nlp(article.clean_text)
    return article


def _times(nlp, text: str, published_at: str | None = DCT):
    article = _parsed(nlp, text, published_at)
    make_stage(Settings()).process(article)
    return article.times


def _one(nlp, text: str, expr: str, published_at: str | None = DCT):
    times = _times(nlp, text, published_at)
    found = [t for t in times if t.text == expr] or [t for t in times if expr in t.text or t.text in expr]
    assert found, f"{expr!r} not found in {text!r}: {_times(nlp, text, published_at)}"
    return found[0]


# (sentence, expression, type, value, mod)
CASES = [
    # absolute and partial dates
    ("Israeli jets struck the depot on Oct. 17.", "Oct. 17", "DATE", "2023-10-17", None),
    ("The ceasefire was agreed on October 17, 2023.", "October 17, 2023", "DATE", "2023-10-17", None),
    ("Talks began on 17 October in Cairo.", "17 October", "DATE", "2023-10-17", None),
    ("The report is dated 2023-10-17.", "2023-10-17", "DATE", "2023-10-17", None),
    ("The letter is dated 10/17/2023.", "10/17/2023", "DATE", "2023-10-17", None),
    ("Fighting intensified in mid-October.", "mid-October", "DATE", "2023-10", "MID"),
    ("The group was founded in the early 1990s.", "the early 1990s", "DATE", "199", "START"),
    ("A similar strike in 2019 killed three people.", "2019", "DATE", "2019", None),
    ("Protests spread in August.", "August", "DATE", "2023-08", None),
    # weekdays: past tense -> on/before the DCT, future -> after it
    ("Militants attacked the base on Wednesday.", "Wednesday", "DATE", "2023-11-08", None),
    ("Militants attacked the base on Thursday.", "Thursday", "DATE", "2023-11-09", None),
    ("The minister will visit Gaza on Wednesday.", "Wednesday", "DATE", "2023-11-15", None),
    ("Officials meet again next Wednesday.", "next Wednesday", "DATE", "2023-11-15", None),
    ("The convoy was hit last Friday.", "last Friday", "DATE", "2023-11-03", None),
    # relative expressions
    ("The strike happened today.", "today", "DATE", "2023-11-09", None),
    ("The strike happened yesterday.", "yesterday", "DATE", "2023-11-08", None),
    ("Leaders will speak tonight.", "tonight", "TIME", "2023-11-09TNI", None),
    ("The drone was shot down two days ago.", "two days ago", "DATE", "2023-11-07", None),
    ("Rockets were fired last week.", "last week", "DATE", "2023-W44", None),
    ("Shelling continued this month.", "this month", "DATE", "2023-11", None),
    ("Shelling began earlier this month.", "earlier this month", "DATE", "2023-11", None),
    ("Casualties doubled last year.", "last year", "DATE", "2022", None),
    ("Elections are due next month.", "next month", "DATE", "2023-12", None),
    ("Attacks have recently increased.", "recently", "DATE", "PAST_REF", None),
    ("The town is now under siege.", "now", "DATE", "PRESENT_REF", None),
    ("The town is currently under siege.", "currently", "DATE", "PRESENT_REF", None),
    ("Heavy shelling was reported overnight.", "overnight", "TIME", "2023-11-09TNI", None),
    ("An explosion was heard this morning.", "this morning", "TIME", "2023-11-09TMO", None),
    ("Twelve strikes were recorded in the past 24 hours.", "the past 24 hours", "DURATION", "PT24H", None),
    ("Five people were killed a year ago.", "a year ago", "DATE", "2022", None),
    # durations
    ("The base was attacked in less than two weeks.", "less than two weeks", "DURATION", "P2W", "LESS_THAN"),
    ("The war has lasted three years.", "three years", "DURATION", "P3Y", None),
    ("The curfew stayed in place for 10 days.", "10 days", "DURATION", "P10D", None),
    ("Talks lasted about two hours.", "about two hours", "DURATION", "PT2H", "APPROX"),
    ("He was detained for several months.", "several months", "DURATION", "PXM", None),
    # quarters, fiscal years, halves, seasons
    ("Arms sales fell in the third quarter.", "the third quarter", "DATE", "2023-Q3", None),
    ("Spending rose in fiscal 2022.", "fiscal 2022", "DATE", "2022", None),
    ("Deliveries resumed in Q1 2022.", "Q1 2022", "DATE", "2022-Q1", None),
    ("Imports fell in the first half of 2021.", "the first half of 2021", "DATE", "2021-H1", None),
    ("The offensive started last spring.", "last spring", "DATE", "2023-SP", None),
    ("The offensive started in the summer of 2019.", "summer of 2019", "DATE", "2019-SU", None),
    # sets
    ("Patrols go out every week.", "every week", "SET", "P1W", None),
    ("The ministry publishes weekly casualty figures.", "weekly", "SET", "P1W", None),
    ("The exercise is held annually.", "annually", "SET", "P1Y", None),
    # clock times
    ("The sirens sounded at 3 p.m. local time.", "3 p.m.", "TIME", "2023-11-09T15:00", None),
    # dateline
    ("BEIRUT, Nov 9 (Reuters) - Israeli jets struck a depot.", "Nov 9", "DATE", "2023-11-09", None),
    # anaphoric expressions: relative to the last date mentioned, not the publication date
    ("On May 22, 2019, he was promoted, and the following year he was sent to Kabul.", "the following year",
     "DATE", "2020", None),
    ("Sales rose in March. The following month, the company put itself up for sale.", "The following month",
     "DATE", "2023-04", None),
    ("He was killed on Oct. 23. Earlier that day, his family had called the police.", "Earlier that day",
     "DATE", "2023-10-23", None),
    ("Shares closed lower on Friday, down 4.5% from the previous Friday.", "the previous Friday",
     "DATE", "2023-10-27", None),
    # a coarser period named in between frames the narrative's last day, it does not replace it
    ("Rebels raided a depot on Friday, the worst attack this year. Troops hit back the following day.",
     "the following day", "DATE", "2023-11-04", None),
    # financial periods
    ("For the year, volume was flat.", "the year", "DATE", "2023", None),
    ("The company earned $2 million for the year ended March 31.", "the year", "DURATION", "P1Y", None),
    ("The cut is planned by year-end.", "year-end", "DATE", "2023", "END"),
    ("The index has risen 12% since year-end.", "year-end", "DATE", "2022", "END"),
    ("Profit rose in the third quarter. For the quarter a year ago, it earned $3 million.",
     "the quarter a year ago", "DATE", "2022-Q3", None),
    # ranges: one duration of unknown length
    ("Shipments will resume within two to three weeks.", "two to three weeks", "DURATION", "PXW", None),
    ("Acquisitions are planned during the next 12 to 18 months.", "the next 12 to 18 months", "DURATION", "PXM", None),
    # words before a date that point ahead whatever the tense
    ("The board created a new office, effective Feb. 1.", "Feb. 1", "DATE", "2024-02-01", None),
    ("The shares are to resume trading Tuesday.", "Tuesday", "DATE", "2023-11-14", None),
    # a day a present-tense verb governs directly is the coming one; inside a noun phrase it is not
    ("The two leaders meet separately Monday with the envoy.", "Monday", "DATE", "2023-11-13", None),
    ("Monday's losses are the largest this year.", "Monday", "DATE", "2023-11-06", None),
    # scheduling verbs point ahead even in the past tense, unless the day dates the planning itself
    ("The prosecutor has scheduled a news conference Friday.", "Friday", "DATE", "2023-11-10", None),
    ("On Monday, the government planned to pay the first claims.", "Monday", "DATE", "2023-11-06", None),
    # deadlines moved or granted "until <day>"
    ("Officials postponed until Tuesday morning any action.", "Tuesday morning", "TIME", "2023-11-14TMO", None),
    ("The agency has given the family until 9 a.m. Tuesday to sign.", "9 a.m. Tuesday", "TIME",
     "2023-11-14T09:00", None),
    ("Until Tuesday, they had not called him.", "Tuesday", "DATE", "2023-11-07", None),
    # the end of a span given with "through" may lie ahead of a past-tense verb
    ("The bank extended loans through January.", "January", "DATE", "2024-01", None),
    # "the week of <day>", the second day of "<month> <day> and <day>", parts of the current period
    ("A hearing is expected the week of March 6.", "the week of March 6", "DATE", "2024-W10", None),
    ("The summit will be held on April 24 and 25.", "25", "DATE", "2024-04-25", None),
    ("Troops should arrive by the end of the month.", "the end of the month", "DATE", "2023-11", "END"),
    ("She flew to Nairobi on Wednesday and to Kampala later in the day.", "the day", "DATE", "2023-11-08", None),
    ("Controllers heard nothing for a minute and a half.", "a minute and a half", "DURATION", "PT1M30S", None),
    # round 4: spoken years, clock times in words, day parts of the narrative's day, "-long" adjectives
    ("January nineteen ninety-seven. A bomb exploded in Atlanta.", "January nineteen ninety-seven", "DATE",
     "1997-01", None),
    ("The convoy left at 4 in the morning Thursday.", "4 in the morning Thursday", "TIME", "2023-11-09T04:00", None),
    ("Shelling resumed at about 10 at night.", "about 10 at night", "TIME", "2023-11-09T22:00", "APPROX"),
    ("Markets closed lower on Friday. Buyers were active in the morning.", "the morning", "TIME",
     "2023-11-03TMO", None),
    ("Leaders emerged from a third day-long meeting.", "day-long", "DURATION", "P1D", None),
    ("Prices fell through this week and traders left.", "this week", "DATE", "2023-W45", None),
    ("The March accession will enlarge the alliance.", "March", "DATE", "2024-03", None),
    ("Violence is a major theme of the campaign from now to Election Day.", "Election Day", "DATE",
     "2023-11-07", None),
    # a plan that "had been scheduled" is over: the day is the past one
    ("The offer had been scheduled to expire at midnight Friday.", "midnight Friday", "TIME",
     "2023-11-03T24:00", None),
    # "that same day" after a month: a day of that month, which one unknown
    ("The clinic was attacked last October. His name was crossed out that same day.", "that same day", "DATE",
     "2023-10-XX", None),
]


@pytest.mark.parametrize("text,expr,typ,value,mod", CASES, ids=[c[1] + "|" + c[0][:25] for c in CASES])
def test_constructs(nlp, text, expr, typ, value, mod):
    t = _one(nlp, text, expr)
    assert (t.type, t.value, t.mod) == (typ, value, mod), t
    assert t.text == text[t.start:t.end]


def test_generic_that_day_is_not_a_date(nlp):
    # no earlier day to refer to: "that day" is generic, not the publication date
    assert [t.text for t in _times(nlp, "Traders can suffer huge losses on trades made that day.")] == []


def test_forecast_quarter_is_not_the_reference(nlp):
    text = ("The steelmaker posted a drop in third-quarter profit. Analysts expect losses through the third "
            "quarter of 2024. In the year-ago period, it earned $101 million.")
    assert _one(nlp, text, "the year-ago period").value == "2022-Q3"


def test_prepositions_stay_outside_vague_periods(nlp):
    t = _one(nlp, "Kidnappings have risen in recent years.", "recent years")
    assert t.text == "recent years"


def test_since_sets_interval(nlp):
    t = _one(nlp, "Attacks have continued since October 17.", "October 17")
    assert (t.value, t.interval_start, t.interval_end) == ("2023-10-17", "2023-10-17", "2023-11-09")
    assert t.text == "October 17"  # the preposition is not part of the TIMEX3


def test_between_days_sets_interval(nlp):
    t = _one(nlp, "Protests took place between 1 and 3 May.", "May")
    assert (t.type, t.value, t.interval_start, t.interval_end) == ("DATE", "2023-05-01", "2023-05-01", "2023-05-03")


@pytest.mark.parametrize("text,expr,value", [
    ("Rebels attacked on Oct. 17.", "Oct. 17", "XXXX-10-17"),
    ("Rebels attacked on Wednesday.", "Wednesday", "XXXX-WXX-3"),
    ("Rebels attacked yesterday.", "yesterday", None),
    ("Rebels attacked last week.", "last week", None),
    ("Rebels attacked two days ago.", "two days ago", None),
    ("Rebels attacked in 2019.", "2019", "2019"),
    ("Rebels attacked on October 17, 2023.", "October 17, 2023", "2023-10-17"),
])
def test_without_publication_date_nothing_is_guessed(nlp, text, expr, value):
    t = _one(nlp, text, expr, published_at=None)
    assert t.value == value
    assert t.anchored is False


def test_timestamp_publication_date(nlp):
    assert _one(nlp, "Jets struck yesterday.", "yesterday", published_at="2023-11-09T22:15:00Z").value == "2023-11-08"


def test_removed_stretches_are_ignored(nlp):
    text = "Jets struck on Tuesday. Photo taken yesterday by AP. More strikes came last week."
    start = text.index("Photo")
    end = text.index("AP.") + 3
    article = make_article(text, removed=[Removed(start, end, "caption")])
    article.scratch["doc"] = nlp(article.clean_text)
    make_stage(Settings()).process(article)
    assert [t.text for t in article.times] == ["Tuesday", "last week"]


@pytest.mark.parametrize("text", [
    "The 6-year-old boy and a 52 years old man were wounded.",
    "Rebels may attack the town.",
    "About a quarter of the shares changed hands.",
    "He paid $1990 for 2000 rounds.",
    "A second group of directors sold shares.",
    "The poster showed Gary Cooper in High Noon.",
    "Gunmen killed 4 in the morning raid.",
    "He prefers to run in the morning.",
])
def test_non_time_expressions(nlp, text):
    assert _times(nlp, text) == []


def test_stage_assigns_sorted_and_is_rerunnable(nlp):
    article = _parsed(nlp, "On Monday, troops entered the city. Yesterday they left. In 2019 they had stayed for a week.")
    stage = make_stage(Settings())
    stage.process(article)
    first = list(article.times)
    stage.process(article)
    assert article.times == first
    assert [t.start for t in first] == sorted(t.start for t in first)
    assert [t.text for t in first] == ["Monday", "Yesterday", "2019", "a week"]


def test_works_without_a_parse():
    article = make_article("The minister will visit on Wednesday. Jets struck yesterday.")
    found = {t.text: t.value for t in find_times(article)}
    assert found == {"Wednesday": "2023-11-15", "yesterday": "2023-11-08"}


def test_normalise_expression_helper():
    t = normalise_expression("early next year", "2023-11-09")
    assert t is not None and (t.value, t.mod) == ("2024", "START")


def test_speed_smoke():
    text = ("BEIRUT, Nov 9 (Reuters) - Israeli jets struck a depot on Wednesday, two days after a drone attack "
            "that killed three people. Attacks have increased since October 17, officials said, and more than "
            "40 strikes were recorded in the past two weeks. The last ceasefire, agreed in May 2021, lasted 11 days. "
            "Shelling continued overnight and this morning. ") * 10
    article = make_article(text)
    t0 = time.perf_counter()
    n = 0
    for _ in range(20):
        n += len(find_times(article))
    rate = n / (time.perf_counter() - t0)
    assert n == 20 * 10 * 9
    assert rate > 1000, f"{rate:.0f} expressions/s"  # bench/timex_speed.py measures properly (>= 5,000/s)


# --------------------------------------------------------------------------- event_date
def _clause(article, needle: str) -> tuple[int, int]:
    s = article.text.index(needle)
    return s, s + len(needle)


def _staged(nlp, text: str, published_at: str | None = DCT):
    article = _parsed(nlp, text, published_at)
    make_stage(Settings()).process(article)
    return article


def test_event_date_day_in_clause(nlp):
    a = _staged(nlp, "Jets struck a depot in Mayadin on Oct. 17, the Pentagon said.")
    d = event_date(a, *_clause(a, "Jets struck a depot in Mayadin"))
    assert (d.value, d.precision, d.time_precision, d.from_publication_date) == ("2023-10-17", "day", 1, False)


def test_event_date_relative_day(nlp):
    a = _staged(nlp, "A drone hit the base yesterday.")
    d = event_date(a, *_clause(a, "A drone hit the base"))
    assert (d.value, d.precision, d.time_precision) == ("2023-11-08", "day", 1)


def test_event_date_prefers_the_events_day_to_the_statements(nlp):
    # the clause's middle lies nearer the statement's day: the event's own day still dates it
    a = _staged(nlp, "Shells hit the camp two days ago, a medical charity said on Wednesday, raising the toll to nine, "
                     "among them four children, two nurses and a driver who had sheltered there.")
    d = event_date(a, 0, len(a.text))
    assert (d.value, d.precision) == ("2023-11-07", "day")
    # a statement's day alone still dates what it reports
    b = _staged(nlp, "Shells hit a camp, killing nine people, a medical charity said on Wednesday.")
    assert event_date(b, 0, len(b.text)).value == "2023-11-08"
    # ... and loses only to a date as precise: "this year" is vaguer than the statement's day
    c = _staged(nlp, "Militants killed 12 soldiers in the deadliest attack this year, the army said on Wednesday.")
    assert event_date(c, 0, len(c.text)).value == "2023-11-08"


def test_event_date_week_and_month(nlp):
    a = _staged(nlp, "Rockets were fired at the embassy last week. Shelling began earlier this month.")
    w = event_date(a, *_clause(a, "Rockets were fired"))
    m = event_date(a, *_clause(a, "Shelling began"))
    assert (w.value, w.precision, w.time_precision) == ("2023-W44", "week", 2)
    assert (m.value, m.precision, m.time_precision) == ("2023-11", "month", 3)


def test_event_date_background_event_has_its_own_date(nlp):
    a = _staged(nlp, "Jets struck the town on Wednesday. A similar strike in 2019 killed three people.")
    now = event_date(a, *_clause(a, "Jets struck the town"))
    old = event_date(a, *_clause(a, "A similar strike"))
    assert (now.value, now.precision) == ("2023-11-08", "day")
    assert (old.value, old.precision, old.time_precision) == ("2019", "year", 3)


def test_event_date_falls_back_to_dateline(nlp):
    a = _staged(nlp, "BEIRUT, Nov 8 (Reuters) - Israeli jets struck a weapons depot. Nobody was hurt.")
    d = event_date(a, *_clause(a, "Israeli jets struck"))
    assert (d.value, d.precision, d.from_publication_date) == ("2023-11-08", "day", False)


def test_event_date_unanchored_uses_publication_date_flagged(nlp):
    a = _staged(nlp, "Israeli jets struck a weapons depot. Nobody was hurt.")
    d = event_date(a, *_clause(a, "Israeli jets struck"))
    assert (d.value, d.precision, d.time_precision, d.from_publication_date) == ("2023-11-09", "day", 2, True)


def test_event_date_unknown_without_publication_date(nlp):
    a = _staged(nlp, "Israeli jets struck a weapons depot on Wednesday.", published_at=None)
    d = event_date(a, *_clause(a, "Israeli jets struck"))
    assert d.value is None and d.from_publication_date is False


def test_event_date_without_stage_run(nlp):
    a = _parsed(nlp, "A drone hit the base on Oct. 17.")
    d = event_date(a, *_clause(a, "A drone hit the base"))
    assert d.value == "2023-10-17"
