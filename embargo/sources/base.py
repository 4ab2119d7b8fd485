"""Source family: where the daemon (and ``feeds check``) finds items to judge.

A source is polled; a poll gives a :class:`Harvest`: the entries found, or an error that
belongs to that source alone (a bad feed is recorded, never raised).  Each implementation sets
``name`` (its config/CLI value) and ``key`` (stable identity of one configured source in the
state database, e.g. ``feed:https://…`` or ``drafts:/srv/drafts``).
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import ClassVar, Protocol

from embargo.model import Kind


@dataclass(frozen=True)
class Entry:
    """One thing to judge, as a source found it."""

    key: str  # stable identity within its source: "guid:…", "link:…", "hash:…", "path:…"
    text: str  # plain text to judge (title + body)
    content_hash: str  # sha256 of what is judged; a change means "re-judge"
    title: str | None = None
    link: str | None = None  # the item's `source` in reports
    published_at: datetime | None = None  # its own instant; None → judged at first sight
    published_note: str = ""  # where the instant came from
    links: tuple[str, ...] = ()  # URLs the entry links to (help linking)
    raw: bytes | None = None  # drafts: the file's bytes (read with the draft readers)
    path: str | None = None  # drafts: the file
    error: str | None = None  # drafts: why the file could not be read (judged `review`)


@dataclass(frozen=True)
class Validators:
    """HTTP cache validators kept between polls (conditional GET)."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Harvest:
    """The outcome of one poll of one source."""

    source_key: str
    label: str
    url: str
    entries: list[Entry] = field(default_factory=list)
    error: str | None = None  # the source failed: nothing was read
    notes: list[str] = field(default_factory=list)  # warnings (feed not well-formed, ...)
    http_status: int | None = None
    not_modified: bool = False  # 304 (or an unchanged file): nothing to do
    validators: Validators = field(default_factory=Validators)  # to keep for next time
    final_url: str | None = None  # after redirects
    bytes_read: int = 0
    duration: float = 0.0
    feed_title: str | None = None
    feed_version: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Source(ABC):
    """A place that holds items to judge."""

    name: ClassVar[str]

    @property
    @abstractmethod
    def key(self) -> str:
        """Stable identity of this configured source in the state."""

    @property
    @abstractmethod
    def label(self) -> str:
        """Human name in logs, status and alerts."""

    @property
    @abstractmethod
    def every(self) -> timedelta:
        """Poll interval."""

    @property
    @abstractmethod
    def default_kind(self) -> Kind | None:
        """Kind of this source's items unless an item says otherwise."""

    @property
    @abstractmethod
    def meeting(self) -> str | None:
        """Meeting to restrict linking to, if any."""

    @abstractmethod
    def poll(self, validators: Validators | None = None) -> Harvest:
        """Read the source once; never raises for a bad source (the error is in the harvest)."""


class SourceConfig(Protocol):
    """What a source's config table ([[feeds]], [[drafts]]) says about scheduling and judging."""

    @property
    def every(self) -> timedelta: ...
    @property
    def kind(self) -> Kind | None: ...
    @property
    def meeting(self) -> str | None: ...


class ConfiguredSource(Source):
    """A source built from one config table, which carries its interval, default kind and
    meeting."""

    config: SourceConfig

    @property
    def every(self) -> timedelta:
        return self.config.every

    @property
    def default_kind(self) -> Kind | None:
        return self.config.kind

    @property
    def meeting(self) -> str | None:
        return self.config.meeting


def content_hash(*parts: str | None) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update((p or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()
