"""Readers: Markdown, text, HTML pages and e-mail, front matter, sniffing, odd input."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from embargo.content import html_to_text
from embargo.content.readers import read_draft, sniff
from embargo.errors import InputError

PAGE = """<!DOCTYPE html><html><head>
<title>Drug X halves flares | Health News Daily</title>
<meta property="og:site_name" content="Health News Daily">
<meta property="article:published_time" content="2024-11-14T09:30:00-05:00">
<meta name="author" content="Jane Roe">
<script>var x = "said Dr. Nobody";</script><style>p{color:red}</style>
</head><body class="ad-free has-sidebar">
<div id="cookie-banner">We use cookies. Accept all?</div>
<header class="site-header"><nav><a href="/">Home</a><a href="/news">News</a></nav></header>
<main><article>
<h1>Drug X halves flares in lupus</h1>
<p class="byline">By Jane Roe</p>
<p>A new drug cut flares by half (<a href="https://acr.example/abstract/L12">abstract L12</a>).</p>
<p>&ldquo;This is exciting,&rdquo; said Dr. Sam Lee.</p>
<figure><img src="/img/slide3.png" alt="Slide showing the primary endpoint"></figure>
<p>Download <a href="https://x.example/deck.pptx">the slides</a>.</p>
<div class="share-bar"><a href="https://twitter.com/share">Tweet</a></div>
<aside class="related-articles"><ul><li><a href="/x">Other story about gout</a></li></ul></aside>
</article></main>
<footer>© 2024 Health News Daily. <a href="/privacy">Privacy</a></footer>
</body></html>"""


def test_html_keeps_main_text_and_drops_chrome() -> None:
    d = read_draft(PAGE.encode(), "page.html", "America/New_York")
    assert d.format == "html"
    assert d.title == "Drug X halves flares in lupus"
    for gone in ("cookies", "Home", "Tweet", "Other story", "Privacy", "Nobody", "color"):
        assert gone not in d.text
    assert "By Jane Roe" in d.text and "“This is exciting,” said Dr. Sam Lee." in d.text
    assert "[Image: Slide showing the primary endpoint] (/img/slide3.png)" in d.text
    assert "the slides (https://x.example/deck.pptx)" in d.text
    assert "https://acr.example/abstract/L12" in d.links
    assert ("author", "Jane Roe") in d.headers and ("site", "Health News Daily") in d.headers
    # The page's own date is the publication time when nothing else gives one.
    assert d.meta.publish_at is not None
    assert d.meta.publish_at.instant.isoformat() == "2024-11-14T09:30:00-05:00"


def test_html_to_text_for_fragments() -> None:
    title, text, links = html_to_text(
        "<p>Results: <b>61.9%</b> responded.</p><ul><li>one</li><li>two</li></ul>"
        '<p><a href="https://e.example/a">link</a></p>')
    assert title is None
    assert text.splitlines()[0] == "Results: 61.9% responded."
    assert "- one" in text and "- two" in text
    assert links == ("https://e.example/a",)


def test_html_title_falls_back_to_title_tag_without_site_suffix() -> None:
    d = read_draft(b"<html><head><title>Tai chi eases knee pain | Elm Newsroom</title></head>"
                   b"<body><p>Some text here for the body.</p><p>More.</p></body></html>",
                   "x.htm", "UTC")
    assert d.title == "Tai chi eases knee pain"


def _mail(with_html: bool = True, attach: bool = True) -> bytes:
    m = EmailMessage()
    m["From"] = "Press Office <press@uni.example>"
    m["To"] = "reporters@list.example"
    m["Subject"] = "EMBARGOED: New lupus data"
    m["Date"] = "Wed, 13 Nov 2024 08:00:00 -0500"
    m.set_content("FOR IMMEDIATE RELEASE\n\nBOSTON — Researchers said today … — café\n")
    if with_html:
        m.add_alternative("<html><body><p>HTML body</p></body></html>", subtype="html")
    if attach:
        m.add_attachment(b"PK\x03\x04", maintype="application",
                         subtype="vnd.openxmlformats-officedocument.presentationml.presentation",
                         filename="L12 slides.pptx")
    return bytes(m)


def test_eml_prefers_plain_text_lists_attachments_and_keeps_headers() -> None:
    d = read_draft(_mail(), "r.eml", "UTC")
    assert d.format == "eml" and d.title == "EMBARGOED: New lupus data"
    assert "Researchers said today … — café" in d.text and "HTML body" not in d.text
    assert d.attachments[0][0] == "L12 slides.pptx"
    assert "Attachment: L12 slides.pptx" in d.text
    assert ("from", "Press Office <press@uni.example>") in d.headers
    assert d.meta.publish_at is not None
    assert d.meta.publish_at_key == "the e-mail's Date header"


def test_eml_html_only_is_converted() -> None:
    m = EmailMessage()
    m["From"] = "a@b.example"
    m["Subject"] = "html only"
    m.set_content("<html><body><nav>menu</nav><p>Hello <b>world</b>. See "
                  '<a href="https://x.example/poster.pdf">the poster</a>.</p></body></html>',
                  subtype="html")
    d = read_draft(bytes(m), "x.eml", "UTC")
    assert "Hello world." in d.text and "menu" not in d.text
    assert "https://x.example/poster.pdf" in d.links


@pytest.mark.parametrize("raw, fmt", [
    (_mail(), "eml"),
    (PAGE.encode(), "html"),
    (b"---\nkind: social\n---\n<html><body><p>a</p><p>b</p></body></html>", "html"),
    (b"# Heading\n\nSome *markdown* text.", "markdown"),
    (b"From the desk of the editor: nothing to see.", "markdown"),
])
def test_stdin_is_sniffed(raw: bytes, fmt: str) -> None:
    assert read_draft(raw, "-", "UTC").format == fmt


def test_sniff_looks_past_front_matter() -> None:
    assert sniff("+++\nkind = 'press-release'\n+++\nFrom: a@b.example\nSubject: x\n\nbody") \
        == "eml"


def test_front_matter_in_html_and_toml() -> None:
    d = read_draft(b"+++\nkind = \"editorial\"\ntitle = \"T\"\n+++\n<p>Body one.</p><p>Two.</p>",
                   "x.html", "UTC")
    assert d.meta.kind is not None and d.meta.kind.value == "editorial" and d.title == "T"
    assert "Body one." in d.text


def test_markdown_links_images_and_line_of_body() -> None:
    d = read_draft(b"---\nkind: social\n---\nSee [the slides](https://s.example/a.pptx) and "
                   b"![poster photo](https://p.example/p.jpg).\n", "x.md", "UTC")
    assert "the slides (https://s.example/a.pptx)" in d.text
    assert "[Image: poster photo] (https://p.example/p.jpg)" in d.text
    assert d.body_line == 4
    assert {"https://s.example/a.pptx", "https://p.example/p.jpg"} <= set(d.links)


def test_release_embargo_line_sets_publication_time() -> None:
    d = read_draft(b"EMBARGOED UNTIL: Sunday, June 1, 2025, 1:00 p.m. CT\n\nCHICAGO - text.",
                   "r.txt", "UTC")
    assert d.meta.publish_at is not None
    assert d.meta.publish_at.instant.isoformat() == "2025-06-01T13:00:00-05:00"
    assert d.meta.publish_at_key == "the release's own embargo line"
    # Front matter wins over the line.
    d = read_draft(b"---\npublish_at: 2025-06-02 09:00 CT\n---\nEMBARGOED UNTIL June 1, 2025, "
                   b"1:00 p.m. CT\n", "r.md", "UTC")
    assert d.meta.publish_at is not None and d.meta.publish_at_key == "publish_at"


def test_latin1_and_empty_are_read_binary_refused() -> None:
    d = read_draft("Caf\xe9 news".encode("latin-1"), "x.txt", "UTC")
    assert d.text == "Café news" and d.encoding_note
    assert read_draft(b"", "x.md", "UTC").text == ""
    with pytest.raises(InputError, match="binary"):
        read_draft(b"\x00\x01\x02", "x.eml", "UTC")
