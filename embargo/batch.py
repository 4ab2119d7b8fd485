"""Judging many drafts at once: in worker processes, answers in input order.

Judging is CPU-bound Python, so threads share one core (the GIL); a batch is judged by a pool
of worker processes instead.  Each worker opens its own checking session once (policies and
the catalogue, read-only) and judges drafts sent to it as paths; the answers come back in the
order of the input (``imap`` with a chunk size) and are handed on one by one, so the caller
can render them as they come and hold none it no longer needs.

Start method: ``fork`` when the calling process runs a single thread (the CLI): the workers
inherit the loaded policies and start at once.  A process running threads (the daemon, a
host application) is never forked (a lock another thread held at the fork would stay locked
in the child): ``forkserver`` is used there, and each worker loads the policies from their
files.  A worker never uses its parent's catalogue connection: it opens its own.  The
workers are replaced every few hundred items each (a new pool per segment of the batch, made
once the previous pool and its threads are gone), so what a session gathers while judging
stays bounded, and a worker ends when the process that owns it is gone (``kill -9``).

``jobs=1`` (or a batch of one draft) keeps everything in the calling process.  Stdin (``-``)
is always read and judged in the calling process.
"""

from __future__ import annotations

import copyreg
import os
import threading
import time
import types
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from embargo import collector
from embargo.errors import InputError

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from embargo.api import Embargo
    from embargo.config import Config
    from embargo.model import Judgement
    from embargo.policy.loader import PolicySet

STDIN = "-"
A = TypeVar("A")
R = TypeVar("R")


def _mappingproxy(d: dict[Any, Any]) -> types.MappingProxyType[Any, Any]:
    return types.MappingProxyType(d)


