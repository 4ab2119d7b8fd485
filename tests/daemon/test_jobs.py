"""The daemon's jobs called directly (fast), with a real state file, a real feed server, the
example catalogue and a clock the test moves."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from embargo.config import Config, parse_config
from embargo.daemon import jobs
from embargo.daemon.app import build_scheduler, build_sources
from embargo.daemon.logs import setup_logging
from embargo.policy.loader import PolicySet
from embargo.sources.base import Harvest, Validators
from embargo.sources.drafts import DraftFolderSource
from embargo.sources.feeds import Body, FeedSource
from embargo.state import open_state
from tests.daemon.helpers import plain_entry, rss, violation_entry
from tests.feedserver import FeedServer, Reply, cached_feed

T0 = datetime(2024, 11, 14, 14, 0, tzinfo=UTC)  # 09:00 ET, an hour before the 10:00 ET lift


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture()
def make_ctx(tmp_path: Path, catalog_path: Path) -> Iterator[Callable[..., jobs.DaemonContext]]:
    made: list[jobs.DaemonContext] = []

    def make(doc: dict[str, Any] | None = None, *, now: datetime = T0,
             state: str = "state.db") -> jobs.DaemonContext:
        base: dict[str, Any] = {
            "timezone": "America/New_York", "catalog": str(catalog_path),
            "state": str(tmp_path / state),
            "maildir": {"path": str(tmp_path / "mail"), "immediate": ["violation", "review"],
                        "digest": "off"},
        }
        base.update(doc or {})
        cfg = parse_config(base)
        log = logging.getLogger(f"test.daemon.{len(made)}")
        ctx = jobs.DaemonContext(cfg, open_state(cfg.state), policies=PolicySet.load(),
                                 catalog_path=catalog_path, log=log, clock=Clock(now))
        made.append(ctx)
        return ctx

    yield make
    for c in made:
        c.close()
        c.state.close()


def _feed(ctx: jobs.DaemonContext, url: str) -> FeedSource:
    return FeedSource(ctx.config.feeds[0] if ctx.config.feeds else
                      parse_config({"feeds": [{"url": url}]}).feeds[0], stop=ctx.stop)


def _finding_alerts(ctx: jobs.DaemonContext) -> list[Any]:
    return [a for a in ctx.state.alerts() if a.kind == "finding"]


# ------------------------------------------------------------------------------- feeds


def test_poll_records_once_304_and_unchanged_entries(make_ctx: Any, feeds: FeedServer) -> None:
    url = feeds.route("/f", cached_feed(rss([violation_entry("v1"), plain_entry("p1")])))
    ctx = make_ctx({"feeds": [{"url": url, "name": "Wire"}]})
    src = _feed(ctx, url)
    out = jobs.poll_source(ctx, src)
    assert (out.status, out.entries, out.new, out.violations) == ("ok", 2, 2, 1)
    assert out.alerts >= 1 and len(_finding_alerts(ctx)) == out.alerts
    assert ctx.state.feed_cache(src.key)[0]  # ETag kept for the next poll
    out = jobs.poll_source(ctx, src)
    assert out.status == "not-modified" and out.http_status == 304
    # The same content again with 200 (no validators): nothing judged again, nothing new.
    feeds.route("/f", rss([violation_entry("v1"), plain_entry("p1")]))
    out = jobs.poll_source(ctx, src)
    assert (out.status, out.unchanged, out.new, out.alerts) == ("ok", 2, 0, 0)
    # A new entry is caught.
    feeds.route("/f", rss([violation_entry("v1"), plain_entry("p1"), violation_entry("v2")]))
    out = jobs.poll_source(ctx, src)
    assert (out.new, out.unchanged, out.violations) == (1, 2, 1)
    [fs] = [f for f in ctx.state.feeds() if f.feed_key == src.key]
    assert fs.entries_seen == 3 and fs.ok


def test_changed_policies_or_catalogue_judge_seen_entries_again(make_ctx: Any,
                                                               feeds: FeedServer) -> None:
    url = feeds.route("/f", rss([plain_entry("p1")]))
    ctx = make_ctx()
    src = _feed(ctx, url)
    jobs.poll_source(ctx, src)
    assert jobs.poll_source(ctx, src).unchanged == 1
    ctx.basis = "something else"
    out = jobs.poll_source(ctx, src)
    assert out.unchanged == 0 and out.new == 0  # judged again, recorded as the same item


def test_feed_error_is_recorded_with_the_url(make_ctx: Any, feeds: FeedServer) -> None:
    url = feeds.route("/gone", Reply(b"", 500))
    ctx = make_ctx()
    out = jobs.poll_source(ctx, _feed(ctx, url))
    assert out.status == "error" and out.http_status == 500
    [fs] = ctx.state.feeds()
    assert not fs.ok and "HTTP 500" in (fs.last_error or "") and url in (fs.last_error or "")


class _StopAfterFetch(FeedSource):
    """A feed whose download returns and then the daemon is told to stop (SIGTERM mid-poll)."""

    def fetch(self, validators: Validators | None = None) -> tuple[Harvest, Body | None]:
        got = super().fetch(validators)
        assert self.stop is not None
        self.stop.set()
        return got


def test_abandoned_poll_stores_no_validators(make_ctx: Any, feeds: FeedServer) -> None:
    url = feeds.route("/f", cached_feed(rss([violation_entry("v1"), plain_entry("p1")])))
    ctx = make_ctx()
    src = _StopAfterFetch(parse_config({"feeds": [{"url": url}]}).feeds[0], stop=ctx.stop)
    out = jobs.poll_source(ctx, src)
    assert out.status == "abandoned" and out.new == 0
    assert ctx.state.feed_cache(src.key) == (None, None)  # next poll reads it all again
    ctx.stop.clear()
    out = jobs.poll_source(ctx, FeedSource(src.config, stop=ctx.stop))
    assert out.status == "ok" and out.new == 2
    assert ctx.state.feed_cache(src.key)[0]


def test_undated_entry_is_judged_at_first_sight_and_keeps_it(make_ctx: Any,
                                                             feeds: FeedServer) -> None:
    body = rss([("u1", "Undated", "", "First words.")]).replace(b"<pubDate></pubDate>", b"")
    url = feeds.route("/f", body)
    ctx = make_ctx()
    src = _feed(ctx, url)
    jobs.poll_source(ctx, src)
    [item] = ctx.state.items()
    assert item.item_key == f"guid:{feeds.url('/u1')}"  # feedparser resolves the guid
    assert item.judgement["published_at"] == T0.isoformat()
    assert "first sight" in item.judgement["published_at_note"]
    ctx.clock.now = T0 + timedelta(hours=5)
    feeds.route("/f", body.replace(b"First words.", b"Edited words."))
    jobs.poll_source(ctx, src)
    [item] = ctx.state.items()
    assert item.judgement["published_at"] == T0.isoformat()
    assert "Edited" in json.dumps(item.judgement) or item.content_hash


# ------------------------------------------------------------------------------- drafts

DRAFT = """---
title: {title}
kind: press-release
abstracts: [acr-2024:0645]
{publish}
---
ACR20 at week 24 was reached by 61.9% of patients on zelorimab every 4 weeks versus 35.7% on
placebo in the ORCHID-2 trial.

