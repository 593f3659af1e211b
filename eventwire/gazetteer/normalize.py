"""Alias keys for place names.

Two keys per name:

* :func:`name_key` — casefolded, diacritics stripped, punctuation/hyphens/apostrophes
  to single spaces ("Deir ez-Zor" -> "deir ez zor", "Sanaʽa" -> "sanaa").
* :func:`loose_key` — :func:`name_key` with Arabic articles dropped and common
  transliteration variants folded, spaces removed, so that Boukamal / Bukamal /
  Abu Kamal / Albu Kamal, and Deir ez-Zor / Dayr az Zawr / Deir el-Zor, meet.

Both are pure functions on strings (cheap, cached) so the index build and the
lookups agree by construction.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["name_key", "loose_key", "skeleton", "is_latin", "article_free"]

# Letters NFKD does not decompose.
_TRANSLATE = str.maketrans({
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ð": "d", "þ": "th", "ł": "l", "đ": "d", "ı": "i",
    "ħ": "h", "ŧ": "t", "ŋ": "ng", "ʼ": "", "ʻ": "", "ʽ": "", "ʿ": "", "ʾ": "", "’": "", "‘": "", "'": "",
    "`": "", "´": "", "\u02bc": "",
})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Arabic article forms, written "al-X", "al X", "as-X", ... (sun letters assimilate).
_ARTICLES = ("al", "el", "ad", "ash", "as", "ar", "an", "az", "ez", "es", "ed", "er", "at", "ath", "adh", "al")
_ARTICLE_RE = re.compile(r"\b(?:" + "|".join(sorted(set(_ARTICLES), key=len, reverse=True)) + r") (?=\w)")
# Folding rules for the loose key, applied in order on the space-free string.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^(?:albu|abou|abu|bou)", "bu"),  # Albu Kamal / Abu Kamal / Boukamal -> bukamal
    (r"(?:iyyah|iyyeh|iyeh|iyah|iyya|iyah|iye)$", "iya"),
    (r"(?:ah|eh)$", "a"),
    (r"ou", "u"),
    (r"oo", "u"),
    (r"ee", "i"),
    (r"ei", "ay"),
    (r"aw", "o"),
    (r"q", "k"),
    (r"ck", "k"),
    (r"kh", "k"),
    (r"dh", "d"),
    (r"th", "t"),
    (r"gh", "g"),
    (r"sh", "s"),
    (r"ph", "f"),
    (r"j", "dj"),
    (r"ddj", "dj"),
    (r"y", "i"),
    (r"(.)\1", r"\1"),  # double letters (Mosul / Mossul)
))


@functools.lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Casefold, strip diacritics and punctuation: the exact-match key."""
    if name.isascii():  # most lookups: no diacritics to strip, and casefold() is lower() (same key)
        return _NON_ALNUM.sub(" ", name.lower().replace("'", "").replace("`", "")).strip()
    s = unicodedata.normalize("NFKD", name.translate(_TRANSLATE).casefold())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.translate(_TRANSLATE)
    return _NON_ALNUM.sub(" ", s).strip()


_LEADING_ARTICLE = re.compile(r"(?:" + "|".join(sorted(set(_ARTICLES), key=len, reverse=True)) + r") (?=\w{5})")


def article_free(name: str) -> str | None:
    """The exact key without a leading Arabic article ("El-Hodeidah" -> "hodeidah", "Ad Dīwānīyah" ->
    "diwaniyah"), or None. English writes most such towns bare, and GeoNames does not always list the
    bare form among the alternate names; the loose key cannot help when another place holds the bare
    spelling exactly. Only meaningful for Arabic names: callers decide by country."""
    k = name_key(name)
    m = _LEADING_ARTICLE.match(k)
    return k[m.end():] if m else None


@functools.lru_cache(maxsize=200_000)
def loose_key(name: str) -> str:
    """Variant-tolerant key: articles dropped, transliteration variants folded, no spaces."""
    k = name_key(name)
    if not k:
        return ""
    if " " in k:
        k2 = _ARTICLE_RE.sub("", k)
        k = k2 or k
    k = k.replace(" ", "")
    for pat, rep in _FOLDS:
        k = pat.sub(rep, k)
    return k


def skeleton(key: str) -> str:
    """Consonant skeleton of a key (first letter kept): a coarse block for fuzzy candidates."""
    if not key:
        return ""
    return key[0] + re.sub(r"[aeiouyw ]+", "", key[1:])


def is_latin(name: str) -> bool:
    """True when the name is written in Latin script (other scripts are not indexed)."""
    for ch in name:
        if ch.isalpha() and ord(ch) > 0x24F and not (0x1E00 <= ord(ch) <= 0x1EFF):
            return False
    return True
