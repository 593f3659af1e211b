"""Ingest: turn files, folders, URLs, feeds and stdin into :class:`~eventwire.model.Article` objects.

:func:`read_inputs` is the one entry point. It streams (a corpus is never held
in memory) and never raises for a bad item: each input ends as an Article or
as a :class:`~eventwire.model.Quarantined` record that says why, with
``origin`` set to the path, ``path:line``, URL or ``"stdin"``.

Routing (``fmt="auto"``) is by extension: ``.txt``/``.md`` plain text (see
:mod:`eventwire.ingest.files` for the optional ``Key: value`` header),
``.html``/``.htm`` (trafilatura), ``.jsonl``/``.ndjson`` and ``.csv``/``.tsv``
(one article per line/row, see :mod:`eventwire.ingest.corpora`),
``.xml``/``.rss``/``.atom`` feeds. Folders are walked recursively in sorted
order, skipping hidden entries and files with other extensions. ``-`` reads
stdin: JSON Lines when it starts with ``{``, else one plain-text article.
``http(s)://`` URLs are fetched and routed by content type (feed or page).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import BinaryIO, Iterator

from ..config import Settings
from ..errors import InputError
from ..model import Article, Quarantined
from . import files
from .files import IdRegistry, byte_cap, decode_bytes, looks_binary, quarantined

__all__ = ["read_inputs", "FORMATS"]

log = logging.getLogger(__name__)

FORMATS = ("auto", "txt", "html", "jsonl", "csv", "feed")


def read_inputs(paths: list[str], settings: Settings, fmt: str = "auto",
                field_map: dict[str, str] | None = None) -> Iterator[Article | Quarantined]:
    """Articles (or Quarantined records) from every input in ``paths``, lazily and in order.

    Raises :class:`~eventwire.errors.InputError` up front when a local path
    does not exist or ``fmt`` is unknown; everything that goes wrong later
    becomes a Quarantined record.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}", hint="use one of: " + ", ".join(FORMATS))
    for p in paths:
        if p != "-" and not _is_url(p) and not Path(p).exists():
            raise InputError(f"input {p} does not exist", hint="check the path, or pass a http(s):// URL or '-'")
    return _read_all(list(paths), settings, fmt, dict(field_map or {}))


def _is_url(p: str) -> bool:
    return p.startswith(("http://", "https://"))


def _read_all(paths: list[str], settings: Settings, fmt: str,
              field_map: dict[str, str]) -> Iterator[Article | Quarantined]:
    ids = IdRegistry()
    for p in paths:
        if p == "-":
            yield from _read_stdin(sys.stdin.buffer, settings, fmt, ids, field_map)
        elif _is_url(p):
            yield from _read_url(p, settings, fmt, ids, field_map)
        else:
            path = Path(p)
            if path.is_dir():
                for f in files.walk(path):
                    kind = _kind(f, fmt)
                    if kind is None:
                        log.info("skipping %s: not a known input extension", f)
                        continue
                    yield from _read_file(f, kind, settings, ids, field_map)
            else:
                yield from _read_file(path, _kind(path, fmt) or "txt", settings, ids, field_map)


def _kind(path: Path, fmt: str) -> str | None:
    if fmt != "auto":
        return fmt
    ext = path.suffix.lower()
    for kind, exts in (("txt", files.TEXT_EXTENSIONS), ("html", files.HTML_EXTENSIONS),
                       ("jsonl", files.JSONL_EXTENSIONS), ("csv", files.CSV_EXTENSIONS),
                       ("feed", files.FEED_EXTENSIONS)):
        if ext in exts:
            return kind
    return None


