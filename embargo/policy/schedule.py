"""Every lift of every loaded policy (and catalogued abstract), as a list of events.

Pure and reusable: ``embargo calendar`` turns the events into an iCalendar file, ``embargo
status`` shows the next ones, and the daemon's lift watch announces them.

* **Meeting-wide** events come from the policy alone: for each rule that lifts something, the
  instant (or bounds) it resolves to without any abstract's own events.  Rules that select on
  abstract labels (``tags``) give events "for abstracts labelled ...".
* **Per-abstract** events come from the catalogue: an abstract whose own events (``online_at``,
  session times, ``events``) or organiser overrides (``lifts``) give a lift different from
  the meeting-wide one gets its own event.  An abstract that follows the meeting-wide lift
  adds nothing (the meeting-wide event covers it).

A lift that is only known within bounds appears with ``at = None`` and its ``lower``/``upper``
bounds; one known to the day has ``day`` set.  A lift without an upper bound (no instant by
which it is certainly past: unknown, or only "not before ...") is left out: there is no time
to put in a calendar or to announce.  Kinds governed by the same rule with the same lift share
one event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from embargo.errors import InputError
from embargo.model import TIER_ORDER, Abstract, Kind, Tier
from embargo.policy.evaluate import Ruling, rulings
from embargo.policy.lifts import ANY_NUMBER, Bounds
from embargo.policy.schema import Policy
from embargo.timeparse import format_instant

TIER_PHRASES = {
    Tier.EXISTENCE: "the existence (title, authors, slot)",
    Tier.ABSTRACT: "the content",
    Tier.BEYOND: "anything beyond the abstract (new data, quotes, commentary)",
    Tier.MATERIAL: "presentation material (slides, posters, images, recordings)",
}
KIND_WORDS = {
    Kind.PRESS_RELEASE: "press releases",
    Kind.EDITORIAL: "journalists' coverage",
    Kind.SOCIAL: "social posts",
    Kind.SCHOLARLY: "scholarly venues",
    Kind.OTHER: "others",
}


def _when_key(at: datetime | None, day: date | None, lower: datetime | None,
              upper: datetime | None) -> str:
    """The instant (or day, or bounds) part of a lift's stable key."""
    if at is not None:
        return at.isoformat()
    if day is not None:
        return f"day:{day.isoformat()}"
    return f"{lower.isoformat() if lower else '-'}..{upper.isoformat() if upper else '-'}"


@dataclass(frozen=True)
class LiftEvent:
    """One lift: from ``at`` (or somewhere within ``lower``..``upper``) ``tier`` content of
    ``abstract`` (or of the meeting's abstracts, when ``abstract`` is None) may be published
    by each kind in ``kinds``, under ``rule``."""

    meeting: str
    meeting_name: str
    zone: str  # the venue's IANA zone
    abstract: str | None  # abstract id, or None for a meeting-wide lift
    tier: Tier
    kinds: frozenset[Kind]
    rule: str  # "<meeting>/<rule id>"
    at: datetime | None  # the exact instant, when known
    lower: datetime | None = None  # bounds when the exact instant is unknown (or the day's)
    upper: datetime | None = None
    day: date | None = None  # set when only the (venue-local) day is known
    description: str = ""  # plain words, with the instant in the venue zone and UTC
    explanation: str = ""  # the rule's own explanation
    labels: frozenset[str] = frozenset()  # the abstract labels the rule selects on
    abstract_title: str | None = None
    session: str | None = None  # the abstract's session title, when it has one
    override: str | None = None  # the organiser's per-abstract override, in words
    source_url: str | None = None

    @property
    def exact(self) -> bool:
        return self.at is not None

    @property
    def when(self) -> datetime | None:
        """The instant from which the content is certainly free: ``at``, else ``upper``."""
        return self.at if self.at is not None else self.upper

    @property
    def abstracts(self) -> tuple[str, ...]:
        return (self.abstract,) if self.abstract else ()

    @property
    def tiers(self) -> tuple[Tier, ...]:
        return (self.tier,)

    @property
    def label(self) -> str:
        """One line without the time: "ACR Convergence 2024 acr-2024:1709: abstracts free
        for press releases"."""
        who = self.meeting_name + (f" {self.abstract}" if self.abstract else "")
        if self.labels and not self.abstract:
            who += " (" + " or ".join(sorted(self.labels)) + " abstracts)"
        verb = "free" if self.at is not None or self.day is not None else "free at the latest"
        return f"{who}: {TIER_SHORT[self.tier]} {verb} for {_kinds_words(self.kinds)}"

    @property
    def key(self) -> str:
        """A stable identity (for calendar UIDs and announcement dedupe): changes when the
        lift moves, so a moved lift is a new event."""
        when = _when_key(self.at, self.day, self.lower, self.upper)
        kinds = ",".join(sorted(k.value for k in self.kinds))
        return f"{self.meeting}|{self.abstract or '*'}|{self.tier.value}|{self.rule}|{kinds}|" \
               f"{when}"

    def to_json(self) -> dict[str, Any]:
        def iso(d: datetime | None) -> str | None:
            from embargo.timeparse import iso as _iso

            return _iso(d)

        return {
            "meeting": self.meeting, "meeting_name": self.meeting_name, "zone": self.zone,
            "abstract": self.abstract, "abstract_title": self.abstract_title,
            "session": self.session, "tier": self.tier.value,
            "kinds": sorted(k.value for k in self.kinds), "rule": self.rule,
            "at": iso(self.at), "not_before": iso(self.lower) if self.at is None else None,
            "not_after": iso(self.upper) if self.at is None else None,
            "day": self.day.isoformat() if self.day else None,
            "labels": sorted(self.labels), "description": self.description,
            "explanation": self.explanation, "override": self.override,
            "source_url": self.source_url, "key": self.key,
        }


