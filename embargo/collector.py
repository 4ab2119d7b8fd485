"""The garbage collector paused while a command makes many objects that hold no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(*, freeze: bool = False) -> Iterator[None]:
    """Automatic garbage collection off for the block, then resumed as it was.

    With ``freeze``, the objects made so far are first moved out of the collector's sight
    (``gc.freeze``): they live as long as the process, and later passes need not walk them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


@contextmanager
def rare_full_passes(factor: int = 10) -> Iterator[None]:
    """Full passes of the collector (over every object it tracks) ``factor`` times rarer for
    the block, then as they were.

    Judging many drafts keeps bounded caches of many small objects (term look-ups, pattern
    searches, extracted numbers: some 900,000 references after a few hundred drafts), and a
    full pass walks them all, a tenth of a second each time, to free the few objects that
    are in cycles (about a hundred a pass).  The younger generations are collected as
    before; worker processes forked in the block inherit the setting."""
    threshold = gc.get_threshold()
    gc.set_threshold(threshold[0], threshold[1], threshold[2] * factor)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
