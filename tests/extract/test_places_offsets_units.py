"""Event places given as offsets, local units, facilities and roads (hand-written sentences)."""

from __future__ import annotations

import pytest

from eventwire.config import Settings
from eventwire.extract.nlp import load_nlp
from eventwire.extract.places import event_location, make_stage
from tests.conftest import make_article


@pytest.fixture(scope="module")
def stage():
    return make_stage(Settings())


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture
def where(stage, nlp):
    """(name, country, geo_precision) of the event told by the whole text, and the places found."""
    def _where(text: str):
        art = make_article(text)
        art.scratch["doc"] = nlp(art.clean_text)
        stage.process(art)
        loc = event_location(art, 0, len(text))
        return (loc.name, loc.country_code, loc.geo_precision) if loc else None, [p.text for p in art.places]
    return _where


def test_a_place_given_by_its_distance_from_a_town_is_the_place(where):
    assert where("M23 fighters seized Sake, a town 25 km west of Goma, on Tuesday.")[0] == ("Sake", "CD", 1)
    assert where("Rebels shelled Sake, about 25 kilometres west of Goma, on Monday.")[0] == ("Sake", "CD", 1)
    # the reference town is the fallback when the place itself is unknown, and only near it
    assert where("Rebels attacked Zorvanka, 60 km north of Goma, the army said.")[0] == ("Goma", "CD", 2)


def test_township_and_district_are_their_main_town(where):
    assert where("Junta troops burned homes in Sagaing Township, Myanmar, on Sunday.")[0] == ("Sagaing", "MM", 2)
    loc, _ = where("Taliban fighters attacked a police post in Kandahar District of Afghanistan.")
    assert loc[1:] == ("AF", 2) and loc[0].startswith("Kandah")
    # a namesake abroad is no stand-in: the country the story names is all that is left
    assert where("Junta troops burned homes in Kani Township, Myanmar, on Sunday.")[0] == ("Myanmar", "MM", 3)


def test_a_name_heading_a_facility_is_no_town_abroad(where):
    loc, places = where("Gunmen shot dead two guards at Madina hospital in Mogadishu on Monday, police said.")
    assert loc == ("Mogadishu", "SO", 1) and "Madina" not in places
    # kept when the town is in the story's country, or when the story names no country to judge by
    assert where("A bomb went off in Kabul market, Afghan police said.")[0] == ("Kabul", "AF", 1)
    assert where("A blast hit Kabul market on Monday.")[0] == ("Kabul", "AF", 1)
    loc, places = where("Rockets hit Kabul airport on Monday.")
    assert loc[1] == "AF" and places == ["Kabul airport"]


def test_a_road_between_two_towns_is_near_either(where):
    loc, _ = where("Boko Haram fighters ambushed a convoy on the road between Maiduguri and Damboa on Sunday.")
    assert loc[0] in ("Maiduguri", "Damboa") and loc[1:] == ("NG", 2)
    loc, _ = where("Insurgents ambushed a convoy on the Maiduguri-Damboa road in Nigeria.")
    assert loc == ("Maiduguri", "NG", 2)
    assert where("Insurgents ambushed a convoy in Maiduguri on Sunday.")[0] == ("Maiduguri", "NG", 1)


def test_dateline_place_and_its_qualifier_are_only_a_fallback(where):
    loc, places = where("GOMA, Democratic Republic of Congo, Jan 5 (AFP) - Rebels shelled army positions in Bukavu on Monday.")
    assert "GOMA" in places and loc == ("Bukavu", "CD", 1)
    assert where("GOMA, Jan 5 (AFP) - Rebels shelled the town on Monday.")[0] == ("Goma", "CD", 1)
