"""The events stage: event reports (typed, with arguments) and tally claims for one article.

For every sentence of the spaCy parse (``article.scratch["doc"]``, built over the cleaned text,
so captions and notices removed by the clean stage never yield events):

1. tallies ("at least 40 attacks on US forces since October 17") become :class:`model.Claim`
   and their words are masked so they do not become events;
2. :func:`classify.classify` proposes ACLED sub-events with trigger spans; the best one (and a
   second one when it sits in another clause and is of another event type) becomes a report;
3. a report that only refers back to the previous one ("the strike also wounded ...", "the second
   strike in less than two weeks") is merged into it instead of becoming a new event, and so are the
   other side's denial of it ("denied losing any fighters in the clash"), what it caused ("fighting had
   cut the road", "thousands have fled") and arrests at a protest; questions about known events
   ("whether the arrests were linked to the attack") and vows to go on ("would continue operations")
   report nothing;
4. arguments come from the dependency parse around the trigger (subject/agent -> actor1,
   object/"on X" -> actor2 or target), the actor KB, casualties, modality, attribution, and the
   other extractors (weapons, places, times) through tolerant wrappers;
5. ``background`` marks context events (past perfect, "last month", "in 2019", dated more than a
   week before publication).

``confidence`` = trigger score x modality factor x background factor x a small bonus for the
first event sentence, so that the lead event of a report ranks first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import logging
import re
from typing import Any, Callable, Iterable

from ..config import Settings
from ..data.acled import EVENT_TYPE_OF, PLOVER_OF
from ..errors import ArticleError
from ..gazetteer.index import ADMIN_CODES, COUNTRY_CODES, haversine_km
from ..model import Actor, Article, Attribution, Claim, Count, EventDate, EventReport, Location, Span, Weapon
from ..pipeline import BaseStage
from .actors import ARMED_KINDS, ActorKB, guess_kind, load_kb
from .attribution import attribution_for
from .casualties import find_casualties
from .claims import find_tally_spans, may_hold_tally
from .dateline import dateline_around, dateline_at, heading_at
from .classify import (CIVILIAN_TARGET, Candidate, GatedPattern, SentenceTyper, blockading_crowd, called_off, classify,
                       clear_memo, make_typer)
from .modality import DENY_LEMMAS, SAY_LEMMAS, accusing_verb, modality
from .nlp import line_marker, sentences_back
from .numwords import CARDINALS

__all__ = ["EventsStage", "make_stage", "extract_events"]

log = logging.getLogger(__name__)

MIN_SCORE = 0.5
#: confidence factor of reports after the first event sentence: news leads with the main event
LATER_SENTENCE_FACTOR = 0.93
_MODALITY_FACTOR = {"asserted": 1.0, "reported": 1.0, "claimed": 0.9, "denied": 0.5, "negated": 0.3,
                    "hypothetical": 0.35, "future": 0.35}
_VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_CROWD_TYPES = {"Protests", "Riots"}

# (not "the previous day": yesterday's events are news, and the date tells how old they are)
_BACKGROUND_RX = re.compile(
    r"\b(?:last (?:month|year|summer|winter|spring|autumn|fall)|(?:weeks|months|years) (?:ago|earlier)|"
    r"earlier this (?:month|year)|previous(?:ly)?(?! (?:day|night|evening)\b)|in (?:19|20)\d\d\b|since (?:19|20)\d\d|"
    r"back in|a year ago|in the past|former(?:ly)?|the (?:previous|prior|earlier) (?:strike|attack)|history of|"
    r"an? earlier (?:[\w-]+ )?(?:strike|attack|raid|bombing|assault))\b", re.I)
# what has gone on for a long time ("accused of recruiting child soldiers for years"): a habit, no event
_HABIT = re.compile(r"\b(?:for (?:years|decades|months)|over the (?:years|decades))\b", re.I)
# the news set after an event weeks or more before it ("comes a week after", "came two months after")
_LONG_AFTER = re.compile(r"\b(?:comes?|came|coming)\s+(?:just\s+|about\s+|nearly\s+|almost\s+|more than\s+|less than\s+)?"
                         r"(?:a|one|two|three|four|five|six|several|a few|\d+)\s+(?:weeks?|months?|years?)\s+after\b", re.I)
_AFTER_IT = re.compile(r"\b(?:after|since|following|before)\s*$", re.I)
_ANAPHOR_RX = re.compile(
    r"\b(?:the|this|that|these|those|today's|yesterday's|latest|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)))\s+"
    r"(?:[\w-]+\s+){0,2}(?:strikes?|attacks?|raids?|bombings?|explosions?|blasts?|assaults?|clash(?:es)?|fighting|"
    r"battles?|incident|operation|protests?|shelling|ambush|shooting)\b", re.I)
# "In a separate incident on Wednesday, ...": more news of the day, not context for the lead.
_PARALLEL_NEWS = re.compile(r"\b(?:(?:in )?(?:a|another) separate [\w-]+|separately|"
                            r"in (?:another|a further) (?:incident|attack)|elsewhere|meanwhile)\b", re.I)
_ORDINAL_REF = re.compile(r"\b(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)|latest)\s+(?:[\w-]+\s+){0,2}"
                          r"(?:strikes?|attacks?|raids?|bombings?|incidents?)\s+(?:in|since|this|of|against|on|at|near)\b", re.I)
_CASUALTY_HINT = re.compile(r"kill|dead|died|death|wound|injur|hurt|casualt|fatalit|slain|massacr|lives|toll|bodies|"
                            r"perish|execut|behead|murder|hospitali", re.I)


class _LazySources:
    """The attribution of a sentence, computed on first use (most sentences never need it)."""

    def __init__(self, sent: Any, outlet: str | None, text: str | None, kb: ActorKB) -> None:
        self._sent = sent
        self._outlet = outlet
        self._text = text
        self._kb = kb
        self._found: list[Any] | None = None

    def _get(self) -> list[Any]:
        if self._found is None:
            self._found = attribution_for(self._sent, self._outlet, self._text, self._kb)
        return self._found

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._get())

    @property
    def attributed(self) -> bool:
        return any(a.kind != "outlet" for a in self._get())

    @property
    def main(self) -> str | None:
        return next((a.source for a in self._get() if a.kind != "outlet"), None)


_AERIAL_FAMILY = {"Air/drone strike", "Shelling/artillery/missile attack", "Disrupted weapons use"}
# bodies described by their standing fight ("two associations fighting over the route"), which is no event
_RIVAL_BODIES = frozenset({"association", "group", "faction", "gang", "clan", "militia", "party", "cartel", "network",
                           "family", "community", "tribe"})
_CIVIL_VEHICLES = frozenset({"taxi", "minibus", "bus", "car", "truck", "lorry", "van", "motorist", "passenger", "traveller",
                             "traveler", "commuter", "matatu", "coach"})


def _scene_date(date: EventDate | None, before: Any, si: int, last_sent_of: dict[int, int]) -> EventDate | None:
    """``date`` when the sentence just before, which told no event, named it: it sets the scene of this one
    ("On Sunday morning, officers tracked three suspects to a house. The men opened fire ...")."""
    if date is None or date.start is None or before is None or date.from_publication_date \
            or not before.start_char <= date.start < before.end_char or si - 1 in last_sent_of.values():
        return None
    # (only a day that opens the sentence sets a scene; "the toll remained unclear on Sunday" sets none)
    return date if _SCENE_OPENER.fullmatch(before.doc.text[before.start_char:date.start]) else None


_SCENE_OPENER = re.compile(r"\s*(?:(?:early |late |later )?on |in the early hours of |at dawn on |by )?", re.I)


def _one_fight(sub: str, other: str) -> bool:
    """A report of kind ``sub`` right after one of kind ``other`` tells the same street fight: the police who
    broke up the riot just told, or "members of A and B fought with machetes" after "fighting between rival
    groups". (Not a protest first told as broken up and then as a riot: those are often two.)"""
    return sub in _INTERVENTIONS and other in ("Violent demonstration", "Mob violence") \
        or {sub, other} == {"Armed clash", "Mob violence"}


_AGGREGATE_NOUNS = frozenset({"attack", "strike", "raid", "incident", "bombing", "assault", "operation"})
_CASUALTY_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
_NEW_EVENT_RX = re.compile(r"\b(?:also|separately|another|meanwhile|elsewhere|in a separate|earlier|later|"
                           r"in (?:a|an) (?:separate|unrelated)|a day (?:earlier|later))\b", re.I)
# an entry of a dated chronology ("March 10: Officers arrest two men ...", "12 March - ..."): told as news, in
# the historical present
_TIMELINE_ENTRY = re.compile(r"\s*(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
                             r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2}|\d{1,2} (?:January|"
                             r"February|March|April|May|June|July|August|September|October|November|December))"
                             r"(?:,? \d{4})?\s*[:\u2013\u2014-]\s")
# a live blog's time stamp opening an entry ("13:15 - ", "0940 GMT:"): what follows is the news of that hour
_CLOCK_ENTRY = re.compile(r"\s*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|GMT|UTC|local time)?|\d{4}\s*(?:GMT|UTC|hrs))"
                          r"\s*[:\u2013\u2014-]\s")
_TIMELINE_DAYS = 31  # how far back a chronology's entries are still news, not context
_NEWS_TIME = re.compile(r"\b(?:today|tonight|this morning|overnight|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b", re.I)
_AGENT_VERBS = frozenset({"claim", "deny", "carry", "conduct", "launch", "stage", "mount", "perform", "execute",
                          "admit", "take", "accept"})
_MILITARY_HINT = re.compile(r"\b(?:forces?|troops|army|military|soldiers|jets|militias?|fighters|police|navy|guards?|"
                            r"service ?members|servicemen|personnel|units|gendarmes?|marines|patrols?)\b", re.I)
_TARGET_NOUNS = re.compile(r"\b(?:depot|facility|facilities|base|bases|compound|headquarters|warehouse|storage|site|"
                           r"post|checkpoint|convoy|vehicle|positions?|building|camp|airport|airfield|bridge|port|"
                           r"installation|infrastructure|plant|station|centre|center|hospital|school|market|mosque|"
                           r"church|home|house|village|town|city|area|office|embassy|ship|vessel|tanker|pipeline|"
                           r"refinery|well|machine|targets?|(?:mini)?bus|car|taxi|truck|lorry|rickshaw|minivan|"
                           r"apartment|block|kindergarten|nursery|university|dormitory)"
                           r"(?:s|es)?\b", re.I)


# -- tolerant wrappers around the other extractors ---------------------------------------------
def _optional(module: str, attr: str) -> Callable[..., Any] | None:
    """``eventwire.extract.<module>.<attr>`` or None while that module does not exist yet.

    Only a missing module is tolerated; errors raised inside an existing extractor propagate.
    """
    name = f"eventwire.extract.{module}"
    try:
        mod = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise
    return getattr(mod, attr, None)


def _weapons(article: Article, start: int, end: int) -> list[Weapon]:
    fn = _optional("weapons", "find_weapons")
    return list(fn(article, start, end)) if fn else []


_SEIZE_LEMMAS = frozenset({"seize", "find", "confiscate", "recover", "discover", "capture", "uncover", "impound",
                           "surrender", "hand", "collect", "store", "stockpile", "smuggle", "destroy", "dismantle"})
_INSTRUMENT_VERBS = frozenset({"fire", "use", "launch", "drop", "deploy", "shoot", "fly", "carry", "employ", "kill",
                               "wound", "injure", "hit", "target", "strike", "attack", "bomb", "shell", "destroy"})
# how attackers come to a fight: the vehicle they come in is part of the attack ("rode in on pickups")
_ARRIVE_VERBS = frozenset({"arrive", "come", "ride", "drive", "travel", "approach", "advance", "roll", "storm"})
_VEHICLE_PREPS = frozenset({"in", "aboard"})
# "on" is a vehicle only for who rides or comes on it ("came on motorbikes"); "advanced on the tanks" is a target
_ON_VEHICLE_VERBS = frozenset({"ride", "come", "arrive"})


def _instrument_weapons(doc: Any, weapons: list[Weapon], trig: Any, ts: int, te: int, sub: str) -> list[Weapon]:
    """Only the weapons the event was carried out with.

    Dropped: a generic word that names the target or another event ("weapons depot", "ammunition
    store", "drone and rocket attacks on US troops" when the trigger is another word), a generic word
    that is the head of a more specific mention ("F-16 fighter jets" -> F-16 only), a generic word in
    another clause than the trigger ("... came from the destruction of old munitions"), and weapons
    seized or found, unless the event is itself a Disrupted weapons use.
    """
    if not weapons or sub == "Arrests":
        return []  # (an arrest uses none: "arrested a man suspected of assembling drones")
    toks: list[Any] = []
    for w in weapons:
        span = doc.char_span(w.start, w.end, alignment_mode="expand") if w.start is not None else None
        toks.append(span.root if span is not None and len(span) else None)
    weapon_idx = {t.i for t in toks if t is not None}
    specific_heads = {t.head.i for w, t in zip(weapons, toks) if t is not None and not _generic(w)}
    trig_clause = _clause_head(trig)
    keep = []
    for w, tok in zip(weapons, toks):
        if tok is None:
            keep.append(w)
            continue
        base = tok
        while base.dep_ == "conj" and base.head.i != base.i:
            base = base.head  # "drone and rocket attacks": "rocket" modifies what "drone" modifies
        in_trigger = ts <= tok.idx < te
        if sub != "Disrupted weapons use" and (_seized(base) or _struck(base)):
            continue
        if tok.pos_ == "VERB" and _generic(w):
            continue  # "jets to bomb villages", "they shelled the town": the act, not a weapon
        if _generic(w) and not in_trigger:
            if tok.i in specific_heads:
                continue
            head = base.head
            if base.dep_ in ("compound", "nmod", "amod") and head.i not in weapon_idx and not (ts <= head.idx < te):
                continue
            clause = _clause_head(tok)
            if clause.i != trig_clause.i and clause.lemma_ not in _INSTRUMENT_VERBS and not _side_platform(w, base, trig):
                continue
        keep.append(w)
    return keep


def _air_launched(article: Article, trig: Any, start: int, end: int) -> bool:
    """An aircraft or drone (a platform the weapons lexicon knows, "Yak-130", "Mi-24") is who fired:
    the subject of the trigger's verb or the agent/origin of the fire ("fired from a helicopter")."""
    pred = _predicate(trig)
    if pred.pos_ not in ("VERB", "AUX"):
        pred = _clause_head(trig)  # "struck a village in the region with rockets": "with" hangs on "region"
    agents = [c for c in pred.children if c.dep_ == "nsubj"]
    if pred.dep_ == "advcl":  # "Drones circled over the camp before four missiles struck a car"
        agents += [c for c in pred.head.children if c.dep_ == "nsubj"]
    # "Su-25 rockets", or a parse that made "A Yak-130 fired rockets" one noun phrase
    agents += [c for c in trig.children if c.dep_ in ("compound", "nummod", "amod", "nmod") and c.i < trig.i]
    for c in pred.children:
        if (c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "from")):
            agents += [o for o in c.children if o.dep_ == "pobj"]
    if not agents:
        return False
    doc = trig.doc  # (the platform's own mention, not the trigger: "drone" in "a drone strike" is typed already)
    for w in _weapons(article, start, end):
        if w.category != "MILITARY_PLATFORM" or w.start is None or not _AIRBORNE.search(w.subtype or w.name):
            continue
        if "defen" in (w.subtype or ""):
            continue  # an air-defence system fires from the ground
        tok = _token_at(doc, w.start, w.end or w.start + 1)
        if tok is not None and any(a.left_edge.i <= tok.i <= a.right_edge.i for a in agents):
            return True
    return False


def _side_platform(w: Weapon, tok: Any, trig: Any) -> bool:
    """``tok`` is a platform the event's actor (the subject of ``trig``'s verb) came in or was backed by
    ("The raiders came in armoured pickups", "police, who were supported by a helicopter, ..."): it took
    part in the fight whatever the clause's verb."""
    prep = tok.head
    if w.category != "MILITARY_PLATFORM" or tok.dep_ != "pobj":
        return False
    verb = prep.head
    came = prep.lower_ in _VEHICLE_PREPS and verb.lemma_ in _ARRIVE_VERBS or \
        prep.lower_ == "on" and verb.lemma_ in _ON_VEHICLE_VERBS
    if not (came or prep.dep_ == "agent" and verb.lemma_ in _HELP_LEMMAS):
        return False
    who, actor = _clause_subject(verb, described=True), _clause_subject(_predicate(trig), described=True)
    return who is not None and actor is not None and (who.i == actor.i or who.lemma_ == actor.lemma_)


def _generic(w: Weapon) -> bool:
    """A lexicon word ("drone", "weapon") rather than a designation or model ("F-16", "MQ-9 Reaper")."""
    return w.name[:1].islower()


def _seized(tok: Any) -> bool:
    """``tok`` is what was seized or found ("seized two rifles", "weapons were found")."""
    return tok.dep_ in ("dobj", "nsubjpass", "pobj") and tok.head.lemma_ in _SEIZE_LEMMAS


# verbs whose object is what was attacked: "a drone struck a military vehicle", "hit a T-72 tank"
_STRIKE_LEMMAS = frozenset({"hit", "strike", "target", "attack", "destroy", "damage", "ambush", "bomb", "shell",
                            "ram", "torch", "burn"})


def _struck(tok: Any) -> bool:
    """``tok`` is what the attack hit ("struck a military vehicle", "a convoy was hit"), not what it used."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("on", "at", "against"):
        return head.head.lemma_ in _STRIKE_LEMMAS  # "fired on an armoured car" names the target too
    return tok.dep_ in ("dobj", "nsubjpass") and head.lemma_ in _STRIKE_LEMMAS


def _location(article: Article, start: int, end: int) -> Location | None:
    fn = _optional("places", "event_location")
    return fn(article, start, end) if fn else None


def _date(article: Article, start: int, end: int, trigger: int | None = None) -> EventDate | None:
    fn = _optional("times", "event_date")
    return fn(article, start, end, trigger) if fn else None


# -- helpers on the parse ------------------------------------------------------------------------
# nouns that only measure what follows "of" ("dozens of rockets", "a salvo of missiles")
_QUANTITY_NOUNS = frozenset({"dozen", "dozens", "score", "scores", "hundred", "hundreds", "thousand", "thousands",
                             "barrage", "salvo", "volley", "wave", "swarm", "series", "number", "couple", "pair",
                             "handful", "string", "hail", "round", "rounds", "burst", "group", "band"})


def _own_date(date: EventDate | None, start: int, end: int) -> EventDate | None:
    """``date`` when the text names it in ``[start, end)``; a date found outside (the dateline's, the story's
    last) says nothing about which event the span tells."""
    return date if date is not None and date.start is not None and start <= date.start < end else None


def _token_at(doc: Any, start: int, end: int) -> Any:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _predicate(tok: Any) -> Any:
    """The verb an event trigger belongs to ("jets struck" -> struck; "the strike killed" -> killed;
    "fleeing fighters torched a school" -> torched: a participle modifying a noun is where the noun is)."""
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
        return tok
    t = tok
    for _ in range(3):
        # "US F-16 jets bombed": the parser sometimes hangs a designation on a neighbour as nummod
        if t.dep_ in ("compound", "amod", "nmod") or (t.dep_ == "nummod" and not t.like_num):
            t = t.head
            continue
        if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") and t.head.pos_ in ("NOUN", "PROPN"):
            t = t.head  # "came with knives and machetes": the second noun of a pair is where the first is
            continue
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("NOUN", "NUM") \
                and t.head.head.lemma_ in _QUANTITY_NOUNS:
            t = t.head.head  # "fired dozens of rockets", "a barrage of mortar shells": the amount is the object
            continue
        if t.dep_ == "pobj" and t.head.lower_ == "with" and t.head.head.dep_ == "acl" and \
                t.head.head.lemma_ in ("arm", "equip"):
            t = t.head.head.head  # "militiamen armed with machetes attacked": the weapon is where its bearer is
            continue
        if t.dep_ == "pobj" and t.head.lower_ in ("including", "like") and t.head.head.pos_ in ("NOUN", "PROPN"):
            t = t.head.head  # "aircraft including helicopter gunships killed": the examples stand where the noun does
            continue
        break
    if t.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and t.head.pos_ in ("VERB", "AUX"):
        return t.head
    if t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent") and t.head.head.pos_ in ("VERB",):
        return t.head.head
    return tok


_BRACKETED = re.compile(r"\s*\(([^()\n]{2,20})\)")  # " (FLEC-FAC)" after a name


def _np(tok: Any) -> tuple[int, int]:
    """Character span of a noun phrase headed by ``tok``: left modifiers + head (+ "of X")."""
    left = tok.left_edge.i
    right = tok.i
    for c in tok.rights:
        # (and what armed men wear, which says who they are: "men in military uniform")
        if c.dep_ in ("appos",) or (c.dep_ == "prep" and c.lower_ == "of") or (
                c.dep_ == "prep" and c.lower_ == "in" and any(p.lemma_ == "uniform" for p in c.children)):
            right = max(right, c.right_edge.i)
        elif c.dep_ in ("compound", "amod", "nummod"):
            right = max(right, c.i)
    doc = tok.doc
    left = _after_line_break(doc, left, tok.i)
    while left < tok.i and (doc[left].is_punct or doc[left].lower_ in ("the", "a", "an") or line_marker(doc[left])
                            or _time_word(doc[left])):
        left += 1  # (and "On Monday morning officers arrested": the parser's time words are no part of who)
    while right > tok.i and doc[right].is_punct:
        right -= 1
    # an appositive stays out of an actor name ("US fighter jets, two F-15s," -> "US fighter jets")
    for t in doc[tok.i + 1: right + 1]:
        if t.text in (",", "(", "—", "–"):
            right = t.i - 1
            break
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _np_short(tok: Any) -> tuple[int, int]:
    """Span of the left modifiers + head of a noun (no determiners, no right-hand material)."""
    doc = tok.doc
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "npadvmod", "nummod", "poss") or c.text == "-":
            left = min(left, c.left_edge.i)
    left = _after_line_break(doc, left, tok.i)
    while left < tok.i and (doc[left].is_punct or doc[left].lower_ in ("the", "a", "an") or doc[left].like_num
                            or _time_word(doc[left])):
        left += 1
    return doc[left].idx, tok.idx + len(tok.text)


_TIME_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning",
                         "afternoon", "evening", "night", "overnight", "yesterday", "today", "tonight"})


def _time_word(tok: Any) -> bool:
    return tok.lower_ in _TIME_WORDS and tok.ent_type_ in ("DATE", "TIME")


def _after_line_break(doc: Any, left: int, head: int) -> int:
    """``left``, or the first token after the last break before ``head`` that ends a heading, a caption credit
    or a paragraph: a phrase does not run on from "NICARAGUA\nPro-government paramilitaries" (a line that only
    wraps a paragraph, "bombardment by the Syrian government\nforces", is no break)."""
    text = doc.text
    for i in range(head - 1, left - 1, -1):
        tail = doc[i].text + doc[i].whitespace_
        if "\n" in tail:
            at = doc[i].idx + tail.index("\n")
            line = text[text.rfind("\n", 0, at) + 1:at].strip()
            if len(line) <= 40 or line.isupper() or re.search(r"\n\s*\n", text[at:doc[i + 1].idx + 1]):
                return i + 1
    return left


def _group_span(tok: Any) -> tuple[int, int]:
    """Span of the group a headcount names, without the count: "suspected militants" of "three suspected
    militants" (its adjectives and compounds, no number or determiner)."""
    return min([c.left_edge.idx for c in tok.lefts if c.dep_ in ("compound", "amod")] + [tok.idx]), \
        tok.idx + len(tok.text)


def _target_phrase(tok: Any) -> str:
    """Short object phrase: compounds/adjectives + head ("a weapons depot near X" -> "weapons depot")."""
    doc = tok.doc
    start = max(tok.left_edge.i, tok.i - 5)
    while start < tok.i and (doc[start].dep_ in ("det", "predet", "nummod", "poss", "punct", "case", "quantmod")
                             or doc[start].like_num):
        start += 1
    return doc[start: tok.i + 1].text


def _is_actorlike(kb: ActorKB, text: str) -> bool:
    return kb.knows(text) or guess_kind(text) is not None or "-backed" in text or "-supported" in text


_TAKEOVERS = frozenset({"Non-state actor overtakes territory", "Government regains territory"})
_RETREAT_LEMMAS = frozenset({"withdraw", "retreat", "flee", "pull", "abandon", "leave", "evacuate"})
# verbs whose passive participle reads as active: "were engaged in fighting", "was involved in the attack"
_ACTIVE_PASSIVES = frozenset({"engage", "involve"})


def _one_change_of_hands(a: str | None, b: str | None) -> bool:
    """A takeover and a withdrawal told in one sentence are one event: "M23 took the town after the
    militias withdrew" (ACLED codes the takeover, the side that left as actor2)."""
    return bool({a, b} & _TAKEOVERS) and "Non-violent transfer of territory" in (a, b)


# verbs whose "with" names the other side ("clashed with", "fought with")
_FIGHT_LEMMAS = frozenset({"clash", "fight", "battle", "skirmish"})
_ARREST_LEMMAS = frozenset({"arrest", "detain", "apprehend", "nab", "jail", "imprison", "round", "hold", "capture"})

# heads whose "of X" names the people they are part of ("members of the cartel", "a unit of the army")
_PART_NOUNS = frozenset({"member", "fighter", "unit", "patrol", "group", "element", "supporter", "militant", "soldier",
                         "officer", "leader", "commander", "faction", "cell", "wing", "brigade", "battalion", "convoy"})
# heads that name people of another side by their relation to a group: as an object, "from X" / "of X" is the
# group they belong to ("fought rivals from the X gang"), not a place or a part of the actor
_MEMBER_NOUNS = frozenset({"rival", "loyalist", "defector", "splinter", "remnant"})
# verbs whose subject reacts to an event told as their object, without having done it
_ONLOOKER_LEMMAS = frozenset({"condemn", "denounce", "deplore", "decry", "criticise", "criticize", "investigate",
                              "mourn", "welcome", "document", "describe", "witness", "recall", "report", "confirm"})
_STATE_AND_ARMED = [{"state", k} for k in ARMED_KINDS]
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_ARMY_WORDS = re.compile(r"\b(?:army|military|troops|soldiers|armed forces|air force)\b", re.I)
_BOMBING = re.compile(r"\bbomb(?:s|ed|ing|ings)?\b", re.I)
_AIRBORNE = re.compile(r"\b(?:drones?|uavs?|aircraft|jets?|warplanes?|(?:air)?planes?|helicopters?|gunships?|bombers?|"
                       r"air ?strikes?|airstrikes?|air raids?|aerial|sorties?|air force)\b", re.I)
# targets that belong to an armed side: their owner ("Armenian positions", "an army checkpoint") is actor2
_MILITARY_TARGETS = frozenset({"position", "positions", "base", "post", "outpost", "checkpoint", "convoy", "patrol",
                               "barracks", "garrison", "camp", "trench", "bunker", "headquarters"})


