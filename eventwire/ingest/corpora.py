"""Corpus files: JSON Lines and CSV/TSV, one article per line or row, read lazily.

Fields are ``id, text, published_at, title, source, url``; ``field_map`` maps
our names to the file's (``{"text": "body", "published_at": "date"}``). A
malformed line or row becomes ``Quarantined(origin="file.jsonl:17", ...)`` and
reading goes on. A record without an id gets ``<file stem>-<line>``.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from typing import Any, BinaryIO, Iterator

from ..model import Article, Quarantined
from .files import IdRegistry, decode_bytes, looks_binary, normalise_date, quarantined

__all__ = ["FIELDS", "read_jsonl", "read_csv", "record_to_article"]

log = logging.getLogger(__name__)

FIELDS = ("id", "text", "published_at", "title", "source", "url")


def record_to_article(rec: Any, stem: str, lineno: int, origin: str, ids: IdRegistry,
                      field_map: dict[str, str] | None = None) -> Article | Quarantined:
    """One JSON object or CSV row (a dict) to an Article, or a Quarantined saying what is wrong."""
    if not isinstance(rec, dict):
        return quarantined(origin, "malformed", f"expected a JSON object, got {type(rec).__name__}")
    fmap = field_map or {}

    def get(name: str) -> Any:
        # The mapped column first; our own name when a file lacks it (one map serves a mixed folder).
        value = rec.get(fmap.get(name, name))
        return rec.get(name) if value is None else value

    text = get("text")
    raw_id = get("id")
    doc_id = str(raw_id).strip() if raw_id not in (None, "") else f"{stem}-{lineno}"
    if not isinstance(text, str):
        col = fmap.get("text", "text")
        return quarantined(origin, "malformed", f"no text in field {col!r} (map it with --field text=COLUMN)",
                           article_id=doc_id)
    meta: dict[str, Any] = {}
    raw_date = get("published_at")
    published = normalise_date(raw_date)
    if raw_date not in (None, "") and published is None:
        meta["published_at_raw"] = str(raw_date)
    # Keep unknown columns: a downstream user may want them, and they cost little.
    known = {fmap.get(f, f) for f in FIELDS} | set(FIELDS)
    extra = {k: v for k, v in rec.items() if k not in known and k is not None and v not in (None, "")}
    if extra:
        meta["fields"] = extra
    return Article(
        id=ids.claim(doc_id, meta), text=text, published_at=published,
        title=_opt(get("title")), source=_opt(get("source")), url=_opt(get("url")), origin=origin, meta=meta,
    )


def _opt(v: Any) -> str | None:
    return None if v in (None, "") else str(v)


def _lines(fh: BinaryIO, cap: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; ``None`` for a line longer than ``cap`` (skipped unread)."""
    lineno = 0
    while True:
        line = fh.readline(cap + 1)
        if not line:
            return
        lineno += 1
        if len(line) > cap and not line.endswith(b"\n"):
            while True:  # drain the rest of the over-long line in chunks
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, line


def read_jsonl(fh: BinaryIO, name: str, stem: str, ids: IdRegistry, cap: int,
               field_map: dict[str, str] | None = None) -> Iterator[Article | Quarantined]:
    """Articles from a JSON Lines stream; bad lines are quarantined one by one."""
    for lineno, raw in _lines(fh, cap):
        origin = f"{name}:{lineno}"
        if raw is None:
            yield quarantined(origin, "too-large", f"line is longer than {cap} bytes (max_chars * 4)")
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
            encoding = None
        except UnicodeDecodeError:
            line, encoding = decode_bytes(raw)
        try:
            rec = json.loads(line)
        except ValueError as exc:
            yield quarantined(origin, "malformed", f"not valid JSON: {exc}", excerpt=line)
            continue
        item = record_to_article(rec, stem, lineno, origin, ids, field_map)
        if encoding and isinstance(item, Article):
            item.meta["encoding"] = encoding
        yield item


def read_csv(fh: BinaryIO, name: str, stem: str, ids: IdRegistry, cap: int, *, delimiter: str | None = None,
             field_map: dict[str, str] | None = None) -> Iterator[Article | Quarantined]:
    """Articles from a CSV/TSV stream with a header row; bad rows are quarantined one by one."""
    head = fh.read(65536)
    why = looks_binary(head)
    if why:
        yield quarantined(name, "binary", f"the file {why}")
        return
    try:
        head.decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is not an error.
        encoding = "utf-8-sig" if exc.start >= len(head) - 3 else decode_bytes(head)[1]
    stream = io.TextIOWrapper(_Rewound(head, fh), encoding=encoding, errors="replace", newline="")
    if delimiter is None:
        # Judge by the header row only: article text is full of commas and semicolons.
        first_line = head.split(b"\n", 1)[0].decode(encoding, errors="replace")
        delimiter = max(",;\t|", key=first_line.count) if any(d in first_line for d in ",;\t|") else ","
    # Process-wide, so only ever raised: a too-long field then fails its row, not the file.
    csv.field_size_limit(max(cap, csv.field_size_limit()))
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield quarantined(name, "empty", "the CSV file has no header row")
        return
    except csv.Error as exc:
        yield quarantined(name, "malformed", f"unreadable CSV header: {exc}")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    lineno = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            lineno = reader.line_num
            yield quarantined(f"{name}:{lineno}", "malformed", f"unreadable CSV row: {exc}")
            continue
        start_line = lineno + 1
        lineno = reader.line_num
        origin = f"{name}:{start_line}"
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            yield quarantined(origin, "malformed",
                              f"row has {len(row)} fields, the header has {len(header)}", excerpt=delimiter.join(row))
            continue
        item = record_to_article(dict(zip(header, row)), stem, start_line, origin, ids, field_map)
        if isinstance(item, Article) and encoding != "utf-8-sig":
            item.meta["encoding"] = encoding
        yield item


class _Rewound(io.RawIOBase):
    """A binary stream that replays already-read bytes, then continues with the underlying stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        if self._head:
            n = min(len(buf), len(self._head))
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buf))
        n = len(data)
        buf[:n] = data
        return n
