"""One function per result.  The API renders each result as JSON (the CLI's own formats where
the CLI has one) and the page renders the very same result as HTML: nothing a person sees is
missing from the API, and the two cannot drift apart."""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from embargo.api import Embargo
from embargo.catalog.records import abstract_to_record
from embargo.errors import InputError
from embargo.model import Judgement, Kind
from embargo.policy.schedule import LiftGroup, all_lifts, group_lifts
from embargo.reports.formats import RenderContext, get_format, render_context
from embargo.reports.when import when_json
from embargo.timeparse import format_instant, get_zone, iso
from embargo.web.errors import ApiError
from embargo.web.inputs import CheckInput

MEDIA_TYPES = {"json": "application/json", "text": "text/plain; charset=utf-8",
               "sarif": "application/sarif+json", "junit": "application/xml",
               "html": "text/html; charset=utf-8"}
REQUEST_FIELDS = {"kind", "at", "meeting", "abstracts", "--at", "--kind", "zone",
                  "input_format"}


# ------------------------------------------------------------------ check


@dataclass(frozen=True)
class CheckResult:
    judgement: Judgement
    ctx: RenderContext

    def render(self, fmt: str) -> str:
        """Exactly what ``embargo check --format FMT`` prints for the same draft."""
        return get_format(fmt).render([self.judgement], self.ctx) + "\n"


def check(emb: Embargo, inp: CheckInput) -> CheckResult:
    """Judge one draft as ``embargo check`` does (flags win over front matter)."""
    if inp.at is not None:
        try:
            emb.instant(inp.at)
        except InputError as e:
            raise ApiError(400, e.message, "at") from None
    try:
        j = emb.check_bytes(inp.raw, inp.source, fmt=inp.input_format, kind=inp.kind,
                            at=inp.at, meeting=inp.meeting, abstracts=list(inp.abstracts))
    except InputError as e:
        status = 400 if e.key in REQUEST_FIELDS else 422
        raise ApiError.from_input(e, status, "text" if status == 422 and not e.key else None
                                  ) from None
    label = "your browser" if inp.zone else "configured"
    ctx = render_context([j], emb.policies, emb.config.timezone, reader_zone=inp.zone,
                         zone_label=label)
    return CheckResult(j, ctx)


# ------------------------------------------------------------------ when, policies, abstracts


def when(emb: Embargo, abstract_id: str, kind: str | None) -> dict[str, Any]:
    """What ``embargo when ID --format json`` prints."""
    if kind is not None and kind not in {k.value for k in Kind}:
        raise ApiError(400, f"unknown kind {kind!r}; use one of "
                       f"{', '.join(k.value for k in Kind)}", "kind")
    if ":" not in abstract_id:
        raise ApiError(400, f"{abstract_id!r} is not an abstract id: write MEETING:NUMBER, "
                       "e.g. acr-2024:1709", "abstract_id")
    if emb.catalog.get(abstract_id) is None:
        raise ApiError(404, f"unknown abstract {abstract_id!r}: not in the catalogue",
                       "abstract_id")
    try:
        rows = emb.when(abstract_id, kind)
    except InputError as e:
        raise ApiError.from_input(e, 404, "abstract_id") from None
    return when_json(rows, emb.policies.require(rows[0].abstract.meeting))


def policies(emb: Embargo) -> dict[str, Any]:
    return {"policies": [_policy_summary(p) for p in emb.policies]}


def _policy_summary(p: Any) -> dict[str, Any]:
    m = p.meeting
    return {"id": m.id, "name": m.name, "zone": m.zone, "venue": m.venue,
            "starts": m.starts.isoformat() if m.starts else None,
            "ends": m.ends.isoformat() if m.ends else None, "sources": list(m.sources),
            "rules": len(p.rules)}


def policy(emb: Embargo, meeting_id: str) -> dict[str, Any]:
    """One policy: its meeting, its rules, and the whole of it in plain words."""
    from embargo.policy.explain import explain

    p = emb.policies.get(meeting_id)
    if p is None:
        raise ApiError(404, f"no policy for meeting {meeting_id!r} (loaded: "
                       f"{', '.join(emb.policies.ids()) or 'none'})", "meeting_id")
    doc = _policy_summary(p)
    doc.pop("rules")
    doc.update({
        "organiser": p.meeting.organiser, "aliases": list(p.meeting.aliases),
        "consequences": p.meeting.consequences,
        "rules": [{"id": p.rule_id(r), "action": r.action,
                   "tiers": sorted(t.value for t in r.tiers),
                   "kinds": sorted(k.value for k in r.kinds),
                   "labels": sorted(r.tags), "explanation": r.explanation,
                   "source": r.source} for r in p.rules],
        "explanation": explain(p),
    })
    return doc


def abstracts(emb: Embargo, q: str, meeting: str | None, limit: int) -> dict[str, Any]:
    """What ``embargo abstracts search Q --format json`` prints."""
    hits = emb.catalog.search(q, meeting=meeting, limit=limit)
    return {"results": [{**abstract_to_record(a), "score": round(s, 3)} for a, s in hits]}


