"""The domain model: frozen dataclasses and enums shared by every layer.

Every ``datetime`` here is timezone-aware; constructors check it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class Kind(StrEnum):
    """Who publishes an item."""

    PRESS_RELEASE = "press-release"
    EDITORIAL = "editorial"
    SOCIAL = "social"
    SCHOLARLY = "scholarly"
    OTHER = "other"


class Tier(StrEnum):
    """How much of an abstract an item carries, weakest first."""

    EXISTENCE = "existence"  # the fact of acceptance, title, authors, presentation slot
    ABSTRACT = "abstract"  # what the abstract itself says
    BEYOND = "beyond"  # new or updated data, quotes, commentary, discussion
    MATERIAL = "material"  # presentation materials: slides, poster files, images, recordings


TIER_ORDER = (Tier.EXISTENCE, Tier.ABSTRACT, Tier.BEYOND, Tier.MATERIAL)


class Material(StrEnum):
    """What kind of presentation material (the sub-kinds of the ``material`` tier)."""

    SLIDES = "slides"  # a slide deck or poster file, attached or linked
    IMAGES = "images"  # photos or images of slides, posters or data
    RECORDINGS = "recordings"  # audio or video of a talk or session, or a link to it


MATERIAL_WORDS = {
    Material.SLIDES: "slides or poster file",
    Material.IMAGES: "photo or image of data",
    Material.RECORDINGS: "recording",
}


class Verdict(StrEnum):
    """The answer for an item at a publication instant."""

    PASS = "pass"
    REVIEW = "review"
    VIOLATION = "violation"

    @property
    def severity(self) -> int:
        return {"pass": 0, "review": 1, "violation": 2}[self.value]

    @staticmethod
    def worst(verdicts: list[Verdict] | tuple[Verdict, ...]) -> Verdict:
        return max(verdicts, key=lambda v: v.severity, default=Verdict.PASS)


CATEGORIES = ("poster", "oral", "late-breaking", "plenary", "trials-in-progress", "other")


def require_aware(value: datetime | None, what: str) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{what} must be timezone-aware, got naive {value!r}")


def _aware(value: datetime | None) -> bool:
    return value is None or (value.tzinfo is not None and value.utcoffset() is not None)


def _frozen_map(m: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(m or {}))


@dataclass(frozen=True)
class Session:
    title: str | None = None
    start: datetime | None = None
    end: datetime | None = None

    def __post_init__(self) -> None:
        require_aware(self.start, "session start")
        require_aware(self.end, "session end")


@dataclass(frozen=True)
class Abstract:
    """One abstract of one meeting, as the catalogue holds it."""

    meeting: str
    number: str
    title: str
    authors: tuple[str, ...] = ()
    body: str = ""
    keywords: tuple[str, ...] = ()
    category: str | None = None
    tags: tuple[str, ...] = ()
    session: Session | None = None
    online_at: datetime | None = None
    url: str | None = None
    trial_ids: tuple[str, ...] = ()
    events: Mapping[str, datetime] = field(default_factory=lambda: _frozen_map(None))
    lifts: Mapping[str, str] = field(default_factory=lambda: _frozen_map(None))
    exceptions: tuple[str, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=lambda: _frozen_map(None))

    def __post_init__(self) -> None:
        # The messages are written only for a value that fails (most abstracts have several
        # events: formatting each message up front was most of the cost).
        if not _aware(self.online_at):
            require_aware(self.online_at, f"{self.id} online_at")
        for name, value in self.events.items():
            if not _aware(value):
                require_aware(value, f"{self.id} event {name}")

    @property
    def id(self) -> str:
        return f"{self.meeting}:{self.number}"

    @property
    def labels(self) -> frozenset[str]:
        """The category and every tag: what policy rules select on."""
        out = set(self.tags)
        if self.category:
            out.add(self.category)
        return frozenset(out)

    def event_instants(self) -> dict[str, datetime]:
        """This abstract's own events, including those implied by ``online_at``/``session``."""
        out: dict[str, datetime] = {}
        if self.online_at is not None:
            out["abstracts_online"] = self.online_at
        if self.session is not None:
            if self.session.start is not None:
                out["session_start"] = self.session.start
            if self.session.end is not None:
                out["session_end"] = self.session.end
        out.update(self.events)
        return out


@dataclass(frozen=True)
class Link:
    """An item is about an abstract, with how sure we are and why."""

    abstract: Abstract
    confidence: float
    evidence: tuple[str, ...] = ()
    #: Where else the item places its data, when the linker read that it does (a journal
    #: paper, a topline, a regulator's decision, another meeting's presentation): a
    #: candidate's weak evidence is then that other publication's.
    elsewhere: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError("confidence must be within [0, 1]")


@dataclass(frozen=True)
class TierEvidence:
    """One sentence (or link) that puts an item in a tier for an abstract."""

    tier: Tier
    evidence: str
    reason: str = ""
    material: Material | None = None  # for the material tier: which kind of material
    # The finding rests on what the abstract's text may hold but the catalogue lacks (its
    # entry is marked ``partial``), or on a text the tier reader cannot read (another
    # language): a person must check it, it proves no breach.
    unsure: bool = False
    # What the person must check, when it is not the catalogue's partial entry.
    check: str = ""


@dataclass(frozen=True)
class KindGuess:
    kind: Kind
    confidence: float
    evidence: tuple[str, ...] = ()
    source: str = "inferred"  # "flag", "front matter", "config", "inferred"
    alternatives: tuple[Kind, ...] = ()  # other plausible kinds when the guess is uncertain


@dataclass(frozen=True)
class Item:
    """Something that is or will be published, ready to be judged."""

    source: str
    text: str
    kind: KindGuess
    published_at: datetime
    published_at_note: str = ""  # how the instant was obtained ("front matter", "now", ...)
    title: str | None = None
    links: tuple[Link, ...] = ()
    candidates: tuple[Link, ...] = ()
    tiers: Mapping[str, tuple[TierEvidence, ...]] = field(
        default_factory=lambda: _frozen_map(None)
    )  # abstract id -> evidence per tier
    meetings: tuple[str, ...] = ()  # meetings the item names or is declared about
    requirements_context: Mapping[str, Any] = field(default_factory=lambda: _frozen_map(None))

    def __post_init__(self) -> None:
        require_aware(self.published_at, "published_at")


@dataclass(frozen=True)
class Finding:
    """What a rule says about one abstract and tier of an item (or about the item)."""

    verdict: Verdict  # this finding alone
    message: str
    rule: str | None = None  # "<meeting>/<rule id>"
    abstract: str | None = None
    tier: Tier | None = None
    lifts_at: datetime | None = None  # exact lift, or the upper bound when only bounds are known
    lift_lower: datetime | None = None  # known lower bound when the exact lift is unknown
    evidence: str | None = None
    explanation: str | None = None  # the rule in plain words
    source_url: str | None = None
    consequence: str | None = None
    reason: str | None = None  # what in the evidence puts the item in this tier
    passages: tuple[TierEvidence, ...] = ()  # every sentence of this abstract and tier
    material: Material | None = None  # for the material tier: slides, images or recordings

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.PASS

    def __post_init__(self) -> None:
        require_aware(self.lifts_at, "lifts_at")
        require_aware(self.lift_lower, "lift_lower")


@dataclass(frozen=True)
class Judgement:
    """The verdict on one item, with everything that led to it."""

    item: Item
    verdict: Verdict
    findings: tuple[Finding, ...]
    earliest_compliant: datetime | None
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        require_aware(self.earliest_compliant, "earliest_compliant")
