"""Pinyin romanisation of Chinese names, and the matching keys used to link them to English.

Person names: surname from the reviewed table in ``models/lexicon/surnames.tsv``
(compound surnames first; polyphonic ones read as surnames: 曾 Zeng, 单 Shan),
given name from pypinyin, written the way Chinese media print names in English:
``王晓晖`` → ``Wang Xiaohui``, ``欧阳娜娜`` → ``Ouyang Nana``, ``王嘉安`` → ``Wang Jia'an``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from pipeline.chinese import to_simplified
from pipeline.io import read_tsv

MODELS = Path(__file__).resolve().parent.parent / "models"
SURNAMES = MODELS / "lexicon" / "surnames.tsv"


@lru_cache(maxsize=1)
def surname_table(path: Path = SURNAMES) -> dict[str, str]:
    """Chinese surname → its pinyin as a surname (single and compound)."""
    return {r["surname"]: r["pinyin"] for r in read_tsv(path)}


def syllables(text: str) -> list[str]:
    """Toneless pinyin syllables (ü written as u), one per Chinese character."""
    out = lazy_pinyin(to_simplified(text), style=Style.NORMAL, v_to_u=True, errors="default")
    return [s.replace("ü", "u") for s in out]


def join_syllables(parts: list[str]) -> str:
    """``['jia', 'an']`` → ``jia'an``: an apostrophe before a, o, e after the first syllable."""
    word = ""
    for i, part in enumerate(parts):
        if i and part[:1] in "aoe":
            word += "'"
        word += part
    return word


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name) of a Chinese person name; compound surnames win."""
    table = surname_table()
    simplified = to_simplified(name)
    if len(simplified) >= 3 and simplified[:2] in table:
        return name[:2], name[2:]
    return name[:1], name[1:]


def person_pinyin(name: str) -> str:
    """English-style romanisation of a Chinese person's name (surname first)."""
    name = name.replace("·", "").replace("•", "").strip()
    surname, given = split_name(name)
    table = surname_table()
    sur = table.get(to_simplified(surname)) or join_syllables(syllables(surname)).capitalize()
    if not given:
        return sur
    return f"{sur} {join_syllables(syllables(given)).capitalize()}"


def place_pinyin(name: str) -> str:
    """Romanisation of a place name written as one word (``成都`` → ``Chengdu``)."""
    return join_syllables(syllables(name)).capitalize()


def match_key(text: str) -> str:
    """Lower-case ASCII letters only, for comparing romanised names (``Xi'an`` = ``xian`` = ``Xi An``)."""
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z]", "", text.encode("ascii", "ignore").decode().lower())


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable (read off pypinyin for the common CJK block)."""
    chars = "".join(chr(c) for c in range(0x4E00, 0x9FA6))
    return frozenset(lazy_pinyin(chars, style=Style.NORMAL, v_to_u=True, errors="ignore")) - {""}
