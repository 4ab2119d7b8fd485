"""The user's cache folder, shared by the caches that spare a command repeated start-up work
(parsed policy files: :mod:`embargo.policy.cache`; compiled patterns: :mod:`embargo.patterns`).

``$EMBARGO_CACHE_DIR``, else ``$XDG_CACHE_HOME/embargo``, else ``~/.cache/embargo``;
``EMBARGO_CACHE_DIR=off`` (or empty) turns every cache off.  A cache is only a shortcut: a
folder that cannot be made or written is simply not used, and one not owned by this user, or
writable by others, is neither read nor written (the entries are trusted as the user's own).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path


def cache_dir(part: str) -> Path | None:
    """The folder of one cache (``part``), or ``None`` when caching is turned off."""
    env = os.environ.get("EMBARGO_CACHE_DIR")
    if env is not None:
        if not env.strip() or env.strip().lower() == "off":
            return None
        return Path(env) / part
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "embargo" / part


def trusted(folder: Path) -> bool:
    """The folder exists, is this user's own and nobody else may write in it."""
    try:
        st = folder.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write_entry(folder: Path, name: str, data: bytes) -> None:
    """Write ``folder/name`` whole or not at all (a reader never sees half a file); made
    private to this user.  Silently nothing when it cannot be done."""
    import tempfile  # only when an entry is written

    try:
        if not folder.is_dir():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not trusted(folder):
            return
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            tmp.replace(folder / name)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
    except Exception:  # read-only, full disk: no cache
        return
