"""Fetching feed bytes ourselves: HTTP(S) with conditional GET, limits and decompression, or a
local file.  feedparser never touches the network (STYLE 7.3 rule 10).

* Conditional GET: ``If-None-Match`` / ``If-Modified-Since`` from the previous poll; a 304
  means "nothing to do".  A local file gets a validator made of its size and mtime.
* Connect timeout and read timeout (per socket operation) plus ONE deadline of three timeouts
  for the whole request (connecting, redirects, headers and body): every socket operation
  waits at most until it, so a server that drips a header byte every few seconds cannot hold
  a worker for ever.
* A size cap on the bytes read *and* on the bytes after decompression (gzip/deflate bombs).
* Redirects followed up to a limit, http(s) only.
* ``stop`` (a :class:`threading.Event`) abandons a download between chunks: the daemon sets
  it on SIGTERM.

Faults come back as :class:`FetchError` with a one-line message naming what went wrong.
"""

from __future__ import annotations

import http.client
import io
import socket
import ssl
import threading
import time
import zlib
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from embargo.sources.base import Validators

CHUNK = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"


class FetchError(Exception):
    """A feed could not be read; the message is one line for logs and status."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 20.0  # connect and per-read timeout, seconds
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "embargo-feed-checker"
    accept: str = ("application/rss+xml, application/atom+xml, application/feed+json, "
                   "application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, "
                   "application/json;q=0.8, */*;q=0.5")


@dataclass
class Fetched:
    url: str  # the final URL (after redirects), or the file path
    body: bytes = b""
    status: int | None = None  # HTTP status; None for files
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    not_modified: bool = False
    validators: Validators = field(default_factory=Validators)
    redirects: list[str] = field(default_factory=list)
    raw_bytes: int = 0  # bytes on the wire / on disk


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def fetch(target: str, validators: Validators | None = None,
          options: FetchOptions | None = None, stop: threading.Event | None = None) -> Fetched:
    """Fetch a URL or read a file.  Raises :class:`FetchError` only."""
    opts = options or FetchOptions()
    if is_url(target):
        return _fetch_http(target, validators, opts, stop)
    return _read_file(target, validators, opts)


# ------------------------------------------------------------------------------------ files


def _read_file(target: str, validators: Validators | None, opts: FetchOptions) -> Fetched:
    path = Path(unquote(target[7:])) if target.lower().startswith("file://") else Path(target)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise FetchError("no such file") from None
    except OSError as e:
        raise FetchError(f"cannot read: {e.strerror or e}") from None
    if path.is_dir():
        raise FetchError("is a folder, not a feed file")
    tag = f'"file-{st.st_size}-{st.st_mtime_ns}"'
    if validators is not None and validators.etag == tag:
        return Fetched(str(path), not_modified=True, validators=validators)
    if st.st_size > opts.max_bytes:
        raise FetchError(f"feed is larger than the limit of {opts.max_bytes} bytes "
                         f"({st.st_size} bytes)")
    try:
        with path.open("rb") as fh:
            body = fh.read(opts.max_bytes + 1)
    except OSError as e:
        raise FetchError(f"cannot read: {e.strerror or e}") from None
    if len(body) > opts.max_bytes:
        raise FetchError(f"feed is larger than the limit of {opts.max_bytes} bytes")
    raw = len(body)
    if body.startswith(GZIP_MAGIC):  # a .gz file
        body = _decompress(body, "gzip", opts.max_bytes)
    elif _maybe_deflate(body):  # a .z file
        with suppress(FetchError):  # not compressed after all: the parser says what it is
            body = _decompress(body, "deflate", opts.max_bytes) or body
    return Fetched(str(path), body, None, {}, False, Validators(etag=tag), [], raw)


_TEXT_START = frozenset(b"\t\r\n\xef\xfe\xff\x00") | frozenset(range(0x20, 0x7f))


def _maybe_deflate(body: bytes) -> bool:
    """A zlib header (0x78 .., a multiple of 31), or a first byte no text starts with."""
    if len(body) < 2:
        return False
    if body[0] == 0x78 and (body[0] * 256 + body[1]) % 31 == 0:
        return True
    return body[0] not in _TEXT_START


# ------------------------------------------------------------------------------------- HTTP

_REDIRECTS = {301, 302, 303, 307, 308}


class _Overdue(TimeoutError):
    """The whole request's deadline has passed."""


