"""``embargo state migrate | copy``: create or upgrade a state's schema; move a state."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from embargo.cli.common import add_common

NAME = "state"
HELP = "the daemon's state: create or upgrade its schema, copy it to another store"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(NAME, help=HELP, description=HELP + (
        ". A state is a SQLite file or a postgresql://user@host/db URL (the password comes "
        "from the environment variable named by [postgresql] password_env)."))
    ss = p.add_subparsers(dest="state_command", metavar="ACTION", required=True)
    m = ss.add_parser("migrate", help="create the state's tables or upgrade them (the daemon "
                                      "does this at start too)")
    m.add_argument("--state", metavar="PATH_OR_URL",
                   help="the state to migrate (default: `state` in the config)")
    add_common(m)
    c = ss.add_parser("copy", help="copy a whole state (items, history, outbox, "
                                   "announcements, feed validators) into an empty one")
    c.add_argument("--from", dest="source", metavar="PATH_OR_URL",
                   help="the state to read (default: `state` in the config)")
    c.add_argument("--to", dest="target", metavar="PATH_OR_URL", required=True,
                   help="the empty state to write, e.g. postgresql://embargo@db/embargo")
    add_common(c)


def run(args: argparse.Namespace) -> int:
    from embargo.cli.common import config_from
    from embargo.cli.daemon_state import state_label
    from embargo.config import state_location
    from embargo.errors import InputError
    from embargo.state import open_config_state

    cfg = config_from(args)
    if args.state_command == "migrate":
        where = state_location(args.state, key="--state") if args.state else cfg.state
        with open_config_state(cfg, where=where) as st:
            before = st.schema_found
        from embargo.state.postgresql import SCHEMA_VERSION as PG_VERSION
        from embargo.state.sqlite import SCHEMA_VERSION as SQLITE_VERSION

        now = SQLITE_VERSION if isinstance(where, Path) else PG_VERSION
        if before is None:
            print(f"embargo: created the state at {state_label(where)} (schema {now})")
        elif before < now:
            print(f"embargo: upgraded the state at {state_label(where)} from schema {before} "
                  f"to {now}")
        else:
            print(f"embargo: the state at {state_label(where)} is up to date (schema {now})")
        return 0

    from embargo.state.copy import copy_state

    source = state_location(args.source, key="--from") if args.source else cfg.state
    target = state_location(args.target, key="--to")
    if isinstance(source, Path) and not source.exists():
        raise InputError("no such state file", path=str(source), key="--from")
    if str(source) == str(target):
        raise InputError("--from and --to name the same state", key="--to")
    with open_config_state(cfg, where=source, readonly=True) as src, \
            open_config_state(cfg, where=target) as dst:
        counts = copy_state(src, dst)
    total = sum(counts.values())
    detail = ", ".join(f"{n} {t}" for t, n in counts.items() if t != "meta")
    print(f"embargo: copied {total} rows from {state_label(source)} to {state_label(target)} "
          f"({detail})", file=sys.stderr)
    return 0
