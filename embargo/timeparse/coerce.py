"""Coerce instants at the API edge: pytz, zoneinfo, fixed offsets, strings, naive values.

Everything inside embargo is an aware ``datetime``.  This module is the one door in.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from embargo.errors import InputError
from embargo.timeparse.zones import get_zone, localize


def _pytz_zone_name(tz: tzinfo) -> str | None:
    """Name of a pytz zone, recognised by duck typing so pytz stays optional."""
    if hasattr(tz, "localize") and hasattr(tz, "normalize"):
        name = getattr(tz, "zone", None)
        return name if isinstance(name, str) else None
    return None


def coerce_instant(value: Any, default_zone: str | tzinfo = "UTC") -> datetime:
    """Return an aware datetime for ``value``.

    * aware zoneinfo / fixed-offset datetimes are kept as they are;
    * pytz datetimes are converted to the same instant in the zoneinfo zone of the same name;
      one built with ``tzinfo=`` or ``.replace(tzinfo=...)`` (pytz's LMT trap: New York at
      UTC-4:56) is read as the wall-clock time its author meant;
    * naive datetimes are read as wall-clock time in ``default_zone``;
    * strings go through :func:`embargo.timeparse.parse_when`.
    """
    if isinstance(value, str):
        from embargo.timeparse.parse import parse_when

        return parse_when(value, default_zone).instant
    if not isinstance(value, datetime):
        raise InputError(f"expected a date and time, got {type(value).__name__}: {value!r}")
    tz = value.tzinfo
    if tz is None or value.utcoffset() is None:
        zone = default_zone if isinstance(default_zone, ZoneInfo) else None
        if zone is None:
            name = default_zone if isinstance(default_zone, str) else _pytz_zone_name(default_zone)
            zone = get_zone(name or "UTC")
        return localize(value.replace(tzinfo=None), zone).instant
    name = _pytz_zone_name(tz)
    if name is None:
        # Canonical form: a wall time inside a spring-forward gap becomes the real clock
        # reading of the same instant (same-zone datetimes compare by wall time in Python).
        return value.astimezone(UTC).astimezone(tz)
    zone = get_zone(name)
    naive = value.replace(tzinfo=None)
    localize_fn = getattr(tz, "localize")  # noqa: B009 - pytz API
    proper = localize_fn(naive)
    if proper.utcoffset() != value.utcoffset():
        # Built without localize(): the tzinfo is pytz's first (LMT) offset.  The author
        # meant the wall clock.
        return localize(naive, zone).instant
    return value.astimezone(UTC).astimezone(zone)
