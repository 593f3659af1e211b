"""Entities round 3: re3d span conventions for states acting, offices, split body names and Arabic place names.

All sentences are invented for these tests.
"""

from __future__ import annotations

import pytest

from eventwire.extract.entities import make_stage
from eventwire.extract.nlp import load_nlp
from tests.conftest import make_article


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def stage():
    return make_stage(None)


def mentions(nlp, stage, text):
    article = make_article(text)
    article.scratch["doc"] = nlp(article.clean_text)
    stage.process(article)
    return {(m.text, m.label) for m in article.mentions}


def test_state_with_article_as_passive_subject_is_a_party(nlp, stage):
    got = mentions(nlp, stage, "The UK is committed to helping the families who fled the fighting.")
    assert ("The UK", "ORGANIZATION") in got
    assert ("UK", "LOCATION") in got


def test_state_giving_support_is_a_party(nlp, stage):
    got = mentions(nlp, stage, "The minister promised continued UK support for the reconstruction effort.")
    assert ("UK", "ORGANIZATION") in got


def test_country_before_a_title_is_the_office_not_a_place(nlp, stage):
    got = mentions(nlp, stage, "Yesterday the UK Special Envoy for Yemen spoke to reporters.")
    assert ("UK Special Envoy", "ORGANIZATION") in got
    assert ("UK", "LOCATION") not in got
    assert ("Yemen", "LOCATION") in got


def test_country_after_a_preposition_stays_a_place_before_a_title(nlp, stage):
    got = mentions(nlp, stage, "In Turkey Minister Ellwood met the governor of Hatay.")
    assert ("Turkey", "LOCATION") in got
    assert not any(label == "ORGANIZATION" and text.startswith("Turkey") for text, label in got)


def test_organisation_before_a_capitalised_title_is_part_of_the_title(nlp, stage):
    got = mentions(nlp, stage, "Foreign Office Minister, Jane Doe, said the talks would resume.")
    assert ("Foreign Office", "ORGANIZATION") not in got


def test_vague_area_is_not_a_place_but_a_named_one_is(nlp, stage):
    got = mentions(nlp, stage, "Farmers moved into the area last spring.")
    assert not any(label == "LOCATION" and "area" in text for text, label in got)
    got = mentions(nlp, stage, "Farmers moved into the Hauran region and a residential area.")
    assert ("the Hauran region", "LOCATION") in got
    assert ("a residential area", "LOCATION") in got


def test_body_name_cut_before_its_of_phrase_is_joined(nlp, stage):
    got = mentions(nlp, stage, "He was named by the United States Department of the Treasury as a financier.")
    assert ("the United States Department of the Treasury", "ORGANIZATION") in got
    assert ("the United States Department", "ORGANIZATION") not in got


def test_name_before_a_geographic_head_is_a_place(nlp, stage):
    got = mentions(nlp, stage, "The convoy crossed the Tigris river near the town at dawn.")
    assert ("Tigris", "LOCATION") in got
    assert ("Tigris", "ORGANIZATION") not in got


def test_arabic_place_names_with_a_spaced_article_stay_whole(nlp, stage):
    got = mentions(nlp, stage, "Fighting spread across Salah ad Din Province and into Deir ez Zor Province last week.")
    assert ("Salah ad Din Province", "LOCATION") in got
    assert ("Deir ez Zor Province", "LOCATION") in got
    assert ("Salah", "NATIONALITY") not in got
    assert not any(text.startswith(("ad ", "Din", "Zor")) for text, _ in got)


def test_person_with_a_spaced_article_is_not_made_a_place(nlp, stage):
    got = mentions(nlp, stage, "Abu Bakr al Baghdadi spoke from Mosul.")
    assert ("Abu Bakr al Baghdadi", "PERSON") in got
    assert ("Abu Bakr al Baghdadi", "LOCATION") not in got
