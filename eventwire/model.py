"""The document model that flows through every stage.

One :class:`Article` enters the pipeline; stages read it and add to it. Every
extracted value keeps the character span it came from, as Python ``str``
offsets into ``Article.text`` exactly as ingested (never into a cleaned copy),
so ``article.text[m.start:m.end] == m.text`` always holds.

Cross-article results (:class:`Event`, :class:`Storyline`) are built by the
resolve stage from the :class:`EventReport` objects of many articles.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Span",
    "Removed",
    "Mention",
    "Place",
    "TimeValue",
    "Actor",
    "Weapon",
    "Count",
    "Attribution",
    "Location",
    "EventDate",
    "EventReport",
    "Claim",
    "Article",
    "Event",
    "Discrepancy",
    "Storyline",
    "Quarantined",
    "content_hash",
]


@dataclass(slots=True)
class Span:
    """A character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int


@dataclass(slots=True)
class Removed:
    """A stretch of the original text that the clean stage set aside (caption, notice, ...)."""

    start: int
    end: int
    reason: str  # e.g. "caption", "credit", "legal-notice", "related-link", "share-prompt"
    text: str = ""


@dataclass(slots=True)
class Mention:
    """An entity mention with one of the contract labels (PERSON ... MONEY)."""

    start: int
    end: int
    text: str
    label: str
    subtype: str | None = None
    origin: str = "ner"  # "ner" (statistical model) or "pattern" (domain rules)


@dataclass(slots=True)
class Place:
    """A toponym in the text, resolved (or not) to a GeoNames entry."""

    start: int
    end: int
    text: str
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    feature_code: str | None = None
    population: int | None = None
    score: float | None = None  # resolver confidence in [0, 1]
    role: str = "place"  # "place" or "metonym" (e.g. "Washington said")


@dataclass(slots=True)
class TimeValue:
    """A TIMEX3 expression normalised against the publication date."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # TIMEX3 value, e.g. 2023-10-26, 2023-W45, P2W, PAST_REF; None if unresolved
    mod: str | None = None  # TIMEX3 mod: APPROX, LESS_THAN, MORE_THAN, START, END, ...
    anchored: bool = False  # resolved relative to published_at
    interval_start: str | None = None  # for "since X" / "between X and Y"
    interval_end: str | None = None


@dataclass(slots=True)
class Actor:
    name: str
    canonical: str | None = None
    kind: str | None = None  # ACLED inter: state, rebel, political_militia, identity_militia, rioters, protesters, civilians, external
    country: str | None = None
    sponsor: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Weapon:
    name: str
    category: str  # WEAPON | MILITARY_PLATFORM
    count: int | None = None
    subtype: str | None = None  # e.g. "fighter aircraft", "drone", "rocket"
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Count:
    """A casualty figure. ``value`` is ACLED's conservative number; low/high bound it."""

    value: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: str | None = None  # "at least", "about", "up to", ...
    side: str | None = None  # whose dead: civilians, militants, soldiers, ...
    text: str | None = None
    start: int | None = None
    end: int | None = None
    note: str | None = None  # e.g. "died of a heart attack while sheltering; not counted"


@dataclass(slots=True)
class Attribution:
    source: str
    kind: str  # official, military, government, media, witness, group, ngo, anonymous, outlet
    start: int | None = None
    end: int | None = None
    stance: str | None = None  # "denies" (the source disputes the event) or "claims" (owns it); None: tells it


