"""The ``times`` stage: TIMEX3 expressions in the text, normalised against ``published_at``.

The grammar and the normalisation rules live in :mod:`.timex_rules` (precompiled
regular expressions, no whole-text date-parser passes). This module adds what
needs the spaCy parse: the tense of the clause an expression sits in (a bare
"Wednesday" is last Wednesday in a past-tense sentence, next Wednesday in a
future-tense one, and also the coming one when a present-tense verb governs it
directly -- "they meet Monday" -- or a scheduling verb heads the clause -- "has
scheduled a news conference Thursday"), and :func:`event_date`, which picks the
expression that dates an event clause.

Choices made in :func:`event_date` (ACLED conventions):

* the anchor is the nearest DATE/TIME expression in the clause, then in its
  sentence, then the article's dateline;
* an event told after "<duration> after" ("the violence comes a week after gunmen
  ambushed a convoy") is dated that long before the sentence's own date (or the
  last day told, or the publication date), at the duration's granularity;
* ``precision`` is the granularity of the anchor ("day", "week", "month",
  "year"); ``time_precision`` is ACLED's 1 (day), 2 (week, or a day range within
  a week, or a day given only approximately), 3 (month or coarser);
* nothing in the text anchors the event: the publication date is returned with
  ``from_publication_date=True``, ``precision="day"`` and ``time_precision=2``:
  ACLED codes such reports on the report date but marks the day as uncertain
  (the event happened on or shortly before it);
* no anchor and no publication date: ``value=None`` -- never guessed.
"""

from __future__ import annotations

import bisect
import logging
import re
from datetime import date, timedelta
from typing import Any, Callable

from ..config import Settings
from ..model import Article, EventDate, TimeValue
from ..pipeline import BaseStage
from .classify import classify
from .dateline import article_dateline
from .timex_rules import Context, Tense, Timex, add_months, find_timexes, month_value, parse_dct, week_value

__all__ = ["make_stage", "TimesStage", "find_times", "event_date"]

log = logging.getLogger(__name__)

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
# Modals with a day name point ahead in news copy ("talks might resume Tuesday"); "could" is
# left out: it is as often the past of "can" ("could not be reached Wednesday").
_MODAL_AUX = {"would", "might", "may", "can", "should", "must", "'d"}
# Words right before a date that point ahead whatever the clause's tense: "as soon as Tuesday",
# "a 3-for-2 split, payable Dec. 7", "a labor pact effective June 1".
_AHEAD = re.compile(r"(?i)\b(?:as\s+(?:soon|early)\s+as|effective|payable)\s+(?:on\s+)?$")
_FUTURE_GOVERNORS = {"expect", "plan", "schedule", "intend", "aim", "hope", "set", "due", "going", "propose", "slate",
                     # a call or a vow to act: "urged residents to join a sit-in on Thursday"
                     "call", "urge", "vow", "threaten", "pledge", "promise", "ask"}
# A day named in a clause headed by one of these points ahead even in the past tense: "has
# scheduled a news conference Thursday", "planned a demonstration on Saturday".
_SCHEDULING = {"schedule", "reschedule", "plan", "slate"}
# "called a strike for Thursday", "set for Friday": a day given "for" such a verb is its target.
_FOR_TARGET = _SCHEDULING | {"call", "set"}
# Reporting verbs: "says Monday" is not a plan, and a day hung on one dates the statement, not what it
# reports ("the office said on Sunday").
_REPORTING = frozenset({"say", "tell", "announce", "report", "add", "note", "confirm", "state", "claim", "deny",
                        "write", "post", "publish", "quote", "recall"})
# A day a present-tense verb governs directly ("they meet Monday", "on Tuesday, the league
# holds ...") is scheduled, unlike one inside a noun phrase ("Friday's purchases are ...").
_DIRECT_DEPS = {"npadvmod", "obl", "tmod", "advmod"}
# Verbs whose past and present forms are spelled alike: a VBP tag on them is a guess
# ("Weakness ... hurt the composite, which fell ... on Friday").
_SAME_FORM = {"hurt", "cut", "put", "set", "hit", "cost", "let", "shut", "spread", "quit", "bet", "bid", "cast",
              "burst", "split", "read", "shed", "upset", "beat", "broadcast", "forecast"}
