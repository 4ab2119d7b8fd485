"""Feeds: RSS 0.9x/1.0/2.0, Atom 0.3/1.0 (through feedparser, on bytes we fetched) and JSON
Feed 1.x (read here: feedparser 6 does not read JSON).

:func:`parse_feed` turns bytes + response headers into :class:`~embargo.sources.base.Entry`
values or a one-line error; it never raises.  :class:`FeedSource` is one configured feed:
``poll`` fetches (conditional GET) and parses.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import threading
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any, ClassVar, cast

from embargo.config import FeedConfig
from embargo.model import Kind
from embargo.sources.base import (
    ConfiguredSource,
    Entry,
    Harvest,
    Validators,
    content_hash,
)
from embargo.sources.fetch import FetchError, FetchOptions, fetch, is_url

# Every entry of a feed is read (the feed's size is capped by ``[daemon] max_bytes``); how many
# are judged per poll is ``[daemon] entries_per_poll``: the daemon judges the rest on its next
# polls, ``feeds check`` says which it did not check.
MAX_TEXT = 200_000  # characters of one entry's text

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+")


def clean(text: str | None) -> str:
    """Remove control characters and lone surrogates (they break JSON and terminals)."""
    if not text:
        return ""
    return _CONTROL.sub("", text)


# ------------------------------------------------------------------------------- HTML → text


class _TextParser(HTMLParser):
    _BLOCK = frozenset("p div br li tr h1 h2 h3 h4 h5 h6 blockquote pre section article "
                       "table ul ol dl dt dd hr figure figcaption header footer".split())
    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")
        if tag == "a":
            href = dict(attrs).get("href")
            if href and href.lower().startswith(("http://", "https://")):
                self.links.append(href)
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f" [Image: {alt}] ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, tuple[str, ...]]:
    """Plain text and link targets of an HTML fragment (an entry's summary or content):
    the content package's reader (:func:`embargo.content.htmltext.html_to_text`), with a
    plain tag-stripper as the fallback when that finds no text in a fragment."""
    if "<" not in markup and "&" not in markup:
        return markup.strip(), ()
    from embargo.content.htmltext import html_to_text as page_to_text

    try:
        _, text, links = page_to_text(markup)
    except Exception:  # a reader bug must not cost the entry its check
        text, links = "", ()
    if text.strip():
        return text.strip(), tuple(links)
    return _strip_tags(markup)


def _strip_tags(markup: str) -> tuple[str, tuple[str, ...]]:
    p = _TextParser()
    try:
        p.feed(markup)
        p.close()
    except Exception:  # html.parser is lenient; anything odd: keep what was read
        pass
    text = "".join(p.parts)
    paras = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    return "\n\n".join(x for x in paras if x), tuple(dict.fromkeys(p.links))


# ------------------------------------------------------------------------------------ parse


@dataclass
class ParsedFeed:
    entries: list[Entry] = field(default_factory=list)
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    title: str | None = None
    version: str | None = None


def looks_like_html(body: bytes) -> bool:
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or (
        b"<html" in head and b"<rss" not in head and b"<feed" not in head
        and b"<rdf" not in head)


def _is_json(body: bytes, headers: Mapping[str, str]) -> bool:
    ctype = headers.get("content-type", "").lower()
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" in ctype or head.startswith(b"{")


def parse_feed(body: bytes, headers: Mapping[str, str], url: str) -> ParsedFeed:
    """Parse feed bytes.  Never raises: a broken feed gives ``error`` (and no entries)."""
    if not body.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        return ParsedFeed(error="empty response: no feed in it")
    try:
        if _is_json(body, headers):
            return _parse_json_feed(body, url)
        return _parse_xml_feed(body, headers, url)
    except RecursionError:
        return ParsedFeed(error="feed is nested too deeply to read")
    except MemoryError:
        return ParsedFeed(error="feed is too large to read")
    except Exception as e:  # feedparser promises not to raise; this is the seat belt
        return ParsedFeed(error=f"feed could not be read: {type(e).__name__}: "
                                f"{' '.join(str(e).split())[:200]}")


_URL_MEMO_SIZE = 4096
_url_memo_lock = threading.Lock()
_url_memo_done = False


def _memo_url(fn: Callable[..., str]) -> Callable[..., str]:
    memo = functools.lru_cache(maxsize=_URL_MEMO_SIZE)(fn)

    @functools.wraps(fn)
    def joined(*args: Any, **kwargs: Any) -> str:
        if kwargs:
            return fn(*args, **kwargs)
        try:
            return memo(*args)
        except TypeError:  # an argument that cannot be a key: as feedparser would
            return fn(*args)

    return joined


def _memoize_feedparser_urls() -> None:
    """feedparser joins the base URI with itself at every element it opens (its ``xml:base``
    tracking) and again for each link and guid: a third of its time on a plain RSS feed.  The
    joins are pure functions of their strings (and of feedparser's list of safe schemes, which
    we never change), so they are remembered, per process, in a bounded memory; the answers
    are feedparser's own."""
    global _url_memo_done
    with _url_memo_lock:
        if _url_memo_done:
            return
        _url_memo_done = True
        try:
            from feedparser import mixin, urls
        except ImportError:  # another layout: left as it is
            return
        join = getattr(urls, "_urljoin", None)
        safe = getattr(urls, "make_safe_absolute_uri", None)
        if not callable(join) or not callable(safe) or getattr(mixin, "_urljoin", None) is not \
                join or getattr(mixin, "make_safe_absolute_uri", None) is not safe:
            return
        fast_join = _memo_url(cast(Callable[..., str], join))
        urls._urljoin = fast_join  # what make_safe_absolute_uri calls
        mixin._urljoin = fast_join
        mixin.make_safe_absolute_uri = _memo_url(cast(Callable[..., str], safe))


def _parse_xml_feed(body: bytes, headers: Mapping[str, str], url: str) -> ParsedFeed:
    import feedparser

    _memoize_feedparser_urls()
    hdrs = {k.lower(): v for k, v in headers.items()}
    hdrs.setdefault("content-location", url if is_url(url) else "")
    hdrs.setdefault("content-type", "application/xml")  # files, and servers that name none
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # We never render entry HTML (it becomes plain text, then escaped), so
        # feedparser's sanitiser and relative-URI rewriting inside content are pure cost.
        d = feedparser.parse(io.BytesIO(body), response_headers=hdrs, sanitize_html=False,
                             resolve_relative_uris=False)
    version = d.get("version") or None
    raw_entries = list(d.get("entries") or [])
    notes: list[str] = []
    bozo = d.get("bozo")
    exc = d.get("bozo_exception")
    feed = d.get("feed") or {}
    if not raw_entries and not version and looks_like_html(body):
        return ParsedFeed(error="the response is an HTML page, not a feed")
    if not raw_entries and not version and (bozo or not feed):
        why = f": {_exc_text(exc)}" if bozo and exc is not None else ""
        return ParsedFeed(error=f"not a feed (no RSS, Atom or JSON Feed found){why}")
    if bozo and exc is not None:
        notes.append(f"feed is not well-formed ({_exc_text(exc)}); read leniently")
    title = clean(feed.get("title")) or None
    entries = [_xml_entry(e, i, url) for i, e in enumerate(raw_entries)]
    return ParsedFeed(entries=_dedupe(entries, notes), notes=notes, title=title,
                      version=version)


def _exc_text(exc: Any) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def _struct_to_dt(st: Any) -> datetime | None:
    if not st:
        return None
    try:
        y, mo, d, h, mi, sec = (int(x) for x in tuple(st)[:6])
        return datetime(y, mo, d, h, mi, min(sec, 59), tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def _own(e: Mapping[str, Any], key: str) -> Any:
    """The entry's own value for ``key``: feedparser's dict maps a missing ``updated`` to
    ``published`` (with a deprecation warning); read the keys the feed really has."""
    return dict.get(e, key) if isinstance(e, dict) else e.get(key)


def _entry_instant(e: Mapping[str, Any]) -> tuple[datetime | None, str]:
    for key, label in (("published", "published"), ("updated", "updated"),
                       ("created", "created")):
        dt = _struct_to_dt(_own(e, f"{key}_parsed"))
        if dt is not None:
            return dt, f"entry {label} date"
        if _own(e, key):
            return None, (f"entry {label} date {clean(str(_own(e, key)))[:60]!r} could not be "
                          "read: judged at first sight")
    return None, "entry has no date: judged at first sight"


def _text_of(value: str, detail: Any) -> tuple[str, tuple[str, ...]]:
    """Plain text of a feed value: HTML is rendered to text, plain text kept as it is (a
    ``<script>`` written as text in a title stays visible text)."""
    kind = detail.get("type", "") if isinstance(detail, Mapping) else ""
    if kind == "text/plain":
        return value.strip(), ()
    return html_to_text(value)


def _xml_entry(e: Mapping[str, Any], index: int, feed_url: str) -> Entry:
    title = _text_of(clean(e.get("title")), e.get("title_detail"))[0]
    title = " ".join(title.split())[:1000]
    bodies: list[tuple[str, Any]] = []
    links: list[str] = []
    for c in e.get("content") or []:
        value = clean(c.get("value") if isinstance(c, Mapping) else None)
        if value:
            bodies.append((value, c))
    summary = clean(e.get("summary"))
    if summary and not any(summary.strip() in b for b, _ in bodies):
        bodies.insert(0, (summary, e.get("summary_detail")))
    texts = []
    for b, detail in bodies:
        t, ls = _text_of(b, detail)
        if t:
            texts.append(t)
        links.extend(ls)
    link = clean(e.get("link")).strip() or None
    for ln in e.get("links") or []:
        href = ln.get("href") if isinstance(ln, Mapping) else None
        if href and clean(href).lower().startswith(("http://", "https://")):
            links.append(clean(href))
    guid = clean(e.get("id")).strip() or None
    published, note = _entry_instant(e)
    return _make_entry(title, texts, link, guid, published, note, links, index, feed_url)


def _make_entry(title: str, texts: list[str], link: str | None, guid: str | None,
                published: datetime | None, note: str, links: list[str], index: int,
                feed_url: str) -> Entry:
    body = "\n\n".join(dict.fromkeys(texts))
    text = (f"{title}\n\n{body}" if title and body else title or body)[:MAX_TEXT]
    links.extend(u.rstrip(".,;:") for u in _URL.findall(body))
    if link:
        links.insert(0, link)
    digest = content_hash(title, body, link)
    if guid:
        key = f"guid:{guid}"
    elif link:
        key = f"link:{link}"
    else:
        key = f"hash:{digest[:32]}"
    return Entry(key=key[:2000], text=text, content_hash=digest, title=title or None,
                 link=link or (guid if guid and is_url(guid) else None) or
                 f"{feed_url}#entry-{index + 1}",
                 published_at=published, published_note=note,
                 links=tuple(dict.fromkeys(x[:2000] for x in links))[:50])


def _dedupe(entries: list[Entry], notes: list[str]) -> list[Entry]:
    """Exact repeats are dropped; a reused guid with other content gets its own key."""
    seen: dict[str, str] = {}
    out: list[Entry] = []
    repeats = 0
    for e in entries:
        prior = seen.get(e.key)
        if prior is None:
            seen[e.key] = e.content_hash
            out.append(e)
        elif prior == e.content_hash:
            repeats += 1
        else:
            key = f"{e.key}#{e.content_hash[:12]}"
            if key in seen:
                repeats += 1
                continue
            seen[key] = e.content_hash
            out.append(Entry(key, e.text, e.content_hash, e.title, e.link, e.published_at,
                             e.published_note, e.links))
            notes.append(f"entries share the id {e.key[:80]!r}; told apart by content")
    if repeats:
        notes.append(f"{repeats} repeated entr{'y' if repeats == 1 else 'ies'} skipped")
    return out


# ------------------------------------------------------------------------------ JSON Feed


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        doc = json.loads(body.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError) as e:
        return ParsedFeed(error=f"not a feed: JSON that cannot be read ({_exc_text(e)})")
    if not isinstance(doc, dict) or "items" not in doc or not isinstance(doc["items"], list):
        return ParsedFeed(error="not a feed: JSON without a JSON Feed \"items\" list")
    version = str(doc.get("version", ""))
    notes = [] if "jsonfeed.org" in version else [
        "JSON without a JSON Feed version: read as JSON Feed"]
    items = doc["items"]
    entries = []
    for i, it in enumerate(items):
        if not isinstance(it, dict):
            notes.append(f"item {i + 1} is not an object: skipped")
            continue
        entries.append(_json_entry(it, i, url))
    title = clean(str(doc.get("title") or "")) or None
    return ParsedFeed(entries=_dedupe(entries, notes), notes=notes, title=title,
                      version="json" + ("1.1" if version.endswith("1.1") else "1"))


def _json_str(it: Mapping[str, Any], key: str) -> str:
    v = it.get(key)
    return clean(v) if isinstance(v, str) else ""


def _json_entry(it: Mapping[str, Any], index: int, feed_url: str) -> Entry:
    from embargo.timeparse import parse_when

    title = " ".join(_json_str(it, "title").split())[:1000]
    texts: list[str] = []
    links: list[str] = []
    for key in ("summary", "content_text"):
        if _json_str(it, key):
            texts.append(_json_str(it, key).strip())
    if _json_str(it, "content_html"):
        t, ls = html_to_text(_json_str(it, "content_html"))
        texts.append(t)
        links.extend(ls)
    link = (_json_str(it, "url") or _json_str(it, "external_url")).strip() or None
    guid = str(it["id"]).strip() if it.get("id") not in (None, "") else None
    published: datetime | None = None
    note = "entry has no date: judged at first sight"
    for key in ("date_published", "date_modified"):
        raw = _json_str(it, key)
        if raw:
            try:
                published = parse_when(raw, "UTC").instant
                note = f"entry {key}"
                break
            except Exception:
                note = f"entry {key} {raw[:60]!r} could not be read: judged at first sight"
    return _make_entry(title, texts, link, clean(guid) or None, published, note, links, index,
                       feed_url)


# ------------------------------------------------------------------------------- the source


class FeedSource(ConfiguredSource):
    """An RSS/Atom/JSON feed, by URL or local file."""

    name: ClassVar[str] = "feed"
    config: FeedConfig

    def __init__(self, config: FeedConfig, options: FetchOptions | None = None,
                 stop: threading.Event | None = None) -> None:
        self.config = config
        self.options = options or FetchOptions()
        self.stop = stop

    @property
    def key(self) -> str:
        return f"feed:{self.config.url}"

    @property
    def label(self) -> str:
        return self.config.label

    def poll(self, validators: Validators | None = None) -> Harvest:
        h, body = self.fetch(validators)
        if body is not None:
            started = time.monotonic()
            parsed = parse_feed(body.body, body.headers, self.config.url)
            self.take(h, parsed, time.monotonic() - started)
        return h

    def fetch(self, validators: Validators | None = None) -> tuple[Harvest, Body | None]:
        """The first half of :meth:`poll`: the download.  The harvest holds no entries yet;
        the body is ``None`` when there is nothing to parse (an error, a 304).  Parse the body
        with :func:`parse_feed` (for the configured URL) and hand the result to :meth:`take`."""
        started = time.monotonic()
        h = Harvest(self.key, self.label, self.config.url)
        try:
            got = fetch(self.config.url, validators, self.options, self.stop)
        except FetchError as e:
            h.error, h.http_status = str(e), e.status
            h.duration = time.monotonic() - started
            return h, None
        h.http_status, h.final_url, h.bytes_read = got.status, got.url, got.raw_bytes
        h.validators = got.validators
        if got.redirects:
            h.notes.append(f"redirected to {got.url}")
        h.duration = time.monotonic() - started
        if got.not_modified:
            h.not_modified = True
            return h, None
        # Relative links and guids resolve against the configured URL, not wherever a
        # redirect led today, so item keys stay stable.
        return h, Body(got.body, got.headers)

    @staticmethod
    def take(h: Harvest, parsed: ParsedFeed, seconds: float = 0.0) -> None:
        """The second half of :meth:`poll`: what the body held (parsed in ``seconds``) goes
        into the harvest."""
        h.entries, h.error, h.feed_title, h.feed_version = (
            parsed.entries, parsed.error, parsed.title, parsed.version)
        h.notes.extend(parsed.notes)
        h.duration += seconds


@dataclass(frozen=True)
class Body:
    """A feed's downloaded bytes and the response headers that say how to read them."""

    body: bytes
    headers: Mapping[str, str]

    def digest(self) -> str:
        """What parsing depends on besides the configured URL: the bytes and the headers
        feedparser reads (type and charset, base URL, language)."""
        h = hashlib.sha256(self.body)
        hdrs = {k.lower(): v for k, v in self.headers.items()}
        for name in ("content-type", "content-location", "content-language"):
            h.update(b"\x00" + hdrs.get(name, "").encode("utf-8", "surrogatepass"))
        return h.hexdigest()


def feed_config_for(target: str, configured: tuple[FeedConfig, ...], kind: Kind | None,
                    meeting: str | None) -> FeedConfig:
    """The configured feed with this URL/path (its kind and meeting), else one made here."""
    for f in configured:
        if f.url == target:
            return FeedConfig(url=target, kind=kind or f.kind, every=f.every, name=f.name,
                              meeting=meeting or f.meeting)
    return FeedConfig(url=target, kind=kind or Kind.EDITORIAL, meeting=meeting)


def poll_all(sources: list[FeedSource], workers: int = 8,
             validators: Mapping[str, Validators] | None = None) -> list[Harvest]:
    """Poll many feeds at once (a thread pool of ``workers``); results in the order given.

    One feed's failure is in its own harvest; the others go on.
    """
    out = []
    for src, (h, body) in zip(sources, fetch_all(sources, workers, validators), strict=True):
        if body is not None:
            started = time.monotonic()
            src.take(h, parse_feed(body.body, body.headers, src.config.url),
                     time.monotonic() - started)
        out.append(h)
    return out


def fetch_all(sources: list[FeedSource], workers: int = 8,
              validators: Mapping[str, Validators] | None = None
              ) -> list[tuple[Harvest, Body | None]]:
    """Download many feeds at once (a thread pool of ``workers``), in the order given: the
    first half of :func:`poll_all` (parse each body with :func:`parse_feed`, anywhere, and
    hand it to :meth:`FeedSource.take`)."""
    from concurrent.futures import ThreadPoolExecutor

    if not sources:
        return []
    cache = validators or {}

    def one(src: FeedSource) -> tuple[Harvest, Body | None]:
        try:
            return src.fetch(cache.get(src.key))
        except Exception as e:  # a bug must not cost the other feeds their poll
            return Harvest(src.key, src.label, src.config.url,
                           error=f"internal error: {type(e).__name__}: {_exc_text(e)}"), None

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(sources))),
                            thread_name_prefix="embargo-fetch") as pool:
        return list(pool.map(one, sources))
