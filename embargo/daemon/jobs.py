"""The daemon's jobs: poll a feed, scan a draft folder, watch lifts, deliver the outbox, send
the digest.  Each job is a plain function of a :class:`DaemonContext`; APScheduler only calls
them (``app.py``), so tests can call them directly.

Never lose, never repeat
------------------------
* Each item is recorded with :meth:`StateStore.record_item`: item, judgement history and its
  alerts in ONE transaction; the outbox dedupes on ``(channel, dedupe_key)``.  A ``kill -9``
  between two items loses nothing (the next poll redoes the items not yet recorded) and
  repeats nothing (recorded alerts are not enqueued again).
* A feed's cache validators (ETag / Last-Modified) are stored only after every entry of the
  poll was recorded: a poll abandoned half-way is fetched in full next time, never answered
  with a 304 that would hide its unrecorded entries.
* Lift announcements go through :meth:`StateStore.announce_lift` (one key per lift and lead).
"""

from __future__ import annotations

import hashlib
import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from embargo.alerts import DeliveryReport
from embargo.api import Embargo
from embargo.batch import SessionRecipe, default_jobs
from embargo.catalog.store import Catalog
from embargo.config import Config
from embargo.daemon.logs import event
from embargo.daemon.processes import EntryTask, EntryVerdict, FeedWorkers, judge_feed_entries
from embargo.errors import InputError
from embargo.model import Judgement, Verdict
from embargo.policy.loader import PolicySet
from embargo.policy.schedule import LiftGroup
from embargo.reports.formats.json import judgement_json
from embargo.sources.base import Entry, Source, Validators
from embargo.sources.feeds import Body, FeedSource, ParsedFeed, parse_feed
from embargo.sources.judge import judge_entry, unreadable_draft
from embargo.state import ItemResult, ItemToRecord, NewAlert, StateStore
from embargo.timeparse import iso, now_utc

#: Checking sessions shared by all polling threads (judging is CPU-bound under the GIL).
JUDGE_SESSIONS = 2

#: Bookkeeping keys in the state (``StateStore.get``/``set``).
HELD_PREFIX = "held:"  # held:<source_key>|<item_key> → JSON {until, hash, title, path}
LIFT_SINCE = "lift_watch.since"  # the first lift-watch run: lifts before it are never announced
LIFT_LAST = "lift_watch.last"  # the last lift-watch run
BASIS_PREFIX = "basis:"  # basis:<source_key> → the policies+catalogue basis of its last poll
BACKLOG_PREFIX = "backlog:"  # backlog:<source_key> → entries left for the next polls
BODY_PREFIX = "body:"  # body:<source_key> → JSON {digest, items, notes} of the last feed body
# whose every entry was recorded (a server that ignores validators sends it again: nothing
# in it needs parsing when each of its entries is still recorded with the same content)
LIFT_CACHE = timedelta(hours=1)  # lift groups are computed again at least this often


@dataclass
class PollOutcome:
    """Counts of one poll, for logs and tests."""

    source: str
    url: str
    status: str = "ok"  # ok | not-modified | error | abandoned
    http_status: int | None = None
    entries: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    judged: int = 0  # entries judged in this poll (new, changed, or judged again)
    violations: int = 0
    reviews: int = 0
    alerts: int = 0
    errors: int = 0
    published: int = 0  # held drafts announced as publishable
    backlog: int = 0  # entries over the per-poll cap, judged on the next polls
    unreadable: list[str] = field(default_factory=list)  # drafts that could not be read
    error: str | None = None
    duration: float = 0.0
    notes: list[str] = field(default_factory=list)


