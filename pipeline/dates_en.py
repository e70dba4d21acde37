"""English temporal expressions found with regular expressions (dateparser is not used as a finder).

Covers month-name dates (``December 26th, 2024``, ``Dec. 26``, ``26 December 2024``, ``March last
year``), numeric dates (``2024-11-05``, ``2025.01.06``, ``01/06/2025``), years in date-like contexts
(``in 2024``, ``2024's``, ``the 2019 Spring Festival``), decades, ``this year``/``last month``/
``yesterday``, days of the week, vague references (``recent years``, ``currently``, ``the future``),
durations with a number (``300 years``, ``five years``; not ``five-year plan``) and ``every year``.
The modal ``may``/``May`` at a sentence start, ordinals in names and record numbers are not dates.
"""

from __future__ import annotations

import datetime as dt
import re

from pipeline.timex import (
    DATE,
    DURATION,
    SET,
    TIME,
    Timex,
    antecedent_year,
    fmt,
    holiday_value,
    partial_value,
    select,
    sentence_around,
    shift_day,
    shift_month_value,
    shift_year,
    valid_ymd,
    weekday_value,
)

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]
_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
         "oct": 10, "nov": 11, "dec": 12}
_MON = rf"(?P<mon>(?i:{'|'.join(_MONTHS)}|(?:{'|'.join(sorted(_ABBR, key=len, reverse=True))})\.?)(?![A-Za-z]))"
_FULL = rf"(?P<mon>(?i:{'|'.join(_MONTHS)})(?![A-Za-z]))"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\w])"
_YEAR = r"(?P<y>(?:1[0-9]|20)\d{2})(?![\d]|[.,]\d)"
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMWORD = (rf"(?:(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_UNITS)}))?|{'|'.join(_TEENS)}|{'|'.join(_UNITS)})"
            r"(?:\s+hundred)?|(?:a\s+|one\s+)?hundred")
_NUM = rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?i:{_NUMWORD}))"
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_DUR_UNITS = {"year": "P{}Y", "month": "P{}M", "week": "P{}W", "day": "P{}D", "hour": "PT{}H",
              "minute": "PT{}M", "decade": "P{}Y", "centur": "P{}Y"}
_VAGUE = {"recent years": "PAST_REF", "recent months": "PAST_REF", "recent days": "PAST_REF",
          "recently": "PAST_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
          "presently": "PRESENT_REF", "nowadays": "PRESENT_REF", "now": "PRESENT_REF",
          "current": "PRESENT_REF"}
_REL = {"this": 0, "last": -1, "next": 1}
_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}

_MDY = re.compile(rf"\b{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?")
_DMY = re.compile(rf"(?<![\w.,]){_DAY}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?")
_MY = re.compile(rf"\b{_MON},?\s+{_YEAR}")
_MREL = re.compile(rf"\b{_FULL}\s+(?P<rel>(?i:last|this|next))\s+(?i:year)\b")
_RELM = re.compile(rf"\b(?P<rel>(?i:last|this|next))\s+{_FULL}")
_MONLY = re.compile(rf"\b{_FULL}")
_MONTH_PREP = re.compile(r"\b(?:in|of|since|until|till|by|from|during|before|after|through|throughout|"
                         r"early|late|mid|end|beginning)[\s-]+$", re.I)
_NUMERIC = re.compile(r"(?<![\w.\-/])(?:(?P<y>(?:19|20)\d{2})(?P<s>[-./])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})"
                      r"(?:[T ](?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d)(?::[0-5]\d)?)?"
                      r"|(?P<a>\d{1,2})(?P<t>[/.])(?P<b>\d{1,2})(?P=t)(?P<y2>(?:19|20)\d{2}))(?![\w]|[-./:]\d)")
_BARE_YEAR = re.compile(r"(?<![\w.,$€£¥/:])(?P<y>(?:19|20)\d{2})(?![\w]|[.,/:\-]\d|\s*%)")
_STRONG = re.compile(r"\b(?:in|since|until|till|during|before|after|throughout|circa|as\s+of|year|"
                     r"early|late|mid|spring|summer|autumn|fall|winter)[\s-]+$", re.I)
