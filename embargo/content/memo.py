"""Bounded memories of pure functions of a text.

An item's sentences are read against every abstract it is about, and an abstract's text again
for each item: what depends only on the text is remembered.  A memory that reaches its bound is
emptied and fills again (the answers are deterministic, so a remembered answer is the answer,
and the bound keeps a long-running daemon's memory flat).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar, cast

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_MISSING = object()


def remember(memo: dict[K, V], key: K, make: Callable[[], V], bound: int) -> V:
    """``memo[key]``, made by ``make()`` the first time (``None`` is remembered too)."""
    hit = memo.get(key, _MISSING)
    if hit is not _MISSING:
        return cast(V, hit)
    if len(memo) >= bound:
        memo.clear()
    value = memo[key] = make()
    return value