class DaemonContext:
    """What every job needs: config, state, policies, a catalogue session per thread."""

    #: Below these sizes a feed is parsed, and its entries judged, in the polling thread:
    #: sending it to a worker would cost more than it saves.
    pool_min_bytes = 4 * 1024
    pool_min_entries = 8

    def __init__(self, config: Config, state: StateStore, *, policies: PolicySet,
                 catalog_path: Path, log: logging.Logger,
                 stop: threading.Event | None = None,
                 clock: Callable[[], datetime] = now_utc, processes: int | None = None,
                 policy_paths: Sequence[str | Path] | None = None) -> None:
        """``processes``: worker processes that parse feeds and judge entries (default: one
        per core; 0: all in the polling threads).  ``policy_paths``: where ``policies`` were
        loaded from besides the configured ones (the workers load them again)."""
        self.config = config
        self.state = state
        self.policies = policies
        self.catalog_path = catalog_path
        self.log = log
        self.stop = stop or threading.Event()
        self.clock = clock
        self._idle: queue.Queue[Embargo] = queue.Queue()
        self._sessions: list[Embargo] = []
        self._lock = threading.Lock()
        self._running = 0
        self.basis = self.compute_basis()
        self._lifts: tuple[str, datetime, datetime, list[LiftGroup]] | None = None
        #: Runs the outbox now (set by the scheduler): an immediate alert goes out when it is
        #: queued, not up to ``[daemon] outbox_every`` later.
        self.wake_outbox: Callable[[], None] = lambda: None
        n = default_jobs() if processes is None else processes
        self.workers = FeedWorkers(
            SessionRecipe.with_policies(replace(config, catalog=Path(catalog_path)), policies,
                                        [str(x) for x in policy_paths or ()]), n) if n > 1 or (
            processes is not None and n > 0) else None

    # ------------------------------------------------------------------ parsing, judging

    def parse_feed(self, source: FeedSource, body: Body) -> ParsedFeed:
        """Parse a feed's body: in a worker process when it is large enough to pay."""
        parsed = None
        if self.workers is not None and len(body.body) >= self.pool_min_bytes:
            parsed = self.workers.parse(body, source.config.url)
        if parsed is None:
            parsed = parse_feed(body.body, body.headers, source.config.url)
        return parsed

    def judge_feed(self, source: FeedSource, tasks: list[EntryTask], now: datetime
                   ) -> list[EntryVerdict]:
        """Judge a feed's entries, in input order: in a worker process when there are
        enough of them to pay."""
        verdicts = None
        if self.workers is not None and len(tasks) >= self.pool_min_entries:
            verdicts = self.workers.judge(source.config, tasks, now, self.basis)
        if verdicts is None:
            with self.session() as emb:
                verdicts = judge_feed_entries(emb, source.config, tasks, now, self.basis)
        return verdicts

    # ------------------------------------------------------------------ sessions

    @contextmanager
    def session(self) -> Iterator[Embargo]:
        """A checking session from a small pool, for the calling thread's exclusive use.

        Judging is CPU-bound under the GIL, so more sessions than cores buy nothing; each
        session holds a catalogue connection and the linker's caches, so the pool is kept
        small (``JUDGE_SESSIONS``) however many feed-fetching threads there are."""
        try:
            emb = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                make = len(self._sessions) < JUDGE_SESSIONS
                if make:
                    emb = Embargo(self.config, policies=self.policies,
                                  catalog=None if self.config.no_catalog else
                                  Catalog(self.catalog_path, readonly=True, any_thread=True))
                    self._sessions.append(emb)
            if not make:
                emb = self._idle.get()
        try:
            yield emb
        finally:
            self._idle.put(emb)

    def close(self) -> None:
        if self.workers is not None:
            self.workers.close()
        with self._lock:
            for emb in self._sessions:
                with suppress(Exception):
                    emb.close()
            self._sessions.clear()

    def compute_basis(self) -> str:
        """What judgements depend on besides the item: the policies and the catalogue.  When
        it changes, feed entries already seen are judged again."""
        h = hashlib.sha256()
        for p in self.policies:
            h.update(p.id.encode())
            h.update(hashlib.sha256(p.text.encode("utf-8", "replace")).digest())
        try:
            with Catalog(self.catalog_path, readonly=True) as cat:
                row = cat.conn.execute(
                    "SELECT COUNT(*), MAX(updated_at) FROM abstracts").fetchone()
            h.update(repr(tuple(row)).encode())
        except (InputError, Exception):  # an unreadable catalogue: judged without it
            h.update(b"no-catalogue")
        return h.hexdigest()[:16]

    # ------------------------------------------------------------------ lifts

    def lift_groups(self, now: datetime) -> list[LiftGroup]:
        """Lift groups around ``now`` (from the catch-up floor to the longest lead ahead),
        computed again when the policies or the catalogue change, or hourly."""
        from dataclasses import replace

        from embargo.policy.schedule import all_lifts, group_lifts

        cached = self._lifts
        if cached is not None and cached[0] == self.basis and cached[1] <= now < cached[2]:
            return cached[3]
        dm = self.config.daemon
        start = now - dm.lift_catchup - timedelta(hours=1)
        end = now + max(dm.lift_leads, default=timedelta(0)) + LIFT_CACHE
        if self.config.no_catalog:
            groups = group_lifts(all_lifts(self.policies, [], start=start, end=end))
        else:
            with Catalog(self.catalog_path, readonly=True) as cat:
                # Bodies are not needed for lifts; dropping them keeps the peak small.
                abstracts = (replace(a, body="") for a in cat.iter_all())
                groups = group_lifts(all_lifts(self.policies, abstracts, start=start,
                                               end=end))
        self._lifts = (self.basis, now, now + LIFT_CACHE, groups)
        return groups

    # ------------------------------------------------------------------ running

    @contextmanager
    def running(self) -> Iterator[None]:
        with self._lock:
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1

    @property
    def jobs_running(self) -> int:
        with self._lock:
            return self._running


