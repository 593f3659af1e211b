"""Who did it to whom: event actors against the PLOVER gold standard records' source and target.

The PLOVER GSR (``../shared/data/plover/PLOVER_GSR_CAMEO.txt``) gives, for one-sentence reports,
the event's source and target actor as written. For the categories that are ACLED events
(ASSAULT, FIGHT, COERCE: source -> actor1, target -> actor2; PROTEST: source -> actor1 only, since
ACLED's actor2 of a protest is whoever intervenes, not whom it is against) this runs the extraction
pipeline on each sentence, takes the most confident current event, and counts an actor as agreeing
when it shares a content word with the gold phrase ("Burundian militiamen" ~ "militiamen").

    python bench/actors_plover.py                 # summary, all records
    python bench/actors_plover.py --part dev -v   # the house dev half, with every disagreement

Records with no event are counted apart ("found"): this measures naming, not detection. Skips
cleanly when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from pathlib import Path

from eventwire.config import load_settings
from eventwire.extract.train_classifier import held_out  # the house split
from eventwire.model import Article
from eventwire.pipeline import RUN_STAGES, Pipeline

GSR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
CATEGORIES = {"ASSAULT": ("actor1", "actor2"), "FIGHT": ("actor1", "actor2"), "COERCE": ("actor1", "actor2"),
              "PROTEST": ("actor1",)}
_STOP = frozenset("the a an of in on at by and or to from with for its their his her".split())


def _words(phrase: str | None) -> set[str]:
    """Content words, lower-cased, plural and possessive endings dropped ("Iraqis'" ~ "iraqi")."""
    out = set()
    for w in re.findall(r"[\w.-]+", (phrase or "").lower().replace("’", "'")):
        w = w.strip(".-")
        if not w or w in _STOP:
            continue
        for suf in ("ies", "s"):
            if len(w) > 3 and w.endswith(suf):
                w = w[: -len(suf)] + ("y" if suf == "ies" else "")
                break
        out.add(w)
    return out



def records(part: str | None = None) -> list[dict]:
    recs = [r for r in json.loads(GSR.read_text(encoding="utf-8")) if r.get("event") in CATEGORIES]
    if part is not None:
        recs = [r for r in recs if ("held-out" if held_out(r["id"]) else "dev") == part]
    return recs


def agrees(gold: list[dict], actor) -> bool:
    if actor is None:
        return False
    mine = _words(actor.name) | _words(actor.canonical)
    return any(_words(g.get("actorText")) & mine for g in gold)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("dev", "held-out"), help="score only this half of the house split")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every disagreement")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="a setting, as eventwire --set")
    args = ap.parse_args(argv)
    if not GSR.is_file():
        print(f"skipped: {GSR} not found")
        return 0
    logging.basicConfig(level=logging.WARNING)
    recs = records(args.part)
    settings = load_settings(overrides=args.set)
    docs = [Article(id=r["id"], text=r["text"], published_at=r.get("date") or None) for r in recs]
    out = {a.id: a for a in Pipeline(settings, RUN_STAGES).pipe(iter(docs)) if isinstance(a, Article)}
    found = 0
    agree = {"actor1": [0, 0], "actor2": [0, 0]}
    lines = []
    for r in recs:
        art = out.get(r["id"])
        evs = [e for e in (art.events if art else []) if not e.background]
        if not evs:
            continue
        found += 1
        ev = max(evs, key=lambda e: e.confidence)
        for slot in CATEGORIES[r["event"]]:
            gold = r.get("source" if slot == "actor1" else "target") or []
            if not gold:
                continue  # (PLOVER leaves an unnamed perpetrator out; ACLED names it Unidentified Armed Group)
            ok = agrees(gold, getattr(ev, slot))
            agree[slot][0] += ok
            agree[slot][1] += 1
            if not ok and args.verbose:
                got = getattr(ev, slot)
                lines.append(f"{r['id']} {slot}: gold {[g.get('actorText') for g in gold]} got "
                             f"{got.name if got else None!r} | {r['text'][:140]}")
    print(f"records     {len(recs)} ({args.part or 'all'}), with an event {found}")
    for slot, (ok, n) in agree.items():
        print(f"{slot:<11} {ok:>3}/{n:<3} {ok / n if n else 0:.2f}")
    for line in lines:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
