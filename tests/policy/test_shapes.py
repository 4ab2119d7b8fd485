"""Every shape of Part 1 of the policy facts, each expressed as data in a small policy."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embargo.errors import InputError
from embargo.model import Verdict
from embargo.policy.loader import PolicySet
from tests.policy.helpers import abstract, judge_at, policy, t

V, P, R = Verdict.VIOLATION, Verdict.PASS, Verdict.REVIEW


def test_fixed_instant_with_named_zone() -> None:
    p = policy('[[rules]]\nid = "all"\nlift = "10:00 AM ET on November 14, 2024"\n'
               'explanation = "x"\n')
    assert judge_at(p, "2024-11-14 09:59:59 ET", "editorial", ["abstract"]).verdict is V
    j = judge_at(p, "2024-11-14 10:00:00 ET", "editorial", ["abstract"])
    assert j.verdict is P
    assert j.earliest_compliant == t("2024-11-14 15:00 UTC")


def test_one_instant_in_two_zones_must_agree() -> None:
    p = policy('[[rules]]\nid = "all"\nlift = ["2024-06-01 7:00 AM CT", "2024-06-01 8:00 AM ET"]\n'
               'explanation = "x"\n')
    assert judge_at(p, "2024-06-01 12:00 UTC", "social", ["abstract"]).verdict is P
    with pytest.raises(InputError, match="disagree") as e:
        policy('[[rules]]\nid = "all"\nlift = ["2024-06-01 7:00 AM CT", "2024-06-01 9:00 AM ET"]'
               '\nexplanation = "x"\n')
    assert e.value.line is not None and e.value.key == "rules[0].lift"


def test_zone_label_contradicting_dst_reads_wall_clock_and_warns() -> None:
    p = policy('[[rules]]\nid = "all"\nlift = "Sep 30, 2024 12:01 am EST"\nexplanation = "x"\n',
               zone="America/New_York")
    j = judge_at(p, "2024-09-30 04:01 UTC", "editorial", ["abstract"])
    assert j.verdict is P and j.earliest_compliant == t("2024-09-30 04:01 UTC")
    assert p.parse_warnings and "literal EST" in p.parse_warnings[0][1]


def test_local_time_and_no_zone_mean_the_venue_zone() -> None:
    p = policy('[[rules]]\nid = "a"\ntiers = ["abstract"]\nlift = "2017-06-08 18:00 local time"\n'
               'explanation = "x"\n[[rules]]\nid = "b"\nlift = "2017-06-08 18:00"\n'
               'explanation = "x"\n', zone="Europe/Madrid")
    assert judge_at(p, "2017-06-08 16:00 UTC", "editorial", ["abstract"]).verdict is P
    assert judge_at(p, "2017-06-08 15:59 UTC", "editorial", ["beyond"]).verdict is V


def test_stated_zone_differs_from_venue() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = "2024-10-15 8:00 AM ET"\nexplanation = "x"\n',
               zone="America/Los_Angeles")
    assert judge_at(p, "2024-10-15 05:00 PT", "editorial", ["abstract"]).verdict is P
    assert judge_at(p, "2024-10-15 04:59 PT", "editorial", ["abstract"]).verdict is V


def test_day_granularity_gives_review_within_the_day() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = "2024-10-11"\nexplanation = "x"\n',
               zone="America/Los_Angeles")
    assert judge_at(p, "2024-10-10 23:59 PT", "editorial", ["abstract"]).verdict is V
    j = judge_at(p, "2024-10-11 12:00 PT", "editorial", ["abstract"])
    assert j.verdict is R and j.earliest_compliant == t("2024-10-12 00:00 PT")
    assert judge_at(p, "2024-10-12 00:00 PT", "editorial", ["abstract"]).verdict is P


def test_unknown_lift_is_review_never_pass() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = "unknown"\nexplanation = "x"\n')
    j = judge_at(p, "2030-01-01 00:00 UTC", "editorial", ["abstract"])
    assert j.verdict is R and j.earliest_compliant is None


def test_unknown_with_bounds_decides_outside_them() -> None:
    p = policy('[events]\nabstracts_online = { unknown = true, not_before = "2024-05-20 00:00", '
               'not_after = "meeting_start" }\n'
               '[[rules]]\nid = "a"\nlift = "abstracts_online"\nexplanation = "x"\n')
    assert judge_at(p, "2024-05-19 12:00 CT", "editorial", ["abstract"]).verdict is V
    j = judge_at(p, "2024-05-19 12:00 CT", "editorial", ["abstract"])
    assert j.earliest_compliant == t("2024-06-13 00:00 CT")  # end of the first day
    assert judge_at(p, "2024-06-01 12:00 CT", "editorial", ["abstract"]).verdict is R
    assert judge_at(p, "2024-06-13 00:00 CT", "editorial", ["abstract"]).verdict is P


def test_tier_order_bounds_unknown_lifts() -> None:
    """Beyond is never free before the abstract: an unknown beyond lift borrows its lower bound."""
    p = policy('[[rules]]\nid = "b"\ntiers = ["beyond"]\nlift = "unknown"\nexplanation = "x"\n'
               '[[rules]]\nid = "a"\nlift = "2024-06-01 10:00"\nexplanation = "x"\n')
    j = judge_at(p, "2024-05-30 10:00 CT", "editorial", ["beyond"])
    assert j.verdict is V and j.earliest_compliant is None
    assert judge_at(p, "2024-06-02 10:00 CT", "editorial", ["beyond"]).verdict is R


@pytest.mark.parametrize("event, at, expected", [
    ("session_start", "2024-06-13 09:59 CT", V), ("session_start", "2024-06-13 10:00 CT", P),
    ("session_end", "2024-06-13 11:29 CT", V), ("session_end", "2024-06-13 11:30 CT", P),
    ("session_start - 30m", "2024-06-13 09:30 CT", P),
    ("session_start + 1h", "2024-06-13 10:59 CT", V),
])
def test_event_with_offset(event: str, at: str, expected: Verdict) -> None:
    p = policy(f'[[rules]]\nid = "a"\nlift = "{event}"\nexplanation = "x"\n')
    a = abstract(session=("2024-06-13 10:00", "2024-06-13 11:30"))
    assert judge_at(p, at, "editorial", ["beyond"], a).verdict is expected


def test_meeting_wide_events() -> None:
    p = policy('[events]\nposter_hall_open = "2024-06-13 09:00"\nbriefing_start = '
               '"2024-06-12 08:00"\n[[rules]]\nid = "a"\nlift = "poster_hall_open"\n'
               'explanation = "x"\n')
    assert judge_at(p, "2024-06-13 08:59 CT", "editorial", ["beyond"]).verdict is V
    assert judge_at(p, "2024-06-13 09:00 CT", "editorial", ["beyond"]).verdict is P


def test_clock_time_on_the_day_of_an_event_in_two_zones() -> None:
    p = policy('[[rules]]\nid = "lb"\nlift = { event = "session_start", clock = ["7:00 AM CT", '
               '"8:00 AM ET"] }\nexplanation = "x"\n')
    a = abstract(session=("2024-06-02 15:00", None))
    assert judge_at(p, "2024-06-02 06:59 CT", "editorial", ["abstract"], a).verdict is V
    j = judge_at(p, "2024-06-02 07:00 CT", "editorial", ["abstract"], a)
    assert j.verdict is P and j.earliest_compliant == t("2024-06-02 12:00 UTC")


def test_clock_on_first_day_of_meeting_string_form() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = "12:01 a.m. ET on meeting_start"\n'
               'explanation = "x"\n')
    assert judge_at(p, "2024-06-12 04:00 UTC", "editorial", ["abstract"]).verdict is V
    assert judge_at(p, "2024-06-12 04:01 UTC", "editorial", ["abstract"]).verdict is P


def test_clock_on_a_local_day_in_cest() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = { event = "presentation_start", clock = "00:05 CEST" }'
               '\nexplanation = "x"\n', zone="Europe/Vienna")
    a = abstract(zone="Europe/Vienna", events={"presentation_start": "2024-06-13 14:00"})
    assert judge_at(p, "2024-06-12 22:04 UTC", "editorial", ["abstract"], a).verdict is V
    assert judge_at(p, "2024-06-12 22:05 UTC", "editorial", ["abstract"], a).verdict is P


def test_earliest_of_presentation_or_briefing() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = { earliest = ["presentation_start", '
               '"briefing_start?"] }\nexplanation = "x"\n')
    with_briefing = abstract(events={"presentation_start": "2024-06-14 10:00",
                                     "briefing_start": "2024-06-13 08:00"})
    without = abstract("2", events={"presentation_start": "2024-06-14 10:00"})
    assert judge_at(p, "2024-06-13 08:00 CT", "editorial", ["beyond"], with_briefing).verdict is P
    assert judge_at(p, "2024-06-13 08:00 CT", "editorial", ["beyond"], without).verdict is V
    assert judge_at(p, "2024-06-14 10:00 CT", "editorial", ["beyond"], without).verdict is P


def test_fallback_briefing_else_session() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = { first = ["briefing_start?", "session_start"] }\n'
               'explanation = "x"\n')
    briefed = abstract(session=("2024-06-13 10:00", None),
                       events={"briefing_start": "2024-06-14 08:00"})
    plain = abstract("2", session=("2024-06-13 10:00", None))
    assert judge_at(p, "2024-06-13 10:00 CT", "editorial", ["beyond"], briefed).verdict is V
    assert judge_at(p, "2024-06-13 10:00 CT", "editorial", ["beyond"], plain).verdict is P


def test_missing_per_abstract_event_is_review_not_a_wider_event() -> None:
    """The talk's own start is missing: never fall back to the session start quietly."""
    p = policy('[[rules]]\nid = "a"\nlift = "presentation_start"\nexplanation = "x"\n')
    a = abstract(session=("2024-06-13 10:00", None))
    # after the session's start, still within the meeting: the talk may not have begun
    j = judge_at(p, "2024-06-14 10:00 CT", "editorial", ["beyond"], a)
    assert j.verdict is R
    assert "presentation_start" in j.findings[0].message


