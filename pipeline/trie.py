"""A character trie for gazetteer and lexicon lookup: every match, or leftmost-longest ones."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

V = TypeVar("V")
_END = "\0"


@dataclass
class Trie(Generic[V]):
    """Maps surface strings to values; a surface added twice keeps every value."""

    root: dict = field(default_factory=dict)
    size: int = 0

    def add(self, surface: str, value: V) -> None:
        if not surface:
            return
        node = self.root
        for ch in surface:
            node = node.setdefault(ch, {})
        values = node.setdefault(_END, [])
        if value not in values:
            values.append(value)
            self.size += 1

    def update(self, items: Iterable[tuple[str, V]]) -> None:
        for surface, value in items:
            self.add(surface, value)

    def get(self, surface: str) -> list[V]:
        node = self.root
        for ch in surface:
            node = node.get(ch)
            if node is None:
                return []
        return list(node.get(_END, []))

    def matches_at(self, text: str, start: int) -> list[tuple[int, list[V]]]:
        """(end, values) of every surface that starts at ``start``, shortest first."""
        out = []
        node = self.root
        for i in range(start, len(text)):
            node = node.get(text[i])
            if node is None:
                break
            if _END in node:
                out.append((i + 1, node[_END]))
        return out

    def find_all(
        self, text: str, *, accept: Callable[[int, int], bool] | None = None
    ) -> list[tuple[int, int, list[V]]]:
        """Every (start, end, values) match, possibly overlapping; ``accept`` can veto a span."""
        found = []
        for start in range(len(text)):
            if text[start] not in self.root:
                continue
            for end, values in self.matches_at(text, start):
                if accept is None or accept(start, end):
                    found.append((start, end, values))
        return found

    def find_longest(
        self, text: str, *, accept: Callable[[int, int], bool] | None = None
    ) -> list[tuple[int, int, list[V]]]:
        """Leftmost-longest non-overlapping matches."""
        out = []
        start = 0
        while start < len(text):
            best = None
            if text[start] in self.root:
                for end, values in self.matches_at(text, start):
                    if accept is None or accept(start, end):
                        best = (start, end, values)
            if best:
                out.append(best)
                start = best[1]
            else:
                start += 1
        return out
