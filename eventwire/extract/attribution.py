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
from .actors import ActorKB, load_kb
from .dateline import dateline_around
from .modality import DENY_LEMMAS, SAY_LEMMAS
from .nlp import line_marker, sentences_back

__all__ = ["find_sources", "source_kind", "attribution_for"]

_ANON = re.compile(r"\b(?:anonymity|anonymous(?:ly)?|not authori[sz]ed to|declined to be (?:named|identified)|"
                   r"asked not to be (?:named|identified)|unnamed|sources?)\b", re.I)
_ANON_CLAUSE = re.compile(r"\b(?:anonymity|anonymous(?:ly)?|not authori[sz]ed to|declined to be (?:named|identified)|"
                          r"asked not to be (?:named|identified))\b", re.I)
_MEDIA = re.compile(r"\b(?:CNN|Reuters|AFP|AP|Associated Press|BBC|Al Jazeera|Al Arabiya|Xinhua|TASS|RIA|Interfax|"
                    r"New York Times|Washington Post|Wall Street Journal|Guardian|Fox News|NBC|CBS|ABC|Sky News|"
                    r"news agency|agency|TV|television|newspaper|media|outlet|broadcaster|radio|daily|channel|"
                    r"Press|News|Times|Post|Tasnim|Fars|IRNA|SANA|ISNA|Saba|Anadolu)\b")
_NGO = re.compile(r"\b(?:Observatory|rights group|human rights|Amnesty|Human Rights Watch|monitor(?:ing group)?|"
                  r"Red Cross|Red Crescent|ICRC|MSF|Doctors Without Borders|IOM|UNHCR|OCHA|UNICEF|charity|NGO|"
                  r"watchdog|OPCW|aid group|humanitarian|association|civil society|volunteers?|medics|research group)\b", re.I)
# (and the people around the victims: "his family", "relatives of the detainees", "two traders", the doctors
# who treated them, activists on the spot; "locals" but
# not the adjective: "local officials" are officials)
_WITNESS = re.compile(r"\b(?:witness\w*|eyewitness\w*|residents?|locals|villagers?|survivors?|bystanders?|neighbou?rs?|"
                      r"famil(?:y|ies)|relatives?|traders?|shopkeepers?|passengers?|activists?|doctors?|physicians?|nurses?|"
                      r"health workers?)\b", re.I)
_MILITARY = re.compile(r"\b(?:military|army|armed forces|IDF|CENTCOM|Central Command|Operations Command|commander|general|colonel|"
                       r"brigadier|troops|forces|navy|air force|marines?|battalion|brigade|coalition)\b", re.I)
_OFFICIAL = re.compile(r"\b(?:officials?|official|spokes(?:man|woman|person)|minist\w*|secretary|president|"
                       r"prime minister|governor|mayor|police|government|Pentagon|White House|State Department|"
                       r"Kremlin|department|authorit\w*|administration|agency|chief|deputy|envoy|ambassador|"
                       r"lawmakers?|senator|council|office|embassy|presidency|cabinet|ministry|(?<!news )service|judiciary|"
                       r"prosecutors?|courts?|judges?|gendarmerie)\b", re.I)
_ARMED = re.compile(r"\b(?:militants?|rebels?|insurgents?|ISIS|ISIL|Islamic State|Taliban|Houthis?|Hamas|"
                    r"Hezbollah|al-Shabaa?b|Boko Haram|militias?|Islamic Resistance)\b", re.I)
_GROUP = re.compile(r"\bgroup\b", re.I)  # (weaker: "a volunteer group" is an NGO, "a carrier strike group" military)


def source_kind(phrase: str, context: str = "", kb: ActorKB | None = None) -> str:
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
    # the side outranks the role: "an M23 spokesman", "a commander of the X militia" speak for the group
    if _ARMED.search(phrase) or _armed_group(phrase, kb):
        return "group"
    if _MILITARY.search(phrase) and not re.search(r"\bofficials?\b", phrase, re.I):
        return "military"
    if _OFFICIAL.search(phrase):
        return "official"
    if _GROUP.search(phrase):
        return "group"
    return "other"


def _armed_group(phrase: str, kb: ActorKB | None) -> bool:
    """``phrase`` names a non-state armed group of the actor KB ("JNIM", "RSF"); ``kb`` None = the shipped
    one (the events stage passes its own, with the user's ``actors_file`` merged in)."""
    return bool((kb or load_kb()).armed_groups(phrase))


