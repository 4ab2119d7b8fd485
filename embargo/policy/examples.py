"""``embargo policy test``: run the worked examples each policy file carries.

Each example is judged through the same engine as a real item, so a policy's examples prove
what users will see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from embargo.model import Item, KindGuess, Link, Tier, TierEvidence
from embargo.policy.loader import PolicySet
from embargo.policy.schema import Example, ExampleAbstract, Policy


@dataclass(frozen=True)
class ExampleResult:
    policy: Policy
    example: Example
    ok: bool
    problems: tuple[str, ...]

    @property
    def where(self) -> str:
        line = f":{self.example.line}" if self.example.line else ""
        return f"{self.policy.path or self.policy.id}{line}"


def example_item(policy: Policy, ex: Example) -> Item:
    links = tuple(Link(ea.abstract, 1.0, ("worked example",)) for ea in ex.abstracts)
    tiers = {ea.abstract.id: _evidence(ea) for ea in ex.abstracts}
    return Item(
        source=f"{policy.id}: {ex.name}",
        text=ex.text or "",
        kind=KindGuess(ex.kind, 1.0, source="example"),
        published_at=ex.at,
        title=ex.name,
        links=links,
        tiers=tiers,
    )


def _evidence(ea: ExampleAbstract) -> tuple[TierEvidence, ...]:
    out: list[TierEvidence] = []
    for t in ea.tiers:
        if t is Tier.MATERIAL and ea.materials:
            out.extend(TierEvidence(t, f"({m.value})", "example", m) for m in ea.materials)
        else:
            out.append(TierEvidence(t, f"({t.value} content)", "example"))
    return tuple(out)


def _fmt(d: datetime | str | None) -> str:
    return "none" if d is None or isinstance(d, str) else d.astimezone(UTC).isoformat()


def run_example(policy: Policy, ex: Example, policies: PolicySet | None = None) -> ExampleResult:
    from embargo.engine import judge

    j = judge(example_item(policy, ex), policies or PolicySet([policy]))
    problems: list[str] = []
    if j.verdict is not ex.expect:
        why = "; ".join(f.message for f in j.findings if f.verdict is j.verdict)[:300]
        problems.append(f"expected {ex.expect.value}, got {j.verdict.value} ({why})")
    if ex.earliest_compliant != "unchecked":
        want = ex.earliest_compliant
        got = j.earliest_compliant
        if (want is None) != (got is None) or (
                want is not None and got is not None and not isinstance(want, str)
                and want.astimezone(UTC) != got.astimezone(UTC)):
            problems.append(f"expected earliest_compliant {_fmt(want)}, got {_fmt(got)}")
    if ex.rule is not None:
        full = ex.rule if "/" in ex.rule else f"{policy.id}/{ex.rule}"
        rules = [f.rule for f in j.findings if f.rule]
        if full not in rules:
            problems.append(f"expected rule {full}, got {', '.join(rules) or 'none'}")
    return ExampleResult(policy, ex, not problems, tuple(problems))


def run_examples(policies: list[Policy], everything: PolicySet | None = None
                 ) -> list[ExampleResult]:
    return [run_example(p, ex, everything) for p in policies for ex in p.examples]
