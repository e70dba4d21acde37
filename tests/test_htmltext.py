"""Tests for pipeline.htmltext: boilerplate removal, block text and metadata."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.htmltext import HtmlArticle, declared_charset, extract_html

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>City Council Approves New Budget - The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T08:30:00+08:00">
<script>window.dataLayer = []; alert('x');</script>
<style>.menu { color: red }</style>
</head>
<body>
<header class="site-header">
  <div class="logo"><a href="/">The Daily Ledger</a></div>
  <ul class="menu"><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul>
</header>
<nav class="primary"><a href="/">Home</a> | <a href="/sports">Sports</a></nav>
<div class="container">
  <aside class="sidebar">
    <h3>Related stories</h3>
    <ul><li><a href="/a">Mayor resigns</a></li><li><a href="/b">Bridge closes</a></li></ul>
  </aside>
  <div class="related-links"><a href="/c">Tax rates to rise next year</a></div>
  <article>
    <h1>City Council Approves
        New Budget</h1>
    <p class="dateline">SPRINGFIELD, March 5 &mdash; <time datetime="2024-03-05T08:30:00+08:00">Tuesday</time></p>
    <p>The city council on Tuesday approved a budget of $1.2&nbsp;billion, the largest in its history.</p>
    <p>Council members voted 7&ndash;2 in favour after a <a href="/x">six-hour debate</a>
       that ran past midnight.</p>
    <p>&quot;This budget invests in <em>schools</em>, roads &amp; parks,&quot; said Mayor Ann Lee.</p>
    <p>Opponents argued that the plan<br>relies on optimistic revenue forecasts.</p>
    <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
    <section id="comments" class="comments">
      <h2>Comments (2)</h2>
      <ol class="comment-list"><li><p>Great news for the city!</p></li><li><p>Waste of money.</p></li></ol>
    </section>
  </article>
</div>
<footer class="site-footer"><p>Copyright &copy; 2024 The Daily Ledger. All rights reserved.</p>
<p>京ICP备12345678号</p></footer>
</body>
</html>
"""

NEWS_TEXT = "\n".join([
    "City Council Approves New Budget",
    "SPRINGFIELD, March 5 — Tuesday",
    "The city council on Tuesday approved a budget of $1.2 billion, the largest in its history.",
    "Council members voted 7–2 in favour after a six-hour debate that ran past midnight.",
    '"This budget invests in schools, roads & parks," said Mayor Ann Lee.',
    "Opponents argued that the plan",
    "relies on optimistic revenue forecasts.",
])

LEAKS = [
    "World", "Business", "Home", "Sports", "Related stories", "Mayor resigns", "Tax rates",
    "Share on", "Comments", "Great news", "Waste of money", "Copyright", "ICP", "alert",
    "dataLayer", "color: red",
]

CHINESE_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>成都发布新政策_新浪新闻</title>
<meta name="publishdate" content="2024-05-01 10:00:00">
<meta name="author" content="张三">
</head><body>
<div id="nav"><a href="/">首页</a><a href="/news">新闻</a></div>
<div class="wrap">
  <div class="content">
    <h1>成都发布新政策</h1>
    <p>　　四川<b>成都</b>市今天发布了新的住房政策。</p>
    <p>记者
       <span>张三</span>报道：政策将于<strong>六月一日</strong>起实施。</p>
    <p>该政策涉及 <a href="/x">iPhone 15</a> 等进口商品的税率。</p>
  </div>
  <div class="sidebar"><p>热点排行榜第一名新闻标题很长很长很长很长很长很长很长很长很长</p></div>
  <div class="hot-list"><p>猜你喜欢：短</p></div>
