"""Importer family: one small class per source layout of abstracts."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar


@dataclass(frozen=True)
class RawRecord:
    """One record as read, with where it came from."""

    data: dict[str, Any]
    path: str
    line: int | None = None  # 1-based line (JSONL/CSV) or None (one record per file)


class Importer(ABC):
    """Reads abstracts of one layout.  ``name`` is what ``--format`` accepts."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    @abstractmethod
    def read(self, path: Path) -> Iterator[RawRecord]:
        """Yield raw records; raise ``InputError`` (with path and line) for unreadable input."""

    @classmethod
    def accepts(cls, path: Path) -> bool:
        return path.suffix.lower() in cls.suffixes
