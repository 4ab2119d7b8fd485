"""Several real daemon processes on one real PostgreSQL server, with a real feed server and a
real SMTP server on loopback: the feeds are split, each entry is judged once, each violation
is mailed once across the daemons, and a daemon killed with ``kill -9`` mid-cycle has its
feeds taken over within one lease, with nothing lost and nothing sent twice."""

from __future__ import annotations

import itertools
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.alerts.servers import SmtpServer
from tests.conftest import ROOT
from tests.daemon.helpers import Daemon, plain_entry, rss, violation_entry, wait_for, write_config
from tests.feedserver import FeedServer, Reply, Seen, cached_feed

pytestmark = pytest.mark.slow


@pytest.fixture()
def smtp() -> Iterator[SmtpServer]:
    s = SmtpServer().start()
    yield s
    s.stop()


def _slow(body: bytes, delay: float) -> Any:
    """A cached feed that waits ``delay`` seconds before answering (a distant server)."""
    inner = cached_feed(body)

    def handler(req: Seen) -> Reply:
        r = inner(req)
        r.delay = delay
        return r

    return handler


def _serve(feeds: FeedServer, n: int, violations: int, delay: float) -> list[str]:
    """``n`` feeds of three entries; the first ``violations`` carry a violation each (with
    its own title, so every alert is a different message)."""
    urls = []
    for i in range(n):
        entries = [plain_entry(f"f{i}-p1"), plain_entry(f"f{i}-p2")]
        if i < violations:
            entries.append(violation_entry(f"f{i}-v", f"Story {i} on zelorimab"))
        else:
            entries.append(plain_entry(f"f{i}-p3"))
        urls.append(feeds.route(f"/f{i}.xml", _slow(rss(entries), delay)))
    return urls


def _events(d: Daemon, name: str) -> list[dict[str, Any]]:
    out = []
    for line in d.text().splitlines():
        if line.startswith("{"):
            doc = json.loads(line)
            if doc.get("event") == name:
                out.append(doc)
    return out


def _worker(d: Daemon) -> str:
    started = wait_for(lambda: _events(d, "started"), 60, what="the daemon's start", daemon=d)
    return str(started[0]["worker"])


def _rows(url: str) -> dict[str, dict[str, Any]]:
    import psycopg
    from psycopg.rows import dict_row

    with psycopg.connect(url, row_factory=dict_row) as conn:
        rows = conn.execute("SELECT * FROM feeds").fetchall()
    return {r["feed_key"]: r for r in rows}


