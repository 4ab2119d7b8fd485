"""Zone labels people write, and how they become IANA zones.

A label names a *region* (``ET`` = the wall clock of New York) and, for the seasonal
abbreviations, also a literal offset (``EST`` = UTC-5).  Organisers often write the season
wrong ("12:01 am EST" on a September date).  embargo's documented reading is the region's wall
clock on that date; when the literal offset would give another instant, the caller gets a
warning with both readings, so ``policy validate`` can show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from embargo.errors import InputError


@dataclass(frozen=True)
class ZoneLabel:
    """What a written zone label means."""

    label: str
    region: str  # IANA name whose wall clock the label denotes
    literal_offset: timedelta | None  # the offset the label states literally, if any


def _h(hours: float) -> timedelta:
    return timedelta(hours=hours)


_LABELS: dict[str, tuple[str, timedelta | None]] = {
    # North America
    "ET": ("America/New_York", None),
    "EST": ("America/New_York", _h(-5)),
    "EDT": ("America/New_York", _h(-4)),
    "CT": ("America/Chicago", None),
    "CST": ("America/Chicago", _h(-6)),
    "CDT": ("America/Chicago", _h(-5)),
    "MT": ("America/Denver", None),
    "MST": ("America/Denver", _h(-7)),
    "MDT": ("America/Denver", _h(-6)),
    "PT": ("America/Los_Angeles", None),
    "PST": ("America/Los_Angeles", _h(-8)),
    "PDT": ("America/Los_Angeles", _h(-7)),
    "AKT": ("America/Anchorage", None),
    "AKST": ("America/Anchorage", _h(-9)),
    "AKDT": ("America/Anchorage", _h(-8)),
    "HT": ("Pacific/Honolulu", None),
    "HST": ("Pacific/Honolulu", _h(-10)),
    "AT": ("America/Halifax", None),
    "ADT": ("America/Halifax", _h(-3)),
    "NT": ("America/St_Johns", None),
    "NST": ("America/St_Johns", _h(-3.5)),
    "NDT": ("America/St_Johns", _h(-2.5)),
    # Europe
    "UTC": ("UTC", _h(0)),
    "GMT": ("UTC", _h(0)),
    "Z": ("UTC", _h(0)),
    "WET": ("Europe/Lisbon", _h(0)),
    "WEST": ("Europe/Lisbon", _h(1)),
    "BST": ("Europe/London", _h(1)),
    "CET": ("Europe/Paris", _h(1)),
    "CEST": ("Europe/Paris", _h(2)),
    "EET": ("Europe/Athens", _h(2)),
    "EEST": ("Europe/Athens", _h(3)),
    "MSK": ("Europe/Moscow", _h(3)),
    # Asia / Pacific / South America
    "JST": ("Asia/Tokyo", _h(9)),
    "KST": ("Asia/Seoul", _h(9)),
    "SGT": ("Asia/Singapore", _h(8)),
    "HKT": ("Asia/Hong_Kong", _h(8)),
    "AET": ("Australia/Sydney", None),
    "AEST": ("Australia/Sydney", _h(10)),
    "AEDT": ("Australia/Sydney", _h(11)),
    "AWST": ("Australia/Perth", _h(8)),
    "NZT": ("Pacific/Auckland", None),
    "NZST": ("Pacific/Auckland", _h(12)),
    "NZDT": ("Pacific/Auckland", _h(13)),
    "BRT": ("America/Sao_Paulo", _h(-3)),
}

#: Labels that name several unrelated zones; refused with advice.
AMBIGUOUS = {
    "IST": "India, Ireland or Israel",
    "AST": "Atlantic or Arabia",
    "CDST": "several regions",
    "ECT": "Ecuador or Eastern Caribbean",
}

KNOWN_LABELS = frozenset(_LABELS)
_IANA_RE = re.compile(r"^[A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)+$")


@lru_cache(maxsize=256)
def get_zone(name: str) -> ZoneInfo:
    """Return the IANA zone ``name`` or raise ``InputError`` naming it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, IsADirectoryError):
        raise InputError(
            f"unknown time zone {name!r}: use an IANA name such as 'America/New_York'"
        ) from None


