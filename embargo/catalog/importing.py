"""Importing files into the catalogue: all or nothing by default, or skip the invalid."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from embargo.catalog.importers import importer_for
from embargo.catalog.records import ZoneLookup, record_to_abstract
from embargo.catalog.store import Catalog
from embargo.errors import InputError
from embargo.model import Abstract


@dataclass
class ImportReport:
    inserted: int = 0
    updated: int = 0
    skipped: list[InputError] = field(default_factory=list)
    unknown_keys: set[str] = field(default_factory=set)
    seconds: float = 0.0
    meetings: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        return self.inserted + self.updated


Progress = Callable[[int], None]


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith("."))
            if not found:
                raise InputError("the folder holds no files to import", path=str(p))
            out.extend(found)
        elif p.is_file():
            out.append(p)
        else:
            raise InputError("no such file or folder", path=str(p))
    return out


def import_paths(
    catalog: Catalog,
    paths: Iterable[str | Path],
    *,
    zone_for: ZoneLookup | None = None,
    skip_invalid: bool = False,
    fmt: str | None = None,
    progress: Progress | None = None,
    batch: int = 2000,
) -> ImportReport:
    """Import every file; one transaction, so a refused import changes nothing."""
    report = ImportReport()
    started = time.perf_counter()
    files = _expand(paths)
    conn = catalog.conn
    seen = 0
    pending: list[Abstract] = []
    try:
        conn.execute("BEGIN")
        for path in files:
            importer = importer_for(path, fmt)
            for raw in importer.read(path):
                try:
                    a = record_to_abstract(raw.data, zone_for)
                except InputError as e:
                    err = InputError(e.message, path=raw.path, line=raw.line, key=e.key)
                    if not skip_invalid:
                        raise err from None
                    report.skipped.append(err)
                    continue
                report.unknown_keys.update(a.extra)
                report.meetings.add(a.meeting)
                pending.append(a)
                seen += 1
                if len(pending) >= batch:
                    ins, upd = catalog.upsert_many(pending)
                    report.inserted += ins
                    report.updated += upd
                    pending.clear()
                    if progress:
                        progress(seen)
        if pending:
            ins, upd = catalog.upsert_many(pending)
            report.inserted += ins
            report.updated += upd
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    report.seconds = time.perf_counter() - started
    return report
