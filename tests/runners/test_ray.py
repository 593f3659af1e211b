"""The Ray runner: same events as the local runner, incremental, no article lost when a worker dies.

One local Ray (2 CPUs, loopback, no dashboard) for the whole module. The worker-failure tests
use cheap stages (validate, clean and a stage that kills its actor) so that they do not load spaCy.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

ray = pytest.importorskip("ray")

from eventwire.config import Settings  # noqa: E402
from eventwire.model import Article  # noqa: E402
from eventwire.pipeline import BaseStage  # noqa: E402
from eventwire.runners import local, ray_runner  # noqa: E402
from eventwire.store import open_store  # noqa: E402

CHEAP = ("validate", "killer", "clean")
POISON = "KILL-WORKER"
TEXT = "Militants attacked a checkpoint near the town on Tuesday, officials said. Two soldiers were hurt."


@pytest.fixture(scope="module", autouse=True)
def local_ray() -> Iterator[None]:
    # The killer stage below is shipped to the workers by value: they cannot import this test module.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False)
    yield
    ray.shutdown()


class KillerStage(BaseStage):
    """Kills its actor process on a batch holding the poison marker (once only if ``once_flag`` is set)."""

    name = "killer"

    def __init__(self, once_flag: str | None = None) -> None:
        self.once_flag = once_flag

    def process_batch(self, articles: list[Article]) -> None:
        if any(POISON in a.text for a in articles):
            if self.once_flag is None:
                os._exit(1)
            if not os.path.exists(self.once_flag):
                Path(self.once_flag).touch()
                os._exit(1)

    def process(self, article: Article) -> None:
        self.process_batch([article])


class HangStage(BaseStage):
    """Never returns on a batch holding the poison marker."""

    name = "killer"

    def process_batch(self, articles: list[Article]) -> None:
        if any(POISON in a.text for a in articles):
            time.sleep(3600)

    def process(self, article: Article) -> None:
        self.process_batch([article])


def _articles(n: int, poison_at: int | None = None) -> list[Article]:
    return [Article(id=f"a{i:03d}", text=f"{TEXT} Report number {i}." + (f" {POISON}" if i == poison_at else ""),
                    published_at="2025-11-01", origin=f"test:{i}") for i in range(n)]


def _event_rows(db: str) -> list[str]:
    """Everything about the resolved events but the store-assigned ids."""
    store = open_store(db, create=False)
    try:
        rows = []
        for ev in store.list_events():
            fields = {k: v for k, v in ev.fields.items() if k != "id"}
            reports = sorted((r.get("article_id"), json.dumps(r.get("report"), sort_keys=True)) for r in ev.reports)
            rows.append(json.dumps([fields, reports], sort_keys=True, default=str))
        return sorted(rows)
    finally:
        store.close()


def _article_rows(db: str) -> list[dict]:
    """Every stored article with what the stages found (text, raw HTML, mentions, places, times, reports)."""
    store = open_store(db, create=False)
    try:
        return [{k: v for k, v in a.items() if k != "created_at"} for a in store.iter_articles()]
    finally:
        store.close()


@pytest.fixture(scope="module")
def both_runs(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The bundled examples through the local runner and through the Ray runner (2 actors, several batches)."""
    tmp = tmp_path_factory.mktemp("ray")
    settings = Settings({"batch_size": 4})  # 17 examples -> 5 batches over 2 actors: ordering is exercised
    out: dict = {}
    for name in ("local", "ray"):
        db = str(tmp / f"{name}.db")
        store = open_store(db)
        try:
            if name == "local":
                out[name] = local.run_paths([str(local.examples_dir())], settings, store)
            else:
                out[name] = ray_runner.run_paths([str(local.examples_dir())], settings, store, actors=2)
        finally:
            store.close()
        out[name + "_db"] = db
    out["settings"] = settings
    return out


def test_same_events_as_the_local_runner(both_runs: dict) -> None:
    lr, rr = both_runs["local"], both_runs["ray"]
    assert rr.actors == 2 and rr.batches_sent == 5
    assert (rr.processed, rr.duplicates, rr.near_duplicates, rr.quarantined, rr.reports, rr.events, rr.storylines) == \
           (lr.processed, lr.duplicates, lr.near_duplicates, lr.quarantined, lr.reports, lr.events, lr.storylines)
    assert lr.events >= 10  # the examples do produce events
    assert _event_rows(both_runs["ray_db"]) == _event_rows(both_runs["local_db"])
    ray_articles, local_articles = _article_rows(both_runs["ray_db"]), _article_rows(both_runs["local_db"])
    assert any(a["raw_html"] for a in local_articles)  # the HTML page kept its raw HTML through the cluster
    assert ray_articles == local_articles


