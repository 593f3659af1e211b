"""Aggregate statements (running tallies) -> :class:`model.Claim`, never single events.

"at least 40 attacks on US forces in Iraq and Syria since October 17" is a claim about many
events: count 40, qualifier "at least", event "attack", target "US forces", region "Iraq and
Syria", period start = the date of "October 17" (from the times stage when it resolved it),
period end and ``as_of`` = the publication date. The events stage masks these spans so their
trigger words do not become events.
"""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from ..model import Article, Claim, Span
from .casualties import WAR_NOUNS, war_toll_subject
from .classify import GatedPattern
from .numwords import CARDINALS

__all__ = ["find_tallies", "find_tally_spans", "may_hold_tally", "TALLY_RX", "ORDINAL_TALLY_RX"]

_NUMS = {**{w: n for w, n in CARDINALS.items() if n >= 2}, "a dozen": 12, "more than a dozen": 12}
_NUMWORD = (r"(?:\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(_NUMS, key=len, reverse=True)) + r"|dozens|hundreds|scores)")
_EVENT_NOUNS = (r"(?:(?:drone|rocket|missile|mortar|militia|separate|suspected|reported|such|hostile|recorded|documented|"
                r"confirmed|cross-border|retaliatory|one-way)[\s-]+(?:and\s+(?:drone|rocket|missile)\s+)?)*"
                r"(?P<ev>attacks|strikes|airstrikes|air strikes|incidents|raids|assaults|bombings|explosions|"
                r"rocket attacks|drone attacks|protests|demonstrations|clashes|violations|shootings|kidnappings|arrests|"
                r"abductions|homicides|killings|murders|assassinations)")
TALLY_RX = re.compile(
    r"(?P<qual>at least|more than|over|nearly|almost|about|around|some|roughly|a total of|upwards of)?\s*"
    r"(?P<num>" + _NUMWORD + r")\s+(?:of\s+)?" + _EVENT_NOUNS +
    r"(?:\s+(?:on|against|targeting|targeted at|at)\s+(?P<target>(?:[\w.'-]+\s+){0,3}?(?:forces|troops|bases|personnel|"
    r"positions|targets|facilities|soldiers|interests|military|troops and facilities|civilians|ships|vessels|"
    r"service members|servicemembers|embassy|police|installations)))?"
    r"(?:\s+(?:and\s+(?:[\w-]+\s+){0,2}(?:facilities|bases|personnel)\s+)?(?:in|across)\s+(?P<region>(?-i:[A-Z][\w'-]+(?:\s*(?:and|,)\s+[A-Z][\w'-]+|\s+[A-Z][\w'-]+)*)))?"
    r"(?P<rest>[^.;]{0,60}?\b(?:since|between|from|over the past|in the past|this year|so far|to date)\b(?:\s+[\w,]+){0,4})?",
    re.I)
# "US forces in Iraq and Syria have been attacked at least 40 times since October 17"
TALLY_TIMES_RX = re.compile(
    r"(?P<target>(?-i:(?:US|U\.S\.|American|coalition|[A-Z][\w-]+)\s+(?:forces|troops|personnel|bases|service members)))"
    r"(?:\s+in\s+(?P<region>(?-i:[A-Z][\w'-]+(?:\s*(?:and|,)\s+[A-Z][\w'-]+)*)))?"
    r"\s+ha(?:ve|s|d)\s+(?:now\s+|already\s+)?been\s+(?P<ev>attacked|targeted|struck|hit|shelled)\s+"
    r"(?P<qual>at least|more than|over|nearly|almost|about|around|some)?\s*(?P<num>" + _NUMWORD + r")\s+times"
    r"(?P<rest>[^.;]{0,40}?\b(?:since|between|from|so far|to date|this year)\b(?:\s+[\w,]+){0,4})?", re.I)