def _reduce_mappingproxy(m: types.MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    return _mappingproxy, (dict(m),)


# Judgements carry read-only mappings (``Item.requirements_context``): they travel between
# processes as the mapping they show.
copyreg.pickle(types.MappingProxyType, _reduce_mappingproxy)


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def pool_context(*, fork: bool = True) -> BaseContext:
    """``fork`` for a single-threaded process on a platform that has it (and ``fork``
    allowed); else ``forkserver`` (or ``spawn`` where there is no forkserver).  See the module
    docstring."""
    import multiprocessing  # only a batch pays for it; one draft is judged in this process

    methods = multiprocessing.get_all_start_methods()
    if fork and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class SessionRecipe:
    """What a worker needs to open the same checking session as its parent: the
    configuration (its catalogue is opened read-only) and the policy files the parent's
    policies were read from (``None``: the configured ones and ``extra_policies``)."""

    config: Config
    extra_policies: tuple[str, ...] = ()
    policy_files: tuple[str, ...] | None = None

    @classmethod
    def of(cls, emb: Embargo, extra_policies: Sequence[str] = ()) -> SessionRecipe:
        """The recipe of ``emb``'s session: its catalogue file, its policies by the files
        they came from."""
        cfg = emb.config
        if not emb.without_catalog:
            cfg = replace(cfg, catalog=Path(emb.catalog.path), no_catalog=False)
        return cls.with_policies(cfg, emb.policies, extra_policies)

    @classmethod
    def with_policies(cls, config: Config, policies: PolicySet,
                      extra_policies: Sequence[str] = ()) -> SessionRecipe:
        """A session of ``config`` whose workers read the very files ``policies`` came from
        (when every one came from a file; else the configured ones and ``extra_policies``)."""
        files = tuple(p.path for p in policies if p.path)
        return cls(config, tuple(extra_policies),
                   files if len(files) == len(policies) else None)

    def open(self, policies: PolicySet | None = None) -> Embargo:
        from embargo.api import Embargo
        from embargo.catalog.store import Catalog

        cfg = self.config
        catalog = None if cfg.no_catalog else Catalog(cfg.catalog, readonly=True)
        if policies is None:
            from embargo.policy.loader import PolicySet, read_policy_file

            if self.policy_files is not None:
                policies = PolicySet(read_policy_file(Path(f)) for f in self.policy_files)
            else:
                policies = PolicySet.load([*cfg.policies, *self.extra_policies])
        return Embargo(cfg, policies=policies, catalog=catalog)


@dataclass(frozen=True)
class Checked:
    """One draft of a batch: its judgement, or the input error that stopped it."""

    path: str
    judgement: Judgement | None = None
    error: str | None = None  # the one-line message, naming the file

    @property
    def ok(self) -> bool:
        return self.judgement is not None


@dataclass
class _Worker:
    session: Embargo | None = None
    options: dict[str, Any] = field(default_factory=dict)
    failure: str | None = None  # why the session could not be opened


def owner_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc: trust kill()
    return stat.rsplit(")", 1)[-1].split()[:1] != ["Z"]


def watch_owner(pid: int, every: float = 1.0) -> None:
    """End this worker when the process that owns the pool is gone (killed with ``-9``: a
    worker holds both ends of its task pipe, so it would wait for tasks for ever)."""
    def watch() -> None:
        while owner_alive(pid):
            time.sleep(every)
        os._exit(0)

    threading.Thread(target=watch, name="embargo-owner-watch", daemon=True).start()


_WORKER = _Worker()
#: Set in the parent just before a ``fork``: the workers inherit these policies.
_INHERITED: PolicySet | None = None


def _start_worker(recipe: SessionRecipe, options: dict[str, Any], owner: int) -> None:
    watch_owner(owner)
    _WORKER.options = options
    try:
        _WORKER.session = recipe.open(_INHERITED)
    except Exception as e:  # an initializer that raises is restarted for ever: the tasks
        # report it instead
        _WORKER.failure = f"{type(e).__name__}: {e}"


def _session() -> Embargo:
    if _WORKER.session is None:
        raise RuntimeError(f"a worker could not open its checking session: {_WORKER.failure}")
    return _WORKER.session


def _check_in_worker(path: str) -> Checked:
    return check_one(_session(), path, _WORKER.options)


def check_one(emb: Embargo, path: str, options: dict[str, Any]) -> Checked:
    """Judge one draft file; an input error becomes the :class:`Checked`'s ``error``."""
    try:
        return Checked(path, emb.check_path(path, **options))
    except InputError as e:
        err = e if e.path else e.located(path=path)
        return Checked(path, error=str(err))


def _apply(task: tuple[Callable[[Embargo, Any], Any], Any]) -> Any:
    fn, arg = task
    return fn(_session(), arg)


def map_in_workers(emb: Embargo, fn: Callable[[Embargo, A], R], items: Sequence[A], *,
                   jobs: int = 1, recipe: SessionRecipe | None = None
                   ) -> Generator[R, None, None]:
    """``fn(session, item)`` for each item, in order, ``jobs`` worker processes at a time
    (each with its own session); in this process with ``emb`` when ``jobs`` is 1 or there is
    one item.  ``fn`` must be a module-level function (it is sent by name)."""
    if jobs <= 1 or len(items) <= 1:
        for x in items:
            yield fn(emb, x)
        return
    yield from _pooled(emb, recipe or SessionRecipe.of(emb), {}, _apply,
                       [(fn, x) for x in items], jobs)


def _chunksize(n: int, jobs: int) -> int:
    # Small chunks keep the answers flowing (and the parent's memory flat); not so small
    # that sending them costs more than judging.
    return max(1, min(16, n // (jobs * 8)))


def check_paths(emb: Embargo, paths: Sequence[str], *, jobs: int = 1,
                recipe: SessionRecipe | None = None,
                read_stdin: Callable[[], bytes] | None = None,
                **options: Any) -> Iterator[Checked]:
    """Judge drafts in the order given, ``jobs`` worker processes at a time.

    ``options`` are those of :meth:`Embargo.check_path` (``kind``, ``at``, ``meeting``,
    ``abstracts``, ``fmt``).  ``-`` reads ``read_stdin()`` (once only) in this process.
    ``recipe`` says how a worker opens its session (default: ``emb``'s configuration).
    """
    with collector.rare_full_passes():
        yield from _check_paths(emb, paths, jobs=jobs, recipe=recipe, read_stdin=read_stdin,
                                **options)


def _check_paths(emb: Embargo, paths: Sequence[str], *, jobs: int,
                 recipe: SessionRecipe | None, read_stdin: Callable[[], bytes] | None,
                 **options: Any) -> Iterator[Checked]:
    files = [p for p in paths if p != STDIN]
    pooled: Generator[Checked, None, None] | None = None
    try:
        if jobs > 1 and len(files) > 1:
            pooled = _pooled(emb, recipe or SessionRecipe.of(emb), options, _check_in_worker,
                             files, jobs)
        stdin_used = False
        for p in paths:
            if p == STDIN:
                if stdin_used:
                    yield Checked(p, error=str(InputError("stdin ('-') may be given once",
                                                          path=p)))
                    continue
                stdin_used = True
                yield _check_stdin(emb, read_stdin, options)
            elif pooled is not None:
                yield next(pooled)
            else:
                yield check_one(emb, p, dict(options))
    finally:
        if pooled is not None:
            pooled.close()  # the workers stop now


def _check_stdin(emb: Embargo, read_stdin: Callable[[], bytes] | None,
                 options: dict[str, Any]) -> Checked:
    opts = dict(options)
    fmt = opts.pop("fmt", None)
    try:
        raw = read_stdin() if read_stdin is not None else b""
        return Checked(STDIN, emb.check_bytes(raw, STDIN, fmt=fmt, **opts))
    except InputError as e:
        err = e if e.path else e.located(path=STDIN)
        return Checked(STDIN, error=str(err))


#: The workers are replaced after judging about this many items each: what a session
#: gathers while judging (caches, catalogue pages) stays bounded however long the batch.
RECYCLE_AFTER = 400


def _pooled(emb: Embargo, recipe: SessionRecipe, options: dict[str, Any],
            fn: Callable[[Any], R], items: Sequence[Any], jobs: int
            ) -> Generator[R, None, None]:
    """``fn(item)`` in worker processes, in order.  The items go in segments, each to a new
    pool made from this thread once the previous one is gone (so a ``fork`` never happens
    while the pool's own threads run)."""
    n = min(jobs, len(items))
    size = _chunksize(len(items), n)
    step = max(RECYCLE_AFTER * n, size * n)
    for start in range(0, len(items), step):
        part = items[start:start + step]
        pool = _open_pool(emb, recipe, options, min(n, len(part)))
        try:
            yield from pool.imap(fn, part, chunksize=size)
        finally:
            pool.terminate()
            pool.join()


def _open_pool(emb: Embargo, recipe: SessionRecipe, options: dict[str, Any], jobs: int
               ) -> Any:
    global _INHERITED
    ctx = pool_context()
    inherit = ctx.get_start_method() == "fork"
    _INHERITED = emb.policies if inherit else None
    try:
        return ctx.Pool(jobs, initializer=_start_worker,
                        initargs=(recipe, dict(options), os.getpid()))
    finally:
        _INHERITED = None