</div>
<div class="footer"><p>版权所有 &copy; 新浪网 京ICP证000007号</p></div>
</body></html>
"""

CHINESE_TEXT = "\n".join([
    "成都发布新政策",
    "四川成都市今天发布了新的住房政策。",
    "记者张三报道：政策将于六月一日起实施。",
    "该政策涉及 iPhone 15 等进口商品的税率。",
])


def test_news_page_exact_text() -> None:
    assert extract_html(NEWS_PAGE).text == NEWS_TEXT


def test_news_page_no_boilerplate_leaks() -> None:
    text = extract_html(NEWS_PAGE).text
    for leak in LEAKS:
        assert leak not in text, leak


def test_news_page_metadata() -> None:
    art = extract_html(NEWS_PAGE)
    assert art == HtmlArticle(
        text=NEWS_TEXT,
        title="City Council Approves New Budget",
        published="2024-03-05T08:30:00+08:00",
        author="Jane Doe",
        source="The Daily Ledger",
        charset="utf-8",
    )


def test_chinese_page_bytes_charset_and_text() -> None:
    data = CHINESE_PAGE.encode("gb2312")
    assert declared_charset(data) == "gb2312"
    art = extract_html(data.decode(declared_charset(data) or "utf-8"))
    assert art.text == CHINESE_TEXT
    assert art.title == "成都发布新政策"  # "_新浪新闻" suffix confirmed by the <h1>
    assert art.published == "2024-05-01 10:00:00"
    assert art.author == "张三"
    assert art.source is None
    assert art.charset == "gb2312"
    for leak in ("首页", "热点", "猜你喜欢", "版权", "ICP"):
        assert leak not in art.text


def test_chinese_inline_elements_get_no_spaces() -> None:
    assert extract_html("<p>四川<b>成都</b>市</p>").text == "四川成都市"
    assert extract_html("<p>四川\n<b>成都</b>\n市</p>").text == "四川成都市"
    assert extract_html("<p>Hello\n<b>world</b></p>").text == "Hello world"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<html><head><meta charset="GBK"></head>', "gbk"),
        (b"<meta charset=utf-8/>", "utf-8"),
        (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=Big5'>", "big5"),
        (b'<meta content="text/html; charset=\'gb18030\'" http-equiv="content-type">', "gb18030"),
        (b'<meta name="description" content="charset=koi8-r is old"><p>x</p>', None),
        (b"<html><head><title>none</title></head></html>", None),
        (b"<html>" + b" " * 5000 + b'<meta charset="gbk">', None),
        (b'<?xml version="1.0" encoding="ISO-8859-1"?><html/>', "iso-8859-1"),
        (b"", None),
    ],
)
def test_declared_charset(data: bytes, expected: str | None) -> None:
    assert declared_charset(data) == expected


def test_script_style_text_never_appears() -> None:
    page = """<html><head><style>body { font-family: serif }</style></head><body>
    <script type="text/javascript">alert('x'); document.write("injected");</script>
    <div class="content"><p>Real paragraph one.</p>
    <script>var tracking = "alert('y')";</script>
    <noscript>Please enable JavaScript</noscript>
    <p>Real <style>.x{}</style>paragraph two.</p>
    <template><p>template text</p></template>
    <iframe src="https://ads.example.com">iframe text</iframe></div></body></html>"""
    art = extract_html(page)
    assert art.text == "Real paragraph one.\nReal paragraph two."
    for leak in ("alert", "injected", "tracking", "font-family", "JavaScript", "template", "iframe"):
        assert leak not in art.text


def test_content_div_beats_sidebar_without_article() -> None:
    page = """<html><head><title>Plain page</title></head><body>
    <div class="top"><p>Sign in</p></div>
    <div class="content">
      <p>First paragraph of the story with a reasonable amount of text.</p>
      <p>Second paragraph continues the report with more detail.</p>
      <p>Third paragraph closes it.</p>
    </div>
    <div class="sidebar"><p>Sidebar promo text that is fairly long but irrelevant.</p></div>
    <div class="popular"><p>Most read: something else entirely</p></div>
    </body></html>"""
    art = extract_html(page)
    assert art.text == (
        "First paragraph of the story with a reasonable amount of text.\n"
        "Second paragraph continues the report with more detail.\n"
        "Third paragraph closes it."
    )
    assert art.title == "Plain page"
    assert art.published is None and art.author is None and art.charset is None


def test_teaser_articles_in_related_block_do_not_win() -> None:
    sentence = "of the real story, which is told at some length here."
    story = "".join(f"<p>Paragraph {i} {sentence}</p>" for i in range(4))
    page = f"""<body><div class="content"><h2>Story</h2>{story}</div>
    <div class="related-posts"><article><h3>Other story</h3><p>Teaser text.</p></article>
    <article><h3>Third story</h3><p>Another teaser.</p></article></div></body>"""
    text = extract_html(page).text
    assert text.startswith("Story\nParagraph 0 ") and text.count("\n") == 4 and "Teaser" not in text
    wrapped = f'<body><div class="page has-sidebar wrap-social"><article><h1>Story</h1>{story}</article></div>'
    assert extract_html(wrapped).text.startswith("Story\nParagraph 0 of the real story")


def test_navigation_only_page_is_empty() -> None:
    page = """<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/a">About</a></li>
    </ul></nav><div id="main-menu"><a href="/x">News</a> <a href="/y">Sport</a></div>
    <div role="navigation"><a href="/z">Weather</a></div></body></html>"""
    assert extract_html(page).text == ""


def test_malformed_html_unclosed_tags() -> None:
    page = """<html><body><div class="story"><p>First <b>bold part<p>Second para
    <ul><li>item one<li>item two</ul><p>Third &amp; last <i>italic"""
    art = extract_html(page)
    assert art.text == "First bold part\nSecond para\nitem one\nitem two\nThird & last italic"


def test_xml_declared_xhtml_page() -> None:
    page = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>XHTML story | Old Site</title></head>
<body><div id="main"><h1>XHTML story</h1><p>Line one.<br/>Line two.</p></div>
<div id="footer"><p>(c) Old Site</p></div></body></html>"""
    art = extract_html(page)
    assert art.text == "XHTML story\nLine one.\nLine two."
    assert art.title == "XHTML story"
    assert art.charset == "utf-8"


