"""Wire datelines: where (and often when) a story was filed, printed before its first sentence.

One recogniser for every stage that must tell a dateline from the story: the places stage (a
dateline names a town in capitals; it is where the story was filed, a weak event location),
the times stage (the dateline's date dates the story), the events stage and attribution (the
parser often makes the dateline's city the subject of the first verb). Shapes::

    BEIRUT, Nov 9 (Reuters) -               KYIV (AP) —
    BAMAKO, April 3 (Afrique Wire) -        Mogadishu, Somalia —
    GOMA, Democratic Republic of Congo, Jan 5 (AFP) -
    ADEN: ...                               HUDSON, Wis. — ...
    March 30, 2009 NEWARK -- ...            KYIV (Reuters) Russian drones ...
    Nov 9 (Reuters) - ...                   (a date and an agency, no place)

A dateline opens the text, a line, or follows a sentence end ("Mason charged. BANTAM — A
mason ..."); a title line may come first. A place in capitals is a dateline by its shape; one in
title case ("Mogadishu") only at a line start, with a qualifier, a date or an agency after it or
a dash before a capital ("Gaza — Israeli jets ..."), which keeps "Obama - who ..." and headlines
("Syria: rebels advance") out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Dateline", "datelines", "dateline_at", "article_dateline", "dateline_around", "headings", "heading_at"]

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int  # the dateline's first character
    end: int  # after the separator and the blanks after it: where the story begins
    place: Span | None  # "GOMA"
    head: Span | None  # the place with its qualifiers: "GOMA, Democratic Republic of Congo"
    date: Span | None  # "Jan 5"; a byline date before the place ("March 30, 2009 NEWARK --") too
    agency: Span | None  # "AFP", without the parentheses

    def covers(self, start: int, end: int) -> bool:
        """``[start, end)`` lies in the dateline ("Somalia" in "Mogadishu, Somalia —")."""
        return self.start <= start and end <= self.end


_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DATE = (rf"(?:{_MONTH}[ \t]+{_DAY}(?:,?[ \t]+\d{{4}})?|{_DAY}[ \t]+{_MONTH}(?:,?[ \t]+\d{{4}})?"
         rf"|{_WEEKDAY}(?:,?[ \t]+{_MONTH}[ \t]+{_DAY})?)(?!\w)")
_CAPS = r"[A-Z][A-Z'’.-]+(?:[ \t][A-Z][A-Z'’.-]+){0,3}(?![\w'’])"
# "Mogadishu", "Deir ez-Zor", "Ras al-Ain", "St. Louis"
_TITLE = (r"[A-Z][a-z'’.-]+(?:[ \t](?:[A-Z][a-z'’.-]+|(?:a[lrsdnzt]|e[lzsdr])-[A-Z][\w'’]*)){0,2}"
          r"(?![\w'’])")
# ", Democratic Republic of Congo", ", Wis.", ", W. Va.": never a month or a day ("BEIRUT, Nov 9").
_QUAL = (rf"(?!(?:{_MONTH}|{_WEEKDAY})(?!\w))[A-Z][\w.'’-]*"
         r"(?:[ \t](?:of|the|and|de|del|du|[A-Z][\w.'’-]*)){0,4}")
# a lone hyphen only before a blank: "Egypt-US relations", "The Calgary-based" are words
_SEP = r"(?:-{2,3}|-(?=\s)|—|–|\x97|\x96|:(?=[ \t]))"
_AGENCY = r"\((?P<agency>[A-Z][^()\n]{0,30})\)"
_FULL = re.compile(
    rf"[ \t]*(?:(?P<date0>{_MONTH}[ \t]+{_DAY},?[ \t]+\d{{4}})[ \t]+)?"
    rf"(?P<head>(?P<place>{_CAPS}|{_TITLE})(?:,[ \t]*{_QUAL}){{0,3}})"
    rf"(?:,?[ \t]*(?P<date>{_DATE}))?"
    rf"(?:[ \t]*{_AGENCY})?"
    rf"(?:[ \t]*(?P<sep>{_SEP})[ \t]*|(?<=\))[ \t]*(?=[A-Z]))")
# "Nov 9 (Reuters) - ...": a date and an agency, the place left out.
_DATE_ONLY = re.compile(rf"[ \t]*(?P<date>{_DATE})[ \t]*{_AGENCY}[ \t]*(?P<sep>{_SEP})?[ \t]*")
_MAX_HEAD = 60  # "GOMA, Democratic Republic of Congo" and the like; longer is a sentence
# Openings after a sentence end, or a byline's year ("...2009 NEWARK --"): a word in capitals.
_INNER_OPEN = re.compile(r"(?:[.!?]|\d{4})[ \t]+(?=[A-Z][A-Z'’.-])")


def _span(m: re.Match[str], group: str) -> Span | None:
    s = m.start(group)
    return None if s < 0 else (s, m.end(group))


def dateline_at(text: str, pos: int, line_start: bool = True) -> Dateline | None:
    """The dateline opening at ``pos`` (blanks allowed before it), or None.

    ``line_start``: ``pos`` opens the text or a line (a title-case place is only taken there)."""
    m = _FULL.match(text, pos)
    if m is not None:
        caps = m.group("place").isupper()
        ok = m.end("head") - m.start("head") <= _MAX_HEAD
        if not caps:
            sep = m.group("sep")
            qualified = m.end("head") > m.end("place") or m.group("date") or m.group("agency")
            dash_story = sep is not None and sep != ":" and text[m.end():m.end() + 1].isupper()
            ok = ok and line_start and sep != ":" and bool(qualified or dash_story)
        if ok:
            date = _span(m, "date") or _span(m, "date0")
            first = m.start("date0") if m.group("date0") else m.start("head")
            return Dateline(first, m.end(), _span(m, "place"), _span(m, "head"), date, _span(m, "agency"))
    if line_start:
        m = _DATE_ONLY.match(text, pos)
        if m is not None and (m.group("sep") is not None or text[m.end():m.end() + 1].isupper()):
            return Dateline(m.start("date"), m.end(), None, None, _span(m, "date"), _span(m, "agency"))
    return None


def datelines(text: str) -> list[Dateline]:
    """Every dateline in ``text``: at its start, at a line start, after a sentence end or a byline's year."""
    opens: list[tuple[int, bool]] = [(0, True)]
    i = text.find("\n")
    while i >= 0:
        opens.append((i + 1, True))
        i = text.find("\n", i + 1)
    opens.extend((m.end(), False) for m in _INNER_OPEN.finditer(text))
    out: list[Dateline] = []
    last = -1
    for pos, at_line in sorted(opens):
        if pos < last or pos >= len(text) or not (text[pos].isupper() or text[pos] in " \t"):
            continue
        d = dateline_at(text, pos, at_line)
        if d is not None:
            out.append(d)
            last = d.end
    return out


