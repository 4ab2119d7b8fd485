"""Lift points: the little language of *when* something may be published.

A lift expression resolves, for one abstract, to :class:`Bounds` — the interval the true lift
instant is known to lie in.  An exact lift has ``lower == upper``; a day-granularity lift
("Oct 11, 2024", no time) spans that day; an unknown lift has open ends, possibly tightened by
``not_before``/``not_after``.  Judging an instant ``t`` against bounds is fail-closed:

* ``t >= upper``  → free (pass);
* ``t <  lower``  → still embargoed (violation);
* otherwise       → cannot tell (review).

Expression nodes (one class each, with a plain-words ``describe()``):

=================  ==========================================================================
``Fixed``          one instant, possibly written in several zones that must agree
``Day``            a date without a time (the venue's day)
``EventRef``       a named event (meeting-wide or per abstract) plus an offset; ``name?`` marks
                   it optional (absent events are skipped by combinators)
``ClockOn``        a fixed clock time on the (venue-local) day of an event, ± whole days
``Earliest``       whichever comes first
``Latest``         whichever comes last
``First``          the first operand that is defined (a fallback chain)
``OwnLift``        the abstract's own lift for the tier, as the organiser set it (``own_lift``);
                   absent when none is set
``Unknown``        not published / to be announced, with optional bounds
=================  ==========================================================================
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from embargo.errors import InputError
from embargo.patterns import lazy
from embargo.timeparse import format_instant, localize, parse_clock, parse_duration, parse_when
from embargo.timeparse.renderings import split_renderings
from embargo.timeparse.zones import KNOWN_LABELS, get_zone, lookup_label

EVENT_NAME = lazy(r"^[a-z][a-z0-9_]*$")
#: The operand naming the abstract's own (organiser-set) lift; not an event name.
OWN_LIFT = "own_lift"

#: Event names the language knows, with what they mean (others may be declared in [events]).
KNOWN_EVENTS: dict[str, str] = {
    "submission": "the abstract's submission",
    "acceptance": "the acceptance notice to the authors",
    "data_submission": "submission of late-breaking data",
    "titles_online": "titles posted online",
    "abstracts_online": "abstracts posted online",
    "meeting_start": "the first day of the meeting",
    "programme_start": "the first day of the scientific programme",
    "meeting_end": "the end of the meeting",
    "session_start": "the start of the session presenting the abstract",
    "session_end": "the end of the session presenting the abstract",
    "presentation_start": "the start of the abstract's own talk",
    "presentation_end": "the end of the abstract's own talk",
    "poster_hall_open": "the opening of the poster hall on the poster's day",
    "briefing_start": "the start of the press briefing that includes the study",
    "briefing_end": "the end of the press briefing that includes the study",
}


@dataclass(frozen=True)
class Bounds:
    """Where the true instant lies: ``lower <= lift <= upper``; ``None`` is open."""

    lower: datetime | None
    upper: datetime | None
    day: date | None = None  # set when the value is "some time on this venue day"
    notes: tuple[str, ...] = ()

    @property
    def exact(self) -> datetime | None:
        if self.lower is not None and self.lower == self.upper:
            return self.lower
        return None

    @property
    def known(self) -> bool:
        return self.exact is not None

    def shifted(self, delta: timedelta) -> Bounds:
        return Bounds(
            None if self.lower is None else self.lower + delta,
            None if self.upper is None else self.upper + delta,
            None,
            self.notes,
        )

    def with_notes(self, *notes: str) -> Bounds:
        return Bounds(self.lower, self.upper, self.day, self.notes + tuple(n for n in notes if n))

    def describe(self, zone: str | ZoneInfo) -> str:
        if self.exact is not None:
            return format_instant(self.exact, zone)
        if self.day is not None:
            return f"some time on {self.day:%a %d %b %Y} ({getattr(zone, 'key', zone)})"
        if self.lower is None and self.upper is None:
            return "unknown"
        parts = []
        if self.lower is not None:
            parts.append(f"not before {format_instant(self.lower, zone)}")
        if self.upper is not None:
            parts.append(f"not after {format_instant(self.upper, zone)}")
        return "unknown, " + " and ".join(parts)


UNKNOWN = Bounds(None, None)


class LiftContext:
    """What a lift expression can see: the venue zone and the events of one abstract."""

    def __init__(
        self,
        zone: ZoneInfo,
        meeting_events: Mapping[str, LiftExpr],
        abstract_events: Mapping[str, datetime] | None = None,
        abstract_id: str | None = None,
        own_lift: LiftExpr | None = None,
    ) -> None:
        self.zone = zone
        self.meeting_events = meeting_events
        self.abstract_events = dict(abstract_events or {})
        self.abstract_id = abstract_id
        self.own_lift = own_lift  # the organiser's lift for this abstract and tier, if any
        self._resolving: list[str] = []

    def has_event(self, name: str) -> bool:
        """Whether the event is defined for this abstract (its own value or ``[events]``):
        exactly when an optional reference ``name?`` would not be skipped."""
        return name in self.abstract_events or name in self.meeting_events

    def event(self, name: str) -> Bounds | None:
        """The event's bounds; ``None`` when neither the abstract nor the meeting defines it."""
        if name in self.abstract_events:
            value = self.abstract_events[name]
            return Bounds(value, value)
        expr = self.meeting_events.get(name)
        if expr is None:
            return None
        if name in self._resolving:
            chain = " -> ".join([*self._resolving, name])
            raise InputError(f"events refer to each other in a circle: {chain}")
        self._resolving.append(name)
        try:
            return expr.resolve(self)
        finally:
            self._resolving.pop()

    def who(self) -> str:
        return f"abstract {self.abstract_id}" if self.abstract_id else "this meeting"


