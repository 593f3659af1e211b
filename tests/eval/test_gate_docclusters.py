"""Accuracy floor for document clustering on the ECB+ dev topics (scorer task ``docclusters``).

Measured (B-cubed F1): 0.945 on all 772 dev documents; 0.941 on the ~70% of topics used for tuning,
0.953 on the ~30% held out (topic held out when int(sha1(topic), 16) % 10 < 3).
Floors are pinned a little below; lowering one is an explicit act.
"""

from __future__ import annotations

import json

import pytest

from eventwire.eval import metrics  # equal to the reference scorer (test_metrics_agree.py)
from eventwire.resolve.docclusters import cluster_documents

BCUBED_F1_FLOOR = 0.93
PAIRWISE_F1_FLOOR = 0.91


@pytest.mark.data
def test_ecbplus_docclusters_gate(shared_data):
    gold = [json.loads(line) for line in (shared_data / "ecbplus" / "ecbplus_dev.jsonl").open(encoding="utf-8")]
    docs = [{"id": r["id"], "text": r["text"], "published_at": r.get("published_at")} for r in gold]  # no gold in
    clusters = cluster_documents(docs)
    result = metrics.cluster_scores({r["id"]: str(r["gold"]["event_cluster"]) for r in gold}, clusters)
    assert result["bcubed"]["f1"] >= BCUBED_F1_FLOOR, result
    assert result["pairwise"]["f1"] >= PAIRWISE_F1_FLOOR, result
