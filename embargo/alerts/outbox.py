"""Delivering the outbox: claim, render, send, mark — and retry with backoff.

The sequence for each group of due rows (same channel and ``group_key``):

1. :meth:`~embargo.state.base.StateStore.claim` leases the rows (committed: no other
   deliverer takes them while the lease runs) and counts the attempt;
2. the rows are rendered into one :class:`~embargo.alerts.channels.base.Message` whose key
   (``Message-ID``, ``Idempotency-Key``, Maildir file name) derives from the row ids;
3. the channel sends it;
4. success → :meth:`mark_delivered` (one transaction for the whole group); failure →
   :meth:`mark_failed` with the next attempt after a backoff (about 30 s, then doubling, capped
   at an hour, jittered).

A crash between 3 and 4 is the one window where a message can go out twice: the lease expires
and the rows are sent again with the same message key.  See ``docs/alerts.md``.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from embargo.alerts.channels import Channel, configured_channels
from embargo.alerts.channels.email import PartialDelivery
from embargo.config import Config
from embargo.errors import DeliveryError
from embargo.reports.render import Renderer
from embargo.state.base import AlertRecord, DigestRecord, NewAlert, StateStore
from embargo.timeparse import get_zone, localize

log = logging.getLogger("embargo.alerts")

RETRY_FIRST = timedelta(seconds=30)
RETRY_MAX = timedelta(hours=1)


def retry_delay(attempts: int, *, first: timedelta = RETRY_FIRST, cap: timedelta = RETRY_MAX,
                rng: Callable[[], float] = random.random) -> timedelta:
    """Backoff after ``attempts`` failed attempts (1 = the first failure): ``first`` doubled
    each time, capped at ``cap``, then scaled by a jitter in [0.75, 1.0) — so the first retry
    comes within ``first`` (30 s) and never later than a minute."""
    n = max(1, attempts)
    base = min(cap.total_seconds(), first.total_seconds() * (2 ** min(n - 1, 30)))
    return timedelta(seconds=base * (0.75 + 0.25 * rng()))


@dataclass
class DeliveryReport:
    """What one :func:`deliver_pending` run did.  Counts are ints (log-friendly); the ids and
    errors behind them are in ``delivered_ids`` and ``failures``."""

    messages: int = 0  # messages sent successfully (one message may carry several alerts)
    delivered: int = 0  # outbox rows now delivered
    failed: int = 0  # outbox rows whose delivery failed this time (they stay pending)
    delivered_ids: list[int] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)  # (outbox id, error)
    by_channel: dict[str, int] = field(default_factory=dict)  # messages sent per channel
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def last_error(self) -> str | None:
        return self.failures[-1][1] if self.failures else None

    def merge(self, other: DeliveryReport) -> None:
        self.messages += other.messages
        self.delivered += other.delivered
        self.failed += other.failed
        self.delivered_ids += other.delivered_ids
        self.failures += other.failures
        self.warnings += other.warnings
        for k, v in other.by_channel.items():
            self.by_channel[k] = self.by_channel.get(k, 0) + v


def _groups(records: list[AlertRecord]) -> list[list[AlertRecord]]:
    out: dict[tuple[str, str], list[AlertRecord]] = {}
    for r in records:
        out.setdefault((r.channel, r.group_key or f"#{r.id}"), []).append(r)
    return list(out.values())


#: The state's own random identity (bookkeeping key), part of every message key: two
#: installations never issue the same Message-ID, and one state always issues the same one for
#: the same rows (a resend after a crash is recognisable).
IDENTITY_KEY = "state.identity"


def state_identity(state: StateStore) -> str:
    """The state's identity (16 hex digits), made on first use."""
    import secrets

    got = state.get(IDENTITY_KEY)
    if got:
        return got
    state.set(IDENTITY_KEY, secrets.token_hex(8))  # (both stores make it with their schema)
    return state.get(IDENTITY_KEY) or ""


