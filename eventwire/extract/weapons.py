"""Weapons and military platforms used in an event, with a canonical name, subtype and count.

:func:`find_weapons` reads the WEAPON / MILITARY_PLATFORM mentions that the ``entities`` stage
already found (it never re-matches the text), gives each a canonical name from the lexicons
("F-15s" -> "F-15", "MQ-9 Reaper drones" -> "MQ-9 Reaper", "barrel bombs" -> "barrel bomb") and
reads a count from the words just before it ("two F-15s" -> 2, "a pair of drones" -> 2).
A count is only given when the text states one; "F-15s" alone has ``count=None``, and "a drone attack"
counts attacks, not drones. "An improvised explosive device (IED)" is one weapon, and the unnamed
explosives a drone carries ("explosives-laden drones", "drones dropped explosives") are its payload:
the drone is the weapon recorded.
"""

from __future__ import annotations

import functools
import logging
import re

from ..model import Article, Mention, Weapon
from .entities import designation_info, lexicon
from .numwords import CARDINALS

__all__ = ["find_weapons", "canonical_weapon", "count_before", "WEAPON_LABELS"]

log = logging.getLogger(__name__)

WEAPON_LABELS = ("WEAPON", "MILITARY_PLATFORM")

_NUMBER_WORDS = {
    **{w: n for w, n in CARDINALS.items() if n}, "hundred": 100, "a hundred": 100, "a dozen": 12, "one dozen": 12,
    "half a dozen": 6, "a pair of": 2, "a couple of": 2, "pair of": 2, "a single": 1, "single": 1, "a": 1, "an": 1,
    "another": 1, "both": 2,
}
# Words that may stand between a number and the weapon ("two US F-15s", "three armed drones")
# are any but these: a preposition or verb between them means the number counts something else.
_BREAKERS = frozenset(
    """of with and or the to by from in on at for into onto over than as was were is are be been had has have
    that which who killed people soldiers civilians men women children times days hours weeks years""".split()
)
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted((re.escape(k) for k in _NUMBER_WORDS), key=len, reverse=True)) + ")"
_COUNT_RE = re.compile(rf"(?:^|(?<=[\s(,;:]))(?P<num>{_NUM})\s+(?P<mid>(?:[\w’'./-]+\s+){{0,2}})$", re.IGNORECASE)
_SINGLE_ONLY = frozenset({"a", "an", "another", "a single", "single", "one"})
_GENERIC_TAIL = re.compile(
    r"\s+(?:drones?|jets?|aircraft|fighters?|fighter jets?|warplanes?|helicopters?|gunships?|tanks?|missiles?|"
    r"rockets?|bombers?|planes?|launchers?|systems?|vehicles?|rifles?|guns?|shells?)$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1)
def _aliases() -> tuple[dict[str, tuple[str, str | None]], dict[str, tuple[str, str | None]]]:
    """(exact-spelling aliases, lower-cased generic aliases) -> (canonical name, subtype)."""
    exact: dict[str, tuple[str, str | None]] = {}
    generic: dict[str, tuple[str, str | None]] = {}
    for e in lexicon():
        if e.label not in WEAPON_LABELS:
            continue
        for alias in e.aliases:
            if e.generic:
                generic.setdefault(alias.lower(), (e.name_of(alias), e.subtype))
            else:
                exact.setdefault(alias, (e.name, e.subtype))
    return exact, generic


def _singular(word: str) -> list[str]:
    low = word
    out = []
    if low.endswith("ies"):
        out.append(low[:-3] + "y")
    if low.endswith("ves"):
        out.append(low[:-3] + "fe")
    if low.endswith("es"):
        out.append(low[:-2])
    if low.endswith(("s", "’s", "'s")):
        out.append(re.sub(r"(?:’s|'s|s)$", "", low))
    return out


def canonical_weapon(text: str) -> tuple[str, str | None]:
    """Canonical (name, subtype) for a weapon or platform mention text."""
    exact, generic = _aliases()
    text = " ".join(text.split())
    candidates = [text]
    words = text.split(" ")
    candidates += [" ".join(words[:-1] + [s]) for s in _singular(words[-1])]
    tail = _GENERIC_TAIL.sub("", text)
    if tail != text and tail:
        candidates.append(tail)
    for cand in candidates:
        if cand in exact:
            return exact[cand]
    for cand in candidates:
        if cand.lower() in generic:
            return generic[cand.lower()]
    # A phrase the entities stage widened: a known name before its type noun ("Tochka-U ballistic missiles",
    # "Paveway IV guided bombs"), a designation ("Yak-130 fighter jet"), else a known type after extra
    # modifiers ("suicide car bomb").
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[:k])
        if head in exact:
            return exact[head]
    for w in words:
        info = designation_info(w)
        if info is not None:
            return info[2], info[1]
    # Unknown prefix designation followed by a head noun: keep the designation itself.
    m = re.match(r"^([A-Z][A-Za-z]{0,6}-\d{1,4}[A-Z]{0,3})s?\b", text)
    if m:
        return m.group(1), None
    for k in range(1, len(words)):
        tail_words = words[k:]
        for cand in [" ".join(tail_words)] + [" ".join(tail_words[:-1] + [s]) for s in _singular(tail_words[-1])]:
            if cand.lower() in generic:
                return generic[cand.lower()]
    return (candidates[1] if len(candidates) > 1 and text[:1].islower() else text), None


