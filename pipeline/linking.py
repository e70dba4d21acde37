"""Normal forms, pinyin and ``entity_key`` for mentions, shared across languages (pure).

A key is shared when a Chinese and an English mention denote the same entity:

* a reviewed lexicon entry (place, body, post, person with a non-pinyin name) gives its key;
* a person otherwise gets ``PER:`` + the letters of the pinyin of the Chinese name, or of
  the English name read surname first (``王晓晖`` = ``Wang Xiaohui`` = ``Xiaohui Wang``);
  names that are not pinyin (``Carrie Lam``) link only through the persons lexicon;
* a place not in the gazetteer gets ``GPE:`` + the letters of its pinyin / English name;
* context abbreviations (``省委`` = the provincial Party committee) take the province
  (or city) the document mentions most;
* anything else keeps a language-specific key and is never linked by guess.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pipeline.chinese import to_simplified
from pipeline.lexicons import CONTEXT_PREFIX, Entry, context_abbreviations, lexicon
from pipeline.translit import match_key, person_pinyin, place_pinyin, surname_table

PROVINCE_TYPES = {"province", "autonomous_region", "municipality", "sar"}


@dataclass(frozen=True)
class Mention:
    """A resolved mention ready for linking."""

    start: int
    end: int
    text: str
    label: str
    lang: str
    key: str | None


@dataclass(frozen=True)
class Linked:
    """What linking adds to a mention."""

    norm: str
    translit: str | None
    entity_key: str


def _entry(m: Mention) -> Entry | None:
    lex = lexicon()
    if m.key and m.key in lex.entries:
        return lex.entries[m.key]
    if m.key and m.key.startswith(CONTEXT_PREFIX):
        return Entry(m.key, m.label, to_simplified(m.text), m.text)
    surface = to_simplified(m.text) if m.lang == "zh" else m.text.lower().replace("-", " ")
    trie = lex.zh if m.lang == "zh" else lex.en
    same = [e for e in trie.get(surface) if e.label == m.label]
    if not same and m.lang == "zh":
        same = [e for e in context_abbreviations().get(surface) if e.label == m.label]
    return same[0] if len(same) == 1 else None


def document_places(mentions: list[Mention]) -> dict[str, str]:
    """The province and the prefecture a document mentions most (``{"province": key, ...}``)."""
    counts: dict[str, Counter[str]] = {"province": Counter(), "prefecture": Counter()}
    for m in mentions:
        entry = _entry(m) if m.label == "GPE" else None
        if entry is not None and entry.kind in PROVINCE_TYPES:
            counts["province"][entry.key] += 1
        elif entry is not None and entry.kind == "prefecture":
            counts["prefecture"][entry.key] += 1
    return {level: min(c, key=lambda k: (-c[k], k)) for level, c in counts.items() if c}


def english_person_key(name: str) -> str:
    """``Wang Xiaohui`` and ``Xiaohui Wang`` both give ``wangxiaohui``."""
    parts = name.replace("-", " ").split()
    surnames = {p.lower() for p in surname_table().values()}
    if len(parts) == 2 and parts[1].lower() in surnames and parts[0].lower() not in surnames:
        parts = [parts[1], parts[0]]
    return match_key("".join(parts))


def link(m: Mention, places: dict[str, str], *, extended: bool = False) -> Linked:
    """Normal form, pinyin (Chinese names and places) and entity key of one mention.

    ``extended``: a post that took in its organisation keeps its own surface as norm.
    """
    entry = _entry(m)
    key = entry.key if entry else None
    if key and key.startswith(CONTEXT_PREFIX):
        template = key[len(CONTEXT_PREFIX):]
        place = places.get("province" if "-P-" in template or "-AR-" in template else "prefecture")
        key = f"{template}@{place}" if place else key
        entry = lexicon().entries.get(key, entry)
    if extended or entry is None or entry.key.startswith(CONTEXT_PREFIX):
        norm = to_simplified(m.text) if m.lang == "zh" else m.text
    else:
        norm = entry.zh if m.lang == "zh" else entry.en
    translit = None
    if m.lang == "zh" and m.label == "PERSON":
        translit = entry.en if entry else person_pinyin(norm)
    elif m.lang == "zh" and m.label in ("GPE", "LOC"):
        translit = entry.pinyin or entry.en if entry else place_pinyin(norm)
    if key is None:
        if m.label == "PERSON":
            letters = match_key(translit) if m.lang == "zh" and translit else english_person_key(m.text)
            key = f"PER:{letters}"
        elif m.label in ("GPE", "LOC"):
            key = f"{m.label}:{match_key(translit or m.text)}"
        else:
            key = f"{m.label}:{m.lang}:{norm.lower() if m.lang != 'zh' else norm}"
    return Linked(norm, translit, key)