def _names_a_side(kb: ActorKB, o: Any) -> bool:
    """The object headed by ``o`` is itself a party, not a thing whose "of"-phrase or clause mentions one:
    "the withdrawal of security forces" (a demand), "a column of motorcycles fleeing toward the Malian
    border" (no country's side) are not actors; "five members of the cartel" are."""
    s, e = _np_short(o)
    if _is_actorlike(kb, o.doc.text[s:e]) or o.lemma_.lower() in _PART_NOUNS or o.ent_type_ in ("NORP", "ORG"):
        return True
    counted = any(c.dep_ == "nummod" for c in o.children) and not any(c.dep_ == "prep" for c in o.children)
    return counted or o.pos_ == "PROPN"


_SELF_PRONOUNS = frozenset({"it", "they", "we"})
_POST_SPONSOR = re.compile(r"\s+(?:(?:aligned|allied|affiliated|linked|loyal)\s+(?:with|to)|(?:backed|supported|sponsored|funded|"
                           r"armed|sent|deployed)\s+(?:\w+\s+){0,3}?by)\s+(?P<who>(?:the\s+)?[\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})")


_HELP_LEMMAS = frozenset({"back", "support", "assist", "aid", "help", "accompany", "join", "reinforce", "escort"})


def _ally(tok: Any) -> bool:
    """``tok`` names who fights along with a side, not against it: "troops backed by local clan militia",
    "operating jointly with Congolese troops", "alongside allied militias"."""
    t = tok
    for _ in range(3):
        if t.dep_ == "pobj" and t.head.dep_ in ("prep", "agent"):
            p = t.head
            if p.lower_ in ("alongside", "beside") or (p.lower_ == "with" and any(
                    c.lower_ in ("jointly", "together") for c in p.head.children)) or (p.lower_ == "together"):
                return True
            if p.lower_ == "by" and p.head.lemma_ in _HELP_LEMMAS:
                return True
            t = p.head
        elif t.dep_ in ("conj", "appos", "compound"):
            t = t.head
        else:
            break
    return False


def _speaker_of(pred: Any) -> Any:
    """The (non-pronoun) subject of the reporting/claiming verb that governs ``pred``, or None."""
    t = pred
    for _ in range(3):
        if t.head.i == t.i or t.dep_ not in ("ccomp", "xcomp", "conj", "advcl"):
            return None
        t = t.head
        if t.lemma_ in SAY_LEMMAS or t.lemma_ in ("claim", "admit", "announce"):
            found = [c for c in t.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
            return found[0] if found else None
    return None


def _definite_mention(trig: Any) -> bool:
    """A singular noun trigger introduced as already known: "the strike", "this attack", "Wednesday's raid"."""
    return trig.pos_ == "NOUN" and trig.tag_ not in ("NNS", "NNPS") and _presupposed(trig)


# what violence does to a place or its people, not violence itself ("fighting had cut the road")
_EFFECT_VERBS = frozenset({"cut", "block", "close", "halt", "disrupt", "hamper", "paralyse", "paralyze", "shut",
                           "isolate", "trap", "strand", "force", "delay", "suspend", "prevent", "hinder", "impede",
                           "obstruct", "restrict", "interrupt"})
_DISPLACE_VERBS = frozenset({"flee", "displace", "evacuate", "uproot"})


def _consequence(trig: Any) -> bool:
    """The trigger only tells what violence caused: people fleeing or displaced ("more than 1,000 civilians
    have fled", "fled their homes after the attack", "displaced by the fighting") or an event noun as the
    subject of an effect ("Fighting had cut the main road", "the clashes forced schools to close")."""
    if trig.lemma_ in _DISPLACE_VERBS or trig.lower_.startswith("displacement"):
        return True
    if trig.pos_ not in ("NOUN", "PROPN") or guess_kind(trig.text) is not None:
        return False  # ("Gunmen forced the passengers off the bus": who acted, not what happened)
    if trig.dep_ == "nsubj" and trig.head.lemma_ in _EFFECT_VERBS | _DISPLACE_VERBS:
        return True
    t = trig
    for _ in range(3):  # "fled after the attack", "displaced by the fighting", "fled because of the shelling"
        if t.dep_ not in ("pobj", "prep", "agent", "pcomp") or t.head == t:
            return False
        t = t.head
        if t.lemma_ in _DISPLACE_VERBS:
            return True
    return False


# verbs that say a campaign goes on rather than that something happened ("would continue operations")
_ONGOING_VERBS = frozenset({"continue", "keep", "persist", "escalate", "intensify", "expand", "sustain", "maintain",
                            "pursue", "resume", "step", "broaden", "widen", "increase"})


def _ongoing(trig: Any) -> bool:
    """The trigger is what a verb of continuation governs: "continue operations", "keep targeting ships",
    "step up their attacks" (up the tree from the trigger to its clause)."""
    t = trig
    for _ in range(4):
        if t.lemma_ in _ONGOING_VERBS and t.pos_ in ("VERB", "AUX"):
            return True
        if t.head == t or t.dep_ in ("ROOT", "ccomp", "advcl", "relcl"):
            return False
        t = t.head
    return False


def _determined(tok: Any, words: tuple[str, ...]) -> bool:
    """``tok`` has one of ``words`` as its determiner ("the missile", "a drone")."""
    return any(c.dep_ == "det" and c.lower_ in words for c in tok.children)


_DEFINITE = ("the", "this", "that")


def _presupposed(trig: Any) -> bool:
    """The trigger names an event as already known: a noun with a definite determiner or a possessor,
    singular or plural ("the arrests", "Sunday's bombing"), or a participle on such a noun ("the men
    arrested"). Inside a question ("whether the arrests were linked to ...") it asks about the event, it
    does not report one."""
    noun = trig.head if trig.dep_ == "acl" and trig.tag_ == "VBN" else trig
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    return _determined(noun, (*_DEFINITE, "these", "those")) or any(c.dep_ == "poss" for c in noun.children)


# verbs that say where an aircraft or a group was, not that it attacked ("aircraft circled over the area")
_PRESENCE_VERBS = frozenset({"circle", "fly", "hover", "patrol", "see", "spot", "observe", "land", "overfly", "appear",
                             "hear", "monitor", "station", "remain"})
# what is done with an aircraft that is not an attack: "helicopters were sent / deployed to evacuate"
_SENT_VERBS = frozenset({"deploy", "send", "dispatch", "mobilize", "mobilise", "scramble", "move", "transfer", "ground"})
# participles that describe where a force is when governed by a present "be" or by "remain"
_STATE_VERBS = frozenset({"deploy", "station", "base", "garrison", "position"})
# subjects of "struck", "hit", "destroyed" that are nature, not an actor
_NATURAL_FORCES = frozenset({"water", "floodwater", "flood", "torrent", "rain", "storm", "wind", "lightning", "earthquake",
                             "quake", "tremor", "landslide", "mudslide", "avalanche", "wave", "tsunami", "cyclone",
                             "hurricane", "typhoon", "tornado", "hail", "drought", "wildfire", "flame", "river"})
_HABITUAL = frozenset({"regularly", "often", "routinely", "frequently", "usually", "repeatedly", "sometimes",
                       "occasionally", "typically"})


def _not_an_attack(trig: Any) -> bool:
    """Triggers that name no event: a platform that was only seen ("a coalition helicopter was seen over
    the area") or only sent ("helicopters were deployed to lift families from rooftops"), a force's standing
    presence ("900 US troops are deployed in Syria", "troops will remain deployed"; "were deployed", "have
    been deployed" and "are being deployed" are events), a habit in the present tense ("cells regularly
    attack SDF positions"), a simile ("came down like an attack") or nature striking ("torrents of water
    struck the town", "lightning struck a school")."""
    if trig.pos_ in ("NOUN", "PROPN") and trig.dep_ in ("nsubj", "nsubjpass") and (
            trig.head.lemma_ in _PRESENCE_VERBS or trig.dep_ == "nsubjpass" and trig.head.lemma_ in _SENT_VERBS):
        return True
    if trig.tag_ == "VBN" and trig.lemma_ in _STATE_VERBS:
        auxes = [c for c in trig.children if c.dep_ in ("aux", "auxpass")]
        if (auxes and all(a.tag_ in ("VBZ", "VBP") for a in auxes)) or (
                not auxes and trig.dep_ in ("acomp", "oprd") and trig.head.lemma_ in ("remain", "stay")):
            return True
    if trig.dep_ == "pobj" and trig.head.lower_ == "like":
        return True
    pred = _predicate(trig)
    if any(c.dep_ == "nsubj" and _natural_force(c) for c in pred.children):
        return True
    return pred.tag_ in ("VBZ", "VBP") and any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in pred.children)


def _past_non_event(doc: Any, s0: int, masked: str, cands: list[Candidate]) -> list[Candidate]:
    """"Drones circled over the camp for an hour before four missiles struck a car": when the top trigger
    names no event (``_not_an_attack``), the next one of the sentence that does leads instead."""
    if not cands:
        return cands
    first = _token_at(doc, s0 + cands[0].start, s0 + cands[0].end)
    if first is None or not _not_an_attack(first):
        return cands
    for c in (*cands[1:], *classify(masked)):
        tok = _token_at(doc, s0 + c.start, s0 + c.end)
        # (a clause of its own: a verb or its subject, not "in anticipation of more demonstrations")
        if c.score >= MIN_SCORE and tok is not None and tok.i != first.i and not _not_an_attack(tok) \
                and (tok.pos_ == "VERB" or tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB"):
            return [c]
    return cands


def _natural_force(tok: Any) -> bool:
    """``tok`` heads a phrase naming nature: "lightning", "torrents of water"."""
    return tok.lemma_.lower() in _NATURAL_FORCES or any(
        g.dep_ == "prep" and g.lower_ == "of" and any(w.lemma_.lower() in _NATURAL_FORCES for w in g.children)
        for g in tok.children)


def _agent_elsewhere(pred: Any, subj: Any) -> Any:
    """Who acted when the clause's subject is not the actor: the agent of a participle on the subject
    ("Mortars fired by Al-Shabaab fighters hit a base"), or, for victims in the passive, the subject of
    the clause saying how they died ("six policemen were killed when gunmen attacked a checkpoint")."""
    if subj is not None:
        for acl in subj.children:
            if acl.dep_ == "acl" and acl.tag_ == "VBN":
                for agent in acl.children:
                    objs = [o for o in agent.children if o.dep_ == "pobj"] if agent.dep_ == "agent" else []
                    if objs:
                        return objs[0]
    passive = subj is None or subj.dep_ == "nsubjpass"
    if passive and not any(c.dep_ == "agent" for c in pred.children):
        # (or of a passive joined to it, "A man was shot dead and a boy was wounded when gunmen opened fire",
        # which the parser may also hang beside it on "..., police said", and the "when" clause on the place
        # before it: "in the 14th arrondissement, when gunmen opened fire")
        joined = [v for v in (*pred.conjuncts, *(() if pred.head == pred else pred.head.children))
                  if v.i > pred.i and v.dep_ in ("conj", pred.dep_) and any(c.dep_ == "nsubjpass" for c in v.children)]
        for cl in [c for v in (pred, *joined) for c in v.children] + [
                t for v in (pred, *joined) for c in v.children if c.dep_ == "prep"
                for t in c.subtree if t.dep_ == "relcl"]:
            if cl.dep_ in ("advcl", "relcl") and any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as", "after")
                                                     for m in cl.children):
                found = [c for c in cl.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
                if found:
                    return found[0]
    return None


def _outside_source(doc: Any, cand: Candidate, masked: str, s0: int) -> Candidate:
    """``cand`` with its trigger moved out of the phrase that names the source ("..., the Ukrainian air
    force said": "air force" is who speaks, the drones are the attack), when the rest of the sentence has
    a trigger of the same sub-event; else ``cand`` unchanged."""
    tok = _token_at(doc, s0 + cand.start, s0 + cand.end)
    if tok is None:
        return cand
    head = tok
    while head.dep_ in ("compound", "amod", "nmod") and head.head != head:
        head = head.head
    if not _is_source_phrase(head):
        return cand
    lo, hi = doc[head.left_edge.i].idx - s0, doc[head.right_edge.i].idx + len(doc[head.right_edge.i]) - s0
    rest = masked[:lo] + " " * (hi - lo) + masked[hi:]
    other = next((c for c in classify(rest) if c.sub_event_type == cand.sub_event_type), None)
    if other is None:
        return cand
    return Candidate(cand.sub_event_type, cand.score, other.start, other.end, cand.rule, cand.rule_score)


_RECIPROCAL_OBJECTS = frozenset({"fire", "gunfire", "shot", "blow", "artillery"})  # "X and Y exchanged fire"


def _fighting_sides(b: "_Builder", trig: Any, parties: bool = False) -> tuple[Actor, Actor] | None:
    """The two sides a clash names together: "clashes between X and Y", "X and Y clashed" (a state
    force first, as ACLED lists it; else in the order of the text), or None unless there are two.
    ``parties``: the two subjects of an agreement ("X and Y signed a truce": not one side acting)."""
    pred = _predicate(trig)
    heads = [o for t in (trig, pred) for c in t.children if c.dep_ == "prep" and c.lower_ == "between"
             for o in c.children if o.dep_ == "pobj"]
    if not heads and (parties or not any(c.dep_ == "dobj" and c.lemma_ not in _RECIPROCAL_OBJECTS
                                         for c in pred.children)):
        # ("Malian troops and Wagner fighters killed 20 militants": who acts together on an object is one side)
        heads = [c for c in pred.children if c.dep_ == "nsubj"]
    for h in heads:
        sides: list[Actor] = []
        pair = next((m for m in h.children if m.dep_ in ("amod", "compound", "nmod") and len(m.conjuncts) == 1), None)
        if pair is not None and not h.conjuncts and not any(
                c.dep_ in ("prep", "agent") and c.lower_ in ("with", "against", "by")
                for c in pred.children):
            # "Thai and Cambodian troops (clashed)": one noun, two armies (not allies who fight a third side:
            # "Nigerian and Chadian troops clashed with the insurgents")
            for m in (pair, pair.conjuncts[0]):
                name = f"{m.text} {h.text}"
                if _is_actorlike(b.kb, name):
                    sides.append(b.kb.resolve(name, m.idx, m.idx + len(m.text), military=True))
            if len(sides) == 2 and sides[0].canonical and sides[0].canonical != sides[1].canonical:
                return sides[0], sides[1]
            sides = []
        for t in sorted([h, *h.conjuncts], key=lambda t: t.i):
            s, e = b._name_span(t)
            name = b.text[s:e]
            if _is_actorlike(b.kb, name) and not _is_headcount(t, b.kb.resolve(name)):
                sides.append(b.kb.resolve(name, s, e, military=True))
        if len(sides) == 2 and not (sides[0].canonical and sides[0].canonical == sides[1].canonical):
            if sides[1].kind == "state" and sides[0].kind != "state":
                sides.reverse()
            return sides[0], sides[1]
    return None


_RIVAL_COMMUNITIES = re.compile(r"\b(?:from|of|between) (?:the )?(?:rival |neighbouring |neighboring )?"
                                r"(?P<a>[A-Z][a-z]+) and (?P<b>[A-Z][a-z]+) (?:communities|clans|tribes|ethnic groups)\b")


def _rival_communities(b: "_Builder", sent: Any) -> tuple[Actor, Actor] | None:
    """"armed youths from the rival Kusasi and Mamprusi communities exchanged gunfire": the two communities'
    militias are the sides (named by _complete_sides once the country is known)."""
    m = _RIVAL_COMMUNITIES.search(b.text_of(sent))
    if m is None:
        return None
    s0 = sent.start_char
    kind = "identity_militia"
    return (Actor(name=m.group("a"), canonical=None, kind=kind, start=s0 + m.start("a"), end=s0 + m.end("a")),
            Actor(name=m.group("b"), canonical=None, kind=kind, start=s0 + m.start("b"), end=s0 + m.end("b")))


def _latest_takeover(events: list[EventReport]) -> int | None:
    """Index of the latest current (not background) takeover report, or None."""
    return next((i for i in range(len(events) - 1, -1, -1)
                 if events[i].sub_event_type in _TAKEOVERS and not events[i].background), None)


def _the_side_that_left(b: "_Builder", events: list[EventReport], last_sent_of: dict[int, int], si: int,
                        actor: Actor | None) -> Actor | None:
    """"Withdrawing gunmen burned a clinic" after "The rebels seized the town once the militia pulled
    out": an unnamed armed force described as retreating is the side of a takeover told in the last
    three sentences that left (of the same kind, or any armed group for a group), keeping the text's words;
    else None. Fleeing residents or protesters are no side."""
    if actor is None or actor.canonical is not None or actor.kind is None or actor.start is None:
        return None
    span = b.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    # ("retreating", "withdrawn": a retreat verb's participle describing the force)
    if span is None or not any(t.lemma_ in _RETREAT_LEMMAS and t.tag_ in ("VBG", "VBN") for t in span):
        return None
    k = _latest_takeover(events)
    if k is None or si - last_sent_of[k] > 3:
        return None
    left = events[k].actor2
    if left is None or left.canonical is None or not (
            actor.kind == left.kind or actor.kind in ARMED_KINDS and left.kind in ARMED_KINDS):
        return None
    return dataclasses.replace(left, name=actor.name, start=actor.start, end=actor.end)


def _retold_takeover(b: "_Builder", events: list[EventReport], sub: str, trig: Any, sent: Any, span: tuple[int, int],
                     own_date: EventDate | None) -> int | None:
    """The current takeover report that a later takeover of the same place retells (the taker's own word
    for it: "an M23 spokesman said the group had 'liberated' the town"): no day of its own and no other
    side taking it (a recapture is news of its own). None otherwise."""
    if sub not in _TAKEOVERS or own_date is not None:
        return None
    k = _latest_takeover(events)
    if k is None:
        return None
    place, told = _location(b.article, *span), events[k].location
    if place is None or told is None or place.name != told.name:
        return None
    taker, _, _ = b.arguments(trig, sent, True)
    # the same kind of change of hands, which ACLED tells by who takes: the state taking back what rebels
    # took is news of its own. (With no taker named the verb's type says nothing: the rebels' own "liberated"
    # reads as a government's word.)
    if taker is not None and taker.kind is not None and events[k].sub_event_type != (
            "Government regains territory" if taker.kind == "state" else "Non-state actor overtakes territory"):
        return None
    return None if _other_sides(b.kb, events[k].actor1, taker) else k


# what names a change of hands as the subject of "followed fighting"
_TAKEOVER_NOUNS = frozenset({"capture", "takeover", "seizure", "fall", "withdrawal", "retreat", "recapture"})


def _battle_before(b: "_Builder", events: list[EventReport], trig: Any, span: tuple[int, int]
                   ) -> tuple[Actor, Actor] | None:
    """"The takeover followed heavy fighting on Tuesday": the fighting a takeover followed was fought by the
    side that took the place and the side that lost it (the latest current takeover report's sides). The
    subject must name that takeover (a takeover noun, or "this"/"it" right after it: "The protest followed
    fighting" is no change of hands), and fighting placed elsewhere is another battle."""
    pred = _predicate(trig)
    subj = next((c for c in pred.children if c.dep_ == "nsubj"), None)
    if pred.lemma_ != "follow" or trig.dep_ != "dobj" or subj is None:
        return None
    k = _latest_takeover(events)
    if k is None or events[k].actor1 is None or events[k].actor2 is None:
        return None
    named = subj.lemma_.lower() in _TAKEOVER_NOUNS and _determined(subj, _DEFINITE)
    anaphor = subj.lower_ in ("this", "it", "that") and k == len(events) - 1
    if not (named or anaphor) or _distinct_places(b.article, events[k].location, _own_place(b.article, trig, *span)):
        return None
    return dataclasses.replace(events[k].actor1), dataclasses.replace(events[k].actor2)


# "the Abgaal and Habar Gidir clans": two named groups sharing one group noun
_TWO_GROUPS = re.compile(r"\b(?P<a>(?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*)\s+and\s+(?:the\s+)?"
                         r"(?P<b>(?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*)\s+"
                         r"(?P<noun>clan|tribe|communit|factions?)(?:s|ies|y)?\b")


def _named_parties(b: "_Builder", sent: Any) -> tuple[Actor, Actor] | None:
    """The parties of an agreement named as "the X and Y clans" (each a clan of its own: X clan, Y clan)."""
    text = b.text_of(sent)
    m = _TWO_GROUPS.search(text)
    if m is None:
        return None
    noun = {"communit": "community"}.get(m["noun"], m["noun"].rstrip("s"))
    s0 = sent.start_char
    return tuple(b.kb.resolve(f"{m[g]} {noun}", s0 + m.start(g), s0 + m.end(g))  # type: ignore[return-value]
                 for g in ("a", "b"))


def _accused(trig: Any) -> Any:
    """Who an event noun is blamed on: "Activists accused the army of an air strike", "blamed the
    rebels for a bombing" (the accused is the alleged doer; the gerund form is :func:`accusing_verb`'s)."""
    if trig.pos_ not in ("NOUN", "PROPN") or trig.dep_ != "pobj" or trig.head.lower_ not in ("of", "for"):
        return None
    head = trig.head.head
    verb = head.head if head.dep_ == "dobj" else head
    if verb.lemma_ not in ("accuse", "blame") or verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"), None)


def _stranded_subject(kb: ActorKB, pred: Any, text: str) -> Any:
    """The subject of a reported finite verb the parser left without one ("The army said its troops and
    allied Joint Forces had repelled ...", where "troops" became the object of "said"; "witnesses said
    soldiers returning from a patrol killed ...", where "soldiers" became the subject of "returning"): the
    first actor noun between the reporting verb and the verb."""
    if pred.pos_ != "VERB" or pred.dep_ != "ccomp" or pred.head.lemma_ not in SAY_LEMMAS or \
            any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in pred.children) or \
            not (pred.tag_ == "VBD" or any(c.dep_ == "aux" for c in pred.children)):
        return None
    for t in pred.doc[pred.head.i + 1: pred.i]:
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod", "nmod", "poss", "pobj") and \
                _is_actorlike(kb, text[slice(*_np(t))]):
            return t
    return None


def _is_source_phrase(tok: Any) -> bool:
    """``tok`` heads the subject of a reporting verb or the object of "according to"."""
    if tok.dep_ == "nsubj" and tok.head.lemma_ in SAY_LEMMAS:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def _speaks(tok: Any) -> bool:
    """``tok`` names who tells the news, not a side: a source phrase (:func:`_is_source_phrase`) or a noun
    inside it ("said Jane Roe, a leader of the X militia", "X and UN experts say"), or a noun phrase the
    parser cut off from the reporting verb right after it, set off by a comma ("..., an aid worker who
    declined to give her name told us") or opening the sentence ("A local official who asked not to be named
    told reporters that ...")."""
    t = tok
    for _ in range(6):
        if _is_source_phrase(t):
            return True
        if t.dep_ not in ("appos", "pobj", "prep", "compound", "conj", "nmod", "poss") or t.head == t:
            break
        t = t.head
    # (the phrase's own end, not its conjuncts': "attacked the base in Gao and soldiers said nothing" has no
    # speaker cut off; one set off by a comma or opening the sentence is: ", a local official told reporters")
    nxt = max([tok.i] + [c.right_edge.i for c in tok.children if c.dep_ not in ("conj", "cc")]) + 1
    first = tok.left_edge.i
    set_off = first == tok.sent.start or (first > 0 and tok.doc[first - 1].text == ",")
    return tok.pos_ in ("NOUN", "PROPN") and nxt < len(tok.doc) and tok.doc[nxt].pos_ == "VERB" and \
        tok.doc[nxt].lemma_ in SAY_LEMMAS and set_off


def _is_headcount(tok: Any, actor: Actor) -> bool:
    """A counted, unnamed group of people ("nine militants", "seven people") is a casualty or detainee
    figure, not an actor: ACLED names the group they belong to, or nobody."""
    if actor.canonical is not None or actor.sponsor is not None:
        return False
    return any(c.dep_ == "nummod" or (c.like_num and c.i < tok.i) for c in tok.children)


