"""A rendered message: the unit the alert channels deliver."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Message:
    """One rendered message: the same content for every channel.

    ``key`` is stable for the same outbox rows (it derives from their ids), so a message
    re-sent after a crash carries the same ``Message-ID`` / ``Idempotency-Key`` / file name and
    can be recognised as a repeat.
    """

    key: str
    kind: str  # finding | digest | report | lift | lift-upcoming | publishable | notice
    subject: str
    text: str
    html: str
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    alert_ids: tuple[int, ...] = ()
    created_at: datetime | None = None
    verdict: str | None = None  # the worst verdict the message is about, if any
