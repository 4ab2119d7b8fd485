"""The state database on a real SQLite file: transactions, dedupe, restarts, leases."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from embargo.errors import InputError
from embargo.state import NewAlert, SqliteState, StateStore, make_item_key, open_state

T0 = datetime(2024, 11, 14, 14, 0, tzinfo=UTC)


def _judgement(verdict: str = "violation", tier: str = "beyond") -> dict[str, object]:
    return {"source": "https://news.example/a", "verdict": verdict, "meetings": ["acr-2024"],
            "findings": [{"abstract": "acr-2024:1709", "tier": tier, "rule": "acr-2024/beyond",
                          "verdict": verdict, "ok": verdict == "pass",
                          "lifts_at": "2024-11-14T15:00:00+00:00"}]}


def _alert(key: str, channel: str = "email", mode: str = "immediate",
           group: str | None = "g1") -> NewAlert:
    return NewAlert(channel=channel, dedupe_key=key, kind="finding", mode=mode,
                    subject=f"alert {key}", payload={"k": key}, verdict="violation",
                    meeting="acr-2024", group_key=group)


@pytest.fixture()
def state(tmp_path: Path) -> SqliteState:
    s = open_state(tmp_path / "state.db")
    yield s  # type: ignore[misc]
    s.close()


def test_is_a_state_store_in_wal_mode(state: SqliteState, tmp_path: Path) -> None:
    assert isinstance(state, StateStore)
    raw = sqlite3.connect(tmp_path / "state.db")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_item_key_falls_back_from_guid_to_link_to_hash() -> None:
    assert make_item_key("abc", "http://x", "h") == "guid:abc"
    assert make_item_key(" ", "http://x", "h") == "link:http://x"
    assert make_item_key(None, None, "h") == "hash:h"
    with pytest.raises(ValueError):
        make_item_key(None, "", None)


def test_poll_status_success_failure_and_cache(state: SqliteState) -> None:
    assert state.feed_cache("f") == (None, None)
    state.record_poll("f", at=T0, ok=True, http_status=200, etag='"e1"',
                      last_modified="Thu, 14 Nov 2024 14:00:00 GMT", entries=5, new_entries=5)
    st = state.record_poll("f", at=T0 + timedelta(minutes=10), ok=False, http_status=500,
                           error="HTTP 500 from\nhttps://x/feed")
    assert st.consecutive_failures == 1 and st.last_error == "HTTP 500 from https://x/feed"
    assert st.last_success_at == T0 and st.last_error_at == T0 + timedelta(minutes=10)
    assert state.feed_cache("f") == ('"e1"', "Thu, 14 Nov 2024 14:00:00 GMT")
    st = state.record_poll("f", at=T0 + timedelta(minutes=20), ok=True, http_status=304)
    assert st.consecutive_failures == 0 and st.polls == 3 and st.failures == 1
    assert st.etag == '"e1"'  # a 304 keeps the validators
    assert st.last_error is not None  # the last error stays visible after recovery
    assert [f.feed_key for f in state.feeds()] == ["f"]


def test_record_item_writes_item_history_and_outbox_once(state: SqliteState) -> None:
    alerts = [_alert("a1")]
    r1 = state.record_item("f", "guid:1", content_hash="h1", title="T", link="http://l",
                           published_at=T0, judgement=_judgement(), alerts=alerts, at=T0)
    assert (r1.new, r1.changed, r1.enqueued) == (True, False, 1)
    r2 = state.record_item("f", "guid:1", content_hash="h1", title="T", link="http://l",
                           published_at=T0, judgement=_judgement(), alerts=alerts,
                           at=T0 + timedelta(minutes=5))
    assert (r2.new, r2.changed, r2.enqueued) == (False, False, 0)
    assert len(state.history(r1.item_id)) == 1
    r3 = state.record_item("f", "guid:1", content_hash="h2", title="T2", link="http://l",
                           published_at=T0, judgement=_judgement("pass"), alerts=[],
                           at=T0 + timedelta(minutes=10))
    assert r3.changed and r3.content_changed and r3.enqueued == 0
    hist = state.history(r1.item_id)
    assert [h.verdict for h in hist] == ["violation", "pass"]
    assert state.feeds() == []  # items alone do not make a feed
    state.record_poll("f", at=T0, ok=True, entries=1)
    assert state.feeds()[0].entries_seen == 1
    item = state.item("f", "guid:1")
    assert item is not None and item.verdict == "pass" and item.title == "T2"
    assert item.meetings == ("acr-2024",)


def test_record_item_is_one_transaction(state: SqliteState) -> None:
    bad = NewAlert(channel="email", dedupe_key="x", payload={"ok": 1})
    object.__setattr__(bad, "kind", None)  # breaks a NOT NULL column inside the transaction
    with pytest.raises(sqlite3.IntegrityError):
        state.record_item("f", "guid:9", content_hash="h", title=None, link=None,
                          published_at=None, judgement=_judgement(), alerts=[bad], at=T0)
    assert state.item("f", "guid:9") is None  # the item was rolled back with the alert


def test_restart_does_not_enqueue_twice(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with open_state(path) as s:
        assert s.enqueue([_alert("k1"), _alert("k1", channel="webhook")], T0) == 2
    with open_state(path) as s:
        assert s.enqueue([_alert("k1"), _alert("k2")], T0) == 1
        assert len(s.alerts()) == 3


def test_claim_lease_deliver_and_retry(state: SqliteState) -> None:
    state.enqueue([_alert("a"), _alert("b"), _alert("c", group="g2"),
                   _alert("d", mode="digest")], T0)
    due = state.pending(T0)
    assert [a.dedupe_key for a in due] == ["a", "b", "c"]
    got = state.claim(T0, limit=1, lease_seconds=60)
    # the rest of the group comes along
    assert [a.dedupe_key for a in got] == ["a", "b"] and all(a.attempts == 1 for a in got)
    assert [a.dedupe_key for a in state.claim(T0, limit=10)] == ["c"]
    assert state.claim(T0 + timedelta(seconds=30)) == []  # leased
    state.mark_delivered(got[0].id, T0)
    state.mark_failed(got[1].id, "SMTP down", T0 + timedelta(seconds=40), at=T0)
    assert state.claim(T0 + timedelta(seconds=39)) == []
    again = state.claim(T0 + timedelta(seconds=41))
    assert [a.dedupe_key for a in again] == ["b"] and again[0].attempts == 2
    assert again[0].last_error == "SMTP down"
    # an expired lease makes "c" due again (its deliverer died)
    assert [a.dedupe_key for a in state.claim(T0 + timedelta(seconds=121))] == ["c"]
    state.mark_delivered(again[0].id, T0 + timedelta(minutes=3))
    state.mark_failed(got[0].id, "late failure", T0)  # ignored: already delivered
    rec = {a.dedupe_key: a for a in state.alerts()}
    assert rec["a"].delivered and rec["a"].last_error is None
    summary = state.outbox_summary()
    assert summary.delivered == 2 and summary.pending == 1 and summary.waiting_digest == 1


def test_digest_batches_members_once(state: SqliteState) -> None:
    state.enqueue([_alert("d1", mode="digest"), _alert("d2", mode="digest"),
                   _alert("w1", channel="webhook", mode="digest")], T0)
    calls = []

    def make(members):  # type: ignore[no-untyped-def]
        calls.append([m.dedupe_key for m in members])
        return NewAlert(channel="email", dedupe_key="digest:2024-11-14", kind="digest",
                        subject="digest")

    d = state.create_digest("email", "2024-11-14", at=T0 + timedelta(hours=1), make_alert=make)
    assert d is not None and d.alert_count == 2 and calls == [["d1", "d2"]]
    assert state.create_digest("email", "2024-11-14", at=T0 + timedelta(hours=2),
                               make_alert=make) is None
    assert d.outbox_id is not None
    members = state.batch_members(d.outbox_id)
    assert {m.status for m in members} == {"batched"}
    [row] = state.claim(T0 + timedelta(hours=1))
    assert row.kind == "digest"
    state.mark_delivered(row.id, T0 + timedelta(hours=1))
    assert {m.status for m in state.batch_members(d.outbox_id)} == {"delivered"}
    empty = state.create_digest("maildir", "2024-11-14", at=T0, make_alert=make)
    assert empty is not None and empty.outbox_id is None and len(calls) == 1


def test_lift_announced_once_even_without_alerts(tmp_path: Path) -> None:
    with open_state(tmp_path / "s.db") as s:
        assert s.announce_lift("acr-2024|*|2024-11-14T15:00", [_alert("lift1")], T0)
        assert not s.announce_lift("acr-2024|*|2024-11-14T15:00", [_alert("lift2")], T0)
        assert s.announce_lift("other", [], T0)
    with open_state(tmp_path / "s.db") as s:
        assert s.lift_announced("other") and not s.lift_announced("nope")
        assert [a.dedupe_key for a in s.alerts()] == ["lift1"]


def test_bookkeeping_values(state: SqliteState) -> None:
    assert state.get("x") is None and state.get("x", "d") == "d"
    state.set("x", "1")
    state.set("x", "2")
    assert state.get("x") == "2"
    state.set("x", None)
    assert state.get("x") is None


def test_naive_datetimes_are_refused(state: SqliteState) -> None:
    with pytest.raises(ValueError):
        state.record_poll("f", at=datetime(2024, 1, 1), ok=True)


def test_readonly_open(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        open_state(tmp_path / "missing.db", readonly=True)
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError):
        open_state(tmp_path / "junk.db", readonly=True)
    with open_state(tmp_path / "ok.db") as s:
        s.record_poll("f", at=T0, ok=True)
    with open_state(tmp_path / "ok.db", readonly=True) as r:
        assert r.feeds()[0].feed_key == "f"


def test_threads_share_one_state(state: SqliteState) -> None:
    def work(n: int) -> None:
        for i in range(20):
            state.record_item("f", f"guid:{n}-{i}", content_hash="h", title=None, link=None,
                              published_at=None, judgement=_judgement(),
                              alerts=[_alert(f"{n}-{i}")], at=T0)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(state.alerts()) == 80


def test_two_connections_on_one_file(tmp_path: Path) -> None:
    a, b = open_state(tmp_path / "s.db"), open_state(tmp_path / "s.db")
    try:
        assert a.enqueue([_alert("x")], T0) == 1
        assert b.enqueue([_alert("x")], T0) == 0
        [row] = a.claim(T0)
        assert b.claim(T0) == []
        b.mark_delivered(row.id, T0)
        assert a.alerts()[0].delivered
    finally:
        a.close()
        b.close()
