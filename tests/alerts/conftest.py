"""Fixtures: a real SMTP server and a real webhook receiver on 127.0.0.1, a judged item."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.alerts.servers import HttpHook, SmtpServer, running
from tests.conftest import EXAMPLES

HOSTILE_TITLE = '<script>alert("x")</script> Zelorimab results & <b>more</b>'


@pytest.fixture()
def smtp() -> Iterator[SmtpServer]:
    yield from running(SmtpServer())


@pytest.fixture()
def hook() -> Iterator[HttpHook]:
    yield from running(HttpHook())


@pytest.fixture()
def session(catalog_path: Path):  # type: ignore[no-untyped-def]
    from embargo.api import Embargo
    from embargo.catalog import Catalog
    from embargo.config import parse_config

    emb = Embargo(parse_config({"timezone": "America/New_York"}),
                  catalog=Catalog(catalog_path, readonly=True))
    yield emb
    emb.close()


@pytest.fixture()
def violation(session):  # type: ignore[no-untyped-def]
    """A judged item with one violating finding (a quote before the 10:00 ET lift) and a
    hostile title."""
    text = (EXAMPLES / "drafts" / "02-release-with-quote-before-lift.md").read_text()
    text = text.replace("title: Zelorimab trial results, with investigator comment",
                        f"title: '{HOSTILE_TITLE}'")
    j = session.check_text(text, source="https://news.example/zelorimab")
    assert j.verdict.value == "violation"
    return j
