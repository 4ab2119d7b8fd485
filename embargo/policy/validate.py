"""``embargo policy validate``: what authors get wrong, beyond what parsing refuses.

Parsing already refuses unknown keys, unknown zone labels, renderings of one instant that
disagree, a missing venue zone and malformed lifts (each an error with file, line and key).
This module adds the checks that need the whole policy:

* errors: events that nothing defines, events defined in a circle, unknown-lift bounds in the
  wrong order, rules that can never apply;
* warnings: zone labels that contradict daylight saving (with both readings), weekdays that do
  not match their date, times far from the meeting's dates, lifts out of order (beyond before
  abstract, abstract before existence), a rule that shadows part of a later one and frees it
  no later, content no rule covers, labels no example uses, rules no example exercises;
* notes (not counted): per-abstract events that must come from the catalogue.

Every problem names its key and line and says how to fix it.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from embargo.errors import InputError
from embargo.model import CATEGORIES, Abstract, Kind, Material, Tier
from embargo.policy.evaluate import Ruling, ruling
from embargo.policy.lifts import (
    KNOWN_EVENTS,
    OWN_LIFT,
    Bounds,
    ClockOn,
    EventRef,
    Fixed,
    LiftContext,
    LiftExpr,
    OwnLift,
    Unknown,
)
from embargo.policy.schema import Policy, Rule, labels_of

#: Events the catalogue supplies per abstract, and where an abstract record carries them.
CATALOGUE_EVENTS: dict[str, str] = {
    "abstracts_online": "the abstract's `online_at`",
    "session_start": "the abstract's `session.start`",
    "session_end": "the abstract's `session.end`",
    "presentation_start": "the abstract's `events.presentation_start`",
    "presentation_end": "the abstract's `events.presentation_end`",
    "poster_hall_open": "the abstract's `events.poster_hall_open`",
    "briefing_start": "the abstract's `events.briefing_start`",
    "briefing_end": "the abstract's `events.briefing_end`",
    "titles_online": "the abstract's `events.titles_online`",
    "acceptance": "the abstract's `events.acceptance`",
    "submission": "the abstract's `events.submission`",
    "data_submission": "the abstract's `events.data_submission`",
}
#: Kept for callers of the first version.
PER_ABSTRACT_EVENTS = set(CATALOGUE_EVENTS)

LEVELS = ("error", "warning", "note")
_TIERS = (Tier.EXISTENCE, Tier.ABSTRACT, Tier.BEYOND, Tier.MATERIAL)


class _Cell(NamedTuple):
    """One combination of what rules select on: a point of the policy's space."""

    tier: Tier
    material: Material | None
    kind: Kind
    labels: frozenset[str]
    exceptions: frozenset[str]
    events: frozenset[str]

    @property
    def tier_name(self) -> str:
        return self.tier.value + (f" ({self.material.value})" if self.material else "")


@dataclass(frozen=True)
class Problem:
    level: str  # "error", "warning" or "note"
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
    for i, q in enumerate(policy.requirements):
        if q.before is not None:
            out.append((f"requirements[{i}].before", q.before))
    for i, o in enumerate(policy.overrides):
        out.append((f"overrides[{i}].lift", o.lift))
    return out


