"""Benchmark of ``embargo serve``: ``POST /v1/check`` latency and throughput, beside the
in-process judging time and the CLI, in one run, on the acceptance bench's data.

    python bench/bench_serve.py                 # 30,000 abstracts, 20 clients x 2,000 requests
    python bench/bench_serve.py --small         # a tiny run (seconds), as the smoke test does
    python bench/bench_serve.py --data DIR      # reuse data made by gen_catalog.py in DIR

The data come from the acceptance bench's generator, ``shared/bench/gen_catalog.py`` (found
beside the project's work tree, or at ``$EMBARGO_BENCH_GENERATOR``); without it the bench says
so and exits 0 (CI has no shared folder).  Figures:

* in-process: ``Embargo.check_text`` of ``draft1000.md`` in one loaded session (p50, p99) —
  the judging itself, which the service cannot be faster than;
* service, one client: ``POST /v1/check`` of the same draft, one request at a time on a
  kept-alive connection (p50, p99; target p50 <= 50 ms), the judging time the service reports
  for each request (``Server-Timing``), and the gap between the two: what HTTP, JSON and the
  thread hand-off add, measured request by request (robust to a loaded machine);
* service, 20 clients: 2,000 requests in all, each client on its own connection (errors must
  be 0; p50, p99 under load, and requests/s);
* the CLI in the same run: ``embargo check draft1000.md --format json``, one process per
  draft (median seconds; drafts/s one at a time and two at a time on the two cores).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AT = "2026-01-01T00:00:00Z"
TARGET_P50 = 0.050


def generator() -> Path | None:
    explicit = os.environ.get("EMBARGO_BENCH_GENERATOR")
    if explicit:
        return Path(explicit) if Path(explicit).is_file() else None
    candidates = [ROOT.parent.parent / "shared" / "bench" / "gen_catalog.py",
                  ROOT.parent / "shared" / "bench" / "gen_catalog.py"]
    return next((p for p in candidates if p.is_file()), None)


def embargo(*args: str) -> list[str]:
    return [sys.executable, "-m", "embargo", *args]


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))]


def ms(x: float) -> str:
    return f"{x * 1000:8.1f} ms"


def prepare(data: Path, abstracts: int, items: int) -> Path:
    gen = generator()
    if not (data / "abstracts.jsonl").exists():
        assert gen is not None
        subprocess.run([sys.executable, str(gen), str(data), "--abstracts", str(abstracts),
                        "--items", str(items)], check=True, stdout=subprocess.DEVNULL)
    db = data / "catalog.db"
    if not db.exists():
        t = time.perf_counter()
        subprocess.run(embargo("abstracts", "import", str(data / "abstracts.jsonl"),
                               "--catalog", str(db)), check=True, capture_output=True)
        print(f"catalogue imported in {time.perf_counter() - t:.1f} s", flush=True)
    return db


def in_process(db: Path, draft: str, n: int) -> list[float]:
    from embargo.api import Embargo

    with Embargo.open(catalog=db) as emb:
        emb.check_text(draft, at=AT)  # warm-up
        times = []
        for _ in range(n):
            t = time.perf_counter()
            emb.check_text(draft, at=AT)
            times.append(time.perf_counter() - t)
    return times


class Service:
    def __init__(self, db: Path, folder: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("EMBARGO_")}
        self.proc = subprocess.Popen(embargo("serve", "--port", "0", "--quiet", "--catalog",
                                             str(db)), cwd=folder, env=env, text=True,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        assert self.proc.stdout is not None
        self.port = 0
        said: list[str] = []
        for line in self.proc.stdout:
            said.append(line.strip())
            m = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
                break
        if not self.port:
            raise SystemExit(f"embargo serve did not start: {' | '.join(said)[-400:]}")
        threading.Thread(target=lambda: [None for _ in self.proc.stdout or ()],
                         daemon=True).start()

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=60)


def connect(port: int) -> http.client.HTTPConnection:
    """A kept-alive connection with Nagle's algorithm off, as HTTP client libraries such as
    urllib3 set it: http.client sends headers and a body over 2 kB in two writes, and the
    second would wait for the server's delayed ACK (~40 ms on Linux)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.connect()
    assert conn.sock is not None
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return conn


