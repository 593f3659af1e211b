"""The ``validate`` stage: refuse articles no later stage can use, and say why.

Checks run on the raw ``article.text`` (the clean stage checks what is left
after boilerplate removal):

* ``empty``      - nothing but whitespace, or fewer than ``settings.min_chars`` characters;
* ``too-long``   - more than ``settings.max_chars`` characters;
* ``binary``     - NUL bytes or mostly control characters (a mis-read binary file);
* ``language``   - not one of ``settings.languages`` (default ``en``).

The language check is deliberately small and dependency-free: it looks at the
script of the letters and at the share of common function words of a handful
of languages over the first ~2000 characters. Texts shorter than
:data:`MIN_WORDS_TO_JUDGE` words are not judged (a one-sentence English snippet
has too few function words to be sure), and an undecided text is let through:
refusing English news would be worse than parsing a stray foreign article.
"""

from __future__ import annotations

import logging
import re

from ..config import Settings
from ..errors import ArticleError
from ..model import Article
from ..pipeline import BaseStage

__all__ = ["ValidateStage", "make_stage", "detect_language", "binary_reason"]

log = logging.getLogger(__name__)

MIN_WORDS_TO_JUDGE = 15
SAMPLE_CHARS = 2000

# Frequent short function words; few are shared between languages, and shared
# ones (e.g. "a", "de") only count once per language so no list wins by overlap alone.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in a is that for it on was with as by at he said from his are be have has "
                    "an were not but they this which had their its been who or will after would more than".split()),
    "fr": frozenset("le la les des du un une et est dans en que qui pour pas sur au aux avec ce cette sont "
                    "par il elle ont été mais ou leur nous vous se ses plus".split()),
    "es": frozenset("el la los las del de un una y es en que por para con no se su sus al como más pero "
                    "fue ha han sobre este esta entre también".split()),
    "de": frozenset("der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es "
                    "an werden aus er hat dass sie nach wird bei einer um am sind noch wie".split()),
    "pt": frozenset("o a os as do da dos das um uma e é em que por para com não se seu sua ao no na nos "
                    "mais mas foi como pelo pela".split()),
    "it": frozenset("il lo la gli le dei degli delle di un una e è in che per con non si suo sua al alla "
                    "della del sono più ma come anche".split()),
    "nl": frozenset("de het een en is van in dat op te zijn niet met voor die ook als aan er maar om "
                    "werd bij door naar wordt".split()),
}

# Non-Latin scripts are recognised by their code-point ranges.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ar", re.compile(r"[\u0600-\u06FF\u0750-\u077F]")),
    ("ru", re.compile(r"[\u0400-\u04FF]")),
    ("he", re.compile(r"[\u0590-\u05FF]")),
    ("zh", re.compile(r"[\u4E00-\u9FFF]")),
    ("ja", re.compile(r"[\u3040-\u30FF]")),
    ("ko", re.compile(r"[\uAC00-\uD7AF]")),
    ("el", re.compile(r"[\u0370-\u03FF]")),
    ("hi", re.compile(r"[\u0900-\u097F]")),
    ("fa", re.compile(r"[\u06A9\u06AF\u067E\u0686\u0698]")),  # Persian-only letters, checked after ar
)
_NON_LATIN = re.compile(r"[\u0370-\uFFFF]")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFD]")


def binary_reason(text: str) -> str | None:
    """Why ``text`` looks like binary data, or None. Cheap: looks at the first 4000 characters."""
    sample = text[:4000]
    if "\x00" in sample:
        return "contains NUL characters"
    if sample:
        bad = len(_CONTROL.findall(sample))
        if bad / len(sample) > 0.10:
            return f"{bad} of the first {len(sample)} characters are control or replacement characters"
    return None


def detect_language(text: str) -> str | None:
    """A best guess ISO 639-1 code for ``text``, or None when the sample is too short to judge."""
    sample = text[:SAMPLE_CHARS]
    letters = _LETTER.findall(sample)
    if not letters:
        return None
    # A script that is not Latin decides on its own when it dominates the letters.
    non_latin: dict[str, int] = {}
    if not sample.isascii() and len(_NON_LATIN.findall(sample)) > 0.2 * len(letters):
        for code, pattern in _SCRIPTS:
            n = len(pattern.findall(sample))
            if n:
                non_latin[code] = n
    if non_latin:
        code, n = max(non_latin.items(), key=lambda kv: kv[1])
        if n / len(letters) > 0.5:
            if code == "ar" and non_latin.get("fa", 0) > 0.02 * n:
                return "fa"
            return code
    # URLs (hex ids, "res=") and capitalised one-letter tokens (initials) are not words of any language.
    words = [w.lower() for w in _WORD.findall(_URL.sub(" ", sample)) if len(w) > 1 or w.islower()]
    if len(words) < MIN_WORDS_TO_JUDGE:
        return None
    scores = {lang: sum(1 for w in words if w in fw) / len(words) for lang, fw in _FUNCTION_WORDS.items()}
    best, score = max(scores.items(), key=lambda kv: kv[1])
    if score < 0.08 or score * len(words) < 3:  # too few function words of any language: headlines, lists, tables
        return None
    if best != "en" and scores["en"] >= 0.6 * score:
        return "en"  # close call: English news quoting foreign names should not be refused
    return best


class ValidateStage(BaseStage):
    name = "validate"
    provides = ("lang",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        langs = {x.strip().lower() for x in str(settings.languages).split(",") if x.strip()}
        self.any_language = not langs or "*" in langs or "any" in langs
        self.languages = langs

    def process(self, article: Article) -> None:
        text = article.text
        if not isinstance(text, str) or not text.strip():
            raise ArticleError(f"article {article.id} has no text", reason="empty",
                               hint="check the input's text field or file")
        stripped = len(text.strip())
        if stripped < self.settings.min_chars:
            raise ArticleError(f"article {article.id} has only {stripped} characters of text", reason="empty",
                               hint=f"articles under min_chars={self.settings.min_chars} are skipped")
        if len(text) > self.settings.max_chars:
            raise ArticleError(f"article {article.id} has {len(text)} characters", reason="too-long",
                               hint=f"raise max_chars (now {self.settings.max_chars}) or split the document")
        why = binary_reason(text)
        if why:
            raise ArticleError(f"article {article.id} looks binary: {why}", reason="binary",
                               hint="feed text, HTML, JSONL or CSV, not binary files")
        lang = detect_language(text)
        article.lang = lang
        if lang is not None and not self.any_language and lang not in self.languages:
            raise ArticleError(f"article {article.id} looks like language {lang!r}", reason="language",
                               hint=f"processed languages: {self.settings.languages} (setting `languages`)")


def make_stage(settings: Settings) -> ValidateStage:
    return ValidateStage(settings)
