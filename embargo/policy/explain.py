"""``embargo policy show``: a policy in plain words, every lift in the venue zone, Eastern time
and UTC, each with its source, so a press officer can check it against the organiser's page at
a glance."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from embargo.errors import InputError
from embargo.model import TIER_ORDER, Abstract, Kind, Material, Tier
from embargo.policy.evaluate import match_rule
from embargo.policy.lifts import (
    KNOWN_EVENTS,
    Bounds,
    ClockOn,
    Day,
    Earliest,
    EventRef,
    First,
    Fixed,
    Latest,
    LiftContext,
    LiftExpr,
    OwnLift,
    Unknown,
    describe_offset,
)
from embargo.policy.schema import Policy, Rule
from embargo.policy.validate import CATALOGUE_EVENTS

EASTERN = "America/New_York"
_WIDTH = 96


def three_zones(dt: datetime, venue: str) -> str:
    """``Thu 02 Nov 2023 06:00 PDT · 09:00 EDT · 13:00 UTC`` (venue · Eastern · UTC)."""
    from zoneinfo import ZoneInfo

    sec = dt.second != 0
    clock = "%H:%M:%S" if sec else "%H:%M"
    local = dt.astimezone(ZoneInfo(venue))
    parts = [local.strftime(f"%a %d %b %Y {clock} %Z")]
    others = [] if venue == EASTERN else [dt.astimezone(ZoneInfo(EASTERN))]
    if venue != "UTC":
        others.append(dt.astimezone(UTC))
    for o in others:
        fmt = f"{clock} %Z" if o.date() == local.date() else f"%a %d %b {clock} %Z"
        parts.append(o.strftime(fmt).replace("UTC", "UTC").strip())
    return " · ".join(parts)


class _Describer:
    """Plain words for a lift, with every instant it can resolve meeting-wide in three zones."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.venue = policy.meeting.zone
        self.ctx = LiftContext(policy.meeting.tz, policy.events)

    def bounds(self, b: Bounds | None) -> str:
        if b is None:
            return "not defined"
        if b.exact is not None:
            return three_zones(b.exact, self.venue)
        if b.day is not None:
            return f"some time on {b.day:%a %d %b %Y} (venue day; no time given)"
        parts = []
        if b.lower is not None:
            parts.append(f"not before {three_zones(b.lower, self.venue)}")
        if b.upper is not None:
            parts.append(f"not after {three_zones(b.upper, self.venue)}")
        return "UNKNOWN" + (" — " + "; ".join(parts) if parts else "")

    def event_words(self, name: str) -> str:
        return KNOWN_EVENTS.get(name, name.replace("_", " "))

    def event_source(self, name: str, optional: bool = False) -> str:
        missing = "skipped if missing" if optional else "review if missing"
        if name in self.policy.events:
            try:
                b = self.ctx.event(name)
            except InputError:
                return "(defined in a circle)"
            return f"[{name}: {self.bounds(b)}]"
        if name in CATALOGUE_EVENTS:
            return f"[per abstract, from {CATALOGUE_EVENTS[name]}; {missing}]"
        if name in ("meeting_start", "meeting_end"):
            return "[not defined: [meeting] has no dates]"
        return f"[per abstract, from the abstract's `events.{name}`; {missing}]"

    def __call__(self, e: LiftExpr) -> str:
        if isinstance(e, Fixed):
            text = three_zones(e.instant, self.venue)
            return f"{text}   (written \"{e.text}\")"
        if isinstance(e, Day):
            return f"some time on {e.day:%a %d %b %Y} ({e.zone.key} day; no time given)"
        if isinstance(e, EventRef):
            words = self.event_words(e.name) if e.name in KNOWN_EVENTS else e.name
            if e.optional:
                words += " (if there is one)"
            off = describe_offset(e.offset)
            words = f"{words} {off}".strip()
            src = self.event_source(e.name, e.optional)
            if e.name not in KNOWN_EVENTS and src.startswith(f"[{e.name}: "):
                src = "[" + src[len(e.name) + 3:]
            if e.offset and e.name in self.policy.events:
                try:
                    b = e.resolve(self.ctx)
                except InputError:
                    b = None
                src = f"[= {self.bounds(b)}]"
            return f"{words} {src}"
        if isinstance(e, ClockOn):
            when = {0: "on the day of", -1: "on the day before", 1: "on the day after"}.get(
                e.day_offset, f"{e.day_offset:+d} days from the day of")
            if len(e.readings) > 1:
                return f"{e.clock_text} {when} {self(e.event)}"
            label = e.label if e.label != "local time" else f"local time ({self.venue})"
            return f"{e.clock:%H:%M} {label} {when} {self(e.event)}"
        if isinstance(e, Earliest | Latest | First):
            head = {Earliest: "whichever comes first of", Latest: "whichever comes last of",
                    First: "the first that applies of"}[type(e)]
            return head + ": " + "; ".join(f"({i}) {self(o)}" for i, o in
                                            enumerate(e.operands, start=1))
        if isinstance(e, OwnLift):
            return ("the abstract's own lift for this tier, if the organiser set one "
                    "[per abstract, from the catalogue's `lifts` or [[overrides]]; skipped if "
                    "none]")
        if isinstance(e, Unknown):
            text = "UNKNOWN (not published)"
            if e.not_before is not None:
                text += f"; not before {self(e.not_before)}"
            if e.not_after is not None:
                text += f"; not after {self(e.not_after)}"
            return text
        return e.describe(self.policy.meeting.tz)


