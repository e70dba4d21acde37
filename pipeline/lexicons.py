"""The project's reviewed resources in ``models/`` as lookup tries, Chinese and English.

* ``models/gazetteer/places.tsv``: places with English names, pinyin, type and parent;
* ``models/lexicon/orgs.tsv``: Party and state bodies; ``template`` rows (``{P}省委`` =
  ``CPC {P} Provincial Committee``) are expanded for every place of their level;
  ``models/lexicon/events.tsv``: named meetings and congresses, templates likewise;
* ``models/lexicon/titles.tsv``: posts; ``models/lexicon/persons.tsv``: people whose
  English names are not plain pinyin (only these are linked by lexicon).

Every entry has a stable ``key`` shared by its Chinese and English forms: the
cross-lingual link.  Chinese surfaces are stored simplified (match on the
OpenCC copy); English ones lower-cased (match on lower-cased text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.io import read_tsv
from pipeline.trie import Trie

MODELS = Path(__file__).resolve().parent.parent / "models"
PLACE_TYPES_GPE = {"country", "province", "autonomous_region", "municipality", "sar", "prefecture", "county", "city"}
_ZH_SUFFIX = re.compile(r"(?:(?:[\u4e00-\u9fff]{1,3}族)+)?(?:自治区|自治州|自治县|特别行政区|省|市|地区|盟|州|县|区|旗)$")
_EN_SUFFIX = re.compile(
    r"(?:\s+(?:[A-Z][a-z]+\s+)*?(?:Autonomous\s+(?:Region|Prefecture|County))|\s+(?:Province|City|Municipality|"
    r"Prefecture|League|County|District|SAR|Special Administrative Region))$"
)
TEMPLATE_TYPES = {"province": {"province"}, "prefecture": {"prefecture", "municipality"}, "county": {"county"}}


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: its key, label, canonical names and romanisation."""

    key: str
    label: str
    zh: str
    en: str
    pinyin: str = ""
    kind: str = ""


@dataclass
class Lexicon:
    """Tries from surfaces to entries, one per language."""

    zh: Trie[Entry] = field(default_factory=Trie)
    en: Trie[Entry] = field(default_factory=Trie)
    entries: dict[str, Entry] = field(default_factory=dict)

    def add(self, entry: Entry, zh_forms: list[str], en_forms: list[str]) -> None:
        self.entries[entry.key] = entry
        for form in zh_forms:
            if len(form) >= 2:
                self.zh.add(form, entry)
        for form in en_forms:
            if len(form) >= 2:
                self.en.add(form.lower().replace("-", " "), entry)



