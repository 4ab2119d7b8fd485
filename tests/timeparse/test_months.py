"""The month names every date reader shares (embargo/timeparse/months.py)."""

from __future__ import annotations

import re

import pytest

from embargo.timeparse import months


def test_every_spelling_is_read_by_the_pattern_and_numbered() -> None:
    whole = re.compile(months.PATTERN, re.IGNORECASE)
    for name, number in months.NUMBER.items():
        assert whole.fullmatch(name), name
        assert whole.fullmatch(name.capitalize() + "."), name
        assert months.ABBREVIATIONS[number - 1] == name[:3]
    assert sorted(set(months.NUMBER.values())) == list(range(1, 13))


@pytest.mark.parametrize("word", ["Mayor", "Marching", "Junk", "Octopus", "Decade", "Augment"])
def test_a_longer_word_is_no_month(word: str) -> None:
    assert not re.fullmatch(months.PATTERN, word, re.IGNORECASE)


def test_the_lower_case_variant_leaves_may_to_its_caller() -> None:
    lower = re.compile(months.PATTERN_LOWER_NOT_MAY)
    assert lower.fullmatch("sept.") and lower.fullmatch("december")
    assert not lower.fullmatch("may")
    assert not lower.fullmatch("September")  # folded text only