@dataclass(slots=True)
class Location:
    name: str | None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    geo_precision: int | None = None  # ACLED: 1 place itself, 2 near/part of, 3 region only
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class EventDate:
    value: str | None  # ISO date or TIMEX3 partial (2023-11, 2023-W45)
    precision: str | None = None  # "day" | "week" | "month" | "year"
    time_precision: int | None = None  # ACLED: 1 day, 2 week, 3 month
    from_publication_date: bool = False  # nothing in the text anchored it
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class EventReport:
    """One event as one article reports it."""

    id: str
    article_id: str
    event_type: str
    sub_event_type: str
    plover: dict[str, str | None] = field(default_factory=dict)  # {"category": ..., "mode": ...}
    actor1: Actor | None = None
    actor2: Actor | None = None
    target: str | None = None
    location: Location | None = None
    date: EventDate | None = None
    weapons: list[Weapon] = field(default_factory=list)
    fatalities: Count = field(default_factory=Count)
    injuries: Count = field(default_factory=Count)
    modality: str = "asserted"
    background: bool = False
    attribution: list[Attribution] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    trigger: Span | None = None
    confidence: float = 0.5
    field_evidence: dict[str, list[Span]] = field(default_factory=dict)  # per-field spans, e.g. "fatalities"


@dataclass(slots=True)
class Claim:
    """An aggregate statement (running tally); never turned into single events."""

    kind: str  # "tally"
    count: int | None
    qualifier: str | None = None
    event: str | None = None
    target: str | None = None
    region: str | None = None
    period: dict[str, str | None] = field(default_factory=dict)
    as_of: str | None = None
    source: str | None = None
    evidence: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """One input document and everything the stages learn about it."""

    id: str
    text: str
    published_at: str | None = None  # ISO date (YYYY-MM-DD) or timestamp, as given
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # where it came from: file path, "stdin", URL, "file.jsonl:17"
    raw_html: str | None = None
    lang: str | None = None
    hash: str | None = None
    duplicate_of: str | None = None  # exact copy of an earlier article
    near_duplicate_of: str | None = None  # syndicated / lightly rewritten copy
    similarity: float | None = None
    removed: list[Removed] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeValue] = field(default_factory=list)
    events: list[EventReport] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    # Per-run scratch space for stages (the spaCy Doc lives here). Never serialised.
    scratch: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.hash is None:
            self.hash = content_hash(self.text)

    @property
    def clean_text(self) -> str:
        """The text with removed stretches blanked out (same length, so offsets are unchanged)."""
        cached = self.scratch.get("clean_text")
        if cached is not None and self.scratch.get("clean_for") == len(self.removed):
            return cached
        chars = list(self.text)
        for r in self.removed:
            for i in range(r.start, r.end):
                if chars[i] != "\n":
                    chars[i] = " "
        out = "".join(chars)
        self.scratch["clean_text"] = out
        self.scratch["clean_for"] = len(self.removed)
        return out

    def is_removed(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a removed stretch."""
        return any(r.start < end and start < r.end for r in self.removed)


@dataclass(slots=True)
class Discrepancy:
    """One field on which the reports of an event disagree."""

    field: str
    values: list[dict[str, Any]]  # [{"article_id", "source", "value"}]
    canonical: Any
    rule: str  # why the canonical value was chosen


@dataclass(slots=True)
class Event:
    """One real-world event, resolved from one or more reports."""

    id: str
    report: EventReport  # canonical field values (a merged copy)
    reports: list[tuple[EventReport, Article]] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    merge_reasons: list[dict[str, Any]] = field(default_factory=list)
    storyline_id: str | None = None


@dataclass(slots=True)
class Storyline:
    id: str
    title: str
    event_ids: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Quarantined:
    """An input that could not be processed, and why. Nothing is silently lost."""

    origin: str
    reason: str
    stage: str
    article_id: str | None = None
    excerpt: str | None = None


def content_hash(text: str) -> str:
    """Stable hash of whitespace-normalised text: identical copies share it."""
    norm = " ".join(text.split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


def to_plain(obj: Any) -> Any:
    """Dataclasses to plain dicts/lists (for JSON), dropping ``scratch``."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            f.name: to_plain(getattr(obj, f.name))
            for f in dataclasses.fields(obj)
            if f.name != "scratch"
        }
    if isinstance(obj, (list, tuple)):
        return [to_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    return obj