def _phrase(tok: Any) -> tuple[int, int]:
    """Character span of a token's subtree, trimmed of trailing punctuation and relative clauses."""
    # (a relative clause goes whole: "a source who asked not to be named"; "videos shared by activists" stays)
    relative = {d.i for c in tok.subtree if c.dep_ == "relcl" and c != tok for d in c.subtree}
    toks = [t for t in tok.subtree if (t.dep_ not in ("relcl", "acl", "punct", "advcl") and t.i not in relative) or t == tok]
    # keep contiguous run around tok
    left = min(t.i for t in toks)
    right = max(t.i for t in toks)
    doc = tok.doc
    while left < tok.i and (line_marker(doc[left]) or doc[left].is_punct):
        left += 1
    while right > tok.i and (doc[right].is_punct or doc[right].dep_ in ("cc",)):
        right -= 1
    # cut at the first comma after the head (appositive clauses stay short)
    for t in doc[tok.i: right + 1]:
        if t.text == "," and t.i > tok.i:
            right = t.i - 1
            break
    # an opened bracket is closed: "the Baloch Liberation Army (BLA)", not "... (BLA"
    if right + 1 < len(doc) and doc[right + 1].text == ")" and "(" in doc[left: right + 1].text:
        right += 1
    span = doc[left: right + 1]
    return span.start_char, span.end_char


# Verbs whose subject speaks for the event as much as "said": "X denied reports that ...", "X claimed the attack".
_STANCE_LEMMAS = DENY_LEMMAS | {"claim"}


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


def _trailing_speaker(verb: Any, sent: Any) -> tuple[int, int, str] | None:
    """"..., killing two fighters, the Syrian Observatory for Human Rights said.": the parser may hang the
    speaker on a noun before it (as an apposition) and leave "said" without a subject; the speaker is then
    the noun phrase between the last comma and the verb, without a relative clause that describes it
    ("..., a medical source who asked not to be named said"). Returns (start, end, description)."""
    doc = verb.doc
    i = verb.i - 1
    while i > sent.start and doc[i].text != "," and verb.i - i <= 20:
        i -= 1
    if doc[i].text != "," or i + 1 >= verb.i:
        return None
    whole = doc[i + 1: verb.i]
    rel = next((t for t in whole if t.tag_ in ("WP", "WDT") and t.i > whole.start), None)
    phrase = doc[whole.start: rel.i] if rel is not None else whole
    if len(phrase) > 10 or not any(t.pos_ in ("NOUN", "PROPN") for t in phrase) \
            or any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return None
    return phrase.start_char, phrase.end_char, _unnamed(phrase.text, whole.text)


