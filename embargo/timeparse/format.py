"""Show instants the way a press officer reads them, always with UTC beside."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from embargo.timeparse.zones import region_for


def iso(dt: datetime | None) -> str | None:
    """ISO 8601 with offset, in UTC (the JSON form); ``None`` stays ``None``."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        raise ValueError("naive datetime reached output")
    return dt.astimezone(UTC).isoformat()


def format_instant(dt: datetime, zone: str | tzinfo | None = None, *, utc: bool = True) -> str:
    """``Thu 14 Nov 2024 10:00 EST (15:00 UTC)``; with ``zone=None`` just UTC."""
    if dt.tzinfo is None:
        raise ValueError("naive datetime reached output")
    u = dt.astimezone(UTC)
    if zone is None:
        return f"{u:%a %d %b %Y %H:%M:%S} UTC" if u.second else f"{u:%a %d %b %Y %H:%M} UTC"
    local = dt.astimezone(region_for(zone))
    fmt = "%a %d %b %Y %H:%M:%S %Z" if local.second else "%a %d %b %Y %H:%M %Z"
    text = local.strftime(fmt)
    if utc and local.utcoffset() != u.utcoffset():
        same_day = local.date() == u.date()
        utc_fmt = "%H:%M" if same_day else "%d %b %H:%M"
        if u.second:
            utc_fmt += ":%S"
        text += f" ({u.strftime(utc_fmt)} UTC)"
    return text
