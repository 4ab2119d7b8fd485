"""policy/schedule.py: every lift, meeting-wide and per abstract, compared with the policy."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from embargo.model import Kind, Tier
from embargo.policy.schedule import all_lifts, group_lifts, meeting_lifts, upcoming
from tests.policy.helpers import abstract, policy, t

ASCO_LIKE = """
[events]
titles_online = "2024-04-24 10:00 ET"
[[rules]]
id = "tip"
tags = ["trials-in-progress"]
allow = true
explanation = "Trials-in-progress abstracts are exempt."
[[rules]]
id = "late-breaking"
tags = ["late-breaking"]
tiers = ["abstract", "beyond"]
lift = { event = "session_start", clock = ["07:00 CT", "08:00 ET"] }
explanation = "Late-breaking abstracts lift at 7:00 AM CT on the day of their session."
[[rules]]
id = "titles"
tiers = ["existence"]
lift = "titles_online"
explanation = "Titles are public when titles go online."
[[rules]]
id = "regular"
lift = "2024-05-23 17:00 ET"
explanation = "Regular abstracts lift at 5:00 PM ET on May 23."
"""


def _by(events, **kw):  # type: ignore[no-untyped-def]
    return [e for e in events if all(getattr(e, k) == v for k, v in kw.items())]


def test_meeting_wide_lifts_with_kinds_merged() -> None:
    p = policy(ASCO_LIKE)
    events = meeting_lifts(p)
    [titles] = _by(events, tier=Tier.EXISTENCE, rule="test-2024/titles", abstract=None)
    assert titles.at == t("2024-04-24 14:00")  # 10:00 EDT = 14:00 UTC
    assert titles.kinds == frozenset(Kind)
    [regular] = _by(events, tier=Tier.ABSTRACT, rule="test-2024/regular")
    assert regular.at == t("2024-05-23 21:00") and "anyone" in regular.description
    assert "Thu 23 May 2024 16:00 CDT (21:00 UTC)" in regular.description  # venue zone + UTC
    assert not _by(events, tier=Tier.MATERIAL)  # same as beyond: said once
    assert not _by(events, rule="test-2024/tip")  # "allow" is not a lift


def test_tag_rules_need_the_abstract_events() -> None:
    p = policy(ASCO_LIKE)
    # meeting-wide the late-breaking lift has no session: no instant, left out
    assert not _by(meeting_lifts(p), rule="test-2024/late-breaking")
    lb = abstract("LBA1", tags=("late-breaking",),
                  session=("2024-06-02 13:00 CT", "2024-06-02 15:00 CT"))
    regular = abstract("101", tags=("poster",))
    events = all_lifts([p], [lb, regular])
    mine = _by(events, abstract="test-2024:LBA1")
    assert {e.tier for e in mine} == {Tier.ABSTRACT, Tier.BEYOND}
    assert all(e.at == t("2024-06-02 12:00") for e in mine)  # 07:00 CDT that day
    assert all(e.rule == "test-2024/late-breaking" for e in mine)
    assert not _by(events, abstract="test-2024:101")  # follows the meeting-wide lifts


def test_per_abstract_override_and_kinds_filter() -> None:
    p = policy(ASCO_LIKE)
    moved = abstract("7", lifts={"abstract": "2024-05-20 09:00 CT"})
    events = all_lifts([p], [moved], kinds=[Kind.PRESS_RELEASE])
    [ev] = _by(events, abstract="test-2024:7", tier=Tier.ABSTRACT)
    assert ev.at == t("2024-05-20 14:00") and ev.override and "organiser" in ev.override
    assert all(e.kinds == frozenset({Kind.PRESS_RELEASE}) for e in events)


def test_day_and_bounds_and_window() -> None:
    p = policy("""
[events]
abstracts_online = { unknown = true, not_after = "2024-06-12 08:00" }
[[rules]]
id = "online"
tiers = ["existence", "abstract"]
lift = "abstracts_online"
explanation = "When online."
[[rules]]
id = "beyond"
lift = "2024-06-13"
explanation = "Some time on the 13th."
""")
    events = all_lifts([p])
    [online] = _by(events, tier=Tier.ABSTRACT)
    assert online.at is None and online.upper == t("2024-06-12 13:00") and online.lower is None
    assert online.when == online.upper and "not after" in online.description
    [day] = _by(events, tier=Tier.BEYOND)
    assert day.at is None and day.day is not None and day.day.isoformat() == "2024-06-13"
    assert day.when == t("2024-06-14 05:00")  # the end of the venue day (CDT)
    window = all_lifts([p], start=t("2024-06-12 12:00"), end=t("2024-06-12 14:00"))
    assert {e.tier for e in window} == {Tier.EXISTENCE, Tier.ABSTRACT}
    assert upcoming(events, t("2024-06-13 00:00")) == _by(events, tier=Tier.BEYOND)


def test_acr_against_its_policy(policies, catalog_path) -> None:  # type: ignore[no-untyped-def]
    from embargo.catalog import Catalog

    with Catalog(catalog_path, readonly=True) as cat:
        events = all_lifts(policies, cat.iter_all(), meetings=["acr-2024"])
    lift = t("2024-11-14 15:00")
    beyond = _by(events, tier=Tier.BEYOND, abstract=None)
    assert [e.at for e in beyond] == [lift]
    assert beyond[0].kinds == frozenset(Kind) - {Kind.SCHOLARLY}  # scholarly: allowed
    online = {e.abstract: e.at for e in events if e.abstract and e.tier is Tier.ABSTRACT}
    assert online["acr-2024:L12"] == t("2024-11-13 17:00")
    assert online["acr-2024:0645"] == t("2024-10-25 16:00")
    assert "acr-2024:0912" not in online  # no online_at: follows the meeting-wide bounds
    groups = group_lifts(events)
    assert [g.when for g in groups] == sorted(g.when for g in groups if g.when)
    g = next(g for g in groups if g.at == t("2024-10-25 16:00"))
    assert g.abstracts == ("acr-2024:0645", "acr-2024:1709", "acr-2024:2210")
    assert "3 abstracts" in g.label and g.key.startswith("acr-2024|2024-10-25T12:00")
    assert len({x.key for x in groups}) == len(groups)
    assert len({e.key for e in events}) == len(events)


def test_thirty_thousand_abstracts_are_quick() -> None:
    p = policy(ASCO_LIKE)
    base = datetime(2024, 5, 31, 13, 0, tzinfo=UTC)
    many = [abstract(str(i), tags=("late-breaking",) if i % 50 == 0 else ("poster",),
                     session=None)
            for i in range(30_000)]
    from dataclasses import replace

    from embargo.model import Session

    many = [replace(a, session=Session("s", base + timedelta(hours=i % 120)))
            for i, a in enumerate(many)]
    started = time.perf_counter()
    events = all_lifts([p], many)
    took = time.perf_counter() - started
    assert len(_by(events, tier=Tier.ABSTRACT)) == 600 + 1  # 600 late-breaking + regular
    assert took < 10, took


def test_an_unreadable_override_is_skipped_when_asked() -> None:
    import pytest

    from embargo.errors import InputError

    p = policy(ASCO_LIKE)
    bad = abstract("9", lifts={"abstract": "when the cows come home"})
    good = abstract("10", lifts={"abstract": "2024-05-20 09:00 CT"})
    with pytest.raises(InputError):
        all_lifts([p], [bad, good])
    problems: list[tuple[str, str]] = []
    events = all_lifts([p], [bad, good], errors=problems)
    assert [a for a, _ in problems] == ["test-2024:9"]
    assert _by(events, abstract="test-2024:10")
