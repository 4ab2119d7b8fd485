"""``embargo daemon``: APScheduler 3 wiring, signals and the main loop.

* A ``BackgroundScheduler`` with the memory job store only: jobs are rebuilt from the config
  at every start, never pickled (STYLE 2).  Two thread pools: ``feeds`` (``[daemon]
  workers`` threads: polls of feeds and draft folders) and ``control`` (lift watch, outbox,
  digest), so a crowd of slow feeds never delays an alert.
* One interval job per feed and per draft folder at its ``every``, with ``jitter`` (at most
  a fifth of the interval), ``coalesce=True``, ``max_instances=1`` and ``misfire_grace_time``:
  a slow feed never piles up runs.  First polls are spread over the first seconds.
* SIGTERM / SIGINT set a stop event: jobs in hand stop between entries (each entry is its own
  transaction), downloads stop between chunks, and after ``[daemon] stop_grace`` the process
  exits 0 whatever is still in hand: what it was doing is redone on the next start, with the
  outbox dedupe making that safe.
"""

from __future__ import annotations

import logging
import os
import random
import signal
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from embargo.config import Config
from embargo.daemon import jobs
from embargo.daemon.logs import event, setup_logging
from embargo.errors import InputError
from embargo.policy.loader import PolicySet
from embargo.sources.base import Source
from embargo.sources.drafts import DraftFolderSource
from embargo.sources.feeds import FeedSource
from embargo.sources.fetch import FetchOptions
from embargo.timeparse import now_utc

if TYPE_CHECKING:
    from embargo.state import StateStore

CONTROL_EVERY = {"lifts": timedelta(seconds=60), "digest": timedelta(seconds=60)}


def build_sources(config: Config, stop: threading.Event) -> list[Source]:
    dm = config.daemon
    opts = FetchOptions(timeout=dm.timeout, max_bytes=dm.max_bytes,
                        max_redirects=dm.max_redirects, user_agent=dm.user_agent)
    sources: list[Source] = [FeedSource(f, opts, stop) for f in config.feeds]
    sources += [DraftFolderSource(d, stop) for d in config.drafts]
    return sources


def _jitter(every: timedelta, jitter: timedelta) -> int | None:
    seconds = min(jitter.total_seconds(), every.total_seconds() / 5)
    return int(seconds) if seconds >= 1 else None


def build_scheduler(ctx: jobs.DaemonContext, sources: list[Source]) -> Any:
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.jobstores.memory import MemoryJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    dm = ctx.config.daemon
    policy = {"coalesce": True, "max_instances": 1,
              "misfire_grace_time": max(1, int(dm.misfire_grace.total_seconds()))}
    sched = BackgroundScheduler(
        jobstores={"default": MemoryJobStore()},
        executors={"feeds": ThreadPoolExecutor(max_workers=dm.workers),
                   "control": ThreadPoolExecutor(max_workers=3)},
        job_defaults=policy,
        timezone="UTC",
    )
    start = now_utc()
    spread = min(10.0, max(1.0, len(sources) / 50))
    seen: set[str] = set()
    for i, src in enumerate(sources):
        if src.key in seen:
            continue  # the same feed twice in the config: polled once
        seen.add(src.key)
        first = start + timedelta(seconds=random.uniform(0, spread) if i else 0)
        sched.add_job(jobs.poll_source, "interval", args=(ctx, src), id=src.key,
                      name=f"{src.name} {src.label}", executor="feeds",
                      seconds=max(1, int(src.every.total_seconds())),
                      jitter=_jitter(src.every, dm.jitter), next_run_time=first, **policy)
    outbox = _safe(ctx, "outbox", jobs.deliver_outbox)
    sched.add_job(outbox, "interval", id="outbox",
                  executor="control", seconds=max(1, int(dm.outbox_every.total_seconds())),
                  next_run_time=start, **policy)
    ctx.wake_outbox = _waker(ctx, sched, outbox, policy)
    sched.add_job(_safe(ctx, "lifts", jobs.watch_lifts), "interval", id="lifts",
                  executor="control", seconds=int(CONTROL_EVERY["lifts"].total_seconds()),
                  next_run_time=start, **policy)
    sched.add_job(_safe(ctx, "digest", jobs.send_digest), "interval", id="digest",
                  executor="control", seconds=int(CONTROL_EVERY["digest"].total_seconds()),
                  next_run_time=start + timedelta(seconds=5), **policy)
    return sched


def _waker(ctx: jobs.DaemonContext, sched: Any, outbox: Any, policy: dict[str, Any]) -> Any:
    """Run the outbox once, now, on the control pool (one such run queued at a time; the
    outbox's claims make a run beside the periodic one safe)."""
    queued = threading.Event()

    def run_now() -> None:
        queued.clear()
        outbox()

    def wake() -> None:
        if ctx.stop.is_set() or queued.is_set():
            return
        queued.set()
        try:
            sched.add_job(run_now, executor="control", name="outbox (woken)", **policy)
        except Exception:  # the scheduler is shutting down: the next start delivers
            queued.clear()

    return wake


