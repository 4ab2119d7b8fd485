"""One instant written in several zones, as organisers print it; clock times on an event's
day in seasonal zones (issue 12, item 4).  Properties run over DST edges."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from embargo.errors import InputError
from embargo.policy.lifts import ClockOn, EventRef, LiftContext, LiftParser
from embargo.timeparse import parse_when
from embargo.timeparse.renderings import split_renderings

AWARD = "2025-01-30T10:00:00+00:00"


@pytest.mark.parametrize("text", [
    "2 a.m. PT/4 a.m. CT/5 a.m. ET, Thursday, Jan 30, 2025",
    "2 a.m. PT / 4 a.m. CT / 5 a.m. ET, Thursday, Jan 30, 2025",
    "Thursday, Jan 30, 2025, 2 a.m. PT/4 a.m. CT/5 a.m. ET",
    "Thursday, Jan. 30, 2025 at 2 a.m. PT/4 a.m. CT/5 a.m. ET",
    "2 a.m. PT/4 a.m. CT, Thursday, Jan 30, 2025/5 a.m. ET",
    "2 a.m. PT/4 a.m. CT on Jan 30, 2025/5 a.m. ET",
    "2:00 AM PT/4:00 AM CT/5:00 AM ET on January 30, 2025",
    "2025-01-30 02:00 PT/2025-01-30 04:00 CT",
    "1/30/2025 2:00 AM PT / 1/30/2025 5:00 AM ET",
    "2 a.m. America/Los_Angeles / 5 a.m. America/New_York, Jan 30, 2025",
    "10:00 UTC/11:00 CET on Jan 30, 2025",
])
def test_every_placement_of_the_date(text: str) -> None:
    p = parse_when(text)
    assert p.instant.astimezone(UTC).isoformat() == AWARD
    assert len(p.renderings) >= 2


def test_renderings_that_disagree_are_refused_with_every_reading() -> None:
    with pytest.raises(InputError, match="disagree") as e:
        parse_when("2 a.m. PT/4 a.m. CT/6 a.m. ET, Thursday, Jan 30, 2025")
    assert "'6 a.m. ET, Thursday, Jan 30, 2025' = 2025-01-30 11:00 UTC" in e.value.message
    with pytest.raises(InputError, match="gives no date"):
        parse_when("2 a.m. PT/5 a.m. ET")


def test_slashes_inside_tokens_do_not_split() -> None:
    assert split_renderings("2024-11-14 16:00 Europe/Vienna") is None
    assert split_renderings("11/14/2024 10:00 ET") is None
    assert split_renderings("2024/11/14 10:00 ET") is None
    assert parse_when("11/14/2024 10:00 ET").instant.astimezone(UTC).hour == 15
    assert split_renderings("7:00 AM CT/8:00 AM ET") == ["7:00 AM CT", "8:00 AM ET"]


def test_in_a_policy_the_error_names_the_key_and_validate_says_they_agree() -> None:
    from embargo.policy import load_policy_text
    from embargo.policy.validate import validate

    head = ('[meeting]\nid = "r-2025"\nname = "R"\nzone = "America/Los_Angeles"\n'
            'starts = 2025-02-05\nends = 2025-02-07\nsources = ["https://r.example/"]\n')
    with pytest.raises(InputError, match="disagree") as e:
        load_policy_text(head + '[[rules]]\nid = "a"\nexplanation = "x"\n'
                         'lift = "2 a.m. PT/4 a.m. CT/6 a.m. ET, Thursday, Jan 30, 2025"\n')
    assert e.value.key == "rules[0].lift" and e.value.line == 11
    p = load_policy_text(head + '[[rules]]\nid = "a"\nexplanation = "x"\n'
                         'lift = "2 a.m. PT/4 a.m. CT/5 a.m. ET, Thursday, Jan 30, 2025"\n')
    notes = [x.message for x in validate(p) if x.key == "rules[0].lift"]
    assert any("the 3 renderings of" in n and "agree: 2025-01-30 10:00 UTC" in n
               for n in notes)
    assert not p.parse_warnings  # Jan 30, 2025 is a Thursday


# ----------------------------------------------------------------------------- properties

ZONES = [("PT", "America/Los_Angeles"), ("MT", "America/Denver"), ("CT", "America/Chicago"),
         ("ET", "America/New_York"), ("UTC", "UTC"), ("Europe/Vienna", "Europe/Vienna")]


def _transitions(zone: str) -> list[datetime]:
    """The UTC instants at which ``zone`` changes offset, 2024-2026."""
    z = ZoneInfo(zone)
    out = []
    t = datetime(2024, 1, 1, tzinfo=UTC)
    while t.year < 2027:
        nxt = t + timedelta(hours=1)
        if t.astimezone(z).utcoffset() != nxt.astimezone(z).utcoffset():
            out.append(nxt)
        t = nxt
    return out


EDGES = sorted({e for _, z in ZONES if z != "UTC" for e in _transitions(z)})

instants = st.one_of(
    st.builds(lambda edge, m: edge + timedelta(minutes=m),
              st.sampled_from(EDGES), st.integers(-26 * 60, 26 * 60)),
    st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31),
                 timezones=st.just(UTC)),
).map(lambda d: d.replace(second=0, microsecond=0))


def _clock(local: datetime, style: int) -> str:
    h12 = local.hour % 12 or 12
    ampm = "a.m." if local.hour < 12 else "p.m."
    if style == 0 and local.minute == 0:
        return f"{h12} {ampm}"
    if style == 1:
        return f"{h12}:{local.minute:02d} {ampm.replace('.', '').upper()}"
    return f"{local:%H:%M}"


def _date(d: date, style: int) -> str:
    if style == 0:
        return f"{d:%A}, {d:%b} {d.day}, {d.year}"
    if style == 1:
        return f"{d:%B} {d.day}, {d.year}"
    return d.isoformat()


def _text(t: datetime, zones: list[tuple[str, str]], clock: int, dstyle: int, place: int,
          sep: str) -> tuple[str, set[date]]:
    parts = []
    dates = set()
    for label, zone in zones:
        local = t.astimezone(ZoneInfo(zone))
        dates.add(local.date())
        parts.append(f"{_clock(local, clock)} {label}")
    written = _date(t.astimezone(ZoneInfo(zones[0][1])).date(), dstyle)
    if place == 0:
        parts[0] = f"{written}, {parts[0]}"
    elif place == 1:
        parts[-1] = f"{parts[-1]}, {written}"
    else:
        parts[len(parts) // 2] = f"{parts[len(parts) // 2]} on {written}"
    return sep.join(parts), dates


renderings = st.tuples(
    instants,
    st.lists(st.sampled_from(ZONES), min_size=2, max_size=4, unique=True),
    st.integers(0, 2), st.integers(0, 2), st.integers(0, 2), st.sampled_from(["/", " / "]))


def _unique_wall_clock(t: datetime, zone: str) -> bool:
    """The wall-clock time of ``t`` in ``zone`` happens only once (not the repeated hour)."""
    local = t.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    z = ZoneInfo(zone)
    return local.replace(tzinfo=z, fold=0).utcoffset() == local.replace(tzinfo=z,
                                                                        fold=1).utcoffset()


@settings(max_examples=400, deadline=None)
@given(renderings)
def test_renderings_give_the_instant_or_an_error_never_another_instant(case: tuple) -> None:  # type: ignore[type-arg]
    t, zones, clock, dstyle, place, sep = case
    text, dates = _text(t, zones, clock, dstyle, place, sep)
    try:
        got = parse_when(text).instant.astimezone(UTC)
    except InputError:
        # Refused only when the renderings fall on different dates (the date is written
        # once), or a wall-clock time happens twice (the repeated autumn hour).
        assert len(dates) > 1 or not all(_unique_wall_clock(t, z) for _, z in zones)
        return
    assert got == t, text
    # ... and it is accepted whenever every rendering is on the written date and unique.


@settings(max_examples=300, deadline=None)
@given(renderings)
def test_renderings_on_one_date_with_unique_wall_clocks_are_accepted(case: tuple) -> None:  # type: ignore[type-arg]
    t, zones, clock, dstyle, place, sep = case
    text, dates = _text(t, zones, clock, dstyle, place, sep)
    assume(len(dates) == 1 and all(_unique_wall_clock(t, z) for _, z in zones))
    # (compared in UTC: an inter-zone == is False for a time in the repeated hour, PEP 495)
    assert parse_when(text).instant.astimezone(UTC) == t, text


@settings(max_examples=300, deadline=None)
@given(renderings, st.integers(0, 3))
def test_one_rendering_an_hour_off_is_refused(case: tuple, which: int) -> None:  # type: ignore[type-arg]
    t, zones, clock, dstyle, place, sep = case
    text, dates = _text(t, zones, clock, dstyle, place, sep)
    assume(len(dates) == 1)
    i = which % len(zones)
    label, zone = zones[i]
    local = t.astimezone(ZoneInfo(zone))
    assume(local.hour < 23)
    right = f"{_clock(local, clock)} {label}"
    wrong = f"{_clock(local + timedelta(hours=1), clock)} {label}"
    assume(right in text)
    bad = text.replace(right, wrong, 1)
    with pytest.raises(InputError):
        parse_when(bad)


# ----------------------------------------------------------------- clock on an event's day

VIENNA = ZoneInfo("Europe/Vienna")
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


def _ctx(day: date) -> LiftContext:
    noon = datetime.combine(day, time(12), tzinfo=VIENNA)
    return LiftContext(VIENNA, {}, {"presentation_start": noon})


@settings(max_examples=300, deadline=None)
@given(days)
def test_cet_on_the_event_day_warns_exactly_in_summer_time(day: date) -> None:
    node = LiftParser(VIENNA).parse("07:00 CET on the day of presentation_start", "k")
    assert isinstance(node, ClockOn)
    b = node.resolve(_ctx(day))
    assert b is not None and b.exact is not None
    wall = b.exact.astimezone(ZoneInfo("Europe/Paris"))
    assert (wall.date(), wall.hour, wall.minute) == (day, 7, 0)  # the wall clock, always
    summer = wall.utcoffset() == timedelta(hours=2)
    warnings = node.label_warnings(day)
    assert bool(warnings) == summer
    if summer:
        assert "literal CET reading would be" in warnings[0]
        assert f"{day:%Y-%m-%d} 06:00 UTC" in warnings[0]


@settings(max_examples=300, deadline=None)
@given(days)
def test_two_zones_on_the_event_day_agree_or_leave_an_interval(day: date) -> None:
    node = LiftParser(VIENNA).parse("13:00 CET/7:00 AM ET on the day of presentation_start",
                                    "k")
    assert isinstance(node, ClockOn) and len(node.readings) == 2
    b = node.resolve(_ctx(day))
    assert b is not None and b.lower is not None and b.upper is not None
    paris = datetime.combine(day, time(13), tzinfo=ZoneInfo("Europe/Paris"))
    ny = datetime.combine(day, time(7), tzinfo=ZoneInfo("America/New_York"))
    assert (b.lower, b.upper) == (min(paris, ny), max(paris, ny))
    agree = paris == ny
    assert (b.exact is not None) == agree
    if not agree:  # the weeks when only one side has switched to or from summer time
        assert b.upper - b.lower == timedelta(hours=1)
        assert any("give different instants" in n for n in b.notes)
        assert day.month in (3, 4, 10, 11)


def test_the_event_day_is_the_venue_day_for_the_clock() -> None:
    # A talk at 23:30 Vienna time is on that Vienna day, even though it is the next day in
    # UTC terms for none and the previous for New York: the clock is read on the venue day.
    node = LiftParser(VIENNA).parse("07:00 ET on the day of presentation_start", "k")
    assert isinstance(node, ClockOn)
    ctx = LiftContext(VIENNA, {}, {"presentation_start": datetime(2024, 6, 13, 23, 30,
                                                                  tzinfo=VIENNA)})
    b = node.resolve(ctx)
    assert b is not None and b.exact == datetime(2024, 6, 13, 11, 0, tzinfo=UTC)
    assert isinstance(node.event, EventRef)
