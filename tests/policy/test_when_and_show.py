"""`embargo when` resolves rolling lifts per abstract from the catalogue's events, overrides
and tags (through the real CLI), and `embargo policy show` explains every shipped policy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from embargo.policy import PolicySet

LINES = [
    # ASCO late-breaking: 7:00 AM CT on the (venue) day of each abstract's own session
    {"meeting": "asco-2024", "number": "LBA1", "title": "Drug X in disease Y",
     "category": "late-breaking", "session": {"start": "2024-06-02T13:00:00-05:00"}},
    {"meeting": "asco-2024", "number": "LBA5", "title": "Drug Z in disease W",
     "category": "oral", "tags": ["late-breaking"],
     "body": "Drug Z lowered relapse by 41% among 812 adults with disease W.",
     "session": {"start": "2024-06-03T09:45:00-05:00"}},
    {"meeting": "asco-2024", "number": "LBA9", "title": "No session yet",
     "category": "late-breaking"},
    # ASH: the poster hall's opening for this poster, and a briefing for the oral
    {"meeting": "ash-2023", "number": "2201", "title": "A poster", "category": "poster",
     "session": {"start": "2023-12-10T18:00:00-08:00"},
     "events": {"poster_hall_open": "2023-12-10T09:30:00-08:00"}},
    {"meeting": "ash-2023", "number": "102", "title": "A briefed oral", "category": "oral",
     "session": {"start": "2023-12-11T10:00:00-08:00"},
     "events": {"briefing_start": "2023-12-09T08:00:00-08:00"}},
    # ASN: an early lift for a briefing, recorded as the abstract's own lift
    {"meeting": "asn-2024", "number": "TH-OR07", "title": "Briefed talk", "category": "oral",
     "events": {"presentation_start": "2024-10-25T16:30:00-07:00",
                "briefing_start": "2024-10-24T09:00:00-07:00"},
     "lifts": {"beyond": "briefing_start"}},
    # AACR: press programme by tag, with a press conference before the session
    {"meeting": "aacr-2025", "number": "5678", "title": "In the press programme",
     "category": "oral", "tags": ["press-programme"],
     "session": {"start": "2025-04-28T14:00:00-05:00"},
     "events": {"briefing_start": "2025-04-27T10:00:00-05:00"}},
    # CHEST: "unless otherwise noted"
    {"meeting": "chest-2024", "number": "A202", "title": "Moved", "category": "oral",
     "session": {"start": "2024-10-07T10:15:00-04:00"},
     "lifts": {"abstract": "session_start", "existence": "2024-10-01T09:00:00-04:00"}},
]


@pytest.fixture()
def cat(cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    src = tmp_path / "abstracts.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in LINES) + "\n", encoding="utf-8")
    db = tmp_path / "cat.db"
    r = cli("abstracts", "import", src, "--catalog", db)
    assert r.code == 0, r.err
    return db


def when(cli, cat: Path, aid: str, kind: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    r = cli("when", aid, "--kind", kind, "--format", "json", "--catalog", cat)
    assert r.code == 0, r.err
    doc: dict = json.loads(r.out)  # type: ignore[type-arg]
    out: dict = doc["kinds"][kind]  # type: ignore[type-arg]
    return out


@pytest.mark.parametrize("aid, tier, kind, free_from, rule", [
    ("asco-2024:LBA1", "abstract", "editorial", "2024-06-02T12:00:00+00:00",
     "asco-2024/late-breaking"),
    ("asco-2024:LBA5", "abstract", "press-release", "2024-06-03T12:00:00+00:00",
     "asco-2024/late-breaking"),
    ("asco-2024:LBA5", "existence", "social", "2024-04-24T14:00:00+00:00", "asco-2024/titles"),
    ("ash-2023:2201", "beyond", "social", "2023-12-10T17:30:00+00:00", "ash-2023/beyond-poster"),
    ("ash-2023:2201", "material", "social", "2023-12-10T17:30:00+00:00",
     "ash-2023/beyond-poster"),
    ("ash-2023:102", "beyond", "editorial", "2023-12-09T16:00:00+00:00", "ash-2023/beyond"),
    ("asn-2024:TH-OR07", "beyond", "editorial", "2024-10-24T16:00:00+00:00", "asn-2024/beyond"),
    ("aacr-2025:5678", "abstract", "editorial", "2025-04-27T15:00:00+00:00",
     "aacr-2025/press-programme"),
    ("chest-2024:A202", "abstract", "editorial", "2024-10-07T14:15:00+00:00",
     "chest-2024/scientific-content"),
    ("chest-2024:A202", "existence", "editorial", "2024-10-01T13:00:00+00:00",
     "chest-2024/scientific-content"),
    ("chest-2024:A202", "beyond", "editorial", "2024-09-30T04:01:00+00:00",
     "chest-2024/scientific-content"),
])
def test_when_resolves_each_abstract(cli, cat, aid, tier, kind, free_from, rule) -> None:  # type: ignore[no-untyped-def]
    entry = when(cli, cat, aid, kind)[tier]
    assert entry["free_from"] == free_from
    assert entry["rule"] == rule
    assert entry["known"] is True


def test_when_says_when_an_override_is_in_force(cli, cat) -> None:  # type: ignore[no-untyped-def]
    entry = when(cli, cat, "asn-2024:TH-OR07", "editorial")["beyond"]
    assert "override" in entry and "briefing" in entry["override"]
    r = cli("when", "asn-2024:TH-OR07", "--kind", "editorial", "--catalog", cat)
    assert "organiser set this abstract's beyond lift" in r.out


def test_when_without_the_session_is_unknown_not_a_guess(cli, cat) -> None:  # type: ignore[no-untyped-def]
    entry = when(cli, cat, "asco-2024:LBA9", "editorial")["abstract"]
    # not known; free for sure only once the meeting is over (7:00 AM CT the day after its
    # last day, 4 June), never a session start guessed
    assert entry["known"] is False
    assert entry["free_from"] == entry["not_after"] == "2024-06-05T12:00:00+00:00"
    assert entry["not_before"] == "2024-05-31T12:00:00+00:00"
    assert any("session_start" in n for n in entry["notes"])


def test_check_uses_the_same_per_abstract_lift(cli, cat, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    draft = tmp_path / "d.md"
    draft.write_text("---\nkind: editorial\nabstracts: [asco-2024:LBA5]\n---\n"
                     "Drug Z lowered relapse by 41% among 812 adults with disease W, a "
                     "late-breaking study found.\n")
    r = cli("check", draft, "--at", "2024-06-03 06:59:59 CT", "--format", "json",
            "--catalog", cat)
    item = json.loads(r.out)["items"][0]
    assert {f["tier"] for f in item["findings"]} >= {"abstract"}
    assert item["verdict"] == "violation" and r.code == 1
    assert item["earliest_compliant"] == "2024-06-03T12:00:00+00:00"
    r = cli("check", draft, "--at", "2024-06-03 07:00 CT", "--format", "json",
            "--catalog", cat)
    assert json.loads(r.out)["items"][0]["verdict"] == "pass" and r.code == 0


# ------------------------------------------------------------------------------- policy show

SHIPPED = ["acr-2024", "asco-2024", "ash-2023", "aacr-2025", "aasld-2024", "ecfs-2017",
           "acg-2024", "chest-2024", "asn-2024", "eular-2024"]


@pytest.mark.parametrize("mid", SHIPPED)
def test_show_every_shipped_policy(cli, mid: str, policies: PolicySet) -> None:  # type: ignore[no-untyped-def]
    r = cli("policy", "show", mid)
    assert r.code == 0, r.err
    p = policies.require(mid)
    for url in p.meeting.sources:
        assert url in r.out
    for rule in p.rules:
        assert f"{mid}/{rule.id}" in r.out
    assert "AT A GLANCE" in r.out and "UTC" in r.out
    # every fixed time in the file appears in venue time, Eastern time and UTC
    for m in re.finditer(r"\(written \"([^\"]+)\"\)", r.out):
        line = r.out[: m.start()].rsplit("\n", 1)[-1]
        assert line.count("·") >= (1 if p.meeting.zone == "America/New_York" else 2), line


def test_show_ash_straddles_dst_in_three_zones(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("policy", "show", "ash-2023").out
    assert "Thu 02 Nov 2023 06:00 PDT · 09:00 EDT · 13:00 UTC" in out
    assert "Tue 21 Nov 2023 06:00 PST · 09:00 EST · 14:00 UTC" in out


def test_show_chest_flags_the_est_label(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("policy", "show", "chest-2024").out
    assert "Mon 30 Sep 2024 00:01 EDT · 04:01 UTC" in out
    assert "CHECK THESE AGAINST THE ORGANISER'S PAGE" in out and "05:01 UTC" in out


def test_show_names_catalogue_facts(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("policy", "show", "aasld-2024").out
    assert "presentation_start: the abstract's `events.presentation_start`" in out


def test_show_a_policy_using_every_construct(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.policy.helpers import HEAD

    f = tmp_path / "test-2024.toml"
    f.write_text(HEAD.format(zone="Europe/Vienna") + """