# No number in the text: the claim keeps the word as its qualifier and a null count (never an invented figure).
_VAGUE = frozenset({"dozens", "hundreds", "scores", "thousands", "tens of thousands"})
# A running casualty total next to an attack tally: "..., and 45 personnel have suffered minor injuries".
CASUALTY_TALLY_RX = re.compile(
    r"(?P<qual>at least|more than|over|nearly|almost|about|around|some|roughly|a total of)?\s*"
    r"(?P<num>" + _NUMWORD + r")\s+(?P<target>(?:[\w.'-]+\s+){0,2}?(?:personnel|troops|soldiers|service ?members|servicemembers|"
    r"people|civilians|fighters|militants|police(?:men)?|officers|members))\s+"
    r"(?:ha(?:ve|s|d)\s+(?:now\s+|so far\s+)?)(?:been\s+)?(?P<ev>(?:suffered|sustained)\s+(?:[\w-]+\s+){0,2}"
    r"(?:injuries|wounds|concussions|traumatic brain injur(?:y|ies))|wounded|injured|hurt|killed|died)", re.I)
# A running toll standing alone, with its period: "more than 6,000 civilians have been killed since the coup",
# "the ADF has killed more than 1,000 civilians in North Kivu since the start of the year". Without a period
# ("killed at least 23 civilians") a toll belongs to the reported event, so the period cue is required.
_QUAL = r"(?:at least|more than|over|nearly|almost|about|around|some|roughly|upwards of|a total of)"
_VICTIMS = (r"(?:[\w.'-]+\s+){0,2}?(?:people|persons|civilians|soldiers|troops|fighters|militants|combatants|"
            r"police(?:men)?|officers|personnel|members|children|women|migrants|seafarers|sailors|journalists|"
            r"(?:aid|health) workers|protesters|demonstrators|villagers|residents|worshippers|students|farmers|"
            r"herders|miners|refugees|displaced people)")
_TOLL_VERB = r"(?P<ev>killed|wounded|injured|abducted|kidnapped)"
_TOLL_REGION = r"(?:\s+(?:in|across)\s+(?P<region>(?-i:[A-Z][\w'-]+(?:\s*(?:and|,)\s+[A-Z][\w'-]+|\s+[A-Z][\w'-]+)*)))?"
# optional in the pattern: the period may open the sentence instead ("Since then, more than 6,000 ...")
_TOLL_PERIOD = (r"(?P<rest>[^.;]{0,60}?\b(?:since|so far|to date|this year|over the past|in the past)\b"
                r"(?:\s+[\w,]+){0,4})?")
_LEAD_PERIOD = re.compile(r"^\W*(?:since|so far|to date|over the past|in the past)\b[^,;]{0,40}(?:,\s*\d{4})?,", re.I)
# "since Friday", "since dawn": days, not a running toll — the sentence reports the event itself
_SHORT_SINCE = re.compile(r"^[^.;]*?\bsince\s+(?:(?:late\s+|early\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                          r"Saturday|Sunday|yesterday|last night|this morning|dawn|the morning)\b)", re.I)
TOLL_RX = re.compile(  # passive: "N victims have been killed ... since"
    r"(?:(?P<qual>" + _QUAL + r")\s+)?(?P<num>" + _NUMWORD + r"|thousands|tens of thousands)\s+(?P<target>" + _VICTIMS +
    r")\s+ha(?:ve|s|d)\s+(?:now\s+|so far\s+|already\s+)?been\s+" + _TOLL_VERB + _TOLL_REGION + _TOLL_PERIOD, re.I)
TOLL_ACTIVE_RX = re.compile(  # active perfect: "X has killed N victims ... since"
    r"\bha(?:ve|s|d)\s+(?:now\s+|so far\s+|already\s+)?" + _TOLL_VERB + r"\s+(?:(?P<qual>" + _QUAL + r")\s+)?"
    r"(?P<num>" + _NUMWORD + r"|thousands|tens of thousands)\s+(?:of\s+)?(?P<target>" + _VICTIMS + r")" + _TOLL_REGION +
    _TOLL_PERIOD, re.I)
# After an attack tally, its casualties as a participle: "... 100 attacks since November, killing at least four seafarers".
_TALLY_TOLL_RX = re.compile(
    r"(?:,\s*|\band\s+)(?P<ev>killing|wounding|injuring)\s+(?:(?P<qual>" + _QUAL + r")\s+)?(?P<num>" + _NUMWORD +
    r")\s+(?P<target>" + _VICTIMS + r")", re.I)
