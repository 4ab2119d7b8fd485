"""feedparser's URL joins are remembered (sources.feeds._memoize_feedparser_urls): the same
entries, keys and links as feedparser's own joins, on a first and on a later parse."""

from __future__ import annotations

import pytest

from embargo.sources.feeds import parse_feed

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/section/">
  <title>Base test</title>
  <entry xml:base="sub/"><title>One</title><id>urn:one</id><link href="story-1.html"/>
    <updated>2024-11-14T13:00:00Z</updated><summary>First.</summary></entry>
  <entry xml:base="javascript:alert(1)//"><title>Two</title><id>../two</id>
    <link href="story-2.html"/><updated>2024-11-14T13:00:00Z</updated>
    <summary>Second.</summary></entry>
  <entry><title>Three</title><id>three</id><link href="//cdn.example/x?a=1#f"/>
    <link rel="alternate" href="javascript:alert(2)"/><updated>2024-11-14T13:00:00Z</updated>
    <content type="html">&lt;a href="rel/page.html"&gt;more&lt;/a&gt;
      &lt;a href="https://abs.example/p/1"&gt;abs&lt;/a&gt;</content></entry>
  <entry xml:base="http://other.example/a/b/"><title>Four</title><link href="../c/d.html"/>
    <updated>2024-11-14T13:00:00Z</updated><summary>Fourth.</summary></entry>
</feed>"""

# What feedparser's own joins give (measured before the joins were remembered).
EXPECTED = [
    ("guid:urn:one", "https://news.example/section/sub/story-1.html",
     ("https://news.example/section/sub/story-1.html",)),
    ("guid:https://news.example/two", "https://news.example/section/story-2.html",
     ("https://news.example/section/story-2.html",)),
    ("guid:https://news.example/section/three", "javascript:alert(2)",
     ("javascript:alert(2)", "rel/page.html", "https://abs.example/p/1",
      "https://cdn.example/x?a=1#f")),
    ("link:http://other.example/a/c/d.html", "http://other.example/a/c/d.html",
     ("http://other.example/a/c/d.html",)),
]


@pytest.mark.parametrize("url", ["https://feeds.example/atom.xml", "/tmp/local.xml"])
def test_xml_base_and_relative_links_as_feedparser_resolves_them(url: str) -> None:
    for _ in range(3):  # the first parse fills the memory, the others read it
        parsed = parse_feed(ATOM, {}, url)
        assert parsed.error is None
        assert [(e.key, e.link, e.links) for e in parsed.entries] == EXPECTED


def test_the_joins_are_remembered_and_answer_as_feedparser_does() -> None:
    from feedparser import mixin, urls

    parse_feed(ATOM, {}, "https://feeds.example/atom.xml")
    for fn in (mixin._urljoin, mixin.make_safe_absolute_uri, urls._urljoin):
        assert hasattr(fn, "__wrapped__"), fn  # the memory is in place
    pairs = [("https://a.example/x/", "y"), ("https://a.example/x/", "https://a.example/x/"),
             ("https://a.example/x/", "javascript:alert(1)"), ("", "rel"), ("", ""),
             ("http://h/a/b", "../../../c"), ("https://a.example/", "//b.example/p?q#f"),
             ("https://a.example/", "http:///triple"), ("https://[bad", "x")]
    for _ in range(2):
        for base, rel in pairs:
            assert mixin._urljoin(base, rel) == mixin._urljoin.__wrapped__(base, rel)
            assert (mixin.make_safe_absolute_uri(base, rel)
                    == mixin.make_safe_absolute_uri.__wrapped__(base, rel))
        assert mixin.make_safe_absolute_uri("https://a.example/") == "https://a.example/"
        assert mixin.make_safe_absolute_uri("javascript:x") == ""