def _bkey(b: Bounds) -> tuple[datetime | None, datetime | None, date | None]:
    return (b.lower, b.upper, b.day)


def _kinds_words(kinds: frozenset[Kind]) -> str:
    if kinds == frozenset(Kind):
        return "anyone"
    return ", ".join(KIND_WORDS[k] for k in Kind if k in kinds)


def _when_words(b: Bounds, zone: str) -> str:
    if b.exact is not None:
        return "from " + format_instant(b.exact, zone)
    if b.day is not None:
        return f"some time on {b.day:%a %d %b %Y} (no time given; {zone})"
    parts = []
    if b.lower is not None:
        parts.append(f"not before {format_instant(b.lower, zone)}")
    if b.upper is not None:
        parts.append(f"not after {format_instant(b.upper, zone)}")
    return "at a time not published (" + " and ".join(parts) + ")"


def _describe(policy: Policy, tier: Tier, kinds: frozenset[Kind], b: Bounds,
              abstract: Abstract | None, labels: frozenset[str]) -> str:
    if abstract is not None:
        whose = f"of {abstract.id}"
    else:
        whose = f"of {policy.meeting.name} abstracts"
        if labels:
            whose += " labelled " + " or ".join(sorted(labels))
    return (f"{TIER_PHRASES[tier]} {whose} may be published by {_kinds_words(kinds)} "
            f"{_when_words(b, policy.meeting.zone)}")


_Grouped = dict[tuple[Any, ...], tuple[Ruling, set[Kind]]]


def _collect(policy: Policy, abstract: Abstract, kinds: Sequence[Kind],
             keep: Any = None) -> _Grouped:
    """Rulings with a lift, grouped by (tier, rule, bounds); kinds merged."""
    out: _Grouped = {}
    for kind in kinds:
        rs = rulings(policy, abstract, kind)
        for tier in TIER_ORDER:
            r = rs[tier]
            if r.action != "lift" or r.bounds is None or r.rule is None:
                continue
            b = r.bounds
            if b.upper is None:
                continue  # no instant by which it is certainly free: nothing to schedule
            if tier is Tier.MATERIAL:
                beyond = rs[Tier.BEYOND]
                if beyond.rule is r.rule and beyond.bounds is not None and \
                        _bkey(beyond.bounds) == _bkey(b):
                    continue  # the same lift as beyond the abstract: one event says it
            if keep is not None and not keep(tier, kind, r):
                continue
            key = (tier, r.rule.id, _bkey(b), r.override)
            if key in out:
                out[key][1].add(kind)
            else:
                out[key] = (r, {kind})
    return out


def _synthetic(policy: Policy, labels: frozenset[str]) -> Abstract:
    return Abstract(meeting=policy.id, number=ANY_NUMBER, title="", tags=tuple(sorted(labels)))


