"""``embargo report``: what needed attention lately, from the daemon's state."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from embargo.cli.common import add_common
from embargo.cli.daemon_state import (
    add_at_option,
    add_state_option,
    config_and_now,
    load_policies,
    open_state_readonly,
    state_label,
    state_path,
)
from embargo.errors import InputError

if TYPE_CHECKING:
    from embargo.config import Config

NAME = "report"
HELP = "the alert report (text or a standalone HTML page); --send delivers it"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(NAME, help=HELP, description=HELP)
    p.add_argument("--since", default="24h", metavar="DURATION",
                   help="how far back: '24h' (default), '7d', '90m'")
    p.add_argument("--format", default="text", choices=("text", "html"))
    p.add_argument("--send", action="store_true",
                   help="deliver the report through every configured channel (it waits in "
                        "the outbox if a channel is down)")
    p.add_argument("--all", action="store_true",
                   help="include items that pass now (default: violations and reviews)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_state_option(p)
    add_at_option(p)
    add_common(p)


def run(args: argparse.Namespace) -> int:
    from embargo.reports.alert_report import build_report
    from embargo.reports.render import Renderer
    from embargo.timeparse import parse_duration

    cfg, now = config_and_now(args)
    try:
        since = parse_duration(args.since, allow_negative=False)
    except InputError as e:
        raise InputError(e.message, key="--since") from None
    if since <= timedelta(0):
        raise InputError("must be longer than zero", key="--since")
    policies = load_policies(args, cfg)
    state = open_state_readonly(args, cfg)
    try:
        verdicts = ("violation", "review", "pass") if args.all else ("violation", "review")
        doc = build_report(state, cfg, policies, since=now - since, until=now,
                           verdicts=verdicts)
    finally:
        if state is not None:
            state.close()
    doc["generated_at"] = now.isoformat()
    doc["subject"] = doc["title"]
    if not doc["state_found"]:
        print(f"embargo: note: no state database at {state_label(state_path(args, cfg))} "
              "yet; the report is empty", file=sys.stderr)
    renderer = Renderer(cfg)
    text, html = renderer.pair("report", doc)
    body = html if args.format == "html" else text
    if args.output:
        try:
            Path(args.output).write_text(body, encoding="utf-8")
        except OSError as e:
            raise InputError(f"cannot write: {e.strerror}", path=args.output) from None
    else:
        sys.stdout.write(body if body.endswith("\n") else body + "\n")
    if args.send:
        return _send(args, cfg, doc, now)
    return 0


def _send(args: argparse.Namespace, cfg: Config, doc: dict[str, Any], now: datetime) -> int:
    from embargo.alerts import deliver_pending
    from embargo.alerts.channels import configured_channels
    from embargo.state import NewAlert, open_config_state

    channels = configured_channels(cfg)
    if not channels:
        raise InputError("--send needs a channel: add an [email], [webhook] or [maildir] "
                         "section to the configuration")
    subject = (f"Report {doc['since'][:16]} to {doc['until'][:16]}: "
               + (", ".join(f"{n} {k}" for k, n in sorted(doc["counts"].items()))
                  or "nothing needed attention"))
    alerts = [NewAlert(channel=name, dedupe_key=f"report|{name}|{doc['until']}|{doc['since']}",
                       kind="report", mode="immediate", subject=subject, payload=doc,
                       group_key=f"report|{doc['until']}")
              for name in channels]
    keys = {(a.channel, a.dedupe_key) for a in alerts}
    with open_config_state(cfg, where=state_path(args, cfg)) as state:
        state.enqueue(alerts, now)
        deliver_pending(state, cfg, now, channels=channels)
        rows = [r for r in state.alerts(since=now) if (r.channel, r.dedupe_key) in keys]
    failed = 0
    for r in sorted(rows, key=lambda r: r.channel):
        if r.delivered:
            print(f"embargo: report sent via {r.channel}", file=sys.stderr)
        else:
            failed += 1
            print(f"embargo: the report could not be sent via {r.channel} now "
                  f"({r.last_error}); it waits in the outbox and the daemon retries it",
                  file=sys.stderr)
    return 1 if failed else 0
