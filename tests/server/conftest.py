"""A small hand-built store for the API and browser tests.

Two outlets report one air strike in Mayadin (with different death tolls, so
there is a discrepancy), a later strike shares its storyline, a shelling in
Kharkiv stands alone, and two articles carry a running tally. Titles, source
names and article text carry script payloads: nothing may ever execute them.
"""

from __future__ import annotations

import copy

import pytest

from eventwire.model import (
    Actor,
    Article,
    Claim,
    Count,
    Discrepancy,
    Event,
    EventDate,
    EventReport,
    Location,
    Span,
    Storyline,
    Weapon,
)
from eventwire.store import open_store

XSS_SOURCE = "Wire <script>window.__xss='source'</script>"
XSS_TITLE = "<img src=x onerror=\"window.__xss='title'\"> Strike on depot"
XSS_TEXT = "<script>window.__xss='text'</script>"

TEXT_A = ("Two US F-15 jets struck a weapons depot in Mayadin on November 8, killing 9 militants, "
          f"the Pentagon said. {XSS_TEXT} Residents reported loud blasts.")
TEXT_B = ("Iran-backed militias said a US drone strike hit their depot near Mayadin on November 8; "
          "7 fighters were killed, a spokesman said. <img src=x onerror=\"window.__xss='img'\">")
TEXT_C = "Russian forces shelled Kharkiv on November 1, injuring 4 civilians, the regional governor said."
TEXT_D = "US officials said there have been at least 40 attacks on US forces in Iraq and Syria since October 17."
TEXT_E = "Abu Kamal was struck by US aircraft on November 12, the second strike in less than two weeks."
TEXT_F = "By November 13 US officials counted at least 46 attacks on US forces in Iraq and Syria."


