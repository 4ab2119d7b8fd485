"""``embargo policy show``: a policy in plain words, every lift in the venue zone, Eastern time
and UTC, so a press officer can check it against the organiser's page at a glance."""

from __future__ import annotations

from datetime import UTC, datetime

from embargo.policy.lifts import Bounds, Fixed, LiftContext, LiftExpr
from embargo.policy.schema import Policy, Rule
from embargo.timeparse import format_instant

EASTERN = "America/New_York"


def _three_zones(dt: datetime, venue: str) -> str:
    parts = [format_instant(dt, venue, utc=False)]
    if venue != EASTERN:
        parts.append(format_instant(dt, EASTERN, utc=False))
    parts.append(format_instant(dt.astimezone(UTC), None))
    return " = ".join(parts)


def _bounds_text(b: Bounds | None, venue: str) -> str:
    if b is None:
        return "not defined for this meeting"
    if b.exact is not None:
        return _three_zones(b.exact, venue)
    if b.day is not None:
        return f"some time on {b.day:%a %d %b %Y} (no time given)"
    parts = []
    if b.lower is not None:
        parts.append(f"not before {_three_zones(b.lower, venue)}")
    if b.upper is not None:
        parts.append(f"not after {_three_zones(b.upper, venue)}")
    return "UNKNOWN" + (" — " + "; ".join(parts) if parts else "")


def _lift_text(expr: LiftExpr, policy: Policy) -> str:
    tz = policy.meeting.tz
    words = expr.describe(tz)
    ctx = LiftContext(tz, policy.events, {}, None)
    try:
        b = expr.resolve(ctx)
    except Exception:
        b = None
    if isinstance(expr, Fixed):
        return _three_zones(expr.instant, policy.meeting.zone)
    if b is not None and (b.lower is not None or b.upper is not None):
        return f"{words}\n        meeting-wide: {_bounds_text(b, policy.meeting.zone)}"
    return words + " (per abstract, from the catalogue)" if expr.events() else words


def _selector(rule: Rule) -> str:
    parts = []
    parts.append(", ".join(sorted(t.value for t in rule.tiers)) + " content"
                 if rule.tiers else "all content")
    parts.append("by " + ", ".join(sorted(k.value for k in rule.kinds))
                 if rule.kinds else "by anyone")
    if rule.tags:
        parts.append("of abstracts labelled " + " or ".join(sorted(rule.tags)))
    if rule.not_tags:
        parts.append("except those labelled " + " or ".join(sorted(rule.not_tags)))
    if rule.exception:
        parts.append(f"under an approved '{rule.exception}' exception")
    return " ".join(parts)


def explain(policy: Policy) -> str:
    m = policy.meeting
    out = [f"{m.name} ({m.id})"]
    if m.organiser:
        out.append(f"Organiser: {m.organiser}")
    where = f"{m.venue}, " if m.venue else ""
    dates = ""
    if m.starts:
        dates = f"{m.starts:%a %d %b %Y}" + (f" to {m.ends:%a %d %b %Y}" if m.ends else "")
    out.append(f"Where and when: {where}{dates}; venue time zone {m.zone}")
    out.append("Sources: " + ", ".join(m.sources))
    out.append("")
    if policy.embargo_start is not None:
        out.append("Embargo starts: " + _lift_text(policy.embargo_start, policy))
        if policy.embargo_explanation:
            out.append("  " + policy.embargo_explanation)
        out.append("")
    if policy.events:
        out.append("Events:")
        for name, expr in policy.events.items():
            text = _lift_text(expr, policy)
            out.append(f"  {name}: {text}")
        out.append("")
    out.append("Rules (the first that matches governs):")
    for i, rule in enumerate(policy.rules, start=1):
        out.append(f"  {i}. [{policy.rule_id(rule)}] {_selector(rule)}:")
        if rule.action == "lift" and rule.lift is not None:
            out.append(f"     free from {_lift_text(rule.lift, policy)}")
        elif rule.action == "allow":
            out.append("     allowed at any time")
        elif rule.action == "never":
            out.append("     never allowed")
        else:
            out.append("     a person must check")
        if rule.starts is not None:
            out.append(f"     (embargo starts: {_lift_text(rule.starts, policy)})")
        out.append(f"     {rule.explanation}")
        out.append(f"     Source: {rule.source or policy.source}")
    if policy.requirements:
        out.append("")
        out.append("Requirements:")
        for req in policy.requirements:
            who = ", ".join(sorted(k.value for k in req.kinds)) or "everyone"
            out.append(f"  [{policy.id}/{req.id}] for {who}: {req.explanation}")
    out.append("")
    out.append("Unknown facts make embargo answer `review`, never `pass`.")
    if m.consequences:
        out.append(f"At stake: {m.consequences}")
    for note in m.notes:
        out.append(f"Note: {note}")
    out.append(f"Worked examples: {len(policy.examples)} (run `embargo policy test`)")
    return "\n".join(out)
