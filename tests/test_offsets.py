"""The offsets invariant and id/containment rules on every span table of the seed run."""

from __future__ import annotations

import pytest

from pipeline.schema import SPAN_TABLES


@pytest.fixture(scope="module")
def texts(tables) -> dict[str, str]:
    return {r["doc_id"]: r["text"] for r in tables["documents"].to_pylist()}


@pytest.mark.parametrize("name", SPAN_TABLES)
def test_text_equals_document_slice(tables, texts, name):
    rows = tables[name].to_pylist()
    assert rows, f"{name} is empty"
    bad = [r for r in rows if texts[r["doc_id"]][r["start"]: r["end"]] != r["text"]]
    assert not bad, f"{len(bad)} rows of {name} break text[start:end] == text, e.g. {bad[0]}"


@pytest.mark.parametrize("name", SPAN_TABLES)
def test_spans_are_trimmed_and_nonempty(tables, name):
    for r in tables[name].to_pylist():
        assert r["start"] < r["end"], r
        assert r["text"] == r["text"].strip(), r


def test_every_document_has_runs_sentences_and_tokens(tables, texts):
    for name in SPAN_TABLES:
        assert set(tables[name].column("doc_id").to_pylist()) == set(texts), name


def test_segments_cover_every_letter_once(tables, texts):
    """Runs do not overlap, never cross a paragraph break, and leave no letter uncovered."""
    by_doc: dict[str, list[dict]] = {}
    for r in tables["segments"].to_pylist():
        by_doc.setdefault(r["doc_id"], []).append(r)
    for doc_id, segs in by_doc.items():
        text = texts[doc_id]
        covered = [False] * len(text)
        for prev, seg in zip([None] + segs, segs):
            assert "\n" not in seg["text"]
            if prev is not None:
                assert prev["end"] <= seg["start"] and prev["seg_id"] + 1 == seg["seg_id"]
            for i in range(seg["start"], seg["end"]):
                covered[i] = True
        missing = [ch for ch, c in zip(text, covered) if not c and ch.isalnum()]
        assert not missing, f"{doc_id}: letters outside every run: {''.join(missing)[:50]!r}"


def test_tokens_lie_inside_their_sentence_and_sentences_inside_their_run(tables):
    segs = {(r["doc_id"], r["seg_id"]): r for r in tables["segments"].to_pylist()}
    sents = {(r["doc_id"], r["sent_id"]): r for r in tables["sentences"].to_pylist()}
    for s in sents.values():
        seg = segs[(s["doc_id"], s["seg_id"])]
        assert seg["start"] <= s["start"] < s["end"] <= seg["end"], s
        assert s["lang"] == seg["lang"]
    last: dict[str, int] = {}
    for t in tables["tokens"].to_pylist():
        s = sents[(t["doc_id"], t["sent_id"])]
        assert s["start"] <= t["start"] < t["end"] <= s["end"], t
        assert last.get(t["doc_id"], -1) + 1 == t["tok_id"]
        last[t["doc_id"]] = t["tok_id"]


def test_ids_count_from_zero_in_text_order(tables):
    for name, id_col in (("segments", "seg_id"), ("sentences", "sent_id")):
        by_doc: dict[str, list[tuple[int, int]]] = {}
        for r in tables[name].to_pylist():
            by_doc.setdefault(r["doc_id"], []).append((r[id_col], r["start"]))
        for doc_id, pairs in by_doc.items():
            assert [i for i, _ in pairs] == list(range(len(pairs))), (name, doc_id)
            assert [s for _, s in pairs] == sorted(s for _, s in pairs), (name, doc_id)
