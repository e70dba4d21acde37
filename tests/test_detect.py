"""detect: language runs at the switches, scripts first, lingua for Latin text, Hans/Hant."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.detect import DetectParams, document_languages, label_runs
from pipeline.langruns import paragraph_runs

P = DetectParams()


def runs(text: str) -> list[tuple[str, str]]:
    return [(text[s.start: s.end], s.lang) for s in label_runs(text, P)]


def test_seed_002_splits_exactly_at_the_switches(tables):
    segs = [r for r in tables["segments"].to_pylist() if r["doc_id"] == "002_e116b41b27205419"]
    first = [(s["text"], s["lang"]) for s in segs if s["para_id"] == 0]
    assert first == [
        ("据新华社报道,近日举行的全国社会工作部部长、信访局局长座谈会显示,", "zh"),
        ("So far, all provinces across the country have established party committee social work departments "
         "and begun to fully perform their duties.", "en"),
    ]
    para = next(s["para_id"] for s in segs if s["text"].startswith("2024年"))
    mixed = [s for s in segs if s["para_id"] == para]
    assert [s["lang"] for s in mixed] == ["en", "zh"]
    assert mixed[0]["text"].endswith("an important responsibility of the Central Social Work Department.")
    assert mixed[1]["text"].startswith("2024年,全国社会工作系统坚持和发展新时代“枫桥经验”")
    assert mixed[1]["text"].endswith("提升志愿服务工作和社会工作人才队伍建设水平。")
    assert {s["lang"] for s in segs if s["para_id"] not in (0, para)} == {"en"}


def test_digits_and_short_latin_stay_in_the_chinese_run():
    text = "2024年,我国GDP增长5.2%,CPI上涨0.2%。"
    assert runs(text) == [(text, "zh")]
    assert runs("GDP增长5%") == [("GDP增长5%", "zh")]


def test_long_english_inside_chinese_is_its_own_run():
    text = "他说:“We must strengthen grassroots governance.”然后离开了会场。"
    assert [lang for _, lang in runs(text)] == ["zh", "en", "zh"]


def test_latin_languages_are_told_apart():
    cases = {
        "Le gouvernement provincial a tenu une conférence sur le travail social à Chengdu.": "fr",
        "Die Provinzregierung hielt in Chengdu eine Konferenz über Sozialarbeit ab.": "de",
        "El gobierno provincial celebró una conferencia sobre trabajo social en Chengdu.": "es",
        "Правительство провинции провело конференцию по социальной работе в Чэнду.": "ru",
        "The provincial government held a conference on social work in Chengdu.": "en",
    }
    for text, lang in cases.items():
        assert runs(text) == [(text, lang)], text


def test_japanese_and_korean_are_not_chinese():
    ja = "四川省の党委員会は成都で社会工作会議を開催しました。"
    ko = "쓰촨성 당위원회는 청두에서 사회공작회의를 열었다."
    assert runs(ja) == [(ja, "ja")]
    assert runs(ko) == [(ko, "ko")]
    assert label_runs(ja, P)[0].script == "Jpan"


def test_traditional_is_hant_and_simplified_hans():
    trad = "四川省委召開社會工作會議,認真學習貫徹總書記的重要論述。"
    simp = "四川省委召开社会工作会议,认真学习贯彻总书记的重要论述。"
    assert label_runs(trad, P)[0].script == "Hant"
    assert label_runs(simp, P)[0].script == "Hans"
    assert document_languages(trad, label_runs(trad, P))["zh_script"] == "Hant"


def test_short_latin_runs_take_the_documents_latin_language():
    text = "Navigator\nLe gouvernement provincial a tenu une conférence sur le travail social."
    assert [lang for _, lang in runs(text)] == ["fr", "fr"]


def test_shares_sum_to_one_and_dominant_is_largest():
    text = "这是中文。\nThis is a much longer English paragraph about the conference in Chengdu."
    langs = document_languages(text, label_runs(text, P))
    assert langs["lang"] == "en" and langs["zh_script"] == "Hans"
    assert abs(sum(s["share"] for s in langs["lang_shares"]) - 1) < 1e-3


MIXED = st.text(alphabet=st.sampled_from(list("中文社会工作会议。,“”") + list(string.ascii_letters + " ,.0123456789")),
                max_size=80)


@settings(max_examples=300, deadline=None)
@given(MIXED)
def test_runs_are_ordered_trimmed_and_cover_every_letter(text):
    found = paragraph_runs(text)
    last = 0
    covered = set()
    for start, end, _ in found:
        assert last <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        covered.update(range(start, end))
        last = end
    assert all(i in covered for i, ch in enumerate(text) if ch.isalnum())
