"""The shared dateline finder, on hand-written openings (no parse needed)."""

from __future__ import annotations

import pytest

from eventwire.extract.dateline import article_dateline, dateline_around, datelines


def _parts(text: str) -> tuple[str | None, str | None, str | None, str | None, str]:
    d = article_dateline(text)
    assert d is not None, text

    def cut(span):
        return text[span[0]:span[1]] if span else None

    return cut(d.place), cut(d.head), cut(d.date), cut(d.agency), text[d.end:d.end + 6]


@pytest.mark.parametrize("text, place, head, date, agency, story", [
    ("BEIRUT, Nov 9 (Reuters) - Israeli jets struck a depot.", "BEIRUT", "BEIRUT", "Nov 9", "Reuters", "Israel"),
    ("BAMAKO, April 3 (Afrique Wire) - Gunmen attacked a bus.", "BAMAKO", "BAMAKO", "April 3", "Afrique Wire",
     "Gunmen"),
    ("KYIV (AP) — Drones hit a power plant.", "KYIV", "KYIV", None, "AP", "Drones"),
    ("Mogadishu, Somalia — Gunmen stormed a hotel.", "Mogadishu", "Mogadishu, Somalia", None, None, "Gunmen"),
    ("GOMA, Democratic Republic of Congo, Jan 5 (AFP) - Rebels shelled the airport.", "GOMA",
     "GOMA, Democratic Republic of Congo", "Jan 5", "AFP", "Rebels"),
    ("ADEN: Port workers walked out.", "ADEN", "ADEN", None, None, "Port w"),
    ("HUDSON, Wis. — Officials closed the bridge.", "HUDSON", "HUDSON, Wis.", None, None, "Offici"),
    ("March 30, 2009 NEWARK -- The mayor resigned.", "NEWARK", "NEWARK", "March 30, 2009", None, "The ma"),
    # after a title line, and after a title sentence on the same line
    ("Rebels take the airport\n\nGOMA, Jan 5 (AFP) - Rebels took the airport.", "GOMA", "GOMA", "Jan 5", "AFP",
     "Rebels"),
    ("Mason charged. BANTAM — A mason was charged.", "BANTAM", "BANTAM", None, None, "A maso"),
    # a date and an agency without a place
    ("Nov 9 (Reuters) - Israeli jets struck a depot.", None, None, "Nov 9", "Reuters", "Israel"),
])
def test_dateline_shapes_and_parts(text, place, head, date, agency, story):
    assert _parts(text) == (place, head, date, agency, story)


@pytest.mark.parametrize("text", [
    "Obama - who had left office - spoke on Monday.",  # a title-case name before a dash is no dateline
    "Syria: rebels advance on the capital.",  # a headline's colon
    "The army said on Tuesday - after a pause - that it had advanced.",
    "NATO Secretary General Mark Rutte spoke on Monday.",  # capitals without a separator
    "Gunmen killed five people in the town.",
    "Rethinking Egypt-US relations after the vote.",  # a hyphen inside a word
    "WABC-TV reported the fire.",
])
def test_no_dateline(text):
    assert article_dateline(text) is None


def test_the_article_dateline_is_in_the_opening_lines_only():
    text = "Title\nSubtitle\nBy A. Writer\nMore\nBEIRUT - Jets struck."
    assert article_dateline(text) is None  # four lines in: not the story's own dateline
    assert [text[d.place[0]:d.place[1]] for d in datelines(text)] == ["BEIRUT"]


def test_a_position_inside_a_dateline():
    text = "Mogadishu, Somalia — Gunmen stormed a hotel near Somalia's parliament."
    assert dateline_around(text, text.index("Somalia")) is not None
    assert dateline_around(text, text.index("Gunmen")) is None
    assert dateline_around(text, text.rindex("Somalia")) is None
    inner = "Jets struck.\nKYIV (AP) — Drones hit."
    assert dateline_around(inner, inner.index("KYIV")) is not None
    assert dateline_around(inner, inner.index("AP")) is not None


# --------------------------------------------------------------------------- the stages that use it
@pytest.fixture(scope="module")
def nlp():
    from eventwire.extract.nlp import load_nlp

    return load_nlp()


@pytest.mark.parametrize("text, source", [
    ("BAGHDAD — Iraq's Joint Operations Command denied reports that its forces shelled the village.",
     "Iraq's Joint Operations Command"),
    ("BAGHDAD (Reuters) — Iraq's Joint Operations Command denied reports that its forces shelled the village.",
     "Iraq's Joint Operations Command"),
    ("MOGADISHU, Nov 8 (Reuters) — Somali police said gunmen killed five people.", "Somali police"),
])
def test_neither_the_dateline_town_nor_its_agency_is_a_source(nlp, text, source):
    from eventwire.extract.attribution import attribution_for

    found = attribution_for(next(iter(nlp(text).sents)), "Outlet")
    assert [a.source for a in found] == [source]


def test_a_dateline_with_an_agency_is_not_the_actor(nlp):
    from eventwire.extract.actors import load_kb
    from eventwire.extract.events import extract_events
    from tests.conftest import make_article

    a = make_article("KYIV (AP) — Russian forces shelled the town of Kherson on Monday, killing two civilians.",
                     published_at="2024-05-09")
    a.scratch["doc"] = nlp(a.clean_text)
    events, _ = extract_events(a, load_kb())
    assert events and all(e.actor1 is None or "Kyiv" not in (e.actor1.name or "").title() for e in events)


def test_a_line_of_capitals_alone_is_a_heading():
    from eventwire.extract.dateline import heading_at, headings

    text = "PANAMA\nPolice cleared roadblocks.\n\nDOMINICAN REPUBLIC\nThousands marched. NATO said so."
    assert [text[a:b] for a, b in headings(text)] == ["PANAMA", "DOMINICAN REPUBLIC"]
    assert heading_at(text, 0, 6) and not heading_at(text, text.index("NATO"), text.index("NATO") + 4)
