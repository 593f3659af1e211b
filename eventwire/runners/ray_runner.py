"""The Ray runner: the stages run on a pool of Ray actors, the rest of a run stays on the driver.

    eventwire run INPUTS --db F --runner ray [--ray-address auto|ray://host:10001] [--ray-actors N]

What is distributed is the expensive, per-article part: the pipeline stages
(validate, clean, nlp, entities, times, places, events). Each actor builds the
stages once (spaCy model, gazetteer index, lexicons) and is then fed whole
batches of ``batch_size`` articles, the same batches the local runner would
make, so the output is the same article for article.

What stays on the driver is what must have a single owner: ingest, the
incremental check against the store, dedup, every store write (so SQLite works)
and the cross-article resolve. That logic is :class:`~.local.RunDriver`, shared
with the local runner, so the two cannot drift apart: unchanged articles are
never sent to the cluster (a run with nothing new does not even start Ray) and a
re-run adds no rows.

Robustness and memory:

* Results are written in input order through a bounded reorder window, and at
  most ``2 x actors`` batches are in flight: the input is pulled lazily
  (backpressure), a million-article input is never materialised.
* A batch whose task fails (the actor died, was killed, ran out of memory) is
  retried once on a fresh actor. If it fails again its articles are sent one by
  one, and only those that still fail are quarantined with reason ``worker``.
  Tasks that were merely queued behind the failing one on a dead actor are
  resubmitted without losing their retry. A batch that runs for more than
  ``BATCH_TIMEOUT_S`` is taken as hung: its actor is killed and the same rules
  apply. Every input ends stored or quarantined.

Ray is optional (``pip install 'eventwire[ray]'``). Without an address (``--ray-address`` or
the ``RAY_ADDRESS`` environment variable) a local Ray is started with one CPU per
actor and shut down at the end. On a cluster, every node needs the same
eventwire version (checked when the actors start) and the spaCy model installed.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import time
from collections import deque
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from ..config import Settings
from ..errors import ConfigError, ModelError
from ..model import Article, Quarantined
from ..pipeline import RUN_STAGES, Pipeline, Stage, build_stage
from .local import RunDriver, RunSummary, _progress

__all__ = ["RayRunSummary", "run_paths", "run_articles", "import_ray"]

log = logging.getLogger(__name__)

INSTALL_HINT = "install it with `pip install 'eventwire[ray]'` (Ray 2.9 or later) into this environment, or use --runner local"
PROGRESS_EVERY_S = 10.0  # seconds between progress log lines
READY_TIMEOUT_S = 600.0  # an actor still not built after this long will not be (no free CPU, stuck node)
BATCH_TIMEOUT_S = 900.0  # a batch running longer than this is hung (e.g. runaway regex): its actor is killed


def import_ray() -> Any:
    """The ``ray`` module, or a :class:`ConfigError` that says how to get it."""
    try:
        import ray
    except ImportError:
        raise ConfigError("the ray runner needs the `ray` package, which is not installed", hint=INSTALL_HINT) from None
    return ray


@dataclass
class RayRunSummary(RunSummary):
    """A :class:`RunSummary` plus what the cluster did."""

    actors: int = 0
    batches_sent: int = 0  # batch tasks submitted, retries and one-by-one resends included
    retried_batches: int = 0
    worker_failures: int = 0  # tasks that failed on a worker (actor died, task error)
    startup_seconds: float = 0.0  # connecting/starting Ray and loading the stages on every actor
    worker_cpu_seconds: float = 0.0  # CPU the actors spent on batches (those still alive at the end)

    def render(self) -> str:
        line = (f"ray: {self.actors} actors, {self.batches_sent} batch tasks, {self.retried_batches} retried, "
                f"{self.worker_failures} worker failures; startup {self.startup_seconds:.1f} s, "
                f"worker CPU {self.worker_cpu_seconds:.1f} s")
        return super().render() + "\n" + line


class ExtractWorker:
    """The body of one Ray actor: builds the stages once, then runs batches through them."""

    def __init__(self, values: Mapping[str, Any], stage_names: Sequence[str],
                 factories: Mapping[str, Callable[[Settings], Stage]]) -> None:
        settings = Settings(dict(values))
        stages = [factories[n](settings) if n in factories else build_stage(n, settings) for n in stage_names]
        self.pipeline = Pipeline(settings, tuple(stage_names), stages=stages)
        self.cpu_seconds = 0.0

    def ready(self) -> dict[str, Any]:
        from .. import __version__

        return {"version": __version__, "pid": os.getpid(), "cpu_seconds": self.cpu_seconds}

    def process(self, batch: list[Article]) -> list[Article | Quarantined]:
        cpu = time.process_time()
        out = list(self.pipeline.pipe(batch))  # one result per input, in input order
        self.cpu_seconds += time.process_time() - cpu
        for item in out:
            if isinstance(item, Article):
                item.scratch.clear()  # caches only; not worth shipping back
                item.text = ""  # the driver still has it (stages never change the text)
        return out


@dataclass
class _Job:
    """Some consecutive articles of one input batch, sent as one task."""

    seq: int  # which input batch
    start: int  # offset of ``articles`` in that batch
    articles: list[Article]
    attempt: int = 0  # 0 the batch, 1 its retry, 2 and 3 one article alone (then quarantine)
    slot: int = -1
    ref: Any = None
    running_since: float | None = None  # when it reached the head of its actor's queue
    timed_out: bool = False


@dataclass
class _Pending:
    """An input batch waiting for all its results, so that results are written in input order."""

    results: list[Article | Quarantined | None]
    missing: int


@dataclass
class _Pool:
    """Actor slots; a dead actor is replaced in its slot."""

    ray: Any
    actor_cls: Any
    args: tuple
    actors: list[Any] = field(default_factory=list)
    queues: list[deque] = field(default_factory=list)  # jobs per slot, in submission (= execution) order

    def start(self, n: int) -> None:
        self.actors = [self.actor_cls.remote(*self.args) for _ in range(n)]
        self.queues = [deque() for _ in range(n)]
        infos = self._ready(self.actors)
        from .. import __version__

        stale = {i["version"] for i in infos if i["version"] != __version__}
        if stale:
            raise ConfigError(f"Ray workers run eventwire {', '.join(sorted(stale))}, the driver {__version__}",
                              hint="install the same eventwire version on every node so that results do not "
                                   "depend on the runner")

    def _ready(self, actors: list[Any]) -> list[dict[str, Any]]:
        try:
            return self.ray.get([a.ready.remote() for a in actors], timeout=READY_TIMEOUT_S)
        except self.ray.exceptions.GetTimeoutError:
            raise ModelError(f"Ray workers were not ready after {READY_TIMEOUT_S:.0f} s",
                             hint="the cluster may have fewer free CPUs than --ray-actors; "
                                  "lower --ray-actors or add nodes") from None
        except self.ray.exceptions.RayError as exc:
            raise ModelError(f"a Ray worker could not build the pipeline stages: {_short(exc)}",
                             hint="the spaCy model and eventwire must be installed on every Ray node; "
                                  "see the worker logs") from None

    def replace(self, slot: int) -> None:
        self.ray.kill(self.actors[slot], no_restart=True)
        self.actors[slot] = self.actor_cls.remote(*self.args)
        self.queues[slot] = deque()
        self._ready([self.actors[slot]])

    def least_busy(self) -> int:
        return min(range(len(self.actors)), key=lambda i: len(self.queues[i]))

    def cpu_seconds(self) -> float:
        """CPU the live actors spent on batches (best effort: a dead actor's share is lost)."""
        try:
            return sum(i["cpu_seconds"] for i in self.ray.get([a.ready.remote() for a in self.actors], timeout=30))
        except self.ray.exceptions.RayError:
            return 0.0

    def shutdown(self) -> None:
        for a in self.actors:
            try:
                self.ray.kill(a, no_restart=True)
            except Exception:  # pragma: no cover - already gone
                pass


def run_paths(paths: list[str], settings: Settings, store, fmt: str = "auto",
              field_map: dict[str, str] | None = None, progress: bool = False,
              address: str | None = None, actors: int | None = None) -> RayRunSummary:
    """Like :func:`eventwire.runners.local.run_paths`, with the stages on a Ray cluster."""
    from ..ingest import read_inputs

    import_ray()  # fail before reading anything
    return run_articles(read_inputs(paths, settings, fmt=fmt, field_map=field_map), settings, store,
                        progress=progress, address=address, actors=actors)


def run_articles(items: Iterable[Article | Quarantined], settings: Settings, store, progress: bool = False,
                 address: str | None = None, actors: int | None = None,
                 stage_names: Sequence[str] = RUN_STAGES,
                 stage_factories: Mapping[str, Callable[[Settings], Stage]] | None = None) -> RayRunSummary:
    """Run ingested articles through the stages on Ray actors into ``store``, then re-resolve events.

    ``address``: a Ray cluster (``auto``, ``ray://host:10001``); None = ``RAY_ADDRESS`` or a local Ray.
    ``actors``: pool size; None = one per CPU of the cluster. ``stage_factories`` builds stages that
    are not registered by name (shipped to the workers with the task code).
    """
    ray = import_ray()
    if actors is not None and actors < 1:
        raise ConfigError(f"--ray-actors must be at least 1, got {actors}")
    driver = RunDriver(settings, store, summary=RayRunSummary())
    size = max(1, int(settings.batch_size))
    batches = _batched(driver.to_extract(items), size)
    first = next(batches, None)
    if first is None:  # nothing new: leave the cluster alone
        log.info("ray: nothing to extract")
        return driver.finish()

    started_here = False
    t0 = time.perf_counter()
    if not ray.is_initialized():
        started_here = _init(ray, address, actors)
    try:
        cpus = int(ray.cluster_resources().get("CPU", 1))
        n = actors or max(1, cpus)
        if n > cpus:
            log.warning("ray: %d actors asked for but the cluster has %d CPUs; the extra actors wait for a CPU",
                        n, cpus)
        actor_cls = ray.remote(num_cpus=1, max_restarts=0, max_task_retries=0)(ExtractWorker)
        pool = _Pool(ray, actor_cls, (settings.as_dict(), tuple(stage_names), dict(stage_factories or {})))
        try:
            pool.start(n)
            summary: RayRunSummary = driver.summary  # type: ignore[assignment]
            summary.actors = n
            summary.startup_seconds = time.perf_counter() - t0
            log.info("ray: %d actors ready in %.1f s", n, summary.startup_seconds)
            _Dispatcher(ray, pool, driver, settings, progress).run(chain([first], batches))
            summary.worker_cpu_seconds = pool.cpu_seconds()
        finally:
            pool.shutdown()
    finally:
        if started_here:
            ray.shutdown()
    return driver.finish()


def _init(ray: Any, address: str | None, actors: int | None) -> bool:
    """Connect to ``address`` / ``RAY_ADDRESS``, else start a local Ray; True if we started one."""
    address = address or os.environ.get("RAY_ADDRESS") or None
    if address and address.startswith("ray://") and importlib.util.find_spec("grpc") is None:
        raise ConfigError(f"connecting to {address} needs Ray Client, which is not installed",
                          hint="pip install 'ray[client]', or give the cluster's GCS address (HOST:6379 or auto) "
                               "when running on a cluster node")
    try:
        if address:
            log.info("ray: connecting to %s", address)
            ray.init(address=address)
            return True  # our connection: disconnect at the end (the cluster stays up)
        num_cpus = actors or os.cpu_count() or 1
        log.info("ray: starting a local Ray with %d CPUs", num_cpus)
        ray.init(num_cpus=num_cpus, include_dashboard=False)
    except (ConnectionError, RuntimeError) as exc:
        if address:
            raise ConfigError(f"cannot reach the Ray cluster at {address}: {exc}",
                              hint="check --ray-address (auto, HOST:6379 or ray://HOST:10001) and that the cluster "
                                   "is up") from None
        raise ConfigError(f"could not start a local Ray: {exc}",
                          hint="see the Ray logs under /tmp/ray, or give --ray-address of a running cluster") from None
    return True


def _batched(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while batch := list(islice(items, size)):
        yield batch


class _Dispatcher:
    """Feeds batches to the pool with bounded work in flight and writes results in input order."""

    def __init__(self, ray: Any, pool: _Pool, driver: RunDriver, settings: Settings, progress: bool) -> None:
        self.ray = ray
        self.pool = pool
        self.driver = driver
        self.summary: RayRunSummary = driver.summary  # type: ignore[assignment]
        self.raise_errors = settings.quarantine_policy == "raise"
        self.max_tasks = 2 * len(pool.actors)  # one running + one queued per actor: no actor idles
        self.max_batches = 2 * self.max_tasks  # unwritten batches (reorder window)
        self.tasks: dict[Any, _Job] = {}
        self.waiting: dict[int, _Pending] = {}
        self.next_seq = 0
        self.next_write = 0
        self.written = 0
        self.bar = _progress(progress)
        self.t_start = self.t_log = time.perf_counter()

    def run(self, batches: Iterator[list[Article]]) -> None:
        exhausted = False
        try:
            while True:
                while not exhausted and len(self.tasks) < self.max_tasks and len(self.waiting) < self.max_batches:
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                        break
                    self.waiting[self.next_seq] = _Pending([None] * len(batch), len(batch))
                    self._submit(_Job(self.next_seq, 0, batch))
                    self.next_seq += 1
                if not self.tasks:
                    break
                ready, _ = self.ray.wait(list(self.tasks), num_returns=1, timeout=min(10.0, BATCH_TIMEOUT_S / 2))
                for ref in ready:
                    if ref in self.tasks:  # may have been settled while handling an actor death
                        self._settle(self.tasks[ref])
                self._watchdog()
                self._flush()
                self._log_progress()
        finally:
            if self.bar is not None:
                self.bar.close()
        assert not self.waiting, "every batch is written"  # nothing in flight is ever dropped
        log.info("ray: %d articles extracted in %d batch tasks", self.written, self.summary.batches_sent)

    # ------------------------------------------------------------------ tasks
    def _submit(self, job: _Job) -> None:
        job.slot = self.pool.least_busy()
        # No stage reads the raw HTML: it stays on the driver.
        job.ref = self.pool.actors[job.slot].process.remote([replace(a, raw_html=None) for a in job.articles])
        queue = self.pool.queues[job.slot]
        queue.append(job)
        job.running_since = time.perf_counter() if len(queue) == 1 else None  # else it waits its turn
        self.tasks[job.ref] = job
        self.summary.batches_sent += 1

    def _settle(self, job: _Job) -> None:
        """Collect ``job``'s result, or deal with its failure."""
        try:
            out = self.ray.get(job.ref)
        except self.ray.exceptions.RayActorError as exc:
            self._actor_died(job.slot, exc)
            return
        except self.ray.exceptions.RayError as exc:
            self._forget(job)
            self._failed(job, exc)
            return
        self._forget(job)
        self._done(job, out)

    def _forget(self, job: _Job) -> None:
        self.tasks.pop(job.ref, None)
        queue = self.pool.queues[job.slot]
        try:
            queue.remove(job)
        except ValueError:
            pass
        if queue and queue[0].running_since is None:
            queue[0].running_since = time.perf_counter()  # an actor runs its tasks one after another

    def _watchdog(self) -> None:
        """Kill an actor stuck on one batch: its tasks then fail and take the worker-failure path."""
        now = time.perf_counter()
        for slot, queue in enumerate(self.pool.queues):
            head = queue[0] if queue else None
            if head is None or head.timed_out or head.running_since is None:
                continue
            if now - head.running_since > BATCH_TIMEOUT_S:
                head.timed_out = True
                log.warning("ray: batch %d has run for more than %.0f s; killing its worker", head.seq,
                            BATCH_TIMEOUT_S)
                self.ray.kill(self.pool.actors[slot], no_restart=True)

    def _actor_died(self, slot: int, exc: BaseException) -> None:
        """An actor is gone: the first unfinished task on it is the culprit, the rest were only queued."""
        jobs = list(self.pool.queues[slot])
        log.warning("ray: worker in slot %d died (%s); starting a new one", slot, _short(exc))
        self.pool.replace(slot)  # kills the old actor, so every task still on it resolves now
        culprit_seen = False
        for job in jobs:
            self.tasks.pop(job.ref, None)
            try:
                out = self.ray.get(job.ref)
            except self.ray.exceptions.RayError as err:
                if culprit_seen:
                    self._submit(job)  # only queued behind the culprit: keeps its retry
                else:
                    culprit_seen = True
                    self._failed(job, err)
                continue
            self._done(job, out)  # finished before the actor died

    def _failed(self, job: _Job, exc: BaseException) -> None:
        self.summary.worker_failures += 1
        cause = f"no result after {BATCH_TIMEOUT_S:.0f} s" if job.timed_out else _short(exc)
        if self.raise_errors and isinstance(exc, self.ray.exceptions.RayTaskError):
            raise exc.as_instanceof_cause()
        if job.attempt == 0:
            log.warning("ray: batch %d (%d articles) failed on a worker (%s); retrying once",
                        job.seq, len(job.articles), cause)
            self.summary.retried_batches += 1
            self._submit(_Job(job.seq, job.start, job.articles, attempt=1))
        elif job.attempt == 1 and len(job.articles) > 1:
            log.warning("ray: batch %d failed again (%s); sending its %d articles one by one",
                        job.seq, cause, len(job.articles))
            for i, article in enumerate(job.articles):
                self._submit(_Job(job.seq, job.start + i, [article], attempt=2))
        elif job.attempt == 2:
            # An actor that exits can take with it the replies of tasks it had just finished, so the
            # article charged may be the innocent one before the culprit: one more try before quarantine.
            log.warning("ray: an article of batch %d failed alone (%s); trying it once more", job.seq, cause)
            self._submit(_Job(job.seq, job.start, job.articles, attempt=3))
        else:
            reason = f"worker: the Ray worker failed every time this article was sent ({cause})"
            self._done(job, [_quarantined(a, reason) for a in job.articles])

    def _done(self, job: _Job, out: list[Article | Quarantined]) -> None:
        for sent, item in zip(job.articles, out):
            if isinstance(item, Article):
                item.text, item.raw_html = sent.text, sent.raw_html
        pending = self.waiting[job.seq]
        pending.results[job.start:job.start + len(out)] = out
        pending.missing -= len(out)

    # ------------------------------------------------------------------ output
    def _flush(self) -> None:
        """Write finished batches in input order (the same order of writes as the local runner)."""
        while (pending := self.waiting.get(self.next_write)) is not None and pending.missing == 0:
            del self.waiting[self.next_write]
            for item in pending.results:
                assert item is not None
                self.driver.accept(item)
            self.written += len(pending.results)
            if self.bar is not None:
                self.bar.update(len(pending.results))
            self.next_write += 1

    def _log_progress(self) -> None:
        now = time.perf_counter()
        if now - self.t_log < PROGRESS_EVERY_S:
            return
        self.t_log = now
        rate = self.written / max(1e-9, now - self.t_start)
        log.info("ray: %d articles written, %d tasks in flight, %.1f articles/s",
                 self.written, len(self.tasks), rate)


def _quarantined(article: Article, reason: str) -> Quarantined:
    return Quarantined(origin=article.origin or article.id, reason=reason, stage="worker",
                       article_id=article.id, excerpt=article.text[:200] if isinstance(article.text, str) else None)


def _short(exc: BaseException) -> str:
    """One line of a Ray error (they carry whole remote tracebacks)."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200] if text else ''}"
