"""The cheap gates in front of the event-typing and casualty regexes never change a result.

``classify.needed_literals`` derives, from a regex's parse tree, strings one of which every match
contains; a regex is skipped when none is in the folded text. These tests check that the gates
and the prefix-tree prefilter agree with running every regex, on hand-written sentences.
"""

from __future__ import annotations

import re

import pytest

from eventwire.extract import casualties as CAS
from eventwire.extract import classify as C

SENTENCES = [
    "Unidentified men looted dozens of shops and torched cars overnight.",
    "A limpet blast killed a border guard.",
    "Police fired tear gas at the crowd.",
    "A stash of projectiles was found in western Mosul.",
    "Fighters were captured alive after the raid.",
    "The spokesman said the suspects were arrested without a fight.",
    "Workers went on strike and held placards.",
    "Shelling wounded seven soldiers in the north.",
    "US F-16 jets struck a weapons depot used by Iran-backed militias, killing nine fighters.",
    "A SUICIDE BOMBER blew himself up at a checkpoint; 3 policemen and 2 civilians were wounded.",
    "Rebels recaptured the town after government troops withdrew without a fight.",
    "The two sides signed a ceasefire agreement and exchanged prisoners.",
    "Gunmen kidnapped 12 students and shot dead a guard.",
    "No one was hurt, but the blast destroyed several houses.",
    "The contractor died of a heart attack while sheltering.",
    "Protesters threw stones and police responded with rubber bullets and water cannon.",
    "A mass grave was discovered near the village; hundreds of families fled.",
    "Tanks attacked positions held by the militia; at least 40 people were killed.",
    "The weather was mild and sunny.",
    "The striker scored a stoppage-time goal.",
    # IGNORECASE also matches these non-ASCII letters to ASCII ones (dotless i, long s, Kelvin sign)
    "Gunmen \u212aIDNAPPED two aid workers.",
    "Militants ab\u017fducted and kıdnapped villagers.",
    "A \u017fuicide bomber struck the market.",
]


def test_fold_covers_every_letter_ignorecase_maps_to_ascii() -> None:
    rx = re.compile(r"[a-z0-9 _-]", re.IGNORECASE)
    odd = [c for c in range(128, 0x110000) if rx.match(chr(c))]
    for c in odd:
        assert C.fold(chr(c)).isascii(), hex(c)


@pytest.mark.parametrize("pattern,text", [
    (r"\bsuicide[- ](?:car[- ])?bomb", "a Suicide-Car bomb"),
    (r"\b(?:f-\d+|su-\d+)s?\b", "two F-16s"),
    (r"\b(?:took|taken) (?:away )?[\w-]+ people", "taken away 12 people"),
    (r"\brap(?:e|ed)\b", "RAPED"),
])
def test_needed_literals_are_in_every_match(pattern: str, text: str) -> None:
    rx = re.compile(pattern, re.IGNORECASE)
    keys = C.needed_literals(rx)
    assert keys, pattern
    m = rx.search(text)
    assert m is not None
    assert any(k in C.fold(m.group(0)) for k in keys), (keys, m.group(0))


def test_needed_literals_unknown_when_a_branch_has_none() -> None:
    assert C.needed_literals(re.compile(r"\d+|bomb")) is None
    assert C.needed_literals(re.compile(r"(?:a|b)?x*")) is None


def test_rule_gates_never_hide_a_rule_match() -> None:
    for s in SENTENCES:
        low = C.fold(s)
        for (sub, _, rx), keys in zip(C._RULES, C._RULE_KEYS):
            if rx.search(s):
                assert keys is None or any(k in low for k in keys), (sub, s)
        for rx, keys in zip(C._DISRUPT, C._DISRUPT_KEYS):
            if rx.search(s):
                assert keys is None or any(k in low for k in keys), (rx.pattern[:40], s)


def test_trie_prefilter_equals_the_flat_alternation() -> None:
    flat = re.compile(r"\b(?:" + "|".join(C._PREFILTER_WORDS) + ")", re.IGNORECASE)
    probes = SENTENCES + [w for w in C._PREFILTER_WORDS] + [w[:-1] for w in C._PREFILTER_WORDS] + [
        "x" + w for w in C._PREFILTER_WORDS] + [w.upper() + "s" for w in C._PREFILTER_WORDS]
    for s in probes:
        assert (flat.search(s) is None) == (C._PREFILTER.search(s) is None), s


def test_trie_drops_words_that_extend_a_shorter_one() -> None:
    rx = re.compile(r"\b" + C._trie(["air", "airstrike", "ak-", "arms"]), re.IGNORECASE)
    assert rx.search("Airstrikes hit") and rx.search("AK-47") and rx.search("arms cache")
    assert not rx.search("a chair") and not rx.search("farms")


def test_casualty_gates_never_hide_a_match() -> None:
    for s in SENTENCES:
        low = C.fold(s)
        for kind, patterns in CAS._RX.items():
            for rx, keys in zip(patterns, CAS._RX_KEYS[kind]):
                if rx.search(s):
                    assert keys is None or any(k in low for k in keys), (kind, s)
            if CAS._ZERO[kind].search(s):
                assert any(k in low for k in CAS._ZERO_KEYS[kind] or ("",)), (kind, s)
        if CAS._NOT_CAUSED.search(s):
            assert any(k in low for k in CAS._NOT_CAUSED_KEYS or ("",)), s


def test_classify_memo_returns_fresh_candidates() -> None:
    C.clear_memo()
    a = C.classify("Gunmen kidnapped 12 students.")
    a[0].score = 0.0
    b = C.classify("Gunmen kidnapped 12 students.")
    assert b[0].score > 0.5 and b[0].sub_event_type == "Abduction/forced disappearance"
    C.clear_memo()


def test_prefilter_never_hides_a_rule() -> None:
    for s in SENTENCES:
        if C._ANY.search(s):
            assert C._PREFILTER.search(s), s
