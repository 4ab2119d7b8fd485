"""Channel family: where alerts go (e-mail, a webhook, a Maildir folder).

A channel receives a rendered :class:`Message` and either delivers it or raises
:class:`~embargo.errors.DeliveryError`; the outbox retries later.  Channels never touch the
state: claiming, marking and retrying live in :mod:`embargo.alerts.outbox`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import time
from typing import ClassVar, Generic, Protocol, TypeVar, cast

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


class ChannelOptions(Protocol):
    """What every channel's config section carries for routing."""

    @property
    def immediate(self) -> frozenset[Verdict]: ...
    @property
    def digest(self) -> time | None: ...
    @property
    def notices(self) -> frozenset[str]: ...


OptionsT = TypeVar("OptionsT", bound=ChannelOptions)


class Channel(ABC, Generic[OptionsT]):
    """A delivery channel; ``name`` is its config section (``[email]``, ...), whose options
    are ``self.options``."""

    name: ClassVar[str]

    def __init__(self, config: Config) -> None:
        self.config = config
        section = getattr(config, self.name, None)
        if section is None:
            raise ValueError(f"{type(self).__name__} needs an [{self.name}] section")
        self.options: OptionsT = cast(OptionsT, section)

    @classmethod
    def configured(cls, config: Config) -> bool:
        """True when the config has this channel's section."""
        return getattr(config, cls.name, None) is not None

    @property
    def route(self) -> Route:
        """This channel's routing (from its config section)."""
        o = self.options
        return Route(o.immediate, o.digest, o.notices)

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


__all__ = ["Channel", "ChannelOptions", "Message", "Route"]
