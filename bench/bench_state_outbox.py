"""Benchmark of the state database, the outbox and the lift schedule.

    .venv/bin/python bench/bench_state_outbox.py [--quick] [--feeds 500] [--entries 50]

Measures, on a real SQLite file in a temporary folder:

0. the baseline: a bare SQLite INSERT of the same rows, one transaction each (WAL);
1. ``record_item`` for every entry of a first poll (feeds x entries, one alert per tenth
   entry, two channels), then for a second poll of the same entries (all unchanged);
2. ``deliver_pending`` of N alerts into a Maildir (claim, render both parts with jinja2,
   write, mark delivered);
3. ``all_lifts`` + ``group_lifts`` over 30,000 abstracts of the bundled ACR policy.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from embargo.alerts import deliver_pending
from embargo.config import parse_config
from embargo.model import Abstract, Session
from embargo.policy import PolicySet
from embargo.policy.schedule import all_lifts, group_lifts
from embargo.state import NewAlert, open_state

T0 = datetime(2024, 11, 14, 14, 0, tzinfo=UTC)


def _judgement(i: int) -> dict[str, object]:
    verdict = "violation" if i % 10 == 0 else "pass"
    return {"verdict": verdict, "meetings": ["acr-2024"], "findings": [
        {"abstract": "acr-2024:1709", "tier": "beyond", "rule": "acr-2024/beyond",
         "verdict": verdict, "ok": verdict == "pass", "lifts_at": "2024-11-14T15:00:00+00:00",
         "evidence": "A sentence of evidence long enough to look like one. " * 2,
         "message": "content beyond the abstract of acr-2024:1709 is embargoed until ..."}]}


def _payload(i: int) -> dict[str, object]:
    return {"type": "finding",
            "item": {"title": f"Entry {i}", "link": f"https://news.example/{i}",
                     "source": f"https://news.example/{i}", "source_label": "Bench feed",
                     "kind": "editorial", "published_at": T0.isoformat(), "origin": "feed",
                     "published_at_note": ""},
            "finding": _judgement(0)["findings"][0],  # type: ignore[index]
            "findings": [], "meeting": {"id": "acr-2024", "name": "ACR Convergence 2024",
                                        "zone": "America/New_York"},
            "advice": "Ask the publisher to hold it."}


def bench_baseline(folder: Path, n: int) -> dict[str, float]:
    import sqlite3

    db = sqlite3.connect(folder / "baseline.db", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("CREATE TABLE t (k TEXT PRIMARY KEY, judgement TEXT)")
    doc = json.dumps(_judgement(1))
    started = time.perf_counter()
    for i in range(n):
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t VALUES (?, ?)", (f"k{i}", doc))
        db.execute("COMMIT")
    took = time.perf_counter() - started
    db.close()
    return {"rows": n, "seconds": round(took, 3), "per_row_ms": round(took / n * 1000, 4)}


def bench_state(folder: Path, feeds: int, entries: int) -> dict[str, float]:
    out: dict[str, float] = {}
    with open_state(folder / "state.db") as state:
        for label in ("first_poll", "second_poll"):
            started = time.perf_counter()
            enqueued = 0
            for f in range(feeds):
                key = f"feed:https://feeds.example/{f}.xml"
                for e in range(entries):
                    i = f * entries + e
                    alerts = [NewAlert(channel=c, dedupe_key=f"finding|{key}|{i}",
                                       subject=f"VIOLATION: entry {i}", payload=_payload(i),
                                       verdict="violation", group_key=f"item|{key}|{i}")
                              for c in ("email", "maildir")] if i % 10 == 0 else []
                    r = state.record_item(key, f"guid:{i}", content_hash=str(i),
                                          title=f"Entry {i}", link=f"https://x/{i}",
                                          published_at=T0, judgement=_judgement(i),
                                          alerts=alerts, at=T0)
                    enqueued += r.enqueued
                state.record_poll(key, at=T0, ok=True, http_status=200, entries=entries)
            took = time.perf_counter() - started
            out[f"{label}_seconds"] = round(took, 3)
            out[f"{label}_per_item_ms"] = round(took / (feeds * entries) * 1000, 4)
            out[f"{label}_enqueued"] = enqueued
    return out


def bench_delivery(folder: Path, n: int) -> dict[str, float]:
    cfg = parse_config({"maildir": {"path": str(folder / "md")}})
    with open_state(folder / "outbox.db") as state:
        state.enqueue([NewAlert(channel="maildir", dedupe_key=f"k{i}", subject=f"alert {i}",
                                payload=_payload(i), verdict="violation",
                                group_key=f"g{i}") for i in range(n)], T0)
        started = time.perf_counter()
        sent = 0
        while True:
            r = deliver_pending(state, cfg, T0, limit=500)
            sent += r.messages
            if not r.messages:
                break
        took = time.perf_counter() - started
    return {"alerts": n, "messages": sent, "seconds": round(took, 3),
            "per_message_ms": round(took / max(sent, 1) * 1000, 3)}


def bench_lifts(count: int) -> dict[str, float]:
    policies = PolicySet.load()
    base = datetime(2024, 11, 15, 14, 0, tzinfo=UTC)
    abstracts = [Abstract(meeting="acr-2024", number=str(i), title=f"Abstract {i}",
                          category="poster" if i % 40 else "late-breaking",
                          session=Session(f"Session {i % 300}",
                                          base + timedelta(minutes=30 * (i % 300))),
                          online_at=datetime(2024, 10, 25, 16, 0, tzinfo=UTC)
                          if i % 3 else None)
                 for i in range(count)]
    abstracts = [replace(a) for a in abstracts]
    started = time.perf_counter()
    events = all_lifts(policies, abstracts)
    groups = group_lifts(events)
    took = time.perf_counter() - started
    return {"abstracts": count, "events": len(events), "groups": len(groups),
            "seconds": round(took, 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--feeds", type=int, default=500)
    ap.add_argument("--entries", type=int, default=50)
    ap.add_argument("--alerts", type=int, default=2000)
    ap.add_argument("--abstracts", type=int, default=30_000)
    ap.add_argument("--quick", action="store_true", help="a tenth of every size")
    args = ap.parse_args()
    if args.quick:
        args.feeds, args.alerts, args.abstracts = (max(1, args.feeds // 10),
                                                   max(1, args.alerts // 10),
                                                   max(1, args.abstracts // 10))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        result = {
            "baseline_bare_insert": bench_baseline(folder, args.feeds * args.entries),
            "state": bench_state(folder, args.feeds, args.entries),
            "delivery_maildir": bench_delivery(folder, args.alerts),
            "lifts": bench_lifts(args.abstracts),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
    print(json.dumps(result, indent=2))
    base = result["baseline_bare_insert"]["per_row_ms"]  # type: ignore[index]
    first = result["state"]["first_poll_per_item_ms"]  # type: ignore[index]
    print(f"record_item costs {first / base:.1f}x a bare one-row transaction "
          f"({first} ms vs {base} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
