"""Actor knowledge base: canonical names, aliases, ACLED inter kinds, countries and sponsors.

:class:`ActorKB` loads the shipped ``eventwire/data/actors.yaml`` and, when given, a user file
(``settings.actors_file``, YAML or JSON with the same ``states``/``groups`` sections) merged
over it. :meth:`ActorKB.resolve` turns a phrase from the text into a :class:`model.Actor`:

* a known group alias ("ISIS", "al-Shabab", "Hashd al-Shaabi forces") -> that group;
* a country name, demonym or capital metonym ("U.S.", "American forces", "Washington") ->
  the country's armed forces when the phrase has a military word or a military alias
  ("US military", "Pentagon", "F-15s"), else its government;
* "X-backed / X-supported / X-sponsored Y" -> ``sponsor`` X (resolved to its name), kind from Y;
* otherwise the kind is guessed from the head noun (militia -> political_militia,
  protesters, rioters, civilians, police/soldiers -> state) and ``canonical`` stays None.

Used per article by the events stage and across articles by the resolve stage; matching is
dictionary lookups over normalised n-grams, so it is cheap.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import ConfigError
from ..model import Actor

__all__ = ["ActorKB", "KBEntry", "load_kb", "SHIPPED_FILE"]

log = logging.getLogger(__name__)

SHIPPED_FILE = Path(__file__).resolve().parent.parent / "data" / "actors.yaml"

KINDS = ("state", "rebel", "political_militia", "identity_militia", "rioters", "protesters", "civilians", "external")
#: the inter kinds of non-state armed groups
ARMED_KINDS = frozenset({"rebel", "political_militia", "identity_militia"})

_MILITARY_WORDS = re.compile(
    r"\b(?:forces?|troops?|army|armies|military|militaries|soldiers?|jets?|warplanes?|aircraft|planes?|drones?|"
    r"navy|naval|air ?force|marines?|airstrikes?|strikes?|artillery|tanks?|helicopters?|bombers?|fighters? jets?|"
    r"f-\d+s?|su-\d+s?|mig-\d+s?|missiles?|warships?|destroyers?|special forces|commandos?|gunships?|servicemen|"
    r"personnel|service ?members|battalions?|brigades?|units?|corps|junta|coalition|air defen[cs]es?|"
    r"border guards?)\b", re.I)
# (a bare "officers" in the news is the police's: "officers fired tear gas")
# officers of no security force ("customs officers", "election officers")
_OFFICERS = r"(?<!customs )(?<!election )(?<!tax )officers?"
_POLICE_WORDS = re.compile(r"\b(?:police\w*|gendarm\w*|constabulary|(?<!army )(?<!military )(?<!intelligence )(?<!security )"
                           r"(?<!prison )" + _OFFICERS + r")\b", re.I)
_GOVERNMENT_WORDS = re.compile(r"\b(?:government|authorities|ministry|officials?|cabinet|administration|presidency)\b", re.I)
_SECURITY_WORDS = re.compile(r"\bsecurity (?:forces|services|personnel|agents|officers|men)\b", re.I)
# kind -> (ACLED's label, inter kind); ACLED codes unnamed armed perpetrators as a political militia
_COLLECTIVE = {"civilians": ("Civilians", "civilians"), "protesters": ("Protesters", "protesters"),
               "rioters": ("Rioters", "rioters"), "unidentified": ("Unidentified Armed Group", "political_militia")}
_SPONSOR = re.compile(r"\b([\w.'-]+(?: [A-Z][\w.'-]+)?)-(?:backed|supported|sponsored|funded|aligned|allied|linked|affiliated|armed)\b", re.I)

# Head-noun rules for actors the KB does not name (kind only).
_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("identity_militia", re.compile(r"\b(?:ethnic|tribal|clan|clansm[ae]n|tribesm[ae]n|communal|fulani|herders?|"
                                    r"vigilantes?|self-defen[cs]e|"
                                    r"settlers?|(?:cattle )?rustlers?)\b", re.I)),  # (cattle raiding is communal violence in ACLED)
    ("political_militia", re.compile(r"\b(?:militias?|militiam[ae]n|gunm[ae]n|armed (?:men|groups?|factions?)|paramilitar\w*|gangs?|"
                                     r"mercenar\w*|bandits?|assailants?|attackers?|kidnappers?|abductors?|raiders|arsonists?|"
                                     # (who hides their face, is not known or follows a warlord is armed: "three
                                     # masked men", "unidentified men set fire", "fighters loyal to a warlord")
                                     r"(?:masked|unidentified|unknown) (?:men|man|youths?|individuals|persons)|warlords?|"
                                     r"(?:men|gunmen) in (?:military |army |police )?uniforms?|uniformed (?:men|gunmen)|"
                                     r"fighters loyal)\b", re.I)),
    ("rebel", re.compile(r"\b(?:rebels?|insurgents?|militants?|jihadists?|terrorists?|guerrillas?|separatists?|extremists?|islamists?|mujahideen|maoists?|naxal\w*)\b", re.I)),
    ("rioters", re.compile(r"\b(?:rioters?|mobs?|looters?)\b", re.I)),
    ("protesters", re.compile(r"\b(?:protesters?|protestors?|demonstrators?|activists?|marchers|strikers)\b", re.I)),
    ("external", re.compile(r"\b(?:peacekeepers?|peacekeeping|international forces|multinational)\b", re.I)),
    ("state", re.compile(r"\b(?:police|policem[ae]n|policewom[ae]n|police officers?|" + _OFFICERS + r"|army|soldiers?|troops|military|junta|"
                         r"security (?:forces|agents|personnel|officers|services)|intelligence (?:agents|officers|services)|"
                         r"government forces|armed forces|gendarmes?|gendarmerie|navy|air force|air defen[cs]es?|"
                         r"(?:presidential|palace|republican|national) guards?|"
                         r"authorities|government|ministry|officials?)\b", re.I)),
    ("civilians", re.compile(r"\b(?:civilians?|villagers?|residents?|farmers?|students?|children|women|worshippers?|"
                             # (one victim: "wounding a 62-year-old woman", "a girl"; not "a man", who may be a fighter)
                             r"woman|girls?|boys?|child|bab(?:y|ies)|infants?|toddlers?|pensioners?|teenagers?|"
                             r"passengers?|journalists?|workers?|people|population|family|families|teachers?|doctors?|"
                             r"traders?|shopkeepers?|vendors?|merchants?)\b", re.I)),
)


_CROWD_KINDS = tuple((k, rx) for k, rx in _KIND_RULES if k in ("protesters", "rioters"))
_NAME_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Z])")
_ANY_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")


def _split_names(s: str) -> str:
    """Two names joined by a hyphen written apart ("Islamic State-Somalia" -> "Islamic State Somalia");
    "Iran-backed", "US-led" stay whole."""
    return _NAME_HYPHEN.sub(" ", s)


def _words(phrase: str, lower: bool = True) -> list[str]:
    return _norm(_split_names(phrase), lower).split()


def _norm(s: str, lower: bool = True) -> str:
    s = s.replace("’", "'")
    s = s.lower() if lower else s
    s = re.sub(r"'s\b", "", s, flags=re.I)
    s = re.sub(r"[^\w.'-]+", " ", s)
    s = re.sub(r"\b(?:the|a|an)\b", " ", s, flags=re.I)
    return " ".join(s.split()).strip(" .")


def _short(alias: str) -> bool:
    """An alias of at most three letters ("IS", "US", "PDF", "3R", "LeT") is an acronym that, read without
    case, is also a word or another acronym ("is", "us", "pdf", "let"): it matches only as written."""
    return sum(c.isalpha() for c in alias) <= 3


@dataclass(slots=True)
class KBEntry:
    canonical: str
    kind: str | None
    country: str | None = None
    sponsor: str | None = None
    aliases: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # canonical actors that act as part of this one
    # descriptions that name this group only in its own country's news ("Kurdish militants" in Turkey)
    local_aliases: list[str] = field(default_factory=list)


class ActorKB:
    """Alias lookup over states (military/government) and named groups."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        self._alias: dict[str, tuple[str, str]] = {}  # norm alias -> ("group", canonical) | ("state", code) | ("mil", code)
        self._cased: dict[str, dict[str, tuple[str, str]]] = {}  # norm short acronym -> {form as written: target}
        self.groups: dict[str, KBEntry] = {}
        self.states: dict[str, dict[str, Any]] = {}
        self._sides: dict[str, set[str]] = {}  # lower-cased canonical -> coalitions it acts for (incl. itself)
        self._local: dict[tuple[str, str], str] = {}  # (country code, norm description) -> canonical
        self._max_len = 1
        if data:
            self.merge(data)

    # -- building ---------------------------------------------------------------------------
    def merge(self, data: dict[str, Any]) -> None:
        """Add (or override) entries from a dict with ``states`` and/or ``groups``."""
        if not isinstance(data, dict):
            raise ConfigError("actor file must be a mapping with 'states' and/or 'groups'",
                              hint="see eventwire/data/actors.yaml for the format")
        for code, st in (data.get("states") or {}).items():
            code = str(code).upper()
            entry = dict(self.states.get(code, {}))
            entry.update(st or {})
            entry.setdefault("name", code)
            entry.setdefault("military", f"Military Forces of {entry['name']}")  # ACLED's form
            entry.setdefault("government", f"Government of {entry['name']}")
            entry.setdefault("police", f"Police Forces of {entry['name']}")
            self.states[code] = entry
            for a in [entry["name"], *entry.get("aliases", [])]:
                self._add(a, ("state", code))
            for a in [entry["military"], *entry.get("military_aliases", [])]:
                self._add(a, ("mil", code))
        for g in data.get("groups") or []:
            if not isinstance(g, dict) or "canonical" not in g:
                raise ConfigError(f"actor group entry {g!r} has no 'canonical' name",
                                  hint="each group needs canonical, kind and aliases")
            kind = g.get("kind")
            if kind is not None and kind not in KINDS:
                raise ConfigError(f"actor {g['canonical']!r} has unknown kind {kind!r}", hint="kinds: " + ", ".join(KINDS))
            e = KBEntry(canonical=g["canonical"], kind=kind, country=g.get("country"), sponsor=g.get("sponsor"),
                        aliases=list(g.get("aliases") or []), members=list(g.get("members") or []),
                        local_aliases=list(g.get("local_aliases") or []))
            if e.local_aliases and not e.country:
                raise ConfigError(f"actor {e.canonical!r} has local_aliases but no country",
                                  hint="local aliases only name a group in its country's news: give 'country'")
            self.groups[e.canonical] = e
            for a in e.local_aliases:
                self._local[(str(e.country).upper(), _norm(a))] = e.canonical
            for a in [e.canonical, *e.aliases]:
                self._add(a, ("group", e.canonical))
            for name in [e.canonical, *e.members] if e.members else ():
                self._sides.setdefault(name.lower(), set()).add(e.canonical)

    def _add(self, alias: str, target: tuple[str, str]) -> None:
        # (text read through _split_names loses the hyphen of a title-cased "Saudi-Led Coalition": the alias
        # split at every hyphen between letters still matches it)
        alias = str(alias)
        short = _short(alias)  # (forms told apart by case: JEM, Sudan's Justice and Equality Movement; JeM)
        for form in {alias, _split_names(alias), _ANY_HYPHEN.sub(" ", alias)}:
            key = _norm(form)
            if not key:
                continue
            self._alias[key] = target
            self._max_len = max(self._max_len, len(key.split()))
            if short:
                self._cased.setdefault(key, {})[_norm(form, lower=False)] = target

    def _hit(self, key: str, written: Callable[[], str]) -> tuple[str, str] | None:
        """The target of normalised ``key``; a short acronym's only when ``written()`` (the words as the
        text cases them, read only then) is one of its forms."""
        forms = self._cased.get(key)
        if forms is not None:
            return forms.get(written())
        return self._alias.get(key)

    # -- lookup -----------------------------------------------------------------------------
    def same_side(self, a: str, b: str) -> bool:
        """True when two canonical actors are one, or one is a declared member of the other
        (US forces striking as part of the US-led coalition are reported under either name)."""
        x, y = a.strip().lower(), b.strip().lower()
        return x == y or bool(self._sides.get(x, set()) & self._sides.get(y, set()))

    def local(self, phrase: str, country: str | None) -> KBEntry | None:
        """The group that a description names in ``country``'s news ("suspected Kurdish militants" in Turkey
        -> the PKK), or None."""
        if not country or not self._local:
            return None
        words = _norm(phrase).split()
        while words and (words[0] in _QUALIFIERS or words[0].isdigit()):
            words = words[1:]  # ("the", "suspected", "two", "heavily armed")
        canon = self._local.get((country.upper(), " ".join(words)))
        return self.groups.get(canon) if canon else None

    def names_group(self, phrase: str) -> bool:
        """``phrase`` names a known group (of any kind) somewhere in it."""
        return any(kind == "group" for _, _, (kind, _key) in self.lookup(phrase))

    def armed_groups(self, phrase: str) -> list[KBEntry]:
        """The known non-state armed groups named in ``phrase``, left to right ("JNIM", "the RSF")."""
        return [self.groups[key] for _, _, (kind, key) in self.lookup(phrase)
                if kind == "group" and self.groups[key].kind in ARMED_KINDS]

    def lookup(self, phrase: str) -> list[tuple[int, int, tuple[str, str]]]:
        """Known aliases inside ``phrase``: (first word, end word, target), longest first, left to right."""
        words = _words(phrase)
        cased: list[str] = []  # the words as the text cases them: read only when a short acronym's key comes up

        def written(i: int, n: int) -> str:
            if not cased:
                as_written = _words(phrase, lower=False)
                # (lower-casing changed the words: no acronym matches)
                cased.extend(as_written if len(as_written) == len(words) else words)
            return " ".join(cased[i: i + n])

        out: list[tuple[int, int, tuple[str, str]]] = []
        i = 0
        while i < len(words):
            for n in range(min(self._max_len, len(words) - i), 0, -1):
                key = " ".join(words[i: i + n])
                hit = self._hit(key, lambda: written(i, n))
                if hit is None and key.endswith("s") and n == 1 and len(key) > 3:
                    hit = self._hit(key[:-1], lambda: written(i, 1)[:-1])
                if hit is not None:
                    out.append((i, i + n, hit))
                    i += n
                    break
            else:
                i += 1
        return out

    def resolve(self, name: str, start: int | None = None, end: int | None = None, *, military: bool = False) -> Actor:
        """An :class:`Actor` for a phrase of the text (never None; unknown parts stay None).

        ``military=True`` says the phrase is the agent of a use of force ("Israel struck ..."), so a
        bare country resolves to its armed forces rather than its government.
        """
        text = " ".join(name.split())
        sponsor = None
        body = text
        m = _SPONSOR.search(text)
        if m:
            backer = self._entity_name(m.group(1))
            sponsor = backer or m.group(1)
            body = (text[: m.start()] + text[m.end():]).strip()
        hits = _not_regions(body, self.lookup(body))
        military = military or bool(_MILITARY_WORDS.search(body))
        for _, _, (kind, key) in hits:
            if kind == "group":
                g = self.groups[key]
                return Actor(name=text, canonical=g.canonical, kind=g.kind, country=g.country,
                             sponsor=sponsor or g.sponsor, start=start, end=end)
        guessed = guess_kind(body) if body else None
        people = self._people(body, hits)
        if people is not None and not (_MILITARY_WORDS.search(body) or _GOVERNMENT_WORDS.search(body)
                                       or _POLICE_WORDS.search(body)):
            # "more than 100 Palestinians", "three Serbs": a country's people, not its state; as the agent of
            # force an armed group of that country the text does not name
            kind = guessed if guessed not in (None, "identity_militia", "state") else (None if military else "civilians")
            return Actor(name=text, canonical=None, kind=kind, country=people, sponsor=sponsor, start=start, end=end)
        non_state = guessed if hits and all(k == "state" for _, _, (k, _) in hits) else None
        if non_state in ("political_militia", "identity_militia", "rebel", "civilians", "protesters", "rioters"):
            # "Iraqi and Afghan militias", "Syrian rebels": armed groups from that country, not its state;
            # "46 Afghan civilians", "Kenyan protesters": its people
            return Actor(name=text, canonical=None, kind=non_state, country=hits[0][2][1], sponsor=sponsor,
                         start=start, end=end)
        for _, _, (kind, code) in hits:
            st = self.states[code]
            if kind == "state" and _POLICE_WORDS.search(body):  # "Egyptian police", "Kenyan riot police"
                return Actor(name=text, canonical=st["police"], kind="state", country=code, sponsor=sponsor,
                             start=start, end=end)
            if kind == "mil" or military:
                return Actor(name=text, canonical=st["military"], kind="state", country=code, sponsor=sponsor,
                             start=start, end=end)
            # A bare country as an actor ("Israel struck ...") is its state; keep the government name.
            return Actor(name=text, canonical=st["government"], kind="state", country=code, sponsor=sponsor,
                         start=start, end=end)
        kind = guessed
        if kind is None and sponsor is not None:
            kind = "political_militia"  # "IRGC-supported groups": ACLED codes sponsored armed groups as militias
        return Actor(name=text, canonical=None, kind=kind, country=None, sponsor=sponsor, start=start, end=end)

    def _people(self, phrase: str, hits: list[tuple[int, int, tuple[str, str]]]) -> str | None:
        """The country whose people ``phrase`` names by a plural demonym ("Palestinians", "Serbs": one word,
        an alias whose singular is an alias of the same state, not the state's name), else None."""
        words = _words(phrase)
        for i, j, (kind, code) in hits:
            w = words[i] if j == i + 1 else ""
            if kind == "state" and w.endswith("s") and self._alias.get(w[:-1]) == ("state", code) \
                    and w != _norm(self.states[code]["name"]):
                return code
        return None

    def state_force(self, phrase: str, code: str | None, *, policing: bool = False) -> str | None:
        """The canonical force of state ``code`` that a generic phrase names ("Police", "the army",
        "security forces", "the government"): ACLED codes them by the country where they act.
        ``policing``: the event is law enforcement (arrests, a protest dispersed), where unspecified
        "security forces" are the police."""
        st = self.states.get(code or "")
        if st is None:
            return None
        if _POLICE_WORDS.search(phrase) or (policing and _SECURITY_WORDS.search(phrase)):
            return st["police"]
        if _GOVERNMENT_WORDS.search(phrase) and not _MILITARY_WORDS.search(phrase):
            return st["government"]
        return st["military"]

    def civilians(self, code: str | None) -> Actor | None:
        """ACLED's civilian victims of a country: "Civilians (Sudan)"."""
        return self.collective("civilians", code)

    def collective(self, kind: str, code: str | None, like: Actor | None = None) -> Actor | None:
        """ACLED's country-level actor for people it does not name: "Civilians (Sudan)", "Protesters
        (Kenya)", "Rioters (Somalia)", "Unidentified Armed Group (Mali)" (kind ``unidentified``);
        ``like``: the actor of the text it stands for, whose words and span it keeps. None when the
        country is unknown."""
        st = self.states.get(code or "")
        if st is None or kind not in _COLLECTIVE:
            return None
        label, acled_kind = _COLLECTIVE[kind]
        return Actor(name=like.name if like is not None and like.name else label.lower(),
                     canonical=f"{label} ({st['name']})", kind=acled_kind, country=code,
                     start=like.start if like is not None else None, end=like.end if like is not None else None)

    def communal(self, name: str, code: str | None) -> str | None:
        """ACLED's name for a communal militia the text names by its community ("Fulani herders" in Nigeria ->
        "Fulani Ethnic Militia (Nigeria)", "Marehan clan fighters" -> "Marehan Clan Militia (Somalia)"), or None
        when no community word is there or the country is unknown."""
        st = self.states.get(code or "")
        if st is None:
            return None
        word = next((w for w in re.findall(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b", name)
                     if w.lower() not in _NOT_COMMUNITY and not self.lookup(w)), None)
        if word is None:
            return None
        kind = "Clan" if re.search(r"\bclans?\b|\bclansm[ae]n\b", name, re.I) else \
            "Tribal" if re.search(r"\btrib(?:es?|al|esm[ae]n)\b", name, re.I) else "Ethnic"
        return f"{word} {kind} Militia ({st['name']})"

    def _entity_name(self, phrase: str) -> str | None:
        for _, _, (kind, key) in self.lookup(phrase):
            if kind == "group":
                return self.groups[key].canonical
            return self.states[key]["name"]
        return None

    def country_of(self, phrase: str) -> str | None:
        for _, _, (kind, key) in _not_regions(phrase, self.lookup(phrase)):
            if kind in ("state", "mil"):
                return key
            return self.groups[key].country
        return None

    def knows(self, phrase: str) -> bool:
        return bool(self.lookup(phrase))


# A country name inside a region's name ("Niger Delta militants", "Lake Chad fighters") is not that country.
_REGION_AFTER = frozenset({"delta", "basin", "river", "valley", "peninsula", "highlands", "region", "plateau"})
_REGION_BEFORE = frozenset({"lake", "gulf"})


def _not_regions(phrase: str, hits: list[tuple[int, int, tuple[str, str]]]) -> list[tuple[int, int, tuple[str, str]]]:
    """``hits`` without the country names that are part of a region's name in ``phrase``."""
    words = _words(phrase)
    return [h for h in hits if h[2][0] == "group" or not (
        (h[1] < len(words) and words[h[1]] in _REGION_AFTER) or (h[0] > 0 and words[h[0] - 1] in _REGION_BEFORE))]


# capitalised words of a communal militia's description that name no community
_NOT_COMMUNITY = frozenset({"the", "a", "an", "armed", "ethnic", "suspected", "rival", "tribal", "clan", "communal",
                            "clansmen", "tribesmen", "local", "militia", "militiamen", "youths", "herders", "vigilantes",
                            "gunmen", "some"})
_QUALIFIERS = frozenset({"the", "a", "an", "some", "several", "dozens", "of", "suspected", "alleged", "armed",
                         "heavily", "presumed", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})


def guess_kind(phrase: str) -> str | None:
    """ACLED inter kind from the head words of an unknown actor phrase (None if nothing fits)."""
    last = phrase.split()[-1:]
    for kind, rx in _CROWD_KINDS if last else ():
        if rx.fullmatch(last[0]):
            return kind  # "ethnic Serb protesters" protest; they are no ethnic militia
    for kind, rx in _KIND_RULES:
        if rx.search(phrase):
            return kind
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read actor file {path}: {exc}", hint="check the actors_file setting") from None
    try:
        if path.suffix.lower() == ".json":
            return json.loads(text)
        import yaml

        return yaml.safe_load(text) or {}
    except Exception as exc:  # yaml/json syntax errors: one clear message
        raise ConfigError(f"actor file {path} is not valid YAML/JSON: {exc}", hint="fix the file or unset actors_file") from None


@functools.lru_cache(maxsize=8)
def load_kb(actors_file: str = "") -> ActorKB:
    """The shipped KB, with ``actors_file`` (if any) merged over it. Cached per file name."""
    kb = ActorKB(_read(SHIPPED_FILE))
    if actors_file:
        kb.merge(_read(Path(actors_file).expanduser()))
        log.info("merged actor file %s", actors_file)
    return kb
