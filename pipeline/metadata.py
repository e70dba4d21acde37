"""Find a document's title, publication date, byline and source (pure, no I/O)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.boilerplate import HAN, n_words
from pipeline.chinese import to_simplified

MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?(?!\d)")
_MDY_DATE = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_DMY_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_TIME = r"(?:\s*(?:T|\s)\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?"
DATE_LABEL = re.compile(
    r"^\s*(?:updated|published|posted|last modified|date|release date|发布时间|发布日期|更新时间|时间|日期)"
    r"\s*(?:on|at)?\s*[:：]?\s*",
    re.IGNORECASE,
)
_ZH_NAME = rf"[{HAN}·]{{2,4}}"
ZH_BYLINE = re.compile(
    rf"^[(（]?\s*(?:(?P<source>[{HAN}A-Za-z]{{2,12}}?)\s*)?"
    rf"(?:特约记者|见习记者|通讯员|记者|作者|文\s*/|文\s*[:：])\s*[:：]?\s*"
    rf"(?P<names>{_ZH_NAME}(?:[\s、,，]+{_ZH_NAME})*)\s*[)）]?$"
)
_EN_NAME = r"[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3}"
EN_BYLINE = re.compile(
    rf"^(?:by|author\s*:|written by|reporter\s*:|reported by)\s+"
    rf"(?P<names>{_EN_NAME}(?:\s*(?:,|and|&)\s*{_EN_NAME})*)\s*$",
    re.IGNORECASE,
)
SOURCE_LABEL = re.compile(r"^\s*(?:source|来源|hosted by|主办(?:单位)?)\s*[:：]\s*(?P<source>.+?)\s*$", re.IGNORECASE)
_TITLE_END = re.compile(r"[.。;；,，:：]$")


@dataclass(frozen=True)
class Metadata:
    """What a document says about itself."""

    title: str | None = None
    published: dt.date | None = None
    published_text: str | None = None
    byline: str | None = None
    source: str | None = None


def parse_date(text: str) -> dt.date | None:
    """The first valid calendar date written in ``text`` (numeric, Chinese or month-name forms)."""
    candidates: list[tuple[int, int, int, int]] = []
    for m in _NUMERIC_DATE.finditer(text):
        candidates.append((m.start(), int(m[1]), int(m[2]), int(m[3])))
    for m in _MDY_DATE.finditer(text):
        candidates.append((m.start(), int(m[3]), MONTHS[m[1].lower()], int(m[2])))
    for m in _DMY_DATE.finditer(text):
        candidates.append((m.start(), int(m[3]), MONTHS[m[2].lower()], int(m[1])))
    for _, year, month, day in sorted(candidates):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def dateline(line: str) -> dt.date | None:
    """The date of a line that is a dateline: a date alone or after a label like ``Updated:``."""
    s = line.strip()
    labelled = DATE_LABEL.match(to_simplified(s))
    rest = s[labelled.end():] if labelled else s
    date = parse_date(rest)
    if date is None:
        return None
    leftover = _NUMERIC_DATE.sub("", rest)
    leftover = _MDY_DATE.sub("", leftover)
    leftover = _DMY_DATE.sub("", leftover)
    leftover = re.sub(_TIME, "", leftover).strip(" \t,|/-")
    if labelled or n_words(leftover) <= 3:
        return date
    return None


def byline(line: str) -> tuple[str, str | None] | None:
    """(names, source) when the line is a byline such as ``四川在线记者 樊邦平`` or ``By Jane Doe``."""
    s = line.strip()
    m = ZH_BYLINE.match(to_simplified(s))
    if m:
        names = re.split(r"[\s、,，]+", s[m.start("names"): m.end("names")].strip())
        source = s[m.start("source"): m.end("source")] if m["source"] else None
        return "; ".join(n for n in names if n), source
    m = EN_BYLINE.match(s)
    if m:
        names = re.split(r"\s*(?:,|\band\b|&)\s*", m["names"].strip())
        return "; ".join(n for n in names if n), None
    return None


def _is_title(line: str, next_line: str | None) -> bool:
    s = line.strip()
    if not s or next_line is None or _TITLE_END.search(s):
        return False
    return len(s) <= 200 and n_words(s) <= 60


def extract_metadata(kept: list[str], removed: list[str], *, header_lines: int = 6) -> Metadata:
    """Title, date, byline and source from the kept lines (and the removed trailer/header lines).

    The title is the first non-empty kept line that is not a byline or dateline,
    when it does not end like a sentence and more text follows it.
    """
    lines = [ln.strip() for ln in kept if ln.strip()]
    title = published = published_text = names = source = None
    for i, line in enumerate(lines[:header_lines]):
        if byline(line) or dateline(line):
            continue
        if _is_title(line, lines[i + 1] if i + 1 < len(lines) else None):
            title = line
        break
    header = lines[:header_lines]
    for line in header + [ln for ln in lines[header_lines:] + removed if DATE_LABEL.match(to_simplified(ln))]:
        date = dateline(line)
        if date:
            published, published_text = date, line.strip()
            break
    for line in header + lines[-3:] + [ln.strip() for ln in removed]:
        found = byline(line)
        if found:
            names, source = found
            break
    if source is None:
        for line in header + [ln.strip() for ln in removed]:
            m = SOURCE_LABEL.match(to_simplified(line))
            if m:
                source = line[m.start("source"): m.end("source")]
                break
    return Metadata(title, published, published_text, names, source)
