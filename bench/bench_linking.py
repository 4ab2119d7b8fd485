"""Benchmark of the abstract catalogue and linking, with a naive baseline, in one run.

    python bench/bench_linking.py            # 30,000 abstracts, 5,000 items (a few minutes)
    python bench/bench_linking.py --small    # a tiny run (seconds), as the smoke test does

Measures, against the targets of issue 3:

* import rate of ``embargo abstracts import`` (a subprocess, whole command) of a generated
  catalogue of realistic abstracts over several meetings (target >= 5,000 abstracts/s);
* linking throughput on generated items (press releases, news, social and blog posts,
  unrelated news), in one process with one ``Linker`` (target >= 500 items/s), with the
  precision and recall of its accepted links;
* whole-process time of ``embargo check`` of a 1,000-word draft against the catalogue,
  median of several runs, Python start-up and imports included (target <= 0.3 s);
* peak memory (max RSS) of the linking run and of one check (target <= 150 MB);
* a naive baseline on a sample of the same items: rapidfuzz ``token_set_ratio`` of the item
  against every abstract's title and body, linking the best match above a threshold; its
  items/s, the speed ratio, and its precision and recall;
* precision and recall on the labelled set in tests/cases/linking.

Everything is generated deterministically (bench/catalog_gen.py, bench/coverage_gen.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from catalog_gen import CatalogGenerator, Generated  # noqa: E402
from coverage_gen import WRITERS, two_study_release, unrelated  # noqa: E402

TARGETS = {"import": 5000.0, "throughput": 500.0, "check": 0.3, "memory": 150.0}


def embargo_cmd() -> list[str]:
    return [sys.executable, "-m", "embargo"]


def make_items(abstracts: list[Generated], n: int, seed: int = 11
               ) -> list[tuple[str, set[str]]]:
    """``n`` items: 80% about one abstract, 5% about two, 15% about none."""
    rng = random.Random(seed)
    kinds = list(WRITERS)
    out: list[tuple[str, set[str]]] = []
    by_meeting: dict[str, list[Generated]] = {}
    for g in abstracts:
        by_meeting.setdefault(g.record["meeting"], []).append(g)
    for i in range(n):
        r = rng.random()
        if r < 0.80:
            g = rng.choice(abstracts)
            text = WRITERS[kinds[i % len(kinds)]](rng, g.facts)
            out.append((text, {f"{g.record['meeting']}:{g.record['number']}"}))
        elif r < 0.85:
            a = rng.choice(abstracts)
            b = rng.choice(by_meeting[a.record["meeting"]])
            if b is a:
                continue
            out.append((two_study_release(rng, a.facts, b.facts),
                        {f"{x.record['meeting']}:{x.record['number']}" for x in (a, b)}))
        else:
            g = rng.choice(abstracts)
            out.append((unrelated(rng, _area(g), g.record["meeting"]), set()))
    return out


def _area(g: Generated) -> str:
    from catalog_gen import MEETINGS

    return str(MEETINGS[g.record["meeting"]]["area"])


def score(results: list[set[str]], truth: list[set[str]]) -> tuple[float, float]:
    tp = sum(len(r & t) for r, t in zip(results, truth, strict=True))
    fp = sum(len(r - t) for r, t in zip(results, truth, strict=True))
    fn = sum(len(t - r) for r, t in zip(results, truth, strict=True))
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


# ----------------------------------------------------------------------------- child runs

def child_link(db: str, items_path: str) -> None:
    """Link every item with one Linker; print JSON with the figures (run as a subprocess so
    its peak memory is its own)."""
    from embargo.catalog import Catalog
    from embargo.linking import Linker
    from embargo.policy import PolicySet

    items = json.loads(Path(items_path).read_text(encoding="utf-8"))
    with Catalog(db, readonly=True) as cat:
        linker = Linker(cat, PolicySet.load())
        started = time.perf_counter()
        got = [{x.abstract.id for x in linker.link(text).links} for text, _ in items]
        seconds = time.perf_counter() - started
    p, r = score(got, [set(t) for _, t in items])
    print(json.dumps({"seconds": seconds, "items": len(items), "precision": p, "recall": r,
                      "rss_mb": peak_mb()}))


def peak_mb() -> float:
    """This process's peak resident memory since it started its program (VmHWM; the
    rusage figure would include the memory of the parent it was forked from)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_measure(argv: list[str]) -> None:
    """Run ``embargo ARGV`` in this process and print its peak memory on stderr."""
    import atexit
    import runpy

    atexit.register(lambda: print(f"PEAK_MB {peak_mb():.1f}", file=sys.stderr))
    sys.argv = ["embargo", *argv]
    runpy.run_module("embargo", run_name="__main__")