class LiftExpr(ABC):
    """A node of the lift language."""

    note: str | None = None

    @abstractmethod
    def resolve(self, ctx: LiftContext) -> Bounds | None:
        """Bounds of the lift for ``ctx``; ``None`` if it refers only to absent optional events."""

    @abstractmethod
    def describe(self, zone: ZoneInfo) -> str:
        """Plain words, for ``policy show`` and explanations."""

    def events(self) -> set[str]:
        """Names of the events the expression refers to."""
        return set()

    def children(self) -> tuple[LiftExpr, ...]:
        return ()

    def walk(self) -> Iterable[LiftExpr]:
        yield self
        for child in self.children():
            yield from child.walk()


@dataclass(frozen=True)
class Fixed(LiftExpr):
    instant: datetime
    text: str
    note: str | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)
    renderings: tuple[str, ...] = field(default=(), compare=False)  # several zones, as read

    def resolve(self, ctx: LiftContext) -> Bounds:
        return Bounds(self.instant, self.instant)

    def describe(self, zone: ZoneInfo) -> str:
        return format_instant(self.instant, zone)


def _day_note(day: date) -> str:
    return f"only the day is known ({day:%d %b %Y}), not the time"


@dataclass(frozen=True)
class Day(LiftExpr):
    """Some time on a venue-local day; the organiser gave no time."""

    day: date
    zone: ZoneInfo
    note: str | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def start(self) -> datetime:
        return localize(datetime.combine(self.day, time(0)), self.zone).instant

    def end(self) -> datetime:
        return localize(datetime.combine(self.day + timedelta(days=1), time(0)), self.zone).instant

    def resolve(self, ctx: LiftContext) -> Bounds:
        return Bounds(self.start(), self.end(), self.day, (_day_note(self.day),))

    def describe(self, zone: ZoneInfo) -> str:
        return f"some time on {self.day:%a %d %b %Y} ({self.zone.key}; no time given)"


