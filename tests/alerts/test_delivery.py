"""Alerts end to end against real servers on loopback: SMTP (aiosmtpd), HTTP, a Maildir.

Messages are parsed back with the ``email`` package; nothing is mocked.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from embargo.alerts import (
    alerts_for_judgement,
    deliver_pending,
    retry_delay,
    send_digest_if_due,
)
from embargo.config import Config, parse_config
from embargo.reports.formats.json import judgement_json
from embargo.state import SqliteState, open_state
from tests.alerts.conftest import HOSTILE_TITLE
from tests.alerts.servers import HttpHook, SmtpServer, make_cert

NOW = datetime(2024, 11, 14, 14, 40, tzinfo=UTC)


def email_config(smtp: SmtpServer, **extra: Any) -> Config:
    section = {"host": "127.0.0.1", "port": smtp.port, "from": "alerts@embargo.example",
               "to": ["press@office.example"], "timeout": 5, **extra}
    return parse_config({"timezone": "America/New_York", "email": section})


def record(state: SqliteState, j: Any, cfg: Config, policies: Any, *, at: datetime = NOW,
           key: str = "guid:zel-1") -> int:
    alerts = alerts_for_judgement(j, source_key="https://news.example/feed", item_key=key,
                                  link="https://news.example/zelorimab", config=cfg,
                                  policies=policies, source_label="Example News")
    return state.record_item("https://news.example/feed", key, content_hash="h",
                             title=j.item.title, link="https://news.example/zelorimab",
                             published_at=j.item.published_at, judgement=judgement_json(j),
                             alerts=alerts, at=at).enqueued


class _Text(HTMLParser):
    """Collects the text and the tags of an HTML document (a real parser, not a regex)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(html: str) -> _Text:
    p = _Text()
    p.feed(html)
    return p


def parts(msg: Any) -> tuple[str, str]:
    assert msg.get_content_type() == "multipart/alternative"
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    return plain, html


def test_violation_is_mailed_once_with_escaped_html(smtp, violation, session,  # type: ignore[no-untyped-def]
                                                    tmp_path: Path) -> None:
    cfg = email_config(smtp)
    with open_state(tmp_path / "s.db") as state:
        assert record(state, violation, cfg, session.policies) == 1
        report = deliver_pending(state, cfg, NOW)
        assert report.ok and report.messages == 1
        # polled again and delivered again: nothing new
        assert record(state, violation, cfg, session.policies,
                      at=NOW + timedelta(minutes=10)) == 0
        assert deliver_pending(state, cfg, NOW + timedelta(minutes=10)).messages == 0
    [msg] = smtp.messages()
    plain, html = parts(msg)
    assert msg["To"] == "press@office.example" and msg["From"] == "alerts@embargo.example"
    assert msg["Subject"].startswith("[embargo] VIOLATION: ")
    assert re.fullmatch(r"<embargo\.finding-\d+-[0-9a-f]+-[0-9a-f]{16}@embargo\.example>",
                        msg["Message-ID"])
    # the hostile title is text in the HTML part, never markup
    doc = parse_html(html)
    assert "script" not in doc.tags and "b" not in [t for t in doc.tags if t == "b"]
    assert HOSTILE_TITLE in "".join(doc.text)
    assert "&lt;script&gt;" in html and "<script" not in html
    # what, where, which abstract, which rule, evidence, when, what to do
    for needle in ("https://news.example/zelorimab", "acr-2024:0645",
                   "Anything that goes beyond the abstract", "most consistent joint responses",
                   "Thu 14 Nov 2024 10:00 EST (15:00 UTC)", "What to do"):
        assert needle in plain, needle
        assert needle.replace("&", "&amp;") in html or needle in "".join(doc.text), needle
    assert "style=" in html and "<table" in html  # inline CSS, tables for findings


