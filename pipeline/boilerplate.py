"""Tell article text from page furniture, line by line (pure, no I/O).

General rules, not site-specific strings:

* placeholder lines: only ``?``, replacement characters or decoration;
* a navigation block at the top: several short menu-like lines in a row;
* a trailer at the bottom: footer lines (copyright, ICP/record numbers,
  "Hosted by"), comment prompts, "related / you may have missed" headings;
* an author bio: an ``Author:`` line near the end followed only by a short
  paragraph or two and trailer lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.chinese import to_simplified

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SENTENCE_PUNCT = re.compile(r"[.!?。！？,，;；:：]")
_PLACEHOLDER = re.compile(r"^[?？\ufffd□■◆◇●○·•*_=~|#\-–—]+$")
_WORD = re.compile(rf"[A-Za-z\u00c0-\u024f0-9']+|[{HAN}]")

FOOTER = re.compile(
    r"copyright|©|\(c\)\s*\d{4}|all rights reserved|版权所有|hosted by|sponsored by|主办|承办|"
    r"\bICP\b|ICP[备证]|备案|record no|identification code|网站标识码|公网安备|"
    r"website (operation|maintenance)|maintenance:|运营维护|技术支持|contact us|联系我们|"
    r"privacy( policy)?|隐私|terms of (use|service)|about us|关于我们|sitemap|网站地图",
    re.IGNORECASE,
)
COMMENT_PROMPT = re.compile(
    r"\b\d+\s+comments?\b|leave a (comment|reply)|post a comment|add a comment|^comments?\s*[:(]|"
    r"\bshare (this|on)\b|发表评论|网友评论|^评论\s*[:：(（]|分享到|我要评论",
    re.IGNORECASE,
)
RELATED = re.compile(
    r"you may (have missed|also like)|related (articles?|posts?|news|stories|reading)|read more|"
    r"recommended( for you)?$|more stories|相关(阅读|新闻|文章|报道|链接)|推荐阅读|延伸阅读|热门推荐|猜你喜欢",
    re.IGNORECASE,
)
CREDIT = re.compile(r"^[(（]?\s*(责任编辑|责编|编辑|审核|校对|editor)\s*[:：]", re.IGNORECASE)
AUTHOR_LABEL = re.compile(r"^(author|about the author|written by|作者|作者简介)\s*[:：]", re.IGNORECASE)


@dataclass(frozen=True)
class Removal:
    """One removed source line."""

    line_no: int
    kind: str
    text: str


@dataclass(frozen=True)
class CleanParams:
    """Thresholds of the rules (see params.yaml, section ingest)."""

    nav_min_lines: int = 3
    nav_max_words: int = 4
    nav_max_han: int = 8
    trailer_max_words: int = 30
    bio_max_words: int = 120
    bio_max_paragraphs: int = 2
    bio_window_lines: int = 12


def n_words(line: str) -> int:
    """Words in a line: Latin words and numbers count one each, Han characters one each."""
    return len(_WORD.findall(line))


def is_placeholder(line: str) -> bool:
    """True for lines made only of ``?``, U+FFFD or decoration characters."""
    return bool(_PLACEHOLDER.match(line.strip()))


def is_nav_like(line: str, p: CleanParams) -> bool:
    """Short, punctuation-free lines such as menu entries (``Open Governance``, ``首页``)."""
    s = line.strip()
    if not s or _SENTENCE_PUNCT.search(s) or any(ch.isdigit() for ch in s):
        return False
    han = sum(1 for ch in s if "\u4e00" <= ch <= "\u9fff")
    if han:
        return han <= p.nav_max_han and n_words(s) - han == 0
    return n_words(s) <= p.nav_max_words


def trailer_kind(line: str, p: CleanParams) -> str | None:
    """The kind of trailer line this is (footer, prompt, related heading, credit), or None."""
    s = line.strip()
    if not s or n_words(s) > p.trailer_max_words:
        return None
    if is_placeholder(s):
        return "placeholder"
    if COMMENT_PROMPT.search(s):
        return "comment_prompt"
    if RELATED.search(s):
        return "related_links"
    if CREDIT.search(s):
        return "credit"
    if FOOTER.search(s):
        return "footer"
    return None


def _top_navigation(lines: list[str], p: CleanParams) -> dict[int, str]:
    """Menu lines before the first real line, if there are enough of them to be a menu."""
    block: dict[int, str] = {}
    n_nav = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if is_placeholder(line):
            block[i] = "placeholder"
        elif is_nav_like(line, p):
            block[i] = "navigation"
            n_nav += 1
        else:
            break
    if n_nav >= p.nav_min_lines:
        return block
    return {i: k for i, k in block.items() if k == "placeholder"}


def _bottom_trailer(lines: list[str], p: CleanParams) -> dict[int, str]:
    """Footer, prompts and related headings at the end (and menu lines among them)."""
    found: dict[int, str] = {}
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line.strip():
            continue
        kind = trailer_kind(line, p)
        if kind is None and found and is_nav_like(line, p):
            kind = "navigation"
        if kind is None:
            break
        found[i] = kind
    return found


def _author_bio(lines: list[str], removed: dict[int, str], p: CleanParams) -> dict[int, str]:
    """An ``Author:`` line near the end followed only by a short bio and trailer lines."""
    last = max((i for i, ln in enumerate(lines) if ln.strip() and i not in removed), default=-1)
    start = max(0, last - p.bio_window_lines)
    for i in range(start, last + 1):
        if not AUTHOR_LABEL.match(lines[i].strip()):
            continue
        rest = [j for j in range(i + 1, last + 1) if lines[j].strip() and j not in removed]
        if len(rest) <= p.bio_max_paragraphs and all(n_words(lines[j]) <= p.bio_max_words for j in rest):
            return {i: "author_bio", **{j: "author_bio" for j in rest}}
    return {}


def find_boilerplate(lines: list[str], p: CleanParams = CleanParams()) -> list[Removal]:
    """Every line that is not article text, with its kind, in line order.

    The rules are written in Simplified Chinese and English; they are applied to
    an OpenCC-simplified copy of each line so that Traditional pages match too.
    """
    probe = [to_simplified(line) for line in lines]
    removed: dict[int, str] = {}
    removed.update(_top_navigation(probe, p))
    removed.update(_bottom_trailer(probe, p))
    removed.update(_author_bio(probe, removed, p))
    removed.update(_bottom_trailer([ln if i not in removed else "" for i, ln in enumerate(probe)], p))
    for i, line in enumerate(probe):
        if i not in removed and line.strip() and is_placeholder(line):
            removed[i] = "placeholder"
    return [Removal(i, k, lines[i]) for i, k in sorted(removed.items())]