@dataclass(frozen=True)
class EventRef(LiftExpr):
    name: str
    offset: timedelta = timedelta(0)
    optional: bool = False
    note: str | None = None

    def resolve(self, ctx: LiftContext) -> Bounds | None:
        b = ctx.event(self.name)
        if b is None:
            if self.optional:
                return None
            note = f"'{self.name}' is not known for {ctx.who()}"
            b = _within_meeting(self.name, ctx, note)
            if b is None:
                return UNKNOWN.with_notes(note)
        return b.shifted(self.offset) if self.offset else b

    def describe(self, zone: ZoneInfo) -> str:
        base = KNOWN_EVENTS.get(self.name, self.name.replace("_", " "))
        if self.optional:
            base += " (if there is one)"
        return f"{base} {describe_offset(self.offset)}".strip()

    def events(self) -> set[str]:
        return {self.name}


#: The number of the abstract that stands for any abstract of a meeting (the schedule's
#: meeting-wide lifts are read for it).
ANY_NUMBER = "*"

#: Events that happen at the meeting itself, on one of its days.
_AT_THE_MEETING = frozenset({"session_start", "session_end", "presentation_start",
                             "presentation_end", "poster_hall_open"})


def _within_meeting(name: str, ctx: LiftContext, note: str) -> Bounds | None:
    """An abstract's session, talk or poster whose time is unknown happens at the meeting:
    not before it opens, and not after it closes.  An item published before the first day is
    before the lift for sure; one published after the last day (a talk may be moved, a poster
    shown again, but within the meeting) is after it for sure; in between, nobody can tell.
    The closing bound is taken only when the policy gives the meeting's last day.  ``None``
    when the meeting's first day is not known either."""
    if name not in _AT_THE_MEETING or ctx.abstract_id is None:
        return None  # a rule read in general (the validator), not for one abstract
    start = ctx.event("meeting_start")
    if start is None or start.lower is None:
        return None
    end = ctx.event("meeting_end")
    # Any abstract (the schedule's meeting-wide lifts) has no one talk to bound: a
    # session's lift is each abstract's own, not a meeting-wide event.
    anyone = ctx.abstract_id.endswith(":" + ANY_NUMBER)
    if anyone or end is None or end.upper is None or end.upper < start.lower:
        return Bounds(start.lower, None, None, (f"{note}; it is not before the meeting opens",))
    return Bounds(start.lower, end.upper, None,
                  (f"{note}; it is during the meeting, not before it opens nor after it "
                   "closes",))


def describe_offset(delta: timedelta) -> str:
    if not delta:
        return ""
    seconds = int(abs(delta.total_seconds()))
    parts = []
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)):
        if seconds >= size:
            n, seconds = divmod(seconds, size)
            parts.append(f"{n} {unit}{'s' if n > 1 else ''}")
    return ("plus " if delta > timedelta(0) else "minus ") + " ".join(parts)


Reading = tuple[time, ZoneInfo, str]  # a clock time, the zone it is read in, its label