# A deadline moved or granted "until <day>" lies ahead of the decision: "postponed until
# Tuesday morning", "has given the relatives until 9 a.m. Tuesday", "they have until Friday".
_DEFERRED = re.compile(r"(?i)\b(?:postpone[sd]?|postponing|delay(?:s|ed)?|defer(?:s|red)?|adjourn(?:s|ed)?|"
                       r"extend(?:s|ed)?|recess(?:es|ed)?|gi(?:ve|ves|ven)|gave|grant(?:s|ed)?|ha(?:s|ve))\b"
                       r"[^.;:!?]{0,60}?\b(?:until|till)\s+$")
_UNTIL = re.compile(r"(?i)\b(?:until|till|through)\s+$")
# Without a parse: a small window before the expression, cut at sentence punctuation.
_WIN_FUTURE = re.compile(r"(?i)\b(will|'ll|shall|won't|going\s+to|plans?\s+to|scheduled|expected\s+to|is\s+to|are\s+to|due\s+to|set\s+to)\b")
_WIN_PAST = re.compile(r"(?i)\b(was|were|had|did|said|\w+ed)\b")


def _tense_from_doc(doc: Any) -> Callable[[int, int], Tense]:
    cache: dict[tuple[int, int], Tense] = {}  # the head search depends on both ends
    # token start offsets, read on the first call and in one array read (not a Token object per token):
    # many articles have no time expression at all
    starts: list[int] = []

    def tense(s: int, e: int) -> Tense:
        if not starts:
            from spacy.attrs import IDX  # spaCy is loaded already: we hold one of its docs

            starts.extend(doc.to_array(IDX).tolist())
        if not starts:
            return None
        i = max(0, bisect.bisect_right(starts, s) - 1)
        if (i, e) in cache:
            return cache[i, e]
        tok = doc[i]
        # the expression's own head: the first of its tokens whose head lies outside it
        j = i
        while j < len(doc) and doc[j].idx < e:
            h = doc[j].head
            if h.i == j or not (s <= h.idx < e):
                tok = doc[j]
                break
            j += 1
        verb = None
        cur = tok
        for _ in range(6):  # walk up to the governing verb
            if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "aux":
                verb = cur
                break
            if cur.head.i == cur.i:
                break
            cur = cur.head
        result: Tense = None
        if verb is None:
            verb = cur if cur.pos_ in ("VERB", "AUX") else None
        if verb is not None:
            auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
            if verb.lower_ in _FUTURE_AUX or any(a.lower_ in _FUTURE_AUX | _MODAL_AUX for a in auxes):
                result = "future"
            elif verb.tag_ == "VB" and (any(a.lower_ in ("is", "are", "was", "were") for a in auxes) or (
                    any(a.lower_ == "to" for a in auxes) and verb.head.lemma_ == "be" and verb.dep_ == "xcomp")):
                result = "future"  # "is to resume trading Tuesday"
            elif verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxes) and verb.head.lemma_ in _FUTURE_GOVERNORS:
                # "had been scheduled to expire at midnight Friday": a plan that is over
                over = any(a.lower_ == "had" for a in verb.head.children if a.dep_ == "aux")
                result = "past" if over else "future"
            elif verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
                result = "past"
            elif verb.tag_ == "VBN" and any(a.lower_ in ("has", "have") for a in auxes):
                result = "past"
            elif verb.tag_ == "VBN" and not auxes:
                result = "past"
            elif verb.tag_ in ("VBZ", "VBP") or (
                    verb.tag_ == "VBG" and any(a.lower_ in ("is", "are", "'s", "'re", "am") for a in auxes)):
                result = "present"
            if (result == "present" and verb.lemma_ not in _REPORTING and verb.lower_ not in _SAME_FORM
                    and _governs_directly(verb, tok)):
                result = "scheduled"
            elif (result in ("past", "present") and tok.i > verb.i and verb.dep_ not in ("acl", "amod", "relcl")
                  and not any(a.lower_ == "had" for a in auxes)  # "had planned ... Saturday": it is over
                  and (verb.lemma_ in _SCHEDULING or _called_for(verb, tok))):
                result = "scheduled"
        cache[i, e] = result
        return result

    return tense


