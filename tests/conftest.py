"""Shared fixtures: hand-built documents, the dev data (skipped when absent), settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.model import Article
from tests.pgcluster import pg_cluster, pg_url  # noqa: F401 - fixtures: a throw-away PostgreSQL for store tests

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("EVENTWIRE_SHARED_DATA", REPO.parent / "shared" / "data"))
EXAMPLES = REPO / "examples"


@pytest.fixture
def settings() -> Settings:
    # Tests want failures to surface, not to be quarantined away.
    return Settings({"quarantine_policy": "raise"})


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


def make_article(text: str, published_at: str | None = "2023-11-09", **kw) -> Article:
    """A hand-built article; ``kw`` sets any other Article field."""
    return Article(id=kw.pop("id", "t1"), text=text, published_at=published_at, **kw)


def events_runner(published_at: str):
    """A function giving annotate's events for one text, dated ``published_at`` unless a call says otherwise
    (the ``run`` fixture of the events tests)."""
    settings = Settings({"quarantine_policy": "raise"})

    def run(text: str, published_at: str = published_at) -> list[dict]:
        from eventwire.annotate import annotate

        return annotate([{"id": "t", "text": text, "published_at": published_at}], settings)[0]["events"]

    return run


@pytest.fixture
def article_factory():
    return make_article
