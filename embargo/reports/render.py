"""Messages and reports from jinja2 templates, rendered in jinja2's sandbox.

Feed titles, entries and drafts are untrusted: HTML templates (``*.html.j2``) are autoescaped,
so a ``<script>`` in a title shows as text; text templates are not escaped (plain text cannot
run anything) and headers are made single-line by the channels.  Templates live in
``embargo/reports/templates``; a folder named by ``templates`` in the config overrides any of
them by file name.  A user template that fails to render falls back to the bundled one (the
message still goes out) and the error is logged.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment

from embargo.config import Config
from embargo.reports.message import Message
from embargo.state.base import AlertRecord
from embargo.timeparse import format_instant, now_utc

log = logging.getLogger("embargo.alerts")

VERDICT_ORDER = {"violation": 0, "review": 1, "pass": 2}
VERDICT_COLOURS = {"violation": "#b42318", "review": "#b54708", "pass": "#067647"}
VERDICT_WORDS = {"violation": "Violation", "review": "Needs review", "pass": "Pass"}
TEMPLATE_FOR_KIND = {"finding": "alert", "lift": "lift", "lift-upcoming": "lift",
                     "publishable": "publishable", "digest": "digest", "report": "report",
                     "notice": "notice"}


def _autoescape(name: str | None) -> bool:
    return name is not None and (".html" in name or ".htm" in name)


def _parse(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    try:
        dt = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return dt if dt.tzinfo is not None else None


def safe_url(value: Any) -> str:
    """The URL when it is http(s) or mailto, else empty: an untrusted ``javascript:`` link
    must not become clickable."""
    if not isinstance(value, str):
        return ""
    url = value.strip()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme in ("http", "https", "mailto") and not any(c in url for c in "\r\n\t"):
        return url
    return ""


class Renderer:
    """Renders templates by name (``alert.txt.j2``) and outbox rows into :class:`Message`."""

    def __init__(self, config: Config) -> None:
        self.config = config
        bundled: BaseLoader = PackageLoader("embargo.reports", "templates")
        loaders: list[BaseLoader] = []
        if config.templates is not None:
            loaders.append(FileSystemLoader(str(config.templates)))
        loaders.append(bundled)
        self.env = self._env(ChoiceLoader(loaders))
        self.bundled_env = self._env(bundled) if config.templates is not None else self.env

    def _env(self, loader: BaseLoader) -> ImmutableSandboxedEnvironment:
        env = ImmutableSandboxedEnvironment(
            loader=loader, autoescape=_autoescape, undefined=StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        env.filters["when"] = self.when
        env.filters["utc"] = self.utc
        env.filters["safe_url"] = safe_url
        env.filters["verdict_colour"] = lambda v: VERDICT_COLOURS.get(str(v), "#344054")
        env.filters["verdict_words"] = lambda v: VERDICT_WORDS.get(str(v), str(v).title())
        env.globals["zone"] = self.config.timezone
        return env

    # ------------------------------------------------------------------ filters

    def when(self, value: Any, zone: str | None = None) -> str:
        """``Thu 14 Nov 2024 10:00 EST (15:00 UTC)`` in ``zone`` (default: the config's)."""
        dt = _parse(value)
        if dt is None:
            return "unknown"
        return format_instant(dt, zone or self.config.timezone)

    @staticmethod
    def utc(value: Any) -> str:
        dt = _parse(value)
        return "unknown" if dt is None else format_instant(dt, None)

    # ------------------------------------------------------------------ rendering

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        try:
            return self.env.get_template(name).render(**context)
        except TemplateError as e:
            if self.bundled_env is self.env:
                raise
            log.error("template %s from %s failed (%s); using the bundled one", name,
                      self.config.templates, e)
            return self.bundled_env.get_template(name).render(**context)

    def pair(self, base: str, context: Mapping[str, Any]) -> tuple[str, str]:
        """(text, html) from ``<base>.txt.j2`` and ``<base>.html.j2``."""
        return self.render(f"{base}.txt.j2", context), self.render(f"{base}.html.j2", context)

    def message(self, records: Sequence[AlertRecord], *,
                members: Sequence[AlertRecord] = (), now: datetime | None = None,
                identity: str | None = None) -> Message:
        """One message for outbox rows that go together (same channel and group).

        ``members`` are the rows batched into a digest row (see
        :meth:`~embargo.state.base.StateStore.batch_members`); ``identity`` is the state's
        (:func:`embargo.alerts.outbox.state_identity`), part of the message key.
        """
        if not records:
            raise ValueError("nothing to render")
        now = now or now_utc()
        kind = records[0].kind
        base = TEMPLATE_FOR_KIND.get(kind, "notice")
        if not all(_has_layout(r) for r in records):
            base = "notice"  # a payload of another shape: its message or text is shown
        ids = tuple(sorted(r.id for r in records))
        key = message_key(kind, ids, identity)
        if kind == "digest":
            context = digest_context(records[0], members, self.config)
        elif kind == "report":
            context = dict(records[0].payload)
        elif kind == "finding":
            context = finding_context(records)
        else:
            context = {"notices": [dict(r.payload) for r in records],
                       "notice": dict(records[0].payload)}
        context = {**context, "kind": kind, "generated_at": now.isoformat(),
                   "subject": subject_for(records, members)}
        text, html = self.pair(base, context)
        verdicts = [r.verdict for r in (*records, *members) if r.verdict]
        worst = min(verdicts, key=lambda v: VERDICT_ORDER.get(v, 9)) if verdicts else None
        data: dict[str, Any] = {"alerts": [_record_json(r) for r in records]}
        if members:
            data["members"] = [_record_json(m) for m in members]
        return Message(key=key, kind=kind, subject=context["subject"], text=text, html=html,
                       data=data, alert_ids=ids, created_at=now, verdict=worst)


_LAYOUT_KEYS = {"finding": ("item", "finding"), "lift": ("summary", "events", "meeting"),
                "lift-upcoming": ("summary", "events", "meeting"),
                "publishable": ("item", "meeting", "findings")}


def _has_layout(r: AlertRecord) -> bool:
    """Whether the payload has the shape the kind's own template expects (the routing
    helpers make that shape; payloads built by hand fall back to the notice template)."""
    need = _LAYOUT_KEYS.get(r.kind)
    return need is None or all(k in r.payload for k in need)


def _record_json(r: AlertRecord) -> dict[str, Any]:
    return {"id": r.id, "kind": r.kind, "verdict": r.verdict, "meeting": r.meeting,
            "subject": r.subject, "created_at": r.created_at.isoformat(),
            "payload": dict(r.payload)}


def message_key(kind: str, ids: Iterable[int], identity: str | None = None) -> str:
    """Stable for the same rows of the same state: ``<kind>-<first id>-<hash of all
    ids>-<state identity>`` (row ids start at 1 in every state: the identity keeps two
    installations' keys apart)."""
    ids = sorted(ids)
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:10]
    return f"{kind}-{ids[0]}-{digest}" + (f"-{identity}" if identity else "")