def client(port: int, body: bytes, n: int, out: list[float], errors: list[str],
           judged: list[float] | None = None) -> None:
    conn = connect(port)
    headers = {"Content-Type": "application/json"}
    for _ in range(n):
        t = time.perf_counter()
        try:
            conn.request("POST", "/v1/check", body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
            if r.status != 200 or not data.startswith(b'{\n  "items"'):
                errors.append(f"HTTP {r.status}: {data[:200]!r}")
            elif judged is not None:
                # the service's own account: judging + rendering, on its worker thread
                timing = dict(part.split(";dur=") for part in
                              r.getheader("Server-Timing", "").split(", ") if ";dur=" in part)
                judged.append(sum(float(v) for v in timing.values()) / 1000)
        except (OSError, http.client.HTTPException) as e:
            errors.append(f"{type(e).__name__}: {e}")
            conn.close()
            conn = connect(port)
            continue
        out.append(time.perf_counter() - t)
    conn.close()


def cli_runs(db: Path, draft: Path, n: int, parallel: int) -> tuple[float, float]:
    """Median seconds of one ``embargo check`` process, and drafts/s with ``parallel`` at once."""
    cmd = embargo("check", str(draft), "--catalog", str(db), "--format", "json", "--at", AT)

    def once() -> float:
        t = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True)
        if r.returncode == 2:
            raise SystemExit(r.stderr.decode())
        return time.perf_counter() - t

    once()  # warm-up (bytecode, page cache)
    single = statistics.median(once() for _ in range(n))
    t = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(lambda _: once(), range(n * parallel)))
    return single, n * parallel / (time.perf_counter() - t)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--small", action="store_true", help="300 abstracts, 4 clients x 40")
    ap.add_argument("--data", type=Path, help="folder for (or with) the generated data")
    ap.add_argument("--clients", type=int)
    ap.add_argument("--requests", type=int)
    args = ap.parse_args()
    if generator() is None:
        print("bench_serve: the acceptance bench's generator (shared/bench/gen_catalog.py) is "
              "not here (set EMBARGO_BENCH_GENERATOR); nothing measured.")
        return 0
    abstracts, items = (300, 20) if args.small else (30000, 2000)
    clients = args.clients or (4 if args.small else 20)
    total = args.requests or (40 if args.small else 2000)
    with tempfile.TemporaryDirectory(prefix="embargo-bench-serve-") as tmp:
        data = (args.data or Path(tmp)).resolve()  # the service runs in that folder
        data.mkdir(parents=True, exist_ok=True)
        db = prepare(data, abstracts, items)
        draft_path = data / "draft1000.md"
        draft = draft_path.read_text(encoding="utf-8")
        print(f"draft1000.md: {len(draft.split()):,} words; catalogue: {abstracts:,} abstracts",
              flush=True)

        judge = in_process(db, draft, 10 if args.small else 60)
        service = Service(db, Path(tmp))
        body = json.dumps({"text": draft, "at": AT}).encode()
        try:
            warm: list[float] = []
            errs: list[str] = []
            client(service.port, body, 5, warm, errs)  # warm-up
            one: list[float] = []
            judged: list[float] = []
            client(service.port, body, 20 if args.small else 200, one, errs, judged)
            loaded: list[float] = []
            per = [total // clients + (1 if i < total % clients else 0) for i in range(clients)]
            t = time.perf_counter()
            threads = [threading.Thread(target=client, args=(service.port, body, k, loaded,
                                                              errs)) for k in per]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            wall = time.perf_counter() - t
        finally:
            code = service.stop()
        cli_single, cli_rate2 = cli_runs(db, draft_path, 3 if args.small else 7, 2)

    p50 = pct(one, 50)
    rows = [
        ("in-process Embargo.check_text (p50)", ms(pct(judge, 50))),
        ("in-process Embargo.check_text (p99)", ms(pct(judge, 99))),
        ("service, 1 client, POST /v1/check (p50)",
         f"{ms(p50)}   target <= {TARGET_P50 * 1000:.0f} ms: "
         f"{'met' if p50 <= TARGET_P50 else 'NOT MET'}"),
        ("service, 1 client (p99)", ms(pct(one, 99))),
        ("service: judging + rendering inside it (p50)", ms(pct(judged, 50))),
        ("service overhead: latency - its judging (p50)",
         ms(pct([a - b for a, b in zip(one, judged, strict=True)], 50))),
        (f"service, {clients} clients x {total:,} requests: errors", f"{len(errs):8d}"),
        (f"service, {clients} clients (p50 under load)", ms(pct(loaded, 50)) if loaded else "-"),
        (f"service, {clients} clients (p99 under load)", ms(pct(loaded, 99)) if loaded else "-"),
        ("service throughput", f"{len(loaded) / wall:8.1f} requests/s"),
        ("CLI embargo check, one process (median)", f"{cli_single:8.3f} s"),
        ("CLI throughput, one at a time", f"{1 / cli_single:8.1f} drafts/s"),
        ("CLI throughput, two at a time", f"{cli_rate2:8.1f} drafts/s"),
        ("service stopped by SIGTERM, exit code", f"{code:8d}"),
    ]
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    for e in errs[:5]:
        print("error:", e)
    return 1 if errs or code != 0 else 0


if __name__ == "__main__":
    raise SystemExit(main())