def test_rerun_sends_nothing_to_the_cluster(both_runs: dict) -> None:
    before = _event_rows(both_runs["ray_db"])
    store = open_store(both_runs["ray_db"])
    try:
        again = ray_runner.run_paths([str(local.examples_dir())], both_runs["settings"], store, actors=2)
        n_articles = len(list(store.iter_articles()))
    finally:
        store.close()
    assert again.batches_sent == 0 and again.actors == 0  # no actor was even started
    assert again.processed == 0 and again.unchanged == both_runs["ray"].processed + both_runs["ray"].duplicates
    assert n_articles == both_runs["ray"].processed + both_runs["ray"].duplicates
    assert _event_rows(both_runs["ray_db"]) == before


def test_a_poison_article_is_quarantined_alone_and_the_run_completes() -> None:
    # One actor, so the batch queued behind the poison one dies with it too: it must be resent, not charged.
    store = open_store("memory://")
    s = ray_runner.run_articles(_articles(12, poison_at=1), Settings({"batch_size": 4}), store, actors=1,
                                stage_names=CHEAP, stage_factories={"killer": lambda st: KillerStage()})
    assert (s.inputs, s.processed, s.quarantined) == (12, 11, 1)
    assert s.quarantine_reasons == {"worker": 1}
    (q,) = store.list_quarantine()
    assert q["article_id"] == "a001" and q["reason"].startswith("worker:")
    assert {a["id"] for a in store.iter_articles()} == {f"a{i:03d}" for i in range(12) if i != 1}
    # the batch, its retry, then the article alone twice; innocent batches that died alongside are not
    # counted, but an innocent article whose finished reply died with the actor is (then resent: >= 4)
    assert s.retried_batches == 1 and s.worker_failures >= 4


def test_a_worker_that_dies_once_is_retried_and_nothing_is_quarantined(tmp_path: Path) -> None:
    flag = str(tmp_path / "died-once")
    store = open_store("memory://")
    s = ray_runner.run_articles(_articles(10, poison_at=2), Settings({"batch_size": 4}), store, actors=2,
                                stage_names=CHEAP, stage_factories={"killer": lambda st: KillerStage(flag)})
    assert os.path.exists(flag)  # the worker did die
    assert (s.inputs, s.processed, s.quarantined) == (10, 10, 0)
    assert s.retried_batches >= 1 and s.worker_failures >= 1
    assert len(list(store.iter_articles())) == 10


def test_a_hung_batch_is_killed_and_its_poison_article_quarantined(monkeypatch: pytest.MonkeyPatch) -> None:
    # One article per batch and one actor: a001 waits behind the hung a000 and must survive its kills.
    monkeypatch.setattr(ray_runner, "BATCH_TIMEOUT_S", 1.0)
    store = open_store("memory://")
    s = ray_runner.run_articles(_articles(2, poison_at=0), Settings({"batch_size": 1}), store, actors=1,
                                stage_names=CHEAP, stage_factories={"killer": lambda st: HangStage()})
    assert (s.inputs, s.processed, s.quarantined) == (2, 1, 1)
    (q,) = store.list_quarantine()
    assert q["article_id"] == "a000" and "no result after" in q["reason"]
    assert [a["id"] for a in store.iter_articles()] == ["a001"]


def test_input_is_pulled_lazily_with_bounded_work_in_flight() -> None:
    pulled = 0

    def items() -> Iterator[Article]:
        nonlocal pulled
        for a in _articles(200):
            pulled += 1
            yield a

    store = open_store("memory://")
    saved = 0
    ahead: list[int] = []
    order: list[str] = []
    save = store.save_article

    def counting_save(article: Article) -> None:
        nonlocal saved
        ahead.append(pulled - saved)
        order.append(article.id)
        saved += 1
        save(article)

    store.save_article = counting_save  # type: ignore[method-assign]
    s = ray_runner.run_articles(items(), Settings({"batch_size": 4}), store, actors=2,
                                stage_names=CHEAP, stage_factories={"killer": lambda st: KillerStage()})
    assert s.processed == 200
    # 2 actors -> at most 8 unwritten batches of 4, plus the batch being formed
    assert max(ahead) <= 9 * 4
    # written in input order, like the local runner
    assert order == [f"a{i:03d}" for i in range(200)]


def test_cli_runner_ray_on_an_unchanged_store(both_runs: dict) -> None:
    from click.testing import CliRunner

    from eventwire.cli import cli

    out = CliRunner().invoke(cli, ["run", str(local.examples_dir()), "--db", both_runs["ray_db"], "--runner", "ray",
                                   "--ray-actors", "2", "--no-progress"])
    assert out.exit_code == 0, out.output
    assert "processed 0, unchanged 17" in out.output
    assert "ray: 0 actors, 0 batch tasks" in out.output
