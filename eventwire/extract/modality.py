"""Modality of an event mention: did the article say it happened, and on whose word?

Values (the contract's vocabulary) and the rule for each, checked in this order on the
dependency path from the trigger up to the sentence root:

* ``negated``  - the trigger (or the verb it belongs to) has a negation: "did not strike", "no attack".
* ``denied``   - a deny-verb governs it: "denied carrying out the strike", or it is said to be false
  ("the information that our units fired mortars is false").
* ``future``   - future/intent marking: will, shall, going to, plan/vow/threaten/intend/aim to,
  "will not hesitate to take additional action".
* ``hypothetical`` - conditional or purpose: if/unless/could/might/may/would, "to deter",
  "in case of", "possible"/"potential"/"any" + noun trigger.
* ``claimed``  - a claim-verb governs it, the sentence says "claimed responsibility", or it is an
  accusation ("X accused Y of shelling Z").
* ``reported`` - the outlet attributes it to someone else: "according to X", "X said/told/reported".
* ``asserted`` - the outlet states it in its own voice.

``future`` and ``hypothetical`` events did not happen; the events stage keeps them but with
low confidence so they never win over a real event.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["MODALITIES", "modality", "SAY_LEMMAS", "DENY_LEMMAS", "accusing_verb"]

MODALITIES = ("asserted", "reported", "claimed", "denied", "negated", "hypothetical", "future")

SAY_LEMMAS = frozenset({
    "say", "tell", "report", "confirm", "announce", "state", "add", "note", "allege", "acknowledge", "assert",
    "disclose", "reveal", "quote", "cite", "indicate", "explain", "describe", "write", "tweet", "post", "insist",
    "estimate", "show", "accuse", "blame",
})
DENY_LEMMAS = frozenset({"deny", "reject", "dismiss", "refute", "disavow"})
_CLAIM = frozenset({"claim"})
_FALSE = frozenset({"false", "untrue", "baseless", "groundless", "unfounded", "fabricated", "fake", "lie", "lies",
                    "disinformation", "incorrect", "fabrication"})
_FUTURE_HEADS = frozenset({"plan", "vow", "threaten", "intend", "aim", "pledge", "promise", "prepare", "seek",
                           "hesitate", "warn", "expect", "consider", "propose", "want", "hope", "mull"})
_HYPO_AUX = frozenset({"could", "might", "may", "would", "should", "must"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_HYPO_MARK = frozenset({"if", "unless", "whether", "lest"})
_HYPO_WORDS = re.compile(r"\b(?:possible|potential|any|future|further|retaliatory|prospective|threatened|planned)\b", re.I)
_CLAIM_RESP = re.compile(r"\bclaim\w* (?:of )?responsibility|\bclaimed (?:the|an?|that|it)\b|\btook responsibility\b", re.I)
_DENY_RESP = re.compile(r"\bden(?:y|ied|ies|ying) (?:any )?(?:involvement|responsibility|carrying out|that|conducting|it|reports?|claims?)\b", re.I)


_ACCUSE = frozenset({"accuse", "blame"})


def accusing_verb(tok: Any) -> Any:
    """The "accuse"/"blame" verb whose gerund complement holds ``tok`` ("the rebels accused the navy of
    using gunboats to shell the coast", "blamed rebels for shelling the town"), or None. The event is only
    alleged then; "blamed X for the attack" (a noun) presupposes the attack and is not matched. ``tok`` may
    also be the accused itself, when its word names the attack ("accused police helicopters of firing on the
    camp")."""
    if tok.dep_ == "dobj" and tok.head.lemma_ in _ACCUSE and tok.head.pos_ == "VERB" and any(
            p.dep_ == "prep" and p.lower_ in ("of", "for") and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in p.children)
            for p in tok.head.children) and any(c.dep_ == "nsubj" for c in tok.head.children):
        return tok.head
    t = tok
    gerund = False
    for _ in range(6):
        if t.head == t:
            return None
        gerund = gerund or (t.dep_ == "pcomp" and t.tag_ == "VBG")
        if t.head.lemma_ in _ACCUSE and t.head.pos_ == "VERB":
            # (an accuser is named: "the men accused of carrying out the bombing" alleges nothing new)
            return t.head if gerund and any(c.dep_ == "nsubj" for c in t.head.children) else None
        t = t.head
    return None


def _ancestors(tok: Any, sent: Any) -> list[Any]:
    out = [tok]
    t = tok
    while t.head != t and t.head.i >= sent.start and len(out) < 12:
        t = t.head
        out.append(t)
    return out


def modality(trigger: Any, sent: Any, attributed: bool, text: str | None = None) -> str:
    """Modality of the event whose trigger token is ``trigger`` inside spaCy sentence ``sent``
    (``text`` = ``sent.text`` when the caller has it)."""
    chain = _ancestors(trigger, sent)
    accuser = accusing_verb(trigger)
    if accuser is not None:
        return "negated" if any(c.dep_ == "neg" for c in accuser.children) else "claimed"
    # Only look up to the first reporting verb: "X said it will strike" -> the said is reporting, the will is future.
    for k, t in enumerate(chain):
        kids = list(t.children)
        if any(c.dep_ == "neg" for c in kids) or any(c.lower_ in ("no", "never") and c.dep_ == "det" for c in kids):
            if t.lemma_ not in SAY_LEMMAS or t.pos_ == "NOUN":  # ("There were no reports of arrests")
                return "negated"
        if t.lemma_ in DENY_LEMMAS and k > 0:
            return "denied"
        if k > 0 and t.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") and c.lower_ in _FALSE for c in kids):
            return "denied"  # "The information that our units fired mortars ... is false"
        if any(c.lower_ in _FUTURE_AUX and c.dep_ in ("aux", "auxpass") for c in kids):
            return "future"
        if t.lemma_ in _FUTURE_HEADS and k > 0:
            return "future"
        if any(c.lower_ in ("going",) for c in kids) and any(c.lower_ == "to" for c in t.children):
            return "future"
        if any(c.lower_ in _HYPO_AUX and c.dep_ in ("aux", "auxpass") for c in kids):
            return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in _HYPO_MARK for c in kids):
            return "hypothetical"
        if t.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) and \
                t.head.lemma_ not in SAY_LEMMAS and t.lemma_ in ("deter", "prevent", "stop", "punish", "retaliate", "respond"):
            return "hypothetical"
        if t.lemma_ in ("deter", "prevent") and k > 0:
            return "hypothetical"
        if t.lemma_ in _CLAIM and k > 0:
            subj_neg = any(c.dep_ == "nsubj" and any(d.lower_ in ("no", "none") for d in c.children) for c in kids)
            return "negated" if subj_neg or any(c.dep_ == "neg" for c in kids) else "claimed"
        if t.lemma_ in SAY_LEMMAS and k > 0 and t.pos_ in ("VERB", "AUX"):
            break
    if trigger.pos_ in ("NOUN", "PROPN") and any(_HYPO_WORDS.fullmatch(c.lower_ or "") for c in trigger.children
                                                    if c.dep_ in ("amod", "det")):
        return "hypothetical"
    if text is None:
        text = sent.text
    if _DENY_RESP.search(text):
        return "denied"
    if _CLAIM_RESP.search(text):
        return "claimed"
    return "reported" if attributed else "asserted"