def subject_for(records: Sequence[AlertRecord], members: Sequence[AlertRecord] = ()) -> str:
    first = records[0]
    if len(records) == 1:
        return first.subject
    if first.kind == "finding":
        verdicts = [r.verdict or "" for r in records]
        worst = min(verdicts, key=lambda v: VERDICT_ORDER.get(v, 9))
        title = first.payload.get("item", {}).get("title") or first.source_key or "an item"
        return f"{worst.upper()}: {title} ({len(records)} findings)"
    return f"{first.subject} (+{len(records) - 1} more)"


def finding_context(records: Sequence[AlertRecord]) -> dict[str, Any]:
    """Every finding row of one item: the item, its meeting, the new findings, advice."""
    ordered = sorted(records, key=lambda r: (VERDICT_ORDER.get(r.verdict or "", 9), r.id))
    first = ordered[0].payload
    new = [dict(r.payload.get("finding", {})) for r in ordered]
    new_keys = {(f.get("abstract"), f.get("tier"), f.get("rule")) for f in new}
    others = [f for f in first.get("findings", [])
              if (f.get("abstract"), f.get("tier"), f.get("rule")) not in new_keys]
    return {
        "item": dict(first.get("item", {})),
        "meeting": dict(first.get("meeting", {})),
        "findings": new,
        "other_findings": others,
        "advice": first.get("advice", ""),
        "verdict": ordered[0].verdict,
    }


def digest_context(record: AlertRecord, members: Sequence[AlertRecord], config: Config
                   ) -> dict[str, Any]:
    """Members grouped by meeting, then verdict (violation, review, pass, then notices)."""
    meetings: dict[str, dict[str, Any]] = {}
    for m in members:
        p = m.payload
        minfo = p.get("meeting") or {}
        mid = minfo.get("id") or m.meeting or "-"
        entry = meetings.setdefault(mid, {"id": mid, "name": minfo.get("name") or mid,
                                          "zone": minfo.get("zone") or config.timezone,
                                          "groups": {}})
        group = m.verdict if m.kind == "finding" and m.verdict else m.kind
        entry["groups"].setdefault(group, []).append({
            "id": m.id, "kind": m.kind, "verdict": m.verdict, "subject": m.subject,
            "created_at": m.created_at.isoformat(), **dict(p)})
    order = {"violation": 0, "review": 1, "pass": 2, "publishable": 3, "lift-upcoming": 4,
             "lift": 5}
    out = []
    for mid in sorted(meetings, key=lambda k: meetings[k]["name"]):
        e = meetings[mid]
        groups = [{"name": g, "words": _group_words(g), "entries": e["groups"][g]}
                  for g in sorted(e["groups"], key=lambda g: order.get(g, 9))]
        out.append({"id": e["id"], "name": e["name"], "zone": e["zone"], "groups": groups})
    counts: dict[str, int] = {}
    for m in members:
        k = m.verdict if m.kind == "finding" and m.verdict else m.kind
        counts[k] = counts.get(k, 0) + 1
    return {"meetings": out, "counts": counts, "total": len(members),
            "period": record.payload.get("period"), "channel": record.channel}


def _group_words(group: str) -> str:
    return {"violation": "Violations", "review": "Needs review", "pass": "Passing",
            "publishable": "May be published now", "lift-upcoming": "Lifts coming up",
            "lift": "Lifts", "notice": "Notices"}.get(group, group.title())


def template_names() -> list[str]:
    """The bundled template files (what a ``templates`` folder may override)."""
    folder = Path(__file__).parent / "templates"
    return sorted(p.name for p in folder.glob("*.j2"))