_WEAK = re.compile(r"\b(?:of|the|for|from|between|by|around|c\.)\s+$", re.I)
_RANGE = re.compile(r"(?:19|20)\d{2}\s*(?:to|and|or|through|until|till|-|–)\s*$", re.I)
_WEAK_NEXT = re.compile(r"\s*(?:$|[^\w\s]|[A-Z]|(?:to|and|or|through|until|till|when|the)\b)")
_POSSESSIVE = re.compile(r"['’]s\b")
_DECADE = re.compile(r"(?<![\w.,])(?P<y>(?:19|20)\d)0s\b")
_RELWORD = re.compile(r"\b(?P<rel>this|last|next)\s+(?P<u>year|month)\b", re.I)
_DAYWORD = re.compile(r"\b(?:yesterday|today|tomorrow)\b", re.I)
_VAGUE_RE = re.compile(rf"\b(?:{'|'.join(sorted(_VAGUE, key=len, reverse=True))})\b", re.I)
_NOT_CURRENT = re.compile(r"(?:electric|alternating|direct|ocean|strong|weak)\s+$", re.I)
_CURRENT_NEXT = re.compile(r"\s+(?!(?:of|in|at|to|and|or|is|was|flows?|from|through)\b)[a-z]")
_HOLIDAY = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s+)?(?P<h>Spring Festival|New Year's Day|New Year’s Day)\b")
_SAME_YEAR = re.compile(r"\b(?:the\s+)?same\s+year\b", re.I)
_FUTURE_REF = re.compile(r"\bin\s+(?P<s>(?:the\s+)?(?:near\s+|foreseeable\s+|distant\s+)?future)\b", re.I)
_PAST_REF = re.compile(r"\bin\s+(?P<s>the\s+past)\b(?!\s+(?:\d|few|several|decade|year|month|week|day|"
                       rf"{_NUMWORD}))", re.I)
_WEEKDAY = re.compile(rf"\b(?:(?P<rel>(?i:last|next|this))\s+)?(?P<wd>{'|'.join(_WEEKDAYS)})(?![\w])")
_DURATION = re.compile(rf"(?<![\w\-.,$]){_NUM}\s+(?P<u>(?i:years?|months?|weeks?|days?|hours?|minutes?|"
                       r"decades?|century|centuries))(?![\w-])")
_SET = re.compile(rf"\b(?i:every|each)\s+(?:{_NUM}\s+)?(?P<u>(?i:year|month|week|day))s?\b")
_FUTURE = re.compile(r"\b(?:will|shall|going to|plans? to|upcoming|coming|next)\b", re.I)


def month_number(name: str) -> int | None:
    """1–12 for a (capitalised or upper-case) month name or abbreviation, else ``None``."""
    if not name[:1].isupper():
        return None
    key = name.rstrip(".").lower()
    return _MONTHS.index(key) + 1 if key in _MONTHS else _ABBR.get(key)


def number_value(word: str) -> float | None:
    """The number a digit string or an English number word (``twenty-five``, ``three hundred``) stands for."""
    w = word.lower().replace(",", "")
    try:
        return float(w)
    except ValueError:
        pass
    total = 0
    for part in re.split(r"[\s-]+", w):
        if part in _UNITS:
            total += _UNITS.index(part) + 1
        elif part in _TEENS:
            total += _TEENS.index(part) + 10
        elif part in _TENS:
            total += (_TENS.index(part) + 2) * 10
        elif part == "hundred":
            total = max(total, 1) * 100
        elif part not in ("a",):
            return None
    return float(total) or None


def _past(text: str, start: int, end: int) -> bool:
    """Whether the sentence around a span speaks of the past (no future marker)."""
    return not _FUTURE.search(sentence_around(text, start, end, ".!?\n"))


def _month_dates(text: str, anchor: dt.date | None) -> list[Timex]:
    """Dates built on a month name."""
    out: list[Timex] = []
    for rx in (_MDY, _DMY, _MY):
        for m in rx.finditer(text):
            month = month_number(m["mon"])
            day = int(m["d"]) if "d" in m.groupdict() and m["d"] else None
            year = int(m["y"]) if m["y"] else None
            if month is None or (day is not None and not valid_ymd(year or 2000, month, day)):
                continue
            if year is not None:
                gran = "day" if day else "month"
                out.append(Timex(m.start(), m.end(), DATE, fmt(year, month, day), gran, False))
            elif (value := partial_value(month, day, anchor, _past(text, m.start(), m.end()))):
                out.append(Timex(m.start(), m.end(), DATE, value, "day", True))
    for m in _MREL.finditer(text):
        month = month_number(m["mon"])
        if month:
            year = anchor.year + _REL[m["rel"].lower()] if anchor else None
            out.append(Timex(m.start(), m.end(), DATE, fmt(year, month), "month", True))
    for m in _RELM.finditer(text):
        month, rel = month_number(m["mon"]), _REL[m["rel"].lower()]
        if month and anchor:
            year = anchor.year
            if rel < 0 and month >= anchor.month:
                year -= 1
            elif rel > 0 and month <= anchor.month:
                year += 1
            out.append(Timex(m.start(), m.end(), DATE, fmt(year, month), "month", True))
        elif month:
            out.append(Timex(m.start(), m.end(), DATE, fmt(None, month), "month", True))
    for m in _MONLY.finditer(text):
        month = month_number(m["mon"])
        if month and _MONTH_PREP.search(text[max(0, m.start() - 20) : m.start()]):
            value = partial_value(month, None, anchor, _past(text, m.start(), m.end()))
            if value:
                out.append(Timex(m.start(), m.end(), DATE, value, "month", True))
    return out


def _numeric_dates(text: str) -> list[Timex]:
    """ISO, dotted and slashed dates, years in date-like contexts, decades."""
    out: list[Timex] = []
    for m in _NUMERIC.finditer(text):
        if m["y"]:
            year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
        else:
            a, b, year = int(m["a"]), int(m["b"]), int(m["y2"])
            month, day = (b, a) if m["t"] == "." or a > 12 else (a, b)
        if valid_ymd(year, month, day) and m["hh"]:
            value = f"{fmt(year, month, day)}T{m['hh']}:{m['mm']}"
            out.append(Timex(m.start(), m.end(), TIME, value, "time", False))
        elif valid_ymd(year, month, day):
            out.append(Timex(m.start(), m.end(), DATE, fmt(year, month, day), "day", False))
    for m in _BARE_YEAR.finditer(text):
        before, after = text[max(0, m.start() - 20) : m.start()], text[m.end() :]
        if (_POSSESSIVE.match(after) or _STRONG.search(before) or _RANGE.search(before)
                or (_WEAK.search(before) and _WEAK_NEXT.match(after))):
            out.append(Timex(m.start(), m.end(), DATE, m["y"], "year", False))
    for m in _DECADE.finditer(text):
        out.append(Timex(m.start(), m.end(), DATE, f"{m['y']}X", "decade", False))
    return out


def _relative(text: str, anchor: dt.date | None) -> list[Timex]:
    """this/last/next year or month, yesterday/today/tomorrow, days of the week, vague references."""
    out: list[Timex] = []
    for m in _RELWORD.finditer(text):
        rel = _REL[m["rel"].lower()]
        if m["u"].lower() == "year":
            out.append(Timex(m.start(), m.end(), DATE, shift_year(anchor, rel), "year", True))
        else:
            out.append(Timex(m.start(), m.end(), DATE, shift_month_value(anchor, rel), "month", True))
    for m in _DAYWORD.finditer(text):
        value = shift_day(anchor, _DAYS[m.group().lower()])
        out.append(Timex(m.start(), m.end(), DATE, value, "day", True))
    for m in _WEEKDAY.finditer(text):
        relation = {"last": "before", "next": "after", "this": "this_week"}[m["rel"].lower()] if m["rel"] else ""
        value = weekday_value(_WEEKDAYS.index(m["wd"]), anchor, _past(text, m.start(), m.end()), relation)
        out.append(Timex(m.start(), m.end(), DATE, value, "day", True))
    for m in _VAGUE_RE.finditer(text):
        value = _VAGUE[re.sub(r"\s+", " ", m.group().lower())]
        if value == "PRESENT_REF" and m.group().lower() == "current" and (
                _NOT_CURRENT.search(text[max(0, m.start() - 12) : m.start()])
                or not _CURRENT_NEXT.match(text, m.end())):
            continue  # only the adjective before a word: "current social work"
        out.append(Timex(m.start(), m.end(), DATE, value, "vague", True))
    for rx, value in ((_FUTURE_REF, "FUTURE_REF"), (_PAST_REF, "PAST_REF")):
        for m in rx.finditer(text):
            out.append(Timex(m.start("s"), m.end("s"), DATE, value, "vague", True))
    return out


def _durations(text: str) -> list[Timex]:
    """Durations with a number (``300 years``) and sets (``every year``)."""
    out: list[Timex] = []
    for m in _DURATION.finditer(text):
        n, unit = number_value(m["n"]), m["u"].lower()
        if not n:
            continue
        key = next(k for k in _DUR_UNITS if unit.startswith(k))
        n *= 10 if key == "decade" else 100 if key == "centur" else 1
        amount = str(int(n)) if n == int(n) else f"{n:g}"
        out.append(Timex(m.start(), m.end(), DURATION, _DUR_UNITS[key].format(amount), "duration", False))
    for m in _SET.finditer(text):
        n = number_value(m["n"]) if m["n"] else 1
        if n and n == int(n):
            unit = m["u"].lower()
            out.append(Timex(m.start(), m.end(), SET, _DUR_UNITS[unit].format(int(n)), "set", False))
    return out


def find_dates_en(text: str, anchor: dt.date | None) -> list[Timex]:
    """Temporal expressions in English ``text`` (offsets into ``text``), resolved against ``anchor``."""
    cands = _month_dates(text, anchor) + _numeric_dates(text) + _relative(text, anchor) + _durations(text)
    for m in _HOLIDAY.finditer(text):
        name = "spring_festival" if m["h"].startswith("Spring") else "new_year"
        hol = holiday_value(name, int(m["y"]) if m["y"] else None, anchor, _past(text, m.start(), m.end()))
        if hol:
            cands.append(Timex(m.start(), m.end(), DATE, *hol))
    for m in _SAME_YEAR.finditer(text):
        year = antecedent_year(cands, m.start())
        if year is not None:
            cands.append(Timex(m.start(), m.end(), DATE, fmt(year), "year", True))
    return select(cands)
