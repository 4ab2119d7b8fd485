"""The claim loop in-process (daemon/shared.py) on a real PostgreSQL state: feeds and draft
folders are synced, claimed, polled and scheduled one interval after the poll finished; a
source no config of this daemon names is left alone; stopping hands over what is in hand."""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

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


@pytest.fixture()
def feeds() -> Iterator[FeedServer]:
    s = FeedServer().start()
    yield s
    s.stop()


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
