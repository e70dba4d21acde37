"""TIMEX3-style temporal expressions: the shared record and the pure helpers the finders use.

Values follow ``tests/gold/DATES_GUIDELINES.md``: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, decades
``201X``, ``PAST_REF``/``PRESENT_REF``/``FUTURE_REF``, times ``…TMI`` or ``…Thh:mm``, durations
``P3Y``/``PT5H`` and sets ``P1Y``. Without an anchor, anchor-dependent parts are ``X``
placeholders (``XXXX-12-26``, ``XXXX``), so a caller can find dates, infer an anchor, then rerun.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"
GRANULARITIES = ("day", "month", "year", "decade", "time", "duration", "set", "vague")

_YMD = r"(?:[0-9X]{4}(?:-(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12][0-9]|3[01]|XX))?)?)"
_TOD = r"(?:T(?:MO|MI|AF|EV|NI|(?:[01][0-9]|2[0-3]):[0-5][0-9]))"
_DUR = r"(?:P(?:\d+(?:\.\d+)?[YMWD])+|PT\d+(?:\.\d+)?[HMS])"
TIMEX_VALUE = re.compile(
    rf"^(?:{_YMD}|[0-9]{{3}}X|PAST_REF|PRESENT_REF|FUTURE_REF|(?:[0-9X]{{4}}-(?:0[1-9]|1[0-2]|XX)-"
    rf"(?:0[1-9]|[12][0-9]|3[01]|XX)){_TOD}|{_DUR})$"
)


@dataclass(frozen=True)
class Timex:
    """One temporal expression: code-point span, TIMEX3 type and value, and how it was resolved."""

    start: int
    end: int
    type: str
    value: str
    granularity: str
    relative: bool


def valid_value(value: str) -> bool:
    """Whether ``value`` is a TIMEX3 value of the forms this project uses."""
    return bool(TIMEX_VALUE.fullmatch(value))


def fmt(year: int | None, month: int | None = None, day: int | None = None) -> str:
    """``YYYY[-MM[-DD]]`` with ``X`` placeholders for unknown parts (``XXXX-12-26``)."""
    out = f"{year:04d}" if year is not None else "XXXX"
    if month is not None or day is not None:
        out += f"-{month:02d}" if month is not None else "-XX"
    if day is not None:
        out += f"-{day:02d}"
    return out


def valid_ymd(year: int, month: int, day: int | None = None) -> bool:
    """Whether the (possibly day-less) date exists."""
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def shift_year(anchor: dt.date | None, delta: int) -> str:
    """Value of "this year" moved by ``delta`` years (``XXXX`` without an anchor)."""
    return fmt(anchor.year + delta) if anchor else "XXXX"


def shift_month_value(anchor: dt.date | None, delta: int) -> str:
    """Value of "this month" moved by ``delta`` months (``XXXX-XX`` without an anchor)."""
    if anchor is None:
        return "XXXX-XX"
    return fmt(*shift_month(anchor.year, anchor.month, delta))


def shift_day(anchor: dt.date | None, delta: int) -> str:
    """Value of "today" moved by ``delta`` days (``XXXX-XX-XX`` without an anchor)."""
    if anchor is None:
        return "XXXX-XX-XX"
    return (anchor + dt.timedelta(days=delta)).isoformat()


def pick_year(month: int, day: int | None, anchor: dt.date, past: bool = False) -> int | None:
    """Year for a partial date: among anchor.year−1…+1 the one closest to the anchor.

    Ties go to the earlier year; with ``past`` the candidates after the anchor are dropped
    first (when any remain). A day-less date is compared month to month. ``None`` when the
    date exists in none of the years (30 February).
    """
    cands: list[tuple[int, int]] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if not valid_ymd(year, month, day if day is not None else None):
            continue
        if day is None:
            diff = (year * 12 + month) - (anchor.year * 12 + anchor.month)
        else:
            diff = (dt.date(year, month, day) - anchor).days
        cands.append((diff, year))
    if past and any(d <= 0 for d, _ in cands):
        cands = [c for c in cands if c[0] <= 0]
    if not cands:
        return None
    return min(cands, key=lambda c: (abs(c[0]), c[1]))[1]


def partial_value(month: int, day: int | None, anchor: dt.date | None, past: bool = False) -> str | None:
    """Value of a year-less date (``XXXX-MM[-DD]`` without an anchor); ``None`` if impossible."""
    if anchor is None:
        return fmt(None, month, day) if valid_ymd(2000, month, day) else None
    year = pick_year(month, day, anchor, past)
    return None if year is None else fmt(year, month, day)


def weekday_value(weekday: int, anchor: dt.date | None, past: bool = True, relation: str = "") -> str:
    """Date of a day of the week (0 = Monday) near the anchor.

    ``relation``: ``""`` the closest occurrence (not after the anchor when ``past``);
    ``this_week``/``last_week``/``next_week`` that day of the anchor's, previous or next
    calendar week (本周五, 上周五); ``before``/``after`` the nearest occurrence strictly
    before or after the anchor (English "last Monday", "next Friday").
    """
    if anchor is None:
        return "XXXX-XX-XX"
    back = (anchor.weekday() - weekday) % 7
    fwd = (weekday - anchor.weekday()) % 7
    weeks = {"this_week": 0, "last_week": -1, "next_week": 1}
    if relation in weeks:
        delta = weekday - anchor.weekday() + 7 * weeks[relation]
    elif relation == "before":
        delta = -(back or 7)
    elif relation == "after":
        delta = fwd or 7
    else:
        delta = -back if past or back <= fwd else fwd
    return (anchor + dt.timedelta(days=delta)).isoformat()


def day_of_month_value(day: int, anchor: dt.date | None) -> str | None:
    """``N日`` in a dateline: the anchor's month, or the month before when ``day`` is later."""
    if anchor is None:
        return fmt(None, None, day) if 1 <= day <= 31 else None
    year, month = anchor.year, anchor.month
    if day > anchor.day:
        year, month = shift_month(year, month, -1)
    return fmt(year, month, day) if valid_ymd(year, month, day) else None