# ---------------------------------------------------------------------------- alerts glue


def item_alerts(ctx: DaemonContext, j: Judgement, source: Source, entry: Entry
                ) -> list[NewAlert]:
    from embargo.alerts import alerts_for_judgement

    return alerts_for_judgement(j, source_key=source.key, item_key=entry.key,
                                link=entry.link, config=ctx.config, policies=ctx.policies,
                                origin="feed" if entry.raw is None else "draft",
                                source_label=source.label)


# ---------------------------------------------------------------------------- polling


def poll_source(ctx: DaemonContext, source: Source) -> PollOutcome:
    """Poll one feed or draft folder, judge what is new or changed, record it all."""
    with ctx.running():
        try:
            out = _poll(ctx, source)
        except Exception as e:  # e.g. the state's disk is full: logged, the job lives on
            url = getattr(getattr(source, "config", None), "url", None) or source.label
            out = PollOutcome(source.key, str(url), status="error",
                              error=f"internal error: {type(e).__name__}: "
                                    f"{' '.join(str(e).split())[:300]}")
    if out.alerts or out.published:
        ctx.wake_outbox()
    level = logging.WARNING if out.status == "error" else logging.INFO
    event(ctx.log, "poll", level, source=source.name, feed=source.label, url=out.url,
          status=out.status, http=out.http_status, entries=out.entries, new=out.new,
          changed=out.changed, judged=out.judged, violations=out.violations,
          reviews=out.reviews,
          alerts=out.alerts, errors=out.errors, published=out.published or None,
          backlog=out.backlog or None,
          duration=round(out.duration, 3), error=out.error,
          notes="; ".join(out.notes)[:500] or None)
    return out


