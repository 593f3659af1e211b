"""The pipeline isolates bad articles: one failure is quarantined, the batch goes on, order is kept."""

from __future__ import annotations

import pytest

from eventwire.config import Settings
from eventwire.errors import ArticleError, ConfigError
from eventwire.model import Article, Quarantined
from eventwire.pipeline import STAGES, BaseStage, Pipeline, build_stage


class Upper(BaseStage):
    name = "upper"

    def process(self, article):
        if "boom" in article.text:
            raise RuntimeError("exploded")
        if "bad" in article.text:
            raise ArticleError("text is bad", reason="bad-text")
        article.meta["upper"] = article.text.upper()


def _arts(*texts):
    return [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]


def test_bad_articles_are_quarantined_and_order_kept():
    pipe = Pipeline(Settings({"batch_size": 3}), stage_names=(), stages=[Upper()])
    out = list(pipe.pipe(_arts("one", "boom", "two", "bad one", "three")))
    assert [o.article_id if isinstance(o, Quarantined) else o.id for o in out] == ["a0", "a1", "a2", "a3", "a4"]
    assert isinstance(out[1], Quarantined) and out[1].stage == "upper"
    assert out[1].reason.startswith("internal error: RuntimeError: exploded")
    assert isinstance(out[3], Quarantined) and out[3].reason == "bad-text: text is bad"
    assert out[4].meta["upper"] == "THREE"


def test_raise_policy_surfaces_errors():
    pipe = Pipeline(Settings({"quarantine_policy": "raise"}), stage_names=(), stages=[Upper()])
    with pytest.raises(RuntimeError):
        list(pipe.pipe(_arts("boom")))


def test_single_article_call_raises_article_error():
    pipe = Pipeline(Settings(), stage_names=(), stages=[Upper()])
    assert pipe(Article(id="x", text="fine")).meta["upper"] == "FINE"
    with pytest.raises(ArticleError, match="quarantined at upper"):
        pipe(Article(id="y", text="boom"))


def test_quarantined_inputs_pass_through_untouched():
    q = Quarantined(origin="f.jsonl:3", reason="malformed: x", stage="ingest")
    pipe = Pipeline(Settings(), stage_names=(), stages=[Upper()])
    assert list(pipe.pipe([q])) == [q]


def test_registry_is_explicit_and_lazy():
    assert list(STAGES)[:3] == ["validate", "clean", "nlp"]
    with pytest.raises(ConfigError, match="unknown stage"):
        build_stage("no-such-stage", Settings())


def test_clean_text_keeps_offsets():
    from eventwire.model import Removed

    a = Article(id="c", text="Photo: old strike\nNews here.")
    a.removed = [Removed(0, 17, "caption")]
    assert len(a.clean_text) == len(a.text)
    assert a.clean_text[18:] == "News here." and a.clean_text[:17].strip() == ""
    assert a.is_removed(3, 5) and not a.is_removed(18, 22)
