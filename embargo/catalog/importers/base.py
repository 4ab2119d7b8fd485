"""Importer family: one small class per source layout of abstracts."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar


@dataclass(frozen=True)
class RawRecord:
    """One record as read, with where it came from."""

    data: dict[str, Any]
    path: str
    line: int | None = None  # 1-based line (JSONL/CSV) or None (one record per file)


@dataclass
class ImportContext:
    """What an importer may need to know beyond the file: meetings, zones, an override.

    ``meeting_names`` maps a lower-cased meeting name or alias (from the loaded policies) to
    its meeting id; ``zone_for`` gives the venue zone of a meeting id (None when no policy is
    loaded for it); ``meeting`` forces every record into one meeting (``--meeting``).
    Importers append human-readable notes (shown after the import) to ``notes``.
    """

    zone_for: Callable[[str], str | None] | None = None
    meeting_names: Mapping[str, str] = field(default_factory=dict)
    meeting: str | None = None
    notes: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)


class Importer(ABC):
    """Reads abstracts of one layout.  ``name`` is what ``--input-format`` accepts."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    @abstractmethod
    def read(self, path: Path, context: ImportContext | None = None) -> Iterator[RawRecord]:
        """Yield raw records; raise ``InputError`` (with path and line) for unreadable input."""

    @classmethod
    def accepts(cls, path: Path) -> bool:
        return path.suffix.lower() in cls.suffixes
