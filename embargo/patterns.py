"""Regular expressions compiled when first used, and compiled once for many runs.

Compiling a large pattern costs a millisecond or more, and a module that defines dozens at
import time makes every command pay for them, used or not (``embargo check`` with the kind in
the front matter never runs the kind markers).  :class:`LazyPattern` has the methods of
:class:`re.Pattern` the code uses and compiles on the first call, once.

Most patterns are used, though, and compiling them (Python's own parser and compiler of
regular expressions, written in Python) was about a quarter of an ``embargo check``: 70 ms.
:func:`compile` keeps what that compiler makes of each pattern (the matcher's code, a list
of integers, with its group names) in the user's cache folder (:mod:`embargo.cachedir`), and
the next run builds the very same :class:`re.Pattern` from it with ``_sre.compile``, as
``re`` itself does, without compiling again.  The cache belongs to one build of Python (its
version and the matcher's ``MAGIC`` are part of its name and checked inside); a file that is
missing, damaged (a checksum covers it) or from another Python is ignored and rebuilt, and
whatever fails falls back to :func:`re.compile`.  New patterns are added when the process
ends.  Only CPython 3.11 to 3.13, whose ``re._compiler`` this follows, use it.

Each entry is kept marshalled on its own inside the file's table, and read only when its
pattern is first compiled: a run uses a few hundred of the table's entries, and reading every
entry's code at start-up was most of the cost of the file (10 ms of a check).
"""

from __future__ import annotations

import _thread
import functools
import marshal
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

# ----------------------------------------------------------------------- compiled once

#: Bump when the layout of the file changes (it is part of the file's name, so that an older
#: embargo sharing the cache folder keeps its own file instead of rewriting this one).
_FORMAT = 2
#: At most this many patterns are kept (patterns made from policies vary with them).
_LIMIT = 4000
_lock = _thread.allocate_lock()
_table: dict[tuple[str, int], bytes] | None = None  # each entry marshalled on its own
_used: set[tuple[str, int]] = set()
_new: dict[tuple[str, int], None] = {}
#: Answers of :func:`required_literals` found by this run, kept in the same file under the
#: pattern's flags with this bit set (no flag of ``re`` uses it).
_LITERALS = 1 << 30
_new_literals: dict[tuple[str, int], tuple[str, ...] | None] = {}
#: Every answer of :func:`required_literals` in this run, from the file or found anew (a
#: pattern asked about for each text is parsed at most once, with or without the file).
_run_literals: dict[tuple[str, int], tuple[str, ...] | None] = {}
_MISSING: Any = object()  # a key the table lacks
_saving = False


@functools.cache
def _engine() -> Any:
    """``_sre`` when this Python builds patterns as this module expects, else None."""
    if sys.implementation.name != "cpython" or not (3, 11) <= sys.version_info[:2] <= (3, 13):
        return None
    try:
        import _sre  # type: ignore[import-not-found]

        _internals()
    except ImportError:
        return None
    return _sre


def _internals() -> tuple[Any, Any]:
    """``re``'s own parser and compiler (private modules, hence looked up by name)."""
    import importlib

    return importlib.import_module("re._parser"), importlib.import_module("re._compiler")


def _cache_file() -> Any:
    from embargo.cachedir import cache_dir

    folder = cache_dir("patterns")
    sre = _engine()
    if folder is None or sre is None:
        return None
    return folder / f"{sys.implementation.cache_tag}-{sre.MAGIC}-{_FORMAT}.marshal"


def _header() -> tuple[Any, ...]:
    sre = _engine()
    return (_FORMAT, sys.version, sre.MAGIC, sre.CODESIZE, sre.MAXGROUPS)


def _load() -> dict[tuple[str, int], bytes]:
    """The patterns compiled by earlier runs, each entry still marshalled (see
    :func:`_entry`); empty when there are none to trust."""
    import zlib

    from embargo.cachedir import trusted

    path = _cache_file()
    if path is None or not trusted(path.parent):
        return {}
    try:
        header, crc, payload = marshal.loads(path.read_bytes())
        if header != _header() or zlib.crc32(payload) != crc:
            return {}
        table = marshal.loads(payload)
    except Exception:  # missing, damaged, from elsewhere: compile as usual
        return {}
    return table if isinstance(table, dict) else {}


