"""HTML pages to articles with trafilatura (main text + metadata).

The text trafilatura returns *is* ``article.text`` (every offset indexes it);
the page itself is kept on ``article.raw_html``. Paragraphs stay separated by
newlines, comments and navigation are left out. A page with no main text, or
one lxml cannot parse at all, becomes a :class:`~eventwire.model.Quarantined`
with a reason, never an exception.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from ..model import Article, Quarantined
from .files import IdRegistry, normalise_date, quarantined

__all__ = ["article_from_html", "html_fragment_to_text", "declared_charset"]

log = logging.getLogger(__name__)

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:\-]{2,40})""", re.IGNORECASE)
_SCRIPT = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")
_BLOCK_END = re.compile(r"(?i)<\s*(?:br\s*/?|/p|/div|/li|/h[1-6]|/tr|/blockquote)\s*>")
_TAG = re.compile(r"(?s)<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n+")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first 4 KB, if any."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (a feed summary): block ends become newlines, tags go."""
    import html as _html

    text = _BLOCK_END.sub("\n", _SCRIPT.sub(" ", fragment))
    text = _html.unescape(_TAG.sub("", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def article_from_html(html: str, default_id: str, origin: str, ids: IdRegistry, *, url: str | None = None,
                      encoding: str | None = None) -> Article | Quarantined:
    """Extract the main text and metadata of one HTML page."""
    import trafilatura

    doc = None
    # Default settings first; a short page that yields nothing gets a second, recall-oriented try.
    for favor_recall in (False, True):
        try:
            doc = trafilatura.bare_extraction(
                html, url=url, include_comments=False, include_tables=True, include_images=False,
                include_links=False, with_metadata=True, favor_recall=favor_recall,
            )
        except Exception as exc:  # trafilatura/lxml raise many types on broken markup; none may stop the run
            log.debug("trafilatura failed on %s", origin, exc_info=True)
            return quarantined(origin, "unparsable-html", f"{type(exc).__name__}: {exc}", excerpt=html[:200])
        if doc is not None and (getattr(doc, "text", None) or "").strip():
            break
    if doc is None:
        return quarantined(origin, "no-text", "no main text found in the HTML page", excerpt=html[:200])
    data: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if not text.strip():
        return quarantined(origin, "no-text", "no main text found in the HTML page", excerpt=html[:200])
    meta: dict[str, Any] = {}
    if encoding:
        meta["encoding"] = encoding
    raw_date = data.get("date")
    published = normalise_date(raw_date)
    # htmldate may fall back to a date near "now"; only keep a date the page itself shows.
    if published and published[:10] == date.today().isoformat() and published[:4] not in html:
        published = None
    if raw_date and published is None:
        meta["published_at_raw"] = raw_date
    for key in ("author", "hostname", "description", "categories", "tags"):
        if data.get(key):
            meta[key] = data[key]
    doc_id = ids.claim(default_id, meta)
    return Article(
        id=doc_id, text=text, published_at=published, title=data.get("title") or None,
        source=data.get("sitename") or data.get("hostname") or None, url=data.get("url") or url,
        origin=origin, raw_html=html, meta=meta,
    )
