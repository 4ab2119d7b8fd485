"""One instant written in several zones, as organisers print it.

``2 a.m. PT/4 a.m. CT/5 a.m. ET, Thursday, Jan 30, 2025``, ``7:00 AM CT / 8:00 AM ET on June
1, 2024``, ``Apr 25, 2025 12 p.m. CT / 1 p.m. ET``, ``7:00 AM CT, June 1, 2024 / 8:00 AM ET``:
renderings joined by ``/`` (with or without spaces), the date written once — before, after
or between them — or with each rendering.  Every rendering is read on its own, with the shared
date where it has none, and all must name the same instant; otherwise the text is refused with
every reading, so a typo in one zone never goes unnoticed.

A slash inside an IANA zone name (``Europe/Vienna``) or a numeric date (``1/30/2025``) does
not separate renderings.
"""

from __future__ import annotations

import re
from datetime import UTC, tzinfo

from embargo.errors import InputError
from embargo.patterns import lazy
from embargo.timeparse.parse import ParsedTime, _find_zone, _has_date, parse_when

#: Slashes that belong to a token, not between renderings: IANA names, numeric dates.
_PROTECTED = lazy(
    r"\b[A-Z][a-z]+(?:_[A-Za-z]+)*/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}/\d{1,2}/\d{1,2}\b")
_SLASH = lazy(r"\s*/\s*")
_MARK = "\x00"
#: A clock time as printed: "2 a.m.", "7:00 AM", "14:30", "noon", "midnight".
_CLOCK = lazy(
    r"(?<![\d:])(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?)"
    r"(?![\w])|\bnoon\b|\bmidnight\b", re.IGNORECASE)
_ISO_INSTANT = lazy(r"\d{4}-\d{2}-\d{2}[T ]\d")


def split_renderings(text: str) -> list[str] | None:
    """The renderings of ``text`` if it is one instant written in several zones (two or more
    parts joined by ``/``, each with a clock time), else ``None``."""
    if "/" not in text:
        return None
    protected = _PROTECTED.sub(lambda m: m.group(0).replace("/", _MARK), text)
    if "/" not in protected:
        return None
    parts = [p.replace(_MARK, "/").strip(" ,;") for p in _SLASH.split(protected)]
    if len(parts) < 2 or not all(parts) or not all(_CLOCK.search(p) or _ISO_INSTANT.search(p)
                                                   for p in parts):
        return None
    return parts


def _date_words(part: str) -> str:
    """What is left of a rendering once its clock time and zone label are taken out: the
    date as written, with its weekday and filler words ("on", commas)."""
    rest = _CLOCK.sub(" ", part, count=1)
    rest, _label = _find_zone(rest)
    return " ".join(rest.split()).strip(" ,;")


def parse_renderings(text: str, default_zone: str | tzinfo, *, allow_day: bool,
                     local_zone: str | tzinfo | None) -> ParsedTime | None:
    """Parse one instant written in several zones; ``None`` if ``text`` is not that shape.

    The result's ``renderings`` lists the parts as read (each with its date); raises
    :class:`InputError` when the renderings disagree or no date is given.
    """
    parts = split_renderings(text)
    if parts is None:
        return None
    dated = [p for p in parts if _has_date(p)]
    if not dated:
        raise InputError(f"{text!r} gives no date: write it once, e.g. '{parts[0]}/... on "
                         "Jan 30, 2025'")
    # The date written once (before, after or between the renderings) applies to all that
    # have none; if several renderings carry a date, each keeps its own.
    shared = _date_words(dated[0]) if len(dated) == 1 else None
    parsed: list[ParsedTime] = []
    for part in parts:
        if _has_date(part) or shared is None:
            candidate = part
        else:
            candidate = f"{part} {shared}"
        parsed.append(parse_when(candidate, default_zone, allow_day=allow_day,
                                 local_zone=local_zone))
    instants = {p.instant.astimezone(UTC) for p in parsed}
    if len(instants) > 1 or any(p.granularity != "instant" for p in parsed):
        readings = "; ".join(
            f"{p.text!r} = {p.instant.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
            if p.granularity == "instant" else f"{p.text!r} = a whole day" for p in parsed)
        raise InputError(f"the renderings of {text!r} disagree: {readings}; fix the one that "
                         "is wrong")
    first = parsed[0]
    warnings = tuple(dict.fromkeys(w for p in parsed for w in p.warnings))
    return ParsedTime(first.instant, text, first.zone, first.label, first.assumed_zone,
                      first.granularity, warnings, tuple(p.text for p in parsed))
