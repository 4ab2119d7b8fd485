"""Registry of alert channels (one module per channel; name = config section)."""

from __future__ import annotations

from typing import Any

from embargo.alerts.channels.base import Channel, Message, Route
from embargo.alerts.channels.email import EmailChannel
from embargo.alerts.channels.maildir import MaildirChannel
from embargo.alerts.channels.webhook import WebhookChannel
from embargo.config import Config
from embargo.errors import InputError

REGISTRY: dict[str, type[Channel[Any]]] = {
    cls.name: cls for cls in (EmailChannel, WebhookChannel, MaildirChannel)
}


def get_channel(name: str, config: Config) -> Channel[Any]:
    """The channel ``name`` built from ``config``; unknown or unconfigured → InputError."""
    cls = REGISTRY.get(name)
    if cls is None:
        raise InputError(f"unknown channel {name!r}; use one of {', '.join(sorted(REGISTRY))}")
    if not cls.configured(config):
        raise InputError(f"channel {name!r} is not configured: add a [{name}] section to the "
                         "configuration file")
    return cls(config)


def configured_channels(config: Config) -> dict[str, Channel[Any]]:
    """Every channel the config sets up, by name (registry order)."""
    return {name: cls(config) for name, cls in REGISTRY.items() if cls.configured(config)}


__all__ = ["REGISTRY", "Channel", "Message", "Route", "configured_channels", "get_channel"]
