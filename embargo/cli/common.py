"""What every command shares: the common options, opening a session, colour."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING

from embargo import collector
from embargo.errors import InputError

if TYPE_CHECKING:
    from embargo.api import Embargo
    from embargo.config import Config

DRAFT_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".html", ".htm", ".eml", ".mdown")


def starting_up() -> AbstractContextManager[None]:
    """Automatic garbage collection paused while a command starts up (imports its modules,
    reads its configuration, policies and catalogue), then resumed as it was.

    Start-up makes tens of thousands of objects (modules, classes, compiled patterns,
    policies) that live as long as the process: the collector's passes over them, some forty
    in a check, were a twentieth of a single check and freed only a few hundred small
    objects (left now until the process ends).  When start-up is over its objects are moved
    out of the collector's sight (``gc.freeze``), so that the passes of the command's own
    work do not walk them again either."""
    return collector.paused(freeze=True)


def add_common(p: argparse.ArgumentParser, *, no_catalog: bool = False) -> None:
    g = p.add_argument_group("common options")
    g.add_argument("--config", metavar="FILE",
                   help="configuration file (default: $EMBARGO_CONFIG or ./embargo.toml)")
    g.add_argument("--policies", metavar="DIR", action="append", default=[],
                   help="extra policy folder or file (repeatable); bundled policies always load")
    g.add_argument("--catalog", metavar="PATH", help="abstract catalogue (SQLite file)")
    if no_catalog:
        g.add_argument("--no-catalog", action="store_true",
                       help="check without an abstract catalogue: an item that names no "
                            "abstract is then `review`, never `pass` (config: catalog = false)")


def require_catalog(path: Path, *, hint: str = "") -> int:
    """The number of abstracts in the catalogue at ``path``; an input error naming the path
    when it is missing or empty (checking against nothing would pass what it cannot know)."""
    from embargo.catalog.store import Catalog

    try:
        cat = Catalog(path, readonly=True)
    except InputError as e:
        if hint and not Path(path).exists():
            raise InputError(f"{e.message} {hint}", path=e.path) from None
        raise
    with cat:
        n = cat.count()
    if n == 0:
        raise InputError("the abstract catalogue holds no abstracts: import them with "
                         f"`embargo abstracts import FILE`{' ' + hint if hint else ''}",
                         path=str(path))
    return n


def config_from(args: argparse.Namespace) -> Config:
    from embargo.config import find_config, load_config

    return load_config(find_config(getattr(args, "config", None)))


def open_session(args: argparse.Namespace, *, readonly: bool = True,
                 require: bool = True) -> Embargo:
    """A checking session with the catalogue of ``--catalog`` or the config.  ``require``:
    refuse a missing or empty catalogue (unless ``--no-catalog`` or ``catalog = false``)."""
    from embargo.api import Embargo
    from embargo.catalog.store import Catalog

    cfg = config_from(args)
    if getattr(args, "no_catalog", False):
        if getattr(args, "catalog", None):
            raise InputError("give --catalog or --no-catalog, not both")
        cfg = replace(cfg, no_catalog=True)
    elif getattr(args, "catalog", None):
        cfg = replace(cfg, catalog=Path(args.catalog), no_catalog=False)
    if cfg.no_catalog:
        return Embargo(cfg, extra_policies=getattr(args, "policies", []) or [])
    if require:
        require_catalog(cfg.catalog, hint="(or check without one: --no-catalog)")
    catalog = Catalog(cfg.catalog, readonly=readonly)
    return Embargo(cfg, catalog=catalog, extra_policies=getattr(args, "policies", []) or [])


def use_color(stream: IO[str], choice: str = "auto") -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def expand_drafts(paths: list[str]) -> list[str]:
    """Files as given; folders walked for draft files (sorted)."""
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            # Hidden files and folders are skipped *inside* the folder given; the folder's
            # own path may hold `..` or dot-folders (`../drafts`, `~/.work/drafts`).
            found = sorted(str(x) for x in path.rglob("*")
                           if x.is_file() and x.suffix.lower() in DRAFT_SUFFIXES
                           and not any(part.startswith(".")
                                       for part in x.relative_to(path).parts))
            if not found:
                raise InputError("the folder holds no drafts (.md, .txt, .html, .eml)", path=p)
            out.extend(found)
        elif not path.exists():
            raise InputError("no such file or folder", path=p)
        else:
            out.append(p)
    return out


def read_stdin_bytes() -> bytes:
    return sys.stdin.buffer.read()
