"""From judgements and lifts to outbox rows: one row per finding (or notice) and channel.

Dedupe keys say what the alert is about, never when it was made, so the same finding of the
same item gives the same key on every poll and after every restart:

``finding|<source_key>|<item_key>|<abstract>|<tier>|<rule>|<verdict>``

An item that *becomes* a violation (it was ``review``, or a new finding appears) gets a new key
and therefore a new alert; an unchanged finding never alerts twice.  Findings that name no
abstract, tier or rule (e.g. "names the meeting but no catalogued abstract") add a short hash
of their message to tell them apart.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from embargo.alerts.channels import configured_channels
from embargo.config import Config
from embargo.model import Finding, Judgement, Tier, Verdict
from embargo.reports.formats.json import finding_json
from embargo.reports.formats.text import advice as draft_advice
from embargo.state.base import NewAlert
from embargo.timeparse import format_instant, iso

if TYPE_CHECKING:
    from embargo.policy.loader import PolicySet
    from embargo.policy.schedule import LiftEvent, LiftGroup

TIER_WORDS = {
    Tier.EXISTENCE: "the existence of the abstract (title, authors, slot)",
    Tier.ABSTRACT: "the abstract's content",
    Tier.BEYOND: "content beyond the abstract (new data, quotes, commentary)",
    Tier.MATERIAL: "presentation material (slides, posters, images, recordings)",
}


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def finding_key(source_key: str, item_key: str, f: Finding) -> str:
    """The dedupe key of one finding of one item (see the module docstring)."""
    parts = ["finding", source_key, item_key, f.abstract or "-",
             f.tier.value if f.tier else "-", f.rule or "-", f.verdict.value]
    if not f.abstract and not f.rule and not f.tier:
        parts.append(_short_hash(" ".join(f.message.split())))
    return "|".join(parts)


def meeting_of(f: Finding) -> str | None:
    if f.abstract and ":" in f.abstract:
        return f.abstract.split(":", 1)[0]
    if f.rule and "/" in f.rule:
        return f.rule.split("/", 1)[0]
    return None


@functools.lru_cache(maxsize=8)
def _loaded_policies(paths: tuple[str, ...]) -> PolicySet | None:
    from embargo.policy.loader import PolicySet

    try:
        return PolicySet.load(paths)
    except Exception:  # display only: a broken policy folder is reported elsewhere
        return None


def _meeting_info(meeting: str | None, policies: PolicySet | None, config: Config
                  ) -> dict[str, Any]:
    if policies is None and meeting:
        policies = _loaded_policies(tuple(str(p) for p in config.policies))
    policy = policies.get(meeting) if (policies is not None and meeting) else None
    if policy is None:
        return {"id": meeting, "name": meeting or "no meeting", "zone": config.timezone,
                "source": None, "consequences": None}
    m = policy.meeting
    return {"id": m.id, "name": m.name, "zone": m.zone, "source": policy.source,
            "consequences": m.consequences}


def _abstract_info(j: Judgement, abstract_id: str | None) -> dict[str, Any] | None:
    if not abstract_id:
        return None
    for link in (*j.item.links, *j.item.candidates):
        a = link.abstract
        if a.id == abstract_id:
            return {"id": a.id, "title": a.title, "url": a.url,
                    "session": a.session.title if a.session else None,
                    "session_start": iso(a.session.start) if a.session else None,
                    "confidence": round(link.confidence, 3),
                    "link_evidence": "; ".join(link.evidence)}
    return {"id": abstract_id, "title": None, "url": None, "session": None,
            "session_start": None, "confidence": None, "link_evidence": None}


def what_to_do(j: Judgement, f: Finding, *, origin: str, zone: str) -> str:
    """Plain advice for one not-ok finding of an item from a feed or a draft folder."""
    lift = format_instant(f.lifts_at, zone) if f.lifts_at is not None else None
    if origin == "draft":
        return draft_advice(j, zone)
    if f.verdict is Verdict.VIOLATION:
        out = ("This was published while the content is still under embargo. Contact the "
               "publisher and ask them to take it down")
        out += f" or hold it until {lift}." if lift else "."
        out += " Tell the meeting's press office if its policy asks you to report breaches."
        return out
    if lift:
        return (f"Check by hand whether this breaks the embargo; it is certainly free from "
                f"{lift}.")
    return "Check by hand whether this breaks the embargo: embargo could not decide."


def item_info(j: Judgement, *, source_key: str, item_key: str, link: str | None,
              source_label: str | None, origin: str) -> dict[str, Any]:
    item = j.item
    return {
        "source_key": source_key, "item_key": item_key, "source": item.source,
        "source_label": source_label or source_key, "origin": origin,
        "title": item.title, "link": link, "kind": item.kind.kind.value,
        "kind_source": item.kind.source, "published_at": iso(item.published_at),
        "published_at_note": item.published_at_note, "verdict": j.verdict.value,
        "earliest_compliant": iso(j.earliest_compliant),
    }


def _subject(j: Judgement, f: Finding, meeting_name: str) -> str:
    title = j.item.title or j.item.source
    what = f.abstract or meeting_name
    return f"{f.verdict.value.upper()}: {title} ({what})"


def alerts_for_judgement(judgement: Judgement, *, source_key: str, item_key: str,
                         link: str | None, config: Config,
                         policies: PolicySet | None = None, origin: str = "feed",
                         source_label: str | None = None) -> list[NewAlert]:
    """One alert per channel and finding that is not ok, routed by the channel's config.

    ``origin`` is ``feed`` (already published: the advice is to get it taken down) or
    ``draft`` (not yet published: the advice is when it may go out).  ``policies`` gives the
    meeting's name and zone to the message (without it, the policies of the config are
    loaded once and cached).
    Verdicts in a channel's ``immediate`` list go at once; the rest wait for its digest (or
    are dropped when the channel has no digest).  Pass the result to
    :meth:`~embargo.state.base.StateStore.record_item` on every poll: the dedupe keys make
    that safe.
    """
    channels = configured_channels(config)
    if not channels:
        return []
    not_ok = [f for f in judgement.findings if not f.ok]
    if not not_ok:
        return []
    item = item_info(judgement, source_key=source_key, item_key=item_key, link=link,
                     source_label=source_label, origin=origin)
    context = [_finding_payload(judgement, g) for g in not_ok]
    out: list[NewAlert] = []
    for f in not_ok:
        meeting = meeting_of(f) or (judgement.item.meetings[0] if judgement.item.meetings
                                    else None)
        minfo = _meeting_info(meeting, policies, config)
        payload = {
            "type": "finding",
            "item": item,
            "finding": _finding_payload(judgement, f),
            "findings": context,  # every not-ok finding of the item at this time
            "meeting": minfo,
            "advice": what_to_do(judgement, f, origin=origin, zone=minfo["zone"]),
        }
        key = finding_key(source_key, item_key, f)
        for name, ch in channels.items():
            mode = ch.route.mode_for_verdict(f.verdict)
            if mode is None:
                continue
            out.append(NewAlert(
                channel=name, dedupe_key=key, kind="finding", mode=mode,
                subject=_subject(judgement, f, minfo["name"]), payload=payload,
                verdict=f.verdict.value, meeting=meeting, source_key=source_key,
                item_key=item_key, group_key=f"item|{source_key}|{item_key}"))
    return out


def _finding_payload(j: Judgement, f: Finding) -> dict[str, Any]:
    d = finding_json(f)
    d["tier_words"] = TIER_WORDS.get(f.tier, "") if f.tier else ""
    d["abstract_info"] = _abstract_info(j, f.abstract)
    return d


def notice_alerts(config: Config, *, kind: str, dedupe_key: str, subject: str,
                  payload: Mapping[str, Any], meeting: str | None = None,
                  source_key: str | None = None, item_key: str | None = None,
                  not_before: datetime | None = None, group_key: str | None = None
                  ) -> list[NewAlert]:
    """A notice (``lift``, ``lift-upcoming``, ``publishable`` or ``notice``) for every
    configured channel, routed by the channel's ``notices`` setting (default: at once).

    ``payload`` is yours; the bundled templates show ``payload["message"]`` (or ``text``) for
    any payload, and richer layouts for the payloads :func:`alerts_for_lift` and
    :func:`alerts_for_publishable` build.  Prefer those two where they fit.
    """
    out = []
    for name, ch in configured_channels(config).items():
        mode = "immediate" if kind == "notice" else ch.route.mode_for_notice(kind)
        if mode is None:
            continue
        out.append(NewAlert(channel=name, dedupe_key=dedupe_key, kind=kind, mode=mode,
                            subject=subject, payload=dict(payload), meeting=meeting,
                            source_key=source_key, item_key=item_key, group_key=group_key,
                            not_before=not_before))
    return out


def _event_payload(ev: LiftEvent) -> dict[str, Any]:
    return ev.to_json()


def alerts_for_lift(group: LiftGroup, *, config: Config, lead: timedelta | None = None
                    ) -> list[NewAlert]:
    """Notices for a lift (``lead=None``: it has happened) or one coming in ``lead``.

    Dedupe key ``lift|<group.key>|<lead or 'now'>``; record them with
    :meth:`~embargo.state.base.StateStore.announce_lift` under the same key so that a lift
    passed during downtime is announced once.  Use :func:`lift_announcement_key` for it.
    """
    kind = "lift" if lead is None else "lift-upcoming"
    when = group.when
    zone = group.zone
    when_text = format_instant(when, zone) if when is not None else "an unknown time"
    who = group.meeting_name + (f" {group.abstract}" if group.abstract else "")
    if lead is None:
        subject = f"LIFTED: {who} at {when_text}"
    else:
        subject = f"LIFT IN {_lead_words(lead)}: {who} at {when_text}"
    payload = {
        "type": kind,
        "lead": _lead_words(lead) if lead is not None else None,
        "lead_seconds": int(lead.total_seconds()) if lead is not None else None,
        "meeting": {"id": group.meeting, "name": group.meeting_name, "zone": zone},
        "abstract": group.abstract, "abstract_title": group.abstract_title,
        "session": group.session,
        "at": iso(group.at), "not_before": iso(group.lower), "not_after": iso(group.upper),
        "day": group.day.isoformat() if group.day else None,
        "when": iso(when), "summary": group.summary(),
        "events": [_event_payload(e) for e in group.events],
    }
    return notice_alerts(config, kind=kind, dedupe_key=lift_announcement_key(group, lead),
                   subject=subject, payload=payload, meeting=group.meeting,
                   group_key=f"lift|{group.meeting}|{iso(when)}|{kind}")


def lift_announcement_key(group: LiftGroup, lead: timedelta | None = None) -> str:
    """The key for :meth:`~embargo.state.base.StateStore.announce_lift` and the alerts'
    dedupe: one per lift group and lead."""
    lead_part = "now" if lead is None else f"{int(lead.total_seconds())}s"
    return f"lift|{group.key}|{lead_part}"


def _lead_words(lead: timedelta) -> str:
    s = int(lead.total_seconds())
    if s % 86400 == 0:
        return f"{s // 86400} day{'s' if s // 86400 != 1 else ''}"
    if s % 3600 == 0:
        return f"{s // 3600} h"
    if s % 60 == 0:
        return f"{s // 60} min"
    return f"{s} s"


def alerts_for_publishable(judgement: Judgement, *, source_key: str, item_key: str,
                           config: Config, policies: PolicySet | None = None,
                           link: str | None = None, source_label: str | None = None,
                           held_until: datetime | None = None) -> list[NewAlert]:
    """"May be published now": a held draft (one that was not compliant) now passes.

    Dedupe key ``publishable|<source_key>|<item_key>|<held_until>`` (``held_until`` is the
    ``earliest_compliant`` the draft was held for, when known), so each hold is announced once.
    """
    item = item_info(judgement, source_key=source_key, item_key=item_key, link=link,
                     source_label=source_label, origin="draft")
    meetings = list(judgement.item.meetings) or [m for f in judgement.findings
                                                  if (m := meeting_of(f))]
    meeting = meetings[0] if meetings else None
    minfo = _meeting_info(meeting, policies, config)
    title = judgement.item.title or judgement.item.source
    payload = {
        "type": "publishable", "item": item, "meeting": minfo,
        "held_until": iso(held_until),
        "findings": [_finding_payload(judgement, f) for f in judgement.findings],
        "advice": "Every embargo this draft touches has lifted: it may be published now "
                  "as it stands (re-check it if you edit it).",
    }
    return notice_alerts(config, kind="publishable",
                   dedupe_key=f"publishable|{source_key}|{item_key}|{iso(held_until) or '-'}",
                   subject=f"MAY BE PUBLISHED NOW: {title}", payload=payload, meeting=meeting,
                   group_key=f"publishable|{source_key}|{item_key}", source_key=source_key,
                   item_key=item_key)


def alerts_for_notice(*, config: Config, dedupe_key: str, subject: str, text: str,
                      meeting: str | None = None, data: Mapping[str, Any] | None = None
                      ) -> list[NewAlert]:
    """Anything else worth telling every channel (kind ``notice``, sent at once)."""
    payload = {"type": "notice", "text": text, "data": dict(data or {}),
               "meeting": {"id": meeting, "name": meeting, "zone": config.timezone}}
    return notice_alerts(config, kind="notice", dedupe_key=dedupe_key, subject=subject,
                         payload=payload, meeting=meeting)
