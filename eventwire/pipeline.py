"""Registered stages and the pipeline that streams articles through them.

Stages are listed by name in :data:`STAGES` (a table of contents of what the
pipeline does) and imported lazily when a pipeline is built, never as an import
side effect. Third parties add stages through the ``eventwire.stages`` entry
point group, the same way.

A stage is built by a factory ``make_stage(settings) -> Stage``. A stage
*assigns* what it provides (``article.mentions = [...]``) rather than appending,
so that re-running it on an article is harmless: when a batch fails, the
pipeline re-runs the stage article by article to find and quarantine the bad
one, and the rest of the batch goes on.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Callable, Iterable, Iterator, Protocol, Sequence

from .config import Settings
from .errors import ArticleError, ConfigError
from .model import Article, Quarantined

__all__ = ["Stage", "STAGES", "ANNOTATE_STAGES", "RUN_STAGES", "Pipeline", "build_stage"]

log = logging.getLogger(__name__)


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def process(self, article: Article) -> None: ...

    def process_batch(self, articles: list[Article]) -> None: ...


class BaseStage:
    """Convenience base: ``process_batch`` loops over ``process``."""

    name = "stage"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()

    def process(self, article: Article) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def process_batch(self, articles: list[Article]) -> None:
        for article in articles:
            self.process(article)


# name -> "module:factory". The order of the pipelines below is the order of work.
STAGES: dict[str, str] = {
    "validate": "eventwire.ingest.validate:make_stage",  # empty, binary, too long, not English
    "clean": "eventwire.clean.boilerplate:make_stage",  # captions, credits, notices, "Read also"
    "nlp": "eventwire.extract.nlp:make_stage",  # spaCy parse (with domain entity patterns)
    "entities": "eventwire.extract.entities:make_stage",  # contract mention labels
    "times": "eventwire.extract.times:make_stage",  # TIMEX3 against published_at
    "places": "eventwire.extract.places:make_stage",  # toponyms -> GeoNames
    "events": "eventwire.extract.events:make_stage",  # event reports, arguments, claims
}

ANNOTATE_STAGES: tuple[str, ...] = ("validate", "clean", "nlp", "entities", "times", "places", "events")
RUN_STAGES: tuple[str, ...] = ANNOTATE_STAGES


def _plugin_stages() -> dict[str, str]:
    try:
        return {ep.name: ep.value for ep in entry_points(group="eventwire.stages")}
    except Exception:  # pragma: no cover - broken third-party metadata must not stop us
        log.warning("could not read eventwire.stages entry points", exc_info=True)
        return {}


def build_stage(name: str, settings: Settings) -> Stage:
    target = STAGES.get(name) or _plugin_stages().get(name)
    if target is None:
        raise ConfigError(f"unknown stage {name!r}", hint="known stages: " + ", ".join(STAGES))
    module_name, _, attr = target.partition(":")
    factory: Callable[[Settings], Stage] = getattr(importlib.import_module(module_name), attr)
    return factory(settings)


@dataclass
class Pipeline:
    """Streams articles through stages in batches; bad articles become :class:`Quarantined`."""

    settings: Settings
    stage_names: Sequence[str] = ANNOTATE_STAGES
    stages: list[Stage] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.stages:
            self.stages = [build_stage(n, self.settings) for n in self.stage_names]

    def pipe(self, items: Iterable[Article | Quarantined]) -> Iterator[Article | Quarantined]:
        """Yield every item, in input order: processed articles, and quarantined ones with a reason."""
        batch: list[Article | Quarantined] = []
        size = max(1, int(self.settings.batch_size))
        for item in items:
            batch.append(item)
            if len(batch) >= size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def __call__(self, article: Article) -> Article:
        """Process one article; raises :class:`ArticleError` if it ends quarantined."""
        (out,) = list(self._run_batch([article]))
        if isinstance(out, Quarantined):
            raise ArticleError(f"article {article.id} quarantined at {out.stage}: {out.reason}", reason=out.reason)
        return out

    def _run_batch(self, batch: list[Article | Quarantined]) -> list[Article | Quarantined]:
        results: list[Article | Quarantined] = list(batch)
        for stage in self.stages:
            live = [(i, a) for i, a in enumerate(results) if isinstance(a, Article)]
            if not live:
                break
            try:
                stage.process_batch([a for _, a in live])
                continue
            except Exception:
                if self.settings.quarantine_policy == "raise":
                    raise
                log.debug("stage %s failed on a batch; retrying article by article", stage.name, exc_info=True)
            for i, article in live:
                try:
                    stage.process(article)
                except Exception as exc:
                    if self.settings.quarantine_policy == "raise":
                        raise
                    results[i] = quarantine(article, stage.name, exc)
        for r in results:
            if isinstance(r, Article):
                r.scratch.pop("doc", None)  # free the parse; nothing downstream needs it
        return results


def quarantine(article: Article, stage: str, exc: BaseException) -> Quarantined:
    if isinstance(exc, ArticleError):
        reason = f"{exc.reason}: {exc.message}"
    else:
        reason = f"internal error: {type(exc).__name__}: {exc}"
        log.warning("article %s failed in stage %s", article.id, stage, exc_info=exc)
    return Quarantined(
        origin=article.origin or article.id,
        reason=reason,
        stage=stage,
        article_id=article.id,
        excerpt=article.text[:200] if isinstance(article.text, str) else None,
    )
