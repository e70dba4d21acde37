"""keyphrases stage: table properties and the hand-chosen gold phrases of every seed."""

from __future__ import annotations

import pytest
from conftest import GOLD

from pipeline.io import read_tsv


@pytest.fixture(scope="module")
def groups(tables) -> dict[tuple[str, str], list[dict]]:
    out: dict[tuple[str, str], list[dict]] = {}
    for r in tables["keyphrases"].to_pylist():
        out.setdefault((r["doc_id"], r["lang"]), []).append(r)
    return out


def test_ranks_scores_duplicates_and_offsets(tables, groups):
    texts = {r["doc_id"]: r["text"] for r in tables["documents"].to_pylist()}
    assert groups
    for (doc_id, lang), rows in groups.items():
        assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
        scores = [r["score"] for r in rows]
        assert scores == sorted(scores, reverse=True)
        phrases = [r["phrase"].lower() for r in rows]
        assert len(phrases) == len(set(phrases)), (doc_id, lang)
        for r in rows:
            assert texts[doc_id][r["first_start"]: r["first_start"] + len(r["phrase"])] == r["phrase"], r
            assert r["count"] >= 1


def test_every_language_of_every_seed_is_ranked(tables, groups):
    langs = {(s["doc_id"], s["lang"]) for s in tables["segments"].to_pylist() if s["lang"] in ("zh", "en")}
    assert set(groups) == langs


@pytest.mark.parametrize("key", sorted({(r["doc_id"], r["lang"]) for r in read_tsv(GOLD / "keyphrases.tsv")}))
def test_most_gold_phrases_are_in_the_top_10(groups, key):
    gold = [r["phrase"].split("|") for r in read_tsv(GOLD / "keyphrases.tsv") if (r["doc_id"], r["lang"]) == key]
    top = [r["phrase"].lower() for r in groups[key][:10]]
    found = [g for g in gold if any(alt.lower() in top for alt in g)]
    assert len(found) >= 3, (found, top)
