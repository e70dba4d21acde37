"""Stage `detect`: language runs per paragraph, and each document's languages.

Script decides first (Han/kana/hangul vs Latin, see :mod:`pipeline.langruns`);
a lingua detector restricted to the languages in params then labels runs in
Latin or Cyrillic script, so French is French and not English.  Chinese runs get
``Hans``/``Hant`` by OpenCC comparison.  Reads ``ingested``, writes
``documents`` (ingested + language columns) and ``segments``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

from pipeline import chinese, langruns
from pipeline.io import Row, TableWriter, iter_rows
from pipeline.schema import DOCUMENTS, INGESTED, SEGMENTS
from pipeline.stages import STAGES

INPUTS = STAGES["detect"].inputs
OUTPUTS = STAGES["detect"].outputs

SCRIPT_OF_CLASS = {"latin": "Latn", "cyrl": "Cyrl", "ko": "Kore", "neutral": "Zyyy"}


@dataclass(frozen=True)
class DetectParams:
    """Section ``detect`` of params.yaml."""

    languages: tuple[str, ...] = ("en", "fr", "de", "es", "it", "pt", "nl", "ru")
    fallback_language: str = "en"
    min_detect_letters: int = 12
    min_confidence: float = 0.5
    min_kana_share: float = 0.05
    runs: langruns.RunParams = langruns.RunParams()

    @classmethod
    def from_params(cls, section: Mapping[str, Any]) -> DetectParams:
        return cls(
            languages=tuple(section.get("languages", cls.languages)),
            fallback_language=section.get("fallback_language", cls.fallback_language),
            min_detect_letters=int(section.get("min_detect_letters", cls.min_detect_letters)),
            min_confidence=float(section.get("min_confidence", cls.min_confidence)),
            min_kana_share=float(section.get("min_kana_share", cls.min_kana_share)),
            runs=langruns.RunParams(**section.get("runs", {})),
        )


@lru_cache(maxsize=4)
def detector(languages: tuple[str, ...]) -> LanguageDetector:
    """A lingua detector for just these ISO 639-1 languages (cheap to build, loads models lazily)."""
    codes = [getattr(IsoCode639_1, code.upper()) for code in languages]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


@dataclass(frozen=True)
class Segment:
    """One language run of a document, offsets into the document text."""

    para_id: int
    start: int
    end: int
    lang: str
    script: str
    score: float


def _lingua(text: str, p: DetectParams) -> tuple[str, float] | None:
    """(language, confidence) for a run long enough to judge, else None."""
    if sum(ch.isalpha() for ch in text) < p.min_detect_letters:
        return None
    values = detector(p.languages).compute_language_confidence_values(text)
    if not values or values[0].value < p.min_confidence:
        return None
    return values[0].language.iso_code_639_1.name.lower(), float(values[0].value)


def _confidence(text: str, lang: str, p: DetectParams) -> float:
    code = getattr(IsoCode639_1, lang.upper(), None)
    if lang not in p.languages or code is None:
        return 0.0
    language = next(lg for lg in detector(p.languages).compute_language_confidence_values(text)
                    if lg.language.iso_code_639_1 == code)
    return float(language.value)


def label_runs(text: str, p: DetectParams) -> list[Segment]:
    """Language runs of a whole document text (paragraphs are lines)."""
    pending: list[tuple[int, int, int, str]] = []
    offset = 0
    for para_id, para in enumerate(text.split("\n")):
        for start, end, cls in langruns.paragraph_runs(para, p.runs):
            pending.append((para_id, offset + start, offset + end, cls))
        offset += len(para) + 1
    segments: list[Segment] = []
    undecided: list[int] = []
    votes: dict[str, dict[str, int]] = {}
    for para_id, start, end, cls in pending:
        run = text[start:end]
        if cls == "cj":
            if langruns.has_kana_share(run, p.min_kana_share):
                segments.append(Segment(para_id, start, end, "ja", "Jpan", 1.0))
            else:
                script = chinese.han_script(*chinese.variant_counts(run))
                segments.append(Segment(para_id, start, end, "zh", script, 1.0))
        elif cls == "ko":
            segments.append(Segment(para_id, start, end, "ko", "Kore", 1.0))
        elif cls == "neutral":
            segments.append(Segment(para_id, start, end, "und", "Zyyy", 1.0))
        else:
            script = SCRIPT_OF_CLASS.get(cls) or langruns.other_script(run)
            found = _lingua(run, p)
            if found:
                by_lang = votes.setdefault(script, {})
                by_lang[found[0]] = by_lang.get(found[0], 0) + (end - start)
                segments.append(Segment(para_id, start, end, found[0], script, found[1]))
            else:
                undecided.append(len(segments))
                segments.append(Segment(para_id, start, end, "", script, 0.0))
    for i in undecided:
        seg = segments[i]
        by_lang = votes.get(seg.script, {})
        if by_lang:
            lang = max(sorted(by_lang), key=by_lang.__getitem__)
        else:
            lang = p.fallback_language if seg.script == "Latn" else "und"
        score = _confidence(text[seg.start: seg.end], lang, p) if lang != "und" else 0.0
        segments[i] = Segment(seg.para_id, seg.start, seg.end, lang, seg.script, score)
    return segments


def document_languages(text: str, segments: Sequence[Segment]) -> Row:
    """Dominant language, shares of non-space characters, script and Chinese variant."""
    counts: dict[str, int] = {}
    for seg in segments:
        n = sum(1 for ch in text[seg.start: seg.end] if not ch.isspace())
        counts[seg.lang] = counts.get(seg.lang, 0) + n
    total = sum(counts.values()) or 1
    shares = sorted(((lang, n / total) for lang, n in counts.items()), key=lambda x: (-x[1], x[0]))
    dominant = shares[0][0] if shares else "und"
    zh_text = "".join(text[s.start: s.end] for s in segments if s.lang == "zh")
    zh_script = chinese.han_script(*chinese.variant_counts(zh_text)) if zh_text else None
    scripts = [s.script for s in segments if s.lang == dominant]
    script = zh_script if dominant == "zh" else (max(sorted(set(scripts)), key=scripts.count) if scripts else "Zyyy")
    return {
        "lang": dominant,
        "lang_shares": [{"lang": lang, "share": round(share, 4)} for lang, share in shares],
        "script": script,
        "zh_script": zh_script,
    }


def run(inputs: Mapping[str, str | Path], outputs: Mapping[str, str | Path], params: Mapping[str, Any]) -> dict[str, int]:
    """Read ``ingested``; write ``documents`` and ``segments``."""
    p = DetectParams.from_params(params.get("detect", {}))
    docs_by_lang: dict[str, int] = {}
    chars_by_lang: dict[str, int] = {}
    with TableWriter(outputs["documents"], DOCUMENTS) as docs, TableWriter(outputs["segments"], SEGMENTS) as segs:
        for row in iter_rows(inputs["ingested"], INGESTED):
            text = row["text"]
            segments = label_runs(text, p)
            langs = document_languages(text, segments)
            docs_by_lang[langs["lang"]] = docs_by_lang.get(langs["lang"], 0) + 1
            for s in segments:
                chars_by_lang[s.lang] = chars_by_lang.get(s.lang, 0) + s.end - s.start
            docs.write([{**row, **langs}])
            segs.write(
                {"doc_id": row["doc_id"], "seg_id": i, "para_id": s.para_id, "start": s.start, "end": s.end,
                 "text": text[s.start: s.end], "lang": s.lang, "script": s.script, "score": round(s.score, 4)}
                for i, s in enumerate(segments)
            )
    return {"documents": docs.n_rows, "segments": segs.n_rows, "documents_by_lang": docs_by_lang,
            "run_chars_by_lang": chars_by_lang}
