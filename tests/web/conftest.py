"""A real ``embargo serve`` process on a free loopback port, and a small HTTP client."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import EXAMPLES, ROOT

CASES = ROOT / "tests" / "cases" / "content"
LISTENING = re.compile(r"serving (http://\S+?)/ ")


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Server:
    proc: subprocess.Popen[str]
    url: str
    folder: Path
    log: list[str] = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(urlsplit(self.url).port or 0)

    def request(self, method: str, path: str, body: bytes | str | None = None,
                headers: Mapping[str, str] | None = None, *, host: str = "127.0.0.1"
                ) -> Reply:
        conn = http.client.HTTPConnection(host, self.port, timeout=60)
        try:
            data = body.encode("utf-8") if isinstance(body, str) else body
            conn.request(method, path, body=data, headers=dict(headers or {}))
            r = conn.getresponse()
            return Reply(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        finally:
            conn.close()

    def get(self, path: str, headers: Mapping[str, str] | None = None) -> Reply:
        return self.request("GET", path, headers=headers)

    def post_json(self, path: str, doc: Any, headers: Mapping[str, str] | None = None
                  ) -> Reply:
        return self.request("POST", path, json.dumps(doc),
                            {"Content-Type": "application/json", **(headers or {})})

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return int(self.proc.returncode)


def multipart(fields: Mapping[str, str], files: Mapping[str, tuple[str, bytes]] = ()
              ) -> tuple[bytes, str]:
    """A multipart/form-data body, as a browser sends it."""
    boundary = "----embargo-test-boundary-7MA4YWxkTrZu0gW"
    out: list[bytes] = []
    for k, v in fields.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'
                   f"{v}\r\n".encode())
    for k, (name, data) in dict(files).items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; '
                   f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                   .encode() + data + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


def make_catalog(path: Path) -> Path:
    from embargo.catalog import Catalog, import_paths

    with Catalog(path) as cat:
        import_paths(cat, [EXAMPLES / "catalog.jsonl", CASES / "catalog.jsonl"])
    return path


def write_config(folder: Path, extra: str = "", *, policies: str | None = None) -> Path:
    pol = policies if policies is not None else str(CASES / "policies")
    cfg = folder / "embargo.toml"
    cfg.write_text(f'timezone = "America/New_York"\ncatalog = "catalog.db"\n'
                   f'policies = [{json.dumps(pol)}]\n{extra}', encoding="utf-8")
    return cfg


def start_server(folder: Path, *args: str, env: Mapping[str, str] | None = None,
                 expect_exit: bool = False) -> Server:
    """Start ``embargo serve --port 0`` in ``folder``; wait for its "serving" line."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("EMBARGO_")}
    environ.update(env or {})
    proc = subprocess.Popen(
        [sys.executable, "-m", "embargo", "serve", "--port", "0", "--quiet", *args],
        cwd=folder, env=environ, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    log: list[str] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break  # exited
        log.append(line)
        m = LISTENING.search(line)
        if m:
            server = Server(proc, m.group(1), folder, log)
            # keep reading its output so that a full pipe never blocks the server
            threading.Thread(target=lambda: log.extend(proc.stdout or ()), daemon=True).start()
            # uvicorn is up once it answers; the socket is already listening
            for _ in range(600):
                try:
                    if server.get("/healthz").status in (200, 503):
                        return server
                except OSError:
                    time.sleep(0.05)
            raise AssertionError("the server never answered:\n" + "".join(log))
    proc.wait(timeout=30)
    if expect_exit:
        return Server(proc, "", folder, log)
    raise AssertionError("embargo serve did not start:\n" + "".join(log))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for a module: example and test-set abstracts, the test-set policies."""
    folder = tmp_path_factory.mktemp("serve")
    make_catalog(folder / "catalog.db")
    write_config(folder, "[serve]\nmax_bytes = 65536\n")
    server = start_server(folder)
    yield server
    assert server.stop() == 0, "".join(server.log)
