"""Casualty figures (killed, injured) in a stretch of text, with ACLED's conservative conventions.

Rules, following the ACLED fatality guidance:

* an exact number is kept as is ("killing 6 civilians" -> 6);
* vague words get ACLED's fixed numbers: "tens" 10, "dozens" 12, "hundreds" 100,
  "thousands" 1000; "scores" 20; "several"/"many"/"a number of" 10 (ACLED's code for
  an unknown plural count) with ``low`` = 2 ("a few" 3);
* bounds: "at least 5" -> value 5, low 5; "more than 100" -> value 100, low 100;
  "up to 10" -> value 10, high 10; "5 to 7" / "between 5 and 7" -> value 5 (the
  conservative end), low 5, high 7; "about 20" -> value 20, qualifier "about";
* explicit zero: "no one was hurt", "without casualties" -> 0; a civilian-only zero ("no civilian
  casualties") leaves the total unknown (value None, side "civilians", a note), since the
  fighters may still have died;
* a death the event did not cause ("died of a heart attack while sheltering") is
  reported in ``note`` and never counted.

Everything is precompiled regular expressions over the given span, so it is cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Count
from .classify import fold, gate_from, may_match, needed_literals
from .numwords import CARDINALS

__all__ = ["parse_number", "find_casualties", "Casualties"]

_UNITS = {
    **CARDINALS, "no": 0, "a": 1, "an": 1, "single": 1, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12,
    "a couple of": 2, "a couple": 2,
}
# Vague quantities: word -> (value, low). ACLED: tens 10, dozens 12, hundreds 100.
_VAGUE = {
    "tens": (10, 10), "dozens": (12, 12), "scores": (20, 20), "hundreds": (100, 100), "thousands": (1000, 1000),
    "several": (10, 2), "many": (10, 2), "numerous": (10, 2), "a number of": (10, 2), "multiple": (10, 2),
    "a few": (3, 2), "some": (10, 2), "a handful of": (3, 2),
}

_WORDNUM = (r"(?:\d{1,3}(?:,\d{3})+|\d+|a dozen|a couple(?: of)?|a hundred|a few|a handful of|a number of|"
            r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
            r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
            r"sixteen|seventeen|eighteen|nineteen|tens|dozens|scores|hundreds|thousands|several|many|numerous|multiple|an|a)")
_QUAL = (r"(?:(?P<qual>at least|more than|over|nearly|almost|about|around|approximately|some|roughly|up to|"
         r"as many as|fewer than|less than|an estimated|at most)\s+)?")
_RANGE = r"(?:(?:between\s+)?(?P<lo>" + _WORDNUM + r")\s*(?:-|–|to|and)\s*)?"
_NUM = _QUAL + _RANGE + r"(?P<num>" + _WORDNUM + r")"
# One person named by a singular noun phrase ("a senior commander", "the district governor"): counts 1.
_PERSON_SG = (r"(?:soldier|policeman|policewoman|officer|official|commander|leader|chief|governor|mayor|"
              r"civilian|man|woman|boy|girl|child|teenager|teen|infant|baby|toddler|person|member|fighter|"
              r"militant|rebel|insurgent|jihadist|gunman|attacker|assailant|bomber|militiaman|guard|bodyguard|driver|"
              r"passenger|journalist|reporter|photographer|cameraman|activist|politician|lawmaker|judge|"
              r"prosecutor|cleric|imam|priest|pastor|teacher|student|doctor|nurse|paramedic|medic|worker|farmer|"
              r"herder|shepherd|fisherman|villager|resident|trader|businessman|shopkeeper|elder|chieftain|emir|"
              r"sheikh|lieutenant|colonel|sergeant|corporal|captain|deputy|minister|diplomat|ambassador|"
              r"councillor|councilor|administrator|contractor|engineer|pilot|ranger|trooper|marine|sailor|"
              r"airman|serviceman|servicewoman|peacekeeper|protester|demonstrator|pilgrim|worshipper|migrant|"
              r"refugee|patient|spokesman|spokesperson|mother|father|son|daughter|husband|wife|brother|sister|"
              r"headman|chairman|citizen|volunteer|operative|strongman|warlord|ringleader|monk|nun|pedestrian|"
              r"bystander|motorist|commuter|shopper|tourist|hostage|detainee|prisoner|inmate|gendarme|miner|"
              r"tribesman|herdsman|passer-by|passerby|constable|cadet|conscript|recruit|guardsman|"
              r"tapper|labou?rer|vendor|hawker|merchant|motorcyclist|cyclist|lawyer|voter|rider|customer|"
              r"caretaker|watchman|cadre|rifleman|jawan|suspect|\d{1,3}-year-old)")  # ("a 16-year-old was wounded")
# The victims' noun, a whole word ("a medical group" names no medic); the singulars too ("a soldier and two civilians").
_VICTIM_NOUNS = (r"(?:people|persons|civilians|soldiers|troops|"
        r"militants|fighters|terrorists|insurgents|rebels|policemen|police officers|officers|servicemen|service members|"
        r"personnel|members|children|women|men|villagers|residents|students|workers|guards|gunmen|attackers|"
        r"protesters|demonstrators|worshippers|passengers|rangers|troopers|jihadists|militiamen|others|victims|"
        r"contractors|americans|us troops|bystanders|family members|pilgrims|farmers|herders|migrants|patients|"
        r"marines|sailors|airmen|passers-by|passersby|tribesmen|herdsmen|fishermen|businessmen|clansmen|"
        + _PERSON_SG + r"s?)")
_WHO = (r"(?:\s+(?:of\s+)?(?:other\s+|more\s+|further\s+|additional\s+)?(?P<who>(?:[\w-]+\s+){0,2}?" + _VICTIM_NOUNS
        # ("two members of the presidential guard": whose members, in lower case)
        + r"(?:\s+of\s+the\s+(?:[\w-]+\s+){0,2}?(?:guard|army|police|forces|militia|group|unit|battalion|brigade|"
        r"regiment|clan|tribe))?"
        # ("14 soldiers and VDP volunteers were killed": a second noun phrase without a number of its own)
        # (not "and three civilians", "and a child": those are counted on their own, see _conjuncts)
        + r"(?:\s+and\s+(?!(?:" + _WORDNUM + r"|at|more|some|the|their|his|her)\b)(?:[\w-]+\s+)?" + _VICTIM_NOUNS
        + r")?)\b)?")  # (the singulars: "a soldier and two civilians")

# What was done to a victim, one word list for every pattern: after the victims ("were gunned down"),
# and, as a past tense, before them ("gunned down two policemen").
_KILLED = (r"(?:killed|slain|massacred|slaughtered|murdered|shot dead|shot and killed|gunned down|"
           r"(?:stabbed|hacked|chopped|clubbed|bludgeoned|beaten|burned|burnt|stoned|knifed) to death|"
           r"executed|beheaded|assassinated|lynched)")
# Said of the victims: also the intransitive ones ("two soldiers died", "three people lost their lives").
_KILL_WORDS = r"(?:" + _KILLED + r"|(?:found )?dead|died|perished|lost (?:their lives|his life|her life))"
# Verbs whose object is the victim ("executed 30 civilians", "shot dead a policeman").
# ("neutralising 20 terrorists": how armies report the enemies they killed)
_KILL_VERBS = (r"(?:" + _KILLED + r"|kill|kills|killing|executing|massacring|slaughtering|murdering|shooting dead|"
               r"gunning down|assassinating|beheading|neutrali[sz](?:ed|ing))")
# A killed-word right after a group with no auxiliary is active when an object follows ("a soldier killed
# two militants"): that group is the killer, not the victim. Time phrases ("killed two days ago") are not objects.
_ACTIVE_OBJECT = (r"(?!\s+(?:an?|the|his|her|its|their|\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
                  r"dozens|several|scores|hundreds)\s+(?!days?\b|weeks?\b|months?\b|years?\b|hours?\b|minutes?\b|"
                  r"nights?\b|ago\b|earlier\b|later\b|before\b))")
_SG_MOD = r"(?:(?!(?:number|total|group|lot|couple|few|handful|dozen|series|of|and|or|who|that|which|was|were|his|her|its|their|our|my|your|the|an?|this|these)\b)[\w'’.-]+\s+)"
# "of Kataib Hezbollah", "from the Islamic State group": a capitalised affiliation inside the noun phrase.
_AFFIL = (r"(?:\s+(?:of|from)\s+(?:the\s+)?(?-i:[A-Z][\w'’-]*)(?:\s+(?-i:[A-Z][\w'’-]*)){0,4}"
          r"(?:\s+(?:group|militia|movement|organi[sz]ation|faction|brigades?))?)?")


def _sg_victim(num: str) -> str:
    """One person named by a singular noun phrase introduced by ``num`` (a pattern for a/the/one...)."""
    return (r"(?P<num>" + num + r")\s+(?P<who>" + _SG_MOD + r"{0,3}?" + _PERSON_SG + r")\b"
            r"(?!\s+(?:population|casualties|deaths|toll|areas?|homes?|houses?|quarters?|vehicles?|cars?|"
            r"convoy|positions?|posts?|bases?|camps?|buildings?|facilit\w+|infrastructure|targets?)\b)" + _AFFIL)


# A possessive counts one person after a kill verb ("killed his brother") or inside a list ("a man and
# his son were killed"), not as the subject of a memory ("the night her child died").
_POSSESSIVE = r"(?:his|her|their)"
_SG_VICTIM = _sg_victim(r"an?|the|one|(?:(?<=\band\s)|(?<=,\s))" + _POSSESSIVE)
_INJ_WORDS = (r"(?:(?:slightly|lightly|seriously|critically|badly|severely|gravely|mildly|moderately)\s+)?"
              r"(?:wounded|injured|hurt|injuries|wounds|hospitali[sz]ed|maimed)")
# What a victim is left with or suffers: "injuries", "burns", "a broken arm", "a gunshot wound to the leg".
_INJURY = (r"(?:(?:[\w-]+\s+){0,2}(?:injuries|injury|wounds?|burns|bruises|fractures|concussions?|traumatic brain injur(?:y|ies))|"
           r"(?:an?\s+)?(?:broken|fractured|shattered)\s+(?:arm|leg|jaw|nose|rib|hand|skull|wrist|ankle|hip|collarbone|finger)s?)\b")

# A toll that grew: "the number of people killed in the shelling has risen to 19", "the death toll from
# Tuesday's raid rose to eight after two wounded men died". It is the total: the deaths it adds up are in it.
_GROWN_TOLL = re.compile(r"\b(?:(?:number of (?:[\w-]+\s+){0,2}(?:killed|dead)|death toll|toll)\b[^.;]{0,120}?\b(?:(?:has|had)\s+)?"
                         r"(?:risen|rose|climbed|increased|reached|grown|grew|jumped)\s+(?:to\s+)?|"
                         # "..., bringing the death toll to five": the total the later deaths make
                         r"(?:taking|bringing|raising|pushing|putting)\s+the\s+(?:death\s+)?toll\s+to\s+)" + _NUM + _WHO, re.I)

# (not "two wounded men died in hospital": they are counted dead)
_DIED_LATER = r"(?!(?:\s+[\w-]+){0,2}\s+(?:later\s+)?(?:died|succumbed)\b)"

_RX = {
    "killed": [
        _GROWN_TOLL,  # (first: "toll rose to 8" is a total, whichever pattern below would also read it)
        # one person: "killed a senior commander of Kataib Hezbollah", "killed the district governor"
        re.compile(r"\b" + _KILL_VERBS + r"\s+" + _sg_victim(r"an?|the|one|" + _POSSESSIVE), re.I),
        re.compile(r"\b" + _SG_VICTIM + r"(?:,[^,.;]{0,40},)?\s+(?P<aux>(?:was\s+|were\s+|has\s+been\s+|had\s+been\s+|is\s+|reportedly\s+|also\s+)+)?"
                   + _KILL_WORDS + r"\b(?(aux)|" + _ACTIVE_OBJECT + ")", re.I),
        re.compile(r"\b" + _NUM + _WHO + r"(?:,[^,.;]{0,40},)?\s+(?P<aux>(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+|are\s+|being\s+|been\s+|reportedly\s+|also\s+)+)?"
                   + _KILL_WORDS + r"\b(?(aux)|" + _ACTIVE_OBJECT + ")", re.I),
        re.compile(r"\b(?:" + _KILL_VERBS + r"|claiming the lives of|death toll (?:rose |rising |climbed )?(?:to|of|at)|"
                   r"toll (?:rose |climbed )?to|bodies of)\s+" + _NUM + _WHO, re.I),
        # (the second group is counted by _conjuncts: "left two gendarmes and four of the assailants dead")
        re.compile(r"\b(?:leaving|left)\s+" + _NUM + _WHO + r"(?=(?:\s*(?:,|and)\s+[^.;]{0,50}?)?\s+(?:dead|killed)\b)",
                   re.I),
        # a relative clause between the victims and the passive: "three men who tried to resist were shot dead"
        re.compile(r"\b" + _NUM + _WHO + r"\s+(?:who|that)\s+[^,.;]{1,40}?\s+(?:were|was|had been|have been)\s+"
                   + _KILL_WORDS + r"\b", re.I),
        re.compile(r"\b" + _NUM + r"\s+(?:deaths|fatalities|dead)\b", re.I),
    ],
    "injured": [
        re.compile(r"\b" + _NUM + _WHO + r"(?:,[^,.;]{0,40},)?\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+|are\s+|is\s+|being\s+|been\s+|also\s+|other\s+|inside\s+|nearby\s+)*"
                   + _INJ_WORDS + r"\b" + _DIED_LATER, re.I),
        # (the victims end the clause or open a list: "injuring a woman and a child" -- see _conjuncts)
        re.compile(r"\b(?:wounding|injuring|wounded|injured|hurting)\s+" + _NUM + _WHO + r"(?:\s+(?:others|more))?"
                   r"(?=\s*(?:[,.;]|$|\s+(?:in|at|on|during|when|after|others|and|as well as|along with)\b))", re.I),
        re.compile(r"\b" + _NUM + r"\s+(?:injuries|wounded|injured)\b" + _DIED_LATER, re.I),
        *(re.compile(r"\b" + victims + r"(?:,[^,.;]{0,40},)?\s+(?:was\s+|were\s+)?(?:suffered|sustained|received|"
                     r"treated for|being treated for)\s+" + _INJURY, re.I) for victims in (_NUM + _WHO, _SG_VICTIM)),
        # "beat him, leaving him with a broken arm", "leaving two guards with gunshot wounds"
        *(re.compile(r"\b(?:leaving|left)\s+" + victims + r"\s+(?:with|nursing)\s+" + _INJURY, re.I)
          for victims in (r"(?P<num>him|her)", _NUM + _WHO)),
    ],
}
_ZERO = {
    "killed": re.compile(r"\bno (?:one|body|civilians?|soldiers?|troops|personnel|people|[\w-]+ members|[\w-]+ personnel)? ?(?:was |were |is |are |has been |had been )?(?:(?:injured|hurt|wounded) or )?(?:killed|dead)\b|"
                         r"\bno (?:deaths|fatalities|loss of life|casualties|civilian casualties|immediate casualties|reported casualties)\b|"
                         r"\bwithout (?:any )?(?:casualties|fatalities|loss of life)|\bno-one was killed|\bnobody was killed|"
                         # "Nobody was hurt", "none of the crew was harmed": nobody died either
                         r"\b(?:no[- ]?one|nobody|none of (?:the |its |their )?(?:[\w-]+ ){0,3}?[\w-]+) (?:was|were|is|are) (?:hurt|harmed|injured|wounded)\b|"
                         r"\bcaus\w+ no (?:casualties|deaths)", re.I),
    "injured": re.compile(r"\bno (?:one|body|civilians?|soldiers?|personnel|people|[\w-]+ members|[\w-]+ personnel)? ?(?:was |were |is |are |has been |had been )?(?:killed or )?(?:hurt|injured|wounded)\b|"
                          r"\bno (?:injuries|casualties|civilian casualties|immediate casualties|reported casualties)\b|\bwithout (?:any )?(?:casualties|injuries)|"
                          r"\bno-one (?:was|is) (?:hurt|injured)|\bnobody (?:was|is) (?:hurt|injured)|"
                          r"\bnone of (?:the |its |their )?(?:[\w-]+ ){0,3}?[\w-]+ (?:was|were) (?:hurt|harmed|injured|wounded)\b|\bcaus\w+ no (?:casualties|injuries)", re.I),
}
# A figure the text itself says nobody could check: ACLED does not code a party's unverified toll.
_UNVERIFIED = re.compile(r"\b(?:a claim|claims|figures?|a toll|numbers?)\s+(?:that\s+|which\s+)?(?:could|can|has|have)\s*(?:not|n't)\s+"
                         r"(?:yet\s+)?(?:be(?:en)?\s+)?(?:independently\s+)?(?:verified|confirmed)\b", re.I)
# Deaths the event did not cause: reported in the note, never counted.
_NOT_CAUSED = re.compile(r"\b(?:died|death|dies)\b[^.;]{0,60}\b(?:heart attack|cardiac|natural causes|illness|stroke|"
                         r"medical (?:condition|emergency|episode)|accident unrelated|unrelated)\b|"
                         r"\b(?:heart attack|cardiac arrest|medical emergency)\b[^.;]{0,60}\b(?:died|death)\b", re.I)
# A bare "one" is a person when it shares the victims of the clause before ("two rangers were killed and one
# wounded") or is a casualty verb's whole object ("the blast killed one and wounded two").
_ELLIPSIS = re.compile(r"\b(?:killed|dead|died|wounded|injured|hurt)\s*,?\s+(?:and|while)\s+$", re.I)
_OBJECT_ENDS = re.compile(r"\s*(?:[,.;]|$|and\b|while\b)")


def _one_person(text: str, m: re.Match[str]) -> bool:
    if m.group("num").lower() != "one":
        return False
    if _ELLIPSIS.search(text[max(0, m.start() - 40): m.start()]):
        return True
    return m.start("num") > m.start() and _OBJECT_ENDS.match(text, m.end()) is not None

# (and "two members of" before "the presidential guard were killed": the guard is whose members died)
_EXCLUDE_BEFORE = re.compile(r"(?:including|among them|of whom|of them|among whom|among the dead|among those|"
                             r"\b(?:members|ranks|elements|units) of|"
                             r"\bnone of(?: the| its| their)?)\s*$", re.I)  # "none of the 21 crew members was hurt": 0


# A toll the text gives as a rumour ("after rumours spread that a man had been killed"): not the event's. (A
# denied report keeps its figure: the denial is the report's modality.)
_HEARSAY_BEFORE = re.compile(r"\b(?:rumou?rs?|false (?:reports?|claims?))\b[^.;]{0,40}?\bthat\b[^.;]{0,60}$", re.I)


# A toll of a whole war or campaign, not of one event ("The war, which erupted in 2023, has killed more
# than 150,000 people", "attacks have killed 600 civilians since the start of the year"): a tally.
# claims.py reads the same nouns to make such a toll a claim.
WAR_NOUNS = r"\b(?:war|conflict|insurgency|crisis|violence|unrest|dispute|feud|fighting|campaign|rebellion|uprising)\b"
_WHOLE_WAR_BEFORE = re.compile(WAR_NOUNS + r"[^.;:]{0,80}?\b(?:has|have)\s+(?:so far\s+|now\s+|already\s+|since\s+)?$", re.I)
# ...unless that fighting broke out days ago: "Fighting that broke out on Sunday has killed 20" is one event's toll.
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_RECENT_OUTBREAK = re.compile(r"\b(?:began|started|erupted|broke out|flared(?: up)?)\s+(?:again\s+)?(?:(?:on\s+)?" + _DAYS +
                              r"|yesterday|overnight|last night|earlier (?:today|this week)|this (?:morning|week)|"
                              r"(?:on\s+)?the (?:previous|same) day)\b", re.I)


def war_toll_subject(text: str, end: int, window: int = 80) -> re.Match[str] | None:
    """The war noun a running toll ending at ``end`` counts over ("the conflict ... has killed"), if any."""
    noun = None
    for noun in re.finditer(WAR_NOUNS, text[max(0, end - window): end], re.I):
        pass  # the last one, nearest the verb
    if noun is None or _RECENT_OUTBREAK.search(text, max(0, end - window) + noun.end(), end):
        return None
    return noun


_HAS_BEEN = r"\b(?:has|have)\s+been\b"
# a perfect tense just before a figure ("have so far killed 40"), or inside its phrase ("40 have been killed")
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:so far\s+|now\s+|already\s+)?(?:been\s+)?(?:\w+\s+)?$|" + _HAS_BEEN, re.I)
_PERFECT_IN = re.compile(_HAS_BEEN, re.I)
_SINCE_LONG = re.compile(r"[^.;]{0,60}?\b(?:since\s+(?:the\s+(?:start|beginning|outbreak)|(?:19|20)\d\d|last\s+(?:year|month)|"
                         r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
                         r"(?:it|the war|the conflict)\s+(?:began|erupted|started|broke out))|so far this year|to date)", re.I)


def _whole_war_toll(text: str, m: re.Match[str]) -> bool:
    """``m`` is a cumulative toll (of a war, or over months), never one event's."""
    before = text[max(0, m.start() - 120): m.start()]
    if _WHOLE_WAR_BEFORE.search(before) and war_toll_subject(text, m.start()) is not None:
        return True
    perfect = _PERFECT.search(before[-30:]) is not None or _PERFECT_IN.search(m.group(0)) is not None
    return bool(perfect) and _SINCE_LONG.match(text, m.end()) is not None


