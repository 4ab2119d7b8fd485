"""A cache of parsed policy files, so that a command does not parse the same TOML every run.

Reading the bundled policies (``tomllib``, every lift and date of every rule, the line of each
key) costs about 40 ms of a 0.3 s ``embargo check``; unpickling the same policies costs 2 ms.

An entry is used only when everything the parse depended on is unchanged; otherwise the file
is parsed as before (and the entry rewritten).  Its key, kept in the entry in full and
compared before the entry is used (the file name is only a checksum of it), holds:

* the file's path as given (a policy remembers it) and its whole text (not its time stamp:
  an edit in the same second is still seen);
* this embargo's version and the size and modification time of the source of every module
  that reads policies or times (so a change of the code, even in an editable install without
  a new version number, makes a new key), and Python's version;
* the size and modification time of dateutil's parser and of the time zone database
  (``zoneinfo.TZPATH`` folders and the ``tzdata`` package): lifts are instants computed with
  them.

The cache is only ever a shortcut.  An entry that cannot be read, unpickled, or is not a
policy of that very text is ignored (and rewritten); a folder that cannot be created or
written is simply not used; a folder not owned by this user, or writable by others, is
neither read nor written (an entry is a pickle: only the user's own files are trusted).
Errors are never cached: a file that does not load is parsed, and reported, every time.

Where: the ``policies`` folder of :func:`embargo.cachedir.cache_dir` (``~/.cache/embargo``;
``EMBARGO_CACHE_DIR=off`` turns it off).
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import Any

from embargo.cachedir import cache_dir as shared_cache_dir
from embargo.cachedir import trusted, write_entry
from embargo.policy.schema import Policy

#: Bump when the layout of an entry changes.
FORMAT = 1
_PKG = Path(__file__).resolve().parents[1]
#: The modules a parsed policy depends on (their source, by size and time stamp).
_CODE_DIRS = (_PKG, _PKG / "policy", _PKG / "timeparse")

_fingerprint: str | None = None


def cache_dir() -> Path | None:
    """The folder of the policy cache, or ``None`` when it is turned off."""
    return shared_cache_dir("policies")


def _stat_key(path: str | Path) -> str:
    try:
        st = Path(path).stat()
    except OSError:
        return f"{path}:-"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def _module_file(name: str) -> str | None:
    """Where module ``name`` would be imported from, without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    return spec.origin if spec is not None else None


def fingerprint() -> str:
    """What a parsed policy depends on besides its own text (computed once per process)."""
    global _fingerprint
    if _fingerprint is not None:
        return _fingerprint
    from zoneinfo import TZPATH

    from embargo import __version__

    parts = [f"format {FORMAT}", f"embargo {__version__}", f"python {sys.version}"]
    for d in _CODE_DIRS:
        try:
            with os.scandir(d) as entries:
                files = sorted((e.name, e.stat()) for e in entries if e.name.endswith(".py"))
        except OSError:
            files = []
        parts += [f"{d}/{n}:{st.st_size}:{st.st_mtime_ns}" for n, st in files]
    dateutil = _module_file("dateutil")
    if dateutil:
        parts.append(_stat_key(dateutil))
        parts.append(_stat_key(Path(dateutil).parent / "parser" / "_parser.py"))
    parts += [_stat_key(p) for p in TZPATH]
    tzdata = _module_file("tzdata")
    parts.append(_stat_key(Path(tzdata).parent) if tzdata else "tzdata:-")
    _fingerprint = "\n".join(parts)
    return _fingerprint


def _entry(folder: Path, path: str, text: str) -> Path:
    """The entry's file name: a 64-bit checksum of its key.  It need not be unforgeable:
    what an entry holds is compared with the key in full before it is used."""
    key = "\0".join((fingerprint(), path, text)).encode("utf-8", "surrogateescape")
    return folder / f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}.pickle"


def cached_policy(path: str, text: str) -> tuple[Policy | None, Path | None]:
    """(the policy parsed earlier from this very text, or None; where to store it)."""
    folder = cache_dir()
    if folder is None or not trusted(folder):
        return None, folder
    entry = _entry(folder, path, text)
    try:
        with open(entry, "rb") as f:
            got: Any = pickle.load(f)
    except Exception:  # missing, unreadable, truncated, from other code: parse instead
        return None, folder
    if (isinstance(got, tuple) and len(got) == 3 and got[0] == FORMAT
            and got[1] == fingerprint() and isinstance(got[2], Policy)
            and got[2].path == path and got[2].text == text):
        return got[2], folder
    return None, folder


def store_policy(folder: Path | None, policy: Policy) -> None:
    """Keep ``policy`` for the next run; silently nothing when that cannot be done."""
    if folder is None or policy.path is None:
        return
    try:
        data = pickle.dumps((FORMAT, fingerprint(), policy), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a policy that does not pickle: no cache
        return
    write_entry(folder, _entry(folder, policy.path, policy.text).name, data)