class _Deadline:
    def __init__(self, seconds: float, per_operation: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.per_operation = per_operation

    def wait(self) -> float:
        """How long the next socket operation may wait: the per-operation timeout, or what
        is left of the deadline when that is less; :class:`_Overdue` when nothing is left."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise _Overdue()
        return min(self.per_operation, left)

    def passed(self) -> bool:
        return time.monotonic() >= self.at

    def message(self) -> str:
        return f"took longer than {self.seconds:g}s"


class _DeadlineReader(io.RawIOBase):
    """What ``http.client`` reads the status line, headers and body through."""

    def __init__(self, owner: _DeadlineSocket) -> None:
        self._owner = owner

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        sock = self._owner.sock
        sock.settimeout(self._owner.deadline.wait())
        return sock.recv_into(b)

    def close(self) -> None:
        if not self.closed:
            self._owner.reader_closed()
        super().close()


class _DeadlineSocket:
    """The connection's socket, every read and write bounded by the request's deadline.  Like
    a socket with files made from it, the descriptor is closed once the socket and its
    readers are all closed (``http.client`` closes the connection before the body is read)."""

    def __init__(self, sock: socket.socket, deadline: _Deadline) -> None:
        self.sock = sock
        self.deadline = deadline
        self._readers = 0
        self._closing = False

    def makefile(self, mode: str = "rb", *args: Any, **kwargs: Any) -> io.BufferedReader:
        self._readers += 1
        return io.BufferedReader(_DeadlineReader(self))

    def reader_closed(self) -> None:
        self._readers -= 1
        if self._closing and self._readers <= 0:
            self.sock.close()

    def close(self) -> None:
        self._closing = True
        if self._readers <= 0:
            self.sock.close()

    def sendall(self, data: Any) -> None:
        self.sock.settimeout(self.deadline.wait())
        self.sock.sendall(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.sock, name)


class _HTTPConnection(http.client.HTTPConnection):
    deadline: _Deadline

    def connect(self) -> None:
        self.timeout = self.deadline.wait()
        super().connect()
        self.sock = _DeadlineSocket(self.sock, self.deadline)


class _HTTPSConnection(http.client.HTTPSConnection):
    deadline: _Deadline

    def connect(self) -> None:
        self.timeout = self.deadline.wait()
        super().connect()  # TCP and the TLS handshake, each operation within the deadline
        self.sock = _DeadlineSocket(self.sock, self.deadline)


def _fetch_http(url: str, validators: Validators | None, opts: FetchOptions,
                stop: threading.Event | None) -> Fetched:
    deadline = _Deadline(3 * opts.timeout, opts.timeout)
    redirects: list[str] = []
    current = url
    while True:
        status, reason, headers, conn, resp = _request(current, validators, opts, deadline)
        try:
            if status in _REDIRECTS:
                location = headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location", status)
                if len(redirects) >= opts.max_redirects:
                    raise FetchError(f"more than {opts.max_redirects} redirects", status)
                nxt = urljoin(current, location.strip())
                if not is_url(nxt):
                    raise FetchError(f"redirect to a non-HTTP location {nxt!r}", status)
                redirects.append(nxt)
                current = nxt
                continue
            if status == 304:
                kept = Validators(
                    etag=headers.get("etag") or (validators.etag if validators else None),
                    last_modified=headers.get("last-modified")
                    or (validators.last_modified if validators else None))
                return Fetched(current, b"", status, headers, True, kept, redirects)
            if status >= 400:
                raise FetchError(f"HTTP {status} {reason}".strip(), status)
            if status != 200:
                raise FetchError(f"unexpected HTTP status {status} {reason}".strip(), status)
            raw = _read_body(resp, headers, opts, deadline, stop)
        finally:
            resp.close()
            conn.close()
        encoding = headers.get("content-encoding", "identity").strip().lower()
        body = raw
        if encoding in ("gzip", "x-gzip", "deflate"):
            body = _decompress(raw, encoding, opts.max_bytes)
        elif raw.startswith(GZIP_MAGIC):  # a gzip file served as such
            body = _decompress(raw, "gzip", opts.max_bytes)
        elif encoding not in ("", "identity"):
            raise FetchError(f"unsupported Content-Encoding {encoding!r}", status)
        return Fetched(current, body, status, headers, False,
                       Validators(headers.get("etag"), headers.get("last-modified")),
                       redirects, len(raw))


def _request(url: str, validators: Validators | None, opts: FetchOptions, deadline: _Deadline
             ) -> tuple[int, str, dict[str, str], http.client.HTTPConnection,
                        http.client.HTTPResponse]:
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        raise FetchError("the URL names no host")
    try:
        port = parts.port
    except ValueError:
        raise FetchError("the URL has a bad port") from None
    conn: _HTTPConnection | _HTTPSConnection
    if parts.scheme.lower() == "https":
        conn = _HTTPSConnection(host, port, timeout=opts.timeout,
                                context=ssl.create_default_context())
    else:
        conn = _HTTPConnection(host, port, timeout=opts.timeout)
    conn.deadline = deadline
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {
        "User-Agent": opts.user_agent,
        "Accept": opts.accept,
        "Accept-Encoding": "gzip, deflate",
        "Connection": "close",
    }
    if validators is not None:
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
    try:
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
    except TimeoutError:
        conn.close()
        if deadline.passed():
            raise FetchError(deadline.message()) from None
        raise FetchError(f"timed out after {opts.timeout:g}s") from None
    except ssl.SSLError as e:
        conn.close()
        raise FetchError(f"TLS error: {e.reason or e}") from None
    except (OSError, http.client.HTTPException, ValueError, UnicodeError) as e:
        conn.close()
        raise FetchError(f"connection failed: {_one_line(e)}") from None
    hdrs = {k.lower(): v for k, v in resp.getheaders()}
    return resp.status, resp.reason or "", hdrs, conn, resp


def _read_body(resp: http.client.HTTPResponse, headers: dict[str, str], opts: FetchOptions,
               deadline: _Deadline, stop: threading.Event | None) -> bytes:
    length = headers.get("content-length")
    if length and length.strip().isdigit() and int(length) > opts.max_bytes:
        raise FetchError(f"feed is larger than the limit of {opts.max_bytes} bytes "
                         f"(Content-Length {int(length)})", resp.status)
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            if stop is not None and stop.is_set():
                raise FetchError("abandoned: the daemon is stopping", resp.status)
            chunk = resp.read1(CHUNK) if hasattr(resp, "read1") else resp.read(CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > opts.max_bytes:
                raise FetchError(f"feed is larger than the limit of {opts.max_bytes} bytes",
                                 resp.status)
            chunks.append(chunk)
    except TimeoutError:
        if deadline.passed():
            raise FetchError(deadline.message(), resp.status) from None
        raise FetchError(f"timed out reading after {opts.timeout:g}s", resp.status) from None
    except http.client.IncompleteRead as e:
        raise FetchError(f"connection closed early ({len(e.partial)} bytes read)",
                         resp.status) from None
    except (OSError, http.client.HTTPException) as e:
        raise FetchError(f"read failed: {_one_line(e)}", resp.status) from None
    return b"".join(chunks)


def _decompress(raw: bytes, encoding: str, limit: int) -> bytes:
    """gzip or deflate (zlib-wrapped or raw), refusing output beyond ``limit``."""
    attempts = [47] if encoding in ("gzip", "x-gzip") else [15, -15]  # 47: gzip or zlib
    last: Exception | None = None
    for wbits in attempts:
        d = zlib.decompressobj(wbits)
        try:
            out = d.decompress(raw, limit + 1)
        except zlib.error as e:
            last = e
            continue
        if len(out) > limit or d.unconsumed_tail:
            raise FetchError(f"feed is larger than the limit of {limit} bytes once "
                             "decompressed")
        return out
    raise FetchError(f"cannot decompress the {encoding} response: {last}")


def _one_line(e: BaseException) -> str:
    text = " ".join(str(e).split()) or type(e).__name__
    return text[:300]
