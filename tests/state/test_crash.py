"""kill -9 at any point: the state stays whole (item, history and outbox rows together), and
writing the same items again after the restart enqueues nothing twice.  A real subprocess."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from embargo.state import NewAlert, open_state

ROOT = Path(__file__).resolve().parents[2]

WRITER = r"""
import sys
from datetime import UTC, datetime, timedelta
from embargo.state import NewAlert, open_state

state = open_state(sys.argv[1])
t = datetime(2024, 11, 14, 15, 0, tzinfo=UTC)
judgement = {"verdict": "violation", "findings": [{"abstract": "acr-2024:1709",
             "tier": "beyond", "verdict": "violation", "message": "x" * 400}]}
i = 0
while True:
    alerts = [NewAlert(channel=c, dedupe_key=f"k{i}", subject=f"alert {i}", payload={"i": i},
                       group_key=f"g{i}") for c in ("email", "webhook")]
    state.record_item("feed:x", f"guid:{i}", content_hash=str(i), title=None, link=None,
                      published_at=None, judgement=judgement, alerts=alerts, at=t)
    if i % 7 == 0:
        for row in state.claim(t + timedelta(seconds=i), limit=3):
            state.mark_delivered(row.id, t + timedelta(seconds=i))
    if i == 20:
        print("ready", flush=True)
    i += 1
"""


def _alerts(i: int) -> list[NewAlert]:
    return [NewAlert(channel=c, dedupe_key=f"k{i}", subject=f"alert {i}", payload={"i": i},
                     group_key=f"g{i}") for c in ("email", "webhook")]


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.05, 0.2, 0.45])
def test_kill_9_leaves_a_whole_state(tmp_path: Path, delay: float) -> None:
    path = tmp_path / "state.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                            env=env, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        items = raw.execute("SELECT COUNT(*) FROM items").fetchone()[0]
        history = raw.execute("SELECT COUNT(*) FROM item_history").fetchone()[0]
        outbox = raw.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
        keys = {k for (k,) in raw.execute("SELECT dedupe_key FROM outbox")}
    finally:
        raw.close()
    assert items > 20
    assert history == items and outbox == 2 * items  # all or nothing, per item
    assert keys == {f"k{i}" for i in range(items)}

    # the restarted daemon sees the same entries again: nothing is enqueued twice
    t = datetime(2024, 11, 14, 15, 0, tzinfo=UTC)
    judgement = {"verdict": "violation", "findings": [{"abstract": "acr-2024:1709",
                 "tier": "beyond", "verdict": "violation", "message": "x" * 400}]}
    with open_state(path) as state:
        delivered_before = {a.id for a in state.alerts(status="delivered")}
        for i in range(items + 5):
            r = state.record_item("feed:x", f"guid:{i}", content_hash=str(i), title=None,
                                  link=None, published_at=None, judgement=judgement,
                                  alerts=_alerts(i), at=t)
            assert r.enqueued == (0 if i < items else 2)
        assert len(state.alerts()) == 2 * (items + 5)
        # what was delivered stays delivered and is never claimed again
        claimed = {a.id for a in state.claim(t.replace(year=2030), limit=100000)}
        assert delivered_before and not claimed & delivered_before
