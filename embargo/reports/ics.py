"""iCalendar (RFC 5545) of lift times, written by hand: no dependency, and every instant in
UTC (``DTSTART:20241114T150000Z``), which Outlook, Google Calendar and Apple Calendar all
import without a VTIMEZONE.  The meeting's own wall-clock time is in the description.

* one ``VEVENT`` per :class:`~embargo.policy.schedule.LiftGroup` (a meeting's lifts at one
  instant, meeting-wide and per abstract or session together);
* ``UID`` derives from the group's key (meeting and instant): exporting again gives the same
  UIDs, so re-importing updates rather than duplicates;
* a lift known only by its latest possible instant is a ``TENTATIVE`` event at that instant,
  titled "latest possible lift"; a lift known to the day is an all-day event;
* one ``VALARM`` (display reminder) per requested lead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from embargo.policy.schedule import LiftGroup
from embargo.timeparse import format_instant

PRODID = "-//embargo//embargo lift calendar//EN"
EVENT_LENGTH = timedelta(minutes=15)


def escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def _utc(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _duration(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    out = f"{sign}P"
    if days:
        out += f"{days}D"
    if hours or minutes or secs or not days:
        out += "T"
        if hours:
            out += f"{hours}H"
        if minutes:
            out += f"{minutes}M"
        if secs or not (hours or minutes):
            out += f"{secs}S"
    return out


def uid_for(group: LiftGroup) -> str:
    return f"lift-{hashlib.sha256(group.key.encode()).hexdigest()[:32]}@embargo"


def _lead_words(lead: timedelta) -> str:
    s = int(lead.total_seconds())
    if s % 86400 == 0:
        return f"{s // 86400} day{'s' if s != 86400 else ''}"
    if s % 3600 == 0:
        return f"{s // 3600} hour{'s' if s != 3600 else ''}"
    return f"{s // 60} minutes"


def event_lines(group: LiftGroup, *, stamp: datetime, reminders: Sequence[timedelta],
                sources: Sequence[str] = ()) -> list[str]:
    """The lines of one VEVENT (unfolded); empty when the group has no time to show."""
    lines = ["BEGIN:VEVENT", f"UID:{uid_for(group)}", f"DTSTAMP:{_utc(stamp)}"]
    tentative = False
    if group.at is not None:
        lines += [f"DTSTART:{_utc(group.at)}", f"DTEND:{_utc(group.at + EVENT_LENGTH)}"]
        when = format_instant(group.at, group.zone)
    elif group.day is not None:
        lines += [f"DTSTART;VALUE=DATE:{group.day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{group.day + timedelta(days=1):%Y%m%d}"]
        when = f"some time on {group.day:%a %d %b %Y} ({group.zone}; no time given)"
    elif group.upper is not None:
        tentative = True
        lines += [f"DTSTART:{_utc(group.upper)}", f"DTEND:{_utc(group.upper + EVENT_LENGTH)}"]
        when = f"not published; at the latest {format_instant(group.upper, group.zone)}"
        if group.lower is not None:
            when += f", not before {format_instant(group.lower, group.zone)}"
    else:
        return []
    summary = ("Latest possible lift: " if tentative else "Embargo lift: ") + group.label
    description = [f"When: {when}", "", group.description()]
    explanations = list(dict.fromkeys(e.explanation for e in group.events if e.explanation))
    if explanations:
        description += ["", "Rules:"] + [f"- {x}" for x in explanations[:6]]
    if sources:
        description += ["", "Policy: " + ", ".join(sources)]
    description += ["", "Check drafts with `embargo check` before they go out."]
    lines += [
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(chr(10).join(description))}",
        f"CATEGORIES:{escape_text('Embargo lift')},{escape_text(group.meeting)}",
        "TRANSP:TRANSPARENT",
        f"STATUS:{'TENTATIVE' if tentative else 'CONFIRMED'}",
    ]
    if sources:
        lines.append(f"URL:{sources[0]}")
    for lead in reminders:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY",
                  f"TRIGGER:{_duration(-lead)}",
                  f"DESCRIPTION:{escape_text(f'In {_lead_words(lead)}: ' + summary)}",
                  "END:VALARM"]
    lines.append("END:VEVENT")
    return lines


def calendar(groups: Iterable[LiftGroup], *, name: str, reminders: Sequence[timedelta] = (),
             sources: dict[str, Sequence[str]] | None = None,
             stamp: datetime | None = None) -> str:
    """The whole ``.ics`` text (CRLF line ends, folded lines)."""
    stamp = stamp or datetime.now(UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(name)}",
             f"NAME:{escape_text(name)}"]
    for g in groups:
        lines += event_lines(g, stamp=stamp, reminders=reminders,
                             sources=(sources or {}).get(g.meeting, ()))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
