"""Fit the linker's logistic weights on the labelled set (tests/cases/linking).

    python bench/calibrate_linking.py

For every item, every shortlisted abstract gives one row: its summed evidence (the
log-likelihood ratio of ``Signals``) and whether the item is truly about it.  A logistic
regression of the truth on the evidence gives the ``scale`` and ``shift`` of
``CALIBRATION`` in ``embargo/linking/linker.py``; the script also prints how many true and
false links each evidence threshold keeps.  Rounded values, not the raw fit, go in the code:
the labelled set is small and written by us, the hidden data is real.
"""

from __future__ import annotations

import json
import math
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_linking import CASES, read_item


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
    data = rows()
    pos = sum(y for _, y in data)
    print(f"{len(data)} rows, {pos} true links")
    w = fit(data, l2=0.0, steps=3000, lr=0.05)
    scale, shift = w[1], -w[0] / w[1] if w[1] else float("nan")
    print(f'CALIBRATION = {{"scale": {scale:.2f}, "shift": {shift:.2f}, ...}}')
    for thr in (5, 6, 7, 8, 9, 10, 11, 12):
        tp = sum(1 for x, y in data if x[0] >= thr and y)
        fp = sum(1 for x, y in data if x[0] >= thr and not y)
        print(f"  llr >= {thr:>2}: {tp} true, {fp} false")