"We now plan a head-to-head study," said the lead investigator.
"""


def _draft(folder: Path, name: str, title: str, publish: str = "") -> Path:
    p = folder / name
    p.write_text(DRAFT.format(title=title, publish=publish), encoding="utf-8")
    return p


def test_draft_folder_quiet_then_violation_then_publishable(make_ctx: Any,
                                                            tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    ok = _draft(folder, "ok.md", "Timed right", "publish_at: 2024-11-14 11:00 ET")
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # not a draft: ignored
    ctx = make_ctx({"drafts": [{"path": str(folder), "every": "1m"}]})
    [src] = build_sources(ctx.config, ctx.stop)
    assert isinstance(src, DraftFolderSource)
    out = jobs.poll_source(ctx, src)
    assert (out.entries, out.violations, out.alerts) == (1, 0, 0)  # compliant: quiet
    # publish_at moved before the lift: a violation, alerted once.
    _draft(folder, "ok.md", "Timed right", "publish_at: 2024-11-14 09:30 ET")
    out = jobs.poll_source(ctx, src)
    assert out.violations == 1 and out.alerts >= 1
    assert jobs.poll_source(ctx, src).alerts == 0  # the same violation: not again
    # A held draft (no publish_at: judged now, before the lift) ...
    ok.unlink()
    _draft(folder, "held.md", "Wait for it")
    out = jobs.poll_source(ctx, src)
    assert out.violations == 1 and out.published == 0
    # ... is announced once when its embargo lifts.
    ctx.clock.now = datetime(2024, 11, 14, 15, 5, tzinfo=UTC)
    out = jobs.poll_source(ctx, src)
    assert out.violations == 0 and out.published == 1
    ctx.clock.now += timedelta(minutes=5)
    assert jobs.poll_source(ctx, src).published == 0
    notices = [a for a in ctx.state.alerts() if a.kind == "publishable"]
    assert len(notices) == 1 and "Wait for it" in notices[0].subject


def test_draft_edited_while_held_is_not_announced(make_ctx: Any, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    _draft(folder, "d.md", "Original")
    ctx = make_ctx({"drafts": [{"path": str(folder)}]})
    [src] = build_sources(ctx.config, ctx.stop)
    jobs.poll_source(ctx, src)
    ctx.clock.now = datetime(2024, 11, 14, 15, 5, tzinfo=UTC)
    (folder / "d.md").write_text("Nothing about any trial any more.\n", encoding="utf-8")
    out = jobs.poll_source(ctx, src)
    assert out.published == 0
    assert not [a for a in ctx.state.alerts() if a.kind == "publishable"]


def test_missing_draft_folder_is_a_source_error(make_ctx: Any, tmp_path: Path) -> None:
    ctx = make_ctx({"drafts": [{"path": str(tmp_path / "nowhere")}]})
    [src] = build_sources(ctx.config, ctx.stop)
    out = jobs.poll_source(ctx, src)
    assert out.status == "error" and "no such folder" in (out.error or "")


# ------------------------------------------------------------------------------- lifts


def _lift_notices(ctx: jobs.DaemonContext) -> list[Any]:
    return [a for a in ctx.state.alerts() if a.kind in ("lift", "lift-upcoming")]


def test_lift_watch_leads_lift_and_catch_up_once(make_ctx: Any) -> None:
    ctx = make_ctx(now=datetime(2024, 11, 13, 16, 0, tzinfo=UTC))  # 23 h before 10:00 ET
    assert jobs.watch_lifts(ctx) >= 1  # the 24 h notice of the 14 Nov lifts
    first = _lift_notices(ctx)
    assert first and all(a.kind == "lift-upcoming" for a in first)
    assert any("2024-11-14T10:00:00-05:00" in a.dedupe_key for a in first)
    assert jobs.watch_lifts(ctx) == 0  # once
    ctx.clock.now = datetime(2024, 11, 14, 14, 30, tzinfo=UTC)  # 30 min before
    assert jobs.watch_lifts(ctx) >= 1  # the 1 h notice
    # Downtime over the lift: when the daemon comes back, the lift is announced, once.
    ctx.clock.now = datetime(2024, 11, 14, 18, 0, tzinfo=UTC)
    assert jobs.watch_lifts(ctx) >= 1
    lifted = [a for a in _lift_notices(ctx) if a.kind == "lift"]
    assert lifted and all("|now" in a.dedupe_key for a in lifted)
    assert jobs.watch_lifts(ctx) == 0
    before = {a.dedupe_key for a in _lift_notices(ctx)}
    ctx.clock.now += timedelta(days=1)
    jobs.watch_lifts(ctx)  # may announce later lifts (sessions), never the 14 Nov ones again
    later = {a.dedupe_key for a in _lift_notices(ctx)} - before
    assert not [k for k in later if "2024-11-14T10:00" in k]


def test_lift_watch_after_downtime_skips_the_missed_lead(make_ctx: Any) -> None:
    ctx = make_ctx(now=datetime(2024, 11, 12, 12, 0, tzinfo=UTC))
    jobs.watch_lifts(ctx)  # first run: sets the start of the watch
    ctx.clock.now = datetime(2024, 11, 14, 14, 30, tzinfo=UTC)  # stopped past the 24 h lead
    jobs.watch_lifts(ctx)
    keys = [a.dedupe_key for a in _lift_notices(ctx) if "2024-11-14T10:00" in a.dedupe_key]
    assert keys and all(k.endswith("|3600s") for k in keys)  # the 1 h notice only


def test_first_start_long_after_a_meeting_announces_nothing(make_ctx: Any) -> None:
    ctx = make_ctx(now=datetime(2025, 6, 1, tzinfo=UTC))
    assert jobs.watch_lifts(ctx) == 0 and not _lift_notices(ctx)


def test_catch_up_is_bounded(make_ctx: Any) -> None:
    ctx = make_ctx({"daemon": {"lift_catchup": "2d"}},
                   now=datetime(2024, 11, 1, tzinfo=UTC))
    jobs.watch_lifts(ctx)
    ctx.clock.now = datetime(2024, 11, 20, tzinfo=UTC)  # down for 19 days
    jobs.watch_lifts(ctx)
    assert not [a for a in _lift_notices(ctx) if a.kind == "lift"]


# ------------------------------------------------------------------------------- wiring


def test_scheduler_jobs_from_config(make_ctx: Any, tmp_path: Path) -> None:
    ctx = make_ctx({
        "feeds": [{"url": "http://127.0.0.1:9/a", "every": "30s"},
                  {"url": "http://127.0.0.1:9/a", "every": "30s"},  # twice: polled once
                  {"url": "http://127.0.0.1:9/b", "every": "2h"}],
        "drafts": [{"path": str(tmp_path), "every": "5m"}],
        "daemon": {"workers": 4, "jitter": "20s", "misfire_grace": "2m"},
    })
    sched = build_scheduler(ctx, build_sources(ctx.config, ctx.stop))
    js = {j.id: j for j in sched.get_jobs()}
    assert set(js) == {"feed:http://127.0.0.1:9/a", "feed:http://127.0.0.1:9/b",
                       f"drafts:{tmp_path}", "outbox", "lifts", "digest"}
    a = js["feed:http://127.0.0.1:9/a"]
    assert a.coalesce and a.max_instances == 1 and a.misfire_grace_time == 120
    assert a.trigger.interval == timedelta(seconds=30) and a.trigger.jitter == 6
    assert js["feed:http://127.0.0.1:9/b"].trigger.jitter == 20
    assert a.executor == "feeds" and js["outbox"].executor == "control"


def test_json_log_lines(make_ctx: Any, feeds: FeedServer) -> None:
    url = feeds.route("/f", rss([plain_entry("p1")]))
    stream = io.StringIO()
    ctx = make_ctx()
    ctx.log = setup_logging("json", stream=stream)
    jobs.poll_source(ctx, _feed(ctx, url))
    jobs.poll_source(ctx, _feed(ctx, feeds.url("/missing")))
    lines = [json.loads(x) for x in stream.getvalue().splitlines()]
    assert [x["event"] for x in lines] == ["poll", "poll"]
    assert lines[0]["status"] == "ok" and lines[0]["entries"] == 1 and lines[0]["http"] == 200
    assert lines[1]["level"] == "warning" and "HTTP 404" in lines[1]["error"]
    assert lines[1]["url"].endswith("/missing") and "duration" in lines[1]


def test_bad_config_is_one_line_exit_2(cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[daemon]\nworkerz = 3\n')
    r = cli("daemon", "--config", str(bad))
    assert r.code == 2 and "workerz" in r.err and r.err.count("\n") == 1
    bad.write_text('[[feeds]]\nurl = "http://x.example/rss"\nevery = "soon"\n')
    r = cli("daemon", "--config", str(bad))
    assert r.code == 2 and "every" in r.err
    assert cli("daemon", "--config", str(tmp_path / "none.toml")).code == 2


def test_config_keeps_daemon_defaults() -> None:
    cfg: Config = parse_config({})
    assert cfg.daemon.lift_catchup == timedelta(days=7)
    assert cfg.daemon.stop_grace == timedelta(seconds=5)
