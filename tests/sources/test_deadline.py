"""Issue 11, item 5: one deadline for the whole HTTP request, headers included.

A real server on 127.0.0.1 (a plain socket: http.server cannot send half a header) answers
with a status line and then one header byte at a time, each well within the read timeout.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from embargo.sources.fetch import FetchError, FetchOptions, fetch


class TricklingServer:
    """Sends ``HTTP/1.1 200 OK`` and then a header one byte every ``step`` seconds, for up to
    ``lasting`` seconds, to every client."""

    def __init__(self, step: float = 0.2, lasting: float = 60.0) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.step, self.lasting = step, lasting
        self.closed = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/feed.xml"

    def _serve(self) -> None:
        while not self.closed.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._trickle, args=(conn,), daemon=True).start()

    def _trickle(self, conn: socket.socket) -> None:
        end = time.monotonic() + self.lasting
        try:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            header = b"X-Slow: " + b"a" * 100_000
            for i in range(len(header)):
                if self.closed.is_set() or time.monotonic() > end:
                    break
                conn.sendall(header[i:i + 1])
                time.sleep(self.step)
        except OSError:
            pass
        finally:
            conn.close()

    def stop(self) -> None:
        self.closed.set()
        self.sock.close()


@pytest.fixture()
def trickle() -> Iterator[TricklingServer]:
    s = TricklingServer()
    yield s
    s.stop()


def test_headers_trickled_one_byte_at_a_time_are_cut_off_at_the_deadline(
        trickle: TricklingServer) -> None:
    opts = FetchOptions(timeout=0.5)  # each byte comes within 0.2 s; the deadline is 1.5 s
    t = time.monotonic()
    with pytest.raises(FetchError, match=r"took longer than 1\.5s"):
        fetch(trickle.url, options=opts)
    took = time.monotonic() - t
    assert took < 10, took  # the server would go on for a minute


def test_feeds_check_is_bounded_too(cli: Any, trickle: TricklingServer,
                                    catalog_path: Path) -> None:
    t = time.monotonic()
    r = cli("feeds", "check", trickle.url, "--timeout", "0.5", "--catalog", catalog_path,
            "--format", "json")
    assert time.monotonic() - t < 20
    assert r.code == 3, r.err
    (feed,) = json.loads(r.out)["feeds"]
    assert feed["status"] == "error" and "took longer" in feed["error"]
