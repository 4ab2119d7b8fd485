"""Check-output family: every format renders the same judgements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from embargo.errors import printable
from embargo.model import Judgement
from embargo.patterns import compile as re_compile

if TYPE_CHECKING:
    from embargo.policy.loader import PolicySet

__all__ = ["ContextRecipe", "Format", "FormatStream", "RenderContext", "printable",
           "render_context", "valid_text", "xml_text"]

_SURROGATE = re_compile("[\ud800-\udfff]")
_NOT_XML = re_compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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
        if first_linked is None:
            first_linked = linked_zone(j, policies)
        meetings = [x.abstract.meeting for x in j.item.links]
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


def linked_zone(j: Judgement, policies: PolicySet) -> str | None:
    """The venue zone of the first meeting with a policy that ``j`` links to."""
    for x in j.item.links:
        p = policies.get(x.abstract.meeting)
        if p is not None:
            return p.meeting.zone
    return None


@dataclass(frozen=True)
class ContextRecipe:
    """How the render context of a batch is made (see :func:`render_context`), for formats
    that render judgements as they come."""

    policies: PolicySet
    configured: str
    color: bool = False
    verbose: bool = False
    zone_label: str = ""

    def make(self, judgements: Sequence[Judgement]) -> RenderContext:
        return render_context(judgements, self.policies, self.configured, color=self.color,
                              verbose=self.verbose, zone_label=self.zone_label)

    def settles_zone(self, j: Judgement) -> bool:
        """Whether the reader's zone is known once ``j`` was seen (it is the configured
        zone unless that is UTC; then the zone of the first linked meeting)."""
        return self.configured != "UTC" or linked_zone(j, self.policies) is not None


class FormatStream:
    """Renders a batch's judgements as they come, in order, through ``write``.

    This one keeps every judgement and renders the whole output at :meth:`close` (formats
    whose output depends on all of them); streaming formats override it.  Nothing is
    written when no judgement was added (only input errors: they go to stderr).
    """

    def __init__(self, fmt: Format, recipe: ContextRecipe, write: Callable[[str], object]
                 ) -> None:
        self.fmt = fmt
        self.recipe = recipe
        self.write = write
        self._judgements: list[Judgement] = []

    def add(self, j: Judgement) -> None:
        self._judgements.append(j)

    def close(self, errors: Sequence[tuple[str, str]] = ()) -> None:
        js = self._judgements
        if js:
            self.write(self.fmt.render(js, self.recipe.make(js), errors) + "\n")


class Format(ABC):
    """Renders judgements of ``embargo check`` / ``feeds check``."""

    name: ClassVar[str]

    @abstractmethod
    def render(self, judgements: Sequence[Judgement], ctx: RenderContext,
               errors: Sequence[tuple[str, str]] = ()) -> str:
        """The whole output; ``errors`` are per-source errors (source, message)."""

    def stream(self, recipe: ContextRecipe, write: Callable[[str], object]) -> FormatStream:
        """A renderer of judgements as they come; its output (each piece and a final newline)
        is ``render``'s, byte for byte."""
        return FormatStream(self, recipe, write)
