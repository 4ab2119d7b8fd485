"""The daemon's state: seen items, verdict history, the alert outbox, feed poll status.

``open_state(path)`` gives the :class:`~embargo.state.base.StateStore` (SQLite today).
"""

from __future__ import annotations

from pathlib import Path

from embargo.state.base import (
    ALERT_KINDS,
    AlertRecord,
    DigestRecord,
    FeedStatus,
    ItemRecord,
    ItemResult,
    JudgementChange,
    NewAlert,
    OutboxSummary,
    StateStore,
    content_hash,
    make_item_key,
)
from embargo.state.sqlite import SqliteState


def open_state(path: str | Path, *, readonly: bool = False) -> SqliteState:
    """Open (creating when needed, unless ``readonly``) the state database at ``path``."""
    return SqliteState(path, readonly=readonly)


__all__ = [
    "ALERT_KINDS",
    "AlertRecord",
    "DigestRecord",
    "FeedStatus",
    "ItemRecord",
    "ItemResult",
    "JudgementChange",
    "NewAlert",
    "OutboxSummary",
    "SqliteState",
    "StateStore",
    "content_hash",
    "make_item_key",
    "open_state",
]