def _called_for(verb: Any, tok: Any) -> bool:
    """``tok`` dates the action a call asks for, not the call: "called for a general strike on Thursday",
    "called a strike for Thursday" (a day after "for" a scheduling verb)."""
    if verb.lemma_ == "call" and any(c.dep_ == "prep" and c.lower_ == "for" and c.i < tok.i for c in verb.children):
        return True
    return (tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.i == verb.i
            and verb.lemma_ in _FOR_TARGET)


def _governs_directly(verb: Any, tok: Any) -> bool:
    """``tok`` modifies ``verb`` itself: as a bare noun adverbial or through one preposition."""
    if tok.head.i == verb.i:  # spaCy makes a new Token object per access: compare indices
        return tok.dep_ in _DIRECT_DEPS
    return (tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.i == verb.i
            and tok.head.lower_ in ("on", "by"))


def _tense_from_text(text: str) -> Callable[[int, int], Tense]:
    def tense(s: int, e: int) -> Tense:
        lo = max(0, s - 80)
        win = text[lo:s]
        cut = max(win.rfind(". "), win.rfind("\n"))
        if cut >= 0:
            win = win[cut + 1:]
        after = text[e:e + 40].split(".")[0]
        if _WIN_FUTURE.search(win) or _WIN_FUTURE.search(after):
            return "future"
        if _WIN_PAST.search(win) or _WIN_PAST.search(after):
            return "past"
        return None

    return tense


def _with_lookahead(text: str, tense: Callable[[int, int], Tense]) -> Callable[[int, int], Tense]:
    def wrapped(s: int, e: int) -> Tense:
        if _AHEAD.search(text, max(0, s - 20), s):
            return "future"
        if text.endswith(("until ", "till "), max(0, s - 8), s) and _DEFERRED.search(text, max(0, s - 90), s):
            return "scheduled"
        t = tense(s, e)
        if t == "past" and _UNTIL.search(text, max(0, s - 10), s):
            # "extended loans through January": the end of a span may lie ahead even in the past tense
            return "present"
        return t

    return wrapped


def find_times(article: Article) -> list[TimeValue]:
    """The article's time expressions, normalised; removed stretches are skipped."""
    text = article.clean_text
    doc = article.scratch.get("doc")
    tense = _with_lookahead(text, _tense_from_doc(doc) if doc is not None and len(doc) else _tense_from_text(text))
    ctx = Context(dct=parse_dct(article.published_at), tense=tense)
    skip = article.is_removed if article.removed else None
    found = find_timexes(text, ctx, skip=skip)
    return [_to_value(article.text, t) for t in found]


def _to_value(text: str, t: Timex) -> TimeValue:
    return TimeValue(start=t.start, end=t.end, text=text[t.start:t.end], type=t.type, value=t.value, mod=t.mod,
                     anchored=t.anchored, interval_start=t.interval_start, interval_end=t.interval_end)


