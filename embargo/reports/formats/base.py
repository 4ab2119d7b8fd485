"""Check-output family: every format renders the same judgements."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from embargo.errors import printable
from embargo.model import Judgement

if TYPE_CHECKING:
    from embargo.policy.loader import PolicySet

__all__ = ["Format", "RenderContext", "printable", "render_context", "valid_text", "xml_text"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def valid_text(text: str) -> str:
    """``text`` that encodes as UTF-8: a lone surrogate (a file-name byte that was not UTF-8)
    becomes U+FFFD.  For JSON output, whose escapes keep newlines and control characters."""
    return _SURROGATE.sub("\ufffd", text)


def xml_text(text: str) -> str:
    """``text`` that XML 1.0 allows: forbidden control characters and lone surrogates become
    U+FFFD (newlines and tabs are kept; the serialiser escapes them in attributes)."""
    return _NOT_XML.sub("\ufffd", text)


@dataclass(frozen=True)
class RenderContext:
    zone: str  # the configured zone for human-readable times (the reader's, on the web page)
    color: bool = False
    verbose: bool = False
    venue_zones: Mapping[str, str] = field(default_factory=dict)  # meeting id -> venue zone
    zone_label: str = ""  # how the reader's zone was chosen ("your browser", "configured")


def render_context(judgements: Sequence[Judgement], policies: PolicySet, configured: str, *,
                   color: bool = False, verbose: bool = False, reader_zone: str | None = None,
                   zone_label: str = "") -> RenderContext:
    """The context the CLI and the web service render with.

    Times are shown in ``reader_zone`` when given, else in the configured zone; when that is
    UTC (nothing configured), in the zone of the first meeting an item links to.  Every
    meeting the items are about gives its venue zone.
    """
    venues: dict[str, str] = {}
    first_linked: str | None = None
    for j in judgements:
        meetings = [x.abstract.meeting for x in j.item.links]
        if first_linked is None:
            for m in meetings:
                p = policies.get(m)
                if p is not None:
                    first_linked = p.meeting.zone
                    break
        meetings += [x.abstract.meeting for x in j.item.candidates]
        for m in [*meetings, *j.item.meetings]:
            p = policies.get(m)
            if p is not None:
                venues.setdefault(m, p.meeting.zone)
    zone = reader_zone or configured
    if reader_zone is None and configured == "UTC" and first_linked is not None:
        zone = first_linked
    return RenderContext(zone=zone, color=color, verbose=verbose, venue_zones=venues,
                         zone_label=zone_label)


class Format(ABC):
    """Renders judgements of ``embargo check`` / ``feeds check``."""

    name: ClassVar[str]

    @abstractmethod
    def render(self, judgements: Sequence[Judgement], ctx: RenderContext,
               errors: Sequence[tuple[str, str]] = ()) -> str:
        """The whole output; ``errors`` are per-source errors (source, message)."""