def test_title_suffix_kept_without_confirming_h1() -> None:
    page = "<html><head><title>Budget vote - Ledger</title></head><body><h1>Other</h1><p>x</p></body></html>"
    assert extract_html(page).title == "Budget vote - Ledger"
    hyphen = "<title>Budget-ary talks - Ledger</title><body><h1>Budget</h1></body>"
    assert extract_html(hyphen).title == "Budget-ary talks - Ledger"
    assert extract_html("<title>成都发布新政策-新华网</title><h1>成都发布新政策</h1>").title == "成都发布新政策"
    assert extract_html("<body><h1> Only  h1 </h1></body>").title == "Only h1"
    og = '<head><meta property="og:title" content="OG title"><title>T - S</title></head><h1>T</h1>'
    assert extract_html(og).title == "OG title"


def test_class_tokens_are_whole_words() -> None:
    page = """<html><body class="single has-sidebar">
    <article><div class="navbar">Top links</div><div class="header-image"><p>Photo caption kept</p></div>
    <p>Body text with a canvas-like word: unavailable.</p>
    <div class="snavigator"><p>Not a nav token</p></div>
    <div id="postShareButtons">Share!</div>
    <div class="ad-slot">Buy now</div><div class="adventure"><p>Adventure kept</p></div>
    </article></body></html>"""
    lines = extract_html(page).text.split("\n")
    assert lines == [
        "Photo caption kept",
        "Body text with a canvas-like word: unavailable.",
        "Not a nav token",
        "Adventure kept",
    ]


def test_sole_h1_in_header_survives_and_other_headers_go() -> None:
    page = """<body><article><header><h1>Headline in header</h1><p>Kicker</p></header>
    <p>Story body.</p><footer>Tags: x</footer></article></body>"""
    assert extract_html(page).text == "Headline in header\nStory body."
    nested = page.replace("<header><h1>Headline in header</h1>", "<header><header><h1>Headline in header</h1>")
    nested = nested.replace("</header>", "</header></header>")
    assert extract_html(nested).text == "Headline in header\nStory body."
    two = """<body><header><h1>Site</h1></header><article><h1>Story</h1><p>Body.</p></article></body>"""
    assert extract_html(two).text == "Story\nBody."


