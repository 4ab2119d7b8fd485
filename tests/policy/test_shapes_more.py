"""The rest of Part 1 of the policy facts, each shape as data in a small policy."""

from __future__ import annotations

from datetime import datetime

import pytest

from embargo.errors import InputError
from embargo.model import Tier, Verdict
from tests.policy.helpers import abstract, judge_at, policy, t

V, P, R = Verdict.VIOLATION, Verdict.PASS, Verdict.REVIEW


def test_one_instant_with_the_date_written_once_at_the_start() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = "Apr 25, 2025 12 p.m. CT / 1 p.m. ET"\n'
               'explanation = "x"\n')
    assert judge_at(p, "2025-04-25 16:59:59 UTC", "editorial", ["abstract"]).verdict is V
    assert judge_at(p, "2025-04-25 17:00 UTC", "editorial", ["abstract"]).verdict is P


@pytest.mark.parametrize("written, zone, wall_utc, literal_utc", [
    ("2024-09-10 10:00 CST", "America/Chicago", "15:00", "16:00"),
    ("2024-03-31 10:00 CET", "Europe/Vienna", "08:00", "09:00"),
])
def test_other_mislabelled_zones_read_as_wall_clock(written: str, zone: str, wall_utc: str,
                                                     literal_utc: str) -> None:
    p = policy(f'[[rules]]\nid = "a"\nlift = "{written}"\nexplanation = "x"\n', zone=zone)
    day = written[:10]
    assert judge_at(p, f"{day} {wall_utc} UTC", "social", ["abstract"]).verdict is P
    (w,) = [w for _, w in p.parse_warnings]
    assert f"{wall_utc} UTC" in w and f"literal {written.split()[-1]} reading would be {day} " \
        f"{literal_utc} UTC" in w


def test_tba_and_not_published_are_unknown() -> None:
    for word in ("TBA", "to be announced", "not published", "TBC"):
        p = policy(f'[[rules]]\nid = "a"\nlift = "{word}"\nexplanation = "x"\n')
        j = judge_at(p, "2099-01-01 00:00 UTC", "editorial", ["abstract"])
        assert j.verdict is R and j.earliest_compliant is None


def test_unknown_with_only_a_lower_bound_violation_has_no_earliest() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = { unknown = true, not_before = "2024-06-01 10:00" }\n'
               'explanation = "x"\n')
    j = judge_at(p, "2024-06-01 09:59:59 CT", "editorial", ["abstract"])
    assert j.verdict is V and j.earliest_compliant is None
    assert judge_at(p, "2024-06-01 10:00 CT", "editorial", ["abstract"]).verdict is R


def test_titles_never_free_later_than_the_content() -> None:
    p = policy('[[rules]]\nid = "t"\ntiers = ["existence"]\nlift = "unknown"\nexplanation = "x"\n'
               '[[rules]]\nid = "a"\nlift = "2024-06-01 10:00"\nexplanation = "x"\n')
    j = judge_at(p, "2024-06-01 10:00 CT", "editorial", ["existence"])
    assert j.verdict is P
    j = judge_at(p, "2024-05-01 10:00 CT", "editorial", ["existence"])
    assert j.verdict is R and j.earliest_compliant == t("2024-06-01 10:00 CT")


def test_programme_start_and_clock_on_it() -> None:
    p = policy('[events]\nprogramme_start = "2024-06-13"\n[[rules]]\nid = "a"\n'
               'lift = "12:01 a.m. ET on programme_start"\nexplanation = "x"\n')
    assert judge_at(p, "2024-06-13 00:00:59 ET", "editorial", ["abstract"]).verdict is V
    assert judge_at(p, "2024-06-13 00:01 ET", "editorial", ["abstract"]).verdict is P


def test_clock_on_the_day_before_an_event() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = "5:00 PM ET on the day before presentation_start"\n'
               'explanation = "x"\n')
    a = abstract(events={"presentation_start": "2024-06-14 09:00"})
    assert judge_at(p, "2024-06-13 16:59 ET", "editorial", ["abstract"], a).verdict is V
    assert judge_at(p, "2024-06-13 17:00 ET", "editorial", ["abstract"], a).verdict is P


def test_the_day_of_an_event_is_the_venue_day() -> None:
    """A 9 pm Pacific session is the next day in Eastern time; '8:00 AM ET on the session
    day' still means the venue's calendar day of the session."""
    p = policy('[[rules]]\nid = "a"\nlift = "8:00 AM ET on session_start"\nexplanation = "x"\n',
               zone="America/Los_Angeles")
    a = abstract(zone="America/Los_Angeles", session=("2024-06-13 21:00", None))
    j = judge_at(p, "2024-06-13 07:59 ET", "editorial", ["abstract"], a)
    assert j.verdict is V and j.earliest_compliant == t("2024-06-13 08:00 ET")


