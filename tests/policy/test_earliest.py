"""What ``earliest_compliant`` means in a review: the latest known upper bound of every lift
involved; null only when one of them has no upper bound (docs/policies.md, section 2)."""

from __future__ import annotations

from embargo.model import Verdict
from tests.policy.helpers import abstract, judge_at, policy, t

R = Verdict.REVIEW
CT = "America/Chicago"

RULES = '''
[events]
abstracts_online = "2024-06-01"
beyond_free = { unknown = true, not_before = "2024-06-12 08:00", not_after = "meeting_end" }

[[rules]]
id = "late"
tags = ["late-breaking"]
lift = "unknown"
explanation = "Late-breaking: not published."

[[rules]]
id = "ask"
tags = ["ask"]
review = "the organiser decides case by case"
explanation = "Ask the press office."

[[rules]]
id = "beyond"
tiers = ["beyond"]
lift = "beyond_free"
explanation = "Beyond the abstract: during the meeting, time not published."

[[rules]]
id = "abstract"
lift = "abstracts_online"
explanation = "Abstracts on June 1, no time given."
'''


def test_a_day_lift_gives_the_next_midnight() -> None:
    j = judge_at(policy(RULES), "2024-06-01 12:00 CT", "editorial", ["abstract"])
    assert j.verdict is R and j.earliest_compliant == t("2024-06-02 00:00", CT)


def test_bounds_give_the_upper_bound_and_the_latest_over_tiers_and_abstracts() -> None:
    p = policy(RULES)
    j = judge_at(p, "2024-06-13 12:00 CT", "editorial", ["abstract", "beyond"])
    assert j.verdict is R and j.earliest_compliant == t("2024-06-16 00:00", CT)
    j = judge_at(p, "2024-06-01 12:00 CT", "editorial", ["abstract"], abstract("1"),
                 abstract("2"))
    assert j.verdict is R and j.earliest_compliant == t("2024-06-02 00:00", CT)


def test_null_only_when_a_lift_involved_has_no_upper_bound() -> None:
    p = policy(RULES)
    late = abstract("LB1", category="late-breaking")
    j = judge_at(p, "2024-06-13 12:00 CT", "editorial", ["abstract"], abstract("1"), late)
    assert j.verdict is R and j.earliest_compliant is None
    j = judge_at(p, "2024-06-13 12:00 CT", "editorial", ["abstract"],
                 abstract("2", tags=("ask",)))
    assert j.verdict is R and j.earliest_compliant is None  # a person decides: no time


def test_a_requirement_that_applies_before_a_lift_counts_that_lift() -> None:
    p = policy(RULES + '''
[[requirements]]
id = "number"
kinds = ["press-release"]
check = "abstract-number"
before = "session_start"
explanation = "Releases before the session must state the abstract number."
''')
    a = abstract("7", session=("2024-06-14 10:00 CT", None))
    j = judge_at(p, "2024-06-13 12:00 CT", "press-release", ["abstract"], a)
    assert j.verdict is R
    # The abstract has been free since June 2, but the same text (without the number) passes
    # only once the requirement no longer applies.
    assert j.earliest_compliant == t("2024-06-14 10:00", CT)
