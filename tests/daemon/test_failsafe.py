"""Issue 11: the daemon never passes what it could not know and never loses an entry.

Jobs are called directly with a real state file, a real feed server on 127.0.0.1 and the
example catalogue; a full disk is real too: SQLite's ``max_page_count`` on the state's own
connection makes every insert past it fail with "database or disk is full", and a file-size
limit (``RLIMIT_FSIZE``) in a daemon subprocess makes every write of the state fail.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from embargo.daemon import jobs
from tests.conftest import ROOT
from tests.daemon.helpers import QUOTE_ENTRY, plain_entry, rss, violation_entry, write_config
from tests.daemon.test_jobs import (  # noqa: F401
    T0,
    Clock,
    _feed,
    _finding_alerts,
    make_ctx,
)
from tests.feedserver import FeedServer, cached_feed


def _violating_items(ctx: jobs.DaemonContext) -> set[str]:
    return {(a.item_key or "").rsplit("/", 1)[-1] for a in _finding_alerts(ctx)
            if a.verdict == "violation"}


# ------------------------------------------------------------------ item 2: never lose an entry


def test_a_full_disk_fails_the_poll_and_nothing_is_lost(make_ctx: Any,  # noqa: F811
                                                        feeds: FeedServer) -> None:
    entries = [violation_entry(f"v{i}", f"Story {i} on zelorimab") if i % 10 == 0
               else plain_entry(f"p{i}") for i in range(300)]
    url = feeds.route("/big.xml", cached_feed(rss(entries)))
    ctx = make_ctx({"feeds": [{"url": url, "name": "Wire"}]})
    src = _feed(ctx, url)
    db: sqlite3.Connection = ctx.state._db  # type: ignore[attr-defined]
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 8}")  # the disk fills after a few entries

    out = jobs.poll_source(ctx, src)
    assert out.status == "error", out
    assert "could not be recorded" in (out.error or "") and "full" in (out.error or "")
    assert ctx.state.feed_cache(src.key) == (None, None)  # no validators: no 304 next time
    [status] = [f for f in ctx.state.feeds() if f.feed_key == src.key]
    assert not status.ok and "could not be recorded" in (status.last_error or "")
    recorded = status.entries_seen
    assert 0 < recorded < len(entries)

    db.execute("PRAGMA max_page_count = 1073741823")  # space comes back
    out = jobs.poll_source(ctx, src)
    assert out.status == "ok" and out.http_status == 200, out
    assert out.new == len(entries) - recorded
    assert _violating_items(ctx) == {f"v{i}" for i in range(0, 300, 10)}
    assert ctx.state.feed_cache(src.key)[0]  # now complete: validators kept
    assert jobs.poll_source(ctx, src).status == "not-modified"


def test_an_unreadable_draft_is_an_error_and_a_review_alert(make_ctx: Any,  # noqa: F811
                                                            tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "good.md").write_text("---\nkind: press-release\n---\nThe car park reopens.\n",
                                    encoding="utf-8")
    (folder / "empty.md").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 PK\x03\x04" * 50)
    ctx = make_ctx({"drafts": [{"path": str(folder), "kind": "press-release"}]})
    from embargo.sources.drafts import DraftFolderSource

    src = DraftFolderSource(ctx.config.drafts[0], ctx.stop)
    out = jobs.poll_source(ctx, src)
    assert out.status == "error" and "2 drafts cannot be read" in (out.error or ""), out
    [status] = ctx.state.feeds()
    assert not status.ok and "empty.md" in (status.last_error or "")
    reviews = {a.item_key for a in _finding_alerts(ctx) if a.verdict == "review"}
    assert reviews == {"path:empty.md", "path:binary.txt"}
    # Fixed: the folder is ok again.
    (folder / "empty.md").write_text("The canteen menu changes on Monday.\n", encoding="utf-8")
    (folder / "binary.txt").unlink()
    assert jobs.poll_source(ctx, src).status == "ok"


def test_the_daemon_refuses_a_state_it_cannot_write(tmp_path: Path, catalog_path: Path) -> None:
    """A real write failure: the state's pages are 64 KiB and the process may not write a
    file beyond 40,000 bytes, so SQLite's first write (a WAL frame) fails, as on a full disk."""
    state = tmp_path / "state.db"
    with sqlite3.connect(state) as db:
        db.execute("PRAGMA page_size = 65536")
        db.execute("PRAGMA journal_mode = WAL")
    from embargo.state import open_state

    open_state(state).close()
    cfg = write_config(tmp_path, feeds=[], catalog=catalog_path)

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))

    env = {k: v for k, v in os.environ.items() if k != "EMBARGO_CONFIG"}
    r = subprocess.run([sys.executable, "-m", "embargo", "daemon", "--config", str(cfg)],
                       capture_output=True, text=True, cwd=str(ROOT), env=env, timeout=120,
                       preexec_fn=limit)
    assert r.returncode == 2, (r.returncode, r.stderr[-2000:])
    assert r.stderr.count("\n") == 1 and "state database cannot be written" in r.stderr
    assert str(state) in r.stderr and "Traceback" not in r.stderr