# Spring Festival (Chinese New Year's Day) by year; fixed-date holidays by name.
SPRING_FESTIVAL = {
    2000: (2, 5), 2001: (1, 24), 2002: (2, 12), 2003: (2, 1), 2004: (1, 22), 2005: (2, 9), 2006: (1, 29),
    2007: (2, 18), 2008: (2, 7), 2009: (1, 26), 2010: (2, 14), 2011: (2, 3), 2012: (1, 23), 2013: (2, 10),
    2014: (1, 31), 2015: (2, 19), 2016: (2, 8), 2017: (1, 28), 2018: (2, 16), 2019: (2, 5), 2020: (1, 25),
    2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6),
    2028: (1, 26), 2029: (2, 13), 2030: (2, 3),
}
FIXED_HOLIDAYS = {"new_year": (1, 1), "national_day": (10, 1)}


def holiday_value(
    name: str, year: int | None, anchor: dt.date | None, past: bool = True
) -> tuple[str, str, bool] | None:
    """(value, granularity, relative) of a holiday (``spring_festival``, ``new_year``, ``national_day``).

    With a stated year the value is that year's date (the bare year when it is outside the
    Spring Festival table); without one, the occurrence closest to the anchor (not after it
    when ``past``); ``None`` when the anchor is outside the Spring Festival table.
    """
    def on(y: int) -> tuple[int, int] | None:
        return SPRING_FESTIVAL.get(y) if name == "spring_festival" else FIXED_HOLIDAYS[name]

    if year is not None:
        md = on(year)
        return (fmt(year, *md), "day", False) if md else (fmt(year), "year", False)
    if anchor is None:
        md = None if name == "spring_festival" else FIXED_HOLIDAYS[name]
        return (fmt(None, *md) if md else "XXXX-XX-XX"), "day", True
    cands = [dt.date(y, *md) for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (md := on(y))]
    if past and any(d <= anchor for d in cands):
        cands = [d for d in cands if d <= anchor]
    if not cands:
        return None
    return min(cands, key=lambda d: (abs((d - anchor).days), d)).isoformat(), "day", True


def antecedent_year(cands: list[Timex], start: int) -> int | None:
    """Year of the last dated candidate ending before ``start`` (for "the same year", 同年)."""
    before = [c for c in cands if c.end <= start and c.type in (DATE, TIME) and c.value[:4].isdigit()]
    return int(max(before, key=lambda c: c.end).value[:4]) if before else None


def select(cands: list[Timex]) -> list[Timex]:
    """Non-overlapping, longest-first selection of candidates, returned sorted by start."""
    chosen: list[Timex] = []
    for c in sorted(cands, key=lambda t: (-(t.end - t.start), t.start)):
        if c.end > c.start and all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda t: t.start)


def attach_time(date: Timex, end: int, part: str, relative: bool | None = None) -> Timex | None:
    """A TIME covering ``date`` and the time-of-day after it (``TMI``, ``T14:30``); day dates only."""
    if date.granularity != "day":
        return None
    rel = date.relative if relative is None else relative
    return Timex(date.start, end, TIME, f"{date.value}T{part}", "time", rel)


def sentence_around(text: str, start: int, end: int, stops: str) -> str:
    """The stretch of ``text`` between the sentence stops around ``[start, end)``."""
    left = max(text.rfind(ch, 0, start) for ch in stops)
    rights = [i for i in (text.find(ch, end) for ch in stops) if i >= 0]
    return text[left + 1 : min(rights) if rights else len(text)]