def _entry(raw: Any) -> Any:
    """One entry of the table as stored (the arguments of ``_sre.compile`` after the pattern,
    or the answer of :func:`required_literals`); ``_MISSING`` when it cannot be read."""
    if type(raw) is not bytes:
        return _MISSING
    try:
        return marshal.loads(raw)
    except Exception:  # damaged: compile as usual
        return _MISSING


def _code_of(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` after the pattern."""
    _parser, _compiler = _internals()
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = p.state.groupdict
    indexgroup: list[str | None] = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (int(flags | p.state.flags), [int(c) for c in code], p.state.groups - 1,
            dict(groupindex),
            tuple(indexgroup))


def _save() -> None:
    """Add this process's new patterns to the file (each checked against ``re.compile``)."""
    import zlib

    from embargo.cachedir import write_entry

    with _lock:
        new = list(_new)
        _new.clear()
        literals = dict(_new_literals)
        _new_literals.clear()
    path = _cache_file()
    if not (new or literals) or path is None:
        return
    try:
        table = _load()
        if len(table) + len(new) + len(literals) > _LIMIT:
            table = {k: v for k, v in table.items() if k in _used}
        sre = _engine()
        for pattern, flags in new:
            entry = _code_of(pattern, flags)
            if sre.compile(pattern, *entry) == re.compile(pattern, flags):
                table[pattern, flags] = marshal.dumps(entry)
        table.update((k, marshal.dumps(v)) for k, v in literals.items())
        payload = marshal.dumps(table)
        write_entry(path.parent, path.name,
                    marshal.dumps((_header(), zlib.crc32(payload), payload)))
    except Exception:  # a cache is never worth an error
        return


def _loaded() -> dict[tuple[str, int], bytes]:
    """The table of earlier runs, read once."""
    global _table
    table = _table
    if table is None:
        with _lock:
            if _table is None:
                _table = _load() if _engine() is not None else {}
            table = _table
    return table


def _save_at_exit() -> None:
    """Have :func:`_save` run when the process ends (once); call with ``_lock`` held."""
    global _saving
    if not _saving:
        import atexit

        atexit.register(_save)
        _saving = True


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``: the same pattern, built from what an earlier run
    compiled when the cache has it."""
    key = (pattern, int(flags))
    table = _loaded()
    entry = _entry(table.get(key))
    if entry is not _MISSING:
        try:
            compiled: re.Pattern[str] = _engine().compile(pattern, *entry)
            _used.add(key)
            return compiled
        except Exception:
            pass
    compiled = re.compile(pattern, flags)
    if _engine() is not None and isinstance(pattern, str):
        with _lock:
            _used.add(key)
            _new[key] = None
            _save_at_exit()
    return compiled


# ------------------------------------------------------------------------ compiled lazily


class LazyPattern:
    """``re.compile(pattern, flags)``, done on first use."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0) -> None:
        self.pattern = pattern
        self.flags = int(flags)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        c = self._compiled
        if c is None:
            c = self._compiled = compile(self.pattern, self.flags)
        return c

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags})"

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize
               ) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize
              ) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                  ) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
            ) -> str:
        return self.compiled.sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
             ) -> tuple[str, int]:
        return self.compiled.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit)


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> LazyPattern:
    """A pattern compiled on first use (see :class:`LazyPattern`)."""
    return LazyPattern(pattern, flags)


def blank(m: re.Match[str]) -> str:
    """A ``sub`` replacement that blanks the match out with spaces, so every position in
    the text stays where it was."""
    return " " * len(m.group(0))


# ------------------------------------------------------------- whether a pattern occurs

def top_level_branches(source: str) -> list[str]:
    """``source`` cut at its top-level ``|`` (outside groups, classes and escapes): the
    alternatives of the whole pattern, whose union is the pattern."""
    out: list[str] = []
    depth = 0
    start = 0
    i = 0
    in_class = False
    n = len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
        elif c == "[":
            in_class = True
            # "]" right after "[" or "[^" is a member, not the end of the class
            j = i + 1
            if j < n and source[j] == "^":
                j += 1
            if j < n and source[j] == "]":
                j += 1
            i = j
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(source[start:i])
            start = i + 1
        i += 1
    out.append(source[start:])
    return out


def required_literals(source: str, flags: int = 0) -> tuple[str, ...] | None:
    """Strings, one of which every match of ``source`` holds, in lower case (compare them
    with text folded as IGNORECASE folds it: ``numbers.fold_for_ignorecase``); None when no
    such strings are found (the pattern must then always be searched).

    Read from ``re``'s own parse of the pattern: a run of literal ASCII characters in
    sequence is required; so is one of the strings each alternative of a required group
    requires; a repeat required at least once requires what its body requires.

    Kept for many runs with the compiled patterns (reading ``re``'s parse of a large
    alternation's branches costs milliseconds every run)."""
    key = (source, int(flags) | _LITERALS)
    if key in _run_literals:
        return _run_literals[key]  # answered in this run already
    table = _loaded()  # empty when this Python builds patterns otherwise
    kept = _entry(table.get(key))
    hit: tuple[str, ...] | None
    if kept is not _MISSING and (kept is None or isinstance(kept, tuple)):
        _used.add(key)
        hit = kept
    else:
        hit = _required_literals(source, flags)
        if _engine() is not None:
            with _lock:
                _used.add(key)
                _new_literals[key] = hit
                _save_at_exit()
    if len(_run_literals) >= _LIMIT:
        _run_literals.clear()
    _run_literals[key] = hit
    return hit


def _required_literals(source: str, flags: int) -> tuple[str, ...] | None:
    try:
        parser = _internals()[0]
        parsed = parser.parse(source, flags)
    except Exception:  # another Python's internals: search always
        return None
    found = _needles(list(parsed), parser)
    return tuple(sorted(found)) if found else None


def _needles(items: list[Any], parser: Any) -> set[str] | None:
    consts = parser  # opcodes are exported by re._parser (from re._constants)
    best: set[str] | None = None

    def better(cand: set[str] | None) -> None:
        nonlocal best
        if cand and all(cand_lit for cand_lit in cand) and (
                best is None or min(map(len, cand)) > min(map(len, best))):
            best = cand

    run: list[str] = []

    def end_run() -> None:
        if run:
            better({"".join(run)})
            run.clear()

    for op, av in items:
        if op is consts.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        end_run()
        if op is consts.SUBPATTERN:
            better(_needles(list(av[-1]), parser))
        elif op is consts.BRANCH:
            alts = [_needles(list(alt), parser) for alt in av[1]]
            if all(alts):
                better(set().union(*alts))  # type: ignore[arg-type]
        elif op in (consts.MAX_REPEAT, consts.MIN_REPEAT, getattr(consts, "POSSESSIVE_REPEAT",
                                                                  None)) and av[0] >= 1:
            better(_needles(list(av[2]), parser))
        elif op is getattr(consts, "ATOMIC_GROUP", None):
            better(_needles(list(av), parser))
    end_run()
    return best


def cannot_match(rx: re.Pattern[str] | LazyPattern, folded: str) -> bool:
    """Whether ``rx`` matches nowhere in a text, as its required literals tell without a
    search: ``folded`` (the text folded as IGNORECASE folds it,
    ``numbers.fold_for_ignorecase``) holds none of them.  False when that cannot be told."""
    needles = required_literals(rx.pattern, rx.flags)
    if needles is None:
        return False
    return not any(needle in folded for needle in needles)


def search_folded(rx: re.Pattern[str] | LazyPattern, text: str,
                  folded: str) -> re.Match[str] | None:
    """``rx.search(text)``; None, unsearched, when ``folded`` (``text`` folded) shows it
    cannot match (:func:`cannot_match`)."""
    return None if cannot_match(rx, folded) else rx.search(text)


class Presence:
    """Whether a pattern occurs in a text, answered branch by branch: a text holds a match of
    an alternation exactly when it holds a match of one of its alternatives, and an
    alternative whose required literals (:func:`required_literals`) are all absent from the
    text cannot match, so it is not searched.  Same answer as ``bool(pattern.search(text))``,
    for a large alternation at a fraction of the cost."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._parts: list[tuple[tuple[str, ...] | None, re.Pattern[str]]] | None = None

    @property
    def parts(self) -> list[tuple[tuple[str, ...] | None, re.Pattern[str]]]:
        """Each alternative's required literals and pattern (made on first use)."""
        if self._parts is None:
            self._parts = [(required_literals(branch, self.flags), compile(branch, self.flags))
                           for branch in top_level_branches(self.source)]
        return self._parts

    def found(self, text: str, folded: str) -> bool:
        """Whether ``text`` holds a match; ``folded`` is ``text`` folded as IGNORECASE folds
        it (``embargo.content.numbers.fold_for_ignorecase``)."""
        for needles, rx in self.parts:
            if needles is not None and not any(n in folded for n in needles):
                continue
            if rx.search(text) is not None:
                return True
        return False
