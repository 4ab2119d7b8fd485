"""The claim loop in-process (daemon/shared.py) on a real PostgreSQL state: feeds and draft
folders are synced, claimed, polled and scheduled one interval after the poll finished; a
source no config of this daemon names is left alone; stopping hands over what is in hand."""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from embargo.config import parse_config
from embargo.daemon import jobs
from embargo.daemon.app import build_sources
from embargo.daemon.shared import SharedPolling
from embargo.policy.loader import PolicySet
from embargo.state import SourceSpec, open_state
from embargo.timeparse import now_utc
from tests.conftest import EXAMPLES
from tests.daemon.helpers import plain_entry, rss, violation_entry, wait_for
from tests.feedserver import FeedServer, cached_feed


def test_claim_loop_polls_feeds_and_draft_folders_once_per_interval(
        tmp_path: Path, catalog_path: Path, feeds: FeedServer, pg_url: str) -> None:
    url = feeds.route("/wire.xml", cached_feed(rss([violation_entry("v1"),
                                                    plain_entry("p1")])))
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copy(EXAMPLES / "drafts" / "02-release-with-quote-before-lift.md", drafts)
    cfg = parse_config({
        "timezone": "America/New_York", "catalog": str(catalog_path), "state": pg_url,
        "feeds": [{"url": url, "every": "1h"}],
        "drafts": [{"path": str(drafts), "every": "1h", "kind": "press-release"}],
        "maildir": {"path": str(tmp_path / "mail"), "digest": "off"},
        "daemon": {"workers": 2, "lease": "30s", "jitter": "1s"}})
    stop = threading.Event()
    state = open_state(pg_url)
    # A source another daemon's config names: in the table, never claimed by this one.
    state.sync_sources([SourceSpec("feed:https://other.example/rss", timedelta(hours=1))],
                       now_utc())
    ctx = jobs.DaemonContext(cfg, state, policies=PolicySet.load(), catalog_path=catalog_path,
                             log=logging.getLogger("test.shared"), stop=stop)
    poller = SharedPolling(ctx, build_sources(cfg, stop))
    try:
        poller.start()
        keys = {f"feed:{url}", f"drafts:{drafts}"}

        def polled() -> bool:
            rows = {f.feed_key: f for f in state.feeds()}
            return all(rows[k].polls >= 1 and rows[k].leased_by is None for k in keys)

        wait_for(polled, 60, what="the feed and the draft folder polled")
        rows = {f.feed_key: f for f in state.feeds()}
        for k in keys:
            f = rows[k]
            assert f.polled_by == poller.worker and f.every == timedelta(hours=1)
            assert f.last_poll_at is not None and f.next_poll_at is not None
            # one interval after the poll, plus at most a fifth of the jitter
            assert timedelta(hours=1) <= f.next_poll_at - f.last_poll_at \
                <= timedelta(hours=1, seconds=30)
        other = rows["feed:https://other.example/rss"]
        assert other.polls == 0 and other.leased_by is None
        assert [w.worker for w in state.workers()] == [poller.worker]
        assert {i.source_key for i in state.items()} == keys
        assert any(a.kind == "finding" for a in state.alerts())
    finally:
        poller.stop_claiming()
        poller.close()
        ctx.close()
    assert state.workers() == []
    state.close()


