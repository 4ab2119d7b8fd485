"""What ``status``, ``report`` and ``calendar`` share: the state file, policies, the clock."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from embargo.cli.common import config_from
from embargo.errors import InputError

if TYPE_CHECKING:
    from embargo.config import Config
    from embargo.model import Abstract
    from embargo.policy.loader import PolicySet
    from embargo.state.sqlite import SqliteState


def add_state_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--state", metavar="PATH",
                   help="the daemon's state database (default: `state` in the config)")


def add_at_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--at", metavar="WHEN",
                   help="act as if it were WHEN (default: now); e.g. '2024-11-14 09:00 ET'")


def now_from(args: argparse.Namespace, cfg: Config) -> datetime:
    from embargo.timeparse import now_utc, parse_when

    at = getattr(args, "at", None)
    if not at:
        return now_utc()
    try:
        return parse_when(at, cfg.timezone).instant
    except InputError as e:
        raise InputError(e.message, key="--at") from None


def state_path(args: argparse.Namespace, cfg: Config) -> Path:
    return Path(args.state) if getattr(args, "state", None) else cfg.state


def open_state_readonly(args: argparse.Namespace, cfg: Config) -> SqliteState | None:
    """The state opened read-only; ``None`` when the file does not exist yet."""
    from embargo.state import open_state

    path = state_path(args, cfg)
    if not path.exists():
        return None
    return open_state(path, readonly=True)


def load_policies(args: argparse.Namespace, cfg: Config) -> PolicySet:
    from embargo.policy.loader import PolicySet

    return PolicySet.load([*cfg.policies, *(getattr(args, "policies", None) or [])])


def catalogue_abstracts(args: argparse.Namespace, cfg: Config,
                        meeting: str | None = None) -> list[Abstract] | None:
    """Every catalogued abstract (of ``meeting``), or ``None`` without a catalogue file."""
    from embargo.catalog.store import Catalog

    path = Path(args.catalog) if getattr(args, "catalog", None) else cfg.catalog
    if not path.exists():
        if getattr(args, "catalog", None):
            raise InputError("no such catalogue file", path=str(path))
        return None
    with Catalog(path, readonly=True) as cat:
        return list(cat.iter_all(meeting))


def config_and_now(args: argparse.Namespace) -> tuple[Config, datetime]:
    cfg = config_from(args)
    return cfg, now_from(args, cfg)
