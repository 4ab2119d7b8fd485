"""Check-output family: every format renders the same judgements."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from embargo.errors import printable
from embargo.model import Judgement

__all__ = ["Format", "RenderContext", "printable", "valid_text", "xml_text"]

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
