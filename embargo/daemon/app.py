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
from typing import Any

from embargo.config import Config
from embargo.daemon import jobs
from embargo.daemon.logs import event, setup_logging
from embargo.policy.loader import PolicySet
from embargo.sources.base import Source
from embargo.sources.drafts import DraftFolderSource
from embargo.sources.feeds import FeedSource
from embargo.sources.fetch import FetchOptions
from embargo.timeparse import now_utc

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
    sched.add_job(_safe(ctx, "outbox", jobs.deliver_outbox), "interval", id="outbox",
                  executor="control", seconds=max(1, int(dm.outbox_every.total_seconds())),
                  next_run_time=start, **policy)
    sched.add_job(_safe(ctx, "lifts", jobs.watch_lifts), "interval", id="lifts",
                  executor="control", seconds=int(CONTROL_EVERY["lifts"].total_seconds()),
                  next_run_time=start, **policy)
    sched.add_job(_safe(ctx, "digest", jobs.send_digest), "interval", id="digest",
                  executor="control", seconds=int(CONTROL_EVERY["digest"].total_seconds()),
                  next_run_time=start + timedelta(seconds=5), **policy)
    return sched


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


def run_daemon(config: Config, *, catalog_path: Path, extra_policies: list[str] | None = None,
               log_format: str | None = None) -> int:
    """Run until SIGTERM/SIGINT; returns the exit code (0 on a clean stop)."""
    from embargo.daemon.shared import SharedPolling
    from embargo.state import open_config_state

    log = setup_logging(log_format or config.daemon.log_format)
    stop = threading.Event()
    policies = PolicySet.load([*config.policies, *(extra_policies or [])])
    state = open_config_state(config)
    ctx = jobs.DaemonContext(config, state, policies=policies, catalog_path=catalog_path,
                             log=log, stop=stop)
    sources = build_sources(config, stop)
    # A shared state (PostgreSQL): daemons claim due sources (daemon/shared.py); else one
    # APScheduler job per source.
    shared = SharedPolling(ctx, sources) if state.shared else None
    sched = build_scheduler(ctx, [] if shared else sources)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if not stop.is_set():
            event(log, "stopping", signal=signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
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
            sys.stderr.flush()
            os._exit(0)
        ctx.close()
        state.close()
    return 0


def _channels(config: Config) -> list[str]:
    return [name for name in ("email", "webhook", "maildir") if getattr(config, name)]
