"""JSON Lines: one abstract object per line (the contract's import format)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from embargo.catalog.importers.base import ImportContext, Importer, RawRecord
from embargo.errors import InputError


class JsonlImporter(Importer):
    """JSON Lines, one abstract per line (UTF-8)."""

    name: ClassVar[str] = "jsonl"
    suffixes: ClassVar[tuple[str, ...]] = (".jsonl", ".ndjson", ".json")

    def read(self, path: Path, context: ImportContext | None = None) -> Iterator[RawRecord]:
        p = str(path)
        for number, line in enumerate(_lines(path), start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"not valid JSON: {e.msg} (column {e.colno})", path=p,
                                 line=number) from None
            if not isinstance(data, dict):
                raise InputError("each line must be one JSON object", path=p, line=number)
            yield RawRecord(data, p, number)


def _lines(path: Path) -> Iterator[str]:
    """The lines of a UTF-8 file (BOM tolerated), read as a stream; errors name the line."""
    try:
        fh = path.open("rb")
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", path=str(path)) from None
    with fh:
        for number, raw in enumerate(fh, start=1):
            if number == 1:
                if b"\x00" in raw[:4096]:
                    raise InputError("this is a binary file, not UTF-8 text", path=str(path))
                if raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError("not UTF-8 text (catalogue files must be UTF-8)",
                                 path=str(path), line=number) from None


def open_text(path: Path):  # type: ignore[no-untyped-def]
    """Open a UTF-8 text file (BOM tolerated) with errors that name the line."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", path=str(path)) from None
    if b"\x00" in raw[:4096]:
        raise InputError("this is a binary file, not UTF-8 text", path=str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError("not UTF-8 text (catalogue files must be UTF-8)", path=str(path),
                         line=line) from None
    import io

    return io.StringIO(text)