def test_the_daemon_refuses_a_postgresql_state_it_cannot_write(tmp_path: Path,
                                                               catalog_path: Path,
                                                               pg_url: str) -> None:
    """The same start-up check on a shared state: sessions of this URL are read-only (as
    with a read-only role or a standby), so the daemon stops at start, one line, exit 2."""
    from urllib.parse import quote

    from embargo.state import open_state

    open_state(pg_url).close()
    read_only = pg_url + "%20" + quote("-cdefault_transaction_read_only=on")
    cfg = write_config(tmp_path, feeds=[], catalog=catalog_path, state=read_only)
    env = {k: v for k, v in os.environ.items() if k != "EMBARGO_CONFIG"}
    r = subprocess.run([sys.executable, "-m", "embargo", "daemon", "--config", str(cfg)],
                       capture_output=True, text=True, cwd=str(ROOT), env=env, timeout=120)
    assert r.returncode == 2, (r.returncode, r.stderr[-2000:])
    assert r.stderr.count("\n") == 1 and "read-only transaction" in r.stderr, r.stderr
    assert "postgresql://" in r.stderr and "unexpected" not in r.stderr
    # Tables in place but the write refused (a full disk on the server, here a trigger): the
    # daemon's start-up write fails and says so.
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as db:
        db.execute("""CREATE FUNCTION refuse_start() RETURNS trigger LANGUAGE plpgsql AS $$
                      BEGIN IF NEW.key = 'daemon.started_at' THEN
                        RAISE EXCEPTION 'could not extend file: No space left on device';
                      END IF; RETURN NEW; END $$""")
        db.execute("CREATE TRIGGER refuse_start BEFORE INSERT OR UPDATE ON kv FOR EACH ROW "
                   "EXECUTE FUNCTION refuse_start()")
    cfg = write_config(tmp_path, feeds=[], catalog=catalog_path, state=pg_url)
    r = subprocess.run([sys.executable, "-m", "embargo", "daemon", "--config", str(cfg)],
                       capture_output=True, text=True, cwd=str(ROOT), env=env, timeout=120)
    assert r.returncode == 2, (r.returncode, r.stderr[-2000:])
    assert r.stderr.count("\n") == 1 and "state database cannot be written" in r.stderr
    assert "No space left" in r.stderr and "postgresql://" in r.stderr, r.stderr


# ------------------------------------------------------------------ item 1: never a silent pass


def test_the_daemon_refuses_to_start_without_its_catalogue(tmp_path: Path,
                                                            catalog_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "EMBARGO_CONFIG"}
    for name in ("missing.db", "empty.db"):
        target = tmp_path / name
        if name == "empty.db":
            from embargo.catalog import Catalog

            Catalog(target).close()
        cfg = write_config(tmp_path, feeds=[], catalog=target)
        r = subprocess.run([sys.executable, "-m", "embargo", "daemon", "--config", str(cfg)],
                           capture_output=True, text=True, cwd=str(ROOT), env=env,
                           timeout=120)
        assert r.returncode == 2, (name, r.returncode, r.stderr[-2000:])
        assert r.stderr.count("\n") == 1 and str(target) in r.stderr, r.stderr
        assert "catalogue" in r.stderr


