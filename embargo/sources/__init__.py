"""Sources: feeds and draft folders, the places the daemon watches."""

from __future__ import annotations

from embargo.errors import InputError
from embargo.sources.base import Entry, Harvest, Source, Validators
from embargo.sources.drafts import DraftFolderSource
from embargo.sources.feeds import FeedSource

REGISTRY: dict[str, type[Source]] = {cls.name: cls for cls in (FeedSource, DraftFolderSource)}


def source_class(name: str) -> type[Source]:
    if name not in REGISTRY:
        raise InputError(f"unknown source type {name!r}; use one of {', '.join(sorted(REGISTRY))}")
    return REGISTRY[name]


__all__ = ["REGISTRY", "DraftFolderSource", "Entry", "FeedSource", "Harvest", "Source",
           "Validators", "source_class"]