# Munitions fired over a period: "have launched more than 90 missiles and drones toward Israel since October".
_MUNITIONS = r"(?:missiles|drones|rockets|mortar (?:rounds|shells)|shells|projectiles)"
MUNITION_TALLY_RX = re.compile(
    r"\b(?:launched|fired)\s+(?:(?P<qual>" + _QUAL + r")\s+)?(?P<num>" + _NUMWORD + r"|thousands)\s+(?:of\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?P<ev>" + _MUNITIONS + r")(?:\s+and\s+(?:[\w-]+\s+)?(?P<ev2>" + _MUNITIONS + r"))?"
    r"(?:\s+(?:at|toward|towards|on|against|into)\s+(?P<target>(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)))?"
    + _TOLL_PERIOD, re.I)
# Places hit over a period, passive: "at least 45 villages in the Koro circle have been attacked since January".
_HIT_EVENT = {"attacked": "attack", "targeted": "attack", "struck": "strike", "hit": "attack", "shelled": "shelling",
              "raided": "raid", "burned": "arson", "burnt": "arson", "torched": "arson", "looted": "looting",
              "bombed": "bombing"}
PLACES_HIT_RX = re.compile(
    r"(?:(?P<qual>" + _QUAL + r")\s+)?(?P<num>" + _NUMWORD + r")\s+(?P<target>(?:[\w.'-]+\s+){0,2}?(?:villages|towns|"
    r"schools|hospitals|health (?:facilities|centres|centers)|churches|mosques|markets|bases|positions|checkpoints|"
    r"police stations|homes|houses|ships|vessels))(?:\s+(?:in|across)\s+(?P<region>[^.;]{1,60}?))?"
    r"\s+ha(?:ve|s|d)\s+(?:now\s+|so far\s+|already\s+)?been\s+(?P<ev>" + "|".join(_HIT_EVENT) + r")\b" + _TOLL_PERIOD,
    re.I)
# When the war a toll counts over began ("The war, which began in April 2023, has killed"): the period start.
_WAR_BEGAN = re.compile(r"\b(?:began|started|erupted|broke out|since)\b", re.I)
# Coordinated with a war-wide toll: "... has killed more than 150,000 people and displaced about 13 million".
_DISPLACED_RX = re.compile(
    r"(?:[^.;]|\.(?=\w|\s+[a-z])){0,80}?\band\s+(?:has\s+|have\s+)?(?:displaced|uprooted)\s+(?:(?P<qual>" + _QUAL + r")\s+)?"
    r"(?P<num>\d+(?:\.\d+)?\s+million|" + _NUMWORD + r")", re.I)
_SINCE = re.compile(r"\b(?:since|from|between)\b", re.I)
_AGG_CUE = re.compile(r"\bsince\b|\bso far\b|\bto date\b|\bin total\b|\ba total of\b|\bat least\b|\bmore than\b|\bover the past\b|"
                      r"\bthis (?:year|month)\b|\btally\b|\bcount\b|\bin all\b|\bnumber of\b", re.I)


_EVENT_OF = {"attacked": "attack", "targeted": "attack", "struck": "strike", "hit": "attack", "shelled": "shelling"}


def _num(word: str) -> int | None:
    w = word.lower().replace(",", "")
    if w.isdigit():
        return int(w)
    m = _MILLIONS.fullmatch(w)
    if m:
        return round(float(m.group(1)) * 1_000_000)
    return _NUMS.get(w)


_MILLIONS = re.compile(r"(\d+(?:\.\d+)?)\s+million")


def _amount(m: re.Match[str], min_count: int = 0) -> tuple[int | None, str | None] | None:
    """(count, qualifier) of a match's ``num`` and ``qual`` groups: a figure ("at least 40" -> 40, "at
    least") or a vague word ("dozens" -> None, "dozens"); None when the figure is unreadable or below
    ``min_count``."""
    word = m.group("num").lower()
    vague = word in _VAGUE
    count = None if vague else _num(word)
    if not vague and (count is None or count < min_count):
        return None
    return count, (m.group("qual") or "").lower() or (word if vague else None)


