"""The JSON of ``embargo when --format json`` (and of the service's ``GET /v1/when/{id}``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from embargo.timeparse import iso

if TYPE_CHECKING:
    from embargo.api import WhenRow
    from embargo.policy.schema import Policy


def when_json(rows: Sequence[WhenRow], policy: Policy) -> dict[str, Any]:
    """For one abstract: per kind and tier, the rule and when the tier is free."""
    a = rows[0].abstract
    doc: dict[str, Any] = {
        "abstract": a.id, "title": a.title, "meeting": a.meeting,
        "meeting_name": policy.meeting.name, "zone": policy.meeting.zone,
        "source": policy.source, "kinds": {},
    }
    for r in rows:
        ru = r.ruling
        b = ru.bounds
        entry: dict[str, Any] = {
            "rule": policy.rule_id(ru.rule) if ru.rule else None,
            "action": ru.action,
            "lifts_at": iso(b.exact) if b and b.exact else None,
            "free_from": iso(ru.free_from),
            "not_before": iso(b.lower) if b and b.exact is None else None,
            "not_after": iso(b.upper) if b and b.exact is None else None,
            "known": bool(b and b.exact is not None) or ru.action in ("allow", "never"),
            "explanation": ru.rule.explanation if ru.rule else None,
            "notes": list(dict.fromkeys(ru.notes)),
        }
        if ru.override:
            entry["override"] = ru.override
        if ru.start is not None:
            entry["embargo_starts"] = {"not_before": iso(ru.start.lower),
                                       "not_after": iso(ru.start.upper)}
        name = r.tier.value if r.material is None else f"{r.tier.value}:{r.material}"
        doc["kinds"].setdefault(r.kind.value, {})[name] = entry
    return doc