def test_hidden_and_role_boilerplate_removed() -> None:
    page = """<body><main><p>Visible.</p><p style="display: none">Hidden style</p>
    <p hidden>Hidden attr</p><div role="complementary">Aside role</div>
    <div role="contentinfo">Contact us</div></main></body>"""
    assert extract_html(page).text == "Visible."


def test_biggest_article_wins_and_blocks_split() -> None:
    page = """<body><article><p>Teaser.</p></article>
    <article><h2>Main</h2><blockquote>Quote</blockquote><pre>a  b
c</pre><table><tr><td>cell 1</td><td>cell <b>2</b></td></tr></table>
    <dl><dt>Term</dt><dd>Def</dd></dl><figure><img alt="x"><figcaption>Cap</figcaption></figure>
    <div>loose div text <span>span</span><p>inner</p>tail text</div></article></body>"""
    assert extract_html(page).text == (
        "Main\nQuote\na b\nc\ncell 1\ncell 2\nTerm\nDef\nCap\nloose div text span\ninner\ntail text"
    )


def test_metadata_fallbacks() -> None:
    page = """<html><head><meta property="og:title" content="OG"><meta property="og:site_name" content="Site">
    </head><body><div class="related"><time datetime="1999-01-01">old</time></div>
    <article><p>By <a rel="author" href="/u/1">Sam Roe</a></p>
    <p>Text <time datetime="2024-02-02T10:00Z">Feb 2</time></p></article></body></html>"""
    art = extract_html(page)
    assert (art.title, art.source) == ("OG", "Site")
    assert (art.author, art.published) == ("Sam Roe", "2024-02-02T10:00Z")
    micro = """<div itemscope><span itemprop="author" itemscope><span itemprop="name">Li Si</span></span>
    <meta itemprop="datePublished" content="2023-12-31"><p>Body</p></div>"""
    art = extract_html(micro)
    assert (art.author, art.published) == ("Li Si", "2023-12-31")
    item = (
        '<p><span itemprop="datePublished" content="2022-01-01">Jan 1</span>'
        ' by <a rel="nofollow author">Ann</a></p>'
    )
    assert (extract_html(item).published, extract_html(item).author) == ("2022-01-01", "Ann")


@pytest.mark.parametrize("html", ["", "   ", "<!-- only a comment -->", "<?xml version='1.0'?>"])
def test_empty_inputs(html: str) -> None:
    assert extract_html(html) == HtmlArticle("", None, None, None, None, None)


def test_page_wrapped_in_form_is_kept() -> None:
    body = "".join(f"<p>Paragraph {i} of a page wrapped in an ASP.NET form element.</p>" for i in range(8))
    page = f'<body><form id="form1"><input name="q"><div class="txt">{body}</div></form></body>'
    art = extract_html(page)
    assert art.text.count("\n") == 7 and art.text.startswith("Paragraph 0 ")
    assert extract_html('<body><p>Kept.</p><form><p>Name: <input></p></form></body>').text == "Kept."


def test_unclosed_inline_tags_beyond_parser_depth_limit() -> None:
    page = "<body><p>before</p>" + "<font color=red>" * 600 + "deep<p>after</p></body>"
    assert extract_html(page).text == "before\ndeep\nafter"


def test_deterministic() -> None:
    results = {extract_html(NEWS_PAGE) for _ in range(6)}
    assert len(results) == 1


def test_layout_modifier_words_do_not_mark_boilerplate() -> None:
    page = """<body><div class="layout with-sidebar"><div class="content"><p>Story one.</p><p>Story two.</p>
    </div><div class="sidebar"><p>Ad text</p></div></div><div id="no-comments"><p>Still here.</p></div></body>"""
    assert extract_html(page).text == "Story one.\nStory two."
    assert extract_html(page.replace("with-sidebar", "sidebar")).text == "Still here."


