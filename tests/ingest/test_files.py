"""read_inputs on plain-text files, folders, stdin and bad inputs (empty, binary, huge, odd encodings)."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.errors import InputError
from eventwire.ingest import read_inputs
from eventwire.ingest.files import normalise_date
from eventwire.model import Article, Quarantined

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
STORY = "Government forces shelled rebel positions near the town on Monday, the army said.\n"


def _read(paths, **kw):
    return list(read_inputs([str(p) for p in paths], Settings(kw.pop("settings", {})), **kw))


def test_txt_header_is_parsed_and_offsets_index_the_body() -> None:
    (art,) = _read([FIXTURES / "strike.txt"])
    assert isinstance(art, Article)
    assert art.id == "example-strike"
    assert art.title == "Drone strike hits fuel depot near Kherbet"
    assert art.source == "Example Wire"
    assert art.published_at == "2023-11-09"
    assert art.text.startswith("KHERBET, Nov 9 (Example Wire) - A drone struck")
    assert art.origin == str(FIXTURES / "strike.txt")
    assert art.meta["encoding"] == "utf-8"


def test_txt_without_header_is_all_text(tmp_path: Path) -> None:
    p = tmp_path / "note.txt"
    p.write_text("Residents: we heard two blasts.\n\n" + STORY, encoding="utf-8")
    (art,) = _read([p])
    assert art.id == "note" and art.title is None
    assert art.text.startswith("Residents: we heard")


def test_folder_is_walked_sorted_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "story.txt").write_text(STORY)
    (tmp_path / "a.md").write_text(STORY)
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / ".git" / "x.txt").write_text(STORY)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "README.md").write_text("About this corpus.\n")
    (tmp_path / "LICENSE").write_text("MIT\n")
    out = _read([tmp_path])
    assert [(o.id, Path(o.origin).relative_to(tmp_path).as_posix()) for o in out] == [
        ("a", "a.md"), ("story", "story.txt"), ("story-2", "b/story.txt")]
    assert out[2].meta["original_id"] == "story"
    # named explicitly, a README is read like any text file
    assert [o.id for o in _read([tmp_path / "README.md"])] == ["README"]


def test_missing_path_raises_input_error_up_front(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_inputs([str(tmp_path / "nope.txt")], Settings())


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x00\x01\x02PK\x03\x04" * 100, "binary"),
    (bytes(range(1, 32)) * 50, "binary"),
])
def test_bad_files_are_quarantined(tmp_path: Path, data: bytes, reason: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    (q,) = _read([p])
    assert isinstance(q, Quarantined) and q.reason.startswith(reason + ":")
    assert q.origin == str(p) and q.stage == "ingest"


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path, monkeypatch) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:  # sparse: cheap to make
        fh.truncate(50 * 1024 * 1024)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    (q,) = _read([p])
    assert isinstance(q, Quarantined) and q.reason.startswith("too-large:")


def test_utf8_bom_and_cp1252_are_decoded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + "Café owners said the blast shook the street.".encode())
    (tmp_path / "b.txt").write_bytes("Caf\u00e9 owners said \u201cthe blast\u201d shook the street.".encode("cp1252"))
    a, b = _read([tmp_path])
    assert a.text.startswith("Café") and a.meta["encoding"] == "utf-8-sig"
    assert "“the blast”" in b.text and b.meta["encoding"] != "utf-8"


def test_stdin_plain_text_and_jsonl(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(STORY.encode()))))
    (art,) = _read(["-"])
    assert art.origin == "stdin" and art.id == "stdin" and art.text == STORY
    lines = b'{"id": "x1", "text": "one story here"}\n{"id": "x2", "text": "another"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(lines))))
    out = _read(["-"])
    assert [(o.id, o.origin) for o in out] == [("x1", "stdin:1"), ("x2", "stdin:2")]


@pytest.mark.parametrize("raw, expected", [
    ("2023-11-09", "2023-11-09"),
    ("9 November 2023", "2023-11-09"),
    ("Nov 9, 2023", "2023-11-09"),
    ("Thu, 09 Nov 2023 10:15:00 GMT", "2023-11-09T10:15:00+00:00"),
    ("2023-11-09T10:15:30Z", "2023-11-09T10:15:30+00:00"),
    ("Updated: November 11, 2011 20:09 IST", "2011-11-11T20:09:00"),
    ("2023-11-09 (updated)", "2023-11-09"),
    ("November 2023", None),  # no day: not completed with anything
    ("Published 3 hours ago", None),
    ("November 9", None),  # no year: never this year
    ("yesterday", None),
    ("", None),
    (None, None),
])
def test_dates_are_normalised_never_invented(raw, expected) -> None:
    assert normalise_date(raw) == expected
    assert normalise_date(raw) != date.today().isoformat() or raw == date.today().isoformat()


def test_unparseable_date_is_kept_raw(tmp_path: Path) -> None:
    p = tmp_path / "d.txt"
    p.write_text("Title: x\nDate: sometime last week\n\n" + STORY)
    (art,) = _read([p])
    assert art.published_at is None and art.meta["published_at_raw"] == "sometime last week"


def test_empty_stdin_is_reported(monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(b""))))
    (q,) = _read(["-"])
    assert isinstance(q, Quarantined) and q.origin == "stdin" and q.reason.startswith("empty")


@pytest.mark.parametrize("ext", [".txt", ".html", ".rss", ".jsonl", ".csv"])
def test_random_bytes_never_crash(tmp_path: Path, ext: str) -> None:
    import random

    rng = random.Random(7)
    blobs = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000))) for _ in range(5)]
    blobs += [b"<" * 500, b"{" * 300 + b"\n", b'"' * 100 + b",\n" * 50, "é,ü;\t".encode("latin-1") * 40]
    for i, blob in enumerate(blobs):
        (tmp_path / f"f{i}{ext}").write_bytes(blob)
    out = _read([tmp_path])
    assert out and all(isinstance(o, (Article, Quarantined)) for o in out)