class _Checker:
    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.problems: list[Problem] = []

    def add(self, level: str, key: str, msg: str) -> None:
        self.problems.append(Problem(level, key, msg, self.policy.line_of(key)))

    # ------------------------------------------------------------------ events

    def events(self) -> None:
        p = self.policy
        auto = {"meeting_start": "starts", "meeting_end": "ends"}
        noted: set[str] = set()
        selected = {f"rules[{i}].{part}": r.has_event for i, r in enumerate(p.rules)
                    for part in ("lift", "starts")}
        for key, expr in _walk_lifts(p):
            refs = [n for n in expr.walk() if isinstance(n, EventRef)]
            optional = {n.name for n in refs if n.optional} - {
                n.name for n in refs if not n.optional}
            for name in sorted(expr.events()):
                if name in selected.get(key, ()) and name not in p.events:
                    # The rule applies only to abstracts that have the event: it is defined.
                    if name not in noted and name not in CATALOGUE_EVENTS:
                        noted.add(name)
                        self.add("note", key, f"{name!r} comes from the catalogue (the "
                                 f"abstract's `events.{name}`); this rule applies only to "
                                 "abstracts that have it (has_event)")
                    continue
                if name in p.events:
                    if name in optional and name in p.declared_events and isinstance(
                            p.events[name], Unknown):
                        self.add("warning", key, f"{name}? is optional, but [events] declares "
                                 f"{name} (as unknown), and a declared event is never absent: "
                                 f"`{name}?` will never be skipped, so abstracts without their "
                                 f"own {name} get `review`. Remove {name} from [events] (the "
                                 "catalogue still supplies it per abstract)")
                    continue
                if name in auto:
                    self.add("error", key, f"refers to {name!r}, but [meeting] has no "
                             f"`{auto[name]}` date: add {auto[name]} = YYYY-MM-DD under "
                             f"[meeting], or declare {name} under [events]")
                    continue
                if name in CATALOGUE_EVENTS:
                    if name not in noted:
                        noted.add(name)
                        without = ("is skipped (it is optional here)" if name in optional
                                   else "gets `review` under this rule (never a wider event)")
                        self.add("note", key, f"{name!r} is per abstract: it comes from "
                                 f"{CATALOGUE_EVENTS[name]} in the catalogue; for an abstract "
                                 f"without it, it {without}. If the organiser gives one time "
                                 "for every abstract, declare it under [events] as the default")
                    continue
                if name in optional:
                    if name not in noted:
                        noted.add(name)
                        self.add("note", key, f"{name!r} is optional and declared nowhere: it "
                                 f"comes from the catalogue (the abstract's `events.{name}`) "
                                 "and is skipped for abstracts without it. Check the catalogue "
                                 "spells it this way")
                    continue
                known = sorted({*KNOWN_EVENTS, *p.events})
                close = difflib.get_close_matches(name, known, n=2, cutoff=0.6)
                hint = f" Did you mean {' or '.join(map(repr, close))}?" if close else (
                    f" Known names: {', '.join(sorted(KNOWN_EVENTS))}.")
                self.add("error", key, f"refers to event {name!r}, which neither [events] nor "
                         "the catalogue defines. Declare it under [events] (as "
                         f"`{name} = {{ unknown = true }}` if only the catalogue gives it, per "
                         f"abstract), or write `{name}?` if abstracts without it should skip "
                         f"it.{hint}")
        for name in p.events:
            try:
                LiftContext(p.meeting.tz, p.events).event(name)
            except InputError as e:
                self.add("error", f"events.{name}", e.message + ": break the circle")
        self._event_selectors()
        self._own_lift()

    def _event_selectors(self) -> None:
        """``has_event``/``lacks_event``: an event every abstract has makes the selector
        always true (or false); a name nobody uses may be a typo."""
        p = self.policy
        used = {n for _, e in _walk_lifts(p) for n in e.events()}
        for i, r in enumerate(p.rules):
            for sel, names in (("has_event", r.has_event), ("lacks_event", r.lacks_event)):
                for name in sorted(names):
                    key = f"rules[{i}].{sel}"
                    if name in p.events:
                        always = "every abstract matches it" if sel == "has_event" else \
                            "no abstract matches it"
                        self.add("warning", key, f"{sel} {name!r}: {name} has a meeting-wide "
                                 f"value ([events] or [meeting] dates), so every abstract has "
                                 f"it and {always}. Select on an event only the catalogue "
                                 f"gives per abstract (remove {name} from [events])")
                        continue
                    if name in CATALOGUE_EVENTS or name in used:
                        continue
                    close = difflib.get_close_matches(
                        name, sorted({*KNOWN_EVENTS, *used}), n=2, cutoff=0.75)
                    if close:
                        self.add("warning", key, f"{sel} {name!r} is not an event the "
                                 f"language knows or the policy uses: did you mean "
                                 f"{' or '.join(map(repr, close))}?")
                    else:
                        self.add("note", key, f"{sel} {name!r}: the catalogue must give it "
                                 f"per abstract (the abstract's `events.{name}`); check it is "
                                 "spelt that way there")

    def _own_lift(self) -> None:
        """``own_lift`` belongs in a rule's lift: elsewhere there is no tier to take it from."""
        for key, expr in _walk_lifts(self.policy):
            if key.startswith("rules[") and key.endswith("].lift"):
                continue
            if any(isinstance(n, OwnLift) for n in expr.walk()):
                self.add("error", key, f"{OWN_LIFT} (the abstract's own lift) can only be "
                         "used in a rule's lift, where the tier it belongs to is known")

    # ------------------------------------------------------------------ times

    def times(self) -> None:
        p = self.policy
        ctx = LiftContext(p.meeting.tz, p.events)
        for key, warning in p.parse_warnings:
            self.add("warning", key, warning)
        for key, expr in _walk_lifts(p):
            for node in expr.walk():
                if isinstance(node, Unknown) and node.not_before and node.not_after:
                    try:
                        lo = node.not_before.resolve(ctx)
                        hi = node.not_after.resolve(ctx)
                    except InputError:
                        continue
                    if lo and hi and lo.lower and hi.upper and lo.lower > hi.upper:
                        self.add("error", key, "not_before is later than not_after: swap them "
                                 "or correct the dates")
                if isinstance(node, Fixed):
                    self._near_meeting(key, node.instant, node.text)
                    if len(node.renderings) > 1:
                        self.add("note", key, f"the {len(node.renderings)} renderings of "
                                 f"{node.text!r} agree: "
                                 f"{node.instant.astimezone(UTC):%Y-%m-%d %H:%M} UTC")
                if isinstance(node, ClockOn):
                    self._clock_on(key, node, ctx)

    def _meeting_days(self) -> list[date]:
        m = self.policy.meeting
        if m.starts is None:
            return []
        last = m.ends or m.starts
        return [m.starts + timedelta(days=i) for i in range((last - m.starts).days + 1)]

    def _clock_on(self, key: str, node: ClockOn, ctx: LiftContext) -> None:
        """A clock time on an event's day: check, on the days the event can fall on (its
        meeting-wide day, else every day of the meeting), that a seasonal zone label ("07:00
        CET") matches daylight saving, and that renderings in several zones agree."""
        try:
            b = node.event.resolve(ctx)
        except InputError:
            return
        exact = b.exact if b is not None else None
        if b is not None and b.day is not None:
            days, where = [b.day], f"on {b.day:%a %d %b %Y}"
        elif exact is not None:
            day = exact.astimezone(self.policy.meeting.tz).date()
            days, where = [day], f"on {day:%a %d %b %Y}"
        else:
            days, where = self._meeting_days(), "on every day of the meeting"
        if not days:
            return
        text = f"{node.clock_text} on the day of {node.event.name}"
        seen: list[str] = []
        for d in days:
            seen.extend(node.label_warnings(d))
        if seen:
            more = f" (and on {len(seen) - 1} more day(s) of the meeting)" if len(seen) > 1 \
                else ""
            self.add("warning", key, f"{text!r}: {seen[0]}{more}")
        if len(node.readings) < 2:
            return
        split = [d for d in days if len(set(node.instants_on(d))) > 1]
        if split:
            ats = node.instants_on(split[0])
            lo, hi = min(ats), max(ats)
            self.add("warning", key, f"{text!r}: the renderings name different instants on "
                     f"{split[0]:%a %d %b %Y} ({lo.astimezone(UTC):%H:%M} and "
                     f"{hi.astimezone(UTC):%H:%M} UTC; the zones change to or from summer "
                     "time on different dates), so an event that day gives `review` between "
                     "them: check which the organiser means")
        else:
            self.add("note", key, f"the {len(node.readings)} renderings of {text!r} agree "
                     f"{where}")

    def _near_meeting(self, key: str, at: datetime, text: str) -> None:
        m = self.policy.meeting
        if m.starts is None:
            return
        start = datetime.combine(m.starts, datetime.min.time(), tzinfo=m.tz)
        end = datetime.combine(m.ends or m.starts, datetime.min.time(), tzinfo=m.tz)
        if at < start - timedelta(days=366):
            self.add("warning", key, f"{text!r} is more than a year before the meeting starts "
                     f"({m.starts}): check the year")
        elif at > end + timedelta(days=60):
            self.add("warning", key, f"{text!r} is more than two months after the meeting ends "
                     f"({m.ends or m.starts}): check the year")

    # ------------------------------------------------------------------ rules

    def _event_sets(self) -> list[frozenset[str]]:
        """The sets of events an abstract may have, as far as rules select on them: events
        declared under [events] are there for every abstract; the others may or may not be."""
        p = self.policy
        always = frozenset(p.events)
        asked = sorted({e for r in p.rules for e in r.selects_events} - always)
        if len(asked) <= 4:
            return [always | frozenset(c) for n in range(len(asked) + 1)
                    for c in itertools.combinations(asked, n)]
        return [always, *(always | {e} for e in asked), always | frozenset(asked)]

    def _space(self) -> list[_Cell]:
        rules = self.policy.rules
        labels = sorted({t for r in rules for t in (*r.tags, *r.not_tags, *r.all_tags)})
        exceptions = sorted({r.exception for r in rules if r.exception})
        if len(labels) <= 8:
            label_sets = [frozenset(c) for n in range(len(labels) + 1)
                          for c in itertools.combinations(labels, n)]
        else:
            label_sets = [frozenset(), *(frozenset([x]) for x in labels),
                          *(frozenset(r.all_tags) for r in rules if r.all_tags)]
        exc_sets = [frozenset(c) for n in range(len(exceptions) + 1)
                    for c in itertools.combinations(exceptions, n)]
        tiers: list[tuple[Tier, Material | None]] = [(t, None) for t in _TIERS]
        if self.policy.distinguishes_materials:
            tiers = [(t, None) for t in _TIERS if t is not Tier.MATERIAL] + [
                (Tier.MATERIAL, m) for m in Material]
        return [_Cell(t, m, k, labs, excs, evs) for (t, m), k, labs, excs, evs in
                itertools.product(tiers, Kind, label_sets, exc_sets, self._event_sets())]

    def rules(self) -> None:
        p = self.policy
        space = self._space()
        cells: dict[str, set[_Cell]] = {r.id: set() for r in p.rules}
        governs: dict[_Cell, Rule] = {}
        gaps: dict[tuple[str, str], list[tuple[frozenset[str], frozenset[str]]]] = {}
        always = frozenset(p.events)
        for cell in space:
            matching = [r for r in p.rules if r.matches(cell.tier, cell.kind, cell.labels,
                                                        cell.exceptions, cell.events,
                                                        cell.material)]
            for r in matching:
                cells[r.id].add(cell)
            if matching:
                governs[cell] = matching[0]
            elif not cell.exceptions:
                gaps.setdefault((cell.tier_name, cell.kind.value), []).append(
                    (cell.labels, cell.events - always))
        index = {r.id: i for i, r in enumerate(p.rules)}
        for r in p.rules:
            won = {c for c in cells[r.id] if governs.get(c) is r}
            if won:
                continue
            takers = sorted({governs[c].id for c in cells[r.id]}, key=index.__getitem__)
            same = [t for t in takers if _same_selectors(p.rules[index[t]], r)]
            why = (f"it selects exactly what rule {same[0]!r} selects (a duplicate?)" if same
                   else f"earlier rules ({', '.join(map(repr, takers))}) match everything it "
                   "selects" if takers else "it selects nothing")
            self.add("error", f"rules[{index[r.id]}]", f"rule {r.id!r} can never apply: {why}; "
                     "move it above them, narrow them, or delete it")
        self._overlaps(cells, governs, index)
        grouped: dict[str, dict[str, list[str]]] = {}
        asked = sorted({e for r in p.rules for e in r.selects_events} - always)
        plain = [(frozenset[str](), evs - always) for evs in self._event_sets()]
        for (tier_name, kind_name), where in gaps.items():
            whom = _whom(where, asked, plain)
            grouped.setdefault(whom, {}).setdefault(tier_name, []).append(kind_name)
        order = list(dict.fromkeys(c.tier_name for c in space))
        for whom, by_tier in sorted(grouped.items()):
            kinds_of = {tier: ", ".join(k.value for k in Kind if k.value in by_tier[tier])
                        for tier in by_tier}
            if len(by_tier) == len(order) and len(set(kinds_of.values())) == 1:
                what = f"any content by {kinds_of[order[0]]}"
            else:
                what = "; ".join(f"{tier} content by {kinds_of[tier]}"
                                 for tier in order if tier in by_tier)
            self.add("warning", "rules", f"no rule covers {what}{whom}: such items get "
                     "`review`; add a rule (allow = true if the policy leaves it free)")

    def _overlaps(self, cells: dict[str, set[_Cell]], governs: dict[_Cell, Rule],
                  index: dict[str, int]) -> None:
        p = self.policy
        for a, b in itertools.combinations(p.rules, 2):
            taken = {c for c in cells[b.id] if governs.get(c) is a}
            if not taken or cells[a.id] <= cells[b.id] or cells[b.id] <= cells[a.id]:
                continue  # no overlap, or one is an exception carved out of the other
            c = sorted(taken, key=lambda c: (
                len(c.labels) + len(c.exceptions) + len(c.events), _TIERS.index(c.tier),
                c.material or "", c.kind.value))[0]
            extra = sorted(c.events - frozenset(p.events))
            where = f"{c.tier_name} content by {c.kind.value}" + (
                f" (abstracts labelled {', '.join(sorted(c.labels))})" if c.labels else "") + (
                f" (abstracts with their own {', '.join(extra)})" if extra else "")
            # Crossed rules (one narrower by kind, the other by tier or label) are common and
            # usually meant; only a rule that frees the shared part no later is suspicious.
            if a.action == "lift" and self._not_later(a, b):
                self.add("warning", f"rules[{index[a.id]}]", f"rules {a.id!r} and {b.id!r} "
                         f"both select {where}; {a.id!r} comes first, so it governs there and "
                         f"frees it no later than {b.id!r} would. If {b.id!r} should govern "
                         f"there, move it above {a.id!r} or narrow {a.id!r} (tiers/kinds/tags)")

    def _not_later(self, a: Rule, b: Rule) -> bool:
        """True when rule ``a`` certainly frees the cell no later than ``b`` (and not equally)."""
        if b.action in ("never", "review"):
            return True  # a time where the later rule says never, or asks a person
        if b.action != "lift" or a.lift is None or b.lift is None:
            return False
        ctx = LiftContext(self.policy.meeting.tz, self.policy.events)
        try:
            ba, bb = a.lift.resolve(ctx), b.lift.resolve(ctx)
        except InputError:
            return False
        if ba is None or bb is None or ba.upper is None or bb.lower is None:
            return False
        if ba.exact is not None and ba.exact == bb.exact:
            return False
        return ba.upper <= bb.lower

    # ------------------------------------------------------------------ order of lifts

    def order(self) -> None:
        p = self.policy
        label_sets: set[frozenset[str]] = {frozenset()}
        label_sets |= {frozenset([t]) for r in p.rules for t in r.tags}
        label_sets |= {frozenset(r.all_tags) for r in p.rules if r.all_tags}
        seen: set[tuple[str, str, str]] = set()
        for labs, kind in itertools.product(sorted(label_sets, key=sorted), Kind):
            probe = Abstract(meeting=p.id, number="probe", title="probe", tags=tuple(labs))
            try:
                rs = {t: ruling(p, probe, t, kind) for t in _TIERS}
            except InputError:
                continue
            pairs = ((Tier.ABSTRACT, Tier.BEYOND, "content beyond the abstract is free before "
                      "the abstract itself"),
                     (Tier.EXISTENCE, Tier.ABSTRACT, "the abstract's content is free before its "
                      "title (existence)"))
            for lo_t, hi_t, what in pairs:
                lo, hi = rs[lo_t], rs[hi_t]
                if not _certainly_before(hi, lo):
                    continue
                rule = hi.rule or lo.rule
                assert rule is not None
                sig = (rule.id, lo_t.value, hi_t.value)
                if sig in seen:
                    continue
                seen.add(sig)
                whom = f" (abstracts labelled {', '.join(sorted(labs))})" if labs else ""
                self.add("warning", f"rules[{p.rules.index(rule)}]",
                         f"for {kind.value}{whom}: {what} ({_when(hi)} vs {_when(lo)}); check the "
                         "times and the order of the rules against the organiser's page")
        for i, r in enumerate(p.rules):
            if r.starts is None or r.lift is None:
                continue
            ctx = LiftContext(p.meeting.tz, p.events)
            try:
                s, lift = r.starts.resolve(ctx), r.lift.resolve(ctx)
            except InputError:
                continue
            if s and lift and s.lower and lift.upper and s.lower > lift.upper:
                self.add("warning", f"rules[{i}].starts", f"rule {r.id!r}'s embargo starts "
                         "after it lifts: check both times")

    # ------------------------------------------------------------------ examples

    def examples(self) -> None:
        from embargo.engine import judge
        from embargo.policy.examples import example_item
        from embargo.policy.loader import PolicySet

        p = self.policy
        if not p.examples:
            self.add("warning", "examples", "no worked examples: add [[examples]] so `embargo "
                     "policy test` can prove the file does what the organiser says")
            return
        used_labels = {lab for ex in p.examples for ea in ex.abstracts
                       for lab in labels_of(ea.abstract)}
        for i, r in enumerate(p.rules):
            for t in sorted(r.tags | r.not_tags | r.all_tags):
                if t not in CATEGORIES and t not in used_labels:
                    self.add("warning", f"rules[{i}].tags", f"label {t!r} is no catalogue "
                             "category and no example uses it: check it is spelt as the "
                             "catalogue's `tags` spell it, and add an example with it")
        exercised: set[str] = set()
        alone = PolicySet([p])
        for ex in p.examples:
            try:
                j = judge(example_item(p, ex), alone)
            except InputError:
                continue
            exercised |= {f.rule for f in j.findings if f.rule}
        for i, r in enumerate(p.rules):
            if p.rule_id(r) not in exercised:
                hint = ""
                if r.has_event:
                    own = " and ".join(sorted(r.has_event))
                    hint = (f" (its abstracts need their own {own}: give the example abstract "
                            f"events = {{ {sorted(r.has_event)[0]} = \"...\" }})")
                if r.materials:
                    hint += (" (an example item needs such material: materials = "
                             f"[\"{sorted(r.materials)[0].value}\"])")
                self.add("warning", f"rules[{i}]", f"no example exercises rule {r.id!r}{hint}: "
                         "add [[examples]] on both sides of its lift (one second before, "
                         "exactly at)")
        for i, q in enumerate(p.requirements):
            if f"{p.id}/{q.id}" not in exercised:
                self.add("warning", f"requirements[{i}]", f"no example exercises requirement "
                         f"{q.id!r}: add an example whose `text` fails it")


