"""English named entities (pure core): spaCy en_core_web_sm + reviewed lexicons + genre rules.

* spaCy's NER (tok2vec + ner only), labels kept when they are names;
* lexicons from ``models/``: places, Party and state bodies (templates expanded:
  ``CPC Sichuan Provincial Committee``, ``People's Government of Sichuan Province``),
  posts, non-pinyin person names — matched case-insensitively on whole words;
* filters for this genre: the bare word ``Party`` is not an ORG, slogans such as
  ``Fengqiao model`` hold no place, a leading ``the`` and a trailing ``'s`` are not
  part of a name, meetings named like bodies are EVENTs (``… Conference on Social Work``);
* posts take in the body they belong to: ``Secretary`` + `` of the `` + ORG.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import spacy
from spacy.language import Language

from pipeline.lexicons import context_abbreviations_en, lexicon
from pipeline.translit import pinyin_syllables, surname_table
from pipeline.mentions import LEXICON, MODEL, RULE, Candidate, extend_titles, resolve

NAME_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
GENERIC_ORG = {"party", "committee", "central", "department", "government", "state", "council", "congress",
               "ministry", "bureau", "commission", "office"}
SLOGAN_WORDS = re.compile(r"^(?:model|experience|spirit|style|way)\b", re.IGNORECASE)
EVENT_NAME = re.compile(
    r"\b(?:Conference|Plenary Session|Session|Meeting|Forum|Symposium|Summit|National Congress)\b"
    r"(?: on [A-Z][\w ]+)?$|\bConference on\b"
)
_LEAD = re.compile(r"(?:[\"“‘'(\[]+\s*|(?:the|The|THE)\s+)")
_TRAIL = re.compile(r"(?:'s|’s|'|’|[\"”)\],.;:\s])+$")
HEADLINE_VERBS = re.compile(r"(?:\s+(?:Held|Opens|Opened|Closes|Closed|Convened|Concludes|Begins|Ends|Kicks Off))+$")
LAW_HEAD = re.compile(r"\b(?:Plan|Regulations?|Law|Measures|Provisions|Opinions|Guidelines|Constitution|Charter|"
                      r"Decision|Program(?:me)?|Outline)$")
FESTIVAL = re.compile(r"\b(?:Spring|Lantern|Mid-Autumn|Dragon Boat|Qingming) Festival$")
ORDINAL = r"(?:\d+(?:st|nd|rd|th)|[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|[Ff]ifth|[Ss]ixth|[Ss]eventh|[Ee]ighth|[Nn]inth)"
EVENT_PATTERNS = [
    re.compile(rf"\b{ORDINAL}\s+(?:[Pp]lenary\s+[Ss]ession|[Pp]lenum)\s+of\s+the\s+{ORDINAL}\s+"
               r"(?:CPC\s+)?Central\s+Committee(?:\s+of\s+the\s+(?:Communist\s+Party\s+of\s+China|CPC))?"),
    re.compile(rf"\b{ORDINAL}\s+(?:CPC\s+)?National\s+(?:People's\s+)?Congress"
               r"(?:\s+of\s+the\s+(?:Communist\s+Party\s+of\s+China|CPC))?"),
]
DOCTRINE = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+(?:'s)? Thought(?: on [A-Z][\w ]+? for a New Era)?")
FAC_PATTERN = re.compile(r"\b(?:[A-Z][a-z]+\s)+(?:Hutong|Lane|Road|Street|Avenue|Alley|Square|Bridge)\b(?!\s+[A-Z])")
ORG_PATTERN = re.compile(
    r"\b[A-Z][\w-]*(?:\s+(?:of|and|for|the|on)?\s*[A-Z][\w-]*)*?\s+"
    r"(?:Association|Federation|Society|Chamber of Commerce|Company|Corporation|Institute|University|Academy|Foundation)\b"
)


@lru_cache(maxsize=2)
def ner_pipeline(model: str) -> Language:
    """The spaCy model with only the components NER needs."""
    return spacy.load(model, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading quotes and ``the``, trailing quotes, punctuation and ``'s``."""
    while True:
        lead = _LEAD.match(text, start, end)
        trail = _TRAIL.search(text, start, end)
        new_start = lead.end() if lead else start
        new_end = trail.start() if trail and trail.start() > new_start else end
        if (new_start, new_end) == (start, end):
            return start, end
        start, end = new_start, new_end


def _sentence_start(text: str, start: int) -> bool:
    """True at the start of the text or after a sentence end (capitals there prove nothing)."""
    return not text[:start].strip() or bool(re.search(r"[.!?:\"“]\s*$", text[:start]))


def _word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


PINYIN_NAME = re.compile(r"\b([A-Z][a-z]{0,5}) ([A-Z][a-z]{1,11})\b")


def is_pinyin_name(surname: str, given: str) -> bool:
    """``Wang`` + ``Xiaohui``: a surname from the table and a given name of one or two pinyin syllables."""
    if surname not in {p for p in surname_table().values()}:
        return False
    syllables = pinyin_syllables()
    g = given.lower()
    return g in syllables or any(g[:i] in syllables and g[i:] in syllables for i in range(1, len(g)))