@dataclass(frozen=True)
class ClockOn(LiftExpr):
    """A clock time on the day of an event, in a given zone: "7:00 AM CT on the session day".

    ``others`` are further renderings of the same clock time in other zones ("7:00 AM CT /
    8:00 AM ET"); on a day where they name different instants (zones that switch to summer
    time on different dates), the lift is only known to lie between them.
    """

    event: EventRef
    clock: time
    zone: ZoneInfo
    label: str
    day_offset: int = 0
    note: str | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)
    others: tuple[Reading, ...] = ()
    written: str = field(default="", compare=False)  # the clock time(s) as written

    @property
    def readings(self) -> tuple[Reading, ...]:
        return ((self.clock, self.zone, self.label), *self.others)

    @property
    def clock_text(self) -> str:
        return self.written or " / ".join(f"{c:%H:%M} {label}" for c, _z, label in
                                          self.readings)

    def _at(self, day: date) -> datetime:
        return localize(datetime.combine(day + timedelta(days=self.day_offset), self.clock),
                        self.zone).instant

    def instants_on(self, day: date) -> list[datetime]:
        """What each rendering gives on the (venue) day of the event."""
        when = day + timedelta(days=self.day_offset)
        return [localize(datetime.combine(when, c), z).instant for c, z, _ in self.readings]

    def label_warnings(self, day: date) -> tuple[str, ...]:
        """Warnings for a zone label that contradicts daylight saving on that day ("07:00
        CET" on a summer day): the wall clock is used; the warning gives both readings."""
        when = day + timedelta(days=self.day_offset)
        out: list[str] = []
        for c, z, label in self.readings:
            if label not in KNOWN_LABELS:
                continue
            zl = lookup_label(label)
            if zl.literal_offset is None:
                continue
            naive = datetime.combine(when, c)
            out.extend(w for w in localize(naive, z, label=zl).warnings
                       if w.startswith(f"'{label}'"))
        return tuple(out)

    def _span(self, day: date) -> tuple[datetime, datetime]:
        ats = self.instants_on(day)
        return min(ats), max(ats)

    def resolve(self, ctx: LiftContext) -> Bounds | None:
        # "The day of the event" is the venue's calendar day, whatever zone the clock is in.
        b = self.event.resolve(ctx)
        if b is None:
            return None
        exact = b.exact
        day = b.day if b.day is not None else (
            exact.astimezone(ctx.zone).date() if exact is not None else None)
        if day is not None:  # the day is all a clock time needs
            notes = tuple(n for n in b.notes if b.day is None or n != _day_note(b.day))
            lo, hi = self._span(day)
            if lo != hi:
                notes += (f"the renderings {self.clock_text} give different instants on "
                          f"{day:%d %b %Y} ({lo.astimezone(UTC):%H:%M} and "
                          f"{hi.astimezone(UTC):%H:%M} UTC): check which the organiser means",)
            return Bounds(lo, hi, None, notes)
        lower = None if b.lower is None else self._span(b.lower.astimezone(ctx.zone).date())[0]
        upper = None if b.upper is None else self._span(b.upper.astimezone(ctx.zone).date())[1]
        return Bounds(lower, upper, None, b.notes)

    def describe(self, zone: ZoneInfo) -> str:
        when = {0: "on the day of", -1: "on the day before", 1: "on the day after"}.get(
            self.day_offset, f"{self.day_offset:+d} days from the day of")
        return f"{self.clock_text} {when} {self.event.describe(zone)}"

    def events(self) -> set[str]:
        return self.event.events()

    def children(self) -> tuple[LiftExpr, ...]:
        return (self.event,)


@dataclass(frozen=True)
class OwnLift(LiftExpr):
    """The abstract's own lift for the tier being judged, as the organiser set it for this
    abstract alone (the catalogue's ``lifts``, else the policy's ``[[overrides]]``).  Absent
    (skipped by combinators, like a missing ``x?``) when no such lift is set."""

    note: str | None = None

    def resolve(self, ctx: LiftContext) -> Bounds | None:
        expr = ctx.own_lift
        if expr is None:
            return None
        ctx.own_lift = None  # an override cannot refer to itself
        try:
            b = expr.resolve(ctx)
        finally:
            ctx.own_lift = expr
        if b is None:
            return None
        return b.with_notes("this abstract's own lift, as the organiser set it")

    def describe(self, zone: ZoneInfo) -> str:
        return "the abstract's own lift, if the organiser set one for it"


