"""The daemon's state behind one small interface (SQLite for one daemon, PostgreSQL for many).

This module is the contract the daemon, ``embargo status`` and ``embargo report`` code
against.  Everything here is plain data (frozen dataclasses) plus the :class:`StateStore`
protocol; :mod:`embargo.state.sqlite` and :mod:`embargo.state.postgresql` implement it, and
``tests/state/test_contract.py`` runs one suite over both.

Guarantees every implementation gives
-------------------------------------
* **Atomic writes.**  Each method that writes does so in one transaction: a crash (even
  ``kill -9``) leaves either all of its rows or none.
* **Enqueue once.**  Outbox rows are unique on ``(channel, dedupe_key)``; enqueueing the same
  key again is a no-op (``ON CONFLICT DO NOTHING``), so re-polling a feed and restarting the daemon
  never enqueue an alert twice.
* **Delivered once.**  A row marked delivered is never returned by :meth:`StateStore.pending`
  or :meth:`StateStore.claim` again.  The remaining at-least-once window (a crash between a
  channel accepting a message and :meth:`StateStore.mark_delivered`) is discussed in
  ``docs/alerts.md``.
* **Aware instants.**  Every ``datetime`` passed in must be timezone-aware; every one returned
  is aware and in UTC.
* **Claimed sources.**  :meth:`StateStore.claim_sources` gives a due source to one caller at a
  time (a lease); the lease ends with :meth:`StateStore.release_source` or when it expires
  (its holder died).  Several daemons on a shared state split the feeds this way.
* **Singletons by key.**  :meth:`StateStore.announce_lift`, :meth:`StateStore.create_digest`
  and :meth:`StateStore.set_default` act once per key however many processes race.

Vocabulary
----------
``source_key``   the feed or draft folder an item came from (the daemon chooses; e.g. the feed
                 URL, or ``drafts:/path``).
``item_key``     the item's identity inside its source: see :func:`make_item_key` (guid, else
                 link, else content hash).
``channel``      a delivery channel name from :data:`embargo.alerts.channels.REGISTRY`
                 (``email``, ``webhook``, ``maildir``).
``mode``         ``immediate`` (sent as soon as :func:`embargo.alerts.deliver_pending` runs)
                 or ``digest`` (waits for the channel's daily digest).
``alert kind``   what an outbox row is about: see :data:`ALERT_KINDS`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any, Protocol, runtime_checkable

#: Kinds of outbox rows.  ``finding``: a finding of an item that is not ok.  ``lift`` / ``lift-
#: upcoming``: a lift happened / is near.  ``publishable``: a held draft may be published now.
#: ``digest``: one digest message (its members are ``digest``-mode rows).  ``report``: an
#: ``embargo report --send``.  ``notice``: anything else worth telling.
ALERT_KINDS = ("finding", "lift", "lift-upcoming", "publishable", "digest", "report", "notice")
MODES = ("immediate", "digest")
#: Row status.  ``pending`` waits (``next_attempt_at``); ``batched`` belongs to a digest row
#: not yet delivered; ``delivered`` is final.
STATUSES = ("pending", "batched", "delivered")


#: A daemon whose heartbeat is older than this is forgotten (it died without saying so).
STALE_WORKER = timedelta(hours=1)

#: The tables every implementation keeps, with their columns and the neutral value kind of
#: each (``text``, ``int``, ``float``, ``ts`` = aware datetime, ``json`` = JSON text), in the
#: order ``embargo state copy`` writes them.  The ``workers`` heartbeats are not copied.
COPY_TABLES: dict[str, dict[str, str]] = {
    "meta": {"key": "text", "value": "text"},
    "kv": {"key": "text", "value": "text", "updated_at": "ts"},
    "feeds": {"feed_key": "text", "last_poll_at": "ts", "last_success_at": "ts",
              "last_error": "text", "last_error_at": "ts", "http_status": "int",
              "etag": "text", "last_modified": "text", "last_entries": "int",
              "last_new_entries": "int", "consecutive_failures": "int", "polls": "int",
              "failures": "int", "every_seconds": "float", "next_poll_at": "ts",
              "leased_by": "text", "lease_until": "ts", "leased_at": "ts",
              "polled_by": "text"},
    "items": {"id": "int", "source_key": "text", "item_key": "text", "content_hash": "text",
              "title": "text", "link": "text", "published_at": "ts", "first_seen_at": "ts",
              "last_seen_at": "ts", "changed_at": "ts", "verdict": "text",
              "fingerprint": "text", "judgement": "json", "meetings": "json"},
    "item_history": {"id": "int", "item_id": "int", "at": "ts", "verdict": "text",
                     "findings": "json"},
    "outbox": {"id": "int", "channel": "text", "dedupe_key": "text", "kind": "text",
               "mode": "text", "status": "text", "subject": "text", "payload": "json",
               "verdict": "text", "meeting": "text", "source_key": "text",
               "item_key": "text", "group_key": "text", "created_at": "ts",
               "next_attempt_at": "ts", "attempts": "int", "last_error": "text",
               "last_error_at": "ts", "delivered_at": "ts", "lease_until": "ts",
               "digest_id": "int"},
    "digests": {"id": "int", "channel": "text", "period": "text", "created_at": "ts",
                "alert_count": "int", "outbox_id": "int"},
    "lifts_announced": {"key": "text", "announced_at": "ts", "alerts": "int"},
}
#: The order rows are read in (a stable key), so two states compare row by row.
COPY_ORDER = {"meta": "key", "kv": "key", "feeds": "feed_key", "items": "id",
              "item_history": "id", "outbox": "id", "digests": "id", "lifts_announced": "key"}


def _frozen(m: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(m or {}))


def _require_aware(value: datetime | None, what: str) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{what} must be timezone-aware, got naive {value!r}")


def content_hash(*parts: str | None) -> str:
    """A stable SHA-256 hex digest of the given text parts (``None`` counts as empty)."""
    h = hashlib.sha256()
    for p in parts:
        h.update((p or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def make_item_key(guid: str | None, link: str | None, content_sha: str | None) -> str:
    """An item's identity inside its source: ``guid:...``, else ``link:...``, else ``hash:...``.

    Feeds without guids are common; a link is the next most stable identity, and the content
    hash is the last resort (an edited entry without guid or link then counts as a new item).
    """
    if guid and guid.strip():
        return "guid:" + guid.strip()
    if link and link.strip():
        return "link:" + link.strip()
    if content_sha:
        return "hash:" + content_sha
    raise ValueError("an item needs a guid, a link or a content hash")


def fingerprint(judgement: Mapping[str, Any]) -> str:
    """What counts as a change of judgement: the verdict and the findings (canonical JSON)."""
    core = {"verdict": judgement.get("verdict"), "findings": judgement.get("findings", [])}
    return hashlib.sha256(json.dumps(core, sort_keys=True, ensure_ascii=False,
                                     default=str).encode()).hexdigest()


def meetings_of(judgement: Mapping[str, Any]) -> list[str]:
    """The meetings a judgement is about (its own list, then its findings' abstracts and
    rules), in order, once each."""
    out: dict[str, None] = {}
    for m in judgement.get("meetings", []) or []:
        out[str(m)] = None
    for f in judgement.get("findings", []) or []:
        if isinstance(f, Mapping):
            rule = f.get("rule")
            abstract = f.get("abstract")
            if isinstance(abstract, str) and ":" in abstract:
                out[abstract.split(":", 1)[0]] = None
            elif isinstance(rule, str) and "/" in rule:
                out[rule.split("/", 1)[0]] = None
    return list(out)


@dataclass(frozen=True)
class FeedStatus:
    """What the state knows about one feed (or draft folder) the daemon polls."""

    feed_key: str
    last_poll_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None  # the error of the most recent failed poll (kept after success)
    last_error_at: datetime | None = None
    http_status: int | None = None  # of the most recent poll
    etag: str | None = None
    last_modified: str | None = None
    last_entries: int = 0  # entries in the most recent successful poll
    last_new_entries: int = 0  # of which new
    entries_seen: int = 0  # distinct items recorded for this source, ever
    consecutive_failures: int = 0
    polls: int = 0
    failures: int = 0
    # Claiming (a shared state: several daemons split the sources; see claim_sources)
    every: timedelta | None = None  # the interval synced from the config
    next_poll_at: datetime | None = None  # due from then on
    leased_by: str | None = None  # the daemon holding it now (None when free)
    lease_until: datetime | None = None  # when that lease runs out
    polled_by: str | None = None  # the daemon that finished the most recent poll

    @property
    def ok(self) -> bool:
        """True when the most recent poll succeeded (or none happened yet)."""
        return self.consecutive_failures == 0


@dataclass(frozen=True)
class SourceSpec:
    """A configured feed or draft folder, as :meth:`StateStore.sync_sources` stores it."""

    key: str
    every: timedelta

    def __post_init__(self) -> None:
        if self.every <= timedelta(0):
            raise ValueError("a source's interval must be longer than zero")


@dataclass(frozen=True)
class WorkerStatus:
    """A daemon working on the state (see :meth:`StateStore.worker_seen`)."""

    worker: str  # "host:pid:tag", unique per daemon run
    started_at: datetime
    seen_at: datetime  # the most recent heartbeat
    info: Mapping[str, Any] = field(default_factory=lambda: _frozen(None))


@dataclass(frozen=True)
class NewAlert:
    """An alert to put in the outbox (one row per channel).

    ``dedupe_key`` is unique per channel: enqueueing the same ``(channel, dedupe_key)`` twice
    keeps the first row only.  ``group_key`` lets delivery merge rows that are due together
    into one message (e.g. every finding of one item): rows are *stored* per finding and
    *delivered* per group.  ``payload`` is JSON-serialisable and holds everything a template
    needs (see ``docs/alerts.md``); it is stored as it is, so a message rendered after a
    restart says the same as one rendered at once.
    """

    channel: str
    dedupe_key: str
    kind: str = "finding"  # one of ALERT_KINDS
    mode: str = "immediate"  # immediate | digest
    subject: str = ""
    payload: Mapping[str, Any] = field(default_factory=lambda: _frozen(None))
    verdict: str | None = None  # pass | review | violation, for findings
    meeting: str | None = None
    source_key: str | None = None
    item_key: str | None = None
    group_key: str | None = None
    not_before: datetime | None = None  # do not deliver before this instant (None: at once)

    def __post_init__(self) -> None:
        if self.kind not in ALERT_KINDS:
            raise ValueError(f"unknown alert kind {self.kind!r}; use one of {ALERT_KINDS}")
        if self.mode not in MODES:
            raise ValueError(f"unknown alert mode {self.mode!r}; use one of {MODES}")
        if not self.channel or not self.dedupe_key:
            raise ValueError("an alert needs a channel and a dedupe key")
        _require_aware(self.not_before, "not_before")


@dataclass(frozen=True)
class AlertRecord:
    """One outbox row as stored."""

    id: int
    channel: str
    dedupe_key: str
    kind: str
    mode: str
    status: str  # pending | batched | delivered
    subject: str
    payload: Mapping[str, Any]
    verdict: str | None
    meeting: str | None
    source_key: str | None
    item_key: str | None
    group_key: str | None
    created_at: datetime
    next_attempt_at: datetime
    attempts: int = 0  # delivery attempts so far (counted when a row is claimed)
    last_error: str | None = None
    last_error_at: datetime | None = None
    delivered_at: datetime | None = None
    lease_until: datetime | None = None
    digest_id: int | None = None  # the digest row this row was batched into

    @property
    def delivered(self) -> bool:
        return self.status == "delivered"


@dataclass(frozen=True)
class ItemResult:
    """What :meth:`StateStore.record_item` did."""

    item_id: int
    new: bool  # first time this (source_key, item_key) was seen
    changed: bool  # verdict or findings differ from the previous judgement (False when new)
    enqueued: int  # outbox rows actually inserted (duplicates are not counted)
    content_changed: bool = False  # the content hash differs from the previous one


@dataclass(frozen=True)
class ItemToRecord:
    """The arguments of one :meth:`StateStore.record_item`, for :meth:`StateStore.record_items`."""

    source_key: str
    item_key: str
    content_hash: str
    title: str | None
    link: str | None
    published_at: datetime | None
    judgement: Mapping[str, Any]
    alerts: Sequence[NewAlert] = ()


@dataclass(frozen=True)
class ItemRecord:
    """One item seen, with its latest judgement."""

    id: int
    source_key: str
    item_key: str
    title: str | None
    link: str | None
    content_hash: str
    published_at: datetime | None
    first_seen_at: datetime
    last_seen_at: datetime
    changed_at: datetime  # when the judgement last changed (first seen, at first)
    verdict: str
    judgement: Mapping[str, Any]  # the JSON of the judgement (``--format json`` item shape)
    meetings: tuple[str, ...] = ()


@dataclass(frozen=True)
class JudgementChange:
    """One row of an item's verdict history (written only when verdict or findings changed)."""

    item_id: int
    at: datetime
    verdict: str
    findings: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class OutboxSummary:
    pending: int = 0  # waiting to be sent now or after a retry delay (immediate mode)
    waiting_digest: int = 0  # waiting for a digest
    failing: int = 0  # pending rows that failed at least once
    delivered: int = 0  # rows (alerts) delivered
    oldest_pending_at: datetime | None = None
    delivered_messages: int = 0  # messages those rows went out in (a digest or an item's
    # findings are one message): what the recipients' mailboxes hold
    by_channel: Mapping[str, Mapping[str, int]] = field(default_factory=lambda: _frozen(None))