def _sentence(sent_start: int, sent_text: str) -> list[Span]:
    """The evidence of a claim: its whole sentence."""
    return [Span(sent_start, sent_start + len(sent_text.rstrip()))]


def _singular(ev: str) -> str:
    ev = ev.lower()
    if ev.endswith("ies"):
        return ev[:-3] + "y"
    if ev.endswith("es") and ev[:-2].endswith(("sh", "ch", "ss")):
        return ev[:-2]
    return ev[:-1] if ev.endswith("s") else ev


_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                         "september", "october", "november", "december"), start=1)}
_SINCE_DATE = re.compile(r"since\s+(?:(?P<d1>\d{1,2})\s+)?(?P<mon>[A-Za-z]+)\.?(?:\s+(?P<d2>\d{1,2})\b)?(?:,?\s+(?P<y>\d{4}))?", re.I)


def _since_date(text: str, published: str | None) -> str | None:
    """Fallback when the times stage did not run: "since October 17" -> the latest such date before publication."""
    m = _SINCE_DATE.match(text)
    if not m or not published:
        return None
    mon = _MONTHS.get(m.group("mon").lower()) or _MONTHS.get(next((k for k in _MONTHS if k.startswith(m.group("mon").lower()[:3])), ""), 0)
    day = m.group("d1") or m.group("d2")
    if not mon or len(m.group("mon")) < 3:
        return None
    if not day:  # "since November 2023": the month is the period's start; a bare month is not resolved here
        return f"{int(m.group('y')):04d}-{mon:02d}" if m.group("y") else None
    try:
        pub = dt.date.fromisoformat(published[:10])
        year = int(m.group("y")) if m.group("y") else pub.year
        d = dt.date(year, mon, int(day))
        if not m.group("y") and d > pub:
            d = dt.date(year - 1, mon, int(day))
    except ValueError:
        return None
    return d.isoformat()


def _period_start(article: Article, start: int, end: int) -> str | None:
    """Value of a time expression inside [start, end) (the "since October 17" part), if the times stage found one."""
    for t in getattr(article, "times", []) or []:
        if t.start >= start and t.end <= end + 2 and t.value and t.type in ("DATE", "TIME") and t.value[:1].isdigit():
            return t.interval_start or t.value[:10]
    return None


def find_tally_spans(article: Article, sent_start: int, sent_text: str,
                     source: str | None = None) -> list[tuple[Claim, int, int]]:
    """Tally claims in one sentence with the character span of each tally phrase (for masking)."""
    out: list[tuple[Claim, int, int]] = _ordinal_tallies(article, sent_start, sent_text, source)
    matches = list(TALLY_RX.finditer(sent_text)) + list(TALLY_TIMES_RX.finditer(sent_text))
    for m in matches:
        amount = _amount(m, min_count=2)
        if amount is None:
            continue
        whole = m.group(0)
        # A tally is aggregate: it needs a period or running-total cue ("since", "so far", "at least").
        if not (_AGG_CUE.search(whole) or m.group("rest")):
            continue
        s = sent_start + m.start() + (len(whole) - len(whole.lstrip()))
        as_of = _as_of(article)
        claim = Claim(
            kind="tally", count=amount[0], qualifier=amount[1],
            event=_EVENT_OF.get(m.group("ev").lower()) or _singular(m.group("ev")), target=(m.group("target") or "").strip() or None,
            region=(m.group("region") or "").strip() or None, period=_period(article, sent_start, m), as_of=as_of,
            source=source, evidence=_sentence(sent_start, sent_text),
        )
        out.append((claim, s, sent_start + m.end()))
    if out:
        out += _casualty_tallies(article, sent_start, sent_text, out, source)
    out += _more_tallies(article, sent_start, sent_text, out, source)
    out += _tolls(article, sent_start, sent_text, out, source)
    return out


