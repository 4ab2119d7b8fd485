"""Policies and catalogue, loaded once per process and reloaded when their files change.

Every use of the loaded :class:`~embargo.api.Embargo` runs on one worker thread (the SQLite
connection stays on the thread that opened it, and judging is CPU-bound, so more threads
would only take turns on the interpreter lock).  Before each use the files it was loaded from
are looked at (a ``stat`` each: the config, every policy file and folder, the catalogue and
its write-ahead log); when one changed, a new session is loaded and swapped in.  A reload
that fails leaves the service refusing with that error (503) until the file is fixed: answers
from policies that are no longer on disk would be wrong.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from embargo.api import Embargo
from embargo.catalog.store import Catalog
from embargo.config import load_config
from embargo.errors import InputError
from embargo.policy.loader import bundled_dir
from embargo.timeparse import now_utc
from embargo.web.errors import ApiError
from embargo.web.settings import ServeSettings

log = logging.getLogger("embargo.serve")
T = TypeVar("T")
Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass
class Loaded:
    emb: Embargo
    fingerprint: Fingerprint
    loaded_at: datetime
    seconds: float
    generation: int
    cache: dict[Any, Any] = field(default_factory=dict)  # results that last until a reload


def _stat(path: Path) -> tuple[str, int, int]:
    try:
        st = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), st.st_mtime_ns, st.st_size)


class Sessions:
    """The current session, on its own thread; reloaded when its files change."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embargo-judge")
        self.loaded: Loaded | None = None
        self.failed: tuple[Fingerprint, InputError] | None = None
        self.generation = 0

    # ------------------------------------------------------------ on the judging thread

    def _paths(self, catalog: Path, policies: list[Path]) -> list[Path]:
        out: list[Path] = []
        if self.settings.config_path is not None:
            out.append(self.settings.config_path)
        for p in policies:
            out.append(p)
            if p.is_dir():
                out.extend(sorted(p.glob("*.toml")))
        out += [catalog, Path(f"{catalog}-wal")]
        return out

    def _watched(self) -> tuple[Path, list[Path]]:
        """The catalogue and the policy files/folders a load reads.  The config is read again
        only when no session is loaded (it is watched itself: when it changes, all reload)."""
        cfg = self.loaded.emb.config if self.loaded is not None else None
        if cfg is None:
            try:
                cfg = load_config(self.settings.config_path)
            except InputError:
                cfg = None
        catalog = self.settings.catalog or (cfg.catalog if cfg else Path("embargo-catalog.db"))
        policies = [*(cfg.policies if cfg else ()),
                    *(Path(p) for p in self.settings.extra_policies)]
        b = bundled_dir()
        return catalog, ([b] if b else []) + policies

    def fingerprint(self) -> Fingerprint:
        catalog, policies = self._watched()
        return tuple(_stat(p) for p in self._paths(catalog, policies))

    def _open(self) -> Embargo:
        """A session as ``embargo check`` opens one: ``--catalog`` wins over the config; a
        missing or empty catalogue is refused unless the config says ``catalog = false``."""
        cfg = load_config(self.settings.config_path)
        if self.settings.catalog is not None:
            cfg = replace(cfg, catalog=self.settings.catalog, no_catalog=False)
        if cfg.no_catalog:
            return Embargo(cfg, extra_policies=self.settings.extra_policies)
        catalog = Catalog(cfg.catalog, readonly=True)
        try:
            if catalog.count() == 0:
                raise InputError("the abstract catalogue holds no abstracts: import them with "
                                 "`embargo abstracts import FILE` (or serve without one: "
                                 "catalog = false in the config)", path=str(cfg.catalog))
            return Embargo(cfg, catalog=catalog, extra_policies=self.settings.extra_policies)
        except BaseException:
            catalog.close()
            raise

    def current(self) -> Loaded:
        """The loaded session, reloaded first when a watched file changed."""
        if self.loaded is not None and not self.settings.reload:
            return self.loaded
        fp = self.fingerprint()
        if self.loaded is not None and fp == self.loaded.fingerprint:
            return self.loaded
        if self.failed is not None and self.failed[0] == fp:
            raise ApiError(503, f"policies, catalogue or config could not be reloaded: "
                           f"{self.failed[1]} (fix the file; the service reloads it)")
        start = time.perf_counter()
        try:
            emb = self._open()
        except InputError as e:
            self.failed = (fp, e)
            log.error("reload failed: %s", e)
            raise ApiError(503, f"policies, catalogue or config could not be reloaded: {e} "
                           "(fix the file; the service reloads it)") from None
        old, self.failed = self.loaded, None
        self.generation += 1
        # Opening the catalogue may create its write-ahead log: look again once it is open.
        self.loaded = Loaded(emb, fp, now_utc(), time.perf_counter() - start, self.generation)
        self.loaded.fingerprint = self.fingerprint()
        if old is not None:
            old.emb.close()
            log.info("reloaded policies and catalogue (generation %d, %.2f s)",
                     self.generation, self.loaded.seconds)
        return self.loaded

    # ------------------------------------------------------------ from the event loop

    def load_now(self) -> Loaded:
        """Load on the judging thread and wait (start-up: fail before listening, with the
        file's own error)."""
        try:
            return self.pool.submit(self.current).result()
        except ApiError:
            if self.failed is not None:
                raise self.failed[1] from None
            raise

    async def run(self, fn: Callable[[Loaded], T]) -> T:
        """Run ``fn`` with the current session on the judging thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, lambda: fn(self.current()))

    async def info(self) -> Loaded:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, self.current)

    def close(self) -> None:
        def shut() -> None:
            if self.loaded is not None:
                self.loaded.emb.close()
                self.loaded = None

        self.pool.submit(shut).result()
        self.pool.shutdown(wait=True)


def keep_draft(folder: Path, raw: bytes, source: str, result: str) -> Path:
    """Write a checked draft and its JSON judgement (only when the config asks for it)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now_utc().strftime("%Y%m%dT%H%M%S%fZ")
    suffix = Path(source).suffix if source not in ("-", "") else ""
    if not suffix or len(suffix) > 6 or not suffix[1:].isalnum():
        suffix = ".txt"
    path = folder / f"{stamp}-{os.getpid()}{suffix}"
    path.write_bytes(raw)
    path.with_name(path.name + ".json").write_text(result, encoding="utf-8")
    return path
