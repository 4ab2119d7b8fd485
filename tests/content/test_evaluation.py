"""The content evaluation set: accuracy of kind, tiers and verdict on 80+ written drafts."""

from __future__ import annotations

from pathlib import Path

from tests.content.evaluation import CASES, load_cases, metrics, run


def test_every_draft_is_a_case_and_there_are_enough() -> None:
    files = {p.name for p in (CASES / "drafts").iterdir()}
    used = {c["file"] for c in load_cases()}
    assert files == used
    assert len(files) >= 80
    suffixes = {Path(f).suffix for f in files}
    assert {".md", ".txt", ".html", ".eml"} <= suffixes


def test_accuracy(tmp_path: Path) -> None:
    outcomes = run(tmp_path / "catalog.db")
    m = metrics(outcomes)
    misses = [o.name for o in outcomes if not (o.kind_ok and o.verdict_ok)]
    assert m["false_pass"] == 0, "a pass where the truth is violation"
    assert m["kind"] >= 0.9, misses
    assert m["kind_inferred"] >= 0.9, misses
    assert m["tier"] >= 0.9
    assert m["verdict"] >= 0.95, misses
    assert m["earliest"] >= 0.9
