"""``embargo status``: what the daemon's state says — feeds, pending alerts, next lifts."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from embargo.cli.common import add_common
from embargo.cli.daemon_state import (
    add_at_option,
    add_state_option,
    catalogue_abstracts,
    config_and_now,
    load_policies,
    open_state_readonly,
    state_label,
    state_path,
)

NAME = "status"
HELP = "what the daemon's state says: last poll per feed, errors, pending alerts, next lifts"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(NAME, help=HELP, description=HELP)
    p.add_argument("--format", default="text", choices=("text", "json"))
    p.add_argument("--lifts", type=int, default=5, metavar="N",
                   help="how many upcoming lifts to show (default 5; 0: none)")
    p.add_argument("--alerts", type=int, default=20, metavar="N",
                   help="how many pending alerts to list (default 20)")
    add_state_option(p)
    add_at_option(p)
    add_common(p)


def build_status(args: argparse.Namespace) -> dict[str, Any]:
    from embargo.alerts.channels import configured_channels
    from embargo.policy.schedule import all_lifts, group_lifts, upcoming
    from embargo.reports.alert_report import feed_json, feed_label, outbox_json
    from embargo.state.base import FeedStatus, OutboxSummary

    cfg, now = config_and_now(args)
    path = state_path(args, cfg)
    state = open_state_readonly(args, cfg)
    backlog: dict[str, int] = {}
    try:
        known = state.feeds() if state is not None else []
        daemons = state.workers() if state is not None else []
        shared = state.shared if state is not None else not isinstance(path, Path)
        for f in known:
            raw = state.get(f"backlog:{f.feed_key}") if state is not None else None
            if raw and raw.isdigit():
                backlog[f.feed_key] = int(raw)
        summary = state.outbox_summary() if state is not None else OutboxSummary()
        pending = [a for a in (state.alerts(status="pending") if state is not None else [])
                   if a.mode == "immediate"]
    finally:
        if state is not None:
            state.close()
    feeds = []
    seen: set[str] = set()
    for f in known:
        doc = feed_json(f, cfg)
        seen.add(f.feed_key)
        if f.leased_by and (f.lease_until is None or f.lease_until <= now):
            doc["leased_by"] = None  # a lease that ran out holds nothing
        if f.polls == 0:
            doc["never_polled"] = True  # synced from a config, not polled yet
        feeds.append(doc)
    for fc in cfg.feeds:
        if not {fc.url, f"feed:{fc.url}"} & seen:
            doc = feed_json(FeedStatus(fc.url), cfg)
            doc["never_polled"] = True
            feeds.append(doc)
    for dc in cfg.drafts:
        if not {str(dc.path), f"drafts:{dc.path}"} & seen:
            doc = feed_json(FeedStatus(f"drafts:{dc.path}"), cfg)
            doc["never_polled"] = True
            feeds.append(doc)
    for doc in feeds:
        doc.setdefault("never_polled", False)
        doc["backlog"] = backlog.get(doc["key"], 0)
        doc["name"] = doc["name"] or feed_label(doc["key"], cfg)[0]
    pending.sort(key=lambda a: a.id)
    lifts: list[dict[str, Any]] = []
    if args.lifts > 0:
        policies = load_policies(args, cfg)
        abstracts = catalogue_abstracts(args, cfg)
        events = all_lifts(policies, abstracts, errors=[], start=now)
        groups = group_lifts(upcoming(events, now))
        for g in groups[: args.lifts]:
            lifts.append({"meeting": g.meeting, "label": g.label, "key": g.key,
                          "at": _iso(g.at), "not_after": _iso(g.upper) if g.at is None
                          else None, "day": g.day.isoformat() if g.day else None,
                          "when": _iso(g.when), "zone": g.zone,
                          "abstracts": list(g.abstracts), "tiers": [t.value for t in g.tiers],
                          "kinds": sorted(k.value for k in g.kinds)})
    return {
        "state": state_label(path), "state_found": state is not None,
        "catalog": catalogue_status(args, cfg),
        "shared": shared, "at": now.isoformat(),
        "daemons": [{"worker": w.worker, "started_at": _iso(w.started_at),
                     "seen_at": _iso(w.seen_at),
                     "holds": sorted(f["key"] for f in feeds if f["leased_by"] == w.worker),
                     **{k: v for k, v in w.info.items() if k in ("host", "pid", "version")}}
                    for w in daemons],
        "timezone": cfg.timezone, "feeds": feeds,
        "channels": [{"name": n, "describe": c.describe()}
                     for n, c in configured_channels(cfg).items()],
        "outbox": {**outbox_json(summary), "pending_alerts": [
            {"id": a.id, "channel": a.channel, "kind": a.kind, "verdict": a.verdict,
             "subject": a.subject, "created_at": _iso(a.created_at),
             "attempts": a.attempts, "next_attempt_at": _iso(a.next_attempt_at),
             "last_error": a.last_error, "last_error_at": _iso(a.last_error_at)}
            for a in pending[: args.alerts]]},
        "next_lifts": lifts,
    }


def catalogue_status(args: argparse.Namespace, cfg: Any) -> dict[str, Any]:
    """Which catalogue the daemon uses, and how many abstracts it holds (``None``: missing or
    unreadable, with the reason)."""
    from embargo.catalog.store import Catalog
    from embargo.errors import InputError

    if cfg.no_catalog:
        return {"path": None, "found": False, "abstracts": None,
                "error": "none: `catalog = false` (items naming no abstract are review)"}
    path = Path(args.catalog) if getattr(args, "catalog", None) else cfg.catalog
    try:
        with Catalog(path, readonly=True) as cat:
            n = cat.count()
    except InputError as e:
        return {"path": str(path), "found": path.exists(), "abstracts": None,
                "error": e.message}
    return {"path": str(path), "found": True, "abstracts": n,
            "error": None if n else "holds no abstracts: the daemon will not start"}


def _iso(dt: datetime | None) -> str | None:
    from embargo.timeparse import iso

    return iso(dt)


def _when(value: str | None, zone: str) -> str:
    from embargo.timeparse import format_instant

    if not value:
        return "never"
    return format_instant(datetime.fromisoformat(value), zone)


def render_text(doc: dict[str, Any]) -> str:
    zone = doc["timezone"]
    out = [f"State: {doc['state']}" + ("" if doc["state_found"] else
                                       " (not created yet: the daemon has not run)")]
    cat = doc["catalog"]
    if cat["abstracts"]:
        out.append(f"Catalogue: {cat['path']} ({cat['abstracts']:,} abstracts)")
    else:
        out.append(f"Catalogue: {cat['path'] or 'none'}: {cat['error']}")
    if doc.get("shared"):
        out.append("")
        out.append(f"Daemons sharing this state ({len(doc['daemons'])}):")
        if not doc["daemons"]:
            out.append("  none running")
        for d in doc["daemons"]:
            holds = ", ".join(d["holds"]) or "nothing"
            out.append(f"  {d['worker']}: started {_when(d['started_at'], zone)}, last seen "
                       f"{_when(d['seen_at'], zone)}; polling now: {holds}")
    out.append("")
    out.append(f"Feeds and draft folders ({len(doc['feeds'])}):")
    if not doc["feeds"]:
        out.append("  none configured or polled")
    for f in doc["feeds"]:
        held = (f"    held by:      {f['leased_by']} (until "
                f"{_when(f['lease_until'], zone)})") if f.get("leased_by") else None
        if f["never_polled"]:
            out.append(f"  {f['name']}: never polled")
            if held:
                out.append(held)
            continue
        flag = "ok" if f["ok"] else f"FAILING ({f['consecutive_failures']} in a row)"
        out.append(f"  {f['name']}: {flag}")
        if f["name"] != f["key"].removeprefix("feed:"):
            out.append(f"    source:       {f['key'].removeprefix('feed:')}")
        out.append(f"    last poll:    {_when(f['last_poll_at'], zone)}"
                   + (f" (HTTP {f['http_status']})" if f["http_status"] else ""))
        out.append(f"    last success: {_when(f['last_success_at'], zone)}")
        if f["last_error"]:
            out.append(f"    last error:   {_when(f['last_error_at'], zone)}: {f['last_error']}")
        out.append(f"    entries:      {f['entries']} in the last successful poll "
                   f"({f['new_entries']} new), {f['entries_seen']} seen in all")
        if f["backlog"]:
            out.append(f"    waiting:      {f['backlog']} entries not judged yet: judged on the "
                       "next polls ([daemon] entries_per_poll)")
        if doc.get("shared"):
            if held:
                out.append(held)
            if f.get("polled_by"):
                out.append(f"    last poll by: {f['polled_by']}")
            if f.get("next_poll_at"):
                out.append(f"    next poll:    {_when(f['next_poll_at'], zone)}")
    ob = doc["outbox"]
    out.append("")
    chans = ", ".join(c["describe"] for c in doc["channels"]) or "none configured"
    out.append(f"Alerts (channels: {chans}):")
    out.append(f"  {ob['pending']} waiting to be sent ({ob['failing']} failing), "
               f"{ob['waiting_digest']} waiting for a digest, "
               f"{ob['delivered_messages']} message(s) delivered ({ob['delivered']} alerts)")
    for a in ob["pending_alerts"]:
        line = f"  #{a['id']} {a['channel']}: {a['subject']}"
        out.append(line)
        detail = f"      made {_when(a['created_at'], zone)}, {a['attempts']} attempt(s)"
        if a["attempts"]:
            detail += f", next {_when(a['next_attempt_at'], zone)}"
        out.append(detail)
        if a["last_error"]:
            out.append(f"      last error: {a['last_error']}")
    if doc["next_lifts"]:
        out.append("")
        out.append("Next lifts:")
        for lift in doc["next_lifts"]:
            if lift["at"]:
                when = _when(lift["at"], lift["zone"])
            elif lift["day"]:
                when = f"some time on {lift['day']}"
            else:
                when = f"at the latest {_when(lift['not_after'], lift['zone'])}"
            out.append(f"  {when}: {lift['label']}")
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    doc = build_status(args)
    if args.format == "json":
        sys.stdout.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    else:
        print(render_text(doc))
    return 0
