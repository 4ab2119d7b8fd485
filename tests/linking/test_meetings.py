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
    # a bracketed series before its year, however the society around it is named
    ("at the American Society for Clinical Oncology (ASCO) 2024 annual meeting", ["asco-2024"]),
    ("a poster at the American College of Rheumatology (ACR) 2024 meeting", ["acr-2024"]),
    ("the score (DAS) 2024 update", []),  # not a meeting series
])
def test_mentions(matcher: MeetingMatcher, text: str, expected: list[str]) -> None:
    assert matcher.find(text, AT) == expected


@pytest.mark.parametrize("text, expected", [
    ("ACR20 response at week 12 was 35.2%", []),
    ("week-12 ACR20 responses of 44.2%", []),
    ("ACR20/50/70 rates rose", []),
    ("ACR50 responders were fewer", []),
    # the meeting's own forms stay
    ("Great data at #ACR20!", ["acr-2020"]),
    ("a poster at ACR20 in November", ["acr-2020"]),
])
def test_a_response_criterion_glued_to_its_threshold_is_no_meeting(
        text: str, expected: list[str]) -> None:
    # With ACR Convergence 2020 in the catalogue, "ACR20" spells it as "ACR24" spells 2024;
    # followed by "response", "responders", "/50/70", it is the response criterion.
    m = MeetingMatcher.build(PolicySet.load(), ["acr-2020", "acr-2024"])
    assert m.find(text, AT) == expected


def test_order_of_first_mention_and_helper() -> None:
    text = "After #ACR24 comes EULAR 2024; back at ACR Convergence 2024 again."
    assert mentioned_meetings(text, PolicySet.load(), AT) == ["acr-2024", "eular-2024"]


def test_the_last_text_is_remembered_for_that_moment_only() -> None:
    from datetime import timedelta, timezone

    m = MeetingMatcher.build(PolicySet.load(), ["acr-2021", "acr-2024"])
    text = "at ACR Convergence this week"
    first = m.mentions(text, AT)
    assert [x.meeting for x in first] == ["acr-2024"]
    first.clear()  # the caller's list is its own
    again = m.mentions(text, AT)
    assert [x.meeting for x in again] == ["acr-2024"]
    assert m._last is not None and m._last[0] == text
    # The same instant in another zone is another moment: read again, not remembered.
    elsewhere = AT.astimezone(timezone(timedelta(hours=-5)))
    assert m.mentions(text, elsewhere) == again and m._last[1] is elsewhere
    assert m.find("an ACR Convergence 2021 poster", AT) == ["acr-2021"]


def test_an_edition_named_with_its_year_stays_that_edition_in_a_later_item() -> None:
    # A digest dated a year later: "ACR Convergence 2024, the American College of
    # Rheumatology's annual meeting" is the 2024 edition, the apposition too.
    m = MeetingMatcher.build(PolicySet.load(), ["acr-2024", "acr-2025"])
    later = datetime(2025, 9, 19, 12, tzinfo=UTC)
    text = ("UCB used ACR Convergence 2024, the American College of Rheumatology's annual "
            "meeting, to present the data.")
    found = m.mentions(text, later, dated=True)
    assert {x.meeting for x in found} == {"acr-2024"}
    # without an edition named, the yearless series is still the edition of the item's date
    alone = m.mentions("UCB presented at the American College of Rheumatology's annual "
                       "meeting.", later, dated=True)
    assert {x.meeting for x in alone} == {"acr-2025"}


@pytest.mark.parametrize("text, expected", [
    ("[ESMO Asia 2023, abstract LBA1]", ["esmo-asia-2023"]),
    ("as we reported at ESMO 2023 in Madrid", ["esmo-2023"]),
    ("ESMO Asia 2023 and ESMO 2023", ["esmo-asia-2023", "esmo-2023"]),
    ("presented at ERA 2024 in Stockholm", ["era-2024"]),
    # a meeting only the catalogue knows: its series in capitals, with its year in four
    # digits ("EHA23" is the 23rd congress, of 2018; "a new era 2024" is no meeting)
    ("EHA23 Report: the presidential symposium", []),
    ("a new era 2024 for dialysis", []),
    ("Esmo 2023 in Madrid", []),
    ("ESMO Congress 2024", []),  # a name no policy gives: the series and year only
])
def test_a_catalogue_only_meeting_is_named_by_its_series_and_year(
        text: str, expected: list[str]) -> None:
    m = MeetingMatcher.build(PolicySet.load(), ["esmo-2023", "esmo-asia-2023", "era-2024",
                                                "eha-2023", "acr-2024"])
    assert m.find(text, AT) == expected
