"""Chinese temporal expressions found with regular expressions on characters (never on tokens).

Runs on an OpenCC-simplified copy with full-width digits made ASCII (both keep every offset), so
Traditional text (``今年4月8日組建以來``) and ``１２月`` are found too. Chinese numerals are read
with cn2an (``二〇二四年十二月二十六日``). Covers absolute and partial dates, 今年/去年/本月/昨天…,
``N日电`` datelines, vague references (近日, 目前, 未来), durations with a number (``三年``,
``20多年``, ``过去五年``), sets (``每年``) and times of day attached to a preceding day
(``12月26日中午`` → ``2024-12-26TMI``).
"""

from __future__ import annotations

import datetime as dt
import re

import cn2an

from pipeline.chinese import to_simplified
from pipeline.timex import (
    DATE,
    DURATION,
    SET,
    TIME,
    Timex,
    antecedent_year,
    attach_time,
    day_of_month_value,
    fmt,
    holiday_value,
    partial_value,
    select,
    sentence_around,
    shift_day,
    shift_month,
    shift_month_value,
    valid_ymd,
    weekday_value,
)

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_NB = r"(?<![0-9〇零一二三四五六七八九十百千万两.])"  # not inside a longer number
_Y4 = r"(?P<y>[0-9]{4}|[〇零一二三四五六七八九]{4})"
_M = r"(?P<m>[0-9]{1,2}|[〇零一二三四五六七八九十]{1,3})"
_D = r"(?P<d>[0-9]{1,2}|[〇零一二三四五六七八九十]{1,4})"
_MD = rf"(?:{_M}月(?:{_D}[日号])?)"
_REL_YEAR = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1, "后年": 2}
_REL_MONTH = {"本月": 0, "上月": -1, "上个月": -1, "下月": 1, "下个月": 1, "次月": 1}
_REL_DAY = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2,
            "明天": 1, "明日": 1, "次日": 1, "后天": 2}
_VAGUE = {"近日": "PAST_REF", "日前": "PAST_REF", "近期": "PAST_REF", "近年来": "PAST_REF",
          "近年": "PAST_REF", "近些年": "PAST_REF", "近几年": "PAST_REF", "目前": "PRESENT_REF",
          "当前": "PRESENT_REF", "如今": "PRESENT_REF", "眼下": "PRESENT_REF",
          "现在": "PRESENT_REF", "未来": "FUTURE_REF", "今后": "FUTURE_REF", "将来": "FUTURE_REF",
          "接下来": "FUTURE_REF"}
_SETS = {"每年": "P1Y", "每月": "P1M", "每周": "P1W", "每星期": "P1W", "每天": "P1D", "每日": "P1D"}
_UNITS = {"年": ("P{}Y", False), "月": ("P{}M", True), "天": ("P{}D", False),
          "周": ("P{}W", False), "星期": ("P{}W", False), "小时": ("PT{}H", False),
          "分钟": ("PT{}M", False)}
_TOD = {"凌晨": "NI", "早上": "MO", "早晨": "MO", "清晨": "MO", "上午": "MO", "中午": "MI",
        "午间": "MI", "下午": "AF", "傍晚": "EV", "晚上": "EV", "晚间": "EV", "夜间": "NI",
        "深夜": "NI", "夜里": "NI"}
_WEEKDAYS = "一二三四五六日天"

_ABS = re.compile(rf"{_NB}{_Y4}年(?:{_MD})?(?P<since>以来)?")
_DECADE = re.compile(rf"{_NB}{_Y4}年代")
_REL_Y = re.compile(rf"(?P<rel>{'|'.join(_REL_YEAR)})(?:{_MD})?(?P<since>以来)?")
_REL_M = re.compile(rf"(?P<rel>{'|'.join(sorted(_REL_MONTH, key=len, reverse=True))})(?:{_D}[日号])?")
_PARTIAL = re.compile(rf"{_NB}{_MD}")
_DATELINE = re.compile(rf"{_NB}{_D}日(?=电)")
_WORDS = re.compile("|".join(sorted([*_REL_DAY, *_VAGUE, *_SETS], key=len, reverse=True)))
# (word, characters it must not follow, characters it must not precede)
_NOT_WORD = {"现在": ("体表出实呈展发", ""), "未来": ("从尚并还仍", "得过"), "日前": ("节生假会期该此当某月号", ""),
             "将来": ("", "自"), "后天": ("之先最以而然", "气然"), "前天": ("之提最以", "气"), "今天": ("", "气"),
             "明天": ("", "气")}
