"""The state in one SQLite file (WAL, ``busy_timeout``, one transaction per write).

``synchronous = NORMAL`` (a commit survives ``kill -9``; power loss may roll back the last
ones) except for marking alerts delivered, which is synced to disk.  See ``docs/state.md``.

Instants are stored as fixed-width UTC ISO strings (``2024-11-14T15:00:00.000000+00:00``), so
text comparison is time comparison.  One connection per :class:`SqliteState`, guarded by a
lock: the daemon's worker threads may share one instance.  Other processes (``embargo status``
while the daemon runs) open their own; WAL lets them read while the daemon writes.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from embargo.errors import InputError
from embargo.state.base import (
    COPY_ORDER,
    COPY_TABLES,
    STALE_WORKER,
    AlertRecord,
    DigestAlertFactory,
    DigestRecord,
    FeedStatus,
    ItemRecord,
    ItemResult,
    ItemToRecord,
    JudgementChange,
    NewAlert,
    OutboxSummary,
    SourceSpec,
    WorkerStatus,
    fingerprint,
    meetings_of,
)

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 10_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feeds (
    feed_key TEXT PRIMARY KEY,
    last_poll_at TEXT,
    last_success_at TEXT,
    last_error TEXT,
    last_error_at TEXT,
    http_status INTEGER,
    etag TEXT,
    last_modified TEXT,
    last_entries INTEGER NOT NULL DEFAULT 0,
    last_new_entries INTEGER NOT NULL DEFAULT 0,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    polls INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    source_key TEXT NOT NULL,
    item_key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    title TEXT,
    link TEXT,
    published_at TEXT,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    verdict TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    judgement TEXT NOT NULL,
    meetings TEXT NOT NULL DEFAULT '[]',
    UNIQUE (source_key, item_key)
);
CREATE INDEX IF NOT EXISTS items_changed ON items (changed_at);
CREATE TABLE IF NOT EXISTS item_history (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id),
    at TEXT NOT NULL,
    verdict TEXT NOT NULL,
    findings TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS item_history_item ON item_history (item_id, id);
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    mode TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    subject TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL DEFAULT '{}',
    verdict TEXT,
    meeting TEXT,
    source_key TEXT,
    item_key TEXT,
    group_key TEXT,
    created_at TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_error_at TEXT,
    delivered_at TEXT,
    lease_until TEXT,
    digest_id INTEGER,
    UNIQUE (channel, dedupe_key)
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, mode, next_attempt_at);
CREATE INDEX IF NOT EXISTS outbox_digest ON outbox (digest_id);
CREATE TABLE IF NOT EXISTS digests (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    period TEXT NOT NULL,
    created_at TEXT NOT NULL,
    alert_count INTEGER NOT NULL,
    outbox_id INTEGER,
    UNIQUE (channel, period)
);
CREATE TABLE IF NOT EXISTS lifts_announced (
    key TEXT PRIMARY KEY,
    announced_at TEXT NOT NULL,
    alerts INTEGER NOT NULL DEFAULT 0
);
"""


#: Upgrades, by the version they lead to (each runs in the schema transaction).
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: (  # claiming sources: several daemons may share a state
        "ALTER TABLE feeds ADD COLUMN every_seconds REAL",
        "ALTER TABLE feeds ADD COLUMN next_poll_at TEXT",
        "ALTER TABLE feeds ADD COLUMN leased_by TEXT",
        "ALTER TABLE feeds ADD COLUMN lease_until TEXT",
        "ALTER TABLE feeds ADD COLUMN leased_at TEXT",
        "ALTER TABLE feeds ADD COLUMN polled_by TEXT",
        "CREATE INDEX IF NOT EXISTS feeds_due ON feeds (next_poll_at)",
        """CREATE TABLE IF NOT EXISTS workers (worker TEXT PRIMARY KEY,
           started_at TEXT NOT NULL, seen_at TEXT NOT NULL, info TEXT NOT NULL DEFAULT '{}')""",
    ),
}


def _ts(dt: datetime) -> str:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"naive datetime given to the state: {dt!r}")
    return dt.astimezone(UTC).isoformat(timespec="microseconds")


def _ots(dt: datetime | None) -> str | None:
    return None if dt is None else _ts(dt)


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).astimezone(UTC)