def child_baseline(jsonl: str, items_path: str, threshold: float) -> None:
    from rapidfuzz import fuzz, process

    docs: list[str] = []
    ids: list[str] = []
    with open(jsonl, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            ids.append(f"{d['meeting']}:{d['number']}")
            docs.append(f"{d['title']} {d.get('body', '')}")
    items = json.loads(Path(items_path).read_text(encoding="utf-8"))
    started = time.perf_counter()
    got: list[set[str]] = []
    for text, _ in items:
        best = process.extractOne(text, docs, scorer=fuzz.token_set_ratio)
        got.append({ids[best[2]]} if best and best[1] >= threshold else set())
    seconds = time.perf_counter() - started
    p, r = score(got, [set(t) for _, t in items])
    print(json.dumps({"seconds": seconds, "items": len(items), "precision": p, "recall": r}))


# ----------------------------------------------------------------------------- main

class Ran:
    """A finished child process: exit code, output, wall time and its own peak memory."""

    def __init__(self, returncode: int, stdout: str, stderr: str, seconds: float,
                 rss_mb: float) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr
        self.seconds, self.rss_mb = seconds, rss_mb


def run(cmd: list[str]) -> Ran:
    """Run ``cmd``; ``os.wait4`` gives this child's own max RSS (not the max of all)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Ran(proc.returncode, out.read(), err.read(), seconds, usage.ru_maxrss / 1024)


def child_json(args: list[str]) -> dict[str, float]:
    out = run([sys.executable, str(Path(__file__).resolve()), *args])
    if out.returncode != 0:
        raise SystemExit(f"child failed: {out.stderr}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--abstracts", type=int, default=30000)
    ap.add_argument("--items", type=int, default=5000)
    ap.add_argument("--baseline-items", type=int, default=60)
    ap.add_argument("--check-runs", type=int, default=11)
    ap.add_argument("--small", "--quick", action="store_true", help="a tiny run (smoke test)")
    ap.add_argument("--keep", metavar="DIR", help="keep the generated files in DIR")
    ap.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        if args.child[0] == "measure":
            child_measure(args.child[1:])
            return 0
        if args.child[0] == "link":
            child_link(args.child[1], args.child[2])
        else:
            child_baseline(args.child[1], args.child[2], float(args.child[3]))
        return 0
    if args.small:
        args.abstracts, args.items, args.baseline_items, args.check_runs = 600, 200, 20, 3
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="embargo-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    print(f"embargo linking benchmark: {args.abstracts:,} abstracts, {args.items:,} items "
          f"(files in {tmp})")
    t = time.perf_counter()
    abstracts = list(CatalogGenerator(7).catalogue(args.abstracts))
    jsonl = tmp / "catalogue.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for g in abstracts:
            fh.write(json.dumps(g.record, ensure_ascii=False) + "\n")
    words = [len(g.record["body"].split()) for g in abstracts]
    print(f"  generated in {time.perf_counter() - t:.1f} s; body words: min {min(words)}, "
          f"mean {statistics.mean(words):.0f}, max {max(words)}")
    rows: list[tuple[str, str, str, str]] = []

    # Import.
    db = tmp / "catalogue.db"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    out = run([sys.executable, str(Path(__file__).resolve()), "--child", "measure",
               "abstracts", "import", str(jsonl), "--catalog", str(db), "--quiet"])
    import_s = out.seconds
    if out.returncode != 0:
        print(out.stderr)
        return 1
    rate = args.abstracts / import_s
    rows.append(("import (whole command)", f"{rate:,.0f} abstracts/s",
                 f">= {TARGETS['import']:,.0f}", _ok(rate >= TARGETS["import"])))
    rows.append(("  peak memory, import (main process)", f"{_peak(out.stderr, out.rss_mb):.0f} MB",
                 "", ""))

    # Items.
    items = make_items(abstracts, args.items)
    items_path = tmp / "items.json"
    items_path.write_text(json.dumps([(t, sorted(s)) for t, s in items]), encoding="utf-8")
    link = child_json(["--child", "link", str(db), str(items_path)])
    ips = link["items"] / link["seconds"]
    rows.append(("linking throughput", f"{ips:,.0f} items/s", f">= {TARGETS['throughput']:,.0f}",
                 _ok(ips >= TARGETS["throughput"])))
    rows.append(("  precision / recall (generated items)",
                 f"{link['precision']:.3f} / {link['recall']:.3f}", "", ""))
    rows.append(("peak memory, linking run", f"{link['rss_mb']:.0f} MB",
                 f"<= {TARGETS['memory']:.0f}", _ok(link["rss_mb"] <= TARGETS["memory"])))

    # One check of a 1,000-word draft, whole process.
    rng = random.Random(5)
    g = rng.choice(abstracts)
    body: list[str] = []
    while len(body) < 1000:
        body += WRITERS["editorial"](rng, g.facts).split()
        body += rng.choice(abstracts).record["body"].split()[:60]
    draft = tmp / "draft.md"
    draft.write_text("---\nkind: editorial\npublish_at: 2024-11-20 10:00 ET\n---\n"
                     + " ".join(body[:1000]) + "\n", encoding="utf-8")
    # An installed package has its bytecode compiled (pip does it); a source checkout run
    # with PYTHONDONTWRITEBYTECODE would compile every module on every run instead.
    import compileall

    import embargo

    compileall.compile_dir(str(Path(embargo.__file__).parent), quiet=1)
    times: list[float] = []
    rss: list[float] = []
    for _ in range(args.check_runs):
        out = run([str(Path(sys.executable).parent / "embargo"), "check",
                   str(draft), "--catalog", str(db), "--format", "json"])
        times.append(out.seconds)
        rss.append(out.rss_mb)
        if out.returncode == 2:
            print(out.stderr)
            return 1
    med = statistics.median(times)
    measured = run([sys.executable, str(Path(__file__).resolve()), "--child", "measure",
                    "check", str(draft), "--catalog", str(db), "--format", "json"])
    rss = [_peak(measured.stderr, max(rss))]
    rows.append(("embargo check, 1,000 words (median)", f"{med:.3f} s",
                 f"<= {TARGETS['check']}", _ok(med <= TARGETS["check"])))
    rows.append(("peak memory, one check", f"{max(rss):.0f} MB", f"<= {TARGETS['memory']:.0f}",
                 _ok(max(rss) <= TARGETS["memory"])))

    # Naive baseline on a sample of the same items.
    sample = items[: args.baseline_items]
    sample_path = tmp / "sample.json"
    sample_path.write_text(json.dumps([(t, sorted(s)) for t, s in sample]), encoding="utf-8")
    ours = child_json(["--child", "link", str(db), str(sample_path)])
    base = child_json(["--child", "baseline", str(jsonl), str(sample_path), "60"])
    bps = base["items"] / base["seconds"]
    rows.append((f"naive baseline (rapidfuzz, {len(sample)} items)", f"{bps:,.1f} items/s",
                 "", ""))
    rows.append(("  speed ratio (linker / baseline)", f"{ips / bps:,.0f}x", "", ""))
    rows.append(("  precision / recall: linker vs baseline (sample)",
                 f"{ours['precision']:.3f}/{ours['recall']:.3f} vs "
                 f"{base['precision']:.3f}/{base['recall']:.3f}", "", ""))

    # The labelled set.
    from eval_linking import evaluate

    s = evaluate()
    rows.append(("labelled set (tests/cases/linking)",
                 f"P {s.precision:.3f} R {s.recall:.3f}", ">= 0.95 / 0.90",
                 _ok(s.precision >= 0.95 and s.recall >= 0.90)))
    width = max(len(r[0]) for r in rows)
    print()
    for name, value, target, ok in rows:
        print(f"  {name:<{width}}  {value:<26} {target:<16} {ok}")
    return 0


def _peak(stderr: str, default: float) -> float:
    for line in stderr.splitlines():
        if line.startswith("PEAK_MB "):
            return float(line.split()[1])
    return default


def _ok(flag: bool) -> str:
    return "ok" if flag else "MISSED"


if __name__ == "__main__":
    raise SystemExit(main())