def _status(config: Path) -> dict[str, Any]:
    r = subprocess.run([sys.executable, "-m", "embargo", "status", "--config", str(config),
                        "--format", "json", "--lifts", "0"], capture_output=True, text=True,
                       cwd=str(ROOT), timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def _assert_mailed_once(smtp: SmtpServer, n: int, repeats_allowed: int = 0) -> None:
    msgs = smtp.messages()
    by_id: dict[str, set[str]] = {}
    for m in msgs:
        by_id.setdefault(str(m["Message-ID"]), set()).add(str(m["Subject"]))
    assert len(by_id) == n, sorted(str(m["Subject"]) for m in msgs)
    assert all(len(s) == 1 for s in by_id.values())  # one Message-ID, one message
    assert len({s for subjects in by_id.values() for s in subjects}) == n
    # A repeat is only possible as the *same* message (same Message-ID), when a daemon dies
    # between the SMTP server's "250 OK" and the delivered mark (docs/alerts.md).
    assert len(msgs) - n <= repeats_allowed, [m["Message-ID"] for m in msgs]


def test_three_daemons_split_the_feeds_and_mail_each_violation_once(
        tmp_path: Path, catalog_path: Path, feeds: FeedServer, smtp: SmtpServer,
        pg_url: str) -> None:
    n_feeds, n_viol, every = 24, 8, 2.0
    urls = _serve(feeds, n_feeds, n_viol, delay=0.2)
    cfg = write_config(tmp_path, feeds=urls, smtp_port=smtp.port, catalog=catalog_path,
                       every="2s", state=pg_url, daemon='workers = 4\nlease = "10s"')
    daemons = [Daemon(cfg, "--log-format", "json") for _ in range(3)]
    workers = [_worker(d) for d in daemons]
    assert len(set(workers)) == 3

    # Every violation mailed; every feed polled three times; every daemon did its share.
    wait_for(lambda: len({m["Message-ID"] for m in smtp.messages()}) >= n_viol, 90,
             step=0.2, what="every violation mailed", daemon=daemons[0])
    wait_for(lambda: all(r["polls"] >= 3 for r in _rows(pg_url).values())
             and len(_rows(pg_url)) == n_feeds, 90, step=0.3, what="three polls of each feed",
             daemon=daemons[0])
    wait_for(lambda: all(len(_events(d, "poll")) >= 3 for d in daemons), 60, step=0.3,
             what="polls by every daemon", daemon=daemons[0])

    # `embargo status` names the daemons and who polled what.
    doc = _status(cfg)
    assert doc["shared"] and {d["worker"] for d in doc["daemons"]} == set(workers)
    assert {f["polled_by"] for f in doc["feeds"]} <= set(workers)
    assert all(f["every_seconds"] == every for f in doc["feeds"])
    text = subprocess.run([sys.executable, "-m", "embargo", "status", "--config", str(cfg),
                           "--lifts", "0"], capture_output=True, text=True, cwd=str(ROOT),
                          timeout=60).stdout
    assert "Daemons sharing this state (3):" in text and "last poll by:" in text
    assert all(w in text for w in workers)

    stopping = time.monotonic()  # a poll abandoned at a stop goes to another daemon at once
    for d in daemons:
        code, took = d.stop(signal.SIGTERM)
        assert code == 0 and took < 10, d.text()[-2000:]
        assert "Traceback" not in d.text()
    _assert_mailed_once(smtp, n_viol)

    # Each entry judged once across the daemons (later polls were 304s).
    polls = [e for d in daemons for e in _events(d, "poll")]
    assert sum(int(e.get("judged", 0)) for e in polls) == 3 * n_feeds
    assert sum(1 for e in polls if e["status"] == "ok") == n_feeds
    # No feed was polled twice within its interval, whichever daemon polled it.
    for i in range(n_feeds):
        hits = [h.at for h in feeds.hits(f"/f{i}.xml") if h.at < stopping]
        gaps = [b - a for a, b in itertools.pairwise(hits)]
        assert len(hits) >= 3 and min(gaps) >= every - 0.02, (i, gaps)
    # After a clean stop nothing is held and no daemon is listed.
    assert all(r["leased_by"] is None for r in _rows(pg_url).values())
    assert _status(cfg)["daemons"] == []


def test_kill_9_mid_cycle_feeds_taken_over_within_one_lease(
        tmp_path: Path, catalog_path: Path, feeds: FeedServer, smtp: SmtpServer,
        pg_url: str) -> None:
    n_feeds, n_viol, lease = 16, 8, 4.0
    urls = _serve(feeds, n_feeds, n_viol, delay=1.0)
    cfg = write_config(tmp_path, feeds=urls, smtp_port=smtp.port, catalog=catalog_path,
                       every="10m", state=pg_url, daemon=f'workers = 2\nlease = "{lease:g}s"')
    a, b = Daemon(cfg, "--log-format", "json"), Daemon(cfg, "--log-format", "json")
    worker_a, worker_b = _worker(a), _worker(b)

    # Wait until B is mid-poll (it holds leases only while polling), then kill it.
    wait_for(lambda: any(r["leased_by"] == worker_b for r in _rows(pg_url).values()), 60,
             step=0.05, what="B holding a feed", daemon=b)
    b.kill9()
    killed_at = datetime.now(UTC)
    held = {k: r for k, r in _rows(pg_url).items() if r["leased_by"] == worker_b}
    assert held
    for r in held.values():
        assert r["lease_until"] <= killed_at + timedelta(seconds=lease)

    # A takes them over once their leases run out, and polls them to the end.
    def taken_over() -> bool:
        rows = _rows(pg_url)
        return all(rows[k]["polled_by"] == worker_a for k in held)

    wait_for(taken_over, 60, step=0.2, what="A taking over B's feeds", daemon=a)
    rows = _rows(pg_url)
    for k, r in held.items():
        took = rows[k]["leased_at"]  # A's claim
        assert took >= r["lease_until"], "taken while B's lease still ran"
        # within one lease of the kill (plus the claim loop's second and one poll that may
        # be occupying A's threads)
        assert took - killed_at <= timedelta(seconds=lease + 3), (k, took - killed_at)

    # Nothing lost: every feed polled to the end, every violation mailed; nothing twice.
    wait_for(lambda: all(r["last_success_at"] is not None for r in _rows(pg_url).values()),
             60, step=0.3, what="every feed polled", daemon=a)
    wait_for(lambda: len({m["Message-ID"] for m in smtp.messages()}) >= n_viol, 90,
             step=0.3, what="every violation mailed", daemon=a)
    code, _ = a.stop(signal.SIGTERM)
    assert code == 0 and "Traceback" not in a.text()
    _assert_mailed_once(smtp, n_viol, repeats_allowed=1)
    import psycopg

    with psycopg.connect(pg_url) as conn:
        items = conn.execute("SELECT COUNT(*), COUNT(DISTINCT (source_key, item_key)) "
                             "FROM items").fetchone()
        pending = conn.execute("SELECT COUNT(*) FROM outbox WHERE status <> 'delivered'"
                               ).fetchone()
    assert items == (3 * n_feeds, 3 * n_feeds) and pending == (0,)
