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


def profile_rows(jobs: Sequence[Job]) -> list[Row]:
    from embargo.linking.features import profile_of, url_key

    return [(rowid, profile_of(title, body, kw, authors, extra).encode(),
             url_key(url) if url else None, number_key(number))
            for rowid, title, body, kw, authors, extra, url, number in jobs]


def number_key(number: str) -> str:
    """An abstract number as looked up: upper case, leading zeros dropped ("0645" → "645")."""
    return number.upper().lstrip("0") or "0"


def posting_cap(n: int) -> int:
    """Terms in more abstracts than this keep only their frequency, no postings list."""
    return max(50, n // 50)


class TermCounter:
    """Document frequencies and postings of the index terms of many profiles."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.postings: dict[str, array[int]] = {}
        self.n = 0

    def add(self, rows: Iterable[Row]) -> None:
        from embargo.linking.features import encoded_index_terms

        df = self.df
        postings = self.postings
        for rowid, encoded, _, _ in rows:
            terms = encoded_index_terms(encoded)
            df.update(terms)
            self.n += 1
            for t in terms:
                arr = postings.get(t)
                if arr is None:
                    postings[t] = arr = array("I")
                arr.append(rowid)

    def table(self) -> list[tuple[str, int, bytes | None]]:
        cap = posting_cap(self.n)
        return [(t, c, self.postings[t].tobytes() if c <= cap else None)
                for t, c in sorted(self.df.items())]

    def raw(self) -> tuple[int, dict[str, bytes]]:
        return self.n, {t: a.tobytes() for t, a in self.postings.items()}

    def merge(self, n: int, raw: dict[str, bytes]) -> None:
        self.n += n
        for t, b in raw.items():
            arr = self.postings.get(t)
            if arr is None:
                self.postings[t] = arr = array("I")
            arr.frombytes(b)
            self.df[t] += len(b) // arr.itemsize


# ---------------------------------------------------------------- the worker process's side

_WORKER: TermCounter | None = None


def _worker_batch(jobs: Sequence[Job]) -> list[Row]:
    global _WORKER
    if _WORKER is None:
        _WORKER = TermCounter()
    rows = profile_rows(jobs)
    _WORKER.add(rows)
    return rows


def _worker_raw() -> tuple[int, dict[str, bytes]]:
    if _WORKER is None:
        return 0, {}
    return _WORKER.raw()


class Indexer:
    """Profiles batches inline or on worker processes; see the module docstring."""

    def __init__(self, parallel: bool, workers: int = 2) -> None:
        self.parallel = parallel
        self.workers = workers
        self._pools: list[ProcessPoolExecutor] = []
        self._turn = 0

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

    def table(self) -> tuple[int, list[tuple[str, int, bytes | None]]] | None:
        """The whole term table, when the workers built it (parallel mode)."""
        if not self._pools:
            return None
        total = TermCounter()
        for f in [p.submit(_worker_raw) for p in self._pools]:
            n, raw = f.result()
            total.merge(n, raw)
            del raw
        n, table = total.n, total.table()
        del total
        return n, table

    def close(self) -> None:
        for pool in self._pools:
            pool.shutdown(wait=True, cancel_futures=True)
        self._pools = []

    def __enter__(self) -> Indexer:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
