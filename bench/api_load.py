"""Event-list latency under load: a 100,000-event SQLite store served on loopback, hit at a fixed rate.

    python bench/api_load.py                      # 100k events, 200 req/s for 15 s
    python bench/api_load.py --events 20000 --rate 100 --seconds 10 --db /tmp/small.db
    python bench/api_load.py --workers 2          # two server processes (eventwire serve --workers 2)

The store is generated through the store API (``replace_events``) with synthetic
events (types, dates, places, actors, evidence text), and reused when the file
already holds that many events. The server runs in its own process (``serve``);
the load generator is open-loop: requests are *scheduled* every 1/rate seconds
and latency is measured from the scheduled time, so a slow server cannot hide
its queueing delay (no coordinated omission). The query mix is what the
dashboard sends for the event list: first pages, type/date/country/bbox/actor
filters, full-text search and deeper pages. Prints p50/p90/p99/max per query
kind and overall, with the load average (other work on the machine skews the numbers);
TARGET: overall p99 <= 50 ms at 200 req/s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventwire.model import (  # noqa: E402
    Actor,
    Article,
    Count,
    Event,
    EventDate,
    EventReport,
    Location,
    Span,
    Storyline,
    Weapon,
)
from eventwire.store import open_store  # noqa: E402
from eventwire.store.base import EventFilter  # noqa: E402

TYPES = [
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Strategic developments", "Arrests"),
]
PLACES = [
    ("Mayadin", 35.02, 40.45, "SY"), ("Abu Kamal", 34.45, 40.92, "SY"), ("Aleppo", 36.20, 37.16, "SY"),
    ("Erbil", 36.19, 44.01, "IQ"), ("Baghdad", 33.34, 44.40, "IQ"), ("Kharkiv", 49.99, 36.23, "UA"),
    ("Kherson", 46.64, 32.62, "UA"), ("Donetsk", 48.02, 37.80, "UA"), ("Khan Younis", 31.34, 34.31, "PS"),
    ("Sanaa", 15.35, 44.21, "YE"), ("Hodeidah", 14.80, 42.95, "YE"), ("Goma", -1.68, 29.22, "CD"),
    ("Khartoum", 15.50, 32.56, "SD"), ("El Fasher", 13.63, 25.35, "SD"), ("Mogadishu", 2.04, 45.34, "SO"),
    ("Bamako", 12.64, -8.00, "ML"), ("Maiduguri", 11.85, 13.16, "NG"), ("Kabul", 34.53, 69.17, "AF"),
]
ACTORS = ["United States Armed Forces", "Iran-backed militias", "Military Forces of Russia",
          "Military Forces of Ukraine", "Hamas", "Israel Defense Forces", "Houthi movement", "M23",
          "Rapid Support Forces", "Sudanese Armed Forces", "al-Shabaab", "JNIM", "Boko Haram", "Taliban",
          "Protesters", "Police Forces"]
WEAPONS = ["drone", "F-15", "artillery", "rocket", "IED", "rifle", "missile", "mortar"]
SOURCES = ["Wire A", "Wire B", "Daily C", "Radio D", "Agency E", "Monitor F"]
START = date(2023, 1, 1)
DAYS = 730


def synthetic_events(n: int, seed: int = 7) -> tuple[list[Event], list[Storyline]]:
    rnd = random.Random(seed)
    events: list[Event] = []
    lines: dict[str, Storyline] = {}
    for i in range(n):
        etype, sub = rnd.choice(TYPES)
        place, lat, lon, cc = rnd.choice(PLACES)
        a1, a2 = rnd.sample(ACTORS, 2)
        weapon = rnd.choice(WEAPONS)
        day = (START + timedelta(days=rnd.randrange(DAYS))).isoformat()
        dead = rnd.choice([None, 0, 1, 2, 3, 5, 8, 12, 20])
        text = (f"{a1} forces carried out a {sub.lower()} with a {weapon} near {place} on {day}, "
                f"{'killing ' + str(dead) + ' people' if dead else 'with no reported deaths'}, "
                f"according to {rnd.choice(['officials', 'witnesses', 'a monitor', 'local media'])}.")
        aid = f"syn-{i:06d}"
        art = Article(id=aid, text=text, published_at=day, source=rnd.choice(SOURCES), title=f"{sub} near {place}")
        rep = EventReport(
            id=f"{aid}/e1", article_id=aid, event_type=etype, sub_event_type=sub,
            actor1=Actor(name=a1, canonical=a1), actor2=Actor(name=a2, canonical=a2),
            location=Location(name=place, lat=lat + rnd.uniform(-0.3, 0.3), lon=lon + rnd.uniform(-0.3, 0.3),
                              country_code=cc, geo_precision=1),
            date=EventDate(value=day, precision="day"), weapons=[Weapon(name=weapon, category="WEAPON")],
            fatalities=Count(value=dead), evidence=[Span(0, len(text))], confidence=0.7,
        )
        sid = f"sl-{cc}-{day[:7]}" if rnd.random() < 0.3 else None
        if sid:
            lines.setdefault(sid, Storyline(id=sid, title=f"{cc} {day[:7]}")).event_ids.append(f"ev-{i:06d}")
        events.append(Event(id=f"ev-{i:06d}", report=rep, reports=[(rep, art)], storyline_id=sid))
    return events, list(lines.values())


def ensure_store(path: str, n: int) -> float:
    """Build the store unless it already holds ``n`` events; returns build seconds (0 when reused)."""
    if os.path.exists(path):
        st = open_store(path, create=False)
        try:
            if st.count_events(EventFilter()) == n:
                return 0.0
        finally:
            st.close()
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
    t0 = time.perf_counter()
    events, lines = synthetic_events(n)
    st = open_store(path)
    try:
        st.replace_events(events, lines)
    finally:
        st.close()
    return time.perf_counter() - t0


def query_mix(rnd: random.Random, only: str | None = None) -> tuple[str, str]:
    """(kind, path+query) like the dashboard's event list sends; ``only`` pins one kind
    (``health`` measures the HTTP + framework floor without the store)."""
    def d() -> str:
        return (START + timedelta(days=rnd.randrange(DAYS - 30))).isoformat()

    kind = rnd.choices(["first-page", "type", "dates", "country", "bbox", "actor", "search", "deep-page"],
                       weights=[20, 15, 15, 10, 10, 10, 10, 10])[0] if only is None else only
    if kind == "health":
        return kind, "/api/config"
    if kind == "first-page":
        q = "limit=50"
    elif kind == "type":
        q = f"sub_event_type={rnd.choice(TYPES)[1].replace('/', '%2F').replace(' ', '+')}&limit=50"
    elif kind == "dates":
        start = d()
        end = (date.fromisoformat(start) + timedelta(days=rnd.choice([1, 7, 30]))).isoformat()
        q = f"date_from={start}&date_to={end}&limit=50"
    elif kind == "country":
        q = f"country={rnd.choice(PLACES)[3]}&limit=50"
    elif kind == "bbox":
        _, lat, lon, _ = rnd.choice(PLACES)
        q = f"bbox={lon - 2:.2f},{lat - 2:.2f},{lon + 2:.2f},{lat + 2:.2f}&limit=50"
    elif kind == "actor":
        q = f"actor={rnd.choice(ACTORS).split()[0]}&limit=50"
    elif kind == "search":
        q = f"q={rnd.choice(WEAPONS + [p[0].split()[0] for p in PLACES])}&limit=50"
    else:
        q = f"limit=50&offset={rnd.choice([500, 2000, 10000])}"
    return kind, "/api/events?" + q


async def _request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n".encode())
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise asyncio.IncompleteReadError(b"", None)
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    await reader.readexactly(length)
    return int(status_line.split()[1])


async def load(port: int, rate: float, seconds: float, connections: int, seed: int,
               grace: float = 30.0, only: str | None = None) -> list[tuple[str, float, int]]:
    """Open-loop load: request k is due at t0 + k/rate; latency counts from that due time."""
    rnd = random.Random(seed)
    plan = [query_mix(rnd, only) for _ in range(int(rate * seconds))]
    pool: asyncio.Queue = asyncio.Queue()
    for _ in range(connections):
        pool.put_nowait(await asyncio.open_connection("127.0.0.1", port))
    results: list[tuple[str, float, int]] = []
    loop = asyncio.get_running_loop()
    t0 = loop.time() + 0.2

    async def one(k: int, kind: str, path: str) -> None:
        due = t0 + k / rate
        await asyncio.sleep(max(0.0, due - loop.time()))
        conn = await pool.get()
        status = -1
        try:
            for _attempt in range(2):  # the server closes idle keep-alive connections: reconnect once
                try:
                    status = await _request(*conn, path)
                    break
                except (OSError, IndexError, asyncio.IncompleteReadError):
                    conn[1].close()
                    conn = await asyncio.open_connection("127.0.0.1", port)
        finally:
            pool.put_nowait(conn)
        results.append((kind, (loop.time() - due) * 1000.0, status))

    tasks = [asyncio.ensure_future(one(k, kind, path)) for k, (kind, path) in enumerate(plan)]
    done, pending = await asyncio.wait(tasks, timeout=seconds + grace)
    for task in pending:  # bounded run: what has not come back by then is a timeout
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    results += [(kind, float("inf"), 0) for task, (kind, _) in zip(tasks, plan) if task in pending]
    while not pool.empty():
        _, w = pool.get_nowait()
        w.close()
    return results


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100.0 * len(s) + 0.5)) - 1))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", default=os.path.join(tempfile.gettempdir(), "eventwire-bench-api.db"))
    ap.add_argument("--rate", type=float, default=200.0, help="requests per second (open loop)")
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--connections", type=int, default=16, help="keep-alive connections")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", choices=["first-page", "type", "dates", "country", "bbox", "actor", "search",
                                       "deep-page", "health"], help="one query kind instead of the mix")
    ap.add_argument("--grace", type=float, default=30.0, help="seconds after the last scheduled request before giving up")
    ap.add_argument("--workers", type=int, default=1, help="server processes (eventwire serve --workers)")
    ap.add_argument("--page-cache", type=int, default=256,
                    help="the api_page_cache setting (0 = every request goes to the store)")
    args = ap.parse_args()

    built = ensure_store(args.db, args.events)
    print(f"store: {args.db} with {args.events} events ({'built in %.1f s' % built if built else 'reused'}); "
          f"server workers: {args.workers}, page cache: {args.page_cache}")

    port = free_port()
    code = ("import sys; from eventwire.config import Settings; from eventwire.server.app import serve; "
            f"serve({args.db!r}, Settings({{'api_page_cache': {args.page_cache}}}), host='127.0.0.1', port={port}, "
            f"workers={args.workers})")
    server = subprocess.Popen([sys.executable, "-c", code], cwd=str(ROOT))
    try:
        deadline = time.time() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit("server did not start")
                time.sleep(0.1)
        # warm-up: page cache and query plans
        asyncio.run(load(port, 10, 1, 4, seed=999, grace=10))
        t0 = time.perf_counter()
        results = asyncio.run(load(port, args.rate, args.seconds, args.connections, args.seed, args.grace,
                                   args.only))
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=10)

    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average (1 min) after the run: {load1:.2f} on {os.cpu_count()} cores")
    errors = sum(1 for _, _, status in results if status not in (200, 0))
    timeouts = sum(1 for _, _, status in results if status == 0)
    print(f"{len(results)} requests in {wall:.1f} s (offered {args.rate:.0f}/s, answered {sum(1 for r in results if r[2]) / wall:.0f}/s), "
          f"{errors} non-200, {timeouts} unanswered after {args.seconds + args.grace:.0f} s (counted as infinite)")
    print(f"{'kind':<12}{'n':>6}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    kinds = sorted({k for k, _, _ in results})
    for kind in kinds + ["ALL"]:
        lat = [ms for k, ms, _ in results if kind in (k, "ALL")]
        print(f"{kind:<12}{len(lat):>6}" + "".join(f"{v:>9.1f}" for v in (pct(lat, 50), pct(lat, 90), pct(lat, 99), max(lat))))
    p99 = pct([ms for _, ms, _ in results], 99)
    print(f"overall p99 {p99:.1f} ms — target <= 50 ms: {'MET' if p99 <= 50 else 'NOT MET'}")


if __name__ == "__main__":
    main()
