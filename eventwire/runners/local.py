"""The local runner: ingest -> dedup -> pipeline -> store, then resolve across articles.

Incremental: an article already stored with the same text hash is not extracted
again, and re-running on the same input adds no rows. Every input ends either
stored or quarantined with a reason.
"""

from __future__ import annotations

import itertools
import logging
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..config import Settings
from ..model import Article, Quarantined
from ..pipeline import RUN_STAGES, Pipeline

__all__ = ["RunSummary", "RunDriver", "run_paths", "run_articles", "run_demo", "examples_dir"]

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    inputs: int = 0  # articles and quarantined inputs seen
    processed: int = 0  # extracted and stored this run
    unchanged: int = 0  # already in the store with the same text
    duplicates: int = 0  # exact copies of another article (stored, not extracted)
    near_duplicates: int = 0  # syndicated / lightly rewritten copies (stored and extracted)
    quarantined: int = 0
    reports: int = 0  # event reports extracted this run
    events: int = 0  # resolved events in the store after this run
    storylines: int = 0
    seconds: float = 0.0
    quarantine_reasons: Counter = field(default_factory=Counter)
    db: str = ""

    def render(self) -> str:
        lines = [
            f"articles: {self.inputs - self.quarantined} "
            f"(processed {self.processed}, unchanged {self.unchanged}, "
            f"duplicates {self.duplicates}, near-duplicates {self.near_duplicates})",
            f"quarantined: {self.quarantined}"
            + (" (" + ", ".join(f"{r}: {n}" for r, n in self.quarantine_reasons.most_common()) + ")"
               if self.quarantined else ""),
            f"event reports: {self.reports}; events after resolution: {self.events}; storylines: {self.storylines}",
            f"store: {self.db} ({self.seconds:.1f} s)",
        ]
        if self.quarantined:
            lines.append("see `eventwire quarantine --db " + self.db + "` for the reasons per input")
        return "\n".join(lines)


def _reason_key(reason: str) -> str:
    return reason.split(":", 1)[0].strip() or "other"


def run_paths(paths: list[str], settings: Settings, store, fmt: str = "auto",
              field_map: dict[str, str] | None = None, progress: bool = False) -> RunSummary:
    """Ingest files, folders, URLs, feeds or '-' (stdin), extract, store and resolve."""
    from ..ingest import read_inputs

    return run_articles(read_inputs(paths, settings, fmt=fmt, field_map=field_map), settings, store,
                        progress=progress)


def run_articles(items: Iterable[Article | Quarantined], settings: Settings, store,
                 progress: bool = False) -> RunSummary:
    """Run already-ingested articles through the pipeline into ``store`` and re-resolve events."""
    driver = RunDriver(settings, store)
    bar = _progress(progress)
    todo = driver.to_extract(items)
    first = next(todo, None)
    # the stages (spaCy, the place index: seconds to load) are built only when an article needs them,
    # so a re-run over unchanged inputs costs the incremental check and the resolution alone
    pipeline = Pipeline(settings, RUN_STAGES) if first is not None else None
    for out in pipeline.pipe(itertools.chain([first], todo)) if pipeline is not None else ():
        driver.accept(out)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return driver.finish()


class RunDriver:
    """The single-writer side of a run, shared by every runner (local, Ray).

    It owns what must stay in one process for results to be identical whatever
    runs the stages: the incremental check against the store, dedup, the store
    writes, the summary and the cross-article resolve. A runner feeds
    :meth:`to_extract` output to the stages, wherever they run, and hands each
    result back to :meth:`accept`.
    """

    def __init__(self, settings: Settings, store, summary: RunSummary | None = None) -> None:
        from ..ingest.dedup import Deduplicator

        self.started = time.perf_counter()
        self.settings = settings
        self.store = store
        self.summary = summary if summary is not None else RunSummary()
        self.summary.db = str(getattr(store, "path", ""))
        self.dedup = Deduplicator(settings)
        self.dedup.seed(store.article_fingerprints())

    def quarantine(self, q: Quarantined) -> None:
        self.store.save_quarantine(q)
        self.summary.quarantined += 1
        self.summary.quarantine_reasons[_reason_key(q.reason)] += 1

    def to_extract(self, items: Iterable[Article | Quarantined]) -> Iterator[Article]:
        """The articles that need the stages; everything else is stored or quarantined here."""
        summary, store = self.summary, self.store
        for item in items:
            summary.inputs += 1
            if isinstance(item, Quarantined):
                self.quarantine(item)
                continue
            if store.has_article(item.id, item.hash):
                summary.unchanged += 1
                continue
            self.dedup.check(item)
            if item.duplicate_of:
                # An exact copy adds no new information: keep the record, skip extraction.
                summary.duplicates += 1
                store.save_article(item)
                continue
            if item.near_duplicate_of:
                summary.near_duplicates += 1
            yield item

    def accept(self, out: Article | Quarantined) -> None:
        """Store one stage result (an extracted article or a quarantined one)."""
        if isinstance(out, Quarantined):
            self.quarantine(out)
        else:
            self.store.save_article(out)
            self.summary.processed += 1
            self.summary.reports += len(out.events)

    def finish(self) -> RunSummary:
        """Re-resolve events across every stored article and close the summary."""
        from ..resolve import resolve_reports

        events, storylines = resolve_reports(list(self.store.iter_reports()), self.settings)
        self.store.replace_events(events, storylines)
        self.summary.events = len(events)
        self.summary.storylines = len(storylines)
        self.summary.seconds = time.perf_counter() - self.started
        return self.summary


def _progress(enabled: bool):
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(desc="articles", unit="art", file=sys.stderr, leave=False)


def examples_dir() -> Path:
    """The bundled sample corpus (written by the eventwire developers)."""
    return Path(__file__).resolve().parent.parent / "data" / "examples"


def run_demo(settings: Settings, db: str | None = None) -> str:
    """Run the sample corpus into a fresh demo store and describe what came out."""
    from ..store import open_store
    from ..store.render import render_event_line

    db_path = db or "eventwire-demo.db"
    if "://" not in db_path:  # a fresh file; a database URL (PostgreSQL) is run into as it is (incrementally)
        for suffix in ("", "-wal", "-shm"):
            Path(db_path + suffix).unlink(missing_ok=True)
    store = open_store(db_path, create=True)
    try:
        summary = run_paths([str(examples_dir())], settings, store)
        events = store.list_events()
        merged = [e for e in events if len(e.reports) > 1]
        lines = [summary.render(), "", f"{len(events)} events ({len(merged)} reported by more than one outlet):"]
        lines += ["  " + render_event_line(e) for e in events]
        with_disc = [e for e in events if e.discrepancies]
        if with_disc:
            e = with_disc[0]
            lines += ["", f"where sources disagree, e.g. event {e.id}:"]
            for d in e.discrepancies:
                vals = "; ".join(f"{v.get('source') or v.get('article_id')}: {v.get('value')}" for v in d["values"])
                lines.append(f"  {d['field']}: {vals} -> {d['canonical']} ({d['rule']})")
        lines += ["", f"next: eventwire show EVENT_ID --db {db_path}   |   eventwire serve --db {db_path}",
                  f"      eventwire export --db {db_path} --format csv -o events.csv"]
        return "\n".join(lines)
    finally:
        store.close()
