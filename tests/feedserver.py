"""A real HTTP server on 127.0.0.1 for feed tests (http.server in a thread, no mocks).

Routes are set per test: ``server.route(path, body, headers=..., status=...)`` or a callable
``handler(request) -> Reply``.  Every request is recorded (path, headers) so tests can check
conditional GET and the User-Agent.
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the headers
    drip: float = 0.0  # seconds between body chunks of 1 KiB
    chunked: bool = False  # no Content-Length, chunked transfer


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Callable[[Seen], Reply] | Reply] = {}
        self.requests: list[Seen] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()},
                            time.monotonic())
                with outer.lock:
                    outer.requests.append(seen)
                    route = outer.routes.get(self.path.split("?")[0])
                if route is None:
                    reply = Reply(b"not here", 404, {"Content-Type": "text/plain"})
                else:
                    reply = route(seen) if callable(route) else route
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._send(reply)

            def _send(self, reply: Reply) -> None:
                if reply.delay:
                    time.sleep(reply.delay)
                self.send_response(reply.status)
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                if reply.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                elif "content-length" not in {k.lower() for k in reply.headers}:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.send_header("Connection", "close")
                self.end_headers()
                body = reply.body
                step = 1024 if reply.drip else 65536
                for i in range(0, len(body), step):
                    part = body[i:i + step]
                    if reply.chunked:
                        self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
                    else:
                        self.wfile.write(part)
                    self.wfile.flush()
                    if reply.drip:
                        time.sleep(reply.drip)
                if reply.chunked:
                    self.wfile.write(b"0\r\n\r\n")
                self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, body: bytes | str | Reply | Callable[[Seen], Reply] = b"",
              **reply: Any) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        with self.lock:
            self.routes[path] = body if isinstance(body, Reply) or callable(body) else Reply(
                body, **reply)
        return self.url(path)

    def hits(self, path: str) -> list[Seen]:
        with self.lock:
            return [r for r in self.requests if r.path.split("?")[0] == path]

    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def cached_feed(body: bytes, *, etag: bool = True, modified: bool = True,
                content_type: str = "application/rss+xml; charset=utf-8"
                ) -> Callable[[Seen], Reply]:
    """A route that answers conditional GETs with 304 when the validators match."""
    tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
    lm = email.utils.formatdate(1_700_000_000, usegmt=True)

    def handler(req: Seen) -> Reply:
        headers = {"Content-Type": content_type}
        if etag:
            headers["ETag"] = tag
        if modified:
            headers["Last-Modified"] = lm
        if etag and req.headers.get("if-none-match") == tag:
            return Reply(b"", 304, headers)
        if not etag and modified and req.headers.get("if-modified-since") == lm:
            return Reply(b"", 304, headers)
        return Reply(body, 200, headers)

    return handler


def gzipped(body: bytes) -> bytes:
    return gzip.compress(body)