class _Builder:
    """Per-article working state."""

    def __init__(self, article: Article, kb: ActorKB) -> None:
        self.article = article
        self.kb = kb
        self.doc = article.scratch["doc"]
        self.text = article.clean_text  # == doc.text; Doc.text rebuilds the string on every access
        self.pub = _parse_date(article.published_at)

    def in_timeline_entry(self, sent: Any) -> bool:
        """``sent`` is in a chronology's entry ("March 6 — A teenager is shot dead. A second dies later."):
        its line starts with a day and a dash."""
        line = self.text.rfind("\n", 0, sent.start_char) + 1
        return _TIMELINE_ENTRY.match(self.text, line) is not None

    def text_of(self, sent: Any) -> str:
        """``sent.text``, sliced from the article instead of rebuilt from the tokens."""
        return self.text[sent.start_char:sent.end_char]

    # arguments ---------------------------------------------------------------------------------
    def arguments(self, trig: Any, sent: Any, military: bool, skip: tuple[tuple[int, int], ...] = ()
                  ) -> tuple[Actor | None, Actor | None, str | None]:
        """(actor1, actor2, target) of the event of ``trig``; ``skip``: character spans of the sentence that
        belong to another event (the other side of "X while Y"), where no other side is looked for."""
        pred = _predicate(trig)
        actor1 = actor2 = None
        target = None
        text = self.text
        subj = None
        # the trigger itself can be the agent ("navy drones struck ...", "gunmen opened fire") or the
        # accused ("accused police helicopters of firing on the camp": the helicopters fired, not the accuser)
        if trig != pred and trig.dep_ in ("nsubj",) and _is_actorlike(self.kb, text[slice(*_np(trig))]) or \
                trig.dep_ == "dobj" and accusing_verb(trig) == pred:
            subj = trig
        # "The UN condemned the shelling of the camp": who reacts to an event named as an object did not do it
        onlooker = trig.pos_ in ("NOUN", "PROPN") and trig.dep_ == "dobj" and trig.head == pred \
            and pred.lemma_ in _ONLOOKER_LEMMAS
        if onlooker:  # (nor is it a side)
            skip = skip + tuple(_np(c) for c in pred.children if c.dep_ == "nsubj")
        for c in pred.children:
            if subj is None and c.dep_ == "nsubj" and c.pos_ != "PRON" and not onlooker:
                subj = _after_dateline(c, text)
            elif c.dep_ == "agent":
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs:
                    subj = objs[0]
        if subj is None and (pred.dep_ == "advcl" and pred.tag_ == "VBG" or pred.dep_ in ("advcl", "xcomp") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in pred.children)):
            # "Militants stormed a base, killing four soldiers": who killed is who stormed; "a camp was
            # attacked by militiamen, killing 15": who attacked; "police opened fire to disperse the crowd"
            subj = next((c for c in pred.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"
                         and not _in_dateline(c, text)), None) or next(
                (o for c in pred.head.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"), None)
        acl = pred.head if pred.dep_ == "conj" and pred.head.dep_ == "acl" else pred  # ("killed ... and abducted")
        if subj is None and acl.dep_ == "acl" and acl.tag_ == "VBN" and any(c.dep_ == "dobj" for c in acl.children):
            # a participle with an object is a finite verb the parser hung on a noun ("soldiers returning from
            # the ambush site killed 12 civilians"): its subject is the subject of the clause it sits in
            t = acl.head
            if _is_actorlike(self.kb, text[slice(*_np_short(t))]):
                subj = t  # ("— Gunmen on motorcycles killed 11 villagers" after a dateline: the noun it hangs on)
            while t.head != t and t.pos_ not in ("VERB", "AUX"):
                t = t.head
            subj = subj or next((c for c in t.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
        # (or a perfect: "its troops had intercepted the attackers and killed four of them")
        perfect = pred.dep_ == "conj" and pred.tag_ in ("VBN", "VBD") and pred.head.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in pred.head.children)
        if subj is None and pred.dep_ == "conj" and (pred.tag_ in _FINITE and pred.head.tag_ in _FINITE or perfect) \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in pred.children):
            # "Soldiers surrounded a house and killed two suspects": a conjoined verb shares the first one's subject
            # (up the chain: "stopped the trucks, forced the drivers out and set the vehicles on fire")
            first = pred
            while first.dep_ == "conj" and first.head != first and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in first.children):
                first = first.head
            subj = next((c for c in first.children if c.dep_ == "nsubj" and c.pos_ != "PRON"
                         and not _in_dateline(c, text)), None)
        if subj is None and pred.lemma_ in _ACTIVE_PASSIVES:
            # "Serb forces were engaged in ethnic cleansing": the passive form has an active sense
            subj = next((c for c in pred.children if c.dep_ == "nsubjpass" and c.pos_ != "PRON"), None)
        if subj is None and any(c.dep_ == "nsubj" and c.pos_ == "PRON" and c.lower_ in _SELF_PRONOUNS
                                for c in pred.children):
            # "The SDF said they had detained ...", "X said it attacked ...": the pronoun is the speaker
            speaker = _speaker_of(pred)
            if speaker is not None:
                subj = _after_dateline(speaker, text)
            elif pred.dep_ == "advcl" and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in pred.children):
                # "The group has grown since it seized the town": the main clause's subject, when the number
                # agrees ("The army shelled the village after they attacked" -- "they" is someone else)
                subj = next((c for c in pred.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"
                             and c.tag_ in ("NN", "NNP")), None)
        accuser = accusing_verb(trig) if subj is None else None
        if accuser is not None:
            # "M23 accused the army of using jets to bomb villages": the accused is the alleged attacker
            subj = next((c for c in accuser.children if c.dep_ == "dobj"), None)
        accused = _accused(trig) if subj is None else None
        if accused is not None:
            subj = accused
        if subj is None:
            subj = _stranded_subject(self.kb, pred, text)
        if subj is None:
            # "ISIS claimed responsibility for the bombing", "the Taliban denied carrying out the attack"
            t = pred
            for _ in range(4):
                if t.head == t:
                    break
                t = t.head
                if t.lemma_ in _AGENT_VERBS:
                    found = [c for c in t.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
                    if found:
                        subj = found[0]
                        break
        if subj is None and trig.pos_ in ("NOUN", "PROPN"):
            for c in trig.children:
                if c.dep_ == "prep" and c.lower_ == "by":
                    objs = [o for o in c.children if o.dep_ == "pobj"]
                    if objs:
                        subj = objs[0]
                elif c.dep_ in ("amod", "compound", "nmod", "poss") and c.ent_type_ in ("NORP", "GPE", "ORG") \
                        and guess_kind(trig.text) is None:
                    subj = c  # "Israeli strikes"; not "Moslem demonstrators", who are the people, not their attacker
        if subj is None or not _is_actorlike(self.kb, text[slice(*_np(subj))]):
            subj = _agent_elsewhere(pred, subj) or subj
        if subj is not None:
            # (the accused's phrase ends before "of <the event>")
            s, e = _np_short(subj) if subj == accused else self._name_span(subj)
            name = text[s:e]
            actor1 = self._owned(subj, pred, military)
            # ("Smoke rises over the hills during clashes": who does the verb around "during X" is only
            # a side of X when it is named as an actor)
            aside = trig.dep_ == "pobj" and trig.head.lower_ in ("during", "amid", "amidst") and trig != pred
            if actor1 is None and (_is_actorlike(self.kb, name) or (
                    subj.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") and not aside)):
                actor1 = self.kb.resolve(name, s, e, military=military)
        # object: an actor (the other side) or a thing (the target)
        objs = [c for c in pred.children if c.dep_ in ("dobj", "nsubjpass") and c != subj and not _in_dateline(c, text)]
        for c in pred.children:
            if c.dep_ == "prep" and (c.lower_ in ("on", "against", "at", "into", "targeting") or (
                    c.lower_ == "from" and pred.lemma_ in _SEIZE_LEMMAS) or (  # "seized weapons from the rebels"
                    c.lower_ == "with" and pred.lemma_ in _FIGHT_LEMMAS)):  # "soldiers clashed with a rebel unit"
                objs += [o for o in c.children if o.dep_ == "pobj"]
        if trig.pos_ in ("NOUN", "PROPN"):
            for c in trig.children:
                # ("the bombing of a police convoy", "the shelling of the camp": a gerund's "of" is who was hit)
                if c.dep_ == "prep" and (c.lower_ in ("on", "against", "at", "targeting") and trig != pred or
                                         c.lower_ == "of" and trig.lower_.endswith("ing")):
                    objs += [o for o in c.children if o.dep_ == "pobj"]
        victims = False  # the object is a count of civilians: the victims are named, no other side is looked for
        for o in objs:
            if o.i == trig.i and not _is_actorlike(self.kb, o.text):
                continue  # "Synchronised attacks were launched": the event noun is no side of itself
            if _speaks(o):
                continue  # ("killing six soldiers, a security official who asked not to be named told ...")
            if o.lemma_ in _QUANTITY_NOUNS:  # "rounded up dozens of activists": the activists
                o = next((p for c in o.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj"), o)
            s, e = _np(o)
            name = text[s:e]
            if actor1 is not None and actor1.start is not None and s <= actor1.start < e:
                continue
            if _TARGET_NOUNS.search(o.text) and not self.kb.knows(o.text):
                if target is None:
                    target = _target_phrase(o)
                if actor2 is None and military:
                    owner = self._target_owner(o)
                    if owner is not None and not (actor1 is not None and owner.canonical and owner.canonical == actor1.canonical):
                        actor2 = owner
            elif actor2 is None and o.lemma_ in _PART_NOUNS | _MEMBER_NOUNS and not _is_actorlike(self.kb, name):
                actor2 = self._group_inside(o)  # "battled rivals from the clan called the Red Hand"
            elif actor2 is None and (_is_actorlike(self.kb, name) or any(c.dep_ == "nummod" for c in o.children)) \
                    and _names_a_side(self.kb, o):
                cand = self.kb.resolve(name, s, e)
                if _is_headcount(o, cand):
                    # "seven people suspected of belonging to the Islamic State group": the group, not the headcount
                    group = self._group_inside(o)
                    if group is None and (pred.lemma_ in _ARREST_LEMMAS and cand.kind is not None or (
                            actor1 is not None and {cand.kind, actor1.kind} in _STATE_AND_ARMED)):
                        # "police arrested 12 protesters": who was arrested is the other side, counted or not;
                        # "troops killed four militants", "rebels ambushed a convoy, killing six soldiers": the
                        # dead are of the other side (unnamed armed group or state forces), named without the count
                        s, e = _group_span(o) if actor1 is not None and pred.lemma_ not in _ARREST_LEMMAS \
                            else _np_short(o)
                        group = self.kb.resolve(text[s:e], s, e)
                    victims = victims or (group is None and cand.kind == "civilians")
                    cand = group
                if cand is not None and not (actor1 is not None and cand.canonical and cand.canonical == actor1.canonical):
                    actor2 = cand
        if actor2 is None:
            # "took control of the town after the militias withdrew": who left is the other side
            for cl in pred.children:
                if not (_after_clause(cl) and cl.lemma_ in _RETREAT_LEMMAS):
                    continue
                who = next((c for c in cl.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
                if who is not None and _is_actorlike(self.kb, text[slice(*_np(who))]):
                    s, e = self._name_span(who)
                    actor2 = self.kb.resolve(text[s:e], s, e)
                    break
        # the target's owner: "a depot used by Iran-backed militias", or any other actor in the sentence;
        # only for uses of force (a protest's "demanding that foreign militias leave" names no opponent)
        if actor2 is None and military and not victims:
            actor2 = self._other_actor(sent, actor1, skip)
        return actor1, actor2, target

    def _owned(self, tok: Any, pred: Any, military: bool) -> Actor | None:
        """"Ukraine said its troops had shot down ...": a force named by a possessive pronoun belongs to the
        speaker, or else to the subject before it in the sentence or of the sentence before."""
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children):
            return None
        owner = _speaker_of(pred)
        if owner is None:
            doc = tok.doc
            sent = tok.sent
            earlier = [t for t in doc[sent.start: tok.i] if t.dep_ == "nsubj" and t.pos_ in ("NOUN", "PROPN")]
            if not earlier and sent.start > 0:
                prev = doc[sent.start - 1].sent
                earlier = [t for t in prev if t.dep_ == "nsubj" and t.pos_ in ("NOUN", "PROPN") and t.head.dep_ == "ROOT"]
            owner = earlier[-1] if earlier else None
        if owner is None:
            return None
        s, e = self._name_span(owner)
        name = self.text[s:e]
        if not _is_actorlike(self.kb, name) and owner.ent_type_ not in ("NORP", "GPE", "ORG"):
            return None
        # the owner's name with the force's noun: "Ukraine" + "troops" -> the Ukrainian armed forces
        found = self.kb.resolve(f"{name} {tok.text}", military=military)
        found.name, found.start, found.end = name, s, e
        return found

    def _target_owner(self, tok: Any) -> Actor | None:
        """The side a military target belongs to: "shelled Armenian positions", "stormed an army checkpoint",
        "ambushed a convoy of Frontier Corps soldiers" (a state's forces or a named armed group)."""
        if tok.lemma_.lower() not in _MILITARY_TARGETS or _TARGET_OWNER.match(self.text, tok.idx + len(tok.text)) \
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return None  # ("army posts held by a breakaway faction": the holder after it is the owner)
        # (who it belongs to, not what it is like: "a new military base" names no owner)
        mods = [c for c in tok.children if c.i < tok.i and (c.dep_ in ("compound", "poss", "nmod") or (
            c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE", "ORG")))]
        if mods:
            s, e = mods[0].left_edge.idx, mods[-1].right_edge.idx + len(mods[-1].right_edge.text)
        else:
            of = next((o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for o in c.children if o.dep_ == "pobj"), None)
            if of is None:
                return None
            s, e = self._name_span(of)
        name = re.sub(r"(?:'s|’s)$", "", self.text[s:e])
        if not (_is_actorlike(self.kb, name) or _MILITARY_HINT.search(name)):
            return None
        actor = self.kb.resolve(name, s, s + len(name), military=True)
        return actor if actor.kind == "state" or (actor.canonical and actor.kind in ARMED_KINDS) else None

    def _name_span(self, tok: Any) -> tuple[int, int]:
        """Span of the actor phrase headed by ``tok``; a trailing "in/of X" is kept when that makes a
        known name ("The Islamic Resistance in Iraq")."""
        s, e = _np(tok)
        d = dateline_around(self.text, s)
        if d is not None and s < d.end <= tok.idx:
            s = d.end  # "CULIACAN, Mexico, Aug 10 (Wire) - Gunmen": the parse joins the dateline to the subject
        if self.kb.knows(self.text[s:e]) and self.kb.names_group(self.text[s:e]):
            m = _BRACKETED.match(self.text, e)  # (with the acronym after it: "... of Cabinda (FLEC-FAC)")
            return (s, m.end()) if m and self.kb.names_group(m.group(1)) else (s, e)
        # "the Front for the Liberation of the Enclave of Cabinda (FLEC-FAC)": the organisation's whole name,
        # with the acronym that follows it, when that names a known group
        if tok.text[:1].isupper():
            ent = next((x for x in tok.doc.ents if x.start <= tok.i < x.end - 1 and x.label_ == "ORG"), None)
            last = max(tok.right_edge.i, ent.end - 1 if ent is not None else tok.i)
            last = next((t.i - 1 for t in tok.doc[tok.i + 1: last + 1] if t.text in ("(", ",")), last)
            while last > tok.i and tok.doc[last].is_punct:
                last -= 1
            if last > tok.i:
                e2 = tok.doc[last].idx + len(tok.doc[last].text)
                m = _BRACKETED.match(self.text, e2)
                if m and self.kb.names_group(m.group(1)):
                    return s, m.end()
                if self.kb.names_group(self.text[s:e2]):
                    return s, e2
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in ("in", "of", "for"):
                objs = [o for o in c.children if o.dep_ == "pobj"]
                if objs:
                    e2 = objs[0].idx + len(objs[0].text)
                    if self.kb.names_group(self.text[s:e2]):
                        return s, e2
            break
        return s, e

    def _group_inside(self, tok: Any) -> Actor | None:
        """A named group (KB entry) inside the phrase headed by ``tok``, or None; or a group the KB does not
        know, by its own name and acronym, when ``tok`` is its members ("two suspected members of the East
        Indonesia Mujahideen (MIT)")."""
        for t in tok.subtree:
            if t.i == tok.i or t.pos_ not in ("NOUN", "PROPN") or t.dep_ in ("compound", "amod", "nmod"):
                continue
            s, e = _np_short(t)
            if self.kb.names_group(self.text[s:e]):
                return self.kb.resolve(self.text[s:e], s, e)
        if tok.lemma_.lower() not in _PART_NOUNS:
            return None
        o = next((o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                  for o in c.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)
        if o is None:
            return None
        s = next(t.idx for t in o.subtree if t.dep_ != "det")
        e = o.idx + len(o.text)
        if guess_kind(self.text[s:e]) not in ARMED_KINDS:
            return None
        m = _BRACKETED.match(self.text, e)
        return self.kb.resolve(self.text[s:m.end() if m else e], s, m.end() if m else e)

    _OWNER = re.compile(r"\b(?:used|operated|run|controlled|held|occupied|belonging|linked|affiliated|associated)\s+(?:by|to|with)\s+"
                        r"(?P<who>(?:the\s+)?[\w.'-]+(?:[\s-]+[\w.'-]+){0,4})", re.I)

    def _other_actor(self, sent: Any, actor1: Actor | None, skip: tuple[tuple[int, int], ...] = ()) -> Actor | None:
        text = self.text_of(sent)
        m = self._OWNER.search(text)
        if m:
            who = m.group("who")
            who = re.split(r"\s+(?:in|near|at|on|and|who|which|that|,)\s+|,", who)[0]
            s = sent.start_char + m.start("who")
            if _is_actorlike(self.kb, who):
                return self.kb.resolve(who, s, s + len(who))
        allies: set[int] = set()  # "Malian troops and Russian Wagner fighters killed ...": the conjuncts fight together
        if actor1 is not None and actor1.start is not None and actor1.end is not None:
            span = self.doc.char_span(actor1.start, actor1.end, alignment_mode="expand")
            if span is not None:
                # (and what an apposition says actor1 is: "The X Front, a splinter of the Y movement, said ...")
                allies = {t.i for t in span.root.conjuncts} | {
                    t.i for c in span.root.children if c.dep_ == "appos" for t in c.subtree}
        for head in sent:
            if head.pos_ not in ("NOUN", "PROPN") or head.dep_ in ("compound", "amod", "poss", "nmod"):
                continue
            if any(a <= head.idx < z for a, z in skip):
                continue
            if head.i in allies or _ally(head):
                continue
            if _speaks(head):
                continue  # "the French military said ...": the speaker is not a side
            if _in_dateline(head, self.text):
                continue  # "PARIS (Wire) — A man was shot dead ...": where the story was filed
            if actor1 is not None and actor1.kind in ARMED_KINDS and head.lemma_.lower() in _DOER_NOUNS and any(
                    c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in head.children):
                continue  # "militiamen attacked the post, leaving four of the assailants dead": actor1 again
            c_s, c_e = _np_short(head)
            if actor1 is not None and actor1.start is not None and c_s <= actor1.start < c_e:
                continue
            if actor1 is not None and actor1.start is not None and actor1.start <= c_s < (actor1.end or 0):
                continue
            ctext = self.text[c_s:c_e]
            chunk_end = c_e
            hits = self.kb.lookup(ctext)
            if hits and all(h[2][0] == "state" for h in hits) and not _MILITARY_HINT.search(ctext):
                continue  # a bare country name outside the subject is a place ("in eastern Syria"), not a side
            if self.kb.knows(ctext) or re.search(r"-(?:backed|supported|sponsored)\b", ctext) or \
                    guess_kind(ctext) in ("rebel", "political_militia", "identity_militia", "protesters", "rioters"):
                cand = self.kb.resolve(ctext, c_s, chunk_end)
                if guess_kind(ctext) == "state" and not self.kb.knows(ctext) and cand.canonical is None:
                    continue  # (a force of no country: "Azerbaijani units" is Azerbaijan's, "the units" nobody's)
                if actor1 is not None and cand.canonical and cand.canonical == actor1.canonical:
                    continue
                post = _POST_SPONSOR.match(self.text, c_e)
                if post and cand.sponsor is None:
                    # "armed groups aligned with Tehran", "militias backed by Iran"
                    cand.sponsor = self.kb._entity_name(post.group("who"))
                if _is_headcount(head, cand):
                    continue  # "Nine militants were killed": the victims' headcount, not the opposing group
                return cand
        return None

    # background ----------------------------------------------------------------------------------
    def _days_ago(self, date: EventDate | None, sent: Any, lo: int, hi: int) -> bool:
        """``date`` is a day named in ``sent``, between ``lo`` and ``hi`` days before publication."""
        if date is None or not date.value or len(date.value) < 10 or date.from_publication_date or self.pub is None \
                or date.start is None or not sent.start_char <= date.start < sent.end_char:
            return False
        d = _parse_date(date.value[:10])
        return d is not None and lo <= (self.pub - d).days <= hi

    def is_background(self, trig: Any, sent: Any, date: EventDate | None, lead: bool = False) -> bool:
        """Whether the event of ``trig`` is context, not news; ``lead``: no current report found yet."""
        pred = _predicate(trig)
        kids = list(pred.children)
        # ("X said they had detained five", "the RSF had accused the army of striking": backshift, or the
        # accusation's tense, not an older event)
        reported_speech = pred.head != pred and pred.head.lemma_ in SAY_LEMMAS or accusing_verb(trig) is not None
        if not reported_speech and not self._days_ago(date, sent, 1, 7):
            # (a past perfect with a day of its own this week tells what led up to the news: "Farmers had
            # blocked the highway on Monday", and ACLED codes that too)
            if pred.tag_ == "VBN" and any(c.lower_ == "had" and c.dep_ in ("aux",) for c in kids):
                return True
            if any(c.lower_ == "had" for c in kids) and any(c.lower_ == "been" for c in kids):
                return True
        said = self.text_of(sent)
        entry = self.in_timeline_entry(sent)
        if any(t.tag_ in ("VBZ", "VBP") for t in sent) and not any(t.tag_ == "VBD" for t in sent) \
                and not _NEWS_TIME.search(said) and not any(t.lower_ in ("has", "have") and t.dep_ == "aux" for t in sent) \
                and not ((lead or entry) and _headline_present(pred)) \
                and not (entry and _present_passive(pred)) \
                and not (_CLOCK_ENTRY.match(said) and (_headline_present(pred) or _progressive(pred))):
            return True  # present-tense description ("US troops are deployed to fight ISIS"), not a reported event
        if pred.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in pred.children):
            return True  # "no clashes since the ceasefire took effect": the start of a period, told as context
        long_after = _LONG_AFTER.search(said)
        if long_after is not None and trig.idx >= sent.start_char + long_after.end():
            return True  # "The violence comes a week after fighters ambushed a convoy": the ambush is context
        head = _clause_head(pred)
        window = _clause_window(head, pred, trig, sent)
        if _BACKGROUND_RX.search(window) and not re.search(r"\b(?:today|tonight|this morning|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b", window):
            return True
        if date is not None and date.value and not date.from_publication_date and self.pub is not None:
            d = _parse_date(date.value[:10]) if len(date.value) >= 10 else None
            if d is not None and (self.pub - d).days > (_TIMELINE_DAYS if entry else 7):
                return True
            if re.fullmatch(r"\d{4}-\d{2}", date.value):
                y, mth = int(date.value[:4]), int(date.value[5:7])
                if (self.pub.year - y) * 12 + self.pub.month - mth >= 2:
                    return True
            if len(date.value) == 4 and date.value.isdigit() and int(date.value) < self.pub.year:
                return True
        return False


def _headline_present(pred: Any) -> bool:
    """An action verb in the simple present ("Protesters chant slogans"): how headlines and captions
    narrate the news, unlike states and passives ("troops are deployed to fight ISIS")."""
    return pred.tag_ in ("VBZ", "VBP") and pred.lemma_ not in ("be", "have") and \
        not any(c.dep_ in ("auxpass", "aux", "neg") for c in pred.children)


def _present_passive(pred: Any) -> bool:
    """A present passive ("a teenager is shot dead"): the narrative present of a dated chronology entry."""
    return pred.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ in ("is", "are") for c in pred.children)


def _progressive(pred: Any) -> bool:
    """A present progressive ("activists are marching"): what is going on as the entry is written."""
    return pred.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am") for c in pred.children)


def _clause_window(head: Any, pred: Any, trig: Any, sent: Any) -> str:
    """The text of the trigger's clause without relative/participial clauses that describe other
    nouns ("regained the town, seized by IS two months ago": the date is the seizure's, not ours)."""
    lo, hi = max(head.left_edge.i, sent.start), min(head.right_edge.i + 1, sent.end)
    doc = sent.doc
    skip: list[tuple[int, int]] = []
    for t in doc[lo:hi]:
        if t.dep_ in ("relcl", "acl") and t != head and t.head != trig and t.head != pred \
                and not t.left_edge.i <= pred.i <= t.right_edge.i:
            skip.append((t.left_edge.i, t.right_edge.i + 1))
    if not skip:
        return doc[lo:hi].text
    return " ".join(t.text for t in doc[lo:hi] if not any(a <= t.i < b for a, b in skip))


_WEAK_SCORE = 0.4  # "killed" alone (0.45): no event by itself, but an older dated one can be context
_OLD_MONTHS = 2


def _months_before(pub: dt.date, value: str) -> int:
    """Whole calendar months from the date ``value`` (YYYY, YYYY-MM or YYYY-MM-DD...) to ``pub``; 0 if unknown."""
    m = re.match(r"(\d{4})(?:-(\d{2}))?", value)
    if m is None:
        return 0
    y = int(m.group(1))
    if m.group(2) is None:
        return 12 * (pub.year - y) if y < pub.year else 0
    return (pub.year - y) * 12 + pub.month - int(m.group(2))


def _old_context(b: "_Builder", events: list[EventReport], cand: Candidate, s0: int, stext: str) -> bool:
    """The sentence reports an older event as context ("In February 2024, a coalition raid near X killed a
    senior official"): a weak violent trigger, a date of its own at least two months before publication,
    and a lead report already found (the lead is never context)."""
    if cand.score < _WEAK_SCORE or EVENT_TYPE_OF.get(cand.sub_event_type) not in _VIOLENT_TYPES or b.pub is None:
        return False
    return _has_lead(events) and _dated_back(b, s0, stext)


def _dated_back(b: "_Builder", s0: int, stext: str) -> bool:
    """The sentence at ``s0`` names a date of its own at least two months before publication."""
    if b.pub is None:
        return False
    end = s0 + len(stext.rstrip())
    d = _date(b.article, s0, end)
    if d is None or not d.value or d.from_publication_date or d.start is None or not s0 <= d.start < end:
        return False
    return _months_before(b.pub, d.value) >= _OLD_MONTHS


def _has_lead(events: list[EventReport]) -> bool:
    """Whether a current (non-background) report has been found yet."""
    return any(not e.background for e in events)


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# the news presented as following an earlier event ("the action follows Wednesday's attack", "comes a week after")
_FOLLOWS_RX = re.compile(r"\b(?:follows|followed|(?:comes?|came)\s+(?:[\w-]+\s+){0,3}?after|in response to|"
                         r"in retaliation for)\b", re.I)


def _earlier_instance(kb: ActorKB, lead: EventReport, sub: str, trig: Any, stext: str, actor1: Actor | None) -> bool:
    """An event dated before the lead is context for it, not more news, when it is of the lead's kind (an
    earlier attack of the series the story is about; not another side's strike, "the army said its aircraft
    struck RSF positions on Friday" after an RSF shelling), when the sentence names it as what the news
    follows ("the raid follows Monday's ambush"; not an event told in a clause of its own, "came two days after
    gunmen abducted a chief", which is news too; nor the fighting a takeover followed: the battle for the place
    is news of its own, ACLED codes both), or when it is named by its day ("Wednesday's strike")."""
    if (sub == lead.sub_event_type or {sub, lead.sub_event_type} <= _AERIAL_FAMILY) and \
            not _other_sides(kb, lead.actor1, actor1):
        return True
    if _FOLLOWS_RX.search(stext) and not (lead.sub_event_type in _TAKEOVERS and EVENT_TYPE_OF[sub] == "Battles") \
            and trig.pos_ in ("NOUN", "PROPN"):
        return True
    return trig.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME")
                                                  for c in trig.children)


def _news_of_the_night_before(b: "_Builder", lead: EventReport, date: EventDate | None, trig: Any, start: int,
                              end: int) -> bool:
    """"Two drones hit the power station in El Obeid overnight" in a story led by the day's shelling of El
    Fasher: told in its own clause, somewhere else, the day before -> news of its own, not the series' past."""
    d, d0 = _parse_date(date.value if date else None), _parse_date(lead.date.value if lead.date else None)
    if d is None or d0 is None or (d0 - d).days > 1 or _predicate(trig).tag_ != "VBD":
        return False
    return _distinct_places(b.article, lead.location, _own_place(b.article, trig, start, end))


def _other_sides(kb: ActorKB, a: Actor | None, b: Actor | None) -> bool:
    """Two attackers known not to be one side: two named actors of different sides, or a state force
    and a non-state group (False when either is unknown)."""
    if a is None or b is None:
        return False
    if a.canonical and b.canonical:
        return not kb.same_side(a.canonical, b.canonical)
    return None not in (a.kind, b.kind) and (a.kind == "state") != (b.kind == "state")


def _same_day(a: EventDate | None, b: EventDate | None) -> bool:
    """False only when both dates are known from the text and differ: two days, or a day outside the
    week, month or year the other names ("last week" vs "on Sunday")."""
    if a is None or b is None or not a.value or not b.value or a.from_publication_date or b.from_publication_date:
        return True
    if len(a.value) >= 10 and len(b.value) >= 10:
        return a.value[:10] == b.value[:10]
    day, period = (a.value, b.value) if len(a.value) >= 10 else (b.value, a.value)
    d = _parse_date(day[:10]) if len(day) >= 10 else None
    return d is None or _within(d, period)


def _within(d: dt.date, period: str) -> bool:
    """Whether day ``d`` lies in ``period`` (YYYY, YYYY-MM or YYYY-Www); True when the period is unreadable."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})|-W(\d{2}))?", period)
    if m is None:
        return True
    year, week = d.isocalendar()[:2]
    if m.group(3):
        return (year, week) == (int(m.group(1)), int(m.group(3)))
    if m.group(2):
        return (d.year, d.month) == (int(m.group(1)), int(m.group(2)))
    return d.year == int(m.group(1))


def _earlier(a: EventDate | None, b: EventDate | None) -> bool:
    """``a`` is a day of the text before the day ``b`` (False when either is only the publication date)."""
    if a is None or b is None or not a.value or not b.value or a.from_publication_date or b.from_publication_date:
        return False
    return len(a.value) >= 10 and len(b.value) >= 10 and a.value[:10] < b.value[:10]


_SAME_PLACE_KM = 5.0  # two gazetteer entries for one town, or a town and its airbase


_LOCATIVE = frozenset({"in", "near", "at", "outside", "off", "around", "inside", "across", "over", "on"})


def _own_place(article: Article, trig: Any, start: int, end: int) -> Location | None:
    """The event place named inside ``[start, end)`` in the clause of ``trig`` (None when it only comes
    from earlier text, or belongs to another verb: "called on the government in Baghdad")."""
    loc = _location(article, start, end)
    if loc is None or loc.start is None or loc.end is None or not start <= loc.start < end:
        return _there(article, trig)
    tok = _token_at(trig.doc, loc.start, loc.end)
    while tok is not None and tok.dep_ == "compound" and tok.head != tok:
        tok = tok.head  # a name resolved from its first words ("Dera" of "Dera Ismail Khan")
    if tok is None or tok.dep_ != "pobj" or tok.head.lower_ not in _LOCATIVE \
            or _CARE_IN.search(article.text, max(0, loc.start - 30), loc.start):
        return None  # "an attack on members of the U.S. forces": a place name that says whose, not where
    pred = _predicate(trig)
    for _ in range(8):  # up through nouns and prepositions to the first verb
        if tok is None or tok.i in (trig.i, pred.i):
            return loc
        if tok.pos_ in ("VERB", "AUX") or tok.head == tok:
            return None
        tok = tok.head
    return None


def _there(article: Article, trig: Any) -> Location | None:
    """"The mood was different in Lhokseumawe. There, protesters threw stones": the place the sentence
    before named is where "there" is."""
    if not any(c.lower_ == "there" and c.dep_ == "advmod" for c in _predicate(trig).children) \
            or trig.sent.start == 0:
        return None
    prev = trig.doc[trig.sent.start - 1].sent
    loc = _location(article, prev.start_char, prev.end_char)
    return loc if loc is not None and loc.start is not None and prev.start_char <= loc.start < prev.end_char else None


# the hospital in Yerevan the wounded were taken to is not where they were hit
_CARE_IN = re.compile(r"\b(?:hospitals?|clinics?|morgues?|mortuary|infirmary)\s+(?:in|at)\s+(?:the\s+)?$", re.I)


def _contains(article: Article, area: Location, other: Location) -> bool:
    """``area`` is a country or an administrative region that ``other`` lies in."""
    fcode = next((p.feature_code for p in article.places if p.start == area.start), None) or ""
    if area.country_code is None or area.country_code != other.country_code:
        return False
    if fcode in COUNTRY_CODES:
        return True
    # only the first-level unit of a place is known: a district or region inside the same province counts
    return fcode in ADMIN_CODES and area.admin1 is not None and area.admin1 == other.admin1


def _distinct_places(article: Article, a: Location | None, b: Location | None) -> bool:
    """Two places where separate events happened ("in Bannu" vs "in Lakki Marwat"); a region that
    holds the other place ("near Marib" vs "in Marib province") is the same place told more broadly."""
    if a is None or b is None or a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return False
    if (a.geonameid is not None and a.geonameid == b.geonameid) or a.name == b.name:
        return False
    if _contains(article, a, b) or _contains(article, b, a):
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) > _SAME_PLACE_KM


def _retype(ev: EventReport, sub: str) -> None:
    """Give ``ev`` the sub-event type ``sub``, with its event type and PLOVER coding."""
    ev.sub_event_type = sub
    ev.event_type = EVENT_TYPE_OF[sub]
    ev.plover = dict(PLOVER_OF[sub])


def _intercepted_weapon(trig: Any) -> Any:
    """What the interception of ``trig`` stopped: the object of "shot down X", the subject of "X was
    intercepted" (None when the parse names neither)."""
    pred = _predicate(trig)
    return next((c for c in pred.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _indefinite_weapon(trig: Any, sub: str) -> bool:
    """An interception of "a drone" / "an army drone": an indefinite noun phrase brings in a weapon not
    mentioned before, so the shooting down is not the outcome of the strike just told ("a second drone",
    "another drone" is one more of the same attack)."""
    if sub != "Disrupted weapons use":
        return False
    w = _intercepted_weapon(trig)
    return w is not None and w.tag_ == "NN" and _determined(w, ("a", "an")) \
        and not any(c.ent_type_ == "ORDINAL" or c.lower_ in ("other", "further", "additional", "remaining")
                    for c in w.children)


def _intercepted_attack(b: "_Builder", ev: EventReport, trig: Any, sent: Any, sources: Any, mod: str) -> None:
    """"The rebels said they fired a missile at the airport. The army said the missile was intercepted":
    the whole attack was stopped, and ACLED codes the interception (Disrupted weapons use), with the
    interceptor as actor1 and the launcher as actor2. An attack that hit anything stays what it was."""
    if ev.fatalities.value or ev.injuries.value:
        return
    w = _intercepted_weapon(trig)
    whole = w is not None and (
        (w.tag_ == "NN" and _determined(w, _DEFINITE))
        or w.lower_ == "it" or any(c.lower_ in ("all", "both", "every") for c in w.children))
    if not whole:
        return
    interceptor, _, _ = b.arguments(trig, sent, True)
    if interceptor is None or interceptor.kind is None:
        interceptor = _military_speaker(b.kb, sources, None)
    launcher = ev.actor1
    if interceptor is not None and launcher is not None and interceptor.canonical and \
            interceptor.canonical == launcher.canonical:
        return  # (the launcher's own words about its missile are no interception by another side)
    _retype(ev, "Disrupted weapons use")
    ev.actor1, ev.actor2 = interceptor, launcher
    ev.modality = mod
    ev.trigger = Span(trig.idx, trig.idx + len(trig))


def _distinct_report(b: "_Builder", ev: EventReport, trig: Any, sent: Any, span: tuple[int, int],
                     own_date: EventDate | None, military: bool) -> bool:
    """The sentence of ``trig`` reports another event than ``ev``, though nothing like "separately" says
    so: its own day, its own place, or an attacker who is neither side of ``ev`` ("Militants attacked a
    police post in Bannu. In Lakki Marwat, a roadside bomb hit a convoy.")."""
    if not _same_day(ev.date, own_date):
        return True
    # (where the story was filed says nothing about where the report's event was)
    told = ev.location if ev.location is None or ev.location.start is None or \
        dateline_around(b.text, ev.location.start) is None else None
    if _distinct_places(b.article, told, _own_place(b.article, trig, *span)) and not _its_weapons(ev, trig):
        return True
    if not military or ev.actor1 is None or ev.actor1.canonical is None or ev.actor2 is None:
        # an unknown other side may be who answers in this sentence ("troops fought back"); who condemns
        # or reacts ("The United States condemns this attack") is no attacker
        return False
    actor1, _, _ = b.arguments(trig, sent, military)
    if actor1 is None or actor1.canonical is None:
        return False
    return not any(b.kb.same_side(actor1.canonical, side.canonical)
                   for side in (ev.actor1, ev.actor2) if side is not None and side.canonical)


_THE_MUNITIONS = re.compile(r"\b(?:the|these|those)\s+(?:[\w-]+\s+)?(?:drones|missiles|rockets|shells|projectiles|UAVs)\b",
                            re.I)


def _instrument_of(tok: Any) -> bool:
    """``tok`` names what something was done with ("opened fire with machine guns and mortars")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ == "with"


def _its_weapons(ev: EventReport, trig: Any) -> bool:
    """The clause's subject is the report's own weapons named back ("The drones struck an apartment block in the
    Kyivskyi district" after "Russia attacked Kharkiv with 17 Shahed drones"): where they hit is a detail of it."""
    pred = _predicate(trig)
    subj = trig if trig.dep_ == "nsubj" else next((c for c in pred.children if c.dep_ == "nsubj"), None)
    if subj is None or not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in subj.children):
        return False
    names = {w.name.lower().split()[-1].rstrip("s") for w in ev.weapons} | \
        {w.subtype.lower().split()[-1] for w in ev.weapons if w.subtype}
    return subj.lemma_.lower() in names


def _own_man_held(events: list[EventReport], last_sent_of: dict[int, int], si: int, trig: Any) -> int | None:
    """"A soldier shot dead a driver. The army said the soldier had been detained": the state's own man who
    did what was just told, held by his own side, is an outcome of that report, not an Arrests event."""
    pred = _predicate(trig)
    held = next((c for c in pred.children if c.dep_ in ("nsubjpass", "dobj")), None)
    if held is None or guess_kind(held.text) != "state" or \
            not _determined(held, _DEFINITE):
        return None
    for k in range(len(events) - 1, -1, -1):
        a = events[k].actor1
        if si - last_sent_of[k] <= 2 and a is not None and a.kind == "state" and \
                {held.lemma_, held.lower_} & {w.lower() for w in re.findall(r"[\w-]+", a.name)}:
            return k
    return None


# Talks as the backdrop of other news ("despite peace talks ...") are no event of the day; talks that open or
# are held are an ACLED Agreement (its codebook counts peace talks), so only the backdrop is skipped.
_MORE_TALKS = re.compile(r"\bagree[ds]?\s+to\s+(?:hold|resume|continue|meet|return to|pursue|keep|start|begin|open)\b"
                         r"[^.;]{0,60}?\b(?:talks|negotiations|dialogue|round|meetings?|consultations|discussions)\b", re.I)
_TALKED_ABOUT = frozenset({"discuss", "debate", "consider", "negotiate", "propose", "demand", "seek", "urge", "study",
                           "examine", "review", "explore", "meet", "convene"})  # ("negotiators met in Kuala Lumpur")
_DEAL_CUE = re.compile(r"\b(?:cease-?fire|truce|deal|accord|pact|treaty|exchange|swap|handover|peace agreement|"
                       r"signed|sign|agreement on)\b", re.I)
_TALK_NOUNS = frozenset({"talk", "talks", "negotiation", "negotiations", "dialogue", "mediation", "consultation"})
_BACKDROP_PREPS = frozenset({"despite", "amid", "amidst", "during", "notwithstanding"})
_OPERATION_NOUNS = frozenset({"operation", "campaign", "offensive", "manhunt", "search", "crackdown", "hunt"})


def _operation_for(trig: Any) -> bool:
    """"The army said it had launched an operation to track down the attackers": the launch of an operation
    told by its aim ("to" + verb), with no fighting in it, is no ACLED event (fighting it brings is told
    on its own)."""
    pred = _predicate(trig)
    if pred.lemma_ not in ("launch", "begin", "start", "mount", "open", "announce"):
        return False
    op = next((c for c in pred.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_ in _OPERATION_NOUNS), None)
    if op is None:
        return False
    return any(c.dep_ in ("advcl", "xcomp", "acl", "relcl") and c.tag_ == "VB" and
               any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in (*pred.children, *op.children))


def _caption_text(article: Article, start: int) -> bool:
    """The sentence at ``start`` is the text of a photo caption whose label ("Photo:") the clean stage removed."""
    return any(r.reason == "caption" and r.end <= start and not article.text[r.end:start].strip()
               for r in article.removed)


def _asked(trig: Any) -> bool:
    """The trigger's clause is a "whether" question ("unclear whether the village had also been attacked")."""
    t = _predicate(trig)
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in t.children):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _in_clause(trig: Any, date: EventDate | None) -> EventDate | None:
    """``date`` when it is said in the clause of ``trig``, else None ("We buried twelve people on Wednesday,
    and several wounded were taken to hospital": Wednesday is the burial's day, not the wounding's)."""
    if date is None or date.start is None:
        return date
    lo, hi = _clause_span(trig)
    if lo <= date.start < hi:
        return date
    tok = _token_at(trig.doc, date.start, date.end or date.start + 1)
    # (a statement's day still tells reports apart: "..., the army said on Monday"; a day that opens the
    # sentence, "Saturday, March 21: Soldiers surrounded a house and killed ...", dates all its clauses)
    if tok is None or _clause_head(tok).lemma_ in SAY_LEMMAS:
        return date
    first = trig.doc.char_span(date.start, date.start + 1, alignment_mode="expand")
    opens = first is not None and all(t.is_space or t.lower_ == "on" for t in trig.doc[tok.sent.start: first.start])
    return date if opens else None


def _bare_toll(trig: Any) -> bool:
    """The trigger is a casualty verb whose subject is the victims and that names no attacker ("two
    soldiers were killed", "a woman died"): the outcome of an attack told elsewhere."""
    if trig.lemma_ not in _CASUALTY_VERBS | {"die"} or trig.pos_ != "VERB":
        return False
    if any(c.dep_ == "agent" for c in trig.children):
        return False
    subj = next((c for c in trig.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and (subj.dep_ == "nsubjpass" or trig.lemma_ == "die")


def _new_attacker(b: "_Builder", ev: EventReport, trig: Any, etype: str) -> bool:
    """Violence with an attacker of its own after a report of no violence ("Police arrested 40 people
    after protests. On Saturday, gunmen killed a police officer"): another event, however weak its trigger."""
    if etype not in _VIOLENT_TYPES or ev.event_type in _VIOLENT_TYPES or ev.sub_event_type == "Disrupted weapons use":
        return False
    subj = _clause_subject(_predicate(trig))
    if subj is None or subj.pos_ == "PRON" or subj.dep_ != "nsubj":
        return False  # ("A woman was killed": a victim, no attacker)
    return guess_kind(b.text[slice(*_np(subj))]) not in (None, "civilians") or b.kb.knows(b.text[slice(*_np(subj))])


def _assault_on_crowd(b: _Builder, trig: Any) -> Any:
    """The verb of an armed group's assault on the people a crowd word describes ("paramilitaries stormed a
    campus, beating students who had gathered for a vigil": beating), or None."""
    head = _clause_head(trig)
    if head.dep_ not in ("relcl", "acl") or head.head.dep_ not in ("dobj", "pobj"):
        return None
    verb = head.head.head
    if verb.dep_ == "prep":
        verb = verb.head
    if verb.pos_ != "VERB":
        return None
    holder = verb.head if verb.dep_ in ("advcl", "conj", "xcomp") and not any(
        c.dep_ == "nsubj" for c in verb.children) else verb
    subj = next((c for c in holder.children if c.dep_ == "nsubj"), None)
    return verb if subj is not None and guess_kind(b.text[slice(*_np(subj))]) in ARMED_KINDS else None


def _clause_head(tok: Any) -> Any:
    t = tok
    while t.head != t and t.dep_ not in ("ROOT", "conj", "advcl", "ccomp", "parataxis", "relcl"):
        t = t.head
    return t


def _alleged(doc: Any, s0: int, cand: Candidate) -> bool:
    """The trigger of ``cand`` is what someone is accused of ("accused the army of bombing villages")."""
    tok = _token_at(doc, s0 + cand.start, s0 + cand.end)
    return tok is not None and accusing_verb(tok) is not None


_CONTRAST_MARKS = frozenset({"while", "whereas", "meanwhile"})


def _contrast_clause(head: Any) -> bool:
    """``head`` heads the "while Y" side of "X while Y"."""
    return head.dep_ in ("advcl", "conj") and head.pos_ in ("VERB", "AUX") and \
        any(c.dep_ in ("mark", "advmod", "cc") and c.lower_ in _CONTRAST_MARKS for c in head.children)


def _clause_span(tok: Any, other: Any = None) -> tuple[int, int]:
    """Character span of the clause of ``tok``, without a clause at its edge that holds another event: a
    "while" clause ("Militants attacked a post while the army shelled positions": the attack's clause ends
    at "post") or the subordinate clause of ``other``, the sentence's first trigger ("Police detained four
    men after a bomb exploded, killing three people": the deaths are not the arrests')."""
    head = _clause_head(tok)
    doc = tok.doc
    lo, hi = head.left_edge.i, head.right_edge.i
    for c in head.children:
        if c.left_edge.i <= tok.i <= c.right_edge.i:
            continue
        holds_other = other is not None and c.dep_ in ("advcl", "conj", "ccomp", "parataxis") and \
            c.left_edge.i <= other.i <= c.right_edge.i
        if _contrast_clause(c) or holds_other:
            if c.right_edge.i >= hi - 1:  # (a final full stop stays outside the clause either way)
                hi = c.left_edge.i - 1
            elif c.left_edge.i <= lo:
                lo = c.right_edge.i + 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _after_clause(head: Any) -> bool:
    """``head`` heads the "after Y" side of "X after Y" / "X, two days after Y"."""
    return head.dep_ == "advcl" and head.pos_ in ("VERB", "AUX") and \
        any(c.dep_ == "mark" and c.lower_ == "after" for c in head.children)


def _own_day(head: Any, main: Any) -> bool:
    """The "after" clause of ``head`` and its main clause ``main`` each say when they happened, and not
    in the same words ("on Tuesday after a soldier shot a driver the previous day"); a single date
    ("Police fired tear gas after protesters threw stones on Monday") is the whole sentence's."""
    inside = {t.i for t in head.subtree}
    told = {t.lower_ for t in head.subtree if t.ent_type_ in ("DATE", "TIME") and not t.is_punct}
    main_told = {t.lower_ for t in main.subtree
                 if t.i not in inside and t.ent_type_ in ("DATE", "TIME") and not t.is_punct}
    return bool(told) and bool(main_told) and told != main_told


_DAY_WORDS = {"a": 1, **CARDINALS}
_DAY_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}


def _days_earlier(trig: Any, main: EventDate) -> EventDate | None:
    """The day of an "after" clause counted back from the main clause's ("Gunmen killed five traders on
    Tuesday, two days after militiamen killed three farmers": the Sunday before), else None."""
    head = _clause_head(trig)
    if not _after_clause(head) or main.precision != "day" or not main.value:
        return None
    day = _parse_date(main.value[:10])
    for c in head.children:
        if c.dep_ == "npadvmod" and c.lower_ in _DAY_UNITS and day is not None:
            n = next((_DAY_WORDS.get(x.lower_) or (int(x.text) if x.text.isdigit() else None)
                      for x in c.children if x.dep_ in ("nummod", "det")), None)
            if n:
                value = (day - dt.timedelta(days=n * _DAY_UNITS[c.lower_])).isoformat()
                return EventDate(value, "day", 1, start=c.left_edge.idx, end=c.idx + len(c))
    return None


def _contrast_clause_event(b: "_Builder", first_trig: Any, sent: Any, masked: str, s0: int
                           ) -> tuple[Candidate | None, bool]:
    """The event of the other side of a "while"/"whereas" contrast, each side with its own named actor:
    the contrast clause when the first event's trigger lies outside it, else the main clause without
    it, typed by the rules on that text alone (offsets into the sentence). So is the event of an "after"
    clause ("Residents blocked roads on Tuesday after a soldier shot a driver the day before"), when it is
    of another event type than the main clause's or has a day of its own; else it is the cause or the
    first move of the one event told ("Soldiers returned fire after gunmen attacked their post", "Police
    fired tear gas after protesters threw stones": a protest or riot and the force answering it are one).
    Also says whether the clause has a day of its own."""
    doc = sent.doc
    for head in sent:
        after = _after_clause(head)
        if not (_contrast_clause(head) or after):
            continue
        lo, hi = head.left_edge.i, head.right_edge.i
        c_s, c_e = doc[lo].idx - s0, doc[hi].idx + len(doc[hi]) - s0
        inside = lo <= first_trig.i <= hi
        main = head.head
        while main.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in main.children):
            main = main.head  # ("residents blocked roads and burned tyres after ...": who burned is who blocked)
        subjects = [next((c for c in h.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
                    for h in (head, main)]
        if any(x is None or not _is_actorlike(b.kb, b.text[slice(*_np(x))]) for x in subjects) or \
                subjects[0].lower_ == subjects[1].lower_:  # type: ignore[union-attr]
            continue
        if inside:  # the main clause, the contrast clause blanked out
            text, shift = masked[:c_s] + " " * (c_e - c_s) + masked[c_e:], 0
        else:
            text, shift = masked[c_s:c_e], c_s
        found = [c for c in classify(text) if c.score >= MIN_SCORE]
        if found and after:
            # (the other half: the main clause when this one is the after clause, and the other way round)
            rest = masked[c_s:c_e] if inside else masked[:c_s] + " " * (c_e - c_s) + masked[c_e:]
            other = next((c.sub_event_type for c in classify(rest) if c.score >= MIN_SCORE), None)
            kinds = {EVENT_TYPE_OF[x] for x in (other, found[0].sub_event_type) if x is not None}
            own_day = _own_day(head, main)
            if _one_change_of_hands(other, found[0].sub_event_type):
                continue
            if other is None or "Other" in (other, found[0].sub_event_type) or (
                    (len(kinds) == 1 or kinds <= _CROWD_TYPES) and not own_day):
                continue  # ("families shelter in a church after militiamen attacked their camp": no second event)
            c = found[0]
            return Candidate(c.sub_event_type, c.score, c.start + shift, c.end + shift, c.rule, c.score), own_day
        if found:
            c = found[0]
            return Candidate(c.sub_event_type, c.score, c.start + shift, c.end + shift, c.rule, c.score), False
    return None, False


def _possible_clause(doc: Any, s0: int, masked: str, first_trig: Any, sent: Any) -> int | None:
    """Where a coordinated clause at the end of the sentence begins that only tells of an event that could
    happen ("X said the rebels had seized the port and warned they might march on the capital"): it is
    no evidence of the sentence's event. None when there is no such clause."""
    if first_trig is None:
        return None
    for c in classify(masked):
        tok = _token_at(doc, s0 + c.start, s0 + c.end) if c.score >= MIN_SCORE else None
        if tok is None:
            continue
        top = tok
        while top.head != top and top.head != sent.root:
            top = top.head
        if top.dep_ not in ("conj", "parataxis") or top.left_edge.i <= first_trig.i <= top.right_edge.i or \
                top.right_edge.i < first_trig.i or modality(tok, sent, False) not in ("hypothetical", "future"):
            continue
        lo = top.left_edge.i
        if lo > sent.start and doc[lo - 1].dep_ == "cc":
            lo -= 1  # ("... and said ...": the "and" goes with it)
        last = doc[lo - 1]  # (the clause before it ends with its last word)
        return last.idx + len(last) if lo > first_trig.i else None
    return None


def _opening_move(a: Any, b: Any, sub_a: str, sub_b: str) -> bool:
    """One trigger is in an "after" clause inside the other's clause, both acts of violence, with no day of
    its own ("raiders shot at the guards after a mine stopped the first truck"): how one attack began, not
    a second event."""
    if not {EVENT_TYPE_OF[sub_a], EVENT_TYPE_OF[sub_b]} <= _VIOLENT_TYPES:
        return False
    for x, y in ((a, b), (b, a)):
        head, main = _clause_head(x), _clause_head(y)
        if _after_clause(head) and any(t.i == main.i for t in head.ancestors):
            return not _own_day(head, head.head)
    return False


def _outcome_clause(a: Any, b: Any) -> bool:
    """One clause is a participle telling what the other's action did ("stormed the base, killing four
    soldiers"): one event, not two."""
    return any(x.dep_ == "advcl" and x.tag_ == "VBG" and x.head.i == y.i for x, y in ((a, b), (b, a)))


def _mask(text: str, spans: list[tuple[int, int]], offset: int) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(max(0, s - offset), min(len(chars), e - offset)):
            chars[i] = " "
    return "".join(chars)


def extract_events(article: Article, kb: ActorKB) -> tuple[list[EventReport], list[Claim]]:
    """Event reports and tally claims of one parsed article."""
    doc = article.scratch.get("doc")
    if doc is None:
        raise ArticleError(f"article {article.id} has no parse", reason="missing-parse",
                           hint="run the 'nlp' stage before 'events'")
    b = _Builder(article, kb)
    events: list[EventReport] = []
    claims: list[Claim] = []
    # a news roundup's briefs ("RIO DE JANEIRO (MPA) - ... / IHOSY, Madagascar (MPA) - ...") are separate
    # stories: nothing of one (its events, places, sides, lead) carries into the next
    for story in _stories(doc, b.text, b.article.places):
        story_events, story_claims = _story_events(b, story)
        events.extend(story_events)
        claims.extend(story_claims)
    for n, e in enumerate(events, 1):
        e.id = _event_id(article.id, n)
    return events, claims


def _stories(doc: Any, text: str, places: Iterable[Any] = ()) -> list[list[tuple[int, Any]]]:
    """The article's sentences (with their index), split where a second (third, ...) dateline with a place,
    or a line naming only a place ("NICARAGUA"), opens a paragraph: the briefs of a roundup. An ordinary
    story (one dateline at the top) is one story."""
    stories: list[list[tuple[int, Any]]] = [[]]
    briefs = 0
    heads = {p.start: p.end for p in places}
    for si, sent in enumerate(doc.sents):
        s = sent.start_char
        if _opens_brief(text, s) or s in heads and heading_at(text, s, heads[s]):
            briefs += 1
            if briefs > 1:  # (the first dateline opens the story after a title or a byline)
                stories.append([])
        stories[-1].append((si, sent))
    return stories


def _opens_brief(text: str, start: int) -> bool:
    """A dateline with a place ("IHOSY, Madagascar (MPA) -") opens the paragraph at ``start``."""
    if start > 0 and text[start - 1] != "\n":
        return False
    d = dateline_at(text, start)
    return d is not None and d.place is not None


def _fallen_side(b: _Builder, trig: Any) -> Actor | None:
    """The group of the dead in "N <group> were killed in a <fight> with ...", named without the count."""
    if trig.dep_ != "pobj" or trig.head.lower_ not in ("in", "during") or trig.head.head.pos_ != "VERB":
        return None
    dead = next((c for c in trig.head.head.children if c.dep_ == "nsubjpass"), None)
    if dead is None or not any(c.dep_ == "nummod" for c in dead.children):
        return None
    s, e = _group_span(dead)
    return b.kb.resolve(b.text[s:e], s, e) if guess_kind(b.text[s:e]) in (*ARMED_KINDS, "state") else None


def _repels(trig: Any) -> bool:
    """``trig``'s verb drives attackers back: "repelled", "beat back", "fended off"."""
    pred = _predicate(trig)
    return pred.lemma_ in _REPEL_LEMMAS or pred.lemma_ in _BACK_LEMMAS and any(
        c.dep_ == "prt" and c.lower_ in ("back", "off") for c in pred.children)


def _came_under(pred: Any) -> Any:
    """The "under" of "X came under (fire, attack, ...)" on the verb ``pred``, or None."""
    return next((c for c in pred.children if c.lower_ == "under"), None) if pred.lemma_ == "come" else None


def _under_fire_from(trig: Any) -> int | None:
    """Where the "from" party starts in "X came under fire/attack from Y" (Y attacked X), else None."""
    pred = _predicate(trig)
    under = _came_under(pred)
    if under is None or under.dep_ != "prep" or not any(
            p.lemma_ in ("fire", "attack", "assault", "shelling", "bombardment") for p in under.children):
        return None
    return next((c.idx for c in pred.children if c.dep_ == "prep" and c.lower_ == "from"), None)


_REPEL_LEMMAS = frozenset({"repel", "repulse", "foil", "thwart"})
_BACK_LEMMAS = frozenset({"beat", "push", "drive", "fight", "fend"})  # "beat back", "fended off"
_GRIEVANCE_BEFORE = re.compile(r"\b(?:after|following|over|to protest|in protest (?:at|against|over))\b", re.I)


def _same_subject(verb: Any, first: Any) -> bool:
    """``verb`` is conjoined to ``first`` with no subject of its own, or says more of who did ``first`` ("was
    pelted with stones by youths who also burned tyres"): the same people did both."""
    if verb.dep_ == "relcl":
        doers = [c for c in first.children if c.dep_ == "nsubj"] + [
            o for c in first.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        return verb.head in doers
    return verb.dep_ == "conj" and verb.head == first and not any(c.dep_ in ("nsubj", "nsubjpass")
                                                                  for c in verb.children)


def _story_events(b: _Builder, story: list[tuple[int, Any]]) -> tuple[list[EventReport], list[Claim]]:
    """Event reports and tally claims of one story of the article (see _stories)."""
    article, doc, kb = b.article, b.doc, b.kb
    events: list[EventReport] = []
    claims: list[Claim] = []
    last_sent_of: dict[int, int] = {}  # event index -> sentence index of its last evidence
    speech_dated: set[int] = set()  # events dated only by the reporting verb ("said on Friday")
    first_event_sentence: int | None = None
    first_sent_of: dict[int, int] = {}
    bare: dict[int, int] = {}  # event index -> sentence of reports with no actor, place, day or toll of their own
    prev_sent: Any = None
    for si, sent in story:
        before, prev_sent = prev_sent, sent
        s0 = sent.start_char
        stext = b.text_of(sent)
        if not stext.strip():
            continue
        sources = _LazySources(sent, article.source, stext, kb)
        tallies = find_tally_spans(article, s0, stext, source=sources.main) if may_hold_tally(stext) else []
        claims.extend(c for c, _, _ in tallies)
        masked = _mask(stext, [(s, e) for _, s, e in tallies], s0) if tallies else stext
        typer = article.scratch.get("event_typer")  # rules + learned head, set up by EventsStage for the batch
        # the parse (sent) feeds the head's lemma / entity / dependency / tok2vec features
        typed = typer(masked, sent) if typer is not None else classify(masked)
        cands = [c for c in typed if c.score >= MIN_SCORE]
        if cands and blockading_crowd(masked, cands[0]):
            cands[0] = dataclasses.replace(cands[0], sub_event_type="Violent demonstration")
        # a weak trigger in a sentence dated months back, after the lead: an older event told as context
        old_only = not cands and bool(typed) and _old_context(b, events, typed[0], s0, stext)
        if old_only:
            cands = [typed[0]]
        # the learned head said "no event" where a rule fires: a past event told as context ("raids like
        # those of past winters, the last in 2019", "ever since it took the port in May 2020") still makes a
        # background report
        vetoed = not typed and typer is not None and not old_only and (
            _BACKGROUND_RX.search(masked) is not None or _dated_back(b, s0, stext))
        if vetoed:
            cands = [c for c in classify(masked) if c.score >= MIN_SCORE][:1]
        if not cands and typer is not None and not old_only:
            # the head reads an accusation as no event; the attack it alleges is one ("claimed")
            cands = [c for c in classify(masked) if c.score >= MIN_SCORE and _alleged(doc, s0, c)][:1]
        # a photo caption the clean stage kept for its older scene ("Photo: Residents bury victims of an
        # attack in March"): another moment than the news, so only ever a background report
        caption = _caption_text(article, s0)
        if caption and not cands:
            cands = [c for c in classify(masked) if c.score >= MIN_SCORE][:1]
        context = old_only or vetoed or caption  # may only yield a background report, never merges into a lead
        if tallies:
            # words after a tally describe the tallied attacks ("..., most of them with drones")
            first_tally = min(s for _, s, _ in tallies) - s0
            cands = [c for c in cands if c.end <= first_tally]
        if events and _complete_previous(b, events, last_sent_of, speech_dated, si, sent, sources):
            continue
        cands = _fold_seizures(b, doc, s0, cands, events, last_sent_of, si, sources)
        cands = _prefer_named_event(doc, s0, cands)
        cands = [_outside_source(doc, c, masked, s0) for c in cands]
        cands = _past_non_event(doc, s0, masked, cands)
        if not cands:
            # (one sentence completes one report)
            if not _attach_orphan(events, last_sent_of, si, masked, s0, sources) and \
                    not _attach_weapon_count(article, events, last_sent_of, si, s0, stext):
                _attach_reaction(events, last_sent_of, si, sent, stext, sources)
            continue
        take = next((c for c in cands[1:] if c.sub_event_type in _TAKEOVERS), None)
        if take is not None and _one_change_of_hands(cands[0].sub_event_type, take.sub_event_type):
            cands = [take, *(c for c in cands if c is not take)]  # the takeover is the event, the withdrawal its cause
        chosen: list[Candidate] = [cands[0]]
        first_trig = _token_at(doc, s0 + cands[0].start, s0 + cands[0].end)
        for c in cands[1:]:
            if len(chosen) >= 2 or c.score < 0.8:
                break
            if c.sub_event_type == cands[0].sub_event_type:
                continue
            if "Disrupted weapons use" in (c.sub_event_type, cands[0].sub_event_type) and \
                    {c.sub_event_type, cands[0].sub_event_type} <= _AERIAL_FAMILY:
                continue  # "one drone was shot down, while the second struck": the interception is part of the attack
            if _one_change_of_hands(c.sub_event_type, cands[0].sub_event_type):
                continue
            tok = _token_at(doc, s0 + c.start, s0 + c.end)
            if tok is not None and EVENT_TYPE_OF[cands[0].sub_event_type] == "Battles" and \
                    c.sub_event_type == "Shelling/artillery/missile attack" and _instrument_of(tok):
                continue  # "opened fire with heavy machine guns and mortars ..., and the fighting lasted": the battle's
            if tok is not None and first_trig is not None and c.sub_event_type == "Looting/property destruction" \
                    and EVENT_TYPE_OF[cands[0].sub_event_type] in ("Riots", "Violence against civilians") \
                    and _same_subject(_clause_head(tok), _clause_head(first_trig)):
                continue  # "Residents stoned police and set fire to a patrol car": the riot burned it (ACLED's notes)
            if tok is not None and first_trig is not None and _clause_head(tok) != _clause_head(first_trig) \
                    and not _outcome_clause(_clause_head(tok), _clause_head(first_trig)) \
                    and not _opening_move(tok, first_trig, c.sub_event_type, cands[0].sub_event_type):
                chosen.append(c)
        if len(chosen) == 1 and first_trig is not None and not _returns_fire(first_trig):
            # (fire returned after an attack answers that attack: one fight)
            # "Soldiers shot dead two protesters while rebels ambushed a police convoy": the contrast clause
            # has its own actor and event; typed on the whole sentence, its trigger loses to the first one
            # (an "after" clause with a day of its own may be one more of the same kind: "Gunmen killed five
            # traders on Tuesday, two days after militiamen killed three farmers")
            other, own_day = _contrast_clause_event(b, first_trig, sent, masked, s0)
            if other is not None and (other.sub_event_type != cands[0].sub_event_type or own_day):
                chosen.append(other)
        # the clauses of the second event of a sentence: their weapons are not the first event's
        second_clauses = []
        for cand in chosen[1:]:
            tok = _token_at(doc, s0 + cand.start, s0 + cand.end)
            if tok is not None:
                second_clauses.append(_clause_span(tok, first_trig))
        first_date: EventDate | None = None
        for rank, cand in enumerate(chosen):
            ts, te = s0 + cand.start, s0 + cand.end
            if article.is_removed(ts, te):
                continue
            trig = _token_at(doc, ts, te)
            if trig is None:
                continue
            # clause evidence for the second event of a sentence, the sentence for the first
            if rank > 0:
                ev_s, ev_e = _clause_span(trig, first_trig)
            else:
                ev_s, ev_e = s0, _possible_clause(doc, s0, masked, first_trig, sent) or s0 + len(stext.rstrip())
            sub = cand.sub_event_type
            if sub == "Shelling/artillery/missile attack" and _air_launched(article, trig, ev_s, ev_e):
                sub = "Air/drone strike"  # "a Yak-130 fired rockets at a monastery": the munitions came from the air
            elif sub == "Shelling/artillery/missile attack" and _small_arms_fire(masked):
                sub = "Armed clash"
            elif sub == "Looting/property destruction" and _GUNFIRE.search(masked) and \
                    sub not in (ruled := _rule_types(masked)):
                # "opened fire on the crowd": gunfire, which the learned typer reads as arson off "fire"
                sub = ruled[0] if ruled else sub
            etype = EVENT_TYPE_OF[sub]
            if etype in _CROWD_TYPES and rank == 0:
                assault = _assault_on_crowd(b, trig)
                if assault is not None:  # the crowd is who was attacked: the attack is the event
                    trig, sub, etype = assault, "Attack", EVENT_TYPE_OF["Attack"]
                    ts, te = trig.idx, trig.idx + len(trig)

            def used(ev: EventReport | None = None) -> list[Weapon]:
                """The weapons this clause says were used, for a report it joins. A report ``ev`` that names
                its weapons already only takes their counts: another name is most often the same weapon
                told more precisely ("rockets" ... "Katyusha rockets")."""
                found = _instrument_weapons(doc, _weapons(article, ev_s, ev_e), trig, ts, te, sub)  # noqa: B023
                if ev is not None and ev.weapons:
                    known = {w.name.lower() for w in ev.weapons}
                    found = [w for w in found if w.name.lower() in known]
                return found
            # (the first event's toll is not the toll told in the second one's clause)
            cas = find_casualties(_mask(masked, second_clauses, s0)[ev_s - s0: ev_e - s0] if rank == 0 else
                                  masked[ev_s - s0: ev_e - s0], ev_s)
            if etype in _CROWD_TYPES and cas.killed.start is not None and cas.killed.start > te \
                    and _GRIEVANCE_BEFORE.search(b.text, te, cas.killed.start):
                # "stoned police after a young man died in police custody": the death the crowd was angry
                # about is not the riot's toll
                cas.killed = Count(note=f"not counted (the cause of the protest): {cas.killed.text}")
            attributed = sources.attributed
            mod = modality(trig, sent, attributed, stext)
            date = _date(article, ev_s, ev_e, ts)
            if rank == 0:
                first_date = date
            elif first_date is not None:
                date = _days_earlier(trig, first_date) or date
            speech_date = _is_speech_date(doc, trig, date)
            own_date = _own_date(date, ev_s, ev_e)
            # "Fighting had cut the main road", "thousands have fled the area since the attack": what the
            # reported violence caused, not another event
            if _consequence(trig):
                k = next((i for i in range(len(events) - 1, -1, -1) if not events[i].background
                          and events[i].event_type in _VIOLENT_TYPES), None) if not context else None
                # (not "More than 50,000 people were displaced by fighting in Catatumbo in early 2025": its own time)
                if k is not None and not _same_day(events[k].date, own_date):
                    continue
                if k is not None:
                    _merge_into(events[k], ev_s, ev_e, None, sources)
                    last_sent_of[k] = si
                    continue
                if context or trig.pos_ in ("NOUN", "PROPN") and not trig.lower_.startswith("displacement"):
                    # "Fighting had cut the road", "residents fled their homes after the attack": the violence is
                    # told elsewhere or not at all; "fighting has forced millions from their homes since April":
                    # no event to tell, not even as context. (A flight told on its own, "7,000 people have fled
                    # the villages", stays what the typer makes of it: CASE codes displacement as "Other".)
                    continue
            held = _own_man_held(events, last_sent_of, si, trig) if not context and sub == "Arrests" else None
            if held is not None:
                _merge_into(events[held], ev_s, ev_e, None, sources)
                last_sent_of[held] = si
                continue
            # "The rebels denied losing any fighters in the clash": the other side's account of the report
            # just told, not a second (denied) event; a denial of another event stays a denied report
            disputed = _disputed_report(b, events, last_sent_of, si, trig, etype, sub) \
                if not context and mod in ("denied", "negated") else None
            if disputed is not None:
                _merge_into(events[disputed], ev_s, ev_e, None, sources)
                last_sent_of[disputed] = si
                continue
            # "The army said it had repelled the attack": the trigger acts on the attack just reported (of any
            # type) -> the same event, and whoever repelled it is the other side
            answered = _answered_report(events, last_sent_of, si, trig) if not context and rank == 0 else None
            if answered is not None:
                ev0 = events[answered]
                _merge_into(ev0, ev_s, ev_e, cas if ev0.event_type in _CASUALTY_TYPES else None, sources)
                _fill_actor(b, ev0, trig, sent, True)
                if ev0.actor2 is None and _predicate(trig).lemma_ not in _AGENT_VERBS | _CLAIM_VERBS:
                    defender, _, _ = b.arguments(trig, sent, True)
                    if defender is not None and not (ev0.actor1 is not None and (
                            defender.name.lower() == ev0.actor1.name.lower() or (
                            defender.canonical and defender.canonical == ev0.actor1.canonical))):
                        ev0.actor2 = defender
                last_sent_of[answered] = si
                continue
            # refers back to the previous report of the same kind -> merge
            prev_i = next((i for i in range(len(events) - 1, -1, -1) if events[i].sub_event_type == sub), None)
            ordinal = rank == 0 and _ORDINAL_REF.search(stext) is not None
            named_back = _ANAPHOR_RX.search(stext[max(0, cand.start - 40): cand.end + 5])
            if named_back is not None and _AFTER_IT.search(stext[:max(0, cand.start - 40) + named_back.start()]):
                named_back = None  # "Hours after the Vygie Street attack, shots were fired at a taxi": the next one
            if not context and prev_i is not None and si - last_sent_of[prev_i] <= 3 and rank == 0 and (
                    named_back or ordinal):
                _merge_into(events[prev_i], ev_s, ev_e, cas, sources, used(events[prev_i]))
                _fill_actor(b, events[prev_i], trig, sent, etype in _VIOLENT_TYPES)
                last_sent_of[prev_i] = si
                continue
            if ordinal and events:
                continue  # "the second drone incident since October 19": a count, not a new report
            lead_same = next((i for i, e in enumerate(events) if e.sub_event_type == sub and not e.background), None)
            if not context and rank == 0 and lead_same is not None and not _NEW_EVENT_RX.search(stext) \
                    and _same_day(events[lead_same].date, own_date) and (_definite_mention(trig) or (
                        own_date is not None and _TIMELINE_ENTRY.match(stext) is not None
                        and not _distinct_report(b, events[lead_same], trig, sent, (ev_s, ev_e), own_date,
                                                 etype in _VIOLENT_TYPES))):
                # (or the chronology's entry for the day of the report: "March 15: The task force clashes ...")
                # "Iran's foreign ministry condemned the strike": a later definite mention of the reported event
                ev0 = events[lead_same]
                _merge_into(ev0, ev_s, ev_e, cas if ev0.event_type in _CASUALTY_TYPES else None, sources)
                last_sent_of[lead_same] = si
                continue
            if _not_an_attack(trig) or etype == "Protests" and called_off(masked):
                continue
            if (sub == "Change to group/activity" and _deployment(trig) or _sends_forces(trig)) and not context and (
                    _RELIEF.search(stext) or any(si - last_sent_of[i] <= 3 and not e.background
                                                 and e.event_type in _VIOLENT_TYPES | _CROWD_TYPES
                                                 for i, e in enumerate(events))):
                # troops sent to the scene of the violence just told, or to help flood victims: the response
                # (ACLED does not code it apart), not a change in what an armed group does
                continue
            if mod == "hypothetical" and (_presupposed(trig) or _asked(trig)):
                # "It was not clear whether the arrests were linked to the attack": asks about known things;
                # "It was unclear whether the next village had also been attacked": an open question, no report
                continue
            if cand.rule == "head:propose" and mod not in ("asserted", "reported", "claimed"):
                # a proposal has no rule behind it: only keep it when the text says it happened; else the
                # sentence is one without an event ("There were no casualties and no damage, X said")
                if not _attach_orphan(events, last_sent_of, si, masked, s0, sources):
                    _attach_reaction(events, last_sent_of, si, sent, stext, sources)
                continue
            if mod in ("future", "hypothetical") and trig.tag_ in ("NNS", "NNPS") and \
                    not any(c.dep_ in ("det", "nummod", "poss") for c in trig.children):
                continue  # "the cell had been planning attacks on checkpoints": an intent, no particular event
            if mod in ("future", "hypothetical") and _ongoing(trig):
                continue  # "they would continue operations and escalate their attacks": a vow about a campaign
            # (after the filters above: a hypothetical or vowed takeover retells nothing)
            taken = _retold_takeover(b, events, sub, trig, sent, (ev_s, ev_e), own_date) \
                if not context and rank == 0 and mod in ("asserted", "reported", "claimed") \
                and not _NEW_EVENT_RX.search(stext) else None
            if taken is not None:
                _merge_into(events[taken], ev_s, ev_e, None, sources)
                last_sent_of[taken] = si
                continue
            # a weak trigger right after a report is its follow-up ("Seven fighters were killed, a monitor said")
            recent = [i for i in range(len(events)) if si - last_sent_of[i] <= 2 and not events[i].background]
            # (weak = the trigger rule's own score: a head confident about a vague sentence, "the drone
            # exploded near a hangar", does not make it a new event)
            weak = min(cand.score, cand.rule_score if cand.rule_score is not None else 1.0) < 0.7
            # (so is a toll with no attacker: "A woman was killed and four people were injured in the region")
            if not recent and _bare_toll(trig):
                # (a toll three sentences on, after the scene and who the dead were, is still the report's)
                recent = [i for i in range(len(events)) if si - last_sent_of[i] == 3 and not events[i].background
                          and events[i].event_type in _VIOLENT_TYPES][-1:]
            weak = weak or (bool(recent) and events[recent[-1]].event_type in _VIOLENT_TYPES and (
                _bare_toll(trig) or _forces_under_fire(events[recent[-1]], trig)))
            # an intercepted attack is still a use of force between two sides
            military = etype in _VIOLENT_TYPES or sub == "Disrupted weapons use"
            if not context and rank == 0 and weak and recent and not _BACKGROUND_RX.search(stext) \
                    and not _PARALLEL_NEWS.search(stext) and not _new_attacker(b, events[recent[-1]], trig, etype) \
                    and not (etype in _CROWD_TYPES and _OTHER_CROWD_RX.search(stext)) \
                    and not _distinct_report(b, events[recent[-1]], trig, sent, (ev_s, ev_e),
                                             _in_clause(trig, own_date) or _scene_date(date, before, si, last_sent_of),
                                             military):
                target_ev = events[recent[-1]]
                _merge_into(target_ev, ev_s, ev_e, cas if target_ev.event_type in _CASUALTY_TYPES else None, sources,
                            used(target_ev))
                _fill_actor(b, target_ev, trig, sent, etype in _VIOLENT_TYPES)
                last_sent_of[recent[-1]] = si
                continue
            if not context and own_date is None and _HABIT.search(stext):
                continue  # (it may add to a report just told, never start one)
            first = doc[trig.left_edge.i] if trig.left_edge.idx >= ts else trig
            if not context and first.dep_ == "amod" and first.tag_ == "VBN" and first.lemma_ in ("wound", "kill", "injure") \
                    and min(cand.score, cand.rule_score if cand.rule_score is not None else 1.0) < 0.7:
                continue  # "The minister visited wounded soldiers": who they are, not a new event
            # "At least 30 people were arrested", "Police fired tear gas to disperse them": arrests or force
            # right after a protest report are the intervention in it (the force is its actor2)
            # (force is only merged into a peaceful protest told in an earlier sentence, and only when the
            # state's forces are who used it: "The rally was peaceful" typed as force is not an intervention)
            # (or a riot: "Police responded with tear gas" after stone-throwing is the riot's other side)
            # (the latest crowd told: "youths stoned the station and burned tyres" may be followed by its burning)
            recent_crowd = [i for i in recent if events[i].event_type in _CROWD_TYPES
                            and last_sent_of[i] == last_sent_of[recent[-1]]][-1:] or recent[-1:]
            force = b.arguments(trig, sent, False)[0] if sub in _INTERVENTIONS and recent and \
                events[recent_crowd[-1]].sub_event_type in ("Peaceful protest", "Violent demonstration", "Mob violence") \
                and last_sent_of[recent_crowd[-1]] < si else None
            # ("Three officers were hurt and six people were detained" right after a riot: its toll, whoever acted)
            riot_toll = sub in _INTERVENTIONS and bool(recent) and events[recent_crowd[-1]].event_type == "Riots" \
                and si - last_sent_of[recent_crowd[-1]] == 1
            if not context and mod in ("asserted", "reported") and recent and (
                    sub == "Arrests" or (force is not None and force.kind == "state") or riot_toll) \
                    and events[recent_crowd[-1]].event_type in ("Protests", "Riots") \
                    and not _PARALLEL_NEWS.search(stext) and not _BACKGROUND_RX.search(stext) \
                    and not _distinct_report(b, events[recent_crowd[-1]], trig, sent, (ev_s, ev_e), own_date, military):
                protest = events[recent_crowd[-1]]
                if protest.sub_event_type == "Peaceful protest":
                    _retype(protest, sub if sub in _INTERVENTIONS else "Protest with intervention")
                if force is not None and force.kind == "state":
                    protest.actor2 = protest.actor2 or force
                    protest.confidence = max(protest.confidence, round(cand.score * LATER_SENTENCE_FACTOR, 4))
                    if protest.modality == "asserted" and mod == "reported":
                        protest.modality = mod  # ("..., witnesses said": part of the report is on their word)
                _merge_into(protest, ev_s, ev_e, cas if force is not None or riot_toll else None, sources)
                last_sent_of[recent_crowd[-1]] = si
                continue
            # "The demonstrators had gathered in Hamdallaye to demand ...", "They then torched two cars": the
            # crowd of the protest or riot just told, on no other day or place -> that event (a riot if it
            # turned violent: ACLED codes the gathering by its most violent moment)
            # (a crowd told again a few paragraphs on, after how the day went, is still that crowd)
            crowds = [i for i in range(len(events)) if si - last_sent_of[i] <= 5 and not events[i].background
                      and events[i].event_type in _CROWD_TYPES][-1:]
            told = _crowd_noun(doc, events[crowds[-1]]) if crowds else None
            if not context and rank == 0 and etype in _CROWD_TYPES and crowds and _refers_to_crowd(
                    trig, bare=sum(e.event_type in _CROWD_TYPES and not e.background for e in events) == 1,
                    told=told) \
                    and not _OTHER_CROWD_RX.search(stext) and not _BACKGROUND_RX.search(stext) \
                    and not _distinct_report(b, events[crowds[-1]], trig, sent, (ev_s, ev_e), own_date, False):
                crowd = events[crowds[-1]]
                # (only when the crowd itself turns violent: not "the rally was dispersed after protesters
                # blocked traffic, the ministry said", the other side's account)
                if sub == "Violent demonstration" and crowd.event_type == "Protests" \
                        and _refers_to_crowd(trig, active=True, told=told):
                    _retype(crowd, sub)
                    if crowd.actor2 is None:  # ("threw stones at police lines": whom the riot was against)
                        target = b.arguments(trig, sent, False)[1]
                        crowd.actor2 = target if target is not None and target.kind == "state" else None
                _merge_into(crowd, ev_s, ev_e, cas if crowd.event_type in _CASUALTY_TYPES else None, sources)
                last_sent_of[crowds[-1]] = si
                continue
            # "The army said it had withdrawn": a retreat right after a battle is part of it (ACLED's
            # non-violent transfer is territory changing hands without a fight)
            # (the day of a statement about it, "In a statement on Sunday, the rebels said ...", is not its day)
            if not context and sub == "Non-violent transfer of territory" and recent and \
                    events[recent[-1]].event_type == "Battles" and not _BACKGROUND_RX.search(stext) and \
                    not _distinct_report(b, events[recent[-1]], trig, sent, (ev_s, ev_e),
                                         None if speech_date else own_date, military):
                _merge_into(events[recent[-1]], ev_s, ev_e, None, sources, used())
                last_sent_of[recent[-1]] = si
                continue
            # "The assailants fired mortar rounds before storming the base": the attackers of the report just
            # told, on no other day or place -> how that attack went (weapons, casualties), not a new one
            # (what "the attackers also" did is more of their attack: "also" only announces news of others)
            if not context and recent and not any(m.group(0).lower() != "also" for m in _NEW_EVENT_RX.finditer(stext)) \
                    and not _BACKGROUND_RX.search(stext):
                k = recent[-1]
                # ("They came with machetes while people slept": mob-like words about the attackers just told)
                # (ACLED codes burning and looting by attackers as part of their attack, not on its own)
                # (a report dated only by its statement, "police said on Monday", takes this sentence's day:
                # "The attackers, who arrived at 11 p.m. on Sunday, ...")
                redated = k in speech_dated and own_date is not None and not speech_date
                # ("JNIM fighters used motorbikes and rocket launchers, he said": who the unnamed attackers were)
                named = _armed_user(b, trig, sent) if _open_attacker(events[k].actor1) else None
                if events[k].event_type in _VIOLENT_TYPES \
                        and (military or etype == "Riots" or sub == "Looting/property destruction") \
                        and (named is not None or _refers_to_attackers(b, events[k], trig, sent)) \
                        and not _distinct_report(b, events[k], trig, sent, (ev_s, ev_e), None if redated else own_date,
                                                 military):
                    _merge_into(events[k], ev_s, ev_e, cas, sources,
                                None if sub == "Looting/property destruction" else used())  # (burnt, not used)
                    if redated:
                        events[k].date = own_date
                        speech_dated.discard(k)
                    if named is not None:
                        events[k].actor1 = named
                    last_sent_of[k] = si
                    continue
            if cand.score < 0.7 and trig.tag_ in ("NNS", "NNPS") and trig.lemma_ in _AGGREGATE_NOUNS \
                    and not _BACKGROUND_RX.search(stext):
                continue  # "most of the attacks have failed": an aggregate, not one report
                # (past ones, "similar strikes in previous years", stay as background context)
            if sub in ("Change to group/activity", "Headquarters or base established") and trig.dep_ in ("acl", "amod"):
                continue  # "militias deployed in the town" describes the militias
            if sub == "Agreement" and not _DEAL_CUE.search(masked) and (
                    _MORE_TALKS.search(masked) or trig.pos_ == "NOUN" and _predicate(trig).lemma_ in _TALKED_ABOUT):
                # "agreed to hold another round of talks", "discussed the release of detainees": talks, not an
                # agreement ACLED codes
                continue
            if sub == "Agreement" and trig.lower_ in _TALK_NOUNS and trig.dep_ == "pobj" \
                    and trig.head.lower_ in _BACKDROP_PREPS:
                continue  # "despite peace talks between the government and armed groups": the backdrop
            if sub == "Change to group/activity" and _operation_for(trig):
                continue  # "launched an operation to track down the attackers": an announced aim, no event
            # the same kind of event in the next sentence, with nothing marking a new one -> the same report
            same = next((i for i in range(len(events) - 1, -1, -1)
                         if events[i].sub_event_type == sub and not events[i].background
                         and _same_day(events[i].date, own_date)), None)
            if not context and rank == 0 and not _NEW_EVENT_RX.search(stext) and not _BACKGROUND_RX.search(stext):
                # another part of the report just told (its window is checked below): an interception right
                # after a drone/missile attack (not "its fighters shot down an army drone" after a drone strike:
                # "a drone" is another one); the police's answer to a riot just told, or the fight told again with
                # its sides ("... turned into a riot late on Saturday." "Police used water cannon ...")
                if same is None and events and not events[-1].background and _same_day(events[-1].date, own_date) \
                        and ({sub, events[-1].sub_event_type} <= _AERIAL_FAMILY and not _indefinite_weapon(trig, sub)
                             or _one_fight(sub, events[-1].sub_event_type) and not _ORDINAL_REF.search(stext)):
                    same = len(events) - 1
                if same is not None and si - last_sent_of[same] <= 2 and \
                        not _distinct_report(b, events[same], trig, sent, (ev_s, ev_e), own_date, military):
                    last = events[same]
                    # (not an interception's weapons: "shot down three drones" counts only those)
                    _merge_into(last, ev_s, ev_e, cas if last.event_type in _CASUALTY_TYPES else None, sources,
                                used(last) if sub == last.sub_event_type else None)
                    _fill_actor(b, last, trig, sent, etype in _VIOLENT_TYPES)
                    if last.target is None:  # ("The drones struck an apartment block": what the report hit)
                        last.target = b.arguments(trig, sent, etype in _VIOLENT_TYPES)[2]
                    if sub == "Disrupted weapons use" and last.sub_event_type in _REMOTE_TYPES:
                        _intercepted_attack(b, last, trig, sent, sources, mod)
                    last_sent_of[same] = si
                    continue
            # the other event of the sentence keeps its actors: the other clause, or all but this one
            skip = tuple(second_clauses) if rank == 0 else ((s0, ev_s), (ev_e, s0 + len(stext)))
            actor1, actor2, target = b.arguments(trig, sent, military, skip)
            if sub == "Attack" and actor1 is not None and actor2 is not None and actor1.kind in ARMED_KINDS \
                    and actor2.kind == "state" and not CIVILIAN_TARGET.search(masked):
                # ACLED's Attack is violence against civilians: an armed group's attack on state forces
                # ("rebels ambushed a convoy, killing six soldiers") is a battle
                sub, etype = "Armed clash", EVENT_TYPE_OF["Armed clash"]
            if actor1 is not None and actor1.kind == "civilians" and etype in ("Battles", "Explosions/Remote violence"):
                actor1 = None  # ("a woman telephoned the police telling of a box an hour before the explosion")
            if sub == "Abduction/forced disappearance" and (cas.killed.value or 0) > 0 \
                    and (actor2 is None or actor2.kind == "civilians"):
                # "Gunmen killed 11 villagers and abducted 30 others": ACLED codes the raid by its most severe
                # part, the killing of civilians (the abductions go to the notes)
                sub, etype = "Attack", EVENT_TYPE_OF["Attack"]
            if sub == "Arrests" and actor1 is not None and actor1.kind in ARMED_KINDS and (
                    actor2 is not None and actor2.kind == "state" or _STATE_TARGET.search(masked)) \
                    and "Arrests" not in _rule_types(masked):
                # arrests read by the learned typer off "raided a police station" with no word of arresting: an
                # armed group that raids the state's posts fights them ("gunmen raided a police station and
                # freed prisoners")
                sub, etype = "Armed clash", EVENT_TYPE_OF["Armed clash"]
            if actor1 is not None and actor1.kind in ARMED_KINDS and "vigilante" not in actor1.name.lower() and (
                    sub == "Mob violence" or sub == "Violent demonstration" and guess_kind(actor1.name) in ARMED_KINDS
                    and not _SUPPORTERS.search(actor1.name)):  # (a group's supporters who riot are rioters)
                # ACLED's mob violence is a crowd's; armed raiders ("cattle raiders attacked a village and stole
                # 200 zebu") attack, or fight state forces
                sub = "Armed clash" if actor2 is not None and actor2.kind == "state" else "Attack"
                etype = EVENT_TYPE_OF[sub]
            if sub == "Armed clash" and trig.lemma_ == "ambush" and not (actor1 is not None and actor1.kind == "state") \
                    and any(c.dep_ == "dobj" and c.lemma_ in _CIVIL_VEHICLES for c in trig.children):
                # gunmen who ambush a minibus taxi or a bus fight no one: they attack its passengers
                sub, etype = "Attack", EVENT_TYPE_OF["Attack"]
                if actor2 is not None and actor2.kind == "state":
                    actor2 = None
            if sub in _INTERVENTIONS and actor1 is not None and actor1.kind in ARMED_KINDS \
                    and "vigilante" not in actor1.name.lower():
                # only the state intervenes in a protest: gunmen who open fire on mourners at a vigil attack
                # civilians
                sub, etype = "Attack", EVENT_TYPE_OF["Attack"]
                if actor2 is not None and actor2.kind in ("state", "protesters"):
                    actor2 = None
            if sub == "Remote explosive/landmine/IED" and actor1 is not None and actor1.kind == "state" \
                    and _BOMBING.search(trig.text) and _ARMY_WORDS.search(f"{actor1.name} {actor1.canonical or ''}"):
                # "accused the army of bombing a hamlet": an army bombs from the air (it does not plant IEDs)
                sub, etype = "Air/drone strike", EVENT_TYPE_OF["Air/drone strike"]
            if sub == "Air/drone strike" and (actor1 is not None and actor1.kind in ARMED_KINDS and _BOMBING.search(masked)
                                              or actor1 is None and trig.lower_ in ("bomb", "bombs")) \
                    and not _AIRBORNE.search(masked):
                # "the militia claimed the bombing of a police convoy": a group with nothing airborne named
                # planted or threw its bomb; so were "Bombs damaged four holiday homes" that nothing dropped
                sub, etype = "Remote explosive/landmine/IED", EVENT_TYPE_OF["Remote explosive/landmine/IED"]
            if sub == "Armed clash":
                sides = _fighting_sides(b, trig) or _battle_before(b, events, trig, (ev_s, ev_e)) or \
                    _rival_communities(b, sent)
                if sides is not None:
                    actor1, actor2 = sides
                elif (actor1 is None) != (actor2 is None):
                    # a clash has two sides: with only one parsed, the other party the sentence names
                    # ("X opened fire on Y's positions, and Y's troops returned fire")
                    one = actor1 or actor2
                    other = b._other_actor(sent, one, skip)
                    if other is not None and other.start is not None and one.start is not None:
                        actor1, actor2 = (other, one) if other.start < one.start else (one, other)
                    elif actor1 is None and _repels(trig) and actor2.kind in ARMED_KINDS:
                        actor1, actor2 = actor2, None  # "guards repelled bandits who tried to enter": who attacked
                    elif (fallen := _fallen_side(b, trig)) is not None and fallen.kind != one.kind:
                        # "three suspected militants were killed in a shootout with FSB officers": the dead are
                        # the other side, the force they fought the first
                        actor1, actor2 = one, fallen
                if _returns_fire(trig) and actor2 is not None and actor1 is not None:
                    actor1, actor2 = actor2, actor1  # "... and Armenian troops returned fire": they answered
                frm = _under_fire_from(trig)
                if frm is not None and actor1 is not None and actor2 is not None and actor2.start is not None \
                        and actor2.start >= frm and (actor1.start or 0) < frm:
                    actor1, actor2 = actor2, actor1  # "its troops came under fire from NSCN cadres": who fired
            if sub in _INTERVENTIONS and actor2 is None:
                actor2 = _crowd_handler(b, trig)
            if sub == "Agreement" and actor2 is None:
                sides = _fighting_sides(b, trig, parties=True) or _named_parties(b, sent)
                if sides is not None:
                    actor1, actor2 = sides
            if sub == "Disrupted weapons use" and actor2 is None and _THE_MUNITIONS.search(masked):
                # "air defence units shot down eight of the drones": whose drones the report before told
                sender = next((e.actor1 for e in reversed(events) if e.sub_event_type in _REMOTE_TYPES
                               and not e.background and _same_day(e.date, date)), None)
                if sender is not None and not (actor1 is not None and actor1.canonical == sender.canonical):
                    actor2 = sender
            if actor1 is None and sub in _REMOTE_TYPES and mod in ("asserted", "reported"):
                actor1 = _military_speaker(b.kb, sources, actor2)
            actor1 = _the_side_that_left(b, events, last_sent_of, si, actor1) or actor1
            blamed = _speaker_blames(b, sent) if military and _open_attacker(actor1) else None
            if blamed is not None:  # who the source blames, when the text names no attacker of its own
                if actor2 is not None and (actor2.canonical or actor2.name) == (blamed.canonical or blamed.name):
                    actor2 = None  # (the blamed group is no victim: "..., police said, blaming a gang")
                actor1 = blamed
            if mod in ("asserted", "reported") and military and _self_claim(b.kb, actor1, sources):
                mod = "claimed"  # an armed group reporting its own attack ("X said it attacked ...")
            background = caption or b.is_background(trig, sent, date, lead=not _has_lead(events))
            if old_only and (not background or trig.tag_ != "VBD"):
                # a weak trigger only ever yields context, never a current event; and only a narrated
                # one ("a raid ... killed"), not a count ("the 28th soldier killed since 2003")
                continue
            if vetoed and not background:
                continue  # the head's "no event" stands unless the sentence is explicitly about the past
            if trig.tag_ == "VBG" and trig.dep_ == "acl" and (background or mod not in ("asserted", "reported")
                                                             or trig.head.lemma_ in _RIVAL_BODIES):
                continue  # "local forces fighting the Islamic State", "the groups attacking US troops": who they are
            lead = next((i for i, e in enumerate(events) if not e.background), None)
            # (only a day the lead event itself has: the day of a statement about it, "police said on
            # Sunday", says nothing about when it happened, so later news of the day before is no context)
            if not background and lead is not None and lead not in speech_dated and _earlier(date, events[lead].date) \
                    and not _PARALLEL_NEWS.search(stext) and not b.in_timeline_entry(sent) \
                    and _earlier_instance(b.kb, events[lead], sub, trig, stext, actor1) \
                    and not _news_of_the_night_before(b, events[lead], date, trig, ev_s, ev_e):
                # news leads with the newest event; an earlier one of the same series, or one the text
                # names as what came before, is context ("the action follows Wednesday's drone attack",
                # "On October 19, two drones were shot down"); other news of the days before is news, and
                # so is each dated entry of a chronology the article gives
                background = True
            if _ORDINAL_REF.search(stext) and not events:
                background = False  # "the second strike in two weeks" describes the current one
            if first_event_sentence is None:
                first_event_sentence = si
            if etype not in _CASUALTY_TYPES and cas.killed.value is not None and recent \
                    and events[recent[-1]].event_type in _CASUALTY_TYPES and not background \
                    and not _VAGUE_COUNT.search(cas.killed.text or ""):
                # "Five people were killed ..., and a dozen soldiers were arrested": the toll is the fight's
                # just told, not the arrests'
                fight = events[recent[-1]]
                fight.fatalities = _more_informative(fight.fatalities, cas.killed)
                if Span(ev_s, ev_e) not in fight.evidence:
                    fight.evidence.append(Span(ev_s, ev_e))
                cas.killed = Count()
            conf = cand.score * _MODALITY_FACTOR.get(mod, 1.0) * (0.6 if background else 1.0)
            conf *= 1.0 if si == first_event_sentence else LATER_SENTENCE_FACTOR
            conf *= 1.0 if rank == 0 else 0.9
            ev = EventReport(
                id=_event_id(article.id, len(events) + 1), article_id=article.id, event_type=etype, sub_event_type=sub,
                plover=dict(PLOVER_OF[sub]), actor1=actor1, actor2=actor2, target=target,
                location=_location(article, ev_s, ev_e), date=date,
                weapons=[w for w in _instrument_weapons(doc, _weapons(article, ev_s, ev_e), trig, ts, te, sub)
                         if rank > 0 or w.start is None or not any(a <= w.start < z for a, z in second_clauses)],
                fatalities=cas.killed, injuries=cas.injured, modality=mod, background=background,
                attribution=list(sources), evidence=[Span(ev_s, ev_e)], trigger=Span(ts, te),
                confidence=round(max(0.0, min(1.0, conf)), 4),
            )
            _field_spans(ev)
            events.append(ev)
            last_sent_of[len(events) - 1] = first_sent_of[len(events) - 1] = si
            if speech_date:
                speech_dated.add(len(events) - 1)
            if rank == 0 and actor1 is None and actor2 is None and own_date is None and not background \
                    and cas.killed.value is None and cas.injured.value is None \
                    and _own_place(article, trig, ev_s, ev_e) is None:
                bare[len(events) - 1] = si
    if bare:
        events = _fold_bare(events, bare, first_sent_of, last_sent_of, article.id)
    story_cc = _story_country(events)
    for ev in events:
        _complete_sides(b, ev, story_cc)
        sub = _sides_type(b, ev)
        if sub is not None:
            _retype(ev, sub)
    return events, claims


def _sides_type(b: _Builder, ev: EventReport) -> str | None:
    """ACLED's type from who fought whom, once the sides are known (None: keep the type): an armed group's
    clash with civilians is one-sided violence, an Attack ("Nine civilians were killed when militants raided
    the village"); an armed group's shots at police or soldiers its own sentence hurts, with no civilian in
    it, a battle ("Gunmen fired on a police vehicle, wounding two officers": the victims, found last, are
    the state's). (Every attack on forces made a clash was measured: it lost more events coded as attacks
    than it gained.)"""
    a1, a2 = ev.actor1, ev.actor2
    if ev.sub_event_type == "Armed clash" and a1 is not None and a1.kind in ARMED_KINDS \
            and a2 is not None and a2.kind == "civilians":
        return "Attack"
    if ev.sub_event_type == "Attack" and a1 is not None and a1.kind in ARMED_KINDS and a2 is not None \
            and a2.kind == "state" and a2.start is None and ev.evidence and not ev.background:
        said = b.text[ev.evidence[0].start:ev.evidence[0].end]
        if _FIRED_ON.search(said) and not CIVILIAN_TARGET.search(said):
            return "Armed clash"
    return None


_FIRED_ON = re.compile(r"\b(?:open(?:s|ed)?|fir(?:e|es|ed|ing))\s+(?:fire\s+)?(?:on|at)\b|\bambush", re.I)


_DEPLOY_LEMMAS = frozenset({"deploy", "redeploy", "reinforce", "reinforcement", "dispatch", "send", "rush"})
_RELIEF = re.compile(r"\bto (?:help|assist|rescue|evacuate|search for|distribute|feed|shelter)\b", re.I)


def _deployment(trig: Any) -> bool:
    """``trig`` tells forces sent somewhere ("were deployed", "called in reinforcements")."""
    return trig.lemma_.lower() in _DEPLOY_LEMMAS or _predicate(trig).lemma_.lower() in _DEPLOY_LEMMAS


_FORCE_LEMMAS = frozenset({"troop", "force", "reinforcement", "battalion", "unit", "soldier", "police", "officer",
                           "personnel", "gendarme", "policeman", "army", "military"})


def _sends_forces(trig: Any) -> bool:
    """The deployment verb of ``trig`` moves forces ("sending troops and rocket launchers to the frontier",
    "police and soldiers were deployed"), whatever weapon word gave the sentence its type."""
    verb = trig
    for _ in range(6):  # (a weapon noun names no verb of its own: climb to the one it is sent by)
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    if verb.lemma_.lower() not in _DEPLOY_LEMMAS:
        return False
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(t.lemma_.lower() in _FORCE_LEMMAS for o in objs for t in (o, *o.conjuncts))


def _forces_under_fire(ev: EventReport, trig: Any) -> bool:
    """"Officers entered the area before dawn and came under fire" after a report of their operation: the
    state's forces of the report just told, fired on, are how it went."""
    pred = _predicate(trig)
    subj = _clause_subject(_clause_head(pred))
    return _came_under(pred) is not None and subj is not None \
        and guess_kind(subj.text) == "state" and any(a is not None and a.kind == "state" for a in (ev.actor1, ev.actor2))


# the guns of a firefight, not of remote violence
_SMALL_ARMS = re.compile(r"\b(?:small[- ]arms|machine[- ]?guns?|rifles?|snipers?|gunfire|automatic weapons|"
                         r"pistols?|kalashnikovs?|ak-47s?|m16s?)\b", re.I)


_GUNFIRE = re.compile(r"\bopen(?:ed|s|ing)? fire\b|\bfir(?:ed|ing) (?:[\w-]+ ){0,2}(?:on|at|into)\b|\bgunfire\b", re.I)


def _returns_fire(trig: Any) -> bool:
    """``trig`` is "returned fire": the answer of those fired on."""
    return trig.lemma_ == "return" and any(c.lower_ == "fire" for c in trig.children)


def _small_arms_fire(masked: str) -> bool:
    """Shelling that names no shell, rocket or mortar but small arms ("opened fire with machine guns on
    Armenian positions") is a firefight: the learned typer reads "fire on positions" as shelling."""
    return _SMALL_ARMS.search(masked) is not None and "Shelling/artillery/missile attack" not in _rule_types(masked)


def _rule_types(text: str) -> list[str]:
    """The sub-events the trigger rules alone read in ``text``, best first: what the stated corrections of the
    learned typer's reading check against (memoised by classify, so asking again costs a lookup)."""
    return [c.sub_event_type for c in classify(text)]


def _event_id(article_id: str, n: int) -> str:
    return f"{article_id}/e{n}"


def _fold_bare(events: list[EventReport], bare: dict[int, int], first_sent_of: dict[int, int],
               last_sent_of: dict[int, int], article_id: str) -> list[EventReport]:
    """"Fighting also flared on the ground. Clashes between X and Y near Z killed four soldiers on Monday":
    a one-sentence report with no actor, place, day or toll of its own, next to a report of the same kind
    told in the next (or previous) sentence, is that report's announcement, not an event of its own."""
    drop: set[int] = set()
    for i, si in bare.items():
        ev = events[i]
        if len(ev.evidence) != 1:
            continue  # (a later sentence told more about it: it stands)
        nxt = i + 1 if i + 1 < len(events) and i + 1 not in drop else None
        if nxt is not None and events[nxt].sub_event_type == ev.sub_event_type and first_sent_of[nxt] == si + 1:
            events[nxt].evidence.insert(0, ev.evidence[0])
            drop.add(i)
            continue
        prv = i - 1 if i > 0 and i - 1 not in drop else None
        if prv is not None and events[prv].sub_event_type == ev.sub_event_type and last_sent_of[prv] == si - 1:
            events[prv].evidence.append(ev.evidence[0])
            drop.add(i)
    if not drop:
        return events
    kept = [e for i, e in enumerate(events) if i not in drop]
    for n, e in enumerate(kept, 1):
        e.id = _event_id(article_id, n)
    return kept


def _story_country(events: list[EventReport]) -> str | None:
    """The country most of the article's located current reports are in (ties: the first named)."""
    codes = [e.location.country_code for e in events if e.location is not None and e.location.country_code
             and not e.background] or [e.location.country_code for e in events
                                        if e.location is not None and e.location.country_code]
    return max(codes, key=codes.count) if codes else None


# a target that is a place where civilians are: hitting it makes civilians the other side
_CIVIL_TARGET = re.compile(r"\b(?:markets?|marketplace|mosques?|church(?:es)?|monaster(?:y|ies)|temples?|schools?|hospitals?|"
                           r"clinics?|(?:displacement|refugee|idp) camps?|weddings?|funerals?|(?:mini)?bus(?:es)?|taxis?|"
                           r"rickshaws?|residential|homes?|houses?|shops?|stores?|apartments?|kindergartens?|"
                           r"nurser(?:y|ies)|universit(?:y|ies)|dormitor(?:y|ies))\b", re.I)
_ANY_PEOPLE = frozenset({"people", "persons", "others", "victims", "men", "bystanders", "members"})
# "more than 20 people, including five children": the people counted were civilians
_INCLUDING = re.compile(r"\s*,?\s*(?:including|among them)\s+(?P<who>(?:[\w-]+\s+){0,2}[\w-]+)", re.I)
# law enforcement: unspecified "security forces" there are the police (ACLED)
_POLICING = frozenset({"Arrests", "Protest with intervention", "Excessive force against protesters"})
# who is taken, detained or robbed without a side of their own is a civilian (ACLED)
_CIVILIAN_OBJECT = frozenset({"Arrests", "Abduction/forced disappearance", "Looting/property destruction"})
# bombs nobody is named for: ACLED's unidentified armed group planted them
_UNATTRIBUTED_BOMBS = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})
_MILITARY_TARGET = re.compile(r"\b(?:bases?|depots?|barracks|checkpoints?|posts?|positions?|convoys?|garrisons?|"
                              r"outposts?|armou?ries|military|army|police)\b", re.I)
# a target only the state holds: a bare "positions" or "base" may be any side's ("shelled positions held by a
# breakaway faction" names no army)
_STATE_TARGET = re.compile(r"\b(?:military|army|police|gendarm\w*|checkpoints?|barracks|garrisons?)\b|"
                           r"\b(?:soldiers|troops)'", re.I)
# whose the target is, when the words right after it say so ("positions held by the militia", "a base of the rebels")
_TARGET_OWNER = re.compile(r"\s+(?:(?:held|controlled|occupied|manned|run) (by)|of)\s+((?:\w+\W+){0,3}\w+)", re.I)
_INTERVENTIONS = frozenset({"Protest with intervention", "Excessive force against protesters"})
# modifiers that leave an armed group unnamed ("suspected jihadists", "unknown assailants")
_UNNAMED_MODIFIERS = frozenset({"suspected", "unknown", "unidentified", "alleged", "armed", "masked", "heavily",
                                "some", "several", "dozens", "hundreds", "group", "groups"})


def _generic_name(name: str, sentence_initial: bool = False) -> bool:
    """A common noun phrase ("Police", "the army", "security forces"), not a name the KB does not know
    ("Kachin Independence Army", "Ugandan army"): only those stand for the local state.
    ``sentence_initial``: the first word is capitalised only because it opens the sentence."""
    words = name.split()
    if not words:
        return False
    first = words[0]
    return all(w[:1].islower() or guess_kind(w) == "state" for w in re.findall(r"[\w'’-]+", name)[1:]) and \
        (first[:1].islower() or sentence_initial or guess_kind(first) == "state" or first.lower() in _FORCE_MODIFIERS)


# words before "police"/"forces" that say which kind, not whose ("Riot police", tagged PERSON by the model)
_FORCE_MODIFIERS = frozenset({"the", "an", "a", "riot", "anti-riot", "border", "traffic", "military", "special", "federal",
                              "local", "regional", "paramilitary", "mounted"})


def _sentence_initial(b: _Builder, a: Actor) -> bool:
    """The actor's first word opens its sentence and names nobody ("Security forces"; not "Ugandan")."""
    tok = _token_at(b.doc, a.start, a.start + 1) if a.start is not None else None
    return tok is not None and tok.ent_type_ not in ("NORP", "GPE", "ORG", "PERSON") and (
        tok.is_sent_start or (tok.i > 0 and tok.nbor(-1).is_sent_start and tok.nbor(-1).lower_ in ("the", "a", "an")))


def _unnamed(b: _Builder, a: Actor) -> bool:
    """An armed group the text only describes ("suspected jihadists", "gunmen", "unknown assailants"):
    no proper name, nationality or KB entry in the phrase, and not a definite back-reference to a group
    named before ("the rebels"; the doers of the attack itself, "the gunmen", stay unnamed)."""
    if a.canonical is not None or a.sponsor is not None or a.kind not in ("political_militia", "rebel"):
        return False
    if a.start is None or a.end is None:
        return a.name[:1].islower() and not b.kb.knows(a.name)
    span = b.doc.char_span(a.start, a.end, alignment_mode="expand")
    if span is None or b.kb.knows(span.text):
        return False
    for t in span:
        common = t.lower_ in _UNNAMED_MODIFIERS or guess_kind(t.text) is not None or t.lower_ in _DOER_NOUNS
        if (t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "ORG", "GPE")) and not common:
            return False
    before = b.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in ("the", "these", "those") and span.root.lower_ not in _DOER_NOUNS:
        return False
    return True


def _antecedent(b: _Builder, a: Actor) -> Actor | None:
    """The group a definite description refers back to ("In Goma, which the M23 holds, the rebels rounded
    up ..."): the last armed KB group named in this or the two sentences before."""
    if a.canonical is not None or a.start is None or a.kind not in ARMED_KINDS:
        return None
    if any(w.lower() in _DOER_NOUNS for w in a.name.split()):
        return None  # "the attackers" are whoever attacked, not the last group named (often the target)
    first = _token_at(b.doc, a.start, a.start + 1)
    if first is None or first.i == 0 or b.doc[first.i - 1].lower_ not in ("the", "these", "those"):
        return None
    named = b.kb.armed_groups(b.text[b.doc[sentences_back(first, 2)].idx: a.start])
    if not named:
        return None
    last = named[-1]
    return Actor(name=a.name, canonical=last.canonical, kind=last.kind, country=last.country, sponsor=last.sponsor,
                 start=a.start, end=a.end)


def _victims_are_civilians(b: _Builder, count: Any) -> bool:
    """The count's people are civilians: a civilian noun ("port workers"), or people of whom the text
    lists civilians ("20 people, including five children")."""
    first = count.side.split(",")[0].strip()
    if first.split()[-1] not in _ANY_PEOPLE:
        return guess_kind(first) == "civilians"
    m = _INCLUDING.match(b.text, count.end) if count.end is not None else None
    return m is not None and guess_kind(m.group("who")) == "civilians"


def _complete_sides(b: _Builder, ev: EventReport, story_cc: str | None = None) -> None:
    """ACLED's sides from what the report already holds, with the country where the event took place
    (else the story's, ``story_cc``):

    * a generic state force ("the army", "Police", "Security forces") is that country's force;
    * a definite "the rebels" after a named group is that group; armed men the text does not name
      ("gunmen", "suspected jihadists", an unclaimed roadside bomb, bodies found) are its Unidentified
      Armed Group;
    * a protest's people are Protesters (country), a riot's Rioters (country); police breaking up a
      protest are its actor2, the protesters actor1;
    * with no other side named, the victims: civilians killed or hurt, a market or bus struck, any
      violence against civilians, people arrested, abducted or robbed -> Civilians (country); soldiers
      or police killed, or a military or police target (a base, a convoy, a police station) -> that
      state's force."""
    cc = ev.location.country_code if ev.location is not None and ev.location.country_code else story_cc
    policing = ev.sub_event_type in _POLICING
    for slot in ("actor1", "actor2"):
        a = getattr(ev, slot)
        if a is None:
            continue
        if a.canonical is None and a.kind == "state" and a.sponsor is None and \
                _generic_name(a.name, _sentence_initial(b, a)):
            canon = b.kb.state_force(a.name, a.country or cc, policing=policing)
            if canon is not None:
                a.canonical, a.country = canon, a.country or cc
        local = b.kb.local(a.name, a.country or cc) if a.canonical is None and a.kind in ARMED_KINDS else None
        if local is not None:  # "Kurdish militants" in a story from Turkey
            a.canonical, a.kind, a.country = local.canonical, local.kind, local.country
        if a.canonical is None and a.kind == "identity_militia":
            a.canonical = b.kb.communal(a.name, a.country or cc)  # "Fulani herders": Fulani Ethnic Militia (Nigeria)
        ref = _antecedent(b, a)
        other = ev.actor2 if slot == "actor1" else ev.actor1
        if ref is not None and not (other is not None and other.canonical == ref.canonical):
            setattr(ev, slot, ref)
        elif _unnamed(b, a):
            uag = b.kb.collective("unidentified", cc, like=a)
            if uag is not None:
                setattr(ev, slot, uag)
    if ev.actor1 is None and (ev.sub_event_type in _UNATTRIBUTED_BOMBS or ev.sub_event_type == "Attack"):
        # (an attack on civilians nobody is named for: "A teenager was shot dead outside a pizzeria"; told as
        # context: "survivors of a raid on the hamlet last year"; known by the bodies: "farmers came upon three
        # bodies by the road")
        ev.actor1 = b.kb.collective("unidentified", cc)
    if ev.sub_event_type == "Looting/property destruction" and ev.actor1 is None:
        # "Witnesses say youths looted several shops": a crowd that loots is ACLED's Rioters
        subj = _trigger_subject(b.doc, ev)
        if subj is not None and subj.lemma_.lower() in _CROWD_NOUNS | {"looter", "resident"}:
            s, e = _np(subj)
            ev.actor1 = b.kb.collective("rioters", cc, like=Actor(name=b.text[s:e], start=s, end=e))
    if ev.sub_event_type == "Arrests" and ev.actor1 is None and cc in b.kb.states and not ev.background \
            and ev.modality in ("asserted", "reported", "claimed"):
        # "Two suspects were detained in Karabulak": arrests with no one named are the state's police, unless
        # an armed group tells of them ("The SDF said they had detained five suspects": its own)
        teller = next((b.kb.resolve(a.source) for a in ev.attribution if a.kind == "group"), None)
        if teller is not None and teller.canonical and teller.kind in ARMED_KINDS:
            ev.actor1 = teller
        else:
            force = b.kb.state_force("police", cc, policing=True)
            ev.actor1 = Actor(name=force, canonical=force, kind="state", country=cc) if force else None
    if ev.sub_event_type == "Non-state actor overtakes territory" and ev.actor2 is None and cc in b.kb.states \
            and ev.actor1 is not None and ev.actor1.kind not in (None, "state"):
        # "The RSF seized the town": with no other side named, taken from the state's forces
        st = b.kb.states[cc]
        ev.actor2 = Actor(name=st["military"], canonical=st["military"], kind="state", country=cc)
    if ev.event_type in ("Protests", "Riots"):
        _crowd_sides(b, ev, cc)
        return
    if ev.actor2 is not None and (ev.sub_event_type in _CIVILIAN_OBJECT or ev.event_type == "Violence against civilians") \
            and ev.actor2.canonical is None and ev.actor2.kind in (None, "civilians") and cc is not None:
        # "arrested Hamid X, a member of a resistance committee", "detained three aid workers", "beat a journalist"
        ev.actor2 = b.kb.collective("civilians", cc, like=ev.actor2) or ev.actor2
    count = next((c for c in (ev.fatalities, ev.injuries) if c is not None and c.side and c.value), None)
    if ev.actor2 is not None and count is not None and ev.actor2.end is not None and cc is not None and \
            re.match(r"-(?:held|controlled|run|occupied)\b", b.text[ev.actor2.end:]) and _victims_are_civilians(b, count):
        # "struck the Houthi-held port, killing three port workers": who holds the place is not who was hit
        ev.actor2 = None
    if ev.actor2 is not None or cc is None:
        return
    if ev.sub_event_type in _CIVILIAN_OBJECT:
        if not (ev.target and _MILITARY_TARGET.search(ev.target)):  # (a looted army depot is no civilian's)
            ev.actor2 = b.kb.civilians(cc)
        return
    if ev.event_type not in _VIOLENT_TYPES:
        return
    victims = None
    if count is not None:
        first = count.side.split(",")[0].strip()  # "policemen, passers-by": the first group named
        kind = None if first.split()[-1] in _ANY_PEOPLE else guess_kind(first)
        if _victims_are_civilians(b, count):
            victims = b.kb.civilians(cc)
        elif kind == "state" and not (ev.actor1 is not None and ev.actor1.kind == "state"):
            victims = b.kb.resolve(first)
            victims.canonical, victims.country = b.kb.state_force(first, cc), cc
    if victims is None and ev.event_type != "Battles" and (
            ev.event_type == "Violence against civilians" or (ev.target and _CIVIL_TARGET.search(ev.target))):
        victims = b.kb.civilians(cc)
    if victims is None and ev.actor1 is not None and ev.actor1.kind not in (None, "state", "civilians") and \
            ev.target and _STATE_TARGET.search(ev.target) and cc in b.kb.states and not _owned_by_other(b, ev):
        # "the rebels hit an army fuel convoy", "raided a police station": the state force it belongs to
        force = b.kb.state_force(ev.target, cc)
        victims = Actor(name=force, canonical=force, kind="state", country=cc) if force else None
    if victims is not None and not (ev.actor1 is not None and ev.actor1.canonical == victims.canonical):
        ev.actor2 = victims


def _owned_by_other(b: _Builder, ev: EventReport) -> bool:
    """The report's sentence names a non-state owner right after the target ("army posts held by a
    breakaway faction", "the barracks of the rebels"): the place is not the state force's. Whoever a place
    is "held by" is its owner unless a state force; "of" names one only with an armed kind ("of the town")."""
    if not ev.evidence or not ev.target:
        return False
    sent = b.text[ev.evidence[0].start:ev.evidence[0].end]
    at = sent.find(ev.target)
    m = _TARGET_OWNER.match(sent, at + len(ev.target)) if at >= 0 else None
    if m is None:
        return False
    kind = guess_kind(m.group(2))
    return kind != "state" if m.group(1) else kind not in (None, "state")


_FOUND_LEMMAS = frozenset({"find", "discover", "recover", "dump", "retrieve", "exhume", "wash", "pull"})


def _crowd_handler(b: _Builder, trig: Any) -> Actor | None:
    """"Police fired tear gas at students protesting fuel prices": the protest is a clause on the crowd, and
    the state force that acts on that crowd is who intervened."""
    if trig.dep_ not in ("acl", "relcl"):
        return None
    t = trig.head
    while t.dep_ in ("pobj", "prep", "dobj") and t.head != t:
        t = t.head
        if t.pos_ == "VERB":
            break
    if t.pos_ != "VERB" or t == trig.head:
        return None
    subj = next((c for c in t.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
    if subj is None:
        return None
    s, e = b._name_span(subj)
    actor = b.kb.resolve(b.text[s:e], s, e)
    return actor if actor.kind == "state" else None


_SUPPORTERS = re.compile(r"\b(?:supporters|backers|loyalists|sympathi[sz]ers|partisans|followers)\b", re.I)


def _crowd_sides(b: _Builder, ev: EventReport, cc: str | None) -> None:
    """ACLED's sides of a protest or riot: the crowd is actor1 (Protesters / Rioters of the country, the
    text's words kept as the name); a force that intervenes in a protest is actor2."""
    a1 = ev.actor1
    if a1 is not None and a1.kind == "state" and ev.sub_event_type in (*_INTERVENTIONS, "Violent demonstration"):
        if ev.actor2 is None or ev.actor2.kind in (None, "civilians", "protesters", "rioters"):
            # "Police fired tear gas at the crowd", "Police cleared the blockade after clashes": the police
            # intervene (the state does not riot)
            a1, ev.actor2 = ev.actor2, a1
    crowd = "protesters" if ev.event_type == "Protests" else "rioters"
    if ev.sub_event_type == "Mob violence" and a1 is not None and a1.kind not in (None, "civilians", "rioters", "protesters"):
        ev.actor1 = a1
        return
    if a1 is not None and a1.kind == "state" and _SUPPORTERS.search(a1.name):
        a1 = None  # "supporters of the transitional authorities gathered": a crowd, not the authorities
    if a1 is None or (a1.canonical is None and a1.sponsor is None and a1.kind in (None, "civilians", "protesters", "rioters")):
        a1 = b.kb.collective(crowd, cc, like=a1) or a1
    ev.actor1 = a1
    if ev.sub_event_type in ("Violent demonstration", *_INTERVENTIONS) and ev.actor2 is None and cc in b.kb.states:
        # "Riot police fired tear gas at youths who threw petrol bombs": the police the crowd faced
        m = next((m for e in ev.evidence for m in _POLICE_FACING.finditer(b.text, e.start, e.end)), None)
        force = b.kb.state_force(m.group("force"), cc, policing=True) if m is not None else None
        if force is not None:
            ev.actor2 = Actor(name=m.group("force"), canonical=force, kind="state", country=cc,
                              start=m.start("force"), end=m.end("force"))


# police who act in a riot (not who report on it: "police said")
_POLICE_FACING = re.compile(r"\b(?P<force>(?:riot |anti-riot )?police(?:men)?|gendarmes|riot officers)\b"
                            r"(?!\s+(?:said|say|says|spokes\w*|sources?|statement|report\w*|chief said))", re.I)


_REMOTE_TYPES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
_TOOK_PLACE = re.compile(
    r"^\W*(?:the|that|this|these|those)\s+(?:[\w-]+\s+){0,2}?(?:raids?|strikes?|airstrikes?|attacks?|operations?|arrests?|"
    r"bombings?|assaults?|ambush|clash(?:es)?|incident|protests?|demonstrations?|shelling|explosions?|blasts?)\s+"
    r"(?:took place|happened|occurred|was carried out|were carried out|was conducted|were conducted|came|began)\b", re.I)
_DEAD_WERE = re.compile(
    r"\b(?:the dead|those killed|the victims|the casualties|the slain|the fighters killed)\s+(?:were|included)\s+"
    r"(?:mostly\s+|all\s+|mainly\s+)?(?:members of|fighters (?:of|from)|from)\s+"
    r"(?P<who>(?:[\w.'-]+\s+){0,3}?(?:militias?|groups?|factions?|forces|brigades?|movement|units?)|"
    r"(?-i:[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3}))\b"
    r"(?P<rest>[^.;]{0,80})", re.I)
_BY_SPONSOR = re.compile(r"^\s*(?:\w+\s+){0,4}?(?:by|of)\s+(?P<sp>(?:[\w.'’-]+\s+){0,3}?[\w.'’-]+?)(?:'s|’s)?(?=[\s,.;]|$)")
_CLAIM_VERBS = frozenset({"claim", "take", "admit", "say", "announce", "accept"})


def _complete_previous(b: _Builder, events: list[EventReport], last_sent_of: dict[int, int], speech_dated: set[int],
                       si: int, sent: Any, sources: Any) -> bool:
    """A sentence that completes an earlier report instead of reporting a new event.

    * "The Islamic Resistance in Iraq claimed the attack" / "X said it was behind the attack": the
      claimant becomes actor1 of the report it refers back to (returns True: no new event);
    * "The targets ... were used by Iran's Revolutionary Guards", "the dead were members of X
      militias": the other side (actor2) when the report has none;
    * "The raid took place on Thursday": the event date, when the report only had the date of the
      statement ("said on Friday");
    * "Police later said it was a hand grenade": what the device of the explosion just told was (True);
    * "The bodies of two more men were found the next day": the report's later dead, not an event (True).
    """
    stext = b.text_of(sent)
    recent = [i for i in range(len(events)) if si - last_sent_of[i] <= 4 and not events[i].background]
    if not recent and not _ANAPHOR_RX.search(stext):
        return False
    s0 = sent.start_char
    span = (s0, s0 + len(stext.rstrip()))
    blamed = _blamed(b, sent)
    if blamed is not None or (_CLAIMS_IT.search(stext) and (_ANAPHOR_RX.search(stext) or _BARE_CLAIM.search(stext))):
        claimer = blamed or _claimant(b, sent)
        # the claim or blame goes to the latest use of force whose attacker is still unknown or only
        # described ("suspected jihadists"); a report with a named attacker is not the one meant. "The
        # attack" named back may come paragraphs later (after a timeline); "the attack" is no abduction
        named = _ANAPHOR_RX.search(stext)
        pool = [k for k in range(len(events)) if not events[k].background] if named else recent
        forceful = [k for k in pool if (events[k].event_type in _VIOLENT_TYPES
                                        or events[k].sub_event_type == "Disrupted weapons use")
                    and not (named and events[k].sub_event_type in _NOT_ATTACKS)]
        k = next((k for k in reversed(forceful) if _open_attacker(events[k].actor1)),
                 forceful[-1] if forceful and forceful[-1] in recent else None)
        if claimer is not None and k is not None:
            ev = events[k]
            # (an interception told by the unnamed defences: the claimant is who used the weapons)
            interceptor = ev.sub_event_type == "Disrupted weapons use" and ev.actor1 is not None and \
                ev.actor1.canonical is None
            if (_open_attacker(ev.actor1) or interceptor) and not (ev.actor2 is not None and ev.actor2.canonical
                                                  and ev.actor2.canonical == claimer.canonical):
                ev.actor1 = claimer
            _merge_into(ev, span[0], span[1], None, sources)  # (who claims or blames it is a source of it)
            last_sent_of[k] = si
            return True
    if not recent:
        return False
    i = recent[-1]
    ev = events[i]
    kind = _IT_WAS.search(stext) if ev.sub_event_type in _REIDENTIFIABLE else None
    if kind is not None:
        # "An explosive device detonates at a house. Police later say it was a hand grenade": what the device
        # turned out to be says which explosion it was
        _retype(ev, "Grenade" if "grenade" in kind.group(1).lower() else "Remote explosive/landmine/IED")
        named = _weapons(b.article, *span)
        if named:  # (the device is the grenade: one weapon, by its new name)
            ev.weapons = [w for w in ev.weapons if w.name.lower() not in _GENERIC_DEVICES]
        _merge_into(ev, span[0], span[1], None, sources, named)
        last_sent_of[i] = si
        return True
    if ev.event_type in _CASUALTY_TYPES and _later_bodies(sent, stext):
        # "The bodies of two more men were found the next day, taking the toll to six": the dead of the
        # event just told, found later; the find is no event of its own and the date stays the event's
        cas = find_casualties(stext, s0)
        k = cas.killed
        told = stext[k.start - s0: k.end - s0 + 12] if k.start is not None and k.end is not None else ""
        if k.value is not None and ev.fatalities.value is not None and "toll" not in told \
                and re.search(r"\b(?:more|other|further|additional)\b", told):
            k = dataclasses.replace(k, value=ev.fatalities.value + k.value, low=None, high=None)
        if k.value is not None and (ev.fatalities.value is None or k.value > ev.fatalities.value):
            ev.fatalities = k
        _merge_into(ev, span[0], span[1], None, sources)  # (it tells no more of the event: the window stays)
        return True
    if ev.event_type in _VIOLENT_TYPES and (ev.actor2 is None or (ev.actor2.canonical is None and ev.actor2.sponsor is None)):
        other = _owner_in(b, sent, ev.actor1)
        if other is not None:
            ev.actor2 = other
    if i in speech_dated and _TOOK_PLACE.search(stext):
        d = _date(b.article, span[0], span[1])
        if d is not None and d.value and not d.from_publication_date:
            ev.date = d
            speech_dated.discard(i)
    return False


_GENERIC_DEVICES = frozenset({"explosive device", "device", "bomb", "explosive", "explosives"})
_REIDENTIFIABLE = frozenset({"Remote explosive/landmine/IED", "Grenade"})
_IT_WAS = re.compile(r"\b(?:it|the (?:device|blast|explosion|bomb|explosive))\s+(?:was|had been|is)\s+(?:an?\s+)?"
                     r"((?:hand[- ])?grenade|(?:home-?made |improvised |pipe )?(?:bomb|explosive device))\b", re.I)
_LATER_FIND = re.compile(r"\b(?:more|second|third|another|other|also|later|the (?:next|following) (?:day|morning|"
                         r"afternoon|evening))\b", re.I)


def _later_bodies(sent: Any, stext: str) -> bool:
    """``sent`` tells of more of the dead found afterwards ("The body of a second victim was found on Sunday",
    "His body is found the next morning"), and of nothing else that happened."""
    found = [t for t in sent if t.lemma_ in ("body", "corpse") and t.dep_ in ("nsubjpass", "dobj")
             and t.head.lemma_ in _FOUND_LEMMAS]
    return bool(found) and _LATER_FIND.search(stext) is not None and not any(
        t.lemma_ in ("kill", "shoot", "attack", "murder", "stab", "behead") and t.pos_ == "VERB" for t in sent)


# reports that "the attack" / "the strike" named back does not mean
_NOT_ATTACKS = frozenset({"Abduction/forced disappearance", "Sexual violence"})


def _open_attacker(actor: Actor | None) -> bool:
    """No attacker yet, or only a description of one ("suspected jihadist fighters", "gunmen")."""
    return actor is None or (actor.canonical is None and actor.kind != "state")


def _blamed(b: _Builder, sent: Any) -> Actor | None:
    """The party a sentence blames ("The brigade blamed the ELN for the attack"): the attacker of the
    report just told, when the blame is the whole sentence (its main verb, not negated)."""
    root = sent.root
    if root.lemma_ != "blame" or any(t.lemma_ in DENY_LEMMAS and t.pos_ == "VERB" for t in sent):
        return None  # (nor when the blamed deny it in the same breath: "..., but the PCE denied involvement")
    return _blame_object(b, root)


def _speaker_blames(b: _Builder, sent: Any) -> Actor | None:
    """The party the source of a sentence blames for what it reports: "..., said X, a village elder, who
    blamed the bandits", "..., police said, blaming a gang"."""
    for tok in sent:
        if tok.lemma_ != "blame" or tok.pos_ != "VERB":
            continue
        by_speaker = tok.dep_ == "relcl" and _speaks(tok.head) or \
            tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.lemma_ in SAY_LEMMAS
        if by_speaker:
            return _blame_object(b, tok)
    return None


def _blame_object(b: _Builder, verb: Any) -> Actor | None:
    """Whom the (not negated) "blame" ``verb`` blames, when that is a party (not civilians) that does not
    deny it in the same breath ("blamed the X brigade, which rejected the charge": still unknown)."""
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"), None)
    if obj is None or any(t.lemma_ in DENY_LEMMAS for t in obj.subtree):
        return None
    s, e = b._name_span(obj)
    name = b.text[s:e]
    if not (_is_actorlike(b.kb, name) or obj.ent_type_ in ("ORG", "NORP")):
        return None
    actor = b.kb.resolve(name, s, e, military=True)
    return actor if actor.kind not in ("civilians",) else None


def _named_group_in(b: _Builder, subjects: list[Any]) -> Actor | None:
    """A KB group named anywhere in the subject phrases (long names split the parse into pieces)."""
    for c in subjects:
        for t in c.subtree:
            if t.pos_ != "PROPN" or t.dep_ == "compound" or any(a.lower_ == "of" for a in t.ancestors if a.i > c.i):
                continue  # (not "a faction of the Pakistani Taliban": the group it split from)
            s, e = _np_short(t)
            if b.kb.names_group(b.text[s:e]):
                return b.kb.resolve(b.text[s:e], s, e, military=True)
    return None


def _glued_acronym(tok: Any) -> tuple[int, int] | None:
    """The span of a faction's acronym the tokenizer cut at its hyphen ("ULFA-I", "NSCN-IM") when ``tok`` is its
    last piece, else None."""
    doc = tok.doc
    if tok.i < 2 or not tok.text.isupper() or doc[tok.i - 1].text != "-" or doc[tok.i - 1].whitespace_ \
            or doc[tok.i - 2].whitespace_ or not doc[tok.i - 2].text.isupper() or len(doc[tok.i - 2]) < 2:
        return None
    return doc[tok.i - 2].idx, tok.idx + len(tok.text)


def _claimant(b: _Builder, sent: Any) -> Actor | None:
    """The group that claims an attack in ``sent`` (subject of claim / take responsibility / say it was behind)."""
    for tok in sent:
        if tok.lemma_ not in _CLAIM_VERBS or tok.pos_ not in ("VERB", "AUX"):
            continue
        if tok.lemma_ in ("say", "announce") and not any(c.dep_ == "ccomp" for c in tok.children):
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            return None
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        named = _named_group_in(b, subjects) if subjects and subjects[0].pos_ == "NOUN" else None
        if named is not None:
            return named  # "The al Qaeda-linked group Jama'at ... (JNIM) claimed": the name, not the description
        for c in tok.children:
            glued = _glued_acronym(c) if c.dep_ == "nsubj" else None
            if glued is not None:  # "The ULFA-I claimed": the tokenizer made "ULFA - I", a pronoun "I"
                return b.kb.resolve(b.text[glued[0]:glued[1]], *glued, military=True)
            if c.dep_ != "nsubj" or c.pos_ == "PRON":
                continue
            if any(d.lower_ in ("no", "none") for d in c.children):
                return None  # "No group claimed responsibility"
            s, e = b._name_span(c)
            name = b.text[s:e]
            if _is_actorlike(b.kb, name):
                actor = b.kb.resolve(name, s, e, military=True)
                if actor.kind not in (None, "civilians"):
                    return actor
            elif c.pos_ == "PROPN":
                # a group the KB does not know: who claims an attack is an armed group; its
                # apposition may say which kind ("The Brigades of Wrath, a little-known militia, claimed ...")
                appos = " ".join(a.text for a in c.children if a.dep_ == "appos")
                return Actor(name=name, canonical=None, kind=guess_kind(appos) if appos else None, start=s, end=e)
    return None


# A wire dateline opening a line: "MOGADISHU —", "BAMAKO, April 3 (Afrique Wire) -", "KYIV (AP) —". The
# parser often makes the city the subject of the first verb; it names where the story was filed, not who acted.
def _in_dateline(tok: Any, text: str) -> bool:
    return tok.text[:1].isupper() and dateline_around(text, tok.idx) is not None


def _after_dateline(tok: Any, text: str) -> Any:
    """``tok`` unless it is in the dateline; then the phrase the parser hung on the dateline as an
    apposition ("BAMAKO (Wire) - Malian troops ... killed": the troops), or None."""
    if not _in_dateline(tok, text):
        return tok
    for c in tok.subtree:
        if c.dep_ in ("appos", "conj") and c.head.i != c.i and c.pos_ in ("NOUN", "PROPN") and \
                dateline_around(text, c.idx) is None and c.i > tok.i:
            return c
    return None


def _owner_in(b: _Builder, sent: Any, actor1: Actor | None) -> Actor | None:
    """The target's owner or the victims' group named in a follow-up sentence."""
    text = b.text_of(sent)
    m = _DEAD_WERE.search(text)
    if m:
        who = m.group("who")
        s = sent.start_char + m.start("who")
        actor = b.kb.resolve(who, s, s + len(who))
        sp = _BY_SPONSOR.match(m.group("rest"))
        if sp and actor.sponsor is None:
            actor.sponsor = b.kb._entity_name(sp.group("sp")) or None
        if actor.kind not in (None, "civilians", "state") or actor.canonical or actor.sponsor:
            return actor
    if re.match(r"^\W*(?:the|these|those)\s+(?:[\w-]+\s+){0,2}?(?:targets?|sites?|facilit(?:y|ies)|depots?|buildings?|"
                r"warehouses?|positions?|bases?|compounds?)\b", text, re.I):
        m = _Builder._OWNER.search(text)
        if m:
            who = re.split(r"\s+(?:in|near|at|on|and|who|which|that|,)\s+|,", m.group("who"))[0]
            s = sent.start_char + m.start("who")
            if _is_actorlike(b.kb, who):
                actor = b.kb.resolve(who, s, s + len(who))
                if not (actor1 is not None and actor.canonical and actor.canonical == actor1.canonical):
                    return actor
    return None


_SCENE_NOUNS = frozenset({"site", "scene", "spot", "area", "place", "location", "encounter", "battlefield"})


def _spoils_of(b: "_Builder", ev: EventReport, tok: Any, sent: Any) -> bool:
    """The seizure of ``tok`` is the battle ``ev``'s outcome: same day and place, and the seizer is one of
    its sides or the items were taken from one ("troops recovered rifles from the militants"); police
    seizing a cache in another town are news of their own."""
    end = sent.start_char + len(sent.text.rstrip())
    date = _date(b.article, sent.start_char, end, tok.idx)
    own_date = _own_date(date, sent.start_char, end)
    if own_date is not None and _is_speech_date(b.doc, tok, own_date):
        own_date = None  # (the day of "said on Sunday" is the statement's)
    if _distinct_report(b, ev, tok, sent, (sent.start_char, end), own_date, False):
        return False
    seizer, _, _ = b.arguments(tok, sent, False)
    pred = _predicate(tok)
    verb = pred
    while seizer is None and verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "repelled them and recovered rifles": the first verb's subject seized
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        seizer = b.kb.resolve(b.text[slice(*_np(subj))]) if subj is not None else None
    # "recovered rifles from the militants": on the verb or on what was seized
    heads = [pred] + [c for c in pred.children if c.dep_ in ("dobj", "nsubjpass")]
    taken_from = [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "from"
                  for o in p.children if o.dep_ == "pobj"]
    taken_from += [c for h in heads[1:] for c in h.children if c.dep_ == "poss"]  # "seized their rifles"
    if ev.event_type == "Battles" and seizer is None and all(o.lemma_ in _SCENE_NOUNS for o in taken_from):
        return True  # "Two rifles were recovered from the site": what the fighters left behind
    if ev.actor2 is None and seizer is not None and (seizer.kind == "state" or seizer.kind in ARMED_KINDS) \
            and not _one_side(b, seizer, ev.actor1):
        return True  # an armed force against the attacker is the other side the report has not named yet
    return any(_one_side(b, a, side) for a in [seizer] + [b.kb.resolve(o.text) for o in taken_from]
               for side in (ev.actor1, ev.actor2)) or any(o.pos_ == "PRON" for o in taken_from)


def _one_side(b: "_Builder", a: Actor | None, side: Actor | None) -> bool:
    """``a`` and ``side`` are one side: the same known actor, or, where one is not yet known, the same kind
    of armed actor ("the troops" and "soldiers")."""
    if a is None or side is None:
        return False
    if a.canonical and side.canonical:
        return b.kb.same_side(a.canonical, side.canonical)
    return a.kind is not None and a.kind == side.kind and a.kind not in ("civilians",)


def _fold_seizures(b: "_Builder", doc: Any, s0: int, cands: list[Candidate], events: list[EventReport],
                   last_sent_of: dict[int, int], si: int, sources: Any) -> list[Candidate]:
    """Weapons seized or found during arrests are part of the arrests (ACLED codes them as the Arrests
    event), not a Disrupted weapons use of their own; so are weapons recovered from the attackers just
    after a battle told in the last two sentences ("soldiers repelled them and recovered weapons") by one of
    its sides, the same day and place."""
    out = []
    has_arrest = any(c.sub_event_type == "Arrests" for c in cands)
    for c in cands:
        if c.sub_event_type == "Disrupted weapons use":
            tok = _token_at(doc, s0 + c.start, s0 + c.end)
            seizure = tok is not None and (tok.lemma_ in _SEIZE_LEMMAS or _predicate(tok).lemma_ in _SEIZE_LEMMAS
                                           or _seized(tok))
            if seizure:
                if has_arrest:
                    continue
                sent = doc[tok.i].sent
                end = sent.start_char + len(sent.text.rstrip())
                day = _own_date(_date(b.article, sent.start_char, end), sent.start_char, end)
                hosts = [i for i in range(len(events)) if events[i].sub_event_type == "Arrests"
                         and not events[i].background and si - last_sent_of[i] <= 5
                         and _same_day(events[i].date, day)]  # (a find on another day is its own event)
                fought = any(_returns_fire(t) for t in sent)  # ("They returned fire, killing one, and seized ...")
                if not hosts and not _PARALLEL_NEWS.search(sent.text) and not _NEW_EVENT_RX.search(sent.text):
                    hosts = [i for i in range(len(events)) if events[i].event_type == "Battles"
                             and not events[i].background and si - last_sent_of[i] <= 2
                             and (fought or _spoils_of(b, events[i], tok, sent))]
                if hosts:
                    cas = find_casualties(sent.text, sent.start_char) if fought else None
                    _merge_into(events[hosts[-1]], sent.start_char, end, cas, sources)
                    last_sent_of[hosts[-1]] = si
                    continue
        out.append(c)
    return out


_CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "hurt", "claim", "leave"})


def _prefer_named_event(doc: Any, s0: int, cands: list[Candidate]) -> list[Candidate]:
    """"Wednesday's strike killed nine militants": the event is the strike (the subject), not a clash
    read off the casualty verb; "gunmen set fire to eight vehicles": the event is what the gunmen did (the
    verb), not an attack read off who they are."""
    if len(cands) < 2:
        return cands
    tok0 = _token_at(doc, s0 + cands[0].start, s0 + cands[0].end)
    if tok0 is not None and tok0.dep_ == "nsubj" and guess_kind(tok0.text) in ARMED_KINDS:
        for k, c in enumerate(cands[1:], start=1):
            tok = _token_at(doc, s0 + c.start, s0 + c.end)
            if tok is not None and tok.i == tok0.head.i and tok.lemma_ not in _CASUALTY_VERBS:
                return [c] + cands[:k] + cands[k + 1:]
        return cands
    if tok0 is None or tok0.pos_ != "VERB" or cands[0].sub_event_type not in ("Armed clash", "Attack"):
        return cands  # only a type read off the casualty verb itself gives way
    verb = tok0
    if verb.lemma_ not in _CASUALTY_VERBS:
        return cands
    for k, c in enumerate(cands[1:], start=1):
        tok = _token_at(doc, s0 + c.start, s0 + c.end)
        if tok is not None and tok.dep_ == "nsubj" and tok.head.i == verb.i and tok.pos_ in ("NOUN", "PROPN"):
            return [c] + cands[:k] + cands[k + 1:]
    return cands


def _is_speech_date(doc: Any, trig: Any, date: EventDate | None) -> bool:
    """The date found for an event belongs to the reporting verb ("X said on Friday they had detained ...")
    rather than to the event clause."""
    if date is None or date.start is None or date.from_publication_date:
        return False
    t = _predicate(trig)
    for _ in range(6):
        if t.head.i == t.i:
            return False
        if t.dep_ in ("ccomp", "xcomp") and t.head.lemma_ in SAY_LEMMAS:
            lo = doc[t.left_edge.i].idx
            hi = doc[t.right_edge.i].idx + len(doc[t.right_edge.i].text)
            # "said on Friday they had detained": the parser may hang the date on the reported verb, but
            # a date between the reporting verb and the reported clause's subject is the statement's
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > t.head.i]
            if subj:
                lo = max(lo, doc[subj[0].left_edge.i].idx)
            return not (lo <= date.start < hi)
        t = t.head
    return False


def _military_speaker(kb: ActorKB, sources: Any, actor2: Actor | None) -> Actor | None:
    """An air or artillery strike announced by a state's military without a named attacker was carried
    out by that military ("The United States military said an air strike ... killed three militants")."""
    for a in sources:
        if a.kind not in ("military", "official"):
            continue
        actor = kb.resolve(a.source, a.start, a.end)
        if actor.kind == "state" and actor.country and actor.canonical == kb.states[actor.country]["military"]:
            if actor2 is not None and actor2.country == actor.country:
                return None  # the speaker's own side was hit: somebody else struck
            return actor
        if actor.kind == "state" and actor.country is None and _ARMY_WORDS.search(a.source) and \
                (actor2 is None or actor2.kind != "state"):
            return actor  # "The army said air strikes killed 40 militants": the story's army (see _complete_sides)
    return None


def _self_claim(kb: ActorKB, actor1: Actor | None, sources: Any) -> bool:
    """The attacker (a non-state group) is also the source of the report."""
    if actor1 is None or actor1.kind in (None, "state", "civilians", "protesters"):
        return False
    for a in sources:
        if a.kind == "outlet":
            continue
        if actor1.start is not None and a.start is not None and a.end is not None and a.start <= actor1.start < a.end:
            return True
        if actor1.canonical is not None and kb.resolve(a.source).canonical == actor1.canonical:
            return True
    return False


# "Jaish al-Adl claimed responsibility on Monday": no event named, so the one just told (not "claimed
# responsibility for an attack on ...", another one)
_BARE_CLAIM = re.compile(r"\b(?:claim(?:ed|s)?|took|accepted|assumed) responsibility\b(?!\s+for\s+(?:a|an|another)\b)", re.I)
_CLAIMS_IT = re.compile(r"\bclaim(?:ed|s)?\b|\btook responsibility|\bsaid (?:it|they) (?:had )?(?:carried out|launched|attacked|"
                        r"targeted|struck|was behind|were behind)", re.I)


# verbs whose subject speaks about an event, blames or denies it: no side of it
_NOT_DOING = SAY_LEMMAS | DENY_LEMMAS | {"blame", "accuse", "suspect", "condemn", "cooperate", "investigate"}


_DEFENDING = frozenset({"shoot", "intercept", "repel", "foil", "thwart", "down", "defuse", "neutralise", "neutralize"})


def _fill_actor(b: _Builder, ev: EventReport, trig: Any, sent: Any, military: bool) -> None:
    """A follow-up sentence may name who did it ("The Islamic Resistance in Iraq claimed the attack"); after
    a report with no side at all ("Heavy clashes this afternoon on the southern front."), its sides ("The army
    says it repelled an RSF assault")."""
    claims = _CLAIMS_IT.search(b.text_of(sent))
    if ev.actor1 is None and ev.actor2 is None and not claims:
        # (who looks for an abductor, "Police, who say she was released, are looking for ...", did not do it; nor
        # whom someone blames: "the police blamed the party of cooperating in the attack")
        pred = _predicate(trig)
        # (nor who shot the drones down: "Army air defences shot down three drones" defended)
        if ev.event_type not in ("Battles", "Explosions/Remote violence") or pred.lemma_ in _NOT_DOING \
                or ev.event_type != "Battles" and pred.lemma_ in _DEFENDING \
                or not (trig.pos_ == "VERB" or trig.dep_ in ("dobj", "nsubj", "nsubjpass") and trig.head == pred):
            return
        actor1, actor2, _ = b.arguments(trig, sent, military)
        if actor1 is not None and actor1.kind not in (None, "civilians"):
            ev.actor1 = actor1
            # (a battle's other side; whom a strike hit stays what the report says: the attacker's version,
            # "its forces struck military positions used by the army", is not the hospital's)
            if ev.event_type == "Battles" and actor2 is not None and actor2.kind is not None:
                ev.actor2 = actor2
        return
    if ev.actor1 is not None or not claims:
        return
    actor1, _, _ = b.arguments(trig, sent, military)
    if actor1 is not None and actor1.kind is not None and (ev.actor2 is None or actor1.canonical != ev.actor2.canonical):
        ev.actor1 = actor1


def _disputed_report(b: _Builder, events: list[EventReport], last_sent_of: dict[int, int], si: int, trig: Any,
                     etype: str, sub: str = "") -> int | None:
    """The recent report that a denial names as already known ("denied losing any fighters in the clash",
    "denied that it had lost fighters in Saturday's battle"), or None. The date of the sentence is
    the denial's; only a day named inside the mention itself ("Saturday's battle") must match the report's.
    ("The judiciary denied that any arrests had taken place": "any" denies the kind of event just told;
    "An RSF spokesman denied shelling Abu Shouk": the denied act is the latest report of its kind, however
    far back.)"""
    if trig.pos_ == "VERB" and trig.dep_ in ("xcomp", "ccomp") and trig.head.lemma_ in DENY_LEMMAS:
        same = [i for i in range(len(events)) if not events[i].background and events[i].sub_event_type == sub]
        sent = trig.sent
        span = (sent.start_char, sent.start_char + len(sent.text.rstrip()))
        own = _own_date(_date(b.article, *span, trig.idx), *span)
        # (not "Separately, the insurgents denied ambushing a patrol in Geidam last week": another one)
        if not same or _NEW_EVENT_RX.search(sent.text) or _distinct_report(b, events[same[-1]], trig, sent, span, own,
                                                                           False):
            return None
        return same[-1]
    anything = trig.pos_ == "NOUN" and _determined(trig, ("any",))
    if not _presupposed(trig) and not anything:
        return None
    # ("denied carrying out any air strike": the kind the noun names, whatever the sentence was typed as)
    kinds = {c.sub_event_type for c in classify(trig.doc[trig.left_edge.i: trig.i + 1].text)} | {sub} \
        if anything else set()
    recent = [i for i in range(len(events)) if si - last_sent_of[i] <= 4 and not events[i].background
              and (events[i].sub_event_type in kinds if anything else
                   events[i].event_type == etype or {events[i].event_type, etype} <= _VIOLENT_TYPES)]
    if not recent:
        return None
    ev = events[recent[-1]]
    for c in trig.children:
        if c.dep_ in ("poss", "compound", "nmod") and c.ent_type_ in ("DATE", "TIME"):
            day = _date(b.article, c.idx, c.idx + len(c.text))
            if not _same_day(ev.date, day):
                return None
    return recent[-1]


def _answered_report(events: list[EventReport], last_sent_of: dict[int, int], si: int, trig: Any) -> int | None:
    """The recent violent report that the verb of ``trig`` takes as its object by a definite mention
    ("repelled the attack", "foiled the assault"), or None."""
    pred = _predicate(trig)
    if pred.pos_ != "VERB":
        return None
    for c in pred.children:
        if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and c.i != trig.i and \
                _ANAPHOR_RX.fullmatch(trig.doc[c.left_edge.i: c.i + 1].text):
            recent = [i for i in range(len(events)) if si - last_sent_of[i] <= 3 and not events[i].background
                      and events[i].event_type in _VIOLENT_TYPES]
            return recent[-1] if recent else None
    return None


# nouns for whoever carried out an attack, used to refer back to them ("the assailants", "the attackers")
_DOER_NOUNS = frozenset({"assailant", "attacker", "raider", "perpetrator", "bomber", "kidnapper", "abductor",
                         "shooter", "gunman", "gunmen", "assailants", "attackers"})


def _clause_subject(pred: Any, *, described: bool = False) -> Any:
    """The subject of ``pred``, or of the verb it is coordinated with ("arrived ... and fired");
    ``described``: for a relative or participle clause, the noun it describes, not its pronoun ("troops,
    who were backed by", "gunmen riding")."""
    t = pred
    for _ in range(4 if described else 3):
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and not (described and subj.tag_ in ("WP", "WDT") and t.dep_ == "relcl"):
            return subj
        if described and t.dep_ in ("relcl", "acl"):
            return t.head
        if t.dep_ != "conj" or t.head == t:
            return None
        t = t.head
    return None


_OTHER_CROWD_RX = re.compile(r"\b(?:separately|another|elsewhere|in a separate|meanwhile|counter-?protest\w*|"
                             r"rival|supporters of the|earlier (?:on|that|in the day)|the (?:day|night) before)\b", re.I)
_CROWD_NOUNS = frozenset({"protester", "protestor", "demonstrator", "crowd", "marcher", "rioter", "mob", "youth",
                          "student", "worker", "teacher", "trader", "farmer", "participant", "rally", "gathering"})


def _refers_to_crowd(trig: Any, active: bool = False, bare: bool = False, told: str | None = None) -> bool:
    """The clause of ``trig`` is about a crowd already told: its subject is "they" or a definite crowd noun
    ("the demonstrators", "these protesters", "the crowd"), or with ``bare`` a bare plural ("protesters
    threw stones": when that crowd is the only one told); ``active``: the crowd does it ("the rally was
    dispersed" is about the crowd, but not done by it). ``told``: the noun the crowd was told by ("motorcycle
    taxi riders" ... "some riders threw stones")."""
    nouns = _CROWD_NOUNS | ({told} if told else set())
    subj = trig if trig.dep_ == "nsubj" and trig.lemma_.lower() in nouns else \
        _clause_subject(_clause_head(_predicate(trig)))
    if subj is None or active and subj.dep_ != "nsubj":
        return False
    if subj.lower_ == "they":
        return _speaker_of(_predicate(trig)) is None  # ("Police said they had dispersed them": the speaker)
    return subj.lemma_.lower() in nouns and (any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "these", "those", "their", "some", "many")
        for c in subj.children) or
        bare and subj.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod", "amod") for c in subj.children))


def _trigger_subject(doc: Any, ev: EventReport, clause: bool = False) -> Any:
    """The subject of the verb of ``ev``'s trigger ("youths" of "youths looted shops"), or with ``clause`` of
    the clause it sits in; None when there is none."""
    trig = _token_at(doc, ev.trigger.start, ev.trigger.end) if ev.trigger is not None else None
    if trig is None:
        return None
    pred = _predicate(trig)
    subj = next((c for c in pred.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None or not clause else _clause_subject(_clause_head(pred))


def _crowd_noun(doc: Any, ev: EventReport) -> str | None:
    """The noun the text named a crowd event's people by, as a lemma ("rider" of "Hundreds of motorcycle taxi
    riders protested")."""
    subj = _trigger_subject(doc, ev, clause=True)
    if subj is not None and subj.lemma_.lower() in _QUANTITY_NOUNS | {"hundred", "thousand"}:
        subj = next((p for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"), None)  # "hundreds of riders"
    if subj is None or subj.tag_ != "NNS" or guess_kind(subj.text) not in (None, "civilians", "protesters", "rioters"):
        return None  # ("Police fired tear gas at the marchers": the police are no crowd)
    return subj.lemma_.lower()


def _armed_user(b: _Builder, trig: Any, sent: Any) -> Actor | None:
    """The named armed group that "used" weapons in this clause ("JNIM fighters used motorbikes and rocket
    launchers"): a description of how an attack just told was carried out, by whom."""
    pred = _predicate(trig)
    if pred.lemma_ not in ("use", "employ", "wield", "carry"):
        return None
    actor1 = b.arguments(trig, sent, True)[0]
    return actor1 if actor1 is not None and actor1.canonical and actor1.kind in ARMED_KINDS else None


def _refers_to_attackers(b: _Builder, ev: EventReport, trig: Any, sent: Any) -> bool:
    """The clause of ``trig`` is about the attackers of ``ev``: its subject is "they", a definite
    description of armed men ("the assailants", "the gunmen", "these militants"), "the two sides" of a
    battle or the same named actor."""
    pred = _predicate(trig)
    # ("used rocket-propelled grenades": a trigger inside a modifier has the clause's subject)
    subj = trig if trig.dep_ == "nsubj" and trig != pred else _clause_subject(_clause_head(pred))
    if subj is None:
        return False
    if subj.pos_ == "PRON":
        if subj.lower_ != "they":
            return False
        # "The Taliban said they had arrested two suspects": "they" is the speaker, not the attackers
        speaker = _speaker_of(pred)
        if speaker is None:
            return True
        if ev.actor1 is None or ev.actor1.canonical is None:
            return False
        s, e = b._name_span(speaker)
        return b.kb.resolve(b.text[s:e], s, e).canonical == ev.actor1.canonical
    if subj.lemma_ == "side" and ev.event_type == "Battles" and any(c.lower_ in ("both", "two") for c in subj.children):
        return True  # "the two sides exchanged fire": the parties of the battle just told
    if any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in subj.children):
        if subj.lemma_.lower() in _DOER_NOUNS or subj.lower_ in _DOER_NOUNS or guess_kind(subj.text) in ARMED_KINDS:
            return True
    if ev.actor1 is None or ev.actor1.canonical is None:
        return False
    s, e = b._name_span(subj)
    return b.kb.resolve(b.text[s:e], s, e).canonical == ev.actor1.canonical


def _add_weapons(ev: EventReport, weapons: list[Weapon]) -> None:
    """Weapons named in a follow-up sentence that the report does not list yet, and the count of one it
    lists without a number ("rockets hit the depot ... Six rockets were fired")."""
    have = {w.name.lower(): k for k, w in enumerate(ev.weapons)}
    for w in weapons:
        k = have.get(w.name.lower())
        if k is None:
            have[w.name.lower()] = len(ev.weapons)
            ev.weapons.append(w)
        elif ev.weapons[k].count is None and w.count is not None:
            ev.weapons[k] = dataclasses.replace(ev.weapons[k], count=w.count)  # (a copy: mentions may be shared)


def _attach_orphan(events: list[EventReport], last_sent_of: dict[int, int], si: int, text: str, s0: int,
                   sources: Any) -> bool:
    """A sentence with no event of its own can still complete the previous one
    ("There were no civilian casualties, a military official said"; "a contractor died of a heart attack").
    True when it did (the sentence then joins no other report)."""
    if not events or not _CASUALTY_HINT.search(text):
        return False
    cas = find_casualties(text, s0)
    if cas.killed.value is None and cas.injured.value is None and not cas.killed.note:
        return False
    # a figure of people killed or hurt belongs to violence; a non-violent report (arrests, a transfer of
    # territory) only takes a statement that nobody was hurt
    figure = bool(cas.killed.value or cas.injured.value)
    recent = [i for i in range(len(events)) if si - last_sent_of[i] <= 3
              and (not figure or events[i].event_type in _CASUALTY_TYPES)]
    if not recent:
        return False
    # "... set fire to a refinery in Tuapse. No casualties were reported.": the report just told, even a
    # background one; further back, the latest current report
    just = [k for k in recent if last_sent_of[k] == si - 1]
    i = just[-1] if just else next((k for k in reversed(recent) if not events[k].background), recent[-1])
    _merge_into(events[i], s0, s0 + len(text.rstrip()), cas, sources)
    last_sent_of[i] = si
    return True


def _attach_weapon_count(article: Article, events: list[EventReport], last_sent_of: dict[int, int], si: int,
                         s0: int, text: str) -> bool:
    """A sentence with no event of its own that counts the weapons of the report just told ("Explosive-laden
    drones struck the police station ... Three drones carrying small charges were launched at it") gives it
    their number."""
    recent = [i for i in range(len(events)) if si - last_sent_of[i] <= 1 and not events[i].background
              and any(w.count is None for w in events[i].weapons)]
    if not recent:
        return False
    ev = events[recent[-1]]
    counted = [w for w in _weapons(article, s0, s0 + len(text)) if w.count is not None]
    before = [w.count for w in ev.weapons]
    _add_weapons(ev, [w for w in counted if w.name.lower() in {v.name.lower() for v in ev.weapons}])
    if [w.count for w in ev.weapons] == before:
        return False
    _merge_into(ev, s0, s0 + len(text.rstrip()), None, ())
    last_sent_of[recent[-1]] = si
    return True


# what a speaker does to a report already told: "confirmed the attack", "denied the accusations"
_STANCE_LEMMAS = DENY_LEMMAS | {"confirm", "dispute", "acknowledge", "condemn", "verify"}
_CLAIM_NOUNS = re.compile(r"\b(?:the|these|those|this|that|such)\s+(?:[\w-]+\s+)?(?:accusations?|allegations?|"
                          r"reports?|claims?|charges?|account)\b", re.I)
# (no plain apostrophe: it opens "'90s" and elisions as often as a quote)
_QUOTE_OPEN = "\"“‘"


def _reaction_to(sent: Any, text: str, ev: EventReport, speakers: list[Attribution]) -> bool:
    """``sent`` (no event of its own) speaks about the report ``ev`` before it: a quote opening the sentence
    that refers back to it ("\"The attack lasted an hour\"", "\"We buried the dead at night\"", or said by a
    side or a witness), whom its main verb blames ("The army blamed the rebels"), or a stance on a definite
    mention ("Police confirmed the attack", "The army denied the accusations"). A quote on something else
    ("\"Fuel prices will fall,\" the governor said") is no source of the report."""
    if text.lstrip()[:1] in _QUOTE_OPEN:
        return bool(_ANAPHOR_RX.search(text) or _CASUALTY_HINT.search(text)
                    or any(t.lemma_ in _RETREAT_LEMMAS and t.pos_ == "VERB" for t in sent)
                    or any(_witness_or_side(ev, a) for a in speakers))
    root = sent.root
    if any(c.dep_ == "neg" for c in root.children):
        return False  # ("did not comment on the attack")
    if root.lemma_ in DENY_LEMMAS and any(  # "The judiciary denied that any arrests had taken place"
            c.dep_ in ("ccomp", "xcomp") and (c.lemma_ in ("happen", "occur") or any(
                o.dep_ == "dobj" and (c.lemma_ == "take" and o.lower_ == "place" or _determined(o, ("any",))
                                      and classify(sent.doc[o.left_edge.i: o.i + 1].text))
                for o in c.children)) for c in root.children):
        return True  # (or "denied carrying out any air strike in the area")
    obj = next((c for c in root.children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    if root.lemma_ == "blame":
        return obj.pos_ in ("NOUN", "PROPN")
    mention = sent.doc[obj.left_edge.i: obj.i + 1].text
    return root.lemma_ in _STANCE_LEMMAS and (_ANAPHOR_RX.fullmatch(mention) is not None
                                              or _CLAIM_NOUNS.fullmatch(mention) is not None)


def _witness_or_side(ev: EventReport, a: Attribution) -> bool:
    """The speaker saw the event or speaks for one of its sides (a military voice for a state force, a group
    whose name the side shares)."""
    if a.kind == "witness":
        return True
    words = set(re.findall(r"[\w-]{3,}", a.source.lower()))
    for side in (ev.actor1, ev.actor2):
        if side is None:
            continue
        if a.kind == "military" and side.kind == "state":
            return True
        if a.kind == "group" and words & set(re.findall(r"[\w-]{3,}", f"{side.name} {side.canonical or ''}".lower())):
            return True
    return False


def _attach_reaction(events: list[EventReport], last_sent_of: dict[int, int], si: int, sent: Any, text: str,
                     sources: Any) -> None:
    """A named speaker's reaction to the report just told (see ``_reaction_to``) is one more source of it;
    a quote saying a side left goes to the takeover that followed ("\"The militia left at night,\" said X")."""
    if not events or _PARALLEL_NEWS.search(text) or _BACKGROUND_RX.search(text):
        return
    named = [a for a in sources if a.kind != "outlet"]
    recent = [i for i in range(len(events)) if si - last_sent_of[i] <= 4 and not events[i].background]
    if not named or not recent:
        return
    # (the takeover a few sentences back, its battle told in between; else only the report just told)
    left = any(t.lemma_ in _RETREAT_LEMMAS and t.pos_ == "VERB" for t in sent)
    i = next((k for k in reversed(recent) if events[k].sub_event_type in _TAKEOVERS), None) if left else None
    if i is None:
        i = max(recent, key=lambda k: (last_sent_of[k], k))
        if si - last_sent_of[i] > 2:
            return
    if not _reaction_to(sent, text, events[i], named):
        return
    s0 = sent.start_char
    _merge_into(events[i], s0, s0 + len(text.rstrip()), None, named)
    last_sent_of[i] = si


def _field_spans(ev: EventReport) -> None:
    for name, c in (("fatalities", ev.fatalities), ("injuries", ev.injuries)):
        if c.start is not None and c.end is not None:
            ev.field_evidence[name] = [Span(c.start, c.end)]


def _merge_into(ev: EventReport, start: int, end: int, cas: Any, sources: Any,
                weapons: list[Weapon] | None = None) -> None:
    """Add a follow-up sentence to an event: more evidence, and casualties, sources and weapons
    (``weapons``: what the sentence says the event was carried out with) it did not have yet."""
    if weapons:
        _add_weapons(ev, weapons)
    if not any(sp.start <= start and end <= sp.end for sp in ev.evidence):  # (a second clause of one sentence)
        ev.evidence.append(Span(start, end))
    if cas is not None:
        ev.fatalities = _more_informative(ev.fatalities, cas.killed)
        ev.injuries = _more_informative(ev.injuries, cas.injured)
    known = {(a.source, a.kind) for a in ev.attribution}
    named = [a for a in sources if a.kind != "outlet" and (a.source, a.kind) not in known]
    if named:
        ev.attribution = [a for a in ev.attribution if a.kind != "outlet"] + named
    _field_spans(ev)


_VAGUE_COUNT = re.compile(r"\b(?:dozens|many|several|scores|hundreds|thousands|a few|numerous|some|a number)\b", re.I)


def _more_informative(have: Any, new: Any) -> Any:
    """The count to keep when a follow-up sentence brings another one: a figure beats no figure, and a
    partial statement ("no civilian casualties": value None, side civilians) beats nothing but never
    hides a figure; the partial statement survives as a note."""
    if have.value is None and new.value is not None:
        if have.side and have.note and not new.note:
            new.note = have.note
        return new
    if have.value is None and have.text is None and new.text is not None:
        return new
    if new.value is not None and have.value is not None and new.value > have.value \
            and have.qualifier in ("at least", "more than", "over") and not _VAGUE_COUNT.search(new.text or ""):
        return new  # "at least two guards were killed" ... "six were killed": the floor was raised
    if new.note and not have.note:
        have.note = new.note
    return have


# searched in (nearly) every sentence: gated by their literals (same results, see classify.GatedPattern)
_CLAIMS_IT, _DEAD_WERE, _TOOK_PLACE = (  # type: ignore[assignment]
    GatedPattern(rx) for rx in (_CLAIMS_IT, _DEAD_WERE, _TOOK_PLACE))


class EventsStage(BaseStage):
    name = "events"
    requires = ("doc",)
    provides = ("events", "claims")

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.kb = load_kb(str(getattr(settings, "actors_file", "") or ""))

    def _typer(self, articles: list[Article]) -> SentenceTyper | None:
        """The learned typer with every rule-flagged sentence of the batch embedded in one go (None = rules only)."""
        typer = make_typer(str(getattr(self.settings, "event_embedding_model", "") or ""),
                           str(getattr(self.settings, "event_classifier_head", "") or ""),
                           str(getattr(self.settings, "event_ngram_head", "") or ""),
                           float(getattr(self.settings, "event_finetuned_gate", 0.0) or 0.0))
        if typer is not None:
            typer.prepare([a.clean_text[s.start_char:s.end_char]  # == s.text: the parse is of clean_text
                           for a in articles if a.scratch.get("doc") is not None for s in a.scratch["doc"].sents])
        return typer

    def process(self, article: Article) -> None:
        self.process_batch([article])

    def process_batch(self, articles: list[Article]) -> None:
        clear_memo()  # sentence typing is memoised for one batch only
        try:
            typer = self._typer(articles)
            for article in articles:
                self._process(article, typer)
        finally:
            clear_memo()

    def _process(self, article: Article, typer: SentenceTyper | None) -> None:
        article.scratch["event_typer"] = typer
        try:
            events, claims = extract_events(article, self.kb)
        finally:
            article.scratch.pop("event_typer", None)  # the batch's vectors die with the batch
        article.events = events
        article.claims = claims
        log.debug("article %s: %d event reports, %d claims", article.id, len(events), len(claims))


def make_stage(settings: Settings) -> EventsStage:
    return EventsStage(settings)
