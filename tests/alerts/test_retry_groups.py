"""An item's findings go out as one message, also after a failed attempt: the rows of a
group are retried together (found by the lifecycle test under load, issue 11)."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path
from typing import Any

from embargo.alerts import deliver_pending
from embargo.state import open_state
from tests.alerts.servers import SmtpServer
from tests.alerts.test_delivery import NOW, email_config, record
from tests.conftest import EXAMPLES


def test_a_group_that_failed_is_retried_as_one_message(session: Any, tmp_path: Path) -> None:
    text = (EXAMPLES / "drafts" / "02-release-with-quote-before-lift.md").read_text()
    j = session.check_text(text, at="2024-10-01 09:00 ET")
    n = len([f for f in j.findings if not f.ok])
    assert n >= 2
    smtp = SmtpServer()  # not started yet: the first attempt fails
    cfg = email_config(smtp)
    jitter = itertools.cycle([0.0, 0.999]).__next__  # a different draw for every call
    with open_state(tmp_path / "s.db") as state:
        assert record(state, j, cfg, session.policies) == n
        assert deliver_pending(state, cfg, NOW, rng=jitter).failed == n
        due = {a.next_attempt_at for a in state.alerts()}
        assert len(due) == 1, due  # one retry time for the whole group
        smtp.start()
        try:
            t = NOW
            while t < NOW + timedelta(minutes=2):
                t += timedelta(seconds=1)
                deliver_pending(state, cfg, t, rng=jitter)
        finally:
            smtp.stop()
    assert len(smtp.messages()) == 1  # one message listing every finding
