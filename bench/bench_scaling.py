"""Several daemons on one PostgreSQL: 500 feeds x 50 entries, one vs two vs three daemons.

Everything is real and on 127.0.0.1: the feed server of ``bench_feeds.py`` in its own process
(each response waits 50 ms, as a distant server would), a throw-away PostgreSQL server
(``tests/pgserver.py``; or ``$EMBARGO_BENCH_PG_DSN``), an SMTP server (aiosmtpd) that counts
what it receives, and N real ``embargo daemon`` processes sharing the state.

For N = 1, 2, 3 (a fresh schema each time):

1. the feeds are synced as rows that are not due, the N daemons start, then every feed is made
   due at once: the **first cycle** is the time until every feed has been polled (25,000 new
   entries fetched, parsed, judged and recorded; alerts enqueued);
2. once every alert has been delivered, every feed is made due again: the **304 cycle**;
3. checked each time: each entry judged once (the daemons' ``judged`` counts add up to 25,000
   in the first cycle and 0 in the 304 cycle), each alert delivered once (distinct Message-IDs
   at the SMTP server = violation items in the state, no message twice).

Then, with three daemons, one is killed with ``kill -9`` in the middle of a first cycle: the
feeds it held are taken over by the others when its leases run out; nothing is lost (every
entry recorded, every alert delivered) and nothing sent twice (a repeat would have to carry
the same Message-ID: the one window documented in docs/alerts.md).

Without a PostgreSQL server (no ``initdb``/``pg_ctl``, no psycopg) it says so and exits 0.

Usage: python bench/bench_scaling.py [--quick] [--feeds N] [--entries N] [--daemons 1,2,3]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

LEASE = 10.0  # seconds: the [daemon] lease of the kill -9 run


def line(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<52} {value:>10}  {note}", flush=True)


def wait(cond: Callable[[], Any], timeout: float, what: str, step: float = 0.2) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = cond()
        if got:
            return got
        time.sleep(step)
    raise SystemExit(f"bench: timed out after {timeout:.0f} s waiting for {what}")


class Bench:
    def __init__(self, args: argparse.Namespace, pg_url: str, tmp: Path, port: int) -> None:
        self.args = args
        self.pg_url = pg_url
        self.tmp = tmp
        self.urls = [f"http://127.0.0.1:{port}/feed/{i}.xml" for i in range(args.feeds)]
        self.procs: list[tuple[subprocess.Popen[bytes], Path]] = []

    # -------------------------------------------------------------- database helpers

    def sql(self, url: str, query: str) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            cur = conn.execute(query)  # type: ignore[arg-type]
            return cur.fetchall() if cur.description else []

    def fresh_schema(self) -> str:
        from tests.conftest import with_search_path

        schema = f"bench_{uuid.uuid4().hex[:8]}"
        self.sql(self.pg_url, f"CREATE SCHEMA {schema}")
        return with_search_path(self.pg_url, schema)

    # -------------------------------------------------------------- daemons

    def config(self, url: str, smtp_port: int, name: str, lease: float = 300) -> Path:
        lines = ['timezone = "America/New_York"', f'catalog = "{self.tmp / "examples.db"}"',
                 f'state = "{url}"']
        for u in self.urls:
            lines += ["[[feeds]]", f'url = "{u}"', 'every = "10m"']
        lines += ["[email]", 'host = "127.0.0.1"', f"port = {smtp_port}",
                  'from = "embargo@bench.example"', 'to = ["desk@bench.example"]',
                  'immediate = ["violation"]', 'digest = "off"', "timeout = 10",
                  "[daemon]", f"workers = {self.args.workers}", 'jitter = "1s"',
                  'outbox_every = "1s"', f'lease = "{lease:g}s"', 'stop_grace = "3s"',
                  "[postgresql]", f"pool = {self.args.pool}"]
        path = self.tmp / f"{name}.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def start(self, cfg: Path, n: int) -> list[tuple[subprocess.Popen[bytes], Path]]:
        out = []
        for i in range(n):
            log = cfg.with_name(f"{cfg.stem}-daemon{i}.log")
            with log.open("wb") as fh:
                proc = subprocess.Popen([sys.executable, "-m", "embargo", "daemon",
                                         "--config", str(cfg), "--log-format", "json"],
                                        stdout=fh, stderr=subprocess.STDOUT, cwd=str(ROOT))
            out.append((proc, log))
        self.procs += out
        wait(lambda: all(self.events(log, "started") for _, log in out), 120,
             "the daemons to start")
        return out

    @staticmethod
    def events(log: Path, name: str) -> list[dict[str, Any]]:
        out = []
        for text in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if text.startswith("{"):
                doc = json.loads(text)
                if doc.get("event") == name:
                    out.append(doc)
        return out

    def stop_all(self) -> None:
        for proc, _ in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc, _ in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.procs = []

    # -------------------------------------------------------------- one run

    def polled(self, url: str, at_least: int) -> int:
        return int(self.sql(url, f"SELECT COUNT(*) FROM feeds WHERE polls >= {at_least}"
                                 )[0][0])

    def make_due(self, url: str) -> float:
        self.sql(url, "UPDATE feeds SET next_poll_at = now()")
        return time.perf_counter()

    def run(self, n: int, smtp: Any) -> dict[str, Any]:
        from embargo.state import SourceSpec, open_state

        url = self.fresh_schema()
        with open_state(url) as st:  # the feeds as rows, not due yet
            st.sync_sources([SourceSpec(f"feed:{u}", timedelta(minutes=10))
                             for u in self.urls], datetime.now(UTC) + timedelta(days=1))
        smtp.received.clear()
        cfg = self.config(url, smtp.port, f"run{n}")
        daemons = self.start(cfg, n)
        feeds = len(self.urls)

        t0 = self.make_due(url)
        wait(lambda: self.polled(url, 1) == feeds, 900, "the first cycle", 0.05)
        first = time.perf_counter() - t0
        violations = int(self.sql(url, "SELECT COUNT(*) FROM items WHERE verdict = "
                                       "'violation'")[0][0])
        wait(lambda: self.sql(url, "SELECT COUNT(*) FROM outbox WHERE status <> 'delivered'"
                              )[0][0] == 0 and len(smtp.received) >= violations, 900,
             "every alert delivered", 0.2)
        delivered = time.perf_counter() - t0
        judged_first = sum(int(e.get("judged", 0)) for _, log in daemons
                           for e in self.events(log, "poll"))

        t1 = self.make_due(url)
        wait(lambda: self.polled(url, 2) == feeds, 300, "the 304 cycle", 0.05)
        steady = time.perf_counter() - t1
        judged_all = sum(int(e.get("judged", 0)) for _, log in daemons
                         for e in self.events(log, "poll"))
        share = [sum(1 for e in self.events(log, "poll") if e["status"] == "ok")
                 for _, log in daemons]
        self.stop_all()
        items = int(self.sql(url, "SELECT COUNT(*) FROM items")[0][0])
        ids = [m["Message-ID"] for m in smtp.messages()]
        return {"n": n, "first": first, "delivered": delivered, "steady": steady,
                "items": items, "violations": violations, "judged_first": judged_first,
                "judged_304": judged_all - judged_first, "messages": len(ids),
                "distinct": len(set(ids)), "share": share}

    def sqlite_run(self, smtp: Any) -> dict[str, Any]:
        """Today's single daemon on a SQLite file (one APScheduler job per feed, first polls
        spread over the first seconds): its first cycle, from start to every feed polled."""
        smtp.received.clear()
        cfg = self.config(str(self.tmp / "sqlite-state.db"), smtp.port, "sqlite")
        [(_proc, log)] = self.start(cfg, 1)
        feeds = len(self.urls)
        wait(lambda: len(self.events(log, "poll")) >= feeds, 900, "the SQLite first cycle",
             0.1)
        started = datetime.fromisoformat(self.events(log, "started")[0]["ts"])
        last = max(datetime.fromisoformat(e["ts"]) for e in self.events(log, "poll"))
        judged = sum(int(e.get("judged", 0)) for e in self.events(log, "poll"))
        self.stop_all()
        return {"first": (last - started).total_seconds(), "judged": judged}

    def kill_run(self, n: int, smtp: Any) -> dict[str, Any]:
        from embargo.state import SourceSpec, open_state

        url = self.fresh_schema()
        with open_state(url) as st:
            st.sync_sources([SourceSpec(f"feed:{u}", timedelta(minutes=10))
                             for u in self.urls], datetime.now(UTC) + timedelta(days=1))
        smtp.received.clear()
        cfg = self.config(url, smtp.port, "kill", lease=LEASE)
        daemons = self.start(cfg, n)
        victim, victim_log = daemons[-1]
        worker = self.events(victim_log, "started")[0]["worker"]
        feeds = len(self.urls)
        t0 = self.make_due(url)
        wait(lambda: self.polled(url, 1) >= feeds // 3, 600, "a third of the first cycle",
             0.05)
        wait(lambda: self.sql(url, f"SELECT COUNT(*) FROM feeds WHERE leased_by = "
                                   f"'{worker}'")[0][0], 60, "the victim holding feeds", 0.01)
        victim.kill()
        victim.wait()
        killed = datetime.now(UTC)
        held = self.sql(url, f"SELECT feed_key, lease_until FROM feeds WHERE leased_by = "
                             f"'{worker}'")
        wait(lambda: self.polled(url, 1) == feeds, 900, "the rest of the cycle", 0.05)
        cycle = time.perf_counter() - t0
        keys = "', '".join(k.replace("'", "''") for k, _ in held)
        taken = self.sql(url, f"SELECT feed_key, leased_at, polled_by FROM feeds WHERE "
                              f"feed_key IN ('{keys}')")
        early = [k for k, at, _ in taken if at < dict(held)[k]]
        wrong = [k for k, _, by in taken if by == worker]
        takeover = max((at - killed).total_seconds() for _, at, _ in taken) if taken else 0
        violations = int(self.sql(url, "SELECT COUNT(*) FROM items WHERE verdict = "
                                       "'violation'")[0][0])
        wait(lambda: self.sql(url, "SELECT COUNT(*) FROM outbox WHERE status <> 'delivered'"
                              )[0][0] == 0 and len({m["Message-ID"] for m in smtp.messages()})
             >= violations, 900, "every alert delivered after the kill", 0.2)
        self.stop_all()
        items = int(self.sql(url, "SELECT COUNT(*) FROM items")[0][0])
        msgs = smtp.messages()
        ids = [m["Message-ID"] for m in msgs]
        subjects: dict[str, set[str]] = {}
        for m in msgs:
            subjects.setdefault(str(m["Message-ID"]), set()).add(str(m["Subject"]))
        return {"held": len(held), "early": early, "wrong": wrong, "takeover": takeover,
                "cycle": cycle, "items": items, "violations": violations,
                "messages": len(ids), "distinct": len(set(ids)),
                "mixed": [k for k, v in subjects.items() if len(v) > 1]}


def pg_server() -> tuple[str | None, Any, str]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, None, "psycopg is not installed (pip install 'embargo[postgresql]')"
    given = os.environ.get("EMBARGO_BENCH_PG_DSN")
    if given:
        return given, None, ""
    from tests.pgserver import PgServer, available

    why = available()
    if why:
        return None, None, why
    server = PgServer().start()
    return server.url, server, ""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="100 feeds")
    ap.add_argument("--feeds", type=int)
    ap.add_argument("--entries", type=int, default=50)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--workers", type=int, default=16)
    ap.add_argument("--pool", type=int, default=4, help="[postgresql] pool per daemon")
    ap.add_argument("--daemons", default="1,2,3")
    ap.add_argument("--no-kill", action="store_true", help="skip the kill -9 run")
    ap.add_argument("--no-sqlite", action="store_true", help="skip the SQLite baseline")
    args = ap.parse_args()
    args.feeds = args.feeds or (100 if args.quick else 500)

    pg_url, server, why = pg_server()
    if pg_url is None:
        print(f"bench_scaling: skipped, no PostgreSQL server: {why}")
        return 0
    try:
        from tests.alerts.servers import SmtpServer
    except ImportError:
        print("bench_scaling: skipped, aiosmtpd is not installed (pip install '.[test]')")
        if server is not None:
            server.stop()
        return 0

    from embargo.catalog import Catalog, import_paths

    tmp = Path(tempfile.mkdtemp(prefix="embargo-scaling-"))
    with Catalog(tmp / "examples.db") as cat:
        import_paths(cat, [ROOT / "examples" / "catalog.jsonl"])
    port_file = tmp / "port"
    feed_server = subprocess.Popen([sys.executable, str(HERE / "bench_feeds.py"), "--serve",
                                    str(port_file), str(args.feeds), str(args.entries),
                                    str(args.latency)])
    smtp = SmtpServer().start()
    bench: Bench | None = None
    try:
        wait(lambda: port_file.exists() and port_file.read_text(), 30, "the feed server")
        bench = Bench(args, pg_url, tmp, int(port_file.read_text()))
        entries = args.feeds * args.entries
        print(f"{args.feeds} feeds x {args.entries} entries on 127.0.0.1, "
              f"{args.latency * 1000:.0f} ms per response; {os.cpu_count()} CPU(s); "
              f"{args.workers} workers and {args.pool} connections per daemon; PostgreSQL "
              "on 127.0.0.1; alerts by SMTP to aiosmtpd on 127.0.0.1", flush=True)
        if not args.no_sqlite:
            b = bench.sqlite_run(smtp)
            print("\nbaseline: 1 daemon on a SQLite file (as before this change)")
            line("first cycle, from the daemon's start", f"{b['first']:.1f} s",
                 f"{b['judged']} entries judged; first polls spread over up to 10 s")
        results = []
        for n in [int(x) for x in args.daemons.split(",")]:
            r = bench.run(n, smtp)
            results.append(r)
            print(f"\n{n} daemon(s) on one PostgreSQL")
            base = results[0]
            line("first cycle (every entry new)", f"{r['first']:.1f} s",
                 "baseline" if r is base else f"x{base['first'] / r['first']:.2f} vs "
                 f"{base['n']} daemon")
            line("  ... and every alert delivered", f"{r['delivered']:.1f} s",
                 f"{r['distinct']} messages")
            line("304 cycle (every feed answers 304)", f"{r['steady']:.1f} s",
                 "baseline" if r is base else f"x{base['steady'] / r['steady']:.2f} vs "
                 f"{base['n']} daemon")
            line("entries judged, first cycle / 304 cycle",
                 f"{r['judged_first']} / {r['judged_304']}", f"of {entries} entries")
            line("alerts: violation items / messages / distinct",
                 f"{r['violations']}/{r['messages']}/{r['distinct']}",
                 "each delivered once" if r["violations"] == r["messages"] == r["distinct"]
                 else "MISMATCH")
            line("feeds polled per daemon (first cycle)", "/".join(map(str, r["share"])))
            ok = (r["items"] == entries and r["judged_first"] == entries
                  and r["judged_304"] == 0
                  and r["violations"] == r["messages"] == r["distinct"])
            if not ok:
                print("bench_scaling: FAILED: an entry judged twice or an alert lost or "
                      "repeated", file=sys.stderr)
                return 1
        if not args.no_kill:
            k = bench.kill_run(3, smtp)
            print(f"\n3 daemons, one killed with kill -9 mid-cycle (lease {LEASE:g} s)")
            line("feeds the killed daemon held", str(k["held"]))
            line("last of them taken over, after the kill", f"{k['takeover']:.1f} s",
                 f"lease {LEASE:g} s; taken early: {len(k['early'])}")
            line("first cycle with the kill", f"{k['cycle']:.1f} s")
            line("items recorded", str(k["items"]), f"of {entries}")
            line("alerts: violation items / distinct messages",
                 f"{k['violations']}/{k['distinct']}",
                 f"{k['messages'] - k['distinct']} repeat(s) of the same Message-ID")
            ok = (not k["early"] and not k["wrong"] and k["items"] == entries
                  and k["violations"] == k["distinct"] and not k["mixed"])
            if not ok:
                print("bench_scaling: FAILED after kill -9", file=sys.stderr)
                return 1
        return 0
    finally:
        if bench is not None:
            bench.stop_all()
        smtp.stop()
        feed_server.terminate()
        feed_server.wait()
        if server is not None:
            server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
