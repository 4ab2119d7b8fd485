"""``Presence``: whether a pattern occurs, searched branch by branch, gives the answer of
``bool(pattern.search(text))``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from embargo.content import tiers
from embargo.content.numbers import fold_for_ignorecase
from embargo.patterns import Presence, required_literals, top_level_branches


def test_branches_are_cut_only_at_the_top_level() -> None:
    assert top_level_branches(r"a|b(?:c|d)|[|]x|\|y") == ["a", "b(?:c|d)", "[|]x", r"\|y"]
    assert top_level_branches(r"[]|]z|w") == ["[]|]z", "w"]
    assert top_level_branches("only") == ["only"]


@pytest.mark.parametrize("source, flags, literals", [
    (r"\bnew cases\b", re.I, ("new cases",)),
    (r"\b(?:is|are) (?:a|an) (?:rare|chronic)\b", re.I, ("chronic", "rare")),
    (r"\bdisclos(?:ed|ure)\b", re.I, ("disclos",)),
    (r"Ab+cd", 0, ("cd",)),  # the longest run: "cd" (the repeat ends the run "A")
    (r"(?:xy)+z?", 0, ("xy",)),  # a repeat needed at least once requires its body
    (r"x?", 0, None),  # nothing is required
    (r"©", 0, None),  # beyond ASCII: not compared
    (r"(?:foo|\d+)", 0, None),  # one alternative requires no literal
])
def test_required_literals(source: str, flags: int, literals: tuple[str, ...] | None) -> None:
    assert required_literals(source, flags) == literals


_SOURCES = [tiers._BACKGROUND.source, r"\b(?:K|s|i)ing\b|ſtar|\bİD\b|x{2,}|(?i:About) us"]
_PIECES = ["new cases", "NEW CASES", "cases", " each year", " worldwide", "is a ", "are the ",
           "rare", "chronic", "affects ", "about ", "7", "people", "In the U.S.", "estimated",
           "©", "shares rose", "revenue", "is being ", "studied", "Was funded by", "disclosure",
           "\u212aing", "King", "ſtar", "STAR", "İD", "id", "xx", "about us", "ABOUT us",
           " ", ".", ", ", "the", "\n"]


@settings(max_examples=800, deadline=None)
@given(st.sampled_from(_SOURCES), st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_presence_answers_as_search(source: str, text: str) -> None:
    p = Presence(source, re.IGNORECASE)
    want = re.compile(source, re.IGNORECASE).search(text) is not None
    assert p.found(text, fold_for_ignorecase(text)) == want


def test_background_on_every_real_sentence() -> None:
    """The background test, branch by branch, agrees with the whole pattern on every
    sentence of the real-coverage set."""
    whole = re.compile(tiers._BACKGROUND.source, re.IGNORECASE)
    root = Path(__file__).parent / "cases" / "real"
    n = 0
    for f in sorted(root.glob("*/*/*.md")):
        for sent in tiers._sentences_now(f.read_text(encoding="utf-8")):
            n += 1
            assert tiers._BACKGROUND.found(sent.text, fold_for_ignorecase(sent.text)) == (
                whole.search(sent.text) is not None), (f.name, sent.text)
    assert n > 1000
