"""Reader family: one class per draft format, each turning bytes into a :class:`Draft`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from embargo.content.draft import Draft


class Reader(ABC):
    """Reads one format of draft."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    @abstractmethod
    def read(self, text: str, source: str, default_zone: str) -> Draft:
        """Turn decoded text into a Draft; raise ``InputError`` for malformed input."""

    @classmethod
    def accepts(cls, suffix: str) -> bool:
        return suffix.lower() in cls.suffixes
