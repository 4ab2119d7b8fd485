"""``embargo report``: what needed attention in a period, from the daemon's state.

:func:`build_report` makes one JSON-able document; the ``report.txt.j2`` and
``report.html.j2`` templates render it, and ``--send`` stores it in the outbox as the payload
of a ``report`` alert (so a retried delivery sends the same report).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from embargo.config import Config
from embargo.policy.loader import PolicySet
from embargo.state.base import FeedStatus, ItemRecord, OutboxSummary, StateStore

GROUP_WORDS = {"violation": "Violations", "review": "Needs review", "pass": "Passing now"}
ORDER = {"violation": 0, "review": 1, "pass": 2}


def feed_label(key: str, config: Config) -> tuple[str, bool]:
    """A feed's name for people, and whether it is still configured.  The daemon stores
    feeds under their URL (``feed:`` prefix optional) and draft folders as ``drafts:PATH``."""
    for f in config.feeds:
        if key in (f.url, f"feed:{f.url}"):
            return f.label, True
    for d in config.drafts:
        if key in (str(d.path), f"drafts:{d.path}"):
            return f"drafts {d.path}", True
    return key.removeprefix("feed:"), False


def feed_json(f: FeedStatus, config: Config) -> dict[str, Any]:
    name, configured = feed_label(f.feed_key, config)
    return {
        "key": f.feed_key, "name": name, "url": f.feed_key.removeprefix("feed:"),
        "configured": configured, "ok": f.ok,
        "last_poll_at": _iso(f.last_poll_at), "last_success_at": _iso(f.last_success_at),
        "last_error": f.last_error, "last_error_at": _iso(f.last_error_at),
        "http_status": f.http_status, "entries": f.last_entries,
        "new_entries": f.last_new_entries, "entries_seen": f.entries_seen,
        "consecutive_failures": f.consecutive_failures, "polls": f.polls,
        "failures": f.failures,
        "every_seconds": f.every.total_seconds() if f.every is not None else None,
        "next_poll_at": _iso(f.next_poll_at), "leased_by": f.leased_by,
        "lease_until": _iso(f.lease_until), "polled_by": f.polled_by,
    }


def outbox_json(s: OutboxSummary) -> dict[str, Any]:
    return {"pending": s.pending, "waiting_digest": s.waiting_digest, "failing": s.failing,
            "delivered": s.delivered, "delivered_messages": s.delivered_messages,
            "oldest_pending_at": _iso(s.oldest_pending_at),
            "by_channel": {k: dict(v) for k, v in s.by_channel.items()}}


def _iso(dt: datetime | None) -> str | None:
    from embargo.timeparse import iso

    return iso(dt)


def _meeting_of(item: ItemRecord) -> str | None:
    return item.meetings[0] if item.meetings else None


def _item_json(item: ItemRecord, config: Config) -> dict[str, Any]:
    j = item.judgement
    findings = [f for f in j.get("findings", []) if isinstance(f, Mapping)
                and f.get("verdict", "pass") != "pass"]
    if not findings:
        findings = [f for f in j.get("findings", []) if isinstance(f, Mapping)]
    name, _ = feed_label(item.source_key, config)
    titles = {a.get("id"): a.get("title") for a in [*j.get("abstracts", []),
                                                     *j.get("candidates", [])]
              if isinstance(a, Mapping)}
    return {
        "id": item.id, "source_key": item.source_key, "source_label": name,
        "item_key": item.item_key, "title": item.title or j.get("title"),
        "link": item.link, "source": j.get("source"), "kind": j.get("kind"),
        "published_at": _iso(item.published_at) or j.get("published_at"),
        "first_seen_at": _iso(item.first_seen_at), "changed_at": _iso(item.changed_at),
        "verdict": item.verdict, "earliest_compliant": j.get("earliest_compliant"),
        "findings": [{**f, "abstract_title": titles.get(f.get("abstract"))} for f in findings],
    }


def build_report(state: StateStore | None, config: Config, policies: PolicySet, *,
                 since: datetime, until: datetime,
                 verdicts: Sequence[str] = ("violation", "review")) -> dict[str, Any]:
    """Items whose judgement changed in ``[since, until]`` and whose verdict is one of
    ``verdicts``, grouped by meeting and verdict; with feed health and the outbox."""
    items = state.items(since=since, verdicts=list(verdicts)) if state is not None else []
    items = [i for i in items if i.changed_at <= until]
    meetings: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    for item in items:
        mid = _meeting_of(item) or "-"
        policy = policies.get(mid)
        entry = meetings.setdefault(mid, {
            "id": mid, "name": policy.meeting.name if policy else
            ("No known meeting" if mid == "-" else mid),
            "zone": policy.meeting.zone if policy else config.timezone,
            "source": policy.source if policy else None, "groups": {}})
        entry["groups"].setdefault(item.verdict, []).append(_item_json(item, config))
        counts[item.verdict] = counts.get(item.verdict, 0) + 1
    out_meetings = []
    for mid in sorted(meetings, key=lambda k: (k == "-", meetings[k]["name"])):
        e = meetings[mid]
        groups = [{"name": v, "words": GROUP_WORDS.get(v, v), "items": e["groups"][v]}
                  for v in sorted(e["groups"], key=lambda v: ORDER.get(v, 9))]
        out_meetings.append({**{k: e[k] for k in ("id", "name", "zone", "source")},
                             "groups": groups})
    feeds = [feed_json(f, config) for f in state.feeds()] if state is not None else []
    outbox = outbox_json(state.outbox_summary()) if state is not None else outbox_json(
        OutboxSummary())
    return {
        "type": "report", "title": "embargo report", "since": since.isoformat(),
        "until": until.isoformat(), "zone": config.timezone, "meetings": out_meetings,
        "counts": counts, "total": len(items), "feeds": feeds, "outbox": outbox,
        "state": state.describe() if state is not None else str(config.state),
        "state_found": state is not None,
    }