def test_latest_lift_over_several_abstracts() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = "session_start"\nexplanation = "x"\n')
    a1 = abstract("1", session=("2024-06-13 10:00", None))
    a2 = abstract("2", session=("2024-06-14 10:00", None))
    j = judge_at(p, "2024-06-13 12:00 CT", "press-release", ["abstract"], a1, a2)
    assert j.verdict is V and j.earliest_compliant == t("2024-06-14 10:00 CT")


def test_categories_and_tags_select_rules_and_exemptions() -> None:
    p = policy('[[rules]]\nid = "tip"\ntags = ["trials-in-progress"]\nallow = true\n'
               'explanation = "exempt"\n'
               '[[rules]]\nid = "lb"\ntags = ["late-breaking"]\nlift = "session_start"\n'
               'explanation = "x"\n'
               '[[rules]]\nid = "regular"\nlift = "2024-05-23 17:00 ET"\nexplanation = "x"\n')
    tip = abstract("T1", category="trials-in-progress")
    lb = abstract("LBA1", category="oral", tags=("late-breaking",),
                  session=("2024-06-02 08:00", None))
    reg = abstract("100", category="poster")
    at = "2024-05-24 12:00 CT"
    assert judge_at(p, at, "editorial", ["beyond"], tip).verdict is P
    assert judge_at(p, at, "editorial", ["beyond"], lb).verdict is V
    assert judge_at(p, at, "editorial", ["beyond"], reg).verdict is P