def _safe(ctx: jobs.DaemonContext, name: str, fn: Any) -> Any:
    """A control job whose failure is logged with its reason, never a dead scheduler."""

    def run() -> None:
        if ctx.stop.is_set():
            return
        try:
            fn(ctx)
        except Exception as e:
            event(ctx.log, f"{name}-error", logging.ERROR,
                  error=f"{type(e).__name__}: {' '.join(str(e).split())[:300]}")

    run.__name__ = f"{name}_job"
    return run


class StopSignals:
    """SIGTERM and SIGINT set :attr:`stop`.  Installed first thing in ``embargo daemon``, before
    the configuration, policies, catalogue and state are read, so that a signal at any moment
    after start is a clean stop (exit 0), never death by the signal."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.received: str | None = None
        self.log: logging.Logger | None = None

    def install(self) -> StopSignals:
        self._previous = {sig: signal.signal(sig, self._on_signal)
                          for sig in (signal.SIGTERM, signal.SIGINT)}
        return self

    def restore(self) -> None:
        """Put back the handlers found at :meth:`install` (the CLI called in-process)."""
        for sig, handler in getattr(self, "_previous", {}).items():
            signal.signal(sig, handler)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if not self.stop.is_set():
            self.received = signal.Signals(signum).name
            if self.log is not None:
                event(self.log, "stopping", signal=self.received)
        self.stop.set()

    def attach(self, log: logging.Logger) -> None:
        """Log the stop from now on (and now, when a signal came before logging was set up)."""
        self.log = log
        if self.received is not None:
            event(log, "stopping", signal=self.received)


def probe_state(state: StateStore) -> None:
    """Write to the state once: one that cannot be written (a full disk, no permission, a
    read-only PostgreSQL role) would lose every finding, so the daemon refuses to start (an
    input error, exit 2)."""
    try:
        state.set("daemon.started_at", now_utc().isoformat())
    except Exception as e:
        raise InputError(f"the state database cannot be written ({' '.join(str(e).split())}):"
                         " free some space or fix its permissions", path=state.describe()
                         ) from None


def check_state(config: Config) -> None:
    """Open the configured state (SQLite or PostgreSQL) for writing, creating or upgrading its
    schema, and write to it once (see :func:`probe_state`)."""
    from embargo.state import open_config_state

    with open_config_state(config) as state:
        probe_state(state)


def run_daemon(config: Config, *, catalog_path: Path, extra_policies: list[str] | None = None,
               log_format: str | None = None, signals: StopSignals | None = None,
               log: logging.Logger | None = None) -> int:
    """Run until SIGTERM/SIGINT; returns the exit code (0 on a clean stop).

    ``signals``: handlers the caller installed earlier (else they are installed here)."""
    from embargo.daemon.shared import SharedPolling
    from embargo.state import open_config_state

    signals = signals or StopSignals().install()
    stop = signals.stop
    if log is None:
        log = setup_logging(log_format or config.daemon.log_format)
        signals.attach(log)
    if stop.is_set():
        event(log, "stopped", abandoned=0)
        return 0
    policies = PolicySet.load([*config.policies, *(extra_policies or [])])
    state = open_config_state(config)
    try:
        probe_state(state)
    except InputError:
        state.close()
        raise
    ctx = jobs.DaemonContext(config, state, policies=policies, catalog_path=catalog_path,
                             log=log, stop=stop, policy_paths=extra_policies or ())
    sources = build_sources(config, stop)
    # A shared state (PostgreSQL): daemons claim due sources (daemon/shared.py), each poll
    # going through the same jobs.poll_source as here; else one APScheduler job per source.
    shared = SharedPolling(ctx, sources) if state.shared else None
    sched = build_scheduler(ctx, [] if shared else sources)
    if stop.is_set():
        event(log, "stopped", abandoned=0)
        ctx.close()
        state.close()
        return 0
    event(log, "started", pid=os.getpid(), feeds=len(config.feeds), drafts=len(config.drafts),
          policies=",".join(policies.ids()), state=state.describe(),
          catalog=str(catalog_path), workers=config.daemon.workers,
          channels=",".join(_channels(config)) or "none",
          worker=shared.worker if shared else None)
    if shared:
        shared.start()
    sched.start()
    try:
        while not stop.wait(1.0):
            pass
    finally:
        sched.shutdown(wait=False)
        if shared:
            shared.stop_claiming()
        deadline = time.monotonic() + config.daemon.stop_grace.total_seconds()
        while ctx.jobs_running and time.monotonic() < deadline:
            time.sleep(0.05)
        left = ctx.jobs_running
        if shared:
            shared.close()  # what is still in hand goes to the other daemons at once
        event(log, "stopped", abandoned=left)
        for h in log.handlers:
            h.flush()
        if left:
            # Threads still in a socket call: leave without waiting for them.  Every item
            # they recorded is committed; what they had not recorded is redone next start.
            # The worker processes go first (nothing would stop them after os._exit).
            if ctx.workers is not None:
                ctx.workers.close()
            sys.stderr.flush()
            os._exit(0)
        ctx.close()
        state.close()
    return 0


def _channels(config: Config) -> list[str]:
    return [name for name in ("email", "webhook", "maildir") if getattr(config, name)]
