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