_NUMS = r"(?P<n>[0-9]+|[〇零一二三四五六七八九十百千万两]+)"
_DURATION = re.compile(
    rf"(?P<pre>过去|未来)?{_NB}(?<![第统唯万之某逐专同单]){_NUMS}(?P<more>多|余)?(?P<ge>个)?"
    r"(?P<u>年(?![级代]|[0-9一二三四五六七八九十]{1,2}月)|月|天|周(?!年)|星期|小时|分钟)"
)
_CLOCK_PAT = (r"(?P<h>[0-9]{1,2}|[零一二三四五六七八九十两]{1,3})[时点]"
              r"(?:(?P<mi>[0-9]{1,2}|[零一二三四五六七八九十]{1,3})分|(?P<half>半))?")
_CLOCK = re.compile(_CLOCK_PAT)
# not 上午 in 顾不上午休, not 早上 in 早上班
_TOD_RE = re.compile(rf"(?<![不得])(?P<tod>{'|'.join(_TOD)})(?![休饭觉睡餐班学市岗线])(?:{_CLOCK_PAT})?")
_WEEKDAY = re.compile(
    rf"(?<![0-9一二三四五六七八九十两几每])(?P<mod>上|下|本|这)?(?:星期|周|礼拜)(?P<w>[{_WEEKDAYS}])(?![次遍个])"
)
_HOLIDAYS = {"春节": "spring_festival", "元旦": "new_year", "国庆节": "national_day"}
_HOLIDAY = re.compile(rf"(?:{_NB}{_Y4}年)?(?P<h>春节|元旦|国庆节)")
_SAME_YEAR = re.compile(rf"同年(?:{_MD})?")
_FUTURE = re.compile(r"将|即将|拟|计划|预计|届时|准备|打算")


