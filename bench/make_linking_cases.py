"""Build the labelled linking set in tests/cases/linking/ (deterministic; re-run to refresh).

    python bench/make_linking_cases.py

Writes ``catalogue.jsonl`` (generated abstracts plus the hand-written ones in
``handwritten/abstracts.jsonl``), ``items/g*.md`` (generated coverage) and ``expected.json``
(the true links of every item, generated and hand-written).  Hand-written items live in
``items/h*.md`` with their truth in ``handwritten/expected.json``; this script never touches
them.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_gen import AREAS, MEETINGS, CatalogGenerator, Generated
from coverage_gen import WRITERS, two_study_release, unrelated

ROOT = Path(__file__).resolve().parents[1] / "tests" / "cases" / "linking"
CASE_MEETINGS = ["acr-2024", "eular-2024", "acr-2021", "asco-2024", "ash-2023", "aasld-2024"]


def build(n_abstracts: int = 540, seed: int = 2024) -> dict[str, list[str]]:
    gen = CatalogGenerator(seed)
    rng = random.Random(seed + 1)
    abstracts = list(gen.catalogue(n_abstracts, CASE_MEETINGS))
    held_out = list(CatalogGenerator(seed + 99).catalogue(60, CASE_MEETINGS))
    hand = ROOT / "handwritten" / "abstracts.jsonl"
    lines = [json.dumps(g.record, ensure_ascii=False) for g in abstracts]
    if hand.exists():
        lines += [ln for ln in hand.read_text(encoding="utf-8").splitlines() if ln.strip()]
    (ROOT / "catalogue.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = ROOT / "items"
    items.mkdir(exist_ok=True)
    for old in items.glob("g*.md"):
        old.unlink()
    expected: dict[str, list[str]] = {}

    def aid(g: Generated) -> str:
        return f"{g.record['meeting']}:{g.record['number']}"

    def write(name: str, text: str, truth: list[str]) -> None:
        (items / name).write_text(text, encoding="utf-8")
        expected[name] = truth

    kinds = list(WRITERS)
    chosen = rng.sample(abstracts, 110)
    for i, g in enumerate(chosen, start=1):
        kind = kinds[i % len(kinds)]
        write(f"g{i:03d}-{kind}.md", WRITERS[kind](rng, g.facts), [aid(g)])
    rest = [g for g in abstracts if g not in chosen]
    for j in range(0, 24, 2):
        # A release about two studies: both shown at the same meeting, different families.
        a = rng.choice(rest)
        b = rng.choice([g for g in rest if g.record["meeting"] == a.record["meeting"]
                        and g.facts["generic"] != a.facts["generic"]])
        write(f"g{200 + j // 2:03d}-two-studies.md", two_study_release(rng, a.facts, b.facts),
              [aid(a), aid(b)])
    for k, g in enumerate(held_out[:30], start=1):
        kind = kinds[k % len(kinds)]
        write(f"g{300 + k:03d}-not-in-catalogue-{kind}.md", WRITERS[kind](rng, g.facts), [])
    for k in range(1, 26):
        meeting = rng.choice(CASE_MEETINGS)
        area = MEETINGS[meeting]["area"]
        assert area in AREAS
        write(f"g{400 + k:03d}-unrelated.md", unrelated(rng, area, meeting), [])
    hand_truth = ROOT / "handwritten" / "expected.json"
    if hand_truth.exists():
        expected.update(json.loads(hand_truth.read_text(encoding="utf-8")))
    (ROOT / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")
    return expected


if __name__ == "__main__":
    exp = build()
    print(f"{len(exp)} items, {sum(len(v) for v in exp.values())} true links -> {ROOT}")
