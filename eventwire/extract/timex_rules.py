"""A compiled regular-expression grammar for English time expressions, normalised to TimeML TIMEX3.

:func:`find_timexes` scans a text with a fixed list of precompiled rules, keeps the
longest non-overlapping matches (leftmost first) and normalises each one, in text
order, against the document creation time (DCT). Relative expressions need a DCT;
without one they stay unresolved (``value`` None or an ``X`` pattern), never guessed
from today's date.

Conventions follow the TimeML/TIMEX3 guidelines as applied in TimeBank/TempEval-3:
the span includes determiners and quantity modifiers ("the third quarter", "more
than two weeks") but not prepositions ("on Friday" -> "Friday"); a bare weekday
in past or present-tense context is the most recent such day on or before the DCT
and in future-tense or "scheduled" context (see ``Tense``) the next one on or after
it; a month/day without a year takes
the year that keeps it closest to the DCT, moved back (past tense) or forward
(future tense) when the tense says so.

The grammar is deliberately plain Python: each rule is ``(regex, handler)`` and a
handler turns a match into ``(type, value, mod)`` or rejects it with None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
import logging
from typing import Callable, Iterator

from .numwords import CARDINALS

__all__ = ["Timex", "Context", "Tense", "find_timexes", "parse_dct", "normalise_expression", "duration_value", "week_value",
           "month_value", "add_months"]

log = logging.getLogger(__name__)

# "past" | "present" | "future" | "scheduled" | None (unknown). "scheduled" is a present-tense
# or scheduling clause that a day name modifies directly ("they meet Monday", "has scheduled a
# news conference Thursday", "postponed until Tuesday"): the day lies ahead, but a month or a
# quarter in such a clause is read as present.
Tense = str | None
_AHEAD_TENSES = ("future", "scheduled")


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None = None
    anchored: bool = False
    interval_start: str | None = None
    interval_end: str | None = None


@dataclass
class Context:
    """What a handler may look at: the DCT, a tense oracle, and running document state."""

    dct: dt.date | None
    tense: Callable[[int, int], Tense] = lambda s, e: None
    last_quarter: tuple[int, int] | None = None  # (year, q) of the last quarter mentioned
    last_date: dt.date | None = None
    # (year, month, day) of the last dated expression, month/day None when coarser: what
    # "that day", "the following month", "later that year" refer to
    last_point: tuple[int, int | None, int | None] | None = None
    notes: dict[str, object] = field(default_factory=dict)


# --------------------------------------------------------------------------- lexicon
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
UNIT_CODE = {  # unit -> (TIMEX3 duration code, time part?)
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "weekend": ("D", False), "month": ("M", False),
    "quarter": ("Q", False), "year": ("Y", False), "decade": ("E", False), "century": ("C", False),
    "trading day": ("D", False), "business day": ("D", False), "working day": ("D", False),
}
SMALL = {
    **CARDINALS, "couple": 2, "a": 1, "an": 1, "hundred": 100, "a hundred": 100, "thousand": 1000, "a dozen": 12,
    "dozen": 12, "a couple of": 2, "couple of": 2, "a half": 0.5, "half a": 0.5, "half": 0.5,
}
VAGUE = {"a few", "few", "several", "some", "many", "a number of", "the few", "a couple"}
MOD_WORDS = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "longer than": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN", "within": "LESS_THAN",
    "nearly": "LESS_THAN", "almost": "LESS_THAN", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS", "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "an estimated": "APPROX", "close to": "LESS_THAN",
}
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
PART_MOD = {"early": "START", "beginning": "START", "start": "START", "mid": "MID", "middle": "MID",
            "late": "END", "end": "END", "close": "END"}
DAYPART = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
           "midday": "MI"}

# --------------------------------------------------------------------------- patterns
_MON_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MON_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|(?=\s+\d))"
_MON = rf"(?:{_MON_FULL}|{_MON_ABBR}|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
_WD = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY"
       r"|SATURDAY|SUNDAY|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.)")
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUMWORD = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven"
            r"|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
            r"|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|hundred|a\s+dozen|dozen")
_NUM = (rf"(?:\d[\d,]*(?:\.\d+)?(?:\s+1/2)?|(?:{_NUMWORD})(?:\s+(?:hundred|thousand))?(?:\s+and\s+a\s+half)?"
        r"|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|few|several|some|many|a\s+number\s+of|an|a|half\s+a)")
_UNIT = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|quarters?|years?|decades?|centur(?:y|ies)"
         r"|(?:trading|business|working)\s+days?)")
_MODW = (r"(?:more\s+than|less\s+than|fewer\s+than|longer\s+than|no\s+more\s+than|no\s+less\s+than|at\s+least|at\s+most"
         r"|up\s+to|nearly|almost|about|around|roughly|approximately|over|under|within|close\s+to|an\s+estimated)")
_B = r"(?<![\w$.-])"  # left word boundary that also refuses "$1990" or "1.1990"
_E = r"(?![\w])"


def _c(p: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(p, flags)


# --------------------------------------------------------------------------- date helpers
def parse_dct(value: str | None) -> dt.date | None:
    """The date part of an ISO date or timestamp; None when absent or unreadable."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = re.match(r"\s*(\d{4})(\d{2})(\d{2})", str(value))
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def _iso(d: dt.date) -> str:
    return d.isoformat()