def _plural(word: str) -> str:
    return word if word.endswith("s") or word in ("personnel", "troops") else word + "s"


def parse_number(word: str) -> tuple[int, int | None] | None:
    """(value, low) for a number word/digits; vague words give ACLED's conventional value."""
    w = word.lower().strip()
    if w in _VAGUE:
        return _VAGUE[w]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", w):
        n = int(w.replace(",", ""))
        return n, n
    if w in _UNITS:
        return _UNITS[w], _UNITS[w]
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
        n = _UNITS[parts[0]] + _UNITS[parts[1]]
        return n, n
    return None


@dataclass(slots=True)
class Casualties:
    killed: Count
    injured: Count


def _count_from(m: re.Match[str], offset: int) -> Count | None:
    word = m.group("num")
    # "the" only reaches here before a singular person noun ("killed the district governor"): one person
    # (and a possessive before one in a list of victims: "a farmer, his wife and ...")
    parsed = (1, 1) if word.lower() in ("the", "his", "her", "their", "him") else parse_number(word)
    if parsed is None:
        return None
    value, low = parsed
    groups = m.groupdict()  # the one-person patterns have no qualifier or range
    qual = (groups.get("qual") or "").lower() or None
    high: int | None = None
    lo_word = groups.get("lo")
    if lo_word:
        lo = parse_number(lo_word)
        if lo is not None and lo[0] < value:
            low, high, value = lo[0], value, lo[0]
            qual = qual or "range"
    if qual in ("up to", "as many as", "at most", "fewer than", "less than"):
        high, low = value, None
    elif qual in ("about", "around", "approximately", "some", "roughly", "nearly", "almost", "an estimated"):
        low = None if qual in ("nearly", "almost") else low
        if qual in ("nearly", "almost"):
            high = value
    side = None
    try:
        side = m.group("who")
    except IndexError:
        side = None
    side = side.strip().lower() if side else None
    return Count(value=value, low=low, high=high, qualifier=qual, side=side, text=m.group(0),
                 start=offset + m.start(), end=offset + m.end())


