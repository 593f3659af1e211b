"""The entities stage on hand-built press-release language (strike reports, statements):
ranks, operations, coordinated aircraft, strike targets, one sense per document, and the
shared helper that finds known names nested in a longer entity."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from eventwire.extract import entities
from eventwire.extract.entities import make_stage
from eventwire.extract.nlp import load_nlp
from tests.conftest import make_article


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def stage():
    return make_stage(None)


def run(nlp, stage, text):
    article = make_article(text)
    article.scratch["doc"] = nlp(article.clean_text)
    stage.process(article)
    return {(m.text, m.label) for m in article.mentions}


def test_rank_abbreviations_join_the_name(nlp, stage):
    got = run(nlp, stage, "Army Col. John Dorrian said Lt. Gen. Stephen Townsend visited the base on Monday.")
    assert ("Army Col. John Dorrian", "PERSON") in got
    assert ("Lt. Gen. Stephen Townsend", "PERSON") in got
    assert not any(label == "ORGANIZATION" and text.startswith("Army Col") for text, label in got)


def test_title_with_of_joins_the_name(nlp, stage):
    got = run(nlp, stage, "Secretary of State John Kerry met the Iraqi Foreign Minister in Baghdad.")
    assert ("Secretary of State John Kerry", "PERSON") in got
    assert ("Secretary", "PERSON") not in got


def test_abbreviation_keeps_its_full_stop(nlp, stage):
    got = run(nlp, stage, "The talks with U.S. officials ended.")
    assert ("U.S.", "LOCATION") in got
    assert ("U.S", "LOCATION") not in got


def test_capitalised_preposition_is_not_part_of_the_place(nlp, stage):
    got = run(nlp, stage, "Near Raqqah, four strikes destroyed two fighting positions.")
    assert ("Raqqah", "LOCATION") in got
    assert not any(text.startswith("Near") for text, _ in got)
    assert ("two fighting positions", "LOCATION") in got


def test_coordinated_aircraft_and_strike_targets(nlp, stage):
    got = run(nlp, stage, "Fighter, attack, bomber and remotely piloted aircraft conducted nine strikes. "
                          "Near Mosul, a strike engaged three ISIL tactical units and destroyed rocket artillery.")
    assert ("Fighter, attack, bomber and remotely piloted aircraft", "MILITARY_PLATFORM") in got
    assert ("three ISIL tactical units", "ORGANIZATION") in got
    assert ("ISIL", "ORGANIZATION") in got
    assert ("rocket artillery", "WEAPON") in got


def test_operations_and_task_force(nlp, stage):
    got = run(nlp, stage, "Combined Joint Task Force Operation Inherent Resolve officials reported the strikes. "
                          "The assault was named Operation Steel Curtain.")
    assert ("Combined Joint Task Force Operation Inherent Resolve", "ORGANIZATION") in got
    assert ("Operation Steel Curtain", "ORGANIZATION") in got


def test_group_noun_phrase_takes_the_whole_entity(nlp, stage):
    got = run(nlp, stage, "Coalition forces attacked Islamic State of Iraq and the Levant terrorists in Syria.")
    assert ("Islamic State of Iraq and the Levant terrorists", "ORGANIZATION") in got
    assert ("the Levant terrorists", "ORGANIZATION") not in got


def test_nested_known_names(nlp):
    doc = nlp("He spoke to the UN Security Council about the Government of Iraq.")
    council = Span(doc, 3, 7, label="ORG")  # "the UN Security Council"
    known = frozenset({"UN", "Security Council", "UN Security Council"})
    found = [doc.text[s:e] for s, e, *_ in entities._nested_known(doc, council, known, "ORGANIZATION", 4,
                                                                  skip_article=True)]
    assert found == ["UN", "Security Council"]  # never the entity itself, with or without "the"
    found = [doc.text[s:e] for s, e, *_ in entities._nested_known(doc, council, known, "ORGANIZATION", 4)]
    assert found == ["UN Security Council"]  # without skip_article the longest inner name wins
    government = Span(doc, 8, 12, label="ORG")  # "the Government of Iraq"
    places = [(doc.text[s:e], label) for s, e, label, *_ in entities._nested_known(
        doc, government, frozenset({"Iraq", "the"}), "LOCATION", 3, capitalised=True)]
    assert places == [("Iraq", "LOCATION")]  # "the" is not capitalised


def test_one_sense_per_document_for_places(nlp, stage):
    article = make_article("Marines attacked insurgents in Karabilah. Hundreds of fighters fled Karabilah on Tuesday.")
    article.scratch["doc"] = nlp(article.clean_text)
    stage.process(article)
    labels = {m.label for m in article.mentions if m.text == "Karabilah"}
    assert labels == {"LOCATION"}
