"""Draft folders: every draft file under a folder, re-read on each scan.

An entry's key is its path relative to the folder; its content hash is the hash of the file's
bytes, so an edit (or a moved ``publish_at``) is a change.  The draft readers of
``embargo.content`` read the bytes when the entry is judged.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path
from typing import ClassVar

from embargo.config import DraftsConfig
from embargo.content.readers import MAX_BYTES
from embargo.sources.base import ConfiguredSource, Entry, Harvest, Validators

DRAFT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text", ".html", ".htm",
                  ".eml")


def draft_files(folder: Path, pattern: str = "*") -> list[Path]:
    """Draft files under ``folder`` matching ``pattern`` (hidden files and folders skipped)."""
    found = []
    for p in folder.rglob(pattern):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if not p.is_file():
            continue
        if pattern == "*" and p.suffix.lower() not in DRAFT_SUFFIXES:
            continue
        found.append(p)
    return sorted(found)


class DraftFolderSource(ConfiguredSource):
    """A folder of drafts (Markdown, text, HTML, e-mail) re-checked on a schedule."""

    name: ClassVar[str] = "drafts"
    config: DraftsConfig

    def __init__(self, config: DraftsConfig, stop: threading.Event | None = None) -> None:
        self.config = config
        self.stop = stop

    @property
    def key(self) -> str:
        return f"drafts:{self.config.path}"

    @property
    def label(self) -> str:
        return str(self.config.path)

    def poll(self, validators: Validators | None = None) -> Harvest:
        started = time.monotonic()
        folder = self.config.path
        h = Harvest(self.key, self.label, str(folder))
        if not folder.is_dir():
            h.error = "no such folder" if not folder.exists() else "not a folder"
            h.duration = time.monotonic() - started
            return h
        try:
            files = draft_files(folder, self.config.pattern)
        except OSError as e:
            h.error = f"cannot list the folder: {e.strerror or e}"
            h.duration = time.monotonic() - started
            return h
        for f in files:
            if self.stop is not None and self.stop.is_set():
                h.notes.append("scan abandoned: the daemon is stopping")
                break
            rel = f.relative_to(folder).as_posix()
            try:
                st = f.stat()
                if st.st_size > MAX_BYTES:
                    h.entries.append(_unreadable(rel, f, st, f"larger than {MAX_BYTES} bytes"))
                    continue
                raw = f.read_bytes()
            except FileNotFoundError:  # deleted between listing and reading: gone
                continue
            except OSError as e:
                h.entries.append(_unreadable(rel, f, None, f"cannot read: {e.strerror or e}"))
                continue
            h.bytes_read += len(raw)
            h.entries.append(Entry(
                key=f"path:{rel}", text="", content_hash=hashlib.sha256(raw).hexdigest(),
                title=None, link=str(f), published_at=None,
                published_note="", raw=raw, path=str(f)))
        h.duration = time.monotonic() - started
        return h


def _unreadable(rel: str, path: Path, st: os.stat_result | None, reason: str) -> Entry:
    """An entry for a draft file that cannot be read: judged ``review`` with ``reason``."""
    stamp = f"{st.st_size}-{st.st_mtime_ns}" if st is not None else ""
    digest = hashlib.sha256(f"unreadable|{reason}|{stamp}".encode()).hexdigest()
    return Entry(key=f"path:{rel}", text="", content_hash=digest, title=None, link=str(path),
                 raw=b"", path=str(path), error=reason)
