"""WHEN forms, zone labels, DST edges and the pytz/zoneinfo twin."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import pytz
from hypothesis import given, settings
from hypothesis import strategies as st

from embargo.errors import InputError
from embargo.timeparse import coerce_instant, parse_clock, parse_duration, parse_when

NY = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    "text, utc",
    [
        ("2024-11-14T09:59:00-05:00", "2024-11-14T14:59:00"),
        ("2024-11-14T14:59:00Z", "2024-11-14T14:59:00"),
        ("2024-11-14 09:59 ET", "2024-11-14T14:59:00"),
        ("Nov 14, 2024 10:00 AM ET", "2024-11-14T15:00:00"),
        ("10:00 AM ET on November 14, 2024", "2024-11-14T15:00:00"),
        ("Thursday, November 14, 2024 at 10:00 a.m. ET", "2024-11-14T15:00:00"),
        ("2024-11-14 07:00 PT", "2024-11-14T15:00:00"),
        ("2024-11-14 09:00 CT", "2024-11-14T15:00:00"),
        ("2024-11-14 08:00 MT", "2024-11-14T15:00:00"),
        # Summer: the same labels mean daylight time.
        ("2024-06-01 08:00 ET", "2024-06-01T12:00:00"),
        ("2024-06-01 07:00 CT", "2024-06-01T12:00:00"),
        ("2024-06-01 05:00 PT", "2024-06-01T12:00:00"),
        ("12 p.m. CT Apr 25, 2025", "2025-04-25T17:00:00"),
        ("noon ET on Oct 27, 2024", "2024-10-27T16:00:00"),
        ("2024-06-13 00:05 CEST", "2024-06-12T22:05:00"),
        ("2024-06-13 14:00 Europe/Vienna", "2024-06-13T12:00:00"),
        ("7:00 AM CT / 8:00 AM ET on June 1, 2024", "2024-06-01T12:00:00"),
    ],
)
def test_when_forms(text: str, utc: str) -> None:
    p = parse_when(text, "UTC")
    assert p.instant.astimezone(UTC).replace(tzinfo=None) == datetime.fromisoformat(utc)
    assert not p.assumed_zone


def test_no_zone_is_read_in_the_configured_zone_and_says_so() -> None:
    p = parse_when("2024-11-14 09:59", "America/Los_Angeles")
    assert p.assumed_zone and p.zone == "America/Los_Angeles"
    assert p.instant.astimezone(UTC).hour == 17


def test_mislabelled_est_in_september_reads_wall_clock_and_warns() -> None:
    p = parse_when("Sep 30, 2024 12:01 am EST", "UTC")
    assert p.instant.astimezone(UTC) == datetime(2024, 9, 30, 4, 1, tzinfo=UTC)
    assert p.warnings and "05:01 UTC" in p.warnings[0]


def test_correct_label_gives_no_warning() -> None:
    assert parse_when("Jan 30, 2024 12:01 am EST", "UTC").warnings == ()


@pytest.mark.parametrize(
    "bad",
    ["", "soon", "Nov 14 10:00 ET", "10:00 ET", "2024-11-14", "2024-13-40T10:00",
     "2024-11-14 10:00 XYZ", "2024-11-14 10:00 IST", "7:00 AM CT / 9:00 AM ET on June 1, 2024"],
)
def test_bad_when_is_refused_with_a_reason(bad: str) -> None:
    with pytest.raises(InputError) as e:
        parse_when(bad, "UTC")
    assert str(e.value)


def test_spring_forward_gap_is_refused() -> None:
    with pytest.raises(InputError, match="does not exist"):
        parse_when("2024-03-10 02:30 ET", "UTC")


def test_fall_back_fold_reads_first_and_warns() -> None:
    p = parse_when("2024-11-03 01:30 ET", "UTC")
    assert p.instant.astimezone(UTC) == datetime(2024, 11, 3, 5, 30, tzinfo=UTC)
    assert "twice" in p.warnings[0]


def test_day_granularity_only_when_allowed() -> None:
    p = parse_when("Oct 11, 2024", "America/Los_Angeles", allow_day=True)
    assert p.granularity == "day"
    assert p.day_end - p.instant == timedelta(days=1)


@pytest.mark.parametrize("text, seconds", [("30s", 30), ("10m", 600), ("2h", 7200),
                                           ("1d", 86400), ("1h30m", 5400), ("-90m", -5400)])
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text).total_seconds() == seconds


def test_clock() -> None:
    t, label = parse_clock("12:01 a.m. ET")
    assert (t.hour, t.minute, label) == (0, 1, "ET")


# --------------------------------------------------------------------- property tests

_days = st.dates(min_value=datetime(2000, 1, 1).date(), max_value=datetime(2037, 12, 31).date())


@settings(max_examples=300, deadline=None)
@given(day=_days, hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_et_label_matches_new_york_wall_clock_every_day(day, hour, minute) -> None:  # type: ignore[no-untyped-def]
    """ET is always New York's wall clock, EST or EDT as the date falls."""
    text = f"{day.isoformat()} {hour:02d}:{minute:02d} ET"
    naive = datetime(day.year, day.month, day.day, hour, minute)
    expected = naive.replace(tzinfo=NY)
    if expected.astimezone(UTC).astimezone(NY).replace(tzinfo=None) != naive:
        with pytest.raises(InputError):
            parse_when(text, "UTC")  # inside the spring-forward gap
        return
    assert parse_when(text, "UTC").instant == expected


@settings(max_examples=200, deadline=None)
@given(day=_days, hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_pytz_and_zoneinfo_datetimes_are_the_same_instant(day, hour, minute) -> None:  # type: ignore[no-untyped-def]
    naive = datetime(day.year, day.month, day.day, hour, minute)
    zi = naive.replace(tzinfo=NY)
    pz = pytz.timezone("America/New_York").localize(naive, is_dst=zi.dst() != timedelta(0))
    a, b = coerce_instant(pz), coerce_instant(zi)
    assert a.astimezone(UTC) == b.astimezone(UTC)
    assert a.tzinfo == NY and b.tzinfo == NY
    assert a.replace(tzinfo=None) == b.replace(tzinfo=None)  # the same wall clock reading too


def test_zoneinfo_time_in_the_spring_gap_is_canonicalised() -> None:
    gap = datetime(2016, 3, 13, 2, 30, tzinfo=NY)
    got = coerce_instant(gap)
    assert got.astimezone(UTC) == gap.astimezone(UTC)
    assert (got.hour, got.minute) == (3, 30)


def test_pytz_replace_trap_is_read_as_wall_clock() -> None:
    lmt = datetime(2024, 11, 14, 10, 0, tzinfo=pytz.timezone("America/New_York"))
    assert lmt.utcoffset() != timedelta(hours=-5)  # the trap: LMT, -4:56
    assert coerce_instant(lmt) == datetime(2024, 11, 14, 10, 0, tzinfo=NY)


def test_naive_datetime_is_read_in_default_zone() -> None:
    got = coerce_instant(datetime(2024, 11, 14, 10, 0), "America/Chicago")
    assert got.astimezone(UTC) == datetime(2024, 11, 14, 16, 0, tzinfo=UTC)