_CONJ_AFTER = re.compile(r"\s*(?:,|and|as well as)\s+(?:and\s+)?(?:" + _POSSESSIVE + r"\s+)?" + _NUM + _WHO, re.I)
_SPEAKER_AFTER = re.compile(r"\s+(?:also\s+)?(?:said|say|says|told|tell|reported|report|confirmed|stated|added|claimed|"
                            r"announced|according)\b", re.I)
# (a possessive may open the next conjunct: "a man and his two sons were killed")
_CONJ_BEFORE = re.compile(_NUM + _WHO + r"\s*(?:,|and)\s*(?:and\s+)?(?:" + _POSSESSIVE + r"\s+)?$", re.I)
_MAX_CONJUNCTS = 6
# one relative in a list of victims: "a farmer, his wife and their two children"
_POSS_ONE = r"(?P<num>" + _POSSESSIVE + r")\s+(?P<who>" + _PERSON_SG + r")\b(?![\w-])"
_CONJ_AFTER_POSS = re.compile(r"\s*(?:,|and|as well as)\s+(?:and\s+)?" + _POSS_ONE, re.I)
_CONJ_BEFORE_POSS = re.compile(_POSS_ONE + r"\s*(?:,|and)\s*(?:and\s+)?(?:" + _POSSESSIVE + r"\s+)?$", re.I)