def _dt_req(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _one_line(text: str, limit: int = 2000) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class SqliteState:
    """:class:`~embargo.state.base.StateStore` on one SQLite file."""

    #: Several daemons on one SQLite file are safe but not what it is for: one daemon owns
    #: every source (see ``docs/scaling.md``).
    shared = False

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.schema_found: int | None = None  # the version found on opening (None: new)
        self._lock = threading.RLock()
        try:
            if readonly:
                if not self.path.exists():
                    raise InputError("no state database here yet (the daemon creates it on its "
                                     "first run)", path=str(self.path))
                uri = f"file:{self.path.resolve()}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, isolation_level=None,
                                           check_same_thread=False)
            else:
                if self.path.parent and not self.path.parent.exists():
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(str(self.path), isolation_level=None,
                                           check_same_thread=False)
        except sqlite3.Error as e:
            raise InputError(f"cannot open the state database: {e}", path=str(self.path)
                             ) from None
        self._db.row_factory = sqlite3.Row
        try:
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not readonly:
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
                self._db.execute("PRAGMA foreign_keys = ON")
                self._ensure_schema()
            else:
                self._check_schema()
        except sqlite3.DatabaseError as e:
            self._db.close()
            raise InputError(f"not a usable state database: {e}", path=str(self.path)
                             ) from None

    # ------------------------------------------------------------------ plumbing

    def _ensure_schema(self) -> None:
        with self._tx() as db:
            for stmt in _SCHEMA.split(";"):
                if stmt.strip():
                    db.execute(stmt)
            row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None:  # a new file: the base schema is version 1
                db.execute("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")
                found = 1
            else:
                found = int(row[0])
            self.schema_found = None if row is None else found
            if found > SCHEMA_VERSION:
                raise InputError(f"the state database was written by a newer embargo (schema "
                                 f"{row[0]}, this one reads {SCHEMA_VERSION})",
                                 path=str(self.path))
            for version in range(found + 1, SCHEMA_VERSION + 1):
                for stmt in _MIGRATIONS[version]:
                    db.execute(stmt)
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                       (str(max(found, SCHEMA_VERSION)),))
            # The state's random identity (in Message-IDs), made once, in the same
            # transaction, so two processes opening a new state agree on it.
            db.execute("INSERT INTO kv (key, value, updated_at) VALUES ('state.identity', ?, ?) "
                       "ON CONFLICT (key) DO NOTHING",
                       (secrets.token_hex(8), _ts(datetime.now(UTC))))

    def _check_schema(self) -> None:
        try:
            row = self._db.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.OperationalError:
            raise InputError("not an embargo state database", path=str(self.path)) from None
        if row is None or int(row[0]) > SCHEMA_VERSION:
            raise InputError("not a state database this embargo can read", path=str(self.path))
        self.schema_found = int(row[0])

    @contextmanager
    def _tx(self, *, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``: the write lock is taken at once).

        In WAL mode with ``synchronous = NORMAL`` a commit survives a crash of the process
        (``kill -9``) but may roll back on power loss; ``durable=True`` syncs this commit to
        disk (``synchronous = FULL``): used where a lost commit would mean a repeated message
        (marking rows delivered).
        """
        with self._lock:
            if durable:
                self._db.execute("PRAGMA synchronous = FULL")
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    # SQLite may have rolled back already (a full disk: SQLITE_FULL); a second
                    # rollback would hide the real error behind "no transaction is active".
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise
                else:
                    self._db.execute("COMMIT")
            finally:
                if durable:
                    self._db.execute("PRAGMA synchronous = NORMAL")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A consistent read (one snapshot)."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                yield self._db
            finally:
                self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> SqliteState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ feeds

    def record_poll(self, feed_key: str, *, at: datetime, ok: bool, error: str | None = None,
                    http_status: int | None = None, etag: str | None = None,
                    last_modified: str | None = None, entries: int = 0,
                    new_entries: int = 0) -> FeedStatus:
        when = _ts(at)
        with self._tx() as db:
            db.execute("INSERT OR IGNORE INTO feeds (feed_key) VALUES (?)", (feed_key,))
            if ok:
                db.execute(
                    """UPDATE feeds SET last_poll_at = ?, last_success_at = ?, http_status = ?,
                       etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),
                       last_entries = ?, last_new_entries = ?, consecutive_failures = 0,
                       polls = polls + 1 WHERE feed_key = ?""",
                    (when, when, http_status, etag, last_modified, entries, new_entries,
                     feed_key))
            else:
                db.execute(
                    """UPDATE feeds SET last_poll_at = ?, last_error = ?, last_error_at = ?,
                       http_status = ?, consecutive_failures = consecutive_failures + 1,
                       polls = polls + 1, failures = failures + 1 WHERE feed_key = ?""",
                    (when, _one_line(error or "unknown error"), when, http_status, feed_key))
            status = self._feed(db, feed_key)
        assert status is not None
        return status

    def _feed(self, db: sqlite3.Connection, feed_key: str) -> FeedStatus | None:
        row = db.execute(
            """SELECT f.*, (SELECT COUNT(*) FROM items i WHERE i.source_key = f.feed_key)
               AS seen FROM feeds f WHERE f.feed_key = ?""", (feed_key,)).fetchone()
        return None if row is None else self._feed_row(row)

    @staticmethod
    def _feed_row(row: sqlite3.Row) -> FeedStatus:
        cols = row.keys()

        def opt(name: str) -> Any:
            return row[name] if name in cols else None

        every = opt("every_seconds")
        return FeedStatus(
            every=None if every is None else timedelta(seconds=float(every)),
            next_poll_at=_dt(opt("next_poll_at")), leased_by=opt("leased_by"),
            lease_until=_dt(opt("lease_until")), polled_by=opt("polled_by"),
            feed_key=row["feed_key"], last_poll_at=_dt(row["last_poll_at"]),
            last_success_at=_dt(row["last_success_at"]), last_error=row["last_error"],
            last_error_at=_dt(row["last_error_at"]), http_status=row["http_status"],
            etag=row["etag"], last_modified=row["last_modified"],
            last_entries=row["last_entries"], last_new_entries=row["last_new_entries"],
            entries_seen=row["seen"], consecutive_failures=row["consecutive_failures"],
            polls=row["polls"], failures=row["failures"])

    def feed_cache(self, feed_key: str) -> tuple[str | None, str | None]:
        with self._lock:
            row = self._db.execute("SELECT etag, last_modified FROM feeds WHERE feed_key = ?",
                                   (feed_key,)).fetchone()
        return (None, None) if row is None else (row["etag"], row["last_modified"])

    def feed(self, feed_key: str) -> FeedStatus | None:
        with self._read() as db:
            return self._feed(db, feed_key)

    def feeds(self) -> list[FeedStatus]:
        with self._read() as db:
            rows = db.execute(
                """SELECT f.*, (SELECT COUNT(*) FROM items i WHERE i.source_key = f.feed_key)
                   AS seen FROM feeds f ORDER BY f.feed_key""").fetchall()
        return [self._feed_row(r) for r in rows]

    # ------------------------------------------------------------------ claiming sources

    def sync_sources(self, sources: Sequence[SourceSpec], at: datetime) -> None:
        when = _ts(at)
        with self._tx() as db:
            for spec in sources:
                every = spec.every.total_seconds()
                row = db.execute("SELECT every_seconds, next_poll_at, last_poll_at FROM feeds "
                                 "WHERE feed_key = ?", (spec.key,)).fetchone()
                if row is None:
                    db.execute("INSERT INTO feeds (feed_key, every_seconds, next_poll_at) "
                               "VALUES (?, ?, ?)", (spec.key, every, when))
                    continue
                due = row["next_poll_at"] or when
                if row["every_seconds"] != every:
                    base = _dt(row["last_poll_at"]) or at
                    due = min(due, _ts(base + spec.every))
                db.execute("UPDATE feeds SET every_seconds = ?, next_poll_at = ? "
                           "WHERE feed_key = ?", (every, due, spec.key))

    def claim_sources(self, worker: str, keys: Sequence[str], now: datetime, *,
                      limit: int, lease_seconds: float) -> list[str]:
        if not keys or limit < 1:
            return []
        t = _ts(now)
        until = _ts(now + timedelta(seconds=lease_seconds))
        with self._tx() as db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (k TEXT PRIMARY KEY)")
            db.execute("DELETE FROM wanted")
            db.executemany("INSERT OR IGNORE INTO wanted (k) VALUES (?)", [(k,) for k in keys])
            rows = db.execute(
                """SELECT feed_key FROM feeds JOIN wanted ON wanted.k = feeds.feed_key
                   WHERE (next_poll_at IS NULL OR next_poll_at <= ?)
                     AND (lease_until IS NULL OR lease_until <= ?)
                   ORDER BY next_poll_at, feed_key LIMIT ?""", (t, t, limit)).fetchall()
            got = [str(r[0]) for r in rows]
            db.executemany("UPDATE feeds SET leased_by = ?, lease_until = ?, leased_at = ? "
                           "WHERE feed_key = ?", [(worker, until, t, k) for k in got])
        return got

    def release_source(self, key: str, worker: str, *, next_poll_at: datetime,
                       at: datetime, polled: bool = True) -> bool:
        _ts(at)
        with self._tx() as db:
            cur = db.execute(
                "UPDATE feeds SET leased_by = NULL, lease_until = NULL, next_poll_at = ?, "
                "polled_by = CASE WHEN ? THEN ? ELSE polled_by END "
                "WHERE feed_key = ? AND leased_by = ?",
                (_ts(next_poll_at), polled, worker, key, worker))
            return cur.rowcount > 0

    def worker_seen(self, worker: str, at: datetime, info: Mapping[str, Any] | None = None,
                    *, leases_until: datetime | None = None) -> None:
        when = _ts(at)
        with self._tx() as db:
            if leases_until is not None:
                until = _ts(leases_until)
                db.execute("UPDATE feeds SET lease_until = ? WHERE leased_by = ? "
                           "AND lease_until < ?", (until, worker, until))
            db.execute("INSERT INTO workers (worker, started_at, seen_at, info) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (worker) DO UPDATE SET "
                       "seen_at = excluded.seen_at", (worker, when, when,
                                                      json.dumps(dict(info or {}))))
            db.execute("DELETE FROM workers WHERE seen_at < ?", (_ts(at - STALE_WORKER),))

    def worker_gone(self, worker: str, at: datetime) -> None:
        _ts(at)
        with self._tx() as db:
            db.execute("DELETE FROM workers WHERE worker = ?", (worker,))
            db.execute("UPDATE feeds SET leased_by = NULL, lease_until = NULL "
                       "WHERE leased_by = ?", (worker,))

    def workers(self) -> list[WorkerStatus]:
        with self._lock:
            try:
                rows = self._db.execute("SELECT * FROM workers ORDER BY started_at, worker"
                                        ).fetchall()
            except sqlite3.OperationalError:  # an old file opened read-only
                return []
        return [WorkerStatus(r["worker"], _dt_req(r["started_at"]), _dt_req(r["seen_at"]),
                             json.loads(r["info"])) for r in rows]

    # ------------------------------------------------------------------ items

    def record_item(self, source_key: str, item_key: str, *, content_hash: str,
                    title: str | None, link: str | None, published_at: datetime | None,
                    judgement: Mapping[str, Any], alerts: Sequence[NewAlert],
                    at: datetime) -> ItemResult:
        return self.record_items([ItemToRecord(source_key, item_key, content_hash, title, link,
                                               published_at, judgement, alerts)], at)[0]

    def record_items(self, items: Sequence[ItemToRecord], at: datetime) -> list[ItemResult]:
        for it in items:
            if "verdict" not in it.judgement or "findings" not in it.judgement:
                raise ValueError("judgement must hold 'verdict' and 'findings'")
        when = _ts(at)
        rows = [(it, fingerprint(it.judgement),
                 json.dumps(it.judgement, ensure_ascii=False, default=str),
                 str(it.judgement["verdict"]), json.dumps(meetings_of(it.judgement)),
                 json.dumps(it.judgement.get("findings", []), ensure_ascii=False, default=str))
                for it in items]
        out: list[ItemResult] = []
        with self._tx() as db:
            for it, fp, doc, verdict, meetings, findings in rows:
                out.append(self._record_one(db, it, when, fp, doc, verdict, meetings,
                                            findings))
        return out

    def _record_one(self, db: sqlite3.Connection, it: ItemToRecord, when: str, fp: str,
                    doc: str, verdict: str, meetings: str, findings: str) -> ItemResult:
        source_key, item_key, content_hash = it.source_key, it.item_key, it.content_hash
        title, link, published_at = it.title, it.link, it.published_at
        row = db.execute("SELECT id, fingerprint, content_hash FROM items "
                         "WHERE source_key = ? AND item_key = ?",
                         (source_key, item_key)).fetchone()
        if row is None:
            cur = db.execute(
                """INSERT INTO items (source_key, item_key, content_hash, title, link,
                   published_at, first_seen_at, last_seen_at, changed_at, verdict,
                   fingerprint, judgement, meetings)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (source_key, item_key, content_hash, title, link, _ots(published_at),
                 when, when, when, verdict, fp, doc, meetings))
            item_id = int(cur.lastrowid or 0)
            new, changed, content_changed = True, False, False
            db.execute("INSERT INTO item_history (item_id, at, verdict, findings) "
                       "VALUES (?, ?, ?, ?)", (item_id, when, verdict, findings))
        else:
            item_id = int(row["id"])
            new = False
            changed = row["fingerprint"] != fp
            content_changed = row["content_hash"] != content_hash
            db.execute(
                """UPDATE items SET content_hash = ?, title = ?, link = ?,
                   published_at = ?, last_seen_at = ?, verdict = ?, fingerprint = ?,
                   judgement = ?, meetings = ?,
                   changed_at = CASE WHEN ? THEN ? ELSE changed_at END
                   WHERE id = ?""",
                (content_hash, title, link, _ots(published_at), when, verdict, fp, doc,
                 meetings, changed, when, item_id))
            if changed:
                db.execute("INSERT INTO item_history (item_id, at, verdict, findings) "
                           "VALUES (?, ?, ?, ?)", (item_id, when, verdict, findings))
        enqueued = self._insert_alerts(db, it.alerts, when)
        return ItemResult(item_id, new, changed, enqueued, content_changed)

    @staticmethod
    def _item_row(row: sqlite3.Row) -> ItemRecord:
        return ItemRecord(
            id=row["id"], source_key=row["source_key"], item_key=row["item_key"],
            title=row["title"], link=row["link"], content_hash=row["content_hash"],
            published_at=_dt(row["published_at"]), first_seen_at=_dt_req(row["first_seen_at"]),
            last_seen_at=_dt_req(row["last_seen_at"]), changed_at=_dt_req(row["changed_at"]),
            verdict=row["verdict"], judgement=json.loads(row["judgement"]),
            meetings=tuple(json.loads(row["meetings"])))

    def item(self, source_key: str, item_key: str) -> ItemRecord | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM items WHERE source_key = ? AND item_key = ?",
                                   (source_key, item_key)).fetchone()
        return None if row is None else self._item_row(row)

    def content_hashes(self, source_key: str) -> dict[str, str]:
        with self._lock:
            rows = self._db.execute("SELECT item_key, content_hash FROM items "
                                    "WHERE source_key = ?", (source_key,)).fetchall()
        return {str(r[0]): str(r[1]) for r in rows}

    def items(self, *, since: datetime | None = None, verdicts: Sequence[str] | None = None,
              limit: int | None = None) -> list[ItemRecord]:
        sql = "SELECT * FROM items WHERE 1 = 1"
        args: list[Any] = []
        if since is not None:
            sql += " AND changed_at >= ?"
            args.append(_ts(since))
        if verdicts is not None:
            sql += f" AND verdict IN ({','.join('?' * len(verdicts))})" if verdicts else \
                " AND 0"
            args.extend(verdicts)
        sql += " ORDER BY changed_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [self._item_row(r) for r in rows]

    def history(self, item_id: int) -> list[JudgementChange]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM item_history WHERE item_id = ? ORDER BY id",
                                    (item_id,)).fetchall()
        return [JudgementChange(r["item_id"], _dt_req(r["at"]), r["verdict"],
                                tuple(json.loads(r["findings"]))) for r in rows]

    # ------------------------------------------------------------------ outbox

    @staticmethod
    def _insert_alerts(db: sqlite3.Connection, alerts: Sequence[NewAlert], when: str) -> int:
        n = 0
        for a in alerts:
            due = _ts(a.not_before) if a.not_before is not None else when
            cur = db.execute(
                """INSERT INTO outbox (channel, dedupe_key, kind, mode, subject,
                   payload, verdict, meeting, source_key, item_key, group_key, created_at,
                   next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (channel, dedupe_key) DO NOTHING""",
                (a.channel, a.dedupe_key, a.kind, a.mode, a.subject,
                 json.dumps(dict(a.payload), ensure_ascii=False, default=str), a.verdict,
                 a.meeting, a.source_key, a.item_key, a.group_key, when, due))
            n += cur.rowcount if cur.rowcount > 0 else 0
        return n

    def enqueue(self, alerts: Sequence[NewAlert], at: datetime) -> int:
        when = _ts(at)
        if not alerts:
            return 0
        with self._tx() as db:
            return self._insert_alerts(db, alerts, when)

    @staticmethod
    def _alert_row(row: sqlite3.Row) -> AlertRecord:
        return AlertRecord(
            id=row["id"], channel=row["channel"], dedupe_key=row["dedupe_key"],
            kind=row["kind"], mode=row["mode"], status=row["status"], subject=row["subject"],
            payload=json.loads(row["payload"]), verdict=row["verdict"], meeting=row["meeting"],
            source_key=row["source_key"], item_key=row["item_key"], group_key=row["group_key"],
            created_at=_dt_req(row["created_at"]),
            next_attempt_at=_dt_req(row["next_attempt_at"]), attempts=row["attempts"],
            last_error=row["last_error"], last_error_at=_dt(row["last_error_at"]),
            delivered_at=_dt(row["delivered_at"]), lease_until=_dt(row["lease_until"]),
            digest_id=row["digest_id"])

    _DUE = ("status = 'pending' AND mode = 'immediate' AND next_attempt_at <= ? "
            "AND (lease_until IS NULL OR lease_until <= ?)")

    def pending(self, now: datetime, limit: int = 100) -> list[AlertRecord]:
        t = _ts(now)
        with self._lock:
            rows = self._db.execute(f"SELECT * FROM outbox WHERE {self._DUE} ORDER BY id "
                                    "LIMIT ?", (t, t, limit)).fetchall()
        return [self._alert_row(r) for r in rows]

    def claim(self, now: datetime, *, limit: int = 100, lease_seconds: float = 120.0
              ) -> list[AlertRecord]:
        t = _ts(now)
        lease = _ts(now + timedelta(seconds=lease_seconds))
        with self._tx() as db:
            rows = db.execute(f"SELECT id, channel, group_key FROM outbox WHERE {self._DUE} "
                              "ORDER BY id LIMIT ?", (t, t, limit)).fetchall()
            ids = {int(r["id"]) for r in rows}
            groups = {(r["channel"], r["group_key"]) for r in rows if r["group_key"]}
            for channel, group in groups:
                more = db.execute(f"SELECT id FROM outbox WHERE {self._DUE} AND channel = ? "
                                  "AND group_key = ?", (t, t, channel, group)).fetchall()
                ids.update(int(r["id"]) for r in more)
            if not ids:
                return []
            marks = ",".join("?" * len(ids))
            db.execute(f"UPDATE outbox SET lease_until = ?, attempts = attempts + 1 "
                       f"WHERE id IN ({marks})", (lease, *ids))
            claimed = db.execute(f"SELECT * FROM outbox WHERE id IN ({marks}) ORDER BY id",
                                 tuple(ids)).fetchall()
        return [self._alert_row(r) for r in claimed]

    def mark_delivered(self, alert_id: int, at: datetime) -> None:
        self.mark_delivered_many([alert_id], at)

    def mark_delivered_many(self, alert_ids: Sequence[int], at: datetime) -> None:
        when = _ts(at)
        with self._tx(durable=True) as db:
            for alert_id in alert_ids:
                db.execute("UPDATE outbox SET status = 'delivered', delivered_at = ?, "
                           "lease_until = NULL WHERE id = ? AND status != 'delivered'",
                           (when, alert_id))
                db.execute("UPDATE outbox SET status = 'delivered', delivered_at = ?, "
                           "lease_until = NULL WHERE digest_id = ? AND status = 'batched'",
                           (when, alert_id))

    def mark_failed(self, alert_id: int, error: str, retry_at: datetime, *,
                    at: datetime | None = None) -> None:
        failed_at = at if at is not None else datetime.now(UTC)
        with self._tx() as db:
            db.execute("UPDATE outbox SET last_error = ?, last_error_at = ?, "
                       "next_attempt_at = ?, lease_until = NULL "
                       "WHERE id = ? AND status = 'pending'",
                       (_one_line(error), _ts(failed_at), _ts(retry_at), alert_id))

    def alerts(self, *, status: str | None = None, since: datetime | None = None,
               channel: str | None = None, limit: int | None = None) -> list[AlertRecord]:
        sql = "SELECT * FROM outbox WHERE 1 = 1"
        args: list[Any] = []
        if status is not None:
            sql += " AND status = ?"
            args.append(status)
        if since is not None:
            sql += " AND created_at >= ?"
            args.append(_ts(since))
        if channel is not None:
            sql += " AND channel = ?"
            args.append(channel)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [self._alert_row(r) for r in rows]

    def alert(self, alert_id: int) -> AlertRecord | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM outbox WHERE id = ?", (alert_id,)).fetchone()
        return None if row is None else self._alert_row(row)

    def batch_members(self, digest_id: int) -> list[AlertRecord]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM outbox WHERE digest_id = ? ORDER BY id",
                                    (digest_id,)).fetchall()
        return [self._alert_row(r) for r in rows]

    def outbox_summary(self) -> OutboxSummary:
        with self._read() as db:
            rows = db.execute(
                """SELECT channel,
                     SUM(status = 'pending' AND mode = 'immediate') AS pending,
                     SUM(status IN ('pending', 'batched') AND mode = 'digest') AS digest,
                     SUM(status = 'pending' AND attempts > 0 AND last_error IS NOT NULL)
                       AS failing,
                     SUM(status = 'delivered') AS delivered,
                     MIN(CASE WHEN status = 'pending' AND mode = 'immediate'
                         THEN created_at END) AS oldest
                   FROM outbox GROUP BY channel ORDER BY channel""").fetchall()
            # Rows delivered together went out as one message: the same channel, group and
            # delivery instant (a digest's members are inside its own row's message).
            messages = db.execute(
                """SELECT COUNT(*) FROM (SELECT DISTINCT channel,
                     COALESCE(group_key, 'row:' || id), delivered_at FROM outbox
                   WHERE status = 'delivered' AND digest_id IS NULL)""").fetchone()[0]
        by_channel: dict[str, dict[str, int]] = {}
        oldest: list[str] = []
        for r in rows:
            by_channel[r["channel"]] = {"pending": int(r["pending"] or 0),
                                        "waiting_digest": int(r["digest"] or 0),
                                        "failing": int(r["failing"] or 0),
                                        "delivered": int(r["delivered"] or 0)}
            if r["oldest"]:
                oldest.append(r["oldest"])
        total = {k: sum(c[k] for c in by_channel.values())
                 for k in ("pending", "waiting_digest", "failing", "delivered")}
        return OutboxSummary(
            pending=total["pending"], waiting_digest=total["waiting_digest"],
            failing=total["failing"], delivered=total["delivered"],
            delivered_messages=int(messages),
            oldest_pending_at=_dt(min(oldest)) if oldest else None,
            by_channel={k: dict(v) for k, v in by_channel.items()})

    # ------------------------------------------------------------------ digests

    def create_digest(self, channel: str, period: str, *, at: datetime,
                      make_alert: DigestAlertFactory, cutoff: datetime | None = None
                      ) -> DigestRecord | None:
        when = _ts(at)
        until = _ts(cutoff) if cutoff is not None else when
        with self._tx() as db:
            if db.execute("SELECT 1 FROM digests WHERE channel = ? AND period = ?",
                          (channel, period)).fetchone():
                return None
            rows = db.execute("SELECT * FROM outbox WHERE channel = ? AND mode = 'digest' "
                              "AND status = 'pending' AND created_at <= ? ORDER BY id",
                              (channel, until)).fetchall()
            members = [self._alert_row(r) for r in rows]
            outbox_id: int | None = None
            if members:
                alert = make_alert(members)
                if alert.channel != channel or alert.mode != "immediate":
                    raise ValueError("a digest row must be an immediate alert of its channel")
                self._insert_alerts(db, [alert], when)
                got = db.execute("SELECT id FROM outbox WHERE channel = ? AND dedupe_key = ?",
                                 (channel, alert.dedupe_key)).fetchone()
                outbox_id = int(got["id"])
                ids = [m.id for m in members]
                db.execute(f"UPDATE outbox SET status = 'batched', digest_id = ? "
                           f"WHERE id IN ({','.join('?' * len(ids))})", (outbox_id, *ids))
            cur = db.execute("INSERT INTO digests (channel, period, created_at, alert_count, "
                             "outbox_id) VALUES (?, ?, ?, ?, ?)",
                             (channel, period, when, len(members), outbox_id))
            digest_id = int(cur.lastrowid or 0)
        return DigestRecord(digest_id, channel, period, _dt_req(when), len(members), outbox_id)

    def digests(self, channel: str | None = None) -> list[DigestRecord]:
        sql = "SELECT * FROM digests"
        args: tuple[Any, ...] = ()
        if channel is not None:
            sql += " WHERE channel = ?"
            args = (channel,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY id", args).fetchall()
        return [DigestRecord(r["id"], r["channel"], r["period"], _dt_req(r["created_at"]),
                             r["alert_count"], r["outbox_id"]) for r in rows]

    # ------------------------------------------------------------------ lifts

    def announce_lift(self, key: str, alerts: Sequence[NewAlert], at: datetime) -> bool:
        when = _ts(at)
        with self._tx() as db:
            cur = db.execute("INSERT INTO lifts_announced (key, announced_at, alerts) "
                             "VALUES (?, ?, 0) ON CONFLICT (key) DO NOTHING", (key, when))
            if cur.rowcount <= 0:
                return False
            n = self._insert_alerts(db, alerts, when)
            db.execute("UPDATE lifts_announced SET alerts = ? WHERE key = ?", (n, key))
            return True

    def lift_announced(self, key: str) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1 FROM lifts_announced WHERE key = ?",
                                    (key,)).fetchone() is not None

    # ------------------------------------------------------------------ bookkeeping

    def get(self, key: str, default: str | None = None) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row["value"])

    def set(self, key: str, value: str | None) -> None:
        with self._tx() as db:
            if value is None:
                db.execute("DELETE FROM kv WHERE key = ?", (key,))
            else:
                db.execute("INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                           "updated_at = excluded.updated_at",
                           (key, value, _ts(datetime.now(UTC))))


    def set_default(self, key: str, value: str) -> str:
        with self._tx() as db:
            db.execute("INSERT INTO kv (key, value, updated_at) VALUES (?, ?, ?) "
                       "ON CONFLICT (key) DO NOTHING", (key, value, _ts(datetime.now(UTC))))
            row = db.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        return str(row["value"])

    def describe(self) -> str:
        return str(self.path)

    # ------------------------------------------------------------------ copying

    def export_rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of ``table`` in the neutral form of :mod:`embargo.state.copy`."""
        cols = COPY_TABLES[table]
        with self._lock:
            rows = self._db.execute(f"SELECT * FROM {table} ORDER BY "
                                    f"{COPY_ORDER[table]}").fetchall()
        for r in rows:
            have = r.keys()  # an old file read as it is lacks the newer columns
            yield {c: _from_sqlite(kind, r[c] if c in have else None)
                   for c, kind in cols.items()}

    def count_rows(self, table: str) -> int:
        with self._lock:
            return int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def import_rows(self, tables: Iterable[tuple[str, Iterable[Mapping[str, Any]]]]) -> None:
        """Insert rows (neutral form) table by table, all in one transaction."""
        with self._tx() as db:
            for table, rows in tables:
                cols = COPY_TABLES[table]
                names = ", ".join(cols)
                marks = ", ".join("?" * len(cols))
                sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
                if table == "meta":  # the target keeps its own schema version
                    sql += " ON CONFLICT (key) DO NOTHING"
                elif table == "kv":  # the source's identity replaces the new state's own
                    sql += (" ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                            "updated_at = excluded.updated_at")
                db.executemany(sql, ([_to_sqlite(kind, row[c]) for c, kind in cols.items()]
                                     for row in rows))


def _from_sqlite(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "ts":
        return _dt_req(value)
    if kind == "float":
        return float(value)
    return value


def _to_sqlite(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "ts":
        return _ts(value)
    return value


if TYPE_CHECKING:  # SqliteState must satisfy the protocol the daemon codes against
    from embargo.state.base import StateStore

    def _conforms(s: SqliteState) -> StateStore:
        return s
