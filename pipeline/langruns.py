"""Split a paragraph into script runs (pure, no models).

Letters are grouped by script class: ``cj`` (Han and kana), ``ko`` (hangul),
``latin``, ``cyrl``, ``other``.  Digits, punctuation and spaces are neutral
and are attached to a neighbouring run:

* closing punctuation right after a run stays with it (``显示,`` | ``So far``);
* what directly precedes the next run's letters goes with that run
  (``Department.`` | ``2024年``);
* a short run between runs of another single class is absorbed by them
  (``GDP`` inside Chinese text, a lone Han character inside English).

Runs never start or end with whitespace and never cross a line break.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

HAN = "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
KANA = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a\u0300-\u036f"
CYRILLIC = "\u0400-\u04ff\u0500-\u052f"
KNOWN = HAN + KANA + HANGUL + LATIN + CYRILLIC

LETTER_RUNS = re.compile(
    rf"(?P<cj>[{HAN}{KANA}]+)|(?P<ko>[{HANGUL}]+)|(?P<latin>[{LATIN}]+)|(?P<cyrl>[{CYRILLIC}]+)"
    rf"|(?P<other>(?:(?![{KNOWN}])[^\W\d_])+)"
)
KANA_CHARS = re.compile(rf"[{KANA}]")
CLOSING = set(".,;:!?)]}>%\"'”’」』》〉】〕）］｝、。，；：！？…—·")


@dataclass(frozen=True)
class Run:
    """A script run: [start, end) within the paragraph, its class and letter counts."""

    start: int
    end: int
    cls: str
    words: int
    letters: int


@dataclass(frozen=True)
class RunParams:
    """When a short run is absorbed by the runs around it."""

    absorb_latin_words: int = 3
    absorb_han_chars: int = 2


def letter_runs(text: str) -> list[Run]:
    """Maximal runs of one script class; neutral characters between same-class letters join them."""
    runs: list[Run] = []
    for m in LETTER_RUNS.finditer(text):
        cls = m.lastgroup or "other"
        n = m.end() - m.start()
        if runs and runs[-1].cls == cls:
            last = runs[-1]
            runs[-1] = Run(last.start, m.end(), cls, last.words + 1, last.letters + n)
        else:
            runs.append(Run(m.start(), m.end(), cls, 1, n))
    return runs


def _weight(run: Run) -> int:
    """Han/hangul characters and words of other scripts count one each."""
    return run.letters if run.cls in ("cj", "ko") else run.words


def _is_short(run: Run, p: RunParams, *, edge: bool = False) -> bool:
    if run.cls in ("cj", "ko"):
        return run.letters < (2 if edge else p.absorb_han_chars)
    return run.words < (2 if edge else p.absorb_latin_words)


def _merge(runs: list[Run], classes: list[str]) -> list[Run]:
    merged: list[Run] = []
    for run, cls in zip(runs, classes):
        if merged and merged[-1].cls == cls:
            last = merged.pop()
            merged.append(Run(last.start, run.end, cls, last.words + run.words, last.letters + run.letters))
        else:
            merged.append(Run(run.start, run.end, cls, run.words, run.letters))
    return merged


def absorb_short(runs: list[Run], p: RunParams) -> list[Run]:
    """Hand short runs to the long runs ("anchors") around them, then merge equal neighbours.

    A stretch of short runs between two anchors of one class joins that class
    (``今年GDP增长``); at the paragraph's edge only single words or characters do
    (``GDP增长`` but not ``the slogan “小马拉大车”``).  Between anchors of two
    classes, runs of a third class join the left anchor.  A paragraph with no
    anchor is one run of the class with the most weight (Chinese on a tie).
    """
    if len(runs) < 2:
        return runs
    short = [_is_short(r, p) for r in runs]
    if all(short):
        weights: dict[str, int] = {}
        for r in runs:
            weights[r.cls] = weights.get(r.cls, 0) + _weight(r)
        cls = max(sorted(weights), key=lambda c: (weights[c], c == "cj"))
        return _merge(runs, [cls] * len(runs))
    classes = [r.cls for r in runs]
    i = 0
    while i < len(runs):
        if not short[i]:
            i += 1
            continue
        j = i
        while j < len(runs) and short[j]:
            j += 1
        left = classes[i - 1] if i > 0 else None
        right = classes[j] if j < len(runs) else None
        for k in range(i, j):
            if left is not None and left == right:
                classes[k] = left
            elif left is None or right is None:
                if all(_is_short(runs[m], p, edge=True) for m in range(i, j)):
                    classes[k] = left or right or classes[k]
            elif classes[k] not in (left, right):
                classes[k] = left
        i = j
    return _merge(runs, classes)


def split_gap(gap: str) -> tuple[int, int]:
    """Where a neutral gap between two runs splits: (end of the left run's part, start of the right's).

    Without whitespace, leading closing punctuation goes left and the rest right.
    With whitespace, chunks glued to the left run or ending a clause with closing
    punctuation go left, the rest right; the whitespace between belongs to neither.
    """
    chunks = [(m.start(), m.end()) for m in re.finditer(r"\S+", gap)]
    if not chunks:
        return 0, len(gap)
    if chunks == [(0, len(gap))]:
        k = 0
        while k < len(gap) and gap[k] in CLOSING:
            k += 1
        return k, k
    left_end = 0
    for n, (start, end) in enumerate(chunks):
        glued_left = start == 0
        ends_clause = gap[end - 1] in CLOSING and end != len(gap)
        if not (glued_left or ends_clause):
            return left_end, start
        left_end = end
    return left_end, len(gap)


def paragraph_runs(text: str, p: RunParams = RunParams()) -> list[tuple[int, int, str]]:
    """(start, end, class) runs covering the paragraph's letters, neutral characters attached.

    A paragraph without letters is one ``neutral`` run.
    """
    runs = absorb_short(letter_runs(text), p)
    if not runs:
        stripped = text.strip()
        if not stripped:
            return []
        start = len(text) - len(text.lstrip())
        return [(start, start + len(stripped), "neutral")]
    bounds = []
    for i, run in enumerate(runs):
        start = 0 if i == 0 else None
        bounds.append([start, run.start, run.end, None if i < len(runs) - 1 else len(text), run.cls])
    for left, right in zip(bounds, bounds[1:]):
        gap = text[left[2]: right[1]]
        keep, begin = split_gap(gap)
        left[3] = left[2] + keep
        right[0] = left[2] + begin
    out = []
    for start, _, _, end, cls in bounds:
        segment = text[start:end]
        lead = len(segment) - len(segment.lstrip())
        trail = len(segment) - len(segment.rstrip())
        out.append((start + lead, end - trail, cls))
    return out


def has_kana_share(text: str, min_share: float) -> bool:
    """True when kana make up at least ``min_share`` of the Han+kana letters (Japanese)."""
    kana = len(KANA_CHARS.findall(text))
    if not kana:
        return False
    cj = sum(1 for ch in text if ch.isalpha())
    return kana / max(cj, 1) >= min_share


SCRIPT_NAMES = {"GREEK": "Grek", "ARABIC": "Arab", "HEBREW": "Hebr", "THAI": "Thai", "DEVANAGARI": "Deva",
                "ARMENIAN": "Armn", "GEORGIAN": "Geor", "BENGALI": "Beng", "TAMIL": "Taml"}


def other_script(text: str) -> str:
    """ISO 15924 code of the first letter of a run of another script (``Zzzz`` when unknown)."""
    for ch in text:
        if ch.isalpha():
            return SCRIPT_NAMES.get(unicodedata.name(ch, "UNKNOWN").split()[0], "Zzzz")
    return "Zzzz"