def _at(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def _loc(name: str, text: str, lat: float, lon: float, cc: str, needle: str | None = None) -> Location:
    s, e = _at(text, needle or name)
    return Location(name=name, lat=lat, lon=lon, country_code=cc, geo_precision=1, start=s, end=e)


def _report(aid: str, text: str, *, sub: str, etype: str, a1: tuple[str, str] | None, a2: tuple[str, str] | None,
            loc: Location | None, day: str, day_text: str, fat: tuple[int, str] | None = None,
            inj: tuple[int, str] | None = None, weapon: tuple[str, str, int | None] | None = None,
            evidence: tuple[int, int] | None = None) -> EventReport:
    def actor(a: tuple[str, str] | None) -> Actor | None:
        if a is None:
            return None
        s, e = _at(text, a[0])
        return Actor(name=a[0], canonical=a[1], start=s, end=e)

    ds, de = _at(text, day_text)
    fatalities = Count()
    if fat:
        s, e = _at(text, fat[1])
        fatalities = Count(value=fat[0], text=fat[1], start=s, end=e)
    injuries = Count()
    if inj:
        s, e = _at(text, inj[1])
        injuries = Count(value=inj[0], text=inj[1], start=s, end=e)
    weapons = []
    if weapon:
        s, e = _at(text, weapon[0])
        weapons = [Weapon(name=weapon[0], category=weapon[1], count=weapon[2], start=s, end=e)]
    ev_span = evidence or (0, text.index(".") + 1)
    return EventReport(
        id=f"{aid}/e1", article_id=aid, event_type=etype, sub_event_type=sub, actor1=actor(a1), actor2=actor(a2),
        location=loc, date=EventDate(value=day, precision="day", start=ds, end=de), weapons=weapons,
        fatalities=fatalities, injuries=injuries, evidence=[Span(*ev_span)], confidence=0.8,
    )


def build_articles() -> list[Article]:
    air, expl = "Air/drone strike", "Explosions/Remote violence"
    a = Article(id="art-a", text=TEXT_A, published_at="2023-11-09", title=XSS_TITLE, source=XSS_SOURCE,
                url="https://example.invalid/a")
    a.events = [_report("art-a", TEXT_A, sub=air, etype=expl, a1=("US", "United States Armed Forces"), a2=None,
                        loc=_loc("Mayadin", TEXT_A, 35.0207, 40.4519, "SY"), day="2023-11-08", day_text="November 8",
                        fat=(9, "killing 9 militants"), weapon=("F-15", "MILITARY_PLATFORM", 2),
                        evidence=(0, TEXT_A.index("Residents")))]
    b = Article(id="art-b", text=TEXT_B, published_at="2023-11-09", title="Militias confirm losses", source="Outlet B",
                url="javascript:alert(1)")
    b.events = [_report("art-b", TEXT_B, sub=air, etype=expl, a1=("US", "United States Armed Forces"),
                        a2=("Iran-backed militias", "Iran-backed militias"),
                        loc=_loc("Mayadin", TEXT_B, 35.0207, 40.4519, "SY"), day="2023-11-08", day_text="November 8",
                        fat=(7, "7 fighters were killed"), weapon=("drone", "MILITARY_PLATFORM", None),
                        evidence=(0, len(TEXT_B)))]
    c = Article(id="art-c", text=TEXT_C, published_at="2023-11-01", title="Kharkiv shelled", source="Outlet C")
    c.events = [_report("art-c", TEXT_C, sub="Shelling/artillery/missile attack", etype=expl,
                        a1=("Russian forces", "Military Forces of Russia"), a2=None,
                        loc=_loc("Kharkiv", TEXT_C, 49.9935, 36.2304, "UA"), day="2023-11-01", day_text="November 1",
                        inj=(4, "injuring 4 civilians"))]
    d = Article(id="art-d", text=TEXT_D, published_at="2023-11-09", title="Tally of attacks", source="Outlet D")
    d.claims = [Claim(kind="tally", count=40, qualifier="at least", event="attack", target="US forces",
                      region="Iraq and Syria", as_of="2023-11-09", source="US officials",
                      evidence=[Span(0, len(TEXT_D))])]
    e = Article(id="art-e", text=TEXT_E, published_at="2023-11-12", title="Second strike", source="Outlet E")
    e.events = [_report("art-e", TEXT_E, sub=air, etype=expl, a1=("US", "United States Armed Forces"), a2=None,
                        loc=_loc("Abu Kamal", TEXT_E, 34.4506, 40.9186, "SY"), day="2023-11-12",
                        day_text="November 12")]
    f = Article(id="art-f", text=TEXT_F, published_at="2023-11-13", title="Tally rises", source="Outlet F")
    f.claims = [Claim(kind="tally", count=46, qualifier="at least", event="attack", target="US forces",
                      region="Iraq and Syria", as_of="2023-11-13", source="US officials",
                      evidence=[Span(0, len(TEXT_F))])]
    return [a, b, c, d, e, f]


def build_events(arts: list[Article]) -> tuple[list[Event], list[Storyline]]:
    by_id = {a.id: a for a in arts}
    a, b, c, e = by_id["art-a"], by_id["art-b"], by_id["art-c"], by_id["art-e"]
    canon = copy.deepcopy(b.events[0])  # the lowest credible toll, as ACLED does
    ev1 = Event(
        id="ev-mayadin", report=canon, reports=[(a.events[0], a), (b.events[0], b)],
        discrepancies=[Discrepancy(field="fatalities", canonical=7, rule="lowest credible figure",
                                   values=[{"article_id": "art-a", "source": XSS_SOURCE, "value": 9},
                                           {"article_id": "art-b", "source": "Outlet B", "value": 7}])],
        merge_reasons=[{"pair": ["art-a/e1", "art-b/e1"], "score": 0.87, "date": 1.0, "km": 0.0}],
        storyline_id="sl-1",
    )
    ev2 = Event(id="ev-kharkiv", report=copy.deepcopy(c.events[0]), reports=[(c.events[0], c)])
    ev3 = Event(id="ev-abukamal", report=copy.deepcopy(e.events[0]), reports=[(e.events[0], e)], storyline_id="sl-1")
    line = Storyline(id="sl-1", title="US strikes on <b>militias</b> in Syria", event_ids=["ev-mayadin", "ev-abukamal"],
                     reasons=["same dyad and theatre within 14 days"])
    return [ev1, ev2, ev3], [line]


def fill(store) -> None:
    arts = build_articles()
    for art in arts:
        store.save_article(art)
    events, lines = build_events(arts)
    store.replace_events(events, lines)


@pytest.fixture(params=["memory://", ":memory:", "postgres"], ids=["memory", "sqlite", "postgres"])
def store(request):
    st = open_store(request.getfixturevalue("pg_url") if request.param == "postgres" else request.param)
    fill(st)
    yield st
    st.close()


@pytest.fixture
def sqlite_store(tmp_path):
    st = open_store(str(tmp_path / "t.db"))
    fill(st)
    yield st
    st.close()
