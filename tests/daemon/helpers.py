"""Shared pieces of the daemon tests: feeds to serve, configs, a daemon subprocess."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from tests.conftest import ROOT

HOSTILE = '<script>alert("x")</script> Zelorimab & the ORCHID-2 trial'

QUOTE_ENTRY = (
    "ACR20 at week 24 was reached by 61.9% of patients on zelorimab every 4 weeks versus "
    "35.7% on placebo in ORCHID-2 (NCT05512345). &quot;We did not expect the skin to clear "
    "this fast,&quot; one investigator told us.")
PLAIN_ENTRY = "The hospital car park reopens on Monday with forty more spaces."


def rss(entries: list[tuple[str, str, str, str]]) -> bytes:
    """entries: (guid, title, pubDate, description) — title is XML-escaped here."""
    from xml.sax.saxutils import escape

    items = "".join(
        f"<item><title>{escape(t)}</title><guid>{g}</guid>"
        f"<link>https://wire.example/{g}</link><pubDate>{d}</pubDate>"
        f"<description>{desc}</description></item>" for g, t, d, desc in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Wire</title>{items}</channel></rss>").encode()


def violation_entry(guid: str, title: str = HOSTILE) -> tuple[str, str, str, str]:
    return (guid, title, "Thu, 14 Nov 2024 14:30:00 GMT", QUOTE_ENTRY)


def plain_entry(guid: str) -> tuple[str, str, str, str]:
    return (guid, f"Car park news {guid}", "Fri, 15 Nov 2024 09:00:00 GMT", PLAIN_ENTRY)


def write_config(folder: Path, *, feeds: list[str], smtp_port: int | None = None,
                 catalog: Path, every: str = "1s", extra: str = "",
                 drafts: list[tuple[Path, str]] | None = None, state: str | None = None,
                 daemon: str = "") -> Path:
    lines = ['timezone = "America/New_York"', f'catalog = "{catalog}"',
             f'state = "{state or folder / "state.db"}"']
    for i, url in enumerate(feeds):
        lines += ["[[feeds]]", f'url = "{url}"', f'name = "Wire {i}"', 'kind = "editorial"',
                  f'every = "{every}"']
    for path, kind in drafts or []:
        lines += ["[[drafts]]", f'path = "{path}"', f'kind = "{kind}"', f'every = "{every}"']
    if smtp_port is not None:
        lines += ["[email]", 'host = "127.0.0.1"', f"port = {smtp_port}",
                  'from = "embargo@test.example"', 'to = ["press@test.example"]',
                  'immediate = ["violation"]', 'digest = "off"', "timeout = 5"]
    lines += ["[daemon]", 'outbox_every = "1s"', 'jitter = "1s"', "timeout = 5",
              'stop_grace = "3s"', *daemon.splitlines()]
    text = "\n".join(lines) + "\n" + extra
    cfg = folder / "embargo.toml"
    cfg.write_text(text, encoding="utf-8")
    return cfg


class Daemon:
    """``embargo daemon`` as a real subprocess (killed at the end of the test by the
    ``daemons`` fixture if still running)."""

    started: ClassVar[list[Daemon]] = []

    def __init__(self, config: Path, *args: str) -> None:
        Daemon.started.append(self)
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env.pop("EMBARGO_CONFIG", None)
        self.log = config.parent / f"daemon-{time.monotonic_ns()}.log"
        self._fh = self.log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "embargo", "daemon", "--config", str(config), *args],
            stdout=self._fh, stderr=subprocess.STDOUT, cwd=str(ROOT), env=env)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> tuple[int, float]:
        t = time.monotonic()
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=timeout)
        self._fh.close()
        return code, time.monotonic() - t

    def kill9(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)
        self._fh.close()

    def alive(self) -> bool:
        return self.proc.poll() is None


def wait_for(cond: Callable[[], Any], timeout: float = 20.0, step: float = 0.1,
             what: str = "condition", daemon: Daemon | None = None) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = cond()
        if got:
            return got
        if daemon is not None and not daemon.alive():
            raise AssertionError(f"daemon died while waiting for {what}:\n{daemon.text()}")
        time.sleep(step)
    log = daemon.text()[-4000:] if daemon is not None else ""
    raise AssertionError(f"timed out waiting for {what}\n{log}")
