"""Split the CASE 2021 dev gold into the 70% we tune on and the 30% we hold out (by id hash).

    python bench/case_split.py GOLD.jsonl OUTDIR   -> OUTDIR/case_tune.jsonl, OUTDIR/case_heldout.jsonl

Score each with ../shared/tools/score.py against the same annotate output. Held out =
``int(sha1(id).hexdigest(), 16) % 10 < 3`` (the house rule); the event rules were never tuned on it.
"""

from __future__ import annotations

import hashlib
import json
import sys
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


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