def _whom(where: list[tuple[frozenset[str], frozenset[str]]], asked: list[str],
          plain: list[tuple[frozenset[str], frozenset[str]]]) -> str:
    """Which abstracts a gap concerns, in words ("" = every abstract)."""
    if all(x in where for x in plain):
        return ""
    parts = []
    for labels, events in where[:3]:
        bits = []
        if labels:
            bits.append("labelled " + " and ".join(sorted(labels)))
        if events:
            bits.append("with their own " + " and ".join(sorted(events)))
        missing = [e for e in asked if e not in events]
        if missing and asked:
            bits.append("without " + " or ".join(missing))
        parts.append(", ".join(bits) or "with no special label")
    return " for abstracts " + "; ".join(dict.fromkeys(parts))


def _same_selectors(a: Rule, b: Rule) -> bool:
    return (a.tiers, a.kinds, a.tags, a.not_tags, a.all_tags, a.exception, a.has_event,
            a.lacks_event, a.materials) == (
        b.tiers, b.kinds, b.tags, b.not_tags, b.all_tags, b.exception, b.has_event,
        b.lacks_event, b.materials)


def _certainly_before(hi: Ruling, lo: Ruling) -> bool:
    """``hi`` (the later tier) is certainly free before ``lo`` is."""
    if lo.action == "never" and hi.action in ("allow", "lift"):
        return hi.action == "allow" or (hi.bounds is not None and hi.bounds.upper is not None)
    if hi.action == "allow" and lo.action == "lift":
        return True
    if hi.action != "lift" or lo.action != "lift" or hi.bounds is None or lo.bounds is None:
        return False
    return (hi.bounds.upper is not None and lo.bounds.lower is not None
            and hi.bounds.upper < lo.bounds.lower)