@dataclass(frozen=True)
class DigestRecord:
    id: int
    channel: str
    period: str  # e.g. "2024-11-14" (the local date of the digest time)
    created_at: datetime
    alert_count: int
    outbox_id: int | None  # the digest message's outbox row (None: nothing to send)


#: Builds the digest row from the rows it batches (see :meth:`StateStore.create_digest`).
DigestAlertFactory = Callable[[Sequence[AlertRecord]], NewAlert]


@runtime_checkable
class StateStore(Protocol):
    """The storage interface of the daemon's state.  See the module docstring for guarantees."""

    # ---------------------------------------------------------------- feeds

    def record_poll(self, feed_key: str, *, at: datetime, ok: bool, error: str | None = None,
                    http_status: int | None = None, etag: str | None = None,
                    last_modified: str | None = None, entries: int = 0,
                    new_entries: int = 0) -> FeedStatus:
        """Record one poll of a feed (or draft folder) and return its new status.

        ``ok=True``: ``at`` becomes the last success, failures reset to 0, and ``etag`` /
        ``last_modified`` replace the cached ones when given (a 304 keeps the old ones if you
        pass ``None``).  ``ok=False``: ``error`` (one line; include the URL if useful) and
        ``at`` are kept as the last error; the cache validators are left alone.
        """
        ...

    def feed_cache(self, feed_key: str) -> tuple[str | None, str | None]:
        """``(etag, last_modified)`` for a conditional GET; ``(None, None)`` when unknown."""
        ...

    def feeds(self) -> list[FeedStatus]:
        """Every feed the state knows, sorted by key."""
        ...

    # ---------------------------------------------------------------- claiming sources

    @property
    def shared(self) -> bool:
        """True when several daemons may work on this state at once: they then claim sources
        (:meth:`claim_sources`) instead of each polling all of them.  SQLite: ``False``."""
        ...

    def sync_sources(self, sources: Sequence[SourceSpec], at: datetime) -> None:
        """Make the configured sources rows (the config is the source of truth): new ones are
        due at ``at``; a changed interval moves ``next_poll_at`` to at most the last poll plus
        the new interval.  Sources missing here are left alone (another daemon's config may
        name them)."""
        ...

    def claim_sources(self, worker: str, keys: Sequence[str], now: datetime, *,
                      limit: int, lease_seconds: float) -> list[str]:
        """Lease up to ``limit`` of ``keys`` that are due (``next_poll_at <= now``) and not
        leased (or whose lease ran out), soonest due first, to ``worker`` until ``now +
        lease_seconds``.  No two callers get the same source while its lease runs."""
        ...

    def release_source(self, key: str, worker: str, *, next_poll_at: datetime,
                       at: datetime, polled: bool = True) -> bool:
        """End ``worker``'s lease on ``key``; it is due again at ``next_poll_at``, and
        ``worker`` is its last poller (unless ``polled`` is false: an abandoned poll).
        Returns ``False`` (and changes nothing) when ``worker`` no longer held the lease (it
        ran out and another daemon took the source)."""
        ...

    def worker_seen(self, worker: str, at: datetime, info: Mapping[str, Any] | None = None,
                    *, leases_until: datetime | None = None) -> None:
        """A daemon's heartbeat (the first one registers it).  With ``leases_until``, the
        source leases ``worker`` holds are extended to at least that instant: a live daemon
        keeps what it polls, a dead one's leases run out."""
        ...

    def worker_gone(self, worker: str, at: datetime) -> None:
        """A daemon stops: its heartbeat row goes and its source leases end at once (the
        sources are due for the other daemons)."""
        ...

    def workers(self) -> list[WorkerStatus]:
        """The daemons that registered and did not stop cleanly, by first start."""
        ...

    # ---------------------------------------------------------------- items

    def record_item(self, source_key: str, item_key: str, *, content_hash: str,
                    title: str | None, link: str | None, published_at: datetime | None,
                    judgement: Mapping[str, Any], alerts: Sequence[NewAlert],
                    at: datetime) -> ItemResult:
        """Record that an item was seen and judged, and enqueue its alerts, in ONE transaction.

        ``judgement`` is the JSON object of the judgement (the item shape of ``--format json``;
        build it with :func:`embargo.reports.formats.json.judgement_json`); it must hold
        ``verdict`` and ``findings``.  A history row is written when the item is new or its
        verdict/findings changed.  ``alerts`` (from
        :func:`embargo.alerts.alerts_for_judgement`) are inserted with the outbox dedupe, so
        passing the same alerts on every poll is correct and cheap.
        """
        ...

    def record_items(self, items: Sequence[ItemToRecord], at: datetime) -> list[ItemResult]:
        """:meth:`record_item` for each item, in order; with SQLite in ONE transaction (all
        or none recorded: a poll's entries in one commit).  PostgreSQL, shared by daemons,
        keeps one short transaction per item."""
        ...

    def item(self, source_key: str, item_key: str) -> ItemRecord | None:
        ...

    def content_hashes(self, source_key: str) -> dict[str, str]:
        """``{item_key: content_hash}`` of every item of a source (one cheap query per poll:
        the daemon judges again only what is new or changed)."""
        ...

    def items(self, *, since: datetime | None = None, verdicts: Sequence[str] | None = None,
              limit: int | None = None) -> list[ItemRecord]:
        """Items whose judgement changed at or after ``since`` (all when ``None``), newest
        change first, optionally only those whose current verdict is in ``verdicts``."""
        ...

    def history(self, item_id: int) -> list[JudgementChange]:
        """An item's verdict history, oldest first."""
        ...

    # ---------------------------------------------------------------- outbox

    def enqueue(self, alerts: Sequence[NewAlert], at: datetime) -> int:
        """Insert outbox rows (dedupe on ``(channel, dedupe_key)``); return how many were new.

        For alerts not tied to an item: lift announcements, "may be published now" notices,
        reports.
        """
        ...

    def pending(self, now: datetime, limit: int = 100) -> list[AlertRecord]:
        """Immediate-mode rows due at ``now`` (``next_attempt_at <= now``, not leased), oldest
        first.  Read-only: use :meth:`claim` before sending."""
        ...

    def claim(self, now: datetime, *, limit: int = 100, lease_seconds: float = 120.0
              ) -> list[AlertRecord]:
        """Lease due rows for delivery: like :meth:`pending`, but each returned row is leased
        until ``now + lease_seconds`` (no other caller gets it meanwhile) and its ``attempts``
        is increased.  Rows of the same ``(channel, group_key)`` that are due are claimed
        together.  A lease that expires (the deliverer died) makes the row due again."""
        ...

    def mark_delivered(self, alert_id: int, at: datetime) -> None:
        """Final: the row (and, for a digest row, its batched members) are delivered."""
        ...

    def mark_delivered_many(self, alert_ids: Sequence[int], at: datetime) -> None:
        """:meth:`mark_delivered` for several rows (one message) in one transaction."""
        ...

    def mark_failed(self, alert_id: int, error: str, retry_at: datetime, *,
                    at: datetime | None = None) -> None:
        """Keep the row pending, record ``error`` (failed at ``at``, default now) and try
        again at ``retry_at``."""
        ...

    def alerts(self, *, status: str | None = None, since: datetime | None = None,
               channel: str | None = None, limit: int | None = None) -> list[AlertRecord]:
        """Outbox rows (newest first), filtered by status, creation time and channel."""
        ...

    def batch_members(self, digest_id: int) -> list[AlertRecord]:
        """The rows batched into a digest row, oldest first."""
        ...

    def outbox_summary(self) -> OutboxSummary:
        ...

    # ---------------------------------------------------------------- digests

    def create_digest(self, channel: str, period: str, *, at: datetime,
                      make_alert: DigestAlertFactory, cutoff: datetime | None = None
                      ) -> DigestRecord | None:
        """Once per ``(channel, period)``: batch every pending digest-mode row of ``channel``
        created at or before ``cutoff`` (default ``at``) into a new digest row, in one
        transaction.  ``make_alert(members)`` builds that row
        (``kind="digest"``); it is not called when there are no members (the period is then
        recorded as empty).  Returns ``None`` when the period was already handled."""
        ...

    def digests(self, channel: str | None = None) -> list[DigestRecord]:
        ...

    # ---------------------------------------------------------------- lifts

    def announce_lift(self, key: str, alerts: Sequence[NewAlert], at: datetime) -> bool:
        """Record the lift announcement ``key`` and enqueue ``alerts`` in one transaction.

        Returns ``True`` the first time for ``key``; afterwards nothing is enqueued and it
        returns ``False`` (so catching up after downtime announces each lift once).  Works
        with an empty ``alerts`` too (no channel configured)."""
        ...

    def lift_announced(self, key: str) -> bool:
        ...

    # ---------------------------------------------------------------- bookkeeping

    def get(self, key: str, default: str | None = None) -> str | None:
        """A daemon bookkeeping value (e.g. the last lift-watch run)."""
        ...

    def set(self, key: str, value: str | None) -> None:
        """Store (``None``: delete) a bookkeeping value."""
        ...

    def set_default(self, key: str, value: str) -> str:
        """Store ``value`` under ``key`` unless a value is there; return the stored one (the
        first writer wins when several processes race)."""
        ...

    def describe(self) -> str:
        """Where the state lives, for logs and ``embargo status`` (never a password)."""
        ...

    def close(self) -> None:
        ...