def _more_tallies(article: Article, sent_start: int, sent_text: str, found: list[tuple[Claim, int, int]],
                  source: str | None) -> list[tuple[Claim, int, int]]:
    """Munitions fired over a period (:data:`MUNITION_TALLY_RX`, the verb masked with them) and places hit
    (:data:`PLACES_HIT_RX`), outside ``found``."""
    out: list[tuple[Claim, int, int]] = []
    taken = [(s - sent_start, e - sent_start) for _, s, e in found]
    for rx in (MUNITION_TALLY_RX, PLACES_HIT_RX):
        for m in rx.finditer(sent_text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            rest = m.group("rest")
            munitions = rx is MUNITION_TALLY_RX
            if munitions and (rest is None or _SHORT_SINCE.match(rest)):
                continue  # "fired 40 rockets at the town on Tuesday": one barrage, the event itself
            amount = _amount(m, min_count=2)
            if amount is None:
                continue
            if munitions:
                ev2 = m.group("ev2")
                event = _singular(m.group("ev")) + (f" and {_singular(ev2)}" if ev2 else "") + " launch"
                region = None
            else:
                event = _HIT_EVENT[m.group("ev").lower()]
                region = (m.group("region") or "").strip() or None
            as_of = _as_of(article)
            claim = Claim(kind="tally", count=amount[0], qualifier=amount[1], event=event, target=(m.group("target") or "").strip() or None, region=region,
                          period=_period(article, sent_start, m) if rest else {}, as_of=as_of, source=source,
                          evidence=_sentence(sent_start, sent_text))
            taken.append((m.start(), m.end()))
            out.append((claim, sent_start + m.start(), sent_start + m.end()))
    return out


def _as_of(article: Article) -> str | None:
    """The day a tally is current on: the publication date (None when unknown)."""
    return (article.published_at or "")[:10] or None


def _period(article: Article, sent_start: int, m: re.Match[str]) -> dict[str, str | None]:
    """{start, end} of a tally whose ``rest`` group holds its period words ("since October 17"), else {}."""
    rest = m.group("rest") or ""
    if not rest:
        return {}
    since = _SINCE.search(rest)
    start_value = _period_start(article, sent_start + m.start("rest") + since.start(), sent_start + m.end()) if since else None
    if since and start_value is None:
        start_value = _since_date(rest[since.start():], article.published_at)
    as_of = _as_of(article)
    if start_value is None and as_of and _THIS_YEAR.search(m.string, m.start("rest"), m.end("rest") + 8):
        start_value = as_of[:4]  # "so far this year", "since the start of the year": the year of publication
    return {"start": start_value, "end": as_of}


_THIS_YEAR = re.compile(r"\bthis year\b|\bsince the (?:start|beginning) of the year\b", re.I)


_TOLL_EVENT = {"killed": "death", "killing": "death", "died": "death", "wounded": "injury", "injured": "injury",
               "wounding": "injury", "injuring": "injury", "hurt": "injury", "abducted": "abduction",
               "kidnapped": "abduction"}


def _tolls(article: Article, sent_start: int, sent_text: str, found: list[tuple[Claim, int, int]],
           source: str | None) -> list[tuple[Claim, int, int]]:
    """Running casualty tolls that stand alone (:data:`TOLL_RX`, :data:`TOLL_ACTIVE_RX`), outside ``found``."""
    out: list[tuple[Claim, int, int]] = []
    taken = [(s - sent_start, e - sent_start) for _, s, e in found]
    for m in sorted([*TOLL_RX.finditer(sent_text), *TOLL_ACTIVE_RX.finditer(sent_text)], key=lambda m: m.start()):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        rest = m.group("rest")
        lead = _LEAD_PERIOD.match(sent_text[:m.start()]) if rest is None else None
        war = rest is None and lead is None and m.re is TOLL_ACTIVE_RX and \
            war_toll_subject(sent_text, m.start()) is not None
        if rest is None and lead is None and not war:
            continue  # no period: the toll of the reported event ("killing at least 23 civilians")
        if rest is not None and _SHORT_SINCE.match(rest):
            continue
        amount = _amount(m)
        if amount is None:
            continue
        as_of = _as_of(article)
        if war:  # "The war, which began in April 2023, has killed ...": the war's start, when told
            began = _WAR_BEGAN.search(sent_text, max(0, m.start() - 80), m.start())
            period = {"start": _period_start(article, sent_start + began.end(), sent_start + m.start()) if began else None,
                      "end": as_of}
        elif lead is None:
            period = _period(article, sent_start, m)
        else:  # "Since then, more than 6,000 ...": the period opens the sentence
            period = {"start": _period_start(article, sent_start, sent_start + lead.end())
                      or _since_date(lead.group(0).lstrip(" \t\n\"'("), article.published_at), "end": as_of}
        claim = Claim(kind="tally", count=amount[0], qualifier=amount[1],
                      event=_TOLL_EVENT[m.group("ev").lower()], target=m.group("target").strip(),
                      region=(m.group("region") or "").strip() or None, as_of=as_of, period=period, source=source,
                      evidence=_sentence(sent_start, sent_text))
        taken.append((m.start(), m.end()))
        out.append((claim, sent_start + m.start(), sent_start + m.end()))
        d = _DISPLACED_RX.match(sent_text, m.end())
        displaced = _amount(d) if d is not None else None
        if displaced is not None and displaced[0] is not None:  # (a figure only: "displaced hundreds" is not read)
            out.append((Claim(kind="tally", count=displaced[0], qualifier=displaced[1], event="displacement",
                              target="people", region=claim.region, period=dict(claim.period),
                              as_of=as_of, source=source, evidence=list(claim.evidence)),
                        sent_start + d.start(), sent_start + d.end()))
            taken.append((d.start(), d.end()))
    return out


# --- ordinal tallies: "It was the 15th attack on the Djibo base since January" -------------------------------
# An ordinal with a period says how many such events there have been, the reported one included: a claim
# with that exact count (no qualifier, like an unhedged cardinal tally). Only the predicative/appositive use
# counts ("It was the third attack ...", "..., the second strike in less than two weeks"): as a subject or
# after "in" ("The third attack this month killed five", "In the third attack ..., gunmen ...") the phrase
# names the reported event itself, and masking it would lose that event.
_UNIT_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9}
_ORD_WORDS = {**{k: v for k, v in _UNIT_ORD.items() if v > 1}, "tenth": 10, "eleventh": 11, "twelfth": 12,
              "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
              "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
              "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINAL = (r"(?P<ord>\d{1,4}(?:st|nd|rd|th)|(?:" + "|".join(_TENS) + r")[\s-](?:" + "|".join(_UNIT_ORD) + r")|"
            + "|".join(sorted(_ORD_WORDS, key=len, reverse=True)) + r")")
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, **{k: v for k, v in _NUMS.items() if " " not in k}}
_MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
ORDINAL_TALLY_RX = re.compile(
    r"(?:\b(?:was|is|were|are|been|being|marks?|marked|marking|became|becomes|represents?|represented)\s+|[,;:\u2014\u2013]\s*|\s-\s)"
    r"(?P<phrase>(?:(?:the|its|their)\s+)?" + _ORDINAL + r"\s+"
    r"(?:(?!(?:of|and|or|in|on|at|since|this)\b)[\w.-]+\s+){0,2}?"  # "such", "US", "drone", "major"
    r"(?P<ev>air strike|airstrike|attack|strike|incident|raid|assault|bombing|explosion|blast|ambush|protest|"
    r"demonstration|clash|shooting|kidnapping|shelling|violation|arrest)"
    r"(?:\s+(?:on|against|targeting|at)\s+(?:the\s+)?(?P<target>(?:[\w.'-]+\s+){0,3}?[\w.'-]+))?"
    r"(?:\s+(?:in|across)\s+(?P<region>(?-i:(?!" + _MONTH_NAMES + r")[A-Z][\w'-]+"
    r"(?:(?:\s*,\s*|\s+and\s+|\s+|\s+(?:al|el|ez|as|ad|ar)-)[A-Z][\w'-]+)*"
    r"(?:\s+(?:province|region|governorate|state|district|county))?)))?"
    r"(?:\s+by\s+(?:[\w.'-]+\s+){0,3}?[\w.'-]+)?"
    r"\s+(?P<rest>(?P<since>since(?:\s+(?!(?:according|said|says|officials?|sources?)\b)[\w'-]+){1,5})"
    r"|(?P<cal>(?:so\s+far\s+)?this\s+(?P<cu>week|month|year)|so\s+far\s+this\s+(?P<cu2>week|month|year)|"
    r"of\s+the\s+(?P<cu3>week|month|year)|(?:in|during)\s+(?P<yr>(?:19|20)\d\d)\b)"
    r"|(?P<dur>(?:in|over|within|during)\s+(?:(?:less|fewer)\s+than\s+|under\s+)?(?:the\s+(?:past|last)\s+)?"
    r"(?:(?P<dn>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})\s+)?"
    r"(?P<du>hours?|days?|weeks?|months?|years?)\b|in\s+as\s+many\s+(?P<asmany>days|weeks|months)\b)))",
    re.I)
