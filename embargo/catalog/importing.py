"""Importing files into the catalogue: all or nothing by default, or skip the invalid."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from embargo import collector
from embargo.catalog.importers import ImportContext, importer_for
from embargo.catalog.indexer import Indexer, Row, job_of
from embargo.catalog.records import DOCUMENTED_EXTRA, ZoneLookup, record_to_abstract
from embargo.catalog.store import Catalog, busy_or_input
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
    notes: list[str] = field(default_factory=list)

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
    meeting: str | None = None,
    meeting_names: Mapping[str, str] | None = None,
    no_workers: bool = False,
) -> ImportReport:
    """Import every file; one transaction, so a refused import changes nothing.

    ``meeting`` puts every record into that meeting (``--meeting``); ``meeting_names`` maps
    lower-cased meeting names and aliases to ids, for pages that name their meeting.
    """
    report = ImportReport()
    ctx = ImportContext(zone_for=zone_for, meeting_names=dict(meeting_names or {}),
                        meeting=meeting)
    started = time.perf_counter()
    files = _expand(paths)
    conn = catalog.conn
    seen = 0
    pending: list[Abstract] = []
    fresh = False  # set once the write lock is held
    first_line: dict[str, tuple[str, int | None]] = {}  # abstract id → where it was read
    indexer: Indexer | None = None
    waiting: list[Future[list[Row]]] = []

    def flush() -> None:
        nonlocal indexer
        if indexer is None:
            # A large import into an empty catalogue: index on a second core.
            indexer = Indexer(parallel=fresh and len(pending) >= batch and not no_workers)
        plan = catalog.plan_batch(pending)
        job = indexer.submit([job_of(r, a) for r, _, a in plan])
        # The full-text index is written with each batch: in a large import the workers'
        # profiling is the slower side, so this work fills time the writer would spend
        # waiting for them, instead of a one-core pass at the end.
        ins, upd = catalog.write_batch(plan)
        report.inserted += ins
        report.updated += upd
        waiting.append(job)
        if len(waiting) > 2:
            catalog.store_link_rows(waiting.pop(0).result())
        pending.clear()

    # Garbage collection paused for the import: its millions of objects (records, abstracts,
    # rows, profiles) hold no reference cycles, yet the collector's passes cost a tenth of the
    # writer's time and more in the indexing workers, forked from this process (they inherit
    # the setting), whose every pass walks the inherited heap, copying its pages.
    with catalog.bulk(), collector.paused():
        try:
            # The write lock is taken at once (waiting for another import to finish): a
            # deferred transaction that reads first could not take it later without failing.
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise busy_or_input(e, catalog.path) from None
        try:
            fresh = catalog.count() == 0
            for path in files:
                importer = importer_for(path, fmt)
                first_line.clear()
                for raw in importer.read(path, ctx):
                    if meeting:
                        raw.data["meeting"] = meeting
                    try:
                        a = record_to_abstract(raw.data, zone_for)
                    except InputError as e:
                        err = InputError(e.message, path=raw.path, line=raw.line, key=e.key)
                        if not skip_invalid:
                            raise err from None
                        report.skipped.append(err)
                        continue
                    where = first_line.setdefault(a.id, (raw.path, raw.line))
                    if where != (raw.path, raw.line):
                        err = InputError(
                            f"abstract {a.id} appears twice in this file (first at line "
                            f"{where[1]}); one row per abstract, please", path=raw.path,
                            line=raw.line)
                        if not skip_invalid:
                            raise err
                        report.skipped.append(err)
                        continue
                    report.unknown_keys.update(k for k in a.extra
                                               if k not in DOCUMENTED_EXTRA)
                    report.meetings.add(a.meeting)
                    pending.append(a)
                    seen += 1
                    if len(pending) >= batch:
                        flush()
                        if progress:
                            progress(seen)
            if pending:
                flush()
            if indexer is not None and indexer.parallel and not report.updated:
                # Queued behind the last batches (each worker's queue is FIFO): the workers
                # finish profiling and build the term table while this process stores the
                # link rows it has.
                indexer.start_table(report.inserted)
            for job in waiting:
                catalog.store_link_rows(job.result())
            if report.total:
                built = indexer.table() if indexer is not None and not report.updated \
                    else None
                if built is not None and built[0] == catalog.count():
                    catalog.write_link_terms(*built)
                else:
                    catalog.rebuild_link_index()
            conn.execute("COMMIT")
        except sqlite3.OperationalError as e:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise busy_or_input(e, catalog.path) from None
        except BaseException:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise
        finally:
            if indexer is not None:
                indexer.close()
    report.notes.extend(ctx.notes)
    report.seconds = time.perf_counter() - started
    return report


def _durable(path: Path) -> None:
    """Flush a finished file to disk (a power cut after the move must not leave half of it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def import_new(target: Path, paths: Iterable[str | Path], **options: Any
               ) -> tuple[ImportReport, int] | None:
    """Import into a catalogue file that does not exist yet: build it aside in the same
    folder (no journal, no syncs: nobody else can have it open) and move it into place once
    complete, as a WAL file like any other.  Returns the report and how many abstracts the
    catalogue holds; ``None`` when ``target`` appeared meanwhile (another import made it
    first): the caller then imports into it as usual.  A refused import leaves no file.

    Options are those of :func:`import_paths`."""
    tmp = target.with_name(f".{target.name}.importing-{os.getpid()}")
    try:
        catalog = Catalog(tmp, building=True)
        catalog.path = str(target)  # what messages and reports name
        try:
            report = import_paths(catalog, paths, **options)
            total = catalog.count()
            catalog.finish_building()
        finally:
            catalog.close()
        _durable(tmp)  # built without syncs: on disk before anyone can open it by its name
        try:
            target.hardlink_to(tmp)  # never replaces a catalogue made meanwhile
        except FileExistsError:
            return None
        except OSError:  # a file system without hard links
            if target.exists():
                return None
            tmp.replace(target)
        with suppress(OSError):  # the new name itself (not every platform syncs a folder)
            _durable(target.parent)
        return report, total
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)
