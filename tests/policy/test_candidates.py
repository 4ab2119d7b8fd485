"""Candidates: abstracts an item may be about, too weakly linked to judge as links."""

from __future__ import annotations

from embargo.engine import judge
from embargo.model import Item, Kind, KindGuess, Link, Verdict
from embargo.policy import PolicySet
from tests.policy.helpers import abstract, policy, t

P = policy('[[rules]]\nid = "all"\nlift = "2024-06-13 10:00 AM CT"\nexplanation = "x"\n')


def _item(at: str, cand: Link) -> Item:
    return Item(source="test", text="", kind=KindGuess(Kind.EDITORIAL, 1.0, source="flag"),
                published_at=t(at, "America/Chicago"), candidates=(cand,))


def test_a_candidate_under_embargo_is_review() -> None:
    cand = Link(abstract("7"), 0.55, ("trial names: lumen3",))
    j = judge(_item("2024-06-12 09:00", cand), PolicySet([P]))
    assert j.verdict is Verdict.REVIEW
    # after the lift, whatever it is about is free
    assert judge(_item("2024-06-13 10:00", cand), PolicySet([P])).verdict is Verdict.PASS


def test_a_candidate_of_an_item_placing_its_data_elsewhere_is_said_not_alarmed() -> None:
    # The item reports a journal paper (or a topline, another meeting's talk): those data are
    # public by that route, and the trial's name it shares with the abstract is the study's.
    cand = Link(abstract("7"), 0.55, ("trial names: lumen3",),
                elsewhere="a journal publication (NEJM)")
    j = judge(_item("2024-06-12 09:00", cand), PolicySet([P]))
    assert j.verdict is Verdict.PASS
    said = [f for f in j.findings if f.abstract == "test-2024:7"]
    assert said and "places its data at a journal publication (NEJM)" in said[0].message