def _poll(ctx: DaemonContext, source: Source) -> PollOutcome:
    started = time.monotonic()
    state = ctx.state
    url = getattr(getattr(source, "config", None), "url", None) or source.label
    out = PollOutcome(source.key, str(url))
    etag, modified = state.feed_cache(source.key)
    validators = Validators(etag, modified) if (etag or modified) else None
    is_feed = isinstance(source, FeedSource)
    # Entries already recorded with the same content, under the same policies and
    # catalogue, would be judged the same: skipped.  (Drafts are always judged again: their
    # verdict depends on the moment when they carry no publish_at.)
    basis_key = f"{BASIS_PREFIX}{source.key}"
    body_key = f"{BODY_PREFIX}{source.key}"
    digest: str | None = None
    same: dict[str, Any] | None = None
    if isinstance(source, FeedSource):
        h, body = source.fetch(validators)
        if body is not None:
            digest = body.digest()
            same = _same_body(state, source, ctx.basis, basis_key, body_key, digest)
            if same is None:
                t = time.monotonic()
                FeedSource.take(h, ctx.parse_feed(source, body), time.monotonic() - t)
    else:
        h = source.poll(validators)
    now = ctx.clock()
    out.http_status, out.notes = h.http_status, list(h.notes)
    if h.error is not None and ctx.stop.is_set():
        out.status, out.error = "abandoned", h.error  # not the feed's fault: not recorded
        out.duration = time.monotonic() - started
        return out
    if h.error is not None:
        out.status, out.error = "error", h.error
        state.record_poll(source.key, at=now, ok=False, error=f"{h.error} ({url})",
                          http_status=h.http_status)
        out.duration = time.monotonic() - started
        return out
    if h.not_modified:
        out.status = "not-modified"
        state.record_poll(source.key, at=now, ok=True, http_status=h.http_status,
                          etag=h.validators.etag, last_modified=h.validators.last_modified,
                          entries=0, new_entries=0)
        out.duration = time.monotonic() - started
        return out
    if same is not None:
        # The very body whose every entry was recorded, each still with the same content,
        # under the same policies and catalogue: as if parsed, every entry unchanged.
        out.entries = out.unchanged = len(same["items"])
        out.notes.extend(same.get("notes", []))
        backlog_key = f"{BACKLOG_PREFIX}{source.key}"
        if state.get(backlog_key) is not None:
            state.set(backlog_key, None)
        state.record_poll(source.key, at=now, ok=True, http_status=h.http_status,
                          etag=h.validators.etag, last_modified=h.validators.last_modified,
                          entries=out.entries, new_entries=0)
        out.duration = time.monotonic() - started
        return out
    out.entries = len(h.entries)
    fresh = is_feed and state.get(basis_key) == ctx.basis
    known = state.content_hashes(source.key) if is_feed else {}
    cap = ctx.config.daemon.entries_per_poll
    judged = 0
    failures: list[str] = []

    def failed(entry: Entry, e: Exception | str) -> None:
        out.errors += 1
        if isinstance(e, str):
            msg = e
        else:
            msg = e.message if isinstance(e, InputError) else f"{type(e).__name__}: {e}"
        msg = " ".join(msg.split())[:300]
        failures.append(msg)
        event(ctx.log, "entry-error", logging.WARNING, feed=source.label, url=url,
              entry=entry.key[:200], error=msg)

    tasks: list[EntryTask] = []
    for entry in h.entries:
        if fresh and known.get(entry.key) == entry.content_hash:
            out.unchanged += 1
            continue
        if ctx.stop.is_set():
            out.status = "abandoned"
            out.notes.append("poll abandoned: the daemon is stopping; the rest is read next "
                             "time")
            break
        if judged >= cap:
            out.backlog += 1  # judged on the next polls (validators are not stored)
            continue
        judged += 1
        if not isinstance(source, FeedSource):
            try:
                _one_entry(ctx, source, entry, now, out, is_feed, entry.key in known)
            except Exception as e:  # one odd entry must not cost the others their poll
                failed(entry, e)
            continue
        try:
            tasks.append(EntryTask(entry, _first_seen(ctx, source, entry, now,
                                                      entry.key in known)))
        except Exception as e:
            failed(entry, e)
    if tasks and isinstance(source, FeedSource) and out.status != "abandoned":
        # Judged together (in a worker process), recorded together in the order of the feed.
        verdicts = ctx.judge_feed(source, tasks, now)
        if ctx.stop.is_set():
            out.status = "abandoned"
            out.notes.append("poll abandoned: the daemon is stopping; the rest is read next "
                             "time")
        else:
            judged_ok: list[tuple[Entry, EntryVerdict]] = []
            for task, v in zip(tasks, verdicts, strict=True):
                if v.error is not None:
                    failed(task.entry, v.error)
                else:
                    out.judged += 1
                    judged_ok.append((task.entry, v))
            _record_feed_entries(ctx, source, judged_ok, now, out, failed)
    if out.status == "abandoned":
        out.duration = time.monotonic() - started
        return out  # validators not stored: the next poll reads the whole feed again
    if is_feed and not fresh:
        state.set(basis_key, ctx.basis)
    if out.backlog:
        out.notes.append(f"{out.backlog} entr{'y' if out.backlog == 1 else 'ies'} left for the "
                         f"next poll (at most {cap} are judged per poll)")
    backlog_key = f"{BACKLOG_PREFIX}{source.key}"
    if is_feed and (out.backlog or state.get(backlog_key) is not None):
        state.set(backlog_key, str(out.backlog) if out.backlog else None)
    if out.errors or out.unreadable:
        # Not ok: an entry that could not be recorded is judged again on the next poll (its
        # validators are not stored, so the feed is read in full), and an unreadable draft
        # stays an error until it is fixed.
        out.status = "error"
        parts = []
        if out.errors:
            parts.append(f"{out.errors} of {out.entries} entries could not be recorded "
                         f"(tried again next poll): {failures[0]}")
        if out.unreadable:
            n = len(out.unreadable)
            parts.append(f"{n} draft{'' if n == 1 else 's'} cannot be read: "
                         f"{'; '.join(out.unreadable[:3])}")
        out.error = "; ".join(parts)
        state.record_poll(source.key, at=now, ok=False, error=f"{out.error} ({url})",
                          http_status=h.http_status)
        out.duration = time.monotonic() - started
        return out
    complete = not out.backlog
    if complete and digest is not None:
        # Every entry of this body is recorded: the same body again needs no parsing.
        state.set(body_key, json.dumps({
            "digest": digest, "items": [[e.key, e.content_hash] for e in h.entries],
            "notes": list(h.notes)}, ensure_ascii=False))
    state.record_poll(source.key, at=now, ok=True, http_status=h.http_status,
                      etag=h.validators.etag if complete else None,
                      last_modified=h.validators.last_modified if complete else None,
                      entries=out.entries, new_entries=out.new)
    out.duration = time.monotonic() - started
    return out


