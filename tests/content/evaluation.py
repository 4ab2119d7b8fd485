"""Runs the content evaluation set (tests/cases/content) through the public API.

``python -m tests.content.evaluation`` prints every case that misses and the accuracies;
``test_evaluation.py`` asserts them.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CASES = Path(__file__).resolve().parents[1] / "cases" / "content"


@dataclass
class Outcome:
    case: dict[str, Any]
    kind: str
    kind_source: str
    kind_confidence: float
    verdict: str
    tiers: dict[str, list[str]]
    earliest: str | None
    evidence: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        at = self.case.get("at")
        return f"{self.case['file']}" + (f" @ {at}" if at else "")

    @property
    def kind_ok(self) -> bool:
        return self.kind == self.case["kind"]

    @property
    def verdict_ok(self) -> bool:
        return self.verdict == self.case["verdict"]

    def tier_pairs(self) -> list[tuple[str, bool]]:
        truth: dict[str, list[str]] = self.case.get("tiers", {})
        return [(aid, sorted(self.tiers.get(aid, [])) == sorted(want))
                for aid, want in truth.items()]


def load_cases() -> list[dict[str, Any]]:
    with (CASES / "cases.toml").open("rb") as f:
        return list(tomllib.load(f)["case"])


def run(catalog_path: Path) -> list[Outcome]:
    from embargo.api import Embargo
    from embargo.catalog import Catalog, import_paths
    from embargo.config import Config
    from embargo.policy import PolicySet
    from embargo.timeparse import iso, parse_when

    if not catalog_path.exists():
        with Catalog(catalog_path) as cat:
            import_paths(cat, [CASES / "catalog.jsonl"])
    policies = PolicySet.load([CASES / "policies"])
    cfg = Config(timezone="America/New_York")
    out: list[Outcome] = []
    with Embargo(cfg, policies=policies, catalog=Catalog(catalog_path, readonly=True)) as emb:
        for case in load_cases():
            j = emb.check_path(CASES / "drafts" / case["file"], at=case.get("at"),
                               abstracts=case.get("abstracts", []))
            tiers: dict[str, list[str]] = {}
            for f in j.findings:
                if f.abstract and f.tier is not None:
                    tiers.setdefault(f.abstract, [])
                    if f.tier.value not in tiers[f.abstract]:
                        tiers[f.abstract].append(f.tier.value)
            evidence = {aid: [(e.tier.value, e.reason, e.evidence) for e in evs]
                        for aid, evs in j.item.tiers.items()}
            want = case.get("earliest")
            if want is not None:
                case = {**case, "earliest": iso(parse_when(want, "UTC").instant)}
            out.append(Outcome(case, j.item.kind.kind.value, j.item.kind.source,
                               j.item.kind.confidence, j.verdict.value, tiers,
                               iso(j.earliest_compliant), evidence))
    return out


def metrics(outcomes: list[Outcome]) -> dict[str, float]:
    pairs = [ok for o in outcomes for _, ok in o.tier_pairs()]
    inferred = [o for o in outcomes if o.kind_source == "inferred"]
    with_earliest = [o for o in outcomes if "earliest" in o.case]
    return {
        "cases": len(outcomes),
        "drafts": len({o.case["file"] for o in outcomes}),
        "kind": sum(o.kind_ok for o in outcomes) / len(outcomes),
        "kind_inferred": sum(o.kind_ok for o in inferred) / max(1, len(inferred)),
        "kind_inferred_n": len(inferred),
        "tier": sum(pairs) / max(1, len(pairs)),
        "verdict": sum(o.verdict_ok for o in outcomes) / len(outcomes),
        "earliest": sum(o.earliest == o.case["earliest"] for o in with_earliest)
        / max(1, len(with_earliest)),
        "false_pass": sum(1 for o in outcomes
                          if o.verdict == "pass" and o.case["verdict"] == "violation"),
    }


def main() -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        outcomes = run(Path(tmp) / "catalog.db")
    for o in outcomes:
        problems = []
        if not o.kind_ok:
            problems.append(f"kind {o.kind} ({o.kind_source} {o.kind_confidence}) "
                            f"!= {o.case['kind']}")
        if not o.verdict_ok:
            problems.append(f"verdict {o.verdict} != {o.case['verdict']}")
        for aid, ok in o.tier_pairs():
            if not ok:
                problems.append(f"tiers {aid} {sorted(o.tiers.get(aid, []))} != "
                                f"{sorted(o.case['tiers'][aid])}")
        if "earliest" in o.case and o.earliest != o.case["earliest"]:
            problems.append(f"earliest {o.earliest} != {o.case['earliest']}")
        if problems:
            print(f"MISS {o.name}: " + "; ".join(problems))
            if "-v" in sys.argv:
                for aid, evs in o.evidence.items():
                    for tier, reason, ev in evs:
                        print(f"       {aid} {tier:9} {reason[:45]:45} | {ev[:100]}")
    for k, v in metrics(outcomes).items():
        print(f"{k:16} {v:.3f}" if isinstance(v, float) else f"{k:16} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