def _split(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


def zh_short(name: str) -> str:
    """``四川省`` → ``四川``, ``凉山彝族自治州`` → ``凉山``; names of two characters stay whole."""
    short = _ZH_SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


def en_short(names: list[str]) -> str:
    """Shortest English form without an administrative suffix (``Sichuan``, ``Inner Mongolia``)."""
    forms = [_EN_SUFFIX.sub("", n).strip() for n in names if n]
    forms = [f for f in forms if f and "Autonomous" not in f]
    return min(forms, key=lambda f: (len(f), f)) if forms else names[0]


def _place_label(kind: str) -> str:
    return "GPE" if kind in PLACE_TYPES_GPE else "LOC"


def load_places(lex: Lexicon, path: Path) -> list[tuple[dict[str, str], str, str]]:
    """Add places; return (row, zh short name, en short name) for template expansion."""
    places = []
    for r in read_tsv(path):
        entry = Entry(r["key"], _place_label(r["type"]), r["zh"], r["en"], r["pinyin"], r["type"])
        aliases_zh = _split(r["aliases_zh"])
        aliases_en = _split(r["aliases_en"])
        short_zh = zh_short(r["zh"])
        short_en = en_short([r["en"], *aliases_en])
        lex.add(entry, [r["zh"], short_zh, *aliases_zh], [r["en"], short_en, *aliases_en])
        places.append((r, short_zh, short_en))
    return places


def load_bodies(lex: Lexicon, path: Path, places: list[tuple[dict[str, str], str, str]], label: str = "ORG") -> None:
    """Add organisations (or events), expanding ``{P}`` templates for every place of the template's level."""
    for r in read_tsv(path):
        zh_forms = [r["zh"], *_split(r["aliases_zh"])]
        en_forms = [r["en"], *_split(r["aliases_en"])]
        if r["type"] != "template":
            lex.add(Entry(r["key"], label, r["zh"], r["en"], kind=r["type"]), zh_forms, en_forms)
            continue
        kinds = {"autonomous_region"} if "-AR-" in r["key"] else TEMPLATE_TYPES.get(r["level"], set())
        for place, p_zh, p_en in places:
            if place["type"] not in kinds:
                continue
            entry = Entry(f"{r['key']}@{place['key']}", label, r["zh"].replace("{P}", p_zh),
                          r["en"].replace("{P}", p_en), kind=r["level"])
            lex.add(entry, [f.replace("{P}", p_zh) for f in zh_forms], [f.replace("{P}", p_en) for f in en_forms])


def load_titles(lex: Lexicon, path: Path) -> None:
    for r in read_tsv(path):
        entry = Entry(r["key"], "TITLE", r["zh"], r["en"])
        lex.add(entry, [r["zh"], *_split(r["aliases_zh"])], [r["en"], *_split(r["aliases_en"])])


def load_persons(lex: Lexicon, path: Path) -> None:
    for r in read_tsv(path):
        entry = Entry(r["key"], "PERSON", r["zh"], r["en"])
        lex.add(entry, [r["zh"]], [r["en"], *_split(r["aliases_en"])])


@lru_cache(maxsize=2)
def lexicon(models: Path = MODELS) -> Lexicon:
    """All of models/ loaded once per process."""
    lex = Lexicon()
    places = load_places(lex, models / "gazetteer" / "places.tsv")
    load_bodies(lex, models / "lexicon" / "orgs.tsv", places)
    load_bodies(lex, models / "lexicon" / "events.tsv", places, label="EVENT")
    load_titles(lex, models / "lexicon" / "titles.tsv")
    load_persons(lex, models / "lexicon" / "persons.tsv")
    return lex


CONTEXT_PREFIX = "CTX:"


@lru_cache(maxsize=2)
def context_abbreviations(models: Path = MODELS) -> Trie[Entry]:
    """Template bodies written without their place (``省委``, ``省委社工部``, ``市委``).

    Their key is ``CTX:<template key>``; linking resolves it to the place the document is about.
    """
    trie: Trie[Entry] = Trie()
    for r, label in _templateread_tsv(models):
        for form in [r["zh"], *_split(r["aliases_zh"])]:
            if form.startswith("{P}") and len(form) - 3 >= 2 and "{P}" not in form[3:]:
                entry = Entry(CONTEXT_PREFIX + r["key"], label, form[3:], r["en"], kind=r["level"])
                trie.add(form[3:], entry)
    return trie


def _templateread_tsv(models: Path) -> list[tuple[dict[str, str], str]]:
    """Template rows of the organisation and event lexicons, with their label."""
    return [(r, label) for name, label in (("orgs.tsv", "ORG"), ("events.tsv", "EVENT"))
            for r in read_tsv(models / "lexicon" / name) if r["type"] == "template"]


_EN_BODY = re.compile(r"^(?P<body>.+?) of the (?:CPC )?\{P\} (?:Provincial|Municipal|County) (?:Party )?Committee$")


@lru_cache(maxsize=2)
def context_abbreviations_en(models: Path = MODELS) -> Trie[Entry]:
    """English template bodies named without their place (``Organization Department``,
    ``Commission for Political and Legal Affairs``): keys ``CTX:<template key>``."""
    trie: Trie[Entry] = Trie()
    for r, label in _templateread_tsv(models):
        for form in [r["en"], *_split(r["aliases_en"])]:
            m = _EN_BODY.match(form)
            if m and " " in m["body"] and "{P}" not in m["body"]:
                trie.add(m["body"].lower(), Entry(CONTEXT_PREFIX + r["key"], label, r["zh"], m["body"], kind=r["level"]))
    return trie
