"""Entity mentions with the contract labels (minimal first version; deepened below)."""

from __future__ import annotations

import logging

from ..config import Settings
from ..model import Article, Mention
from ..pipeline import BaseStage

__all__ = ["add_patterns", "make_stage", "EntitiesStage"]

log = logging.getLogger(__name__)

_LABELS = {"PERSON": "PERSON", "ORG": "ORGANIZATION", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION",
           "NORP": "NATIONALITY", "DATE": "TEMPORAL", "TIME": "TEMPORAL", "QUANTITY": "QUANTITY",
           "CARDINAL": "QUANTITY", "PERCENT": "QUANTITY", "MONEY": "MONEY"}


def add_patterns(nlp) -> None:
    """Add eventwire's domain entity components to ``nlp`` (none yet)."""


class EntitiesStage(BaseStage):
    name = "entities"
    requires = ("doc",)
    provides = ("mentions",)

    def process(self, article: Article) -> None:
        doc = article.scratch.get("doc")
        out: list[Mention] = []
        if doc is not None:
            for ent in doc.ents:
                label = _LABELS.get(ent.label_)
                if label is None or article.is_removed(ent.start_char, ent.end_char):
                    continue
                out.append(Mention(ent.start_char, ent.end_char, article.text[ent.start_char:ent.end_char], label))
        article.mentions = sorted(out, key=lambda m: (m.start, m.end))


def make_stage(settings: Settings) -> EntitiesStage:
    return EntitiesStage()