def _read_file(path: Path, kind: str, settings: Settings, ids: IdRegistry,
               field_map: dict[str, str]) -> Iterator[Article | Quarantined]:
    from .corpora import read_csv, read_jsonl

    origin = str(path)
    cap = byte_cap(settings)
    try:
        size = path.stat().st_size
        if size == 0:
            yield quarantined(origin, "empty", "the file is empty")
            return
        if kind in ("jsonl", "csv"):
            with path.open("rb") as fh:
                if kind == "jsonl":
                    yield from read_jsonl(fh, origin, path.stem, ids, cap, field_map)
                else:
                    delim = "\t" if path.suffix.lower() == ".tsv" else None
                    yield from read_csv(fh, origin, path.stem, ids, cap, delimiter=delim, field_map=field_map)
            return
        limit = cap * _feed_factor() if kind == "feed" else cap
        if size > limit:  # decided from the size alone: a 50 MB file is never read
            yield quarantined(origin, "too-large", f"{size} bytes is over the {limit}-byte limit (max_chars * 4)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield quarantined(origin, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    yield from _from_bytes(data, kind, origin, path.stem, settings, ids)


def _feed_factor() -> int:
    from .feeds import FEED_SIZE_FACTOR

    return FEED_SIZE_FACTOR


def _from_bytes(data: bytes, kind: str, origin: str, stem: str, settings: Settings,
                ids: IdRegistry, url: str | None = None, charset: str | None = None) -> Iterator[Article | Quarantined]:
    """A single-document input (text, HTML page or feed) already in memory."""
    if not data.strip():
        yield quarantined(origin, "empty", "the input is empty or only whitespace")
        return
    why = looks_binary(data)
    if why:
        yield quarantined(origin, "binary", f"the input {why}; eventwire reads text, HTML, JSONL, CSV and feeds")
        return
    if kind == "feed":
        from .feeds import read_feed

        yield from read_feed(data, origin, stem, ids, settings)
        return
    if kind == "html":
        from .html import article_from_html, declared_charset

        text, encoding = decode_bytes(data, declared_charset(data) or charset)
        yield article_from_html(text, stem, origin, ids, url=url, encoding=encoding)
        return
    text, encoding = decode_bytes(data, charset)
    yield files.parse_text_article(text, stem, origin, ids, encoding=encoding)


def _read_stdin(stream: BinaryIO, settings: Settings, fmt: str, ids: IdRegistry,
                field_map: dict[str, str]) -> Iterator[Article | Quarantined]:
    from .corpora import read_csv, read_jsonl

    cap = byte_cap(settings)
    head = stream.peek(64)[:64] if hasattr(stream, "peek") else None  # peek is empty only at EOF
    if head == b"":
        yield quarantined("stdin", "empty", "nothing was read from stdin")
        return
    first = (head or b"").lstrip()[:1]
    kind = fmt if fmt != "auto" else ("jsonl" if first == b"{" else "txt")
    if kind == "jsonl":
        yield from read_jsonl(stream, "stdin", "stdin", ids, cap, field_map)
        return
    if kind == "csv":
        yield from read_csv(stream, "stdin", "stdin", ids, cap, field_map=field_map)
        return
    limit = cap * _feed_factor() if kind == "feed" else cap
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield quarantined("stdin", "too-large", f"more than {limit} bytes on stdin (max_chars * 4)")
        return
    yield from _from_bytes(data, kind, "stdin", "stdin", settings, ids)


def _read_url(url: str, settings: Settings, fmt: str, ids: IdRegistry,
              field_map: dict[str, str]) -> Iterator[Article | Quarantined]:
    from .feeds import FEED_SIZE_FACTOR, Fetched, fetch, looks_like_feed

    cap = byte_cap(settings)
    got = fetch(url, settings, cap * FEED_SIZE_FACTOR)
    if not isinstance(got, Fetched):
        yield got
        return
    stem = _url_stem(got.url)
    if fmt != "auto":
        kind = fmt
    elif looks_like_feed(got.content_type, got.body):
        kind = "feed"
    elif "html" in got.content_type or got.body.lstrip()[:1] == b"<":
        kind = "html"
    elif "ndjson" in got.content_type or "jsonl" in got.content_type:
        kind = "jsonl"
    elif "csv" in got.content_type:
        kind = "csv"
    else:
        kind = "txt"
    if kind not in ("feed", "jsonl", "csv") and len(got.body) > cap:
        yield quarantined(url, "too-large", f"{len(got.body)} bytes is over the {cap}-byte limit (max_chars * 4)")
        return
    if kind in ("jsonl", "csv"):
        import io

        from .corpora import read_csv, read_jsonl

        if kind == "jsonl":
            yield from read_jsonl(io.BytesIO(got.body), url, stem, ids, cap, field_map)
        else:
            yield from read_csv(io.BytesIO(got.body), url, stem, ids, cap, field_map=field_map)
        return
    yield from _from_bytes(got.body, kind, url, stem, settings, ids, url=got.url, charset=got.charset)


def _url_stem(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    last = [s for s in parts.path.split("/") if s]
    name = last[-1] if last else parts.netloc
    return name.rsplit(".", 1)[0] or parts.netloc