def _when(r: Ruling) -> str:
    if r.action != "lift" or r.bounds is None:
        return {"allow": "free at any time", "never": "never free"}.get(r.action, r.action)
    b: Bounds = r.bounds
    if b.exact is not None:
        return b.exact.isoformat()
    return b.describe("UTC")


def _todos(policy: Policy) -> list[Problem]:
    """Values that still say TODO (the skeleton of ``embargo policy new``): a warning each, so
    a half-filled policy never validates clean."""
    import tomllib

    if not policy.text:
        return []
    try:
        doc = tomllib.loads(policy.text)
    except tomllib.TOMLDecodeError:
        return []
    out: list[Problem] = []
    stack: list[tuple[str, object]] = [("", doc)]
    while stack:
        key, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{key}.{k}" if key else str(k), v)
                         for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((f"{key}[{i}]", v) for i, v in reversed(list(enumerate(value))))
        elif isinstance(value, str) and "TODO" in value:
            out.append(Problem("warning", key, "still says TODO: write what the organiser's "
                               "page says (or `unknown`)", policy.line_of(key)))
    return out


def validate(policy: Policy) -> list[Problem]:
    """Every problem found in ``policy``, errors first within each check."""
    c = _Checker(policy)
    c.problems.extend(_todos(policy))
    c.times()
    c.events()
    c.rules()
    c.order()
    c.examples()
    return c.problems


def counts(problems: Iterable[Problem]) -> dict[str, int]:
    out = dict.fromkeys(LEVELS, 0)
    for pr in problems:
        out[pr.level] += 1
    return out