def test_kinds_differ_press_releases_stricter_than_journalists() -> None:
    p = policy('[[rules]]\nid = "pr"\nkinds = ["press-release"]\nlift = "session_start"\n'
               'explanation = "x"\n[[rules]]\nid = "rest"\ntiers = ["existence", "abstract"]\n'
               'lift = "abstracts_online"\nexplanation = "x"\n'
               '[[rules]]\nid = "beyond"\nlift = "session_start"\nexplanation = "x"\n')
    a = abstract(online_at="2024-06-01 10:00", session=("2024-06-13 10:00", None))
    assert judge_at(p, "2024-06-05 10:00 CT", "editorial", ["abstract"], a).verdict is P
    assert judge_at(p, "2024-06-05 10:00 CT", "press-release", ["abstract"], a).verdict is V


def test_titles_free_early_or_embargoed() -> None:
    free = policy('[[rules]]\nid = "t"\ntiers = ["existence"]\nallow = true\nexplanation = "x"\n'
                  '[[rules]]\nid = "r"\nlift = "2024-06-01 10:00"\nexplanation = "x"\n')
    held = policy('[[rules]]\nid = "r"\nlift = "2024-06-01 10:00"\nexplanation = "x"\n')
    assert judge_at(free, "2024-05-01 10:00 CT", "press-release", ["existence"]).verdict is P
    assert judge_at(held, "2024-05-01 10:00 CT", "press-release", ["existence"]).verdict is V


