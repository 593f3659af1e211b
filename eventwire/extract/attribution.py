"""Who says so: the sources an event report is attributed to, with a kind and a span.

Sources are found in the event's sentence by the dependency parse:

* "according to X" -> X;
* the subject of a reporting verb ("X said / told / reported / confirmed", also the
  passive agent "was reported by X");
* "a military official speaking on condition of anonymity" / "sources said" -> kind ``anonymous``.

Kinds: ``anonymous``, ``media``, ``ngo``, ``witness``, ``military``, ``official``, ``group``
(an armed group speaking for itself), ``other``. When nothing in the sentence is a source, the
outlet (``article.source``) is the source, kind ``outlet``.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Attribution
from .dateline import dateline_around
from .modality import SAY_LEMMAS

__all__ = ["find_sources", "source_kind", "attribution_for"]

_ANON = re.compile(r"\b(?:anonymity|anonymous(?:ly)?|not authori[sz]ed to|declined to be (?:named|identified)|"
                   r"asked not to be (?:named|identified)|unnamed|sources?)\b", re.I)
_MEDIA = re.compile(r"\b(?:CNN|Reuters|AFP|AP|Associated Press|BBC|Al Jazeera|Al Arabiya|Xinhua|TASS|RIA|Interfax|"
                    r"New York Times|Washington Post|Wall Street Journal|Guardian|Fox News|NBC|CBS|ABC|Sky News|"
                    r"news agency|agency|TV|television|newspaper|media|outlet|broadcaster|radio|daily|channel|"
                    r"Press|News|Times|Post|Tasnim|Fars|IRNA|SANA|ISNA|Saba|Anadolu)\b")
_NGO = re.compile(r"\b(?:Observatory|rights group|human rights|Amnesty|Human Rights Watch|monitor(?:ing group)?|"
                  r"Red Cross|Red Crescent|ICRC|MSF|Doctors Without Borders|IOM|UNHCR|OCHA|UNICEF|charity|NGO|"
                  r"watchdog|OPCW|aid group|humanitarian)\b", re.I)
_WITNESS = re.compile(r"\b(?:witness\w*|eyewitness\w*|residents?|locals?|villagers?|survivors?|bystanders?|neighbou?rs?)\b", re.I)
_MILITARY = re.compile(r"\b(?:military|army|armed forces|IDF|CENTCOM|Central Command|Operations Command|commander|general|colonel|"
                       r"brigadier|troops|forces|navy|air force|marines?|battalion|brigade|coalition)\b", re.I)
_OFFICIAL = re.compile(r"\b(?:officials?|official|spokes(?:man|woman|person)|minist\w*|secretary|president|"
                       r"prime minister|governor|mayor|police|government|Pentagon|White House|State Department|"
                       r"Kremlin|department|authorit\w*|administration|agency|chief|deputy|envoy|ambassador|"
                       r"lawmakers?|senator|council|office|embassy|presidency|cabinet|ministry)\b", re.I)
_GROUP = re.compile(r"\b(?:militants?|rebels?|insurgents?|group|ISIS|ISIL|Islamic State|Taliban|Houthis?|Hamas|"
                    r"Hezbollah|al-Shabaa?b|Boko Haram|militia|Islamic Resistance)\b", re.I)


def source_kind(phrase: str, context: str = "") -> str:
    """Kind of a source phrase (``context`` = the rest of the sentence, for anonymity cues)."""
    if _ANON.search(phrase) or re.search(r"\bcondition of anonymity|\bspeaking anonymously|\bnot authori[sz]ed to speak", context, re.I):
        if not re.search(r"[A-Z][a-z]+ [A-Z][a-z]+", phrase) or _ANON.search(phrase):
            return "anonymous"
    if _NGO.search(phrase):
        return "ngo"
    if _MEDIA.search(phrase) and not _OFFICIAL.search(phrase.replace("agency", "")):
        return "media"
    if _WITNESS.search(phrase):
        return "witness"
    if re.search(r"\bPentagon\b|\bsecretary\b|\bminist", phrase, re.I):
        return "official"
    if _MILITARY.search(phrase) and not re.search(r"\bofficials?\b", phrase, re.I):
        return "military"
    if _OFFICIAL.search(phrase):
        return "official"
    if _GROUP.search(phrase):
        return "group"
    return "other"


def _phrase(tok: Any) -> tuple[int, int]:
    """Character span of a token's subtree, trimmed of trailing punctuation and relative clauses."""
    toks = [t for t in tok.subtree if t.dep_ not in ("relcl", "acl", "punct", "advcl") or t == tok]
    # keep contiguous run around tok
    left = min(t.i for t in toks)
    right = max(t.i for t in toks)
    doc = tok.doc
    while right > tok.i and (doc[right].is_punct or doc[right].dep_ in ("cc",)):
        right -= 1
    # cut at the first comma after the head (appositive clauses stay short)
    for t in doc[tok.i: right + 1]:
        if t.text == "," and t.i > tok.i:
            right = t.i - 1
            break
    span = doc[left: right + 1]
    if span and span[0].lower_ in ("the", "a", "an") and len(span) > 1:
        pass
    return span.start_char, span.end_char


