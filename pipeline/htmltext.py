"""Extract article text and metadata from a news HTML page (lxml; no scripts run, no network)."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping, Sequence

import lxml.html
from lxml import etree

__all__ = ["HtmlArticle", "declared_charset", "extract_html"]


@dataclasses.dataclass(frozen=True)
class HtmlArticle:
    """Article text (one block per line, no blank lines) plus page metadata."""

    text: str
    title: str | None
    published: str | None
    author: str | None
    source: str | None
    charset: str | None


_El = etree._Element
_DROP_TAGS = frozenset(
    "script style noscript template iframe object embed svg canvas form button select input "
    "textarea nav aside footer header rt rp".split()
)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu ol p pre "
    "section summary table tbody td tfoot th thead tr ul".split()
)
_BOILER_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary"})
_BOILER_WORDS = frozenset(
    "nav navbar navigation menu menubar breadcrumb breadcrumbs footer foot sidebar share sharing "
    "sharebar social comment comments disqus related advert adverts advertisement ad ads "
    "adsbygoogle sponsor sponsored cookie cookies consent subscribe subscription newsletter "
    "copyright promo masthead topbar".split()
)
_HEADER_QUALIFIERS = frozenset({"site", "page", "global", "top", "main"})
_MODIFIERS = frozenset({"has", "with", "no", "without"})
_PROTECTED = frozenset({"html", "body", "main"})
_PUBLISHED_KEYS = (
    "article:published_time", "og:published_time", "pubdate", "publishdate", "date",
    "dc.date", "dc.date.issued", "datepublished",
)
_AUTHOR_KEYS = ("author", "article:author")

_XML_DECL = re.compile(r"^\ufeff?\s*<\?xml\b[^>]*>")
_INLINE_TAG = re.compile(r"</?(?:b|i|u|s|em|strong|font|span|small|big|a|sup|sub|tt)\b[^>]*>", re.I)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_LABEL = re.compile(r"""\s*["']?\s*([A-Za-z0-9._:-]+)""")
_CONTENT_CHARSET = re.compile(r"charset\s*=([^;]*)", re.I)
_XML_ENCODING = re.compile(r"""^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WIDE = "\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"  # CJK, no Hangul
_CJK_BREAK = re.compile(rf"(?<=[{_WIDE}])[^\S\n]*\n\s*(?=[{_WIDE}])")  # CSS drops it
# " - Site", "_新浪网", "-新华网", but not "Budget-ary":
_TITLE_SUFFIX = re.compile(rf"\s*(?:[|_｜·»–—]|::)\s*\S|\s+[-:]\s+\S|-\s*[{_WIDE}]")
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\u200b\ufeff\ufffe\uffff]")  # "&#1;" too
_SEP = "\ufdd0"  # a noncharacter, deleted from the input, so it safely separates blocks
_SEP_ENTITY = re.compile(r"&#(?:x0*fdd0|0*64976);?", re.I)


def _norm(s: str | None) -> str:
    """Drop invisible characters, collapse whitespace runs to one space, strip."""
    return " ".join(_INVISIBLE.sub("", s or "").split())


def _text(el: _El) -> str:
    """Normalised text content of ``el`` (without its tail)."""
    return _norm(etree.tostring(el, method="text", encoding=str, with_tail=False))


def _charset_from_attrs(attrs: Mapping[str, str]) -> str | None:
    """Charset label from one <meta>'s attributes (charset=, or http-equiv Content-Type)."""
    raw = attrs.get("charset")
    if raw is None and attrs.get("http-equiv", "").strip().lower() == "content-type":
        m = _CONTENT_CHARSET.search(attrs.get("content", ""))
        raw = m.group(1) if m else None
    m = _LABEL.match(raw) if raw is not None else None
    return m.group(1).lower() if m else None


def declared_charset(data: bytes) -> str | None:
    """Charset declared by a <meta> (or, failing that, the XML declaration) in the first 4 KB."""
    head = data[:4096].decode("latin-1")
    for tag in _META_TAG.finditer(head):
        attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(tag.group(0)[5:])}
        if label := _charset_from_attrs(attrs):
            return label
    m = _XML_ENCODING.match(head.removeprefix("\xef\xbb\xbf"))
    return m.group(1).lower() if m else None


