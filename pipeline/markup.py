"""Inline span markup used by the gold files: ``[surface]{LABEL}``, nestable, with ``\\[`` escapes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    """A labelled span of the plain text."""

    start: int
    end: int
    label: str


class MarkupError(ValueError):
    """Unbalanced or malformed markup, with the position in the marked-up text."""


def parse_markup(marked: str) -> tuple[str, list[Span]]:
    """Plain text and the spans of ``[surface]{LABEL}`` markup (sorted by start, then end)."""
    plain: list[str] = []
    open_at: list[tuple[int, int]] = []
    spans: list[Span] = []
    i = 0
    n = len(marked)
    while i < n:
        ch = marked[i]
        if ch == "\\" and i + 1 < n and marked[i + 1] in "[]{}":
            plain.append(marked[i + 1])
            i += 2
        elif ch == "[":
            open_at.append((len(plain), i))
            i += 1
        elif ch == "]":
            if not open_at:
                raise MarkupError(f"']' without '[' at {i}")
            if i + 1 >= n or marked[i + 1] != "{":
                raise MarkupError(f"']' not followed by '{{LABEL}}' at {i}")
            close = marked.find("}", i + 2)
            label = marked[i + 2: close]
            if close < 0 or not label or not label.replace("_", "").isalpha() or not label.isupper():
                raise MarkupError(f"bad label after ']' at {i}: {marked[i:i + 20]!r}")
            start, _ = open_at.pop()
            spans.append(Span(start, len(plain), label))
            i = close + 1
        else:
            plain.append(ch)
            i += 1
    if open_at:
        raise MarkupError(f"'[' never closed, opened at {open_at[-1][1]}")
    return "".join(plain), sorted(spans)


def to_markup(text: str, spans: list[Span]) -> str:
    """Inverse of :func:`parse_markup` for properly nested spans."""
    opens: dict[int, list[Span]] = {}
    closes: dict[int, list[Span]] = {}
    for s in spans:
        opens.setdefault(s.start, []).append(s)
        closes.setdefault(s.end, []).append(s)
    out: list[str] = []
    for i in range(len(text) + 1):
        for s in sorted(closes.get(i, []), key=lambda s: -s.start):
            out.append(f"]{{{s.label}}}")
        for _ in sorted(opens.get(i, []), key=lambda s: -s.end):
            out.append("[")
        if i < len(text):
            out.append("\\" + text[i] if text[i] in "[]{}" else text[i])
    return "".join(out)
