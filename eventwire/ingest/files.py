"""Reading files: bytes to text, plain-text articles, dates, ids, folders.

Plain-text articles (``.txt``, ``.md``, stdin) may start with a small header::

    Title: US strikes weapons depot in eastern Syria
    Source: Example Wire
    Published: 2023-11-09
    URL: https://example.org/strike
    ID: strike-1

    BEIRUT, Nov 9 - US F-15 jets struck ...

Header lines are ``Key: value`` with keys (case-insensitive) ``Title``,
``Source``, ``Published`` (also ``Date``, ``Published-At``, ``Published_At``),
``URL`` and ``ID``; the header ends at the first blank line. The lines are a
header only when the *first* line starts with one of those keys; otherwise the
whole file is the article. The article text is the body after the blank line,
and all offsets index that body. The id is the ``ID`` header, else the file
name without extension; ids are made unique across one run by suffixing
``-2``, ``-3``, ... (the original is kept in ``meta["original_id"]``).

Decoding: UTF-8 (a BOM is dropped) first; otherwise ``charset_normalizer``
guesses, with cp1252 as the last resort; ``meta["encoding"]`` records what was
used. A file with NUL bytes or mostly control characters is quarantined as
``binary``; an empty one as ``empty``; one larger than
``settings.max_chars * 4`` bytes as ``too-large`` without being read.
"""

from __future__ import annotations

import logging
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from ..config import Settings
from ..model import Article, Quarantined

__all__ = [
    "TEXT_EXTENSIONS",
    "HTML_EXTENSIONS",
    "JSONL_EXTENSIONS",
    "CSV_EXTENSIONS",
    "FEED_EXTENSIONS",
    "IdRegistry",
    "decode_bytes",
    "looks_binary",
    "normalise_date",
    "byte_cap",
    "walk",
    "parse_text_article",
    "quarantined",
]

log = logging.getLogger(__name__)

