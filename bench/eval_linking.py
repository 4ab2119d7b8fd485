"""Precision and recall of linking on the labelled set (tests/cases/linking).

    python bench/eval_linking.py [-v]

Imports the set's catalogue into a temporary file, links every item (no ids given), and
compares the accepted links with ``expected.json``.  ``-v`` lists every wrong item with the
evidence the linker gave.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairs import PairCounts

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases" / "linking"


@dataclass
class Score(PairCounts):
    unrelated: int = 0  # items with no true link
    unrelated_clean: int = 0  # ... that linked nothing
    held: int = 0  # true links found as a link or at least a candidate (review)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    items: int = 0

    @property
    def held_share(self) -> float:
        """True links found as links or candidates: what review still catches."""
        return self.held / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self) -> str:
        return (f"precision {self.precision:.3f}  recall {self.recall:.3f}  "
                f"(with candidates {self.held_share:.3f})  "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn}); unrelated items clean "
                f"{self.unrelated_clean}/{self.unrelated}; {self.items} items in "
                f"{self.seconds * 1000:.0f} ms")


def read_item(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end > 0:
            text = text[end + 4:]
    return text


def evaluate(catalog_path: Path | None = None, verbose: bool = False) -> Score:
    from embargo.catalog import Catalog, import_paths
    from embargo.linking import Linker
    from embargo.policy import PolicySet

    expected: dict[str, list[str]] = json.loads((CASES / "expected.json").read_text())
    policies = PolicySet.load()
    with tempfile.TemporaryDirectory() as tmp:
        db = catalog_path or Path(tmp) / "c.db"
        if catalog_path is None:
            with Catalog(db) as cat:
                import_paths(cat, [CASES / "catalogue.jsonl"])
        score = Score()
        with Catalog(db, readonly=True) as cat:
            linker = Linker(cat, policies)
            texts = {name: read_item(CASES / "items" / name) for name in sorted(expected)}
            started = time.perf_counter()
            results = {name: linker.link(text) for name, text in texts.items()}
            score.seconds = time.perf_counter() - started
            score.items = len(texts)
        for name, truth in sorted(expected.items()):
            res = results[name]
            got = {x.abstract.id for x in res.links}
            want = set(truth)
            score.tp += len(got & want)
            score.fp += len(got - want)
            score.fn += len(want - got)
            score.held += len(want & (got | {x.abstract.id for x in res.candidates}))
            if not want:
                score.unrelated += 1
                score.unrelated_clean += not got
            if got != want:
                msg = [f"{name}: want {sorted(want)} got {sorted(got)}"]
                for x in [*res.links, *res.candidates]:
                    mark = "LINK" if x in res.links else "cand"
                    msg.append(f"    {mark} {x.abstract.id} {x.confidence:.2f} "
                               f"{'; '.join(x.evidence)}")
                score.errors.append("\n".join(msg))
    if verbose:
        for e in score.errors:
            print(e)
    return score


if __name__ == "__main__":
    s = evaluate(verbose="-v" in sys.argv)
    print(s.line())
