"""Cross-article resolution: reports -> events (coref), canonical values (discrepancies), storylines.

``resolve_reports(pairs, settings)`` is what the runner calls after ingestion with
``list(store.iter_reports())``; its result goes to ``store.replace_events``.
Tally claims are flagged at read time (``store.list_claims`` -> :mod:`.tallies`).
"""

from __future__ import annotations

import hashlib
import logging

from ..config import Settings
from ..model import Article, Event, EventReport, Storyline
from .coref import cluster_reports
from .discrepancies import merge_reports
from .storylines import build_storylines

__all__ = ["resolve_reports", "event_id_for"]

log = logging.getLogger(__name__)


def event_id_for(first_report_id: str) -> str:
    """Stable event id: derived from the id of the earliest report of the event."""
    return "ev-" + hashlib.sha1(first_report_id.encode("utf-8")).hexdigest()[:12]


def _order(pair: tuple[EventReport, Article]) -> tuple[int, str, str, str]:
    rep, art = pair
    # foreground before background, then by publication, so the first report is the original news
    return (1 if rep.background else 0, art.published_at or "9999", art.id, rep.id)


def resolve_reports(pairs: list[tuple[EventReport, Article]],
                    settings: Settings | None = None) -> tuple[list[Event], list[Storyline]]:
    """Cluster reports of the same real-world event and build events and storylines."""
    settings = settings or Settings()
    pairs = list(pairs)
    events: list[Event] = []
    for members, reasons in cluster_reports(pairs, settings):
        group = sorted((pairs[i] for i in members), key=_order)
        eid = event_id_for(group[0][0].id)
        canonical, discrepancies = merge_reports(group, eid)
        events.append(Event(id=eid, report=canonical, reports=group, discrepancies=discrepancies,
                            merge_reasons=reasons))
    events.sort(key=lambda e: e.id)
    storylines = build_storylines(events, settings)
    log.info("resolved %d reports into %d events and %d storylines", len(pairs), len(events), len(storylines))
    return events, storylines