def is_zone_token(token: str) -> bool:
    """True if ``token`` reads as a zone label or an IANA zone name."""
    return token in _LABELS or token in AMBIGUOUS or bool(_IANA_RE.match(token))


def lookup_label(label: str) -> ZoneLabel:
    """Resolve a label (``ET``, ``EST``, ``Europe/Vienna``) to its meaning."""
    if label in AMBIGUOUS:
        raise InputError(
            f"zone label {label!r} is ambiguous ({AMBIGUOUS[label]}): "
            "write an IANA zone such as 'Asia/Kolkata' or an offset"
        )
    if label in _LABELS:
        region, literal = _LABELS[label]
        return ZoneLabel(label, region, literal)
    if _IANA_RE.match(label) or label == "UTC":
        get_zone(label)
        return ZoneLabel(label, label, None)
    raise InputError(
        f"unknown zone label {label!r}: use ET, CT, MT, PT, UTC, CET/CEST or an IANA zone"
    )


def region_for(zone: str | tzinfo) -> ZoneInfo:
    """The ZoneInfo of a label, IANA name or tzinfo that names a region."""
    if isinstance(zone, ZoneInfo):
        return zone
    if isinstance(zone, str):
        return get_zone(lookup_label(zone).region)
    name = getattr(zone, "zone", None) or getattr(zone, "key", None)
    if isinstance(name, str):
        return get_zone(name)
    raise InputError(f"cannot use time zone {zone!r}: give an IANA name")


@dataclass(frozen=True)
class Localized:
    """A wall-clock time placed in a region, with what a reader should be told."""

    instant: datetime
    warnings: tuple[str, ...] = ()


def localize(naive: datetime, zone: ZoneInfo, *, label: ZoneLabel | None = None) -> Localized:
    """Place a naive wall-clock time in ``zone``.

    A time that does not exist (the spring-forward gap) is refused; an ambiguous one (the
    repeated hour in autumn) is read as the first occurrence and said so.  When ``label``
    states a literal offset that differs from the wall clock's, both readings are reported.
    """
    if naive.tzinfo is not None:
        raise TypeError("localize() takes a naive wall-clock time")
    warnings: list[str] = []
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    roundtrip = first.astimezone(UTC).astimezone(zone)
    if roundtrip.replace(tzinfo=None) != naive:
        raise InputError(
            f"{naive:%Y-%m-%d %H:%M} does not exist in {zone.key} (the clocks jump forward "
            f"then); did you mean {roundtrip:%H:%M %Z}?"
        )
    if first.utcoffset() != second.utcoffset():
        warnings.append(
            f"{naive:%Y-%m-%d %H:%M} happens twice in {zone.key}; read as the first "
            f"({first:%H:%M %Z}, {first.astimezone(UTC):%H:%M} UTC), not the second "
            f"({second:%H:%M %Z}, {second.astimezone(UTC):%H:%M} UTC)"
        )
    if label is not None and label.literal_offset is not None:
        actual = first.utcoffset()
        if actual != label.literal_offset:
            literal = naive.replace(tzinfo=_fixed(label.literal_offset))
            warnings.append(
                f"'{label.label}' does not match {zone.key} on {naive:%Y-%m-%d} "
                f"(the clocks show {first:%Z} then): read as the wall clock "
                f"{first:%H:%M %Z} = {first.astimezone(UTC):%Y-%m-%d %H:%M} UTC; the literal "
                f"{label.label} reading would be {literal.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
            )
    return Localized(first, tuple(warnings))


def _fixed(offset: timedelta) -> tzinfo:
    from datetime import timezone

    return timezone(offset)