# Cheap pre-checks, searched in every sentence: the cardinal patterns (TALLY_RX, TALLY_TIMES_RX) need a plural
# event noun or "times", the ordinal one an ordinal word (gated by their literals, see classify.GatedPattern).
_TALLY_HINT = GatedPattern(re.compile(
    r"\b(?:attacks|strikes|airstrikes|incidents|raids|assaults|bombings|explosions|protests|"
    r"demonstrations|clashes|violations|shootings|kidnappings|arrests|abductions|homicides|killings|murders|"
    r"assassinations|times|missiles|drones|rockets|shells|rounds|projectiles|villages|towns|schools|hospitals|"
    r"facilities|centres|centers|churches|mosques|markets|bases|positions|checkpoints|stations|homes|houses|ships|"
    r"vessels)\b", re.I))
_ORDINAL_HINT = GatedPattern(re.compile(r"\b" + _ORDINAL + r"\b", re.I))


# the tolls need a perfect "has/have (been) killed|wounded|..." and a period word
_TOLL_HINT = GatedPattern(re.compile(r"\b(?:since|so far|to date|this year|over the past|in the past)\b", re.I))


# a war-wide toll needs no period word: "The war ... has killed more than 150,000 people"
_WAR_TOLL_HINT = GatedPattern(re.compile(WAR_NOUNS + r"[^.;]{0,80}\bha(?:s|ve|d)\s+(?:now\s+|so far\s+|already\s+)?killed\b", re.I))