def _combine(values: list[Bounds | None], pick: Callable[..., datetime],
             open_low_wins: bool) -> Bounds | None:
    present = [v for v in values if v is not None]
    if not present:
        return None
    lowers = [v.lower for v in present]
    uppers = [v.upper for v in present]
    notes = tuple(n for v in present for n in v.notes)
    if open_low_wins:  # earliest: any open lower bound stays open; open uppers are ignored
        lower = None if any(x is None for x in lowers) else pick(lowers)
        known_up = [x for x in uppers if x is not None]
        upper = pick(known_up) if known_up else None
    else:  # latest: open lower bounds are ignored; any open upper bound stays open
        known_lo = [x for x in lowers if x is not None]
        lower = pick(known_lo) if known_lo else None
        upper = None if any(x is None for x in uppers) else pick(uppers)
    day = present[0].day if len(present) == 1 else None
    return Bounds(lower, upper, day, notes)


@dataclass(frozen=True)
class Earliest(LiftExpr):
    """Whichever comes first."""

    operands: tuple[LiftExpr, ...]
    note: str | None = None

    def resolve(self, ctx: LiftContext) -> Bounds | None:
        return _combine([o.resolve(ctx) for o in self.operands], min, open_low_wins=True)

    def describe(self, zone: ZoneInfo) -> str:
        return "whichever comes first of: " + "; ".join(o.describe(zone) for o in self.operands)

    def events(self) -> set[str]:
        return set().union(*(o.events() for o in self.operands))

    def children(self) -> tuple[LiftExpr, ...]:
        return self.operands


@dataclass(frozen=True)
class Latest(LiftExpr):
    """Whichever comes last."""

    operands: tuple[LiftExpr, ...]
    note: str | None = None

    def resolve(self, ctx: LiftContext) -> Bounds | None:
        return _combine([o.resolve(ctx) for o in self.operands], max, open_low_wins=False)

    def describe(self, zone: ZoneInfo) -> str:
        return "whichever comes last of: " + "; ".join(o.describe(zone) for o in self.operands)

    def events(self) -> set[str]:
        return set().union(*(o.events() for o in self.operands))

    def children(self) -> tuple[LiftExpr, ...]:
        return self.operands


@dataclass(frozen=True)
class First(LiftExpr):
    """The first operand that is defined for this abstract (a fallback chain)."""

    operands: tuple[LiftExpr, ...]
    note: str | None = None

    def resolve(self, ctx: LiftContext) -> Bounds | None:
        for o in self.operands:
            b = o.resolve(ctx)
            if b is not None:
                return b
        return None

    def describe(self, zone: ZoneInfo) -> str:
        return "the first that applies of: " + "; else ".join(
            o.describe(zone) for o in self.operands)

    def events(self) -> set[str]:
        return set().union(*(o.events() for o in self.operands))

    def children(self) -> tuple[LiftExpr, ...]:
        return self.operands


@dataclass(frozen=True)
class Unknown(LiftExpr):
    """Not published or to be announced; ``not_before``/``not_after`` bound it when known."""

    not_before: LiftExpr | None = None
    not_after: LiftExpr | None = None
    note: str | None = None

    def resolve(self, ctx: LiftContext) -> Bounds:
        lo = self.not_before.resolve(ctx) if self.not_before else None
        hi = self.not_after.resolve(ctx) if self.not_after else None
        note = self.note or "the organiser has not published this time"
        return Bounds(lo.lower if lo else None, hi.upper if hi else None, None,
                      (note, *(lo.notes if lo else ()), *(hi.notes if hi else ())))

    def describe(self, zone: ZoneInfo) -> str:
        text = "unknown"
        if self.not_before:
            text += f", not before {self.not_before.describe(zone)}"
        if self.not_after:
            text += f", not after {self.not_after.describe(zone)}"
        if self.note:
            text += f" ({self.note})"
        return text

    def events(self) -> set[str]:
        out: set[str] = set()
        for o in (self.not_before, self.not_after):
            if o is not None:
                out |= o.events()
        return out

    def children(self) -> tuple[LiftExpr, ...]:
        return tuple(o for o in (self.not_before, self.not_after) if o is not None)


# --------------------------------------------------------------------------- parsing

