"""Meeting mentions: names, aliases, series and year, hashtags, the edition by date."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from embargo.linking.meetings import MeetingMatcher, mentioned_meetings
from embargo.policy import PolicySet

AT = datetime(2024, 11, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def matcher() -> MeetingMatcher:
    return MeetingMatcher.build(PolicySet.load(), ["acr-2021", "acr-2024"])


@pytest.mark.parametrize("text, expected", [
    ("Presented at ACR Convergence 2024 in Washington", ["acr-2024"]),
    ("Great data at #ACR24!", ["acr-2024"]),
    ("#ACR2024 day two", ["acr-2024"]),
    ("see you at acr '24", ["acr-2024"]),
    ("at ACR 2024, researchers said", ["acr-2024"]),
    ("an ACR Convergence 2021 poster", ["acr-2021"]),
    ("at ACR Convergence this week", ["acr-2024"]),  # nearest edition to the date
    ("the ACR annual meeting", ["acr-2024"]),
    ("ACR20 response was 62% and ACR 20 was reached", []),  # response criteria
    ("The ACR guideline on gout", []),  # the organisation, not a meeting
    ("ACR Convergence 2019 was in Atlanta", []),  # an edition nobody knows
    ("EULAR recommendations for RA", []),  # "EULAR 2024" does not make "EULAR" a meeting
    ("the ASCO guideline on adjuvant therapy", []),
    ("chest pain after exercise", []),
    ("live from #TLM24", ["aasld-2024"]),  # the initials of The Liver Meeting
    ("at the ASCO Annual Meeting", ["asco-2024"]),
])
def test_mentions(matcher: MeetingMatcher, text: str, expected: list[str]) -> None:
    assert matcher.find(text, AT) == expected


def test_order_of_first_mention_and_helper() -> None:
    text = "After #ACR24 comes EULAR 2024; back at ACR Convergence 2024 again."
    assert mentioned_meetings(text, PolicySet.load(), AT) == ["acr-2024", "eular-2024"]
