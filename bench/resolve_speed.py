"""Resolve speed: 100,000 synthetic event reports through ``resolve_reports``, vs naive all-pairs.

    python bench/resolve_speed.py [--reports 100000] [--sample 2000] [--seed 7]

Synthetic world: events at towns in a few countries over two years, each
reported by 1-5 outlets with jittered dates (+-1 day), places (a few km),
fatalities and wording. Prints the seconds for the whole resolve step, the
seconds a naive all-pairs comparison takes on a subsample (extrapolated
quadratically to the full size), the ratio, whether blocking missed any pair
the naive comparison would merge, and pairwise precision/recall against the
synthetic truth.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventwire.config import Settings  # noqa: E402
from eventwire.model import Actor, Article, Count, EventDate, EventReport, Location, Span  # noqa: E402
from eventwire.resolve import resolve_reports  # noqa: E402
from eventwire.resolve.coref import features, pair_score  # noqa: E402

COUNTRIES = {"SY": (33.0, 36.0, 37.0, 42.0), "IQ": (30.0, 43.0, 37.0, 47.0), "UA": (46.0, 30.0, 51.0, 39.0),
             "SD": (10.0, 24.0, 19.0, 36.0), "ML": (12.0, -8.0, 20.0, 4.0), "YE": (13.0, 43.0, 17.0, 51.0)}
TYPES = [("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Protests", "Peaceful protest")]
ACTORS = [f"Group {c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"] + ["State forces", "Coalition forces"]
TARGETS = ["checkpoint", "convoy", "weapons depot", "market", "base", "village", "bridge", "headquarters"]
OUTLETS = ["Wire A", "Wire B", "Daily C", "Radio D", "Site E", "Agency F", "Paper G"]
VERBS = {"Air/drone strike": ["struck", "bombed", "hit from the air"], "Armed clash": ["clashed with", "fought"],
         "Shelling/artillery/missile attack": ["shelled", "fired rockets at"], "Attack": ["attacked", "raided"],
         "Remote explosive/landmine/IED": ["detonated a bomb near", "planted an IED at"],
         "Peaceful protest": ["marched against", "protested"]}


def synthesize(n_reports: int, seed: int) -> tuple[list[tuple[EventReport, Article]], dict[str, int]]:
    rng = random.Random(seed)
    towns = []
    for cc, (la0, lo0, la1, lo1) in COUNTRIES.items():
        for t in range(60):
            towns.append((f"{cc}-town{t}", rng.uniform(la0, la1), rng.uniform(lo0, lo1), cc))
    start = 738_000  # a date ordinal in 2021
    pairs: list[tuple[EventReport, Article]] = []
    truth: dict[str, int] = {}
    ev = 0
    while len(pairs) < n_reports:
        ev += 1
        name, lat, lon, cc = rng.choice(towns)
        etype, sub = rng.choice(TYPES)
        a1, a2 = rng.sample(ACTORS, 2)
        day = start + rng.randrange(730)
        target = rng.choice(TARGETS)
        dead = rng.choice([None, 0, 1, 2, 3, 5, 8, 12])
        for k in range(min(rng.choice([1, 1, 2, 3, 3, 4, 5]), n_reports - len(pairs))):
            aid = f"a{ev}-{k}"
            d = day + rng.choice([0, 0, 0, 1, -1])
            jl, jo = rng.gauss(0, 0.03), rng.gauss(0, 0.03)
            text = (f"{a1} {rng.choice(VERBS[sub])} a {target} held by {a2} near {name}, "
                    f"{'killing ' + str(dead) if dead else 'without casualties'}, {rng.choice(OUTLETS)} reported.")
            rep = EventReport(
                id=f"{aid}/e1", article_id=aid, event_type=etype, sub_event_type=sub,
                actor1=Actor(name=a1, canonical=a1),
                actor2=Actor(name=a2, canonical=a2) if rng.random() < 0.8 else None,
                target=target,
                location=Location(name=name, lat=lat + jl, lon=lon + jo, country_code=cc, geo_precision=1),
                date=EventDate(value=_iso(d), precision="day"),
                fatalities=Count(value=None if dead is None else max(0, dead + rng.choice([0, 0, 1, -1]))),
                evidence=[Span(0, len(text))])
            art = Article(id=aid, text=text, published_at=_iso(d + 1), source=rng.choice(OUTLETS))
            pairs.append((rep, art))
            truth[rep.id] = ev
    return pairs, truth


def _iso(ordinal: int) -> str:
    import datetime as dt

    return dt.date.fromordinal(ordinal).isoformat()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    settings = Settings()
    t0 = time.perf_counter()
    pairs, truth = synthesize(args.reports, args.seed)
    t_gen = time.perf_counter() - t0

    t0, c0 = time.perf_counter(), time.process_time()
    events, storylines = resolve_reports(pairs, settings)
    t_resolve, c_resolve = time.perf_counter() - t0, time.process_time() - c0

    # pairwise quality against the synthetic truth
    sys_of = {rep.id: e.id for e in events for rep, _ in e.reports}
    same_sys = same_true = both = 0
    by_event: dict[str, list[str]] = {}
    for rid, eid in sys_of.items():
        by_event.setdefault(eid, []).append(rid)
    for ids in by_event.values():
        for x, y in combinations(ids, 2):
            same_sys += 1
            both += truth[x] == truth[y]
    by_truth: dict[int, int] = {}
    for t in truth.values():
        by_truth[t] = by_truth.get(t, 0) + 1
    same_true = sum(n * (n - 1) // 2 for n in by_truth.values())

    # naive baseline: score every pair of a subsample, extrapolate quadratically
    rng = random.Random(args.seed)
    sample = rng.sample(range(len(pairs)), min(args.sample, len(pairs)))
    window, max_km = int(settings.resolve_date_window_days), float(settings.resolve_distance_km)
    t0 = time.perf_counter()
    feats = [features(k, *pairs[i]) for k, i in enumerate(sample)]
    above = 0
    for a, b in combinations(feats, 2):
        s, _ = pair_score(a, b, window, max_km)
        above += s is not None and s >= float(settings.resolve_threshold)
    t_naive_sample = time.perf_counter() - t0
    t_naive = t_naive_sample * (len(pairs) / len(sample)) ** 2

    # blocking must not lose what all-pairs would merge: compare on the subsample
    from eventwire.resolve.coref import candidate_pairs

    sub_feats = [features(k, *pairs[i]) for k, i in enumerate(sample)]
    cands = candidate_pairs(sub_feats, window, max_km)
    missed = sum(1 for a, b in combinations(range(len(sub_feats)), 2)
                 if (a, b) not in cands and (pair_score(sub_feats[a], sub_feats[b], window, max_km)[0] or 0)
                 >= float(settings.resolve_threshold))

    p = both / same_sys if same_sys else 1.0
    r = both / same_true if same_true else 1.0
    print(f"reports: {len(pairs)} (generated in {t_gen:.1f}s), events: {len(events)} "
          f"(truth {len(by_truth)}), storylines: {len(storylines)}")
    print(f"resolve: {t_resolve:.1f} s wall ({c_resolve:.1f} s CPU) for {len(pairs)} reports (target <= 60 s)")
    print(f"naive all-pairs: {t_naive_sample:.2f} s for {len(sample)} reports "
          f"-> {t_naive:.0f} s extrapolated to {len(pairs)} ({t_naive / 3600:.1f} h)")
    print(f"speed-up vs naive: {t_naive / t_resolve:.0f}x; pairs blocking missed on the subsample: {missed}")
    print(f"pairwise vs synthetic truth: P={p:.3f} R={r:.3f} F1={2 * p * r / (p + r) if p + r else 0:.3f}")


if __name__ == "__main__":
    main()