_EVENT_WITH_OFFSET = lazy(
    r"^(?P<name>[a-z][a-z0-9_]*)(?P<opt>\?)?\s*(?:(?P<sign>[+-])\s*(?P<dur>[0-9][0-9a-z. ]*))?$")
_CLOCK_ON = lazy(
    r"^(?P<clock>.+?)\s+on\s+(?:the\s+day\s+(?P<which>of|before|after)\s+)?"
    r"(?P<event>[a-z][a-z0-9_]*\??)$")
_UNKNOWN_WORDS = {"unknown", "tba", "tbd", "tbc", "to be announced", "to be confirmed", "open",
                  "not published", "unpublished"}
_TABLE_KEYS = {
    "at", "event", "offset", "optional", "clock", "day_offset", "earliest", "latest", "first",
    "unknown", "not_before", "not_after", "note", "end_of_day", "date",
}


_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5,
    "saturday": 5, "sun": 6, "sunday": 6,
}
_WEEKDAY_WORD = lazy(r"\b(" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\b\.?",
                           re.IGNORECASE)
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday_warnings(text: str, day: date) -> tuple[str, ...]:
    """A weekday written beside a date that falls on another weekday: one of them is wrong."""
    out = []
    for m in _WEEKDAY_WORD.finditer(text):
        wd = _WEEKDAYS[m.group(1).lower()]
        if wd != day.weekday():
            out.append(f"{text!r} says {_DAY_NAMES[wd]}, but {day:%d %b %Y} is a "
                       f"{_DAY_NAMES[day.weekday()]}: check the date against the organiser's "
                       "page (the date is what counts)")
    return tuple(out)


