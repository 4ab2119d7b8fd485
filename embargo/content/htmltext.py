"""HTML to readable text: the main text of a saved web page, without its chrome.

Standard library only (``html.parser``): a web page is parsed into a light element tree,
boilerplate subtrees (scripts, navigation, footers, cookie banners, share bars, "related"
lists, forms) are dropped, the main container (``<article>``, ``<main>``, ``role=main`` or
the element with the most paragraph text) is chosen, and it is rendered as paragraphs
separated by blank lines, headings as ``# Heading`` lines, list items as ``- item`` lines,
images as ``[Image: alt]`` lines so that "photo of the poster" stays visible to the tier
analysis.

:func:`html_to_text` is the reusable entry point (the feed checker uses it for entries' HTML
content); :func:`parse_html` also returns the page's metadata.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser

from embargo.patterns import lazy

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SKIP_TAGS = frozenset(
    "script style noscript template svg canvas nav footer aside form button select option "
    "iframe object embed dialog menu head".split())
_BLOCK = frozenset(
    "p div section article main header li ul ol dl dt dd table tr td th thead tbody tfoot "
    "blockquote pre figure figcaption h1 h2 h3 h4 h5 h6 address hr br center details summary "
    "caption".split())
# Links to files whose address the text keeps (slides, posters, videos, documents, images).
_MEDIA = lazy(r"\.(?:pptx?|ppsx?|key|odp|pdf|mp4|m4v|mov|webm|avi|png|jpe?g|gif|svg|"
                    r"webp|tiff?|docx?|xlsx?|zip)(?:[?#]\S*)?$", re.IGNORECASE)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOILER_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search",
                           "dialog", "alertdialog", "menu", "menubar"})
# class/id words that mark chrome; matched as whole tokens of the class/id words.
_BOILER_WORDS = lazy(
    r"(?:^|[\s_\-])(?:nav|navbar|navigation|menu|megamenu|breadcrumbs?|footer|site-?footer|"
    r"cookies?|cookie-?banner|consent|gdpr|onetrust|share|sharing|social|social-?share|"
    r"related|related-?(?:articles|stories|links|content|posts)|recommended|more-?stories|"
    r"read-?more|trending|popular|newsletter|subscribe|subscription|signup|sign-?up|"
    r"sidebar|side-?bar|advert|advertisement|ads?|ad-?slot|promo|sponsored|popup|modal|"
    r"comments?|skip-?link|toolbar|masthead|site-?header|global-?header|paywall|"
    r"tags|tag-?list|pagination|print-?only|visually-?hidden|sr-only|screen-?reader-?text)"
    r"(?:$|[\s_\-])", re.IGNORECASE)
_KEEP_META = {
    "article:published_time": "published", "article:modified_time": "modified",
    "og:published_time": "published", "datepublished": "published", "date": "date",
    "dc.date": "date", "dc.date.issued": "date", "pubdate": "published",
    "publish-date": "published", "sailthru.date": "published", "parsely-pub-date": "published",
    "author": "author", "article:author": "author", "dc.creator": "author",
    "parsely-author": "author", "byl": "author", "og:site_name": "site", "og:type": "type",
    "application-name": "site", "description": "description", "og:description": "description",
    "twitter:site": "site-handle", "twitter:creator": "author-handle",
    "citation_title": "citation_title", "citation_journal_title": "citation_journal",
    "citation_doi": "citation_doi", "citation_author": "citation_author",
    "citation_publication_date": "citation_date", "keywords": "keywords",
    "news_keywords": "keywords", "article:section": "section", "og:url": "url",
}


@dataclass(eq=False, repr=False)  # no generated __eq__/__repr__: they would recurse
class _El:
    tag: str
    attrs: dict[str, str]
    parent: _El | None = None
    children: list[_El | str] = field(default_factory=list)

    def text_len(self) -> int:
        return sum(len(c.strip()) for n in _walk(self) for c in n.children
                   if isinstance(c, str))


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _El("#root", {})
        self.cur = self.root
        self.title_parts: list[str] = []
        self.in_title = False
        self.meta: list[tuple[str, str]] = []
        self.canonical: str | None = None
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "title":
            self.in_title = True
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and a.get("content"):
                self.meta.append((key, a["content"].strip()))
            return
        if tag == "link":
            if "canonical" in a.get("rel", "").lower() and a.get("href"):
                self.canonical = a["href"]
            return
        if tag == "script" and "ld+json" in a.get("type", "").lower():
            self._in_jsonld = True
        # Implicitly close a <p> or <li> when a block opens (sloppy HTML).
        if tag in ("p", "li") and self.cur.tag == tag:
            self._close(tag)
        el = _El(tag, a, self.cur)
        self.cur.children.append(el)
        if tag not in _VOID:
            self.cur = el

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and tag != "meta" and tag != "link":
            self._close(tag)

    def _close(self, tag: str) -> None:
        node: _El | None = self.cur
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.cur = node.parent

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "script":
            self._in_jsonld = False
        if tag in _VOID:
            return
        self._close(tag)

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self._in_jsonld:
            self.jsonld.append(data)
        self.cur.children.append(data)


# Every walk over the tree below is a loop, never a recursion: a page may nest elements a
# hundred thousand deep (hostile or broken markup), far beyond Python's recursion limit.

_PARA = frozenset({"p", "blockquote", "pre"})


@dataclass(frozen=True)
class _Measures:
    """Per element (by ``id``), computed in one pass from the leaves up: its text length, the
    length of the text in ``<p>``/``<blockquote>``/``<pre>`` elements under it (itself
    included), and whether a ``<nav>`` or ``<form>`` is under it (itself included)."""

    text: dict[int, int]
    para: dict[int, int]
    nav_or_form: dict[int, bool]


def _measure(root: _El) -> _Measures:
    text: dict[int, int] = {}
    para: dict[int, int] = {}
    navf: dict[int, bool] = {}
    for n in reversed(_walk(root)):  # reversed pre-order: every child before its parent
        t = p = 0
        nf = n.tag in ("nav", "form")
        for c in n.children:
            if isinstance(c, str):
                t += len(c.strip())
            else:
                t += text[id(c)]
                p += para[id(c)]
                nf = nf or navf[id(c)]
        text[id(n)] = t
        para[id(n)] = p + (t if n.tag in _PARA else 0)
        navf[id(n)] = nf
    return _Measures(text, para, navf)


def _is_boiler(el: _El, total: int, m: _Measures) -> bool:
    if el.tag in ("html", "body", "main", "article"):
        return False
    if el.tag in _SKIP_TAGS:
        return True
    a = el.attrs
    if "hidden" in a or a.get("aria-hidden", "").lower() == "true":
        return True
    style = a.get("style", "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if a.get("role", "").lower() in _BOILER_ROLES:
        return True
    if el.tag == "header" and m.nav_or_form[id(el)] and not _inside(el, ("article", "main")):
        return True
    words = f"{a.get('class', '')} {a.get('id', '')}"
    if not (words.strip() and _BOILER_WORDS.search(words)):
        return False
    # A wrapper whose class merely mentions a sidebar or ads but holds the story is kept.
    return m.para[id(el)] < 0.5 * total


def _inside(el: _El, tags: tuple[str, ...]) -> bool:
    p = el.parent
    while p is not None:
        if p.tag in tags:
            return True
        p = p.parent
    return False


def _prune(root: _El, total: int) -> None:
    """Drop boilerplate subtrees, judging each element on its subtree before pruning."""
    m = _measure(root)
    stack = [root]
    while stack:
        el = stack.pop()
        el.children = [c for c in el.children
                       if isinstance(c, str) or not _is_boiler(c, total, m)]
        stack.extend(c for c in el.children if isinstance(c, _El))


def _walk(el: _El) -> list[_El]:
    """``el`` and every element under it, in document order (pre-order)."""
    out: list[_El] = []
    stack = [el]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(c for c in reversed(n.children) if isinstance(c, _El))
    return out


def _paragraph_text(el: _El) -> int:
    """Characters of text in <p>/<blockquote>/<pre> under ``el``."""
    return _measure(el).para[id(el)]


def _outermost_articles(root: _El) -> list[_El]:
    """``<article>`` elements not inside another ``<article>``, in document order."""
    out: list[_El] = []
    stack: list[tuple[_El, bool]] = [(root, False)]
    while stack:
        n, inside = stack.pop()
        if n.tag == "article" and not inside:
            out.append(n)
        deeper = inside or n.tag == "article"
        stack.extend((c, deeper) for c in reversed(n.children) if isinstance(c, _El))
    return out


def _main(root: _El) -> _El:
    nodes = _walk(root)
    m = _measure(root)
    articles = _outermost_articles(root)
    mains = [n for n in nodes if n.tag == "main" or n.attrs.get("role", "").lower() == "main"
             or n.attrs.get("itemprop", "").lower() == "articlebody"]
    total = max(1, m.para[id(root)])
    for group in (articles, mains):
        if group:
            best = max(group, key=lambda n: m.para[id(n)])
            if m.para[id(best)] >= 0.3 * total or m.text[id(best)] >= 200:
                return best
    # No semantic container: the element holding the most paragraph text directly.
    best, best_score = root, 0
    for n in nodes:
        direct = sum(m.text[id(c)] for c in n.children if isinstance(c, _El) and c.tag == "p")
        if direct > best_score:
            best, best_score = n, direct
    if best is not root and best_score >= 0.5 * total:
        return best
    body = next((n for n in nodes if n.tag == "body"), None)
    return body or root


class _Renderer:
    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.cur: list[str] = []
        self.links: list[str] = []
        self.h1: str | None = None

    def flush(self) -> None:
        text = " ".join("".join(self.cur).split())
        if text:
            self.blocks.append(text)
        self.cur = []

    def render(self, el: _El, pre: bool = False) -> None:
        """Render the children of ``el``: a loop over an explicit stack of child iterators,
        each with what to do when its element ends (no recursion, however deep)."""
        stack: list[tuple[Iterator[_El | str], Callable[[], None] | None]] = [
            (iter(el.children), None)]
        while stack:
            children, on_end = stack[-1]
            c = next(children, None)
            if c is None:
                stack.pop()
                if on_end is not None:
                    on_end()
                continue
            if isinstance(c, str):
                self.cur.append(c)
                continue
            tag = c.tag
            if tag == "br":
                self.flush()
                continue
            if tag == "img":
                self._image(c)
                continue
            if tag in ("video", "audio", "source") and c.attrs.get("src"):
                self.links.append(c.attrs["src"])
            if tag == "a" and c.attrs.get("href"):
                href = c.attrs["href"].strip()
                if href and not href.startswith(("#", "javascript:", "mailto:", "tel:")):
                    self.links.append(href)
            block = tag in _BLOCK
            if block:
                self.flush()
            if tag in _HEADINGS:
                stack.append((iter(c.children), partial(self._end_heading, tag,
                                                        len(self.blocks))))
                continue
            if tag == "li":
                stack.append((iter(c.children), partial(self._end_item, len(self.blocks))))
                continue
            if tag in ("td", "th"):
                self.cur.append(" ")
            stack.append((iter(c.children), partial(self._end_element, c, block)))

    def _image(self, c: _El) -> None:
        alt = " ".join(c.attrs.get("alt", "").split())
        src = c.attrs.get("src", "") or c.attrs.get("data-src", "")
        if src and not src.startswith("data:"):
            self.links.append(src)
        if alt or _MEDIA.search(src):
            self.flush()
            shown = f" ({src})" if src and not src.startswith("data:") else ""
            self.cur.append(f"[Image: {alt}]{shown}" if alt else f"[Image]{shown}")
            self.flush()

    def _end_heading(self, tag: str, before: int) -> None:
        self.flush()
        if len(self.blocks) > before:
            head = " ".join(self.blocks[before:])
            del self.blocks[before:]
            if tag == "h1" and self.h1 is None:
                self.h1 = head
            self.blocks.append("#" * _HEADINGS[tag] + " " + head)

    def _end_item(self, before: int) -> None:
        self.flush()
        if len(self.blocks) > before:
            self.blocks[before] = "- " + self.blocks[before]

    def _end_element(self, c: _El, block: bool) -> None:
        if c.tag == "a" and _MEDIA.search(c.attrs.get("href", "")):
            self.cur.append(f" ({c.attrs['href'].strip()})")
        if block:
            self.flush()


def _clean_title(title: str | None, site: str | None) -> str | None:
    if not title:
        return None
    t = " ".join(title.split())
    if site and t.lower().endswith(site.lower()) and len(t) > len(site) + 3:
        t = re.sub(r"\s*[|\-–—:·•]\s*$", "", t[: -len(site)].rstrip())
    else:
        parts = re.split(r"\s+[|–—·•]\s+|\s+-\s+", t)
        if len(parts) > 1 and len(parts[-1]) <= 40 and len(parts[0]) >= 20:
            t = " - ".join(parts[:-1]) if "|" not in t else parts[0]
    return t or None


@dataclass(frozen=True)
class HtmlDoc:
    title: str | None
    text: str
    links: tuple[str, ...]
    meta: tuple[tuple[str, str], ...]  # (name, value), name normalised (see _KEEP_META)


def parse_html(markup: str) -> HtmlDoc:
    """The main text, title, links and kept metadata of an HTML page or fragment."""
    b = _TreeBuilder()
    try:
        b.feed(markup)
        b.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is very lenient
        pass
    meta_raw = b.meta
    meta: list[tuple[str, str]] = []
    for key, value in meta_raw:
        if key in _KEEP_META:
            meta.append((_KEEP_META[key], htmllib.unescape(value)))
    if b.canonical:
        meta.append(("url", b.canonical))
    for raw in b.jsonld:
        for m in re.finditer(r'"(datePublished|author|headline)"\s*:\s*'
                             r'(?:"([^"]{1,200})"|\{[^{}]*?"name"\s*:\s*"([^"]{1,120})")', raw):
            name = {"datePublished": "published", "author": "author",
                    "headline": "headline"}[m.group(1)]
            meta.append((name, m.group(2) or m.group(3)))
    first_h1: str | None = None
    h1 = next((n for n in _walk(b.root) if n.tag == "h1"), None)
    if h1 is not None:
        sub = _Renderer()
        sub.render(h1)
        sub.flush()
        first_h1 = " ".join(sub.blocks) or None
    _prune(b.root, max(1, _paragraph_text(b.root)))
    main = _main(b.root)
    r = _Renderer()
    r.render(main)
    r.flush()
    if r.h1 is None and first_h1:
        # The headline sits outside the main container: it is still part of what is read.
        r.h1 = first_h1
        r.blocks.insert(0, "# " + first_h1)
    metad = dict(reversed(meta))
    og_title = next((v for k, v in meta_raw if k in ("og:title", "twitter:title")), None)
    site = metad.get("site")
    title = (_clean_title(og_title, site) or r.h1
             or _clean_title("".join(b.title_parts), site) or metad.get("headline"))
    text = "\n\n".join(r.blocks)
    links = tuple(dict.fromkeys(r.links))
    return HtmlDoc(title=title, text=text, links=links, meta=tuple(dict.fromkeys(meta)))


def html_to_text(markup: str) -> tuple[str | None, str, tuple[str, ...]]:
    """``(title, text, links)`` of an HTML page or fragment (main text only)."""
    doc = parse_html(markup)
    return doc.title, doc.text, doc.links


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:4000].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in head:
        return True
    return len(re.findall(r"</(?:p|div|body|article|span|a|h[1-6]|li|table)>", head)) >= 2
