"""segment: Chinese sentence ends and tokens on the simplified copy; English with spaCy."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.segment import SegmentParams, segment_chinese, segment_with_spacy, zh_sentence_spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in zh_sentence_spans(text)]


def test_chinese_sentences_keep_closing_quotes():
    text = "“这次会议意义重大。”李鸿桀说。未来怎么办？重点任务有三项；一是加强党建……二是基层治理!"
    assert sentences(text) == ["“这次会议意义重大。”", "李鸿桀说。", "未来怎么办？", "重点任务有三项；",
                               "一是加强党建……", "二是基层治理!"]


def test_decimal_points_do_not_end_chinese_sentences():
    assert sentences("增长5.2%,好于预期。") == ["增长5.2%,好于预期。"]


def test_traditional_tokens_come_from_the_simplified_copy():
    text = "遂寧市委社工部部長李鴻桀發言。"
    sents = segment_chinese(text)
    tokens = [(text[t.start: t.end], t.norm, t.pos) for t in sents[0].tokens]
    assert ("李鴻桀", "李鸿桀", "PROPN") in tokens
    assert "".join(text[t.start: t.end] for t in sents[0].tokens) == text


def test_english_sentences_tokens_and_lemmas():
    text = "Wang Xiaohui attended the meeting. He stressed the need to study the directives."
    [sents] = list(segment_with_spacy([text], "en", SegmentParams()))
    assert [text[s.start: s.end] for s in sents] == ["Wang Xiaohui attended the meeting.",
                                                      "He stressed the need to study the directives."]
    lemmas = {text[t.start: t.end]: t.lemma for s in sents for t in s.tokens}
    assert lemmas["attended"] == "attend" and lemmas["directives"] == "directive"


def test_long_runs_are_cut_into_chunks_with_correct_offsets():
    text = " ".join(["The committee met in Chengdu."] * 50)
    [sents] = list(segment_with_spacy([text], "en", SegmentParams(max_chunk_chars=200)))
    assert len(sents) == 50
    assert all(text[s.start: s.end] == "The committee met in Chengdu." for s in sents)


def test_seed_004_sentence_count_and_tokens(tables):
    rows = [r for r in tables["sentences"].to_pylist() if r["doc_id"] == "004_f5268baeac44eb9c"]
    assert rows[0]["text"] == "四川在线记者 樊邦平"
    assert rows[7]["text"].startswith("“这次会议让我们") and rows[7]["text"].endswith("意义重大。”")
    toks = [r for r in tables["tokens"].to_pylist() if r["doc_id"] == "004_f5268baeac44eb9c"]
    assert {"樊邦平", "李鸿桀", "习近平"} <= {t["text"] for t in toks if t["pos"] == "PROPN"}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("社会工作。！？；…”」 ab1.")), max_size=60))
def test_chinese_sentences_cover_all_non_space_characters(text):
    spans = zh_sentence_spans(text)
    covered = {i for s, e in spans for i in range(s, e)}
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
