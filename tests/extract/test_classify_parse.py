"""Parse features of the event-typing head (classify.doc_buckets / dense_vector, round 6): what they
abstract over, and that training (train_classifier.Features) and the run time (Head.probabilities with
the sentence's spaCy Span) compute the same numbers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from eventwire.extract import classify as C
from eventwire.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_kinds_zero_gives_nothing(nlp):
    assert C.doc_buckets(nlp("Police fired tear gas at protesters."), 0) == []


def test_entity_placeholders_make_places_interchangeable(nlp):
    a = nlp("Police fired tear gas at protesters in Paris on Monday.")
    b = nlp("Police fired tear gas at protesters in London on Monday.")
    assert [t.ent_type_ for t in a if t.text == "Paris"] == ["GPE"]  # premise of the test
    assert [t.ent_type_ for t in b if t.text == "London"] == ["GPE"]
    assert C.doc_buckets(a, C.DOC_ABSTRACT) == C.doc_buckets(b, C.DOC_ABSTRACT)
    assert C._bucket("ab|in <PLACE>") in C.doc_buckets(a, C.DOC_ABSTRACT)
    # the surface n-grams do differ: that is what the placeholders add
    assert C.ngram_buckets(a.text) != C.ngram_buckets(b.text)


def test_lemmas_and_verb_arguments(nlp):
    doc = nlp("Soldiers fired shots at the protesters.")
    lemma = C.doc_buckets(doc, C.DOC_LEMMA)
    assert C._bucket("lu|fire") in lemma and C._bucket("lu|protester") in lemma
    assert C._bucket("lu|fired") not in lemma
    dep = C.doc_buckets(doc, C.DOC_DEP)
    assert C._bucket("do|fire|shot") in dep
    assert C._bucket("ds|fire|soldier") in dep
    assert C._bucket("dp|fire|at|protester") in dep
    both = C.doc_buckets(doc, C.DOC_LEMMA | C.DOC_DEP)
    assert both == sorted(set(lemma) | set(dep))


def test_dense_vector_is_the_normalised_tok2vec_mean(nlp):
    doc = nlp("Rebels shelled the town. Nobody was hurt.")
    first = next(iter(doc.sents))
    v = C.dense_vector(first, "mean")
    assert v.shape == (96,)
    assert np.isclose(np.linalg.norm(v), 1.0, atol=1e-5)
    expect = doc.tensor[first.start:first.end].mean(axis=0)
    assert np.allclose(v, expect / np.linalg.norm(expect), atol=1e-5)
    vr = C.dense_vector(first, "mean+root")
    assert vr.shape == (192,)
    root = doc.tensor[first.root.i]
    assert np.allclose(vr[96:], root / np.linalg.norm(root), atol=1e-5)
    assert C.dense_vector(doc, "mean").shape == (96,)  # a whole Doc works as well as a Span


def test_dense_vector_none_without_tensor():
    import spacy

    assert C.dense_vector(spacy.blank("en")("No tensor here."), "mean") is None


_SENTENCES = [
    *[(f"Warplanes bombed a market in {t}, killing {n} people.", "Air/drone strike")
      for t, n in (("Paris", 3), ("London", 4), ("Berlin", 5), ("Madrid", 6), ("Rome", 7), ("Vienna", 8))],
    *[(f"Hundreds of students marched peacefully through {t} to demand lower fees.", "Peaceful protest")
      for t in ("Paris", "London", "Berlin", "Madrid", "Rome", "Vienna")],
    *[(f"The minister opened a new hospital wing in {t} on Monday.", "") for t in ("Paris", "London", "Berlin")],
]


def test_training_and_run_time_agree(nlp, tmp_path: Path):
    """A head trained with every parse feature gives, through Head.probabilities with the Doc, the
    probabilities scikit-learn gave at training time (float16 weights aside)."""
    pytest.importorskip("sklearn")
    from eventwire.extract import train_classifier as tc

    f = tmp_path / "event_sentences_ours_a.jsonl"
    f.write_text("".join(json.dumps({"text": t, "sub_event_type": lab}) + "\n" for t, lab in _SENTENCES),
                 encoding="utf-8")
    rows = tc.load_rows(tmp_path / "no_case_file.jsonl", [f])
    docs = list(nlp.pipe([r["text"] for r in rows]))
    feats = tc.Features(rows, None, docs=docs, doc_kinds=7, dense="mean+root", dense_scale=0.7)
    i = 0
    assert feats.buckets[i] == sorted(set(C.ngram_buckets(rows[i]["text"])) | set(C.doc_buckets(docs[i], 7)))
    y = np.array([tc.LABELS.index(r["label"]) for r in rows])
    idx = np.arange(len(rows))
    out = tmp_path / "h.npz"
    tc.train_ngram_head(feats, idx, y, tc.row_weights(rows), out, {"ours": len(rows)}, min_df=1)
    C.load_head.cache_clear()
    head = C.load_head(str(out))
    assert head.meta["doc_kinds"] == 7 and head.meta["dense"] == "mean+root" and head.meta["dense_scale"] == 0.7
    assert head.dense_weights.shape == (len(tc.LABELS), 192) and head.uses_parse
    assert head.proposer.dense_weights.shape == (len(tc.LABELS), 192) and head.proposer.doc_kinds == 7
    clf, vocab = tc.fit(feats, idx, y, tc.row_weights(rows), "rules+ngram", tc.C, 1)
    want = np.zeros((len(rows), len(tc.LABELS)))
    want[:, clf.classes_] = clf.predict_proba(feats.matrix(idx, "rules+ngram", vocab))
    for j in range(len(rows)):
        got = head.probabilities(np.zeros(0, np.float32), feats.rules[j], rows[j]["text"], docs[j])
        assert np.allclose(got, want[j], atol=0.02), (rows[j]["text"], got.round(3), want[j].round(3))
    # the typer passes the Span through: an air strike sentence stays an air strike
    typer = C.SentenceTyper(None, head)
    doc = nlp("Warplanes bombed a market in Lisbon, killing 9 people.")
    assert typer(doc.text, doc[:])[0].sub_event_type == "Air/drone strike"
    C.load_head.cache_clear()