def week_value(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def month_value(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _quarter(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _shift_q(y: int, q: int, k: int) -> tuple[int, int]:
    n = y * 4 + (q - 1) + k
    return n // 4, n % 4 + 1


def _num(text: str) -> float | None:
    """A cardinal in digits or words; None for vague quantities ("several")."""
    t = re.sub(r"\s+", " ", text.strip().lower().replace("-", " "))
    if t in SMALL:
        return float(SMALL[t])
    if t in VAGUE:
        return None
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t.endswith(" 1/2"):
        t, half = t[:-4], 0.5
    t = t.replace(",", "")
    try:
        return float(t) + half
    except ValueError:
        pass
    if t in SMALL:
        return SMALL[t] + half
    total = 0.0
    cur = 0.0
    for w in t.split():
        if w in ("and", "a"):
            continue
        if w == "hundred":
            cur = (cur or 1) * 100
        elif w == "thousand":
            total += (cur or 1) * 1000
            cur = 0
        elif w in SMALL:
            cur += SMALL[w]
        else:
            return None
    return total + cur + half


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """``P2W``, ``PT3H``, ``PXY``... (``unit`` singular, lower case)."""
    code, is_time = UNIT_CODE.get(unit, ("X", False))
    if unit == "weekend":
        code = "WE"
    if n is None:
        q = "X"
    else:
        if n != int(n):  # 2 1/2 years -> P2Y6M, 1.5 hours -> PT1H30M
            whole, frac = int(n), n - int(n)
            sub = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "M"), "M": (30, "D") if not is_time else (60, "S"),
                   "W": (7, "D")}.get(code)
            if sub and is_time:
                return f"PT{whole}{code}{int(round(frac * sub[0]))}{sub[1]}" if whole else f"PT{int(round(frac * sub[0]))}{sub[1]}"
            if sub:
                t = "T" if code == "D" else ""
                return f"P{whole}{code}{t}{int(round(frac * sub[0]))}{sub[1]}" if whole else f"P{t}{int(round(frac * sub[0]))}{sub[1]}"
        q = _fmt_num(n)
        if code == "E" and n == int(n) and n > 1:
            return f"P{int(n) * 10}Y"
        if code == "C" and n == int(n) and n > 1:
            return f"P{int(n) * 100}Y"
    return f"PT{q}{code}" if is_time else f"P{q}{code}"


def _unit_of(word: str) -> str:
    w = re.sub(r"\s+", " ", word.lower())
    if w.startswith("centur"):
        return "century"
    for u in ("trading day", "business day", "working day"):
        if w.startswith(u):
            return "day"
    return w[:-1] if w.endswith("s") and w[:-1] in UNIT_CODE else w


# How far after the DCT a month/day without a year may lie and still be read as coming up
# rather than as last year's: news mostly reports the past, but announces dates weeks
# ahead ("payable Jan. 2", "effective Feb. 1").
_AHEAD_DAYS = {"past": 60, "present": 120, None: 120, "since": 0}
# "since January": the start of a period that runs to now, so never after the DCT whatever the tense
_SINCE_BEFORE = re.compile(r"(?i)\bsince\s+(?:(?:early|late|mid)[\s-]+)?$")


def _since(m: re.Match[str], s: int) -> bool:
    return _SINCE_BEFORE.search(m.string, max(0, s - 16), s) is not None


def _year_for_month(dct: dt.date, month: int, day: int | None, tense: Tense) -> int:
    """The year for a month (and day) given without one: past-preferring with a look-ahead window.

    Future tense takes the next occurrence on or after the DCT; otherwise the latest
    occurrence no further ahead of the DCT than the tense allows.
    """
    if day is None and month == dct.month:
        return dct.year
    cands = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            cands.append((dt.date(y, month, day or 1), y))
        except ValueError:  # Feb 29 in a common year
            cands.append((dt.date(y, month, 28), y))
    if tense == "future":
        ref = dct.replace(day=1) if day is None else dct
        return next(y for d, y in cands if d >= ref)
    limit = dct + dt.timedelta(days=_AHEAD_DAYS.get(tense, 120))
    return max(y for d, y in cands if d <= limit)


def _weekday_date(dct: dt.date, wd: int, tense: Tense, which: str = "") -> dt.date:
    delta = (dct.weekday() - wd) % 7
    if which == "last":
        return dct - dt.timedelta(days=delta or 7)
    if which in ("next", "coming", "this coming", "the following"):
        return dct + dt.timedelta(days=(wd - dct.weekday()) % 7 or 7)
    if which in ("this past", "past", "the previous"):
        return dct - dt.timedelta(days=delta or 7)
    if tense in _AHEAD_TENSES:
        return dct + dt.timedelta(days=(wd - dct.weekday()) % 7)
    return dct - dt.timedelta(days=delta)


# --------------------------------------------------------------------------- rule handlers
Result = tuple[str, str | None, str | None] | None  # (type, value, mod) or None = reject
Handler = Callable[[re.Match[str], Context, int, int], Result]


def _part_mod(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower().strip(" -")
    for k, v in PART_MOD.items():
        if w.startswith(k):
            return v
    return None


def _spelled_year(words: str) -> int | None:
    """"nineteen ninety-seven" -> 1997; None when the words are not a year."""
    parts = re.split(r"[\s-]+", words.lower())
    century = SMALL.get(parts[0])
    rest = [SMALL.get(p) for p in parts[1:]]
    if century not in (19, 20) or not rest or any(r is None for r in rest):
        return None
    tail = sum(rest)  # type: ignore[arg-type]
    return int(century * 100 + tail) if 10 <= tail < 100 else None


def h_full_date(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    g = m.groupdict()
    mon = MONTHS.get((g.get("mon") or "").lower().rstrip("."))
    if mon is None:
        return None
    day = int(re.sub(r"\D", "", g["day"])) if g.get("day") else None
    year = int(g["year"]) if g.get("year") else None
    if g.get("syear"):
        year = _spelled_year(g["syear"])
    if year is not None and g.get("year") and len(g["year"]) == 2:
        year += 1900 if year > 30 else 2000
    if day is not None:
        if year is None:
            if c.dct is None:
                return "DATE", f"XXXX-{mon:02d}-{day:02d}", None
            year = _year_for_month(c.dct, mon, day, "since" if _since(m, s) else c.tense(s, e))
        try:
            d = dt.date(year, mon, day)
        except ValueError:
            return None
        c.last_date = d
        return "DATE", _iso(d), None
    mod = _part_mod(g.get("part"))
    ry = (g.get("ryear") or "").lower()
    if year is None and ry and c.dct is not None:
        year = c.dct.year + (-1 if "last" in ry else 1 if "next" in ry else 0)
    if year is None:
        which = (g.get("rel") or "").lower()
        if c.dct is None:
            return "DATE", f"XXXX-{mon:02d}", mod
        if which == "last":
            year = c.dct.year if mon < c.dct.month else c.dct.year - 1
        elif which == "next":
            year = c.dct.year if mon > c.dct.month else c.dct.year + 1
        elif which == "this":
            year = c.dct.year
        else:
            year = _year_for_month(c.dct, mon, None, "since" if _since(m, s) else c.tense(s, e))
    return "DATE", month_value(year, mon), mod


def h_numeric_date(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    g = m.groupdict()
    if g.get("iy"):
        y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
    else:
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        if y < 100:
            y += 1900 if y > 30 else 2000
        mo, d = (a, b) if a <= 12 else (b, a)  # US month/day first unless impossible
    try:
        date = dt.date(y, mo, d)
    except ValueError:
        return None
    c.last_date = date
    if g.get("hh"):
        return "TIME", f"{_iso(date)}T{int(g['hh']):02d}:{g['mm']}", None
    return "DATE", _iso(date), None


def h_year(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    y = m.group("year")
    return "DATE", y, _part_mod(m.group("part"))


def h_decade(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    g = m.groupdict()
    if g.get("cent"):
        return "DATE", g["cent"][:3], _part_mod(g.get("part"))
    short = g.get("short")
    if short:
        return "DATE", ("19" if int(short[0]) > 2 else "20") + short[0], _part_mod(g.get("part"))
    return None


def _note_quarter(c: Context, year: int, q: int) -> None:
    """Remember a reported (completed) quarter; a forecast ("the third quarter of 1990") or the
    quarter under way is not the quarter that later "the quarter" or "a year earlier" refer to."""
    if c.dct is None or (year, q) < _quarter(c.dct):
        c.last_quarter = (year, q)


def h_quarter(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    """A quarter or half, absolute or relative; "the quarter a year ago" is the reported quarter minus four."""
    if m.groupdict().get("qago"):
        saved = c.last_quarter
        res = _h_quarter(m, c, s, e)
        c.last_quarter = saved
        if res and res[1] and re.fullmatch(r"\d{4}-Q[1-4]", res[1]):
            y, q = _shift_q(int(res[1][:4]), int(res[1][-1]), -4)
            return res[0], f"{y}-Q{q}", res[2]
        return res
    return _h_quarter(m, c, s, e)


def _h_quarter(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    g = m.groupdict()
    which = re.sub(r"[\s-]+", " ", (g.get("qword") or "").lower()).strip()
    year = int(g["qyear"]) if g.get("qyear") else None
    if g.get("qyear2"):
        year = int(g["qyear2"])
    plural = (g.get("qunit") or "").lower().endswith("s")
    half = (g.get("qunit") or "").lower().startswith("half")
    yrel = re.sub(r"[\s-]+", " ", (g.get("yrel") or "").lower())
    if plural or (not which and not yrel and not g.get("qyear2") and not m.group(0).lower().startswith("the")):
        return None
    if yrel and c.dct is not None and year is None:
        if yrel == "this":
            year = c.dct.year
        elif yrel == "next":
            year = c.dct.year + 1
        elif yrel == "last":
            year = c.dct.year - 1
    if half and not which and yrel == "last" and "year" not in m.group(0).lower():
        which, yrel = "second", ""
    if half and which in ("last", "latter"):
        which = "second"
    if which in ORDINALS:
        q = ORDINALS[which]
        if half:
            q = min(q, 2)
        if year is None:
            if c.dct is None:
                return "DATE", f"XXXX-{'H' if half else 'Q'}{q}", None
            year = c.dct.year
            if not half:
                y0, q0 = _quarter(c.dct)
                # "the fourth quarter" early in a year is last year's, unless tense says it is coming
                if q > q0 and c.tense(s, e) != "future" and (q - q0) >= 2:
                    year -= 1
        if half:
            return "DATE", f"{year}-H{q}", None
        if yrel in ("year ago", "year earlier"):
            return "DATE", f"{year - 1}-Q{q}", None
        _note_quarter(c, year, q)
        return "DATE", f"{year}-Q{q}", None
    if half:
        return None
    if c.dct is None:
        return "DATE", None, None
    if yrel == "last" and not which:
        base = c.last_quarter or _shift_q(*_quarter(c.dct), -1)
        return "DATE", f"{base[0] - 1}-Q{base[1]}", None
    if which in ("year ago", "year earlier", "year-ago", "year-earlier", "comparable", "same", "corresponding") or yrel in ("year ago", "year earlier"):
        base = c.last_quarter or _shift_q(*_quarter(c.dct), -1)
        y, q = _shift_q(base[0], base[1], -4)
        return "DATE", f"{y}-Q{q}", None
    if which in ("last", "previous", "prior", "preceding"):
        base = c.last_quarter or _quarter(c.dct)
        y, q = _shift_q(base[0], base[1], -1) if c.last_quarter is None else _shift_q(*_quarter(c.dct), -1)
        return "DATE", f"{y}-Q{q}", None
    if which in ("next", "coming", "following"):
        y, q = _shift_q(*_quarter(c.dct), 1)
        return "DATE", f"{y}-Q{q}", None
    if which in ("current", "this"):
        y, q = _quarter(c.dct)
        return "DATE", f"{y}-Q{q}", None
    # "the quarter ended Sept. 30": the quarter that contains that day
    ended = _QUARTER_ENDED.match(m.string, e)
    if ended:
        mon = MONTHS[ended.group(1).lower().rstrip(".")]
        y = year or _year_for_month(c.dct, mon, int(ended.group(2)), "past")
        return "DATE", f"{y}-Q{(mon - 1) // 3 + 1}", None
    # "the quarter", "the latest quarter": the quarter being reported on
    y, q = c.last_quarter or _shift_q(*_quarter(c.dct), -1)
    if year is not None:  # "the 1988 quarter": the reported quarter, in that year
        return "DATE", f"{year}-Q{q}", None
    return "DATE", f"{y}-Q{q}", None


def h_qcode(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    kind, n = m.group("qc"), int(m.group("qn"))
    if kind == "H" and n > 2:
        return None
    year = int(m.group("qy")) if m.group("qy") else (c.dct.year if c.dct else None)
    if year is None:
        return "DATE", f"XXXX-{kind}{n}", None
    if kind == "Q":
        _note_quarter(c, year, n)
    return "DATE", f"{year}-{kind}{n}", None


def h_fiscal(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    y = m.group("fy")
    if len(y) == 2:
        y = ("19" if int(y) > 30 else "20") + y
    return "DATE", y, None


def h_relword(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    """today / yesterday / tomorrow / tonight / last night / this morning, with optional day part."""
    w = re.sub(r"\s+", " ", m.group(0).lower())
    if c.dct is None:
        return ("TIME" if any(p in w for p in DAYPART) and "yesterday" not in w else "DATE"), None, None
    d = c.dct
    if "day before yesterday" in w:
        d = d - dt.timedelta(days=2)
    elif "day after tomorrow" in w:
        d = d + dt.timedelta(days=2)
    elif "yesterday" in w or "last night" in w:
        d = d - dt.timedelta(days=1)
    elif "tomorrow" in w:
        d = d + dt.timedelta(days=1)
    elif w.endswith("overnight"):
        # "overnight on Tuesday", "overnight into Friday": the night of the day named next, not of the DCT
        nd = _NIGHT_OF.match(m.string, e)
        if nd is not None:
            d = _weekday_date(c.dct, WEEKDAYS[nd.group(1).lower().rstrip(".")], c.tense(nd.start(1), nd.end(1)))
    part = None
    for k, v in DAYPART.items():
        if re.search(rf"\b{k}\b", w):
            part = v
    if "tonight" in w or "last night" in w:
        part = "NI"
    c.last_date = d
    if part:
        typ = "TIME" if ("this" in w or w in ("tonight", "overnight") or "last night" in w) else "DATE"
        if w.startswith(("late ", "early ")):
            return "DATE", _iso(d), _part_mod(w.split()[0])
        return typ, f"{_iso(d)}T{part}", None
    mod = _part_mod(w.split()[0]) if w.startswith(("late ", "early ")) else None
    return "DATE", _iso(d), mod


_NIGHT_OF = re.compile(rf"\s+(?:(?:on|into|of)\s+)?({_WD})(?!\w)")


def h_weekday(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    g = m.groupdict()
    wd = WEEKDAYS[g["wd"].lower().rstrip(".")]
    which = re.sub(r"\s+", " ", (g.get("wrel") or "").lower()).strip()
    part = (g.get("wpart") or "").lower()
    if c.dct is None:
        v = f"XXXX-WXX-{wd + 1}"
        return ("TIME" if part else "DATE"), v, None
    ref = c.last_point
    if which in ("the previous", "the following") and ref is not None and ref[2] is not None:
        # "down 4.5% from the previous Friday": the Friday before the day just mentioned
        try:
            d = _weekday_date(dt.date(ref[0], ref[1] or 1, ref[2]), wd, None, which)
        except ValueError:
            d = _weekday_date(c.dct, wd, c.tense(s, e), which)
    else:
        d = _weekday_date(c.dct, wd, c.tense(s, e), which)
    c.last_date = d
    if part:
        code = DAYPART.get(part.split()[-1])
        return "TIME", f"{_iso(d)}T{code}", None
    return "DATE", _iso(d), None


_CLOCK_WORD_PREP = re.compile(r"(?i)\b(?:at|about|around|until|till|before|after|by|since|from)\s+$")


def h_clock(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    g = m.groupdict()
    word = (g.get("word") or "").lower()
    word = word.replace(" ", "-")
    if word.startswith("mid") and word.endswith(("afternoon", "morning")):
        code = "AF" if word.endswith("afternoon") else "MO"
        base = c.dct
        tl0 = (g.get("tday") or "").lower()
        if base is not None and "yesterday" in tl0:
            base = base - dt.timedelta(days=1)
        return "TIME", (f"{_iso(base)}T{code}" if base else None), None
    if word in ("noon", "midday"):
        hh, mm = 12, 0
    elif word == "midnight":
        hh, mm = 24, 0
    elif g.get("hc"):
        hh, mm = int(g["hc"]), int(g["mc"])
    else:
        hh = int(g["h"])
        mm = int(g["m"] or 0)
        ap = (g.get("ap") or "").lower().replace(".", "").replace(" ", "")
        if ap.startswith(("in", "at")):  # "4 in the morning", "10 at night"
            if hh > 12 or not (g.get("approx") or _CLOCK_WORD_PREP.search(m.string, max(0, s - 12), s)):
                return None  # "killed 4 in the morning raid": a count, not a clock time
            ap = "am" if ap.endswith("morning") or (ap.endswith("night") and hh < 5) or hh == 12 else "pm"
        if ap.startswith("p") and hh < 12:
            hh += 12
        elif ap.startswith("a") and hh == 12:
            hh = 0
        if hh > 24 or mm > 59:
            return None
    mod = "APPROX" if g.get("approx") else None
    day: dt.date | None = None
    tail = g.get("tday") or ""
    tl = tail.lower()
    if tl:
        if "yesterday" in tl and c.dct:
            day = c.dct - dt.timedelta(days=1)
        elif "tomorrow" in tl and c.dct:
            day = c.dct + dt.timedelta(days=1)
        elif "today" in tl or "tonight" in tl:
            day = c.dct
        else:
            wdm = re.search(_WD, tail)
            mdm = re.search(rf"(?P<mon>{_MON})\s+(?P<day>{_DAYNUM})", tail)
            if mdm and c.dct:
                mon = MONTHS[mdm.group("mon").lower().rstrip(".")]
                dd = int(re.sub(r"\D", "", mdm.group("day")))
                try:
                    day = dt.date(_year_for_month(c.dct, mon, dd, c.tense(s, e)), mon, dd)
                except ValueError:
                    day = None
            elif wdm and c.dct:
                day = _weekday_date(c.dct, WEEKDAYS[wdm.group(0).lower().rstrip(".")], c.tense(s, e))
    if day is None:
        day = c.last_date or c.dct
    if day is None:
        return "TIME", f"XXXX-XX-XXT{hh:02d}:{mm:02d}", mod
    return "TIME", f"{_iso(day)}T{hh:02d}:{mm:02d}", mod


def h_relunit(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    """last/this/next/earlier this + week/month/year/weekend/season/decade."""
    g = m.groupdict()
    which = re.sub(r"[\s-]+", " ", (g.get("rel") or "").lower()).strip()
    unit = _unit_of(g["runit"])
    mod = None
    pre = (g.get("pre") or "").lower()
    if pre:
        mod = {"earlier": None, "later": None}.get(pre.split()[0], _part_mod(pre.split()[0]))
        if pre.startswith(("end", "the end")):
            mod = "END"
        elif pre.startswith(("beginning", "the beginning", "start", "the start")):
            mod = "START"
        elif pre.startswith(("middle", "the middle", "mid")):
            mod = "MID"
    k = {"last": -1, "past": -1, "previous": -1, "the past": -1, "the last": -1, "the previous": -1,
         "next": 1, "coming": 1, "the coming": 1, "the next": 1, "the following": 1, "following": 1,
         "this": 0, "the current": 0, "current": 0, "this past": -1, "this coming": 1}.get(which, 0)
    if unit in SEASONS:
        code = SEASONS[unit]
        if c.dct is None:
            return "DATE", f"XXXX-{code}", mod
        y = c.dct.year
        if k == -1:
            y = y - 1 if SEASON_MONTH[code] >= c.dct.month - 1 else y
        elif k == 1:
            y = y + 1 if SEASON_MONTH[code] <= c.dct.month + 1 else y
        return "DATE", f"{y}-{code}", mod
    if c.dct is None:
        return "DATE", None, mod
    d = c.dct
    if unit == "day":
        return "DATE", _iso(d + dt.timedelta(days=k)), mod
    if unit == "week":
        return "DATE", week_value(d + dt.timedelta(weeks=k)), mod
    if unit == "weekend":
        if k == 0 and d.weekday() < 4 and c.tense(s, e) not in _AHEAD_TENSES:
            k = -1
        return "DATE", week_value(d + dt.timedelta(weeks=k)) + "-WE", mod
    if unit == "month":
        y, mo = add_months(d.year, d.month, k)
        return "DATE", month_value(y, mo), mod
    if unit == "quarter":
        y, q = _shift_q(*_quarter(d), k)
        return "DATE", f"{y}-Q{q}", mod
    if unit == "year":
        return "DATE", str(d.year + k), mod
    if unit == "decade":
        return "DATE", str(d.year // 10 + k)[:3], mod
    if unit == "century":
        return "DATE", f"{d.year // 100 + k:02d}", mod
    return None


def h_ago(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    """N units ago / earlier / later / from now (a point, at the unit's granularity)."""
    g = m.groupdict()
    num = g["dnum"]
    n = _num(num)
    if n is not None and g.get("dhalf"):
        n += 0.5
    unit = _unit_of(g["dunit"])
    mod = MOD_WORDS.get(re.sub(r"\s+", " ", (g.get("dmod") or "").lower()))
    adir = re.sub(r"\s+", " ", g["adir"].lower())
    if adir in ("later", "after", "before"):
        c.notes["end"] = m.start("adir")  # "two days [after the attack]": the TIMEX3 is "two days"
        return "DURATION", duration_value(n, unit), mod
    direction = -1 if adir in ("ago", "earlier", "back") else 1
    if n is None:  # "several years ago"
        return "DATE", ("PAST_REF" if direction < 0 else "FUTURE_REF"), mod
    if c.dct is None or n != int(n):
        return "DATE", None, mod
    n = int(n) * direction
    d = c.dct
    if unit == "year":
        if c.last_quarter and num.lower() in ("a", "one") and g["adir"].lower() in ("ago", "earlier"):
            y, q = _shift_q(*c.last_quarter, -4)
            return "DATE", f"{y}-Q{q}", mod
        return "DATE", str(d.year + n), mod
    if unit == "month":
        y, mo = add_months(d.year, d.month, n)
        return "DATE", month_value(y, mo), mod
    if unit == "week":
        return "DATE", week_value(d + dt.timedelta(weeks=n)), mod
    if unit in ("day", "night"):
        return "DATE", _iso(d + dt.timedelta(days=n)), mod
    if unit == "quarter":
        y, q = _shift_q(*_quarter(d), n)
        return "DATE", f"{y}-Q{q}", mod
    if unit == "decade":
        return "DATE", str(d.year + 10 * n)[:3], mod
    if unit == "hour":
        return "TIME", None, mod
    return "DATE", None, mod


def h_year_ago(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    """"year-earlier", "year-ago" as adjectives: the same period a year before."""
    if c.dct is None:
        return "DATE", None, None
    if c.last_quarter:
        y, q = _shift_q(*c.last_quarter, -4)
        return "DATE", f"{y}-Q{q}", None
    return "DATE", str(c.dct.year - 1), None


_ORDINAL_SECOND = re.compile(r"\s+(?!(?:or|and|later|earlier|ago|before|after|longer|less|more|than|to|in|of|for)\b)"
                             r"[a-z]")


def h_duration(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    g = m.groupdict()
    if g.get("adir"):
        return h_ago(m, c, s, e)
    n = _num(g["dnum"])
    if n is not None and g.get("dhalf"):  # "a minute and a half", "two years and a half"
        n += 0.5
    unit = _unit_of(g["dunit"])
    mod = MOD_WORDS.get(re.sub(r"\s+", " ", (g.get("dmod") or "").lower()))
    if g["dnum"].lower() in ("some",) and not g.get("dmod"):
        mod = None
    # a number such as "1,000" years is fine; "5" alone as a money amount is not reached here
    if n is not None and n > 10000:
        return None
    if unit == "second" and g["dnum"].lower() == "a" and _ORDINAL_SECOND.match(m.string, e):
        return None  # "a second group", "a second time": the ordinal
    if unit == "quarter" and (g["dnum"].lower() in ("a", "an", "one") or re.search(r"\w-quarters?$", m.group(0))):
        return None  # "a quarter of the shares", "about three-quarters" are fractions
    if unit == "quarter" and n is not None and n == int(n):
        return "DURATION", f"P{int(n) * 3}M", mod
    return "DURATION", duration_value(n, unit), mod


def h_range(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    """"two to three weeks", "the next 12 to 18 months": one duration of unknown length."""
    if _num(m.group("rn1")) is None or _num(m.group("rn2")) is None:
        return None
    return "DURATION", duration_value(None, _unit_of(m.group("rgunit"))), None


def h_bare_plural(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    unit = _unit_of(m.group("bunit"))
    return "DURATION", duration_value(None, unit), None


def h_recent_units(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    unit = _unit_of(m.group("runit2"))
    return "DURATION", duration_value(None, unit), None


def h_ref(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    w = re.sub(r"\s+", " ", m.group(0).lower())
    if w in ("now", "currently", "current", "at present", "presently", "nowadays", "these days", "right now",
             "at the moment", "for now", "at this time", "the present", "present"):
        return "DATE", "PRESENT_REF", None
    if w in ("the future", "future", "soon", "the near future", "near future", "in the future", "shortly",
             "the coming days"):
        return "DATE", "FUTURE_REF", None
    return "DATE", "PAST_REF", None


def h_set(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    w = re.sub(r"\s+", " ", m.group(0).lower())
    fixed = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
             "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D", "biweekly": "P2W"}
    if w in fixed:
        return "SET", fixed[w], None
    mm = re.search(r"(?:every|each|a|an|per)\s+(?:(other|two|three|four|\d+)\s+)?(\w+)", w)
    if not mm:
        return None
    word = mm.group(2)
    k = 2 if mm.group(1) == "other" else (_num(mm.group(1)) if mm.group(1) else 1)
    k = int(k or 1)
    if word in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}", None
    if word in MONTHS:
        return "SET", f"XXXX-{MONTHS[word]:02d}", None
    unit = _unit_of(word)
    if unit in UNIT_CODE:
        if unit == "quarter":
            return "SET", f"P{3 * k}M", None
        return "SET", duration_value(k, unit), None
    return None


def h_season(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    g = m.groupdict()
    code = SEASONS[g["season"].lower()]
    mod = _part_mod(g.get("spart"))
    if g.get("syear"):
        return "DATE", f"{g['syear']}-{code}", mod
    if c.dct is None:
        return "DATE", f"XXXX-{code}", mod
    y = c.dct.year
    tense = c.tense(s, e)
    sm = SEASON_MONTH[code]
    if tense == "past" and sm > c.dct.month + 1:
        y -= 1
    elif tense == "future" and sm < c.dct.month - 1:
        y += 1
    return "DATE", f"{y}-{code}", mod


def _november_day(weekday: int, extra_days: int) -> Callable[[int], dt.date]:
    """The date, in a given year, of the first ``weekday`` of November plus ``extra_days``."""
    def make(yy: int) -> dt.date:
        first = dt.date(yy, 11, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + extra_days)
    return make


_ELECTION_DAY = _november_day(0, 1)  # US federal: the Tuesday after the first Monday of November
_THANKSGIVING = _november_day(3, 21)  # US: the fourth Thursday of November


def h_holiday(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    w = re.sub(r"\s+", " ", m.group("hol").lower())
    y = int(m.group("hyear")) if m.group("hyear") else None
    if y is None:
        if c.dct is None:
            y = None
        else:
            y = c.dct.year
    def closest(make: Callable[[int], dt.date]) -> dt.date:
        assert c.dct is not None
        cands = sorted((abs((make(yy) - c.dct).days), yy) for yy in (c.dct.year - 1, c.dct.year, c.dct.year + 1))
        d0 = make(cands[0][1])
        tense = c.tense(s, e)
        if tense == "past" and (d0 - c.dct).days > 90:
            d0 = make(cands[0][1] - 1)
        elif tense == "future" and (c.dct - d0).days > 90:
            d0 = make(cands[0][1] + 1)
        return d0

    if "christmas eve" in w:
        md = (12, 24)
    elif "christmas" in w:
        md = (12, 25)
    elif "new year's eve" in w:
        md = (12, 31)
    elif "new year" in w:
        md = (1, 1)
    elif "independence day" in w or "fourth of july" in w:
        md = (7, 4)
    elif "election day" in w or "thanksgiving" in w:
        make = _ELECTION_DAY if "election day" in w else _THANKSGIVING
        if y is None:
            return "DATE", "XXXX-11-XX", None
        if m.group("hyear") is None and c.dct is not None:
            return "DATE", _iso(closest(make)), None
        return "DATE", _iso(make(y)), None
    else:
        return None
    if y is None:
        return "DATE", f"XXXX-{md[0]:02d}-{md[1]:02d}", None
    if m.group("hyear") is None and c.dct is not None:
        return "DATE", _iso(closest(lambda yy: dt.date(yy, *md))), None
    return "DATE", f"{y:04d}-{md[0]:02d}-{md[1]:02d}", None


def h_week_of(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    """"the week of March 6": the ISO week that contains the day."""
    mon = MONTHS[m.group("wmon").lower().rstrip(".")]
    day = int(re.sub(r"\D", "", m.group("wday")))
    year = int(m.group("wyear")) if m.group("wyear") else None
    if year is None:
        if c.dct is None:
            return "DATE", None, None
        year = _year_for_month(c.dct, mon, day, c.tense(s, e))
    try:
        return "DATE", week_value(dt.date(year, mon, day)), None
    except ValueError:
        return None


def h_period_part(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    """"the end of the month", "later in the day": a part of the current period (TimeML: the
    period with a START/MID/END mod), or of the day the narrative is on."""
    if m.group("punit2"):  # "later in the day": the day last mentioned, else the DCT
        if c.dct is None:
            return "DATE", None, None
        ref = c.last_point
        return "DATE", _iso(dt.date(ref[0], ref[1], ref[2]) if ref and ref[1] and ref[2] else c.dct), None
    unit = m.group("punit").lower()
    mod = _part_mod(m.group("ppre"))
    if c.dct is None:
        return "DATE", None, mod
    if unit == "week":
        return "DATE", week_value(c.dct), mod
    return "DATE", month_value(c.dct.year, c.dct.month), mod


def h_between(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    g = m.groupdict()
    mon = MONTHS[g["bmon"].lower().rstrip(".")]
    d1, d2 = int(g["bd1"]), int(g["bd2"])
    year = int(g["byear"]) if g.get("byear") else None
    if year is None:
        if c.dct is None:
            c.notes["interval"] = (f"XXXX-{mon:02d}-{d1:02d}", f"XXXX-{mon:02d}-{d2:02d}")
            return "DATE", f"XXXX-{mon:02d}-{d1:02d}", None
        year = _year_for_month(c.dct, mon, d1, c.tense(s, e))
    try:
        a, b = dt.date(year, mon, d1), dt.date(year, mon, d2)
    except ValueError:
        return None
    c.notes["interval"] = (_iso(a), _iso(b))
    return "DATE", _iso(a), None


_ANA_K = {"that": 0, "the same": 0, "that same": 0, "the following": 1, "the next": 1, "the previous": -1,
          "the prior": -1, "the preceding": -1}


def h_anaphor(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    """"that day", "the following month", "later that year": relative to the last date mentioned.

    TimeML resolves these against the narrative's reference time, not the DCT. "that/same X"
    without an earlier date of fine enough grain is generic ("trades made that day") and is
    rejected; "the following/previous X" without one falls back to the DCT.
    """
    det = re.sub(r"\s+", " ", m.group("adet").lower())
    unit = m.group("aunit").lower()
    k = _ANA_K[det]
    if unit == "quarter":
        if c.last_quarter is None:
            return None
        y, q = _shift_q(*c.last_quarter, k)
        return "DATE", f"{y}-Q{q}", None
    ref = c.last_point
    need_day = unit not in ("month", "year")
    if "same" in det and unit == "day" and ref is not None and ref[1] is not None and ref[2] is None:
        # "that same day" after "last October": a day of that month, which one unknown
        return "DATE", f"{ref[0]:04d}-{ref[1]:02d}-XX", None
    last = c.last_date
    if need_day and ref is not None and ref[2] is None and last is not None and last.year == ref[0] \
            and ref[1] in (None, last.month):
        # "raided a depot on Friday, the worst attack this year ... the following day": a period named in
        # between that holds the narrative's last day frames it, it does not replace it
        ref = (last.year, last.month, last.day)
    if ref is None or (need_day and ref[2] is None) or (unit == "month" and ref[1] is None):
        if k == 0 or c.dct is None:
            return None
        ref = (c.dct.year, c.dct.month, c.dct.day)
    y, mo, d = ref
    if unit == "year":
        return "DATE", str(y + k), None
    if unit == "month":
        y2, m2 = add_months(y, mo or 1, k)
        return "DATE", month_value(y2, m2), None
    base = dt.date(y, mo or 1, d or 1)
    if unit == "week":
        return "DATE", week_value(base + dt.timedelta(weeks=k)), None
    day = base + dt.timedelta(days=k)
    c.last_date = day
    if unit in DAYPART:
        return "TIME", f"{_iso(day)}T{DAYPART[unit]}", None
    return "DATE", _iso(day), None


def h_daypart_the(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    """"in the morning": that part of the day last mentioned (TimeML's reference time); with
    no day in the narrative it is generic ("exercise in the morning") and not tagged."""
    ref = c.last_point
    if ref is None or ref[1] is None or ref[2] is None:
        return None
    try:
        day = dt.date(ref[0], ref[1], ref[2])
    except ValueError:
        return None
    return "TIME", f"{_iso(day)}T{DAYPART[m.group('tpart').lower()]}", None


def h_long_adj(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    """"a day-long meeting", "a yearlong campaign": a duration of one unit."""
    return "DURATION", duration_value(1, m.group("lunit").lower()), None


def h_named_period(m: re.Match[str], c: Context, s: int, e: int) -> Result:
    """the weekend / the year / year-end / the nineties / the 20th century / nineteen ninety-six."""
    w = re.sub(r"\s+", " ", m.group(0).lower())
    if w.endswith("weekend"):
        if c.dct is None:
            return "DATE", None, None
        d = c.dct
        k = -1 if d.weekday() < 4 and c.tense(s, e) not in _AHEAD_TENSES else 0
        return "DATE", week_value(d + dt.timedelta(weeks=k)) + "-WE", None
    if w.endswith("year"):
        # "the year ended March 31" is a twelve-month period; otherwise, in news, "the year"
        # ("for the year", "earlier in the year", "a high for the year") is the current year.
        if _YEAR_ENDED.match(m.string, e) or c.dct is None:
            return "DURATION", "P1Y", None
        pre = _POINT_IN_YEAR.search(m.string, max(0, s - 24), s)
        return "DATE", str(c.dct.year), _part_mod(pre.group(1)) if pre else None
    if "end" in w and "year" in w:  # year-end, year's end
        if c.dct is None:
            return "DATE", None, None
        # TimeML writes "the end of <period>" as the period with mod END; "since year-end" is the
        # last one that has passed
        since = re.search(r"(?i)\bsince\s+$", m.string[max(0, s - 8):s])
        return "DATE", str(c.dct.year - (1 if since or c.dct.month <= 2 else 0)), "END"
    if w.endswith(("nineties", "eighties", "seventies", "sixties", "fifties", "forties", "thirties", "twenties")):
        return "DATE", "19" + str(_DECADE_WORDS[w.split()[-1]]), None
    if "century" in w:
        mm = re.search(r"(\d+)(?:st|nd|rd|th)", w)
        return ("DATE", f"{int(mm.group(1)) - 1:02d}", None) if mm else None
    yw = re.search(r"(?:nineteen|twenty)[\s-]+(?:hundred[\s-]+(?:and[\s-]+)?)?(\w+)(?:[\s-]+(\w+))?$", w)
    if w.startswith(("nineteen", "twenty")) and yw:
        century = 19 if w.startswith("nineteen") else 20
        tens = SMALL.get(yw.group(1), None)
        units = SMALL.get(yw.group(2) or "", 0)
        if tens is None or tens < 10 or units >= 10:
            return None
        return "DATE", f"{century}{tens + units:02d}", None
    if "two thousand" in w:
        rest = w.split("two thousand", 1)[1].strip(" -")
        n = SMALL.get(rest.replace("and ", ""), 0) if rest else 0
        return "DATE", f"{2000 + int(n):04d}", None
    return None


# --------------------------------------------------------------------------- the rule table
# A year read out in words, as in broadcast transcripts: "January nineteen ninety-seven".
_SPELLED_YEAR = (r"(?i:(?:nineteen|twenty)[\s-]+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
                 r"|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four"
                 r"|five|six|seven|eight|nine))?)")
_DATE_TAIL = (rf"(?:,?\s+(?P<year>{_YEAR}|'\d\d)|\s+(?P<ryear>(?i:(?:of\s+)?(?:last|this|next)\s+year))"
              rf"|,?\s+(?P<syear>{_SPELLED_YEAR}))?")
RULES: list[tuple[str, re.Pattern[str], Handler]] = [
    ("between", _c(rf"(?i:between)\s+(?P<bd1>{_DAYNUM})\s+(?i:and)\s+(?P<bd2>{_DAYNUM})\s+(?P<bmon>{_MON})(?:,?\s+(?P<byear>{_YEAR}))?{_E}"), h_between),
    ("iso", _c(rf"{_B}(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-3]\d)(?:[T ](?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?{_E}"), h_numeric_date),
    ("slash", _c(rf"{_B}(?P<a>[01]?\d|3[01]|2\d)/(?P<b>[0-3]?\d)/(?P<y>{_YEAR}|\d\d){_E}"), h_numeric_date),
    # Wednesday, October 17, 2023 | Oct. 17 | October 17th, 2023 | mid-October | early October 2023
    ("month_day", _c(rf"\b(?:{_WD},?\s+)?(?:(?i:the\s+)?(?P<part>(?i:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|the\s+middle\s+of|middle\s+of))[\s-]+)?(?:(?P<rel>(?i:last|next|this))\s+)?(?P<mon>{_MON})(?:\s+(?P<day>{_DAYNUM})(?!\d|:\d))?{_DATE_TAIL}{_E}"), h_full_date),
    ("day_month", _c(rf"{_B}(?:{_WD},?\s+)?(?:the\s+)?(?P<day>{_DAYNUM})(?:\s+of)?\s+(?P<mon>{_MON})(?:,?\s+(?P<year>{_YEAR}))?{_E}"), h_full_date),
    ("decade", _c(rf"(?<![\w$])(?:(?i:the)\s+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?(?:(?P<cent>(?:1[89]|20)\d0)'?s|'(?P<short>\d0)s){_E}"), h_decade),
    ("quarter", _c(rf"\b(?:(?i:the)\s+)?(?:(?P<qyear2>{_YEAR})(?:'s)?\s+)?(?:(?P<yrel>(?i:this|last|next|year[\s-]ago|year[\s-]earlier))(?:\s+year's)?\s+)?(?:(?P<qword>(?i:first|second|third|fourth|1st|2nd|3rd|4th|last|latest|previous|prior|preceding|current|next|coming|following|same|comparable|corresponding|year[\s-]ago|year[\s-]earlier|this))[\s-]+)?(?:(?i:fiscal|calendar)[\s-]+)?(?P<qunit>(?i:quarters?|half|(?<=latest\s)period|(?<=ago\s)period|(?<=earlier\s)period|(?<=\d\d\d\d\s)period))(?:\s+(?i:of)\s+(?:(?i:fiscal|calendar)\s+)?(?P<qyear>{_YEAR}))?(?P<qago>\s+(?i:a\s+year\s+(?:ago|earlier)))?{_E}"), h_quarter),
    ("qcode", _c(rf"\b(?P<qc>[QH])(?P<qn>[1-4])(?:\s*(?P<qy>{_YEAR}))?\b"), None),
    ("fiscal", _c(rf"{_B}(?i:fiscal(?:\s+year)?)\s+(?P<fy>{_YEAR}|'?\d\d){_E}"), h_fiscal),
    ("clock", _c(rf"(?<![\w.])(?:(?P<approx>(?i:about|around|approximately|roughly))\s+)?(?:{_B}(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s*(?P<ap>(?i:a\.\s?m\.?|p\.\s?m\.?|am|pm)(?![a-z])|(?<=\s)(?i:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b)|(?P<word>(?i:noon|midnight|midday|mid[- ]?afternoon|mid[- ]?morning))|{_B}(?P<hc>[01]?\d|2[0-3]):(?P<mc>[0-5]\d)(?![\d:]))(?:\s+(?:[A-Z]{{3}}|GMT|UTC))?(?:,?\s+(?:on\s+)?(?P<tday>{_WD}|(?i:yesterday|today|tomorrow|tonight)|{_MON}\s+{_DAYNUM}))?{_E}"), None),  # handler set below
    ("period_part", _c(r"\b(?i:(?:the\s+)?(?P<ppre>end|beginning|start|middle)\s+of\s+the\s+(?P<punit>month|week)|(?:(?<=later\sin\s)|(?<=earlier\sin\s))the\s+(?P<punit2>day))\b"), h_period_part),
    ("week_of", _c(rf"\b(?i:the\s+week\s+of)\s+(?P<wmon>{_MON})\s+(?P<wday>{_DAYNUM})(?:,?\s+(?P<wyear>{_YEAR}))?{_E}"), h_week_of),
    ("relword", _c(r"(?i:(?:(?:late|early)\s+)?(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|(?:mid-?)?(?:yesterday|today|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?|tonight|last\s+night|overnight|this\s+(?:morning|afternoon|evening)|later\s+this\s+(?:morning|afternoon|evening)))\b"), h_relword),
    ("weekday", _c(rf"(?:(?P<wrel>(?i:last|next|this\s+past|this\s+coming|this|coming|past|the\s+previous|the\s+following))\s+)?(?P<wd>{_WD})(?:'s)?(?:\s+(?P<wpart>(?i:morning|afternoon|evening|night)))?{_E}"), h_weekday),
    ("daypart_the", _c(r"(?:(?<=\bin\s)|(?<=\bduring\s))(?i:the\s+(?P<tpart>morning|afternoon|evening))\b(?!\s+(?:of|paper|papers|session|sessions|edition|editions|show|shows|news|newspaper|newspapers|star|stars|rush|hours?)\b)"), h_daypart_the),
    ("long_adj", _c(r"\b(?i:(?P<lunit>hour|day|night|week|month|year|decade|century)-?long)\b"), h_long_adj),
    ("anaphor", _c(r"\b(?i:(?:(?:earlier|later)\s+)?(?P<adet>that(?:\s+same)?|the\s+same|the\s+following|the\s+previous|the\s+prior|the\s+preceding|the\s+next(?=\s+(?:day|morning|afternoon|evening|night)\b))\s+(?P<aunit>day|morning|afternoon|evening|night|week|month|quarter|year))\b(?![\s-]+(?:old|or\s+so)\b)"), h_anaphor),
    ("relunit", _c(rf"\b(?i:(?:(?P<pre>earlier|later|early|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|the\s+start\s+of|the\s+middle\s+of|middle\s+of)\s+)?(?P<rel>last|this\s+past|this\s+coming|this|next|the\s+past|the\s+coming|the\s+previous|the\s+following|the\s+current|the\s+last|the\s+next|coming|previous)\s+(?:fiscal\s+)?(?P<runit>week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter))\b(?!-|\s+(?:and|or)\s+(?:next|last|this|early|late|beyond|into)\b)"), h_relunit),
    ("year_ago", _c(r"(?i:\b(?:a\s+)?year[\s-](?:earlier|ago)\b)(?!\s+(?:quarter|period|nine|six|three|twelve|first|second|third|fourth|level|figures?|results?))"), h_year_ago),
    ("range", _c(rf"\b(?i:(?:(?:the|a)\s+)?(?:(?:past|last|next|coming|first|following)\s+)?(?P<rn1>{_NUM})\s*(?:to|-)\s*(?P<rn2>{_NUM})[\s-]+(?P<rgunit>{_UNIT}))(?![\w-]|\s+(?:old|ago|earlier|later|before|after)\b)"), h_range),
    ("duration", _c(rf"\b(?i:(?:(?P<dmod>{_MODW})\s+)?(?:(?:the|a)\s+)?(?:(?:past|last|next|first|final|coming|previous|latest|following|remaining|initial|additional|further|year[\s-]earlier|year[\s-]ago)\s+)?(?P<dnum>{_NUM})[\s-]+(?:more\s+|additional\s+|full\s+|consecutive\s+|straight\s+|long\s+)?(?P<dunit>{_UNIT})(?P<dhalf>\s+and\s+a\s+half)?(?:\s+or\s+so)?(?:\s+(?P<adir>ago|earlier|later|before|after|from\s+now|hence|back))?)(?![\w-]|\s+old\b)"), h_duration),
    ("recent_units", _c(r"(?i:\b(?:recent|the\s+past\s+(?:few|several)|the\s+last\s+(?:few|several)|the\s+next\s+(?:few|several)|the\s+coming|coming|the\s+past|the\s+last)\s+(?P<runit2>years|months|weeks|days|decades|quarters))\b"), h_recent_units),
    ("bare_plural", _c(r"(?i:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bwithin\s)|(?<=\btake\s)|(?<=\btook\s)|(?<=\btakes\s)|(?<=\blast\s))(?P<bunit>years|months|weeks|decades|centuries)\b(?!\s+(?:ago|of|earlier|later))"), h_bare_plural),
    ("set", _c(r"(?i:\b(?:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)\b|\b(?:every|each)\s+(?:other\s+|two\s+|three\s+|\d+\s+)?(?:day|week|month|year|quarter|hour|night|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|years|months|weeks|days|hours)\b)"), h_set),
    ("set_rate", _c(r"(?i:(?<=[\d%])\s(?:a|per)\s+(?:year|day|week|month)\b|(?:(?<=million)|(?<=billion)|(?<=percent)|(?<=dollars)|(?<=barrels)|(?<=tons)|(?<=times)|(?<=shares))\s+(?:a|per)\s+(?:year|day|week|month)\b)"), h_set),
    ("season", _c(rf"(?:(?P<spart>(?i:early|mid|late))[\s-]+)?(?P<season>(?i:spring|summer|autumn|winter)|Fall|(?<=\bthe\s)fall(?!\s+of\s+(?:the\s+)?[^\W\d])|(?<=\bthis\s)fall)(?:\s+(?i:of\s+)?(?P<syear>{_YEAR}))?{_E}"), h_season),
    ("holiday", _c(rf"(?:(?i:last|next|this)\s+)?(?P<hol>Christmas(?:\s+Eve|\s+Day)?|New\s+Year's(?:\s+Eve|\s+Day)|Thanksgiving(?:\s+Day)?|Election\s+Day|Independence\s+Day|the\s+Fourth\s+of\s+July)(?:,?\s+(?P<hyear>{_YEAR}))?{_E}"), h_holiday),
    ("year", _c(rf"(?<![\w$.])(?:(?P<part>(?i:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|the\s+middle\s+of))[\s-]+)?(?:(?i:the\s+year|calendar|fiscal\s+year)\s+)?(?<![\w$.])(?<!\d-)(?P<year>{_YEAR})(?![\w%]|\.\d|,\d|\s*(?:-\s*)?(?:percent|shares|miles|km|tons|meters|feet|points|to\s+\d|Jr)\b)"), h_year),
    ("ref", _c(r"(?i:\b(?:right\s+now|now|currently|current(?!\s+(?:account|accounts|assets|liabilities|ratio)\b)|at\s+present|nowadays|these\s+days|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|recently|the\s+past|lately|in\s+recent\s+times)\b)"), h_ref),
    ("the_unit", _c(r"(?i:\b(?:the\s+year\s+)?two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?\b|\byear[\s-]end\b|\byear's\s+end\b|\bthe\s+(?:weekend|(?:full\s+|fiscal\s+)?year)\b(?![\s-]+(?:earlier|ago|old|before|after)\b|'s)|\bthe\s+(?:nineties|eighties|seventies|sixties|fifties|forties|thirties|twenties)\b|\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+century\b|\b(?:nineteen|twenty)[\s-]+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?\b)"), h_named_period),
]
RULES = [(n, r, h if h is not None else (h_qcode if n == "qcode" else h_clock)) for n, r, h in RULES]
_PRIORITY = {name: i for i, (name, _, _) in enumerate(RULES)}
# Words that look like time expressions but are not, in these senses.
_REJECT_AFTER = re.compile(r"\s*(?:-?\s*(?:old|year-old|month-old))\b", re.I)
_QUARTER_ENDED = re.compile(rf"\s+(?:that\s+|which\s+)?(?:ended|ending|through)\s+(?:on\s+)?({_MON})\s+(\d{{1,2}})\b")
_YEAR_ENDED = re.compile(r"(?i)\s+(?:that\s+|which\s+)?(?:ended|ending|ends|through|to)\b")
_POINT_IN_YEAR = re.compile(r"(?i)\b(earlier|later|early|late|end|beginning|start|middle|rest|balance|remainder)\s+(?:in|of)\s+$")
_COUNTED = re.compile(r"\s+(?:people|persons|troops|soldiers|fighters|civilians|dead|killed|wounded|injured|men|women|children|refugees|rounds|rockets|missiles|shells|homes|houses|families|cases|units|vehicles|tanks)\b", re.I)
_YEAR_PREP = re.compile(r"(?i)\b(?:in|since|by|of|until|from|during|before|after|through|early|late|mid)[\s-]+$")


# Each rule only runs in small windows around its anchor words: one cheap tokenising pass
# finds them, so text without time words costs almost nothing (a whole-text scan per rule
# was ~10x slower).
_UNITS_KW = ("second seconds minute minutes hour hours day days night nights week weeks weekend weekends month months "
             "quarter quarters year years decade decades century centuries")
_MONTH_KW = " ".join(MONTHS)
_WD_KW = " ".join(WEEKDAYS)
_ANCHORS: dict[str, str] = {
    "between": "between",
    "week_of": "week",
    "period_part": "month week day",
    "month_day": _MONTH_KW,
    "day_month": _MONTH_KW,
    "quarter": "quarter quarters half period",
    "fiscal": "fiscal",
    "qcode": "q h",
    "clock": "noon midnight midday afternoon morning evening night",
    "relword": "yesterday today tomorrow tonight night overnight morning afternoon evening midyesterday",
    "weekday": _WD_KW,
    "daypart_the": "morning afternoon evening",
    "long_adj": "long hourlong daylong nightlong weeklong monthlong yearlong decadelong",
    "anaphor": "day morning afternoon evening night week month quarter year",
    "relunit": "week weekend month year quarter decade century spring summer fall autumn winter",
    "year_ago": "year",
    "duration": _UNITS_KW,
    "range": _UNITS_KW,
    "recent_units": "years months weeks days decades quarters",
    "bare_plural": "years months weeks decades centuries",
    "set": "daily weekly monthly annually yearly hourly nightly biweekly every each",
    "set_rate": "year day week month",
    "season": "spring summer fall autumn winter",
    "holiday": "christmas year thanksgiving independence fourth election",
    "ref": "now current currently present presently nowadays days future soon recently previously formerly past lately once times",
    "the_unit": "weekend year nineties eighties seventies sixties fifties forties thirties twenties century nineteen twenty thousand",
}
_DIGIT_RULES = ("iso", "slash", "decade", "clock", "year", "the_unit")
_DIGIT_NEXT = re.compile(r"[-/:']|\s*(?:[ap]\.?\s?m\b|[AP]M\b)|s\b|(?:st|nd|rd|th)\s+century|\s+(?:o'clock|GMT|UTC)", re.I)
# How far before / after its anchor word a rule's match can start / end (characters).
_REACH: dict[str, tuple[int, int]] = {
    "iso": (2, 30), "slash": (8, 14), "decade": (18, 8), "clock": (16, 40), "year": (22, 12),
    "weekday": (16, 20), "month_day": (45, 30), "week_of": (4, 40), "period_part": (30, 8), "day_month": (30, 30), "set": (30, 30),
    "relword": (30, 30), "daypart_the": (16, 2), "long_adj": (10, 2), "anaphor": (40, 4), "relunit": (40, 10), "quarter": (45, 30), "fiscal": (4, 14),
    "ref": (12, 10), "year_ago": (5, 12), "season": (12, 12), "holiday": (6, 30),
    "the_unit": (28, 40), "duration": (40, 24), "range": (40, 4), "recent_units": (40, 10), "bare_plural": (2, 12),
    "set_rate": (14, 2), "qcode": (1, 8),
}
# A cheap test a window must pass before a costly rule runs on it: ranges need "N to M".
_PREFILTER: dict[int, re.Pattern[str]] = {
    _PRIORITY["range"]: re.compile(r"(?i)(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                                   r"fifteen|twenty|thirty|forty|fifty|sixty|few))\s*(?:to|-)\s*[\da-z]"),
    _PRIORITY["anaphor"]: re.compile(r"(?i)\b(?:that|same|following|previous|prior|preceding|next)\s"),
    # day-part words anchor clock times ("4 in the morning") only when a number is near
    _PRIORITY["clock"]: re.compile(r"(?i)\d|noon|midnight|midday|mid[- ]?(?:afternoon|morning)"),
    _PRIORITY["long_adj"]: re.compile(r"(?i)(?:hour|day|night|week|month|year|decade|century)-?long"),
}
_KW: dict[str, list[int]] = {}
for _name, _words in _ANCHORS.items():
    for _w in _words.split():
        _KW.setdefault(_w, []).append(_PRIORITY[_name])
_DIGIT_IDX = [_PRIORITY[n] for n in _DIGIT_RULES]
_REACH_IDX = [_REACH.get(name, (70, 60)) for name, _, _ in RULES]
_TOKEN = re.compile(r"[a-z]+|\d+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _candidates(text: str) -> Iterator[tuple[int, int, int, re.Match[str]]]:
    windows: dict[int, list[tuple[int, int]]] = {}
    kw_get = _KW.get
    for m in _TOKEN.finditer(text.translate(_ASCII_LOWER)):  # same length, so offsets hold
        w = m.group()
        if w[0].isdigit():
            # numbers are everywhere in news: only years, and numbers that look like dates/clock times
            if len(w) == 4 and w[0] in "12" and 1800 <= int(w) < 2100:
                idxs = _DIGIT_IDX
            elif len(w) <= 2 and _DIGIT_NEXT.match(text, m.end()):
                idxs = _DIGIT_IDX
            else:
                continue
        else:
            idxs = kw_get(w)
        if idxs:
            a, b = m.span()
            for i in idxs:
                back, ahead = _REACH_IDX[i]
                windows.setdefault(i, []).append((max(0, a - back), b + ahead))
    n = len(text)
    for idx, spans in windows.items():
        rx = RULES[idx][1]
        seen: set[tuple[int, int]] = set()
        merged: list[list[int]] = []
        for lo, hi in spans:  # already in text order
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        pre = _PREFILTER.get(idx)
        for lo, hi in merged:
            sp = text.rfind(" ", 0, lo) + 1 if lo else 0  # never start inside a word
            if pre is not None and not pre.search(text, sp, min(n, hi)):
                continue
            for m in rx.finditer(text, sp, min(n, hi)):
                s, e = m.span()
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1] in " \t\n,":
                    e -= 1
                if e > s and (s, e) not in seen:
                    seen.add((s, e))
                    yield s, e, idx, m


def _select(cands: list[tuple[int, int, int, re.Match[str]]]) -> list[tuple[int, int, int, re.Match[str]]]:
    """Longest match wins; ties go to the rule listed first; no overlaps."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for c in cands:
        if any(c[0] < e and s < c[1] for s, e in taken):
            continue
        taken.append((c[0], c[1]))
        out.append(c)
    out.sort(key=lambda c: c[0])
    return out


_POINT = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?![\dX])")
_INTERVAL_START = re.compile(r"(?i)\b(since|from|starting|beginning|as\s+of)\s+(?:on\s+|in\s+)?$")
_INTERVAL_END = re.compile(r"(?i)\b(until|till|through|to|by)\s+(?:on\s+|in\s+)?$")


def find_timexes(text: str, ctx: Context, skip: Callable[[int, int], bool] | None = None) -> list[Timex]:
    """All time expressions in ``text``, normalised, in text order."""
    cands = [c for c in _candidates(text) if not (skip and skip(c[0], c[1]))]
    out: list[Timex] = []
    for s, e, idx, m in _select(cands):
        if out and s < out[-1].end:  # inside the second day of an "April 24 and 25" just added
            continue
        name, _, handler = RULES[idx]
        span = text[s:e]
        if name == "month_day" and span in ("May", "March") and not _month_alone_ok(text, s, e):
            continue
        if name == "month_day" and span.lower() in MONTHS and _PLACE_AFTER.match(text, e):
            continue  # "August Town", "May Pen": a month name that starts a place name
        if name in ("year", "decade") and _REJECT_AFTER.match(text, e):
            continue
        if name == "year" and _COUNTED.match(text, e) and not _YEAR_PREP.search(text, max(0, s - 12), s):
            continue  # "2000 troops", "1990 killed": a count, not a year
        if name == "ref" and span.lower() == "the past" and re.match(r"\s+\d", text[e:e + 3]):
            continue
        if name == "clock" and span.lower() == "noon" and text[max(0, s - 5):s].lower() == "high ":
            continue  # "High Noon": a film title or a showdown, not a clock time
        ctx.notes.pop("interval", None)
        ctx.notes.pop("end", None)
        try:
            res = handler(m, ctx, s, e)
        except (ValueError, KeyError, OverflowError, IndexError):
            log.debug("could not normalise %r", span, exc_info=True)
            res = None
        except Exception:  # a grammar bug must cost one expression, never the article
            log.warning("timex rule %s failed on %r", name, span, exc_info=True)
            res = None
        if res is None:
            continue
        typ, value, mod = res
        new_end = ctx.notes.get("end")
        if isinstance(new_end, int) and s < new_end < e:
            e = new_end
            while e > s and text[e - 1].isspace():
                e -= 1
            span = text[s:e]
        if typ == "DATE" and value and name in ("weekday", "month_day", "day_month"):
            # "the day before last Tuesday's hearing": one point, a day off the named one
            dm = _DAY_BEFORE.search(text, max(0, s - 20), s)
            dv = _DAY_VALUE.match(value)
            if dm and dv and dv.group(1) != "XXXX" and (not out or out[-1].end <= dm.start()):
                try:
                    day = dt.date(int(dv.group(1)), int(dv.group(2)), int(dv.group(3)))
                except ValueError:
                    day = None
                if day is not None:
                    day += dt.timedelta(days=-1 if dm.group(1).lower() == "before" else 1)
                    s, value, span = dm.start(), _iso(day), text[dm.start():e]
                    ctx.last_date = day
        anchored = ctx.dct is not None and value is not None and name not in ("iso", "slash", "year", "decade", "fiscal") \
            and not (name in ("month_day", "day_month") and m.groupdict().get("year"))
        if typ in ("DATE", "TIME") and value:
            pm = _POINT.match(value)
            if pm:
                ctx.last_point = (int(pm.group(1)), int(pm.group(2)) if pm.group(2) else None,
                                  int(pm.group(3)) if pm.group(3) else None)
        tx = Timex(s, e, span, typ, value, mod, anchored)
        iv = ctx.notes.get("interval")
        if iv:
            tx.interval_start, tx.interval_end = iv  # type: ignore[misc]
        elif typ in ("DATE", "TIME") and value and value[0].isdigit():
            before = text[max(0, s - 20):s]
            if _INTERVAL_START.search(before):
                tx.interval_start = value
                if ctx.dct is not None and before.strip().lower().endswith("since"):
                    tx.interval_end = _iso(ctx.dct)
            elif _INTERVAL_END.search(before) and not before.rstrip().lower().endswith(("to", "by")):
                tx.interval_end = value
        out.append(tx)
        if name in ("month_day", "day_month") and typ == "DATE" and value and _DAY_VALUE.match(value):
            extra = _second_day(text, tx, ctx)
            if extra is not None:
                out.append(extra)
    return out


_DAY_VALUE = re.compile(r"^(\d{4}|XXXX)-(\d\d)-(\d\d)$")
_DAY_BEFORE = re.compile(r"(?i)\bthe\s+day\s+(before|after)\s+$")
# "April 24 and 25": the second number is a day of the same month, unless it counts something.
_AND_DAY = re.compile(rf"\s+(?:and|or)\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w%$]|[.,]\d|\s*(?:percent|%)|\s+(?:of\s+)?{_MON})")


def _second_day(text: str, first: Timex, ctx: Context) -> Timex | None:
    """The second day of a "<month> <day> and <day>" pair, as its own DATE."""
    m = _AND_DAY.match(text, first.end)
    vm = _DAY_VALUE.match(first.value or "")
    if m is None or vm is None:
        return None
    day = int(m.group("d"))
    if day <= int(vm.group(3)):
        return None
    s, e = m.start("d"), m.end()
    value = f"{vm.group(1)}-{vm.group(2)}-{day:02d}"
    if vm.group(1) != "XXXX":
        try:
            dt.date(int(vm.group(1)), int(vm.group(2)), day)
        except ValueError:
            return None
    return Timex(s, e, text[s:e], "DATE", value, None, first.anchored)


_PLACE_AFTER = re.compile(r" (?:Town|City|Pen|Hill|Hills|Street|Road|Square|Park|Bay|Island|Village|Valley|Avenue|"
                          r"Bridge|Camp|Estate|Gardens|Heights)\b")


def _month_alone_ok(text: str, s: int, e: int) -> bool:
    """A bare "May"/"March" is a month only after a preposition/determiner or before a year/day."""
    before = text[max(0, s - 12):s].lower()
    return bool(re.search(r"\b(in|since|until|by|of|during|last|next|this|early|late|mid|from|through|to|before|after|the)\s+$", before))


def normalise_expression(expr: str, dct: str | None = None, tense: Tense = None) -> Timex | None:
    """Normalise one expression string on its own (for tests and the speed bench)."""
    ctx = Context(dct=parse_dct(dct), tense=lambda s, e: tense)
    found = find_timexes(expr, ctx)
    return max(found, key=lambda t: t.end - t.start) if found else None