def meeting_lifts(policy: Policy, kinds: Sequence[Kind] | None = None) -> list[LiftEvent]:
    """The meeting-wide lifts of one policy (no catalogue needed)."""
    kinds = list(kinds) if kinds is not None else list(Kind)
    events: dict[str, LiftEvent] = {}
    for labels in policy.label_sets():
        def keep(tier: Tier, kind: Kind, r: Ruling, labels: frozenset[str] = labels) -> bool:
            assert r.rule is not None
            return not labels or bool(r.rule.tags & labels)

        for (tier, _rid, _bk, _ov), (r, ks) in _collect(
                policy, _synthetic(policy, labels), kinds, keep).items():
            assert r.rule is not None and r.bounds is not None
            b = r.bounds
            rule_labels = frozenset(r.rule.tags)
            ev = LiftEvent(
                meeting=policy.id, meeting_name=policy.meeting.name, zone=policy.meeting.zone,
                abstract=None, tier=tier, kinds=frozenset(ks), rule=policy.rule_id(r.rule),
                at=b.exact, lower=b.lower, upper=b.upper, day=b.day,
                description=_describe(policy, tier, frozenset(ks), b, None, rule_labels),
                explanation=r.rule.explanation, labels=rule_labels,
                source_url=r.rule.source or policy.source)
            events.setdefault(ev.key, ev)
    return list(events.values())


class _AbstractCache:
    """Abstracts that share their events, overrides and labels share their rulings."""

    def __init__(self) -> None:
        self._memo: dict[tuple[Any, ...], _Grouped] = {}

    def grouped(self, policy: Policy, a: Abstract, kinds: Sequence[Kind]) -> _Grouped:
        key = (policy.id, a.labels, tuple(sorted(a.event_instants().items())),
               tuple(sorted(a.lifts.items())), tuple(sorted(a.exceptions)), tuple(kinds))
        got = self._memo.get(key)
        if got is None:
            got = _collect(policy, a, kinds)
            self._memo[key] = got
        return got


def _base_keys(baseline: Iterable[LiftEvent]) -> set[tuple[Any, ...]]:
    base: set[tuple[Any, ...]] = set()
    for ev in baseline:
        for k in ev.kinds:
            base.add((ev.tier, ev.rule, k, (ev.lower, ev.upper, ev.day)))
    return base


def _own_lifts(policy: Policy, a: Abstract, kinds: Sequence[Kind], base: set[tuple[Any, ...]],
               cache: _AbstractCache, errors: list[tuple[str, str]] | None
               ) -> Iterator[LiftEvent]:
    """One abstract's lifts that differ from the meeting-wide ones."""
    try:
        grouped = cache.grouped(policy, a, kinds)
    except InputError as e:  # e.g. an organiser override the lift language cannot read
        if errors is None:
            raise
        errors.append((a.id, e.message))
        return
    for (tier, _rid, bk, _ov), (r, ks) in grouped.items():
        assert r.rule is not None and r.bounds is not None
        rule_id = policy.rule_id(r.rule)
        own = frozenset(k for k in ks if (tier, rule_id, k, bk) not in base)
        if not own:
            continue
        b = r.bounds
        yield LiftEvent(
            meeting=policy.id, meeting_name=policy.meeting.name, zone=policy.meeting.zone,
            abstract=a.id, tier=tier, kinds=own, rule=rule_id, at=b.exact,
            lower=b.lower, upper=b.upper, day=b.day,
            description=_describe(policy, tier, own, b, a, frozenset()),
            explanation=r.rule.explanation, labels=frozenset(r.rule.tags),
            abstract_title=a.title, session=a.session.title if a.session else None,
            override=r.override, source_url=r.rule.source or policy.source)


def abstract_lifts(policy: Policy, abstracts: Iterable[Abstract],
                   kinds: Sequence[Kind] | None = None,
                   baseline: Iterable[LiftEvent] | None = None,
                   errors: list[tuple[str, str]] | None = None) -> list[LiftEvent]:
    """Per-abstract lifts that differ from the meeting-wide ones (``baseline``).

    An abstract whose lifts cannot be worked out (an unreadable organiser override) raises
    :class:`~embargo.errors.InputError`, or, when ``errors`` is a list, is skipped and noted
    there as ``(abstract id, message)``."""
    kinds = list(kinds) if kinds is not None else list(Kind)
    if baseline is None:
        baseline = meeting_lifts(policy, kinds)
    base = _base_keys(baseline)
    cache = _AbstractCache()
    return [ev for a in abstracts if a.meeting == policy.id
            for ev in _own_lifts(policy, a, kinds, base, cache, errors)]


def _sort_key(ev: LiftEvent) -> tuple[Any, ...]:
    when = ev.when or ev.lower
    return (when is None, when.timestamp() if when else 0.0, ev.at is None, ev.meeting,
            ev.abstract or "",
            TIER_ORDER.index(ev.tier), ev.rule)


