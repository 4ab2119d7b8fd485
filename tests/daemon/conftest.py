"""Daemon test fixtures: no daemon subprocess outlives its test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.daemon.helpers import Daemon
from tests.feedserver import FeedServer


@pytest.fixture(autouse=True)
def _reap_daemons() -> Iterator[None]:
    yield
    while Daemon.started:
        d = Daemon.started.pop()
        if d.alive():
            d.kill9()


@pytest.fixture()
def feeds() -> Iterator[FeedServer]:
    """A feed server on loopback for the test."""
    s = FeedServer().start()
    yield s
    s.stop()