# Verbs whose subject speaks for the event as much as "said": "X denied reports that ...", "X claimed the attack".
_STANCE_LEMMAS = frozenset({"deny", "reject", "dismiss", "claim"})


def _past_dateline(tok: Any, text: str, base: int) -> Any:
    """"BAGHDAD — Iraq's Joint Operations Command denied ...": the parser may make the dateline the
    subject and the speaker its apposition; the speaker is the source. None when the subject is the
    dateline and nothing past it is: a town, or the wire agency, says nothing. (``text`` is the sentence's,
    starting at ``base``: a dateline opens its sentence.)"""
    if not tok.text[:1].isupper():
        return tok
    d = dateline_around(text, tok.idx - base)
    if d is None:
        return tok
    return next((c for c in tok.children if c.dep_ == "appos" and c.idx - base >= d.end), None)


def _trailing_speaker(verb: Any, sent: Any) -> tuple[int, int] | None:
    """"..., killing two fighters, the Syrian Observatory for Human Rights said.": the parser may hang the
    speaker on a noun before it (as an apposition) and leave "said" without a subject; the speaker is then
    the noun phrase between the last comma and the verb."""
    doc = verb.doc
    i = verb.i - 1
    while i > sent.start and doc[i].text != "," and verb.i - i <= 10:
        i -= 1
    if doc[i].text != "," or i + 1 >= verb.i:
        return None
    phrase = doc[i + 1: verb.i]
    if not any(t.pos_ in ("NOUN", "PROPN") for t in phrase) or any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return None
    return phrase.start_char, phrase.end_char


def find_sources(sent: Any, text: str | None = None) -> list[Attribution]:
    """Sources named in one spaCy sentence, in text order, without duplicates (``text`` = ``sent.text``
    when the caller has it: Span.text rebuilds the string token by token)."""
    found: dict[tuple[int, int], Attribution] = {}
    if text is None:
        text = sent.text
    base = sent.start_char
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor(1).lower_ == "to":
            objs = [c for c in tok.nbor(1).children if c.dep_ == "pobj"]
            if objs:
                s, e = _phrase(objs[0])
                found[(s, e)] = Attribution(source=text[s - base:e - base], kind="", start=s, end=e)
        elif (tok.lemma_ in SAY_LEMMAS or tok.lemma_ in _STANCE_LEMMAS) and tok.pos_ in ("VERB", "AUX"):
            if not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in tok.children):
                span = _trailing_speaker(tok, sent)
                if span is not None:
                    found[span] = Attribution(source=text[span[0] - base:span[1] - base], kind="", start=span[0], end=span[1])
            for c in tok.children:
                if c.dep_ in ("nsubj",) and c.pos_ not in ("PRON",):
                    c = _past_dateline(c, text, base)
                    if c is None:
                        continue
                    s, e = _phrase(c)
                    found[(s, e)] = Attribution(source=text[s - base:e - base], kind="", start=s, end=e)
                elif c.dep_ == "agent":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            s, e = _phrase(o)
                            found[(s, e)] = Attribution(source=text[s - base:e - base], kind="", start=s, end=e)
    out = []
    for (s, e), a in sorted(found.items()):
        src = re.sub(r"^(?:the|a|an)\s+", "", a.source, flags=re.I).strip()
        if not src or len(src) > 120:
            continue
        a.kind = source_kind(a.source, text)
        a.source = src
        out.append(a)
    return out


def attribution_for(sent: Any, outlet: str | None, text: str | None = None) -> list[Attribution]:
    """Sources of an event in ``sent``; the outlet (kind ``outlet``) when nobody else is named."""
    found = find_sources(sent, text)
    if found:
        return found
    return [Attribution(source=outlet, kind="outlet")] if outlet else []
