"""Turn one raw catalogue record (a dict from JSONL, CSV or an HTML page) into an Abstract.

Every error names the key; the importer adds the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from embargo.errors import InputError
from embargo.model import CATEGORIES, Abstract, Session, Tier
from embargo.patterns import lazy
from embargo.timeparse import parse_when

NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]*$")
MEETING = re.compile(r"^[a-z0-9][a-z0-9\-]*[a-z0-9]$")
KNOWN_KEYS = {
    "meeting", "number", "title", "authors", "body", "keywords", "category", "session",
    "online_at", "url", "trial_ids", "events", "lifts", "tags", "exceptions", "id",
}
#: Further keys some importers fill (kept under ``extra``, not reported as unknown).
DOCUMENTED_EXTRA = {
    "affiliations", "meeting_name", "disclosures", "session_type", "session_date",
    "session_time",
}
TRIAL_ID = lazy(
    r"\b(?:NCT\d{8}|ISRCTN\d{8}|EudraCT\s?\d{4}-\d{6}-\d{2}|\d{4}-\d{6}-\d{2}-\d{2}|"
    r"ACTRN\d{14}|ChiCTR[-\w]{6,20}|jRCT\w{8,12}|CTRI/\d{4}/\d{2,3}/\d{6}|DRKS\d{8}|"
    r"KCT\d{7}|UMIN\d{9})\b",
    re.IGNORECASE,
)

ZoneLookup = Callable[[str], str | None]
_EVENT_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_EVENT_LIFT = re.compile(r"^[a-z][a-z0-9_]*\??(\s*[+-].*)?$")
_TIERS = frozenset(t.value for t in Tier)
_SESSION_KEYS = frozenset({"title", "start", "end", "type", "date"})


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        parts = re.split(r"\s*;\s*", value) if ";" in value else re.split(r"\s*,\s*", value)
        return tuple(p for p in (x.strip() for x in parts) if p)
    if isinstance(value, list):
        if all(type(v) is str for v in value):  # the common case
            return tuple(filter(None, map(str.strip, value)))
        out: list[str] = []
        for v in value:
            if isinstance(v, str):
                if v.strip():
                    out.append(v.strip())
            elif isinstance(v, dict) and isinstance(v.get("name"), str):
                out.append(v["name"].strip())
            else:
                raise InputError("must be a list of strings", key=key)
        return tuple(out)
    raise InputError("must be a list of strings", key=key)


def _instant(value: Any, key: str, zone: str | None) -> datetime:
    if not isinstance(value, str) or not value.strip():
        raise InputError("must be a date and time such as 2024-10-25T12:00:00-04:00", key=key)
    if "T" in value and value[:4].isdigit():
        try:  # the common case, ISO 8601 with an offset: no need for the full parser
            fast = datetime.fromisoformat(value.strip())
        except ValueError:
            fast = None
        if fast is not None and fast.utcoffset() is not None:
            return fast
    try:
        p = parse_when(value, zone or "UTC", local_zone=zone)
    except InputError as e:
        raise InputError(e.message, key=key) from None
    if p.assumed_zone and zone is None:
        raise InputError(f"{value!r} has no zone and no policy says the meeting's zone: "
                         "write an offset, e.g. 2024-10-25T12:00:00-04:00", key=key)
    return p.instant


def record_to_abstract(rec: Mapping[str, Any], zone_for: ZoneLookup | None = None) -> Abstract:
    """Validate ``rec`` and build the Abstract.  Raises ``InputError`` naming the key."""
    if not isinstance(rec, Mapping):
        raise InputError("each record must be a JSON object")
    for req in ("meeting", "number", "title"):
        v = rec.get(req)
        if v is None or (isinstance(v, str) and not v.strip()):
            raise InputError(f"missing required key {req!r}", key=req)
    meeting = str(rec["meeting"]).strip()
    if not MEETING.match(meeting):
        raise InputError(f"{meeting!r} is not a meeting id such as 'acr-2024'", key="meeting")
    number = str(rec["number"]).strip()
    if isinstance(rec["number"], float) or not NUMBER.match(number):
        raise InputError(f"{rec['number']!r} is not an abstract number; write it as a string "
                         "exactly as printed, e.g. \"0645\" or \"L12\"", key="number")
    if not isinstance(rec["title"], str):
        raise InputError("must be a string", key="title")
    zone = zone_for(meeting) if zone_for else None
    category = rec.get("category")
    if category in ("", None):
        category = None
    elif category not in CATEGORIES:
        raise InputError(f"unknown category {category!r}; use one of {', '.join(CATEGORIES)}",
                         key="category")
    session = None
    if rec.get("session") not in (None, ""):
        s = rec["session"]
        if not isinstance(s, Mapping):
            raise InputError("must be an object with title, start, end", key="session")
        bad = set(s) - _SESSION_KEYS
        if bad:
            raise InputError(f"unknown key {sorted(bad)[0]!r} in session; allowed: title, "
                             "start, end, type", key="session")
        session = Session(
            title=str(s["title"]) if s.get("title") else None,
            start=_instant(s["start"], "session.start", zone) if s.get("start") else None,
            end=_instant(s["end"], "session.end", zone) if s.get("end") else None,
        )
        if session.start and session.end and session.end < session.start:
            raise InputError("session ends before it starts", key="session.end")
    events: dict[str, datetime] = {}
    raw_events = rec.get("events") or {}
    if not isinstance(raw_events, Mapping):
        raise InputError("must be an object of event name -> time", key="events")
    for name, v in raw_events.items():
        if not _EVENT_NAME.match(str(name)):
            raise InputError(f"event name {name!r}: use lower-case letters, digits and _",
                             key=f"events.{name}")
        events[str(name)] = _instant(v, f"events.{name}", zone)
    lifts: dict[str, str] = {}
    raw_lifts = rec.get("lifts") or {}
    if not isinstance(raw_lifts, Mapping):
        raise InputError("must be an object of tier -> time or event name", key="lifts")
    for tier, v in raw_lifts.items():
        if tier not in _TIERS:
            raise InputError(f"unknown tier {tier!r}; use one of {', '.join(sorted(_TIERS))}",
                             key=f"lifts.{tier}")
        if not isinstance(v, str) or not v.strip():
            raise InputError("must be a time or an event name", key=f"lifts.{tier}")
        if not _EVENT_LIFT.match(v.strip()):
            _instant(v, f"lifts.{tier}", zone)  # validate now; kept as written
        lifts[str(tier)] = v.strip()
    trial_ids = tuple(t.upper() if t.upper().startswith("NCT") else t
                      for t in _strings(rec.get("trial_ids"), "trial_ids"))
    online_at = _instant(rec["online_at"], "online_at", zone) if rec.get("online_at") else None
    url = rec.get("url")
    if url is not None and not isinstance(url, str):
        raise InputError("must be a string", key="url")
    body = rec.get("body") or ""
    if not isinstance(body, str):
        raise InputError("must be a string", key="body")
    extra = {k: v for k, v in rec.items() if k not in KNOWN_KEYS}
    return Abstract(
        meeting=meeting, number=number, title=" ".join(rec["title"].split()),
        authors=_strings(rec.get("authors"), "authors"), body=body.strip(),
        keywords=_strings(rec.get("keywords"), "keywords"), category=category,
        tags=_strings(rec.get("tags"), "tags"), session=session, online_at=online_at,
        url=url or None, trial_ids=trial_ids, events=events, lifts=lifts,
        exceptions=_strings(rec.get("exceptions"), "exceptions"), extra=extra,
    )


def abstract_to_record(a: Abstract) -> dict[str, Any]:
    """The JSONL form of an abstract (what ``abstracts show --format json`` prints)."""
    out: dict[str, Any] = {"id": a.id, "meeting": a.meeting, "number": a.number,
                           "title": a.title}
    if a.authors:
        out["authors"] = list(a.authors)
    if a.body:
        out["body"] = a.body
    if a.keywords:
        out["keywords"] = list(a.keywords)
    if a.category:
        out["category"] = a.category
    if a.tags:
        out["tags"] = list(a.tags)
    if a.session:
        out["session"] = {k: v for k, v in (
            ("title", a.session.title),
            ("start", a.session.start.isoformat() if a.session.start else None),
            ("end", a.session.end.isoformat() if a.session.end else None)) if v}
    if a.online_at:
        out["online_at"] = a.online_at.isoformat()
    if a.url:
        out["url"] = a.url
    if a.trial_ids:
        out["trial_ids"] = list(a.trial_ids)
    if a.events:
        out["events"] = {k: v.isoformat() for k, v in a.events.items()}
    if a.lifts:
        out["lifts"] = dict(a.lifts)
    if a.exceptions:
        out["exceptions"] = list(a.exceptions)
    if a.extra:
        out["extra"] = dict(a.extra)
    return out