def _what(rule: Rule) -> str:
    tiers = ("all content" if not rule.tiers else " and ".join(
        t.value for t in TIER_ORDER if t in rule.tiers) + " content")
    if rule.materials:
        tiers = "presentation material: " + ", ".join(
            m.value for m in Material if m in rule.materials)
    if rule.tiers and Tier.BEYOND in rule.tiers and Tier.MATERIAL not in rule.tiers:
        tiers = tiers.replace(" content", " content and presentation materials")
    kinds = "by anyone" if not rule.kinds else "by " + ", ".join(
        k.value for k in Kind if k in rule.kinds)
    who = rule.label_words
    return f"{tiers} · {kinds}" + (f" · abstracts {who}" if who else " · every abstract")


_TIME = re.compile(r"(?:\w{3} \d{2} \w{3} \d{4} )?\d{2}:\d{2}(?::\d{2})? [A-Z][A-Za-z+\-0-9]*"
                   r"(?: · (?:\w{3} \d{2} \w{3} )?\d{2}:\d{2}(?::\d{2})? [A-Z][A-Za-z+\-0-9]*)*")


def _wrap(text: str, indent: str) -> list[str]:
    """Wrap at the page width, never inside a time (so venue · ET · UTC stay on one line)."""
    import textwrap

    protected = _TIME.sub(lambda m: m.group(0).replace(" ", "\x00"), text)
    lines = textwrap.wrap(protected, _WIDTH, initial_indent=indent, subsequent_indent=indent,
                          break_long_words=False, break_on_hyphens=False) or [indent]
    return [line.replace("\x00", " ") for line in lines]


