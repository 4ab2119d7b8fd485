"""Check-output family: every format renders the same judgements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from embargo.model import Judgement


@dataclass(frozen=True)
class RenderContext:
    zone: str  # the configured zone for human-readable times
    color: bool = False
    verbose: bool = False


class Format(ABC):
    """Renders judgements of ``embargo check`` / ``feeds check``."""

    name: ClassVar[str]

    @abstractmethod
    def render(self, judgements: Sequence[Judgement], ctx: RenderContext,
               errors: Sequence[tuple[str, str]] = ()) -> str:
        """The whole output; ``errors`` are per-source errors (source, message)."""
