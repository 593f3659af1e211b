"""Speed-up of `eventwire run --runner ray` (N actors) over the local runner on the same articles.

    python bench/ray_scale.py [--limit 200] [--actors 2]

Texts: `throughput.load_texts` (../shared/data when present, else examples/). Both runners write
to a fresh SQLite store and resolve, --repeat times each, alternately (best kept). Printed: wall
time of each, with and without start-up (local: loading the stages in this process; ray: starting
a local Ray with --actors CPUs, then starting the actors, which load the stages), the speed-ups
(local time / ray time), and whether both stores hold the same events. The batches are the local
runner's (batch_size), so a small input splits unevenly over the actors (200 / 32 = 7 batches on 2
actors: at best 7/4 = 1.75x); on a 2-core machine shared with other work, expect well under 2x.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import load_texts  # noqa: E402


def _events(db: str) -> list[str]:
    from eventwire.store import open_store

    store = open_store(db, create=False)
    try:
        return sorted(json.dumps([{k: v for k, v in e.fields.items() if k != "id"},
                                  sorted(r.get("article_id") or "" for r in e.reports)], sort_keys=True, default=str)
                      for e in store.list_events())
    finally:
        store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--actors", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=2, help="runs of each runner, alternated; the best is kept")
    ap.add_argument("--worker-niceness", type=int, default=None,
                    help="niceness of the Ray workers (Ray's default is 15: on a machine busy with other work the "
                         "actors then get less CPU than the local runner at 0)")
    args = ap.parse_args()

    import ray

    from eventwire.config import Settings
    from eventwire.model import Article
    from eventwire.pipeline import RUN_STAGES, Pipeline
    from eventwire.runners import local, ray_runner
    from eventwire.store import open_store

    load_before = os.getloadavg()[0]  # the machine may be shared: say how busy it was
    docs, where = load_texts(args.limit)
    settings = Settings()

    def articles() -> list[Article]:
        return [Article(id=d["id"], text=d["text"], published_at=d.get("published_at"), origin=d["id"]) for d in docs]

    tmp = Path(tempfile.mkdtemp(prefix="ray_scale_"))
    t0 = time.perf_counter()
    Pipeline(settings, RUN_STAGES)  # load the model, gazetteer and lexicons (cached for the runs below)
    local_startup = time.perf_counter() - t0
    t0 = time.perf_counter()
    env = {} if args.worker_niceness is None else {"env_vars": {"RAY_worker_niceness": str(args.worker_niceness)}}
    ray.init(num_cpus=args.actors, include_dashboard=False, log_to_driver=False, runtime_env=env or None)
    ray_init = time.perf_counter() - t0

    local_runs: list[float] = []
    ray_runs: list[tuple[float, float]] = []  # (actor start-up, run)
    local_cpu: list[float] = []  # CPU of this process (the local runner does everything in it)
    ray_cpu: list[tuple[float, float]] = []  # (driver CPU, actors' CPU on batches)
    try:
        for i in range(args.repeat):
            store = open_store(str(tmp / f"local{i}.db"))
            try:
                t0, c0 = time.perf_counter(), time.process_time()
                ls = local.run_articles(articles(), settings, store)
                local_runs.append(time.perf_counter() - t0)
                local_cpu.append(time.process_time() - c0)
            finally:
                store.close()
            store = open_store(str(tmp / f"ray{i}.db"))
            try:
                t0, c0 = time.perf_counter(), time.process_time()
                rs = ray_runner.run_articles(articles(), settings, store, actors=args.actors)
                total = time.perf_counter() - t0
                ray_runs.append((rs.startup_seconds, total - rs.startup_seconds))
                ray_cpu.append((time.process_time() - c0, rs.worker_cpu_seconds))
            finally:
                store.close()
    finally:
        ray.shutdown()

    same = _events(str(tmp / "local0.db")) == _events(str(tmp / "ray0.db"))
    local_run = min(local_runs)
    actor_startup, ray_run = min(ray_runs, key=lambda r: r[1])
    local_total = local_startup + local_run
    ray_total = ray_init + actor_startup + ray_run
    nice = "Ray default (15)" if args.worker_niceness is None else str(args.worker_niceness)
    print(f"{len(docs)} articles from {where}; batch_size {settings.batch_size}; best of {args.repeat}; "
          f"worker niceness {nice}; load average before {load_before:.1f}")
    print(f"local runner : {local_total:6.1f} s  (start-up {local_startup:.1f} s, run {local_run:.1f} s; "
          f"runs {', '.join(f'{t:.1f}' for t in local_runs)}); {ls.processed} processed, {ls.events} events")
    print(f"ray x{args.actors} actors: {ray_total:6.1f} s  (ray.init {ray_init:.1f} s, actors ready {actor_startup:.1f} s, "
          f"run {ray_run:.1f} s; runs {', '.join(f'{r:.1f}' for _, r in ray_runs)}); {rs.processed} processed, "
          f"{rs.events} events, {rs.batches_sent} batch tasks")
    print(f"speed-up ray/local, start-up included: {local_total / ray_total:.2f}x")
    print(f"speed-up ray/local, start-up excluded: {local_run / ray_run:.2f}x")
    driver_cpu, actors_cpu = min(ray_cpu, key=lambda c: c[0] + c[1])
    print(f"CPU (best): local runner {min(local_cpu):.1f} s; ray driver {driver_cpu:.1f} s + actors {actors_cpu:.1f} s "
          f"on batches (wall time depends on how much CPU the machine gives; CPU does not)")
    print(f"same events in both stores: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