def _nobody(tok: Any) -> bool:
    """A subject that names no one: "No group claimed the blast", "none of the parties said"."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children) or tok.lower_ in ("none", "nobody", "no-one")


def _unnamed(phrase: str, description: str) -> str:
    """``phrase`` with the words of its fuller ``description`` that say the speaker is not named."""
    cue = _ANON_CLAUSE.search(description)
    return f"{phrase} {cue.group(0)}" if cue and not _ANON_CLAUSE.search(phrase) else phrase


def _description(tok: Any) -> str:
    """What the text says the speaker ``tok`` is: its phrase, its apposition ("the X Committee, a volunteer
    group"; "John Doe, a commander of the Y militia") and a relative clause's anonymity cue."""
    s, e = _phrase(tok)
    doc = tok.doc
    words = doc.char_span(s, e, alignment_mode="expand").text
    for c in tok.children:
        if c.dep_ == "appos" and c.i > tok.i:
            a, b = _phrase(c)
            words += " " + doc.char_span(a, b, alignment_mode="expand").text
    return _unnamed(words, doc[tok.left_edge.i: tok.right_edge.i + 1].text)


# how far back a definite speaker ("the committee said", "the armed group said") looks for whom it stands
# for: a paragraph or two; further back "the official" is more likely someone new
_BACK_SENTS = 3


def _antecedent(tok: Any, kb: ActorKB | None) -> Any | None:
    """The speaker named before that the definite description ``tok`` stands for: "the committee said"
    (the X Committee), "the source said" (a medical source at the hospital), "the paramilitary group said"
    (the RSF). The nearest earlier mention with the same head noun and more words to it, or for a group
    noun the nearest armed group of the actor KB, within ``_BACK_SENTS`` sentences; None when ``tok`` says
    which one itself or nothing there fits."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or any(
            c.dep_ in ("compound", "poss", "nmod", "prep", "appos") or (c.dep_ == "amod" and c.text[:1].isupper())
            for c in tok.children):  # "the Sudanese army", "the army in the north" say which one themselves
        return None
    doc = tok.doc
    lo = sentences_back(tok, _BACK_SENTS)
    lemma = tok.lemma_.lower()
    group_noun = bool(_ARMED.search(tok.text) or _GROUP.search(tok.text))
    for t in reversed(doc[lo: tok.i]):
        if t.lemma_.lower() == lemma and t.pos_ in ("NOUN", "PROPN") and (t.pos_ == "PROPN" or any(
                c.dep_ in ("compound", "amod") for c in t.children)):
            return t
        if group_noun and t.pos_ == "PROPN" and t.dep_ != "compound":
            s, e = _phrase(t)
            if _armed_group(doc.char_span(s, e, alignment_mode="expand").text, kb):
                return t
    return None


# how far back "he said" / "she said" looks for the person it stands for
_PRONOUN_BACK_SENTS = 2
# a role then a name ("Army spokesman Major Tunde Bello"), a person even when the tagger calls it an ORG
_ROLE_AND_NAME = re.compile(r"\b(?i:spokes\w+|minister|governor|mayor|commander|chief|officer|colonel|general|major|"
                            r"captain|lieutenant|president|director|official|leader)\s+(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]+$")


def _pronoun_speaker(tok: Any) -> Any | None:
    """The named person a "he"/"she" speaker stands for: the nearest earlier subject of a reporting verb
    that names a person ("Colonel Jane Doe said ... He said"), within ``_PRONOUN_BACK_SENTS`` sentences."""
    if tok.lower_ not in ("he", "she"):
        return None
    doc = tok.doc
    for t in reversed(doc[sentences_back(tok, _PRONOUN_BACK_SENTS): tok.i]):
        if (t.lemma_ in SAY_LEMMAS or t.lemma_ in _STANCE_LEMMAS) and t.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
            if subj is not None and (any(w.ent_type_ == "PERSON" for w in subj.subtree)
                                     or _ROLE_AND_NAME.search(doc.char_span(*_phrase(subj), alignment_mode="expand").text)):
                return subj
    return None


# "police found the bodies": who found them is who tells of it, when nobody else is named
_FIND_LEMMAS = frozenset({"find", "discover"})
_FINDER_KINDS = frozenset({"official", "military", "ngo", "witness"})


def find_sources(sent: Any, text: str | None = None, kb: ActorKB | None = None) -> list[Attribution]:
    """Sources named in one spaCy sentence, in text order, without duplicates (``text`` = ``sent.text``
    when the caller has it: Span.text rebuilds the string token by token)."""
    found: dict[tuple[int, int], str] = {}  # span -> what the text says the speaker is (for the kind)
    stance: dict[tuple[int, int], str] = {}  # span -> "denies" / "claims": the speaker disputes or owns the event
    if text is None:
        text = sent.text
    base = sent.start_char
    doc = sent.doc  # (a definite description's antecedent may be in an earlier sentence)

    def add(tok: Any, verb: Any = None) -> None:
        tok = _antecedent(tok, kb) or tok
        s, e = _phrase(tok)
        # "the local mayor, Jean Kabila," names the speaker after the role: the source is both
        named = next((c for c in tok.children if c.dep_ == "appos" and c.i > tok.i and c.pos_ == "PROPN"), None)
        if tok.pos_ == "NOUN" and named is not None:
            e = max(e, _phrase(named)[1])
        found[(s, e)] = _description(tok)
        if verb is not None and verb.lemma_ in _STANCE_LEMMAS and not any(c.dep_ == "neg" for c in verb.children):
            stance[(s, e)] = "claims" if verb.lemma_ == "claim" else "denies"

    finders = []
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor(1).lower_ == "to":
            objs = [c for c in tok.nbor(1).children if c.dep_ == "pobj"]
            if objs:
                add(objs[0])
        elif (tok.lemma_ in SAY_LEMMAS or tok.lemma_ in _STANCE_LEMMAS) and tok.pos_ in ("VERB", "AUX"):
            if not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in tok.children):
                span = _trailing_speaker(tok, sent)
                if span is not None:
                    found[span[:2]] = span[2]
            for c in tok.children:
                if c.dep_ == "nsubj" and c.pos_ == "PRON":
                    # (not inside a relative clause: "phones he described as illegal" quotes nobody)
                    named = _pronoun_speaker(c) if tok.dep_ not in ("relcl", "acl", "advcl", "pcomp") else None
                    if named is not None:
                        add(named, tok)
                elif c.dep_ in ("nsubj",) and not _nobody(c):
                    c = _past_dateline(c, text, base)
                    if c is not None:
                        add(c, tok)
                elif c.dep_ == "agent":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            add(o, tok)
        elif tok.lemma_ in _FIND_LEMMAS and tok.pos_ == "VERB":
            finders += [c for c in tok.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
    if not found:
        for c in finders:
            if source_kind(_description(c), text, kb) in _FINDER_KINDS:
                add(c)
    out = []
    for (s, e), description in sorted(found.items()):
        raw = text[s - base:e - base] if base <= s and e <= base + len(text) else doc.char_span(s, e).text
        src = re.sub(r"^(?:the|a|an)\s+", "", raw, flags=re.I).strip()
        if not src or len(src) > 120:
            continue
        out.append(Attribution(source=src, kind=source_kind(description, text, kb), start=s, end=e,
                               stance=stance.get((s, e))))
    return out


def attribution_for(sent: Any, outlet: str | None, text: str | None = None,
                    kb: ActorKB | None = None) -> list[Attribution]:
    """Sources of an event in ``sent``; the outlet (kind ``outlet``) when nobody else is named."""
    found = find_sources(sent, text, kb)
    if found:
        return found
    return [Attribution(source=outlet, kind="outlet")] if outlet else []
