"""Lift announcements, "may be published now" notices and hand-made notices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from embargo.alerts import (
    alerts_for_lift,
    alerts_for_publishable,
    deliver_pending,
    lift_announcement_key,
    notice_alerts,
)
from embargo.config import parse_config
from embargo.policy.schedule import all_lifts, group_lifts
from embargo.state import open_state
from tests.alerts.servers import SmtpServer

NOW = datetime(2024, 11, 14, 14, 0, tzinfo=UTC)


def _cfg(smtp: SmtpServer, **extra: object):  # type: ignore[no-untyped-def]
    return parse_config({"timezone": "America/New_York",
                         "email": {"host": "127.0.0.1", "port": smtp.port, "to": ["d@x.org"],
                                   "timeout": 5, **extra}})


def test_lift_announced_once_with_lead_and_at_the_lift(smtp, policies, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = _cfg(smtp)
    [group] = [g for g in group_lifts(all_lifts(policies, meetings=["acr-2024"]))
               if g.at == datetime(2024, 11, 14, 15, 0, tzinfo=UTC)]
    with open_state(tmp_path / "s.db") as state:
        for lead in (timedelta(hours=1), None):
            key = lift_announcement_key(group, lead)
            alerts = alerts_for_lift(group, config=cfg, lead=lead)
            assert state.announce_lift(key, alerts, NOW)
            assert not state.announce_lift(key, alerts_for_lift(group, config=cfg, lead=lead),
                                           NOW)  # catch-up after a restart: no repeat
        assert deliver_pending(state, cfg, NOW).messages == 2
    subjects = sorted(m["Subject"] for m in smtp.messages())
    assert subjects[0].startswith("[embargo] LIFT IN 1 h: ACR Convergence 2024")
    assert subjects[1].startswith("[embargo] LIFTED: ACR Convergence 2024")
    body = smtp.messages()[0].get_body(("plain",)).get_content()
    assert "Thu 14 Nov 2024 10:00 EST (15:00 UTC)" in body and "acr-2024/beyond" in body
    html = smtp.messages()[0].get_body(("html",)).get_content()
    assert "<table" in html and "ACR Convergence 2024" in html


def test_notices_can_wait_for_the_digest(smtp, policies, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = _cfg(smtp, notices=["lift"])  # upcoming-lift notices go in the digest
    group = group_lifts(all_lifts(policies, meetings=["acr-2024"]))[-1]
    [a] = alerts_for_lift(group, config=cfg, lead=timedelta(hours=24))
    assert a.mode == "digest" and a.kind == "lift-upcoming"
    [b] = alerts_for_lift(group, config=cfg)
    assert b.mode == "immediate"


def test_publishable_draft_notice(smtp, session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import EXAMPLES

    cfg = _cfg(smtp)
    text = (EXAMPLES / "drafts" / "02-release-with-quote-before-lift.md").read_text()
    j = session.check_text(text, at="2024-11-14 10:00 ET")
    assert j.verdict.value == "pass"
    held = datetime(2024, 11, 14, 15, 0, tzinfo=UTC)
    alerts = alerts_for_publishable(j, source_key="drafts:/srv/drafts", item_key="path:a.md",
                                    config=cfg, policies=session.policies, held_until=held)
    with open_state(tmp_path / "s.db") as state:
        assert state.enqueue(alerts, NOW) == 1 and state.enqueue(alerts, NOW) == 0
        deliver_pending(state, cfg, NOW)
    [msg] = smtp.messages()
    assert msg["Subject"].startswith("[embargo] MAY BE PUBLISHED NOW: Zelorimab")
    plain = msg.get_body(("plain",)).get_content()
    assert "Held until Thu 14 Nov 2024 10:00 EST (15:00 UTC)" in plain


def test_hand_made_notice_payloads_render(smtp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A payload of another shape (e.g. built by the daemon) shows its message."""
    cfg = _cfg(smtp)
    alerts = notice_alerts(cfg, kind="lift", dedupe_key="lift:custom", subject="Lifted: <b>x</b>",
                           payload={"message": "Embargo lifted: <i>ACR</i> beyond the abstract",
                                    "lifts_at": "2024-11-14T15:00:00+00:00",
                                    "meeting": "acr-2024"})
    with open_state(tmp_path / "s.db") as state:
        state.enqueue(alerts, NOW)
        assert deliver_pending(state, cfg, NOW).messages == 1
    [msg] = smtp.messages()
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "Embargo lifted: <i>ACR</i> beyond the abstract" in plain
    assert "&lt;i&gt;ACR&lt;/i&gt;" in html and "15:00 UTC" in html
