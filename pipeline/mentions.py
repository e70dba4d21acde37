"""Entity candidates from several extractors, and the rules that merge them (pure).

Priorities: reviewed lexicons and genre rules (4) beat the statistical models
(spaCy, LAC: 2), which beat POS-tag guesses (jieba ``nr``/``ns``: 1).  Mentions do
not overlap, except that an ORG, GPE or LOC may sit inside a TITLE
(``[Secretary of the [CPC Sichuan Provincial Committee]{ORG}]{TITLE}``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

NESTABLE_IN_TITLE = {"ORG", "GPE", "LOC"}
LEXICON, RULE, MODEL, TAGGER = 4, 3, 2, 1


@dataclass(frozen=True)
class Candidate:
    """A proposed mention: offsets into the text it was found in."""

    start: int
    end: int
    label: str
    source: str
    priority: int
    score: float = 1.0
    key: str | None = None

    @property
    def length(self) -> int:
        return self.end - self.start

    def inside(self, other: Candidate) -> bool:
        return other.start <= self.start and self.end <= other.end and self != other

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


def _greedy(cands: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates, best (priority, length, score) first."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.priority, -c.length, -c.score, c.start, c.label)):
        if not any(c.overlaps(k) for k in kept):
            kept.append(c)
    return kept


def extend_titles(cands: list[Candidate], text: str, *, org_before: bool, joiners: tuple[str, ...] = ()) -> list[Candidate]:
    """Let a TITLE take in the organisation it names.

    ``org_before`` (Chinese): ``遂宁市委社工部`` + ``部长`` → TITLE ``遂宁市委社工部部长``.
    ``joiners`` (English): ``Secretary`` + `` of the `` + ORG → ``Secretary of the <ORG>``.
    The ORG stays as a mention nested inside the TITLE.
    """
    orgs = [c for c in cands if c.label == "ORG"]
    out = []
    for c in cands:
        if c.label == "TITLE":
            for org in sorted(orgs, key=lambda o: o.start):
                touches_start = org.start < c.start and (org.end == c.start or c.start < org.end <= c.end)
                if org_before and touches_start:
                    c = replace(c, start=org.start, source=f"{c.source}+org")
                elif org.start >= c.end and text[c.end: org.start] in joiners:
                    c = replace(c, end=org.end, source=f"{c.source}+org")
        out.append(c)
    return out


def resolve(cands: list[Candidate]) -> list[Candidate]:
    """Final mentions: TITLEs among themselves, others among themselves, then nesting rules."""
    titles = _greedy([c for c in cands if c.label == "TITLE"])
    others = _greedy([c for c in cands if c.label != "TITLE"])
    final_titles = []
    for t in titles:
        clashes = [o for o in others if o.overlaps(t) and not (o.inside(t) and o.label in NESTABLE_IN_TITLE)]
        if any(o.priority > t.priority for o in clashes):
            continue
        others = [o for o in others if o not in clashes]
        final_titles.append(t)
    return sorted(final_titles + others, key=lambda c: (c.start, -c.end, c.label))
