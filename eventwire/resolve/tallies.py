"""Running tallies ("at least 40 attacks on US forces since October 17") as series over time.

Claims from many articles are grouped by what they count (event, target,
region: normalised words) and ordered by their as-of date. Two kinds of flag:

* ``decrease``: a source's tally is lower than the same source's earlier tally
  (tallies of this kind only grow; a drop means a correction or a misreading);
* ``disagreement``: two sources give different counts for the same as-of date.

Flags are advisory: nothing is dropped. ``flag_claims`` is pure (no store access).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["flag_claims", "series_key"]

_STOP = {"the", "a", "an", "of", "on", "in", "and", "against", "at", "to", "by", "its", "their", "forces", "troops"}
_WORD = re.compile(r"[a-z0-9]+")


def _norm(text: str | None) -> str:
    words = [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in _WORD.findall((text or "").lower())]
    return " ".join(w for w in words if w not in _STOP)


def series_key(claim: dict[str, Any]) -> str:
    """What a claim counts, e.g. 'attack|us|iraq syria'; claims with the same key form one series."""
    return "|".join(_norm(claim.get(k)) for k in ("event", "target", "region"))


def _as_of(claim: dict[str, Any]) -> str:
    return str(claim.get("as_of") or (claim.get("published_at") or "")[:10] or "")


def _fill_partial_keys(claims: list[dict[str, Any]]) -> None:
    """A claim that leaves out what or where it counts ("at least 40 attacks") joins the one fuller series
    that agrees with everything it does say; with several candidates, the most reported one."""
    full: dict[str, int] = {}
    for c in claims:
        if all(c["series"].split("|")):
            full[c["series"]] = full.get(c["series"], 0) + 1
    for c in claims:
        parts = c["series"].split("|")
        if all(parts) or not any(parts):
            continue
        fits = [k for k in full if all(p == "" or p == q for p, q in zip(parts, k.split("|")))]
        if fits:
            c["series"] = max(fits, key=lambda k: (full[k], k))


def flag_claims(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the claims (copies) ordered by series and as-of date, each with ``series`` and ``flags``."""
    out = [{**c, "series": series_key(c), "flags": []} for c in claims]
    _fill_partial_keys(out)
    out.sort(key=lambda c: (c["series"], _as_of(c), str(c.get("source") or c.get("outlet") or ""),
                            str(c.get("article_id") or "")))
    by_series: dict[str, list[dict[str, Any]]] = {}
    for c in out:
        if c.get("count") is not None:
            by_series.setdefault(c["series"], []).append(c)
    for items in by_series.values():
        last_by_source: dict[str, dict[str, Any]] = {}
        by_date: dict[str, list[dict[str, Any]]] = {}
        for c in items:
            who = str(c.get("source") or c.get("outlet") or "?").lower()
            prev = last_by_source.get(who)
            if prev is not None and _as_of(c) > _as_of(prev) and c["count"] < prev["count"]:
                c["flags"].append({"flag": "decrease", "previous": prev["count"], "previous_as_of": _as_of(prev),
                                   "previous_article": prev.get("article_id")})
            if prev is None or _as_of(c) >= _as_of(prev):
                last_by_source[who] = c
            if _as_of(c):
                by_date.setdefault(_as_of(c), []).append(c)
        for day, same_day in by_date.items():
            counts = {c["count"] for c in same_day}
            sources = {str(c.get("source") or c.get("outlet") or "?").lower() for c in same_day}
            if len(counts) > 1 and len(sources) > 1:
                for c in same_day:
                    others = sorted({o["count"] for o in same_day if o["count"] != c["count"]})
                    c["flags"].append({"flag": "disagreement", "as_of": day, "other_counts": others})
    return out
