"""``embargo daemon``: poll feeds and draft folders, announce lifts, deliver alerts."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from embargo.cli.common import add_common

if TYPE_CHECKING:
    from embargo.daemon.app import StopSignals

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
    from embargo.daemon.app import StopSignals

    # First thing: a SIGTERM or Ctrl-C from now on is a clean stop (exit 0).
    signals = StopSignals().install()
    try:
        return _run(args, signals)
    finally:
        signals.restore()


def _run(args: argparse.Namespace, signals: StopSignals) -> int:
    from embargo.cli.common import config_from, require_catalog
    from embargo.daemon.app import check_state, run_daemon
    from embargo.daemon.logs import event, setup_logging
    from embargo.policy.loader import PolicySet

    cfg = config_from(args)
    catalog_path = Path(args.catalog) if args.catalog else cfg.catalog
    # Refuse what cannot work, one line and exit 2, before starting: bad policies, a missing or
    # empty catalogue (unless the config says `catalog = false`), a state that cannot be
    # written.
    PolicySet.load([*cfg.policies, *args.policies])
    if not cfg.no_catalog:
        require_catalog(catalog_path, hint="(or set `catalog = false` in the config to run "
                                           "without one)")
    check_state(cfg)
    log = setup_logging(args.log_format or cfg.daemon.log_format)
    signals.attach(log)
    event(log, "starting", pid=os.getpid())
    return run_daemon(cfg, catalog_path=catalog_path, extra_policies=list(args.policies),
                      signals=signals, log=log)
