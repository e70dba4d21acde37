"""Chinese script helpers on OpenCC: Simplified copies with unchanged offsets, Hans vs Hant."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import opencc
import rjieba


@lru_cache(maxsize=8)
def converter(config: str) -> opencc.OpenCC:
    """A cached OpenCC converter (``t2s``, ``s2t``, ``tw2s``, …)."""
    return opencc.OpenCC(config)


def to_simplified(text: str, config: str = "t2s") -> str:
    """OpenCC-simplified copy of ``text`` with exactly the same length, so offsets carry over.

    OpenCC converts phrases, which can in rare cases change the length; then each
    character is converted on its own and any that would not stay one character is kept.
    """
    converted = converter(config).convert(text)
    if len(converted) == len(text):
        return converted
    conv = converter(config)
    out = []
    for ch in text:
        c = conv.convert(ch)
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


def variant_counts(text: str) -> tuple[int, int]:
    """(characters that only Traditional uses, characters that only Simplified uses) in ``text``."""
    to_s = to_simplified(text, "t2s")
    to_t = converter("s2t").convert(text)
    n_trad = sum(1 for a, b in zip(text, to_s) if a != b)
    n_simp = sum(1 for a, b in zip(text, to_t) if a != b) if len(to_t) == len(text) else 0
    return n_trad, n_simp


def han_script(n_trad: int, n_simp: int) -> str:
    """``Hant`` when Traditional-only characters outnumber Simplified-only ones, else ``Hans``."""
    return "Hant" if n_trad > n_simp else "Hans"


def word_spans(words: Iterable[tuple[str, str]]) -> list[tuple[int, int, str, str]]:
    """(start, end, word, tag) for consecutive (word, tag) pairs that together cover a text."""
    out, pos = [], 0
    for word, tag in words:
        out.append((pos, pos + len(word), word, tag))
        pos += len(word)
    return out


def jieba_words(simplified: str) -> list[tuple[int, int, str, str]]:
    """rjieba words with their POS tags and offsets (run on a simplified copy)."""
    return word_spans(rjieba.tag(simplified))
