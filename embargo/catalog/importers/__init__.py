"""Importer registry: the formats ``embargo abstracts import`` reads."""

from __future__ import annotations

from pathlib import Path

from embargo.catalog.importers.base import ImportContext, Importer, RawRecord
from embargo.catalog.importers.csv import CsvImporter
from embargo.catalog.importers.html import HtmlImporter
from embargo.catalog.importers.jsonl import JsonlImporter
from embargo.errors import InputError

REGISTRY: dict[str, type[Importer]] = {
    cls.name: cls for cls in (JsonlImporter, CsvImporter, HtmlImporter)
}


def importer_for(path: Path, name: str | None = None) -> Importer:
    if name is not None:
        if name not in REGISTRY:
            raise InputError(f"unknown import format {name!r}; use one of "
                             f"{', '.join(sorted(REGISTRY))}")
        return REGISTRY[name]()
    for cls in REGISTRY.values():
        if cls.accepts(path):
            return cls()
    raise InputError(f"cannot tell the format from the name; use --format "
                     f"({', '.join(sorted(REGISTRY))})", path=str(path))


__all__ = ["REGISTRY", "ImportContext", "Importer", "RawRecord", "importer_for"]
