"""Channel family: where alerts go (e-mail, a webhook, a Maildir folder).

A channel receives a rendered :class:`Message` and either delivers it or raises
:class:`~embargo.errors.DeliveryError`; the outbox retries later.  Channels never touch the
state: claiming, marking and retrying live in :mod:`embargo.alerts.outbox`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import time
from typing import ClassVar

from embargo.config import Config
from embargo.model import Verdict
from embargo.reports.message import Message


@dataclass(frozen=True)
class Route:
    """Which alerts a channel sends at once and which wait for its digest."""

    immediate: frozenset[Verdict]
    digest: time | None  # daily digest time in the configured zone; None: no digest
    notices: frozenset[str]  # notice kinds sent at once

    def mode_for_verdict(self, verdict: Verdict) -> str | None:
        """``immediate``, ``digest`` or ``None`` (this channel does not want it)."""
        if verdict in self.immediate:
            return "immediate"
        return "digest" if self.digest is not None else None

    def mode_for_notice(self, kind: str) -> str | None:
        if kind in self.notices:
            return "immediate"
        return "digest" if self.digest is not None else None


class Channel(ABC):
    """A delivery channel; ``name`` is its config section (``[email]``, ...)."""

    name: ClassVar[str]

    def __init__(self, config: Config) -> None:
        self.config = config

    @classmethod
    @abstractmethod
    def configured(cls, config: Config) -> bool:
        """True when the config has this channel's section."""

    @property
    @abstractmethod
    def route(self) -> Route:
        """This channel's routing (from its config section)."""

    @property
    def timeout(self) -> float:
        """Seconds one delivery may take (used to size the outbox lease)."""
        return 30.0

    @abstractmethod
    def send(self, message: Message) -> None:
        """Deliver ``message`` or raise :class:`~embargo.errors.DeliveryError`."""

    def describe(self) -> str:
        """One line for ``embargo status``: where this channel delivers."""
        return self.name


__all__ = ["Channel", "Message", "Route"]