# The article's own dateline opens the text or one of its first lines (after a title, a byline).
_HEAD_LINES = 3
_HEAD_CHARS = 400


def article_dateline(text: str) -> Dateline | None:
    """The dateline that heads the story: in the opening lines, possibly after a title line."""
    head = text[:_HEAD_CHARS]
    for d in datelines(head):
        lines_before = [ln for ln in head[:d.start].split("\n") if ln.strip()]
        if len(lines_before) <= _HEAD_LINES:
            return d
    return None


# A roundup's heading: a line of capitals alone ("DOMINICAN REPUBLIC"), which heads a brief as a dateline would
# when it names a place (the caller decides that: "HOW IT UNFOLDED" heads a timeline, not a brief).
_HEADING = re.compile(rf"(?m)^[ \t]*({_CAPS})[ \t]*$")


def headings(text: str) -> list[Span]:
    """The (start, end) of every line of ``text`` that is only a word or four in capitals."""
    return [(m.start(1), m.end(1)) for m in _HEADING.finditer(text)]


def heading_at(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a whole line of capitals (a heading)."""
    line_end = text.find("\n", end)
    m = _HEADING.fullmatch(text, text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end)
    return m is not None and m.span(1) == (start, end)


def dateline_around(text: str, pos: int) -> Dateline | None:
    """The dateline holding the character at ``pos`` ("KYIV" in "KYIV (AP) — Russian drones ...",
    "Somalia" in "Mogadishu, Somalia — ...")."""
    line_start = text.rfind("\n", 0, pos) + 1
    if pos - line_start < _MAX_HEAD:
        d = dateline_at(text, line_start)
        if d is not None and d.covers(pos, pos + 1):
            return d
    # after a sentence end on the same line ("Mason charged. BANTAM — ...")
    m = None
    for m in _INNER_OPEN.finditer(text, max(line_start, pos - _MAX_HEAD), pos + 2):
        pass
    if m is not None:
        d = dateline_at(text, m.end(), False)
        if d is not None and d.covers(pos, pos + 1):
            return d
    return None