def _parse(html: str) -> _El | None:
    """Parse safely; retry without inline tags if libxml2's depth limit (256) cut the tree."""
    html = _SEP_ENTITY.sub("", _XML_DECL.sub("", html, count=1).replace(_SEP, ""))
    for attempt in range(2):
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
        parser.set_element_class_lookup(etree.ElementDefaultClassLookup())  # plain, fast proxies
        try:
            doc = lxml.html.document_fromstring(html, parser=parser)
        except (etree.LxmlError, ValueError):
            return None
        if attempt or not any("Excessive depth" in e.message for e in parser.error_log):
            return doc
        html = _INLINE_TAG.sub("", html)  # runs of unclosed <font>/<b> nest without limit
    return None  # pragma: no cover


def _value(els: Sequence[_El], *attrs: str) -> str | None:
    """First non-empty attribute (in ``attrs`` order), else the text, of ``els[0]``."""
    for el in els[:1]:
        for a in attrs:
            if v := _norm(el.get(a)):
                return v
        return _text(el) or None
    return None


_Times = list[tuple[str, list[_El]]]


def _metadata(doc: _El) -> tuple[HtmlArticle, _Times]:
    """Metadata (empty text) from the uncleaned tree; each <time datetime> with its ancestors."""
    meta: dict[str, str] = {}
    charset = None
    els = list(doc.iter("meta", "title", "h1", "time", "a"))
    props = [(v.split(), v.getparent()) for v in doc.xpath("//@itemprop")]  # one fast pass
    for m in (e for e in els if e.tag == "meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        if key and (val := _norm(m.get("content"))) and key not in meta:
            meta[key] = val
        charset = charset or _charset_from_attrs({k.lower(): v for k, v in m.attrib.items()})
    h1s = [t for t in (_text(e) for e in els if e.tag == "h1") if t]
    titles = [e for e in els if e.tag == "title" and all(a.tag != "svg" for a in e.iterancestors())]
    published = next((meta[k] for k in _PUBLISHED_KEYS if k in meta), None)
    if published is None:
        published = _value([e for v, e in props if "datePublished" in v], "content", "datetime")
    author = next((meta[k] for k in _AUTHOR_KEYS if k in meta), None)
    if author is None and (authors := [e for v, e in props if "author" in v]):
        names = authors[0].xpath(".//*[@itemprop='name']")
        author = _value(names, "content") or _value(authors, "content")
    links = [e for e in els if e.tag == "a" and "author" in (e.get("rel") or "").lower().split()]
    author = author or _value(links)
    times = [
        (v, list(e.iterancestors()))
        for e in els if e.tag == "time" and (v := _norm(e.get("datetime")))
    ]
    title = _title(meta, _text(titles[0]) if titles else "", h1s)
    return HtmlArticle("", title, published, author, meta.get("og:site_name"), charset), times


def _title(meta: Mapping[str, str], full: str, h1s: list[str]) -> str | None:
    """og:title, else <title> minus a site suffix confirmed by an <h1>, else the first <h1>."""
    if meta.get("og:title"):
        return meta["og:title"]
    if full:
        for h in h1s:
            if full.startswith(h) and _TITLE_SUFFIX.match(full[len(h):]):
                return h
        return full
    return h1s[0] if h1s else None


@functools.lru_cache(maxsize=4096)
def _is_boiler_name(name: str) -> bool:
    """True when one class name or id (``site-footer``, ``mainNav``) has a boilerplate word."""
    words = [w for w in _WORD_SPLIT.split(_CAMEL.sub("-", name).lower()) if w]
    for i, w in enumerate(words):
        prev = words[i - 1] if i else ""
        if prev in _MODIFIERS:  # "has-sidebar" describes a layout, not a sidebar
            continue
        if w in _BOILER_WORDS or w == "header" and (len(words) == 1 or prev in _HEADER_QUALIFIERS):
            return True
    return False


def _is_boiler_attr(el: _El) -> bool:
    """True when role, class or id words, or inline hiding, mark ``el`` as boilerplate."""
    attrib = el.attrib
    if not attrib:
        return False
    if (attrib.get("role") or "").strip().lower() in _BOILER_ROLES:
        return True
    if "hidden" in attrib or _HIDDEN_STYLE.search(attrib.get("style") or ""):
        return True
    names = f"{attrib.get('class', '')} {attrib.get('id', '')}".split()
    return any(_is_boiler_name(n) for n in names)


def _drop(el: _El) -> None:
    """Remove ``el`` and its subtree, keeping its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = _INVISIBLE.sub("", (prev.tail or "") + el.tail)  # lxml rejects "\x01"
        else:
            parent.text = _INVISIBLE.sub("", (parent.text or "") + el.tail)
    parent.remove(el)


def _clean(doc: _El) -> None:
    """Remove non-content elements in place; a sole <h1> inside a <header> survives."""
    h1s = list(doc.iter("h1"))
    sole_h1 = h1s[0] if len(h1s) == 1 else None
    articles = list(doc.iter("article"))
    anchors = [*doc.iter("main"), *h1s[:1 if sole_h1 is not None else 0]]
    if articles:  # the biggest <article>, unless it is just a teaser card
        size, big = max(((len(_text(a)), a) for a in articles), key=lambda t: t[0])
        anchors += [big] if 3 * size >= len(_text(doc)) else []
    keep = {x for a in anchors for x in (a, *a.iterancestors())}  # never dropped by attributes

    def holds_content(el: _El) -> bool:
        if el in keep:
            return True
        return el.tag == "form" and sum(len(_text(p)) for p in el.iter("p")) >= 300

    doomed = [el for el in doc.iter(*_DROP_TAGS) if el.tag != "form"]
    doomed += [el for el in doc.iter("form") if not holds_content(el)]  # ASP.NET wraps pages in one
    doomed += [
        el for el in doc.iter(tag=etree.Element)
        if el.tag not in _PROTECTED and _is_boiler_attr(el) and not holds_content(el)
    ]
    for el in doomed:
        parent = el.getparent()
        if el.tag != "header" or sole_h1 is None or el not in sole_h1.iterancestors():
            _drop(el)
        elif parent is not None:  # the sole <h1> takes its <header>'s place
            sole_h1.getparent().remove(sole_h1)
            sole_h1.tail = _INVISIBLE.sub("", el.tail or "")
            parent.replace(el, sole_h1)


def _content_root(doc: _El) -> _El:
    """Biggest <article>, else <main>, else [role=main], else best <p> parent, else <body>."""
    for path in ("//article", "//main", "//*[@role='main']"):
        found = [(len(_text(e)), -i, e) for i, e in enumerate(doc.xpath(path))]
        if found and (best := max(found, key=lambda t: t[:2]))[0] > 0:
            return best[2]
    scores: dict[_El, int] = {}
    for p in doc.iter("p"):
        if (parent := p.getparent()) is not None:
            scores[parent] = scores.get(parent, 0) + len(_text(p))
    if scores and max(scores.values()) > 0:
        return max(scores, key=lambda e: scores[e])  # first maximum in document order
    body = doc.find("body")
    return body if body is not None else doc


def _lines(root: _El) -> list[str]:
    """Block-structured text under ``root``: one normalised, non-empty line per block."""
    for el in root.iter(*_BLOCK_TAGS, "br"):  # mark block boundaries, then serialise once
        if el.tag != "br":
            el.text = _SEP + _INVISIBLE.sub("", el.text or "")  # lxml rejects control characters
        el.tail = _SEP + _INVISIBLE.sub("", el.tail or "")
    for pre in root.iter("pre"):
        for el in pre.iter():
            el.text = _INVISIBLE.sub("", el.text or "").replace("\n", _SEP)
            if el is not pre:
                el.tail = _INVISIBLE.sub("", el.tail or "").replace("\n", _SEP)
    text = etree.tostring(root, method="text", encoding=str, with_tail=False)
    return [line for line in map(_norm, _CJK_BREAK.sub("", text).split(_SEP)) if line]


def extract_html(html: str) -> HtmlArticle:
    """Extract article text and metadata from an HTML document given as ``str``."""
    doc = _parse(html)
    if doc is None:
        return HtmlArticle("", None, None, None, None, None)
    art, times = _metadata(doc)
    _clean(doc)
    root = _content_root(doc)
    published = art.published
    if published is None:  # first <time> of the story (its dropped <header> too), else any
        in_root = [v for v, up in times if any(a is root for a in up)]
        in_story = [v for v, up in times if any(a.tag in ("article", "main") for a in up)]
        published = next(iter(in_root or in_story or [v for v, _ in times]), None)
    return dataclasses.replace(art, text="\n".join(_lines(root)), published=published)
