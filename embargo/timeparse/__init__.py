"""Time handling: parsing what people write, zones, and the one door for instants."""

from embargo.timeparse.coerce import coerce_instant
from embargo.timeparse.format import format_instant, iso
from embargo.timeparse.parse import (
    ParsedTime,
    now_utc,
    parse_clock,
    parse_date,
    parse_duration,
    parse_when,
)
from embargo.timeparse.zones import get_zone, localize, lookup_label, region_for

__all__ = [
    "ParsedTime",
    "coerce_instant",
    "format_instant",
    "get_zone",
    "iso",
    "localize",
    "lookup_label",
    "now_utc",
    "parse_clock",
    "parse_date",
    "parse_duration",
    "parse_when",
    "region_for",
]