def test_per_abstract_override_instant_and_event() -> None:
    p = policy('[[rules]]\nid = "r"\nlift = "2024-06-13 10:00"\nexplanation = "x"\n')
    earlier = abstract("1", lifts={"beyond": "2024-06-12 08:00"})
    later = abstract("2", lifts={"beyond": "session_start"},
                     session=("2024-06-14 15:00", None))
    assert judge_at(p, "2024-06-12 09:00 CT", "editorial", ["beyond"], earlier).verdict is P
    j = judge_at(p, "2024-06-13 12:00 CT", "editorial", ["beyond"], later)
    assert j.verdict is V and j.earliest_compliant == t("2024-06-14 15:00 CT")


def test_embargo_start_before_it_nothing_is_embargoed() -> None:
    p = policy('[embargo]\nstarts = "acceptance"\n[events]\nacceptance = "2024-03-01 12:00"\n'
               '[[rules]]\nid = "r"\nlift = "2024-06-13 10:00"\nexplanation = "x"\n')
    assert judge_at(p, "2024-02-28 12:00 CT", "editorial", ["beyond"]).verdict is P
    assert judge_at(p, "2024-03-02 12:00 CT", "editorial", ["beyond"]).verdict is V


def test_late_breaking_embargo_from_data_submission() -> None:
    p = policy('[[rules]]\nid = "lb"\ntags = ["late-breaking"]\nstarts = "data_submission"\n'
               'lift = "session_start"\nexplanation = "x"\n'
               '[[rules]]\nid = "r"\nlift = "2024-06-13 10:00"\nexplanation = "x"\n')
    lb = abstract("LB1", tags=("late-breaking",), session=("2024-06-14 10:00", None),
                  events={"data_submission": "2024-05-01 00:00"})
    assert judge_at(p, "2024-04-30 12:00 CT", "editorial", ["beyond"], lb).verdict is P
    assert judge_at(p, "2024-05-02 12:00 CT", "editorial", ["beyond"], lb).verdict is V


def test_approved_exception_allows_top_line_disclosure() -> None:
    p = policy('[[rules]]\nid = "sec"\nexception = "securities-disclosure"\nkinds = '
               '["press-release"]\ntiers = ["existence", "abstract"]\nallow = true\n'
               'explanation = "approved"\n'
               '[[rules]]\nid = "r"\nlift = "2024-06-13 10:00"\nexplanation = "x"\n')
    approved = abstract("1", exceptions=("securities-disclosure",))
    plain = abstract("2")
    at = "2024-05-01 10:00 CT"
    assert judge_at(p, at, "press-release", ["abstract"], approved).verdict is P
    assert judge_at(p, at, "press-release", ["beyond"], approved).verdict is V
    assert judge_at(p, at, "press-release", ["abstract"], plain).verdict is V


