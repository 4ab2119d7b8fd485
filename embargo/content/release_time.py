"""A release's own embargo line: "EMBARGOED UNTIL 5:00 p.m. ET, Thursday, May 22, 2025".

Press releases circulated ahead of time say when they become public.  When neither the
command line nor front matter gives a publication time, that line is the best statement of
when the item will be published, better than the date an e-mail was sent.
"""

from __future__ import annotations

import re

from embargo.errors import InputError
from embargo.patterns import lazy
from embargo.timeparse import ParsedTime, months, parse_when

_LINE = lazy(
    r"^[\W_]{0,6}(?:strictly\s+)?(?:under\s+)?embargo(?:ed)?\s*(?:until|till|for release"
    r"(?:\s+until)?|for publication|release|to|:)\s*[:\-–—]?\s*(?P<when>[^\n]{6,90})$",
    re.IGNORECASE | re.MULTILINE)
_MONTHS = months.PATTERN
_DATE = lazy(rf"\b(?P<m1>{_MONTHS})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
                   rf"(?P<y1>\d{{4}})\b|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTHS})"
                   rf",?\s+(?P<y2>\d{{4}})\b|\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b", re.I)
_TIME = lazy(r"\b(?P<h>\d{1,2})(?::(?P<min>\d{2}))?\s*(?P<ap>[ap]\.?\s?m\.?)?"
                   r"(?:\s*(?P<zone>[A-Z]{2,5}|noon|midnight)\b)?", re.I)


def declared_release(text: str, default_zone: str) -> ParsedTime | None:
    """The instant an "Embargoed until …" line near the top of ``text`` names, if readable."""
    head = "\n".join(text.splitlines()[:25])
    for m in _LINE.finditer(head):
        pt = _parse(m.group("when"), default_zone)
        if pt is not None:
            return pt
    return None


def _parse(raw: str, default_zone: str) -> ParsedTime | None:
    s = re.sub(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b,?|\bat\b", " ", raw, flags=re.I)
    s = s.replace("12 noon", "12:00 PM").replace("noon", "12:00 PM")
    d = _DATE.search(s)
    if d is None:
        return None
    if d.group("iso"):
        date_text = d.group("iso")
    elif d.group("m1"):
        date_text = f"{d.group('m1').rstrip('.')} {d.group('d1')}, {d.group('y1')}"
    else:
        date_text = f"{d.group('m2').rstrip('.')} {d.group('d2')}, {d.group('y2')}"
    rest = s[:d.start()] + " " + s[d.end():]
    for t in _TIME.finditer(rest):
        if not (t.group("min") or t.group("ap")):
            continue
        ap = (t.group("ap") or "").replace(".", "").replace(" ", "").upper()
        clock = f"{t.group('h')}:{t.group('min') or '00'}" + (f" {ap}" if ap else "")
        zone = t.group("zone") or ""
        if zone.lower() in ("noon", "midnight"):
            zone = ""
        try:
            return parse_when(f"{date_text} {clock} {zone}".strip(), default_zone)
        except InputError:
            return None
    return None
