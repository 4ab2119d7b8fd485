"""``embargo calendar``: an iCalendar file of every lift, for Outlook, Google, Apple."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

from embargo.cli.common import add_common
from embargo.cli.daemon_state import catalogue_abstracts, config_and_now, load_policies
from embargo.errors import InputError
from embargo.model import Kind

NAME = "calendar"
HELP = "an iCalendar (.ics) file of every lift time (meeting-wide and per abstract/session)"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(NAME, help=HELP, description=HELP)
    p.add_argument("--meeting", metavar="ID", action="append",
                   help="only this meeting (repeatable; default: every loaded policy)")
    p.add_argument("--kind", choices=[k.value for k in Kind], action="append",
                   help="only lifts for this kind of publisher (repeatable; default: all)")
    p.add_argument("--remind", metavar="DURATION", action="append",
                   help="a reminder this long before each lift (repeatable; default: the "
                        "daemon's lift_leads, 24h and 1h; 'none' for no reminder)")
    p.add_argument("--no-abstracts", action="store_true",
                   help="meeting-wide lifts only (ignore the catalogue)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    add_common(p)


def _reminders(values: list[str] | None, default: tuple[timedelta, ...]) -> list[timedelta]:
    from embargo.timeparse import parse_duration

    if not values:
        return sorted(set(default), reverse=True)
    out: list[timedelta] = []
    for v in values:
        if v.strip().lower() in ("none", "off", "0"):
            continue
        try:
            d = parse_duration(v, allow_negative=False)
        except InputError as e:
            raise InputError(e.message, key="--remind") from None
        out.append(d)
    return sorted(set(out), reverse=True)


def run(args: argparse.Namespace) -> int:
    from embargo.policy.schedule import all_lifts, group_lifts
    from embargo.reports.ics import calendar

    cfg, now = config_and_now(args)
    policies = load_policies(args, cfg)
    meetings = list(dict.fromkeys(args.meeting or []))
    for m in meetings:
        policies.require(m)
    chosen = [p for p in policies if not meetings or p.id in meetings]
    abstracts = None
    if not args.no_abstracts:
        abstracts = catalogue_abstracts(args, cfg, meetings[0] if len(meetings) == 1 else None)
    kinds = [Kind(k) for k in args.kind] if args.kind else None
    problems: list[tuple[str, str]] = []
    events = all_lifts(chosen, abstracts, kinds=kinds, errors=problems)
    for aid, message in problems:
        print(f"embargo: warning: {aid} left out of the calendar: {message}", file=sys.stderr)
    groups = [g for g in group_lifts(events) if g.when is not None or g.day is not None]
    name = "Embargo lifts" + (f": {', '.join(meetings)}" if meetings else "")
    text = calendar(groups, name=name, reminders=_reminders(args.remind, cfg.daemon.lift_leads),
                    sources={p.id: list(p.meeting.sources) for p in chosen}, stamp=now)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8", newline="")
        except OSError as e:
            raise InputError(f"cannot write: {e.strerror}", path=args.output) from None
        print(f"embargo: {len(groups)} lift(s) written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
