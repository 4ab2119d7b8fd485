"""Read the times people write: ISO 8601 and newsroom forms such as
``Nov 14, 2024 10:00 AM ET`` or ``10:00 AM ET on November 14, 2024``.

The result says which zone was used and whether it was assumed, so that output can tell the
reader which instant a zone-less time was taken as.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from embargo.errors import InputError
from embargo.patterns import lazy
from embargo.timeparse import months
from embargo.timeparse.zones import (
    AMBIGUOUS,
    KNOWN_LABELS,
    ZoneLabel,
    get_zone,
    localize,
    lookup_label,
    region_for,
)

Granularity = Literal["instant", "day"]


@dataclass(frozen=True)
class ParsedTime:
    """A parsed ``WHEN``: the instant, how it was read and what to warn about."""

    instant: datetime  # aware; for day granularity, the start of that day
    text: str
    zone: str  # IANA name of the zone the wall clock was read in ("UTC" for offsets)
    label: str | None  # the zone label as written (None: no zone written)
    assumed_zone: bool  # True if no zone was written and ``zone`` is the default
    granularity: Granularity = "instant"
    warnings: tuple[str, ...] = field(default=())
    renderings: tuple[str, ...] = ()  # one instant in several zones: each part, as read

    @property
    def day_end(self) -> datetime:
        """For a day value: the first instant of the next day in the same zone."""
        zone = get_zone(self.zone)
        local = self.instant.astimezone(zone)
        nxt = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=zone)
        return localize(nxt.replace(tzinfo=None), zone).instant


_ZONE_TOKEN = lazy(
    r"(?<![A-Za-z/])("
    r"[A-Z][A-Za-z_]+/[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)?"
    r"|[A-Z]{1,5}"
    r")(?![A-Za-z/])"
)
_LOCAL_WORDS = lazy(r"\b(?:local\s+time|local|venue\s+time)\b", re.IGNORECASE)
_AMPM = lazy(r"\b([ap])\.?\s?m\.?(?=$|[\s,;)])", re.IGNORECASE)
_NOON = lazy(r"\bnoon\b", re.IGNORECASE)
_MIDNIGHT = lazy(r"\bmidnight\b", re.IGNORECASE)
_NOISE = lazy(
    r"\b(?:on|at|the|of|by|until|from)\b|"
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\b\.?",
    re.IGNORECASE,
)
_TIME_PRESENT = lazy(r"\d{1,2}:\d{2}|\b\d{1,2}\s*[ap]m\b|\bT\d{2}", re.IGNORECASE)
_ISO_DATE = lazy(r"^\d{4}-\d{2}-\d{2}$")
_OFFSET_TAIL = lazy(r"(?:[+-]\d{2}:?\d{2}|Z)$")

# Two different defaults reveal which fields a text lacks (dateutil fills them in silently).
# They are wall-clock fields for dateutil, never instants, hence naive.
_DEFAULT_A = datetime(1904, 1, 1)  # noqa: DTZ001
_DEFAULT_B = datetime(1905, 2, 2)  # noqa: DTZ001


def _zone_name(zone: str | tzinfo) -> str:
    return region_for(zone).key


def _find_zone(text: str) -> tuple[str, str | None]:
    """Remove the zone label from ``text``; return (rest, label)."""
    found: list[tuple[int, int, str]] = []
    for m in _ZONE_TOKEN.finditer(text):
        token = m.group(1)
        if token in KNOWN_LABELS or token in AMBIGUOUS or "/" in token:
            found.append((m.start(1), m.end(1), token))
        elif (token.isupper() and len(token) >= 2 and token not in {"AM", "PM", "T"}
              and token.lower()[:3] not in months.ABBREVIATIONS):
            # An upper-case word that is no month and no zone we know: say so.
            raise InputError(
                f"unknown zone label {token!r} in {text!r}: use ET, CT, MT, PT, UTC, "
                "CET/CEST or an IANA zone such as 'Europe/Vienna'"
            )
    if not found:
        return text, None
    labels = {f[2] for f in found}
    if len(labels) > 1:
        raise InputError(f"{text!r} names more than one zone ({', '.join(sorted(labels))})")
    start, end, token = found[-1]
    for s, e, _ in reversed(found):
        text = text[:s] + " " + text[e:]
    del start, end
    return text, token


def _normalise(text: str) -> str:
    text = _NOON.sub("12:00 pm", text)
    text = _MIDNIGHT.sub("12:00 am", text)
    text = _AMPM.sub(lambda m: f"{m.group(1).lower()}m", text)
    text = _NOISE.sub(" ", text)
    text = text.replace("(", " ").replace(")", " ")
    return " ".join(text.split()).strip(" ,;")


_M = r"(?P<{}>[A-Za-z]{{3,9}})\.?"
_D = r"(?P<{}>\d{{1,2}})(?:st|nd|rd|th)?"
#: The shapes people write most ("Oct 28, 2023 6:59 am", "14 November 2024, 10:00"), read
#: without dateutil (which takes ~15 ms to import); anything else goes to dateutil.  A test
#: checks that both read every text of these shapes alike.
_COMMON = lazy(
    r"^(?:" + _M.format("m1") + r"\s+" + _D.format("d1") + r"|" + _D.format("d2") + r"\s+"
    + _M.format("m2") + r"),?\s+(?P<y>\d{4})(?:,?\s+(?P<h>\d{1,2})(?::(?P<mi>\d{2})"
    r"(?::(?P<s>\d{2}))?)?\s*(?P<ap>[ap]m)?)?$", re.IGNORECASE)


def _read_common(text: str) -> datetime | None:
    """``text`` (normalised) read as dateutil reads it, when it has one of the common shapes;
    ``None`` otherwise (dateutil decides)."""
    m = _COMMON.match(text)
    if m is None:
        return None
    month = months.NUMBER.get((m.group("m1") or m.group("m2")).lower())
    h, mi, sec, ap = m.group("h"), m.group("mi"), m.group("s"), m.group("ap")
    if month is None or (h is not None and mi is None and ap is None):
        return None  # "2024 10": dateutil's reading of a bare number is its own
    hour = int(h) if h is not None else 0
    if ap is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ap.lower() == "pm" else 0)
    try:
        return datetime(int(m.group("y")), month, int(m.group("d1") or m.group("d2")),  # noqa: DTZ001
                        hour, int(mi or 0), int(sec or 0))
    except ValueError:
        return None  # an impossible date: dateutil words the error


def _read_naive(text: str, original: str) -> tuple[datetime, Granularity]:
    """Parse a zone-free wall-clock text, refusing anything with a part missing."""
    common = _read_common(text) if text else None
    if common is not None:
        return common, _granularity(text, common)
    return _read_naive_dateutil(text, original)


def _granularity(text: str, read: datetime) -> Granularity:
    """A time of day written, or read (dateutil may find one without ``_TIME_PRESENT``): an
    instant; else only a day."""
    if _TIME_PRESENT.search(text) or (read.hour, read.minute, read.second) != (0, 0, 0):
        return "instant"
    return "day"


def _read_naive_dateutil(text: str, original: str) -> tuple[datetime, Granularity]:
    if not text:
        raise InputError(f"cannot read a date in {original!r}")
    from dateutil import parser as du_parser  # ~15 ms to import: only when a text needs it

    try:
        a = du_parser.parse(text, default=_DEFAULT_A)
        b = du_parser.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError, du_parser.ParserError):
        raise InputError(
            f"cannot read the time {original!r}: write ISO 8601 "
            "(2024-11-14T10:00:00-05:00) or e.g. 'Nov 14, 2024 10:00 AM ET'"
        ) from None
    if a.tzinfo is not None or b.tzinfo is not None:
        raise InputError(f"cannot read the zone of {original!r}")
    if a.year != b.year:
        raise InputError(f"{original!r} has no year: write e.g. 'Nov 14, 2024 10:00 AM ET'")
    if a.month != b.month or a.day != b.day:
        raise InputError(f"{original!r} has no full date: write e.g. 'Nov 14, 2024 10:00 AM ET'")
    return a, _granularity(text, a)


def parse_when(
    text: str,
    default_zone: str | tzinfo = "UTC",
    *,
    allow_day: bool = False,
    local_zone: str | tzinfo | None = None,
) -> ParsedTime:
    """Parse a ``WHEN``.

    ``default_zone`` is used when no zone is written (the result says it was assumed).
    ``local_zone`` is what the words "local time" mean (a meeting's venue zone); without it
    they mean ``default_zone``.  ``allow_day`` accepts a date without a time (day granularity).
    Several renderings of one instant may be joined with ``/``; they must agree (see
    :mod:`embargo.timeparse.renderings`).
    """
    original = text
    if not isinstance(text, str) or not text.strip():
        raise InputError("empty time: write ISO 8601 or e.g. 'Nov 14, 2024 10:00 AM ET'")
    text = text.strip()
    if "/" in text:
        from embargo.timeparse.renderings import parse_renderings

        several = parse_renderings(text, default_zone, allow_day=allow_day,
                                   local_zone=local_zone)
        if several is not None:
            return several
    relative = parse_relative_day(text, default_zone, allow_day=allow_day, local_zone=local_zone)
    if relative is not None:
        return relative

    # ISO 8601 first: exact and cheap.
    iso = _parse_iso(text)
    if iso is not None:
        naive, has_offset = iso
        if has_offset:
            return ParsedTime(naive, original, "UTC" if naive.utcoffset() == timedelta(0)
                              else _offset_name(naive), None, False)
        if _ISO_DATE.match(text):
            if not allow_day:
                raise InputError(f"{original!r} has a date but no time: add e.g. ' 10:00 ET'")
            zone = region_for(default_zone)
            loc = localize(naive, zone)
            return ParsedTime(loc.instant, original, zone.key, None, True, "day", loc.warnings)
        zone = region_for(default_zone)
        loc = localize(naive, zone)
        return ParsedTime(loc.instant, original, zone.key, None, True, "instant", loc.warnings)

    rest = text
    local_used = False
    if _LOCAL_WORDS.search(rest):
        rest = _LOCAL_WORDS.sub(" ", rest)
        local_used = True
    rest, label = _find_zone(rest)
    naive, granularity = _read_naive(_normalise(rest), original)
    if granularity == "day" and not allow_day:
        raise InputError(f"{original!r} has a date but no time: add e.g. ' 10:00 AM ET'")
    if label is not None:
        zl = lookup_label(label)
        zone = get_zone(zl.region)
        if zl.literal_offset is not None and zl.region == "UTC":
            zl = ZoneLabel(zl.label, "UTC", None)
        loc = localize(naive, zone, label=zl)
        return ParsedTime(loc.instant, original, zone.key, label, False, granularity, loc.warnings)
    if local_used:
        zone = region_for(local_zone if local_zone is not None else default_zone)
        loc = localize(naive, zone)
        return ParsedTime(loc.instant, original, zone.key, "local", False, granularity,
                          loc.warnings)
    zone = region_for(default_zone)
    loc = localize(naive, zone)
    return ParsedTime(loc.instant, original, zone.key, None, True, granularity, loc.warnings)


def _offset_name(dt: datetime) -> str:
    off = dt.utcoffset() or timedelta(0)
    sign = "+" if off >= timedelta(0) else "-"
    minutes = abs(int(off.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _parse_iso(text: str) -> tuple[datetime, bool] | None:
    candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    if not re.match(r"^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:[+-]\d{2}:?\d{2}|Z)?)?$", candidate):
        return None
    try:
        dt = datetime.fromisoformat(candidate)
    except ValueError:
        raise InputError(f"{text!r} is not a valid ISO 8601 date and time") from None
    return dt, dt.tzinfo is not None


_DATE_HINT = lazy(
    r"\d{4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)


def _has_date(part: str) -> bool:
    return bool(_DATE_HINT.search(part))


_DURATION = lazy(
    r"([+-]?)(\d+(?:\.\d+)?)(secs?|mins?|hrs?|hours?|days?|wks?|weeks?|s|m|h|d|w)",
    re.IGNORECASE)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "hour": 3600,
          "d": 86400, "day": 86400, "w": 604800, "wk": 604800, "week": 604800}


def parse_duration(text: str, *, allow_negative: bool = True) -> timedelta:
    """``"30s"``, ``"10m"``, ``"2h"``, ``"1d"``, ``"1h30m"``, ``"-90m"`` → timedelta."""
    s = str(text).strip().replace(" ", "")
    if not s:
        raise InputError("empty duration: write e.g. '30s', '10m', '2h' or '1d'")
    sign = -1 if s.startswith("-") else 1
    body = s.lstrip("+-")
    pos = 0
    total = 0.0
    for m in _DURATION.finditer(body):
        if m.start() != pos or m.group(1):
            break
        unit = m.group(3).lower()
        unit = unit[:-1] if len(unit) > 1 and unit.endswith("s") else unit
        total += float(m.group(2)) * _UNITS[unit]
        pos = m.end()
    if pos != len(body) or pos == 0:
        raise InputError(f"cannot read the duration {text!r}: write e.g. '30s', '10m', '2h', '1d'")
    if sign < 0 and not allow_negative:
        raise InputError(f"duration {text!r} must not be negative")
    return timedelta(seconds=sign * total)


_CLOCK = lazy(r"^\s*(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*$",
                    re.IGNORECASE)


def parse_clock(text: str) -> tuple[time, str | None]:
    """``"07:00 CT"``, ``"12:01 a.m. ET"``, ``"noon"``, ``"00:05 CEST"`` → (time, zone label)."""
    rest, label = _find_zone(text)
    rest = _LOCAL_WORDS.sub(" ", rest)
    rest = _NOON.sub("12:00 pm", rest)
    rest = _MIDNIGHT.sub("12:00 am", rest)
    m = _CLOCK.match(rest)
    if not m:
        raise InputError(f"cannot read the clock time {text!r}: write e.g. '07:00 CT' or "
                         "'12:01 a.m. ET'")
    hour = int(m.group(1))
    minute = int(m.group(2) or 0)
    second = int(m.group(3) or 0)
    ampm = (m.group(4) or "").lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            raise InputError(f"hour out of range in {text!r}")
        hour = (hour % 12) + (12 if ampm == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise InputError(f"clock time out of range in {text!r}")
    return time(hour, minute, second), label


def parse_date(text: str) -> date:
    """An ISO date ``YYYY-MM-DD`` or a written one (``Oct 11, 2024``)."""
    s = str(text).strip()
    try:
        return date.fromisoformat(s)
    except ValueError:
        pass
    naive, _ = _read_naive(_normalise(s), s)
    return naive.date()


def now_utc() -> datetime:
    """The current instant, aware (the one sanctioned clock read)."""
    return datetime.now(UTC)


# ------------------------------------------------------------------------ relative days

_RELATIVE_DAY = lazy(r"(?<![\w-])(today|tomorrow|yesterday)(?![\w-])", re.IGNORECASE)
_RELATIVE_SHIFT = {"today": 0, "tomorrow": 1, "yesterday": -1}
_GLUE = lazy(r"\b(?:at|on)\b", re.IGNORECASE)


def parse_relative_day(
    text: str,
    default_zone: str | tzinfo = "UTC",
    *,
    allow_day: bool = False,
    local_zone: str | tzinfo | None = None,
    now: datetime | None = None,
) -> ParsedTime | None:
    """``"tomorrow 9:30 ET"``, ``"9:30 AM ET today"``, ``"yesterday at noon"``: the wall clock
    on that day *in the zone the time is read in* (New York's tomorrow for ET).  ``None`` when
    ``text`` names no relative day (then it is some other form).  ``now`` is the moment the
    day is counted from (default: the clock)."""
    found = _RELATIVE_DAY.findall(text)
    if not found:
        return None
    if len({w.lower() for w in found}) > 1 or len(found) > 1:
        raise InputError(f"{text!r} names more than one day")
    m = _RELATIVE_DAY.search(text)
    assert m is not None
    shift = _RELATIVE_SHIFT[m.group(1).lower()]
    rest = _GLUE.sub(" ", text[:m.start()] + " " + text[m.end():])
    rest = " ".join(rest.split()).strip(" ,;")
    local_used = bool(_LOCAL_WORDS.search(rest))
    clock: time | None = None
    label: str | None = None
    if _LOCAL_WORDS.sub(" ", rest).strip():
        clock, label = parse_clock(rest)
    else:
        if not allow_day:
            raise InputError(f"{text!r} has a day but no time: add e.g. ' 9:30 AM ET'")
        rest, label = _find_zone(rest)
    zl: ZoneLabel | None = None
    if label is not None:
        zl = lookup_label(label)
        zone = get_zone(zl.region)
        if zl.literal_offset is not None and zl.region == "UTC":
            zl = ZoneLabel(zl.label, "UTC", None)
    else:
        zone = region_for(local_zone if local_used and local_zone is not None else default_zone)
    moment = now if now is not None else now_utc()
    day = moment.astimezone(zone).date() + timedelta(days=shift)
    loc = localize(datetime.combine(day, clock or time(0)), zone, label=zl)
    return ParsedTime(loc.instant, text, zone.key, label or ("local" if local_used else None),
                      label is None and not local_used,
                      "instant" if clock is not None else "day", loc.warnings)
