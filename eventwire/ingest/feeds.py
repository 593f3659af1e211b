"""RSS/Atom feeds and URLs.

A feed yields one article per entry. The entry's full content is used when
the feed carries it, else its summary; the linked page is fetched only when
the ``feed_fetch_links`` setting is on (and its summary is the fallback when
that fetch fails). A URL is fetched once with httpx (``fetch_timeout``,
redirects followed, body capped) and routed by content type: feeds to
:func:`read_feed`, HTML pages to trafilatura, plain text to the text reader.
Network failures become :class:`~eventwire.model.Quarantined` records.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..config import Settings
from ..model import Article, Quarantined
from .files import IdRegistry, byte_cap, decode_bytes, normalise_date, quarantined
from .html import article_from_html, declared_charset, html_fragment_to_text

__all__ = ["Fetched", "fetch", "looks_like_feed", "read_feed", "FEED_SIZE_FACTOR"]

log = logging.getLogger(__name__)

# A feed holds many entries, so it may be this many times larger than one article.
FEED_SIZE_FACTOR = 10
USER_AGENT = "eventwire (+https://github.com/eventwire/eventwire)"
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*\"?([\w.:\-]+)", re.IGNORECASE)
_HTML_MARK = re.compile(r"<\s*(?:p|br|div|a|b|i|em|strong|span|ul|li|img)\b", re.IGNORECASE)


@dataclass
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes
    charset: str | None = None  # from the Content-Type header


def fetch(url: str, settings: Settings, cap: int) -> Fetched | Quarantined:
    """GET ``url`` (redirects followed, at most ``cap`` bytes), or a Quarantined saying what failed."""
    import httpx

    try:
        with httpx.Client(follow_redirects=True, timeout=float(settings.fetch_timeout),
                          headers={"User-Agent": USER_AGENT}) as client:
            with client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    return quarantined(url, "fetch-failed", f"HTTP {resp.status_code}")
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > cap:
                    return quarantined(url, "too-large", f"{declared} bytes is over the {cap}-byte limit")
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        return quarantined(url, "too-large", f"body is over the {cap}-byte limit")
                    chunks.append(chunk)
                header = resp.headers.get("content-type", "")
                ctype = header.split(";")[0].strip().lower()
                m = _HEADER_CHARSET.search(header)
                return Fetched(url=str(resp.url), content_type=ctype, body=b"".join(chunks),
                               charset=m.group(1).lower() if m else None)
    except httpx.HTTPError as exc:
        return quarantined(url, "fetch-failed", f"{type(exc).__name__}: {exc}")


def looks_like_feed(content_type: str, body: bytes) -> bool:
    """RSS/Atom by content type, or XML whose root element is a feed."""
    if any(k in content_type for k in ("rss", "atom", "rdf")):
        return True
    if "html" in content_type:
        return False
    return bool(_FEED_ROOT.search(body[:2048]))


def _entry_text(entry: Any) -> str:
    """The richest text the entry carries: full content, else summary (HTML turned into text)."""
    best = ""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if len(value) > len(best):
            best = value
    if not best:
        best = entry.get("summary") or entry.get("description") or ""
    if _HTML_MARK.search(best) or "&" in best:
        return html_fragment_to_text(best)
    return best.strip()


def read_feed(data: bytes, origin: str, stem: str, ids: IdRegistry, settings: Settings) -> Iterator[Article | Quarantined]:
    """One article per feed entry; a feed that cannot be parsed at all is one Quarantined."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            why = parsed.get("bozo_exception")
            yield quarantined(origin, "malformed", f"not a readable RSS/Atom feed: {why}")
        else:  # nothing is silently lost: say that this input gave no article
            yield quarantined(origin, "empty", "no RSS/Atom entries found (not a feed, or an empty one)")
        return
    feed_title = (parsed.get("feed") or {}).get("title") or None
    cap = byte_cap(settings)
    for i, entry in enumerate(entries, start=1):
        where = f"{origin}:{i}"
        link = entry.get("link") or None
        wanted_id = entry.get("id") or link or f"{stem}-{i}"
        if settings.feed_fetch_links and link:
            got = fetch(link, settings, cap)
            if isinstance(got, Fetched) and "html" in got.content_type:
                html, enc = decode_bytes(got.body, declared_charset(got.body) or got.charset)
                art = article_from_html(html, wanted_id, link, ids, url=got.url, encoding=enc)
                if isinstance(art, Article):
                    art.source = art.source or feed_title
                    art.title = art.title or _clean_title(entry.get("title"))
                    _set_date(art, entry)
                    art.meta["feed"] = origin
                    yield art
                    continue
            log.info("could not fetch %s; using the feed entry's own text", link)
        text = _entry_text(entry)
        if not text.strip():
            yield quarantined(where, "empty", "feed entry has no content or summary", article_id=str(wanted_id))
            continue
        meta: dict[str, Any] = {"feed": origin}
        art = Article(id=ids.claim(str(wanted_id), meta), text=text, title=_clean_title(entry.get("title")),
                      source=feed_title, url=link, origin=where, meta=meta)
        _set_date(art, entry)
        yield art


def _clean_title(title: Any) -> str | None:
    if not title:
        return None
    return html_fragment_to_text(str(title)) or None


def _set_date(art: Article, entry: Any) -> None:
    raw = entry.get("published") or entry.get("updated") or entry.get("created")
    if not raw:
        return
    published = normalise_date(raw)
    if published is None:
        art.meta["published_at_raw"] = raw
    art.published_at = published
