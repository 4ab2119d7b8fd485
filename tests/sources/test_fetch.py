"""Fetching over real HTTP on 127.0.0.1: conditional GET, limits, encodings, redirects,
errors.  No mocks: a ThreadingHTTPServer serves each case."""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from embargo.config import FeedConfig
from embargo.sources.base import Validators
from embargo.sources.feeds import FeedSource, poll_all
from embargo.sources.fetch import FetchError, FetchOptions, fetch
from tests.feedserver import FeedServer, Reply, cached_feed, gzipped

FEED = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>One</title><guid>g1</guid><link>https://x.example/1</link>"
        b"<pubDate>Fri, 15 Nov 2024 09:00:00 GMT</pubDate><description>Text one.</description>"
        b"</item></channel></rss>")


@pytest.fixture()
def server() -> Iterator[FeedServer]:
    s = FeedServer().start()
    yield s
    s.stop()


def _src(url: str, **opts: float | int) -> FeedSource:
    return FeedSource(FeedConfig(url=url), FetchOptions(**opts))  # type: ignore[arg-type]


def test_conditional_get_with_etag_then_304(server: FeedServer) -> None:
    url = server.route("/feed", cached_feed(FEED))
    first = _src(url).poll()
    assert first.ok and first.http_status == 200 and len(first.entries) == 1
    assert first.validators.etag and first.validators.last_modified
    second = _src(url).poll(first.validators)
    assert second.not_modified and second.http_status == 304 and not second.entries
    hits = server.hits("/feed")
    assert "if-none-match" not in hits[0].headers
    assert hits[1].headers["if-none-match"] == first.validators.etag
    assert hits[1].headers["if-modified-since"] == first.validators.last_modified
    assert hits[0].headers["user-agent"].startswith("embargo")
    assert "gzip" in hits[0].headers["accept-encoding"]


def test_conditional_get_with_last_modified_only(server: FeedServer) -> None:
    url = server.route("/lm", cached_feed(FEED, etag=False))
    first = _src(url).poll()
    assert first.validators.etag is None and first.validators.last_modified
    assert _src(url).poll(first.validators).not_modified


def test_gzip_and_deflate_content_encoding(server: FeedServer) -> None:
    g = server.route("/gz", gzipped(FEED), headers={"Content-Encoding": "gzip"})
    d = server.route("/zz", zlib.compress(FEED), headers={"Content-Encoding": "deflate"})
    raw = zlib.compressobj(wbits=-15)
    r = server.route("/raw", raw.compress(FEED) + raw.flush(),
                     headers={"Content-Encoding": "deflate"})
    for url in (g, d, r):
        h = _src(url).poll()
        assert h.ok and [e.title for e in h.entries] == ["One"], (url, h.error)


def test_decompression_bomb_is_refused(server: FeedServer) -> None:
    url = server.route("/bomb", gzipped(b"<rss>" + b" " * 5_000_000),
                       headers={"Content-Encoding": "gzip"})
    h = _src(url, max_bytes=1_000_000).poll()
    assert not h.ok and "decompressed" in (h.error or "")


def test_size_cap_by_header_and_by_stream(server: FeedServer) -> None:
    big = b"<rss>" + b"x" * 300_000 + b"</rss>"
    a = server.route("/big", big)
    b = server.route("/chunked", Reply(big, chunked=True))
    for url in (a, b):
        h = _src(url, max_bytes=100_000).poll()
        assert not h.ok and "larger than the limit" in (h.error or "")


def test_redirects_followed_within_limit(server: FeedServer) -> None:
    server.route("/feed", FEED)
    server.route("/r1", Reply(b"", 301, {"Location": "/r2"}))
    server.route("/r2", Reply(b"", 302, {"Location": server.url("/feed")}))
    h = _src(server.url("/r1")).poll()
    assert h.ok and h.final_url == server.url("/feed") and len(h.entries) == 1
    assert any("redirected" in n for n in h.notes)
    server.route("/loop", Reply(b"", 302, {"Location": "/loop"}))
    h = _src(server.url("/loop"), max_redirects=3).poll()
    assert not h.ok and "more than 3 redirects" in (h.error or "")
    assert len(server.hits("/loop")) == 4
    server.route("/nowhere", Reply(b"", 302, {}))
    assert "without a Location" in (_src(server.url("/nowhere")).poll().error or "")


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_http_errors_are_feed_errors(server: FeedServer, status: int) -> None:
    url = server.route("/e", Reply(b"oops", status))
    h = _src(url).poll()
    assert not h.ok and h.http_status == status and f"HTTP {status}" in (h.error or "")


def test_timeouts_connect_read_and_drip(server: FeedServer) -> None:
    slow = server.route("/slow", Reply(FEED, delay=2.0))
    t = time.monotonic()
    h = _src(slow, timeout=0.5).poll()
    assert not h.ok and "timed out" in (h.error or "")
    assert time.monotonic() - t < 1.8
    drip = server.route("/drip", Reply(FEED * 20, drip=0.3))
    t = time.monotonic()
    h = _src(drip, timeout=0.4).poll()
    assert not h.ok and "took longer" in (h.error or "")  # overall deadline: 3 timeouts
    assert time.monotonic() - t < 2.5


def test_nothing_listening_is_a_feed_error() -> None:
    gone = FeedServer().start()
    port = gone.httpd.server_address[1]
    gone.stop()
    h = _src(f"http://127.0.0.1:{port}/feed", timeout=1).poll()
    assert not h.ok and "connection failed" in (h.error or "")


def test_html_instead_of_feed_and_wrong_charset(server: FeedServer) -> None:
    html = server.route("/html", b"<!doctype html><html><body><p>Hi</p></body></html>",
                        headers={"Content-Type": "text/html"})
    assert "HTML page" in (_src(html).poll().error or "")
    latin = FEED.replace(b"One", "Caf\u00e9".encode("latin-1"))
    url = server.route("/cs", latin, headers={"Content-Type": "text/xml; charset=utf-8"})
    h = _src(url).poll()
    assert h.ok and h.entries[0].title == "Caf\u00e9"


def test_local_file_validator(tmp_path: Path) -> None:
    f = tmp_path / "feed.xml"
    f.write_bytes(FEED)
    first = fetch(str(f))
    assert first.validators.etag and not first.not_modified
    assert fetch(str(f), first.validators).not_modified
    f.write_bytes(FEED.replace(b"One", b"Two"))
    assert not fetch(str(f), first.validators).not_modified
    assert fetch("file://" + str(f)).body.count(b"Two") == 1
    with pytest.raises(FetchError, match="no such file"):
        fetch(str(tmp_path / "gone.xml"))


def test_poll_all_is_concurrent_and_isolates_failures(server: FeedServer) -> None:
    for i in range(12):
        server.route(f"/f{i}", Reply(FEED, delay=0.4))
    server.route("/bad", Reply(b"", 500))
    sources = [_src(server.url(f"/f{i}")) for i in range(12)] + [_src(server.url("/bad"))]
    t = time.monotonic()
    hs = poll_all(sources, workers=12, validators={sources[0].key: Validators("x", None)})
    took = time.monotonic() - t
    assert [h.ok for h in hs] == [True] * 12 + [False]
    assert took < 12 * 0.4 / 2  # far less than one after another
    assert server.hits("/f0")[0].headers.get("if-none-match") == "x"