def deliver_pending(state: StateStore, config: Config, now: datetime, *,
                    channels: Mapping[str, Channel[Any]] | None = None,
                    renderer: Renderer | None = None, limit: int = 200,
                    rng: Callable[[], float] = random.random) -> DeliveryReport:
    """Send every due immediate-mode row through its channel (see the module docstring).

    Never raises for a delivery failure: failures are recorded on the rows (``last_error``,
    ``next_attempt_at``) and listed in the report.  Rows of a channel that is no longer
    configured stay pending with that error.  ``now`` is used for claiming and marking.
    """
    channels = dict(channels) if channels is not None else configured_channels(config)
    renderer = renderer or Renderer(config)
    lease = max([c.timeout for c in channels.values()] or [30.0]) * 2 + 30
    report = DeliveryReport()
    identity = state_identity(state)
    claimed = state.claim(now, limit=limit, lease_seconds=lease)
    for group in _groups(claimed):
        name = group[0].channel
        channel = channels.get(name)
        if channel is None:
            err = f"channel {name!r} is not configured any more; add its section back"
            _fail(state, group, err, now, rng, report)
            continue
        try:
            members: list[AlertRecord] = []
            if group[0].kind == "digest":
                members = state.batch_members(group[0].id)
            message = renderer.message(group, members=members, now=now, identity=identity)
        except Exception as e:  # a template bug must not lose the alert: it stays pending
            _fail(state, group, f"rendering failed: {type(e).__name__}: {e}", now, rng, report)
            log.exception("rendering alert(s) %s failed", [r.id for r in group])
            continue
        try:
            channel.send(message)
        except PartialDelivery as e:
            report.warnings.append(str(e))
            log.warning("%s: %s", name, e)
        except DeliveryError as e:
            _fail(state, group, str(e), now, rng, report)
            continue
        ids = [r.id for r in group]
        state.mark_delivered_many(ids, now)
        report.messages += 1
        report.delivered += len(ids)
        report.delivered_ids += ids
        report.by_channel[name] = report.by_channel.get(name, 0) + 1
        log.info("delivered %s via %s: %s", message.key, name, message.subject)
    return report


def _fail(state: StateStore, group: list[AlertRecord], error: str, now: datetime,
          rng: Callable[[], float], report: DeliveryReport) -> None:
    # One retry time for the whole group: rows retried apart would go out as several
    # messages for one item.
    retry = now + retry_delay(max(r.attempts for r in group), rng=rng)
    for r in group:
        state.mark_failed(r.id, error, retry, at=now)
        report.failed += 1
        report.failures.append((r.id, error))
    log.warning("delivery via %s failed (%d alert(s)), will retry: %s", group[0].channel,
                len(group), error)


def digest_period(now: datetime, digest_time: Any, zone: str) -> tuple[date, datetime]:
    """The most recent digest instant at or before ``now``: (its local date, the instant)."""
    tz = get_zone(zone)
    local = now.astimezone(tz)
    day = local.date()
    at = localize(datetime.combine(day, digest_time), tz).instant
    if at > now:
        day = day - timedelta(days=1)
        at = localize(datetime.combine(day, digest_time), tz).instant
    return day, at


def _digest_factory(channel: str, period: str, cutoff: datetime
                    ) -> Callable[[Sequence[AlertRecord]], NewAlert]:
    def make(members: Sequence[AlertRecord]) -> NewAlert:
        counts: dict[str, int] = {}
        for m in members:
            k = m.verdict if m.kind == "finding" and m.verdict else m.kind
            counts[k] = counts.get(k, 0) + 1
        parts = [f"{n} {k}" for k, n in sorted(counts.items())]
        return NewAlert(channel=channel, dedupe_key=f"digest|{channel}|{period}",
                        kind="digest", mode="immediate",
                        subject=f"Daily digest {period}: {', '.join(parts)}",
                        payload={"type": "digest", "period": period,
                                 "cutoff": cutoff.isoformat(), "counts": counts},
                        group_key=f"digest|{channel}|{period}")
    return make


def send_digest_if_due(state: StateStore, config: Config, now: datetime, *,
                       channels: Mapping[str, Channel[Any]] | None = None,
                       renderer: Renderer | None = None,
                       rng: Callable[[], float] = random.random) -> list[DigestRecord]:
    """Make each channel's daily digest once its time has come, then deliver what is due.

    For each channel with a ``digest`` time, the period is the local date of the most recent
    digest instant at or before ``now`` (in the configured ``timezone``); the digest batches
    the digest-mode rows created up to that instant, once per period (a daemon that was down
    at digest time sends it when it comes back; after several days down, one digest covers
    them all).  Rows created after the instant wait for the next digest.  An empty period
    sends nothing.  Safe to call as often as you like.  Returns the digests made that carry
    alerts (empty when nothing was due); new digests are delivered at once (a failed delivery
    is retried by :func:`deliver_pending` like any alert).
    """
    channels = dict(channels) if channels is not None else configured_channels(config)
    made: list[DigestRecord] = []
    for name, ch in channels.items():
        t = ch.route.digest
        if t is None:
            continue
        day, at = digest_period(now, t, config.timezone)
        period = day.isoformat()
        rec = state.create_digest(name, period, at=now, cutoff=at,
                                  make_alert=_digest_factory(name, period, at))
        if rec is not None:
            made.append(rec)
            if rec.alert_count:
                log.info("digest %s for %s: %d alert(s)", period, name, rec.alert_count)
    made = [d for d in made if d.alert_count]
    if made:
        deliver_pending(state, config, now, channels=channels, renderer=renderer, rng=rng)
    return made