def abstract(emb: Embargo, abstract_id: str) -> dict[str, Any]:
    a = emb.catalog.get(abstract_id)
    if a is None:
        raise ApiError(404, f"unknown abstract {abstract_id!r}: not in the catalogue",
                       "abstract_id")
    return abstract_to_record(a)


# ------------------------------------------------------------------ lifts and the calendar


@dataclass(frozen=True)
class Lifts:
    """A meeting's lifts (meeting-wide and per catalogued abstract), grouped by instant."""

    meeting: str
    meeting_name: str
    zone: str
    groups: tuple[LiftGroup, ...]
    problems: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()


def lifts(emb: Embargo, meeting: str, kinds: Sequence[str] = (),
          cache: dict[Any, Any] | None = None) -> Lifts:
    p = emb.policies.get(meeting)
    if p is None:
        raise ApiError(404, f"no policy for meeting {meeting!r} (loaded: "
                       f"{', '.join(emb.policies.ids()) or 'none'})", "meeting")
    try:
        kind_list = [Kind(k) for k in kinds] if kinds else None
    except ValueError:
        raise ApiError(400, f"unknown kind among {', '.join(kinds)}; use "
                       f"{', '.join(k.value for k in Kind)}", "kind") from None
    key = ("lifts", meeting, tuple(sorted(kinds)))
    if cache is not None and key in cache:
        found: Lifts = cache[key]
        return found
    problems: list[tuple[str, str]] = []
    events = all_lifts([p], emb.catalog.iter_all(meeting), kinds=kind_list, errors=problems)
    groups = tuple(group_lifts(events))
    out = Lifts(meeting, p.meeting.name, p.meeting.zone, groups, tuple(problems),
                tuple(p.meeting.sources))
    if cache is not None:
        cache[key] = out
    return out


def group_json(g: LiftGroup) -> dict[str, Any]:
    return {
        "meeting": g.meeting, "zone": g.zone, "at": iso(g.at),
        "not_before": iso(g.lower) if g.at is None else None,
        "not_after": iso(g.upper) if g.at is None else None,
        "day": g.day.isoformat() if g.day else None, "exact": g.exact,
        "free_from": iso(g.when), "label": g.label, "description": g.description(),
        "abstracts": list(g.abstracts), "meeting_wide": g.meeting_wide,
        "tiers": [t.value for t in g.tiers], "kinds": sorted(k.value for k in g.kinds),
        "rules": list(g.rules), "events": [e.to_json() for e in g.events],
    }


def lifts_json(ls: Lifts) -> dict[str, Any]:
    return {"meeting": ls.meeting, "meeting_name": ls.meeting_name, "zone": ls.zone,
            "lifts": [group_json(g) for g in ls.groups],
            "problems": [{"abstract": a, "error": m} for a, m in ls.problems]}


@dataclass
class Day:
    day: date
    in_month: bool
    entries: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Month:
    title: str
    weeks: list[list[Day]]
    count: int


def local_day(g: LiftGroup) -> date | None:
    if g.day is not None:
        return g.day
    w = g.when
    return w.astimezone(get_zone(g.zone)).date() if w is not None else None


def months(ls: Lifts, reader_zone: str | None) -> tuple[list[Month], list[dict[str, Any]]]:
    """The lifts as month grids in the venue's calendar (weeks from Monday), and the lifts
    that have no date at all."""
    by_day: dict[date, list[dict[str, Any]]] = {}
    undated: list[dict[str, Any]] = []
    for g in ls.groups:
        entry = {"g": g, "json": group_json(g), "venue": _clock(g, ls.zone),
                 "reader": format_instant(g.when, reader_zone, utc=False)
                 if g.when is not None and reader_zone else None}
        d = local_day(g)
        if d is None:
            undated.append(entry)
        else:
            by_day.setdefault(d, []).append(entry)
    out: list[Month] = []
    cal = _calendar.Calendar(firstweekday=0)
    for y, m in sorted({(d.year, d.month) for d in by_day}):
        weeks = [[Day(d, d.month == m, by_day.get(d, []) if d.month == m else [])
                  for d in week] for week in cal.monthdatescalendar(y, m)]
        count = sum(len(v) for d, v in by_day.items() if (d.year, d.month) == (y, m))
        out.append(Month(f"{_calendar.month_name[m]} {y}", weeks, count))
    return out, undated


def _clock(g: LiftGroup, zone: str) -> str:
    if g.at is not None:
        return g.at.astimezone(get_zone(zone)).strftime("%H:%M %Z")
    if g.day is not None:
        return "during the day"
    if g.upper is not None:
        return "by " + g.upper.astimezone(get_zone(zone)).strftime("%H:%M %Z")
    return "time unknown"


def reader_time(dt: datetime | None, zone: str | None) -> str | None:
    return format_instant(dt, zone, utc=False) if dt is not None and zone else None
