"""Speed of the time-expression grammar, in expressions per second on one core.

    python bench/timex_speed.py [--repeat R]

Texts: TempEval-3 TBAQ from ../shared/data when present, else a built-in news paragraph.
"ours" = finding AND normalising every expression in the full texts (eventwire.extract.times
.find_times without a spaCy parse, i.e. with the text-window tense fallback; with a parse the
tense lookup is a dictionary walk on the existing Doc and costs about the same).
"baseline" = dateutil.parser.parse(fuzzy=True) on only the expression strings we found (it is
handed the expressions, so it does strictly less work: no search, no relative dates).
Times are CPU seconds of this process (best of R runs), so other load on the machine does not
count. Printed: expressions/s for both, and ours / baseline (>1 means we are faster). Target: >= 5,000/s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data" / "tempeval3" / "tbaq.jsonl"

from eventwire.extract.times import find_times  # noqa: E402
from eventwire.model import Article  # noqa: E402

FALLBACK = ("BEIRUT, Nov 9 (Reuters) - Israeli jets struck a depot on Wednesday, two days after a drone "
            "attack that killed three people. Attacks have increased since October 17, officials said, and "
            "more than 40 strikes were recorded in the past two weeks. The last ceasefire, agreed in May 2021, "
            "lasted 11 days. Shelling continued overnight and this morning. ")


def load() -> tuple[list[Article], str]:
    if DATA.is_file():
        with open(DATA, encoding="utf-8") as fh:
            recs = [json.loads(line) for line in fh if line.strip()]
        return [Article(id=r["id"], text=r["text"], published_at=r.get("published_at")) for r in recs], str(DATA)
    return [Article(id=f"p{i}", text=FALLBACK * 5, published_at="2023-11-09") for i in range(100)], "built-in paragraph"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    articles, source = load()
    exprs: list[str] = []
    best = float("inf")
    for i in range(args.repeat):
        t0 = time.process_time()  # CPU time of this process: one core, whatever else the machine runs
        found = [t for a in articles for t in find_times(a)]
        best = min(best, time.process_time() - t0)
        if i == 0:
            exprs = [t.text for t in found]
    ours = len(exprs) / best

    from dateutil import parser as du

    warnings.simplefilter("ignore")  # dateutil warns about "EST"-style zone names

    default = dt.datetime(2023, 11, 9)
    base_best = float("inf")
    for _ in range(args.repeat):
        t0 = time.process_time()
        for e in exprs:
            try:
                du.parse(e, fuzzy=True, default=default)
            except (ValueError, OverflowError):
                pass
        base_best = min(base_best, time.process_time() - t0)
    base = len(exprs) / base_best
    chars = sum(len(a.text) for a in articles)
    print(f"texts: {source} ({len(articles)} docs, {chars:,} chars, {len(exprs)} expressions)")
    print(f"ours (search + normalise, full texts): {ours:,.0f} expressions/s")
    print(f"baseline (dateutil fuzzy parse, expression strings only): {base:,.0f} expressions/s")
    print(f"ratio ours/baseline: {ours / base:.2f}")


if __name__ == "__main__":
    main()