def lexicon_candidates(text: str) -> list[Candidate]:
    """Lexicon matches on whole words; names must be capitalised, posts may be lower-case."""
    lowered = text.lower().replace("-", " ")
    out = []
    for start, end, entries in context_abbreviations_en().find_all(lowered, accept=lambda s, e: _word_bounded(text, s, e)):
        if text[start:end].istitle() or text[start].isupper():
            out += [Candidate(start, end, e.label, "lexicon:context", LEXICON - 1, 0.9, e.key) for e in entries]
    for start, end, entries in lexicon().en.find_all(lowered, accept=lambda s, e: _word_bounded(text, s, e)):
        surface = text[start:end]
        for entry in entries:
            if entry.label != "TITLE" and not surface[:1].isupper():
                continue
            if entry.label == "TITLE" and surface.islower() and " " not in surface and \
                    not lowered.startswith(" of ", end):
                continue
            out.append(Candidate(start, end, entry.label, "lexicon", LEXICON, 1.0, entry.key))
    return out


def model_candidates(text: str, ents: Iterable[tuple[int, int, str]]) -> list[Candidate]:
    """spaCy entities, trimmed and filtered for this genre.

    Dropped: labels that are not names, WORK_OF_ART (here it is slogans), spans
    without a capital letter, persons and places with digits, festivals (dates),
    the bare ``Party`` and other generic words, names inside slogans (``Fengqiao model``).
    Relabelled: meetings named like bodies → EVENT; plans and regulations → LAW.
    """
    out = []
    for start, end, label in ents:
        if label not in NAME_LABELS or label == "WORK_OF_ART":
            continue
        start, end = _trim(text, start, end)
        surface = text[start:end]
        if not surface or surface.lower() in GENERIC_ORG or not any(ch.isupper() for ch in surface):
            continue
        if label in ("PERSON", "GPE", "LOC", "NORP") and any(ch.isdigit() for ch in surface):
            continue
        if label in ("ORG", "EVENT") and not re.search(r"[A-Z][a-z]", surface) or FESTIVAL.search(surface):
            continue
        if label == "PERSON" and " " not in surface and _sentence_start(text, start) and \
                surface not in surname_table().values():
            continue
        if label in ("GPE", "LOC", "PERSON", "ORG") and SLOGAN_WORDS.match(text[end:].lstrip()):
            continue
        if label in ("ORG", "FAC", "EVENT") and EVENT_NAME.search(surface) and "People's Congress" not in surface:
            label = "EVENT"
            verbs = HEADLINE_VERBS.search(surface)
            end -= len(verbs.group()) if verbs else 0
        elif label in ("ORG", "WORK_OF_ART", "PRODUCT") and LAW_HEAD.search(surface):
            label = "LAW"
        out.append(Candidate(start, end, label, "spacy", MODEL, 0.8))
    return out


def rule_candidates(text: str) -> list[Candidate]:
    """Genre patterns: numbered congresses and plenary sessions, doctrines, streets, associations,
    and Chinese names in pinyin (``Wang Xiaohui``: a surname followed by pinyin syllables)."""
    out = []
    for pattern in EVENT_PATTERNS:
        out += [Candidate(m.start(), m.end(), "EVENT", "rule:event", LEXICON + 1, 0.9) for m in pattern.finditer(text)]
    out += [Candidate(m.start(), m.end(), "LAW", "rule:doctrine", LEXICON + 1, 0.9) for m in DOCTRINE.finditer(text)]
    out += [Candidate(m.start(), m.end(), "FAC", "rule:street", RULE, 0.9) for m in FAC_PATTERN.finditer(text)]
    out += [Candidate(*_trim(text, m.start(), m.end()), "ORG", "rule:org-head", LEXICON + 1, 0.9)
            for m in ORG_PATTERN.finditer(text)]
    for m in PINYIN_NAME.finditer(text):
        if is_pinyin_name(m.group(1), m.group(2)):
            out.append(Candidate(m.start(), m.end(), "PERSON", "rule:pinyin-name", RULE, 0.9))
    return out


def extract(text: str, ents: Iterable[tuple[int, int, str]]) -> list[Candidate]:
    """Resolved mentions of one English text, given spaCy's (start, end, label) entities."""
    model = model_candidates(text, ents)
    rules = rule_candidates(text)
    lex = lexicon_candidates(text)
    events = [c for c in model if c.label == "EVENT"] + [c for c in rules if c.label in ("EVENT", "LAW")]
    lex = [c for c in lex if not any(c.inside(e) or c == e for e in events)]
    cands = extend_titles(model + rules + lex, text, org_before=False, joiners=(" of the ", " of "))
    cands += [Candidate(c.start, c.end, c.label, "spacy+rule", RULE, c.score, c.key)
              for c in events if c.source == "spacy"]
    return resolve(cands)


def extract_many(texts: list[str], model: str, batch_size: int = 64) -> list[list[Candidate]]:
    """Mentions for each text, running spaCy in batches."""
    nlp = ner_pipeline(model)
    out = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=batch_size)):
        out.append(extract(text, [(e.start_char, e.end_char, e.label_) for e in doc.ents]))
    return out
