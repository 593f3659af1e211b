"""Split the CASE 2021 dev gold into the 70% we tune on and the 30% we hold out (by id hash), and score.

    python bench/case_split.py GOLD.jsonl OUTDIR   -> OUTDIR/case_tune.jsonl, OUTDIR/case_heldout.jsonl
    python bench/case_split.py --score GOLD.jsonl [KEY=VALUE ...]   -> weighted F1 (all / tune / held out)
        e.g. --score ../shared/data/case2021/case2021_dev.jsonl event_ngram_head=/tmp/h70.npz

Score split files with ../shared/tools/score.py against the same annotate output. Held out =
``int(sha1(id).hexdigest(), 16) % 10 < 3`` (the house rule); the event rules were never tuned on it.
``--score`` runs only the nlp + events stages (what decides the ``case`` task), with the given
settings, and scores with eventwire.eval.metrics (equal to the reference scorer); it also prints the
events stage's own time per snippet, to see what a typer costs.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path


def held_out(doc_id: str) -> bool:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 10 < 3


def main(gold: str, outdir: str) -> None:
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    with open(gold, encoding="utf-8") as f, open(out / "case_tune.jsonl", "w", encoding="utf-8") as tune, \
            open(out / "case_heldout.jsonl", "w", encoding="utf-8") as held:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                (held if held_out(rec["id"]) else tune).write(json.dumps(rec) + "\n")


def score(gold_path: str, overrides: dict[str, str]) -> dict:
    """Weighted F1 of the nlp + events stages on all / tune / held-out snippets."""
    from eventwire.config import Settings
    from eventwire.eval import metrics
    from eventwire.extract.events import make_stage
    from eventwire.extract.nlp import load_nlp
    from eventwire.model import Article

    gold = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    nlp = load_nlp()
    stage = make_stage(Settings(overrides))
    articles = [Article(id=r["id"], text=r["text"], published_at=r.get("published_at")) for r in gold]
    for article, doc in zip(articles, nlp.pipe([a.clean_text for a in articles], batch_size=64)):
        article.scratch["doc"] = doc
    stage.process_batch(articles[:8])  # warm-up: heads and models load once
    t = time.perf_counter()
    stage.process_batch(articles)
    elapsed = time.perf_counter() - t
    system = [{"id": a.id, "events": [{"sub_event_type": e.sub_event_type, "confidence": e.confidence}
                                      for e in a.events]} for a in articles]

    def wf1(part: list[dict]) -> float:
        return round(metrics.score_case(part, system)["weighted_f1"], 4)

    return {"settings": overrides, "all": wf1(gold), "tune70": wf1([g for g in gold if not held_out(g["id"])]),
            "heldout30": wf1([g for g in gold if held_out(g["id"])]),
            "events_stage_ms_per_snippet": round(1000 * elapsed / len(articles), 3)}


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--score":
        print(json.dumps(score(sys.argv[2], dict(a.split("=", 1) for a in sys.argv[3:]))))
    else:
        main(sys.argv[1], sys.argv[2])
