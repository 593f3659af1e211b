"""Toponyms -> GeoNames places (minimal placeholder while the resolver is built)."""

from __future__ import annotations

from ..config import Settings
from ..model import Article
from ..pipeline import BaseStage


class PlacesStage(BaseStage):
    name = "places"
    provides = ("places",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def process(self, article: Article) -> None:
        article.places = []


def make_stage(settings: Settings) -> PlacesStage:
    return PlacesStage(settings)
