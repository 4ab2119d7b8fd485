"""Feed polling at scale: 500 feeds of 50 entries served from 127.0.0.1.

Measures, in one run:

1. fetch + parse of every feed, one after another (the baseline) and with the thread pool
   of ``[daemon] workers`` (what the daemon does);
2. a full daemon poll cycle (fetch, parse, judge every entry, record items and alerts in the
   state) — target ≤ 20 s;
3. a steady-state cycle where every server answers 304 — target ≤ 3 s;
4. a cycle where servers ignore the validators (200, same entries: nothing judged again);
5. the cost of judging one entry against a large catalogue (30,000 abstracts);
6. the peak memory (VmHWM) of a real ``embargo daemon`` process with the 30,000-abstract
   catalogue polling the 500 feeds — target ≤ 200 MB.

The feeds are served by a separate process (so the server does not share our GIL).  The
30,000-abstract catalogue comes from ``bench/catalog_gen.py`` when that generator is there,
else from a simple generator below.  Usage::

    python bench/bench_feeds.py [--quick] [--feeds N] [--entries N] [--abstracts N]
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

TOPICS = [
    "Hospital opens a new infusion centre with twelve chairs and extended evening hours.",
    "A regional health board publishes waiting times for rheumatology referrals.",
    "Nurses describe a week on the ward during the winter respiratory season.",
    "A university appoints a new chair of immunology from a partner institute.",
    "The clinic trials a text-message reminder service for follow-up visits.",
]
TRIAL = ("ACR20 at week 24 was reached by 61.9% of patients on zelorimab every 4 weeks versus "
         "35.7% on placebo in ORCHID-2 (NCT05512345). &quot;We did not expect such a quick "
         "response,&quot; an investigator said.")


# ------------------------------------------------------------------------------ the server


def feed_body(feed: int, entries: int) -> bytes:
    rng = random.Random(feed)
    start = datetime(2024, 11, 14, 13, 0, tzinfo=UTC)
    items = []
    for i in range(entries):
        about_trial = (feed * entries + i) % 10 == 0
        text = TRIAL if about_trial else rng.choice(TOPICS) + f" Item {feed}-{i}."
        title = (f"Zelorimab results, story {feed}-{i}" if about_trial
                 else f"Local health news {feed}-{i}")
        when = email.utils.format_datetime(start + timedelta(minutes=i))
        items.append(f"<item><title>{title}</title><guid>urn:bench:{feed}:{i}</guid>"
                     f"<link>https://news{feed}.example/{i}</link><pubDate>{when}</pubDate>"
                     f"<description>{text}</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Feed {feed}</title>{''.join(items)}</channel></rss>").encode()


def serve(port_file: str, feeds: int, entries: int, latency: float) -> None:
    bodies = {f"/feed/{i}.xml": feed_body(i, entries) for i in range(feeds)}
    tags = {p: '"' + hashlib.sha256(b).hexdigest()[:20] + '"' for p, b in bodies.items()}
    mode = {"ignore_validators": False}

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a: Any) -> None:
            pass

        def do_GET(self) -> None:
            if latency:
                time.sleep(latency)  # a server somewhere else on the internet
            if self.path.startswith("/_mode/"):
                mode["ignore_validators"] = self.path.endswith("ignore")
                self._reply(200, b"ok", {})
                return
            body = bodies.get(self.path)
            if body is None:
                self._reply(404, b"", {})
                return
            tag = tags[self.path]
            if not mode["ignore_validators"] and self.headers.get("If-None-Match") == tag:
                self._reply(304, b"", {"ETag": tag})
                return
            self._reply(200, body, {"ETag": tag, "Content-Type": "application/rss+xml"})

        def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
    httpd.daemon_threads = True
    httpd.request_queue_size = 128
    Path(port_file).write_text(str(httpd.server_address[1]))
    httpd.serve_forever(0.1)


# ------------------------------------------------------------------------------ catalogue


def catalogue_records(n: int) -> list[dict[str, Any]]:
    try:
        from catalog_gen import CatalogGenerator  # bench/catalog_gen.py (linking helper)

        return [g.record for g in CatalogGenerator(seed=7).catalogue(n)]
    except ImportError:
        pass
    rng = random.Random(7)
    words = ("arthritis lupus gout myositis vasculitis biologic inhibitor placebo cohort "
             "remission flare tapering registry imaging ultrasound fatigue outcomes safety "
             "efficacy trial phase extension biomarker").split()
    out = []
    for i in range(n):
        title = " ".join(rng.choice(words) for _ in range(9)).capitalize()
        body = " ".join(rng.choice(words) for _ in range(220))
        out.append({"meeting": "acr-2024", "number": f"{1000 + i}", "title": title,
                    "authors": ["A. Author", "B. Author"], "body": body,
                    "category": "poster"})
    return out


def make_catalogue(path: Path, n: int, jsonl: Path) -> float:
    from embargo.catalog import Catalog, import_paths

    t = time.perf_counter()
    with jsonl.open("w", encoding="utf-8") as fh:
        for rec in catalogue_records(n):
            fh.write(json.dumps(rec) + "\n")
    with Catalog(path) as cat:
        import_paths(cat, [jsonl])
    return time.perf_counter() - t


# ------------------------------------------------------------------------------ helpers


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vm_hwm(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def line(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<58} {value:>12}  {target}", flush=True)


# ------------------------------------------------------------------------------ main


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="100 feeds, 5,000 abstracts")
    ap.add_argument("--feeds", type=int)
    ap.add_argument("--entries", type=int, default=50)
    ap.add_argument("--abstracts", type=int)
    ap.add_argument("--workers", type=int, default=16)
    ap.add_argument("--latency", type=float, default=0.05,
                    help="seconds each response waits, as a distant server would (0.05)")
    ap.add_argument("--daemon-seconds", type=float, default=90,
                    help="how long the real daemon runs for the memory figure (90)")
    ap.add_argument("--serve", nargs=4, metavar=("PORT_FILE", "FEEDS", "ENTRIES", "LATENCY"),
                    help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]), int(args.serve[2]), float(args.serve[3]))
        return 0
    n_feeds = args.feeds or (100 if args.quick else 500)
    n_abstracts = args.abstracts or (5000 if args.quick else 30000)

    from embargo.config import parse_config
    from embargo.daemon import jobs
    from embargo.daemon.logs import setup_logging
    from embargo.policy.loader import PolicySet
    from embargo.sources.feeds import FeedSource, poll_all
    from embargo.sources.fetch import FetchOptions
    from embargo.state import open_state

    tmp = Path(tempfile.mkdtemp(prefix="embargo-bench-"))
    port_file = tmp / "port"
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port_file),
                               str(n_feeds), str(args.entries), str(args.latency)])
    try:
        for _ in range(200):
            if port_file.exists() and port_file.read_text():
                break
            time.sleep(0.05)
        port = int(port_file.read_text())
        urls = [f"http://127.0.0.1:{port}/feed/{i}.xml" for i in range(n_feeds)]
        print(f"{n_feeds} feeds x {args.entries} entries on 127.0.0.1:{port}, "
              f"{args.latency * 1000:.0f} ms per response; {os.cpu_count()} CPU(s); "
              f"workers={args.workers}", flush=True)

        # --- 1. fetch + parse: serial baseline vs thread pool --------------------------
        base_cfg = parse_config({"feeds": [{"url": u} for u in urls]})
        opts = FetchOptions(timeout=20)
        sources = [FeedSource(f, opts) for f in base_cfg.feeds]
        serial, hs = timed(lambda: poll_all(sources, workers=1))
        assert all(h.ok for h in hs), [h.error for h in hs if not h.ok][:3]
        pooled, hs = timed(lambda: poll_all(sources, workers=args.workers))
        entries = sum(len(h.entries) for h in hs)
        print("\nfetch + parse (no judging)")
        line("serial (baseline)", f"{serial:.2f} s")
        line(f"thread pool of {args.workers}", f"{pooled:.2f} s",
             f"x{serial / pooled:.1f} faster; {entries} entries")

        # --- 2-4. daemon poll cycles with the example catalogue ------------------------
        from embargo.catalog import Catalog, import_paths

        small = tmp / "examples.db"
        with Catalog(small) as cat:
            import_paths(cat, [ROOT / "examples" / "catalog.jsonl"])
        cfg = parse_config({
            "timezone": "America/New_York", "catalog": str(small),
            "state": str(tmp / "state.db"),
            "feeds": [{"url": u, "every": "10m"} for u in urls],
            "maildir": {"path": str(tmp / "mail"), "digest": "off"},
            "daemon": {"workers": args.workers},
        })
        log = setup_logging("text", stream=open(os.devnull, "w"))  # noqa: SIM115
        state = open_state(cfg.state)
        ctx = jobs.DaemonContext(cfg, state, policies=PolicySet.load(), catalog_path=small,
                                 log=log)
        dsources = [FeedSource(f, opts, ctx.stop) for f in cfg.feeds]

        def cycle() -> list[jobs.PollOutcome]:
            with ThreadPoolExecutor(args.workers) as pool:
                return list(pool.map(lambda s: jobs.poll_source(ctx, s), dsources))

        print("\ndaemon poll cycle (fetch, parse, judge, record in the state; example "
              "catalogue)")
        full, outs = timed(cycle)
        new = sum(o.new for o in outs)
        viol = sum(o.violations for o in outs)
        alerts = sum(o.alerts for o in outs)
        line("first cycle: every entry new", f"{full:.2f} s",
             f"target <= 20 s; {new} items, {viol} violations, {alerts} alerts")
        steady, outs = timed(cycle)
        assert all(o.status == "not-modified" for o in outs), {o.status for o in outs}
        line("steady state: every feed answers 304", f"{steady:.2f} s", "target <= 3 s")
        import urllib.request

        urllib.request.urlopen(f"http://127.0.0.1:{port}/_mode/ignore", timeout=5).read()
        again, outs = timed(cycle)
        assert sum(o.unchanged for o in outs) == entries
        line("servers ignore validators: 200, nothing new", f"{again:.2f} s",
             "entries recognised by hash, not judged again")
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_mode/honour", timeout=5).read()
        ctx.close()
        state.close()

        # --- 5. judging against the large catalogue ------------------------------------
        big = tmp / "big.db"
        took = make_catalogue(big, n_abstracts, tmp / "big.jsonl")
        print(f"\njudging with a {n_abstracts:,}-abstract catalogue (made and imported in "
              f"{took:.1f} s)")
        from embargo.api import Embargo
        from embargo.sources.judge import judge_entry

        sample = [e for h in hs[:4] for e in h.entries]
        for label, path in (("example catalogue (7 abstracts)", small),
                            (f"{n_abstracts:,} abstracts", big)):
            emb = Embargo(cfg, catalog=Catalog(path, readonly=True))
            now = datetime.now(UTC)
            t, _ = timed(lambda emb=emb, now=now: [judge_entry(emb, e, dsources[0], now)
                                                   for e in sample])
            emb.close()
            per = t / len(sample) * 1000
            line(f"per entry, {label}", f"{per:.2f} ms",
                 f"=> {per * entries / 1000 / 60:.1f} min of judging for {entries} entries")

        # --- 6. the daemon's peak memory with the large catalogue ----------------------
        print(f"\nreal `embargo daemon` with the {n_abstracts:,}-abstract catalogue")
        conf = tmp / "daemon.toml"
        lines = [f'catalog = "{big}"', f'state = "{tmp / "daemon-state.db"}"',
                 'timezone = "America/New_York"']
        for u in urls:
            lines += ["[[feeds]]", f'url = "{u}"', 'every = "1h"']
        lines += ["[daemon]", f"workers = {args.workers}", 'jitter = "1s"']
        conf.write_text("\n".join(lines) + "\n")
        logf = tmp / "daemon.log"
        with logf.open("wb") as fh:
            proc = subprocess.Popen([sys.executable, "-m", "embargo", "daemon", "--config",
                                     str(conf), "--log-format", "json"], stdout=fh,
                                    stderr=subprocess.STDOUT, cwd=str(ROOT))
        t0 = time.perf_counter()
        deadline = t0 + args.daemon_seconds
        peak = 0.0
        polls = 0
        while time.perf_counter() < deadline and proc.poll() is None:
            time.sleep(0.5)
            peak = max(peak, vm_hwm(proc.pid) or 0)
            polls = logf.read_text(errors="replace").count('"event": "poll"')
            if polls >= n_feeds:
                break
        elapsed = time.perf_counter() - t0
        peak = max(peak, vm_hwm(proc.pid) or 0)
        proc.send_signal(signal.SIGTERM)
        t_stop = time.perf_counter()
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = -9
        stop_s = time.perf_counter() - t_stop
        line("peak memory (VmHWM)", f"{peak:.0f} MB", "target <= 200 MB")
        line(f"polls done in {elapsed:.0f} s (judging against the big catalogue)",
             f"{polls}/{n_feeds}", "the lift watch ran over every abstract at start")
        line("SIGTERM while polling: exit code, seconds", f"{code}, {stop_s:.1f} s",
             "expected 0 within [daemon] stop_grace + 1 s")
        print(f"\n(this bench process itself peaked at {rss_mb():.0f} MB)")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    threading.current_thread().name = "bench"
    raise SystemExit(main())