def may_hold_tally(text: str) -> bool:
    """False when no tally pattern can match ``text`` (most sentences): skip :func:`find_tally_spans`."""
    return (_TALLY_HINT.search(text) is not None or _ORDINAL_HINT.search(text) is not None
            or _TOLL_HINT.search(text) is not None or _WAR_TOLL_HINT.search(text) is not None)


def _ordinal_count(word: str) -> int | None:
    w = word.lower()
    if w[:1].isdigit():
        return int(w[:-2])
    if w in _ORD_WORDS:
        return _ORD_WORDS[w]
    parts = re.split(r"[\s-]", w, maxsplit=1)  # "twenty-first"
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNIT_ORD:
        return _TENS[parts[0]] + _UNIT_ORD[parts[1]]
    return None


def _minus(day: dt.date, n: int, unit: str) -> dt.date:
    """``day`` minus n units (calendar months/years; the day of month clamped)."""
    if unit.startswith("hour"):
        return day - dt.timedelta(days=max(1, -(-n // 24)))
    if unit.startswith("day"):
        return day - dt.timedelta(days=n)
    if unit.startswith("week"):
        return day - dt.timedelta(weeks=n)
    return day - relativedelta(months=n * (12 if unit.startswith("year") else 1))


def _ordinal_period_start(article: Article, m: re.Match[str], sent_start: int, count: int) -> str | None:
    """Start of the period an ordinal tally counts over; None when the text does not fix it."""
    as_of = (article.published_at or "")[:10]
    try:
        pub = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        pub = None
    if m.group("since"):
        return (_period_start(article, sent_start + m.start("since"), sent_start + m.end("since"))
                or _since_date(m.group("since"), article.published_at))
    if m.group("cal"):
        found = _period_start(article, sent_start + m.start("cal"), sent_start + m.end("cal"))
        if found or pub is None:
            return found or (m.group("yr") if m.group("yr") else None)
        if m.group("yr"):
            return m.group("yr")
        unit = (m.group("cu") or m.group("cu2") or m.group("cu3")).lower()
        if unit == "year":
            return f"{pub.year:04d}"
        if unit == "month":
            return f"{pub.year:04d}-{pub.month:02d}"
        return (pub - dt.timedelta(days=pub.weekday())).isoformat()
    if pub is None:
        return None
    if m.group("asmany"):  # "the third attack in as many days"
        return _minus(pub, count, m.group("asmany").lower()).isoformat()
    dn = (m.group("dn") or "one").lower()
    n = int(dn) if dn.isdigit() else _COUNT_WORDS.get(dn)
    return _minus(pub, n, m.group("du").lower()).isoformat() if n else None


def _ordinal_tallies(article: Article, sent_start: int, sent_text: str,
                     source: str | None) -> list[tuple[Claim, int, int]]:
    """Claims stated as an ordinal: "It was the 142nd attack on US troops in Iraq and Syria since October 17"."""
    if _ORDINAL_HINT.search(sent_text) is None:
        return []
    out: list[tuple[Claim, int, int]] = []
    for m in ORDINAL_TALLY_RX.finditer(sent_text):
        if re.search(r"\bwhat\s+(?:was|is|were|are|became)\s+$", sent_text[:m.start("phrase")], re.I):
            continue  # "In what was the third attack this month, gunmen killed ...": the event is the clause
        count = _ordinal_count(m.group("ord"))
        if count is None or count < 2:
            continue
        as_of = _as_of(article)
        claim = Claim(
            kind="tally", count=count, qualifier=None, event=_singular(m.group("ev")),
            target=(m.group("target") or "").strip() or None, region=(m.group("region") or "").strip() or None,
            period={"start": _ordinal_period_start(article, m, sent_start, count), "end": as_of}, as_of=as_of,
            source=source, evidence=_sentence(sent_start, sent_text),
        )
        out.append((claim, sent_start + m.start("phrase"), sent_start + m.end()))
    return out


def _casualty_tallies(article: Article, sent_start: int, sent_text: str, tallies: list[tuple[Claim, int, int]],
                      source: str | None) -> list[tuple[Claim, int, int]]:
    """Casualty totals coordinated with an attack tally share its period and region
    ("attacked at least 40 times since October 17, and 45 personnel have suffered minor injuries")."""
    out: list[tuple[Claim, int, int]] = []
    first_end = min(s for _, s, _ in tallies) - sent_start
    for m in [*CASUALTY_TALLY_RX.finditer(sent_text), *_TALLY_TOLL_RX.finditer(sent_text)]:
        if m.start() < first_end:
            continue  # a total before the attack tally is not obviously over the same period
        amount = _amount(m)
        if amount is None:
            continue
        event = _TOLL_EVENT.get(m.group("ev").lower(), "injury")  # "suffered minor injuries"
        ref = tallies[0][0]
        whole = m.group(0)
        s = sent_start + m.start() + (len(whole) - len(whole.lstrip()))
        claim = Claim(kind="tally", count=amount[0], qualifier=amount[1], event=event, target=m.group("target").strip(), region=ref.region, period=dict(ref.period),
                      as_of=ref.as_of, source=source or ref.source,
                      evidence=_sentence(sent_start, sent_text))
        out.append((claim, s, sent_start + m.end()))
    return out


def find_tallies(article: Article, sent_start: int, sent_text: str, source: str | None = None) -> list[Claim]:
    """Tally claims in one sentence (``sent_text`` starts at ``sent_start`` in the article)."""
    return [c for c, _, _ in find_tally_spans(article, sent_start, sent_text, source)]
