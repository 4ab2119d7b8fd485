"""Issue 11, item 8: what a newcomer trips over, one test per point (real CLI, real files)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.alerts.conftest import populated, session, violation  # noqa: F401
from tests.conftest import ROOT

NEWS = "The hospital car park reopens on Monday with forty more spaces.\n"


def test_dot_folders_and_dot_dot_paths_hold_drafts(cli: Any, tmp_path: Path,
                                                   catalog_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    hidden = tmp_path / ".work" / "drafts"
    hidden.mkdir(parents=True)
    (hidden / "a.md").write_text(NEWS, encoding="utf-8")
    (hidden / ".swap.md").write_text(NEWS, encoding="utf-8")  # hidden inside: still skipped
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    for target in (str(hidden), "../.work/drafts", "../.work/drafts/../drafts"):
        r = cli("check", target, "--catalog", catalog_path, "--format", "json")
        assert r.code == 0, (target, r.err)
        assert [Path(i["source"]).name for i in json.loads(r.out)["items"]] == ["a.md"]


def test_policy_new_into_a_missing_folder(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "my-policies" / "deeper" / "my-2025.toml"
    r = cli("policy", "new", "my-2025", "-o", out)
    assert r.code == 0, r.err
    assert out.is_file() and "my-2025" in out.read_text(encoding="utf-8")


def test_the_skeleton_warns_about_its_todos(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "my-2025.toml"
    assert cli("policy", "new", "my-2025", "-o", out).code == 0
    text = out.read_text(encoding="utf-8").replace(
        '"TODO: the venue\'s IANA zone, e.g. America/Chicago or Europe/Vienna"',
        '"America/Chicago"')
    out.write_text(text, encoding="utf-8")
    r = cli("policy", "validate", out)
    assert "warning: meeting.name: still says TODO" in r.out, r.out
    assert "0 warning(s)" not in r.out
    r = cli("policy", "validate", out, "--strict")
    assert r.code == 2


def test_the_example_config_copied_as_it_is_works(cli: Any, tmp_path: Path) -> None:
    shutil.copy(ROOT / "config.example.toml", tmp_path / "embargo.toml")
    cfg = tmp_path / "embargo.toml"
    assert cli("policy", "list", "--config", cfg).code == 0
    r = cli("status", "--config", cfg)
    assert r.code == 0, r.err
    draft = tmp_path / "news.md"
    draft.write_text(NEWS, encoding="utf-8")
    r = cli("check", draft, "--config", cfg, "--no-catalog")
    assert r.code == 3, r.err


def test_jitter_zero_is_accepted(tmp_path: Path) -> None:
    from embargo.config import load_config

    cfg = tmp_path / "embargo.toml"
    cfg.write_text('[daemon]\njitter = "0s"\n', encoding="utf-8")
    assert load_config(cfg).daemon.jitter == timedelta(0)


def test_tomorrow_in_at_is_read(cli: Any, tmp_path: Path, catalog_path: Path) -> None:
    draft = tmp_path / "news.md"
    draft.write_text(NEWS, encoding="utf-8")
    r = cli("check", draft, "--at", "tomorrow 9:30 ET", "--catalog", catalog_path,
            "--format", "json")
    assert r.code == 0, r.err
    at = datetime.fromisoformat(json.loads(r.out)["items"][0]["published_at"])
    local = at.astimezone(ZoneInfo("America/New_York"))
    today = datetime.now(ZoneInfo("America/New_York")).date()
    assert (local.hour, local.minute) == (9, 30)
    assert local.date() - today in (timedelta(days=1), timedelta(0))  # (midnight race)


@settings(max_examples=200, deadline=None)
@given(now=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1),
                        timezones=st.just(ZoneInfo("UTC"))),
       word=st.sampled_from(["today", "tomorrow", "yesterday", "Tomorrow"]),
       form=st.sampled_from(["{w} 9:30 ET", "{w} at 9:30 AM ET", "9:30 ET {w}",
                             "{w} 21:15 CT", "{w} 12:00 PT"]))
def test_relative_days_are_that_days_wall_clock(now: datetime, word: str, form: str) -> None:
    from embargo.errors import InputError
    from embargo.timeparse.parse import parse_relative_day

    text = form.format(w=word)
    zone = {"ET": "America/New_York", "CT": "America/Chicago", "PT": "America/Los_Angeles"}[
        text.split()[-1] if text.split()[-1] in ("ET", "CT", "PT") else text.split()[-2]]
    tz = ZoneInfo(zone)
    try:
        got = parse_relative_day(text, "UTC", now=now)
    except InputError as e:  # a wall clock that does not exist that day (DST gap)
        assert "does not exist" in str(e) or "gap" in str(e).lower(), e
        return
    assert got is not None and got.label is not None
    shift = {"today": 0, "tomorrow": 1, "yesterday": -1}[word.lower()]
    local = got.instant.astimezone(tz)
    assert local.date() == now.astimezone(tz).date() + timedelta(days=shift)
    clock = "9:30" if "9:30" in text else ("21:15" if "21:15" in text else "12:00")
    assert f"{local.hour}:{local.minute:02d}" == clock
    assert abs(got.instant - now) < timedelta(hours=2 * 24 + 2)


def test_relative_words_are_not_taken_for_dates_elsewhere() -> None:
    from embargo.timeparse import parse_when
    from embargo.timeparse.parse import parse_relative_day

    assert parse_relative_day("2024-11-14 09:30 ET", "UTC") is None
    assert parse_when("Nov 14, 2024 10:00 AM ET").instant == datetime.fromisoformat(
        "2024-11-14T15:00:00+00:00")


def test_duplicate_ids_in_one_import_file_are_refused(cli: Any, tmp_path: Path) -> None:
    f = tmp_path / "dup.jsonl"
    rows = [{"meeting": "acr-2024", "number": "0645", "title": "First"},
            {"meeting": "acr-2024", "number": "0700", "title": "Other"},
            {"meeting": "acr-2024", "number": "0645", "title": "Second"}]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "c.db"
    r = cli("abstracts", "import", f, "--catalog", db, "--quiet")
    assert r.code == 2, r.out
    assert f"{f}:3" in r.err and "line 1" in r.err and "acr-2024:0645" in r.err
    assert len(r.err.strip().splitlines()) == 1
    r = cli("abstracts", "import", f, "--catalog", db, "--quiet", "--skip-invalid")
    assert r.code == 0 and "1 skipped" in r.out
    r = cli("abstracts", "show", "acr-2024:0645", "--catalog", db)
    assert "First" in r.out  # the first row kept, the repeat skipped and named


def test_csv_with_a_bom_and_semicolons(cli: Any, tmp_path: Path) -> None:
    f = tmp_path / "excel.csv"
    f.write_bytes("\ufeffmeeting;number;title;authors\r\n"
                  "acr-2024;0645;Zelorimab in psoriatic arthritis;\"Kim, M; Okafor, H\"\r\n"
                  "acr-2024;L12;Late breaker, with a comma;Diaz\r\n".encode("utf-8"))
    db = tmp_path / "c.db"
    r = cli("abstracts", "import", f, "--catalog", db, "--quiet")
    assert r.code == 0, r.err
    r = cli("abstracts", "show", "acr-2024:L12", "--catalog", db, "--format", "json")
    doc = json.loads(r.out)
    assert doc["title"] == "Late breaker, with a comma" and doc["authors"] == ["Diaz"]
    r = cli("abstracts", "show", "acr-2024:0645", "--catalog", db, "--format", "json")
    assert json.loads(r.out)["authors"] == ["Kim, M", "Okafor, H"]


def test_html_report_shows_titles_with_ids(cli: Any, populated: Path,  # noqa: F811
                                           tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    r = cli("report", "--config", populated, "--since", "3650d", "--format", "html", "-o", out)
    assert r.code == 0, r.err
    html = out.read_text(encoding="utf-8")
    title = "Efficacy and Safety of Zelorimab, an Anti-IL-23p19 Antibody"
    assert "acr-2024:0645" in html and title in html, "no abstract title beside the id"


def test_status_counts_messages_not_rows(cli: Any, session: Any,  # noqa: F811
                                         tmp_path: Path) -> None:
    """An item with several findings goes out as ONE message: status says 1 message (and
    how many alerts it carried), as the mailbox holds it."""
    from embargo.alerts import alerts_for_judgement, deliver_pending
    from embargo.config import load_config
    from embargo.reports.formats.json import judgement_json
    from embargo.state import open_state

    cfg_path = tmp_path / "embargo.toml"
    cfg_path.write_text(f'state = "{tmp_path / "s.db"}"\ncatalog = false\n'
                        f'[maildir]\npath = "{tmp_path / "md"}"\ndigest = "off"\n',
                        encoding="utf-8")
    cfg = load_config(cfg_path)
    text = (ROOT / "examples" / "drafts" / "02-release-with-quote-before-lift.md").read_text()
    j = session.check_text(text, at="2024-10-01 09:00 ET")
    bad = [f for f in j.findings if not f.ok]
    assert len(bad) >= 2
    at = datetime.fromisoformat("2024-10-01T13:00:00+00:00")
    with open_state(cfg.state) as st:
        alerts = alerts_for_judgement(j, source_key="feed:x", item_key="guid:1", link=None,
                                      config=cfg, policies=session.policies)
        st.record_item("feed:x", "guid:1", content_hash="h", title=j.item.title, link=None,
                       published_at=j.item.published_at, judgement=judgement_json(j),
                       alerts=alerts, at=at)
        report = deliver_pending(st, cfg, at)
    files = list((tmp_path / "md" / "new").iterdir())
    assert len(files) == report.messages == 1 and report.delivered == len(bad)
    r = cli("status", "--config", cfg_path, "--format", "json")
    ob = json.loads(r.out)["outbox"]
    assert (ob["delivered_messages"], ob["delivered"]) == (1, len(bad))
    r = cli("status", "--config", cfg_path)
    assert f"1 message(s) delivered ({len(bad)} alerts)" in r.out, r.out