def all_lifts(policies: Iterable[Policy], abstracts: Iterable[Abstract] | None = None, *,
              kinds: Iterable[Kind] | None = None, meetings: Iterable[str] | None = None,
              start: datetime | None = None, end: datetime | None = None,
              errors: list[tuple[str, str]] | None = None) -> list[LiftEvent]:
    """Every lift of ``policies`` (a :class:`~embargo.policy.PolicySet` or any iterable of
    policies): meeting-wide ones, plus per-abstract ones for ``abstracts`` (e.g.
    ``catalog.iter_all()``) that differ from them.  Sorted by :attr:`LiftEvent.when` (unknown
    last).  ``kinds`` limits the kinds of publisher considered; ``meetings`` the meetings;
    ``start``/``end`` keep the events whose :attr:`LiftEvent.when` lies in ``[start, end]``
    (events with no ``when`` at all are then left out).

    Note that ``at`` is ``None`` for a lift known only within bounds or to the day: use
    :attr:`LiftEvent.when` (the instant it is certainly past) for scheduling.
    :func:`group_lifts` merges the events that fall at the same instant.  With ``errors`` (a
    list), an abstract whose lifts cannot be worked out is skipped and noted there instead of
    raising :class:`~embargo.errors.InputError` (a long-running daemon wants that)."""
    kind_list = list(kinds) if kinds is not None else list(Kind)
    wanted = set(meetings) if meetings is not None else None
    chosen = {p.id: p for p in policies if wanted is None or p.id in wanted}

    def keep(e: LiftEvent) -> bool:
        if start is None and end is None:
            return True
        return e.when is not None and (start is None or e.when >= start) and (
            end is None or e.when <= end)

    # Abstracts stream through one at a time and events outside the window are dropped as
    # they are made: a 30,000-abstract catalogue never sits in memory at once.
    out: list[LiftEvent] = []
    bases: dict[str, set[tuple[Any, ...]]] = {}
    caches: dict[str, _AbstractCache] = {}
    for pid, policy in chosen.items():
        base = meeting_lifts(policy, kind_list)
        bases[pid] = _base_keys(base)
        caches[pid] = _AbstractCache()
        out.extend(e for e in base if keep(e))
    for a in abstracts or ():
        owner = chosen.get(a.meeting)
        if owner is not None:
            out.extend(e for e in _own_lifts(owner, a, kind_list, bases[a.meeting],
                                             caches[a.meeting], errors) if keep(e))
    out.sort(key=_sort_key)
    return out


def upcoming(events: Iterable[LiftEvent], now: datetime, limit: int | None = None
             ) -> list[LiftEvent]:
    """Events not yet certainly past at ``now`` (``when`` at or after ``now``), soonest first."""
    out = [e for e in events if e.when is not None and e.when >= now]
    out.sort(key=_sort_key)
    return out[:limit] if limit is not None else out


TIER_SHORT = {Tier.EXISTENCE: "titles", Tier.ABSTRACT: "abstracts",
              Tier.BEYOND: "beyond-abstract content", Tier.MATERIAL: "materials"}


def _number(abstract_id: str) -> str:
    return abstract_id.split(":", 1)[-1]


