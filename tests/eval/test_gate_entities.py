"""Accuracy floor for entity mentions on the re3d dev set (scorer task ``entities``, overlap F1).

Floors are pinned a little below what was measured; lowering one is an explicit act.
"""

from __future__ import annotations

import json

import pytest

from eventwire.eval import metrics  # equal to the reference scorer (test_metrics_agree.py)
from eventwire.extract.entities import make_stage
from eventwire.extract.nlp import load_nlp
from eventwire.extract.train_classifier import held_out
from eventwire.model import Article

MICRO_F1_FLOOR = 0.82  # measured 0.836 (overlap, 45 dev docs; session 7)
HELD_OUT_MICRO_F1_FLOOR = 0.77  # measured 0.786 on the 17 held-out docs (sha1(id) % 10 < 3); session 7 read their errors
WEAPON_PLATFORM_F1_FLOOR = 0.80  # measured 0.829


def _prf(tp: int, ns: int, ng: int) -> float:
    return 2 * tp / (ns + ng) if ns + ng else 0.0


@pytest.mark.data
def test_re3d_entities_gate(shared_data):
    gold = [json.loads(line) for line in (shared_data / "re3d" / "re3d_dev.jsonl").open(encoding="utf-8")]
    nlp = load_nlp()
    stage = make_stage(None)
    articles = [Article(id=r["id"], text=r["text"]) for r in gold]
    for article, doc in zip(articles, nlp.pipe([a.clean_text for a in articles])):
        article.scratch["doc"] = doc
    stage.process_batch(articles)
    system = [{"id": a.id, "mentions": [{"start": m.start, "end": m.end, "label": m.label} for m in a.mentions]}
              for a in articles]
    res = metrics.score_entities(gold, system)["overlap"]
    assert res["micro"]["f1"] >= MICRO_F1_FLOOR, res["micro"]
    per = res["per_label"]
    wp = [per[k] for k in ("WEAPON", "MILITARY_PLATFORM") if k in per]
    f1 = _prf(sum(x["tp"] for x in wp), sum(x["n_sys"] for x in wp), sum(x["n_gold"] for x in wp))
    assert f1 >= WEAPON_PLATFORM_F1_FLOOR, per
    held_ids = {r["id"] for r in gold if held_out(r["id"])}
    held = metrics.score_entities([r for r in gold if r["id"] in held_ids],
                                  [s for s in system if s["id"] in held_ids])["overlap"]
    assert held["micro"]["f1"] >= HELD_OUT_MICRO_F1_FLOOR, held["micro"]
