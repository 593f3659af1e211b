"""The entities stage alone, on hand-built documents."""

from __future__ import annotations

import pytest

from eventwire.extract.entities import RULER_NAME, add_patterns, make_stage
from eventwire.extract.nlp import load_nlp
from eventwire.errors import ArticleError
from eventwire.model import Removed
from tests.conftest import make_article


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def stage():
    return make_stage(None)


def run(nlp, stage, text, **kw):
    article = make_article(text, **kw)
    article.scratch["doc"] = nlp(article.clean_text)
    stage.process(article)
    return article


def labelled(article):
    return {(m.text, m.label) for m in article.mentions}


def test_ruler_is_named_and_before_ner(nlp):
    names = nlp.pipe_names
    assert RULER_NAME in names
    assert names.index(RULER_NAME) < names.index("ner")
    add_patterns(nlp)  # idempotent
    assert nlp.pipe_names.count(RULER_NAME) == 1


def test_platforms_weapons_and_groups(nlp, stage):
    a = run(nlp, stage, "US fighter jets, two F-15s, struck a depot used by Kataib Hezbollah. "
                        "Militants fired Hellfire missiles, an RPG-7 and mortar shells from MQ-9 Reaper drones.")
    got = labelled(a)
    assert ("fighter jets", "MILITARY_PLATFORM") in got
    assert ("F-15s", "MILITARY_PLATFORM") in got
    assert ("MQ-9 Reaper drones", "MILITARY_PLATFORM") in got
    assert ("Hellfire missiles", "WEAPON") in got
    assert ("RPG-7", "WEAPON") in got
    assert ("mortar shells", "WEAPON") in got
    assert ("Kataib Hezbollah", "ORGANIZATION") in got
    assert ("US", "LOCATION") in got
    f15 = next(m for m in a.mentions if m.text == "F-15s")
    assert f15.origin == "pattern" and f15.subtype == "fighter aircraft"


def test_designation_patterns_and_units(nlp, stage):
    a = run(nlp, stage, "Russian Su-24 jets and Shahed-136 drones attacked, while the 51st Brigade held the line.")
    got = labelled(a)
    assert ("Su-24 jets", "MILITARY_PLATFORM") in got
    assert ("Shahed-136 drones", "MILITARY_PLATFORM") in got
    assert ("51st Brigade", "ORGANIZATION") in got
    assert ("Russian", "NATIONALITY") in got
    # A code that is not a military designation is not a platform.
    b = run(nlp, stage, "The COVID-19 outbreak closed the G-20 summit.")
    assert not [m for m in b.mentions if m.label in ("WEAPON", "MILITARY_PLATFORM")]


def test_label_mapping(nlp, stage):
    a = run(nlp, stage, "On 4 February 2015 Iraqi Prime Minister Haider al-Abadi met the United Nations in Baghdad "
                        "and pledged $135 million for 40 per cent of the 645 beds.")
    labels = {m.label for m in a.mentions}
    assert {"TEMPORAL", "NATIONALITY", "PERSON", "ORGANIZATION", "LOCATION", "MONEY", "QUANTITY"} <= labels
    by_text = {m.text: m.label for m in a.mentions}
    assert by_text["4 February 2015"] == "TEMPORAL"
    assert by_text["Baghdad"] == "LOCATION"
    assert by_text["$135 million"] == "MONEY"
    assert by_text["Iraqi"] == "NATIONALITY"


def test_offsets_sorted_and_exact(nlp, stage):
    text = "The Foreign Secretary said we will support the Syrian people and the city of Aleppo."
    a = run(nlp, stage, text)
    assert a.mentions == sorted(a.mentions, key=lambda m: (m.start, -m.end, m.label))
    for m in a.mentions:
        assert text[m.start:m.end] == m.text
    got = labelled(a)
    assert ("the Syrian people", "ORGANIZATION") in got and ("Syrian", "NATIONALITY") in got  # nested
    assert ("we", "ORGANIZATION") in got
    assert ("The Foreign Secretary", "PERSON") in got


def test_removed_stretch_is_ignored(nlp, stage):
    text = "Photo: Apache helicopters over Mosul. Two F-16s bombed Raqqa."
    cut = text.index("Two")
    a = run(nlp, stage, text, removed=[Removed(0, cut, "caption")])
    assert all(m.start >= cut for m in a.mentions)
    assert ("F-16s", "MILITARY_PLATFORM") in labelled(a)
    assert not any("Apache" in m.text or m.text == "Mosul" for m in a.mentions)


def test_rerun_assigns_not_appends(nlp, stage):
    a = run(nlp, stage, "Hezbollah fired Kornet missiles.")
    n = len(a.mentions)
    stage.process(a)
    assert len(a.mentions) == n


def test_missing_parse_is_an_article_error(stage):
    with pytest.raises(ArticleError):
        stage.process(make_article("No parse here."))


def test_place_nesting_and_metonymy(nlp, stage):
    a = run(nlp, stage, "Aid reached eastern Aleppo. The ceasefire announced by Russia and Turkey held in Anbar, Iraq.")
    got = {(m.text, m.label) for m in a.mentions}
    assert ("eastern Aleppo", "LOCATION") in got and ("Aleppo", "LOCATION") in got
    assert ("Russia", "ORGANIZATION") in got and ("Russia", "LOCATION") in got  # agent of "announced by"
    assert ("Anbar, Iraq", "LOCATION") in got


def test_title_alone_dropped_when_longer_title_found(nlp, stage):
    a = run(nlp, stage, "Foreign Secretary Philip Hammond said the talks would go on.")
    person = {m.text for m in a.mentions if m.label == "PERSON"}
    assert "Foreign Secretary Philip Hammond" in person
    assert "Foreign Secretary" not in person


def test_quantity_filters_and_money(nlp, stage):
    a = run(nlp, stage, "The UK has flown over 870 missions since October 26, 2008 and committed £1.1bn; "
                        "one day Asad will answer for it.")
    got = {(m.text, m.label) for m in a.mentions}
    assert ("870", "QUANTITY") in got
    assert ("2008", "QUANTITY") not in got
    assert ("one", "QUANTITY") not in got
    assert ("£1.1bn", "MONEY") in got
