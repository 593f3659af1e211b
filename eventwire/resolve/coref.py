"""Event coreference across articles: reports of the same event become one cluster.

Three steps, each cheap enough for 100k reports:

1. **Features** per report: day interval (a week- or month-precise date is an
   interval), coordinates and country, type family, canonical actors with
   direction, target/weapon words, evidence words, near-duplicate group.
2. **Blocking**: a report is only compared with reports in the same type family,
   in date buckets within ``resolve_date_window_days`` and in neighbouring
   geographic cells of ``resolve_distance_km`` (unlocated and region-only
   reports meet the reports of their country). Cost grows with the block sizes,
   not n² (bench/resolve_speed.py).
3. **Scoring and clustering**: a weighted mean of feature scores (``WEIGHTS``)
   with hard vetoes: dates or places too far apart, different countries, actors
   in reversed roles (a strike and the attack it answered), different canonical
   attackers or targeted groups, two reports of one article. Edges above
   ``resolve_threshold`` are merged best first (reports of the same sub-event
   type before the rest), and a merge is only accepted when *every* cross pair
   is compatible and their average score still reaches the threshold (average
   link), so look-alikes do not chain.

Background reports (``background=True``: an earlier event mentioned as
context) take part like any report: they join the event when it is reported
elsewhere, so they never create a duplicate of it; a background report that
matches nothing stays an event of its own (it may be the only record we have),
with ``background`` true in its canonical fields.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..config import Settings
from ..extract.actors import load_kb
from ..gazetteer.index import haversine_km
from ..model import Article, EventReport
from ..store.codec import date_key

__all__ = ["ReportFeatures", "features", "pair_score", "candidate_pairs", "cluster_reports", "FAMILIES"]

log = logging.getLogger(__name__)

# Event types that outlets confuse with each other share a family; reports of different families never meet.
FAMILIES: dict[str, str] = {
    "Battles": "violence",
    "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence",
    "Protests": "unrest",
    "Riots": "unrest",
    "Strategic developments": "strategic",
}
# Sub-event types that outlets report as something of another family (a drone "shot down" vs "attacked").
SUB_FAMILIES: dict[str, str] = {"Disrupted weapons use": "violence"}
WEIGHTS: dict[str, float] = {"type": 0.15, "date": 0.2, "place": 0.2, "actors": 0.2, "target_weapons": 0.1,
                             "lexical": 0.15}
UNKNOWN = 0.5  # a feature neither side can tell us about neither helps nor hurts
NEAR_DUPLICATE_BONUS = 0.25
SLACK_DAYS = {"day": 0, "week": 3, "month": 15, "year": 182}
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{2,}|\d+")
_STOP = frozenset("""the and for that with from this were was have has had been are its their they them said says
will would could after before into over about than more also which when where while there other some what who
not but our his her she him out new one two three first last week day days today yesterday on in at of to by
monday tuesday wednesday thursday friday saturday sunday""".split())
MAX_WORDS = 80


@dataclass(slots=True)
class ReportFeatures:
    idx: int
    report_id: str
    article_id: str
    group: str  # near-duplicate family: the original article id
    family: str
    event_type: str
    sub_event_type: str
    day: int | None  # date ordinal (interval start)
    slack: int  # half-width of the date interval (0 = exact day)
    day_known: bool  # False when only the publication date bounds it
    lat: float | None
    lon: float | None
    geo_precision: int
    country: str | None
    actor1: str | None
    actor2: str | None
    actor1_canonical: bool
    actor2_canonical: bool
    actors: frozenset[str]
    target_weapons: frozenset[str]
    words: frozenset[str]
    background: bool


def _ordinal(value: str | None) -> int | None:
    key = date_key(value)
    if key is None:
        return None
    try:
        return date.fromisoformat(key).toordinal()
    except ValueError:
        return None


def _norm_actor(a: Any) -> tuple[str | None, bool]:
    if a is None:
        return None, False
    if a.canonical:
        return a.canonical.strip().lower(), True
    return (a.name or "").strip().lower() or None, False


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower())) - _STOP


def features(idx: int, report: EventReport, article: Article) -> ReportFeatures:
    """Everything the scorer needs, computed once per report."""
    d = report.date
    day = _ordinal(d.value) if d is not None else None
    day_known = day is not None and not (d is not None and d.from_publication_date)
    slack = 0
    if d is not None and day is not None:
        prec = d.precision or ("day" if d.value and len(d.value) >= 10 else "month" if d.value and len(d.value) == 7
                               else "week" if d.value and "-W" in d.value else "year")
        slack = SLACK_DAYS.get(prec, 0)
        if prec in ("week", "month", "year"):
            day += slack  # interval centre: date_key gave its first day
    if day is None and article.published_at:
        day, slack = _ordinal(article.published_at[:10]), 0  # bounds the event for blocking only
        if day is not None:
            day, slack = day - 7, 7  # most news is about the past week
    loc = report.location
    lat = loc.lat if loc is not None else None
    lon = loc.lon if loc is not None else None
    if lat is None or lon is None or (loc is not None and (loc.geo_precision or 0) >= 3):
        lat = lon = None  # a region-only place ("Iraq") says which country, not where: compared by country
    a1, c1 = _norm_actor(report.actor1)
    a2, c2 = _norm_actor(report.actor2)
    tw = _words(report.target or "") | {w.name.lower() for w in report.weapons} | {
        w.subtype.lower() for w in report.weapons if w.subtype}
    text = " ".join(article.text[s.start:s.end] for s in report.evidence) if article.text else ""
    words = _words(text)
    if len(words) > MAX_WORDS:
        words = set(sorted(words)[:MAX_WORDS])
    return ReportFeatures(
        idx=idx, report_id=report.id, article_id=article.id,
        group=article.duplicate_of or article.near_duplicate_of or article.id,
        family=SUB_FAMILIES.get(report.sub_event_type) or FAMILIES.get(report.event_type, report.event_type or "?"),
        event_type=report.event_type, sub_event_type=report.sub_event_type,
        day=day, slack=slack, day_known=day_known,
        lat=lat, lon=lon, geo_precision=(loc.geo_precision or 2) if loc is not None else 3,
        country=((loc.country_code or "").upper() or None) if loc is not None else None,
        actor1=a1, actor2=a2, actor1_canonical=c1, actor2_canonical=c2,
        actors=frozenset(x for x in (a1, a2) if x), target_weapons=frozenset(tw), words=frozenset(words),
        background=report.background,
    )


def _same_actor(x: str, y: str) -> bool:
    return x == y or (len(x) > 3 and len(y) > 3 and (x in y or y in x)) or load_kb().same_side(x, y)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float | None:
    if not a or not b:
        return None
    return len(a & b) / len(a | b)


def pair_score(a: ReportFeatures, b: ReportFeatures, window: int, max_km: float) -> tuple[float | None, dict[str, Any]]:
    """(score in [0, 1], feature scores) or (None, {"veto": why}) when the two can never be one event."""
    if a.article_id == b.article_id:
        return None, {"veto": "same article"}
    if a.family != b.family:
        return None, {"veto": "incompatible event types"}
    f: dict[str, Any] = {}
    if a.sub_event_type == b.sub_event_type:
        f["type"] = 1.0
    elif a.event_type == b.event_type or a.sub_event_type in SUB_FAMILIES or b.sub_event_type in SUB_FAMILIES:
        f["type"] = 0.5  # same ACLED event type, or a pair declared confusable
    else:
        f["type"] = 0.2
    # date: distance between the two date intervals
    if a.day is not None and b.day is not None:
        gap = max(0, abs(a.day - b.day) - a.slack - b.slack)
        if gap > window:
            return None, {"veto": f"dates {gap} days apart (window {window})"}
        f["date"] = 1.0 - gap / (window + 1) if (a.day_known and b.day_known) else UNKNOWN
        f["days_apart"] = gap
    else:
        f["date"] = UNKNOWN
    # actors, with direction: a strike and the attack it answered have the roles swapped
    if a.actor1 and b.actor1 and a.actor1 != b.actor1 and not _same_actor(a.actor1, b.actor1):
        if (b.actor2 and _same_actor(a.actor1, b.actor2)) or (a.actor2 and _same_actor(b.actor1, a.actor2)):
            return None, {"veto": "actors in reversed roles (an attack and the response to it)"}
        if a.actor1_canonical and b.actor1_canonical:
            return None, {"veto": f"different attackers ({a.actor1}, {b.actor1})"}
    # role by role, only where both sides name one; targets are described loosely ("militants" vs a group)
    roles = []
    if a.actor1 and b.actor1:
        roles.append(1.0 if _same_actor(a.actor1, b.actor1) else 0.0)
    if a.actor2 and b.actor2:
        same2 = _same_actor(a.actor2, b.actor2)
        if not same2 and a.actor2_canonical and b.actor2_canonical:
            return None, {"veto": f"different targeted actors ({a.actor2}, {b.actor2})"}
        roles.append(1.0 if same2 else 0.2)
    f["actors"] = sum(roles) / len(roles) if roles else UNKNOWN
    # place
    if a.country and b.country and a.country != b.country:
        return None, {"veto": f"different countries ({a.country}, {b.country})"}
    if a.lat is not None and b.lat is not None:
        limit = max_km
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        if km > limit:
            return None, {"veto": f"places {km:.0f} km apart (limit {limit:.0f})"}
        f["place"] = 1.0 - km / (limit + 1e-9) * 0.8
        f["km"] = round(km, 1)
    else:
        f["place"] = 0.6 if (a.country and a.country == b.country) else UNKNOWN
    tw = _jaccard(a.target_weapons, b.target_weapons)
    f["target_weapons"] = UNKNOWN if tw is None else min(1.0, 0.2 + tw)  # names vary: "F-15" vs "warplane"
    lex = _jaccard(a.words, b.words)
    f["lexical"] = UNKNOWN if lex is None else min(1.0, 2.0 * lex)
    score = sum(WEIGHTS[k] * f[k] for k in WEIGHTS)
    if a.group == b.group:
        f["near_duplicate"] = 1.0
        score = min(1.0, score + NEAR_DUPLICATE_BONUS)
    return round(score, 4), f


def _cell(lat: float, lon: float, size: float) -> tuple[int, int]:
    return int(math.floor(lat / size)), int(math.floor(lon / size))


def candidate_pairs(feats: list[ReportFeatures], window: int, max_km: float) -> set[tuple[int, int]]:
    """Pairs (i < j) that share a type family, a date neighbourhood and a place neighbourhood.

    Cells are ``resolve_distance_km`` wide, so a located report only meets the 3x3 cells around it (wider in
    longitude away from the equator); unlocated (or region-only) reports meet every report of their country,
    so no pair the scorer could accept is lost.
    """
    width = window + 1  # days per date bucket
    size = max(max_km, 1.0) / 111.0  # degrees of latitude per cell
    index: dict[tuple[Any, ...], list[int]] = {}

    def around(ft: ReportFeatures, reach: int) -> list[tuple[Any, ...]]:
        r, c = _cell(ft.lat, ft.lon, size)  # type: ignore[arg-type]
        lon_reach = reach * math.ceil(1.0 / max(math.cos(math.radians(min(abs(ft.lat) + size * reach, 80.0))),
                                                0.17))  # type: ignore[arg-type]
        return [("geo", (r + dr, c + dc)) for dr in range(-reach, reach + 1)
                for dc in range(-lon_reach, lon_reach + 1)]

    def register_keys(ft: ReportFeatures) -> list[tuple[Any, ...]]:
        if ft.lat is None:
            return [("unl", ft.country)]
        return [("geo", _cell(ft.lat, ft.lon, size)), ("loc", ft.country)]  # type: ignore[arg-type]

    def query_keys(ft: ReportFeatures) -> list[tuple[Any, ...]]:
        unlocated = [("unl", ft.country), ("unl", None)] if ft.country else [("unl", None)]
        if ft.lat is None:
            return ([("loc", ft.country)] if ft.country else []) + unlocated
        return around(ft, 1) + unlocated

    undated: list[int] = []
    for ft in feats:
        if ft.day is None:
            undated.append(ft.idx)
            continue
        keys = register_keys(ft)
        for b in range((ft.day - ft.slack) // width, (ft.day + ft.slack) // width + 1):
            for pk in keys:
                index.setdefault((ft.family, b, pk), []).append(ft.idx)
    pairs: set[tuple[int, int]] = set()
    days = [ft.day for ft in feats]
    slacks = [ft.slack for ft in feats]
    lats = [ft.lat for ft in feats]
    attackers = [ft.actor1 if ft.actor1_canonical else None for ft in feats]  # canonical names only
    lat_limit = max_km / 111.0 + 1e-6  # degrees of latitude no accepted pair can exceed
    for ft in feats:
        if ft.day is None:
            continue
        i, day, slack, lat, attacker = ft.idx, ft.day, ft.slack, ft.lat, attackers[ft.idx]
        keys = query_keys(ft)
        for b in range((day - slack - window) // width, (day + slack + window) // width + 1):
            for pk in keys:
                for j in index.get((ft.family, b, pk), ()):
                    if j == i:
                        continue
                    # cheap vetoes before the full score: the bucket only bounds the date gap
                    if abs(day - days[j]) - slack - slacks[j] > window:  # type: ignore[operator]
                        continue
                    lat_j = lats[j]
                    if lat is not None and lat_j is not None and abs(lat - lat_j) > lat_limit:
                        continue
                    other = attackers[j]
                    if attacker and other and attacker != other and not _same_actor(attacker, other):
                        continue  # two different canonical attackers: pair_score would veto it
                    pairs.add((i, j) if i < j else (j, i))  # some pairs are only seen from one side
    # Reports without any date can only be matched to their near-duplicates.
    by_group: dict[str, list[int]] = {}
    for i in undated:
        by_group.setdefault(feats[i].group, []).append(i)
    for ft in feats:
        for j in by_group.get(ft.group, ()):
            if j != ft.idx:
                pairs.add((ft.idx, j) if ft.idx < j else (j, ft.idx))
    return pairs


def cluster_reports(pairs: list[tuple[EventReport, Article]],
                    settings: Settings) -> list[tuple[list[int], list[dict[str, Any]]]]:
    """Cluster report indexes; returns ``[(member indexes, merge reasons)]``, one per event."""
    window = int(settings.resolve_date_window_days)
    max_km = float(settings.resolve_distance_km)
    threshold = float(settings.resolve_threshold)
    feats = [features(i, rep, art) for i, (rep, art) in enumerate(pairs)]
    cands = candidate_pairs(feats, window, max_km)
    cache: dict[tuple[int, int], tuple[float | None, dict[str, Any]]] = {}
    edges: list[tuple[int, float, str, str, int, int]] = []
    for i, j in cands:
        s, f = pair_score(feats[i], feats[j], window, max_km)
        if s is None:
            continue  # vetoed: recomputed on demand if a cluster merge ever asks
        cache[(i, j)] = (s, f)
        if s >= threshold:
            # Tier 0: news reports of the same sub-event type form the core of events first; reports typed
            # differently or mentioned as background attach afterwards (if the average link still holds).
            a, b = feats[i], feats[j]
            tier = 0 if (a.sub_event_type == b.sub_event_type and not a.background and not b.background) else 1
            edges.append((tier, -s, a.report_id, b.report_id, i, j))
    edges.sort()  # best first; ids break ties so the result does not depend on input order

    def score(i: int, j: int) -> float | None:
        key = (i, j) if i < j else (j, i)
        if key not in cache:
            cache[key] = pair_score(feats[key[0]], feats[key[1]], window, max_km)
        return cache[key][0]

    owner = list(range(len(feats)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(feats))}
    reasons: dict[int, list[dict[str, Any]]] = {}
    for _, neg, _, _, i, j in edges:
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        total, n, ok = 0.0, 0, True
        for x in members[ci]:
            for y in members[cj]:
                s = score(x, y)
                if s is None:
                    ok = False
                    break
                total += s
                n += 1
            if not ok:
                break
        if not ok or total / n < threshold:
            continue
        if len(members[ci]) < len(members[cj]):
            ci, cj = cj, ci
        for y in members[cj]:
            owner[y] = ci
        members[ci].extend(members.pop(cj))
        key = (i, j) if i < j else (j, i)
        reason = {"reports": [feats[i].report_id, feats[j].report_id], "score": -neg,
                  "average_link": round(total / n, 4), "pairs_checked": n, "threshold": threshold,
                  "features": {k: (round(v, 3) if isinstance(v, float) else v) for k, v in cache[key][1].items()}}
        reasons.setdefault(ci, []).extend(reasons.pop(cj, []))
        reasons[ci].append(reason)
    log.info("resolve: %d reports, %d candidate pairs, %d edges, %d clusters", len(feats), len(cands), len(edges),
             len(members))
    return [(sorted(members[k]), reasons.get(k, [])) for k in sorted(members)]
