"""``embargo state copy`` and ``embargo state migrate``: a state used by the daemon's own jobs
(SQLite) is copied to a real PostgreSQL server and compared row by row, then copied back;
configuration errors about a PostgreSQL state are one line and exit 2."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from embargo.config import parse_config
from embargo.daemon import jobs
from embargo.policy.loader import PolicySet
from embargo.sources.feeds import FeedSource
from embargo.state import NewAlert, open_state
from embargo.state.copy import compare_states
from tests.conftest import Run
from tests.daemon.helpers import plain_entry, rss, violation_entry
from tests.feedserver import FeedServer, cached_feed

T0 = datetime(2024, 11, 14, 14, 0, tzinfo=UTC)  # an hour before ACR 2024's 10:00 ET lift


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture()
def feeds() -> Iterator[FeedServer]:
    s = FeedServer().start()
    yield s
    s.stop()


def _used_sqlite_state(tmp_path: Path, catalog_path: Path, feeds: FeedServer) -> Path:
    """A state written by the daemon's jobs: items with history, delivered, pending, failing,
    batched and digest alerts, lift announcements, feed validators and errors, bookkeeping."""
    entries = [violation_entry("v1"), plain_entry("p1"), violation_entry("v2", "Second")]
    url = feeds.route("/wire.xml", cached_feed(rss(entries)))
    broken = feeds.route("/gone.xml", b"gone", status=404)
    path = tmp_path / "used.db"
    cfg = parse_config({
        "timezone": "America/New_York", "catalog": str(catalog_path), "state": str(path),
        "feeds": [{"url": url}, {"url": broken}],
        "maildir": {"path": str(tmp_path / "mail"), "immediate": ["violation"],
                    "digest": "08:00"},
        "webhook": {"url": "http://127.0.0.1:9/hook", "timeout": 1, "digest": "off"}})
    clock = Clock(T0)
    ctx = jobs.DaemonContext(cfg, open_state(path), policies=PolicySet.load(),
                             catalog_path=catalog_path, log=logging.getLogger("test.copy"),
                             clock=clock)
    try:
        for fc in cfg.feeds:
            jobs.poll_source(ctx, FeedSource(fc, stop=ctx.stop))
        jobs.watch_lifts(ctx)  # lift-upcoming announcements
        jobs.deliver_outbox(ctx)  # maildir delivers; the webhook (port 9) fails: pending
        entries[0] = plain_entry("v1")  # v1 edited: its verdict changes (history)
        feeds.route("/wire.xml", cached_feed(rss(entries)))
        clock.now = T0 + timedelta(minutes=10)
        jobs.poll_source(ctx, FeedSource(cfg.feeds[0], stop=ctx.stop))
        ctx.state.enqueue([NewAlert(channel="maildir", dedupe_key=f"review|{i}",
                                    mode="digest", subject=f"review {i}", verdict="review",
                                    payload={"type": "finding", "n": i}) for i in range(3)],
                          clock.now)
        clock.now = T0 + timedelta(days=1)  # past the next 08:00 digest
        jobs.send_digest(ctx)
        jobs.watch_lifts(ctx)  # the lift itself, now passed
    finally:
        ctx.close()
        ctx.state.close()
    return path


def test_copy_to_postgresql_and_back_row_by_row(tmp_path: Path, catalog_path: Path,
                                                feeds: FeedServer, pg_url: str,
                                                cli: Callable[..., Run]) -> None:
    path = _used_sqlite_state(tmp_path, catalog_path, feeds)
    with open_state(path, readonly=True) as src:
        alerts = src.alerts()
        statuses = {a.status for a in alerts}
        assert {"delivered", "pending", "batched"} <= statuses
        assert any(a.last_error for a in alerts) and any(a.kind == "lift" for a in alerts)
        assert any(len(src.history(i.id)) == 2 for i in src.items())
        assert any(f.etag for f in src.feeds()) and any(f.last_error for f in src.feeds())

    r = cli("state", "copy", "--from", str(path), "--to", pg_url)
    assert r.code == 0, r.err
    assert "copied" in r.err and "outbox" in r.err

    with open_state(path, readonly=True) as a, open_state(pg_url, readonly=True) as b:
        assert compare_states(a, b) == []  # every table, row by row
        # the identity in message keys came along: a resend after the move is recognisable
        assert a.get("state.identity") == b.get("state.identity") is not None
        for table in ("items", "item_history", "outbox", "digests", "lifts_announced",
                      "feeds", "kv"):
            assert a.count_rows(table) == b.count_rows(table) > 0, table
        # and through the interface the daemon uses
        assert a.items() == b.items()
        assert a.alerts() == b.alerts()
        assert a.feeds() == b.feeds()
        assert a.digests() == b.digests()
        assert a.outbox_summary() == b.outbox_summary()
        assert all(a.history(i.id) == b.history(i.id) for i in a.items())
        top = max(x.id for x in a.alerts())

    with open_state(pg_url) as pg:  # new rows continue after the copied ids
        pg.enqueue([NewAlert(channel="maildir", dedupe_key="after-the-move")], T0)
        assert pg.alerts()[0].id == top + 1

    # a second copy into a used state is refused, and nothing was written
    r = cli("state", "copy", "--from", str(path), "--to", pg_url)
    assert r.code == 2 and "not empty" in r.err and r.err.count("\n") == 1

    # and back into a new SQLite file: the same rows again (ids included)
    back = tmp_path / "back.db"
    r = cli("state", "copy", "--from", pg_url, "--to", str(back))
    assert r.code == 0, r.err
    with open_state(back, readonly=True) as c, open_state(pg_url, readonly=True) as b:
        assert compare_states(c, b) == []


def test_migrate_creates_then_reports_up_to_date(pg_url: str, tmp_path: Path,
                                                 cli: Callable[..., Run]) -> None:
    r = cli("state", "migrate", "--state", pg_url)
    assert r.code == 0 and "created" in r.out, r.err
    r = cli("state", "migrate", "--state", pg_url)
    assert r.code == 0 and "up to date" in r.out
    r = cli("state", "migrate", "--state", str(tmp_path / "s.db"))
    assert r.code == 0 and "created" in r.out and (tmp_path / "s.db").exists()


def test_status_reads_a_postgresql_state(pg_url: str, tmp_path: Path,
                                         cli: Callable[..., Run]) -> None:
    import json

    r = cli("status", "--state", pg_url, "--format", "json", "--lifts", "0")
    assert r.code == 0 and json.loads(r.out)["state_found"] is False, r.err
    assert cli("state", "migrate", "--state", pg_url).code == 0
    r = cli("status", "--state", pg_url, "--format", "json", "--lifts", "0")
    doc = json.loads(r.out)
    assert doc["state_found"] and doc["shared"] and doc["daemons"] == []


@pytest.mark.parametrize(("text", "message"), [
    ('state = "postgresql://embargo:secret@db.example/embargo"', "no password in the URL"),
    ('state = "postgresql://embargo@db.example"', "name the database"),
    ('state = "postgresql://embargo@db.example:99999/e"', "not a valid PostgreSQL URL"),
    ('state = "postgresql://e@h/db"\n[postgresql]\npassword_env = "MY-PASS"',
     "NAME of an environment variable"),
    ('[postgresql]\npool = 0', "must be 1 or more"),
    ('[postgresql]\nhost = "x"', "unknown key 'host'"),
    ('[daemon]\nlease = "1s"', "must be 2s or longer"),
])
def test_bad_postgresql_settings_are_one_line_exit_2(tmp_path: Path, text: str, message: str,
                                                     cli: Callable[..., Run]) -> None:
    cfg = tmp_path / "embargo.toml"
    cfg.write_text(text + "\n", encoding="utf-8")
    r = cli("status", "--config", str(cfg), "--lifts", "0")
    assert r.code == 2 and message in r.err and str(cfg) in r.err, r.err
    assert r.err.count("\n") == 1 and "secret" not in r.err and "MY-PASS" not in r.err


def test_unset_password_variable_and_unreachable_server(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        cli: Callable[..., Run]) -> None:
    pytest.importorskip("psycopg")
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cfg = tmp_path / "embargo.toml"
    cfg.write_text(f'state = "postgresql://embargo@127.0.0.1:{port}/embargo"\n'
                   '[postgresql]\npassword_env = "EMBARGO_TEST_NO_SUCH_VAR"\n'
                   "connect_timeout = 2\n", encoding="utf-8")
    monkeypatch.delenv("EMBARGO_TEST_NO_SUCH_VAR", raising=False)
    r = cli("state", "migrate", "--config", str(cfg))
    assert r.code == 2 and "EMBARGO_TEST_NO_SUCH_VAR" in r.err and "not set" in r.err
    monkeypatch.setenv("EMBARGO_TEST_NO_SUCH_VAR", "s3cret")
    r = cli("state", "migrate", "--config", str(cfg))
    assert r.code == 2 and "cannot connect to the PostgreSQL state" in r.err
    assert r.err.count("\n") == 1 and "s3cret" not in r.err and "Traceback" not in r.err




def test_a_store_rides_out_a_server_restart(pg_url: str, pg_restart: Callable[[], None]
                                            ) -> None:
    """Pooled connections cut by a restart are dropped; the next call opens a new one."""
    with open_state(pg_url) as st:
        st.set("before", "1")
        pg_restart()
        errors = []
        for _ in range(10):  # each pooled connection fails once at most, then is replaced
            try:
                st.set("after", "2")
                break
            except Exception as e:
                errors.append(f"{type(e).__name__}: {e}")
        assert len(errors) <= 4, errors  # [postgresql] pool: at most that many dead ones
        assert st.get("before") == "1" and st.get("after") == "2"