def test_event_ends_talk_end_and_briefing_end() -> None:
    p = policy('[[rules]]\nid = "b"\ntags = ["briefed"]\nlift = "briefing_end"\n'
               'explanation = "x"\n[[rules]]\nid = "a"\nlift = "presentation_end"\n'
               'explanation = "x"\n')
    a = abstract(events={"presentation_start": "2024-06-13 10:00",
                         "presentation_end": "2024-06-13 10:15"})
    b = abstract("2", tags=("briefed",), events={"briefing_end": "2024-06-12 09:00"})
    assert judge_at(p, "2024-06-13 10:14 CT", "editorial", ["beyond"], a).verdict is V
    assert judge_at(p, "2024-06-13 10:15 CT", "editorial", ["beyond"], a).verdict is P
    assert judge_at(p, "2024-06-12 09:00 CT", "editorial", ["beyond"], b).verdict is P


def test_latest_combinator() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = { latest = ["abstracts_online", '
               '"2024-06-01 10:00"] }\nexplanation = "x"\n')
    early = abstract("1", online_at="2024-05-20 10:00")
    late = abstract("2", online_at="2024-06-05 10:00")
    assert judge_at(p, "2024-06-01 10:00 CT", "editorial", ["abstract"], early).verdict is P
    j = judge_at(p, "2024-06-01 10:00 CT", "editorial", ["abstract"], late)
    assert j.verdict is V and j.earliest_compliant == t("2024-06-05 10:00 CT")


def test_earliest_with_an_unknown_operand() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = { earliest = ["presentation_start", '
               '"2024-06-14 10:00"] }\nexplanation = "x"\n')
    # presentation time unknown: the fixed time still bounds the lift from above
    j = judge_at(p, "2024-06-13 10:00 CT", "editorial", ["beyond"])
    assert j.verdict is R and j.earliest_compliant == t("2024-06-14 10:00 CT")
    assert judge_at(p, "2024-06-14 10:00 CT", "editorial", ["beyond"]).verdict is P


def test_all_tags_selects_abstracts_with_every_label() -> None:
    p = policy('[[rules]]\nid = "lb-oral"\nall_tags = ["late-breaking", "oral"]\n'
               'lift = "presentation_start"\nexplanation = "x"\n'
               '[[rules]]\nid = "rest"\nlift = "2024-06-01 10:00"\nexplanation = "x"\n')
    lb_oral = abstract("1", category="oral", tags=("late-breaking",),
                       events={"presentation_start": "2024-06-14 10:00"})
    lb_poster = abstract("2", category="poster", tags=("late-breaking",))
    at = "2024-06-05 10:00 CT"
    j = judge_at(p, at, "editorial", ["abstract"], lb_oral)
    assert j.verdict is V and j.findings[0].rule == "test-2024/lb-oral"
    assert judge_at(p, at, "editorial", ["abstract"], lb_poster).verdict is P


def test_tags_and_category_both_select() -> None:
    p = policy('[[rules]]\nid = "pp"\ntags = ["press-programme"]\nlift = "briefing_start"\n'
               'explanation = "x"\n[[rules]]\nid = "poster"\ntags = ["poster"]\n'
               'lift = "session_start"\nexplanation = "x"\n')
    a = abstract(category="poster", tags=("press-programme",),
                 events={"briefing_start": "2024-06-12 08:00"},
                 session=("2024-06-14 10:00", None))
    j = judge_at(p, "2024-06-12 08:00 CT", "editorial", ["abstract"], a)
    assert j.verdict is P and j.findings[0].rule == "test-2024/pp"


def test_materials_follow_beyond_rules_unless_named() -> None:
    """A social ban on slides does not leave other kinds' materials without a rule."""
    p = policy('[[rules]]\nid = "no-photos"\nkinds = ["social"]\ntiers = ["material"]\n'
               'never = true\nexplanation = "x"\n'
               '[[rules]]\nid = "beyond"\ntiers = ["beyond"]\nlift = "session_start"\n'
               'explanation = "x"\n'
               '[[rules]]\nid = "rest"\ntiers = ["existence", "abstract"]\n'
               'lift = "2024-06-01 10:00"\nexplanation = "x"\n')
    a = abstract(session=("2024-06-13 10:00", None))
    j = judge_at(p, "2024-06-13 10:00 CT", "editorial", ["material"], a)
    assert j.verdict is P and j.findings[0].rule == "test-2024/beyond"
    assert judge_at(p, "2024-06-13 09:59 CT", "editorial", ["material"], a).verdict is V
    assert judge_at(p, "2024-07-13 10:00 CT", "social", ["material"], a).verdict is V


def test_an_item_with_material_gets_its_own_finding() -> None:
    p = policy('[[rules]]\nid = "mat"\ntiers = ["material"]\nlift = "meeting_end"\n'
               'explanation = "x"\n[[rules]]\nid = "r"\nlift = "2024-06-01 10:00"\n'
               'explanation = "x"\n')
    j = judge_at(p, "2024-06-14 10:00 CT", "editorial", ["beyond", "material"])
    tiers = {f.tier: f.verdict for f in j.findings}
    assert tiers == {Tier.BEYOND: P, Tier.MATERIAL: V}
    assert j.earliest_compliant == t("2024-06-16 00:00 CT")


def test_online_does_not_lift() -> None:
    p = policy('[[rules]]\nid = "a"\nlift = "session_start"\nexplanation = "x"\n')
    a = abstract(online_at="2024-05-01 10:00", session=("2024-06-13 10:00", None))
    j = judge_at(p, "2024-05-02 10:00 CT", "editorial", ["abstract"], a)
    assert j.verdict is V and j.earliest_compliant == t("2024-06-13 10:00 CT")


@pytest.mark.parametrize("allowed, expected", [(True, P), (False, V)])
def test_curtain_raiser_allowed_or_forbidden(allowed: bool, expected: Verdict) -> None:
    preview = ('[[rules]]\nid = "preview"\nkinds = ["press-release"]\ntiers = ["existence"]\n'
               'allow = true\nexplanation = "x"\n') if allowed else ""
    p = policy(preview + '[[rules]]\nid = "r"\nlift = "2024-06-13 10:00"\nexplanation = "x"\n')
    assert judge_at(p, "2024-06-01 10:00 CT", "press-release", ["existence"]).verdict is expected
    # a preview that reveals results is not a preview
    assert judge_at(p, "2024-06-01 10:00 CT", "press-release",
                    ["existence", "abstract"]).verdict is V


def test_release_timed_with_online_posting() -> None:
    p = policy('[[rules]]\nid = "beyond"\ntiers = ["beyond"]\nlift = "session_start"\n'
               'explanation = "x"\n[[rules]]\nid = "pr"\nkinds = ["press-release"]\n'
               'lift = "abstracts_online"\nexplanation = "x"\n'
               '[[rules]]\nid = "rest"\nlift = "session_start"\nexplanation = "x"\n')
    a = abstract(online_at="2024-06-01 10:00", session=("2024-06-13 10:00", None))
    assert judge_at(p, "2024-06-01 10:00 CT", "press-release", ["abstract"], a).verdict is P
    assert judge_at(p, "2024-06-01 10:00 CT", "editorial", ["abstract"], a).verdict is V
    assert judge_at(p, "2024-06-01 10:00 CT", "press-release", ["beyond"], a).verdict is V


def test_embargo_from_submission() -> None:
    p = policy('[embargo]\nstarts = "submission"\n[events]\nsubmission = { unknown = true }\n'
               '[[rules]]\nid = "r"\nlift = "2024-05-23 17:00 ET"\nexplanation = "x"\n')
    # the submission date is unknown: the embargo counts as running
    assert judge_at(p, "2023-01-01 00:00 UTC", "editorial", ["abstract"]).verdict is V
    a = abstract(events={"submission": "2024-02-01 12:00"})
    assert judge_at(p, "2024-01-31 12:00 CT", "editorial", ["abstract"], a).verdict is P


def test_embargo_start_known_only_as_a_day_gives_review_that_day() -> None:
    p = policy('[embargo]\nstarts = "acceptance"\n[events]\nacceptance = "2024-03-09"\n'
               '[[rules]]\nid = "r"\nlift = "2024-06-11 10:00"\nexplanation = "x"\n')
    assert judge_at(p, "2024-03-08 23:59 CT", "editorial", ["abstract"]).verdict is P
    j = judge_at(p, "2024-03-09 12:00 CT", "editorial", ["abstract"])
    assert j.verdict is R and "may not have" in j.findings[0].message
    assert judge_at(p, "2024-03-10 00:00 CT", "editorial", ["abstract"]).verdict is V


def test_consequences_are_shown_with_violations_only() -> None:
    from embargo.policy import load_policy_text
    from tests.policy.helpers import HEAD

    text = HEAD.format(zone="UTC").replace(
        'sources =', 'consequences = "the abstract may be withdrawn"\nsources =')
    p = load_policy_text(text + '[[rules]]\nid = "photos"\ntiers = ["material"]\nnever = true\n'
                         'consequences = "your badge is taken"\nexplanation = "x"\n'
                         '[[rules]]\nid = "r"\nlift = "2024-06-13 10:00"\nexplanation = "x"\n')
    j = judge_at(p, "2024-06-13 09:00 UTC", "editorial", ["abstract", "material"])
    by_tier = {f.tier: f for f in j.findings}
    assert by_tier[Tier.ABSTRACT].consequence == "the abstract may be withdrawn"
    assert by_tier[Tier.MATERIAL].consequence == "your badge is taken"
    j = judge_at(p, "2024-06-13 10:00 UTC", "editorial", ["abstract"])
    assert j.verdict is P and j.findings[0].consequence is None


def test_override_in_the_policy_file_and_catalogue_precedence() -> None:
    p = policy('[[overrides]]\nabstract = "LBA4"\ntiers = ["abstract"]\n'
               'lift = "2024-06-02 08:00"\nnote = "moved for a briefing"\n'
               '[[rules]]\nid = "r"\nlift = "2024-06-03 07:00"\nexplanation = "x"\n')
    moved = abstract("LBA4")
    other = abstract("LBA5")
    both = abstract("LBA4", lifts={"abstract": "2024-06-04 09:00"})
    at = "2024-06-02 08:00 CT"
    j = judge_at(p, at, "editorial", ["abstract"], moved)
    assert j.verdict is P and "organiser set" in (j.findings[0].explanation or "")
    assert judge_at(p, at, "editorial", ["beyond"], moved).verdict is V  # other tiers unchanged
    assert judge_at(p, at, "editorial", ["abstract"], other).verdict is V
    j = judge_at(p, "2024-06-03 07:00 CT", "editorial", ["abstract"], both)
    assert j.verdict is V and j.earliest_compliant == t("2024-06-04 09:00 CT")


def test_not_overridable_rule_ignores_catalogue_lifts() -> None:
    p = policy('[[rules]]\nid = "sch"\nkinds = ["scholarly"]\nlift = "meeting_end"\n'
               'overridable = false\nexplanation = "x"\n'
               '[[rules]]\nid = "r"\nlift = "2024-06-13 10:00"\nexplanation = "x"\n')
    a = abstract(lifts={"abstract": "2024-06-01 10:00"})
    assert judge_at(p, "2024-06-02 10:00 CT", "editorial", ["abstract"], a).verdict is P
    assert judge_at(p, "2024-06-02 10:00 CT", "scholarly", ["abstract"], a).verdict is V


def test_override_pointing_to_a_missing_event_is_review() -> None:
    p = policy('[[rules]]\nid = "r"\nlift = "2024-06-13 10:00"\nexplanation = "x"\n')
    a = abstract(lifts={"beyond": "session_start"})
    assert judge_at(p, "2024-06-14 10:00 CT", "editorial", ["beyond"], a).verdict is R


@pytest.mark.parametrize("text, verdict", [
    ("The Test Meeting 2024 heard today that ...\n\nMore.", P),
    ("A new study shows that a drug works in more than half of the patients given it.\n\n"
     "It was presented at Test Meeting 2024.", R),
])
def test_requirement_meeting_name_in_first_paragraph(text: str, verdict: Verdict) -> None:
    from embargo.engine import judge
    from embargo.model import Item, Kind, KindGuess, Link, TierEvidence
    from embargo.policy import PolicySet

    p = policy('[[rules]]\nid = "r"\nallow = true\nexplanation = "x"\n'
               '[[requirements]]\nid = "name"\nkinds = ["press-release"]\ncheck = "meeting-name"\n'
               'within = "first-paragraph"\nexplanation = "Name the meeting first."\n')
    a = abstract()
    item = Item(source="t", text=text, kind=KindGuess(Kind.PRESS_RELEASE, 1.0),
                published_at=t("2024-06-13 10:00 UTC"), links=(Link(a, 1.0),),
                tiers={a.id: (TierEvidence(Tier.ABSTRACT, "e"),)})
    assert judge(item, PolicySet([p])).verdict is verdict


def test_requirements_pattern_embargo_time_manual_and_before() -> None:
    from embargo.engine import judge
    from embargo.model import Item, Kind, KindGuess, Link, TierEvidence
    from embargo.policy import PolicySet

    p = policy('[[rules]]\nid = "r"\nallow = true\nexplanation = "x"\n'
               '[[requirements]]\nid = "line"\nkinds = ["press-release"]\ncheck = "pattern"\n'
               'pattern = "embargoed (until|for release)"\nexplanation = "Embargo line."\n'
               '[[requirements]]\nid = "time"\nkinds = ["press-release"]\ncheck = "embargo-time"\n'
               'before = "2024-06-13 10:00"\nexplanation = "State the embargo time."\n'
               '[[requirements]]\nid = "ahead"\nkinds = ["press-release"]\ncheck = "manual"\n'
               'level = "note"\nexplanation = "Send it to us 48 h ahead."\n')
    a = abstract()

    def findings(text: str, at: str) -> dict[str, Verdict]:
        item = Item(source="t", text=text, kind=KindGuess(Kind.PRESS_RELEASE, 1.0),
                    published_at=t(at, "America/Chicago"), links=(Link(a, 1.0),),
                    tiers={a.id: (TierEvidence(Tier.ABSTRACT, "e"),)})
        j = judge(item, PolicySet([p]))
        return {f.rule.split("/")[1]: f.verdict for f in j.findings if f.rule and f.tier is None}

    good = "EMBARGOED UNTIL 10:00 a.m. CT, June 13, 2024\n\nA study ..."
    assert findings(good, "2024-06-12 10:00") == {"ahead": P}
    assert findings("A study ...", "2024-06-12 10:00") == {"line": R, "time": R, "ahead": P}
    assert findings("A study ...", "2024-06-13 10:00") == {"line": R, "ahead": P}


def test_requirement_pattern_must_compile() -> None:
    with pytest.raises(InputError, match="regular expression") as e:
        policy('[[rules]]\nid = "r"\nallow = true\nexplanation = "x"\n'
               '[[requirements]]\nid = "bad"\ncheck = "pattern"\npattern = "(unclosed"\n'
               'explanation = "x"\n')
    assert e.value.key == "requirements[0].pattern"


def test_weekday_that_contradicts_the_date_warns() -> None:
    p = policy('[[rules]]\nid = "r"\nlift = "12:00 pm EDT Sat Oct 27, 2024"\nexplanation = "x"\n')
    assert any("Sunday" in w for _, w in p.parse_warnings)


def test_labels_compare_case_blind_with_spaces_and_underscores() -> None:
    p = policy('[[rules]]\nid = "pp"\ntags = ["Press Programme"]\nlift = "2024-06-14 10:00"\n'
               'explanation = "x"\n[[rules]]\nid = "r"\nlift = "2024-06-01 10:00"\n'
               'explanation = "x"\n')
    a = abstract(tags=("press_programme",))
    j = judge_at(p, "2024-06-05 10:00 CT", "editorial", ["abstract"], a)
    assert j.verdict is V and j.findings[0].rule == "test-2024/pp"


def test_a_meeting_named_without_an_abstract_is_free_after_its_last_day() -> None:
    # Whatever abstract it reports, its session is at the meeting (12-15 June): after the last
    # day, every lift tied to a session has passed; during the meeting nobody can tell; a
    # late-breaker's own rule counts too, not only the rule of an unlabelled abstract.
    from embargo.engine import judge
    from embargo.model import Item, Kind, KindGuess
    from embargo.policy import PolicySet

    p = policy('[[rules]]\nid = "lb"\ntags = ["late-breaking"]\nlift = "session_start"\n'
               'explanation = "x"\n'
               '[[rules]]\nid = "regular"\nlift = "2024-06-01 10:00 CT"\nexplanation = "x"\n')

    def verdict(at: str) -> tuple[Verdict, datetime | None]:
        item = Item(source="t", text="Researchers at Test Meeting 2024 ...",
                    kind=KindGuess(Kind.EDITORIAL, 1.0), published_at=t(at, "America/Chicago"),
                    meetings=("test-2024",))
        j = judge(item, PolicySet([p]))
        return j.verdict, j.earliest_compliant

    end = t("2024-06-16 00:00 CT")
    assert verdict("2024-06-14 10:00 CT") == (R, end)  # a late-breaker may not be out yet
    assert verdict("2024-06-15 23:59:59 CT") == (R, end)
    assert verdict("2024-06-16 00:00 CT") == (P, end)