def _glance(policy: Policy) -> list[str]:
    """Which rule governs each tier and kind, for each label (and each per-abstract event)
    the rules select on."""
    labels: list[tuple[str, frozenset[str], frozenset[str], frozenset[str]]] = [
        ("an abstract with no special label", frozenset(), frozenset(), frozenset())]
    for r in policy.rules:
        for t in sorted(r.tags):
            labels.append((f"labelled {t}", frozenset([t]), frozenset(), frozenset()))
        if r.all_tags:
            labels.append((f"labelled {' and '.join(sorted(r.all_tags))}", r.all_tags,
                           frozenset(), frozenset()))
        if r.exception:
            labels.append((f"with an approved '{r.exception}' exception", frozenset(),
                           frozenset([r.exception]), frozenset()))
        for e in sorted(r.selects_events - set(policy.events)):
            labels.append((f"with its own {e}", frozenset(), frozenset(), frozenset([e])))
    seen: set[tuple[frozenset[str], frozenset[str], frozenset[str]]] = set()
    kinds = list(Kind)
    rows: list[tuple[str, Tier, Material | None]] = [
        (t.value, t, None) for t in TIER_ORDER if t is not Tier.MATERIAL]
    if policy.distinguishes_materials:
        rows += [(f"{m.value}", Tier.MATERIAL, m) for m in Material]
    else:
        rows.append((Tier.MATERIAL.value, Tier.MATERIAL, None))
    width = max(15, *(len(r.id) + 2 for r in policy.rules))
    out: list[str] = []
    base: list[list[str]] | None = None
    for title, labs, excs, evs in labels:
        if (labs, excs, evs) in seen:
            continue
        seen.add((labs, excs, evs))
        probe = Abstract(meeting=policy.id, number="probe", title="probe", tags=tuple(labs),
                         exceptions=tuple(excs),
                         events=dict.fromkeys(evs, _PROBE_TIME))
        grid = []
        for _name, tier, material in rows:
            row = []
            for kind in kinds:
                rule = match_rule(policy, probe, tier, kind, material)
                row.append(rule.id if rule else "(none: review)")
            grid.append(row)
        if base is not None and grid == base:
            continue
        if base is None:
            base = grid
        out.append(f"  {title}:")
        out.append("    " + " " * 11 + "".join(k.value.ljust(width) for k in kinds).rstrip())
        for (name, _t, _m), row in zip(rows, grid, strict=True):
            out.append(f"    {name:<11}" + "".join(c.ljust(width) for c in row).rstrip())
    if policy.distinguishes_materials:
        out.append("  (slides, images, recordings: the kinds of presentation material)")
    return out


_PROBE_TIME = datetime(2000, 1, 1, tzinfo=UTC)  # any instant: only the event's presence counts


