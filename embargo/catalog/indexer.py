"""Building the linking index while importing, on a second core when the import is large.

Each batch of abstracts is profiled (``linking.features.profile_of``) and its terms counted
into document frequencies and postings.  On a large import into a catalogue whose index is
empty, that work runs in one worker process while the main process writes the rows, and the
worker hands back the whole term table at the end.  Otherwise (small imports, or imports
that update or add to an existing index) it runs inline and the term table is rebuilt from
the stored profiles.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from embargo.model import Abstract

#: (rowid, title, body, keywords, authors, affiliations text, url, number)
Job = tuple[int, str, str, tuple[str, ...], tuple[str, ...], str, str | None, str]
#: (rowid, encoded profile, url key, number key)
Row = tuple[int, str, str | None, str]


def job_of(rowid: int, a: Abstract) -> Job:
    affiliations = a.extra.get("affiliations")
    extra = " ".join(x for x in affiliations if isinstance(x, str)) \
        if isinstance(affiliations, list) else ""
    return (rowid, a.title, a.body, a.keywords, a.authors, extra, a.url, a.number)


def profile_rows(jobs: Sequence[Job], counter: TermCounter | None = None) -> list[Row]:
    """The linking-index rows of these jobs; their index terms are added to ``counter``."""
    from embargo.linking.features import encoded_profile, number_key, url_key

    out: list[Row] = []
    for rowid, title, body, kw, authors, extra, url, number in jobs:
        encoded, terms = encoded_profile(title, body, kw, authors, extra)
        if counter is not None:
            counter.add(rowid, terms)
        out.append((rowid, encoded, url_key(url) if url else None, number_key(number)))
    return out


def posting_cap(n: int) -> int:
    """Terms in more abstracts than this keep only their frequency, no postings list."""
    return max(50, n // 50)


class TermCounter:
    """Document frequencies and postings of the index terms of many profiles, counted as the
    profiles come: each term's rowids, in the order the documents were added."""

    def __init__(self) -> None:
        self.n = 0
        self._post: dict[str, array[int]] = {}

    def add(self, rowid: int, terms: Iterable[str]) -> None:
        """Count one document's index terms (distinct: see ``encoded_index_terms``)."""
        self.n += 1
        post = self._post
        for t in terms:
            arr = post.get(t)
            if arr is None:
                post[t] = arr = array("I")
            arr.append(rowid)

    def df(self) -> dict[str, int]:
        return {t: len(a) for t, a in self._post.items()}

    def postings(self, cap: int) -> dict[str, bytes]:
        """Packed rowids of every term held by at most ``cap`` of these documents (a term
        rare in the whole catalogue is rare in every part of it)."""
        return {t: a.tobytes() for t, a in self._post.items() if len(a) <= cap}


# ---------------------------------------------------------------- the worker process's side

_WORKER: TermCounter | None = None


def _worker_batch(jobs: Sequence[Job]) -> list[Row]:
    global _WORKER
    if _WORKER is None:
        _WORKER = TermCounter()
    return profile_rows(jobs, _WORKER)


def _worker_part(cap: int) -> tuple[int, dict[str, int], dict[str, bytes]]:
    if _WORKER is None:
        return 0, {}, {}
    return _WORKER.n, _WORKER.df(), _WORKER.postings(cap)


Part = tuple[int, dict[str, int], dict[str, bytes]]


class Indexer:
    """Profiles batches inline or on worker processes; see the module docstring."""

    def __init__(self, parallel: bool, workers: int = 2) -> None:
        self.parallel = parallel
        self.workers = workers
        self._pools: list[ProcessPoolExecutor] = []
        self._turn = 0
        self._parts: list[Future[Part]] = []
        self._cap = 0

    def submit(self, jobs: Sequence[Job]) -> Future[list[Row]]:
        if self.parallel:
            if not self._pools:
                import multiprocessing

                ctx = multiprocessing.get_context("fork")
                self._pools = [ProcessPoolExecutor(max_workers=1, mp_context=ctx)
                               for _ in range(self.workers)]
            pool = self._pools[self._turn % len(self._pools)]
            self._turn += 1
            return pool.submit(_worker_batch, list(jobs))
        done: Future[list[Row]] = Future()
        done.set_result(profile_rows(jobs))
        return done

    def start_table(self, total: int) -> None:
        """Ask the workers for their part of the term table of ``total`` abstracts (they
        work on it while the caller does something else)."""
        self._cap = posting_cap(total)
        self._parts = [p.submit(_worker_part, self._cap) for p in self._pools]

    def table(self) -> tuple[int, list[tuple[str, int, bytes | None]]] | None:
        """The whole term table, when the workers built it (parallel mode)."""
        if not self._pools:
            return None
        if not self._parts:
            return None
        n = 0
        df: Counter[str] = Counter()
        postings: dict[str, bytearray] = {}
        for f in self._parts:
            part_n, part_df, part_post = f.result()
            n += part_n
            df.update(part_df)
            for t, b in part_post.items():
                have = postings.get(t)
                if have is None:
                    postings[t] = bytearray(b)
                else:
                    have.extend(b)
            del part_df, part_post
        cap = self._cap
        table = [(t, c, bytes(postings[t]) if c <= cap else None) for t, c in sorted(df.items())]
        return n, table

    def close(self) -> None:
        for pool in self._pools:
            pool.shutdown(wait=True, cancel_futures=True)
        self._pools = []

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
