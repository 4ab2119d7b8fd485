"""``embargo status``, ``report`` and ``calendar`` through the real entry point."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

AT = "2024-11-14 09:45 ET"


def test_status_json_names_feeds_errors_pending_and_next_lifts(cli, populated) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--config", populated, "--format", "json", "--at", AT)
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    feeds = {f["name"]: f for f in doc["feeds"]}
    assert set(feeds) == {"Example News", "Broken Feed", "Not Yet Polled"}
    assert feeds["Example News"]["ok"] and feeds["Example News"]["entries_seen"] == 2
    broken = feeds["Broken Feed"]
    assert not broken["ok"] and broken["consecutive_failures"] == 1
    assert "HTTP 500" in broken["last_error"] and broken["last_success_at"]
    assert feeds["Not Yet Polled"]["never_polled"]
    pending = doc["outbox"]["pending_alerts"]
    assert pending and all(a["channel"] == "webhook" for a in pending)
    assert all("127.0.0.1:9" in a["last_error"] for a in pending)
    assert doc["outbox"]["delivered"] >= 1  # the maildir got its message
    lift = doc["next_lifts"][0]
    assert lift["at"] == "2024-11-14T15:00:00+00:00" and lift["meeting"] == "acr-2024"
    assert {c["name"] for c in doc["channels"]} == {"webhook", "maildir"}


def test_status_text(cli, populated) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--config", populated, "--at", AT)
    assert r.code == 0, r.err
    assert "Example News: ok" in r.out and "Broken Feed: FAILING" in r.out
    assert "last error:" in r.out and "HTTP 500" in r.out
    assert "Not Yet Polled: never polled" in r.out
    assert "Thu 14 Nov 2024 10:00 EST (15:00 UTC)" in r.out  # next lift, meeting zone + UTC


def test_status_without_state_yet(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--state", tmp_path / "none.db", "--lifts", "0")
    assert r.code == 0 and "not created yet" in r.out
    assert not (tmp_path / "none.db").exists()  # status never creates the state


def test_report_text_groups_by_meeting_and_verdict(cli, populated) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "--config", populated, "--since", "1d", "--at", AT)
    assert r.code == 0, r.err
    out = r.out
    assert "== ACR Convergence 2024 ==" in out
    assert out.index("-- Violations (1) --") < out.index("-- Needs review (1) --")
    assert "acr-2024/beyond" in out and "most consistent joint responses" in out
    assert "Broken Feed: FAILING" in out


def test_report_since_excludes_older(cli, populated) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "--config", populated, "--since", "1d", "--at", "2024-11-20 09:00 ET")
    assert r.code == 0 and "Nothing needed attention" in r.out
    assert cli("report", "--config", populated, "--since", "soon").code == 2


def test_report_html_is_a_standalone_page(cli, populated, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from html.parser import HTMLParser

    out = tmp_path / "report.html"
    r = cli("report", "--config", populated, "--since", "1d", "--at", AT, "--format", "html",
            "-o", out)
    assert r.code == 0, r.err
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html
    assert "<script" not in html and "&lt;script&gt;" in html

    class P(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[dict[str, str | None]] = []
            self.external: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag == "tr" and a.get("class") == "finding":
                self.rows.append(a)
            if tag in ("link", "img", "script", "iframe") or (tag == "style" and a):
                self.external.append(tag)

    p = P()
    p.feed(html)
    assert not p.external  # no external resources: it opens offline
    lifts = {(row["data-abstract"], row["data-verdict"], row["data-lifts-at"]) for row in p.rows}
    assert ("acr-2024:0645", "violation", "2024-11-14T15:00:00+00:00") in lifts


def test_report_send_through_maildir_and_email(cli, populated, smtp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = populated.read_text().replace(
        '[webhook]\nurl = "http://127.0.0.1:9/hook"\n',
        f'[email]\nhost = "127.0.0.1"\nport = {smtp.port}\nto = ["desk@example.org"]\n'
        'timeout = 5\n')
    populated.write_text(text)
    r = cli("report", "--config", populated, "--since", "1d", "--at", AT, "--send")
    assert r.code == 0, r.err
    [msg] = smtp.messages()
    assert "Report" in msg["Subject"] and msg["X-Embargo-Kind"] == "report"
    html = msg.get_body(("html",)).get_content()
    assert "ACR Convergence 2024" in html and "&lt;script&gt;" in html
    files = list((tmp_path / "md" / "new").iterdir())
    reports = [email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
               for f in files]
    assert any(m["X-Embargo-Kind"] == "report" for m in reports)
    # sending again later makes a new report; the first is not re-sent
    r = cli("report", "--config", populated, "--since", "1d", "--at", "2024-11-14 09:50 ET",
            "--send")
    assert r.code == 0 and len(smtp.messages()) == 2


def test_report_send_when_the_channel_is_down(cli, populated) -> None:  # type: ignore[no-untyped-def]
    text = populated.read_text().split("[maildir]")[0] + '[webhook]\nurl = "http://127.0.0.1:9/h"\n'
    populated.write_text(text)
    r = cli("report", "--config", populated, "--since", "1d", "--at", AT, "--send")
    assert r.code == 1 and "waits in the outbox" in r.err
    s = json.loads(cli("status", "--config", populated, "--format", "json", "--at", AT).out)
    assert any(a["kind"] == "report" for a in s["outbox"]["pending_alerts"])


def test_report_send_without_channels_is_exit_2(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "--state", tmp_path / "s.db", "--send")
    assert r.code == 2 and "channel" in r.err


# ------------------------------------------------------------------------------ calendar


def _calendar(text: str):  # type: ignore[no-untyped-def]
    icalendar = pytest.importorskip("icalendar")
    return icalendar.Calendar.from_ical(text)


def _events(cal):  # type: ignore[no-untyped-def]
    return [c for c in cal.walk() if c.name == "VEVENT"]


def test_calendar_meeting_wide_lifts_match_the_policy(cli, policies) -> None:  # type: ignore[no-untyped-def]
    r = cli("calendar", "--meeting", "acr-2024", "--no-abstracts")
    assert r.code == 0, r.err
    assert "\r\n" in r.out and all(len(line.encode()) <= 75 for line in r.out.split("\r\n"))
    cal = _calendar(r.out)
    events = _events(cal)
    starts = {e.decoded("DTSTART").astimezone(UTC) for e in events}
    # the policy: beyond the abstract (and editorial coverage) at 10:00 ET on 14 Nov 2024
    policy = policies.get("acr-2024")
    beyond = next(x for x in policy.rules if x.id == "beyond")
    assert beyond.lift.instant.astimezone(UTC) in starts
    exact = [e for e in events if e.decoded("DTSTART") == datetime(2024, 11, 14, 15, 0,
                                                                    tzinfo=UTC)
             and str(e["STATUS"]) == "CONFIRMED"]
    assert len(exact) == 1
    ev = exact[0]
    assert "ACR Convergence 2024" in str(ev["SUMMARY"])
    assert "10:00 EST" in str(ev["DESCRIPTION"]) and "15:00 UTC" in str(ev["DESCRIPTION"])
    alarms = [c for c in ev.subcomponents if c.name == "VALARM"]
    assert {a.decoded("TRIGGER").total_seconds() for a in alarms} == {-86400, -3600}
    # the unknown online date shows as a tentative "latest possible lift"
    assert any(str(e["STATUS"]) == "TENTATIVE" and "Latest possible" in str(e["SUMMARY"])
               for e in events)


def test_calendar_per_abstract_and_stable_uids(cli, catalog_path) -> None:  # type: ignore[no-untyped-def]
    a = cli("calendar", "--catalog", catalog_path, "--remind", "2h")
    b = cli("calendar", "--catalog", catalog_path, "--remind", "2h")
    assert a.code == b.code == 0
    ea, eb = _events(_calendar(a.out)), _events(_calendar(b.out))
    uids = [str(e["UID"]) for e in ea]
    assert len(uids) == len(set(uids)) and uids == [str(e["UID"]) for e in eb]
    late = [e for e in ea if "acr-2024:L12" in str(e["SUMMARY"])]
    assert len(late) == 1  # the late-breaking abstract goes online on its own day
    assert late[0].decoded("DTSTART") == datetime(2024, 11, 13, 17, 0, tzinfo=UTC)
    assert "Late-Breaking Abstracts" in str(late[0]["SUMMARY"])
    online = [e for e in ea if e.decoded("DTSTART") == datetime(2024, 10, 25, 16, 0,
                                                                   tzinfo=UTC)]
    assert len(online) == 1 and "3 abstracts" in str(online[0]["SUMMARY"])
    [alarm] = [c for c in late[0].subcomponents if c.name == "VALARM"]
    assert alarm.decoded("TRIGGER").total_seconds() == -7200


def test_calendar_errors(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("calendar", "--meeting", "nope-2024").code == 2
    assert cli("calendar", "--remind", "soonish").code == 2
    out = tmp_path / "lifts.ics"
    r = cli("calendar", "--remind", "none", "-o", out)
    assert r.code == 0 and "BEGIN:VALARM" not in out.read_text()
    assert out.read_bytes().count(b"\r\n") > 10


def test_calendar_day_granularity_is_all_day(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.policy.helpers import HEAD

    pol = tmp_path / "pols"
    pol.mkdir()
    (pol / "test-2024.toml").write_text(
        HEAD.format(zone="America/Los_Angeles")
        + '[[rules]]\nid = "online"\nlift = "2024-10-11"\nexplanation = "Online that day."\n')
    r = cli("calendar", "--policies", pol, "--meeting", "test-2024")
    assert r.code == 0, r.err
    [ev] = _events(_calendar(r.out))
    from datetime import date

    assert ev.decoded("DTSTART") == date(2024, 10, 11)
    assert ev.decoded("DTEND") == date(2024, 10, 12)


def test_calendar_is_valid_for_a_strict_parser(cli, catalog_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("calendar", "--catalog", catalog_path)
    text = r.out
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VCALENDAR\r\n")
    for e in _events(_calendar(text)):
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert prop in e, prop


def test_written_report_path_errors(cli, populated, tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "--config", populated, "-o", tmp_path / "no" / "such" / "dir" / "r.txt")
    assert r.code == 2


def _unused(p: Path) -> None:
    pass
