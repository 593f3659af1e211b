"""JSON Lines and CSV corpora: one article per record, bad records quarantined one by one."""

from __future__ import annotations

from pathlib import Path

from eventwire.config import Settings
from eventwire.ingest import read_inputs
from eventwire.model import Article, Quarantined

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def _read(paths, settings=None, **kw):
    return list(read_inputs([str(p) for p in paths], settings or Settings(), **kw))


def test_jsonl_malformed_lines_are_quarantined_and_reading_goes_on() -> None:
    out = _read([FIXTURES / "corpus.jsonl"])
    kinds = [type(o).__name__ for o in out]
    assert kinds == ["Article", "Quarantined", "Article", "Quarantined"]
    first, bad, noid, notobj = out
    assert first.id == "c1" and first.published_at == "2023-03-06" and first.origin.endswith("corpus.jsonl:1")
    assert bad.origin.endswith("corpus.jsonl:2") and bad.reason.startswith("malformed:")
    assert noid.id == "corpus-3" and noid.published_at == "2023-03-07"
    assert notobj.origin.endswith("corpus.jsonl:4")


def test_csv_with_field_map_and_a_bad_row() -> None:
    fmap = {"id": "story_id", "text": "body", "published_at": "date", "source": "outlet"}
    out = _read([FIXTURES / "corpus.csv"], field_map=fmap)
    assert [type(o).__name__ for o in out] == ["Article", "Quarantined", "Article"]
    a, bad, c = out
    assert (a.id, a.text, a.published_at, a.source) == (
        "s1", "Rebels shelled the airport on Tuesday, officials said.", "2023-05-02", "Example Wire")
    assert bad.origin.endswith("corpus.csv:3") and "fields" in bad.reason
    assert c.published_at == "2023-03-05"  # dateutil reads 03/05/2023 month-first
    assert c.origin.endswith("corpus.csv:4")


def test_jsonl_field_map_and_missing_text(tmp_path: Path) -> None:
    p = tmp_path / "feed.ndjson"
    p.write_text('{"body": "Clashes erupted near the border.", "date": "2023-01-05", "extra": 1}\n'
                 '{"headline": "no body here"}\n')
    a, q = _read([p], field_map={"text": "body", "published_at": "date"})
    assert a.text == "Clashes erupted near the border." and a.published_at == "2023-01-05"
    assert a.id == "feed-1" and a.meta["fields"] == {"extra": 1}
    assert isinstance(q, Quarantined) and "'body'" in q.reason


def test_tsv_and_invalid_utf8_line(tmp_path: Path) -> None:
    t = tmp_path / "c.tsv"
    t.write_text("id\ttext\nt1\tA bomb exploded at the market.\n")
    (a,) = _read([t])
    assert a.id == "t1" and a.text == "A bomb exploded at the market."
    j = tmp_path / "latin.jsonl"
    j.write_bytes('{"id": "l1", "text": "Caf\u00e9 attack"}\n'.encode("cp1252"))
    (b,) = _read([j])
    assert isinstance(b, Article) and b.text == "Café attack" and "encoding" in b.meta


def test_overlong_jsonl_line_is_skipped_without_stopping(tmp_path: Path) -> None:
    s = Settings({"max_chars": 100})
    p = tmp_path / "big.jsonl"
    p.write_text('{"id": "big", "text": "' + "x" * 5000 + '"}\n{"id": "ok", "text": "fine"}\n')
    q, ok = _read([p], settings=s)
    assert isinstance(q, Quarantined) and q.reason.startswith("too-large")
    assert ok.id == "ok"


def test_duplicate_ids_across_files_are_made_unique(tmp_path: Path) -> None:
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text('{"id": "same", "text": "Police dispersed the crowd."}\n')
    out = _read([tmp_path])
    assert [o.id for o in out] == ["same", "same-2"]


def test_csv_delimiter_from_header_and_cp1252(tmp_path: Path) -> None:
    p = tmp_path / "semi.csv"
    p.write_bytes("id;text\nx1;Caf\u00e9 owners said: one, two, three shots.\n".encode("cp1252"))
    (a,) = _read([p])
    assert a.id == "x1" and a.text == "Café owners said: one, two, three shots."
    assert a.meta["encoding"] != "utf-8"


def test_field_map_falls_back_to_our_names(tmp_path: Path) -> None:
    p = tmp_path / "ours.jsonl"
    p.write_text('{"id": "o1", "text": "Our own field names.", "published_at": "2023-02-01"}\n')
    (a,) = _read([p], field_map={"text": "body", "published_at": "date"})
    assert a.text == "Our own field names." and a.published_at == "2023-02-01"
