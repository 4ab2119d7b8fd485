"""``embargo policy validate``: what authors get wrong, beyond what parsing refuses.

Parsing already refuses unknown keys, bad zones, renderings of one instant that disagree, and
malformed lifts.  This adds checks that need the whole policy: events no one defines, lifts out
of order, unreachable rules, coverage gaps, zone labels that contradict daylight saving.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from embargo.errors import InputError
from embargo.model import Kind, Tier
from embargo.policy.evaluate import rulings
from embargo.policy.lifts import KNOWN_EVENTS, LiftExpr
from embargo.policy.schema import Policy

#: Events the catalogue supplies per abstract (from online_at, session and events).
PER_ABSTRACT_EVENTS = {"abstracts_online", "session_start", "session_end",
                       "presentation_start", "presentation_end", "poster_hall_open",
                       "briefing_start", "briefing_end", "titles_online", "acceptance",
                       "submission", "data_submission"}


@dataclass(frozen=True)
class Problem:
    level: str  # "error" or "warning"
    key: str
    message: str
    line: int | None = None

    def render(self, path: str | None) -> str:
        place = path or "?"
        if self.line:
            place += f":{self.line}"
        return f"{place}: {self.level}: {self.key}: {self.message}"


def _walk_lifts(policy: Policy) -> list[tuple[str, LiftExpr]]:
    out: list[tuple[str, LiftExpr]] = []
    if policy.embargo_start is not None:
        out.append(("embargo.starts", policy.embargo_start))
    for name, e in policy.events.items():
        out.append((f"events.{name}", e))
    for i, r in enumerate(policy.rules):
        if r.lift is not None:
            out.append((f"rules[{i}].lift", r.lift))
        if r.starts is not None:
            out.append((f"rules[{i}].starts", r.starts))
    return out


def validate(policy: Policy) -> list[Problem]:
    problems: list[Problem] = []

    def add(level: str, key: str, msg: str) -> None:
        problems.append(Problem(level, key, msg, policy.line_of(key)))

    for key, warning in policy.parse_warnings:
        add("warning", key, warning)

    # Events that nothing defines.
    for key, expr in _walk_lifts(policy):
        for name in sorted(expr.events()):
            if name in policy.events or name in PER_ABSTRACT_EVENTS:
                continue
            hint = "" if name in KNOWN_EVENTS else (
                f"; known names: {', '.join(sorted(KNOWN_EVENTS))}")
            add("error", key, f"refers to event {name!r}, which neither [events] nor the "
                "catalogue defines: declare it under [events] (unknown = true if the date is "
                f"not published){hint}")
    # Circular event definitions.
    from embargo.policy.lifts import LiftContext

    for name in policy.events:
        try:
            LiftContext(policy.meeting.tz, policy.events).event(name)
        except InputError as e:
            add("error", f"events.{name}", e.message)

    # Unreachable rules and coverage gaps over the finite selector space.
    labels = sorted({t for r in policy.rules for t in (*r.tags, *r.not_tags)})
    exceptions = sorted({r.exception for r in policy.rules if r.exception})
    label_sets = [frozenset(c) for n in range(len(labels) + 1)
                  for c in itertools.combinations(labels, n)] if len(labels) <= 10 else [
        frozenset(), *(frozenset([x]) for x in labels)]
    exc_sets = [frozenset(c) for n in range(len(exceptions) + 1)
                for c in itertools.combinations(exceptions, n)]
    reached: set[str] = set()
    gaps: set[tuple[str, str]] = set()
    for tier, kind, labs, excs in itertools.product(
            (Tier.EXISTENCE, Tier.ABSTRACT, Tier.BEYOND, Tier.MATERIAL), Kind, label_sets,
            exc_sets):
        for rule in policy.rules:
            eff = tier
            if tier is Tier.MATERIAL and not any(Tier.MATERIAL in r.tiers for r in policy.rules):
                eff = Tier.BEYOND
            if rule.matches(eff, kind, labs, excs):
                reached.add(rule.id)
                break
        else:
            if tier is not Tier.MATERIAL:
                gaps.add((tier.value, kind.value))
    for i, rule in enumerate(policy.rules):
        if rule.id not in reached:
            add("error", f"rules[{i}]", f"rule {rule.id!r} can never apply: earlier rules match "
                "everything it selects; move it up or narrow the earlier rule")
    for tier_name, kind_name in sorted(gaps):
        add("warning", "rules", f"no rule covers {tier_name} content by {kind_name}: such "
            "items get "
            "`review`; add a rule if the policy says something")

    # Lifts out of order, meeting-wide (no abstract): beyond before abstract, abstract before
    # existence.
    for kind in Kind:
        try:
            rs = rulings(policy, None, kind)
        except InputError:
            continue
        ex, ab, be = rs[Tier.EXISTENCE], rs[Tier.ABSTRACT], rs[Tier.BEYOND]
        pairs = ((ab, be, "beyond-the-abstract content is free before the abstract itself"),
                 (ex, ab, "the abstract's content is free before its title (existence)"))
        for lo, hi, what in pairs:
            if lo.action == "lift" and hi.action == "lift" and lo.bounds and hi.bounds:
                a, b = lo.bounds.exact, hi.bounds.exact
                if a is not None and b is not None and b < a:
                    idx = policy.rules.index(hi.rule) if hi.rule in policy.rules else 0
                    add("warning", f"rules[{idx}].lift",
                        f"for {kind.value}: {what} ({b.isoformat()} < {a.isoformat()}); check "
                        "the times against the organiser's page")
    # Examples: at least one, and both sides of lifts are the author's job; just count.
    if not policy.examples:
        add("warning", "examples", "no worked examples: add [[examples]] so `embargo policy "
            "test` can prove the file does what the organiser says")
    return problems