def _conjuncts(text: str, m: re.Match[str], offset: int) -> list[Count]:
    """Coordinated groups sharing one verb: "killing 3 soldiers and 5 militants", "6 police and 20 civilians were hurt"."""
    out: list[Count] = []
    if not m.groupdict().get("who"):
        return out
    # each further group of a list ("killed a teacher, a nurse and a shopkeeper")
    end = m.end()
    same_verb = "(?:killed|dead)" if re.search(_KILL_WORDS, m.group(0), re.I) else "(?:wounded|injured|hurt)"
    for _ in range(_MAX_CONJUNCTS):
        after = _CONJ_AFTER.match(text, end) or _CONJ_AFTER_POSS.match(text, end)
        if not after or not after.group("who") or re.match(r"(?:them|whom|those)\b", after.group("who"), re.I):
            break  # ("killing six people, four of them children": a part of the group, not another group)
        tail = text[after.end(): after.end() + 25]
        # (not "wounding three soldiers, two US officials said": that second group is the source)
        if _SPEAKER_AFTER.match(tail) or (
                re.match(r"\s*(?:were\s+|was\s+)?(?:wounded|injured|hurt|killed|dead|arrested|detained|captured)", tail, re.I)
                and not re.match(r"\s*(?:were\s+|was\s+)?" + same_verb, tail, re.I)):
            break
        c = _count_from(after, offset)
        if c is None:
            break
        out.append(c)
        end = after.end()
    first = m.group(0).split()[0].lower() if m.group(0).split() else ""
    starts_with_number = first[:1].isdigit() or parse_number(first) is not None or first in (
        "at", "more", "over", "nearly", "almost", "about", "around", "approximately", "some", "roughly", "up", "between", "his", "her", "their")
    start = m.start()
    for _ in range(_MAX_CONJUNCTS if starts_with_number else 0):
        # each earlier group: "a teacher, a nurse and a shopkeeper were shot dead"
        shift = max(0, start - 60)
        before = _CONJ_BEFORE.search(text[shift: start]) or _CONJ_BEFORE_POSS.search(text[shift: start])
        if not before or not before.group("who"):
            break
        c = _count_from(before, offset + shift)
        if c is None:
            break
        out.append(c)
        start = shift + before.start()
    return out


