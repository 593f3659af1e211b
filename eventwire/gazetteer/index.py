"""Look up places in a built index: exact key, loose (variant-folded) key, then fuzzy.

Fuzzy matching never scans all names: it compares the query only with the
names sharing its consonant skeleton (a block), with rapidfuzz.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
import math
import pickle
import threading
import time
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import GazetteerError
from .build import INDEX_VERSION, build_index, default_index_path
from .normalize import loose_key, name_key, skeleton

__all__ = ["Gazetteer", "load_gazetteer", "haversine_km", "ADMIN_CODES", "COUNTRY_CODES", "ALT_SCORE", "LOOSE_SCORE"]

log = logging.getLogger(__name__)

COUNTRY_CODES = frozenset({"PCLI", "PCLS", "PCL", "PCLD", "PCLF", "PCLIX", "TERR"})
ADMIN_CODES = frozenset({"ADM1", "ADM2", "ADM3", "ADMD", "RGN"})
# Stand-in populations for places that carry none, so that ranking by size is sane.
# A sea or gulf is as big a reading as a region ("Red Sea" the sea before Egypt's governorate).
_PSEUDO_POP = {"CONT": 5e8, "ADM1": 1e6, "RGN": 3e5, "ADM2": 5e4, "OCN": 5e7, "SEA": 3e6, "GULF": 3e6}
ALT_SCORE = 0.93  # Gazetteer.match: an alternate name of the place
LOOSE_SCORE = 0.9  # a variant spelling (transliteration folded); below it a fuzzy match
_FUZZY_CUTOFF = 86.0
_MEMO_MAX = 100_000  # remembered lookups (a few MB at most)
# Abbreviated first words of place names ("Mt. Pleasant", "Ft. Worth", "St. Marys").
_ABBREV_HEADS = {"mt": "mount", "ft": "fort", "st": "saint", "pt": "point", "n": "north", "s": "south", "e": "east",
                 "w": "west"}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (Earth radius 6,371 km; the geo scorer, eval.metrics, keeps its own constant)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


class Gazetteer:
    """A loaded place index. ``candidates(name)`` is the public lookup."""

    def __init__(self, data: dict[str, Any], path: Path | None = None) -> None:
        if data.get("version") != INDEX_VERSION:
            raise GazetteerError(f"place index {path} has version {data.get('version')}, expected {INDEX_VERSION}",
                                 hint="rebuild it with `eventwire gazetteer build`")
        import numpy as np

        self.path = path
        self.gid: list[int] = np.frombuffer(data["gid"], dtype=np.int64).tolist()
        self.name: list[str] = data["name"].split("\n")
        self.lat: list[float] = np.frombuffer(data["lat"], dtype=np.float64).tolist()
        self.lon: list[float] = np.frombuffer(data["lon"], dtype=np.float64).tolist()
        self.cc: list[str] = data["cc"].split("\n")
        self.admin1: list[str] = data["admin1"].split("\n")
        self.fcode: list[str] = data["fcode"].split("\n")
        self.pop: list[int] = np.frombuffer(data["pop"], dtype=np.int64).tolist()
        # Place index of each town's US county (-1: none known).
        self.county: list[int] = (np.frombuffer(data["county"], dtype=np.int32).tolist() if "county" in data
                                  else [-1] * len(self.gid))
        self.admin1_names: dict[str, str] = data["admin1_names"]
        self.admin1_place: dict[str, int] = data["admin1_place"]
        self.country_place: dict[str, int] = data["country_place"]
        self.state_abbrev: dict[str, int] = data.get("state_abbrev", {})
        self._exact = _PackedMap(data["exact"])
        self._loose = _PackedMap(data["loose"])
        self._blocks = _PackedMap(data["blocks"])
        self.sources: list[str] = data.get("sources", [])
        # Lookups repeat across a corpus' documents ("Iraq", "Springfield"): remembered, within a bound.
        self._match_memo: dict[tuple[str, bool, bool], tuple[tuple[int, float], ...]] = {}
        self._prior_memo: dict[int, float] = {}

    def __len__(self) -> int:
        return len(self.gid)

    # ------------------------------------------------------------------ lookups (place indices)
    def exact(self, name: str) -> tuple[int, ...]:
        return self._exact.get(name_key(name))

    def match(self, name: str, fuzzy: bool = True, loose: bool = True) -> list[tuple[int, float]]:
        """``(place index, match score)``: 1.0 own name, 0.93 alternate name, 0.9 variant spelling, <0.9 fuzzy.

        ``loose=False``: own and alternate names only (no variant spellings, no fuzzy matches)."""
        memo = self._match_memo
        mk = (name, fuzzy and loose, loose)
        hit = memo.get(mk)
        if hit is None:
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            hit = memo[mk] = tuple(self._match(name, fuzzy and loose, loose))
        return list(hit)

    def _match(self, name: str, fuzzy: bool, loose: bool) -> list[tuple[int, float]]:
        k = name_key(name)
        hits = self._exact.get(k)
        head, _, rest = k.partition(" ")
        full = _ABBREV_HEADS.get(head) if rest else None
        if full:  # "Mt. Pleasant" is every Mount Pleasant too, not only those listing the short form
            k2 = f"{full} {rest}"
            more = self._exact.get(k2)
            if more:
                # Places bearing the short form as their own name keep the lead ("St. Thomas", Ontario).
                lit = {i for i in hits if name_key(self.name[i]) == k}
                own = 0.96 if lit else 1.0
                out: dict[int, float] = {i: own if name_key(self.name[i]) == k2 else ALT_SCORE for i in more}
                for i in hits:
                    out[i] = 1.0 if i in lit else max(out.get(i, 0.0), ALT_SCORE)
                return list(out.items())
        if hits:
            # A place's own name beats a place that merely lists it among alternate/former names.
            return [(i, 1.0 if name_key(self.name[i]) == k else ALT_SCORE) for i in hits]
        if not loose:
            return []
        lk = loose_key(name)
        if len(lk) < 3:
            return []
        hits = self._loose.get(lk)
        if hits:
            return [(i, LOOSE_SCORE) for i in hits]
        if not fuzzy or len(lk) < 5:
            return []
        block = [self._loose.key(j) for j in self._blocks.get(skeleton(lk))]
        if not block:
            return []
        from rapidfuzz import fuzz, process

        out: list[tuple[int, float]] = []
        for key, sc, _ in process.extract(lk, block, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=5):
            for i in self._loose.get(key):
                out.append((i, 0.88 * sc / 100.0))
        return out

    def prior(self, i: int) -> float:
        """Context-free plausibility in [0, 1]: size and kind of place."""
        p = self._prior_memo.get(i)
        if p is None:
            if len(self._prior_memo) >= _MEMO_MAX:
                self._prior_memo.clear()
            p = self._prior_memo[i] = self._prior(i)
        return p

    def _prior(self, i: int) -> float:
        fc = self.fcode[i]
        pop = self.pop[i] or _PSEUDO_POP.get(fc, 0.0)
        if fc == "RGN" and not self.cc[i]:
            pop = _PSEUDO_POP["CONT"] / 5  # a region spanning countries ("Middle East", "Sahel")
        if not self.pop[i] and fc in ("ADM1", "ADM2"):
            # A region of a small country is not as big as a US state (the parishes of Barbados).
            cp = self.country_place.get(self.cc[i])
            if cp is not None and self.pop[cp]:
                pop = min(pop, self.pop[cp] / 10.0)
        p = min(1.0, math.log10(pop + 1.0) / 7.5)
        if fc in COUNTRY_CODES:
            p += 0.35
        elif fc in ("ADM1", "CONT"):
            p += 0.15
        return p

    def admin1_name(self, i: int) -> str | None:
        if self.fcode[i] in COUNTRY_CODES or not self.admin1[i]:
            return None
        return self.admin1_names.get(f"{self.cc[i]}.{self.admin1[i]}")

    def record(self, i: int, score: float | None = None) -> dict[str, Any]:
        return {
            "geonameid": self.gid[i] if self.gid[i] >= 0 else None, "name": self.name[i], "lat": self.lat[i], "lon": self.lon[i],
            "country_code": self.cc[i] or None, "admin1": self.admin1_name(i), "feature_code": self.fcode[i] or None,
            "population": self.pop[i], "score": None if score is None else round(score, 4),
        }

    def candidates(self, name: str, limit: int = 10) -> list[dict[str, Any]]:
        """Places that ``name`` may refer to, best first (match score, then size/kind)."""
        def rank(t: tuple[int, float]) -> tuple[float, float]:
            i, sc = t
            # A region reached through an alias ("Dayr az Zawr" for the governorate) ranks after the town.
            demote = 0.3 if sc < 0.99 and self.fcode[i] in ("ADM1", "RGN") else 0.0
            return (-sc, demote - self.prior(i))

        ranked = sorted(self.match(name), key=rank)
        seen: set[int] = set()
        out = []
        for i, sc in ranked:
            if i in seen:
                continue
            seen.add(i)
            out.append(self.record(i, sc))
            if len(out) >= limit:
                break
        return out


class _PackedMap:
    """Sorted keys + CSR arrays (see build.pack); lookup by binary search."""

    __slots__ = ("_keys", "_ptr", "_ids")

    def __init__(self, packed: dict[str, Any]) -> None:
        import numpy as np

        self._keys: list[str] = packed["keys"].split("\n") if packed["keys"] else []
        self._ptr = np.frombuffer(packed["ptr"], dtype=np.int64)
        self._ids = np.frombuffer(packed["ids"], dtype=np.int32)

    def __len__(self) -> int:
        return len(self._keys)

    def key(self, pos: int) -> str:
        return self._keys[pos]

    def get(self, key: str) -> tuple[int, ...]:
        pos = bisect_left(self._keys, key)
        if pos < len(self._keys) and self._keys[pos] == key:
            return tuple(self._ids[self._ptr[pos]:self._ptr[pos + 1]].tolist())
        return ()


_CACHE: dict[str, Gazetteer] = {}
_LOCK = threading.Lock()


def load_gazetteer(settings: Settings) -> Gazetteer:
    """The place index for these settings, built on first use, loaded once per process."""
    path = default_index_path(settings)
    with _LOCK:
        cached = _CACHE.get(str(path))
        if cached is not None:
            return cached
        if not path.exists():
            if settings.gazetteer_path:
                raise GazetteerError(f"place index {path} does not exist",
                                     hint="build it with `eventwire gazetteer build -o FILE`, or unset gazetteer_path")
            log.info("building the place index at %s (first use; takes about a minute)", path)
            build_index(settings)
        t0 = time.perf_counter()
        try:
            with open(path, "rb") as fh:
                data = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError) as exc:
            raise GazetteerError(f"cannot read the place index {path}: {exc}",
                                 hint="rebuild it with `eventwire gazetteer build`") from exc
        if data.get("version") != INDEX_VERSION and not settings.gazetteer_path:
            log.info("place index %s is stale; rebuilding", path)
            build_index(settings)
            with open(path, "rb") as fh:
                data = pickle.load(fh)
        gaz = Gazetteer(data, path)
        log.debug("loaded %d places from %s in %.2fs", len(gaz), path, time.perf_counter() - t0)
        _CACHE[str(path)] = gaz
        return gaz
