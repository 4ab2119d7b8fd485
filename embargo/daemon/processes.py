"""Worker processes for the daemon's polls: parsing feeds and judging their entries.

Both are CPU-bound Python (feedparser holds the GIL while it parses), so the polling threads
only download and record; the parsing and the judging go to a small pool of processes, one
per core.  Each worker opens its own checking session once (policies from their files, the
catalogue read-only) and judges a feed's new entries in one call, returning for each entry
what the state records: the judgement's JSON object and its alerts.

Start method: ``forkserver`` (``spawn`` where there is none).  The daemon runs threads (the
scheduler's pools, the outbox), and forking a process that runs threads can copy a lock that
another thread held at that moment: the child would hang on it.  The fork server is started
from a clean state and forks the workers from itself.

A worker that dies (killed, out of memory) breaks the pool: the call is done in the polling
thread instead and a new pool is started for the next one, so no poll is lost to it.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from embargo.batch import SessionRecipe, pool_context, watch_owner
from embargo.config import FeedConfig
from embargo.errors import InputError
from embargo.model import Verdict
from embargo.sources.base import Entry
from embargo.sources.feeds import Body, FeedSource, ParsedFeed, parse_feed

if TYPE_CHECKING:
    from embargo.api import Embargo
    from embargo.state import NewAlert

T = TypeVar("T")


@dataclass(frozen=True)
class EntryTask:
    """One entry to judge, with the moment it was first seen (for an undated entry seen
    before; ``None``: now)."""

    entry: Entry
    first_seen: datetime | None = None


@dataclass(frozen=True)
class EntryVerdict:
    """What the state records for one judged entry, or why it could not be judged."""

    doc: dict[str, Any] = field(default_factory=dict)  # judgement_json + basis + entry id
    alerts: tuple[NewAlert, ...] = ()
    verdict: Verdict | None = None
    title: str | None = None
    error: str | None = None


def judge_feed_entries(emb: Embargo, feed: FeedConfig, tasks: Sequence[EntryTask],
                       now: datetime, basis: str) -> list[EntryVerdict]:
    """Judge a feed's entries (in a worker or in the calling thread: the same answers)."""
    from embargo.alerts import alerts_for_judgement
    from embargo.reports.formats.json import judgement_json
    from embargo.sources.judge import judge_entry

    source = FeedSource(feed)
    out: list[EntryVerdict] = []
    for t in tasks:
        entry = t.entry
        try:
            j = judge_entry(emb, entry, source, now, t.first_seen)
            doc = judgement_json(j)
            doc["judged_basis"] = basis
            doc["entry_id"] = entry.key
            alerts = alerts_for_judgement(j, source_key=source.key, item_key=entry.key,
                                          link=entry.link, config=emb.config,
                                          policies=emb.policies, origin="feed",
                                          source_label=source.label)
        except Exception as e:  # one odd entry must not cost the others their poll
            msg = e.message if isinstance(e, InputError) else f"{type(e).__name__}: {e}"
            out.append(EntryVerdict(error=msg))
            continue
        out.append(EntryVerdict(doc, tuple(alerts), j.verdict, j.item.title or entry.title))
    return out


# ------------------------------------------------------------------------- in the worker

_SESSION: list[Embargo] = []


def _start(recipe: SessionRecipe, owner: int) -> None:
    # Ctrl-C in a terminal reaches the whole process group: the daemon stops its workers
    # itself, so they do not answer it with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_owner(owner)  # a daemon killed with -9 leaves no worker behind
    _SESSION.append(recipe.open())


def _parse(body: Body, url: str) -> ParsedFeed:
    return parse_feed(body.body, body.headers, url)


def _judge(feed: FeedConfig, tasks: Sequence[EntryTask], now: datetime, basis: str
           ) -> list[EntryVerdict]:
    return judge_feed_entries(_SESSION[0], feed, tasks, now, basis)


# ------------------------------------------------------------------------- in the daemon


class FeedWorkers:
    """The pool, started at its first use; thread-safe."""

    def __init__(self, recipe: SessionRecipe, processes: int) -> None:
        self.recipe = recipe
        self.processes = processes
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False
        self._broken = 0

    def _executor(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._closed:
                return None
            if self._pool is None:
                # Never fork (the module docstring says why), even before threads start.
                ctx = pool_context(fork=False)
                self._pool = ProcessPoolExecutor(self.processes, mp_context=ctx,
                                                 initializer=_start,
                                                 initargs=(self.recipe, os.getpid()))
            return self._pool

    def _call(self, fn: Callable[..., T], *args: Any) -> T | None:
        """``fn(*args)`` in a worker; ``None`` when the pool is closed or broke (a worker
        died): the caller then does it itself."""
        pool = self._executor()
        if pool is None:
            return None
        try:
            return pool.submit(fn, *args).result()
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None  # a new pool for the next call
                    self._broken += 1
                    # Workers that keep dying (one that cannot open the catalogue): the
                    # polling threads do it all from now on.
                    self._closed = self._closed or self._broken >= 3
            return None
        except RuntimeError:  # shut down meanwhile (the daemon is stopping)
            return None

    def parse(self, body: Body, url: str) -> ParsedFeed | None:
        return self._call(_parse, body, url)

    def judge(self, feed: FeedConfig, tasks: Sequence[EntryTask], now: datetime, basis: str
              ) -> list[EntryVerdict] | None:
        return self._call(_judge, feed, list(tasks), now, basis)

    def close(self) -> None:
        """Stop the workers now (work in hand is redone on the next poll)."""
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is None:
            return
        procs = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:
            with suppress(Exception):
                p.terminate()