def _merge(found: list[Count]) -> Count:
    if not found:
        return Count()
    if len(found) == 1:
        return found[0]
    # Distinct groups ("3 soldiers and 5 militants") add up; a repeated figure does not.
    total = sum(c.value or 0 for c in found)
    first, last = found[0], found[-1]
    lows = [c.low for c in found]
    return Count(value=total, low=sum(lows) if all(x is not None for x in lows) else None, high=None,
                 qualifier=first.qualifier, side=", ".join(c.side for c in found if c.side) or None,
                 text=None, start=first.start, end=last.end)


# Gates: the literals one of which any match of a pattern contains (see classify.needed_literals);
# most sentences name no casualty and skip the patterns without running them.
_RX_KEYS = {kind: [needed_literals(rx) for rx in patterns] for kind, patterns in _RX.items()}
_ZERO_KEYS = {kind: needed_literals(rx) for kind, rx in _ZERO.items()}
_NOT_CAUSED_KEYS = needed_literals(_NOT_CAUSED)
_RX_GATES = {kind: [gate_from(k) for k in keys] for kind, keys in _RX_KEYS.items()}
_ZERO_GATES = {kind: gate_from(k) for kind, k in _ZERO_KEYS.items()}
_NOT_CAUSED_GATE = gate_from(_NOT_CAUSED_KEYS)


