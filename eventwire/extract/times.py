"""The ``times`` stage: TIMEX3 expressions in the text, normalised against ``published_at``.

Minimal placeholder while the grammar in :mod:`timex_rules` is being built.
"""

from __future__ import annotations

import logging

from ..config import Settings
from ..model import Article
from ..pipeline import BaseStage

__all__ = ["make_stage", "TimesStage"]

log = logging.getLogger(__name__)


class TimesStage(BaseStage):
    name = "times"
    requires = ("doc",)
    provides = ("times",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def process(self, article: Article) -> None:
        article.times = []


def make_stage(settings: Settings) -> TimesStage:
    return TimesStage(settings)