TEXT_EXTENSIONS = frozenset({".txt", ".md", ".text"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
CSV_EXTENSIONS = frozenset({".csv", ".tsv"})
FEED_EXTENSIONS = frozenset({".xml", ".rss", ".atom"})
KNOWN_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | JSONL_EXTENSIONS | CSV_EXTENSIONS | FEED_EXTENSIONS

_HEADER_KEYS = {
    "title": "title",
    "source": "source",
    "published": "published_at",
    "date": "published_at",
    "published-at": "published_at",
    "published_at": "published_at",
    "url": "url",
    "id": "id",
}
_HEADER_LINE = re.compile(r"^([A-Za-z_\-]+)[ \t]*:[ \t]*(.*?)[ \t]*$")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]")


def quarantined(origin: str, reason: str, message: str, article_id: str | None = None,
                excerpt: str | None = None) -> Quarantined:
    """A Quarantined record from the ingest step; ``reason`` is a short code, the message says why."""
    log.info("quarantined %s: %s: %s", origin, reason, message)
    return Quarantined(origin=origin, reason=f"{reason}: {message}", stage="ingest", article_id=article_id,
                       excerpt=excerpt[:200] if excerpt else None)


def byte_cap(settings: Settings) -> int:
    """Largest single-article input read, in bytes (a UTF-8 character takes at most 4)."""
    return int(settings.max_chars) * 4


class IdRegistry:
    """Hands out ids unique within one run: a repeated id gets ``-2``, ``-3``, ... appended."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def claim(self, wanted: str, meta: dict[str, Any] | None = None) -> str:
        doc_id = wanted
        n = 1
        while doc_id in self._seen:
            n += 1
            doc_id = f"{wanted}-{n}"
        self._seen.add(doc_id)
        if doc_id != wanted and meta is not None:
            meta["original_id"] = wanted
        return doc_id


# ----------------------------------------------------------------------------- bytes -> text
def looks_binary(data: bytes) -> str | None:
    """Why ``data`` is not text, or None. Looks at the first 8 KB only."""
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a BOM has NULs by design
    if b"\x00" in sample:
        return "contains NUL bytes"
    if sample and len(_CONTROL_BYTES.findall(sample)) / len(sample) > 0.10:
        return "mostly control characters"
    return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and say how: UTF-8 first, then the ``declared`` charset (an HTML meta tag or
    HTTP header), then a detected one, then cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), declared.lower()
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            enc = best.encoding
            return data.decode(enc, errors="replace"), enc
    except (ImportError, LookupError):  # pragma: no cover - charset_normalizer is a dependency of our deps
        pass
    return data.decode("cp1252", errors="replace"), "cp1252"


# ----------------------------------------------------------------------------- dates
_DEFAULT_A = datetime(1904, 2, 3, 1, 1, 1)
_DEFAULT_B = datetime(1908, 5, 7, 2, 2, 2)


def normalise_date(raw: Any) -> str | None:
    """ISO ``YYYY-MM-DD`` (or a full timestamp when a time is given), or None when unsure.

    dateutil fills missing parts from a default; parsing twice with two
    different defaults shows which parts were really in ``raw``, so a date
    without a year or day is refused instead of being completed with today.
    Labels such as "Updated:" and unknown zone names ("IST") are tolerated.
    """
    if raw is None:
        return None
    s = _DATE_LABEL.sub("", str(raw).strip())
    if not s or len(s) > 80:
        return None
    parsed = _parse_twice(s, fuzzy=False) or _parse_twice(s, fuzzy=True)
    if parsed is None:
        return None
    a, b = parsed
    if (a.year, a.month, a.day) != (b.year, b.month, b.day) or not 1800 <= a.year <= 2200:
        return None
    if (a.hour, a.minute) != (b.hour, b.minute):  # no time given
        return a.date().isoformat()
    if a.second != b.second:
        a = a.replace(second=0)
    return a.isoformat()


_DATE_LABEL = re.compile(r"^(?:(?:last |first )?(?:updated|published|posted|modified|date)(?: on| at)?\s*:?\s*)",
                         re.IGNORECASE)


def _parse_twice(s: str, fuzzy: bool) -> tuple[datetime, datetime] | None:
    import warnings

    from dateutil import parser

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # UnknownTimezoneWarning: the zone is dropped, the date kept
            return (parser.parse(s, default=_DEFAULT_A, fuzzy=fuzzy),
                    parser.parse(s, default=_DEFAULT_B, fuzzy=fuzzy))
    except (ValueError, OverflowError, TypeError):
        return None


# ----------------------------------------------------------------------------- folders
# A corpus folder's own documentation is not news; named explicitly, such a file is still read.
_FOLDER_DOCS = re.compile(r"^(readme|license|licence|changelog|notice|copying)(\.[a-z]+)?$", re.I)


def walk(root: Path) -> Iterator[Path]:
    """Files under ``root``, recursively, in sorted order, skipping hidden files and folders and
    the folder's own README/LICENSE/NOTICE files."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and not _FOLDER_DOCS.match(name):
                yield Path(dirpath) / name


# ----------------------------------------------------------------------------- plain text
def parse_text_article(text: str, default_id: str, origin: str, ids: IdRegistry,
                       encoding: str | None = None) -> Article:
    """A plain-text article, honouring the optional ``Key: value`` header (see the module docstring)."""
    fields: dict[str, str] = {}
    body = text
    first = text.split("\n", 1)[0].lstrip("\ufeff")
    m = _HEADER_LINE.match(first.rstrip("\r"))
    if m and m.group(1).lower() in _HEADER_KEYS:
        pos = 0
        header_done = False
        for line in text.splitlines(keepends=True):
            stripped = line.strip()
            pos += len(line)
            if not stripped:
                header_done = True
                break
            hm = _HEADER_LINE.match(stripped.lstrip("\ufeff"))
            if hm and hm.group(1).lower() in _HEADER_KEYS:
                fields[_HEADER_KEYS[hm.group(1).lower()]] = hm.group(2)
            else:  # a line that is not a header line ends the header: it is the body's first line
                pos -= len(line)
                header_done = True
                break
        body = text[pos:] if header_done else ""
    meta: dict[str, Any] = {}
    if encoding:
        meta["encoding"] = encoding
    raw_date = fields.get("published_at")
    published = normalise_date(raw_date)
    if raw_date and published is None:
        meta["published_at_raw"] = raw_date
    doc_id = ids.claim(fields.get("id") or default_id, meta)
    return Article(id=doc_id, text=body, published_at=published, title=fields.get("title") or None,
                   source=fields.get("source") or None, url=fields.get("url") or None, origin=origin, meta=meta)
