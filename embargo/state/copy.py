"""``embargo state copy``: move a whole state from one store to another, nothing lost.

Every table of :data:`~embargo.state.base.COPY_TABLES` is read row by row in the neutral form
(aware datetimes, JSON text as written) and written to the target in ONE transaction, ids
included: outbox ids make the message keys (``Message-ID``), so a copied alert that was sent
before and is retried after the move is still recognisable as the same message.  The target
must be empty (a failed copy leaves it empty); the source's identity (``state.identity``)
replaces the one a new state makes for itself.  The daemons' heartbeats are not copied.
Stop the daemon before copying: what it writes meanwhile would be missing from the copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol

from embargo.errors import InputError
from embargo.state.base import COPY_TABLES

#: Tables whose rows mean the state is in use (``meta`` is always there).
USED_TABLES = tuple(t for t in COPY_TABLES if t != "meta")
#: Bookkeeping a new state makes for itself when it is created (its random identity, used in
#: message keys): not a sign of use; the copy replaces it with the source's, so messages
#: resent after the move carry the same keys as before.
OWN_KEYS = frozenset({"state.identity"})


class Copyable(Protocol):
    def export_rows(self, table: str) -> Iterator[dict[str, Any]]: ...
    def count_rows(self, table: str) -> int: ...
    def import_rows(self, tables: Iterable[tuple[str, Iterable[Mapping[str, Any]]]]
                    ) -> None: ...
    def describe(self) -> str: ...


def copy_state(source: Copyable, target: Copyable) -> dict[str, int]:
    """Copy every row of ``source`` into the empty ``target``; returns rows per table."""
    used = [t for t in USED_TABLES if t != "kv" and target.count_rows(t)]
    if any(row["key"] not in OWN_KEYS for row in target.export_rows("kv")):
        used.append("kv")
    if used:
        raise InputError(f"the target state is not empty (it has {', '.join(used)}); copy "
                         "into a new database or file", path=target.describe())
    counts: dict[str, int] = {}

    def rows(table: str) -> Iterator[dict[str, Any]]:
        n = 0
        for row in source.export_rows(table):
            n += 1
            yield row
        counts[table] = n

    target.import_rows((t, rows(t)) for t in COPY_TABLES)
    return counts


def compare_states(a: Copyable, b: Copyable) -> list[str]:
    """Differences between two states, row by row (empty: the same)."""
    out: list[str] = []
    for table in COPY_TABLES:
        if table == "meta":
            continue  # each store keeps its own schema version
        left, right = list(a.export_rows(table)), list(b.export_rows(table))
        if len(left) != len(right):
            out.append(f"{table}: {len(left)} rows vs {len(right)}")
            continue
        for x, y in zip(left, right, strict=True):
            if x != y:
                cols = [c for c in x if x[c] != y[c]]
                out.append(f"{table}: row {_key(table, x)} differs in {', '.join(cols)}")
    return out


def _key(table: str, row: Mapping[str, Any]) -> str:
    for k in ("id", "key", "feed_key"):
        if k in row:
            return str(row[k])
    return "?"
