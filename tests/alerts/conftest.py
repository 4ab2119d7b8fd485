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


@pytest.fixture()
def populated(tmp_path: Path, session, violation, catalog_path: Path):  # type: ignore[no-untyped-def]
    """A config file, a catalogue and a state database as a daemon would leave them: two
    feeds (one failing), a violation (hostile title) and a review, an alert that failed."""
    from datetime import UTC, datetime, timedelta

    from embargo.alerts import alerts_for_judgement, deliver_pending
    from embargo.config import load_config
    from embargo.reports.formats.json import judgement_json
    from embargo.state import open_state

    cfg_path = tmp_path / "embargo.toml"
    cfg_path.write_text(
        'timezone = "America/New_York"\n'
        f'catalog = "{catalog_path}"\n'
        'state = "state.db"\n'
        '[[feeds]]\nurl = "http://127.0.0.1:9/news.xml"\nname = "Example News"\n'
        '[[feeds]]\nurl = "http://127.0.0.1:9/broken.xml"\nname = "Broken Feed"\n'
        '[[feeds]]\nurl = "http://127.0.0.1:9/new.xml"\nname = "Not Yet Polled"\n'
        f'[maildir]\npath = "{tmp_path / "md"}"\n'
        '[webhook]\nurl = "http://127.0.0.1:9/hook"\n')
    cfg = load_config(cfg_path)
    t0 = datetime(2024, 11, 14, 14, 30, tzinfo=UTC)
    review = session.check_text("ACR Convergence 2024: a study of gout care will be presented.",
                                kind="editorial", at="2024-11-14 09:20 ET")
    with open_state(cfg.state) as st:
        st.record_poll("feed:http://127.0.0.1:9/news.xml", at=t0, ok=True, http_status=200,
                       entries=2, new_entries=2)
        st.record_poll("feed:http://127.0.0.1:9/broken.xml", at=t0 - timedelta(hours=1),
                       ok=True, http_status=200, entries=4)
        st.record_poll("feed:http://127.0.0.1:9/broken.xml", at=t0, ok=False, http_status=500,
                       error="HTTP 500 Internal Server Error (http://127.0.0.1:9/broken.xml)")
        for key, j in (("guid:1", violation), ("guid:2", review)):
            alerts = alerts_for_judgement(
                j, source_key="feed:http://127.0.0.1:9/news.xml", item_key=key,
                link=f"https://news.example/{key[5:]}", config=cfg, policies=session.policies,
                source_label="Example News")
            st.record_item("feed:http://127.0.0.1:9/news.xml", key, content_hash=key,
                           title=j.item.title, link=f"https://news.example/{key[5:]}",
                           published_at=j.item.published_at, judgement=judgement_json(j),
                           alerts=alerts, at=t0)
        deliver_pending(st, cfg, t0)  # the webhook is down: its alerts stay pending
    return cfg_path