[embargo]
starts = { unknown = true, not_before = "2024-03-25 00:00", not_after = "2024-04-01 00:00" }
[events]
abstracts_online = { unknown = true, not_after = "meeting_start" }
[[overrides]]
abstract = "OP7"
tiers = ["beyond"]
lift = "2024-06-12 08:00"
note = "moved for the opening briefing"
[[rules]]
id = "sec"
exception = "securities-disclosure"
allow = true
explanation = "approved"
[[rules]]
id = "lb-oral"
all_tags = ["late-breaking", "oral"]
lift = "00:05 CEST on presentation_start"
explanation = "late-breaking orals at 00:05 on the day"
[[rules]]
id = "photos"
kinds = ["social"]
tiers = ["material"]
never = true
consequences = "badge withdrawn"
explanation = "no photos"
[[rules]]
id = "ask"
kinds = ["other"]
review = "ask the press office"
explanation = "other outlets"
[[rules]]
id = "rest"
lift = { first = ["briefing_start?", { latest = ["abstracts_online", "session_start - 1h"] }] }
explanation = "the rest"
[[requirements]]
id = "number"
kinds = ["press-release"]
check = "abstract-number"
before = "session_start"
explanation = "state the number"
""")
    r = cli("policy", "show", "test-2024", "--policies", tmp_path)
    assert r.code == 0, r.err
    out = r.out
    for fragment in ("ABSTRACTS WHOSE LIFT THE ORGANISER MOVED", "OP7 (beyond):",
                     "Wed 12 Jun 2024 08:00 CEST · 02:00 EDT · 06:00 UTC",
                     "labelled late-breaking and oral:", "with an approved "
                     "'securities-disclosure' exception:", "never allowed",
                     "at stake: badge withdrawn", "a person must check",
                     "the first that applies of", "whichever comes last of",
                     "minus 1 hour", "REQUIREMENTS", "test-2024/number — for press-release, before",
                     "00:05 CEST on the day of", "presentation_start: the abstract's",
                     "Mon 25 Mar 2024 00:00 CET"):
        assert fragment in out, fragment
