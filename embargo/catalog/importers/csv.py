"""CSV with the JSONL columns.  List columns hold ``;``-separated values or a JSON array; object
columns (``session``, ``events``, ``lifts``) hold JSON, or use ``session_title``,
``session_start``, ``session_end`` columns."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from embargo.catalog.importers.base import ImportContext, Importer, RawRecord
from embargo.catalog.importers.jsonl import open_text
from embargo.errors import InputError

_LISTS = {"authors", "keywords", "trial_ids", "tags", "exceptions"}
_OBJECTS = {"session", "events", "lifts"}


class CsvImporter(Importer):
    """CSV with a header row naming the JSONL keys."""

    name: ClassVar[str] = "csv"
    suffixes: ClassVar[tuple[str, ...]] = (".csv", ".tsv")

    def read(self, path: Path, context: ImportContext | None = None) -> Iterator[RawRecord]:
        p = str(path)
        fh = open_text(path)
        reader = csv.DictReader(fh, delimiter=_delimiter(fh.getvalue(), path))
        if not reader.fieldnames:
            return
        missing = {"meeting", "number", "title"} - set(reader.fieldnames)
        if missing:
            raise InputError(f"the header lacks column(s) {', '.join(sorted(missing))}",
                             path=p, line=1)
        try:
            for row in reader:
                line = reader.line_num
                data: dict[str, Any] = {}
                session: dict[str, Any] = {}
                for key, value in row.items():
                    if key is None:
                        raise InputError("more fields than header columns", path=p, line=line)
                    value = (value or "").strip()
                    if not value:
                        continue
                    if key.startswith("session_") and key != "session_type":
                        session[key[len("session_"):]] = value
                    elif key in _LISTS:
                        data[key] = _list(value, key, p, line)
                    elif key in _OBJECTS:
                        try:
                            data[key] = json.loads(value)
                        except json.JSONDecodeError:
                            raise InputError("must hold a JSON object", path=p, line=line,
                                             key=key) from None
                    else:
                        data[key] = value
                if session and "session" not in data:
                    data["session"] = session
                yield RawRecord(data, p, line)
        except csv.Error as e:
            raise InputError(f"CSV: {e}", path=p, line=reader.line_num) from None


_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(text: str, path: Path) -> str:
    """The delimiter of the header row: the one that splits it into columns naming the
    required keys (spreadsheets in many locales write ``;``; ``.tsv`` files use tabs)."""
    header = text.split("\n", 1)[0]
    preferred = "\t" if path.suffix.lower() == ".tsv" else ","
    for d in (preferred, *(x for x in _DELIMITERS if x != preferred)):
        columns = {c.strip().strip('"') for c in next(csv.reader([header], delimiter=d), [])}
        if {"meeting", "number", "title"} <= columns:
            return d
    return preferred


def _list(value: str, key: str, path: str, line: int) -> list[str]:
    if value.startswith("["):
        try:
            out = json.loads(value)
        except json.JSONDecodeError:
            raise InputError("not a JSON array", path=path, line=line, key=key) from None
        if not isinstance(out, list):
            raise InputError("not a list", path=path, line=line, key=key)
        return [str(x) for x in out]
    return [v.strip() for v in value.split(";") if v.strip()]