def explain(policy: Policy) -> str:
    m = policy.meeting
    d = _Describer(policy)
    out: list[str] = [f"{m.name} ({m.id})", "=" * min(_WIDTH, len(m.name) + len(m.id) + 3)]
    if m.organiser:
        out.append(f"Organiser: {m.organiser}")
    place = [x for x in (m.venue,) if x]
    if m.starts:
        place.append(f"{m.starts:%a %d %b %Y}" + (f" to {m.ends:%a %d %b %Y}" if m.ends else ""))
    place.append(f"venue time zone {m.zone}")
    out.append(" · ".join(place))
    out.append("Times are shown as: venue time · Eastern time · UTC"
               if m.zone != EASTERN else "Times are shown as: venue (Eastern) time · UTC")
    out.append("Policy source" + ("s:" if len(m.sources) > 1 else ":"))
    out.extend(f"  {s}" for s in m.sources)
    warnings = [w for _, w in policy.parse_warnings]

    out.append("")
    out.append("WHEN THE EMBARGO STARTS")
    if policy.embargo_start is not None:
        out.extend(_wrap(d(policy.embargo_start), "  "))
        if policy.embargo_explanation:
            out.extend(_wrap(policy.embargo_explanation, "  "))
        out.extend(_wrap("Before it nothing is embargoed; inside its bounds a would-be "
                         "violation is `review`; a start with no known bounds counts as "
                         "begun.", "  "))
    else:
        out.append("  not stated: everything below applies at any time before its lift")

    used = {n for _, e in _lifts(policy) for n in e.events()}
    shown = {name: expr for name, expr in policy.events.items()
             if name not in ("meeting_start", "meeting_end") or name in used
             or name in policy.declared_events}
    if shown:
        out.append("")
        out.append("KEY TIMES (meeting-wide; a catalogue abstract's own times replace them)")
        for name, expr in shown.items():
            out.append(f"  {name}" + (f" — {d.event_words(name)}" if name in KNOWN_EVENTS
                                      else ""))
            out.extend(_wrap(d(expr), "      "))
            if expr.note:
                out.extend(_wrap(f"note: {expr.note}", "      "))

    out.append("")
    out.append("RULES (for each abstract, tier and kind of publisher, the FIRST rule that "
               "matches governs)")
    for i, rule in enumerate(policy.rules, start=1):
        out.append(f"  {i}. {policy.rule_id(rule)}")
        out.extend(_wrap(f"applies to: {_what(rule)}", "       "))
        if rule.action == "lift" and rule.lift is not None:
            out.extend(_wrap(f"free from: {d(rule.lift)}", "       "))
            if not rule.overridable:
                out.append("       (a per-abstract lift from the catalogue does not change it)")
        elif rule.action == "allow":
            out.append("       free at any time")
        elif rule.action == "never":
            out.append("       never allowed")
        else:
            out.append("       a person must check (verdict: review)")
        if rule.starts is not None:
            out.extend(_wrap(f"embargoed only from: {d(rule.starts)}", "       "))
        out.extend(_wrap(f"why: {rule.explanation}", "       "))
        if rule.note:
            out.extend(_wrap(f"note: {rule.note}", "       "))
        if rule.consequences:
            out.extend(_wrap(f"at stake: {rule.consequences}", "       "))
        out.append(f"       source: {rule.source or policy.source}")

    if policy.overrides:
        out.append("")
        out.append("ABSTRACTS WHOSE LIFT THE ORGANISER MOVED")
        for o in policy.overrides:
            tiers = ", ".join(t.value for t in TIER_ORDER if t in o.tiers) or "every tier"
            out.extend(_wrap(f"{', '.join(sorted(o.numbers))} ({tiers}): {d(o.lift)}", "  "))
            if o.note:
                out.extend(_wrap(o.note, "      "))

    if policy.requirements:
        out.append("")
        out.append("REQUIREMENTS (unmet or uncheckable → review)")
        for req in policy.requirements:
            who = ", ".join(k.value for k in Kind if k in req.kinds) or "everyone"
            scope = " in the first paragraph" if req.within == "first-paragraph" else ""
            head = f"{policy.id}/{req.id} — for {who}{scope}"
            if req.before is not None:
                head += f", before {d(req.before)}"
            out.extend(_wrap(head, "  "))
            out.extend(_wrap(req.explanation, "      "))
            if req.level == "note":
                out.append("      (a reminder only: it does not change the verdict)")

    out.append("")
    out.append("AT A GLANCE: which rule governs each tier (rows) for each kind (columns)")
    out.extend(_glance(policy))

    needs = sorted({n for _, e in _lifts(policy) for n in e.events()
                    if n not in policy.events and n not in ("meeting_start", "meeting_end")})
    if needs:
        out.append("")
        out.append("PER-ABSTRACT FACTS THE CATALOGUE MUST SUPPLY (without them: review)")
        for n in needs:
            src = CATALOGUE_EVENTS.get(n, f"the abstract's `events.{n}`")
            out.append(f"  {n}: {src}")

    if warnings:
        out.append("")
        out.append("CHECK THESE AGAINST THE ORGANISER'S PAGE")
        for w in dict.fromkeys(warnings):
            out.extend(_wrap(f"! {w}", "  "))

    out.append("")
    if m.consequences:
        out.extend(_wrap(f"At stake (shown, not judged): {m.consequences}", ""))
    for note in m.notes:
        out.extend(_wrap(f"Note: {note}", ""))
    out.append("Unknown facts make embargo answer `review`, never `pass`.")
    out.append(f"Worked examples: {len(policy.examples)} (run `embargo policy test "
               f"{_shown_path(policy)}`)")
    return "\n".join(out)


def _shown_path(policy: Policy) -> str:
    import os

    if not policy.path:
        return f"policies/{policy.id}.toml"
    rel = os.path.relpath(policy.path)
    return rel if not rel.startswith("..") else policy.path


def _lifts(policy: Policy) -> list[tuple[str, LiftExpr]]:
    from embargo.policy.validate import _walk_lifts

    return _walk_lifts(policy)