def _same_body(state: StateStore, source: FeedSource, basis: str, basis_key: str,
               body_key: str, digest: str) -> dict[str, Any] | None:
    """The record of the last fully recorded body when ``digest`` is that body's and each of
    its entries is still recorded with the same content under the same basis; else ``None``
    (the body is parsed)."""
    raw = state.get(body_key)
    if not raw or state.get(basis_key) != basis:
        return None
    try:
        rec = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(rec, dict) or rec.get("digest") != digest:
        return None
    known = state.content_hashes(source.key)
    items = rec.get("items")
    if not isinstance(items, list) or any(
            known.get(str(k)) != h for k, h in items):
        return None
    return rec


def _first_seen(ctx: DaemonContext, source: Source, entry: Entry, now: datetime, seen: bool
                ) -> datetime | None:
    if seen and (entry.published_at is None or entry.published_at > now):
        # Undated or dated in the future: judged at first sight; keep that moment.
        prev = ctx.state.item(source.key, entry.key)
        return prev.first_seen_at if prev is not None else None
    return None


def _record_feed_entries(ctx: DaemonContext, source: FeedSource,
                         judged: list[tuple[Entry, EntryVerdict]], now: datetime,
                         out: PollOutcome, failed: Callable[[Entry, Exception], None]) -> None:
    """Record a poll's judged entries in one transaction; should that fail, one by one (an
    entry that cannot be recorded must not cost the others theirs)."""
    def row(entry: Entry, v: EntryVerdict) -> ItemToRecord:
        return ItemToRecord(source.key, entry.key, entry.content_hash, v.title, entry.link,
                            entry.published_at, v.doc, v.alerts)

    if not judged:
        return
    try:
        results = ctx.state.record_items([row(e, v) for e, v in judged], now)
    except Exception:
        for e, v in judged:
            try:
                [res] = ctx.state.record_items([row(e, v)], now)
            except Exception as err:  # e.g. the state's disk is full
                failed(e, err)
                continue
            _count(out, v, res)
        return
    for (_, v), res in zip(judged, results, strict=True):
        _count(out, v, res)


def _count(out: PollOutcome, v: EntryVerdict, res: ItemResult) -> None:
    out.new += int(res.new)
    out.changed += int(res.changed)
    out.alerts += res.enqueued
    out.violations += int(v.verdict is Verdict.VIOLATION)
    out.reviews += int(v.verdict is Verdict.REVIEW)


