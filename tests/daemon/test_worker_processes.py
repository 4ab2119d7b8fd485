"""Polls through the worker processes: the same records as in the polling thread; a body
sent again whole (validators ignored) is not parsed again; a lost worker loses no poll."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from embargo.config import parse_config
from embargo.daemon import jobs
from embargo.policy.loader import PolicySet
from embargo.sources.feeds import FeedSource
from embargo.state import open_state
from tests.daemon.helpers import plain_entry, rss, violation_entry
from tests.feedserver import FeedServer

T0 = datetime(2024, 11, 20, 12, 0, tzinfo=UTC)
ENTRIES = [violation_entry(f"v{i}") if i % 3 == 0 else plain_entry(f"p{i}") for i in range(12)]


@pytest.fixture()
def make_ctx(tmp_path: Path, catalog_path: Path) -> Iterator[Callable[..., jobs.DaemonContext]]:
    made: list[jobs.DaemonContext] = []

    def make(url: str, name: str, processes: int) -> jobs.DaemonContext:
        cfg = parse_config({
            "timezone": "America/New_York", "catalog": str(catalog_path),
            "state": str(tmp_path / f"{name}.db"), "feeds": [{"url": url, "name": "Wire"}],
            "maildir": {"path": str(tmp_path / f"mail-{name}"),
                        "immediate": ["violation", "review"], "digest": "off"}})
        ctx = jobs.DaemonContext(cfg, open_state(cfg.state), policies=PolicySet.load(),
                                 catalog_path=catalog_path, log=logging.getLogger("t.w"),
                                 clock=lambda: T0, processes=processes)
        ctx.pool_min_bytes = 0
        ctx.pool_min_entries = 0
        made.append(ctx)
        return ctx

    yield make
    for c in made:
        c.close()
        c.state.close()


def _records(ctx: jobs.DaemonContext) -> list[tuple[Any, ...]]:
    return [(r.item_key, r.content_hash, r.title, r.link, r.published_at, r.verdict,
             r.judgement) for r in sorted(ctx.state.items(), key=lambda r: r.item_key)]


def _outbox(ctx: jobs.DaemonContext) -> list[tuple[Any, ...]]:
    return sorted((a.channel, a.dedupe_key, a.kind, a.subject, repr(a.payload))
                  for a in ctx.state.alerts())


def test_workers_record_what_the_polling_thread_records(make_ctx: Any,
                                                         feeds: FeedServer) -> None:
    url = feeds.route("/f", rss(ENTRIES))
    here, there = make_ctx(url, "here", 0), make_ctx(url, "there", 1)
    assert here.workers is None and there.workers is not None
    outs = [jobs.poll_source(c, FeedSource(c.config.feeds[0], stop=c.stop))
            for c in (here, there)]
    assert outs[0].status == outs[1].status == "ok"
    assert (outs[0].new, outs[0].violations, outs[0].alerts) == (
        outs[1].new, outs[1].violations, outs[1].alerts) == (12, 4, outs[0].alerts)
    assert outs[0].alerts > 0
    assert _records(here) == _records(there)
    assert _outbox(here) == _outbox(there)


def test_same_body_again_is_not_parsed(make_ctx: Any, feeds: FeedServer,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    url = feeds.route("/f", rss(ENTRIES))  # no validators: every poll is a 200
    ctx = make_ctx(url, "s", 0)
    src = FeedSource(ctx.config.feeds[0], stop=ctx.stop)
    assert jobs.poll_source(ctx, src).new == 12

    def no_parse(*a: Any) -> Any:
        raise AssertionError("parsed again")

    monkeypatch.setattr(ctx, "parse_feed", no_parse)
    out = jobs.poll_source(ctx, src)
    assert (out.status, out.entries, out.unchanged, out.new) == ("ok", 12, 12, 0)
    monkeypatch.undo()
    # An entry the state no longer holds as it was: the body is parsed and it is judged.
    with ctx.state._tx() as db:  # type: ignore[attr-defined]
        n = db.execute("UPDATE items SET content_hash = 'x' WHERE item_key LIKE 'guid:%/p1'"
                       ).rowcount
    assert n == 1
    out = jobs.poll_source(ctx, src)
    assert (out.status, out.unchanged, out.judged) == ("ok", 11, 1)
    # Other policies or another catalogue: parsed and judged again.
    ctx.basis = "another basis"
    out = jobs.poll_source(ctx, src)
    assert (out.status, out.unchanged, out.judged) == ("ok", 0, 12)


def test_a_lost_worker_loses_no_poll(make_ctx: Any, feeds: FeedServer) -> None:
    url = feeds.route("/f", rss(ENTRIES))
    ctx = make_ctx(url, "lost", 1)
    assert ctx.workers is not None
    jobs.poll_source(ctx, FeedSource(ctx.config.feeds[0], stop=ctx.stop))
    pool = ctx.workers._pool
    assert pool is not None
    for p in list(pool._processes.values()):  # type: ignore[attr-defined]
        p.kill()
        p.join()
    ctx.basis = "judge again"
    out = jobs.poll_source(ctx, FeedSource(ctx.config.feeds[0], stop=ctx.stop))
    assert (out.status, out.judged, out.errors) == ("ok", 12, 0)


def test_one_entry_that_cannot_be_recorded_costs_the_others_nothing(
        make_ctx: Any, feeds: FeedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    url = feeds.route("/f", rss(ENTRIES))
    ctx = make_ctx(url, "rec", 0)
    real = ctx.state.record_items

    def record_items(rows: Any, at: datetime) -> Any:
        if any(r.item_key.endswith("/p4") for r in rows):
            raise OSError("disk full")
        return real(rows, at)

    monkeypatch.setattr(ctx.state, "record_items", record_items)
    src = FeedSource(ctx.config.feeds[0], stop=ctx.stop)
    out = jobs.poll_source(ctx, src)
    assert (out.status, out.new, out.errors) == ("error", 11, 1)
    assert "disk full" in (out.error or "")
    assert ctx.state.feed_cache(src.key) == (None, None)  # not ok: no validators
    monkeypatch.undo()
    out = jobs.poll_source(ctx, src)  # the next poll records it
    assert (out.status, out.new, out.unchanged) == ("ok", 1, 11)
