"""Policy evaluation: which rule governs an (abstract, tier, kind) and when it lifts.

Pure functions of a policy, an abstract and a kind; no I/O, no clock.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime

from embargo.errors import InputError
from embargo.model import TIER_ORDER, Abstract, Kind, Material, Tier, Verdict
from embargo.policy.lifts import UNKNOWN, Bounds, LiftContext, LiftExpr, LiftParser, OwnLift
from embargo.policy.schema import Policy, Rule, labels_of


@dataclass(frozen=True)
class Ruling:
    """How one tier of one abstract is governed for one kind of publisher."""

    tier: Tier
    kind: Kind
    rule: Rule | None  # None: no rule matches (→ review)
    action: str  # lift | allow | never | review | none
    bounds: Bounds | None  # for "lift": where the lift lies
    start: Bounds | None  # the embargo start, when the policy states one
    override: str | None = None  # text of the per-abstract override in force
    notes: tuple[str, ...] = ()
    material: Material | None = None  # for the material tier: the kind of material judged

    def judge(self, at: datetime) -> Verdict:
        """Verdict of publishing this tier at ``at``."""
        state = self.start_state(at)
        if state == "before":
            return Verdict.PASS  # the embargo has not started yet
        verdict = self.lift_verdict(at)
        if state == "maybe" and verdict is Verdict.VIOLATION:
            return Verdict.REVIEW  # embargoed only if the embargo has already started
        return verdict

    def lift_verdict(self, at: datetime) -> Verdict:
        """Verdict of publishing this tier at ``at`` once the embargo is in force."""
        if self.action == "allow":
            return Verdict.PASS
        if self.action == "never":
            return Verdict.VIOLATION
        if self.action in ("review", "none") or self.bounds is None:
            return Verdict.REVIEW
        b = self.bounds
        if b.upper is not None and at >= b.upper:
            return Verdict.PASS
        if b.lower is not None and at < b.lower:
            return Verdict.VIOLATION
        return Verdict.REVIEW

    def start_state(self, at: datetime) -> str:
        """``before`` the embargo starts, ``maybe`` (inside the start's bounds), ``started``.

        An embargo whose start is wholly unknown counts as started: it never fails open.
        """
        s = self.start
        if s is None:
            return "started"
        if s.lower is not None and at < s.lower:
            return "before"
        if s.upper is not None and at < s.upper:
            return "maybe"
        return "started"

    def before_start(self, at: datetime) -> bool:
        return self.start_state(at) == "before"

    @property
    def free_from(self) -> datetime | None:
        """The earliest instant this tier is certainly free (None: unknown or never)."""
        if self.action == "allow":
            return None
        if self.action == "lift" and self.bounds is not None:
            return self.bounds.upper
        return None


def context_for(policy: Policy, abstract: Abstract | None) -> LiftContext:
    events = abstract.event_instants() if abstract is not None else {}
    return LiftContext(policy.meeting.tz, policy.events, events,
                       abstract.id if abstract is not None else None)


def events_of(policy: Policy, abstract: Abstract | None) -> frozenset[str]:
    """The events defined for an abstract: its own (catalogue) and the meeting-wide ones.
    What ``has_event``/``lacks_event`` select on."""
    own = abstract.event_instants().keys() if abstract is not None else set()
    return frozenset({*own, *policy.events})


def match_rule(policy: Policy, abstract: Abstract | None, tier: Tier, kind: Kind,
               material: Material | None = None) -> Rule | None:
    labels = labels_of(abstract)
    exceptions = frozenset(abstract.exceptions) if abstract is not None else frozenset()
    events = events_of(policy, abstract)
    # Rules for `beyond` cover presentation materials too (see Rule.matches).
    for rule in policy.rules:
        if rule.matches(tier, kind, labels, exceptions, events, material):
            return rule
    return None


def _override(policy: Policy, abstract: Abstract | None, tier: Tier) -> LiftExpr | None:
    """The lift the organiser set for this abstract alone: the catalogue's ``lifts`` first,
    then the policy file's ``[[overrides]]``."""
    if abstract is None:
        return None
    raw = abstract.lifts.get(tier.value)
    if raw is None and tier is Tier.MATERIAL:
        raw = abstract.lifts.get(Tier.BEYOND.value)
    if raw is None:
        for o in policy.overrides:
            if o.applies(abstract.number, tier):
                return o.lift
        return None
    try:
        return LiftParser(policy.meeting.tz).parse(raw, f"lifts.{tier.value}")
    except InputError as e:
        raise InputError(f"abstract {abstract.id}: {e.message}", key=f"lifts.{tier.value}"
                         ) from None


def _strictness(r: Ruling) -> tuple[int, float]:
    """Order rulings from freest to strictest (for material of no particular kind)."""
    rank = {"allow": 0, "lift": 1, "review": 3, "none": 4, "never": 5}[r.action]
    if r.action == "lift":
        upper = r.bounds.upper if r.bounds is not None else None
        if upper is None:
            return (2, 0.0)
        return (1, upper.timestamp())
    return (rank, 0.0)


def ruling(policy: Policy, abstract: Abstract | None, tier: Tier, kind: Kind,
           material: Material | None = None) -> Ruling:
    """The raw ruling for one tier (before cross-tier bounds are applied).

    For the material tier, ``material`` names the kind of material.  Without it, when the
    policy treats kinds of material differently, the strictest of their rulings stands for
    "material of some kind" (free only once every kind is).
    """
    if tier is Tier.MATERIAL and material is None and policy.distinguishes_materials:
        return max((ruling(policy, abstract, tier, kind, m) for m in Material),
                   key=_strictness)
    ctx = context_for(policy, abstract)
    rule = match_rule(policy, abstract, tier, kind, material)
    start_expr = (rule.starts if rule is not None and rule.starts is not None
                  else policy.embargo_start)
    start = None
    if start_expr is not None:
        start = start_expr.resolve(ctx) or UNKNOWN
    what = tier.value if material is None else f"{tier.value} ({material.value})"
    if rule is None:
        return Ruling(tier, kind, None, "none", None, start,
                      notes=(f"{policy.id} has no rule for {what} content published "
                             f"by {kind.value}",), material=material)
    if rule.action != "lift":
        return Ruling(tier, kind, rule, rule.action, None, start, material=material)
    assert rule.lift is not None
    own_expr = _override(policy, abstract, tier)
    override_text = None
    if any(isinstance(n, OwnLift) for n in rule.lift.walk()):
        # The rule says itself how the abstract's own lift counts (`own_lift`).
        ctx.own_lift = own_expr
        expr = rule.lift
        if own_expr is not None and abstract is not None:
            override_text = (f"the organiser set this abstract's own {tier.value} lift to "
                             f"{own_expr.describe(policy.meeting.tz)}, which this rule "
                             "combines with its own")
    else:
        override_expr = own_expr if rule.overridable else None
        expr = override_expr or rule.lift
        if override_expr is not None and abstract is not None:
            override_text = (f"the organiser set this abstract's {tier.value} lift to "
                             f"{override_expr.describe(policy.meeting.tz)}")
    bounds = expr.resolve(ctx) or UNKNOWN.with_notes(
        f"none of the events this rule names are known for {ctx.who()}")
    return Ruling(tier, kind, rule, "lift", bounds, start, override_text, bounds.notes,
                  material)


def rulings(policy: Policy, abstract: Abstract | None, kind: Kind,
            material: Material | None = None) -> dict[Tier, Ruling]:
    """Rulings for every tier, with the order of tiers used to tighten unknown bounds.

    Titles are never free later than the content, and what goes beyond the abstract is never
    free before it: so an unknown lift borrows bounds from its neighbours.  Exact lifts are
    never moved.  ``material`` is the kind of material the material tier's ruling is for.
    """
    out = {tier: ruling(policy, abstract, tier, kind,
                        material if tier is Tier.MATERIAL else None) for tier in TIER_ORDER}

    def tighten(tier: Tier, lower: datetime | None = None, upper: datetime | None = None,
                why: str = "") -> None:
        r = out[tier]
        if r.action != "lift" or r.bounds is None or r.bounds.exact is not None:
            return
        b = r.bounds
        new_lower = b.lower
        if lower is not None and (new_lower is None or lower > new_lower):
            new_lower = lower
        new_upper = b.upper
        if upper is not None and (new_upper is None or upper < new_upper):
            new_upper = upper
        if (new_lower, new_upper) != (b.lower, b.upper):
            nb = Bounds(new_lower, new_upper, b.day if new_lower == b.lower and
                        new_upper == b.upper else None, (*b.notes, why))
            out[tier] = Ruling(r.tier, r.kind, r.rule, r.action, nb, r.start, r.override,
                               nb.notes, r.material)

    def bounds_of(tier: Tier) -> Bounds | None:
        r = out[tier]
        return r.bounds if r.action == "lift" else None

    chain = (Tier.EXISTENCE, Tier.ABSTRACT, Tier.BEYOND)
    for _ in range(2):
        for lo_tier, hi_tier in itertools.pairwise(chain):
            lo, hi = bounds_of(lo_tier), bounds_of(hi_tier)
            if lo is not None and hi is not None:
                tighten(hi_tier, lower=lo.lower,
                        why=f"{hi_tier.value} is never free before {lo_tier.value}")
                tighten(lo_tier, upper=hi.upper,
                        why=f"{lo_tier.value} is never free later than {hi_tier.value}")
        ab = bounds_of(Tier.ABSTRACT)
        if ab is not None:
            tighten(Tier.MATERIAL, lower=ab.lower,
                    why="presentation materials are never free before the abstract")
    return out