class LiftParser:
    """Turn TOML values into lift expressions; errors carry the key path for line lookup."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone

    def parse(self, value: Any, key: str) -> LiftExpr:
        if isinstance(value, str):
            return self._parse_string(value, key)
        if isinstance(value, datetime):
            if value.tzinfo is None:
                return self._fixed(value.isoformat(), key)
            return Fixed(value, value.isoformat())
        if isinstance(value, date):
            return Day(value, self.zone)
        if isinstance(value, list):
            return self._fixed_many(value, key)
        if isinstance(value, dict):
            return self._parse_table(value, key)
        raise InputError(f"cannot read a lift from {value!r}: write a time such as "
                         "'2024-11-14 10:00 ET', an event name such as 'session_start', or a "
                         "table", key=key)

    def _parse_string(self, text: str, key: str, note: str | None = None) -> LiftExpr:
        s = text.strip()
        if s.lower() in _UNKNOWN_WORDS:
            return Unknown(note=note)
        m = _EVENT_WITH_OFFSET.match(s)
        if m and m.group("name") == OWN_LIFT:
            if m.group("dur"):
                raise InputError(f"{OWN_LIFT} takes no offset: it is the abstract's own lift as "
                                 "the organiser set it", key=key)
            return OwnLift(note)
        if m:
            offset = timedelta(0)
            if m.group("dur"):
                try:
                    offset = parse_duration(m.group("dur"))
                except InputError as e:
                    raise InputError(e.message, key=key) from None
                if m.group("sign") == "-":
                    offset = -offset
            return EventRef(m.group("name"), offset, bool(m.group("opt")), note)
        m = _CLOCK_ON.match(s)
        if m:
            event = self._parse_string(m.group("event"), key)
            if not isinstance(event, EventRef):
                raise InputError(f"a clock time goes on the day of an event, not on {OWN_LIFT}",
                                 key=key)
            clock_text = m.group("clock")
            clock: str | list[str] = clock_text
            if "/" in clock_text:
                clock = split_renderings(clock_text) or clock_text
            day_offset = {"before": -1, "after": 1}.get(m.group("which") or "of", 0)
            return self._clock_on(event, clock, day_offset, key, note)
        return self._fixed(s, key, note)

    def _fixed(self, text: str, key: str, note: str | None = None) -> LiftExpr:
        try:
            p = parse_when(text, self.zone, allow_day=True, local_zone=self.zone)
        except InputError as e:
            raise InputError(e.message, key=key) from None
        written_day = p.instant.date()  # the date as written: the instant is in its own zone
        warnings = p.warnings + _weekday_warnings(text, written_day)
        if p.granularity == "day":
            return Day(written_day, get_zone(p.zone), note, warnings)
        return Fixed(p.instant, text, note, warnings, p.renderings)

    def _fixed_many(self, values: list[Any], key: str, note: str | None = None) -> LiftExpr:
        if not values or not all(isinstance(v, str) for v in values):
            raise InputError("a list of times must hold strings, one instant in several zones",
                             key=key)
        exprs = [self._fixed(v, key) for v in values]
        instants = {e.instant.astimezone(UTC) for e in exprs if isinstance(e, Fixed)}
        if len(instants) != 1 or not all(isinstance(e, Fixed) for e in exprs):
            readings = "; ".join(
                f"{v!r} = {e.instant.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if isinstance(e, Fixed)
                else f"{v!r} = a whole day" for v, e in zip(values, exprs, strict=True))
            raise InputError(f"the renderings of one instant disagree: {readings}; fix the "
                             "one that is wrong", key=key)
        first = exprs[0]
        assert isinstance(first, Fixed)
        warnings = tuple(w for e in exprs if isinstance(e, Fixed) for w in e.warnings)
        return Fixed(first.instant, " / ".join(values), note, warnings, tuple(values))

    def _clock_on(self, event: EventRef, clock: Any, day_offset: int, key: str,
                  note: str | None) -> ClockOn:
        texts = clock if isinstance(clock, list) else [clock]
        if not texts or not all(isinstance(t, str) for t in texts):
            raise InputError("clock must be a time such as '07:00 CT' or a list of them",
                             key=f"{key}.clock")
        readings: list[tuple[time, ZoneInfo, str]] = []
        for t in texts:
            try:
                clk, label = parse_clock(t)
                zone = self.zone if label is None else get_zone(lookup_label(label).region)
            except InputError as e:
                raise InputError(e.message, key=f"{key}.clock") from None
            readings.append((clk, zone, label or "local time"))
        clk, zone, label = readings[0]
        node = ClockOn(event, clk, zone, label, day_offset, note, others=tuple(readings[1:]),
                       written=" / ".join(texts))
        if len(readings) > 1:
            # Check agreement on a sample day (the venue's first day of the year 2000 rules
            # aside, agreement must hold on any day the meeting could use): compare on the
            # dates of both DST seasons.
            for sample in (date(2024, 1, 15), date(2024, 7, 15)):
                base = node._at(sample)
                for c, z, lab in readings[1:]:
                    other = ClockOn(event, c, z, lab, day_offset)._at(sample)
                    if other != base:
                        raise InputError(
                            f"the clock times {', '.join(map(repr, texts))} are not the same "
                            f"instant (on {sample} they give {base.astimezone(UTC):%H:%M} and "
                            f"{other.astimezone(UTC):%H:%M} UTC)", key=f"{key}.clock")
        return node

    def _parse_table(self, table: dict[str, Any], key: str) -> LiftExpr:
        unknown_keys = set(table) - _TABLE_KEYS
        if unknown_keys:
            raise InputError(
                f"unknown key(s) {', '.join(sorted(unknown_keys))} in a lift; allowed: "
                f"{', '.join(sorted(_TABLE_KEYS))}", key=f"{key}.{sorted(unknown_keys)[0]}")
        note = table.get("note")
        if note is not None and not isinstance(note, str):
            raise InputError("note must be a string", key=f"{key}.note")
        shapes = [k for k in ("at", "event", "earliest", "latest", "first", "unknown",
                              "end_of_day", "date") if k in table]
        if len(shapes) != 1:
            raise InputError(
                "a lift table needs exactly one of: at, date, end_of_day, event, earliest, "
                f"latest, first, unknown (found {', '.join(shapes) or 'none'})", key=key)
        shape = shapes[0]
        allowed_with = {
            "at": {"note"}, "date": {"note"}, "end_of_day": {"note"},
            "event": {"offset", "optional", "clock", "day_offset", "note"},
            "earliest": {"note"}, "latest": {"note"}, "first": {"note"},
            "unknown": {"not_before", "not_after", "note"},
        }[shape]
        extra = set(table) - allowed_with - {shape}
        if extra:
            raise InputError(f"{', '.join(sorted(extra))} cannot be used with '{shape}'",
                             key=f"{key}.{sorted(extra)[0]}")
        if shape == "at":
            v = table["at"]
            return self._fixed_many(v, f"{key}.at", note) if isinstance(v, list) \
                else self._fixed(str(v), f"{key}.at", note)
        if shape == "date":
            v = table["date"]
            try:
                d = v if isinstance(v, date) else date.fromisoformat(str(v))
            except ValueError:
                raise InputError(f"date must be YYYY-MM-DD, got {v!r}", key=f"{key}.date") from None
            return Day(d, self.zone, note)
        if shape == "end_of_day":
            v = table["end_of_day"]
            try:
                d = v if isinstance(v, date) else date.fromisoformat(str(v))
            except ValueError:
                raise InputError(f"end_of_day must be YYYY-MM-DD, got {v!r}",
                                 key=f"{key}.end_of_day") from None
            end = Day(d, self.zone).end()
            return Fixed(end, f"end of {d.isoformat()}", note)
        if shape == "event":
            name = table["event"]
            if not isinstance(name, str) or not EVENT_NAME.match(name.rstrip("?")):
                raise InputError(f"event must be a name such as 'session_start', got {name!r}",
                                 key=f"{key}.event")
            if name.rstrip("?") == OWN_LIFT:
                raise InputError(f"{OWN_LIFT} is not an event: write it as a plain operand, "
                                 f"e.g. {{ latest = [\"meeting_start\", \"{OWN_LIFT}\"] }}",
                                 key=f"{key}.event")
            optional = bool(table.get("optional", False)) or name.endswith("?")
            offset = timedelta(0)
            if "offset" in table:
                try:
                    offset = parse_duration(str(table["offset"]))
                except InputError as e:
                    raise InputError(e.message, key=f"{key}.offset") from None
            ref = EventRef(name.rstrip("?"), offset, optional,
                           None if "clock" in table else note)
            if "clock" in table:
                if offset:
                    raise InputError("use either offset or clock, not both", key=f"{key}.offset")
                day_offset = table.get("day_offset", 0)
                if not isinstance(day_offset, int):
                    raise InputError("day_offset must be a whole number of days",
                                     key=f"{key}.day_offset")
                return self._clock_on(ref, table["clock"], day_offset, key, note)
            if "day_offset" in table:
                raise InputError("day_offset needs clock", key=f"{key}.day_offset")
            return ref
        if shape in ("earliest", "latest", "first"):
            ops = table[shape]
            if not isinstance(ops, list) or len(ops) < 2:
                raise InputError(f"'{shape}' needs a list of at least two lifts",
                                 key=f"{key}.{shape}")
            parsed = tuple(self.parse(o, f"{key}.{shape}") for o in ops)
            if shape == "earliest":
                return Earliest(parsed, note)
            if shape == "latest":
                return Latest(parsed, note)
            return First(parsed, note)
        # unknown
        if table["unknown"] is not True:
            raise InputError("write unknown = true", key=f"{key}.unknown")
        nb = self.parse(table["not_before"], f"{key}.not_before") if "not_before" in table \
            else None
        na = self.parse(table["not_after"], f"{key}.not_after") if "not_after" in table else None
        return Unknown(nb, na, note)