# quotation marks inside a figure ('killing "dozens" of fighters') are read as spaces (same offsets)
# (a closing single quote after a word may be a plural possessive, "the soldiers' families": kept)
_QUOTES = re.compile(r"[\"“”«»]|(?<!\w)['‘’]")


def find_casualties(text: str, offset: int = 0) -> Casualties:
    """Killed and injured figures stated in ``text`` (offsets shifted by ``offset``)."""
    original = text
    text = _QUOTES.sub(" ", text)
    out: dict[str, Count] = {}
    note = None
    low = fold(text)
    nc = _NOT_CAUSED.search(text) if may_match(_NOT_CAUSED_GATE, low) else None
    unverified = [u.start() for u in _UNVERIFIED.finditer(text)] if "verif" in low or "confirm" in low else []
    if nc:
        note = f"not counted (not caused by the event): {nc.group(0)}"
    for kind, patterns in _RX.items():
        found: list[Count] = []
        grown: list[Count] = []
        seen: list[tuple[int, int]] = []
        for rx, gate in zip(patterns, _RX_GATES[kind]):
            if not may_match(gate, low):
                continue
            for m in rx.finditer(text):
                if nc and m.start() < nc.end() + 5 and nc.start() < m.end():  # "a contractor died of a heart attack"
                    continue
                if unverified and any(0 <= u - m.end() <= 40 and not re.search(r"[.;]", text[m.end():u])
                                      for u in unverified):
                    continue  # "killed dozens, a claim that could not be independently verified": no figure
                if any(a < m.end() and m.start() < b for a, b in seen):
                    continue
                if _EXCLUDE_BEFORE.search(text[max(0, m.start() - 20): m.start()]):
                    continue
                if _whole_war_toll(text, m) or _HEARSAY_BEFORE.search(text, max(0, m.start() - 100), m.start()):
                    continue
                c = _count_from(m, offset)
                who = m.groupdict().get("who")
                if c is None or (m.group("num").lower() in ("a", "an", "one") and not who and not _one_person(text, m)):
                    continue
                # "no one was killed" is handled below; a bare "some"/"many" needs a person noun.
                if m.group("num").lower() in ("some", "many", "several", "multiple", "numerous") and not who:
                    continue
                seen.append((m.start(), m.end()))
                found.append(c)
                if rx is _GROWN_TOLL:
                    grown.append(c)
                for extra in _conjuncts(text, m, offset):
                    seen.append((extra.start - offset, extra.end - offset))
                    found.append(extra)
        found.sort(key=lambda c: c.start or 0)
        if grown:
            found = [grown[-1]]  # the newest total, not a sum with the deaths that raised it
        count = _merge(found)
        if count.value is None:
            z = _ZERO[kind].search(text) if may_match(_ZERO_GATES[kind], low) else None
            if z:
                zside = re.search(r"civilians?|soldiers?|troops|personnel", z.group(0), re.I)
                side = _plural(zside.group(0).lower()) if zside else None
                if side == "civilians":
                    # "no civilian casualties" says nothing about the fighters: the total stays unknown
                    count = Count(value=None, qualifier="none", text=z.group(0), side=side,
                                  start=offset + z.start(), end=offset + z.end(),
                                  note=f"no {kind} among civilians; no total given")
                else:
                    count = Count(value=0, low=0, high=0, qualifier="none", text=z.group(0), side=side,
                                  start=offset + z.start(), end=offset + z.end())
        out[kind] = count
    if note:
        out["killed"].note = note
    for c in out.values():
        if c.text is not None and c.start is not None and c.end is not None:
            c.text = original[c.start - offset: c.end - offset]  # (with its quotation marks)
    return Casualties(killed=out["killed"], injured=out["injured"])