def test_materials_banned_on_social_and_held_after_data() -> None:
    p = policy('[[rules]]\nid = "no-photos"\nkinds = ["social"]\ntiers = ["material"]\n'
               'never = true\nexplanation = "no photos of slides"\n'
               '[[rules]]\nid = "mat"\ntiers = ["material"]\nlift = "meeting_end"\n'
               'explanation = "x"\n'
               '[[rules]]\nid = "r"\nlift = "session_start"\nexplanation = "x"\n')
    a = abstract(session=("2024-06-13 10:00", None))
    assert judge_at(p, "2024-07-01 10:00 CT", "social", ["material"], a).verdict is V
    assert judge_at(p, "2024-06-14 10:00 CT", "editorial", ["material"], a).verdict is V
    assert judge_at(p, "2024-06-14 10:00 CT", "editorial", ["beyond"], a).verdict is P
    assert judge_at(p, "2024-06-16 00:00 CT", "editorial", ["material"], a).verdict is P


def test_scholarly_window_until_the_congress_ends() -> None:
    p = policy('[[rules]]\nid = "sch"\nkinds = ["scholarly"]\nlift = "meeting_end"\n'
               'explanation = "x"\n[[rules]]\nid = "r"\nlift = "2024-06-01"\nexplanation = "x"\n',
               zone="Europe/Vienna")
    assert judge_at(p, "2024-06-15 23:59 CEST", "scholarly", ["abstract"]).verdict is V
    assert judge_at(p, "2024-06-16 00:00 CEST", "scholarly", ["abstract"]).verdict is P


def test_requirement_unmet_is_review() -> None:
    p = policy('[[rules]]\nid = "r"\nlift = "2024-06-01 10:00"\nexplanation = "x"\n'
               '[[requirements]]\nid = "number"\nkinds = ["press-release"]\n'
               'check = "abstract-number"\nexplanation = "State the abstract number."\n')
    j = judge_at(p, "2024-06-02 10:00 CT", "press-release", ["abstract"])
    assert j.verdict is R
    assert any("number" in (f.rule or "") for f in j.findings)


def test_no_policy_for_meeting_is_review() -> None:
    p = policy('[[rules]]\nid = "r"\nlift = "2024-06-01 10:00"\nexplanation = "x"\n')
    other = abstract("9", meeting="nope-2024")
    j = judge_at(p, "2024-12-31 23:00 UTC", "editorial", ["abstract"], other)
    assert j.verdict is R and j.earliest_compliant is None


@pytest.mark.parametrize(("at", "verdict"), [("2025-01-14 23:59 UTC", R),
                                               ("2025-01-15 00:00 UTC", P),
                                               ("2030-01-01 00:00 UTC", P)])
def test_a_meeting_of_an_earlier_year_holds_nothing_back_policy_or_none(
        at: str, verdict: Verdict) -> None:
    # Every meeting is held within its year and lifts its embargo by the time it presents:
    # an abstract of nope-2024, or a mention of it, cannot be under embargo in mid-January
    # 2025, though no policy says when it lifted.
    p = policy('[[rules]]\nid = "r"\nlift = "2024-06-01 10:00"\nexplanation = "x"\n')
    other = abstract("9", meeting="nope-2024")
    j = judge_at(p, at, "editorial", ["abstract"], other)
    assert j.verdict is verdict
    if verdict is P:
        assert j.earliest_compliant == t("2025-01-15 00:00 UTC")
        assert "held in an earlier year" in " ".join(f.message for f in j.findings)


