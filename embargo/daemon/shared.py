"""Polling with a shared state: daemons claim due feeds instead of owning them.

With a shared state (PostgreSQL) every configured feed and draft folder is a row with
``next_poll_at`` and a lease.  Each daemon runs one :class:`SharedPolling` loop instead of one
APScheduler job per source:

1. At start it syncs its sources into the table (the config is the source of truth: new
   sources are due at once, a changed interval takes effect) and registers itself.
2. Whenever one of its ``[daemon] workers`` threads is free, it claims due sources that its
   own config names (``claim_sources``: ``FOR UPDATE SKIP LOCKED``), up to the number of free
   threads, with a lease of ``[daemon] lease``.
3. A claimed source is polled exactly as in the single-daemon case
   (:func:`embargo.daemon.jobs.poll_source`); then the lease is released and the source is
   due again one interval (plus jitter) after the poll *finished*, so no daemon polls it
   again within its interval.
4. The loop's heartbeat (about three times per lease) extends the leases the daemon holds,
   so a slow poll keeps its feed; a daemon that dies (``kill -9``, a lost machine) stops
   beating, and its feeds are due for the others when its leases run out: within one lease.
5. On SIGTERM the daemon stops claiming, lets the polls in hand finish within ``[daemon]
   stop_grace`` (each then schedules its feed's next poll), and releases what is still in
   hand (``worker_gone``): an abandoned poll's feed is due for the other daemons at once.

Alerts need nothing more: the outbox dedupe and the outbox leases already make two daemons
judging or delivering the same thing harmless (see ``docs/scaling.md``).
"""

from __future__ import annotations

import logging
import os
import random
import secrets
import socket
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from embargo.daemon import jobs
from embargo.daemon.logs import event
from embargo.sources.base import Source
from embargo.state.base import SourceSpec

#: How often the loop looks for due sources when nothing woke it earlier.
CLAIM_EVERY = 1.0
#: While the database cannot be reached, the same error is logged at most this often.
ERROR_LOG_EVERY = timedelta(seconds=30)


def worker_name() -> str:
    """``host:pid:tag``: unique per daemon run (the tag tells apart equal pids in containers)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(2)}"


class SharedPolling:
    """The claim loop of one daemon on a shared state (see the module docstring)."""

    def __init__(self, ctx: jobs.DaemonContext, sources: list[Source], *,
                 worker: str | None = None,
                 rng: Callable[[], float] = random.random) -> None:
        self.ctx = ctx
        self.worker = worker or worker_name()
        self.sources: dict[str, Source] = {}
        for s in sources:
            self.sources.setdefault(s.key, s)  # the same feed twice in the config: once
        dm = ctx.config.daemon
        self.lease = dm.lease
        self.jitter = dm.jitter
        self.slots = dm.workers
        self.rng = rng
        self._free = dm.workers
        self._wake = threading.Condition()
        self._in_flight: set[str] = set()
        self._pool = ThreadPoolExecutor(max_workers=dm.workers, thread_name_prefix="poll")
        self._thread = threading.Thread(target=self._loop, name="claim", daemon=True)
        self._last_beat: datetime | None = None
        self._error_logged: tuple[str, datetime] | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Sync the sources, register, and start the claim loop (returns at once)."""
        now = self.ctx.clock()
        self.ctx.state.sync_sources(
            [SourceSpec(k, s.every) for k, s in self.sources.items()], now)
        self._beat(now)
        self._thread.start()

    def stop_claiming(self) -> None:
        """Claim nothing more (polls in hand go on: the daemon waits ``stop_grace`` for
        them, and each releases its own lease with its next poll time)."""
        self.ctx.stop.set()
        with self._wake:
            self._wake.notify_all()
        self._thread.join(timeout=CLAIM_EVERY * 3)
        self._pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Unregister; the leases of polls still in hand are released for the others."""
        try:
            self.ctx.state.worker_gone(self.worker, self.ctx.clock())
        except Exception as e:  # the database is gone: the leases run out by themselves
            event(self.ctx.log, "release-error", logging.WARNING, error=_short(e))

    @property
    def in_flight(self) -> list[str]:
        with self._wake:
            return sorted(self._in_flight)

    # ------------------------------------------------------------------ the loop

    def _beat(self, now: datetime) -> None:
        self.ctx.state.worker_seen(
            self.worker, now, {"host": socket.gethostname(), "pid": os.getpid(),
                               "sources": len(self.sources)},
            leases_until=now + self.lease)
        self._last_beat = now

    def _loop(self) -> None:
        stop = self.ctx.stop
        keys = list(self.sources)
        while not stop.is_set():
            with self._wake:
                if self._free == 0:
                    self._wake.wait(CLAIM_EVERY)
                free = self._free
            if stop.is_set():
                break
            now = self.ctx.clock()
            claimed: list[str] = []
            try:
                if self._last_beat is None or now - self._last_beat >= self.lease / 3:
                    self._beat(now)
                if free > 0:
                    claimed = self.ctx.state.claim_sources(
                        self.worker, keys, now, limit=free,
                        lease_seconds=self.lease.total_seconds())
            except Exception as e:  # the database is unreachable: try again shortly
                self._claim_failed(e)
            for key in claimed:
                with self._wake:
                    self._free -= 1
                    self._in_flight.add(key)
                self._pool.submit(self._poll, key)
            if len(claimed) < free or not claimed:
                # Nothing more is due now: look again in a moment (or when stopping).
                with self._wake:
                    self._wake.wait(CLAIM_EVERY)

    def _claim_failed(self, e: BaseException) -> None:
        """Log a failed claim or heartbeat: at once, then at most every half minute while
        the same error lasts (the loop retries every second)."""
        text = _short(e)
        now = self.ctx.clock()
        last = self._error_logged
        if last is None or last[0] != text or now - last[1] >= ERROR_LOG_EVERY:
            event(self.ctx.log, "claim-error", logging.WARNING, error=text)
            self._error_logged = (text, now)

    def _poll(self, key: str) -> None:
        source = self.sources[key]
        status = "error"
        try:
            status = jobs.poll_source(self.ctx, source).status
        finally:
            finished = self.ctx.clock()
            if status == "abandoned":  # stopping: due at once for the other daemons
                due, polled = finished, False
            else:
                due, polled = self.next_poll(source.every, finished), True
            try:
                if not self.ctx.state.release_source(key, self.worker, next_poll_at=due,
                                                     at=finished, polled=polled):
                    event(self.ctx.log, "lease-lost", logging.WARNING, feed=source.label,
                          note="the lease ran out during the poll and another daemon may "
                               "have polled it too (harmless: alerts are deduplicated)")
            except Exception as e:
                event(self.ctx.log, "release-error", logging.WARNING, feed=source.label,
                      error=_short(e))
            with self._wake:
                self._free += 1
                self._in_flight.discard(key)
                self._wake.notify_all()

    def next_poll(self, every: timedelta, finished: datetime) -> datetime:
        """One interval after the poll finished, plus a jitter of at most a fifth of it."""
        spread = min(self.jitter.total_seconds(), every.total_seconds() / 5)
        return finished + every + timedelta(seconds=spread * self.rng())


def _short(e: BaseException) -> str:
    return f"{type(e).__name__}: {' '.join(str(e).split())[:300]}"