def _one_entry(ctx: DaemonContext, source: Source, entry: Entry, now: datetime,
               out: PollOutcome, is_feed: bool, seen: bool) -> None:
    state = ctx.state
    first_seen = None
    if seen and is_feed and (entry.published_at is None or entry.published_at > now):
        # Undated or dated in the future: judged at first sight; keep that moment.
        prev = state.item(source.key, entry.key)
        first_seen = prev.first_seen_at if prev is not None else None
    if is_feed:
        with ctx.session() as emb:
            j = judge_entry(emb, entry, source, now, first_seen)
    else:
        try:
            with ctx.session() as emb:
                j = judge_entry(emb, entry, source, now, first_seen)
        except Exception as e:
            # A draft that cannot be read is never a silent pass: recorded as `review` (which
            # alerts like any finding) and reported as an error of the folder.
            msg = e.message if isinstance(e, InputError) else f"{type(e).__name__}: {e}"
            reason = " ".join(msg.split())[:200]
            out.unreadable.append(f"{entry.key.removeprefix('path:')}: {reason}")
            j = unreadable_draft(entry, source, now, reason)
    out.judged += 1
    doc = judgement_json(j)
    doc["judged_basis"] = ctx.basis
    doc["entry_id"] = entry.key
    alerts = item_alerts(ctx, j, source, entry)
    res = state.record_item(source.key, entry.key, content_hash=entry.content_hash,
                            title=j.item.title or entry.title, link=entry.link,
                            published_at=entry.published_at if is_feed
                            else j.item.published_at,
                            judgement=doc, alerts=alerts, at=now)
    out.new += int(res.new)
    out.changed += int(res.changed)
    out.alerts += res.enqueued
    out.violations += int(j.verdict is Verdict.VIOLATION)
    out.reviews += int(j.verdict is Verdict.REVIEW)
    if not is_feed:
        out.published += _held_draft(ctx, source, entry, j, now)


# ---------------------------------------------------------------------------- held drafts


def _held_key(source: Source, entry: Entry) -> str:
    return f"{HELD_PREFIX}{source.key}|{entry.key}"


def _held_draft(ctx: DaemonContext, source: Source, entry: Entry, j: Judgement,
                now: datetime) -> int:
    """A draft that may not go out yet but has a known earliest_compliant is *held*; once
    that instant has passed (same content), it is announced once: "may be published now"."""
    state = ctx.state
    key = _held_key(source, entry)
    raw = state.get(key)
    held = json.loads(raw) if raw else None
    blocked = j.verdict is not Verdict.PASS
    if blocked and j.earliest_compliant is not None and j.earliest_compliant > now:
        doc = {"until": iso(j.earliest_compliant), "hash": entry.content_hash,
               "title": j.item.title, "path": entry.path, "verdict": j.verdict.value}
        if held != doc:
            state.set(key, json.dumps(doc))
        return 0
    if held is None:
        return 0
    until = datetime.fromisoformat(held["until"])
    if held.get("hash") != entry.content_hash or now < until:
        if held.get("hash") != entry.content_hash:
            state.set(key, None)  # edited: judged afresh above
        return 0
    return _announce_publishable(ctx, source, entry, held, until, now, key, j)


def _announce_publishable(ctx: DaemonContext, source: Source, entry: Entry,
                          held: dict[str, Any], until: datetime, now: datetime,
                          key: str, j: Judgement) -> int:
    from embargo.alerts import alerts_for_publishable

    if j.verdict is not Verdict.PASS and entry.raw is not None:
        # Its publish_at lies before the lift: what counts now is publishing it now.
        with ctx.session() as emb:
            j = emb.check_bytes(entry.raw, entry.path or entry.key, at=now,
                                default_kind=source.default_kind, meeting=source.meeting)
    if j.verdict is not Verdict.PASS:
        ctx.state.set(key, None)  # not free after all (a rule changed): judged afresh
        return 0
    alerts = alerts_for_publishable(j, source_key=source.key, item_key=entry.key,
                                    config=ctx.config, policies=ctx.policies,
                                    link=entry.link, source_label=source.label,
                                    held_until=until)
    dedupe = f"publishable|{source.key}|{entry.key}|{iso(until)}"
    first = ctx.state.announce_lift(dedupe, alerts, now)
    ctx.state.set(key, None)
    if first:
        event(ctx.log, "publishable", feed=source.label, draft=entry.path, lifted_at=iso(until))
    return int(first)