def test_no_matching_rule_is_review() -> None:
    p = policy('[[rules]]\nid = "r"\nkinds = ["editorial"]\nlift = "2024-06-01 10:00"\n'
               'explanation = "x"\n')
    assert judge_at(p, "2030-01-01 00:00 UTC", "social", ["abstract"]).verdict is R


def test_lift_boundary_is_exact_to_the_microsecond() -> None:
    p = policy('[[rules]]\nid = "r"\nlift = "2024-11-14T15:00:00Z"\nexplanation = "x"\n')
    lift = t("2024-11-14 15:00 UTC")
    assert judge_at(p, lift - timedelta(microseconds=1), "editorial", ["beyond"]).verdict is V
    assert judge_at(p, lift, "editorial", ["beyond"]).verdict is P
    assert judge_at(p, lift.astimezone(UTC), "editorial", ["beyond"]).verdict is P


def test_an_unknown_session_lies_within_the_meeting() -> None:
    # The catalogue lacks the abstract's session: its talk is still at the meeting, not before
    # its first day (12 June) nor after its last (15 June).  Before the first day an item
    # breaks the lift for sure; after the last day it is past the lift for sure; in between
    # nobody can tell, and the meeting's end is the safe time to give.
    p = policy('[[rules]]\nid = "a"\nlift = "session_start"\nexplanation = "x"\n')
    a = abstract()
    assert judge_at(p, "2024-06-11 23:59:59 CT", "editorial", ["beyond"], a).verdict is V
    j = judge_at(p, "2024-06-12 00:00:00 CT", "editorial", ["beyond"], a)
    assert j.verdict is R and j.earliest_compliant == t("2024-06-16 00:00 CT", "America/Chicago")
    assert judge_at(p, "2024-06-15 23:59:59 CT", "editorial", ["beyond"], a).verdict is R
    assert judge_at(p, "2024-06-16 00:00:00 CT", "editorial", ["beyond"], a).verdict is P
    assert judge_at(p, "2024-07-20 10:00 CT", "editorial", ["beyond"], a).verdict is P


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=-3 * 86400, max_value=3 * 86400))
def test_the_meeting_end_bound_is_exact(offset: int) -> None:
    p = policy('[[rules]]\nid = "a"\nlift = "presentation_start"\nexplanation = "x"\n')
    end = t("2024-06-16 00:00 CT", "America/Chicago")
    v = judge_at(p, end + timedelta(seconds=offset), "editorial", ["beyond"], abstract()).verdict
    assert v is (P if offset >= 0 else R)


def test_without_a_last_day_an_unknown_session_never_passes() -> None:
    head_ends = "ends = 2024-06-15\n"
    from embargo.policy import load_policy_text
    from tests.policy.helpers import HEAD

    text = HEAD.format(zone="America/Chicago").replace(head_ends, "")
    p = load_policy_text(text + '[[rules]]\nid = "a"\nlift = "session_start"\nexplanation = "x"\n')
    j = judge_at(p, "2024-07-20 10:00 CT", "editorial", ["beyond"], abstract())
    assert j.verdict is R and j.earliest_compliant is None


@pytest.mark.parametrize(("meeting", "verdict"), [("asco-2022", P), ("asco-2024", R)])
def test_a_mention_of_an_earlier_years_meeting_needs_no_policy(meeting: str,
                                                                verdict: Verdict) -> None:
    # A story of June 2024 recalling "big news at ASCO 2022" names a meeting no policy knows:
    # held two years before, it holds nothing back; an unknown meeting of the same year may.
    from dataclasses import replace

    from embargo.engine import judge

    p = policy('[[rules]]\nid = "r"\nlift = "2024-06-01 10:00"\nexplanation = "x"\n')
    base = judge_at(p, "2024-06-12 11:00", "editorial", ["abstract"]).item
    j = judge(replace(base, meetings=(meeting,)), PolicySet([p]))
    assert j.verdict is verdict