def to_int(num: str) -> int | None:
    """An integer from ASCII digits or Chinese numerals (``二〇二四``, ``二十六``, ``两``)."""
    if num.isascii():
        return int(num) if num.isdigit() else None
    try:
        return int(cn2an.cn2an(num, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _past(s: str, start: int, end: int) -> bool:
    """Whether the clause around a span speaks of the past (no future marker)."""
    return not _FUTURE.search(sentence_around(s, start, end, "。！？；!?;\n"))


def _ymd(m: re.Match[str]) -> tuple[int | None, int | None]:
    """(month, day) groups of a match as integers (``None`` when absent)."""
    month = to_int(m["m"]) if m["m"] else None
    day = to_int(m["d"]) if m["d"] else None
    return month, day


def _granularity(month: int | None, day: int | None) -> str:
    return "day" if day is not None else "month" if month is not None else "year"


def _dates(s: str, anchor: dt.date | None) -> list[Timex]:
    """Absolute, partial and anchor-relative calendar dates."""
    out: list[Timex] = []
    for m in _ABS.finditer(s):
        year, (month, day) = to_int(m["y"]), _ymd(m)
        if year is None or not 1000 <= year <= 2999 or not valid_ymd(year, month or 1, day):
            continue
        out.append(Timex(m.start(), m.end(), DATE, fmt(year, month, day), _granularity(month, day), False))
    for m in _DECADE.finditer(s):
        year = to_int(m["y"])
        if year is not None and year % 10 == 0:
            out.append(Timex(m.start(), m.end(), DATE, f"{year // 10}X", "decade", False))
    for m in _REL_Y.finditer(s):
        month, day = _ymd(m)
        year = anchor.year + _REL_YEAR[m["rel"]] if anchor else None
        if not valid_ymd(year or 2000, month or 1, day):
            continue
        out.append(Timex(m.start(), m.end(), DATE, fmt(year, month, day), _granularity(month, day), True))
    for m in _REL_M.finditer(s):
        day = to_int(m["d"]) if m["d"] else None
        value = shift_month_value(anchor, _REL_MONTH[m["rel"]])
        if day is not None:
            if not 1 <= day <= 31:
                continue
            if anchor and not valid_ymd(*shift_month(anchor.year, anchor.month, _REL_MONTH[m["rel"]]), day):
                continue
            value += f"-{day:02d}"
        out.append(Timex(m.start(), m.end(), DATE, value, "day" if day else "month", True))
    for m in _PARTIAL.finditer(s):
        month, day = _ymd(m)
        value = partial_value(month, day, anchor, _past(s, m.start(), m.end())) if month else None
        if value:
            out.append(Timex(m.start(), m.end(), DATE, value, _granularity(month, day), True))
    for m in _DATELINE.finditer(s):
        day = to_int(m["d"])
        value = day_of_month_value(day, anchor) if day else None
        if value:
            out.append(Timex(m.start(), m.end(), DATE, value, "day", True))
    for m in _WEEKDAY.finditer(s):
        w = _WEEKDAYS.index(m["w"])
        relation = {"上": "last_week", "下": "next_week", "本": "this_week", "这": "this_week"}.get(m["mod"] or "", "")
        value = weekday_value(min(w, 6), anchor, _past(s, m.start(), m.end()), relation)
        out.append(Timex(m.start(), m.end(), DATE, value, "day", True))
    return out


def _words(s: str, anchor: dt.date | None) -> list[Timex]:
    """Fixed words: 今天/昨天…, vague references, sets."""
    out: list[Timex] = []
    for m in _WORDS.finditer(s):
        word = m.group()
        before, after = _NOT_WORD.get(word, ("", ""))
        if (m.start() and s[m.start() - 1] in before) or (m.end() < len(s) and s[m.end()] in after):
            continue
        if word in _REL_DAY:
            out.append(Timex(m.start(), m.end(), DATE, shift_day(anchor, _REL_DAY[word]), "day", True))
        elif word in _SETS:
            out.append(Timex(m.start(), m.end(), SET, _SETS[word], "set", False))
        elif word in _VAGUE:
            out.append(Timex(m.start(), m.end(), DATE, _VAGUE[word], "vague", True))
    return out


def _holidays(s: str, anchor: dt.date | None) -> list[Timex]:
    """春节, 元旦, 国庆节, with or without a year (``2019年春节`` → ``2019-02-05``)."""
    out: list[Timex] = []
    for m in _HOLIDAY.finditer(s):
        year = to_int(m["y"]) if m["y"] else None
        hol = holiday_value(_HOLIDAYS[m["h"]], year, anchor, _past(s, m.start(), m.end()))
        if hol:
            out.append(Timex(m.start(), m.end(), DATE, *hol))
    return out


def _durations(s: str) -> list[Timex]:
    """``三年``, ``20多年``, ``3个月``, ``过去五年`` (the quantity is required)."""
    out: list[Timex] = []
    for m in _DURATION.finditer(s):
        n, unit = to_int(m["n"]), m["u"]
        pattern, needs_ge = _UNITS[unit]
        if n is None or n <= 0 or (needs_ge and not m["ge"]) or (m["ge"] and unit in "年天"):
            continue
        if unit == "年" and not m["more"] and len(m["n"]) == 4 and 1000 <= n <= 2999:
            continue  # a calendar year, found by _dates
        start = m.start() if m["pre"] else m.start("n")
        out.append(Timex(start, m.end(), DURATION, pattern.format(n), "duration", False))
    return out


def _hour(m: re.Match[str], part: str | None) -> str | None:
    """``hh:mm`` from a clock match, shifted to the afternoon for 下午/晚上…; ``None`` if invalid."""
    hour = to_int(m["h"])
    minute = 30 if m["half"] else to_int(m["mi"]) if m["mi"] else 0
    if hour is None or minute is None or hour > 24 or minute > 59:
        return None
    if (part in ("AF", "EV") and hour < 12) or (part == "MI" and hour < 11):
        hour += 12
    elif part == "NI" and m.group().startswith(("深夜", "夜")) and 6 <= hour < 12:
        hour += 12
    return f"{hour % 24:02d}:{minute:02d}"


def _times(s: str, anchor: dt.date | None, dates: list[Timex]) -> list[Timex]:
    """Times of day, merged with a day date that ends right before them."""
    by_end = {d.end: d for d in dates if d.granularity == "day"}
    out: list[Timex] = []
    for m in _TOD_RE.finditer(s):
        part = _TOD[m["tod"]]
        if m["h"]:
            part = _hour(m, part) or part
            if ":" not in part:
                continue
        date = by_end.get(m.start())
        merged = attach_time(date, m.end(), part) if date else None
        out.append(merged or Timex(m.start(), m.end(), TIME, f"{shift_day(anchor, 0)}T{part}", "time", True))
    for d in by_end.values():
        c = _CLOCK.match(s, d.end)
        clock = _hour(c, None) if c else None
        if c and clock:
            out.append(attach_time(d, c.end(), clock) or d)
    return out


def find_dates_zh(text: str, anchor: dt.date | None) -> list[Timex]:
    """Temporal expressions in Chinese ``text`` (offsets into ``text``), resolved against ``anchor``."""
    s = to_simplified(text).translate(_FULLWIDTH)
    dates = _dates(s, anchor) + _words(s, anchor) + _holidays(s, anchor)
    for m in _SAME_YEAR.finditer(s):
        year, (month, day) = antecedent_year(dates, m.start()), _ymd(m)
        if year is not None and valid_ymd(year, month or 1, day):
            dates.append(Timex(m.start(), m.end(), DATE, fmt(year, month, day), _granularity(month, day), True))
    cands = dates + _durations(s) + _times(s, anchor, dates)
    return select(cands)
