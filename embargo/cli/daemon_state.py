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
    from embargo.state.postgresql import PostgresState
    from embargo.state.sqlite import SqliteState


def add_state_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--state", metavar="PATH_OR_URL",
                   help="the daemon's state: a SQLite file or a postgresql:// URL (default: "
                        "`state` in the config)")


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


def state_path(args: argparse.Namespace, cfg: Config) -> Path | str:
    """``--state`` (a path or a PostgreSQL URL), else the config's ``state``."""
    from embargo.config import state_location

    given = getattr(args, "state", None)
    return state_location(given, key="--state") if given else cfg.state


def state_label(where: Path | str) -> str:
    from embargo.state.postgresql import redact

    return str(where) if isinstance(where, Path) else redact(where)


def open_state_readonly(args: argparse.Namespace, cfg: Config
                        ) -> SqliteState | PostgresState | None:
    """The state opened read-only; ``None`` when it does not exist yet (no file; no embargo
    tables in the PostgreSQL database)."""
    from embargo.state import open_config_state
    from embargo.state.postgresql import StateNotFound

    where = state_path(args, cfg)
    if isinstance(where, Path) and not where.exists():
        return None
    try:
        return open_config_state(cfg, readonly=True, where=where)
    except StateNotFound:
        return None


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