def test_claim_loop_keeps_the_fail_safe_poll_rules(
        tmp_path: Path, catalog_path: Path, feeds: FeedServer, pg_url: str,
        cli: Callable[..., Any]) -> None:
    """Issue 11's rules hold for a claimed feed (the claim loop polls through
    ``jobs.poll_source``): an entry that cannot be recorded makes the poll an error, keeps the
    validators out and is judged again next time; entries over ``entries_per_poll`` wait in a
    backlog that ``status`` shows; an unreadable draft is an error and a ``review`` alert.
    The failed write is real: a trigger on the server refuses one entry's row."""
    import psycopg

    entries = [violation_entry(f"v{i}", f"Story {i} on zelorimab") if i % 4 == 3
               else plain_entry(f"p{i}") for i in range(12)]
    url = feeds.route("/wire.xml", cached_feed(rss(entries)))
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "good.md").write_text("---\nkind: press-release\n---\nThe car park reopens.\n",
                                    encoding="utf-8")
    (drafts / "empty.md").write_bytes(b"")
    cfg = parse_config({
        "timezone": "America/New_York", "catalog": str(catalog_path), "state": pg_url,
        "feeds": [{"url": url, "every": "1h", "name": "Wire"}],
        "drafts": [{"path": str(drafts), "every": "1h", "kind": "press-release"}],
        "maildir": {"path": str(tmp_path / "mail"), "digest": "off"},
        "daemon": {"workers": 2, "lease": "30s", "jitter": "1s", "entries_per_poll": 5}})
    stop = threading.Event()
    state = open_state(pg_url)
    feed_key, drafts_key = f"feed:{url}", f"drafts:{drafts}"
    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("""CREATE FUNCTION refuse_v3() RETURNS trigger LANGUAGE plpgsql AS $$
                      BEGIN IF NEW.item_key LIKE '%/v3' THEN
                        RAISE EXCEPTION 'could not extend file: No space left on device';
                      END IF; RETURN NEW; END $$""")
        db.execute("CREATE TRIGGER refuse_v3 BEFORE INSERT ON items FOR EACH ROW "
                   "EXECUTE FUNCTION refuse_v3()")
    ctx = jobs.DaemonContext(cfg, state, policies=PolicySet.load(), catalog_path=catalog_path,
                             log=logging.getLogger("test.shared"), stop=stop)
    poller = SharedPolling(ctx, build_sources(cfg, stop))

    def feed_row(key: str) -> Any:
        return {f.feed_key: f for f in state.feeds()}[key]

    def polled(key: str, n: int) -> Callable[[], bool]:
        def done() -> bool:  # polled n times and the lease released
            f = feed_row(key)
            return f.polls >= n and f.leased_by is None
        return done

    def poll_again(n: int) -> None:
        with psycopg.connect(pg_url, autocommit=True) as db:
            db.execute("UPDATE feeds SET next_poll_at = now() WHERE feed_key = %s", (feed_key,))
        wait_for(polled(feed_key, n), 60, what=f"poll {n} of the feed")

    def violations() -> set[str]:
        return {(a.item_key or "").rsplit("/", 1)[-1] for a in state.alerts()
                if a.kind == "finding" and a.verdict == "violation"}

    try:
        poller.start()
        wait_for(polled(feed_key, 1), 60, what="the first poll of the feed")
        wait_for(polled(drafts_key, 1), 60, what="the poll of the draft folder")
        # Poll 1: p0 p1 p2 v3 p4 judged (the cap), v3 not recorded, 7 left.
        f = feed_row(feed_key)
        assert not f.ok and "1 of 12 entries could not be recorded" in (f.last_error or "")
        assert "No space left" in (f.last_error or "")
        assert state.feed_cache(feed_key) == (None, None)
        assert state.get(f"backlog:{feed_key}") == "7"
        d = feed_row(drafts_key)
        assert not d.ok and "empty.md" in (d.last_error or "")
        assert {a.item_key for a in state.alerts() if a.verdict == "review"} == \
            {"path:empty.md"}
        r = cli("status", "--state", pg_url, "--catalog", str(catalog_path))
        assert r.code == 0, r.err
        assert "7 entries not judged yet" in r.out and "Daemons sharing this state (1)" in r.out
        assert f"Catalogue: {catalog_path} (" in r.out

        with psycopg.connect(pg_url, autocommit=True) as db:  # space comes back
            db.execute("DROP TRIGGER refuse_v3 ON items")
        poll_again(2)  # v3 again, then p5 p6 v7 p8: ok, 3 left, still no validators
        f = feed_row(feed_key)
        assert f.ok and f.last_new_entries == 5 and state.feed_cache(feed_key) == (None, None)
        assert violations() == {"v3", "v7"}
        poll_again(3)  # p9 p10 v11: complete, validators kept, no backlog
        assert violations() == {"v3", "v7", "v11"}
        assert state.feed_cache(feed_key)[0] and state.get(f"backlog:{feed_key}") is None
        assert len([i for i in state.items() if i.source_key == feed_key]) == 12
        poll_again(4)
        assert feed_row(feed_key).http_status == 304
    finally:
        poller.stop_claiming()
        poller.close()
        ctx.close()
        state.close()
