"""`counts_as`: a rule may say what the items it governs carry by nature (ACR 2024 counts
editorial coverage as beyond the abstract even when it only restates it)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from embargo.engine import judge
from embargo.model import Abstract, Item, Kind, KindGuess, Link, Tier, TierEvidence, Verdict
from embargo.policy import PolicySet

ET = ZoneInfo("America/New_York")
ABSTRACT = Abstract(meeting="acr-2024", number="1709", title="A study",
                    online_at=datetime(2024, 10, 25, 10, tzinfo=ET))


def judged(kind: Kind, at: datetime) -> tuple[Verdict, set[Tier]]:
    item = Item(source="-", text="It restates the abstract.",
                kind=KindGuess(kind, 1.0, (), "flag"), published_at=at,
                links=(Link(ABSTRACT, 1.0, ("named",)),),
                tiers={ABSTRACT.id: (TierEvidence(Tier.ABSTRACT, "It restates the abstract.",
                                                  "restates"),)})
    j = judge(item, PolicySet.load())
    return j.verdict, {f.tier for f in j.findings if f.tier is not None}


def test_editorial_coverage_counts_as_beyond_under_acr_2024() -> None:
    verdict, tiers = judged(Kind.EDITORIAL, datetime(2024, 11, 1, 9, tzinfo=ET))
    assert Tier.BEYOND in tiers and verdict is Verdict.VIOLATION
    verdict, tiers = judged(Kind.EDITORIAL, datetime(2024, 11, 14, 10, tzinfo=ET))
    assert Tier.BEYOND in tiers and verdict is Verdict.PASS


def test_a_press_release_restating_the_abstract_carries_only_what_it_says() -> None:
    verdict, tiers = judged(Kind.PRESS_RELEASE, datetime(2024, 11, 1, 9, tzinfo=ET))
    assert tiers == {Tier.ABSTRACT} and verdict is Verdict.PASS
