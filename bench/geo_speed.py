"""Place resolution speed, index load time and memory.

Prints toponyms resolved per second by the places stage (recognition from an existing
parse + disambiguation; the spaCy parse is done beforehand and not timed), the index load
time, the process RSS, and the ratio against a baseline that resolves the same names by a
naive linear scan over every indexed place name (what an unindexed gazetteer would do).

    /work/venv/bin/python bench/geo_speed.py [DOCS.jsonl] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import sys
import time
from pathlib import Path

from eventwire.config import Settings
from eventwire.extract.nlp import load_nlp
from eventwire.extract.places import find_places
from eventwire.gazetteer import load_gazetteer
from eventwire.gazetteer.build import default_index_path
from eventwire.gazetteer.index import Gazetteer
from eventwire.gazetteer.normalize import name_key
from eventwire.model import Article

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "geo" / "lgl.jsonl"


def _rss_mb() -> float:
    """Current resident set size (Linux /proc), in MB."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("docs", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=200)
    args = ap.parse_args()
    settings = Settings()
    load_gazetteer(settings)  # make sure it is built

    path = default_index_path(settings)
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    with open(path, "rb") as fh:
        gaz = Gazetteer(pickle.load(fh), path)
    load_s = time.perf_counter() - t0
    index_rss = _rss_mb() - rss0

    texts = []
    with open(args.docs, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if len(texts) >= args.limit:
                break
    nlp = load_nlp(settings.spacy_model)
    articles = []
    for i, doc in enumerate(nlp.pipe(texts, batch_size=32)):
        a = Article(id=str(i), text=texts[i])
        a.scratch["doc"] = doc
        articles.append(a)

    # CPU time of this process: the rate on one core, whatever else the machine is doing.
    t0 = time.process_time()
    n = 0
    names = []
    for a in articles:
        places = find_places(a, gaz)
        n += len(places)
        names.extend(p.text for p in places)
    stage_s = time.process_time() - t0

    # Baseline: the same names looked up by scanning every indexed name (no index).
    all_names = gaz.name
    sample = names[:20]
    t0 = time.process_time()
    for q in sample:
        k = name_key(q)
        _ = [i for i, nm in enumerate(all_names) if name_key(nm) == k]
    scan_s = (time.process_time() - t0) / max(1, len(sample))
    t0 = time.process_time()
    for q in sample:
        gaz.match(q)
    idx_s = (time.process_time() - t0) / max(1, len(sample))

    rss_mb = _rss_mb()
    rate = n / stage_s if stage_s else float("inf")
    print(f"documents: {len(articles)}  toponyms: {n}")
    print(f"places stage (recognise + resolve, parse excluded): {rate:,.0f} toponyms/s")
    print(f"index load: {load_s:.2f} s wall  ({len(gaz):,} places)  index RSS: {index_rss:,.0f} MB  "
          f"process RSS incl. spaCy: {rss_mb:,.0f} MB")
    print(f"lookup: indexed {idx_s * 1e6:,.0f} us/name vs linear scan {scan_s * 1e3:,.0f} ms/name "
          f"-> {scan_s / idx_s:,.0f}x faster")


if __name__ == "__main__":
    sys.exit(main())