def test_smtp_down_then_up_delivers_later(violation, session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    smtp = SmtpServer()  # not started: connection refused
    cfg = email_config(smtp)
    with open_state(tmp_path / "s.db") as state:
        record(state, violation, cfg, session.policies)
        report = deliver_pending(state, cfg, NOW, rng=lambda: 0.999)
        assert report.messages == 0 and report.failed == 1
        [row] = state.alerts()
        assert row.status == "pending" and row.attempts == 1
        assert row.last_error and "127.0.0.1" in row.last_error
        assert NOW < row.next_attempt_at <= NOW + timedelta(minutes=1)  # first retry < 1 min
        assert state.outbox_summary().failing == 1
        # not due yet: nothing is tried
        assert deliver_pending(state, cfg, NOW + timedelta(seconds=5)).failed == 0
    smtp.start()
    try:
        # a restart in between: a new state object on the same file
        with open_state(tmp_path / "s.db") as state:
            report = deliver_pending(state, cfg, NOW + timedelta(minutes=1))
            assert report.messages == 1 and report.ok
            assert deliver_pending(state, cfg, NOW + timedelta(hours=2)).messages == 0
            assert state.alerts()[0].attempts == 2
        assert len(smtp.messages()) == 1
    finally:
        smtp.stop()


def test_restart_and_repoll_never_enqueue_twice(smtp, violation, session,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    cfg = email_config(smtp)
    path = tmp_path / "s.db"
    with open_state(path) as state:
        record(state, violation, cfg, session.policies)
    for i in range(3):
        with open_state(path) as state:
            assert record(state, violation, cfg, session.policies,
                          at=NOW + timedelta(minutes=i)) == 0
            deliver_pending(state, cfg, NOW + timedelta(minutes=i))
    assert len(smtp.messages()) == 1


def test_an_item_that_becomes_a_violation_alerts(smtp, session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import EXAMPLES

    cfg = email_config(smtp, immediate=["violation", "review"])
    text = (EXAMPLES / "drafts" / "02-release-with-quote-before-lift.md").read_text()
    ok = session.check_text(text, at="2024-11-14 10:30 ET")
    assert ok.verdict.value == "pass"
    bad = session.check_text(text, at="2024-11-14 09:30 ET")
    with open_state(tmp_path / "s.db") as state:
        assert record(state, ok, cfg, session.policies) == 0  # passing: nothing to tell
        assert record(state, bad, cfg, session.policies) == 1  # became a violation
        assert record(state, ok, cfg, session.policies) == 0
        assert record(state, bad, cfg, session.policies) == 0  # the same finding again
        deliver_pending(state, cfg, NOW)
        item = state.item("https://news.example/feed", "guid:zel-1")
        assert item is not None
        assert [h.verdict for h in state.history(item.id)] == ["pass", "violation", "pass",
                                                              "violation"]
    assert len(smtp.messages()) == 1


def test_credentials_come_from_the_environment(violation, session, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    smtp = SmtpServer(auth=("alice", "s3cret")).start()
    try:
        cfg = email_config(smtp, username_env="T_SMTP_USER", password_env="T_SMTP_PASS")
        monkeypatch.delenv("T_SMTP_USER", raising=False)
        monkeypatch.delenv("T_SMTP_PASS", raising=False)
        with open_state(tmp_path / "s.db") as state:
            record(state, violation, cfg, session.policies)
            r = deliver_pending(state, cfg, NOW)
            assert r.failed and "T_SMTP_USER" in (r.last_error or "")
            monkeypatch.setenv("T_SMTP_USER", "alice")
            monkeypatch.setenv("T_SMTP_PASS", "wrong")
            r = deliver_pending(state, cfg, NOW + timedelta(minutes=2))
            assert r.failed and "535" in (r.last_error or "")
            monkeypatch.setenv("T_SMTP_PASS", "s3cret")
            r = deliver_pending(state, cfg, NOW + timedelta(minutes=5))
            assert r.messages == 1, r.failures
        assert len(smtp.messages()) == 1
    finally:
        smtp.stop()


def test_starttls_with_a_private_ca(violation, session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cert = make_cert(tmp_path)
    if cert is None:
        pytest.skip("the openssl tool is needed to make a test certificate")
    smtp = SmtpServer(tls_cert=cert).start()
    try:
        with open_state(tmp_path / "s.db") as state:
            plain = email_config(smtp)  # the server requires STARTTLS
            record(state, violation, plain, session.policies)
            r = deliver_pending(state, plain, NOW)
            assert r.failed
            untrusted = email_config(smtp, starttls=True)
            r = deliver_pending(state, untrusted, NOW + timedelta(minutes=2))
            assert r.failed and "CERTIFICATE" in (r.last_error or "").upper()
            trusted = email_config(smtp, starttls=True, ca_file=str(cert[0]))
            r = deliver_pending(state, trusted, NOW + timedelta(minutes=5))
            assert r.messages == 1, r.failures
        assert len(smtp.messages()) == 1
    finally:
        smtp.stop()


def test_review_goes_to_the_daily_digest(smtp, session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = email_config(smtp, digest="08:00")  # immediate = violation only
    j = session.check_text("ACR Convergence 2024: a study of gout care will be presented.",
                           kind="editorial", at="2024-11-01 09:00 ET")
    assert j.verdict.value in ("review", "violation")
    bad = [f for f in j.findings if not f.ok]
    with open_state(tmp_path / "s.db") as state:
        record(state, j, cfg, session.policies)
        rows = state.alerts()
        assert {r.mode for r in rows} == {"immediate" if j.verdict.value == "violation"
                                          else "digest"}
        if j.verdict.value == "violation":
            pytest.skip("the sample item is a violation here; the digest path needs a review")
        assert deliver_pending(state, cfg, NOW).messages == 0  # waits for the digest
        # 07:59 ET on Nov 15: the digest of Nov 14 08:00 covers nothing made after it
        early = datetime(2024, 11, 15, 12, 59, tzinfo=UTC)
        assert send_digest_if_due(state, cfg, early) == []
        assert smtp.messages() == []
        at8 = datetime(2024, 11, 15, 13, 0, tzinfo=UTC)  # 08:00 EST
        [made] = send_digest_if_due(state, cfg, at8)
        assert made.period == "2024-11-15" and made.alert_count == len(bad)
        assert send_digest_if_due(state, cfg, at8 + timedelta(hours=3)) == []
        assert {r.status for r in state.alerts() if r.kind == "finding"} == {"delivered"}
    [msg] = smtp.messages()
    plain, html = parts(msg)
    assert "Daily digest 2024-11-15" in msg["Subject"]
    assert "ACR Convergence 2024" in plain and "Needs review" in plain
    assert "<h2" in html and "Needs review" in html


def test_backoff_first_retry_within_a_minute_then_capped() -> None:
    assert timedelta(seconds=22) <= retry_delay(1, rng=lambda: 0.0) <= timedelta(seconds=30)
    assert retry_delay(1, rng=lambda: 0.999) < timedelta(minutes=1)
    assert retry_delay(2, rng=lambda: 0.999) < timedelta(minutes=1, seconds=1)
    assert retry_delay(50, rng=lambda: 0.999) <= timedelta(hours=1)
    assert retry_delay(50, rng=lambda: 0.0) >= timedelta(minutes=45)


# ------------------------------------------------------------------------------ webhook


@pytest.mark.parametrize("style", ["generic", "slack", "teams"])
def test_webhook_styles(hook: HttpHook, violation, session, tmp_path: Path,  # type: ignore[no-untyped-def]
                        style: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("T_HOOK_AUTH", "Authorization: Bearer abc")
    cfg = parse_config({"webhook": {"url": hook.url, "style": style,
                                    "headers_env": ["T_HOOK_AUTH"]}})
    with open_state(tmp_path / "s.db") as state:
        record(state, violation, cfg, session.policies)
        assert deliver_pending(state, cfg, NOW).messages == 1
    [(path, headers, doc)] = hook.requests
    assert path == "/hook" and headers["Authorization"] == "Bearer abc"
    assert headers["Idempotency-Key"].startswith("finding-")
    assert headers["Content-Type"].startswith("application/json")
    if style == "generic":
        assert doc["kind"] == "finding" and doc["verdict"] == "violation"
        payload = doc["data"]["alerts"][0]["payload"]
        assert payload["finding"]["rule"] == "acr-2024/beyond"
        assert payload["item"]["title"] == HOSTILE_TITLE  # data stays data
    elif style == "slack":
        text = doc["blocks"][1]["text"]["text"]
        assert "&lt;script&gt;" in text and "<script" not in text  # no Slack links/mentions
        assert doc["blocks"][0]["type"] == "header"
    else:
        card = doc["attachments"][0]["content"]
        assert doc["type"] == "message" and card["type"] == "AdaptiveCard"
        assert "acr-2024:0645" in card["body"][1]["text"]


def test_webhook_failure_then_success(hook: HttpHook, violation, session,  # type: ignore[no-untyped-def]
                                      tmp_path: Path) -> None:
    hook.status = 503
    cfg = parse_config({"webhook": {"url": hook.url}})
    with open_state(tmp_path / "s.db") as state:
        record(state, violation, cfg, session.policies)
        r = deliver_pending(state, cfg, NOW)
        assert r.failed and "503" in (r.last_error or "")
        hook.status = 204
        r = deliver_pending(state, cfg, NOW + timedelta(minutes=1))
        assert r.messages == 1
    assert len(hook.requests) == 2
    keys = {h["Idempotency-Key"] for _, h, _ in hook.requests}
    assert len(keys) == 1  # the retry is recognisable as the same message


# ------------------------------------------------------------------------------ maildir


def test_maildir_is_exactly_once_across_a_crash(violation, session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import email
    import email.policy

    from embargo.alerts.channels import get_channel
    from embargo.alerts.outbox import state_identity
    from embargo.reports.render import Renderer

    cfg = parse_config({"maildir": {"path": str(tmp_path / "md")}})
    with open_state(tmp_path / "s.db") as state:
        record(state, violation, cfg, session.policies)
        # a deliverer that dies after writing, before marking: the lease runs out
        rows = state.claim(NOW, lease_seconds=60)
        channel = get_channel("maildir", cfg)
        channel.send(Renderer(cfg).message(rows, now=NOW, identity=state_identity(state)))
        # after the lease, the outbox sends again: the file is recognised, not duplicated
        r = deliver_pending(state, cfg, NOW + timedelta(minutes=2))
        assert r.messages == 1
    files = list((tmp_path / "md" / "new").iterdir())
    assert len(files) == 1 and list((tmp_path / "md" / "tmp").iterdir()) == []
    msg = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    plain, html = parts(msg)
    assert "acr-2024:0645" in plain and "&lt;script&gt;" in html


def test_maildir_default_routes_review_at_once(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cfg = parse_config({"maildir": {"path": str(tmp_path / "md"), "digest": "off"}})
    j = session.check_text("ACR Convergence 2024: a study of gout care will be presented.",
                           kind="editorial", at="2024-11-01 09:00 ET")
    with open_state(tmp_path / "s.db") as state:
        n = record(state, j, cfg, session.policies)
        assert n == len([f for f in j.findings if not f.ok]) > 0
        assert {a.mode for a in state.alerts()} == {"immediate"}
        assert deliver_pending(state, cfg, NOW).messages == 1  # one message per item


# ------------------------------------------------------------------------------ templates


def test_templates_folder_overrides_and_broken_ones_fall_back(smtp, violation, session,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "alert.txt.j2").write_text("CUSTOM {{ item.title }} {{ findings|length }}\n")
    (folder / "alert.html.j2").write_text("<p>{{ item.title }}</p>{{ nonexistent.attr }}\n")
    cfg = parse_config({"templates": str(folder),
                        "email": {"host": "127.0.0.1", "port": smtp.port, "to": ["a@b.example"],
                                  "timeout": 5}})
    with open_state(tmp_path / "s.db") as state:
        record(state, violation, cfg, session.policies)
        assert deliver_pending(state, cfg, NOW).messages == 1
    plain, html = parts(smtp.messages()[0])
    assert plain.startswith("CUSTOM <script>")  # text is text
    assert "What to do" in html and "&lt;script&gt;" in html  # the bundled HTML took over


def test_user_templates_run_in_the_sandbox(tmp_path: Path) -> None:
    from jinja2.exceptions import SecurityError

    from embargo.reports.render import Renderer

    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "evil.txt.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    r = Renderer(parse_config({"templates": str(folder)}))
    with pytest.raises(SecurityError):
        r.env.get_template("evil.txt.j2").render()


def test_javascript_links_are_not_clickable(violation, session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from embargo.reports.render import Renderer

    cfg = parse_config({"maildir": {"path": str(tmp_path / "md")}})
    with open_state(tmp_path / "s.db") as state:
        alerts = alerts_for_judgement(violation, source_key="f", item_key="k",
                                      link="javascript:alert(1)", config=cfg)
        state.enqueue(alerts, NOW)
        msg = Renderer(cfg).message(state.claim(NOW), now=NOW)
    assert all(not h.lower().startswith("javascript") for h in parse_html(msg.html).hrefs)
    assert "javascript:alert(1)" in msg.html  # shown, as text


def test_generic_payload_is_json_serialisable(violation, session) -> None:  # type: ignore[no-untyped-def]
    cfg = parse_config({"webhook": {"url": "http://127.0.0.1:1/x"}})
    [a] = alerts_for_judgement(violation, source_key="f", item_key="k", link=None, config=cfg,
                               policies=session.policies)
    assert json.loads(json.dumps(dict(a.payload)))["meeting"]["zone"] == "America/New_York"
    assert a.dedupe_key == "finding|f|k|acr-2024:0645|beyond|acr-2024/beyond|violation"
    [b] = alerts_for_judgement(violation, source_key="f", item_key="k", link=None, config=cfg)
    assert b.payload["meeting"]["name"] == "ACR Convergence 2024"  # policies loaded for us