@dataclass(frozen=True)
class LiftGroup:
    """The lifts of one meeting that fall at the same instant (or bounds), meeting-wide and
    per abstract together: what a calendar entry or a lift announcement shows as one."""

    meeting: str
    meeting_name: str
    zone: str
    at: datetime | None
    lower: datetime | None
    upper: datetime | None
    day: date | None
    events: tuple[LiftEvent, ...]

    @property
    def when(self) -> datetime | None:
        """The instant from which the content is certainly free: ``at``, else ``upper``."""
        return self.at if self.at is not None else self.upper

    @property
    def exact(self) -> bool:
        return self.at is not None

    @property
    def key(self) -> str:
        """Stable identity (meeting and instant); changes when the instant moves."""
        when = _when_key(self.at, self.day, self.lower, self.upper)
        return f"{self.meeting}|{when}"

    @property
    def abstracts(self) -> tuple[str, ...]:
        """Ids of the abstracts with their own lift here (sorted); meeting-wide ones aside."""
        return tuple(sorted({e.abstract for e in self.events if e.abstract}))

    @property
    def meeting_wide(self) -> bool:
        return any(e.abstract is None for e in self.events)

    @property
    def abstract(self) -> str | None:
        """The one abstract this group is about, if it is about exactly one."""
        a = self.abstracts
        return a[0] if len(a) == 1 and not self.meeting_wide else None

    @property
    def tiers(self) -> tuple[Tier, ...]:
        return tuple(t for t in TIER_ORDER if any(e.tier is t for e in self.events))

    @property
    def kinds(self) -> frozenset[Kind]:
        return frozenset(k for e in self.events for k in e.kinds)

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.rule for e in self.events))

    @property
    def abstract_title(self) -> str | None:
        return self.events[0].abstract_title if self.abstract else None

    @property
    def session(self) -> str | None:
        sessions = {e.session for e in self.events if e.session}
        return sessions.pop() if len(sessions) == 1 else None

    @property
    def label(self) -> str:
        """One line without the time (calendars and subjects add it): "ACR Convergence 2024:
        3 abstracts (0645, 1709, 2210): abstracts, titles free for press releases"."""
        who = self.meeting_name
        a = self.abstracts
        if a:
            shown = ", ".join(_number(x) for x in a[:6]) + (", …" if len(a) > 6 else "")
            who += (f" {a[0]}" if len(a) == 1 else f", {len(a)} abstracts ({shown})")
            if self.session:
                who += f" [{self.session}]"
            if self.meeting_wide:
                who += " and meeting-wide"
        wide = [e.labels for e in self.events if e.abstract is None]
        if wide and all(wide) and not a:
            who += " (" + " or ".join(sorted(set().union(*wide))) + " abstracts)"
        tiers = ", ".join(TIER_SHORT[t] for t in self.tiers)
        verb = "free" if self.at is not None or self.day is not None else "free at the latest"
        return f"{who}: {tiers} {verb} for {_kinds_words(self.kinds)}"

    def summary(self) -> str:
        return self.label

    def description(self, limit: int = 12) -> str:
        """The group in plain words: one line per set of kinds and tiers, naming the
        abstracts (at most ``limit`` of them per line)."""
        # (abstract or None, labels) -> kinds -> tiers
        per: dict[tuple[str | None, frozenset[str]], dict[Kind, set[Tier]]] = {}
        for e in self.events:
            slot = per.setdefault((e.abstract, e.labels if e.abstract is None else frozenset()),
                                  {})
            for k in e.kinds:
                slot.setdefault(k, set()).add(e.tier)
        # (kinds, tiers, labels, meeting-wide) -> abstracts
        lines: dict[tuple[Any, ...], list[str]] = {}
        for (abstract, labels), by_kind in per.items():
            by_tiers: dict[tuple[Tier, ...], set[Kind]] = {}
            for k, tier_set in by_kind.items():
                by_tiers.setdefault(tuple(t for t in TIER_ORDER if t in tier_set), set()).add(k)
            for tier_tuple, kinds in by_tiers.items():
                key = (frozenset(kinds), tier_tuple, labels, abstract is None)
                lines.setdefault(key, [])
                if abstract:
                    lines[key].append(abstract)
        when = _when_words(Bounds(self.lower, self.upper, self.day), self.zone)
        out = []
        for (kinds, tiers, labels, wide), abstracts in lines.items():
            what = " and ".join(TIER_PHRASES[t] for t in tiers)
            if wide:
                whose = f"of {self.meeting_name} abstracts"
                if labels:
                    whose += " labelled " + " or ".join(sorted(labels))
            else:
                shown = sorted(abstracts)
                whose = "of " + ", ".join(shown[:limit])
                if len(shown) > limit:
                    whose += f" and {len(shown) - limit} more abstracts"
            out.append(f"{what} {whose} may be published by {_kinds_words(kinds)} {when}")
        return "\n".join(sorted(out, key=lambda line: ("of " + self.meeting_name) not in line))


def group_lifts(events: Iterable[LiftEvent]) -> list[LiftGroup]:
    """Merge the events of one meeting that share an instant (or bounds), in time order."""
    buckets: dict[tuple[Any, ...], list[LiftEvent]] = {}
    for e in events:
        buckets.setdefault((e.meeting, e.at, e.lower, e.upper, e.day), []).append(e)
    out = []
    for (meeting, at, lower, upper, day), evs in buckets.items():
        evs.sort(key=lambda e: (e.abstract is not None, e.abstract or "",
                                TIER_ORDER.index(e.tier), e.rule))
        first = evs[0]
        out.append(LiftGroup(meeting, first.meeting_name, first.zone, at, lower, upper, day,
                             tuple(evs)))
    out.sort(key=lambda g: _sort_key(g.events[0]))
    return out