def test_status_names_the_catalogue_and_its_size(cli: Any, tmp_path: Path,
                                                 catalog_path: Path) -> None:
    cfg = write_config(tmp_path, feeds=[], catalog=catalog_path)
    r = cli("status", "--config", cfg, "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["catalog"]["path"] == str(catalog_path) and doc["catalog"]["abstracts"] > 0
    r = cli("status", "--config", cfg)
    assert f"Catalogue: {catalog_path} ({doc['catalog']['abstracts']} abstracts)" in r.out
    gone = write_config(tmp_path, feeds=[], catalog=tmp_path / "gone.db")
    r = cli("status", "--config", gone)
    assert r.code == 0 and f"Catalogue: {tmp_path / 'gone.db'}: no abstract catalogue" in r.out


def test_a_future_dated_entry_is_judged_when_first_seen(make_ctx: Any,  # noqa: F811
                                                        feeds: FeedServer) -> None:
    future = ("f1", "Zelorimab results", "Thu, 15 Jul 2027 09:00:00 GMT", QUOTE_ENTRY)
    undated_twin = ("f2", "Zelorimab results again", "", QUOTE_ENTRY)
    url = feeds.route("/f", rss([future, undated_twin]))
    ctx = make_ctx({"feeds": [{"url": url}]})  # the clock: an hour before the lift
    out = jobs.poll_source(ctx, _feed(ctx, url))
    assert out.violations == 2, out
    [item] = [i for i in ctx.state.items() if i.item_key.endswith("f1")]
    assert item.verdict == "violation"
    assert "first seen" in item.judgement["published_at_note"]
    # Edited after the lift: still judged at its first sight (before the lift), not at 2027
    # and not at the moment of the edit.
    ctx.clock = Clock(T0 + timedelta(hours=2))
    changed = (*future[:3], QUOTE_ENTRY + " Edited.")
    feeds.route("/f", rss([changed, undated_twin]))
    out = jobs.poll_source(ctx, _feed(ctx, url))
    assert (out.unchanged, out.violations) == (1, 1), out  # the edited one judged again


def test_feeds_check_judges_a_future_entry_at_the_check(cli: Any, tmp_path: Path,
                                                        catalog_path: Path) -> None:
    feed = tmp_path / "future.xml"
    feed.write_bytes(rss([("f1", "Zelorimab", "Thu, 15 Jul 2027 09:00:00 GMT", QUOTE_ENTRY)]))
    r = cli("feeds", "check", feed, "--at", "2024-11-14 09:00 ET", "--catalog", catalog_path,
            "--format", "json")
    (item,) = json.loads(r.out)["items"]
    assert item["verdict"] == "violation" and r.code == 1, r.out
    assert item["published_at"] == "2024-11-14T14:00:00+00:00"


def test_entries_over_the_per_poll_cap_are_judged_on_the_next_polls(
        make_ctx: Any, feeds: FeedServer, cli: Any, tmp_path: Path) -> None:  # noqa: F811
    entries = [violation_entry(f"v{i}", f"Story {i} on zelorimab") if i % 4 == 3
               else plain_entry(f"p{i}") for i in range(12)]
    url = feeds.route("/f", cached_feed(rss(entries)))
    ctx = make_ctx({"feeds": [{"url": url, "name": "Wire"}], "daemon": {"entries_per_poll": 5}})
    src = _feed(ctx, url)
    out = jobs.poll_source(ctx, src)
    assert (out.status, out.new, out.backlog) == ("ok", 5, 7), out
    assert ctx.state.feed_cache(src.key) == (None, None)  # not complete: no 304 next time
    r = cli("status", "--state", ctx.config.state, "--catalog", ctx.catalog_path,
            "--format", "json")
    assert json.loads(r.out)["feeds"][0]["backlog"] == 7
    r = cli("status", "--state", ctx.config.state, "--catalog", ctx.catalog_path)
    assert "7 entries not judged yet" in r.out, r.out
    assert (jobs.poll_source(ctx, src).new, jobs.poll_source(ctx, src).new) == (5, 2)
    assert _violating_items(ctx) == {f"v{i}" for i in (3, 7, 11)}
    assert ctx.state.feed_cache(src.key)[0]
    r = cli("status", "--state", ctx.config.state, "--catalog", ctx.catalog_path)
    assert "not judged yet" not in r.out


def test_feeds_check_says_which_entries_it_did_not_check(cli: Any, tmp_path: Path,
                                                         catalog_path: Path) -> None:
    feed = tmp_path / "long.xml"
    feed.write_bytes(rss([plain_entry(f"p{i}") for i in range(12)]))
    cfg = tmp_path / "cap.toml"
    cfg.write_text("[daemon]\nentries_per_poll = 5\n", encoding="utf-8")
    r = cli("feeds", "check", feed, "--config", cfg, "--catalog", catalog_path)
    assert r.code == 3, r.out  # not a pass: 7 entries were not looked at
    assert "7 of 12 entries NOT checked" in r.out and "5 checked" in r.out