def _is_plural(text: str) -> bool:
    last = text.split()[-1] if text.split() else text
    return last.endswith("s") and not last.endswith("ss") and last.lower() not in {"ids", "arms"} or last.endswith("ies")


# "a drone attack", "two missile strikes": a weapon word modifying an attack noun; the number counts attacks
_ATTACK_AFTER = re.compile(r"[\s-]+(?:attacks?|strikes?|raids?|assaults?|barrages?|bombardments?|bombings?)\b", re.I)


def count_before(article: Article, mention: Mention, floor: int = 0) -> int | None:
    """The number the text gives just before ``mention`` ("two F-15s" -> 2), or None."""
    if not _is_plural(mention.text) and _ATTACK_AFTER.match(article.text, mention.end):
        return None
    lo = max(floor, mention.start - 60)
    left = article.text[lo:mention.start]
    m = _COUNT_RE.search(left)
    if m is None:
        return None
    mid = m.group("mid").split()
    if any(w.lower().strip(".,") in _BREAKERS for w in mid):
        return None
    num = m.group("num").lower()
    if num in _SINGLE_ONLY and _is_plural(mention.text):
        return None
    if num in _NUMBER_WORDS:
        return _NUMBER_WORDS[num]
    try:
        value = int(num.replace(",", ""))
    except ValueError:
        return None
    # A year ("2023 F-16s") or a huge figure is not a count of aircraft.
    return value if 0 < value < 1000 else None


def find_weapons(article: Article, span_start: int | None = None, span_end: int | None = None) -> list[Weapon]:
    """Weapons and platforms mentioned in ``[span_start, span_end)`` (whole text when None).

    One :class:`Weapon` per distinct (category, name), in text order; when the same weapon is
    named twice, the first stated count is kept. Needs ``article.mentions`` from the entities stage.
    """
    lo = 0 if span_start is None else span_start
    hi = len(article.text) if span_end is None else span_end
    mentions = [m for m in article.mentions if m.label in WEAPON_LABELS and lo <= m.start and m.end <= hi
                and not article.is_removed(m.start, m.end)]
    named = [(m, *canonical_weapon(m.text)) for m in mentions]
    drones = [m for m, _, subtype in named if (m.subtype or subtype) == "drone"]
    out: dict[tuple[str, str], Weapon] = {}
    prev: tuple[Mention, Weapon] | None = None
    for m, name, subtype in named:
        subtype = m.subtype or subtype
        if name[:1].islower() and subtype == "explosive" and _payload(article.text, m, drones):
            continue
        if prev is not None and _abbreviates(article.text, prev[0], m):
            # "an improvised explosive device (IED)": one weapon, named by the abbreviation when that is a
            # designation, counted before the expansion
            w = prev[1]
            if w.name[:1].islower() and not name[:1].islower() and (m.label, name) not in out:
                out = {((m.label, name) if v is w else k): v for k, v in out.items()}
                w.name, w.subtype = name, subtype
            continue
        count = count_before(article, m, floor=lo)
        key = (m.label, name)
        if key in out:
            if out[key].count is None and count is not None:
                out[key].count = count
            prev = (m, out[key])
            continue
        out[key] = Weapon(name=name, category=m.label, count=count, subtype=subtype, start=m.start, end=m.end)
        prev = (m, out[key])
    return list(out.values())


def _abbreviates(text: str, before: Mention, m: Mention) -> bool:
    """``m`` is a parenthesised abbreviation of the weapon just named: "improvised explosive device (IED)"."""
    return re.fullmatch(r"\s*\(\s*", text[before.end:m.start]) is not None and text[m.end:m.end + 2].strip()[:1] == ")"


# What links a drone to the explosives it carries: "explosives-laden drones"; "drones (used) to drop / dropped /
# carrying / laden with explosives".
_LADEN = re.compile(r"-(?:laden|packed|loaded|rigged|carrying|armed)\s+(?:[\w-]+\s+)?", re.I)
_CARRIES = re.compile(r"\s+(?:to\s+)?(?:drop(?:s|ped|ping)?|carr(?:y|ies|ied|ying)|(?:laden|loaded|packed|rigged|armed|fitted)"
                      r"\s+with)\s+(?:[\w-]+\s+){0,2}", re.I)


def _payload(text: str, m: Mention, drones: list[Mention]) -> bool:
    """``m`` (unnamed explosives) is what a drone in ``drones`` carries or drops."""
    return any(_LADEN.fullmatch(text, m.end, d.start) if d.start >= m.end else
               d.end <= m.start and _CARRIES.fullmatch(text, d.end, m.start) for d in drones)
