"""One suite, every state store: the StateStore contract on a real SQLite file and on a real
PostgreSQL server (the ``store`` fixture is parametrized, as APScheduler's job-store tests are).
Without a PostgreSQL server the ``postgresql`` cases skip locally and fail in CI."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from embargo.state import (
    ItemToRecord,
    NewAlert,
    SourceSpec,
    StateStore,
    make_item_key,
    open_state,
)

T0 = datetime(2024, 11, 14, 14, 0, tzinfo=UTC)
Opener = Callable[[], Any]


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


@pytest.fixture(params=["sqlite", "postgresql"])
def opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opener]:
    """Opens a new store (a new connection) on the same state each time it is called."""
    if request.param == "sqlite":
        where: str | Path = tmp_path / "state.db"
    else:
        where = request.getfixturevalue("pg_url")
    opened: list[Any] = []

    def open_one() -> Any:
        s = open_state(where)
        opened.append(s)
        return s

    yield open_one
    for s in opened:
        s.close()


@pytest.fixture()
def state(opener: Opener) -> Any:
    return opener()


def test_is_a_state_store(state: Any) -> None:
    assert isinstance(state, StateStore)
    assert state.describe()


def test_item_key_falls_back_from_guid_to_link_to_hash() -> None:
    assert make_item_key("abc", "http://x", "h") == "guid:abc"
    assert make_item_key(" ", "http://x", "h") == "link:http://x"
    assert make_item_key(None, None, "h") == "hash:h"
    with pytest.raises(ValueError):
        make_item_key(None, "", None)


def test_poll_status_success_failure_and_cache(state: Any) -> None:
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
    assert st.last_poll_at is not None and st.last_poll_at.tzinfo is not None


def test_record_item_writes_item_history_and_outbox_once(state: Any) -> None:
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
    assert hist[1].at == T0 + timedelta(minutes=10)
    assert state.feeds() == []  # items alone do not make a feed
    state.record_poll("f", at=T0, ok=True, entries=1)
    assert state.feeds()[0].entries_seen == 1
    item = state.item("f", "guid:1")
    assert item is not None and item.verdict == "pass" and item.title == "T2"
    assert item.meetings == ("acr-2024",) and item.published_at == T0
    assert item.first_seen_at == T0 and item.changed_at == T0 + timedelta(minutes=10)
    assert item.judgement["findings"][0]["abstract"] == "acr-2024:1709"
    assert state.content_hashes("f") == {"guid:1": "h2"}
    assert [i.item_key for i in state.items(verdicts=["pass"])] == ["guid:1"]
    assert state.items(verdicts=["violation"]) == []
    assert state.items(since=T0 + timedelta(minutes=11)) == []


def test_record_item_is_one_transaction(state: Any) -> None:
    bad = NewAlert(channel="email", dedupe_key="x", payload={"ok": 1})
    object.__setattr__(bad, "kind", None)  # breaks a NOT NULL column inside the transaction
    with pytest.raises(Exception, match=r"(?i)null"):
        state.record_item("f", "guid:9", content_hash="h", title=None, link=None,
                          published_at=None, judgement=_judgement(), alerts=[bad], at=T0)
    assert state.item("f", "guid:9") is None  # the item was rolled back with the alert
    assert state.alerts() == []
    # and the store still works after the failed transaction
    assert state.record_item("f", "guid:9", content_hash="h", title=None, link=None,
                             published_at=None, judgement=_judgement(), alerts=[],
                             at=T0).new


def test_record_items_records_each_as_record_item_does(state: Any) -> None:
    rows = [ItemToRecord("f", f"guid:{i}", f"h{i}", f"T{i}", None, T0, _judgement(),
                         [_alert(f"a{i}")]) for i in range(3)]
    res = state.record_items(rows, T0)
    assert [(r.new, r.enqueued) for r in res] == [(True, 1)] * 3
    again = state.record_items(rows[:1], T0 + timedelta(minutes=1))
    assert [(r.new, r.changed, r.enqueued) for r in again] == [(False, False, 0)]
    assert state.content_hashes("f") == {"guid:0": "h0", "guid:1": "h1", "guid:2": "h2"}
    assert len(state.alerts()) == 3


def test_record_items_with_sqlite_is_one_transaction(opener: Opener) -> None:
    s = opener()
    if s.shared:
        pytest.skip("PostgreSQL keeps one transaction per item")
    bad = NewAlert(channel="email", dedupe_key="x", payload={"ok": 1})
    object.__setattr__(bad, "kind", None)  # breaks a NOT NULL column inside the transaction
    good = ItemToRecord("f", "guid:1", "h", None, None, None, _judgement(), [_alert("a")])
    with pytest.raises(Exception, match=r"(?i)null"):
        s.record_items([good, ItemToRecord("f", "guid:2", "h", None, None, None,
                                           _judgement(), [bad])], T0)
    assert s.item("f", "guid:1") is None and s.alerts() == []  # none of them recorded
    assert s.record_items([good], T0)[0].new
    s.close()


def test_restart_does_not_enqueue_twice(opener: Opener) -> None:
    s = opener()
    assert s.enqueue([_alert("k1"), _alert("k1", channel="webhook")], T0) == 2
    s.close()
    s = opener()
    assert s.enqueue([_alert("k1"), _alert("k2")], T0) == 1
    assert len(s.alerts()) == 3


def test_claim_lease_deliver_and_retry(state: Any) -> None:
    state.enqueue([_alert("a"), _alert("b"), _alert("c", group="g2"),
                   _alert("d", mode="digest")], T0)
    due = state.pending(T0)
    assert [a.dedupe_key for a in due] == ["a", "b", "c"]
    got = state.claim(T0, limit=1, lease_seconds=60)
    # the rest of the group comes along
    assert [a.dedupe_key for a in got] == ["a", "b"] and all(a.attempts == 1 for a in got)
    assert got[0].lease_until == T0 + timedelta(seconds=60)
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
    assert rec["a"].delivered_at == T0
    summary = state.outbox_summary()
    assert summary.delivered == 2 and summary.pending == 1 and summary.waiting_digest == 1
    assert summary.by_channel["email"]["delivered"] == 2
    assert [a.dedupe_key for a in state.alerts(status="delivered", channel="email")] == \
        ["b", "a"]


def test_delivered_messages_count_what_the_mailboxes_hold(state: Any) -> None:
    """Rows delivered together (one group, one instant) are one message; a digest is one
    message however many members it carries; each channel counts apart."""
    state.enqueue([_alert("a"), _alert("b"), _alert("c", group="g2"), _alert("s", group=None),
                   _alert("a", channel="webhook"), _alert("d1", mode="digest"),
                   _alert("d2", mode="digest")], T0)
    rows = {(a.channel, a.dedupe_key): a.id for a in state.alerts()}
    state.mark_delivered_many([rows[("email", "a")], rows[("email", "b")]], T0)
    state.mark_delivered(rows[("email", "c")], T0)
    state.mark_delivered(rows[("email", "s")], T0)
    state.mark_delivered(rows[("webhook", "a")], T0)

    def make(members):  # type: ignore[no-untyped-def]
        return NewAlert(channel="email", dedupe_key="digest:1", kind="digest", subject="d")

    d = state.create_digest("email", "p1", at=T0, make_alert=make)
    assert d is not None and d.outbox_id is not None
    state.mark_delivered(d.outbox_id, T0 + timedelta(hours=1))
    summary = state.outbox_summary()
    # a+b, c, s, webhook a, the digest: 5 messages for 8 delivered rows
    assert (summary.delivered, summary.delivered_messages) == (8, 5), summary


def test_not_before_delays_an_alert(state: Any) -> None:
    later = NewAlert(channel="email", dedupe_key="later", not_before=T0 + timedelta(hours=1))
    state.enqueue([later], T0)
    assert state.pending(T0) == [] and state.claim(T0) == []
    assert [a.dedupe_key for a in state.claim(T0 + timedelta(hours=1))] == ["later"]


def test_digest_batches_members_once(state: Any) -> None:
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
    assert [(x.channel, x.alert_count) for x in state.digests()] == [("email", 2),
                                                                     ("maildir", 0)]


def test_lift_announced_once_even_without_alerts(opener: Opener) -> None:
    s = opener()
    assert s.announce_lift("acr-2024|*|2024-11-14T15:00", [_alert("lift1")], T0)
    assert not s.announce_lift("acr-2024|*|2024-11-14T15:00", [_alert("lift2")], T0)
    assert s.announce_lift("other", [], T0)
    s.close()
    s = opener()
    assert s.lift_announced("other") and not s.lift_announced("nope")
    assert [a.dedupe_key for a in s.alerts()] == ["lift1"]


def test_a_new_state_has_one_identity_for_all_its_users(opener: Opener) -> None:
    a, b = opener(), opener()
    ident = a.get("state.identity")
    assert ident and len(ident) == 16 and b.get("state.identity") == ident


def test_bookkeeping_values(state: Any) -> None:
    assert state.get("x") is None and state.get("x", "d") == "d"
    state.set("x", "1")
    state.set("x", "2")
    assert state.get("x") == "2"
    state.set("x", None)
    assert state.get("x") is None
    assert state.set_default("y", "first") == "first"
    assert state.set_default("y", "second") == "first"
    assert state.get("y") == "first"


def test_naive_datetimes_are_refused(state: Any) -> None:
    with pytest.raises(ValueError):
        state.record_poll("f", at=datetime(2024, 1, 1), ok=True)
    with pytest.raises(ValueError):
        state.claim(datetime(2024, 1, 1))
    with pytest.raises(ValueError):
        state.claim_sources("w", ["f"], datetime(2024, 1, 1), limit=1, lease_seconds=1)


def test_threads_share_one_state(state: Any) -> None:
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


def test_two_connections_on_one_state(opener: Opener) -> None:
    a, b = opener(), opener()
    assert a.enqueue([_alert("x")], T0) == 1
    assert b.enqueue([_alert("x")], T0) == 0
    [row] = a.claim(T0)
    assert b.claim(T0) == []
    b.mark_delivered(row.id, T0)
    assert a.alerts()[0].delivered


# ---------------------------------------------------------------------------- claiming sources


def test_sources_are_claimed_leased_and_released(opener: Opener) -> None:
    s = opener()
    every = timedelta(minutes=10)
    s.sync_sources([SourceSpec("feed:a", every), SourceSpec("feed:b", every),
                    SourceSpec("feed:c", every)], T0)
    assert [f.feed_key for f in s.feeds()] == ["feed:a", "feed:b", "feed:c"]
    assert all(f.next_poll_at == T0 and f.every == every for f in s.feeds())
    # a daemon claims only the sources it names; two claims never share a source
    got1 = s.claim_sources("w1", ["feed:a", "feed:b"], T0, limit=1, lease_seconds=60)
    got2 = s.claim_sources("w2", ["feed:a", "feed:b", "feed:c"], T0, limit=5,
                           lease_seconds=60)
    assert len(got1) == 1 and set(got1) | set(got2) == {"feed:a", "feed:b", "feed:c"}
    assert not set(got1) & set(got2)
    assert s.claim_sources("w3", ["feed:a", "feed:b", "feed:c"], T0 + timedelta(seconds=59),
                           limit=5, lease_seconds=60) == []
    held = {f.feed_key: f for f in s.feeds()}
    assert held[got1[0]].leased_by == "w1"
    assert held[got1[0]].lease_until == T0 + timedelta(seconds=60)
    # release: due again one interval later; only the holder may release
    assert not s.release_source(got1[0], "w2", next_poll_at=T0, at=T0)
    assert s.release_source(got1[0], "w1", next_poll_at=T0 + every, at=T0)
    f = {f.feed_key: f for f in s.feeds()}[got1[0]]
    assert f.leased_by is None and f.polled_by == "w1" and f.next_poll_at == T0 + every
    assert s.claim_sources("w1", [got1[0]], T0 + timedelta(minutes=9), limit=5,
                           lease_seconds=60) == []
    assert s.claim_sources("w1", [got1[0]], T0 + every, limit=5,
                           lease_seconds=60) == [got1[0]]
    # w2 dies: its leases run out, then another daemon takes its sources
    assert s.claim_sources("w3", got2, T0 + timedelta(seconds=61), limit=5,
                           lease_seconds=60) == sorted(got2)


def test_heartbeat_extends_leases_and_a_clean_stop_releases_them(state: Any) -> None:
    state.sync_sources([SourceSpec("feed:a", timedelta(minutes=1))], T0)
    assert state.claim_sources("w1", ["feed:a"], T0, limit=1, lease_seconds=10) == ["feed:a"]
    state.worker_seen("w1", T0 + timedelta(seconds=8), {"host": "h", "pid": 1},
                      leases_until=T0 + timedelta(seconds=18))
    assert state.claim_sources("w2", ["feed:a"], T0 + timedelta(seconds=12), limit=1,
                               lease_seconds=10) == []  # still held: w1 is alive
    [w] = state.workers()
    assert (w.worker, w.started_at, w.seen_at) == ("w1", T0 + timedelta(seconds=8),
                                                   T0 + timedelta(seconds=8))
    assert w.info["host"] == "h"
    state.worker_gone("w1", T0 + timedelta(seconds=13))
    assert state.workers() == []
    assert state.claim_sources("w2", ["feed:a"], T0 + timedelta(seconds=13), limit=1,
                               lease_seconds=10) == ["feed:a"]
    # a release by the old holder now changes nothing
    assert not state.release_source("feed:a", "w1", next_poll_at=T0, at=T0)


def test_sync_keeps_schedules_and_applies_new_intervals(state: Any) -> None:
    state.sync_sources([SourceSpec("feed:a", timedelta(hours=1))], T0)
    [k] = state.claim_sources("w", ["feed:a"], T0, limit=1, lease_seconds=60)
    state.record_poll(k, at=T0, ok=True)
    state.release_source(k, "w", next_poll_at=T0 + timedelta(hours=1), at=T0)
    # a restart with the same config keeps the schedule
    state.sync_sources([SourceSpec("feed:a", timedelta(hours=1))], T0 + timedelta(minutes=5))
    assert state.feeds()[0].next_poll_at == T0 + timedelta(hours=1)
    # a shorter interval in the config takes effect from the last poll
    state.sync_sources([SourceSpec("feed:a", timedelta(minutes=10))], T0 + timedelta(minutes=5))
    f = state.feeds()[0]
    assert f.every == timedelta(minutes=10) and f.next_poll_at == T0 + timedelta(minutes=10)


# ---------------------------------------------------------------------------- races


def _race(opener: Opener, n: int, fn: Callable[[Any, int], Any]) -> list[Any]:
    """``fn(store, i)`` in ``n`` threads at once, each with its own connection."""
    stores = [opener() for _ in range(n)]
    barrier = threading.Barrier(n)
    out: list[Any] = [None] * n

    def run(i: int) -> None:
        barrier.wait()
        out[i] = fn(stores[i], i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return out


def test_racing_claims_never_share_an_alert_or_a_source(opener: Opener) -> None:
    s = opener()
    s.enqueue([_alert(f"a{i}", group=f"g{i // 3}") for i in range(60)], T0)
    keys = [f"feed:{i}" for i in range(40)]
    s.sync_sources([SourceSpec(k, timedelta(minutes=5)) for k in keys], T0)

    def claim(store: Any, i: int) -> tuple[list[Any], list[str]]:
        alerts, sources = [], []
        for _ in range(6):
            alerts += store.claim(T0, limit=4, lease_seconds=60)
            sources += store.claim_sources(f"w{i}", keys, T0, limit=3, lease_seconds=60)
        return alerts, sources

    results = _race(opener, 4, claim)
    ids = [a.id for alerts, _ in results for a in alerts]
    srcs = [k for _, sources in results for k in sources]
    assert len(ids) == len(set(ids)) == 60  # every row once, none twice
    assert len(srcs) == len(set(srcs)) == 40
    # a message's rows (one group) went to one claimer
    owner: dict[str, int] = {}
    for i, (alerts, _) in enumerate(results):
        for a in alerts:
            assert owner.setdefault(a.group_key, i) == i


def test_racing_singletons_act_once(opener: Opener) -> None:
    s = opener()
    s.enqueue([_alert(f"d{i}", mode="digest") for i in range(5)], T0)

    def make(members):  # type: ignore[no-untyped-def]
        return NewAlert(channel="email", dedupe_key="digest|email|p", kind="digest")

    def act(store: Any, i: int) -> tuple[bool, bool, str]:
        lift = store.announce_lift("lift|k", [_alert(f"lift-{i}", group=None)], T0)
        digest = store.create_digest("email", "p", at=T0, make_alert=make) is not None
        return lift, digest, store.set_default("since", f"v{i}")

    results = _race(opener, 5, act)
    assert sum(r[0] for r in results) == 1 and sum(r[1] for r in results) == 1
    assert len({r[2] for r in results}) == 1
    kinds = sorted(a.kind for a in s.alerts() if a.mode == "immediate")
    assert kinds == ["digest", "finding"]  # one lift alert, one digest row
    assert len(s.batch_members(s.digests()[0].outbox_id)) == 5