class TimesStage(BaseStage):
    name = "times"
    requires = ("doc",)
    provides = ("times",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def process(self, article: Article) -> None:
        article.times = find_times(article)


def make_stage(settings: Settings) -> TimesStage:
    return TimesStage(settings)


# --------------------------------------------------------------------------- event dates
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_WEEK = re.compile(r"^\d{4}-W\d{2}")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEARV = re.compile(r"^\d{4}(?:-(?:Q\d|H\d|SP|SU|FA|WI))?$")


def _precision(value: str) -> tuple[str, int] | None:
    if _DAY.match(value):
        return "day", 1
    if _WEEK.match(value):
        return "week", 2
    if _MONTH.match(value):
        return "month", 3
    if _YEARV.match(value):
        return "year", 3
    return None


def _sentence_bounds(article: Article, start: int, end: int) -> tuple[int, int]:
    doc = article.scratch.get("doc")
    if doc is not None and len(doc) and doc.has_annotation("SENT_START"):
        span = doc.char_span(start, max(start + 1, end), alignment_mode="expand")
        if span is not None:
            return span[0].sent.start_char, span[-1].sent.end_char
    text = article.clean_text
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    hi_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return lo + 1, (min(hi_candidates) + 1 if hi_candidates else len(text))


# How far into the story its opening date may lie (the lead's date, when the dateline has none).
_LEAD_CHARS = 120


def _dateline(article: Article, times: list[TimeValue]) -> TimeValue | None:
    """The story's own day: its dateline's date ("BEIRUT, Nov 9 (Reuters) -", "March 30, 2009 NEWARK --"),
    else the first date of its opening: a later sentence without a date of its own ("No arrests were
    reported") tells of the lead's day."""
    d = article_dateline(article.text)
    s, e = d.date if d is not None and d.date is not None else (0, (d.end if d is not None else 0) + _LEAD_CHARS)
    for t in times:
        if t.start >= e:
            break
        if s <= t.start and t.type in ("DATE", "TIME") and t.value and _precision(t.value) \
                and not _dates_a_thing(article.clean_text, t):
            return t
    return None


# A sentence that goes on from the events before it: "Hours later, ...", "Later that day, ...", "Shortly
# afterwards, ...". It takes the last event date told before it, in whatever paragraph.
_SEQUEL = re.compile(r"\s*(?:(?:(?:a\s+few|several|two|three|some)\s+)?(?:hours|minutes|moments)\s+"
                     r"(?:later|after(?:wards)?)\b|(?:shortly|soon|not\s+long)\s+(?:later|after(?:wards)?)\b"
                     r"|later(?:\s+(?:that|the\s+same)\s+(?:day|night|morning|afternoon|evening))?\s*,"
                     r"|afterwards\b|in\s+(?:response|retaliation)\b)", re.I)
_NAMES_DAY = re.compile(r"(?i)\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b"
                        r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{4}-\d\d-\d\d"
                        r"|yesterday|today")
_SAID_BEFORE = re.compile(r"(?i)\b(?:said|says|told|announced|reported|added|confirmed|stated)\s+(?:on\s+)?\Z")


def _speech_date(article: Article, t: TimeValue) -> bool:
    """``t`` dates a statement ("the office said on Sunday"), not the events it reports."""
    doc = article.scratch.get("doc")
    if doc is not None and len(doc):
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and len(span):
            tok = span.root
            for _ in range(4):
                if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
                    break
                tok = tok.head
            # after the verb: "abducted ... on Saturday, the office said on Sunday" hangs both days on "said"
            return tok.lemma_ in _REPORTING and tok.i < span.start
    return _SAID_BEFORE.search(article.clean_text, max(0, t.start - 20), t.start) is not None


def _dct_night(article: Article, t: TimeValue) -> bool:
    """``t`` is a bare "overnight" read against the publication date (no day named after it)."""
    dct = parse_dct(article.published_at)
    return (dct is not None and t.text.lower().endswith("overnight") and bool(t.value)
            and (t.value or "")[:10] == dct.isoformat())


def _night_before_day(times: list[TimeValue], t: TimeValue, lo: int, hi: int,
                      usable: Callable[[TimeValue], bool]) -> TimeValue | None:
    """The day named in ``[lo, hi)`` closest to a bare "overnight" ``t`` ("overnight raids ..., a spokesman
    said on Sunday": the night before that day), or None."""
    named = [u for u in times if lo <= u.start < hi and u is not t and usable(u) and _precision(u.value or "") == ("day", 1)]
    return min(named, key=lambda u: abs(u.start - t.start)) if named else None


def _previous_date(article: Article, times: list[TimeValue], start: int,
                   usable: Callable[[TimeValue], bool], whole_story: bool = False) -> TimeValue | None:
    """The last event day told before ``start`` in its paragraph (in the story, after a sequel opening such as
    "Hours later"): "Jihadists stormed a post on Monday ... The army responded with a drone strike" is
    Monday's, not the dateline's. Days and weeks only, never after publication, never a statement's day.
    ``whole_story``: look back past paragraph breaks too ("The attack comes a week after ..." means the
    story's last attack)."""
    text = article.clean_text
    lo = 0 if whole_story or _SEQUEL.match(text, start) else text.rfind("\n", 0, start) + 1
    d = article_dateline(article.text)
    lo = max(lo, d.end if d is not None else 0)  # the dateline's date is the last resort, not a told date
    dct = parse_dct(article.published_at)
    for t in reversed(times):
        if t.start >= start or t.start < lo:
            continue
        if not usable(t) or _precision(t.value or "") not in (("day", 1), ("week", 2)):
            continue
        if dct is not None and (t.value or "")[:10] > dct.isoformat():
            continue
        if _dct_night(article, t):
            day = _night_before_day(times, t, *_sentence_bounds(article, t.start, t.end), usable)
            if day is not None:
                return day
            continue
        if t.type == "TIME" and not _NAMES_DAY.search(t.text):
            continue  # "at around 7 a.m.": a time of the day last named, not a date told
        if not _speech_date(article, t):
            return t
    return None


_SPAN_AFTER = re.compile(r"\s+(?:after|since)\b", re.I)
_DURATION = re.compile(r"P(\d+)([DWMY])\Z")


def _shift_back(day: date, n: int, unit: str) -> str:
    """``day`` minus ``n`` ``unit``s (D, W, M, Y) as a TIMEX3 value at that unit's granularity."""
    if unit == "D":
        return (day - timedelta(days=n)).isoformat()
    if unit == "W":
        return week_value(day - timedelta(weeks=n))
    if unit == "M":
        return month_value(*add_months(day.year, day.month, -n))
    return str(day.year - n)


def _duration_before(article: Article, times: list[TimeValue], trigger: int, s_lo: int,
                     usable: Callable[[TimeValue], bool]) -> EventDate | None:
    """"comes a week after JNIM ambushed a convoy": the ambush is a week before the sentence's news."""
    for t in times:
        if not (s_lo <= t.start and t.end <= trigger) or t.type != "DURATION":
            continue
        m = _DURATION.match(t.value or "")
        after = _SPAN_AFTER.match(article.clean_text, t.end)
        if m is None or after is None or article.clean_text[after.end():trigger].count(",") > 1:
            continue
        ref = next((u for u in reversed(times) if s_lo <= u.start < t.start and usable(u)
                    and _precision(u.value or "") == ("day", 1)), None) \
            or _previous_date(article, times, s_lo, usable, whole_story=True)
        day = parse_dct((ref.value or "")[:10]) if ref is not None else parse_dct(article.published_at)
        if day is None:
            return None
        value = _shift_back(day, int(m.group(1)), m.group(2))
        prec, tp = _precision(value)  # type: ignore[misc]
        return EventDate(value=value, precision=prec, time_precision=tp, start=t.start, end=t.end)
    return None


# "this month's municipal elections": the date a possessive gives to a thing, not to an event
_POSSESSED = re.compile(r"['’]s?\s+((?:[\w-]+\s+){0,2}[\w-]+)")


def _dates_a_thing(text: str, t: TimeValue) -> bool:
    """``t`` is the possessive of a noun phrase that names no event ("protesters rejected this month's
    election results"): it dates that thing, not what the sentence reports ("Tuesday's raid" dates the raid)."""
    m = _POSSESSED.match(text, t.end)
    return m is not None and not classify(m.group(1))


_BEFORE_NOUN = re.compile(r"(?:['’]s)?\s+(?:[a-z-]+\s+)?")


def _names_the_event(article: Article, times: list[TimeValue], trigger: int, usable: Any) -> TimeValue | None:
    """A date written as part of the event's own name, just before its word: "the 2022 attack on a police
    station", "the March 3 bombing", "Sunday's deadly raid". It dates the event whatever else the sentence
    dates ("the trial ... opened on Tuesday")."""
    text = article.clean_text
    for t in times:
        m = _BEFORE_NOUN.fullmatch(text, t.end, trigger) if t.end <= trigger and trigger - t.end <= 16 else None
        if m is None or not usable(t) or not text[trigger:trigger + 1].isalpha():
            continue
        # (a possessive, or the date between an article and the noun: "the 2022 attack", not "on Tuesday attacks")
        if m.group(0).lstrip().startswith(("'s", "’s")) or re.search(r"\b(?:the|a|an)\s+$", text[max(0, t.start - 5):t.start], re.I):
            return t
    return None


def event_date(article: Article, span_start: int, span_end: int, trigger: int | None = None) -> EventDate:
    """The date of the event described in ``article.text[span_start:span_end]`` (see module docstring);
    ``trigger``, the offset of the word that names the event, tells which side of an "after" it is on."""
    times = article.times
    if not times and (article.text or "").strip():
        try:
            times = find_times(article)
        except Exception:  # a date problem must never stop event extraction
            log.debug("time extraction failed for %s", article.id, exc_info=True)
            times = []

    def usable(t: TimeValue) -> bool:
        return t.type in ("DATE", "TIME") and bool(t.value) and _precision(t.value) is not None

    def pick(lo: int, hi: int) -> TimeValue | None:
        inside = [t for t in times if t.start >= lo and t.end <= hi and usable(t)
                  and not _dates_a_thing(article.clean_text, t)]
        if not inside:
            return None
        mid = (span_start + span_end) / 2
        said = {id(t) for t in inside if len(inside) > 1 and _speech_date(article, t)}
        finest_own = min((_precision(t.value or "")[1] for t in inside if id(t) not in said), default=None)  # type: ignore[index]

        def said_and_outdone(t: TimeValue) -> bool:
            # a statement's day loses to the event's own date when that is as precise ("shells hit the camp
            # two days ago, a charity said on Wednesday"), not to a vaguer one ("the worst attack this year,
            # the army said on Tuesday": Tuesday is the closest the text comes)
            return id(t) in said and finest_own is not None and finest_own <= _precision(t.value or "")[1]  # type: ignore[index]

        # then the finest-grained expression, then the closest to the clause
        return min(inside, key=lambda t: (said_and_outdone(t), _precision(t.value or "")[1],  # type: ignore[index]
                                          abs((t.start + t.end) / 2 - mid)))

    anchor = _names_the_event(article, times, trigger, usable) if trigger is not None else None
    anchor = anchor or pick(span_start, span_end)
    s_lo, s_hi = _sentence_bounds(article, span_start, span_end)
    if anchor is None:
        anchor = pick(min(s_lo, span_start), max(s_hi, span_end))
    if anchor is not None and _dct_night(article, anchor):
        # "overnight raids ..., a spokesman said on Sunday": the night before the day the sentence names
        anchor = _night_before_day(times, anchor, min(s_lo, span_start), max(s_hi, span_end), usable) or anchor
    if anchor is None:
        shifted = _duration_before(article, times, span_start if trigger is None else trigger,
                                   min(s_lo, span_start), usable)
        if shifted is not None:
            return shifted
    if anchor is None:
        # (the parser's sentence may run across a paragraph break)
        start = max(min(s_lo, span_start), article.clean_text.rfind("\n", 0, span_start) + 1)
        anchor = _previous_date(article, times, start, usable)
    if anchor is None:
        anchor = _dateline(article, times)
    if anchor is not None and anchor.value:
        prec = _precision(anchor.value)
        assert prec is not None
        value = anchor.value[:10] if prec[0] == "day" else anchor.value
        tp = prec[1]
        if prec[0] == "day" and anchor.mod in ("APPROX", "START", "MID", "END"):
            tp = 2
        return EventDate(value=value, precision=prec[0], time_precision=tp, start=anchor.start, end=anchor.end)
    dct = parse_dct(article.published_at)
    if dct is None:
        return EventDate(value=None, precision=None, time_precision=None)
    return EventDate(value=dct.isoformat(), precision="day", time_precision=2, from_publication_date=True)