# ---------------------------------------------------------------------------- outbox, digest


def deliver_outbox(ctx: DaemonContext) -> int:
    from embargo.alerts import deliver_pending

    with ctx.running():
        result = deliver_pending(ctx.state, ctx.config, ctx.clock())
    return _log_delivery(ctx, result)


def _log_delivery(ctx: DaemonContext, report: DeliveryReport) -> int:
    if report.delivered or report.failed or report.warnings:
        level = logging.WARNING if report.failed or report.warnings else logging.INFO
        # Messages are what the recipients receive; one may carry several alerts (an item's
        # findings, a digest).
        event(ctx.log, "outbox", level, messages=report.messages, alerts=report.delivered,
              failed=report.failed, error=report.last_error,
              warnings="; ".join(report.warnings)[:300] or None)
    return report.delivered


def send_digest(ctx: DaemonContext) -> None:
    from embargo.alerts import send_digest_if_due

    with ctx.running():
        made = send_digest_if_due(ctx.state, ctx.config, ctx.clock())
    for d in made:
        event(ctx.log, "digest", channel=d.channel, period=d.period, alerts=d.alert_count)


# ---------------------------------------------------------------------------- lift watch


def watch_lifts(ctx: DaemonContext) -> int:
    """Announce upcoming lifts (each configured lead) and lifts that passed, once each.

    Lifts are grouped per meeting and instant (:func:`~embargo.policy.schedule.group_lifts`):
    one message says everything that lifts at that moment.

    * Upcoming: for a lift still ahead, the *nearest* lead whose moment has come is announced
      (after downtime, a 1 h notice replaces a missed 24 h one rather than adding to it).
    * Lifted: a lift that passed since the daemon first ran is announced, also when it passed
      while the daemon was stopped, but not when older than ``[daemon] lift_catchup``
      (default 7 days), and never one from before the first run: no announcements of last
      year's meeting on a first start.
    """
    with ctx.running():
        now = ctx.clock()
        state = ctx.state
        # The first run of any daemon on this state sets it (several may race: one wins).
        since = datetime.fromisoformat(state.set_default(LIFT_SINCE, str(iso(now))))
        floor = max(since, now - ctx.config.daemon.lift_catchup)
        leads = sorted(ctx.config.daemon.lift_leads)
        horizon = now + (leads[-1] if leads else timedelta(0))
        announced = 0
        for group in ctx.lift_groups(now):
            when = group.when
            if when is None or when < floor or when > horizon:
                continue
            if ctx.stop.is_set():
                break
            announced += _announce_lift(ctx, group, when, now, leads)
        state.set(LIFT_LAST, iso(now))
        new_basis = ctx.compute_basis()
        if new_basis != ctx.basis:
            event(ctx.log, "basis-changed", old=ctx.basis, new=new_basis)
            ctx.basis = new_basis
    if announced:
        ctx.wake_outbox()
        event(ctx.log, "lifts", announced=announced)
    return announced


def _announce_lift(ctx: DaemonContext, group: LiftGroup, when: datetime, now: datetime,
                   leads: list[timedelta]) -> int:
    from embargo.alerts import alerts_for_lift, lift_announcement_key

    if when <= now:
        lead: timedelta | None = None
    else:
        due = [d for d in leads if when - d <= now]
        if not due:
            return 0
        lead = due[0]  # the nearest lead whose moment has come
        nearer = [d for d in leads if d < lead] + [None]
        if any(ctx.state.lift_announced(lift_announcement_key(group, d)) for d in nearer):
            return 0
    key = lift_announcement_key(group, lead)
    if ctx.state.lift_announced(key):
        return 0
    alerts = alerts_for_lift(group, config=ctx.config, lead=lead)
    first = ctx.state.announce_lift(key, alerts, now)
    if first:
        event(ctx.log, "lift" if lead is None else "lift-upcoming", meeting=group.meeting,
              at=iso(when), lead=int(lead.total_seconds()) if lead else None,
              abstracts=len(group.abstracts) or None, alerts=len(alerts))
    return int(first)
