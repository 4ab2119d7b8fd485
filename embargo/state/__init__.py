"""The daemon's state: seen items, verdict history, the alert outbox, feed poll status.

``open_state(where)`` gives the :class:`~embargo.state.base.StateStore`: a SQLite file for one
daemon, or a PostgreSQL database (``postgresql://…``) that several daemons share.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from embargo.state.base import (
    ALERT_KINDS,
    AlertRecord,
    DigestRecord,
    FeedStatus,
    ItemRecord,
    ItemResult,
    ItemToRecord,
    JudgementChange,
    NewAlert,
    OutboxSummary,
    SourceSpec,
    StateStore,
    WorkerStatus,
    content_hash,
    make_item_key,
)
from embargo.state.postgresql import is_postgres_url
from embargo.state.sqlite import SqliteState

if TYPE_CHECKING:
    from embargo.config import Config
    from embargo.state.postgresql import PostgresState


def open_state(where: str | Path, *, readonly: bool = False, password_env: str | None = None,
               pool: int = 4, connect_timeout: float = 10.0) -> SqliteState | PostgresState:
    """Open (creating or upgrading the schema when needed, unless ``readonly``) the state at
    ``where``: a SQLite file path, or a ``postgresql://user@host/db`` URL whose password is in
    the environment variable ``password_env`` (libpq's own ``PGPASSWORD`` and ``.pgpass``
    work too)."""
    if isinstance(where, str) and is_postgres_url(where):
        from embargo.errors import InputError
        from embargo.state.postgresql import PostgresState

        password = None
        if password_env:
            password = os.environ.get(password_env)
            if password is None:
                raise InputError(f"the environment variable {password_env} (named by "
                                 "[postgresql] password_env) is not set",
                                 key="postgresql.password_env")
        return PostgresState(where.strip(), password=password, readonly=readonly,
                             pool_size=pool, connect_timeout=connect_timeout)
    return SqliteState(where, readonly=readonly)


def open_config_state(config: Config, *, readonly: bool = False,
                      where: str | Path | None = None) -> SqliteState | PostgresState:
    """:func:`open_state` with the configuration's ``state`` (or ``where``) and its
    ``[postgresql]`` options."""
    pg = config.postgresql
    return open_state(config.state if where is None else where, readonly=readonly,
                      password_env=pg.password_env, pool=pg.pool,
                      connect_timeout=pg.connect_timeout)


__all__ = [
    "ALERT_KINDS",
    "AlertRecord",
    "DigestRecord",
    "FeedStatus",
    "ItemRecord",
    "ItemResult",
    "ItemToRecord",
    "JudgementChange",
    "NewAlert",
    "OutboxSummary",
    "SourceSpec",
    "SqliteState",
    "StateStore",
    "WorkerStatus",
    "content_hash",
    "is_postgres_url",
    "make_item_key",
    "open_config_state",
    "open_state",
]
