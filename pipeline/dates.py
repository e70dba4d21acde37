"""Stage `dates`: temporal expressions in Chinese and English runs, resolved against an anchor.

The finders (:mod:`pipeline.dates_zh`, :mod:`pipeline.dates_en`) work on characters.
Each document's anchor is its publication date when ingest found one; otherwise it
is inferred from the document (:func:`infer_anchor`) and, for partial dates with no
year anywhere in the document, from the rest of the corpus.  Digits-only runs
(``und``: a ``2024-11-05`` dateline) use the English finder, which reads numeric dates.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.dates_en import find_dates_en
from pipeline.dates_zh import find_dates_zh
from pipeline.io import Row, TableWriter, iter_groups, iter_rows
from pipeline.schema import DATES, DOCUMENTS, SEGMENTS, SENTENCES
from pipeline.stages import STAGES
from pipeline.timex import Timex

INPUTS = STAGES["dates"].inputs
OUTPUTS = STAGES["dates"].outputs

FINDERS = {"zh": find_dates_zh, "en": find_dates_en, "und": find_dates_en}
_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_PARTIAL = re.compile(r"^XXXX-(\d{2})-(\d{2})")
_YEAR = re.compile(r"^(\d{4})(?:-\d{2})?$")
PLANNING = re.compile(r"谋划|部署|规划|计划|展望|明年|planning|plan for|will|next year|ahead", re.IGNORECASE)


@dataclass(frozen=True)
class Anchor:
    """The date relative expressions are resolved against, and how it was found."""

    date: dt.date | None
    source: str


@dataclass(frozen=True)
class Found:
    """A temporal expression placed in the document."""

    timex: Timex
    start: int
    end: int
    lang: str


def find_in_runs(text: str, runs: list[Row], anchor: dt.date | None) -> list[Found]:
    """Expressions in every Chinese, English or digits-only run, offsets into the document text."""
    out = []
    for run in runs:
        finder = FINDERS.get(run["lang"])
        if finder is None:
            continue
        for t in finder(run["text"], anchor):
            out.append(Found(t, run["start"] + t.start, run["start"] + t.end, run["lang"]))
    return sorted(out, key=lambda f: (f.start, f.end))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def infer_anchor(text: str, published: dt.date | None, found: list[Found], corpus: dt.date | None = None) -> Anchor:
    """The document's anchor: publication date, else evidence in the text, else the corpus (see module doc)."""
    if published:
        return Anchor(published, "published")
    absolute = [f for f in found if not f.timex.relative]
    full = [d for f in absolute if (m := _FULL.match(f.timex.value)) and (d := _safe_date(*map(int, m.groups())))]
    if full:
        return Anchor(max(full), "latest_full_date")
    partial = [tuple(map(int, m.groups())) for f in found if (m := _PARTIAL.match(f.timex.value))]
    years = [(int(m[1]), f) for f in absolute if (m := _YEAR.match(f.timex.value))]
    planned = [y - 1 for y, f in years if PLANNING.search(text[max(0, f.start - 30): f.end + 30])]
    year, source = None, ""
    if planned:
        year, source = max(planned), "planned_year"
    elif years:
        year, source = max(y for y, _ in years), "year_mentioned"
    if partial and year:
        dates = [d for m, day in partial if (d := _safe_date(year, m, day))]
        if dates:
            return Anchor(max(dates), f"partial_date+{source}")
    if partial and corpus:
        dates = [d for m, day in partial for y in (corpus.year, corpus.year - 1)
                 if (d := _safe_date(y, m, day)) and d <= corpus]
        if dates:
            return Anchor(max(dates), "partial_date+corpus")
    if year:
        return Anchor(dt.date(year, 12, 31), source)
    return Anchor(None, "none")


@dataclass(frozen=True)
class DocInput:
    doc_id: str
    text: str
    published: dt.date | None
    runs: list[Row]
    sentence_starts: list[int]
    sentence_ids: list[int]


def _documents(inputs: Mapping[str, str | Path]) -> Iterator[DocInput]:
    runs = iter_groups(inputs["segments"], SEGMENTS)
    sents = iter_groups(inputs["sentences"], SENTENCES, columns=["doc_id", "sent_id", "start"])
    next_runs, next_sents = next(runs, None), next(sents, None)
    for doc in iter_rows(inputs["documents"], DOCUMENTS, columns=["doc_id", "text", "published"]):
        doc_runs: list[Row] = []
        doc_sents: list[Row] = []
        if next_runs and next_runs[0] == doc["doc_id"]:
            doc_runs, next_runs = next_runs[1], next(runs, None)
        if next_sents and next_sents[0] == doc["doc_id"]:
            doc_sents, next_sents = next_sents[1], next(sents, None)
        yield DocInput(doc["doc_id"], doc["text"], doc["published"], doc_runs,
                       [s["start"] for s in doc_sents], [s["sent_id"] for s in doc_sents])


def date_rows(doc: DocInput, anchor: Anchor) -> list[Row]:
    """Rows of ``dates`` for one document."""
    rows = []
    for date_id, f in enumerate(find_in_runs(doc.text, doc.runs, anchor.date)):
        i = max(0, bisect.bisect_right(doc.sentence_starts, f.start) - 1)
        rows.append({
            "doc_id": doc.doc_id, "date_id": date_id, "sent_id": doc.sentence_ids[i] if doc.sentence_ids else 0,
            "start": f.start, "end": f.end, "text": doc.text[f.start: f.end], "lang": f.lang,
            "value": f.timex.value, "type": f.timex.type, "granularity": f.timex.granularity,
            "relative": f.timex.relative, "anchor": anchor.date, "anchor_source": anchor.source,
        })
    return rows


def run(inputs: Mapping[str, str | Path], outputs: Mapping[str, str | Path], params: Mapping[str, Any]) -> dict[str, Any]:
    """Two passes over the documents: anchors (and the corpus anchor), then the ``dates`` table."""
    anchors: dict[str, Anchor] = {}
    for doc in _documents(inputs):
        anchors[doc.doc_id] = infer_anchor(doc.text, doc.published, find_in_runs(doc.text, doc.runs, None))
    known = [a.date for a in anchors.values() if a.date and a.source in ("published", "latest_full_date")]
    corpus = max(known) if known and params.get("dates", {}).get("corpus_anchor", True) else None
    by_type: dict[str, int] = {}
    sources: dict[str, int] = {}
    with TableWriter(outputs["dates"], DATES) as out:
        for doc in _documents(inputs):
            anchor = anchors[doc.doc_id]
            if anchor.source in ("none", "year_mentioned", "planned_year") and corpus:
                first = find_in_runs(doc.text, doc.runs, None)
                anchor = infer_anchor(doc.text, doc.published, first, corpus) if any(
                    _PARTIAL.match(f.timex.value) for f in first) else anchor
            sources[anchor.source] = sources.get(anchor.source, 0) + 1
            rows = date_rows(doc, anchor)
            for r in rows:
                by_type[f"{r['lang']}:{r['type']}"] = by_type.get(f"{r['lang']}:{r['type']}", 0) + 1
            out.write(rows)
    return {"dates": out.n_rows, "dates_by_lang_type": by_type, "anchor_sources": sources}
