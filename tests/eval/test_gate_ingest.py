"""Gates for validate, clean and dedup on the dev data: nothing real refused, little news removed, no false duplicates.

Measured when pinned: validate refuses 0 of 2,065 dev documents; clean removes 9 stretches in
geo/re3d/tempeval3/case2021/ecbplus (BBC "Image copyright"/"Image caption" lines, sign-offs, a
"READ MORE:" link, a chart source line), overlapping 2 gold spans (a "Reporting by ... in New York"
sign-off and a "READ MORE:" link); dedup at the default threshold flags 12 of 772 ECB+ documents
as near-duplicates, all 12 of the same seminal event as their match (syndicated copies).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.clean.boilerplate import find_boilerplate
from eventwire.config import Settings
from eventwire.errors import ArticleError
from eventwire.ingest.dedup import Deduplicator
from eventwire.ingest.validate import make_stage
from eventwire.model import Article

pytestmark = pytest.mark.data

SETS = ["case2021/case2021_dev.jsonl", "re3d/re3d_dev.jsonl", "ecbplus/ecbplus_dev.jsonl", "geo/trnews.jsonl",
        "geo/lgl.jsonl", "tempeval3/tbaq.jsonl", "wikievents/dev_converted.jsonl"]


def _docs(root: Path, name: str) -> list[dict]:
    with (root / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_validate_refuses_no_dev_document(shared_data: Path) -> None:
    stage = make_stage(Settings())
    refused = []
    for name in SETS:
        for d in _docs(shared_data, name):
            try:
                stage.process(Article(id=d["id"], text=d["text"]))
            except ArticleError as exc:
                refused.append((d["id"], exc.reason))
    assert refused == []


def test_clean_removes_little_gold(shared_data: Path) -> None:
    stretches = hit = 0
    for name in SETS[:6]:
        for d in _docs(shared_data, name):
            removed = find_boilerplate(d["text"])
            stretches += len(removed)
            for spans in (d.get("gold") or {}).values():
                if isinstance(spans, list):
                    hit += sum(1 for s in spans if isinstance(s, dict) and "start" in s
                               and any(r.start < s["end"] and s["start"] < r.end for r in removed))
    assert stretches <= 12
    assert hit <= 4


def test_dedup_flags_only_same_story_copies_in_ecbplus(shared_data: Path) -> None:
    docs = _docs(shared_data, "ecbplus/ecbplus_dev.jsonl")
    cluster = {d["id"]: d["gold"]["event_cluster"] for d in docs}
    dedup = Deduplicator(Settings())
    flagged = same = 0
    for d in docs:
        art = Article(id=d["id"], text=d["text"])
        dedup.check(art)
        match = art.duplicate_of or art.near_duplicate_of
        if match:
            flagged += 1
            same += cluster[match] == cluster[art.id]
    # at the default threshold (0.5) 22 of 772 were flagged, each another outlet's edit of the same story
    assert 5 <= flagged <= 30
    assert same >= 0.9 * flagged