def test_role_main_is_content_root() -> None:
    page = """<body><div role="main"><p>Declared main content.</p></div>
    <div class="teasers"><p>Teaser one is longer than main.</p><p>Teaser two is longer too.</p></div></body>"""
    assert extract_html(page).text == "Declared main content."


def test_published_falls_back_to_story_time() -> None:
    page = """<body><div class="promo-box"><time datetime="1999-01-01">x</time></div>
    <article class="teaser"><p>Short teaser <time datetime="2000-01-01">then</time></p></article>
    <article><header><time datetime="2024-06-01">June 1</time></header><h1>Main story</h1>
    <p>Long main story text, long enough to beat the teaser.</p></article></body>"""
    assert extract_html(page).published == "2024-06-01"  # in the root article, though its <header> went
    no_root_time = page.replace('<header><time datetime="2024-06-01">June 1</time></header>', "")
    assert extract_html(no_root_time).published == "2000-01-01"  # then the first time in any story
    no_story_time = no_root_time.replace('<time datetime="2000-01-01">then</time>', "")
    assert extract_html(no_story_time).published == "1999-01-01"  # then the first time anywhere


def test_separator_noncharacter_in_input_is_ignored() -> None:
    assert extract_html("<p>a\ufdd0b</p><p>c</p>").text == "ab\nc"
    assert extract_html("<p>a&#xFDD0;b&#64976c</p>").text == "abc"


def test_control_characters_from_entities_are_dropped() -> None:
    page = "<title>T&#1;itle</title><pre>x&#1;y\nz&#x1f;</pre><p>a&#1;b<br>c\x02d&#0;e\u200bf</p>"
    art = extract_html(page)
    assert (art.title, art.text) == ("Title", "xy\nz\nab\ncd\ufffdef")
    dropped = (
        "<body><div class='nav'>x</div>&#1;a<p><span class='ad'>y</span>&#2;b</p>"
        "<header><h1>H</h1></header>&#3;c</body>"
    )
    assert extract_html(dropped).text == "a\nb\nH\nc"


_PIECES = [
    "<p>", "</p>", "<br>", "<div class='nav'>", "<div>", "</div>", "<pre>", "</pre>", "<b>", "</b>",
    "<article>", "</article>", "<header>", "<h1>", "<title>", "<script>", "&#1;", "&#0;", "&nbsp;",
    "&amp;", "&#xfdd0;", "\ufdd0", "<?xml version='1.0'?>", "<meta charset=gbk>", "\x01", "\u200b",
]
_CHARS = "<>/=\"' &;#ab\n\t中文\u3000\xa0"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(alphabet=list(_CHARS)), max_size=40))
def test_never_crashes_and_lines_are_normalised(pieces: list[str]) -> None:
    html = "".join(pieces)
    art = extract_html(html)
    for line in art.text.split("\n") if art.text else []:
        assert line and line == line.strip() and "  " not in line and line.isprintable()
    assert art.title is None or (art.title.isprintable() and art.title == art.title.strip())


def test_five_megabyte_page_is_fast() -> None:
    para = "<p>Lorem ipsum <b>dolor</b> sit amet, 四川<i>成都</i>市 consectetur adipiscing elit.</p>\n"
    chrome = '<div class="sidebar"><ul>' + "<li><a href='/x'>link</a></li>" * 20 + "</ul></div>"
    blocks = [f"<div class='section'>{para * 30}</div>{chrome}" for _ in range(1700)]
    page = "<html><body><nav>menu</nav><main>" + "".join(blocks) + "</main></body></html>"
    assert len(page) > 5_000_000
    start = time.perf_counter()
    art = extract_html(page)
    elapsed = time.perf_counter() - start
    assert art.text.count("\n") == 1700 * 30 - 1 and "link" not in art.text
    assert elapsed < 10.0, elapsed
