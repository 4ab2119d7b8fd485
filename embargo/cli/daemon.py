"""``embargo daemon``: poll feeds and draft folders, announce lifts, deliver alerts."""

from __future__ import annotations

import argparse
from pathlib import Path

from embargo.cli.common import add_common

NAME = "daemon"
HELP = "run the scheduled daemon: poll feeds, scan drafts, announce lifts, send alerts"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(NAME, help=HELP, description=HELP + (
        ". Runs until SIGTERM or SIGINT (exit 0). A bad configuration: one line, exit 2."))
    p.add_argument("--log-format", choices=("text", "json"),
                   help="log lines as text or one JSON object per line (default: [daemon] "
                        "log_format)")
    add_common(p)


def run(args: argparse.Namespace) -> int:
    from embargo.catalog.store import Catalog
    from embargo.cli.common import config_from
    from embargo.daemon.app import run_daemon
    from embargo.policy.loader import PolicySet

    cfg = config_from(args)
    catalog_path = Path(args.catalog) if args.catalog else cfg.catalog
    # Refuse what cannot work before starting: bad policies, an unreadable catalogue.
    PolicySet.load([*cfg.policies, *args.policies])
    Catalog(catalog_path, readonly=True).close()
    return run_daemon(cfg, catalog_path=catalog_path, extra_policies=list(args.policies),
                      log_format=args.log_format)
